//! The compliance rules' cases (`tests/rules/<CODE>/`) through the command line, `fires-*`
//! files triggering the rule and `silent-*` files not, and the output of each folder as a
//! snapshot: a document rule's TwiML through `twiml check` (each folder under its own
//! `twiml.toml`), a gate rule's campaign files through `twiml gate --campaign`.

use std::path::Path;
use std::process::Command;

use twiml_core::rules::{RULES, RuleKind};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn check(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_twiml"))
        .arg("check")
        .args(args)
        .current_dir(root())
        .output()
        .expect("twiml runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn every_rule_folder_through_twiml_check() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| r.kind == RuleKind::Document) {
        let folder = format!("tests/rules/{}", rule.code);
        if !root().join(&folder).is_dir() {
            failures.push(format!("{folder} is missing"));
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&check(&["--format", "json", &folder])).expect("JSON");
        for file in json["files"].as_array().expect("files") {
            let path = file["path"].as_str().expect("path");
            let name = path.rsplit('/').next().unwrap_or(path);
            let fired = file["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .any(|d| d["code"] == rule.code);
            let expected = name.starts_with("fires-");
            if fired != expected {
                failures.push(format!(
                    "{path}: expected it to {}",
                    if expected { "fire" } else { "stay silent" }
                ));
            }
        }
        insta::assert_snapshot!(format!("rule_{}", rule.code), check(&[&folder]));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `twiml gate` as a user runs it, from the workspace root.
fn gate(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_twiml"))
        .arg("gate")
        .args(args)
        .current_dir(root())
        .output()
        .expect("twiml runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn every_gate_rule_folder_through_twiml_gate() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| r.kind == RuleKind::Gate) {
        let folder = root().join("tests/rules").join(rule.code);
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| {
                e.expect("readable folder")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.ends_with(".toml"))
            // Replies to keywords are no campaigns; the library's rule cases check them.
            .filter(|n| {
                !std::fs::read_to_string(folder.join(n))
                    .unwrap_or_default()
                    .contains("reply-to = ")
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        files.sort();
        let mut text = String::new();
        for name in files {
            let path = format!("tests/rules/{}/{name}", rule.code);
            let (_, json) = gate(&["--campaign", &path, "--format", "json"]);
            let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            let fired = json["sends"]
                .as_array()
                .expect("sends")
                .iter()
                .flat_map(|s| s["findings"].as_array().expect("findings").iter())
                .any(|d| d["code"] == rule.code);
            if fired != name.starts_with("fires-") {
                failures.push(format!(
                    "{path}: expected it to {}",
                    if fired { "stay silent" } else { "fire" }
                ));
            }
            text.push_str(&gate(&["--campaign", &path, "--quiet"]).1);
        }
        insta::assert_snapshot!(format!("rule_{}", rule.code), text);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
