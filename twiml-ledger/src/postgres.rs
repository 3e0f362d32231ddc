//! The ledger for a fleet: PostgreSQL.
//!
//! # The client
//!
//! The [`Ledger`] trait is blocking, so this backend uses the `postgres` crate: the blocking
//! client of `tokio-postgres`, which drives each connection on a small runtime of its own. A
//! facade over `tokio-postgres` and `deadpool-postgres` would have to do the same (own a
//! runtime and block on it) with two more crates; and a call from an async server goes
//! through its blocking pool anyway (`tokio::task::spawn_blocking`, `actix_web::web::block`),
//! as the serving helpers of the `twiml` crate do. The connections are pooled here (a few
//! lines: the idle connections, a cap, a condition variable), each with its prepared
//! statements cached.
//!
//! # Transactions and locks
//!
//! Every method is one transaction at `READ COMMITTED`. A method that writes for a number (a
//! decision, an inbound message, a consent, an attempt, a suppression, an erasure) first takes
//! a transaction-scoped advisory lock on that number (and on the debt a decision is about), and
//! a shared lock on the whole ledger; then it reads and writes. Two transactions for the same
//! number therefore run one after the other: a decision that starts after an opt-out committed
//! waits for nothing and sees it (each statement at `READ COMMITTED` reads what was committed
//! when it began, and every statement of the decision begins after the lock was granted), and
//! an opt-out that arrives during a decision waits until the decision is recorded, so the two
//! are in one order for every process of the fleet. Caps (7 attempts in 7 days, the states'
//! limits) hold across processes for the same reason: two sends to one number cannot both read
//! six attempts.
//!
//! Row locks would need a row per number to lock (numbers are not rows here: the tables are
//! append-only event logs), and `SERIALIZABLE` would make every caller retry on conflicts that
//! are not real ones (predicate locks on the indexes of busy tables); a per-number lock is
//! exactly the conflict there is. Bulk imports take the ledger's lock exclusively instead of
//! one lock per number (a batch of ten thousand numbers would fill the server's lock table);
//! so does a batch of more than [`MAX_KEY_LOCKS`] numbers. Locks are taken in one order (the
//! ledger, then the numbers by their key), so two transactions never wait for each other.
//!
//! # Reconnecting
//!
//! A connection that the server closed (a restart, a failover, an idle timeout) is replaced,
//! and a transaction that failed because its connection was lost before it committed is run
//! again on a new one, for up to [`PostgresLedger::reconnect_within`] (10 seconds by default).
//! A connection lost while committing is not retried (whether the commit happened is unknown):
//! the call fails, and nothing it did was acknowledged. When the server stays unreachable, the
//! call fails with [`LedgerError::Unreachable`], naming the server: a caller never gets a
//! decision it did not record.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use postgres::config::Host;
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row, Statement};
use sha2::{Digest, Sha256};
use twiml_core::gate::inbound::{self, Action, Replies, Scope};
use twiml_core::gate::jiff::SignedDuration;
use twiml_core::gate::{
    ConsentKind, ConsentOnFile, Gate, Outbound, PhoneNumber, Reassigned, ReassignedCheck,
    RecipientHistory, Sender, Timestamp, Verdict,
};

use crate::model::{
    Attempt, ConsentRecord, Decided, Erasure, HistoryEvent, Inbound, InboundOutcome, PhoneReport,
    ReassignedResult, Suppression,
};
use crate::record::{DecisionRow, versions};
use crate::state::{
    ATTEMPTS_READ, LatestOptEvent, Reread, check_erasure_request, erasure_statements, instant,
    latest_attempts, opt_out_in_force, read_again,
};
use crate::{Durability, Ledger, LedgerError};

/// The statements of an erasure, made once.
static ERASURE: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| erasure_statements("$1").collect());

/// The first key of the ledger's advisory locks ("TWLG"); the second is 0 for the whole
/// ledger, or the key of a number or a debt.
const LOCK_CLASS: i32 = 0x5457_4c47;

/// The most numbers and debts a transaction locks one by one; a larger batch locks the whole
/// ledger instead.
pub const MAX_KEY_LOCKS: usize = 64;

/// How many connections a ledger opens at most; more callers wait for one.
const POOL_SIZE: usize = 16;

/// How long a connection attempt may take when the URL does not say (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The application mark in the `meta` table.
const APPLICATION: &str = "twiml-ledger";

/// The schema, one migration per version; version N is `MIGRATIONS[N - 1]`. Version 1 means
/// what version 1 of the SQLite ledger means: the same tables, columns and checks (instants
/// in microseconds since the epoch). Never edit a migration that has shipped: add one.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);

CREATE TABLE consents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    channel TEXT NOT NULL,
    consent_type TEXT NOT NULL CHECK (consent_type IN ('express', 'express-written')),
    consent_method TEXT,
    consent_at BIGINT NOT NULL,
    consent_source TEXT,
    ip_address TEXT,
    seller TEXT,
    disclosure TEXT,
    disclosure_version TEXT,
    purpose TEXT,
    sender_scope TEXT,
    evidence TEXT,
    language TEXT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX consents_by_phone ON consents (phone, consent_at);

CREATE TABLE opt_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    action TEXT NOT NULL CHECK (action IN ('opt-out', 'opt-in')),
    method TEXT NOT NULL,
    inbound_id BIGINT,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX opt_events_by_phone ON opt_events (phone, at);

CREATE TABLE inbound (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    sender TEXT NOT NULL,
    channel TEXT NOT NULL,
    body TEXT,
    action TEXT NOT NULL,
    scope TEXT,
    kind TEXT NOT NULL,
    reader TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX inbound_by_phone ON inbound (phone, at);

CREATE TABLE confirmations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    sender TEXT NOT NULL,
    action TEXT NOT NULL,
    body TEXT,
    inbound_id BIGINT,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX confirmations_by_phone ON confirmations (phone, at);

CREATE TABLE attempts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    debt TEXT,
    channel TEXT NOT NULL,
    conversation BOOLEAN NOT NULL,
    decision_id BIGINT,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX attempts_by_phone ON attempts (phone, at);
CREATE INDEX attempts_by_debt ON attempts (debt, at);

CREATE TABLE reassigned (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'no-data')),
    source TEXT NOT NULL,
    checked_at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX reassigned_by_phone ON reassigned (phone, checked_at);

CREATE TABLE suppressions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    list TEXT NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX suppressions_by_phone ON suppressions (phone, at);

CREATE TABLE decisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    sender TEXT,
    channel TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rules TEXT NOT NULL,
    twilio_code INTEGER,
    decision TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX decisions_by_phone ON decisions (phone, at);

CREATE TABLE overrides (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions (id),
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX overrides_by_decision ON overrides (decision_id);

CREATE TABLE erasures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    records BIGINT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX erasures_by_hash ON erasures (phone_hash);

-- Holds a row only inside an erasure's transaction (and only that transaction sees it): the
-- one time records may change.
CREATE TABLE erasing (token INTEGER NOT NULL);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_ARGV[0] = 'always' OR TG_OP = 'TRUNCATE' OR NOT EXISTS (SELECT 1 FROM erasing) THEN
        RAISE EXCEPTION '% is append-only: records change only by an erasure', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
"#,
    r#"
-- Version 2, as version 2 of the SQLite ledger: indexes of the last conversation (with the
-- number, or about a debt), of the attempts about a debt alone, and of consents by kind.
CREATE INDEX conversations_by_phone ON attempts (phone, at) WHERE conversation;
CREATE INDEX conversations_by_debt ON attempts (debt, at) WHERE conversation;
DROP INDEX attempts_by_debt;
CREATE INDEX attempts_by_debt ON attempts (debt, at) WHERE debt IS NOT NULL;
CREATE INDEX consents_by_kind ON consents (phone, consent_type, consent_at);
"#,
    r#"
-- Version 3, as version 3 of the SQLite ledger: the decision record in columns, not a copy of
-- the decision in JSON, and the data versions by the id of their row. After these statements
-- the migration fills the new columns of the decisions already recorded, then drops the JSON.
CREATE TABLE data_versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_codes TEXT NOT NULL,
    tzdb TEXT NOT NULL,
    state_rules TEXT NOT NULL,
    classifier TEXT NOT NULL,
    UNIQUE (area_codes, tzdb, state_rules, classifier)
);
CREATE TRIGGER data_versions_fixed BEFORE UPDATE OR DELETE ON data_versions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only('always');
CREATE TRIGGER data_versions_no_truncate BEFORE TRUNCATE ON data_versions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only('always');
ALTER TABLE decisions
    ADD COLUMN next_allowed_at BIGINT,
    ADD COLUMN findings TEXT NOT NULL DEFAULT '',
    ADD COLUMN zones TEXT NOT NULL DEFAULT '',
    ADD COLUMN states TEXT NOT NULL DEFAULT '',
    ADD COLUMN location TEXT NOT NULL DEFAULT '',
    ADD COLUMN classification TEXT NOT NULL DEFAULT '',
    ADD COLUMN missing TEXT NOT NULL DEFAULT '',
    ADD COLUMN data_id BIGINT REFERENCES data_versions (id);
"#,
    r#"
-- Version 4, as version 4 of the SQLite ledger: the replies a reader other than the current
-- one read (or none did), by number and reader, so that a decision's look for an uncaptured
-- revocation steps over the replies the current reader read.
CREATE INDEX inbound_unread ON inbound (phone, reader, at)
    WHERE action <> 'opt-out' AND body IS NOT NULL;
"#,
    r#"
-- Version 5, as version 5 of the SQLite ledger: an allowed decision is itself the attempt it
-- counts as (`attempt`, with the send's debt), where versions 1 to 4 wrote a row of
-- `attempts` beside it; their decisions keep `attempt` false, so that their attempts count
-- once, by their rows of `attempts`.
ALTER TABLE decisions
    ADD COLUMN debt TEXT,
    ADD COLUMN attempt BOOLEAN NOT NULL DEFAULT false;
DROP INDEX decisions_by_phone;
CREATE INDEX decisions_by_phone ON decisions (phone, attempt, at);
CREATE INDEX decision_attempts_by_debt ON decisions (debt, at)
    WHERE attempt AND debt IS NOT NULL;
"#,
    r#"
-- Version 6, as version 6 of the SQLite ledger: what a decision found when it read again the
-- replies another reader than the library's read (or none did), so that a reply is read again
-- once per reader, not at every decision.
CREATE TABLE rereadings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT,
    reader TEXT NOT NULL,
    inbound_id BIGINT NOT NULL,
    revocation BOOLEAN NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX rereadings_by_phone ON rereadings (phone, reader, revocation, at, inbound_id);
CREATE TRIGGER rereadings_append_only BEFORE UPDATE OR DELETE ON rereadings
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only('erasure');
CREATE TRIGGER rereadings_no_truncate BEFORE TRUNCATE ON rereadings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only('always');
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

/// The tables whose rows never change at all.
const FIXED_TABLES: &[&str] = &["erasures", "meta", "migrations"];

/// The ledger on a PostgreSQL server, shared by every process of a fleet.
///
/// [`PostgresLedger::open`] takes a URL (`postgres://USER[:PASSWORD]@HOST[:PORT]/DB`, or
/// `postgresql://`, with the query parameters of libpq's URLs that `tokio-postgres` knows:
/// `connect_timeout`, `application_name`, `options=-c search_path=SCHEMA` to keep the ledger
/// in a schema of its own, `host=/run/postgresql` for a Unix socket). Opening checks that the
/// schema is a ledger (or empty), and applies the migrations this library has that the schema
/// lacks, each in a transaction, one process at a time.
pub struct PostgresLedger {
    pool: Pool,
    server: String,
    salt: String,
    reconnect: Duration,
    decisions: Durability,
}

impl std::fmt::Debug for PostgresLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresLedger")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// The server as a URL without the password: what errors name.
fn describe(config: &Config) -> String {
    let user = config.get_user().unwrap_or("");
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let port = config
                .get_ports()
                .get(i)
                .or_else(|| config.get_ports().first())
                .copied()
                .unwrap_or(5432);
            match h {
                Host::Tcp(name) => format!("{name}:{port}"),
                Host::Unix(path) => format!("{}:{port}", path.display()),
            }
        })
        .collect();
    let hosts = if hosts.is_empty() {
        "localhost:5432".to_string()
    } else {
        hosts.join(",")
    };
    let db = config.get_dbname().unwrap_or(user);
    if user.is_empty() {
        format!("postgres://{hosts}/{db}")
    } else {
        format!("postgres://{user}@{hosts}/{db}")
    }
}

/// Whether the error means the connection is gone (and a transaction that had not committed
/// can run again on a new one).
fn connection_lost(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(code) = e.code() {
        return code.code().starts_with("08")
            || *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW;
    }
    // No SQLSTATE: did the socket fail?
    std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

/// Whether the server asks the transaction to run again (a deadlock it broke, a
/// serialization failure).
fn retry_asked(e: &postgres::Error) -> bool {
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

/// A connection, with its prepared statements.
struct Conn {
    client: Client,
    statements: HashMap<&'static str, Statement>,
}

/// The connection pool: idle connections and how many are open.
struct Pool {
    config: Config,
    server: String,
    state: Mutex<PoolState>,
    freed: Condvar,
}

struct PoolState {
    idle: Vec<Conn>,
    open: usize,
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn connect(&self) -> Result<Conn, LedgerError> {
        match self.config.connect(NoTls) {
            Ok(client) => Ok(Conn {
                client,
                statements: HashMap::new(),
            }),
            Err(e) if e.as_db_error().is_none() || connection_lost(&e) => {
                Err(LedgerError::Unreachable {
                    server: self.server.clone(),
                    reason: error_text(&e),
                })
            }
            Err(e) => Err(LedgerError::Server {
                server: self.server.clone(),
                reason: error_text(&e),
            }),
        }
    }

    /// A connection: an idle one, a new one while under the cap, or the next one freed.
    fn get(&self) -> Result<Conn, LedgerError> {
        let mut state = self.lock();
        loop {
            if let Some(conn) = state.idle.pop() {
                if conn.client.is_closed() {
                    state.open -= 1;
                    continue;
                }
                return Ok(conn);
            }
            if state.open < POOL_SIZE {
                state.open += 1;
                drop(state);
                return self.connect().inspect_err(|_| {
                    self.lock().open -= 1;
                    self.freed.notify_one();
                });
            }
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Gives a connection back (or, when it is broken, its place).
    fn put(&self, conn: Option<Conn>) {
        let mut state = self.lock();
        match conn {
            Some(conn) if !conn.client.is_closed() => state.idle.push(conn),
            _ => state.open -= 1,
        }
        drop(state);
        self.freed.notify_one();
    }
}

/// The text of a `postgres` error, with its cause and the server's detail.
fn error_text(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut text = format!("{} ({})", db.message(), db.code().code());
        if let Some(detail) = db.detail() {
            text.push_str(": ");
            text.push_str(detail);
        }
        return text;
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// What a transaction locks before it reads.
enum Locks<'a> {
    /// Nothing: a read.
    None,
    /// The ledger, shared, then these keys (numbers, `debt:` keys).
    Keys(Vec<&'a str>),
    /// The ledger, exclusively: a bulk write.
    All,
}

/// The key of an advisory lock: FNV-1a of the text, folded to 32 bits. Every process of a
/// fleet must compute the same key for the same number, so this function never changes.
fn lock_key(text: &str) -> i32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    i32::from_ne_bytes(h.to_ne_bytes())
}

/// The statement that takes the locks (the whole transaction's first round trip).
fn lock_sql(locks: &Locks<'_>) -> String {
    let mut sql = String::from("BEGIN ISOLATION LEVEL READ COMMITTED");
    match locks {
        Locks::None => {}
        Locks::All => sql.push_str(&format!("; SELECT pg_advisory_xact_lock({LOCK_CLASS}, 0)")),
        Locks::Keys(keys) if keys.len() > MAX_KEY_LOCKS => {
            sql.push_str(&format!("; SELECT pg_advisory_xact_lock({LOCK_CLASS}, 0)"));
        }
        Locks::Keys(keys) => {
            sql.push_str(&format!(
                "; SELECT pg_advisory_xact_lock_shared({LOCK_CLASS}, 0)"
            ));
            let mut ids: Vec<i32> = keys.iter().map(|k| lock_key(k)).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                // 0 is the ledger's own key.
                let id = if id == 0 { 1 } else { id };
                sql.push_str(&format!(
                    "; SELECT pg_advisory_xact_lock({LOCK_CLASS}, {id})"
                ));
            }
        }
    }
    sql
}

/// A transaction in progress, with the connection's statement cache.
struct Tx<'a> {
    conn: &'a mut Conn,
}

impl Tx<'_> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.conn.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.conn.client.prepare(sql)?;
        self.conn.statements.insert(sql, s.clone());
        Ok(s)
    }

    fn query(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.conn.client.query(&s, params)
    }

    fn one(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Row, postgres::Error> {
        let s = self.statement(sql)?;
        self.conn.client.query_one(&s, params)
    }

    fn execute(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.conn.client.execute(&s, params)
    }
}

/// A failure inside a transaction: the database's (which may be retried), or the ledger's.
enum Failure {
    Db(postgres::Error),
    Ledger(LedgerError),
}

impl From<postgres::Error> for Failure {
    fn from(e: postgres::Error) -> Failure {
        Failure::Db(e)
    }
}

impl From<LedgerError> for Failure {
    fn from(e: LedgerError) -> Failure {
        Failure::Ledger(e)
    }
}

fn micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

fn now() -> i64 {
    micros(Timestamp::now())
}

fn sender_text(sender: Option<&Sender>) -> Option<String> {
    sender.map(ToString::to_string)
}

fn hash_with(salt: &str, phone: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(phone.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl PostgresLedger {
    /// Opens the ledger on the server `url` names, creating its tables in an empty database
    /// (or schema).
    ///
    /// # Errors
    ///
    /// [`LedgerError::Unreachable`] when the server cannot be reached (the error names it),
    /// [`LedgerError::Server`] when it refuses (authentication, a missing database),
    /// [`LedgerError::Invalid`] for a URL that does not parse, [`LedgerError::NotALedger`] for
    /// a schema that holds other tables of the ledger's names, [`LedgerError::TooNew`] for a
    /// newer schema. Nothing is written in these cases.
    pub fn open(url: &str) -> Result<PostgresLedger, LedgerError> {
        let mut config: Config = url.parse().map_err(|e: postgres::Error| {
            LedgerError::invalid("--db", format!("not a PostgreSQL URL: {e}"))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("twiml-ledger");
        }
        let server = describe(&config);
        let pool = Pool {
            config,
            server: server.clone(),
            state: Mutex::new(PoolState {
                idle: Vec::new(),
                open: 0,
            }),
            freed: Condvar::new(),
        };
        let mut ledger = PostgresLedger {
            pool,
            server,
            salt: String::new(),
            reconnect: Duration::from_secs(10),
            decisions: Durability::Flushed,
        };
        let mut conn = ledger.pool.get()?;
        let salt = ledger.migrate(&mut conn, MIGRATIONS.len());
        ledger.pool.put(Some(conn));
        ledger.salt = salt?;
        Ok(ledger)
    }

    /// How long a call keeps trying to reconnect when the server went away (a restart, a
    /// failover) before it fails with [`LedgerError::Unreachable`]. 10 seconds by default;
    /// zero fails at once.
    #[must_use]
    pub fn reconnect_within(mut self, window: Duration) -> PostgresLedger {
        self.reconnect = window;
        self
    }

    /// How far a decision's record has reached when `decide` returns: flushed to the disk
    /// ([`Durability::Flushed`], the default: the server's `synchronous_commit`) or handed to
    /// the server's log buffers ([`Durability::Written`]: `synchronous_commit = off` for the
    /// transactions of decisions, which survive a killed client, not a crash of the server or
    /// a power loss). Every other record stays flushed.
    #[must_use]
    pub fn with_decision_durability(mut self, durability: Durability) -> PostgresLedger {
        self.decisions = durability;
        self
    }

    /// The server, as `postgres://USER@HOST:PORT/DB` (without the password).
    pub fn server(&self) -> &str {
        &self.server
    }

    fn fail(&self, e: &postgres::Error) -> LedgerError {
        if connection_lost(e) {
            LedgerError::Unreachable {
                server: self.server.clone(),
                reason: error_text(e),
            }
        } else {
            LedgerError::Server {
                server: self.server.clone(),
                reason: error_text(e),
            }
        }
    }

    /// Checks the schema and applies the missing migrations up to version `target` (the last,
    /// but for tests); returns the salt.
    fn migrate(&self, conn: &mut Conn, target: usize) -> Result<String, LedgerError> {
        let db = |e: postgres::Error| self.fail(&e);
        let supported = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
        let target = i32::try_from(target).unwrap_or(i32::MAX).min(supported);
        loop {
            let mut tx = conn.client.transaction().map_err(db)?;
            // One process migrates at a time; the others wait, then see the new version.
            tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_CLASS])
                .map_err(db)?;
            let row = tx
                .query_one(
                    "SELECT to_regclass('meta') IS NOT NULL,
                            to_regclass('migrations') IS NOT NULL,
                            ARRAY(SELECT t FROM unnest($1::text[]) t
                                  WHERE to_regclass(t) IS NOT NULL)",
                    &[&EVENT_TABLES],
                )
                .map_err(db)?;
            let (meta, versions, ours): (bool, bool, Vec<String>) =
                (row.get(0), row.get(1), row.get(2));
            let version: i32 = if meta && versions {
                let app: Option<String> = tx
                    .query_opt("SELECT value FROM meta WHERE key = 'application'", &[])
                    .map_err(|_| self.not_ours("a `meta` table of another shape"))?
                    .map(|r| r.get(0));
                if app.as_deref() != Some(APPLICATION) {
                    return Err(self.not_ours("a `meta` table that is not the ledger's"));
                }
                tx.query_one("SELECT COALESCE(MAX(version), 0) FROM migrations", &[])
                    .map_err(db)?
                    .get(0)
            } else if meta || versions || !ours.is_empty() {
                let mut names = ours;
                if meta {
                    names.insert(0, "meta".to_string());
                }
                if versions {
                    names.insert(0, "migrations".to_string());
                }
                return Err(self.not_ours(&format!(
                    "tables named like the ledger's that are not a ledger ({}); give the \
                     ledger a database or a schema of its own",
                    names.join(", ")
                )));
            } else {
                0
            };
            if version > supported {
                return Err(LedgerError::TooNew {
                    path: self.server.clone().into(),
                    found: i64::from(version),
                    supported: i64::from(supported),
                });
            }
            if version >= target {
                let salt: String = tx
                    .query_one("SELECT value FROM meta WHERE key = 'salt'", &[])
                    .map_err(db)?
                    .get(0);
                tx.commit().map_err(db)?;
                return Ok(salt);
            }
            let index = usize::try_from(version).unwrap_or(usize::MAX);
            tx.batch_execute(MIGRATIONS[index]).map_err(db)?;
            if version == 2 {
                self.decisions_in_columns(&mut tx)?;
            }
            if version == 0 {
                let mut ddl = String::new();
                for table in EVENT_TABLES {
                    ddl.push_str(&format!(
                        "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION ledger_append_only('erasure');\n"
                    ));
                }
                for table in EVENT_TABLES.iter().chain(FIXED_TABLES) {
                    let arg = if FIXED_TABLES.contains(table) {
                        "CREATE TRIGGER {t}_fixed BEFORE UPDATE OR DELETE ON {t} \
                         FOR EACH ROW EXECUTE FUNCTION ledger_append_only('always');\n"
                            .replace("{t}", table)
                    } else {
                        String::new()
                    };
                    ddl.push_str(&arg);
                    ddl.push_str(&format!(
                        "CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only('always');\n"
                    ));
                }
                tx.batch_execute(&ddl).map_err(db)?;
                let seed = format!(
                    "{}:{}:{:p}",
                    Timestamp::now().as_nanosecond(),
                    std::process::id(),
                    &tx
                );
                let salt: String = Sha256::digest(seed.as_bytes())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('application', $1), ('salt', $2)",
                    &[&APPLICATION, &salt],
                )
                .map_err(db)?;
            }
            tx.execute(
                "INSERT INTO migrations (version, applied_at) VALUES ($1, $2)",
                &[&(version + 1), &now()],
            )
            .map_err(db)?;
            tx.commit().map_err(db)?;
        }
    }

    /// The migration to version 3, after its statements: the decisions recorded as JSON get
    /// their columns, then lose the JSON. The one time a decision's row changes outside an
    /// erasure: its trigger is disabled for these statements, in the migration's transaction.
    fn decisions_in_columns(&self, tx: &mut postgres::Transaction<'_>) -> Result<(), LedgerError> {
        let db = |e: postgres::Error| self.fail(&e);
        let rows = tx
            .query("SELECT id, decision FROM decisions ORDER BY id", &[])
            .map_err(db)?;
        tx.batch_execute("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only")
            .map_err(db)?;
        let update = tx
            .prepare(
                "UPDATE decisions SET next_allowed_at = $2, findings = $3, zones = $4,
                    states = $5, location = $6, classification = $7, missing = $8, data_id = $9
                 WHERE id = $1",
            )
            .map_err(db)?;
        for r in rows {
            let id: i64 = r.get(0);
            let json: String = r.get(1);
            let row = DecisionRow::from_json(&json).ok_or_else(|| LedgerError::Corrupt {
                path: self.server.clone().into(),
                reason: format!("decision {id} holds no decision the ledger can read"),
            })?;
            let data = data_version(tx, &row.data.each_ref().map(String::as_str)).map_err(db)?;
            tx.execute(
                &update,
                &[
                    &id,
                    &row.next_allowed_at,
                    &row.findings,
                    &row.zones,
                    &row.states,
                    &row.location,
                    &row.classification,
                    &row.missing,
                    &data,
                ],
            )
            .map_err(db)?;
        }
        tx.batch_execute(
            "ALTER TABLE decisions ENABLE TRIGGER decisions_append_only;
             ALTER TABLE decisions DROP COLUMN decision",
        )
        .map_err(db)
    }

    fn not_ours(&self, reason: &str) -> LedgerError {
        LedgerError::NotALedger {
            path: self.server.clone().into(),
            reason: reason.to_string(),
        }
    }

    fn hash(&self, phone: &str) -> String {
        hash_with(&self.salt, phone)
    }

    /// Runs `f` in one transaction after taking `locks`; runs it again on a new connection
    /// when the connection was lost before the commit, or when the server asks (a broken
    /// deadlock), within the reconnection window.
    fn transaction<T>(
        &self,
        locks: Locks<'_>,
        mut f: impl FnMut(&mut Tx<'_>) -> Result<T, Failure>,
    ) -> Result<T, LedgerError> {
        let begin = lock_sql(&locks);
        let deadline = Instant::now() + self.reconnect;
        let mut pause = Duration::from_millis(20);
        loop {
            let mut conn = match self.pool.get() {
                Ok(conn) => conn,
                Err(e @ LedgerError::Unreachable { .. }) => {
                    if Instant::now() + pause > deadline {
                        return Err(e);
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(500));
                    continue;
                }
                Err(e) => return Err(e),
            };
            let result = (|| -> Result<T, Failure> {
                conn.client.batch_execute(&begin)?;
                let out = f(&mut Tx { conn: &mut conn })?;
                Ok(out)
            })();
            match result {
                Ok(out) => {
                    // The commit: a lost connection here leaves the outcome unknown, so it is
                    // not run again.
                    return match conn.client.batch_execute("COMMIT") {
                        Ok(()) => {
                            self.pool.put(Some(conn));
                            Ok(out)
                        }
                        Err(e) => {
                            let error = if connection_lost(&e) {
                                LedgerError::Server {
                                    server: self.server.clone(),
                                    reason: format!(
                                        "the connection was lost while committing, so the \
                                         outcome is unknown: {}",
                                        error_text(&e)
                                    ),
                                }
                            } else {
                                self.fail(&e)
                            };
                            self.release(conn);
                            Err(error)
                        }
                    };
                }
                Err(Failure::Ledger(e)) => {
                    self.release(conn);
                    return Err(e);
                }
                Err(Failure::Db(e)) => {
                    let again = (connection_lost(&e) || retry_asked(&e))
                        && Instant::now() + pause <= deadline;
                    if !again {
                        let error = self.fail(&e);
                        self.release(conn);
                        return Err(error);
                    }
                    self.release(conn);
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(500));
                }
            }
        }
    }

    /// Rolls back and gives the connection back; a connection that cannot roll back is
    /// dropped.
    fn release(&self, mut conn: Conn) {
        if conn.client.is_closed() || conn.client.batch_execute("ROLLBACK").is_err() {
            self.pool.put(None);
        } else {
            self.pool.put(Some(conn));
        }
    }
}

/// The one query that reads what the gate needs of a number: the opt-out in force (erasure,
/// latest opt event, latest suppression, latest consent granted), the consent in force, the
/// latest reassigned answer, the last inbound message, the latest attempts of the week (for
/// the number and for the debt), the last conversation, and the replies an older reader did not
/// take for a revocation.
///
/// $1 phone, $2 the number's hash, $3 sender (or NULL), $4 the instant, $5 a week before,
/// $6 debt (or NULL), $7 the inbound reader's version, $8 how many of the latest attempts to
/// read ([`ATTEMPTS_READ`]).
const HISTORY: &str = "
SELECT
    (SELECT MIN(at) FROM erasures WHERE phone_hash = $2),
    o.action, o.method, o.sender, o.at,
    s.list, s.at,
    (SELECT MAX(consent_at) FROM consents WHERE phone = $1 AND consent_at <= $4
        AND (sender_scope IS NULL OR sender_scope = 'all' OR $3::text IS NULL
             OR sender_scope = $3::text)),
    c.consent_type, c.consent_at, c.channel, c.consent_method, c.consent_source, c.ip_address,
    c.seller, c.disclosure, c.disclosure_version, c.purpose, c.sender_scope, c.evidence,
    c.language,
    r.answer, r.checked_at,
    (SELECT MAX(at) FROM inbound WHERE phone = $1 AND at <= $4
        AND ($3::text IS NULL OR sender = $3::text)),
    ARRAY(SELECT at FROM attempts WHERE phone = $1 AND at > $5 AND at <= $4
          ORDER BY at DESC, id DESC LIMIT $8)
    || ARRAY(SELECT at FROM decisions WHERE phone = $1 AND attempt AND at > $5 AND at <= $4
             ORDER BY at DESC, id DESC LIMIT $8),
    ARRAY(SELECT at FROM attempts WHERE $6::text IS NOT NULL
            AND debt = $6::text AND at > $5 AND at <= $4
          ORDER BY at DESC, id DESC LIMIT $8)
    || ARRAY(SELECT at FROM decisions WHERE $6::text IS NOT NULL AND attempt
               AND debt IS NOT NULL AND debt = $6::text AND at > $5 AND at <= $4
             ORDER BY at DESC, id DESC LIMIT $8),
    CASE WHEN $6::text IS NULL
        THEN (SELECT MAX(at) FROM attempts WHERE phone = $1 AND at <= $4 AND conversation)
        ELSE (SELECT MAX(at) FROM attempts WHERE debt = $6::text AND at <= $4 AND conversation)
    END,
    ARRAY(SELECT body FROM inbound WHERE phone = $1 AND id > u.through
          AND action <> 'opt-out' AND (reader < $7 OR reader > $7) AND body IS NOT NULL
          ORDER BY id),
    ARRAY(SELECT at FROM inbound WHERE phone = $1 AND id > u.through
          AND action <> 'opt-out' AND (reader < $7 OR reader > $7) AND body IS NOT NULL
          ORDER BY id),
    ARRAY(SELECT id FROM inbound WHERE phone = $1 AND id > u.through
          AND action <> 'opt-out' AND (reader < $7 OR reader > $7) AND body IS NOT NULL
          ORDER BY id),
    (SELECT MIN(at) FROM rereadings WHERE phone = $1 AND reader = $7 AND revocation
        AND at <= $4 AND (c.consent_at IS NULL OR at > c.consent_at))
FROM (SELECT 1) AS one
CROSS JOIN LATERAL (
    SELECT COALESCE(MAX(inbound_id), 0) AS through FROM rereadings
    WHERE phone = $1 AND reader = $7 AND NOT revocation) u
LEFT JOIN LATERAL (
    SELECT action, method, sender, at FROM opt_events
    WHERE phone = $1 AND at <= $4 AND (sender IS NULL OR $3::text IS NULL OR sender = $3::text)
    ORDER BY at DESC, id DESC LIMIT 1) o ON true
LEFT JOIN LATERAL (
    SELECT list, at FROM suppressions WHERE phone = $1 AND at <= $4
    ORDER BY at DESC, id DESC LIMIT 1) s ON true
LEFT JOIN LATERAL (
    SELECT * FROM consents
    WHERE phone = $1 AND consent_at <= $4
      AND (sender_scope IS NULL OR sender_scope = 'all' OR $3::text IS NULL
           OR sender_scope = $3::text)
    ORDER BY consent_type = 'express-written' DESC, consent_at DESC, id DESC LIMIT 1) c ON true
LEFT JOIN LATERAL (
    SELECT answer, checked_at FROM reassigned WHERE phone = $1 AND checked_at <= $4
    ORDER BY checked_at DESC, id DESC LIMIT 1) r ON true";

/// The opt-out in force before an inbound message, and the latest opt-out confirmation sent
/// from its sender. $1 phone, $2 hash, $3 sender, $4 the instant.
const INBOUND_STATE: &str = "
SELECT
    (SELECT MIN(at) FROM erasures WHERE phone_hash = $2),
    o.action, o.method, o.sender, o.at,
    s.list, s.at,
    (SELECT MAX(consent_at) FROM consents WHERE phone = $1 AND consent_at <= $4
        AND (sender_scope IS NULL OR sender_scope = 'all' OR sender_scope = $3)),
    (SELECT MAX(at) FROM confirmations WHERE phone = $1 AND sender = $3 AND action = 'opt-out')
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (
    SELECT action, method, sender, at FROM opt_events
    WHERE phone = $1 AND at <= $4 AND (sender IS NULL OR sender = $3)
    ORDER BY at DESC, id DESC LIMIT 1) o ON true
LEFT JOIN LATERAL (
    SELECT list, at FROM suppressions WHERE phone = $1 AND at <= $4
    ORDER BY at DESC, id DESC LIMIT 1) s ON true";

/// An inbound message, its opt event and its reply, in one statement.
const INSERT_INBOUND: &str = "
WITH i AS (
    INSERT INTO inbound (phone, sender, channel, body, action, scope, kind, reader, at,
        recorded_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id),
o AS (
    INSERT INTO opt_events (phone, sender, action, method, inbound_id, at, recorded_at)
    SELECT $1, $11::text, $12::text, $7, i.id, $9, $10 FROM i WHERE $12::text IS NOT NULL),
c AS (
    INSERT INTO confirmations (phone, sender, action, body, inbound_id, at, recorded_at)
    SELECT $1, $2, $5, $13::text, i.id, $9, $10 FROM i WHERE $13::text IS NOT NULL)
SELECT id FROM i";

/// A decision: an allowed one is itself the attempt it counts as (`attempt`, with the send's
/// debt).
const INSERT_DECISION: &str = "
INSERT INTO decisions (phone, sender, channel, verdict, rules, twilio_code, at,
    recorded_at, next_allowed_at, findings, zones, states, location, classification,
    missing, data_id, debt, attempt)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, $12, $13, $14, $15, $16, $17, $18, $9, $10)
RETURNING id";

/// The id of the row of these data versions in `data_versions`, added when new (looked up
/// first, so that an identity value is spent only on a new row).
fn data_version<C: postgres::GenericClient>(
    client: &mut C,
    data: &[&str; 4],
) -> Result<i64, postgres::Error> {
    const FIND: &str = "SELECT id FROM data_versions
        WHERE area_codes = $1 AND tzdb = $2 AND state_rules = $3 AND classifier = $4";
    let params: [&(dyn ToSql + Sync); 4] = [&data[0], &data[1], &data[2], &data[3]];
    if let Some(row) = client.query_opt(FIND, &params)? {
        return Ok(row.get(0));
    }
    client.execute(
        "INSERT INTO data_versions (area_codes, tzdb, state_rules, classifier)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        &params,
    )?;
    Ok(client.query_one(FIND, &params)?.get(0))
}

/// Every consent record (or those of one number) with what the opt-out in force needs for its
/// scope. $1 the salt, $2 the number or NULL.
const EXPORT: &str = "
SELECT c.phone, c.sender_scope, c.consent_at, c.channel, c.consent_type, c.consent_method,
    c.consent_source, c.ip_address, c.seller, c.disclosure, c.disclosure_version, c.purpose,
    c.evidence, c.language,
    EXISTS (SELECT 1 FROM erasures
            WHERE phone_hash = encode(sha256(convert_to($1::text || c.phone, 'UTF8')), 'hex')),
    o.action, o.method, o.sender, o.at,
    s.list, s.at,
    (SELECT MAX(g.consent_at) FROM consents g WHERE g.phone = c.phone
        AND (g.sender_scope IS NULL OR g.sender_scope = 'all'
             OR NULLIF(c.sender_scope, 'all') IS NULL
             OR g.sender_scope = NULLIF(c.sender_scope, 'all')))
FROM consents c
LEFT JOIN LATERAL (
    SELECT action, method, sender, at FROM opt_events e
    WHERE e.phone = c.phone AND (e.sender IS NULL OR NULLIF(c.sender_scope, 'all') IS NULL
          OR e.sender = NULLIF(c.sender_scope, 'all'))
    ORDER BY at DESC, id DESC LIMIT 1) o ON true
LEFT JOIN LATERAL (
    SELECT list, at FROM suppressions x WHERE x.phone = c.phone
    ORDER BY at DESC, id DESC LIMIT 1) s ON true
WHERE c.phone IS NOT NULL AND ($2::text IS NULL OR c.phone = $2::text)
ORDER BY c.id";

fn latest_event(row: &Row, from: usize) -> Option<LatestOptEvent> {
    let action: Option<String> = row.get(from);
    action.map(|action| {
        (
            action,
            row.get(from + 1),
            row.get(from + 2),
            row.get(from + 3),
        )
    })
}

fn suppression(row: &Row, from: usize) -> Option<(String, i64)> {
    let list: Option<String> = row.get(from);
    list.map(|list| (list, row.get(from + 1)))
}

impl PostgresLedger {
    fn load_history(
        &self,
        tx: &mut Tx<'_>,
        to: &PhoneNumber,
        from: Option<&Sender>,
        debt: Option<&str>,
        at: Timestamp,
        attempts: bool,
    ) -> Result<(RecipientHistory, Reread), postgres::Error> {
        let phone = to.e164();
        // No attempt at all when no cap counts them (`Reads::attempts`).
        let read = if attempts { ATTEMPTS_READ as i64 } else { 0 };
        let sender = sender_text(from);
        let t = micros(at);
        let week = t - SignedDuration::from_hours(7 * 24).as_micros() as i64;
        let row = tx.one(
            HISTORY,
            &[
                &phone,
                &self.hash(phone),
                &sender,
                &t,
                &week,
                &debt,
                &inbound::VERSION,
                &read,
            ],
        )?;
        let mut h = RecipientHistory::known();
        h.opt_out = opt_out_in_force(
            row.get(0),
            latest_event(&row, 1),
            suppression(&row, 5),
            row.get(7),
        );
        let kind: Option<String> = row.get(8);
        let consent_at: Option<i64> = row.get(9);
        if let (Some(kind), Some(consent_at)) = (kind, consent_at) {
            let record = ConsentRecord {
                phone: phone.to_string(),
                channel: row.get(10),
                consent_type: ConsentKind::parse(&kind).unwrap_or(ConsentKind::Express),
                consent_method: row.get(11),
                consent_timestamp: instant(consent_at),
                consent_source: row.get(12),
                ip_address: row.get(13),
                opted_out: false,
                opt_out_timestamp: None,
                seller: row.get(14),
                disclosure: row.get(15),
                disclosure_version: row.get(16),
                purpose: row.get(17),
                sender_scope: row.get(18),
                evidence: row.get(19),
                language: row.get(20),
            };
            h.consent = Some(ConsentOnFile {
                kind: record.consent_type,
                at: instant(consent_at),
                missing: record.missing(),
            });
        }
        let answer: Option<String> = row.get(21);
        if let Some(answer) = answer {
            let checked_at: i64 = row.get(22);
            if consent_at.is_none_or(|c| c <= checked_at) {
                h.reassigned = Some(ReassignedCheck {
                    answer: Reassigned::parse(&answer).unwrap_or(Reassigned::NoData),
                    checked_at: instant(checked_at),
                });
            }
        }
        h.last_inbound = row.get::<_, Option<i64>>(23).map(instant);
        h.attempts = row
            .get::<_, Vec<i64>>(24)
            .into_iter()
            .map(instant)
            .collect();
        if debt.is_some() {
            h.debt_attempts = row
                .get::<_, Vec<i64>>(25)
                .into_iter()
                .map(instant)
                .collect();
        }
        // Both kinds of attempt, the latest of them all.
        latest_attempts(&mut h.attempts);
        latest_attempts(&mut h.debt_attempts);
        h.more_attempts = h.attempts.len() >= ATTEMPTS_READ;
        h.more_debt_attempts = h.debt_attempts.len() >= ATTEMPTS_READ;
        h.last_conversation = row.get::<_, Option<i64>>(26).map(instant);
        let bodies: Vec<String> = row.get(27);
        let ats: Vec<i64> = row.get(28);
        let ids: Vec<i64> = row.get(29);
        let stale = ids
            .into_iter()
            .zip(ats)
            .zip(bodies)
            .map(|((id, at), body)| (id, at, body))
            .collect();
        let (revoked, reread) = read_again(stale, consent_at, t, row.get(30));
        h.uncaptured_revocation = revoked.map(instant);
        Ok((h, reread))
    }

    fn insert_consent(&self, tx: &mut Tx<'_>, r: &ConsentRecord) -> Result<i64, Failure> {
        let phone = PhoneNumber::parse(&r.phone)
            .map_err(|e| LedgerError::invalid("phone", e.to_string()))?;
        r.validate()
            .map_err(|(field, message)| LedgerError::invalid(field, message))?;
        let recorded = now();
        let opt_out = match (r.opted_out, r.opt_out_timestamp) {
            (true, Some(when)) => Some(micros(when)),
            _ => None,
        };
        let opt_sender = r.sender_scope.as_deref().filter(|s| *s != "all");
        let row = tx.one(
            "WITH c AS (
                INSERT INTO consents (phone, channel, consent_type, consent_method, consent_at,
                    consent_source, ip_address, seller, disclosure, disclosure_version, purpose,
                    sender_scope, evidence, language, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                RETURNING id),
            o AS (
                INSERT INTO opt_events (phone, sender, action, method, at, recorded_at)
                SELECT $1, $16::text, 'opt-out', 'import', $17::bigint, $15 FROM c
                WHERE $17::bigint IS NOT NULL)
            SELECT id FROM c",
            &[
                &phone.e164(),
                &r.channel,
                &r.consent_type.as_str(),
                &r.consent_method,
                &micros(r.consent_timestamp),
                &r.consent_source,
                &r.ip_address,
                &r.seller,
                &r.disclosure,
                &r.disclosure_version,
                &r.purpose,
                &r.sender_scope,
                &r.evidence,
                &r.language,
                &recorded,
                &opt_sender,
                &opt_out,
            ],
        )?;
        Ok(row.get(0))
    }

    fn inbound_one(
        &self,
        tx: &mut Tx<'_>,
        m: &Inbound,
        replies: &Replies,
    ) -> Result<InboundOutcome, postgres::Error> {
        let reading = inbound::read_reply(&m.body);
        let phone = m.from.e164();
        let sender = m.to.to_string();
        let t = micros(m.at);
        let recorded = now();
        // The state before this message: an opt-out already confirmed gets no second text.
        let row = tx.one(INBOUND_STATE, &[&phone, &self.hash(phone), &sender, &t])?;
        let before = opt_out_in_force(
            row.get(0),
            latest_event(&row, 1),
            suppression(&row, 5),
            row.get(7),
        );
        let confirmed_at: Option<i64> = row.get(8);
        let (opt_action, opt_sender, reply) = match reading.action {
            Action::OptOut => {
                let scope_sender = (reading.scope != Some(Scope::All)).then_some(sender.as_str());
                let confirmed = before
                    .as_ref()
                    .is_some_and(|o| confirmed_at.is_some_and(|c| c >= micros(o.at)));
                let reply = if confirmed {
                    None
                } else {
                    replies.text(Action::OptOut, reading.language)
                };
                (Some("opt-out"), scope_sender, reply)
            }
            Action::OptIn => (
                Some("opt-in"),
                Some(sender.as_str()),
                replies.text(Action::OptIn, reading.language),
            ),
            Action::Help => (None, None, replies.text(Action::Help, reading.language)),
            Action::None => (None, None, None),
        };
        let row = tx.one(
            INSERT_INBOUND,
            &[
                &phone,
                &sender,
                &m.channel.as_str(),
                &m.body,
                &reading.action.as_str(),
                &reading.scope.map(Scope::as_str),
                &reading.kind.as_str(),
                &inbound::VERSION,
                &t,
                &recorded,
                &opt_sender,
                &opt_action,
                &reply,
            ],
        )?;
        let twiml = Replies::twiml(reply.as_deref());
        Ok(InboundOutcome {
            reading,
            reply,
            twiml,
            id: row.get(0),
        })
    }

    fn export(&self, tx: &mut Tx<'_>, phone: Option<&str>) -> Result<Vec<ConsentRecord>, Failure> {
        let rows = tx.query(EXPORT, &[&self.salt, &phone])?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let consent_at: i64 = row.get(2);
            let erased: bool = row.get(14);
            // The opt-out in force now for this record's scope, if it came after the record;
            // an erasure is no opt-out of a record that came after it.
            let opt = if erased {
                None
            } else {
                opt_out_in_force(
                    None,
                    latest_event(&row, 15),
                    suppression(&row, 19),
                    row.get(21),
                )
                .filter(|o| micros(o.at) > consent_at)
            };
            let kind: String = row.get(4);
            out.push(ConsentRecord {
                phone: row.get(0),
                channel: row.get(3),
                consent_type: ConsentKind::parse(&kind).unwrap_or(ConsentKind::Express),
                consent_method: row.get(5),
                consent_timestamp: instant(consent_at),
                consent_source: row.get(6),
                ip_address: row.get(7),
                opted_out: opt.is_some(),
                opt_out_timestamp: opt.map(|o| o.at),
                seller: row.get(8),
                disclosure: row.get(9),
                disclosure_version: row.get(10),
                purpose: row.get(11),
                sender_scope: row.get(1),
                evidence: row.get(12),
                language: row.get(13),
            });
        }
        Ok(out)
    }
}

fn with_record(i: usize, e: LedgerError) -> LedgerError {
    match e {
        LedgerError::Invalid { place, message } => LedgerError::Invalid {
            place: format!("record {}", i + 1),
            message: format!("`{place}`: {message}"),
        },
        other => other,
    }
}

impl Ledger for PostgresLedger {
    fn record_consent(&self, record: &ConsentRecord) -> Result<i64, LedgerError> {
        // Locked by the number as the other writers name it (E.164), when it is one.
        let key = PhoneNumber::parse(&record.phone)
            .map_or_else(|_| record.phone.clone(), |p| p.e164().to_string());
        self.transaction(Locks::Keys(vec![key.as_str()]), |tx| {
            self.insert_consent(tx, record)
        })
    }

    fn import_consents(&self, records: &[ConsentRecord]) -> Result<usize, LedgerError> {
        self.transaction(Locks::All, |tx| {
            for (i, r) in records.iter().enumerate() {
                self.insert_consent(tx, r).map_err(|e| match e {
                    Failure::Ledger(e) => Failure::Ledger(with_record(i, e)),
                    other => other,
                })?;
            }
            Ok(records.len())
        })
    }

    fn export_consents(&self) -> Result<Vec<ConsentRecord>, LedgerError> {
        self.transaction(Locks::None, |tx| self.export(tx, None))
    }

    fn record_inbound_batch(
        &self,
        batch: &[Inbound],
        replies: &Replies,
    ) -> Result<Vec<InboundOutcome>, LedgerError> {
        let keys: Vec<&str> = batch.iter().map(|m| m.from.e164()).collect();
        self.transaction(Locks::Keys(keys), |tx| {
            let mut out = Vec::with_capacity(batch.len());
            for m in batch {
                out.push(self.inbound_one(tx, m, replies)?);
            }
            Ok(out)
        })
    }

    fn record_attempt(&self, a: &Attempt) -> Result<i64, LedgerError> {
        let debt_key = a.debt.as_ref().map(|d| format!("debt:{d}"));
        let mut keys = vec![a.phone.e164()];
        keys.extend(debt_key.as_deref());
        self.transaction(Locks::Keys(keys), |tx| {
            let row = tx.one(
                "INSERT INTO attempts (phone, sender, debt, channel, conversation, at, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &a.phone.e164(),
                    &sender_text(a.from.as_ref()),
                    &a.debt,
                    &a.channel.as_str(),
                    &a.conversation,
                    &micros(a.at),
                    &now(),
                ],
            )?;
            Ok(row.get(0))
        })
    }

    fn import_reassigned(&self, results: &[ReassignedResult]) -> Result<usize, LedgerError> {
        self.transaction(Locks::All, |tx| {
            let recorded = now();
            for r in results {
                tx.execute(
                    "INSERT INTO reassigned (phone, answer, source, checked_at, recorded_at)
                     VALUES ($1, $2, $3, $4, $5)",
                    &[
                        &r.phone.e164(),
                        &r.answer.as_str(),
                        &r.source,
                        &micros(r.checked_at),
                        &recorded,
                    ],
                )?;
            }
            Ok(results.len())
        })
    }

    fn record_suppression(&self, s: &Suppression) -> Result<i64, LedgerError> {
        self.transaction(Locks::Keys(vec![s.phone.e164()]), |tx| {
            let row = tx.one(
                "INSERT INTO suppressions (phone, list, reason, at, recorded_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&s.phone.e164(), &s.list, &s.reason, &micros(s.at), &now()],
            )?;
            Ok(row.get(0))
        })
    }

    fn history(
        &self,
        to: &PhoneNumber,
        from: Option<&Sender>,
        debt: Option<&str>,
        at: Timestamp,
    ) -> Result<RecipientHistory, LedgerError> {
        self.transaction(Locks::None, |tx| {
            // A reading that records nothing: what it read again is read again next time.
            Ok(self.load_history(tx, to, from, debt, at, true)?.0)
        })
    }

    fn decide_batch(
        &self,
        gate: &Gate,
        outbounds: &[Outbound<'_>],
        at: Timestamp,
    ) -> Result<Vec<Decided>, LedgerError> {
        let debts: Vec<String> = outbounds
            .iter()
            .filter_map(|o| o.debt.as_deref().map(|d| format!("debt:{d}")))
            .collect();
        let keys = outbounds
            .iter()
            .map(|o| o.to.e164())
            .chain(debts.iter().map(String::as_str))
            .collect();
        self.transaction(Locks::Keys(keys), |tx| {
            if self.decisions == Durability::Written {
                tx.conn
                    .client
                    .batch_execute("SET LOCAL synchronous_commit = off")?;
            }
            let mut out = Vec::with_capacity(outbounds.len());
            // The data versions of the batch's decisions: the library's, looked up once.
            let mut data: Option<([&'static str; 4], i64)> = None;
            for o in outbounds {
                let mut reread = Reread::default();
                let decision = gate.decide_reading(o, at, |reads| {
                    self.load_history(
                        tx,
                        &o.to,
                        o.from.as_ref(),
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
                    // What this decision read again, so that the next reads on from there.
                    let marks = reread.revocations.iter().map(|r| (r, true));
                    for ((inbound_id, reply_at), revocation) in marks.chain([(&through, false)]) {
                        tx.execute(
                            "INSERT INTO rereadings (phone, reader, inbound_id, revocation, at,
                                recorded_at)
                             VALUES ($1, $2, $3, $4, $5, $6)",
                            &[
                                &o.to.e164(),
                                &inbound::VERSION,
                                inbound_id,
                                &revocation,
                                reply_at,
                                &now(),
                            ],
                        )?;
                    }
                }
                let recorded = now();
                let record = DecisionRow::of(&decision);
                let code = record.twilio_code.and_then(|c| i32::try_from(c).ok());
                let allow = decision.verdict == Verdict::Allow;
                let versions = versions(&decision.data);
                let data_id = match data {
                    Some((v, id)) if v == versions => id,
                    _ => {
                        let id = data_version(&mut tx.conn.client, &versions)?;
                        data = Some((versions, id));
                        id
                    }
                };
                let row = tx.one(
                    INSERT_DECISION,
                    &[
                        &o.to.e164(),
                        &sender_text(o.from.as_ref()),
                        &o.channel.as_str(),
                        &record.verdict,
                        &record.rules,
                        &code,
                        &micros(at),
                        &recorded,
                        &o.debt,
                        &allow,
                        &record.next_allowed_at,
                        &record.findings,
                        &record.zones,
                        &record.states,
                        &record.location,
                        &record.classification,
                        &record.missing,
                        &data_id,
                    ],
                )?;
                let id: i64 = row.get(0);
                for ov in &decision.overrides {
                    tx.execute(
                        "INSERT INTO overrides (decision_id, code, reason, actor, recorded_at)
                         VALUES ($1, $2, $3, $4, $5)",
                        &[&id, &ov.code, &ov.reason, &ov.actor, &recorded],
                    )?;
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
        self.transaction(Locks::None, |tx| {
            // One snapshot for every statement of the report.
            tx.conn
                .client
                .batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")?;
            let mut records = self.export(tx, Some(e164))?;
            records.sort_by_key(|r| r.consent_timestamp);
            let history = self.load_history(tx, phone, None, None, at, true)?.0;
            let erased: bool = tx
                .one(
                    "SELECT EXISTS (SELECT 1 FROM erasures WHERE phone_hash = $1)",
                    &[&hash],
                )?
                .get(0);
            let state = crate::state::summary(&history, erased);
            let events = self.events(tx, e164, t)?;
            Ok(PhoneReport {
                phone: e164.to_string(),
                records,
                state,
                history: events,
            })
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
        let e164 = phone.e164();
        let hash = self.hash(e164);
        self.transaction(Locks::Keys(vec![e164]), |tx| {
            tx.execute("INSERT INTO erasing (token) VALUES (1)", &[])?;
            let mut records = 0u64;
            for sql in ERASURE.iter() {
                records += tx.execute(sql.as_str(), &[&e164])?;
            }
            tx.execute("DELETE FROM erasing", &[])?;
            let records = usize::try_from(records).unwrap_or(usize::MAX);
            let row = tx.one(
                "INSERT INTO erasures (phone_hash, reason, actor, records, at, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    &hash,
                    &reason,
                    &actor,
                    &i64::try_from(records).unwrap_or(i64::MAX),
                    &micros(at),
                    &now(),
                ],
            )?;
            Ok(Erasure {
                id: row.get(0),
                phone_hash: hash.clone(),
                records,
                at,
            })
        })
    }
}

impl PostgresLedger {
    /// Every event of a number up to `t`, oldest first (events at the same instant in the
    /// order of their kinds, then of their records).
    fn events(&self, tx: &mut Tx<'_>, e164: &str, t: i64) -> Result<Vec<HistoryEvent>, Failure> {
        crate::report::events(|sql, row| {
            for r in tx.query(sql, &[&e164, &t])? {
                row(&r).map_err(|reason| Failure::from(crate::report::unreadable(reason)))?;
            }
            Ok::<(), Failure>(())
        })
    }
}

impl crate::report::Columns for Row {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        // BIGINT, INTEGER or BOOLEAN, as the tables have them.
        if let Ok(v) = self.try_get::<_, Option<i64>>(i) {
            return Ok(v);
        }
        if let Ok(v) = self.try_get::<_, Option<i32>>(i) {
            return Ok(v.map(i64::from));
        }
        self.try_get::<_, Option<bool>>(i)
            .map(|v| v.map(i64::from))
            .map_err(|e| e.to_string())
    }

    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.try_get(i).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
#[path = "../tests/common/postgres.rs"]
mod test_server;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DecisionRow;
    use twiml_core::gate::MessageIntent;
    use twiml_core::rules::Policy;

    /// The history's look for an uncaptured revocation reads a number's replies along
    /// `inbound_unread` (migration 4), as SQLite's does: on a ledger of 20,000 replies from
    /// 2,000 numbers, half of them read by the current reader, the plan of the history names
    /// that index and scans no table.
    #[test]
    fn the_history_reads_unread_replies_by_their_index() {
        let Some(schema) = test_server::Schema::new() else {
            return;
        };
        drop(PostgresLedger::open(schema.url()).expect("open"));
        let mut client = schema.client();
        client
            .execute(
                "INSERT INTO inbound (phone, sender, channel, body, action, scope, kind, reader,
                    at, recorded_at)
                 SELECT '+1305555' || lpad((i % 2000)::text, 4, '0'), '+13055550100', 'sms',
                    'ok thanks', 'none', NULL, 'none',
                    CASE WHEN i % 2 = 0 THEN $1 ELSE 'inbound-2000.01.1' END, i, 0
                 FROM generate_series(1, 20000) AS i",
                &[&inbound::VERSION],
            )
            .expect("replies");
        client.batch_execute("ANALYZE").expect("statistics");
        let plan: Vec<String> = client
            .query(
                &format!("EXPLAIN {HISTORY}"),
                &[
                    &"+13055550123",
                    &"hash",
                    &Some("+13055550100"),
                    &30_000_i64,
                    &0_i64,
                    &None::<String>,
                    &inbound::VERSION,
                    &(ATTEMPTS_READ as i64),
                ],
            )
            .expect("a plan")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let plan = plan.join("\n");
        assert!(plan.contains("inbound_unread"), "{plan}");
        assert!(!plan.contains("Seq Scan on inbound"), "{plan}");
    }

    /// Leaves the schema's ledger at `version`, as a library of that version made it.
    fn at_version(schema: &test_server::Schema, version: usize) {
        let ledger = PostgresLedger {
            pool: Pool {
                config: schema.url().parse().expect("a URL"),
                server: "test".to_string(),
                state: Mutex::new(PoolState {
                    idle: Vec::new(),
                    open: 0,
                }),
                freed: Condvar::new(),
            },
            server: "test".to_string(),
            salt: String::new(),
            reconnect: Duration::from_secs(10),
            decisions: Durability::Flushed,
        };
        let mut conn = ledger.pool.get().expect("a connection");
        ledger.migrate(&mut conn, version).expect("the version");
        ledger.pool.put(Some(conn));
    }

    /// A ledger of schema version 4, whose allowed decisions each wrote a row of `attempts`
    /// beside them, opens as version 5: those attempts count once, the decisions after the
    /// migration are their own attempts, and Regulation F's cap counts both, as on SQLite.
    #[test]
    fn version_4_attempts_count_once_after_version_5() {
        use twiml_core::gate::jiff::SignedDuration;
        use twiml_core::rules::Regime;

        let Some(schema) = test_server::Schema::new() else {
            return;
        };
        let phone = PhoneNumber::parse("+13055550123").expect("a number");
        let gate = Gate::new(Policy::new().regime(Regime::DebtCollection));
        let start: Timestamp = "2026-06-01T15:00:00Z".parse().expect("an instant");
        let call = || Outbound::call(phone.clone()).debt("acct-1");
        at_version(&schema, 4);
        let mut client = schema.client();
        client
            .execute(
                "INSERT INTO consents (phone, channel, consent_type, consent_at, recorded_at)
                 VALUES ($1, 'sms', 'express-written', $2, 0)",
                &[&phone.e164(), &(micros(start) - 1)],
            )
            .expect("a consent");
        // Three allowed calls, recorded as version 4 recorded them: a decision and its attempt.
        for day in 0..3 {
            let when = start + SignedDuration::from_hours(24 * day);
            let mut history = RecipientHistory::known();
            history.consent = Some(ConsentOnFile {
                kind: ConsentKind::ExpressWritten,
                at: start,
                missing: Vec::new(),
            });
            let d = gate.decide(&call(), &history, when);
            assert_eq!(d.verdict, Verdict::Allow, "{d:?}");
            let row = DecisionRow::of(&d);
            client
                .execute(
                    "WITH d AS (
                        INSERT INTO decisions (phone, channel, verdict, rules, at, recorded_at,
                            findings, zones, states, location, classification, missing)
                        VALUES ($1, 'voice', $2, $3, $4, 0, $5, $6, $7, $8, $9, $10)
                        RETURNING id)
                     INSERT INTO attempts (phone, debt, channel, conversation, decision_id, at,
                        recorded_at)
                     SELECT $1, 'acct-1', 'voice', false, d.id, $4, 0 FROM d",
                    &[
                        &phone.e164(),
                        &row.verdict,
                        &row.rules,
                        &micros(when),
                        &row.findings,
                        &row.zones,
                        &row.states,
                        &row.location,
                        &row.classification,
                        &row.missing,
                    ],
                )
                .expect("a version 4 decision");
        }
        let ledger = PostgresLedger::open(schema.url()).expect("migrated at open");
        let day =
            |n: i64| start + SignedDuration::from_hours(24 * n) + SignedDuration::from_mins(1);
        let h = ledger
            .history(&phone, None, Some("acct-1"), day(3))
            .expect("a history");
        assert_eq!(h.attempts.len(), 3, "{:?}", h.attempts);
        assert_eq!(h.debt_attempts.len(), 3, "{:?}", h.debt_attempts);
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
        let report = ledger.show(&phone, day(5)).expect("a report");
        let count = |event: &str| report.history.iter().filter(|e| e.event == event).count();
        assert_eq!(count("attempt"), 7);
        assert_eq!(count("decision"), 8);
        let rows = |c: &mut postgres::Client, sql: &str| -> i64 {
            c.query_one(sql, &[]).expect("a count").get(0)
        };
        assert_eq!(rows(&mut client, "SELECT count(*) FROM attempts"), 3);
        assert_eq!(
            rows(&mut client, "SELECT count(*) FROM decisions WHERE attempt"),
            4
        );
    }

    /// A ledger of schema version 2, whose decisions are JSON, opens as version 3: each
    /// decision gets the columns the JSON held, the JSON goes, the report is unchanged, and the
    /// table is append-only again.
    #[test]
    fn version_2_decisions_migrate_to_columns() {
        let Some(schema) = test_server::Schema::new() else {
            return;
        };
        let phone = PhoneNumber::parse("+13055550123").expect("a number");
        let sender = Sender::parse("+13055550100").expect("a sender");
        let gate = Gate::new(Policy::new());
        let decided_at: Timestamp = "2026-12-04T03:00:00Z".parse().expect("an instant");
        let sends = [
            Outbound::message(phone.clone(), "Your order has shipped.")
                .from(sender.clone())
                .intent(MessageIntent::Delivery),
            Outbound::message(phone.clone(), "50% off this weekend only!").from(sender),
        ];
        let decisions: Vec<_> = sends
            .iter()
            .map(|o| gate.decide(o, &RecipientHistory::known(), decided_at))
            .collect();
        // A ledger left at version 2, with two decisions and an override as it wrote them.
        let mut client = schema.client();
        at_version(&schema, 2);
        for (o, d) in sends.iter().zip(&decisions) {
            client
                .execute(
                    "INSERT INTO decisions (phone, sender, channel, verdict, rules, twilio_code,
                        decision, at, recorded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)",
                    &[
                        &o.to.e164(),
                        &sender_text(o.from.as_ref()),
                        &o.channel.as_str(),
                        &d.verdict.as_str(),
                        &d.rules().join(","),
                        &d.twilio_code().and_then(|c| i32::try_from(c).ok()),
                        &serde_json::to_string(d).expect("json"),
                        &micros(decided_at),
                    ],
                )
                .expect("a version 2 decision");
        }
        client
            .batch_execute(
                "INSERT INTO overrides (decision_id, code, reason, actor, recorded_at)
                 SELECT min(id), 'QH001', 'an agreed call', 'ops@acme', 0 FROM decisions",
            )
            .expect("an override");

        let ledger = PostgresLedger::open(schema.url()).expect("migrated at open");
        let report = ledger
            .show(&phone, "2026-12-05T00:00:00Z".parse().expect("an instant"))
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

        let version: i32 = client
            .query_one("SELECT max(version) FROM migrations", &[])
            .expect("version")
            .get(0);
        assert_eq!(version, MIGRATIONS.len() as i32);
        let rows: Vec<DecisionRow> = client
            .query(
                "SELECT d.verdict, d.rules, d.twilio_code, d.next_allowed_at, d.findings, d.zones,
                    d.states, d.location, d.classification, d.missing, v.area_codes, v.tzdb,
                    v.state_rules, v.classifier
                 FROM decisions d JOIN data_versions v ON v.id = d.data_id ORDER BY d.id",
                &[],
            )
            .expect("the columns of version 3")
            .iter()
            .map(|r| DecisionRow {
                verdict: r.get(0),
                rules: r.get(1),
                twilio_code: r.get::<_, Option<i32>>(2).map(i64::from),
                next_allowed_at: r.get(3),
                findings: r.get(4),
                zones: r.get(5),
                states: r.get(6),
                location: r.get(7),
                classification: r.get(8),
                missing: r.get(9),
                data: [r.get(10), r.get(11), r.get(12), r.get(13)],
            })
            .collect();
        let expected: Vec<DecisionRow> = decisions.iter().map(DecisionRow::of).collect();
        assert_eq!(rows, expected);
        assert!(
            client.query("SELECT decision FROM decisions", &[]).is_err(),
            "the JSON column is gone"
        );
        for sql in [
            "UPDATE decisions SET verdict = 'allow'",
            "DELETE FROM data_versions",
        ] {
            let e = client.batch_execute(sql).expect_err(sql);
            assert!(
                e.as_db_error()
                    .is_some_and(|d| d.message().contains("is append-only")),
                "{sql}: {e}"
            );
        }
    }
}
