//! A closing tag that does not match its opening tag.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"Hello"</Play>
        </Response>
    };
}
