//! Communications-compliance rules: the catalog's v1 set, run over any [`Document`] under a
//! [`Policy`].
//!
//! The rules read the document as Twilio executes it (see the flow model) and its text as the
//! caller hears it, in English and Spanish. Each finding carries the severity its situation
//! calls for; the policy's level for the rule then decides what happens to it: `deny` keeps
//! it, `warn` reports errors as warnings, `allow` drops it and counts it against the override
//! that allowed the rule, whose reason is the audit trail.
//!
//! Overrides come from the policy, or from a comment in the document itself:
//! `<!-- twiml-allow REC001: consent to recording is captured at sign-up -->`.

#[cfg(feature = "config")]
mod config;
pub mod detect;
mod flow;
pub(crate) mod phrases;
mod policy;
mod registry;

mod debt;
mod general;
mod health;
mod messaging;
mod payment;
mod recording;
mod robocall;

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Label, Severity, checks};
use crate::schema::ElementId;
use crate::tree::{Content, Document, Part, Tag};

#[cfg(feature = "config")]
pub use config::{FILE_NAME, PolicyFileError};
pub use policy::{Disclosure, Fact, Level, Override, Policy, Regime, rule_codes};
pub use registry::{Family, RULES, RuleInfo, find_rule};

/// Every rule, by name, for use in code (`rules::REC001`).
pub use registry::{
    AI002, DEBT001, DEBT002, DEBT003, DEBT004, DEBT008, DEBT009, GEN001, GEN003, MSG003, MSG004,
    MSG005, MSG006, PCI001, PCI002, PCI004, PCI005, PHI001, PHI003, REC001, REC002, REC003, REC004,
    REC005, TCPA001, TCPA002, TCPA003, TCPA004,
};

use flow::{Flow, Loc};

/// An override that applied to a document: the rule, the reason, where it was written, and
/// how many findings it kept from being reported.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppliedOverride {
    /// The rule's code.
    pub code: String,
    /// The reason given.
    pub reason: String,
    /// Findings of the rule that the override suppressed in this document.
    pub suppressed: usize,
    /// Where the override was written.
    pub origin: OverrideOrigin,
}

/// Where an override was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum OverrideOrigin {
    /// In the policy (`Policy::allow`, or `[allow]` in `twiml.toml`).
    Policy,
    /// In the document, as a `<!-- twiml-allow CODE: reason -->` comment. It replaces an
    /// override of the same rule in the policy.
    Comment,
}

/// A finding that an override kept from being reported, as the rule found it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Suppressed<S> {
    /// The finding, at the severity the rule gave it.
    pub diagnostic: Diagnostic<S>,
    /// The override that suppressed it: its position among the applied overrides.
    pub by: usize,
}

/// A finding of a rule, before the policy's level applies.
pub(crate) struct Finding<N> {
    rule: &'static RuleInfo,
    severity: Severity,
    message: String,
    help: Option<String>,
    node: N,
    loc: Loc,
    part: Part<'static>,
    labels: Vec<(N, Loc, Part<'static>, String)>,
}

impl<N> Finding<N> {
    /// Sets the help line.
    pub(crate) fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a label at another element.
    pub(crate) fn label(&mut self, node: N, loc: Loc, message: impl Into<String>) -> &mut Self {
        self.labels.push((node, loc, Part::Element, message.into()));
        self
    }

    /// Points the finding at an attribute of its element instead of the element.
    pub(crate) fn at_attribute(&mut self, name: &'static str) -> &mut Self {
        self.part = Part::Attribute(name);
        self
    }
}

/// What the rules of one document found, and the context they read.
pub(crate) struct Findings<'f, 'd, D: Document> {
    pub(crate) flow: &'f Flow<'d, D>,
    pub(crate) policy: &'f Policy,
    found: Vec<Finding<D::Node>>,
    /// The `<Play>` elements GEN001 already reported, with the rule each stood in for.
    undeclared_reported: Vec<(Loc, &'static str)>,
}

impl<'f, 'd, D: Document> Findings<'f, 'd, D> {
    /// Whether `rule` applies to this flow (its regime and facts; its level comes later).
    pub(crate) fn runs(&self, rule: &RuleInfo) -> bool {
        let regime =
            rule.regimes.is_empty() || rule.regimes.iter().any(|r| self.policy.applies(*r));
        regime && rule.needs.iter().all(|f| self.policy.holds(*f))
    }

    /// Records a finding of `rule` at an element.
    pub(crate) fn report(
        &mut self,
        rule: &'static RuleInfo,
        severity: Severity,
        node: D::Node,
        loc: Loc,
        message: impl Into<String>,
    ) -> &mut Finding<D::Node> {
        let part = self.said_at(node);
        self.found.push(Finding {
            rule,
            severity,
            message: message.into(),
            help: None,
            node,
            loc,
            part,
            labels: Vec::new(),
        });
        let last = self.found.len() - 1;
        &mut self.found[last]
    }
}

impl<D: Document> Findings<'_, '_, D> {
    /// Where a finding at an element points: a finding at a `<Say>` or a message is about what
    /// it says, so it points at its text (its first piece); any other at the element.
    fn said_at(&self, node: D::Node) -> Part<'static> {
        let doc = self.flow.doc;
        let speaks = matches!(
            doc.tag(node),
            Tag::Known(ElementId::Say | ElementId::Message | ElementId::Sms)
        );
        if !speaks {
            return Part::Element;
        }
        doc.children(node)
            .position(|c| match c {
                Content::Text(t) => !t.trim().is_empty(),
                Content::Runtime => true,
                _ => false,
            })
            .map_or(Part::Element, Part::Content)
    }
}

/// Runs every rule that applies under `policy` over `doc`, appending findings to `out`, and
/// returns the overrides that applied (from the policy and from the document's comments).
pub fn check_rules<D: Document>(
    doc: &D,
    policy: &Policy,
    out: &mut Vec<Diagnostic<D::Span>>,
) -> Vec<AppliedOverride> {
    check_rules_keeping_suppressed(doc, policy, out, &mut Vec::new())
}

/// [`check_rules`], keeping the findings that overrides suppressed in `suppressed`, for
/// reports that show them with their reasons (SARIF's suppressions).
pub(crate) fn check_rules_keeping_suppressed<D: Document>(
    doc: &D,
    policy: &Policy,
    out: &mut Vec<Diagnostic<D::Span>>,
    suppressed: &mut Vec<Suppressed<D::Span>>,
) -> Vec<AppliedOverride> {
    let flow = Flow::new(doc);
    let (policy, from_comments) = with_comment_overrides(&flow, policy, out);
    let found = run_rules(&flow, &policy);
    let mut applied = emit(&flow, &policy, found, out, suppressed);
    for o in &mut applied {
        if from_comments.iter().any(|c| c.code == o.code) {
            o.origin = OverrideOrigin::Comment;
        }
    }
    applied
}

/// Runs the rules over a document that holds run-time content (the interpolations of a
/// `twiml!` invocation) and keeps the findings its literal content decides: those that hold
/// whatever the run-time content says. A finding is kept when it appears both with the
/// run-time content read as nothing and with it read as every disclosure at once; the others
/// wait for the build, which runs every rule over the finished response.
pub fn check_rules_decided<D: Document>(
    doc: &D,
    policy: &Policy,
    out: &mut Vec<Diagnostic<D::Span>>,
) -> Vec<AppliedOverride> {
    let silent = Flow::new(doc);
    let (policy, _) = with_comment_overrides(&silent, policy, out);
    let every_disclosure = every_disclosure(&policy);
    let telling = Flow::reading_runtime_as(doc, &every_disclosure);
    let without = run_rules(&silent, &policy);
    // The message of the second reading says what is wrong even in the best case.
    let decided = run_rules(&telling, &policy)
        .into_iter()
        .filter(|w| {
            without
                .iter()
                .any(|s| s.rule.code == w.rule.code && s.loc == w.loc && s.part == w.part)
        })
        .collect();
    emit(&telling, &policy, decided, out, &mut Vec::new())
}

/// Text that gives every disclosure a rule asks for, in English: run-time content read as this
/// satisfies every rule that run-time content could satisfy.
fn every_disclosure(policy: &Policy) -> String {
    let business = policy
        .business_names()
        .first()
        .map_or("Acme Widgets", String::as_str);
    let number = policy
        .callback_numbers()
        .first()
        .map_or("1-800-555-0100", String::as_str);
    format!(
        "This is {business}. To stop calls from us, press 9. This call may be recorded and \
         monitored. Please leave a message after the beep. I am a virtual assistant. This is an \
         attempt to collect a debt, and any information obtained will be used for that purpose. \
         This communication is from a debt collector. Please call us back at {number}, or at \
         1-800-555-0100. Reply STOP to opt out."
    )
}

/// The policy with the overrides of the document's `twiml-allow` comments added, and those
/// overrides; malformed comments are reported.
fn with_comment_overrides<'p, D: Document>(
    flow: &Flow<'_, D>,
    policy: &'p Policy,
    out: &mut Vec<Diagnostic<D::Span>>,
) -> (Cow<'p, Policy>, Vec<Override>) {
    let from_comments = comment_overrides(flow, out);
    if from_comments.is_empty() {
        (Cow::Borrowed(policy), from_comments)
    } else {
        (
            Cow::Owned(policy.with_overrides(&from_comments)),
            from_comments,
        )
    }
}

/// Every family's findings, before the policy's levels apply.
fn run_rules<D: Document>(flow: &Flow<'_, D>, policy: &Policy) -> Vec<Finding<D::Node>> {
    let mut findings = Findings {
        flow,
        policy,
        found: Vec::new(),
        undeclared_reported: Vec::new(),
    };
    recording::check(&mut findings);
    payment::check(&mut findings);
    robocall::check(&mut findings);
    debt::check(&mut findings);
    health::check(&mut findings);
    messaging::check(&mut findings);
    general::check(&mut findings);
    findings.found
}

/// Applies the policy's levels to the findings and appends what remains to `out`, and what
/// an override allowed to `suppressed`; returns the overrides, each with how many findings it
/// kept from being reported.
fn emit<D: Document>(
    flow: &Flow<'_, D>,
    policy: &Policy,
    found: Vec<Finding<D::Node>>,
    out: &mut Vec<Diagnostic<D::Span>>,
    suppressed: &mut Vec<Suppressed<D::Span>>,
) -> Vec<AppliedOverride> {
    let mut applied: Vec<AppliedOverride> = policy
        .overrides()
        .iter()
        .map(|o| AppliedOverride {
            code: o.code.clone(),
            reason: o.reason.clone(),
            suppressed: 0,
            origin: OverrideOrigin::Policy,
        })
        .collect();
    for finding in found {
        let level = policy.level_of(finding.rule);
        let severity = match level {
            Level::Warn => finding.severity.min(Severity::Warning),
            Level::Allow | Level::Deny => finding.severity,
        };
        let span = flow.locate(finding.node, finding.loc, finding.part);
        let diagnostic = Diagnostic {
            code: finding.rule.code,
            severity,
            message: finding.message,
            span,
            labels: finding
                .labels
                .into_iter()
                .map(|(node, loc, part, message)| Label {
                    span: flow.locate(node, loc, part),
                    message,
                })
                .collect(),
            help: finding.help,
            twilio_error: None,
        };
        if level != Level::Allow {
            out.push(diagnostic);
        } else if let Some(by) = applied.iter().position(|o| o.code == finding.rule.code) {
            applied[by].suppressed += 1;
            suppressed.push(Suppressed { diagnostic, by });
        }
    }
    applied
}

/// Reads `twiml-allow CODE: reason` comments, inside the document or around its root. A
/// comment that names no rule the registry knows, or gives no reason, is reported instead of
/// applied.
fn comment_overrides<D: Document>(
    flow: &Flow<'_, D>,
    out: &mut Vec<Diagnostic<D::Span>>,
) -> Vec<Override> {
    let inner = flow.comments.iter().map(|c| {
        (
            c.text,
            Located::Inside(c.node, c.loc, Part::Content(c.position)),
        )
    });
    let outer = flow
        .doc
        .outer_comments()
        .into_iter()
        .map(|(text, span)| (text, Located::Outside(span)));
    let mut overrides = Vec::new();
    for (text, at) in inner.chain(outer) {
        let Some(rest) = text.trim().strip_prefix("twiml-allow") else {
            continue;
        };
        let (code, reason) = match rest.split_once(':') {
            Some((code, reason)) => (code.trim(), reason.trim()),
            None => (rest.trim(), ""),
        };
        let problem = match find_rule(code) {
            None => format!("`twiml-allow` names no known rule: `{code}`"),
            Some(_) if reason.is_empty() => format!("`twiml-allow {code}` gives no reason"),
            Some(rule) => {
                overrides.push(Override {
                    code: rule.code.to_string(),
                    reason: reason.to_string(),
                });
                continue;
            }
        };
        let span = match at {
            Located::Inside(node, loc, part) => flow.locate(node, loc, part),
            Located::Outside(span) => span,
        };
        out.push(
            Diagnostic::new(&checks::INVALID_OVERRIDE, problem, span)
                .with_help("write `<!-- twiml-allow CODE: the reason the rule does not apply -->`"),
        );
    }
    overrides
}

/// Where a comment is: inside an element, or around the root with its own span.
enum Located<N, S> {
    Inside(N, Loc, Part<'static>),
    Outside(S),
}
