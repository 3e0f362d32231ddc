//! Consent records in CSV and JSON Lines, and reassigned-number results in CSV.

use std::io::{BufRead, Write};

use twiml_core::gate::{PhoneNumber, RECORD_FIELDS, Reassigned};

use crate::LedgerError;
use crate::model::{ConsentRecord, ReassignedResult};

/// A file format of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row: the fields of [`ConsentRecord`].
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl Format {
    /// The format a file name's extension names (`.csv`, `.jsonl`, `.ndjson`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// The CSV columns, in order: the consent record's fields, as the gate names them.
const COLUMNS: &[&str] = RECORD_FIELDS;

/// Reads consent records. Every record is checked; the first bad one is an error naming
/// `name:LINE` and the field, and nothing is returned.
///
/// # Errors
///
/// [`LedgerError::Invalid`] for a malformed record, [`LedgerError::Io`] for a read error.
pub fn read_consents(
    reader: impl BufRead,
    format: Format,
    name: &str,
) -> Result<Vec<ConsentRecord>, LedgerError> {
    let io = |e: std::io::Error| LedgerError::Io {
        path: name.into(),
        source: e,
    };
    let mut out = Vec::new();
    match format {
        Format::JsonLines => {
            for (i, line) in reader.lines().enumerate() {
                let line = line.map_err(io)?;
                if line.trim().is_empty() {
                    continue;
                }
                let place = format!("{name}:{}", i + 1);
                let r: ConsentRecord = serde_json::from_str(&line).map_err(|e| {
                    LedgerError::invalid(
                        format!("{place}:{}", e.column()),
                        e.to_string()
                            .split(" at line")
                            .next()
                            .unwrap_or("")
                            .to_string(),
                    )
                })?;
                r.validate()
                    .map_err(|(f, m)| LedgerError::invalid(place, format!("`{f}`: {m}")))?;
                out.push(r);
            }
        }
        Format::Csv => {
            let mut csv = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(reader);
            let header = csv
                .headers()
                .map_err(|e| LedgerError::invalid(format!("{name}:1"), e.to_string()))?
                .clone();
            for col in header.iter() {
                if !COLUMNS.contains(&col) {
                    return Err(LedgerError::invalid(
                        format!("{name}:1"),
                        format!(
                            "unknown column `{col}`; the columns are {}",
                            COLUMNS.join(", ")
                        ),
                    ));
                }
            }
            for required in ["phone", "consent_type", "consent_timestamp"] {
                if !header.iter().any(|c| c == required) {
                    return Err(LedgerError::invalid(
                        format!("{name}:1"),
                        format!("missing column `{required}`"),
                    ));
                }
            }
            for row in csv.records() {
                let row = row.map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    LedgerError::invalid(format!("{name}:{line}"), e.to_string())
                })?;
                let line = row.position().map_or(0, |p| p.line());
                let place = format!("{name}:{line}");
                let get = |col: &str| {
                    header
                        .iter()
                        .position(|c| c == col)
                        .and_then(|i| row.get(i))
                        .filter(|v| !v.is_empty())
                        .map(str::to_string)
                };
                let bad = |field: &str, message: String| {
                    LedgerError::invalid(place.clone(), format!("`{field}`: {message}"))
                };
                let instant = |field: &str| -> Result<Option<_>, LedgerError> {
                    get(field)
                        .map(|v| {
                            twiml_core::gate::parse_instant(&v).map_err(|_| {
                                bad(field, format!("`{v}` is not an RFC 3339 timestamp"))
                            })
                        })
                        .transpose()
                };
                let kind = get("consent_type").unwrap_or_default();
                let r = ConsentRecord {
                    phone: get("phone").ok_or_else(|| bad("phone", "empty".to_string()))?,
                    channel: get("channel").unwrap_or_else(|| "all".to_string()),
                    consent_type: twiml_core::gate::ConsentKind::parse(&kind).ok_or_else(|| {
                        bad(
                            "consent_type",
                            format!("expected `express` or `express-written`, not `{kind}`"),
                        )
                    })?,
                    consent_method: get("consent_method"),
                    consent_timestamp: instant("consent_timestamp")?
                        .ok_or_else(|| bad("consent_timestamp", "empty".to_string()))?,
                    consent_source: get("consent_source"),
                    ip_address: get("ip_address"),
                    opted_out: match get("opted_out").as_deref() {
                        None | Some("false") | Some("0") | Some("no") => false,
                        Some("true") | Some("1") | Some("yes") => true,
                        Some(other) => {
                            return Err(bad(
                                "opted_out",
                                format!("expected true or false, not `{other}`"),
                            ));
                        }
                    },
                    opt_out_timestamp: instant("opt_out_timestamp")?,
                    seller: get("seller"),
                    disclosure: get("disclosure"),
                    disclosure_version: get("disclosure_version"),
                    purpose: get("purpose"),
                    sender_scope: get("sender_scope"),
                    evidence: get("evidence"),
                    language: get("language"),
                };
                r.validate().map_err(|(f, m)| bad(f, m))?;
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// Writes consent records.
///
/// # Errors
///
/// When the writer fails.
pub fn write_consents(
    writer: impl Write,
    format: Format,
    records: &[ConsentRecord],
) -> std::io::Result<()> {
    match format {
        Format::JsonLines => {
            let mut w = writer;
            for r in records {
                serde_json::to_writer(&mut w, r)?;
                w.write_all(b"\n")?;
            }
            w.flush()
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(writer);
            w.write_record(COLUMNS)?;
            for r in records {
                let t = |v: &Option<String>| v.clone().unwrap_or_default();
                w.write_record([
                    r.phone.clone(),
                    r.channel.clone(),
                    r.consent_type.as_str().to_string(),
                    t(&r.consent_method),
                    crate::model::rfc3339(r.consent_timestamp),
                    t(&r.consent_source),
                    t(&r.ip_address),
                    r.opted_out.to_string(),
                    r.opt_out_timestamp
                        .map(crate::model::rfc3339)
                        .unwrap_or_default(),
                    t(&r.seller),
                    t(&r.disclosure),
                    t(&r.disclosure_version),
                    t(&r.purpose),
                    t(&r.sender_scope),
                    t(&r.evidence),
                    t(&r.language),
                ])?;
            }
            w.flush()
        }
    }
}

/// Reads reassigned-number results: CSV with `phone`, `date` (or `checked_at`, or
/// `last_verified_date`) and `result` (or `answer`, `reassigned`, `is_number_reassigned`),
/// as the FCC's database and Twilio Lookup give them; dates as `YYYY-MM-DD`, `YYYYMMDD`,
/// `MM/DD/YYYY`, `M/D/YY` or RFC 3339. A bad row names `name:LINE` and nothing is returned.
///
/// # Errors
///
/// [`LedgerError::Invalid`] for a malformed row.
pub fn read_reassigned(
    reader: impl BufRead,
    name: &str,
    source: &str,
) -> Result<Vec<ReassignedResult>, LedgerError> {
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| LedgerError::invalid(format!("{name}:1"), e.to_string()))?
        .clone();
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|c| names.contains(&c.to_ascii_lowercase().as_str()))
    };
    let missing =
        |what: &str| LedgerError::invalid(format!("{name}:1"), format!("no `{what}` column"));
    let phone_col =
        find(&["phone", "number", "phone_number", "tn"]).ok_or_else(|| missing("phone"))?;
    let date_col = find(&["date", "checked_at", "last_verified_date", "date_checked"])
        .ok_or_else(|| missing("date"))?;
    let result_col = find(&["result", "answer", "reassigned", "is_number_reassigned"])
        .ok_or_else(|| missing("result"))?;
    let mut out = Vec::new();
    for row in csv.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            LedgerError::invalid(format!("{name}:{line}"), e.to_string())
        })?;
        let place = format!("{name}:{}", row.position().map_or(0, |p| p.line()));
        let cell = |i: usize| row.get(i).unwrap_or_default();
        let phone = PhoneNumber::parse(cell(phone_col))
            .map_err(|e| LedgerError::invalid(place.clone(), format!("`phone`: {e}")))?;
        let checked_at = parse_date(cell(date_col)).ok_or_else(|| {
            LedgerError::invalid(
                place.clone(),
                format!("`date`: `{}` is not a date", cell(date_col)),
            )
        })?;
        let answer = Reassigned::parse(cell(result_col)).ok_or_else(|| {
            LedgerError::invalid(
                place.clone(),
                format!(
                    "`result`: expected yes, no or no data, not `{}`",
                    cell(result_col)
                ),
            )
        })?;
        out.push(ReassignedResult {
            phone,
            checked_at,
            answer,
            source: source.to_string(),
        });
    }
    Ok(out)
}

/// A date as the reassigned numbers database writes it, at midnight UTC; or an RFC 3339
/// instant.
fn parse_date(text: &str) -> Option<twiml_core::gate::Timestamp> {
    if let Ok(t) = twiml_core::gate::parse_instant(text) {
        return Some(t);
    }
    let (y, m, d): (i16, i8, i8) = if let Some((y, rest)) = text.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    } else if text.contains('/') {
        let mut parts = text.split('/');
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        let y: i16 = parts.next()?.parse().ok()?;
        (if y < 100 { 2000 + y } else { y }, m, d)
    } else if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        (
            text[..4].parse().ok()?,
            text[4..6].parse().ok()?,
            text[6..].parse().ok()?,
        )
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    twiml_core::gate::jiff::civil::Date::new(y, m, d).ok()?;
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_csv_names_the_line() {
        let text = "phone,consent_type,consent_timestamp\n+13055550123,express,2026-01-01T00:00:00Z\n+13055550124,sometimes,2026-01-01T00:00:00Z\n";
        let e = read_consents(text.as_bytes(), Format::Csv, "in.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "in.csv:3: `consent_type`: expected `express` or `express-written`, not `sometimes`"
        );
    }

    #[test]
    fn dates() {
        for d in ["2026-01-27", "01/27/2026", "1/27/26", "20260127"] {
            assert_eq!(
                parse_date(d).map(|t| t.to_string()),
                Some("2026-01-27T00:00:00Z".to_string()),
                "{d}"
            );
        }
        assert_eq!(parse_date("13/01/2026"), None);
    }
}
