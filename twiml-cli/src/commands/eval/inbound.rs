//! `twiml eval inbound`: the reader of inbound replies scored on its labelled set.
//!
//! `twiml eval inbound [--split dev|held-out]` reads `eval/inbound/<SPLIT>.toml` (a list of
//! `[[reply]]` tables with `id`, `lang`, `text`, `action`, `scope`, `kind`), reads every reply
//! as the ledger would, and prints the accuracy by language, by action and by kind, the
//! confusion, the scope accuracy over the opt-outs found, and the opt-outs missed first (each is
//! a revocation not honoured). On the held-out half it prints figures only.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Deserialize;
use serde_json::json;
use twiml_core::gate::inbound::{Action, read_reply};

use super::super::{Error, ExitStatus};
use crate::args::{EvalInboundArgs, LogLevel, Split, TextOrJson};

#[derive(Debug, Deserialize)]
struct Set {
    reply: Vec<Labelled>,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    id: String,
    lang: String,
    text: String,
    action: String,
    scope: Option<String>,
    kind: String,
}

/// Counts of one slice of the set.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    total: usize,
    correct: usize,
}

impl Tally {
    fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "total": self.total,
            "correct": self.correct,
            "accuracy": (self.accuracy() * 10000.0).round() / 10000.0,
        })
    }
}

const ACTIONS: [&str; 4] = ["opt-out", "opt-in", "help", "none"];

/// Scores the reader on one half of its labelled set.
pub(crate) fn run(args: EvalInboundArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    if args.errors && args.split == Split::HeldOut {
        return Err(Error::new(
            "`--errors` lists replies of the development half only; the held-out half is scored, never read",
        ));
    }
    let path = args.dir.join(format!("{}.toml", args.split.stem()));
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(&path).map_err(|e| Error::new(format_args!("{shown}: {e}")))?;
    let set: Set = toml::from_str(&text).map_err(|e| {
        Error::new(format_args!(
            "{shown}{}: {}",
            super::sets::place(&text, &e),
            e.message().trim_end()
        ))
    })?;

    let mut overall = Tally::default();
    let mut scope = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_action: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_lang_action: BTreeMap<String, Tally> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut missed_opt_outs = 0usize;
    let mut near_misses_taken = 0usize;
    let mut errors: Vec<String> = Vec::new();
    for r in &set.reply {
        if Action::parse(&r.action).is_none() {
            return Err(Error::new(format_args!(
                "{shown}: `{}`: `action` must be opt-out, opt-in, help or none, not `{}`",
                r.id, r.action
            )));
        }
        let reading = read_reply(&r.text);
        let predicted = reading.action.as_str();
        let correct = predicted == r.action;
        overall.add(correct);
        by_lang.entry(r.lang.clone()).or_default().add(correct);
        by_action.entry(r.action.clone()).or_default().add(correct);
        by_kind
            .entry(format!("{}/{}", r.action, r.kind))
            .or_default()
            .add(correct);
        by_lang_action
            .entry(format!("{}/{}", r.lang, r.action))
            .or_default()
            .add(correct);
        *confusion.entry((r.action.clone(), predicted)).or_default() += 1;
        if r.action == "opt-out" && reading.action != Action::OptOut {
            missed_opt_outs += 1;
        }
        if r.kind == "near-miss" && matches!(reading.action, Action::OptOut | Action::OptIn) {
            near_misses_taken += 1;
        }
        let mut scope_ok = true;
        if r.action == "opt-out" && reading.action == Action::OptOut {
            scope_ok = reading.scope.map(|s| s.as_str()) == r.scope.as_deref();
            scope.add(scope_ok);
        }
        if !correct || !scope_ok {
            errors.push(format!(
                "{} ({}, {}): expected {}{}, got {}{} [{}]\n    {}",
                r.id,
                r.lang,
                r.kind,
                r.action,
                r.scope
                    .as_deref()
                    .map(|s| format!("/{s}"))
                    .unwrap_or_default(),
                predicted,
                reading.scope.map(|s| format!("/{s}")).unwrap_or_default(),
                reading.matched.unwrap_or("-"),
                r.text
            ));
        }
    }

    if log == LogLevel::Silent {
        return Ok(ExitStatus::Success);
    }
    let mut out = io::stdout().lock();
    let percent = |t: &Tally| format!("{:5.1}% ({}/{})", t.accuracy() * 100.0, t.correct, t.total);
    let map = |m: &BTreeMap<String, Tally>| {
        m.iter()
            .map(|(k, t)| (k.clone(), t.json()))
            .collect::<serde_json::Map<_, _>>()
    };
    match args.format {
        TextOrJson::Json => {
            let value = json!({
                "set": shown,
                "accuracy": overall.json(),
                "opt_outs_missed": missed_opt_outs,
                "near_misses_taken_for_opt_out_or_opt_in": near_misses_taken,
                "scope": scope.json(),
                "by_language": map(&by_lang),
                "by_action": map(&by_action),
                "by_language_and_action": map(&by_lang_action),
                "by_kind": map(&by_kind),
                "confusion": confusion.iter().map(|((e, p), n)| json!({"expected": e, "predicted": p, "count": n})).collect::<Vec<_>>(),
            });
            out.write_all(
                serde_json::to_string_pretty(&value)
                    .map_err(io::Error::other)?
                    .as_bytes(),
            )?;
            writeln!(out)?;
        }
        TextOrJson::Text => {
            writeln!(out, "{shown}: {} replies", overall.total)?;
            writeln!(out, "accuracy:        {}", percent(&overall))?;
            writeln!(out, "opt-outs missed: {missed_opt_outs}")?;
            writeln!(
                out,
                "near misses taken for an opt-out or opt-in: {near_misses_taken}"
            )?;
            writeln!(out, "scope of opt-outs found: {}", percent(&scope))?;
            for (k, t) in by_lang.iter().chain(&by_action).chain(&by_lang_action) {
                writeln!(out, "  {k:28} {}", percent(t))?;
            }
            for (k, t) in &by_kind {
                writeln!(out, "  {k:28} {}", percent(t))?;
            }
            writeln!(out, "confusion (expected -> predicted):")?;
            writeln!(
                out,
                "  {:9} {:>8} {:>8} {:>8} {:>8}",
                "", ACTIONS[0], ACTIONS[1], ACTIONS[2], ACTIONS[3]
            )?;
            for expected in ACTIONS {
                let n = |p: &'static str| {
                    confusion
                        .get(&(expected.to_string(), p))
                        .copied()
                        .unwrap_or(0)
                };
                writeln!(
                    out,
                    "  {expected:9} {:>8} {:>8} {:>8} {:>8}",
                    n(ACTIONS[0]),
                    n(ACTIONS[1]),
                    n(ACTIONS[2]),
                    n(ACTIONS[3])
                )?;
            }
            if args.errors {
                for e in &errors {
                    writeln!(out, "{e}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
