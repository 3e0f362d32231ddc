//! What the words mean: the questions the rules ask of a transcript, answered from concepts,
//! their order in a sentence, and the words between them.
//!
//! The answers are general on purpose. A recording notice is a capture verb said of the call
//! ("this call may be recorded", "grabamos esta llamada"), not a list of notices; a request
//! for card data is a request verb whose object is card data ("type in the long number on
//! the front of your Visa"), not a list of requests. Negation ("this call is not recorded",
//! "I will never ask for your card number") and the role of a sentence (a menu option, a
//! statement about a card) decide as much as the words do.

use std::ops::Range;

use super::lexicon::Concept::{self, *};
use super::{Concepts, Kind, Transcript};

/// What a request for payment data asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardAsk {
    /// Card data: its number, expiry or security code.
    Card,
    /// The last digits of a card only.
    LastFour,
    /// Bank account data.
    Bank,
}

/// An automated opt-out instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OptOut {
    /// The words of the instruction.
    pub(crate) tokens: Range<u32>,
    /// It asks for a key.
    pub(crate) key: bool,
    /// It asks for a spoken word.
    pub(crate) word: bool,
}

/// The kind of health detail a passage reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Health {
    /// A condition or diagnosis.
    Condition,
    /// A specialty or department.
    Specialty,
    /// A test result, a procedure or a treatment.
    Result,
    /// A medication.
    Medication,
    /// An identifier.
    Identifier,
}

/// A health detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HealthDetail {
    /// The words.
    pub(crate) tokens: Range<u32>,
    /// What they reveal.
    pub(crate) kind: Health,
    /// They belong to an extra-sensitive sub-list (substance use, HIV and STIs,
    /// reproductive and mental health, genetics).
    pub(crate) sensitive: bool,
}

/// The forbidden message categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Forbidden {
    /// Sexual or adult content.
    Sex,
    /// Hate speech.
    Hate,
    /// Alcohol.
    Alcohol,
    /// Firearms.
    Firearms,
    /// Tobacco.
    Tobacco,
    /// Vapes.
    Vaping,
    /// Cannabis, CBD, kratom.
    Cannabis,
    /// Gambling.
    Gambling,
    /// High-risk finance.
    Finance,
}

/// What every request for payment data names in its sentence (see
/// [`Transcript::card_asks`]): card data or a bank account.
pub(crate) const CARD_ASKED: Concepts = Concepts::of(&[CardDataStrong, CardData, BankAccount]);

/// The lists of content that carriers forbid or restrict in a message (MSG006), each with its
/// category.
const FORBIDDEN_LISTS: [(Concept, Forbidden); 9] = [
    (ShaftSex, Forbidden::Sex),
    (ShaftHate, Forbidden::Hate),
    (ShaftAlcohol, Forbidden::Alcohol),
    (ShaftFirearms, Forbidden::Firearms),
    (ShaftTobacco, Forbidden::Tobacco),
    (ShaftVaping, Forbidden::Vaping),
    (ShaftCannabis, Forbidden::Cannabis),
    (ShaftGambling, Forbidden::Gambling),
    (ShaftFinance, Forbidden::Finance),
];

/// The concepts of [`FORBIDDEN_LISTS`].
pub(crate) const FORBIDDEN: Concepts = {
    let mut set = Concepts::of(&[]);
    let mut i = 0;
    while i < FORBIDDEN_LISTS.len() {
        set = set.with(Concepts::of(&[FORBIDDEN_LISTS[i].0]));
        i += 1;
    }
    set
};

impl Transcript {
    // ========================================================================================
    // Shared
    // ========================================================================================

    /// Whether the words at `at` are denied: a negation before them in their clause, within
    /// `reach` tokens, or a negation whose clause they continue through "or"/"ni". A
    /// negation inside a condition ("if you don't pay, ...") or on an infinitive that is the
    /// subject ("no pagar esta deuda es un delito") denies nothing that follows its verb.
    pub(crate) fn negated(&self, at: u32, reach: u32) -> bool {
        self.negation_before(at, reach).is_some()
    }

    /// The negation that denies the words at `at`, if one does (see [`Transcript::negated`]).
    pub(crate) fn negation_before(&self, at: u32, reach: u32) -> Option<u32> {
        let clause = self.clause_of(at);
        let from = clause.start.max(at.saturating_sub(reach));
        (from..at).rev().find(|&j| {
            self.starts(j, Negation)
                && !self.inside(at, Negation)
                && !self.conditional(j)
                && !self.negated_subject(j, at)
        })
    }

    /// Whether the negation at `j` sits in a condition ("if you don't", "si no", "unless").
    fn conditional(&self, j: u32) -> bool {
        let clause = self.clause_of(j);
        (clause.start.max(j.saturating_sub(3))..j)
            .any(|k| matches!(self.word(k), "if" | "si" | "unless" | "when" | "cuando"))
    }

    /// Whether the negation at `j` denies an infinitive or gerund that is the subject of a
    /// copula before `at` ("no pagar es un delito", "not paying is a crime").
    fn negated_subject(&self, j: u32, at: u32) -> bool {
        let next = self.word(j + 1);
        let verbal = next.ends_with("ar")
            || next.ends_with("er")
            || next.ends_with("ir")
            || next.ends_with("ing")
            || next == "to";
        verbal
            && (j + 2..at).any(|k| {
                matches!(
                    self.word(k),
                    "is" | "es"
                        | "was"
                        | "fue"
                        | "sera"
                        | "will"
                        | "seria"
                        | "would"
                        | "constituye"
                )
            })
    }

    /// Whether token `i` is inside one of `ranges`.
    fn in_any(i: u32, ranges: &[Range<u32>]) -> bool {
        ranges.iter().any(|r| r.contains(&i))
    }

    /// Whether a key follows token `at` (after an optional article): a digit, a digit word,
    /// star or pound ("press 1", "oprima el 9", "press star").
    pub(crate) fn key_after(&self, at: u32) -> Option<u32> {
        let mut i = at;
        if matches!(
            self.word(i),
            "el" | "la" | "the" | "la tecla" | "number" | "numero"
        ) {
            i += 1;
        }
        let word = self.word(i);
        let digit = self.kind(i) == Kind::Number && word.len() <= 2;
        (digit || self.starts(i, DigitWord) || self.starts(i, KeyName)).then_some(i)
    }

    /// Where the words of `names` are said, in order. Names are compared word by word,
    /// punctuation aside ("Acme Widgets, Inc." reads like "acme widgets inc"), a trailing
    /// legal suffix may be left out ("Acme Widgets"), and a possessive counts ("Tony's
    /// Pizzeria's").
    pub(crate) fn names(&self, names: &[String]) -> Vec<Range<u32>> {
        const SUFFIXES: &[&str] = &[
            "inc",
            "llc",
            "ltd",
            "corp",
            "corporation",
            "co",
            "pllc",
            "lp",
            "llp",
            "sa",
            "s.a.",
            "s.a",
            "pc",
            "pa",
            "cv",
            "c.v.",
            "sc",
            "s.c.",
            "srl",
        ];
        let mut found = Vec::new();
        for name in names {
            let words: Vec<String> = super::token::tokenize(name)
                .into_iter()
                .filter(|t| t.kind != Kind::Symbol)
                .map(|t| t.text)
                .collect();
            let mut required = words.len();
            while required > 1 && SUFFIXES.contains(&words[required - 1].as_str()) {
                required -= 1;
            }
            if words.is_empty() {
                continue;
            }
            for start in 0..self.len() {
                if let Some(end) = self.name_at(start, &words, required) {
                    found.push(start..end);
                }
            }
        }
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        found.dedup_by(|b, a| b.start < a.end);
        found
    }

    /// The end of the name `words` said at `start` (at least `required` of its words).
    fn name_at(&self, start: u32, words: &[String], required: usize) -> Option<u32> {
        let mut i = start;
        let mut matched = 0;
        for (k, word) in words.iter().enumerate() {
            // Punctuation between the words of a name is not heard.
            while k > 0 && i < self.len() && self.kind(i) == Kind::Symbol && self.word(i) != "'" {
                i += 1;
            }
            let said = self.word(i);
            let last = k + 1 == words.len() || k + 1 == required;
            let same = said == word
                || (last
                    && (said.strip_suffix("'s") == Some(word.as_str())
                        || said.strip_suffix("s'") == Some(word.as_str())));
            if i >= self.len() || !same {
                break;
            }
            matched += 1;
            i += 1;
        }
        (matched >= required).then_some(i)
    }

    /// How many words (not symbols) are in `range`.
    pub(crate) fn words_in(&self, range: Range<u32>) -> usize {
        range.filter(|&i| self.kind(i) != Kind::Symbol).count()
    }

    // ========================================================================================
    // Recording
    // ========================================================================================

    /// Every recording notice: a capture verb said of this call, in either order ("this call
    /// may be recorded", "calls to this line are monitored and recorded", "we record our
    /// calls", "grabamos esta llamada", "se graban las llamadas"), not denied ("this call is
    /// not recorded") and not about another call ("your previous call was recorded").
    pub(crate) fn notices(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for verb in self.hits_of(CaptureVerb) {
            if let Some(notice) = self.notice_at(verb) {
                found.push(notice);
            }
        }
        found.sort_by_key(|r| r.start);
        found.dedup_by(|b, a| b.start < a.end);
        found
    }

    fn notice_at(&self, verb: Range<u32>) -> Option<Range<u32>> {
        let sentence = self.sentence_of(verb.start);
        // The call before the verb: "this call may be recorded".
        let mut i = verb.start;
        let mut denied = false;
        let mut auxiliary = false;
        let mut gap = 0;
        while i > sentence.start && gap < 9 {
            i -= 1;
            let c = self.concepts_at(i);
            if c.has(CallNoun) && !self.inside(i, MessageNoun) {
                if denied || self.other_call(i) {
                    return None;
                }
                // A noun right before a participle is its head ("recorded call" aside):
                // the verb must be the call's predicate, which an auxiliary shows, or an
                // adjacent passive ("calls recorded for quality").
                let start = if i > sentence.start && self.starts(i - 1, Determiner) {
                    i - 1
                } else {
                    i
                };
                return (auxiliary || gap == 0 || self.word(i + 1) == "being")
                    .then_some(start..verb.end);
            }
            if c.has(Negation) {
                denied = true;
            } else if c.has(Auxiliary) {
                auxiliary = true;
            } else if !(c.has(Coordinator)
                || c.has(CaptureVerb)
                || c.has(Determiner)
                || c.has(MessageNoun)
                || self.word(i) == ","
                || self.word(i) == "to"
                || self.word(i) == "and"
                || self.inside(i, CaptureVerb)
                || self.inside(i, Auxiliary)
                || (self.kind(i) == Kind::Word && gap < 6 && auxiliary_ahead(self, i, verb.start))
                // Another participle joined to the verb: "será registrada y grabada", "calls
                // are logged and recorded".
                || (self.starts(i + 1, Coordinator) && participle(self.word(i))))
            {
                break;
            }
            gap += 1;
        }
        // A passive verb and the call it happens in: "everything you say is transcribed and
        // analyzed during this conversation", "todo se graba durante la llamada".
        if auxiliary_before(self, verb.start, sentence.start) && !self.negated(verb.start, 5) {
            let mut j = verb.end;
            while j < sentence.end
                && j < verb.end + 6
                && (self.starts(j, CaptureVerb)
                    || self.starts(j, Coordinator)
                    || self.word(j) == ",")
            {
                j += 1;
            }
            if matches!(
                self.word(j),
                "during" | "in" | "on" | "throughout" | "durante" | "en"
            ) && (j + 1..(j + 4).min(sentence.end))
                .any(|k| self.starts(k, CallNoun) && !self.other_call(k))
            {
                let end = (j + 1..(j + 4).min(sentence.end))
                    .find(|&k| self.starts(k, CallNoun))
                    .map_or(j + 1, |k| k + 1);
                return Some(verb.start..end);
            }
        }
        // The call as the participle's noun, where the sentence says the caller is on it:
        // "you are on a recorded line", "this is a recorded call".
        if verb.end < sentence.end
            && self.starts(verb.end, CallNoun)
            && !self.other_call(verb.end)
            && !self.negated(verb.start, 4)
            && (sentence.start.max(verb.start.saturating_sub(3))..verb.start)
                .any(|k| matches!(self.word(k), "on" | "is" | "are" | "en" | "es" | "esta"))
        {
            return Some(verb.start..verb.end + 1);
        }
        // The call after an active verb: "we record our calls", "grabamos esta llamada".
        if self.starts(verb.start, CaptureActive) && !self.negated(verb.start, 4) {
            let mut j = verb.end;
            let mut steps = 0;
            while j < sentence.end && steps < 5 {
                let c = self.concepts_at(j);
                if c.has(CallNoun) {
                    return (!self.other_call(j)).then_some(verb.start..j + 1);
                }
                let filler = c.has(Determiner)
                    || c.has(Coordinator)
                    || c.has(CaptureVerb)
                    || self.inside(j, Determiner)
                    || self.inside(j, CaptureVerb);
                if !filler {
                    break;
                }
                j += 1;
                steps += 1;
            }
        }
        None
    }

    /// Whether the call noun at `i` is another call: "your previous call", "su llamada
    /// anterior", "returning a recorded call".
    fn other_call(&self, i: u32) -> bool {
        let sentence = self.sentence_of(i);
        let before = sentence.start.max(i.saturating_sub(3))..i;
        let after = i + 1..(i + 3).min(sentence.end);
        before.chain(after).any(|k| self.starts(k, OtherCall))
    }

    /// Every cue that the caller is about to leave a message: "leave a message", "after the
    /// tone", "déjenos su recado", not denied and not pointing elsewhere ("use the patient
    /// portal to leave a message").
    pub(crate) fn message_cues(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for sentence in self.sentences() {
            let elsewhere = self.hits_in(Elsewhere, sentence.clone()).next().is_some();
            for tone in self.hits_in(Tone, sentence.clone()) {
                if !self.negated(tone.start, 6) {
                    found.push(tone);
                }
            }
            if elsewhere {
                continue;
            }
            for leave in self.hits_in(LeaveVerb, sentence.clone()) {
                if self.negated(leave.start, 4) {
                    continue;
                }
                let window = leave.end..(leave.end + 8).min(sentence.end);
                if let Some(message) = self.hits_in(MessageNoun, window).next() {
                    found.push(leave.start..message.end);
                }
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    // ========================================================================================
    // Payment data
    // ========================================================================================

    /// Every request for payment data: a request verb whose object, later in its sentence,
    /// is card data ("enter your card number", "read me the digits on your card", "dígame el
    /// código de seguridad de su tarjeta") or bank data. Not a request: a key to press ("to
    /// pay by card, press 1"), a denied request ("we will never ask for your card number"),
    /// a code sent by text, a card that is not a payment card (gift, insurance, member).
    pub(crate) fn card_asks(&self) -> Vec<(Range<u32>, CardAsk)> {
        let mut found: Vec<(Range<u32>, CardAsk)> = Vec::new();
        for sentence in self.sentences() {
            if !self.concepts_in(sentence.clone()).meets(CARD_ASKED) {
                continue;
            }
            let texted = self.hits_in(TextedCode, sentence.clone()).next().is_some();
            let last_four = self.hits_in(LastFour, sentence.clone()).next().is_some();
            // An elliptical request: the data and "please", or a question ("Card number,
            // please.", "¿Su número de tarjeta?").
            let elliptical = self.hits_in(RequestVerb, sentence.clone()).next().is_none()
                && sentence.clone().any(|i| {
                    matches!(self.word(i), "please" | "?" | "\u{bf}")
                        || self.text_of(i..i + 2) == "por favor"
                });
            if elliptical
                && !self.negated(sentence.start, 1)
                && let Some(end) = self.card_data_in(sentence.clone(), texted)
            {
                let start = (sentence.start..end)
                    .find(|&i| self.kind(i) != Kind::Symbol)
                    .unwrap_or(sentence.start);
                found.push((
                    start..end,
                    if last_four {
                        CardAsk::LastFour
                    } else {
                        CardAsk::Card
                    },
                ));
                continue;
            }
            for verb in self.hits_in(RequestVerb, sentence.clone()) {
                if found.last().is_some_and(|(r, _)| r.end > verb.start) {
                    continue;
                }
                if self.negated(verb.start, 6) {
                    continue;
                }
                if self.starts(verb.start, KeyVerb) && self.key_after(verb.end).is_some() {
                    continue;
                }
                let scope = verb.end..self.scope_end(verb.end, sentence.end);
                if let Some(end) = self.card_data_in(scope.clone(), texted) {
                    let ask = if last_four {
                        CardAsk::LastFour
                    } else {
                        CardAsk::Card
                    };
                    found.push((verb.start..end, ask));
                } else if let Some(bank) = self.hits_in(BankAccount, scope).next() {
                    found.push((verb.start..bank.end, CardAsk::Bank));
                }
            }
        }
        found
    }

    /// Where the object of a request verb at `from` ends: at the next key instruction
    /// ("press 1") or the end of the sentence.
    fn scope_end(&self, from: u32, end: u32) -> u32 {
        (from..end)
            .find(|&i| self.starts(i, KeyVerb) && self.key_after(i + 1).is_some())
            .unwrap_or(end)
    }

    /// Where card data named in `scope` ends, if any is: card data named outright ("card
    /// number", "CVV"), card data tied to a payment card by the words between them ("the long
    /// number across the front of your Visa", "los dígitos de su tarjeta"), or the digits of
    /// the card the sentence before spoke of ("Have your Visa card ready. Key in all the
    /// digits."). Card data of a card that pays nothing ("the card number printed on your
    /// insurance card") is none.
    fn card_data_in(&self, scope: Range<u32>, texted: bool) -> Option<u32> {
        let mut data: Vec<(Range<u32>, bool)> = self
            .hits_in(CardDataStrong, scope.clone())
            .map(|h| (h, true))
            .chain(self.hits_in(CardData, scope.clone()).map(|h| (h, false)))
            .collect();
        data.sort_by_key(|(h, strong)| (h.start, !strong));
        for (d, strong) in data {
            if !strong && texted && self.text_of(d.clone()).contains("cod") {
                continue;
            }
            // The number of a bank account is bank data, not card data.
            if self.inside(d.start, BankAccount) || self.starts(d.start, BankAccount) {
                continue;
            }
            // "the code we sent by text, not your card number"
            if self
                .negation_before(d.start, 3)
                .is_some_and(|n| n >= scope.start)
            {
                continue;
            }
            let card_after = self.card_after(d.end, scope.end);
            if let Some(card) = &card_after
                && self.other_card_near(card.clone())
            {
                continue;
            }
            if strong {
                if self.other_card_near(d.clone()) {
                    continue;
                }
                return Some(card_after.map_or(d.end, |c| c.end).max(d.end));
            }
            if let Some(card) = card_after {
                return Some(card.end);
            }
            if self.card_before(d.start, scope.start) {
                return Some(d.end);
            }
            if self.card_spoken_of_before(d.clone(), scope.start) {
                return Some(d.end);
            }
        }
        None
    }

    /// The payment card that the card data ending at `from` belongs to, when only words that
    /// tie them lie between ("the digits on the back of your card").
    fn card_after(&self, from: u32, end: u32) -> Option<Range<u32>> {
        let mut j = from;
        while j < end && j < from + 12 {
            if self.starts(j, CardNoun) {
                return Some(self.hit_at(j, CardNoun).unwrap_or(j..j + 1));
            }
            if !(self.starts(j, Glue)
                || self.inside(j, Glue)
                || self.starts(j, CardData)
                || self.inside(j, CardData)
                || self.starts(j, PaymentCard)
                || self.starts(j, OtherCard)
                || self.starts(j, DigitWord)
                || self.kind(j) == Kind::Number)
            {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Whether a payment card comes right before card data starting at `at` ("your Visa's
    /// number"), with only tying words between.
    fn card_before(&self, at: u32, start: u32) -> bool {
        let mut k = at;
        while k > start {
            k -= 1;
            if self.starts(k, CardNoun) || self.inside(k, CardNoun) {
                return !self.other_card_near(k..k + 1);
            }
            if !(self.starts(k, Glue) || self.starts(k, PaymentCard) || self.inside(k, Glue)) {
                return false;
            }
        }
        false
    }

    /// Whether card data at `data`, named with an article and nothing else ("key in all the
    /// digits", "enter the number"), refers to a payment card the sentence before spoke of.
    fn card_spoken_of_before(&self, data: Range<u32>, scope_start: u32) -> bool {
        // A count may stand between the article and the data: "the three digits", "los tres
        // números".
        let mut before = data.start;
        while before > scope_start
            && (self.starts(before - 1, DigitWord) || self.kind(before - 1) == Kind::Number)
        {
            before -= 1;
        }
        let article = (before > scope_start
            && matches!(
                self.word(before - 1),
                "the" | "all" | "los" | "las" | "el" | "la" | "its" | "sus" | "todos"
            ))
            || matches!(self.word(data.start), "the" | "el");
        // "the digits of it", "los números de la misma": the card named before.
        let anaphor = matches!(
            self.text_of(data.end..data.end + 3),
            "de la misma" | "del mismo" | "de esta" | "de ella"
        ) || matches!(self.text_of(data.end..data.end + 2), "of it" | "on it");
        // The data belongs to something else: "the digits of your Social Security number";
        // where it sits on the card ("the digits on the back", "los números del reverso") ties
        // it to no other thing.
        let tied_elsewhere = !anaphor
            && matches!(self.word(data.end), "of" | "de" | "del" | "for" | "para")
            && self.card_after(data.end, self.len()).is_none()
            && !(data.end + 1..(data.end + 3).min(self.len())).any(|k| {
                matches!(
                    self.word(k),
                    "back" | "front" | "reverse" | "reverso" | "dorso" | "frente" | "atras"
                )
            });
        let simple = matches!(
            self.text_of(data.clone()),
            "number"
                | "numbers"
                | "digits"
                | "numero"
                | "numeros"
                | "digitos"
                | "long number"
                | "the long number"
                | "numero largo"
                | "el numero largo"
                | "security code"
                | "codigo de seguridad"
                | "fecha de vencimiento"
                | "fecha en que vence"
                | "mes y ano"
                | "mes y el ano"
                | "month and year"
        );
        if !(article && simple) || tied_elsewhere {
            return false;
        }
        let sentence = self.sentence_of(data.start);
        let card_in = |range: Range<u32>| {
            self.hits_in(CardNoun, range)
                .any(|c| !self.other_card_near(c.clone()) && !self.negated(c.start, 6))
        };
        // A count or an anaphor points back into the sentence itself: "to pay by card, enter
        // the 16 digits of it".
        if (anaphor || before < data.start) && card_in(sentence.start..scope_start) {
            return true;
        }
        // The card taken up in a clause joined before the request: "grab your card and key in
        // the long number", "tome su tarjeta y teclee el número".
        let joined = self
            .hits_in(CardNoun, sentence.start..scope_start)
            .any(|c| {
                !self.other_card_near(c.clone())
                    && !self.negated(c.start, 6)
                    && (c.end..scope_start)
                        .any(|k| matches!(self.word(k), "and" | "y" | "then" | "luego" | ";"))
            });
        if joined {
            return true;
        }
        if sentence.start == 0 {
            return false;
        }
        card_in(self.sentence_of(sentence.start - 1))
    }

    /// Whether the card named at `card` is not a payment card: "gift card", "tarjeta de
    /// regalo", "insurance card", "your card on file".
    fn other_card_near(&self, card: Range<u32>) -> bool {
        let before = card.start.saturating_sub(2)..card.start;
        if before.clone().any(|k| {
            self.hit_at(k, OtherCard)
                .is_some_and(|h| h.end >= card.start && !self.starts(k, PaymentCard))
        }) {
            return true;
        }
        if (card.start..card.end).any(|k| {
            self.starts(k, OtherCard) && !self.starts(k, PaymentCard) && !self.starts(k, CardNoun)
        }) {
            return true;
        }
        self.starts(card.end, OtherCard) && !self.starts(card.end, PaymentCard)
            || self.starts(card.end, OnFile)
    }

    /// Every literal card security code: three or four digits (written together or one by
    /// one) within a few words of its name ("security code 7 3 9", "Su CVV 582").
    pub(crate) fn security_codes(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for cue in self.hits_of(SecurityCode) {
            let sentence = self.sentence_of(cue.start);
            // The code before its name: "123 is your CVV".
            let before = sentence.start.max(cue.start.saturating_sub(4))..cue.start;
            if let Some(n) = before.clone().find(|&k| {
                self.kind(k) == Kind::Number
                    && (3..=4).contains(&self.word(k).len())
                    && self.word(k).bytes().all(|b| b.is_ascii_digit())
                    && !self.is_money(k)
            }) {
                found.push(n..cue.end);
                continue;
            }
            let mut j = cue.end;
            while j < sentence.end && j < cue.end + 6 {
                if self.kind(j) == Kind::Number {
                    let digits = self.digits_from(j, sentence.end);
                    if let Some((n, end)) = digits
                        && (3..=4).contains(&n)
                        && !self.is_money(j)
                    {
                        found.push(cue.start..end);
                    }
                    break;
                }
                j += 1;
            }
        }
        found
    }

    /// How many digits the number tokens from `i` hold, written together or one by one, and
    /// where they end.
    fn digits_from(&self, i: u32, end: u32) -> Option<(usize, u32)> {
        let first = self.word(i);
        if first.chars().all(|c| c.is_ascii_digit()) && first.len() > 1 {
            return Some((first.len(), i + 1));
        }
        let mut n = 0;
        let mut j = i;
        while j < end && self.kind(j) == Kind::Number && self.word(j).len() == 1 {
            n += 1;
            j += 1;
        }
        (n > 0).then_some((n, j))
    }

    /// Whether the number at `i` is an amount of money.
    fn is_money(&self, i: u32) -> bool {
        (i > 0 && self.word(i - 1) == "$") || self.starts(i + 1, MoneyWord)
    }

    // ========================================================================================
    // Robocalls
    // ========================================================================================

    /// Every automated opt-out instruction: a key to press or a word to say, and what it
    /// does, in one sentence ("to stop these calls, press 9", "oprima 9 para no recibir más
    /// llamadas", "say remove me to opt out"). "Call us to be removed" is not automated.
    pub(crate) fn opt_outs(&self) -> Vec<OptOut> {
        let mut found = Vec::new();
        let sentences = self.sentences();
        for (n, sentence) in sentences.iter().enumerate() {
            let Some(purpose) = self
                .hits_in(OptOutPurpose, sentence.clone())
                .find(|p| !self.this_call_after(p.end))
                .or_else(|| self.denied_contact(sentence.clone()))
                .or_else(|| self.removal(sentence.clone()))
            else {
                continue;
            };
            let (mut key, mut word) = self.key_or_word(sentence.clone());
            // The purpose asked as a question, the key in the answer: "Don't want our calls?
            // Press 9." "¿No quiere recibir más llamadas? Oprima 9."
            let asked = (sentence.start..sentence.end)
                .rev()
                .find(|&i| self.word(i) != "\"")
                .is_some_and(|i| self.word(i) == "?");
            if key.is_none()
                && word.is_none()
                && asked
                && let Some(next) = sentences.get(n + 1)
            {
                (key, word) = self.key_or_word(next.clone());
            }
            if key.is_none() && word.is_none() {
                continue;
            }
            let start = [Some(purpose.clone()), key.clone(), word.clone()]
                .into_iter()
                .flatten()
                .map(|r| r.start)
                .min()
                .unwrap_or(purpose.start);
            let end = [Some(purpose), key.clone(), word.clone()]
                .into_iter()
                .flatten()
                .map(|r| r.end)
                .max()
                .unwrap_or(start + 1);
            // The instruction runs to the end of its clause ("... para no recibir más
            // llamadas").
            let mut end = self.clause_of(end - 1).end.max(end);
            while end > start && self.kind(end - 1) == Kind::Symbol {
                end -= 1;
            }
            found.push(OptOut {
                tokens: sentence.start.min(start)..end,
                key: key.is_some(),
                word: word.is_some(),
            });
        }
        found
    }

    /// The first key to press ("press 9", "oprima el 8") and the first word to say ("say
    /// stop", "diga alto") in `sentence`.
    fn key_or_word(&self, sentence: Range<u32>) -> (Option<Range<u32>>, Option<Range<u32>>) {
        let mut key = None;
        let mut word = None;
        for i in sentence.clone() {
            if self.starts(i, KeyVerb)
                && key.is_none()
                && let Some(k) = self.key_after(self.hit_at(i, KeyVerb).map_or(i + 1, |h| h.end))
            {
                key = Some(i..k + 1);
            }
            if matches!(self.word(i), "say" | "diga" | "decir" | "di" | "digame")
                && word.is_none()
                && i + 1 < sentence.end
                && self.kind(i + 1) != Kind::Symbol
            {
                word = Some(i..i + 2);
            }
        }
        (key, word)
    }

    /// A call denied as a wish or for the future, which is what an opt-out does: "if you'd
    /// rather not hear from us again", "we won't call again", "si no desea más llamadas",
    /// "para que no le volvamos a llamar". A call denied for now ("if you can't take this
    /// call, press 2") is none.
    fn denied_contact(&self, sentence: Range<u32>) -> Option<Range<u32>> {
        for n in self.hits_in(Negation, sentence.clone()) {
            let clause = self.clause_of(n.start);
            // The negation reaches to the next "and" or "but", which starts another predicate
            // ("si no puede hablar ahora y quiere que le llamemos").
            let reach_end = (n.end..(n.end + 8).min(clause.end))
                .find(|&k| matches!(self.word(k), "and" | "but" | "y" | "pero" | "e"))
                .unwrap_or((n.end + 8).min(clause.end));
            let Some(contact) = self.hits_in(Contacted, n.end..reach_end).next() else {
                continue;
            };
            let near = clause.start.max(contact.start.saturating_sub(4))
                ..(contact.end + 4).min(clause.end);
            // "más tarde" is later, not more.
            let again = self
                .hits_in(Again, near)
                .any(|a| !(self.word(a.start) == "mas" && self.word(a.end) == "tarde"));
            // One call back declined is no call denied: "if you're not interested in a call
            // back, press 2", "si no le interesa que le devolvamos la llamada".
            if !again && (contact.start..contact.end).any(|k| self.inside(k, CallBack)) {
                continue;
            }
            // This call, or now: a call denied for the moment ("if you don't want to take this
            // call right now", "si no desea recibir esta llamada en este momento").
            let this_call = contact.start > clause.start && self.this_call_after(contact.start - 1);
            let now = self.hits_in(Now, clause.clone()).next().is_some();
            if !again && (this_call || now) {
                continue;
            }
            let wish = self
                .hits_in(
                    Volition,
                    clause.start.max(n.start.saturating_sub(3))..contact.start,
                )
                .next()
                .is_some();
            if again || wish {
                return Some(n.start..contact.end);
            }
        }
        None
    }

    /// Whether "this call" follows `at` closely: what is refused is this call, not the calls
    /// to come ("si no desea recibir esta llamada en este momento").
    fn this_call_after(&self, at: u32) -> bool {
        (at..(at + 2).min(self.len())).any(|k| {
            matches!(self.word(k), "this" | "esta" | "este")
                && matches!(self.word(k + 1), "call" | "llamada")
        })
    }

    /// Taking the consumer out of the calls or off the calling list, which is what an
    /// opt-out does: "para excluir su número de futuras llamadas", "to take your number off
    /// our list", "para que lo quitemos de nuestra lista". The consumer's own list ("to
    /// remove an item from your list") is none.
    fn removal(&self, sentence: Range<u32>) -> Option<Range<u32>> {
        for r in self.hits_in(RemoveVerb, sentence) {
            if self.negated(r.start, 4) {
                continue;
            }
            let clause = self.clause_of(r.start);
            let reach = r.end..(r.end + 8).min(clause.end);
            if let Some(contact) = self.hits_in(Contacted, reach.clone()).next() {
                return Some(r.start..contact.end);
            }
            let first = reach.start;
            let theirs = |k: u32| {
                k > first
                    && matches!(
                        self.word(k - 1),
                        "your" | "su" | "sus" | "tu" | "tus" | "my" | "mi" | "mis"
                    )
            };
            if let Some(list) = self.hits_in(ListNoun, reach).find(|l| !theirs(l.start)) {
                return Some(r.start..list.end);
            }
            // The consumer's number itself: "si desea que borremos su número", "to remove
            // your number" (not "su número de tarjeta").
            if let Some(k) = (r.end..(r.end + 3).min(clause.end)).find(|&k| {
                matches!(self.word(k), "number" | "numero" | "telefono")
                    && matches!(self.word(k - 1), "your" | "su" | "tu")
                    && !matches!(self.word(k + 1), "de" | "of")
            }) {
                return Some(r.start..k + 1);
            }
        }
        None
    }

    // ========================================================================================
    // AI agents
    // ========================================================================================

    /// Every statement that the speaker is an AI or automated agent in `range`: a modifier
    /// with an agent noun ("virtual assistant", "AI receptionist", "asistente de inteligencia
    /// artificial", "voz generada por IA"), a bot or a robot, or a denial of being human ("I'm
    /// not a real person"). A denial of being a bot ("No, I'm not a robot") is none.
    pub(crate) fn ai_disclosures(&self, range: Range<u32>) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for m in self.hits_in(AiModifier, range.clone()) {
            // Before the noun, with another modifier allowed between: "AI voice assistant".
            let mut j = m.end;
            while j < range.end && self.starts(j, AiModifier) {
                j = self.hit_at(j, AiModifier).map_or(j + 1, |h| h.end);
            }
            let before_noun = self.starts(j, AgentNoun);
            // After the noun, in Spanish: "asistente virtual", "recepcionista de IA", or
            // after a copula: "this voice is AI-generated", "esta voz fue generada por IA".
            let noun_at = |k: u32| self.starts(k, AgentNoun) || self.inside(k, AgentNoun);
            let copula = |k: u32| matches!(self.word(k), "is" | "was" | "es" | "fue" | "sera");
            // A participle after the noun's complement: "un asistente de voz de Tienda Max
            // impulsado por inteligencia artificial", "an assistant for Acme powered by AI".
            let participle = matches!(
                self.word(m.start),
                "impulsado"
                    | "impulsada"
                    | "powered"
                    | "generado"
                    | "generada"
                    | "generated"
                    | "creado"
                    | "creada"
                    | "hecho"
                    | "hecha"
                    | "driven"
                    | "con"
            );
            let far_noun = participle
                .then(|| {
                    let sentence = self.sentence_of(m.start);
                    (sentence
                        .start
                        .max(range.start)
                        .max(m.start.saturating_sub(8))..m.start)
                        .rev()
                        .find(|&k| self.starts(k, AgentNoun))
                })
                .flatten();
            let after_noun = (m.start > range.start && noun_at(m.start - 1))
                || (m.start > range.start + 1 && copula(m.start - 1) && noun_at(m.start - 2))
                || far_noun.is_some();
            if (before_noun || after_noun) && !self.negated(m.start.saturating_sub(1), 4) {
                let noun_end = if before_noun {
                    self.hit_at(j, AgentNoun).map_or(j + 1, |h| h.end)
                } else {
                    m.end
                };
                let noun_start = if !after_noun {
                    m.start
                } else if noun_at(m.start - 1) {
                    m.start - 1
                } else if let Some(k) = far_noun {
                    k
                } else {
                    m.start - 2
                };
                found.push(noun_start..noun_end);
            }
        }
        for s in self.hits_in(AiSelf, range.clone()) {
            if !self.negated(s.start, 4) {
                found.push(s);
            }
        }
        for h in self.hits_in(HumanNoun, range) {
            if let Some(negation) = self.negation_before(h.start, 4) {
                found.push(negation..h.end);
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    // ========================================================================================
    // Debt collection
    // ========================================================================================

    /// Every mention of a debt outside `masked` (the business's names, the disclosures):
    /// debt words ("past due", "cuenta morosa", "placed with our office for collection",
    /// "settle for less than the full amount") and amounts of money. "We owe you a call" and
    /// "usted debe llamar" (must call) are no debt.
    pub(crate) fn debt_mentions(&self, masked: &[Range<u32>]) -> Vec<Range<u32>> {
        let mut found: Vec<Range<u32>> = Vec::new();
        for h in self.hits_of(DebtTerm) {
            if (h.start..h.end).any(|i| Self::in_any(i, masked)) {
                continue;
            }
            let word = self.text_of(h.clone());
            let owe = matches!(
                word,
                "owe" | "owes" | "owed" | "owing" | "debe" | "debes" | "deben"
            );
            if owe {
                // "owe you a call", "le debemos una llamada"
                let next = h.end..(h.end + 4).min(self.sentence_of(h.start).end);
                if next.clone().any(|k| self.starts(k, CallNoun)) {
                    continue;
                }
                // "usted debe llamar": a modal before an infinitive.
                let following = self.word(h.end);
                if word.starts_with("deb")
                    && (following.ends_with("ar")
                        || following.ends_with("er")
                        || following.ends_with("ir")
                        || following == "de")
                {
                    continue;
                }
            }
            found.push(h);
        }
        for a in self.amounts() {
            if !(a.tokens.start..a.tokens.end).any(|i| Self::in_any(i, masked)) {
                found.push(a.tokens);
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    /// The first half of the mini-Miranda, in any wording: trying to collect a debt ("this is
    /// an attempt to collect a debt", "estamos tratando de cobrar una deuda").
    pub(crate) fn collection_attempts(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for a in self.hits_of(Attempt) {
            let sentence = self.sentence_of(a.start);
            let collect = (a.end..(a.end + 4).min(sentence.end)).find(|&k| self.starts(k, Collect));
            let Some(c) = collect else { continue };
            let debt = (c + 1..(c + 5).min(sentence.end)).find(|&k| self.starts(k, DebtNoun));
            if let Some(d) = debt
                && !self.negated(a.start, 4)
            {
                found.push(a.start..d + 1);
            }
        }
        found
    }

    /// The second half of the mini-Miranda, in any wording: information used for that
    /// purpose ("any information obtained will be used for that purpose", "la información
    /// que obtengamos se usará con ese fin").
    pub(crate) fn information_uses(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for i in self.hits_of(Information) {
            let sentence = self.sentence_of(i.start);
            let used = (i.end..(i.end + 7).min(sentence.end)).find(|&k| self.starts(k, UseVerb));
            let Some(u) = used else { continue };
            let purpose = (u + 1..(u + 6).min(sentence.end)).find(|&k| self.starts(k, Purpose));
            if let Some(p) = purpose {
                found.push(i.start..p + 1);
            }
        }
        found
    }

    /// Every statement that the caller is a debt collector, outside `masked`: "we are a debt
    /// collector", "this call is from a debt collector", "le habla un cobrador de deudas",
    /// "somos una agencia de cobranza".
    pub(crate) fn collector_statements(&self, masked: &[Range<u32>]) -> Vec<Range<u32>> {
        self.hits_of(Collector)
            .filter(|h| !(h.start..h.end).any(|i| Self::in_any(i, masked)))
            .filter(|h| !self.negated(h.start, 5))
            .collect()
    }

    /// Every threat of arrest, prosecution, suit or seizure outside `masked`, not denied ("no
    /// one is going to arrest you") and not an everyday phrase ("sin embargo").
    pub(crate) fn threats(&self, masked: &[Range<u32>]) -> Vec<Range<u32>> {
        let vetoed: Vec<Range<u32>> = self.hits_of(ThreatVeto).collect();
        let mut found: Vec<Range<u32>> = Vec::new();
        for h in self.hits_of(Threat) {
            if (h.start..h.end).any(|i| Self::in_any(i, masked) || Self::in_any(i, &vetoed)) {
                continue;
            }
            if found.last().is_some_and(|f| f.end > h.start) {
                continue;
            }
            if self.threat_denied(h.start) {
                continue;
            }
            found.push(h);
        }
        // Taking money out of the consumer's pay: "le pueden rebajar el cheque", "we'll
        // deduct it from your wages", "se le descontará de su nómina".
        for w in self.hits_of(Seizable) {
            let clause = self.clause_of(w.start);
            let from = clause.start.max(w.start.saturating_sub(7));
            let Some(take) = self.hits_in(TakeVerb, from..w.start).last() else {
                continue;
            };
            let span = take.start..w.end;
            // Taking a payment the consumer set up is no levy: "we can take your payment from
            // your bank account".
            let payment = span.clone().any(|k| {
                matches!(
                    self.word(k),
                    "payment" | "payments" | "pago" | "pagos" | "autopay" | "installment"
                )
            });
            if payment
                || span.clone().any(|i| Self::in_any(i, masked))
                || found
                    .iter()
                    .any(|f| f.start < span.end && span.start < f.end)
                || self.threat_denied(take.start)
            {
                continue;
            }
            found.push(span);
        }
        found.sort_by_key(|r| r.start);
        found
    }

    /// Whether the threat at `at` is denied: a negation before it in its clause, or one that
    /// the threat's clause continues through "or" ("no one will arrest you or take you to
    /// court").
    fn threat_denied(&self, at: u32) -> bool {
        if self.negated(at, 6) {
            return true;
        }
        let clause = self.clause_of(at);
        (clause.start..at).any(|j| {
            self.starts(j, Negation)
                && !self.conditional(j)
                && !self.negated_subject(j, at)
                && (j..at).any(|k| matches!(self.word(k), "or" | "nor" | "ni" | "o"))
        })
    }

    /// Every request to reply: "please call us back", "you can reach me at", "favor de
    /// regresar la llamada", "comuníquese conmigo".
    pub(crate) fn reply_requests(&self) -> Vec<Range<u32>> {
        self.hits_of(ReplyRequest)
            .filter(|h| !self.negated(h.start, 3))
            // "We will call you back" is the business's promise, not a request.
            .filter(|h| {
                let subject = (h.start.saturating_sub(2)..h.start).any(|k| {
                    matches!(
                        self.word(k),
                        "we" | "i"
                            | "will"
                            | "we'll"
                            | "i'll"
                            | "they"
                            | "he"
                            | "she"
                            | "'ll"
                            | "nosotros"
                            | "yo"
                    )
                });
                !subject || self.words_in(h.clone()) > 1
            })
            .collect()
    }

    /// Every creditor named as the one the caller speaks for, outside `masked` (the
    /// business's own names): "calling on behalf of Riverside Medical Center", "le llamamos de
    /// parte de Tienda Max". Speaking for the business itself, or for a person ("de parte de
    /// la señora López"), names no creditor.
    pub(crate) fn creditors_named(&self, masked: &[Range<u32>]) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for cue in self.hits_of(OnBehalf) {
            let mut j = cue.end;
            let mut own = false;
            while j < self.len() && self.starts(j, Determiner) && !self.token(j).capital {
                // "de parte de nuestra empresa", "on behalf of our office": the business.
                own |= matches!(
                    self.word(j),
                    "our" | "nuestra" | "nuestro" | "nuestros" | "nuestras" | "this" | "esta"
                );
                j += 1;
            }
            if j >= self.len() || own || Self::in_any(j, masked) || self.starts(j, Title) {
                continue;
            }
            // A name written without capitals is still a name when a word of a business
            // closes it: "on behalf of summit health partners llc", "de parte de mueblería la
            // económica", "su cuenta con tienda el porvenir".
            if self.kind(j) == Kind::Word && !self.token(j).capital {
                let clause = self.clause_of(j);
                let limit = (j + 6).min(clause.end);
                // The name runs over the words that follow, up to a sign.
                let run_end = (j..limit)
                    .find(|&k| self.kind(k) != Kind::Word || Self::in_any(k, masked))
                    .unwrap_or(limit);
                if (j..run_end).any(|k| self.starts(k, CompanyWord)) {
                    found.push(cue.start..run_end.max(j + 1));
                }
                continue;
            }
            if self.kind(j) == Kind::Word && self.token(j).capital {
                // The whole name, its small linking words included ("Banco del Valle").
                let capital = |k: u32| self.kind(k) == Kind::Word && self.token(k).capital;
                let mut end = j + 1;
                loop {
                    // An abbreviation closes the name ("S.A. de C.V.", "Inc."), unless a
                    // linking word carries it on.
                    if self.word(end - 1).ends_with('.') && self.word(end) != "de" {
                        break;
                    }
                    if capital(end) {
                        end += 1;
                    } else if matches!(
                        self.word(end),
                        "of" | "the" | "and" | "de" | "del" | "la" | "y"
                    ) && capital(end + 1)
                    {
                        end += 2;
                    } else {
                        break;
                    }
                }
                found.push(cue.start..end);
            }
        }
        // Any other business named by its name: "a personal matter with First Harbor Bank",
        // "the loan you took out with Pine Motors". A limited-content message names no
        // business but the caller's own.
        let capital = |k: u32| {
            k < self.len()
                && self.kind(k) == Kind::Word
                && self.token(k).capital
                && !Self::in_any(k, masked)
        };
        let mut i = 0;
        while i < self.len() {
            if !capital(i) || (i > 0 && capital(i - 1)) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if capital(end) {
                    end += 1;
                } else if matches!(
                    self.word(end),
                    "of" | "the" | "and" | "de" | "del" | "la" | "y" | "&"
                ) && capital(end + 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let touches_own = (i > 0 && Self::in_any(i - 1, masked)) || Self::in_any(end, masked);
            if end - i >= 2
                && !touches_own
                && !self.starts(i, Title)
                && (i..end).any(|k| self.starts(k, CompanyWord))
                && !found.iter().any(|f| f.start < end && i < f.end)
            {
                found.push(i..end);
            }
            i = end;
        }
        // The creditor's name before the account: "about your Brightline Furniture account",
        // "your Harbor Bank Visa".
        for i in 0..self.len() {
            if self.word(i) != "your" {
                continue;
            }
            let mut end = i + 1;
            while end < i + 5 && capital(end) {
                end += 1;
            }
            if end > i + 1
                && matches!(
                    self.word(end),
                    "account" | "card" | "loan" | "bill" | "balance" | "visa" | "mastercard"
                )
                && !found.iter().any(|f| f.contains(&i))
            {
                found.push(i..end + 1);
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    /// Every word of pressure: urgency, deadlines, consequences.
    pub(crate) fn urgency(&self) -> Vec<Range<u32>> {
        self.hits_of(Urgency)
            .filter(|h| !self.negated(h.start, 3))
            .collect()
    }

    // ========================================================================================
    // Health
    // ========================================================================================

    /// Every health detail: a condition, a specialty, a test with its result, a procedure, a
    /// treatment, a medication by name or by what it treats ("blood pressure medication",
    /// "su medicamento para la presión"). Everyday phrases ("positive feedback", "blood
    /// drive", "flu shots are available") are none.
    pub(crate) fn health_details(&self) -> Vec<HealthDetail> {
        let vetoed: Vec<Range<u32>> = self.hits_of(HealthVeto).collect();
        let free = |r: &Range<u32>| !(r.start..r.end).any(|i| Self::in_any(i, &vetoed));
        let mut found = Vec::new();
        let mut push = |tokens: Range<u32>, kind: Health, sensitive: bool| {
            found.push(HealthDetail {
                tokens,
                kind,
                sensitive,
            });
        };
        let lists: [(Concept, Health, bool); 8] = [
            (ConditionSensitive, Health::Condition, true),
            (Condition, Health::Condition, false),
            (SpecialtySensitive, Health::Specialty, true),
            (Specialty, Health::Specialty, false),
            (TreatmentSensitive, Health::Result, true),
            (Treatment, Health::Result, false),
            (MedicationSensitive, Health::Medication, true),
            (Medication, Health::Medication, false),
        ];
        for (concept, kind, sensitive) in lists {
            for h in self.hits_of(concept) {
                if free(&h) {
                    push(h, kind, sensitive);
                }
            }
        }
        // A measure or a test with its result: "your strep test was positive", "sus niveles
        // de colesterol salieron altos", "your A1C came back at 7.9".
        for concept in [TestNoun, Measure] {
            for t in self.hits_of(concept) {
                if !free(&t) {
                    continue;
                }
                let clause = self.clause_of(t.start);
                let near = clause.start.max(t.start.saturating_sub(4))..(t.end + 6).min(clause.end);
                if let Some(r) = self
                    .hits_in(ResultWord, near)
                    .find(|r| free(r) && (r.start >= t.end || r.end <= t.start))
                {
                    push(
                        t.start.min(r.start)..t.end.max(r.end),
                        Health::Result,
                        false,
                    );
                }
            }
        }
        for t in self.hits_of(TestNoun) {
            let words = self.text_of(t.clone());
            if free(&t) && (words.contains("results") || words.contains("resultados")) {
                push(t, Health::Result, false);
            }
        }
        // A medication by what it treats: "blood pressure medication", "medicamento para la
        // presión".
        for m in self.hits_of(MedicationNoun) {
            let sentence = self.sentence_of(m.start);
            let around =
                sentence.start.max(m.start.saturating_sub(3))..(m.end + 4).min(sentence.end);
            let treats = self
                .hits_in(Measure, around.clone())
                .chain(self.hits_in(Condition, around))
                .find(|h| free(h));
            if let Some(h) = treats {
                push(
                    m.start.min(h.start)..m.end.max(h.end),
                    Health::Medication,
                    false,
                );
            }
        }
        // An identifier, by name or by shape (a Social Security number, `123-45-6789`).
        for h in self.hits_of(Identifier) {
            push(h, Health::Identifier, false);
        }
        for i in 0..self.len() {
            let w = self.word(i).as_bytes();
            let ssn = self.kind(i) == Kind::Number
                && w.len() == 11
                && w.iter().enumerate().all(|(k, b)| match k {
                    3 | 6 => *b == b'-',
                    _ => b.is_ascii_digit(),
                });
            if ssn {
                push(i..i + 1, Health::Identifier, false);
            }
        }
        found.sort_by_key(|d| (d.tokens.start, std::cmp::Reverse(d.tokens.end)));
        found
    }

    // ========================================================================================
    // Messaging
    // ========================================================================================

    /// Every opt-out instruction by text: a verb and a keyword ("reply STOP", "text END to stop
    /// receiving these messages", "responda ALTO", "mande BAJA"), or a keyword and what it does
    /// ("STOP to opt out", "PARAR para cancelar").
    pub(crate) fn sms_opt_outs(&self) -> Vec<Range<u32>> {
        let mut found = Vec::new();
        for v in self.hits_of(SmsVerb) {
            let mut j = v.end;
            // "Resp. ALTO": the dot of an abbreviated verb.
            if self.word(j) == "."
                && matches!(self.word(v.start), "resp" | "rply" | "rpl" | "txt" | "msg")
            {
                j += 1;
            }
            // `reply with the word "STOP"`, `responda la palabra ALTO`, `envía un mensaje con
            // la palabra BAJA`
            while j < self.len() {
                if matches!(
                    self.word(j),
                    "\"" | "'" | "with" | "the" | "word" | "la" | "palabra" | "con" | ":"
                ) {
                    j += 1;
                } else if matches!(self.word(j), "a" | "un")
                    && matches!(
                        self.word(j + 1),
                        "message" | "text" | "mensaje" | "texto" | "sms"
                    )
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if let Some(k) = self.hit_at(j, SmsKeyword)
                && !self.negated(v.start, 3)
            {
                found.push(v.start..k.end);
            }
        }
        for k in self.hits_of(SmsKeyword) {
            let mut j = k.end;
            while matches!(self.word(j), "\"" | "'") {
                j += 1;
            }
            // "ALTO p/ cancelar": the abbreviated "para".
            let to = if matches!(self.word(j), "to" | "para") {
                Some(j + 1)
            } else if self.word(j) == "p" && self.word(j + 1) == "/" {
                Some(j + 2)
            } else {
                None
            };
            if let Some(at) = to
                && self.starts(at, SmsOptOut)
            {
                let end = self.hit_at(at, SmsOptOut).map_or(at + 1, |h| h.end);
                found.push(k.start..end);
            }
        }
        // What it does, then the keyword: "Cancela con ALTO", "unsubscribe with STOP".
        for o in self.hits_of(SmsOptOut) {
            let mut j = o.end;
            while matches!(
                self.word(j),
                "con" | "with" | "by" | "la" | "the" | "palabra" | "word" | "\"" | "'" | ":"
            ) {
                j += 1;
            }
            if j > o.end
                && let Some(k) = self.hit_at(j, SmsKeyword)
                && !self.negated(o.start, 3)
            {
                found.push(o.start..k.end);
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    /// The first forbidden-category content in `range`, with its category.
    pub(crate) fn forbidden(&self, range: Range<u32>) -> Option<(Range<u32>, Forbidden)> {
        // Most texts hold no word of any list: one look at the concepts that start in `range`
        // says so, before a walk over the matches for each list.
        if !self.concepts_in(range.clone()).meets(FORBIDDEN) {
            return None;
        }
        let vetoed: Vec<Range<u32>> = self.hits_of(ShaftVeto).collect();
        FORBIDDEN_LISTS
            .into_iter()
            .filter_map(|(concept, category)| {
                self.hits_in(concept, range.clone())
                    .find(|h| !(h.start..h.end).any(|i| Self::in_any(i, &vetoed)))
                    .map(|h| (h, category))
            })
            .min_by_key(|(h, _)| (h.start, std::cmp::Reverse(h.end)))
    }
}

/// Whether an auxiliary comes right before the capture verb at `verb` (a passive: "is
/// transcribed", "se graba"), within its sentence.
/// Whether `word` looks like a past participle ("registrada", "logged").
fn participle(word: &str) -> bool {
    [
        "ada", "ado", "adas", "ados", "ida", "ido", "idas", "idos", "ed",
    ]
    .iter()
    .any(|end| word.len() > end.len() + 2 && word.ends_with(end))
}

fn auxiliary_before(t: &Transcript, verb: u32, sentence_start: u32) -> bool {
    verb > sentence_start && t.starts(verb - 1, Auxiliary)
}

/// Whether an auxiliary lies between token `i` and `verb` (a passive: "calls to this line
/// are recorded").
fn auxiliary_ahead(t: &Transcript, i: u32, verb: u32) -> bool {
    (i + 1..verb).any(|k| t.starts(k, Auxiliary))
}
