//! What a check found, per file and in total: the data that `commands::check` produces and
//! every printer reads. It depends on neither, so that neither depends on the other.

use twiml_core::rules::AppliedOverride;
use twiml_core::{ByteSpan, Diagnostic, LineIndex, Severity};

/// A diagnostic with its position in lines and columns (1-based; the end is exclusive).
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub(crate) diagnostic: Diagnostic<ByteSpan>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
    /// In a checked flow, the path on which the finding holds.
    pub(crate) reached_by: Option<Reached>,
}

/// The path through a flow that makes a finding true.
#[derive(Debug, Clone)]
pub(crate) struct Reached {
    /// "reached by voice.xml → menu.xml (digit 2)".
    pub(crate) note: String,
    /// The documents, the entry first.
    pub(crate) steps: Vec<Step>,
}

/// One document of a path.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    /// The document as shown for the files checked (relative to the current folder).
    pub(crate) file: String,
    /// The route it answers.
    pub(crate) route: String,
    /// What took the call there (`digit 2`); `None` for the entry.
    pub(crate) via: Option<String>,
}

impl Located {
    /// Locates `diagnostic` in the source that `lines` indexes.
    pub(crate) fn new(diagnostic: Diagnostic<ByteSpan>, lines: &LineIndex<'_>) -> Self {
        let ((line, column), (end_line, end_column)) =
            lines.span_location(diagnostic.span.start as usize, diagnostic.span.end as usize);
        Located {
            diagnostic,
            line,
            column,
            end_line,
            end_column,
            reached_by: None,
        }
    }
}

/// What checking one input found.
#[derive(Debug, Default)]
pub(crate) struct FileReport {
    /// The name shown for the input.
    pub(crate) name: String,
    /// Findings in source order.
    pub(crate) diagnostics: Vec<Located>,
    /// The findings as the printer renders them, when it renders them ahead (the text
    /// format, which needs the source, renders on the worker threads).
    pub(crate) rendered: Option<String>,
    /// Why the input could not be read.
    pub(crate) unreadable: Option<String>,
    /// Rules turned off for this file, with their reasons: the audit trail.
    pub(crate) overrides: Vec<AppliedOverride>,
    /// The findings those overrides kept from being reported, in source order.
    pub(crate) suppressed: Vec<SuppressedFinding>,
}

/// A finding that an override kept from being reported.
#[derive(Debug, Clone)]
pub(crate) struct SuppressedFinding {
    /// The finding, at the severity the rule gave it.
    pub(crate) finding: Located,
    /// The override that suppressed it: its position in [`FileReport::overrides`].
    pub(crate) by: usize,
}

impl FileReport {
    /// The report of an input that could not be read.
    pub(crate) fn unreadable(name: String, reason: String) -> Self {
        FileReport {
            name,
            unreadable: Some(reason),
            ..FileReport::default()
        }
    }
}

/// Counts over every file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) files: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
}

impl Summary {
    /// Counts one file's findings.
    pub(crate) fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            match d.diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                // Information, and any severity a later release adds.
                _ => self.infos += 1,
            }
        }
    }

    /// The number of findings.
    pub(crate) fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}
