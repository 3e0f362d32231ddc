use twiml::prelude::*;
use twiml::voice::Dial;

fn main() {
    let mut response = VoiceResponse::new();
    let gather = response.gather();
    gather.push(Dial::new());
}
