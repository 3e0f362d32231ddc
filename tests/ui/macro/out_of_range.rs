//! A number outside its bounds: TW0106 at the value literal.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Gather timeout=0 action="/menu">
                <Say>"Press 1."</Say>
            </Gather>
        </Response>
    };
}
