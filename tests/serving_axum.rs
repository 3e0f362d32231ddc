//! The axum integration over real HTTP: the `axum_ivr` example's router, and small routers
//! for what the example does not use (JSON bodies, the extractor, a refused build), each
//! served on 127.0.0.1 at a port the system picks, and called with `ureq` as Twilio would,
//! signed by the test double (`fake_twilio`) or not.

mod fake_twilio;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/axum_ivr.rs"]
mod axum_ivr;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{FromRef, State};
use axum::routing::{get, post};
use axum::{Extension, Form, Json, Router};
use fake_twilio::{AUTH_TOKEN, Answer, Client, PUBLIC_URL, gathered, incoming_call, sign};
use twiml::axum::{BuildFailed, EmptyResponse, RequireSignature, TwilioForm, Xml};
use twiml::prelude::*;
use twiml::webhook::{Validator, Verified, VoiceWebhook};

const TWIML: &str = "text/xml; charset=utf-8";

/// Serves `router` on its own thread and runtime until the test process ends.
fn serve(router: Router) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            axum::serve(listener, router).await
        })
    });
    // Connections wait in the listener's backlog until the server accepts them.
    address
}

fn ivr() -> Client {
    let ledger = twiml::ledger::SqliteLedger::open_in_memory().expect("a ledger");
    Client::new(serve(axum_ivr::app(axum_ivr::Config {
        auth_token: AUTH_TOKEN.into(),
        public_url: PUBLIC_URL.into(),
        inbox: axum_ivr::inbox(Arc::new(ledger)),
    })))
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
    assert_eq!(
        answer.body,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response>"#,
            r#"<Say voice="Polly.Joanna-Neural">Thanks for calling Acme Widgets. "#,
            r#"This call may be recorded for quality assurance.</Say>"#,
            r#"<Gather action="/menu" hints="pay, agent, hours" input="dtmf speech" numDigits="1" timeout="5">"#,
            r#"<Say voice="Polly.Joanna-Neural">To pay your bill, press 1 or say pay. "#,
            r#"To speak with an agent, press 2 or say agent. For our opening hours, press 3 or say hours.</Say>"#,
            r#"</Gather><Say>We did not hear a choice.</Say><Redirect>/voice</Redirect></Response>"#,
        )
    );
}

#[test]
fn each_menu_choice_gets_its_document() {
    let client = ivr();

    let pay = client.post_signed("/menu", &gathered("1"));
    assert_twiml(&pay);
    assert!(
        pay.body.contains(
            r#"<Pay action="/payment" chargeAmount="42.50" currency="usd" description="Acme Widgets bill" paymentConnector="Default"/>"#
        ),
        "{pay:?}"
    );

    let agent = client.post_signed("/menu", &gathered("2"));
    assert_twiml(&agent);
    assert!(
        agent.body.contains(
            r#"<Dial action="/voice" record="record-from-answer"><Number url="/whisper">+14155550100</Number></Dial>"#
        ),
        "{agent:?}"
    );

    let mut said = incoming_call();
    said.push(("SpeechResult", "What are your opening hours?"));
    said.push(("Confidence", "0.87"));
    let hours = client.post_signed("/menu", &said);
    assert_twiml(&hours);
    assert!(
        hours.body.contains("We are open Monday to Friday"),
        "{hours:?}"
    );

    let other = client.post_signed("/menu", &gathered("9"));
    assert_twiml(&other);
    assert!(
        other.body.ends_with(
            "<Say>Sorry, I did not get that.</Say><Redirect>/voice</Redirect></Response>"
        ),
        "{other:?}"
    );
}

#[test]
fn the_pay_action_confirms_the_payment() {
    let mut paid = incoming_call();
    paid.extend([
        ("Result", "success"),
        ("PaymentConfirmationCode", "ch_1A2B"),
        ("PaymentCardNumber", "xxxx-xxxx-xxxx-1111"),
        ("PaymentCardType", "visa"),
    ]);
    let answer = ivr().post_signed("/payment", &paid);
    assert_twiml(&answer);
    assert!(
        answer.body.contains(
            r#"<say-as interpret-as="characters">ch_1A2B</say-as>. Goodbye.</Say><Hangup/>"#
        ),
        "{answer:?}"
    );

    let mut failed = incoming_call();
    failed.push(("Result", "too-many-failed-attempts"));
    let answer = ivr().post_signed("/payment", &failed);
    assert_twiml(&answer);
    assert!(
        answer.body.contains("We could not take your payment."),
        "{answer:?}"
    );
}

#[test]
fn requests_without_a_signature_are_refused() {
    let client = ivr();
    let params = incoming_call();
    let answer = client.post_form("/voice", &params, None);
    assert_forbidden(&answer);
    assert!(answer.body.contains("no X-Twilio-Signature"), "{answer:?}");
    assert_forbidden(&client.post_form("/voice", &params, Some("")));
    assert_forbidden(&client.post_form("/voice", &params, Some("not a signature")));
}

#[test]
fn tampered_parameters_are_refused() {
    let client = ivr();
    let signed = gathered("1");
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/menu"), &signed);
    assert_twiml(&client.post_form("/menu", &signed, Some(&signature)));

    let changed = gathered("2");
    assert_forbidden(&client.post_form("/menu", &changed, Some(&signature)));
    let mut added = signed.clone();
    added.push(("Extra", "1"));
    assert_forbidden(&client.post_form("/menu", &added, Some(&signature)));
    let dropped: Vec<_> = signed
        .iter()
        .copied()
        .filter(|(n, _)| *n != "Digits")
        .collect();
    assert_forbidden(&client.post_form("/menu", &dropped, Some(&signature)));
}

#[test]
fn a_signature_for_another_url_is_refused() {
    let client = ivr();
    let params = incoming_call();
    let for_voice = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice"), &params);
    assert_forbidden(&client.post_form("/whisper", &params, Some(&for_voice)));
    assert_forbidden(&client.post_form("/voice?extra=1", &params, Some(&for_voice)));
    for url in [
        "http://ivr.example.com/voice",
        "https://evil.example.com/voice",
        "https://ivr.example.com:8443/voice",
    ] {
        let signature = sign(AUTH_TOKEN, url, &params);
        assert_forbidden(&client.post_form("/voice", &params, Some(&signature)));
    }
    let wrong_token = sign(
        "another-auth-token",
        &format!("{PUBLIC_URL}/voice"),
        &params,
    );
    assert_forbidden(&client.post_form("/voice", &params, Some(&wrong_token)));
}

#[test]
fn a_signature_with_the_default_port_is_accepted() {
    let params = incoming_call();
    let signature = sign(AUTH_TOKEN, "https://ivr.example.com:443/voice", &params);
    assert_twiml(&ivr().post_form("/voice", &params, Some(&signature)));
}

/// A router's state for the tests below: the validator, and how often a handler ran.
#[derive(Clone)]
struct Counted {
    validator: Validator,
    runs: Arc<AtomicUsize>,
}

impl FromRef<Counted> for Validator {
    fn from_ref(state: &Counted) -> Validator {
        state.validator.clone()
    }
}

impl Counted {
    fn new() -> Self {
        Counted {
            validator: Validator::new(AUTH_TOKEN).public_url(PUBLIC_URL),
            runs: Arc::default(),
        }
    }

    fn runs(&self) -> usize {
        self.runs.load(Ordering::SeqCst)
    }
}

#[test]
fn json_bodies_are_checked_through_body_sha256_and_handlers_never_see_forgeries() {
    async fn event(
        State(state): State<Counted>,
        Json(event): Json<serde_json::Value>,
    ) -> EmptyResponse {
        assert_eq!(event["CallStatus"], "completed");
        state.runs.fetch_add(1, Ordering::SeqCst);
        EmptyResponse
    }
    let state = Counted::new();
    let router = Router::new()
        .route("/events", post(event))
        .with_state(state.clone())
        .layer(RequireSignature::new(state.validator.clone()));
    let client = Client::new(serve(router));
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
    assert_eq!(state.runs(), 1);

    let changed = fake_twilio::JSON_BODY.replace("completed", "failed");
    let answer = client.post(
        &path,
        "application/json",
        changed.as_bytes(),
        Some(fake_twilio::JSON_SIGNATURE),
    );
    assert_forbidden(&answer);
    assert!(answer.body.contains("bodySHA256"), "{answer:?}");
    assert_forbidden(&client.post(&path, "application/json", body, None));
    // Without the hash in the URL, the body is not covered by any signature.
    let url_only = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/events"), &[]);
    assert_forbidden(&client.post("/events", "application/json", body, Some(&url_only)));
    assert_eq!(state.runs(), 1, "a handler ran for a refused request");
}

#[test]
fn the_extractor_checks_the_signature_before_the_form() {
    async fn voice(
        State(state): State<Counted>,
        TwilioForm(call): TwilioForm<VoiceWebhook>,
    ) -> Result<Xml, BuildFailed> {
        state.runs.fetch_add(1, Ordering::SeqCst);
        let mut response = VoiceResponse::new();
        response.say(format!("You called from {}.", call.from));
        Ok(Xml(response.build()?))
    }
    let state = Counted::new();
    let router = Router::new()
        .route("/voice", post(voice).get(voice))
        .with_state(state.clone());
    let client = Client::new(serve(router));

    let answer = client.post_signed("/voice", &incoming_call());
    assert_twiml(&answer);
    assert!(
        answer
            .body
            .contains("<Say>You called from +14155550123.</Say>"),
        "{answer:?}"
    );
    assert_eq!(state.runs(), 1);

    // A GET request carries the form in its query, covered by the URL's signature.
    let query = fake_twilio::form(&incoming_call());
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice?{query}"), &[]);
    let answer = client.get(&format!("/voice?{query}"), Some(&signature));
    assert_twiml(&answer);
    assert_eq!(state.runs(), 2);

    assert_forbidden(&client.post_form("/voice", &incoming_call(), None));
    assert_forbidden(&client.get(&format!("/voice?{query}"), None));
    let mut changed = incoming_call();
    changed[0].1 = "AC9999";
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice"), &incoming_call());
    assert_forbidden(&client.post_form("/voice", &changed, Some(&signature)));
    assert_eq!(state.runs(), 2, "a handler ran for a refused request");

    // A signed form that is not a voice webhook: the signature passes, the form does not.
    let not_a_call = [("Body", "hello")];
    assert_eq!(client.post_signed("/voice", &not_a_call).status, 422);
}

#[test]
fn behind_the_layer_a_plain_form_extractor_is_safe() {
    async fn sms(
        State(state): State<Counted>,
        Form(message): Form<twiml::webhook::MessagingWebhook>,
    ) -> Result<Xml, BuildFailed> {
        state.runs.fetch_add(1, Ordering::SeqCst);
        let mut response = MessagingResponse::new();
        response
            .message()
            .body(format!("Got {} file(s).", message.media.len()));
        Ok(Xml(response.build()?))
    }
    let state = Counted::new();
    let router = Router::new()
        .route("/sms", post(sms))
        .with_state(state.clone())
        .layer(RequireSignature::new(state.validator.clone()));
    let client = Client::new(serve(router));
    let message = [
        ("MessageSid", "SM1"),
        ("AccountSid", "AC1"),
        ("From", "+14155550123"),
        ("To", "+18005550100"),
        ("Body", "photo"),
        ("NumMedia", "1"),
        ("MediaUrl0", "https://api.twilio.com/m0"),
        ("MediaContentType0", "image/jpeg"),
    ];
    let answer = client.post_signed("/sms", &message);
    assert_twiml(&answer);
    assert!(
        answer.body.contains("<Body>Got 1 file(s).</Body>"),
        "{answer:?}"
    );
    assert_forbidden(&client.post_form("/sms", &message, None));
    assert_eq!(state.runs(), 1);
}

#[test]
fn a_refused_build_answers_500_without_a_document() {
    async fn broken() -> Result<Xml, BuildFailed> {
        let mut response = VoiceResponse::new();
        // Twilio waits at least a second: TW0106.
        response.gather().timeout(0);
        Ok(Xml(response.build()?))
    }
    let router = Router::new().route("/broken", get(broken));
    let answer = Client::new(serve(router)).get("/broken", None);
    assert_eq!(answer.status, 500, "{answer:?}");
    assert_eq!(answer.body, "");
    assert_ne!(answer.content_type.as_deref(), Some(TWIML));
}

mod hostile;

/// Serves `/voice` behind the layer, with the router's own body limit off and the peer's
/// address known (`ConnectInfo`), for the hostile-request scenarios.
fn guarded(validator: Validator) -> (SocketAddr, Arc<AtomicUsize>) {
    async fn voice(
        State(runs): State<Arc<AtomicUsize>>,
        Extension(verified): Extension<Verified>,
    ) -> String {
        runs.fetch_add(1, Ordering::SeqCst);
        format!("{:?}", verified.key)
    }
    let runs = Arc::new(AtomicUsize::new(0));
    let router = Router::new()
        .route("/voice", post(voice))
        .with_state(runs.clone())
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(RequireSignature::new(validator));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, service).await
        })
    });
    (address, runs)
}

#[test]
fn hostile_requests_are_refused_before_the_work() {
    hostile::all(&guarded);
}

#[test]
fn an_inbound_stop_is_recorded_and_the_gate_then_blocks_that_number() {
    let ledger = twiml::ledger::SqliteLedger::open_in_memory().expect("a ledger");
    stop_recorded_then_blocked(Arc::new(ledger));
}

#[path = "../twiml-ledger/tests/common/postgres.rs"]
mod pg;

/// The same on a PostgreSQL ledger: the route calls it from tokio's blocking pool, where the
/// blocking client runs.
#[test]
fn an_inbound_stop_is_recorded_on_postgres_and_the_gate_then_blocks_that_number() {
    let Some(schema) = pg::Schema::new() else {
        return;
    };
    let ledger = twiml::ledger::AnyLedger::open(schema.url()).expect("a ledger");
    stop_recorded_then_blocked(Arc::new(ledger));
}

fn stop_recorded_then_blocked(ledger: Arc<dyn twiml::ledger::Ledger>) {
    use twiml::gate::{ConsentKind, Gate, Outbound, PhoneNumber, Sender, Timestamp};
    use twiml::ledger::ConsentRecord;

    let customer = PhoneNumber::parse("+13055550123").expect("a number");
    let shop = Sender::parse("+13055550100").expect("a sender");
    ledger
        .record_consent(&ConsentRecord::new(
            customer.clone(),
            ConsentKind::ExpressWritten,
            "2026-01-10T12:00:00Z".parse().expect("an instant"),
        ))
        .expect("consent");
    let text = Outbound::message(customer, "Acme Widgets: your order has shipped.").from(shop);
    let gate = Gate::new(Policy::new());
    let before = ledger.history(&text.to, text.from.as_ref(), None, Timestamp::now());
    assert!(before.expect("a history").opt_out.is_none());

    let client = Client::new(serve(axum_ivr::app(axum_ivr::Config {
        auth_token: AUTH_TOKEN.into(),
        public_url: PUBLIC_URL.into(),
        inbox: axum_ivr::inbox(ledger.clone()),
    })));
    let stop = [
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+13055550123"),
        ("To", "+13055550100"),
        ("Body", "Stop texting me please"),
    ];
    // Unsigned: refused, and nothing recorded.
    assert_forbidden(&client.post_form("/sms", &stop, None));
    let answer = client.post_signed("/sms", &stop);
    assert_twiml(&answer);
    assert!(
        answer.body.contains("Acme Widgets: you are unsubscribed"),
        "{answer:?}"
    );
    // A second STOP gets no second confirmation.
    let again = client.post_signed("/sms", &stop);
    assert_eq!(
        again.body,
        r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#
    );

    let decided = ledger
        .decide(&gate, &text, Timestamp::now())
        .expect("a decision");
    assert_eq!(decided.decision.rules(), ["MSG001"]);
    assert_eq!(decided.decision.twilio_code(), Some(21610));
}
