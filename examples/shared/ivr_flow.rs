//! The documents of the IVR that `axum_ivr` and `actix_ivr` serve: a recording notice and a
//! `<Gather>` menu, a bill paid with `<Pay>`, a recorded call to an agent. Each is built
//! under [`policy`], so a change that breaks a compliance rule fails the build (a 500 and a
//! log line) instead of reaching a caller.

use twiml::prelude::*;

use twiml::values::InterpretAs;
use twiml::webhook::VoiceWebhook;

/// The policy every document is built under: the flow takes card payments, for Acme Widgets.
pub(crate) fn policy() -> Policy {
    Policy::new()
        .regime(Regime::Payments)
        .business_name("Acme Widgets")
}

/// The policy of the documents after the first, in which the caller heard the recording
/// notice.
fn after_notice(policy: &Policy) -> Policy {
    policy.clone().fact(Fact::RecordingDisclosed)
}

/// `POST /voice`, the first document of a call: the recording notice, then the menu.
pub(crate) fn welcome(policy: &Policy) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    response
        .say("Thanks for calling Acme Widgets. This call may be recorded for quality assurance.")
        .voice(Voice::PollyJoannaNeural);
    let menu = response
        .gather()
        .input([GatherInput::Dtmf, GatherInput::Speech])
        .num_digits(1)
        .timeout(5)
        .hints("pay, agent, hours")
        .action("/menu");
    menu.say(
        "To pay your bill, press 1 or say pay. To speak with an agent, press 2 or say agent. \
         For our opening hours, press 3 or say hours.",
    )
    .voice(Voice::PollyJoannaNeural);
    response.say("We did not hear a choice.");
    response.redirect("/voice");
    response.build_with(policy)
}

/// What the caller chose in the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Pay,
    Agent,
    Hours,
}

impl Choice {
    /// The choice in the keys pressed or the words said, if there is one.
    fn of(call: &VoiceWebhook) -> Option<Choice> {
        let speech = call
            .speech_result
            .as_deref()
            .unwrap_or_default()
            .to_lowercase();
        match call.digits.as_deref() {
            Some("1") => Some(Choice::Pay),
            Some("2") => Some(Choice::Agent),
            Some("3") => Some(Choice::Hours),
            _ if speech.contains("pay") || speech.contains("bill") => Some(Choice::Pay),
            _ if speech.contains("agent") || speech.contains("person") => Some(Choice::Agent),
            _ if speech.contains("hour") || speech.contains("open") => Some(Choice::Hours),
            _ => None,
        }
    }
}

/// `POST /menu`, the `<Gather>` action.
pub(crate) fn menu(policy: &Policy, call: &VoiceWebhook) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    match Choice::of(call) {
        Some(Choice::Pay) => {
            response.say(
                "You will be asked for your card number, its expiration date and its \
                 security code. Your keypad entries are not recorded.",
            );
            response
                .pay()
                .payment_connector("Default")
                .charge_amount("42.50")
                .currency("usd")
                .description("Acme Widgets bill")
                .action("/payment");
        }
        Some(Choice::Agent) => {
            response.say("Connecting you to an agent.");
            response
                .dial()
                .record(DialRecord::RecordFromAnswer)
                .action("/voice")
                .number("+14155550100")
                // The agent hears the recording notice before the call is bridged.
                .url("/whisper");
        }
        Some(Choice::Hours) => {
            response
                .say("We are open Monday to Friday, from 9 in the morning to 5 in the evening.");
            response.redirect("/voice");
        }
        None => {
            response.say("Sorry, I did not get that.");
            response.redirect("/voice");
        }
    }
    response.build_with(&after_notice(policy))
}

/// `POST /payment`, the `<Pay>` action.
pub(crate) fn payment(policy: &Policy, call: &VoiceWebhook) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    match (call.pay_result.as_deref(), &call.payment_confirmation_code) {
        (Some("success"), Some(code)) => {
            let thanks =
                response.say("Thank you, your payment was received. Your confirmation code is ");
            thanks.say_as(code.as_str(), InterpretAs::Characters);
            thanks.text(". Goodbye.");
            response.hangup();
        }
        _ => {
            response.say("We could not take your payment. Let's try again.");
            response.redirect("/voice");
        }
    }
    response.build_with(&after_notice(policy))
}

/// `POST /whisper`, what the agent hears before the call is bridged.
pub(crate) fn whisper(policy: &Policy) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    response.say("A customer from the Acme Widgets line. This call is recorded.");
    response.build_with(policy)
}
