//! The content model is enforced by types: a child that may not appear in a parent does not
//! compile. The `.stderr` files are blessed with the installed stable compiler
//! (`TRYBUILD=overwrite cargo test --test compile_fail`).

#[test]
fn wrong_nesting_does_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
