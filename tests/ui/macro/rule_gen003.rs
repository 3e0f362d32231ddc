//! GEN003 insecure-url: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Gather numDigits="1" action="http://example.com/menu">
                <Say>"For sales, press 1. For support, press 2."</Say>
            </Gather>
        </Response>
    };
}
