//! SARIF 2.1.0, the format GitHub code scanning accepts: one run, every diagnostic code as a
//! rule with its documentation, one result per finding. A finding an override kept from being
//! reported is a result too, with a `suppressions` entry that gives the override's reason as
//! its justification: `inSource` for a `twiml-allow` comment, `external` for the policy.

use std::io::{self, Write};

use serde_json::{Value, json};
use twiml_core::Severity;
use twiml_core::codes::Code;
use twiml_core::rules::{AppliedOverride, OverrideOrigin};

use super::Sink;
use crate::report::{FileReport, Located, Reached, Summary};

pub(crate) struct SarifSink<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> SarifSink<W> {
    pub(crate) fn new(out: W) -> Self {
        SarifSink { out, first: true }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        // Information, and any severity a later release adds.
        _ => "note",
    }
}

/// Percent-encodes what a relative URI reference cannot hold as it is.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rules() -> Vec<Value> {
    Code::all()
        .map(|c| {
            let (tags, twilio_error) = match c {
                Code::Check(check) => (vec!["twiml"], check.twilio_error),
                Code::Rule(rule) => (vec!["twiml", "compliance", rule.family.as_str()], None),
            };
            json!({
                "id": c.code(),
                "name": c.name(),
                "shortDescription": { "text": c.summary() },
                "fullDescription": { "text": c.summary() },
                "help": { "text": c.docs(), "markdown": c.docs() },
                "defaultConfiguration": { "level": level(c.default_severity()) },
                "properties": {
                    "tags": tags,
                    "twilioError": twilio_error,
                },
            })
        })
        .collect()
}

/// One result: a finding of `report`.
fn result(report: &FileReport, d: &Located) -> Value {
    let rule_index = Code::all().position(|c| c == d.diagnostic.code);
    let mut text = d.diagnostic.message.to_string();
    if let Some(help) = &d.diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    if let Some(reached) = &d.reached_by {
        text.push('\n');
        text.push_str(&reached.note);
    }
    let mut result = json!({
        "ruleId": d.diagnostic.code,
        "ruleIndex": rule_index,
        "level": level(d.diagnostic.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&report.name) },
                "region": {
                    "startLine": d.line,
                    "startColumn": d.column,
                    "endLine": d.end_line,
                    "endColumn": d.end_column,
                },
            },
        }],
        "properties": { "twilioError": d.diagnostic.twilio_error },
    });
    if let Some(reached) = &d.reached_by {
        result["codeFlows"] = code_flow(reached);
    }
    result
}

/// The path through a flow that makes a finding true, as a SARIF code flow: one thread flow
/// whose locations are the documents the call goes through, each with what took it there.
fn code_flow(reached: &Reached) -> Value {
    let locations: Vec<Value> = reached
        .steps
        .iter()
        .map(|step| {
            let what = match &step.via {
                Some(via) => format!("{} ({via})", step.route),
                None => format!("{} (the call starts here)", step.route),
            };
            json!({
                "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&step.file) },
                    },
                    "message": { "text": what },
                },
            })
        })
        .collect();
    json!([{
        "message": { "text": reached.note },
        "threadFlows": [{ "locations": locations }],
    }])
}

/// The suppression of a finding by an override: `inSource` for a `twiml-allow` comment,
/// `external` for the policy, accepted, with the override's reason as its justification.
fn suppression(o: &AppliedOverride) -> Value {
    let kind = match o.origin {
        OverrideOrigin::Comment => "inSource",
        _ => "external",
    };
    json!({
        "kind": kind,
        "status": "accepted",
        "justification": o.reason,
    })
}

impl<W: Write> Sink for SarifSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        let driver = json!({
            "name": "twiml",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
            "rules": rules(),
        });
        write!(
            self.out,
            r#"{{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{{"tool":{{"driver":{driver}}},"columnKind":"unicodeCodePoints","results":["#
        )
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let reported = report.diagnostics.iter().map(|d| result(report, d));
        let suppressed = report.suppressed.iter().map(|s| {
            let mut result = result(report, &s.finding);
            if let Some(o) = report.overrides.get(s.by) {
                result["suppressions"] = json!([suppression(o)]);
            }
            result
        });
        for result in reported.chain(suppressed) {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            serde_json::to_writer(&mut self.out, &result).map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "]}}]}}")?;
        self.out.flush()
    }
}
