//! TCPA001 business-not-identified: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![context(outbound)]
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Say>"Your order has shipped and will arrive on Friday."</Say>
            <Say>
                "This message is from Acme Widgets, Inc. Questions? Call 1-800-555-0100."
            </Say>
        </Response>
    };
}
