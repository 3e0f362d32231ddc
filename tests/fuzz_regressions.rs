//! Every input that once broke a fuzz target, replayed through the same check the target
//! runs (`fuzz/src/lib.rs`), so that what was fixed stays fixed without libFuzzer.
//!
//! A crash input goes in `fuzz/regressions/TARGET/`, under a name that says what it found.

#[allow(clippy::all)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Runs `check` over every file in `fuzz/regressions/<target>`, and returns how many there
/// were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries {
        let path = entry.expect("a readable folder").path();
        let input = std::fs::read(&path).expect("a readable input");
        let outcome = std::panic::catch_unwind(|| check(&input));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        count += 1;
    }
    count
}

#[test]
fn parse_check_regressions() {
    assert!(replay("parse_check", targets::parse_check) >= 1);
}

#[test]
fn builder_round_trip_regressions() {
    replay("builder_round_trip", targets::builder_round_trip);
}

#[test]
fn policy_file_regressions() {
    replay("policy_file", targets::policy_file);
}

/// The checks pass on ordinary inputs too: an empty input, and a valid document.
#[test]
fn the_checks_accept_ordinary_inputs() {
    targets::parse_check(b"");
    targets::parse_check(b"<Response><Say>Hello</Say></Response>");
    targets::builder_round_trip(&[0; 64]);
    targets::policy_file(b"policies = [\"payments\"]\n");
}
