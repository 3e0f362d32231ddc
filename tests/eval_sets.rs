//! The labelled sets in `eval/` are well-formed and still split by their rule.
//!
//! `eval/split_messages.py` made each message set's split once; this test repeats its checks in
//! CI, where Python does not run: every item has the set's fields with allowed values, ids and
//! texts are unique, every hard case explains its label, the set keeps its size, its balance of
//! languages and its share of hard cases, and dealing the union of the two halves again by the
//! split rule puts every item in the half it is in. An item moved between halves by hand fails
//! here.
//!
//! The classifier's sets written apart from the pool are taken from the registry
//! `eval/classify/sets.toml` (read by the module `twiml eval classify` reads it with): each set
//! kept whole is checked in one test that reports every set's faults under its name, and
//! another fails on an `author-*.toml` the registry lacks or a row whose file is missing.
//!
//! The detection corpus (`eval/detection/`, made by `eval/split.py`) is checked the same way:
//! every case has the documented keys and values, names a rule of the registry in its family's
//! file, has a policy that `Policy::from_toml` reads, and a document that is valid TwiML (no
//! `TW` finding of any level), and every rule, language and label cell is halved. This test
//! reads the held-out half only to check its form: it runs no detector and scores nothing
//! (`twiml eval detection` does).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::{Table, Value};

// The registry of the classifier's sets, read as `twiml eval classify` reads it.
#[allow(dead_code)]
#[path = "../twiml-cli/src/commands/eval/sets.rs"]
mod sets;

const ESSENTIAL: [&str; 6] = [
    "otp",
    "notifications",
    "fraud",
    "security",
    "customercare",
    "delivery",
];
const NON_ESSENTIAL: [&str; 5] = [
    "marketing",
    "events",
    "education",
    "polling",
    "announcements",
];

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("eval")
}

/// One item, with the half (or the file, without `.toml`) it was read from.
struct Item {
    half: String,
    fields: Table,
}

impl Item {
    fn str(&self, key: &str) -> &str {
        self.fields.get(key).and_then(Value::as_str).unwrap_or("")
    }

    fn id(&self) -> &str {
        self.str("id")
    }
}

/// Reads both halves of a set; every fault goes into `faults`.
fn read_set(set: &str, table: &str, faults: &mut Vec<String>) -> Vec<Item> {
    read_files(set, table, &["dev", "held-out"], faults)
}

/// Reads the named files of a set's folder (`NAME.toml`); every fault goes into `faults`.
fn read_files(set: &str, table: &str, names: &[&str], faults: &mut Vec<String>) -> Vec<Item> {
    let mut items = Vec::new();
    for &half in names {
        let path = eval_dir().join(set).join(format!("{half}.toml"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                faults.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let doc: Table = match toml::from_str(&text) {
            Ok(doc) => doc,
            Err(e) => {
                faults.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        for key in doc.keys().filter(|k| *k != table) {
            faults.push(format!("{}: unexpected key `{key}`", path.display()));
        }
        let Some(array) = doc.get(table).and_then(Value::as_array) else {
            faults.push(format!("{}: no `[[{table}]]` items", path.display()));
            continue;
        };
        for value in array {
            match value.as_table() {
                Some(fields) => items.push(Item {
                    half: half.to_owned(),
                    fields: fields.clone(),
                }),
                None => faults.push(format!("{}: an item is not a table", path.display())),
            }
        }
    }
    items
}

/// Checks the fields every item of a set shares: the listed fields and no others, strings
/// where strings belong, the id's shape, the language, a text with no stray white space.
fn check_common(
    items: &[Item],
    prefix: &str,
    required: &[&str],
    optional: &[&str],
    faults: &mut Vec<String>,
) {
    let mut ids = BTreeSet::new();
    let mut texts = BTreeMap::new();
    for item in items {
        let id = item.id().to_owned();
        let at = format!("{} {id}", item.half);
        for field in required {
            if !item.fields.contains_key(*field) {
                faults.push(format!("{at}: missing `{field}`"));
            }
        }
        for field in item.fields.keys() {
            if !required.contains(&field.as_str()) && !optional.contains(&field.as_str()) {
                faults.push(format!("{at}: unknown field `{field}`"));
            }
            if field != "hard" && !item.fields[field].is_str() {
                faults.push(format!("{at}: `{field}` is not a string"));
            }
        }
        let lang = item.str("lang");
        if lang != "en" && lang != "es" {
            faults.push(format!("{at}: `lang` is {lang:?}"));
        }
        let number = id.strip_prefix(&format!("{prefix}-{lang}-")).unwrap_or("");
        if number.len() != 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
            faults.push(format!("{at}: the id does not read {prefix}-{lang}-NNNN"));
        }
        if !ids.insert(id.clone()) {
            faults.push(format!("{at}: the id is used twice"));
        }
        let text = item.str("text");
        if text.trim().is_empty() || text.trim() != text {
            faults.push(format!("{at}: `text` is empty or has stray white space"));
        }
        if let Some(other) = texts.insert((lang.to_owned(), text.to_owned()), id.clone()) {
            faults.push(format!("{at}: same text as {other}"));
        }
    }
}

/// Deals the items by the split rule: sorted by stratum, then by the SHA-256 of the id, and
/// dealt alternately to dev and held-out. Pushes a fault for every item in the other half.
fn check_split(items: &[Item], stratum: impl Fn(&Item) -> Vec<String>, faults: &mut Vec<String>) {
    let mut order: Vec<(Vec<String>, Vec<u8>, &Item)> = items
        .iter()
        .map(|item| {
            let digest = Sha256::digest(item.id().as_bytes()).to_vec();
            (stratum(item), digest, item)
        })
        .collect();
    order.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for (i, (_, _, item)) in order.iter().enumerate() {
        let dealt = if i % 2 == 0 { "dev" } else { "held-out" };
        if item.half != dealt {
            faults.push(format!(
                "{}: is in {}, the split rule puts it in {dealt}",
                item.id(),
                item.half
            ));
        }
    }
}

/// The set keeps its size and its balance: at least `min` items, each language at least 45%
/// of them, and the two halves within one item of each other per language and label.
fn check_balance(items: &[Item], min: usize, label: &str, faults: &mut Vec<String>) {
    if items.len() < min {
        faults.push(format!("{} items, fewer than {min}", items.len()));
    }
    for lang in ["en", "es"] {
        let n = items.iter().filter(|i| i.str("lang") == lang).count();
        if n * 100 < items.len() * 45 {
            faults.push(format!("{n} items in {lang}, under 45% of {}", items.len()));
        }
    }
    let mut per: BTreeMap<(String, String), [usize; 2]> = BTreeMap::new();
    for item in items {
        let key = (item.str("lang").to_owned(), item.str(label).to_owned());
        per.entry(key).or_default()[usize::from(item.half == "held-out")] += 1;
    }
    for ((lang, value), [dev, held]) in per {
        if dev.abs_diff(held) > 1 {
            faults.push(format!("{lang} {value}: {dev} in dev, {held} held out"));
        }
    }
}

fn report(set: &str, faults: Vec<String>) {
    assert!(
        faults.is_empty(),
        "eval/{set}: {} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// The fields of outbound messages: the intent is one of Twilio's and agrees with the class,
/// the kind is a tag, a hard case has a note, a hard-mixed message is hard and non-essential.
fn check_classify_items(items: &[Item], faults: &mut Vec<String>) {
    for item in items {
        let at = format!("{} {}", item.half, item.id());
        let intent = item.str("intent");
        let expected = if ESSENTIAL.contains(&intent) {
            "essential"
        } else if NON_ESSENTIAL.contains(&intent) {
            "non-essential"
        } else {
            faults.push(format!("{at}: `intent` {intent:?} is not a MessageIntent"));
            continue;
        };
        if item.str("class") != expected {
            faults.push(format!(
                "{at}: intent {intent} is {expected}, not {:?}",
                item.str("class")
            ));
        }
        let kind = item.str("kind");
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            faults.push(format!("{at}: `kind` {kind:?} is not a lowercase tag"));
        }
        let hard = item.fields.get("hard").and_then(Value::as_bool);
        if hard.is_none() {
            faults.push(format!("{at}: `hard` is not true or false"));
        }
        if hard == Some(true) && item.str("note").trim().is_empty() {
            faults.push(format!("{at}: a hard case needs a note"));
        }
        if kind == "hard-mixed" && (hard != Some(true) || expected != "non-essential") {
            faults.push(format!(
                "{at}: a hard-mixed message is hard and non-essential"
            ));
        }
    }
}

#[test]
fn classify_set_is_well_formed_and_split_by_its_rule() {
    let mut faults = Vec::new();
    let items = read_set("classify", "message", &mut faults);
    check_common(
        &items,
        "cls",
        &["id", "lang", "text", "class", "intent", "kind", "hard"],
        &["note"],
        &mut faults,
    );
    check_classify_items(&items, &mut faults);
    check_hard_share(&items, &mut faults);
    check_balance(&items, 400, "class", &mut faults);
    check_split(
        &items,
        |i| {
            let hard = i.fields.get("hard").and_then(Value::as_bool) == Some(true);
            [
                i.str("lang"),
                i.str("class"),
                if hard { "hard" } else { "plain" },
                i.str("kind"),
            ]
            .map(str::to_owned)
            .to_vec()
        },
        &mut faults,
    );
    report("classify", faults);
}

/// At least a quarter of a classifier set's messages are hard cases.
fn check_hard_share(items: &[Item], faults: &mut Vec<String>) {
    let hard = items
        .iter()
        .filter(|i| i.fields.get("hard").and_then(Value::as_bool) == Some(true))
        .count();
    if hard * 4 < items.len() {
        faults.push(format!(
            "{hard} hard cases, under a quarter of {}",
            items.len()
        ));
    }
}

/// Checks the items of a set written apart from the pool: the pool's fields and values under
/// ids that begin with `prefix`, and at least 500 messages.
fn check_apart_items(items: &[Item], prefix: &str, faults: &mut Vec<String>) {
    check_common(
        items,
        prefix,
        &["id", "lang", "text", "class", "intent", "kind", "hard"],
        &["note"],
        faults,
    );
    check_classify_items(items, faults);
    if items.len() < 500 {
        faults.push(format!("{} messages, fewer than 500", items.len()));
    }
}

/// A text as sets are compared: case and runs of white space folded.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads `eval/classify/NAME.toml`, a set written apart from the pool: the pool's fields and
/// values under ids that begin with `prefix`, at least 500 messages, and no text of the pool or
/// of the `others` files (compared with case and runs of white space folded; the held-out half
/// is compared, never shown).
fn read_apart_set(
    name: &str,
    prefix: &str,
    others: &[&str],
    faults: &mut Vec<String>,
) -> Vec<Item> {
    let items = read_files("classify", "message", &[name], faults);
    check_apart_items(&items, prefix, faults);
    let mut earlier = read_set("classify", "message", faults);
    earlier.extend(read_files("classify", "message", others, faults));
    let seen: BTreeMap<String, &str> = earlier
        .iter()
        .map(|i| (folded(i.str("text")), i.half.as_str()))
        .collect();
    let mut repeated: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &items {
        if let Some(half) = seen.get(&folded(item.str("text"))) {
            *repeated.entry(half).or_default() += 1;
        }
    }
    for (half, n) in repeated {
        faults.push(format!("{n} messages of {name} repeat one of {half}"));
    }
    items
}

/// The seed of the halves of `eval/classify/author-b.toml` (`author-b-halves.toml`).
const AUTHOR_B_SEED: i64 = 20261205;

/// The second author's set (`eval/classify/author-b.toml`, written apart from the pool) has
/// the pool's fields and values, repeats no message of the pool or of `training.toml` (the
/// held-out half is compared, never shown), and its halves (`author-b-halves.toml`) are the
/// ones its seeded shuffle deals: sorted by language, class and the SHA-256 of `SEED:id`, dealt
/// alternately to A and B, so each language and class is halved give or take one.
#[test]
fn classify_author_b_set_is_well_formed_and_halved_by_its_seed() {
    let mut faults = Vec::new();
    let registry = registry();
    let prefix = registry
        .get("author-b")
        .and_then(|s| s.prefix.as_deref())
        .unwrap_or_else(|| panic!("{}: no `author-b` with an id prefix", registry.shown));
    let items = read_apart_set("author-b", prefix, &["training"], &mut faults);
    // The halves.
    let path = eval_dir().join("classify").join("author-b-halves.toml");
    let halves: Table = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(halves) => halves,
        Err(e) => {
            faults.push(format!("{}: {e}", path.display()));
            Table::new()
        }
    };
    if halves.get("seed").and_then(Value::as_integer) != Some(AUTHOR_B_SEED) {
        faults.push(format!(
            "author-b-halves.toml: the seed is not {AUTHOR_B_SEED}"
        ));
    }
    let listed = |half: &str| -> BTreeSet<String> {
        halves
            .get(half)
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut order: Vec<(&str, &str, Vec<u8>, String)> = items
        .iter()
        .map(|i| {
            let digest = Sha256::digest(format!("{AUTHOR_B_SEED}:{}", i.id()).as_bytes()).to_vec();
            (i.str("lang"), i.str("class"), digest, i.id().to_owned())
        })
        .collect();
    order.sort();
    let dealt = |parity: usize| -> BTreeSet<String> {
        order
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 2 == parity)
            .map(|(_, o)| o.3.clone())
            .collect()
    };
    for (half, parity) in [("a", 0), ("b", 1)] {
        if listed(half) != dealt(parity) {
            faults.push(format!(
                "author-b-halves.toml: half {half} is not the one the seeded shuffle deals"
            ));
        }
    }
    report("classify/author-b.toml", faults);
}

/// The form of a set written apart and kept whole (one that judges, one that has judged, or one
/// written for training): the pool's fields and values under its id prefix, its size, its
/// balance of languages and classes, and its share of hard cases.
fn check_whole_set(items: &[Item], prefix: &str, faults: &mut Vec<String>) {
    check_apart_items(items, prefix, faults);
    for (field, values) in [
        ("lang", ["en", "es"]),
        ("class", ["essential", "non-essential"]),
    ] {
        for value in values {
            let n = items.iter().filter(|i| i.str(field) == value).count();
            if n * 100 < items.len() * 45 {
                faults.push(format!(
                    "{n} {value} messages, under 45% of {}",
                    items.len()
                ));
            }
        }
    }
    check_hard_share(items, faults);
}

/// The registry of the classifier's sets, `eval/classify/sets.toml`, read by the module that
/// `twiml eval classify` reads it with.
fn registry() -> sets::Registry {
    sets::Registry::read(&eval_dir().join("classify")).unwrap_or_else(|e| panic!("{e}"))
}

/// Every set of the registry written apart and kept whole (a row with an id prefix whose file
/// no row halves: `author-c.toml` and after) is well formed (see [`check_whole_set`]) and
/// written apart from every other file of the registry (the pool's halves, the own messages,
/// `author-b.toml` and the other whole sets): no text of it stands in any of them, compared
/// with case and runs of white space folded (the held-out half is compared, never shown).
/// Apartness is symmetric, so each pair of sets is checked from both sides. Each file is read
/// once; every set's faults are reported, under its name.
#[test]
fn classify_whole_sets_of_the_registry_are_well_formed_and_written_apart() {
    let registry = registry();
    let mut faults = Vec::new();
    // Every file of the registry, read once, under its name without `.toml`.
    let mut files: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for set in &registry.sets {
        let stem = set.file.trim_end_matches(".toml");
        if !files.contains_key(stem) {
            let items = read_files("classify", "message", &[stem], &mut faults);
            files.insert(stem.to_owned(), items);
        }
    }
    // Each text, folded, and the files that hold it.
    let mut holders: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (stem, items) in &files {
        for item in items {
            holders
                .entry(folded(item.str("text")))
                .or_default()
                .insert(stem);
        }
    }
    let mut checked = 0;
    for set in registry.whole_sets_apart() {
        checked += 1;
        let stem = set.file.trim_end_matches(".toml");
        let items = &files[stem];
        let mut found = Vec::new();
        check_whole_set(items, set.prefix.as_deref().unwrap_or_default(), &mut found);
        let mut repeated: BTreeMap<&str, usize> = BTreeMap::new();
        for item in items {
            for other in &holders[&folded(item.str("text"))] {
                if *other != stem {
                    *repeated.entry(other).or_default() += 1;
                }
            }
        }
        for (other, n) in repeated {
            found.push(format!("{n} messages repeat one of {other}"));
        }
        faults.extend(found.into_iter().map(|f| format!("{}: {f}", set.name)));
    }
    assert!(checked > 0, "{} lists no set kept whole", registry.shown);
    report("classify (the whole sets of sets.toml)", faults);
}

/// The registry (`eval/classify/sets.toml`) lists every set: each `author-*.toml` of the folder
/// (the halves files aside) has a row of its own with an id prefix, every row's file exists, and
/// so does the halves file of every half. The held-out half only judges.
#[test]
fn classify_registry_lists_every_author_set_and_its_files_exist() {
    let registry = registry();
    let dir = eval_dir().join("classify");
    let mut faults = Vec::new();
    for set in &registry.sets {
        if !dir.join(&set.file).is_file() {
            faults.push(format!("`{}`: no file {}", set.name, set.file));
        }
        if let Some(halves) = set.halves_file()
            && !dir.join(&halves).is_file()
        {
            faults.push(format!("`{}`: no halves file {halves}", set.name));
        }
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .expect("a readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| {
            f.starts_with("author-") && f.ends_with(".toml") && !f.ends_with("-halves.toml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no author-*.toml", dir.display());
    for file in files {
        match registry
            .sets
            .iter()
            .find(|s| s.file == file && s.half.is_none())
        {
            None => faults.push(format!("{file}: not in the registry: add its row")),
            Some(set) if set.prefix.is_none() => faults.push(format!(
                "{file}: its row (`{}`) gives no id `prefix`",
                set.name
            )),
            Some(_) => {}
        }
    }
    match registry.get("held-out") {
        Some(set) if set.role == sets::Role::Judges => {}
        Some(set) => faults.push(format!(
            "`held-out`: role `{}`: the held-out half only judges",
            set.role.as_str()
        )),
        None => faults.push("no `held-out` row".to_owned()),
    }
    report("classify/sets.toml", faults);
}

#[test]
fn inbound_set_is_well_formed_and_split_by_its_rule() {
    let mut faults = Vec::new();
    let items = read_set("inbound", "reply", &mut faults);
    check_common(
        &items,
        "in",
        &["id", "lang", "text", "action", "kind"],
        &["scope", "note"],
        &mut faults,
    );
    for item in &items {
        let at = format!("{} {}", item.half, item.id());
        let action = item.str("action");
        if !["opt-out", "opt-in", "help", "none"].contains(&action) {
            faults.push(format!("{at}: `action` {action:?}"));
        }
        let scope = item.fields.get("scope").map(|_| item.str("scope"));
        if action == "opt-out" {
            if !matches!(scope, Some("sender" | "all")) {
                faults.push(format!("{at}: an opt-out needs scope sender or all"));
            }
        } else if scope.is_some() {
            faults.push(format!("{at}: only an opt-out has a scope"));
        }
        let kind = item.str("kind");
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            faults.push(format!("{at}: `kind` {kind:?} is not a lowercase tag"));
        }
        if kind == "near-miss" && action != "none" {
            faults.push(format!("{at}: a near miss asks for no action"));
        }
    }
    let near = items
        .iter()
        .filter(|i| i.str("kind") == "near-miss")
        .count();
    if near * 100 < items.len() * 35 {
        faults.push(format!("{near} near misses, under 35% of {}", items.len()));
    }
    check_balance(&items, 400, "action", &mut faults);
    check_split(
        &items,
        |i| {
            [
                i.str("lang"),
                i.str("action"),
                i.str("scope"),
                i.str("kind"),
            ]
            .map(str::to_owned)
            .to_vec()
        },
        &mut faults,
    );
    report("inbound", faults);
}

/// The weakness tags of `eval/README.md`.
const WEAKNESSES: [&str; 17] = [
    "card-paraphrase",
    "spoken-card-capture",
    "card-menu-option",
    "card-statement",
    "numdigits-card",
    "collector-name",
    "account-number",
    "debt-vocabulary",
    "callback-phrasing",
    "split-say",
    "ssml-boundary",
    "not-a-notice",
    "negation",
    "everyday-health",
    "continuation",
    "voicemail-name",
    "late-identification",
];

/// The keys of a case, required and optional.
const CASE_REQUIRED: [&str; 5] = ["id", "rule", "lang", "expect", "twiml"];
const CASE_OPTIONAL: [&str; 4] = ["dev-only", "weakness", "note", "policy"];

/// One detection case, with the half and family file it was read from.
struct Case {
    half: &'static str,
    family: String,
    fields: Table,
}

impl Case {
    fn str(&self, key: &str) -> &str {
        self.fields.get(key).and_then(Value::as_str).unwrap_or("")
    }
}

/// Reads every `<family>.toml` of both halves of the detection corpus.
fn read_detection(faults: &mut Vec<String>) -> Vec<Case> {
    let mut cases = Vec::new();
    for half in ["dev", "held-out"] {
        let folder = eval_dir().join("detection").join(half);
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&folder) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect(),
            Err(e) => {
                faults.push(format!("{}: {e}", folder.display()));
                continue;
            }
        };
        files.sort();
        for path in files {
            let family = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let doc: Table = match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| toml::from_str(&text).map_err(|e| e.to_string()))
            {
                Ok(doc) => doc,
                Err(e) => {
                    faults.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            for key in doc.keys().filter(|k| *k != "case") {
                faults.push(format!("{}: unexpected key `{key}`", path.display()));
            }
            let Some(array) = doc.get("case").and_then(Value::as_array) else {
                faults.push(format!("{}: no `[[case]]` items", path.display()));
                continue;
            };
            for value in array {
                match value.as_table() {
                    Some(fields) => cases.push(Case {
                        half,
                        family: family.clone(),
                        fields: fields.clone(),
                    }),
                    None => faults.push(format!("{}: a case is not a table", path.display())),
                }
            }
        }
    }
    cases
}

/// Checks one case's keys, values, rule, family, policy and document.
fn check_case(case: &Case, ids: &mut BTreeSet<String>, faults: &mut Vec<String>) {
    let id = case.str("id");
    let at = format!("{}/{}.toml {id}", case.half, case.family);
    for key in CASE_REQUIRED {
        if case.str(key).is_empty() {
            faults.push(format!("{at}: `{key}` is missing or not a string"));
        }
    }
    for key in case.fields.keys() {
        if !CASE_REQUIRED.contains(&key.as_str()) && !CASE_OPTIONAL.contains(&key.as_str()) {
            faults.push(format!("{at}: unknown key `{key}`"));
        }
    }
    if !ids.insert(id.to_owned()) {
        faults.push(format!("{at}: the id is used twice"));
    }
    let (rule, lang) = (case.str("rule"), case.str("lang"));
    match twiml_core::rules::find_rule(rule) {
        Some(info) if info.code == rule => {
            if info.family.as_str() != case.family {
                faults.push(format!(
                    "{at}: {rule} belongs in {}.toml",
                    info.family.as_str()
                ));
            }
        }
        _ => faults.push(format!("{at}: `rule` {rule:?} is not a rule code")),
    }
    if lang != "en" && lang != "es" {
        faults.push(format!("{at}: `lang` is {lang:?}"));
    }
    let number = id
        .strip_prefix(&format!("{}-{lang}-", rule.to_ascii_lowercase()))
        .unwrap_or("");
    if number.len() != 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
        faults.push(format!("{at}: the id does not read <rule>-<lang>-NNNN"));
    }
    let expect = case.str("expect");
    if expect != "fire" && expect != "silent" {
        faults.push(format!("{at}: `expect` is {expect:?}"));
    }
    if let Some(weakness) = case.fields.get("weakness")
        && !weakness.as_str().is_some_and(|w| WEAKNESSES.contains(&w))
    {
        faults.push(format!("{at}: unknown weakness {weakness}"));
    }
    if let Some(dev_only) = case.fields.get("dev-only")
        && (dev_only.as_bool() != Some(true) || case.half != "dev")
    {
        faults.push(format!(
            "{at}: `dev-only` is `true` on development cases only, not {dev_only}"
        ));
    }
    if let Some(note) = case.fields.get("note")
        && !note.is_str()
    {
        faults.push(format!("{at}: `note` is not a string"));
    }
    let policy = match case.fields.get("policy") {
        None => twiml_core::Policy::new(),
        Some(Value::Table(table)) => {
            let text = toml::to_string(table).unwrap_or_default();
            match twiml_core::Policy::from_toml(&text) {
                Ok(policy) => policy,
                Err(e) => {
                    faults.push(format!("{at}: the policy is refused: {e}"));
                    return;
                }
            }
        }
        Some(_) => {
            faults.push(format!("{at}: `policy` is not a table"));
            return;
        }
    };
    let source = case.str("twiml");
    let validation =
        twiml_core::validate_with(source, &twiml_core::ParseOptions::default(), &policy);
    for d in validation
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, twiml_core::codes::Code::Check(_)))
    {
        faults.push(format!(
            "{at}: the document is not valid TwiML: {} {}",
            d.code, d.message
        ));
    }
}

#[test]
fn detection_corpus_is_well_formed_valid_twiml_and_halved() {
    let mut faults = Vec::new();
    let cases = read_detection(&mut faults);
    let mut ids = BTreeSet::new();
    for case in &cases {
        check_case(case, &mut ids, &mut faults);
    }
    // Every rule has cases in both languages, both labels, both halves; each cell is halved,
    // the odd case in the held-out half. Cases written later for tuning only (`dev-only`)
    // stay out of the halving: the held-out half never grows by them.
    let mut cells: BTreeMap<(String, String, String), [usize; 2]> = BTreeMap::new();
    for case in cases.iter().filter(|c| !c.fields.contains_key("dev-only")) {
        let cell = (
            case.str("rule").to_owned(),
            case.str("lang").to_owned(),
            case.str("expect").to_owned(),
        );
        cells.entry(cell).or_default()[usize::from(case.half == "held-out")] += 1;
    }
    for info in twiml_core::rules::RULES
        .iter()
        .filter(|r| cells.keys().any(|(rule, _, _)| rule == r.code))
    {
        for lang in ["en", "es"] {
            for expect in ["fire", "silent"] {
                let key = (info.code.to_owned(), lang.to_owned(), expect.to_owned());
                if !cells
                    .get(&key)
                    .is_some_and(|[dev, held]| *dev > 0 && *held > 0)
                {
                    faults.push(format!(
                        "{} {lang} {expect}: no case in one of the halves",
                        info.code
                    ));
                }
            }
        }
    }
    for ((rule, lang, expect), [dev, held]) in &cells {
        if *dev != (dev + held) / 2 {
            faults.push(format!(
                "{rule} {lang} {expect}: {dev} in dev, {held} held out; the cell is not halved"
            ));
        }
    }
    if cases.len() < 600 {
        faults.push(format!("{} cases, fewer than 600", cases.len()));
    }
    report("detection", faults);
}
