//! Writing a finished response as XML: the one place where escaping happens.
//!
//! The writer pushes straight into the caller's output with no allocation per element: it
//! escapes text and attribute values run by run, copying the stretches that need no escaping
//! in one piece. Escaping is complete for XML 1.0: `&`, `<` and `>` everywhere, `"` in
//! attribute values (which are always double-quoted), and tab, line feed and carriage return
//! in attribute values as character references, so that a parser gives them back instead of
//! normalising them to spaces. A carriage return in text is written as `&#13;` for the same
//! reason. Characters XML 1.0 cannot carry never reach a served response: the build step
//! writes the response before it checks it, and refuses one that holds them, dropping what
//! was written. The writer notes whether it met a byte that may begin one (in text, a value
//! or a comment), so that the checks look at the characters one by one only when it did.
//!
//! Pretty printing indents only element-only content. Text and mixed content (a `<Say>` with
//! SSML inside) are written exactly as given, since whitespace there would be spoken.

use std::fmt;
use std::io;

/// How to write a response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Start with `<?xml version="1.0" encoding="UTF-8"?>`, as Twilio's own libraries do.
    pub xml_declaration: bool,
    /// Indent element-only content by this many spaces per level; `None` writes one line.
    pub indent: Option<usize>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            xml_declaration: true,
            indent: None,
        }
    }
}

impl RenderOptions {
    /// One line, with the XML declaration.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to write the XML declaration.
    pub fn xml_declaration(mut self, on: bool) -> Self {
        self.xml_declaration = on;
        self
    }

    /// Indent element-only content by `spaces` per level.
    pub fn pretty(mut self, spaces: usize) -> Self {
        self.indent = Some(spaces);
        self
    }
}

/// The XML declaration Twilio's libraries write.
pub(crate) const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Writes elements, attributes and content into any [`fmt::Write`].
pub(crate) struct Writer<'o, W: fmt::Write> {
    out: &'o mut W,
    indent: Option<usize>,
    depth: usize,
    /// Inside text or mixed content, where added whitespace would change the document.
    inline: bool,
    /// Nothing has been written yet (no newline before the first element).
    first: bool,
    /// A byte that may begin a character XML 1.0 cannot carry (the grammar's `suspicious`
    /// bytes) was written in text, a value or a comment.
    suspicious: bool,
    /// How many elements were started.
    elements: usize,
    /// A text item or escaped attribute value written held three ASCII digits or more.
    three_digits: bool,
    /// A text item or escaped attribute value written was a plain-HTTP URL.
    plain_http: bool,
}

impl<'o, W: fmt::Write> Writer<'o, W> {
    pub(crate) fn new(out: &'o mut W, options: &RenderOptions) -> Result<Self, fmt::Error> {
        if options.xml_declaration {
            out.write_str(XML_DECLARATION)?;
        }
        Ok(Writer {
            out,
            indent: options.indent,
            depth: 0,
            inline: false,
            first: !options.xml_declaration,
            suspicious: false,
            elements: 0,
            three_digits: false,
            plain_http: false,
        })
    }

    /// Whether every byte written so far in text, attribute values and comments is clear of
    /// those that may begin a character XML 1.0 cannot carry: when so, every character of
    /// them is one XML 1.0 can carry.
    pub(crate) fn only_xml_characters(&self) -> bool {
        !self.suspicious
    }

    /// How many elements were written.
    pub(crate) fn elements(&self) -> usize {
        self.elements
    }

    /// Whether some text item (but words someone hears or reads, see [`Writer::words`]) or
    /// escaped attribute value written so far holds three ASCII digits or more. Every attribute
    /// value that is not a keyword, a number or a flag of the table is written escaped, so when
    /// none does, no such text or value of the document holds a card number or a security
    /// code.
    pub(crate) fn holds_three_digits(&self) -> bool {
        self.three_digits
    }

    /// Whether some text item (but words, as for [`Writer::holds_three_digits`]) or escaped
    /// attribute value written so far is a plain-HTTP URL: when none is, no URL of the document
    /// is.
    pub(crate) fn holds_plain_http(&self) -> bool {
        self.plain_http
    }

    /// Notes what the rules look for in `s`, a text item or an escaped value, until one of
    /// each is found: three digits or more, and a plain-HTTP URL.
    #[inline(always)]
    fn note(&mut self, s: &str) {
        if !(self.three_digits && self.plain_http) {
            self.note_text(s);
        }
    }

    /// [`Writer::note`]'s reading, out of line, so that each value's path through the writer
    /// stays short.
    #[inline(never)]
    fn note_text(&mut self, s: &str) {
        use crate::rules::detect;
        self.three_digits = self.three_digits || (s.len() >= 3 && detect::digits_up_to(s, 3) >= 3);
        self.plain_http = self.plain_http || detect::is_plain_http(s);
    }

    fn line_break(&mut self) -> fmt::Result {
        if let Some(width) = self.indent
            && !self.inline
        {
            if !self.first {
                self.out.write_char('\n')?;
            }
            for _ in 0..width * self.depth {
                self.out.write_char(' ')?;
            }
        }
        self.first = false;
        Ok(())
    }

    /// Writes `<name`.
    pub(crate) fn start(&mut self, name: &str) -> fmt::Result {
        self.elements += 1;
        self.line_break()?;
        self.out.write_char('<')?;
        self.out.write_str(name)
    }

    /// Writes the start of an element of the table, `tag` being its `<name` (the generated
    /// code spells it out): one piece instead of two, as every element of a built response
    /// is written this way.
    pub(crate) fn start_tag(&mut self, tag: &'static str) -> fmt::Result {
        self.elements += 1;
        self.line_break()?;
        self.out.write_str(tag)
    }

    /// Writes ` name="value"`, escaping the value.
    pub(crate) fn attr(&mut self, name: &str, value: &str) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
        self.value(value)
    }

    /// Writes an attribute of the table, escaping its value. `lead` is its ` name="`, which the
    /// generated code spells out, as do the other writers of the table's attributes: one piece
    /// instead of three for each attribute of a built response.
    #[inline(always)]
    pub(crate) fn table_attr(&mut self, lead: &'static str, value: &str) -> fmt::Result {
        self.out.write_str(lead)?;
        self.value(value)
    }

    /// Writes an escaped attribute value and its closing quote.
    #[inline(always)]
    fn value(&mut self, value: &str) -> fmt::Result {
        self.note(value);
        escape(self.out, value, &ATTRIBUTE_ESCAPES, &mut self.suspicious)?;
        self.out.write_char('"')
    }

    /// Writes an attribute of the table (`lead` is its ` name="`) whose value is from the
    /// table, which needs no escaping.
    pub(crate) fn attr_keyword(&mut self, lead: &'static str, value: &'static str) -> fmt::Result {
        self.out.write_str(lead)?;
        self.out.write_str(value)?;
        self.out.write_char('"')
    }

    /// Writes an attribute of the table (`lead` is its ` name="`) whose value is `n`.
    #[inline(always)]
    pub(crate) fn attr_u32(&mut self, lead: &'static str, n: u32) -> fmt::Result {
        self.out.write_str(lead)?;
        write_u32(self.out, n)?;
        self.out.write_char('"')
    }

    /// Writes an attribute of the table (`lead` is its ` name="`) whose value is `true` or
    /// `false`.
    pub(crate) fn attr_bool(&mut self, lead: &'static str, b: bool) -> fmt::Result {
        self.attr_keyword(lead, if b { "true" } else { "false" })
    }

    /// Writes an attribute of the table (`lead` is its ` name="`) whose value is a
    /// space-separated list of table values.
    pub(crate) fn attr_keywords(
        &mut self,
        lead: &'static str,
        values: impl IntoIterator<Item = &'static str>,
    ) -> fmt::Result {
        self.out.write_str(lead)?;
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.out.write_char(' ')?;
            }
            self.out.write_str(v)?;
        }
        self.out.write_char('"')
    }

    /// Writes an attribute of the table (`lead` is its ` name="`) whose value is a
    /// space-separated list of numbers.
    pub(crate) fn attr_u32_list(&mut self, lead: &'static str, values: &[u32]) -> fmt::Result {
        self.out.write_str(lead)?;
        for (i, &n) in values.iter().enumerate() {
            if i > 0 {
                self.out.write_char(' ')?;
            }
            write_u32(self.out, n)?;
        }
        self.out.write_char('"')
    }

    /// Closes a start tag that has no content: `/>`.
    pub(crate) fn end_empty(&mut self) -> fmt::Result {
        self.out.write_str("/>")
    }

    /// Closes a start tag and enters its content. Element-only content is `block`: its
    /// children go on their own lines when pretty printing. Returns what [`Writer::close`]
    /// needs to restore.
    pub(crate) fn open(&mut self, block: bool) -> Result<bool, fmt::Error> {
        self.out.write_char('>')?;
        let was_inline = self.inline;
        self.inline = was_inline || !block;
        self.depth += 1;
        Ok(was_inline)
    }

    /// Leaves content entered with [`Writer::open`] and writes `</name>`.
    pub(crate) fn close(&mut self, name: &str, was_inline: bool) -> fmt::Result {
        self.leave(was_inline)?;
        self.out.write_str("</")?;
        self.out.write_str(name)?;
        self.out.write_char('>')
    }

    /// Leaves content entered with [`Writer::open`] and writes `tag`, the `</name>` of an
    /// element of the table (spelt out by the generated code, in one piece instead of three).
    pub(crate) fn end_tag(&mut self, tag: &'static str, was_inline: bool) -> fmt::Result {
        self.leave(was_inline)?;
        self.out.write_str(tag)
    }

    /// Leaves content entered with [`Writer::open`], before its end tag.
    fn leave(&mut self, was_inline: bool) -> fmt::Result {
        self.depth -= 1;
        self.line_break()?;
        self.inline = was_inline;
        Ok(())
    }

    /// Writes escaped character data, noting what the rules look for in it ([`Writer::note`]).
    pub(crate) fn text(&mut self, text: &str) -> fmt::Result {
        self.note(text);
        escape(self.out, text, &TEXT_ESCAPES, &mut self.suspicious)
    }

    /// Writes escaped character data that someone hears or reads: the text of a `<Say>` and
    /// its SSML, of a message and its body. The rules read it as speech and messages, not
    /// as text written in the document, and it is not noted.
    pub(crate) fn words(&mut self, text: &str) -> fmt::Result {
        escape(self.out, text, &TEXT_ESCAPES, &mut self.suspicious)
    }

    /// Writes `<!--text-->`. Text that a comment cannot hold is refused by the build step's
    /// checks, which run after this writing, so such a response is never served.
    pub(crate) fn comment(&mut self, text: &str) -> fmt::Result {
        self.line_break()?;
        self.suspicious |= crate::grammar::may_hold_non_xml_char(text.as_bytes());
        self.out.write_str("<!--")?;
        self.out.write_str(text)?;
        self.out.write_str("-->")
    }

    /// Ends the document (a final newline when pretty printing).
    pub(crate) fn finish(&mut self) -> fmt::Result {
        if self.indent.is_some() {
            self.out.write_char('\n')?;
        }
        Ok(())
    }
}

/// What each byte becomes: an index into [`REPLACEMENTS`], 0 for bytes written as they are,
/// [`SUSPICIOUS`] for bytes written as they are that may begin a character XML 1.0 cannot
/// carry.
type EscapeTable = [u8; 256];

/// The mark of a byte written as it is that may begin a character XML 1.0 cannot carry.
const SUSPICIOUS: u8 = 8;

/// The replacements of the bytes of either table, by their index there (0 replaces nothing).
static REPLACEMENTS: [&str; 8] = [
    "", "&amp;", "&lt;", "&gt;", "&#13;", "&quot;", "&#9;", "&#10;",
];

const fn escape_table(attribute: bool) -> EscapeTable {
    let mut table: EscapeTable = [0; 256];
    let mut b = 0;
    while b < 256 {
        if crate::grammar::suspicious(b as u8) {
            table[b] = SUSPICIOUS;
        }
        b += 1;
    }
    table[b'&' as usize] = 1;
    table[b'<' as usize] = 2;
    // Always escaped, so that `]]>` can never appear in text.
    table[b'>' as usize] = 3;
    table[b'\r' as usize] = 4;
    if attribute {
        table[b'"' as usize] = 5;
        table[b'\t' as usize] = 6;
        table[b'\n' as usize] = 7;
    }
    table
}

static TEXT_ESCAPES: EscapeTable = escape_table(false);
static ATTRIBUTE_ESCAPES: EscapeTable = escape_table(true);

/// Writes `s`, replacing bytes per `table`. The replaced bytes are ASCII, so every run
/// between them is a whole UTF-8 string. Blocks of eight bytes that hold none of them, nor a
/// byte the table marks [`SUSPICIOUS`], are passed over whole (see [`may_need_escape`]), the
/// last one ending with `s` when a block came before it; the others are read a byte at a
/// time, and a marked byte among them sets `suspicious`.
fn escape<W: fmt::Write + ?Sized>(
    out: &mut W,
    s: &str,
    table: &EscapeTable,
    suspicious: &mut bool,
) -> fmt::Result {
    let bytes = s.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes[i..].first_chunk::<8>() {
            if !may_need_escape(u64::from_le_bytes(*block)) {
                i += 8;
                continue;
            }
        } else if i >= 8
            && let Some(last) = bytes.last_chunk::<8>()
            && !may_need_escape(u64::from_le_bytes(*last))
        {
            // Fewer than eight bytes are left, after a block passed over whole: the last eight
            // bytes, those among them, are tested as one block (the others it reads again
            // were clean).
            break;
        }
        let end = (i + 8).min(bytes.len());
        while i < end {
            let replacement = table[usize::from(bytes[i])];
            if replacement == SUSPICIOUS {
                *suspicious = true;
            } else if replacement != 0 {
                out.write_str(&s[run_start..i])?;
                out.write_str(REPLACEMENTS[usize::from(replacement)])?;
                run_start = i + 1;
            }
            i += 1;
        }
    }
    out.write_str(&s[run_start..])
}

/// Whether a block of eight bytes may hold a byte that either table replaces or marks: a
/// control character (`\t`, `\n`, `\r` among them), `&`, `<`, `>`, `"` or 0xEF. A block it
/// rules out holds none of them (the tests of a word for a byte below a bound, or equal to
/// one, are exact when they answer whether any byte is). Each pair of `<` and `>` (0x3C,
/// 0x3E) and of `"` and `&` (0x22, 0x26) differs in one bit only: with that bit set in every
/// byte, a byte is the pair's higher one exactly when it was either, so one test finds both.
/// Every block of text and attribute values is read this way.
fn may_need_escape(block: u64) -> bool {
    use crate::swar::{ONES, below, equal};
    (below(block, 0x20)
        | equal(block | (ONES * 0x02), b'>')
        | equal(block | (ONES * 0x04), b'&')
        | equal(block, 0xEF))
        != 0
}

/// Writes a number in decimal without going through the `fmt` machinery.
fn write_u32<W: fmt::Write + ?Sized>(out: &mut W, n: u32) -> fmt::Result {
    // Most numbers of a response (a `loop`, a `timeout`, `numDigits`) are one digit.
    if let Ok(digit) = u8::try_from(n)
        && digit < 10
    {
        return out.write_char(char::from(b'0' + digit));
    }
    out.write_str(itoa::Buffer::new().format(n))
}

/// Adapts an [`io::Write`] for the writer: buffers output in one block, and keeps the
/// I/O error that `fmt::Write` cannot carry.
pub(crate) struct IoSink<W: io::Write> {
    inner: W,
    buffer: Vec<u8>,
    error: Option<io::Error>,
}

const IO_BUFFER: usize = 8 * 1024;

impl<W: io::Write> IoSink<W> {
    pub(crate) fn new(inner: W) -> Self {
        IoSink {
            inner,
            buffer: Vec::with_capacity(IO_BUFFER),
            error: None,
        }
    }

    fn flush_buffer(&mut self) -> fmt::Result {
        if let Err(e) = self.inner.write_all(&self.buffer) {
            self.error = Some(e);
            return Err(fmt::Error);
        }
        self.buffer.clear();
        Ok(())
    }

    /// Writes out what is buffered; returns the first I/O error met.
    pub(crate) fn finish(mut self, rendered: fmt::Result) -> io::Result<()> {
        if rendered.is_ok() {
            let _ = self.flush_buffer();
        }
        match self.error.take() {
            Some(e) => Err(e),
            None if rendered.is_err() => Err(io::Error::other("formatting failed")),
            None => self.inner.flush(),
        }
    }
}

impl<W: io::Write> fmt::Write for IoSink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.buffer.len() + s.len() > IO_BUFFER {
            self.flush_buffer()?;
            if s.len() > IO_BUFFER {
                return self.inner.write_all(s.as_bytes()).map_err(|e| {
                    self.error = Some(e);
                    fmt::Error
                });
            }
        }
        self.buffer.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        escaped(s, &TEXT_ESCAPES)
    }

    fn attr(s: &str) -> String {
        escaped(s, &ATTRIBUTE_ESCAPES)
    }

    /// `s` escaped per `table`; whether the escape met a byte that may begin a character XML
    /// 1.0 cannot carry is checked against the byte scan of the grammar.
    fn escaped(s: &str, table: &EscapeTable) -> String {
        let mut out = String::new();
        let mut suspicious = false;
        escape(&mut out, s, table, &mut suspicious).unwrap();
        assert_eq!(
            suspicious,
            crate::grammar::may_hold_non_xml_char(s.as_bytes()),
            "{s:?}"
        );
        out
    }

    #[test]
    fn text_escapes_markup_and_carriage_return_only() {
        assert_eq!(text("a & b < c > d"), "a &amp; b &lt; c &gt; d");
        assert_eq!(text(r#"say "hi" it's"#), r#"say "hi" it's"#);
        assert_eq!(text("]]>"), "]]&gt;");
        assert_eq!(text("tab\tline\ncr\r"), "tab\tline\ncr&#13;");
        assert_eq!(text("Señor café ☕ 😀"), "Señor café ☕ 😀");
    }

    #[test]
    fn attributes_escape_quotes_and_whitespace_controls() {
        assert_eq!(
            attr(r#"say "hi" & 'bye'"#),
            "say &quot;hi&quot; &amp; 'bye'"
        );
        assert_eq!(attr("tab\there\nline\rcr"), "tab&#9;here&#10;line&#13;cr");
        assert_eq!(attr("<x>"), "&lt;x&gt;");
    }

    #[test]
    fn every_byte_a_table_replaces_is_let_through_at_every_place_of_a_block() {
        for b in 0..=255u8 {
            let replaced =
                TEXT_ESCAPES[usize::from(b)] != 0 || ATTRIBUTE_ESCAPES[usize::from(b)] != 0;
            assert_eq!(
                TEXT_ESCAPES[usize::from(b)] == SUSPICIOUS,
                crate::grammar::suspicious(b),
                "{b:#x}"
            );
            for place in 0..8 {
                for filler in [b'a', b' ', 0xC3, 0x80, 0x7F, 0x0E] {
                    let mut block = [filler; 8];
                    block[place] = b;
                    if replaced {
                        assert!(
                            may_need_escape(u64::from_le_bytes(block)),
                            "{b:#x} at {place}"
                        );
                    }
                }
            }
        }
        assert!(!may_need_escape(u64::from_le_bytes(*b"Se\xc3\xb1or '")));
    }

    /// [`escape`] a byte at a time: the reference.
    fn escaped_by_byte(s: &str, table: &EscapeTable) -> String {
        s.chars()
            .map(
                |c| match table[usize::from(if c.is_ascii() { c as u8 } else { b'a' })] {
                    0 | SUSPICIOUS => c.to_string(),
                    k => REPLACEMENTS[usize::from(k)].to_string(),
                },
            )
            .collect()
    }

    /// Drawn from every byte the tables replace or mark, and from text that holds few of them
    /// (mostly clean blocks, a replaced byte now and then, in the last bytes too, which are
    /// tested as one block after a clean one).
    #[test]
    fn escapes_as_a_byte_at_a_time() {
        let dense: Vec<char> = "ab &<>\"'\t\n\r\u{b}\u{1}\u{e9}\u{2615}\u{1F600}\u{FF01}\u{FFFE}"
            .chars()
            .collect();
        let sparse: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123 &<\"\r\u{1}\u{e9}\u{FFFE}"
            .chars()
            .collect();
        let mut rng = crate::test_rng::Xorshift(0x9E37_79B9_7F4A_7C15);
        for alphabet in [&dense, &sparse] {
            for _ in 0..20_000 {
                let state = rng.next();
                let len = (state % 40) as usize;
                let s: String = (0..len)
                    .map(|k| alphabet[((state >> (k % 48)) as usize + k * 7) % alphabet.len()])
                    .collect();
                assert_eq!(text(&s), escaped_by_byte(&s, &TEXT_ESCAPES), "{s:?}");
                assert_eq!(attr(&s), escaped_by_byte(&s, &ATTRIBUTE_ESCAPES), "{s:?}");
            }
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 12345, u32::MAX] {
            let mut out = String::new();
            write_u32(&mut out, n).unwrap();
            assert_eq!(out, n.to_string());
        }
    }
}
