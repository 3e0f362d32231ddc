//! Unknown regimes, facts and rules are errors at their names.

fn main() {
    let _ = twiml::twiml! {
        #![policy(debt_collecting)]
        #![context(inbound)]
        #![warn(REC999)]
        <Response>
            <Say>"Hello"</Say>
        </Response>
    };
}
