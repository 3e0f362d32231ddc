//! The fast reading of a well-formed document: a strict recogniser over the source's bytes that
//! fills the same tree the quick-xml reading does, from the same pieces.
//!
//! It reads only what it is sure of: names of ASCII letters, digits and `_ : . -`, attributes
//! written `name="value"` or `name='value'`, text with references, CDATA sections, comments
//! without `--`, and an XML declaration at the start. Everything else (any malformation, a
//! DOCTYPE, a processing instruction, a byte-order mark, a name outside that alphabet, a broken
//! limit) makes it give up, and the document is read again by quick-xml, whose reading gives
//! every diagnostic.
//! What it accepts, quick-xml accepts with the same events, and both feed those events to the
//! same methods of [`Parser`]; the references and attribute values are resolved by
//! quick-xml's own functions.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::BytesRef;
use quick_xml::events::attributes::Attribute as XmlAttribute;
use quick_xml::name::QName;

use super::{AttributeNode, ByteSpan, MAX_SUPPORTED_DEPTH, Parser, normalize_line_ends};
use crate::grammar::is_xml_char;

/// The fast reading gave up: the document is to be read by quick-xml.
#[derive(Debug)]
pub(super) struct GiveUp;

/// Whitespace as XML (and quick-xml) counts it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// For each byte, whether a name may start with it here (bit 1) and continue with it (bit 2).
const NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            table[b] = 3;
        } else if c.is_ascii_digit() || c == b'.' || c == b'-' {
            table[b] = 2;
        }
        b += 1;
    }
    table
};

/// Bytes a name may start with here.
fn is_name_start(b: u8) -> bool {
    NAME_BYTES[usize::from(b)] & 1 != 0
}

/// Bytes a name may continue with here.
fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[usize::from(b)] & 2 != 0
}

/// The end of the name that starts at `at`.
fn name_end(bytes: &[u8], at: usize) -> Result<usize, GiveUp> {
    match bytes.get(at) {
        Some(&b) if is_name_start(b) => {}
        _ => return Err(GiveUp),
    }
    let mut end = at + 1;
    while bytes.get(end).is_some_and(|&b| is_name_byte(b)) {
        end += 1;
    }
    Ok(end)
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| is_space(b)) {
        at += 1;
    }
    at
}

/// What a reference stands for.
enum Resolved {
    Entity(&'static str),
    Character(char),
}

impl Resolved {
    fn write(self, utf8: &mut [u8; 4]) -> &str {
        match self {
            Resolved::Entity(s) => s,
            Resolved::Character(c) => c.encode_utf8(utf8),
        }
    }
}

/// The reference at `at` (its `&`) resolved as quick-xml's reading resolves a `GeneralRef`
/// event, and the offset after its `;`.
fn resolve_reference(source: &str, at: usize) -> Result<(Resolved, usize), GiveUp> {
    let bytes = source.as_bytes();
    if let Some((replacement, after)) = predefined_entity(bytes, at) {
        return Ok((Resolved::Entity(replacement), after));
    }
    let stop = memchr::memchr3(b';', b'&', b'<', &bytes[at + 1..]).ok_or(GiveUp)? + at + 1;
    if bytes[stop] != b';' {
        return Err(GiveUp);
    }
    let name = &source[at + 1..stop];
    // A reference without `#` is no character reference (`resolve_char_ref` gives `None`).
    let resolved = if name.starts_with('#') {
        match BytesRef::new(name).resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Resolved::Character(c),
            _ => return Err(GiveUp),
        }
    } else {
        Resolved::Entity(resolve_predefined_entity(name).ok_or(GiveUp)?)
    };
    Ok((resolved, stop + 1))
}

/// One of the five predefined entities written at `at` (its `&`), with the offset after its `;`:
/// what `resolve_predefined_entity` gives for the name up to the first `;`.
fn predefined_entity(bytes: &[u8], at: usize) -> Option<(&'static str, usize)> {
    let rest = bytes.get(at + 1..)?;
    let (replacement, len) = match rest.first()? {
        b'a' if rest.starts_with(b"amp;") => ("&", 4),
        b'a' if rest.starts_with(b"apos;") => ("'", 5),
        b'l' if rest.starts_with(b"lt;") => ("<", 3),
        b'g' if rest.starts_with(b"gt;") => (">", 3),
        b'q' if rest.starts_with(b"quot;") => ("\"", 5),
        _ => return None,
    };
    Some((replacement, at + 1 + len))
}

/// An attribute value normalised as quick-xml's `normalized_value` does it, when it holds no
/// whitespace to normalise and only predefined entities; `None` otherwise.
fn value_with_entities(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut value = String::with_capacity(raw.len());
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[at..]) {
        let reference = at + found;
        value.push_str(&raw[at..reference]);
        let (replacement, after) = predefined_entity(bytes, reference)?;
        value.push_str(replacement);
        at = after;
    }
    value.push_str(&raw[at..]);
    Some(value)
}

impl<'s> Parser<'s, '_> {
    /// Reads the whole document without quick-xml's reader, or gives up.
    pub(super) fn run_fast(&mut self) -> Result<(), GiveUp> {
        let source = self.source;
        let bytes = source.as_bytes();
        let mut at = self.byte_order_mark();
        if bytes[at..].starts_with(b"<?xml") {
            // The declaration ends at the first `?>`; quick-xml reads it as one when `xml` is
            // followed by whitespace or nothing.
            let close = memchr::memmem::find(&bytes[at + 2..], b"?>").ok_or(GiveUp)? + at + 2;
            let content = &bytes[at + 2..close];
            if content.len() > 3 && !is_space(content[3]) {
                return Err(GiveUp);
            }
            at = close + 2;
        }
        loop {
            // Markup often follows markup: no search then.
            if bytes.get(at) == Some(&b'<') {
                at = self.fast_markup(at)?;
                continue;
            }
            let Some(found) = memchr::memchr(b'<', &bytes[at..]) else {
                if at < bytes.len() {
                    self.fast_run(at, bytes.len())?;
                }
                return self.fast_end_of_input();
            };
            let mark = at + found;
            if mark > at {
                self.fast_run(at, mark)?;
            }
            at = self.fast_markup(mark)?;
        }
    }

    /// The text from `start` to the next markup (or the end, `end`): quick-xml's `Text` events
    /// for the stretches between references and `GeneralRef` events for the references. When
    /// it holds references and no carriage return, the text is made in one buffer, as the
    /// events would make it.
    fn fast_run(&mut self, start: usize, end: usize) -> Result<(), GiveUp> {
        let source = self.source;
        let run = &source[start..end];
        let Some(first) = memchr::memchr2(b'&', b'\r', run.as_bytes()) else {
            let _ = self.add_text(Cow::Borrowed(run), start, end);
            return Ok(());
        };
        if memchr::memchr(b'\r', &run.as_bytes()[first..]).is_some() {
            // Carriage returns are normalised in each stretch between references, as quick-xml's
            // events give them.
            let Some(first) = memchr::memchr(b'&', run.as_bytes()) else {
                self.fast_text(start, end);
                return Ok(());
            };
            let mut at = start;
            let mut reference = start + first;
            loop {
                if reference > at {
                    self.fast_text(at, reference);
                }
                let (resolved, after) = resolve_reference(source, reference)?;
                let mut utf8 = [0u8; 4];
                self.add_resolved_text(resolved.write(&mut utf8), reference, after);
                at = after;
                match memchr::memchr(b'&', &source.as_bytes()[at..end]) {
                    Some(next) => reference = at + next,
                    None => break,
                }
            }
            if at < end {
                self.fast_text(at, end);
            }
            return Ok(());
        }
        // The run is resolved straight into the document's buffer, after the pending text.
        let begin = self.resolving(start);
        self.resolved.reserve(run.len());
        let mut at = start;
        let mut reference = start + first;
        loop {
            self.resolved.push_str(&source[at..reference]);
            let (resolved, after) = resolve_reference(source, reference)?;
            let mut utf8 = [0u8; 4];
            self.resolved.push_str(resolved.write(&mut utf8));
            at = after;
            match memchr::memchr(b'&', &source.as_bytes()[at..end]) {
                Some(next) => reference = at + next,
                None => break,
            }
        }
        self.resolved.push_str(&source[at..end]);
        self.resolved_up_to(begin, end);
        Ok(())
    }

    /// Text between markup and references, as quick-xml's `Text` event gives it.
    fn fast_text(&mut self, start: usize, end: usize) {
        let source = self.source;
        let text = normalize_line_ends(&source[start..end]);
        // Adding text never fails; the result is kept for the day it might.
        let _ = self.add_text(text, start, end);
    }

    /// Markup at `at` (its `<`); returns the offset after its `>`.
    fn fast_markup(&mut self, at: usize) -> Result<usize, GiveUp> {
        let bytes = self.source.as_bytes();
        match bytes.get(at + 1) {
            Some(b'/') => self.fast_end_tag(at),
            Some(b'!') => match bytes.get(at + 2) {
                Some(b'-') => self.fast_comment(at),
                Some(b'[') => self.fast_cdata(at),
                _ => Err(GiveUp),
            },
            Some(b'?') | None => Err(GiveUp),
            Some(_) => self.fast_start_tag(at),
        }
    }

    fn fast_comment(&mut self, at: usize) -> Result<usize, GiveUp> {
        let bytes = self.source.as_bytes();
        if !bytes[at..].starts_with(b"<!--") {
            return Err(GiveUp);
        }
        // The first `--` after `<!--` must be the comment's end: quick-xml refuses one inside
        // a comment, or one before its closing `>`.
        let body = at + 4;
        let dashes = memchr::memmem::find(&bytes[body..], b"--").ok_or(GiveUp)? + body;
        if bytes.get(dashes + 2) != Some(&b'>') {
            return Err(GiveUp);
        }
        self.fast_flush()?;
        let after = dashes + 3;
        let source = self.source;
        self.add_comment(&source[body..dashes], ByteSpan::new(at..after));
        Ok(after)
    }

    fn fast_cdata(&mut self, at: usize) -> Result<usize, GiveUp> {
        let bytes = self.source.as_bytes();
        if !bytes[at..].starts_with(b"<![CDATA[") {
            return Err(GiveUp);
        }
        let body = at + 9;
        let close = memchr::memmem::find(&bytes[body..], b"]]>").ok_or(GiveUp)? + body;
        let after = close + 3;
        let source = self.source;
        let text = normalize_line_ends(&source[body..close]);
        let _ = self.add_text(text, at, after);
        Ok(after)
    }

    fn fast_end_tag(&mut self, at: usize) -> Result<usize, GiveUp> {
        let bytes = self.source.as_bytes();
        let &open = self.open.last().ok_or(GiveUp)?;
        let name = self.elements[open as usize].name.as_bytes();
        let name_at = at + 2;
        if !bytes[name_at..].starts_with(name) {
            return Err(GiveUp);
        }
        let close = skip_spaces(bytes, name_at + name.len());
        if bytes.get(close) != Some(&b'>') {
            return Err(GiveUp);
        }
        self.fast_flush()?;
        self.end(close + 1);
        Ok(close + 1)
    }

    fn fast_start_tag(&mut self, before: usize) -> Result<usize, GiveUp> {
        let source = self.source;
        let bytes = source.as_bytes();
        self.fast_flush()?;
        if self.open.is_empty() && !self.elements.is_empty() {
            return Err(GiveUp);
        }
        if self.open.len() >= self.options.max_depth.min(MAX_SUPPORTED_DEPTH) {
            return Err(GiveUp);
        }
        let name_start = before + 1;
        let name_stop = name_end(bytes, name_start)?;
        let name = &source[name_start..name_stop];
        let first_attribute = self.attributes.len();
        let mut at = name_stop;
        let empty = loop {
            match bytes.get(at) {
                Some(b'>') => {
                    at += 1;
                    break false;
                }
                Some(b'/') if bytes.get(at + 1) == Some(&b'>') => {
                    at += 2;
                    break true;
                }
                Some(&b) if is_space(b) => {
                    at += 1;
                    continue;
                }
                // An attribute follows a name only after whitespace.
                Some(_) if at > name_stop => {}
                _ => return Err(GiveUp),
            }
            let key_start = at;
            let key_stop = name_end(bytes, key_start)?;
            let key = &source[key_start..key_stop];
            let eq = skip_spaces(bytes, key_stop);
            if bytes.get(eq) != Some(&b'=') {
                return Err(GiveUp);
            }
            let open_quote = skip_spaces(bytes, eq + 1);
            let quote = match bytes.get(open_quote) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return Err(GiveUp),
            };
            let value_start = open_quote + 1;
            let value_stop =
                memchr::memchr(quote, &bytes[value_start..]).ok_or(GiveUp)? + value_start;
            at = value_stop + 1;
            if self.attributes[first_attribute..]
                .iter()
                .any(|kept| kept.name == key)
            {
                return Err(GiveUp);
            }
            let raw_value = &source[value_start..value_stop];
            let (mut entities, mut whitespace) = (false, false);
            for &b in raw_value.as_bytes() {
                entities |= b == b'&';
                whitespace |= matches!(b, b'\t' | b'\n' | b'\r');
            }
            let value = if !(entities || whitespace) {
                Cow::Borrowed(raw_value)
            } else if !whitespace && let Some(value) = value_with_entities(raw_value) {
                Cow::Owned(value)
            } else {
                self.character_reference_in_value |= raw_value.contains("&#");
                let attribute = XmlAttribute {
                    key: QName(key),
                    value: Cow::Borrowed(raw_value),
                };
                match attribute.normalized_value(XmlVersion::Implicit1_0) {
                    Ok(v) => Cow::Owned(v.into_owned()),
                    Err(_) => return Err(GiveUp),
                }
            };
            self.attributes.push(AttributeNode {
                name: key,
                value,
                name_span: ByteSpan::new(key_start..key_stop),
                value_span: ByteSpan::new(value_start..value_stop),
                spec: None,
            });
        };
        self.open_element(
            name,
            name_start..name_stop,
            before..at,
            first_attribute,
            empty,
        );
        Ok(at)
    }

    /// Ends the pending text, if any; gives up where quick-xml's reading would refuse it.
    #[inline]
    fn fast_flush(&mut self) -> Result<(), GiveUp> {
        if self.text.is_none() {
            return Ok(());
        }
        self.flush_text().map_err(|_| GiveUp)
    }

    fn fast_end_of_input(&mut self) -> Result<(), GiveUp> {
        self.fast_flush()?;
        if !self.open.is_empty() || self.elements.is_empty() {
            return Err(GiveUp);
        }
        Ok(())
    }
}
