//! One opener for every backend: a path opens the SQLite ledger, a `postgres://` URL the
//! PostgreSQL one.

use twiml_core::gate::inbound::Replies;
use twiml_core::gate::{Gate, Outbound, PhoneNumber, RecipientHistory, Sender, Timestamp};

#[cfg(feature = "postgres")]
use crate::PostgresLedger;
use crate::model::{
    Attempt, ConsentRecord, Decided, Erasure, Inbound, InboundOutcome, PhoneReport,
    ReassignedResult, Suppression,
};
use crate::{Checkpoints, Durability, Ledger, LedgerError, SqliteLedger};

/// A ledger on whichever backend its location names: what `twiml --db` and a server's
/// configuration open.
///
/// ```
/// use twiml_ledger::{AnyLedger, Ledger};
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("acme.ledger");
/// let ledger = AnyLedger::open(path.to_str().unwrap())?; // or "postgres://twiml@db.internal/ledger"
/// assert!(matches!(ledger, AnyLedger::Sqlite(_)));
/// assert!(ledger.export_consents()?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
// A program holds one or two ledgers, behind an `Arc`: the size of the value does not matter.
#[allow(clippy::large_enum_variant)]
pub enum AnyLedger {
    /// An SQLite file.
    Sqlite(SqliteLedger),
    /// A PostgreSQL server.
    #[cfg(feature = "postgres")]
    Postgres(PostgresLedger),
}

/// Whether `target` names a PostgreSQL server (`postgres://` or `postgresql://`) rather than
/// a file.
pub fn is_server_url(target: &str) -> bool {
    let head = target.get(..13).unwrap_or(target).to_ascii_lowercase();
    head.starts_with("postgres://") || head.starts_with("postgresql://")
}

impl AnyLedger {
    /// Opens the ledger `target` names: a `postgres://USER@HOST/DB` (or `postgresql://`) URL
    /// opens [`PostgresLedger`] (with the `postgres` feature), anything else is the path of
    /// an SQLite file ([`SqliteLedger::open`]).
    ///
    /// # Errors
    ///
    /// Those of the backend's `open`; [`LedgerError::Unsupported`] for a URL when this build
    /// has no PostgreSQL backend.
    pub fn open(target: &str) -> Result<AnyLedger, LedgerError> {
        if is_server_url(target) {
            #[cfg(feature = "postgres")]
            return PostgresLedger::open(target).map(AnyLedger::Postgres);
            #[cfg(not(feature = "postgres"))]
            return Err(LedgerError::Unsupported {
                target: target.to_string(),
                reason: "this build has no PostgreSQL ledger (the `postgres` feature of \
                         twiml-ledger)"
                    .to_string(),
            });
        }
        SqliteLedger::open(target).map(AnyLedger::Sqlite)
    }

    /// How far a decision's record has reached when `decide` returns, on either backend
    /// ([`SqliteLedger::with_decision_durability`]); every other record stays flushed.
    #[must_use]
    pub fn with_decision_durability(self, durability: Durability) -> AnyLedger {
        match self {
            AnyLedger::Sqlite(l) => AnyLedger::Sqlite(l.with_decision_durability(durability)),
            #[cfg(feature = "postgres")]
            AnyLedger::Postgres(l) => AnyLedger::Postgres(l.with_decision_durability(durability)),
        }
    }

    /// Who checkpoints an SQLite file's write-ahead log ([`SqliteLedger::with_checkpoints`]):
    /// the ledger's own thread (the default) or the commits, as a short command that opens a
    /// ledger, records and exits wants. A PostgreSQL server checkpoints on its own schedule,
    /// so its ledger is returned as it is.
    ///
    /// # Errors
    ///
    /// Those of [`SqliteLedger::with_checkpoints`] (the thread could not be started).
    pub fn with_checkpoints(self, checkpoints: Checkpoints) -> Result<AnyLedger, LedgerError> {
        match self {
            AnyLedger::Sqlite(l) => l.with_checkpoints(checkpoints).map(AnyLedger::Sqlite),
            #[cfg(feature = "postgres")]
            AnyLedger::Postgres(l) => Ok(AnyLedger::Postgres(l)),
        }
    }

    /// Who checkpoints the write-ahead log: [`SqliteLedger::checkpoints`] for a file, and
    /// `None` for a PostgreSQL server, which checkpoints on its own.
    pub fn checkpoints(&self) -> Option<Checkpoints> {
        match self {
            AnyLedger::Sqlite(l) => Some(l.checkpoints()),
            #[cfg(feature = "postgres")]
            AnyLedger::Postgres(_) => None,
        }
    }

    fn inner(&self) -> &dyn Ledger {
        match self {
            AnyLedger::Sqlite(l) => l,
            #[cfg(feature = "postgres")]
            AnyLedger::Postgres(l) => l,
        }
    }
}

impl Ledger for AnyLedger {
    fn record_consent(&self, record: &ConsentRecord) -> Result<i64, LedgerError> {
        self.inner().record_consent(record)
    }

    fn import_consents(&self, records: &[ConsentRecord]) -> Result<usize, LedgerError> {
        self.inner().import_consents(records)
    }

    fn export_consents(&self) -> Result<Vec<ConsentRecord>, LedgerError> {
        self.inner().export_consents()
    }

    fn record_inbound(
        &self,
        inbound: &Inbound,
        replies: &Replies,
    ) -> Result<InboundOutcome, LedgerError> {
        self.inner().record_inbound(inbound, replies)
    }

    fn record_inbound_batch(
        &self,
        batch: &[Inbound],
        replies: &Replies,
    ) -> Result<Vec<InboundOutcome>, LedgerError> {
        self.inner().record_inbound_batch(batch, replies)
    }

    fn record_attempt(&self, attempt: &Attempt) -> Result<i64, LedgerError> {
        self.inner().record_attempt(attempt)
    }

    fn import_reassigned(&self, results: &[ReassignedResult]) -> Result<usize, LedgerError> {
        self.inner().import_reassigned(results)
    }

    fn record_suppression(&self, suppression: &Suppression) -> Result<i64, LedgerError> {
        self.inner().record_suppression(suppression)
    }

    fn history(
        &self,
        to: &PhoneNumber,
        from: Option<&Sender>,
        debt: Option<&str>,
        at: Timestamp,
    ) -> Result<RecipientHistory, LedgerError> {
        self.inner().history(to, from, debt, at)
    }

    fn decide(
        &self,
        gate: &Gate,
        outbound: &Outbound<'_>,
        at: Timestamp,
    ) -> Result<Decided, LedgerError> {
        self.inner().decide(gate, outbound, at)
    }

    fn decide_batch(
        &self,
        gate: &Gate,
        outbounds: &[Outbound<'_>],
        at: Timestamp,
    ) -> Result<Vec<Decided>, LedgerError> {
        self.inner().decide_batch(gate, outbounds, at)
    }

    fn show(&self, phone: &PhoneNumber, at: Timestamp) -> Result<PhoneReport, LedgerError> {
        self.inner().show(phone, at)
    }

    fn erase(
        &self,
        phone: &PhoneNumber,
        reason: &str,
        actor: &str,
        at: Timestamp,
    ) -> Result<Erasure, LedgerError> {
        self.inner().erase(phone, reason, actor, at)
    }
}

#[cfg(test)]
mod tests {
    use twiml_core::gate::{ConsentKind, PhoneNumber};

    use super::*;

    /// A file opened through `AnyLedger` checkpoints on the ledger's thread until told to
    /// leave it to the commits; either way what was recorded is there when the file is
    /// opened again.
    #[test]
    fn checkpoints_are_chosen_through_any_ledger() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("acme.ledger");
        let target = path.to_str().expect("a UTF-8 path");
        let phone = PhoneNumber::parse("+13055550123").expect("a number");
        let at: Timestamp = "2026-06-01T15:00:00Z".parse().expect("an instant");

        let ledger = AnyLedger::open(target).expect("opened");
        assert_eq!(ledger.checkpoints(), Some(Checkpoints::Background));
        let ledger = ledger
            .with_checkpoints(Checkpoints::AtCommits)
            .expect("the thread stopped");
        assert_eq!(ledger.checkpoints(), Some(Checkpoints::AtCommits));
        ledger
            .record_consent(&ConsentRecord::new(
                phone.clone(),
                ConsentKind::ExpressWritten,
                at,
            ))
            .expect("recorded");
        drop(ledger);

        let ledger = AnyLedger::open(target).expect("opened again");
        assert_eq!(ledger.export_consents().expect("exported").len(), 1);
        let ledger = ledger
            .with_checkpoints(Checkpoints::Background)
            .expect("the thread running");
        assert_eq!(ledger.checkpoints(), Some(Checkpoints::Background));
    }
}
