//! GEN001 and GEN003: opaque audio where a disclosure is required, and plain-HTTP URLs.

use crate::diagnostic::Severity;
use crate::schema::ValueKind;
use crate::tree::{Document, Value};

use super::Findings;
use super::flow::{Event, EventKind, Flow};
use super::policy::{Disclosure, Level, Regime};
use super::registry::{GEN001, GEN003, PCI004};

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    insecure_urls(f);
}

/// Whether an audible event gives `disclosure`: a `<Say>` whose text `detect` finds, or a
/// `<Play>` declared to say it.
pub(super) fn gives<D: Document>(
    f: &Findings<'_, '_, D>,
    event: &Event<'_, D::Node>,
    disclosure: Disclosure,
    detect: impl Fn(&str) -> bool,
) -> bool {
    match &event.kind {
        EventKind::Speech(speech) | EventKind::Message(speech) => detect(speech.text()),
        EventKind::Audio { url } => f.policy.audio_says(url).contains(&disclosure),
        _ => false,
    }
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
/// requires it; once per audio element and rule.
pub(super) fn report_undeclared<D: Document>(
    f: &mut Findings<'_, '_, D>,
    audio: &Event<'_, D::Node>,
    what: &str,
    rule: &'static str,
) {
    if f.undeclared_reported.contains(&(audio.loc, rule)) {
        return;
    }
    f.undeclared_reported.push((audio.loc, rule));
    f.report(
        &GEN001,
        Severity::Warning,
        audio.node,
        audio.loc,
        format!("{what} may be in this audio, but nobody declared what it says ({rule})"),
    )
    .help(
        "speak the disclosure with `<Say>`, or declare the audio: `[audio]` in twiml.toml, or `Policy::declare_audio`",
    );
}

/// GEN003: callbacks and fetched documents over plain HTTP expose call data in transit.
fn insecure_urls<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&GEN003) {
        return;
    }
    let strict = f.policy.applies(Regime::Payments) || f.policy.applies(Regime::Healthcare);
    let pay_hygiene_runs = f.runs(&PCI004) && f.policy.level_of(&PCI004) != Level::Allow;
    let flow = f.flow;
    let doc = flow.doc;
    for element in flow.elements.iter().copied() {
        let Some(id) = element.id else { continue };
        let spec = id.spec();
        let on_pay = id == crate::schema::ElementId::Pay;
        // PCI004 reports the callbacks of `<Pay>` in payment terms.
        let pay_reported = on_pay && pay_hygiene_runs;
        for attribute in doc.attributes(element.node) {
            let Some(a) = attribute.spec else { continue };
            if !matches!(a.kind, ValueKind::Url(_))
                || (pay_reported && matches!(a.name, "action" | "statusCallback"))
            {
                continue;
            }
            let Value::Text(url) = attribute.value else {
                continue;
            };
            if !is_plain_http(url) {
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
            .at_attribute(a.name)
            .help("use `https://`: Twilio sends call data to this URL");
        }
        // A `<Redirect>` fetches the next document with the call's parameters.
        if matches!(
            id,
            crate::schema::ElementId::Redirect | crate::schema::ElementId::MessagingRedirect
        ) {
            let url: String = doc
                .children(element.node)
                .filter_map(|c| match c {
                    crate::tree::Content::Text(t) => Some(t),
                    _ => None,
                })
                .collect();
            if is_plain_http(&url) {
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

/// Whether `url` uses plain HTTP.
pub(super) fn is_plain_http(url: &str) -> bool {
    let url = url.trim();
    url.len() >= 7 && url.as_bytes()[..7].eq_ignore_ascii_case(b"http://")
}
