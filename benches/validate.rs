//! Parse and validate W4 (22 KB, 200 verbs) beside the floor: a bare quick-xml event loop
//! over the same bytes, which reads the events and does nothing with them.
//!
//! `cargo bench --bench validate`

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::hint::black_box;
use twiml::{ParseOptions, parse, validate};

#[path = "workloads.rs"]
mod workloads;

/// The floor: every event of the document, read and dropped. Returns how many elements
/// started.
fn bare_event_loop(source: &str) -> usize {
    let mut reader = Reader::from_str(source);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return elements,
            Ok(event) => {
                if matches!(event, Event::Start(_) | Event::Empty(_)) {
                    elements += 1;
                }
                black_box(&event);
            }
            Err(e) => panic!("W4 is well-formed: {e}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let w4 = workloads::w4()
        .build_with(&workloads::w4_policy())
        .expect("W4 builds")
        .to_xml();
    let options = ParseOptions::default();

    // Check once that each contender does the whole job, so that a fast wrong answer cannot
    // pass for a fast right one.
    // `<Response>`, 200 verbs, two `<Number>` in each of the 40 `<Dial>`, a `<Say>` in each
    // of the 40 `<Gather>`.
    assert_eq!(bare_event_loop(&w4), 1 + 200 + 80 + 40);
    let validation = validate(&w4, &options);
    assert!(
        validation.diagnostics.is_empty(),
        "{:?}",
        validation.diagnostics
    );

    let mut group = c.benchmark_group("W4");
    group.throughput(Throughput::Bytes(w4.len() as u64));
    group.bench_function("quick-xml event loop (floor)", |b| {
        b.iter(|| bare_event_loop(black_box(&w4)))
    });
    group.bench_function("parse", |b| {
        b.iter(|| parse(black_box(&w4), &options).expect("W4 parses"))
    });
    group.bench_function("parse + validate", |b| {
        b.iter(|| validate(black_box(&w4), &options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
