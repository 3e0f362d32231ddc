//! The checked-in generated code matches its sources: the element table and the rule
//! declarations. When this fails, run `cargo xtask codegen` and review the diff.

#[test]
fn generated_code_is_fresh() {
    let root = xtask::workspace_root();
    let stale = xtask::stale(&root).unwrap_or_else(|e| panic!("the generator failed: {e}"));
    assert!(
        stale.is_empty(),
        "generated code is stale: {stale:?}\nrun `cargo xtask codegen` and review the diff"
    );
}
