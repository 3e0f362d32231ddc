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
use twiml::Twiml;

#[path = "workloads.rs"]
mod workloads;

/// The XML declaration every workload starts with.
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// The floor's writer: tags and escaping, nothing else.
struct Floor {
    out: String,
}

impl Floor {
    fn with_capacity(bytes: usize) -> Self {
        let mut out = String::with_capacity(bytes);
        out.push_str(DECLARATION);
        Floor { out }
    }

    fn escape(&mut self, s: &str, attribute: bool) {
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let replacement = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'\r' => "&#13;",
                b'"' if attribute => "&quot;",
                b'\t' if attribute => "&#9;",
                b'\n' if attribute => "&#10;",
                _ => continue,
            };
            self.out.push_str(&s[run..i]);
            self.out.push_str(replacement);
            run = i + 1;
        }
        self.out.push_str(&s[run..]);
    }

    /// `<name a="v" ...` (the caller gives attributes in name order, as the builder writes).
    fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (a, v) in attributes {
            self.out.push(' ');
            self.out.push_str(a);
            self.out.push_str("=\"");
            self.escape(v, true);
            self.out.push('"');
        }
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start(name, attributes);
        self.out.push('>');
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start(name, attributes);
        self.out.push_str("/>");
    }

    fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.escape(text, false);
        self.close(name);
    }
}

fn floor_w1(bytes: usize) -> String {
    let mut w = Floor::with_capacity(bytes);
    w.open("Response", &[]);
    w.element("Say", &[], "Hello world");
    w.close("Response");
    w.out
}

fn floor_w2(bytes: usize) -> String {
    let mut w = Floor::with_capacity(bytes);
    w.open("Response", &[]);
    w.element(
        "Say",
        &[],
        "This call may be recorded for quality assurance.",
    );
    w.open(
        "Gather",
        &[
            ("action", "/menu"),
            ("input", "dtmf speech"),
            ("numDigits", "1"),
            ("timeout", "5"),
        ],
    );
    w.element("Say", &[], "Press 1 for sales, 2 for support");
    w.element("Play", &[], "https://api.twilio.com/cowbell.mp3");
    w.close("Gather");
    w.element("Say", &[], "We did not receive input");
    w.element("Redirect", &[], "/voice");
    w.close("Response");
    w.out
}

fn floor_w3(bytes: usize) -> String {
    let mut w = Floor::with_capacity(bytes);
    w.open("Response", &[]);
    w.element("Say", &[], workloads::MINI_MIRANDA);
    w.empty("Pause", &[("length", "1")]);
    w.open(
        "Pay",
        &[
            ("action", "/pay-done"),
            ("chargeAmount", "49.99"),
            ("currency", "usd"),
            ("paymentConnector", "stripe_connector"),
            ("statusCallback", "/pay-status"),
        ],
    );
    w.open("Prompt", &[("for", "payment-card-number")]);
    w.element("Say", &[], "Please enter your credit card number.");
    w.close("Prompt");
    w.open("Prompt", &[("for", "expiration-date")]);
    w.element(
        "Say",
        &[],
        "Please enter the expiration date, two digits for the month and two for the year.",
    );
    w.close("Prompt");
    w.close("Pay");
    w.element("Say", &[], "Goodbye");
    w.empty("Hangup", &[]);
    w.close("Response");
    w.out
}

fn floor_w4(bytes: usize) -> String {
    let mut w = Floor::with_capacity(bytes);
    w.open("Response", &[]);
    for i in 0..200 {
        match i % 5 {
            0 => w.element(
                "Say",
                &[("language", "en-US"), ("voice", "Polly.Joanna")],
                &format!("Item {i}: Tom & Jerry <say> \"hi\" & 'bye' > Se\u{f1}or caf\u{e9}"),
            ),
            1 => w.element(
                "Play",
                &[("loop", "1")],
                &format!("https://example.com/audio/{i}.mp3?lang=es&voice=Se\u{f1}or"),
            ),
            2 => w.empty("Pause", &[("length", "2")]),
            3 => {
                w.open(
                    "Dial",
                    &[
                        ("callerId", "+15551230000"),
                        ("record", "record-from-answer-dual"),
                        ("timeout", "20"),
                    ],
                );
                w.element("Number", &[], &format!("+1555000{i:04}"));
                w.element(
                    "Number",
                    &[("sendDigits", "wwww1928")],
                    &format!("+1555100{i:04}"),
                );
                w.close("Dial");
            }
            _ => {
                w.open(
                    "Gather",
                    &[
                        ("action", &format!("/gather?step={i}&lang=es")),
                        ("input", "dtmf"),
                        ("numDigits", "4"),
                        ("timeout", "3"),
                    ],
                );
                w.element(
                    "Say",
                    &[],
                    "Enter your PIN, Se\u{f1}or & Se\u{f1}ora, then press <pound>.",
                );
                w.close("Gather");
            }
        }
    }
    w.close("Response");
    w.out
}

fn floor_w5(bytes: usize) -> String {
    let mut w = Floor::with_capacity(bytes);
    w.open("Response", &[]);
    w.open("Message", &[]);
    w.element(
        "Body",
        &[],
        "Your appointment is tomorrow at 2pm. Reply STOP to opt out",
    );
    w.element("Media", &[], "https://demo.twilio.com/owl.png");
    w.element("Media", &[], "https://demo.twilio.com/logo.png");
    w.close("Message");
    w.close("Response");
    w.out
}

/// A workload's floor: its bytes, written into a `String` of the given capacity.
type FloorWriter = fn(usize) -> String;

/// Builds and renders a workload as a handler would: builder, build step, `to_xml`.
fn build_and_render(name: &str) -> String {
    let built: Twiml = match name {
        "W1" => workloads::w1().build(),
        "W2" => workloads::w2().build(),
        "W3" => workloads::w3().build(),
        "W4" => workloads::w4().build_with(&workloads::w4_policy()),
        _ => workloads::w5().build(),
    }
    .expect("every workload builds");
    built.to_xml()
}

fn bench(c: &mut Criterion) {
    let floors: [(&str, FloorWriter); 5] = [
        ("W1", floor_w1),
        ("W2", floor_w2),
        ("W3", floor_w3),
        ("W4", floor_w4),
        ("W5", floor_w5),
    ];
    for ((name, built), (floor_name, floor)) in workloads::all().into_iter().zip(floors) {
        assert_eq!(name, floor_name);
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
