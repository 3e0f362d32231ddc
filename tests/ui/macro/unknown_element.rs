//! A misspelled element: TW0102 at its name, with the closest name.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Sya>"Hello"</Sya>
        </Response>
    };
}
