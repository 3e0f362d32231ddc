//! `twiml eval classify`: the essential/non-essential classifier scored on its labelled set.
//!
//! `twiml eval classify [--split dev|held-out]` reads `eval/classify/<SPLIT>.toml` (a list of
//! `[[message]]` tables with `id`, `lang`, `text`, `class`, `intent`, `kind`, `hard`), classifies
//! every text as the gate would with no intent declared, and prints the accuracy by language
//! and by class, the confusion, and every one-time code, fraud alert or delivery notice read as
//! non-essential (the exit status is 1 when there is one). An undecided message (the gate's
//! `Review`) counts as not correct.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Deserialize;
use serde_json::json;
use twiml_core::gate::{Class, classify};

use super::super::{Error, ExitStatus};
use crate::args::{EvalClassifyArgs, LogLevel, Split, TextOrJson};

#[derive(Debug, Deserialize)]
struct Set {
    message: Vec<Labelled>,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    id: String,
    lang: String,
    text: String,
    class: String,
    intent: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    hard: bool,
}

/// The kinds of message that must never wait: one-time codes, fraud alerts, delivery and
/// shipping notices.
const NEVER_NON_ESSENTIAL: [&str; 4] = ["otp", "fraud-alert", "delivery", "shipping"];

/// Counts of one slice of the set.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    total: usize,
    correct: usize,
    undecided: usize,
}

impl Tally {
    fn add(&mut self, correct: bool, undecided: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
        self.undecided += usize::from(undecided);
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
            "undecided": self.undecided,
            "accuracy": (self.accuracy() * 10000.0).round() / 10000.0,
        })
    }
}

fn class_name(class: Option<Class>) -> &'static str {
    class.map_or("undecided", |c| c.as_str())
}

/// Scores the classifier on one half of its labelled set.
pub(crate) fn run(args: EvalClassifyArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    if args.errors && args.split == Split::HeldOut {
        return Err(Error::new(
            "`--errors` lists messages of the development half only; the held-out half is scored, never read",
        ));
    }
    let path = args.dir.join(format!("{}.toml", args.split.stem()));
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(&path).map_err(|e| Error::new(format_args!("{shown}: {e}")))?;
    let set: Set = toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                format!(
                    ":{}:{}",
                    before.matches('\n').count() + 1,
                    before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1
                )
            })
            .unwrap_or_default();
        Error::new(format_args!("{shown}{at}: {}", e.message().trim_end()))
    })?;

    let mut overall = Tally::default();
    let mut intents = Tally::default();
    let mut hard = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_class: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_lang_class: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut never_waited: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for m in &set.message {
        if m.class != "essential" && m.class != "non-essential" {
            return Err(Error::new(format_args!(
                "{shown}: `{}`: `class` must be essential or non-essential, not `{}`",
                m.id, m.class
            )));
        }
        let c = classify(&m.text);
        let predicted = class_name(c.class);
        let correct = predicted == m.class;
        let undecided = c.class.is_none();
        overall.add(correct, undecided);
        by_lang
            .entry(m.lang.clone())
            .or_default()
            .add(correct, undecided);
        by_class
            .entry(m.class.clone())
            .or_default()
            .add(correct, undecided);
        by_lang_class
            .entry((m.lang.clone(), m.class.clone()))
            .or_default()
            .add(correct, undecided);
        *confusion.entry((m.class.clone(), predicted)).or_default() += 1;
        if m.hard {
            hard.add(correct, undecided);
        }
        if let Some(intent) = &m.intent {
            intents.add(c.intent.is_some_and(|i| i.as_str() == intent), undecided);
        }
        let kind = m.kind.as_deref().unwrap_or_default();
        if c.class == Some(Class::NonEssential) && NEVER_NON_ESSENTIAL.contains(&kind) {
            never_waited.push(m.id.clone());
        }
        if !correct {
            let cues: Vec<String> = c.cues.iter().map(ToString::to_string).collect();
            errors.push(format!(
                "{} ({}, {kind}): expected {}, got {predicted} [{}]\n    {}",
                m.id,
                m.lang,
                m.class,
                cues.join("; "),
                m.text
            ));
        }
    }

    let status = if never_waited.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    };
    if log == LogLevel::Silent {
        return Ok(status);
    }
    let mut out = io::stdout().lock();
    let percent = |t: &Tally| format!("{:5.1}% ({}/{})", t.accuracy() * 100.0, t.correct, t.total);
    match args.format {
        TextOrJson::Json => {
            let value = json!({
                "set": shown,
                "accuracy": overall.json(),
                "by_language": by_lang.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
                "by_class": by_class.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
                "by_language_and_class": by_lang_class.iter().map(|((l, c), t)| (format!("{l}/{c}"), t.json())).collect::<serde_json::Map<_, _>>(),
                "hard": hard.json(),
                "intent": intents.json(),
                "confusion": confusion.iter().map(|((e, p), n)| json!({"expected": e, "predicted": p, "count": n})).collect::<Vec<_>>(),
                "essential_kinds_read_as_non_essential": never_waited,
            });
            out.write_all(
                serde_json::to_string_pretty(&value)
                    .map_err(io::Error::other)?
                    .as_bytes(),
            )?;
            writeln!(out)?;
        }
        TextOrJson::Text => {
            writeln!(out, "{shown}: {} messages", overall.total)?;
            writeln!(out, "accuracy:        {}", percent(&overall))?;
            for (lang, t) in &by_lang {
                writeln!(out, "  {lang:14} {}", percent(t))?;
            }
            for (class, t) in &by_class {
                writeln!(out, "  {class:14} {}", percent(t))?;
            }
            for ((lang, class), t) in &by_lang_class {
                writeln!(out, "  {:14} {}", format!("{lang}/{class}"), percent(t))?;
            }
            writeln!(out, "  {:14} {}", "hard cases", percent(&hard))?;
            writeln!(out, "intent:          {}", percent(&intents))?;
            writeln!(
                out,
                "undecided:       {} (the gate answers review)",
                overall.undecided
            )?;
            writeln!(out, "confusion (expected -> predicted):")?;
            writeln!(
                out,
                "  {:14} {:>10} {:>14} {:>10}",
                "", "essential", "non-essential", "undecided"
            )?;
            for expected in ["essential", "non-essential"] {
                let n = |p: &'static str| {
                    confusion
                        .get(&(expected.to_string(), p))
                        .copied()
                        .unwrap_or(0)
                };
                writeln!(
                    out,
                    "  {expected:14} {:>10} {:>14} {:>10}",
                    n("essential"),
                    n("non-essential"),
                    n("undecided")
                )?;
            }
            if never_waited.is_empty() {
                writeln!(
                    out,
                    "one-time codes, fraud alerts, delivery and shipping notices read as non-essential: none"
                )?;
            } else {
                writeln!(
                    out,
                    "one-time codes, fraud alerts, delivery and shipping notices read as non-essential: {}",
                    never_waited.join(", ")
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
    Ok(status)
}
