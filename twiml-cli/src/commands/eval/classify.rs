//! `twiml eval classify`: the essential/non-essential classifier scored on its labelled set.
//!
//! `twiml eval classify [--split SET]` reads a set of `eval/classify/` (a list of `[[message]]`
//! tables with `id`, `lang`, `text`, `class`, `intent`, `kind`, `hard`), classifies every text
//! as the gate would with no intent declared, and prints the accuracy by language and by class,
//! the confusion, and every one-time code, fraud alert or delivery notice read as non-essential
//! (the exit status is 1 when there is one). An undecided message (the gate's `Review`) counts
//! as not correct.
//!
//! The sets are those of the registry `sets.toml` in `--dir` ([`super::sets`]): a row per set,
//! with its name (`--split author-al`), its file, the half of its file it is (`author-b-a` and
//! `author-b-b`, the halves dealt once into `author-b-halves.toml`), and its role. A set that
//! tunes (`dev`, `training`, `author-b-a`, the sets written for training) has its misread
//! messages named (`--errors`, and the codes read as non-essential); a set that trains (having
//! judged) or judges (the held-out half, the fresh hands of a round) is scored for figures
//! only, and one that judges never trains. A name the registry lacks is refused with the list
//! of those it has. `--file PATH` scores any file in the sets' schema, as unseen, and needs the
//! registry only to train.
//!
//! `--folds N` (development half only) estimates how the classifier does on messages it has
//! not seen: the half is dealt into N folds by id, and each fold is classified by a classifier
//! trained on the other folds and on `training.toml`, never on the fold itself.
//!
//! `--train training,dev,author-b-a` classifies with a classifier trained on those sets (with
//! the built-in one's options) instead of the built-in one: how messages of one hand carry to
//! another's. No set trains on messages it scores (a file and a half of it share messages).

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use serde::Deserialize;
use serde_json::json;
use twiml_core::gate::{Class, Classification, Classifier, NEVER_NON_ESSENTIAL_KINDS, classify};

use super::super::{Error, ExitStatus};
use super::sets::{FILE as REGISTRY, Registry, Set as Named};
use crate::args::{EvalClassifyArgs, LogLevel, TextOrJson};

#[derive(Debug, Deserialize)]
struct Set {
    message: Vec<Labelled>,
}

/// `author-b-halves.toml`: the ids of the two halves of the second author's set, dealt once.
#[derive(Debug, Deserialize)]
struct Halves {
    a: Vec<String>,
    b: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    #[serde(default)]
    id: String,
    lang: String,
    text: String,
    class: String,
    #[serde(default)]
    intent: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    hard: bool,
}

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

/// Reads a labelled set; a TOML error names the file, line and column.
fn read_set(path: &std::path::Path) -> Result<Set, Error> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::new(format_args!("{shown}: {e}")))?;
    toml::from_str(&text).map_err(|e| {
        Error::new(format_args!(
            "{shown}{}: {}",
            super::sets::place(&text, &e),
            e.message().trim_end()
        ))
    })
}

/// The class of a labelled message, or an error naming it.
fn class_of(m: &Labelled, shown: &str) -> Result<Class, Error> {
    match m.class.as_str() {
        "essential" => Ok(Class::Essential),
        "non-essential" => Ok(Class::NonEssential),
        other => Err(Error::new(format_args!(
            "{shown}: `{}`: `class` must be essential or non-essential, not `{other}`",
            if m.id.is_empty() { &m.text } else { &m.id }
        ))),
    }
}

/// The messages of a set of the registry (of its file, or of the half of it) in `dir`.
fn load(dir: &std::path::Path, which: &Named) -> Result<(String, Vec<Labelled>), Error> {
    let path = dir.join(&which.file);
    let shown = path.display().to_string();
    let mut messages = read_set(&path)?.message;
    for m in &messages {
        class_of(m, &shown)?;
    }
    if let (Some(half), Some(halves_file)) = (&which.half, which.halves_file()) {
        let halves_path = dir.join(halves_file);
        let halves_shown = halves_path.display().to_string();
        let text = std::fs::read_to_string(&halves_path)
            .map_err(|e| Error::new(format_args!("{halves_shown}: {e}")))?;
        let halves: Halves = toml::from_str(&text)
            .map_err(|e| Error::new(format_args!("{halves_shown}: {}", e.message().trim_end())))?;
        let ids: HashSet<&str> = if half == "a" { &halves.a } else { &halves.b }
            .iter()
            .map(String::as_str)
            .collect();
        let known: HashSet<&str> = messages.iter().map(|m| m.id.as_str()).collect();
        if let Some(missing) = halves
            .a
            .iter()
            .chain(&halves.b)
            .find(|id| !known.contains(id.as_str()))
        {
            return Err(Error::new(format_args!(
                "{halves_shown}: `{missing}` is not a message of {shown}"
            )));
        }
        messages.retain(|m| ids.contains(m.id.as_str()));
        return Ok((format!("{shown} (half {})", half.to_uppercase()), messages));
    }
    Ok((shown, messages))
}

/// Scores the classifier on one set of its labelled messages.
pub(crate) fn run(args: EvalClassifyArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    // The registry names the sets of `--dir`. A file scored alone needs it only to train, and
    // reads it, when there is one, for the names of the sets that tune.
    let registry =
        if args.file.is_some() && args.train.is_empty() && !args.dir.join(REGISTRY).exists() {
            None
        } else {
            Some(Registry::read(&args.dir).map_err(Error::new)?)
        };
    let scored = match (&args.file, &registry) {
        (None, Some(registry)) => Some(
            registry
                .find("`--split`", &args.split)
                .map_err(Error::new)?,
        ),
        _ => None,
    };
    let train: Vec<&Named> = match &registry {
        Some(registry) => args
            .train
            .iter()
            .map(|t| registry.find("`--train`", t).map_err(Error::new))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    // The sets that tune, whose misread messages may be named, as messages list them.
    let tuning = registry
        .as_ref()
        .map(|r| r.names_of(|s| s.role.may_be_read()).join(", "));
    let readable = scored.is_some_and(|s| s.role.may_be_read());
    if args.errors && !readable {
        return Err(Error::new(format_args!(
            "`--errors` lists messages of the sets that tune only ({}); the other sets are scored, never read",
            tuning.as_deref().unwrap_or_default()
        )));
    }
    if args.folds.is_some() && args.split != "dev" {
        return Err(Error::new(
            "`--folds` cross-validates on the development half only; the held-out half is scored, never trained on",
        ));
    }
    if args.folds.is_some_and(|n| n < 2) {
        return Err(Error::new("`--folds` needs at least 2 folds"));
    }
    if let Some(judge) = train.iter().find(|t| !t.role.may_train()) {
        return Err(Error::new(format_args!(
            "`--train`: {} is scored, never trained on",
            judge.name
        )));
    }
    if let Some(scored) = scored
        && let Some(both) = train.iter().find(|t| t.overlaps(scored))
    {
        return Err(Error::new(format_args!(
            "`--train`: `{}` shares messages with the scored set `{}`",
            both.name, scored.name
        )));
    }
    let (shown, set) = match (&args.file, scored) {
        (Some(path), _) => {
            let shown = path.display().to_string();
            let set = read_set(path)?.message;
            for m in &set {
                class_of(m, &shown)?;
            }
            (shown, set)
        }
        (None, Some(scored)) => load(&args.dir, scored)?,
        (None, None) => unreachable!("a set of `--dir` is scored with its registry"),
    };
    let set = Set { message: set };
    let trained = if args.train.is_empty() {
        None
    } else {
        let mut sets = Vec::new();
        for &t in &train {
            sets.push(load(&args.dir, t)?.1);
        }
        let examples = sets
            .iter()
            .flatten()
            .map(|m| Ok((m.text.as_str(), class_of(m, "")?)))
            .collect::<Result<Vec<(&str, Class)>, Error>>()?;
        Some(Classifier::train(examples))
    };
    let predictions: Vec<Classification> = match args.folds {
        None => match &trained {
            Some(c) => set.message.iter().map(|m| c.classify(&m.text)).collect(),
            None => set.message.iter().map(|m| classify(&m.text)).collect(),
        },
        Some(folds) => {
            let own_path = args.dir.join("training.toml");
            let own = if own_path.exists() {
                read_set(&own_path)?.message
            } else {
                Vec::new()
            };
            let own_shown = own_path.display().to_string();
            let mut own_examples = Vec::with_capacity(own.len());
            for m in &own {
                own_examples.push((m.text.as_str(), class_of(m, &own_shown)?));
            }
            // Folds by id, so that the file's order does not matter.
            let mut order: Vec<usize> = (0..set.message.len()).collect();
            order.sort_by(|&a, &b| set.message[a].id.cmp(&set.message[b].id));
            let mut fold_of = vec![0; set.message.len()];
            for (rank, &i) in order.iter().enumerate() {
                fold_of[i] = rank % folds;
            }
            let mut predictions = vec![None; set.message.len()];
            for fold in 0..folds {
                let mut examples = Vec::new();
                for &i in &order {
                    if fold_of[i] != fold {
                        let m = &set.message[i];
                        examples.push((m.text.as_str(), class_of(m, &shown)?));
                    }
                }
                examples.extend(own_examples.iter().copied());
                let classifier = Classifier::train(examples);
                for (i, m) in set.message.iter().enumerate() {
                    if fold_of[i] == fold {
                        predictions[i] = Some(classifier.classify(&m.text));
                    }
                }
            }
            predictions.into_iter().flatten().collect()
        }
    };

    let mut overall = Tally::default();
    let mut intents = Tally::default();
    let mut hard = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_class: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_lang_class: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut never_waited: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for (m, c) in set.message.iter().zip(&predictions) {
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
        if c.class == Some(Class::NonEssential) && NEVER_NON_ESSENTIAL_KINDS.contains(&kind) {
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
    // A set that is only scored is never read: its misread messages are counted, not named.
    let shown_ids: &[String] = if readable { &never_waited } else { &[] };
    let mut out = io::stdout().lock();
    let percent = |t: &Tally| format!("{:5.1}% ({}/{})", t.accuracy() * 100.0, t.correct, t.total);
    match args.format {
        TextOrJson::Json => {
            let value = json!({
                "set": shown,
                "folds": args.folds,
                "trained_on": (!args.train.is_empty()).then_some(&args.train),
                "accuracy": overall.json(),
                "by_language": by_lang.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
                "by_class": by_class.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
                "by_language_and_class": by_lang_class.iter().map(|((l, c), t)| (format!("{l}/{c}"), t.json())).collect::<serde_json::Map<_, _>>(),
                "hard": hard.json(),
                "intent": intents.json(),
                "confusion": confusion.iter().map(|((e, p), n)| json!({"expected": e, "predicted": p, "count": n})).collect::<Vec<_>>(),
                "essential_kinds_read_as_non_essential": never_waited.len(),
                "essential_kinds_read_as_non_essential_ids": shown_ids,
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
            if !args.train.is_empty() {
                writeln!(
                    out,
                    "classified by a classifier trained on: {}",
                    args.train.join(", ")
                )?;
            }
            if let Some(folds) = args.folds {
                writeln!(
                    out,
                    "cross-validation: {folds} folds, each classified by a classifier trained without it"
                )?;
            }
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
            } else if !readable {
                writeln!(
                    out,
                    "one-time codes, fraud alerts, delivery and shipping notices read as non-essential: {} (named only on the sets that tune{})",
                    never_waited.len(),
                    tuning
                        .as_deref()
                        .map(|t| format!(": {t}"))
                        .unwrap_or_default()
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
