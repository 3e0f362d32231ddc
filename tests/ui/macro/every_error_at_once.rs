//! Every error of an invocation is reported, each at its token, and the code around the
//! invocation sees no second error: `response` still has the type every invocation has,
//! `Result<Twiml, BuildError>`.

fn main() {
    let response = twiml::twiml! {
        <Response>
            <Say voice="Polly.Joanna" loop=-1>"Hello"</Say>
            <Gather numDigits="one">
                <Say>"Please enter your credit card number."</Say>
            </Gather>
            <Dial record="record-from-answer">"+14155550100"</Dial>
        </Response>
    };
    let _xml: Option<String> = response.ok().map(|twiml| twiml.to_xml());
}
