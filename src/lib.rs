#![doc = include_str!("../README.md")]

// What a program calls. The engine's machinery (its checks, value grammars and document
// view, which the macro and the command line build on) stays in `twiml-core`.
pub use twiml_core::{
    BuildError, ByteSpan, ConvertError, CustomAttribute, CustomContent, CustomElement, Decimal,
    Diagnostic, Items, LineIndex, NodePath, ParseOptions, ParsedDocument, Policy, PostalCode,
    RenderOptions, Root, Severity, SpeechTimeout, Twiml, UnknownValue, Validation, fax,
    format_document, messaging, parse, parse_bytes, validate, validate_with, values, voice,
};
pub use twiml_core::{callflow, codes, diagnostic, gate, rules, schema};

#[doc = include_str!("../docs/twiml-macro.md")]
pub use twiml_macros::twiml;

#[doc(hidden)]
pub mod __private;

// Serving TwiML from web handlers; each module's documentation says what it holds.
#[cfg(feature = "webhook")]
pub mod webhook;

#[cfg(any(feature = "axum", feature = "actix-web"))]
mod responses;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "actix-web")]
pub mod actix_web;

/// The consent and opt-out ledger (the `twiml-ledger` crate): consent records, opt-outs from
/// inbound replies, attempts, reassigned numbers, and every decision of the gate, recorded.
#[cfg(feature = "ledger")]
pub use twiml_ledger as ledger;

// The inbound messaging webhook with a consent ledger.
#[cfg(feature = "ledger")]
pub mod inbound;

// Asking the send-time gate before a send, from any service and from axum or actix-web.
#[cfg(feature = "gate")]
pub mod sending;

#[cfg(feature = "testing")]
pub mod testing;

/// The names most programs need, and no others: the three response builders, the finished
/// [`Twiml`] and its error, render options, the compliance policy, and the four value sets
/// most flows set (`Voice`, `SayLanguage`, `GatherInput`, `DialRecord`).
///
/// Every other value set is in [`values`] (`use twiml::values::Method;`), so that the prelude
/// never shadows a name of the program around it, such as `http::Method` in a web handler.
pub mod prelude {
    pub use twiml_core::rules::{Disclosure, Fact, Policy, Regime};
    pub use twiml_core::values::{DialRecord, GatherInput, SayLanguage, Voice};
    pub use twiml_core::{
        BuildError, RenderOptions, Twiml, fax::FaxResponse, messaging::MessagingResponse,
        voice::VoiceResponse,
    };
}
