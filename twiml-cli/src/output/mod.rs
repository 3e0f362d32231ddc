//! Writing check reports: rustc-style text, JSON, SARIF 2.1.0, and GitHub workflow
//! annotations. Each format streams: a header, one entry per file, a footer with the summary.

pub(crate) mod github;
pub(crate) mod json;
pub(crate) mod sarif;
pub(crate) mod text;

use std::io::{self, Write};

use clap::ValueEnum;
use twiml_core::Severity;

use crate::check::{FileReport, Summary};

/// The output formats of `twiml check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// rustc-style diagnostics with source excerpts.
    Text,
    /// One JSON document (see the README for its fields).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Receives reports in input order.
pub(crate) trait Sink {
    fn begin(&mut self) -> io::Result<()>;
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    fn end(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The sink of `format`, writing to `out`.
pub(crate) fn sink<'w, W: Write + 'w>(format: Format, out: W) -> Box<dyn Sink + 'w> {
    match format {
        Format::Text => Box::new(text::TextSink::new(out)),
        Format::Json => Box::new(json::JsonSink::new(out)),
        Format::Sarif => Box::new(sarif::SarifSink::new(out)),
        Format::Github => Box::new(github::GithubSink::new(out)),
    }
}

/// "2 errors, 1 warning, 0 infos".
pub(crate) fn counts(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

/// The lowercase name of a severity.
pub(crate) fn severity_name(severity: Severity) -> &'static str {
    severity.as_str()
}
