//! AI002 ai-agent-not-identified: the example of the rule's documentation, written with `twiml!`.
#![deny(deprecated)] // the macro reports warnings as deprecation warnings; here they fail

fn main() {
    let _ = twiml::twiml! {
        #![business(name = "Acme Widgets, Inc.")]
        <Response>
            <Connect>
                <ConversationRelay url="wss://example.com/relay" welcomeGreeting="Hi! How can I help you today?"/>
            </Connect>
        </Response>
    };
}
