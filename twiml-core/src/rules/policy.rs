//! Policies: which regimes apply to a flow, what the document cannot show about the call,
//! and how strictly each rule is enforced, with every relaxation carrying its reason.

use std::fmt;

use super::RULES;
use super::registry::{RuleInfo, find_rule};

/// A body of law or industry rules that applies to a flow. The baseline rules (recording
/// notices, card data, URL hygiene, carrier-filtered content) apply to every flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Regime {
    /// The flow takes payments (PCI DSS): capture during payment and insecure callbacks are
    /// errors, not warnings.
    Payments,
    /// The caller collects consumer debts (FDCPA, Regulation F).
    DebtCollection,
    /// The caller is a covered entity or business associate (HIPAA).
    Healthcare,
    /// The call sells goods or services (TCPA 64.1200(b)(3), the Telemarketing Sales Rule).
    Telemarketing,
    /// An AI agent speaks on the call (FCC 24-17, state AI disclosure laws).
    AiAgent,
    /// The messages are marketing (CTIA Messaging Principles, carrier rules).
    MarketingSms,
}

impl Regime {
    /// Every regime.
    pub const ALL: [Regime; 6] = [
        Regime::Payments,
        Regime::DebtCollection,
        Regime::Healthcare,
        Regime::Telemarketing,
        Regime::AiAgent,
        Regime::MarketingSms,
    ];

    /// The kebab-case name used in `twiml.toml` and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Regime::Payments => "payments",
            Regime::DebtCollection => "debt-collection",
            Regime::Healthcare => "healthcare",
            Regime::Telemarketing => "telemarketing",
            Regime::AiAgent => "ai-agent",
            Regime::MarketingSms => "marketing-sms",
        }
    }

    /// The regime with this name.
    pub fn parse(name: &str) -> Option<Regime> {
        Regime::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fact about the call that the document cannot show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Fact {
    /// The business placed the call (a REST-initiated or dialled-out call), so the TwiML runs
    /// on the consumer's leg and the robocall rules apply.
    Outbound,
    /// The message is left on an answering machine or voicemail.
    Voicemail,
    /// A later communication about the same debt (the initial one gave the mini-Miranda).
    Subsequent,
    /// The consumer's identity was verified before this document runs.
    RightPartyVerified,
    /// Recording runs before this document (the Calls API `Record=true`, a SIP trunk, a
    /// previous document).
    RecordingStarted,
    /// The recording notice was given earlier in the call.
    RecordingDisclosed,
    /// The business was named earlier in the call (a document that runs after the greeting,
    /// such as the `action` of a menu): the name need not come again at its beginning.
    BusinessIdentified,
    /// Both parts of the mini-Miranda were given earlier in the same call (a document that
    /// runs after the one that gave them): the debt may be discussed without repeating it.
    MiniMirandaGiven,
}

impl Fact {
    /// Every fact.
    pub const ALL: [Fact; 8] = [
        Fact::Outbound,
        Fact::Voicemail,
        Fact::Subsequent,
        Fact::RightPartyVerified,
        Fact::RecordingStarted,
        Fact::RecordingDisclosed,
        Fact::BusinessIdentified,
        Fact::MiniMirandaGiven,
    ];

    /// The kebab-case name used in `twiml.toml` and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Fact::Outbound => "outbound",
            Fact::Voicemail => "voicemail",
            Fact::Subsequent => "subsequent",
            Fact::RightPartyVerified => "right-party-verified",
            Fact::RecordingStarted => "recording-started",
            Fact::RecordingDisclosed => "recording-disclosed",
            Fact::BusinessIdentified => "business-identified",
            Fact::MiniMirandaGiven => "mini-miranda-given",
        }
    }

    /// The fact with this name.
    pub fn parse(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strictly a rule is enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Level {
    /// The rule does not run. Setting this level is an override and needs a reason.
    Allow,
    /// Findings are reported but never stop a build or fail a check.
    Warn,
    /// Error findings stop the build and fail the check.
    Deny,
}

impl Level {
    /// The lowercase name (`allow`, `warn`, `deny`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    /// The level with this name.
    pub fn parse(name: &str) -> Option<Level> {
        match name {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a pre-recorded audio file says, declared by its author so that the rules can read a
/// `<Play>` the way they read a `<Say>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Disclosure {
    /// "This call may be recorded."
    RecordingNotice,
    /// The business's name.
    BusinessIdentity,
    /// That the caller is an AI or automated system.
    AiDisclosure,
    /// A telephone number to call back.
    CallbackNumber,
    /// An automated opt-out instruction.
    OptOut,
    /// The mini-Miranda: an attempt to collect a debt, information used for that purpose.
    MiniMiranda,
    /// "This communication is from a debt collector."
    DebtCollector,
}

impl Disclosure {
    /// Every disclosure.
    pub const ALL: [Disclosure; 7] = [
        Disclosure::RecordingNotice,
        Disclosure::BusinessIdentity,
        Disclosure::AiDisclosure,
        Disclosure::CallbackNumber,
        Disclosure::OptOut,
        Disclosure::MiniMiranda,
        Disclosure::DebtCollector,
    ];

    /// The kebab-case name used in `twiml.toml`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Disclosure::RecordingNotice => "recording-notice",
            Disclosure::BusinessIdentity => "business-identity",
            Disclosure::AiDisclosure => "ai-disclosure",
            Disclosure::CallbackNumber => "callback-number",
            Disclosure::OptOut => "opt-out",
            Disclosure::MiniMiranda => "mini-miranda",
            Disclosure::DebtCollector => "debt-collector",
        }
    }

    /// The disclosure with this name.
    pub fn parse(name: &str) -> Option<Disclosure> {
        Disclosure::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

/// A rule set to `allow`, with the reason. Kept with the finished response and in the JSON
/// output: the audit trail of every relaxation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Override {
    /// The rule's code.
    pub code: String,
    /// Why the rule does not apply to this flow.
    pub reason: String,
}

/// A policy: which regimes apply, facts about the call, the business's names and numbers,
/// per-rule levels, overrides with reasons, and declarations of what audio files say.
///
/// ```
/// use twiml::rules::{Fact, Policy, Regime};
///
/// let policy = Policy::new()
///     .regime(Regime::DebtCollection)
///     .fact(Fact::Outbound)
///     .business_name("Acme Widgets")
///     .callback_number("+18005550100")
///     .allow("REC001", "consent to recording is captured at sign-up");
/// assert!(policy.applies(Regime::DebtCollection));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    regimes: Vec<Regime>,
    facts: Vec<Fact>,
    business_names: Vec<String>,
    callback_numbers: Vec<String>,
    levels: Vec<(&'static RuleInfo, Level)>,
    overrides: Vec<Override>,
    audio: Vec<(String, Vec<Disclosure>)>,
    deny_warnings: bool,
    problems: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::new()
    }
}

impl Policy {
    /// The baseline: no regime, no facts, every rule at its default level.
    pub const fn new() -> Self {
        Policy {
            regimes: Vec::new(),
            facts: Vec::new(),
            business_names: Vec::new(),
            callback_numbers: Vec::new(),
            levels: Vec::new(),
            overrides: Vec::new(),
            audio: Vec::new(),
            deny_warnings: false,
            problems: Vec::new(),
        }
    }

    /// Adds a regime.
    pub fn regime(mut self, regime: Regime) -> Self {
        if !self.regimes.contains(&regime) {
            self.regimes.push(regime);
        }
        self
    }

    /// Makes warnings fail the build, as `twiml check --deny warnings` does on the command
    /// line (`deny = "warnings"` in `twiml.toml`): every warning of the build step and of
    /// validation is reported as an error, so a response with one is never served.
    ///
    /// ```
    /// use twiml::rules::{Policy, Regime};
    /// use twiml::voice::VoiceResponse;
    ///
    /// let mut response = VoiceResponse::new();
    /// response.say("This is Dr. Lee's office about your cardiology appointment on Monday.");
    /// let healthcare = Policy::new().regime(Regime::Healthcare);
    /// // A health detail said on an inbound call is a warning under the healthcare policy...
    /// assert!(!response.clone().build_with(&healthcare)?.warnings().is_empty());
    /// // ...and an error when warnings are denied.
    /// assert!(response.build_with(&healthcare.deny_warnings()).is_err());
    /// # Ok::<(), twiml::BuildError>(())
    /// ```
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Whether warnings fail the build ([`Policy::deny_warnings`]).
    pub fn denies_warnings(&self) -> bool {
        self.deny_warnings
    }

    /// Reports the warnings among `findings` as errors when the policy denies warnings.
    pub(crate) fn escalate<S>(&self, findings: &mut [crate::Diagnostic<S>]) {
        if self.deny_warnings {
            for finding in findings {
                if finding.severity == crate::Severity::Warning {
                    finding.severity = crate::Severity::Error;
                }
            }
        }
    }

    /// Adds a fact about the call.
    pub fn fact(mut self, fact: Fact) -> Self {
        if !self.facts.contains(&fact) {
            self.facts.push(fact);
        }
        self
    }

    /// Adds a name the business uses in its scripts (the registered name first).
    pub fn business_name(mut self, name: impl Into<String>) -> Self {
        self.business_names.push(name.into());
        self
    }

    /// Adds a telephone number the business answers for call-backs and opt-out requests.
    pub fn callback_number(mut self, number: impl Into<String>) -> Self {
        self.callback_numbers.push(number.into());
        self
    }

    /// Sets a rule's level. Use [`Policy::allow`] to turn a rule off: that needs a reason.
    pub fn level(mut self, code: &str, level: Level) -> Self {
        if level == Level::Allow {
            self.problems.push(format!(
                "`{code}` is set to `allow` without a reason; use an override"
            ));
            return self;
        }
        match find_rule(code) {
            Some(rule) => {
                self.levels.retain(|(r, _)| !std::ptr::eq(*r, rule));
                self.levels.push((rule, level));
            }
            None => self.problems.push(format!("unknown rule `{code}`")),
        }
        self
    }

    /// Turns a rule off for this flow, for the reason given. The reason is mandatory: it is
    /// the audit trail.
    pub fn allow(mut self, code: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        match find_rule(code) {
            None => self.problems.push(format!("unknown rule `{code}`")),
            Some(_) if reason.trim().is_empty() => self
                .problems
                .push(format!("the override of `{code}` gives no reason")),
            Some(rule) => {
                self.overrides.retain(|o| o.code != rule.code);
                self.overrides.push(Override {
                    code: rule.code.to_string(),
                    reason,
                });
            }
        }
        self
    }

    /// Declares what an audio file played with `<Play>` says.
    pub fn declare_audio(mut self, url: impl Into<String>, says: &[Disclosure]) -> Self {
        self.audio.push((url.into(), says.to_vec()));
        self
    }

    /// Whether `regime` applies.
    pub fn applies(&self, regime: Regime) -> bool {
        self.regimes.contains(&regime)
    }

    /// Whether `fact` holds.
    pub fn holds(&self, fact: Fact) -> bool {
        self.facts.contains(&fact)
    }

    /// The regimes that apply.
    pub fn regimes(&self) -> &[Regime] {
        &self.regimes
    }

    /// The facts that hold.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The business's names.
    pub fn business_names(&self) -> &[String] {
        &self.business_names
    }

    /// The business's call-back numbers.
    pub fn callback_numbers(&self) -> &[String] {
        &self.callback_numbers
    }

    /// The overrides, with their reasons.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// The levels set for rules, in the order set (overrides are in [`Policy::overrides`]).
    pub fn levels(&self) -> impl Iterator<Item = (&'static RuleInfo, Level)> + '_ {
        self.levels.iter().copied()
    }

    /// Every declared audio file, with what it says, in the order declared.
    pub fn declared_audio(&self) -> impl Iterator<Item = (&str, &[Disclosure])> {
        self.audio
            .iter()
            .map(|(url, says)| (url.as_str(), says.as_slice()))
    }

    /// What the audio file at `url` was declared to say.
    pub fn audio_says(&self, url: &str) -> &[Disclosure] {
        self.audio
            .iter()
            .find(|(u, _)| u == url.trim())
            .map_or(&[], |(_, says)| says.as_slice())
    }

    /// Problems with the policy itself (an unknown rule, an override without a reason). A
    /// build or check with such a policy fails.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The level a rule runs at under this policy.
    pub fn level_of(&self, rule: &RuleInfo) -> Level {
        if self.overrides.iter().any(|o| o.code == rule.code) {
            return Level::Allow;
        }
        self.levels
            .iter()
            .find(|(r, _)| std::ptr::eq(*r, rule))
            .map_or(rule.default_level, |(_, level)| *level)
    }

    /// Whether `rule` runs on this flow: its regime applies (or it is a baseline rule), the
    /// facts it needs hold, and it is not allowed.
    pub fn runs(&self, rule: &RuleInfo) -> bool {
        let regime = rule.regimes.is_empty() || rule.regimes.iter().any(|r| self.applies(*r));
        let facts = rule.needs.iter().all(|f| self.holds(*f));
        regime && facts && self.level_of(rule) != Level::Allow
    }

    /// Adds overrides found in a document's comments.
    pub(crate) fn with_overrides(&self, extra: &[Override]) -> Policy {
        let mut policy = self.clone();
        for o in extra {
            policy = policy.allow(&o.code, o.reason.clone());
        }
        policy
    }
}

/// Every rule code, for command-line help.
pub fn rule_codes() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.code)
}
