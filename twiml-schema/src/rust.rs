//! The shape of the typed model in Rust, derived from the table: the type each attribute is
//! held as, the name of each value-set variant, what an element's constructor takes. The
//! generator of `model/generated/` writes the model from these, and `twiml!` calls the model
//! through them; one place, so that the two cannot disagree.

use super::{AttributeSpec, Dialect, ElementSpec, EnumSpec, TextPresence, ValueKind};

/// How an attribute's value is held in the model.
#[derive(Debug, Clone, Copy)]
pub enum RustType {
    /// `String`.
    String,
    /// `u32`.
    U32,
    /// `bool`.
    Bool,
    /// `Decimal` (an amount, kept as written).
    Decimal,
    /// `SpeechTimeout` (`auto` or seconds).
    SpeechTimeout,
    /// `PostalCode` (ask or not, or the code itself).
    PostalCode,
    /// A closed value set: a Rust enum with one variant per value.
    Closed(&'static EnumSpec),
    /// An open value set: a Rust enum with an `Other(String)` variant for values Twilio adds.
    Open(&'static EnumSpec),
    /// A list of values of a closed set.
    ClosedList(&'static EnumSpec),
    /// A list of whole numbers.
    U32List,
}

impl RustType {
    /// How values of `kind` are held.
    pub fn of(kind: &ValueKind) -> RustType {
        match *kind {
            ValueKind::Boolean => RustType::Bool,
            ValueKind::Integer { .. } => RustType::U32,
            // The only integer-or-keyword attribute is `speechTimeout` (`auto`).
            ValueKind::IntegerOrKeyword { .. } => RustType::SpeechTimeout,
            ValueKind::Decimal => RustType::Decimal,
            ValueKind::BooleanOrText => RustType::PostalCode,
            ValueKind::Enum(e) if e.open.is_some() => RustType::Open(e),
            ValueKind::Enum(e) => RustType::Closed(e),
            ValueKind::EnumList(e) => RustType::ClosedList(e),
            ValueKind::IntegerList { .. } => RustType::U32List,
            _ => RustType::String,
        }
    }

    /// Whether the value is a list (empty when absent, rather than optional).
    pub fn is_list(self) -> bool {
        matches!(self, RustType::ClosedList(_) | RustType::U32List)
    }

    /// The Rust type of the value.
    pub fn value(self) -> String {
        match self {
            RustType::String => "String".into(),
            RustType::U32 => "u32".into(),
            RustType::Bool => "bool".into(),
            RustType::Decimal => "Decimal".into(),
            RustType::SpeechTimeout => "SpeechTimeout".into(),
            RustType::PostalCode => "PostalCode".into(),
            RustType::Closed(e) | RustType::Open(e) => e.rust_name.into(),
            RustType::ClosedList(e) => format!("Vec<{}>", e.rust_name),
            RustType::U32List => "Vec<u32>".into(),
        }
    }

    /// The type of the field: optional attributes are `Option`s, lists are empty when absent.
    pub fn field(self, required: bool) -> String {
        if required || self.is_list() {
            self.value()
        } else {
            format!("Option<{}>", self.value())
        }
    }

    /// The parameter type of the setter.
    pub fn param(self) -> String {
        match self {
            RustType::String => "impl Into<String>".into(),
            RustType::U32 => "u32".into(),
            RustType::Bool => "bool".into(),
            RustType::Decimal => "impl Into<Decimal>".into(),
            RustType::SpeechTimeout => "impl Into<SpeechTimeout>".into(),
            RustType::PostalCode => "impl Into<PostalCode>".into(),
            RustType::Closed(e) => e.rust_name.into(),
            RustType::Open(e) => format!("impl Into<{}>", e.rust_name),
            RustType::ClosedList(e) => format!("impl IntoIterator<Item = {}>", e.rust_name),
            RustType::U32List => "impl IntoIterator<Item = u32>".into(),
        }
    }

    /// The expression that turns the parameter `p` into the value.
    pub fn convert(self, p: &str) -> String {
        match self {
            RustType::String
            | RustType::Decimal
            | RustType::SpeechTimeout
            | RustType::PostalCode
            | RustType::Open(_) => format!("{p}.into()"),
            RustType::ClosedList(_) | RustType::U32List => format!("{p}.into_iter().collect()"),
            RustType::U32 | RustType::Bool | RustType::Closed(_) => p.to_string(),
        }
    }
}

/// The Rust identifier of a value-set variant, segment by segment (split at anything not a
/// letter or digit): the first letter upper case, all-caps segments lowered after it.
/// `record-from-answer-dual` is `RecordFromAnswerDual`, `en-US` is `EnUs`, `GET` is `Get`,
/// `Polly.Mía-Generative` is `PollyMiaGenerative`. `None` for a value with no letter to
/// start an identifier.
pub fn variant_name(value: &str) -> Option<String> {
    let ascii: String = value
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect();
    let mut out = String::new();
    for segment in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = segment.chars();
        let Some(first) = chars.next() else { continue };
        out.push(first.to_ascii_uppercase());
        let rest: String = chars.collect();
        if rest.chars().any(|c| c.is_ascii_lowercase()) {
            out.push_str(&rest);
        } else {
            out.push_str(&rest.to_ascii_lowercase());
        }
    }
    out.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        .then_some(out)
}

/// The module of the model that holds a dialect's elements.
pub fn module_of(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Voice => "voice",
        Dialect::Messaging => "messaging",
        Dialect::Fax => "fax",
    }
}

/// How an element holds its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextModel {
    /// No text.
    None,
    /// A `text` field: elements with text and no child elements (`<Play>`'s URL).
    Field,
    /// `Text` items among the children: mixed content (`<Say>` with SSML), or text that may
    /// replace the children.
    Children,
}

impl TextModel {
    /// How `spec` holds its text.
    pub fn of(spec: &ElementSpec) -> TextModel {
        match (spec.text.presence, spec.children.is_empty()) {
            (TextPresence::None, _) => TextModel::None,
            (_, true) => TextModel::Field,
            (_, false) => TextModel::Children,
        }
    }
}

/// One argument of an element's constructor (and of the parent's method that adds it).
#[derive(Debug, Clone, Copy)]
pub enum ConstructorArg {
    /// The element's text (`say(text)`, `play(url)`, `number(number)`).
    Text,
    /// A required attribute (`conversation_relay(url)`).
    Attribute(&'static AttributeSpec),
}

/// What the constructor of `spec` takes, in order: its text, when it is required or is all the
/// element holds, then its required attributes.
pub fn constructor_args(spec: &'static ElementSpec) -> Vec<ConstructorArg> {
    let mut args = Vec::new();
    if text_in_constructor(spec) {
        args.push(ConstructorArg::Text);
    }
    args.extend(
        spec.attributes
            .iter()
            .filter(|a| a.required)
            .map(ConstructorArg::Attribute),
    );
    args
}

/// Whether the constructor takes the element's text: required text, and optional text of an
/// element that has no children (the URL of a `<Play>`).
pub fn text_in_constructor(spec: &ElementSpec) -> bool {
    match spec.text.presence {
        TextPresence::None => false,
        TextPresence::Required => true,
        TextPresence::Optional => spec.children.is_empty(),
    }
}

/// The name of the constructor's text parameter, after what the text is.
pub fn text_param_name(spec: &ElementSpec) -> &'static str {
    match spec.text.kind {
        ValueKind::Url(_) => "url",
        ValueKind::Phone => "number",
        ValueKind::SipUri | ValueKind::PhoneOrSipUri => "uri",
        ValueKind::Sid(_) => "sid",
        ValueKind::Json => "attributes",
        ValueKind::Name { .. } => "name",
        _ => "text",
    }
}
