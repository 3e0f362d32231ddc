//! `twiml flow`: draws the call graph of a flow, with the findings of each document.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Error, ExitStatus, warn};
use crate::args::{FlowArgs, GraphFormat, LogLevel};
use crate::config;
use crate::flows;
use crate::printer::graph;

/// Finds the flow's `twiml.toml`, checks the flow and prints its graph.
pub(crate) fn run(args: FlowArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let config_path = config_file(&args)?;
    let policy = config::load(Some(&config_path), &args.policy).map_err(Error::new)?;
    let flow = flows::load(&config_path, &policy, &twiml_core::ParseOptions::default())
        .map_err(Error::new)?
        .ok_or_else(|| {
            Error::new(format_args!(
                "{}: no `[flow]` section: nothing to draw",
                config::shown(&config_path)
            ))
        })?;
    if args.format != GraphFormat::Json {
        let lines = twiml_core::LineIndex::new(&flow.config_text);
        for problem in &flow.report.problems {
            let (line, column) = lines.location(problem.span.start as usize);
            warn(
                log,
                format_args!(
                    "{}:{line}:{column}: {} [{}]",
                    flow.config_name, problem.message, problem.code
                ),
            );
        }
    }
    if log == LogLevel::Silent {
        return Ok(ExitStatus::Success);
    }
    let drawing = graph::Graph::new(&flow);
    let text = match args.format {
        GraphFormat::Mermaid => drawing.mermaid(),
        GraphFormat::Dot => drawing.dot(),
        GraphFormat::Json => drawing.json(),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// The `twiml.toml` the flow is read from: the one named with `--config`, the one given, or
/// the nearest at or above the folder given (or the folder of the document given).
fn config_file(args: &FlowArgs) -> Result<PathBuf, Error> {
    if let Some(path) = &args.policy.config {
        return Ok(path.clone());
    }
    let path = &args.path;
    let metadata = std::fs::metadata(path)
        .map_err(|e| Error::new(format_args!("{}: {e}", crate::inputs::display_path(path))))?;
    if metadata.is_file()
        && path
            .file_name()
            .is_some_and(|n| n == twiml_core::rules::FILE_NAME)
    {
        return Ok(path.clone());
    }
    let dir = if metadata.is_dir() {
        path.as_path()
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    };
    std::path::absolute(dir)
        .ok()
        .and_then(|dir| config::find(&dir))
        .ok_or_else(|| {
            Error::new(format_args!(
                "no `{}` at or above `{}`: a flow is declared in its `[flow]` section",
                twiml_core::rules::FILE_NAME,
                crate::inputs::display_path(dir)
            ))
        })
}
