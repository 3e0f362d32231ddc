//! The actix-web integration over real HTTP: the `actix_ivr` example's app, and small apps
//! for what the example does not use (the middleware, JSON bodies, a refused build), each
//! served on 127.0.0.1 at a port the system picks, and called with `ureq` as Twilio would,
//! signed by the test double (`fake_twilio`) or not.

mod fake_twilio;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/actix_ivr.rs"]
mod actix_ivr;

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use fake_twilio::{AUTH_TOKEN, Answer, Client, PUBLIC_URL, gathered, incoming_call, sign};
use twiml::actix_web::{BuildFailed, EmptyResponse, RequireSignature, TwilioForm, Xml};
use twiml::prelude::*;
use twiml::webhook::{MessagingWebhook, Validator, Verified, VoiceWebhook};

const TWIML: &str = "text/xml; charset=utf-8";

/// Runs the server `start` makes on `listener`, on its own thread and actix system, until
/// the test process ends.
fn serve(
    start: impl FnOnce(TcpListener) -> std::io::Result<Server> + Send + 'static,
) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    std::thread::spawn(move || {
        actix_web::rt::System::new()
            .block_on(async move { start(listener).expect("a server").await })
    });
    // Connections wait in the listener's backlog until the server accepts them.
    address
}

fn ivr() -> Client {
    let config = actix_ivr::Config {
        auth_token: AUTH_TOKEN.into(),
        public_url: PUBLIC_URL.into(),
    };
    Client::new(serve(move |listener| {
        Ok(HttpServer::new(move || actix_ivr::app(config.clone()))
            .workers(1)
            .disable_signals()
            .listen(listener)?
            .run())
    }))
}

fn validator() -> Validator {
    Validator::new(AUTH_TOKEN).public_url(PUBLIC_URL)
}

fn assert_twiml(answer: &Answer) {
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.content_type.as_deref(), Some(TWIML), "{answer:?}");
    assert!(
        answer
            .body
            .starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><Response"#),
        "{answer:?}"
    );
}

fn assert_forbidden(answer: &Answer) {
    assert_eq!(answer.status, 403, "{answer:?}");
    assert_ne!(answer.content_type.as_deref(), Some(TWIML), "{answer:?}");
}

#[test]
fn a_signed_call_gets_the_notice_and_the_menu() {
    let answer = ivr().post_signed("/voice", &incoming_call());
    assert_twiml(&answer);
    assert!(
        answer.body.contains(
            r#"This call may be recorded for quality assurance.</Say><Gather action="/menu""#
        ),
        "{answer:?}"
    );
}

#[test]
fn each_menu_choice_gets_its_document() {
    let client = ivr();
    let pay = client.post_signed("/menu", &gathered("1"));
    assert_twiml(&pay);
    assert!(pay.body.contains(r#"<Pay action="/payment""#), "{pay:?}");
    let agent = client.post_signed("/menu", &gathered("2"));
    assert_twiml(&agent);
    assert!(
        agent.body.contains(r#"<Number url="/whisper">"#),
        "{agent:?}"
    );
    let mut paid = incoming_call();
    paid.extend([("Result", "success"), ("PaymentConfirmationCode", "ch_9")]);
    let answer = client.post_signed("/payment", &paid);
    assert_twiml(&answer);
    assert!(answer.body.contains("<Hangup/>"), "{answer:?}");
}

#[test]
fn unsigned_tampered_and_misdirected_requests_are_refused() {
    let client = ivr();
    let signed = gathered("1");
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/menu"), &signed);
    assert_twiml(&client.post_form("/menu", &signed, Some(&signature)));

    let answer = client.post_form("/menu", &signed, None);
    assert_forbidden(&answer);
    assert!(answer.body.contains("no X-Twilio-Signature"), "{answer:?}");
    assert_forbidden(&client.post_form("/menu", &gathered("2"), Some(&signature)));
    assert_forbidden(&client.post_form("/voice", &signed, Some(&signature)));
    assert_forbidden(&client.post_form("/menu?x=1", &signed, Some(&signature)));
    let other_host = sign(AUTH_TOKEN, "https://evil.example.com/menu", &signed);
    assert_forbidden(&client.post_form("/menu", &signed, Some(&other_host)));
    let wrong_token = sign("another-auth-token", &format!("{PUBLIC_URL}/menu"), &signed);
    assert_forbidden(&client.post_form("/menu", &signed, Some(&wrong_token)));

    let with_port = sign(AUTH_TOKEN, "https://ivr.example.com:443/menu", &signed);
    assert_twiml(&client.post_form("/menu", &signed, Some(&with_port)));
}

#[test]
fn the_middleware_guards_json_and_form_handlers() {
    async fn event(
        runs: web::Data<AtomicUsize>,
        event: web::Json<serde_json::Value>,
    ) -> EmptyResponse {
        assert_eq!(event["CallStatus"], "completed");
        runs.fetch_add(1, Ordering::SeqCst);
        EmptyResponse
    }
    async fn sms(
        runs: web::Data<AtomicUsize>,
        message: web::Form<MessagingWebhook>,
    ) -> Result<Xml, BuildFailed> {
        runs.fetch_add(1, Ordering::SeqCst);
        let mut response = MessagingResponse::new();
        response
            .message()
            .body(format!("Got {} file(s).", message.media.len()));
        Ok(Xml(response.build()?))
    }
    let runs = web::Data::new(AtomicUsize::new(0));
    let shared = runs.clone();
    let client = Client::new(serve(move |listener| {
        Ok(HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .wrap(RequireSignature::new(validator()))
                .route("/events", web::post().to(event))
                .route("/sms", web::post().to(sms))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    }));

    let path = format!("/events?bodySHA256={}", fake_twilio::JSON_BODY_SHA256);
    let body = fake_twilio::JSON_BODY.as_bytes();
    let answer = client.post(
        &path,
        "application/json",
        body,
        Some(fake_twilio::JSON_SIGNATURE),
    );
    assert_twiml(&answer);
    assert_eq!(
        answer.body,
        r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#
    );
    let changed = fake_twilio::JSON_BODY.replace("completed", "failed");
    let answer = client.post(
        &path,
        "application/json",
        changed.as_bytes(),
        Some(fake_twilio::JSON_SIGNATURE),
    );
    assert_forbidden(&answer);
    assert!(answer.body.contains("bodySHA256"), "{answer:?}");
    let url_only = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/events"), &[]);
    assert_forbidden(&client.post("/events", "application/json", body, Some(&url_only)));

    let message = [
        ("MessageSid", "SM1"),
        ("AccountSid", "AC1"),
        ("From", "+14155550123"),
        ("Body", "two photos"),
        ("NumMedia", "2"),
        ("MediaUrl0", "https://api.twilio.com/m0"),
        ("MediaUrl1", "https://api.twilio.com/m1"),
    ];
    let answer = client.post_signed("/sms", &message);
    assert_twiml(&answer);
    assert!(
        answer.body.contains("<Body>Got 2 file(s).</Body>"),
        "{answer:?}"
    );
    assert_forbidden(&client.post_form("/sms", &message, None));

    assert_eq!(
        runs.load(Ordering::SeqCst),
        2,
        "a handler ran for a refused request"
    );
}

#[test]
fn the_extractor_reads_get_queries_and_needs_a_validator() {
    async fn voice(TwilioForm(call): TwilioForm<VoiceWebhook>) -> Result<Xml, BuildFailed> {
        let mut response = VoiceResponse::new();
        response.say(format!("You called from {}.", call.from));
        Ok(Xml(response.build()?))
    }
    let client = Client::new(serve(move |listener| {
        Ok(HttpServer::new(move || {
            App::new()
                // The validator as `web::Data`, for the scope only.
                .service(
                    web::scope("/signed")
                        .app_data(web::Data::new(validator()))
                        .route("/voice", web::get().to(voice)),
                )
                // No validator: a mistake of the app, answered 500.
                .route("/bare/voice", web::get().to(voice))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    }));

    let query = fake_twilio::form(&incoming_call());
    let signature = sign(
        AUTH_TOKEN,
        &format!("{PUBLIC_URL}/signed/voice?{query}"),
        &[],
    );
    let answer = client.get(&format!("/signed/voice?{query}"), Some(&signature));
    assert_twiml(&answer);
    assert!(
        answer
            .body
            .contains("<Say>You called from +14155550123.</Say>"),
        "{answer:?}"
    );
    assert_forbidden(&client.get(&format!("/signed/voice?{query}"), None));
    let changed = query.replace("ringing", "completed");
    assert_forbidden(&client.get(&format!("/signed/voice?{changed}"), Some(&signature)));

    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/bare/voice?{query}"), &[]);
    let answer = client.get(&format!("/bare/voice?{query}"), Some(&signature));
    assert_eq!(answer.status, 500, "{answer:?}");
}

#[test]
fn a_refused_build_answers_500_without_a_document() {
    async fn broken() -> Result<Xml, BuildFailed> {
        let mut response = VoiceResponse::new();
        // Twilio waits at least a second: TW0106.
        response.gather().timeout(0);
        Ok(Xml(response.build()?))
    }
    let client = Client::new(serve(|listener| {
        Ok(
            HttpServer::new(|| App::new().route("/broken", web::get().to(broken)))
                .workers(1)
                .disable_signals()
                .listen(listener)?
                .run(),
        )
    }));
    let answer = client.get("/broken", None);
    assert_eq!(answer.status, 500, "{answer:?}");
    assert_eq!(answer.body, "");
    assert_ne!(answer.content_type.as_deref(), Some(TWIML));
}

mod hostile;

/// Serves `/voice` behind the middleware, with the app's own payload limit raised out of the
/// way, for the hostile-request scenarios.
fn guarded(validator: Validator) -> (SocketAddr, std::sync::Arc<AtomicUsize>) {
    async fn voice(runs: web::Data<AtomicUsize>, verified: web::ReqData<Verified>) -> String {
        runs.fetch_add(1, Ordering::SeqCst);
        format!("{:?}", verified.key)
    }
    let runs = web::Data::new(AtomicUsize::new(0));
    let count = runs.clone();
    let address = serve(move |listener| {
        Ok(HttpServer::new(move || {
            App::new()
                .app_data(count.clone())
                .app_data(web::PayloadConfig::new(usize::MAX))
                .wrap(RequireSignature::new(validator.clone()))
                .route("/voice", web::post().to(voice))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    (address, runs.into_inner())
}

#[test]
fn hostile_requests_are_refused_before_the_work() {
    hostile::all(&guarded);
}
