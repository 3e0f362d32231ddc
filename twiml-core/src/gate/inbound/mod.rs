//! Inbound replies: whether a text sent back to the business revokes consent, gives it again,
//! asks for help, or none of these, in English and Spanish.
//!
//! A reply is read in two steps. First as a keyword: a reply that is one of Twilio's default
//! keywords, one of the FCC's per se revocation words ("opt out" with a space among them), or a
//! Spanish counterpart, in any case, with punctuation, emojis, courtesy words ("please",
//! "porfa"), repetitions, a spaced-out spelling (`S T O P`) or, for opt-outs, one wrong letter
//! (`stpo`), takes that keyword's action. Then as free text: the phrase patterns of the
//! lexicon find revocations ("please stop texting me", "take me off your list", "no más
//! mensajes", "ya no me manden mensajes"), wrong-number replies, questions about how to stop,
//! opt-ins and questions about the program; near misses veto the matches they overlap ("I'll
//! stop by tomorrow", "don't stop the deliveries", "cancel my appointment") and limits of time
//! ("don't text before 8am") keep the texts. A revocation wins over anything else the reply
//! asks.
//!
//! Opt-outs are read generously and opt-ins strictly: a missed revocation is a violation
//! (MSG008), while a wrong opt-in restarts messages to someone who revoked.
//!
//! The word lists and patterns are data, in the `lexicon` module; [`VERSION`] names them in
//! the decisions and records that rest on a reading.
//!
//! ```
//! use twiml_core::gate::inbound::{Action, Scope, read_reply};
//!
//! let r = read_reply("STOP!");
//! assert_eq!(r.action, Action::OptOut);
//! assert_eq!(r.scope, Some(Scope::Sender));
//! assert!(r.per_se);
//! assert_eq!(read_reply("please stop texting me").action, Action::OptOut);
//! assert_eq!(read_reply("ya no me manden mensajes").action, Action::OptOut);
//! assert_eq!(read_reply("I'll stop by tomorrow").action, Action::None);
//! assert_eq!(read_reply("remove me from all your lists").scope, Some(Scope::All));
//! ```

mod lexicon;
mod reply;

pub use reply::{Replies, ReplyFinding, check_reply, reply_rule};

use std::fmt;
use std::sync::OnceLock;

use lexicon::{CLASSES, Effect, KEYWORDS, NOT_TYPOS, PHRASES, RIDERS};

/// The version of the reader and its lexicon, recorded beside each reading.
pub const VERSION: &str = "inbound-2026.12.1";

/// What a reply asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Action {
    /// Stop the messages: consent is revoked.
    OptOut,
    /// Send the messages again.
    OptIn,
    /// Who is this, what is this, how do I stop: the HELP answer.
    Help,
    /// Nothing the ledger acts on.
    None,
}

impl Action {
    /// `opt-out`, `opt-in`, `help` or `none`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::OptOut => "opt-out",
            Action::OptIn => "opt-in",
            Action::Help => "help",
            Action::None => "none",
        }
    }

    /// The action with this name.
    pub fn parse(value: &str) -> Option<Action> {
        [Action::OptOut, Action::OptIn, Action::Help, Action::None]
            .into_iter()
            .find(|a| a.as_str() == value)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which senders an opt-out covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Scope {
    /// The number the reply was sent to.
    Sender,
    /// Every sender of the business (STOPALL, "remove me from all your lists").
    All,
}

impl Scope {
    /// `sender` or `all`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scope::Sender => "sender",
            Scope::All => "all",
        }
    }

    /// The scope with this name.
    pub fn parse(value: &str) -> Option<Scope> {
        match value {
            "sender" => Some(Scope::Sender),
            "all" => Some(Scope::All),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language a reply was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// `en` or `es`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The language with this code (`en`, `es`, or a tag that starts with one: `es-US`).
    pub fn parse(value: &str) -> Option<Language> {
        let lower = value.trim().to_ascii_lowercase();
        if lower == "en" || lower.starts_with("en-") {
            Some(Language::En)
        } else if lower == "es" || lower.starts_with("es-") {
            Some(Language::Es)
        } else {
            None
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a reply said what it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ReadingKind {
    /// A keyword alone.
    Keyword,
    /// A keyword with courtesy words, repeated, spaced out or misspelt.
    KeywordVariant,
    /// Words of its own ("please stop texting me").
    FreeText,
    /// "Wrong number": the sender has no consent from whoever holds the number.
    WrongNumber,
    /// A question about how to stop, which says the wish plainly.
    Question,
    /// Nothing recognised.
    Nothing,
}

impl ReadingKind {
    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReadingKind::Keyword => "keyword",
            ReadingKind::KeywordVariant => "keyword-variant",
            ReadingKind::FreeText => "free-text",
            ReadingKind::WrongNumber => "wrong-number",
            ReadingKind::Question => "question",
            ReadingKind::Nothing => "nothing",
        }
    }
}

/// What a reply asks, and why the reader thinks so.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reading {
    /// The action.
    pub action: Action,
    /// For an opt-out, the senders it covers; `None` otherwise.
    pub scope: Option<Scope>,
    /// The language of the words that decided, or of the reply.
    pub language: Language,
    /// How it was said.
    pub kind: ReadingKind,
    /// The keyword or the phrase pattern that decided, as the lexicon writes it.
    pub matched: Option<&'static str>,
    /// Whether the keyword is one of the FCC's revocation words per se (or its Spanish
    /// counterpart).
    pub per_se: bool,
    /// Whether the keyword is one of Twilio's defaults, which Twilio itself handles on long
    /// codes and toll-free numbers.
    pub twilio_default: bool,
}

impl Reading {
    fn nothing(language: Language) -> Reading {
        Reading {
            action: Action::None,
            scope: None,
            language,
            kind: ReadingKind::Nothing,
            matched: None,
            per_se: false,
            twilio_default: false,
        }
    }
}

/// Reads one inbound reply.
pub fn read_reply(text: &str) -> Reading {
    let clauses = normalize(text);
    let words: Vec<&str> = clauses.iter().flatten().map(String::as_str).collect();
    let language = guess_language(&words);
    if let Some(r) = read_keyword(&words) {
        return r;
    }
    read_phrases(&clauses, language)
}

// --- Normalisation -------------------------------------------------------------------

/// Lower case, accents off (`ñ` as `n`), apostrophes dropped, digits as `#`, letters repeated
/// three times or more written once; words split into clauses at `.`, `!`, `?`, `;` and line
/// breaks.
fn normalize(text: &str) -> Vec<Vec<String>> {
    let mut clauses: Vec<Vec<String>> = vec![Vec::new()];
    let mut word = String::new();
    let mut digits = false;
    let flush = |word: &mut String, clauses: &mut Vec<Vec<String>>| {
        if !word.is_empty() {
            let w = squeeze(word);
            if let Some(c) = clauses.last_mut() {
                c.push(w);
            }
            word.clear();
        }
    };
    for ch in text.chars().flat_map(char::to_lowercase) {
        let ch = fold(ch);
        match ch {
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => {}
            c if c.is_ascii_digit() => {
                if !digits {
                    flush(&mut word, &mut clauses);
                    word.push('#');
                    digits = true;
                }
            }
            c if c.is_alphabetic() => {
                if digits {
                    flush(&mut word, &mut clauses);
                    digits = false;
                }
                word.push(c);
            }
            '#' => {
                flush(&mut word, &mut clauses);
                word.push('#');
                flush(&mut word, &mut clauses);
                digits = false;
            }
            '.' | '!' | '?' | ';' | '\n' | '\r' | '\u{a1}' | '\u{bf}' => {
                flush(&mut word, &mut clauses);
                digits = false;
                if clauses.last().is_some_and(|c| !c.is_empty()) {
                    clauses.push(Vec::new());
                }
            }
            ':' if digits => {}
            _ => {
                flush(&mut word, &mut clauses);
                digits = false;
            }
        }
    }
    flush(&mut word, &mut clauses);
    clauses.retain(|c| !c.is_empty());
    clauses
}

/// Letters without their accents.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        c => c,
    }
}

/// A letter repeated three times or more, written once.
fn squeeze(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 { 1 } else { run };
        for _ in 0..keep {
            out.push(chars[i]);
        }
        i = j;
    }
    out
}

fn guess_language(words: &[&str]) -> Language {
    let es = words
        .iter()
        .filter(|w| lexicon::SPANISH_CUES.contains(w))
        .count();
    let en = words
        .iter()
        .filter(|w| lexicon::ENGLISH_CUES.contains(w))
        .count();
    if es > en { Language::Es } else { Language::En }
}

// --- Keywords -------------------------------------------------------------------------

/// The words of a keyword, split.
fn keyword_words(k: &lexicon::Keyword) -> impl Iterator<Item = &'static str> {
    k.words.split(' ')
}

/// Whether `words[at..]` starts with the words of `phrase`; the count matched.
fn starts_with(words: &[&str], at: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for p in phrase.split(' ') {
        if words.get(at + n) != Some(&p) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Reads a reply that is a keyword, maybe with riders, repeated, spaced out or misspelt.
fn read_keyword(words: &[&str]) -> Option<Reading> {
    if words.is_empty() {
        return None;
    }
    // Exactly a keyword.
    if let Some(k) = KEYWORDS
        .iter()
        .find(|k| keyword_words(k).eq(words.iter().copied()))
    {
        return Some(keyword_reading(k, ReadingKind::Keyword));
    }
    // Riders dropped, repetitions of one keyword allowed.
    let mut core: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest keyword here wins over a rider that would eat it ("ya no").
        let keyword_here = KEYWORDS
            .iter()
            .filter_map(|k| starts_with(words, i, k.words))
            .max()
            .unwrap_or(0);
        let rider = RIDERS
            .iter()
            .filter_map(|r| starts_with(words, i, r))
            .max()
            .unwrap_or(0);
        if keyword_here > 0 && keyword_here >= rider {
            core.extend_from_slice(&words[i..i + keyword_here]);
            i += keyword_here;
        } else if rider > 0 {
            i += rider;
        } else {
            core.push(words[i]);
            i += 1;
        }
    }
    if core.is_empty() {
        return None;
    }
    let spaced = core.iter().all(|w| w.chars().count() == 1) && core.len() > 1;
    let joined: String = core.concat();
    // The keyword's letters without its spaces.
    let joined_is =
        |k: &lexicon::Keyword| k.words.bytes().filter(|&b| b != b' ').eq(joined.bytes());
    for k in KEYWORDS {
        if repeats(&core, k.words) || (spaced && joined_is(k)) {
            return Some(keyword_reading(k, ReadingKind::KeywordVariant));
        }
    }
    // Written in pieces ("un subscribe", "opt-out"), or one letter off.
    for k in KEYWORDS {
        if core.len() > 1 && core.len() <= 3 && joined_is(k) {
            return Some(keyword_reading(k, ReadingKind::KeywordVariant));
        }
    }
    if core.len() == 1 && !NOT_TYPOS.contains(&core[0]) && !is_keyword_word(core[0]) {
        let w = core[0];
        if let Some(k) = KEYWORDS.iter().find(|k| {
            k.typos && !k.words.contains(' ') && k.words.len() >= 4 && one_edit(w, k.words)
        }) {
            return Some(keyword_reading(k, ReadingKind::KeywordVariant));
        }
    }
    None
}

/// Whether a word is itself some keyword's word (so not a misspelling of another).
fn is_keyword_word(w: &str) -> bool {
    KEYWORDS.iter().any(|k| keyword_words(k).any(|x| x == w))
}

/// Whether `core` is the keyword `words` (its words split by spaces) said one or more times.
fn repeats(core: &[&str], words: &str) -> bool {
    let n = words.split(' ').count();
    core.len().is_multiple_of(n)
        && core
            .chunks(n)
            .all(|c| c.iter().copied().eq(words.split(' ')))
}

/// Whether `a` is one insertion, deletion, substitution or swap of neighbours from `b`.
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let (la, lb) = (a.len(), b.len());
    if la == lb {
        let diff: Vec<usize> = (0..la).filter(|&i| a[i] != b[i]).collect();
        return diff.len() == 1
            || (diff.len() == 2
                && diff[1] == diff[0] + 1
                && a[diff[0]] == b[diff[1]]
                && a[diff[1]] == b[diff[0]]);
    }
    let (short, long) = if la < lb { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() != 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    short[i..] == long[i + 1..]
}

fn keyword_reading(k: &'static lexicon::Keyword, kind: ReadingKind) -> Reading {
    Reading {
        action: k.action,
        scope: (k.action == Action::OptOut).then_some(k.scope),
        language: k.language,
        kind,
        matched: Some(k.words),
        per_se: k.per_se,
        twilio_default: k.twilio_default,
    }
}

// --- Phrases ---------------------------------------------------------------------------

/// One element of a compiled pattern.
#[derive(Debug)]
enum Atom {
    Start,
    End,
    Gap(usize),
    Any {
        alternatives: Vec<Alternative>,
        optional: bool,
    },
}

#[derive(Debug)]
enum Alternative {
    Word(&'static str),
    Prefix(&'static str),
    Class(&'static [&'static str]),
}

struct Compiled {
    atoms: Vec<Atom>,
    phrase: &'static lexicon::Phrase,
}

fn class(name: &str) -> Option<&'static [&'static str]> {
    CLASSES.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

fn compile(phrase: &'static lexicon::Phrase) -> Compiled {
    let tokens: Vec<&'static str> = phrase.pattern.split_whitespace().collect();
    let mut atoms = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut token = tokens[i];
        i += 1;
        match token {
            "^" => {
                atoms.push(Atom::Start);
                continue;
            }
            "$" => {
                atoms.push(Atom::End);
                continue;
            }
            _ => {}
        }
        if let Some(n) = token.strip_prefix("..") {
            atoms.push(Atom::Gap(n.parse().unwrap_or(1)));
            continue;
        }
        let mut optional = false;
        if let Some(t) = token.strip_suffix('?') {
            optional = true;
            token = t;
        }
        let mut alternatives = Vec::new();
        let parts: Vec<&'static str> = token.split('|').collect();
        let last = parts.len() - 1;
        for (n, part) in parts.into_iter().enumerate() {
            if let Some(name) = part.strip_prefix('@') {
                // A class whose name has two words ("@my number"), as the last alternative.
                if n == last && i < tokens.len() {
                    let next = tokens[i];
                    let (next_bare, next_optional) = match next.strip_suffix('?') {
                        Some(b) => (b, true),
                        None => (next, false),
                    };
                    let two = format!("{name} {next_bare}");
                    if let Some(members) = class(&two) {
                        alternatives.push(Alternative::Class(members));
                        optional |= next_optional;
                        i += 1;
                        continue;
                    }
                }
                if let Some(members) = class(name) {
                    alternatives.push(Alternative::Class(members));
                }
            } else if let Some(p) = part.strip_suffix('*') {
                alternatives.push(Alternative::Prefix(p));
            } else {
                alternatives.push(Alternative::Word(part));
            }
        }
        atoms.push(Atom::Any {
            alternatives,
            optional,
        });
    }
    Compiled { atoms, phrase }
}

fn compiled() -> &'static [Compiled] {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    COMPILED.get_or_init(|| PHRASES.iter().map(compile).collect())
}

/// The numbers of words of `words[at..]` one member matches, as a set of bits (bit `n` for
/// `n` words): a match is tried for every phrase at every word, so nothing here allocates.
fn member_lengths(member: &str, words: &[&str], at: usize) -> u64 {
    let mut n = 0;
    let mut parts = member.split(' ').peekable();
    while let Some(p) = parts.next() {
        let Some(w) = words.get(at + n) else { return 0 };
        let ok = match p.strip_suffix('*') {
            Some(prefix) if parts.peek().is_none() => w.starts_with(prefix),
            _ => *w == p,
        };
        if !ok {
            return 0;
        }
        n += 1;
    }
    1 << n.min(63)
}

fn alternative_lengths(alt: &Alternative, words: &[&str], at: usize) -> u64 {
    match alt {
        Alternative::Word(w) => u64::from(words.get(at) == Some(w)) << 1,
        Alternative::Prefix(p) => u64::from(words.get(at).is_some_and(|w| w.starts_with(p))) << 1,
        Alternative::Class(members) => members
            .iter()
            .fold(0, |lengths, m| lengths | member_lengths(m, words, at)),
    }
}

/// The ends of every match of `atoms` on `words` from `at`.
fn match_from(atoms: &[Atom], words: &[&str], at: usize, ends: &mut Vec<usize>) {
    let Some((first, rest)) = atoms.split_first() else {
        ends.push(at);
        return;
    };
    match first {
        Atom::Start => {
            if at == 0 {
                match_from(rest, words, at, ends);
            }
        }
        Atom::End => {
            if at == words.len() {
                match_from(rest, words, at, ends);
            }
        }
        Atom::Gap(n) => {
            for skip in 0..=*n {
                if at + skip > words.len() {
                    break;
                }
                match_from(rest, words, at + skip, ends);
            }
        }
        Atom::Any {
            alternatives,
            optional,
        } => {
            let mut lengths = alternatives.iter().fold(0, |lengths, alt| {
                lengths | alternative_lengths(alt, words, at)
            });
            // Shortest first.
            while lengths != 0 {
                let len = lengths.trailing_zeros() as usize;
                lengths &= lengths - 1;
                match_from(rest, words, at + len, ends);
            }
            if *optional {
                match_from(rest, words, at, ends);
            }
        }
    }
}

/// One match of a phrase in a clause.
struct Hit {
    clause: usize,
    start: usize,
    end: usize,
    phrase: &'static lexicon::Phrase,
}

fn read_phrases(clauses: &[Vec<String>], language: Language) -> Reading {
    let mut hits: Vec<Hit> = Vec::new();
    let mut ends = Vec::new();
    for (c, clause) in clauses.iter().enumerate() {
        let words: Vec<&str> = clause.iter().map(String::as_str).collect();
        for compiled in compiled() {
            for start in 0..words.len() {
                ends.clear();
                match_from(&compiled.atoms, &words, start, &mut ends);
                if let Some(&end) = ends.iter().max() {
                    hits.push(Hit {
                        clause: c,
                        start,
                        end: end.max(start + 1),
                        phrase: compiled.phrase,
                    });
                    break;
                }
            }
        }
        // A last clause that is an opt-out keyword alone ("Wrong person. STOP"); a first one
        // may be a correction ("Stop! I meant Thursday").
        if clauses.len() > 1
            && c == clauses.len() - 1
            && let Some(r) = read_keyword(&words)
            && r.action == Action::OptOut
            && r.per_se
            && r.matched.is_some_and(|m| m.len() > 3)
        {
            let scope_all = r.scope == Some(Scope::All);
            return Reading {
                scope: Some(if scope_all || any_all(&hits) {
                    Scope::All
                } else {
                    Scope::Sender
                }),
                ..r
            };
        }
    }
    let vetoed = |h: &Hit| {
        hits.iter().any(|v| {
            v.clause == h.clause
                && match v.phrase.effect {
                    Effect::Veto => v.start < h.end && h.start < v.end,
                    Effect::Limit => matches!(h.phrase.effect, Effect::OptOut(_)),
                    _ => false,
                }
        })
    };
    let live =
        |pred: &dyn Fn(Effect) -> bool| hits.iter().find(|h| pred(h.phrase.effect) && !vetoed(h));
    if let Some(h) = live(&|e| matches!(e, Effect::OptOut(_))) {
        let Effect::OptOut(kind) = h.phrase.effect else {
            unreachable!("filtered on opt-outs")
        };
        return Reading {
            action: Action::OptOut,
            scope: Some(if any_all(&hits) {
                Scope::All
            } else {
                Scope::Sender
            }),
            language: h.phrase.language,
            kind,
            matched: Some(h.phrase.pattern),
            per_se: false,
            twilio_default: false,
        };
    }
    for (effect, action) in [(Effect::OptIn, Action::OptIn), (Effect::Help, Action::Help)] {
        if let Some(h) = live(&|e| e == effect) {
            return Reading {
                action,
                scope: None,
                language: h.phrase.language,
                kind: ReadingKind::FreeText,
                matched: Some(h.phrase.pattern),
                per_se: false,
                twilio_default: false,
            };
        }
    }
    Reading::nothing(language)
}

fn any_all(hits: &[Hit]) -> bool {
    hits.iter().any(|h| h.phrase.effect == Effect::All)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(text: &str) -> Action {
        read_reply(text).action
    }

    #[test]
    fn normalizes() {
        assert_eq!(
            normalize("¡No MÁS! Don't text at 8:30pm"),
            vec![vec!["no", "mas"], vec!["dont", "text", "at", "#", "pm"]]
        );
        assert_eq!(normalize("STOOOOP"), vec![vec!["stop"]]);
    }

    #[test]
    fn keywords() {
        assert_eq!(action("STOP"), Action::OptOut);
        assert_eq!(read_reply("stop").kind, ReadingKind::Keyword);
        assert_eq!(read_reply("Stop please").kind, ReadingKind::KeywordVariant);
        assert_eq!(read_reply("S T O P").action, Action::OptOut);
        assert_eq!(read_reply("stpo").action, Action::OptOut);
        assert_eq!(read_reply("STOPALL").scope, Some(Scope::All));
        assert_eq!(action("opt out"), Action::OptOut);
        assert_eq!(action("UNSTOP"), Action::OptIn);
        assert_eq!(action("HELP"), Action::Help);
        assert_eq!(action("ayuda"), Action::Help);
        assert_eq!(action("Sí"), Action::OptIn);
        assert_eq!(action("Ya no"), Action::OptOut);
        assert_eq!(action("No"), Action::None);
        assert_eq!(action(""), Action::None);
    }

    #[test]
    fn free_text() {
        assert_eq!(action("please stop texting me"), Action::OptOut);
        assert_eq!(action("take me off your list"), Action::OptOut);
        assert_eq!(action("no más mensajes"), Action::OptOut);
        assert_eq!(action("ya no me manden mensajes"), Action::OptOut);
        assert_eq!(action("I'll stop by tomorrow"), Action::None);
        assert_eq!(action("don't stop the deliveries"), Action::None);
        assert_eq!(action("Please don't text before 8am"), Action::None);
        assert_eq!(action("Who is this? Stop texting me"), Action::OptOut);
    }

    #[test]
    fn one_edit_distance() {
        assert!(one_edit("stpo", "stop"));
        assert!(one_edit("sop", "stop"));
        assert!(one_edit("stopp", "stop"));
        assert!(!one_edit("stop", "stop"));
        assert!(!one_edit("shops", "stop"));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in ["", "   ", "!!!", "🙂", "#", "..9", "@", "?¿", "\u{0}"] {
            let _ = read_reply(text);
        }
    }
}
