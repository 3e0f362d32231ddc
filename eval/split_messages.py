#!/usr/bin/env python3
"""The two message sets: outbound messages (essential or not) and inbound replies (opt-out,
opt-in, help or none). Splits a pool once into a development half and a held-out half, checks
the halves, and writes the count tables into the sets' READMEs.

Usage (from the root of a checkout):

    python3 eval/split_messages.py split classify POOL.toml   # once: writes dev.toml, held-out.toml
    python3 eval/split_messages.py split inbound POOL.toml
    python3 eval/split_messages.py check                      # validate both sets; exit 1 on any fault
    python3 eval/split_messages.py tables                     # rewrite the count tables in the READMEs
    python3 eval/split_messages.py halves author-b            # once: writes author-b-halves.toml

The split rule. Every item gets the SHA-256 of its id. Items are sorted by their stratum
(language, label, then the finer fields) and, inside a stratum, by that digest; the sorted
list is then dealt alternately, the first item to dev, the second to held-out, and so on.
Because each stratum, and each group of strata that shares a prefix (a language, a language and
a class), is a contiguous run of that list, every one of them is split evenly, give or take one
item. `check` deals the union of the two halves again and fails if any item sits in the other
half, so an item moved by hand is caught. The split is made once: `split` refuses to overwrite a
half that exists.

A further set written by another author (`eval/classify/author-b.toml`, the same schema, not
part of the pool) is halved once into A and B by a seeded shuffle stratified by language and
class: its items are sorted by (language, class, SHA-256 of "SEED:id") and dealt alternately to
A and B; the ids of each half are written to `author-b-halves.toml` with the seed, and `check`
deals them again and fails on any difference.

The sets written apart and kept whole (`eval/classify/author-c.toml` by a third author and the
sets after it: some judge, some have judged and may train, some were written for training) are
the rows of the registry `eval/classify/sets.toml` with an id prefix whose file no row halves.
None is halved: `check` validates each the same way and fails if any of its texts, with case
and runs of white space folded, repeats one of the pool, of `training.toml`, of a further set
or of another set written apart (the held-out half is compared, never shown). A set is added
by a row of the registry, not here.

Only the standard library is needed (Python 3.11 or later, for tomllib).
"""
import hashlib
import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.abspath(__file__))

ESSENTIAL = ["otp", "notifications", "fraud", "security", "customercare", "delivery"]
NON_ESSENTIAL = ["marketing", "events", "education", "polling", "announcements"]

# Finer tags. Each kind belongs to one class, except the few that say both.
CLASSIFY_KINDS = {
    "essential": [
        "otp", "fraud-alert", "security-alert", "delivery", "shipping", "order-confirmation",
        "appointment-reminder", "payment-reminder", "account-notice", "renewal-notice",
        "prescription", "customer-care", "outage", "safety-alert", "school-closure",
        "travel-update",
    ],
    "non-essential": [
        "promo", "loyalty", "re-engagement", "price-alert", "stock-alert", "hard-mixed",
        "event-invitation", "survey", "poll", "education", "announcement", "newsletter",
        "charity", "political",
    ],
}

INBOUND_KINDS = {
    "opt-out": ["keyword", "keyword-variant", "free-text-revocation", "wrong-number",
                "question-revocation"],
    "opt-in": ["keyword", "keyword-variant", "opt-in"],
    "help": ["keyword", "keyword-variant", "help-request"],
    "none": ["near-miss", "question", "conversation"],
}


class Set:
    """What distinguishes the two sets."""

    def __init__(self, name, table, prefix, fields, optional, label, stratum):
        self.name = name
        self.table = table          # the TOML array-of-tables name
        self.prefix = prefix        # ids are PREFIX-LANG-NNNN
        self.fields = fields        # in the order they are written
        self.optional = optional    # fields that may be absent
        self.label = label          # the field the table of counts is kept by
        self.stratum = stratum      # item -> tuple of strings


SETS = {
    "classify": Set(
        "classify", "message", "cls",
        ["id", "lang", "text", "class", "intent", "kind", "hard", "note"],
        {"note"},
        "class",
        lambda m: (m["lang"], m["class"], "hard" if m["hard"] else "plain", m["kind"]),
    ),
    "inbound": Set(
        "inbound", "reply", "in",
        ["id", "lang", "text", "action", "scope", "kind", "note"],
        {"scope", "note"},
        "action",
        lambda r: (r["lang"], r["action"], r.get("scope", ""), r["kind"]),
    ),
}

HALVES = ["dev", "held-out"]


def half_path(s, half):
    return os.path.join(ROOT, s.name, half + ".toml")


def digest(item_id):
    return hashlib.sha256(item_id.encode("utf-8")).hexdigest()


def deal(s, items):
    """The split rule: {id: half}."""
    order = sorted(items, key=lambda it: (s.stratum(it), digest(it["id"])))
    return {it["id"]: HALVES[i % 2] for i, it in enumerate(order)}


# ---------------------------------------------------------------------------------------------
# Validation


def validate_item(s, it, where):
    """The faults of one item, as messages naming the file and the id."""
    faults = []
    name = it.get("id", "?")

    def fault(msg):
        faults.append(f"{where}: {name}: {msg}")

    for f in s.fields:
        if f not in it and f not in s.optional:
            fault(f"missing field `{f}`")
    for f in it:
        if f not in s.fields:
            fault(f"unknown field `{f}`")
    if faults:
        return faults
    for f in s.fields:
        if f in it and f != "hard" and not isinstance(it[f], str):
            fault(f"`{f}` must be a string")
    if faults:
        return faults
    if it["lang"] not in ("en", "es"):
        fault(f"`lang` is {it['lang']!r}, not en or es")
    if not re.fullmatch(rf"{s.prefix}-{it['lang']}-\d{{4}}", it["id"]):
        fault(f"id does not read {s.prefix}-{it['lang']}-NNNN")
    if not it["text"].strip():
        fault("empty `text`")
    if it["text"] != it["text"].strip():
        fault("`text` has leading or trailing white space")

    if s.name == "classify":
        if not isinstance(it["hard"], bool):
            fault("`hard` must be true or false")
        cls, intent, kind = it["class"], it["intent"], it["kind"]
        if cls not in CLASSIFY_KINDS:
            fault(f"`class` is {cls!r}")
            return faults
        intents = ESSENTIAL if cls == "essential" else NON_ESSENTIAL
        if intent not in intents:
            fault(f"intent {intent!r} is not one of the {cls} intents")
        if kind not in CLASSIFY_KINDS[cls]:
            fault(f"kind {kind!r} is not a {cls} kind")
        if kind == "hard-mixed" and not it["hard"]:
            fault("a hard-mixed message must be marked hard")
        if it["hard"] and not it.get("note", "").strip():
            fault("a hard case needs a `note` that gives the reason for its label")
    else:
        action, kind = it["action"], it["kind"]
        if action not in INBOUND_KINDS:
            fault(f"`action` is {action!r}")
            return faults
        if kind not in INBOUND_KINDS[action]:
            fault(f"kind {kind!r} is not a kind of {action}")
        if action == "opt-out":
            if it.get("scope") not in ("sender", "all"):
                fault("an opt-out needs `scope` = sender or all")
        elif "scope" in it:
            fault("only an opt-out has a `scope`")
    return faults


def load_half(s, half):
    path = half_path(s, half)
    with open(path, "rb") as f:
        data = tomllib.load(f)
    extra = set(data) - {s.table}
    if extra:
        raise SystemExit(f"{path}: unexpected top-level keys {sorted(extra)}")
    return data.get(s.table, [])


def check_set(s):
    faults = []
    halves = {}
    for half in HALVES:
        rel = f"eval/{s.name}/{half}.toml"
        try:
            items = load_half(s, half)
        except FileNotFoundError:
            faults.append(f"{rel}: missing")
            continue
        except tomllib.TOMLDecodeError as e:
            faults.append(f"{rel}: {e}")
            continue
        for it in items:
            faults.extend(validate_item(s, it, rel))
        halves[half] = items
    if len(halves) < 2 or faults:
        return faults
    seen = {}
    for half, items in halves.items():
        for it in items:
            if it["id"] in seen:
                faults.append(f"{it['id']}: in {seen[it['id']]} and in {half}")
            seen[it["id"]] = half
    texts = {}
    for half, items in halves.items():
        for it in items:
            key = (it["lang"], it["text"])
            if key in texts:
                faults.append(f"{it['id']}: same text as {texts[key]}")
            texts[key] = it["id"]
    if faults:
        return faults
    everything = halves["dev"] + halves["held-out"]
    dealt = deal(s, everything)
    for half, items in halves.items():
        for it in items:
            if dealt[it["id"]] != half:
                faults.append(f"{it['id']}: is in {half}, the split rule puts it in {dealt[it['id']]}")
    tables = render_tables(s, halves)
    readme = os.path.join(ROOT, s.name, "README.md")
    if os.path.exists(readme):
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        if tables not in text:
            faults.append(f"eval/{s.name}/README.md: the count tables are stale; run `tables`")
    return faults


# ---------------------------------------------------------------------------------------------
# Further sets by other authors, halved once by a seeded shuffle

FURTHER = {"author-b": (20261205, "clsb")}   # the set's name: the seed of its halves, its ids' prefix


def further_path(name, suffix=""):
    return os.path.join(ROOT, "classify", f"{name}{suffix}.toml")


def deal_halves(items, seed):
    """The seeded, stratified shuffle: {id: "a" | "b"}."""
    key = lambda it: (it["lang"], it["class"],
                      hashlib.sha256(f"{seed}:{it['id']}".encode("utf-8")).hexdigest())
    order = sorted(items, key=key)
    return {it["id"]: "ab"[i % 2] for i, it in enumerate(order)}


def load_further(name):
    with open(further_path(name), "rb") as f:
        data = tomllib.load(f)
    extra = set(data) - {"message"}
    if extra:
        raise SystemExit(f"eval/classify/{name}.toml: unexpected top-level keys {sorted(extra)}")
    return data.get("message", [])


def check_further_items(name, prefix):
    """The items of a further set and their faults: fields, values, unique ids and texts."""
    rel = f"eval/classify/{name}.toml"
    try:
        items = load_further(name)
    except FileNotFoundError:
        return [], []
    except tomllib.TOMLDecodeError as e:
        return [], [f"{rel}: {e}"]
    pool = SETS["classify"]
    s = Set(pool.name, pool.table, prefix, pool.fields, pool.optional, pool.label, pool.stratum)
    faults = []
    for it in items:
        faults.extend(validate_item(s, it, rel))
    ids, texts = set(), set()
    for it in items:
        if it.get("id") in ids:
            faults.append(f"{rel}: {it.get('id')}: the id is used twice")
        ids.add(it.get("id"))
        key = (it.get("lang"), it.get("text"))
        if key in texts:
            faults.append(f"{rel}: {it.get('id')}: the same text twice")
        texts.add(key)
    return items, faults


def check_further(name, seed, prefix):
    items, faults = check_further_items(name, prefix)
    if faults or not items:
        return faults
    try:
        with open(further_path(name, "-halves"), "rb") as f:
            halves = tomllib.load(f)
    except FileNotFoundError:
        return [f"eval/classify/{name}-halves.toml: missing; run `halves {name}` once"]
    if halves.get("seed") != seed:
        faults.append(f"eval/classify/{name}-halves.toml: seed {halves.get('seed')!r}, not {seed}")
    dealt = deal_halves(items, seed)
    for half in "ab":
        listed = halves.get(half, [])
        if sorted(listed) != sorted(i for i, h in dealt.items() if h == half):
            faults.append(f"eval/classify/{name}-halves.toml: half {half.upper()} is not the dealt one")
    return faults


# The registry of the sets: one row per set, the one list of them (eval/classify/sets.toml)

REGISTRY = os.path.join(ROOT, "classify", "sets.toml")
REGISTRY_FIELDS = {"name", "file", "half", "prefix", "short", "role"}
ROLES = ("tunes", "trains", "judges")


def read_registry(path=REGISTRY):
    """The rows of the registry, checked as `twiml eval classify` checks them: a fault names the
    file, the row and the field, and stops the script."""
    rel = os.path.relpath(path, os.path.dirname(ROOT))
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SystemExit(f"{rel}: {e}")
    extra = set(data) - {"set"}
    if extra:
        raise SystemExit(f"{rel}: unexpected key `{sorted(extra)[0]}`: the registry is one array, `set`, of rows")
    rows = data.get("set")
    if not isinstance(rows, list):
        raise SystemExit(f"{rel}: no `set = [...]`: the registry lists no set")
    names = {}
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise SystemExit(f"{rel}: row {n}: a row is a table")
        at = f"{rel}: row {n}" + (f" (`{row['name']}`)" if isinstance(row.get("name"), str) else "")
        for key in row:
            if key not in REGISTRY_FIELDS:
                raise SystemExit(f"{at}: unknown field `{key}`")
        for key in ("name", "file", "role"):
            if key not in row:
                raise SystemExit(f"{at}: `{key}` is missing")
        for key, value in row.items():
            if not isinstance(value, str) or not value:
                raise SystemExit(f"{at}: `{key}` must be a string that is not empty")
        if row["role"] not in ROLES:
            raise SystemExit(f"{at}: `role` `{row['role']}` is not tunes, trains or judges")
        if row.get("half", "a") not in ("a", "b"):
            raise SystemExit(f"{at}: `half` `{row['half']}` is not `a` or `b`")
        if row["name"] in names:
            raise SystemExit(f"{at}: `name` `{row['name']}` is row {names[row['name']]}'s too")
        names[row["name"]] = n
    return rows


def whole_sets(rows):
    """The sets written apart and kept whole, by name: their ids' prefix. A row with an id
    prefix whose file no row halves (`author-c` and after; not `author-b`, which is halved)."""
    halved = {r["file"] for r in rows if "half" in r}
    return {r["file"].removesuffix(".toml"): r["prefix"]
            for r in rows if "prefix" in r and "half" not in r and r["file"] not in halved}


def folded(text):
    return " ".join(text.split()).lower()


def check_scored(name, prefix, whole):
    items, faults = check_further_items(name, prefix)
    if faults or not items:
        return faults
    s = SETS["classify"]
    others = {}
    for half in HALVES:
        try:
            others[half] = load_half(s, half)
        except FileNotFoundError:
            pass
    for other in ["training", *FURTHER, *(n for n in whole if n != name)]:
        try:
            with open(further_path(other), "rb") as f:
                others[other] = tomllib.load(f).get("message", [])
        except FileNotFoundError:
            pass
    seen = {folded(it["text"]): where for where, its in others.items() for it in its}
    repeated = {}
    for it in items:
        where = seen.get(folded(it["text"]))
        if where:
            repeated[where] = repeated.get(where, 0) + 1
    for where, n in sorted(repeated.items()):
        faults.append(f"eval/classify/{name}.toml: {n} messages repeat one of {where}")
    return faults


def write_halves(name):
    seed, prefix = FURTHER[name]
    out = further_path(name, "-halves")
    if os.path.exists(out):
        raise SystemExit(f"eval/classify/{name}-halves.toml exists: the halves are dealt once")
    items = load_further(name)
    faults = check_further(name, seed, prefix)
    faults = [f for f in faults if "-halves.toml: missing" not in f]
    if faults:
        raise SystemExit("\n".join(faults))
    dealt = deal_halves(items, seed)
    lines = [
        f"# The two halves of {name}.toml, dealt once by `eval/split_messages.py halves {name}`:",
        "# sorted by (lang, class, SHA-256 of \"SEED:id\") and dealt alternately to A and B.",
        "# Never deal them again, never move an id.",
        f"seed = {seed}",
    ]
    for half in "ab":
        chosen = sorted(i for i, h in dealt.items() if h == half)
        lines.append(f"{half} = [")
        lines += [f"    {toml_string(i)}," for i in chosen]
        lines.append("]")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    for half in "ab":
        print(f"half {half.upper()}: {sum(h == half for h in dealt.values())} items")


# ---------------------------------------------------------------------------------------------
# Writing


def toml_string(value):
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render_items(s, items, header):
    lines = [header.rstrip("\n"), ""]
    for it in items:
        lines.append(f"[[{s.table}]]")
        for f in s.fields:
            if f not in it or (f in s.optional and it[f] == ""):
                continue
            v = it[f]
            lines.append(f"{f} = {'true' if v is True else 'false' if v is False else toml_string(v)}")
        lines.append("")
    return "\n".join(lines)


HEADER = """\
# {title}: the {half} half.
# Written once by eval/split_messages.py from a pool of {total}. Never move an item to the
# other half, and never change a label here to fit a result. README.md beside this file gives
# the schema and the labelling doctrine.
"""

TITLES = {"classify": "Outbound messages, essential or non-essential",
          "inbound": "Inbound replies: opt-out, opt-in, help or none"}


def split(set_name, pool_path):
    s = SETS[set_name]
    for half in HALVES:
        if os.path.exists(half_path(s, half)):
            raise SystemExit(f"eval/{s.name}/{half}.toml exists: the split is made once")
    with open(pool_path, "rb") as f:
        items = tomllib.load(f)[s.table]
    faults = []
    for it in items:
        faults.extend(validate_item(s, it, "pool"))
    ids = [it["id"] for it in items]
    if len(ids) != len(set(ids)):
        faults.append("pool: duplicate ids")
    if faults:
        raise SystemExit("\n".join(faults))
    dealt = deal(s, items)
    os.makedirs(os.path.join(ROOT, s.name), exist_ok=True)
    for half in HALVES:
        chosen = sorted((it for it in items if dealt[it["id"]] == half), key=lambda it: it["id"])
        header = HEADER.format(title=TITLES[s.name], half=half, total=len(items))
        with open(half_path(s, half), "w", encoding="utf-8") as f:
            f.write(render_items(s, chosen, header))
        print(f"eval/{s.name}/{half}.toml: {len(chosen)} items")


# ---------------------------------------------------------------------------------------------
# Count tables

BEGIN = "<!-- counts: generated by eval/split_messages.py tables; do not edit -->"
END = "<!-- end of counts -->"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def pct(n, d):
    return f"{100 * n / d:.1f}%" if d else "-"


def render_tables(s, halves):
    """The Markdown of the count tables, between the markers."""
    labels = list(CLASSIFY_KINDS) if s.name == "classify" else list(INBOUND_KINDS)
    parts = [BEGIN, ""]
    rows = []
    for half in HALVES + ["total"]:
        items = halves["dev"] + halves["held-out"] if half == "total" else halves[half]
        for lang in ("en", "es", "all"):
            sel = [it for it in items if lang == "all" or it["lang"] == lang]
            row = [half, lang] + [sum(it[s.label] == lab for it in sel) for lab in labels]
            if s.name == "classify":
                hard = sum(it["hard"] for it in sel)
                row += [len(sel), f"{hard} ({pct(hard, len(sel))})"]
            else:
                near = sum(it["kind"] == "near-miss" for it in sel)
                alls = sum(it.get("scope") == "all" for it in sel)
                row += [len(sel), f"{near} ({pct(near, len(sel))})", alls]
            rows.append(row)
    extra = ["total", "hard cases"] if s.name == "classify" else ["total", "near misses", "scope all"]
    parts.append(table(["half", "lang"] + labels + extra, rows))
    parts.append("")

    # Kinds, per half: shows that every kind reaches both halves.
    kinds = CLASSIFY_KINDS if s.name == "classify" else INBOUND_KINDS
    rows = []
    for lab, ks in kinds.items():
        for k in ks:
            counts = []
            for half in HALVES:
                for lang in ("en", "es"):
                    counts.append(sum(it[s.label] == lab and it["kind"] == k and it["lang"] == lang
                                      for it in halves[half]))
            if sum(counts):
                rows.append([lab, k] + counts)
    parts.append(table([s.label, "kind", "dev en", "dev es", "held-out en", "held-out es"], rows))
    if s.name == "classify":
        parts.append("")
        rows = []
        for intent in ESSENTIAL + NON_ESSENTIAL:
            counts = [sum(it["intent"] == intent for it in halves[h]) for h in HALVES]
            rows.append([intent] + counts)
        parts.append(table(["intent", "dev", "held-out"], rows))
    parts += ["", END]
    return "\n".join(parts)


def write_tables():
    for s in SETS.values():
        readme = os.path.join(ROOT, s.name, "README.md")
        if not all(os.path.exists(half_path(s, h)) for h in HALVES) or not os.path.exists(readme):
            continue
        halves = {h: load_half(s, h) for h in HALVES}
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        start, end = text.find(BEGIN), text.find(END)
        if start < 0 or end < start:
            raise SystemExit(f"eval/{s.name}/README.md: no count markers")
        text = text[:start] + render_tables(s, halves) + text[end + len(END):]
        with open(readme, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"eval/{s.name}/README.md: tables written")


def main(argv):
    if len(argv) == 3 and argv[0] == "split" and argv[1] in SETS:
        split(argv[1], argv[2])
    elif argv and argv[0] == "check" and all(a in SETS for a in argv[1:]):
        faults = []
        names = argv[1:] or [n for n in SETS if os.path.isdir(os.path.join(ROOT, n))]
        for n in names:
            faults.extend(check_set(SETS[n]))
            if n == "classify":
                for name, (seed, prefix) in FURTHER.items():
                    faults.extend(check_further(name, seed, prefix))
                whole = whole_sets(read_registry())
                for name, prefix in whole.items():
                    faults.extend(check_scored(name, prefix, whole))
        for f in faults:
            print(f, file=sys.stderr)
        if faults:
            return 1
        print("ok: " + ", ".join(names))
    elif len(argv) == 2 and argv[0] == "halves" and argv[1] in FURTHER:
        write_halves(argv[1])
    elif argv == ["tables"]:
        write_tables()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
