//! The compliance rules' documents (`tests/rules/<CODE>/`) through `twiml check`: each folder
//! under its own `twiml.toml`, `fires-*` files triggering the rule and `silent-*` files not,
//! and the rendered diagnostics of each folder as a snapshot.

use std::path::Path;
use std::process::Command;

use twiml_core::rules::RULES;

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
    for rule in RULES {
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
