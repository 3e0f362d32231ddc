//! TCPA001-TCPA004 and AI002: what an artificial or prerecorded voice must say on a call the
//! business places (47 CFR 64.1200(b)), and what an AI agent must say about itself.
//!
//! Any outbound document that speaks with `<Say>`, `<Play>` or an AI agent is an artificial-voice
//! call (FCC 24-17 counts AI-generated voices). It must name the business at the beginning, give
//! a telephone number, and, when it sells, offer an automated opt-out within two seconds of the
//! identification; a voicemail must leave a toll-free number for that opt-out.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::model::values::GatherInput;
use crate::schema::{DefaultValue, ElementId, attr};
use crate::tree::{Document, Value};

use super::declare_rule;
use super::flow::{CaptureKind, EventKind, Flow, Kinds, Loc, WORDS_PER_SECOND};
use super::general::{is_undeclared_audio, report_undeclared, undeclared_audio_before};
use super::policy::{Disclosure, Fact, Regime};
use super::text::Concept::{Greeting, IdentityCue, Title};
use super::text::{Kind, OptOut, Transcript, is_premium, is_toll_free};
use super::{Findings, Lang};

/// How late the opt-out may start after the identification (64.1200(b)(3)).
const OPT_OUT_WITHIN_SECONDS: f32 = 2.0;

/// How many words may come before the business's name and still be "the beginning": a
/// greeting and the callee's name (catalog §5).
const NAME_WITHIN_WORDS: usize = 20;

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
    let heard = business_heard(f);
    let at_the_beginning =
        heard.is_some_and(|h| h.at_the_beginning) || f.policy.holds(Fact::BusinessIdentified);
    business_named_first(f, heard, at_the_beginning);
    callback_number(f);
    opt_out(f, heard);
    voicemail_toll_free(f);
}

/// A point in what the caller hears: before a token of the transcript, or after an audio
/// event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// Right before token `.0` (after every token before it).
    At(u32),
    /// Right after the audio of event `.0`.
    AfterAudio(usize),
}

/// Where the business is first named, and whether that is at the beginning of the message.
#[derive(Debug, Clone, Copy)]
struct Heard {
    /// When the name ends.
    end: Moment,
    /// Where the name is in the transcript (none for declared audio).
    tokens: Option<(u32, u32)>,
    /// The name comes at the beginning.
    at_the_beginning: bool,
}

/// Where the business is first named: in the first words heard, or by the first audio when
/// it is declared to name the business.
fn business_heard<D: Document>(f: &Findings<'_, '_, D>) -> Option<Heard> {
    let flow = f.flow;
    let (first_index, first) = flow.first_heard()?;
    if let EventKind::Audio { url } = first.kind
        && f.policy
            .audio_says(url)
            .contains(&Disclosure::BusinessIdentity)
    {
        return Some(Heard {
            end: Moment::AfterAudio(first_index),
            tokens: None,
            at_the_beginning: true,
        });
    }
    let t = flow.transcript();
    let name = t.names(f.policy.business_names()).into_iter().next()?;
    let opening = t.first_token_at_event(first_index);
    let audio_first = matches!(first.kind, EventKind::Audio { .. });
    Some(Heard {
        end: Moment::At(name.end),
        tokens: Some((name.start, name.end)),
        at_the_beginning: !audio_first && named_at_the_beginning(flow, t, opening, name),
    })
}

/// Whether a name said at `name` is "at the beginning of the message" (64.1200(b)(1)): within
/// the first twenty words, in the first sentence or after sentences that only greet and name
/// the callee ("Hi Maria!", "Buenas tardes, señora López."), with nothing else heard first (a
/// menu, the wait for input).
fn named_at_the_beginning<D: Document>(
    flow: &Flow<'_, D>,
    t: &Transcript,
    opening: u32,
    name: Range<u32>,
) -> bool {
    if name.start < opening || t.words_in(opening..name.start) > NAME_WITHIN_WORDS {
        return false;
    }
    // Nothing but speech before the name: no input taken, no audio, no pause of a menu.
    let first_event = t.event_of(opening);
    let name_event = t.event_of(name.start);
    if flow.events[first_event..name_event].iter().any(|e| {
        matches!(
            e.kind,
            EventKind::Input | EventKind::Audio { .. } | EventKind::Dial
        )
    }) {
        return false;
    }
    let sentence = t.sentence_of(name.start);
    t.sentences()
        .iter()
        .filter(|s| s.start >= opening && s.end <= sentence.start)
        .all(|s| only_greets(t, s.clone()))
}

/// Whether a sentence only greets and names someone: greetings, titles, names (capitalised
/// words), identity cues and punctuation.
fn only_greets(t: &Transcript, sentence: Range<u32>) -> bool {
    sentence.clone().all(|i| {
        t.kind(i) == Kind::Symbol
            || t.starts(i, Greeting)
            || t.inside(i, Greeting)
            || t.starts(i, Title)
            || t.starts(i, IdentityCue)
            || t.inside(i, IdentityCue)
            || (t.token(i).capital && !t.starts(i, super::text::Concept::Determiner))
    })
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
    /// ("Hello", "Hi there, how are you?", "hope you're having a great day", "Hola, ¿cómo
    /// está?", "¿Qué onda?", "¿cómo se encuentra?", "mucho gusto", "espero que esté muy bien",
    /// a voicemail's "sorry we missed you" or "disculpe la molestia") or the callee's
    /// name, asked for or not ("Hi Dana", "is this Dana?", "¿hablo con Rosa?"), should precede the
    /// name, as in
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
        found_in: anywhere(),
        example_policy: "outbound; business=Acme Widgets, Inc.",
        summary: "an outbound artificial-voice call does not name the business at the beginning",
    }
}

/// TCPA001: the business must be named at the beginning of the message.
fn business_named_first<D: Document>(
    f: &mut Findings<'_, '_, D>,
    heard: Option<Heard>,
    at_the_beginning: bool,
) {
    if !f.runs(&TCPA001) || at_the_beginning {
        return;
    }
    let flow = f.flow;
    let Some((first_index, first)) = flow.first_heard() else {
        return;
    };
    if is_undeclared_audio(f, first) {
        report_undeclared!(f, first, "the business's name", &TCPA001);
        return;
    }
    let lang = f.lang_of(first_index);
    if f.policy.business_names().is_empty() {
        f.report(
            &TCPA001,
            Severity::Warning,
            first.node,
            first.loc,
            "cannot verify that the call names the business first: the policy names no business",
        )
        .help_in(
            lang,
            "give the business's registered name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`",
            "indique el nombre registrado del negocio: `business-name` en twiml.toml, `--business-name` o `Policy::business_name`",
        );
        return;
    }
    let names = f.policy.business_names().join("\", \"");
    let first_name = f.policy.business_names()[0].clone();
    let t = flow.transcript();
    let opening = t.first_token_at_event(first_index);
    let first_words = t.sentence_of(opening);
    let heard_first = (opening < t.len()).then(|| t.quote(first_words.clone()));
    let message = match (heard.and_then(|h| h.tokens), &heard_first) {
        (Some(_), Some(words)) => format!(
            "the business (\"{names}\") is named only after \"{words}\"; it must come first"
        ),
        (None, Some(words)) => {
            format!("the call never names the business (\"{names}\"); it begins \"{words}\"")
        }
        _ => format!("the call's first words do not name the business (\"{names}\")"),
    };
    let finding = if opening < t.len() {
        f.report_words(&TCPA001, Severity::Error, first_words, message)
    } else {
        f.report(&TCPA001, Severity::Error, first.node, first.loc, message)
    };
    finding.help_in(
        lang,
        format!("begin with the registered name: `<Say>This is {first_name} calling ...</Say>`"),
        format!("comience con el nombre registrado: `<Say language=\"es-US\">Le llama {first_name} ...</Say>`"),
    );
}

/// The digits of a telephone number, without a leading country code 1.
fn national_digits(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_string(),
        _ => digits,
    }
}

/// Every telephone number the caller hears: in the words, however they are said, and in
/// `<say-as interpret-as="telephone">`; as national digits, with whether each is toll-free.
fn numbers_heard<D: Document>(flow: &Flow<'_, D>) -> Vec<String> {
    let mut found: Vec<String> = flow
        .transcript()
        .phones()
        .into_iter()
        .filter(|p| !p.premium())
        .map(|p| p.digits)
        .collect();
    for event in &flow.events {
        if let EventKind::Speech(speech) = &event.kind {
            found.extend(
                speech
                    .telephones()
                    .iter()
                    .map(|t| national_digits(t))
                    .filter(|digits| digits.len() >= 7 && !is_premium(digits)),
            );
        }
    }
    found
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
        found_in: anywhere(),
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
    let declared = flow.holds(Kinds::AUDIO) && flow.events.iter().any(|e| {
        matches!(e.kind, EventKind::Audio { url } if f.policy.audio_says(url).contains(&Disclosure::CallbackNumber))
    });
    if declared {
        return;
    }
    let stated = numbers_heard(flow);
    let Some((node, loc)) = call_anchor(flow) else {
        return;
    };
    let lang = flow.first_heard().map_or(Lang::En, |(i, _)| f.lang_of(i));
    if stated.is_empty() {
        if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
            report_undeclared!(f, audio, "a call-back number", &TCPA002);
            return;
        }
        f.report(
            &TCPA002,
            Severity::Error,
            node,
            loc,
            "the call never states a telephone number the consumer can call back",
        )
        .help_in(
            lang,
            "say a number of the business (not a 900 number): `<Say>Call us at 8 0 0, 5 5 5, 0 1 0 0.</Say>`",
            "diga un número del negocio (no un número 900): `<Say language=\"es-US\">Llámenos al 8 0 0, 5 5 5, 0 1 0 0.</Say>`",
        );
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
            format!(
                "none of the numbers the call states ({}) is one of the business's call-back numbers",
                stated.join(", ")
            ),
        )
        .help_in(
            lang,
            "state a number that reaches the business during business hours, as listed in the policy's call-back numbers",
            "diga un número que comunique con el negocio en horario de oficina, de los números de devolución de llamada de la política",
        );
    }
}

/// The first automated opt-out the caller hears from the beginning of the message: its
/// moment and its words (none for declared audio).
fn first_opt_out<D: Document>(
    f: &Findings<'_, '_, D>,
    opening: u32,
) -> Option<(usize, Option<OptOut>)> {
    let flow = f.flow;
    let t = flow.transcript();
    let said = t
        .opt_outs()
        .into_iter()
        .find(|o| o.tokens.start >= opening)
        .map(|o| (t.event_of(o.tokens.start), Some(o)));
    let played = flow
        .events_if(Kinds::AUDIO)
        .iter()
        .enumerate()
        .find_map(|(i, e)| match e.kind {
            EventKind::Audio { url } if f.policy.audio_says(url).contains(&Disclosure::OptOut) => {
                Some((i, None))
            }
            _ => None,
        });
    match (said, played) {
        (Some(s), Some(p)) => Some(if p.0 < s.0 { p } else { s }),
        (s, p) => s.or(p),
    }
}

/// Estimated seconds of speech, silence and waiting from moment `from` to token `to` (or to
/// event `to_event` when the opt-out is audio), or `None` when audio of unknown length plays
/// between them.
fn seconds_between<D: Document>(
    flow: &Flow<'_, D>,
    from: Moment,
    to: Option<u32>,
    to_event: usize,
) -> Option<f32> {
    let t = flow.transcript();
    let (from_token, from_event) = match from {
        Moment::At(0) => (0, t.segments().first().map_or(0, |s| s.event)),
        Moment::At(token) => (token, t.event_of(token - 1)),
        Moment::AfterAudio(event) => (t.first_token_at_event(event + 1), event),
    };
    let to_token = to.unwrap_or_else(|| t.first_token_at_event(to_event));
    if to_token <= from_token && to_event <= from_event {
        return Some(0.0);
    }
    let mut seconds = t.words_in(from_token..to_token.max(from_token)) as f32 / WORDS_PER_SECOND;
    // Breaks inside the words between.
    for i in from_event..=to_event.min(flow.events.len().saturating_sub(1)) {
        let Some(speech) = flow.speech(i) else {
            continue;
        };
        let tokens = t.tokens_of_event(i);
        for (at, pause) in speech.silences() {
            let token = tokens
                .clone()
                .find(|&k| t.token(k).raw_start as usize >= *at)
                .unwrap_or(tokens.end);
            if token > from_token && token <= to_token {
                seconds += pause;
            }
        }
    }
    for event in &flow.events[(from_event + 1).min(to_event)..to_event] {
        seconds += match &event.kind {
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
    // A message said more than once (`loop`) plays again before what follows it.
    for i in from_event + 1..to_event {
        if let Some(speech) = flow.speech(i)
            && speech.repeats > 1
        {
            seconds += (speech.repeats - 1) as f32 * t.words_in(t.tokens_of_event(i)) as f32
                / WORDS_PER_SECOND;
        }
    }
    Some(seconds)
}

declare_rule! {
    /// ## What it does
    /// Runs on outbound calls under the telemarketing regime. It looks for an automated opt-out
    /// instruction in the audible events, such as "To stop calls from us, press 9", "press 9 to
    /// stop calls", "to opt out, say stop" or, in Spanish, "oprima 9 para no recibir más llamadas".
    /// A call denied as a wish or for the future is an opt-out too ("press 2 and we won't call
    /// again", "if you'd rather not hear from us, press 8", "para que no le volvamos a llamar,
    /// marque 2"), and so is a purpose asked with the key in the answer ("Don't want our calls?
    /// Press 9."), and so is taking the number off the calling list ("to take your number off
    /// our list, press 9", "para excluir su número de futuras llamadas, digite 9", "para cancelar
    /// las llamadas promocionales, oprima 9", "para solicitar que no le llamemos, oprima 9", "para
    /// que no le volvamos a molestar", "si desea que borremos su número"). A call
    /// denied for now ("if you can't take this call, press 2", "si no desea recibir esta llamada en
    /// este momento") and one call back declined ("if
    /// you're not interested in a call back, press 2", "si no le interesa que le devolvamos la
    /// llamada") are none.
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
        found_in: anywhere(),
        example_policy: "telemarketing; outbound; business=Acme Widgets, Inc.",
        summary: "a telemarketing call offers no automated opt-out within two seconds of the identification",
    }
}

/// TCPA003: a telemarketing call must offer an automated opt-out, inside a `<Gather>`, within
/// two seconds of naming the business. The time runs from the name wherever it is said: a
/// name said late is TCPA001's finding, and an opt-out right after it is in time.
fn opt_out<D: Document>(f: &mut Findings<'_, '_, D>, heard: Option<Heard>) {
    if !f.runs(&TCPA003) {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    let Some((first, _)) = flow.first_heard() else {
        return;
    };
    let opening = t.first_token_at_event(first);
    let from = match heard {
        Some(h) => h.end,
        None if opening < t.len() && matches!(flow.events[first].kind, EventKind::Speech(_)) => {
            Moment::At(opening)
        }
        None => Moment::AfterAudio(first),
    };
    let lang = f.lang_of(first);
    let Some((event_index, said)) = first_opt_out(f, opening) else {
        if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
            report_undeclared!(f, audio, "the automated opt-out", &TCPA003);
            return;
        }
        let event = &flow.events[first];
        f.report(
            &TCPA003,
            Severity::Error,
            event.node,
            event.loc,
            "the telemarketing call offers no automated opt-out (a key to press or a word to say)",
        )
        .help_in(
            lang,
            "right after the business's name, inside a `<Gather>`: `To stop calls from us, press 9 now.`",
            "justo después del nombre del negocio, dentro de un `<Gather>`: `Para no recibir más llamadas, oprima 9 ahora.`",
        );
        return;
    };
    let event = &flow.events[event_index];
    let after = if heard.is_some() {
        "the business's name"
    } else {
        "the call begins"
    };
    let to_token = said.as_ref().map(|o| o.tokens.start);
    let seconds = seconds_between(flow, from, to_token, event_index);
    let words = said
        .as_ref()
        .map(|o| t.quote(o.tokens.clone()))
        .unwrap_or_default();
    let lang = said.as_ref().map_or(lang, |o| f.lang_at(o.tokens.start));
    match seconds {
        Some(gap) if gap > OPT_OUT_WITHIN_SECONDS => {
            let message = if words.is_empty() {
                format!("the opt-out starts about {gap:.1} s after {after}; the limit is 2 s")
            } else {
                format!(
                    "the opt-out \"{words}\" starts about {gap:.1} s after {after}; the limit is 2 s"
                )
            };
            let finding = match &said {
                Some(o) => f.report_words(&TCPA003, Severity::Error, o.tokens.clone(), message),
                None => f.report(&TCPA003, Severity::Error, event.node, event.loc, message),
            };
            finding.help_in(
                lang,
                "move the opt-out instruction right after the business's name",
                "ponga la instrucción para darse de baja justo después del nombre del negocio",
            );
            if let Some(Heard {
                tokens: Some((start, end)),
                ..
            }) = heard
                && let Some((node, loc, part)) = flow.words_at(start..end)
            {
                finding.label_part(node, loc, part, "the business is named here");
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
            .help_in(
                lang,
                "speak the opt-out right after the business's name, before any `<Play>`",
                "diga la instrucción para darse de baja justo después del nombre del negocio, antes de cualquier `<Play>`",
            );
            return;
        }
        Some(_) => {}
    }
    let Some(gather) = event.gather else {
        let message = format!(
            "the opt-out \"{words}\" is not inside a `<Gather>`, so the key or word is not taken while it plays"
        );
        let finding = match &said {
            Some(o) => f.report_words(&TCPA003, Severity::Error, o.tokens.clone(), message),
            None => f.report(&TCPA003, Severity::Error, event.node, event.loc, message),
        };
        finding.help_in(
            lang,
            "put the message inside `<Gather numDigits=\"1\" action=\"...\">` and handle the opt-out key in its `action`",
            "ponga el mensaje dentro de `<Gather numDigits=\"1\" action=\"...\">` y atienda la tecla de baja en su `action`",
        );
        return;
    };
    if let Some(o) = &said
        && !gather_takes(flow, gather, o)
    {
        let gather = &flow.events[gather];
        f.report(
            &TCPA003,
            Severity::Error,
            gather.node,
            gather.loc,
            format!("the `<Gather>` around the opt-out does not take the input \"{words}\" asks for"),
        )
        .at_attribute(attr::INPUT)
        .help_in(
            lang,
            "take keys with `input=\"dtmf\"` (the default) and words with `input=\"speech\"`, or `input=\"dtmf speech\"` for both",
            "reciba teclas con `input=\"dtmf\"` (el valor por omisión) y palabras con `input=\"speech\"`, o `input=\"dtmf speech\"` para ambas",
        );
    }
}

/// Whether the `<Gather>` at event `gather` takes what the opt-out instruction asks for: a
/// key press needs `dtmf`, a spoken word needs `speech`; an instruction offering both needs
/// either.
fn gather_takes<D: Document>(flow: &Flow<'_, D>, gather: usize, o: &OptOut) -> bool {
    let input = flow.doc.attribute(flow.events[gather].node, attr::INPUT);
    let dtmf = input.is_none_or(|v| v.holds(GatherInput::Dtmf));
    let speech = input.is_some_and(|v| v.holds(GatherInput::Speech));
    (o.key && dtmf) || (o.word && speech) || (!o.key && !o.word)
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
        found_in: anywhere(),
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
    let numbers = numbers_heard(flow);
    if numbers.iter().any(|n| is_toll_free(n)) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
        report_undeclared!(f, audio, "a toll-free opt-out number", &TCPA004);
        return;
    }
    let Some((node, loc)) = call_anchor(flow) else {
        return;
    };
    let lang = flow.first_heard().map_or(Lang::En, |(i, _)| f.lang_of(i));
    let message = match numbers.first() {
        Some(n) => format!(
            "the voicemail gives no toll-free number for the automated opt-out; {n} has area code {}",
            &n[..3.min(n.len())]
        ),
        None => "the voicemail gives no toll-free number for the automated opt-out".to_string(),
    };
    f.report(&TCPA004, Severity::Error, node, loc, message).help_in(
        lang,
        "say a toll-free number (800, 833, 844, 855, 866, 877, 888) that reaches the opt-out at any hour",
        "diga un número gratuito (800, 833, 844, 855, 866, 877, 888) que lleve a la baja a cualquier hora",
    );
}

declare_rule! {
    /// ## What it does
    /// Runs on any document that hands the call to an AI agent with `<Connect><ConversationRelay>`,
    /// `<Connect><VirtualAgent>`, `<Connect><AiSession>` or `<Connect><ConversationRelaySession>`,
    /// and on every document under the `ai-agent` regime. The greeting (the ConversationRelay
    /// `welcomeGreeting`, or the `<Say>` before `<Connect>`) must say that the caller is talking to
    /// an AI, virtual or automated assistant, a bot or a robot ("virtual assistant", "automated
    /// system", "AI agent", "I'm a bot"; Spanish "asistente virtual", "sistema automatizado",
    /// "agente de inteligencia artificial", "soy un robot", "this call is answered by artificial
    /// intelligence", "soy la inteligencia artificial de ...", "le atiende nuestra IA", "un sistema
    /// de respuesta automática", "un asistente de voz de la tienda impulsado por inteligencia
    /// artificial") and must name one of the policy's
    /// business names, unless the business was named earlier in the call (the `business-identified`
    /// fact). A denial is no disclosure ("No, I'm not a robot", "no soy un sistema automatizado",
    /// "está hablando con una persona real"), while a negation that discloses is one ("I'm not a
    /// real person, I'm the virtual assistant"); words that only look like a disclosure ("digital
    /// banking team", "virtual visit", "consultas virtuales", "automated payments") are none. A
    /// missing AI disclosure is a warning; a missing business name is a warning. On outbound
    /// calls (the `outbound` fact) the missing name is TCPA001's error, reported once there;
    /// when TCPA001 is turned off, AI002 reports it as an error.
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
        reports: "a warning; an error when an outbound agent does not name the business and TCPA001 is turned off",
        regimes: [],
        needs: [],
        found_in: one_of(&[Stream, ConversationRelay, VirtualAgent, AiSession, ConversationRelaySession, Assistant]),
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
    if !flow.holds(Kinds::AI_SESSION | Kinds::STREAM) {
        return;
    }
    let Some(session) = flow.events.iter().position(|e| match e.kind {
        EventKind::Capture { kind, .. } => {
            kind == CaptureKind::AiSession || (regime && kind == CaptureKind::Stream)
        }
        _ => false,
    }) else {
        return;
    };
    // The greeting: what the caller hears before the agent, and the agent's welcome.
    let t = flow.transcript();
    let before = 0..t.first_token_at_event(session);
    let mut greeting: Vec<Range<u32>> = std::iter::once(before).collect();
    for (i, e) in flow.events.iter().enumerate().skip(session) {
        if e.greeting {
            greeting.push(t.tokens_of_event(i));
        }
    }
    let audio: Vec<usize> = flow.events[..session]
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, EventKind::Audio { .. }))
        .map(|(i, _)| i)
        .collect();
    let declared = |d: Disclosure| {
        audio.iter().any(|&i| {
            matches!(flow.events[i].kind, EventKind::Audio { url } if f.policy.audio_says(url).contains(&d))
        })
    };
    let disclosed = declared(Disclosure::AiDisclosure)
        || greeting
            .iter()
            .any(|r| !t.ai_disclosures(r.clone()).is_empty());
    let names = f.policy.business_names();
    let name_hits = t.names(names);
    let named = declared(Disclosure::BusinessIdentity)
        || if names.is_empty() {
            greeting
                .iter()
                .any(|r| t.hits_in(IdentityCue, r.clone()).next().is_some())
        } else {
            name_hits
                .iter()
                .any(|n| greeting.iter().any(|r| r.contains(&n.start)))
        };
    let opaque = audio
        .iter()
        .any(|&i| is_undeclared_audio(f, &flow.events[i]));
    let agent = &flow.events[session];
    let (node, loc) = (agent.node, agent.loc);
    if (!disclosed || !named) && opaque {
        if let Some(&i) = audio
            .iter()
            .find(|&&i| is_undeclared_audio(f, &flow.events[i]))
        {
            report_undeclared!(f, &flow.events[i], "the AI agent's disclosure", &AI002);
        }
        return;
    }
    let greeting_event = flow
        .events
        .iter()
        .enumerate()
        .skip(session)
        .find(|(_, e)| e.greeting)
        .map(|(i, _)| i);
    let lang = greeting_event.map_or_else(|| f.lang_of(session), |i| f.lang_of(i));
    if !disclosed {
        // Quote what the agent says instead, when it says something.
        let said = greeting
            .iter()
            .rev()
            .find(|r| r.start < r.end)
            .map(|r| t.quote(t.sentence_of(r.start)));
        let message = match &said {
            Some(words) => format!(
                "the AI agent's greeting (\"{words}\") does not say that the caller is speaking with an AI"
            ),
            None => "the AI agent's greeting does not say that the caller is speaking with an AI"
                .to_string(),
        };
        let finding = match greeting_event {
            Some(i) if !t.tokens_of_event(i).is_empty() => {
                let event = &flow.events[i];
                f.report(&AI002, Severity::Warning, event.node, event.loc, message)
                    .at_attribute(attr::WELCOME_GREETING)
            }
            _ => f.report(&AI002, Severity::Warning, node, loc, message),
        };
        finding.help_in(
            lang,
            "open with it: `welcomeGreeting=\"Hi, this is the virtual assistant of Acme Widgets, Inc., an automated AI system.\"`",
            "dígalo al empezar: `welcomeGreeting=\"Hola, le atiende el asistente virtual de Acme Widgets, Inc., un sistema de inteligencia artificial.\"`",
        );
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
        .help_in(
            lang,
            "name the business in `welcomeGreeting` or in a `<Say>` before `<Connect>`",
            "nombre el negocio en `welcomeGreeting` o en un `<Say>` antes de `<Connect>`",
        );
    }
}
