//! The finished response: what the build step makes from a builder, and what renders.
//!
//! Building is a distinct step. It runs the table's checks over the whole response (values,
//! limits, characters XML cannot carry, custom names) and either refuses it, listing every
//! error found, or returns a [`Twiml`] that renders without failing. Findings that do not stop
//! the build (a voice Twilio has not documented yet) stay on the response as warnings.

use std::fmt;
use std::io;

use crate::check::{check_built, document_size};
use crate::diagnostic::{Diagnostic, NodePath, Severity};
use crate::model::{
    ModelDocument, fax::FaxResponse, messaging::MessagingResponse, voice::VoiceResponse,
};
use crate::render::{IoSink, RenderOptions, Writer};
use crate::rules::{
    AppliedOverride, Policy, check_rules, no_rule_may_find, policy_overrides, scanned,
};
use crate::schema::Dialect;

/// The root of a response, of one of the three dialects.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Root {
    /// A voice response (`VoiceResponse`).
    #[cfg_attr(feature = "serde", serde(rename = "voice"))]
    Voice(VoiceResponse),
    /// A messaging response (`MessagingResponse`).
    #[cfg_attr(feature = "serde", serde(rename = "messaging"))]
    Messaging(MessagingResponse),
    /// A fax response (`FaxResponse`).
    #[cfg_attr(feature = "serde", serde(rename = "fax"))]
    Fax(FaxResponse),
}

impl Root {
    /// The dialect of the response.
    pub fn dialect(&self) -> Dialect {
        match self {
            Root::Voice(_) => Dialect::Voice,
            Root::Messaging(_) => Dialect::Messaging,
            Root::Fax(_) => Dialect::Fax,
        }
    }

    pub(crate) fn render<W: fmt::Write>(&self, w: &mut Writer<'_, W>) -> fmt::Result {
        match self {
            Root::Voice(r) => r.render(w),
            Root::Messaging(r) => r.render(w),
            Root::Fax(r) => r.render(w),
        }
    }
}

impl From<VoiceResponse> for Root {
    fn from(r: VoiceResponse) -> Self {
        Root::Voice(r)
    }
}

impl From<MessagingResponse> for Root {
    fn from(r: MessagingResponse) -> Self {
        Root::Messaging(r)
    }
}

impl From<FaxResponse> for Root {
    fn from(r: FaxResponse) -> Self {
        Root::Fax(r)
    }
}

/// A finished response: checked, and ready to render.
///
/// It renders with [`Display`](fmt::Display) (`{}` on one line, `{:#}` indented by two
/// spaces), [`to_xml`](Twiml::to_xml), [`render_into`](Twiml::render_into) a `String` of
/// yours, or [`write_to`](Twiml::write_to) any [`io::Write`]. Rendering cannot fail except
/// through the `io::Write` itself.
///
/// The build step renders the response once, compact with its XML declaration, as it is
/// served (Twilio's size limit is checked on those bytes), and keeps that text: rendering it
/// that way again copies it instead of writing it anew.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Root"))]
pub struct Twiml {
    root: Root,
    warnings: Vec<Diagnostic<NodePath>>,
    overrides: Vec<AppliedOverride>,
    /// The compact XML with its declaration, written once by the build step.
    xml: String,
}

impl Twiml {
    /// Runs the build step over `root` under the baseline policy: every check of the element
    /// table, and the compliance rules that apply to every flow (recording notices, card
    /// data, URL hygiene, carrier-filtered content). Refuses the response with every error
    /// found, or returns it with its warnings.
    ///
    /// # Errors
    ///
    /// [`BuildError::Rejected`] when any finding is an error.
    pub fn build(root: impl Into<Root>) -> Result<Twiml, BuildError> {
        /// The baseline policy, made once: most responses are built under it.
        static BASELINE: Policy = Policy::new();
        Twiml::build_with(root, &BASELINE)
    }

    /// Runs the build step under `policy`: the element table's checks, and every compliance
    /// rule that applies to the policy's regimes and facts, at the policy's levels. The
    /// overrides that applied stay on the response ([`Twiml::overrides`]) as its audit trail.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidPolicy`] when the policy itself is wrong (an unknown rule, an
    /// override without a reason); [`BuildError::Rejected`] when any finding is an error.
    pub fn build_with(root: impl Into<Root>, policy: &Policy) -> Result<Twiml, BuildError> {
        if !policy.problems().is_empty() {
            return Err(BuildError::InvalidPolicy(policy.problems().to_vec()));
        }
        let root = root.into();
        // The response as it is served (compact, with its XML declaration), written once and
        // first: its size is checked on it, rendering it that way later copies it, and the
        // writing tells the checks whether any character needs looking at. Most responses are
        // under a kilobyte: one allocation instead of a handful of regrowths.
        let mut xml = String::with_capacity(1024);
        let written = render_served(&root, &mut xml);
        let mut findings = Vec::new();
        let mut document = ModelDocument::new(&root);
        document.know_written(&written);
        // The checks visit every element: the rules' flow is sized from their count.
        // For a small response, they note what the rules' summary reads as they go.
        let (elements, summary) = check_built(&document, &mut findings, scanned(written.elements));
        document.know_element_count(elements);
        // A small response in which no rule may find anything makes no flow.
        let overrides = if no_rule_may_find(&document, policy, summary.as_ref()) {
            policy_overrides(policy)
        } else {
            check_rules(&document, policy, &mut findings)
        };
        policy.escalate(&mut findings);
        if findings.iter().any(|d| d.severity == Severity::Error) {
            return Err(BuildError::Rejected(findings));
        }
        let root_path = || NodePath {
            element: crate::schema::root_of(root.dialect())
                .spec()
                .name
                .to_string(),
            attribute: None,
        };
        if let Some(too_large) = document_size(xml.len(), root_path) {
            findings.push(too_large);
            return Err(BuildError::Rejected(findings));
        }
        Ok(Twiml {
            root,
            warnings: findings,
            overrides,
            xml,
        })
    }

    /// The response's content.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Gives the content back, to change it and build again.
    pub fn into_root(self) -> Root {
        self.root
    }

    /// Findings that did not stop the build, for the caller to log.
    pub fn warnings(&self) -> &[Diagnostic<NodePath>] {
        &self.warnings
    }

    /// The rules the policy (or a `twiml-allow` comment) turned off for this response, with
    /// their reasons and how many findings each kept from being reported: the audit trail to
    /// log beside the response.
    pub fn overrides(&self) -> &[AppliedOverride] {
        &self.overrides
    }

    /// The XML, on one line, with the XML declaration.
    pub fn to_xml(&self) -> String {
        self.xml.clone()
    }

    /// The XML, on one line, with the XML declaration, as [`to_xml`](Twiml::to_xml) gives it,
    /// taken out of the response instead of copied: for serving it, when the response is not
    /// needed after.
    ///
    /// ```
    /// use twiml::prelude::*;
    ///
    /// let mut response = VoiceResponse::new();
    /// response.say("Hello");
    /// let built = response.build()?;
    /// let copied = built.to_xml();
    /// assert_eq!(built.into_xml(), copied);
    /// # Ok::<(), twiml::BuildError>(())
    /// ```
    pub fn into_xml(self) -> String {
        self.xml
    }

    /// The XML, written as `options` say.
    pub fn to_xml_with(&self, options: &RenderOptions) -> String {
        if *options == RenderOptions::default() {
            return self.xml.clone();
        }
        let mut out = String::with_capacity(self.xml.len() + self.xml.len() / 4);
        self.render_into(&mut out, options);
        out
    }

    /// Appends the XML to `out`.
    pub fn render_into(&self, out: &mut String, options: &RenderOptions) {
        // Writing into a String cannot fail.
        let _ = self.render_fmt(out, options);
    }

    /// Writes the XML to `out`, buffering internally.
    ///
    /// # Errors
    ///
    /// The first error `out` returns.
    pub fn write_to<W: io::Write>(&self, mut out: W, options: &RenderOptions) -> io::Result<()> {
        if *options == RenderOptions::default() {
            return out.write_all(self.xml.as_bytes());
        }
        let mut sink = IoSink::new(out);
        let rendered = self.render_fmt(&mut sink, options);
        sink.finish(rendered)
    }

    fn render_fmt<W: fmt::Write>(&self, out: &mut W, options: &RenderOptions) -> fmt::Result {
        if *options == RenderOptions::default() {
            return out.write_str(&self.xml);
        }
        render_root(&self.root, out, options)
    }
}

/// Writes `root` as `options` say.
fn render_root<W: fmt::Write>(root: &Root, out: &mut W, options: &RenderOptions) -> fmt::Result {
    render_noting(root, out, options).map(|_| ())
}

/// What the writing of a response found, which the build step's checks and rules then need
/// not look for themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Every byte of its text, attribute values and comments is clear of those that may begin
    /// a character XML 1.0 cannot carry.
    pub(crate) only_xml_characters: bool,
    /// How many elements were written.
    pub(crate) elements: usize,
    /// Some text item or escaped attribute value holds three ASCII digits or more.
    pub(crate) three_digits: bool,
    /// Some text item or escaped attribute value is a plain-HTTP URL.
    pub(crate) plain_http: bool,
}

/// Writes `root` as `options` say, and answers what the writing found.
fn render_noting<W: fmt::Write>(
    root: &Root,
    out: &mut W,
    options: &RenderOptions,
) -> Result<Written, fmt::Error> {
    let mut w = Writer::new(out, options)?;
    root.render(&mut w)?;
    w.finish()?;
    Ok(Written {
        only_xml_characters: w.only_xml_characters(),
        elements: w.elements(),
        three_digits: w.holds_three_digits(),
        plain_http: w.holds_plain_http(),
    })
}

/// Appends `root` to `xml` as it is served (compact, with its XML declaration); answers
/// what the writing found: whether every character of its text, attribute values and
/// comments is one XML 1.0 can carry, which the build's checks then need not look at one by
/// one, how many elements it wrote, and whether a text or value holds three digits or more or
/// is a plain-HTTP URL, which the rules on card data and insecure URLs otherwise read every
/// text for.
pub(crate) fn render_served(root: &Root, xml: &mut String) -> Written {
    // Writing into a String cannot fail; were it to, the checks would look at every character
    // and the rules would make their flow and read every text.
    render_noting(root, xml, &RenderOptions::default()).unwrap_or(Written {
        only_xml_characters: false,
        elements: usize::MAX,
        three_digits: true,
        plain_http: true,
    })
}

impl fmt::Display for Twiml {
    /// `{}` writes one line with the XML declaration; `{:#}` indents by two spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut options = RenderOptions::default();
        if f.alternate() {
            options = options.pretty(2);
        }
        self.render_fmt(f, &options)
    }
}

/// A finished response serializes as its [`Root`]; deserializing one runs the build step.
#[cfg(feature = "serde")]
impl serde::Serialize for Twiml {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.root.serialize(s)
    }
}

impl From<Twiml> for Root {
    fn from(t: Twiml) -> Self {
        t.root
    }
}

impl TryFrom<Root> for Twiml {
    type Error = BuildError;

    fn try_from(root: Root) -> Result<Self, BuildError> {
        Twiml::build(root)
    }
}

/// Why a response could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The response breaks checks of the element table or compliance rules. Holds every
    /// finding, errors and warnings, in document order.
    #[error("{}", Listing(.0))]
    Rejected(Vec<Diagnostic<NodePath>>),
    /// The policy itself is wrong: an unknown rule, an override without a reason.
    #[error("the policy is invalid: {}", .0.join("; "))]
    InvalidPolicy(Vec<String>),
}

impl BuildError {
    /// Every finding, errors and warnings, in document order (none for an invalid policy).
    pub fn diagnostics(&self) -> &[Diagnostic<NodePath>] {
        match self {
            BuildError::Rejected(d) => d,
            BuildError::InvalidPolicy(_) => &[],
        }
    }

    /// The findings that stopped the build.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic<NodePath>> {
        self.diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// Lists findings, one per line, errors first counted in the heading.
struct Listing<'a>(&'a [Diagnostic<NodePath>]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        write!(
            f,
            "the response was refused with {errors} error{}",
            if errors == 1 { "" } else { "s" }
        )?;
        for d in self.0 {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

macro_rules! build_methods {
    ($($root:ty),*) => {$(
        impl $root {
            /// Runs the build step under the baseline policy: the element table's checks and
            /// the compliance rules that apply to every flow. See [`Twiml::build`].
            ///
            /// # Errors
            ///
            /// [`BuildError::Rejected`], listing every error, when any check fails.
            pub fn build(self) -> Result<Twiml, BuildError> {
                Twiml::build(self)
            }

            /// Runs the build step under `policy`: the element table's checks and the
            /// compliance rules of the policy's regimes. See [`Twiml::build_with`].
            ///
            /// # Errors
            ///
            /// [`BuildError::InvalidPolicy`] or [`BuildError::Rejected`].
            pub fn build_with(self, policy: &Policy) -> Result<Twiml, BuildError> {
                Twiml::build_with(self, policy)
            }
        }
    )*};
}

build_methods!(VoiceResponse, MessagingResponse, FaxResponse);
