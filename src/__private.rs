//! What the code `twiml!` expands to calls. Not part of the API: names and signatures may
//! change in any release.

/// What an `{expr}` among an element's children may be: an element the parent may hold, an
/// `Option` or a `Vec` of them, or text where the element holds text.
pub use twiml_core::AppendTo;

/// Stands for the value of an invocation that failed to compile, so that the code around it
/// sees the type it expects and no second error. Code that calls it never compiles.
pub fn placeholder<T>() -> T {
    unreachable!("an invocation of `twiml!` with errors does not compile")
}
