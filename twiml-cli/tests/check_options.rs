//! The options of `twiml check` that choose what is reported and how it ends: `--select`,
//! `--ignore`, `--statistics`, `--exit-zero`, folders without TwiML, and overrides as SARIF
//! suppressions.

mod common;

use std::path::Path;

use common::{stderr, stdout, twiml, twiml_in};
use serde_json::{Value, json};

/// The codes reported for each file of `examples/twiml` under `args`.
fn codes(args: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push("examples/twiml");
    let o = twiml(&all);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let codes = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            (
                path.trim_start_matches("examples/twiml/").to_string(),
                codes,
            )
        })
        .filter(|(_, codes): &(String, Vec<String>)| !codes.is_empty())
        .collect()
}

fn owned(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(f, c)| (f.to_string(), c.iter().map(|c| c.to_string()).collect()))
        .collect()
}

#[test]
fn select_and_ignore_choose_the_codes_reported() {
    // A family prefix and a code prefix. The document that does not parse is reported
    // whatever the selection: nothing else could be checked in it.
    assert_eq!(
        codes(&["--select", "REC,TW01"]),
        owned(&[
            ("dial-inside-gather.xml", &["TW0104"]),
            ("recorded-call.xml", &["REC001", "REC002"]),
            (
                "typos.xml",
                &["TW0102", "TW0103", "TW0105", "TW0105", "TW0106", "TW0112"]
            ),
            ("unescaped-ampersand.xml", &["TW0001"]),
            ("unreachable.xml", &["TW0113"]),
        ])
    );
    // `--ignore` wins over a less specific `--select`; a more specific `--select` wins over
    // `--ignore`. Options repeat, and rule names work as codes.
    assert_eq!(
        codes(&[
            "--select",
            "TW01",
            "--ignore",
            "TW0105,TW0106",
            "--select",
            "capture-before-notice",
            "--ignore",
            "rec"
        ]),
        owned(&[
            ("dial-inside-gather.xml", &["TW0104"]),
            ("recorded-call.xml", &["REC001"]),
            ("typos.xml", &["TW0102", "TW0103", "TW0112"]),
            ("unescaped-ampersand.xml", &["TW0001"]),
            ("unreachable.xml", &["TW0113"]),
        ])
    );
    // `--ignore` alone takes codes away from everything; `ALL` is everything.
    let everything = codes(&[]);
    assert_eq!(codes(&["--select", "ALL"]), everything);
    let without_warnings_of_typos = codes(&["--ignore", "TW0103,TW0112,TW0113,TW0301"]);
    assert_eq!(
        without_warnings_of_typos
            .iter()
            .find(|(f, _)| f == "typos.xml")
            .unwrap()
            .1,
        ["TW0102", "TW0105", "TW0105", "TW0106"]
    );
    assert!(
        !without_warnings_of_typos
            .iter()
            .any(|(f, _)| f == "unreachable.xml")
    );
    // An equal selection and ignore: ignore wins.
    assert!(
        codes(&["--select", "TW0104", "--ignore", "TW0104"])
            .iter()
            .all(|(f, _)| f == "unescaped-ampersand.xml")
    );
    // The exit status follows what is reported.
    let o = twiml(&[
        "check",
        "--select",
        "TW03",
        "examples/twiml/unreachable.xml",
    ]);
    assert_eq!(o.status.code(), Some(0), "warnings only");
    let o = twiml(&[
        "check",
        "--ignore",
        "REC001,REC002",
        "examples/twiml/recorded-call.xml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "checked 1 file: no findings\n");
}

#[test]
fn an_unknown_code_or_prefix_is_an_error_with_the_nearest() {
    for (option, value, nearest) in [
        ("--select", "REC01", "REC001"),
        ("--ignore", "PCX", "PCI"),
        (
            "--select",
            "TW0104,capture-befor-notice",
            "capture-before-notice",
        ),
        ("--select", "DEBT", ""),
    ] {
        let o = twiml(&["check", option, value, "examples/twiml"]);
        if nearest.is_empty() {
            assert_eq!(o.status.code(), Some(1), "{value} is a family");
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{value}");
        assert!(stdout(&o).is_empty());
        let message = stderr(&o);
        let wrong = value.rsplit(',').next().unwrap();
        assert!(
            message.contains(&format!(
                "`{wrong}` is no code, prefix of codes or rule name"
            )),
            "{message}"
        );
        assert!(
            message.contains(&format!("did you mean `{nearest}`?")),
            "{message}"
        );
        assert!(message.contains(option), "{message}");
    }
    // A prefix must keep to one family: `T` would mix `TW` and `TCPA`.
    let o = twiml(&["check", "--select", "T", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn statistics_count_the_findings_per_code() {
    let o = twiml(&["check", "--statistics", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(1), "the status is the check's");
    insta::assert_snapshot!("statistics", stdout(&o));
    let o = twiml(&["check", "--statistics", "-q", "examples/twiml"]);
    assert!(!stdout(&o).contains("checked"), "{}", stdout(&o));
    let o = twiml(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "--select",
        "TW01",
        "examples/twiml",
    ]);
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        json,
        json!({
            "version": 1,
            "statistics": [
                {"code": "TW0105", "name": "invalid-value", "severity": "error", "count": 2},
                {"code": "TW0001", "name": "malformed-xml", "severity": "error", "count": 1},
                {"code": "TW0102", "name": "unknown-element", "severity": "error", "count": 1},
                {"code": "TW0103", "name": "unknown-attribute", "severity": "warning", "count": 1},
                {"code": "TW0104", "name": "element-not-allowed", "severity": "error", "count": 1},
                {"code": "TW0106", "name": "value-out-of-range", "severity": "error", "count": 1},
                {"code": "TW0112", "name": "unknown-value", "severity": "warning", "count": 1},
                {"code": "TW0113", "name": "unusual-value", "severity": "warning", "count": 1},
            ],
            "summary": {"files": 12, "errors": 6, "warnings": 3, "infos": 0},
        })
    );
    // Statistics are text or JSON.
    let o = twiml(&[
        "check",
        "--statistics",
        "--format",
        "sarif",
        "examples/twiml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: `--statistics` writes text or JSON, not `sarif`\n"
    );
}

#[test]
fn exit_zero_reports_findings_and_succeeds() {
    let o = twiml(&[
        "check",
        "--exit-zero",
        "--deny",
        "warnings",
        "examples/twiml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("error[TW0104]"));
    assert!(
        stdout(&o).ends_with("checked 12 files: 10 errors, 6 warnings, 0 infos\n"),
        "{}",
        stdout(&o)
    );
    // Trouble is not a finding: a missing file is still status 2.
    let o = twiml(&["check", "--exit-zero", "examples/twiml/missing.xml"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A folder with `empty/` (no TwiML in it, a text file only) and `flows/call.xml`.
fn folders() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("empty/nested")).unwrap();
    std::fs::write(dir.path().join("empty/notes.txt"), "<Response/>").unwrap();
    std::fs::create_dir(dir.path().join("flows")).unwrap();
    std::fs::write(
        dir.path().join("flows/call.xml"),
        "<Response><Say>Hello</Say></Response>",
    )
    .unwrap();
    dir
}

#[test]
fn a_folder_without_twiml_is_an_error_unless_allowed() {
    let dir = folders();
    let run = |args: &[&str]| twiml_in(dir.path(), args);
    // Nothing to check: an error, so that a CI job over a wrong folder does not pass.
    for command in ["check", "fmt"] {
        let o = run(&[command, "empty"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert_eq!(stdout(&o), "");
        assert_eq!(
            stderr(&o),
            "error: no TwiML file (`*.xml`, `*.twiml`) under `empty`: nothing to do (`--allow-no-files` accepts that)\n"
        );
    }
    // Allowed: a warning, and an empty report.
    let o = run(&["check", "--allow-no-files", "empty"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "checked 0 files: no findings\n");
    assert_eq!(
        stderr(&o),
        "warning: no TwiML file (`*.xml`, `*.twiml`) under `empty`\n"
    );
    let o = run(&["check", "--allow-no-files", "--format", "json", "empty"]);
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"], json!([]));
    let o = run(&["check", "--allow-no-files", "-q", "empty"]);
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    // One folder of several is empty: a warning; the others are checked.
    let o = run(&["check", "flows", "empty"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "checked 1 file: no findings\n");
    assert_eq!(
        stderr(&o),
        "warning: no TwiML file (`*.xml`, `*.twiml`) under `empty`\n"
    );
    // A file named on the command line is read whatever its extension.
    let o = run(&["check", "empty/notes.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "checked 1 file: no findings\n");
}

const RECORDED: &str = "<Response><Dial record=\"record-from-answer\"><Number url=\"https://example.com/w\">+14155550100</Number></Dial></Response>";

fn sarif_results(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = twiml_in(dir, &all);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let sarif: Value = serde_json::from_str(&stdout(&o)).unwrap();
    sarif["runs"][0]["results"].as_array().unwrap().clone()
}

#[test]
fn overrides_are_sarif_suppressions_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("twiml.toml"),
        "[allow]\nREC001 = \"the notice plays in the IVR document before this one\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("policy.xml"), RECORDED).unwrap();
    std::fs::write(
        dir.path().join("comment.xml"),
        format!("<!-- twiml-allow REC001: consent is captured at sign-up -->\n{RECORDED}"),
    )
    .unwrap();
    let results = sarif_results(dir.path(), &["comment.xml", "policy.xml"]);
    let suppressions: Vec<(&str, &Value)> = results
        .iter()
        .map(|r| {
            assert_eq!(r["ruleId"], "REC001", "{r}");
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                &r["suppressions"],
            )
        })
        .collect();
    assert_eq!(
        suppressions,
        [
            (
                "comment.xml",
                &json!([{"kind": "inSource", "status": "accepted", "justification": "consent is captured at sign-up"}])
            ),
            (
                "policy.xml",
                &json!([{"kind": "external", "status": "accepted", "justification": "the notice plays in the IVR document before this one"}])
            ),
        ]
    );
    // The suppressed result is where the finding would be.
    let without = sarif_results(dir.path(), &["--no-config", "policy.xml"]);
    assert_eq!(without.len(), 1);
    assert!(without[0].get("suppressions").is_none());
    assert_eq!(without[0]["locations"], results[1]["locations"]);
    assert_eq!(without[0]["message"], results[1]["message"]);
    // A code left out by `--ignore` is left out with its suppressions and overrides.
    assert!(sarif_results(dir.path(), &["--ignore", "REC", "policy.xml"]).is_empty());
    let o = twiml_in(
        dir.path(),
        &["check", "--format", "json", "--ignore", "REC", "policy.xml"],
    );
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["overrides"], json!([]));
}
