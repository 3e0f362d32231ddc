//! The ledger for a fleet beside the embedded one: gate decisions with the ledger and inbound
//! keyword events, each one call and one transaction, from one client and from four at once
//! (threads sharing one ledger, as the handlers of a server do), on an SQLite file and on the
//! PostgreSQL server `TWIML_TEST_POSTGRES` names (skipped, with a message, when it is unset).
//!
//! `TWIML_TEST_POSTGRES=postgres://... cargo bench -p twiml-ledger --features postgres --bench fleet`
//! (`scripts/with-postgres.sh` starts a server and sets the variable). Every call commits
//! before it returns: SQLite with `synchronous = FULL`, PostgreSQL with its defaults
//! (`synchronous_commit = on`, `fsync = on`).

#![allow(missing_docs)] // criterion_group! generates an undocumented function

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use twiml_core::gate::inbound::Replies;
use twiml_core::gate::jiff::SignedDuration;
use twiml_core::gate::{Gate, MessageIntent, Outbound, Sender, Timestamp};
use twiml_core::rules::Policy;

use common::{BODIES, consent_everyone, number};
use twiml_ledger::{Inbound, Ledger, PostgresLedger, SqliteLedger};

/// The backends to measure: an SQLite file, and the PostgreSQL server when there is one.
fn backends(dir: &std::path::Path) -> Vec<(&'static str, Arc<dyn Ledger>)> {
    let mut out: Vec<(&'static str, Arc<dyn Ledger>)> = vec![(
        "sqlite",
        Arc::new(SqliteLedger::open(dir.join("bench.ledger")).expect("an SQLite ledger")),
    )];
    match std::env::var("TWIML_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => {
            let schema = format!("twiml_bench_{}", std::process::id());
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("the server");
            c.batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .expect("a schema");
            let sep = if url.contains('?') { '&' } else { '?' };
            let url = format!("{url}{sep}options=-csearch_path%3D{schema}");
            out.push((
                "postgres",
                Arc::new(PostgresLedger::open(&url).expect("a PostgreSQL ledger")),
            ));
        }
        _ => eprintln!(
            "SKIPPED the PostgreSQL figures: TWIML_TEST_POSTGRES is not set \
             (scripts/with-postgres.sh cargo bench -p twiml-ledger --features postgres --bench fleet)"
        ),
    }
    out
}

/// Runs `op` `per_client * clients` times from `clients` threads; returns the time it took.
fn run(clients: usize, per_client: u64, next: &AtomicU64, op: &(dyn Fn(u64) + Sync)) -> Duration {
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                for _ in 0..per_client {
                    op(next.fetch_add(1, Ordering::Relaxed));
                }
            });
        }
    });
    start.elapsed()
}

fn fleet(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let replies = Replies::new("Acme", "support@acme.example");
    let sender = Sender::parse("+13055550100").expect("a sender");
    let gate = Gate::new(Policy::new());
    let at: Timestamp = "2026-12-04T16:00:00Z".parse().expect("an instant");
    let start: Timestamp = "2026-12-01T00:00:00Z".parse().expect("an instant");
    for (name, ledger) in backends(dir.path()) {
        consent_everyone(&*ledger);
        let next = AtomicU64::new(0);
        let mut g = c.benchmark_group(format!("fleet/{name}"));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(5));
        for clients in [1usize, 4] {
            g.throughput(Throughput::Elements(clients as u64));
            let decide = |n: u64| {
                let send = Outbound::message(number(n), "Your order has shipped.")
                    .from(sender.clone())
                    .intent(MessageIntent::Delivery);
                ledger.decide(&gate, &send, at).expect("decided");
            };
            g.bench_function(BenchmarkId::new("decisions, clients", clients), |b| {
                b.iter_custom(|iters| run(clients, iters, &next, &decide));
            });
            let inbound = |n: u64| {
                let m = Inbound::new(
                    number(n),
                    sender.clone(),
                    BODIES[(n % 6) as usize],
                    start + SignedDuration::from_millis(n as i64),
                );
                ledger.record_inbound(&m, &replies).expect("recorded");
            };
            g.bench_function(BenchmarkId::new("inbound events, clients", clients), |b| {
                b.iter_custom(|iters| run(clients, iters, &next, &inbound));
            });
        }
        g.finish();
    }
}

criterion_group!(benches, fleet);
criterion_main!(benches);
