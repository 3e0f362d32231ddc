//! The IVR of `axum_ivr`, served with actix-web: a recording notice and a `<Gather>` menu, a
//! bill paid with `<Pay>`, a recorded call to an agent, every document built under a
//! payments policy (`shared/ivr_flow.rs`). Here each handler takes a [`TwilioForm`], which
//! checks Twilio's signature before the handler runs; the `RequireSignature` middleware
//! would do the same for a whole app.
//!
//! ```sh
//! TWILIO_AUTH_TOKEN=your-auth-token cargo run --example actix_ivr --features actix-web
//! ```
//!
//! It reads `PORT` (default 3000), `TWILIO_AUTH_TOKEN`, and `PUBLIC_URL`, the URL Twilio
//! calls (default `http://127.0.0.1:PORT`; behind a tunnel or a proxy, the public one).
//! Point a number's voice webhook at `PUBLIC_URL/voice`.
//!
//! `tests/serving_actix.rs` serves [`app`] and calls it over HTTP.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpServer, web};
use twiml::actix_web::{BuildFailed, TwilioForm, Xml};
use twiml::prelude::*;
use twiml::webhook::{Validator, VoiceWebhook};

#[path = "shared/ivr_flow.rs"]
mod ivr_flow;

/// The IVR's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The auth token Twilio signs requests with.
    pub auth_token: String,
    /// The URL Twilio calls; each request's path and query are appended to it to check the
    /// signature.
    pub public_url: String,
}

impl Config {
    /// Reads `TWILIO_AUTH_TOKEN` and `PUBLIC_URL` (default `http://127.0.0.1:{port}`).
    ///
    /// # Errors
    ///
    /// When `TWILIO_AUTH_TOKEN` is not set, or empty.
    pub fn from_env(port: u16) -> Result<Config, String> {
        let auth_token = std::env::var("TWILIO_AUTH_TOKEN")
            .ok()
            .filter(|token| !token.is_empty())
            .ok_or("set TWILIO_AUTH_TOKEN to the account's auth token")?;
        let public_url =
            std::env::var("PUBLIC_URL").unwrap_or_else(|_| format!("http://127.0.0.1:{port}"));
        Ok(Config {
            auth_token,
            public_url,
        })
    }
}

/// The IVR's app: its routes, the validator the [`TwilioForm`] extractors use, and the
/// policy.
pub fn app(
    config: Config,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let validator = Validator::new(config.auth_token).public_url(config.public_url);
    App::new()
        .app_data(validator)
        .app_data(web::Data::new(ivr_flow::policy()))
        .route("/voice", web::post().to(welcome))
        .route("/menu", web::post().to(menu))
        .route("/payment", web::post().to(payment))
        .route("/whisper", web::post().to(whisper))
}

// Every handler takes the form, even where it does not read it: the extractor is what
// checks the signature.

async fn welcome(
    policy: web::Data<Policy>,
    _: TwilioForm<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::welcome(&policy)?))
}

async fn menu(
    policy: web::Data<Policy>,
    TwilioForm(call): TwilioForm<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::menu(&policy, &call)?))
}

async fn payment(
    policy: web::Data<Policy>,
    TwilioForm(call): TwilioForm<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::payment(&policy, &call)?))
}

async fn whisper(
    policy: web::Data<Policy>,
    _: TwilioForm<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::whisper(&policy)?))
}

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init();
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse()?,
        Err(_) => 3000,
    };
    let config = Config::from_env(port)?;
    println!("the IVR answers POST {}/voice", config.public_url);
    HttpServer::new(move || app(config.clone()))
        .bind(("127.0.0.1", port))?
        .run()
        .await?;
    Ok(())
}
