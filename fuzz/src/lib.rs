//! The checks behind each fuzz target. Every function takes the fuzzer's bytes and panics
//! only when the library breaks a promise: a panic inside the library, a finding outside its
//! source, a document that the build step accepts but that does not parse back to itself, a
//! forged request that passes.
//!
//! The targets in `fuzz_targets/` call these functions, and the test suite
//! (`tests/fuzz_regressions.rs`) runs the same functions over every input kept in
//! `fuzz/regressions/`, so a crash found once stays fixed without libFuzzer.

#![allow(missing_docs, unreachable_pub, dead_code)]

use arbitrary::{Arbitrary, Unstructured};
use serde_json::{Map, Value as Json, json};
use twiml::rules::{Fact, Policy, Regime};
use twiml::schema::{
    Dialect, ELEMENTS, ElementKind, ElementSpec, TextPresence, UrlKind, ValueKind,
};
use twiml::{ParseOptions, RenderOptions, Root, Severity, Twiml};

/// The policies documents are checked under: the baseline, and every regime and fact at once.
fn policies() -> [Policy; 2] {
    let every = Regime::ALL
        .into_iter()
        .fold(Policy::new(), |policy, regime| policy.regime(regime));
    let every = Fact::ALL
        .into_iter()
        .fold(every, |policy, fact| policy.fact(fact))
        .business_name("Acme Widgets")
        .callback_number("+14155550100");
    [Policy::new(), every]
}

/// Parse, the element table's checks and the compliance rules over arbitrary bytes: nothing
/// panics, every finding lies on character boundaries inside the source and says something,
/// a document without errors converts to the typed model, and formatting is idempotent.
pub fn parse_check(data: &[u8]) {
    let options = ParseOptions::new().max_depth(64);
    if let Err(error) = twiml::parse_bytes(data, &options) {
        assert!(error.span.start <= error.span.end, "{error:?}");
        assert!(error.span.end as usize <= data.len().max(1), "{error:?}");
    }
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for policy in policies() {
        let validation = twiml::validate_with(source, &options, &policy);
        for finding in &validation.diagnostics {
            let (start, end) = (finding.span.start as usize, finding.span.end as usize);
            assert!(start <= end && end <= source.len(), "{finding:?}");
            assert!(
                source.is_char_boundary(start) && source.is_char_boundary(end),
                "{finding:?}"
            );
            assert!(!finding.message.is_empty(), "{finding:?}");
        }
        let structural_errors = validation
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        if let Some(document) = &validation.document
            && !structural_errors
        {
            // A document without any error has a typed model.
            let root = document.to_root();
            assert!(root.is_ok(), "{root:?}\n{source}");
        }
    }
    if let Ok(formatted) = twiml::format_document(source, &options, &RenderOptions::new()) {
        let again = twiml::format_document(&formatted, &options, &RenderOptions::new());
        assert_eq!(again.as_deref(), Ok(formatted.as_str()), "{source}");
    }
}

/// Text the builder is given: words that exercise escaping and the checks, or any string.
const WORDS: &[&str] = &[
    "",
    " ",
    "Hello",
    "a & b",
    "<x>",
    "\"q\" 'a'",
    "]]>",
    "tab\t",
    "line\n",
    "cr\r",
    "é😀",
    "+14155550100",
    "https://example.com/a?b=1&c=2",
    "/relative",
    "sip:a@b.c",
    "0",
    "true",
    "auto",
    "--",
    "Polly.Joanna",
    "en-US",
    "record",
    "card number",
];

fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    if u.ratio(1, 4)? {
        return String::arbitrary(u);
    }
    let n = u.int_in_range(0..=2)?;
    let mut out = String::new();
    for _ in 0..n {
        out.push_str(u.choose(WORDS)?);
    }
    Ok(out)
}

/// A value of `kind`: usually a valid one, sometimes any text.
fn value(u: &mut Unstructured<'_>, kind: &ValueKind, name: &str) -> arbitrary::Result<Json> {
    let takes_text = !matches!(
        kind,
        ValueKind::Boolean
            | ValueKind::Integer { .. }
            | ValueKind::IntegerOrKeyword { .. }
            | ValueKind::EnumList(_)
            | ValueKind::IntegerList { .. }
    ) && !matches!(kind, ValueKind::Enum(set) if set.open.is_none());
    if takes_text && u.ratio(1, 3)? {
        return Ok(json!(text(u)?));
    }
    Ok(match *kind {
        ValueKind::Text { .. } => json!(text(u)?),
        ValueKind::Name { .. } => json!(format!("queue-{}", u.int_in_range(0..=99u8)?)),
        ValueKind::Url(UrlKind::WebSocket) => json!(format!("wss://example.com/{name}")),
        ValueKind::Url(_) => json!(format!("https://example.com/{name}?a=1&b=2")),
        ValueKind::Boolean => json!(bool::arbitrary(u)?),
        ValueKind::Integer { min, max } => {
            json!(u.int_in_range(min..=max.unwrap_or(min.saturating_add(1000)))?)
        }
        ValueKind::IntegerOrKeyword { min, keyword } => {
            if bool::arbitrary(u)? {
                json!(keyword)
            } else {
                json!(u.int_in_range(min..=min.saturating_add(100))?)
            }
        }
        ValueKind::Decimal => json!(format!(
            "{}.{:02}",
            u.int_in_range(0..=999u32)?,
            u.int_in_range(0..=99u32)?
        )),
        ValueKind::Enum(set) => json!(u.choose(set.values)?),
        ValueKind::EnumList(set) => {
            let n = u.int_in_range(1..=set.values.len().min(3))?;
            let mut picked = Vec::new();
            for _ in 0..n {
                let v = *u.choose(set.values)?;
                if !picked.contains(&v) {
                    picked.push(v);
                }
            }
            json!(picked)
        }
        ValueKind::IntegerList { min, max } => {
            json!([min, u.int_in_range(min..=max.max(min))?])
        }
        ValueKind::Dtmf => json!(u.choose(&["1234w#", "0", "*9ww1"])?),
        ValueKind::Keys { max_len: Some(_) } => json!(u.choose(&["*", "#", "1"])?),
        ValueKind::Keys { max_len: None } => json!(u.choose(&["*#", "123"])?),
        ValueKind::Sid(prefix) => json!(format!("{prefix}0123456789abcdef0123456789abcdef")),
        ValueKind::Phone | ValueKind::PhoneOrSipUri => {
            json!(u.choose(&["+14155550100", "+442071838750", "+18005550100"])?)
        }
        ValueKind::SipUri => json!("sip:alice@example.com;transport=tls"),
        ValueKind::BooleanOrText => json!(u.choose(&["true", "false", "94107"])?),
        ValueKind::Json => json!(r#"{"selected_language": "es"}"#),
        ValueKind::SsmlDuration => json!(u.choose(&["500ms", "2s"])?),
        ValueKind::ProsodyVolume => json!(u.choose(&["+6dB", "loud"])?),
        ValueKind::ProsodyRate => json!(u.choose(&["80%", "slow"])?),
        ValueKind::ProsodyPitch => json!(u.choose(&["-10%", "high"])?),
    })
}

/// An element of `spec` in the model's canonical form (the form a parser gives back): text
/// items never empty or adjacent, and no text that is only whitespace where elements and
/// text are alternatives.
fn element(
    u: &mut Unstructured<'_>,
    spec: &ElementSpec,
    depth: usize,
) -> arbitrary::Result<Map<String, Json>> {
    let mut object = Map::new();
    for attribute in spec.attributes {
        if attribute.required || u.ratio(1, 4)? {
            object.insert(
                attribute.name.into(),
                value(u, &attribute.kind, attribute.name)?,
            );
        }
    }
    if spec.children.is_empty() {
        if spec.text.presence != TextPresence::None
            && (spec.text.presence == TextPresence::Required || bool::arbitrary(u)?)
        {
            object.insert("text".into(), value(u, &spec.text.kind, "text")?);
        }
        return Ok(object);
    }
    let mut children: Vec<Json> = Vec::new();
    let mut after_text = false;
    let count = if depth < 4 { u.int_in_range(0..=4)? } else { 0 };
    for _ in 0..count {
        match u.int_in_range(0..=9u8)? {
            0 if spec.text.presence != TextPresence::None && !after_text => {
                let text = text(u)?;
                let kept = if spec.text.mixed {
                    !text.is_empty()
                } else {
                    !text.trim().is_empty()
                };
                if kept {
                    children.push(json!({ "#text": text }));
                    after_text = true;
                }
                continue;
            }
            1 => children.push(json!({ "#comment": text(u)? })),
            2 => children.push(json!({ "#custom": { "name": "Extra", "children": [] } })),
            _ => {
                let child = u.choose(spec.children)?.spec();
                children.push(json!({ child.name: element(u, child, depth + 1)? }));
            }
        }
        after_text = false;
    }
    if children.is_empty() && spec.text.presence == TextPresence::Required {
        children.push(json!({ "#text": "Hello" }));
    }
    for limit in spec.child_limits {
        let present = children
            .iter()
            .filter(|c| c.get(limit.child.spec().name).is_some())
            .count();
        for _ in present..limit.min as usize {
            let child = limit.child.spec();
            children.push(json!({ child.name: element(u, child, depth + 1)? }));
        }
    }
    object.insert("children".into(), Json::Array(children));
    Ok(object)
}

/// A document made from the element table by the fuzzer's choices, through the builder's
/// model: whatever the build step accepts renders, parses back to the same model, and
/// renders to the same bytes again.
pub fn builder_round_trip(data: &[u8]) {
    let _ = builder_case(&mut Unstructured::new(data));
}

fn builder_case(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let roots: Vec<&ElementSpec> = ELEMENTS
        .iter()
        .filter(|e| e.kind == ElementKind::Root)
        .collect();
    let root = *u.choose(&roots)?;
    let object = element(u, root, 0)?;
    let dialect = match root.dialect {
        Dialect::Voice => "voice",
        Dialect::Messaging => "messaging",
        Dialect::Fax => "fax",
    };
    let Ok(model) = serde_json::from_value::<Root>(json!({ dialect: object })) else {
        return Ok(());
    };
    let [baseline, every] = policies();
    let policy = if bool::arbitrary(u)? { baseline } else { every };
    let Ok(twiml) = Twiml::build_with(model, &policy) else {
        return Ok(());
    };
    let xml = twiml.to_xml();
    let pretty = twiml.to_xml_with(&RenderOptions::new().pretty(2));
    let options = ParseOptions::new().expect(root.dialect);
    for rendered in [&xml, &pretty] {
        let parsed = twiml::parse(rendered, &options);
        assert!(parsed.is_ok(), "{parsed:?}\n{rendered}");
    }
    let parsed = twiml::parse(&xml, &options).expect("checked above");
    let reread = parsed.to_root();
    assert_eq!(reread.as_ref().ok(), Some(twiml.root()), "{xml}");
    let rebuilt = Twiml::build_with(reread.expect("checked above"), &policy);
    assert_eq!(rebuilt.map(|t| t.to_xml()).ok().as_deref(), Some(&*xml));
    Ok(())
}

/// The `twiml.toml` readers over arbitrary text: nothing panics, an error's place lies inside
/// the text, a policy read without error checks a document without panicking, and every
/// problem of a `[flow]` section lies on character boundaries inside the text.
pub fn policy_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let inside = |span: twiml::ByteSpan| {
        let range = span.range();
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{span:?}"
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{span:?}"
        );
    };
    match twiml::callflow::FlowConfig::from_toml(text) {
        Err(error) => {
            assert!(!error.message.is_empty());
            inside(error.span);
        }
        Ok(Some(flow)) => {
            for problem in flow.problems() {
                assert!(!problem.message.is_empty());
                inside(problem.span);
            }
        }
        Ok(None) => {}
    }
    match Policy::from_toml(text) {
        Err(error) => {
            assert!(!error.to_string().is_empty());
            if let Some((line, column)) = error.at {
                let lines = text.split('\n').count();
                assert!(line >= 1 && line <= lines, "{error:?} in {lines} lines");
                assert!(column >= 1, "{error:?}");
            }
        }
        Ok(policy) => {
            let document = "<Response><Say>This call may be recorded.</Say>\
                            <Record/><Gather input=\"speech\"><Say>Card number?</Say></Gather>\
                            </Response>";
            let _ = twiml::validate_with(document, &ParseOptions::new(), &policy);
        }
    }
}

/// A request as the fuzzer makes it: parameters, a body, a path, ports, headers.
#[derive(Arbitrary, Debug)]
pub struct WebhookInput<'a> {
    path: &'a str,
    params: Vec<(&'a str, &'a str)>,
    space_as_plus: bool,
    sha256: bool,
    json: Option<&'a [u8]>,
    signed_port: Option<u16>,
    received_port: Option<u16>,
    tamper: Option<(u8, &'a str)>,
    raw: RawRequest<'a>,
}

/// Anything at all, for the checks that must only refuse, never panic.
#[derive(Arbitrary, Debug)]
pub struct RawRequest<'a> {
    host: Option<&'a str>,
    path_and_query: &'a str,
    content_type: Option<&'a str>,
    signature: Option<&'a str>,
    settings: Option<&'a str>,
    forwarded_proto: Option<&'a str>,
    forwarded_host: Option<&'a str>,
    peer: Option<[u8; 4]>,
    body: &'a [u8],
    public_url: Option<&'a str>,
}

const AUTH_TOKEN: &str = "fuzz-auth-token";
const SHARED_ID: &str = "KS0123";
const SHARED_SECRET: &str = "fuzz-shared-secret";

fn form_encode(text: &str, space_as_plus: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' if space_as_plus => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// What a signature covers after the URL: each distinct pair once, in order, names and values
/// written one after the other. Twilio's scheme puts no separator between them, so `ab=c`
/// and `a=bc` sign alike; a change that keeps this text is no change to the signature.
fn signed_text(params: &[(&str, &str)]) -> String {
    let pairs: std::collections::BTreeSet<(&str, &str)> = params.iter().copied().collect();
    pairs.into_iter().map(|(k, v)| format!("{k}{v}")).collect()
}

/// Signature verification over requests the fuzzer shapes: a request signed as Twilio signs
/// it passes, whatever its parameters, ports or body; one changed after signing, or received
/// at a port the SDKs would not try, is refused; and arbitrary requests are refused without
/// a panic.
pub fn signature(data: &[u8]) {
    use twiml::webhook::{
        Algorithm, SignatureError, Validator, WebhookRequest, compute_signature_with,
    };
    let Ok(input) = WebhookInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };

    // Anything at all: refused or accepted, never a panic.
    let raw = &input.raw;
    let mut anything = Validator::new(AUTH_TOKEN)
        .auth_token("")
        .shared_key(SHARED_ID, SHARED_SECRET)
        .allowed_host("ivr.example.com")
        .trust_proxy(std::net::IpAddr::from([127, 0, 0, 1]))
        .max_parameters(64)
        .max_body_bytes(4096);
    if let Some(url) = raw.public_url {
        anything = anything.public_url(url);
    }
    let request = WebhookRequest {
        host: raw.host,
        path_and_query: raw.path_and_query,
        content_type: raw.content_type,
        signature: raw.signature,
        signature_settings: raw.settings,
        peer: raw.peer.map(std::net::IpAddr::from),
        forwarded_proto: raw.forwarded_proto,
        forwarded_host: raw.forwarded_host,
        body: raw.body,
    };
    let _ = anything.precheck(&request);
    let _ = anything.verify(&request);
    let _ = anything.request_url(&request);
    let _ = Algorithm::from_settings(raw.settings);

    // A request signed as Twilio signs it.
    let algorithm = if input.sha256 {
        Algorithm::HmacSha256
    } else {
        Algorithm::HmacSha1
    };
    let key = if input.sha256 {
        SHARED_SECRET
    } else {
        AUTH_TOKEN
    };
    let path: String = input
        .path
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
        .collect();
    let host = |port: Option<u16>| match port {
        Some(port) => format!("https://ivr.example.com:{port}"),
        None => "https://ivr.example.com".to_string(),
    };
    let (path_and_query, body, params): (String, Vec<u8>, Vec<(&str, &str)>) = match input.json {
        Some(json) => {
            use sha2::Digest;
            let hash: String = sha2::Sha256::digest(json)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (
                format!("/{path}?bodySHA256={hash}"),
                json.to_vec(),
                Vec::new(),
            )
        }
        None => {
            let body = input
                .params
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}={}",
                        form_encode(k, input.space_as_plus),
                        form_encode(v, input.space_as_plus)
                    )
                })
                .collect::<Vec<_>>()
                .join("&");
            (format!("/{path}"), body.into_bytes(), input.params.clone())
        }
    };
    let signed_url = format!("{}{path_and_query}", host(input.signed_port));
    let signature = compute_signature_with(algorithm, key, &signed_url, params.iter().copied());
    let validator = Validator::new(AUTH_TOKEN)
        .shared_key(SHARED_ID, SHARED_SECRET)
        .public_url(host(input.received_port));
    let settings = format!("key={SHARED_ID},algorithm={}", algorithm.as_str());
    let content_type = if input.json.is_some() {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    let genuine = WebhookRequest {
        path_and_query: &path_and_query,
        content_type: Some(content_type),
        signature: Some(&signature),
        signature_settings: input.sha256.then_some(settings.as_str()),
        body: &body,
        ..WebhookRequest::default()
    };
    // The SDKs try the URL received, and it without its port (or with the default one).
    let port_tried = match (input.signed_port, input.received_port) {
        (signed, received) if signed == received => true,
        (None, Some(_)) => true,
        (Some(443), None) => true,
        _ => false,
    };
    let over_limits = params.len() > twiml::webhook::DEFAULT_MAX_PARAMETERS
        || body.len() > twiml::webhook::DEFAULT_MAX_BODY_BYTES;
    match validator.verify(&genuine) {
        Ok(verified) => {
            assert!(
                port_tried,
                "{signed_url} accepted at {:?}",
                input.received_port
            );
            assert_eq!(verified.algorithm, algorithm);
        }
        Err(SignatureError::TooManyParameters | SignatureError::BodyTooLarge) => {
            assert!(over_limits)
        }
        Err(error) => assert!(!port_tried, "{error}: {input:?}"),
    }

    // The same request changed after it was signed.
    if let Some((which, added)) = input.tamper
        && !added.is_empty()
        && !params.is_empty()
        && input.json.is_none()
        && port_tried
        && !over_limits
    {
        let mut changed = params.clone();
        let at = usize::from(which) % changed.len();
        let value = format!("{}{added}", changed[at].1);
        changed[at].1 = &value;
        if signed_text(&changed) != signed_text(&params) {
            let body: String = changed
                .iter()
                .map(|(k, v)| format!("{}={}", form_encode(k, false), form_encode(v, false)))
                .collect::<Vec<_>>()
                .join("&");
            let tampered = WebhookRequest {
                body: body.as_bytes(),
                ..genuine
            };
            assert_eq!(
                validator.verify(&tampered).map(drop),
                Err(SignatureError::InvalidSignature),
                "{input:?}"
            );
        }
    }
}

/// A send as the fuzzer shapes it: every field the gate reads, as text, the way a command
/// line, a campaign file or a web service hands them over.
#[derive(Arbitrary, Debug)]
pub struct GateInput<'a> {
    to: &'a str,
    from: Option<&'a str>,
    channel: Option<&'a str>,
    body: &'a str,
    intent: Option<&'a str>,
    use_case: Option<&'a str>,
    zip: Option<&'a str>,
    state: Option<&'a str>,
    time_zone: Option<&'a str>,
    at_text: Option<&'a str>,
    at_second: i64,
    block: bool,
    emergency: Option<&'a str>,
    horizon_days: u16,
    regimes: u8,
    overrides: Vec<(&'a str, &'a str, &'a str)>,
    campaign: Option<&'a str>,
}

/// Numbers and names the gate knows, so that the fuzzer reaches past the parsers often.
const NUMBERS: &[&str] = &[
    "+13055550123",
    "+12055550123",
    "+14155550100",
    "+19075550100",
    "+18085550100",
    "+12145550100",
    "+14035550100",
    "+17875550100",
    "+442071838750",
    "+33142685300",
];
const ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
];

/// The gate over sends the fuzzer shapes and campaign files it writes: every parser refuses
/// bad text with an error naming its field and never panics; a parsed number reads back to
/// itself; a decision is the same when asked twice, its verdict agrees with its findings, a
/// `Defer` names a later instant within the horizon at which the same send is allowed, and
/// every finding's rule is in the registry.
pub fn gate(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = GateInput::arbitrary(&mut u) else {
        return;
    };
    // A known-good value half of the time, the fuzzer's text otherwise.
    let pick = |u: &mut Unstructured<'_>, list: &[&'static str], given: &str| -> String {
        match u.choose(list) {
            Ok(known) if u.arbitrary::<bool>().unwrap_or(false) => (*known).to_string(),
            _ => given.to_string(),
        }
    };
    let named = |error: &twiml::gate::InputError| {
        let message = error.to_string();
        assert!(message.starts_with('`'), "{message}");
    };

    let to_text = pick(&mut u, NUMBERS, input.to);
    let to = match twiml::gate::PhoneNumber::parse(&to_text) {
        Ok(to) => to,
        Err(error) => {
            named(&error);
            return;
        }
    };
    assert_eq!(
        twiml::gate::PhoneNumber::parse(to.e164()).as_ref(),
        Ok(&to),
        "{to_text:?}"
    );

    let mut outbound = twiml::gate::Outbound::message(to, input.body);
    if let Some(from) = input.from {
        match twiml::gate::Sender::parse(from) {
            Ok(from) => outbound = outbound.from(from),
            Err(error) => named(&error),
        }
    }
    if let Some(channel) = input.channel {
        match twiml::gate::Channel::parse(channel) {
            Ok(channel) => outbound = outbound.channel(channel),
            Err(error) => named(&error),
        }
    }
    if let Some(intent) = input.intent {
        match twiml::gate::MessageIntent::parse(intent) {
            Ok(intent) => outbound = outbound.intent(intent),
            Err(error) => named(&error),
        }
    }
    if let Some(use_case) = input.use_case {
        match twiml::gate::UseCase::parse(use_case) {
            Ok(use_case) => outbound = outbound.use_case(use_case),
            Err(error) => named(&error),
        }
    }
    let mut hints = twiml::gate::Hints::none();
    if let Some(zip) = input.zip {
        match twiml::gate::Zip::parse(zip) {
            Ok(zip) => hints.zip = Some(zip),
            Err(error) => named(&error),
        }
    }
    if let Some(state) = input.state {
        hints.state = twiml::gate::State::parse(state);
    }
    if let Some(zone) = input.time_zone {
        let zone = pick(&mut u, ZONES, zone);
        match twiml::gate::Zone::parse(&zone) {
            Ok(zone) => hints.time_zone = Some(zone),
            Err(error) => named(&error),
        }
    }
    outbound = outbound.hints(hints);
    for (code, reason, actor) in &input.overrides {
        match twiml::gate::SendOverride::new(code, *reason, *actor) {
            Ok(over) => outbound = outbound.allow(over),
            Err(error) => named(&error),
        }
    }

    let at = match input.at_text.map(twiml::gate::parse_instant) {
        Some(Ok(at)) => at,
        Some(Err(error)) => {
            named(&error);
            return;
        }
        None => match twiml::gate::Timestamp::from_second(input.at_second) {
            Ok(at) => at,
            Err(_) => return,
        },
    };
    let mut policy = Policy::new();
    for (bit, regime) in Regime::ALL.into_iter().enumerate() {
        if input.regimes & (1 << bit) != 0 {
            policy = policy.regime(regime);
        }
    }
    let mut gate = twiml::gate::Gate::new(policy).horizon_days(input.horizon_days);
    if input.block {
        gate = gate.handling(twiml::gate::Handling::Block);
    }
    if let Some(state) = input.emergency.and_then(twiml::gate::State::parse) {
        gate = gate.emergency(state);
    }
    decide_and_check(&gate, &outbound, at, input.horizon_days);

    if let Some(text) = input.campaign {
        match twiml::gate::Campaign::from_toml(text) {
            Err(error) => {
                assert!(!error.message.is_empty());
                if let Some((line, column)) = error.at {
                    let lines = text.split('\n').count();
                    assert!(line >= 1 && line <= lines, "{error:?} in {lines} lines");
                    assert!(column >= 1, "{error:?}");
                }
            }
            Ok(campaign) => {
                for send in campaign.sends.iter().take(8) {
                    decide_and_check(&campaign.gate, &send.outbound, send.at.unwrap_or(at), 14);
                }
            }
        }
    }
}

fn decide_and_check(
    gate: &twiml::gate::Gate,
    outbound: &twiml::gate::Outbound<'_>,
    at: twiml::gate::Timestamp,
    horizon_days: u16,
) {
    use twiml::gate::{RecipientHistory, Verdict};
    let history = RecipientHistory::default();
    let decision = gate.decide(outbound, &history, at);
    assert_eq!(decision, gate.decide(outbound, &history, at));
    assert_eq!(decision.at, at);
    for finding in &decision.findings {
        assert!(
            twiml::rules::find_rule(&finding.code.to_string()).is_some(),
            "{finding:?}"
        );
        assert!(!finding.message.is_empty(), "{finding:?}");
    }
    let stopping = decision.rules();
    match &decision.verdict {
        Verdict::Allow => {
            assert!(stopping.is_empty(), "{decision:?}");
            assert_eq!(decision.next_allowed_at, None, "{decision:?}");
        }
        Verdict::Block { rules, .. } => assert!(!rules.is_empty(), "{decision:?}"),
        Verdict::Review { missing } => assert!(!missing.is_empty(), "{decision:?}"),
        Verdict::Defer { until } => {
            assert_eq!(decision.next_allowed_at, Some(*until), "{decision:?}");
            assert!(*until > at, "{decision:?}");
            let horizon = i64::from(horizon_days.max(1)) + 1;
            assert!(
                until.as_second() - at.as_second() <= horizon * 86_400,
                "{decision:?}"
            );
            // The instant named is one at which the same send goes out.
            let later = gate.decide(outbound, &history, *until);
            assert_eq!(later.verdict, Verdict::Allow, "{decision:?}\n{later:?}");
        }
    }
}

/// The inbound-reply reader and the replies that answer keywords, over any text: nothing
/// panics; a reading is the same when asked twice, and the same with spaces around the text or
/// its ASCII letters in upper case; only an opt-out has a scope; a reading that found nothing
/// acts on nothing, and one that acts names what it matched; a reply text is accepted exactly
/// when the reply rules find nothing in it, and every reply renders as a messaging response.
pub fn inbound_reply(data: &[u8]) {
    use twiml::gate::inbound::{Action, Language, ReadingKind, Replies, check_reply, read_reply};

    let mut u = Unstructured::new(data);
    let Ok(text) = <&str>::arbitrary(&mut u) else {
        return;
    };
    let reading = read_reply(text);
    assert_eq!(read_reply(text), reading, "{text:?}");
    assert_eq!(
        reading.scope.is_some(),
        reading.action == Action::OptOut,
        "{text:?}: {reading:?}"
    );
    if reading.kind == ReadingKind::Nothing {
        assert!(
            reading.action == Action::None && reading.matched.is_none(),
            "{text:?}: {reading:?}"
        );
    }
    if reading.action != Action::None {
        assert!(reading.matched.is_some(), "{text:?}: {reading:?}");
    }
    if reading.per_se || reading.twilio_default {
        assert!(
            matches!(
                reading.kind,
                ReadingKind::Keyword | ReadingKind::KeywordVariant
            ),
            "{text:?}: {reading:?}"
        );
    }
    let padded = read_reply(&format!("  {text}\n"));
    assert_eq!(
        (padded.action, padded.scope),
        (reading.action, reading.scope),
        "{text:?} with spaces around it"
    );
    let shouted = read_reply(&text.to_ascii_uppercase());
    assert_eq!(
        (shouted.action, shouted.scope),
        (reading.action, reading.scope),
        "{text:?} in upper case"
    );

    let business = <&str>::arbitrary(&mut u).unwrap_or("Acme");
    let contact = <&str>::arbitrary(&mut u).unwrap_or("+14155550100");
    let own = <&str>::arbitrary(&mut u).unwrap_or("");
    let mut replies = Replies::new(business, contact);
    if let Ok(Some(frequency)) = u.arbitrary::<Option<&str>>() {
        replies = replies.frequency(frequency);
    }
    for action in [Action::OptOut, Action::OptIn, Action::Help, Action::None] {
        for language in [Language::En, Language::Es] {
            let answer = replies.text(action, language);
            assert_eq!(answer.is_none(), action == Action::None, "{action:?}");
        }
    }
    // One answer rendered and one text of the business's own checked per input: building a
    // response runs the messaging rules, the costliest step.
    let action = u
        .choose(&[Action::OptOut, Action::OptIn, Action::Help, Action::None])
        .copied()
        .unwrap_or(Action::OptOut);
    let language = if u.arbitrary::<bool>().unwrap_or(false) {
        Language::Es
    } else {
        Language::En
    };
    let twiml = Replies::twiml(replies.text(action, language).as_deref());
    assert!(twiml.contains("<Response"), "{twiml:?}");
    let findings = check_reply(action, business, own);
    let accepted = replies.with(action, language, own);
    assert_eq!(accepted.is_ok(), findings.is_empty(), "{action:?} {own:?}");
    if let Ok(custom) = accepted {
        assert_eq!(custom.text(action, language).as_deref(), Some(own));
    }
}
