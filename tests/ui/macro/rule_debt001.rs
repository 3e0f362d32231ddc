//! DEBT001 missing-mini-miranda: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(right_party_verified)]
        #![business(name = "Acme Recovery")]
        <Response>
            <Say>
                "Hello Jane, this is Acme Recovery. Our records show a past-due balance of 245 dollars on your account."
            </Say>
            <Gather numDigits="1" action="https://example.com/collect/options">
                <Say>"To discuss a payment plan, press 1."</Say>
            </Gather>
        </Response>
    };
}
