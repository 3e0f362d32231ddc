//! The report of one number (`twiml consent show`): its events, assembled once for both
//! backends from the rows of the same statements.
//!
//! Each kind of event is one statement over one table, written once here with `$1` for the
//! number and `$2` for the instant (SQLite reads `$1` and `$2` as the first and second
//! parameters too); a backend runs each statement and hands its rows over through
//! [`Columns`]. Integers and booleans are cast to `BIGINT` in the statements, so both
//! backends give them as 64-bit integers.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::model::HistoryEvent;
use crate::state::instant;

/// One row of a statement, as a backend reads it.
pub(crate) trait Columns {
    /// The integer in column `i` (`None` for `NULL`).
    fn int(&self, i: usize) -> Result<Option<i64>, String>;
    /// The text in column `i` (`None` for `NULL`).
    fn text(&self, i: usize) -> Result<Option<String>, String>;
}

/// A column that may not be `NULL`.
fn required<T>(value: Option<T>, i: usize) -> Result<T, String> {
    value.ok_or_else(|| format!("column {i} is null"))
}

fn int(row: &dyn Columns, i: usize) -> Result<i64, String> {
    required(row.int(i)?, i)
}

fn text(row: &dyn Columns, i: usize) -> Result<String, String> {
    required(row.text(i)?, i)
}

/// An event of the report from its row: `(at, event, detail)`.
type Make = fn(&dyn Columns) -> Result<(i64, &'static str, Value), String>;

/// The statements of the events, in the order their kinds are listed at the same instant;
/// each reads its rows oldest record first.
pub(crate) const EVENTS: [(&str, Make); 7] = [
    (
        "SELECT consent_at, consent_type, sender_scope, consent_method FROM consents
         WHERE phone = $1 AND consent_at <= $2 ORDER BY id",
        |r| {
            Ok((
                int(r, 0)?,
                "consent",
                json!({"consent_type": text(r, 1)?, "sender_scope": r.text(2)?,
                    "consent_method": r.text(3)?}),
            ))
        },
    ),
    (
        "SELECT at, action, sender, method FROM opt_events WHERE phone = $1 AND at <= $2
         ORDER BY id",
        |r| {
            let event = if text(r, 1)? == "opt-out" {
                "opt-out"
            } else {
                "opt-in"
            };
            Ok((
                int(r, 0)?,
                event,
                json!({"sender": r.text(2)?.unwrap_or_else(|| "all".to_string()),
                    "method": text(r, 3)?}),
            ))
        },
    ),
    (
        "SELECT at, sender, body, action, scope, kind FROM inbound
         WHERE phone = $1 AND at <= $2 ORDER BY id",
        |r| {
            Ok((
                int(r, 0)?,
                "inbound",
                json!({"to": text(r, 1)?, "body": r.text(2)?, "action": text(r, 3)?,
                    "scope": r.text(4)?, "kind": text(r, 5)?}),
            ))
        },
    ),
    (
        "SELECT at, sender, action, body FROM confirmations WHERE phone = $1 AND at <= $2
         ORDER BY id",
        |r| {
            Ok((
                int(r, 0)?,
                "confirmation",
                json!({"from": text(r, 1)?, "answers": text(r, 2)?, "body": r.text(3)?}),
            ))
        },
    ),
    (
        // Rows of `attempts`, and the allowed decisions that are their own attempts (schema
        // version 5): the same event either way.
        "SELECT at, sender, debt, channel, conversation, decision_id FROM (
             SELECT at, sender, debt, channel, conversation, decision_id, recorded_at, id
             FROM attempts WHERE phone = $1 AND at <= $2
             UNION ALL
             SELECT at, sender, debt, channel, false, id, recorded_at, id
             FROM decisions WHERE phone = $1 AND attempt = true AND at <= $2) a
         ORDER BY recorded_at, id",
        |r| {
            let event = if int(r, 4)? != 0 {
                "conversation"
            } else {
                "attempt"
            };
            Ok((
                int(r, 0)?,
                event,
                json!({"from": r.text(1)?, "debt": r.text(2)?, "channel": text(r, 3)?,
                    "decision": r.int(5)?}),
            ))
        },
    ),
    (
        "SELECT checked_at, answer, source FROM reassigned
         WHERE phone = $1 AND checked_at <= $2 ORDER BY id",
        |r| {
            Ok((
                int(r, 0)?,
                "reassigned",
                json!({"answer": text(r, 1)?, "source": text(r, 2)?}),
            ))
        },
    ),
    (
        "SELECT at, list, reason FROM suppressions WHERE phone = $1 AND at <= $2 ORDER BY id",
        |r| {
            Ok((
                int(r, 0)?,
                "suppression",
                json!({"list": text(r, 1)?, "reason": text(r, 2)?}),
            ))
        },
    ),
];

/// The overrides of the number's decisions, oldest first.
pub(crate) const OVERRIDES: &str = "
SELECT o.decision_id, o.code, o.reason, o.actor FROM overrides o
JOIN decisions d ON d.id = o.decision_id
WHERE d.phone = $1 AND d.at <= $2 ORDER BY o.id";

/// The number's decisions, oldest first.
pub(crate) const DECISIONS: &str = "
SELECT id, at, sender, channel, verdict, rules, twilio_code FROM decisions
WHERE phone = $1 AND at <= $2 ORDER BY id";

/// Every event of a number up to an instant, oldest first (events at the same instant in the
/// order of their kinds, then of their records). `read` runs one of the statements above
/// with the number and the instant, hands each row to its second argument in order, and
/// turns an error of that argument (a column of an unexpected type) into its own.
pub(crate) fn events<E>(
    mut read: impl FnMut(
        &'static str,
        &mut dyn FnMut(&dyn Columns) -> Result<(), String>,
    ) -> Result<(), E>,
) -> Result<Vec<HistoryEvent>, E> {
    let mut events: Vec<HistoryEvent> = Vec::new();
    for (sql, make) in EVENTS {
        read(sql, &mut |r| {
            let (at, event, detail) = make(r)?;
            events.push(HistoryEvent {
                at: instant(at),
                event,
                detail,
            });
            Ok(())
        })?;
    }
    let mut overrides: HashMap<i64, Vec<Value>> = HashMap::new();
    read(OVERRIDES, &mut |r| {
        overrides.entry(int(r, 0)?).or_default().push(json!({
            "code": text(r, 1)?,
            "reason": text(r, 2)?,
            "actor": r.text(3)?,
        }));
        Ok(())
    })?;
    read(DECISIONS, &mut |r| {
        let id = int(r, 0)?;
        let rules = text(r, 5)?;
        let rules: Vec<&str> = rules.split(',').filter(|r| !r.is_empty()).collect();
        events.push(HistoryEvent {
            at: instant(int(r, 1)?),
            event: "decision",
            detail: json!({"id": id, "from": r.text(2)?, "channel": text(r, 3)?,
                "verdict": text(r, 4)?, "rules": rules, "twilio_code": r.int(6)?,
                "overrides": overrides.remove(&id).unwrap_or_default()}),
        });
        Ok(())
    })?;
    events.sort_by_key(|e| e.at);
    Ok(events)
}

/// The error of a row a backend could not read, for the report.
pub(crate) fn unreadable(reason: String) -> crate::LedgerError {
    crate::LedgerError::invalid("history", reason)
}
