//! An attribute the element does not have: TW0103 at its name, an error in markup.

fn main() {
    let _ = twiml::twiml! {
        <Response>
            <Say lagnauge="fr-FR">"Bonjour"</Say>
        </Response>
    };
}
