//! Call flows: the `[flow]` section of a `twiml.toml`, checked whole. `twiml check` reports
//! the documents of a flow from its [`Flow`] (each finding with the path that makes it true,
//! and the section's own problems in a report of `twiml.toml`); `twiml flow` draws it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use twiml_core::callflow::{DocumentReport, FlowConfig, FlowPath, FlowReport, check_flow};
use twiml_core::{ParseOptions, Policy};

use crate::config::shown;
use crate::report::{Reached, Step};

/// A flow, checked.
pub(crate) struct Flow {
    /// The `twiml.toml`, as shown.
    pub(crate) config_name: String,
    /// Its text.
    pub(crate) config_text: String,
    /// Its folder: route files are relative to it.
    pub(crate) dir: PathBuf,
    /// The section as read.
    pub(crate) config: FlowConfig,
    /// What the check found.
    pub(crate) report: FlowReport,
    /// The routes of each document, by its canonical path.
    by_file: HashMap<PathBuf, Vec<usize>>,
}

/// Reads the `[flow]` of the `twiml.toml` at `path` and checks it under `policy`: `None`
/// when the file has no such section.
///
/// # Errors
///
/// The file cannot be read, or is not TOML (`path:line:col: message`).
pub(crate) fn load(
    path: &Path,
    policy: &Policy,
    options: &ParseOptions,
) -> Result<Option<Flow>, String> {
    let config_name = shown(path);
    let config_text = std::fs::read_to_string(path).map_err(|e| format!("{config_name}: {e}"))?;
    let config = match FlowConfig::from_toml(&config_text) {
        Ok(Some(config)) => config,
        Ok(None) => return Ok(None),
        Err(error) => {
            let (line, column) =
                twiml_core::LineIndex::new(&config_text).location(error.span.start as usize);
            return Err(format!("{config_name}:{line}:{column}: {}", error.message));
        }
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let report = check_flow(
        &config,
        |route| std::fs::read(dir.join(&route.file)),
        policy,
        options,
    );
    let mut by_file: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (i, route) in config.routes().iter().enumerate() {
        if let Ok(file) = std::fs::canonicalize(dir.join(&route.file)) {
            by_file.entry(file).or_default().push(i);
        }
    }
    Ok(Some(Flow {
        config_name,
        config_text,
        dir,
        config,
        report,
        by_file,
    }))
}

impl Flow {
    /// The routes whose document is the file at `path`, if any.
    pub(crate) fn routes_of(&self, path: &Path) -> Option<&[usize]> {
        let canonical = std::fs::canonicalize(path).ok()?;
        self.by_file.get(&canonical).map(Vec::as_slice)
    }

    /// A route's document, as shown for the files checked.
    pub(crate) fn shown_file(&self, route: usize) -> String {
        let file = &self.config.routes()[route].file;
        crate::inputs::display_path(Path::new(&shown(&self.dir.join(file))))
    }

    /// The reports of `routes` (one file's), merged: each finding once, the first path to it.
    pub(crate) fn document(&self, routes: &[usize]) -> Option<DocumentReport> {
        let mut merged: Option<DocumentReport> = None;
        for &route in routes {
            let report = self.report.documents.get(route)?.clone();
            let Some(into) = &mut merged else {
                merged = Some(report);
                continue;
            };
            for d in report.diagnostics {
                let known = into.diagnostics.iter().any(|k| {
                    k.diagnostic.code == d.diagnostic.code && k.diagnostic.span == d.diagnostic.span
                });
                if !known {
                    into.diagnostics.push(d);
                }
            }
            for state in report.states {
                if !into.states.contains(&state) {
                    into.states.push(state);
                }
            }
        }
        if let Some(merged) = &mut merged {
            merged.diagnostics.sort_by_key(|d| d.diagnostic.span.start);
        }
        merged
    }

    /// A path as the reports show it: the note with the files as `twiml.toml` names them,
    /// and each step's file as shown for the files checked.
    pub(crate) fn reached(&self, path: &FlowPath) -> Reached {
        let routes = self.config.routes();
        Reached {
            note: path.note(),
            steps: path
                .steps
                .iter()
                .map(|step| Step {
                    file: routes
                        .iter()
                        .position(|r| r.file == step.file)
                        .map_or_else(|| step.file.clone(), |i| self.shown_file(i)),
                    route: step.route.clone(),
                    via: step.via.map(|v| v.to_string()),
                })
                .collect(),
        }
    }
}
