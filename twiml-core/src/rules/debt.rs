//! DEBT001-DEBT004, DEBT008 and DEBT009: what a debt collector's call or message must say, and
//! what it must not (FDCPA, 15 U.S.C. 1692; Regulation F, 12 CFR Part 1006).
//!
//! "Debt content" is any mention of the debt: the word, a balance, an amount. The disclosures
//! themselves ("this is an attempt to collect a debt") mention it too, so the rules that ask
//! whether a disclosure came *before* the debt read each text with its disclosures blanked out.

use crate::diagnostic::Severity;
use crate::tree::Document;

use super::Findings;
use super::declare_rule;
use super::detect::{self, Match};
use super::flow::{Event, EventKind, Flow, Loc};
use super::general::{report_undeclared, undeclared_audio_before};
use super::policy::{Disclosure, Fact, Regime};

const MINI_MIRANDA_HELP: &str = "say first: `This is an attempt to collect a debt, and any information obtained will be used for that purpose.` (`Este es un intento de cobrar una deuda y cualquier información obtenida será utilizada para ese fin.`)";

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.policy.applies(Regime::DebtCollection) {
        return;
    }
    threats(f);
    if f.policy.holds(Fact::Voicemail) {
        // A voicemail is judged as a limited-content message, which must carry no disclosure
        // and no debt content; the rules for conversations would ask for the opposite.
        limited_content(f);
        return;
    }
    let script = Script::read(f);
    mini_miranda(f, &script);
    collector_statement(f, &script);
    before_verification(f, &script);
    collector_named(f, &script);
}

/// Where the disclosures and the debt first appear, by event and offset.
struct Script {
    /// The first mention of the debt outside a disclosure.
    debt: Option<(usize, Match)>,
    /// The first mention of the debt, disclosures included.
    anything: Option<(usize, Match)>,
    /// Where the mini-Miranda is complete: both of its parts said.
    mini_miranda: Option<(usize, usize)>,
    /// Where either part of the mini-Miranda, or "this is a debt collector", is first said.
    collector: Option<(usize, usize)>,
    /// Where the business is first named.
    named: Option<(usize, usize)>,
}

/// Whether a point (event, offset) comes strictly before another.
fn before(a: Option<(usize, usize)>, b: (usize, usize)) -> bool {
    a.is_some_and(|a| a < b)
}

impl Script {
    fn read<D: Document>(f: &Findings<'_, '_, D>) -> Script {
        let mut script = Script {
            debt: None,
            anything: None,
            mini_miranda: None,
            collector: None,
            named: None,
        };
        let (mut attempt, mut information) = (None, None);
        for (i, event) in f.flow.events.iter().enumerate() {
            match &event.kind {
                EventKind::Speech(speech) | EventKind::Message(speech) => {
                    let text = speech.text();
                    let mm = detect::mini_miranda(text);
                    let dc = detect::debt_collector_statement(text);
                    attempt = attempt.or(mm.attempt_to_collect.map(|m| (i, m.end)));
                    information = information.or(mm.information_use.map(|m| (i, m.end)));
                    let first_part = [mm.attempt_to_collect, mm.information_use, dc]
                        .into_iter()
                        .flatten()
                        .map(|m| m.end)
                        .min();
                    script.collector = script.collector.or(first_part.map(|end| (i, end)));
                    if script.named.is_none() {
                        script.named = detect::business_name(text, f.policy.business_names())
                            .map(|m| (i, m.end));
                    }
                    script.anything = script
                        .anything
                        .or(detect::debt_content(text).map(|m| (i, m)));
                    if script.debt.is_none() {
                        let masked = blank_out(
                            text,
                            [mm.attempt_to_collect, mm.information_use, dc]
                                .into_iter()
                                .flatten()
                                .chain(collector_titles(text)),
                        );
                        script.debt = detect::debt_content(&masked).map(|m| (i, m));
                    }
                }
                EventKind::Audio { url } => {
                    let says = f.policy.audio_says(url);
                    let end = (i, usize::MAX);
                    if says.contains(&Disclosure::MiniMiranda) {
                        attempt = attempt.or(Some(end));
                        information = information.or(Some(end));
                        script.collector = script.collector.or(Some(end));
                    }
                    if says.contains(&Disclosure::DebtCollector) {
                        script.collector = script.collector.or(Some(end));
                    }
                    if says.contains(&Disclosure::BusinessIdentity) {
                        script.named = script.named.or(Some(end));
                    }
                }
                _ => {}
            }
        }
        script.mini_miranda = match (attempt, information) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        script
    }
}

/// "A debt collector" names what the caller is, not the consumer's debt: the catalog's own
/// opening is "This is {Company}, a debt collector." Those words are not debt content.
fn collector_titles(text: &str) -> impl Iterator<Item = Match> + '_ {
    const TITLES: [&str; 5] = [
        "debt collector",
        "debt collection agency",
        "cobrador de deudas",
        "cobradora de deudas",
        "agencia de cobranza",
    ];
    TITLES.into_iter().flat_map(move |title| {
        text.match_indices(title).map(|(start, t)| Match {
            start,
            end: start + t.len(),
        })
    })
}

/// The text with the matched ranges replaced by spaces, offsets unchanged.
fn blank_out(text: &str, ranges: impl Iterator<Item = Match>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in ranges {
        let end = m.end.min(bytes.len());
        for b in bytes.iter_mut().take(end).skip(m.start) {
            *b = b' ';
        }
    }
    // Blanking whole matches of normalised text keeps it UTF-8 unless a match splits a
    // character; fall back to a lossy copy then.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn event_at<'f, 'd, D: Document>(flow: &'f Flow<'d, D>, index: usize) -> &'f Event<'d, D::Node> {
    &flow.events[index]
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime on initial communications (when the policy does not
    /// hold `subsequent`). When the document's audible or message content mentions the debt (debt,
    /// past due, balance, amount owed, you owe, a dollar amount such as "245 dollars" or "$245";
    /// Spanish "deuda", "saldo pendiente", "usted debe"), the mini-Miranda must come before that
    /// mention. The mini-Miranda has two parts and both are required: "this is an attempt to
    /// collect a debt" and "any information obtained will be used for that purpose" (Spanish "este
    /// es un intento de cobrar una deuda" and "cualquier información obtenida será utilizada para
    /// ese fin"). A document that never mentions the debt is not reported, nor one that runs
    /// after the mini-Miranda was given earlier in the same call (the `mini-miranda-given` fact,
    /// which a checked flow derives from its paths).
    ///
    /// ## Why is this bad
    /// In the initial communication with the consumer a debt collector must disclose that it is
    /// attempting to collect a debt and that any information obtained will be used for that
    /// purpose, orally as well when the first contact is a call (15 U.S.C. §1692e(11); 12 CFR
    /// 1006.18(e)(1)). Section 1692e(11) lists the failure to disclose as a violation in itself,
    /// with no need to show that anyone was misled. Say it only after the consumer's identity is
    /// verified (see DEBT004), and never in a voicemail (see DEBT003). Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. Our records show a past-due balance of 245 dollars on your account.</Say>
    ///   <Gather numDigits="1" action="https://example.com/collect/options">
    ///     <Say>To discuss a payment plan, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose.</Say>
    ///   <Say>Our records show a past-due balance of 245 dollars on your account.</Say>
    ///   <Gather numDigits="1" action="https://example.com/collect/options">
    ///     <Say>To discuss a payment plan, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692e(11)
    /// - 12 CFR 1006.18(e)(1) (Regulation F):
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    /// - 12 CFR 1006.34(b)(2) (definition of initial communication, validation context)
    pub DEBT001 {
        name: "missing-mini-miranda",
        family: Debt,
        level: Deny,
        reports: "an error",
        regimes: [DebtCollection],
        needs: [],
        example_policy: "debt-collection; right-party-verified; business=Acme Recovery",
        summary: "an initial debt-collection communication lacks the mini-Miranda disclosure",
    }
}

/// DEBT001: an initial communication must give the mini-Miranda before the debt.
fn mini_miranda<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT001)
        || f.policy.holds(Fact::Subsequent)
        || f.policy.holds(Fact::MiniMirandaGiven)
    {
        return;
    }
    let Some((index, debt)) = script.debt else {
        return;
    };
    if before(script.mini_miranda, (index, debt.start)) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared(f, audio, "the mini-Miranda", &DEBT001);
        return;
    }
    let event = event_at(f.flow, index);
    f.report(
        &DEBT001,
        Severity::Error,
        event.node,
        event.loc,
        "the debt is mentioned before the mini-Miranda disclosure is complete",
    )
    .help(MINI_MIRANDA_HELP);
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime when the policy holds `subsequent` (the initial
    /// communication already gave the mini-Miranda). When the document mentions the debt (debt,
    /// past due, balance, amount owed, you owe, a dollar amount; Spanish "deuda", "saldo
    /// pendiente", "usted debe"), an earlier audible or message event must say that the
    /// communication is from a debt collector: "this communication is from a debt collector", "this
    /// call is from a debt collector", "we are a debt collector" (Spanish "esta comunicación es de
    /// un cobrador de deudas"). The full mini-Miranda also satisfies the rule.
    ///
    /// ## Why is this bad
    /// Every communication after the initial one must disclose that it is from a debt collector (15
    /// U.S.C. §1692e(11); 12 CFR 1006.18(e)(2)). The shorter statement replaces the full
    /// mini-Miranda in later communications but cannot be dropped, and it applies to text messages
    /// and emails as well as calls. Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. We are following up on the balance due on your account.</Say>
    ///   <Gather numDigits="1" action="https://example.com/collect/options">
    ///     <Say>To make a payment now, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. This communication is from a debt collector. We are following up on the balance due on your account.</Say>
    ///   <Gather numDigits="1" action="https://example.com/collect/options">
    ///     <Say>To make a payment now, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692e(11)
    /// - 12 CFR 1006.18(e)(2) (Regulation F):
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    pub DEBT002 {
        name: "missing-debt-collector-statement",
        family: Debt,
        level: Deny,
        reports: "an error",
        regimes: [DebtCollection],
        needs: [Subsequent],
        example_policy: "debt-collection; subsequent; right-party-verified; business=Acme Recovery",
        summary: "a subsequent debt-collection communication does not say it is from a debt collector",
    }
}

/// DEBT002: a subsequent communication must say it is from a debt collector.
fn collector_statement<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT002) {
        return;
    }
    let Some((index, debt)) = script.debt else {
        return;
    };
    if before(script.collector, (index, debt.start)) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared(f, audio, "the debt-collector statement", &DEBT002);
        return;
    }
    let event = event_at(f.flow, index);
    f.report(
        &DEBT002,
        Severity::Error,
        event.node,
        event.loc,
        "the debt is mentioned before the call says it is from a debt collector",
    )
    .help("say first: `This communication is from a debt collector.` (`Esta comunicación es de un cobrador de deudas.`)");
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime on outbound calls (the `outbound` fact) unless the
    /// policy holds `right-party-verified`. Until the document knows it is speaking to the
    /// consumer, it must not mention the debt (debt, past due, balance, amount owed, you owe;
    /// Spanish "deuda", "saldo pendiente", "usted debe"), state an amount, or speak the
    /// mini-Miranda ("attempt to collect a debt", "intento de cobrar una deuda"), because each of
    /// these tells the listener the call is about a debt. Any of them in the document is reported.
    /// Ask for the consumer by name in a `<Gather>` and speak about the debt only in the `action`
    /// document reached after the consumer confirms.
    ///
    /// ## Why is this bad
    /// Whoever answers an outbound call may not be the consumer, and a collector may not
    /// communicate about the debt with third parties (15 U.S.C. §1692c(b); 12 CFR 1006.6(d)(1)); a
    /// collector contacting someone else to locate the consumer may not state that the consumer
    /// owes a debt (15 U.S.C. §1692b). Verifying the right party first keeps the debt, the amount
    /// and the collection disclosures away from family members, roommates and co-workers. Always an
    /// error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose. You owe 245 dollars. Please call us at 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/collect/verified">
    ///     <Say>Hello, this is Acme Recovery with a message for Jane Doe. If you are Jane Doe, press 1 now.</Say>
    ///   </Gather>
    ///   <Say>If Jane Doe is not available, please ask her to call us back at 1-800-555-0100. Goodbye.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692c(b); 12 CFR 1006.6(d)(1):
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    /// - 15 U.S.C. §1692b (location information)
    pub DEBT004 {
        name: "debt-content-before-verification",
        family: Debt,
        level: Deny,
        reports: "an error",
        regimes: [DebtCollection],
        needs: [Outbound],
        example_policy: "debt-collection; outbound; business=Acme Recovery",
        summary: "an outbound call mentions the debt before the consumer's identity is verified",
    }
}

/// DEBT004: on an outbound call, nothing about the debt before the consumer is verified.
fn before_verification<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT004) || f.policy.holds(Fact::RightPartyVerified) {
        return;
    }
    let first = [script.anything.map(|(i, m)| (i, m.start)), script.collector]
        .into_iter()
        .flatten()
        .min();
    let Some((index, _)) = first else {
        return;
    };
    let event = event_at(f.flow, index);
    f.report(
        &DEBT004,
        Severity::Error,
        event.node,
        event.loc,
        "the debt is revealed before the consumer's identity is verified; whoever answers hears it",
    )
    .help("ask for the consumer by name in a `<Gather>` (\"Press 1 if you are Jane Doe\") and speak about the debt only in its `action` document, then declare `right-party-verified` there");
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime. It finds the first mention of the debt in the audible
    /// or message content (debt, past due, balance, amount owed, you owe, a dollar amount; Spanish
    /// "deuda", "saldo pendiente", "usted debe") and reports it when none of the policy's business
    /// names has been spoken before it. The name must come first, as in "Hello Jane, this is Acme
    /// Recovery." or "Le habla Acme Recovery."; matching ignores case and accents. A document that
    /// runs after the collector was named earlier in the call (the `business-identified` fact) has
    /// nothing to check.
    ///
    /// ## Why is this bad
    /// A debt collector may not place telephone calls without meaningful disclosure of the caller's
    /// identity (15 U.S.C. §1692d(6); 12 CFR 1006.14(g)). A consumer who hears about a debt before
    /// hearing who is calling cannot judge whether the call is legitimate or a scam. A
    /// limited-content voicemail satisfies the requirement for that voicemail (see DEBT003). Always
    /// an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your balance of 245 dollars is past due.</Say>
    ///   <Say>This call is from Acme Recovery.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose.</Say>
    ///   <Say>Your balance of 245 dollars is past due.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692d(6)
    /// - 12 CFR 1006.14(g) (Regulation F):
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    pub DEBT008 {
        name: "collector-not-identified",
        family: Debt,
        level: Deny,
        reports: "an error; a warning when the policy names no business",
        regimes: [DebtCollection],
        needs: [],
        example_policy: "debt-collection; right-party-verified; business=Acme Recovery",
        summary: "a debt-collection call does not name the collector before the debt",
    }
}

/// DEBT008: the collector must be named before the debt.
fn collector_named<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT008) || f.policy.holds(Fact::BusinessIdentified) {
        return;
    }
    let Some((index, debt)) = script.debt else {
        return;
    };
    let event = event_at(f.flow, index);
    if f.policy.business_names().is_empty() {
        f.report(
            &DEBT008,
            Severity::Warning,
            event.node,
            event.loc,
            "cannot verify that the collector is named before the debt: the policy names no business",
        )
        .help("give the collector's name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`");
        return;
    }
    if before(script.named, (index, debt.start)) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared(f, audio, "the collector's name", &DEBT008);
        return;
    }
    let first_name = f.policy.business_names()[0].clone();
    f.report(
        &DEBT008,
        Severity::Error,
        event.node,
        event.loc,
        "the debt is mentioned before the collector names itself",
    )
    .help(format!(
        "begin with the name: `This is {first_name}, a debt collector.`"
    ));
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime and reads spoken content (`<Say>`, including inside
    /// `<Gather>` and `<Pay><Prompt>`, and a ConversationRelay `welcomeGreeting`) and texted
    /// content (`<Message>`, `<Body>`). It reports threatening words: arrest, jail, prison, police,
    /// warrant, criminal, lawsuit, legal action, sue you, attorney, garnish, seize, repossess, ruin
    /// your credit, and Spanish "arresto", "cárcel", "policía", "demanda", "acción legal",
    /// "embargo", "abogado". Everyday phrases that hold such a word are not reported: "sin embargo"
    /// (however), "alta demanda" (high demand), and asking whether the consumer is represented by
    /// an attorney, which a collector must respect. Each hit is a prompt for legal review of the
    /// script.
    ///
    /// ## Why is this bad
    /// A debt collector may not threaten arrest or imprisonment, threaten action it cannot legally
    /// take or does not intend to take, or falsely imply that the consumer committed a crime (15
    /// U.S.C. §1692e(4), (5) and (7); 12 CFR 1006.18(b)–(c)), and may not sue or threaten to sue on
    /// a time-barred debt (12 CFR 1006.26(b)). An automated script repeats the same threat on every
    /// call, so one bad sentence becomes a violation per call. A warning, because such a statement
    /// can be lawful when it is true and the action is actually intended.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose.</Say>
    ///   <Say>If you do not pay 245 dollars today, we will sue you and garnish your wages.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hello Jane, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose.</Say>
    ///   <Gather numDigits="1" action="https://example.com/collect/options">
    ///     <Say>Your balance is 245 dollars. To set up a payment plan, press 1. To speak with a representative, press 2.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692e(3), (4), (5), (7); 15 U.S.C. §1692d
    /// - 12 CFR 1006.18(b)–(c) (Regulation F):
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    /// - 12 CFR 1006.26(b) (time-barred debts)
    pub DEBT009 {
        name: "threatening-language",
        family: Debt,
        level: Deny,
        reports: "a warning",
        regimes: [DebtCollection],
        needs: [],
        example_policy: "debt-collection; right-party-verified; business=Acme Recovery",
        summary: "a debt-collection script threatens arrest, suit or seizure",
    }
}

/// DEBT009: threats of arrest, suit or seizure are flagged for legal review.
fn threats<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&DEBT009) {
        return;
    }
    let flow = f.flow;
    for event in &flow.events {
        let (EventKind::Speech(speech) | EventKind::Message(speech)) = &event.kind else {
            continue;
        };
        let text = speech.text();
        let Some(threat) = detect::threat(text) else {
            continue;
        };
        let words = text.get(threat.start..threat.end).unwrap_or("").to_string();
        f.report(
            &DEBT009,
            Severity::Warning,
            event.node,
            event.loc,
            format!("the script threatens the consumer (\"{words}\")"),
        )
        .help("a collector may mention legal action only if it is true, lawful and intended (15 U.S.C. 1692e(4), (5)); have counsel review the wording");
    }
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime when the policy holds `voicemail`. The message must be
    /// a limited-content message: it must name one of the policy's business names that does not
    /// reveal debt collection (no "collect", "collection", "recovery", "debt" or "credit" in the
    /// name; Spanish "cobro", "cobranza", "deuda"), ask the consumer to call back ("please call us
    /// back", "please return this call"; Spanish "llámenos", "devuelva la llamada"), and give a
    /// telephone number. It must not say anything about the debt (debt, past due, balance, you owe;
    /// "deuda", "saldo pendiente"), must not contain the mini-Miranda or "this communication is
    /// from a debt collector", and must not state an amount.
    ///
    /// ## Why is this bad
    /// A voicemail can be heard by a roommate, family member or employer, and telling a third party
    /// about a consumer's debt is prohibited (15 U.S.C. §1692c(b); 12 CFR 1006.6(d)(1)); courts
    /// treat such voicemails as communications that then also need the mini-Miranda (*Foti v. NCO
    /// Financial Systems*, 424 F. Supp. 2d 643 (S.D.N.Y. 2006)). Regulation F resolves the conflict
    /// with the limited-content message of 12 CFR 1006.2(j): a business name that does not indicate
    /// debt collection, a request to reply, the name of one or more natural persons to contact, and
    /// a telephone number, plus optional items such as a salutation and the date and time. Such a
    /// message is not a communication, so it carries no debt information and no §1006.18(e)
    /// disclosures. Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Hi, this is Robin Smith from ABC Services calling about your past-due account. Please call me back at 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Hi, this is Robin Smith from ABC Services. Please call me or Jim Johnson back at 1-800-555-0100. Thank you.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 12 CFR 1006.2(j) (limited-content message) and comment 2(d)-2:
    ///   <https://www.consumerfinance.gov/rules-policy/regulations/1006/>
    /// - 15 U.S.C. §1692c(b); 12 CFR 1006.6(d)(1) (communication with third parties)
    /// - 12 CFR 1006.18(e) (disclosures a limited-content message does not trigger)
    /// - *Foti v. NCO Financial Systems*, 424 F. Supp. 2d 643 (S.D.N.Y. 2006)
    pub DEBT003 {
        name: "voicemail-not-limited-content",
        family: Debt,
        level: Deny,
        reports: "an error",
        regimes: [DebtCollection],
        needs: [Voicemail],
        example_policy: "debt-collection; voicemail; business=ABC Services",
        summary: "a debt-collection voicemail says more than a limited-content message may",
    }
}

/// DEBT003: a voicemail may be only a limited-content message (12 CFR 1006.2(j)).
fn limited_content<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&DEBT003) {
        return;
    }
    let flow = f.flow;
    let names = f.policy.business_names();
    let (mut named, mut reply, mut number) = (false, false, false);
    for event in &flow.events {
        match &event.kind {
            EventKind::Speech(speech) => {
                let text = speech.text();
                if let Some(m) = detect::business_name(text, names) {
                    named = true;
                    let name = text.get(m.start..m.end).unwrap_or("");
                    if detect::collection_sounding(name) {
                        report_content(
                            f,
                            event.node,
                            event.loc,
                            format!("the name \"{name}\" reveals that the caller collects debts"),
                        );
                    }
                }
                reply |= detect::reply_request(text).is_some();
                number |= !detect::phone_numbers(text).is_empty();
                if let Some(what) = forbidden_in_voicemail(text) {
                    report_content(f, event.node, event.loc, format!("the voicemail {what}"));
                }
            }
            EventKind::Audio { url } => {
                let says = f.policy.audio_says(url);
                named |= says.contains(&Disclosure::BusinessIdentity);
                number |= says.contains(&Disclosure::CallbackNumber);
                if says.contains(&Disclosure::MiniMiranda)
                    || says.contains(&Disclosure::DebtCollector)
                {
                    report_content(
                        f,
                        event.node,
                        event.loc,
                        "the voicemail plays a debt-collection disclosure".to_string(),
                    );
                }
            }
            _ => {}
        }
    }
    let missing: Vec<&str> = [
        (!named, "the business's name"),
        (!reply, "a request to call back"),
        (!number, "a telephone number"),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    if missing.is_empty() {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, flow.events.len()) {
        report_undeclared(f, audio, "the limited-content message", &DEBT003);
        return;
    }
    let anchor = flow
        .first_heard()
        .map(|(_, e)| (e.node, e.loc))
        .or_else(|| flow.elements.first().map(|e| (e.node, e.loc)));
    let Some((node, loc)) = anchor else {
        return;
    };
    f.report(
        &DEBT003,
        Severity::Error,
        node,
        loc,
        format!("the voicemail lacks {}", join(&missing)),
    )
    .help("leave only: a business name that does not reveal debt collection, a request to call back, a person's name and a number; e.g. `Hi, this is Robin Smith from ABC Services. Please call me back at 1-800-555-0100.`");
}

/// What a limited-content message says that it may not.
fn forbidden_in_voicemail(text: &str) -> Option<&'static str> {
    let mm = detect::mini_miranda(text);
    if mm.attempt_to_collect.is_some() || mm.information_use.is_some() {
        Some("gives the mini-Miranda, which tells whoever hears it that the consumer has a debt")
    } else if detect::debt_collector_statement(text).is_some() {
        Some("says that the caller is a debt collector")
    } else if detect::debt_content(text).is_some() {
        Some("mentions the debt")
    } else {
        None
    }
}

fn report_content<D: Document>(
    f: &mut Findings<'_, '_, D>,
    node: D::Node,
    loc: Loc,
    message: String,
) {
    f.report(&DEBT003, Severity::Error, node, loc, message).help(
        "a voicemail may hold only a neutral business name, a request to call back, a person's name and a number (12 CFR 1006.2(j))",
    );
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
