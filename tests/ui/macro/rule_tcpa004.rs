//! TCPA004 voicemail-without-toll-free-opt-out: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(telemarketing)]
        #![context(outbound, voicemail)]
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Gather numDigits="1" action="https://example.com/optout-or-continue">
                <Say>
                    "This is Acme Widgets, Inc. To stop calls from us, press 9 now. We are calling about our spring sale on home security systems. To reach us, call 1-212-555-0100."
                </Say>
            </Gather>
        </Response>
    };
}
