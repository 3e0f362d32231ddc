//! Serving TwiML from [axum](https://docs.rs/axum) 0.8 handlers.
//!
//! - [`Xml`] makes a finished [`Twiml`](crate::Twiml) a handler's response, with the content type Twilio
//!   requires (`text/xml; charset=utf-8`); [`EmptyResponse`] answers `<Response/>`.
//! - [`BuildFailed`] makes a refused build a 500 with a log line, never a half-written
//!   document, so `?` works on `build()` in a handler returning `Result<Xml, BuildFailed>`.
//! - [`RequireSignature`] is a layer that answers 403 to every request Twilio did not sign,
//!   before any handler runs; behind it, plain `axum::Form<VoiceWebhook>` is safe to use.
//! - [`TwilioForm`] is an extractor that checks the signature and parses the form, for
//!   routers without the layer. It takes the [`Validator`] from the router's state.
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
//! warning for a refused signature, with the URL the signature was checked against.

use std::convert::Infallible;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use tower::{Layer, Service};

pub use crate::responses::{BuildFailed, EmptyResponse, Xml};
use crate::webhook::{
    CONTENT_TYPE, EMPTY_RESPONSE, SIGNATURE_HEADER, SignatureError, Validator, WebhookRequest,
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
        xml_response(self.0.to_xml())
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

/// A refused signature answers 403, with the reason as plain text.
impl IntoResponse for SignatureError {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.to_string()).into_response()
    }
}

/// A layer that answers 403 to requests without Twilio's valid signature; the inner service
/// (a handler, a route, a whole router) never sees them.
///
/// It reads the body (within the router's `DefaultBodyLimit`) to check a form's parameters
/// or a JSON body's `bodySHA256`, and hands it on unchanged, so the handler's `Form`, `Json`
/// or `Bytes` extractor reads it as usual.
///
/// ```no_run
/// # use axum::{Form, Router, routing::post};
/// # use twiml::axum::{EmptyResponse, RequireSignature};
/// # use twiml::webhook::{MessagingWebhook, Validator};
/// # async fn sms(Form(_): Form<MessagingWebhook>) -> EmptyResponse { EmptyResponse }
/// let app: Router = Router::new()
///     .route("/sms", post(sms))
///     .layer(RequireSignature::new(Validator::new("your auth token")));
/// ```
#[derive(Debug, Clone)]
pub struct RequireSignature {
    validator: Validator,
}

impl RequireSignature {
    /// A layer checking signatures with `validator`.
    pub fn new(validator: Validator) -> Self {
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
            let (parts, body) = match read_body(request, &()).await {
                Ok(read) => read,
                Err(response) => return Ok(response),
            };
            if let Err(error) = check_signature(&validator, &parts, &body) {
                return Ok(error.into_response());
            }
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
    /// 403 for a missing or invalid signature, 422 for a form that does not fit `T`, or the
    /// body's own rejection (413 over the body limit).
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let validator = Validator::from_ref(state);
        let (parts, body) = read_body(request, state).await?;
        check_signature(&validator, &parts, &body).map_err(IntoResponse::into_response)?;
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

/// Reads the whole body, within the router's `DefaultBodyLimit`, keeping the request's parts.
async fn read_body<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<(Parts, Bytes), Response> {
    let (parts, body) = request.into_parts();
    // The extractor needs the parts too: the body limit is an extension.
    let body = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((parts, body))
}

/// Checks the request's signature, logging why when it is not Twilio's.
fn check_signature(
    validator: &Validator,
    parts: &Parts,
    body: &[u8],
) -> Result<(), SignatureError> {
    // Inside a nested router the URI has lost its prefix; Twilio signed the whole path.
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
    let host = header_text(parts, header::HOST.as_str())
        .or_else(|| uri.authority().map(|authority| authority.as_str()));
    let request = WebhookRequest {
        host,
        path_and_query,
        content_type: header_text(parts, header::CONTENT_TYPE.as_str()),
        // A header that is not text cannot be a signature; it fails as an invalid one.
        signature: parts
            .headers
            .get(SIGNATURE_HEADER)
            .map(|value| value.to_str().unwrap_or_default()),
        body,
    };
    validator.verify(&request).inspect_err(|error| {
        tracing::warn!(
            %error,
            url = %validator.request_url(host, path_and_query).as_deref().unwrap_or("(unknown)"),
            "refused a webhook request without Twilio's signature"
        );
    })
}

fn header_text<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
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
