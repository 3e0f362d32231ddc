//! REC005 record-without-cue: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"Thanks for calling Acme Widgets."</Say>
            <Record playBeep="false" maxLength="120" action="https://example.com/voicemail"/>
        </Response>
    };
}
