use twiml::prelude::*;
use twiml::messaging::Message;

fn main() {
    let mut response = VoiceResponse::new();
    response.push(Message::new());
}
