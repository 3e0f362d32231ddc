//! `twiml eval detection` as users run it, on a small corpus written to a temporary folder:
//! the figures per rule and language, the misses on the development half, figures only on the
//! held-out half, cases whose policy is refused counted as not run, and clear errors.

use std::path::Path;
use std::process::{Command, Output};

fn twiml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .output()
        .expect("twiml runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Four GEN003 cases (two of each label, one of each wrong) and one case whose policy names an
/// unknown fact, in both halves.
const CASES: &str = r#"
[[case]]
id = "gen003-en-0001"
rule = "GEN003"
lang = "en"
expect = "fire"
twiml = '''<Response><Redirect>http://example.com/next</Redirect></Response>'''

[[case]]
id = "gen003-en-0002"
rule = "GEN003"
lang = "en"
expect = "fire"
weakness = "split-say"
note = "a secure URL labelled as a finding, to make a miss"
twiml = '''<Response><Redirect>https://example.com/next</Redirect></Response>'''

[[case]]
id = "gen003-es-0001"
rule = "GEN003"
lang = "es"
expect = "silent"
twiml = '''<Response><Redirect>https://example.com/siguiente</Redirect></Response>'''

[[case]]
id = "gen003-es-0002"
rule = "GEN003"
lang = "es"
expect = "silent"
twiml = '''<Response><Redirect>http://example.com/siguiente</Redirect></Response>'''

[[case]]
id = "msg005-en-0001"
rule = "MSG005"
lang = "en"
expect = "fire"
policy = { context = ["no-such-fact"] }
twiml = '''<Response><Message>See bit.ly/x</Message></Response>'''
"#;

fn corpus(dir: &Path) {
    for half in ["dev", "held-out"] {
        std::fs::create_dir_all(dir.join(half)).unwrap();
        std::fs::write(dir.join(half).join("cases.toml"), CASES).unwrap();
    }
}

#[test]
fn dev_half_prints_figures_and_misses() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let folder = dir.path().to_str().unwrap();
    let o = twiml(&["eval", "detection", "--dir", folder]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("5 cases, 1 not run"), "{out}");
    let gen003_en = out.lines().find(|l| l.starts_with("GEN003   en")).unwrap();
    assert!(gen003_en.contains("50.0% (1/2)"), "{gen003_en}");
    let gen003_es = out.lines().find(|l| l.starts_with("GEN003   es")).unwrap();
    assert!(gen003_es.contains("50.0% (1/2)"), "{gen003_es}");
    let msg005 = out.lines().find(|l| l.starts_with("MSG005   en")).unwrap();
    assert!(msg005.trim_end().ends_with('1'), "not run: {msg005}");
    assert!(
        out.contains("gen003-en-0002 GEN003 en [split-say]"),
        "{out}"
    );
    assert!(out.contains("expected to fire, stayed silent"), "{out}");
    assert!(out.contains("gen003-es-0002"), "{out}");
    assert!(out.contains("expected silent, fired: 1:"), "{out}");
    assert!(out.contains("not run: policy:"), "{out}");
    assert!(
        !out.contains("gen003-en-0001"),
        "a hit is not a miss: {out}"
    );
}

#[test]
fn held_out_half_prints_figures_only() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let folder = dir.path().to_str().unwrap();
    for format in ["text", "json"] {
        let o = twiml(&[
            "eval",
            "detection",
            "--split",
            "held-out",
            "--dir",
            folder,
            "--format",
            format,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains("gen003-"), "a held-out case is named: {out}");
        assert!(
            !out.contains("example.com"),
            "a held-out text is shown: {out}"
        );
    }
}

#[test]
fn json_figures_and_rule_filter() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let folder = dir.path().to_str().unwrap();
    let o = twiml(&[
        "eval",
        "detection",
        "--dir",
        folder,
        "--format",
        "json",
        "--rule",
        "gen003",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(value["split"], "dev");
    assert_eq!(value["total"]["cases"], 4);
    assert_eq!(value["total"]["not_run"], 0);
    assert_eq!(value["total"]["recall"], 0.5);
    assert_eq!(value["total"]["silent_rate"], 0.5);
    assert_eq!(value["total"]["precision"], 0.5);
    let rows = value["by_rule"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["rule"], "GEN003");
    assert_eq!(rows[0]["lang"], "en");
    assert_eq!(rows[0]["fire"], 2);
    assert_eq!(rows[0]["fired"], 1);
    assert_eq!(value["by_language"]["es"]["kept_silent"], 1);
    assert_eq!(value["misses"].as_array().unwrap().len(), 2);
}

#[test]
fn errors_name_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let o = twiml(&["eval", "detection", "--dir", folder]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));

    std::fs::create_dir_all(dir.path().join("dev")).unwrap();
    std::fs::write(
        dir.path().join("dev").join("bad.toml"),
        "[[case]]\nid = \"x\"\nrule = \"GEN003\"\nlang = \"en\"\nexpect = \"maybe\"\ntwiml = \"<Response/>\"\n",
    )
    .unwrap();
    let o = twiml(&["eval", "detection", "--dir", folder]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.toml:5:"), "{err}");

    let o = twiml(&["eval", "detection", "--dir", folder, "--rule", "NOPE01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule `NOPE01`"),
        "{}",
        stderr(&o)
    );
}
