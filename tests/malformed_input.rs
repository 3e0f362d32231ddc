//! No input makes the parser, the validator or the formatter panic, and every finding they
//! return lies inside the source. The inputs are arbitrary strings, and real documents with
//! bytes inserted, removed and swapped.

use proptest::prelude::*;
use twiml::{ParseOptions, RenderOptions, format_document, parse_bytes, validate};

const SAMPLES: &[&str] = &[
    r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna" language="en-US">Item 0: Tom &amp; Jerry &lt;say&gt; "hi"</Say><Play loop="1">https://example.com/a.mp3?x=1&amp;y=2</Play><Pause length="2" /><Dial callerId="+15551230000" record="record-from-answer-dual" timeout="20"><Number>+15550000003</Number><Number sendDigits="wwww1928">+15551000003</Number></Dial><Gather action="/gather?step=4&amp;lang=es" input="dtmf" numDigits="4" timeout="3"><Say>Enter your PIN</Say></Gather></Response>"#,
    "<Response><!-- note --><Say>Hello <emphasis level=\"strong\">there</emphasis><break time=\"1s\"/></Say><![CDATA[x]]></Response>",
    "<Response><Message><Body>Hi</Body><Media>https://example.com/a.png</Media></Message></Response>",
    "<Response><Pay><Prompt for=\"payment-card-number\"><Say>Card</Say></Prompt><Parameter name=\"a\" value=\"b\"/></Pay></Response>",
];

fn check(bytes: &[u8]) {
    let options = ParseOptions::new().max_depth(200);
    if let Err(d) = parse_bytes(bytes, &options) {
        assert!(d.span.start <= d.span.end && d.span.end as usize <= bytes.len().max(1));
    }
    let Ok(source) = std::str::from_utf8(bytes) else {
        return;
    };
    let validation = validate(source, &options);
    for d in &validation.diagnostics {
        assert!(d.span.start <= d.span.end, "{d:?}");
        assert!(d.span.end as usize <= source.len(), "{d:?}");
        assert!(source.is_char_boundary(d.span.start as usize), "{d:?}");
        assert!(!d.message.is_empty());
    }
    if let Ok(formatted) = format_document(source, &options, &RenderOptions::new()) {
        // What `fmt` writes is a document without errors, in its canonical form.
        let again = format_document(&formatted, &options, &RenderOptions::new())
            .expect("formatted output is valid");
        assert_eq!(again, formatted);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..4),
        prop::sample::select(vec![
            b"<".to_vec(),
            b">".to_vec(),
            b"&".to_vec(),
            b"\"".to_vec(),
            b"/>".to_vec(),
            b"</Say>".to_vec(),
            b"<Say>".to_vec(),
            b"<!--".to_vec(),
            b"-->".to_vec(),
            b"<![CDATA[".to_vec(),
            b"]]>".to_vec(),
            b"&#".to_vec(),
            b"&#x0;".to_vec(),
            b"<!DOCTYPE x>".to_vec(),
            b"<?xml version=\"1.0\"?>".to_vec(),
            b"=".to_vec(),
            "é😀".as_bytes().to_vec(),
            b"\xff".to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<usize>(), piece).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 1usize..8).prop_map(|(at, len)| Edit::Remove(at, len)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match e {
            Edit::Insert(at, piece) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, piece.iter().copied());
            }
            Edit::Remove(at, len) => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Swap(a, b) => {
                let len = bytes.len();
                if len > 0 {
                    bytes.swap(a % len, b % len);
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn mutated_documents(sample in 0..SAMPLES.len(), edits in prop::collection::vec(edit(), 1..6)) {
        check(&apply(SAMPLES[sample].as_bytes().to_vec(), &edits));
    }

    #[test]
    fn arbitrary_strings(s in ".{0,200}") {
        check(s.as_bytes());
        check(format!("<Response>{s}</Response>").as_bytes());
    }
}

#[test]
fn pathological_documents_end_quickly() {
    let cases = [
        "<Response>".repeat(50_000),
        format!("<Response>{}</Response>", "<!-- x -->".repeat(50_000)),
        format!(
            "<Response><Say>{}</Say></Response>",
            "&amp;".repeat(100_000)
        ),
        format!("<Response><Say a=\"{}\"/></Response>", "x".repeat(500_000)),
        format!("<Response>{}</Response>", "<Say/>".repeat(100_000)),
        format!(
            "<Response><Say {}/></Response>",
            (0..10_000)
                .map(|i| format!("a{i}=\"1\" "))
                .collect::<String>()
        ),
    ];
    for case in &cases {
        check(case.as_bytes());
    }
}
