//! A consent and opt-out ledger for the send-time gate: who may be contacted.
//!
//! The gate of `twiml_core::gate` decides when a send may go out, from the present alone. The
//! ledger gives it memory: consent records (with the fields the TCPA, the Telemarketing Sales
//! Rule and GDPR ask for), opt-outs and opt-ins read from inbound replies in English and
//! Spanish, attempts and conversations (Regulation F's 7-in-7, the states' caps), reassigned
//! number checks, suppressions, and every decision with its verdict, reasons and overrides,
//! so that an audit can replay who was contacted, when and why.
//!
//! [`Ledger`] is the interface, with two backends:
//!
//! - [`SqliteLedger`], the embedded default: bundled SQLite, WAL, versioned migrations applied
//!   at open, append-only event tables guarded by triggers, a busy timeout so that several
//!   processes of one machine can write at once.
//! - `PostgresLedger` (the `postgres` feature), for a fleet: several app servers (a campaign
//!   worker, the web handlers that take inbound replies, a scheduler) share one ledger on a
//!   PostgreSQL server, so an opt-out that one of them receives blocks a send from all the
//!   others at once. The same tables and migrations, append-only by triggers, and a
//!   transaction-scoped lock per number, so that decisions and opt-outs for one number are in
//!   one order for every process.
//!
//! Two tables hold what the caps count, in both backends (schema version 5 on):
//!
//! - `decisions`: every decision of the gate with the ledger, allowed or not, with its
//!   verdict, rules, findings and data versions. An allowed decision is itself the attempt it
//!   counts as: its row says so (`attempt`) and keeps the send's debt, so that a decision writes
//!   one row and its index entries, not two rows.
//! - `attempts`: the calls and messages made outside the gate ([`Ledger::record_attempt`],
//!   `twiml consent attempt`) and the conversations. In ledgers written before version 5 it
//!   also holds a copy of each allowed decision (`decision_id` names it); those decisions keep
//!   `attempt` unset, so that every attempt counts once however old the ledger.
//!
//! A cap counts the attempts of both tables, and `show` reports each as an `attempt` event.
//!
//! A decision also reads again the replies that an older version of the reader read (after an
//! upgrade of the library, or replies imported unread), for a revocation in free text that
//! reader missed (MSG008). It records what it found in `rereadings` (schema version 6): each
//! reply the current reader takes for a revocation, and the last reply read, after which the
//! next decision reads on. A reply is read again once per version of the reader, not at every
//! decision.
//!
//! [`AnyLedger::open`] opens either from one string (a path, or a `postgres://` URL), as
//! `twiml --db` does. Every method is one transaction, and [`Ledger::decide`] reads the
//! history and records the decision in the same one, so no decision rests on a state older
//! than an opt-out already committed. One conformance suite (`tests/conformance.rs`) runs
//! against both backends.
//!
//! The trait is blocking. A command line needs nothing else, SQLite is a blocking library, and
//! an async server calls it from its blocking pool (`tokio::task::spawn_blocking`,
//! `actix_web::web::block`), as the serving helpers of the `twiml` crate do; an async trait
//! would force a runtime on every caller and still block inside for SQLite.
//!
//! ```
//! use twiml_core::gate::{ConsentKind, Gate, Outbound, PhoneNumber, Sender, Timestamp};
//! use twiml_core::gate::inbound::{Action, Replies};
//! use twiml_core::rules::Policy;
//! use twiml_ledger::{ConsentRecord, Inbound, Ledger, SqliteLedger};
//!
//! let ledger = SqliteLedger::open_in_memory()?;
//! let phone = PhoneNumber::parse("+13055550123")?;
//! let at: Timestamp = "2026-12-01T15:00:00Z".parse()?;
//! ledger.record_consent(&ConsentRecord::new(phone.clone(), ConsentKind::ExpressWritten, at))?;
//!
//! // The recipient replies STOP: recorded, and answered with one confirmation.
//! let replies = Replies::new("Acme", "support@acme.example");
//! let stop_at: Timestamp = "2026-12-01T16:00:00Z".parse()?;
//! let inbound = Inbound::new(phone.clone(), Sender::parse("+13055550100")?, "STOP", stop_at);
//! let outcome = ledger.record_inbound(&inbound, &replies)?;
//! assert_eq!(outcome.reading.action, Action::OptOut);
//! assert!(outcome.twiml.contains("unsubscribed"));
//!
//! // The gate, with the ledger, now blocks that number with 21610.
//! let gate = Gate::new(Policy::new());
//! let text = Outbound::message(phone, "Your order has shipped.");
//! let decided = ledger.decide(&gate, &text, "2026-12-02T15:00:00Z".parse()?)?;
//! assert_eq!(decided.decision.twilio_code(), Some(21610));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod io;
mod model;
mod open;
#[cfg(feature = "postgres")]
mod postgres;
mod record;
mod report;
mod sqlite;
mod state;

pub use error::LedgerError;
pub use io::{Format, read_consents, read_reassigned, write_consents};
pub use model::{
    Attempt, ConsentRecord, Decided, Erasure, HistoryEvent, Inbound, InboundOutcome, PhoneReport,
    ReassignedResult, StateSummary, Suppression,
};
pub use open::{AnyLedger, is_server_url};
#[cfg(feature = "postgres")]
pub use postgres::{MAX_KEY_LOCKS, PostgresLedger};
pub use sqlite::{Checkpoints, SqliteLedger};

/// How far a decision's record has reached when [`Ledger::decide`] or
/// [`Ledger::decide_batch`] returns: the one durability setting of a ledger, for decisions
/// (and the attempts that allowed sends count as) alone.
///
/// Every other record (consents, opt-outs and opt-ins, inbound messages and the replies to
/// them, attempts recorded by [`Ledger::record_attempt`], reassigned-number answers,
/// suppressions, erasures) is flushed to the disk before its call returns, whatever this
/// setting says. Either way a record is all there or not there (each call is one
/// transaction), and a process killed at any moment loses nothing it was told was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Durability {
    /// Flushed to the disk before the call returns: the record survives a power loss. SQLite
    /// commits with `synchronous = FULL` (an `fsync` of the write-ahead log at each commit);
    /// PostgreSQL with the server's `synchronous_commit` (`on` by default). The default.
    #[default]
    Flushed,
    /// Handed to the operating system (SQLite: `synchronous = NORMAL` in WAL mode, no `fsync`
    /// at the commit) or to the server's log buffers (PostgreSQL: `synchronous_commit = off`
    /// for the transaction) before the call returns; flushed with the next record that is
    /// flushed, at the next checkpoint ([`SqliteLedger::checkpoint`]), or, on PostgreSQL,
    /// within three times the server's `wal_writer_delay` (600 ms by default).
    ///
    /// The records survive the process being killed at any moment. A power loss or a crash of
    /// the operating system (on PostgreSQL, also a crash of the server) may take the decisions
    /// recorded since the last flush, and with them the attempts they counted: after such a
    /// crash a cap (7 calls in 7 days, 3 texts in 24 hours) counts from the attempts that
    /// reached the disk. Consents and opt-outs are never among what is lost (they are
    /// flushed, and flushing them flushes every decision recorded before them), and nothing
    /// is left half-written.
    Written,
}

use twiml_core::gate::inbound::Replies;
use twiml_core::gate::{Gate, Outbound, PhoneNumber, RecipientHistory, Sender, Timestamp};

/// A consent ledger: the records the gate reads, each method one transaction.
///
/// Implementations must be safe to share between threads, and between processes writing to
/// the same store: an opt-out committed before a decision starts is seen by that decision.
pub trait Ledger: Send + Sync {
    /// Records a consent (a grant, or a grant again after an opt-out); with `opted_out` set, the
    /// opt-out at `opt_out_timestamp` too. Returns the record's id.
    fn record_consent(&self, record: &ConsentRecord) -> Result<i64, LedgerError>;

    /// Records many consents in one transaction: all of them, or none.
    fn import_consents(&self, records: &[ConsentRecord]) -> Result<usize, LedgerError>;

    /// Every consent record, oldest first, with its current opt-out state.
    fn export_consents(&self) -> Result<Vec<ConsentRecord>, LedgerError>;

    /// Reads an inbound reply and records it: the message, the opt-out or opt-in it is, and
    /// the one confirmation the ledger answers with (a second STOP gets an empty response).
    fn record_inbound(
        &self,
        inbound: &Inbound,
        replies: &Replies,
    ) -> Result<InboundOutcome, LedgerError> {
        self.record_inbound_batch(std::slice::from_ref(inbound), replies)
            .map(|mut v| v.remove(0))
    }

    /// Records many inbound replies in one transaction, in order.
    fn record_inbound_batch(
        &self,
        batch: &[Inbound],
        replies: &Replies,
    ) -> Result<Vec<InboundOutcome>, LedgerError>;

    /// Records a call or message attempt (or a conversation) made outside the gate.
    fn record_attempt(&self, attempt: &Attempt) -> Result<i64, LedgerError>;

    /// Records the answers of the reassigned numbers database (or of Twilio Lookup), in one
    /// transaction.
    fn import_reassigned(&self, results: &[ReassignedResult]) -> Result<usize, LedgerError>;

    /// Records a do-not-call or suppression entry: the number may not be contacted by any
    /// sender until a consent is given again.
    fn record_suppression(&self, suppression: &Suppression) -> Result<i64, LedgerError>;

    /// What the ledger knows of `to` for a send from `from` (about `debt`) at `at`.
    fn history(
        &self,
        to: &PhoneNumber,
        from: Option<&Sender>,
        debt: Option<&str>,
        at: Timestamp,
    ) -> Result<RecipientHistory, LedgerError>;

    /// Decides one send with the ledger, in one transaction: reads the history, asks the gate,
    /// and records the decision (the verdict, the reasons, the overrides); an allowed send
    /// counts as an attempt (its decision's row is that attempt). The record is flushed to the disk before the call returns unless
    /// the ledger was opened for [`Durability::Written`] decisions.
    fn decide(
        &self,
        gate: &Gate,
        outbound: &Outbound<'_>,
        at: Timestamp,
    ) -> Result<Decided, LedgerError> {
        self.decide_batch(gate, std::slice::from_ref(outbound), at)
            .map(|mut v| v.remove(0))
    }

    /// Decides many sends in one transaction, in order (each sees the attempts of the ones
    /// before it).
    fn decide_batch(
        &self,
        gate: &Gate,
        outbounds: &[Outbound<'_>],
        at: Timestamp,
    ) -> Result<Vec<Decided>, LedgerError>;

    /// The records, the current state and the history of one number.
    fn show(&self, phone: &PhoneNumber, at: Timestamp) -> Result<PhoneReport, LedgerError>;

    /// Erases a person's data on request (GDPR Art. 17): removes the personal data of every
    /// record of `phone` and keeps a tombstone that proves the erasure (a salted hash of the
    /// number, when, why, who, how many records). The number stays suppressed.
    fn erase(
        &self,
        phone: &PhoneNumber,
        reason: &str,
        actor: &str,
        at: Timestamp,
    ) -> Result<Erasure, LedgerError>;
}
