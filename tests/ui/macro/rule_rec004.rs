//! REC004 interception-without-notice: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Start>
                <Transcription statusCallbackUrl="https://example.com/transcripts"/>
            </Start>
            <Say>"Thank you for calling. Please hold for the next agent."</Say>
            <Dial>"+18005550142"</Dial>
        </Response>
    };
}
