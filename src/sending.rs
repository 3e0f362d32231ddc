//! Asking the gate before a send through Twilio's Messages or Calls API.
//!
//! A service calls [`before_send`] with the send it is about to make. It gets back a
//! [`Cleared`] (send now, and here is the `MessageIntent` to pass along) or a [`Held`] (do not
//! send now: the decision, with its verdict, reasons and the instant it may go). A `Held` is an
//! error type that axum and actix-web handlers can return as they are (with the `axum` or
//! `actix-web` feature): it answers with the decision's JSON form and an HTTP status that says
//! why: 409 Conflict with `Retry-After` for a deferred send, 403 Forbidden for a blocked one,
//! 422 Unprocessable Content for one that needs review.
//!
//! ```
//! use twiml::gate::{Gate, MessageIntent, Outbound, PhoneNumber, RecipientHistory, Timestamp};
//! use twiml::rules::Policy;
//! use twiml::sending::before_send;
//!
//! let gate = Gate::new(Policy::new());
//! let text = Outbound::message(PhoneNumber::parse("+13125550123")?, "Winter sale: 30% off")
//!     .intent(MessageIntent::Marketing);
//! let now: Timestamp = "2026-12-04T04:30:00Z".parse()?; // 22:30 in Chicago
//! match before_send(&gate, &text, &RecipientHistory::default(), now) {
//!     Ok(cleared) => { /* POST to the Messages API with cleared.message_params() */ }
//!     Err(held) => {
//!         assert_eq!(held.status(), 409);
//!         assert_eq!(held.retry_after(now), Some(9 * 3600 + 30 * 60));
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use twiml_core::gate::{
    Decision, Gate, MessageIntent, Outbound, RecipientHistory, Sender, Timestamp, Verdict,
};

/// Decides `outbound` at `at` (usually `Timestamp::now()`): `Ok` when it may go now.
pub fn before_send(
    gate: &Gate,
    outbound: &Outbound<'_>,
    history: &RecipientHistory,
    at: Timestamp,
) -> Result<Cleared, Held> {
    let decision = gate.decide(outbound, history, at);
    if decision.verdict.is_allow() {
        Ok(Cleared { decision })
    } else {
        Err(Held {
            decision: Box::new(decision),
            messaging_service: matches!(outbound.from, Some(Sender::MessagingService(_))),
            message: outbound.channel.is_message(),
        })
    }
}

/// A send the gate allows now.
#[derive(Debug, Clone)]
pub struct Cleared {
    decision: Decision,
}

impl Cleared {
    /// The decision, with its findings (warnings may remain) and overrides, for the audit
    /// trail.
    pub fn decision(&self) -> &Decision {
        &self.decision
    }

    /// The `MessageIntent` to pass to Twilio's Messages API (a beta parameter of the
    /// Compliance Toolkit), when the intent is known.
    pub fn message_intent(&self) -> Option<MessageIntent> {
        self.decision.classification.intent
    }

    /// The parameters to add to a Messages API request: `MessageIntent`, when known.
    pub fn message_params(&self) -> Vec<(&'static str, String)> {
        self.message_intent()
            .map(|i| ("MessageIntent", i.as_str().to_string()))
            .into_iter()
            .collect()
    }
}

/// A send the gate does not allow now: deferred, blocked, or waiting for review.
#[derive(Debug, Clone)]
pub struct Held {
    decision: Box<Decision>,
    messaging_service: bool,
    message: bool,
}

/// Twilio's Message Scheduling, for a deferred message sent through a messaging service:
/// `ScheduleType=fixed` and `SendAt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// When Twilio should send the message.
    pub send_at: Timestamp,
}

impl Schedule {
    /// The Messages API parameters.
    pub fn params(&self) -> [(&'static str, String); 2] {
        [
            ("ScheduleType", "fixed".to_string()),
            (
                "SendAt",
                self.send_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ),
        ]
    }
}

impl Held {
    /// The decision: verdict, findings, candidate zones and states, classification.
    pub fn decision(&self) -> &Decision {
        &self.decision
    }

    /// The HTTP status that says why: 409 for a deferred send, 403 for a blocked one, 422 for
    /// one that needs review.
    pub fn status(&self) -> u16 {
        match self.decision.verdict {
            Verdict::Defer { .. } => 409,
            Verdict::Block { .. } => 403,
            Verdict::Review { .. } | Verdict::Allow => 422,
        }
    }

    /// Whole seconds from `now` until the send may go, for a deferred send.
    pub fn retry_after(&self, now: Timestamp) -> Option<u64> {
        match self.decision.verdict {
            Verdict::Defer { until } => {
                let seconds = until.duration_since(now).as_secs();
                Some(u64::try_from(seconds).unwrap_or(0))
            }
            _ => None,
        }
    }

    /// Twilio's Message Scheduling for a deferred message: Twilio schedules messages sent
    /// through a messaging service from 15 minutes to 35 days ahead, so `None` for a call, a
    /// message from a number, or an instant outside that span.
    pub fn schedule(&self, now: Timestamp) -> Option<Schedule> {
        let Verdict::Defer { until } = self.decision.verdict else {
            return None;
        };
        let ahead = until.duration_since(now).as_secs();
        let schedulable = (15 * 60..=35 * 24 * 3600).contains(&ahead);
        (self.message && self.messaging_service && schedulable)
            .then_some(Schedule { send_at: until })
    }

    /// The decision's JSON form (as `twiml gate --format json` writes it).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.decision).unwrap_or_else(|_| "{}".to_string())
    }
}

impl fmt::Display for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.decision.verdict {
            Verdict::Defer { until } => write!(f, "the gate defers this send until {until}")?,
            Verdict::Block { rules, .. } => {
                write!(f, "the gate blocks this send ({})", rules.join(", "))?
            }
            Verdict::Review { missing } => {
                let missing: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
                write!(
                    f,
                    "the gate needs {} to decide this send",
                    missing.join(", ")
                )?
            }
            Verdict::Allow => f.write_str("the gate allows this send")?,
        }
        Ok(())
    }
}

impl std::error::Error for Held {}

#[cfg(feature = "axum")]
impl axum::response::IntoResponse for Held {
    fn into_response(self) -> axum::response::Response {
        use axum::http::{HeaderValue, StatusCode, header};
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::CONFLICT);
        let mut response = (status, self.to_json()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(seconds) = self.retry_after(Timestamp::now()) {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(feature = "actix-web")]
impl actix_web::ResponseError for Held {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::from_u16(self.status())
            .unwrap_or(actix_web::http::StatusCode::CONFLICT)
    }

    fn error_response(&self) -> actix_web::HttpResponse {
        let mut response = actix_web::HttpResponse::build(self.status_code());
        response.content_type("application/json");
        if let Some(seconds) = self.retry_after(Timestamp::now()) {
            response.insert_header((actix_web::http::header::RETRY_AFTER, seconds.to_string()));
        }
        response.body(self.to_json())
    }
}

#[cfg(test)]
mod tests {
    use twiml_core::gate::{PhoneNumber, Sender};
    use twiml_core::rules::{Policy, Regime};

    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn marketing_text() -> Outbound<'static> {
        Outbound::message(PhoneNumber::parse("+13125550123").unwrap(), "Winter sale")
            .intent(MessageIntent::Marketing)
    }

    #[test]
    fn cleared_sends_carry_their_intent() {
        let gate = Gate::new(Policy::new());
        let cleared = before_send(
            &gate,
            &marketing_text(),
            &RecipientHistory::default(),
            at("2026-12-04T16:00:00Z"),
        )
        .unwrap();
        assert_eq!(
            cleared.message_params(),
            [("MessageIntent", "marketing".to_string())]
        );
    }

    #[test]
    fn held_sends_say_why_and_when() {
        let gate = Gate::new(Policy::new());
        let now = at("2026-12-04T04:30:00Z");
        let held =
            before_send(&gate, &marketing_text(), &RecipientHistory::default(), now).unwrap_err();
        assert_eq!(held.status(), 409);
        assert_eq!(held.retry_after(now), Some(34_200));
        assert_eq!(held.schedule(now), None, "sent from no messaging service");
        let through_service =
            marketing_text().from(Sender::parse("MG0123456789abcdef0123456789abcdef").unwrap());
        let held =
            before_send(&gate, &through_service, &RecipientHistory::default(), now).unwrap_err();
        let schedule = held.schedule(now).unwrap();
        assert_eq!(
            schedule.params(),
            [
                ("ScheduleType", "fixed".to_string()),
                ("SendAt", "2026-12-04T14:00:00Z".to_string())
            ]
        );
        // Less than 15 minutes ahead: Twilio cannot schedule it.
        assert_eq!(held.schedule(at("2026-12-04T13:50:00Z")), None);
        let json: serde_json::Value = serde_json::from_str(&held.to_json()).unwrap();
        assert_eq!(json["verdict"], "defer");
        assert_eq!(json["next_allowed_at"], "2026-12-04T14:00:00Z");
        assert_eq!(
            held.to_string(),
            "the gate defers this send until 2026-12-04T14:00:00Z"
        );

        let blocking = Gate::new(Policy::new().regime(Regime::Telemarketing))
            .handling(twiml_core::gate::Handling::Block);
        let held = before_send(
            &blocking,
            &marketing_text(),
            &RecipientHistory::default(),
            now,
        )
        .unwrap_err();
        assert_eq!(held.status(), 403);
        assert_eq!(held.retry_after(now), None);
    }

    /// A send deferred now: of three zones eight hours apart, one is always outside 08:00 to
    /// 21:00, whatever the time.
    fn deferred() -> Held {
        let now = Timestamp::now();
        let gate = Gate::new(Policy::new());
        for zone in ["Etc/UTC", "Etc/GMT-8", "Etc/GMT+8"] {
            let hints = twiml_core::gate::Hints {
                time_zone: Some(twiml_core::gate::Zone::parse(zone).unwrap()),
                ..Default::default()
            };
            let text = marketing_text().hints(hints);
            if let Err(held) = before_send(&gate, &text, &RecipientHistory::default(), now) {
                return held;
            }
        }
        unreachable!("one of three zones eight hours apart is outside the window")
    }

    #[cfg(feature = "axum")]
    #[test]
    fn axum_answers_a_held_send_with_its_decision() {
        use axum::response::IntoResponse;
        let held = deferred();
        let response = held.into_response();
        assert_eq!(response.status(), 409);
        assert_eq!(response.headers()["content-type"], "application/json");
        let retry: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry <= 24 * 3600);
    }

    #[cfg(feature = "actix-web")]
    #[test]
    fn actix_web_answers_a_held_send_with_its_decision() {
        use actix_web::ResponseError;
        let held = deferred();
        let response = held.error_response();
        assert_eq!(response.status(), 409);
        assert_eq!(
            response.headers().get("content-type").unwrap(),
            "application/json"
        );
        assert!(response.headers().get("retry-after").is_some());
    }
}
