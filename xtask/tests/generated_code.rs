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
