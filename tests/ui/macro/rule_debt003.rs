//! DEBT003 voicemail-not-limited-content: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collection)]
        #![context(voicemail)]
        #![business(name = "ABC Services")]
        <Response>
            <Say>
                "Hi, this is Robin Smith from ABC Services calling about your past-due account. Please call me back at 1-800-555-0100."
            </Say>
        </Response>
    };
}
