//! What must not compile. The `.stderr` files are blessed with the installed stable compiler
//! (`TRYBUILD=overwrite cargo test --test compile_fail`) and read before they are accepted.

/// The content model is enforced by types: a child that may not appear in a parent does not
/// compile.
#[test]
fn wrong_nesting_does_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}

/// `twiml!` refuses what the element table's checks and the compliance rules refuse, at the
/// token: one file per kind of diagnostic, and one per rule (the example of the rule's
/// documentation, under its example policy).
#[test]
fn twiml_macro_errors_point_at_the_token() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/macro/*.rs");
}
