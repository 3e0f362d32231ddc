//! The inbound messaging webhook with a consent ledger: every message Twilio forwards is read
//! (STOP, START, HELP, and revocations in free text, in English and Spanish), recorded in the
//! ledger, and answered with the reply TwiML (one confirmation per opt-out, the HELP answer, the
//! opt-in confirmation, or an empty `<Response/>`). `twiml::axum::inbound_messages` and
//! `twiml::actix_web::inbound_message` serve it.
//!
//! Twilio answers its default keywords itself on long codes and toll-free numbers; the webhook
//! still receives them, and the ledger records them, so that the gate blocks the number
//! whichever way the opt-out came. Turn Twilio's own keyword replies off (Advanced Opt-Out) to
//! send the ledger's replies instead of Twilio's.

use std::sync::Arc;

use crate::gate::inbound::Replies;
use crate::gate::{Channel, PhoneNumber, Sender, Timestamp};
use crate::ledger::{Inbound, Ledger, LedgerError};
use crate::webhook::MessagingWebhook;

/// What the inbound webhook needs: the ledger and the replies. Cheap to clone.
#[derive(Clone)]
pub struct InboundMessages {
    ledger: Arc<dyn Ledger>,
    replies: Arc<Replies>,
}

impl std::fmt::Debug for InboundMessages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InboundMessages")
            .field("business", &self.replies.business())
            .finish_non_exhaustive()
    }
}

/// Why an inbound message could not be recorded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InboundError {
    /// The form's `From` or `To` is not a number or sender (the message is not recorded, and
    /// the answer is 422).
    #[error("the inbound message's `{field}` is not usable: {reason}")]
    Form {
        /// `From` or `To`.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// The ledger failed (the answer is 500, and Twilio retries).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl InboundMessages {
    /// The webhook's state: the ledger it records into, and the replies it answers with.
    ///
    /// A service that also decides sends opens its ledger once, with its settings, and shares
    /// it: with [`Durability::Written`](crate::ledger::Durability::Written) its decisions
    /// commit without waiting for the disk, while the inbound messages, opt-outs and replies
    /// recorded here are flushed whatever that setting.
    ///
    /// ```no_run
    /// use std::sync::Arc;
    /// use twiml::gate::inbound::Replies;
    /// use twiml::inbound::InboundMessages;
    /// use twiml::ledger::{AnyLedger, Durability};
    ///
    /// let ledger =
    ///     Arc::new(AnyLedger::open("acme.ledger")?.with_decision_durability(Durability::Written));
    /// let inbox = InboundMessages::new(ledger.clone(), Replies::new("Acme", "support@acme.example"));
    /// // The service's sends are decided with `ledger` (`Ledger::decide_batch`) too.
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(ledger: Arc<dyn Ledger>, replies: Replies) -> InboundMessages {
        InboundMessages {
            ledger,
            replies: Arc::new(replies),
        }
    }

    /// The ledger.
    pub fn ledger(&self) -> &Arc<dyn Ledger> {
        &self.ledger
    }

    /// Reads and records one message, now; returns the reply TwiML. Blocking: call it from a
    /// blocking pool in an async server (the helpers do).
    ///
    /// # Errors
    ///
    /// [`InboundError::Form`] for a `From` or `To` that is not a number or sender,
    /// [`InboundError::Ledger`] when the ledger fails.
    pub fn record(&self, form: &MessagingWebhook) -> Result<String, InboundError> {
        self.record_at(form, Timestamp::now())
    }

    /// [`InboundMessages::record`] at the instant `at`.
    ///
    /// # Errors
    ///
    /// As [`InboundMessages::record`].
    pub fn record_at(
        &self,
        form: &MessagingWebhook,
        at: Timestamp,
    ) -> Result<String, InboundError> {
        let whatsapp = form.from.starts_with("whatsapp:");
        let from =
            PhoneNumber::parse_field("From", &form.from).map_err(|e| InboundError::Form {
                field: "From",
                reason: e.to_string(),
            })?;
        let to = Sender::parse(form.to.trim_start_matches("whatsapp:")).map_err(|e| {
            InboundError::Form {
                field: "To",
                reason: e.to_string(),
            }
        })?;
        let mut message = Inbound::new(from, to, form.body.clone(), at);
        if whatsapp {
            message = message.channel(Channel::Whatsapp);
        }
        let outcome = self.ledger.record_inbound(&message, &self.replies)?;
        Ok(outcome.twiml)
    }
}
