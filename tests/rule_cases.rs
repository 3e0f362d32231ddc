//! Every compliance rule against its own cases, in `tests/rules/<CODE>/`: files named
//! `fires-<lang>-*` must trigger the rule, files named `silent-<lang>-*` (near misses) must
//! not.
//!
//! A document rule's cases are TwiML documents (`*.xml`). Each folder's `twiml.toml` is the
//! policy its documents run under; a subfolder with its own `twiml.toml` (a continuation
//! document, say) holds documents that need another policy, as `twiml check` reads the
//! nearest file. Each document runs twice: parsed and validated (what `twiml check` does), and
//! read into the typed model and built (what the builder does). Both must find the same rule
//! findings.
//!
//! A gate rule's cases are campaign files (`*.toml`), each send decided by the gate at its
//! instant (what `twiml gate --campaign` does), with what a ledger would know of the recipient
//! in `[send.history]`. The cases of the rules of replies to keywords (MSG007, MSG009, MSG010)
//! are a reply (`reply-to`, `business`, `reply`), checked as the ledger checks its replies.
//!
//! `twiml-cli/tests/rule_cases.rs` snapshots the command line's output for each folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use twiml::codes::Code;
use twiml::gate::Campaign;
use twiml::gate::inbound::{Action, check_reply};
use twiml::rules::{Policy, RULES, RuleKind};
use twiml::{ParseOptions, Severity, Twiml, validate_with};

type Finding = (String, Severity, String);

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

fn policy_of(folder: &Path) -> Policy {
    let path = folder.join("twiml.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Policy::from_toml(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Err(_) => Policy::new(),
    }
}

fn rule_findings<S>(diagnostics: &[twiml::Diagnostic<S>]) -> Vec<Finding> {
    let mut found: Vec<Finding> = diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::Rule(_)))
        .map(|d| (d.code.to_string(), d.severity, d.message.to_string()))
        .collect();
    found.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    found
}

/// The rule findings of `source`, validated as a file.
fn through_validation(file: &str, source: &str, policy: &Policy) -> Vec<Finding> {
    let validation = validate_with(source, &ParseOptions::default(), policy);
    let structural: Vec<_> = validation
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::Check(_)) && d.severity == Severity::Error)
        .collect();
    assert!(
        structural.is_empty(),
        "{file} is not valid TwiML: {structural:?}"
    );
    rule_findings(&validation.diagnostics)
}

/// The rule findings of `source`, read into the typed model and built.
fn through_the_builder(file: &str, source: &str, policy: &Policy) -> Vec<Finding> {
    let parsed =
        twiml::parse(source, &ParseOptions::default()).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let root = parsed.to_root().unwrap_or_else(|e| panic!("{file}: {e}"));
    match Twiml::build_with(root, policy) {
        Ok(twiml) => rule_findings(twiml.warnings()),
        Err(error) => rule_findings(error.diagnostics()),
    }
}

/// The rule findings of every send of a campaign file, each decided at its instant.
fn through_the_gate(file: &str, source: &str) -> Vec<Finding> {
    // The answer to a keyword: `reply-to`, `business` and `reply` (MSG007, MSG009, MSG010).
    if source.contains("reply-to = ") {
        let table: toml::Table = toml::from_str(source).unwrap_or_else(|e| panic!("{file}: {e}"));
        let field = |name: &str| {
            table
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("{file}: no `{name}`"))
        };
        let action =
            Action::parse(field("reply-to")).unwrap_or_else(|| panic!("{file}: `reply-to`"));
        return check_reply(action, field("business"), field("reply"))
            .into_iter()
            .map(|f| (f.rule.code.to_string(), Severity::Error, f.message))
            .collect();
    }
    let campaign = Campaign::from_toml(source).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(!campaign.sends.is_empty(), "{file}: no send");
    let mut found = Vec::new();
    for send in &campaign.sends {
        let at = send
            .at
            .unwrap_or_else(|| panic!("{file}:{}: a case gives its instant", send.line));
        let decision = campaign.gate.decide(&send.outbound, &send.history, at);
        found.extend(rule_findings(&decision.findings));
    }
    found
}

/// The campaign files of a gate rule's folder.
fn campaigns(folder: &Path, out: &mut Vec<(PathBuf, Policy)>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.map(|e| e.expect("readable folder").path()) {
        if path.extension().is_some_and(|e| e == "toml") {
            out.push((path, Policy::new()));
        }
    }
}

/// The `*.xml` documents under `folder`, each with its policy: the `twiml.toml` of its own
/// folder, or else the nearest one above it (`inherited`).
fn documents(folder: &Path, inherited: Policy, out: &mut Vec<(PathBuf, Policy)>) {
    let policy = if folder.join("twiml.toml").is_file() {
        policy_of(folder)
    } else {
        inherited
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.map(|e| e.expect("readable folder").path()) {
        if path.is_dir() {
            documents(&path, policy.clone(), out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push((path, policy.clone()));
        }
    }
}

#[derive(Default)]
struct Count {
    fires: BTreeMap<String, usize>,
    silent: BTreeMap<String, usize>,
}

#[test]
fn every_rule_fires_on_its_cases_and_not_on_its_near_misses() {
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    for rule in RULES {
        let mut files = Vec::new();
        match rule.kind {
            RuleKind::Document => {
                documents(&cases_dir().join(rule.code), Policy::new(), &mut files)
            }
            RuleKind::Gate => campaigns(&cases_dir().join(rule.code), &mut files),
            // A rule of whole flows (GEN002) has its cases in the folders of `tests/flows/`,
            // checked by `tests/flows.rs`.
            RuleKind::Flow => continue,
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let count = counts.entry(rule.code).or_default();
        for (path, policy) in files {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let relative = path.strip_prefix(cases_dir()).unwrap_or(&path);
            let file = relative.display().to_string();
            let mut parts = name.splitn(3, '-');
            let (expect, lang) = (parts.next().unwrap(), parts.next().unwrap_or(""));
            let source = std::fs::read_to_string(&path).unwrap();
            let validated = if rule.kind == RuleKind::Document {
                let validated = through_validation(&file, &source, &policy);
                let built = through_the_builder(&file, &source, &policy);
                if validated != built {
                    failures.push(format!(
                        "{file}: validation and build disagree:\n  {validated:?}\n  {built:?}"
                    ));
                }
                validated
            } else {
                through_the_gate(&file, &source)
            };
            let fired = validated.iter().any(|(code, _, _)| code == rule.code);
            match expect {
                "fires" => {
                    *count.fires.entry(lang.to_string()).or_default() += 1;
                    if !fired {
                        failures.push(format!("{file}: does not fire; found {validated:?}"));
                    }
                }
                "silent" => {
                    *count.silent.entry(lang.to_string()).or_default() += 1;
                    if fired {
                        failures.push(format!("{file}: fires: {validated:?}"));
                    }
                }
                _ => failures.push(format!("{file}: name it fires-<lang>-… or silent-<lang>-…")),
            }
        }
    }
    let mut table = String::from("rule     fires (en/es/other)  silent (en/es/other)\n");
    let lang = |map: &BTreeMap<String, usize>, l: &str| map.get(l).copied().unwrap_or(0);
    let other = |map: &BTreeMap<String, usize>| {
        map.iter()
            .filter(|(l, _)| !matches!(l.as_str(), "en" | "es"))
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    for (code, c) in &counts {
        table.push_str(&format!(
            "{code:8} {:>3} / {:>3} / {:>3}      {:>3} / {:>3} / {:>3}\n",
            lang(&c.fires, "en"),
            lang(&c.fires, "es"),
            other(&c.fires),
            lang(&c.silent, "en"),
            lang(&c.silent, "es"),
            other(&c.silent)
        ));
        if c.fires.is_empty() || c.silent.is_empty() {
            failures.push(format!("{code}: needs documents that fire and near misses"));
        }
    }
    eprintln!("{table}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
