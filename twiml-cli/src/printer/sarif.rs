//! SARIF 2.1.0, the format GitHub code scanning accepts: one run, every diagnostic code as a
//! rule with its documentation, one result per finding.

use std::io::{self, Write};

use serde_json::{Value, json};
use twiml_core::Severity;

use twiml_core::codes::Code;

use super::Sink;
use crate::report::{FileReport, Summary};

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
        Severity::Info => "note",
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
        for d in &report.diagnostics {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            let rule_index = Code::all().position(|c| c.code() == d.diagnostic.code);
            let mut text = d.diagnostic.message.clone();
            if let Some(help) = &d.diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let result = json!({
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
            serde_json::to_writer(&mut self.out, &result).map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "]}}]}}")?;
        self.out.flush()
    }
}
