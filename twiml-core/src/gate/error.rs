//! Bad input to the gate: each error names the field it is about.

/// Input the gate cannot read. Each variant names the field (`to`, `from`, `at`, `time-zone`,
/// `zip`, `state`, `intent`, `use-case`, `channel`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A telephone number that is not in E.164 form, or not a possible number.
    #[error("`{field}`: `{value}` is not a telephone number: {reason}")]
    InvalidNumber {
        /// The field (`to`).
        field: &'static str,
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A sender that is neither a number, a short code, a messaging service SID nor an
    /// alphanumeric sender ID.
    #[error(
        "`from`: `{value}` is not a sender: expected an E.164 number, a short code, a messaging service SID (MG...) or an alphanumeric sender ID"
    )]
    InvalidSender {
        /// The value given.
        value: String,
    },
    /// A time-zone name the IANA database does not know.
    #[error(
        "`time-zone`: unknown time zone `{value}`; expected an IANA name such as `America/New_York`"
    )]
    UnknownTimeZone {
        /// The value given.
        value: String,
    },
    /// A ZIP code that is not five digits (optionally with four more).
    #[error(
        "`zip`: `{value}` is not a ZIP code; expected five digits, such as `33101` or `33101-1234`"
    )]
    InvalidZip {
        /// The value given.
        value: String,
    },
    /// A state code that names no US state, territory or Canadian province.
    #[error("`state`: unknown state `{value}`; expected a two-letter postal code such as `FL`")]
    UnknownState {
        /// The value given.
        value: String,
    },
    /// A `MessageIntent` that is not in Twilio's list.
    #[error(
        "`intent`: unknown intent `{value}`; expected one of otp, notifications, fraud, security, customercare, delivery, marketing, events, education, polling, announcements"
    )]
    UnknownIntent {
        /// The value given.
        value: String,
    },
    /// A 10DLC use case the gate does not know.
    #[error("`use-case`: unknown 10DLC use case `{value}`; expected one of {expected}")]
    UnknownUseCase {
        /// The value given.
        value: String,
        /// The known use cases.
        expected: String,
    },
    /// A channel that is not sms, mms, whatsapp or voice.
    #[error("`channel`: unknown channel `{value}`; expected sms, mms, whatsapp or voice")]
    UnknownChannel {
        /// The value given.
        value: String,
    },
    /// An instant that is not an RFC 3339 timestamp.
    #[error("`at`: `{value}` is not an RFC 3339 timestamp, such as `2026-12-04T02:30:00Z`")]
    InvalidInstant {
        /// The value given.
        value: String,
    },
    /// An override without a rule the registry knows, or without a reason or an actor.
    #[error("`override`: {problem}")]
    InvalidOverride {
        /// What is wrong.
        problem: String,
    },
}
