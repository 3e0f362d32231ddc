//! The ledger's throughput: inbound keyword events durably committed in batches, and gate
//! decisions with the ledger (history read, decision recorded, an allowed one as its own
//! attempt) in batches.
//!
//! `cargo bench -p twiml-ledger`. The ledger is a file in a temporary folder, with the
//! library's settings (WAL, `synchronous = FULL`, checkpoints on the ledger's own thread):
//! every batch is one transaction, committed to disk before the next begins. "Checkpoints at
//! commits" is the same on a ledger that opted out of the thread (`Checkpoints::AtCommits`):
//! the commit that finds the log past 10,000 pages checkpoints. "Decisions written" is the
//! same with
//! `Durability::Written` decisions (`synchronous = NORMAL` for their transactions: handed to
//! the operating system at each commit, flushed at checkpoints). "A daily campaign" decides
//! the same recipients one pass a day, where the other cases decide them again and again at one
//! instant.
//!
//! `ledger inbound BATCHES`, `ledger decide BATCHES`, `ledger decide-written BATCHES` or
//! `ledger decide-commits BATCHES` (operands without `--`) records that many batches of 1,000 without criterion, for counting
//! instructions under callgrind; two counts with different numbers of batches, subtracted,
//! cancel the set-up. `ledger decide BATCHES DEPTH` first gives each of the 10,000 numbers
//! DEPTH attempts in the 24 hours before the decisions (one statement, part of the set-up), so
//! that the cost of a decision is measured at that depth of history. `ledger decide-replies
//! BATCHES DEPTH` and `ledger decide-unread BATCHES DEPTH` give each number DEPTH replies
//! instead, read by the library's reader or by an older one (as every reply is after an
//! upgrade of the reader), and decide the first 1,000 numbers in every batch: the first batch
//! is their first decisions, the others the decisions after them.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

mod common;

use std::process::ExitCode;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use twiml_core::gate::inbound::{self, Replies};
use twiml_core::gate::{Gate, MessageIntent, Outbound, Sender, Timestamp};
use twiml_core::rules::Policy;

use common::{BODIES, NUMBERS, consent_everyone, number};
use twiml_ledger::{Checkpoints, Durability, Inbound, Ledger, SqliteLedger};

fn inbound(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ledger = SqliteLedger::open(dir.path().join("bench.ledger")).expect("open");
    let replies = Replies::new("Acme", "support@acme.example");
    let sender = Sender::parse("+13055550100").expect("a sender");
    let start: Timestamp = "2026-12-01T00:00:00Z".parse().expect("an instant");
    let mut g = c.benchmark_group("inbound");
    // A batch of 1,000 takes tens of milliseconds: 10 samples of 3 s each.
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for batch in [1usize, 100, 1000] {
        g.throughput(Throughput::Elements(batch as u64));
        let mut n = 0u64;
        g.bench_with_input(
            BenchmarkId::new("keyword events, batch", batch),
            &batch,
            |b, &batch| {
                b.iter(|| {
                    let events: Vec<Inbound> = (0..batch)
                        .map(|_| {
                            n += 1;
                            Inbound::new(
                                number(n),
                                sender.clone(),
                                BODIES[(n % 6) as usize],
                                start
                                    + twiml_core::gate::jiff::SignedDuration::from_millis(n as i64),
                            )
                        })
                        .collect();
                    ledger
                        .record_inbound_batch(&events, &replies)
                        .expect("recorded")
                });
            },
        );
    }
    g.finish();
}

fn decisions(c: &mut Criterion) {
    let at: Timestamp = "2026-12-04T16:00:00Z".parse().expect("an instant");
    let gate = Gate::new(Policy::new());
    let sender = Sender::parse("+13055550100").expect("a sender");
    let mut g = c.benchmark_group("decide");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    // The same recipients again and again: at one instant (each number's attempts of the last
    // seven days grow through the run, the worst case), or one pass over them a day (a daily
    // campaign: the ledger grows, a number's last seven days hold at most seven attempts).
    // "Checkpoints at commits" is the one-instant case without the ledger's checkpointing
    // thread (`Checkpoints::AtCommits`): the commit that finds the log past its threshold
    // checkpoints, as SQLite does by default.
    for (name, durability, daily, checkpoints, batches) in [
        (
            "with the ledger, batch",
            Durability::Flushed,
            false,
            Checkpoints::Background,
            &[1usize, 100, 1000][..],
        ),
        (
            "decisions written, batch",
            Durability::Written,
            false,
            Checkpoints::Background,
            &[100, 1000][..],
        ),
        (
            "checkpoints at commits, batch",
            Durability::Flushed,
            false,
            Checkpoints::AtCommits,
            &[1000][..],
        ),
        (
            "a daily campaign, batch",
            Durability::Flushed,
            true,
            Checkpoints::Background,
            &[1000][..],
        ),
    ] {
        // A ledger of each kind, from the same start.
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ledger = SqliteLedger::open(dir.path().join("bench.ledger"))
            .expect("open")
            .with_checkpoints(checkpoints)
            .expect("checkpoints")
            .with_decision_durability(durability);
        consent_everyone(&ledger);
        {
            for &batch in batches {
                g.throughput(Throughput::Elements(batch as u64));
                let mut n = 0u64;
                g.bench_with_input(BenchmarkId::new(name, batch), &batch, |b, &batch| {
                    b.iter(|| {
                        let day = if daily { (n / NUMBERS) as i64 } else { 0 };
                        let at = at + twiml_core::gate::jiff::SignedDuration::from_hours(24 * day);
                        let sends: Vec<Outbound<'_>> = (0..batch)
                            .map(|_| {
                                n += 1;
                                Outbound::message(number(n), "Your order has shipped.")
                                    .from(sender.clone())
                                    .intent(MessageIntent::Delivery)
                            })
                            .collect();
                        ledger.decide_batch(&gate, &sends, at).expect("decided")
                    });
                });
            }
        }
    }
    g.bench_function("the gate alone", |b| {
        let mut n = 0u64;
        let history = twiml_core::gate::RecipientHistory::known();
        b.iter(|| {
            n += 1;
            let send = Outbound::message(number(n), "Your order has shipped.")
                .from(sender.clone())
                .intent(MessageIntent::Delivery);
            gate.decide(&send, &history, at)
        });
    });
    g.finish();
}

criterion_group!(benches, inbound, decisions);

fn main() -> ExitCode {
    // `cargo bench` adds `--bench`; the operands are what is left.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match &args[..] {
        [case, batches] if batches.parse::<u64>().is_ok() => {
            count(case, batches.parse().unwrap_or(0), 0)
        }
        [case, batches, depth]
            if batches.parse::<u64>().is_ok() && depth.parse::<u64>().is_ok() =>
        {
            count(
                case,
                batches.parse().unwrap_or(0),
                depth.parse().unwrap_or(0),
            )
        }
        _ => {
            benches();
            Criterion::default().configure_from_args().final_summary();
            ExitCode::SUCCESS
        }
    }
}

/// Records `batches` batches of 1,000 inbound events or decisions, for callgrind (and for
/// `strace`, which counts the writes and flushes); decisions on a ledger where each number
/// already has `depth` attempts.
fn count(case: &str, batches: u64, depth: u64) -> ExitCode {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("count.ledger");
    let ledger = SqliteLedger::open(&path).expect("open");
    let sender = Sender::parse("+13055550100").expect("a sender");
    match case {
        "inbound" => {
            let replies = Replies::new("Acme", "support@acme.example");
            let start: Timestamp = "2026-12-01T00:00:00Z".parse().expect("an instant");
            for b in 0..batches {
                let events: Vec<Inbound> = (b * 1000..(b + 1) * 1000)
                    .map(|n| {
                        Inbound::new(
                            number(n),
                            sender.clone(),
                            BODIES[(n % 6) as usize],
                            start + twiml_core::gate::jiff::SignedDuration::from_millis(n as i64),
                        )
                    })
                    .collect();
                ledger
                    .record_inbound_batch(&events, &replies)
                    .expect("recorded");
            }
        }
        "decide" | "decide-written" | "decide-commits" | "decide-replies" | "decide-unread" => {
            let ledger = ledger
                .with_checkpoints(if case == "decide-commits" {
                    Checkpoints::AtCommits
                } else {
                    Checkpoints::Background
                })
                .expect("checkpoints")
                .with_decision_durability(if case == "decide-written" {
                    Durability::Written
                } else {
                    Durability::Flushed
                });
            consent_everyone(&ledger);
            let gate = Gate::new(Policy::new());
            let at: Timestamp = "2026-12-04T16:00:00Z".parse().expect("an instant");
            match case {
                _ if depth == 0 => {}
                "decide-replies" => prefill_replies(&path, at, depth, inbound::VERSION),
                "decide-unread" => prefill_replies(&path, at, depth, OLDER_READER),
                _ => prefill(&path, at, depth),
            }
            // The wall time of each batch: a checkpoint at a commit shows in the slowest.
            let mut times = Vec::with_capacity(usize::try_from(batches).unwrap_or(0));
            // With replies on file, every batch decides the first 1,000 numbers again: the
            // first batch reads their replies, the others are the decisions after it.
            let cycle = if matches!(case, "decide-replies" | "decide-unread") {
                1000
            } else {
                NUMBERS
            };
            for b in 0..batches {
                let sends: Vec<Outbound<'_>> = (b * 1000..(b + 1) * 1000)
                    .map(|n| n % cycle)
                    .map(|n| {
                        Outbound::message(number(n), "Your order has shipped.")
                            .from(sender.clone())
                            .intent(MessageIntent::Delivery)
                    })
                    .collect();
                let started = std::time::Instant::now();
                ledger.decide_batch(&gate, &sends, at).expect("decided");
                times.push(started.elapsed());
            }
            times.sort_unstable();
            if let Some(slowest) = times.last() {
                let ms = |d: Duration| d.as_secs_f64() * 1e3;
                eprintln!(
                    "batches of 1,000: median {:.1} ms, 99th percentile {:.1} ms, slowest {:.1} ms",
                    ms(times[times.len() / 2]),
                    ms(times[times.len() * 99 / 100]),
                    ms(*slowest)
                );
            }
        }
        _ => {
            eprintln!(
                "unknown case `{case}`: inbound, decide, decide-written, decide-commits, \
                 decide-replies or decide-unread"
            );
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// A reader older than the library's: replies it read are read again by a decision, for a
/// revocation that reader missed.
const OLDER_READER: &str = "inbound-2000.01.1";

/// Gives each of the [`NUMBERS`] recipients `depth` replies to the sender ("ok thanks", read
/// by `reader` as no keyword), one second apart, ending one second before `at`, in one
/// transaction of another connection to the file.
fn prefill_replies(path: &std::path::Path, at: Timestamp, depth: u64, reader: &str) {
    let conn = rusqlite::Connection::open(path).expect("the ledger's file");
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1),
                        k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ?2)
         INSERT INTO inbound (phone, sender, channel, body, action, scope, kind, reader, at,
            recorded_at)
         SELECT printf('+1305555%04d', i), '+13055550100', 'sms', 'ok thanks', 'none', NULL,
                'none', ?4, ?3 - j * 1000000, 0
         FROM k, n ORDER BY j DESC, i",
        rusqlite::params![NUMBERS as i64, depth as i64, at.as_microsecond(), reader],
    )
    .expect("replies");
}

/// Gives each of the [`NUMBERS`] recipients `depth` text attempts from the sender, one second
/// apart, ending one second before `at`, in one transaction of another connection to the
/// file, oldest first, as days of decisions would have written them.
fn prefill(path: &std::path::Path, at: Timestamp, depth: u64) {
    let conn = rusqlite::Connection::open(path).expect("the ledger's file");
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1),
                        k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ?2)
         INSERT INTO attempts (phone, sender, debt, channel, conversation, at, recorded_at)
         SELECT printf('+1305555%04d', i), '+13055550100', NULL, 'sms', 0,
                ?3 - j * 1000000, 0
         FROM k, n ORDER BY j DESC, i",
        rusqlite::params![NUMBERS as i64, depth as i64, at.as_microsecond()],
    )
    .expect("attempts");
}
