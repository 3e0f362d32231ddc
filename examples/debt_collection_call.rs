//! The two documents of an outbound call from a debt collector, built under a
//! debt-collection policy, printed as TwiML.
//!
//! The first document runs when the consumer answers: it names the business and asks, in a
//! `<Gather>`, whether the person on the phone is the consumer, without a word about the
//! debt (a third party may have answered). Its action runs only when they said yes, so the
//! second document is built under `Fact::RightPartyVerified`: the mini-Miranda, then the
//! debt, then a way to pay and a number to call back. A draft that reads the balance before
//! the mini-Miranda is refused, and the error printed.
//!
//! ```sh
//! cargo run --example debt_collection_call
//! ```

use twiml::prelude::*;

const BUSINESS: &str = "Acme Recovery";
const CALLBACK: &str = "+18005550100";

/// The policy of every document of the call: a debt collector's outbound call.
fn policy() -> Policy {
    Policy::new()
        .regime(Regime::DebtCollection)
        .fact(Fact::Outbound)
        .business_name(BUSINESS)
        .callback_number(CALLBACK)
}

/// The document Twilio fetches when the consumer answers.
fn verify_identity(consumer: &str) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    let question = response
        .gather()
        .input([GatherInput::Dtmf, GatherInput::Speech])
        .num_digits(1)
        .timeout(6)
        .action("/debt/verified");
    question.say(format!(
        "Hello, this is {BUSINESS}. We are calling for {consumer}. If you are {consumer}, \
         press 1 or say yes. If not, press 2, and we will call back another time. \
         You can reach us at 1-800-555-0100."
    ));
    response.say("Goodbye.");
    response.hangup();
    response.build_with(&policy())
}

/// The `<Gather>` action, once the consumer confirmed who they are: the disclosures first.
fn disclose_debt(balance: &str) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    response.say(format!(
        "This is {BUSINESS}, a debt collector. This is an attempt to collect a debt, and any \
         information obtained will be used for that purpose."
    ));
    response.say(format!("Our records show a balance of {balance} dollars."));
    let options = response.gather().num_digits(1).action("/debt/options");
    options.say("To pay now, press 1. To talk to us later, call 1-800-555-0100.");
    response.build_with(&policy().fact(Fact::RightPartyVerified))
}

/// A draft of the same document that reads the balance first.
fn balance_first(balance: &str) -> Result<Twiml, BuildError> {
    let mut response = VoiceResponse::new();
    response.say(format!(
        "{BUSINESS} here. Your balance of {balance} dollars is past due."
    ));
    response.say(
        "This is an attempt to collect a debt, and any information obtained will be used for \
         that purpose. Call 1-800-555-0100.",
    );
    response.build_with(&policy().fact(Fact::RightPartyVerified))
}

/// Prints a document, and its warnings to standard error.
fn show(title: &str, twiml: &Twiml) {
    for warning in twiml.warnings() {
        eprintln!("{warning}");
    }
    println!("<!-- {title} -->\n{twiml:#}");
}

fn main() -> Result<(), BuildError> {
    show("the consumer answers", &verify_identity("Jordan Lee")?);
    show(
        "/debt/verified, after the consumer said yes",
        &disclose_debt("420")?,
    );
    match balance_first("420") {
        Ok(twiml) => println!("the draft was accepted, unexpectedly:\n{twiml:#}"),
        Err(error) => println!("<!-- the balance-first draft is refused -->\n{error}"),
    }
    Ok(())
}
