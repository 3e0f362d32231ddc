//! `twiml consent` and `twiml gate --db` as users run them, and `twiml eval inbound`.

use std::path::Path;
use std::process::{Command, Output};

fn twiml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("twiml runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("json")
}

#[path = "../../twiml-ledger/tests/common/postgres.rs"]
mod pg;

#[test]
fn stop_then_the_gate_blocks_with_21610() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("acme.ledger");
    stop_then_the_gate_blocks(db.to_str().expect("a path"));
}

#[test]
fn stop_then_the_gate_blocks_with_21610_on_postgres() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    stop_then_the_gate_blocks(schema.url());
    // The records are on the server, for every other process of the fleet.
    let mut c = schema.client();
    let decisions: i64 = c
        .query_one("SELECT count(*) FROM decisions", &[])
        .expect("a count")
        .get(0);
    assert_eq!(decisions, 2);
}

#[test]
fn decisions_written_without_a_flush_are_recorded() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("acme.ledger");
    decisions_written(db.to_str().expect("a path"));
}

#[test]
fn decisions_written_without_a_flush_are_recorded_on_postgres() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    decisions_written(schema.url());
}

#[test]
fn durability_needs_a_ledger() {
    let out = twiml(&[
        "gate",
        "--durability",
        "written",
        "--to",
        "+13055550123",
        "--body",
        "Your order shipped.",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--db"), "{}", stderr(&out));
}

/// `twiml gate --db DB --durability written` decides with the ledger and records the decision
/// and its attempt, as `flushed` does; `--help` says what each setting keeps.
fn decisions_written(db: &str) {
    let recorded = twiml(&[
        "consent",
        "--db",
        db,
        "record",
        "--phone",
        "+13055550123",
        "--consent-type",
        "express",
        "--consent-timestamp",
        "2026-01-10T12:00:00Z",
    ]);
    assert!(recorded.status.success(), "{}", stderr(&recorded));
    for durability in ["written", "flushed"] {
        let decided = json(&twiml(&[
            "gate",
            "--db",
            db,
            "--durability",
            durability,
            "--to",
            "+13055550123",
            "--from",
            "+13055550100",
            "--intent",
            "delivery",
            "--body",
            "Your order shipped.",
            "--at",
            "2026-12-04T15:00:00Z",
            "--format",
            "json",
        ]));
        assert_eq!(decided["verdict"], "allow", "{decided}");
    }
    let shown = json(&twiml(&[
        "consent",
        "--db",
        db,
        "show",
        "--phone",
        "+13055550123",
    ]));
    let events: Vec<&str> = shown["history"]
        .as_array()
        .expect("a history")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(
        events.iter().filter(|e| **e == "decision").count(),
        2,
        "{events:?}"
    );
    assert_eq!(
        events.iter().filter(|e| **e == "attempt").count(),
        2,
        "{events:?}"
    );
    let help = stdout(&twiml(&["gate", "--help"]));
    assert!(help.contains("--durability <DURABILITY>"), "{help}");
    assert!(help.contains("survives a power loss"), "{help}");
    assert!(help.contains("always flushed"), "{help}");
}

#[test]
fn an_unreachable_ledger_server_is_an_error_naming_it() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("an address")
        .port();
    let url = format!("postgres://twiml:secret@127.0.0.1:{port}/ledger");
    let out = twiml(&[
        "gate",
        "--db",
        &url,
        "--to",
        "+13055550123",
        "--body",
        "Your order shipped.",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "no decision: {}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "postgres://twiml@127.0.0.1:{port}/ledger: cannot reach"
        )),
        "{err}"
    );
    assert!(!err.contains("secret"), "{err}");
}

fn stop_then_the_gate_blocks(db: &str) {
    let recorded = json(&twiml(&[
        "consent",
        "--db",
        db,
        "record",
        "--phone",
        "+13055550123",
        "--consent-type",
        "express-written",
        "--consent-method",
        "web-form",
        "--consent-timestamp",
        "2026-01-10T12:00:00Z",
        "--consent-source",
        "https://acme.example/join",
        "--ip-address",
        "203.0.113.7",
        "--seller",
        "Acme",
        "--disclosure",
        "sha256:9f2c",
        "--disclosure-version",
        "3",
        "--purpose",
        "marketing",
        "--sender-scope",
        "all",
        "--evidence",
        "s3://consents/9f2c",
        "--language",
        "en",
    ]));
    assert_eq!(recorded["missing"], serde_json::json!([]));

    let allowed = twiml(&[
        "gate",
        "--db",
        db,
        "--to",
        "+13055550123",
        "--from",
        "+13055550100",
        "--intent",
        "marketing",
        "--body",
        "Acme: 20% off. Reply STOP to opt out.",
        "--at",
        "2026-12-04T15:00:00Z",
        "--format",
        "json",
    ]);
    assert_eq!(json(&allowed)["verdict"], "allow");

    let answer = json(&twiml(&[
        "consent",
        "--db",
        db,
        "inbound",
        "--from",
        "+13055550123",
        "--to",
        "+13055550100",
        "--body",
        "No más mensajes por favor",
        "--at",
        "2026-12-04T16:00:00Z",
        "--business",
        "Acme",
        "--format",
        "json",
    ]));
    assert_eq!(answer["action"], "opt-out");
    assert_eq!(answer["scope"], "sender");
    let reply = answer["reply"].as_str().expect("a reply");
    assert!(reply.starts_with("<?xml"), "{reply}");
    assert!(reply.contains("Acme: se ha dado de baja"), "{reply}");

    let again = json(&twiml(&[
        "consent",
        "--db",
        db,
        "inbound",
        "--from",
        "+13055550123",
        "--to",
        "+13055550100",
        "--body",
        "STOP",
        "--at",
        "2026-12-04T16:02:00Z",
        "--format",
        "json",
    ]));
    assert_eq!(
        again["reply"], r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#,
        "one confirmation per opt-out"
    );

    let blocked = twiml(&[
        "gate",
        "--db",
        db,
        "--to",
        "+13055550123",
        "--from",
        "+13055550100",
        "--intent",
        "delivery",
        "--body",
        "Your order shipped.",
        "--at",
        "2026-12-04T17:00:00Z",
        "--format",
        "json",
    ]);
    assert_eq!(blocked.status.code(), Some(1));
    let decision: serde_json::Value = serde_json::from_str(&stdout(&blocked)).expect("json");
    assert_eq!(decision["verdict"], "block");
    assert_eq!(decision["twilio_code"], 21610);
    assert_eq!(decision["rules"], serde_json::json!(["MSG001"]));

    let shown = json(&twiml(&[
        "consent",
        "--db",
        db,
        "show",
        "--phone",
        "+13055550123",
    ]));
    assert_eq!(shown["state"]["status"], "opted-out");
    let events: Vec<&str> = shown["history"]
        .as_array()
        .expect("a history")
        .iter()
        .map(|e| e["event"].as_str().expect("an event"))
        .collect();
    assert_eq!(events.first(), Some(&"consent"));
    assert_eq!(events.last(), Some(&"decision"));
    assert_eq!(events.iter().filter(|e| **e == "decision").count(), 2);
    assert_eq!(events.iter().filter(|e| **e == "opt-out").count(), 2);
    assert_eq!(events.iter().filter(|e| **e == "confirmation").count(), 1);
}

#[test]
fn import_export_round_trip_and_a_malformed_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("l.ledger");
    import_export_round_trip(db.to_str().expect("a path"));
}

#[test]
fn import_export_round_trip_and_a_malformed_line_on_postgres() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    import_export_round_trip(schema.url());
}

fn import_export_round_trip(db: &str) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = dir.path().join("in.csv");
    std::fs::write(
        &good,
        "phone,channel,consent_type,consent_timestamp,consent_method,opted_out,opt_out_timestamp\n\
         +13055550101,sms,express,2026-01-01T00:00:00Z,paper,false,\n\
         +13055550102,all,express-written,2026-01-02T00:00:00Z,web-form,true,2026-02-01T00:00:00Z\n",
    )
    .expect("written");
    let imported = json(&twiml(&[
        "consent",
        "--db",
        db,
        "import",
        good.to_str().expect("a path"),
    ]));
    assert_eq!(imported["imported"], 2);
    let csv_out = dir.path().join("out.csv");
    let jsonl_out = dir.path().join("out.jsonl");
    for out in [&csv_out, &jsonl_out] {
        let o = twiml(&[
            "consent",
            "--db",
            db,
            "export",
            "-o",
            out.to_str().expect("a path"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // Each export, imported into a new ledger, exports the same.
    for out in [&csv_out, &jsonl_out] {
        let other = dir.path().join(format!(
            "copy-{}.ledger",
            out.extension().and_then(|e| e.to_str()).unwrap_or("x")
        ));
        let other = other.to_str().expect("a path");
        let o = twiml(&[
            "consent",
            "--db",
            other,
            "import",
            out.to_str().expect("a path"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let again = dir.path().join("again.csv");
        let o = twiml(&[
            "consent",
            "--db",
            other,
            "export",
            "-o",
            again.to_str().expect("a path"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&again).expect("read"),
            std::fs::read_to_string(&csv_out).expect("read")
        );
    }

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "phone,consent_type,consent_timestamp\n+13055550103,express,2026-01-01T00:00:00Z\n+13055550104,maybe,2026-01-01T00:00:00Z\n",
    )
    .expect("written");
    let o = twiml(&[
        "consent",
        "--db",
        db,
        "import",
        bad.to_str().expect("a path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "bad.csv:3: `consent_type`: expected `express` or `express-written`, not `maybe`"
        ),
        "{}",
        stderr(&o)
    );
    let exported = twiml(&["consent", "--db", db, "export", "--format", "jsonl"]);
    assert_eq!(
        stdout(&exported).lines().count(),
        2,
        "nothing of the bad file was imported"
    );
}

#[test]
fn a_file_that_is_not_a_ledger_is_an_error_and_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a ledger").expect("written");
    let o = twiml(&[
        "consent",
        "--db",
        notes.to_str().expect("a path"),
        "show",
        "--phone",
        "+13055550123",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a twiml ledger"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "not a ledger"
    );
}

#[test]
fn eval_inbound_scores_the_development_half() {
    let o = twiml(&["eval", "inbound", "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["accuracy"]["total"], 284);
    assert!(
        v["accuracy"]["accuracy"].as_f64().expect("a number") >= 0.95,
        "{v}"
    );
    let o = twiml(&["eval", "inbound", "--split", "held-out", "--errors"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "the held-out half is never listed"
    );
}
