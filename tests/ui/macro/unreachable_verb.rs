//! A verb after `<Hangup>`: TW0301, an error in markup.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"Goodbye."</Say>
            <Hangup/>
            <Say>"Are you still there?"</Say>
        </Response>
    };
}
