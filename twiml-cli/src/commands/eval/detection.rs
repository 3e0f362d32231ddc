//! `twiml eval detection`: the compliance rules scored on the detection corpus.
//!
//! The corpus (`eval/detection/`, described in `eval/README.md`) is a list of cases in
//! `<SPLIT>/<family>.toml`. Each case is one document, one rule, one policy (the keys of
//! `twiml.toml`) and one label: the rule must report the document (`fire`: at least one
//! finding with the rule's code, at any level) or must not (`silent`). Findings of other rules
//! are ignored.
//!
//! Per rule and language the command counts the cases, the recall (the share of `fire` cases
//! reported), the silent rate (the share of `silent` cases not reported) and the precision
//! (the share of reports that were due). A case whose policy the policy reader refuses (a
//! context fact it does not know yet, say) is counted as not run, never dropped or run under
//! another policy. On the development half the command lists every case the rules get wrong,
//! with the finding that fired where one did; on the held-out half it prints figures only.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::json;
use twiml_core::codes::Code;
use twiml_core::rules::find_rule;
use twiml_core::{LineIndex, ParseOptions, Policy, validate_with};

use super::super::{Error, ExitStatus};
use crate::args::{EvalDetectionArgs, LogLevel, Split, TextOrJson};

/// One file of the corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    case: Vec<Case>,
}

/// What a case expects of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Expect {
    /// At least one finding with the rule's code.
    Fire,
    /// No finding with the rule's code.
    Silent,
}

/// One labelled case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    rule: String,
    lang: String,
    expect: Expect,
    /// Written after the split, for tuning only: it lives in the development half and is
    /// left out of the halving (`eval/README.md`). Scored like any other case.
    #[serde(rename = "dev-only", default)]
    dev_only: bool,
    weakness: Option<String>,
    note: Option<String>,
    policy: Option<toml::Table>,
    twiml: String,
}

/// How one case came out.
enum Outcome {
    /// The rule reported the document (`fired`) or not; with the first finding of the rule,
    /// as `line:col severity: message`, when it fired.
    Ran {
        fired: Option<String>,
        /// The document has structural findings (`TW` codes) although the corpus promises
        /// valid TwiML.
        invalid: bool,
    },
    /// The case's policy was refused, for this reason.
    NotRun(String),
}

/// The counts of one slice of the corpus.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    fire: usize,
    fired: usize,
    silent: usize,
    kept_silent: usize,
    not_run: usize,
}

impl Tally {
    fn add(&mut self, expect: Expect, outcome: &Outcome) {
        match (expect, outcome) {
            (_, Outcome::NotRun(_)) => self.not_run += 1,
            (Expect::Fire, Outcome::Ran { fired, .. }) => {
                self.fire += 1;
                self.fired += usize::from(fired.is_some());
            }
            (Expect::Silent, Outcome::Ran { fired, .. }) => {
                self.silent += 1;
                self.kept_silent += usize::from(fired.is_none());
            }
        }
    }

    /// Every case, run or not.
    fn cases(&self) -> usize {
        self.fire + self.silent + self.not_run
    }

    fn recall(&self) -> Option<f64> {
        ratio(self.fired, self.fire)
    }

    fn silent_rate(&self) -> Option<f64> {
        ratio(self.kept_silent, self.silent)
    }

    /// Reports that were due, among all reports.
    fn precision(&self) -> Option<f64> {
        ratio(self.fired, self.fired + (self.silent - self.kept_silent))
    }

    fn json(&self) -> serde_json::Value {
        let round = |r: Option<f64>| r.map(|r| (r * 10000.0).round() / 10000.0);
        json!({
            "cases": self.cases(),
            "fire": self.fire,
            "fired": self.fired,
            "silent": self.silent,
            "kept_silent": self.kept_silent,
            "not_run": self.not_run,
            "recall": round(self.recall()),
            "silent_rate": round(self.silent_rate()),
            "precision": round(self.precision()),
        })
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A case the rules got wrong (or could not run), for the development half's list.
struct Miss<'c> {
    case: &'c Case,
    file: String,
    /// What happened instead.
    what: String,
}

/// Runs `twiml eval detection`.
pub(crate) fn run(args: EvalDetectionArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let rule = match &args.rule {
        Some(code) => Some(
            find_rule(code)
                .ok_or_else(|| {
                    Error::new(format_args!(
                        "unknown rule `{code}`; `twiml rules` lists every rule"
                    ))
                })?
                .code,
        ),
        None => None,
    };
    let folder = args.dir.join(args.split.stem());
    let files = case_files(&folder)?;
    let mut read = Vec::new();
    for path in &files {
        read.push((path, read_cases(path)?));
    }

    let mut by_rule: BTreeMap<(usize, &str, &str), Tally> = BTreeMap::new();
    let mut by_lang: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut misses: Vec<Miss<'_>> = Vec::new();
    let mut invalid = 0;
    let mut dev_only = 0;
    for (path, cases) in &read {
        for case in cases {
            let info = find_rule(&case.rule).ok_or_else(|| {
                Error::new(format_args!(
                    "{}: `{}`: unknown rule `{}`",
                    path.display(),
                    case.id,
                    case.rule
                ))
            })?;
            if rule.is_some_and(|r| r != info.code) {
                continue;
            }
            dev_only += usize::from(case.dev_only);
            let outcome = run_case(case, info.code);
            if let Outcome::Ran { invalid: true, .. } = outcome {
                invalid += 1;
            }
            let order = rule_order(info.code);
            by_rule
                .entry((order, info.code, case.lang.as_str()))
                .or_default()
                .add(case.expect, &outcome);
            by_lang
                .entry(case.lang.as_str())
                .or_default()
                .add(case.expect, &outcome);
            total.add(case.expect, &outcome);
            let what = match (&outcome, case.expect) {
                (Outcome::NotRun(reason), _) => Some(format!("not run: {reason}")),
                (Outcome::Ran { fired: None, .. }, Expect::Fire) => {
                    Some("expected to fire, stayed silent".to_string())
                }
                (Outcome::Ran { fired: Some(f), .. }, Expect::Silent) => {
                    Some(format!("expected silent, fired: {f}"))
                }
                _ => None,
            };
            if let Some(what) = what {
                misses.push(Miss {
                    case,
                    file: path.display().to_string(),
                    what,
                });
            }
        }
    }
    if invalid > 0 && log != LogLevel::Silent {
        eprintln!(
            "warning: {invalid} documents have structural findings; the corpus promises valid TwiML (`tests/eval_sets.rs` checks it)"
        );
    }
    if log == LogLevel::Silent {
        return Ok(ExitStatus::Success);
    }
    // The held-out half is scored, never read: no case of it is named.
    let show_misses = args.split == Split::Dev;
    let shown = folder.display().to_string();
    let mut out = io::stdout().lock();
    match args.format {
        TextOrJson::Json => {
            let value = json!({
                "set": shown,
                "split": args.split.stem(),
                "total": total.json(),
                "dev_only": dev_only,
                "by_language": by_lang
                    .iter()
                    .map(|(lang, t)| ((*lang).to_string(), t.json()))
                    .collect::<serde_json::Map<_, _>>(),
                "by_rule": by_rule
                    .iter()
                    .map(|((_, code, lang), t)| {
                        let mut row = t.json();
                        row["rule"] = json!(code);
                        row["lang"] = json!(lang);
                        row
                    })
                    .collect::<Vec<_>>(),
                "misses": show_misses.then(|| misses
                    .iter()
                    .map(|m| json!({
                        "id": m.case.id,
                        "rule": m.case.rule,
                        "lang": m.case.lang,
                        "expect": match m.case.expect { Expect::Fire => "fire", Expect::Silent => "silent" },
                        "weakness": m.case.weakness,
                        "file": m.file,
                        "what": m.what,
                    }))
                    .collect::<Vec<_>>()),
            });
            out.write_all(
                serde_json::to_string_pretty(&value)
                    .map_err(io::Error::other)?
                    .as_bytes(),
            )?;
            writeln!(out)?;
        }
        TextOrJson::Text => {
            let mut text = String::new();
            let later = if dev_only > 0 {
                format!(" ({dev_only} of them dev-only)")
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "{shown}: {} cases{later}, {} not run",
                total.cases(),
                total.not_run
            );
            let _ = writeln!(
                text,
                "{:8} {:4} {:>5} {:>18} {:>18} {:>10} {:>7}",
                "rule", "lang", "cases", "recall", "silent", "precision", "not run"
            );
            for ((_, code, lang), t) in &by_rule {
                row(&mut text, code, lang, t);
            }
            for (lang, t) in &by_lang {
                row(&mut text, "all", lang, t);
            }
            row(&mut text, "all", "", &total);
            if show_misses && !misses.is_empty() {
                let _ = writeln!(text, "\nmisses:");
                for m in &misses {
                    let weakness = m
                        .case
                        .weakness
                        .as_deref()
                        .map(|w| format!(" [{w}]"))
                        .unwrap_or_default();
                    let note = m
                        .case
                        .note
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        text,
                        "  {} {} {}{weakness}{note}\n      {}",
                        m.case.id, m.case.rule, m.case.lang, m.what
                    );
                }
            }
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// One line of the text table.
fn row(text: &mut String, rule: &str, lang: &str, t: &Tally) {
    let figure = |r: Option<f64>, part: usize, whole: usize| match r {
        Some(r) => format!("{:.1}% ({part}/{whole})", r * 100.0),
        None => "-".to_string(),
    };
    let precision = t
        .precision()
        .map_or_else(|| "-".to_string(), |p| format!("{:.1}%", p * 100.0));
    let _ = writeln!(
        text,
        "{rule:8} {lang:4} {:>5} {:>18} {:>18} {precision:>10} {:>7}",
        t.cases(),
        figure(t.recall(), t.fired, t.fire),
        figure(t.silent_rate(), t.kept_silent, t.silent),
        t.not_run
    );
}

/// The rule's place in the registry, so that the table lists rules in catalog order.
fn rule_order(code: &str) -> usize {
    twiml_core::rules::RULES
        .iter()
        .position(|r| r.code == code)
        .unwrap_or(usize::MAX)
}

/// The `*.toml` files of one half, in name order.
fn case_files(folder: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Error::new(format_args!("{}: {e}", folder.display())))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::new(format_args!("{}: {e}", folder.display())))?
            .path();
        if path.extension().is_some_and(|x| x == "toml") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::new(format_args!(
            "{}: no case files (`*.toml`)",
            folder.display()
        )));
    }
    Ok(files)
}

/// Reads one file of cases; a malformed file is an error at its line and column.
fn read_cases(path: &Path) -> Result<Vec<Case>, Error> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::new(format_args!("{shown}: {e}")))?;
    let file: CaseFile = toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let (line, column) = LineIndex::new(&text).location(s.start);
                format!(":{line}:{column}")
            })
            .unwrap_or_default();
        Error::new(format_args!("{shown}{at}: {}", e.message().trim_end()))
    })?;
    Ok(file.case)
}

/// Checks one case's document under its policy and says whether `code` reported it.
fn run_case(case: &Case, code: &str) -> Outcome {
    let policy = match &case.policy {
        None => Policy::new(),
        Some(table) => {
            let text = match toml::to_string(table) {
                Ok(text) => text,
                Err(e) => return Outcome::NotRun(e.to_string()),
            };
            match Policy::from_toml(&text) {
                Ok(policy) => policy,
                Err(e) => return Outcome::NotRun(format!("policy: {}", e.message)),
            }
        }
    };
    let validation = validate_with(&case.twiml, &ParseOptions::default(), &policy);
    let invalid = validation
        .diagnostics
        .iter()
        .any(|d| matches!(d.code, Code::Check(_)));
    let fired = validation
        .diagnostics
        .iter()
        .find(|d| d.code == *code)
        .map(|d| {
            let (line, column) = LineIndex::new(&case.twiml).location(d.span.start as usize);
            format!("{line}:{column} {}: {}", d.severity, d.message)
        });
    Outcome::Ran { fired, invalid }
}
