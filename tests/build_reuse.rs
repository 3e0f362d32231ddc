//! The build step keeps the buffers of a response's transcript for the next response built on
//! the same thread. A response built after others must get exactly what it gets when it is
//! the first built on its thread: every document of the corpora is read into the typed model
//! and built twice, once in a run of all of them on one thread (each after a different one,
//! in both orders) and once alone on a fresh thread, and the two results are compared.

mod common;

use std::path::{Path, PathBuf};

use twiml::{ParseOptions, Root, Twiml, parse};

/// The XML files under `dir`, sorted, recursively.
fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// The typed responses of every document of the corpora that reads into the model.
fn roots() -> Vec<(PathBuf, Root)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("tests/rules"),
        root.join("tests/flows"),
        root.join("examples/twiml"),
    ];
    if let Some(shared) = common::shared() {
        dirs.push(shared.join("corpus"));
    }
    let mut files = Vec::new();
    for dir in &dirs {
        xml_files(dir, &mut files);
    }
    let options = ParseOptions::default();
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let parsed = parse(&text, &options).ok()?;
            let model = parsed.to_root().ok()?;
            Some((path, model))
        })
        .collect()
}

/// What a build gives, in a form to compare.
fn outcome(root: &Root) -> String {
    format!("{:?}", Twiml::build(root.clone()))
}

#[test]
fn a_response_builds_the_same_after_others_on_its_thread() {
    let roots = roots();
    assert!(
        roots.len() > 100,
        "only {} documents read into the model",
        roots.len()
    );
    let alone: Vec<String> = roots
        .iter()
        .map(|(_, root)| {
            let root = root.clone();
            std::thread::spawn(move || outcome(&root)).join().unwrap()
        })
        .collect();
    let forward: Vec<String> = roots.iter().map(|(_, root)| outcome(root)).collect();
    let mut backward: Vec<String> = roots.iter().rev().map(|(_, root)| outcome(root)).collect();
    backward.reverse();
    let mut with_findings = 0;
    for (i, (path, _)) in roots.iter().enumerate() {
        assert_eq!(forward[i], alone[i], "{} after others", path.display());
        assert_eq!(backward[i], alone[i], "{} after others", path.display());
        if alone[i].contains("Diagnostic") {
            with_findings += 1;
        }
    }
    // The comparison covers documents the rules report on, not only clean ones.
    assert!(
        with_findings > 50,
        "only {with_findings} documents with findings"
    );
}
