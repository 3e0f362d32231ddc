//! The webhook module without a server: signatures against independent vectors, the
//! request check, and the form structs against real-looking bodies.
//!
//! The signature vectors were computed with Python's `hmac`, `hashlib` and `base64`
//! modules (`python3 -c`, the URL followed by each name and value sorted by name, HMAC-SHA1
//! under the token, base64), except Twilio's own example, which is the one in its security
//! guide. The test double's signer (`fake_twilio`, an HMAC-SHA1 written from the
//! specifications) must agree with all of them.

mod fake_twilio;

use twiml::webhook::{
    AnsweredBy, CallStatus, DialCallStatus, Direction, Media, MessagingWebhook, SignatureError,
    Validator, VoiceWebhook, WebhookRequest, compute_signature, validate_body_signature,
    validate_signature,
};

const TOKEN: &str = "a-test-auth-token";

/// A signature vector: token, URL, POST parameters, and the signature Python computed.
struct Vector {
    token: &'static str,
    url: &'static str,
    params: &'static [(&'static str, &'static str)],
    signature: &'static str,
}

const VECTORS: &[Vector] = &[
    // Twilio's security guide.
    Vector {
        token: "12345",
        url: "https://mycompany.com/myapp.php?foo=1&bar=2",
        params: &[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ],
        signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
    },
    // Characters outside ASCII, `&`, and a lowercase name that sorts after the others.
    Vector {
        token: TOKEN,
        url: "https://example.com/sms",
        params: &[
            ("lowercase", "last"),
            ("NumMedia", "0"),
            ("Body", "Héllo & 👋 ¿qué tal?"),
            ("From", "+14155550123"),
            ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ],
        signature: "f+/vVwbKgyyTrybl8Zl1Dnp2Z2Y=",
    },
    // A repeated name: its values in order.
    Vector {
        token: TOKEN,
        url: "https://example.com/multi",
        params: &[("b", "2"), ("a", "x"), ("a", "1")],
        signature: "T7pyX522GfL3zHD6ypgSwiXFrpo=",
    },
    // A GET request: the parameters are in the URL, none in the body.
    Vector {
        token: TOKEN,
        url: "https://example.com/voice?From=%2B14155550123&CallSid=CA1",
        params: &[],
        signature: "zv/CXaMYS3m/TzVCnwzZ9/Eq/2U=",
    },
    // With the default port, and without it.
    Vector {
        token: TOKEN,
        url: "https://example.com:443/voice",
        params: &[("CallSid", "CA1")],
        signature: "FGGeX2DZmFyh93CkUpt8thp8VZE=",
    },
    Vector {
        token: TOKEN,
        url: "https://example.com/voice",
        params: &[("CallSid", "CA1")],
        signature: "kZy27t54EfSuESxmIGH9rCo8Zy8=",
    },
];

#[test]
fn signatures_match_the_independent_vectors() {
    for v in VECTORS {
        assert_eq!(
            compute_signature(v.token, v.url, v.params.iter().copied()),
            v.signature,
            "{}",
            v.url
        );
        assert!(validate_signature(
            v.token,
            v.url,
            v.params.iter().copied(),
            v.signature
        ));
        assert_eq!(
            fake_twilio::sign(v.token, v.url, v.params),
            v.signature,
            "{}",
            v.url
        );
    }
}

#[test]
fn the_test_double_hashes_like_the_standard() {
    // FIPS 180-4's examples, and an input of more than one block.
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    assert_eq!(
        hex(&fake_twilio::sha1(b"abc")),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
    assert_eq!(
        hex(&fake_twilio::sha1(b"")),
        "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    );
    assert_eq!(
        hex(&fake_twilio::sha1(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
    );
    // RFC 2202, test case 6: a key longer than a block.
    assert_eq!(
        hex(&fake_twilio::hmac_sha1(
            &[0xaa; 80],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )),
        "aa4ae5e15272d00e95705637ce8a3b55ed402112"
    );
    assert_eq!(fake_twilio::base64(b"f"), "Zg==");
    assert_eq!(fake_twilio::base64(b"fo"), "Zm8=");
    assert_eq!(fake_twilio::base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn anything_changed_fails() {
    let v = &VECTORS[0];
    let params = v.params.iter().copied();
    assert!(!validate_signature(
        "54321",
        v.url,
        params.clone(),
        v.signature
    ));
    assert!(!validate_signature(
        v.token,
        "https://mycompany.com/myapp.php?foo=1&bar=3",
        params.clone(),
        v.signature
    ));
    assert!(!validate_signature(
        v.token,
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        params.clone(),
        v.signature
    ));
    let tampered = v
        .params
        .iter()
        .map(|&(name, value)| (name, if name == "Digits" { "9999" } else { value }));
    assert!(!validate_signature(v.token, v.url, tampered, v.signature));
    let added = params.clone().chain([("Extra", "1")]);
    assert!(!validate_signature(v.token, v.url, added, v.signature));
    let dropped = params.clone().filter(|(name, _)| *name != "To");
    assert!(!validate_signature(v.token, v.url, dropped, v.signature));
    for garbage in ["", "not base64!", "0/KCTR6DLpKmkAf8muzZqo1nDgQ", "AAAA"] {
        assert!(!validate_signature(v.token, v.url, params.clone(), garbage));
    }
}

#[test]
fn the_order_of_the_parameters_given_does_not_matter() {
    let v = &VECTORS[0];
    let reversed = v.params.iter().rev().copied();
    assert!(validate_signature(v.token, v.url, reversed, v.signature));
    let map: std::collections::HashMap<&str, &str> = v.params.iter().copied().collect();
    assert!(validate_signature(v.token, v.url, &map, v.signature));
}

#[test]
fn the_default_port_may_be_there_or_not() {
    let with_port = "FGGeX2DZmFyh93CkUpt8thp8VZE=";
    let without_port = "kZy27t54EfSuESxmIGH9rCo8Zy8=";
    let params = [("CallSid", "CA1")];
    for url in ["https://example.com/voice", "https://example.com:443/voice"] {
        assert!(validate_signature(TOKEN, url, params, with_port), "{url}");
        assert!(
            validate_signature(TOKEN, url, params, without_port),
            "{url}"
        );
    }
    // Another port is another URL: http://example.com:8080/voice, from Python.
    let other_port = "PmLK96fca4yNlqT1YOHFzYrfmv4=";
    assert!(validate_signature(
        TOKEN,
        "http://example.com:8080/voice",
        params,
        other_port
    ));
    assert!(!validate_signature(
        TOKEN,
        "http://example.com/voice",
        params,
        other_port
    ));
    assert!(!validate_signature(
        TOKEN,
        "http://example.com:80/voice",
        params,
        other_port
    ));
}

#[test]
fn json_bodies_are_checked_through_body_sha256() {
    let url = format!(
        "https://ivr.example.com/events?bodySHA256={}",
        fake_twilio::JSON_BODY_SHA256
    );
    let body = fake_twilio::JSON_BODY.as_bytes();
    let signature = fake_twilio::JSON_SIGNATURE;
    assert!(validate_body_signature(
        fake_twilio::AUTH_TOKEN,
        &url,
        body,
        signature
    ));
    assert!(!validate_body_signature(
        fake_twilio::AUTH_TOKEN,
        &url,
        br#"{"CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"failed"}"#,
        signature
    ));
    // The hash alone is not enough: the URL carrying it is signed.
    assert!(!validate_body_signature(
        fake_twilio::AUTH_TOKEN,
        &url,
        body,
        "AAAA"
    ));
    assert!(!validate_body_signature(
        fake_twilio::AUTH_TOKEN,
        "https://ivr.example.com/events",
        body,
        signature
    ));
}

fn form_request<'a>(
    path_and_query: &'a str,
    body: &'a [u8],
    signature: Option<&'a str>,
) -> WebhookRequest<'a> {
    WebhookRequest {
        host: Some("127.0.0.1:3000"),
        path_and_query,
        content_type: Some("application/x-www-form-urlencoded; charset=utf-8"),
        signature,
        body,
        ..WebhookRequest::default()
    }
}

#[test]
fn the_validator_rebuilds_the_url_from_the_public_one() {
    let params = [("CallSid", "CA1"), ("Digits", "5")];
    let body = fake_twilio::form(&params);
    let signature = fake_twilio::sign(TOKEN, "https://ivr.example.com/twilio/menu?step=2", &params);

    // A proxy strips `/twilio`; the public URL puts it back.
    let validator = Validator::new(TOKEN).public_url("https://ivr.example.com/twilio/");
    let request = form_request("/menu?step=2", body.as_bytes(), Some(&signature));
    assert_eq!(validator.verify(&request).map(drop), Ok(()));
    assert_eq!(
        validator.request_url(&request).as_deref(),
        Some("https://ivr.example.com/twilio/menu?step=2")
    );

    let elsewhere = form_request("/menu?step=3", body.as_bytes(), Some(&signature));
    assert_eq!(
        validator.verify(&elsewhere),
        Err(SignatureError::InvalidSignature)
    );
    let unsigned = form_request("/menu?step=2", body.as_bytes(), None);
    assert_eq!(
        validator.verify(&unsigned),
        Err(SignatureError::MissingSignature)
    );
    let tampered = fake_twilio::form(&[("CallSid", "CA1"), ("Digits", "6")]);
    let changed = form_request("/menu?step=2", tampered.as_bytes(), Some(&signature));
    assert_eq!(
        validator.verify(&changed),
        Err(SignatureError::InvalidSignature)
    );
    let wrong_token = Validator::new("another-token").public_url("https://ivr.example.com/twilio");
    assert_eq!(
        wrong_token.verify(&request),
        Err(SignatureError::InvalidSignature)
    );
}

#[test]
fn without_a_public_url_the_host_must_be_allowed() {
    let params = [("CallSid", "CA1")];
    let body = fake_twilio::form(&params);
    let https = fake_twilio::sign(TOKEN, "https://127.0.0.1:3000/voice", &params);
    let http = fake_twilio::sign(TOKEN, "http://127.0.0.1:3000/voice", &params);
    let request = |signature| form_request("/voice", body.as_bytes(), Some(signature));

    // Nothing says which hosts are ours: nothing passes.
    let unpinned = Validator::new(TOKEN);
    assert_eq!(
        unpinned.verify(&request(&https)),
        Err(SignatureError::HostNotAllowed)
    );
    assert!(unpinned.weakness().is_some());

    // An allowed host, compared without its port and its case, over https only.
    let pinned = Validator::new(TOKEN).allowed_host("127.0.0.1");
    assert!(pinned.weakness().is_none());
    assert_eq!(pinned.verify(&request(&https)).map(drop), Ok(()));
    assert_eq!(
        pinned.verify(&request(&http)),
        Err(SignatureError::InvalidSignature)
    );
    let with_http = pinned.clone().allow_http();
    assert_eq!(with_http.verify(&request(&http)).map(drop), Ok(()));
    assert_eq!(
        Validator::new(TOKEN)
            .allowed_host("ivr.example.com")
            .verify(&request(&https)),
        Err(SignatureError::HostNotAllowed)
    );

    // Any host, when asked for, with a warning to log.
    let any = Validator::new(TOKEN).allow_any_host();
    assert!(any.weakness().is_some());
    assert_eq!(any.verify(&request(&https)).map(drop), Ok(()));
    let elsewhere = fake_twilio::sign(TOKEN, "https://evil.example.com/voice", &params);
    assert_eq!(
        any.verify(&request(&elsewhere)),
        Err(SignatureError::InvalidSignature)
    );

    let hostless = WebhookRequest {
        host: None,
        ..request(&https)
    };
    assert_eq!(any.verify(&hostless), Err(SignatureError::UnknownUrl));
}

#[test]
fn get_requests_are_signed_through_their_query() {
    let validator = Validator::new(TOKEN).public_url("https://example.com");
    let request = WebhookRequest {
        host: None,
        path_and_query: "/voice?From=%2B14155550123&CallSid=CA1",
        content_type: None,
        signature: Some("zv/CXaMYS3m/TzVCnwzZ9/Eq/2U="),
        body: b"",
        ..WebhookRequest::default()
    };
    assert_eq!(validator.verify(&request).map(drop), Ok(()));
    let changed = WebhookRequest {
        path_and_query: "/voice?From=%2B14155550124&CallSid=CA1",
        ..request
    };
    assert_eq!(
        validator.verify(&changed),
        Err(SignatureError::InvalidSignature)
    );
}

#[test]
fn json_bodies_through_the_validator() {
    let validator = Validator::new(fake_twilio::AUTH_TOKEN).public_url(fake_twilio::PUBLIC_URL);
    let path = format!("/events?bodySHA256={}", fake_twilio::JSON_BODY_SHA256);
    let request = WebhookRequest {
        host: None,
        path_and_query: &path,
        content_type: Some("application/json"),
        signature: Some(fake_twilio::JSON_SIGNATURE),
        body: fake_twilio::JSON_BODY.as_bytes(),
        ..WebhookRequest::default()
    };
    assert_eq!(validator.verify(&request).map(drop), Ok(()));
    let changed = WebhookRequest {
        body: br#"{"CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"failed"}"#,
        ..request
    };
    assert_eq!(
        validator.verify(&changed),
        Err(SignatureError::BodyHashMismatch)
    );
    // A body the signature does not cover: the URL alone was signed, for a GET.
    let get_signature = fake_twilio::sign(
        fake_twilio::AUTH_TOKEN,
        &format!("{}/events", fake_twilio::PUBLIC_URL),
        &[],
    );
    let smuggled = WebhookRequest {
        path_and_query: "/events",
        signature: Some(&get_signature),
        ..request
    };
    assert_eq!(
        validator.verify(&smuggled),
        Err(SignatureError::UnsignedBody)
    );
    let without_body = WebhookRequest {
        body: b"",
        ..smuggled
    };
    assert_eq!(validator.verify(&without_body).map(drop), Ok(()));
}

#[test]
fn a_voice_request_parses() {
    let body = "AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01\
        &CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=in-progress&CallToken=%7B%22t%22%3A1%7D\
        &Called=%2B18005550100&CalledCity=&CalledCountry=US&Caller=%2B14155550123\
        &CallerName=JANE+DOE&Direction=inbound&Digits=1&FinishedOnKey=%23&From=%2B14155550123\
        &FromCity=SAN+FRANCISCO&FromCountry=US&FromState=CA&FromZip=94105\
        &SpeechResult=pay+my+bill&Confidence=0.91&StirVerstat=TN-Validation-Passed-A\
        &To=%2B18005550100&ToCity=&ToCountry=US&ToState=&ToZip=";
    let call: VoiceWebhook = serde_urlencoded::from_str(body).expect("a voice form");
    assert_eq!(call.call_sid, "CA0123456789abcdef0123456789abcdef");
    assert_eq!(call.account_sid, "AC0123456789abcdef0123456789abcdef");
    assert_eq!(call.from, "+14155550123");
    assert_eq!(call.to, "+18005550100");
    assert_eq!(call.call_status, Some(CallStatus::InProgress));
    assert_eq!(call.direction, Some(Direction::Inbound));
    assert_eq!(call.api_version.as_deref(), Some("2010-04-01"));
    assert_eq!(call.caller_name.as_deref(), Some("JANE DOE"));
    assert_eq!(call.call_token.as_deref(), Some(r#"{"t":1}"#));
    assert_eq!(call.from_city.as_deref(), Some("SAN FRANCISCO"));
    assert_eq!(call.from_zip.as_deref(), Some("94105"));
    assert_eq!(call.to_city.as_deref(), Some(""));
    assert_eq!(call.digits.as_deref(), Some("1"));
    assert_eq!(call.finished_on_key.as_deref(), Some("#"));
    assert_eq!(call.speech_result.as_deref(), Some("pay my bill"));
    assert_eq!(call.confidence, Some(0.91));
    assert_eq!(call.stir_verstat.as_deref(), Some("TN-Validation-Passed-A"));
    assert_eq!(call.answered_by, None);
    assert_eq!(call.recording_url, None);
}

#[test]
fn action_callbacks_parse() {
    let dial = "CallSid=CA1&AccountSid=AC1&From=%2B1&To=%2B2&DialCallStatus=no-answer\
        &DialCallSid=CA2&DialCallDuration=0&DialBridged=false&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Fr\
        &RecordingSid=RE1&RecordingDuration=&AnsweredBy=machine_end_beep&MachineDetectionDuration=2400";
    let call: VoiceWebhook = serde_urlencoded::from_str(dial).expect("a dial action");
    assert_eq!(call.dial_call_status, Some(DialCallStatus::NoAnswer));
    assert_eq!(call.dial_call_sid.as_deref(), Some("CA2"));
    assert_eq!(call.dial_call_duration, Some(0));
    assert_eq!(call.dial_bridged, Some(false));
    assert_eq!(
        call.recording_url.as_deref(),
        Some("https://api.twilio.com/r")
    );
    assert_eq!(call.recording_sid.as_deref(), Some("RE1"));
    // An empty number is an absent one.
    assert_eq!(call.recording_duration, None);
    assert_eq!(call.answered_by, Some(AnsweredBy::MachineEndBeep));
    assert_eq!(call.machine_detection_duration, Some(2400));

    let pay = "CallSid=CA1&AccountSid=AC1&Result=success&PaymentConfirmationCode=ch_1\
        &PaymentCardNumber=xxxx-xxxx-xxxx-1111&PaymentCardType=visa";
    let call: VoiceWebhook = serde_urlencoded::from_str(pay).expect("a pay action");
    assert_eq!(call.pay_result.as_deref(), Some("success"));
    assert_eq!(call.payment_confirmation_code.as_deref(), Some("ch_1"));
    assert_eq!(
        call.payment_card_number.as_deref(),
        Some("xxxx-xxxx-xxxx-1111")
    );

    let transcription = "CallSid=CA1&AccountSid=AC1&TranscriptionText=call+me+back\
        &TranscriptionStatus=completed&RecordingSid=RE1";
    let call: VoiceWebhook = serde_urlencoded::from_str(transcription).expect("a transcription");
    assert_eq!(call.transcription_text.as_deref(), Some("call me back"));
}

#[test]
fn missing_optional_fields_and_unknown_values() {
    let call: VoiceWebhook = serde_urlencoded::from_str(
        "CallSid=CA1&AccountSid=AC1&CallStatus=initiated&Direction=trunking-originating&AnsweredBy=robot",
    )
    .expect("a minimal form");
    assert_eq!(call.from, "");
    assert_eq!(call.to, "");
    assert_eq!(
        call.call_status,
        Some(CallStatus::Other("initiated".into()))
    );
    assert_eq!(
        call.direction,
        Some(Direction::Other("trunking-originating".into()))
    );
    assert_eq!(call.answered_by, Some(AnsweredBy::Other("robot".into())));
    assert_eq!(call.digits, None);
    assert_eq!(call.confidence, None);

    // Without the call's identity the form is not a voice webhook.
    assert!(serde_urlencoded::from_str::<VoiceWebhook>("From=%2B1&To=%2B2").is_err());
    // A number that is not one fails like any mistyped field.
    assert!(
        serde_urlencoded::from_str::<VoiceWebhook>("CallSid=CA1&AccountSid=AC1&Confidence=high")
            .is_err()
    );
}

#[test]
fn a_message_with_media_parses() {
    let body = "ToCountry=US&ToState=CA&SmsMessageSid=SM0123&NumMedia=2&ToCity=&FromZip=94105\
        &SmsSid=SM0123&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
        &Body=Here+are+the+photos+%F0%9F%93%B7&FromCountry=US&To=%2B18005550100\
        &MessagingServiceSid=MG0123&ToZip=&NumSegments=1&MessageSid=SM0123\
        &AccountSid=AC0123&From=%2B14155550123&ApiVersion=2010-04-01\
        &MediaContentType1=image%2Fpng&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm1\
        &MediaContentType0=image%2Fjpeg&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm0\
        &ReferralNumMedia=0&SomethingTwilioAddsNextYear=1";
    let message: MessagingWebhook = serde_urlencoded::from_str(body).expect("a message form");
    assert_eq!(message.message_sid, "SM0123");
    assert_eq!(message.account_sid, "AC0123");
    assert_eq!(message.from, "+14155550123");
    assert_eq!(message.to, "+18005550100");
    assert_eq!(message.body, "Here are the photos 📷");
    assert_eq!(message.num_media, 2);
    assert_eq!(message.num_segments, Some(1));
    assert_eq!(message.messaging_service_sid.as_deref(), Some("MG0123"));
    assert_eq!(message.sms_status.as_deref(), Some("received"));
    assert_eq!(message.from_city.as_deref(), Some("SAN FRANCISCO"));
    assert_eq!(
        *message.media,
        [
            Media::new("https://api.twilio.com/m0", Some("image/jpeg".into())),
            Media::new("https://api.twilio.com/m1", Some("image/png".into())),
        ]
    );
}

#[test]
fn a_whatsapp_message_parses() {
    let body = "MessageSid=SM1&AccountSid=AC1&From=whatsapp%3A%2B14155550123\
        &To=whatsapp%3A%2B18005550100&Body=&NumMedia=0&ProfileName=Jane&WaId=14155550123\
        &Forwarded=true&Latitude=37.7749&Longitude=-122.4194&Address=1+Main+St&Label=Office";
    let message: MessagingWebhook = serde_urlencoded::from_str(body).expect("a WhatsApp form");
    assert_eq!(message.body, "");
    assert!(message.media.is_empty());
    assert_eq!(message.profile_name.as_deref(), Some("Jane"));
    assert_eq!(message.wa_id.as_deref(), Some("14155550123"));
    assert_eq!(message.forwarded, Some(true));
    assert_eq!(message.frequently_forwarded, None);
    assert_eq!(message.latitude, Some(37.7749));
    assert_eq!(message.longitude, Some(-122.4194));
    assert_eq!(message.label.as_deref(), Some("Office"));
}

#[test]
fn forms_serialize_back_to_what_twilio_sends() {
    let mut call = VoiceWebhook::default();
    call.call_sid = "CA1".into();
    call.account_sid = "AC1".into();
    call.from = "+14155550123".into();
    call.call_status = Some(CallStatus::NoAnswer);
    call.confidence = Some(0.5);
    call.dial_bridged = Some(true);
    let form = serde_urlencoded::to_string(&call).expect("serializes");
    assert_eq!(
        form,
        "CallSid=CA1&AccountSid=AC1&From=%2B14155550123&To=&CallStatus=no-answer\
         &Confidence=0.5&DialBridged=true"
    );
    assert_eq!(
        serde_urlencoded::from_str::<VoiceWebhook>(&form).ok(),
        Some(call)
    );

    let mut message = MessagingWebhook::default();
    message.message_sid = "SM1".into();
    message.account_sid = "AC1".into();
    message.num_media = 1;
    message
        .media
        .0
        .push(Media::new("https://api.twilio.com/m0", None));
    let form = serde_urlencoded::to_string(&message).expect("serializes");
    assert!(
        form.contains("NumMedia=1&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm0"),
        "{form}"
    );
    assert_eq!(
        serde_urlencoded::from_str::<MessagingWebhook>(&form).ok(),
        Some(message)
    );
}

#[test]
fn an_empty_auth_token_trusts_nothing() {
    // Anyone can sign with the empty key; an unset variable must not open the door.
    let url = "https://ivr.example.com/voice";
    let params = [("CallSid", "CA1")];
    let signature = compute_signature("", url, params);
    assert!(!validate_signature("", url, params, &signature));
    let body = fake_twilio::form(&params);
    let request = WebhookRequest {
        host: None,
        path_and_query: "/voice",
        content_type: Some("application/x-www-form-urlencoded"),
        signature: Some(&signature),
        body: body.as_bytes(),
        ..WebhookRequest::default()
    };
    let validator = Validator::new("").public_url("https://ivr.example.com");
    assert_eq!(validator.verify(&request), Err(SignatureError::NoAuthToken));
}

proptest::proptest! {
    /// No input makes the checks panic: any URL, parameters, signature and body.
    #[test]
    fn the_checks_never_panic(
        url in "\\PC{0,40}",
        path in "\\PC{0,40}",
        host in proptest::option::of("\\PC{0,20}"),
        content_type in proptest::option::of("\\PC{0,40}"),
        signature in proptest::option::of("\\PC{0,40}"),
        name in "\\PC{0,10}",
        value in "\\PC{0,10}",
        body in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
    ) {
        let _ = validate_signature(TOKEN, &url, [(&name, &value)], signature.as_deref().unwrap_or(""));
        let _ = validate_body_signature(TOKEN, &url, &body, signature.as_deref().unwrap_or(""));
        for validator in [
            Validator::new(TOKEN),
            Validator::new(TOKEN).allow_any_host().allow_http(),
            Validator::new(TOKEN).public_url(url.clone()),
        ] {
            let request = WebhookRequest {
                host: host.as_deref(),
                path_and_query: &path,
                content_type: content_type.as_deref(),
                signature: signature.as_deref(),
                body: &body,
                ..WebhookRequest::default()
            };
            let _ = validator.verify(&request);
            let _ = validator.request_url(&request);
        }
        let _ = serde_urlencoded::from_bytes::<VoiceWebhook>(&body);
        let _ = serde_urlencoded::from_bytes::<MessagingWebhook>(&body);
    }
}
