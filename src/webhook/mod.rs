//! Twilio's webhook requests: their parameters as typed structs, and the check that a request
//! really comes from Twilio (its `X-Twilio-Signature`).
//!
//! Enabled by the `webhook` feature, and by the `axum` and `actix-web` features, whose
//! extractors and middleware (`twiml::axum`, `twiml::actix_web`) are built on what is here.
//! Nothing in this module depends on a web framework: any server can use
//! [`Validator::verify`] on the parts of a request it has.
//!
//! # Parameters
//!
//! [`VoiceWebhook`] and [`MessagingWebhook`] deserialize Twilio's form bodies with serde, so
//! they work with any `Form` extractor (`axum::Form<VoiceWebhook>`,
//! `actix_web::web::Form<VoiceWebhook>`) and with [`serde_urlencoded`] directly. Parameters
//! the structs do not know are ignored, so a request never fails because Twilio added one,
//! and value sets Twilio may extend ([`CallStatus`], [`Direction`], [`AnsweredBy`],
//! [`DialCallStatus`]) keep an unknown value in their `Other` variant.
//!
//! ```
//! use twiml::webhook::{CallStatus, Direction, VoiceWebhook};
//!
//! let body = "CallSid=CA0123&AccountSid=AC0123&From=%2B14155550100&To=%2B18005550100\
//!             &CallStatus=in-progress&Direction=inbound&Digits=1&SomethingNew=ignored";
//! let call: VoiceWebhook = serde_urlencoded::from_str(body)?;
//! assert_eq!(call.from, "+14155550100");
//! assert_eq!(call.call_status, Some(CallStatus::InProgress));
//! assert_eq!(call.direction, Some(Direction::Inbound));
//! assert_eq!(call.digits.as_deref(), Some("1"));
//! # Ok::<(), serde_urlencoded::de::Error>(())
//! ```
//!
//! # Signatures
//!
//! Twilio signs each request with an HMAC keyed by the account's auth token over the URL it
//! requested, followed by each POST parameter's name and value in the order of the names.
//! A JSON body is covered instead by the hex SHA-256 of the body that Twilio puts in the
//! URL's `bodySHA256` query parameter. [`validate_signature`] and
//! [`validate_body_signature`] check one signature against a URL you know;
//! [`Validator`] also rebuilds the URL from a request, behind a proxy from the public URL you
//! configure, reads no more of a request than it must, accepts several auth tokens while one
//! is rotated, and HMAC-SHA256 signatures made with shared keys:
//!
//! ```
//! use twiml::webhook::{SignatureError, SigningKey, Validator, WebhookRequest};
//!
//! let validator = Validator::new("12345").public_url("https://mycompany.com");
//! let request = WebhookRequest {
//!     host: Some("10.0.0.7:3000"), // what the server sees behind the proxy; not used
//!     path_and_query: "/myapp.php?foo=1&bar=2",
//!     content_type: Some("application/x-www-form-urlencoded"),
//!     signature: Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ="),
//!     body: b"CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234\
//!             &From=%2B12349013030&To=%2B18005551212",
//!     ..WebhookRequest::default()
//! };
//! let verified = validator.verify(&request)?;
//! assert_eq!(verified.key, SigningKey::AuthToken(0));
//! assert_eq!(verified.url, "https://mycompany.com/myapp.php?foo=1&bar=2");
//!
//! let tampered = WebhookRequest { body: b"CallSid=CA1234567890ABCDE&Digits=9999", ..request };
//! assert_eq!(validator.verify(&tampered), Err(SignatureError::InvalidSignature));
//! # Ok::<(), SignatureError>(())
//! ```

mod params;
mod signature;

pub use params::{
    AnsweredBy, CallStatus, DialCallStatus, Direction, Media, MediaList, MessagingWebhook,
    VoiceWebhook,
};
pub use signature::{
    Algorithm, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PARAMETERS, InvalidProxy, SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER, SignatureError, SigningKey, TrustedProxy, Validator, Verified,
    WebhookRequest, compute_signature, compute_signature_with, validate_body_signature,
    validate_signature, validate_signature_with,
};

/// The content type of a TwiML response. Twilio answers any other with error 12300.
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// The body of an empty response, `<Response/>`: for voice, the call ends; for messaging,
/// nothing is sent back. Status callbacks, whose answers Twilio ignores, can use it too.
pub const EMPTY_RESPONSE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    #[test]
    fn the_empty_response_is_what_the_builder_renders() -> Result<(), BuildError> {
        assert_eq!(VoiceResponse::new().build()?.to_xml(), EMPTY_RESPONSE);
        assert_eq!(MessagingResponse::new().build()?.to_xml(), EMPTY_RESPONSE);
        Ok(())
    }
}
