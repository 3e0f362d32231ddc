//! MSG006 forbidden-content: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Message>
                "Acme Widgets: Try our new CBD gummies, 20% off this weekend at https://example.com/shop. Reply STOP to opt out."
            </Message>
        </Response>
    };
}
