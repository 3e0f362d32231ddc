//! A small IVR served with axum: a recording notice and a `<Gather>` menu, a bill paid with
//! `<Pay>`, a recorded call to an agent, every document built under a payments policy
//! (`shared/ivr_flow.rs`), text replies read and recorded in a consent ledger (STOP, START,
//! HELP and revocations in free text, answered with the reply TwiML), and every request checked
//! for Twilio's signature by the [`RequireSignature`] layer before any handler runs.
//!
//! ```sh
//! TWILIO_AUTH_TOKEN=your-auth-token cargo run --example axum_ivr --features axum,ledger
//! ```
//!
//! It reads `PORT` (default 3000), `TWILIO_AUTH_TOKEN`, `PUBLIC_URL`, the URL Twilio calls
//! (default `http://127.0.0.1:PORT`; behind a tunnel or a proxy, the public one), and
//! `LEDGER`, the consent ledger's file (default `acme.ledger`). Point a number's voice webhook
//! at `PUBLIC_URL/voice` and its messaging webhook at `PUBLIC_URL/sms`; `twiml gate --db
//! acme.ledger` then blocks the numbers that replied STOP. A request without Twilio's
//! signature gets 403:
//!
//! ```sh
//! curl -i -X POST http://127.0.0.1:3000/voice -d CallSid=CA00 -d AccountSid=AC00
//! ```
//!
//! `tests/serving_axum.rs` serves [`app`] and calls it over HTTP.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::post;
use axum::{Form, Router};
use twiml::axum::{BuildFailed, RequireSignature, Xml, inbound_messages};
use twiml::gate::inbound::Replies;
use twiml::inbound::InboundMessages;
use twiml::ledger::SqliteLedger;
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
    /// The consent ledger that the messaging webhook records replies in, and its replies.
    pub inbox: InboundMessages,
}

impl Config {
    /// Reads `TWILIO_AUTH_TOKEN`, `PUBLIC_URL` (default `http://127.0.0.1:{port}`) and
    /// `LEDGER` (default `acme.ledger`).
    ///
    /// # Errors
    ///
    /// When `TWILIO_AUTH_TOKEN` is not set, or empty, or the ledger cannot be opened.
    pub fn from_env(port: u16) -> Result<Config, String> {
        let auth_token = std::env::var("TWILIO_AUTH_TOKEN")
            .ok()
            .filter(|token| !token.is_empty())
            .ok_or("set TWILIO_AUTH_TOKEN to the account's auth token")?;
        let public_url =
            std::env::var("PUBLIC_URL").unwrap_or_else(|_| format!("http://127.0.0.1:{port}"));
        let path = std::env::var("LEDGER").unwrap_or_else(|_| "acme.ledger".to_string());
        let ledger = SqliteLedger::open(&path).map_err(|e| e.to_string())?;
        Ok(Config {
            auth_token,
            public_url,
            inbox: inbox(Arc::new(ledger)),
        })
    }
}

/// The messaging webhook's state: Acme's replies, answered from `ledger`.
pub fn inbox(ledger: Arc<dyn twiml::ledger::Ledger>) -> InboundMessages {
    InboundMessages::new(
        ledger,
        Replies::new("Acme Widgets", "help@acme.example or 1-800-555-0100"),
    )
}

/// The IVR's routes, every one behind the signature check.
pub fn app(config: Config) -> Router {
    let validator = Validator::new(config.auth_token).public_url(config.public_url);
    Router::new()
        .route("/voice", post(welcome))
        .route("/menu", post(menu))
        .route("/payment", post(payment))
        .route("/whisper", post(whisper))
        .route("/sms", inbound_messages(config.inbox))
        .with_state(Arc::new(ivr_flow::policy()))
        .layer(RequireSignature::new(validator))
}

async fn welcome(State(policy): State<Arc<Policy>>) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::welcome(&policy)?))
}

async fn menu(
    State(policy): State<Arc<Policy>>,
    Form(call): Form<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::menu(&policy, &call)?))
}

async fn payment(
    State(policy): State<Arc<Policy>>,
    Form(call): Form<VoiceWebhook>,
) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::payment(&policy, &call)?))
}

async fn whisper(State(policy): State<Arc<Policy>>) -> Result<Xml, BuildFailed> {
    Ok(Xml(ivr_flow::whisper(&policy)?))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init();
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse()?,
        Err(_) => 3000,
    };
    let config = Config::from_env(port)?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "the IVR answers POST {}/voice (listening on {})",
        config.public_url,
        listener.local_addr()?
    );
    axum::serve(listener, app(config)).await?;
    Ok(())
}
