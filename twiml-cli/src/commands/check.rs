//! `twiml check`: validates every input on worker threads and writes the reports in input
//! order, a batch at a time, so that memory stays flat however many files there are.
//!
//! A document of a flow (a route of the `[flow]` section of its `twiml.toml`) is checked with
//! its flow, along every path from each entry: its findings come with the path that makes
//! each true, and the section's own problems come first, in a report of `twiml.toml`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;
use twiml_core::rules::{AppliedOverride, Suppressed};
use twiml_core::{ByteSpan, Diagnostic, LineIndex, ParseOptions, Policy, validate_with};

use super::{Error, ExitStatus};
use crate::args::{CheckArgs, Deny, LogLevel, OutputFormat};
use crate::config;
use crate::flows::{self, Flow};
use crate::inputs::Input;
use crate::printer::{self, Sink};
use crate::report::{FileReport, Located, Reached, Summary, SuppressedFinding};
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
    let config::Policies {
        policies,
        files,
        chosen,
    } = config::for_inputs(&args.policy, &inputs).map_err(Error::new)?;
    // Folders whose `twiml.toml` has a `[flow]` are checked whole, once.
    let mut flows: Vec<Option<Flow>> = Vec::with_capacity(policies.len());
    for (policy, file) in policies.iter().zip(&files) {
        flows.push(match file {
            Some(path) => flows::load(path, policy, &options).map_err(Error::new)?,
            None => None,
        });
    }
    let selection = Selection::new(&args.select, &args.ignore);
    let jobs_list: Vec<Job<'_>> = inputs
        .iter()
        .zip(&chosen)
        .map(|(input, &i)| {
            let flow = match (input, &flows[i]) {
                (Input::File(path), Some(flow)) => {
                    flow.routes_of(path).map(|routes| (flow, routes.to_vec()))
                }
                _ => None,
            };
            Job {
                input,
                policy: &policies[i],
                flow,
            }
        })
        .collect();
    // The problems of each `[flow]` that the inputs use, reported first, in `twiml.toml`.
    let mut used: Vec<&Flow> = Vec::new();
    for job in &jobs_list {
        if let Some((flow, _)) = job.flow
            && !used.iter().any(|u| std::ptr::eq(*u, flow))
        {
            used.push(flow);
        }
    }
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
    let configs: Vec<FileReport> = used
        .iter()
        .map(|flow| flow_problems(flow, &settings))
        .filter(|report| !report.diagnostics.is_empty())
        .collect();
    let out = io::BufWriter::with_capacity(printer::REPORT_BUFFER, report_out());
    let sink = printer::sink(args.format, args.statistics, log, out);
    let outcome = check(&configs, &jobs_list, &settings, threads, sink)?;
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

/// Where the report goes: standard output. On Unix, a duplicate of its descriptor, written
/// in the blocks of 64 KiB the report is buffered in; standard output itself would search
/// each block for its last newline first, to keep its own line buffer (about 70 k
/// instructions a block). Where the descriptor cannot be duplicated, standard output.
#[cfg(unix)]
fn report_out() -> Box<dyn Write> {
    use std::os::fd::AsFd;
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    // Nothing is pending here; a flush keeps the order should that change.
    if lock.flush().is_ok()
        && let Ok(fd) = lock.as_fd().try_clone_to_owned()
    {
        return Box::new(std::fs::File::from(fd));
    }
    Box::new(lock)
}

/// Where the report goes: standard output.
#[cfg(not(unix))]
fn report_out() -> Box<dyn Write> {
    Box::new(io::stdout().lock())
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
    /// The flow the input is a document of, and its routes there.
    flow: Option<(&'a Flow, Vec<usize>)>,
}

/// Writes `configs` (the problems of `twiml.toml` files), then checks `inputs` on `threads`
/// threads, and writes the reports to `sink`.
fn check(
    configs: &[FileReport],
    inputs: &[Job<'_>],
    settings: &Settings<'_>,
    threads: usize,
    mut sink: Box<dyn Sink + '_>,
) -> io::Result<Outcome> {
    let mut summary = Summary::default();
    let mut unreadable = 0;
    sink.begin()?;
    for report in configs {
        summary.add(report);
        sink.file(report)?;
    }
    let mut write = |report: FileReport| -> io::Result<()> {
        if let Some(reason) = &report.unreadable {
            eprintln!("error: {}: {reason}", report.name);
            unreadable += 1;
            return Ok(());
        }
        summary.add(&report);
        sink.file(&report)
    };
    if threads == 1 {
        // One thread: this one, each report written as soon as it is made, so that memory
        // holds one file's findings at a time whatever the number of files.
        for job in inputs {
            write(check_here(job, settings))?;
        }
    } else {
        for batch in inputs.chunks(BATCH) {
            for report in check_batch(batch, settings, threads) {
                write(report)?;
            }
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
    let workers = threads.min(batch.len()).max(1);
    if workers == 1 {
        return batch.iter().map(|job| check_here(job, settings)).collect();
    }
    let next = AtomicUsize::new(0);
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
        .map(|(slot, job)| slot.unwrap_or_else(|| stopped(job)))
        .collect()
}

/// Checks one input on this thread. No thread to start, no slots to fill; a check that
/// panics costs its own file, as it would on a worker thread.
fn check_here(job: &Job<'_>, settings: &Settings<'_>) -> FileReport {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_input(job, settings)))
        .unwrap_or_else(|_| stopped(job))
}

/// The report of an input whose check panicked.
fn stopped(job: &Job<'_>) -> FileReport {
    FileReport::unreadable(
        job.input.name(),
        "the check of this file stopped unexpectedly".to_string(),
    )
}

/// Reads and checks one input; a document of a flow takes its report from the flow.
fn check_input(job: &Job<'_>, settings: &Settings<'_>) -> FileReport {
    let name = job.input.name();
    if let Some((flow, routes)) = &job.flow
        && let Some(document) = flow.document(routes)
        && let Some(source) = &document.source
    {
        let findings = Findings {
            diagnostics: document
                .diagnostics
                .iter()
                .map(|d| d.diagnostic.clone())
                .collect(),
            reached_by: document
                .diagnostics
                .iter()
                .map(|d| d.reached_by.as_ref().map(|p| flow.reached(p)))
                .collect(),
            overrides: document.overrides.clone(),
            suppressed: document.suppressed.clone(),
            parsed: document.parsed,
        };
        return file_report(name, source, findings, settings);
    }
    // One byte past the limit is enough for the parser to say the file is too large.
    let limit =
        u64::try_from(settings.options.max_bytes).map_or(u64::MAX, |max| max.saturating_add(1));
    match job.input.read_at_most(limit) {
        Ok(bytes) => check_bytes(name, &bytes, job.policy, settings),
        Err(e) => FileReport::unreadable(name, e.to_string()),
    }
}

/// The report of a flow's `twiml.toml`: the problems of its `[flow]` section.
fn flow_problems(flow: &Flow, settings: &Settings<'_>) -> FileReport {
    let findings = Findings {
        diagnostics: flow.report.problems.clone(),
        reached_by: Vec::new(),
        overrides: Vec::new(),
        suppressed: Vec::new(),
        parsed: true,
    };
    file_report(
        flow.config_name.clone(),
        &flow.config_text,
        findings,
        settings,
    )
}

/// What was found in one document, before the selection and the printers.
struct Findings {
    /// Each finding.
    diagnostics: Vec<Diagnostic<ByteSpan>>,
    /// In a flow, the path that makes each finding of `diagnostics` true, in their order;
    /// empty outside a flow.
    reached_by: Vec<Option<Reached>>,
    overrides: Vec<AppliedOverride>,
    suppressed: Vec<Suppressed<ByteSpan>>,
    /// Whether the document parsed: a document that does not is reported whatever the
    /// selection, since nothing else could be checked in it.
    parsed: bool,
}

/// Checks one document's bytes.
fn check_bytes(name: String, bytes: &[u8], policy: &Policy, settings: &Settings<'_>) -> FileReport {
    let options = settings.options;
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
    let findings = match validation {
        Ok(v) => Findings {
            parsed: v.document.is_some(),
            diagnostics: v.diagnostics,
            reached_by: Vec::new(),
            overrides: v.overrides,
            suppressed: v.suppressed,
        },
        Err(error) => Findings {
            diagnostics: error.into_iter().collect(),
            reached_by: Vec::new(),
            overrides: Vec::new(),
            suppressed: Vec::new(),
            parsed: false,
        },
    };
    file_report(name, &source, findings, settings)
}

/// The report of one document: its findings, the selection applied, rendered ahead for the
/// text format.
fn file_report(
    name: String,
    source: &str,
    findings: Findings,
    settings: &Settings<'_>,
) -> FileReport {
    let selection = settings.selection;
    let Findings {
        diagnostics,
        reached_by,
        overrides,
        suppressed,
        parsed,
    } = findings;
    let (overrides, suppressed) = if parsed {
        (overrides, suppressed)
    } else {
        (Vec::new(), Vec::new())
    };
    // Lines are indexed only for a document with something to place.
    let index = std::cell::OnceCell::new();
    let lines = || index.get_or_init(|| LineIndex::new(source));
    // Each finding moved once, from the check's list to the report's.
    let mut reached_by = reached_by.into_iter();
    let mut located = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let reached_by = reached_by.next().flatten();
        if !parsed || selection.reports(d.code.code()) {
            located.push(Located {
                reached_by,
                ..Located::new(d, lines())
            });
        }
    }
    let diagnostics = located;
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
                finding: Located::new(s.diagnostic, lines()),
                by,
            })
        })
        .collect();
    let rendered = (settings.render_text
        && (!diagnostics.is_empty() || overrides.iter().any(|o| o.suppressed > 0)))
    .then(|| {
        let mut text = printer::text::render_with_notes(
            &name,
            source,
            diagnostics.iter().map(|l| {
                (
                    &l.diagnostic,
                    l.reached_by.as_ref().map(|r| r.note.as_str()),
                )
            }),
        );
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
