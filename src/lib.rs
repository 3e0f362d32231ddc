#![doc = include_str!("../README.md")]

pub use twiml_core::*;

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

// Asking the send-time gate before a send, from any service and from axum or actix-web.
#[cfg(feature = "gate")]
pub mod sending;

/// The names most programs need: the three response builders, the finished [`Twiml`], its
/// error, render options, every attribute value set, and the compliance policy.
pub mod prelude {
    pub use twiml_core::rules::{Disclosure, Fact, Policy, Regime};
    pub use twiml_core::values::*;
    pub use twiml_core::{
        BuildError, CustomElement, Decimal, PostalCode, RenderOptions, SpeechTimeout, Twiml,
        fax::FaxResponse, messaging::MessagingResponse, voice::VoiceResponse,
    };
}
