//! DEBT001-DEBT004, DEBT008 and DEBT009: what a debt collector's call or message must say, and
//! what it must not (FDCPA, 15 U.S.C. 1692; Regulation F, 12 CFR Part 1006).
//!
//! "Debt content" is any mention of the debt, in whatever words: the word itself, a balance,
//! an amount, "past due", "placed with our office for collection", "cuenta morosa". The
//! collector's own name is its identity, not content ("Summit Debt Recovery" mentions no
//! debt), and the disclosures ("this is an attempt to collect a debt") are not the mention the
//! rules look for: both are set aside before the rules ask whether a disclosure came first.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::tree::Document;

use super::declare_rule;
use super::flow::{EventKind, Flow, Kinds};
use super::general::{report_undeclared, undeclared_audio_before};
use super::policy::{Disclosure, Fact, Regime};
use super::text::Transcript;
use super::{Findings, Lang};

/// The help line of a missing mini-Miranda, in English and Spanish.
const MINI_MIRANDA_HELP: (&str, &str) = (
    "say first: `This is an attempt to collect a debt, and any information obtained will be used for that purpose.`",
    "diga primero: `Este es un intento de cobrar una deuda y cualquier información obtenida será utilizada para ese fin.`",
);

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.policy.applies(Regime::DebtCollection) {
        return;
    }
    let script = Script::read(f);
    threats(f, &script);
    if f.policy.holds(Fact::Voicemail) {
        // A voicemail is judged as a limited-content message, which must carry no disclosure
        // and no debt content; the rules for conversations would ask for the opposite.
        limited_content(f, &script);
        return;
    }
    mini_miranda(f, &script);
    collector_statement(f, &script);
    before_verification(f, &script);
    collector_named(f, &script);
}

/// A place in what the caller hears: a token of the transcript, or the end of an audio event
/// (declared to say something), in the order they are heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    /// The event.
    event: usize,
    /// The token, or `u32::MAX` for the end of an audio event.
    token: u32,
}

/// Where the disclosures and the debt first appear.
struct Script {
    /// The business's names, where they are said: the collector's identity.
    names: Vec<Range<u32>>,
    /// The mentions of the debt outside names and disclosures.
    debts: Vec<Range<u32>>,
    /// The first mention of the debt, disclosures included (for DEBT004).
    first_revealed: Option<Place>,
    /// Where the mini-Miranda is complete: both halves said.
    mini_miranda: Option<Place>,
    /// Where the caller first says it is a debt collector (or half of the mini-Miranda).
    collector: Option<Place>,
    /// Where the business is first named.
    named: Option<Place>,
    /// The disclosures said, for DEBT003.
    disclosures: Vec<Range<u32>>,
}

impl Script {
    fn read<D: Document>(f: &Findings<'_, '_, D>) -> Script {
        let flow = f.flow;
        let t = flow.transcript();
        let at = |token: u32| Place {
            event: t.event_of(token),
            token,
        };
        let names = t.names(f.policy.business_names());
        let attempts = t.collection_attempts();
        let uses = t.information_uses();
        let statements = t.collector_statements(&names);
        let disclosures: Vec<Range<u32>> = attempts
            .iter()
            .chain(&uses)
            .chain(&statements)
            .cloned()
            .collect();
        let mut masked = names.clone();
        masked.extend(disclosures.iter().cloned());
        let debts = t.debt_mentions(&masked);
        let debts_anywhere = t.debt_mentions(&names);

        let mut attempt = attempts.first().map(|r| at(r.end - 1));
        let mut information = uses.first().map(|r| at(r.end - 1));
        let mut collector = [attempts.first(), uses.first(), statements.first()]
            .into_iter()
            .flatten()
            .map(|r| at(r.end - 1))
            .min();
        let mut named = names.first().map(|r| at(r.end - 1));
        for (i, event) in flow.events.iter().enumerate() {
            let EventKind::Audio { url } = event.kind else {
                continue;
            };
            let says = f.policy.audio_says(url);
            let end = Place {
                event: i,
                token: u32::MAX,
            };
            let earliest = |p: Option<Place>| Some(p.map_or(end, |p| p.min(end)));
            if says.contains(&Disclosure::MiniMiranda) {
                attempt = earliest(attempt);
                information = earliest(information);
                collector = earliest(collector);
            }
            if says.contains(&Disclosure::DebtCollector) {
                collector = earliest(collector);
            }
            if says.contains(&Disclosure::BusinessIdentity) {
                named = earliest(named);
            }
        }
        // Revealed from the first word of a mention or a disclosure on, or by a declared audio.
        let first_revealed = [
            debts_anywhere.first(),
            attempts.first(),
            uses.first(),
            statements.first(),
        ]
        .into_iter()
        .flatten()
        .map(|r| at(r.start))
        .chain(collector)
        .min();
        Script {
            names,
            first_revealed,
            mini_miranda: match (attempt, information) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            },
            collector,
            named,
            disclosures,
            debts,
        }
    }

    /// The first mention of the debt, where it is.
    fn first_debt(&self, t: &Transcript) -> Option<(Place, Range<u32>)> {
        self.debts.first().map(|r| {
            (
                Place {
                    event: t.event_of(r.start),
                    token: r.start,
                },
                r.clone(),
            )
        })
    }
}

/// Whether `a` is heard before `b`.
fn before(a: Option<Place>, b: Place) -> bool {
    a.is_some_and(|a| a < b)
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime on initial communications (when the policy does not
    /// hold `subsequent`). When the document's audible or message content mentions the debt in any
    /// words a listener understands as one: debt, balance, past due, amount owed, you owe, "placed
    /// with our office for collection", "settle for less than the full amount", a payment plan or
    /// agreement, charged-off, an amount of money ("a 612 dollar balance"); Spanish "deuda",
    /// "adeudo", "saldo", "cuenta morosa", "pago atrasado", "convenio de pagos". The collector's
    /// own name is its identity, not a mention ("Summit Debt Recovery", "Cobranzas del Valle"), and
    /// "we owe you a call back" is no debt, the mini-Miranda must come before that mention. The
    /// mini-Miranda has two parts and both are required, in any wording: trying to collect a debt
    /// ("this is an attempt to collect a debt", "estamos tratando de cobrar una deuda") and
    /// information used for that purpose ("any information obtained will be used for that purpose",
    /// "cualquier información que obtengamos se usará con ese fin"). A document that never mentions
    /// the debt is not reported, nor one that runs after the mini-Miranda was given earlier in the
    /// same call (the `mini-miranda-given` fact, which a checked flow derives from its paths).
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
        found_in: anywhere(),
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
    let t = f.flow.transcript();
    let Some((place, debt)) = script.first_debt(t) else {
        return;
    };
    if before(script.mini_miranda, place) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, place.event) {
        report_undeclared!(f, audio, "the mini-Miranda", &DEBT001);
        return;
    }
    let words = t.quote(debt.clone());
    let lang = f.lang_at(debt.start);
    f.report_words(
        &DEBT001,
        Severity::Error,
        debt,
        format!(
            "the debt is mentioned (\"{words}\") before the mini-Miranda disclosure is complete"
        ),
    )
    .help_in(lang, MINI_MIRANDA_HELP.0, MINI_MIRANDA_HELP.1);
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime when the policy holds `subsequent` (the initial
    /// communication already gave the mini-Miranda). When the document mentions the debt in any
    /// words a listener understands as one: debt, balance, past due, amount owed, you owe, "placed
    /// with our office for collection", "settle for less than the full amount", a payment plan or
    /// agreement, charged-off, an amount of money ("a 612 dollar balance"); Spanish "deuda",
    /// "adeudo", "saldo", "cuenta morosa", "pago atrasado", "convenio de pagos". The collector's
    /// own name is its identity, not a mention ("Summit Debt Recovery", "Cobranzas del Valle"), and
    /// "we owe you a call back" is no debt, an earlier audible or message event must say that the
    /// communication is from a debt collector: "this communication is from a debt collector", "we
    /// are a debt collector", "le habla un cobrador de deudas", "somos una agencia de cobranza".
    /// The full mini-Miranda also satisfies the rule; a name with debt words in it is not that
    /// statement.
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
        found_in: anywhere(),
        example_policy: "debt-collection; subsequent; right-party-verified; business=Acme Recovery",
        summary: "a subsequent debt-collection communication does not say it is from a debt collector",
    }
}

/// DEBT002: a subsequent communication must say it is from a debt collector.
fn collector_statement<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT002) {
        return;
    }
    let t = f.flow.transcript();
    let Some((place, debt)) = script.first_debt(t) else {
        return;
    };
    if before(script.collector, place) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, place.event) {
        report_undeclared!(f, audio, "the debt-collector statement", &DEBT002);
        return;
    }
    let words = t.quote(debt.clone());
    let lang = f.lang_at(debt.start);
    f.report_words(
        &DEBT002,
        Severity::Error,
        debt,
        format!(
            "the debt is mentioned (\"{words}\") before the call says it is from a debt collector"
        ),
    )
    .help_in(
        lang,
        "say first: `This communication is from a debt collector.`",
        "diga primero: `Esta comunicación es de un cobrador de deudas.`",
    );
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime on outbound calls (the `outbound` fact) unless the
    /// policy holds `right-party-verified`. Until the document knows it is speaking to the
    /// consumer, it must not mention the debt (in any words, as DEBT001 reads them: "su cuenta
    /// morosa", "a 612 dollar balance"), state an amount, or speak the mini-Miranda ("attempt to
    /// collect a debt", "intento de cobrar una deuda"), because each of these tells the listener
    /// the call is about a debt. Any of them in the document is reported. Ask for the consumer by
    /// name in a `<Gather>` and speak about the debt only in the `action` document reached after
    /// the consumer confirms.
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
        found_in: anywhere(),
        example_policy: "debt-collection; outbound; business=Acme Recovery",
        summary: "an outbound call mentions the debt before the consumer's identity is verified",
    }
}

/// DEBT004: on an outbound call, nothing about the debt before the consumer is verified.
fn before_verification<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT004) || f.policy.holds(Fact::RightPartyVerified) {
        return;
    }
    let Some(first) = script.first_revealed else {
        return;
    };
    let flow = f.flow;
    let t = flow.transcript();
    let help = (
        "ask for the consumer by name in a `<Gather>` (\"Press 1 if you are Jane Doe\") and speak about the debt only in its `action` document, then declare `right-party-verified` there",
        "pregunte por la persona en un `<Gather>` (\"Si usted es Ana López, oprima 1\") y hable de la deuda solo en el documento de su `action`, declarando allí `right-party-verified`",
    );
    if first.token == u32::MAX {
        let event = &flow.events[first.event];
        let lang = f.lang_of(first.event);
        f.report(
            &DEBT004,
            Severity::Error,
            event.node,
            event.loc,
            "the debt is revealed before the consumer's identity is verified; whoever answers hears it",
        )
        .help_in(lang, help.0, help.1);
        return;
    }
    let words = t.sentence_of(first.token);
    let quoted = t.quote(
        script
            .debts
            .iter()
            .chain(&script.disclosures)
            .filter(|r| r.start >= first.token)
            .min_by_key(|r| r.start)
            .cloned()
            .unwrap_or(words.clone()),
    );
    let lang = f.lang_at(first.token);
    f.report_words(
        &DEBT004,
        Severity::Error,
        words,
        format!("\"{quoted}\" reveals the debt before the consumer's identity is verified; whoever answers hears it"),
    )
    .help_in(lang, help.0, help.1);
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime. It finds the first mention of the debt in the audible
    /// or message content (in any words, as DEBT001 reads them) and reports it when none of the
    /// policy's business names has been spoken before it. The name must come first, as in "Hello
    /// Jane, this is Acme Recovery." or "Le habla Acme Recovery."; matching ignores case and
    /// accents. A name with debt words in it ("Summit Debt Recovery", "Deudas y Cobranzas del
    /// Norte") is the collector's identity: saying it names the collector and mentions no debt. A
    /// document that runs after the collector was named earlier in the call (the
    /// `business-identified` fact) has nothing to check.
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
        found_in: anywhere(),
        example_policy: "debt-collection; right-party-verified; business=Acme Recovery",
        summary: "a debt-collection call does not name the collector before the debt",
    }
}

/// DEBT008: the collector must be named before the debt.
fn collector_named<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT008) || f.policy.holds(Fact::BusinessIdentified) {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    let Some((place, debt)) = script.first_debt(t) else {
        return;
    };
    let lang = f.lang_at(debt.start);
    if f.policy.business_names().is_empty() {
        f.report_words(
            &DEBT008,
            Severity::Warning,
            debt,
            "cannot verify that the collector is named before the debt: the policy names no business",
        )
        .help_in(
            lang,
            "give the collector's name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`",
            "indique el nombre del cobrador: `business-name` en twiml.toml, `--business-name` o `Policy::business_name`",
        );
        return;
    }
    if before(script.named, place) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, place.event) {
        report_undeclared!(f, audio, "the collector's name", &DEBT008);
        return;
    }
    let first_name = f.policy.business_names()[0].clone();
    let words = t.quote(debt.clone());
    f.report_words(
        &DEBT008,
        Severity::Error,
        debt,
        format!("the debt is mentioned (\"{words}\") before the collector names itself"),
    )
    .help_in(
        lang,
        format!("begin with the name: `This is {first_name}, a debt collector.`"),
        format!("comience con el nombre: `Le habla {first_name}, un cobrador de deudas.`"),
    );
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime and reads spoken content (`<Say>`, including inside
    /// `<Gather>` and `<Pay><Prompt>`, and a ConversationRelay `welcomeGreeting`) and texted
    /// content (`<Message>`, `<Body>`). It reports threats of arrest, jail, the police or the
    /// sheriff, prosecution, a lawsuit or legal action, garnishment, seizure or repossession, in
    /// any wording ("we may have the sheriff come out", "we may have to involve law
    /// enforcement", "you could lose your house", "we'll take a portion of your paycheck", "we
    /// will deduct it from your wages", "we will have your license suspended", "le vamos a
    /// embargar el sueldo", "le pueden rebajar el cheque", "le quitamos el carro", "podría
    /// perder su casa", "vamos a proceder legalmente", "levantaremos una denuncia ante el
    /// ministerio público", "we will freeze your bank account", "a judgment against you", "le
    /// caerá todo el peso de la ley", "for litigation", "por la vía judicial", "le van a quitar
    /// la licencia de conducir", "we may have to pursue legal remedies", "una orden de captura",
    /// "su cuenta será enviada a nuestros abogados"), and the
    /// false claim that not paying is a crime. Denials ("no one is
    /// going to arrest you", "nadie lo va a demandar"), asking whether the consumer is represented
    /// by an attorney, which a collector must respect, and everyday phrases that hold such a word
    /// ("sin embargo", "alta demanda", "legal holidays") and a payment the consumer sets up ("we
    /// can take your monthly payment from your bank account") are not reported. Each hit is a prompt for
    /// legal review of the script.
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
        found_in: anywhere(),
        example_policy: "debt-collection; right-party-verified; business=Acme Recovery",
        summary: "a debt-collection script threatens arrest, suit or seizure",
    }
}

/// DEBT009: threats of arrest, suit or seizure are flagged for legal review.
fn threats<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT009) {
        return;
    }
    let t = f.flow.transcript();
    let mut reported_sentences: Vec<Range<u32>> = Vec::new();
    for threat in t.threats(&script.names) {
        let sentence = t.sentence_of(threat.start);
        if reported_sentences.contains(&sentence) {
            continue;
        }
        reported_sentences.push(sentence.clone());
        let words = t.quote(threat.clone());
        let lang = f.lang_at(threat.start);
        f.report_words(
            &DEBT009,
            Severity::Warning,
            threat,
            format!("the script threatens the consumer (\"{words}\")"),
        )
        .help_in(
            lang,
            "a collector may mention legal action only if it is true, lawful and intended (15 U.S.C. 1692e(4), (5)); have counsel review the wording",
            "un cobrador solo puede mencionar acciones legales si son ciertas, lícitas y previstas (15 U.S.C. 1692e(4), (5)); que un abogado revise el texto",
        );
    }
}

declare_rule! {
    /// ## What it does
    /// Runs under the debt-collection regime when the policy holds `voicemail`. The message must be
    /// a limited-content message (12 CFR 1006.2(j)): it must name one of the policy's business
    /// names that does not reveal debt collection (no "collect", "collection", "recovery", "debt"
    /// or "credit" in the name; Spanish "cobro", "cobranza", "deuda", "recuperación"), ask the
    /// consumer to reply in any words ("please call us back", "give us a call back", "you can reach
    /// me at", "return my call"; Spanish "llámenos", "devuélvanos la llamada", "favor de regresar
    /// la llamada", "márqueme", "se puede comunicar con nosotros", "¿nos podría llamar?", "espero
    /// su llamada"), and give a telephone number. It
    /// must not mention the debt (in any words, as DEBT001 reads them, "to make a payment"
    /// included), state an amount, press for urgency, name the creditor it calls for ("on
    /// behalf of Riverside Medical Center", "your account with Riverside Medical Center", "de
    /// parte de Tienda Max", "su cuenta con Banco del Valle", "about your Riverside Furniture
    /// account", "referente a su tarjeta de Almacenes Lupe", "su crédito con Distribuidora
    /// Norte S.A. de C.V."; a name in capitals or a name written in lower case that a business
    /// word closes, such as "on behalf of summit health partners llc" or "su cuenta con
    /// mueblería el porvenir", or any other business by its name, such as "a personal matter
    /// with First Harbor Bank"; speaking for the business itself, "our office" or a person is
    /// fine), or contain the mini-Miranda or a debt-collector statement.
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
        found_in: anywhere(),
        example_policy: "debt-collection; voicemail; business=ABC Services",
        summary: "a debt-collection voicemail says more than a limited-content message may",
    }
}

/// DEBT003: a voicemail may be only a limited-content message (12 CFR 1006.2(j)).
fn limited_content<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT003) {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    let mut named = !script.names.is_empty();
    let mut reply = !t.reply_requests().is_empty();
    let mut number = !t.phones().is_empty()
        || flow.holds(Kinds::SPEECH)
            && flow.events.iter().any(|e| match &e.kind {
                EventKind::Speech(s) => !s.telephones().is_empty(),
                _ => false,
            });
    // What a limited-content message may not say: a name that reveals collection, the
    // disclosures, the debt, pressure.
    for name in &script.names {
        let words = t.text_of(name.clone());
        if super::detect::collection_sounding(words) {
            let quoted = t.quote(name.clone());
            report_content(
                f,
                name.clone(),
                format!("the name \"{quoted}\" reveals that the caller collects debts"),
            );
        }
    }
    let mut forbidden: Vec<(Range<u32>, &str)> = Vec::new();
    for r in t
        .collection_attempts()
        .into_iter()
        .chain(t.information_uses())
    {
        forbidden.push((
            r,
            "gives the mini-Miranda, which tells whoever hears it that the consumer has a debt",
        ));
    }
    for r in t.collector_statements(&script.names) {
        forbidden.push((r, "says that the caller is a debt collector"));
    }
    for r in t.creditors_named(&script.names) {
        forbidden.push((r, "names the creditor it calls for"));
    }
    for r in &script.debts {
        forbidden.push((r.clone(), "mentions the debt"));
    }
    for r in t.urgency().into_iter().chain(t.threats(&script.names)) {
        forbidden.push((r, "presses the consumer"));
    }
    forbidden.sort_by_key(|(r, _)| r.start);
    let mut reported: Vec<Range<u32>> = Vec::new();
    for (words, what) in forbidden {
        let sentence = t.sentence_of(words.start);
        if reported.contains(&sentence) {
            continue;
        }
        reported.push(sentence);
        let quoted = t.quote(words.clone());
        report_content(f, words, format!("the voicemail {what} (\"{quoted}\")"));
    }
    for event in &flow.events {
        if let EventKind::Audio { url } = event.kind {
            let says = f.policy.audio_says(url);
            named |= says.contains(&Disclosure::BusinessIdentity);
            number |= says.contains(&Disclosure::CallbackNumber);
            reply |= says.contains(&Disclosure::CallbackNumber);
            if says.contains(&Disclosure::MiniMiranda) || says.contains(&Disclosure::DebtCollector)
            {
                let lang = Lang::En;
                f.report(
                    &DEBT003,
                    Severity::Error,
                    event.node,
                    event.loc,
                    "the voicemail plays a debt-collection disclosure",
                )
                .help_in(lang, LIMITED_HELP.0, LIMITED_HELP.1);
            }
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
        report_undeclared!(f, audio, "the limited-content message", &DEBT003);
        return;
    }
    let Some((node, loc, lang)) = anchor(f, flow) else {
        return;
    };
    f.report(
        &DEBT003,
        Severity::Error,
        node,
        loc,
        format!("the voicemail lacks {}", join(&missing)),
    )
    .help_in(
        lang,
        "leave only: a business name that does not reveal debt collection, a request to call back, a person's name and a number; e.g. `Hi, this is Robin Smith from ABC Services. Please call me back at 1-800-555-0100.`",
        "deje solo: un nombre de empresa que no revele el cobro, una petición de devolver la llamada, el nombre de una persona y un número; por ejemplo `Hola, le habla Ana Torres de Servicios ABC. Por favor llámeme al 1-800-555-0100.`",
    );
}

/// The help line of content a limited-content message may not carry.
const LIMITED_HELP: (&str, &str) = (
    "a voicemail may hold only a neutral business name, a request to call back, a person's name and a number (12 CFR 1006.2(j))",
    "un mensaje de voz solo puede llevar un nombre de empresa neutro, una petición de devolver la llamada, el nombre de una persona y un número (12 CFR 1006.2(j))",
);

/// Where a finding about the whole voicemail points, and its language.
fn anchor<D: Document>(
    f: &Findings<'_, '_, D>,
    flow: &Flow<'_, D>,
) -> Option<(D::Node, super::flow::Loc, Lang)> {
    if let Some((i, e)) = flow.first_heard() {
        return Some((e.node, e.loc, f.lang_of(i)));
    }
    flow.elements.first().map(|e| (e.node, e.loc, Lang::En))
}

fn report_content<D: Document>(f: &mut Findings<'_, '_, D>, words: Range<u32>, message: String) {
    let lang = f.lang_at(words.start);
    f.report_words(&DEBT003, Severity::Error, words, message)
        .help_in(lang, LIMITED_HELP.0, LIMITED_HELP.1);
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
