//! Essential or not: the classifier, and the Compliance Toolkit's precedence of a declared
//! intent, a registered use case, the policy and the text.
//!
//! The classifier ([`Classifier`]) is explainable by construction. It reads the text once
//! for the cue phrases of the lexicon (`lexicon.rs`, English and Spanish), and once for the
//! features of a trained model (`model.rs`: words, pairs of words, stems, the form of the
//! message, the lexicon's phrases), and decides:
//!
//! - a message with a decisive phrase of promotion (weight 3 of a non-essential intent, such
//!   as "20% off" or "compra ahora") is non-essential, whatever else it says: a shipping
//!   update with a coupon, or an appointment reminder with a promotion, is a dual-purpose
//!   message, and such messages are marketing. A phrase that stands inside a quoted name or a
//!   name in capitals (a charge at `BEST DEAL AUTO`), in the very sentence of a code, a fraud
//!   alert or a delivery, or negated ("No es un cupon"), is not decisive: a message whose
//!   every such phrase stands so goes on to the general patterns below, then to the model;
//! - otherwise a decisive phrase, or a general pattern (`patterns.rs`), of a one-time code, a
//!   fraud alert or a delivery notice makes it essential: those never wait, unless the rest of
//!   the message (its other sentences) holds a phrase of promotion and weighs clearly toward
//!   non-essential on its own (a dual-purpose message the phrases missed: "Your package was
//!   delivered. Try Prime Video free for 30 days");
//! - otherwise a text of a few words (fewer than the `short` of the model's options) is too
//!   little to judge, unless a clear phrase of those kinds stands in it ("Delivered."): its
//!   class is undecided, with a cue that says so, however its words lean ("Gracias", "See you
//!   soon");
//! - otherwise the model's score decides when it is clear; when it is not (the words pull both
//!   ways, or say too little), the class is undecided, and the gate answers `Review` when the
//!   class matters.
//!
//! A phrase found inside a longer phrase that also matched does not count: the more specific
//! phrase decides ("sale" inside the Spanish "sale a las 8", "new location" inside "from a
//! new location"). The cues of an answer are the phrases it found, each with the words of the
//! text that matched, and the words that weighed most toward its class.
//!
//! The model (`model.tsv`) is trained on the development half of `eval/classify`, on the
//! classifier's own messages (`eval/classify/training.toml`) and on the sets of forty-one
//! more hands (`eval/classify/author-b.toml` to `author-z.toml`, then `author-aa.toml` to
//! `author-ap.toml`); a test keeps the file equal to a fresh training. The
//! held-out half is never used to train or tune, and a set written apart judges a change
//! before it may train one.

mod concepts;
mod lexicon;
mod model;
mod patterns;

use std::fmt;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::intent::{Class, MessageIntent, UseCase};
use crate::rules::Regime;
use concepts::CONCEPTS;
pub(crate) use lexicon::LEXICON;
use model::Model;

/// The version of the classifier, its lexicon, its patterns and its model: the date of its
/// last change, and the change's number on that day after the first.
pub(crate) const VERSION: &str = "2026-12-06.5";

/// The `kind`s of the labelled sets (`eval/classify`) whose messages must never be read as
/// non-essential: one-time codes, fraud alerts, delivery and shipping notices. The second part
/// of the classifier's target counts them; `twiml eval classify` and the tuning tests read this
/// list. Not API.
#[doc(hidden)]
pub const NEVER_NON_ESSENTIAL_KINDS: [&str; 4] = ["otp", "fraud-alert", "delivery", "shipping"];

/// Why a message is in its class: a phrase of its text, words the model weighed, or a
/// declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cue {
    /// A phrase of the text that points to an intent.
    Phrase {
        /// The words of the text that matched.
        text: String,
        /// The lexicon's phrase, or for a general pattern the intent's name (`otp`, `fraud`,
        /// `delivery`).
        phrase: &'static str,
        /// The intent it points to.
        intent: MessageIntent,
        /// Its weight: 3 decides alone, 2 is clear, 1 only adds.
        weight: u8,
    },
    /// The sender declared the intent (Twilio's `MessageIntent`).
    Declared(MessageIntent),
    /// The campaign's registered 10DLC use case.
    UseCase(UseCase),
    /// The policy's regime says every send is marketing or telemarketing.
    Regime(Regime),
    /// Words or a form of the text that the trained model weighs toward a class.
    Weighed {
        /// The words of the text.
        text: String,
        /// The class they point to.
        class: Class,
    },
    /// The text is too short to judge: it has fewer words than the classifier needs, no
    /// decisive phrase and no pattern of a code, a fraud alert or a delivery, so the class is
    /// left undecided.
    TooLittle {
        /// Its words (runs between spaces that hold a letter or a digit).
        words: usize,
    },
}

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cue::Phrase { text, intent, .. } => write!(f, "{intent}: \"{text}\""),
            Cue::Declared(intent) => write!(f, "declared intent: {intent}"),
            Cue::UseCase(use_case) => write!(f, "10DLC use case: {use_case}"),
            Cue::Regime(regime) => write!(f, "policy: {regime}"),
            Cue::Weighed { text, class } => write!(f, "{class}: \"{text}\""),
            Cue::TooLittle { words } => write!(
                f,
                "too little text to judge ({words} word{})",
                if *words == 1 { "" } else { "s" }
            ),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Cue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where a class came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Source {
    /// The sender said so: a `MessageIntent`, a use case, or the policy.
    Declared,
    /// The classifier read the text.
    Classified,
}

impl Source {
    /// `declared` or `classified`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Declared => "declared",
            Source::Classified => "classified",
        }
    }
}

/// Essential or not, with the intent it stands for and the cues that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Classification {
    /// The class; `None` when the cues are too weak or pull both ways, or the text too short
    /// to judge.
    pub class: Option<Class>,
    /// The intent: declared, or the strongest of the cues of the class.
    pub intent: Option<MessageIntent>,
    /// Where the class came from.
    pub source: Source,
    /// The cues that decided it, strongest first.
    pub cues: Vec<Cue>,
}

impl Classification {
    fn declared(intent: MessageIntent, cue: Cue) -> Self {
        Classification {
            class: Some(intent.class()),
            intent: Some(intent),
            source: Source::Declared,
            cues: vec![cue],
        }
    }
}

/// What the sender declared about a message, in the order the Toolkit honours it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Declared<'a> {
    /// The `MessageIntent` given with the send.
    pub intent: Option<MessageIntent>,
    /// The campaign's registered 10DLC use case.
    pub use_case: Option<UseCase>,
    /// The policy's regimes: `telemarketing` or `marketing-sms` make every send marketing.
    pub regimes: &'a [Regime],
}

/// Classifies a message under the Toolkit's precedence:
///
/// 1. a declared intent is accepted as it is: a non-essential one stands, an essential one
///    passes without classification;
/// 2. a campaign registered under a non-essential use case is non-essential; one registered
///    under an essential use case is classified, and reclassified as non-essential when its
///    text reads as such (undecided text keeps the registered class);
/// 3. a policy whose regime is telemarketing or marketing messages makes every send
///    non-essential;
/// 4. otherwise the classifier decides; under the debt-collection regime a text it cannot
///    place is an account notification (a collector's communication, not a solicitation),
///    and elsewhere the class is left undecided.
pub fn classify_with(text: &str, declared: Declared<'_>) -> Classification {
    if let Some(intent) = declared.intent {
        return Classification::declared(intent, Cue::Declared(intent));
    }
    if let Some(use_case) = declared.use_case
        && let Some(intent) = use_case.intent()
    {
        if intent.class() == Class::NonEssential {
            return Classification::declared(intent, Cue::UseCase(use_case));
        }
        let read = classify(text);
        return match read.class {
            Some(Class::NonEssential) => read,
            Some(Class::Essential) => {
                let mut read = read;
                read.cues.insert(0, Cue::UseCase(use_case));
                read
            }
            None => {
                let mut registered = Classification::declared(intent, Cue::UseCase(use_case));
                registered.cues.extend(read.cues);
                registered
            }
        };
    }
    if let Some(regime) = declared
        .regimes
        .iter()
        .copied()
        .find(|r| matches!(r, Regime::Telemarketing | Regime::MarketingSms))
    {
        return Classification::declared(MessageIntent::Marketing, Cue::Regime(regime));
    }
    let read = classify(text);
    if read.class.is_none() && declared.regimes.contains(&Regime::DebtCollection) {
        // A debt collector's communication that does not read as marketing is about the
        // account, not a solicitation.
        let mut account = Classification::declared(
            MessageIntent::Notifications,
            Cue::Regime(Regime::DebtCollection),
        );
        account.cues.extend(read.cues);
        return account;
    }
    read
}

/// Classifies a text with the built-in [`Classifier`].
///
/// ```
/// use twiml_core::gate::{Class, MessageIntent, classify};
///
/// let c = classify("Your Acme verification code is 482913. Do not share it.");
/// assert_eq!(c.class, Some(Class::Essential));
/// assert_eq!(c.intent, Some(MessageIntent::Otp));
///
/// let c = classify("Your order has shipped! Use code SAVE20 for 20% off your next order.");
/// assert_eq!(c.class, Some(Class::NonEssential));
/// ```
pub fn classify(text: &str) -> Classification {
    Classifier::builtin().classify(text)
}

/// The essential/non-essential classifier: the lexicon's rules over a trained model.
///
/// It reads a message in three steps:
///
/// 1. a phrase of the lexicon that only promotions use ("20% off", "promo code",
///    "compra ahora") makes the message non-essential, whatever else it says: a shipping
///    update with a coupon is a dual-purpose message, and such messages are marketing; a
///    phrase inside a quoted name or a name in capitals, in the sentence of a code, a fraud
///    alert or a delivery, or negated ("This is not a coupon"), does not count, and a
///    message whose every such phrase stands so goes to step 2's general patterns only, then
///    to step 4;
/// 2. otherwise a phrase or a general pattern of a one-time code, a fraud alert or a delivery
///    notice (a word for a code beside a number shaped like one; a question of recognition
///    beside an amount; the recipient's own order and what happened to it) makes it
///    essential: those never wait, unless the message's other sentences hold a phrase of
///    promotion and weigh clearly toward non-essential on their own;
/// 3. otherwise a text of a few words ("Gracias", "See you soon") is too little to judge:
///    undecided, with the cue [`Cue::TooLittle`], and the gate answers `Review`, unless a
///    clear phrase of a code, a fraud alert or a delivery ("Delivered.") stands in it;
/// 4. otherwise a logistic regression over the message's words, pairs of words, stems, numbers
///    by type (times, dates, amounts, codes), first words of sentences, possessives, form
///    (capitals, links) and lexicon phrases decides, when its score is clear; when it is not,
///    the class is undecided and the gate answers `Review`.
///
/// The cues of the answer are the phrases and the words that weighed most toward its class.
#[derive(Debug, Clone)]
pub struct Classifier {
    model: Model,
}

/// The checked-in model (`model.tsv`), written by the training test from the labelled
/// development half, `eval/classify/training.toml` and `eval/classify/author-b.toml` to
/// `author-ap.toml` (the shipped recipe of `model.rs`).
const MODEL_FILE: &str = include_str!("model.tsv");

impl Classifier {
    /// The classifier the gate uses, with the model trained for this release.
    pub fn builtin() -> &'static Classifier {
        static BUILTIN: OnceLock<Classifier> = OnceLock::new();
        BUILTIN.get_or_init(|| Classifier {
            model: Model::from_tsv(MODEL_FILE, model::OPTIONS).unwrap_or_else(|_| {
                // The test `the_model_file_is_fresh` reads the same file: it cannot be
                // malformed in a release. An empty model leaves only the rules.
                Model::from_tsv("", model::OPTIONS).unwrap_or_else(|_| unreachable!())
            }),
        })
    }

    /// Trains a classifier on labelled messages (with the built-in's features and
    /// training), for example to estimate by cross-validation how it does on messages it has
    /// not seen. The same messages in the same order give the same classifier.
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, Class)>) -> Classifier {
        Classifier::train_with(examples, model::OPTIONS)
    }

    pub(crate) fn train_with<'a>(
        examples: impl IntoIterator<Item = (&'a str, Class)>,
        options: model::Options,
    ) -> Classifier {
        Classifier {
            model: model::train(examples, options),
        }
    }

    /// The model as its file keeps it: the bias, then one `feature<TAB>weight` line per
    /// feature.
    pub fn to_model_file(&self) -> String {
        self.model.to_tsv()
    }

    #[cfg(test)]
    fn evidence(&self, text: &str) -> f64 {
        let normal = Normalized::new(text);
        let mut total = 0.0;
        model::features(text, &normal, &self.model.options, |parts, _| {
            total += self.model.weight(parts).abs();
        });
        total
    }

    /// Classifies a text by its cues alone.
    pub fn classify(&self, text: &str) -> Classification {
        let normal = Normalized::new(text);
        let options = &self.model.options;
        let matches = lexicon_matches(&normal);
        let mut cues: Vec<Cue> = matches
            .iter()
            .map(|&(id, (start, end))| {
                let entry = &LEXICON[id];
                Cue::Phrase {
                    text: normal.original(text, start, end),
                    phrase: entry.phrase,
                    intent: entry.intent,
                    weight: entry.weight,
                }
            })
            .collect();
        // The model's score: each feature counts once, where it first stands.
        let mut weighed: Vec<(u64, f64, (usize, usize))> = Vec::with_capacity(64);
        let mut seen = model::Seen::default();
        let mut add = |parts: &[&str], at: model::At| {
            let h = model::hash(parts);
            let w = self.model.weight_of(h);
            if w != 0.0 && seen.insert(h, &weighed) {
                weighed.push((h, w, at.source(&normal)));
            }
        };
        model::features(text, &normal, options, &mut add);
        if options.lexicon {
            model::lexicon_features(&matches, &mut add);
        }
        if options.concepts != 0 {
            model::concept_features(&concept_matches(&normal), options, &mut add);
        }
        let promoted = if options.promos != 0 {
            patterns::promotion(text, &normal)
        } else {
            None
        };
        if options.promos & 1 != 0
            && let Some(found) = promoted
        {
            add(
                &["r:", found.intent.as_str()],
                model::At::Source(found.span.0, found.span.1),
            );
        }
        let score = self.model.bias + weighed.iter().map(|&(_, w, _)| w).sum::<f64>();
        let evidence = weighed.iter().map(|&(_, w, _)| w.abs()).sum::<f64>();
        let clear = evidence >= options.evidence;

        // A decisive phrase of promotion; "use code" before a number shaped like a one-time
        // code asks the recipient to enter a code, not to redeem a discount (`SAVE20`).
        let decisive = |&&(id, (_, end)): &&(usize, (usize, usize))| {
            let entry = &LEXICON[id];
            entry.weight == 3
                && PROMOTION.contains(&entry.intent)
                && !((entry.phrase.ends_with("code") || entry.phrase.ends_with("codigo"))
                    && normal.text[end.min(normal.text.len())..].starts_with('#')
                    && {
                        let (from, to) = normal.source_range(end, end + 1);
                        model::number_type(text, from, to) == "t:code"
                    })
        };
        let mut promotion = options.rules && matches.iter().any(|m| decisive(&m));
        // The narrower rule: a phrase inside a merchant's name, in the sentence of a code, a
        // fraud alert or a delivery, or negated ("This is not a coupon"), does not decide.
        let mut left_to_model = false;
        // A decisive phrase of a code, a fraud alert or a delivery; not one in a warning of
        // what the sender never asks for ("we will never ask for your PIN or one-time code"):
        // that speaks of a scam, not of this message's code.
        // Only a text with a word of "never" in it can warn (the words of a sentence are the
        // text's words), so the others skip the sentence's reading.
        let may_warn = normal
            .text
            .split(' ')
            .any(|w| matches!(w, "never" | "nunca" | "jamas"));
        let warns_against = |text: &str, from: usize| may_warn && warns_against(text, from);
        let never_waits = |&&(id, (start, end)): &&(usize, (usize, usize))| {
            LEXICON[id].weight == 3
                && NEVER_WAIT.contains(&LEXICON[id].intent)
                && !warns_against(text, normal.source_range(start, end).0)
        };
        if promotion && options.narrow != 0 {
            // The sentences of the cues of the kinds that never wait: of the lexicon's first
            // decisive phrase of those kinds, else of the general pattern; with 32, of every
            // such phrase and of the pattern too.
            let mut cue_sentences: Vec<(MessageIntent, (usize, usize))> = Vec::new();
            if options.narrow & 2 != 0 {
                let every = options.narrow & 32 != 0;
                for &(id, (start, end)) in matches.iter().filter(never_waits) {
                    let (from, to) = normal.source_range(start, end);
                    cue_sentences.push((
                        LEXICON[id].intent,
                        patterns::sentence_around(text, from, to),
                    ));
                    if !every {
                        break;
                    }
                }
                if (every || cue_sentences.is_empty())
                    && options.patterns
                    && let Some(found) = patterns::never_wait(text, &normal)
                {
                    cue_sentences.push((found.intent, found.sentence));
                }
            }
            promotion = matches.iter().filter(decisive).any(|&(_, (start, end))| {
                let (s, e) = normal.source_range(start, end);
                !(options.narrow & 1 != 0 && in_a_name(text, s, e)
                    || options.narrow & 8 != 0 && (negated(text, s) || warns_against(text, s))
                    || cue_sentences.iter().any(|&(intent, (from, to))| {
                        s >= from
                            && e <= to
                            && !(options.narrow & 16 != 0
                                && intent == MessageIntent::Otp
                                && amount_beside(text, s, e))
                    }))
            });
            left_to_model = !promotion;
        }
        // A decisive phrase or a pattern of a code, a fraud alert or a delivery: essential,
        // unless the rest of the message (its other sentences) weighs as a promotion on its
        // own: the dual-purpose message that the doctrine makes marketing. When every phrase
        // of promotion was left (in a name, in the very sentence of such a cue, negated), only
        // a general pattern may decide so (a code word beside a number shaped like a code, not
        // "Your code is SAVE25"); with no pattern the model decides.
        let never_wait = if promotion || left_to_model && options.narrow & 4 == 0 {
            None
        } else if let Some(&(_, (start, end))) = matches
            .iter()
            .find(|m| options.rules && !left_to_model && never_waits(m))
        {
            let (from, to) = normal.source_range(start, end);
            Some((None, patterns::sentence_around(text, from, to)))
        } else if options.patterns
            && let Some(found) = patterns::never_wait(text, &normal)
        {
            Some((Some(found), found.sentence))
        } else {
            None
        };
        let by_rule = if promotion {
            Some(Class::NonEssential)
        } else if let Some((found, (from, to))) = never_wait {
            let rest: f64 = weighed
                .iter()
                .filter(|&&(_, _, (s, e))| e > s && (e <= from || s >= to))
                .map(|&(_, w, _)| w)
                .sum();
            // ... and holds a phrase of promotion of its own.
            let offer = matches.iter().any(|&(id, (start, end))| {
                let (s, e) = normal.source_range(start, end);
                LEXICON[id].weight >= options.offer
                    && PROMOTION.contains(&LEXICON[id].intent)
                    && e > s
                    && (e <= from || s >= to)
                    && !warns_against(text, s)
            });
            let upsold = if options.upsell {
                patterns::upsell(text, &normal, (from, to))
            } else {
                None
            };
            if let Some(upsold) = upsold {
                push_new(&mut cues, upsold.cue(text));
                Some(Class::NonEssential)
            } else if offer && rest <= -options.attached {
                Some(Class::NonEssential)
            } else {
                if let Some(found) = found {
                    push_new(&mut cues, found.cue(text));
                }
                Some(Class::Essential)
            }
        } else if options.promos & 2 != 0
            && let Some(found) = promoted
        {
            push_new(&mut cues, found.cue(text));
            Some(Class::NonEssential)
        } else {
            None
        };
        let by_model = if clear && score >= options.margin {
            Some(Class::Essential)
        } else if clear && score <= -options.margin {
            Some(Class::NonEssential)
        } else {
            None
        };
        // Too little to judge: a text of a few words, with no decisive phrase, no clear phrase
        // or pattern of the kinds that never wait ("Delivered."), says nothing of its
        // purpose, however its words lean.
        let too_little = by_rule.is_none()
            && options.short != 0
            && !matches.iter().any(|&(id, _)| {
                let entry = &LEXICON[id];
                entry.weight == 3 || entry.weight == 2 && NEVER_WAIT.contains(&entry.intent)
            })
            && words(text) < options.short;
        if too_little {
            cues.push(Cue::TooLittle { words: words(text) });
        }
        let class = if too_little {
            None
        } else {
            by_rule.or(by_model)
        };

        // Strongest first; the cues of the class found before the others.
        cues.sort_by_key(|c| match c {
            Cue::Phrase { intent, weight, .. } => {
                (Some(intent.class()) != class, std::cmp::Reverse(*weight))
            }
            _ => (false, std::cmp::Reverse(u8::MAX)),
        });
        let intent = class.map(|class| {
            cues.iter()
                .find_map(|c| match c {
                    Cue::Phrase { intent, .. } if intent.class() == class => Some(*intent),
                    _ => None,
                })
                .unwrap_or(match class {
                    Class::Essential => MessageIntent::Notifications,
                    Class::NonEssential => MessageIntent::Marketing,
                })
        });
        // When the model decided, the words that weighed most toward the class, after the
        // phrases; when a decisive phrase did, the phrases are the reason.
        if let (None, Some(class)) = (by_rule, class) {
            let toward = |w: f64| (w > 0.0) == (class == Class::Essential);
            weighed.retain(|&(_, w, (s, e))| toward(w) && s < e);
            weighed.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.2.cmp(&b.2)));
            let mut learned: Vec<Cue> = Vec::new();
            for &(_, _, (s, e)) in &weighed {
                if learned.len() == LEARNED_CUES {
                    break;
                }
                let words = text
                    .get(s..e)
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches(['.', ',', ';', ':', ')'])
                    .to_string();
                let shown = |c: &Cue| match c {
                    Cue::Phrase { text, .. } | Cue::Weighed { text, .. } => {
                        text.contains(words.as_str()) || words.contains(text.as_str())
                    }
                    _ => false,
                };
                let lower = words.to_lowercase();
                let filler = lower.split(' ').all(|w| FILLER.contains(&w));
                // A pair of words across a sentence's end reads as noise.
                let broken = words.contains(['.', '!', '?', ':', ';']) && words.contains(' ');
                let letter = words.chars().count() == 1 && words.chars().all(char::is_alphabetic);
                if words.is_empty()
                    || filler
                    || broken
                    || letter
                    || cues.iter().chain(&learned).any(shown)
                {
                    continue;
                }
                learned.push(Cue::Weighed { text: words, class });
            }
            // A verdict always names a reason: when every word that weighed toward the class
            // was filler, the one that weighed most.
            let named = cues
                .iter()
                .any(|c| matches!(c, Cue::Phrase { intent, .. } if intent.class() == class));
            if learned.is_empty()
                && !named
                && let Some(words) = weighed.iter().find_map(|&(_, _, (s, e))| {
                    let words = text.get(s..e)?.trim();
                    (!words.is_empty()).then(|| words.to_string())
                })
            {
                learned.push(Cue::Weighed { text: words, class });
            }
            let at = cues
                .iter()
                .position(|c| !matches!(c, Cue::Phrase { intent, .. } if intent.class() == class))
                .unwrap_or(cues.len());
            cues.splice(at..at, learned);
        }
        Classification {
            class,
            intent,
            source: Source::Classified,
            cues,
        }
    }
}

/// Adds a pattern's cue unless a phrase of the lexicon already names the same words for the
/// same intent ("Codigo 4040" is both).
fn push_new(cues: &mut Vec<Cue>, cue: Cue) {
    let same = |c: &Cue| match (c, &cue) {
        (
            Cue::Phrase { text, intent, .. },
            Cue::Phrase {
                text: new,
                intent: new_intent,
                ..
            },
        ) => text == new && intent == new_intent,
        _ => false,
    };
    if !cues.iter().any(same) {
        cues.push(cue);
    }
}

/// The words of a text: its runs between spaces that hold a letter or a digit
/// (punctuation alone is no word).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The marks that end a clause, for the narrower rule's tests of a negation and of an amount.
const CLAUSE_MARKS: [char; 8] = ['.', '!', '?', ';', ',', ':', '(', ')'];

/// Whether a negation stands among the three words before `text[from..]`, in the same
/// clause: "This is not a coupon", "No es un cupon".
fn negated(text: &str, from: usize) -> bool {
    let Some(before) = text.get(..from) else {
        return false;
    };
    let clause = before
        .rfind(CLAUSE_MARKS)
        .map_or(before, |i| &before[i + 1..]);
    clause.split_whitespace().rev().take(3).any(|w| {
        let w = w.to_lowercase();
        matches!(
            w.as_str(),
            "not" | "no" | "never" | "isn't" | "isn\u{2019}t" | "nunca" | "ni"
        )
    })
}

/// Whether `text[from..]` stands in a warning of what the sender never asks for, after it in
/// the same sentence: "Coinbase will NEVER ask you to send crypto to get a bonus", "Nunca te
/// pediremos pagar para recibir un premio". A promotion's words in such a warning describe a
/// scam, not an offer.
fn warns_against(text: &str, from: usize) -> bool {
    let Some(before) = text.get(..from) else {
        return false;
    };
    let (start, _) = patterns::sentence_around(text, from, from);
    let Some(sentence) = before.get(start..) else {
        return false;
    };
    let normal = Normalized::new(sentence);
    let words: Vec<&str> = normal.text.split(' ').filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "never" | "nunca" | "jamas")
            && words[i + 1..].iter().take(4).any(|w| {
                ["ask", "request", "pedi", "pide", "pedir", "solicit"]
                    .iter()
                    .any(|stem| w.starts_with(stem))
            })
    })
}

/// Whether an amount stands in `text[from..to]` or among the three words on each side of it, in
/// its clause: a number with a percent or currency sign (`20%`, `$40`), or a number beside a
/// percent sign or the name of a currency (`20 %`, `40 dolares`). A phrase of promotion with an
/// amount beside it offers money off ("Use code 4412 for 20% off", "Codigo 4040 = $40 de
/// descuento"), where one without ("FREE trial sign-up: your code is 448201") may only name
/// what the code is for.
fn amount_beside(text: &str, from: usize, to: usize) -> bool {
    let (Some(before), Some(inside), Some(after)) =
        (text.get(..from), text.get(from..to), text.get(to..))
    else {
        return false;
    };
    // A mark between two digits is part of a number ("$40.00", "$1,000"), not a clause's end.
    let ends = |text: &str, i: usize| {
        let b = text.as_bytes();
        !(i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && matches!(b[i], b'.' | b','))
    };
    let before = before
        .char_indices()
        .rev()
        .find(|&(i, c)| CLAUSE_MARKS.contains(&c) && ends(before, i))
        .map_or(before, |(i, _)| &before[i + 1..]);
    let after = after
        .char_indices()
        .find(|&(i, c)| CLAUSE_MARKS.contains(&c) && ends(after, i))
        .map_or(after, |(i, _)| &after[..i]);
    let near: Vec<&str> = {
        let mut words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
        words.reverse();
        words.extend(inside.split_whitespace());
        words.extend(after.split_whitespace().take(3));
        words
    };
    let number = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    let currency = |w: &str| {
        let w = w.to_lowercase();
        w == "%"
            || w.starts_with("dollar")
            || w.starts_with("dolar")
            || w.starts_with("d\u{f3}lar")
            || w.starts_with("peso")
    };
    near.iter().enumerate().any(|(i, w)| {
        number(w)
            && (w.contains(['%', '$', '\u{20ac}'])
                || near.get(i + 1).is_some_and(|next| currency(next))
                || i > 0 && near[i - 1] == "$")
    })
}

/// Whether `text[from..to]` stands inside a name: between quotation marks, or in a run of
/// words in capitals longer than itself (`BEST DEAL AUTO`, not `FREE SHIPPING`).
fn in_a_name(text: &str, from: usize, to: usize) -> bool {
    let (Some(before), Some(inside), Some(after)) =
        (text.get(..from), text.get(from..to), text.get(to..))
    else {
        return false;
    };
    let straight = before.matches('"').count() % 2 == 1 && after.contains('"');
    let curly = before.rfind('\u{201c}') > before.rfind('\u{201d}') && after.contains('\u{201d}');
    if straight || curly {
        return true;
    }
    let capital = |w: &str| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase);
    if !capital(inside) {
        return false;
    }
    let pause = |w: &str| w.ends_with(['.', ',', '!', '?', ':', ';', ')', '(']);
    let named = |w: &str| capital(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    // The word just before, whole, in capitals and not ending a clause; or the word just after.
    let joined_before = !before.ends_with(|c: char| !c.is_whitespace())
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| named(w) && !pause(w));
    let joined_after = !inside.ends_with(['.', ',', '!', '?', ':', ';'])
        && after.starts_with(' ')
        && after
            .split_whitespace()
            .next()
            .is_some_and(|w| named(w.trim_end_matches(['.', ',', '!', '?', ':', ';'])));
    joined_before || joined_after
}

/// The intents whose decisive phrases make a message non-essential, whatever else it says.
const PROMOTION: [MessageIntent; 5] = [
    MessageIntent::Marketing,
    MessageIntent::Events,
    MessageIntent::Education,
    MessageIntent::Polling,
    MessageIntent::Announcements,
];

/// The intents whose decisive phrases make a message essential: one-time codes, fraud
/// alerts and delivery notices never wait.
const NEVER_WAIT: [MessageIntent; 3] = [
    MessageIntent::Otp,
    MessageIntent::Fraud,
    MessageIntent::Delivery,
];

/// Words that weigh in the model but explain nothing on their own: an answer does not list
/// them as cues.
const FILLER: [&str; 46] = [
    "a", "an", "the", "to", "for", "of", "in", "on", "at", "with", "and", "or", "is", "are", "be",
    "will", "it", "this", "that", "by", "from", "as", "el", "la", "los", "las", "lo", "de", "del",
    "en", "con", "por", "para", "y", "o", "un", "una", "que", "es", "se", "al", "le", "you", "we",
    "us", "hi",
];

/// How many of the model's words an answer lists.
const LEARNED_CUES: usize = 4;

/// Every phrase of the lexicon in a normalized text, once each, as (entry, normalized range).
/// The more specific phrase decides: a match inside a longer match says nothing more ("sale"
/// inside the Spanish "sale a las", "new location" inside "from a new location").
fn lexicon_matches(normal: &Normalized) -> Vec<(usize, (usize, usize))> {
    // A message holds a handful of matches, so lists beat sets.
    let found: Vec<(usize, usize, usize)> = matcher()
        .find_overlapping_iter(normal.text.as_str())
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    outermost_once(&found)
}

/// Of matches `(start, end, key)`, the first of each key that no longer match holds, as
/// `(key, (start, end))`. A phrase is never inside a longer match of itself, so only other
/// phrases (of the same key or not) can hold it.
fn outermost_once(found: &[(usize, usize, usize)]) -> Vec<(usize, (usize, usize))> {
    let inside = |&(start, end, _): &(usize, usize, usize)| {
        found
            .iter()
            .any(|&(s, e, _)| s <= start && end <= e && e - s > end - start)
    };
    let mut out: Vec<(usize, (usize, usize))> = Vec::new();
    for m in found {
        let (start, end, key) = *m;
        if out.iter().any(|&(seen, _)| seen == key) || inside(m) {
            continue;
        }
        out.push((key, (start, end)));
    }
    out
}

/// The lexicon's phrases in one automaton, built once.
fn matcher() -> &'static AhoCorasick {
    static MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let patterns = LEXICON.iter().map(|e| {
            let phrase = e.phrase;
            match phrase.strip_suffix('*') {
                Some(stem) => format!(" {stem}"),
                None => format!(" {phrase} "),
            }
        });
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .or_else(|_| AhoCorasick::new(LEXICON.iter().map(|e| e.phrase)))
            .expect("the lexicon's phrases make an automaton")
    })
}

/// Every phrase of the concept table in a normalized text, as (class, normalized range), each
/// class once, where it first stands. A phrase inside a longer phrase of the table says
/// nothing more (`save` inside `save the date`).
fn concept_matches(normal: &Normalized) -> Vec<(usize, (usize, usize))> {
    let (automaton, classes) = concept_matcher();
    let found: Vec<(usize, usize, usize)> = automaton
        .find_overlapping_iter(normal.text.as_str())
        .map(|m| (m.start(), m.end(), classes[m.pattern().as_usize()]))
        .collect();
    outermost_once(&found)
}

/// The concept table's phrases in one automaton, built once, with the class of each.
fn concept_matcher() -> &'static (AhoCorasick, Vec<usize>) {
    static MATCHER: OnceLock<(AhoCorasick, Vec<usize>)> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut classes = Vec::new();
        for (class, concept) in CONCEPTS.iter().enumerate() {
            for phrase in concept.phrases {
                patterns.push(match phrase.strip_suffix('*') {
                    Some(stem) => format!(" {stem}"),
                    None => format!(" {phrase} "),
                });
                classes.push(class);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::new(&patterns))
            .expect("the concept table's phrases make an automaton");
        (automaton, classes)
    })
}

/// A text as the lexicon is written: lower case, no accents or apostrophes, numbers as `#`,
/// `%` and `$` as words, one space between words and around the whole. Each byte remembers
/// the range of the original text it came from.
struct Normalized {
    text: String,
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    fn new(source: &str) -> Self {
        let mut n = Normalized {
            text: String::with_capacity(source.len() + 2),
            origin: Vec::with_capacity(source.len() + 2),
        };
        n.push(' ', 0, 0);
        let bytes = source.as_bytes();
        let mut in_number = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let start = i as u32;
            // Most messages are ASCII: one byte at a time, without decoding.
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                let c = source[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let end = (i + len) as u32;
            i += len;
            if c.is_ascii_digit() {
                if in_number {
                    n.extend_last(end);
                } else {
                    n.space(start);
                    n.push('#', start, end);
                    in_number = true;
                }
                continue;
            }
            // "2,500.00" is one number.
            if in_number && matches!(c, ',' | '.') && bytes.get(i).is_some_and(u8::is_ascii_digit) {
                n.extend_last(end);
                continue;
            }
            if in_number {
                n.space(start);
                in_number = false;
            }
            match c {
                'a'..='z' => n.push(c, start, end),
                'A'..='Z' => n.push(c.to_ascii_lowercase(), start, end),
                '\'' | '\u{2019}' | '\u{2018}' => {}
                '%' | '$' => {
                    n.space(start);
                    n.push(c, start, end);
                    n.space(end);
                }
                _ => match fold(c) {
                    Some(folded) => {
                        for f in folded.chars() {
                            n.push(f, start, end);
                        }
                    }
                    None => n.space(start),
                },
            }
        }
        n.space(source.len() as u32);
        n
    }

    fn push(&mut self, c: char, start: u32, end: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push((start, end));
        }
    }

    /// A space, unless the text already ends with one.
    fn space(&mut self, at: u32) {
        if !self.text.ends_with(' ') {
            self.push(' ', at, at);
        }
    }

    fn extend_last(&mut self, end: u32) {
        if let Some(last) = self.origin.last_mut() {
            last.1 = end;
        }
    }

    /// The byte range of the original text behind the normalized range `start..end` (which
    /// may include the spaces around a phrase); empty when the range holds no word.
    fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let text = self.text.as_bytes();
        let mut start = start;
        let mut end = end.min(text.len());
        while start < end && text[start] == b' ' {
            start += 1;
        }
        while end > start && text[end - 1] == b' ' {
            end -= 1;
        }
        if start >= end {
            return (0, 0);
        }
        (
            self.origin[start].0 as usize,
            self.origin[end - 1].1 as usize,
        )
    }

    /// The original words behind the normalized range `start..end`.
    fn original(&self, source: &str, start: usize, end: usize) -> String {
        let (from, to) = self.source_range(start, end);
        source.get(from..to).unwrap_or_default().to_string()
    }
}

/// A letter in lower case without its accent, or `None` for a character that separates
/// words.
fn fold(c: char) -> Option<Cow> {
    if c.is_ascii_alphabetic() {
        return Some(Cow::Char(c.to_ascii_lowercase()));
    }
    if c.is_ascii() {
        return None;
    }
    let plain = match c {
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        c if c.is_alphabetic() => return Some(Cow::Lower(c)),
        _ => return None,
    };
    Some(Cow::Char(plain))
}

/// A folded letter: one ASCII letter, or the lower case of another letter.
enum Cow {
    Char(char),
    Lower(char),
}

impl Cow {
    fn chars(self) -> impl Iterator<Item = char> {
        let (plain, lower) = match self {
            Cow::Char(c) => (Some(c), None),
            Cow::Lower(c) => (None, Some(c.to_lowercase())),
        };
        plain.into_iter().chain(lower.into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> Option<Class> {
        classify(text).class
    }

    /// `test` on the first place of `phrase` in `text`.
    fn on_phrase(test: fn(&str, usize, usize) -> bool, text: &str, phrase: &str) -> bool {
        let from = text.find(phrase).expect("the phrase is in the text");
        test(text, from, from + phrase.len())
    }

    /// The narrower rule's test of an amount beside a phrase (bit 16): in the phrase or
    /// among the three words on each side, within its clause.
    #[test]
    fn an_amount_beside_a_phrase_is_found_in_its_clause_only() {
        let at = |text: &str, phrase: &str| on_phrase(amount_beside, text, phrase);
        assert!(at("Use code 4412 for 20% off", "20% off"));
        assert!(at("Use code 4412 for 20 % off", "off"));
        assert!(at("Codigo 4040 = $40 de descuento", "descuento"));
        assert!(at("Use code 4412 for $ 40 off", "off"));
        assert!(at("Codigo 4040: 40 dolares de descuento", "descuento"));
        assert!(at("Codigo 4040: descuento de 40 dolares", "descuento"));
        assert!(at("Codigo 4040: 40 d\u{f3}lares de descuento", "descuento"));
        assert!(!at("FREE trial sign-up: your code is 448201", "FREE trial"));
        assert!(!at("Your code is 448201 for the free trial", "free trial"));
        assert!(!at(
            "Paid $40. Free shipping on your order",
            "Free shipping"
        ));
        assert!(!at(
            "Paid $40, free shipping on your order",
            "free shipping"
        ));
        assert!(!at("", ""));
        assert!(!at("\u{e9}$", "\u{e9}"));
    }

    /// The narrower rule's test of a name: quoted, or in a run of
    /// capitals longer than the phrase.
    #[test]
    fn a_phrase_in_a_name_is_told_from_a_phrase_in_capitals() {
        let at = |text: &str, phrase: &str| on_phrase(in_a_name, text, phrase);
        assert!(at(
            "Charge of $89 at \"FREE GIFT WRAP CO\". Was this you?",
            "FREE GIFT"
        ));
        assert!(at(
            "Cargo en \u{201c}Regalos Gratis Online\u{201d}, ¿lo reconoces?",
            "Regalos Gratis"
        ));
        assert!(at(
            "Did you try $612.40 at BEST DEAL AUTO on 10/14?",
            "BEST DEAL"
        ));
        assert!(at(
            "Authorize $54.99 at SUPER SAVINGS MARKET?",
            "SAVINGS MARKET"
        ));
        assert!(!at(
            "Your order with FREE SHIPPING (order 2001) is out.",
            "FREE SHIPPING"
        ));
        assert!(!at("FLASH SALE: FREE GIFT with every order!", "FREE GIFT"));
        assert!(!at("Get a free gift with \"any\" order", "free gift"));
        assert!(!at("", ""));
        assert!(!at("é\"", "é"));
    }

    #[test]
    fn every_phrase_is_written_once_as_the_text_is_read() {
        let mut seen = std::collections::HashSet::new();
        for entry in LEXICON {
            assert!(seen.insert(entry.phrase), "`{}` twice", entry.phrase);
            assert!((1..=3).contains(&entry.weight), "`{}`", entry.phrase);
            let stem = entry.phrase.strip_suffix('*').unwrap_or(entry.phrase);
            // `#` stands for a number: read a number in its place.
            let normal = Normalized::new(&stem.replace('#', "0")).text;
            assert_eq!(
                normal.trim(),
                stem,
                "`{}` is not written as the text is read",
                entry.phrase
            );
        }
    }

    #[test]
    fn every_concept_phrase_is_written_once_as_the_text_is_read() {
        let mut names = std::collections::HashSet::new();
        let mut seen = std::collections::HashSet::new();
        for concept in CONCEPTS {
            assert!(names.insert(concept.name), "class `{}` twice", concept.name);
            assert!(!concept.name.contains(['+', ' ']), "`{}`", concept.name);
            for phrase in concept.phrases {
                assert!(seen.insert(*phrase), "`{phrase}` twice");
                let stem = phrase.strip_suffix('*').unwrap_or(phrase);
                let normal = Normalized::new(&stem.replace('#', "0")).text;
                assert_eq!(
                    normal.trim(),
                    stem,
                    "`{phrase}` is not written as the text is read"
                );
            }
        }
    }

    #[test]
    fn concepts_are_found_as_the_text_is_read() {
        let found = |text: &str| -> Vec<&str> {
            concept_matches(&Normalized::new(text))
                .iter()
                .map(|&(class, _)| CONCEPTS[class].name)
                .collect()
        };
        let sale = found("Take 20% OFF everything this weekend!");
        assert!(sale.contains(&"price-cut"), "{sale:?}");
        assert!(sale.contains(&"seasonal"), "{sale:?}");
        // A phrase inside a longer one of another class does not count.
        let date = found("Save the date: our open house is on 6/14.");
        assert!(date.contains(&"invitation"), "{date:?}");
        assert!(!date.contains(&"price-cut"), "{date:?}");
        // Accents folded, endings by stems.
        let spanish = found("¡Descuentos de VERANO! Tu pedido está en camino.");
        for class in ["price-cut", "seasonal", "order-placed", "shipping"] {
            assert!(spanish.contains(&class), "{class}: {spanish:?}");
        }
        assert!(found("").is_empty());
    }

    #[test]
    fn normalization() {
        let n =
            Normalized::new("Ahorra 20% en tu próximo pedido, ¡no te pierdas! Don't wait: $5.99");
        assert_eq!(
            n.text,
            " ahorra # % en tu proximo pedido no te pierdas dont wait $ # "
        );
    }

    /// A cue is named once, though a pattern and a phrase of the lexicon both find its words.
    #[test]
    fn a_cue_found_twice_is_named_once() {
        let cues = classify("Codigo 4040 = $40.00 de descuento").cues;
        let named = cues
            .iter()
            .filter(|c| matches!(c, Cue::Phrase { text, .. } if text == "Codigo 4040"))
            .count();
        assert_eq!(named, 1, "{cues:?}");
    }

    /// The phrase of the lexicon `phrase` is among the cues of `text`, as a cue of a fraud
    /// alert.
    fn assert_fraud_cue(text: &str, phrase: &str) {
        let cues = classify(text).cues;
        assert!(
            cues.iter().any(|c| matches!(
                c,
                Cue::Phrase { phrase: p, intent: MessageIntent::Fraud, .. } if *p == phrase
            )),
            "{text}: {cues:?}"
        );
    }

    /// A hold "to protect you" is a cue of a fraud alert, in both languages.
    #[test]
    fn a_hold_to_protect_you_is_a_cue_of_a_fraud_alert() {
        for (text, phrase) in [
            (
                "We paused your $950 transfer to a new payee to protect your account. Call us before we release it.",
                "to protect your account",
            ),
            (
                "Retuvimos tu envio de $950 a un destinatario nuevo para protegerte. Llamanos antes de liberarlo.",
                "para protegerte",
            ),
        ] {
            assert_fraud_cue(text, phrase);
        }
    }

    /// A transfer held until the sender says whom it is for: a cue of a fraud alert.
    #[test]
    fn asking_whom_a_transfer_is_for_is_a_cue_of_a_fraud_alert() {
        for (text, phrase) in [
            (
                "We are holding your $950 transfer. Do you know the person you are sending it to? Call us.",
                "do you know the person",
            ),
            (
                "Detuvimos tu envio de $950. ¿Conoces a quien se lo mandas? Llamanos antes de liberarlo.",
                "conoces a quien",
            ),
        ] {
            assert_fraud_cue(text, phrase);
        }
    }

    /// A class always comes with a reason, even when every word that weighed toward it is
    /// filler ("this is", "to you").
    #[test]
    fn every_verdict_names_a_cue() {
        for text in [
            "Hey, this is Sam. Catch you later.",
            "Hey Sam here. Talk to you later.",
            "Hey, Sam here. Talk soon.",
            "Sounds good, see you Tuesday.",
            "Your verification code is 482913",
            "Flash sale! 40% off everything today only.",
        ] {
            let found = classify(text);
            assert!(
                found.class.is_none() || !found.cues.is_empty(),
                "`{text}`: {:?} without a cue",
                found.class
            );
        }
    }

    #[test]
    fn cues_carry_the_original_words() {
        let c = classify("Take 20% OFF everything today. Envío gratis.");
        let texts: Vec<String> = c.cues.iter().map(ToString::to_string).collect();
        assert!(
            texts.contains(&"marketing: \"20% OFF\"".to_string()),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"marketing: \"Envío gratis\"".to_string()),
            "{texts:?}"
        );
    }

    #[test]
    fn essential_messages() {
        for text in [
            "Your Acme verification code is 482913. Do not share it.",
            "Tu código de verificación es 4821. No lo compartas.",
            "Acme Bank: did you make a $250.00 purchase at STORE 12? Reply YES or NO.",
            "Alerta de fraude: ¿reconoce esta compra de $89.00? Responda SI o NO.",
            "Your order #4412 has shipped. Track your package at https://example.com/t/4412",
            "Su pedido fue entregado hoy a las 3:15 pm.",
            "Reminder: your appointment with Dr. Lee is on Tue 5/12 at 3:30 PM. Reply C to confirm.",
            "Recordatorio: su cita es el martes a las 10:00. Responda C para confirmar.",
            "Your payment of $45.00 is due on 06/01.",
        ] {
            assert_eq!(class(text), Some(Class::Essential), "{text}");
        }
    }

    #[test]
    fn non_essential_messages() {
        for text in [
            "Acme: 20% off all garden tools this weekend only! Shop now at https://example.com",
            "Black Friday deals are here: BOGO on all shoes. Reply STOP to opt out",
            "¡Oferta especial! 30% de descuento en toda la tienda. Compra ahora.",
            "You're invited to our grand opening this Saturday! RSVP at example.com",
            "Te invitamos a nuestro evento de aniversario el sábado.",
            "How did we do? Take our 1-minute survey: https://example.com/s",
            "Your order has shipped! Use code SAVE20 for 20% off your next order.",
            "Reminder: your appointment is tomorrow at 9 AM. Book your next cleaning now and get 15% off!",
        ] {
            assert_eq!(class(text), Some(Class::NonEssential), "{text}");
        }
    }

    #[test]
    fn weak_or_absent_cues_are_undecided() {
        for text in [
            "Hello",
            "",
            "Thanks!",
            "ok",
            "Thank you",
            "Muchas gracias",
            "Gracias",
            "Gracias!",
            "See you soon",
            "OK!",
            "Hola!",
            "Hola, gracias",
            "!!!",
        ] {
            assert_eq!(class(text), None, "{text}");
        }
        // Too little to judge: the answer says so, whatever the few words weigh.
        for text in ["Gracias", "Gracias!", "See you soon", "Hola!"] {
            let c = classify(text);
            assert!(
                c.cues.iter().any(|c| matches!(c, Cue::TooLittle { .. })),
                "{text}: {:?}",
                c.cues
            );
        }
        assert_eq!(
            classify("See you soon").cues[0].to_string(),
            "too little text to judge (3 words)"
        );
    }

    /// A short text decides when it holds a pattern or a decisive phrase of the kinds that
    /// never wait, or a decisive phrase of promotion: those say what the message is for.
    #[test]
    fn short_texts_with_a_decisive_cue_still_decide() {
        for text in [
            "Your code is 123456",
            "Code: 4821",
            "Delivered.",
            "Su codigo es 5521",
            "Fraud alert: did you make this purchase?",
        ] {
            assert_eq!(class(text), Some(Class::Essential), "{text}");
        }
        for text in ["50% OFF today", "Compra ahora"] {
            assert_eq!(class(text), Some(Class::NonEssential), "{text}");
        }
        for text in ["Your code is 123456", "50% OFF today"] {
            let c = classify(text);
            assert!(
                !c.cues.iter().any(|c| matches!(c, Cue::TooLittle { .. })),
                "{text}: {:?}",
                c.cues
            );
        }
    }

    /// A phrase of promotion negated in its clause is not decisive; a negation in another
    /// clause, or further back, does not count.
    #[test]
    fn a_negated_phrase_of_promotion_is_told_from_an_offer() {
        let at = |text: &str, phrase: &str| {
            negated(text, text.find(phrase).expect("the phrase is in the text"))
        };
        assert!(at("Your PIN is 4471. This is not a coupon.", "coupon"));
        assert!(at("Tu PIN es 2281. No es un cupon.", "cupon"));
        assert!(at("We never send a promo code by text.", "promo code"));
        assert!(!at("No fees, no hassle: 20% off today.", "20% off"));
        assert!(!at("Not sure what to get? Gift cards 15% off.", "15% off"));
        assert!(!at("Don't miss it: 30% off everything.", "30% off"));
    }

    /// A warning of what the sender never asks for holds the words of a scam, not an offer.
    #[test]
    fn a_warning_of_what_is_never_asked_is_told_from_an_offer() {
        let at = |text: &str, phrase: &str| {
            warns_against(text, text.find(phrase).expect("the phrase is in the text"))
        };
        assert!(at(
            "418 207 is your Kraken code. Kraken will NEVER ask you to send funds to get a bonus.",
            "bonus"
        ));
        assert!(at(
            "Nunca te pediremos un deposito para darte un premio.",
            "premio"
        ));
        assert!(!at(
            "Never pay full price again: get a bonus with every order.",
            "bonus"
        ));
        assert!(!at(
            "We will never ask for your PIN. Get a $50 bonus when you refer a friend.",
            "bonus"
        ));
    }

    /// A code, a fraud alert or a delivery whose decisive phrase of promotion does not
    /// count (negated, in a name, in the cue's own sentence) is read by the general
    /// patterns; a lexicon phrase for a code beside no code ("Your code is SAVE25") is not
    /// such a pattern. A delivery whose other sentences make an offer of their own is a
    /// dual-purpose message.
    #[test]
    fn the_kinds_that_never_wait_are_told_from_the_promotions_beside_them() {
        for text in [
            "Tu PIN de acceso a la app de Super Ahorro es 7730. No es un cupon.",
            "Your login code is 551902. This is not a coupon, do not share it.",
            "Did you make a $612.40 purchase at \"HOT DEALS OUTLET\" on 12/02? Reply Y or N.",
            // "Spend" after "did you" asks of a money event (since `2026-12-06.4`).
            "Did you spend $612.40 at \"HOT DEALS OUTLET\" on 12/02? Reply Y or N.",
            // Urgency is not a promotion on its own: "last chance" is a clear phrase of
            // promotion, not a decisive one (since `2026-12-06.4`).
            "Last chance to pick a delivery window for your sofa: choose a date by Friday or it goes back to the warehouse.",
            // The Spanish verb "salir" of a parcel is not the English "sale".
            "Su paquete sale hoy de nuestro almacen y llega el jueves. Rastreo: envios.example/7731",
            // A code printed in two groups is found by the pattern of a one-time code.
            "248 611 = your Coinbase code. It expires in 10 minutes.",
            // "Sale hoy" is what happened to the order: the sentence of a delivery, where
            // its own free shipping is no offer.
            "Tu pedido #5510 con envio gratis sale hoy de la tienda y llega el viernes.",
            // A credit for a delay, not an offer to add to the order.
            "Your order #8812 shipped late. We'll add a $5 credit to your account for the delay.",
        ] {
            assert_eq!(class(text), Some(Class::Essential), "{text}");
        }
        for text in [
            "Your code is SAVE25 - 25% off everything at Cole's today only.",
            "Your package was delivered to your front porch. Try Plus free for 30 days and get free shipping on every order.",
            // An offer to add to what was bought, in a sentence of its own.
            "Your order #7731 has shipped. Add gift wrap for $4.99 to your next order.",
            "Su pedido #220 llega el jueves entre 9 y 1. Agregue la garantia extendida por $39.",
            "Tu orden #88 esta lista para recoger. Responde SI y te agregamos un postre por $2.",
            // A tip on scams speaks of codes it never asks for: education, not a code.
            "Fraud prevention tip from Lakeside CU: we will never ask for your PIN or one-time code by text.",
        ] {
            assert_eq!(class(text), Some(Class::NonEssential), "{text}");
        }
    }

    #[test]
    fn precedence() {
        let declared = |intent, use_case| Declared {
            intent,
            use_case,
            regimes: &[],
        };
        let marketing_text = "Flash sale: 40% off today only";
        // A declared essential intent passes without classification.
        let c = classify_with(marketing_text, declared(Some(MessageIntent::Otp), None));
        assert_eq!(c.class, Some(Class::Essential));
        assert_eq!(c.source, Source::Declared);
        // A declared non-essential intent stands.
        let c = classify_with(
            "Your code is 1234",
            declared(Some(MessageIntent::Marketing), None),
        );
        assert_eq!(c.class, Some(Class::NonEssential));
        // An essential use case is reclassified when the text reads as marketing.
        let c = classify_with(
            marketing_text,
            declared(None, Some(UseCase::DeliveryNotification)),
        );
        assert_eq!(c.class, Some(Class::NonEssential));
        assert_eq!(c.source, Source::Classified);
        // ... and keeps its class when the text is undecided.
        let c = classify_with("Hello", declared(None, Some(UseCase::DeliveryNotification)));
        assert_eq!(c.class, Some(Class::Essential));
        assert_eq!(c.intent, Some(MessageIntent::Delivery));
        // A non-essential use case stands.
        let c = classify_with(
            "Your code is 1234",
            declared(None, Some(UseCase::Marketing)),
        );
        assert_eq!(c.class, Some(Class::NonEssential));
        // The policy's regime.
        let c = classify_with(
            "Hello",
            Declared {
                regimes: &[Regime::Telemarketing],
                ..Declared::default()
            },
        );
        assert_eq!(c.class, Some(Class::NonEssential));
        assert_eq!(c.cues, [Cue::Regime(Regime::Telemarketing)]);
    }
}
