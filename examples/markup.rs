//! A call flow written as TwiML markup with `twiml!`: the menu is fixed, so the macro checks it
//! when this example compiles; the caller's name arrives at run time, so the build checks the
//! greeting that holds it, with the same rules.
//!
//! `cargo run --example markup -- Ana`

use twiml::twiml;

fn main() -> Result<(), twiml::BuildError> {
    let caller = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "there".to_string());
    let greeting = format!("Hello {caller}. This call may be recorded for quality assurance.");
    let departments = [("sales", 1), ("support", 2), ("billing", 3)];
    let response = twiml! {
        #![business(name = "Acme Widgets")]
        <Response>
            <Say voice="Polly.Joanna-Neural">{greeting}</Say>
            <Gather input="dtmf speech" numDigits=1 action="/menu" timeout=5>
                @for (department, key) in departments {
                    <Say>{format!("For {department}, press {key}.")}</Say>
                }
            </Gather>
            <Say>"We did not receive any input. Goodbye."</Say>
            <Hangup/>
        </Response>
    }?;
    println!("{response:#}");
    Ok(())
}
