//! The call simulator against the IVR examples: the axum app (`examples/axum_ivr.rs`) and the
//! actix-web app (`examples/actix_ivr.rs`), both serving `examples/shared/ivr_flow.rs` behind
//! Twilio's signature check. Each test places a call as Twilio would, follows the flow that
//! really runs, and checks every document of it under the state of the call.

// Each example is a program of its own that includes the shared flow; brought together here,
// the flow is included twice, once for each app.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/axum_ivr.rs"]
mod axum_ivr;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/actix_ivr.rs"]
mod actix_ivr;

use axum::Router;
use axum::routing::post;
use twiml::axum::Xml;
use twiml::prelude::*;
use twiml::testing::{CallEnd, CallSimulator, Caller, Heard, SimulationError, TowerApp};

const TOKEN: &str = "a-test-auth-token";
const PUBLIC_URL: &str = "https://ivr.example.com";

fn axum_app() -> Router {
    let ledger = twiml::ledger::SqliteLedger::open_in_memory().expect("a ledger");
    axum_ivr::app(axum_ivr::Config {
        auth_token: TOKEN.into(),
        public_url: PUBLIC_URL.into(),
        inbox: axum_ivr::inbox(std::sync::Arc::new(ledger)),
    })
}

fn twilio(app: Router) -> CallSimulator<TowerApp<Router>> {
    CallSimulator::new(app)
        .auth_token(TOKEN)
        .base_url(PUBLIC_URL)
        .policy(
            Policy::new()
                .regime(Regime::Payments)
                .business_name("Acme Widgets"),
        )
}

const WELCOME: &str =
    "Thanks for calling Acme Widgets. This call may be recorded for quality assurance.";
const MENU: &str = "To pay your bill, press 1 or say pay. To speak with an agent, press 2 or say agent. For our opening hours, press 3 or say hours.";

#[tokio::test]
async fn axum_paying_a_bill() -> Result<(), SimulationError> {
    let call = twilio(axum_app())
        .call("/voice", Caller::new().press("1"))
        .await?;
    assert!(call.findings().is_empty(), "{:#?}", call.findings());
    assert_eq!(
        call.said(),
        [
            WELCOME,
            MENU,
            "You will be asked for your card number, its expiration date and its security code. Your keypad entries are not recorded.",
            "Thank you, your payment was received. Your confirmation code is ch_a1b2c3 . Goodbye.",
        ]
    );
    let urls: Vec<&str> = call.requests().iter().map(|r| r.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://ivr.example.com/voice",
            "https://ivr.example.com/menu",
            "https://ivr.example.com/payment"
        ]
    );
    let menu = &call.requests()[1];
    assert_eq!(menu.parameter("Digits"), Some("1"));
    assert_eq!(menu.via.as_deref(), Some("digit 1"));
    assert_eq!(call.requests()[2].parameter("Result"), Some("success"));
    assert_eq!(call.requests()[0].parameter("CallStatus"), Some("ringing"));
    assert_eq!(call.end(), &CallEnd::Hangup);
    Ok(())
}

#[tokio::test]
async fn axum_an_agent_by_speech_then_back_to_the_menu() -> Result<(), SimulationError> {
    let call = twilio(axum_app())
        .call("/voice", Caller::new().say("I want an agent"))
        .await?;
    assert!(call.findings().is_empty(), "{:#?}", call.findings());
    // The recorded <Dial> reaches the agent after the caller heard the notice; the agent's
    // whisper announces the recording; the <Dial>'s action brings the caller back to the
    // menu, where the script ends and the caller hangs up.
    assert_eq!(
        call.said(),
        [WELCOME, MENU, "Connecting you to an agent.", WELCOME, MENU]
    );
    assert_eq!(
        call.other_party_heard(),
        [Heard::Say {
            text: "A customer from the Acme Widgets line. This call is recorded.".into(),
            voice: None,
            language: None,
        }]
    );
    let requests = call.requests();
    assert_eq!(
        requests[1].parameter("SpeechResult"),
        Some("I want an agent")
    );
    assert_eq!(requests[2].url, "https://ivr.example.com/whisper");
    assert_eq!(requests[2].parameter("Direction"), Some("outbound-dial"));
    assert_eq!(requests[3].url, "https://ivr.example.com/voice");
    assert_eq!(requests[3].parameter("DialCallStatus"), Some("completed"));
    assert_eq!(call.end(), &CallEnd::CallerHungUp);
    Ok(())
}

#[tokio::test]
async fn axum_silence_and_an_unknown_key() -> Result<(), SimulationError> {
    let call = twilio(axum_app())
        .call("/voice", Caller::new().stay_silent().press("7").press("3"))
        .await?;
    assert!(call.findings().is_empty(), "{:#?}", call.findings());
    assert_eq!(
        call.said(),
        [
            WELCOME,
            MENU,
            "We did not hear a choice.",
            WELCOME,
            MENU,
            "Sorry, I did not get that.",
            WELCOME,
            MENU,
            "We are open Monday to Friday, from 9 in the morning to 5 in the evening.",
            WELCOME,
            MENU,
        ]
    );
    assert_eq!(call.end(), &CallEnd::CallerHungUp);
    Ok(())
}

#[tokio::test]
async fn a_wrong_auth_token_is_refused_by_the_app() {
    let error = twilio(axum_app())
        .auth_token("another-token")
        .call("/voice", Caller::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SimulationError::Status { status: 403, url, .. } if url == "https://ivr.example.com/voice"),
        "{error}"
    );
}

#[tokio::test]
async fn a_recording_reached_without_a_notice_is_a_finding_with_its_path()
-> Result<(), SimulationError> {
    // Each document is fine on its own under the policy it was built with; the path that
    // really runs reaches the recording without a notice.
    async fn voice() -> Xml {
        let mut response = VoiceResponse::new();
        response
            .gather()
            .num_digits(1)
            .action("/agent")
            .say("For an agent, press 2.");
        Xml(response.build().expect("a valid response"))
    }
    async fn agent() -> Xml {
        let mut response = VoiceResponse::new();
        response
            .dial()
            .record(DialRecord::RecordFromAnswer)
            .number("+14155550100");
        let told = Policy::new().fact(Fact::RecordingDisclosed);
        Xml(response.build_with(&told).expect("a valid response"))
    }
    let app = Router::new()
        .route("/voice", post(voice))
        .route("/agent", post(agent));
    let call = twilio(app).call("/voice", Caller::new().press("2")).await?;
    let codes: Vec<String> = call
        .findings()
        .iter()
        .map(|f| f.diagnostic.code.to_string())
        .collect();
    assert!(codes.contains(&"REC001".to_string()), "{codes:?}");
    let rec = call
        .findings()
        .iter()
        .find(|f| f.diagnostic.code == "REC001")
        .unwrap();
    assert_eq!(rec.url, "https://ivr.example.com/agent");
    assert_eq!(rec.reached_by, "/voice → /agent (digit 2)");
    assert_eq!(
        rec.to_string(),
        "https://ivr.example.com/agent:1:50: error[REC001]: the `<Dial>` records the call before the caller hears a recording notice (reached by /voice → /agent (digit 2))"
    );
    Ok(())
}

#[tokio::test]
async fn a_loop_the_script_does_not_end_is_an_error() {
    async fn again() -> Xml {
        let mut response = VoiceResponse::new();
        response.redirect("/again");
        Xml(response.build().expect("a valid response"))
    }
    let app = Router::new().route("/again", post(again));
    let error = twilio(app)
        .max_requests(5)
        .call("/again", Caller::new())
        .await
        .unwrap_err();
    assert_eq!(error, SimulationError::TooManyRequests(5));
}

fn actix_app() -> actix_web::App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    actix_ivr::app(actix_ivr::Config {
        auth_token: TOKEN.into(),
        public_url: PUBLIC_URL.into(),
    })
}

#[actix_web::test]
async fn actix_paying_a_bill_and_reaching_an_agent() -> Result<(), SimulationError> {
    let mut twilio = CallSimulator::actix(actix_app())
        .await?
        .auth_token(TOKEN)
        .base_url(PUBLIC_URL)
        .policy(
            Policy::new()
                .regime(Regime::Payments)
                .business_name("Acme Widgets"),
        );
    let call = twilio.call("/voice", Caller::new().press("1")).await?;
    assert!(call.findings().is_empty(), "{:#?}", call.findings());
    assert_eq!(call.said().len(), 4);
    assert_eq!(call.end(), &CallEnd::Hangup);

    let call = twilio.call("/voice", Caller::new().press("2")).await?;
    assert!(call.findings().is_empty(), "{:#?}", call.findings());
    assert_eq!(
        call.said(),
        [WELCOME, MENU, "Connecting you to an agent.", WELCOME, MENU]
    );
    assert_eq!(call.other_party_heard().len(), 1);
    // A second call has its own CallSid.
    assert_ne!(
        call.requests()[0].parameter("CallSid"),
        Some("CA00000000000000000000000000000001")
    );
    Ok(())
}
