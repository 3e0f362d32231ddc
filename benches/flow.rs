//! Checking a whole call flow: 200 documents, ten branches per menu, 10^19 paths from the
//! entry to the last menu (`benches/support/layered_flow.rs`). Paths that reach a document in
//! the same call state are merged, so each document is checked once per distinct state.
//!
//! `cargo bench --bench flow`:
//! - `check_flow/200 documents`: reading, parsing, the search over every path and the rules
//!   on each document under each state it is reached in, from documents held in memory.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use twiml::callflow::check_flow;
use twiml::{ParseOptions, Policy};

#[path = "support/layered_flow.rs"]
mod layered_flow;

fn bench(c: &mut Criterion) {
    let flow = layered_flow::layered_flow(19);
    assert_eq!(flow.documents.len(), 200);
    let policy = Policy::new();
    let options = ParseOptions::default();

    // Check once that the whole flow is reached and checked.
    let report = check_flow(&flow.config, |r| flow.read(&r.file), &policy, &options);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.documents.iter().all(|d| !d.states.is_empty()));
    let visits: usize = report.documents.iter().map(|d| d.states.len()).sum();
    eprintln!(
        "{} routes, {} edges, {visits} (document, state) visits, {} findings",
        report.documents.len(),
        report.graph.edges.len(),
        report
            .documents
            .iter()
            .map(|d| d.diagnostics.len())
            .sum::<usize>()
    );

    let mut group = c.benchmark_group("check_flow");
    group.bench_function("200 documents", |b| {
        b.iter(|| {
            check_flow(
                black_box(&flow.config),
                |r| flow.read(&r.file),
                &policy,
                &options,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
