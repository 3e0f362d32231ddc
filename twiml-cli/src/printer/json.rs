//! The JSON form of `twiml check`, version 1. Its fields are documented in the README and
//! kept stable: a new field may be added, none is renamed or removed.

use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use twiml_core::rules::{AppliedOverride, OverrideOrigin};

use super::Sink;
use crate::report::{FileReport, Located, Step, Summary};

pub(crate) struct JsonSink<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonSink<W> {
    pub(crate) fn new(out: W) -> Self {
        JsonSink { out, first: true }
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
fn write_diagnostic<W: Write>(out: &mut W, d: &Located) -> io::Result<()> {
    let diagnostic = &d.diagnostic;
    out.write_all(br#"{"code":"#)?;
    write_str(out, diagnostic.code.code())?;
    out.write_all(br#","severity":"#)?;
    write_str(out, diagnostic.severity.as_str())?;
    out.write_all(br#","message":"#)?;
    write_str(out, &diagnostic.message)?;
    out.write_all(br#","line":"#)?;
    write_number(out, d.line)?;
    out.write_all(br#","column":"#)?;
    write_number(out, d.column)?;
    out.write_all(br#","end_line":"#)?;
    write_number(out, d.end_line)?;
    out.write_all(br#","end_column":"#)?;
    write_number(out, d.end_column)?;
    out.write_all(br#","help":"#)?;
    match diagnostic.help.as_deref() {
        Some(help) => write_str(out, help)?,
        None => out.write_all(b"null")?,
    }
    match diagnostic.twilio_error {
        Some(code) => write!(out, r#","twilio_error":{code}"#)?,
        None => out.write_all(br#","twilio_error":null"#)?,
    }
    if let Some(r) = &d.reached_by {
        out.write_all(br#","reached_by":"#)?;
        let entry = ReachedEntry {
            note: &r.note,
            steps: &r.steps,
        };
        serde_json::to_writer(&mut *out, &entry).map_err(io::Error::other)?;
    }
    out.write_all(b"}")
}

/// A number in decimal, without the formatting machinery (four of them per finding).
fn write_number<W: Write>(out: &mut W, n: usize) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(n).as_bytes())
}

/// A JSON string, escaped as serde_json escapes it: `"`, `\\` and control characters, the
/// short forms where JSON has them (`\n`), `\u00XX` for the others. The runs between them are
/// copied whole, found sixteen bytes at a time.
fn write_str<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    out.write_all(b"\"")?;
    let mut from = 0;
    while let Some(at) = next_escape(bytes, from) {
        out.write_all(&bytes[from..at])?;
        let b = bytes[at];
        match b {
            b'"' => out.write_all(b"\\\"")?,
            b'\\' => out.write_all(b"\\\\")?,
            b'\n' => out.write_all(b"\\n")?,
            b'\r' => out.write_all(b"\\r")?,
            b'\t' => out.write_all(b"\\t")?,
            0x08 => out.write_all(b"\\b")?,
            0x0c => out.write_all(b"\\f")?,
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.write_all(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ])?;
            }
        }
        from = at + 1;
    }
    out.write_all(&bytes[from..])?;
    out.write_all(b"\"")
}

/// The first byte at or after `from` that JSON escapes: a control character, `"` or `\\`.
/// Each block of sixteen bytes is tested as a whole, with no branch per byte, which the
/// compiler does in vector lanes (half the instructions of a test of eight bytes in a `u64`);
/// only a block that holds one is read byte by byte.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 16;
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut i = from;
    while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        let any = block.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if any {
            return block.iter().position(|&b| needs(b)).map(|k| i + k);
        }
        i += BLOCK;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| needs(b))
        .map(|k| i + k)
}

impl<W: Write> Sink for JsonSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        self.out.write_all(br#"{"version":1,"files":["#)
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        // The same bytes as serialising `FileEntry`, written field by field: a finding's
        // strings are copied whole unless they need escaping.
        let out = &mut self.out;
        out.write_all(br#"{"path":"#)?;
        write_str(out, &report.name)?;
        out.write_all(br#","diagnostics":["#)?;
        for (i, d) in report.diagnostics.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write_diagnostic(out, d)?;
        }
        out.write_all(br#"],"overrides":"#)?;
        serde_json::to_writer(&mut *out, &OverridesEntry(&report.overrides))
            .map_err(io::Error::other)?;
        out.write_all(b"}")
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
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
    use super::{write_number, write_str};

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
        // Every byte value below 0x80 at every position of a block, and past it.
        for b in 0u8..0x80 {
            for at in 0..20 {
                let mut s = "x".repeat(at);
                s.push(char::from(b));
                s.push_str("yyyyyyyy");
                cases.push(s);
            }
        }
        for case in cases {
            let mut ours = Vec::new();
            write_str(&mut ours, &case).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&case).unwrap(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, 10, 99, 100, 12_345, u32::MAX as usize, usize::MAX] {
            let mut out = Vec::new();
            write_number(&mut out, n).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
