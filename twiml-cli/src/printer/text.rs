//! rustc-style text through annotate-snippets: `error[CODE]: message`, `--> file:line:col`,
//! the source excerpt with labels, then help and Twilio's error code.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use twiml_core::rules::AppliedOverride;
use twiml_core::{ByteSpan, Diagnostic, Severity};

use super::{Sink, summary_line};
use crate::report::{FileReport, Summary};

pub(crate) struct TextSink<W: Write> {
    out: W,
    /// Whether to end with the summary line.
    summary: bool,
}

impl<W: Write> TextSink<W> {
    pub(crate) fn new(out: W, summary: bool) -> Self {
        TextSink { out, summary }
    }
}

impl<W: Write> Sink for TextSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if let Some(text) = &report.rendered {
            self.out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        if self.summary {
            writeln!(self.out, "{}", summary_line(summary))?;
        }
        self.out.flush()
    }
}

/// Renders the findings of one file, each followed by a blank line.
pub(crate) fn render_file(
    name: &str,
    source: &str,
    diagnostics: &[Diagnostic<ByteSpan>],
) -> String {
    render_with_notes(name, source, diagnostics.iter().map(|d| (d, None)))
}

/// Renders the findings of one file, each with its note (the path through a flow that makes
/// it true), each followed by a blank line.
pub(crate) fn render_with_notes<'d>(
    name: &str,
    source: &str,
    diagnostics: impl Iterator<Item = (&'d Diagnostic<ByteSpan>, Option<&'d str>)>,
) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    for (d, note) in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            // Information, and any severity a later release adds.
            _ => Level::INFO,
        };
        let mut snippet = Snippet::source(source)
            .path(name)
            .annotation(AnnotationKind::Primary.span(clamp(d.span, source)));
        for label in &d.labels {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(clamp(label.span, source))
                    .label(label.message.as_str()),
            );
        }
        let mut group: Group<'_> = level
            .primary_title(&*d.message)
            .id(d.code.code())
            .element(snippet);
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(&**help));
        }
        if let Some(code) = d.twilio_error {
            group = group.element(Level::NOTE.message(format!("Twilio answers with error {code}")));
        }
        if let Some(note) = note {
            group = group.element(Level::NOTE.message(note));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// Notes the overrides that kept findings of `name` from being reported, with their reasons,
/// so that every relaxation shows in the log.
pub(crate) fn render_overrides(name: &str, overrides: &[AppliedOverride]) -> String {
    let mut out = String::new();
    for o in overrides.iter().filter(|o| o.suppressed > 0) {
        let findings = if o.suppressed == 1 {
            "finding"
        } else {
            "findings"
        };
        out.push_str(&format!(
            "note: {name}: {} allowed ({} {findings} not reported): {}\n\n",
            o.code, o.suppressed, o.reason
        ));
    }
    out
}

/// A span that lies inside `source` and on character boundaries.
fn clamp(span: ByteSpan, source: &str) -> std::ops::Range<usize> {
    let mut start = (span.start as usize).min(source.len());
    let mut end = (span.end as usize).clamp(start, source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}
