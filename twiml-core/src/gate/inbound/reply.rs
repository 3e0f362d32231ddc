//! The answers to keywords: one confirmation of an opt-out with no marketing in it (MSG007),
//! an answer to HELP that names the business, gives a contact and says how to opt out
//! (MSG009), and a confirmation of an opt-in with the frequency, the rates and the HELP and
//! STOP instructions (MSG010), in English and Spanish.

use super::{Action, Language, read_reply};
use crate::messaging::MessagingResponse;
use crate::rules::{MSG007, MSG009, MSG010, RuleInfo};

/// A finding about a reply text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyFinding {
    /// The rule.
    pub rule: &'static RuleInfo,
    /// What is wrong, lowercase.
    pub message: String,
}

/// The rule that checks the reply to an action.
pub fn reply_rule(action: Action) -> Option<&'static RuleInfo> {
    match action {
        Action::OptOut => Some(&MSG007),
        Action::Help => Some(&MSG009),
        Action::OptIn => Some(&MSG010),
        Action::None => None,
    }
}

/// Checks the text that answers `action` for `business`: the findings of MSG007, MSG009 or
/// MSG010; none when the reply is compliant.
///
/// ```
/// use twiml_core::gate::inbound::{Action, check_reply};
///
/// let bad = check_reply(Action::OptOut, "Acme", "Unsubscribed. Come back for 20% off!");
/// assert_eq!(bad[0].rule.code, "MSG007");
/// let good = check_reply(
///     Action::OptOut,
///     "Acme",
///     "Acme: you are unsubscribed and will receive no more messages from this number.",
/// );
/// assert!(good.is_empty());
/// ```
pub fn check_reply(action: Action, business: &str, text: &str) -> Vec<ReplyFinding> {
    let Some(rule) = reply_rule(action) else {
        return Vec::new();
    };
    let lower = fold_lower(text);
    let mut missing: Vec<&str> = Vec::new();
    let names_business = business.trim().is_empty() || lower.contains(&fold_lower(business.trim()));
    let says_stop = ["stop", "para", "baja", "cancel", "unsubscribe"]
        .iter()
        .any(|w| has_word(&lower, w));
    let says_help = ["help", "ayuda", "info"]
        .iter()
        .any(|w| has_word(&lower, w));
    let has_contact = lower.contains('@')
        || lower.contains("http")
        || lower.contains("www.")
        || lower.chars().filter(char::is_ascii_digit).count() >= 7;
    let rates = lower.contains("rates may apply")
        || lower.contains("data rates")
        || lower.contains("tarifas")
        || lower.contains("msg&data")
        || lower.contains("msg & data");
    let frequency = [
        "frequency",
        "frecuencia",
        "per week",
        "per month",
        "a week",
        "a month",
        "/mo",
        "/wk",
        "recurring",
        "al mes",
        "a la semana",
        "por semana",
        "por mes",
    ]
    .iter()
    .any(|w| lower.contains(w));
    match action {
        Action::OptOut => {
            let confirms = read_reply(text).action == Action::OptOut
                || [
                    "unsubscribed",
                    "opted out",
                    "no more",
                    "will not receive",
                    "wont receive",
                    "won't receive",
                    "removed",
                    "de baja",
                    "no recibira",
                    "no recibirá",
                    "ya no recibira",
                ]
                .iter()
                .any(|w| lower.contains(w));
            if !confirms {
                missing.push("a confirmation of the opt-out");
            }
            // Marketing in a confirmation: an offer, a discount, a sale, a code to use.
            let markets = lower.contains('%')
                || [
                    "off",
                    "discount",
                    "sale",
                    "code",
                    "deal",
                    "deals",
                    "offer",
                    "offers",
                    "promo",
                    "coupon",
                    "free",
                    "shop",
                    "descuento",
                    "oferta",
                    "ofertas",
                    "codigo",
                    "promocion",
                    "cupon",
                    "gratis",
                    "rebaja",
                    "rebajas",
                ]
                .iter()
                .any(|w| has_word(&lower, w));
            if markets {
                return vec![ReplyFinding {
                    rule,
                    message: "the confirmation of an opt-out markets (an offer, a discount or a code); it may only confirm".to_string(),
                }];
            }
        }
        Action::Help => {
            if !names_business {
                missing.push("the business's name");
            }
            if !has_contact {
                missing.push("a telephone number, email address or website");
            }
            if !says_stop {
                missing.push("how to opt out");
            }
        }
        Action::OptIn => {
            if !names_business {
                missing.push("the business's name");
            }
            if !frequency {
                missing.push("the message frequency");
            }
            if !rates {
                missing.push("that message and data rates may apply");
            }
            if !says_help {
                missing.push("how to get help");
            }
            if !says_stop {
                missing.push("how to opt out");
            }
        }
        Action::None => {}
    }
    if missing.is_empty() {
        return Vec::new();
    }
    let what = match action {
        Action::OptOut => "the reply to an opt-out",
        Action::Help => "the answer to help",
        _ => "the confirmation of an opt-in",
    };
    vec![ReplyFinding {
        rule,
        message: format!("{what} lacks {}", missing.join(", ")),
    }]
}

fn fold_lower(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(super::fold)
        .collect()
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

/// The texts that answer keywords, for one business, in English and Spanish. The defaults
/// pass MSG007, MSG009 and MSG010; [`Replies::check`] checks texts of your own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replies {
    business: String,
    contact: String,
    frequency: Option<String>,
    custom: Vec<(Action, Language, String)>,
}

impl Replies {
    /// The default replies for `business`, with `contact` (a telephone number, an email
    /// address or a website) in the answer to HELP.
    pub fn new(business: impl Into<String>, contact: impl Into<String>) -> Replies {
        Replies {
            business: business.into(),
            contact: contact.into(),
            frequency: None,
            custom: Vec::new(),
        }
    }

    /// How often the program sends (`Up to 4 msgs/month`), for the opt-in confirmation; the
    /// default says that the frequency varies.
    pub fn frequency(mut self, frequency: impl Into<String>) -> Replies {
        self.frequency = Some(frequency.into());
        self
    }

    /// Replaces the answer to `action` in `language` with `text`.
    ///
    /// # Errors
    ///
    /// The findings of MSG007, MSG009 or MSG010 when the text is not compliant.
    pub fn with(
        mut self,
        action: Action,
        language: Language,
        text: impl Into<String>,
    ) -> Result<Replies, Vec<ReplyFinding>> {
        let text = text.into();
        let findings = check_reply(action, &self.business, &text);
        if !findings.is_empty() {
            return Err(findings);
        }
        self.custom
            .retain(|(a, l, _)| !(*a == action && *l == language));
        self.custom.push((action, language, text));
        Ok(self)
    }

    /// The business's name.
    pub fn business(&self) -> &str {
        &self.business
    }

    /// Checks every reply: the findings, empty when all are compliant.
    pub fn check(&self) -> Vec<ReplyFinding> {
        let mut out = Vec::new();
        for action in [Action::OptOut, Action::Help, Action::OptIn] {
            for language in [Language::En, Language::Es] {
                if let Some(text) = self.text(action, language) {
                    out.extend(check_reply(action, &self.business, &text));
                }
            }
        }
        out
    }

    /// The text that answers `action` in `language`; `None` for [`Action::None`].
    pub fn text(&self, action: Action, language: Language) -> Option<String> {
        if let Some((_, _, t)) = self
            .custom
            .iter()
            .find(|(a, l, _)| *a == action && *l == language)
        {
            return Some(t.clone());
        }
        let b = &self.business;
        let c = &self.contact;
        Some(match (action, language) {
            (Action::None, _) => return None,
            (Action::OptOut, Language::En) => format!(
                "{b}: you are unsubscribed and will receive no more messages from this number. Reply START to resubscribe."
            ),
            (Action::OptOut, Language::Es) => format!(
                "{b}: se ha dado de baja y no recibirá más mensajes de este número. Responda START para volver a suscribirse."
            ),
            (Action::Help, Language::En) => format!(
                "{b}: for help, contact {c}. Msg&data rates may apply. Reply STOP to opt out."
            ),
            (Action::Help, Language::Es) => format!(
                "{b}: para ayuda, comuníquese con {c}. Pueden aplicarse tarifas de mensajes y datos. Responda PARA o STOP para darse de baja."
            ),
            (Action::OptIn, Language::En) => format!(
                "{b}: you are subscribed. {}. Msg&data rates may apply. Reply HELP for help, STOP to opt out.",
                self.frequency
                    .as_deref()
                    .unwrap_or("Message frequency varies")
            ),
            (Action::OptIn, Language::Es) => format!(
                "{b}: se ha suscrito. {}. Pueden aplicarse tarifas de mensajes y datos. Responda AYUDA para ayuda, PARA o STOP para darse de baja.",
                self.frequency
                    .as_deref()
                    .unwrap_or("La frecuencia de mensajes varía")
            ),
        })
    }

    /// The reply as TwiML: one `<Message>` with the text, or an empty `<Response/>` when
    /// `text` is `None` (nothing to answer, or the one confirmation already sent).
    pub fn twiml(text: Option<&str>) -> String {
        let mut response = MessagingResponse::new();
        if let Some(text) = text {
            response.message().body(text);
        }
        match response.build() {
            Ok(twiml) => twiml.to_string(),
            // A body of plain text always builds; fall back to an empty response.
            Err(_) => MessagingResponse::new()
                .build()
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_compliant() {
        let replies = Replies::new("Acme", "support@acme.example");
        assert_eq!(replies.check(), Vec::new());
    }

    #[test]
    fn findings() {
        assert_eq!(
            check_reply(Action::Help, "Acme", "We'll get back to you.")[0].message,
            "the answer to help lacks the business's name, a telephone number, email address or website, how to opt out"
        );
        assert!(!check_reply(Action::OptIn, "Acme", "Welcome back!").is_empty());
        assert!(
            Replies::new("Acme", "x")
                .with(Action::OptOut, Language::En, "Bye! 50% off next time")
                .is_err()
        );
    }

    #[test]
    fn twiml() {
        assert!(Replies::twiml(Some("a & b")).contains("<Body>a &amp; b</Body>"));
        assert!(Replies::twiml(None).contains("<Response"));
    }
}
