//! What a consent ledger knows of a recipient's past, and the gate's rules that read it:
//! opt-outs (MSG001), revocations the ledger did not capture (MSG008), consent by kind of
//! contact (MSG011, TCPA005, GEN005), reassigned numbers (MSG012), WhatsApp's 24-hour window
//! (WA001), and frequency caps (QH002, DEBT006).

use jiff::{SignedDuration, Timestamp};

use super::inbound::Scope;
use super::intent::{Class, MessageIntent};
use super::outbound::{Channel, Outbound};
use super::state::State;
use super::state_rules::{Coverage, rules_for};
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
    /// The attempts to this number in the seven days before the decision, oldest first.
    pub attempts: Vec<Timestamp>,
    /// The attempts about the send's debt, to any of the person's numbers, in the seven days
    /// before the decision, oldest first.
    pub debt_attempts: Vec<Timestamp>,
    /// The last telephone conversation about the send's debt.
    pub last_conversation: Option<Timestamp>,
    /// An inbound message, after the last consent, that the reader now takes for a revocation
    /// and that the ledger never recorded as one.
    pub uncaptured_revocation: Option<Timestamp>,
}

impl RecipientHistory {
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
    if outbound.channel == Channel::Voice && runs(&DEBT006) {
        let week = SignedDuration::from_hours(7 * 24);
        let attempts = if outbound.debt.is_some() {
            &history.debt_attempts
        } else {
            &history.attempts
        };
        let recent: Vec<Timestamp> = attempts
            .iter()
            .copied()
            .filter(|t| *t <= at && at.duration_since(*t) < week)
            .collect();
        if recent.len() >= 7 {
            let until = recent[recent.len() - 7].checked_add(week).ok();
            push(
                &DEBT006,
                Severity::Error,
                format!(
                    "{} calls about this debt in the last seven days; the seventh was at {}",
                    recent.len(),
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
    if class == Some(Class::NonEssential) && runs(&QH002) {
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
                        recent.len(),
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

/// An instant as findings write it.
pub(crate) fn rfc3339(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
