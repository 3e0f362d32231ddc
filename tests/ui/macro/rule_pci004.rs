//! PCI004 pay-attribute-hygiene: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Pay chargeAmount="49.99" action="http://example.com/pay/result"/>
        </Response>
    };
}
