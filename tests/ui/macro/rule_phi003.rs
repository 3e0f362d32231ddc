//! PHI003 health-details-in-urls: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![policy(healthcare)]
        <Response>
            <Gather numDigits="1" method="GET" action="https://example.com/appointments/confirm?patient=Jane+Doe&dob=1980-04-12&dept=oncology">
                <Say>
                    "Hello, this is Acme Medical Group with a reminder about an appointment on Tuesday. To confirm, press 1."
                </Say>
            </Gather>
        </Response>
    };
}
