//! What the code `twiml!` expands to calls. Not part of the API: names and signatures may
//! change in any release.

/// Stands for the value of an invocation that failed to compile, so that the code around it
/// sees the type it expects and no second error. Code that calls it never compiles.
pub fn placeholder<T>() -> T {
    unreachable!("an invocation of `twiml!` with errors does not compile")
}
