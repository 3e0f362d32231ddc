//! What a consent ledger knows of a recipient's past, and the gate's rules that read it:
//! opt-outs (MSG001), revocations the ledger did not capture (MSG008), consent by kind of
//! contact (MSG011, TCPA005, GEN005), reassigned numbers (MSG012), WhatsApp's 24-hour window
//! (WA001), and frequency caps (QH002, DEBT006).

use jiff::{SignedDuration, Timestamp};

use super::inbound::Scope;
use super::intent::{Class, MessageIntent};
use super::outbound::{Channel, Outbound};
use super::state::State;
use super::state_rules::{Coverage, STATE_RULES, rules_for};
use crate::diagnostic::Severity;
use crate::rules::{
    DEBT006, GEN005, MSG001, MSG008, MSG011, MSG012, QH002, RuleInfo, TCPA005, WA001,
};

/// Twilio's error for a send to a number that opted out (or was reassigned).
pub const OPTED_OUT: u32 = 21610;
/// Twilio's error for a free-form WhatsApp message outside the 24-hour window.
pub const OUTSIDE_WHATSAPP_WINDOW: u32 = 63016;

/// The fields of a complete consent record: the seed's minimum (`phone` to
/// `opt_out_timestamp`), then what defends a record under the Telemarketing Sales Rule (16 CFR
/// 310.5(a)(8)) and GDPR Art. 7(1). GEN005 names the ones a record lacks.
pub const RECORD_FIELDS: &[&str] = &[
    "phone",
    "channel",
    "consent_type",
    "consent_method",
    "consent_timestamp",
    "consent_source",
    "ip_address",
    "opted_out",
    "opt_out_timestamp",
    "seller",
    "disclosure",
    "disclosure_version",
    "purpose",
    "sender_scope",
    "evidence",
    "language",
];

/// The kind of consent a record holds, as the TCPA names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ConsentKind {
    /// Prior express consent: enough for informational calls and texts.
    Express,
    /// Prior express written consent: what marketing calls and texts need (47 CFR
    /// 64.1200(f)(9)).
    ExpressWritten,
}

impl ConsentKind {
    /// `express` or `express-written`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ConsentKind::Express => "express",
            ConsentKind::ExpressWritten => "express-written",
        }
    }

    /// The kind with this name (`express`, `express-written`; `written` and `pewc` are read
    /// as `express-written`).
    pub fn parse(value: &str) -> Option<ConsentKind> {
        match value.trim().to_ascii_lowercase().as_str() {
            "express" | "prior-express" | "pec" => Some(ConsentKind::Express),
            "express-written" | "written" | "prior-express-written" | "pewc" => {
                Some(ConsentKind::ExpressWritten)
            }
            _ => None,
        }
    }
}

/// The consent on file for the recipient and sender, the latest that is not revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentOnFile {
    /// Its kind.
    pub kind: ConsentKind,
    /// When it was given.
    pub at: Timestamp,
    /// The fields of a complete record (the seed's minimum and TSR 310.5's) that it lacks.
    pub missing: Vec<&'static str>,
}

/// The opt-out in force: the latest revocation, later than any consent given again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptOutOnFile {
    /// When it was received.
    pub at: Timestamp,
    /// This sender or every sender.
    pub scope: Scope,
    /// How it came (`keyword`, `free-text`, `web`, `call`, `import`, ...).
    pub method: String,
}

/// An answer of the FCC's Reassigned Numbers Database (or of Twilio Lookup's reassigned-number
/// field): was the number permanently disconnected since the date asked about?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Reassigned {
    /// Disconnected since: the consent belongs to someone else.
    Yes,
    /// Not disconnected since.
    No,
    /// The database cannot say (no safe harbour).
    NoData,
}

impl Reassigned {
    /// `yes`, `no` or `no-data`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reassigned::Yes => "yes",
            Reassigned::No => "no",
            Reassigned::NoData => "no-data",
        }
    }

    /// The answer with this name, as the FCC's files and Twilio Lookup write it (`yes`, `no`,
    /// `no data`, `no_data`, `true`, `false`, `null`, in any case).
    pub fn parse(value: &str) -> Option<Reassigned> {
        match value
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "yes" | "y" | "true" => Some(Reassigned::Yes),
            "no" | "n" | "false" => Some(Reassigned::No),
            "no-data" | "nodata" | "null" | "unknown" => Some(Reassigned::NoData),
            _ => None,
        }
    }
}

/// The latest reassigned-number check on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReassignedCheck {
    /// The answer.
    pub answer: Reassigned,
    /// When it was checked.
    pub checked_at: Timestamp,
}

/// The recipient's history, as a consent ledger knows it: what the gate reads about the past
/// of a number. The default means "nothing known", and a decision with it rests on the
/// present alone (time, place, content). A ledger fills it from its records in the
/// transaction that then records the decision ([`RecipientHistory::known`]); its rules read
/// it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecipientHistory {
    /// Whether a ledger filled this history: only then do the absence of a consent and of an
    /// inbound message count.
    pub known: bool,
    /// The opt-out in force for this recipient and sender.
    pub opt_out: Option<OptOutOnFile>,
    /// The consent in force for this recipient and sender.
    pub consent: Option<ConsentOnFile>,
    /// The latest reassigned-number check.
    pub reassigned: Option<ReassignedCheck>,
    /// The recipient's last inbound message to this sender (WhatsApp's 24-hour window).
    pub last_inbound: Option<Timestamp>,
    /// The attempts to this number in the seven days before the decision, oldest first: all
    /// of them, or, when [`more_attempts`](Self::more_attempts) is set, the latest of them.
    pub attempts: Vec<Timestamp>,
    /// Whether `attempts` holds only the latest attempts of the seven days, and there may be
    /// more before the oldest of them. A ledger reads no more than the caps count
    /// ([`RecipientHistory::ATTEMPTS_COUNTED`] and one more), so that a decision costs the
    /// same however many attempts a number has had; a cap's finding then says "at least".
    pub more_attempts: bool,
    /// The attempts about the send's debt, to any of the person's numbers, in the seven days
    /// before the decision, oldest first: all of them, or, when
    /// [`more_debt_attempts`](Self::more_debt_attempts) is set, the latest of them.
    pub debt_attempts: Vec<Timestamp>,
    /// Whether `debt_attempts` holds only the latest attempts about the debt, as
    /// [`more_attempts`](Self::more_attempts) for `attempts`.
    pub more_debt_attempts: bool,
    /// The last telephone conversation about the send's debt.
    pub last_conversation: Option<Timestamp>,
    /// An inbound message, after the last consent, that the reader now takes for a revocation
    /// and that the ledger never recorded as one.
    pub uncaptured_revocation: Option<Timestamp>,
}

/// Regulation F's cap on a debt collector's calls: seven in seven days (12 CFR
/// 1006.14(b)(2)(i)(A)).
const DEBT_CALLS: usize = 7;

/// The most attempts any cap counts: [`DEBT_CALLS`], or a larger count of the state-rules
/// table.
const fn most_counted() -> usize {
    let mut most = DEBT_CALLS;
    let mut i = 0;
    while i < STATE_RULES.len() {
        if let Some(cap) = STATE_RULES[i].cap
            && cap.count as usize > most
        {
            most = cap.count as usize;
        }
        i += 1;
    }
    most
}

impl RecipientHistory {
    /// The most attempts a cap counts in its window: Regulation F's seven calls in seven days
    /// (DEBT006), or more if a state's cap of the state-rules table (QH002) counts more. Every
    /// cap's window lies within the seven days before the decision. A ledger that gives the
    /// gate the latest `ATTEMPTS_COUNTED + 1` attempts of those seven days (and sets
    /// [`more_attempts`](Self::more_attempts) when there were that many) gives it all a cap
    /// needs: whether the count reaches the cap, and when the attempt that makes it age out.
    pub const ATTEMPTS_COUNTED: usize = most_counted();

    /// An empty history that a ledger knows to be complete: no consent, no opt-out, no
    /// attempt.
    pub fn known() -> RecipientHistory {
        RecipientHistory {
            known: true,
            ..RecipientHistory::default()
        }
    }
}

/// One finding of the history rules, before levels and overrides.
pub(crate) struct HistoryFinding {
    pub(crate) rule: &'static RuleInfo,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) help: &'static str,
    pub(crate) twilio: Option<u32>,
    /// What settles it: waiting until then (caps), or a person (`None` with `review`).
    pub(crate) until: Option<Timestamp>,
    /// A person must decide (a reassigned check with no data).
    pub(crate) review: bool,
}

/// Whether Regulation F's 7-in-7 (DEBT006) counts this send's calls.
fn debt_calls_counted(outbound: &Outbound<'_>, runs: &impl Fn(&RuleInfo) -> bool) -> bool {
    outbound.channel == Channel::Voice && runs(&DEBT006)
}

/// Whether the states' caps (QH002) count this send's attempts, in some state.
fn state_caps_counted(class: Option<Class>, runs: &impl Fn(&RuleInfo) -> bool) -> bool {
    class == Some(Class::NonEssential) && runs(&QH002)
}

/// Whether a cap can count the attempts of the history for this send: [`findings`] reads
/// [`RecipientHistory::attempts`] and [`RecipientHistory::debt_attempts`] only when it is
/// true, so a history without them gives the same findings when it is false.
pub(crate) fn counts_attempts(
    outbound: &Outbound<'_>,
    class: Option<Class>,
    states: &[State],
    runs: impl Fn(&RuleInfo) -> bool,
) -> bool {
    let message = outbound.channel.is_message();
    debt_calls_counted(outbound, &runs)
        || (state_caps_counted(class, &runs)
            && states.iter().any(|state| {
                rules_for(*state)
                    .any(|row| row.cap.is_some() && row.coverage(!message) != Coverage::NotCovered)
            }))
}

/// The findings of the history rules over one send.
pub(crate) fn findings(
    outbound: &Outbound<'_>,
    history: &RecipientHistory,
    class: Option<Class>,
    states: &[State],
    at: Timestamp,
    runs: impl Fn(&RuleInfo) -> bool,
) -> Vec<HistoryFinding> {
    let mut out = Vec::new();
    let message = outbound.channel.is_message();
    let twilio = |code: u32| message.then_some(code);
    let mut push = |rule: &'static RuleInfo,
                    severity: Severity,
                    message: String,
                    help: &'static str,
                    twilio: Option<u32>,
                    until: Option<Timestamp>,
                    review: bool| {
        out.push(HistoryFinding {
            rule,
            severity,
            message,
            help,
            twilio,
            until,
            review,
        });
    };

    if let Some(o) = &history.opt_out
        && runs(&MSG001)
    {
        push(
            &MSG001,
            Severity::Error,
            format!(
                "the recipient opted out at {} ({}, {})",
                rfc3339(o.at),
                o.method,
                match o.scope {
                    Scope::Sender => "from this sender",
                    Scope::All => "from every sender",
                }
            ),
            "47 CFR 64.1200(a)(10); a revocation by any reasonable means is honoured, and Twilio answers 21610",
            twilio(OPTED_OUT),
            None,
            false,
        );
    }
    if let Some(when) = history.uncaptured_revocation
        && runs(&MSG008)
    {
        push(
            &MSG008,
            Severity::Error,
            format!(
                "a reply received at {} revokes consent in free text, and the ledger never recorded it",
                rfc3339(when)
            ),
            "47 CFR 64.1200(a)(10): consent may be revoked by any reasonable means; record the revocation",
            None,
            None,
            false,
        );
    }
    if let Some(check) = history.reassigned
        && runs(&MSG012)
    {
        match check.answer {
            Reassigned::Yes => push(
                &MSG012,
                Severity::Error,
                format!(
                    "the reassigned numbers database answered yes on {}: the number changed hands since the consent",
                    rfc3339(check.checked_at)
                ),
                "47 CFR 64.1200(m); the consent belongs to the number's former subscriber",
                twilio(OPTED_OUT),
                None,
                false,
            ),
            Reassigned::NoData => push(
                &MSG012,
                Severity::Warning,
                format!(
                    "the reassigned numbers database had no data on {}: no safe harbour",
                    rfc3339(check.checked_at)
                ),
                "47 CFR 64.1200(m); a person must confirm the number still belongs to the consenting party",
                None,
                None,
                true,
            ),
            Reassigned::No => {}
        }
    }

    // Consent by kind of contact, when a ledger knows the recipient.
    let exempt = matches!(
        outbound.intent,
        Some(MessageIntent::Fraud | MessageIntent::Security)
    );
    if history.known && !exempt {
        let needed = if class == Some(Class::NonEssential) {
            ConsentKind::ExpressWritten
        } else {
            ConsentKind::Express
        };
        let held = history.consent.as_ref().map(|c| c.kind);
        if held.is_none_or(|k| k < needed) {
            let have = held.map_or("none".to_string(), |k| format!("`{}`", k.as_str()));
            let (rule, what) = if message && needed == ConsentKind::ExpressWritten {
                (
                    &MSG011,
                    "a marketing text needs prior express written consent",
                )
            } else if message {
                (
                    &TCPA005,
                    "an informational text needs prior express consent",
                )
            } else if needed == ConsentKind::ExpressWritten {
                (
                    &TCPA005,
                    "a marketing call with an artificial or prerecorded voice needs prior express written consent",
                )
            } else {
                (
                    &TCPA005,
                    "a call with an artificial or prerecorded voice needs prior express consent",
                )
            };
            if runs(rule) {
                push(
                    rule,
                    Severity::Error,
                    format!("{what}; the ledger has {have} for this recipient and sender"),
                    "47 U.S.C. 227(b)(1); 47 CFR 64.1200(a)(2), (a)(3) and (f)(9)",
                    None,
                    None,
                    false,
                );
            }
        }
        if let Some(c) = &history.consent
            && !c.missing.is_empty()
            && runs(&GEN005)
        {
            push(
                &GEN005,
                Severity::Warning,
                c.missing.iter().enumerate().fold(
                    String::from("the consent record lacks "),
                    |mut message, (i, field)| {
                        if i > 0 {
                            message.push_str(", ");
                        }
                        message.push('`');
                        message.push_str(field);
                        message.push('`');
                        message
                    },
                ),
                "16 CFR 310.5(a)(8); 47 CFR 64.1200(f)(9): a record must prove who consented, when, to what, and how",
                None,
                None,
                false,
            );
        }
    }

    if outbound.channel == Channel::Whatsapp && !outbound.template && history.known && runs(&WA001)
    {
        let open = history
            .last_inbound
            .is_some_and(|t| at.duration_since(t) <= SignedDuration::from_hours(24));
        if !open {
            let since = history.last_inbound.map_or_else(
                || "the user has never written to this sender".to_string(),
                |t| format!("the user last wrote at {}", rfc3339(t)),
            );
            push(
                &WA001,
                Severity::Error,
                format!("a free-form WhatsApp message outside the 24-hour window: {since}"),
                "WhatsApp Business messaging policy; send an approved template instead (Twilio answers 63016)",
                Some(OUTSIDE_WHATSAPP_WINDOW),
                None,
                false,
            );
        }
    }

    // Regulation F's 7-in-7, for a debt collector's calls.
    if debt_calls_counted(outbound, &runs) {
        let week = SignedDuration::from_hours(7 * 24);
        let (attempts, more) = if outbound.debt.is_some() {
            (&history.debt_attempts, history.more_debt_attempts)
        } else {
            (&history.attempts, history.more_attempts)
        };
        let recent: Vec<Timestamp> = attempts
            .iter()
            .copied()
            .filter(|t| *t <= at && at.duration_since(*t) < week)
            .collect();
        if recent.len() >= DEBT_CALLS {
            let until = recent[recent.len() - DEBT_CALLS].checked_add(week).ok();
            push(
                &DEBT006,
                Severity::Error,
                format!(
                    "{} calls about this debt in the last seven days (Regulation F allows {}); \
                     the latest at {}",
                    counted(recent.len(), attempts.len(), more),
                    DEBT_CALLS,
                    rfc3339(recent[recent.len() - 1])
                ),
                "12 CFR 1006.14(b)(2)(i)(A)",
                None,
                until,
                false,
            );
        }
        if let Some(talk) = history.last_conversation
            && talk <= at
            && at.duration_since(talk) < week
        {
            push(
                &DEBT006,
                Severity::Error,
                format!(
                    "a telephone conversation about this debt at {}: no call for seven days after it",
                    rfc3339(talk)
                ),
                "12 CFR 1006.14(b)(2)(i)(B); the day of the conversation is the first of the seven",
                None,
                talk.checked_add(week).ok(),
                false,
            );
        }
    }

    // The states' caps, from the state-rules table.
    if state_caps_counted(class, &runs) {
        for state in states {
            for row in rules_for(*state) {
                let Some(cap) = row.cap else { continue };
                let coverage = row.coverage(!message);
                if coverage == Coverage::NotCovered {
                    continue;
                }
                let window = SignedDuration::from_hours(i64::from(cap.hours));
                let recent: Vec<Timestamp> = history
                    .attempts
                    .iter()
                    .copied()
                    .filter(|t| *t <= at && at.duration_since(*t) < window)
                    .collect();
                let total = counted(recent.len(), history.attempts.len(), history.more_attempts);
                let count = usize::try_from(cap.count).unwrap_or(usize::MAX);
                if recent.len() < count || count == 0 {
                    continue;
                }
                let severity = if coverage == Coverage::Covered {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                push(
                    &QH002,
                    severity,
                    format!(
                        "{} attempts to this number in the last {} hours; {}'s law allows {}",
                        total,
                        cap.hours,
                        state.name(),
                        cap.count
                    ),
                    row.citation,
                    None,
                    recent[recent.len() - count].checked_add(window).ok(),
                    false,
                );
            }
        }
    }
    out
}

/// How many attempts a cap's window holds, as a finding writes it: `in_window` of the `read`
/// attempts the history holds fall in the window. When the history holds only the latest
/// attempts (`more`) and every one of them is in the window, earlier ones may be too: "at
/// least" that many. When the oldest it holds is outside the window, so is every earlier one,
/// and the count is exact.
fn counted(in_window: usize, read: usize, more: bool) -> String {
    if more && in_window == read {
        format!("at least {in_window}")
    } else {
        in_window.to_string()
    }
}

/// An instant as findings write it.
pub(crate) fn rfc3339(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::PhoneNumber;

    fn at() -> Timestamp {
        "2026-12-04T16:00:00Z".parse().expect("an instant")
    }

    fn phone() -> PhoneNumber {
        PhoneNumber::parse("+13055550123").expect("a number")
    }

    /// `n` attempts an hour apart, the latest an hour before [`at`], oldest first.
    fn hourly(n: usize) -> Vec<Timestamp> {
        (1..=n)
            .rev()
            .map(|h| at() - SignedDuration::from_hours(h as i64))
            .collect()
    }

    fn messages(
        outbound: &Outbound<'_>,
        history: &RecipientHistory,
        class: Option<Class>,
        states: &[State],
        rule: &RuleInfo,
    ) -> Vec<(String, Option<Timestamp>)> {
        findings(outbound, history, class, states, at(), |_| true)
            .into_iter()
            .filter(|f| std::ptr::eq(f.rule, rule))
            .map(|f| (f.message, f.until))
            .collect()
    }

    fn debt006(attempts: Vec<Timestamp>, more: bool) -> Vec<(String, Option<Timestamp>)> {
        let mut h = RecipientHistory::known();
        h.debt_attempts = attempts;
        h.more_debt_attempts = more;
        messages(
            &Outbound::call(phone()).debt("acct-1"),
            &h,
            None,
            &[],
            &DEBT006,
        )
    }

    fn qh002(attempts: Vec<Timestamp>, more: bool) -> Vec<(String, Option<Timestamp>)> {
        let mut h = RecipientHistory::known();
        h.attempts = attempts;
        h.more_attempts = more;
        messages(
            &Outbound::call(phone()),
            &h,
            Some(Class::NonEssential),
            &[State::FL],
            &QH002,
        )
    }

    /// Where `counts_attempts` is false, a history without its attempts gives the same
    /// findings as one whose attempts would trip every cap; where it is true, some send's
    /// findings need them.
    #[test]
    fn a_history_without_attempts_decides_alike_where_no_cap_counts_them() {
        let mut full = RecipientHistory::known();
        full.attempts = hourly(8);
        full.more_attempts = true;
        full.debt_attempts = hourly(8);
        full.more_debt_attempts = true;
        let bare = RecipientHistory::known();
        let sends = [
            Outbound::call(phone()),
            Outbound::call(phone()).debt("acct-1"),
            Outbound::message(phone(), "Your order has shipped."),
            Outbound::message(phone(), "Your order has shipped.").debt("acct-1"),
        ];
        let classes = [None, Some(Class::Essential), Some(Class::NonEssential)];
        let states: [&[State]; 4] = [&[], &[State::FL], &[State::CA], &[State::CA, State::OK]];
        let policies: [fn(&RuleInfo) -> bool; 4] = [
            |_| true,
            |_| false,
            |r| r.code != DEBT006.code,
            |r| r.code != QH002.code,
        ];
        let (mut skipped, mut needed) = (0, 0);
        for send in &sends {
            for class in classes {
                for states in states {
                    for runs in policies {
                        let seen = |h: &RecipientHistory| {
                            findings(send, h, class, states, at(), runs)
                                .into_iter()
                                .map(|f| (f.rule.code, f.message, f.until))
                                .collect::<Vec<_>>()
                        };
                        let (with, without) = (seen(&full), seen(&bare));
                        if counts_attempts(send, class, states, runs) {
                            needed += usize::from(with != without);
                        } else {
                            assert_eq!(with, without, "{send:?} {class:?} {states:?}");
                            skipped += 1;
                        }
                    }
                }
            }
        }
        assert!(skipped > 0 && needed > 0, "{skipped} {needed}");
    }

    #[test]
    fn the_caps_fit_the_seven_days_a_ledger_reads() {
        assert_eq!(RecipientHistory::ATTEMPTS_COUNTED, 7);
        for row in STATE_RULES {
            if let Some(cap) = row.cap {
                assert!(cap.hours <= 7 * 24, "{}", row.citation);
                assert!(cap.count as usize <= RecipientHistory::ATTEMPTS_COUNTED);
            }
        }
    }

    #[test]
    fn debt006_at_and_around_seven_calls() {
        assert!(debt006(hourly(6), false).is_empty());
        // Seven: the cap, counted exactly; the call may go once the first of them is a week
        // old.
        let seven = hourly(7);
        let found = debt006(seven.clone(), false);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "7 calls about this debt in the last seven days (Regulation F allows 7); the latest \
             at 2026-12-04T15:00:00Z"
        );
        assert_eq!(
            found[0].1,
            Some(seven[0] + SignedDuration::from_hours(7 * 24))
        );
        // Eight, all of them on file: exact.
        let eight = hourly(8);
        let found = debt006(eight.clone(), false);
        assert!(found[0].0.starts_with("8 calls"), "{}", found[0].0);
        // The seventh latest is what must age out.
        assert_eq!(
            found[0].1,
            Some(eight[1] + SignedDuration::from_hours(7 * 24))
        );
        // Eight read of more: at least eight, and the same instant to wait for.
        let found = debt006(eight.clone(), true);
        assert!(found[0].0.starts_with("at least 8 calls"), "{}", found[0].0);
        assert_eq!(
            found[0].1,
            Some(eight[1] + SignedDuration::from_hours(7 * 24))
        );
    }

    #[test]
    fn debt006_counts_the_number_without_a_debt() {
        let mut h = RecipientHistory::known();
        h.attempts = hourly(8);
        h.more_attempts = true;
        let found = messages(&Outbound::call(phone()), &h, None, &[], &DEBT006);
        assert!(found[0].0.starts_with("at least 8 calls"), "{}", found[0].0);
        h.attempts = hourly(6);
        h.more_attempts = false;
        assert!(messages(&Outbound::call(phone()), &h, None, &[], &DEBT006).is_empty());
    }

    #[test]
    fn qh002_at_and_around_three_in_a_day() {
        assert!(qh002(hourly(2), false).is_empty());
        let three = hourly(3);
        let found = qh002(three.clone(), false);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "3 attempts to this number in the last 24 hours; Florida's law allows 3"
        );
        assert_eq!(found[0].1, Some(three[0] + SignedDuration::from_hours(24)));
        let found = qh002(hourly(4), false);
        assert!(found[0].0.starts_with("4 attempts"), "{}", found[0].0);
        // The latest eight read of more, all in the day: at least eight.
        let eight = hourly(8);
        let found = qh002(eight.clone(), true);
        assert!(
            found[0].0.starts_with("at least 8 attempts"),
            "{}",
            found[0].0
        );
        assert_eq!(found[0].1, Some(eight[5] + SignedDuration::from_hours(24)));
        // The oldest of those read is outside the day: so is every earlier one, and the count
        // in the day is exact.
        let mut spread = vec![at() - SignedDuration::from_hours(30)];
        spread.extend(hourly(3));
        let found = qh002(spread, true);
        assert_eq!(
            found[0].0,
            "3 attempts to this number in the last 24 hours; Florida's law allows 3"
        );
        // Two in the day, the rest of what was read before it: no finding.
        let mut spread = vec![at() - SignedDuration::from_hours(30); 6];
        spread.extend(hourly(2));
        assert!(qh002(spread, true).is_empty());
    }
}
