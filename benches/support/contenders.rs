//! The contenders of the benchmarks, shared by the criterion benches (`build`, `parse`) and
//! the instruction counts (`instructions`): this project's builder and parser, and the floors
//! they are measured against.

#![allow(dead_code, unreachable_pub)]

use std::hint::black_box;
use std::path::PathBuf;

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use twiml::{ParseOptions, Twiml, parse};
use twiml_core::check::check_document;

use crate::workloads;

/// The workloads, by name, in order.
pub const WORKLOADS: [&str; 5] = ["W1", "W2", "W3", "W4", "W5"];

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
pub type FloorWriter = fn(usize) -> String;

/// Builds and renders a workload as a handler would: builder, build step, `to_xml`.
pub fn build_and_render(name: &str) -> String {
    let built: Twiml = match name {
        "W1" => workloads::w1().build(),
        "W2" => workloads::w2().build(),
        "W3" => workloads::w3().build(),
        "W4" => workloads::w4().build_with(&workloads::w4_policy()),
        _ => workloads::w5().build(),
    }
    .expect("every workload builds");
    built.into_xml()
}

/// The floor writer of a workload.
pub fn floor_of(name: &str) -> FloorWriter {
    match name {
        "W1" => floor_w1,
        "W2" => floor_w2,
        "W3" => floor_w3,
        "W4" => floor_w4,
        _ => floor_w5,
    }
}

/// The peers' output of a workload (`shared/bench/peers/expected`), the bytes the parse
/// benchmarks read; `None` when the shared folder is not beside the project.
pub fn peer_output(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/bench/peers/expected")
        .join(format!("{name}.xml"));
    std::fs::read_to_string(path).ok()
}

/// The floor: every event of the document, read and dropped. Returns how many elements
/// started.
pub fn bare_event_loop(source: &str) -> usize {
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
pub fn parse_and_check(source: &str, options: &ParseOptions) -> usize {
    let document = parse(source, options).expect("the workloads parse");
    let mut found = Vec::new();
    check_document(&document, &mut found);
    found.len()
}

/// The expected findings of the baseline rules, by workload: none, except on W4, whose 40
/// recorded `<Dial>`s follow audio nobody declared (GEN001) and dial 80 numbers with no
/// whisper (REC002).
pub fn expected_rule_findings(name: &str) -> Vec<(&'static str, usize)> {
    match name {
        "W4" => vec![("GEN001", 40), ("REC002", 80)],
        _ => Vec::new(),
    }
}

/// Elements in the parsed tree, for comparing with the floor's count.
pub fn count_elements(document: &twiml::ParsedDocument<'_>, node: u32) -> usize {
    use twiml_core::tree::{Content, Document};
    1 + document
        .children(node)
        .map(|c| match c {
            Content::Element(child) => count_elements(document, child),
            _ => 0,
        })
        .sum::<usize>()
}
