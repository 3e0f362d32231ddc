//! PCI001 card-data-outside-pay: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Gather numDigits="16" finishOnKey="#" action="https://example.com/pay/card">
                <Say>"Please enter your credit card number, followed by the pound key."</Say>
            </Gather>
        </Response>
    };
}
