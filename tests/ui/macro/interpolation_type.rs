//! An `{expr}` of the wrong type is rustc's error, at the expression.

fn main() {
    let digits = "one";
    let _ = twiml::twiml! {
        <Response>
            <Gather numDigits={digits} action="/menu">
                <Say>"Press 1."</Say>
            </Gather>
        </Response>
    };
}
