//! Conformance over real TwiML (`shared/corpus`): Twilio's documentation samples validate
//! with no false error and survive `fmt`; malformed documents are refused with their line and
//! column; the tricky ones behave as their manifest says. Each test says that it skipped when
//! the corpus is not beside the project.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Whitespace, canonical, shared};
use twiml::schema::Dialect;
use twiml::{
    ByteSpan, Diagnostic, LineIndex, ParseOptions, RenderOptions, Severity, Validation,
    format_document, validate,
};

/// Documentation samples that really are wrong, and why. Everything else must validate
/// without an error.
const REALLY_WRONG: &[(&str, &str, &str)] = &[
    (
        "quickstart__csharp__sms__example-7__output__send-sms-during-call.twiml",
        "TW0102",
        "`<Message>` in a voice response: no voice definition has it, and Twilio answers 12200 (bmlt-enabled/yap#150)",
    ),
    (
        "quickstart__java__sms__example-7__output__send-sms-during-call.twiml",
        "TW0102",
        "`<Message>` in a voice response (as above)",
    ),
    (
        "quickstart__php__sms__example-7__output__send-sms-during-call.twiml",
        "TW0102",
        "`<Message>` in a voice response (as above)",
    ),
    (
        "quickstart__python__sms__example-7__output__send-sms-during-call.twiml",
        "TW0102",
        "`<Message>` in a voice response (as above)",
    ),
    (
        "twiml__voice__application__dial-application-basic__output__dial-application-basic.twiml",
        "TW0105",
        "the placeholder SID `AP1234567890abcdef1234567890abcd` has 30 hexadecimal digits, not 32",
    ),
    (
        "twiml__voice__application__dial-application-copyparentto__output__dial-application-copyparentto.twiml",
        "TW0105",
        "the same 30-digit placeholder SID",
    ),
    (
        "twiml__voice__application__dial-application-customerid__output__dial-application-customerid.twiml",
        "TW0105",
        "the same 30-digit placeholder SID",
    ),
    (
        "twiml__voice__application__dial-application-parameter__output__dial-application-parameter.twiml",
        "TW0105",
        "the same 30-digit placeholder SID",
    ),
];

fn corpus(folder: &str) -> Option<Vec<PathBuf>> {
    let shared = shared()?;
    let dir = shared.join("corpus").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus folder {} cannot be read: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "twiml"))
        .collect();
    files.sort();
    Some(files)
}

fn name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

/// The dialect the manifest gives each api-snippets file.
fn dialects() -> BTreeMap<String, Dialect> {
    let Some(shared) = shared() else {
        return BTreeMap::new();
    };
    let manifest =
        std::fs::read_to_string(shared.join("corpus/api-snippets/_manifest.jsonl")).unwrap();
    manifest
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let dialect = match row["category"].as_str() {
                Some("messaging") => Dialect::Messaging,
                _ => Dialect::Voice,
            };
            (row["file"].as_str().unwrap().to_string(), dialect)
        })
        .collect()
}

/// Whether a finding is of the element table's checks (`TW`), not of a compliance rule.
fn structural(d: &Diagnostic<ByteSpan>) -> bool {
    matches!(d.code, twiml::codes::Code::Check(_))
}

fn errors<'a>(v: &'a Validation<'_>) -> Vec<&'a str> {
    v.diagnostics
        .iter()
        .filter(|d| structural(d) && d.severity == Severity::Error)
        .map(|d| d.code.code())
        .collect()
}

#[test]
fn documentation_samples_have_no_false_errors() {
    let Some(files) = corpus("api-snippets") else {
        return;
    };
    let dialects = dialects();
    assert_eq!(files.len(), 207);
    let mut clean = 0;
    let mut warned = 0;
    let mut warnings: BTreeMap<&str, usize> = BTreeMap::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let file = name(path);
        let expect = dialects[file];
        let v = validate(&source, &ParseOptions::new().expect(expect));
        let found = errors(&v);
        match REALLY_WRONG.iter().find(|(f, _, _)| *f == file) {
            Some((_, code, why)) => assert_eq!(found, [*code], "{file} ({why})"),
            None => assert!(found.is_empty(), "{file}: {:#?}", v.diagnostics),
        }
        let structural_findings: Vec<_> = v.diagnostics.iter().filter(|d| structural(d)).collect();
        if structural_findings.is_empty() {
            clean += 1;
        } else if found.is_empty() {
            warned += 1;
        }
        for d in structural_findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
        {
            *warnings.entry(d.code.code()).or_default() += 1;
        }
    }
    eprintln!(
        "api-snippets: {} files, {clean} without findings, {warned} with warnings only, {} really wrong; warnings by code: {warnings:?}",
        files.len(),
        REALLY_WRONG.len()
    );
}

/// The compliance rules of the baseline policy over Twilio's samples. The samples show how to
/// use a verb, not how to run a compliant flow, so they record and stream without a notice;
/// every finding here was read and is what its rule asks for.
#[test]
fn documentation_samples_under_the_baseline_rules() {
    let Some(files) = corpus("api-snippets") else {
        return;
    };
    let mut report = String::new();
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    let mut flagged = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let v = validate(&source, &ParseOptions::default());
        let lines = LineIndex::new(&source);
        let mut any = false;
        for d in v.diagnostics.iter().filter(|d| !structural(d)) {
            any = true;
            *counts.entry((d.code.code(), d.severity)).or_default() += 1;
            let (line, column) = lines.location(d.span.start as usize);
            report.push_str(&format!(
                "{}:{line}:{column}: {}[{}] {}\n",
                name(path).trim_start_matches("twiml__"),
                d.severity,
                d.code,
                d.message
            ));
        }
        flagged += usize::from(any);
    }
    eprintln!(
        "api-snippets under the baseline rules: {flagged} of {} files have findings: {counts:?}",
        files.len()
    );
    insta::assert_snapshot!(report);
}

#[test]
fn documentation_samples_round_trip_through_fmt() {
    let Some(files) = corpus("api-snippets") else {
        return;
    };
    let mut formatted = 0;
    for path in &files {
        let file = name(path);
        if REALLY_WRONG.iter().any(|(f, _, _)| *f == file) {
            continue;
        }
        let source = std::fs::read_to_string(path).unwrap();
        for render in [RenderOptions::new().pretty(2), RenderOptions::new()] {
            let output = format_document(&source, &ParseOptions::default(), &render)
                .unwrap_or_else(|d| panic!("{file}: {d:#?}"));
            assert_eq!(
                canonical(&output, Whitespace::IgnoreIndentation).unwrap(),
                canonical(&source, Whitespace::IgnoreIndentation).unwrap(),
                "{file}:\n{output}"
            );
            // The canonical form is a fixed point.
            let again = format_document(&output, &ParseOptions::default(), &render).unwrap();
            assert_eq!(again, output, "{file}");
        }
        formatted += 1;
    }
    eprintln!("api-snippets: {formatted} files round-trip through fmt");
    assert_eq!(formatted, 207 - REALLY_WRONG.len());
}

/// `fmt` formats every document that parses, those with errors included, without changing
/// what the checks and rules find in it, and its output is its own canonical form.
#[test]
fn every_document_that_parses_formats_without_changing_its_findings() {
    let Some(samples) = corpus("api-snippets") else {
        return;
    };
    let invalid = corpus("invalid").expect("beside api-snippets");
    let findings = |source: &str| {
        let mut found: Vec<(String, String)> = validate(source, &ParseOptions::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.code.to_string(), d.message.into_owned()))
            .collect();
        found.sort();
        found
    };
    let (mut formatted, mut with_errors, mut refused) = (0, 0, 0);
    for path in samples.iter().chain(&invalid) {
        let file = name(path);
        let source = std::fs::read_to_string(path).unwrap();
        let before = findings(&source);
        for render in [
            RenderOptions::new(),
            RenderOptions::new().pretty(2),
            RenderOptions::new().xml_declaration(false).pretty(4),
        ] {
            let Ok(output) = format_document(&source, &ParseOptions::default(), &render) else {
                refused += 1;
                continue;
            };
            assert_eq!(findings(&output), before, "{file}:\n{output}");
            let again = format_document(&output, &ParseOptions::default(), &render).unwrap();
            assert_eq!(again, output, "{file}");
            formatted += 1;
            if validate(&source, &ParseOptions::default()).has_errors() {
                with_errors += 1;
            }
        }
    }
    eprintln!("{formatted} formatted ({with_errors} of documents with errors), {refused} refused");
    // Three renderings of each: the five malformed documents are the only ones refused.
    assert_eq!(refused, 3 * 5);
    assert!(with_errors >= 3 * 15, "{with_errors}");
}

#[test]
fn malformed_documents_are_refused_with_a_position() {
    let Some(files) = corpus("invalid") else {
        return;
    };
    let expected = [
        (
            "malformed__api-snippets__sip-3-unescaped-ampersand-in-uri.xml",
            (5, 43),
        ),
        (
            "malformed__api-snippets__taskrouter-example3-enqueue-selfclosed-then-closed.xml",
            (5, 5),
        ),
        (
            "malformed__twilio-ruby-spec__should-allow-generic-child-nodes.xml",
            (4, 3),
        ),
        (
            "malformed__twilio-ruby-spec__should-allow-nesting-and-chaining.xml",
            (6, 24),
        ),
        (
            "malformed__twilio-ruby-spec__should-allow-nesting-from-the-initializer.xml",
            (3, 24),
        ),
    ];
    let malformed: Vec<&PathBuf> = files
        .iter()
        .filter(|p| name(p).starts_with("malformed__"))
        .collect();
    assert_eq!(malformed.len(), expected.len());
    for path in malformed {
        let source = std::fs::read_to_string(path).unwrap();
        let v = validate(&source, &ParseOptions::default());
        assert!(v.document.is_none(), "{}", name(path));
        assert_eq!(v.diagnostics.len(), 1);
        let d = &v.diagnostics[0];
        assert_eq!(d.code, "TW0001");
        let at = LineIndex::new(&source).location(d.span.start as usize);
        let (_, want) = expected.iter().find(|(f, _)| *f == name(path)).unwrap();
        assert_eq!(at, *want, "{}: {}", name(path), d.message);
    }
}

#[test]
fn tricky_documents_behave_as_their_manifest_says() {
    let Some(shared) = shared() else {
        return;
    };
    let read =
        |file: &str| std::fs::read_to_string(shared.join("corpus/invalid").join(file)).unwrap();
    let pretty = RenderOptions::new().pretty(2);

    // One comment whose text starts with `>`: no element is hidden in it.
    let source = read("tricky__elixir-twiml__comment-rendered-as-pseudo-element.xml");
    let v = validate(&source, &ParseOptions::default());
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    let out = format_document(&source, &ParseOptions::default(), &RenderOptions::new()).unwrap();
    assert_eq!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?><Response><Reject/><!-->Blocked because of insufficient funds</!--></Response>"#
    );

    // Comments before and after the root are valid and kept.
    for file in [
        "tricky__twilio-node__comment-before-root.xml",
        "tricky__twilio-node__comment-after-root.xml",
    ] {
        let source = read(file);
        assert!(
            validate(&source, &ParseOptions::default())
                .diagnostics
                .is_empty()
        );
        let out =
            format_document(&source, &ParseOptions::default(), &RenderOptions::new()).unwrap();
        assert_eq!(out, source.trim_end(), "{file}");
    }

    // `<Message>` in a voice response is refused, with the way to text a caller instead.
    let source = read("tricky__api-snippets__message-inside-voice-response.xml");
    let v = validate(&source, &ParseOptions::default());
    assert_eq!(errors(&v), ["TW0102"]);
    assert!(
        v.diagnostics[0]
            .help
            .as_deref()
            .unwrap()
            .contains("`<Sms>`")
    );

    // Spaces around `<Say>` text are kept exactly: the canonical trees compare text nodes
    // character for character, dropping only whitespace-only text between elements.
    let source = read("tricky__api-snippets__pay-9-leading-trailing-spaces-in-say.twiml");
    assert!(errors(&validate(&source, &ParseOptions::default())).is_empty());
    assert!(source.contains("<Say> "), "the sample still has its spaces");
    let out = format_document(&source, &ParseOptions::default(), &pretty).unwrap();
    assert_eq!(
        canonical(&out, Whitespace::IgnoreIndentation).unwrap(),
        canonical(&source, Whitespace::IgnoreIndentation).unwrap()
    );

    // A misspelled attribute that a helper library passed through is a warning with the fix.
    let source = read("tricky__twilio-node__misspelled-attribute-passthrough.xml");
    let v = validate(&source, &ParseOptions::default());
    assert_eq!(v.diagnostics.len(), 1);
    assert_eq!(v.diagnostics[0].code, "TW0103");
    assert_eq!(
        v.diagnostics[0].help.as_deref(),
        Some("did you mean `language`?")
    );

    // A fragment without `<Response>`; wrapped in one, its text beside `<Body>` is refused.
    let source = read("tricky__twilio-php__message-text-plus-body-child.xml");
    assert_eq!(
        errors(&validate(&source, &ParseOptions::default())),
        ["TW0101"]
    );
    let wrapped = format!("<Response>{source}</Response>");
    assert_eq!(
        errors(&validate(&wrapped, &ParseOptions::default())),
        ["TW0302"]
    );
}

#[test]
fn a_document_of_the_other_dialect_is_reported_when_one_is_expected() {
    let voice = "<Response><Say>Thanks for calling</Say></Response>";
    let messaging = "<Response><Message>Thanks for writing</Message></Response>";
    let codes = |source: &str, dialect: Dialect| -> Vec<&'static str> {
        validate(source, &ParseOptions::new().expect(dialect))
            .diagnostics
            .iter()
            .map(|d| d.code.code())
            .collect()
    };
    assert_eq!(codes(voice, Dialect::Voice), Vec::<&str>::new());
    assert_eq!(codes(messaging, Dialect::Messaging), Vec::<&str>::new());
    assert_eq!(codes(voice, Dialect::Messaging), ["TW0303"]);
    assert_eq!(codes(messaging, Dialect::Voice), ["TW0303"]);
    // With no expectation, the content decides.
    assert!(
        validate(messaging, &ParseOptions::default())
            .diagnostics
            .is_empty()
    );
}
