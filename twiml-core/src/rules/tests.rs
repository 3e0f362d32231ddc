//! The summary of a document (see [`Summary`](super::flow::Summary)) lets rule families skip
//! walks; these tests run every rule under every regime and fact with the summary read as it
//! is and with it read as "everything present", over the project's documents and documents
//! drawn at random, and find the same findings, suppressed findings and overrides.

use super::flow::SUMMARY_OFF;
use super::{AppliedOverride, Fact, Policy, Regime, Suppressed, rules_of};
use crate::diagnostic::Diagnostic;
use crate::parse::{ByteSpan, ParseOptions, ParsedDocument, parse};
use crate::schema::ElementId;
use crate::test_rng::Xorshift;

/// The policies every document is read under: the baseline, each regime alone, every regime,
/// every regime with each fact, and every regime with every fact, a business and a number.
fn policies() -> Vec<Policy> {
    let mut policies = vec![Policy::new()];
    for regime in Regime::ALL {
        policies.push(Policy::new().regime(regime));
    }
    let every_regime = || {
        Regime::ALL
            .into_iter()
            .fold(Policy::new(), |policy, regime| policy.regime(regime))
    };
    policies.push(every_regime());
    for fact in Fact::ALL {
        policies.push(every_regime().fact(fact));
    }
    policies.push(
        Fact::ALL
            .into_iter()
            .fold(every_regime(), |policy, fact| policy.fact(fact))
            .business_name("Acme Widgets")
            .callback_number("1-800-555-0100"),
    );
    policies
}

/// What the rules report on `doc` under `policy`, both ways a caller asks: keeping the
/// suppressed findings, and only counting them.
type Report = (
    Vec<Diagnostic<ByteSpan>>,
    Vec<Suppressed<ByteSpan>>,
    Vec<AppliedOverride>,
    Vec<Diagnostic<ByteSpan>>,
    Vec<AppliedOverride>,
);

fn report(doc: &ParsedDocument<'_>, policy: &Policy, summary_off: bool) -> Report {
    SUMMARY_OFF.set(summary_off);
    let (mut kept, mut suppressed, mut counted) = (Vec::new(), Vec::new(), Vec::new());
    let (applied_kept, _) = rules_of(doc, policy, &mut kept, Some(&mut suppressed), None);
    let (applied_counted, _) = rules_of(doc, policy, &mut counted, None, None);
    SUMMARY_OFF.set(false);
    (kept, suppressed, applied_kept, counted, applied_counted)
}

/// Compares the rules' reports on `source` with and without the summary's skips; returns
/// how many findings they made.
fn same_with_and_without_summary(source: &str, policies: &[Policy]) -> usize {
    let Ok(doc) = parse(source, &ParseOptions::default()) else {
        return 0;
    };
    let mut findings = 0;
    for policy in policies {
        let with = report(&doc, policy, false);
        let without = report(&doc, policy, true);
        assert!(
            with == without,
            "the summary changed what the rules report under {policy:?} on {source:?}:\nwith {:#?}\nwithout {:#?}",
            with,
            without
        );
        findings += with.0.len() + with.1.len();
    }
    findings
}

#[test]
fn the_summary_changes_no_finding_on_the_corpora() {
    let sources = crate::test_corpus::sources();
    assert!(
        sources.len() > 100,
        "the corpora are missing: {} documents",
        sources.len()
    );
    let policies = policies();
    let findings: usize = sources
        .iter()
        .map(|s| same_with_and_without_summary(s, &policies))
        .sum();
    // The comparison means something only if the rules found things.
    assert!(findings > 1000, "{findings} findings");
}

/// Attribute values drawn for random documents: what the rules look for, and what they do not.
const VALUES: &[&str] = &[
    "",
    "1",
    "16",
    "true",
    "false",
    "dtmf speech",
    "record-from-answer",
    "record-from-ringing",
    "do-not-record",
    "record-from-start",
    "payment-card-number",
    "http://example.com/next?dob=1990-01-01",
    "https://example.com/a.mp3",
    "http://example.com/pay",
    "4111 1111 1111 1111",
    "4242424242424242",
    "cvv=737",
    "CVV 123",
    "name",
    "mrn",
    "Hello, this call may be recorded.",
];

/// Text drawn for random documents.
const TEXTS: &[&str] = &[
    "",
    "  ",
    "\n    ",
    "ab",
    "12",
    "123",
    "Hello world",
    "Please enter your credit card number.",
    "Enter the CVV 123 now",
    "4111 1111 1111 1111",
    "This call may be recorded and monitored.",
    "http://example.com/next",
    "https://example.com/a.mp3?patient=diabetes",
    "Reply STOP to opt out. Visit bit.ly/x",
    "This is an attempt to collect a debt.",
    "Your oncology appointment is on Monday.",
    "<!-- twiml-allow PCI005: a test card -->",
    "<!-- twiml-allow GEN003 -->",
    "<!-- a comment -->",
];

/// A document drawn from `rng`: elements of the table (and one outside it) nested a few deep,
/// with attributes and text from the lists above.
fn random_document(rng: &mut Xorshift) -> String {
    let root = if rng.next().is_multiple_of(4) {
        "MessagingResponse"
    } else {
        "Response"
    };
    let mut out = format!("<{root}>");
    let count = 1 + rng.next() % 6;
    for _ in 0..count {
        random_element(rng, &mut out, 0);
    }
    out.push_str(&format!("</{root}>"));
    out
}

fn random_element(rng: &mut Xorshift, out: &mut String, depth: u32) {
    let pick = rng.next() as usize % (ElementId::ALL.len() + 1);
    let Some(&id) = ElementId::ALL.get(pick) else {
        out.push_str("<Custom note=\"4111111111111111\">12345 cvv 123</Custom>");
        return;
    };
    let spec = id.spec();
    out.push('<');
    out.push_str(spec.name);
    let attributes = rng.next() % 4;
    for _ in 0..attributes {
        let value = VALUES[rng.next() as usize % VALUES.len()];
        let name = match spec
            .attributes
            .get(rng.next() as usize % (spec.attributes.len() + 1))
        {
            Some(a) => a.name,
            None => "custom",
        };
        out.push_str(&format!(" {name}=\"{value}\""));
    }
    out.push('>');
    let items = rng.next() % 4;
    for _ in 0..items {
        if depth < 3 && rng.next().is_multiple_of(2) {
            random_element(rng, out, depth + 1);
        } else {
            out.push_str(TEXTS[rng.next() as usize % TEXTS.len()]);
        }
    }
    out.push_str("</");
    out.push_str(spec.name);
    out.push('>');
}

#[test]
fn the_summary_changes_no_finding_on_random_documents() {
    let policies = policies();
    let mut rng = Xorshift(0xD1B5_4A32_D192_ED03);
    let findings: usize = (0..600)
        .map(|_| same_with_and_without_summary(&random_document(&mut rng), &policies))
        .sum();
    assert!(findings > 1000, "{findings} findings");
}
