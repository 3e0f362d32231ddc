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

/// A built workload reports the overrides that applied to it as a validation of its XML does:
/// the same rules, reasons and counts of suppressed findings (W4's policy allows a rule that
/// finds something in it).
#[test]
fn built_overrides_count_what_validation_suppresses() {
    for (name, twiml) in workloads::all() {
        let policy = workloads::policy(name);
        let xml = twiml.to_xml();
        let validated = twiml::validate_with(&xml, &twiml::ParseOptions::default(), &policy);
        let counts = |o: &[twiml::rules::AppliedOverride]| -> Vec<(String, String, usize)> {
            o.iter()
                .map(|o| (o.code.clone(), o.reason.clone(), o.suppressed))
                .collect()
        };
        assert_eq!(
            counts(twiml.overrides()),
            counts(&validated.overrides),
            "{name}"
        );
        assert_eq!(
            validated.suppressed.len(),
            counts(twiml.overrides()).iter().map(|c| c.2).sum::<usize>(),
            "{name}"
        );
    }
    let (_, w4) = workloads::all().into_iter().nth(3).unwrap();
    assert!(w4.overrides().iter().any(|o| o.suppressed > 0));
}
