//! `twiml check` on folders whose `twiml.toml` has a `[flow]` section, and `twiml flow`, as
//! users run them: every format carries the path that makes each finding true, bad input is
//! reported where it is, and the rest is checked.

mod common;

use common::twiml;

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn check_reports_a_finding_once_with_the_path_that_makes_it_true() {
    let o = twiml(&["check", "tests/flows/notice-on-one-branch"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("check_text", stdout(&o));
}

#[test]
fn the_json_form_carries_the_path() {
    let o = twiml(&[
        "check",
        "--format",
        "json",
        "tests/flows/notice-on-one-branch",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let agent = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "tests/flows/notice-on-one-branch/agent.xml")
        .expect("agent.xml is reported");
    let rec = agent["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REC001")
        .expect("REC001");
    insta::assert_json_snapshot!("check_json_reached_by", rec["reached_by"]);
    // A finding that holds whatever the path carries none.
    let structural = twiml(&["check", "--format", "json", "tests/flows/bad-input"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&structural)).expect("JSON");
    let broken = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "tests/flows/bad-input/broken.xml")
        .expect("broken.xml is reported");
    assert!(broken["diagnostics"][0].get("reached_by").is_none());
}

#[test]
fn sarif_carries_the_path_as_a_code_flow() {
    let o = twiml(&[
        "check",
        "--format",
        "sarif",
        "tests/flows/card-capture-behind-menu",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let pci = results
        .iter()
        .find(|r| r["ruleId"] == "PCI002")
        .expect("PCI002");
    insta::assert_json_snapshot!("check_sarif_code_flow", pci["codeFlows"]);
}

#[test]
fn github_annotations_carry_the_path() {
    let o = twiml(&[
        "check",
        "--format",
        "github",
        "tests/flows/notice-on-one-branch",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("title=REC001 capture-before-notice::the `<Dial>` records the call before the caller hears a recording notice%0Ahelp: ")
            && out.contains("%0Areached by voice.xml → support.xml (digit 2) → agent.xml (redirect)\n"),
        "{out}"
    );
}

#[test]
fn bad_input_is_reported_where_it_is_and_the_rest_is_checked() {
    let o = twiml(&["check", "tests/flows/bad-input"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("check_bad_input", stdout(&o));
}

#[test]
fn one_document_of_a_flow_is_checked_with_its_flow() {
    let o = twiml(&["check", "tests/flows/notice-covers-recording/agent.xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Without the flow, the same document is a finding.
    let alone = twiml(&[
        "check",
        "--no-config",
        "tests/flows/notice-covers-recording/agent.xml",
    ]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(stdout(&alone).contains("error[REC001]"));
}

#[test]
fn a_malformed_flow_section_still_lets_every_document_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("twiml.toml"),
        "[flow]\nentry = 5\n\n[flow.routes]\n\"/voice\" = \"voice.xml\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("voice.xml"),
        "<Response><Dial record=\"record-from-answer\">+14155550100</Dial></Response>",
    )
    .unwrap();
    let o = common::twiml_in(dir.path(), &["check", "."]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error[TW0401]: an entry is an integer; it must be a string, a route's path\n --> twiml.toml:2:9"),
        "{out}"
    );
    // No entry: the document is checked on its own, as without a flow.
    assert!(out.contains("error[REC001]"), "{out}");
}

#[test]
fn flow_draws_the_graph_with_findings_on_its_nodes() {
    for format in ["mermaid", "dot", "json"] {
        let o = twiml(&[
            "flow",
            "--format",
            format,
            "tests/flows/notice-on-one-branch",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(format!("flow_{format}"), stdout(&o));
    }
    // The default is Mermaid; a document of the flow names it too.
    let o = twiml(&["flow", "tests/flows/notice-on-one-branch/agent.xml"]);
    assert!(stdout(&o).starts_with("flowchart TD\n"));
}

#[test]
fn flow_warns_of_the_problems_of_the_section() {
    let o = twiml(&["flow", "--format", "dot", "tests/flows/bad-input"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains(
            "warning: tests/flows/bad-input/twiml.toml:13:12: the document of route `/hours` cannot be read"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("cannot be read (TW0402)"));
}

#[test]
fn flow_needs_a_flow() {
    let o = twiml(&["flow", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("twiml.toml"), "policies = [\"payments\"]\n").unwrap();
    let o = common::twiml_in(dir.path(), &["flow", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: twiml.toml: no `[flow]` section: nothing to draw\n"
    );
}
