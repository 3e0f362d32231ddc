//! The JSON form of `twiml check`, version 1. Its fields are documented in the README and
//! kept stable: a new field may be added, none is renamed or removed.

use std::io::{self, Write};

use serde_json::{Value, json};
use twiml_core::rules::OverrideOrigin;

use super::Sink;
use crate::report::{FileReport, Located, Summary};

pub(crate) struct JsonSink<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonSink<W> {
    pub(crate) fn new(out: W) -> Self {
        JsonSink { out, first: true }
    }
}

/// One diagnostic as the JSON form writes it. A finding of a checked flow also has
/// `reached_by`: the path on which it holds, each step's `file`, `route` and `via`.
pub(crate) fn diagnostic(d: &Located) -> Value {
    let mut value = json!({
        "code": d.diagnostic.code,
        "severity": d.diagnostic.severity.as_str(),
        "message": d.diagnostic.message,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "help": d.diagnostic.help,
        "twilio_error": d.diagnostic.twilio_error,
    });
    if let Some(reached) = &d.reached_by {
        value["reached_by"] = json!({
            "note": reached.note,
            "steps": reached.steps.iter().map(|s| json!({
                "file": s.file,
                "route": s.route,
                "via": s.via,
            })).collect::<Vec<_>>(),
        });
    }
    value
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
        let entry = json!({
            "path": report.name,
            "diagnostics": report.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
            "overrides": report.overrides.iter().map(|o| json!({
                "code": o.code,
                "reason": o.reason,
                "suppressed": o.suppressed,
                "origin": origin(o.origin),
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer(&mut self.out, &entry).map_err(io::Error::other)
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
