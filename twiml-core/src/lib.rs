//! The engine of the [`twiml`](https://docs.rs/twiml) crate: the TwiML element table, the typed
//! model and builder generated from it, the build step's checks, and the renderer.
//!
//! Most users depend on `twiml`, which re-exports what a program calls from this crate and
//! adds a prelude. The modules marked hidden here (`check`, `grammar`, `tree`) are the
//! machinery the workspace's other crates (`twiml-macros`, `twiml-cli`) build on; they are not
//! part of the API and may change in any release.

pub mod callflow;
#[doc(hidden)]
pub mod check;
pub mod codes;
pub mod diagnostic;
mod document;
mod format;
pub mod gate;
#[doc(hidden)]
pub mod grammar;
mod model;
mod parse;
mod render;
pub mod rules;
pub mod schema;
mod swar;
#[cfg(test)]
mod test_corpus;
#[cfg(test)]
mod test_rng;
#[doc(hidden)]
pub mod tree;
mod validate;

pub use diagnostic::{Diagnostic, NodePath, Severity};
pub use document::{BuildError, Root, Twiml};
pub use format::format_document;
pub use model::{
    AppendTo, ConvertError, CustomAttribute, CustomContent, CustomElement, Decimal, Items,
    PostalCode, SpeechTimeout, UnknownValue, fax, messaging, values, voice,
};
pub use parse::{ByteSpan, LineIndex, ParseOptions, ParsedDocument, parse, parse_bytes};
pub use render::RenderOptions;
pub use rules::Policy;
pub use validate::{Validation, validate, validate_with};
