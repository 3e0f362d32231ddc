//! Parity with Twilio's SDK: webhook requests signed and judged by twilio-python 9.13.0's
//! `RequestValidator`, written to `tests/data/signature_parity.json` by
//! `scripts/signature_parity.py` (which needs Python; this test does not).
//!
//! For every case, the library computes the SDK's signature for the request Twilio signed,
//! and `Validator::verify` reaches the SDK's verdict on the request as received: every
//! genuine request is accepted, every tampered one refused. The few cases where the library
//! knowingly differs carry a `divergence` note and the library's verdict.

use serde_json::Value;
use twiml::webhook::{
    Algorithm, SignatureError, Validator, Verified, WebhookRequest, compute_signature_with,
    validate_signature_with,
};

const TABLE: &str = include_str!("data/signature_parity.json");

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {case}"))
}

/// `https://host:port` and `/path?query` of a URL.
fn split_url(url: &str) -> (&str, &str) {
    let authority = url.find("://").map_or(0, |i| i + 3);
    let path = url[authority..]
        .find(['/', '?'])
        .map_or(url.len(), |i| authority + i);
    (&url[..path], &url[path..])
}

struct Outcome {
    name: String,
    expected: bool,
    verdict: Result<Verified, SignatureError>,
}

fn run(case: &Value, shared_key_id: &str) -> Outcome {
    let name = text(case, "name").to_string();
    let algorithm = Algorithm::parse(text(case, "algorithm")).expect("a known algorithm");
    let params: Vec<(String, String)> = case["signed_params"]
        .as_array()
        .expect("signed_params")
        .iter()
        .map(|pair| {
            let part = |i: usize| pair[i].as_str().expect("a name and a value").to_string();
            (part(0), part(1))
        })
        .collect();

    // The signature Twilio computes for the request it sent.
    let signing_key = text(case, "signing_key");
    let signed_url = text(case, "signed_url");
    assert_eq!(
        compute_signature_with(algorithm, signing_key, signed_url, params.clone()),
        text(case, "computed_signature"),
        "{name}: the signature of the genuine request"
    );
    assert!(
        validate_signature_with(
            algorithm,
            signing_key,
            signed_url,
            params.clone(),
            text(case, "computed_signature")
        ),
        "{name}: the genuine request's own signature"
    );

    // The request as the server receives it.
    let body: Vec<u8> = match (case["body"].as_str(), case["body_hex"].as_str()) {
        (Some(body), _) => body.as_bytes().to_vec(),
        (None, Some(hex)) => (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect(),
        _ => panic!("{name}: no body"),
    };
    let (base, path_and_query) = split_url(text(case, "received_url"));
    let key = text(case, "key");
    let validator = match algorithm {
        Algorithm::HmacSha1 => Validator::new(key),
        _ => Validator::new("").shared_key(shared_key_id, key),
    }
    .public_url(base);
    let settings = (algorithm == Algorithm::HmacSha256)
        .then(|| format!("key={shared_key_id},algorithm={}", algorithm.as_str()));
    let request = WebhookRequest {
        path_and_query,
        content_type: case["content_type"].as_str(),
        signature: Some(text(case, "signature")),
        signature_settings: settings.as_deref(),
        body: &body,
        ..WebhookRequest::default()
    };
    Outcome {
        expected: case["expected"].as_bool().expect("expected"),
        verdict: validator.verify(&request),
        name,
    }
}

#[test]
fn the_library_judges_every_request_as_twilio_python_does() {
    let table: Value = serde_json::from_str(TABLE).expect("the parity table is JSON");
    assert_eq!(table["twilio_python"], "9.13.0");
    let shared_key_id = text(&table["tokens"], "shared_key_id");
    let cases = table["cases"].as_array().expect("cases");

    let mut genuine = 0;
    let mut tampered = 0;
    let mut divergences = 0;
    let mut wrong = Vec::new();
    for case in cases {
        let outcome = run(case, shared_key_id);
        if outcome.verdict.is_ok() != outcome.expected {
            wrong.push(format!("{}: {:?}", outcome.name, outcome.verdict));
        }
        if case.get("divergence").is_some() {
            divergences += 1;
            assert_ne!(case["python_valid"], case["expected"], "{}", outcome.name);
        } else {
            assert_eq!(case["python_valid"], case["expected"], "{}", outcome.name);
        }
        if outcome.expected {
            genuine += 1;
        } else {
            tampered += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "verdicts unlike the SDK's:\n{}",
        wrong.join("\n")
    );
    // The table is the one the issue asks for: at least fifty requests, most of them Twilio's
    // own behaviour, with the tampered ones beside them.
    assert!(cases.len() >= 50, "{} cases", cases.len());
    assert!(
        genuine >= 40 && tampered >= 15,
        "{genuine} genuine, {tampered} tampered"
    );
    assert!(divergences <= 2, "{divergences} divergences");
}

#[test]
fn a_tampered_request_is_refused_for_its_own_reason() {
    let table: Value = serde_json::from_str(TABLE).expect("the parity table is JSON");
    let shared_key_id = text(&table["tokens"], "shared_key_id");
    let reason = |name: &str| {
        let case = table["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|case| case["name"] == name)
            .unwrap_or_else(|| panic!("no case {name}"));
        run(case, shared_key_id).verdict.map(drop)
    };
    assert_eq!(
        reason("tampered: a value changed"),
        Err(SignatureError::InvalidSignature)
    );
    assert_eq!(
        reason("tampered: a JSON body changed"),
        Err(SignatureError::BodyHashMismatch)
    );
    assert_eq!(
        reason("tampered: not UTF-8, where the signature covers U+FFFD"),
        Err(SignatureError::InvalidEncoding)
    );
    assert_eq!(
        reason("tampered: raw bytes that are not UTF-8"),
        Err(SignatureError::InvalidEncoding)
    );
    assert_eq!(
        reason("tampered: an SHA-1 signature under the SHA-256 setting"),
        Err(SignatureError::MalformedSignature)
    );
    assert_eq!(
        reason("tampered: an empty signature"),
        Err(SignatureError::MalformedSignature)
    );
}
