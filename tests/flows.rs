//! Whole call flows, from the folders in `tests/flows/`: each holds a `twiml.toml` with a
//! `[flow]` section and the documents of one IVR. Each case is checked as `twiml check`
//! checks a folder with a flow, and its findings (with the path that makes each true) are
//! compared with a snapshot; the assertions below say what each case is about.

use std::path::{Path, PathBuf};

use twiml::callflow::{FlowConfig, FlowReport, GraphNode, check_flow};
use twiml::rules::{Policy, REC001};
use twiml::{LineIndex, ParseOptions};

fn folder(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/flows")
        .join(case)
}

/// Checks the flow of `case` as `twiml check` does.
fn check(case: &str) -> (String, FlowReport) {
    let dir = folder(case);
    let text = std::fs::read_to_string(dir.join("twiml.toml")).expect("a twiml.toml");
    let policy = Policy::from_toml(&text).unwrap_or_else(|e| panic!("{case}: {e}"));
    let flow = FlowConfig::from_toml(&text)
        .unwrap_or_else(|e| panic!("{case}: {e:?}"))
        .expect("a [flow] section");
    let report = check_flow(
        &flow,
        |route| std::fs::read(dir.join(&route.file)),
        &policy,
        &ParseOptions::default(),
    );
    (text, report)
}

/// The findings of a report, one per line: `file:line:col CODE severity: message`, with the
/// path as a note below.
fn render(config: &str, report: &FlowReport) -> String {
    let mut out = String::new();
    let lines = LineIndex::new(config);
    for problem in &report.problems {
        let (line, column) = lines.location(problem.span.start as usize);
        out.push_str(&format!(
            "twiml.toml:{line}:{column} {} {}: {}\n",
            problem.code, problem.severity, problem.message
        ));
    }
    for document in &report.documents {
        let states: Vec<String> = document.states.iter().map(|s| format!("[{s}]")).collect();
        out.push_str(&format!(
            "{} ({}{}): reached in {}\n",
            document.route.file,
            document.route.path,
            document
                .route
                .input
                .map(|i| format!(", {i}"))
                .unwrap_or_default(),
            if states.is_empty() {
                "no state: no entry reaches it".to_string()
            } else {
                states.join(" ")
            }
        ));
        let Some(source) = &document.source else {
            continue;
        };
        let lines = LineIndex::new(source);
        for d in &document.diagnostics {
            let (line, column) = lines.location(d.diagnostic.span.start as usize);
            out.push_str(&format!(
                "  {}:{line}:{column} {} {}: {}\n",
                document.route.file, d.diagnostic.code, d.diagnostic.severity, d.diagnostic.message
            ));
            if let Some(path) = &d.reached_by {
                out.push_str(&format!("    = note: {}\n", path.note()));
            }
        }
    }
    out
}

fn snapshot(case: &str) -> FlowReport {
    let (config, report) = check(case);
    insta::assert_snapshot!(case, render(&config, &report));
    report
}

/// The findings of `code` in the document of `file`.
fn findings<'r>(
    report: &'r FlowReport,
    file: &str,
    code: &str,
) -> Vec<&'r twiml::callflow::FlowDiagnostic> {
    report
        .documents
        .iter()
        .filter(|d| d.route.file == file)
        .flat_map(|d| &d.diagnostics)
        .filter(|d| d.diagnostic.code == code)
        .collect()
}

/// The findings of `file` checked alone, as `twiml check` checks it without a flow.
fn alone(case: &str, file: &str) -> Vec<String> {
    let dir = folder(case);
    let text = std::fs::read_to_string(dir.join("twiml.toml")).unwrap();
    let policy = Policy::from_toml(&text).unwrap();
    let source = std::fs::read_to_string(dir.join(file)).unwrap();
    twiml::validate_with(&source, &ParseOptions::default(), &policy)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn a_notice_given_early_covers_a_recording_later() {
    let report = snapshot("notice-covers-recording");
    assert!(alone("notice-covers-recording", "agent.xml").contains(&"REC001".to_string()));
    for document in &report.documents {
        assert!(
            document.diagnostics.is_empty(),
            "{}: {:?}",
            document.route.file,
            document.diagnostics
        );
    }
}

#[test]
fn a_notice_given_on_one_branch_only_is_a_finding_on_the_other() {
    let report = snapshot("notice-on-one-branch");
    let rec = findings(&report, "agent.xml", REC001.code);
    assert_eq!(rec.len(), 1, "one finding, reported once for both paths");
    let path = rec[0].reached_by.as_ref().expect("a path");
    assert_eq!(
        path.note(),
        "reached by voice.xml → support.xml (digit 2) → agent.xml (redirect)"
    );
}

#[test]
fn an_identification_carries_over_to_the_documents_after_it() {
    let report = snapshot("identification-carries-over");
    for (file, codes) in [
        ("balance.xml", &["DEBT004", "DEBT008", "TCPA001"][..]),
        (
            "payment-plan.xml",
            &["DEBT001", "DEBT004", "DEBT008", "TCPA001"],
        ),
    ] {
        let alone = alone("identification-carries-over", file);
        for code in codes {
            assert!(alone.contains(&code.to_string()), "{file} alone: {code}");
            assert!(findings(&report, file, code).is_empty(), "{file}: {code}");
        }
    }
}

#[test]
fn card_capture_behind_a_menu_is_found_with_its_path() {
    let report = snapshot("card-capture-behind-menu");
    assert!(!alone("card-capture-behind-menu", "card.xml").contains(&"PCI002".to_string()));
    let pci = findings(&report, "card.xml", "PCI002");
    assert_eq!(pci.len(), 1);
    assert_eq!(
        pci[0].reached_by.as_ref().map(|p| p.note()).as_deref(),
        Some("reached by voice.xml → card.xml (digit 2)")
    );
}

#[test]
fn a_loop_ends() {
    let report = snapshot("loop");
    assert!(report.documents.iter().all(|d| !d.states.is_empty()));
}

#[test]
fn an_unresolved_route_is_an_info_where_the_url_is_written() {
    let report = snapshot("unresolved-route");
    let unmapped_routes = findings(&report, "voice.xml", "GEN002");
    assert_eq!(unmapped_routes.len(), 2);
    assert!(
        unmapped_routes
            .iter()
            .all(|d| d.diagnostic.severity == twiml::Severity::Info)
    );
    let unmapped = report
        .graph
        .nodes
        .iter()
        .filter(|n| matches!(n, GraphNode::Unmapped { .. }))
        .count();
    assert_eq!(unmapped, 2);
}

#[test]
fn bad_input_is_reported_where_it_is_and_the_rest_is_checked() {
    let report = snapshot("bad-input");
    let codes: Vec<String> = report.problems.iter().map(|p| p.code.to_string()).collect();
    assert_eq!(codes, ["TW0401", "TW0402", "TW0401"]);
    assert_eq!(findings(&report, "broken.xml", "TW0001").len(), 1);
    assert_eq!(findings(&report, "agent.xml", REC001.code).len(), 1);
}

#[path = "../benches/support/layered_flow.rs"]
mod layered_flow;

#[test]
fn paths_that_reach_a_document_in_the_same_state_are_checked_once() {
    // 10^4 paths from the entry to the last menu, ten per menu.
    let flow = layered_flow::layered_flow(4);
    let report = check_flow(
        &flow.config,
        |r| flow.read(&r.file),
        &Policy::new(),
        &ParseOptions::default(),
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    for document in &report.documents {
        // Reached at all, and in no more states than the three conditions the menus change
        // allow (notice given, business named, recording running).
        assert!(
            (1..=8).contains(&document.states.len()),
            "{}: {:?}",
            document.route.file,
            document.states
        );
        // Each finding once, however many paths make it true.
        let mut codes: Vec<_> = document
            .diagnostics
            .iter()
            .map(|d| (d.diagnostic.code.code(), d.diagnostic.span))
            .collect();
        let all = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), all, "{}", document.route.file);
    }
    // A menu that starts a recording before its own notice is a finding where some path
    // reaches it with no notice: in the first layer, straight from the entry.
    let first = findings(&report, "layer-1-6.xml", REC001.code);
    assert_eq!(first.len(), 1);
    assert_eq!(
        first[0].reached_by.as_ref().map(|p| p.note()).as_deref(),
        Some("reached by voice.xml → layer-1-6.xml (digit 7)")
    );
    // Every agent records, and the entry's paths reach each without a notice.
    for d in 0..8 {
        assert_eq!(
            findings(&report, &format!("agent-{d}.xml"), REC001.code).len(),
            1,
            "agent-{d}.xml"
        );
    }
}
