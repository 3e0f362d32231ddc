//! TCPA002 no-callback-number: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![context(outbound)]
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Say>
                "Hello, this is Acme Widgets, Inc. Your order has shipped and will arrive on Friday. Thank you."
            </Say>
        </Response>
    };
}
