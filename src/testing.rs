//! Testing a voice app the way Twilio calls it.
//!
//! A [`CallSimulator`] drives your own app, an axum `Router` (or any tower service) or an
//! actix-web `App`, as Twilio drives it during a call: it sends the first webhook to the
//! entry URL, signed with your auth token and carrying the parameters Twilio sends (`CallSid`,
//! `AccountSid`, `From`, `To`, `CallStatus`, `Direction`, ...), runs the TwiML that comes
//! back verb by verb, and follows it: the `action` of `<Gather>` with the keys the caller
//! presses (`Digits`) or the words they say (`SpeechResult`), `<Redirect>`, and the `action`
//! of `<Record>`, `<Dial>`, `<Pay>` and the others, with the parameters of each. It records,
//! in order, what the caller hears, and runs the compliance rules over every document of the
//! call, each under the state the call is in when it gets there (a notice given in `/voice`
//! covers the recording in `/agent`), as `twiml check` does over a `[flow]`.
//!
//! ```
//! # #[cfg(feature = "axum")]
//! # {
//! use axum::{Router, routing::post};
//! use twiml::axum::{RequireSignature, Xml};
//! use twiml::prelude::*;
//! use twiml::testing::{CallSimulator, Caller};
//! use twiml::webhook::Validator;
//!
//! async fn voice() -> Xml {
//!     let mut response = VoiceResponse::new();
//!     response.say("Thanks for calling Acme Widgets. This call may be recorded.");
//!     response.gather().num_digits(1).action("/agent").say("For an agent, press 2.");
//!     Xml(response.build().expect("a valid response"))
//! }
//!
//! async fn agent() -> Xml {
//!     let mut response = VoiceResponse::new();
//!     response
//!         .dial()
//!         .record(DialRecord::RecordFromAnswer)
//!         .number("+14155550100")
//!         .url("/whisper");
//!     // Checked alone, this document records before any notice; the call has given one.
//!     Xml(response.build_with(&Policy::new().fact(Fact::RecordingDisclosed)).expect("valid"))
//! }
//!
//! async fn whisper() -> Xml {
//!     // What the agent hears before the call is bridged.
//!     let mut response = VoiceResponse::new();
//!     response.say("A customer from the Acme Widgets line. This call is recorded.");
//!     Xml(response.build().expect("a valid response"))
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let app = Router::new()
//!     .route("/voice", post(voice))
//!     .route("/agent", post(agent))
//!     .route("/whisper", post(whisper))
//!     .layer(RequireSignature::new(
//!         Validator::new("test-token").public_url("https://ivr.example.com"),
//!     ));
//! let mut twilio = CallSimulator::new(app)
//!     .auth_token("test-token")
//!     .base_url("https://ivr.example.com");
//! let call = twilio.call("/voice", Caller::new().press("2")).await?;
//! assert_eq!(call.said()[0], "Thanks for calling Acme Widgets. This call may be recorded.");
//! assert_eq!(call.requests()[1].url, "https://ivr.example.com/agent");
//! assert!(call.findings().is_empty(), "{:#?}", call.findings());
//! # Ok::<(), twiml::testing::SimulationError>(())
//! # }).unwrap();
//! # }
//! ```
//!
//! The caller follows a script ([`Caller`]): each `<Gather>` takes its next input, keys or
//! words or silence; when the script has nothing left for a `<Gather>`, the caller hangs up.
//! A `<Pay>` succeeds and a `<Dial>` completes unless the script says otherwise. What the other
//! party of a `<Dial>` hears (its `<Number url>` whisper) is fetched and checked too, under a
//! state of its own.
//!
//! Enabled by the `testing` feature; actix-web apps also need the `actix-web` feature.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;

use twiml_core::callflow::{CallState, Exit, FlowDocument, Via, join_url};
use twiml_core::schema::{ElementId, attr};
use twiml_core::tree::{Content, Document, Tag, Value};
use twiml_core::values::GatherInput;
use twiml_core::{ByteSpan, Diagnostic, LineIndex, ParseOptions, ParsedDocument, Policy};

use crate::webhook::{DialCallStatus, SIGNATURE_HEADER, compute_signature};

/// The auth token a simulator signs with unless told otherwise.
const DEFAULT_AUTH_TOKEN: &str = "test-auth-token";
/// The URL a simulator calls unless told otherwise.
const DEFAULT_BASE_URL: &str = "https://ivr.example.com";
/// How many requests a call may make before the simulator calls it a loop.
const DEFAULT_MAX_REQUESTS: usize = 50;

/// A response of the app: its status, content type and body.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// What a [`CallSimulator`] sends its requests through: a tower service ([`TowerApp`]) or,
/// with the `actix-web` feature, an actix-web app (`ActixApp`).
pub trait Transport {
    /// Sends one request and reads the whole response.
    ///
    /// # Errors
    ///
    /// Why the app could not answer, in words.
    fn send(
        &mut self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Answer, String>>;
}

/// A tower service under test: an axum `Router`, or any service of `http` requests.
#[derive(Debug, Clone)]
pub struct TowerApp<S>(pub S);

impl<S, B> Transport for TowerApp<S>
where
    S: tower::Service<
            http::Request<http_body_util::Full<bytes::Bytes>>,
            Response = http::Response<B>,
        >,
    S::Error: fmt::Display,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    async fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<Answer, String> {
        use http_body_util::BodyExt;

        let (parts, body) = request.into_parts();
        let request =
            http::Request::from_parts(parts, http_body_util::Full::new(bytes::Bytes::from(body)));
        std::future::poll_fn(|cx| self.0.poll_ready(cx))
            .await
            .map_err(|e| e.to_string())?;
        let response = self.0.call(request).await.map_err(|e| e.to_string())?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok(Answer {
            status: parts.status.as_u16(),
            content_type: parts
                .headers
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body: body.to_vec(),
        })
    }
}

/// An actix-web app under test, initialised as actix-web's own test utilities do.
#[cfg(feature = "actix-web")]
pub struct ActixApp<S>(S);

#[cfg(feature = "actix-web")]
impl<S, B> Transport for ActixApp<S>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    async fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<Answer, String> {
        let (parts, body) = request.into_parts();
        let method = actix_web::http::Method::from_bytes(parts.method.as_str().as_bytes())
            .map_err(|e| e.to_string())?;
        let path = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let mut test = actix_web::test::TestRequest::default()
            .method(method)
            .uri(&path);
        for (name, value) in &parts.headers {
            if let Ok(value) = value.to_str() {
                test = test.insert_header((name.as_str(), value));
            }
        }
        let response = self
            .0
            .call(test.set_payload(body).to_request())
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .map_err(|e| e.into().to_string())?;
        Ok(Answer {
            status,
            content_type,
            body: body.to_vec(),
        })
    }
}

/// Why a simulated call could not be run to its end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimulationError {
    /// The base URL is not an absolute `https://` or `http://` URL.
    #[error("the base URL `{0}` is not an absolute `https://` or `http://` URL")]
    BaseUrl(String),
    /// The app could not be started or did not answer.
    #[error("{url}: the app did not answer: {reason}")]
    Transport {
        /// The URL requested.
        url: String,
        /// Why.
        reason: String,
    },
    /// The app answered with another status than 200.
    #[error("{method} {url}: the app answered {status}: {body}")]
    Status {
        /// The method.
        method: String,
        /// The URL requested.
        url: String,
        /// The status.
        status: u16,
        /// The body, as text.
        body: String,
    },
    /// The caller's script gives input the `<Gather>` does not take.
    #[error("{url}: the caller {input}, but the `<Gather>` listens for {listens} only")]
    InputRefused {
        /// The document's URL.
        url: String,
        /// What the caller does (`presses 1`, `says "agent"`).
        input: String,
        /// What the `<Gather>` takes (`speech`, `keys`).
        listens: String,
    },
    /// The call made more requests than the simulator allows: a loop the script does not end.
    #[error(
        "the call made {0} requests without ending; give the caller a way out, or raise `max_requests`"
    )]
    TooManyRequests(usize),
}

/// What the caller does when a `<Gather>` asks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Press(String),
    Say(String),
    Silence,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Press(keys) => write!(f, "presses {keys}"),
            Input::Say(words) => write!(f, "says \"{words}\""),
            Input::Silence => f.write_str("stays silent"),
        }
    }
}

/// The caller of a simulated call: what they do at each `<Gather>`, and how the verbs that
/// reach outside the call turn out.
///
/// ```
/// use twiml::testing::Caller;
/// use twiml::webhook::DialCallStatus;
///
/// let caller = Caller::new()
///     .press("1")              // the first <Gather>
///     .stay_silent()           // the second times out
///     .say("talk to an agent") // the third hears speech
///     .dial_status(DialCallStatus::NoAnswer);
/// # let _ = caller;
/// ```
#[derive(Debug, Clone)]
pub struct Caller {
    inputs: VecDeque<Input>,
    pay_result: String,
    dial_status: DialCallStatus,
}

impl Default for Caller {
    fn default() -> Self {
        Caller {
            inputs: VecDeque::new(),
            pay_result: "success".to_string(),
            dial_status: DialCallStatus::Completed,
        }
    }
}

impl Caller {
    /// A caller who hangs up at the first `<Gather>`, until told what to do there.
    pub fn new() -> Self {
        Self::default()
    }

    /// At the next `<Gather>`, presses `keys` (sent as `Digits`).
    pub fn press(mut self, keys: &str) -> Self {
        self.inputs.push_back(Input::Press(keys.to_string()));
        self
    }

    /// At the next `<Gather>`, says `words` (sent as `SpeechResult`).
    pub fn say(mut self, words: &str) -> Self {
        self.inputs.push_back(Input::Say(words.to_string()));
        self
    }

    /// At the next `<Gather>`, says nothing: it times out.
    pub fn stay_silent(mut self) -> Self {
        self.inputs.push_back(Input::Silence);
        self
    }

    /// How every `<Pay>` ends (Twilio's `Result`): `success` unless told otherwise.
    pub fn pay_result(mut self, result: &str) -> Self {
        self.pay_result = result.to_string();
        self
    }

    /// How every `<Dial>` ends: `completed` unless told otherwise.
    pub fn dial_status(mut self, status: DialCallStatus) -> Self {
        self.dial_status = status;
        self
    }
}

/// Something the caller hears, in the order they hear it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Heard {
    /// Words of a `<Say>` (its SSML read as text).
    Say {
        /// The words.
        text: String,
        /// The `voice`, if given.
        voice: Option<String>,
        /// The `language`, if given.
        language: Option<String>,
    },
    /// An audio file of a `<Play>`.
    Play {
        /// Its URL.
        url: String,
    },
    /// Silence of a `<Pause>`, in seconds.
    Pause {
        /// Its length.
        seconds: u64,
    },
}

/// One request the call made, as the app received it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// `POST` or `GET`.
    pub method: String,
    /// The URL, as signed.
    pub url: String,
    /// The parameters, in the order sent.
    pub parameters: Vec<(String, String)>,
    /// What led here from the document before (`digit 2`, `redirect`); `None` for the first.
    pub via: Option<String>,
}

impl Request {
    /// The value of a parameter.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A finding in a document of the call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallFinding {
    /// The URL of the document.
    pub url: String,
    /// The finding, located in the document's text.
    pub diagnostic: Diagnostic<ByteSpan>,
    /// Its line and column in the document, from 1.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The requests that led to the document: `/voice → /menu (digit 2)`.
    pub reached_by: String,
}

/// `https://ivr.example.com/agent:2:4: error[REC001]: message (reached by ...)`.
impl fmt::Display for CallFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {} (reached by {})",
            self.url,
            self.line,
            self.column,
            self.diagnostic.severity,
            self.diagnostic.code,
            self.diagnostic.message,
            self.reached_by
        )
    }
}

/// How a simulated call ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallEnd {
    /// A `<Hangup>`.
    Hangup,
    /// A `<Reject>`.
    Rejected,
    /// The caller hung up at a `<Gather>`: the script had nothing more for it.
    CallerHungUp,
    /// The last document ran out of verbs; Twilio hangs up.
    DocumentEnded,
    /// The call was handed to an agent or service that the simulation does not follow
    /// (`<Enqueue>`, `<Connect>`, a `<Dial>` without `action`, after it ends the call goes
    /// on with the next verb).
    HandedOff,
    /// The call continues at a URL outside the app.
    LeftTheApp {
        /// The URL.
        url: String,
    },
    /// The app answered with something that is not TwiML; Twilio ends the call with an
    /// application error (12100). The finding is among the call's findings.
    ApplicationError {
        /// The URL of the document.
        url: String,
    },
}

/// A simulated call: what the caller heard, what the app was asked, what the rules found.
#[derive(Debug, Clone)]
pub struct Call {
    requests: Vec<Request>,
    heard: Vec<Heard>,
    other_party_heard: Vec<Heard>,
    findings: Vec<CallFinding>,
    end: CallEnd,
}

impl Call {
    /// The requests, in order: the first webhook, then each `action` and `<Redirect>`.
    pub fn requests(&self) -> &[Request] {
        &self.requests
    }

    /// What the caller heard, in order.
    pub fn heard(&self) -> &[Heard] {
        &self.heard
    }

    /// The words the caller heard, one entry per `<Say>`, in order.
    pub fn said(&self) -> Vec<&str> {
        self.heard
            .iter()
            .filter_map(|h| match h {
                Heard::Say { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// What the other parties of `<Dial>`s heard before they were bridged (their whispers).
    pub fn other_party_heard(&self) -> &[Heard] {
        &self.other_party_heard
    }

    /// Every finding of the structural checks and compliance rules in the documents of the
    /// call, each once, each checked in the state the call was in when it got there.
    pub fn findings(&self) -> &[CallFinding] {
        &self.findings
    }

    /// How the call ended.
    pub fn end(&self) -> &CallEnd {
        &self.end
    }
}

/// Plays Twilio for an app in tests: places calls, follows the TwiML, checks every document.
#[derive(Debug, Clone)]
pub struct CallSimulator<T> {
    app: T,
    auth_token: String,
    base_url: String,
    policy: Policy,
    from: String,
    to: String,
    max_requests: usize,
    options: ParseOptions,
    calls: u64,
}

impl<S> CallSimulator<TowerApp<S>> {
    /// A simulator for a tower service: an axum `Router` (with its state given), or any
    /// service of `http` requests.
    pub fn new(service: S) -> Self {
        CallSimulator::with_transport(TowerApp(service))
    }
}

#[cfg(feature = "actix-web")]
impl CallSimulator<()> {
    /// A simulator for an actix-web app, started as `actix_web::test::init_service` starts
    /// it. Run it in an actix-web runtime (`#[actix_web::test]`).
    ///
    /// # Errors
    ///
    /// [`SimulationError::Transport`] when the app fails to start.
    pub async fn actix<R, F, B>(
        app: R,
    ) -> Result<CallSimulator<ActixApp<F::Service>>, SimulationError>
    where
        R: actix_service::IntoServiceFactory<F, actix_http::Request>,
        F: actix_web::dev::ServiceFactory<
                actix_http::Request,
                Config = actix_web::dev::AppConfig,
                Response = actix_web::dev::ServiceResponse<B>,
                Error = actix_web::Error,
            >,
        F::InitError: fmt::Debug,
        B: actix_web::body::MessageBody,
    {
        let service = app
            .into_factory()
            .new_service(actix_web::dev::AppConfig::default())
            .await
            .map_err(|e| SimulationError::Transport {
                url: DEFAULT_BASE_URL.to_string(),
                reason: format!("the actix-web app failed to start: {e:?}"),
            })?;
        Ok(CallSimulator::with_transport(ActixApp(service)))
    }
}

/// The parameters every request of a call carries.
struct CallParameters {
    call_sid: String,
    account_sid: String,
    from: String,
    to: String,
}

/// What running one document did.
#[derive(Default)]
struct Run {
    /// The next request: URL reference as written, method, parameters, and the exit taken.
    next: Option<Next>,
    end: Option<CallEnd>,
    /// The documents the other parties of `<Dial>`s hear: URL references.
    whispers: Vec<String>,
}

struct Next {
    reference: String,
    method: String,
    parameters: Vec<(String, String)>,
    exit: Option<usize>,
    via: String,
}

impl<T> CallSimulator<T> {
    /// A simulator sending its requests through `app`.
    pub fn with_transport(app: T) -> Self {
        CallSimulator {
            app,
            auth_token: DEFAULT_AUTH_TOKEN.to_string(),
            base_url: DEFAULT_BASE_URL.to_string(),
            policy: Policy::new(),
            from: "+14155550123".to_string(),
            to: "+18005550100".to_string(),
            max_requests: DEFAULT_MAX_REQUESTS,
            options: ParseOptions::default(),
            calls: 0,
        }
    }

    /// The auth token requests are signed with: the app's.
    pub fn auth_token(mut self, token: &str) -> Self {
        self.auth_token = token.to_string();
        self
    }

    /// The public URL of the app, as Twilio calls it and signs it (the app's validator must
    /// be configured with the same): `https://ivr.example.com` unless told otherwise.
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = url.trim_end_matches('/').to_string();
        self
    }

    /// The policy the documents are checked under; the state of the call adds its facts.
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The caller's number (`From`).
    pub fn from(mut self, number: &str) -> Self {
        self.from = number.to_string();
        self
    }

    /// The number called (`To`).
    pub fn to(mut self, number: &str) -> Self {
        self.to = number.to_string();
        self
    }

    /// How many requests a call may make before it is called a loop (50).
    pub fn max_requests(mut self, requests: usize) -> Self {
        self.max_requests = requests;
        self
    }
}

impl<T: Transport> CallSimulator<T> {
    /// Places a call to `path` (under the base URL), with `caller` doing what its script
    /// says, and runs it to its end.
    ///
    /// # Errors
    ///
    /// A [`SimulationError`] when the app does not answer, answers another status than 200,
    /// refuses the caller's input, or keeps the call going past `max_requests`. Findings in
    /// the documents are not errors: they are in [`Call::findings`].
    pub async fn call(&mut self, path: &str, mut caller: Caller) -> Result<Call, SimulationError> {
        let base = format!("{}/", self.base_url);
        let first =
            join_url(&base, path).ok_or_else(|| SimulationError::BaseUrl(self.base_url.clone()))?;
        self.calls += 1;
        let call = CallParameters {
            call_sid: format!("CA{:032x}", self.calls),
            account_sid: format!("AC{:032x}", 1),
            from: self.from.clone(),
            to: self.to.clone(),
        };
        let mut requests: Vec<Request> = Vec::new();
        let mut heard = Vec::new();
        let mut other_party_heard = Vec::new();
        let mut findings: Vec<CallFinding> = Vec::new();
        let mut state = CallState::from_policy(&self.policy);
        let mut next = Some((first, "POST".to_string(), Vec::new(), None::<String>));
        let mut route: Vec<String> = Vec::new();
        let end = loop {
            let Some((url, method, extra, via)) = next.take() else {
                break CallEnd::DocumentEnded;
            };
            if requests.len() >= self.max_requests {
                return Err(SimulationError::TooManyRequests(requests.len()));
            }
            if !url.starts_with(&base) && url != self.base_url {
                break CallEnd::LeftTheApp { url };
            }
            let status = if requests.is_empty() {
                "ringing"
            } else {
                "in-progress"
            };
            let mut parameters = base_parameters(&call, status, "inbound");
            parameters.extend(extra);
            let request = Request {
                method,
                url: url.clone(),
                parameters,
                via: via.clone(),
            };
            let source = self.fetch(&request).await?;
            requests.push(request);
            route.push(match &via {
                Some(via) => format!("{} ({via})", path_of(&url)),
                None => path_of(&url).to_string(),
            });
            let reached_by = route.join(" → ");
            let document = self.check(&url, &source, state, &reached_by, &mut findings);
            let Some(document) = document else {
                break CallEnd::ApplicationError { url };
            };
            let flow = FlowDocument::new(&document);
            let run = execute(&document, &flow, &mut caller, &mut heard, &url)?;
            for whisper in run.whispers {
                let Some(whisper_url) = join_url(&url, &whisper) else {
                    continue;
                };
                if !whisper_url.starts_with(&base) {
                    continue;
                }
                let mut parameters = base_parameters(&call, "in-progress", "outbound-dial");
                parameters.push(("ParentCallSid".to_string(), call.call_sid.clone()));
                let request = Request {
                    method: "POST".to_string(),
                    url: whisper_url.clone(),
                    parameters,
                    via: Some("other party".to_string()),
                };
                let source = self.fetch(&request).await?;
                requests.push(request);
                let reached = format!("{reached_by} → {} (other party)", path_of(&whisper_url));
                let fresh = CallState::from_policy(&self.policy);
                if let Some(whisper_doc) =
                    self.check(&whisper_url, &source, fresh, &reached, &mut findings)
                {
                    let flow = FlowDocument::new(&whisper_doc);
                    let mut silent = Caller::new();
                    let _ = execute(
                        &whisper_doc,
                        &flow,
                        &mut silent,
                        &mut other_party_heard,
                        &whisper_url,
                    );
                }
            }
            if let Some(end) = run.end {
                break end;
            }
            if let Some(step) = run.next {
                if let Some(exit) = step.exit.and_then(|i| flow.exits().get(i)) {
                    state = flow.state_after(exit, state, &self.policy);
                }
                let Some(next_url) = join_url(&url, &step.reference) else {
                    break CallEnd::LeftTheApp {
                        url: step.reference,
                    };
                };
                next = Some((next_url, step.method, step.parameters, Some(step.via)));
            }
        };
        Ok(Call {
            requests,
            heard,
            other_party_heard,
            findings,
            end,
        })
    }

    /// Sends `request`, signed as Twilio signs it, and returns the document the app answers.
    async fn fetch(&mut self, request: &Request) -> Result<String, SimulationError> {
        let (uri, body, signed_url) = if request.method == "GET" {
            let query = serde_urlencoded::to_string(&request.parameters).unwrap_or_default();
            let separator = if request.url.contains('?') { '&' } else { '?' };
            let url = format!("{}{separator}{query}", request.url);
            (url.clone(), Vec::new(), url)
        } else {
            let body = serde_urlencoded::to_string(&request.parameters).unwrap_or_default();
            (request.url.clone(), body.into_bytes(), request.url.clone())
        };
        let signature = if request.method == "GET" {
            compute_signature(
                &self.auth_token,
                &signed_url,
                std::iter::empty::<(&str, &str)>(),
            )
        } else {
            compute_signature(
                &self.auth_token,
                &signed_url,
                request
                    .parameters
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str())),
            )
        };
        let (host, path_and_query) = split_url(&uri);
        let transport_error = |reason: String| SimulationError::Transport {
            url: request.url.clone(),
            reason,
        };
        let http_request = http::Request::builder()
            .method(request.method.as_str())
            .uri(path_and_query)
            .header(http::header::HOST, host)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::USER_AGENT, "TwilioProxy/1.1")
            .header(SIGNATURE_HEADER, signature)
            .body(body)
            .map_err(|e| transport_error(e.to_string()))?;
        let answer = self.app.send(http_request).await.map_err(transport_error)?;
        let text = String::from_utf8_lossy(&answer.body).into_owned();
        if answer.status != 200 {
            return Err(SimulationError::Status {
                method: request.method.clone(),
                url: request.url.clone(),
                status: answer.status,
                body: text,
            });
        }
        Ok(text)
    }

    /// Checks a document under the state the call arrives in, adding what is new to
    /// `findings`; returns it parsed, or `None` when it does not parse.
    fn check<'s>(
        &self,
        url: &str,
        source: &'s str,
        state: CallState,
        reached_by: &str,
        findings: &mut Vec<CallFinding>,
    ) -> Option<ParsedDocument<'s>> {
        let validation =
            twiml_core::validate_with(source, &self.options, &state.policy(&self.policy));
        let lines = LineIndex::new(source);
        for diagnostic in validation.diagnostics {
            let known = findings.iter().any(|f| {
                f.url == url
                    && f.diagnostic.code == diagnostic.code
                    && f.diagnostic.span == diagnostic.span
            });
            if known {
                continue;
            }
            let (line, column) = lines.location(diagnostic.span.start as usize);
            findings.push(CallFinding {
                url: url.to_string(),
                diagnostic,
                line,
                column,
                reached_by: reached_by.to_string(),
            });
        }
        validation.document
    }
}

/// The parameters Twilio sends with every request of a call.
fn base_parameters(call: &CallParameters, status: &str, direction: &str) -> Vec<(String, String)> {
    [
        ("CallSid", call.call_sid.as_str()),
        ("AccountSid", call.account_sid.as_str()),
        ("From", call.from.as_str()),
        ("To", call.to.as_str()),
        ("Caller", call.from.as_str()),
        ("Called", call.to.as_str()),
        ("CallStatus", status),
        ("Direction", direction),
        ("ApiVersion", "2010-04-01"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

/// The host and the path with its query of an absolute URL.
fn split_url(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}

/// The path of an absolute URL, for the path notes.
fn path_of(url: &str) -> &str {
    split_url(url).1
}

/// The text of an element: its text and that of the elements inside it (SSML), with the
/// spacing collapsed.
fn text_of(doc: &ParsedDocument<'_>, node: u32) -> String {
    fn collect(doc: &ParsedDocument<'_>, node: u32, out: &mut String) {
        for item in doc.children(node) {
            match item {
                Content::Text(t) => out.push_str(t),
                Content::Element(child) => {
                    out.push(' ');
                    match doc.attribute(child, attr::ALIAS) {
                        Some(Value::Text(alias)) => out.push_str(alias),
                        _ => collect(doc, child, out),
                    }
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut text = String::new();
    collect(doc, node, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An attribute's text.
fn text_attribute(
    doc: &ParsedDocument<'_>,
    node: u32,
    name: twiml_core::schema::Attr,
) -> Option<String> {
    match doc.attribute(node, name)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    }
}

/// Records what the caller hears of a `<Say>`, `<Play>` or `<Pause>`.
fn hear(doc: &ParsedDocument<'_>, node: u32, id: ElementId, heard: &mut Vec<Heard>) {
    match id {
        ElementId::Say => heard.push(Heard::Say {
            text: text_of(doc, node),
            voice: text_attribute(doc, node, attr::VOICE),
            language: text_attribute(doc, node, attr::LANGUAGE),
        }),
        ElementId::Play => {
            let url = text_of(doc, node);
            if !url.is_empty() {
                heard.push(Heard::Play { url });
            }
        }
        ElementId::Pause => heard.push(Heard::Pause {
            seconds: text_attribute(doc, node, attr::LENGTH)
                .and_then(|l| l.parse().ok())
                .unwrap_or(1),
        }),
        _ => {}
    }
}

/// The exit of `node` taken through `via` (the closest one for keys the menu does not name).
fn exit_of(flow: &FlowDocument<'_, '_>, node: u32, via: Via) -> Option<usize> {
    let exits = flow.exits();
    let at = |wanted: Via| {
        exits
            .iter()
            .position(|e: &Exit| e.node() == node && e.via == wanted)
    };
    match via {
        Via::Digit(key) => at(Via::Digit(key))
            .or_else(|| at(Via::OtherKeys))
            .or_else(|| at(Via::Digits)),
        other => at(other).or_else(|| exits.iter().position(|e| e.node() == node)),
    }
}

/// Runs a document's verbs as Twilio does, as far as the call goes in it.
fn execute(
    doc: &ParsedDocument<'_>,
    flow: &FlowDocument<'_, '_>,
    caller: &mut Caller,
    heard: &mut Vec<Heard>,
    url: &str,
) -> Result<Run, SimulationError> {
    let mut run = Run::default();
    let verbs: Vec<u32> = doc
        .children(doc.root())
        .filter_map(|c| match c {
            Content::Element(node) => Some(node),
            _ => None,
        })
        .collect();
    let action = |node: u32| text_attribute(doc, node, attr::ACTION);
    let method = |node: u32| {
        text_attribute(doc, node, attr::METHOD)
            .map_or_else(|| "POST".to_string(), |m| m.to_ascii_uppercase())
    };
    for node in verbs {
        let Tag::Known(id) = doc.tag(node) else {
            continue;
        };
        let leave = |reference: Option<String>, parameters: Vec<(String, String)>, via: Via| Next {
            reference: reference.unwrap_or_default(),
            method: method(node),
            parameters,
            exit: exit_of(flow, node, via),
            via: via.to_string(),
        };
        match id {
            ElementId::Say | ElementId::Play | ElementId::Pause => hear(doc, node, id, heard),
            ElementId::Gather => {
                for item in doc.children(node) {
                    if let Content::Element(child) = item
                        && let Tag::Known(child_id) = doc.tag(child)
                    {
                        hear(doc, child, child_id, heard);
                    }
                }
                let input = doc.attribute(node, attr::INPUT);
                let speech = input.is_some_and(|v| v.contains(GatherInput::Speech.as_str()));
                let keys = input.is_none_or(|v| v.contains(GatherInput::Dtmf.as_str()) || !speech);
                let Some(given) = caller.inputs.pop_front() else {
                    run.end = Some(CallEnd::CallerHungUp);
                    return Ok(run);
                };
                let refused = |listens: &str| SimulationError::InputRefused {
                    url: url.to_string(),
                    input: given.to_string(),
                    listens: listens.to_string(),
                };
                match &given {
                    Input::Press(digits) => {
                        if !keys {
                            return Err(refused("speech"));
                        }
                        let via = digits.chars().next().map_or(Via::Digits, Via::Digit);
                        run.next = Some(leave(
                            action(node),
                            vec![("Digits".to_string(), digits.clone())],
                            via,
                        ));
                        return Ok(run);
                    }
                    Input::Say(words) => {
                        if !speech {
                            return Err(refused("keys"));
                        }
                        run.next = Some(leave(
                            action(node),
                            vec![
                                ("SpeechResult".to_string(), words.clone()),
                                ("Confidence".to_string(), "0.92".to_string()),
                            ],
                            Via::Speech,
                        ));
                        return Ok(run);
                    }
                    Input::Silence => {
                        let on_empty = doc
                            .attribute(node, attr::ACTION_ON_EMPTY_RESULT)
                            .and_then(|v| v.as_bool())
                            == Some(true);
                        if on_empty {
                            run.next = Some(leave(action(node), Vec::new(), Via::NoInput));
                            return Ok(run);
                        }
                    }
                }
            }
            ElementId::Redirect => {
                run.next = Some(leave(Some(text_of(doc, node)), Vec::new(), Via::Redirect));
                return Ok(run);
            }
            ElementId::Record => {
                let parameters = vec![
                    (
                        "RecordingUrl".to_string(),
                        "https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE0".to_string(),
                    ),
                    ("RecordingSid".to_string(), format!("RE{:032x}", 1)),
                    ("RecordingDuration".to_string(), "5".to_string()),
                ];
                run.next = Some(leave(action(node), parameters, Via::After(id)));
                return Ok(run);
            }
            ElementId::Dial => {
                for item in doc.children(node) {
                    if let Content::Element(noun) = item
                        && let Some(whisper) = text_attribute(doc, noun, attr::URL)
                        && matches!(doc.tag(noun), Tag::Known(n) if n != ElementId::Conference)
                    {
                        run.whispers.push(whisper);
                    }
                }
                if let Some(reference) = action(node) {
                    let status = caller.dial_status.as_str().to_string();
                    let bridged = caller.dial_status == DialCallStatus::Completed;
                    let mut parameters = vec![
                        ("DialCallStatus".to_string(), status),
                        ("DialCallSid".to_string(), format!("CA{:032x}", 2)),
                        ("DialBridged".to_string(), bridged.to_string()),
                    ];
                    if bridged {
                        parameters.push(("DialCallDuration".to_string(), "30".to_string()));
                    }
                    run.next = Some(leave(Some(reference), parameters, Via::After(id)));
                    return Ok(run);
                }
            }
            ElementId::Pay => {
                for prompt in doc.children(node) {
                    if let Content::Element(prompt) = prompt {
                        for item in doc.children(prompt) {
                            if let Content::Element(child) = item
                                && let Tag::Known(child_id) = doc.tag(child)
                            {
                                hear(doc, child, child_id, heard);
                            }
                        }
                    }
                }
                if let Some(reference) = action(node) {
                    let mut parameters = vec![("Result".to_string(), caller.pay_result.clone())];
                    if caller.pay_result == "success" {
                        parameters.extend([
                            (
                                "PaymentConfirmationCode".to_string(),
                                "ch_a1b2c3".to_string(),
                            ),
                            ("PaymentCardType".to_string(), "visa".to_string()),
                            (
                                "PaymentCardNumber".to_string(),
                                "xxxx-xxxx-xxxx-1111".to_string(),
                            ),
                        ]);
                    }
                    run.next = Some(leave(Some(reference), parameters, Via::After(id)));
                    return Ok(run);
                }
            }
            ElementId::Refer | ElementId::Sms | ElementId::Connect => {
                if let Some(reference) = action(node) {
                    run.next = Some(leave(Some(reference), Vec::new(), Via::After(id)));
                    return Ok(run);
                }
                if id == ElementId::Connect {
                    run.end = Some(CallEnd::HandedOff);
                    return Ok(run);
                }
            }
            ElementId::Enqueue => {
                run.end = Some(CallEnd::HandedOff);
                return Ok(run);
            }
            ElementId::Hangup => {
                run.end = Some(CallEnd::Hangup);
                return Ok(run);
            }
            ElementId::Reject => {
                run.end = Some(CallEnd::Rejected);
                return Ok(run);
            }
            _ => {}
        }
    }
    run.end = Some(CallEnd::DocumentEnded);
    Ok(run)
}
