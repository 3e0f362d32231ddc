//! The text pipeline: everything the caller hears or reads, in execution order, normalised
//! once, tokenised once, cut into sentences and clauses the way a listener hears them, with
//! every concept of the lexicon found in one pass.
//!
//! A [`Transcript`] is made of segments, one per spoken or written event of the flow (a
//! `<Say>` with its SSML, a `<Gather>` prompt, a `<Pay>` `<Prompt>`, a message body, an AI
//! agent's greeting). Sentences end at `.`, `!`, `?` and `;` (not after `Mr.` or inside
//! `$49.99`), and at every SSML `<s>`, `<p>` and `<break>`. Two `<Say>` elements in a row are
//! heard as one stream: a sentence goes on from one to the next unless something stops it (a
//! `<Pause>`, a `<Play>`, the wait for input of a `<Gather>`, a `<Dial>`, a `<Record>`).
//! Messages never join.
//!
//! Tokens are indexed in one sequence across segments: a token index is a position in what
//! the caller hears, and comparing two is comparing when they are heard.

mod forms;
mod lexicon;
mod matcher;
mod meaning;
mod numbers;
mod token;

use std::ops::Range;

use super::Lang;

pub(crate) use lexicon::Concept;
pub(crate) use matcher::Concepts;
pub(crate) use meaning::{CARD_ASKED, CardAsk, FORBIDDEN, Forbidden, Health, OptOut};
pub(crate) use numbers::{is_premium, is_toll_free};
pub(crate) use token::{Kind, each_normal_char, may_normalize_into, normalize};

/// The entries of a concept, expanded and normalised, as the matcher looks for them.
pub(crate) fn entries_of(concept: Concept) -> Vec<String> {
    lexicon::LEXICON
        .iter()
        .filter(|(c, _)| *c == concept)
        .flat_map(|(_, entries)| entries.iter())
        .flat_map(|e| forms::expand(e))
        .map(|e| normalize(&e))
        .collect()
}

/// A first look at raw text, before it is cut into tokens: whether it may hold an entry of
/// some concepts. Each entry is found only where each of its words stands in the text as a
/// token, and the words of ASCII text are slices of its bytes in lower case, so text that holds
/// none of the entries' longest words, case aside, holds no entry. A word's token begins where
/// a letter or digit follows something else (or begins the text), so a longest word of three
/// letters or more is looked for only there, unless its form starts inside a word
/// (`*statin`), when it is looked for anywhere. A longest word of one or two letters ("ar" of
/// "ar-15") is looked for as a word of its own, between characters that are neither letters
/// nor digits. Text beyond ASCII is normalised before it is cut (`número` reads `numero`), and
/// text with the marks of a link is cut around the link, so either may hold any entry; so may
/// any text, when an entry has no word (`#`).
pub(crate) struct Anchors {
    /// The longest words of three letters or more, found by the key of their first three
    /// letters; `None`, and every text read, when some form has no word or there are more
    /// words than [`Keyed`]'s index holds.
    words: Option<Box<Words>>,
    /// The longest words shorter than three letters.
    short: Vec<String>,
}

/// The longest words of three letters or more.
struct Words {
    /// Those looked for where a word begins.
    starts: Keyed,
    /// Those of forms that start inside a word, looked for anywhere; `None` when there are
    /// none.
    inside: Option<Keyed>,
}

/// Words found by the key of their first three letters ([`Anchors::step`]): a bit for each key
/// that some word has, and the words of the `r`-th such key at `words[at[r]..at[r + 1]]`.
struct Keyed {
    /// A bit for each key of 15 bits.
    bits: [u64; 512],
    /// How many bits are set in the words of `bits` before each.
    ranks: [u16; 512],
    /// Where the words of each key set begin in `words`, then their count.
    at: Vec<u16>,
    /// The words, ordered by key.
    words: Vec<String>,
    /// Each word's first eight bytes or fewer, as [`Keyed::first_eight`] reads them, and the
    /// mask of those bytes: most words that share a key differ there, and one comparison
    /// turns each of those away.
    firsts: Vec<(u64, u64)>,
}

impl Keyed {
    /// `None` when there are more words than an index of 16 bits holds.
    fn new(words: Vec<String>) -> Option<Keyed> {
        let mut words: Vec<(usize, String)> = words
            .into_iter()
            .map(|w| (w.bytes().take(3).fold(0, Anchors::step), w))
            .collect();
        words.sort();
        words.dedup();
        let mut keyed = Keyed {
            bits: [0; 512],
            ranks: [0; 512],
            at: Vec::new(),
            words: Vec::with_capacity(words.len()),
            firsts: Vec::with_capacity(words.len()),
        };
        for (i, (key, word)) in words.into_iter().enumerate() {
            if keyed.bits[key >> 6] & (1 << (key & 63)) == 0 {
                keyed.bits[key >> 6] |= 1 << (key & 63);
                keyed.at.push(u16::try_from(i).ok()?);
            }
            let n = word.len().min(8);
            let mask = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
            keyed
                .firsts
                .push((Keyed::first_eight(word.as_bytes()) & mask, mask));
            keyed.words.push(word);
        }
        keyed.at.push(u16::try_from(keyed.words.len()).ok()?);
        let mut rank = 0;
        for (bits, r) in keyed.bits.iter().zip(keyed.ranks.iter_mut()) {
            *r = rank;
            rank += bits.count_ones() as u16;
        }
        Some(keyed)
    }

    /// The words whose first three letters have `key`, a key whose bit is set, with their
    /// first bytes ([`Keyed::firsts`]).
    fn of(&self, key: usize) -> (&[String], &[(u64, u64)]) {
        let (word, bit) = (key >> 6, 1u64 << (key & 63));
        let r = usize::from(self.ranks[word]) + (self.bits[word] & (bit - 1)).count_ones() as usize;
        let range = usize::from(self.at[r])..usize::from(self.at[r + 1]);
        (&self.words[range.clone()], &self.firsts[range])
    }

    /// The first eight bytes of `bytes` (zeros past its end), each with `0x20` set: two
    /// bytes equal but for the case of a letter read the same.
    fn first_eight(bytes: &[u8]) -> u64 {
        crate::swar::padded(&bytes[..bytes.len().min(8)]) | (0x20 * crate::swar::ONES)
    }
}

impl Anchors {
    /// The anchors of every entry of `concepts`.
    pub(crate) fn of(concepts: Concepts) -> Anchors {
        let mut tokenizer = token::Tokenizer::default();
        let (mut starts, mut inside) = (Vec::new(), Vec::new());
        let mut short: Vec<String> = Vec::new();
        for (concept, entries) in lexicon::LEXICON {
            if !concepts.has(*concept) {
                continue;
            }
            for form in entries.iter().flat_map(|e| forms::expand(e)) {
                let form = form.trim();
                match Self::longest_word(&mut tokenizer, form) {
                    Some(word) if word.len() < 3 => short.push(word),
                    Some(word) if form.starts_with('*') => inside.push(word),
                    Some(word) => starts.push(word),
                    None => {
                        return Anchors { words: None, short };
                    }
                }
            }
        }
        short.sort();
        short.dedup();
        // More words than an index holds: every text is read.
        let words = (|| {
            Some(Box::new(Words {
                starts: Keyed::new(starts)?,
                inside: if inside.is_empty() {
                    None
                } else {
                    Some(Keyed::new(inside)?)
                },
            }))
        })();
        Anchors { words, short }
    }

    /// The longest word of one form of an entry, as its tokens read it; of words as long, the
    /// last.
    fn longest_word(tokenizer: &mut token::Tokenizer, form: &str) -> Option<String> {
        struct Longest(Option<String>);
        impl token::Emit for Longest {
            fn token(&mut self, text: &str, kind: Kind, _: Range<usize>, _: bool) {
                // Of words as long, the last: a phrase's last word tends to be its noun
                // ("cut your debt").
                if kind == Kind::Word && self.0.as_ref().is_none_or(|w| w.len() <= text.len()) {
                    self.0 = Some(text.to_owned());
                }
            }
        }
        let mut longest = Longest(None);
        tokenizer.run(form.trim().trim_matches('*'), &mut longest);
        longest.0
    }

    /// The key of the last three bytes read, `key` that of those before `b`: 15 bits, case
    /// aside.
    fn step(key: usize, b: u8) -> usize {
        ((key << 5) ^ usize::from(b | 0x20)) & 0x7fff
    }

    /// Whether `raw` may hold an entry of the concepts: whether an anchor stands where it may
    /// begin a token, else whether a short anchor stands in it as a word.
    pub(crate) fn may_hold(&self, raw: &str) -> bool {
        let Some(words) = &self.words else {
            return true;
        };
        if raw.is_ascii() {
            return self.may_hold_bytes(words, raw.as_bytes());
        }
        // Text beyond ASCII that the tokenizer reads as one byte per character (Latin letters
        // with accents, typographic quotes and dashes) has the words of those bytes, and is
        // looked at in them; other text is let through.
        thread_local! {
            static UNITS: std::cell::RefCell<(String, Vec<u32>)> =
                const { std::cell::RefCell::new((String::new(), Vec::new())) };
        }
        UNITS.with_borrow_mut(|(bytes, at)| {
            !token::units_of(raw, bytes, at) || self.may_hold_bytes(words, bytes.as_bytes())
        })
    }

    /// [`Anchors::may_hold`] of ASCII text, or of text read as one byte per character.
    fn may_hold_bytes(&self, words: &Words, bytes: &[u8]) -> bool {
        Self::at_word_starts(&words.starts, bytes)
            || words
                .inside
                .as_ref()
                .is_some_and(|w| Self::anywhere(w, bytes))
            || self
                .short
                .iter()
                .any(|w| Self::holds_word(bytes, w.as_bytes()))
    }

    /// Whether one of `words` stands at `bytes[at..]`, case aside, where `key` is the key of
    /// `bytes[at..at + 3]` and its bit is set.
    fn stands_at(words: &Keyed, key: usize, bytes: &[u8], at: usize) -> bool {
        let rest = &bytes[at..];
        let first = Keyed::first_eight(rest);
        let (words, firsts) = words.of(key);
        words.iter().zip(firsts).any(|(w, &(bytes, mask))| {
            (first & mask) == bytes
                && rest
                    .get(..w.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    /// Whether one of `words` stands anywhere in `bytes`, looked for only where the key of
    /// three letters is one of a word's first three.
    fn anywhere(words: &Keyed, bytes: &[u8]) -> bool {
        let (mut key, mut from) = (0, 0);
        // A tight scan to the next key that some word begins with, then a look at those.
        while let Some(i) = bytes[from..].iter().position(|&b| {
            key = Self::step(key, b);
            words.bits[key >> 6] & (1 << (key & 63)) != 0
        }) {
            let at = from + i;
            from = at + 1;
            if at >= 2 && Self::stands_at(words, key, bytes, at - 2) {
                return true;
            }
        }
        false
    }

    /// Whether one of `words` stands in `bytes` where a letter or digit follows something else
    /// or begins the text: where a word's token may begin. The starts are found eight bytes at
    /// a time.
    fn at_word_starts(words: &Keyed, bytes: &[u8]) -> bool {
        // Whether the byte before the eight read is a letter or digit, as the top bit of the
        // first byte.
        let mut before = 0;
        for (c, eight) in bytes.chunks(8).enumerate() {
            let alnum = crate::swar::alnum(crate::swar::padded(eight));
            let mut starts = alnum & !(alnum << 8 | before);
            before = alnum >> 56;
            while starts != 0 {
                let at = c * 8 + (starts.trailing_zeros() / 8) as usize;
                starts &= starts - 1;
                let Some(first) = bytes.get(at..at + 3) else {
                    return false;
                };
                let key = first.iter().fold(0, |k, &b| Self::step(k, b));
                if words.bits[key >> 6] & (1 << (key & 63)) != 0
                    && Self::stands_at(words, key, bytes, at)
                {
                    return true;
                }
            }
        }
        false
    }

    /// Whether `word` stands in `bytes`, case aside, with neither a letter nor a digit on
    /// either side.
    fn holds_word(bytes: &[u8], word: &[u8]) -> bool {
        let apart = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
        let Some(&first) = word.first() else {
            return true;
        };
        // The first byte, case aside, before the whole word is compared: a byte `b` with
        // `b | 0x20` equal to `first | 0x20` is one of two, found with memchr (many bytes at a
        // time) instead of a loop over every byte, once for each short anchor.
        let first = first | 0x20;
        memchr::memchr2_iter(first, first ^ 0x20, bytes).any(|i| {
            bytes
                .get(i..i + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
                && (i == 0 || apart(i - 1))
                && apart(i + word.len())
        })
    }
}

/// A token of the transcript.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Bytes in the transcript's text.
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Bytes in its segment's raw text.
    pub(crate) raw_start: u32,
    pub(crate) raw_end: u32,
    /// Its segment.
    pub(crate) segment: u32,
    /// What it is.
    pub(crate) kind: Kind,
    /// Written with a capital first letter.
    pub(crate) capital: bool,
    /// Its word's id in the lexicon's table of words (looked up once, as it is made).
    word_id: u16,
}

/// One spoken or written event's text.
#[derive(Debug)]
pub(crate) struct Segment {
    /// The index of the event in the flow.
    pub(crate) event: usize,
    /// Its tokens.
    pub(crate) tokens: Range<u32>,
    /// The text as written: its bytes in the transcript's raw text.
    raw: Range<u32>,
}

/// A concept found in the transcript: a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First token.
    pub(crate) start: u32,
    /// One past the last token.
    pub(crate) end: u32,
    /// The concepts the words stand for.
    pub(crate) concepts: Concepts,
}

/// Everything the caller hears or reads, as the rules read it.
#[derive(Debug, Default)]
pub(crate) struct Transcript {
    text: String,
    /// The segments' text as written, one after the other.
    raw: String,
    tokens: Vec<Token>,
    segments: Vec<Segment>,
    /// Sentences, as token ranges, in order; every token is in one.
    sentences: Vec<Range<u32>>,
    /// Concept matches, by start token then end.
    hits: Vec<Hit>,
    /// Per token: the concepts of the matches that start there.
    starts: Vec<Concepts>,
}

/// Whether a dot after `word` does not end a sentence: `word` is an abbreviation. A match
/// on the word, so that it is compared only with words of its length.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sr"
            | "sra"
            | "srta"
            | "st"
            | "jr"
            | "prof"
            | "sgt"
            | "lt"
            | "capt"
            | "ave"
            | "blvd"
            | "dept"
            | "no"
            | "vs"
            | "etc"
            | "approx"
            | "lic"
            | "ing"
            | "dra"
            | "av"
            | "col"
            | "tel"
            | "ext"
            | "num"
            | "apt"
    )
}

/// The buffers of a finished transcript and of a tokenizer, kept from one transcript to the
/// next by a caller that makes many (see [`Builder::reusing`]).
#[derive(Debug, Default)]
pub(crate) struct Spare {
    transcript: Transcript,
    tokenizer: token::Tokenizer,
}

impl Spare {
    /// Keeps the buffers of `transcript`, which is done with, unless they and the
    /// tokenizer's hold room for more than `up_to` bytes: then none are kept.
    pub(crate) fn keep(&mut self, transcript: Transcript, up_to: usize) {
        self.transcript = transcript;
        if self.bytes() > up_to {
            *self = Spare::default();
        }
    }

    /// About how many bytes the buffers hold room for.
    fn bytes(&self) -> usize {
        let t = &self.transcript;
        t.text.capacity()
            + t.raw.capacity()
            + t.tokens.capacity() * size_of::<Token>()
            + t.segments.capacity() * size_of::<Segment>()
            + t.sentences.capacity() * size_of::<Range<u32>>()
            + t.hits.capacity() * size_of::<Hit>()
            + t.starts.capacity() * size_of::<Concepts>()
            + self.tokenizer.bytes()
    }
}

/// Builds a transcript segment by segment.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    transcript: Transcript,
    /// Where the sentence being read started, if one is open.
    open: Option<u32>,
    /// Its buffers serve every segment.
    tokenizer: token::Tokenizer,
}

/// Closes the sentence that is open, if any: nothing after joins it.
fn cut(t: &mut Transcript, open: &mut Option<u32>) {
    if let Some(start) = open.take() {
        let end = t.tokens.len() as u32;
        if start < end {
            t.sentences.push(start..end);
        }
    }
}

/// Where the tokenizer writes the tokens of one segment: straight into the transcript, each
/// token cutting the sentences that end before it. The text of a run of tokens with one space
/// between each two, in one sentence, is copied at once when the run ends.
struct Sink<'a> {
    t: &'a mut Transcript,
    /// The sentence open, if any (the builder's, handed back when the segment is cut).
    open: Option<u32>,
    /// The segment's sentence bounds not yet passed, as raw byte offsets in order.
    bounds: &'a [usize],
    /// The segment's index.
    segment: u32,
    /// The run of tokens whose text is not copied yet, as bytes of the tokenizer's normalised
    /// text (see [`token::Emit::unit`]): it goes at the end of the transcript's text. Empty
    /// when there is none.
    run: Range<usize>,
}

impl token::Emit for Sink<'_> {
    #[inline(always)]
    fn token(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool) {
        // A sign of one byte is looked up in the table of one-byte words, in line.
        let word_id = match text.as_bytes() {
            &[b] => matcher::single_id(b),
            _ => matcher::word_id(text),
        };
        self.push(text, kind, raw, capital, word_id);
    }

    #[inline(always)]
    fn hashed(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool, hash: u32) {
        let word_id = matcher::word_id_by(text.as_bytes(), hash);
        self.push(text, kind, raw, capital, word_id);
    }

    #[inline(always)]
    fn unit(
        &mut self,
        units: &str,
        at: Range<usize>,
        kind: Kind,
        raw: Range<usize>,
        capital: bool,
        hash: u32,
    ) {
        let bytes = units.as_bytes();
        let first = bytes.get(at.start).copied().unwrap_or_default();
        let word_id = match kind {
            Kind::Symbol => {
                if first == b'.' {
                    // Whether the word before is an abbreviation is read in the text.
                    self.flush(units);
                }
                matcher::single_id(first)
            }
            // The word's bytes: the lookup reads no more of them.
            _ => matcher::word_id_by(bytes.get(at.clone()).unwrap_or_default(), hash),
        };
        self.cut_before(raw.start);
        let Sink {
            t,
            open,
            run,
            segment,
            ..
        } = self;
        // A sign beyond ASCII never comes here: the signs that end a sentence are these.
        let ends_sentence = kind == Kind::Symbol
            && matches!(first, b'.' | b'!' | b'?' | b';')
            && !(first == b'.' && t.after_abbreviation());
        // The token goes on the run when one space of the same sentence is all between.
        if open.is_some()
            && run.start < run.end
            && at.start == run.end + 1
            && bytes.get(run.end) == Some(&b' ')
        {
            run.end = at.end;
        } else {
            if run.start < run.end
                && let Some(text) = units.get(run.clone())
            {
                t.text.push_str(text);
            }
            if !t.text.is_empty() {
                t.text.push(if open.is_some() { ' ' } else { '\n' });
            }
            *run = at.clone();
        }
        let start = t.text.len() + (at.start - run.start);
        let token = Token {
            start: start as u32,
            end: (start + at.len()) as u32,
            raw_start: raw.start as u32,
            raw_end: raw.end as u32,
            segment: *segment,
            kind,
            capital,
            word_id,
        };
        record(t, open, token, ends_sentence);
    }

    #[inline(always)]
    fn flush(&mut self, units: &str) {
        let run = std::mem::take(&mut self.run);
        if run.start < run.end
            && let Some(text) = units.get(run)
        {
            self.t.text.push_str(text);
        }
    }
}

impl Sink<'_> {
    /// Cuts the sentences that end at a bound before raw byte `at`.
    #[inline(always)]
    fn cut_before(&mut self, at: usize) {
        while let Some((&b, rest)) = self.bounds.split_first()
            && b <= at
        {
            self.bounds = rest;
            cut(self.t, &mut self.open);
        }
    }

    /// Stores one token, whose word's id in the lexicon is `word_id`.
    #[inline(always)]
    fn push(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool, word_id: u16) {
        debug_assert!(self.run.start == self.run.end, "a run of tokens not copied");
        self.cut_before(raw.start);
        let Sink {
            t, open, segment, ..
        } = self;
        let ends_sentence = kind == Kind::Symbol
            && matches!(text, "." | "!" | "?" | ";" | "\u{2026}")
            && !(text == "." && t.after_abbreviation());
        if !t.text.is_empty() {
            t.text.push(if open.is_some() { ' ' } else { '\n' });
        }
        let start = t.text.len() as u32;
        // A sign is one byte of ASCII (one byte of text is a character of ASCII): pushed
        // without a call to copy memory.
        match text.as_bytes() {
            &[b] if b.is_ascii() => t.text.push(char::from(b)),
            _ => t.text.push_str(text),
        }
        let token = Token {
            start,
            end: t.text.len() as u32,
            raw_start: raw.start as u32,
            raw_end: raw.end as u32,
            segment: *segment,
            kind,
            capital,
            word_id,
        };
        record(t, open, token, ends_sentence);
    }
}

/// Stores `token` in the transcript, opens a sentence with it if none is open, and cuts the
/// sentence after it when it ends one.
#[inline(always)]
fn record(t: &mut Transcript, open: &mut Option<u32>, token: Token, ends_sentence: bool) {
    let index = t.tokens.len() as u32;
    t.tokens.push(token);
    open.get_or_insert(index);
    if ends_sentence {
        cut(t, open);
    }
}

impl Builder {
    /// A transcript with nothing in it yet.
    pub(crate) fn new() -> Builder {
        Builder::default()
    }

    /// A builder for about `raw_bytes` bytes of raw text, its buffers sized once for it.
    pub(crate) fn with_capacity(raw_bytes: usize) -> Builder {
        Builder::reusing(&mut Spare::default(), raw_bytes)
    }

    /// [`Builder::with_capacity`], in the buffers of `spare` (handed back by
    /// [`Builder::finish_into`]): a caller that makes many transcripts keeps them from one to
    /// the next.
    pub(crate) fn reusing(spare: &mut Spare, raw_bytes: usize) -> Builder {
        let mut transcript = std::mem::take(&mut spare.transcript);
        transcript.clear();
        let mut builder = Builder {
            transcript,
            open: None,
            tokenizer: std::mem::take(&mut spare.tokenizer),
        };
        let t = &mut builder.transcript;
        // Normalised text is about as long as the raw text, with a space between tokens;
        // a token is three to five bytes of it, a space included (short words and signs
        // are common).
        t.text.reserve(raw_bytes + raw_bytes / 2);
        t.raw.reserve(raw_bytes);
        t.tokens.reserve(raw_bytes / 3 + 1);
        builder
    }

    /// [`Builder::finish`], handing the tokenizer's buffers back to `spare`.
    pub(crate) fn finish_into(mut self, spare: &mut Spare) -> Transcript {
        spare.tokenizer = std::mem::take(&mut self.tokenizer);
        self.finish()
    }

    /// Nothing heard from here on joins what was heard before: the next segment starts a
    /// sentence.
    pub(crate) fn cut(&mut self) {
        cut(&mut self.transcript, &mut self.open);
    }

    /// Adds the text of event `event`. `bounds` are byte offsets in `raw` where a sentence
    /// ends whatever the punctuation (SSML `<s>`, `<p>`, `<break>`).
    pub(crate) fn segment(&mut self, event: usize, raw: &str, bounds: &[usize]) {
        self.segment_through(event, raw, bounds, |tokenizer, raw, sink| {
            tokenizer.run(raw, sink);
        });
    }

    /// [`Builder::segment`], the tokenizer run on the segment's sink by `run`.
    #[inline(always)]
    fn segment_through(
        &mut self,
        event: usize,
        raw: &str,
        bounds: &[usize],
        run: impl FnOnce(&mut token::Tokenizer, &str, &mut Sink<'_>),
    ) {
        let segment = u32::try_from(self.transcript.segments.len()).unwrap_or(u32::MAX);
        let first = self.transcript.tokens.len() as u32;
        let Builder {
            transcript,
            open,
            tokenizer,
        } = self;
        let mut sink = Sink {
            t: transcript,
            open: *open,
            bounds,
            segment,
            run: 0..0,
        };
        run(tokenizer, raw, &mut sink);
        *open = sink.open;
        let bounds = sink.bounds;
        if !bounds.is_empty() {
            self.cut();
        }
        let t = &mut self.transcript;
        let last = t.tokens.len() as u32;
        let raw_start = t.raw.len() as u32;
        t.raw.push_str(raw);
        t.segments.push(Segment {
            event,
            tokens: first..last,
            raw: raw_start..t.raw.len() as u32,
        });
    }

    /// The finished transcript, with every concept found.
    pub(crate) fn finish(mut self) -> Transcript {
        self.cut();
        let mut t = self.transcript;
        t.find_concepts();
        t
    }
}

impl Transcript {
    /// The transcript of plain text, one segment (for the detectors of `detect.rs`).
    pub(crate) fn of_text(text: &str) -> Transcript {
        let mut builder = Builder::new();
        builder.segment(0, text, &[]);
        builder.finish()
    }

    /// How many tokens there are.
    pub(crate) fn len(&self) -> u32 {
        self.tokens.len() as u32
    }

    /// The token at `i`.
    pub(crate) fn token(&self, i: u32) -> &Token {
        &self.tokens[i as usize]
    }

    /// The normalised text of token `i`.
    pub(crate) fn word(&self, i: u32) -> &str {
        self.tokens
            .get(i as usize)
            .map_or("", |t| self.token_text(t))
    }

    /// What token `i` is.
    pub(crate) fn kind(&self, i: u32) -> Kind {
        self.tokens.get(i as usize).map_or(Kind::Symbol, |t| t.kind)
    }

    /// The normalised text of a run of tokens, one space between words.
    pub(crate) fn text_of(&self, range: Range<u32>) -> &str {
        let (Some(first), Some(last)) = (
            self.tokens.get(range.start as usize),
            self.tokens.get(range.end.saturating_sub(1) as usize),
        ) else {
            return "";
        };
        if range.start >= range.end {
            return "";
        }
        &self.text[first.start as usize..last.end as usize]
    }

    /// The words of a run of tokens as written, for quoting in a message: the raw text from
    /// the first token to the last, segment by segment, whitespace folded.
    pub(crate) fn quote(&self, range: Range<u32>) -> String {
        let mut out = String::new();
        let mut i = range.start;
        while i < range.end.min(self.len()) {
            let segment = &self.segments[self.tokens[i as usize].segment as usize];
            let last = range.end.min(segment.tokens.end);
            let from = self.tokens[i as usize].raw_start as usize;
            let to = self.tokens[last as usize - 1].raw_end as usize;
            if !out.is_empty() {
                out.push(' ');
            }
            let piece = self.raw_of(segment).get(from..to).unwrap_or("");
            out.extend(piece.split_whitespace().flat_map(|w| [" ", w]).skip(1));
            i = last;
        }
        out
    }

    /// The sentences, as token ranges in order.
    pub(crate) fn sentences(&self) -> &[Range<u32>] {
        &self.sentences
    }

    /// The sentence that holds token `i`.
    pub(crate) fn sentence_of(&self, i: u32) -> Range<u32> {
        let k = self.sentences.partition_point(|s| s.end <= i);
        self.sentences.get(k).cloned().unwrap_or(i..i + 1)
    }

    /// The clause that holds token `i`: its sentence, cut at commas, colons, dashes, brackets
    /// and quotes.
    pub(crate) fn clause_of(&self, i: u32) -> Range<u32> {
        let sentence = self.sentence_of(i);
        let cuts = |j: u32| self.is_clause_cut(j);
        let start = (sentence.start..i)
            .rev()
            .find(|&j| cuts(j))
            .map_or(sentence.start, |j| j + 1);
        let end = (i + 1..sentence.end)
            .find(|&j| cuts(j))
            .unwrap_or(sentence.end);
        start..end
    }

    /// Whether token `j` cuts a clause.
    pub(crate) fn is_clause_cut(&self, j: u32) -> bool {
        self.kind(j) == Kind::Symbol
            && matches!(
                self.word(j),
                "," | ":" | "-" | "(" | ")" | "\"" | "\u{a1}" | "\u{bf}"
            )
    }

    /// The segments, in order.
    pub(crate) fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The text of `segment` as written.
    pub(crate) fn raw_of(&self, segment: &Segment) -> &str {
        &self.raw[segment.raw.start as usize..segment.raw.end as usize]
    }

    /// The segment of token `i`.
    pub(crate) fn segment_of(&self, i: u32) -> &Segment {
        &self.segments[self.tokens[i as usize].segment as usize]
    }

    /// The flow event token `i` is heard in.
    pub(crate) fn event_of(&self, i: u32) -> usize {
        self.segment_of(i).event
    }

    /// The tokens of event `event` (empty when it says nothing).
    pub(crate) fn tokens_of_event(&self, event: usize) -> Range<u32> {
        let k = self.segments.partition_point(|s| s.event < event);
        match self.segments.get(k) {
            Some(s) if s.event == event => s.tokens.clone(),
            _ => {
                let at = self.first_token_at_event(event);
                at..at
            }
        }
    }

    /// The first token heard at or after event `event` (the number of tokens if none is):
    /// every token before it is heard before the event.
    pub(crate) fn first_token_at_event(&self, event: usize) -> u32 {
        let k = self.segments.partition_point(|s| s.event < event);
        self.segments.get(k).map_or(self.len(), |s| s.tokens.start)
    }

    /// Whether a match of `c` starts at token `i`.
    pub(crate) fn starts(&self, i: u32, c: Concept) -> bool {
        self.starts.get(i as usize).is_some_and(|s| s.has(c))
    }

    /// The concepts of the matches that start at token `i`.
    pub(crate) fn concepts_at(&self, i: u32) -> Concepts {
        self.starts.get(i as usize).copied().unwrap_or_default()
    }

    /// The concepts of the matches that start in `range`: a question about concepts none
    /// of which is among them has no answer there.
    pub(crate) fn concepts_in(&self, range: Range<u32>) -> Concepts {
        let range = range.start as usize..(range.end as usize).min(self.starts.len());
        self.starts
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(Concepts::default(), |all, &c| all.with(c))
    }

    /// The longest match of `c` that starts at token `i`.
    pub(crate) fn hit_at(&self, i: u32, c: Concept) -> Option<Range<u32>> {
        if !self.starts(i, c) {
            return None;
        }
        let k = self.hits.partition_point(|h| h.start < i);
        self.hits[k..]
            .iter()
            .take_while(|h| h.start == i)
            .filter(|h| h.concepts.has(c))
            .map(|h| h.start..h.end)
            .max_by_key(|r| r.end)
    }

    /// The matches of `c` inside `range`, in order; of several that start at one token, the
    /// longest only.
    pub(crate) fn hits_in(
        &self,
        c: Concept,
        range: Range<u32>,
    ) -> impl Iterator<Item = Range<u32>> + '_ {
        let k = self.hits.partition_point(|h| h.start < range.start);
        let mut hits = self.hits[k..]
            .iter()
            .take_while(move |h| h.start < range.end)
            .filter(move |h| h.concepts.has(c) && h.end <= range.end)
            .peekable();
        // Hits are sorted by start, then end: of those that start together, the last is the
        // longest.
        std::iter::from_fn(move || {
            let first = hits.next()?;
            let mut end = first.end;
            while let Some(h) = hits.next_if(|h| h.start == first.start) {
                end = end.max(h.end);
            }
            Some(first.start..end)
        })
    }

    /// The matches of `c` anywhere.
    pub(crate) fn hits_of(&self, c: Concept) -> impl Iterator<Item = Range<u32>> + '_ {
        self.hits_in(c, 0..self.len())
    }

    /// Whether token `i` lies inside a match of `c`.
    pub(crate) fn inside(&self, i: u32, c: Concept) -> bool {
        let k = self.hits.partition_point(|h| h.start <= i);
        self.hits[..k]
            .iter()
            .rev()
            .take(64)
            .any(|h| h.end > i && h.concepts.has(c))
    }

    /// Whether the words of `range` are Spanish rather than English, by their commonest
    /// words.
    pub(crate) fn is_spanish(&self, range: Range<u32>) -> bool {
        let (mut es, mut en) = (0, 0);
        for i in range {
            match common_language(self.word(i)) {
                Some(Lang::Es) => es += 1,
                Some(Lang::En) => en += 1,
                None => {}
            }
        }
        es > en
    }

    fn after_abbreviation(&self) -> bool {
        self.tokens
            .last()
            .is_some_and(|t| t.kind == Kind::Word && is_abbreviation(self.token_text(t)))
    }

    fn token_text(&self, t: &Token) -> &str {
        &self.text[t.start as usize..t.end as usize]
    }

    /// Empties it, keeping its buffers.
    fn clear(&mut self) {
        let Transcript {
            text,
            raw,
            tokens,
            segments,
            sentences,
            hits,
            starts,
        } = self;
        text.clear();
        raw.clear();
        tokens.clear();
        segments.clear();
        sentences.clear();
        hits.clear();
        starts.clear();
    }

    fn find_concepts(&mut self) {
        matcher::find(
            &self.tokens,
            self.text.as_bytes(),
            &mut self.hits,
            &mut self.starts,
        );
    }
}

/// The language among whose commonest words `word` is, if it is among either's (no word is
/// among both). A match on the word, so that it is compared only with words of its length.
fn common_language(word: &str) -> Option<Lang> {
    match word {
        "de" | "la" | "el" | "que" | "su" | "por" | "para" | "con" | "los" | "las" | "una"
        | "es" | "le" | "del" | "al" | "usted" | "se" | "lo" | "en" | "y" | "favor" | "gracias"
        | "llame" | "oprima" | "marque" | "esta" | "este" | "nuestra" | "nuestro" | "sus"
        | "hola" | "mas" | "pero" | "como" => Some(Lang::Es),
        "the" | "to" | "your" | "you" | "is" | "and" | "for" | "of" | "this" | "please"
        | "call" | "with" | "we" | "our" | "a" | "an" | "are" | "be" | "in" | "on" | "at"
        | "thank" | "press" | "will" | "it" | "my" | "hello" | "hi" | "from" | "or" => {
            Some(Lang::En)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::token::{Emit, Tokenizer};
    use super::*;

    /// [`Anchors::holds_word`] with its first bytes found by memchr agrees with a loop over
    /// every byte, for words whose first byte is a letter, a digit or a sign, among bytes that
    /// differ from them in case or in the 0x20 bit only.
    #[test]
    fn a_short_anchor_is_found_as_by_a_loop_over_every_byte() {
        fn by_bytes(bytes: &[u8], word: &[u8]) -> bool {
            let apart = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
            let first = word[0] | 0x20;
            bytes.iter().enumerate().any(|(i, &b)| {
                b | 0x20 == first
                    && bytes
                        .get(i..i + word.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(word))
                    && (i == 0 || apart(i - 1))
                    && apart(i + word.len())
            })
        }
        let alphabet = b"arAR\x01\x12-15 1!x.";
        let mut rng = crate::test_rng::Xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let state = rng.next();
            let len = (state % 24) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|k| alphabet[((state >> (k % 40)) as usize + k * 5) % alphabet.len()])
                .collect();
            for word in [&b"ar"[..], b"1", b"!x", b"-1", b"R"] {
                assert_eq!(
                    Anchors::holds_word(&bytes, word),
                    by_bytes(&bytes, word),
                    "{bytes:?} {word:?}"
                );
            }
        }
    }

    /// A sink that takes every token on its own, its text handed whole (the plain reading
    /// that the runs of [`Sink`] are tested against).
    struct OneByOne<'s, 'a>(&'s mut Sink<'a>);

    impl Emit for OneByOne<'_, '_> {
        fn token(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool) {
            self.0.token(text, kind, raw, capital);
        }

        fn hashed(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool, hash: u32) {
            self.0.hashed(text, kind, raw, capital, hash);
        }
    }

    /// `text` with an accent on each vowel, a tilde on each `n`, and typographic apostrophes:
    /// the same words to the tokenizer, written as Spanish and typeset text writes them.
    fn accented(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                'a' => '\u{e1}',
                'e' => '\u{e9}',
                'i' => '\u{ed}',
                'o' => '\u{f3}',
                'u' => '\u{fa}',
                'n' => '\u{f1}',
                'A' => '\u{c1}',
                'E' => '\u{c9}',
                '\'' => '\u{2019}',
                c => c,
            })
            .collect()
    }

    /// The anchors of `concepts`, which must all have a word of three letters, and a check
    /// that every form of every entry, alone, in capitals, accented, in a sentence, beside a
    /// link, after a hyphen and (for a form that starts inside a word) after other letters,
    /// reads as a text that may hold one.
    fn anchors_missing_no_entry(concepts: Concepts) -> Anchors {
        let anchors = Anchors::of(concepts);
        assert!(
            anchors.words.is_some(),
            "every entry has a word of three letters"
        );
        for (concept, entries) in lexicon::LEXICON {
            if !concepts.has(*concept) {
                continue;
            }
            for form in entries.iter().flat_map(|e| forms::expand(e)) {
                let inside = form.trim().starts_with('*');
                let form = form.trim().trim_matches('*');
                for text in [
                    form.to_owned(),
                    form.to_uppercase(),
                    accented(form),
                    accented(&form.to_uppercase()),
                    format!("Please read me your {form}, thanks."),
                    format!("\u{bf}Me dice su {}?", accented(form)),
                    format!("See https://example.com/x?{form} or {form}"),
                    format!("x-{form}-y"),
                    if inside {
                        format!("x{form}")
                    } else {
                        format!("({form})")
                    },
                ] {
                    assert!(anchors.may_hold(&text), "`{text}` ({concept:?})");
                }
            }
        }
        // Text that the tokenizer does not read one byte per character is let through.
        assert!(anchors.may_hold("\u{96fb}\u{8a71}"));
        assert!(anchors.may_hold("\u{1d400}"));
        anchors
    }

    /// Checks the anchors of `concepts` (as [`anchors_missing_no_entry`]), and that they turn
    /// away each of `none` and let through each of `some`.
    fn anchors_read(concepts: Concepts, none: &[&str], some: &[&str]) {
        let anchors = anchors_missing_no_entry(concepts);
        for text in none {
            assert!(!anchors.may_hold(text), "`{text}` holds none");
        }
        for text in some {
            assert!(anchors.may_hold(text), "`{text}` may hold one");
        }
    }

    /// The words of every entry of `concepts`, as written in the lexicon's forms.
    fn words_of(concepts: Concepts) -> Vec<String> {
        let mut words: Vec<String> = lexicon::LEXICON
            .iter()
            .filter(|(c, _)| concepts.has(*c))
            .flat_map(|(_, entries)| entries.iter().flat_map(|e| forms::expand(e)))
            .flat_map(|f| {
                f.split(|c: char| c.is_whitespace() || c == '*')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        words
    }

    proptest::proptest! {
        /// Whatever the matcher finds of the concepts, the first look lets through: text made
        /// of the entries' words and bits of other words, joined by what the tokenizer cuts on
        /// or joins with.
        #[test]
        fn anchors_let_through_whatever_the_matcher_finds(
            set in 0..3usize,
            picks in proptest::collection::vec((0..100_000usize, 0..16usize, 0..4usize), 1..7),
        ) {
            use std::sync::LazyLock;
            static SETS: LazyLock<[(Concepts, Anchors, Vec<String>); 3]> = LazyLock::new(|| {
                [CARD_ASKED, FORBIDDEN, MEDICATIONS].map(|c| (c, Anchors::of(c), words_of(c)))
            });
            let (concepts, anchors, words) = &SETS[set];
            let joins = [
                " ", "-", "'", ".", ",", "x", "2", "", "(", ") ", " www.", "www.", " @", "@", "://",
                "\n",
            ];
            let mut text = String::new();
            for &(word, join, case) in &picks {
                let word = &words[word % words.len()];
                match case {
                    0 => text.push_str(word),
                    1 => text.push_str(&word.to_uppercase()),
                    2 => text.push_str(&accented(word)),
                    _ => text.push_str(&word[..word.len() / 2]),
                }
                text.push_str(joins[join]);
            }
            let t = Transcript::of_text(&text);
            if t.concepts_in(0..t.len()).meets(*concepts) {
                proptest::prop_assert!(anchors.may_hold(&text), "{:?}", text);
            }
        }
    }

    /// Medications, some of whose forms start inside a word (`*statin`).
    const MEDICATIONS: Concepts =
        Concepts::of(&[Concept::Medication, Concept::MedicationSensitive]);

    /// A form that starts inside a word is looked for anywhere; the others where a word
    /// begins.
    #[test]
    fn anchors_look_inside_words_only_for_forms_that_start_there() {
        let anchors = anchors_missing_no_entry(MEDICATIONS);
        assert!(anchors.words.as_ref().is_some_and(|w| w.inside.is_some()));
        assert!(anchors.may_hold("Take your atorvastatin daily"));
        assert!(anchors.may_hold("ATORVASTATIN"));
        let closed = anchors_missing_no_entry(FORBIDDEN);
        assert!(closed.may_hold("CHEAP CIGARETTES today"));
        assert!(
            !closed.may_hold("xcigarettes"),
            "a word is looked for where a word begins"
        );
    }

    /// The first look of [`Anchors`] never misses a text that holds an entry of the payment
    /// asks, and turns away what a menu says; a word of card data passes anywhere, in any case.
    #[test]
    fn anchors_never_miss_an_entry() {
        anchors_read(
            CARD_ASKED,
            &[
                "This call may be recorded for quality assurance.",
                "Press 1 for sales, 2 for support",
                "We did not receive input",
                "",
                "ab",
            ],
            &["Then your CARD NUMBER", "the routing", "cvv"],
        );
    }

    /// The same for the lists of forbidden content, which most messages hold no word of; "ar"
    /// of "AR-15" passes only as a word of its own.
    #[test]
    fn anchors_never_miss_forbidden_content() {
        anchors_read(
            FORBIDDEN,
            &[
                "Your appointment is tomorrow at 2pm. Reply STOP to opt out",
                "Your order #4412 has shipped.",
                "",
                "Your car is ready for pickup, dear customer.",
            ],
            &[
                "CHEAP CIGARETTES today",
                "Place your bets",
                "New AR 15 in stock",
                "(ar-15)",
            ],
        );
    }

    /// Everything a transcript holds, written out.
    fn contents(t: &Transcript) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            t.text, t.raw, t.tokens, t.segments, t.sentences, t.hits, t.starts
        )
    }

    #[test]
    fn runs_of_tokens_make_the_transcript_of_tokens_one_by_one() {
        let pieces = [
            "Item",
            "0",
            ":",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            ".",
            ". ",
            "Mr",
            "Mr.",
            "don't",
            "a.i.",
            "past-due",
            "1,140",
            "Se\u{f1}or",
            "caf\u{e9}",
            "\u{bf}",
            "\u{2014}",
            "\u{2019}",
            "\u{201c}",
            "\u{fb01}le",
            "x@y.com",
            "https://a.b/c",
            "!",
            ";",
            "?",
            "\u{2026}",
            "\u{130}",
            "\u{a0}",
            "-",
            "'",
            "&",
            "<",
            "card",
            "number",
            "please",
            "recorded",
            "PIN",
            "\u{20ac}",
            "",
        ];
        let mut rng = crate::test_rng::Xorshift(0x3C6E_F372_FE94_F82B);
        let mut tokens = 0;
        for _ in 0..3_000 {
            let (mut runs, mut plain) = (Builder::new(), Builder::new());
            for event in 0..(rng.next() % 4) as usize {
                let mut raw = String::new();
                for _ in 0..(rng.next() % 16) {
                    raw.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
                }
                let mut bounds: Vec<usize> = (0..rng.next() % 3)
                    .map(|_| (rng.next() % (raw.len() as u64 + 2)) as usize)
                    .collect();
                bounds.sort_unstable();
                runs.segment(event, &raw, &bounds);
                plain.segment_through(event, &raw, &bounds, |tokenizer, raw, sink| {
                    tokenizer.run(raw, &mut OneByOne(sink));
                });
                if rng.next().is_multiple_of(3) {
                    runs.cut();
                    plain.cut();
                }
            }
            let (runs, plain) = (runs.finish(), plain.finish());
            assert_eq!(contents(&runs), contents(&plain));
            tokens += runs.tokens.len();
        }
        assert!(tokens > 20_000, "{tokens}");
        // The tokenizer alone hands a sink that copies nothing the same tokens either way.
        let mut tokenizer = Tokenizer::default();
        let mut seen = Vec::new();
        tokenizer.run(
            "Se\u{f1}or caf\u{e9}, Mr. Smith",
            &mut |text: &str, _, _, _| {
                seen.push(text.to_string());
            },
        );
        assert_eq!(seen, ["senor", "cafe", ",", "mr", ".", "smith"]);
    }
}
