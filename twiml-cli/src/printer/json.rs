//! The JSON form of `twiml check`, version 1. Its fields are documented in the README and
//! kept stable: a new field may be added, none is renamed or removed.

use std::io::{self, Write};
use std::ops::Range;

use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use twiml_core::rules::{AppliedOverride, OverrideOrigin};

use super::Sink;
use crate::report::{FileReport, Located, Step, Summary};

pub(crate) struct JsonSink<W: Write> {
    out: W,
    first: bool,
    /// The entries of the files not yet written to `out`, written a block at a time: blocks
    /// as large as `out`'s own buffer pass it by, copied once.
    pending: Vec<u8>,
}

impl<W: Write> JsonSink<W> {
    pub(crate) fn new(out: W) -> Self {
        JsonSink {
            out,
            first: true,
            pending: Vec::with_capacity(2 * super::REPORT_BUFFER),
        }
    }
}

/// The path through a flow on which a finding holds.
#[derive(Serialize)]
struct ReachedEntry<'a> {
    note: &'a str,
    #[serde(serialize_with = "steps")]
    steps: &'a [Step],
}

/// One document of that path.
#[derive(Serialize)]
struct StepEntry<'a> {
    file: &'a str,
    route: &'a str,
    via: Option<&'a str>,
}

fn steps<S: Serializer>(list: &&[Step], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(|step| StepEntry {
        file: &step.file,
        route: &step.route,
        via: step.via.as_deref(),
    }))
}

/// One override as the JSON form writes it.
#[derive(Serialize)]
struct OverrideEntry<'a> {
    code: &'a str,
    reason: &'a str,
    suppressed: usize,
    origin: &'static str,
}

/// A file's overrides, as the JSON form writes them.
struct OverridesEntry<'a>(&'a [AppliedOverride]);

impl Serialize for OverridesEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|o| OverrideEntry {
            code: &o.code,
            reason: &o.reason,
            suppressed: o.suppressed,
            origin: origin(o.origin),
        }))
    }
}

/// One diagnostic, its fields in this order: `code`, `severity`, `message`, `line`, `column`,
/// `end_line`, `end_column`, `help`, `twilio_error`; a finding of a checked flow also has
/// `reached_by`: the path on which it holds, each step's `file`, `route` and `via`.
fn write_diagnostic<'r>(
    out: &mut Vec<u8>,
    d: &'r Located,
    recent: &mut [Recent<'r>; 2],
) -> io::Result<()> {
    let diagnostic = &d.diagnostic;
    // A code and a severity are letters and digits: nothing to escape (a test sees to it).
    out.extend_from_slice(br#"{"code":""#);
    out.extend_from_slice(diagnostic.code.code().as_bytes());
    out.extend_from_slice(br#"","severity":""#);
    out.extend_from_slice(diagnostic.severity.as_str().as_bytes());
    out.extend_from_slice(br#"","message":"#);
    recent[0].write(out, &diagnostic.message);
    out.extend_from_slice(br#","line":"#);
    write_number(out, d.line);
    out.extend_from_slice(br#","column":"#);
    write_number(out, d.column);
    out.extend_from_slice(br#","end_line":"#);
    write_number(out, d.end_line);
    out.extend_from_slice(br#","end_column":"#);
    write_number(out, d.end_column);
    out.extend_from_slice(br#","help":"#);
    match diagnostic.help.as_deref() {
        Some(help) => recent[1].write(out, help),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(br#","twilio_error":"#);
    match diagnostic.twilio_error {
        Some(code) => write_number(out, code),
        None => out.extend_from_slice(b"null"),
    }
    if let Some(r) = &d.reached_by {
        out.extend_from_slice(br#","reached_by":"#);
        let entry = ReachedEntry {
            note: &r.note,
            steps: &r.steps,
        };
        serde_json::to_writer(&mut *out, &entry).map_err(io::Error::other)?;
    }
    out.push(b'}');
    Ok(())
}

/// A string written to the buffer of entries, and where its JSON form is there.
type Written<'r> = (&'r str, Range<usize>);

/// The strings of one field (the message, or the help) last written in a file's entry: a
/// file's findings of one rule repeat their message and help, and the findings of a few rules
/// come interleaved.
#[derive(Default)]
struct Recent<'r> {
    written: [Option<Written<'r>>; RECENT],
    /// The entry the next string that was not there replaces.
    next: usize,
}

/// How many strings of a field [`Recent`] remembers.
const RECENT: usize = 4;

impl<'r> Recent<'r> {
    /// `s` as a JSON string, copied from where it was written when it is one of the strings
    /// remembered, escaped otherwise (and remembered in place of the oldest).
    fn write(&mut self, out: &mut Vec<u8>, s: &'r str) {
        for (text, at) in self.written.iter().flatten() {
            // The same string (a help line fixed per rule is), or the same text.
            if std::ptr::eq(*text, s) || *text == s {
                out.extend_from_within(at.clone());
                return;
            }
        }
        let start = out.len();
        write_str(out, s);
        self.written[self.next] = Some((s, start..out.len()));
        self.next = (self.next + 1) % RECENT;
    }
}

/// A number in decimal, without the formatting machinery (four of them per finding).
fn write_number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A JSON string, escaped as serde_json escapes it: `"`, `\\` and control characters, the
/// short forms where JSON has them (`\n`), `\u00XX` for the others. The runs between them are
/// copied whole, found sixteen bytes at a time.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(at) = next_escape(bytes, from) {
        out.extend_from_slice(&bytes[from..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
            }
        }
        from = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// The bytes tested at once by [`next_escape`].
const BLOCK: usize = 16;

/// The first byte at or after `from` that JSON escapes: a control character, `"` or `\\`.
/// Each block of sixteen bytes is tested as a whole, with no branch per byte, which the
/// compiler does in vector lanes (half the instructions of a test of eight bytes in a `u64`);
/// only a block that holds one is read byte by byte. The last, shorter block is tested as the
/// last sixteen bytes, which hold it; a string shorter than a block is read byte by byte.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        if any_escape(block) {
            return position(bytes, i);
        }
        i += BLOCK;
    }
    match bytes.last_chunk::<BLOCK>() {
        Some(last) if !any_escape(last) => None,
        _ => position(bytes, i),
    }
}

/// Whether JSON escapes `b`.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any byte of `block` needs escaping.
fn any_escape(block: &[u8; BLOCK]) -> bool {
    block.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// The first byte at or after `from` that JSON escapes, read byte by byte.
fn position(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| needs_escape(b))
        .map(|k| from + k)
}

impl<W: Write> Sink for JsonSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        self.out.write_all(br#"{"version":1,"files":["#)
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        // The same bytes as serialising `FileEntry`, written field by field into one buffer:
        // a finding's strings are copied whole unless they need escaping.
        let out = &mut self.pending;
        if !self.first {
            out.push(b',');
        }
        self.first = false;
        out.extend_from_slice(br#"{"path":"#);
        write_str(out, &report.name);
        out.extend_from_slice(br#","diagnostics":["#);
        // The messages and help lines last written, in this file's entry.
        let mut recent = [Recent::default(), Recent::default()];
        for (i, d) in report.diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_diagnostic(out, d, &mut recent)?;
        }
        out.extend_from_slice(br#"],"overrides":"#);
        serde_json::to_writer(&mut *out, &OverridesEntry(&report.overrides))
            .map_err(io::Error::other)?;
        out.push(b'}');
        if out.len() >= super::REPORT_BUFFER {
            self.out.write_all(out)?;
            out.clear();
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        write!(self.out, r#"],"summary":{}}}"#, summary_json(summary))?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

/// Where an override was written: `comment` (a `twiml-allow` comment) or `policy`.
fn origin(origin: OverrideOrigin) -> &'static str {
    match origin {
        OverrideOrigin::Comment => "comment",
        _ => "policy",
    }
}

/// The `summary` object.
pub(crate) fn summary_json(summary: &Summary) -> Value {
    json!({
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "infos": summary.infos,
    })
}

#[cfg(test)]
mod tests {
    use super::{Recent, write_number, write_str};

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = [
            "",
            "plain text, long enough to take whole words of eight bytes",
            "a \"quoted\" word",
            "back\\slash",
            "tab\tnew\nline\rreturn\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f} del",
            "número «grabada» — ünïcode \u{2028}",
            "\"\"\"\"\"\"\"\"\"",
            "12345678\"",
            "1234567\\8",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every byte value below 0x80 at every position of a block, and past it, followed by
        // more text or last.
        for b in 0u8..0x80 {
            for at in 0..36 {
                let mut s = "x".repeat(at);
                s.push(char::from(b));
                cases.push(s.clone());
                s.push_str("yyyyyyyy");
                cases.push(s);
            }
        }
        for case in cases {
            let mut ours = Vec::new();
            write_str(&mut ours, &case);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&case).unwrap(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn remembered_strings_are_written_as_when_escaped() {
        // More distinct strings than are remembered, interleaved and repeated.
        let strings = [
            "a \"b\"", "c", "tab\t", "d", "e", "c", "a \"b\"", "f", "d", "tab\t",
        ];
        let mut recent = Recent::default();
        let mut ours = Vec::new();
        let mut escaped = Vec::new();
        for s in strings.iter().cycle().take(3 * strings.len()) {
            recent.write(&mut ours, s);
            write_str(&mut escaped, s);
        }
        assert_eq!(ours, escaped);
    }

    #[test]
    fn codes_and_severities_need_no_escaping() {
        use twiml_core::Severity;
        use twiml_core::codes::Code;
        let severities = [Severity::Info, Severity::Warning, Severity::Error];
        for text in Code::all()
            .map(Code::code)
            .chain(severities.map(Severity::as_str))
        {
            let mut ours = Vec::new();
            write_str(&mut ours, text);
            assert_eq!(ours, format!("\"{text}\"").into_bytes());
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, 10, 99, 100, 12_345, u32::MAX as usize, usize::MAX] {
            let mut out = Vec::new();
            write_number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
