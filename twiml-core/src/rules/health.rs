//! PHI001 and PHI003: health details in what is spoken or texted, and in URLs (HIPAA, 45 CFR
//! 164.530(c) reasonable safeguards, 164.502(b) minimum necessary).
//!
//! A covered entity may call and text patients; the risk is that someone else hears the
//! message or reads the URL. A voicemail, a text message and an unverified outbound call can
//! all reach someone else, and extra-sensitive details (substance use, HIV, reproductive and
//! mental health) are never safe to leave there.

use crate::diagnostic::Severity;
use crate::model::values::Method;
use crate::schema::{ElementId, ValueKind, attr};
use crate::tree::{Content, Document, Value};

use super::Findings;
use super::declare_rule;
use super::detect::{self, PhiCategory, PhiMatch};
use super::flow::{self, EventKind};
use super::policy::Fact;
use super::text::{Concept, Health, Transcript};

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    health_details_in_content(f);
    health_details_in_urls(f);
}

fn category_words(category: PhiCategory) -> &'static str {
    match category {
        PhiCategory::Condition => "a health condition",
        PhiCategory::Specialty => "a medical specialty",
        PhiCategory::Result => "a test result",
        PhiCategory::Medication => "a medication",
        PhiCategory::Identifier => "a patient identifier",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs under the healthcare regime and reads `<Say>` text (including inside `<Gather>`),
    /// `<Message>` and `<Body>` text, `<Pay><Prompt>` text and a ConversationRelay
    /// `welcomeGreeting`. It reports health details, in clinical and everyday words alike:
    /// conditions and diagnoses (diabetes, cancer, pregnancy, depression, "presión alta"),
    /// specialties and departments (cardiology, oncology, behavioral health, "salud mental"), a
    /// test or a measure with its result ("your strep test was positive", "your flu swab came back
    /// negative", "su azúcar salió alta", "sus análisis salieron con el colesterol alto"),
    /// procedures and treatments ("therapy session", "sesión de terapia", physical therapy),
    /// medications by name or by what they treat (insulin, Lisinopril, "blood pressure medication",
    /// "medicina para la presión", "resurtido de metformina"), and identifiers such as date of
    /// birth or medical record number. A clinic name that reveals a specialty, such as "… Cancer
    /// Center", counts as a health detail. Asking for an identifier to verify the caller ("please
    /// enter your date of birth", "marque su fecha de nacimiento") discloses nothing and is not
    /// reported; nor are everyday phrases with health words ("hearing aids", "tropical depression",
    /// "blood drive", "donación de sangre", "flu shots are available", "positive feedback").
    ///
    /// ## Why is this bad
    /// A call can reach voicemail or be answered by someone other than the patient, and a text can
    /// be read on a lock screen, so health details in the content become disclosures to third
    /// parties; HIPAA requires reasonable safeguards that limit such incidental disclosures (45 CFR
    /// 164.530(c)) and, for most administrative and billing messages, only the minimum necessary
    /// information (45 CFR 164.502(b), 164.514(d)). HHS allows messages on answering machines but
    /// advises limiting them to what is needed, such as the name, a number and a request to call
    /// back (HHS FAQ 198). Substance-use treatment records carry stricter federal rules (42 CFR
    /// Part 2). It is a warning, and an error for voicemail, for SMS messages, on outbound calls
    /// without `right-party-verified`, and for extra-sensitive details (substance use, HIV and
    /// STIs, reproductive health, mental health).
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/appointments/confirm">
    ///     <Say>Hello, this is Acme Medical Group with a reminder about your cardiology appointment on Tuesday at 10 AM. To confirm, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" action="https://example.com/appointments/confirm">
    ///     <Say>Hello, this is Acme Medical Group with a reminder about an appointment on Tuesday at 10 AM. To confirm, press 1.</Say>
    ///   </Gather>
    ///   <Say>To reschedule, please call 1-800-555-0100.</Say>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 45 CFR 164.530(c) (safeguards; incidental disclosures)
    /// - 45 CFR 164.502(b), 164.514(d) (minimum necessary)
    /// - HHS, HIPAA FAQ 198 (messages left for patients):
    ///   <https://www.hhs.gov/hipaa/for-professionals/faq/198/>
    /// - 42 CFR Part 2 (substance use disorder patient records)
    pub PHI001 {
        name: "health-details-in-content",
        family: Health,
        level: Deny,
        reports: "a warning; an error for voicemail, text messages, outbound calls without `right-party-verified`, and extra-sensitive details",
        regimes: [Healthcare],
        needs: [],
        found_in: anywhere(),
        example_policy: "healthcare",
        summary: "spoken or texted content holds health details that may reach someone else",
    }
}

/// PHI001: health details in spoken or texted content.
fn health_details_in_content<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&PHI001) {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    let voicemail = f.policy.holds(Fact::Voicemail);
    let unverified = f.policy.holds(Fact::Outbound) && !f.policy.holds(Fact::RightPartyVerified);
    let details = t.health_details();
    for (i, event) in flow.events.iter().enumerate() {
        let texted = match &event.kind {
            EventKind::Speech(_) => false,
            EventKind::Message(_) => true,
            _ => continue,
        };
        let tokens = t.tokens_of_event(i);
        let Some(found) = details
            .iter()
            .filter(|d| tokens.contains(&d.tokens.start))
            .find(|d| d.kind != Health::Identifier || !asks_for(t, d.tokens.start))
        else {
            continue;
        };
        let words = t.quote(found.tokens.clone());
        let (severity, reach) = if found.sensitive {
            (Severity::Error, "an extra-sensitive health detail")
        } else if texted {
            (
                Severity::Error,
                "a text message, which anyone holding the phone can read,",
            )
        } else if voicemail {
            (
                Severity::Error,
                "a voicemail, which anyone at the mailbox can hear,",
            )
        } else if unverified {
            (
                Severity::Error,
                "an outbound call to a person not yet verified",
            )
        } else {
            (Severity::Warning, "the call")
        };
        let message = if found.sensitive {
            format!("{reach} is disclosed: \"{words}\"")
        } else {
            format!("{reach} discloses {}: \"{words}\"", kind_words(found.kind))
        };
        let lang = f.lang_of(i);
        f.report_words(&PHI001, severity, found.tokens.clone(), message).help_in(
            lang,
            "keep the message generic (\"a reminder about your appointment on Monday at 10 a.m.\"); give details only after verifying the patient, or through a secure portal",
            "mantenga el mensaje general (\"un recordatorio de su cita el lunes a las 10 a.m.\"); dé los detalles solo después de verificar al paciente, o por un portal seguro",
        );
    }
}

/// What a kind of health detail is, in a message.
fn kind_words(kind: Health) -> &'static str {
    match kind {
        Health::Condition => "a health condition",
        Health::Specialty => "a medical specialty",
        Health::Result => "a test result or a treatment",
        Health::Medication => "a medication",
        Health::Identifier => "a patient identifier",
    }
}

/// Whether the identifier at `at` is asked for ("enter your date of birth", "diga su fecha
/// de nacimiento"): asking verifies the caller, as the rule's fix recommends, and discloses
/// nothing.
fn asks_for(t: &Transcript, at: u32) -> bool {
    let sentence = t.sentence_of(at);
    t.hits_in(Concept::RequestVerb, sentence.start..at)
        .next()
        .is_some()
        || t.hits_in(Concept::KeyVerb, sentence.start..at)
            .next()
            .is_some()
}

/// The query string of a URL as words: percent-escapes decoded, `+`, `_`, `&` and `=` read as
/// spaces and camelCase keys split, so that `date_of_birth=`, `dateOfBirth=` and `patientDob=`
/// read like "date of birth" and "patient dob".
fn query_words(url: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    Some(detect::normalize(&split_words(&percent_decode(query))))
}

/// Decodes `%XX` escapes (as UTF-8, invalid sequences replaced) and `+` as a space.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, byte) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Separators as spaces, and a space where a lower-case letter meets an upper-case one.
fn split_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_lower = false;
    for c in text.chars() {
        if matches!(c, '_' | '&' | '=') {
            out.push(' ');
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_lowercase();
        out.push(c);
    }
    out
}

/// A Social Security number (`123-45-6789`) or a medical record number in the text.
fn is_ssn_or_mrn(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ssn = bytes.windows(11).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            3 | 6 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    });
    ssn || text.contains("mrn") || text.contains("medical record")
}

/// What a URL or parameter reveals, if anything: an identifier, or a condition word.
fn revealed(text: &str) -> Option<PhiMatch> {
    detect::phi_identifier(text).or_else(|| detect::phi(text))
}

declare_rule! {
    /// ## What it does
    /// Runs under the healthcare regime and reads URL query strings (in `action`, `url`,
    /// `statusCallback` and the other URL attributes) and `<Parameter>` values. It reports health
    /// identifiers (date of birth or `dob`, medical record number or `mrn`, a social security
    /// number written as 123-45-6789) and condition or specialty words (oncology, diabetes,
    /// cardiology; Spanish "oncología", "diabetes", "cardiología"). A condition word or date of
    /// birth is a warning and an SSN or MRN is an error. It also reports, as a warning,
    /// `method="GET"` on an element whose URL carries such data.
    ///
    /// ## Why is this bad
    /// URLs and their query strings are written to web-server, proxy and Twilio request logs, so
    /// health data in a URL is stored in places that are not built to protect it; HIPAA requires
    /// transmission security for electronic protected health information (45 CFR 164.312(e)(1)) and
    /// reasonable safeguards against incidental disclosure (45 CFR 164.530(c)). Twilio's HIPAA
    /// guidance requires POST webhooks because GET parameters are logged and kept for 7 days. Pass
    /// an opaque reference instead and look the patient up on your server.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" method="GET" action="https://example.com/appointments/confirm?patient=Jane+Doe&amp;dob=1980-04-12&amp;dept=oncology">
    ///     <Say>Hello, this is Acme Medical Group with a reminder about an appointment on Tuesday. To confirm, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Gather numDigits="1" method="POST" action="https://example.com/appointments/a7q2/confirm">
    ///     <Say>Hello, this is Acme Medical Group with a reminder about an appointment on Tuesday. To confirm, press 1.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security)
    /// - 45 CFR 164.530(c) (safeguards)
    /// - Twilio HIPAA guidance (POST webhooks; repo `twilio/ai`,
    ///   `skills/twilio/twilio-security-compliance-hipaa/SKILL.md`)
    pub PHI003 {
        name: "health-details-in-urls",
        family: Health,
        level: Deny,
        reports: "a warning; an error for a Social Security or medical record number",
        regimes: [Healthcare],
        needs: [],
        found_in: anywhere(),
        example_policy: "healthcare",
        summary: "a URL or parameter carries health details or identifiers",
    }
}

/// PHI003: health details in URLs and parameters, which servers and Twilio log.
fn health_details_in_urls<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&PHI003) {
        return;
    }
    let flow = f.flow;
    let doc = flow.doc;
    for element in flow.elements.iter().copied() {
        let Some(id) = element.id else { continue };
        let mut carries = false;
        for attribute in doc.attributes(element.node) {
            let (Some(spec), Value::Text(value)) = (attribute.spec, attribute.value) else {
                continue;
            };
            let text = match spec.kind {
                ValueKind::Url(_) => query_words(value),
                // A parameter's name says what its value is (`dob`, `mrn`).
                _ if id == ElementId::Parameter && spec.name == attr::VALUE.name() => {
                    let name = flow::text_attribute(doc, element.node, attr::NAME).unwrap_or("");
                    Some(detect::normalize(&split_words(&format!("{name} {value}"))))
                }
                _ => None,
            };
            let Some(text) = text else { continue };
            let Some(found) = revealed(&text) else {
                continue;
            };
            carries = true;
            let severity = if is_ssn_or_mrn(&text) {
                Severity::Error
            } else {
                Severity::Warning
            };
            let words = text.get(found.start..found.end).unwrap_or("");
            f.report(
                &PHI003,
                severity,
                element.node,
                element.loc,
                format!(
                    "`{}` carries {} (\"{words}\"); URLs and parameters are logged",
                    spec.name,
                    category_words(found.category)
                ),
            )
            .at_row_attribute(spec)
            .help(
                "pass an opaque reference (a random token) and look the details up on your server",
            );
        }
        // Elements whose text is a URL: `<Play>`, `<Redirect>`, `<Media>`.
        if matches!(id.spec().text.kind, ValueKind::Url(_)) {
            for item in doc.children(element.node) {
                let Content::Text(url) = item else { continue };
                let Some(text) = query_words(url) else {
                    continue;
                };
                if let Some(found) = revealed(&text) {
                    carries = true;
                    let severity = if is_ssn_or_mrn(&text) {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    f.report(
                        &PHI003,
                        severity,
                        element.node,
                        element.loc,
                        format!(
                            "the URL carries {}; URLs are logged",
                            category_words(found.category)
                        ),
                    )
                    .help("pass an opaque reference (a random token) and look the details up on your server");
                }
            }
        }
        if carries
            && doc
                .attribute(element.node, attr::METHOD)
                .is_some_and(|v| v.read() == Some(Method::Get))
        {
            f.report(
                &PHI003,
                Severity::Warning,
                element.node,
                element.loc,
                "`method=\"GET\"` puts the request's data in the URL, where it is logged",
            )
            .at_attribute(attr::METHOD)
            .help("use `method=\"POST\"` for requests that carry health data");
        }
    }
}
