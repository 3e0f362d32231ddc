//! A `<Dial>` inside a `<Gather>`: TW0104 at the child's name.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Gather action="/menu">
                <Dial>"+14155550100"</Dial>
            </Gather>
        </Response>
    };
}
