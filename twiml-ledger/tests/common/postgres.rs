//! Where the PostgreSQL tests find their server: `TWIML_TEST_POSTGRES`, a URL such as
//! `postgres://twiml@127.0.0.1:5432/twiml` (`.ci/run` and `scripts/with-postgres.sh` start one
//! and set it). Each test gets a schema of its own on that server, dropped at the end, so the
//! tests run in parallel without seeing each other's records.
//!
//! Without the variable, a PostgreSQL test skips and says so on the terminal (standard error,
//! which the harness does not capture); under CI (`CI` set to anything but `false` or `0`) it
//! fails instead, so that a run without a server can never pass as a run with one.

#![allow(dead_code, unreachable_pub)] // each test binary uses part of it

use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that names the test server.
pub const ENV: &str = "TWIML_TEST_POSTGRES";

/// The server's URL, or `None` after saying why the test skips (and a panic under CI).
pub fn server() -> Option<String> {
    if let Ok(url) = std::env::var(ENV)
        && !url.trim().is_empty()
    {
        return Some(url);
    }
    skip(
        &format!(
            "{ENV} is not: the PostgreSQL tests need a server (`.ci/run` starts one; so does \
             `scripts/with-postgres.sh`)"
        ),
        &format!(
            "{ENV} is not set (run `scripts/with-postgres.sh cargo test ...` to start a server)"
        ),
    );
    None
}

/// Says on the terminal (standard error, which the harness does not capture) that the current
/// test skips, and `why`. Under CI (`CI` set to anything but `false` or `0`) it panics instead,
/// saying `missing` is missing: a run without a server never passes as a run with one.
pub fn skip(missing: &str, why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "CI is set, and {missing}");
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// A schema of its own on the test server, dropped with this value.
pub struct Schema {
    admin: String,
    name: String,
    url: String,
}

impl Schema {
    /// A new schema, or `None` when the tests skip.
    pub fn new() -> Option<Schema> {
        let admin = server()?;
        Some(Schema::on(&admin))
    }

    /// A new schema on the server `admin` names.
    pub fn on(admin: &str) -> Schema {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "twiml_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let mut client = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("the test server at {ENV} cannot be reached: {e}"));
        client
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("a new schema");
        let sep = if admin.contains('?') { '&' } else { '?' };
        let url = format!("{admin}{sep}options=-csearch_path%3D{name}");
        Schema {
            admin: admin.to_string(),
            name,
            url,
        }
    }

    /// The URL of a ledger in this schema.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A client in this schema, to look at the tables as another program would.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("a client of the test schema")
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}
