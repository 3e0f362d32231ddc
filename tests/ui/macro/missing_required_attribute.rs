//! `<ConversationRelay>` without its `url`: TW0107 at the element's name.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say>"This call may be recorded and transcribed. I am a virtual assistant of Acme."</Say>
            <Connect>
                <ConversationRelay welcomeGreeting="Hi!"/>
            </Connect>
        </Response>
    };
}
