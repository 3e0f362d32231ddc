//! Writing check reports: rustc-style text, JSON, SARIF 2.1.0, and GitHub workflow
//! annotations. Each format streams: a header, one entry per file, a footer with the summary.
//! Printers read the report types of [`crate::report`] and know nothing of how they were
//! made. [`graph`] draws the call graph of a flow for `twiml flow`.

pub(crate) mod github;
pub(crate) mod graph;
pub(crate) mod json;
pub(crate) mod sarif;
pub(crate) mod statistics;
pub(crate) mod text;

use std::io::{self, Write};

use crate::args::{LogLevel, OutputFormat};
use crate::report::{FileReport, Summary};

/// The bytes a report is buffered in before it is written out: one write per 64 KiB, not one
/// per line.
pub(crate) const REPORT_BUFFER: usize = 1 << 16;

/// Receives reports in input order.
pub(crate) trait Sink {
    /// Writes what comes before the first file.
    fn begin(&mut self) -> io::Result<()>;
    /// Writes one file's findings.
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// Writes what comes after the last file, and flushes.
    fn end(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The sink of `format`, writing to `out`: the findings, or with `statistics` their counts
/// per code (text or JSON). Under `--quiet` the text and GitHub formats leave out the summary
/// line; JSON and SARIF are documents, written whole. Under `--silent` nothing is written.
pub(crate) fn sink<'w, W: Write + 'w>(
    format: OutputFormat,
    statistics: bool,
    log: LogLevel,
    out: W,
) -> Box<dyn Sink + 'w> {
    let summary = log == LogLevel::Default;
    match (log, format) {
        (LogLevel::Silent, _) => Box::new(Silent),
        (_, OutputFormat::Text | OutputFormat::Json) if statistics => Box::new(
            statistics::StatisticsSink::new(out, format == OutputFormat::Json, summary),
        ),
        (_, OutputFormat::Text) => Box::new(text::TextSink::new(out, summary)),
        (_, OutputFormat::Json) => Box::new(json::JsonSink::new(out)),
        (_, OutputFormat::Sarif) => Box::new(sarif::SarifSink::new(out)),
        (_, OutputFormat::Github) => Box::new(github::GithubSink::new(out, summary)),
    }
}

/// Writes nothing (`--silent`).
struct Silent;

impl Sink for Silent {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, _report: &FileReport) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// "checked 12 files: 10 errors, 6 warnings, 0 infos", or "checked 2 files: no findings".
pub(crate) fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    if summary.findings() == 0 {
        format!("checked {files}: no findings")
    } else {
        format!("checked {files}: {}", counts(summary))
    }
}

/// "2 errors, 1 warning, 0 infos".
pub(crate) fn counts(summary: &Summary) -> String {
    format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

/// "1 file", "2 files".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
