//! The `twiml` command as users run it: real processes, real files, every output format.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `twiml` from the workspace root, so that paths in the output are stable.
fn twiml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("twiml runs")
}

fn twiml_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("twiml runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn text_output_of_the_example_folder() {
    let o = twiml(&["check", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn json_output_has_the_documented_form() {
    let o = twiml(&["check", "--format", "json", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(json["version"], 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 7);
    for file in files {
        assert!(
            file["path"]
                .as_str()
                .unwrap()
                .starts_with("examples/twiml/")
        );
        for d in file["diagnostics"].as_array().unwrap() {
            let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                [
                    "code",
                    "severity",
                    "message",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "help",
                    "twilio_error"
                ]
            );
        }
    }
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 7, "errors": 6, "warnings": 4, "infos": 0})
    );
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let o = twiml(&["check", "--format", "sarif", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), twiml_core::diagnostic::CHECKS.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 10);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(matches!(
            r["level"].as_str(),
            Some("error" | "warning" | "note")
        ));
        let location = &r["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("examples/twiml/")
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&results).unwrap());
}

#[test]
fn github_annotations() {
    let o = twiml(&["check", "--format", "github", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn exit_status_follows_the_failing_level() {
    // Warnings only.
    let o = twiml(&["check", "examples/twiml/unreachable.xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = twiml(&[
        "check",
        "--deny",
        "warnings",
        "examples/twiml/unreachable.xml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    // Clean files.
    let o = twiml(&[
        "check",
        "examples/twiml/ivr-menu.xml",
        "examples/twiml/payment.xml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "checked 2 files: no findings\n");
    // I/O and usage errors.
    let o = twiml(&["check", "examples/twiml/missing.xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: examples/twiml/missing.xml: "));
    let o = twiml(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = twiml(&["check", "--format", "yaml", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn standard_input_and_expected_dialect() {
    let o = twiml_with_stdin(
        &["check", "--expect", "messaging", "-"],
        "<Response><Say>Thanks!</Say></Response>",
    );
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
    let o = twiml_with_stdin(&["check", "-"], "<Response><Say>Thanks!</Say></Response>");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn explain_and_rules() {
    let o = twiml(&["explain", "TW0104"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("explain_TW0104", stdout(&o));
    let by_name = twiml(&["explain", "element-not-allowed"]);
    assert_eq!(stdout(&by_name), stdout(&o));
    let o = twiml(&["explain", "TW9999"]);
    assert_eq!(o.status.code(), Some(2));
    let o = twiml(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("rules", stdout(&o));
}

#[test]
fn fmt_prints_the_canonical_form() {
    let input = "<?xml version=\"1.0\"?>\n<!-- menu -->\n<Response><Gather numDigits=\"1\"   action='/m'><Say>Press &#49;</Say></Gather>\n</Response>\n";
    let o = twiml_with_stdin(&["fmt", "-"], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let formatted = stdout(&o);
    insta::assert_snapshot!(formatted);
    let o = twiml_with_stdin(&["fmt", "--check", "-"], &formatted);
    assert_eq!(o.status.code(), Some(0));
    let o = twiml_with_stdin(&["fmt", "--check", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    let o = twiml_with_stdin(&["fmt", "--compact", "--no-declaration", "-"], input);
    assert_eq!(
        stdout(&o),
        "<!-- menu --><Response><Gather action=\"/m\" numDigits=\"1\"><Say>Press 1</Say></Gather></Response>"
    );
    let o = twiml(&["fmt", "examples/twiml/dial-inside-gather.xml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[TW0104]"));
}
