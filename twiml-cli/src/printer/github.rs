//! GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding,
//! which GitHub shows on the lines of the pull request.

use std::io::{self, Write};

use twiml_core::Severity;

use super::{Sink, summary_line};
use crate::report::{FileReport, Summary};

pub(crate) struct GithubSink<W: Write> {
    out: W,
    /// Whether to end with the summary line.
    summary: bool,
}

impl<W: Write> GithubSink<W> {
    pub(crate) fn new(out: W, summary: bool) -> Self {
        GithubSink { out, summary }
    }
}

/// Escapes the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> Sink for GithubSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in &report.diagnostics {
            let command = match d.diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                // Information, and any severity a later release adds.
                _ => "notice",
            };
            let name = d.diagnostic.code.name();
            let mut message = d.diagnostic.message.to_string();
            if let Some(help) = &d.diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            if let Some(code) = d.diagnostic.twilio_error {
                message.push_str(&format!("\nTwilio answers with error {code}"));
            }
            if let Some(reached) = &d.reached_by {
                message.push('\n');
                message.push_str(&reached.note);
            }
            writeln!(
                self.out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.name),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                escape_property(&format!("{} {name}", d.diagnostic.code)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        if !self.summary {
            return self.out.flush();
        }
        writeln!(self.out, "{}", summary_line(summary))?;
        self.out.flush()
    }
}
