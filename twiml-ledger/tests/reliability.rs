//! The ledger under trouble, with real processes: a `kill -9` in the middle of a bulk import
//! or of batches of decisions recorded without a flush at each commit, two processes writing
//! at once, files that are not ledgers or are damaged, and malformed imports.
//!
//! The child processes are this test binary run again with `TWIML_LEDGER_CHILD` set: the
//! `child` test then does the child's work and prints one `ack N` line per committed batch.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use twiml_core::gate::inbound::Replies;
use twiml_core::gate::{
    ConsentKind, Gate, MessageIntent, Outbound, PhoneNumber, Sender, Timestamp,
};
use twiml_core::rules::Policy;
use twiml_ledger::{ConsentRecord, Durability, Inbound, Ledger, LedgerError, SqliteLedger};

const BATCH: usize = 50;

fn number(n: usize) -> PhoneNumber {
    PhoneNumber::parse(&format!("+1305555{:04}", n % 10_000)).expect("a number")
}

fn instant(n: usize) -> Timestamp {
    let base: Timestamp = "2026-01-01T00:00:00Z".parse().expect("an instant");
    base + twiml_core::gate::jiff::SignedDuration::from_secs(i64::try_from(n).unwrap_or(0))
}

/// The child's work, when this binary runs as a child.
#[test]
fn child() {
    let Ok(task) = std::env::var("TWIML_LEDGER_CHILD") else {
        return;
    };
    let mut parts = task.splitn(3, ':');
    let (kind, tag, path) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let ledger = SqliteLedger::open(path).expect("the child opens the ledger");
    match kind {
        // Batches of consent records until killed (or 200 batches).
        "import" => {
            for b in 0..200 {
                let records: Vec<ConsentRecord> = (0..BATCH)
                    .map(|i| {
                        let mut r = ConsentRecord::new(
                            number(b * BATCH + i),
                            ConsentKind::ExpressWritten,
                            instant(b * BATCH + i),
                        );
                        r.evidence = Some(format!("batch {b} record {i}"));
                        r
                    })
                    .collect();
                ledger.import_consents(&records).expect("a committed batch");
                println!("ack {b}");
            }
        }
        // Inbound messages one transaction each, from numbers of its own.
        "inbound" => {
            let offset: usize = tag.parse().expect("an offset");
            let replies = Replies::new("Acme", "support@acme.example");
            let to = Sender::parse("+13055550100").expect("a sender");
            for i in 0..200 {
                let m = Inbound::new(number(offset + i), to.clone(), "STOP", instant(i));
                ledger
                    .record_inbound(&m, &replies)
                    .expect("a committed message");
            }
            println!("ack done");
        }
        // Batches of decisions, committed without a flush (`Durability::Written`), until
        // killed (or 200 batches).
        "decide" => {
            let ledger = ledger.with_decision_durability(Durability::Written);
            let gate = Gate::new(Policy::new());
            let from = Sender::parse("+13055550100").expect("a sender");
            let at: Timestamp = "2026-12-04T16:00:00Z".parse().expect("an instant");
            for b in 0..200 {
                let sends: Vec<Outbound<'_>> = (0..BATCH)
                    .map(|i| {
                        Outbound::message(number(b * BATCH + i), "Your order has shipped.")
                            .from(from.clone())
                            .intent(MessageIntent::Delivery)
                    })
                    .collect();
                ledger
                    .decide_batch(&gate, &sends, at)
                    .expect("a committed batch");
                println!("ack {b}");
            }
        }
        other => panic!("unknown child task `{other}`"),
    }
}

fn spawn(task: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("TWIML_LEDGER_CHILD", task)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("a child process")
}

/// Runs `task` in a child, reads the batches it acknowledges (numbered from 0), and kills it
/// (SIGKILL, in the middle of the next batch or between two) once batch 5 is acknowledged.
/// Returns how many batches were acknowledged before the kill.
fn acked_before_kill(task: &str) -> usize {
    let mut child = spawn(task);
    let stdout = child.stdout.take().expect("the child's output");
    let mut acked: Option<usize> = None;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if let Some(n) = line.strip_prefix("ack ") {
            acked = Some(n.trim().parse().expect("a batch number"));
            if acked >= Some(5) {
                let _ = child.kill();
                break;
            }
        }
    }
    let _ = child.wait();
    acked.map_or(0, |n| n + 1)
}

fn count(path: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("the ledger opens");
    conn.query_row(sql, [], |r| r.get(0)).expect("a count")
}

#[test]
fn kill_during_a_bulk_import_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("import.ledger");
    // Create it first, so the child only writes batches.
    drop(SqliteLedger::open(&path).expect("a new ledger"));
    let acked = acked_before_kill(&format!("import:0:{}", path.display()));
    let ledger = SqliteLedger::open(&path).expect("the ledger opens after the kill");
    let records = ledger.export_consents().expect("export");
    assert!(
        records.len() >= acked * BATCH,
        "{} < {}",
        records.len(),
        acked * BATCH
    );
    assert_eq!(records.len() % BATCH, 0, "a half-written batch");
    // Every record is whole: its batch's fields are all there.
    for (i, r) in records.iter().enumerate() {
        assert_eq!(
            r.evidence.as_deref(),
            Some(format!("batch {} record {}", i / BATCH, i % BATCH).as_str())
        );
    }
}

/// Decisions committed without a flush (`synchronous = NORMAL` in WAL mode) are with the
/// operating system when the call returns: a killed process loses none of them.
#[test]
fn kill_during_unflushed_decisions_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("decide.ledger");
    drop(SqliteLedger::open(&path).expect("a new ledger"));
    let acked = acked_before_kill(&format!("decide:0:{}", path.display()));
    let ledger = SqliteLedger::open(&path).expect("the ledger opens after the kill");
    drop(ledger);
    let decisions = usize::try_from(count(&path, "SELECT count(*) FROM decisions")).unwrap_or(0);
    assert!(
        decisions >= acked * BATCH,
        "{decisions} < {}",
        acked * BATCH
    );
    assert_eq!(decisions % BATCH, 0, "a half-written batch");
    // Each allowed send is one attempt: its decision, marked as one.
    assert_eq!(
        count(&path, "SELECT count(*) FROM decisions WHERE attempt = 1"),
        count(
            &path,
            "SELECT count(*) FROM decisions WHERE verdict = 'allow'"
        )
    );
    assert_eq!(count(&path, "SELECT count(*) FROM attempts"), 0);
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("shared.ledger");
    drop(SqliteLedger::open(&path).expect("a new ledger"));
    let a = spawn(&format!("inbound:0:{}", path.display()));
    let b = spawn(&format!("inbound:1000:{}", path.display()));
    for child in [a, b] {
        let out = child.wait_with_output().expect("the child ends");
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("ack done"));
    }
    assert_eq!(count(&path, "SELECT count(*) FROM inbound"), 400);
    assert_eq!(count(&path, "SELECT count(*) FROM opt_events"), 400);
    assert_eq!(count(&path, "SELECT count(*) FROM confirmations"), 400);
}

fn assert_untouched(path: &Path, before: &[u8], error: &LedgerError) {
    assert_eq!(std::fs::read(path).expect("the file"), before, "{error}");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    assert!(error.to_string().contains("left untouched"), "{error}");
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "these are my notes, not a ledger\n").expect("written");
    let before = std::fs::read(&text).expect("read");
    let e = SqliteLedger::open(&text).expect_err("not a ledger");
    assert!(matches!(e, LedgerError::NotALedger { .. }), "{e}");
    assert_untouched(&text, &before, &e);

    let other = dir.path().join("app.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("a database");
        conn.execute_batch("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada');")
            .expect("a table");
    }
    let before = std::fs::read(&other).expect("read");
    let e = SqliteLedger::open(&other).expect_err("another database");
    assert!(matches!(e, LedgerError::NotALedger { .. }), "{e}");
    assert_untouched(&other, &before, &e);
}

#[test]
fn a_corrupt_ledger_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("broken.ledger");
    {
        let ledger = SqliteLedger::open(&path).expect("a new ledger");
        let records: Vec<ConsentRecord> = (0..2000)
            .map(|i| ConsentRecord::new(number(i), ConsentKind::Express, instant(i)))
            .collect();
        ledger.import_consents(&records).expect("imported");
    }
    // Closing the last connection checkpoints the WAL into the file.
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8 * 4096, "{}", bytes.len());
    // Scribble over pages in the middle, keeping the header.
    for b in &mut bytes[3 * 4096..6 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("written");
    let e = SqliteLedger::open(&path).expect_err("corrupt");
    assert!(matches!(e, LedgerError::Corrupt { .. }), "{e}");
    assert_untouched(&path, &bytes, &e);
}
