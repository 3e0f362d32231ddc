//! The rule registry: every compliance rule declared once, with its code (the catalog's ID),
//! a kebab-case name, its family, its default level, the regimes and facts it needs, and its
//! documentation. `twiml explain`, `twiml rules` and the pages in `docs/rules/` read this.
//!
//! The documentation of each rule lives in `docs/<CODE>.md` beside this file, in fixed
//! sections: What it does, Why is this bad (with the regulation's section), Example (TwiML
//! that triggers it), Use instead (TwiML that passes), References. A test runs every Example
//! and Use instead through the rules, under the rule's example policy.

use super::policy::{Fact, Level, Regime};

/// The families of rules, after the catalog's prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// REC: recording, transcription and real-time interception.
    Recording,
    /// PCI: payment card data.
    Payment,
    /// TCPA: content of artificial and prerecorded voice calls.
    Robocall,
    /// AI: artificial voices and AI agents.
    Ai,
    /// DEBT: debt collection (FDCPA, Regulation F).
    Debt,
    /// PHI: health information (HIPAA).
    Health,
    /// MSG: SMS and MMS.
    Messaging,
    /// GEN: cross-cutting.
    General,
}

impl Family {
    /// The family's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Family::Recording => "recording",
            Family::Payment => "payment",
            Family::Robocall => "robocall",
            Family::Ai => "ai",
            Family::Debt => "debt",
            Family::Health => "health",
            Family::Messaging => "messaging",
            Family::General => "general",
        }
    }
}

/// One compliance rule.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The catalog's ID (`REC001`).
    pub code: &'static str,
    /// The kebab-case name; it reads as "allow capture-before-notice".
    pub name: &'static str,
    /// The family.
    pub family: Family,
    /// The level the rule runs at unless a policy says otherwise: `deny` keeps each
    /// finding's severity, `warn` reports errors as warnings (rules the catalog marks
    /// [VERIFY] start there).
    pub default_level: Level,
    /// The regimes the rule belongs to; empty for a baseline rule, which always runs.
    pub regimes: &'static [Regime],
    /// Facts about the call the rule needs to hold before it runs.
    pub needs: &'static [Fact],
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown with the sections What it does, Why is this bad, Example, Use instead,
    /// References.
    pub docs: &'static str,
    /// The policy the Example and Use instead run under: regimes, facts, `business=` and
    /// `callback=` entries, separated by `;`.
    pub example_policy: &'static str,
}

macro_rules! declare_rules {
    ($(
        $ident:ident: $code:literal $name:literal $family:ident $level:ident
            regimes [$($regime:ident),*] needs [$($fact:ident),*]
            example $example:literal,
            $summary:literal;
    )*) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, ": ", $summary, ".")]
            pub static $ident: RuleInfo = RuleInfo {
                code: $code,
                name: $name,
                family: Family::$family,
                default_level: Level::$level,
                regimes: &[$(Regime::$regime),*],
                needs: &[$(Fact::$fact),*],
                summary: $summary,
                docs: include_str!(concat!("docs/", $code, ".md")),
                example_policy: $example,
            };
        )*

        /// Every rule, in code order.
        pub static RULES: &[&RuleInfo] = &[$(&$ident),*];
    };
}

declare_rules! {
    REC001: "REC001" "capture-before-notice" Recording Deny regimes [] needs []
        example "",
        "call recording starts before the caller has heard a recording notice";
    REC002: "REC002" "dialed-party-not-notified" Recording Deny regimes [] needs []
        example "",
        "a recorded call reaches a dialed party or conference without a notice for them";
    REC003: "REC003" "recording-running-before-notice" Recording Deny regimes [] needs [RecordingStarted]
        example "recording-started",
        "recording runs before the document and its first words are not a recording notice";
    REC004: "REC004" "interception-without-notice" Recording Deny regimes [] needs []
        example "",
        "real-time transcription, streaming or an AI session starts before a notice";
    REC005: "REC005" "record-without-cue" Recording Deny regimes [] needs []
        example "",
        "`<Record>` captures a message with no cue that the caller is being recorded";
    PCI001: "PCI001" "card-data-outside-pay" Payment Deny regimes [] needs []
        example "",
        "card data is asked for with `<Gather>`, `<Record>` or an AI agent instead of `<Pay>`";
    PCI002: "PCI002" "card-entry-during-capture" Payment Deny regimes [] needs []
        example "",
        "card data is entered while a recording, stream or transcription runs";
    PCI004: "PCI004" "pay-attribute-hygiene" Payment Deny regimes [] needs []
        example "",
        "a `<Pay>` attribute weakens the payment flow (plain-HTTP callbacks, skipped fraud checks, stored cards)";
    PCI005: "PCI005" "literal-card-number" Payment Deny regimes [] needs []
        example "",
        "a card number or security code is written in the document";
    TCPA001: "TCPA001" "business-not-identified" Robocall Deny regimes [] needs [Outbound]
        example "outbound; business=Acme Widgets, Inc.",
        "an outbound artificial-voice call does not name the business at the beginning";
    TCPA002: "TCPA002" "no-callback-number" Robocall Deny regimes [] needs [Outbound]
        example "outbound; business=Acme Widgets, Inc.",
        "an outbound artificial-voice call states no telephone number of the business";
    TCPA003: "TCPA003" "late-or-missing-opt-out" Robocall Deny regimes [Telemarketing] needs [Outbound]
        example "telemarketing; outbound; business=Acme Widgets, Inc.",
        "a telemarketing call offers no automated opt-out within two seconds of the identification";
    TCPA004: "TCPA004" "voicemail-without-toll-free-opt-out" Robocall Deny regimes [Telemarketing] needs [Outbound, Voicemail]
        example "telemarketing; outbound; voicemail; business=Acme Widgets, Inc.",
        "a telemarketing voicemail gives no toll-free number for the automated opt-out";
    AI002: "AI002" "ai-agent-not-identified" Ai Warn regimes [] needs []
        example "business=Acme Widgets, Inc.",
        "an AI agent does not say, at the outset, which business it speaks for and that it is AI";
    DEBT001: "DEBT001" "missing-mini-miranda" Debt Deny regimes [DebtCollection] needs []
        example "debt-collection; right-party-verified; business=Acme Recovery",
        "an initial debt-collection communication lacks the mini-Miranda disclosure";
    DEBT002: "DEBT002" "missing-debt-collector-statement" Debt Deny regimes [DebtCollection] needs [Subsequent]
        example "debt-collection; subsequent; right-party-verified; business=Acme Recovery",
        "a subsequent debt-collection communication does not say it is from a debt collector";
    DEBT003: "DEBT003" "voicemail-not-limited-content" Debt Deny regimes [DebtCollection] needs [Voicemail]
        example "debt-collection; voicemail; business=ABC Services",
        "a debt-collection voicemail says more than a limited-content message may";
    DEBT004: "DEBT004" "debt-content-before-verification" Debt Deny regimes [DebtCollection] needs [Outbound]
        example "debt-collection; outbound; business=Acme Recovery",
        "an outbound call mentions the debt before the consumer's identity is verified";
    DEBT008: "DEBT008" "collector-not-identified" Debt Deny regimes [DebtCollection] needs []
        example "debt-collection; right-party-verified; business=Acme Recovery",
        "a debt-collection call does not name the collector before the debt";
    DEBT009: "DEBT009" "threatening-language" Debt Deny regimes [DebtCollection] needs []
        example "debt-collection; right-party-verified; business=Acme Recovery",
        "a debt-collection script threatens arrest, suit or seizure";
    PHI001: "PHI001" "health-details-in-content" Health Deny regimes [Healthcare] needs []
        example "healthcare",
        "spoken or texted content holds health details that may reach someone else";
    PHI003: "PHI003" "health-details-in-urls" Health Deny regimes [Healthcare] needs []
        example "healthcare",
        "a URL or parameter carries health details or identifiers";
    MSG003: "MSG003" "missing-opt-out-instructions" Messaging Deny regimes [MarketingSms] needs []
        example "marketing-sms; business=Acme Widgets",
        "a marketing message does not say how to opt out";
    MSG004: "MSG004" "sender-not-identified" Messaging Warn regimes [MarketingSms] needs []
        example "marketing-sms; business=Acme Widgets",
        "a marketing message does not name the sender";
    MSG005: "MSG005" "public-url-shortener" Messaging Deny regimes [] needs []
        example "",
        "a message links through a public URL shortener, which carriers filter";
    MSG006: "MSG006" "forbidden-content" Messaging Deny regimes [] needs []
        example "",
        "a message holds content of a category carriers forbid (SHAFT, cannabis, high-risk finance)";
    GEN001: "GEN001" "undeclared-audio" General Deny regimes [] needs []
        example "outbound; business=Acme Widgets, Inc.",
        "a `<Play>` stands where a disclosure is required and nobody declared what it says";
    GEN003: "GEN003" "insecure-url" General Deny regimes [] needs []
        example "",
        "a callback or document URL is plain HTTP";
}

/// The rule with this code or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

impl RuleInfo {
    /// The documentation as Markdown.
    pub fn explanation(&self) -> &'static str {
        self.docs
    }
}
