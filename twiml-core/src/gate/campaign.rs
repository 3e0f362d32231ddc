//! Campaign files: scheduled sends in TOML, decided one by one (`twiml gate --campaign`), and
//! the examples of the gate's rules.
//!
//! ```toml
//! policies = ["telemarketing"]         # the regimes, as in twiml.toml
//! handling = "defer"                   # or "block"
//! emergencies = ["LA"]                 # states under a declared state of emergency
//! from = "+13055550100"                # defaults for every send
//! channel = "sms"
//! intent = "marketing"
//! use-case = "MARKETING"
//! body = "Acme: 20% off this weekend. Reply STOP to opt out."
//!
//! [allow]                              # rules that do not apply, each with its reason
//! QH003 = "the recipients asked for Sunday calls"
//!
//! [[send]]
//! to = "+13055550123"
//! at = "2026-12-04T02:30:00Z"          # RFC 3339
//! zip = "33101"                        # or state = "FL", or time-zone = "America/New_York"
//!
//! [[send.override]]                    # an override for this send alone
//! rule = "QH001"
//! reason = "the customer asked to be called back at this hour"
//! actor = "agent 4411"
//! ```
//!
//! Every field of a send may also be given at the top as a default, except `to`, `at`, the
//! hints and the overrides. Every name and value is checked: an error names the field and its
//! line and column.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use super::decide::{Gate, Handling};
use super::error::InputError;
use super::history::{
    ConsentKind, ConsentOnFile, OptOutOnFile, Reassigned, ReassignedCheck, RecipientHistory,
};
use super::inbound::Scope;
use super::intent::{MessageIntent, UseCase};
use super::location::{Hints, Zone};
use super::number::{PhoneNumber, Sender};
use super::outbound::{Channel, Content, Outbound, SendOverride};
use super::state::State;
use super::zip::Zip;
use crate::rules::{Policy, Regime, find_rule};

/// Why a campaign file could not be read: what, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignFileError {
    /// The line and column of the offending text, when known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CampaignFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.at {
            write!(f, "{line}:{column}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for CampaignFileError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    policies: Vec<Spanned<String>>,
    handling: Option<Spanned<String>>,
    #[serde(default)]
    emergencies: Vec<Spanned<String>>,
    #[serde(default)]
    allow: BTreeMap<Spanned<String>, String>,
    from: Option<Spanned<String>>,
    channel: Option<Spanned<String>>,
    body: Option<String>,
    intent: Option<Spanned<String>>,
    use_case: Option<Spanned<String>>,
    #[serde(default)]
    send: Vec<SendEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SendEntry {
    to: Spanned<String>,
    at: Option<Spanned<String>>,
    zip: Option<Spanned<String>>,
    state: Option<Spanned<String>>,
    time_zone: Option<Spanned<String>>,
    #[serde(default, rename = "override")]
    overrides: Vec<Spanned<OverrideEntry>>,
    from: Option<Spanned<String>>,
    channel: Option<Spanned<String>>,
    body: Option<String>,
    intent: Option<Spanned<String>>,
    use_case: Option<Spanned<String>>,
    template: Option<bool>,
    debt: Option<String>,
    history: Option<Spanned<HistoryEntry>>,
}

/// What a ledger would know of the recipient: `[send.history]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HistoryEntry {
    opted_out: Option<String>,
    opt_out_scope: Option<String>,
    consent: Option<String>,
    consent_at: Option<String>,
    #[serde(default)]
    consent_missing: Vec<String>,
    reassigned: Option<String>,
    reassigned_checked: Option<String>,
    last_inbound: Option<String>,
    #[serde(default)]
    attempts: Vec<String>,
    #[serde(default)]
    debt_attempts: Vec<String>,
    last_conversation: Option<String>,
    uncaptured_revocation: Option<String>,
}

impl HistoryEntry {
    /// The history, or the message of the first bad value.
    fn read(&self) -> Result<RecipientHistory, String> {
        let instant = |field: &str, value: &str| {
            super::parse_instant(value)
                .map_err(|_| format!("`history.{field}`: `{value}` is not an RFC 3339 timestamp"))
        };
        let mut h = RecipientHistory::known();
        if let Some(at) = &self.opted_out {
            let scope = match self.opt_out_scope.as_deref() {
                None | Some("sender") => Scope::Sender,
                Some("all") => Scope::All,
                Some(other) => {
                    return Err(format!(
                        "`history.opt-out-scope`: expected `sender` or `all`, not `{other}`"
                    ));
                }
            };
            h.opt_out = Some(OptOutOnFile {
                at: instant("opted-out", at)?,
                scope,
                method: "keyword".to_string(),
            });
        }
        if let Some(kind) = &self.consent {
            let kind = ConsentKind::parse(kind).ok_or_else(|| {
                format!("`history.consent`: expected `express` or `express-written`, not `{kind}`")
            })?;
            let at = self
                .consent_at
                .as_deref()
                .ok_or("`history.consent-at`: a consent needs its date")?;
            let mut missing = Vec::new();
            for field in &self.consent_missing {
                let known = super::history::RECORD_FIELDS
                    .iter()
                    .find(|f| **f == field.as_str())
                    .ok_or_else(|| format!("`history.consent-missing`: unknown field `{field}`"))?;
                missing.push(*known);
            }
            h.consent = Some(ConsentOnFile {
                kind,
                at: instant("consent-at", at)?,
                missing,
            });
        }
        if let Some(answer) = &self.reassigned {
            let answer = Reassigned::parse(answer).ok_or_else(|| {
                format!("`history.reassigned`: expected `yes`, `no` or `no-data`, not `{answer}`")
            })?;
            let at = self
                .reassigned_checked
                .as_deref()
                .ok_or("`history.reassigned-checked`: a check needs its date")?;
            h.reassigned = Some(ReassignedCheck {
                answer,
                checked_at: instant("reassigned-checked", at)?,
            });
        }
        if let Some(at) = &self.last_inbound {
            h.last_inbound = Some(instant("last-inbound", at)?);
        }
        for at in &self.attempts {
            h.attempts.push(instant("attempts", at)?);
        }
        h.attempts.sort();
        for at in &self.debt_attempts {
            h.debt_attempts.push(instant("debt-attempts", at)?);
        }
        h.debt_attempts.sort();
        if let Some(at) = &self.last_conversation {
            h.last_conversation = Some(instant("last-conversation", at)?);
        }
        if let Some(at) = &self.uncaptured_revocation {
            h.uncaptured_revocation = Some(instant("uncaptured-revocation", at)?);
        }
        Ok(h)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideEntry {
    rule: String,
    reason: String,
    actor: String,
}

/// One send of a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledSend {
    /// The send.
    pub outbound: Outbound<'static>,
    /// When it is scheduled; `None` means now.
    pub at: Option<jiff::Timestamp>,
    /// The line of its `[[send]]` table.
    pub line: usize,
    /// What a ledger would know of the recipient (`[send.history]`); the default, "nothing
    /// known", without one.
    pub history: RecipientHistory,
}

/// A campaign: the gate its policy makes, and its sends in order.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// The gate, under the file's policy and handling.
    pub gate: Gate,
    /// The sends.
    pub sends: Vec<ScheduledSend>,
}

impl Campaign {
    /// Reads a campaign file.
    ///
    /// ```
    /// use twiml_core::gate::Campaign;
    ///
    /// let campaign = Campaign::from_toml(
    ///     "intent = \"marketing\"\nbody = \"20% off\"\n\n[[send]]\nto = \"+13055550123\"\nat = \"2026-12-04T02:30:00Z\"\n",
    /// )?;
    /// assert_eq!(campaign.sends.len(), 1);
    ///
    /// let error = Campaign::from_toml("[[send]]\nto = \"3055550123\"\n").unwrap_err();
    /// assert_eq!(error.at, Some((2, 6)));
    /// assert!(error.message.starts_with("`to`: "));
    /// # Ok::<(), twiml_core::gate::CampaignFileError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CampaignFileError`] naming the first unknown key or bad value, with its place.
    pub fn from_toml(text: &str) -> Result<Campaign, CampaignFileError> {
        Self::from_toml_with(text, Policy::new())
    }

    /// Reads a campaign file whose policy adds to `base` (a `twiml.toml`, the command line's
    /// options).
    ///
    /// # Errors
    ///
    /// As [`Campaign::from_toml`].
    pub fn from_toml_with(text: &str, base: Policy) -> Result<Campaign, CampaignFileError> {
        let file: File = toml::from_str(text).map_err(|e| CampaignFileError {
            at: e.span().and_then(|span| line_and_column(text, span.start)),
            message: e.message().trim_end().to_string(),
        })?;
        let at = |start: usize| line_and_column(text, start);
        let input = |start: usize| {
            move |e: InputError| CampaignFileError {
                at: line_and_column(text, start),
                message: e.to_string(),
            }
        };

        let mut policy = base;
        for name in &file.policies {
            let regime = Regime::parse(name.get_ref()).ok_or_else(|| CampaignFileError {
                at: at(name.span().start),
                message: format!(
                    "`policies`: unknown policy `{}`; the policies are {}",
                    name.get_ref(),
                    Regime::ALL
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
            policy = policy.regime(regime);
        }
        for (code, reason) in &file.allow {
            if find_rule(code.get_ref()).is_none() {
                return Err(CampaignFileError {
                    at: at(code.span().start),
                    message: format!("`allow`: unknown rule `{}`", code.get_ref()),
                });
            }
            if reason.trim().is_empty() {
                return Err(CampaignFileError {
                    at: at(code.span().start),
                    message: format!(
                        "`allow`: the override of `{}` gives no reason",
                        code.get_ref()
                    ),
                });
            }
            policy = policy.allow(code.get_ref(), reason.clone());
        }
        let mut gate = Gate::new(policy);
        if let Some(handling) = &file.handling {
            gate = gate.handling(match handling.get_ref().as_str() {
                "defer" => Handling::Defer,
                "block" => Handling::Block,
                other => {
                    return Err(CampaignFileError {
                        at: at(handling.span().start),
                        message: format!(
                            "`handling`: unknown handling `{other}`; expected `defer` or `block`"
                        ),
                    });
                }
            });
        }
        for state in &file.emergencies {
            let parsed = State::parse(state.get_ref()).ok_or_else(|| CampaignFileError {
                at: at(state.span().start),
                message: format!(
                    "`emergencies`: unknown state `{}`; expected a two-letter postal code such as `LA`",
                    state.get_ref()
                ),
            })?;
            gate = gate.emergency(parsed);
        }

        let mut sends = Vec::with_capacity(file.send.len());
        for entry in &file.send {
            let to =
                PhoneNumber::parse(entry.to.get_ref()).map_err(input(entry.to.span().start))?;
            let line = at(entry.to.span().start).map_or(0, |(line, _)| line);
            let field = |own: &Option<Spanned<String>>, default: &Option<Spanned<String>>| {
                own.as_ref()
                    .or(default.as_ref())
                    .map(|s| (s.get_ref().clone(), s.span().start))
            };
            let (d, f) = (&file, &entry);
            let body = f
                .body
                .clone()
                .or_else(|| d.body.clone())
                .unwrap_or_default();
            let mut outbound = Outbound::message(to, "").content(Content::from(body));
            if let Some((value, start)) = field(&f.channel, &d.channel) {
                outbound = outbound.channel(Channel::parse(&value).map_err(input(start))?);
            }
            if let Some((value, start)) = field(&f.from, &d.from) {
                outbound = outbound.from(Sender::parse(&value).map_err(input(start))?);
            }
            if let Some((value, start)) = field(&f.intent, &d.intent) {
                outbound = outbound.intent(MessageIntent::parse(&value).map_err(input(start))?);
            }
            if let Some((value, start)) = field(&f.use_case, &d.use_case) {
                outbound = outbound.use_case(UseCase::parse(&value).map_err(input(start))?);
            }
            let mut hints = Hints::default();
            if let Some(zip) = &entry.zip {
                hints.zip = Some(Zip::parse(zip.get_ref()).map_err(input(zip.span().start))?);
            }
            if let Some(state) = &entry.state {
                hints.state = Some(State::parse(state.get_ref()).ok_or_else(|| {
                    input(state.span().start)(InputError::UnknownState {
                        value: state.get_ref().clone(),
                    })
                })?);
            }
            if let Some(zone) = &entry.time_zone {
                hints.time_zone =
                    Some(Zone::parse(zone.get_ref()).map_err(input(zone.span().start))?);
            }
            outbound = outbound.hints(hints);
            for o in &entry.overrides {
                let over =
                    SendOverride::new(&o.get_ref().rule, &o.get_ref().reason, &o.get_ref().actor)
                        .map_err(input(o.span().start))?;
                outbound = outbound.allow(over);
            }
            let when = match &entry.at {
                Some(value) => {
                    Some(super::parse_instant(value.get_ref()).map_err(input(value.span().start))?)
                }
                None => None,
            };
            if let Some(template) = entry.template {
                outbound = outbound.template(template);
            }
            if let Some(debt) = &entry.debt {
                outbound = outbound.debt(debt.clone());
            }
            let history = match &entry.history {
                Some(h) => h.get_ref().read().map_err(|message| CampaignFileError {
                    at: at(h.span().start),
                    message,
                })?,
                None => RecipientHistory::default(),
            };
            sends.push(ScheduledSend {
                outbound,
                at: when,
                line,
                history,
            });
        }
        Ok(Campaign { gate, sends })
    }
}

/// The 1-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}
