//! A value outside a closed set: TW0105 at the value literal.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Gather method="PUT" action="/menu">
                <Say>"Press 1."</Say>
            </Gather>
        </Response>
    };
}
