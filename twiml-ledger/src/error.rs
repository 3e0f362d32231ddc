//! The ledger's errors.

use std::path::PathBuf;

/// What went wrong in the ledger. Every error names what and where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// The file is not a ledger: another SQLite database, or not a database at all. It is
    /// left untouched.
    #[error("{}: not a twiml ledger ({reason}); the file was left untouched", path.display())]
    NotALedger {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The ledger is damaged.
    #[error("{}: the ledger is corrupt ({reason}); the file was left untouched", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite reported.
        reason: String,
    },
    /// The ledger was written by a newer version of this library.
    #[error("{}: the ledger's schema is version {found}, newer than this library's {supported}", path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest this library knows.
        supported: i64,
    },
    /// A record is malformed; nothing of its batch was written.
    #[error("{place}: {message}")]
    Invalid {
        /// Where: `FILE:LINE`, `record 3`, or the field.
        place: String,
        /// What is wrong, naming the field.
        message: String,
    },
    /// The database failed.
    #[error("the ledger's database failed: {0}")]
    Database(#[from] rusqlite::Error),
    /// The ledger's server cannot be reached (refused, timed out, or gone and not back within
    /// the reconnection window). Nothing was recorded or decided: a caller must not send.
    #[error("{server}: cannot reach the ledger's server: {reason}")]
    Unreachable {
        /// The server, as `postgres://USER@HOST:PORT/DB` (never with a password).
        server: String,
        /// What the connection reported.
        reason: String,
    },
    /// The ledger's server refused or failed a request (authentication, a missing database,
    /// a lost connection while committing).
    #[error("{server}: the ledger's server failed: {reason}")]
    Server {
        /// The server, as `postgres://USER@HOST:PORT/DB` (never with a password).
        server: String,
        /// What the server reported.
        reason: String,
    },
    /// The ledger names a backend this build does not have (a `postgres://` URL without the
    /// `postgres` feature).
    #[error("{target}: {reason}")]
    Unsupported {
        /// The path or URL given.
        target: String,
        /// Why it cannot be opened.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl LedgerError {
    pub(crate) fn invalid(place: impl Into<String>, message: impl Into<String>) -> LedgerError {
        LedgerError::Invalid {
            place: place.into(),
            message: message.into(),
        }
    }
}
