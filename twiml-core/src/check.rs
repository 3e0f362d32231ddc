//! Structural checks over any [`Document`], driven by the element table.
//!
//! The same walk checks a response made by the builder (at its build step) and a parsed file
//! (in the validator): attribute values against their grammar, required attributes and text,
//! text length, child counts, characters XML cannot carry, and the names of custom elements
//! and attributes.

use std::borrow::Cow;

use crate::diagnostic::{CheckInfo, Diagnostic, Severity, checks};
use crate::grammar::{self, ProblemKind, ValueProblem};
use crate::schema::{self, AttributeSpec, ElementId, ElementSpec, TextPresence, ValueKind};
use crate::tree::{Attribute, Content, Document, Part, Path, Tag, Value};

/// `<Say>` text with an Amazon Polly voice is capped lower than basic text-to-speech
/// (Twilio error 13521: 4096 characters for basic voices, 3000 for Polly).
const POLLY_SAY_MAX_CHARS: u32 = 3000;

/// Runs every structural check over `doc`, appending findings to `out`.
pub fn check_document<D: Document>(doc: &D, out: &mut Vec<Diagnostic<D::Span>>) {
    let mut walk = Walk {
        doc,
        out,
        path: Path::new(),
    };
    walk.element(doc.root(), 0);
}

struct Walk<'d, D: Document> {
    doc: &'d D,
    out: &'d mut Vec<Diagnostic<D::Span>>,
    path: Path<'d>,
}

impl<'d, D: Document> Walk<'d, D> {
    fn report(&mut self, node: D::Node, part: Part<'_>, diagnostic: Diagnostic<()>) {
        let span = self.doc.locate(node, &self.path, part);
        self.out.push(diagnostic.map_span(|()| span.clone()));
    }

    fn element(&mut self, node: D::Node, position: usize) {
        self.path.push(self.doc.name(node), position);
        match self.doc.tag(node) {
            Tag::Known(id) => self.known_element(node, id.spec()),
            Tag::Custom(name) => self.custom_element(node, name),
            // The validator reports unknown elements; their content is still checked for
            // characters XML cannot carry.
            Tag::Unknown(_) => self.custom_content(node),
        }
        self.path.pop();
    }

    fn known_element(&mut self, node: D::Node, spec: &'static ElementSpec) {
        self.attributes(node, spec);

        let mut text: Option<Cow<'d, str>> = None;
        let mut counts = [0u32; 4];
        let mut element_position = 0;
        for (i, item) in self.doc.children(node).enumerate() {
            match item {
                Content::Text(s) => {
                    self.characters(node, Part::Content(i), s, "text");
                    text = Some(match text {
                        None => Cow::Borrowed(s),
                        Some(t) => Cow::Owned(t.into_owned() + s),
                    });
                }
                Content::Comment(s) => self.comment(node, i, s),
                Content::Element(child) => {
                    if let Tag::Known(child_id) = self.doc.tag(child)
                        && let Some(k) = spec.child_limits.iter().position(|l| l.child == child_id)
                    {
                        counts[k] += 1;
                    }
                    self.element(child, element_position);
                    element_position += 1;
                }
            }
        }

        self.text(node, spec, text.as_deref().unwrap_or(""));
        for (limit, &count) in spec.child_limits.iter().zip(&counts) {
            let child = limit.child.spec().name;
            if count > limit.max {
                let d = Diagnostic::new(
                    &checks::TOO_MANY_CHILDREN,
                    format!(
                        "`<{}>` holds {count} `<{child}>` elements; at most {} {} allowed",
                        spec.name,
                        limit.max,
                        if limit.max == 1 { "is" } else { "are" }
                    ),
                    (),
                )
                .with_twilio_error(limit.twilio_error);
                self.report(node, Part::Element, d);
            } else if count < limit.min {
                let d = Diagnostic::new(
                    &checks::MISSING_CHILD,
                    format!("`<{}>` needs a `<{child}>` element", spec.name),
                    (),
                );
                self.report(node, Part::Element, d);
            }
        }
    }

    fn attributes(&mut self, node: D::Node, spec: &'static ElementSpec) {
        // Which of the table's attributes are present, by position (no element has more than
        // 64; the table's test guards that).
        let mut present = 0u64;
        let mut customs: Vec<&'d str> = Vec::new();
        for attribute in self.doc.attributes(node) {
            if attribute.custom {
                self.custom_attribute(node, Some(spec), &mut customs, attribute);
                continue;
            }
            let Some(a) = attribute.spec else {
                // Unknown attributes are the validator's to report.
                continue;
            };
            if let Some(i) = spec.attributes.iter().position(|x| std::ptr::eq(x, a)) {
                present |= 1 << i;
            }
            self.value(node, spec, a, attribute.value);
        }
        for (i, a) in spec.attributes.iter().enumerate() {
            if a.required && present & (1 << i) == 0 {
                let d = Diagnostic::new(
                    &checks::MISSING_ATTRIBUTE,
                    format!("`<{}>` needs the attribute `{}`", spec.name, a.name),
                    (),
                )
                .with_help(format!("`{}`: {}", a.name, a.summary));
                self.report(node, Part::Element, d);
            }
        }
    }

    fn value(&mut self, node: D::Node, el: &ElementSpec, a: &AttributeSpec, value: Value<'_>) {
        let problem = match value {
            Value::Text(s) => {
                if !self.characters(node, Part::Attribute(a.name), s, a.name) {
                    return;
                }
                grammar::check_text(&a.kind, s)
            }
            Value::Integer(n) => grammar::check_integer(&a.kind, n),
            Value::Integers([]) => Some(empty_list()),
            Value::Integers(list) => list
                .iter()
                .find_map(|&n| grammar::check_integer(&a.kind, u64::from(n))),
            Value::Keywords(list) if list.is_empty() => Some(empty_list()),
            Value::Keywords(_) | Value::Keyword(_) | Value::Boolean(_) => None,
        };
        if let Some(p) = problem {
            let subject = format!("`{}` on `<{}>`", a.name, el.name);
            self.report(node, Part::Attribute(a.name), value_diagnostic(&subject, p));
        }
    }

    fn text(&mut self, node: D::Node, spec: &ElementSpec, text: &str) {
        let rule = &spec.text;
        let blank = text.trim().is_empty() && !(rule.mixed && self.subtree_has_text(node));
        if blank {
            if rule.presence == TextPresence::Required {
                let severity = if rule.missing_is_warning {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let d = Diagnostic::new(
                    &checks::MISSING_TEXT,
                    format!("`<{}>` has no text", spec.name),
                    (),
                )
                .with_severity(severity)
                .with_twilio_error(rule.empty_error)
                .with_help(format!("give {}", lowercase_first(rule.summary)));
                self.report(node, Part::Element, d);
            }
            return;
        }
        if rule.presence == TextPresence::None {
            return;
        }
        if rule.mixed {
            let ValueKind::Text {
                max_chars: Some(max),
            } = rule.kind
            else {
                return;
            };
            // A character takes at least one byte: short text needs no counting.
            let bytes = self.subtree_text(node, str::len);
            if bytes <= POLLY_SAY_MAX_CHARS.min(max) as usize {
                return;
            }
            let polly = spec.id == ElementId::Say
                && self
                    .doc
                    .attribute(node, "voice")
                    .is_some_and(|v| voice_is_polly(&v));
            let max = if polly { POLLY_SAY_MAX_CHARS } else { max };
            let chars = self.subtree_text(node, |s| s.chars().count());
            if chars > max as usize {
                let d = Diagnostic::new(
                    &checks::TEXT_TOO_LONG,
                    format!(
                        "`<{}>` text is {chars} characters long; at most {max} are allowed{}",
                        spec.name,
                        if polly { " with a Polly voice" } else { "" }
                    ),
                    (),
                )
                .with_twilio_error(rule.too_long_error)
                .with_help("split the text over several elements");
                self.report(node, Part::Element, d);
            }
            return;
        }
        if let Some(p) = grammar::check_text(&rule.kind, text) {
            let d = if p.kind == ProblemKind::OutOfRange
                && matches!(rule.kind, ValueKind::Text { .. })
            {
                Diagnostic::new(
                    &checks::TEXT_TOO_LONG,
                    format!("`<{}>` text is too long: {}", spec.name, p.message),
                    (),
                )
                .with_twilio_error(rule.too_long_error)
            } else {
                value_diagnostic(&format!("text of `<{}>`", spec.name), p)
            };
            self.report(node, Part::Element, d);
        }
    }

    fn custom_element(&mut self, node: D::Node, name: &str) {
        if !grammar::is_xml_name(name) {
            let d = Diagnostic::new(
                &checks::INVALID_NAME,
                format!("`{name}` is not an XML name"),
                (),
            )
            .with_help("a name starts with a letter, `_` or `:` and holds letters, digits, `_`, `-`, `.` and `:`");
            self.report(node, Part::Element, d);
        } else if let Some(known) = schema::lookup(self.doc.dialect(), name, None) {
            let d = Diagnostic::new(
                &checks::SHADOWED_ELEMENT,
                format!("custom element `<{name}>` has the name of a known element"),
                (),
            )
            .with_help(format!(
                "add `<{name}>` with the typed builder method `{}`, where it may appear",
                known.spec().method
            ));
            self.report(node, Part::Element, d);
        }
        self.custom_content(node);
    }

    /// Attributes and content of an element the table does not describe.
    fn custom_content(&mut self, node: D::Node) {
        let mut customs: Vec<&'d str> = Vec::new();
        for attribute in self.doc.attributes(node) {
            if attribute.custom {
                self.custom_attribute(node, None, &mut customs, attribute);
            } else if let Value::Text(s) = attribute.value {
                self.characters(node, Part::Attribute(attribute.name), s, attribute.name);
            }
        }
        let mut element_position = 0;
        for (i, item) in self.doc.children(node).enumerate() {
            match item {
                Content::Text(s) => {
                    self.characters(node, Part::Content(i), s, "text");
                }
                Content::Comment(s) => self.comment(node, i, s),
                Content::Element(child) => {
                    self.element(child, element_position);
                    element_position += 1;
                }
            }
        }
    }

    fn custom_attribute(
        &mut self,
        node: D::Node,
        element: Option<&ElementSpec>,
        seen: &mut Vec<&'d str>,
        attribute: Attribute<'d>,
    ) {
        let name = attribute.name;
        let part = Part::Attribute(name);
        if !grammar::is_xml_name(name) {
            let d = Diagnostic::new(
                &checks::INVALID_NAME,
                format!("`{name}` is not an XML name"),
                (),
            );
            self.report(node, part, d);
        } else if let Some(known) = element.and_then(|e| e.attribute(name)) {
            let element = element.map_or("", |e| e.name);
            let d = Diagnostic::new(
                &checks::DUPLICATE_ATTRIBUTE,
                format!("custom attribute `{name}` stands in for the known attribute `{}` of `<{element}>`", known.name),
                (),
            )
            .with_help(format!("set it with the typed method `{}`", known.rust_name));
            self.report(node, part, d);
        } else if seen.contains(&name) {
            let d = Diagnostic::new(
                &checks::DUPLICATE_ATTRIBUTE,
                format!("custom attribute `{name}` is set twice"),
                (),
            );
            self.report(node, part, d);
        } else {
            seen.push(name);
        }
        if let Value::Text(s) = attribute.value {
            self.characters(node, part, s, name);
        }
    }

    fn comment(&mut self, node: D::Node, position: usize, text: &str) {
        let part = Part::Content(position);
        if self.characters(node, part, text, "comment")
            && (text.contains("--") || text.ends_with('-'))
        {
            let d = Diagnostic::new(
                &checks::INVALID_COMMENT,
                "comment text contains `--` or ends with `-`",
                (),
            )
            .with_help("reword the comment; XML comments cannot escape dashes");
            self.report(node, part, d);
        }
    }

    /// Reports the first character XML 1.0 cannot carry; returns whether the text is clean.
    fn characters(&mut self, node: D::Node, part: Part<'_>, text: &str, what: &str) -> bool {
        let Some((offset, c)) = grammar::find_non_xml_char(text) else {
            return true;
        };
        let element = self.doc.name(node);
        let d = Diagnostic::new(
            &checks::INVALID_XML_CHARACTER,
            format!(
                "{} of `<{element}>` holds U+{:04X} at character {}, which XML 1.0 cannot carry",
                if what == "text" || what == "comment" {
                    what.to_string()
                } else {
                    format!("`{what}`")
                },
                u32::from(c),
                text[..offset].chars().count() + 1
            ),
            (),
        )
        .with_help("remove the character before it reaches the response");
        self.report(node, part, d);
        false
    }

    fn subtree_has_text(&self, node: D::Node) -> bool {
        self.doc.children(node).any(|item| match item {
            Content::Text(s) => !s.trim().is_empty(),
            Content::Element(child) => self.subtree_has_text(child),
            Content::Comment(_) => false,
        })
    }

    /// The sum of `measure` over every piece of text in the element and its descendants.
    fn subtree_text(&self, node: D::Node, measure: fn(&str) -> usize) -> usize {
        self.doc
            .children(node)
            .map(|item| match item {
                Content::Text(s) => measure(s),
                Content::Element(child) => self.subtree_text(child, measure),
                Content::Comment(_) => 0,
            })
            .sum()
    }
}

fn voice_is_polly(v: &Value<'_>) -> bool {
    match v {
        Value::Text(s) => s.trim().starts_with("Polly."),
        Value::Keyword(k) => k.starts_with("Polly."),
        _ => false,
    }
}

fn empty_list() -> ValueProblem {
    ValueProblem {
        kind: ProblemKind::Invalid,
        message: "the list is empty".to_string(),
        help: Some("give at least one value, or leave the attribute out".to_string()),
    }
}

/// The diagnostic for a value problem of `subject` (``"`timeout` on `<Gather>`"``).
fn value_diagnostic(subject: &str, p: ValueProblem) -> Diagnostic<()> {
    let (check, message): (&'static CheckInfo, String) = match p.kind {
        ProblemKind::Invalid => (
            &checks::INVALID_VALUE,
            format!("invalid {subject}: {}", p.message),
        ),
        ProblemKind::OutOfRange => (
            &checks::VALUE_OUT_OF_RANGE,
            format!("{subject} is out of range: {}", p.message),
        ),
        ProblemKind::UnknownInOpenSet => (
            &checks::UNKNOWN_VALUE,
            format!("unknown value for {subject}: {}", p.message),
        ),
        ProblemKind::Unusual => (&checks::UNUSUAL_VALUE, format!("{subject}: {}", p.message)),
    };
    Diagnostic::new(check, message, ()).with_optional_help(p.help)
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
