//! Building and rendering the five peer workloads (`shared/bench/peers`), beside the floor: a
//! hand-written writer that pushes the same bytes, with the same escaping, into a pre-sized
//! `String`, and knows nothing of TwiML.
//!
//! `cargo bench --bench build`. Each group holds, for one workload:
//! - `build + render`: the builder, the build step (the element table's checks and the
//!   baseline compliance rules) and `to_xml`, what a webhook handler does per request;
//! - `render`: `to_xml` of a response built once;
//! - `floor`: the hand-written writer.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
#[path = "support/contenders.rs"]
mod contenders;
#[path = "support/workloads.rs"]
mod workloads;

use contenders::{build_and_render, floor_of};

fn bench(c: &mut Criterion) {
    for (name, built) in workloads::all() {
        let floor = floor_of(name);
        let ours = built.to_xml();
        // Check once that each contender writes the whole document, byte for byte, so that a
        // fast wrong answer cannot pass for a fast right one: the builder's output is
        // twilio-python's (see tests/workloads.rs), and the floor's is the builder's.
        assert_eq!(build_and_render(name), ours, "{name}");
        assert_eq!(floor(ours.len()), ours, "{name} floor");

        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(ours.len() as u64));
        group.bench_function("build + render", |b| {
            b.iter(|| build_and_render(black_box(name)))
        });
        group.bench_function("render", |b| b.iter(|| black_box(&built).to_xml()));
        group.bench_function("floor", |b| b.iter(|| floor(black_box(ours.len()))));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
