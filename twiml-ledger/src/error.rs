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
