//! GEN001 undeclared-audio: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![context(outbound)]
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Play>"https://example.com/audio/spring-offer.mp3"</Play>
            <Say>"To reach us, call 1-800-555-0100."</Say>
        </Response>
    };
}
