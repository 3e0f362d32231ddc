//! The `twiml!` macro: TwiML markup in Rust. Use it through the `twiml` crate, which
//! re-exports it as `twiml::twiml!` and documents it.
//!
//! The macro reads the markup with the element table of `twiml-core` and runs the table's
//! checks and the compliance rules over it while it expands: a wrong or noncompliant response
//! does not compile, and each error points at its token. It holds no list of names of its own.

mod document;
mod expand;
mod policy;
mod syntax;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// TwiML markup, checked at compile time, expanding to builder calls. Its reference is the
/// documentation of `twiml::twiml!`, which re-exports it.
#[proc_macro]
pub fn twiml(input: TokenStream) -> TokenStream {
    match syn::parse::<syntax::Invocation>(input) {
        Ok(invocation) => expand::expand(&invocation).into(),
        Err(e) => expand::failed(e.to_compile_error()).into(),
    }
}
