//! `twiml fmt`: rewrites documents in their canonical form (`twiml_core::format_document`).
//!
//! Files are rewritten in place, only when their form changes, through a temporary file in
//! the same folder that is renamed over the original: a file is never left half-written.
//! Standard input is written to standard output. `--check` and `--diff` write nothing. A
//! document is formatted whatever the checks find in it; only one that does not parse is
//! refused, with its file, line and column.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use twiml_core::{ParseOptions, RenderOptions, format_document};

use super::{Error, ExitStatus};
use crate::args::{FmtArgs, LogLevel};
use crate::inputs::Input;
use crate::printer::{self, plural};

/// What `twiml fmt` does with each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Rewrite files; print standard input formatted.
    Write,
    /// List what would change.
    Check,
    /// Print how each would change.
    Diff,
}

/// What happened to the documents.
#[derive(Debug, Default)]
struct Tally {
    /// Documents whose form changed (or would).
    changed: usize,
    /// Documents already in canonical form.
    unchanged: usize,
    /// Documents that could not be read, parsed or written.
    failed: usize,
}

/// Formats the documents `args` names.
pub(crate) fn run(args: FmtArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let inputs = super::collect_inputs(&args.input, log)?;
    let mode = if args.check {
        Mode::Check
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Write
    };
    let render = args.render_options();
    let mut out = io::stdout().lock();
    let mut tally = Tally::default();
    for input in &inputs {
        let name = input.name();
        match format_input(input, &name, mode, &render, log, &mut out) {
            Ok(true) => tally.changed += 1,
            Ok(false) => tally.unchanged += 1,
            Err(Error::Message(message)) => {
                eprintln!("error: {message}");
                tally.failed += 1;
            }
            Err(Error::BrokenPipe) => return Err(Error::BrokenPipe),
        }
    }
    // Standard input formatted goes to standard output, where a summary does not belong.
    let document_on_stdout = mode == Mode::Write && inputs.contains(&Input::Stdin);
    if log == LogLevel::Default && !document_on_stdout {
        let files = |n| plural(n, "file");
        let line = match mode {
            Mode::Write => format!(
                "{} reformatted, {} left unchanged",
                files(tally.changed),
                files(tally.unchanged)
            ),
            Mode::Check | Mode::Diff => format!(
                "{} would be reformatted, {} already formatted",
                files(tally.changed),
                files(tally.unchanged)
            ),
        };
        let failed = if tally.failed > 0 {
            format!(", {} could not be formatted", files(tally.failed))
        } else {
            String::new()
        };
        writeln!(out, "{line}{failed}")?;
    }
    out.flush()?;
    Ok(if tally.failed > 0 {
        ExitStatus::Error
    } else if mode != Mode::Write && tally.changed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Formats one document; returns whether its form changed (or would).
fn format_input(
    input: &Input,
    name: &str,
    mode: Mode,
    render: &RenderOptions,
    log: LogLevel,
    out: &mut impl Write,
) -> Result<bool, Error> {
    let options = ParseOptions::default();
    let bytes = input
        .read()
        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
    let source = match std::str::from_utf8(&bytes) {
        Ok(source) => source,
        Err(_) => {
            let lossy = String::from_utf8_lossy(&bytes);
            let error = twiml_core::parse_bytes(&bytes, &options).err();
            eprint!(
                "{}",
                printer::text::render_file(name, &lossy, error.as_slice())
            );
            return Err(Error::new(format_args!(
                "{name}: the file is not UTF-8, so it cannot be formatted"
            )));
        }
    };
    let formatted = format_document(source, &options, render).map_err(|error| {
        eprint!(
            "{}",
            printer::text::render_file(name, source, std::slice::from_ref(&error))
        );
        Error::new(format_args!(
            "{name}: the document does not parse, so it cannot be formatted"
        ))
    })?;
    let changed = formatted != source;
    let show = log != LogLevel::Silent;
    match (mode, input) {
        (Mode::Write, Input::Stdin) => {
            if show {
                out.write_all(formatted.as_bytes())?;
            }
        }
        (Mode::Write, Input::File(path)) => {
            if changed {
                write_atomically(path, formatted.as_bytes())
                    .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
            }
        }
        (Mode::Check, _) => {
            if changed && show {
                writeln!(out, "would reformat: {name}")?;
            }
        }
        (Mode::Diff, _) => {
            if changed && show {
                let diff = similar::TextDiff::from_lines(source, &formatted);
                write!(out, "{}", diff.unified_diff().header(name, name))?;
            }
        }
    }
    Ok(changed)
}

/// Replaces the contents of the file at `path` (of the file it links to, for a symbolic
/// link) with `contents`: written to a temporary file in the same folder, with the original's
/// permissions, flushed to disk, then renamed over the original. The rename is atomic: a
/// reader, or a crash, sees the old contents or the new, never a part.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target: PathBuf = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    if permissions.readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".twiml-fmt-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
