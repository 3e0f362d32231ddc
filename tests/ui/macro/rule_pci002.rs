//! PCI002 card-entry-during-capture: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"This call may be recorded, transcribed and analyzed."</Say>
            <Start>
                <Transcription name="live-notes" statusCallbackUrl="https://example.com/transcripts"/>
            </Start>
            <Say>"Your order total is 49 dollars and 99 cents."</Say>
            <Pay chargeAmount="49.99" currency="usd" action="https://example.com/pay/result"/>
        </Response>
    };
}
