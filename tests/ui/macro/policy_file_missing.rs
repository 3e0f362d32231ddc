//! `#![policy(file = "...")]` reads the policy file from the crate's folder (its
//! `CARGO_MANIFEST_DIR`); a file that cannot be read is an error at its path.

fn main() {
    let _ = twiml::twiml! {
        #![policy(file = "no-such-twiml.toml")]
        <Response>
            <Say>"This call may be recorded."</Say>
        </Response>
    };
}
