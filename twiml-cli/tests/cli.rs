//! The `twiml` command as users run it: real processes, real files, every output format.

mod common;

use common::{root, stderr, stdout, twiml, twiml_in, twiml_with_stdin};

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
    assert_eq!(files.len(), 12);
    for file in files {
        assert!(
            file["path"]
                .as_str()
                .unwrap()
                .starts_with("examples/twiml/")
        );
        let overrides = file["overrides"].as_array().unwrap();
        if file["path"] == "examples/twiml/recorded-with-consent.xml" {
            assert_eq!(overrides.len(), 1);
            assert_eq!(overrides[0]["code"], "REC001");
            assert_eq!(overrides[0]["suppressed"], 1);
            assert_eq!(overrides[0]["origin"], "comment");
            assert!(
                overrides[0]["reason"]
                    .as_str()
                    .unwrap()
                    .starts_with("callers accept")
            );
        } else {
            assert!(overrides.is_empty());
        }
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
        serde_json::json!({"files": 12, "errors": 10, "warnings": 6, "infos": 0})
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
    assert_eq!(
        rules.len(),
        twiml_core::diagnostic::CHECKS.len() + twiml_core::rules::RULES.len()
    );
    let results = run["results"].as_array().unwrap();
    // The 16 findings reported, and the one a `twiml-allow` comment suppressed.
    assert_eq!(results.len(), 17);
    let suppressed: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["ruleId"], "REC001");
    assert_eq!(
        suppressed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/twiml/recorded-with-consent.xml"
    );
    assert_eq!(
        suppressed[0]["suppressions"],
        serde_json::json!([{
            "kind": "inSource",
            "status": "accepted",
            "justification": "callers accept recording in the sign-up terms and hear the notice in the welcome menu",
        }])
    );
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
fn quiet_prints_the_findings_only_and_silent_nothing() {
    let full = twiml(&["check", "examples/twiml"]);
    let findings = stdout(&full)
        .strip_suffix("checked 12 files: 10 errors, 6 warnings, 0 infos\n")
        .expect("the summary ends the output")
        .to_string();
    assert!(findings.contains("error[TW0104]"), "{findings}");
    for quiet in [
        twiml(&["check", "-q", "examples/twiml"]),
        twiml(&["check", "--quiet", "examples/twiml"]),
        twiml(&["-q", "check", "examples/twiml"]),
    ] {
        assert_eq!(quiet.status.code(), Some(1));
        assert_eq!(stdout(&quiet), findings);
    }
    let github = twiml(&["check", "-q", "--format", "github", "examples/twiml"]);
    assert!(
        stdout(&github).lines().all(|l| l.starts_with("::")),
        "{}",
        stdout(&github)
    );
    // JSON is a document: `--quiet` leaves it whole.
    let json = twiml(&["check", "-q", "--format", "json", "examples/twiml"]);
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(parsed["summary"]["errors"], 10);
    for silent in [
        twiml(&["check", "--silent", "examples/twiml"]),
        twiml(&["check", "-s", "--format", "sarif", "examples/twiml"]),
        twiml(&["-qq", "check", "examples/twiml"]),
    ] {
        assert_eq!(silent.status.code(), Some(1), "the status still tells");
        assert_eq!(stdout(&silent), "");
        assert_eq!(stderr(&silent), "");
    }
    let clean = twiml(&["check", "-s", "examples/twiml/ivr-menu.xml"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "");
    // Errors that stop a command still show.
    let missing = twiml(&["check", "-s", "examples/twiml/missing.xml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).starts_with("error: examples/twiml/missing.xml: "));
    for args in [["explain", "-s", "TW0104"], ["rules", "-s", "--no-config"]] {
        let o = twiml(&args);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), "");
    }
    let o = twiml(&["check", "-q", "--silent", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2), "the two conflict");
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
    // A rule's page, by code or name, is the page in docs/rules/ without its header.
    let o = twiml(&["explain", "REC001"]);
    assert_eq!(o.status.code(), Some(0));
    let page = std::fs::read_to_string(root().join("docs/rules/REC001.md")).unwrap();
    assert!(page.ends_with(&stdout(&o)));
    assert_eq!(
        stdout(&twiml(&["explain", "capture-before-notice"])),
        stdout(&o)
    );
    // Levels follow the policy: a regime turns its rules on.
    let o = twiml(&["rules", "--no-config", "--policy", "debt-collection"]);
    let line = stdout(&o)
        .lines()
        .find(|l| l.starts_with("DEBT001"))
        .unwrap()
        .to_string();
    assert!(line.contains(" deny "), "{line}");
}

/// A folder with a `twiml.toml` and a document, for the policy tests.
fn project(config: &str, document: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("twiml.toml"), config).unwrap();
    std::fs::create_dir(dir.path().join("flows")).unwrap();
    std::fs::write(dir.path().join("flows/call.xml"), document).unwrap();
    dir
}

const DEBT_CALL: &str = "<Response><Say>This is Acme Recovery. You owe $420.</Say></Response>";

#[test]
fn each_file_is_checked_under_its_nearest_config() {
    // The example folder holds a debt-collection flow with its own twiml.toml: its rules
    // apply there and nowhere else.
    let o = twiml(&["check", "--format", "json", "examples/twiml"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes_of = |path: &str| -> Vec<String> {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes_of("examples/twiml/debt-collection/balance-first.xml"),
        ["TCPA002", "DEBT001", "DEBT009"]
    );
    assert!(codes_of("examples/twiml/debt-collection/verified.xml").is_empty());
    // Without the configuration, the same file is only checked under the baseline.
    let o = twiml(&["check", "--no-config", "examples/twiml/debt-collection"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // From inside a project, from above it, and with --config: the same findings.
    let dir = project(
        "policies = [\"debt-collection\"]\ncontext = [\"right-party-verified\"]\nbusiness-names = [\"Acme Recovery\"]\n",
        DEBT_CALL,
    );
    let inside = twiml_in(&dir.path().join("flows"), &["check", "call.xml"]);
    assert_eq!(inside.status.code(), Some(1));
    assert!(
        stdout(&inside).contains("error[DEBT001]"),
        "{}",
        stdout(&inside)
    );
    let above = twiml_in(
        dir.path().parent().unwrap(),
        &["check", dir.path().to_str().unwrap()],
    );
    assert!(stdout(&above).contains("error[DEBT001]"));
    let piped = twiml_with_stdin(
        &[
            "check",
            "--config",
            dir.path().join("twiml.toml").to_str().unwrap(),
            "-",
        ],
        DEBT_CALL,
    );
    assert!(
        stdout(&piped).contains("error[DEBT001]"),
        "{}",
        stdout(&piped)
    );
}

#[test]
fn policies_from_the_command_line() {
    let o = twiml_with_stdin(
        &[
            "check",
            "--no-config",
            "--policy",
            "debt-collection,healthcare",
            "--context",
            "outbound,right-party-verified",
            "--business-name",
            "Acme Recovery",
            "-",
        ],
        DEBT_CALL,
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("error[DEBT001]"), "{text}");
    assert!(text.contains("error[TCPA002]"), "outbound applies: {text}");
    let o = twiml_with_stdin(
        &["check", "--no-config", "--policy", "collections", "-"],
        DEBT_CALL,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(
            "error: the command line: unknown policy `collections`; the policies are `payments`, "
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn configuration_errors_name_the_file_and_place() {
    let cases = [
        (
            "policies = [\"payments\"]\nregime = [\"payments\"]\n",
            "twiml.toml:2:1: unknown field `regime`",
        ),
        (
            "policies = [\"payments\", \"collections\"]\n",
            "twiml.toml:1:25: unknown policy `collections`",
        ),
        (
            "context = [\"inbound\"]\n",
            "twiml.toml:1:12: unknown context `inbound`",
        ),
        (
            "[rules]\nREC001 = \"allow\"\n",
            "twiml.toml:2:10: `REC001 = \"allow\"` gives no reason",
        ),
        (
            "[rules]\nREC001 = \"loud\"\n",
            "twiml.toml:2:10: unknown level `loud` for `REC001`",
        ),
        (
            "[allow]\nREC999 = \"because\"\n",
            "twiml.toml:2:1: unknown rule `REC999`",
        ),
        (
            "[allow]\nREC001 = \" \"\n",
            "twiml.toml:2:1: the override of `REC001` gives no reason",
        ),
        (
            "[audio]\n\"https://example.com/a.mp3\" = [\"greeting\"]\n",
            "twiml.toml:2:32: unknown disclosure `greeting`",
        ),
    ];
    for (config, expected) in cases {
        let dir = project(config, DEBT_CALL);
        let o = twiml_in(dir.path(), &["check", "flows"]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        assert!(stderr(&o).contains(expected), "{config}: {}", stderr(&o));
        assert!(
            stdout(&o).is_empty(),
            "nothing is checked under a broken policy"
        );
    }
}

#[test]
fn overrides_need_a_reason_and_are_reported() {
    let dir = project(
        "[allow]\nREC001 = \"the notice plays in the IVR document before this one\"\n",
        "<Response><Dial record=\"record-from-answer\"><Number url=\"https://example.com/w\">+14155550100</Number></Dial></Response>",
    );
    let o = twiml_in(dir.path(), &["check", "--format", "json", "flows"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        json["files"][0]["overrides"],
        serde_json::json!([{"code": "REC001", "reason": "the notice plays in the IVR document before this one", "suppressed": 1, "origin": "policy"}])
    );
    // A comment without a reason is an error, and overrides nothing.
    let o = twiml_with_stdin(
        &["check", "--no-config", "-"],
        "<!-- twiml-allow REC001 -->\n<Response><Dial record=\"record-from-answer\"><Number url=\"https://example.com/w\">+14155550100</Number></Dial></Response>",
    );
    let text = stdout(&o);
    assert!(
        text.contains("error[TW0008]: `twiml-allow REC001` gives no reason"),
        "{text}"
    );
    assert!(text.contains("error[REC001]"), "{text}");
    assert!(text.contains("<stdin>:1:1"), "{text}");
}
