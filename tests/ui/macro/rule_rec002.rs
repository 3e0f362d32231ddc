//! REC002 dialed-party-not-notified: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"This call may be recorded."</Say>
            <Dial record="record-from-answer">
                <Number>"+18005550142"</Number>
            </Dial>
        </Response>
    };
}
