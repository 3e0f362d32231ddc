//! One outbound communication, as the gate is asked about it.

use std::borrow::Cow;
use std::fmt;

use super::error::InputError;
use super::intent::{MessageIntent, UseCase};
use super::location::Hints;
use super::number::{PhoneNumber, Sender};
use crate::document::Twiml;
use crate::model::ModelDocument;
use crate::parse::ParsedDocument;
use crate::schema::ElementId;
use crate::tree::{Content as Item, Document, Tag};

/// How the communication goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Channel {
    /// A text message.
    Sms,
    /// A multimedia message.
    Mms,
    /// A WhatsApp message.
    Whatsapp,
    /// A telephone call.
    Voice,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 4] = [
        Channel::Sms,
        Channel::Mms,
        Channel::Whatsapp,
        Channel::Voice,
    ];

    /// The lowercase name (`sms`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Mms => "mms",
            Channel::Whatsapp => "whatsapp",
            Channel::Voice => "voice",
        }
    }

    /// Whether it is a message (not a call).
    pub const fn is_message(self) -> bool {
        !matches!(self, Channel::Voice)
    }

    /// The channel with this name, in any case; an unknown one is an error naming the
    /// `channel` field.
    pub fn parse(value: &str) -> Result<Channel, InputError> {
        let trimmed = value.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(trimmed))
            .ok_or_else(|| InputError::UnknownChannel {
                value: value.to_string(),
            })
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the communication says, as the classifier reads it: the body of a message, or the
/// text of a TwiML document (its `<Message>` bodies and what its `<Say>` elements speak).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content<'a>(Cow<'a, str>);

impl<'a> Content<'a> {
    /// Nothing known of the content (a call placed with a URL the gate does not see).
    pub fn none() -> Content<'static> {
        Content(Cow::Borrowed(""))
    }

    /// A message body.
    pub fn text(body: &'a str) -> Content<'a> {
        Content(Cow::Borrowed(body))
    }

    /// The text of a built response.
    pub fn twiml(twiml: &Twiml) -> Content<'static> {
        Content(Cow::Owned(said(&ModelDocument::new(twiml.root()))))
    }

    /// The text of a parsed document.
    pub fn parsed(document: &ParsedDocument<'_>) -> Content<'static> {
        Content(Cow::Owned(said(document)))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Content<'static> {
    fn from(text: String) -> Self {
        Content(Cow::Owned(text))
    }
}

/// The text a recipient reads or hears: the character data inside `<Message>`, `<Sms>`,
/// `<Body>` and `<Say>` (with the SSML inside it), one element's text per line.
fn said<D: Document>(doc: &D) -> String {
    fn walk<D: Document>(doc: &D, node: D::Node, inside: bool, out: &mut String) {
        let speaks = matches!(
            doc.tag(node),
            Tag::Known(ElementId::Message | ElementId::Sms | ElementId::Body | ElementId::Say)
        );
        let inside = inside || speaks;
        for item in doc.children(node) {
            match item {
                Item::Element(child) => walk(doc, child, inside, out),
                Item::Text(text) if inside => {
                    out.push_str(text);
                    out.push(' ');
                }
                _ => {}
            }
        }
        if speaks && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    let mut out = String::new();
    walk(doc, doc.root(), false, &mut out);
    out
}

/// An override of a rule for one send: the rule, why it does not apply, and who decided.
/// It becomes part of the decision, the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SendOverride {
    /// The rule's code (`QH001`).
    pub code: String,
    /// Why the rule does not apply to this send.
    pub reason: String,
    /// Who decided (a person, a service account).
    pub actor: String,
}

impl SendOverride {
    /// An override; the rule must be one the registry knows, and the reason and the actor
    /// must not be empty. Errors name the `override` field.
    pub fn new(
        code: &str,
        reason: impl Into<String>,
        actor: impl Into<String>,
    ) -> Result<SendOverride, InputError> {
        let reason = reason.into();
        let actor = actor.into();
        let rule = crate::rules::find_rule(code).ok_or_else(|| InputError::InvalidOverride {
            problem: format!("unknown rule `{code}`"),
        })?;
        if reason.trim().is_empty() {
            return Err(InputError::InvalidOverride {
                problem: format!("the override of `{}` gives no reason", rule.code),
            });
        }
        if actor.trim().is_empty() {
            return Err(InputError::InvalidOverride {
                problem: format!("the override of `{}` names no actor", rule.code),
            });
        }
        Ok(SendOverride {
            code: rule.code.to_string(),
            reason,
            actor,
        })
    }
}

/// One outbound message or call.
///
/// ```
/// use twiml_core::gate::{Channel, MessageIntent, Outbound, PhoneNumber};
///
/// let to = PhoneNumber::parse("+13055550123")?;
/// let outbound = Outbound::message(to, "Acme: 20% off this weekend. Reply STOP to opt out.")
///     .intent(MessageIntent::Marketing);
/// assert_eq!(outbound.channel, Channel::Sms);
/// # Ok::<(), twiml_core::gate::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound<'a> {
    /// The recipient.
    pub to: PhoneNumber,
    /// The sender, when known.
    pub from: Option<Sender>,
    /// How it goes out.
    pub channel: Channel,
    /// What it says.
    pub content: Content<'a>,
    /// The `MessageIntent` the sender gave.
    pub intent: Option<MessageIntent>,
    /// The campaign's registered 10DLC use case.
    pub use_case: Option<UseCase>,
    /// What the sender knows of where the recipient lives.
    pub hints: Hints,
    /// Overrides for this send.
    pub overrides: Vec<SendOverride>,
    /// A WhatsApp message that is an approved template (allowed outside the 24-hour window).
    pub template: bool,
    /// The debt a collector's call is about (Regulation F counts calls per debt).
    pub debt: Option<String>,
}

impl<'a> Outbound<'a> {
    /// A text message with this body.
    pub fn message(to: PhoneNumber, body: &'a str) -> Self {
        Outbound {
            to,
            from: None,
            channel: Channel::Sms,
            content: Content::text(body),
            intent: None,
            use_case: None,
            hints: Hints::default(),
            overrides: Vec::new(),
            template: false,
            debt: None,
        }
    }

    /// A call; give what it says with [`Outbound::content`] when it is known.
    pub fn call(to: PhoneNumber) -> Outbound<'static> {
        Outbound {
            to,
            from: None,
            channel: Channel::Voice,
            content: Content::none(),
            intent: None,
            use_case: None,
            hints: Hints::default(),
            overrides: Vec::new(),
            template: false,
            debt: None,
        }
    }

    /// Sets the sender.
    pub fn from(mut self, from: Sender) -> Self {
        self.from = Some(from);
        self
    }

    /// Sets the channel.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.channel = channel;
        self
    }

    /// Sets the content.
    pub fn content(mut self, content: Content<'a>) -> Self {
        self.content = content;
        self
    }

    /// Sets the `MessageIntent`.
    pub fn intent(mut self, intent: MessageIntent) -> Self {
        self.intent = Some(intent);
        self
    }

    /// Sets the campaign's registered 10DLC use case.
    pub fn use_case(mut self, use_case: UseCase) -> Self {
        self.use_case = Some(use_case);
        self
    }

    /// Sets what the sender knows of where the recipient lives.
    pub fn hints(mut self, hints: Hints) -> Self {
        self.hints = hints;
        self
    }

    /// Marks a WhatsApp message as an approved template.
    pub fn template(mut self, template: bool) -> Self {
        self.template = template;
        self
    }

    /// Sets the debt a collector's call is about.
    pub fn debt(mut self, debt: impl Into<String>) -> Self {
        self.debt = Some(debt.into());
        self
    }

    /// Adds an override for this send.
    pub fn allow(mut self, over: SendOverride) -> Self {
        self.overrides.retain(|o| o.code != over.code);
        self.overrides.push(over);
        self
    }
}
