//! MSG003 missing-opt-out-instructions: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(marketing_sms)]
        #![business(name = "Acme Widgets")]
        <Response>
            <Message>
                "Acme Widgets: Our spring sale starts today. Take 20% off all garden tools at https://example.com/spring."
            </Message>
        </Response>
    };
}
