//! What only the PostgreSQL ledger has: its schema guards, its migrations, and what it says
//! when the server cannot be reached. The behaviour it shares with SQLite is in
//! `conformance.rs`; processes and restarts are in `postgres_reliability.rs`.

#![cfg(feature = "postgres")]

use std::time::Duration;

use twiml_core::gate::{ConsentKind, Gate, Outbound, PhoneNumber};
use twiml_core::rules::Policy;
use twiml_ledger::{AnyLedger, ConsentRecord, Ledger, LedgerError, PostgresLedger};

#[path = "common/postgres.rs"]
mod pg;

fn phone() -> PhoneNumber {
    PhoneNumber::parse("+13055550123").expect("a number")
}

fn at(text: &str) -> twiml_core::gate::Timestamp {
    text.parse().expect("an instant")
}

#[test]
fn tables_are_append_only_except_for_an_erasure() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    let l = PostgresLedger::open(schema.url()).expect("open");
    l.record_consent(&ConsentRecord::new(
        phone(),
        ConsentKind::Express,
        at("2026-01-01T00:00:00Z"),
    ))
    .expect("consent");
    let mut c = schema.client();
    for sql in [
        "UPDATE consents SET consent_type = 'express-written'",
        "DELETE FROM consents",
        "TRUNCATE consents",
        "UPDATE meta SET value = 'x' WHERE key = 'salt'",
        "DELETE FROM migrations",
    ] {
        let e = c.batch_execute(sql).expect_err(sql);
        let text = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(text.contains("is append-only"), "{sql}: {e}");
    }
    // Inside a transaction with a row in `erasing`, an erasure may change records (the
    // ledger's own erasure does exactly this); the row is never visible to anyone else.
    l.erase(
        &phone(),
        "gdpr art. 17",
        "privacy@acme",
        at("2026-02-01T00:00:00Z"),
    )
    .expect("erase");
    let left: i64 = c
        .query_one("SELECT count(*) FROM consents WHERE phone IS NOT NULL", &[])
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
    let erasing: i64 = c
        .query_one("SELECT count(*) FROM erasing", &[])
        .expect("count")
        .get(0);
    assert_eq!(erasing, 0);
    // The tombstone stays.
    let e = c
        .batch_execute("DELETE FROM erasures")
        .expect_err("a tombstone stays");
    assert!(
        e.as_db_error()
            .is_some_and(|d| d.message().contains("is append-only")),
        "{e}"
    );
}

#[test]
fn migrations_run_once_and_a_second_open_keeps_the_records() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    // Four processes' worth of opens at once on an empty schema: one migrates, the others
    // wait and find the tables.
    let url = schema.url().to_string();
    let opened: Vec<PostgresLedger> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| PostgresLedger::open(&url).expect("open")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a thread"))
            .collect()
    });
    opened[0]
        .record_consent(&ConsentRecord::new(
            phone(),
            ConsentKind::Express,
            at("2026-01-01T00:00:00Z"),
        ))
        .expect("consent");
    let again = PostgresLedger::open(schema.url()).expect("open again");
    assert_eq!(again.export_consents().expect("export").len(), 1);
    let mut c = schema.client();
    let versions: Vec<i32> = c
        .query("SELECT version FROM migrations ORDER BY version", &[])
        .expect("versions")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, [1, 2, 3, 4, 5, 6]);
    // Every ledger of the schema hashes numbers with the same salt.
    let e = again
        .erase(
            &phone(),
            "request",
            "privacy@acme",
            at("2026-02-01T00:00:00Z"),
        )
        .expect("erase");
    let report = opened[3]
        .show(&phone(), at("2026-03-01T00:00:00Z"))
        .expect("show");
    assert!(report.state.erased);
    assert_eq!(e.records, 1);
}

#[test]
fn a_schema_that_is_not_a_ledger_is_refused_and_left_untouched() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    let mut c = schema.client();
    c.batch_execute(
        "CREATE TABLE consents (id INTEGER PRIMARY KEY, who TEXT);
         INSERT INTO consents VALUES (1, 'ada');",
    )
    .expect("another app's table");
    let e = PostgresLedger::open(schema.url()).expect_err("not a ledger");
    assert!(matches!(e, LedgerError::NotALedger { .. }), "{e}");
    assert!(e.to_string().contains("consents"), "{e}");
    let tables: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(tables, 1, "nothing was created");
}

#[test]
fn a_newer_schema_is_refused() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    drop(PostgresLedger::open(schema.url()).expect("open"));
    let mut c = schema.client();
    // A version from the future, as a newer library would have left it (the table is
    // append-only, so an insert is how a migration records itself).
    c.batch_execute("INSERT INTO migrations (version, applied_at) VALUES (99, 0)")
        .expect("a future version");
    let e = PostgresLedger::open(schema.url()).expect_err("too new");
    assert!(
        matches!(
            e,
            LedgerError::TooNew {
                found: 99,
                supported: 6,
                ..
            }
        ),
        "{e}"
    );
}

/// A port on the loopback interface with nothing listening: one that was just free.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    listener.local_addr().expect("an address").port()
}

#[test]
fn an_unreachable_server_is_an_error_naming_it_never_an_allow() {
    let port = closed_port();
    let url = format!("postgres://twiml:secret@127.0.0.1:{port}/ledger");
    let e = PostgresLedger::open(&url).expect_err("nothing listens there");
    assert!(matches!(e, LedgerError::Unreachable { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "postgres://twiml@127.0.0.1:{port}/ledger: cannot reach"
        )),
        "{text}"
    );
    assert!(!text.contains("secret"), "the password stays out: {text}");
    // Through the one opener too.
    let e = AnyLedger::open(&url).expect_err("nothing listens there");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    // A name that does not resolve.
    let e =
        PostgresLedger::open("postgresql://twiml@ledger.invalid/ledger").expect_err("no such host");
    assert!(e.to_string().contains("ledger.invalid"), "{e}");
}

#[test]
fn a_server_gone_after_open_fails_the_decision_instead_of_allowing() {
    let Some(admin) = pg::server() else {
        return;
    };
    // A proxy in front of the test server that can be cut: the ledger opens through it, then
    // the proxy closes every connection and stops listening.
    let schema = pg::Schema::on(&admin);
    let proxy = Proxy::start(&admin);
    let url = proxy.url(schema.url());
    let l = PostgresLedger::open(&url)
        .expect("open through the proxy")
        .reconnect_within(Duration::from_millis(300));
    l.record_consent(&ConsentRecord::new(
        phone(),
        ConsentKind::ExpressWritten,
        at("2026-01-01T00:00:00Z"),
    ))
    .expect("consent");
    let port = proxy.port;
    proxy.cut();
    let gate = Gate::new(Policy::new());
    let e = l
        .decide(
            &gate,
            &Outbound::message(phone(), "Your order shipped."),
            at("2026-12-01T15:00:00Z"),
        )
        .expect_err("no server, no decision");
    assert!(matches!(e, LedgerError::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
}

/// A TCP proxy to the test server, which can be cut.
struct Proxy {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    streams: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Proxy {
    fn start(admin: &str) -> Proxy {
        use std::net::{TcpListener, TcpStream};
        use std::sync::atomic::Ordering;
        let config: postgres::Config = admin.parse().expect("the test server's URL");
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            _ => "127.0.0.1".to_string(),
        };
        let target = format!(
            "{host}:{}",
            config.get_ports().first().copied().unwrap_or(5432)
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("an address").port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let streams = std::sync::Arc::new(std::sync::Mutex::new(Vec::<TcpStream>::new()));
        let (s, st) = (stop.clone(), streams.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).expect("blocking");
                        let server = TcpStream::connect(&target).expect("the test server");
                        let mut list = st.lock().expect("the list");
                        list.push(client.try_clone().expect("a clone"));
                        list.push(server.try_clone().expect("a clone"));
                        for (mut from, mut to) in [
                            (
                                client.try_clone().expect("a clone"),
                                server.try_clone().expect("a clone"),
                            ),
                            (server, client),
                        ] {
                            std::thread::spawn(move || {
                                let _ = std::io::copy(&mut from, &mut to);
                                let _ = to.shutdown(std::net::Shutdown::Both);
                            });
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Proxy {
            port,
            stop,
            streams,
            thread: Some(thread),
        }
    }

    /// `url` with the proxy's address in place of the server's.
    fn url(&self, url: &str) -> String {
        let config: postgres::Config = url.parse().expect("a URL");
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            _ => "127.0.0.1".to_string(),
        };
        url.replacen(
            &format!("{host}:{port}"),
            &format!("127.0.0.1:{}", self.port),
            1,
        )
    }

    /// Stops listening and closes every connection.
    fn cut(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        for s in self.streams.lock().expect("the list").drain(..) {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }
}
