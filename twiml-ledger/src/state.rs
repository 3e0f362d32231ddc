//! What the records of a number mean, whichever database holds them: the opt-out in force, and
//! the status `show` reports.

use twiml_core::gate::inbound::Scope;
use twiml_core::gate::{OptOutOnFile, RecipientHistory, Timestamp};

/// The latest opt-out or opt-in event that applies: its action, method, sender (`None` for
/// every sender) and instant in microseconds.
pub(crate) type LatestOptEvent = (String, String, Option<String>, i64);

/// How many of the latest attempts of the seven days a decision reads, to the number and
/// about the debt, on either backend: one more than the most a cap counts, so that the gate
/// knows whether the count reaches each cap and whether there may be more
/// ([`RecipientHistory::more_attempts`], set when this many were read). What a number's past
/// holds beyond them costs a decision nothing.
pub(crate) const ATTEMPTS_READ: usize = RecipientHistory::ATTEMPTS_COUNTED + 1;

/// Sorts the attempts a decision read from the two places an attempt is kept (rows of
/// `attempts`, and allowed decisions, which since schema version 5 are their own attempts; up
/// to [`ATTEMPTS_READ`] of each) and keeps the latest [`ATTEMPTS_READ`] of them all, oldest
/// first: what one list of every attempt would have given.
pub(crate) fn latest_attempts(attempts: &mut Vec<Timestamp>) {
    attempts.sort_unstable();
    let extra = attempts.len().saturating_sub(ATTEMPTS_READ);
    attempts.drain(..extra);
}

/// The replies a decision read again (read by another reader than the library's, or by
/// none), and what it found, for the decision's transaction to record in `rereadings`: each
/// reply the current reader takes for a revocation (`(inbound id, at)`), and the last reply
/// read (`(inbound id, at)`, `None` when none was read). A later decision reads again only the
/// replies after that one, and finds the revocations among these in their records, so that a
/// reply is read again once per reader, not once per decision.
#[derive(Debug, Default)]
pub(crate) struct Reread {
    pub(crate) revocations: Vec<(i64, i64)>,
    pub(crate) through: Option<(i64, i64)>,
}

/// Reads again `replies` (`(inbound id, at, body)`, in any order: every reply recorded after
/// the last one read again before, another reader's or none's, whatever its instant), and
/// gives the earliest instant of an uncaptured revocation after the consent in force
/// (`consent_at`) and at or before `until` (microseconds), from these and from `recorded`
/// (the earliest revocation in that span that earlier rereadings recorded), with what to
/// record of this reading.
pub(crate) fn read_again(
    mut replies: Vec<(i64, i64, String)>,
    consent_at: Option<i64>,
    until: i64,
    recorded: Option<i64>,
) -> (Option<i64>, Reread) {
    use twiml_core::gate::inbound::{self, Action};
    replies.sort_by_key(|(id, at, _)| (*at, *id));
    let mut reread = Reread::default();
    for (id, at, body) in &replies {
        if inbound::read_reply(body).action == Action::OptOut {
            reread.revocations.push((*id, *at));
        }
        if reread.through.is_none_or(|(last, _)| last < *id) {
            reread.through = Some((*id, *at));
        }
    }
    let fresh = reread
        .revocations
        .iter()
        .map(|(_, at)| *at)
        .find(|at| *at <= until && consent_at.is_none_or(|c| *at > c));
    let first = match (fresh, recorded) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (first, reread)
}

/// An instant from microseconds since the epoch.
pub(crate) fn instant(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The opt-out in force, from what the database found for the number and sender at an instant:
/// the first erasure (which wins over everything), the latest opt event, the latest
/// suppression, and the latest consent granted. An opt-out or suppression counts when no
/// consent came after it; the later of the two is the one in force.
pub(crate) fn opt_out_in_force(
    erased: Option<i64>,
    latest: Option<LatestOptEvent>,
    suppressed: Option<(String, i64)>,
    granted: Option<i64>,
) -> Option<OptOutOnFile> {
    if let Some(when) = erased {
        return Some(OptOutOnFile {
            at: instant(when),
            scope: Scope::All,
            method: "erasure".to_string(),
        });
    }
    let mut out = None;
    if let Some((action, method, scope_sender, when)) = latest
        && action == "opt-out"
        && granted.is_none_or(|g| g < when)
    {
        out = Some(OptOutOnFile {
            at: instant(when),
            scope: if scope_sender.is_none() {
                Scope::All
            } else {
                Scope::Sender
            },
            method,
        });
    }
    if let Some((list, when)) = suppressed
        && granted.is_none_or(|g| g < when)
        && out
            .as_ref()
            .is_none_or(|o: &OptOutOnFile| o.at.as_microsecond() < when)
    {
        out = Some(OptOutOnFile {
            at: instant(when),
            scope: Scope::All,
            method: format!("suppression ({list})"),
        });
    }
    out
}

/// The state of a number now, from its history and whether it was erased: `show`'s `state`.
pub(crate) fn summary(history: &RecipientHistory, erased: bool) -> crate::model::StateSummary {
    crate::model::StateSummary {
        status: status(history),
        consent_type: history.consent.as_ref().map(|c| c.kind),
        opted_out_at: history.opt_out.as_ref().map(|o| o.at),
        opt_out_scope: history.opt_out.as_ref().map(|o| o.scope),
        reassigned: history.reassigned.map(|r| r.answer),
        last_inbound: history.last_inbound,
        erased,
    }
}

/// The status of a number: `opted-out`, `suppressed`, `consented`, or `unknown`.
pub(crate) fn status(history: &RecipientHistory) -> &'static str {
    match &history.opt_out {
        Some(o) if o.method.starts_with("suppression") => "suppressed",
        Some(_) => "opted-out",
        None if history.consent.is_some() => "consented",
        None => "unknown",
    }
}

/// What an erasure removes, in every backend: each table's columns of personal data, set to
/// `NULL` in the rows of the number. The append-only triggers let these updates through only
/// while the erasure's token is in `erasing`.
const ERASED: [(&str, &str); 9] = [
    (
        "consents",
        "phone = NULL, ip_address = NULL, consent_source = NULL, evidence = NULL, sender_scope = NULL",
    ),
    ("opt_events", "phone = NULL"),
    ("inbound", "phone = NULL, body = NULL"),
    ("confirmations", "phone = NULL, body = NULL"),
    ("attempts", "phone = NULL"),
    ("reassigned", "phone = NULL"),
    ("suppressions", "phone = NULL"),
    ("decisions", "phone = NULL"),
    ("rereadings", "phone = NULL"),
];

/// The statements of an erasure, with `placeholder` (`?1`, `$1`) standing for the number.
pub(crate) fn erasure_statements(placeholder: &str) -> impl Iterator<Item = String> + '_ {
    ERASED
        .iter()
        .map(move |(table, set)| format!("UPDATE {table} SET {set} WHERE phone = {placeholder}"))
}

/// An erasure is asked for with a reason and by an actor, both recorded in its tombstone.
pub(crate) fn check_erasure_request(reason: &str, actor: &str) -> Result<(), crate::LedgerError> {
    if reason.trim().is_empty() || actor.trim().is_empty() {
        return Err(crate::LedgerError::invalid(
            "erasure",
            "an erasure needs a reason and an actor",
        ));
    }
    Ok(())
}
