//! Values the element table accepts because Twilio's documentation gives them a meaning, and
//! values it only warns about because the bound it would refuse them on is not confirmed in
//! that documentation. A validator that fails a working document is as wrong as one that
//! passes a broken one; the last tests check that the bounds Twilio does document still fail.

use twiml::voice::VoiceResponse;
use twiml::{ParseOptions, RenderOptions, Severity, validate};

/// `(code, severity)` of every finding on `xml`.
fn findings(xml: &str) -> Vec<(String, Severity)> {
    validate(xml, &ParseOptions::default())
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.severity))
        .collect()
}

fn errors(xml: &str) -> Vec<String> {
    findings(xml)
        .into_iter()
        .filter(|(_, s)| *s == Severity::Error)
        .map(|(c, _)| c)
        .collect()
}

/// The document validates with no error, and `code` is reported as a warning on it.
fn warns_only(xml: &str, code: &str) {
    let found = findings(xml);
    assert!(
        found.iter().all(|(_, s)| *s != Severity::Error),
        "{xml}: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(c, s)| c == code && *s == Severity::Warning),
        "{xml}: expected a {code} warning, found {found:?}"
    );
}

#[test]
fn an_empty_conference_wait_url_means_no_wait_music() {
    // Twilio error 13233: "waitUrl must be either a well formed URL or the empty string".
    let xml = r#"<Response><Dial><Conference waitUrl="">Room</Conference></Dial></Response>"#;
    assert_eq!(findings(xml), vec![], "{xml}");
}

#[test]
fn the_builder_sets_an_empty_wait_url_and_renders_it() {
    let mut r = VoiceResponse::new();
    r.dial().conference("Room").wait_url("");
    let twiml = r.build().expect("an empty waitUrl is valid");
    assert!(twiml.warnings().is_empty(), "{:?}", twiml.warnings());
    let xml = twiml.to_xml_with(&RenderOptions::new().xml_declaration(false));
    assert_eq!(
        xml,
        r#"<Response><Dial><Conference waitUrl="">Room</Conference></Dial></Response>"#
    );
    assert_eq!(findings(&xml), vec![]);
}

#[test]
fn an_empty_gather_finish_on_key_means_no_key_ends_the_input() {
    // Twilio's <Gather> reference lists '' (the empty string) among finishOnKey's values.
    let xml = r#"<Response><Gather finishOnKey="" numDigits="4"><Say>Your code</Say></Gather></Response>"#;
    let found = findings(xml);
    assert!(
        found.iter().all(|(c, _)| c != "TW0105" && c != "TW0106"),
        "{found:?}"
    );
    assert_eq!(errors(xml), Vec::<String>::new());
}

#[test]
fn an_empty_url_twilio_gives_no_meaning_is_a_warning_not_an_error() {
    // Twilio's helper libraries emit `<Queue url="">`; the docs give the empty value no
    // meaning, so it is not refused, only pointed out.
    for xml in [
        r#"<Response><Dial><Queue url="">support</Queue></Dial></Response>"#,
        r#"<Response><Enqueue waitUrl="">support</Enqueue></Response>"#,
        r#"<Response><Dial><Number url="">+14155550100</Number></Dial></Response>"#,
        r#"<Response><Dial action="">+14155550100</Dial></Response>"#,
    ] {
        warns_only(xml, "TW0113");
    }
}

#[test]
fn an_autopilot_assistant_may_be_named_by_its_unique_name() {
    // Twilio's helper libraries document the text as "Autopilot assistant sid or unique name".
    for name in ["UAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "appointment-bot"] {
        let xml = format!("<Response><Connect><Autopilot>{name}</Autopilot></Connect></Response>");
        assert_eq!(errors(&xml), Vec::<String>::new(), "{xml}");
    }
}

#[test]
fn a_value_past_a_bound_twilio_does_not_confirm_is_a_warning() {
    for xml in [
        // <Pay maxAttempts>: the bound of 3 is recalled, not read in Twilio's docs.
        r#"<Response><Pay maxAttempts="5"/></Response>"#,
        // <Sip> machine detection: ranges copied from <Number>.
        r#"<Response><Dial><Sip machineDetection="Enable" machineDetectionTimeout="90">sip:agent@example.com</Sip></Dial></Response>"#,
        r#"<Response><Dial><Sip machineDetection="Enable" machineDetectionSilenceTimeout="12000">sip:agent@example.com</Sip></Dial></Response>"#,
        // <Record maxLength>: accounts with 24-hour calls record up to 86400 seconds.
        r#"<Response><Record maxLength="86400"/></Response>"#,
    ] {
        warns_only(xml, "TW0113");
    }
}

#[test]
fn the_builder_accepts_a_value_past_an_unconfirmed_bound_with_a_warning() {
    let mut r = VoiceResponse::new();
    r.record().max_length(86_400);
    let twiml = r.build().expect("a warning does not fail the build");
    let codes: Vec<&str> = twiml.warnings().iter().map(|d| d.code.code()).collect();
    assert!(codes.contains(&"TW0113"), "{codes:?}");
}

#[test]
fn documented_bounds_and_forms_still_fail() {
    for (xml, code) in [
        // A URL that is not one: Twilio 13233 asks for a well-formed URL or "".
        (
            r#"<Response><Dial><Conference waitUrl="ftp://example.com/music">Room</Conference></Dial></Response>"#,
            "TW0105",
        ),
        // <Number> machine detection ranges are in Twilio's <Number> reference.
        (
            r#"<Response><Dial><Number machineDetection="Enable" machineDetectionTimeout="90">+14155550100</Number></Dial></Response>"#,
            "TW0106",
        ),
        // <Dial timeout>: a positive integer (13212).
        (
            r#"<Response><Dial timeout="0">+14155550100</Dial></Response>"#,
            "TW0106",
        ),
        // <Gather finishOnKey>: one key, or none.
        (
            r#"<Response><Gather finishOnKey="12"/></Response>"#,
            "TW0106",
        ),
        // <Conference maxParticipants>: 250 at most.
        (
            r#"<Response><Dial><Conference maxParticipants="300">Room</Conference></Dial></Response>"#,
            "TW0106",
        ),
        // An unconfirmed bound still wants a number the model can hold.
        (
            r#"<Response><Record maxLength="99999999999"/></Response>"#,
            "TW0106",
        ),
        (
            r#"<Response><Pay maxAttempts="many"/></Response>"#,
            "TW0105",
        ),
        // <Autopilot> still needs the assistant.
        (
            r#"<Response><Connect><Autopilot></Autopilot></Connect></Response>"#,
            "TW0108",
        ),
    ] {
        let errors = errors(xml);
        assert!(
            errors.iter().any(|c| c == code),
            "{xml}: expected a {code} error, found {errors:?}"
        );
    }
}
