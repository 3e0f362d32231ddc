//! The records of the ledger.

use serde::{Deserialize, Serialize};
use twiml_core::gate::inbound::{Reading, Scope};
use twiml_core::gate::{
    Channel, ConsentKind, Decision, PhoneNumber, RECORD_FIELDS, Sender, Timestamp,
};

/// A consent record: the seed's minimum (`phone`, `channel`, `consent_type`,
/// `consent_method`, `consent_timestamp`, `consent_source`, `ip_address`, `opted_out`,
/// `opt_out_timestamp`) and what defends it under the Telemarketing Sales Rule (16 CFR
/// 310.5(a)(8)): the `seller`, the `disclosure` text or its hash and its
/// `disclosure_version`, the `purpose`, the `sender_scope` (the sender it covers, or `all`),
/// a pointer to the `evidence`, and the `language`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    /// The consenting number, E.164.
    pub phone: String,
    /// The channel consented to (`sms`, `voice`, `whatsapp`, `mms`, or `all`).
    pub channel: String,
    /// `express` or `express-written`.
    pub consent_type: ConsentKind,
    /// How it was given: `web-form`, `keyword`, `paper`, `verbal`, `ivr`, ...
    pub consent_method: Option<String>,
    /// When.
    #[serde(with = "instant")]
    pub consent_timestamp: Timestamp,
    /// Where: the page, the keyword campaign, the store.
    pub consent_source: Option<String>,
    /// The IP address of a web form.
    pub ip_address: Option<String>,
    /// Whether the consent is revoked (on export: the state now; on import: an opt-out to
    /// record at `opt_out_timestamp`).
    #[serde(default)]
    pub opted_out: bool,
    /// When it was revoked.
    #[serde(default, with = "instant_opt")]
    pub opt_out_timestamp: Option<Timestamp>,
    /// The seller the consent names.
    pub seller: Option<String>,
    /// The disclosure shown, or its SHA-256.
    pub disclosure: Option<String>,
    /// The disclosure's version.
    pub disclosure_version: Option<String>,
    /// The purpose consented to (`marketing`, `account-notifications`, ...).
    pub purpose: Option<String>,
    /// The sender the consent covers (a number, a short code, a messaging service), or `all`.
    pub sender_scope: Option<String>,
    /// Where the evidence is kept (a URL, a document id).
    pub evidence: Option<String>,
    /// The language of the disclosure (`en`, `es`).
    pub language: Option<String>,
}

impl ConsentRecord {
    /// A record with the required fields only (GEN005 will name the rest).
    pub fn new(phone: PhoneNumber, consent_type: ConsentKind, at: Timestamp) -> ConsentRecord {
        ConsentRecord {
            phone: phone.e164().to_string(),
            channel: "all".to_string(),
            consent_type,
            consent_method: None,
            consent_timestamp: at,
            consent_source: None,
            ip_address: None,
            opted_out: false,
            opt_out_timestamp: None,
            seller: None,
            disclosure: None,
            disclosure_version: None,
            purpose: None,
            sender_scope: None,
            evidence: None,
            language: None,
        }
    }

    /// The fields of a complete record this one lacks. `ip_address` counts only for a consent
    /// given on the web; the opt-out fields never count.
    pub fn missing(&self) -> Vec<&'static str> {
        let web = self
            .consent_method
            .as_deref()
            .is_some_and(|m| m.contains("web") || m.contains("online"));
        RECORD_FIELDS
            .iter()
            .copied()
            .filter(|f| match *f {
                "consent_method" => self.consent_method.is_none(),
                "consent_source" => self.consent_source.is_none(),
                "ip_address" => web && self.ip_address.is_none(),
                "seller" => self.seller.is_none(),
                "disclosure" => self.disclosure.is_none(),
                "disclosure_version" => self.disclosure_version.is_none(),
                "purpose" => self.purpose.is_none(),
                "sender_scope" => self.sender_scope.is_none(),
                "evidence" => self.evidence.is_none(),
                "language" => self.language.is_none(),
                _ => false,
            })
            .collect()
    }

    /// Checks the values: the number, the channel, the times. The error names the field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        PhoneNumber::parse_field("phone", &self.phone).map_err(|e| {
            let text = e.to_string();
            ("phone", text.trim_start_matches("`phone`: ").to_string())
        })?;
        if self.channel != "all" && Channel::parse(&self.channel).is_err() {
            return Err((
                "channel",
                format!(
                    "unknown channel `{}`; expected sms, mms, whatsapp, voice or all",
                    self.channel
                ),
            ));
        }
        if self.opted_out && self.opt_out_timestamp.is_none() {
            return Err((
                "opt_out_timestamp",
                "an opted-out record needs the time of the opt-out".to_string(),
            ));
        }
        if let Some(scope) = &self.sender_scope
            && scope != "all"
            && Sender::parse(scope).is_err()
        {
            return Err((
                "sender_scope",
                format!("`{scope}` is neither `all` nor a sender"),
            ));
        }
        Ok(())
    }
}

/// One inbound message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// Who wrote: the recipient of the business's messages.
    pub from: PhoneNumber,
    /// The business's number it was sent to.
    pub to: Sender,
    /// The text.
    pub body: String,
    /// When it arrived.
    pub at: Timestamp,
    /// The channel (`sms` or `whatsapp`).
    pub channel: Channel,
}

impl Inbound {
    /// A text message from `from` to `to`.
    pub fn new(from: PhoneNumber, to: Sender, body: impl Into<String>, at: Timestamp) -> Inbound {
        Inbound {
            from,
            to,
            body: body.into(),
            at,
            channel: Channel::Sms,
        }
    }

    /// Sets the channel.
    pub fn channel(mut self, channel: Channel) -> Inbound {
        self.channel = channel;
        self
    }
}

/// What the ledger made of an inbound message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundOutcome {
    /// The reading.
    pub reading: Reading,
    /// The reply text, when one is due (`None`: nothing to answer, or the one confirmation of
    /// this opt-out was already sent).
    pub reply: Option<String>,
    /// The reply as TwiML (an empty `<Response/>` when there is none).
    pub twiml: String,
    /// The id of the inbound record.
    pub id: i64,
}

/// A call or message attempt, or a conversation, made outside the gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The number called or texted.
    pub phone: PhoneNumber,
    /// The sender, when known.
    pub from: Option<Sender>,
    /// The debt it was about.
    pub debt: Option<String>,
    /// Whether it reached the person and became a conversation.
    pub conversation: bool,
    /// The channel.
    pub channel: Channel,
    /// When.
    pub at: Timestamp,
}

impl Attempt {
    /// A call attempt to `phone` at `at`.
    pub fn call(phone: PhoneNumber, at: Timestamp) -> Attempt {
        Attempt {
            phone,
            from: None,
            debt: None,
            conversation: false,
            channel: Channel::Voice,
            at,
        }
    }
}

/// An answer of the reassigned numbers database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignedResult {
    /// The number.
    pub phone: PhoneNumber,
    /// The date asked about, or checked.
    pub checked_at: Timestamp,
    /// The answer.
    pub answer: twiml_core::gate::Reassigned,
    /// Where it came from (`fcc-rnd`, `twilio-lookup`).
    pub source: String,
}

/// A do-not-call or suppression entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The number.
    pub phone: PhoneNumber,
    /// The list (`internal-dnc`, `national-dnc`, `litigator`).
    pub list: String,
    /// Why.
    pub reason: String,
    /// When.
    pub at: Timestamp,
}

/// A decision, recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// The gate's decision.
    pub decision: Decision,
    /// The id of the decision's record, for the audit.
    pub id: i64,
}

/// The proof of an erasure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erasure {
    /// The tombstone's id.
    pub id: i64,
    /// The SHA-256 of the ledger's salt and the number: proves which number was erased to
    /// whoever holds the number, and to no one else.
    pub phone_hash: String,
    /// How many records lost their personal data.
    pub records: usize,
    /// When.
    #[serde(with = "instant")]
    pub at: Timestamp,
}

/// The state of a number now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateSummary {
    /// `opted-out`, `suppressed`, `consented`, or `unknown`.
    pub status: &'static str,
    /// The consent in force, if any.
    pub consent_type: Option<ConsentKind>,
    /// The opt-out in force: when, and whether for every sender.
    #[serde(with = "instant_opt")]
    pub opted_out_at: Option<Timestamp>,
    /// The opt-out's scope.
    pub opt_out_scope: Option<Scope>,
    /// The latest reassigned-number answer.
    pub reassigned: Option<twiml_core::gate::Reassigned>,
    /// The last inbound message.
    #[serde(with = "instant_opt")]
    pub last_inbound: Option<Timestamp>,
    /// Whether the number was erased.
    pub erased: bool,
}

/// One event of a number's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEvent {
    /// When.
    #[serde(with = "instant")]
    pub at: Timestamp,
    /// `consent`, `opt-out`, `opt-in`, `inbound`, `confirmation`, `attempt`, `conversation`,
    /// `reassigned`, `suppression`, `decision`, `override`.
    pub event: &'static str,
    /// What else the record holds.
    pub detail: serde_json::Value,
}

/// Everything the ledger holds about one number: `twiml consent show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneReport {
    /// The number.
    pub phone: String,
    /// Its consent records.
    pub records: Vec<ConsentRecord>,
    /// The state now.
    pub state: StateSummary,
    /// Every event, oldest first.
    pub history: Vec<HistoryEvent>,
}

/// Instants as RFC 3339 in UTC.
pub(crate) mod instant {
    use serde::{Deserialize, Deserializer, Serializer};
    use twiml_core::gate::Timestamp;

    pub(crate) fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339(*t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(d)?;
        twiml_core::gate::parse_instant(&text).map_err(serde::de::Error::custom)
    }
}

/// Optional instants as RFC 3339 in UTC.
pub(crate) mod instant_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use twiml_core::gate::Timestamp;

    pub(crate) fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::rfc3339(*t)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => twiml_core::gate::parse_instant(t)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// An instant as the ledger writes it: RFC 3339 in UTC, to the microsecond when it has one.
pub(crate) fn rfc3339(t: Timestamp) -> String {
    if t.subsec_nanosecond() == 0 {
        t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        t.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    }
}
