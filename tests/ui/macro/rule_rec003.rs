//! REC003 recording-running-before-notice: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![context(recording_started)]
        <Response>
            <Say>"Thank you for calling Acme Widgets, where every order ships the same day."</Say>
            <Say>"This call may be recorded."</Say>
            <Gather numDigits="1" action="https://example.com/menu">
                <Say>"For sales, press 1. For support, press 2."</Say>
            </Gather>
        </Response>
    };
}
