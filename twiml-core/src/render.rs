//! Writing a finished response as XML: the one place where escaping happens.
//!
//! The writer pushes straight into the caller's output with no allocation per element: it
//! escapes text and attribute values run by run, copying the stretches that need no escaping
//! in one piece. Escaping is complete for XML 1.0: `&`, `<` and `>` everywhere, `"` in
//! attribute values (which are always double-quoted), and tab, line feed and carriage return
//! in attribute values as character references, so that a parser gives them back instead of
//! normalising them to spaces. A carriage return in text is written as `&#13;` for the same
//! reason. Characters XML 1.0 cannot carry never get here: the build step refuses them.
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
        })
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
        self.line_break()?;
        self.out.write_char('<')?;
        self.out.write_str(name)
    }

    /// Writes ` name="value"`, escaping the value.
    pub(crate) fn attr(&mut self, name: &str, value: &str) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
        escape(self.out, value, &ATTRIBUTE_ESCAPES)?;
        self.out.write_char('"')
    }

    /// Writes ` name="value"` for a value from the table, which needs no escaping.
    pub(crate) fn attr_keyword(&mut self, name: &str, value: &'static str) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
        self.out.write_str(value)?;
        self.out.write_char('"')
    }

    /// Writes ` name="n"`.
    pub(crate) fn attr_u32(&mut self, name: &str, n: u32) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
        write_u32(self.out, n)?;
        self.out.write_char('"')
    }

    /// Writes ` name="true"` or ` name="false"`.
    pub(crate) fn attr_bool(&mut self, name: &str, b: bool) -> fmt::Result {
        self.attr_keyword(name, if b { "true" } else { "false" })
    }

    /// Writes a space-separated list of table values.
    pub(crate) fn attr_keywords(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = &'static str>,
    ) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.out.write_char(' ')?;
            }
            self.out.write_str(v)?;
        }
        self.out.write_char('"')
    }

    /// Writes a space-separated list of numbers.
    pub(crate) fn attr_u32_list(&mut self, name: &str, values: &[u32]) -> fmt::Result {
        self.out.write_char(' ')?;
        self.out.write_str(name)?;
        self.out.write_str("=\"")?;
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
        self.depth -= 1;
        self.line_break()?;
        self.inline = was_inline;
        self.out.write_str("</")?;
        self.out.write_str(name)?;
        self.out.write_char('>')
    }

    /// Writes escaped character data.
    pub(crate) fn text(&mut self, text: &str) -> fmt::Result {
        escape(self.out, text, &TEXT_ESCAPES)
    }

    /// Writes `<!--text-->`. The build step has refused text that a comment cannot hold.
    pub(crate) fn comment(&mut self, text: &str) -> fmt::Result {
        self.line_break()?;
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

/// What each ASCII byte becomes; `None` for bytes written as they are.
type EscapeTable = [Option<&'static str>; 128];

const fn escape_table(attribute: bool) -> EscapeTable {
    let mut table: EscapeTable = [None; 128];
    table[b'&' as usize] = Some("&amp;");
    table[b'<' as usize] = Some("&lt;");
    // Always escaped, so that `]]>` can never appear in text.
    table[b'>' as usize] = Some("&gt;");
    table[b'\r' as usize] = Some("&#13;");
    if attribute {
        table[b'"' as usize] = Some("&quot;");
        table[b'\t' as usize] = Some("&#9;");
        table[b'\n' as usize] = Some("&#10;");
    }
    table
}

static TEXT_ESCAPES: EscapeTable = escape_table(false);
static ATTRIBUTE_ESCAPES: EscapeTable = escape_table(true);

/// Writes `s`, replacing bytes per `table`. The replaced bytes are ASCII, so every run
/// between them is a whole UTF-8 string.
fn escape<W: fmt::Write + ?Sized>(out: &mut W, s: &str, table: &EscapeTable) -> fmt::Result {
    let bytes = s.as_bytes();
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 128
            && let Some(replacement) = table[b as usize]
        {
            out.write_str(&s[run_start..i])?;
            out.write_str(replacement)?;
            run_start = i + 1;
        }
    }
    out.write_str(&s[run_start..])
}

/// Writes a number in decimal without going through the `fmt` machinery.
fn write_u32<W: fmt::Write + ?Sized>(out: &mut W, n: u32) -> fmt::Result {
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
        let mut out = String::new();
        escape(&mut out, s, &TEXT_ESCAPES).unwrap();
        out
    }

    fn attr(s: &str) -> String {
        let mut out = String::new();
        escape(&mut out, s, &ATTRIBUTE_ESCAPES).unwrap();
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
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 12345, u32::MAX] {
            let mut out = String::new();
            write_u32(&mut out, n).unwrap();
            assert_eq!(out, n.to_string());
        }
    }
}
