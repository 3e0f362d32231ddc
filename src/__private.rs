//! What the code `twiml!` expands to calls. Not part of the API: names and signatures may
//! change in any release.

use twiml_core::rules::Policy;
use twiml_core::{Root, Twiml};

/// Builds a response whose every part `twiml!` saw at compile time.
///
/// The macro ran the element table's checks and every rule over the same content under the
/// same policy and refused to compile on any error, so the build cannot refuse it here; the
/// build still runs, because it makes the warnings and the record of overrides.
pub fn finish(root: impl Into<Root>, policy: &Policy) -> Twiml {
    match Twiml::build_with(root, policy) {
        Ok(twiml) => twiml,
        Err(error) => unreachable!("`twiml!` checked this response at compile time: {error}"),
    }
}

/// Stands for the value of an invocation that failed to compile, so that the code around it
/// sees the type it expects and no second error. Code that calls it never compiles.
pub fn placeholder<T>() -> T {
    unreachable!("an invocation of `twiml!` with errors does not compile")
}
