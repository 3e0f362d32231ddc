//! The typed model of TwiML documents, and the builder methods that make it.
//!
//! Every element of the table is a struct with one typed field per attribute and a list of
//! children whose type follows the content model: a `GatherChild` can be a `<Say>`, `<Play>` or
//! `<Pause>` and nothing else, so putting a `<Dial>` in a `<Gather>` does not compile. The
//! structs, their child enums, their builder methods and their rendering are generated from the
//! element table into `generated/` (a test keeps that code in step with the table); this module
//! holds what the generated code stands on.

use std::fmt;

use std::str::FromStr;

use crate::render::Writer;
use crate::tree::{Attribute, Content, Document, KeywordList, Value};

/// Pushes `$variant($value)` onto `$children` and returns a reference to the new element.
macro_rules! push_child {
    ($children:expr, $variant:path, $value:expr) => {{
        $children.push($variant($value));
        match $children.last_mut() {
            Some($variant(pushed)) => pushed,
            // The element was pushed on the line above.
            _ => unreachable!("the last child is the element just pushed"),
        }
    }};
}

mod generated;
mod view;

pub use generated::{fax, messaging, values, voice};
pub(crate) use view::ModelDocument;

/// An attribute the table does not know yet, added by name with `custom_attribute`.
///
/// It is written after the typed attributes. The build step refuses one whose name is a known
/// attribute of the element (or an alternative spelling of one), or that repeats another
/// custom attribute: a custom attribute can never shadow a typed one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CustomAttribute {
    /// The attribute's XML name.
    pub name: String,
    /// Its value, unescaped.
    pub value: String,
}

impl CustomAttribute {
    /// An attribute of a document kept as a custom attribute (one the table does not know).
    pub(crate) fn from_attribute(a: &Attribute<'_>) -> Self {
        CustomAttribute {
            name: a.name.to_string(),
            value: value_text(&a.value),
        }
    }
}

/// An element the table does not know yet, added by name with `custom_element`.
///
/// The build step refuses one named like a known element, so it can never bypass the content
/// model; its content may only be text, comments and further custom elements.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CustomElement {
    /// The element's XML name.
    pub name: String,
    /// Its attributes, in order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub attributes: Vec<CustomAttribute>,
    /// Its content, in order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub children: Vec<CustomContent>,
}

/// Content of a custom element.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CustomContent {
    /// Character data.
    #[cfg_attr(feature = "serde", serde(rename = "#text"))]
    Text(String),
    /// An XML comment.
    #[cfg_attr(feature = "serde", serde(rename = "#comment"))]
    Comment(String),
    /// A nested custom element.
    #[cfg_attr(feature = "serde", serde(rename = "#custom"))]
    Element(CustomElement),
}

impl CustomElement {
    /// A custom element named `name`, with no attributes or content.
    pub fn new(name: impl Into<String>) -> Self {
        CustomElement {
            name: name.into(),
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute.
    pub fn attribute(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.attributes.push(CustomAttribute {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Appends text.
    pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.children.push(CustomContent::Text(text.into()));
        self
    }

    /// Appends a comment.
    pub fn comment(&mut self, text: impl Into<String>) -> &mut Self {
        self.children.push(CustomContent::Comment(text.into()));
        self
    }

    /// Appends a nested custom element and returns it.
    pub fn custom_element(&mut self, name: impl Into<String>) -> &mut CustomElement {
        push_child!(
            self.children,
            CustomContent::Element,
            CustomElement::new(name)
        )
    }

    /// Reads an element of a document that the table does not describe.
    pub(crate) fn from_document<D: Document>(doc: &D, node: D::Node) -> Self {
        CustomElement {
            name: doc.name(node).to_string(),
            attributes: doc
                .attributes(node)
                .map(|a| CustomAttribute::from_attribute(&a))
                .collect(),
            // Run-time content has no value to read; only a parsed document is read.
            children: doc
                .children(node)
                .filter_map(|item| match item {
                    Content::Text(t) => Some(CustomContent::Text(t.to_string())),
                    Content::Comment(t) => Some(CustomContent::Comment(t.to_string())),
                    Content::Element(child) => Some(CustomContent::Element(
                        CustomElement::from_document(doc, child),
                    )),
                    Content::Runtime => None,
                })
                .collect(),
        }
    }

    pub(crate) fn render<W: fmt::Write>(&self, w: &mut Writer<'_, W>) -> fmt::Result {
        w.start(&self.name)?;
        for a in &self.attributes {
            w.attr(&a.name, &a.value)?;
        }
        if self.children.is_empty() {
            return w.end_empty();
        }
        let block = !self
            .children
            .iter()
            .any(|c| matches!(c, CustomContent::Text(_)));
        let restore = w.open(block)?;
        for child in &self.children {
            match child {
                CustomContent::Text(t) => w.text(t)?,
                CustomContent::Comment(t) => w.comment(t)?,
                CustomContent::Element(e) => e.render(w)?,
            }
        }
        w.close(&self.name, restore)
    }
}

/// A non-negative decimal amount, such as `<Pay chargeAmount>`'s `49.99`.
///
/// It keeps the digits exactly as given (money should not pass through floating point); the
/// build step checks that they form a decimal number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Decimal(String);

impl Decimal {
    /// The amount as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Decimal {
    fn from(s: &str) -> Self {
        Decimal(s.to_string())
    }
}

impl From<String> for Decimal {
    fn from(s: String) -> Self {
        Decimal(s)
    }
}

impl From<u32> for Decimal {
    fn from(n: u32) -> Self {
        Decimal(n.to_string())
    }
}

impl From<u64> for Decimal {
    fn from(n: u64) -> Self {
        Decimal(n.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `<Gather speechTimeout>`: a number of seconds, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeechTimeout {
    /// `auto`: Twilio decides when the caller has finished speaking.
    Auto,
    /// This many seconds of silence end speech input.
    Seconds(u32),
}

impl From<u32> for SpeechTimeout {
    fn from(seconds: u32) -> Self {
        SpeechTimeout::Seconds(seconds)
    }
}

impl SpeechTimeout {
    /// Reads `auto` or a number.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "auto" => Some(SpeechTimeout::Auto),
            n => n.parse().ok().map(SpeechTimeout::Seconds),
        }
    }
}

impl fmt::Display for SpeechTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpeechTimeout::Auto => f.write_str("auto"),
            SpeechTimeout::Seconds(n) => write!(f, "{n}"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SpeechTimeout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SpeechTimeout::Auto => s.serialize_str("auto"),
            SpeechTimeout::Seconds(n) => s.serialize_u32(*n),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SpeechTimeout {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u32),
            Word(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => Ok(SpeechTimeout::Seconds(n)),
            Raw::Word(w) => SpeechTimeout::parse(&w).ok_or_else(|| {
                serde::de::Error::custom(format!("expected `auto` or a number, found `{w}`"))
            }),
        }
    }
}

/// `<Pay postalCode>`: whether to ask for the postal code, or the postal code to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PostalCode {
    /// `true` asks the caller for it; `false` does not.
    Ask(bool),
    /// Use this postal code without asking. Twilio reads the codes `true` and `false` as
    /// [`PostalCode::Ask`]; [`PostalCode::parse`] and deserialization do the same.
    Value(String),
}

impl From<bool> for PostalCode {
    fn from(ask: bool) -> Self {
        PostalCode::Ask(ask)
    }
}

impl From<&str> for PostalCode {
    fn from(s: &str) -> Self {
        PostalCode::parse(s)
    }
}

impl From<String> for PostalCode {
    fn from(s: String) -> Self {
        PostalCode::parse(&s)
    }
}

impl PostalCode {
    /// Reads `true`, `false`, or a postal code.
    pub fn parse(s: &str) -> Self {
        match s {
            "true" => PostalCode::Ask(true),
            "false" => PostalCode::Ask(false),
            code => PostalCode::Value(code.to_string()),
        }
    }

    /// The value as Twilio reads it.
    pub fn as_str(&self) -> &str {
        match self {
            PostalCode::Ask(true) => "true",
            PostalCode::Ask(false) => "false",
            PostalCode::Value(code) => code,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PostalCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PostalCode::Ask(b) => s.serialize_bool(*b),
            PostalCode::Value(code) => s.serialize_str(code),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PostalCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Ask(bool),
            Code(String),
        }
        // A string reads as Twilio reads the attribute: `"true"` asks, like `true`.
        Ok(match Raw::deserialize(d)? {
            Raw::Ask(b) => PostalCode::Ask(b),
            Raw::Code(c) => PostalCode::parse(&c),
        })
    }
}

/// A value is not in a closed set. Returned by the `FromStr` of closed sets; open sets (voices,
/// languages) keep such values in their `Other` variant instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a {set} value")]
pub struct UnknownValue {
    /// The set (`Method`, `DialRecord`).
    pub set: &'static str,
    /// The value that was given.
    pub value: String,
}

/// Content that an interpolation of `twiml!` appends to an element of type `P`: a child element
/// `P` may hold, an item of its content enum, a custom element, text when `P` holds text, or
/// an `Option` or `Vec` of these.
///
/// ```
/// use twiml_core::AppendTo;
/// use twiml_core::voice::{Say, VoiceResponse};
///
/// let mut response = VoiceResponse::new();
/// Say::new("Hello").append_to(&mut response);
/// Some(Say::new("Goodbye")).append_to(&mut response);
/// ```
pub trait AppendTo<P> {
    /// Appends `self` to `parent`, after its content.
    fn append_to(self, parent: &mut P);
}

impl<P, T: AppendTo<P>> AppendTo<P> for Option<T> {
    fn append_to(self, parent: &mut P) {
        if let Some(item) = self {
            item.append_to(parent);
        }
    }
}

impl<P, T: AppendTo<P>> AppendTo<P> for Vec<T> {
    fn append_to(self, parent: &mut P) {
        for item in self {
            item.append_to(parent);
        }
    }
}

/// How a typed value looks to checks and rules.
pub(crate) trait ToValue {
    fn to_value(&self) -> Value<'_>;
}

impl ToValue for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToValue for u32 {
    fn to_value(&self) -> Value<'_> {
        Value::Integer(u64::from(*self))
    }
}

impl ToValue for bool {
    fn to_value(&self) -> Value<'_> {
        Value::Boolean(*self)
    }
}

impl ToValue for Decimal {
    fn to_value(&self) -> Value<'_> {
        Value::Text(&self.0)
    }
}

impl ToValue for SpeechTimeout {
    fn to_value(&self) -> Value<'_> {
        match self {
            SpeechTimeout::Auto => Value::Keyword("auto"),
            SpeechTimeout::Seconds(n) => Value::Integer(u64::from(*n)),
        }
    }
}

impl ToValue for PostalCode {
    fn to_value(&self) -> Value<'_> {
        match self {
            PostalCode::Ask(b) => Value::Boolean(*b),
            PostalCode::Value(code) => Value::Text(code),
        }
    }
}

impl ToValue for Vec<u32> {
    fn to_value(&self) -> Value<'_> {
        Value::Integers(self)
    }
}

/// A value of a closed set: it has one spelling, known at compile time.
pub(crate) trait Keyword: Copy {
    fn keyword(self) -> &'static str;
}

impl<K: Keyword> KeywordList for Vec<K> {
    fn len(&self) -> usize {
        <[K]>::len(self)
    }

    fn keyword(&self, index: usize) -> &'static str {
        self.get(index).map_or("", |k| k.keyword())
    }
}

impl<K: Keyword> ToValue for Vec<K> {
    fn to_value(&self) -> Value<'_> {
        Value::Keywords(self)
    }
}

/// A document could not be read into the typed model: an attribute value that does not parse
/// or a required attribute that is missing. The structural checks report both first, so this
/// only happens to documents with errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{attribute}` of `<{element}>`: {problem}")]
pub struct ConvertError {
    /// The element's XML name.
    pub element: &'static str,
    /// The attribute's XML name.
    pub attribute: String,
    /// What went wrong.
    pub problem: &'static str,
}

impl ConvertError {
    pub(crate) fn missing(element: &'static str, attribute: &'static str) -> Self {
        ConvertError {
            element,
            attribute: attribute.to_string(),
            problem: "the attribute is missing",
        }
    }
}

/// The text of a value as written.
fn value_text(value: &Value<'_>) -> String {
    match value {
        Value::Text(t) => (*t).to_string(),
        Value::Keyword(k) => (*k).to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Keywords(list) => (0..list.len())
            .map(|i| list.keyword(i))
            .collect::<Vec<_>>()
            .join(" "),
        Value::Integers(list) => list
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        Value::Runtime => String::new(),
    }
}

/// How a typed field is read from a document's attribute value.
pub(crate) trait FromValue: Sized {
    /// The field's value, or `None` when the value does not parse.
    fn from_value(value: &Value<'_>) -> Option<Self>;

    /// The field's value, or the error naming the attribute.
    fn from_attribute(element: &'static str, a: &Attribute<'_>) -> Result<Self, ConvertError> {
        Self::from_value(&a.value).ok_or_else(|| ConvertError {
            element,
            attribute: a.name.to_string(),
            problem: "the value does not parse",
        })
    }
}

impl FromValue for String {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        Some(value_text(value))
    }
}

impl FromValue for u32 {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::Text(t) => {
                let t = t.trim();
                t.strip_prefix('+').unwrap_or(t).parse().ok()
            }
            Value::Integer(n) => u32::try_from(*n).ok(),
            _ => None,
        }
    }
}

impl FromValue for bool {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::Text(t) if t.trim().eq_ignore_ascii_case("true") => Some(true),
            Value::Text(t) if t.trim().eq_ignore_ascii_case("false") => Some(false),
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }
}

impl FromValue for Decimal {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        Some(Decimal(value_text(value)))
    }
}

impl FromValue for SpeechTimeout {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::Integer(n) => u32::try_from(*n).ok().map(SpeechTimeout::Seconds),
            other => SpeechTimeout::parse(&value_text(other)),
        }
    }
}

impl FromValue for PostalCode {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::Boolean(b) => Some(PostalCode::Ask(*b)),
            other => Some(PostalCode::parse(&value_text(other))),
        }
    }
}

impl FromValue for Vec<u32> {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::Integers(list) => Some(list.to_vec()),
            other => value_text(other)
                .split_ascii_whitespace()
                .map(|item| item.parse().ok())
                .collect(),
        }
    }
}

impl<K: Keyword + FromStr> FromValue for Vec<K> {
    fn from_value(value: &Value<'_>) -> Option<Self> {
        value_text(value)
            .split_ascii_whitespace()
            .map(|item| item.parse().ok())
            .collect()
    }
}
