//! Text detectors shared by the compliance rules (catalog §2, "Shared detector libraries").
//!
//! Every detector except [`normalize`], [`business_name`]'s `names` and [`collection_sounding`]
//! expects text that already went through [`normalize`]; [`pans`] also accepts raw text. Offsets in
//! results are byte offsets into the string the detector was given.
//!
//! The phrase lists live in `phrases.rs` as data. This module only decides how a list is applied:
//! first match in text order, co-occurrence within a sentence, or a veto list that cancels a match.
//! Regexes are compiled once, on first use, and shared between threads.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::phrases;

/// A match in normalised text: byte offsets into the string the function was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Offset of the first byte of the match.
    pub start: usize,
    /// Offset one past the last byte of the match.
    pub end: usize,
}

/// A telephone number found by [`phone_numbers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneMatch {
    /// The digits of the number as written (a leading country code `1` is kept). For a vanity
    /// number only the digits actually written, e.g. `1800` for `1-800-FLOWERS`.
    pub digits: String,
    /// The area code is toll-free (800, 833, 844, 855, 866, 877, 888).
    pub toll_free: bool,
    /// The area code is pay-per-call (900, 976), which is not an acceptable call-back number.
    pub premium: bool,
    /// Offset of the first byte of the number.
    pub start: usize,
    /// Offset one past the last byte of the number.
    pub end: usize,
}

/// What kind of payment-data request [`card_request`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardCue {
    /// A request for card data (number, expiry, security code).
    Card(Match),
    /// Only the last four digits of a card are asked for: verification, not full PAN capture.
    LastFour(Match),
    /// A bank-account (ACH) data request and no card cue.
    Ach(Match),
}

/// A literal payment card number found by [`pans`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanMatch {
    /// The card number without separators.
    pub digits: String,
    /// The number is a published test card number.
    pub test_card: bool,
    /// Offset of the first byte of the number as written.
    pub start: usize,
    /// Offset one past the last byte of the number as written.
    pub end: usize,
}

/// The kind of health information a [`PhiMatch`] points at (catalog §2 D-PHI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhiCategory {
    /// A condition or diagnosis ("diabetes", "embarazo").
    Condition,
    /// A specialty or department ("oncology", "salud mental").
    Specialty,
    /// A test result or procedure ("lab results", "dio positivo").
    Result,
    /// A medication ("insulin", "metadona").
    Medication,
    /// An identifier ("date of birth", an SSN).
    Identifier,
}

/// Health information found by [`phi`] or [`phi_identifier`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhiMatch {
    /// What the matched words reveal.
    pub category: PhiCategory,
    /// The match belongs to an extra-sensitive sub-list (substance use, HIV/STI, reproductive,
    /// mental health, genetic), which escalates severity.
    pub sensitive: bool,
    /// Offset of the first byte of the match.
    pub start: usize,
    /// Offset one past the last byte of the match.
    pub end: usize,
}

/// The two parts of the FDCPA mini-Miranda disclosure, each located if present (catalog §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MiniMiranda {
    /// "This is an attempt to collect a debt."
    pub attempt_to_collect: Option<Match>,
    /// "Any information obtained will be used for that purpose."
    pub information_use: Option<Match>,
}

/// Forbidden or restricted message categories (S.H.A.F.T. plus carrier additions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShaftCategory {
    /// Sexual or adult content.
    Sex,
    /// Hate speech.
    Hate,
    /// Alcohol.
    Alcohol,
    /// Firearms and ammunition.
    Firearms,
    /// Tobacco and nicotine products other than vapes.
    Tobacco,
    /// Vapes and e-cigarettes.
    Vaping,
    /// Cannabis, CBD and kratom.
    Cannabis,
    /// Gambling, sweepstakes and raffles.
    Gambling,
    /// Payday loans, crypto, debt relief and similar high-risk financial services.
    HighRiskFinance,
}

/// Forbidden-category content found by [`forbidden_content`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShaftMatch {
    /// The category the matched words belong to.
    pub category: ShaftCategory,
    /// Offset of the first byte of the match.
    pub start: usize,
    /// Offset one past the last byte of the match.
    pub end: usize,
}

/// A URL-shortener host found by [`shorteners`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortenerMatch {
    /// The host as written, lower-cased, without a leading `www.`.
    pub host: String,
    /// The host is Twilio's shared `twil.io` domain (or a subdomain of it).
    pub twilio_shared: bool,
    /// Offset of the first byte of the host.
    pub start: usize,
    /// Offset one past the last byte of the host.
    pub end: usize,
}

// ============================================================================================
// Normalisation and sentences
// ============================================================================================

/// Normalises text before matching (catalog §1.2): Unicode NFKD with combining marks removed
/// (`número` → `numero`), lower case, curly quotes and guillemets → `'` or `"`, Unicode dashes → `-`,
/// zero-width characters removed, every run of whitespace → one space, trimmed. Digits and other
/// punctuation are kept.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        normalize_ascii(text)
    } else {
        normalize_unicode(text)
    }
}

/// `normalize` for any text. Each character is decomposed on its own: NFKD differs from
/// that only in the order of combining marks, which are all dropped.
fn normalize_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
        decompose_compatible(c, |d| {
            // Lower-casing can itself emit a combining mark ('İ' → "i\u{307}"), so strip
            // after it.
            for l in d.to_lowercase() {
                if !is_combining_mark(l) && !is_invisible(l) {
                    push(fold_punctuation(l));
                }
            }
        });
    }
    out
}

/// `normalize` for ASCII text, which has no accents to strip and no typographic punctuation
/// to fold: lower case and spacing only, without the Unicode tables.
fn normalize_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_whitespace() || b == 0x0B {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out
}

/// Characters that TTS engines skip but that would split a word for the regexes.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Maps typographic quotes and dashes to their ASCII forms so one pattern serves both.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

/// Sentence byte ranges, used for "same sentence" co-occurrence and vetoes. Sentences end at
/// `!`, `?`, `;`, a newline, or a `.` that is not followed by a letter or digit (so `$49.99`,
/// `bit.ly` and the first dot of `a.i.` do not end a sentence). Ranges exclude the terminator and
/// surrounding whitespace; empty sentences are skipped.
pub fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            let end = next_terminator(bytes, start);
            let sentence = trim_range(text, start..end);
            start = end + 1;
            if !sentence.is_empty() {
                return Some(sentence);
            }
        }
        None
    })
}

/// Whether the byte at `i` ends a sentence. Terminators are ASCII, so the offsets on either side
/// are always `char` boundaries.
fn is_terminator(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'!' | b'?' | b';' | b'\n' | b'\r' => true,
        b'.' => !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric),
        _ => false,
    }
}

/// Offset of the first terminator at or after `from`, or the end of the text.
fn next_terminator(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len())
        .find(|&i| is_terminator(bytes, i))
        .unwrap_or(bytes.len())
}

/// The sentence containing byte `pos`, terminators excluded (whitespace is kept: callers only
/// search inside it).
fn sentence_around(text: &str, pos: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = (0..pos.min(bytes.len()))
        .rev()
        .find(|&i| is_terminator(bytes, i))
        .map_or(0, |i| i + 1);
    start..next_terminator(bytes, pos)
}

/// Narrows `range` so it neither starts nor ends with whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

// ============================================================================================
// Regex plumbing
// ============================================================================================

/// Joins phrase lists into one alternation. `regex` uses leftmost-first semantics, so a search
/// finds the phrase that starts earliest in the text, and at equal starts the one listed first.
fn alternation(lists: &[&[&str]]) -> String {
    let mut parts = lists.iter().flat_map(|list| list.iter());
    let Some(first) = parts.next() else {
        // An empty alternation would match the empty string everywhere; an empty class never matches.
        return r"[^\s\S]".to_owned();
    };
    parts.fold(format!("(?:{first})"), |mut acc, part| {
        acc.push_str("|(?:");
        acc.push_str(part);
        acc.push(')');
        acc
    })
}

/// Compiles a pattern case-insensitively. Only called from lazy initialisers on compiled-in
/// sources, so a failure is a bug in `phrases.rs` and is caught by the first test that runs it.
///
/// The catalog's `\b` is compiled as an ASCII word boundary. Normalised text spells words in ASCII,
/// and a Unicode `\b` makes `regex` abandon its DFA for the whole search as soon as the haystack
/// holds one non-ASCII byte (a Spanish `¿` made every detector about fifty times slower).
fn build(source: &str) -> Regex {
    RegexBuilder::new(&ascii_word_boundaries(source))
        .case_insensitive(true)
        .build()
        .expect("valid pattern")
}

/// Rewrites `\b` as `(?-u:\b)`. Phrase sources never contain an escaped backslash (a test
/// checks), so every `\b` in them is a word-boundary assertion.
fn ascii_word_boundaries(source: &str) -> String {
    source.replace(r"\b", r"(?-u:\b)")
}

/// Declares a function returning a regex compiled once from the given phrase lists.
macro_rules! phrase_regex {
    ($(#[$doc:meta])* $name:ident = $($list:ident),+ $(,)?) => {
        $(#[$doc])*
        fn $name() -> &'static Regex {
            static CELL: OnceLock<Regex> = OnceLock::new();
            CELL.get_or_init(|| build(&alternation(&[$(phrases::$list),+])))
        }
    };
}

/// Declares a function returning a regex compiled once from a source built at first use.
macro_rules! derived_regex {
    ($(#[$doc:meta])* $name:ident = $source:expr) => {
        $(#[$doc])*
        fn $name() -> &'static Regex {
            static CELL: OnceLock<Regex> = OnceLock::new();
            CELL.get_or_init(|| build(&$source))
        }
    };
}

/// A lazily compiled regex, as declared by `phrase_regex!` and `derived_regex!`.
type RegexFn = fn() -> &'static Regex;

fn span(m: regex::Match<'_>) -> Match {
    Match {
        start: m.start(),
        end: m.end(),
    }
}

fn first(re: &Regex, text: &str) -> Option<Match> {
    re.find(text).map(span)
}

/// The candidate that starts first; at equal starts the longer one, then the earlier candidate.
fn earliest(candidates: impl IntoIterator<Item = Option<Match>>) -> Option<Match> {
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|m| (m.start, Reverse(m.end)))
}

/// The smallest span covering both matches.
fn cover(a: Match, b: Match) -> Match {
    Match {
        start: a.start.min(b.start),
        end: a.end.max(b.end),
    }
}

fn shift(m: Match, offset: usize) -> Match {
    Match {
        start: m.start + offset,
        end: m.end + offset,
    }
}

/// How far around a match a benign-phrase veto may reach, in bytes. Wide enough for every phrase
/// in the `*_VETO` lists; bounded so that many vetoed matches in one long sentence stay linear.
const VETO_REACH: usize = 48;

/// The first match of `re` that does not overlap a match of `veto` ("hearing aids" cancels "aids").
fn first_unvetoed(text: &str, re: &Regex, veto: &Regex) -> Option<Match> {
    re.find_iter(text)
        .map(span)
        .find(|&m| !overlaps_veto(text, m, veto))
}

fn overlaps_veto(text: &str, m: Match, veto: &Regex) -> bool {
    let window = window_around(text, m, VETO_REACH);
    veto.find_iter(&text[window.clone()])
        .map(|v| shift(span(v), window.start))
        .any(|v| v.start < m.end && m.start < v.end)
}

/// `m` widened by `reach` bytes on each side, snapped inwards to `char` boundaries.
fn window_around(text: &str, m: Match, reach: usize) -> Range<usize> {
    let mut start = m.start.saturating_sub(reach);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = m.end.saturating_add(reach).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// Walks the matches of `re` in text order and returns the first one that `pick` accepts, given
/// facts about the sentence it sits in. Facts are computed once per sentence, so the walk stays
/// linear however many matches a sentence holds. `facts_of` receives the sentence text and its
/// offset in `text`.
fn first_in_sentence<F>(
    text: &str,
    re: &Regex,
    mut facts_of: impl FnMut(&str, usize) -> F,
    mut pick: impl FnMut(&F, Match) -> Option<Match>,
) -> Option<Match> {
    let mut cached: Option<(Range<usize>, F)> = None;
    for m in re.find_iter(text).map(span) {
        let facts = match cached.take() {
            Some((range, facts)) if range.contains(&m.start) => (range, facts),
            _ => {
                let range = sentence_around(text, m.start);
                let facts = facts_of(&text[range.clone()], range.start);
                (range, facts)
            }
        };
        if let Some(hit) = pick(&facts.1, m) {
            return Some(hit);
        }
        cached = Some(facts);
    }
    None
}

// ============================================================================================
// D-REC, D-AI, D-ID
// ============================================================================================

phrase_regex!(rec_strong = REC_STRONG_EN, REC_STRONG_ES);
phrase_regex!(rec_verb_en = REC_VERB_EN);
phrase_regex!(rec_noun_en = REC_NOUN_EN);
phrase_regex!(rec_verb_es = REC_VERB_ES);
phrase_regex!(rec_noun_es = REC_NOUN_ES);
phrase_regex!(rec_verb_veto = REC_VERB_VETO);

/// D-REC (§2): a recording/monitoring notice. Matches a strong pattern (EN/ES), or a sentence
/// holding both a capture verb and a call noun of the same language ("grabamos esta llamada",
/// "transcribed ... conversation"); the match then spans both words.
///
/// Decision: "record"/"monitor" used as a noun ("we have no record of your call") or as a
/// voicemail prompt ("record your message") is not a notice, although the bare catalog
/// verb + noun rule would accept it.
pub fn recording_notice(text: &str) -> Option<Match> {
    earliest([
        first(rec_strong(), text),
        capture_verb_with_call_noun(text, rec_verb_en(), rec_noun_en()),
        capture_verb_with_call_noun(text, rec_verb_es(), rec_noun_es()),
    ])
}

fn capture_verb_with_call_noun(text: &str, verbs: &Regex, nouns: &Regex) -> Option<Match> {
    first_in_sentence(
        text,
        verbs,
        |sentence, offset| nouns.find(sentence).map(|n| shift(span(n), offset)),
        |noun, verb| {
            let noun = (*noun)?;
            (!overlaps_veto(text, verb, rec_verb_veto())).then(|| cover(verb, noun))
        },
    )
}

phrase_regex!(ai = AI_EN, AI_ES);

/// D-AI (§2): the speaker says it is an AI / automated / virtual agent (EN/ES).
pub fn ai_disclosure(text: &str) -> Option<Match> {
    first(ai(), text)
}

phrase_regex!(id_cue = ID_CUE_EN, ID_CUE_ES);

/// D-ID cue phrases (§2): "this is", "calling from", "on behalf of", "le llama", "de parte de", ...
/// A cue alone does not identify a business; rules use it only as support.
pub fn identity_cue(text: &str) -> Option<Match> {
    first(id_cue(), text)
}

/// D-ID: the first occurrence of any of `names` in `text`. Names are normalised like the text
/// and compared word by word, punctuation aside: a voice reads "Acme Widgets, Inc." and "Acme
/// Widgets Inc" alike, and "Acme" does not match "acmes". The match runs from the first word of
/// the name to its last. Names without words are ignored; at equal starts the longer name wins.
pub fn business_name(text: &str, names: &[String]) -> Option<Match> {
    let text_words: Vec<Range<usize>> = word_ranges(text).collect();
    names
        .iter()
        .filter_map(|name| first_word_sequence(text, &text_words, &normalize(name)))
        .min_by_key(|m| (m.start, Reverse(m.end)))
}

/// Whether `phrase` occurs in `text` as whole words: not inside a longer word.
pub fn has_words(text: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && text.match_indices(phrase).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + phrase.len()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
}

/// The byte ranges of the words (runs of letters and digits) of `text`.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// Where the words of `phrase` first occur, in order and adjacent, among `text_words`.
fn first_word_sequence(text: &str, text_words: &[Range<usize>], phrase: &str) -> Option<Match> {
    let wanted: Vec<&str> = word_ranges(phrase).map(|r| &phrase[r]).collect();
    if wanted.is_empty() {
        return None;
    }
    text_words
        .windows(wanted.len())
        .find(|window| {
            window
                .iter()
                .zip(&wanted)
                .all(|(range, word)| text[range.clone()] == **word)
        })
        .map(|window| Match {
            start: window[0].start,
            end: window[window.len() - 1].end,
        })
}

fn stands_alone(text: &str, m: Match) -> bool {
    let phrase = &text[m.start..m.end];
    let joins_before = phrase.chars().next().is_some_and(is_word_char)
        && text[..m.start]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
    let joins_after = phrase.chars().next_back().is_some_and(is_word_char)
        && text[m.end..].chars().next().is_some_and(is_word_char);
    !joins_before && !joins_after
}

/// Unicode word characters: a name or number must not run into a letter of any script.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

// ============================================================================================
// D-PHONE
// ============================================================================================

derived_regex!(
    /// Written numbers. The leading `(?:^|[^0-9])` and trailing `(?:[^0-9]|$)` stand in for
    /// look-around: a number may not be carved out of a longer digit run (a card number, an ID).
    /// Group 1 is the number itself.
    written_phone = format!(
        "(?:^|[^0-9])({})(?:[^0-9]|$)",
        alternation(&[phrases::PHONE_DIGIT_GROUPS, phrases::PHONE_SPACED_DIGITS])
    )
);
derived_regex!(vanity_phone = phrases::phone_vanity());
derived_regex!(
    /// A run of at least `MIN_SPOKEN_DIGITS` digit words separated by spaces or punctuation.
    spoken_phone = {
        let word = format!(
            r"\b(?:{})\b",
            phrases::SPOKEN_DIGITS
                .iter()
                .map(|(w, _)| *w)
                .collect::<Vec<_>>()
                .join("|")
        );
        let more = phrases::MIN_SPOKEN_DIGITS.saturating_sub(1);
        format!(r"{word}(?:[\s,.\-]+{word}){{{more},}}")
    }
);

/// D-PHONE (§2): North American numbers written with digits and separators (`+1`, spaces, dots,
/// dashes, parentheses, and commas between digit groups as TTS scripts write
/// "8 0 0, 5 5 5, 0 1 0 0"), runs of at least ten spoken digit words (one ... nine, zero, oh /
/// uno ... nueve, cero), and vanity numbers such as `1-800-FLOWERS`. `toll_free` and `premium`
/// come from the area code. Every match, in text order.
pub fn phone_numbers(text: &str) -> Vec<PhoneMatch> {
    let mut found = Vec::new();
    push_written_phones(text, &mut found);
    push_spoken_phones(text, &mut found);
    push_vanity_phones(text, &mut found);
    found.sort_by_key(|p| (p.start, Reverse(p.end)));
    let mut covered_to = 0;
    found.retain(|p| {
        let keep = p.start >= covered_to;
        if keep {
            covered_to = p.end;
        }
        keep
    });
    found
}

fn push_written_phones(text: &str, out: &mut Vec<PhoneMatch>) {
    // Skipping digit-free text also skips allocating the capture slots.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let re = written_phone();
    let mut slots = re.capture_locations();
    let mut at = 0;
    // Resume at the end of the number, not of the whole match: the trailing non-digit that was
    // consumed may be the separator the next number needs in front of it.
    while re.captures_read_at(&mut slots, text, at).is_some() {
        let Some((start, end)) = slots.get(1) else {
            break;
        };
        out.push(phone_match(ascii_digits(&text[start..end]), start..end));
        at = end;
    }
}

fn push_spoken_phones(text: &str, out: &mut Vec<PhoneMatch>) {
    for m in spoken_phone().find_iter(text) {
        let digits = m
            .as_str()
            .split(|c: char| !c.is_alphabetic())
            .filter_map(spoken_digit)
            .map(char::from)
            .collect();
        out.push(phone_match(digits, m.range()));
    }
}

fn push_vanity_phones(text: &str, out: &mut Vec<PhoneMatch>) {
    for m in vanity_phone().find_iter(text) {
        out.push(phone_match(ascii_digits(m.as_str()), m.range()));
    }
}

/// The ASCII digit a spoken digit word stands for.
fn spoken_digit(word: &str) -> Option<u8> {
    phrases::SPOKEN_DIGITS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, d)| b'0' + d)
}

fn ascii_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn phone_match(digits: String, range: Range<usize>) -> PhoneMatch {
    let npa = area_code(&digits);
    PhoneMatch {
        toll_free: npa.is_some_and(|a| phrases::TOLL_FREE_NPAS.contains(&a)),
        premium: npa.is_some_and(|a| phrases::PREMIUM_NPAS.contains(&a)),
        digits,
        start: range.start,
        end: range.end,
    }
}

/// The area code of a North American number (10 digits, or 11 with the country code) or of a
/// vanity number (`800` or `1800` before the letters); `None` for any other shape.
fn area_code(digits: &str) -> Option<&str> {
    let national = match digits.len() {
        4 | 11 => digits.strip_prefix('1')?,
        3 | 10 => digits,
        _ => return None,
    };
    national.get(..3)
}

// ============================================================================================
// D-OPTOUT-VOICE
// ============================================================================================

phrase_regex!(optout_voice_re = OPTOUT_VOICE_EN, OPTOUT_VOICE_ES);

/// D-OPTOUT-VOICE (§2): an automated opt-out instruction ("press 9 to be removed", "to stop these
/// calls, say stop", "oprima 9 para no recibir mas llamadas", ...).
pub fn optout_voice(text: &str) -> Option<Match> {
    first(optout_voice_re(), text)
}

// ============================================================================================
// D-CARD, D-ACH, D-PAN, CVV
// ============================================================================================

phrase_regex!(card_explicit = CARD_EXPLICIT_EN, CARD_EXPLICIT_ES);
phrase_regex!(card_generic = CARD_GENERIC_EN, CARD_GENERIC_ES);
phrase_regex!(card_weak = CARD_WEAK);
phrase_regex!(card_veto = CARD_VETO_EN, CARD_VETO_ES);
phrase_regex!(otp_code = OTP_CODE);
phrase_regex!(otp_delivery = OTP_DELIVERY);
phrase_regex!(last_four = LAST_FOUR);
phrase_regex!(card_word = CARD_WORD);
phrase_regex!(ach = ACH);

/// Sentence facts that decide whether a card cue counts.
struct CardSentence {
    /// A non-payment card or a texted one-time code explains the sentence's card words.
    non_payment: bool,
    /// Only the last four digits are requested.
    last_four: bool,
    /// "card" or "tarjeta" appears.
    mentions_card: bool,
}

fn card_sentence(sentence: &str, _offset: usize) -> CardSentence {
    let texted_code = otp_code().is_match(sentence) && otp_delivery().is_match(sentence);
    CardSentence {
        non_payment: texted_code || card_veto().is_match(sentence),
        last_four: last_four().is_match(sentence),
        mentions_card: card_word().is_match(sentence),
    }
}

/// D-CARD (§2, PCI001): a request for payment-card data, in order of precedence:
/// * `Card`: the first card cue that counts. A gift/insurance/member/... card (or tarjeta de
///   regalo/...) or a one-time code sent by text vetoes generic cues in its sentence; cues that
///   name a payment card ("credit card", "tarjeta de credito") are never vetoed. "security code" /
///   "codigo de seguridad" is weak and counts only when another card cue counts somewhere in the
///   text or "card"/"tarjeta" is in its sentence.
/// * `LastFour`: "last 4 / last four / ultimos 4" in a sentence about a card; any card cue in that
///   sentence is downgraded to it.
/// * `Ach`: routing/bank/checking account number, numero de ruta/cuenta, when no card cue exists.
pub fn card_request(text: &str) -> Option<CardCue> {
    // One pass over the text with every cue at once; most text names no card, and the
    // sentence-by-sentence reading below costs several passes.
    if !any_card_cue().is_match(text) {
        return None;
    }
    first_card_cue(text)
        .map(CardCue::Card)
        .or_else(|| first_last_four(text).map(CardCue::LastFour))
        .or_else(|| first(ach(), text).map(CardCue::Ach))
}

phrase_regex!(
    /// Every cue `card_request` reads, in one pattern.
    any_card_cue = CARD_EXPLICIT_EN,
    CARD_EXPLICIT_ES,
    CARD_GENERIC_EN,
    CARD_GENERIC_ES,
    CARD_WEAK,
    LAST_FOUR,
    ACH
);

fn first_card_cue(text: &str) -> Option<Match> {
    let explicit = first_in_sentence(text, card_explicit(), card_sentence, |s, m| {
        (!s.last_four).then_some(m)
    });
    let generic = first_in_sentence(text, card_generic(), card_sentence, |s, m| {
        (!s.last_four && !s.non_payment).then_some(m)
    });
    let strong_elsewhere = explicit.is_some() || generic.is_some();
    let weak = first_in_sentence(text, card_weak(), card_sentence, |s, m| {
        let supported = strong_elsewhere || s.mentions_card;
        (supported && !s.last_four && !s.non_payment).then_some(m)
    });
    earliest([explicit, generic, weak])
}

fn first_last_four(text: &str) -> Option<Match> {
    first_in_sentence(text, last_four(), card_sentence, |s, m| {
        (s.mentions_card && !s.non_payment).then_some(m)
    })
}

phrase_regex!(cvv_cue = CVV_CUES);
derived_regex!(
    /// A 3-4 digit number at most five words after a CVV cue, in the same sentence; group 1 is
    /// the number.
    cvv_after_cue = format!(
        r"(?:{})(?:[^\w.!?;]+\w+){{0,4}}?[^\w.!?;]+([0-9]{{3,4}})\b",
        alternation(&[phrases::CVV_CUES])
    )
);
derived_regex!(
    /// A 3-4 digit number at most five words before a CVV cue, in the same sentence; group 1
    /// is the number.
    cvv_before_cue = format!(
        r"\b([0-9]{{3,4}})(?:[^\w.!?;]+\w+){{0,4}}?[^\w.!?;]+(?:{})",
        alternation(&[phrases::CVV_CUES])
    )
);

/// Whether the number at `m` is an amount of money ("$250", "250 dollars"), not a code.
fn is_amount(text: &str, m: Match) -> bool {
    let before = text[..m.start].trim_end();
    let after = text[m.end..].trim_start();
    before.ends_with('$')
        || ["dollar", "dolar", "usd", "cent", "peso"]
            .iter()
            .any(|unit| after.starts_with(unit))
}

/// The first group-1 match of `re` that is not an amount of money.
fn first_code(re: &Regex, text: &str) -> Option<Match> {
    re.captures_iter(text)
        .filter_map(|c| c.get(1).map(span))
        .find(|&m| !is_amount(text, m))
}

derived_regex!(
    /// The CVV cues without their word boundaries: in ASCII text, every place where the cue
    /// regex matches once the text is normalised (lower case, spaces collapsed, separators added)
    /// is a place where this one matches in the raw text.
    cvv_cue_in_raw_ascii = alternation(&[phrases::CVV_CUES]).replace(r"\b", "")
);

/// Whether `raw`, once normalised, may hold a CVV cue: a cheap test that spares normalising
/// the many attribute values (phone numbers, URLs) that name no card security code. Text
/// that is not ASCII can change more in normalising, and always may.
pub fn may_hold_cvv_cue(raw: &str) -> bool {
    !raw.is_ascii() || cvv_cue_in_raw_ascii().is_match(raw)
}

/// CVV literal (§2): 3 or 4 digits within 5 words of a CVV cue (cvv, cvc, cvv2, cid, csc,
/// security code, codigo de seguridad), before or after it. The match covers the digits.
pub fn cvv_literal(text: &str) -> Option<Match> {
    // Most text has no cue at all; this check spares the capture-group searches.
    if !cvv_cue().is_match(text) {
        return None;
    }
    earliest([
        first_code(cvv_after_cue(), text),
        first_code(cvv_before_cue(), text),
    ])
}

derived_regex!(
    /// Digits joined by single spaces or dashes, the shapes a card number is written in (§2 D-PAN).
    digit_run = r"[0-9]+(?:[ \-][0-9]+)*"
);

/// Card numbers have 13 to 19 digits (ISO/IEC 7812).
const PAN_LENGTHS: Range<usize> = 13..20;

/// D-PAN (§2, PCI005): literal card numbers in any text (raw or normalised): 13-19 digits,
/// optionally separated by single spaces or dashes, Luhn-valid, with a known issuer prefix.
///
/// A run of digit groups can hold other numbers next to the card ("call 555-0100 4111 1111 1111
/// 1111"), and a Luhn-valid reading that straddles them is one chance in ten. So every reading made
/// of whole groups is considered, and where readings overlap a card-shaped one wins: one
/// separator throughout and equal groups (4-4-4-4, digit by digit, ...) or Amex/Diners 4-6-5 and
/// 4-6-4. Every match, in text order, without overlaps.
pub fn pans(text: &str) -> Vec<PanMatch> {
    let mut found = Vec::new();
    // A card number has at least 13 digits; most text has far fewer.
    if text
        .bytes()
        .filter(u8::is_ascii_digit)
        .take(PAN_LENGTHS.start)
        .count()
        < PAN_LENGTHS.start
    {
        return found;
    }
    for run in digit_run().find_iter(text) {
        // Too few bytes for 13 digits; or glued to letters ("ref4111..."), which the catalog's
        // `\b` rules out as an identifier.
        if run.len() >= PAN_LENGTHS.start && stands_alone(text, span(run)) {
            push_pans_in_run(text, run.range(), &mut found);
        }
    }
    found
}

/// A valid card number read from a run, and whether its grouping looks like a card.
struct PanReading {
    pan: PanMatch,
    card_shaped: bool,
}

fn push_pans_in_run(text: &str, run: Range<usize>, out: &mut Vec<PanMatch>) {
    // Digits read out one by one ("9 4 0 0 1 1 1 ...") are one number: a tracking number of
    // twenty-two digits holds no card, whatever sixteen of them would make.
    if DigitGroups::new(text, run.clone()).all(|g| g.len() == 1) {
        let digits: Vec<u8> = text.as_bytes()[run.clone()]
            .iter()
            .copied()
            .filter(u8::is_ascii_digit)
            .collect();
        if PAN_LENGTHS.contains(&digits.len()) && is_card_number(&digits) {
            out.push(pan_match(&digits, run));
        }
        return;
    }
    let mut readings = Vec::new();
    let mut groups = DigitGroups::new(text, run);
    loop {
        readings.extend(best_reading_from(text, groups.clone()));
        if groups.next().is_none() {
            break;
        }
    }
    out.extend(resolve_overlaps(readings));
}

/// Picks non-overlapping readings: card-shaped ones first (earliest first), then the others that
/// collide with nothing already picked. `readings` is in start order; so is the result.
fn resolve_overlaps(readings: Vec<PanReading>) -> Vec<PanMatch> {
    let (shaped, odd): (Vec<_>, Vec<_>) = readings.into_iter().partition(|r| r.card_shaped);
    let shaped = non_overlapping(shaped.into_iter().map(|r| r.pan), &[]);
    let odd = non_overlapping(odd.into_iter().map(|r| r.pan), &shaped);
    let mut all = shaped;
    all.extend(odd);
    all.sort_by_key(|p| p.start);
    all
}

/// Greedy in start order: keeps a match unless it overlaps one kept before or one in `taken`
/// (sorted, non-overlapping), which is found by binary search to stay linear-logarithmic.
fn non_overlapping(matches: impl Iterator<Item = PanMatch>, taken: &[PanMatch]) -> Vec<PanMatch> {
    let mut kept: Vec<PanMatch> = Vec::new();
    for m in matches {
        let after_last_kept = kept.last().is_none_or(|k| k.end <= m.start);
        let next_taken = taken.partition_point(|t| t.end <= m.start);
        let clear_of_taken = taken.get(next_taken).is_none_or(|t| m.end <= t.start);
        if after_last_kept && clear_of_taken {
            kept.push(m);
        }
    }
    kept
}

/// The longest valid card number made of whole groups starting at the first group of `groups`,
/// preferring a card-shaped reading over a longer odd one.
fn best_reading_from(text: &str, groups: DigitGroups<'_>) -> Option<PanReading> {
    const MAX_DIGITS: usize = PAN_LENGTHS.end - 1;
    let bytes = text.as_bytes();
    let mut digits = [0u8; MAX_DIGITS];
    // Per group taken: length, end offset, and whether a single separator joins all groups so far.
    // Every group has at least one digit, so at most MAX_DIGITS groups fit in a reading.
    let mut lens = [0usize; MAX_DIGITS];
    let mut ends = [0usize; MAX_DIGITS];
    let mut one_separator = [true; MAX_DIGITS];
    let mut count = 0;
    let mut start = None;
    let mut separator = None;
    for group in groups {
        let len: usize = lens[..count].iter().sum();
        if len + group.len() > MAX_DIGITS {
            break;
        }
        if count > 0 {
            // Runs join groups with exactly one separator byte: the one before this group.
            let sep = bytes[group.start - 1];
            one_separator[count] = one_separator[count - 1] && *separator.get_or_insert(sep) == sep;
        }
        start.get_or_insert(group.start);
        digits[len..len + group.len()].copy_from_slice(&bytes[group.clone()]);
        lens[count] = group.len();
        ends[count] = group.end;
        count += 1;
    }
    let start = start?;
    let mut fallback = None;
    for used in (1..=count).rev() {
        let len: usize = lens[..used].iter().sum();
        if !PAN_LENGTHS.contains(&len) || !is_card_number(&digits[..len]) {
            continue;
        }
        let reading = PanReading {
            pan: pan_match(&digits[..len], start..ends[used - 1]),
            card_shaped: one_separator[used - 1] && is_card_grouping(&lens[..used]),
        };
        if reading.card_shaped {
            return Some(reading);
        }
        fallback.get_or_insert(reading);
    }
    fallback
}

/// Group lengths of card formats: one block, equal groups with an optional shorter last one
/// (4-4-4-4, 4-4-4-4-3, 1-1-...-1), or Amex/Diners 4-6-5 and 4-6-4.
fn is_card_grouping(lens: &[usize]) -> bool {
    match lens {
        [] => false,
        [_] | [4, 6, 4] | [4, 6, 5] => true,
        [first, middle @ .., last] => middle.iter().all(|l| l == first) && last <= first,
    }
}

fn pan_match(digits: &[u8], range: Range<usize>) -> PanMatch {
    let digits: String = digits.iter().map(|&b| char::from(b)).collect();
    PanMatch {
        test_card: phrases::TEST_PANS.contains(&digits.as_str()),
        digits,
        start: range.start,
        end: range.end,
    }
}

/// Issuer prefix, then Luhn: about one random number in ten passes Luhn alone (§2 D-PAN).
fn is_card_number(ascii_digits: &[u8]) -> bool {
    has_issuer_prefix(ascii_digits) && luhn_valid(ascii_digits.iter().map(|b| b - b'0'))
}

fn has_issuer_prefix(ascii_digits: &[u8]) -> bool {
    phrases::ISSUER_PREFIXES.iter().any(|(low, high)| {
        ascii_digits
            .get(..low.len())
            .is_some_and(|prefix| prefix >= low.as_bytes() && prefix <= high.as_bytes())
    })
}

/// The digit groups of a run ("4111 1111-1111" → "4111", "1111", "1111"). Cloning is cheap, which
/// lets the PAN search look ahead from every group without collecting them.
#[derive(Clone)]
struct DigitGroups<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> DigitGroups<'a> {
    fn new(text: &'a str, run: Range<usize>) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: run.start,
            end: run.end,
        }
    }
}

impl Iterator for DigitGroups<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while self.pos < self.end && !self.bytes[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        if self.pos >= self.end {
            return None;
        }
        let start = self.pos;
        while self.pos < self.end && self.bytes[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        Some(start..self.pos)
    }
}

/// Luhn checksum over ASCII digits (false for empty or non-digit input).
#[cfg(test)]
pub fn luhn(digits: &str) -> bool {
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && luhn_valid(digits.bytes().map(|b| b - b'0'))
}

/// Luhn over digit values. The sum is kept modulo 10 so arbitrarily long input cannot overflow.
fn luhn_valid(digits: impl DoubleEndedIterator<Item = u8>) -> bool {
    let sum = digits.rev().enumerate().fold(0u8, |sum, (i, d)| {
        let value = if i % 2 == 1 {
            let doubled = d * 2;
            if doubled > 9 { doubled - 9 } else { doubled }
        } else {
            d
        };
        (sum + value) % 10
    });
    sum == 0
}

// ============================================================================================
// D-PHI
// ============================================================================================

phrase_regex!(phi_condition = PHI_CONDITION_EN, PHI_CONDITION_ES);
phrase_regex!(
    phi_condition_sensitive = PHI_CONDITION_SENSITIVE_EN,
    PHI_CONDITION_SENSITIVE_ES
);
phrase_regex!(phi_specialty = PHI_SPECIALTY_EN, PHI_SPECIALTY_ES);
phrase_regex!(
    phi_specialty_sensitive = PHI_SPECIALTY_SENSITIVE_EN,
    PHI_SPECIALTY_SENSITIVE_ES
);
phrase_regex!(phi_result = PHI_RESULT_EN, PHI_RESULT_ES);
phrase_regex!(
    phi_result_sensitive = PHI_RESULT_SENSITIVE_EN,
    PHI_RESULT_SENSITIVE_ES
);
phrase_regex!(phi_medication = PHI_MEDICATION_EN, PHI_MEDICATION_ES);
phrase_regex!(
    phi_medication_sensitive = PHI_MEDICATION_SENSITIVE_EN,
    PHI_MEDICATION_SENSITIVE_ES
);
phrase_regex!(phi_identifier_re = PHI_IDENTIFIER_EN, PHI_IDENTIFIER_ES);
phrase_regex!(phi_veto = PHI_VETO);

/// One PHI list and what a match in it means.
struct PhiList {
    category: PhiCategory,
    sensitive: bool,
    regex: RegexFn,
}

/// Every PHI list. When two lists match at the same place the longer match wins, then the list
/// listed first ("methadone" is both a clinic type and a medication: Specialty).
static PHI_LISTS: [PhiList; 9] = [
    PhiList {
        category: PhiCategory::Condition,
        sensitive: true,
        regex: phi_condition_sensitive,
    },
    PhiList {
        category: PhiCategory::Condition,
        sensitive: false,
        regex: phi_condition,
    },
    PhiList {
        category: PhiCategory::Specialty,
        sensitive: true,
        regex: phi_specialty_sensitive,
    },
    PhiList {
        category: PhiCategory::Specialty,
        sensitive: false,
        regex: phi_specialty,
    },
    PhiList {
        category: PhiCategory::Result,
        sensitive: true,
        regex: phi_result_sensitive,
    },
    PhiList {
        category: PhiCategory::Result,
        sensitive: false,
        regex: phi_result,
    },
    PhiList {
        category: PhiCategory::Medication,
        sensitive: true,
        regex: phi_medication_sensitive,
    },
    PhiList {
        category: PhiCategory::Medication,
        sensitive: false,
        regex: phi_medication,
    },
    PhiList {
        category: PhiCategory::Identifier,
        sensitive: false,
        regex: phi_identifier_re,
    },
];

/// D-PHI (§2): health information cues in the catalog's categories. `sensitive` marks the
/// extra-sensitive sub-lists (substance use, HIV/STI, reproductive, mental health, genetic).
/// Everyday phrases such as "hearing aids" or "lithium battery" are not matches. Returns the
/// first match in text order.
pub fn phi(text: &str) -> Option<PhiMatch> {
    first_phi(text, PHI_LISTS.iter())
}

/// The identifier subset of D-PHI (date of birth, DOB, MRN, medical record, SSN including the
/// literal `ddd-dd-dddd`, member/patient id, EN/ES), used on URLs and parameters (PHI003). Also
/// matches parameter spellings such as `patient_dob` and `dateOfBirth`.
pub fn phi_identifier(text: &str) -> Option<PhiMatch> {
    first_phi(
        text,
        PHI_LISTS
            .iter()
            .filter(|l| l.category == PhiCategory::Identifier),
    )
}

fn first_phi<'a>(text: &str, lists: impl Iterator<Item = &'a PhiList>) -> Option<PhiMatch> {
    lists
        .filter_map(|list| {
            let m = first_unvetoed(text, (list.regex)(), phi_veto())?;
            Some((list, trim_underscores(text, m)))
        })
        .min_by_key(|(_, m)| (m.start, Reverse(m.end)))
        .map(|(list, m)| PhiMatch {
            category: list.category,
            sensitive: list.sensitive,
            start: m.start,
            end: m.end,
        })
}

/// Identifier patterns treat `_` as a word edge and may include it; report the words only.
fn trim_underscores(text: &str, m: Match) -> Match {
    let slice = &text[m.start..m.end];
    let trimmed = slice.trim_matches('_');
    if trimmed.is_empty() {
        return m;
    }
    let start = m.start + (slice.len() - slice.trim_start_matches('_').len());
    Match {
        start,
        end: start + trimmed.len(),
    }
}

// ============================================================================================
// Debt collection
// ============================================================================================

phrase_regex!(debt = DEBT_EN, DEBT_ES, MONEY);
phrase_regex!(mm_attempt = MM_ATTEMPT);
phrase_regex!(mm_information_use = MM_INFORMATION_USE);
phrase_regex!(debt_collector = DEBT_COLLECTOR_EN, DEBT_COLLECTOR_ES);
phrase_regex!(threat_re = THREAT_EN, THREAT_ES);
phrase_regex!(threat_veto = THREAT_VETO);
phrase_regex!(voicemail = VOICEMAIL_CUE);
phrase_regex!(reply = REPLY_REQUEST);
phrase_regex!(collection_name = COLLECTION_NAME);

/// D-DEBT (§2): debt or collection content, including money amounts ("$49", "120 dollars").
pub fn debt_content(text: &str) -> Option<Match> {
    first(debt(), text)
}

/// D-MM (§2): the two parts of the mini-Miranda, each located independently (EN/ES). The
/// disclosure is complete only when both are present.
pub fn mini_miranda(text: &str) -> MiniMiranda {
    MiniMiranda {
        attempt_to_collect: first(mm_attempt(), text),
        information_use: first(mm_information_use(), text),
    }
}

/// D-DC (§2): "this call is from a debt collector", "we are a debt collector", "this is a
/// communication from a debt collector", and the Spanish equivalents.
pub fn debt_collector_statement(text: &str) -> Option<Match> {
    first(debt_collector(), text)
}

/// D-THREAT (§2): arrest, jail, lawsuit, garnishment, ... (EN/ES). A review cue, not a verdict:
/// such statements are lawful when true and intended.
pub fn threat(text: &str) -> Option<Match> {
    first_unvetoed(text, threat_re(), threat_veto())
}

/// REC005 voicemail cues: "leave a message", "after the beep/tone", "record your message",
/// "deje un mensaje", "despues del tono", "grabe su mensaje".
pub fn voicemail_cue(text: &str) -> Option<Match> {
    first(voicemail(), text)
}

/// DEBT003 reply request: "please call", "call us back", "return this call", "llamenos",
/// "devuelva la llamada", "comuniquese".
pub fn reply_request(text: &str) -> Option<Match> {
    first(reply(), text)
}

/// DEBT003: whether a business name reveals that it collects debts (collect, collection(s),
/// recovery, debt, credit, cobro, cobranza, deuda); such a name may not be used in a
/// limited-content voicemail. The name is normalised first.
pub fn collection_sounding(name: &str) -> bool {
    collection_name().is_match(&normalize(name))
}

// ============================================================================================
// Messaging
// ============================================================================================

phrase_regex!(sms_optout = SMS_OPTOUT_EN, SMS_OPTOUT_ES);

/// D-OPTOUT-INSTR (§2): an SMS opt-out instruction ("reply STOP", "text stop to opt out",
/// "responda ALTO", "envie BAJA").
pub fn sms_optout_instruction(text: &str) -> Option<Match> {
    first(sms_optout(), text)
}

derived_regex!(
    /// A dotted host name. Labels are greedy, so `microsoft.co` is one token and never `t.co`.
    /// `(?-u:...)` keeps case folding ASCII: Unicode folding would let `[a-z]` match the Kelvin
    /// sign and the long s.
    host_token =
        r"(?-u:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)+)"
);

/// D-SHORTENER (§2): public or shared URL-shortener hosts, in a URL or as a bare `host/path`.
/// A subdomain of a listed host counts; a host inside an e-mail address or a path does not.
/// `twilio_shared`: the host is `twil.io`. Every match, in text order.
pub fn shorteners(text: &str) -> Vec<ShortenerMatch> {
    host_token()
        .find_iter(text)
        .filter(|m| !continues_identifier(text, m.start()))
        .filter_map(|m| shortener_at(m.as_str(), m.range()))
        .collect()
}

/// A token preceded by `@` is an e-mail domain; by `.`, `-` or `_`, part of a longer name; by a
/// single `/`, a path segment of another site (`example.com/bit.ly`), unlike `https://bit.ly`.
fn continues_identifier(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some('@' | '.' | '-' | '_') => true,
        Some('/') => before.next().is_some_and(|c| c != '/'),
        _ => false,
    }
}

fn shortener_at(token: &str, range: Range<usize>) -> Option<ShortenerMatch> {
    let host = strip_www(token);
    let listed = phrases::SHORTENER_HOSTS
        .iter()
        .find(|listed| is_host_or_subdomain(host, listed))?;
    Some(ShortenerMatch {
        host: host.to_ascii_lowercase(),
        twilio_shared: listed.eq_ignore_ascii_case(phrases::TWILIO_SHARED_HOST),
        start: range.start,
        end: range.end,
    })
}

fn strip_www(host: &str) -> &str {
    match host.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("www.") => &host[4..],
        _ => host,
    }
}

fn is_host_or_subdomain(host: &str, listed: &str) -> bool {
    // Compared as bytes so that no offset has to fall on a `char` boundary.
    let (host, listed) = (host.as_bytes(), listed.as_bytes());
    match host.len().checked_sub(listed.len()) {
        Some(0) => host.eq_ignore_ascii_case(listed),
        Some(dot) if dot > 1 => {
            let (sub, parent) = host.split_at(dot);
            sub.ends_with(b".") && parent.eq_ignore_ascii_case(listed)
        }
        _ => false,
    }
}

phrase_regex!(shaft_sex = SHAFT_SEX);
phrase_regex!(shaft_hate = SHAFT_HATE);
phrase_regex!(shaft_alcohol = SHAFT_ALCOHOL);
phrase_regex!(shaft_firearms = SHAFT_FIREARMS);
phrase_regex!(shaft_tobacco = SHAFT_TOBACCO);
phrase_regex!(shaft_vaping = SHAFT_VAPING);
phrase_regex!(shaft_cannabis = SHAFT_CANNABIS);
phrase_regex!(shaft_gambling = SHAFT_GAMBLING);
phrase_regex!(shaft_high_risk_finance = SHAFT_HIGH_RISK_FINANCE);
phrase_regex!(shaft_veto = SHAFT_VETO);

/// Each forbidden category and its list; at equal starts the longer match, then the earlier row.
static SHAFT_LISTS: [(ShaftCategory, RegexFn); 9] = [
    (ShaftCategory::Sex, shaft_sex),
    (ShaftCategory::Hate, shaft_hate),
    (ShaftCategory::Alcohol, shaft_alcohol),
    (ShaftCategory::Firearms, shaft_firearms),
    (ShaftCategory::Tobacco, shaft_tobacco),
    (ShaftCategory::Vaping, shaft_vaping),
    (ShaftCategory::Cannabis, shaft_cannabis),
    (ShaftCategory::Gambling, shaft_gambling),
    (ShaftCategory::HighRiskFinance, shaft_high_risk_finance),
];

/// D-SHAFT (§2, MSG006): forbidden-category content; the first match in text order with its
/// category. Everyday phrases such as "glue gun", "root beer" or a `xxx-xxxx` placeholder are
/// not matches. Keyword hits are review prompts (the catalog warns of false positives).
pub fn forbidden_content(text: &str) -> Option<ShaftMatch> {
    SHAFT_LISTS
        .iter()
        .filter_map(|&(category, regex)| {
            first_unvetoed(text, regex(), shaft_veto()).map(|m| (category, m))
        })
        .min_by_key(|(_, m)| (m.start, Reverse(m.end)))
        .map(|(category, m)| ShaftMatch {
            category,
            start: m.start,
            end: m.end,
        })
}

phrase_regex!(marketing_re = MARKETING_EN, MARKETING_ES);
phrase_regex!(marketing_veto = MARKETING_VETO);

/// D-MKT (§2): marketing cues (EN/ES) such as "20% off", "limited time", "oferta", "gratis".
// No rule reads it yet: it waits for the classification of messages as marketing (MSG001).
#[allow(dead_code)]
pub fn marketing(text: &str) -> Option<Match> {
    first_unvetoed(text, marketing_re(), marketing_veto())
}

#[cfg(test)]
mod tests;
