//! The embedded ledger: SQLite, bundled.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, params};
use sha2::{Digest, Sha256};
use twiml_core::gate::inbound::{self, Action, Replies, Scope};
use twiml_core::gate::jiff::SignedDuration;
use twiml_core::gate::{
    ConsentKind, ConsentOnFile, Gate, OptOutOnFile, Outbound, PhoneNumber, Reassigned,
    ReassignedCheck, RecipientHistory, Sender, Timestamp, Verdict,
};

use crate::model::{
    Attempt, ConsentRecord, Decided, Erasure, Inbound, InboundOutcome, PhoneReport,
    ReassignedResult, Suppression,
};
use crate::record::{DecisionRow, versions};
use crate::state::{
    ATTEMPTS_READ, Reread, check_erasure_request, erasure_statements, latest_attempts, read_again,
};
use crate::{Durability, Ledger, LedgerError};

/// The statements of an erasure, made once.
static ERASURE: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| erasure_statements("?1").collect());

/// The ledger's mark in the SQLite header (`PRAGMA application_id`): "TWLG".
const APPLICATION_ID: i64 = 0x5457_4c47;

/// The size of the write-ahead log, in pages, past which a commit copies it into the database
/// (a checkpoint, with two `fsync`s of its own). SQLite's default is 1,000 pages (4 MB); at
/// 10,000 (40 MB) a checkpoint comes every 60,000 or so decisions instead of every 6,000, and
/// copies once the index pages that many commits wrote again and again.
const WAL_AUTOCHECKPOINT: i64 = 10_000;

/// The size of the write-ahead log, in pages, at which the ledger's own checkpointer
/// ([`Checkpoints::Background`]) copies it into the database file and lets the next commit
/// start it again: 6,000 pages (24 MB), some 6,000 to 150,000 decisions. A page that many
/// commits wrote is copied once, and the log never reaches the threshold at which a commit
/// copies it.
const CHECKPOINT_PAGES: i64 = 6_000;

/// How often the ledger's own checkpointer flushes what decisions of [`Durability::Written`]
/// committed without a flush (a checkpoint flushes the log first): what a power loss can take
/// of them is at most that long.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Who copies the write-ahead log into the database file (a checkpoint: the pages the commits
/// appended to the log, written into the file, then both flushed): the ledger's own thread,
/// beside the commits, or the commits themselves.
///
/// SQLite's own way is the second: the commit that finds the log past a threshold (here
/// 10,000 pages, 40 MB) checkpoints before it returns, so that one call in tens of thousands
/// waits for tens of megabytes to be written and flushed twice. A server that records
/// decisions as they come wants none of its calls to carry that, and the machine's other
/// cores are idle while a commit waits for the disk: the default is a thread of the ledger's
/// own, on a connection of its own, that copies the log once it holds 6,000 pages (24 MB),
/// without waiting for a reader or a writer (and without making one wait); it then copies
/// what the commits added meanwhile, holding the next write back for that short while, so
/// that the next commit starts the log again from its beginning. Copies of thousands of pages
/// at once copy a page the commits wrote again and again once, and the commits between two
/// of them see no checkpoint. The commits keep SQLite's threshold as a backstop, reached only
/// when the thread falls behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Checkpoints {
    /// A thread of the ledger's own, started by the first transaction that writes to the file
    /// and stopped (and joined) when the ledger is dropped or switched to
    /// [`Checkpoints::AtCommits`]. The default.
    #[default]
    Background,
    /// No thread: the commit that finds the log past 10,000 pages checkpoints, on the calling
    /// thread, as SQLite does by default; [`SqliteLedger::checkpoint`] does it when called. For
    /// a program that wants no thread of the library's (a short command, a process that
    /// checkpoints on its own schedule).
    AtCommits,
}

/// The ledger's checkpointing thread: stopped and joined on drop.
#[derive(Debug)]
struct Checkpointer {
    /// Wakes the thread: sent by a commit that leaves the log at [`CHECKPOINT_PAGES`] or more
    /// (the connection's hook holds a copy), and on drop.
    wake: std::sync::mpsc::SyncSender<()>,
    /// Set on drop: the thread ends at its next wake.
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The size of the log after the latest commit, in pages (set by the connection's hook).
    pages: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// Set by a commit of [`Durability::Written`] decisions: the thread flushes them within
    /// [`CHECKPOINT_EVERY`].
    unflushed: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Held by every transaction that writes, and by the thread while it copies what the
    /// commits added during its copy: the next write then finds the whole log in the file and
    /// starts it again.
    writes: std::sync::Arc<Mutex<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The pages the thread's checkpoints found in the file, summed (shared with the thread,
    /// which holds its copy until it ends).
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the tests"))]
    copied: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// The error of the thread's latest round, `None` once a round succeeds (shared with the
    /// thread): [`SqliteLedger::checkpoint_failure`].
    failure: std::sync::Arc<Mutex<Option<String>>>,
}

impl Checkpointer {
    /// Starts the thread, which waits to be woken by a commit that leaves `threshold` pages or
    /// more in the log, or for `every` to pass. Woken by a commit, it copies the log into the
    /// file (a passive checkpoint of `path`, on a connection of its own opened at its first
    /// round), then, holding [`Checkpointer::writes`], copies what was committed during that
    /// copy. Every `every`, it flushes what decisions of [`Durability::Written`] committed
    /// without a flush. A round that fails (the disk is full, another connection is
    /// checkpointing) is left to the next one, or to a commit, which checkpoints past the
    /// backstop whatever the thread does; its error is kept until a round succeeds.
    fn start(path: PathBuf, threshold: i64, every: Duration) -> Result<Checkpointer, LedgerError> {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

        let (wake, woken) = std::sync::mpsc::sync_channel::<()>(1);
        let stop = Arc::new(AtomicBool::new(false));
        let pages = Arc::new(AtomicI64::new(0));
        let unflushed = Arc::new(AtomicBool::new(false));
        let writes = Arc::new(Mutex::new(()));
        let copied = Arc::new(AtomicI64::new(0));
        let failure = Arc::new(Mutex::new(None));
        let (stopped, log, written, gate, total, failed) = (
            Arc::clone(&stop),
            Arc::clone(&pages),
            Arc::clone(&unflushed),
            Arc::clone(&writes),
            Arc::clone(&copied),
            Arc::clone(&failure),
        );
        let thread = std::thread::Builder::new()
            .name("twiml-ledger-checkpoints".to_string())
            .spawn(move || {
                let mut conn: Option<Connection> = None;
                loop {
                    let woke = woken.recv_timeout(every);
                    if stopped.load(Ordering::Acquire)
                        || woke == Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
                    {
                        break;
                    }
                    // A wake of a commit whose log a round since has copied is stale.
                    let full = log.load(Ordering::Acquire) >= threshold;
                    let flush = written.swap(false, Ordering::AcqRel);
                    if !full && !flush {
                        continue;
                    }
                    let round = (|| {
                        let c = match &conn {
                            Some(c) => c,
                            None => conn.insert(checkpoint_connection(&path)?),
                        };
                        let mut n = passive_checkpoint(c).map_err(|e| classify(&path, e))?;
                        // Copied, what the commits added meanwhile is copied again, a few
                        // times at most, until, between two transactions (holding the writes
                        // back), no more than a quarter of the threshold is left (about the
                        // last commit's pages): that last copy holds the writes back, and the
                        // next commit starts the log again.
                        // Otherwise the next commit wakes the thread again (and past the
                        // backstop, checkpoints itself).
                        for _ in 0..4 {
                            if !full {
                                break;
                            }
                            let writes = gate
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            if log.load(Ordering::Acquire) - n <= threshold / 4 {
                                n = passive_checkpoint(c).map_err(|e| classify(&path, e))?;
                                // The whole log is in the file: the next commit starts it again.
                                log.store(0, Ordering::Release);
                                break;
                            }
                            drop(writes);
                            n = passive_checkpoint(c).map_err(|e| classify(&path, e))?;
                        }
                        Ok::<i64, LedgerError>(n)
                    })();
                    let error = match round {
                        Ok(n) => {
                            total.fetch_add(n.max(0), Ordering::Relaxed);
                            None
                        }
                        Err(e) => Some(e.to_string()),
                    };
                    *failed
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = error;
                }
            })
            .map_err(|source| LedgerError::Io {
                path: PathBuf::from("checkpoint thread"),
                source,
            })?;
        Ok(Checkpointer {
            wake,
            stop,
            pages,
            unflushed,
            writes,
            thread: Some(thread),
            copied,
            failure,
        })
    }

    /// The hook of the writing connection, called by SQLite after each commit with the size
    /// of the log in pages: records it, wakes the thread at the threshold, and checkpoints at
    /// the backstop as SQLite's own hook (which it replaces) does, whatever comes of it.
    fn hook(
        &self,
        threshold: i64,
    ) -> impl FnMut(&mut rusqlite::hooks::Wal, std::ffi::c_int) -> rusqlite::Result<()> + Send + 'static
    {
        let wake = self.wake.clone();
        let log = std::sync::Arc::clone(&self.pages);
        move |wal, pages| {
            let pages = i64::from(pages);
            log.store(pages, std::sync::atomic::Ordering::Release);
            if pages >= threshold {
                // A wake already waiting is as good; a thread that ended needs none.
                let _ = wake.try_send(());
            }
            if pages >= WAL_AUTOCHECKPOINT {
                // As SQLite's own hook: a checkpoint that cannot run now is left to the next.
                drop(wal.checkpoint());
            }
            Ok(())
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Release);
        // A wake already waiting wakes it as well.
        let _ = self.wake.try_send(());
        if let Some(thread) = self.thread.take() {
            // The thread never panics (it keeps its errors); a join error has nothing to say.
            let _ = thread.join();
        }
    }
}

/// A connection that checkpoints the ledger at `path` and never commits.
fn checkpoint_connection(path: &Path) -> Result<Connection, LedgerError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| classify(path, e))?;
    // It checkpoints when asked, and only then, flushing the log and the file as every
    // connection of the ledger does.
    conn.pragma_update(None, "wal_autocheckpoint", 0)
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(|e| classify(path, e))?;
    Ok(conn)
}

/// `PRAGMA wal_checkpoint(PASSIVE)`: how many pages of the current log are in the file.
fn passive_checkpoint(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(2))
}

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The schema, one migration per version; version N is `MIGRATIONS[N - 1]`. Never edit a
/// migration that has shipped: add one.
const MIGRATIONS: &[&str] = &[
    r#"
-- Version 1.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- Consent granted (or granted again).
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    channel TEXT NOT NULL,
    consent_type TEXT NOT NULL CHECK (consent_type IN ('express', 'express-written')),
    consent_method TEXT,
    consent_at INTEGER NOT NULL,
    consent_source TEXT,
    ip_address TEXT,
    seller TEXT,
    disclosure TEXT,
    disclosure_version TEXT,
    purpose TEXT,
    sender_scope TEXT,
    evidence TEXT,
    language TEXT,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX consents_by_phone ON consents (phone, consent_at);

-- Consent revoked (opt-out) or given back (opt-in); `sender` NULL means every sender.
CREATE TABLE opt_events (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    action TEXT NOT NULL CHECK (action IN ('opt-out', 'opt-in')),
    method TEXT NOT NULL,
    inbound_id INTEGER,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX opt_events_by_phone ON opt_events (phone, at);

-- Every inbound message, with the reading it got.
CREATE TABLE inbound (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    sender TEXT NOT NULL,
    channel TEXT NOT NULL,
    body TEXT,
    action TEXT NOT NULL,
    scope TEXT,
    kind TEXT NOT NULL,
    reader TEXT NOT NULL,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX inbound_by_phone ON inbound (phone, at);

-- Replies sent to keywords: the one confirmation of an opt-out, help, opt-in.
CREATE TABLE confirmations (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    sender TEXT NOT NULL,
    action TEXT NOT NULL,
    body TEXT,
    inbound_id INTEGER,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX confirmations_by_phone ON confirmations (phone, at);

-- Call and message attempts, and conversations.
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    debt TEXT,
    channel TEXT NOT NULL,
    conversation INTEGER NOT NULL,
    decision_id INTEGER,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX attempts_by_phone ON attempts (phone, at);
CREATE INDEX attempts_by_debt ON attempts (debt, at);

-- Answers of the reassigned numbers database.
CREATE TABLE reassigned (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'no-data')),
    source TEXT NOT NULL,
    checked_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX reassigned_by_phone ON reassigned (phone, checked_at);

-- Do-not-call and suppression entries.
CREATE TABLE suppressions (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    list TEXT NOT NULL,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX suppressions_by_phone ON suppressions (phone, at);

-- Every decision of the gate with the ledger.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    channel TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rules TEXT NOT NULL,
    twilio_code INTEGER,
    decision TEXT NOT NULL,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX decisions_by_phone ON decisions (phone, at);

-- The overrides that applied to a decision, with their reason and actor.
CREATE TABLE overrides (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT,
    recorded_at INTEGER NOT NULL
) STRICT;

-- Tombstones of erasures.
CREATE TABLE erasures (
    id INTEGER PRIMARY KEY,
    phone_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    records INTEGER NOT NULL,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX erasures_by_hash ON erasures (phone_hash);

-- Holds a row only inside an erasure's transaction: the one time records may change.
CREATE TABLE erasing (token INTEGER NOT NULL) STRICT;
"#,
    r#"
-- Version 2: indexes of what a decision reads. The last conversation, with the number or
-- about a debt, is one step into an index of conversations alone, however many attempts
-- came before it; the attempts about a debt are indexed without the many that have none.
CREATE INDEX conversations_by_phone ON attempts (phone, at) WHERE conversation = 1;
CREATE INDEX conversations_by_debt ON attempts (debt, at) WHERE conversation = 1;
DROP INDEX attempts_by_debt;
CREATE INDEX attempts_by_debt ON attempts (debt, at) WHERE debt IS NOT NULL;
-- The consent in force, the strongest kind first, then the latest: one step, no sorting.
CREATE INDEX consents_by_kind ON consents (phone, consent_type, consent_at);
"#,
    r#"
-- Version 3: the decision record in columns (see `record.rs`), not a copy of the decision in
-- JSON; the data versions by the id of their row. After these statements the migration fills
-- the new columns of the decisions already recorded from their JSON, then drops the JSON.
CREATE TABLE data_versions (
    id INTEGER PRIMARY KEY,
    area_codes TEXT NOT NULL,
    tzdb TEXT NOT NULL,
    state_rules TEXT NOT NULL,
    classifier TEXT NOT NULL,
    UNIQUE (area_codes, tzdb, state_rules, classifier)
) STRICT;
CREATE TRIGGER data_versions_no_update BEFORE UPDATE ON data_versions BEGIN
    SELECT RAISE(ABORT, 'data_versions is append-only'); END;
CREATE TRIGGER data_versions_no_delete BEFORE DELETE ON data_versions BEGIN
    SELECT RAISE(ABORT, 'data_versions is append-only'); END;
ALTER TABLE decisions ADD COLUMN next_allowed_at INTEGER;
ALTER TABLE decisions ADD COLUMN findings TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN zones TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN states TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN classification TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN missing TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN data_id INTEGER REFERENCES data_versions (id);
"#,
    r#"
-- Version 4: the replies a reader other than the current one read (or none did), which a
-- decision reads again for an uncaptured revocation, by number and reader: a decision steps
-- over the replies the current reader read, however many a number has sent.
CREATE INDEX inbound_unread ON inbound (phone, reader, at)
    WHERE action != 'opt-out' AND body IS NOT NULL;
"#,
    r#"
-- Version 5: an allowed decision is itself the attempt it counts as (`attempt` = 1, with the
-- send's debt), where versions 1 to 4 wrote a row of `attempts` beside it (`decision_id`):
-- one row and one index entry fewer per decision. The decisions of those versions keep
-- `attempt` = 0, so that their attempts count once, by their rows of `attempts`. The caps
-- read a number's attempts of both kinds along `decisions_by_phone`, whose second column
-- steps over the decisions that are not attempts; the report and an erasure read its first.
ALTER TABLE decisions ADD COLUMN debt TEXT;
ALTER TABLE decisions ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0 CHECK (attempt IN (0, 1));
DROP INDEX decisions_by_phone;
CREATE INDEX decisions_by_phone ON decisions (phone, attempt, at);
CREATE INDEX decision_attempts_by_debt ON decisions (debt, at)
    WHERE attempt = 1 AND debt IS NOT NULL;
"#,
    r#"
-- Version 6: what a decision found when it read again the replies another reader than the
-- library's read (or none did), so that a reply is read again once per reader, not at every
-- decision: a row for each reply the reader takes for a revocation (`revocation` = 1), and
-- one for the last reply read (`revocation` = 0), after which the next decision reads on.
CREATE TABLE rereadings (
    id INTEGER PRIMARY KEY,
    phone TEXT,
    reader TEXT NOT NULL,
    inbound_id INTEGER NOT NULL,
    revocation INTEGER NOT NULL CHECK (revocation IN (0, 1)),
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX rereadings_by_phone ON rereadings (phone, reader, revocation, at, inbound_id);
"#,
];

/// The tables whose rows never change, save by an erasure.
const EVENT_TABLES: &[&str] = &[
    "consents",
    "opt_events",
    "inbound",
    "confirmations",
    "attempts",
    "reassigned",
    "suppressions",
    "decisions",
    "overrides",
];

/// The embedded ledger: one SQLite file in WAL mode.
///
/// Opening a file that exists checks that it is a ledger (its `application_id`) and not
/// damaged (`PRAGMA quick_check`) before anything is written; a file that fails either is
/// left untouched. Migrations to the library's schema run at open, each in a transaction.
/// A ledger on a file copies its write-ahead log into the file on a thread of its own, started
/// by its first write and stopped when the ledger is dropped ([`Checkpoints`]; opt out with
/// [`SqliteLedger::with_checkpoints`], before any write starts it).
#[derive(Debug)]
pub struct SqliteLedger {
    /// The thread of [`Checkpoints::Background`], started by the first write, first so that
    /// it stops before the connection closes (the last connection to close checkpoints what
    /// is left).
    background: std::sync::OnceLock<Checkpointer>,
    /// Who checkpoints: [`SqliteLedger::with_checkpoints`].
    checkpoints: Checkpoints,
    /// The size of the log at which the thread of [`Checkpoints::Background`] copies it:
    /// [`CHECKPOINT_PAGES`] (smaller in tests).
    checkpoint_pages: i64,
    conn: Mutex<Connection>,
    /// The connection of [`SqliteLedger::checkpoint`], opened at its first call: a checkpoint
    /// on it runs beside the decisions of `conn`, not between them.
    checkpointer: Mutex<Option<Connection>>,
    path: PathBuf,
    salt: String,
    decisions: Durability,
}

fn micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

fn instant(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn now() -> i64 {
    micros(Timestamp::now())
}

impl SqliteLedger {
    /// Opens the ledger at `path`, creating it if there is no file there.
    ///
    /// # Errors
    ///
    /// [`LedgerError::NotALedger`] for a file that is not a ledger (another database, or not
    /// a database), [`LedgerError::Corrupt`] for a damaged one, [`LedgerError::TooNew`] for a
    /// newer schema; the file is not modified in these cases.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteLedger, LedgerError> {
        let path = path.as_ref().to_path_buf();
        let exists = path.exists();
        if exists {
            check_header(&path)?;
        }
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        Self::setup(conn, path, true)
    }

    /// A ledger in memory, for tests and examples.
    ///
    /// # Errors
    ///
    /// When SQLite cannot allocate it.
    pub fn open_in_memory() -> Result<SqliteLedger, LedgerError> {
        let conn = Connection::open_in_memory()?;
        Self::setup(conn, PathBuf::from(":memory:"), false)
    }

    fn setup(conn: Connection, path: PathBuf, file: bool) -> Result<SqliteLedger, LedgerError> {
        let err = |e: rusqlite::Error| classify(&path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // Every statement of a decision and of an inbound message stays prepared.
        conn.set_prepared_statement_cache_capacity(64);
        // One plan per statement, whatever the values bound to it. Without this SQLite
        // prepares a statement again whenever a parameter it could plan around changes (the
        // `?2 IS NULL` of an optional sender does), which cost three quarters of a decision.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(err)?;
        // Read before writing anything: is it ours, and sound?
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(err)?;
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(err)?;
        if app != APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(LedgerError::NotALedger {
                path,
                reason: if app == 0 {
                    "an SQLite database with other tables".to_string()
                } else {
                    format!("an SQLite database with application id {app:#x}")
                },
            });
        }
        if tables > 0 {
            let check: String = conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
                .map_err(err)?;
            if check != "ok" {
                return Err(LedgerError::Corrupt {
                    path,
                    reason: check,
                });
            }
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        let supported = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
        if version > supported {
            return Err(LedgerError::TooNew {
                path,
                found: version,
                supported,
            });
        }
        if file {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(err)?;
            conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT)
                .map_err(err)?;
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        // Up to 64 MiB of pages in memory (a maximum, reached only by a ledger that large):
        // a decision reads the index pages of its number in five tables, and with SQLite's
        // 2 MiB default they fall out of memory once the ledger holds a few hundred thousand
        // records, to be read again from the file.
        conn.pragma_update(None, "cache_size", -64 * 1024)
            .map_err(err)?;
        let mut conn = conn;
        migrate(&mut conn, MIGRATIONS.len()).map_err(err)?;
        let salt: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'salt'", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        Ok(SqliteLedger {
            background: std::sync::OnceLock::new(),
            checkpoints: if file {
                Checkpoints::Background
            } else {
                Checkpoints::AtCommits
            },
            checkpoint_pages: CHECKPOINT_PAGES,
            conn: Mutex::new(conn),
            checkpointer: Mutex::new(None),
            path,
            salt,
            decisions: Durability::Flushed,
        })
    }

    /// How far a decision's record has reached when `decide` returns: flushed to the disk
    /// ([`Durability::Flushed`], the default) or handed to the operating system
    /// ([`Durability::Written`]: `synchronous = NORMAL` for the transactions of decisions, which
    /// survive a killed process, not a power loss). Every other record stays flushed.
    #[must_use]
    pub fn with_decision_durability(mut self, durability: Durability) -> SqliteLedger {
        self.decisions = durability;
        self
    }

    /// Who checkpoints the write-ahead log ([`Checkpoints`]): the ledger's own thread (the
    /// default for a file, started by the first write) or the commits. Switching to
    /// [`Checkpoints::AtCommits`] stops and joins the thread if a write started it; a ledger
    /// in memory has no log and ignores this.
    ///
    /// ```
    /// use twiml_ledger::{Checkpoints, SqliteLedger};
    ///
    /// let dir = tempfile::tempdir()?;
    /// // No thread of the library's: the commits checkpoint, as SQLite does by default.
    /// let ledger = SqliteLedger::open(dir.path().join("acme.ledger"))?
    ///     .with_checkpoints(Checkpoints::AtCommits)?;
    /// assert_eq!(ledger.checkpoints(), Checkpoints::AtCommits);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None today: the thread of [`Checkpoints::Background`] starts with the first write,
    /// whose error ([`LedgerError::Io`]) says when it cannot be started.
    pub fn with_checkpoints(
        mut self,
        checkpoints: Checkpoints,
    ) -> Result<SqliteLedger, LedgerError> {
        if self.path != Path::new(":memory:") {
            self.checkpoints = checkpoints;
        }
        if checkpoints == Checkpoints::AtCommits && self.background.take().is_some() {
            // The commits checkpoint again: SQLite's own hook in place of the thread's.
            let mut conn = self.lock();
            conn.wal_hook(None::<fn(&mut rusqlite::hooks::Wal, std::ffi::c_int) -> _>)
                .and_then(|()| conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT))
                .map_err(|e| classify(&self.path, e))?;
            drop(conn);
        }
        Ok(self)
    }

    /// Who checkpoints the write-ahead log: [`Checkpoints::Background`] for a file unless
    /// told otherwise ([`SqliteLedger::with_checkpoints`]), [`Checkpoints::AtCommits`]
    /// otherwise (and for a ledger in memory).
    pub fn checkpoints(&self) -> Checkpoints {
        self.checkpoints
    }

    /// What the last round of the ledger's checkpointing thread ([`Checkpoints::Background`])
    /// failed with, `None` when it succeeded (or no round has run): a log the thread cannot
    /// copy grows until a commit copies it, at the cost of that commit.
    pub fn checkpoint_failure(&self) -> Option<String> {
        self.background.get().and_then(|c| {
            c.failure
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
        })
    }

    /// Copies the write-ahead log into the database file and flushes both, without waiting
    /// for a reader or a writer (`PRAGMA wal_checkpoint(PASSIVE)`); returns how many pages of
    /// the current log are in the file once it has run (all of them, unless a reader still
    /// needed some).
    ///
    /// The ledger's own thread does this when the log reaches 6,000 pages, and every 100 ms
    /// while decisions of [`Durability::Written`] wait for a flush ([`Checkpoints::Background`],
    /// the default); this is for a program that opted out ([`Checkpoints::AtCommits`]) and
    /// checkpoints on its own schedule, or that wants the log copied now (before a backup of
    /// the file). Without either, a commit does it once the log passes 10,000 pages (40 MB),
    /// at the cost of the call that commits. It runs on a connection of its own, beside the
    /// decisions and inbound messages being recorded (which neither wait for it nor make it
    /// wait), and the next commit restarts the log it emptied, so that called often enough
    /// (the log under 40 MB between two calls) it leaves commits nothing to copy. With
    /// [`Durability::Written`] decisions it is also what bounds what a power loss can take.
    ///
    /// # Errors
    ///
    /// [`LedgerError::Database`] when SQLite cannot write the file.
    pub fn checkpoint(&self) -> Result<i64, LedgerError> {
        if self.path == Path::new(":memory:") {
            // One connection, no log.
            return Ok(0);
        }
        let mut slot = self
            .checkpointer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let conn = match &mut *slot {
            Some(conn) => conn,
            empty => empty.insert(checkpoint_connection(&self.path)?),
        };
        let copied = passive_checkpoint(conn).map_err(|e| classify(&self.path, e))?;
        Ok(copied.max(0))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no transaction open (rusqlite rolls back on
        // drop), so the connection is still sound.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, LedgerError>,
    ) -> Result<T, LedgerError> {
        self.write_with(Durability::Flushed, f)
    }

    /// One transaction, committed with `durability`: `synchronous = NORMAL` for
    /// [`Durability::Written`], and back to `FULL` after it, whatever its outcome.
    fn write_with<T>(
        &self,
        durability: Durability,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, LedgerError>,
    ) -> Result<T, LedgerError> {
        let mut conn = self.lock();
        if self.checkpoints == Checkpoints::Background && self.background.get().is_none() {
            // Under the connection's lock: one thread, started once, woken by the commits.
            let pages = self.checkpoint_pages;
            let thread = Checkpointer::start(self.path.clone(), pages, CHECKPOINT_EVERY)?;
            conn.wal_hook(Some(thread.hook(pages)))
                .map_err(|e| classify(&self.path, e))?;
            drop(self.background.set(thread));
        }
        let background = self.background.get();
        // The thread's last copy of a round waits for this transaction, and this one for it.
        let _writes = background.map(|thread| {
            thread
                .writes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        });
        let written = durability == Durability::Written && self.path != Path::new(":memory:");
        if written {
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| classify(&self.path, e))?;
        }
        let out = (|| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| classify(&self.path, e))?;
            let out = f(&tx)?;
            tx.commit().map_err(|e| classify(&self.path, e))?;
            Ok(out)
        })();
        if written {
            if let Some(thread) = background {
                thread
                    .unflushed
                    .store(true, std::sync::atomic::Ordering::Release);
            }
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(|e| classify(&self.path, e))?;
        }
        out
    }

    fn hash(&self, phone: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.salt.as_bytes());
        h.update(phone.as_bytes());
        hex(&h.finalize())
    }
}

/// Bytes in lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Reads the first bytes: an SQLite file starts with its magic string.
fn check_header(path: &Path) -> Result<(), LedgerError> {
    let mut file = File::open(path).map_err(|source| LedgerError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(LedgerError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if read == 0 {
        // An empty file: SQLite makes a new database of it.
        return Ok(());
    }
    if &head[..read] != b"SQLite format 3\0".get(..read).unwrap_or_default() || read < 16 {
        return Err(LedgerError::NotALedger {
            path: path.to_path_buf(),
            reason: "not an SQLite database".to_string(),
        });
    }
    Ok(())
}

/// Names the errors of opening a file that SQLite cannot read.
fn classify(path: &Path, e: rusqlite::Error) -> LedgerError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => LedgerError::NotALedger {
            path: path.to_path_buf(),
            reason: "not an SQLite database".to_string(),
        },
        Some(ErrorCode::DatabaseCorrupt) => LedgerError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => LedgerError::Database(e),
    }
}

/// Applies the migrations up to version `target` (the last, but for tests), each in a
/// transaction.
fn migrate(conn: &mut Connection, target: usize) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version >= target.min(MIGRATIONS.len()) {
            return tx.commit();
        }
        tx.execute_batch(MIGRATIONS[version])?;
        if version == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            for table in EVENT_TABLES.iter().chain(&["erasures", "meta"]) {
                tx.execute_batch(&append_only(table, "UPDATE"))?;
                tx.execute_batch(&append_only(table, "DELETE"))?;
            }
            let seed = format!(
                "{}:{}:{:p}",
                Timestamp::now().as_nanosecond(),
                std::process::id(),
                &tx
            );
            let salt = hex(&Sha256::digest(seed.as_bytes()));
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('salt', ?1)",
                params![salt],
            )?;
        }
        if version == 2 {
            decisions_in_columns(&tx)?;
        }
        if version == 5 {
            tx.execute_batch(&append_only("rereadings", "UPDATE"))?;
            tx.execute_batch(&append_only("rereadings", "DELETE"))?;
        }
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(version + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
}

/// The trigger that keeps `table` append-only against `event` (`UPDATE` or `DELETE`): always
/// for `erasures` and `meta`, and outside an erasure's transaction for the event tables.
fn append_only(table: &str, event: &str) -> String {
    let guard = if matches!(table, "erasures" | "meta") {
        ""
    } else {
        " WHEN NOT EXISTS (SELECT 1 FROM erasing)"
    };
    let name = if event == "UPDATE" {
        "no_update"
    } else {
        "no_delete"
    };
    format!(
        "CREATE TRIGGER {table}_{name} BEFORE {event} ON {table}{guard} BEGIN \
         SELECT RAISE(ABORT, '{table} is append-only: records change only by an erasure'); END;"
    )
}

/// The migration to version 3, after its statements: the decisions recorded as JSON get their
/// columns, then lose the JSON. The one time a decision's row changes outside an erasure: its
/// guard is lifted for these statements, in the migration's transaction, and put back.
fn decisions_in_columns(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows = tx
        .prepare("SELECT id, decision FROM decisions ORDER BY id")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.execute_batch("DROP TRIGGER decisions_no_update")?;
    for (id, json) in rows {
        let Some(row) = DecisionRow::from_json(&json) else {
            return Err(rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("decision {id} holds no decision the ledger can read").into(),
            ));
        };
        let data = data_version(tx, &row.data.each_ref().map(String::as_str))?;
        tx.execute(
            "UPDATE decisions SET next_allowed_at = ?2, findings = ?3, zones = ?4, states = ?5,
                location = ?6, classification = ?7, missing = ?8, data_id = ?9
             WHERE id = ?1",
            params![
                id,
                row.next_allowed_at,
                row.findings,
                row.zones,
                row.states,
                row.location,
                row.classification,
                row.missing,
                data
            ],
        )?;
    }
    tx.execute_batch("ALTER TABLE decisions DROP COLUMN decision")?;
    tx.execute_batch(&append_only("decisions", "UPDATE"))
}

/// The id of the row of these data versions in `data_versions`, added when new.
fn data_version(tx: &Connection, data: &[&str; 4]) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO data_versions (area_codes, tzdb, state_rules, classifier)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
    )?
    .execute(params![data[0], data[1], data[2], data[3]])?;
    tx.prepare_cached(
        "SELECT id FROM data_versions
         WHERE area_codes = ?1 AND tzdb = ?2 AND state_rules = ?3 AND classifier = ?4",
    )?
    .query_row(params![data[0], data[1], data[2], data[3]], |r| r.get(0))
}

fn sender_text(sender: Option<&Sender>) -> Option<String> {
    sender.map(ToString::to_string)
}

/// Whether the ledger holds any erasure. Most hold none, and then no number's salted hash
/// needs computing to look for its tombstone.
fn any_erasure(tx: &Connection) -> rusqlite::Result<bool> {
    tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM erasures)")?
        .query_row([], |r| r.get(0))
}

/// The opt-out in force for the sender at `at`: the latest opt-out, suppression or erasure
/// with no opt-in or consent after it. `hash` is the number's salted hash when the ledger
/// holds erasures ([`any_erasure`]), `None` when it holds none.
fn opt_out_in_force(
    tx: &Connection,
    phone: &str,
    hash: Option<&str>,
    sender: Option<&str>,
    at: i64,
) -> rusqlite::Result<Option<OptOutOnFile>> {
    if let Some(hash) = hash {
        let erased: Option<i64> = tx
            .prepare_cached("SELECT MIN(at) FROM erasures WHERE phone_hash = ?1")?
            .query_row(params![hash], |r| r.get(0))?;
        if let Some(when) = erased {
            return Ok(Some(OptOutOnFile {
                at: instant(when),
                scope: Scope::All,
                method: "erasure".to_string(),
            }));
        }
    }
    // One statement of three rows, each read by its index: the latest opt-out or opt-in, the
    // latest suppression, and the latest consent of any kind. (Subqueries joined side by side
    // would each be copied into a temporary table first.)
    let mut latest: Option<(String, String, Option<String>, i64)> = None;
    let mut suppressed: Option<(String, i64)> = None;
    let mut granted: Option<i64> = None;
    let mut stmt = tx.prepare_cached(
        "SELECT 0, action, method, sender, at FROM
             (SELECT action, method, sender, at FROM opt_events
              WHERE phone = ?1 AND at <= ?3 AND (sender IS NULL OR ?2 IS NULL OR sender = ?2)
              ORDER BY at DESC, id DESC LIMIT 1)
         UNION ALL
         SELECT 1, list, NULL, NULL, at FROM
             (SELECT list, at FROM suppressions WHERE phone = ?1 AND at <= ?3
              ORDER BY at DESC, id DESC LIMIT 1)
         UNION ALL
         SELECT 2, NULL, NULL, NULL, MAX(consent_at) FROM consents
         WHERE phone = ?1 AND consent_at <= ?3
           AND (sender_scope IS NULL OR sender_scope = 'all' OR ?2 IS NULL OR sender_scope = ?2)",
    )?;
    let mut rows = stmt.query(params![phone, sender, at])?;
    while let Some(r) = rows.next()? {
        match r.get::<_, i64>(0)? {
            0 => latest = Some((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            1 => suppressed = Some((r.get(1)?, r.get(4)?)),
            _ => granted = r.get(4)?,
        }
    }
    drop(rows);
    Ok(crate::state::opt_out_in_force(
        None, latest, suppressed, granted,
    ))
}

/// What a decision reads of a number, in one statement of tagged rows, each part by its
/// index. `?1` the number, `?2` the sender (`NULL` for any), `?3` the instant, `?4` the debt,
/// `?5` the start of the seven days before the instant, `?6` the number's salted hash, `?7`
/// the reader's version, `?8` how many attempts to read ([`ATTEMPTS_READ`]).
///
/// - tag 0, one row: the first erasure, the latest consent of any kind (which ends an
///   opt-out), the last inbound message from the recipient to the sender, and the last
///   conversation (about the debt when there is one);
/// - tag 1: the latest opt-out or opt-in (`at`, action, method, sender);
/// - tag 2: the latest suppression (`at`, list);
/// - tag 3: the consent in force, the strongest kind first, then the latest, with its record
///   (`express-written` sorts after `express`, the only other kind the table takes, so the
///   index of kinds gives that order without sorting);
/// - tag 4: the latest reassigned-number check (`checked_at`, answer);
/// - tags 5 and 6: the attempts of the seven days, to the number and about the debt: the
///   latest `?8` of each ([`ATTEMPTS_READ`]), read backwards along their index, so that what
///   a number's past holds beyond what the caps count costs nothing (a row each: one text of
///   them all by `group_concat` measured 4% more instructions); each from both places an
///   attempt is kept (rows of `attempts`, and the allowed decisions since version 5, which
///   are their own attempts), the latest `?8` of the two kept by [`latest_attempts`];
/// - tag 0 also gives the earliest revocation after the consent in force that an earlier
///   decision found by reading a reply again (`rereadings`, by reader `?7`);
/// - tag 7: replies read by a reader other than `?7` (`at`, body, id), for
///   [`RecipientHistory::uncaptured_revocation`], in two parts (readers before `?7`, then
///   after it) along the `inbound_unread` index, so that the replies `?7` read are never
///   visited: a number's many replies cost a decision nothing. Only those recorded after the
///   last one an earlier decision read again (`rereadings`): each is read again once per
///   reader ([`read_again`]), and the decision records what it read.
///
/// The statement has a form for each [`Shape`] of reading, without the parts that read
/// nothing for it: no erasure to look for when the ledger holds none, no attempts when no cap
/// counts them, no debt's attempts or conversations without a debt, no rereadings when none
/// was ever recorded. Every part left opens its cursors whether or not it finds a row, and
/// a reading pays for each.
///
/// (Subqueries joined side by side would each be copied into a temporary table first; rows
/// of a `UNION ALL` are read straight from their indexes.)
fn history_sql(shape: Shape) -> String {
    let erased = if shape.erasures {
        "(SELECT MIN(at) FROM erasures WHERE phone_hash = ?6)"
    } else {
        "NULL"
    };
    let conversation = if shape.debt {
        "(SELECT MAX(at) FROM attempts INDEXED BY conversations_by_debt
          WHERE debt = ?4 AND at <= ?3 AND conversation = 1)"
    } else {
        "(SELECT MAX(at) FROM attempts INDEXED BY conversations_by_phone
          WHERE phone = ?1 AND at <= ?3 AND conversation = 1)"
    };
    let recorded = if shape.rereadings {
        "(SELECT MIN(at) FROM rereadings INDEXED BY rereadings_by_phone
     WHERE phone = ?1 AND reader = ?7 AND revocation = 1 AND at <= ?3
       AND at > ifnull((SELECT consent_at FROM consents INDEXED BY consents_by_kind
                        WHERE phone = ?1 AND consent_at <= ?3
                          AND (sender_scope IS NULL OR sender_scope = 'all' OR ?2 IS NULL
                               OR sender_scope = ?2)
                        ORDER BY consent_type DESC, consent_at DESC, id DESC LIMIT 1),
                       -9223372036854775808))"
    } else {
        "NULL"
    };
    let reread = if shape.rereadings {
        "AND id > ifnull((SELECT MAX(inbound_id) FROM rereadings INDEXED BY rereadings_by_phone
                          WHERE phone = ?1 AND reader = ?7 AND revocation = 0), 0)"
    } else {
        ""
    };
    let mut sql = format!(
        "
SELECT 0,
    {erased},
    (SELECT MAX(consent_at) FROM consents WHERE phone = ?1 AND consent_at <= ?3
        AND (sender_scope IS NULL OR sender_scope = 'all' OR ?2 IS NULL OR sender_scope = ?2)),
    (SELECT MAX(at) FROM inbound WHERE phone = ?1 AND at <= ?3 AND (?2 IS NULL OR sender = ?2)),
    {conversation},
    {recorded},
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
UNION ALL
SELECT 1, at, action, method, sender, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT action, method, sender, at FROM opt_events
     WHERE phone = ?1 AND at <= ?3 AND (sender IS NULL OR ?2 IS NULL OR sender = ?2)
     ORDER BY at DESC, id DESC LIMIT 1)
UNION ALL
SELECT 2, at, list, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT list, at FROM suppressions WHERE phone = ?1 AND at <= ?3
     ORDER BY at DESC, id DESC LIMIT 1)
UNION ALL
SELECT 3, consent_at, consent_type, channel, consent_method, consent_source, ip_address, seller,
       disclosure, disclosure_version, purpose, sender_scope, evidence, language FROM
    (SELECT * FROM consents INDEXED BY consents_by_kind
     WHERE phone = ?1 AND consent_at <= ?3
       AND (sender_scope IS NULL OR sender_scope = 'all' OR ?2 IS NULL OR sender_scope = ?2)
     ORDER BY consent_type DESC, consent_at DESC, id DESC LIMIT 1)
UNION ALL
SELECT 4, checked_at, answer, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT answer, checked_at FROM reassigned WHERE phone = ?1 AND checked_at <= ?3
     ORDER BY checked_at DESC, id DESC LIMIT 1)"
    );
    if shape.attempts {
        sql.push_str(
            "
UNION ALL
SELECT 5, at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT at FROM attempts INDEXED BY attempts_by_phone
     WHERE phone = ?1 AND at > ?5 AND at <= ?3 ORDER BY at DESC, id DESC LIMIT ?8)
UNION ALL
SELECT 5, at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT at FROM decisions INDEXED BY decisions_by_phone
     WHERE phone = ?1 AND attempt = 1 AND at > ?5 AND at <= ?3 ORDER BY at DESC, id DESC LIMIT ?8)",
        );
        if shape.debt {
            sql.push_str(
                "
UNION ALL
SELECT 6, at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT at FROM attempts INDEXED BY attempts_by_debt
     WHERE debt = ?4 AND at > ?5 AND at <= ?3 ORDER BY at DESC, id DESC LIMIT ?8)
UNION ALL
SELECT 6, at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM
    (SELECT at FROM decisions INDEXED BY decision_attempts_by_debt
     WHERE debt = ?4 AND attempt = 1 AND debt IS NOT NULL AND at > ?5 AND at <= ?3
     ORDER BY at DESC, id DESC LIMIT ?8)",
            );
        }
    }
    for reader in ["<", ">"] {
        sql.push_str(&format!(
            "
UNION ALL
SELECT 7, at, body, id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM inbound INDEXED BY inbound_unread WHERE phone = ?1 AND reader {reader} ?7 {reread}
        AND action != 'opt-out' AND body IS NOT NULL"
        ));
    }
    sql
}

/// Which parts of the history a reading needs ([`history_sql`]): whether the ledger holds
/// any erasure ([`any_erasure`]) or any rereading ([`any_rereading`]), both read once per
/// transaction, whether the send is about a debt, and whether a cap counts its attempts
/// ([`twiml_core::gate::Reads::attempts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    erasures: bool,
    rereadings: bool,
    debt: bool,
    attempts: bool,
}

impl Shape {
    /// How many shapes there are.
    const COUNT: usize = 16;

    /// The shape's place among [`Shape::COUNT`].
    fn index(self) -> usize {
        usize::from(self.erasures)
            | usize::from(self.rereadings) << 1
            | usize::from(self.debt) << 2
            | usize::from(self.attempts) << 3
    }

    /// The shape at `index`.
    fn at(index: usize) -> Shape {
        Shape {
            erasures: index & 1 != 0,
            rereadings: index & 2 != 0,
            debt: index & 4 != 0,
            attempts: index & 8 != 0,
        }
    }
}

/// The statement of each [`Shape`], made once.
static HISTORIES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0..Shape::COUNT)
        .map(|i| history_sql(Shape::at(i)))
        .collect()
});

/// The history statements of one transaction, each taken from the connection's cache the
/// first time a reading of its shape comes.
struct Histories<'c> {
    conn: &'c Connection,
    statements: [Option<rusqlite::CachedStatement<'c>>; Shape::COUNT],
}

impl<'c> Histories<'c> {
    fn new(conn: &'c Connection) -> Histories<'c> {
        Histories {
            conn,
            statements: std::array::from_fn(|_| None),
        }
    }

    fn get(&mut self, shape: Shape) -> rusqlite::Result<&mut rusqlite::CachedStatement<'c>> {
        let conn = self.conn;
        let slot = &mut self.statements[shape.index()];
        Ok(match slot {
            Some(statement) => statement,
            empty => empty.insert(conn.prepare_cached(&HISTORIES[shape.index()])?),
        })
    }
}

/// What a transaction reads once of the whole ledger for the shape of its readings: whether
/// it holds any erasure and any rereading.
fn ledger_shape(tx: &Connection) -> rusqlite::Result<Shape> {
    Ok(Shape {
        erasures: any_erasure(tx)?,
        rereadings: any_rereading(tx)?,
        debt: false,
        attempts: false,
    })
}

/// Whether the ledger holds any rereading (a reply read again by a reader other than the one
/// that recorded it): most hold none, and then a decision looks for none.
fn any_rereading(tx: &Connection) -> rusqlite::Result<bool> {
    tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM rereadings)")?
        .query_row([], |r| r.get(0))
}

impl SqliteLedger {
    /// The salted hash of `phone` when the ledger holds erasures (`any`), for
    /// [`opt_out_in_force`].
    fn hash_if(&self, any: bool, phone: &str) -> Option<String> {
        any.then(|| self.hash(phone))
    }

    /// What the ledger knows of `to`, by the statement of its [`Shape`] ([`history_sql`]),
    /// with the replies it read again ([`Reread`], for a decision to record). `ledger` is
    /// what the transaction knows of the whole ledger (its `erasures` and `rereadings`; the
    /// rest of the shape follows from the send); `attempts` false reads none of the attempts
    /// ([`twiml_core::gate::Reads::attempts`]).
    #[expect(
        clippy::too_many_arguments,
        reason = "the statement's parameters, each its own"
    )]
    fn load_history(
        &self,
        histories: &mut Histories<'_>,
        ledger: Shape,
        to: &PhoneNumber,
        from: Option<&str>,
        debt: Option<&str>,
        at: Timestamp,
        attempts: bool,
    ) -> rusqlite::Result<(RecipientHistory, Reread)> {
        let phone = to.e164();
        let t = micros(at);
        let week = t - SignedDuration::from_hours(7 * 24).as_micros() as i64;
        let shape = Shape {
            debt: debt.is_some(),
            attempts,
            ..ledger
        };
        let hash = self.hash_if(shape.erasures, phone);
        let mut erased = None;
        let mut granted = None;
        let mut latest = None;
        let mut suppressed = None;
        let mut consent: Option<(ConsentRecord, i64)> = None;
        let mut reassigned: Option<(String, i64)> = None;
        let mut stale: Vec<(i64, i64, String)> = Vec::new();
        let mut recorded: Option<i64> = None;
        let mut h = RecipientHistory::known();
        let history = histories.get(shape)?;
        // A shape's statement names only the parameters its parts read: the first that many.
        let limit = ATTEMPTS_READ as i64;
        let values: [&dyn rusqlite::ToSql; 8] = [
            &phone,
            &from,
            &t,
            &debt,
            &week,
            &hash,
            &inbound::VERSION,
            &limit,
        ];
        for (i, value) in values.iter().enumerate().take(history.parameter_count()) {
            history.raw_bind_parameter(i + 1, value)?;
        }
        let mut rows = history.raw_query();
        while let Some(r) = rows.next()? {
            match r.get::<_, i64>(0)? {
                0 => {
                    erased = r.get(1)?;
                    granted = r.get(2)?;
                    h.last_inbound = r.get::<_, Option<i64>>(3)?.map(instant);
                    h.last_conversation = r.get::<_, Option<i64>>(4)?.map(instant);
                    recorded = r.get(5)?;
                }
                1 => latest = Some((r.get(2)?, r.get(3)?, r.get(4)?, r.get(1)?)),
                2 => suppressed = Some((r.get(2)?, r.get(1)?)),
                3 => {
                    let consent_at: i64 = r.get(1)?;
                    // The kind as the table spells it (its CHECK allows no other), read in
                    // place; any other spelling as `ConsentKind::parse` reads it.
                    let kind = r.get_ref(2)?.as_str()?;
                    let consent_type = [ConsentKind::ExpressWritten, ConsentKind::Express]
                        .into_iter()
                        .find(|k| k.as_str() == kind)
                        .or_else(|| ConsentKind::parse(kind))
                        .unwrap_or(ConsentKind::Express);
                    // The decision reads of the record which fields it lacks
                    // (`ConsentRecord::missing`): the method's text, and whether each other
                    // field is there, not a copy of its text.
                    let present = |i: usize| -> rusqlite::Result<Option<String>> {
                        Ok(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => None,
                            _ => Some(String::new()),
                        })
                    };
                    consent = Some((
                        ConsentRecord {
                            phone: String::new(),
                            channel: String::new(),
                            consent_type,
                            consent_method: r.get(4)?,
                            consent_timestamp: instant(consent_at),
                            consent_source: present(5)?,
                            ip_address: present(6)?,
                            opted_out: false,
                            opt_out_timestamp: None,
                            seller: present(7)?,
                            disclosure: present(8)?,
                            disclosure_version: present(9)?,
                            purpose: present(10)?,
                            sender_scope: present(11)?,
                            evidence: present(12)?,
                            language: present(13)?,
                        },
                        consent_at,
                    ));
                }
                4 => reassigned = Some((r.get(2)?, r.get(1)?)),
                5 => h.attempts.push(instant(r.get(1)?)),
                6 => h.debt_attempts.push(instant(r.get(1)?)),
                _ => stale.push((r.get(3)?, r.get(1)?, r.get(2)?)),
            }
        }
        drop(rows);
        h.opt_out = crate::state::opt_out_in_force(erased, latest, suppressed, granted);
        if let Some((record, consent_at)) = &consent {
            h.consent = Some(ConsentOnFile {
                kind: record.consent_type,
                at: instant(*consent_at),
                missing: record.missing(),
            });
        }
        if let Some((answer, checked_at)) = reassigned
            && consent.as_ref().is_none_or(|(_, c)| *c <= checked_at)
        {
            h.reassigned = Some(ReassignedCheck {
                answer: Reassigned::parse(&answer).unwrap_or(Reassigned::NoData),
                checked_at: instant(checked_at),
            });
        }
        // Each list oldest first (the indexes read them latest first), the latest of both
        // kinds of attempt.
        latest_attempts(&mut h.attempts);
        latest_attempts(&mut h.debt_attempts);
        h.more_attempts = h.attempts.len() >= ATTEMPTS_READ;
        h.more_debt_attempts = h.debt_attempts.len() >= ATTEMPTS_READ;
        // Replies read by an older lexicon, or imported unread, after the last word of
        // consent: does the reader now take one for a revocation?
        let (revoked, reread) = read_again(stale, consent.as_ref().map(|(_, c)| *c), t, recorded);
        h.uncaptured_revocation = revoked.map(instant);
        Ok((h, reread))
    }

    fn insert_consent(&self, tx: &Transaction<'_>, r: &ConsentRecord) -> Result<i64, LedgerError> {
        let phone = PhoneNumber::parse(&r.phone)
            .map_err(|e| LedgerError::invalid("phone", e.to_string()))?;
        r.validate()
            .map_err(|(field, message)| LedgerError::invalid(field, message))?;
        let recorded = now();
        tx.prepare_cached(
            "INSERT INTO consents (phone, channel, consent_type, consent_method, consent_at,
                consent_source, ip_address, seller, disclosure, disclosure_version, purpose,
                sender_scope, evidence, language, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            phone.e164(),
            r.channel,
            r.consent_type.as_str(),
            r.consent_method,
            micros(r.consent_timestamp),
            r.consent_source,
            r.ip_address,
            r.seller,
            r.disclosure,
            r.disclosure_version,
            r.purpose,
            r.sender_scope,
            r.evidence,
            r.language,
            recorded
        ])?;
        let id = tx.last_insert_rowid();
        if r.opted_out
            && let Some(when) = r.opt_out_timestamp
        {
            let sender = r.sender_scope.as_deref().filter(|s| *s != "all");
            tx.prepare_cached(
                "INSERT INTO opt_events (phone, sender, action, method, at, recorded_at)
                 VALUES (?1, ?2, 'opt-out', 'import', ?3, ?4)",
            )?
            .execute(params![phone.e164(), sender, micros(when), recorded])?;
        }
        Ok(id)
    }
}

impl Ledger for SqliteLedger {
    fn record_consent(&self, record: &ConsentRecord) -> Result<i64, LedgerError> {
        self.write(|tx| self.insert_consent(tx, record))
    }

    fn import_consents(&self, records: &[ConsentRecord]) -> Result<usize, LedgerError> {
        self.write(|tx| {
            for (i, r) in records.iter().enumerate() {
                self.insert_consent(tx, r).map_err(|e| match e {
                    LedgerError::Invalid { place, message } => LedgerError::Invalid {
                        place: format!("record {}", i + 1),
                        message: format!("`{place}`: {message}"),
                    },
                    other => other,
                })?;
            }
            Ok(records.len())
        })
    }

    fn export_consents(&self) -> Result<Vec<ConsentRecord>, LedgerError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT phone, sender_scope, consent_at FROM consents WHERE phone IS NOT NULL
             ORDER BY id",
        )?;
        let keys = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare(
            "SELECT channel, consent_type, consent_method, consent_source, ip_address, seller,
                disclosure, disclosure_version, purpose, evidence, language
             FROM consents WHERE phone IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    [
                        r.get::<_, Option<String>>(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                    ],
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        let erasures = any_erasure(&conn)?;
        for ((phone, scope, consent_at), (channel, kind, f)) in keys.into_iter().zip(rows) {
            // The opt-out in force now for this record's scope, if it came after the record.
            let sender = scope.as_deref().filter(|s| *s != "all");
            let hash = self.hash_if(erasures, &phone);
            let opt = opt_out_in_force(&conn, &phone, hash.as_deref(), sender, i64::MAX)?
                .filter(|o| micros(o.at) > consent_at && o.method != "erasure");
            let [
                method,
                source,
                ip,
                seller,
                disclosure,
                version,
                purpose,
                evidence,
                language,
            ] = f;
            out.push(ConsentRecord {
                phone,
                channel,
                consent_type: ConsentKind::parse(&kind).unwrap_or(ConsentKind::Express),
                consent_method: method,
                consent_timestamp: instant(consent_at),
                consent_source: source,
                ip_address: ip,
                opted_out: opt.is_some(),
                opt_out_timestamp: opt.map(|o| o.at),
                seller,
                disclosure,
                disclosure_version: version,
                purpose,
                sender_scope: scope,
                evidence,
                language,
            });
        }
        Ok(out)
    }

    fn record_inbound_batch(
        &self,
        batch: &[Inbound],
        replies: &Replies,
    ) -> Result<Vec<InboundOutcome>, LedgerError> {
        self.write(|tx| {
            let mut out = Vec::with_capacity(batch.len());
            let mut rendered = Rendered::default();
            // No erasure can happen inside this transaction: read once whether any exists.
            let erasures = any_erasure(tx)?;
            for m in batch {
                out.push(self.inbound_one(tx, m, replies, &mut rendered, erasures)?);
            }
            Ok(out)
        })
    }

    fn record_attempt(&self, a: &Attempt) -> Result<i64, LedgerError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempts (phone, sender, debt, channel, conversation, at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                a.phone.e164(),
                sender_text(a.from.as_ref()),
                a.debt,
                a.channel.as_str(),
                a.conversation,
                micros(a.at),
                now()
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn import_reassigned(&self, results: &[ReassignedResult]) -> Result<usize, LedgerError> {
        self.write(|tx| {
            let recorded = now();
            let mut stmt = tx.prepare_cached(
                "INSERT INTO reassigned (phone, answer, source, checked_at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for r in results {
                stmt.execute(params![
                    r.phone.e164(),
                    r.answer.as_str(),
                    r.source,
                    micros(r.checked_at),
                    recorded
                ])?;
            }
            Ok(results.len())
        })
    }

    fn record_suppression(&self, s: &Suppression) -> Result<i64, LedgerError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO suppressions (phone, list, reason, at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                s.phone.e164(),
                s.list,
                s.reason,
                micros(s.at),
                now()
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn history(
        &self,
        to: &PhoneNumber,
        from: Option<&Sender>,
        debt: Option<&str>,
        at: Timestamp,
    ) -> Result<RecipientHistory, LedgerError> {
        let conn = self.lock();
        let ledger = ledger_shape(&conn)?;
        let sender = sender_text(from);
        let mut histories = Histories::new(&conn);
        // A reading that records nothing: what it read again is read again next time.
        Ok(self
            .load_history(
                &mut histories,
                ledger,
                to,
                sender.as_deref(),
                debt,
                at,
                true,
            )?
            .0)
    }

    fn decide_batch(
        &self,
        gate: &Gate,
        outbounds: &[Outbound<'_>],
        at: Timestamp,
    ) -> Result<Vec<Decided>, LedgerError> {
        self.write_with(self.decisions, |tx| {
            let mut out = Vec::with_capacity(outbounds.len());
            // No erasure can happen inside this transaction: read once whether any exists,
            // and whether any rereading does (until a decision of the batch records one).
            let mut ledger = ledger_shape(tx)?;
            // The statements of a decision, taken from the cache once for the whole batch.
            let mut histories = Histories::new(tx);
            // An allowed decision is the attempt it counts as: its row says so (`attempt`),
            // with the send's debt.
            let mut insert_decision = tx.prepare_cached(
                "INSERT INTO decisions (phone, sender, channel, verdict, rules, twilio_code,
                    next_allowed_at, findings, zones, states, location, classification, missing,
                    data_id, at, recorded_at, debt, attempt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18)",
            )?;
            // The data versions of the batch's decisions: the library's, looked up once.
            let mut data: Option<([&'static str; 4], i64)> = None;
            // The record of each decision, written through one row ([`DecisionRow::fill`]).
            let mut row: Option<DecisionRow> = None;
            let mut insert_rereading = tx.prepare_cached(
                "INSERT INTO rereadings (phone, reader, inbound_id, revocation, at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let t = micros(at);
            for o in outbounds {
                let phone = o.to.e164();
                let sender = sender_text(o.from.as_ref());
                let mut reread = Reread::default();
                let decision = gate.decide_reading(o, at, |reads| {
                    self.load_history(
                        &mut histories,
                        ledger,
                        &o.to,
                        sender.as_deref(),
                        o.debt.as_deref(),
                        at,
                        reads.attempts,
                    )
                    .map(|(h, r)| {
                        reread = r;
                        h
                    })
                })?;
                if let Some(through) = reread.through {
                    ledger.rereadings = true;
                    // What this decision read again, so that the next reads on from there.
                    let marks = reread.revocations.iter().map(|r| (r, true));
                    for ((inbound_id, reply_at), revocation) in marks.chain([(&through, false)]) {
                        insert_rereading.execute(params![
                            phone,
                            inbound::VERSION,
                            inbound_id,
                            revocation,
                            reply_at,
                            now()
                        ])?;
                    }
                }
                let recorded = now();
                let row = match &mut row {
                    Some(row) => {
                        row.fill(&decision);
                        row
                    }
                    empty => empty.insert(DecisionRow::of(&decision)),
                };
                let versions = versions(&decision.data);
                let data_id = match data {
                    Some((v, id)) if v == versions => id,
                    _ => {
                        let id = data_version(tx, &versions)?;
                        data = Some((versions, id));
                        id
                    }
                };
                insert_decision.execute(params![
                    phone,
                    sender,
                    o.channel.as_str(),
                    row.verdict,
                    row.rules,
                    row.twilio_code,
                    row.next_allowed_at,
                    row.findings,
                    row.zones,
                    row.states,
                    row.location,
                    row.classification,
                    row.missing,
                    data_id,
                    t,
                    recorded,
                    o.debt,
                    decision.verdict == Verdict::Allow
                ])?;
                let id = tx.last_insert_rowid();
                for ov in &decision.overrides {
                    tx.prepare_cached(
                        "INSERT INTO overrides (decision_id, code, reason, actor, recorded_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![id, ov.code, ov.reason, ov.actor, recorded])?;
                }
                out.push(Decided { decision, id });
            }
            Ok(out)
        })
    }

    fn show(&self, phone: &PhoneNumber, at: Timestamp) -> Result<PhoneReport, LedgerError> {
        let e164 = phone.e164();
        let hash = self.hash(e164);
        let t = micros(at);
        let mut records: Vec<ConsentRecord> = self
            .export_consents()?
            .into_iter()
            .filter(|r| r.phone == e164)
            .collect();
        records.sort_by_key(|r| r.consent_timestamp);
        let conn = self.lock();
        let history = {
            let ledger = Shape {
                erasures: true,
                ..ledger_shape(&conn)?
            };
            let mut histories = Histories::new(&conn);
            self.load_history(&mut histories, ledger, phone, None, None, at, true)?
                .0
        };
        let erased: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM erasures WHERE phone_hash = ?1)")?
            .query_row(params![hash], |r| r.get(0))?;
        let state = crate::state::summary(&history, erased);
        let events = crate::report::events(|sql, row| {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![e164, t])?;
            while let Some(r) = rows.next()? {
                row(r).map_err(crate::report::unreadable)?;
            }
            Ok::<(), LedgerError>(())
        })?;
        Ok(PhoneReport {
            phone: e164.to_string(),
            records,
            state,
            history: events,
        })
    }

    fn erase(
        &self,
        phone: &PhoneNumber,
        reason: &str,
        actor: &str,
        at: Timestamp,
    ) -> Result<Erasure, LedgerError> {
        check_erasure_request(reason, actor)?;
        let e164 = phone.e164().to_string();
        let hash = self.hash(&e164);
        self.write(|tx| {
            tx.execute("INSERT INTO erasing (token) VALUES (1)", [])?;
            let mut records = 0usize;
            for sql in ERASURE.iter() {
                records += tx.execute(sql.as_str(), params![e164])?;
            }
            tx.execute("DELETE FROM erasing", [])?;
            tx.execute(
                "INSERT INTO erasures (phone_hash, reason, actor, records, at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    hash,
                    reason,
                    actor,
                    i64::try_from(records).unwrap_or(i64::MAX),
                    micros(at),
                    now()
                ],
            )?;
            Ok(Erasure {
                id: tx.last_insert_rowid(),
                phone_hash: hash.clone(),
                records,
                at,
            })
        })
    }
}

impl crate::report::Columns for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        self.get(i).map_err(|e| e.to_string())
    }

    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.get(i).map_err(|e| e.to_string())
    }
}

impl SqliteLedger {
    fn inbound_one(
        &self,
        tx: &Transaction<'_>,
        m: &Inbound,
        replies: &Replies,
        rendered: &mut Rendered,
        erasures: bool,
    ) -> Result<InboundOutcome, LedgerError> {
        let reading = inbound::read_reply(&m.body);
        let phone = m.from.e164();
        let sender = m.to.to_string();
        let t = micros(m.at);
        let recorded = now();
        // The state before this message: an opt-out already confirmed gets no second text.
        let hash = self.hash_if(erasures, phone);
        let before = opt_out_in_force(tx, phone, hash.as_deref(), Some(&sender), t)?;
        tx.prepare_cached(
            "INSERT INTO inbound (phone, sender, channel, body, action, scope, kind, reader, at,
                recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            phone,
            sender,
            m.channel.as_str(),
            m.body,
            reading.action.as_str(),
            reading.scope.map(Scope::as_str),
            reading.kind.as_str(),
            inbound::VERSION,
            t,
            recorded
        ])?;
        let id = tx.last_insert_rowid();
        let mut reply = None;
        match reading.action {
            Action::OptOut => {
                let scope_sender = (reading.scope != Some(Scope::All)).then_some(sender.as_str());
                tx.prepare_cached(
                    "INSERT INTO opt_events (phone, sender, action, method, inbound_id, at,
                        recorded_at)
                     VALUES (?1, ?2, 'opt-out', ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    phone,
                    scope_sender,
                    reading.kind.as_str(),
                    id,
                    t,
                    recorded
                ])?;
                let confirmed: bool = match &before {
                    Some(o) => tx
                        .prepare_cached(
                            "SELECT EXISTS (SELECT 1 FROM confirmations WHERE phone = ?1
                             AND sender = ?2 AND action = 'opt-out' AND at >= ?3)",
                        )?
                        .query_row(params![phone, sender, micros(o.at)], |r| r.get(0))?,
                    None => false,
                };
                if !confirmed {
                    reply = replies.text(Action::OptOut, reading.language);
                }
            }
            Action::OptIn => {
                tx.prepare_cached(
                    "INSERT INTO opt_events (phone, sender, action, method, inbound_id, at,
                        recorded_at)
                     VALUES (?1, ?2, 'opt-in', ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    phone,
                    sender,
                    reading.kind.as_str(),
                    id,
                    t,
                    recorded
                ])?;
                reply = replies.text(Action::OptIn, reading.language);
            }
            Action::Help => reply = replies.text(Action::Help, reading.language),
            Action::None => {}
        }
        if let Some(body) = &reply {
            tx.prepare_cached(
                "INSERT INTO confirmations (phone, sender, action, body, inbound_id, at,
                    recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                phone,
                sender,
                reading.action.as_str(),
                body,
                id,
                t,
                recorded
            ])?;
        }
        let twiml = rendered.twiml(reply.as_deref());
        Ok(InboundOutcome {
            reading,
            reply,
            twiml,
            id,
        })
    }
}

/// The TwiML of each reply met in a batch of inbound messages: a batch answers with a
/// handful of texts, each built (and checked) once.
#[derive(Default)]
struct Rendered(Vec<(Option<String>, String)>);

impl Rendered {
    fn twiml(&mut self, reply: Option<&str>) -> String {
        if let Some((_, twiml)) = self.0.iter().find(|(r, _)| r.as_deref() == reply) {
            return twiml.clone();
        }
        let twiml = Replies::twiml(reply);
        self.0.push((reply.map(str::to_string), twiml.clone()));
        twiml
    }
}

/// The instant an RFC 3339 text names, for tests.
#[cfg(test)]
fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid instant")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone() -> PhoneNumber {
        PhoneNumber::parse("+13055550123").expect("a number")
    }

    #[test]
    fn append_only() {
        let l = SqliteLedger::open_in_memory().expect("open");
        l.record_consent(&ConsentRecord::new(
            phone(),
            ConsentKind::Express,
            at("2026-01-01T00:00:00Z"),
        ))
        .expect("consent");
        let conn = l.lock();
        let e = conn
            .execute("UPDATE consents SET consent_type = 'express-written'", [])
            .expect_err("append-only");
        assert!(e.to_string().contains("append-only"), "{e}");
        assert!(conn.execute("DELETE FROM consents", []).is_err());
    }

    /// A ledger on a file checkpoints on a thread of its own by default: its checkpoints copy
    /// the log the decisions wrote, and dropping the ledger (or switching to
    /// `Checkpoints::AtCommits`) stops and joins the thread.
    #[test]
    fn the_ledgers_own_thread_checkpoints_and_stops_with_it() {
        use twiml_core::gate::MessageIntent;
        use twiml_core::rules::Policy;

        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("background.ledger");
        let mut ledger = SqliteLedger::open(&path).expect("open");
        assert_eq!(ledger.checkpoints(), Checkpoints::Background);
        assert_eq!(ledger.checkpoint_pages, CHECKPOINT_PAGES);
        // A log of 50 pages makes the thread copy it here.
        ledger.checkpoint_pages = 50;
        // Started by the first write, not by the opening.
        assert!(ledger.background.get().is_none());
        let gate = Gate::new(Policy::new());
        let sends: Vec<Outbound<'_>> = (0..100)
            .map(|i| {
                let to = PhoneNumber::parse(&format!("+1305555{i:04}")).expect("a number");
                Outbound::message(to, "Your order has shipped.").intent(MessageIntent::Delivery)
            })
            .collect();
        let copied = |ledger: &SqliteLedger| {
            std::sync::Arc::clone(&ledger.background.get().expect("a thread").copied)
        };
        // The thread copies the log within a few of its rounds; a minute is the bound of a
        // machine too loaded to schedule it, not an expectation of its speed.
        let copies = |copied: &std::sync::atomic::AtomicI64| {
            let waited = std::time::Instant::now();
            while copied.load(std::sync::atomic::Ordering::Relaxed) == 0 {
                assert!(waited.elapsed() < Duration::from_secs(60), "no checkpoint");
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        // Batches until a commit starts the log again, copied whole by the thread once past
        // 50 pages: the size of the log after a commit (the connection's hook) falls.
        let waited = std::time::Instant::now();
        let (mut before, mut hour) = (0, 0);
        loop {
            ledger
                .decide_batch(
                    &gate,
                    &sends,
                    at("2026-12-04T00:00:00Z") + SignedDuration::from_hours(hour),
                )
                .expect("decided");
            hour += 1;
            let after = ledger
                .background
                .get()
                .expect("a thread")
                .pages
                .load(std::sync::atomic::Ordering::Acquire);
            if after > 0 && after < before {
                break;
            }
            before = after.max(before);
            assert!(
                waited.elapsed() < Duration::from_secs(60),
                "the log grew to {before} pages"
            );
        }
        copies(&copied(&ledger));
        assert_eq!(ledger.checkpoint_failure(), None);
        let thread = copied(&ledger);
        drop(ledger);
        // Joined: the thread's copy of the counter is gone with it.
        assert_eq!(std::sync::Arc::strong_count(&thread), 1);

        // Decisions of `Durability::Written` are flushed within 100 ms, however short the log.
        let ledger = SqliteLedger::open(&path)
            .expect("open again")
            .with_decision_durability(Durability::Written);
        ledger
            .decide_batch(&gate, &sends, at("2026-12-04T15:00:00Z"))
            .expect("decided");
        copies(&copied(&ledger));
        assert_eq!(ledger.checkpoint_failure(), None);
        drop(ledger);

        // Opted out before any write: no thread ever runs.
        let ledger = SqliteLedger::open(&path)
            .expect("open again")
            .with_checkpoints(Checkpoints::AtCommits)
            .expect("no thread");
        assert_eq!(ledger.checkpoints(), Checkpoints::AtCommits);
        ledger
            .decide_batch(&gate, &sends, at("2026-12-04T17:00:00Z"))
            .expect("decided");
        assert!(ledger.background.get().is_none());
        assert_eq!(ledger.checkpoint_failure(), None);
        // Switched back: the next write starts the thread; switched off again, it is joined.
        let ledger = ledger
            .with_checkpoints(Checkpoints::Background)
            .expect("a thread");
        ledger
            .decide_batch(&gate, &sends, at("2026-12-04T18:00:00Z"))
            .expect("decided");
        let copied = std::sync::Arc::clone(&ledger.background.get().expect("a thread").copied);
        let ledger = ledger
            .with_checkpoints(Checkpoints::AtCommits)
            .expect("no thread");
        assert_eq!(std::sync::Arc::strong_count(&copied), 1);
        assert!(ledger.background.get().is_none());
        assert_eq!(
            ledger.export_consents().expect("the ledger still works"),
            []
        );
        let memory = SqliteLedger::open_in_memory().expect("in memory");
        assert_eq!(memory.checkpoints(), Checkpoints::AtCommits);
    }

    /// Checkpoints called from another thread run on a connection of their own, beside
    /// batches of decisions: they copy the log while the decisions go on, and every decision
    /// is recorded whole.
    #[test]
    fn checkpoints_on_another_thread_run_beside_decisions() {
        use twiml_core::gate::MessageIntent;
        use twiml_core::rules::Policy;

        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("checkpoints.ledger");
        // The program's own thread, in place of the ledger's.
        let ledger = SqliteLedger::open(&path)
            .expect("open")
            .with_checkpoints(Checkpoints::AtCommits)
            .expect("no thread");
        let number =
            |i: usize| PhoneNumber::parse(&format!("+1305555{:04}", i % 10_000)).expect("a number");
        let gate = Gate::new(Policy::new());
        let sender = Sender::parse("+13055550100").expect("a sender");
        let decided_at = at("2026-12-04T16:00:00Z");
        let done = std::sync::atomic::AtomicBool::new(false);
        let copied = std::thread::scope(|scope| {
            let checkpoints = scope.spawn(|| {
                let mut copied = 0;
                // Until the decisions are done, and once more after the last of them.
                loop {
                    let finished = done.load(std::sync::atomic::Ordering::Acquire);
                    copied += ledger.checkpoint().expect("a checkpoint");
                    if finished {
                        break copied;
                    }
                    std::thread::yield_now();
                }
            });
            for b in 0..20 {
                let sends: Vec<Outbound<'_>> = (0..50)
                    .map(|i| {
                        Outbound::message(number(b * 50 + i), "Your order has shipped.")
                            .from(sender.clone())
                            .intent(MessageIntent::Delivery)
                    })
                    .collect();
                ledger
                    .decide_batch(&gate, &sends, decided_at)
                    .expect("a batch");
            }
            done.store(true, std::sync::atomic::Ordering::Release);
            checkpoints.join().expect("the checkpoints")
        });
        // The checkpoints copied the log as it grew, and the last, after every batch, left
        // none of it uncopied.
        assert!(copied > 0, "{copied}");
        let conn = ledger.lock();
        let (log, in_file): (i64, i64) = conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(1)?, r.get(2)?))
            })
            .expect("the log");
        assert_eq!(log, in_file);
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("a count") };
        assert_eq!(count("SELECT count(*) FROM decisions"), 1000);
        assert_eq!(
            count("SELECT count(*) FROM decisions WHERE attempt = 1"),
            count("SELECT count(*) FROM decisions WHERE verdict = 'allow'")
        );
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .expect("a check");
        assert_eq!(check, "ok");
    }

    /// The history of a decision reads every part by an index, and the latest attempts
    /// backwards along theirs: no part is sorted (which would read every attempt of the
    /// week first) and no table is scanned.
    #[test]
    fn the_history_is_read_by_indexes_without_sorting() {
        let l = SqliteLedger::open_in_memory().expect("open");
        let conn = l.lock();
        for index in 0..Shape::COUNT {
            let shape = Shape::at(index);
            assert_eq!(shape.index(), index);
            let mut stmt = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {}", HISTORIES[index]))
                .expect("a plan");
            let values: [&dyn rusqlite::ToSql; 8] = [
                &"+13055550123",
                &"+13055550100",
                &1,
                &"acct-1",
                &0,
                &"hash",
                &"v",
                &8,
            ];
            for (i, value) in values.iter().enumerate().take(stmt.parameter_count()) {
                stmt.raw_bind_parameter(i + 1, value).expect("a value");
            }
            let mut plan = Vec::new();
            let mut rows = stmt.raw_query();
            while let Some(r) = rows.next().expect("a row") {
                plan.push(r.get::<_, String>(3).expect("a line"));
            }
            let plan = plan.join("\n");
            assert!(!plan.contains("TEMP B-TREE"), "{shape:?}\n{plan}");
            // Co-routines of the compound are read as they come, not tables.
            assert!(
                plan.lines()
                    .filter(|l| l.starts_with("SCAN "))
                    .all(|l| l.starts_with("SCAN (subquery") || l == "SCAN CONSTANT ROW"),
                "{shape:?}\n{plan}"
            );
            // Each part is in the statement exactly when its shape reads it.
            let reads = |index: &str| plan.contains(&format!("INDEX {index} "));
            assert_eq!(reads("erasures_by_hash"), shape.erasures, "{plan}");
            assert_eq!(reads("rereadings_by_phone"), shape.rereadings, "{plan}");
            assert_eq!(reads("conversations_by_debt"), shape.debt, "{plan}");
            assert_eq!(reads("conversations_by_phone"), !shape.debt, "{plan}");
            assert_eq!(reads("attempts_by_phone"), shape.attempts, "{plan}");
            assert_eq!(
                reads("attempts_by_debt"),
                shape.attempts && shape.debt,
                "{plan}"
            );
            assert!(reads("inbound_unread"), "{plan}");
        }
    }

    /// A ledger of schema version 4, whose allowed decisions each wrote a row of `attempts`
    /// beside them, opens as version 5: those attempts count once (their decisions are not
    /// attempts of their own), the decisions after the migration are their own attempts, and
    /// a cap counts both; the report shows one attempt per allowed decision, as before.
    #[test]
    fn version_4_attempts_count_once_after_version_5() {
        use twiml_core::gate::MessageIntent;
        use twiml_core::rules::{Policy, Regime};

        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("v4.ledger");
        let gate = Gate::new(Policy::new().regime(Regime::DebtCollection));
        let start = at("2026-06-01T15:00:00Z");
        let call = || Outbound::call(phone()).debt("acct-1");
        let consent = ConsentRecord::new(phone(), ConsentKind::ExpressWritten, start);
        {
            // Three allowed calls and one blocked text, recorded as version 4 recorded them.
            let mut conn = Connection::open(&path).expect("a file");
            migrate(&mut conn, 4).expect("version 4");
            conn.execute(
                "INSERT INTO consents (phone, channel, consent_type, consent_at, recorded_at)
                 VALUES (?1, 'sms', 'express-written', ?2, 0)",
                params![phone().e164(), micros(start) - 1],
            )
            .expect("a consent");
            let blocked = Outbound::message(phone(), "Big sale!").intent(MessageIntent::Marketing);
            for (i, o) in [call(), call(), call(), blocked].iter().enumerate() {
                let when = start + SignedDuration::from_hours(24 * i as i64);
                // The text is decided as if no consent were on file: blocked (MSG011).
                let mut history = RecipientHistory::known();
                history.consent = (i < 3).then(|| ConsentOnFile {
                    kind: consent.consent_type,
                    at: start,
                    missing: Vec::new(),
                });
                let d = gate.decide(o, &history, when);
                let allowed = d.verdict == Verdict::Allow;
                assert_eq!(allowed, i < 3, "{d:?}");
                let row = DecisionRow::of(&d);
                conn.execute(
                    "INSERT INTO decisions (phone, sender, channel, verdict, rules, twilio_code,
                        next_allowed_at, findings, zones, states, location, classification,
                        missing, at, recorded_at)
                     VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0)",
                    params![
                        phone().e164(),
                        o.channel.as_str(),
                        row.verdict,
                        row.rules,
                        row.twilio_code,
                        row.next_allowed_at,
                        row.findings,
                        row.zones,
                        row.states,
                        row.location,
                        row.classification,
                        row.missing,
                        micros(when)
                    ],
                )
                .expect("a version 4 decision");
                if allowed {
                    conn.execute(
                        "INSERT INTO attempts (phone, sender, debt, channel, conversation,
                            decision_id, at, recorded_at)
                         VALUES (?1, NULL, 'acct-1', ?2, 0, ?3, ?4, 0)",
                        params![
                            phone().e164(),
                            o.channel.as_str(),
                            conn.last_insert_rowid(),
                            micros(when)
                        ],
                    )
                    .expect("its attempt");
                }
            }
        }
        let ledger = SqliteLedger::open(&path).expect("migrated at open");
        let day =
            |n: i64| start + SignedDuration::from_hours(24 * n) + SignedDuration::from_mins(1);
        let h = ledger
            .history(&phone(), None, Some("acct-1"), day(3))
            .expect("a history");
        assert_eq!(h.attempts.len(), 3, "{:?}", h.attempts);
        assert_eq!(h.debt_attempts.len(), 3, "{:?}", h.debt_attempts);
        // Four more calls are allowed (seven in seven days), the fifth is held back.
        let verdicts: Vec<_> = (0..5)
            .map(|i| {
                let d = ledger
                    .decide(&gate, &call(), day(3) + SignedDuration::from_hours(i))
                    .expect("decided")
                    .decision;
                (d.rules().join(","), d.verdict)
            })
            .collect();
        assert!(
            verdicts[..4].iter().all(|(_, v)| *v == Verdict::Allow),
            "{verdicts:?}"
        );
        assert!(
            verdicts[4].1 != Verdict::Allow && verdicts[4].0.contains("DEBT006"),
            "{verdicts:?}"
        );
        let report = ledger.show(&phone(), day(5)).expect("a report");
        let count = |event: &str| report.history.iter().filter(|e| e.event == event).count();
        assert_eq!(count("attempt"), 7);
        assert_eq!(count("decision"), 9);
        let conn = ledger.lock();
        let rows = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("a count") };
        assert_eq!(rows("PRAGMA user_version"), MIGRATIONS.len() as i64);
        assert_eq!(rows("SELECT count(*) FROM attempts"), 3);
        assert_eq!(rows("SELECT count(*) FROM decisions WHERE attempt = 1"), 4);
        let e = conn
            .execute("UPDATE decisions SET attempt = 1", [])
            .expect_err("append-only");
        assert!(e.to_string().contains("append-only"), "{e}");
    }

    /// A ledger of schema version 2, whose decisions are JSON, opens as version 3: each
    /// decision gets the columns the JSON held, the JSON goes, the report is unchanged, and the
    /// table is append-only again.
    #[test]
    fn version_2_decisions_migrate_to_columns() {
        use twiml_core::gate::MessageIntent;
        use twiml_core::rules::Policy;

        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("v2.ledger");
        let gate = Gate::new(Policy::new());
        let sender = Sender::parse("+13055550100").expect("a sender");
        let decided_at = at("2026-12-04T03:00:00Z");
        let sends = [
            Outbound::message(phone(), "Your order has shipped.")
                .from(sender.clone())
                .intent(MessageIntent::Delivery),
            Outbound::message(phone(), "50% off this weekend only!").from(sender),
        ];
        let decisions: Vec<_> = sends
            .iter()
            .map(|o| gate.decide(o, &RecipientHistory::known(), decided_at))
            .collect();
        {
            let mut conn = Connection::open(&path).expect("a file");
            migrate(&mut conn, 2).expect("version 2");
            for (o, d) in sends.iter().zip(&decisions) {
                conn.execute(
                    "INSERT INTO decisions (phone, sender, channel, verdict, rules, twilio_code,
                        decision, at, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
                    params![
                        o.to.e164(),
                        sender_text(o.from.as_ref()),
                        o.channel.as_str(),
                        d.verdict.as_str(),
                        d.rules().join(","),
                        d.twilio_code(),
                        serde_json::to_string(d).expect("json"),
                        micros(decided_at)
                    ],
                )
                .expect("a version 2 decision");
            }
            conn.execute(
                "INSERT INTO overrides (decision_id, code, reason, actor, recorded_at)
                 VALUES (1, 'QH001', 'an agreed call', 'ops@acme', 0)",
                [],
            )
            .expect("an override");
        }
        let before = {
            let conn = Connection::open(&path).expect("reopen");
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("version");
            assert_eq!(version, 2);
            conn.query_row("SELECT count(*) FROM decisions", [], |r| r.get::<_, i64>(0))
                .expect("count")
        };
        assert_eq!(before, 2);

        let ledger = SqliteLedger::open(&path).expect("migrated at open");
        let report = ledger
            .show(&phone(), at("2026-12-05T00:00:00Z"))
            .expect("a report");
        let shown: Vec<_> = report
            .history
            .iter()
            .filter(|e| e.event == "decision")
            .collect();
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].detail["verdict"], decisions[0].verdict.as_str());
        assert_eq!(shown[0].detail["overrides"][0]["actor"], "ops@acme");
        assert_eq!(
            shown[1].detail["rules"],
            serde_json::json!(decisions[1].rules())
        );

        let conn = ledger.lock();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mut stmt = conn
            .prepare(
                "SELECT d.verdict, d.rules, d.twilio_code, d.next_allowed_at, d.findings, d.zones,
                    d.states, d.location, d.classification, d.missing, v.area_codes, v.tzdb,
                    v.state_rules, v.classifier
                 FROM decisions d JOIN data_versions v ON v.id = d.data_id ORDER BY d.id",
            )
            .expect("the columns of version 3");
        let rows: Vec<DecisionRow> = stmt
            .query_map([], |r| {
                Ok(DecisionRow {
                    verdict: r.get(0)?,
                    rules: r.get(1)?,
                    twilio_code: r.get(2)?,
                    next_allowed_at: r.get(3)?,
                    findings: r.get(4)?,
                    zones: r.get(5)?,
                    states: r.get(6)?,
                    location: r.get(7)?,
                    classification: r.get(8)?,
                    missing: r.get(9)?,
                    data: [r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                })
            })
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let expected: Vec<DecisionRow> = decisions.iter().map(DecisionRow::of).collect();
        assert_eq!(rows, expected);
        assert!(
            conn.prepare("SELECT decision FROM decisions").is_err(),
            "the JSON column is gone"
        );
        let e = conn
            .execute("UPDATE decisions SET verdict = 'allow'", [])
            .expect_err("append-only again");
        assert!(e.to_string().contains("append-only"), "{e}");
        let e = conn
            .execute("DELETE FROM data_versions", [])
            .expect_err("append-only");
        assert!(e.to_string().contains("append-only"), "{e}");
    }
}
