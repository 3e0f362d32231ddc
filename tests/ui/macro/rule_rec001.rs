//! REC001 capture-before-notice: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Dial record="record-from-answer-dual">
                <Number url="https://example.com/twiml/agent-whisper">"+18005550142"</Number>
            </Dial>
        </Response>
    };
}
