//! `--statistics`: how many findings each code has, instead of the findings, as a table or
//! as JSON (`{"version":1,"statistics":[{"code","name","severity","count"}],"summary":{...}}`).
//! A code whose findings have two severities (a rule that reports errors on one flow and
//! warnings on another) has a row for each. Rows are listed by count, most first, then by
//! code.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;
use twiml_core::Severity;
use twiml_core::codes::Code;

use super::{Sink, json::summary_json, summary_line};
use crate::report::{FileReport, Summary};

pub(crate) struct StatisticsSink<W: Write> {
    out: W,
    json: bool,
    /// Whether the table ends with the summary line.
    summary: bool,
    counts: BTreeMap<(String, Severity), usize>,
}

impl<W: Write> StatisticsSink<W> {
    pub(crate) fn new(out: W, json: bool, summary: bool) -> Self {
        StatisticsSink {
            out,
            json,
            summary,
            counts: BTreeMap::new(),
        }
    }
}

/// One row of the table.
struct Row<'a> {
    code: &'a str,
    name: &'static str,
    severity: Severity,
    count: usize,
}

/// The rows, by count (most first), then by code and severity (errors first).
fn rows(counts: &BTreeMap<(String, Severity), usize>) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = counts
        .iter()
        .map(|((code, severity), &count)| Row {
            code,
            name: Code::find(code).map_or("", Code::name),
            severity: *severity,
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.code.cmp(b.code))
            .then(b.severity.cmp(&a.severity))
    });
    rows
}

impl<W: Write> Sink for StatisticsSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in &report.diagnostics {
            let key = (d.diagnostic.code.to_string(), d.diagnostic.severity);
            *self.counts.entry(key).or_default() += 1;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let rows = rows(&self.counts);
        if self.json {
            let statistics: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.as_str(),
                        "count": r.count,
                    })
                })
                .collect();
            let document = json!({
                "version": 1,
                "statistics": statistics,
                "summary": summary_json(summary),
            });
            serde_json::to_writer(&mut self.out, &document).map_err(io::Error::other)?;
            writeln!(self.out)?;
            return self.out.flush();
        }
        let width = |column: fn(&Row<'_>) -> usize| rows.iter().map(column).max().unwrap_or(0);
        let count_width = width(|r| r.count.to_string().len());
        let code_width = width(|r| r.code.len());
        let severity_width = width(|r| r.severity.as_str().len());
        for r in &rows {
            writeln!(
                self.out,
                "{:>count_width$}  {:code_width$}  {:severity_width$}  {}",
                r.count,
                r.code,
                r.severity.as_str(),
                r.name
            )?;
        }
        if self.summary {
            writeln!(self.out, "{}", summary_line(summary))?;
        }
        self.out.flush()
    }
}
