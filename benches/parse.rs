//! Reading the five peer workloads as files (`shared/bench/peers/expected/W*.xml`, the bytes
//! the peers' parsers read), beside the floor: a bare quick-xml event loop over the same
//! bytes, which reads the events and does nothing with them.
//!
//! `cargo bench --bench parse`. Each group holds, for one workload:
//! - `floor`: the quick-xml event loop;
//! - `parse`: the parser, into a tree with byte spans;
//! - `parse + validate`: and the element table's checks;
//! - `parse + validate + rules`: `validate`, with every rule of the baseline policy.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use twiml::{ParseOptions, parse, validate};

#[path = "support/contenders.rs"]
mod contenders;
#[path = "support/workloads.rs"]
mod workloads;

use contenders::{
    WORKLOADS, bare_event_loop, count_elements, expected_rule_findings, parse_and_check,
    peer_output,
};

fn bench(c: &mut Criterion) {
    let options = ParseOptions::default();
    for name in WORKLOADS {
        let Some(source) = peer_output(name) else {
            eprintln!("skipped: the shared folder is not beside the project");
            return;
        };

        // Check once that each contender does the whole job.
        let elements = bare_event_loop(&source);
        let document = parse(&source, &options).expect("parses");
        let root = twiml_core::tree::Document::root(&document);
        assert_eq!(count_elements(&document, root), elements, "{name}");
        assert_eq!(parse_and_check(&source, &options), 0, "{name}");
        let validation = validate(&source, &options);
        let mut found: Vec<(&str, usize)> = Vec::new();
        for d in &validation.diagnostics {
            match found.iter_mut().find(|(code, _)| d.code == *code) {
                Some((_, n)) => *n += 1,
                None => found.push((d.code.code(), 1)),
            }
        }
        assert_eq!(found, expected_rule_findings(name), "{name}");

        let mut group = c.benchmark_group(format!("{name} parse"));
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_function("floor", |b| b.iter(|| bare_event_loop(black_box(&source))));
        group.bench_function("parse", |b| {
            b.iter(|| parse(black_box(&source), &options).expect("parses"))
        });
        group.bench_function("parse + validate", |b| {
            b.iter(|| parse_and_check(black_box(&source), &options))
        });
        group.bench_function("parse + validate + rules", |b| {
            b.iter(|| validate(black_box(&source), &options))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
