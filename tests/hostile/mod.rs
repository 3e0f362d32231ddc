//! Hostile requests against a guarded route, the same for every framework: what the
//! signature layer refuses, with which status, and how little it reads first.
//!
//! Each framework's test serves a route `/voice` behind `RequireSignature` with the validator
//! given, whose handler counts its runs and answers with the key that signed the request
//! (the `Verified` the layer leaves in the request's extensions).

#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use twiml::webhook::{Algorithm, Validator, compute_signature_with};

use crate::fake_twilio::{AUTH_TOKEN, PUBLIC_URL, form, many_parameters, raw_request, sign};

/// Serves `/voice` behind the layer made with the validator; returns the address and the
/// handler's run count.
pub type Guard<'a> = &'a dyn Fn(Validator) -> (SocketAddr, Arc<AtomicUsize>);

const FORM: &str = "Content-Type: application/x-www-form-urlencoded\r\n";

fn post(signature_headers: &str, length: usize) -> String {
    format!("POST /voice HTTP/1.1\r\n{FORM}Content-Length: {length}\r\n{signature_headers}")
}

fn signed_headers(signature: &str) -> String {
    format!("X-Twilio-Signature: {signature}\r\n")
}

/// A request that fails the header checks is refused before a byte of its body is read: its
/// `Content-Length` promises 50 MB that never come, and the answer comes anyway.
pub fn refused_before_the_body_is_read(guard: Guard<'_>) {
    let (address, runs) = guard(Validator::new(AUTH_TOKEN).public_url(PUBLIC_URL));
    let sha1_shaped = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    let sha256_shaped = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    for (headers, why) in [
        (String::new(), "no signature"),
        (signed_headers(""), "an empty signature"),
        (signed_headers("AAAA"), "a signature of 3 bytes"),
        (
            signed_headers("not base64, not at all!!!!!!"),
            "a signature that is not base64",
        ),
        (
            signed_headers(sha256_shaped),
            "32 bytes where HMAC-SHA1 has 20",
        ),
        (
            format!(
                "X-Twilio-Signature: {sha1_shaped}\r\n\
                 X-Twilio-Webhooks-Signature-Settings: key=KS1,algorithm=HMAC_SHA256\r\n"
            ),
            "20 bytes where HMAC-SHA256 has 32",
        ),
        (
            format!(
                "X-Twilio-Signature: {sha1_shaped}\r\n\
                 X-Twilio-Webhooks-Signature-Settings: algorithm=HMAC_SHA512\r\n"
            ),
            "an unknown algorithm",
        ),
    ] {
        let (status, _) = raw_request(address, &post(&headers, 50_000_000), b"");
        assert_eq!(status, 403, "{why}");
    }

    // An empty auth token trusts nothing, and says so before the body too.
    let (empty, _) = guard(Validator::new("").public_url(PUBLIC_URL));
    let (status, body) = raw_request(empty, &post(&signed_headers(sha1_shaped), 50_000_000), b"");
    assert_eq!(status, 403);
    assert!(body.contains("auth token is empty"), "{body}");
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

/// The layer's own limit holds whatever the framework's body limit is (each framework's
/// test turns its own off): a declared length over it is 413 before the body is read, and a
/// chunked body is cut at the limit.
pub fn bodies_over_the_limit_are_413(guard: Guard<'_>) {
    let validator = Validator::new(AUTH_TOKEN)
        .public_url(PUBLIC_URL)
        .max_body_bytes(1024);
    let (address, runs) = guard(validator);
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice"), &[]);
    let headers = signed_headers(&signature);

    let (status, _) = raw_request(address, &post(&headers, 50_000_000), b"");
    assert_eq!(status, 413, "a declared length over the limit");

    let chunked = format!("POST /voice HTTP/1.1\r\n{FORM}Transfer-Encoding: chunked\r\n{headers}");
    // One chunk that promises 1 MB, of which one byte past the limit is sent.
    let mut body = format!("{:x}\r\n", 1 << 20).into_bytes();
    body.extend(std::iter::repeat_n(b'a', 1025));
    let (status, _) = raw_request(address, &chunked, &body);
    assert_eq!(status, 413, "a chunked body past the limit");

    // Within the limit, the same route answers.
    let params = [("CallSid", "CA1")];
    let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice"), &params);
    let body = form(&params);
    let (status, _) = raw_request(
        address,
        &post(&signed_headers(&signature), body.len()),
        body.as_bytes(),
    );
    assert_eq!(status, 200);
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// A form with more parameters than the limit is 413, even when Twilio's signature is
/// right: it is refused before it is decoded, sorted or hashed.
pub fn too_many_parameters_are_413(guard: Guard<'_>) {
    let (address, runs) = guard(
        Validator::new(AUTH_TOKEN)
            .public_url(PUBLIC_URL)
            .max_parameters(100),
    );
    for (count, expected) in [(101, 413), (100, 200)] {
        let owned = many_parameters(count);
        let params: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (&**k, &**v)).collect();
        let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}/voice"), &params);
        let body = form(&params);
        let (status, _) = raw_request(
            address,
            &post(&signed_headers(&signature), body.len()),
            body.as_bytes(),
        );
        assert_eq!(status, expected, "{count} parameters");
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// A form that is not UTF-8 once decoded is refused, even under the signature of the text a
/// lossy decoder would make of it: one signature must not cover several bodies.
pub fn forms_that_are_not_utf8_are_403(guard: Guard<'_>) {
    let (address, runs) = guard(Validator::new(AUTH_TOKEN).public_url(PUBLIC_URL));
    let lossy = sign(
        AUTH_TOKEN,
        &format!("{PUBLIC_URL}/voice"),
        &[("Body", "\u{fffd}")],
    );
    for body in [&b"Body=%FF"[..], b"Body=%C3", b"Body=\xff"] {
        let (status, answer) =
            raw_request(address, &post(&signed_headers(&lossy), body.len()), body);
        assert_eq!(status, 403, "{body:?}");
        assert!(answer.contains("not UTF-8"), "{answer}");
    }
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

/// While a token is rotated, requests signed with either pass, and the handler learns which
/// one signed; a shared key's HMAC-SHA256 passes too.
pub fn rotated_tokens_and_shared_keys_pass(guard: Guard<'_>) {
    let validator = Validator::new(AUTH_TOKEN)
        .auth_token("the-next-auth-token")
        .shared_key("KS0123", "a-shared-secret")
        .public_url(PUBLIC_URL);
    let (address, runs) = guard(validator);
    let url = format!("{PUBLIC_URL}/voice");
    let params = [("CallSid", "CA1"), ("Digits", "1"), ("Digits", "1")];
    let body = form(&params);
    let send = |headers: String| raw_request(address, &post(&headers, body.len()), body.as_bytes());

    let (status, answer) = send(signed_headers(&sign(AUTH_TOKEN, &url, &params)));
    assert_eq!((status, answer.as_str()), (200, "AuthToken(0)"));
    let (status, answer) = send(signed_headers(&sign("the-next-auth-token", &url, &params)));
    assert_eq!((status, answer.as_str()), (200, "AuthToken(1)"));
    let (status, _) = send(signed_headers(&sign("a-retired-auth-token", &url, &params)));
    assert_eq!(status, 403);

    let sha256 = compute_signature_with(Algorithm::HmacSha256, "a-shared-secret", &url, params);
    let (status, answer) = send(format!(
        "X-Twilio-Signature: {sha256}\r\n\
         X-Twilio-Webhooks-Signature-Settings: key=KS0123,algorithm=HMAC_SHA256\r\n"
    ));
    assert_eq!((status, answer.as_str()), (200, "SharedKey(\"KS0123\")"));
    assert_eq!(runs.load(Ordering::SeqCst), 3);
}

/// Without a public URL, `X-Forwarded-Proto` and `X-Forwarded-Host` are believed from a
/// trusted proxy (here the test client, on 127.0.0.1), and from nobody else; the host they
/// name must still be allowed.
pub fn forwarded_headers_only_from_trusted_proxies(guard: Guard<'_>) {
    let url = "https://ivr.example.com/voice";
    let params = [("CallSid", "CA1")];
    let body = form(&params);
    let head = format!(
        "POST /voice HTTP/1.1\r\n{FORM}Content-Length: {}\r\nHost: 10.0.0.7:3000\r\n\
         X-Forwarded-Proto: http, https\r\nX-Forwarded-Host: evil.example.com, ivr.example.com\r\n\
         X-Twilio-Signature: {}\r\n",
        body.len(),
        sign(AUTH_TOKEN, url, &params)
    );
    let pinned = Validator::new(AUTH_TOKEN).allowed_host("ivr.example.com");

    let (trusted, runs) = guard(
        pinned
            .clone()
            .trust_proxy(std::net::IpAddr::from([127, 0, 0, 1])),
    );
    assert_eq!(raw_request(trusted, &head, body.as_bytes()).0, 200);
    assert_eq!(runs.load(Ordering::SeqCst), 1);

    let elsewhere: twiml::webhook::TrustedProxy = "10.0.0.0/8".parse().expect("a network");
    let (untrusted, runs) = guard(pinned.trust_proxy(elsewhere));
    let (status, answer) = raw_request(untrusted, &head, body.as_bytes());
    assert_eq!(status, 403);
    assert!(answer.contains("host is not an allowed one"), "{answer}");
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

/// Every scenario above.
pub fn all(guard: Guard<'_>) {
    refused_before_the_body_is_read(guard);
    bodies_over_the_limit_are_413(guard);
    too_many_parameters_are_413(guard);
    forms_that_are_not_utf8_are_403(guard);
    rotated_tokens_and_shared_keys_pass(guard);
    forwarded_headers_only_from_trusted_proxies(guard);
}
