//! `twiml check`: validates every input on worker threads and writes the reports in input
//! order, a batch at a time, so that memory stays flat however many files there are.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use twiml_core::{ByteSpan, Diagnostic, LineIndex, ParseOptions, Policy, validate_with};

use super::{Error, ExitStatus};
use crate::args::{CheckArgs, Deny, LogLevel, OutputFormat};
use crate::config;
use crate::inputs::{self, Input};
use crate::printer;
use crate::report::{FileReport, Located, Summary};

/// Files checked in one batch: the most reports held in memory at once.
const BATCH: usize = 256;

/// Runs `twiml check`.
pub(crate) fn run(args: CheckArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let options = args.parse_options();
    let inputs = inputs::collect(&args.paths).map_err(Error::new)?;
    let (policies, chosen) = config::for_inputs(&args.policy, &inputs).map_err(Error::new)?;
    let jobs_list: Vec<Job<'_>> = inputs
        .iter()
        .zip(&chosen)
        .map(|(input, &i)| Job {
            input,
            policy: &policies[i],
        })
        .collect();
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let stdout = io::stdout().lock();
    let outcome = check(&jobs_list, &options, args.format, log, jobs, stdout)?;
    let failing = outcome.summary.errors > 0
        || (args.deny == Some(Deny::Warnings) && outcome.summary.warnings > 0);
    Ok(if outcome.unreadable > 0 {
        ExitStatus::Error
    } else if failing {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// What [`check`] found.
struct Outcome {
    summary: Summary,
    /// Inputs that could not be read.
    unreadable: usize,
}

/// One input and the policy it is checked under.
struct Job<'a> {
    input: &'a Input,
    policy: &'a Policy,
}

/// Checks `inputs` on `jobs` threads and writes the reports to `out` in `format`.
fn check<W: Write>(
    inputs: &[Job<'_>],
    options: &ParseOptions,
    format: OutputFormat,
    log: LogLevel,
    jobs: usize,
    out: W,
) -> io::Result<Outcome> {
    let mut sink = printer::sink(format, log, out);
    let mut summary = Summary::default();
    let mut unreadable = 0;
    sink.begin()?;
    for batch in inputs.chunks(BATCH) {
        // Nothing is printed under `--silent`: no need to render it.
        let format = (log != LogLevel::Silent).then_some(format);
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
    format: Option<OutputFormat>,
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
            slot.unwrap_or_else(|| {
                FileReport::unreadable(
                    job.input.name(),
                    "the check of this file stopped unexpectedly".to_string(),
                )
            })
        })
        .collect()
}

/// Reads and checks one input.
fn check_input(
    input: &Input,
    options: &ParseOptions,
    policy: &Policy,
    format: Option<OutputFormat>,
) -> FileReport {
    let name = input.name();
    match input.read() {
        Ok(bytes) => check_bytes(name, &bytes, options, policy, format),
        Err(e) => FileReport::unreadable(name, e.to_string()),
    }
}

/// Checks one document's bytes.
fn check_bytes(
    name: String,
    bytes: &[u8],
    options: &ParseOptions,
    policy: &Policy,
    format: Option<OutputFormat>,
) -> FileReport {
    let mut overrides = Vec::new();
    let (source, diagnostics) = match std::str::from_utf8(bytes) {
        Ok(source) => {
            let validation = validate_with(source, options, policy);
            overrides = validation.overrides;
            (Cow::Borrowed(source), validation.diagnostics)
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
    let located: Vec<Located> = diagnostics
        .into_iter()
        .map(|diagnostic| Located::new(diagnostic, &lines))
        .collect();
    let rendered = (format == Some(OutputFormat::Text)
        && (!located.is_empty() || overrides.iter().any(|o| o.suppressed > 0)))
    .then(|| {
        let plain: Vec<Diagnostic<ByteSpan>> =
            located.iter().map(|l| l.diagnostic.clone()).collect();
        let mut text = printer::text::render_file(&name, &source, &plain);
        text.push_str(&printer::text::render_overrides(&name, &overrides));
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
