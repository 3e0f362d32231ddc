//! DEBT009 threatening-language: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(right_party_verified)]
        #![business(name = "Acme Recovery")]
        <Response>
            <Say>
                "Hello Jane, this is Acme Recovery. This is an attempt to collect a debt, and any information obtained will be used for that purpose."
            </Say>
            <Say>
                "If you do not pay 245 dollars today, we will sue you and garnish your wages."
            </Say>
        </Response>
    };
}
