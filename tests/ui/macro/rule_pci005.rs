//! PCI005 literal-card-number: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"Thank you. Your payment is being processed."</Say>
            <Redirect>"https://example.com/pay/charge?card=4111111111111111"</Redirect>
        </Response>
    };
}
