//! Reading TwiML: a located tree, every part with its byte range.
//!
//! A well-formed document is read by a tokenizer of this crate (`fast`), which gives up on
//! anything it is not sure of; the document is then read from quick-xml's events, which the
//! tokenizer's tree matches part for part, and which give every error.
//!
//! The tree borrows from the source wherever it can: names always, text and attribute values
//! unless a reference had to be resolved. Whatever the input, parsing ends: the size and the
//! nesting depth are bounded, a DOCTYPE (and with it every entity declaration) is refused
//! outright, and only the five predefined entities and character references are resolved.
//! A document that is not well-formed gets one error with its position; everything else is
//! left to the checks.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{EscapeError, resolve_predefined_entity};
use quick_xml::events::Event;
use quick_xml::events::attributes::AttrError;
use quick_xml::reader::Reader;

use crate::diagnostic::{Diagnostic, checks};
use crate::grammar::{describe, is_xml_char};
use crate::schema::{AttributeSpec, Dialect, ELEMENTS, ElementId, ElementKind, lookup};
use crate::tree::{Attribute, Content, Document, Part, Path, Tag, Value};

/// The deepest nesting any option allows: the checks walk the tree recursively.
const MAX_SUPPORTED_DEPTH: usize = 1024;

/// A range of bytes in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ByteSpan {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset just past the last byte.
    pub end: u32,
}

impl ByteSpan {
    /// The span of `range`, clamped to what `u32` holds (sources are bounded far below).
    pub fn new(range: Range<usize>) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ByteSpan {
            start: clamp(range.start),
            end: clamp(range.end.max(range.start)),
        }
    }

    /// The span as a `usize` range.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Limits and expectations for parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Larger inputs are refused before parsing (TW0004). The default, 1 MiB, sits well
    /// above Twilio's 64 KB limit so that documents between the two get the size check
    /// (TW0201, Twilio 11750) instead.
    pub max_bytes: usize,
    /// Deeper nesting is refused (TW0003). TwiML's grammar nests about five deep; SSML may
    /// nest further. The default is 64; values above 1024 count as 1024, which bounds the
    /// stack the checks use.
    pub max_depth: usize,
    /// The dialect the caller expects. A document of another dialect gets TW0303.
    pub expect: Option<Dialect>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_bytes: 1 << 20,
            max_depth: 64,
            expect: None,
        }
    }
}

impl ParseOptions {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Expect a document of `dialect`.
    pub fn expect(mut self, dialect: Dialect) -> Self {
        self.expect = Some(dialect);
        self
    }

    /// Refuse inputs larger than `bytes`.
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// Refuse nesting deeper than `depth`.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }
}

/// A parsed element.
#[derive(Debug, Clone)]
struct ElementNode<'s> {
    name: &'s str,
    tag: Tag<'s>,
    /// The name in the start tag.
    name_span: ByteSpan,
    /// From `<` of the start tag to `>` of the end tag.
    span: ByteSpan,
    attributes: Range<u32>,
    content: Range<u32>,
}

#[derive(Debug, Clone)]
struct AttributeNode<'s> {
    name: &'s str,
    value: Cow<'s, str>,
    name_span: ByteSpan,
    value_span: ByteSpan,
    spec: Option<&'static AttributeSpec>,
}

#[derive(Debug, Clone)]
enum Item<'s> {
    Element(u32),
    Text(Piece<'s>, ByteSpan),
    Comment(&'s str, ByteSpan),
}

/// A text: the source's own bytes, or, when references or carriage returns had to be
/// resolved, a range of the document's one buffer of resolved text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'s> {
    Source(&'s str),
    Resolved(usize, usize),
}

impl<'s> Piece<'s> {
    /// The text, from the source or from `resolved`, the buffer of the document it belongs to.
    fn text<'t>(self, resolved: &'t str) -> &'t str
    where
        's: 't,
    {
        match self {
            Piece::Source(text) => text,
            Piece::Resolved(start, end) => resolved.get(start..end).unwrap_or_default(),
        }
    }
}

/// A well-formed XML document, as a tree whose every part knows where it is in the source.
#[derive(Debug, Clone)]
pub struct ParsedDocument<'s> {
    source: &'s str,
    dialect: Dialect,
    /// Elements in document order; the root is the first.
    elements: Vec<ElementNode<'s>>,
    attributes: Vec<AttributeNode<'s>>,
    content: Vec<Item<'s>>,
    /// Comments before and after the root element.
    prolog: Vec<(&'s str, ByteSpan)>,
    epilog: Vec<(&'s str, ByteSpan)>,
    /// The texts that are not the source's own bytes, one after another.
    resolved: String,
    /// Whether the document dialect differs from the one the caller expected.
    unexpected_dialect: Option<Dialect>,
    /// Whether no text, attribute value or comment can hold a character XML 1.0 cannot
    /// carry: the source holds none of the bytes that begin one, and no attribute value holds
    /// a character reference (those in text are refused when parsed).
    only_xml_characters: bool,
}

/// Parses `source`. A document that is not well-formed (or breaks a parsing limit) gets one
/// error, located where parsing stopped.
///
/// # Errors
///
/// The diagnostic that stopped parsing: TW0001 (not well-formed), TW0002 (a DOCTYPE),
/// TW0003 (too deep), TW0004 (too large), TW0005 (a character XML 1.0 cannot carry, written
/// as a reference).
pub fn parse<'s>(
    source: &'s str,
    options: &ParseOptions,
) -> Result<ParsedDocument<'s>, Diagnostic<ByteSpan>> {
    if source.len() > options.max_bytes {
        return Err(too_large(options));
    }
    let mut parser = Parser::new(source, options);
    if parser.run_fast().is_err() {
        parser = Parser::new(source, options);
        parser.run()?;
    }
    Ok(parser.finish(options.expect))
}

/// Parses `source` with the fast reading alone (`None` when it gives up) or with quick-xml
/// alone, for the tests that compare the two.
#[cfg(test)]
fn parse_by<'s>(
    source: &'s str,
    options: &ParseOptions,
    fast: bool,
) -> Option<Result<ParsedDocument<'s>, Diagnostic<ByteSpan>>> {
    if source.len() > options.max_bytes {
        return Some(Err(too_large(options)));
    }
    let mut parser = Parser::new(source, options);
    if fast {
        parser.run_fast().ok()?;
    } else if let Err(e) = parser.run() {
        return Some(Err(e));
    }
    Some(Ok(parser.finish(options.expect)))
}

/// TW0004: an input over the parser's limit. Its whole length is not given: a caller that
/// reads one byte past the limit, and no more, knows only that it is longer.
fn too_large(options: &ParseOptions) -> Diagnostic<ByteSpan> {
    Diagnostic::new(
        &checks::INPUT_TOO_LARGE,
        format!(
            "the input is longer than {} bytes, the most the parser reads",
            options.max_bytes
        ),
        ByteSpan::new(0..0),
    )
    .with_help("raise the limit (`ParseOptions::max_bytes`, `--max-bytes`) if the document is meant to be this long")
}

/// `little-endian` or `big-endian` when `bytes` start with a UTF-16 byte-order mark.
fn utf16_byte_order(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("little-endian"),
        [0xFE, 0xFF, ..] => Some("big-endian"),
        _ => None,
    }
}

/// Parses bytes that should be UTF-8. A file over the limit is reported as such whatever it
/// holds, and a UTF-16 file (one that starts with its byte-order mark) is named as one: TwiML
/// is read as UTF-8.
///
/// # Errors
///
/// TW0001 when the bytes are not UTF-8, or any error of [`parse`].
pub fn parse_bytes<'s>(
    bytes: &'s [u8],
    options: &ParseOptions,
) -> Result<ParsedDocument<'s>, Diagnostic<ByteSpan>> {
    if bytes.len() > options.max_bytes {
        return Err(too_large(options));
    }
    if let Some(order) = utf16_byte_order(bytes) {
        return Err(Diagnostic::new(
            &checks::MALFORMED_XML,
            format!("the input is UTF-16 ({order}, by its byte-order mark), not UTF-8"),
            ByteSpan::new(0..2),
        )
        .with_help("save the file as UTF-8"));
    }
    match std::str::from_utf8(bytes) {
        Ok(source) => parse(source, options),
        Err(e) => {
            let at = e.valid_up_to();
            Err(Diagnostic::new(
                &checks::MALFORMED_XML,
                "the input is not UTF-8",
                ByteSpan::new(at..at + 1),
            )
            .with_help("save the file as UTF-8"))
        }
    }
}

/// Text being collected from consecutive text, reference and CDATA events.
struct PendingText<'s> {
    text: Piece<'s>,
    start: usize,
    end: usize,
}

struct Parser<'s, 'o> {
    source: &'s str,
    options: &'o ParseOptions,
    reader: Reader<&'s [u8]>,
    elements: Vec<ElementNode<'s>>,
    attributes: Vec<AttributeNode<'s>>,
    content: Vec<Item<'s>>,
    /// Items of the open elements, innermost last; `marks` says where each element's begin.
    pending: Vec<Item<'s>>,
    marks: Vec<usize>,
    /// Open elements, innermost last.
    open: Vec<u32>,
    text: Option<PendingText<'s>>,
    /// The texts resolved so far (see [`Piece`]); the pending text, when resolved, is last.
    resolved: String,
    prolog: Vec<(&'s str, ByteSpan)>,
    epilog: Vec<(&'s str, ByteSpan)>,
    root_closed: bool,
    /// Whether an attribute value holds a character reference (`&#...;`).
    character_reference_in_value: bool,
}

impl<'s, 'o> Parser<'s, 'o> {
    fn new(source: &'s str, options: &'o ParseOptions) -> Self {
        let mut reader = Reader::from_str(source);
        let config = reader.config_mut();
        config.enable_all_checks(true);
        config.expand_empty_elements = false;
        config.trim_text(false);
        // Size the arenas once, from the length: TwiML spends at least 32 bytes on an
        // element and 24 on an attribute (`<Pause length="2"/>` is 20 bytes with its end).
        // Growing the arenas by doubling costs more than the memory this may leave unused.
        let tags = source.len() / 16;
        let equals = source.len() / 24;
        Parser {
            source,
            options,
            reader,
            elements: Vec::with_capacity(tags / 2 + 1),
            attributes: Vec::with_capacity(equals),
            content: Vec::with_capacity(tags + 1),
            pending: Vec::with_capacity(64),
            marks: Vec::with_capacity(16),
            open: Vec::with_capacity(16),
            text: None,
            resolved: String::new(),
            prolog: Vec::new(),
            epilog: Vec::new(),
            root_closed: false,
            character_reference_in_value: false,
        }
    }

    fn error(
        &self,
        check: &'static crate::diagnostic::CheckInfo,
        message: impl Into<std::borrow::Cow<'static, str>>,
        span: Range<usize>,
    ) -> Diagnostic<ByteSpan> {
        let start = char_boundary(self.source, span.start);
        let mut end = span.end.clamp(start, self.source.len());
        while !self.source.is_char_boundary(end) {
            end += 1;
        }
        Diagnostic::new(check, message, ByteSpan::new(start..end))
    }

    fn malformed(
        &self,
        message: impl Into<std::borrow::Cow<'static, str>>,
        span: Range<usize>,
    ) -> Diagnostic<ByteSpan> {
        self.error(&checks::MALFORMED_XML, message, span)
    }

    /// The offset of `part` (a slice of the source) and the same text with the source's
    /// lifetime.
    fn locate(&self, part: &str) -> Option<(usize, &'s str)> {
        let start = (part.as_ptr() as usize).checked_sub(self.source.as_ptr() as usize)?;
        let text = self.source.get(start..start.checked_add(part.len())?)?;
        Some((start, text))
    }

    /// The length of the byte-order mark the source starts with: quick-xml skips it, and its
    /// positions do not count it.
    fn byte_order_mark(&self) -> usize {
        if self.source.starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        }
    }

    fn run(&mut self) -> Result<(), Diagnostic<ByteSpan>> {
        let bom = self.byte_order_mark();
        loop {
            let before = self.reader.buffer_position() as usize + bom;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.xml_error(&e)),
            };
            let after = self.reader.buffer_position() as usize + bom;
            match event {
                Event::Text(t) => {
                    let raw: &str = &t;
                    let Some((start, raw)) = self.locate(raw) else {
                        return Err(self.malformed("text could not be located", before..after));
                    };
                    let text = normalize_line_ends(raw);
                    self.add_text(text, start, start + raw.len())?;
                }
                Event::GeneralRef(r) => {
                    let mut utf8 = [0u8; 4];
                    let resolved: &str = match r.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => c.encode_utf8(&mut utf8),
                        Ok(Some(c)) => {
                            return Err(self.error(
                                &checks::INVALID_XML_CHARACTER,
                                format!(
                                    "the reference stands for {}, which XML 1.0 cannot carry",
                                    describe(c)
                                ),
                                before..after,
                            ));
                        }
                        Ok(None) => match resolve_predefined_entity(&r) {
                            Some(s) => s,
                            None => {
                                let name: &str = &r;
                                return Err(self
                                    .malformed(format!("unknown entity `&{name};`"), before..after)
                                    .with_help("only `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` are defined; write `&amp;` for a literal `&`"));
                            }
                        },
                        Err(e) => {
                            return Err(self.malformed(
                                format!("invalid character reference: {}", lowercase_error(&e)),
                                before..after,
                            ));
                        }
                    };
                    self.add_resolved_text(resolved, before, after);
                }
                Event::CData(c) => {
                    let raw: &str = &c;
                    let text = match self.locate(raw) {
                        Some((_, raw)) => normalize_line_ends(raw),
                        None => Cow::Owned(normalize_line_ends(raw).into_owned()),
                    };
                    self.add_text(text, before, after)?;
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    self.flush_text()?;
                    let empty = matches!(event, Event::Empty(_));
                    self.start(e, before, after, empty)?;
                }
                Event::End(_) => {
                    self.flush_text()?;
                    self.end(after);
                }
                Event::Comment(c) => {
                    self.flush_text()?;
                    let raw: &str = &c;
                    let text = self.locate(raw).map_or("", |(_, t)| t);
                    self.add_comment(text, ByteSpan::new(before..after));
                }
                Event::Decl(_) => {
                    // Nothing but a byte-order mark may come before it.
                    if before != bom {
                        return Err(self
                            .malformed(
                                "the XML declaration is not at the very start",
                                before..after,
                            )
                            .with_twilio_error(Some(12100))
                            .with_help("remove everything before `<?xml`, whitespace included"));
                    }
                }
                Event::DocType(_) => {
                    return Err(self
                        .error(
                            &checks::FORBIDDEN_MARKUP,
                            "a DOCTYPE is not allowed in TwiML",
                            before..after,
                        )
                        .with_help("remove it; TwiML documents have no document type, and entity declarations are never expanded"));
                }
                Event::PI(_) => {}
                Event::Eof => {
                    self.flush_text()?;
                    if let Some(&open) = self.open.last() {
                        let e = &self.elements[open as usize];
                        return Err(self
                            .malformed(format!("`<{}>` is not closed", e.name), e.name_span.range())
                            .with_help(format!("add `</{}>`", e.name)));
                    }
                    if self.elements.is_empty() {
                        return Err(
                            self.malformed("the document has no root element", after..after)
                        );
                    }
                    return Ok(());
                }
            }
        }
    }

    /// A comment where it stands: before the root, after it, or among an element's items.
    fn add_comment(&mut self, text: &'s str, span: ByteSpan) {
        if self.open.is_empty() {
            if self.root_closed {
                self.epilog.push((text, span));
            } else {
                self.prolog.push((text, span));
            }
        } else {
            self.pending.push(Item::Comment(text, span));
        }
    }

    fn add_text(
        &mut self,
        piece: Cow<'s, str>,
        start: usize,
        end: usize,
    ) -> Result<(), Diagnostic<ByteSpan>> {
        match (&self.text, piece) {
            (None, Cow::Borrowed(text)) => {
                self.text = Some(PendingText {
                    text: Piece::Source(text),
                    start,
                    end,
                });
            }
            (_, piece) => self.add_resolved_text(&piece, start, end),
        }
        Ok(())
    }

    /// Adds text that is not the source's own bytes (the replacement of a reference, text
    /// whose line ends were normalised): the pending text becomes resolved, in the document's
    /// buffer, and `resolved` is added to it.
    fn add_resolved_text(&mut self, resolved: &str, start: usize, end: usize) {
        let begin = self.resolving(start);
        self.resolved.push_str(resolved);
        self.resolved_up_to(begin, end);
    }

    /// Makes the pending text (an empty one at `start` if there is none) the last text of the
    /// buffer of resolved text, for more to be added after it; returns where it begins there.
    fn resolving(&mut self, start: usize) -> usize {
        let last = self.resolved.len();
        match &self.text {
            None => {
                self.text = Some(PendingText {
                    text: Piece::Resolved(last, last),
                    start,
                    end: start,
                });
                last
            }
            Some(pending) => match pending.text {
                Piece::Resolved(begin, end) if end == last => begin,
                Piece::Resolved(begin, end) => {
                    self.resolved.extend_from_within(begin..end);
                    last
                }
                Piece::Source(text) => {
                    self.resolved.push_str(text);
                    last
                }
            },
        }
    }

    /// The pending text is what the buffer of resolved text holds from `begin` on; it ends at
    /// `end` in the source.
    fn resolved_up_to(&mut self, begin: usize, end: usize) {
        if let Some(pending) = &mut self.text {
            pending.text = Piece::Resolved(begin, self.resolved.len());
            pending.end = end;
        }
    }

    fn flush_text(&mut self) -> Result<(), Diagnostic<ByteSpan>> {
        let Some(PendingText { text, start, end }) = self.text.take() else {
            return Ok(());
        };
        if self.open.is_empty() {
            let text = text.text(&self.resolved);
            if text.trim().is_empty() {
                return Ok(());
            }
            let offset = text.len() - text.trim_start().len();
            return Err(self
                .malformed("text outside the root element", start + offset..end)
                .with_help("a TwiML document is one `<Response>` element; put text inside it"));
        }
        self.pending
            .push(Item::Text(text, ByteSpan::new(start..end)));
        Ok(())
    }

    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart<'s>,
        before: usize,
        after: usize,
        empty: bool,
    ) -> Result<(), Diagnostic<ByteSpan>> {
        if self.open.is_empty() && !self.elements.is_empty() {
            return Err(self
                .malformed("a second root element", before..after)
                .with_help("a TwiML document is one `<Response>` element"));
        }
        let max_depth = self.options.max_depth.min(MAX_SUPPORTED_DEPTH);
        if self.open.len() >= max_depth {
            return Err(self.error(
                &checks::NESTING_TOO_DEEP,
                format!("elements nest deeper than {max_depth} levels"),
                before..after,
            ));
        }
        let qname = e.name();
        let raw_name: &str = qname.0;
        let Some((name_start, name)) = self.locate(raw_name) else {
            return Err(self.malformed("a name could not be located", before..after));
        };
        let first_attribute = self.attributes.len();
        // quick-xml's duplicate check keeps a list of the names it has read, allocated for
        // each tag; the names are compared here instead, against those already kept. A tag
        // that fails or repeats a name is read again with quick-xml's check, so that its error
        // is the one that check gives first.
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for attribute in attributes {
            let attribute = match attribute {
                Ok(attribute) => attribute,
                Err(err) => return Err(self.checked_attribute_error(e, &err, before, after)),
            };
            let key: &str = attribute.key.0;
            let (key_start, key) = self.locate(key).unwrap_or((before, ""));
            if self.attributes[first_attribute..]
                .iter()
                .any(|kept| kept.name == key)
            {
                let position = key_start.saturating_sub(before + 1);
                let err = AttrError::Duplicated(position, position);
                return Err(self.checked_attribute_error(e, &err, before, after));
            }
            let raw_value: &str = &attribute.value;
            let (value_start, raw_value) = self.locate(raw_value).unwrap_or((before, ""));
            let value = if raw_value.contains(['&', '\t', '\n', '\r']) {
                self.character_reference_in_value |= raw_value.contains("&#");
                match attribute.normalized_value(XmlVersion::Implicit1_0) {
                    Ok(v) => Cow::Owned(v.into_owned()),
                    Err(err) => {
                        return Err(self.value_error(&err, value_start, raw_value.len()));
                    }
                }
            } else {
                Cow::Borrowed(raw_value)
            };
            self.attributes.push(AttributeNode {
                name: key,
                value,
                name_span: ByteSpan::new(key_start..key_start + key.len()),
                value_span: ByteSpan::new(value_start..value_start + raw_value.len()),
                spec: None,
            });
        }
        self.open_element(
            name,
            name_start..name_start + name.len(),
            before..after,
            first_attribute,
            empty,
        );
        Ok(())
    }

    /// An element whose tag spans `tag` and whose attributes are those kept from
    /// `first_attribute` on: opened, or closed at once when it is `empty`.
    fn open_element(
        &mut self,
        name: &'s str,
        name_span: Range<usize>,
        tag: Range<usize>,
        first_attribute: usize,
        empty: bool,
    ) {
        let index = to_u32(self.elements.len());
        let after = tag.end;
        self.elements.push(ElementNode {
            name,
            tag: Tag::Unknown(name),
            name_span: ByteSpan::new(name_span),
            span: ByteSpan::new(tag),
            attributes: to_u32(first_attribute)..to_u32(self.attributes.len()),
            content: 0..0,
        });
        self.pending.push(Item::Element(index));
        self.open.push(index);
        self.marks.push(self.pending.len());
        if empty {
            self.end(after);
        }
    }

    fn end(&mut self, after: usize) {
        let (Some(index), Some(mark)) = (self.open.pop(), self.marks.pop()) else {
            return;
        };
        let start = self.content.len();
        // Most elements hold one item or none: no drain for those.
        match self.pending.len().saturating_sub(mark) {
            0 => {}
            1 => self.content.extend(self.pending.pop()),
            _ => self.content.extend(self.pending.drain(mark..)),
        }
        let element = &mut self.elements[index as usize];
        element.content = to_u32(start)..to_u32(self.content.len());
        element.span.end = to_u32(after);
        if self.open.is_empty() {
            self.root_closed = true;
            // The root's own item was pushed before its content; it is not content of anything.
            self.pending.clear();
        }
    }

    fn finish(mut self, expect: Option<Dialect>) -> ParsedDocument<'s> {
        let dialect = infer_dialect(&self, expect);
        resolve_tags(&mut self, dialect);
        ParsedDocument {
            source: self.source,
            dialect,
            elements: self.elements,
            attributes: self.attributes,
            content: self.content,
            prolog: self.prolog,
            epilog: self.epilog,
            resolved: self.resolved,
            unexpected_dialect: expect.filter(|&e| e != dialect),
            only_xml_characters: !self.character_reference_in_value
                && !crate::grammar::may_hold_non_xml_char(self.source.as_bytes()),
        }
    }

    fn xml_error(&self, e: &XmlError) -> Diagnostic<ByteSpan> {
        let at = char_boundary(
            self.source,
            self.reader.error_position() as usize + self.byte_order_mark(),
        );
        // Underline a whole end tag; otherwise the character where reading stopped.
        let rest = &self.source[at..];
        let here = if rest.starts_with("</") {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            at..at + rest[..line_end].find('>').map_or(line_end, |i| i + 1)
        } else {
            at..(at + rest.chars().next().map_or(0, char::len_utf8))
        };
        let (message, help): (String, Option<&str>) = match e {
            XmlError::Syntax(s) => (
                match s {
                    SyntaxError::InvalidBangMarkup => {
                        "`<!` starts neither a comment nor CDATA".into()
                    }
                    SyntaxError::UnclosedPI => {
                        "a processing instruction is not closed with `?>`".into()
                    }
                    SyntaxError::UnclosedXmlDecl => {
                        "the XML declaration is not closed with `?>`".into()
                    }
                    SyntaxError::UnclosedComment => "a comment is not closed with `-->`".into(),
                    SyntaxError::UnclosedDoctype => "a DOCTYPE is not closed".into(),
                    SyntaxError::UnclosedCData => "a CDATA section is not closed with `]]>`".into(),
                    SyntaxError::UnclosedTag => "a tag is not closed with `>`".into(),
                    SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                        "an attribute value is not closed with its quote".into()
                    }
                },
                None,
            ),
            XmlError::IllFormed(i) => match i {
                IllFormedError::MismatchedEndTag { expected, found } => (
                    format!("mismatched end tag: expected `</{expected}>`, found `</{found}>`"),
                    Some("close every element once, innermost first; `<X/>` is already closed"),
                ),
                IllFormedError::UnmatchedEndTag(name) => (
                    format!("`</{name}>` closes no open element"),
                    Some("an element written `<X/>` is already closed; remove the extra end tag"),
                ),
                IllFormedError::MissingEndTag(name) => (format!("`<{name}>` is not closed"), None),
                IllFormedError::DoubleHyphenInComment => (
                    "a comment contains `--`".into(),
                    Some("XML comments cannot contain two dashes in a row"),
                ),
                IllFormedError::UnclosedReference => (
                    "a `&` that does not start a reference".into(),
                    Some("write `&amp;` for a literal `&`"),
                ),
                other => (lowercase_error(other), None),
            },
            XmlError::InvalidAttr(a) => return self.attribute_error(a, at, at + 1),
            XmlError::Escape(esc) => return self.escape_error(esc, at),
            other => (lowercase_error(other), None),
        };
        let d = self.malformed(message, here).with_twilio_error(Some(12100));
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    /// The first error of the tag's attributes read with quick-xml's duplicate check, or
    /// `found` (the error read without it) should that read find none.
    fn checked_attribute_error(
        &self,
        e: &quick_xml::events::BytesStart<'s>,
        found: &AttrError,
        before: usize,
        after: usize,
    ) -> Diagnostic<ByteSpan> {
        let first = e.attributes().find_map(Result::err);
        self.attribute_error(first.as_ref().unwrap_or(found), before, after)
    }

    fn attribute_error(&self, e: &AttrError, before: usize, after: usize) -> Diagnostic<ByteSpan> {
        // Attribute errors carry positions relative to the start of the tag's content.
        let tag_content = before + 1;
        let (message, position, help) = match e {
            AttrError::ExpectedEq(p) => (
                "an attribute name is not followed by `=`",
                *p,
                Some("write `name=\"value\"`"),
            ),
            AttrError::ExpectedValue(p) => (
                "an attribute has no value",
                *p,
                Some("write `name=\"value\"`"),
            ),
            AttrError::UnquotedValue(p) => (
                "an attribute value is not quoted",
                *p,
                Some("put the value in double quotes"),
            ),
            AttrError::ExpectedQuote(p, _) => (
                "an attribute value is not quoted",
                *p,
                Some("put the value in double quotes"),
            ),
            AttrError::Duplicated(p, _) => (
                "an attribute appears twice on one element",
                *p,
                Some("keep one of them"),
            ),
        };
        let at = (tag_content + position).min(after.max(before));
        let d = self
            .malformed(message, at..(at + 1).min(after.max(at + 1)))
            .with_twilio_error(Some(12100));
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    fn value_error(&self, e: &XmlError, value_start: usize, len: usize) -> Diagnostic<ByteSpan> {
        match e {
            XmlError::Escape(esc) => self.escape_error_in(esc, value_start, len),
            other => self.malformed(lowercase_error(other), value_start..value_start + len),
        }
    }

    fn escape_error(&self, e: &EscapeError, at: usize) -> Diagnostic<ByteSpan> {
        self.escape_error_in(e, at, 1)
    }

    fn escape_error_in(&self, e: &EscapeError, start: usize, len: usize) -> Diagnostic<ByteSpan> {
        let span = |r: &Range<usize>| start + r.start..start + r.end;
        match e {
            EscapeError::UnrecognizedEntity(r, name) => self
                .malformed(format!("unknown entity `&{name};`"), span(r))
                .with_twilio_error(Some(12100))
                .with_help("only `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` are defined; write `&amp;` for a literal `&`"),
            EscapeError::UnterminatedEntity(r) => self
                .malformed("a `&` does not start a reference", span(r))
                .with_twilio_error(Some(12100))
                .with_help("write `&amp;` for a literal `&`"),
            EscapeError::InvalidCharRef(c) => self
                .error(
                    &checks::INVALID_XML_CHARACTER,
                    format!("invalid character reference: {}", lowercase_error(c)),
                    start..start + len,
                )
                .with_twilio_error(Some(12100)),
            other => self.malformed(lowercase_error(other), start..start + len),
        }
    }
}

/// `raw` with its line ends read as XML reads them: `\r\n` and a lone `\r` become `\n`.
fn normalize_line_ends(raw: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// The nearest character boundary at or before `offset` (error positions may fall inside a
/// character).
fn char_boundary(source: &str, offset: usize) -> usize {
    let mut at = offset.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An error's message with a lowercase start, in the style of this crate's diagnostics.
fn lowercase_error(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The dialect of the document, from the names of the root's child elements.
fn infer_dialect(parser: &Parser<'_, '_>, expect: Option<Dialect>) -> Dialect {
    let Some(root) = parser.elements.first() else {
        return expect.unwrap_or(Dialect::Voice);
    };
    let top_level = parser.content[root.content.start as usize..root.content.end as usize]
        .iter()
        .filter_map(|item| match item {
            Item::Element(i) => Some(parser.elements[*i as usize].name),
            _ => None,
        });
    crate::schema::infer_dialect(top_level, expect)
}

/// A name of up to 15 bytes as a number (its bytes and its length), read from the source it
/// is a slice of, so that names compare without a call to `memcmp`; `None` for a longer name or
/// one too near the end of the source.
fn name_key(source: &str, name: &str) -> Option<u128> {
    let start = (name.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    let bytes: &[u8; 16] = source.as_bytes().get(start..start + 16)?.try_into().ok()?;
    let len = name.len();
    if len == 0 || len > 15 {
        return None;
    }
    let mask = (1u128 << (8 * len)) - 1;
    Some((u128::from_le_bytes(*bytes) & mask) | ((len as u128) << 120))
}

/// Resolutions already made in a document, keyed by a name's [`name_key`] and where it stands:
/// a document repeats a few names many times. Bounded, so that a document of many names costs
/// no more than a search of the table for each.
struct Resolutions<T> {
    known: Vec<(Option<ElementId>, u128, T)>,
}

impl<T: Copy> Resolutions<T> {
    const REMEMBERED: usize = 32;

    fn new() -> Self {
        Resolutions {
            known: Vec::with_capacity(Self::REMEMBERED),
        }
    }

    fn get(&mut self, at: Option<ElementId>, key: Option<u128>, resolve: impl FnOnce() -> T) -> T {
        let Some(key) = key else {
            return resolve();
        };
        if let Some(&(_, _, known)) = self.known.iter().find(|(a, k, _)| *k == key && *a == at) {
            return known;
        }
        let resolved = resolve();
        if self.known.len() < Self::REMEMBERED {
            self.known.push((at, key, resolved));
        }
        resolved
    }
}

/// Gives every element its table entry, top-down (a parent comes before its children), so
/// that a name with two meanings (`<Sip>`) resolves by where it stands.
fn resolve_tags(parser: &mut Parser<'_, '_>, dialect: Dialect) {
    let source = parser.source;
    let mut parents: Vec<Option<ElementId>> = vec![None; parser.elements.len()];
    let mut elements = Resolutions::new();
    let mut attributes = Resolutions::new();
    for i in 0..parser.elements.len() {
        let parent = parents[i];
        let element = &parser.elements[i];
        let id = if i == 0 {
            ELEMENTS
                .iter()
                .find(|e| {
                    e.kind == ElementKind::Root && e.dialect == dialect && e.name == element.name
                })
                .map(|e| e.id)
        } else if let Some(p) = parent {
            elements.get(parent, name_key(source, element.name), || {
                lookup(dialect, element.name, Some(p))
            })
        } else {
            None
        };
        let element = &mut parser.elements[i];
        if let Some(id) = id {
            element.tag = Tag::Known(id);
            let spec = id.spec();
            for a in &mut parser.attributes
                [element.attributes.start as usize..element.attributes.end as usize]
            {
                a.spec = attributes.get(Some(id), name_key(source, a.name), || {
                    spec.attribute(a.name)
                });
            }
        }
        let content = element.content.clone();
        for item in &parser.content[content.start as usize..content.end as usize] {
            if let Item::Element(child) = item {
                parents[*child as usize] = id;
            }
        }
    }
}

impl<'s> ParsedDocument<'s> {
    /// The source the document was parsed from.
    pub fn source(&self) -> &'s str {
        self.source
    }

    /// The dialect the document was read as.
    pub fn dialect_read(&self) -> Dialect {
        self.dialect
    }

    /// The dialect the caller expected, when the document is of another one.
    pub fn unexpected_dialect(&self) -> Option<Dialect> {
        self.unexpected_dialect
    }

    /// Comments before the root element, with their spans.
    pub fn prolog_comments(&self) -> &[(&'s str, ByteSpan)] {
        &self.prolog
    }

    /// Comments after the root element, with their spans.
    pub fn epilog_comments(&self) -> &[(&'s str, ByteSpan)] {
        &self.epilog
    }

    /// The span of an element, from its start tag to its end tag.
    pub fn element_span(&self, node: u32) -> ByteSpan {
        self.elements
            .get(node as usize)
            .map_or_else(ByteSpan::default, |e| e.span)
    }

    fn element(&self, node: u32) -> Option<&ElementNode<'s>> {
        self.elements.get(node as usize)
    }
}

/// The attributes of a parsed element.
pub struct ParsedAttributes<'t, 's> {
    inner: std::slice::Iter<'t, AttributeNode<'s>>,
}

impl<'t, 's> Iterator for ParsedAttributes<'t, 's> {
    type Item = Attribute<'t>;

    fn next(&mut self) -> Option<Attribute<'t>> {
        self.inner.next().map(|a| Attribute {
            name: a.name,
            spec: a.spec,
            value: Value::Text(&a.value),
            custom: false,
        })
    }
}

/// The content of a parsed element.
pub struct ParsedContent<'t, 's> {
    inner: std::slice::Iter<'t, Item<'s>>,
    resolved: &'t str,
}

impl<'t, 's> Iterator for ParsedContent<'t, 's> {
    type Item = Content<'t, u32>;

    fn next(&mut self) -> Option<Content<'t, u32>> {
        self.inner.next().map(|item| match item {
            Item::Element(i) => Content::Element(*i),
            Item::Text(t, _) => Content::Text(t.text(self.resolved)),
            Item::Comment(c, _) => Content::Comment(c),
        })
    }
}

impl<'s> Document for ParsedDocument<'s> {
    type Node = u32;
    type Span = ByteSpan;
    type Attributes<'t>
        = ParsedAttributes<'t, 's>
    where
        Self: 't;
    type Children<'t>
        = ParsedContent<'t, 's>
    where
        Self: 't;

    fn element_count(&self) -> usize {
        self.elements.len()
    }

    fn locate_reads_path(&self) -> bool {
        false
    }

    fn dialect(&self) -> Dialect {
        self.dialect
    }

    fn root(&self) -> u32 {
        0
    }

    fn tag(&self, node: u32) -> Tag<'_> {
        self.element(node).map_or(Tag::Unknown(""), |e| e.tag)
    }

    fn name(&self, node: u32) -> &str {
        self.element(node).map_or("", |e| e.name)
    }

    fn attributes(&self, node: u32) -> ParsedAttributes<'_, 's> {
        let range = self.element(node).map_or(0..0, |e| {
            e.attributes.start as usize..e.attributes.end as usize
        });
        ParsedAttributes {
            inner: self.attributes[range].iter(),
        }
    }

    fn children(&self, node: u32) -> ParsedContent<'_, 's> {
        let range = self
            .element(node)
            .map_or(0..0, |e| e.content.start as usize..e.content.end as usize);
        ParsedContent {
            inner: self.content[range].iter(),
            resolved: &self.resolved,
        }
    }

    fn only_xml_characters(&self) -> bool {
        self.only_xml_characters
    }

    fn outer_comments(&self) -> Vec<(&str, ByteSpan)> {
        self.prolog.iter().chain(&self.epilog).copied().collect()
    }

    fn locate(&self, node: u32, _path: &Path<'_>, part: Part<'_>) -> ByteSpan {
        let Some(element) = self.element(node) else {
            return ByteSpan::default();
        };
        let attributes =
            &self.attributes[element.attributes.start as usize..element.attributes.end as usize];
        match part {
            Part::Element => element.name_span,
            Part::Attribute(name) => attributes
                .iter()
                .find(|a| a.name == name || a.spec.is_some_and(|s| s.name == name))
                .map_or(element.name_span, |a| {
                    if a.value_span.start == a.value_span.end {
                        a.name_span
                    } else {
                        a.value_span
                    }
                }),
            Part::AttributeName(name) => attributes
                .iter()
                .find(|a| a.name == name)
                .map_or(element.name_span, |a| a.name_span),
            Part::Words { item, start, end } => {
                match self.content.get(element.content.start as usize + item) {
                    // Offsets into the decoded text are offsets into the source when the
                    // text is the source's own bytes (no entity, no carriage return).
                    Some(Item::Text(t, span))
                        if self.source.get(span.range()) == Some(t.text(&self.resolved))
                            && start < end
                            && end <= t.text(&self.resolved).len() =>
                    {
                        ByteSpan::new(span.start as usize + start..span.start as usize + end)
                    }
                    Some(Item::Text(_, span)) => trimmed(self.source, *span),
                    _ => element.name_span,
                }
            }
            Part::Content(i) => match self.content.get(element.content.start as usize + i) {
                Some(Item::Text(_, span)) => trimmed(self.source, *span),
                Some(Item::Comment(_, span)) => *span,
                Some(Item::Element(child)) => self
                    .element(*child)
                    .map_or(element.name_span, |c| c.name_span),
                None => element.name_span,
            },
        }
    }
}

/// The span of text without its surrounding whitespace, so that a diagnostic underlines the
/// words and not the indentation.
fn trimmed(source: &str, span: ByteSpan) -> ByteSpan {
    let Some(raw) = source.get(span.range()) else {
        return span;
    };
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    if lead + trail >= raw.len() {
        return span;
    }
    ByteSpan::new(span.start as usize + lead..span.end as usize - trail)
}

/// Turns byte offsets into 1-based lines and columns (columns count characters).
///
/// Each lookup takes the same time wherever the offset is: a binary search for the line, and
/// for text that is not all ASCII, a count of the UTF-8 continuation bytes before the offset
/// kept per block of 64 bytes. A document written on one long line, with a finding every few
/// hundred bytes, would otherwise cost a scan from the start of the line for each finding.
#[derive(Debug, Clone)]
pub struct LineIndex<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    /// Continuation bytes (`0b10xx_xxxx`) before each block of [`BLOCK`] bytes; empty when
    /// the source is ASCII, where a column is a byte count.
    continuations: Vec<u32>,
}

/// The bytes counted by one entry of [`LineIndex::continuations`].
const BLOCK: usize = 64;

impl<'s> LineIndex<'s> {
    /// Indexes the lines of `source`.
    pub fn new(source: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        let continuations = if source.is_ascii() {
            Vec::new()
        } else {
            let mut before = 0u32;
            source
                .as_bytes()
                .chunks(BLOCK)
                .map(|block| {
                    let at = before;
                    before += continuation_bytes(block);
                    at
                })
                .collect()
        };
        LineIndex {
            source,
            line_starts,
            continuations,
        }
    }

    /// The line and column of byte `offset`, both counted from 1.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let bytes = offset - start;
        let column = if self.continuations.is_empty() || !self.source.is_char_boundary(offset) {
            bytes
        } else {
            bytes - (self.continuations_before(offset) - self.continuations_before(start))
        };
        (line.max(1), column + 1)
    }

    /// The lines and columns of the start and the end of the bytes `start..end`:
    /// [`location`](Self::location) of each. An end on the line of its start is placed from
    /// the start, by the characters between them, instead of being looked up again.
    pub fn span_location(&self, start: usize, end: usize) -> ((usize, usize), (usize, usize)) {
        let (line, column) = self.location(start);
        let source = self.source;
        let between = match source.as_bytes().get(start..end) {
            // Both ends at characters, no line between them.
            Some(bytes)
                if source.is_char_boundary(start)
                    && source.is_char_boundary(end)
                    && !bytes.contains(&b'\n') =>
            {
                bytes
            }
            _ => return ((line, column), self.location(end)),
        };
        let characters = if self.continuations.is_empty() {
            between.len()
        } else {
            between.len() - continuation_bytes_short_or_long(between) as usize
        };
        ((line, column), (line, column + characters))
    }

    /// The continuation bytes in `source[..offset]`.
    fn continuations_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let whole = self.continuations.get(block).map_or(0, |&n| n as usize);
        let bytes = self.source.as_bytes();
        whole + continuation_bytes_short(&bytes[block * BLOCK..offset]) as usize
    }
}

/// [`continuation_bytes`] for fewer than [`BLOCK`] bytes, eight at a time: a continuation
/// byte has its top bit set and the next one clear, and each such byte adds one to its lane
/// of a `u64`, whose lanes are summed once at the end: fewer than 64 bytes count at most 63,
/// so the sum fits in the top lane.
fn continuation_bytes_short(bytes: &[u8]) -> u32 {
    use crate::swar::{HIGH, sum_lanes, word};
    let mut words = bytes.chunks_exact(8);
    let mut lanes = 0u64;
    for eight in &mut words {
        let x = word(eight);
        lanes += (x & !(x << 1) & HIGH) >> 7;
    }
    let whole = sum_lanes(lanes);
    let tail = words
        .remainder()
        .iter()
        .map(|&b| u32::from((b as i8) < -64))
        .sum::<u32>();
    whole + tail
}

/// The continuation bytes in `bytes`, of any length.
fn continuation_bytes_short_or_long(bytes: &[u8]) -> u32 {
    if bytes.len() < BLOCK {
        continuation_bytes_short(bytes)
    } else {
        continuation_bytes(bytes)
    }
}

/// The UTF-8 continuation bytes in `bytes`: its length less the characters that start in it.
/// A continuation byte (`0b10xx_xxxx`) is, read as signed, below -64. Each run of up to 255
/// bytes is counted in a byte, which the compiler does sixteen lanes at a time (about a
/// third of the instructions of a count in `u32`).
fn continuation_bytes(bytes: &[u8]) -> u32 {
    bytes
        .chunks(255)
        .map(|run| {
            let n = run
                .iter()
                .map(|&b| u8::from((b as i8) < -64))
                .fold(0u8, u8::wrapping_add);
            u32::from(n)
        })
        .sum()
}

mod fast;

#[cfg(test)]
mod tests;
