//! `twiml!` as users write it: markup that compiles gives the response the builder gives, what
//! the program supplies is checked when the response is built, and nothing it supplies gets
//! past a rule.

#[path = "../benches/support/workloads.rs"]
mod workloads;

use twiml::voice::Say;
use twiml::{BuildError, Twiml, twiml};

#[test]
fn literal_markup_is_the_finished_response() -> Result<(), BuildError> {
    // No interpolation: every check and rule ran at compile time; the build that makes the
    // `Twiml` runs again, for the size only the finished response shows.
    let response: Twiml = twiml! {
        <Response>
            <Say voice="Polly.Joanna">"This call may be recorded."</Say>
            <Gather input="dtmf speech" numDigits=1 action="/menu" timeout="5">
                <Say>"Press 1 for sales, 2 for support."</Say>
            </Gather>
            <Redirect>"/voice"</Redirect>
        </Response>
    }?;
    assert_eq!(
        response.to_string(),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response>"#,
            r#"<Say voice="Polly.Joanna">This call may be recorded.</Say>"#,
            r#"<Gather action="/menu" input="dtmf speech" numDigits="1" timeout="5">"#,
            r#"<Say>Press 1 for sales, 2 for support.</Say></Gather>"#,
            r#"<Redirect>/voice</Redirect></Response>"#
        )
    );
    Ok(())
}

#[test]
fn markup_and_builder_make_the_same_response() -> Result<(), BuildError> {
    let markup = twiml! {
        <Response>
            <Say>"This call may be recorded for quality assurance."</Say>
            <Gather input="dtmf speech" numDigits=1 action="/menu" timeout=5>
                <Say>"Press 1 for sales, 2 for support"</Say>
                <Play>"https://api.twilio.com/cowbell.mp3"</Play>
            </Gather>
            <Say>"We did not receive input"</Say>
            <Redirect>"/voice"</Redirect>
        </Response>
    }?;
    let built = workloads::w2().build().unwrap();
    assert_eq!(markup.to_xml(), built.to_xml());
    assert_eq!(markup.root(), built.root());
    Ok(())
}

#[test]
fn interpolations_make_a_result_checked_at_build() {
    let name = "Ana";
    let greeting = format!("Hello {name}, this call may be recorded.");
    let menu = "/menu".to_string();
    let response = twiml! {
        <Response>
            <Say>{greeting}</Say>
            <Gather numDigits={1} action={menu.clone()}>
                <Say>"Press 1."</Say>
            </Gather>
        </Response>
    };
    let response: Twiml = response.unwrap();
    assert!(
        response
            .to_xml()
            .contains("<Say>Hello Ana, this call may be recorded.</Say>")
    );
    assert!(response.to_xml().contains(r#"action="/menu""#));
}

#[test]
fn text_supplied_at_run_time_meets_the_same_rules() {
    // The macro cannot know what `notice` says; the build does, and refuses.
    let notice = "Thanks for calling.";
    let error = twiml! {
        <Response>
            <Say>{notice}</Say>
            <Dial record="record-from-answer">
                <Number url="https://example.com/whisper">"+14155550100"</Number>
            </Dial>
        </Response>
    }
    .unwrap_err();
    assert_eq!(error.errors().next().unwrap().code, "REC001");

    // The same markup with a notice supplied at run time builds.
    let notice = "This call may be recorded.";
    let built = twiml! {
        <Response>
            <Say>{notice}</Say>
            <Dial record="record-from-answer">
                <Number url="https://example.com/whisper">"+14155550100"</Number>
            </Dial>
        </Response>
    };
    assert!(built.is_ok());

    // A message body supplied at run time is read by the health rules.
    let details = "Your HIV test results are ready.";
    let error = twiml! {
        #![policy(healthcare)]
        <Response>
            <Message>
                <Body>{details}</Body>
            </Message>
        </Response>
    }
    .unwrap_err();
    assert_eq!(error.errors().next().unwrap().code, "PHI001");
}

#[test]
fn messaging_markup() -> Result<(), BuildError> {
    let response = twiml! {
        #![policy(marketing_sms)]
        #![business(name = "Acme Widgets")]
        <Response>
            <Message>
                <Body>"Acme Widgets: 20% off this weekend. Reply STOP to opt out."</Body>
                <Media>"https://example.com/sale.png"</Media>
            </Message>
        </Response>
    }?;
    assert_eq!(
        response.to_xml(),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>"#,
            r#"<Body>Acme Widgets: 20% off this weekend. Reply STOP to opt out.</Body>"#,
            r#"<Media>https://example.com/sale.png</Media></Message></Response>"#
        )
    );
    Ok(())
}

#[test]
fn ssml_inside_say() {
    let code = "4711";
    let response = twiml! {
        <Response>
            <Say language="en-US">
                "Your code is "
                <say-as interpret-as="digits">{code}</say-as>
                ". "
                <break time="500ms"/>
                <prosody rate="slow">"Goodbye."</prosody>
                <lang xml:lang="fr-FR">"Au revoir."</lang>
            </Say>
        </Response>
    }
    .unwrap();
    assert!(response.to_xml().ends_with(concat!(
        r#"<Say language="en-US">Your code is <say-as interpret-as="digits">4711</say-as>. "#,
        r#"<break time="500ms"/><prosody rate="slow">Goodbye.</prosody>"#,
        r#"<lang xml:lang="fr-FR">Au revoir.</lang></Say></Response>"#
    )));
}

#[test]
fn conditionals_and_loops() {
    let options = ["sales", "support", "billing"];
    let after_hours = true;
    let agent: Option<&str> = None;
    let response = twiml! {
        <Response>
            <Say>"This call may be recorded."</Say>
            <Gather numDigits=1 action="/menu">
                @for (i, option) in options.iter().enumerate() {
                    <Say>{format!("For {option}, press {}.", i + 1)}</Say>
                }
            </Gather>
            @if after_hours {
                <Say>"We are closed."</Say>
            } @else if let Some(name) = agent {
                <Say>{format!("Connecting you to {name}.")}</Say>
            } @else {
                <Say>"Please hold."</Say>
            }
        </Response>
    }
    .unwrap();
    let xml = response.to_xml();
    assert!(xml.contains("<Say>For sales, press 1.</Say><Say>For support, press 2.</Say><Say>For billing, press 3.</Say>"));
    assert!(xml.contains("<Say>We are closed.</Say>"));
    assert!(!xml.contains("Please hold"));
}

#[test]
fn elements_made_elsewhere() {
    let closing = Say::new("Goodbye.");
    let extra: Option<Say> = Some(Say::new("Thanks for waiting."));
    let more = vec![Say::new("One."), Say::new("Two.")];
    let response = twiml! {
        <Response>
            {extra}
            {more}
            {closing}
            <Hangup/>
        </Response>
    }
    .unwrap();
    assert!(response.to_xml().contains(
        "<Say>Thanks for waiting.</Say><Say>One.</Say><Say>Two.</Say><Say>Goodbye.</Say><Hangup/>"
    ));
}

#[test]
fn the_policy_inside_the_invocation() -> Result<(), BuildError> {
    let response = twiml! {
        #![policy(debt_collection)]
        #![context(outbound, right_party_verified)]
        #![business(name = "Acme Recovery", callback = "+18005550100")]
        #![allow(REC001, reason = "the notice played in the verification document")]
        <Response>
            <Say>
                "This is Acme Recovery, a debt collector. This is an attempt to collect a debt, \
                 and any information obtained will be used for that purpose. Your balance is 420 \
                 dollars. To talk to us, call 1-800-555-0100."
            </Say>
            <Dial record="record-from-answer">
                <Number url="https://example.com/whisper">"+18005550199"</Number>
            </Dial>
        </Response>
    }?;
    let overrides = response.overrides();
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].code, "REC001");
    assert_eq!(overrides[0].suppressed, 1);
    assert_eq!(
        overrides[0].reason,
        "the notice played in the verification document"
    );
    Ok(())
}

#[test]
fn warnings_stay_on_the_response() -> Result<(), BuildError> {
    // REC002 is a warning: the macro prints it as a compiler warning, and the finished
    // response carries it for the program to log.
    #[allow(deprecated)]
    let response = twiml! {
        <Response>
            <Say>"This call may be recorded."</Say>
            <Dial record="record-from-answer">
                <Number>"+14155550100"</Number>
            </Dial>
        </Response>
    }?;
    assert_eq!(response.warnings()[0].code, "REC002");
    Ok(())
}

#[test]
fn the_policy_file_is_the_policy_of_the_build() -> Result<(), BuildError> {
    // `tests/policy/twiml.toml`: an outbound debt-collection call, REC001 allowed with a reason.
    let disclosure = "This is Acme Recovery, a debt collector. This is an attempt to collect a \
                      debt, and any information obtained will be used for that purpose.";
    let response = twiml! {
        #![policy(file = "tests/policy/twiml.toml")]
        <Response>
            <Say>{disclosure}</Say>
            <Say>"To talk to us, call 1-800-555-0100."</Say>
            <Dial record="record-from-answer">
                <Number url="https://example.com/whisper">"+18005550199"</Number>
            </Dial>
        </Response>
    }?;
    assert_eq!(response.overrides()[0].code, "REC001");
    assert_eq!(
        response.overrides()[0].reason,
        "the notice played in the verification document"
    );

    // What the program supplies meets the file's rules when the response is built.
    let balance = "Your balance of 420 dollars is past due.";
    let error = twiml! {
        #![policy(file = "tests/policy/twiml.toml")]
        <Response>
            <Say>"This is Acme Recovery."</Say>
            <Say>{balance}</Say>
            <Say>"To talk to us, call 1-800-555-0100."</Say>
        </Response>
    }
    .unwrap_err();
    assert!(
        error.errors().any(|d| d.code == twiml::rules::DEBT001),
        "{error}"
    );
    Ok(())
}

#[test]
fn a_response_over_64_kb_is_refused_when_it_is_built() {
    // Only the finished response knows its size, so the build checks it, for markup too.
    let sentence = "This call may be recorded for quality assurance. ".repeat(20);
    let error = twiml! {
        <Response>
            @for _ in 0..80 {
                <Say>{sentence.as_str()}</Say>
            }
        </Response>
    }
    .unwrap_err();
    let codes: Vec<_> = error.errors().map(|d| d.code).collect();
    assert_eq!(codes, ["TW0201"]);
    assert!(
        error.to_string().contains("Twilio reads at most 65536"),
        "{error}"
    );
}
