//! DEBT002 missing-debt-collector-statement: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(subsequent, right_party_verified)]
        #![business(name = "Acme Recovery")]
        <Response>
            <Say>
                "Hello Jane, this is Acme Recovery. We are following up on the balance due on your account."
            </Say>
            <Gather numDigits="1" action="https://example.com/collect/options">
                <Say>"To make a payment now, press 1."</Say>
            </Gather>
        </Response>
    };
}
