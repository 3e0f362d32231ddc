#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twiml_fuzz::inbound_reply(data));
