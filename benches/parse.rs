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
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use twiml::check::check_document;
use twiml::{ParseOptions, parse, validate};

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
            Err(e) => panic!("the workloads are well-formed: {e}"),
        }
    }
}

/// Parses and runs the element table's checks; returns how many findings there are.
fn parse_and_check(source: &str, options: &ParseOptions) -> usize {
    let document = parse(source, options).expect("the workloads parse");
    let mut found = Vec::new();
    check_document(&document, &mut found);
    found.len()
}

/// The expected findings of the baseline rules, by workload: none, except on W4, whose 40
/// recorded `<Dial>`s follow audio nobody declared (GEN001) and dial 80 numbers with no
/// whisper (REC002).
fn expected_rule_findings(name: &str) -> Vec<(&'static str, usize)> {
    match name {
        "W4" => vec![("GEN001", 40), ("REC002", 80)],
        _ => Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/peers/expected");
    if !peers.is_dir() {
        eprintln!("skipped: the shared folder is not beside the project");
        return;
    }
    let options = ParseOptions::default();
    for name in ["W1", "W2", "W3", "W4", "W5"] {
        let source = std::fs::read_to_string(peers.join(format!("{name}.xml")))
            .expect("the peers' expected output");

        // Check once that each contender does the whole job.
        let elements = bare_event_loop(&source);
        let document = parse(&source, &options).expect("parses");
        let root = twiml::tree::Document::root(&document);
        assert_eq!(count_elements(&document, root), elements, "{name}");
        assert_eq!(parse_and_check(&source, &options), 0, "{name}");
        let validation = validate(&source, &options);
        let mut found: Vec<(&str, usize)> = Vec::new();
        for d in &validation.diagnostics {
            match found.iter_mut().find(|(code, _)| *code == d.code) {
                Some((_, n)) => *n += 1,
                None => found.push((d.code, 1)),
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

/// Elements in the parsed tree, for comparing with the floor's count.
fn count_elements(document: &twiml::ParsedDocument<'_>, node: u32) -> usize {
    use twiml::tree::{Content, Document};
    1 + document
        .children(node)
        .map(|c| match c {
            Content::Element(child) => count_elements(document, child),
            _ => 0,
        })
        .sum::<usize>()
}

criterion_group!(benches, bench);
criterion_main!(benches);
