//! The trained half of the classifier: the features of a message, a logistic regression over
//! them, its training, and the model file it is kept in.
//!
//! A message's features are presence flags, each named by a short string:
//!
//! - `w:WORD`: a word of the text as the lexicon reads it (lower case, no accents, numbers as
//!   `#`, `%` and `$` as words);
//! - `b:WORD WORD`: two words in a row;
//! - `p:STEM`: the first five letters of a longer word, so that `delivered`, `delivery` and
//!   `delivering` share one (`deliv`), as do `entregado` and `entrega`;
//! - `s:...`: the form of the message: a number of 4 to 8 digits (`s:digits-4-8`, a code's
//!   shape), an amount with cents, a word in capitals followed by digits (`s:caps-code`, the
//!   shape of `SAVE20`), capitals, `!`, an emoji, a link, the length;
//! - `c:INTENT`: a phrase of the lexicon (`lexicon.rs`) pointing to that intent.
//! - `k:CLASS`: a concept class of `concepts.rs` (a price cut, an invitation, a charge on the
//!   account), with a tenth of the other features' L2 penalty; and `k:CLASS+CLASS` for two
//!   found together, a variant the shipped options leave off.
//!
//! The model is a weight per feature and a bias: the score of a message is the bias plus the
//! weights of its features, positive for essential. It is trained by [`train`] on the
//! development half of `eval/classify`, on the classifier's own training messages
//! (`eval/classify/training.toml`) and on the sets of forty-one more hands (`author-b.toml`
//! to `author-ap.toml`, the shipped recipe), and kept in `model.tsv`, which a test keeps equal
//! to a fresh training.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{CONCEPTS, LEXICON, Normalized};
use crate::gate::intent::Class;

/// How a model is trained and which features it reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Options {
    /// Read pairs of words.
    pub(crate) bigrams: bool,
    /// Read the first letters of longer words, this many (0 for none).
    pub(crate) stem: usize,
    /// Read the form of the message.
    pub(crate) form: bool,
    /// Read each number as its type: a time, a date, an amount, a percentage, a phone
    /// number, a reference, a code.
    pub(crate) typed: bool,
    /// Read the first word of each sentence (where an imperative stands: "Shop", "Compra",
    /// "Your").
    pub(crate) initial: bool,
    /// Read the stem of the word after a possessive (`your`, `tu`, `su`): the sender's own
    /// transaction ("your order", "tu pedido", "sus pedidos").
    pub(crate) owned: bool,
    /// Read the letters of each word in runs of `grams.0` to `grams.1` (the word's edges
    /// marked), so that inflections, misspellings and compounds share most of their runs
    /// (`(0, 0)` for none).
    pub(crate) grams: (usize, usize),
    /// How many times the L2 penalty the runs of letters take: above 1 they speak only
    /// where the words are silent.
    pub(crate) grams_l2: f64,

    /// Read the lexicon's phrases.
    pub(crate) lexicon: bool,
    /// Read the concept classes of `concepts.rs`: 1 each class present, 2 also each pair of
    /// classes present together (0 none).
    pub(crate) concepts: u8,
    /// How many times the L2 penalty the concept classes take.
    pub(crate) concepts_l2: f64,
    /// A feature of the words (a word, a pair, a stem, a first word, a possessive's word)
    /// seen in fewer training messages than this is left out, whatever `min_count` allows.
    pub(crate) word_min: usize,
    /// Let the general patterns of a one-time code, a fraud alert and a delivery notice
    /// (`patterns.rs`) make a message essential before the model, unless a decisive phrase of
    /// promotion makes it non-essential.
    pub(crate) patterns: bool,
    /// The general patterns of a promotion and an invitation (`patterns.rs`): 1 reads them
    /// as features of the model, 2 lets them make a message non-essential after the kinds
    /// that never wait, 3 both (0 neither).
    pub(crate) promos: u8,
    /// How far toward non-essential the rest of a message must weigh (its sentences other
    /// than the pattern's) for a pattern's message to read as dual-purpose.
    pub(crate) attached: f64,
    /// The weight of the lexicon's phrase of promotion that the rest of such a message must
    /// hold.
    pub(crate) offer: u8,
    /// Let the lexicon's decisive phrases decide before the model (promotions, then codes,
    /// fraud alerts and deliveries).
    pub(crate) rules: bool,
    /// A narrower decisive phrase of promotion, by bits: 1 leaves one that stands inside a
    /// quoted name or a name in capitals (`at "FREE GIFT WRAP CO"`, `at BEST DEAL AUTO`), 2 one
    /// that stands in the sentence of a code, a fraud alert or a delivery, 8 one negated among
    /// the three words before it, in its clause ("This is not a coupon", "No es un cupon").
    /// With 16, a phrase in the sentence of a one-time code is not left when an amount stands
    /// beside it ("Use code 4412 for 20% off"); with 32, the sentence of every such cue counts,
    /// not only the first's.
    /// A message whose every decisive phrase of promotion is left so is decided by the model;
    /// with 4, a general pattern of the kinds that never wait (`patterns.rs`) decides it first,
    /// as it would a message with no such phrase (the lexicon's phrases of those kinds do not:
    /// "Your code is SAVE25").
    pub(crate) narrow: u8,
    /// An offer to add to what was bought, at the head of a clause of another sentence than
    /// that of a code, a fraud alert or a delivery ("Add a protection plan for $19.99"), makes
    /// the message a dual-purpose one, non-essential (`patterns::upsell`).
    pub(crate) upsell: bool,
    /// The score a class needs: between `-margin` and `margin` the class is undecided.
    pub(crate) margin: f64,
    /// The evidence a class needs (the sum of the sizes of the weights of the message's
    /// features): a message that says too little is undecided, however its few words lean.
    pub(crate) evidence: f64,
    /// A text of fewer words than this (tokens with a letter or a digit), with no decisive
    /// phrase of the lexicon (weight 3), no clear one (weight 2) of a code, a fraud alert or a
    /// delivery and no pattern of those, is too little to judge: undecided, however the
    /// model's score leans (0 for no such floor).
    pub(crate) short: usize,
    /// Scale each feature by its naive-Bayes log-count ratio before the regression (the
    /// NBSVM of Wang and Manning, 2012), with this smoothing (0 for none): the stored weight
    /// is the product, so reading a message costs the same.
    pub(crate) nb: f64,
    /// The L2 penalty on the weights.
    pub(crate) l2: f64,
    /// Passes over the training set.
    pub(crate) epochs: usize,
    /// The step of the first pass (AdaGrad shrinks it per weight).
    pub(crate) rate: f64,
    /// A feature seen in fewer training messages than this is left out.
    pub(crate) min_count: usize,
}

/// The options the checked-in model was trained with.
pub(crate) const OPTIONS: Options = Options {
    bigrams: true,
    stem: 6,
    form: true,
    typed: true,
    initial: true,
    owned: true,
    grams: (0, 0),
    grams_l2: 1.0,
    lexicon: true,
    concepts: 1,
    concepts_l2: 0.1,
    word_min: 0,
    patterns: true,
    promos: 0,
    attached: 4.0,
    offer: 1,
    rules: true,
    narrow: 63,
    upsell: true,
    margin: 0.1,
    evidence: 2.0,
    short: 4,
    nb: 0.0,
    l2: 0.000003,
    epochs: 300,
    rate: 0.2,
    min_count: 2,
};

/// 64-bit FNV-1a: a feature's name, fed in parts, as one number.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn of(parts: &[&str]) -> u64 {
        let mut h = Fnv::new();
        for p in parts {
            h.write(p.as_bytes());
        }
        h.0
    }
}

/// Where a feature is: a byte range of the normalized text, or of the original one. The
/// range of the original text behind a normalized one is looked up only for the features
/// that weigh (most words of a message are not in the model).
#[derive(Debug, Clone, Copy)]
pub(super) enum At {
    /// A range of the normalized text.
    Normal(usize, usize),
    /// A range of the original text (empty for a feature of the whole message).
    Source(usize, usize),
}

impl At {
    /// The byte range of the original text.
    pub(super) fn source(self, normal: &Normalized) -> (usize, usize) {
        match self {
            At::Normal(start, end) => normal.source_range(start, end),
            At::Source(start, end) => (start, end),
        }
    }
}

/// Calls `visit` with each feature of a message: its name in parts, and where it is.
pub(super) fn features(
    source: &str,
    normal: &Normalized,
    options: &Options,
    mut visit: impl FnMut(&[&str], At),
) {
    let text = normal.text.as_str();
    let mut tokens: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 4);
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b == b' ', start) {
            (true, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    for (n, &(s, e)) in tokens.iter().enumerate() {
        let word = &text[s..e];
        visit(&["w:", word], At::Normal(s, e));
        let alphabetic = word.bytes().all(|b| b.is_ascii_lowercase());
        if options.stem > 0
            && word.chars().count() > options.stem
            && word.chars().all(char::is_alphabetic)
        {
            let cut = word
                .char_indices()
                .nth(options.stem)
                .map_or(word.len(), |(i, _)| i);
            visit(&["p:", &word[..cut]], At::Normal(s, e));
        }
        if options.grams.1 > 0 && alphabetic {
            // The word with a space on each side, as the normalized text holds it.
            let padded = &text.as_bytes()[s - 1..e + 1];
            let (low, high) = options.grams;
            for i in 0..padded.len() {
                for n in low..=high.min(padded.len() - i) {
                    // ASCII letters and spaces only: every byte is a character.
                    let gram = std::str::from_utf8(&padded[i..i + n]).unwrap_or_default();
                    visit(&["g:", gram], At::Normal(s, e));
                }
            }
        }
        if options.initial && starts_sentence(source, normal.source_range(s, e).0, true) {
            visit(&["f:", word], At::Normal(s, e));
        }
        if options.owned
            && n > 0
            && alphabetic
            && let Some(&(s0, e0)) = tokens.get(n - 1)
        {
            let before = &text[s0..e0];
            let kind = if POSSESSIVE.contains(&before) {
                Some("y:")
            } else if OURS.contains(&before) {
                Some("o:")
            } else {
                None
            };
            if let Some(kind) = kind {
                visit(&[kind, stem(word)], At::Normal(s0, e));
            }
        }
        if options.bigrams
            && let Some(&(s2, e2)) = tokens.get(n + 1)
        {
            visit(&["b:", word, " ", &text[s2..e2]], At::Normal(s, e2));
        }
        if word == "#" && (options.typed || options.form) {
            let (from, to) = normal.source_range(s, e);
            let number = source.get(from..to).unwrap_or_default();
            if options.typed {
                visit(&[number_type(source, from, to)], At::Source(from, to));
            }
            if options.form {
                let digits = number.bytes().filter(u8::is_ascii_digit).count();
                let shape = match digits {
                    0..=2 => "s:digits-1-2",
                    3 => "s:digits-3",
                    4..=8 if number.bytes().all(|b| b.is_ascii_digit()) => "s:digits-4-8",
                    4..=8 => "s:number",
                    _ => "s:digits-9",
                };
                visit(&[shape], At::Source(from, to));
                if number.contains('.') && number.rsplit('.').next().is_some_and(|c| c.len() == 2) {
                    visit(&["s:cents"], At::Source(from, to));
                }
            }
        }
    }
    if options.form {
        form(source, tokens.len(), &mut visit);
    }
}

/// The features of a message's form, read from the original text.
fn form(source: &str, words: usize, visit: &mut impl FnMut(&[&str], At)) {
    let length = match words {
        0..=8 => "s:words-8",
        9..=16 => "s:words-16",
        17..=30 => "s:words-30",
        _ => "s:words-many",
    };
    visit(&[length], At::Source(0, 0));
    if let Some(at) = source.find('!') {
        visit(&["s:exclaim"], At::Source(at, at + 1));
    }
    if let Some((at, c)) = source.char_indices().find(|&(_, c)| is_emoji(c)) {
        visit(&["s:emoji"], At::Source(at, at + c.len_utf8()));
    }
    // The first of the marks of a link, in any case.
    if let Some(at) = links().find(source).map(|m| m.start()) {
        let end = source[at..]
            .find(char::is_whitespace)
            .map_or(source.len(), |e| at + e);
        visit(&["s:link"], At::Source(at, end));
    }
    // Words in capitals: a shouted word, and the shape of a discount code (`SAVE20`).
    let mut caps = false;
    let mut caps_code = false;
    for (at, word) in words_of(source) {
        let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
        let rest = &word[letters..];
        if !caps_code
            && letters >= 3
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit())
        {
            caps_code = true;
            visit(&["s:caps-code"], At::Source(at, at + word.len()));
        } else if !caps && letters >= 4 && rest.is_empty() && !OPT_OUT_WORDS.contains(&word) {
            caps = true;
            visit(&["s:caps"], At::Source(at, at + word.len()));
        }
    }
}

/// The marks of a link in one automaton, without regard to case; the leftmost match is the
/// first mark in the text.
fn links() -> &'static AhoCorasick {
    static LINKS: OnceLock<AhoCorasick> = OnceLock::new();
    LINKS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(["http", "www.", ".com", ".ly/", ".co/", ".gl/", ".link"])
            .expect("seven short patterns make an automaton")
    })
}

/// Capitalised keywords that every kind of message carries.
const OPT_OUT_WORDS: [&str; 8] = [
    "STOP",
    "HELP",
    "ALTO",
    "AYUDA",
    "CANCEL",
    "UNSUBSCRIBE",
    "BAJA",
    "END",
];

/// The words of a text (letters and digits), with their byte offsets.
fn words_of(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .split(|c: char| !c.is_ascii_alphanumeric())
        .scan(0usize, move |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Possessives of the second person: what follows is the recipient's own.
const POSSESSIVE: [&str; 5] = ["your", "tu", "tus", "su", "sus"];

/// Possessives of the first person: what follows is the sender's.
const OURS: [&str; 6] = ["our", "nuestro", "nuestra", "nuestros", "nuestras", "my"];

/// English and Spanish endings, longest first, as the text is read (no accents).
const SUFFIXES: [&str; 37] = [
    "amientos", "imientos", "aciones", "amiento", "imiento", "ations", "mente", "acion", "ation",
    "iendo", "ando", "adas", "ados", "idas", "idos", "ings", "ing", "ies", "ied", "ada", "ado",
    "ida", "ido", "ers", "ed", "es", "er", "ar", "ir", "as", "os", "ly", "a", "o", "e", "s", "y",
];

/// A word without its ending, keeping at least four letters: `delivered`, `delivery` and
/// `deliveries` read `deliver`; `entregado`, `entrega` and `entregas` read `entreg`.
pub(super) fn stem(word: &str) -> &str {
    SUFFIXES
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).filter(|stem| stem.len() >= 4))
        .unwrap_or(word)
}

/// Whether the word at byte `at` of the text begins a sentence: the start of the text, or
/// after `.`, `!`, `?` or `;` (and `:` when `colon`) and a space (opening marks, quotes and
/// emoji between).
pub(super) fn starts_sentence(source: &str, at: usize, colon: bool) -> bool {
    let Some(before) = source.get(..at) else {
        return false;
    };
    let mut spaced = false;
    for c in before.chars().rev() {
        match c {
            ' ' | '\n' | '\t' => spaced = true,
            '¡' | '¿' | '"' | '(' | '*' | '\u{201c}' => {}
            c if is_emoji(c) => spaced = true,
            '.' | '!' | '?' | ';' => return spaced,
            ':' => return spaced && colon,
            _ => return false,
        }
    }
    true
}

/// What a number is, from the characters around it: a time, a date, an amount, a
/// percentage, a phone number, a long tracking number, a reference (`#4412`, `A-44190`), a
/// code's shape (4 to 8 digits), or a small or other number.
pub(super) fn number_type(source: &str, from: usize, to: usize) -> &'static str {
    let b = source.as_bytes();
    let before = |k: usize| from.checked_sub(k).and_then(|i| b.get(i).copied());
    let after = |k: usize| b.get(to + k - 1).copied();
    let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
    let letter = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if before(1) == Some(b'$') || (before(1) == Some(b' ') && before(2) == Some(b'$')) {
        return "t:money";
    }
    if after(1) == Some(b'%') || (after(1) == Some(b' ') && after(2) == Some(b'%')) {
        return "t:percent";
    }
    let rest = source.get(to..).unwrap_or_default().trim_start();
    let meridian = rest.len() >= 2
        && matches!(
            &rest.as_bytes()[..2],
            [b'a' | b'p' | b'A' | b'P', b'm' | b'M' | b'.']
        )
        && !letter(
            rest.as_bytes()
                .get(2)
                .copied()
                .filter(|_| rest.as_bytes()[1] != b'.'),
        );
    if (after(1) == Some(b':') && digit(after(2)))
        || (before(1) == Some(b':') && digit(before(2)))
        || meridian
        || rest.starts_with("hrs")
        || rest.starts_with("horas")
    {
        return "t:time";
    }
    if (after(1) == Some(b'/') && digit(after(2))) || (before(1) == Some(b'/') && digit(before(2)))
    {
        return "t:date";
    }
    // The run of digits and separators around the number: a phone or tracking number.
    let sep = |c: u8| matches!(c, b'-' | b'(' | b')' | b'.' | b' ' | b'+');
    let mut start = from;
    while start > 0 && (b[start - 1].is_ascii_digit() || sep(b[start - 1])) {
        start -= 1;
    }
    let mut end = to;
    while end < b.len() && (b[end].is_ascii_digit() || sep(b[end])) {
        end += 1;
    }
    let run = source
        .get(start..end)
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_ascii_digit());
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let dashed = run.bytes().any(|c| matches!(c, b'-' | b'(' | b')'));
    if dashed && (7..=11).contains(&digits) {
        return "t:phone";
    }
    if digits >= 10 {
        return "t:tracking";
    }
    if before(1) == Some(b'#')
        || letter(before(1))
        || letter(after(1))
        || (before(1) == Some(b'-') && letter(before(2)))
    {
        return "t:ref";
    }
    // A code printed in two equal groups of three or four digits ("248 611", "4829 1130", or
    // "248-611"; a dashed run of seven or more digits reads as a phone number above), as many
    // senders print one: a phone number's groups differ ("555 1234"), and a tracking number
    // has more digits.
    let mut groups = run.split([' ', '-']);
    if let (Some(a), Some(b), None) = (groups.next(), groups.next(), groups.next())
        && a.len() == b.len()
        && [a, b]
            .iter()
            .all(|g| (3..=4).contains(&g.len()) && g.bytes().all(|c| c.is_ascii_digit()))
    {
        return "t:code";
    }
    match to - from {
        1..=2 => "t:small",
        4..=8 if source[from..to].bytes().all(|c| c.is_ascii_digit()) => "t:code",
        _ => "t:number",
    }
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF)
}

/// The lexicon's phrases found in a message, as features.
pub(super) fn lexicon_features(
    cues: &[(usize, (usize, usize))],
    mut visit: impl FnMut(&[&str], At),
) {
    for &(entry, (start, end)) in cues {
        let e = &LEXICON[entry];
        visit(&["c:", e.intent.as_str()], At::Normal(start, end));
    }
}

/// The concept classes found in a message (`concepts.rs`), as features: each class
/// (`k:CLASS`), and with `concepts = 2` each pair of classes found together
/// (`k:CLASS+CLASS`, in the table's order).
pub(super) fn concept_features(
    found: &[(usize, (usize, usize))],
    options: &Options,
    mut visit: impl FnMut(&[&str], At),
) {
    for &(class, (start, end)) in found {
        visit(&["k:", CONCEPTS[class].name], At::Normal(start, end));
    }
    if options.concepts == 2 {
        let mut classes: Vec<usize> = found.iter().map(|&(class, _)| class).collect();
        classes.sort_unstable();
        for (i, &a) in classes.iter().enumerate() {
            for &b in &classes[i + 1..] {
                visit(
                    &["k:", CONCEPTS[a].name, "+", CONCEPTS[b].name],
                    At::Source(0, 0),
                );
            }
        }
    }
}

/// Whether a feature is of the message's words (a word, a pair, a stem, a first word, a
/// possessive's word): the features that `Options::word_min` thins.
fn of_words(name: &str) -> bool {
    ["w:", "b:", "p:", "f:", "y:", "o:"]
        .iter()
        .any(|kind| name.starts_with(kind))
}

/// The hasher of keys that are hashes already (the FNV-1a of a feature's name): it only
/// spreads their bits, where SipHash would hash them again.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        let x = self.0 ^ (self.0 >> 32);
        x.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (x >> 29)
    }
}

/// The features of one message already weighed, by hash: an open-addressed table on the
/// stack, so that a feature that stands twice counts once without sorting. Past half its
/// size it asks the list of weighed features instead.
pub(super) struct Seen {
    slots: [u64; 256],
    len: usize,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            slots: [0; 256],
            len: 0,
        }
    }
}

impl Seen {
    /// Whether `hash` is new (and now seen); `weighed` holds every hash seen so far.
    pub(super) fn insert(&mut self, hash: u64, weighed: &[(u64, f64, (usize, usize))]) -> bool {
        if self.len >= self.slots.len() / 2 {
            return !weighed.iter().any(|&(h, _, _)| h == hash);
        }
        // 0 marks an empty slot; a hash of 0 takes the value 1 here (a collision at worst
        // merges two features, one in 2^64).
        let key = hash.max(1);
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = key;
                    self.len += 1;
                    return true;
                }
                k if k == key => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// A trained model: a bias and a weight per feature, positive for essential.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) bias: f64,
    /// By the hash of the feature's name.
    weights: HashMap<u64, f64, BuildHasherDefault<Prehashed>>,
    /// Every weight by name, for the model file.
    named: Vec<(String, f64)>,
    pub(crate) options: Options,
}

impl Model {
    /// The weight of a feature, by its name in parts.
    #[cfg(test)]
    pub(crate) fn weight(&self, parts: &[&str]) -> f64 {
        self.weight_of(Fnv::of(parts))
    }

    /// The weight of a feature, by the hash of its name ([`hash`]).
    pub(crate) fn weight_of(&self, hash: u64) -> f64 {
        self.weights.get(&hash).copied().unwrap_or(0.0)
    }

    fn new(bias: f64, named: Vec<(String, f64)>, options: Options) -> Model {
        let weights = named.iter().map(|(n, w)| (Fnv::of(&[n]), *w)).collect();
        Model {
            bias,
            weights,
            named,
            options,
        }
    }

    /// The model file: a header, the bias, and one `feature<TAB>weight` line per feature.
    pub(crate) fn to_tsv(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# The essential/non-essential classifier's weights, written by its training \
             (twiml-core/src/gate/classify/model.rs); do not edit.\n",
        );
        out.push_str("# A positive weight points to essential, a negative one to non-essential.\n");
        let _ = writeln!(out, "bias\t{:.4}", self.bias);
        for (name, w) in &self.named {
            let _ = writeln!(out, "{name}\t{w:.4}");
        }
        out
    }

    /// Reads a model file written by [`Model::to_tsv`].
    pub(crate) fn from_tsv(text: &str, options: Options) -> Result<Model, String> {
        let mut bias = 0.0;
        let mut named = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (name, weight) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let weight: f64 = weight.parse().map_err(|e| format!("line {}: {e}", n + 1))?;
            if name == "bias" {
                bias = weight;
            } else {
                named.push((name.to_string(), weight));
            }
        }
        Ok(Model::new(bias, named, options))
    }
}

/// Every feature of a message by name, once each.
fn names_of(text: &str, options: &Options) -> Vec<String> {
    let normal = Normalized::new(text);
    let mut names = Vec::new();
    let mut add = |parts: &[&str], _| names.push(parts.concat());
    features(text, &normal, options, &mut add);
    if options.lexicon {
        let cues = super::lexicon_matches(&normal);
        lexicon_features(&cues, &mut add);
    }
    if options.concepts != 0 {
        concept_features(&super::concept_matches(&normal), options, &mut add);
    }
    if options.promos & 1 != 0
        && let Some(found) = super::patterns::promotion(text, &normal)
    {
        add(
            &["r:", found.intent.as_str()],
            At::Source(found.span.0, found.span.1),
        );
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Trains a model on labelled messages: logistic regression with an L2 penalty, full-batch
/// AdaGrad from zero weights, in a fixed order, so the same messages give the same model.
pub(crate) fn train<'a>(
    examples: impl IntoIterator<Item = (&'a str, Class)>,
    options: Options,
) -> Model {
    let examples: Vec<(Vec<String>, f64)> = examples
        .into_iter()
        .map(|(text, class)| {
            let y = if class == Class::Essential { 1.0 } else { 0.0 };
            (names_of(text, &options), y)
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (names, _) in &examples {
        for n in names {
            *counts.entry(n.as_str()).or_default() += 1;
        }
    }
    let index: BTreeMap<&str, usize> = counts
        .iter()
        .filter(|&(&n, &c)| c >= options.min_count && (c >= options.word_min || !of_words(n)))
        .enumerate()
        .map(|(i, (&n, _))| (n, i))
        .collect();
    let rows: Vec<(Vec<usize>, f64)> = examples
        .iter()
        .map(|(names, y)| {
            let row = names
                .iter()
                .filter_map(|n| index.get(n.as_str()).copied())
                .collect();
            (row, *y)
        })
        .collect();

    let dimensions = index.len();
    // Each feature's value: 1, or its log-count ratio.
    let mut r = vec![1.0f64; dimensions];
    if options.nb > 0.0 {
        let (mut p, mut q) = (vec![options.nb; dimensions], vec![options.nb; dimensions]);
        for (row, y) in &rows {
            for &i in row {
                if *y > 0.5 {
                    p[i] += 1.0;
                } else {
                    q[i] += 1.0;
                }
            }
        }
        let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
        for i in 0..dimensions {
            r[i] = ((p[i] / sp) / (q[i] / sq)).ln();
        }
    }
    let penalty: Vec<f64> = index
        .keys()
        .map(|n| {
            options.l2
                * if n.starts_with("g:") {
                    options.grams_l2
                } else if n.starts_with("k:") {
                    options.concepts_l2
                } else {
                    1.0
                }
        })
        .collect();
    let mut w = vec![0.0f64; dimensions];
    let mut bias = 0.0f64;
    let mut g2 = vec![0.0f64; dimensions];
    let mut g2_bias = 0.0f64;
    let mut grad = vec![0.0f64; dimensions];
    let scale = 1.0 / rows.len().max(1) as f64;
    for _ in 0..options.epochs {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut grad_bias = 0.0;
        for (row, y) in &rows {
            let score = bias + row.iter().map(|&i| w[i] * r[i]).sum::<f64>();
            let error = sigmoid(score) - y;
            grad_bias += error;
            for &i in row {
                grad[i] += error * r[i];
            }
        }
        for i in 0..dimensions {
            let g = grad[i] * scale + penalty[i] * w[i];
            g2[i] += g * g;
            w[i] -= options.rate * g / (g2[i].sqrt() + 1e-8);
        }
        let g = grad_bias * scale;
        g2_bias += g * g;
        bias -= options.rate * g / (g2_bias.sqrt() + 1e-8);
    }
    let named = index
        .keys()
        .zip(w.iter().zip(&r))
        .map(|(n, (&w, &r))| (n.to_string(), round(w * r)))
        .filter(|&(_, w)| w != 0.0)
        .collect();
    Model::new(round(bias), named, options)
}

/// Four decimals: what the model file keeps.
fn round(w: f64) -> f64 {
    (w * 10_000.0).round() / 10_000.0
}

pub(super) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A feature's name, in parts, as the model looks it up.
pub(super) fn hash(parts: &[&str]) -> u64 {
    Fnv::of(parts)
}

/// The registry of the labelled sets (`eval/classify/sets.toml`), read by the module that
/// `twiml eval classify` reads it with: the tests below name the sets by it.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../../../twiml-cli/src/commands/eval/sets.rs"]
mod sets;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::classify::Classifier;

    #[derive(serde::Deserialize)]
    struct Set {
        message: Vec<Labelled>,
    }

    #[derive(serde::Deserialize)]
    struct Labelled {
        #[serde(default)]
        id: String,
        text: String,
        class: String,
        #[serde(default)]
        kind: String,
    }

    impl Labelled {
        fn class(&self) -> Class {
            match self.class.as_str() {
                "essential" => Class::Essential,
                "non-essential" => Class::NonEssential,
                other => panic!("`{}`: class `{other}`", self.id),
            }
        }
    }

    fn read(path: &std::path::Path) -> Vec<Labelled> {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        toml::from_str::<Set>(&text)
            .unwrap_or_else(|e| panic!("{path:?}: {e}"))
            .message
    }

    /// The development half of the labelled set, then the classifier's own messages: the
    /// model's training data, in its order.
    fn training_data() -> (Vec<Labelled>, Vec<Labelled>) {
        (named_set("dev"), named_set("own"))
    }

    /// The registry of the labelled sets, `eval/classify/sets.toml`.
    fn registry() -> sets::Registry {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../eval/classify");
        sets::Registry::read(&root).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The recipe of the shipped model (`model.tsv`): after the development half and the own
    /// messages, the sets of `author-b` to `author-z`, then `author-aa` to `author-ap`, in that
    /// order (their names in the tuning test). It is the recipe of the version that ships, and
    /// changes only when a new model does, whatever the registry lets train since;
    /// [`the_shipped_recipe_trains_on_sets_of_the_registry_that_may_train`] checks it against
    /// the registry.
    const SHIPPED: [&str; 41] = [
        "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai",
        "aj", "ak", "al", "am", "an", "ao", "ap",
    ];

    /// Every set of the shipped recipe (and the development half and the own messages) is a
    /// set of the registry that may train: none judges.
    #[test]
    fn the_shipped_recipe_trains_on_sets_of_the_registry_that_may_train() {
        let registry = registry();
        for name in ["dev", "own"].iter().chain(&SHIPPED) {
            let set = registry.by_short(name).unwrap_or_else(|| {
                panic!(
                    "`{name}` of the shipped recipe is no set of {}",
                    registry.shown
                )
            });
            assert!(
                set.role.may_train(),
                "`{name}` ({}) of the shipped recipe judges in {}: it is never trained on",
                set.name,
                registry.shown
            );
        }
    }

    /// `model.tsv` is what training gives today, on the development half, the own messages
    /// and the sets of the shipped recipe ([`SHIPPED`]: `author-b` to `author-z`, then
    /// `author-aa` to `author-ap`), in that order; `TWIML_BLESS=1` writes it again.
    #[test]
    fn the_model_file_is_fresh() {
        let (dev, own) = training_data();
        let hands: Vec<Labelled> = SHIPPED.into_iter().flat_map(named_set).collect();
        let examples = dev
            .iter()
            .chain(&own)
            .chain(&hands)
            .map(|m| (m.text.as_str(), m.class()));
        let fresh = train(examples, OPTIONS).to_tsv();
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gate/classify/model.tsv");
        if std::env::var_os("TWIML_BLESS").is_some() {
            std::fs::write(&path, &fresh).expect("model.tsv is writable");
            return;
        }
        assert!(
            fresh == super::super::MODEL_FILE,
            "model.tsv is stale: run `TWIML_BLESS=1 cargo test -p twiml-core --features gate \
             --lib the_model_file_is_fresh`"
        );
        // The own messages are not copies of the held-out half's (compared, never shown).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let held_out: std::collections::HashSet<String> =
            read(&root.join("../eval/classify/held-out.toml"))
                .into_iter()
                .map(|m| Normalized::new(&m.text).text)
                .collect();
        let copies = own
            .iter()
            .filter(|m| held_out.contains(&Normalized::new(&m.text).text))
            .count();
        assert_eq!(copies, 0, "training.toml repeats held-out messages");
        // The file reads back to the same model.
        let back = Model::from_tsv(&fresh, OPTIONS).expect("the model file parses");
        assert_eq!(back.to_tsv(), fresh);
    }

    /// K-fold cross-validation on the development half (the own messages always train): the
    /// estimate of how the classifier does on messages it has not seen. Run with
    /// `cargo test -p twiml-core --features gate --lib cross_validation -- --ignored
    /// --nocapture`; `TWIML_CV=l2=0.05,bigrams=0` tries other options.
    #[test]
    #[ignore = "a tuning tool: prints figures, asserts nothing"]
    fn evidence() {
        let (dev, _) = training_data();
        let c = Classifier::builtin();
        let mut all: Vec<(f64, String)> = dev
            .iter()
            .map(|m| (c.evidence(&m.text), m.text.clone()))
            .collect();
        for t in [
            "Hello",
            "Call us at 555-0100",
            "Gracias",
            "",
            "See you soon",
            "Thanks!",
            "ok",
            "Your code is 1234",
        ] {
            println!("{:.2} {t}", c.evidence(t));
        }
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (e, t) in all.iter().take(15) {
            println!("dev {e:.2} {t}");
        }
    }

    /// A number reads by its form: a code in one run or in two equal groups of digits, a
    /// phone number, an amount.
    #[test]
    fn numbers_read_by_their_form() {
        let kind = |text: &str, number: &str| {
            let from = text.find(number).expect("the number is in the text");
            number_type(text, from, from + number.len())
        };
        assert_eq!(kind("Your code: 482913", "482913"), "t:code");
        assert_eq!(kind("248 611 = your Coinbase code", "248"), "t:code");
        assert_eq!(kind("248 611 = your Coinbase code", "611"), "t:code");
        assert_eq!(kind("Code 4829 1130 expires soon", "4829"), "t:code");
        // A run of seven to eleven digits with a dash reads as a phone number first.
        assert_eq!(kind("Code 4829-1130 expires soon", "4829"), "t:phone");
        assert_eq!(kind("Call 555 1234 today", "555"), "t:number");
        assert_eq!(kind("Call 305-555-0123 today", "305"), "t:phone");
        assert_eq!(kind("Pay $40.00 now", "40"), "t:money");
    }

    /// The patterns of the kinds that never wait (`patterns.rs`) on the development half:
    /// they find most of its codes, fraud alerts and deliveries, and on a non-essential
    /// message they fire only where an essential part stands beside a promotion (the
    /// dual-purpose messages, `hard-mixed`), which the classifier then reads as marketing.
    #[test]
    fn the_patterns_find_the_kinds_that_never_wait() {
        let (dev, _) = training_data();
        let (mut kinds, mut found) = (0, 0);
        for m in &dev {
            let normal = Normalized::new(&m.text);
            let hit = super::super::patterns::never_wait(&m.text, &normal);
            if super::super::NEVER_NON_ESSENTIAL_KINDS.contains(&m.kind.as_str()) {
                kinds += 1;
                found += usize::from(hit.is_some());
            }
            if hit.is_some() && m.class() == Class::NonEssential {
                assert_eq!(m.kind, "hard-mixed", "{}: {}", m.id, m.text);
                assert_eq!(
                    Classifier::builtin().classify(&m.text).class,
                    Some(Class::NonEssential),
                    "{}: {}",
                    m.id,
                    m.text
                );
            }
        }
        assert!(
            found * 10 >= kinds * 7,
            "the patterns found {found} of {kinds}"
        );
    }

    /// The general patterns of a promotion and an invitation (`patterns::promotion`, a
    /// variant the shipped options leave off) fire on no essential message of the
    /// development half or of the own messages, and find some of their promotions.
    #[test]
    fn the_promotion_patterns_spare_essential_messages() {
        let (dev, own) = training_data();
        let (mut promotions, mut found) = (0, 0);
        for m in dev.iter().chain(&own) {
            let hit = super::super::patterns::promotion(&m.text, &Normalized::new(&m.text));
            if m.class() == Class::Essential {
                assert!(hit.is_none(), "{}: {}", m.id, m.text);
            } else {
                promotions += 1;
                found += usize::from(hit.is_some());
            }
        }
        assert!(found * 5 >= promotions, "found {found} of {promotions}");
    }

    /// A labelled set of `eval/classify` by its name in the tuning test, the registry's `short`
    /// (`eval/classify/sets.toml`): `dev`, `own` (`training.toml`), `b` (`author-b.toml`), `b-a`
    /// and `b-b`, its halves (`author-b-halves.toml`), and for every other author's set its name
    /// without `author-` (`c`, ..., `z`, `aa`, ...; after `z` the names take two letters).
    /// Never the held-out half, which has no name there.
    fn named_set(name: &str) -> Vec<Labelled> {
        #[derive(serde::Deserialize)]
        struct Halves {
            a: Vec<String>,
            b: Vec<String>,
        }
        let registry = registry();
        let Some(set) = registry.by_short(name) else {
            let known: Vec<&str> = registry
                .sets
                .iter()
                .filter_map(|s| s.short.as_deref())
                .collect();
            panic!(
                "unknown set `{name}`: {} (the sets of {})",
                known.join(", "),
                registry.shown
            )
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../eval/classify");
        let mut messages = read(&root.join(&set.file));
        if let (Some(half), Some(halves_file)) = (&set.half, set.halves_file()) {
            let path = root.join(halves_file);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            let halves: Halves = toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            let ids = if half == "a" { halves.a } else { halves.b };
            messages.retain(|m| ids.contains(&m.id));
        }
        messages
    }

    /// The tuning test: 5-fold cross-validation on the development half (the own messages
    /// always train), or one direction across authors: `own=1` (the own messages classify the
    /// development half), `reverse=1` (the other way), `train=own+dev+b-a,score=b-b` (any sets
    /// of [`named_set`] train, another is classified; `b-a*3` counts a set three times; a set
    /// that judges, by its role in the registry, is scored, never trained on).
    /// `TWIML_CV=l2=0.05,bigrams=0` tries other options; `marks=PATH` writes each answer, for
    /// paired comparisons; `errors=1` prints the misread messages, of the sets that tune only.
    #[test]
    #[ignore = "a tuning tool: prints figures, asserts nothing"]
    fn cross_validation() {
        let mut options = OPTIONS;
        let mut folds = 5;
        let mut errors = false;
        // Train on the own messages alone and classify the whole development half.
        let mut own_only = false;
        // Train on the development half alone and classify the own messages.
        let mut reverse = false;
        // Train on these sets (`train=own+dev+b-a`) and classify that one (`score=b-b`).
        let mut train_sets: Option<Vec<Vec<Labelled>>> = None;
        let mut score_set: Option<(String, Vec<Labelled>)> = None;
        // Write each scored message's id and answer (`right`, `wrong`, `undecided`) there.
        let mut marks: Option<String> = None;
        for setting in std::env::var("TWIML_CV").unwrap_or_default().split(',') {
            let Some((key, value)) = setting.split_once('=') else {
                continue;
            };
            let flag = value == "1";
            match key {
                "bigrams" => options.bigrams = flag,
                "stem" => options.stem = value.parse().expect("stem"),
                "form" => options.form = flag,
                "typed" => options.typed = flag,
                "initial" => options.initial = flag,
                "owned" => options.owned = flag,
                "grams" => {
                    let (low, high) = value.split_once('-').expect("grams=3-5");
                    options.grams = (low.parse().expect("grams"), high.parse().expect("grams"));
                }
                "lexicon" => options.lexicon = flag,
                "concepts" => options.concepts = value.parse().expect("concepts"),
                "kl2" => options.concepts_l2 = value.parse().expect("kl2"),
                "wmin" => options.word_min = value.parse().expect("wmin"),
                "rules" => options.rules = flag,
                "narrow" => options.narrow = value.parse().expect("narrow"),
                "upsell" => options.upsell = flag,
                "patterns" => options.patterns = flag,
                "promos" => options.promos = value.parse().expect("promos"),
                "attached" => options.attached = value.parse().expect("attached"),
                "offer" => options.offer = value.parse().expect("offer"),
                "margin" => options.margin = value.parse().expect("margin"),
                "evidence" => options.evidence = value.parse().expect("evidence"),
                "short" => options.short = value.parse().expect("short"),
                "gl2" => options.grams_l2 = value.parse().expect("gl2"),
                "nb" => options.nb = value.parse().expect("nb"),
                "l2" => options.l2 = value.parse().expect("l2"),
                "epochs" => options.epochs = value.parse().expect("epochs"),
                "rate" => options.rate = value.parse().expect("rate"),
                "min" => options.min_count = value.parse().expect("min"),
                "folds" => folds = value.parse().expect("folds"),
                "errors" => errors = flag,
                "own" => own_only = flag,
                "reverse" => reverse = flag,
                "train" => {
                    // `b-a*3`: that set three times, its messages weighing three times as much.
                    let registry = registry();
                    let mut sets = Vec::new();
                    for part in value.split('+') {
                        let (name, times) = part.split_once('*').unwrap_or((part, "1"));
                        if let Some(set) = registry.by_short(name) {
                            assert!(
                                set.role.may_train(),
                                "`{name}` ({}) is scored, never trained on",
                                set.name
                            );
                        }
                        for _ in 0..times.parse::<usize>().expect("train=SET*N") {
                            sets.push(named_set(name));
                        }
                    }
                    train_sets = Some(sets);
                }
                "score" => score_set = Some((value.to_owned(), named_set(value))),
                "marks" => marks = Some(value.to_owned()),
                _ => panic!("unknown setting `{key}`"),
            }
        }
        let (mut dev, mut own) = training_data();
        dev.sort_by(|a, b| a.id.cmp(&b.id));
        if reverse {
            std::mem::swap(&mut dev, &mut own);
            own_only = true;
        }
        if let Some((name, set)) = score_set {
            let registry = registry();
            let tuning: Vec<&str> = registry
                .sets
                .iter()
                .filter(|s| s.role.may_be_read())
                .filter_map(|s| s.short.as_deref())
                .collect();
            assert!(
                !errors || tuning.contains(&name.as_str()),
                "`errors=1` names misread messages of the sets that tune only ({})",
                tuning.join(", ")
            );
            let train_sets = train_sets.expect("`score=` needs `train=`");
            for trained in &train_sets {
                let texts: std::collections::HashSet<&str> =
                    trained.iter().map(|m| m.text.as_str()).collect();
                assert!(
                    set.iter().all(|m| !texts.contains(m.text.as_str())),
                    "`{name}` shares messages with a set it would be trained on"
                );
            }
            dev = set;
            own = train_sets.into_iter().flatten().collect();
            own_only = true;
        }
        if own_only {
            folds = 1;
        }
        let mut marked = String::new();
        let (mut correct, mut undecided, mut never) = (0, 0, 0);
        for fold in 0..folds {
            let train_on = dev
                .iter()
                .enumerate()
                .filter(|(i, _)| !own_only && i % folds != fold)
                .map(|(_, m)| m)
                .chain(&own)
                .map(|m| (m.text.as_str(), m.class()));
            let classifier = Classifier::train_with(train_on, options);
            for (_, m) in dev
                .iter()
                .enumerate()
                .filter(|(i, _)| own_only || i % folds == fold)
            {
                let c = classifier.classify(&m.text);
                let answer = match c.class {
                    None => "undecided",
                    Some(class) if class == m.class() => "right",
                    Some(_) => "wrong",
                };
                writeln!(marked, "{}\t{answer}", m.id).expect("a string takes writes");
                if c.class == Some(m.class()) {
                    correct += 1;
                } else if errors {
                    let cues: Vec<String> = c.cues.iter().map(ToString::to_string).collect();
                    println!(
                        "{} {:?}: {}\n    {}",
                        m.id,
                        c.class,
                        cues.join("; "),
                        m.text
                    );
                }
                undecided += usize::from(c.class.is_none());
                if c.class == Some(Class::NonEssential)
                    && super::super::NEVER_NON_ESSENTIAL_KINDS.contains(&m.kind.as_str())
                {
                    never += 1;
                }
            }
        }
        if let Some(path) = marks {
            std::fs::write(&path, marked).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        println!(
            "{options:?} folds={folds}: {correct}/{} = {:.1}%, undecided {undecided}, codes/fraud/delivery as non-essential {never}",
            dev.len(),
            100.0 * correct as f64 / dev.len() as f64
        );
    }
}
