//! The checked-in generated code matches its sources: the element table, the rule
//! declarations, and the libphonenumber data beside the workspace. When this fails, run
//! `cargo xtask codegen` and review the diff. Without the data folder, the gate's area-code
//! table is not checked, and the test says so (under CI it fails instead).

#[test]
fn generated_code_is_fresh() {
    let root = xtask::workspace_root();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    for (file, data) in xtask::skipped(&root) {
        assert!(
            !ci,
            "CI is set, and the data of {} is missing: expected it at {}",
            file.display(),
            data.display()
        );
        eprintln!(
            "SKIPPED the freshness of {}: its data is not beside the workspace ({})",
            file.display(),
            data.display()
        );
    }
    let stale = xtask::stale(&root).unwrap_or_else(|e| panic!("the generator failed: {e}"));
    assert!(
        stale.is_empty(),
        "generated code is stale: {stale:?}\nrun `cargo xtask codegen` and review the diff"
    );
}

/// Every doc line of the generated code says each thing once ("Seconds of silence. Seconds."
/// is a defect of the table's prose, to be fixed there).
#[test]
fn no_generated_doc_line_repeats_a_sentence() {
    let files = xtask::from_table().unwrap_or_else(|e| panic!("the generator failed: {e}"));
    let mut lines = 0;
    let mut repeated = Vec::new();
    for file in &files {
        for line in file.text.lines() {
            let line = line.trim_start();
            let Some(doc) = line
                .strip_prefix("///")
                .or_else(|| line.strip_prefix("//!"))
            else {
                continue;
            };
            lines += 1;
            if let Some((first, second)) = xtask::repeated_sentence(doc) {
                repeated.push(format!(
                    "{}: {doc}\n  \"{first}\" / \"{second}\"",
                    file.path.display()
                ));
            }
        }
    }
    assert!(lines > 1000, "only {lines} doc lines were generated");
    assert!(
        repeated.is_empty(),
        "doc lines that repeat a sentence (fix the prose in twiml-schema/src/elements.rs):\n{}",
        repeated.join("\n")
    );
}
