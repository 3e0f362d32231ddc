//! TCPA001-TCPA004 and AI002: what an artificial or prerecorded voice must say on a call the
//! business places (47 CFR 64.1200(b)), and what an AI agent must say about itself.
//!
//! Any outbound document that speaks with `<Say>`, `<Play>` or an AI agent is an artificial-voice
//! call (FCC 24-17 counts AI-generated voices). It must name the business at the beginning, give
//! a telephone number, and, when it sells, offer an automated opt-out within two seconds of the
//! identification; a voicemail must leave a toll-free number for that opt-out.

use crate::diagnostic::Severity;
use crate::model::values::GatherInput;
use crate::schema::{DefaultValue, ElementId, attr};
use crate::tree::{Document, Value};

use super::Findings;
use super::declare_rule;
use super::detect::{self, Match};
use super::flow::{CaptureKind, Event, EventKind, Flow, Loc, Speech, WORDS_PER_SECOND, words};
use super::general::{gives, is_undeclared_audio, report_undeclared, undeclared_audio_before};
use super::phrases::{PREMIUM_NPAS, TOLL_FREE_NPAS};
use super::policy::{Disclosure, Fact, Regime};

/// How late the opt-out may start after the identification (64.1200(b)(3)).
const OPT_OUT_WITHIN_SECONDS: f32 = 2.0;

/// How many words may come before the business's name and still be "the beginning": a
/// greeting and the callee's name (catalog §5).
const NAME_WITHIN_WORDS: usize = 20;

/// How many words the sentences before the business's name may hold: a greeting and the
/// callee's name ("Hello, Jane Doe.").
const GREETING_WORDS: usize = 4;

/// Twilio's `<Gather timeout>` when none is given, in seconds, as the table records it.
fn gather_timeout_default() -> f32 {
    match attr::TIMEOUT.on(ElementId::Gather).map(|a| a.default) {
        Some(DefaultValue::Value(seconds)) => seconds.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    ai_agent(f);
    if !f.policy.holds(Fact::Outbound) || !f.flow.is_artificial_voice() {
        return;
    }
    let identification = business_identification(f);
    business_named_first(f, identification);
    callback_number(f);
    opt_out(f, identification);
    voicemail_toll_free(f);
}

/// A point in what the caller hears: an event, and a byte offset in its normalised text.
#[derive(Debug, Clone, Copy)]
struct Moment {
    event: usize,
    offset: usize,
}

/// Where the first audible event names the business, if it does: the moment the name ends.
fn business_identification<D: Document>(f: &Findings<'_, '_, D>) -> Option<Moment> {
    let (index, event) = f.flow.first_heard()?;
    match &event.kind {
        EventKind::Speech(speech) => {
            let text = speech.text();
            let name = detect::business_name(text, f.policy.business_names())?;
            (named_at_the_beginning(text, name.start)).then_some(Moment {
                event: index,
                offset: name.end,
            })
        }
        EventKind::Audio { url } => f
            .policy
            .audio_says(url)
            .contains(&Disclosure::BusinessIdentity)
            .then_some(Moment {
                event: index,
                offset: usize::MAX,
            }),
        _ => None,
    }
}

/// Whether a name starting at `start` is "at the beginning of the message" (64.1200(b)(1)):
/// in the first sentence, or after sentences that hold only a greeting and the callee's
/// name ("Hello, Jane."), and within the first twenty words.
fn named_at_the_beginning(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let sentence_start = detect::sentences(text)
        .find(|s| s.contains(&start) || s.start >= start)
        .map_or(0, |s| s.start.min(start));
    words(before) <= NAME_WITHIN_WORDS && words(&text[..sentence_start]) <= GREETING_WORDS
}

/// Where a finding about the whole call points: its first audible event, or the root.
fn call_anchor<D: Document>(flow: &Flow<'_, D>) -> Option<(D::Node, Loc)> {
    flow.first_heard()
        .map(|(_, e)| (e.node, e.loc))
        .or_else(|| flow.elements.first().map(|e| (e.node, e.loc)))
}

declare_rule! {
    /// ## What it does
    /// Runs on outbound calls (the `outbound` fact). The first audible event of the document (the
    /// first `<Say>`, including one inside `<Gather>`, or a ConversationRelay `welcomeGreeting`)
    /// must contain one of the policy's business names within its first 20 words. Only a greeting
    /// ("Hello", "Hola") or the callee's name should precede the name in that sentence, as in
    /// "Hello Jane, this is Acme Widgets, Inc." or "Le llama Acme Widgets, Inc."; matching ignores
    /// case and accents. When the policy lists no business name, the rule cannot verify the
    /// identification and reports a warning. An undeclared `<Play>` in first place is reported by
    /// GEN001 instead. A document that runs after the business was named earlier in the call (the
    /// `business-identified` fact) has nothing to check.
    ///
    /// ## Why is this bad
    /// Every artificial or prerecorded voice message, and since FCC 24-17 every AI-generated voice,
    /// must state clearly at the beginning the identity of the business responsible for the call,
    /// using the name under which it is registered to do business with the state (47 U.S.C.
    /// §227(d)(3)(A)(i); 47 CFR 64.1200(b)(1)). This applies to informational calls as well as
    /// telemarketing. An error when the business name is missing or late; a warning when the policy
    /// names no business to check against.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Your order has shipped and will arrive on Friday.</Say>
    ///   <Say>This message is from Acme Widgets, Inc. Questions? Call 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello, this is Acme Widgets, Inc. Your order has shipped and will arrive on Friday. Questions? Call 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 U.S.C. §227(d)(3)(A)(i)
    /// - 47 CFR 64.1200(b)(1)
    /// - FCC 24-17, Declaratory Ruling, CG Docket No. 23-362 (AI-generated voices are
    ///   "artificial"): <https://docs.fcc.gov/public/attachments/FCC-24-17A1.pdf>
    pub TCPA001 {
        name: "business-not-identified",
        family: Robocall,
        level: Deny,
        reports: "an error; a warning when the policy names no business",
        regimes: [],
        needs: [Outbound],
        example_policy: "outbound; business=Acme Widgets, Inc.",
        summary: "an outbound artificial-voice call does not name the business at the beginning",
    }
}

/// TCPA001: the business must be named at the beginning of the message.
fn business_named_first<D: Document>(f: &mut Findings<'_, '_, D>, identification: Option<Moment>) {
    if !f.runs(&TCPA001) || identification.is_some() || f.policy.holds(Fact::BusinessIdentified) {
        return;
    }
    let flow = f.flow;
    let Some((_, first)) = flow.first_heard() else {
        return;
    };
    if is_undeclared_audio(f, first) {
        report_undeclared(f, first, "the business's name", &TCPA001);
        return;
    }
    if f.policy.business_names().is_empty() {
        f.report(
            &TCPA001,
            Severity::Warning,
            first.node,
            first.loc,
            "cannot verify that the call names the business first: the policy names no business",
        )
        .help("give the business's registered name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`");
        return;
    }
    let names = f.policy.business_names().join("\", \"");
    let first_name = f.policy.business_names()[0].clone();
    f.report(
        &TCPA001,
        Severity::Error,
        first.node,
        first.loc,
        format!("the call's first words do not name the business (\"{names}\")"),
    )
    .help(format!(
        "begin with the registered name: `<Say>This is {first_name} calling ...</Say>`"
    ));
}

/// The digits of a telephone number, without a leading country code 1.
fn national_digits(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_string(),
        _ => digits,
    }
}

/// The numbers marked `<say-as interpret-as="telephone">`, as national digits (seven or more).
fn marked_telephones<'s>(speech: &'s Speech<'_>) -> impl Iterator<Item = String> + 's {
    speech
        .telephones
        .iter()
        .map(|t| national_digits(t))
        .filter(|digits| digits.len() >= 7)
}

/// A North American number on a pay-per-call prefix (900, 976), which is no call-back number.
fn is_premium(national: &str) -> bool {
    national.len() == 10 && PREMIUM_NPAS.iter().any(|npa| national.starts_with(npa))
}

/// A North American toll-free number.
fn is_toll_free(national: &str) -> bool {
    national.len() == 10 && TOLL_FREE_NPAS.iter().any(|npa| national.starts_with(npa))
}

declare_rule! {
    /// ## What it does
    /// Runs on outbound calls (the `outbound` fact) and looks for a telephone number anywhere in
    /// the audible events: `<Say>` text (including inside `<Gather>` and `<Pay><Prompt>`) and a
    /// ConversationRelay `welcomeGreeting`. A number counts when written as digits
    /// ("1-800-555-0100", "(800) 555-0100"), spaced for text-to-speech ("8 0 0, 5 5 5, 0 1 0 0"),
    /// spoken as ten digit words in English or Spanish ("eight zero zero…", "ocho cero cero…"), or
    /// marked with `<say-as interpret-as="telephone">`. Numbers in the 900 and 976 pay-per-call
    /// ranges do not count. No number at all is an error; when the policy lists call-back numbers
    /// and the document states only other numbers, the rule reports a warning.
    ///
    /// ## Why is this bad
    /// During or after every artificial or prerecorded voice message the caller must state clearly
    /// a telephone number of the business, not the number of the dialer that placed the call and
    /// not a 900 or other above-toll number (47 U.S.C. §227(d)(3)(A)(ii); 47 CFR 64.1200(b)(2)).
    /// For telemarketing to residential lines the number must also take do-not-call requests during
    /// regular business hours for the whole campaign. An error when no number is stated; a warning
    /// when none of the stated numbers is one of the policy's call-back numbers.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello, this is Acme Widgets, Inc. Your order has shipped and will arrive on Friday. Thank you.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello, this is Acme Widgets, Inc. Your order has shipped and will arrive on Friday. To reach us, call 8 0 0, 5 5 5, 0 1 0 0.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 U.S.C. §227(d)(3)(A)(ii)
    /// - 47 CFR 64.1200(b)(2)
    pub TCPA002 {
        name: "no-callback-number",
        family: Robocall,
        level: Deny,
        reports: "an error; a warning when no stated number is one of the policy's",
        regimes: [],
        needs: [Outbound],
        example_policy: "outbound; business=Acme Widgets, Inc.",
        summary: "an outbound artificial-voice call states no telephone number of the business",
    }
}

/// TCPA002: the message must state a telephone number of the business.
fn callback_number<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&TCPA002) {
        return;
    }
    let flow = f.flow;
    let mut stated: Vec<String> = Vec::new();
    let mut declared = false;
    for event in &flow.events {
        match &event.kind {
            EventKind::Speech(speech) => {
                stated.extend(
                    detect::phone_numbers(speech.text())
                        .into_iter()
                        .filter(|n| !n.premium)
                        .map(|n| national_digits(&n.digits)),
                );
                stated.extend(marked_telephones(speech).filter(|n| !is_premium(n)));
            }
            EventKind::Audio { url } => {
                declared |= f
                    .policy
                    .audio_says(url)
                    .contains(&Disclosure::CallbackNumber);
            }
            _ => {}
        }
    }
    if declared {
        return;
    }
    let Some((node, loc)) = call_anchor(flow) else {
        return;
    };
    if stated.is_empty() {
        if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
            report_undeclared(f, audio, "a call-back number", &TCPA002);
            return;
        }
        f.report(
            &TCPA002,
            Severity::Error,
            node,
            loc,
            "the call never states a telephone number the consumer can call back",
        )
        .help("say a number of the business (not a 900 number): `<Say>Call us at 8 0 0, 5 5 5, 0 1 0 0.</Say>`");
        return;
    }
    let known: Vec<String> = f
        .policy
        .callback_numbers()
        .iter()
        .map(|n| national_digits(n))
        .collect();
    if !known.is_empty() && !stated.iter().any(|n| known.contains(n)) {
        f.report(
            &TCPA002,
            Severity::Warning,
            node,
            loc,
            "none of the numbers the call states is one of the business's call-back numbers",
        )
        .help("state a number that reaches the business during business hours, as listed in the policy's call-back numbers");
    }
}

/// Where the first automated opt-out instruction starts, from `from` on.
fn first_opt_out<D: Document>(f: &Findings<'_, '_, D>, from: usize) -> Option<Moment> {
    f.flow
        .events
        .iter()
        .enumerate()
        .skip(from)
        .find_map(|(i, e)| match &e.kind {
            EventKind::Speech(speech) => {
                detect::optout_voice(speech.text()).map(|m: Match| Moment {
                    event: i,
                    offset: m.start,
                })
            }
            EventKind::Audio { url } if f.policy.audio_says(url).contains(&Disclosure::OptOut) => {
                Some(Moment {
                    event: i,
                    offset: 0,
                })
            }
            _ => None,
        })
}

/// Estimated seconds of speech, silence and waiting between two moments, or `None` when audio
/// of unknown length plays between them.
fn seconds_between<D: Document>(flow: &Flow<'_, D>, from: Moment, to: Moment) -> Option<f32> {
    // Speech between two byte offsets of an event's text: its words, and the breaks among them.
    let spoken = |event: &Event<'_, D::Node>, range: std::ops::Range<usize>| match &event.kind {
        EventKind::Speech(speech) => {
            let text = speech.text();
            let start = range.start.min(text.len());
            let end = range.end.min(text.len()).max(start);
            let words_before = |at: usize| text.get(..at).map_or(0, words);
            let (first_word, last_word) = (words_before(start), words_before(end));
            (last_word - first_word) as f32 / WORDS_PER_SECOND
                + speech.pauses_between(first_word, last_word)
        }
        _ => 0.0,
    };
    if from.event == to.event {
        return Some(spoken(&flow.events[from.event], from.offset..to.offset));
    }
    let mut seconds = spoken(&flow.events[from.event], from.offset..usize::MAX);
    for event in &flow.events[from.event + 1..to.event] {
        seconds += match &event.kind {
            EventKind::Speech(speech) => speech.seconds() * speech.repeats.max(1) as f32,
            EventKind::Pause(s) => *s,
            EventKind::Audio { .. } => return None,
            EventKind::Input => flow
                .doc
                .attribute(event.node, attr::TIMEOUT)
                .and_then(|v| match v {
                    Value::Integer(n) => Some(n as f32),
                    Value::Text(t) => t.trim().parse().ok(),
                    _ => None,
                })
                .unwrap_or_else(gather_timeout_default),
            _ => 0.0,
        };
    }
    Some(seconds + spoken(&flow.events[to.event], 0..to.offset))
}

declare_rule! {
    /// ## What it does
    /// Runs on outbound calls under the telemarketing regime. It looks for an automated opt-out
    /// instruction in the audible events, such as "To stop calls from us, press 9", "press 9 to
    /// stop calls", "to opt out, say stop" or, in Spanish, "oprima 9 para no recibir más llamadas".
    /// It reports the call when there is no such instruction; when the instruction starts more than
    /// 2 seconds after the end of the business name, estimated at 2.5 words per second plus any
    /// `<Pause>` or `<break>`; and when the instruction is not spoken inside a `<Gather>` that
    /// accepts the key or word it names (`input="dtmf"` for a key, `input="speech"` for a word).
    ///
    /// ## Why is this bad
    /// A prerecorded or artificial voice message that includes or introduces an advertisement or
    /// constitutes telemarketing must offer an automated, interactive voice or key-press opt-out
    /// mechanism, with brief instructions, within two seconds of providing the identification;
    /// using it must put the number on the seller's do-not-call list and end the call immediately
    /// (47 CFR 64.1200(b)(3)). The Telemarketing Sales Rule also requires the opt-out to be
    /// announced at the outset, preceded only by the prompt disclosures (16 CFR 310.4(b)(1)(v)(B)).
    /// Anything spoken between the name and the opt-out, even the sales-purpose disclosure the TSR
    /// allows there, can push it past two seconds, and an opt-out read outside a `<Gather>` cannot
    /// take the key press. Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/optout-or-continue">
    ///     <Say>This is Acme Widgets, Inc. We are calling with a special offer on home security systems. To stop calls from us, press 9 now. To reach us, call 1-800-555-0100.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/optout-or-continue">
    ///     <Say>This is Acme Widgets, Inc. To stop calls from us, press 9 now. We are calling with a special offer on home security systems. To reach us, call 1-800-555-0100.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(b)(3)
    /// - 16 CFR 310.4(b)(1)(v)(B) (Telemarketing Sales Rule, prerecorded messages)
    /// - 16 CFR 310.4(d) (prompt oral disclosures)
    pub TCPA003 {
        name: "late-or-missing-opt-out",
        family: Robocall,
        level: Deny,
        reports: "an error; a warning when audio of unknown length stands between the name and the opt-out",
        regimes: [Telemarketing],
        needs: [Outbound],
        example_policy: "telemarketing; outbound; business=Acme Widgets, Inc.",
        summary: "a telemarketing call offers no automated opt-out within two seconds of the identification",
    }
}

/// TCPA003: a telemarketing call must offer an automated opt-out, inside a `<Gather>`, within
/// two seconds of naming the business.
fn opt_out<D: Document>(f: &mut Findings<'_, '_, D>, identification: Option<Moment>) {
    if !f.runs(&TCPA003) {
        return;
    }
    let flow = f.flow;
    let Some((first, _)) = flow.first_heard() else {
        return;
    };
    let from = identification.unwrap_or(Moment {
        event: first,
        offset: 0,
    });
    let Some(opt_out) = first_opt_out(f, from.event) else {
        if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
            report_undeclared(f, audio, "the automated opt-out", &TCPA003);
            return;
        }
        let event = &flow.events[from.event];
        f.report(
            &TCPA003,
            Severity::Error,
            event.node,
            event.loc,
            "the telemarketing call offers no automated opt-out",
        )
        .help("right after the business's name, inside a `<Gather>`: `To stop calls from us, press 9 now.`");
        return;
    };
    let event = &flow.events[opt_out.event];
    let after = if identification.is_some() {
        "the business's name"
    } else {
        "the call begins"
    };
    match seconds_between(flow, from, opt_out) {
        Some(gap) if gap > OPT_OUT_WITHIN_SECONDS => {
            let finding = f.report(
                &TCPA003,
                Severity::Error,
                event.node,
                event.loc,
                format!("the opt-out starts about {gap:.1} s after {after}; the limit is 2 s"),
            );
            finding.help("move the opt-out instruction right after the business's name");
            if from.event != opt_out.event {
                let start = &flow.events[from.event];
                finding.label(start.node, start.loc, "the identification ends here");
            }
            return;
        }
        None => {
            f.report(
                &TCPA003,
                Severity::Warning,
                event.node,
                event.loc,
                format!("cannot estimate how soon the opt-out follows {after}: audio of unknown length plays between"),
            )
            .help("speak the opt-out right after the business's name, before any `<Play>`");
            return;
        }
        Some(_) => {}
    }
    let Some(gather) = event.gather else {
        f.report(
            &TCPA003,
            Severity::Error,
            event.node,
            event.loc,
            "the opt-out instruction is not inside a `<Gather>`, so the key or word is not taken while it plays",
        )
        .help("put the message inside `<Gather numDigits=\"1\" action=\"...\">` and handle the opt-out key in its `action`");
        return;
    };
    if let EventKind::Speech(speech) = &event.kind
        && !gather_takes(flow, gather, speech.text())
    {
        let gather = &flow.events[gather];
        f.report(
            &TCPA003,
            Severity::Error,
            gather.node,
            gather.loc,
            "the `<Gather>` around the opt-out does not take the input the instruction asks for",
        )
        .at_attribute(attr::INPUT)
        .help("take keys with `input=\"dtmf\"` (the default) and words with `input=\"speech\"`, or `input=\"dtmf speech\"` for both");
    }
}

/// Whether the `<Gather>` at event `gather` takes what the opt-out instruction in `text` asks
/// for: a key press ("press 9", "oprima 9") needs `dtmf`, a spoken word ("say stop", "diga
/// alto") needs `speech`; an instruction offering both needs either.
fn gather_takes<D: Document>(flow: &Flow<'_, D>, gather: usize, text: &str) -> bool {
    let input = flow.doc.attribute(flow.events[gather].node, attr::INPUT);
    let dtmf = input.is_none_or(|v| v.holds(GatherInput::Dtmf));
    let speech = input.is_some_and(|v| v.holds(GatherInput::Speech));
    let Some(m) = detect::optout_voice(text) else {
        return true;
    };
    let instruction = text.get(m.start..m.end).unwrap_or(text);
    let asks_key = [
        "press", "push", "dial", "oprim", "pulse", "pulsa", "marque", "marca", "presion", "teclee",
    ]
    .iter()
    .any(|w| instruction.contains(w));
    let asks_word = ["say", "diga"].iter().any(|w| instruction.contains(w));
    (asks_key && dtmf) || (asks_word && speech) || (!asks_key && !asks_word)
}

declare_rule! {
    /// ## What it does
    /// Runs on outbound telemarketing calls whose message is left on an answering machine or
    /// voicemail (the `voicemail` fact, for example the `machine_end_*` branch after Twilio
    /// answering machine detection). It looks in the audible events for a toll-free number, one
    /// whose area code is 800, 833, 844, 855, 866, 877 or 888, in any form the phone-number check
    /// recognises ("1-800-555-0100", "8 0 0, 5 5 5, 0 1 0 0", spoken digits in English or Spanish,
    /// `<say-as interpret-as="telephone">`). A message with no number, or only local or other
    /// non-toll-free numbers, is reported.
    ///
    /// ## Why is this bad
    /// A key-press opt-out does not work for someone listening to a recorded message later, so a
    /// prerecorded telemarketing message left on an answering machine or voicemail must also give a
    /// toll-free number that lets the called person call back and reach the automated opt-out
    /// mechanism directly (47 CFR 64.1200(b)(3), last sentence; see also 16 CFR 310.4(b)(1)(v)(B)).
    /// The number you state must actually route to that opt-out for the duration of the campaign;
    /// the rule checks only that a toll-free number is spoken. Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/optout-or-continue">
    ///     <Say>This is Acme Widgets, Inc. To stop calls from us, press 9 now. We are calling about our spring sale on home security systems. To reach us, call 1-212-555-0100.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/optout-or-continue">
    ///     <Say>This is Acme Widgets, Inc. To stop calls from us, press 9 now, or call 1-800-555-0100 at any time. We are calling about our spring sale on home security systems.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(b)(3) (toll-free opt-out number in answering-machine messages)
    /// - 16 CFR 310.4(b)(1)(v)(B)
    /// - Twilio, `<Dial>` (`<Number machineDetection>`, answering machine detection):
    ///   <https://www.twilio.com/docs/voice/twiml/dial>
    pub TCPA004 {
        name: "voicemail-without-toll-free-opt-out",
        family: Robocall,
        level: Deny,
        reports: "an error",
        regimes: [Telemarketing],
        needs: [Outbound, Voicemail],
        example_policy: "telemarketing; outbound; voicemail; business=Acme Widgets, Inc.",
        summary: "a telemarketing voicemail gives no toll-free number for the automated opt-out",
    }
}

/// TCPA004: a telemarketing voicemail must give a toll-free number that reaches the opt-out.
fn voicemail_toll_free<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&TCPA004) {
        return;
    }
    let flow = f.flow;
    let toll_free = flow.events.iter().any(|e| match &e.kind {
        EventKind::Speech(speech) => {
            detect::phone_numbers(speech.text())
                .iter()
                .any(|n| n.toll_free)
                || marked_telephones(speech).any(|n| is_toll_free(&n))
        }
        _ => false,
    });
    if toll_free {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
        report_undeclared(f, audio, "a toll-free opt-out number", &TCPA004);
        return;
    }
    let Some((node, loc)) = call_anchor(flow) else {
        return;
    };
    f.report(
        &TCPA004,
        Severity::Error,
        node,
        loc,
        "the voicemail gives no toll-free number for the automated opt-out",
    )
    .help("say a toll-free number (800, 833, 844, 855, 866, 877, 888) that reaches the opt-out at any hour");
}

declare_rule! {
    /// ## What it does
    /// Runs on any document that hands the call to an AI agent with `<Connect><ConversationRelay>`,
    /// `<Connect><VirtualAgent>`, `<Connect><AiSession>` or `<Connect><ConversationRelaySession>`,
    /// and on every document under the `ai-agent` regime. The greeting (the ConversationRelay
    /// `welcomeGreeting`, or the `<Say>` before `<Connect>`) must say that the caller is talking to
    /// an AI, virtual or automated assistant ("virtual assistant", "automated system", "AI agent";
    /// Spanish "asistente virtual", "sistema automatizado", "inteligencia artificial") and must
    /// name one of the policy's business names, unless the business was named earlier in the call
    /// (the `business-identified` fact). A missing AI disclosure is a warning; a missing business
    /// name is an error on outbound calls (the `outbound` fact) and a warning otherwise.
    ///
    /// ## Why is this bad
    /// The FCC treats AI-generated voices as "artificial" voices under the TCPA (FCC 24-17), so an
    /// outbound AI agent must state the business's identity at the beginning of the call (47 CFR
    /// 64.1200(b)(1)). Utah's Artificial Intelligence Policy Act (S.B. 149, 2024, amended by S.B.
    /// 226, 2025) requires disclosure that the consumer is dealing with AI when asked, and
    /// proactively at the start for regulated occupations in high-risk interactions; the FCC has
    /// proposed an AI disclosure at the start of AI-generated calls (FCC 24-84 NPRM, 89 FR 73321),
    /// not yet adopted. Because parts of this are still marked for verification in the catalog, the
    /// rule's default level is `warn`. Setting `welcomeGreetingInterruptible="none"` keeps barge-in
    /// from cutting the disclosure short.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Connect>
    ///     <ConversationRelay url="wss://example.com/relay" welcomeGreeting="Hi! How can I help you today?"/>
    ///   </Connect>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hi, you have reached the virtual assistant for Acme Widgets, Inc. This call may be recorded and transcribed.</Say>
    ///   <Connect>
    ///     <ConversationRelay url="wss://example.com/relay" welcomeGreeting="I am an automated AI system for Acme Widgets, Inc. How can I help you today?"/>
    ///   </Connect>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(b)(1); 47 U.S.C. §227(d)(3)(A)(i)
    /// - FCC 24-17, Declaratory Ruling, CG Docket No. 23-362:
    ///   <https://docs.fcc.gov/public/attachments/FCC-24-17A1.pdf>
    /// - FCC 24-84, Notice of Proposed Rulemaking on AI-generated calls, 89 FR 73321 (Sept. 10,
    ///   2024): <https://www.govinfo.gov/content/pkg/FR-2024-09-10/html/2024-19028.htm>
    /// - Utah Artificial Intelligence Policy Act, S.B. 149 (2024), as amended by S.B. 226 (2025),
    ///   Utah Code Title 13 (the section numbers were not confirmed)
    pub AI002 {
        name: "ai-agent-not-identified",
        family: Ai,
        level: Warn,
        reports: "a warning; an error when an outbound agent does not name the business",
        regimes: [],
        needs: [],
        example_policy: "business=Acme Widgets, Inc.",
        summary: "an AI agent does not say, at the outset, which business it speaks for and that it is AI",
    }
}

/// AI002: an AI agent must say, at the outset, that it is an AI and whom it speaks for.
fn ai_agent<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&AI002) {
        return;
    }
    let flow = f.flow;
    let regime = f.policy.applies(Regime::AiAgent);
    let Some(session) = flow.events.iter().position(|e| match e.kind {
        EventKind::Capture { kind, .. } => {
            kind == CaptureKind::AiSession || (regime && kind == CaptureKind::Stream)
        }
        _ => false,
    }) else {
        return;
    };
    // The greeting: what the caller hears before the agent and the agent's welcome.
    let greeting: Vec<&Event<'_, D::Node>> = flow
        .events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            matches!(e.kind, EventKind::Speech(_) | EventKind::Audio { .. })
                && (*i < session || e.greeting)
        })
        .map(|(_, e)| e)
        .collect();
    let says = |disclosure: Disclosure, detect: &dyn Fn(&str) -> bool| {
        greeting.iter().any(|e| gives(f, e, disclosure, detect))
    };
    let names = f.policy.business_names();
    let disclosed = says(Disclosure::AiDisclosure, &|t| {
        detect::ai_disclosure(t).is_some()
    });
    let named = if names.is_empty() {
        says(Disclosure::BusinessIdentity, &|t| {
            detect::identity_cue(t).is_some()
        })
    } else {
        says(Disclosure::BusinessIdentity, &|t| {
            detect::business_name(t, names).is_some()
        })
    };
    let opaque = greeting.iter().any(|e| is_undeclared_audio(f, e));
    let agent = &flow.events[session];
    let (node, loc) = (agent.node, agent.loc);
    if (!disclosed || !named) && opaque {
        if let Some(audio) = greeting.iter().find(|e| is_undeclared_audio(f, e)) {
            report_undeclared(f, audio, "the AI agent's disclosure", &AI002);
        }
        return;
    }
    if !disclosed {
        f.report(
            &AI002,
            Severity::Warning,
            node,
            loc,
            "the AI agent's greeting does not say that the caller is speaking with an AI",
        )
        .help("open with it: `welcomeGreeting=\"Hi, this is the virtual assistant of Acme Widgets, Inc., an automated AI system.\"`");
    }
    // On an outbound call TCPA001 already requires the name first, as an error.
    let named = named
        || f.policy.holds(Fact::BusinessIdentified)
        || (f.policy.holds(Fact::Outbound) && f.runs(&TCPA001));
    if !named {
        let severity = if f.policy.holds(Fact::Outbound) {
            Severity::Error
        } else {
            Severity::Warning
        };
        f.report(
            &AI002,
            severity,
            node,
            loc,
            "the AI agent's greeting does not name the business it speaks for",
        )
        .help("name the business in `welcomeGreeting` or in a `<Say>` before `<Connect>`");
    }
}
