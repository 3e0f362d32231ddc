//! The summary of a document (see [`Summary`](super::flow::Summary)) lets the build step not
//! make the flow of a small response in which no rule that applies can find anything, and
//! rule families skip walks; these tests run every rule under every regime and fact, and under
//! every policy of the project's tests and examples, with the summary read as it is and with it
//! read as "everything present", over the project's documents and documents drawn at random,
//! as files are checked and as responses are built, and find the same findings, suppressed
//! findings and overrides.

use super::flow::{Flow, Kept, Kinds, SUMMARY_OFF, Summary};
use super::{
    AppliedOverride, Fact, FoundIn, Policy, RULES, Regime, Suppressed, check_rules, found_in,
    no_rule_may_find, policy_overrides, rules_of,
};
use crate::check::check_built;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, NodePath};
use crate::document::Root;
use crate::model::ModelDocument;
use crate::parse::{ByteSpan, ParseOptions, ParsedDocument, parse};
use crate::schema::{ElementId, ElementSpec};
use crate::test_rng::Xorshift;
use crate::tree::Document;
use std::cell::Cell;

/// The policies every document is read under: those of [`regime_policies`], and every policy
/// of the project's tests and examples (their `twiml.toml` files).
fn policies() -> Vec<Policy> {
    let mut policies = regime_policies();
    policies.extend(project_policies());
    policies
}

/// Every `twiml.toml` under the root crate's tests and examples, read as a policy.
#[cfg(feature = "config")]
fn project_policies() -> Vec<Policy> {
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = crate::test_corpus::files_under(
        vec![crate_dir.join("../tests"), crate_dir.join("../examples")],
        |path| path.file_name().is_some_and(|n| n == super::FILE_NAME),
    );
    let policies: Vec<Policy> = files
        .iter()
        .filter_map(|f| Policy::from_toml(&std::fs::read_to_string(f).ok()?).ok())
        .collect();
    assert!(policies.len() > 20, "{} policies", policies.len());
    policies
}

/// Without the policy file's reader, the policies of the regimes alone.
#[cfg(not(feature = "config"))]
fn project_policies() -> Vec<Policy> {
    Vec::new()
}

/// The baseline, each regime alone, every regime, every regime with each fact, and every regime
/// with every fact, a business and a number.
fn regime_policies() -> Vec<Policy> {
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
    let (applied_kept, _) = rules_of(
        doc,
        policy,
        &mut kept,
        Some(&mut suppressed),
        Kept::default(),
    );
    let (applied_counted, _) = rules_of(doc, policy, &mut counted, None, Kept::default());
    SUMMARY_OFF.set(false);
    (kept, suppressed, applied_kept, counted, applied_counted)
}

thread_local! {
    /// Responses built on this thread are read for what they hold before their flow is made
    /// whatever their size, not only up to [`SCANNED_UP_TO`](super::SCANNED_UP_TO) elements:
    /// the tests take the skip wherever it may be taken.
    pub(super) static SCAN_ANY_SIZE: Cell<bool> = const { Cell::new(false) };
    /// How many flows the build step did not make on this thread (counted by `check_rules`).
    pub(super) static FLOWS_SKIPPED: Cell<usize> = const { Cell::new(0) };
    /// How many built responses the comparisons on this thread made no flow for: as the build
    /// step does, and reading responses of any size.
    static SKIPPED: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// How [`built_report`] runs the rules.
#[derive(Clone, Copy)]
enum Build {
    /// As the build step does.
    AsBuilt,
    /// Reading responses of any size for what they hold before making the flow.
    AnySize,
    /// With the summary read as "everything present" and nothing known of the writing: the
    /// flow is always made, and every text and value read.
    SummaryOff,
}

/// What the rules report on `root` under `policy` as the build step runs them: after the
/// table's checks, which count the elements.
fn built_report(
    root: &Root,
    policy: &Policy,
    how: Build,
) -> (Vec<Diagnostic<NodePath>>, Vec<AppliedOverride>) {
    SUMMARY_OFF.set(matches!(how, Build::SummaryOff));
    SCAN_ANY_SIZE.set(matches!(how, Build::AnySize));
    let mut document = ModelDocument::new(root);
    // As the build step, the document knows what its writing found; the reference reads
    // every text and value instead.
    if !matches!(how, Build::SummaryOff) {
        document.know_written(&crate::document::render_served(root, &mut String::new()));
    }
    let (elements, summary) = check_built(&document, &mut Vec::new(), true);
    document.know_element_count(elements);
    let mut found = Vec::new();
    let applied = if no_rule_may_find(&document, policy, summary.as_ref()) {
        policy_overrides(policy)
    } else {
        check_rules(&document, policy, &mut found)
    };
    SUMMARY_OFF.set(false);
    SCAN_ANY_SIZE.set(false);
    (found, applied)
}

/// Asserts that every rule that found something in `doc` says that it may find something in
/// such a document: each rule's own `found_in`, not only that of all the rules together. A
/// rule that reports only in the place of others ([`found_in::with_others`]) found something
/// where one of the others says it may.
fn found_where_it_says<D: Document, S>(
    doc: &D,
    policy: &Policy,
    found: &[Diagnostic<S>],
    source: &str,
) {
    let summary = Summary::of_document(doc);
    let may_find = |found_in: &FoundIn| {
        found_in.under(policy).may_find(&summary, |looks| {
            super::first_looks_pass(doc, &summary, looks)
        })
    };
    for finding in found {
        if let Code::Rule(rule) = finding.code {
            let said = if rule.found_in == found_in::with_others() {
                RULES
                    .iter()
                    .any(|other| other.code != rule.code && may_find(&other.found_in))
            } else {
                may_find(&rule.found_in)
            };
            assert!(
                said,
                "{} found something in a document it says it finds nothing in: {source:?}",
                rule.code
            );
        }
    }
}

/// Compares the rules' reports on `source` with and without the summary's skips, as a file is
/// checked and, when it reads into the typed model, as a response is built; returns how many
/// findings they made.
fn same_with_and_without_summary(source: &str, policies: &[Policy]) -> usize {
    let Ok(doc) = parse(source, &ParseOptions::default()) else {
        return 0;
    };
    let root = doc.to_root().ok();
    let mut findings = 0;
    if let Some(root) = &root {
        for policy in policies {
            let without = built_report(root, policy, Build::SummaryOff);
            found_where_it_says(&doc, policy, &without.0, source);
            for how in [Build::AsBuilt, Build::AnySize] {
                let before = FLOWS_SKIPPED.get();
                let with = built_report(root, policy, how);
                let skipped = FLOWS_SKIPPED.get() - before;
                let (as_built, any_size) = SKIPPED.get();
                SKIPPED.set(match how {
                    Build::AnySize => (as_built, any_size + skipped),
                    _ => (as_built + skipped, any_size),
                });
                assert!(
                    with == without,
                    "the summary changed what the rules report at build under {policy:?} on {source:?}:\nwith {:#?}\nwithout {:#?}",
                    with,
                    without
                );
            }
            findings += without.0.len();
        }
    }
    for policy in policies {
        let with = report(&doc, policy, false);
        let without = report(&doc, policy, true);
        found_where_it_says(&doc, policy, &without.0, source);
        let suppressed: Vec<_> = without.1.iter().map(|s| s.diagnostic.clone()).collect();
        found_where_it_says(&doc, policy, &suppressed, source);
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
    // The comparison means something only if the rules found things, and the build step
    // left out some flows.
    let (as_built, any_size) = SKIPPED.get();
    assert!(
        findings > 1000 && as_built > 0 && any_size >= as_built,
        "{findings} findings; flows not made: {as_built} as built, {any_size} of any size"
    );
}

/// The kinds a flow keeps as its events are pushed, which the rules ask before they walk the
/// events for one kind, are the kinds of its events: a rule skips no walk that would have
/// read an event.
#[test]
fn a_flow_keeps_the_kinds_of_its_events() {
    let mut met = Kinds::default();
    let mut flows = 0;
    for source in crate::test_corpus::sources() {
        let Ok(doc) = parse(&source, &ParseOptions::default()) else {
            continue;
        };
        let flow = Flow::new(&doc);
        let of_events = flow.events.iter().fold(Kinds::default(), |kinds, e| {
            let kinds = kinds | Kinds::of(&e.kind);
            if e.greeting {
                kinds | Kinds::GREETING
            } else {
                kinds
            }
        });
        assert_eq!(flow.kinds(), of_events, "{source:?}");
        met = met | of_events;
        flows += 1;
    }
    // The comparison means something only if the corpora hold many kinds of events.
    let kinds = [
        Kinds::SPEECH,
        Kinds::AUDIO,
        Kinds::PAUSE,
        Kinds::GATHER,
        Kinds::INPUT,
        Kinds::PAY,
        Kinds::DIAL,
        Kinds::MESSAGE,
        Kinds::END,
        Kinds::MESSAGE_RECORDING,
        Kinds::DIAL_RECORDING,
        Kinds::RECORDING,
        Kinds::STREAM,
        Kinds::AI_SESSION,
    ];
    let missing: Vec<_> = kinds.iter().filter(|&&k| (met | k) != met).collect();
    assert!(
        flows > 100 && missing.is_empty(),
        "{flows} flows; kinds never met: {missing:?}"
    );
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
    let spec = if root == "Response" {
        ElementId::VoiceResponse.spec()
    } else {
        ElementId::MessagingResponse.spec()
    };
    let mut out = format!("<{root}>");
    let count = 1 + rng.next() % 6;
    for _ in 0..count {
        random_element(rng, &mut out, spec, 0);
    }
    out.push_str(&format!("</{root}>"));
    out
}

/// An element inside `parent`: most often one its row allows (so that the document may read
/// into the typed model), else any element of the table or one outside it.
fn random_element(rng: &mut Xorshift, out: &mut String, parent: &ElementSpec, depth: u32) {
    let allowed = parent.children;
    let id = if !allowed.is_empty() && !rng.next().is_multiple_of(4) {
        Some(allowed[rng.next() as usize % allowed.len()])
    } else {
        let pick = rng.next() as usize % (ElementId::ALL.len() + 1);
        ElementId::ALL.get(pick).copied()
    };
    let Some(id) = id else {
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
            random_element(rng, out, spec, depth + 1);
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
    let (mut built, mut findings) = (0, 0);
    for _ in 0..600 {
        let source = random_document(&mut rng);
        let typed = parse(&source, &ParseOptions::default()).is_ok_and(|d| d.to_root().is_ok());
        built += usize::from(typed);
        findings += same_with_and_without_summary(&source, &policies);
    }
    // The build's path is compared only on documents that read into the typed model.
    let (as_built, any_size) = SKIPPED.get();
    assert!(
        findings > 1000 && built > 50 && as_built > 0 && any_size >= as_built,
        "{findings} findings, {built} built; flows not made: {as_built} as built, {any_size} of any size"
    );
}

/// Whether the build step made no flow for `source` under `policy`, built as it builds, or
/// reading a response of any size.
fn flow_skipped(source: &str, policy: &Policy, how: Build) -> bool {
    let doc = parse(source, &ParseOptions::default()).expect("well-formed");
    let root = doc.to_root().expect("reads into the typed model");
    let before = FLOWS_SKIPPED.get();
    built_report(&root, policy, how);
    FLOWS_SKIPPED.get() > before
}

#[test]
fn only_a_small_response_no_rule_reads_makes_no_flow() {
    let baseline = Policy::new();
    let say = "<Response><Say>Hello world</Say></Response>";
    assert!(flow_skipped(say, &baseline, Build::AsBuilt));
    // What a baseline rule reads: three digits (card data), a plain-HTTP URL, words that may
    // ask for a card where a `<Gather>` takes the answer, a comment (an override).
    for source in [
        "<Response><Say>Press 1, 2 or 3</Say></Response>",
        "<Response><Say>Hello</Say><Redirect>http://example.com/next</Redirect></Response>",
        "<Response><Gather><Say>Enter your card number</Say></Gather></Response>",
        "<Response><Gather><Say>Enter your CVV</Say></Gather></Response>",
        "<Response><Say>Enter your card number</Say><Gather numDigits=\"16\"/></Response>",
        "<Response><Say>Hello</Say><!-- twiml-allow GEN003: a test --></Response>",
    ] {
        assert!(!flow_skipped(source, &baseline, Build::AsBuilt), "{source}");
        assert!(!flow_skipped(source, &baseline, Build::AnySize), "{source}");
    }
    // What no baseline rule finds anything in: fewer than three digits, URLs over HTTPS,
    // attributes, audio, and a menu whose words ask for no card.
    for source in [
        "<Response><Say>Press 1</Say></Response>",
        "<Response><Say voice=\"alice\">Hello</Say></Response>",
        "<Response><Play>https://example.com/a.mp3</Play></Response>",
        "<Response><Gather input=\"dtmf speech\" numDigits=\"1\" action=\"/menu\"><Say>Press 1 \
         for sales, 2 for support</Say><Play>https://example.com/menu.mp3</Play></Gather>\
         <Redirect>/voice</Redirect></Response>",
    ] {
        assert!(flow_skipped(source, &baseline, Build::AnySize), "{source}");
    }
    // A `<Pay>` is read for what PCI004 reports in its attributes, and makes the flow when
    // the call is recorded (PCI002): a payment with prompts like W3 makes none, one with a
    // plain-HTTP callback, a charge without its currency, a card kept for later, a fraud
    // check turned off or a bank debit makes the flow, and so does any `<Pay>` after a
    // recording starts or under `recording-started`. A price in a value holds digits but no
    // card data; in speech, three digits make the flow (PCI005 reads them with the words).
    let pay = |attributes: &str| {
        format!(
            "<Response><Say>Your payment is due today.</Say><Pay {attributes}>\
             <Prompt for=\"payment-card-number\"><Say>Please enter your credit card number.\
             </Say></Prompt></Pay><Say>Goodbye</Say><Hangup/></Response>"
        )
    };
    let priced = "chargeAmount=\"49.99\" currency=\"usd\" action=\"/pay-done\"";
    assert!(flow_skipped(&pay(priced), &baseline, Build::AsBuilt));
    for attributes in [
        "chargeAmount=\"49.99\" currency=\"usd\" action=\"http://example.com/pay-done\"",
        "chargeAmount=\"49.99\" statusCallback=\"http://example.com/status\" currency=\"usd\"",
        "chargeAmount=\"49.99\"",
        "chargeAmount=\"49.99\" currency=\"usd\" tokenType=\"reusable\"",
        "chargeAmount=\"49.99\" currency=\"usd\" securityCode=\"false\"",
        "chargeAmount=\"49.99\" currency=\"usd\" postalCode=\"false\"",
        "paymentMethod=\"ach-debit\"",
        "chargeAmount=\"49.99\" currency=\"usd\" description=\"cvv 123\"",
    ] {
        let source = pay(attributes);
        assert!(
            !flow_skipped(&source, &baseline, Build::AsBuilt),
            "{source}"
        );
    }
    let recorded = pay(priced).replace(
        "<Pay ",
        "<Start><Recording recordingStatusCallback=\"/rec\"/></Start><Pay ",
    );
    assert!(!flow_skipped(&recorded, &baseline, Build::AnySize));
    let spoken = pay(priced).replace("due today", "49.99 dollars");
    assert!(!flow_skipped(&spoken, &baseline, Build::AsBuilt));
    let started = Policy::new().fact(Fact::RecordingStarted);
    assert!(!flow_skipped(&pay(priced), &started, Build::AsBuilt));
    // Card words after the last `<Gather>` ask for nothing the response takes: PCI001 finds
    // nothing there, and they are not looked at for it.
    let after = "<Response><Gather numDigits=\"1\"><Say>Press 1 for sales</Say></Gather>\
                 <Say>Enter your card number</Say></Response>";
    assert!(flow_skipped(after, &baseline, Build::AnySize));
    let doc = parse(after, &ParseOptions::default()).expect("well-formed");
    let root = doc.to_root().expect("reads into the typed model");
    let (found, _) = built_report(&root, &baseline, Build::SummaryOff);
    assert!(found.is_empty(), "{found:#?}");
    // A message is read as the message rules read it: a link's host or a word of the lists of
    // forbidden content makes the flow, and so does a message of two texts.
    for source in [
        "<Response><Message>Shop now at bit.ly/sale</Message></Response>",
        "<Response><Message>Try our new CBD gummies</Message></Response>",
        "<Response><Message><Body>Shop now at bit.ly/sale</Body></Message></Response>",
    ] {
        assert!(!flow_skipped(source, &baseline, Build::AnySize), "{source}");
    }
    for source in [
        "<Response><Message>Your appointment is tomorrow at 2pm. Reply STOP to opt out\
         </Message></Response>",
        "<Response><Message><Body>Your order has shipped</Body>\
         <Media>https://example.com/a.png</Media></Message></Response>",
    ] {
        assert!(flow_skipped(source, &baseline, Build::AnySize), "{source}");
    }
    // A rule of a regime that reports what is missing may find something anywhere.
    let outbound = Policy::new().fact(Fact::Outbound);
    assert!(!flow_skipped(say, &outbound, Build::AsBuilt));
    // Past `SCANNED_UP_TO` elements the response is not read, whatever it holds.
    let long = "<Response><Say>a</Say><Say>b</Say><Say>c</Say><Say>d</Say><Say>e</Say>\
                <Say>f</Say><Say>g</Say><Say>h</Say><Say>i</Say><Say>j</Say><Say>k</Say>\
                <Say>l</Say></Response>";
    assert!(!flow_skipped(long, &baseline, Build::AsBuilt));
    assert!(flow_skipped(long, &baseline, Build::AnySize));
}

/// Words the rules read joined from several text items are not given the first look item by
/// item: a request for a card number cut across three text items of one `<Say>` makes the
/// flow, which finds it.
#[test]
fn words_read_joined_make_the_flow() {
    use crate::model::voice::VoiceResponse;
    let mut response = VoiceResponse::new();
    response
        .gather()
        .say("Please enter your credit ca")
        .text("rd nu")
        .text("mber.");
    let root = Root::Voice(response);
    let baseline = Policy::new();
    let (found, _) = built_report(&root, &baseline, Build::AnySize);
    assert!(
        found
            .iter()
            .any(|d| d.code == Code::Rule(&super::payment::PCI001)),
        "{found:#?}"
    );
    assert_eq!(found, built_report(&root, &baseline, Build::SummaryOff).0);
}

/// A message's texts are read together: a link cut across two texts of a message, or a card
/// number across several (each of two digits), makes the flow, which finds it. The texts are
/// kept apart by empty `<Media>` (which the table's checks report), so that no two are in a
/// row.
#[test]
fn a_message_cut_across_texts_makes_the_flow() {
    use crate::model::messaging::MessagingResponse;
    let baseline = Policy::new();
    let link = {
        let mut response = MessagingResponse::new();
        let message = response.message();
        message.text("Shop now at bit");
        message.media("");
        message.text(".ly/sale");
        Root::Messaging(response)
    };
    let card = {
        let mut response = MessagingResponse::new();
        let message = response.message();
        for (i, digits) in ["41", "11", "11", "11", "11", "11", "11", "11"]
            .iter()
            .enumerate()
        {
            if i > 0 {
                message.media("");
            }
            message.text(*digits);
        }
        Root::Messaging(response)
    };
    for (root, code) in [(&link, "MSG005"), (&card, "PCI005")] {
        let (found, _) = built_report(root, &baseline, Build::AnySize);
        found_where_it_says(&ModelDocument::new(root), &baseline, &found, code);
        assert!(found.iter().any(|d| d.code == *code), "{code}: {found:#?}");
        assert_eq!(found, built_report(root, &baseline, Build::SummaryOff).0);
    }
}

/// The build step makes a response's flow in the lists of the previous one built on the same
/// thread: a small response's flow is made in the room a larger one left, and hands it on
/// (the comparisons above build thousands of responses one after another, each read in the
/// lists of the one before, and find what the reference finds).
#[test]
fn a_build_keeps_its_flows_lists_for_the_next() {
    use crate::model::voice::VoiceResponse;
    let room = || {
        super::BUILD_KEPT.with(|kept| {
            let taken = kept.take();
            let room = taken.room();
            kept.set(taken);
            room
        })
    };
    let built = |says: usize| {
        let mut response = VoiceResponse::new();
        for i in 0..says {
            response.say(format!("Press {i} for the next menu."));
        }
        let root = Root::Voice(response);
        let mut document = ModelDocument::new(&root);
        document.know_element_count(says + 1);
        check_rules(&document, &Policy::new(), &mut Vec::new());
    };
    built(40);
    let large = room();
    assert!(large.0 >= 41 && large.1 >= 41, "{large:?}");
    built(1);
    assert_eq!(
        room(),
        large,
        "the small response's flow was made in new lists"
    );
    // Lists grown past what is kept are freed.
    built(100);
    assert_eq!(room(), (0, 0));
}
