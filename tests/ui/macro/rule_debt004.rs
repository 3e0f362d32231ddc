//! DEBT004 debt-content-before-verification: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(outbound)]
        #![business(name = "Acme Recovery")]
        <Response>
            <Say>
                "Hello, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose. You owe 245 dollars. Please call us at 1-800-555-0100."
            </Say>
        </Response>
    };
}
