//! Serving TwiML from [axum](https://docs.rs/axum) 0.8 handlers.
//!
//! - [`Xml`] makes a finished [`Twiml`](crate::Twiml) a handler's response, with the content type Twilio
//!   requires (`text/xml; charset=utf-8`); [`EmptyResponse`] answers `<Response/>`.
//! - [`BuildFailed`] makes a refused build a 500 with a log line, never a half-written
//!   document, so `?` works on `build()` in a handler returning `Result<Xml, BuildFailed>`.
//! - [`RequireSignature`] is a layer that answers 403 to every request Twilio did not sign,
//!   before any handler runs; behind it, plain `axum::Form<VoiceWebhook>` is safe to use.
//!   It reads no body before the signature header has passed its checks, and no more than
//!   the [`Validator`]'s limit (413 past it).
//! - [`TwilioForm`] is an extractor that checks the signature and parses the form, for
//!   routers without the layer. It takes the [`Validator`] from the router's state.
//! - `inbound_messages` (with the `ledger` feature) is the route of the inbound messaging
//!   webhook: it records each reply in a consent ledger and answers with the reply TwiML.
//!
//! ```no_run
//! use axum::{Form, Router, routing::post};
//! use twiml::axum::{BuildFailed, RequireSignature, Xml};
//! use twiml::prelude::*;
//! use twiml::webhook::{Validator, VoiceWebhook};
//!
//! async fn voice(Form(call): Form<VoiceWebhook>) -> Result<Xml, BuildFailed> {
//!     let mut response = VoiceResponse::new();
//!     response.say(format!("Hello. You are calling from {}.", call.from));
//!     Ok(Xml(response.build()?))
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let validator = Validator::new(std::env::var("TWILIO_AUTH_TOKEN")?)
//!         .public_url("https://ivr.example.com");
//!     let app = Router::new()
//!         .route("/voice", post(voice))
//!         .layer(RequireSignature::new(validator));
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//!     axum::serve(listener, app).await?;
//!     Ok(())
//! }
//! ```
//!
//! Log lines go through [`tracing`](https://docs.rs/tracing): an error for a refused build, a
//! warning for each warning of a served document ([`Twiml::warnings`](crate::Twiml::warnings)),
//! a warning for a refused signature, with the URL the signature was checked against, and a
//! warning when the layer is made with a [`Validator`] whose settings are weak
//! ([`Validator::weakness`]).
//!
//! The peer address that [`Validator::trust_proxy`] needs comes from axum's
//! [`ConnectInfo`]: serve the router with
//! `into_make_service_with_connect_info::<SocketAddr>()`. Without it, forwarded headers are
//! never believed.

use std::convert::Infallible;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll};

use std::net::SocketAddr;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRef, FromRequest, OriginalUri, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;
use tower::{Layer, Service};

pub use crate::responses::{BuildFailed, EmptyResponse, Xml};
use crate::webhook::{
    CONTENT_TYPE, EMPTY_RESPONSE, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER, SignatureError,
    Validator, Verified, WebhookRequest,
};

/// Status 200, `Content-Type: text/xml; charset=utf-8`, and the document.
///
/// ```
/// use axum::response::IntoResponse;
/// use twiml::axum::Xml;
/// use twiml::prelude::*;
///
/// let mut response = MessagingResponse::new();
/// response.message().body("Thanks, we got your message.");
/// let http = Xml(response.build()?).into_response();
/// assert_eq!(http.headers()["content-type"], "text/xml; charset=utf-8");
/// # Ok::<(), twiml::BuildError>(())
/// ```
impl IntoResponse for Xml {
    fn into_response(self) -> Response {
        self.log_warnings();
        xml_response(self.0.into_xml())
    }
}

impl IntoResponse for EmptyResponse {
    fn into_response(self) -> Response {
        xml_response(EMPTY_RESPONSE.to_string())
    }
}

fn xml_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response()
}

impl IntoResponse for BuildFailed {
    fn into_response(self) -> Response {
        self.log();
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

/// A refused signature answers 403 (413 for a body over the limits), with the reason as
/// plain text.
impl IntoResponse for SignatureError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::FORBIDDEN);
        (status, self.to_string()).into_response()
    }
}

/// A layer that answers 403 to requests without Twilio's valid signature; the inner service
/// (a handler, a route, a whole router) never sees them.
///
/// It checks the signature header first, and refuses a request without a well-formed one
/// before reading a byte of its body. Then it reads the body, up to the validator's
/// [`max_body_bytes`](Validator::max_body_bytes) whatever the router's `DefaultBodyLimit`
/// (413 past it), to check a form's parameters or a JSON body's `bodySHA256`, and hands it
/// on unchanged, so the handler's `Form`, `Json` or `Bytes` extractor reads it as usual.
/// The handler finds how the request was signed in its extensions, as a [`Verified`]
/// (`Extension<Verified>`).
///
/// ```no_run
/// # use axum::{Form, Router, routing::post};
/// # use twiml::axum::{EmptyResponse, RequireSignature};
/// # use twiml::webhook::{MessagingWebhook, Validator};
/// # async fn sms(Form(_): Form<MessagingWebhook>) -> EmptyResponse { EmptyResponse }
/// let app: Router = Router::new()
///     .route("/sms", post(sms))
///     .layer(RequireSignature::new(
///         Validator::new("your auth token").public_url("https://sms.example.com"),
///     ));
/// ```
#[derive(Debug, Clone)]
pub struct RequireSignature {
    validator: Validator,
}

impl RequireSignature {
    /// A layer checking signatures with `validator`. Logs a warning when the validator's
    /// settings are weak ([`Validator::weakness`]).
    pub fn new(validator: Validator) -> Self {
        if let Some(weakness) = validator.weakness() {
            tracing::warn!("twiml::axum::RequireSignature: {weakness}");
        }
        RequireSignature { validator }
    }
}

impl<S> Layer<S> for RequireSignature {
    type Service = RequireSignatureService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequireSignatureService {
            inner,
            validator: self.validator.clone(),
        }
    }
}

/// The service [`RequireSignature`] wraps around another.
#[derive(Debug, Clone)]
pub struct RequireSignatureService<S> {
    inner: S,
    validator: Validator,
}

impl<S> Service<Request> for RequireSignatureService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The service polled ready is the one to call; a fresh clone takes its place.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        let validator = self.validator.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let (body, verified) = match signed_body(&validator, &parts, body).await {
                Ok(signed) => signed,
                Err(response) => return Ok(response),
            };
            parts.extensions.insert(verified);
            inner
                .call(Request::from_parts(parts, Body::from(body)))
                .await
        })
    }
}

/// A form that Twilio signed, parsed into `T` ([`VoiceWebhook`](crate::webhook::VoiceWebhook),
/// [`MessagingWebhook`](crate::webhook::MessagingWebhook) or a struct of yours): the
/// signature is checked first, and a request without a valid one is answered 403 before the
/// form is read.
///
/// The form is the body of a POST request, or the query of a GET request. The
/// [`Validator`] comes from the router's state: the state itself, or a field of it through
/// [`FromRef`].
///
/// ```no_run
/// use axum::{Router, routing::post};
/// use twiml::axum::{BuildFailed, TwilioForm, Xml};
/// use twiml::prelude::*;
/// use twiml::webhook::{Validator, VoiceWebhook};
///
/// async fn menu(TwilioForm(call): TwilioForm<VoiceWebhook>) -> Result<Xml, BuildFailed> {
///     let mut response = VoiceResponse::new();
///     match call.digits.as_deref() {
///         Some("1") => response.say("Sales is closed today."),
///         _ => response.say("Goodbye."),
///     };
///     Ok(Xml(response.build()?))
/// }
///
/// let app: Router = Router::new()
///     .route("/menu", post(menu))
///     .with_state(Validator::new("your auth token").public_url("https://ivr.example.com"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TwilioForm<T>(pub T);

impl<T> Deref for TwilioForm<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for TwilioForm<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<S, T> FromRequest<S> for TwilioForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
    Validator: FromRef<S>,
{
    /// 403 for a missing or invalid signature, 413 for a body over the validator's limits,
    /// 422 for a form that does not fit `T`.
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let validator = Validator::from_ref(state);
        let (parts, body) = request.into_parts();
        let (body, _) = signed_body(&validator, &parts, body).await?;
        let form = if parts.method == Method::GET || parts.method == Method::HEAD {
            parts.uri.query().unwrap_or_default().as_bytes()
        } else {
            &body
        };
        serde_urlencoded::from_bytes(form)
            .map(TwilioForm)
            .map_err(|error| {
                tracing::warn!(%error, "a signed webhook form did not fit its type");
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("the webhook's parameters do not fit: {error}"),
                )
                    .into_response()
            })
    }
}

/// The body of a request that Twilio signed, and how it was signed: the signature header is
/// checked before the body is read, and the body is read up to the validator's limit.
async fn signed_body(
    validator: &Validator,
    parts: &Parts,
    body: Body,
) -> Result<(Bytes, Verified), Response> {
    let refuse = |error: SignatureError, request: &WebhookRequest<'_>| {
        tracing::warn!(
            %error,
            url = %validator.request_url(request).as_deref().unwrap_or("(unknown)"),
            "refused a webhook request without Twilio's signature"
        );
        error.into_response()
    };
    let head = webhook_request(parts, &[]);
    validator.precheck(&head).map_err(|e| refuse(e, &head))?;
    let limit = validator.body_limit();
    let declared = header_text(parts, header::CONTENT_LENGTH.as_str())
        .and_then(|length| length.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(refuse(SignatureError::BodyTooLarge, &head));
    }
    let body = match Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.is::<LengthLimitError>() => {
            return Err(refuse(SignatureError::BodyTooLarge, &head));
        }
        Err(error) => {
            tracing::warn!(%error, "a webhook request's body could not be read");
            return Err((StatusCode::BAD_REQUEST, "the body could not be read").into_response());
        }
    };
    let request = webhook_request(parts, &body);
    let verified = validator
        .verify(&request)
        .map_err(|e| refuse(e, &request))?;
    if verified.key != crate::webhook::SigningKey::AuthToken(0) {
        tracing::debug!(key = ?verified.key, "a webhook request was signed with a secondary key");
    }
    Ok((body, verified))
}

/// What the validator needs of a request.
fn webhook_request<'a>(parts: &'a Parts, body: &'a [u8]) -> WebhookRequest<'a> {
    // Inside a nested router the URI has lost its prefix; Twilio signed the whole path.
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    WebhookRequest {
        host: header_text(parts, header::HOST.as_str())
            .or_else(|| uri.authority().map(|authority| authority.as_str())),
        path_and_query: uri.path_and_query().map_or("/", |p| p.as_str()),
        content_type: header_text(parts, header::CONTENT_TYPE.as_str()),
        // A header that is not text cannot be a signature; it fails as a malformed one.
        signature: parts
            .headers
            .get(SIGNATURE_HEADER)
            .map(|value| value.to_str().unwrap_or_default()),
        signature_settings: header_text(parts, SIGNATURE_SETTINGS_HEADER),
        peer: parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip()),
        forwarded_proto: header_text(parts, "x-forwarded-proto"),
        forwarded_host: header_text(parts, "x-forwarded-host"),
        body,
    }
}

fn header_text<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

/// The route of the inbound messaging webhook with a consent ledger: `POST` a Twilio
/// messaging form, and the message is read, recorded and answered with its reply TwiML (see
/// [`InboundMessages`](crate::inbound::InboundMessages)). The ledger is called on tokio's
/// blocking pool. Put it behind [`RequireSignature`].
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use axum::Router;
/// use twiml::axum::inbound_messages;
/// use twiml::gate::inbound::Replies;
/// use twiml::inbound::InboundMessages;
/// use twiml::ledger::AnyLedger;
///
/// // An SQLite file on one machine; `postgres://USER@HOST/DB` for a fleet.
/// let ledger = Arc::new(AnyLedger::open("acme.ledger")?);
/// let inbox = InboundMessages::new(ledger, Replies::new("Acme", "support@acme.example"));
/// let app: Router = Router::new().route("/sms", inbound_messages(inbox));
/// # Ok(()) }
/// ```
#[cfg(feature = "ledger")]
pub fn inbound_messages<S>(inbox: crate::inbound::InboundMessages) -> axum::routing::MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    axum::routing::post(
        move |axum::Form(form): axum::Form<crate::webhook::MessagingWebhook>| {
            let inbox = inbox.clone();
            async move {
                let recorded = tokio::task::spawn_blocking(move || inbox.record(&form)).await;
                match recorded {
                    Ok(Ok(twiml)) => {
                        ([(header::CONTENT_TYPE, CONTENT_TYPE)], twiml).into_response()
                    }
                    Ok(Err(crate::inbound::InboundError::Form { field, reason })) => {
                        tracing::warn!(field, %reason, "an inbound message with an unusable form");
                        (
                            StatusCode::UNPROCESSABLE_ENTITY,
                            format!("the inbound message's `{field}` is not usable: {reason}"),
                        )
                            .into_response()
                    }
                    Ok(Err(error)) => {
                        tracing::error!(%error, "the ledger could not record an inbound message");
                        StatusCode::INTERNAL_SERVER_ERROR.into_response()
                    }
                    Err(error) => {
                        tracing::error!(%error, "recording an inbound message panicked");
                        StatusCode::INTERNAL_SERVER_ERROR.into_response()
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    #[test]
    fn responses_carry_the_twiml_content_type() -> Result<(), BuildError> {
        let mut voice = VoiceResponse::new();
        voice.say("Hello");
        for response in [
            Xml(voice.build()?).into_response(),
            EmptyResponse.into_response(),
        ] {
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CONTENT_TYPE], CONTENT_TYPE);
        }
        Ok(())
    }

    #[test]
    fn the_warnings_of_a_served_document_are_logged() -> Result<(), BuildError> {
        let mut response = VoiceResponse::new();
        response.say("This is Dr. Lee's office about your cardiology appointment on Monday.");
        let twiml = response.build_with(&Policy::new().regime(Regime::Healthcare))?;
        assert!(!twiml.warnings().is_empty());
        let logged = crate::responses::tests::logged(|| {
            assert_eq!(Xml(twiml).into_response().status(), StatusCode::OK);
        });
        assert!(logged.contains("WARN"), "{logged}");
        assert!(logged.contains("PHI001"), "{logged}");
        assert!(logged.contains("cardiology"), "{logged}");
        Ok(())
    }

    #[test]
    fn a_refused_build_is_a_500_without_a_body() {
        let mut voice = VoiceResponse::new();
        voice.gather().timeout(0);
        let Err(error) = voice.build() else {
            panic!("a timeout of 0 builds");
        };
        let response = BuildFailed::from(error).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(response.headers().get(header::CONTENT_TYPE).is_none());
    }
}
