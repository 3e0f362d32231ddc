//! `twiml eval classify`: the essential/non-essential classifier scored on its labelled set.
//!
//! `twiml eval classify [--split dev|held-out]` reads `eval/classify/<SPLIT>.toml` (a list of
//! `[[message]]` tables with `id`, `lang`, `text`, `class`, `intent`, `kind`, `hard`), classifies
//! every text as the gate would with no intent declared, and prints the accuracy by language
//! and by class, the confusion, and every one-time code, fraud alert or delivery notice read as
//! non-essential (the exit status is 1 when there is one). An undecided message (the gate's
//! `Review`) counts as not correct.
//!
//! `--folds N` (development half only) estimates how the classifier does on messages it has
//! not seen: the half is dealt into N folds by id, and each fold is classified by a classifier
//! trained on the other folds and on `training.toml`, never on the fold itself.
//!
//! `--split author-b` scores the second author's set (`author-b.toml`), and `author-b-a` or
//! `author-b-b` one of its two halves, dealt once into `author-b-halves.toml`. `--train
//! training,dev,author-b-a` classifies with a classifier trained on those sets (with the
//! built-in one's options) instead of the built-in one: how messages of one hand carry to
//! another's. `--split author-c` scores the third author's set (`author-c.toml`), and `--split
//! author-d` the fourth's (`author-d.toml`), `--split author-f` the sixth's (`author-f.toml`),
//! `--split author-h` the eighth's (`author-h.toml`), `--split author-j` the tenth's
//! (`author-j.toml`), `--split author-k` the eleventh's (`author-k.toml`), `--split author-l`
//! the twelfth's (`author-l.toml`), `--split author-m` the thirteenth's (`author-m.toml`),
//! `--split author-n` the fourteenth's (`author-n.toml`), `--split author-o` the fifteenth's
//! (`author-o.toml`), `--split author-p` the sixteenth's (`author-p.toml`), `--split author-q`
//! the seventeenth's (`author-q.toml`), `--split author-r` the eighteenth's (`author-r.toml`),
//! `--split author-s` the nineteenth's (`author-s.toml`), `--split author-t` the twentieth's
//! (`author-t.toml`), `--split author-u` the twenty-first's (`author-u.toml`), `--split
//! author-v` the twenty-second's (`author-v.toml`), `--split author-w` the twenty-third's
//! (`author-w.toml`), `--split author-x` the twenty-fourth's (`author-x.toml`), `--split
//! author-y` the twenty-fifth's (`author-y.toml`), `--split author-z` the twenty-sixth's
//! (`author-z.toml`), `--split author-aa` the twenty-seventh's (`author-aa.toml`), `--split
//! author-ab` the twenty-eighth's (`author-ab.toml`), `--split author-ac` the twenty-ninth's
//! (`author-ac.toml`), `--split author-ad` the thirtieth's (`author-ad.toml`), `--split
//! author-ae` the thirty-first's (`author-ae.toml`), `--split author-af` the thirty-second's
//! (`author-af.toml`), `--split author-ag` the thirty-third's (`author-ag.toml`), `--split
//! author-ah` the thirty-fourth's (`author-ah.toml`), `--split author-ai` the thirty-fifth's
//! (`author-ai.toml`), `--split author-aj` the thirty-sixth's (`author-aj.toml`), `--split
//! author-ak` the thirty-seventh's (`author-ak.toml`) and `--split author-al` the
//! thirty-eighth's (`author-al.toml`), which judge: their misread messages are never named;
//! having judged, each but `author-ai`, `author-aj`, `author-ak` and `author-al` may now train
//! (`--train author-c`, `--train author-ae`), and those four never train.
//! `author-e`, `author-g` and `author-i`
//! (`author-e.toml`, `author-g.toml`, `author-i.toml`) are sets written apart for training.
//! `--file PATH` scores any file in the set's schema, as unseen. Only the sets that tune
//! (`dev`, `training`, `author-b-a`, `author-e`, `author-g`, `author-i`) have their misread
//! messages named.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use serde::Deserialize;
use serde_json::json;
use twiml_core::gate::{Class, Classification, Classifier, NEVER_NON_ESSENTIAL_KINDS, classify};

use super::super::{Error, ExitStatus};
use crate::args::{ClassifySplit, EvalClassifyArgs, LogLevel, TextOrJson};

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

/// The set of `--dir` (or the half of one) that a name stands for.
fn load(args: &EvalClassifyArgs, which: ClassifySplit) -> Result<(String, Vec<Labelled>), Error> {
    let file = match which {
        ClassifySplit::AuthorBA | ClassifySplit::AuthorBB => "author-b",
        other => other.name(),
    };
    let path = args.dir.join(format!("{file}.toml"));
    let shown = path.display().to_string();
    let mut messages = read_set(&path)?.message;
    for m in &messages {
        class_of(m, &shown)?;
    }
    if let Some(half) = match which {
        ClassifySplit::AuthorBA => Some("a"),
        ClassifySplit::AuthorBB => Some("b"),
        _ => None,
    } {
        let halves_path = args.dir.join("author-b-halves.toml");
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

/// Whether two sets share messages.
fn overlap(a: ClassifySplit, b: ClassifySplit) -> bool {
    use ClassifySplit::{AuthorB, AuthorBA, AuthorBB};
    a == b
        || matches!(
            (a, b),
            (AuthorB, AuthorBA | AuthorBB) | (AuthorBA | AuthorBB, AuthorB)
        )
}

/// Scores the classifier on one set of its labelled messages.
pub(crate) fn run(args: EvalClassifyArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    // The sets whose misread messages may be named: those that tune.
    let readable = args.file.is_none()
        && matches!(
            args.split,
            ClassifySplit::Dev
                | ClassifySplit::Training
                | ClassifySplit::AuthorBA
                | ClassifySplit::AuthorE
                | ClassifySplit::AuthorG
                | ClassifySplit::AuthorI
        );
    if args.errors && !readable {
        return Err(Error::new(
            "`--errors` lists messages of the development half, training, author-e, author-g, author-i or the A half of author-b only; the other sets are scored, never read",
        ));
    }
    if args.folds.is_some() && args.split != ClassifySplit::Dev {
        return Err(Error::new(
            "`--folds` cross-validates on the development half only; the held-out half is scored, never trained on",
        ));
    }
    if args.folds.is_some_and(|n| n < 2) {
        return Err(Error::new("`--folds` needs at least 2 folds"));
    }
    if args.train.contains(&ClassifySplit::HeldOut) {
        return Err(Error::new(
            "`--train`: the held-out half is scored, never trained on",
        ));
    }
    if let Some(judge) = args.train.iter().find(|t| {
        matches!(
            t,
            ClassifySplit::AuthorAi
                | ClassifySplit::AuthorAj
                | ClassifySplit::AuthorAk
                | ClassifySplit::AuthorAl
        )
    }) {
        return Err(Error::new(format_args!(
            "`--train`: {} is scored, never trained on",
            judge.name()
        )));
    }
    if args.file.is_none()
        && let Some(both) = args.train.iter().find(|&&t| overlap(t, args.split))
    {
        return Err(Error::new(format_args!(
            "`--train`: `{}` shares messages with the scored set `{}`",
            both.name(),
            args.split.name()
        )));
    }
    let (shown, set) = match &args.file {
        Some(path) => {
            let shown = path.display().to_string();
            let set = read_set(path)?.message;
            for m in &set {
                class_of(m, &shown)?;
            }
            (shown, set)
        }
        None => load(&args, args.split)?,
    };
    let set = Set { message: set };
    let trained = if args.train.is_empty() {
        None
    } else {
        let mut sets = Vec::new();
        for &t in &args.train {
            sets.push(load(&args, t)?.1);
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
                "trained_on": (!args.train.is_empty()).then(|| args.train.iter().map(|t| t.name()).collect::<Vec<_>>()),
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
                let names: Vec<&str> = args.train.iter().map(|t| t.name()).collect();
                writeln!(
                    out,
                    "classified by a classifier trained on: {}",
                    names.join(", ")
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
                    "one-time codes, fraud alerts, delivery and shipping notices read as non-essential: {} (named only on the sets that tune: dev, training, author-b-a, author-e, author-g, author-i)",
                    never_waited.len()
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
