//! What the ledger's benches share: the recipients, the replies they send, and their consent.

use twiml_core::gate::{ConsentKind, PhoneNumber};
use twiml_ledger::{ConsentRecord, Ledger};

/// How many recipients the benches write to: numbers wrap around after these.
pub(crate) const NUMBERS: u64 = 10_000;

/// Inbound replies, in turn: keywords and free text in English and Spanish, and a plain reply.
pub(crate) const BODIES: [&str; 6] = [
    "STOP",
    "stop please",
    "START",
    "HELP",
    "ya no me manden mensajes",
    "ok thanks",
];

/// The `i`-th recipient, modulo [`NUMBERS`].
pub(crate) fn number(i: u64) -> PhoneNumber {
    PhoneNumber::parse(&format!("+1305555{:04}", i % NUMBERS)).expect("a number")
}

/// Prior express written consent on file for every recipient, given on 1 January 2026.
pub(crate) fn consent_everyone(ledger: &dyn Ledger) {
    let records: Vec<ConsentRecord> = (0..NUMBERS)
        .map(|i| {
            ConsentRecord::new(
                number(i),
                ConsentKind::ExpressWritten,
                "2026-01-01T00:00:00Z".parse().expect("an instant"),
            )
        })
        .collect();
    ledger.import_consents(&records).expect("imported");
}
