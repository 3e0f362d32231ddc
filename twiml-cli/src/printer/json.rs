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

/// One diagnostic as the JSON form writes it (the fields in this order). A finding of a
/// checked flow also has `reached_by`: the path on which it holds, each step's `file`,
/// `route` and `via`.
#[derive(Serialize)]
struct DiagnosticEntry<'a> {
    code: twiml_core::codes::Code,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    twilio_error: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reached_by: Option<ReachedEntry<'a>>,
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

impl<'a> DiagnosticEntry<'a> {
    fn new(d: &'a Located) -> Self {
        DiagnosticEntry {
            code: d.diagnostic.code,
            severity: d.diagnostic.severity.as_str(),
            message: &d.diagnostic.message,
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            help: d.diagnostic.help.as_deref(),
            twilio_error: d.diagnostic.twilio_error,
            reached_by: d.reached_by.as_ref().map(|r| ReachedEntry {
                note: &r.note,
                steps: &r.steps,
            }),
        }
    }
}

/// One override as the JSON form writes it.
#[derive(Serialize)]
struct OverrideEntry<'a> {
    code: &'a str,
    reason: &'a str,
    suppressed: usize,
    origin: &'static str,
}

/// One file's entry, written straight to the output: no intermediate JSON value.
#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    #[serde(serialize_with = "diagnostics")]
    diagnostics: &'a [Located],
    #[serde(serialize_with = "overrides")]
    overrides: &'a [AppliedOverride],
}

fn diagnostics<S: Serializer>(list: &&[Located], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(DiagnosticEntry::new))
}

fn overrides<S: Serializer>(list: &&[AppliedOverride], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(|o| OverrideEntry {
        code: &o.code,
        reason: &o.reason,
        suppressed: o.suppressed,
        origin: origin(o.origin),
    }))
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
        let entry = FileEntry {
            path: &report.name,
            diagnostics: &report.diagnostics,
            overrides: &report.overrides,
        };
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
