//! Overrides as a validation reports them: which rule, why, where it was written, and the
//! findings it kept from being reported.

use twiml::rules::{OverrideOrigin, Policy};
use twiml::{LineIndex, ParseOptions, Severity, validate_with};

const RECORDED: &str = "<Response>\n<Dial record=\"record-from-answer\"><Number url=\"https://example.com/w\">+14155550100</Number></Dial>\n</Response>";

#[test]
fn suppressed_findings_are_kept_with_their_override() {
    let policy = Policy::new().allow("REC001", "the notice plays in the IVR before this document");
    let v = validate_with(RECORDED, &ParseOptions::default(), &policy);
    assert!(
        v.diagnostics.iter().all(|d| d.code != "REC001"),
        "{:?}",
        v.diagnostics
    );
    assert_eq!(v.overrides.len(), 1);
    let o = &v.overrides[0];
    assert_eq!(
        (o.code.as_str(), o.origin),
        ("REC001", OverrideOrigin::Policy)
    );
    assert_eq!(o.suppressed, v.suppressed.len());
    assert_eq!(o.suppressed, 1);
    let s = &v.suppressed[0];
    assert_eq!(s.by, 0);
    assert_eq!(s.diagnostic.code, "REC001");
    assert_eq!(s.diagnostic.severity, Severity::Error);
    // At the recorded `<Dial>`.
    let at = LineIndex::new(RECORDED).location(s.diagnostic.span.start as usize);
    assert_eq!(at, (2, 2));
    // Without the override, the same findings are reported.
    let unsuppressed = validate_with(RECORDED, &ParseOptions::default(), &Policy::new());
    let reported: Vec<_> = unsuppressed
        .diagnostics
        .iter()
        .filter(|d| d.code == "REC001")
        .collect();
    assert_eq!(reported, [&s.diagnostic]);
}

#[test]
fn a_comment_override_says_so_and_replaces_the_policys() {
    let source = format!("<!-- twiml-allow REC001: consent is captured at sign-up -->\n{RECORDED}");
    let policy = Policy::new()
        .allow("REC001", "the policy's reason")
        .allow("PCI001", "no card data in these flows");
    let v = validate_with(&source, &ParseOptions::default(), &policy);
    let found: Vec<_> = v
        .overrides
        .iter()
        .map(|o| (o.code.as_str(), o.reason.as_str(), o.origin))
        .collect();
    assert_eq!(
        found,
        [
            (
                "PCI001",
                "no card data in these flows",
                OverrideOrigin::Policy
            ),
            (
                "REC001",
                "consent is captured at sign-up",
                OverrideOrigin::Comment
            ),
        ]
    );
    assert!(!v.suppressed.is_empty());
    assert!(v.suppressed.iter().all(|s| s.by == 1));
    assert_eq!(v.overrides[0].suppressed, 0);
}
