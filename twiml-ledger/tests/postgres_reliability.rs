//! The ledger for a fleet under trouble, with real processes and a real server: two processes
//! racing opt-outs against send decisions for the same numbers (on PostgreSQL, and on an
//! SQLite file for comparison), and a server restart in the middle of a run.
//!
//! The child processes are this test binary run again with `TWIML_LEDGER_CHILD` set: the
//! `child` test then does the child's work and prints one line per acknowledged call.

#![cfg(feature = "postgres")]

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use twiml_core::gate::inbound::Replies;
use twiml_core::gate::{
    ConsentKind, Gate, MessageIntent, Outbound, PhoneNumber, Sender, Timestamp,
};
use twiml_core::rules::Policy;
use twiml_ledger::{AnyLedger, ConsentRecord, Durability, Inbound, Ledger, PostgresLedger};

#[path = "common/postgres.rs"]
mod pg;
#[path = "common/server.rs"]
mod server;

/// The decisions of a batch of the killed child's.
const DECISIONS: usize = 50;

/// The numbers each racing process opts out and decides a send to: 1,000 calls per
/// process, interleaved (an opt-out and a decision per number).
const RACE: usize = 500;

fn number(n: usize) -> PhoneNumber {
    PhoneNumber::parse(&format!("+1305556{:04}", n % 10_000)).expect("a number")
}

fn sender() -> Sender {
    Sender::parse("+13055550100").expect("a sender")
}

/// Nanoseconds of the system clock, which every process of the machine shares.
fn clock() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn at(text: &str) -> Timestamp {
    text.parse().expect("an instant")
}

/// The child's work, when this binary runs as a child.
#[test]
fn child() {
    let Ok(task) = std::env::var("TWIML_LEDGER_CHILD") else {
        return;
    };
    let mut parts = task.splitn(3, ':');
    let (kind, tag, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let replies = Replies::new("Acme", "support@acme.example");
    // The harness wrote `test child ... ` without an end of line: the child's lines start on
    // the next one.
    println!();
    match kind {
        // Opt-outs and decisions for the same numbers as the other child, the other way:
        // child 0 goes up the numbers, opting each out and then deciding a send to it; child
        // 1 goes down, deciding and then opting out, so the two cross in the middle. Each
        // line: what, the number, when the call began and when it returned.
        "race" => {
            let ledger = AnyLedger::open(target).expect("the child opens the ledger");
            let first: usize = tag.parse().expect("a child number");
            let gate = Gate::new(Policy::new());
            let stop_at = at("2026-12-01T10:00:00Z");
            let send_at = at("2026-12-01T15:00:00Z");
            let mut out = std::io::stdout().lock();
            use std::io::Write;
            for step in 0..RACE {
                let i = if first == 0 { step } else { RACE - 1 - step };
                let stop = |out: &mut std::io::StdoutLock<'_>| {
                    let began = clock();
                    ledger
                        .record_inbound(
                            &Inbound::new(number(i), sender(), "STOP", stop_at),
                            &replies,
                        )
                        .expect("an opt-out");
                    writeln!(out, "stop {i} {began} {}", clock()).expect("a line");
                };
                let send = |out: &mut std::io::StdoutLock<'_>| {
                    let began = clock();
                    let text = Outbound::message(number(i), "Your order has shipped.")
                        .from(sender())
                        .intent(MessageIntent::Delivery);
                    let d = ledger.decide(&gate, &text, send_at).expect("a decision");
                    let verdict = if d.decision.verdict.is_allow() {
                        "allow"
                    } else {
                        "block"
                    };
                    writeln!(out, "send {i} {began} {} {verdict}", clock()).expect("a line");
                };
                if first == 0 {
                    stop(&mut out);
                    send(&mut out);
                } else {
                    send(&mut out);
                    stop(&mut out);
                }
            }
            out.flush().expect("flushed");
        }
        // Inbound messages, one transaction each, until `tag` are acknowledged; a call that
        // fails (the server is restarting) is said and not counted.
        "write" => {
            let total: usize = tag.parse().expect("a count");
            let ledger = PostgresLedger::open(target)
                .expect("the child opens the ledger")
                .reconnect_within(Duration::from_secs(60));
            let mut n = 0;
            let mut attempt = 0;
            while n < total {
                attempt += 1;
                let m = Inbound::new(
                    number(attempt),
                    sender(),
                    format!("message {attempt}"),
                    at("2026-12-01T10:00:00Z"),
                );
                match ledger.record_inbound(&m, &replies) {
                    Ok(o) => {
                        println!("ack {attempt} {}", o.id);
                        n += 1;
                    }
                    Err(e) => println!("fail {attempt} {e}"),
                }
            }
        }
        // Batches of decisions committed without waiting for the server's flush
        // (`Durability::Written`: `synchronous_commit = off`), until killed (or 200 batches).
        "decide" => {
            let ledger = PostgresLedger::open(target)
                .expect("the child opens the ledger")
                .with_decision_durability(Durability::Written);
            let gate = Gate::new(Policy::new());
            let send_at = at("2026-12-04T16:00:00Z");
            for b in 0..200 {
                let sends: Vec<Outbound<'_>> = (0..DECISIONS)
                    .map(|i| {
                        Outbound::message(number(b * DECISIONS + i), "Your order has shipped.")
                            .from(sender())
                            .intent(MessageIntent::Delivery)
                    })
                    .collect();
                ledger
                    .decide_batch(&gate, &sends, send_at)
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

/// Two processes race; checks that no send was allowed once its number's opt-out had been
/// acknowledged.
fn race(target: &str) {
    let ledger = AnyLedger::open(target).expect("the ledger");
    let records: Vec<ConsentRecord> = (0..RACE)
        .map(|i| {
            ConsentRecord::new(
                number(i),
                ConsentKind::ExpressWritten,
                at("2026-01-01T00:00:00Z"),
            )
        })
        .collect();
    ledger.import_consents(&records).expect("consents");
    let children = [
        spawn(&format!("race:0:{target}")),
        spawn(&format!("race:1:{target}")),
    ];
    // The first acknowledged opt-out of each number, and every decision.
    let mut stopped: HashMap<usize, u128> = HashMap::new();
    let mut sends: Vec<(usize, u128, bool)> = Vec::new();
    let mut allowed_by = [0usize; 2];
    for (k, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("the child ends");
        assert!(out.status.success(), "{out:?}");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            let parse = |i: usize| f.get(i).and_then(|v| v.parse::<u128>().ok());
            match f.first() {
                Some(&"stop") => {
                    let (Some(n), Some(end)) = (parse(1), parse(3)) else {
                        panic!("a stop line: {line}")
                    };
                    let e = stopped.entry(n as usize).or_insert(end);
                    *e = (*e).min(end);
                }
                Some(&"send") => {
                    let (Some(n), Some(began)) = (parse(1), parse(2)) else {
                        panic!("a send line: {line}")
                    };
                    let allowed = f.get(4) == Some(&"allow");
                    allowed_by[k] += usize::from(allowed);
                    sends.push((n as usize, began, allowed));
                }
                _ => {}
            }
        }
    }
    assert_eq!(stopped.len(), RACE);
    assert_eq!(sends.len(), 2 * RACE);
    let late: Vec<_> = sends
        .iter()
        .filter(|(n, began, allowed)| *allowed && *began > stopped[n])
        .collect();
    assert!(
        late.is_empty(),
        "{} sends allowed after their number's opt-out was acknowledged: {:?}",
        late.len(),
        &late[..late.len().min(5)]
    );
    // The ledger agrees: one decision per line, and every number opted out.
    let when = at("2026-12-02T00:00:00Z");
    for i in [0, RACE / 2, RACE - 1] {
        let report = ledger.show(&number(i), when).expect("show");
        assert_eq!(report.state.status, "opted-out");
        let decisions = report
            .history
            .iter()
            .filter(|e| e.event == "decision")
            .count();
        assert_eq!(decisions, 2);
    }
    // Child 0 opts each number out before deciding its send: every one is blocked.
    assert_eq!(allowed_by[0], 0);
    eprintln!(
        "race on {}: {} of {RACE} sends allowed (those decided before the number's opt-out)",
        if twiml_ledger::is_server_url(target) {
            "postgres"
        } else {
            "sqlite"
        },
        allowed_by[1]
    );
}

#[test]
fn two_processes_racing_opt_outs_and_sends_on_postgres() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    // Child 1 decides before its own opt-out: its sends are allowed unless child 0's opt-out
    // of the number came first, which depends on how the two interleave.
    race(schema.url());
}

#[test]
fn two_processes_racing_opt_outs_and_sends_on_sqlite() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("race.ledger");
    race(path.to_str().expect("a path"));
}

/// Decisions committed without waiting for the server's flush are on the server when the
/// call returns: a client killed (SIGKILL) in the middle of a batch, or between two, loses
/// none of those acknowledged, and leaves no batch half-written.
#[test]
fn a_client_killed_during_unflushed_decisions_loses_nothing_acknowledged() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    drop(PostgresLedger::open(schema.url()).expect("a new ledger"));
    let mut child = spawn(&format!("decide:0:{}", schema.url()));
    let stdout = child.stdout.take().expect("the child's output");
    let mut acked = 0;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if let Some(n) = line.strip_prefix("ack ") {
            acked = n.trim().parse::<usize>().expect("a batch number") + 1;
            if acked > 5 {
                let _ = child.kill();
                break;
            }
        }
    }
    let _ = child.wait();
    assert!(
        acked > 5,
        "the child acknowledged {acked} batches before it ended"
    );
    let mut c = schema.client();
    let count = |c: &mut postgres::Client, sql: &str| -> i64 {
        c.query_one(sql, &[]).expect("a count").get(0)
    };
    let decisions = usize::try_from(count(&mut c, "SELECT count(*) FROM decisions")).unwrap_or(0);
    assert!(
        decisions >= acked * DECISIONS,
        "{decisions} < {}",
        acked * DECISIONS
    );
    assert_eq!(decisions % DECISIONS, 0, "a half-written batch");
    // Each allowed send is one attempt: its decision, marked as one.
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM decisions WHERE attempt"),
        count(
            &mut c,
            "SELECT count(*) FROM decisions WHERE verdict = 'allow'"
        )
    );
    assert_eq!(count(&mut c, "SELECT count(*) FROM attempts"), 0);
}

#[test]
fn a_server_restart_loses_nothing_acknowledged_and_clients_reconnect() {
    let Some(server) = server::Server::start() else {
        return;
    };
    let url = server.url();
    drop(PostgresLedger::open(&url).expect("a new ledger"));
    let mut child = spawn(&format!("write:200:{url}"));
    let stdout = child.stdout.take().expect("the child's output");
    let mut acked: HashMap<usize, i64> = HashMap::new();
    let mut failed = 0usize;
    let mut restarted = false;
    let mut after_restart = 0usize;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.first() {
            Some(&"ack") => {
                let n: usize = f[1].parse().expect("a number");
                acked.insert(n, f[2].parse().expect("an id"));
                if restarted {
                    after_restart += 1;
                }
                if acked.len() == 40 && !restarted {
                    // The child keeps writing while the server stops and starts again.
                    server.pg_ctl("restart");
                    restarted = true;
                }
            }
            Some(&"fail") => failed += 1,
            _ => {}
        }
    }
    let status = child.wait().expect("the child ends");
    assert!(status.success(), "{status:?}");
    assert_eq!(acked.len(), 200);
    assert!(
        after_restart > 0,
        "the client wrote again after the restart"
    );
    // Every acknowledged message is there, with its text.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("a client");
    let rows = c
        .query("SELECT id, body FROM inbound", &[])
        .expect("the messages");
    let stored: HashMap<i64, String> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    for (n, id) in &acked {
        assert_eq!(
            stored.get(id).map(String::as_str),
            Some(format!("message {n}").as_str()),
            "acknowledged message {n} (id {id}) is missing"
        );
    }
    let ids: HashSet<&i64> = acked.values().collect();
    assert_eq!(ids.len(), acked.len(), "one record per acknowledgement");
    // A failed call was not acknowledged: it may have committed or not, and nothing else.
    assert!(
        stored.len() >= acked.len() && stored.len() <= acked.len() + failed,
        "{} stored, {} acknowledged, {failed} failed",
        stored.len(),
        acked.len()
    );
    eprintln!("restart: {failed} calls failed during the restart and were not acknowledged");
}
