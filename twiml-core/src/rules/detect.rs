//! Detectors that read strings rather than a document's transcript: literal card numbers,
//! link shorteners, health details in URLs and parameters, a collection-sounding name.
//!
//! The rules read what the caller hears through the transcript (`rules/text`): everything
//! said, cut into sentences and matched against the concept lexicon in one pass. The detectors
//! here look at text that is not heard as words (a URL, a parameter, a run of digits), or ask
//! the transcript one question of one string. Offsets in results are byte offsets into the
//! string given. The same questions asked of one string, for testing the detectors one by one,
//! are in `strings` (tests only).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::phrases;
use super::text::{Concept, Health, Transcript};

pub(crate) use super::text::normalize;

/// A match in normalised text: byte offsets into the string the function was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Offset of the first byte of the match.
    pub start: usize,
    /// Offset one past the last byte of the match.
    pub end: usize,
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

/// The byte range of tokens `tokens` in the text the transcript was made from.
fn bytes(t: &Transcript, tokens: Range<u32>) -> Match {
    let first = t.token(tokens.start);
    let last = t.token(tokens.end.max(tokens.start + 1) - 1);
    Match {
        start: first.raw_start as usize,
        end: last.raw_end as usize,
    }
}

// ============================================================================================
// Card security codes
// ============================================================================================

/// Whether `raw` may hold a card security code's name: a cheap test that spares reading the
/// many attribute values (telephone numbers, URLs) that name none.
///
/// It never rules out a text whose transcript finds a cue. A name the transcript finds holds
/// each of its words, letters and digits as its tokens are made (lower case, in normal form),
/// so the test looks for one word of each name (its longest): in ASCII text as written, case
/// ignored, with no copy made; in other text in its normal form. It lets through some text
/// that names no code ("decide" holds "cid"), which the transcript then rules out.
pub fn may_hold_cvv_cue(raw: &str) -> bool {
    /// The names' longest words, every letter or digit they hold, and their pairs of
    /// letters or digits (see [`Pairs`]), when every word is two or more of them.
    struct Cues {
        words: aho_corasick::AhoCorasick,
        letters: u128,
        pairs: Option<Pairs>,
    }
    static CUES: OnceLock<Cues> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        let mut words: Vec<String> = super::text::entries_of(Concept::SecurityCode)
            .iter()
            .filter_map(|entry| {
                entry
                    .split(|c: char| !c.is_alphanumeric())
                    .max_by_key(|w| w.len())
                    .map(str::to_string)
            })
            .collect();
        words.sort();
        words.dedup();
        let letters = words
            .iter()
            .flat_map(|w| w.bytes())
            .fold(0u128, |set, b| set | 1 << (b.to_ascii_lowercase() & 0x7f));
        let pairs = words
            .iter()
            .map(|w| {
                let slots: Option<Vec<usize>> = w.bytes().map(Pairs::slot).collect();
                slots.filter(|s| s.len() >= 2)
            })
            .collect::<Option<Vec<_>>>()
            .map(|words| Pairs::new(&words));
        Cues {
            words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words)
                .expect("the security code's names compile"),
            letters,
            pairs,
        }
    });
    // Each word of a name is spelt, in the normal form, by pairs of letters or digits next to
    // each other: a text without every pair of some name's word names none, and is read
    // once, with no copy, for the pairs it holds.
    if let Some(pairs) = &cues.pairs
        && !pairs.may_spell_a_word(raw)
    {
        return false;
    }
    if cues.words.is_match(raw) {
        return true;
    }
    // Beyond ASCII, the normal form can name a cue that the raw text does not: when a
    // character becomes a letter of a name ("ＣＶＶ"), or vanishes and joins the letters
    // around it (a combining mark). Text whose other characters all become something else
    // (an accented "ñ" becomes "n", a no-break space a space) names in its normal form only
    // what its ASCII letters name as written, so it needs no copy.
    !raw.is_ascii()
        && raw.chars().filter(|c| !c.is_ascii()).any(|c| {
            super::text::may_normalize_into(c, |d| {
                d.is_ascii() && cues.letters & (1 << (d as u32 & 0x7f)) != 0
            })
        })
        && cues.words.is_match(&normalize(raw))
}

/// The pairs of ASCII letters or digits that spell some words (each two or more of them),
/// and the test of whether a text's normal form (lower case, accents dropped, characters that
/// vanish joining their neighbours) holds every pair of one of them. Each pair the words
/// hold has a bit (pairs beyond the 64th share bits, which only lets more text through).
struct Pairs {
    /// The bit of each pair of slots, at [`Pairs::at`]; 0 for a pair no word holds and for
    /// [`NO_SLOT`] on either side.
    bits: Box<[u64; Pairs::ROW * Pairs::ROW]>,
    /// Each word's bits.
    words: Vec<u64>,
}

/// The slot of a byte that is no letter or digit.
const NO_SLOT: u8 = Pairs::SLOTS as u8;

/// The slot of each byte: 0 to 9 for a digit, 10 to 35 for a letter of either case,
/// [`NO_SLOT`] for the others.
static SLOT: [u8; 256] = {
    let mut table = [NO_SLOT; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            d @ b'0'..=b'9' => d - b'0',
            l @ b'a'..=b'z' => l - b'a' + 10,
            l @ b'A'..=b'Z' => l - b'A' + 10,
            _ => NO_SLOT,
        };
        b += 1;
    }
    table
};

impl Pairs {
    /// Letters and digits: ten digits, then 26 letters.
    const SLOTS: usize = 36;
    /// A row of [`Pairs::bits`]: every slot, then [`NO_SLOT`], then unused entries up to a
    /// power of two, so that a place in the table is found by a shift and a mask.
    const ROW: usize = (Pairs::SLOTS + 1).next_power_of_two();

    /// The place of the pair of slots `first`, `second` in [`Pairs::bits`] (in it whatever
    /// the slots, so it needs no bounds check).
    fn at(first: usize, second: usize) -> usize {
        (first * Pairs::ROW + second) & (Pairs::ROW * Pairs::ROW - 1)
    }

    /// The slot of an ASCII letter (either case) or digit.
    fn slot(b: u8) -> Option<usize> {
        Some(SLOT[usize::from(b)])
            .filter(|&s| s != NO_SLOT)
            .map(usize::from)
    }

    /// The pairs of `words`, each given by its slots.
    fn new(words: &[Vec<usize>]) -> Pairs {
        let mut bits = Box::new([0u64; Pairs::ROW * Pairs::ROW]);
        let mut next = 0;
        let words = words
            .iter()
            .map(|slots| {
                slots.windows(2).fold(0, |mask, p| {
                    let bit = &mut bits[Pairs::at(p[0], p[1])];
                    if *bit == 0 {
                        *bit = 1 << (next % 64);
                        next += 1;
                    }
                    mask | *bit
                })
            })
            .collect();
        Pairs { bits, words }
    }

    /// The bits of the pairs of the normal form of `raw`: ASCII read as bytes, the other
    /// characters through their normal form.
    fn found(&self, raw: &str) -> u64 {
        let bits = &*self.bits;
        let (mut found, mut prev) = (0, usize::from(NO_SLOT));
        let bytes = raw.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            // Eight ASCII bytes at a time, tested at once and read with no test of their own.
            if let Some(eight) = bytes[at..].first_chunk::<8>()
                && crate::swar::word(eight) & crate::swar::HIGH == 0
            {
                for &b in eight {
                    let slot = usize::from(SLOT[usize::from(b)]);
                    found |= bits[Pairs::at(prev, slot)];
                    prev = slot;
                }
                at += 8;
                continue;
            }
            if b.is_ascii() {
                let slot = usize::from(SLOT[usize::from(b)]);
                found |= bits[Pairs::at(prev, slot)];
                prev = slot;
                at += 1;
                continue;
            }
            let Some(c) = raw[at..].chars().next() else {
                break;
            };
            // The state goes through a copy, so that the loop above keeps it in registers.
            let mut state = (found, prev);
            super::text::each_normal_char(&raw[at..at + c.len_utf8()], |d| {
                let slot = usize::from(u8::try_from(d).map_or(NO_SLOT, |b| SLOT[usize::from(b)]));
                state.0 |= bits[Pairs::at(state.1, slot)];
                state.1 = slot;
            });
            (found, prev) = state;
            at += c.len_utf8();
        }
        found
    }

    /// Whether the normal form of `raw` holds every pair of one of the words.
    fn may_spell_a_word(&self, raw: &str) -> bool {
        let found = self.found(raw);
        self.words.iter().any(|&word| word & !found == 0)
    }
}

// ============================================================================================
// Literal card numbers
// ============================================================================================

/// A lazily compiled regex.
macro_rules! derived_regex {
    ($(#[$doc:meta])* $name:ident = $source:expr) => {
        $(#[$doc])*
        fn $name() -> &'static Regex {
            static CELL: OnceLock<Regex> = OnceLock::new();
            CELL.get_or_init(|| {
                regex::RegexBuilder::new($source)
                    .case_insensitive(true)
                    .build()
                    .expect("valid pattern")
            })
        }
    };
}

fn span(m: regex::Match<'_>) -> Match {
    Match {
        start: m.start(),
        end: m.end(),
    }
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
#[cfg(test)]
pub fn pans(text: &str) -> Vec<PanMatch> {
    // A card number has at least 13 digits; most text has far fewer.
    if digits_up_to(text, PAN_LENGTHS.start) < PAN_LENGTHS.start {
        return Vec::new();
    }
    pans_counted(text)
}

/// The fewest ASCII digits a card number has.
pub(crate) const PAN_MIN_DIGITS: usize = PAN_LENGTHS.start;

/// Whether `url` uses plain HTTP.
pub(crate) fn is_plain_http(url: &str) -> bool {
    crate::swar::starts_with_ignoring_case(crate::grammar::trim(url).as_bytes(), b"http://")
}

/// The number of ASCII digits in `text`, counted up to `cap`.
#[inline]
pub(crate) fn digits_up_to(text: &str, cap: usize) -> usize {
    // Counted eight bytes at a time in a `u64`, the cap checked between words: most texts
    // are short attribute values, too short for the vector unit.
    let bytes = text.as_bytes();
    if bytes.len() <= 8 {
        return digits_in_word(crate::swar::padded(bytes)).min(cap);
    }
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for word in &mut words {
        n += digits_in_word(crate::swar::word(word));
        if n >= cap {
            return cap;
        }
    }
    let rest = words.remainder().len();
    n += match bytes.last_chunk::<8>() {
        // The last eight bytes, less the first ones the words above already counted.
        Some(last) if rest > 0 => digits_in_word(crate::swar::word(last) >> (8 * (8 - rest))),
        _ => 0,
    };
    n.min(cap)
}

/// The number of bytes of `word` that are ASCII digits.
fn digits_in_word(word: u64) -> usize {
    use crate::swar::{digits, sum_lanes};
    sum_lanes(digits(word) >> 7) as usize
}

/// [`pans`] of a text already known to hold [`PAN_MIN_DIGITS`] digits or more.
pub(crate) fn pans_counted(text: &str) -> Vec<PanMatch> {
    let mut found = Vec::new();
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
// Health
// ============================================================================================

/// D-PHI: health information: a condition, a specialty, a test with its result, a procedure
/// or treatment, a medication (by name or by what it treats), an identifier. `sensitive` marks
/// the extra-sensitive sub-lists (substance use, HIV and STIs, reproductive and mental health,
/// genetics). Everyday phrases ("hearing aids", "lithium battery", "positive feedback") are
/// none. The first match in text order.
pub fn phi(text: &str) -> Option<PhiMatch> {
    first_phi(text, |_| true)
}

/// The identifier subset of D-PHI (date of birth, DOB, MRN, medical record, SSN, member and
/// patient id), used on URLs and parameters (PHI003).
pub fn phi_identifier(text: &str) -> Option<PhiMatch> {
    // URL and parameter separators read as spaces (same length, so offsets hold):
    // `?patient_dob=` reads `patient dob`.
    let spaced: String = text
        .chars()
        .map(|c| if "_=&?/:#+".contains(c) { ' ' } else { c })
        .collect();
    first_phi(&spaced, |kind| kind == Health::Identifier)
}

fn first_phi(text: &str, keep: impl Fn(Health) -> bool) -> Option<PhiMatch> {
    let t = Transcript::of_text(text);
    t.health_details()
        .into_iter()
        .filter(|d| keep(d.kind))
        .map(|d| {
            let m = bytes(&t, d.tokens.clone());
            PhiMatch {
                category: match d.kind {
                    Health::Condition => PhiCategory::Condition,
                    Health::Specialty => PhiCategory::Specialty,
                    Health::Result => PhiCategory::Result,
                    Health::Medication => PhiCategory::Medication,
                    Health::Identifier => PhiCategory::Identifier,
                },
                sensitive: d.sensitive,
                start: m.start,
                end: m.end,
            }
        })
        .min_by_key(|m| (m.start, std::cmp::Reverse(m.end)))
}

// ============================================================================================
// Debt collection
// ============================================================================================

/// DEBT003: whether a business name reveals that it collects debts (collections, recovery,
/// debt, credit, cobranza, cobro, deuda); such a name may not be used in a limited-content
/// voicemail.
pub fn collection_sounding(name: &str) -> bool {
    let t = Transcript::of_text(name);
    t.hits_of(Concept::CollectionName).next().is_some()
}

// ============================================================================================
// Messaging
// ============================================================================================

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
    if !may_hold_host(text) {
        return Vec::new();
    }
    host_token()
        .find_iter(text)
        .filter(|m| !continues_identifier(text, m.start()))
        .filter_map(|m| shortener_at(m.as_str(), m.range()))
        .collect()
}

/// Whether a [`host_token`] may match in `text`: it needs a `.` between two ASCII letters or
/// digits. Most bodies hold none, and this one pass over the full stops spares the search.
pub(crate) fn may_hold_host(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|i| {
        i > 0
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    })
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

#[cfg(test)]
mod strings;
#[cfg(test)]
mod tests;
