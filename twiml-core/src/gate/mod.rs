//! The send-time gate: whether one outbound message or call may go out now, to this
//! recipient, saying this. With the `gate` feature; without it, the module holds nothing but
//! the declarations of its rules, which the rule registry lists whatever the features.
//!
//! A document can be compliant and its sending not: a marketing text at 22:00 in the
//! recipient's time zone, a sales call on a Sunday in Alabama. The gate decides one send at a
//! time, offline and explainably:
//!
//! 1. **Where the recipient is** ([`locate`]): candidate time zones and states from the
//!    number's area code and exchange (a table derived from Google's libphonenumber), unless a
//!    ZIP code, a state or a time zone on file says better. An area code that spans zones
//!    yields all of them, and the send must suit every one.
//! 2. **What the send is for** ([`classify_with`]): essential or not, with Twilio's
//!    `MessageIntent` values and the Compliance Toolkit's precedence (a declared intent, a
//!    registered 10DLC use case, the policy, then the classifier's cue phrases in English and
//!    Spanish). Every class lists the cues that decided it.
//! 3. **When** ([`Gate::decide`]): the federal window (8 a.m. to 9 p.m. local time) for
//!    non-essential messages (MSG002), solicitation calls (QH001) and debt collectors
//!    (DEBT005), and the state-rules table ([`state_rules`]) for stricter windows (QH001) and
//!    Sunday, holiday and emergency bans (QH003).
//!
//! The answer is a [`Decision`]: a [`Verdict`] (`Allow`, `Defer { until }`,
//! `Block { twilio_code, rules }` or `Review { missing }`), the findings as diagnostics of the
//! rule registry (the same codes, documentation and `twiml explain` as every other rule), the
//! candidate zones and states, the classification, the overrides that applied, and the
//! versions of the data used. Overrides come from the policy (with a reason) or from the send
//! (with a reason and an actor), and are part of the decision, the audit trail.
//!
//! What the gate knows of the recipient's past (opt-outs, consent, attempts) comes in a
//! [`RecipientHistory`]; its default means "nothing known".
//!
//! ```
//! use twiml_core::gate::{Gate, Hints, MessageIntent, Outbound, PhoneNumber, RecipientHistory};
//! use twiml_core::rules::Policy;
//!
//! let gate = Gate::new(Policy::new());
//! let text = Outbound::message(PhoneNumber::parse("+13055550123")?, "Spring sale: 20% off!")
//!     .intent(MessageIntent::Marketing);
//! let decision = gate.decide(&text, &RecipientHistory::default(), "2026-12-04T02:30:00Z".parse()?);
//! assert_eq!(decision.verdict.as_str(), "defer");
//! assert_eq!(decision.next_allowed_at, Some("2026-12-04T13:00:00Z".parse()?));
//! // Silent hours block it; Florida's stricter window, unconfirmed for texts, only warns.
//! assert_eq!(decision.rules(), ["MSG002"]);
//! assert_eq!(decision.findings[1].code, "QH001");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Without the `gate` feature the module documents items that are not compiled.
#![cfg_attr(not(feature = "gate"), allow(rustdoc::broken_intra_doc_links))]

// The gate's rules, declared where the registry finds them, whatever the features.
pub(crate) mod consent_rules;
pub(crate) mod rules;

#[cfg(all(feature = "gate", feature = "config"))]
mod campaign;
#[cfg(feature = "gate")]
mod classify;
#[cfg(feature = "gate")]
mod decide;
#[cfg(feature = "gate")]
mod error;
#[cfg(feature = "gate")]
mod generated;
#[cfg(feature = "gate")]
mod history;
#[cfg(feature = "gate")]
pub mod holidays;
#[cfg(feature = "gate")]
pub mod inbound;
#[cfg(feature = "gate")]
mod intent;
#[cfg(feature = "gate")]
mod location;
#[cfg(feature = "gate")]
mod number;
#[cfg(feature = "gate")]
mod outbound;
#[cfg(feature = "gate")]
mod state;
#[cfg(feature = "gate")]
pub mod state_rules;
#[cfg(feature = "gate")]
mod window;
#[cfg(feature = "gate")]
mod zip;

#[cfg(feature = "gate")]
pub use api::*;

/// The gate's public items, compiled with the `gate` feature.
#[cfg(feature = "gate")]
mod api {
    #[cfg(feature = "config")]
    pub use super::campaign::{Campaign, CampaignFileError, ScheduledSend};
    pub use super::classify::{
        Classification, Classifier, Cue, Declared, NEVER_NON_ESSENTIAL_KINDS, Source, classify,
        classify_with,
    };
    pub use super::decide::{
        AppliedOverride, DataVersions, Decision, Field, Gate, Handling, Missing, Reads, Verdict,
    };
    pub use super::error::InputError;
    pub use super::history::{
        ConsentKind, ConsentOnFile, OPTED_OUT, OUTSIDE_WHATSAPP_WINDOW, OptOutOnFile,
        RECORD_FIELDS, Reassigned, ReassignedCheck, RecipientHistory,
    };
    pub use super::inbound::{Reading, read_reply};
    pub use super::intent::{Class, MessageIntent, UseCase};
    pub use super::location::{Evidence, Hints, Location, Zone, locate};
    pub use super::number::{PhoneNumber, Sender};
    pub use super::outbound::{Channel, Content, Outbound, SendOverride};
    pub use super::state::{Country, State};
    pub use super::zip::Zip;

    /// The date and time library of the gate's API (instants, time zones, civil times), so
    /// that callers use the same version.
    pub use jiff;
    /// The instant type of the gate: a point in time, as `jiff` has it.
    pub use jiff::Timestamp;

    /// Reads an RFC 3339 timestamp (`2026-12-04T02:30:00Z`, `2026-12-03T21:30:00-05:00`); an
    /// error names the `at` field.
    pub fn parse_instant(value: &str) -> Result<Timestamp, InputError> {
        value
            .trim()
            .parse()
            .map_err(|_| InputError::InvalidInstant {
                value: value.to_string(),
            })
    }
}
