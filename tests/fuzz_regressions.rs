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

/// The checks hold on ordinary inputs too, and on a few hundred pseudo-random ones, so the
/// suite exercises every target's promises without libFuzzer.
#[test]
fn the_checks_hold_on_ordinary_and_pseudo_random_inputs() {
    targets::parse_check(b"");
    targets::parse_check(b"<Response><Say>Hello</Say></Response>");
    targets::policy_file(b"policies = [\"payments\"]\n");
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for length in (0..300).map(|i| i % 150) {
        let input: Vec<u8> = (0..length).map(|_| next() as u8).collect();
        targets::builder_round_trip(&input);
        targets::signature(&input);
        targets::policy_file(&input);
        targets::parse_check(&input);
        targets::gate(&input);
    }
}

#[test]
fn signature_regressions() {
    replay("signature", targets::signature);
}

#[test]
fn gate_regressions() {
    replay("gate", targets::gate);
}

#[test]
fn inbound_reply_regressions() {
    replay("inbound_reply", targets::inbound_reply);
}
