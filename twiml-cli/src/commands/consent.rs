//! `twiml consent --db PATH|URL ...`: the consent ledger from the command line.
//!
//! Exit status: 0 when the command did its work, 2 for trouble (a bad value names its field,
//! a malformed file its line; a file that is not a ledger is left untouched).

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::Path;

use serde_json::json;
use twiml_core::gate::inbound::{Language, Replies};
use twiml_core::gate::{Channel, ConsentKind, PhoneNumber, Sender, Timestamp, parse_instant};
use twiml_ledger::{
    AnyLedger, Attempt, Checkpoints, ConsentRecord, Format, Inbound, Ledger, LedgerError,
    SqliteLedger, read_consents, read_reassigned, write_consents,
};

use super::{Error, ExitStatus};
use crate::args::{
    ConsentArgs, ConsentCommand, ConsentInboundArgs, ConsentRecordArgs, LogLevel, RecordFormat,
    TextOrJson,
};
use crate::config;

/// Opens the ledger `--db` names: a `postgres://` URL, or the path of an SQLite file. A
/// command records and exits, so an SQLite file is checkpointed by its commits
/// ([`Checkpoints::AtCommits`]), not by a thread that would live for one command.
pub(crate) fn open(db: &Path) -> Result<AnyLedger, Error> {
    match db.to_str() {
        Some(target) => AnyLedger::open(target),
        // Not UTF-8, so not a URL.
        None => SqliteLedger::open(db).map(AnyLedger::Sqlite),
    }
    .and_then(|ledger| ledger.with_checkpoints(Checkpoints::AtCommits))
    .map_err(Error::new)
}

fn instant(value: Option<&str>, field: &str) -> Result<Timestamp, Error> {
    match value {
        Some(v) => parse_instant(v).map_err(|_| {
            Error::new(format_args!(
                "`--{field}`: `{v}` is not an RFC 3339 timestamp"
            ))
        }),
        None => Ok(Timestamp::now()),
    }
}

fn phone(value: &str, field: &str) -> Result<PhoneNumber, Error> {
    PhoneNumber::parse(value).map_err(|e| Error::new(format_args!("`--{field}`: {e}")))
}

fn print_json(value: &serde_json::Value, log: LogLevel) -> Result<(), Error> {
    if log == LogLevel::Silent {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(
        serde_json::to_string_pretty(value)
            .map_err(io::Error::other)?
            .as_bytes(),
    )?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn format_of(explicit: Option<RecordFormat>, path: Option<&Path>) -> Result<Format, Error> {
    match explicit {
        Some(RecordFormat::Csv) => Ok(Format::Csv),
        Some(RecordFormat::Jsonl) => Ok(Format::JsonLines),
        None => match path {
            Some(p) => Format::from_path(p).ok_or_else(|| {
                Error::new(format_args!(
                    "{}: cannot tell the format from the extension; give `--format csv` or `--format jsonl`",
                    p.display()
                ))
            }),
            None => Ok(Format::Csv),
        },
    }
}

/// Runs `twiml consent`.
pub(crate) fn run(args: ConsentArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let Some(db) = args.db.as_deref() else {
        return Err(Error::new(
            "`--db`: give the ledger (an SQLite file, or a `postgres://` URL)",
        ));
    };
    let ledger = open(db)?;
    match args.command {
        ConsentCommand::Record(a) => record(&ledger, &a, log)?,
        ConsentCommand::Inbound(a) => inbound(&ledger, &a, log)?,
        ConsentCommand::Show(a) => {
            let report = ledger
                .show(&phone(&a.phone, "phone")?, Timestamp::now())
                .map_err(Error::new)?;
            print_json(
                &serde_json::to_value(&report).map_err(io::Error::other)?,
                log,
            )?;
        }
        ConsentCommand::Import(a) => {
            let format = format_of(a.format, Some(&a.file))?;
            let name = a.file.display().to_string();
            let file = File::open(&a.file).map_err(|e| Error::new(format_args!("{name}: {e}")))?;
            let records = read_consents(BufReader::new(file), format, &name).map_err(Error::new)?;
            let n = ledger.import_consents(&records).map_err(|e| match e {
                LedgerError::Invalid { place, message } => {
                    Error::new(format_args!("{name}: {place}: {message}"))
                }
                other => Error::new(other),
            })?;
            print_json(&json!({"imported": n}), log)?;
        }
        ConsentCommand::Export(a) => {
            let format = format_of(a.format, a.output.as_deref())?;
            let records = ledger.export_consents().map_err(Error::new)?;
            match &a.output {
                Some(path) => {
                    let name = path.display().to_string();
                    // Written beside the target and renamed over it: a reader never sees half
                    // a file.
                    let dir = path
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(Path::new("."));
                    let mut tmp = tempfile::NamedTempFile::new_in(dir)
                        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
                    write_consents(&mut tmp, format, &records)
                        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
                    tmp.as_file()
                        .sync_all()
                        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
                    tmp.persist(path)
                        .map_err(|e| Error::new(format_args!("{name}: {}", e.error)))?;
                }
                None => {
                    let mut out = io::stdout().lock();
                    write_consents(&mut out, format, &records)?;
                }
            }
        }
        ConsentCommand::Attempt(a) => {
            let mut attempt =
                Attempt::call(phone(&a.phone, "phone")?, instant(a.at.as_deref(), "at")?);
            attempt.channel = Channel::parse(&a.channel).map_err(Error::new)?;
            attempt.debt = a.debt.clone();
            attempt.conversation = a.conversation;
            if let Some(from) = &a.from {
                attempt.from = Some(Sender::parse(from).map_err(Error::new)?);
            }
            let id = ledger.record_attempt(&attempt).map_err(Error::new)?;
            print_json(&json!({"id": id}), log)?;
        }
        ConsentCommand::Reassigned(a) => {
            let name = a.file.display().to_string();
            let file = File::open(&a.file).map_err(|e| Error::new(format_args!("{name}: {e}")))?;
            let results =
                read_reassigned(BufReader::new(file), &name, &a.source).map_err(Error::new)?;
            let n = ledger.import_reassigned(&results).map_err(Error::new)?;
            print_json(&json!({"imported": n}), log)?;
        }
        ConsentCommand::Erase(a) => {
            let erasure = ledger
                .erase(
                    &phone(&a.phone, "phone")?,
                    &a.reason,
                    &a.actor,
                    Timestamp::now(),
                )
                .map_err(Error::new)?;
            print_json(
                &serde_json::to_value(&erasure).map_err(io::Error::other)?,
                log,
            )?;
        }
    }
    Ok(ExitStatus::Success)
}

fn record(ledger: &AnyLedger, a: &ConsentRecordArgs, log: LogLevel) -> Result<(), Error> {
    let kind = ConsentKind::parse(&a.consent_type).ok_or_else(|| {
        Error::new(format_args!(
            "`--consent-type`: expected `express` or `express-written`, not `{}`",
            a.consent_type
        ))
    })?;
    let mut r = ConsentRecord::new(
        phone(&a.phone, "phone")?,
        kind,
        instant(a.consent_timestamp.as_deref(), "consent-timestamp")?,
    );
    r.channel.clone_from(&a.channel);
    r.consent_method.clone_from(&a.consent_method);
    r.consent_source.clone_from(&a.consent_source);
    r.ip_address.clone_from(&a.ip_address);
    r.opted_out = a.opted_out;
    r.opt_out_timestamp = a
        .opt_out_timestamp
        .as_deref()
        .map(|v| instant(Some(v), "opt-out-timestamp"))
        .transpose()?;
    r.seller.clone_from(&a.seller);
    r.disclosure.clone_from(&a.disclosure);
    r.disclosure_version.clone_from(&a.disclosure_version);
    r.purpose.clone_from(&a.purpose);
    r.sender_scope.clone_from(&a.sender_scope);
    r.evidence.clone_from(&a.evidence);
    r.language.clone_from(&a.language);
    r.validate().map_err(|(field, message)| {
        Error::new(format_args!("`--{}`: {message}", field.replace('_', "-")))
    })?;
    let id = ledger.record_consent(&r).map_err(Error::new)?;
    print_json(&json!({"id": id, "missing": r.missing()}), log)
}

fn inbound(ledger: &AnyLedger, a: &ConsentInboundArgs, log: LogLevel) -> Result<(), Error> {
    let policy = config::current(&a.policy).map_err(Error::new)?;
    let from = phone(&a.from, "from")?;
    let to = Sender::parse(&a.to).map_err(|e| Error::new(format_args!("`--to`: {e}")))?;
    let business = a
        .business
        .clone()
        .or_else(|| policy.business_names().first().cloned())
        .unwrap_or_else(|| to.to_string());
    let contact = a
        .contact
        .clone()
        .or_else(|| policy.callback_numbers().first().cloned())
        .unwrap_or_else(|| to.to_string());
    let replies = Replies::new(business, contact);
    let channel = Channel::parse(&a.channel).map_err(Error::new)?;
    let message =
        Inbound::new(from, to, a.body.clone(), instant(a.at.as_deref(), "at")?).channel(channel);
    let outcome = ledger
        .record_inbound(&message, &replies)
        .map_err(Error::new)?;
    let r = &outcome.reading;
    match a.format {
        TextOrJson::Json => print_json(
            &json!({
                "action": r.action.as_str(),
                "scope": r.scope.map(|s| s.as_str()),
                "reply": outcome.twiml,
                "kind": r.kind.as_str(),
                "language": r.language.as_str(),
                "matched": r.matched,
                "id": outcome.id,
            }),
            log,
        ),
        TextOrJson::Text => {
            if log != LogLevel::Silent {
                let mut out = io::stdout().lock();
                let scope = r.scope.map(|s| format!(" ({s})")).unwrap_or_default();
                let lang = if r.language == Language::Es {
                    "es"
                } else {
                    "en"
                };
                writeln!(out, "{}{scope}, {}, {lang}", r.action, r.kind.as_str())?;
                writeln!(out, "{}", outcome.twiml)?;
                out.flush()?;
            }
            Ok(())
        }
    }
}
