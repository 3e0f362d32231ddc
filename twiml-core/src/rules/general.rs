//! GEN001 and GEN003: opaque audio where a disclosure is required, and plain-HTTP URLs.

use crate::diagnostic::Severity;
use crate::schema::{ElementId, ValueKind};
use crate::tree::{Content, Document, Value};

use super::declare_rule;
use super::detect;
use super::flow::{Event, EventKind, Flow};
use super::payment::{PAY_CALLBACKS, PCI004};
use super::policy::{Disclosure, Level, Regime};
use super::{Findings, RuleInfo};

declare_rule! {
    /// ## What it does
    /// Finds a `<Play>` of an audio URL whose content nobody declared, standing where a disclosure
    /// that an active rule needs should be: before a recording or an AI session that has no spoken
    /// notice (REC001, REC003, REC004), first in an outbound call where the business must be named
    /// (TCPA001), in a call that states no call-back number, opt-out or toll-free number elsewhere
    /// (TCPA002, TCPA003, TCPA004), before the debt where the collector's name, the mini-Miranda or
    /// the debt-collector statement should be (DEBT001, DEBT002, DEBT008), in a voicemail that must
    /// be a limited-content message (DEBT003), or in an AI agent's greeting (AI002). The rules
    /// cannot hear an audio file, so the finding is reported here, as a warning, instead of the
    /// disclosure rule's error. Fix it by speaking the disclosure with `<Say>`, or by declaring
    /// what the file says in the `[audio]` table of `twiml.toml` or with `Policy::declare_audio`,
    /// after which the rules read the `<Play>` like a `<Say>`.
    ///
    /// ## Why is this bad
    /// The disclosures behind this finding are legal requirements: the business name at the
    /// beginning of an artificial or prerecorded message (47 CFR 64.1200(b)(1)) and the recording
    /// notice that all-party consent statutes require before capture (Cal. Penal Code §632.7). An
    /// undeclared audio file may say all of it or none of it, and it can be replaced on the server
    /// without any change to the TwiML. Declaring the content makes the claim reviewable and keeps
    /// it next to the code. A warning.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Play>https://example.com/audio/spring-offer.mp3</Play>
    ///   <Say>To reach us, call 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello, this is Acme Widgets, Inc. with news about our spring offer.</Say>
    ///   <Play>https://example.com/audio/spring-offer.mp3</Play>
    ///   <Say>To reach us, call 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(b)(1) (identification at the beginning of the message)
    /// - Cal. Penal Code §632.7 (all-party consent to recording)
    pub GEN001 {
        name: "undeclared-audio",
        family: General,
        level: Deny,
        reports: "a warning",
        regimes: [],
        needs: [],
        found_in: with_others(),
        example_policy: "outbound; business=Acme Widgets, Inc.",
        summary: "a `<Play>` stands where a disclosure is required and nobody declared what it says",
    }
}

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    insecure_urls(f);
}

/// Whether `disclosure` is given before event `index`: one of `said` (token ranges of the
/// transcript) ends before the event starts, or a `<Play>` before it is declared to say it.
pub(super) fn given_before<D: Document>(
    f: &Findings<'_, '_, D>,
    disclosure: Disclosure,
    said: &[std::ops::Range<u32>],
    index: usize,
) -> bool {
    let flow = f.flow;
    let before = flow.transcript().first_token_at_event(index);
    said.iter().any(|r| r.end <= before)
        // Audio says only what the policy declares it says.
        || f.policy.declared_audio().next().is_some()
            && flow.events[..index.min(flow.events.len())]
            .iter()
            .any(|e| matches!(e.kind, EventKind::Audio { url } if f.policy.audio_says(url).contains(&disclosure)))
}

/// Whether `event` is a `<Play>` whose audio nobody declared, and GEN001 reports such audio
/// (when it does not run, or is allowed, undeclared audio counts as saying nothing).
pub(super) fn is_undeclared_audio<D: Document>(
    f: &Findings<'_, '_, D>,
    event: &Event<'_, D::Node>,
) -> bool {
    matches!(event.kind, EventKind::Audio { url } if f.policy.audio_says(url).is_empty())
        && f.runs(&GEN001)
        && f.policy.level_of(&GEN001) != Level::Allow
}

/// The last `<Play>` before event `index` whose audio nobody declared: it may hold the
/// disclosure that the text does not. When GEN001 does not run (or is allowed), undeclared
/// audio counts as saying nothing, and the disclosure rule reports instead.
pub(super) fn undeclared_audio_before<'f, 'd, D: Document>(
    f: &Findings<'f, 'd, D>,
    index: usize,
) -> Option<&'f Event<'d, D::Node>> {
    let flow: &'f Flow<'d, D> = f.flow;
    flow.heard_before(index)
        .rev()
        .find(|e| is_undeclared_audio(f, e))
}

/// Reports GEN001 for a disclosure that may sit in undeclared audio, instead of the rule that
/// requires it; once per audio element and rule. `report_undeclared!(f, audio, what, rule)`
/// names the disclosure `what` (a literal); its message is made once, at its first use, and
/// borrowed by every finding after (40 a W4 document).
macro_rules! report_undeclared {
    ($f:expr, $audio:expr, $what:literal, $rule:expr) => {{
        static MESSAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let rule: &'static $crate::rules::RuleInfo = $rule;
        $crate::rules::general::report_undeclared_as(
            $f,
            $audio,
            rule,
            MESSAGE.get_or_init(|| $crate::rules::general::undeclared_message($what, rule)),
        )
    }};
}
pub(super) use report_undeclared;

/// GEN001's message for the disclosure `what` that `rule` requires.
pub(super) fn undeclared_message(what: &str, rule: &RuleInfo) -> String {
    [
        what,
        " may be in this audio, but nobody declared what it says (",
        rule.code,
        ")",
    ]
    .concat()
}

/// What [`report_undeclared!`] reports, with its message.
pub(super) fn report_undeclared_as<D: Document>(
    f: &mut Findings<'_, '_, D>,
    audio: &Event<'_, D::Node>,
    rule: &'static RuleInfo,
    message: &'static str,
) {
    if f.undeclared_reported
        .iter()
        .any(|(loc, r)| *loc == audio.loc && std::ptr::eq(*r, rule))
    {
        return;
    }
    f.undeclared_reported.push((audio.loc, rule));
    f.report(&GEN001, Severity::Warning, audio.node, audio.loc, message)
        .help(
            "speak the disclosure with `<Say>`, or declare the audio: `[audio]` in twiml.toml, or `Policy::declare_audio`",
        );
}

declare_rule! {
    /// ## What it does
    /// Checks the callback URLs in the document. It reports `http://` in `action`, `url`,
    /// `statusCallback`, `recordingStatusCallback`, `transcribeCallback`, `amdStatusCallback`,
    /// `waitUrl`, `referUrl`, `partialResultCallback` and `statusCallbackUrl`, and in the URL a
    /// `<Redirect>` fetches. The callbacks of `<Pay>` are reported by PCI004, in payment terms,
    /// while it runs. `ws://` stream URLs are already refused by the attribute value checks, so
    /// this rule does not repeat them.
    ///
    /// ## Why is this bad
    /// Twilio sends call data to these URLs (digits pressed, speech results, recording and
    /// transcription links, payment results), and over plain HTTP anyone on the path can read or
    /// alter it, including the TwiML your server returns. PCI DSS v4.0 Req. 4.2.1 requires strong
    /// cryptography for cardholder data over public networks, and HIPAA requires transmission
    /// security for electronic protected health information (45 CFR 164.312(e)(1)). Serve every
    /// webhook over HTTPS and validate the `X-Twilio-Signature` header. A warning by default; an
    /// error under the payments or healthcare regime, and on `<Pay>`.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="http://example.com/menu">
    ///     <Say>For sales, press 1. For support, press 2.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/menu">
    ///     <Say>For sales, press 1. For support, press 2.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - PCI DSS v4.0 Req. 4.2.1
    /// - 45 CFR 164.312(e)(1) (HIPAA transmission security)
    /// - Twilio, webhook request validation with the `X-Twilio-Signature` header
    pub GEN003 {
        name: "insecure-url",
        family: General,
        level: Deny,
        reports: "a warning; an error under `payments` or `healthcare`, and on `<Pay>`",
        regimes: [],
        needs: [],
        found_in: one_of(&[Redirect, MessagingRedirect]).or_attributes().with_plain_http(),
        example_policy: "",
        summary: "a callback or document URL is plain HTTP",
    }
}

/// GEN003: callbacks and fetched documents over plain HTTP expose call data in transit.
fn insecure_urls<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&GEN003) {
        return;
    }
    let strict = f.policy.applies(Regime::Payments) || f.policy.applies(Regime::Healthcare);
    let pay_hygiene_runs = f.runs(&PCI004) && f.policy.level_of(&PCI004) != Level::Allow;
    let flow = f.flow;
    // A built response whose writing found no plain-HTTP URL has none to report.
    if !flow.doc.may_hold_plain_http() {
        return;
    }
    // It reads attributes, and the text of a redirect: a document with neither has no URL.
    let summary = &flow.summary;
    if !summary.has(ElementId::Redirect)
        && !summary.has(ElementId::MessagingRedirect)
        && !flow.has_attributes()
    {
        return;
    }
    let doc = flow.doc;
    for element in flow.elements.iter().copied() {
        let Some(id) = element.id else { continue };
        let spec = id.spec();
        let on_pay = id == ElementId::Pay;
        // PCI004 reports the callbacks of `<Pay>` in payment terms.
        let pay_reported = on_pay && pay_hygiene_runs;
        for attribute in doc.attributes(element.node) {
            let Some(a) = attribute.spec else { continue };
            if !matches!(a.kind, ValueKind::Url(_))
                || (pay_reported && PAY_CALLBACKS.iter().any(|c| c.name() == a.name))
            {
                continue;
            }
            let Value::Text(url) = attribute.value else {
                continue;
            };
            if !detect::is_plain_http(url) {
                continue;
            }
            let severity = if strict || on_pay {
                Severity::Error
            } else {
                Severity::Warning
            };
            f.report(
                &GEN003,
                severity,
                element.node,
                element.loc,
                format!("`{}` on `<{}>` is a plain-HTTP URL", a.name, spec.name),
            )
            .at_row_attribute(a)
            .help("use `https://`: Twilio sends call data to this URL");
        }
        // A `<Redirect>` fetches the next document with the call's parameters.
        if matches!(id, ElementId::Redirect | ElementId::MessagingRedirect) {
            // Its text, borrowed when it is one piece (as a built `<Redirect>` holds it).
            let mut texts = doc.children(element.node).filter_map(|c| match c {
                Content::Text(t) => Some(t),
                _ => None,
            });
            let url = match (texts.next(), texts.next()) {
                (Some(one), None) => std::borrow::Cow::Borrowed(one),
                (first, second) => std::borrow::Cow::Owned(
                    first
                        .into_iter()
                        .chain(second)
                        .chain(texts)
                        .collect::<String>(),
                ),
            };
            if detect::is_plain_http(&url) {
                let severity = if strict {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                f.report(
                    &GEN003,
                    severity,
                    element.node,
                    element.loc,
                    format!(
                        "`<{}>` fetches the next document over plain HTTP",
                        spec.name
                    ),
                )
                .help("use `https://`: Twilio sends call data to this URL");
            }
        }
    }
}
