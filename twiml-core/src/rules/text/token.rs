//! Normalisation and tokens: text as the detectors read it.
//!
//! Every piece of text goes through the same steps once: Unicode compatibility decomposition
//! with combining marks dropped (`número` reads `numero`), lower case, typographic quotes and
//! dashes folded to ASCII, invisible characters dropped. The result is cut into tokens:
//!
//! - words: letters and digits, with an apostrophe inside (`don't`, `tony's`) and dots between
//!   single letters (`a.i.`, `p.m.`); a hyphen between letters separates two words
//!   (`past-due` reads `past due`);
//! - numbers: digits, with `,` `.` `-` `:` between digits (`1,140`, `218.40`, `800-555-0100`,
//!   `10:15`);
//! - links: a run of text with `://`, `www.` or `@` in it, whole;
//! - symbols: every other character on its own (`.`, `,`, `$`, `%`, `¿`).
//!
//! Each token keeps its byte range in the raw text, so that a finding can point at the words
//! as written.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits mixed with them).
    Word,
    /// Digits, with separators between them.
    Number,
    /// A URL, a host or an e-mail address.
    Link,
    /// One character of punctuation or a sign.
    Symbol,
}

/// A token of one piece of raw text: its normalised form and where it is in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawToken {
    /// The normalised text.
    pub(crate) text: String,
    /// What it is.
    pub(crate) kind: Kind,
    /// Its bytes in the raw text.
    pub(crate) raw: Range<usize>,
    /// Its first letter is written in upper case.
    pub(crate) capital: bool,
}

/// A normalised character and the raw bytes it comes from.
#[derive(Debug, Clone, Copy)]
struct Char {
    c: char,
    raw_start: usize,
    raw_end: usize,
    upper: bool,
}

/// Normalises text before matching: Unicode NFKD with combining marks removed (`número` →
/// `numero`), lower case, curly quotes and guillemets → `'` or `"`, Unicode dashes → `-`,
/// zero-width characters removed, every run of whitespace → one space, trimmed. Digits and
/// other punctuation are kept.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut rest = text;
    // Runs of ASCII characters other than whitespace are copied and lower-cased whole.
    while let Some(c) = rest.chars().next() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii() || is_ascii_space(b))
            .unwrap_or(rest.len());
        if run > 0 {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let start = out.len();
            out.push_str(&rest[..run]);
            out[start..].make_ascii_lowercase();
            rest = &rest[run..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let mut push = |c: char| push_normal(&mut out, &mut pending_space, c);
        if c.is_ascii() {
            push(c);
        } else {
            decomposed(c, &mut push);
        }
    }
    out
}

/// Appends one normalised character to `out`: whitespace becomes one space before the next
/// character, none at the start.
fn push_normal(out: &mut String, pending_space: &mut bool, c: char) {
    if c.is_whitespace() || c == '\u{0B}' {
        *pending_space = !out.is_empty();
        return;
    }
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// [`normalize`] character by character (the reference the fast path is tested against).
#[cfg(test)]
fn normalize_by_char(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_whitespace() || c == '\u{0B}' {
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
        decomposed(c, &mut push);
    }
    out
}

/// Appends the normalised characters of `text` to `out`, raw offsets shifted by `offset`.
fn push_chars(text: &str, offset: usize, out: &mut Vec<Char>) {
    if text.is_ascii() {
        out.extend(
            text.bytes()
                .enumerate()
                .map(|(at, b)| ascii_char(char::from(b), offset + at)),
        );
        return;
    }
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(ascii_char(c, offset + at));
        } else {
            push_decomposed(c, offset + at, out);
        }
    }
}

/// An ASCII character at byte `at`, lower-cased.
fn ascii_char(c: char, at: usize) -> Char {
    Char {
        c: c.to_ascii_lowercase(),
        raw_start: at,
        raw_end: at + 1,
        upper: c.is_ascii_uppercase(),
    }
}

/// Appends what a character beyond ASCII at byte `at` normalises to, in order.
fn push_decomposed(c: char, at: usize, out: &mut Vec<Char>) {
    let raw_end = at + c.len_utf8();
    let upper = c.is_uppercase();
    decomposed(c, |d| {
        out.push(Char {
            c: d,
            raw_start: at,
            raw_end,
            upper,
        });
    });
}

/// What a character beyond ASCII normalises to, in order: its compatibility decomposition,
/// lower-cased, without combining marks or invisible characters, punctuation folded.
fn decomposed(c: char, mut f: impl FnMut(char)) {
    decompose_compatible(c, |d| {
        // Lower-casing can itself emit a combining mark ('İ' → "i\u{307}"), so strip
        // after it.
        for l in d.to_lowercase() {
            if !is_combining_mark(l) && !is_invisible(l) {
                f(fold_punctuation(l));
            }
        }
    });
}

/// Whether the normal form of `c` is empty (it joins the characters around it) or holds a
/// character that `wanted` accepts.
pub(crate) fn may_normalize_into(c: char, wanted: impl Fn(char) -> bool) -> bool {
    // A character of the table of one-byte characters becomes exactly one character.
    if let Some(unit) = unit_in_table(c) {
        return wanted(if unit == SELF { c } else { char::from(unit) });
    }
    let (mut empty, mut hit) = (true, false);
    decomposed(c, |d| {
        empty = false;
        hit |= wanted(d);
    });
    empty || hit
}

/// Calls `f` with each character of the normal form of `raw` (see [`normalize`]), in order,
/// whitespace as it is: what `normalize` keeps, with no string made.
pub(crate) fn each_normal_char(raw: &str, mut f: impl FnMut(char)) {
    for c in raw.chars() {
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
            continue;
        }
        match unit_in_table(c) {
            Some(SELF) => f(c),
            Some(unit) => f(char::from(unit)),
            None => decomposed(c, &mut f),
        }
    }
}

/// Characters that TTS engines skip but that would split a word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Maps typographic quotes and dashes to their ASCII forms so one pattern serves both.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

/// Cuts raw text into tokens.
pub(crate) fn tokenize(raw: &str) -> Vec<RawToken> {
    let mut out = Vec::new();
    Tokenizer::default().run(raw, &mut |text: &str, kind, raw, capital| {
        out.push(RawToken {
            text: text.to_string(),
            kind,
            raw,
            capital,
        });
    });
    out
}

/// Where the tokenizer hands its tokens, in order: `token(text, kind, raw, capital)` with the
/// token's normalised text, what it is, its bytes in the raw text and whether its first letter
/// is a capital. A closure is one; a sink that stores tokens implements it inline, so that
/// the tokenizer's loop writes each token where it is kept.
pub(crate) trait Emit {
    /// Takes one token.
    fn token(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool);

    /// Takes a word or a number with the hash of its text (see [`hash_step`]), made as it was
    /// read.
    #[inline]
    fn hashed(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool, hash: u32) {
        let _ = hash;
        self.token(text, kind, raw, capital);
    }

    /// Takes a token whose normalised text is `units[at]`, a piece of the normalised text of
    /// the stretch being cut (ASCII, one byte per character), with the hash of its text when
    /// it is a word or a number (a sign's is not read). Every token of a stretch comes with
    /// the same `units`, and [`Emit::flush`] with it after the last, before any other token:
    /// a sink may copy the text of several tokens at once.
    #[inline]
    fn unit(
        &mut self,
        units: &str,
        at: Range<usize>,
        kind: Kind,
        raw: Range<usize>,
        capital: bool,
        hash: u32,
    ) {
        match kind {
            Kind::Symbol => self.token(&units[at], kind, raw, capital),
            _ => self.hashed(&units[at], kind, raw, capital, hash),
        }
    }

    /// The stretch whose tokens came through [`Emit::unit`] with `units` is done.
    #[inline]
    fn flush(&mut self, units: &str) {
        let _ = units;
    }
}

/// The hash of a word before its first byte (FNV-1a, 32 bits).
pub(crate) const HASH_START: u32 = 0x811c_9dc5;

/// The hash of a word `h` with byte `b` after it.
#[inline(always)]
pub(crate) fn hash_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

impl<F: FnMut(&str, Kind, Range<usize>, bool)> Emit for F {
    #[inline]
    fn token(&mut self, text: &str, kind: Kind, raw: Range<usize>, capital: bool) {
        self(text, kind, raw, capital);
    }
}

/// Cuts raw text into tokens, handing each to an [`Emit`] with its normalised text borrowed:
/// its buffers are kept from one text to the next, so tokens cost no allocation.
#[derive(Debug, Default)]
pub(crate) struct Tokenizer {
    /// The normalised characters of the piece being cut.
    chars: Vec<Char>,
    /// The normalised text of the token being handed out.
    text: String,
    /// The piece being cut, one normalised byte per character (see [`Units`]).
    bytes: String,
    /// Where each of those characters starts in the piece, then the piece's length.
    at: Vec<u32>,
}

impl Tokenizer {
    /// About how many bytes its buffers hold room for.
    pub(crate) fn bytes(&self) -> usize {
        self.chars.capacity() * size_of::<Char>()
            + self.text.capacity()
            + self.bytes.capacity()
            + self.at.capacity() * size_of::<u32>()
    }

    /// Hands each token of `raw` to `emit`, in order, its raw bytes counted in `raw`.
    pub(crate) fn run(&mut self, raw: &str, emit: &mut impl Emit) {
        // Text without the marks of a link is cut whole: a token never spans whitespace, so
        // cutting chunk by chunk gives the same tokens.
        if !may_hold_link(raw) {
            self.plain(raw, 0, emit);
            return;
        }
        self.chunked(raw, emit);
    }

    /// [`Tokenizer::run`] chunk by chunk: links are recognised on the raw text's
    /// whitespace-separated chunks.
    fn chunked(&mut self, raw: &str, emit: &mut impl Emit) {
        let mut at = 0;
        for chunk in raw.split_inclusive(char::is_whitespace) {
            let start = at;
            at += chunk.len();
            let trimmed = chunk.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            match link_in(trimmed) {
                Some(link) => {
                    let (lead, body, tail) = link;
                    self.plain(&raw[start..start + lead], start, emit);
                    let text = normalize(&trimmed[lead..lead + body]);
                    emit.token(&text, Kind::Link, start + lead..start + lead + body, false);
                    self.plain(
                        &raw[start + lead + body..start + lead + body + tail],
                        start + lead + body,
                        emit,
                    );
                }
                None => self.plain(trimmed, start, emit),
            }
        }
    }

    /// Tokens of text without links, raw offsets shifted by `offset`. ASCII text is read from
    /// its bytes; other text is normalised character by character first.
    fn plain(&mut self, raw: &str, offset: usize, emit: &mut impl Emit) {
        let Tokenizer {
            chars,
            text,
            bytes,
            at,
        } = self;
        if raw.is_ascii() {
            cut_ascii(raw, offset, bytes, emit);
            return;
        }
        // Most text beyond ASCII is Latin letters with accents, typographic quotes and
        // dashes, and signs such as `¿`: each character becomes one character that the byte
        // path reads, so the whole text is cut from one byte per character.
        if units_of(raw, bytes, at) {
            let units = Units {
                raw,
                offset,
                bytes,
                at,
            };
            cut_units(&units, emit);
            return;
        }
        // A token never spans ASCII whitespace, so the text is cut in stretches between
        // it: stretches of ASCII words from their bytes, each word with other characters
        // through the general path.
        let units = bytes;
        let bytes = raw.as_bytes();
        let mut ascii_from = 0;
        let mut at = 0;
        while at < bytes.len() {
            if is_ascii_space(bytes[at]) {
                at += 1;
                continue;
            }
            let end = bytes[at..]
                .iter()
                .position(|&b| is_ascii_space(b))
                .map_or(bytes.len(), |n| at + n);
            if !bytes[at..end].is_ascii() {
                cut_ascii(&raw[ascii_from..at], offset + ascii_from, units, emit);
                chars.clear();
                push_chars(&raw[at..end], offset + at, chars);
                cut(chars.as_slice(), text, emit);
                ascii_from = end;
            }
            at = end;
        }
        cut_ascii(&raw[ascii_from..], offset + ascii_from, units, emit);
    }
}

/// The ASCII characters that `char::is_whitespace` holds for.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether a link may start somewhere in `raw`: it has `://`, `www.` or `@` (what
/// [`link_in`] looks for first).
fn may_hold_link(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    // One pass for the three: `@`, and the `:` and `.` where `://` and `www.` are looked for.
    memchr::memchr3_iter(b'@', b':', b'.', bytes).any(|i| match bytes[i] {
        b'@' => true,
        b':' => bytes.get(i + 1..i + 3) == Some(b"//".as_slice()),
        _ => i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
    })
}

/// A character that stays itself in its normal form, as a byte of [`Units::bytes`]: a sign
/// beyond ASCII (`¿`, `¡`, `€`), whose text is its raw text. (ASCII's own DEL reads the same:
/// a sign whose raw text is itself.)
const SELF: u8 = 0x7F;

/// Text cut from one byte per character: ASCII text, or text whose every character beyond
/// ASCII becomes one character of ASCII or stays a sign of its own.
struct Units<'a> {
    /// The raw text.
    raw: &'a str,
    /// Added to every raw offset handed out.
    offset: usize,
    /// One byte per character: the character's normal form, lower-cased, or [`SELF`].
    bytes: &'a str,
    /// Where each character starts in the raw text, then the raw text's length; empty when
    /// the raw text is ASCII (a character per byte).
    at: &'a [u32],
}

impl Units<'_> {
    /// Where character `i` starts in the raw text (or, at the end, the raw text's length).
    fn raw_at(&self, i: usize) -> usize {
        if self.at.is_empty() {
            i
        } else {
            self.at[i] as usize
        }
    }

    /// Whether character `i` is written in upper case.
    #[inline]
    fn upper(&self, i: usize) -> bool {
        let at = self.raw_at(i);
        match self.raw.as_bytes()[at] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.wide_upper(at),
        }
    }

    /// Whether the character beyond ASCII at raw byte `at` is upper case (out of line: the
    /// byte test above is made for every word).
    #[inline(never)]
    fn wide_upper(&self, at: usize) -> bool {
        self.raw[at..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// A letter or digit, in [`CLASS`].
const ALNUM: u8 = 1;
/// A digit, in [`CLASS`].
const DIGIT: u8 = 2;

/// What each byte of [`Units::bytes`] is to [`cut_units`]: [`ALNUM`], with [`DIGIT`] for a
/// digit, or nothing.
static CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_digit() {
            table[b] = ALNUM | DIGIT;
        } else if byte.is_ascii_alphabetic() {
            table[b] = ALNUM;
        }
        b += 1;
    }
    table
};

/// What each character beyond ASCII up to U+00FF, and each of U+2000 to U+203F, is as one
/// byte of [`Units::bytes`]: its one ASCII character, [`SELF`], or 0 when it is neither (it
/// becomes several characters, none, or a letter beyond ASCII). Made from [`decomposed`], so
/// the byte path reads each as the general path does.
fn unit_table() -> &'static [[u8; 64]; 3] {
    static TABLE: std::sync::OnceLock<[[u8; 64]; 3]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [[0; 64]; 3];
        for (row, first) in table.iter_mut().zip([0x80, 0xC0, 0x2000]) {
            for (k, unit) in row.iter_mut().enumerate() {
                if let Some(c) = char::from_u32(first + k as u32) {
                    *unit = unit_of(c);
                }
            }
        }
        table
    })
}

/// The byte of [`unit_table`] for `c`, if `c` is in the table and its byte is not 0.
fn unit_in_table(c: char) -> Option<u8> {
    let (row, k) = match u32::from(c) {
        n @ 0x80..=0xFF => (usize::from(n >= 0xC0), n & 0x3F),
        n @ 0x2000..=0x203F => (2, n & 0x3F),
        _ => return None,
    };
    Some(unit_table()[row][k as usize]).filter(|&unit| unit != 0)
}

/// [`unit_table`]'s byte for one character.
fn unit_of(c: char) -> u8 {
    let (mut first, mut n) = (None, 0);
    decomposed(c, |d| {
        first.get_or_insert(d);
        n += 1;
    });
    match first {
        Some(d) if n == 1 && d.is_ascii() && d != char::from(SELF) => d as u8,
        Some(d) if n == 1 && d == c && !c.is_alphanumeric() && !c.is_whitespace() => SELF,
        _ => 0,
    }
}

/// Reads `raw` (beyond ASCII) as one byte per character into `bytes`, with where each
/// character starts into `at`; false, with both left unfinished, when a character is not
/// one that the byte path reads.
pub(super) fn units_of(raw: &str, bytes: &mut String, at: &mut Vec<u32>) -> bool {
    let table = unit_table();
    let raw_bytes = raw.as_bytes();
    bytes.clear();
    at.clear();
    bytes.reserve(raw_bytes.len());
    at.reserve(raw_bytes.len() + 1);
    let mut i = 0;
    loop {
        // A run of ASCII, whole: its bytes are its characters.
        let run = ascii_run_end(raw_bytes, i);
        bytes.push_str(&raw[i..run]);
        at.extend(i as u32..run as u32);
        i = run;
        let Some(&b) = raw_bytes.get(i) else { break };
        let (unit, len) = match b {
            // U+0080 to U+00FF.
            0xC2 | 0xC3 => (
                table[usize::from(b & 1)][usize::from(raw_bytes[i + 1] & 0x3F)],
                2,
            ),
            // U+2000 to U+203F.
            0xE2 if raw_bytes[i + 1] == 0x80 => (table[2][usize::from(raw_bytes[i + 2] & 0x3F)], 3),
            _ => return false,
        };
        if unit == 0 {
            return false;
        }
        bytes.push(char::from(unit));
        at.push(i as u32);
        i += len;
    }
    at.push(raw_bytes.len() as u32);
    // The table's bytes are in lower case already, and SELF stays itself.
    bytes.make_ascii_lowercase();
    true
}

/// The end of the run of ASCII bytes from `from` on: the first byte beyond ASCII at or
/// after it, or the length of `bytes`. Read eight bytes at a time.
fn ascii_run_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(word) = bytes.get(at..at + 8) {
        let high = crate::swar::word(word) & crate::swar::HIGH;
        if high != 0 {
            // Little-endian: the first byte is the lowest.
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map_or(bytes.len(), |n| at + n)
}

/// [`cut`] for ASCII text, read from its bytes: the same tokens, the text lower-cased once.
fn cut_ascii(raw: &str, offset: usize, bytes: &mut String, emit: &mut impl Emit) {
    bytes.clear();
    bytes.push_str(raw);
    bytes.make_ascii_lowercase();
    let units = Units {
        raw,
        offset,
        bytes,
        at: &[],
    };
    cut_units(&units, emit);
}

/// [`cut`] for text read as one byte per character: the same tokens, each word's text a
/// slice of the bytes.
fn cut_units(units: &Units<'_>, emit: &mut impl Emit) {
    let bytes = units.bytes.as_bytes();
    let n = bytes.len();
    let next_at = |i: usize| bytes.get(i).copied();
    let raw = |chars: Range<usize>| {
        units.offset + units.raw_at(chars.start)..units.offset + units.raw_at(chars.end)
    };
    let mut i = 0;
    while i < n {
        let c = bytes[i];
        if is_ascii_space(c) {
            i += 1;
            continue;
        }
        let class = CLASS[usize::from(c)];
        if class & ALNUM != 0 {
            let start = i;
            let mut j = i + 1;
            let mut digits_only = class & DIGIT != 0;
            let mut dotted = false;
            // The hash of the word's text, byte by byte as it is read.
            let mut hash = hash_step(HASH_START, c);
            while j < n {
                let d = bytes[j];
                let class = CLASS[usize::from(d)];
                if class & ALNUM != 0 {
                    digits_only &= class & DIGIT != 0;
                    hash = hash_step(hash, d);
                    j += 1;
                    continue;
                }
                let prev = bytes[j - 1];
                let next = next_at(j + 1);
                let joins = match d {
                    b',' | b'.' | b'-' | b':' if digits_only => {
                        prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    b'\'' => {
                        prev.is_ascii_alphanumeric()
                            && next.is_some_and(|n| n.is_ascii_alphabetic())
                    }
                    b'.' => {
                        prev.is_ascii_alphanumeric()
                            && next.is_some_and(|n| n.is_ascii_alphanumeric())
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                dotted |= d == b'.';
                hash = hash_step(hash, d);
                j += 1;
            }
            if j < n
                && bytes[j] == b'.'
                && dotted
                && bytes[start..j].iter().enumerate().all(|(k, &b)| {
                    if k % 2 == 0 {
                        b.is_ascii_alphabetic()
                    } else {
                        b == b'.'
                    }
                })
            {
                hash = hash_step(hash, b'.');
                j += 1;
            }
            let kind = if digits_only {
                Kind::Number
            } else {
                Kind::Word
            };
            emit.unit(
                units.bytes,
                start..j,
                kind,
                raw(start..j),
                units.upper(start),
                hash,
            );
            i = j;
            continue;
        }
        if c == b'-'
            && i > 0
            && bytes[i - 1].is_ascii_alphanumeric()
            && next_at(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
            && !(bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
        {
            i += 1;
            continue;
        }
        let at = raw(i..i + 1);
        if c == SELF {
            emit.flush(units.bytes);
            let text = &units.raw[at.start - units.offset..at.end - units.offset];
            emit.token(text, Kind::Symbol, at, false);
        } else {
            emit.unit(units.bytes, i..i + 1, Kind::Symbol, at, false, 0);
        }
        i += 1;
    }
    emit.flush(units.bytes);
}

/// Normalised characters, by index: read from a buffer, or made from ASCII bytes on the way.
trait Chars {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> Char;
}

impl Chars for [Char] {
    fn len(&self) -> usize {
        <[Char]>::len(self)
    }

    fn at(&self, i: usize) -> Char {
        self[i]
    }
}

/// ASCII text as normalised characters: each byte lower-cased, where it is (the reference
/// that [`cut_ascii`] is tested against).
#[cfg(test)]
struct Ascii<'a> {
    bytes: &'a [u8],
    offset: usize,
}

#[cfg(test)]
impl Chars for Ascii<'_> {
    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn at(&self, i: usize) -> Char {
        ascii_char(char::from(self.bytes[i]), self.offset + i)
    }
}

/// Cuts normalised characters into tokens, each handed to `emit` with its text in `text`.
fn cut<C: Chars + ?Sized>(chars: &C, text: &mut String, emit: &mut impl Emit) {
    let at = |i: usize| chars.at(i).c;
    let next_at = |i: usize| (i < chars.len()).then(|| chars.at(i).c);
    let mut i = 0;
    while i < chars.len() {
        let c = at(i);
        if c.is_whitespace() || c == '\u{0B}' {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            let mut digits_only = c.is_ascii_digit();
            while j < chars.len() {
                let d = at(j);
                if d.is_alphanumeric() {
                    digits_only &= d.is_ascii_digit();
                    j += 1;
                    continue;
                }
                let prev = at(j - 1);
                let next = next_at(j + 1);
                let joins = match d {
                    // `1,140`, `218.40`, `800-555-0100`, `10:15`
                    ',' | '.' | '-' | ':' if digits_only => {
                        prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    // `don't`, `tony's`, `i'm`
                    '\'' => prev.is_alphanumeric() && next.is_some_and(char::is_alphabetic),
                    // `a.i`, `p.m`, `bit.ly`, `example.com`: a dot with a letter or digit
                    // right after it is inside a word, not the end of a sentence.
                    '.' => prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric),
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            }
            // The closing dot of `a.i.`, `p.m.`: part of the word, not a sentence end.
            if j < chars.len()
                && at(j) == '.'
                && (start..j).any(|k| at(k) == '.')
                && is_single_letter_run(chars, start..j)
            {
                j += 1;
            }
            text.clear();
            text.extend((start..j).map(at));
            emit.token(
                text,
                if digits_only {
                    Kind::Number
                } else {
                    Kind::Word
                },
                chars.at(start).raw_start..chars.at(j - 1).raw_end,
                chars.at(start).upper,
            );
            i = j;
            continue;
        }
        // A hyphen inside a word only separates its parts (`past-due`, `16-digit`, `x-ray`);
        // between two numbers it is a sign.
        if c == '-'
            && i > 0
            && at(i - 1).is_alphanumeric()
            && next_at(i + 1).is_some_and(char::is_alphanumeric)
            && !(at(i - 1).is_ascii_digit() && at(i + 1).is_ascii_digit())
        {
            i += 1;
            continue;
        }
        text.clear();
        text.push(c);
        let Char {
            raw_start, raw_end, ..
        } = chars.at(i);
        emit.token(text, Kind::Symbol, raw_start..raw_end, false);
        i += 1;
    }
}

/// Where a link is in a chunk without whitespace: the bytes before it, its length, the bytes
/// after it (closing punctuation).
fn link_in(chunk: &str) -> Option<(usize, usize, usize)> {
    let bytes = chunk.as_bytes();
    // Every link has `:`, `.` or `@` in it; most words have none.
    if !bytes.iter().any(|&b| matches!(b, b':' | b'.' | b'@')) {
        return None;
    }
    // The tests below are all ASCII and ignore case, so they read the chunk as written.
    let start = if let Some(i) = chunk.find("://") {
        // The scheme's letters before `://`.
        after_last(&chunk[..i], |c| {
            !c.is_ascii_alphanumeric() && c != '+' && c != '.' && c != '-'
        })
    } else if let Some(i) = bytes
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b"www."))
    {
        i
    } else if let Some(i) = chunk.find('@') {
        // An e-mail address: letters before and a dotted host after.
        let host = &chunk[i + 1..];
        if i == 0 || !host.contains('.') || !host.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return None;
        }
        after_last(&chunk[..i], |c| {
            !c.is_ascii_alphanumeric() && !"._%+-".contains(c)
        })
    } else {
        return None;
    };
    let rest = &chunk[start..];
    let body = rest.trim_end_matches(|c: char| ".,;:!?)]}\"'".contains(c));
    if body.is_empty() {
        return None;
    }
    Some((start, body.len(), rest.len() - body.len()))
}

/// The byte just after the last character of `text` that `stop` holds for (0 if none does).
fn after_last(text: &str, stop: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(j, c)| j + c.len_utf8())
}

/// Whether the characters of `range` are single letters separated by dots (`a.i`, `p.m`).
fn is_single_letter_run<C: Chars + ?Sized>(chars: &C, range: Range<usize>) -> bool {
    range.enumerate().all(|(k, i)| {
        let c = chars.at(i).c;
        if k % 2 == 0 {
            c.is_alphabetic()
        } else {
            c == '.'
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(raw: &str) -> Vec<String> {
        tokenize(raw).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn normalizes_like_the_detectors_read() {
        assert_eq!(
            normalize("  Esta   llamada\tpodrá\nser GRABADA  "),
            "esta llamada podra ser grabada"
        );
        assert_eq!(normalize("İstanbul ﬁle ８００"), "istanbul file 800");
        assert_eq!(
            normalize("I’m «here» a–b re\u{200B}corded"),
            "i'm \"here\" a-b recorded"
        );
    }

    #[test]
    fn cuts_words_numbers_links_and_symbols() {
        assert_eq!(
            words("Hi, I'm Ava. Call 1-800-555-0100 or visit https://bit.ly/x."),
            [
                "hi",
                ",",
                "i'm",
                "ava",
                ".",
                "call",
                "1-800-555-0100",
                "or",
                "visit",
                "https://bit.ly/x",
                "."
            ]
        );
        assert_eq!(
            words("Your past-due balance is $1,140.50 (A.I. agent, 10:15 a.m.)"),
            [
                "your", "past", "due", "balance", "is", "$", "1,140.50", "(", "a.i.", "agent", ",",
                "10:15", "a.m.", ")"
            ]
        );
        assert_eq!(
            words("¿Cuál es el número? Tony's Pizzeria' s"),
            [
                "¿", "cual", "es", "el", "numero", "?", "tony's", "pizzeria", "'", "s"
            ]
        );
        assert_eq!(
            words("Email help@example.com."),
            ["email", "help@example.com", "."]
        );
    }

    #[test]
    fn a_link_after_a_wide_character_starts_on_a_character() {
        for raw in ["00\u{a1}@a.0", "x\u{29c82}@m.co", "\u{e9}://a.b"] {
            for t in tokenize(raw) {
                assert!(raw.is_char_boundary(t.raw.start) && raw.is_char_boundary(t.raw.end));
            }
        }
        assert_eq!(words("\u{a1}ana@acme.com"), ["\u{a1}", "ana@acme.com"]);
    }

    type Cut = Vec<(String, Kind, Range<usize>, bool)>;

    /// Texts of characters that the tokenizer treats apart, drawn from a fixed seed.
    fn texts(alphabet: &[char]) -> Vec<String> {
        let mut rng = crate::test_rng::Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut next = move || rng.next();
        (0..20_000)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    fn collect(run: impl FnOnce(&mut dyn FnMut(&str, Kind, Range<usize>, bool))) -> Cut {
        let mut out = Vec::new();
        run(&mut |text, kind, raw, capital| out.push((text.to_string(), kind, raw, capital)));
        out
    }

    #[test]
    fn ascii_text_cuts_as_the_general_path_does() {
        let alphabet: Vec<char> = "aAbZi9 0m.,-:'`\t\n\u{b}$(\"".chars().collect();
        for raw in texts(&alphabet) {
            for offset in [0, 7] {
                let fast =
                    collect(|mut emit| cut_ascii(&raw, offset, &mut String::new(), &mut emit));
                let general = collect(|mut emit| {
                    let ascii = Ascii {
                        bytes: raw.as_bytes(),
                        offset,
                    };
                    cut(&ascii, &mut String::new(), &mut emit);
                });
                assert_eq!(fast, general, "{raw:?}");
            }
        }
    }

    #[test]
    fn normalizes_ascii_runs_as_character_by_character() {
        let alphabet: Vec<char> =
            "aZ9 .'\t\n\u{b}\u{c}\u{e9}\u{a0}\u{2019}\u{130}\u{fb01}\u{200b}\u{301}"
                .chars()
                .collect();
        for raw in texts(&alphabet) {
            assert_eq!(normalize(&raw), normalize_by_char(&raw), "{raw:?}");
        }
    }

    #[test]
    fn normal_chars_are_those_of_the_normal_form() {
        let alphabet: Vec<char> =
            "aZ9 .'\t\n\u{b}\u{c}\u{e9}\u{a0}\u{2019}\u{130}\u{fb01}\u{200b}\u{301}\u{bf}\u{2174}"
                .chars()
                .collect();
        for raw in texts(&alphabet) {
            let mut chars = String::new();
            each_normal_char(&raw, |c| chars.push(c));
            let folded: Vec<&str> = chars
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(folded.join(" "), normalize(&raw), "{raw:?}");
        }
    }

    #[test]
    fn mixed_text_cuts_as_the_general_path_does() {
        let alphabet: Vec<char> =
            "aAi9 0.,-:'\t\n\u{e9}\u{2019}\u{2013}\u{130}\u{bf}\u{a0}\u{200b}"
                .chars()
                .collect();
        for raw in texts(&alphabet) {
            let fast = collect(|emit| Tokenizer::default().plain(&raw, 3, &mut { emit }));
            let general = collect(|mut emit| {
                let mut chars = Vec::new();
                push_chars(&raw, 3, &mut chars);
                cut(chars.as_slice(), &mut String::new(), &mut emit);
            });
            assert_eq!(fast, general, "{raw:?}");
        }
    }

    /// The general path's tokens of `raw`, offsets shifted by 3.
    fn general(raw: &str) -> Cut {
        collect(|mut emit| {
            let mut chars = Vec::new();
            push_chars(raw, 3, &mut chars);
            cut(chars.as_slice(), &mut String::new(), &mut emit);
        })
    }

    #[test]
    fn text_read_a_byte_a_character_cuts_as_the_general_path_does() {
        // Characters the byte path reads (accented letters, typographic quotes and dashes,
        // signs, spaces, a superscript digit), and a few it leaves to the general path
        // (a dotted capital I, a ligature, a letter beyond ASCII, a zero-width space).
        let alphabet: Vec<char> = "aAi9 0.,-:'\t\n\u{e9}\u{c9}\u{f1}\u{d1}\u{2019}\u{201c}\
             \u{2013}\u{bf}\u{a1}\u{a0}\u{b2}\u{aa}\u{d7}\u{2026}\u{130}\u{fb01}\u{e6}\u{200b}"
            .chars()
            .collect();
        let mut by_bytes = 0;
        for raw in texts(&alphabet) {
            by_bytes += usize::from(units_of(&raw, &mut String::new(), &mut Vec::new()));
            let fast = collect(|emit| Tokenizer::default().plain(&raw, 3, &mut { emit }));
            assert_eq!(fast, general(&raw), "{raw:?}");
        }
        // Both paths were taken.
        assert!(by_bytes > 1_000 && by_bytes < 19_000, "{by_bytes}");
    }

    #[test]
    fn every_character_of_the_table_cuts_as_the_general_path_does() {
        let chars = (0x80..=0xFF)
            .chain(0x2000..=0x203F)
            .filter_map(char::from_u32);
        for c in chars {
            for raw in [
                format!("{c}"),
                format!("a{c}b"),
                format!("Ab{c}"),
                format!("{c}cd e"),
                format!("1{c}2"),
                format!("x.{c}.y"),
                format!("a{c}'s"),
            ] {
                let fast = collect(|emit| Tokenizer::default().plain(&raw, 3, &mut { emit }));
                assert_eq!(fast, general(&raw), "{c:?} in {raw:?}");
            }
        }
    }

    #[test]
    fn text_without_links_cuts_whole_as_chunk_by_chunk() {
        let alphabet: Vec<char> =
            "aAi9 0.,-:'\t\n\u{e9}\u{2019}\u{2013}\u{130}\u{bf}\u{a0}\u{200b}"
                .chars()
                .collect();
        for raw in texts(&alphabet) {
            assert!(!may_hold_link(&raw));
            let whole = collect(|mut emit| Tokenizer::default().run(&raw, &mut emit));
            let chunked = collect(|mut emit| Tokenizer::default().chunked(&raw, &mut emit));
            assert_eq!(whole, chunked, "{raw:?}");
        }
    }

    #[test]
    fn the_table_answers_what_a_character_may_become_as_its_decomposition_does() {
        let tests: [fn(char) -> bool; 4] = [
            |d| d.is_ascii_digit(),
            |d| d == 'n' || d == 'c',
            |d| d.is_alphanumeric(),
            |d| !d.is_ascii(),
        ];
        for c in (0x80..=0xFF)
            .chain(0x2000..=0x203F)
            .filter_map(char::from_u32)
        {
            for wanted in tests {
                let (mut empty, mut hit) = (true, false);
                decomposed(c, |d| {
                    empty = false;
                    hit |= wanted(d);
                });
                assert_eq!(may_normalize_into(c, wanted), empty || hit, "{c:?}");
            }
        }
    }

    #[test]
    fn an_ascii_run_ends_at_the_first_byte_beyond_ascii() {
        let text = "abcdefghij\u{e9}klmnopqrstuvwxyz\u{2019}";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| from + n);
            assert_eq!(ascii_run_end(bytes, from), expected, "from {from}");
        }
    }

    /// The words handed with a hash, each with it.
    struct Hashes(Vec<(String, u32)>);

    impl Emit for Hashes {
        fn token(&mut self, _: &str, _: Kind, _: Range<usize>, _: bool) {}

        fn hashed(&mut self, text: &str, _: Kind, _: Range<usize>, _: bool, hash: u32) {
            self.0.push((text.to_string(), hash));
        }
    }

    #[test]
    fn the_hash_made_while_reading_a_word_is_the_hash_of_its_text() {
        let alphabet: Vec<char> = "aAi9 0.,-:'$\t\n\u{e9}\u{2019}\u{2013}\u{bf}\u{a0}\u{130}@/"
            .chars()
            .collect();
        let mut words = 0;
        for raw in texts(&alphabet)
            .into_iter()
            .chain(["a.i. p.m. 1,140.50 don't x-ray \u{c9}t\u{e9}".to_string()])
        {
            let mut hashes = Hashes(Vec::new());
            Tokenizer::default().run(&raw, &mut hashes);
            for (text, hash) in hashes.0 {
                assert_eq!(hash, super::super::forms::hash(text.as_bytes()), "{text:?}");
                words += 1;
            }
        }
        assert!(words > 20_000, "{words}");
    }

    #[test]
    fn finds_the_marks_of_links() {
        for raw in ["see www.x.org", "WWW.X", "a://b", "me@x.io", "x:// y"] {
            assert!(may_hold_link(raw), "{raw:?}");
        }
        for raw in ["ww.x", "a:/b", "10:15 a.m.", "w.w.w", ":", "."] {
            assert!(!may_hold_link(raw), "{raw:?}");
        }
    }

    #[test]
    fn keeps_raw_offsets_and_capitals() {
        let raw = "Llámenos AL número";
        let tokens = tokenize(raw);
        assert_eq!(&raw[tokens[0].raw.clone()], "Llámenos");
        assert_eq!(&raw[tokens[2].raw.clone()], "número");
        assert_eq!(tokens[2].text, "numero");
        assert!(tokens[0].capital && tokens[1].capital && !tokens[2].capital);
    }
}
