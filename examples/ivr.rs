//! Builds the response of a small IVR menu and prints it, indented.
//!
//! Run it with `cargo run --example ivr`.

use twiml::prelude::*;

fn main() -> Result<(), BuildError> {
    let mut response = VoiceResponse::new();
    response
        .say("Thanks for calling Acme Widgets. This call may be recorded.")
        .voice(Voice::PollyJoannaNeural);
    let menu = response
        .gather()
        .input([GatherInput::Dtmf, GatherInput::Speech])
        .num_digits(1)
        .timeout(5)
        .action("/menu")
        .hints("sales, support, billing");
    menu.say("For sales, press 1 or say sales. For support, press 2 or say support.");
    menu.pause().length(1);
    response.say("We did not receive any input. Goodbye.");
    response.hangup();

    let twiml = response.build()?;
    for warning in twiml.warnings() {
        eprintln!("{warning}");
    }
    println!("{twiml:#}");
    Ok(())
}
