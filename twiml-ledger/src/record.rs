//! The decision record: what both backends keep of each decision, in columns (version 3 of
//! the schema), not a copy of the decision in JSON.
//!
//! A decision's JSON (`twiml gate --format json`) runs to about 870 bytes, most of it the
//! findings' messages and help texts, the classifier's cues and the four data versions, all
//! of which follow from the rules, the send and the versions. The record keeps what an audit
//! replays a decision from, in about a tenth of that: the verdict, the rules that stop the
//! send, the Twilio error, the first allowed instant, each finding's code, severity and field,
//! the zones, the states and what they rest on, the class with its intent and source, what a
//! `review` needs, and the data versions by the id of their row in `data_versions` (one row
//! per release of the data, not four strings per decision). The overrides have a table of
//! their own, as before.
//!
//! Lists are comma-separated: rule codes, zone names, state codes, finding codes, and the
//! kebab-case names of what is missing never hold a comma.

use serde_json::Value;
use twiml_core::gate::{DataVersions, Decision, Verdict};

/// The columns of a decision's row, besides the send's number, sender, channel and instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecisionRow {
    /// `allow`, `defer`, `block` or `review`.
    pub(crate) verdict: String,
    /// The codes of the rules that stop the send, in order.
    pub(crate) rules: String,
    /// The Twilio error of a `block`.
    pub(crate) twilio_code: Option<i64>,
    /// The first allowed instant, in microseconds.
    pub(crate) next_allowed_at: Option<i64>,
    /// Each finding as `CODE:severity:field` (`GEN005:warning:to`).
    pub(crate) findings: String,
    /// The candidate time zones (IANA names).
    pub(crate) zones: String,
    /// The states whose laws applied (`FL`).
    pub(crate) states: String,
    /// What the zones rest on (`area-code`).
    pub(crate) location: String,
    /// The class, the intent and where they came from (`essential delivery declared`; `-`
    /// for a class or an intent the gate could not tell).
    pub(crate) classification: String,
    /// What a `review` needs (`intent`).
    pub(crate) missing: String,
    /// The data versions: the area codes' commit, the time-zone database, the state rules,
    /// the classifier.
    pub(crate) data: [String; 4],
}

/// Appends `item` to a comma-separated list.
fn push(list: &mut String, item: &str) {
    if !list.is_empty() {
        list.push(',');
    }
    list.push_str(item);
}

/// The data versions as the `data_versions` table orders its columns.
pub(crate) fn versions(data: &DataVersions) -> [&'static str; 4] {
    [
        data.area_codes,
        data.tzdb,
        data.state_rules,
        data.classifier,
    ]
}

impl DecisionRow {
    /// The record of a decision.
    pub(crate) fn of(d: &Decision) -> DecisionRow {
        let mut row = DecisionRow {
            verdict: String::new(),
            rules: String::new(),
            twilio_code: None,
            next_allowed_at: None,
            findings: String::new(),
            zones: String::new(),
            states: String::new(),
            location: String::new(),
            classification: String::new(),
            missing: String::new(),
            data: Default::default(),
        };
        row.fill(d);
        row
    }

    /// Makes this the record of `d`, in the texts this row already holds: a batch of
    /// decisions writes its records through one row, with no allocation once its texts have
    /// grown to their size.
    pub(crate) fn fill(&mut self, d: &Decision) {
        let replace = |text: &mut String, with: &str| {
            text.clear();
            text.push_str(with);
        };
        replace(&mut self.verdict, d.verdict.as_str());
        self.rules.clear();
        for rule in d.rules() {
            push(&mut self.rules, rule);
        }
        self.twilio_code = d.twilio_code().map(i64::from);
        self.next_allowed_at = d.next_allowed_at.map(|t| t.as_microsecond());
        self.findings.clear();
        for f in &d.findings {
            if !self.findings.is_empty() {
                self.findings.push(',');
            }
            self.findings.push_str(f.code.code());
            self.findings.push(':');
            self.findings.push_str(f.severity.as_str());
            self.findings.push(':');
            self.findings.push_str(f.span.as_str());
        }
        self.zones.clear();
        for z in d.zones() {
            push(&mut self.zones, z.name());
        }
        self.states.clear();
        for s in &d.states {
            push(&mut self.states, s.code());
        }
        replace(&mut self.location, d.location.evidence.as_str());
        let c = &d.classification;
        self.classification.clear();
        for (i, part) in [
            c.class.map_or("-", |c| c.as_str()),
            c.intent.map_or("-", |i| i.as_str()),
            c.source.as_str(),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                self.classification.push(' ');
            }
            self.classification.push_str(part);
        }
        self.missing.clear();
        if let Verdict::Review { missing: m } = &d.verdict {
            for m in m {
                push(&mut self.missing, m.as_str());
            }
        }
        for (text, version) in self.data.iter_mut().zip(versions(&d.data)) {
            replace(text, version);
        }
    }

    /// The record of a decision kept as JSON by a ledger of schema version 2 or older (the
    /// JSON of `twiml gate --format json`), for the migration to version 3. `None` for a text
    /// that is not such a decision.
    pub(crate) fn from_json(text: &str) -> Option<DecisionRow> {
        let v: Value = serde_json::from_str(text).ok()?;
        let text = |v: &Value| v.as_str().map(str::to_string);
        let list = |v: &Value, f: &dyn Fn(&Value) -> Option<String>| -> Option<String> {
            let mut out = String::new();
            for item in v.as_array()? {
                push(&mut out, &f(item)?);
            }
            Some(out)
        };
        let plain = |v: &Value| v.as_str().map(str::to_string);
        let finding = |f: &Value| {
            Some(format!(
                "{}:{}:{}",
                f.get("code")?.as_str()?,
                f.get("severity")?.as_str()?,
                f.get("field")?.as_str()?
            ))
        };
        let c = v.get("classification")?;
        let or_dash = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("-").to_string();
        let data = v.get("data")?;
        let version = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_string);
        Some(DecisionRow {
            verdict: text(v.get("verdict")?)?,
            rules: list(v.get("rules")?, &plain)?,
            twilio_code: v.get("twilio_code").and_then(Value::as_i64),
            next_allowed_at: match v.get("next_allowed_at").and_then(Value::as_str) {
                Some(t) => Some(twiml_core::gate::parse_instant(t).ok()?.as_microsecond()),
                None => None,
            },
            findings: list(v.get("findings")?, &finding)?,
            zones: list(v.get("zones")?, &plain)?,
            states: list(v.get("states")?, &plain)?,
            location: text(v.get("location")?)?,
            classification: format!(
                "{} {} {}",
                or_dash(c.get("class")),
                or_dash(c.get("intent")),
                or_dash(c.get("source"))
            ),
            missing: match v.get("missing") {
                Some(m) => list(m, &plain)?,
                None => String::new(),
            },
            data: [
                version("area_codes")?,
                version("tzdb")?,
                version("state_rules")?,
                version("classifier")?,
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twiml_core::gate::{Gate, MessageIntent, Outbound, PhoneNumber, RecipientHistory};
    use twiml_core::rules::Policy;

    /// The record of a decision is the record of its JSON: what the migration from version 2
    /// makes of an old row is what version 3 writes for the same decision.
    #[test]
    fn a_decision_and_its_json_give_one_record() {
        let gate = Gate::new(Policy::new());
        let phone = PhoneNumber::parse("+13055550123").expect("a number");
        let sends = [
            Outbound::message(phone.clone(), "Your order has shipped.")
                .intent(MessageIntent::Delivery),
            Outbound::message(phone.clone(), "50% off this weekend only!"),
            Outbound::message(phone.clone(), "Hello"),
            Outbound::call(phone),
        ];
        for (send, at) in sends.iter().zip([
            "2026-12-04T16:00:00Z",
            "2026-12-04T03:00:00Z",
            "2026-12-04T16:00:00Z",
            "2026-12-04T02:30:00Z",
        ]) {
            let d = gate.decide(
                send,
                &RecipientHistory::known(),
                at.parse().expect("an instant"),
            );
            let json = serde_json::to_string(&d).expect("json");
            let row = DecisionRow::of(&d);
            assert_eq!(DecisionRow::from_json(&json), Some(row.clone()), "{json}");
            assert_eq!(row.verdict, d.verdict.as_str());
            assert!(!row.zones.is_empty(), "{row:?}");
        }
        // One row refilled with each decision in turn is the record of each.
        let decisions: Vec<_> = sends
            .iter()
            .map(|send| {
                gate.decide(
                    send,
                    &RecipientHistory::known(),
                    "2026-12-04T03:00:00Z".parse().expect("an instant"),
                )
            })
            .collect();
        let mut row = DecisionRow::of(&decisions[0]);
        for d in decisions.iter().rev() {
            row.fill(d);
            assert_eq!(row, DecisionRow::of(d));
        }
        assert_eq!(DecisionRow::from_json("{}"), None);
        assert_eq!(DecisionRow::from_json("not json"), None);
    }
}
