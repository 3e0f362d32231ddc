//! Serving TwiML from [actix-web](https://docs.rs/actix-web) 4 handlers.
//!
//! - [`Xml`] makes a finished [`Twiml`](crate::Twiml) a handler's response, with the content type Twilio
//!   requires (`text/xml; charset=utf-8`); [`EmptyResponse`] answers `<Response/>`.
//! - [`BuildFailed`] makes a refused build a 500 with a log line, never a half-written
//!   document, so `?` works on `build()` in a handler returning `Result<Xml, BuildFailed>`.
//! - [`RequireSignature`] is a middleware that answers 403 to every request Twilio did not
//!   sign, before any handler runs; behind it, plain `web::Form<VoiceWebhook>` is safe to use.
//!   It reads no body before the signature header has passed its checks, and no more than
//!   the [`Validator`]'s limit (413 past it).
//! - [`TwilioForm`] is an extractor that checks the signature and parses the form, for apps
//!   without the middleware. It takes the [`Validator`] from the app data (`Validator` or
//!   `web::Data<Validator>`).
//! - `inbound_message` (with the `ledger` feature) handles the inbound messaging webhook: it
//!   records each reply in a consent ledger and answers with the reply TwiML.
//!
//! ```no_run
//! use actix_web::{App, HttpServer, web};
//! use twiml::actix_web::{BuildFailed, RequireSignature, Xml};
//! use twiml::prelude::*;
//! use twiml::webhook::{Validator, VoiceWebhook};
//!
//! async fn voice(call: web::Form<VoiceWebhook>) -> Result<Xml, BuildFailed> {
//!     let mut response = VoiceResponse::new();
//!     response.say(format!("Hello. You are calling from {}.", call.from));
//!     Ok(Xml(response.build()?))
//! }
//!
//! #[actix_web::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let validator = Validator::new(std::env::var("TWILIO_AUTH_TOKEN")?)
//!         .public_url("https://ivr.example.com");
//!     HttpServer::new(move || {
//!         App::new()
//!             .wrap(RequireSignature::new(validator.clone()))
//!             .route("/voice", web::post().to(voice))
//!     })
//!     .bind(("127.0.0.1", 3000))?
//!     .run()
//!     .await?;
//!     Ok(())
//! }
//! ```
//!
//! Log lines go through [`tracing`](https://docs.rs/tracing), which forwards them to the
//! [`log`](https://docs.rs/log) crate (`env_logger` and the like) when no tracing subscriber
//! is installed: an error for a refused build, a warning for each warning of a served document
//! ([`Twiml::warnings`](crate::Twiml::warnings)), a warning for a refused signature, with the
//! URL the signature was checked against, and a warning when the middleware is made with a
//! [`Validator`] whose settings are weak ([`Validator::weakness`]).

use std::future::{Future, Ready, ready};
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{self, BodyStream, BoxBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::{Method, StatusCode, header};
use actix_web::web::{Bytes, Data};
use actix_web::{
    Error, FromRequest, HttpMessage, HttpRequest, HttpResponse, Responder, ResponseError, error,
};
use serde::de::DeserializeOwned;

pub use crate::responses::{BuildFailed, EmptyResponse, Xml};
use crate::webhook::{
    CONTENT_TYPE, EMPTY_RESPONSE, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER, SignatureError,
    SigningKey, Validator, Verified, WebhookRequest,
};

type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Status 200, `Content-Type: text/xml; charset=utf-8`, and the document.
///
/// ```
/// use actix_web::{Responder, test::TestRequest};
/// use twiml::actix_web::Xml;
/// use twiml::prelude::*;
///
/// let mut response = MessagingResponse::new();
/// response.message().body("Thanks, we got your message.");
/// let http = Xml(response.build()?).respond_to(&TestRequest::default().to_http_request());
/// let content_type = http.headers().get("content-type").and_then(|value| value.to_str().ok());
/// assert_eq!(content_type, Some("text/xml; charset=utf-8"));
/// # Ok::<(), twiml::BuildError>(())
/// ```
impl Responder for Xml {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        self.log_warnings();
        xml_response(self.0.into_xml())
    }
}

impl Responder for EmptyResponse {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        xml_response(EMPTY_RESPONSE.to_string())
    }
}

fn xml_response(body: String) -> HttpResponse {
    HttpResponse::Ok().content_type(CONTENT_TYPE).body(body)
}

impl ResponseError for BuildFailed {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        HttpResponse::InternalServerError().finish()
    }
}

/// A refused signature answers 403 (413 for a body over the limits), with the reason as
/// plain text.
impl ResponseError for SignatureError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::FORBIDDEN)
    }
}

/// A middleware that answers 403 to requests without Twilio's valid signature; the services
/// it wraps (an app, a scope, a resource) never see them.
///
/// It checks the signature header first, and refuses a request without a well-formed one
/// before reading a byte of its body. Then it reads the body, up to the validator's
/// [`max_body_bytes`](Validator::max_body_bytes) whatever the app's `PayloadConfig` (413
/// past it), to check a form's parameters or a JSON body's `bodySHA256`, and puts it back
/// unchanged, so the handler's `web::Form`, `web::Json` or `Bytes` extractor reads it as
/// usual. The handler finds how the request was signed in its extensions, as a
/// [`Verified`] (`web::ReqData<Verified>`).
///
/// ```no_run
/// # use actix_web::{App, web};
/// # use twiml::actix_web::{EmptyResponse, RequireSignature};
/// # use twiml::webhook::{MessagingWebhook, Validator};
/// # async fn sms(_: web::Form<MessagingWebhook>) -> EmptyResponse { EmptyResponse }
/// let app = App::new()
///     .wrap(RequireSignature::new(
///         Validator::new("your auth token").public_url("https://sms.example.com"),
///     ))
///     .route("/sms", web::post().to(sms));
/// ```
#[derive(Debug, Clone)]
pub struct RequireSignature {
    validator: Validator,
}

impl RequireSignature {
    /// A middleware checking signatures with `validator`. Logs a warning when the
    /// validator's settings are weak ([`Validator::weakness`]).
    pub fn new(validator: Validator) -> Self {
        if let Some(weakness) = validator.weakness() {
            tracing::warn!("twiml::actix_web::RequireSignature: {weakness}");
        }
        RequireSignature { validator }
    }
}

impl<S, B> Transform<S, ServiceRequest> for RequireSignature
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = RequireSignatureMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequireSignatureMiddleware {
            service: Rc::new(service),
            validator: self.validator.clone(),
        }))
    }
}

/// The service [`RequireSignature`] wraps around another.
#[derive(Debug)]
pub struct RequireSignatureMiddleware<S> {
    service: Rc<S>,
    validator: Validator,
}

impl<S, B> Service<ServiceRequest> for RequireSignatureMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = LocalBoxFuture<Result<ServiceResponse<B>, Error>>;

    forward_ready!(service);

    fn call(&self, mut request: ServiceRequest) -> Self::Future {
        let service = Rc::clone(&self.service);
        let validator = self.validator.clone();
        Box::pin(async move {
            let payload = request.take_payload();
            let (body, verified) = signed_body(&validator, request.request(), payload).await?;
            request.extensions_mut().insert(verified);
            request.set_payload(Payload::from(body));
            service.call(request).await
        })
    }
}

/// A form that Twilio signed, parsed into `T` ([`VoiceWebhook`](crate::webhook::VoiceWebhook),
/// [`MessagingWebhook`](crate::webhook::MessagingWebhook) or a struct of yours): the
/// signature is checked first, and a request without a valid one is answered 403 before the
/// form is read.
///
/// The form is the body of a POST request, or the query of a GET request. The
/// [`Validator`] comes from the app data, as `Validator` or `web::Data<Validator>`; without
/// one, the request is answered 500 and the mistake logged.
///
/// ```no_run
/// use actix_web::{App, web};
/// use twiml::actix_web::{BuildFailed, TwilioForm, Xml};
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
/// let app = App::new()
///     .app_data(Validator::new("your auth token").public_url("https://ivr.example.com"))
///     .route("/menu", web::post().to(menu));
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

impl<T: DeserializeOwned + 'static> FromRequest for TwilioForm<T> {
    /// 403 for a missing or invalid signature, 413 for a body over the validator's limits,
    /// 422 for a form that does not fit `T`, 500 without a `Validator` in the app data.
    type Error = Error;
    type Future = LocalBoxFuture<Result<Self, Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let validator = validator_of(request);
        let payload = payload.take();
        let request = request.clone();
        Box::pin(async move {
            let validator = validator?;
            let (body, _) = signed_body(&validator, &request, payload).await?;
            let form = if request.method() == Method::GET || request.method() == Method::HEAD {
                request.query_string().as_bytes()
            } else {
                &body
            };
            serde_urlencoded::from_bytes(form)
                .map(TwilioForm)
                .map_err(|error| {
                    tracing::warn!(%error, "a signed webhook form did not fit its type");
                    error::ErrorUnprocessableEntity(format!(
                        "the webhook's parameters do not fit: {error}"
                    ))
                })
        })
    }
}

/// The app's validator, as `Validator` or `web::Data<Validator>`.
fn validator_of(request: &HttpRequest) -> Result<Validator, Error> {
    request
        .app_data::<Validator>()
        .cloned()
        .or_else(|| {
            request
                .app_data::<Data<Validator>>()
                .map(|data| data.get_ref().clone())
        })
        .ok_or_else(|| {
            tracing::error!(
                "TwilioForm needs a twiml::webhook::Validator in the app data \
                 (`App::app_data(validator)`)"
            );
            error::ErrorInternalServerError("")
        })
}

/// The body of a request that Twilio signed, and how it was signed: the signature header is
/// checked before the body is read, and the body is read up to the validator's limit.
async fn signed_body(
    validator: &Validator,
    request: &HttpRequest,
    payload: Payload,
) -> Result<(Bytes, Verified), Error> {
    let refuse = |error: SignatureError, webhook: &WebhookRequest<'_>| {
        tracing::warn!(
            %error,
            url = %validator.request_url(webhook).as_deref().unwrap_or("(unknown)"),
            "refused a webhook request without Twilio's signature"
        );
        Error::from(error)
    };
    let head = webhook_request(request, &[]);
    validator.precheck(&head).map_err(|e| refuse(e, &head))?;
    let limit = validator.body_limit();
    let declared = header_text(request, header::CONTENT_LENGTH.as_str())
        .and_then(|length| length.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(refuse(SignatureError::BodyTooLarge, &head));
    }
    let body = match body::to_bytes_limited(BodyStream::new(payload), limit).await {
        Ok(Ok(body)) => body,
        Ok(Err(error)) => {
            tracing::warn!(%error, "a webhook request's body could not be read");
            return Err(error::ErrorBadRequest("the body could not be read"));
        }
        Err(_) => return Err(refuse(SignatureError::BodyTooLarge, &head)),
    };
    let webhook = webhook_request(request, &body);
    let verified = validator
        .verify(&webhook)
        .map_err(|e| refuse(e, &webhook))?;
    if verified.key != SigningKey::AuthToken(0) {
        tracing::debug!(key = ?verified.key, "a webhook request was signed with a secondary key");
    }
    Ok((body, verified))
}

/// What the validator needs of a request.
fn webhook_request<'a>(request: &'a HttpRequest, body: &'a [u8]) -> WebhookRequest<'a> {
    let uri = request.uri();
    WebhookRequest {
        host: header_text(request, header::HOST.as_str())
            .or_else(|| uri.authority().map(|authority| authority.as_str())),
        path_and_query: uri.path_and_query().map_or("/", |p| p.as_str()),
        content_type: header_text(request, header::CONTENT_TYPE.as_str()),
        // A header that is not text cannot be a signature; it fails as a malformed one.
        signature: request
            .headers()
            .get(SIGNATURE_HEADER)
            .map(|value| value.to_str().unwrap_or_default()),
        signature_settings: header_text(request, SIGNATURE_SETTINGS_HEADER),
        peer: request.peer_addr().map(|address| address.ip()),
        forwarded_proto: header_text(request, "x-forwarded-proto"),
        forwarded_host: header_text(request, "x-forwarded-host"),
        body,
    }
}

fn header_text<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

/// The handler of the inbound messaging webhook with a consent ledger: the message is read,
/// recorded and answered with its reply TwiML (see
/// [`InboundMessages`](crate::inbound::InboundMessages)). It takes the `InboundMessages` from
/// the app data (`web::Data<InboundMessages>`) and calls the ledger on actix's blocking pool.
/// Put it behind [`RequireSignature`].
///
/// ```no_run
/// # fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use actix_web::{App, web};
/// use twiml::actix_web::inbound_message;
/// use twiml::gate::inbound::Replies;
/// use twiml::inbound::InboundMessages;
/// use twiml::ledger::AnyLedger;
///
/// // An SQLite file on one machine; `postgres://USER@HOST/DB` for a fleet.
/// let ledger = Arc::new(AnyLedger::open("acme.ledger")?);
/// let inbox = InboundMessages::new(ledger, Replies::new("Acme", "support@acme.example"));
/// let app = App::new()
///     .app_data(web::Data::new(inbox))
///     .route("/sms", web::post().to(inbound_message));
/// # Ok(()) }
/// ```
#[cfg(feature = "ledger")]
pub async fn inbound_message(
    inbox: Data<crate::inbound::InboundMessages>,
    form: actix_web::web::Form<crate::webhook::MessagingWebhook>,
) -> HttpResponse {
    let form = form.into_inner();
    let inbox = inbox.into_inner();
    match actix_web::web::block(move || inbox.record(&form)).await {
        Ok(Ok(twiml)) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, CONTENT_TYPE))
            .body(twiml),
        Ok(Err(crate::inbound::InboundError::Form { field, reason })) => {
            tracing::warn!(field, %reason, "an inbound message with an unusable form");
            HttpResponse::UnprocessableEntity().body(format!(
                "the inbound message's `{field}` is not usable: {reason}"
            ))
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "the ledger could not record an inbound message");
            HttpResponse::InternalServerError().finish()
        }
        Err(error) => {
            tracing::error!(%error, "recording an inbound message failed on the blocking pool");
            HttpResponse::InternalServerError().finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;
    use crate::prelude::*;

    #[test]
    fn responses_carry_the_twiml_content_type() -> Result<(), BuildError> {
        let request = TestRequest::default().to_http_request();
        let mut voice = VoiceResponse::new();
        voice.say("Hello");
        for response in [
            Xml(voice.build()?).respond_to(&request),
            EmptyResponse.respond_to(&request),
        ] {
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(
                response.headers().get(header::CONTENT_TYPE),
                Some(&header::HeaderValue::from_static(CONTENT_TYPE))
            );
        }
        Ok(())
    }

    #[test]
    fn the_warnings_of_a_served_document_are_logged() -> Result<(), BuildError> {
        let mut response = VoiceResponse::new();
        response.say("This is Dr. Lee's office about your cardiology appointment on Monday.");
        let twiml = response.build_with(&Policy::new().regime(Regime::Healthcare))?;
        let request = TestRequest::default().to_http_request();
        let logged = crate::responses::tests::logged(|| {
            assert_eq!(Xml(twiml).respond_to(&request).status(), StatusCode::OK);
        });
        assert!(
            logged.contains("WARN") && logged.contains("PHI001"),
            "{logged}"
        );
        Ok(())
    }

    #[test]
    fn a_refused_build_is_a_500_without_a_body() {
        let mut voice = VoiceResponse::new();
        voice.gather().timeout(0);
        let Err(error) = voice.build() else {
            panic!("a timeout of 0 builds");
        };
        let response = BuildFailed::from(error).error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(response.headers().get(header::CONTENT_TYPE).is_none());
    }

    #[test]
    fn a_refused_signature_is_a_403() {
        assert_eq!(
            SignatureError::MissingSignature.status_code(),
            StatusCode::FORBIDDEN
        );
    }
}
