//! The five peer workloads, rebuilt with the builder, against twilio-python's output in
//! `shared/bench/peers/expected/`: canonically equal (attribute order and empty-element style
//! may differ, content may not).

mod common;
#[path = "../benches/support/workloads.rs"]
mod workloads;

use common::{Whitespace, canonical, shared};

#[test]
fn workloads_equal_twilio_pythons_output() {
    let Some(shared) = shared() else {
        return;
    };
    for (name, twiml) in workloads::all() {
        let path = shared.join(format!("bench/peers/expected/{name}.xml"));
        let expected = std::fs::read_to_string(&path).unwrap();
        let ours = twiml.to_xml();
        assert!(
            twiml.warnings().is_empty(),
            "{name}: {:?}",
            twiml.warnings()
        );
        assert_eq!(
            canonical(&ours, Whitespace::Exact).unwrap(),
            canonical(&expected, Whitespace::Exact).unwrap(),
            "{name} differs:\n{ours}\n{expected}"
        );
        // Both write attributes in name order; only the empty-element style differs.
        assert_eq!(ours, expected.replace(" />", "/>"), "{name} bytes");
    }
}
