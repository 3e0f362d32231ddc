//! `twiml check`: validates every input on worker threads and writes the reports in input
//! order, a batch at a time, so that memory stays flat however many files there are.

use std::borrow::Cow;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;
use twiml_core::{ByteSpan, Diagnostic, LineIndex, ParseOptions, Policy, validate_with};

use super::{Error, ExitStatus};
use crate::args::{CheckArgs, Deny, LogLevel, OutputFormat};
use crate::config;
use crate::inputs::Input;
use crate::printer::{self, Sink};
use crate::report::{FileReport, Located, Summary, SuppressedFinding};
use crate::selection::Selection;

/// Files checked in one batch: the most reports held in memory at once.
const BATCH: usize = 256;

/// Runs `twiml check`.
pub(crate) fn run(args: CheckArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    if args.statistics && !matches!(args.format, OutputFormat::Text | OutputFormat::Json) {
        return Err(Error::new(format_args!(
            "`--statistics` writes text or JSON, not `{}`",
            args.format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string())
        )));
    }
    let options = args.parse_options();
    let inputs = super::collect_inputs(&args.input, log)?;
    let (policies, chosen) = config::for_inputs(&args.policy, &inputs).map_err(Error::new)?;
    let selection = Selection::new(&args.select, &args.ignore);
    let jobs_list: Vec<Job<'_>> = inputs
        .iter()
        .zip(&chosen)
        .map(|(input, &i)| Job {
            input,
            policy: &policies[i],
        })
        .collect();
    let threads = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let settings = Settings {
        options: &options,
        selection: &selection,
        // Nothing is printed under `--silent`, and statistics print no finding: no need to
        // render them.
        render_text: args.format == OutputFormat::Text
            && !args.statistics
            && log != LogLevel::Silent,
    };
    let sink = printer::sink(args.format, args.statistics, log, io::stdout().lock());
    let outcome = check(&jobs_list, &settings, threads, sink)?;
    let failing = outcome.summary.errors > 0
        || (args.deny == Some(Deny::Warnings) && outcome.summary.warnings > 0);
    Ok(if outcome.unreadable > 0 {
        ExitStatus::Error
    } else if failing && !args.exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// How each input is checked and reported.
struct Settings<'a> {
    options: &'a ParseOptions,
    selection: &'a Selection,
    /// Render the text form on the worker threads.
    render_text: bool,
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

/// Checks `inputs` on `threads` threads and writes the reports to `sink`.
fn check(
    inputs: &[Job<'_>],
    settings: &Settings<'_>,
    threads: usize,
    mut sink: Box<dyn Sink + '_>,
) -> io::Result<Outcome> {
    let mut summary = Summary::default();
    let mut unreadable = 0;
    sink.begin()?;
    for batch in inputs.chunks(BATCH) {
        for report in check_batch(batch, settings, threads) {
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
fn check_batch(batch: &[Job<'_>], settings: &Settings<'_>, threads: usize) -> Vec<FileReport> {
    let next = AtomicUsize::new(0);
    let workers = threads.min(batch.len()).max(1);
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
                        done.push((i, check_input(job, settings)));
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
fn check_input(job: &Job<'_>, settings: &Settings<'_>) -> FileReport {
    let name = job.input.name();
    match job.input.read() {
        Ok(bytes) => check_bytes(name, &bytes, job.policy, settings),
        Err(e) => FileReport::unreadable(name, e.to_string()),
    }
}

/// Checks one document's bytes.
fn check_bytes(name: String, bytes: &[u8], policy: &Policy, settings: &Settings<'_>) -> FileReport {
    let options = settings.options;
    let selection = settings.selection;
    let (source, validation) = match std::str::from_utf8(bytes) {
        Ok(source) => (
            Cow::Borrowed(source),
            Ok(validate_with(source, options, policy)),
        ),
        // `parse_bytes` locates the first byte that is not UTF-8; the snippet shows the text
        // around it with replacement characters.
        Err(_) => (
            String::from_utf8_lossy(bytes),
            Err(twiml_core::parse_bytes(bytes, options).err()),
        ),
    };
    let lines = LineIndex::new(&source);
    let (diagnostics, overrides, suppressed) = match validation {
        // A document that does not parse is reported whatever the selection: nothing else
        // could be checked in it.
        Ok(v) if v.document.is_none() => (v.diagnostics, Vec::new(), Vec::new()),
        Err(error) => (error.into_iter().collect(), Vec::new(), Vec::new()),
        Ok(v) => {
            let diagnostics = v
                .diagnostics
                .into_iter()
                .filter(|d| selection.reports(d.code.code()))
                .collect();
            (diagnostics, v.overrides, v.suppressed)
        }
    };
    let diagnostics: Vec<Located> = diagnostics
        .into_iter()
        .map(|d| Located::new(d, &lines))
        .collect();
    // Overrides of rules the selection leaves out are left out with them.
    let mut kept = Vec::with_capacity(overrides.len());
    let overrides: Vec<_> = overrides
        .into_iter()
        .filter(|o| {
            let reported = selection.reports(&o.code);
            kept.push(reported);
            reported
        })
        .collect();
    // The position of each kept override among those kept.
    let mut position = Vec::with_capacity(kept.len());
    let mut next = 0;
    for &k in &kept {
        position.push(k.then_some(next));
        next += usize::from(k);
    }
    let suppressed = suppressed
        .into_iter()
        .filter_map(|s| {
            let by = position.get(s.by).copied().flatten()?;
            Some(SuppressedFinding {
                finding: Located::new(s.diagnostic, &lines),
                by,
            })
        })
        .collect();
    let rendered = (settings.render_text
        && (!diagnostics.is_empty() || overrides.iter().any(|o| o.suppressed > 0)))
    .then(|| {
        let plain: Vec<Diagnostic<ByteSpan>> =
            diagnostics.iter().map(|l| l.diagnostic.clone()).collect();
        let mut text = printer::text::render_file(&name, &source, &plain);
        text.push_str(&printer::text::render_overrides(&name, &overrides));
        text
    });
    FileReport {
        name,
        diagnostics,
        rendered,
        unreadable: None,
        overrides,
        suppressed,
    }
}
