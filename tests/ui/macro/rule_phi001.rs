//! PHI001 health-details-in-content: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(healthcare)]
        <Response>
            <Gather numDigits="1" action="https://example.com/appointments/confirm">
                <Say>
                    "Hello, this is Acme Medical Group with a reminder about your cardiology appointment on Tuesday at 10 AM. To confirm, press 1."
                </Say>
            </Gather>
        </Response>
    };
}
