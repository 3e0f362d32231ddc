#!/usr/bin/env python3
"""Split the detection evaluation corpus into a development half and a held-out half.

The corpus was written as one pool of cases and split once with `split`; the pool itself is
not kept. The halves in `eval/detection/dev/` and `eval/detection/held-out/` are the corpus.

How a pool is split (deterministic, stratified):

* Cases are grouped into cells by (rule, lang, expect).
* Within a cell, cases are ordered by the SHA-256 of their `id` (hex digest, then the id
  itself to break a tie).
* The first floor(n/2) cases of that order go to `dev`, the remaining ceil(n/2) to
  `held-out`. Every cell is therefore halved; an odd case goes to the held-out half.
* A later batch (`append`) is ordered the same way and fills the halves so that each cell
  stays halved; cases already in a half never move.
* A batch written only for tuning (`append-dev`) goes whole to `dev`; each of its cases says
  `dev-only = true` and is left out of the halving. The held-out half never grows by it, so
  the held-out half stays what was split, unseen.

Commands (Python 3.11 or later, standard library only):

    python3 eval/split.py split POOL_DIR       # write both halves from POOL_DIR/<family>.toml
    python3 eval/split.py append POOL_DIR      # split a new batch the same way and append it;
                                               # cases already in a half never move
    python3 eval/split.py append-dev POOL_DIR  # append a batch of `dev-only = true` cases to dev
    python3 eval/split.py check [--twiml BIN]  # validate both halves; with BIN (the `twiml`
                                               # binary) also check every document is valid TwiML
    python3 eval/split.py counts               # print the count table
    python3 eval/split.py readme               # rewrite the count table in eval/README.md

Each case is copied byte for byte from the pool: the script cuts a file at its `[[case]]`
headers and never re-serialises a case.
"""

import collections
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(ROOT, "detection")
HALVES = ("dev", "held-out")
README = os.path.join(ROOT, "README.md")

FAMILIES = {
    "recording": ["REC001", "REC002", "REC003", "REC004", "REC005"],
    "payment": ["PCI001", "PCI002", "PCI004", "PCI005"],
    "robocall": ["TCPA001", "TCPA002", "TCPA003", "TCPA004"],
    "ai": ["AI002"],
    "debt": ["DEBT001", "DEBT002", "DEBT003", "DEBT004", "DEBT008", "DEBT009"],
    "health": ["PHI001", "PHI003"],
    "messaging": ["MSG003", "MSG004", "MSG005", "MSG006"],
    "general": ["GEN001", "GEN003"],
}
RULE_ORDER = [r for rules in FAMILIES.values() for r in rules]
FAMILY_OF = {r: f for f, rules in FAMILIES.items() for r in rules}
LANGS = ("en", "es")
EXPECTS = ("fire", "silent")
WEAKNESSES = {
    "card-paraphrase", "spoken-card-capture", "card-menu-option", "card-statement",
    "numdigits-card", "collector-name", "account-number", "debt-vocabulary",
    "callback-phrasing", "split-say", "ssml-boundary", "not-a-notice", "negation",
    "everyday-health", "continuation", "voicemail-name", "late-identification",
}
CASE_KEYS = {"id", "rule", "lang", "expect", "dev-only", "weakness", "note", "policy", "twiml"}
POLICY_KEYS = {"policies", "context", "business-names", "callback-numbers", "rules", "allow", "audio"}
REGIMES = {"payments", "debt-collection", "healthcare", "telemarketing", "ai-agent", "marketing-sms"}
FACTS = {"outbound", "voicemail", "subsequent", "right-party-verified", "recording-started",
         "recording-disclosed", "business-identified"}
DISCLOSURES = {"recording-notice", "business-identity", "ai-disclosure", "callback-number",
               "opt-out", "mini-miranda", "debt-collector"}
ID_RE = re.compile(r"^([a-z]+[0-9]+)-(en|es)-([0-9]{4})$")
HEADER = "[[case]]"


def die(message):
    sys.stderr.write(f"error: {message}\n")
    sys.exit(1)


def blocks_of(path):
    """The `[[case]]` blocks of a file, as (id, text), in file order."""
    text = open(path, encoding="utf-8").read()
    starts = [m.start() for m in re.finditer(r"(?m)^\[\[case\]\]$", text)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        block = text[start:end].rstrip("\n") + "\n"
        parsed = tomllib.loads(block)["case"][0]
        out.append((parsed["id"], block, parsed))
    whole = tomllib.loads(text).get("case", [])
    if len(whole) != len(out):
        die(f"{path}: {len(whole)} cases parsed but {len(out)} `[[case]]` headers found")
    return out


def validate(case, where):
    problems = []
    extra = set(case) - CASE_KEYS
    if extra:
        problems.append(f"unknown keys {sorted(extra)}")
    for key in ("id", "rule", "lang", "expect", "twiml"):
        if not isinstance(case.get(key), str) or not case.get(key):
            problems.append(f"missing `{key}`")
    if problems:
        return [f"{where}: {p}" for p in problems]
    m = ID_RE.match(case["id"])
    if not m or m.group(1) != case["rule"].lower() or m.group(2) != case["lang"]:
        problems.append(f"id `{case['id']}` does not read <rule>-<lang>-NNNN for its rule and language")
    if case["rule"] not in FAMILY_OF:
        problems.append(f"unknown rule `{case['rule']}`")
    if case["lang"] not in LANGS:
        problems.append(f"lang `{case['lang']}` is not en or es")
    if case["expect"] not in EXPECTS:
        problems.append(f"expect `{case['expect']}` is not fire or silent")
    if "dev-only" in case and case["dev-only"] is not True:
        problems.append("`dev-only` is not `true`")
    if "weakness" in case and case["weakness"] not in WEAKNESSES:
        problems.append(f"unknown weakness `{case['weakness']}`")
    if not case["twiml"].lstrip().startswith("<Response"):
        problems.append("twiml does not start with <Response>")
    policy = case.get("policy", {})
    if not isinstance(policy, dict):
        problems.append("policy is not a table")
        policy = {}
    for key in set(policy) - POLICY_KEYS:
        problems.append(f"unknown policy key `{key}`")
    for name in policy.get("policies", []):
        if name not in REGIMES:
            problems.append(f"unknown policy `{name}`")
    for name in policy.get("context", []):
        if name not in FACTS:
            problems.append(f"unknown context fact `{name}`")
    for url, says in policy.get("audio", {}).items():
        for name in says:
            if name not in DISCLOSURES:
                problems.append(f"unknown disclosure `{name}` for `{url}`")
    return [f"{where}: {case['id']}: {p}" for p in problems]


def read_dir(directory):
    """Every case block of `directory/<family>.toml`, keyed by family."""
    cases = {}
    for family in FAMILIES:
        path = os.path.join(directory, f"{family}.toml")
        cases[family] = blocks_of(path) if os.path.exists(path) else []
    return cases


def assign(cases, existing=None):
    """Map each case id to its half, by the stratified hash rule.

    `existing` counts the cases a cell already has in each half (for `append`): new cases then
    fill the halves so that the cell stays halved, the odd case in the held-out half.
    """
    existing = existing or collections.Counter()
    cells = collections.defaultdict(list)
    for case in cases:
        cells[(case["rule"], case["lang"], case["expect"])].append(case["id"])
    half = {}
    for cell, ids in cells.items():
        ids.sort(key=lambda i: (hashlib.sha256(i.encode()).hexdigest(), i))
        have_dev, have_held = existing[cell + (HALVES[0],)], existing[cell + (HALVES[1],)]
        total = have_dev + have_held + len(ids)
        cut = max(0, min(len(ids), total // 2 - have_dev))
        for n, i in enumerate(ids):
            half[i] = HALVES[0] if n < cut else HALVES[1]
    return half


def sort_key(parsed):
    return (RULE_ORDER.index(parsed["rule"]), LANGS.index(parsed["lang"]), parsed["id"])


def file_header(family, half):
    which = "development half: tune detectors on it" if half == "dev" else \
        "held-out half: score on it, never tune to it"
    return (f"# Detection evaluation corpus, {family} family, {which}.\n"
            f"# Written by eval/split.py; the format and labelling guide are in eval/README.md.\n"
            f"# Rules: {', '.join(FAMILIES[family])}.\n")


def write_halves(by_family, half_of, keep):
    for family, blocks in by_family.items():
        for half in HALVES:
            chosen = [b for b in blocks if half_of[b[0]] == half] + keep.get((family, half), [])
            chosen.sort(key=lambda b: sort_key(b[2]))
            os.makedirs(os.path.join(CORPUS, half), exist_ok=True)
            with open(os.path.join(CORPUS, half, f"{family}.toml"), "w", encoding="utf-8") as out:
                out.write(file_header(family, half))
                for _, block, _ in chosen:
                    out.write("\n" + block)


def check_pool(by_family):
    problems, seen = [], set()
    for family, blocks in by_family.items():
        for cid, _, parsed in blocks:
            problems += validate(parsed, family)
            if parsed.get("rule") in FAMILY_OF and FAMILY_OF[parsed["rule"]] != family:
                problems.append(f"{family}: {cid}: rule {parsed['rule']} belongs in {FAMILY_OF[parsed['rule']]}.toml")
            if cid in seen:
                problems.append(f"{family}: duplicate id {cid}")
            seen.add(cid)
    return problems, seen


def cmd_split(pool):
    if any(os.path.exists(os.path.join(CORPUS, h)) for h in HALVES):
        die("the corpus is already split; use `append` for a new batch")
    by_family = read_dir(pool)
    problems, _ = check_pool(by_family)
    if problems:
        die("\n".join(problems))
    half_of = assign([b[2] for blocks in by_family.values() for b in blocks])
    write_halves(by_family, half_of, {})


def read_batch(pool):
    """The corpus as it stands, a new batch, the batch's ids, and its problems so far."""
    existing = {(f, h): blocks for h in HALVES for f, blocks in read_dir(os.path.join(CORPUS, h)).items()}
    known = {b[0] for blocks in existing.values() for b in blocks}
    batch = read_dir(pool)
    problems, ids = check_pool(batch)
    problems += [f"{i}: already in the corpus" for i in sorted(ids & known)]
    return existing, batch, ids, problems


def cmd_append(pool):
    existing, batch, _, problems = read_batch(pool)
    if problems:
        die("\n".join(problems))
    counts = collections.Counter()
    for (_, half), blocks in existing.items():
        for _, _, parsed in blocks:
            counts[(parsed["rule"], parsed["lang"], parsed["expect"], half)] += 1
    half_of = assign([b[2] for blocks in batch.values() for b in blocks], counts)
    write_halves(batch, half_of, existing)


def cmd_append_dev(pool):
    existing, batch, ids, problems = read_batch(pool)
    problems += [f"{b[0]}: a tuning batch says `dev-only = true` in every case"
                 for blocks in batch.values() for b in blocks if b[2].get("dev-only") is not True]
    if problems:
        die("\n".join(problems))
    half_of = {i: HALVES[0] for i in ids}
    for (family, half), blocks in existing.items():
        half_of.update({b[0]: half for b in blocks})
    write_halves(batch, half_of, existing)


def load_corpus():
    corpus = {}
    for half in HALVES:
        for family, blocks in read_dir(os.path.join(CORPUS, half)).items():
            for cid, block, parsed in blocks:
                corpus.setdefault(cid, []).append((half, family, parsed))
    return corpus


def cmd_check(twiml_bin):
    problems = []
    corpus = load_corpus()
    cells = collections.Counter()
    for cid, places in corpus.items():
        if len(places) > 1:
            problems.append(f"{cid}: appears {len(places)} times ({', '.join(f'{h}/{f}' for h, f, _ in places)})")
        half, family, parsed = places[0]
        problems += validate(parsed, f"{half}/{family}.toml")
        if parsed.get("rule") in FAMILY_OF and FAMILY_OF[parsed["rule"]] != family:
            problems.append(f"{half}/{family}.toml: {cid}: rule {parsed['rule']} belongs in {FAMILY_OF[parsed['rule']]}.toml")
        if parsed.get("dev-only") is True:
            if half != HALVES[0]:
                problems.append(f"{half}/{family}.toml: {cid}: a `dev-only` case outside the development half")
            continue
        cells[(parsed["rule"], parsed["lang"], parsed["expect"], half)] += 1
    for rule in RULE_ORDER:
        for lang in LANGS:
            for expect in EXPECTS:
                dev, held = cells[(rule, lang, expect, "dev")], cells[(rule, lang, expect, "held-out")]
                if dev + held == 0:
                    problems.append(f"{rule} {lang} {expect}: no cases")
                elif not 0 <= held - dev <= 1:
                    problems.append(f"{rule} {lang} {expect}: not halved ({dev} dev, {held} held-out)")
    if twiml_bin:
        problems += check_structure(twiml_bin, corpus)
    if problems:
        die("\n".join(problems))
    print(f"{len(corpus)} cases, {sum(1 for p in corpus.values() if p[0][0] == 'dev')} dev, "
          f"{sum(1 for p in corpus.values() if p[0][0] == 'held-out')} held-out: ok")


def check_structure(twiml_bin, corpus):
    """Every document must be valid TwiML: no `TW` diagnostic of any level."""
    with tempfile.TemporaryDirectory() as tmp:
        for cid, places in corpus.items():
            with open(os.path.join(tmp, f"{cid}.xml"), "w", encoding="utf-8") as out:
                out.write(places[0][2]["twiml"])
        run = subprocess.run([twiml_bin, "check", "--no-config", "--format", "json", tmp],
                             capture_output=True, text=True)
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError:
            return [f"`{twiml_bin} check` gave no JSON report: {run.stderr.strip()}"]
    problems = []
    for file in report["files"]:
        for d in file["diagnostics"]:
            if d["code"].startswith("TW"):
                name = os.path.basename(file["path"])[:-4]
                problems.append(f"{name}:{d['line']}:{d['column']}: {d['code']} {d['message']}")
    return problems


def table():
    corpus = load_corpus()
    counts = collections.Counter()
    weak = collections.Counter()
    dev_only = 0
    for places in corpus.values():
        half, _, case = places[0]
        dev_only += case.get("dev-only") is True
        counts[(case["rule"], case["lang"], case["expect"], half)] += 1
        if "weakness" in case:
            weak[(case["weakness"], case["lang"], case["expect"])] += 1
    lines = ["| Rule | dev en fire | dev en silent | dev es fire | dev es silent "
             "| held-out en fire | held-out en silent | held-out es fire | held-out es silent | total |",
             "|---|" + "---:|" * 9]
    totals = collections.Counter()
    for rule in RULE_ORDER:
        row, total = [], 0
        for half in HALVES:
            for lang in LANGS:
                for expect in EXPECTS:
                    n = counts[(rule, lang, expect, half)]
                    row.append(str(n))
                    totals[(half, lang, expect)] += n
                    total += n
        lines.append(f"| {rule} | " + " | ".join(row) + f" | {total} |")
    row = [str(totals[(h, l, e)]) for h in HALVES for l in LANGS for e in EXPECTS]
    lines.append("| **all** | " + " | ".join(row) + f" | {sum(totals.values())} |")
    by_half = {h: sum(v for k, v in totals.items() if k[0] == h) for h in HALVES}
    by_lang = {l: sum(v for k, v in totals.items() if k[1] == l) for l in LANGS}
    by_expect = {e: sum(v for k, v in totals.items() if k[2] == e) for e in EXPECTS}
    lines += ["", f"{sum(totals.values())} cases: {by_half['dev']} dev and {by_half['held-out']} held-out; "
              f"{by_lang['en']} English and {by_lang['es']} Spanish; "
              f"{by_expect['fire']} fire and {by_expect['silent']} silent. "
              f"{dev_only} of the dev cases are `dev-only` (written after the split, for tuning; "
              f"outside the halving).", "",
              "Cases per weakness tag (both halves):", "",
              "| Weakness | en fire | en silent | es fire | es silent |", "|---|---:|---:|---:|---:|"]
    for w in sorted(WEAKNESSES):
        lines.append(f"| {w} | " + " | ".join(str(weak[(w, l, e)]) for l in LANGS for e in EXPECTS) + " |")
    return "\n".join(lines) + "\n"


def cmd_readme():
    text = open(README, encoding="utf-8").read()
    begin, end = "<!-- counts:begin (eval/split.py readme) -->\n", "<!-- counts:end -->"
    if begin not in text or end not in text:
        die("README.md has no counts markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(README, "w", encoding="utf-8") as out:
        out.write(head + begin + "\n" + table() + "\n" + end + tail)


def main(argv):
    if len(argv) >= 2 and argv[0] == "split":
        cmd_split(argv[1])
    elif len(argv) >= 2 and argv[0] == "append":
        cmd_append(argv[1])
    elif len(argv) >= 2 and argv[0] == "append-dev":
        cmd_append_dev(argv[1])
    elif argv[:1] == ["check"]:
        twiml_bin = argv[argv.index("--twiml") + 1] if "--twiml" in argv else None
        cmd_check(twiml_bin)
    elif argv == ["counts"]:
        sys.stdout.write(table())
    elif argv == ["readme"]:
        cmd_readme()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
