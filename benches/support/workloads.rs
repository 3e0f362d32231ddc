//! The five workloads of the peer benchmarks (`shared/bench/peers`), built with this crate's
//! builder: the same elements, attributes, text and order as twilio-python's `build_w1` to
//! `build_w5`. Used by the benchmarks and by the tests that compare their output with
//! `expected/W*.xml`.

#![allow(dead_code, unreachable_pub)]

use twiml::prelude::*;

use twiml::rules::{Fact, Policy};
use twiml::values::PaymentStep;

/// The Mini-Miranda disclosure that W3 speaks first.
pub const MINI_MIRANDA: &str = "This is an attempt to collect a debt and any information obtained will be used for that purpose.";

/// W1: one `<Say>`.
pub fn w1() -> VoiceResponse {
    let mut r = VoiceResponse::new();
    r.say("Hello world");
    r
}

/// W2: an IVR menu.
pub fn w2() -> VoiceResponse {
    let mut r = VoiceResponse::new();
    r.say("This call may be recorded for quality assurance.");
    let g = r
        .gather()
        .input([GatherInput::Dtmf, GatherInput::Speech])
        .num_digits(1)
        .action("/menu")
        .timeout(5);
    g.say("Press 1 for sales, 2 for support");
    g.play("https://api.twilio.com/cowbell.mp3");
    r.say("We did not receive input");
    r.redirect("/voice");
    r
}

/// W3: a payment with custom prompts.
pub fn w3() -> VoiceResponse {
    let mut r = VoiceResponse::new();
    r.say(MINI_MIRANDA);
    r.pause().length(1);
    let pay = r
        .pay()
        .payment_connector("stripe_connector")
        .charge_amount("49.99")
        .currency("usd")
        .action("/pay-done")
        .status_callback("/pay-status");
    pay.prompt(PaymentStep::PaymentCardNumber)
        .say("Please enter your credit card number.");
    pay.prompt(PaymentStep::ExpirationDate)
        .say("Please enter the expiration date, two digits for the month and two for the year.");
    r.say("Goodbye");
    r.hangup();
    r
}

/// W4: 200 verbs, cycling `<Say>`, `<Play>`, `<Pause>`, `<Dial>` and `<Gather>`, with text and
/// attributes that need escaping.
pub fn w4() -> VoiceResponse {
    let mut r = VoiceResponse::new();
    for i in 0..200 {
        match i % 5 {
            0 => {
                r.say(format!(
                    "Item {i}: Tom & Jerry <say> \"hi\" & 'bye' > Se\u{f1}or caf\u{e9}"
                ))
                .voice(Voice::PollyJoanna)
                .language(SayLanguage::EnUs);
            }
            1 => {
                r.play(format!(
                    "https://example.com/audio/{i}.mp3?lang=es&voice=Se\u{f1}or"
                ))
                .loop_(1);
            }
            2 => {
                r.pause().length(2);
            }
            3 => {
                let d = r
                    .dial()
                    .record(DialRecord::RecordFromAnswerDual)
                    .timeout(20)
                    .caller_id("+15551230000");
                d.number(format!("+1555000{i:04}"));
                d.number(format!("+1555100{i:04}")).send_digits("wwww1928");
            }
            _ => {
                r.gather()
                    .input([GatherInput::Dtmf])
                    .num_digits(4)
                    .action(format!("/gather?step={i}&lang=es"))
                    .timeout(3)
                    .say("Enter your PIN, Se\u{f1}or & Se\u{f1}ora, then press <pound>.");
            }
        }
    }
    r
}

/// W5: a message with a body and two media.
pub fn w5() -> MessagingResponse {
    let mut r = MessagingResponse::new();
    let m = r.message();
    m.body("Your appointment is tomorrow at 2pm. Reply STOP to opt out");
    m.media("https://demo.twilio.com/owl.png");
    m.media("https://demo.twilio.com/logo.png");
    r
}

/// The policy W4 is built under. W4 is a load test, not a call flow: it records 40 bridged
/// calls between audio files nobody listened to. It is built as the last document of a call
/// whose recording notice was given earlier, and its dialed test numbers get no whisper.
pub fn w4_policy() -> Policy {
    Policy::new().fact(Fact::RecordingDisclosed).allow(
        "REC002",
        "the load test dials reserved 555 test numbers, which hear nothing",
    )
}

/// The policy each workload is built under: the baseline, except for W4.
pub fn policy(name: &str) -> Policy {
    match name {
        "W4" => w4_policy(),
        _ => Policy::new(),
    }
}

/// Every workload, built and finished, with its name.
pub fn all() -> Vec<(&'static str, Twiml)> {
    vec![
        ("W1", w1().build().expect("W1 builds")),
        ("W2", w2().build().expect("W2 builds")),
        ("W3", w3().build().expect("W3 builds")),
        ("W4", w4().build_with(&w4_policy()).expect("W4 builds")),
        ("W5", w5().build().expect("W5 builds")),
    ]
}
