//! The state of a call as it moves through its documents: what the caller has heard, what
//! runs, what is known about them. A document's rules read the state its caller arrives in;
//! each way out of the document hands the state on, changed by what the document did.

use std::fmt;

use crate::rules::{Fact, Policy};

/// Something that holds from some point of a call on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Condition {
    /// A recording of the whole call runs (`<Start><Recording>`, `<Start><Siprec>`, or the
    /// `recording-started` fact of the policy), and goes on into the next document.
    RecordingStarted,
    /// The caller heard a recording notice.
    RecordingDisclosed,
    /// The caller heard the business's name.
    BusinessIdentified,
    /// The caller heard both parts of the FDCPA mini-Miranda.
    MiniMirandaGiven,
    /// The caller confirmed being the consumer the call is for ("press 1 if you are Jane
    /// Doe"), or the policy says so.
    RightPartyVerified,
    /// The caller is entering card data: the document was reached by keying in what a
    /// `<Gather>` asked for (a card number, its expiry, its security code).
    PaymentInProgress,
}

impl Condition {
    /// Every condition, in the order they are listed.
    pub const ALL: [Condition; 6] = [
        Condition::RecordingStarted,
        Condition::RecordingDisclosed,
        Condition::BusinessIdentified,
        Condition::MiniMirandaGiven,
        Condition::RightPartyVerified,
        Condition::PaymentInProgress,
    ];

    /// The kebab-case name: the name of its [`Fact`] where it is one.
    pub const fn as_str(self) -> &'static str {
        match self.fact() {
            Some(fact) => fact.as_str(),
            None => "payment-in-progress",
        }
    }

    /// The fact the rules read for this condition, where there is one: a document's rules
    /// run with the facts of the state it is reached in.
    pub const fn fact(self) -> Option<Fact> {
        match self {
            Condition::RecordingStarted => Some(Fact::RecordingStarted),
            Condition::RecordingDisclosed => Some(Fact::RecordingDisclosed),
            Condition::BusinessIdentified => Some(Fact::BusinessIdentified),
            Condition::MiniMirandaGiven => Some(Fact::MiniMirandaGiven),
            Condition::RightPartyVerified => Some(Fact::RightPartyVerified),
            Condition::PaymentInProgress => None,
        }
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The set of [`Condition`]s that hold at a point of a call. Small and `Copy`: a flow is
/// analysed once per distinct state a document is reached in, so paths that arrive in the
/// same state are checked once.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct CallState(u8);

impl CallState {
    /// Nothing holds yet.
    pub const NEW: CallState = CallState(0);

    /// The state a call starts in under `policy`: the conditions its facts declare (the
    /// Calls API's `Record=true` is `recording-started`).
    pub fn from_policy(policy: &Policy) -> CallState {
        Condition::ALL
            .into_iter()
            .filter(|c| c.fact().is_some_and(|f| policy.holds(f)))
            .fold(CallState::NEW, CallState::with)
    }

    /// Whether `condition` holds.
    pub const fn holds(self, condition: Condition) -> bool {
        self.0 & condition.bit() != 0
    }

    /// The state with `condition` holding.
    #[must_use]
    pub const fn with(self, condition: Condition) -> CallState {
        CallState(self.0 | condition.bit())
    }

    /// The state without `condition`.
    #[must_use]
    pub const fn without(self, condition: Condition) -> CallState {
        CallState(self.0 & !condition.bit())
    }

    /// The state with `condition` holding or not, as `holds` says.
    #[must_use]
    pub const fn set(self, condition: Condition, holds: bool) -> CallState {
        if holds {
            self.with(condition)
        } else {
            self.without(condition)
        }
    }

    /// The conditions that hold, in [`Condition::ALL`]'s order.
    pub fn conditions(self) -> impl Iterator<Item = Condition> {
        Condition::ALL.into_iter().filter(move |c| self.holds(*c))
    }

    /// `policy` with the facts of this state added: the policy a document's rules run under
    /// when it is reached in this state.
    pub fn policy(self, policy: &Policy) -> Policy {
        self.conditions()
            .filter_map(Condition::fact)
            .fold(policy.clone(), Policy::fact)
    }
}

impl fmt::Debug for CallState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.conditions()).finish()
    }
}

/// The names of the conditions, comma-separated, or `nothing yet`.
impl fmt::Display for CallState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("nothing yet");
        }
        for (i, c) in self.conditions().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(c.as_str())?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CallState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.conditions().map(Condition::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_is_a_set_of_conditions() {
        let state = CallState::NEW
            .with(Condition::RecordingDisclosed)
            .with(Condition::PaymentInProgress);
        assert!(state.holds(Condition::RecordingDisclosed));
        assert!(!state.holds(Condition::RecordingStarted));
        assert_eq!(
            state.to_string(),
            "recording-disclosed, payment-in-progress"
        );
        assert_eq!(
            state.without(Condition::PaymentInProgress).to_string(),
            "recording-disclosed"
        );
        assert_eq!(CallState::NEW.to_string(), "nothing yet");
    }

    #[test]
    fn conditions_that_are_facts_go_to_and_from_the_policy() {
        let policy = Policy::new()
            .fact(Fact::RecordingStarted)
            .fact(Fact::Outbound);
        let state = CallState::from_policy(&policy);
        assert_eq!(state, CallState::NEW.with(Condition::RecordingStarted));
        let reached = state
            .with(Condition::RecordingDisclosed)
            .with(Condition::PaymentInProgress)
            .policy(&policy);
        assert!(reached.holds(Fact::RecordingDisclosed) && reached.holds(Fact::Outbound));
        assert_eq!(Condition::PaymentInProgress.fact(), None);
    }
}
