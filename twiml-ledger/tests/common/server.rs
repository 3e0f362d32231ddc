//! A PostgreSQL server of the test's own, in a temporary folder, that the test can stop and
//! restart: initdb and pg_ctl from `TWIML_TEST_POSTGRES_BIN` (set by `.ci/run` and
//! `scripts/with-postgres.sh`), else from `pg_config --bindir` or the newest
//! /usr/lib/postgresql/*/bin. It listens on a Unix socket in its folder only (no port to
//! collide with), and runs as the `postgres` user when the tests run as root.
//!
//! Without the programs, a test skips with a message; under CI it fails (`pg::skip`, from
//! `common/postgres.rs`, which every test binary that includes this file includes too).

#![allow(dead_code, unreachable_pub)] // each test binary uses part of it

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The variable naming the folder of the server's programs.
pub const BIN_ENV: &str = "TWIML_TEST_POSTGRES_BIN";

/// A server of the test's own, stopped and removed with this value.
pub struct Server {
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_postgres: bool,
}

fn bindir() -> Option<PathBuf> {
    let usable = |p: &Path| p.join("initdb").is_file() && p.join("pg_ctl").is_file();
    if let Ok(dir) = std::env::var(BIN_ENV)
        && !dir.is_empty()
    {
        return Some(PathBuf::from(dir)).filter(|p| usable(p));
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if usable(&dir) {
            return Some(dir);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| usable(p))
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Server {
    /// Starts a server, or `None` after saying why the test skips (a panic under CI).
    pub fn start() -> Option<Server> {
        let Some(bin) = bindir() else {
            crate::pg::skip(
                &format!(
                    "no PostgreSQL server programs were found ({BIN_ENV}, pg_config, \
                     /usr/lib/postgresql/*/bin): this test starts a server of its own"
                ),
                &format!(
                    "no PostgreSQL server programs (initdb, pg_ctl) to start a server with; \
                     install PostgreSQL or set {BIN_ENV}"
                ),
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("twiml-pg")
            .tempdir()
            .expect("a temporary folder");
        let as_postgres = is_root();
        if as_postgres {
            let status = Command::new("chown")
                .args(["postgres"])
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(
                status.success(),
                "the folder is given to the `postgres` user"
            );
        }
        let server = Server {
            bin,
            dir,
            as_postgres,
        };
        let data = server.data();
        let out = server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "twiml",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        server.pg_ctl("start");
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn socket_dir(&self) -> String {
        self.dir.path().display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command.args(args).output().expect("a server program runs")
    }

    /// `pg_ctl start`, `restart` or `stop`, waiting until it is done.
    pub fn pg_ctl(&self, action: &str) {
        let log = self.dir.path().join("server.log").display().to_string();
        let options = format!("-c listen_addresses='' -k {} -p 5432", self.socket_dir());
        let data = self.data();
        let mut args = vec!["-D", data.as_str(), "-w", "-t", "60", "-m", "fast"];
        if action != "stop" {
            args.extend(["-l", log.as_str(), "-o", options.as_str()]);
        }
        args.push(action);
        let out = self.run("pg_ctl", &args);
        assert!(
            out.status.success(),
            "pg_ctl {action}: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// The URL of the server's `postgres` database as the `twiml` superuser.
    pub fn url(&self) -> String {
        format!(
            "postgres://twiml@localhost/postgres?host={}&port=5432",
            self.socket_dir()
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}
