//! MSG003-MSG006: what carriers and the CTIA Messaging Principles expect of a message: opt-out
//! instructions and the sender's name in marketing, no public link shorteners, no forbidden
//! content.

use crate::diagnostic::Severity;
use crate::tree::Document;

use super::Findings;
use super::declare_rule;
use super::detect;
use super::flow::{EventKind, Kinds};
use super::text::{Anchors, FORBIDDEN, Forbidden};

declare_rule! {
    /// ## What it does
    /// Reads the text of every `<Message>` and `<Body>` for content in categories that Twilio and
    /// US carriers forbid or restrict. Sex, hate, cannabis and CBD, vaping, gambling and high-risk
    /// finance (payday loans, cryptocurrency, debt relief) are errors; alcohol, firearms and
    /// tobacco are warnings. It recognises English and Spanish words for these categories, in plain
    /// and marketing words (for example "marihuana", "apuestas", "cerveza", "cata de tequilas",
    /// "open bar", "préstamos de día de pago"), and leaves everyday phrases alone ("root beer",
    /// "glue gun", "you bet", "jugo puro", "pistola de silicón").
    ///
    /// ## Why is this bad
    /// Twilio's forbidden message categories and carrier rules block these categories on US
    /// messaging (S.H.A.F.T.: sex, hate, alcohol, firearms, tobacco; plus cannabis and CBD,
    /// gambling and high-risk financial services), and senders are rejected at verification with
    /// errors such as 30873 (sex) and 30874 (hate). Alcohol, firearms and tobacco are allowed on
    /// some senders only with proper age gating (alcohol and tobacco not at all on toll-free
    /// numbers), and alcohol content without a date-of-birth age gate is rejected with 30875, 30456
    /// or 30529. Rewording does not fix this: send such content only on a sender registered and
    /// age-gated for it, or not by SMS at all. An error for the forbidden categories, a warning for
    /// the age-gated ones; keyword hits are review prompts.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Message>Acme Widgets: Try our new CBD gummies, 20% off this weekend at https://example.com/shop. Reply STOP to opt out.</Message>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Message>Acme Widgets: Our new gift boxes are 20% off this weekend at https://example.com/shop. Reply STOP to opt out.</Message>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Twilio, "Forbidden message categories for SMS and MMS in the US and Canada"
    ///   (help.twilio.com article 360045004974)
    /// - Twilio errors 30873 (SHAFT: sex), 30874 (SHAFT: hate), 30875, 30456, 30529 (alcohol
    ///   without a date-of-birth age gate)
    /// - CTIA Messaging Principles and Best Practices (May 2023) §5.3.1
    pub MSG006 {
        name: "forbidden-content",
        family: Messaging,
        level: Deny,
        reports: "an error for forbidden categories; a warning for age-gated ones",
        regimes: [],
        needs: [],
        found_in: forbidden_words_in(&[Message, Sms]),
        example_policy: "",
        summary: "a message holds content of a category carriers forbid (SHAFT, cannabis, high-risk finance)",
    }
}

declare_rule! {
    /// ## What it does
    /// Reads the text of every `<Message>` and `<Body>` and checks the host of each link, with or
    /// without `https://`. A public URL shortener is an error: bit.ly, bitly.com, tinyurl.com,
    /// goo.gl, t.co, ow.ly, is.gd, v.gd, buff.ly, cutt.ly, rb.gy, tiny.cc, t.ly and similar.
    /// Twilio's shared `twil.io` domain is a warning.
    ///
    /// ## Why is this bad
    /// US carriers do not allow shared public URL shorteners and filter messages that use them;
    /// Twilio lists them among the forbidden practices for SMS and MMS in the US and Canada.
    /// Spammers share these domains, so one shortened link puts your message in their reputation.
    /// Use the full URL on your own domain, or Twilio Link Shortening with your own branded domain.
    /// An error for public shorteners, a warning for the shared `twil.io` domain.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Message>Your Acme Widgets order has shipped. Track it at https://bit.ly/3xYzAbc</Message>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Message>Your Acme Widgets order has shipped. Track it at https://example.com/track/A1042</Message>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Twilio, "Forbidden message categories for SMS and MMS in the US and Canada"
    ///   (help.twilio.com article 360045004974)
    /// - T-Mobile Code of Conduct (Sept. 2020): recognisable single domains, no URL cycling or
    ///   multiple redirects
    /// - CTIA Messaging Principles and Best Practices (May 2023) §5.3.2 (embedded website links)
    pub MSG005 {
        name: "public-url-shortener",
        family: Messaging,
        level: Deny,
        reports: "an error; a warning for Twilio's shared link domain",
        regimes: [],
        needs: [],
        found_in: links_in(&[Message, Sms]),
        example_policy: "",
        summary: "a message links through a public URL shortener, which carriers filter",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs under the marketing-sms regime and reads every `<Message>`, including its `<Body>`.
    /// Each message must name the sender with one of the policy's business names; matching ignores
    /// case and accents. Putting the name at the start of the body ("Acme Widgets: …") is the
    /// clearest form. A message that does not name the business is reported.
    ///
    /// ## Why is this bad
    /// The CTIA Messaging Principles and Best Practices require that a program make clear who is
    /// sending and what the consumer will receive (§5.1.1) and prohibit deceptive content (§5.3.1);
    /// an unbranded promotional text looks like phishing to recipients and to carrier filters.
    /// 10DLC campaign vetting also expects the brand name in sample messages (carrier practice, to
    /// be verified). A warning.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Message>Our spring sale starts today. Take 20% off all garden tools at https://example.com/spring. Reply STOP to opt out.</Message>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Message>Acme Widgets: Our spring sale starts today. Take 20% off all garden tools at https://example.com/spring. Reply STOP to opt out.</Message>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - CTIA Messaging Principles and Best Practices (May 2023) §5.1.1, §5.3.1
    pub MSG004 {
        name: "sender-not-identified",
        family: Messaging,
        level: Warn,
        reports: "a warning",
        regimes: [MarketingSms],
        needs: [],
        found_in: one_of(&[Message, Sms]),
        example_policy: "marketing-sms; business=Acme Widgets",
        summary: "a marketing message does not name the sender",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs under the marketing-sms regime and reads every `<Message>`, including its `<Body>`.
    /// Each message must tell the recipient how to opt out with a keyword: a text verb and a
    /// keyword, abbreviated or not ("Reply STOP", "Txt STOP to end", "Rply STOP", "Responda ALTO",
    /// "Envíe BAJA", "Resp. BAJA", "send a text with the word STOP", "envía un mensaje con la
    /// palabra BAJA"), or a keyword and what it does ("STOP to opt out", "PARAR para
    /// cancelar", "ALTO p/ cancelar", "Cancela con ALTO"). The standard keywords count (STOP, STOPALL, CANCEL, END, QUIT, UNSUBSCRIBE,
    /// REVOKE, OPTOUT; ALTO, BAJA, PARAR, CANCELAR). A message with no such instruction is
    /// reported, and so is one whose only opt-out is a link or whose keyword is an everyday word
    /// ("stop by our store", "alto impacto").
    ///
    /// ## Why is this bad
    /// The CTIA Messaging Principles and Best Practices expect opt-out information in program
    /// messages (§5.1.2.1 for the opt-in confirmation, §5.1.3 for consumer opt-out), and carriers
    /// audit messaging programs against them. Consumers may revoke consent by any reasonable means
    /// (47 CFR 64.1200(a)(10)); naming the keyword steers them to a reply that opt-out handling
    /// recognises (Twilio's defaults catch single-word replies such as STOP; Spanish ALTO needs
    /// Advanced Opt-Out). Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Message>Acme Widgets: Our spring sale starts today. Take 20% off all garden tools at https://example.com/spring.</Message>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Message>Acme Widgets: Our spring sale starts today. Take 20% off all garden tools at https://example.com/spring. Reply STOP to opt out.</Message>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - CTIA Messaging Principles and Best Practices (May 2023) §5.1.2.1, §5.1.3
    /// - CTIA Short Code Monitoring Handbook
    /// - 47 CFR 64.1200(a)(10) (revocation of consent by reasonable means)
    /// - Twilio, opt-out keywords: <https://help.twilio.com/articles/223134027>
    /// - Twilio, Advanced Opt-Out (Spanish and custom keywords):
    ///   <https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out>
    pub MSG003 {
        name: "missing-opt-out-instructions",
        family: Messaging,
        level: Deny,
        reports: "an error",
        regimes: [MarketingSms],
        needs: [],
        found_in: one_of(&[Message, Sms]),
        example_policy: "marketing-sms; business=Acme Widgets",
        summary: "a marketing message does not say how to opt out",
    }
}

/// The first look at words that may hold forbidden content: the longest words of the lists'
/// entries.
pub(super) static FORBIDDEN_WORDS: std::sync::LazyLock<Anchors> =
    std::sync::LazyLock::new(|| Anchors::of(FORBIDDEN));

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.flow.is_messaging() {
        return;
    }
    let flow = f.flow;
    // What only the marketing rules read is looked for only when they run; the language of a
    // message only when a finding needs its help line. The words are read only when a rule
    // needs them: the marketing rules always, MSG006 only when a message may hold a word of
    // its lists, which most hold none of.
    let may_forbid = f.runs(&MSG006) && flow.words_may_hold(|raw| FORBIDDEN_WORDS.may_hold(raw));
    let names_asked = f.runs(&MSG004) && !f.policy.business_names().is_empty();
    if !(f.runs(&MSG003) || f.runs(&MSG004) || may_forbid || f.runs(&MSG005)) {
        return;
    }
    let transcript = || flow.transcript();
    let opt_outs = if f.runs(&MSG003) {
        transcript().sms_opt_outs()
    } else {
        Vec::new()
    };
    let names = if names_asked {
        transcript().names(f.policy.business_names())
    } else {
        Vec::new()
    };
    let mut sender_unverifiable_reported = false;
    for (i, event) in flow.events_if(Kinds::MESSAGE).iter().enumerate() {
        let EventKind::Message(message) = &event.kind else {
            continue;
        };
        let (node, loc) = (event.node, event.loc);
        let tokens = || transcript().tokens_of_event(i);

        if f.runs(&MSG003) && !opt_outs.iter().any(|o| tokens().contains(&o.start)) {
            let lang = f.lang_of(i);
            f.report(
                &MSG003,
                Severity::Error,
                node,
                loc,
                "the marketing message does not say how to opt out",
            )
            .help_in(
                lang,
                "end it with `Reply STOP to opt out.`",
                "termine con `Responda ALTO para cancelar.`",
            );
        }

        if f.runs(&MSG004) {
            let business = f.policy.business_names();
            if business.is_empty() {
                if !sender_unverifiable_reported {
                    sender_unverifiable_reported = true;
                    let lang = f.lang_of(i);
                    f.report(
                        &MSG004,
                        Severity::Warning,
                        node,
                        loc,
                        "cannot verify that the message names its sender: the policy names no business",
                    )
                    .help_in(
                        lang,
                        "give the brand name: `business-name` in twiml.toml, `--business-name`, or `Policy::business_name`",
                        "indique el nombre de la marca: `business-name` en twiml.toml, `--business-name` o `Policy::business_name`",
                    );
                }
            } else if !names.iter().any(|n| tokens().contains(&n.start)) {
                let lang = f.lang_of(i);
                f.report(
                    &MSG004,
                    Severity::Warning,
                    node,
                    loc,
                    format!(
                        "the message does not name its sender (\"{}\")",
                        business.join("\", \"")
                    ),
                )
                .help_in(
                    lang,
                    format!("begin with the brand: `{}: ...`", business[0]),
                    format!("comience con la marca: `{}: ...`", business[0]),
                );
            }
        }

        if f.runs(&MSG005) {
            for link in detect::shorteners(message.raw()) {
                let lang = f.lang_of(i);
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
                f.report(&MSG005, severity, node, loc, message).help_in(
                    lang,
                    "link to your own domain in full, or use Twilio Link Shortening with a branded domain",
                    "enlace a su propio dominio completo, o use Twilio Link Shortening con un dominio de su marca",
                );
            }
        }

        if may_forbid && let Some((found, category)) = transcript().forbidden(tokens()) {
            let words = transcript().quote(found.clone());
            let lang = f.lang_of(i);
            let (severity, help) = match category {
                Forbidden::Alcohol | Forbidden::Firearms | Forbidden::Tobacco => (
                    Severity::Warning,
                    (
                        "allowed only on senders approved for it, with an age gate, and never on toll-free numbers",
                        "permitido solo en remitentes aprobados para ello, con verificación de edad, y nunca en números gratuitos",
                    ),
                ),
                _ => (
                    Severity::Error,
                    (
                        "carriers block this category on US and Canadian numbers; remove it or send through an approved channel",
                        "los operadores bloquean esta categoría en números de EE. UU. y Canadá; quítela o envíe por un canal aprobado",
                    ),
                ),
            };
            f.report_words(
                &MSG006,
                severity,
                found,
                format!(
                    "the message holds {} content (\"{words}\")",
                    category_words(category)
                ),
            )
            .help_in(lang, help.0, help.1);
        }
    }
}

fn category_words(category: Forbidden) -> &'static str {
    match category {
        Forbidden::Sex => "sexual",
        Forbidden::Hate => "hateful",
        Forbidden::Alcohol => "alcohol",
        Forbidden::Firearms => "firearms",
        Forbidden::Tobacco => "tobacco",
        Forbidden::Vaping => "vaping",
        Forbidden::Cannabis => "cannabis",
        Forbidden::Gambling => "gambling",
        Forbidden::Finance => "high-risk financial",
    }
}
