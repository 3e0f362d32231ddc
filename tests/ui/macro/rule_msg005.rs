//! MSG005 public-url-shortener: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Message>
                "Your Acme Widgets order has shipped. Track it at https://bit.ly/3xYzAbc"
            </Message>
        </Response>
    };
}
