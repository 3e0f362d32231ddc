//! `twiml check`: validates every input on worker threads and writes the reports in input
//! order, a batch at a time, so that memory stays flat however many files there are.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use twiml_core::rules::AppliedOverride;
use twiml_core::{ByteSpan, Diagnostic, LineIndex, ParseOptions, Policy, Severity, validate_with};

use crate::inputs::Input;
use crate::output::{self, Format};

/// Files checked in one batch: the most reports held in memory at once.
const BATCH: usize = 256;

/// A diagnostic with its position in lines and columns (1-based; the end is exclusive).
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub(crate) diagnostic: Diagnostic<ByteSpan>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
}

/// What checking one input found.
#[derive(Debug)]
pub(crate) struct FileReport {
    /// The name shown for the input.
    pub(crate) name: String,
    /// Findings in source order.
    pub(crate) diagnostics: Vec<Located>,
    /// The findings rendered for the text format.
    pub(crate) rendered: Option<String>,
    /// Why the input could not be read.
    pub(crate) unreadable: Option<String>,
    /// Rules turned off for this file, with their reasons: the audit trail.
    pub(crate) overrides: Vec<AppliedOverride>,
}

/// Counts over every file.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Summary {
    pub(crate) files: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
}

impl Summary {
    fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            match d.diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// What `run` found.
pub(crate) struct Outcome {
    pub(crate) summary: Summary,
    /// Inputs that could not be read.
    pub(crate) unreadable: usize,
}

/// One input and the policy it is checked under.
pub(crate) struct Job<'a> {
    pub(crate) input: &'a Input,
    pub(crate) policy: &'a Policy,
}

/// Checks `inputs` on `jobs` threads and writes the reports to `out` in `format`.
pub(crate) fn run<W: Write>(
    inputs: &[Job<'_>],
    options: &ParseOptions,
    format: Format,
    jobs: usize,
    out: W,
) -> io::Result<Outcome> {
    let mut sink = output::sink(format, out);
    let mut summary = Summary::default();
    let mut unreadable = 0;
    sink.begin()?;
    for batch in inputs.chunks(BATCH) {
        for report in check_batch(batch, options, format, jobs) {
            if let Some(reason) = &report.unreadable {
                eprintln!("error: {}: {reason}", report.name);
                unreadable += 1;
                continue;
            }
            summary.add(&report);
            sink.file(&report)?;
        }
    }
    sink.end(&summary)?;
    Ok(Outcome {
        summary,
        unreadable,
    })
}

/// Checks a batch in parallel; returns the reports in input order.
fn check_batch(
    batch: &[Job<'_>],
    options: &ParseOptions,
    format: Format,
    jobs: usize,
) -> Vec<FileReport> {
    let next = AtomicUsize::new(0);
    let workers = jobs.min(batch.len()).max(1);
    let mut slots: Vec<Option<FileReport>> = Vec::with_capacity(batch.len());
    slots.resize_with(batch.len(), || None);
    let results: Vec<Vec<(usize, FileReport)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = batch.get(i) else { break };
                        done.push((i, check_input(job.input, options, job.policy, format)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (i, report) in results.into_iter().flatten() {
        slots[i] = Some(report);
    }
    slots
        .into_iter()
        .zip(batch)
        .map(|(slot, job)| {
            slot.unwrap_or_else(|| FileReport {
                name: job.input.name(),
                diagnostics: Vec::new(),
                rendered: None,
                unreadable: Some("the check of this file stopped unexpectedly".to_string()),
                overrides: Vec::new(),
            })
        })
        .collect()
}

/// Reads and checks one input.
pub(crate) fn check_input(
    input: &Input,
    options: &ParseOptions,
    policy: &Policy,
    format: Format,
) -> FileReport {
    let name = input.name();
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(e) => {
            return FileReport {
                name,
                diagnostics: Vec::new(),
                rendered: None,
                unreadable: Some(e.to_string()),
                overrides: Vec::new(),
            };
        }
    };
    check_bytes(name, &bytes, options, policy, format)
}

/// Checks one document's bytes.
pub(crate) fn check_bytes(
    name: String,
    bytes: &[u8],
    options: &ParseOptions,
    policy: &Policy,
    format: Format,
) -> FileReport {
    let mut overrides = Vec::new();
    let (source, diagnostics) = match std::str::from_utf8(bytes) {
        Ok(source) => {
            let validation = validate_with(source, options, policy);
            overrides = validation.overrides;
            (std::borrow::Cow::Borrowed(source), validation.diagnostics)
        }
        Err(_) => {
            // `parse_bytes` locates the first byte that is not UTF-8; the snippet shows the
            // text around it with replacement characters.
            let error = twiml_core::parse_bytes(bytes, options)
                .err()
                .into_iter()
                .collect();
            (String::from_utf8_lossy(bytes), error)
        }
    };
    let lines = LineIndex::new(&source);
    let located = diagnostics
        .into_iter()
        .map(|diagnostic| {
            let (line, column) = lines.location(diagnostic.span.start as usize);
            let (end_line, end_column) = lines.location(diagnostic.span.end as usize);
            Located {
                diagnostic,
                line,
                column,
                end_line,
                end_column,
            }
        })
        .collect::<Vec<_>>();
    let rendered = (format == Format::Text
        && (!located.is_empty() || overrides.iter().any(|o| o.suppressed > 0)))
    .then(|| {
        let plain: Vec<Diagnostic<ByteSpan>> =
            located.iter().map(|l| l.diagnostic.clone()).collect();
        let mut text = output::text::render_file(&name, &source, &plain);
        text.push_str(&output::text::render_overrides(&name, &overrides));
        text
    });
    FileReport {
        name,
        diagnostics: located,
        rendered,
        unreadable: None,
        overrides,
    }
}
