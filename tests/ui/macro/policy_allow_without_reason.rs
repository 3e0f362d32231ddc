//! An override must say why the rule does not apply.

fn main() {
    let _ = twiml::twiml! {
        #![allow(REC001)]
        <Response>
            <Dial record="record-from-answer">
                <Number url="https://example.com/whisper">"+14155550100"</Number>
            </Dial>
        </Response>
    };
}
