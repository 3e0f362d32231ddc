//! MSG003-MSG006: what carriers and the CTIA Messaging Principles expect of a message: opt-out
//! instructions and the sender's name in marketing, no public link shorteners, no forbidden
//! content.

use crate::diagnostic::Severity;
use crate::tree::Document;

use super::Findings;
use super::detect::{self, ShaftCategory};
use super::flow::EventKind;
use super::registry::{MSG003, MSG004, MSG005, MSG006};

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.flow.is_messaging() {
        return;
    }
    let flow = f.flow;
    let mut sender_unverifiable_reported = false;
    for event in &flow.events {
        let EventKind::Message(message) = &event.kind else {
            continue;
        };
        let (node, loc) = (event.node, event.loc);
        let text = message.text();

        if f.runs(&MSG003) && detect::sms_optout_instruction(text).is_none() {
            f.report(
                &MSG003,
                Severity::Error,
                node,
                loc,
                "the marketing message does not say how to opt out",
            )
            .help("end it with `Reply STOP to opt out.` (`Responda ALTO para cancelar.`)");
        }

        if f.runs(&MSG004) {
            let names = f.policy.business_names();
            if names.is_empty() {
                if !sender_unverifiable_reported {
                    sender_unverifiable_reported = true;
                    f.report(
                        &MSG004,
                        Severity::Warning,
                        node,
                        loc,
                        "cannot verify that the message names its sender: the policy names no business",
                    )
                    .help("give the brand name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`");
                }
            } else if detect::business_name(text, names).is_none() {
                f.report(
                    &MSG004,
                    Severity::Warning,
                    node,
                    loc,
                    format!(
                        "the message does not name its sender (\"{}\")",
                        names.join("\", \"")
                    ),
                )
                .help(format!("begin with the brand: `{}: ...`", names[0]));
            }
        }

        if f.runs(&MSG005) {
            for link in detect::shorteners(message.raw()) {
                let (severity, message) = if link.twilio_shared {
                    (
                        Severity::Warning,
                        format!(
                            "`{}` is Twilio's shared link domain, which carriers may filter",
                            link.host
                        ),
                    )
                } else {
                    (
                        Severity::Error,
                        format!(
                            "`{}` is a public URL shortener; carriers filter messages that use one",
                            link.host
                        ),
                    )
                };
                f.report(&MSG005, severity, node, loc, message)
                    .help("link to your own domain in full, or use Twilio Link Shortening with a branded domain");
            }
        }

        if f.runs(&MSG006)
            && let Some(found) = detect::forbidden_content(text)
        {
            let words = text.get(found.start..found.end).unwrap_or("");
            let (severity, help) = match found.category {
                ShaftCategory::Alcohol | ShaftCategory::Firearms | ShaftCategory::Tobacco => (
                    Severity::Warning,
                    "allowed only on senders approved for it, with an age gate, and never on toll-free numbers",
                ),
                _ => (
                    Severity::Error,
                    "carriers block this category on US and Canadian numbers; remove it or send through an approved channel",
                ),
            };
            f.report(
                &MSG006,
                severity,
                node,
                loc,
                format!(
                    "the message holds {} content (\"{words}\")",
                    category_words(found.category)
                ),
            )
            .help(help);
        }
    }
}

fn category_words(category: ShaftCategory) -> &'static str {
    match category {
        ShaftCategory::Sex => "sexual",
        ShaftCategory::Hate => "hateful",
        ShaftCategory::Alcohol => "alcohol",
        ShaftCategory::Firearms => "firearms",
        ShaftCategory::Tobacco => "tobacco",
        ShaftCategory::Vaping => "vaping",
        ShaftCategory::Cannabis => "cannabis",
        ShaftCategory::Gambling => "gambling",
        ShaftCategory::HighRiskFinance => "high-risk financial",
    }
}
