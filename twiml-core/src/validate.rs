//! Validating a TwiML document: parse, then every structural check, located by byte range.

use crate::check::{check_document, document_size};
use crate::diagnostic::{Diagnostic, Severity, checks};
use crate::document::Root;
use crate::model::{
    ConvertError, fax::FaxResponse, messaging::MessagingResponse, voice::VoiceResponse,
};
use crate::parse::{ByteSpan, ParseOptions, ParsedDocument, parse};
use crate::rules::{AppliedOverride, Policy, Suppressed, check_rules_keeping_suppressed};
use crate::schema::Dialect;
use crate::tree::{Document, Part, Path, Tag};

/// What validating a document found.
#[derive(Debug)]
#[non_exhaustive]
pub struct Validation<'s> {
    /// Every finding, in source order.
    pub diagnostics: Vec<Diagnostic<ByteSpan>>,
    /// The parsed document, when the source is well-formed XML.
    pub document: Option<ParsedDocument<'s>>,
    /// The rules the policy or the document's `twiml-allow` comments turned off, with their
    /// reasons and how many findings each suppressed.
    pub overrides: Vec<AppliedOverride>,
    /// The findings those overrides suppressed, in source order, each with the position of
    /// its override in `overrides`.
    pub suppressed: Vec<Suppressed<ByteSpan>>,
}

impl Validation<'_> {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses `source` and runs every structural check of the element table over it, and the
/// compliance rules of the baseline policy (the rules that apply to every flow).
pub fn validate<'s>(source: &'s str, options: &ParseOptions) -> Validation<'s> {
    validate_with(source, options, &Policy::new())
}

/// Parses `source` and runs every structural check and every compliance rule that applies
/// under `policy`. A policy with problems (an unknown rule, an override without a reason)
/// is reported as a finding on the document's root.
pub fn validate_with<'s>(
    source: &'s str,
    options: &ParseOptions,
    policy: &Policy,
) -> Validation<'s> {
    let mut validation = validate_structure(source, options);
    let Some(document) = &validation.document else {
        return validation;
    };
    policy_problems(document, policy, &mut validation.diagnostics);
    validation.overrides = check_rules_keeping_suppressed(
        document,
        policy,
        &mut validation.diagnostics,
        &mut validation.suppressed,
    );
    policy.escalate(&mut validation.diagnostics);
    // In source order, the same order as a stable sort by offset. The offsets are sorted
    // with their positions and the findings moved once each, not merged about as a stable
    // sort of these large values would (120 findings a W4 document).
    validation.diagnostics.sort_by_cached_key(|d| d.span.start);
    validation
        .suppressed
        .sort_by_cached_key(|s| s.diagnostic.span.start);
    validation
}

/// Reports the problems of `policy` itself (an unknown rule, an override without a reason)
/// on the document's root: a check under such a policy fails.
pub(crate) fn policy_problems(
    document: &ParsedDocument<'_>,
    policy: &Policy,
    out: &mut Vec<Diagnostic<ByteSpan>>,
) {
    let at_root = || document.locate(document.root(), &Path::new(), Part::Element);
    for problem in policy.problems() {
        out.push(
            Diagnostic::new(&checks::INVALID_OVERRIDE, problem.clone(), at_root())
                .with_help("fix the policy: `twiml rules` lists every rule"),
        );
    }
}

/// Parses `source` and runs the element table's checks only.
pub(crate) fn validate_structure<'s>(source: &'s str, options: &ParseOptions) -> Validation<'s> {
    let document = match parse(source, options) {
        Ok(document) => document,
        Err(error) => {
            return Validation {
                diagnostics: vec![error],
                document: None,
                overrides: Vec::new(),
                suppressed: Vec::new(),
            };
        }
    };
    let mut diagnostics = Vec::new();
    let root = document.root();
    if let Some(d) = document_size(source.len(), || {
        document.locate(root, &Path::new(), Part::Element)
    }) {
        diagnostics.push(d);
    }
    if let Some(expected) = document.unexpected_dialect()
        && matches!(document.tag(root), Tag::Known(_))
    {
        diagnostics.push(
            Diagnostic::new(
                &checks::WRONG_DIALECT,
                format!(
                    "this is a {} document; a {} document is expected",
                    document.dialect().as_str(),
                    expected.as_str()
                ),
                document.locate(root, &Path::new(), Part::Element),
            )
            .with_help(match expected {
                Dialect::Messaging => "a messaging response holds `<Message>` and `<Redirect>`",
                Dialect::Voice => {
                    "a voice response holds verbs such as `<Say>`, `<Gather>` and `<Dial>`"
                }
                Dialect::Fax => "a fax response holds `<Receive>`",
            }),
        );
    }
    check_document(&document, &mut diagnostics);
    diagnostics.sort_by_key(|d| d.span.start);
    Validation {
        diagnostics,
        document: Some(document),
        overrides: Vec::new(),
        suppressed: Vec::new(),
    }
}

impl ParsedDocument<'_> {
    /// Reads the document into the typed model.
    ///
    /// # Errors
    ///
    /// A [`ConvertError`] when an attribute value does not parse or a required attribute is
    /// missing; [`validate`] reports both first.
    pub fn to_root(&self) -> Result<Root, ConvertError> {
        let root = self.root();
        Ok(match self.dialect() {
            Dialect::Voice => Root::Voice(VoiceResponse::from_document(self, root)?),
            Dialect::Messaging => Root::Messaging(MessagingResponse::from_document(self, root)?),
            Dialect::Fax => Root::Fax(FaxResponse::from_document(self, root)?),
        })
    }
}
