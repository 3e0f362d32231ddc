//! PCI001, PCI002, PCI004 and PCI005: card data belongs in `<Pay>`, away from recordings, and
//! never in the document itself.
//!
//! `<Gather>` posts what the caller keys or says to the application's webhook, so a card number
//! taken that way puts the application, its logs and its speech provider in PCI scope; `<Pay>`
//! hands the digits to a payment connector instead. A recording that runs while the caller
//! reads out the card keeps sensitive authentication data after authorisation, which PCI DSS
//! forbids.

use crate::diagnostic::Severity;
use crate::model::values::{PaymentMethod, TokenType};
use crate::schema::{Attr, ElementId, attr};
use crate::tree::{Content, Document, Value};

use super::Findings;
use super::declare_rule;
use super::detect;
use super::flow::{CaptureKind, Event, EventKind, Flow, Kinds};
use super::policy::{Fact, Regime};
use super::text::{Anchors, CARD_ASKED, CardAsk, Concept, Transcript};

/// The attributes of `<Pay>` whose URLs receive the payment's result.
pub(super) const PAY_CALLBACKS: [Attr; 2] = [attr::ACTION, attr::STATUS_CALLBACK];

/// The help line for card data asked for outside `<Pay>`, in English and Spanish.
const PAY_HELP: (&str, &str) = (
    "collect the card with `<Pay>` (customize its wording with `<Prompt for=\"payment-card-number\">`); the digits then go to the payment connector, not to your webhook",
    "tome la tarjeta con `<Pay>` (adapte sus palabras con `<Prompt for=\"payment-card-number\">`); los dígitos van entonces al conector de pagos, no a su webhook",
);

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    let requests = card_requests(f.flow);
    card_data_outside_pay(f, &requests);
    card_entry_during_capture(f, &requests);
    pay_attributes(f);
    literal_card_data(f);
}

/// A spoken request for card data that the caller answers outside `<Pay>`.
struct CardRequest {
    /// The speech event that asks.
    event: usize,
    /// The words that ask.
    tokens: std::ops::Range<u32>,
    /// What it asks for.
    ask: CardAsk,
    /// Where the answer is taken: `in` a `<Gather>`, `before` a `<Gather>`/`<Record>`, or by an
    /// AI agent.
    taken_by: TakenBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TakenBy {
    Gather,
    Record,
    LongGather,
    Agent,
}

/// Finds every spoken request for card or bank data whose answer the document takes with
/// `<Gather>`, `<Record>` or an AI agent, whatever `numDigits` says: the words decide what is
/// asked for, a menu option that names a card asks for a key. Prompts inside `<Pay>` are what
/// `<Pay>` is for.
fn card_requests<D: Document>(flow: &Flow<'_, D>) -> Vec<CardRequest> {
    let mut found = Vec::new();
    // An answer is taken by a `<Gather>`, a `<Record>` or an agent's greeting: a document
    // with none of them asks for nothing the caller can answer outside `<Pay>`, and its
    // words need not be read.
    let takes_input = flow.holds(Kinds::GREETING | Kinds::GATHER | Kinds::MESSAGE_RECORDING);
    if !takes_input {
        return found;
    }
    // Every request names card or bank data, whose words a speech without any of them cannot
    // hold: such a document's words need not be read either, unless another rule has read
    // them already.
    if !flow.words_may_hold(|raw| ASKED.may_hold(raw)) {
        return found;
    }
    let t = flow.transcript();
    for (tokens, ask) in t.card_asks() {
        let i = t.event_of(tokens.start);
        let event = &flow.events[i];
        if event.in_pay || !matches!(event.kind, EventKind::Speech(_)) {
            continue;
        }
        let taken_by = if event.greeting {
            Some(TakenBy::Agent)
        } else if event.gather.is_some() {
            Some(TakenBy::Gather)
        } else {
            input_after(flow, i)
        };
        if let Some(taken_by) = taken_by {
            found.push(CardRequest {
                event: i,
                tokens,
                ask,
                taken_by,
            });
        }
    }
    found
}

/// The elements that take the answer to a spoken request for card data ([`card_requests`]): a
/// `<Gather>` the speech is in, or one or a `<Record>` after it. Speech after the last of them
/// asks for nothing the document takes.
pub(super) const TAKE_THE_ANSWER: &[ElementId] = &[ElementId::Gather, ElementId::Record];

/// The first look at words that may ask for card or bank data: the longest words of the
/// requests' entries.
pub(super) static ASKED: std::sync::LazyLock<Anchors> =
    std::sync::LazyLock::new(|| Anchors::of(CARD_ASKED));

/// What takes input right after the speech at `index`: the next verb (pauses aside), or a
/// later `<Gather>` sized for a card number (13 to 19 digits).
fn input_after<D: Document>(flow: &Flow<'_, D>, index: usize) -> Option<TakenBy> {
    let next = flow.events[index + 1..]
        .iter()
        .position(|e| !matches!(e.kind, EventKind::Pause(_)))
        .map(|j| index + 1 + j);
    match next.map(|j| (j, &flow.events[j].kind)) {
        Some((_, EventKind::Gather { .. })) => return Some(TakenBy::Gather),
        Some((
            _,
            EventKind::Capture {
                kind: CaptureKind::Message { .. },
                ..
            },
        )) => return Some(TakenBy::Record),
        _ => {}
    }
    flow.events[index + 1..]
        .iter()
        .any(|e| {
            matches!(
                e.kind,
                EventKind::Gather {
                    num_digits: Some(13..=19)
                }
            )
        })
        .then_some(TakenBy::LongGather)
}

declare_rule! {
    /// ## What it does
    /// Finds card data asked for through `<Gather>` (keys or speech), `<Record>` or an AI agent's
    /// greeting instead of `<Pay>`. A request is a sentence in which a request verb (enter, type,
    /// key in, say, read, tell, give; ingrese, marque, teclee, diga, dígame, proporcione) takes
    /// card data as its object: the card number, its digits, its expiry or its security code, named
    /// outright ("card number", "CVV", "número de tarjeta") or tied to a payment card by the words
    /// between ("the sixteen digits on the front of your card", "your card's security code", "el
    /// código de tres dígitos que viene al reverso de su plástico"), or the digits of a card the
    /// sentence before named. `numDigits` does not decide: a one-key `<Gather>` that asks for the
    /// card number is reported, and a speech menu is not. Not requests: a menu option that names a
    /// card ("to report a lost debit card, press 2", "para activar su tarjeta, oprima 1 o diga
    /// activar"), a statement about a card ("your replacement card was mailed"), a denied request
    /// ("we will never ask for your card number"), a code sent by text, the card on file, and cards
    /// and numbers that pay nothing (gift, insurance and member cards; member and utility account
    /// numbers). Asking only for the last four digits is reported as info; a bank account or
    /// routing number request is a warning, fixed with `<Pay paymentMethod="ach-debit">`.
    ///
    /// ## Why is this bad
    /// `<Gather>` posts the digits or speech transcript to your webhook, so the card number lands
    /// on your servers and in your logs and both enter PCI DSS scope; speech and `<Record>` put the
    /// data into audio and transcripts as well. PCI DSS v4.0 Req. 3.3.1 forbids keeping sensitive
    /// authentication data after authorization and Req. 3.3.1.2 the card verification code in
    /// particular, and the PCI SSC states that keeping that code in a digital audio recording after
    /// authorization violates the requirement. `<Pay>` collects the digits inside Twilio and hands
    /// them to a Pay Connector, so your application never sees them. Card requests are an error;
    /// bank account prompts are a warning because ACH falls under NACHA rules, not PCI DSS.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="16" finishOnKey="#" action="https://example.com/pay/card">
    ///     <Say>Please enter your credit card number, followed by the pound key.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Pay chargeAmount="49.99" currency="usd" action="https://example.com/pay/result">
    ///     <Prompt for="payment-card-number">
    ///       <Say>Please enter your credit card number, followed by the pound key.</Say>
    ///     </Prompt>
    ///   </Pay>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - PCI DSS v4.0 Req. 3.3.1 and 3.3.1.2 (v3.2.1 Req. 3.2 and 3.2.2)
    /// - PCI SSC FAQ, "Are audio/voice recordings permitted to contain sensitive authentication
    ///   data?":
    ///   <https://www.pcisecuritystandards.org/faq/articles/Frequently_Asked_Question/Are-audio-voice-recordings-permitted-to-contain-sensitive-authentication-data>
    /// - PCI SSC Information Supplement, "Protecting Telephone-Based Payment Card Data"
    /// - Twilio, `<Pay>`: <https://www.twilio.com/docs/voice/twiml/pay>
    /// - Twilio, `<Prompt>`: <https://www.twilio.com/docs/voice/twiml/pay/prompt>
    pub PCI001 {
        name: "card-data-outside-pay",
        family: Payment,
        level: Deny,
        reports: "an error for card data; a warning for bank account data; information for the last four digits",
        regimes: [],
        needs: [],
        found_in: one_of(&[Stream, Conversation, ConversationRelay, VirtualAgent, AiSession, ConversationRelaySession, Assistant])
            .or(asking_for_card(TAKE_THE_ANSWER)),
        example_policy: "",
        summary: "card data is asked for with `<Gather>`, `<Record>` or an AI agent instead of `<Pay>`",
    }
}

/// PCI001: card data asked for outside `<Pay>`.
fn card_data_outside_pay<D: Document>(f: &mut Findings<'_, '_, D>, requests: &[CardRequest]) {
    if !f.runs(&PCI001) || requests.is_empty() {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    for request in requests {
        let how = match request.taken_by {
            TakenBy::Gather => "`<Gather>` takes the answer",
            TakenBy::Record => "`<Record>` records the answer",
            TakenBy::LongGather => "a `<Gather>` sized for a card number takes the answer",
            TakenBy::Agent => "the AI agent takes the answer",
        };
        let words = t.quote(request.tokens.clone());
        let lang = f.lang_of(request.event);
        match request.ask {
            CardAsk::Card => {
                f.report_words(
                    &PCI001,
                    Severity::Error,
                    request.tokens.clone(),
                    format!("\"{words}\" asks for card data and {how}, outside `<Pay>`"),
                )
                .help_in(lang, PAY_HELP.0, PAY_HELP.1);
            }
            CardAsk::Bank => {
                f.report_words(
                    &PCI001,
                    Severity::Warning,
                    request.tokens.clone(),
                    format!("\"{words}\" asks for bank account data and {how}, outside `<Pay>`"),
                )
                .help_in(
                    lang,
                    "collect bank details with `<Pay paymentMethod=\"ach-debit\">`",
                    "tome los datos bancarios con `<Pay paymentMethod=\"ach-debit\">`",
                );
            }
            CardAsk::LastFour => {
                f.report_words(
                    &PCI001,
                    Severity::Info,
                    request.tokens.clone(),
                    format!("\"{words}\" asks for the last digits of a card and {how}"),
                )
                .help_in(
                    lang,
                    "the last four digits may be collected for verification; make sure the prompt cannot draw out the full number",
                    "los últimos cuatro dígitos pueden pedirse para verificar; asegúrese de que la pregunta no obtenga el número completo",
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Finds card entry while something is capturing the call audio. It reports a `<Pay>`, or a
    /// `<Gather>` that asks for card data (a request as PCI001 reads it: "enter your card number",
    /// "diga los dieciséis dígitos de su tarjeta", "grab your card and key in the long number",
    /// "tome su tarjeta y teclee el número largo"; a menu option or a statement about a card is
    /// none), that comes after `<Start><Recording>`, after a `<Start><Stream>`, `<Start><Siprec>`
    /// or `<Start><Transcription>` not yet ended by a matching `<Stop>`, or anywhere in the
    /// document when the policy holds `recording-started`. A `<Stop>` with the same `name` ends a
    /// stream, SIPREC session or transcription; a recording can only be paused through the REST
    /// Recordings resource, not in TwiML.
    ///
    /// ## Why is this bad
    /// Card numbers and security codes entered while a recording, stream or transcription runs end
    /// up in audio files, transcripts or a third party's systems; PCI DSS v4.0 Req. 3.3.1 and
    /// 3.3.1.2 forbid keeping that data after authorization, and the PCI SSC asks merchants to keep
    /// it out of recordings in the first place. A `<Gather>` card request under capture is an
    /// error. A `<Pay>` under capture is a warning because Twilio PCI Mode redacts payment data
    /// captured with `<Pay>` (confirm it covers your configuration), and an error under the
    /// payments regime.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded, transcribed and analyzed.</Say>
    ///   <Start>
    ///     <Transcription name="live-notes" statusCallbackUrl="https://example.com/transcripts"/>
    ///   </Start>
    ///   <Say>Your order total is 49 dollars and 99 cents.</Say>
    ///   <Pay chargeAmount="49.99" currency="usd" action="https://example.com/pay/result"/>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded, transcribed and analyzed.</Say>
    ///   <Start>
    ///     <Transcription name="live-notes" statusCallbackUrl="https://example.com/transcripts"/>
    ///   </Start>
    ///   <Say>Your order total is 49 dollars and 99 cents.</Say>
    ///   <Stop>
    ///     <Transcription name="live-notes"/>
    ///   </Stop>
    ///   <Pay chargeAmount="49.99" currency="usd" action="https://example.com/pay/result"/>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - PCI DSS v4.0 Req. 3.3.1 and 3.3.1.2
    /// - PCI SSC FAQ, "Are audio/voice recordings permitted to contain sensitive authentication
    ///   data?":
    ///   <https://www.pcisecuritystandards.org/faq/articles/Frequently_Asked_Question/Are-audio-voice-recordings-permitted-to-contain-sensitive-authentication-data>
    /// - Twilio, PCI workflows and PCI Mode: <https://www.twilio.com/docs/voice/pci-workflows>
    /// - Twilio, Recordings resource (pause and resume a recording):
    ///   <https://www.twilio.com/docs/voice/api/recording>
    /// - Twilio, `<Pay>`: <https://www.twilio.com/docs/voice/twiml/pay>
    pub PCI002 {
        name: "card-entry-during-capture",
        family: Payment,
        level: Deny,
        reports: "an error for card data given under capture; for `<Pay>` under capture, a warning, or an error under `payments`",
        regimes: [],
        needs: [],
        found_in: one_of(&[Recording, Stream, Siprec, Transcription, Conversation, ConversationRelay, VirtualAgent, AiSession, ConversationRelaySession, Assistant])
            .or(asking_for_card(TAKE_THE_ANSWER))
            .or(when_recording_started(&[Pay])),
        example_policy: "",
        summary: "card data is entered while a recording, stream or transcription runs",
    }
}

/// PCI002: card entry while something captures the call's audio.
fn card_entry_during_capture<D: Document>(f: &mut Findings<'_, '_, D>, requests: &[CardRequest]) {
    if !f.runs(&PCI002) {
        return;
    }
    let flow = f.flow;
    // It reports at a `<Pay>`, or at a request for card data: with neither, nothing.
    if requests.is_empty() && !flow.summary.has(ElementId::Pay) {
        return;
    }
    let mut active: Vec<(usize, Option<&str>)> = Vec::new();
    let already_recording = f.policy.holds(Fact::RecordingStarted);
    let payments = f.policy.applies(Regime::Payments);
    for (i, event) in flow.events.iter().enumerate() {
        match &event.kind {
            EventKind::Capture { kind, name } if kind.persists() => active.push((i, *name)),
            EventKind::Stop { name } => active.retain(|(_, n)| *n != Some(*name)),
            EventKind::Pay => {
                if active.is_empty() && !already_recording {
                    continue;
                }
                let severity = if payments {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let finding = f.report(
                    &PCI002,
                    severity,
                    event.node,
                    event.loc,
                    format!(
                        "`<Pay>` runs while {}",
                        capture_words(flow, &active, already_recording)
                    ),
                );
                finding.help("stop named streams and transcriptions with `<Stop>` before `<Pay>`, and pause the recording through the Recordings API (or rely on a verified PCI Mode redaction)");
                label_captures(finding, flow, &active);
            }
            EventKind::Speech(_) => {
                let asks_for_card = requests.iter().any(|r| {
                    r.event == i && r.ask == CardAsk::Card && r.taken_by != TakenBy::Agent
                });
                if !asks_for_card || (active.is_empty() && !already_recording) {
                    continue;
                }
                let finding = f.report(
                    &PCI002,
                    Severity::Error,
                    event.node,
                    event.loc,
                    format!(
                        "the caller gives card data while {}",
                        capture_words(flow, &active, already_recording)
                    ),
                );
                finding.help("take the card with `<Pay>` after stopping every capture; recordings must not keep card data");
                label_captures(finding, flow, &active);
            }
            _ => {}
        }
    }
}

fn capture_words<D: Document>(
    flow: &Flow<'_, D>,
    active: &[(usize, Option<&str>)],
    already_recording: bool,
) -> &'static str {
    let kind = active
        .first()
        .and_then(|(i, _)| match flow.events[*i].kind {
            EventKind::Capture { kind, .. } => Some(kind),
            _ => None,
        });
    match kind {
        Some(CaptureKind::Recording) => "the call is recorded",
        Some(CaptureKind::Stream) => "a media stream sends the call's audio out",
        Some(CaptureKind::Siprec) => "a SIPREC session sends the call's audio to a recorder",
        Some(CaptureKind::Transcription) => "the call is transcribed",
        _ if already_recording => "the call is recorded (recording started before this document)",
        _ => "the call's audio is captured",
    }
}

fn label_captures<D: Document>(
    finding: &mut super::Finding<D::Node>,
    flow: &Flow<'_, D>,
    active: &[(usize, Option<&str>)],
) {
    for (i, _) in active {
        let capture: &Event<'_, D::Node> = &flow.events[*i];
        finding.label(capture.node, capture.loc, "the capture starts here");
    }
}

declare_rule! {
    /// ## What it does
    /// Checks the attributes of each `<Pay>`. An `action` or `statusCallback` that starts with
    /// `http://` is an error; it reports as info: a `chargeAmount` above zero without a `currency`
    /// (the charge then falls to Twilio's default, reported as `usd`, which is wrong for any other
    /// currency); `tokenType="reusable"` or `tokenType="payment-method"` with no stored-credential
    /// consent wording spoken before the `<Pay>`; `securityCode="false"` or `postalCode="false"`;
    /// and `paymentMethod="ach-debit"`, which needs a NACHA telephone (TEL) authorization.
    ///
    /// ## Why is this bad
    /// The `action` and `statusCallback` requests carry the payment result and token to your
    /// server; PCI DSS v4.0 Req. 4.2.1 requires strong cryptography for cardholder data sent over
    /// public networks, so a plain-HTTP callback is an error. Without `currency` the charge relies
    /// on a default that Twilio does not document reliably (believed to be `usd`), which is wrong
    /// for any other currency. Reusable tokens are stored credentials, which card-network rules
    /// expect the cardholder to agree to; turning off the security code or postal code trades fraud
    /// and address checks for convenience; an ACH debit taken by phone needs an oral authorization
    /// that is recorded or confirmed in writing under the NACHA Operating Rules (confirm the
    /// details against their current edition). Severity per finding: error for `http://`, info for
    /// the rest.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Pay chargeAmount="49.99" action="http://example.com/pay/result"/>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Pay chargeAmount="49.99" currency="usd" action="https://example.com/pay/result" statusCallback="https://example.com/pay/status"/>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - PCI DSS v4.0 Req. 4.2.1 (strong cryptography for transmission over public networks)
    /// - NACHA Operating Rules, TEL entries (oral authorization; not checked against the current edition)
    /// - Twilio, `<Pay>`: <https://www.twilio.com/docs/voice/twiml/pay>
    /// - Twilio, Payments resource: <https://www.twilio.com/docs/voice/api/payment-resource>
    pub PCI004 {
        name: "pay-attribute-hygiene",
        family: Payment,
        level: Deny,
        reports: "an error for a plain-HTTP callback; information for the rest",
        regimes: [],
        needs: [],
        found_in: weakened(&[Pay]),
        example_policy: "",
        summary: "a `<Pay>` attribute weakens the payment flow (plain-HTTP callbacks, skipped fraud checks, stored cards)",
    }
}

/// PCI004: `<Pay>` attributes that weaken the payment flow.
fn pay_attributes<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&PCI004) {
        return;
    }
    let flow = f.flow;
    // Only a `<Pay>` element makes a `Pay` event.
    if !flow.summary.has(ElementId::Pay) {
        return;
    }
    let doc = flow.doc;
    for (i, event) in flow.events.iter().enumerate() {
        if !matches!(event.kind, EventKind::Pay) {
            continue;
        }
        let (node, loc) = (event.node, event.loc);
        for name in PAY_CALLBACKS {
            if plain_http_callback(doc, node, name) {
                f.report(
                    &PCI004,
                    Severity::Error,
                    node,
                    loc,
                    format!(
                        "`{name}` on `<Pay>` is a plain-HTTP URL; payment results travel over it"
                    ),
                )
                .at_attribute(name)
                .help(
                    "use `https://` (PCI DSS Req. 4.2.1: strong cryptography over public networks)",
                );
            }
        }
        if charges_without_currency(doc, node) {
            // A missing currency falls to Twilio's default (reported as `usd`, not confirmed);
            // naming it keeps a charge in another currency from silently becoming dollars.
            f.report(
                &PCI004,
                Severity::Info,
                node,
                loc,
                "`<Pay>` charges an amount without naming its `currency`, leaving it to Twilio's default",
            )
            .at_attribute(attr::CHARGE_AMOUNT)
            .help("add `currency=\"usd\"` (or the charge's currency) to make the currency explicit");
        }
        if stores_card(doc, node) && !consent_to_store_before(flow, i) {
            f.report(
                &PCI004,
                Severity::Info,
                node,
                loc,
                "`<Pay>` stores the card for later use, and no prompt before it asks the caller's consent",
            )
            .at_attribute(attr::TOKEN_TYPE)
            .help("card networks require consent to store credentials: say that the card will be saved for future payments");
        }
        for name in FRAUD_CHECKS {
            if skips_check(doc, node, name) {
                f.report(
                    &PCI004,
                    Severity::Info,
                    node,
                    loc,
                    format!("`{name}=\"false\"` skips a fraud check"),
                )
                .at_attribute(name)
                .help("this is allowed; confirm the processor accepts payments without it");
            }
        }
        if debits_a_bank_account(doc, node) {
            f.report(
                &PCI004,
                Severity::Info,
                node,
                loc,
                "an ACH debit taken by telephone needs the consumer's authorisation under the NACHA rules",
            )
            .at_attribute(attr::PAYMENT_METHOD)
            .help("record the oral authorisation or confirm it in writing before settlement");
        }
    }
}

/// Whether the attributes of `node`, a `<Pay>`, hold anything PCI004 reports: the first look
/// the build step gives a `<Pay>` before it makes a flow (`found_in::weakened`), from the
/// tests PCI004 makes. A card kept for later is reported only without consent wording, which
/// the flow reads.
pub(super) fn may_be_weakened<D: Document>(doc: &D, node: D::Node) -> bool {
    PAY_CALLBACKS
        .iter()
        .any(|&name| plain_http_callback(doc, node, name))
        || charges_without_currency(doc, node)
        || stores_card(doc, node)
        || FRAUD_CHECKS
            .iter()
            .any(|&name| skips_check(doc, node, name))
        || debits_a_bank_account(doc, node)
}

/// The fraud checks a `<Pay>` can turn off.
const FRAUD_CHECKS: [Attr; 2] = [attr::SECURITY_CODE, attr::POSTAL_CODE];

/// Whether the callback `name` of a `<Pay>` is a plain-HTTP URL.
fn plain_http_callback<D: Document>(doc: &D, node: D::Node, name: Attr) -> bool {
    matches!(doc.attribute(node, name), Some(Value::Text(url)) if detect::is_plain_http(url))
}

/// Whether a `<Pay>` charges an amount without naming its currency.
fn charges_without_currency<D: Document>(doc: &D, node: D::Node) -> bool {
    doc.attribute(node, attr::CHARGE_AMOUNT)
        .is_some_and(more_than_zero)
        && doc.attribute(node, attr::CURRENCY).is_none()
}

/// Whether a `<Pay>` keeps the card for later payments (`tokenType`).
fn stores_card<D: Document>(doc: &D, node: D::Node) -> bool {
    doc.attribute(node, attr::TOKEN_TYPE).is_some_and(|v| {
        matches!(
            v.read(),
            Some(TokenType::Reusable | TokenType::PaymentMethod)
        )
    })
}

/// Whether a `<Pay>` turns off the fraud check `name` (`securityCode="false"`).
fn skips_check<D: Document>(doc: &D, node: D::Node, name: Attr) -> bool {
    doc.attribute(node, name)
        .is_some_and(|v| v.as_bool() == Some(false))
}

/// Whether a `<Pay>` debits a bank account (`paymentMethod="ach-debit"`).
fn debits_a_bank_account<D: Document>(doc: &D, node: D::Node) -> bool {
    doc.attribute(node, attr::PAYMENT_METHOD)
        .is_some_and(|v| v.read() == Some(PaymentMethod::AchDebit))
}

/// Whether an amount (`chargeAmount`) reads as a number more than zero. An amount of digits
/// with at most one point, as nearly every amount is written, is more than zero exactly when a
/// digit other than 0 is in it; any other text is parsed.
fn more_than_zero(value: Value<'_>) -> bool {
    if let Value::Text(t) = value {
        let b = crate::grammar::trim(t).as_bytes();
        // Digits, with one point at most among them, and at least one digit. Sixty-four bytes
        // cannot hold a positive amount small enough to read as zero.
        let not_digits = b.iter().filter(|c| !c.is_ascii_digit()).count();
        if b.len() <= 64
            && not_digits < b.len()
            && not_digits <= 1
            && b.iter().filter(|&&c| c == b'.').count() == not_digits
        {
            return b.iter().any(|&c| c.is_ascii_digit() && c != b'0');
        }
    }
    decimal(value).is_some_and(|amount| amount > 0.0)
}

fn decimal(value: Value<'_>) -> Option<f64> {
    match value {
        Value::Text(t) => t.trim().parse().ok(),
        Value::Integer(n) => Some(n as f64),
        _ => None,
    }
}

/// Whether a prompt before or inside the `<Pay>` at `index` asks to keep the card for later.
fn consent_to_store_before<D: Document>(flow: &Flow<'_, D>, index: usize) -> bool {
    let t = flow.transcript();
    t.sentences().iter().any(|sentence| {
        let event = t.event_of(sentence.start);
        let e = &flow.events[event];
        (event < index || e.in_pay)
            && matches!(e.kind, EventKind::Speech(_))
            && asks_to_store(t, sentence.clone())
    })
}

/// Stored-credential consent wording: a sentence about keeping the card that says it serves
/// later payments ("we will save this card for future payments", "guardaremos su tarjeta
/// para sus pagos mensuales").
fn asks_to_store(t: &Transcript, sentence: std::ops::Range<u32>) -> bool {
    t.hits_in(Concept::KeepCard, sentence.clone())
        .next()
        .is_some()
        && t.hits_in(Concept::LaterUse, sentence).next().is_some()
}

declare_rule! {
    /// ## What it does
    /// Looks for card numbers and security codes written into the document. It reports a 13 to 19
    /// digit number (spaces or hyphens allowed between digits) that passes the Luhn check and
    /// starts with a card-issuer prefix (Visa, Mastercard, American Express, Discover, JCB, Diners
    /// Club, UnionPay), wherever it appears: `<Say>` or `<Message>` text, attribute values, URLs
    /// and their query strings, and `<Parameter>` values. It also reports a 3 or 4 digit code next
    /// to "CVV" or "security code" ("código de seguridad"). A well-known test card number such as
    /// 4111 1111 1111 1111 is reported as a warning instead of an error.
    ///
    /// ## Why is this bad
    /// PCI DSS v4.0 Req. 3.3.1 forbids keeping sensitive authentication data such as the card
    /// verification code after authorization, and Req. 3.4.1 and 3.5.1 require the primary account
    /// number to be masked when displayed and unreadable wherever it is stored. TwiML documents,
    /// their URLs and webhook parameters are logged by Twilio's request inspector and debugger and
    /// by your own infrastructure, so a number written into them is stored in clear text in several
    /// places. An error for any other card number or a security code; a warning for a well-known
    /// test number, which should still never reach production.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Thank you. Your payment is being processed.</Say>
    ///   <Redirect>https://example.com/pay/charge?card=4111111111111111</Redirect>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Thank you. Your payment is being processed.</Say>
    ///   <Redirect>https://example.com/pay/charge?order=A1042</Redirect>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - PCI DSS v4.0 Req. 3.3.1, 3.4.1, 3.5.1
    /// - Twilio, `<Pay>` (card data goes to the Pay Connector, your application receives a token):
    ///   <https://www.twilio.com/docs/voice/twiml/pay>
    pub PCI005 {
        name: "literal-card-number",
        family: Payment,
        level: Deny,
        reports: "an error; a warning for a well-known test card number",
        regimes: [],
        needs: [],
        found_in: digits(),
        example_policy: "",
        summary: "a card number or security code is written in the document",
    }
}

/// PCI005: card numbers and security codes written into the document: in what is spoken or
/// texted, read from the flow (where its normalised form is made once for every rule), and in
/// every other text and attribute value.
fn literal_card_data<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&PCI005) {
        return;
    }
    let flow = f.flow;
    let doc = flow.doc;
    // The transcript's security codes, found once, the first time an event may hold one.
    let mut codes: Option<Vec<std::ops::Range<u32>>> = None;
    for (i, event) in flow
        .events_if(Kinds::SPEECH | Kinds::MESSAGE)
        .iter()
        .enumerate()
    {
        let (EventKind::Speech(speech) | EventKind::Message(speech)) = &event.kind else {
            continue;
        };
        // A greeting is an attribute value, read with the attributes below.
        if event.greeting {
            continue;
        }
        // One count of the digits serves both: a card number has 13 or more, a code 3 or more.
        let digits = detect::digits_up_to(speech.raw(), detect::PAN_MIN_DIGITS);
        let pan = if digits >= detect::PAN_MIN_DIGITS {
            detect::pans_counted(speech.raw()).into_iter().next()
        } else {
            None
        };
        if let Some(pan) = pan {
            report_pan(f, event.node, event.loc, pan.test_card);
        } else if digits >= 3 {
            let codes = codes.get_or_insert_with(|| {
                // A code stands next to its name: words that hold no name anywhere hold no
                // code, and need not be read.
                if flow.words_may_hold(detect::may_hold_cvv_cue) {
                    flow.transcript().security_codes()
                } else {
                    Vec::new()
                }
            });
            if codes.is_empty() {
                continue;
            }
            let t = flow.transcript();
            let tokens = t.tokens_of_event(i);
            if let Some(code) = codes.iter().find(|c| tokens.contains(&c.start)).cloned() {
                let words = t.quote(code.clone());
                f.report_words(
                    &PCI005,
                    Severity::Error,
                    code,
                    format!("a card security code is written in the document (\"{words}\")"),
                )
                .help(SECURITY_CODE_HELP);
            }
        }
    }
    // Card data needs three digits in one text or value: a document that knows none holds
    // them (a built response, from its writing) has nothing more to read.
    if !doc.may_hold_three_digits() {
        return;
    }
    // A document without attributes (a `<Say>` alone) has no attribute values to read: only
    // the text of its elements that say no words.
    if !flow.has_attributes() {
        for element in flow.elements.iter().copied() {
            if !super::says_words(element.id) {
                card_data_in_content(f, element.node, element.loc);
            }
        }
        return;
    }
    for element in flow.elements.iter().copied() {
        for attribute in doc.attributes(element.node) {
            let Value::Text(text) = attribute.value else {
                continue;
            };
            let finding = match card_data_in(text) {
                Some(CardData::Number { test_card }) => {
                    report_pan(f, element.node, element.loc, test_card)
                }
                Some(CardData::SecurityCode) => report_security_code(f, element.node, element.loc),
                None => continue,
            };
            // A custom attribute has no `'static` name; its finding points at the element.
            if let Some(spec) = attribute.spec {
                finding.at_row_attribute(spec);
            }
        }
        if super::says_words(element.id) {
            continue;
        }
        card_data_in_content(f, element.node, element.loc);
    }
}

/// PCI005 in the text items of `node`, an element whose text is not said or sent.
#[inline(always)]
fn card_data_in_content<D: Document>(
    f: &mut Findings<'_, '_, D>,
    node: D::Node,
    loc: super::flow::Loc,
) {
    let doc = f.flow.doc;
    for item in doc.children(node) {
        let Content::Text(text) = item else { continue };
        match card_data_in(text) {
            Some(CardData::Number { test_card }) => {
                report_pan(f, node, loc, test_card);
            }
            Some(CardData::SecurityCode) => {
                report_security_code(f, node, loc);
            }
            None => {}
        }
    }
}

/// Card data written in a text.
enum CardData {
    /// A card number; `test_card` for a well-known test number.
    Number { test_card: bool },
    /// A security code next to its name.
    SecurityCode,
}

/// The card number, or else the security code, that `text` holds. Its digits are counted once
/// for both: a text with fewer than three (most attribute values) is not read further.
#[inline]
fn card_data_in(text: &str) -> Option<CardData> {
    // Fewer than three bytes hold fewer than three digits (`loop="1"`, `timeout="20"`).
    if text.len() < 3 {
        return None;
    }
    let digits = detect::digits_up_to(text, detect::PAN_MIN_DIGITS);
    // A code has three digits or more; most text and values have fewer, and are read no
    // further, with no call.
    if digits < 3 {
        return None;
    }
    card_data_counted(text, digits)
}

/// Whether a text that holds `digits` digits (counted up to [`detect::PAN_MIN_DIGITS`]), three
/// or more, may hold card data: digits enough for a card number, or a code's digits and the
/// first look for its name. The first look of [`card_data_counted`], and the build step's at
/// a value before it makes a flow.
pub(super) fn may_hold_card_data(text: &str, digits: usize) -> bool {
    digits >= detect::PAN_MIN_DIGITS || may_hold_code_digits(text) && detect::may_hold_cvv_cue(text)
}

/// [`card_data_in`] of a text that holds `digits` digits (counted up to
/// [`detect::PAN_MIN_DIGITS`]), three or more.
#[inline(never)]
fn card_data_counted(text: &str, digits: usize) -> Option<CardData> {
    // What the first look lets through is read further.
    if !may_hold_card_data(text, digits) {
        return None;
    }
    if digits >= detect::PAN_MIN_DIGITS
        && let Some(pan) = detect::pans_counted(text).into_iter().next()
    {
        return Some(CardData::Number {
            test_card: pan.test_card,
        });
    }
    (may_hold_code_digits(text) && has_security_code(text)).then_some(CardData::SecurityCode)
}

/// Whether `text` may hold the digits of a security code: a code is a number token of one to
/// four digits (written together, or one by one), so in ASCII text a run of at most four
/// digits with no letter against it. A telephone number, or digits inside a word, hold none.
/// Beyond ASCII, characters of other scripts may become digits: always true.
fn may_hold_code_digits(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let against_letter = (start > 0 && bytes[start - 1].is_ascii_alphabetic())
            || bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
        if i - start <= 4 && !against_letter {
            return true;
        }
    }
    false
}

/// Whether `text`, which holds three digits or more, holds a card security code next to its
/// name ("CVV 123", "cvv=737").
fn has_security_code(text: &str) -> bool {
    // The separators replaced below are no part of a name: the test needs no copy.
    if !detect::may_hold_cvv_cue(text) {
        return false;
    }
    // URL queries separate names and values with `=` and `&`; read them as words.
    let spaced = if text.contains(['=', '&', '_']) {
        std::borrow::Cow::Owned(text.replace(['=', '&', '_'], " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    !Transcript::of_text(&spaced).security_codes().is_empty()
}

/// The help line of a security code written in the document.
const SECURITY_CODE_HELP: &str = "never write card data into TwiML: Twilio and your servers log documents; collect it with `<Pay>`";

fn report_security_code<'r, D: Document>(
    f: &'r mut Findings<'_, '_, D>,
    node: D::Node,
    loc: super::flow::Loc,
) -> &'r mut super::Finding<D::Node> {
    f.report(
        &PCI005,
        Severity::Error,
        node,
        loc,
        "a card security code is written in the document",
    )
    .help(SECURITY_CODE_HELP)
}

fn report_pan<'r, D: Document>(
    f: &'r mut Findings<'_, '_, D>,
    node: D::Node,
    loc: super::flow::Loc,
    test_card: bool,
) -> &'r mut super::Finding<D::Node> {
    let (severity, message) = if test_card {
        (
            Severity::Warning,
            "a well-known test card number is written in the document",
        )
    } else {
        (Severity::Error, "a card number is written in the document")
    };
    f.report(&PCI005, severity, node, loc, message).help(
        "never write card numbers into TwiML, URLs or parameters: Twilio and your servers log them",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_more_than_zero_as_its_parse_says() {
        let parsed = |t: &str| decimal(Value::Text(t)).is_some_and(|amount| amount > 0.0);
        let mut amounts: Vec<String> = [
            "",
            " ",
            ".",
            "..",
            "0",
            "00",
            "0.",
            ".0",
            "0.00",
            "000.000",
            "1",
            "01",
            "0.01",
            ".5",
            "5.",
            "49.99",
            " 49.99 ",
            "1.2.3",
            "-1",
            "+1",
            "-0",
            "+0.0",
            "1e3",
            "0e5",
            "1_000",
            "1,000",
            "inf",
            "NaN",
            "infinity",
            "0x10",
            "12a",
            "a12",
            "\u{661}\u{662}",
            "\u{a0}7\u{a0}",
            "7\t",
            "\n0.50",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        // Every text of up to three bytes drawn from digits, points, signs, a letter and a space.
        let alphabet = ["", "0", "1", "9", ".", "-", "+", "e", " "];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    amounts.push(format!("{a}{b}{c}"));
                }
            }
        }
        // Long runs of zeros, around the length the quick reading takes.
        for n in [61, 62, 63, 64, 65, 330, 400] {
            amounts.push(format!("0.{}1", "0".repeat(n)));
            amounts.push(format!("{}1", "0".repeat(n)));
            amounts.push("0".repeat(n));
        }
        for amount in &amounts {
            assert_eq!(
                more_than_zero(Value::Text(amount)),
                parsed(amount),
                "{amount:?}"
            );
        }
        assert!(more_than_zero(Value::Integer(3)));
        assert!(!more_than_zero(Value::Integer(0)));
    }

    #[test]
    fn code_digits_are_found_where_codes_are() {
        for text in [
            "cvv 123",
            "CVV: 7 3 9",
            "code=123&cvv",
            "123 is your CVV",
            "cvv_4321",
        ] {
            assert!(may_hold_code_digits(text), "{text:?}");
        }
        for text in [
            "+15551230000",
            "wwww1928",
            "ref4111",
            "12345",
            "cvv12x",
            "no digits",
        ] {
            assert!(!may_hold_code_digits(text), "{text:?}");
        }
        assert!(!may_hold_code_digits("+15551230000 wwww1928 cvv12345"));
    }

    /// Wherever the transcript finds a security code, the digits' test lets the text through:
    /// random text of digits, letters, separators and the names of codes.
    #[test]
    fn the_digits_test_never_rules_out_a_code() {
        let pieces = [
            "cvv",
            "CVC",
            "security code",
            "1",
            "12",
            "123",
            "1234",
            "12345",
            " ",
            "-",
            ".",
            ",",
            ":",
            "'",
            "=",
            "&",
            "_",
            "a",
            "x9",
            "$",
            "(",
        ];
        let mut rng = crate::test_rng::Xorshift(0x2545_F491_4F6C_DD1D);
        let mut state = rng.0;
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 9 + 1) {
                state = rng.next();
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            if has_security_code(&text) {
                found += 1;
                assert!(may_hold_code_digits(&text), "{text:?}");
            }
        }
        assert!(found > 100, "{found}");
    }
}
