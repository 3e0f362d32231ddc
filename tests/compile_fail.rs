//! What must not compile. The `.stderr` files are blessed with the installed stable compiler
//! (`TRYBUILD=overwrite cargo test --test compile_fail`) and read before they are accepted.
//!
//! One test, one `TestCases`: trybuild builds every case in one shared project under
//! `target/tests/trybuild/`, and two `TestCases` running at once on parallel test threads
//! overwrite each other's cases there, so that under load cases pass or fail by chance.

/// - The content model is enforced by types: a child that may not appear in a parent does not
///   compile (`tests/ui/*.rs`).
/// - `twiml!` refuses what the element table's checks and the compliance rules refuse, at the
///   token: one file per kind of diagnostic, and one per rule (the example of the rule's
///   documentation, under its example policy) (`tests/ui/macro/*.rs`).
#[test]
fn what_must_not_compile_does_not() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.compile_fail("tests/ui/macro/*.rs");
}
