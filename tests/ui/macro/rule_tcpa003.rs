//! TCPA003 late-or-missing-opt-out: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(telemarketing)]
        #![context(outbound)]
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Gather numDigits="1" action="https://example.com/optout-or-continue">
                <Say>
                    "This is Acme Widgets, Inc. We are calling with a special offer on home security systems. To stop calls from us, press 9 now. To reach us, call 1-800-555-0100."
                </Say>
            </Gather>
        </Response>
    };
}
