//! DEBT001-DEBT004, DEBT008 and DEBT009: what a debt collector's call or message must say, and
//! what it must not (FDCPA, 15 U.S.C. 1692; Regulation F, 12 CFR Part 1006).
//!
//! "Debt content" is any mention of the debt: the word, a balance, an amount. The disclosures
//! themselves ("this is an attempt to collect a debt") mention it too, so the rules that ask
//! whether a disclosure came *before* the debt read each text with its disclosures blanked out.

use crate::diagnostic::Severity;
use crate::tree::Document;

use super::Findings;
use super::detect::{self, Match};
use super::flow::{Event, EventKind, Flow, Loc};
use super::general::{report_undeclared, undeclared_audio_before};
use super::policy::{Disclosure, Fact, Regime};
use super::registry::{DEBT001, DEBT002, DEBT003, DEBT004, DEBT008, DEBT009};

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

/// DEBT001: an initial communication must give the mini-Miranda before the debt.
fn mini_miranda<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT001) || f.policy.holds(Fact::Subsequent) {
        return;
    }
    let Some((index, debt)) = script.debt else {
        return;
    };
    if before(script.mini_miranda, (index, debt.start)) {
        return;
    }
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared(f, audio, "the mini-Miranda", "DEBT001");
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
        report_undeclared(f, audio, "the debt-collector statement", "DEBT002");
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

/// DEBT008: the collector must be named before the debt.
fn collector_named<D: Document>(f: &mut Findings<'_, '_, D>, script: &Script) {
    if !f.runs(&DEBT008) {
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
        report_undeclared(f, audio, "the collector's name", "DEBT008");
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
        report_undeclared(f, audio, "the limited-content message", "DEBT003");
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
