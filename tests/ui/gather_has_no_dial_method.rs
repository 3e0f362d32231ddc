use twiml::prelude::*;

fn main() {
    let mut response = VoiceResponse::new();
    response.gather().dial();
}
