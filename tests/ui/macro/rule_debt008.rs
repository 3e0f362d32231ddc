//! DEBT008 collector-not-identified: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(right_party_verified)]
        #![business(name = "Acme Recovery")]
        <Response>
            <Say>
                "Hello Jane. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your balance of 245 dollars is past due."
            </Say>
            <Say>"This call is from Acme Recovery."</Say>
        </Response>
    };
}
