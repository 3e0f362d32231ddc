//! The TwiML vocabulary as data: one table of every element, attribute and value set.
//!
//! [`ELEMENTS`] holds the 67 elements of voice (with the SSML elements that may appear inside
//! `<Say>`), messaging and fax TwiML. Every other part of the workspace reads this table: the
//! typed model and builder of `twiml-core` are generated from it (`cargo xtask codegen`), the
//! build step checks values against it, and the parser, validator and `twiml!` macro look names
//! up in it. Nothing else in the workspace spells an element or attribute name.
//!
//! The table is its own crate so that the generator, which reads it, never depends on the code
//! it writes: a table change that breaks the generated model cannot stop the generator. Use it
//! through `twiml::schema`, which re-exports it.

use std::sync::OnceLock;

mod elements;
pub mod enums;
pub mod rust;

pub use elements::{ELEMENTS, ElementId};
pub use enums::*;

/// The TwiML dialect an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Programmable Voice TwiML (`VoiceResponse`), including SSML inside `<Say>`.
    Voice,
    /// Programmable Messaging TwiML (`MessagingResponse`).
    Messaging,
    /// Programmable Fax TwiML (`FaxResponse`); Twilio retired the product in 2021.
    Fax,
}

impl Dialect {
    /// The lowercase name used in diagnostics and JSON (`voice`, `messaging`, `fax`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Dialect::Voice => "voice",
            Dialect::Messaging => "messaging",
            Dialect::Fax => "fax",
        }
    }
}

/// What role an element plays in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ElementKind {
    /// The document root, `<Response>`.
    Root,
    /// A verb: an instruction Twilio executes in order.
    Verb,
    /// A noun: what a verb acts on (`<Number>` in `<Dial>`, `<Stream>` in `<Start>`, ...).
    Noun,
    /// An SSML element inside `<Say>`.
    Ssml,
}

/// Whether Twilio still supports an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Documented and supported.
    Current,
    /// Superseded; still accepted in some places. The note says by what.
    Deprecated(&'static str),
    /// The product behind it was retired. The note says when.
    Legacy(&'static str),
    /// Dropped from Twilio's newest definitions but still accepted by older ones.
    Removed(&'static str),
}

/// One TwiML element: its XML name, where it may appear, what it may hold.
#[derive(Debug)]
#[non_exhaustive]
pub struct ElementSpec {
    /// The element's identity in this table.
    pub id: ElementId,
    /// The exact XML tag name (`Say`, `say-as`, `Uri`).
    pub name: &'static str,
    /// The dialect the element belongs to.
    pub dialect: Dialect,
    /// Root, verb, noun or SSML.
    pub kind: ElementKind,
    /// Whether Twilio still supports it.
    pub status: Status,
    /// One line: what the element does.
    pub summary: &'static str,
    /// Further facts from Twilio's documentation (limits, execution behaviour).
    pub notes: &'static [&'static str],
    /// The Rust type of the element in its dialect module (`Say`, `ReferSip`, `VoiceResponse`).
    pub rust_type: &'static str,
    /// The builder method that adds this element to a parent (`say`, `say_as`, `break_`).
    pub method: &'static str,
    /// The elements allowed as children, in Twilio's order.
    pub children: &'static [ElementId],
    /// Whether the element holds text, and of what kind.
    pub text: TextSpec,
    /// Every attribute, in Twilio's order.
    pub attributes: &'static [AttributeSpec],
    /// Bounds on how often a child element may appear.
    pub child_limits: &'static [ChildLimit],
    /// Children that may not appear together.
    pub child_conflicts: &'static [ChildConflict],
    /// The Twilio error for a child that is not allowed here, where one is documented
    /// (`<Gather>`: 13320); otherwise Twilio's schema warning 12200 applies.
    pub nesting_error: Option<u32>,
    /// Ends the document: nothing after it runs (`<Hangup>`, `<Reject>`, `<Redirect>`).
    pub terminal: bool,
}

impl ElementSpec {
    /// Looks up an attribute by its XML name, or by an alternative spelling some helper
    /// libraries emit.
    pub fn attribute(&self, name: &str) -> Option<&'static AttributeSpec> {
        self.attributes
            .iter()
            .find(|a| a.name == name || a.aliases.contains(&name))
    }

    /// Whether `child` may appear directly inside this element.
    pub fn allows_child(&self, child: ElementId) -> bool {
        self.children.contains(&child)
    }

    /// Whether the element's text is words that someone hears or reads: the text of a verb
    /// that speaks or sends it (`<Say>`, `<Message>`, `<Sms>`), and of the elements that appear
    /// only inside such text (`<Body>`, SSML). Not a name (`<Conference>`) or a URL (`<Play>`).
    pub fn says_words(&self) -> bool {
        let words = |e: &ElementSpec| {
            e.text.presence != TextPresence::None && matches!(e.text.kind, ValueKind::Text { .. })
        };
        words(self) && (self.kind == ElementKind::Verb || self.parents().all(words))
    }

    /// The elements that may hold this one, derived from the children lists.
    pub fn parents(&self) -> impl Iterator<Item = &'static ElementSpec> + use<> {
        let id = self.id;
        ELEMENTS.iter().filter(move |e| e.children.contains(&id))
    }
}

/// Whether an element holds text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPresence {
    /// No character data (whitespace is ignored).
    None,
    /// Text may be given.
    Optional,
    /// Text must be given.
    Required,
}

/// The text content of an element.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TextSpec {
    /// Whether text is absent, optional or required.
    pub presence: TextPresence,
    /// Whether text may interleave with child elements (SSML inside `<Say>`).
    pub mixed: bool,
    /// What the text must look like.
    pub kind: ValueKind,
    /// When required text is missing, Twilio only warns instead of failing (`<Say>`: 13520).
    pub missing_is_warning: bool,
    /// The Twilio error or warning for missing text, where one is documented.
    pub empty_error: Option<u32>,
    /// The Twilio error for text over the length bound, where one is documented.
    pub too_long_error: Option<u32>,
    /// Optional text that child elements may replace, but one of the two must be given
    /// (`<Dial>` needs a number, or noun elements).
    pub or_children: bool,
    /// What the text is, as a lowercase noun phrase ("the URL of the next TwiML document"),
    /// so that it reads in documentation and in a help line ("give the URL of ...").
    pub summary: &'static str,
    /// Where the call goes when the text is a URL whose TwiML goes on with the call (the text
    /// of `<Redirect>`).
    pub continuation: Option<Continuation>,
}

impl TextSpec {
    /// An element that holds no text.
    pub const NONE: TextSpec = TextSpec {
        presence: TextPresence::None,
        mixed: false,
        kind: ValueKind::Text { max_chars: None },
        missing_is_warning: false,
        empty_error: None,
        too_long_error: None,
        or_children: false,
        summary: "",
        continuation: None,
    };

    /// Text that must be given.
    pub const fn required(kind: ValueKind, summary: &'static str) -> TextSpec {
        TextSpec {
            presence: TextPresence::Required,
            mixed: false,
            kind,
            missing_is_warning: false,
            empty_error: None,
            too_long_error: None,
            or_children: false,
            summary,
            continuation: None,
        }
    }

    /// Text that may be given.
    pub const fn optional(kind: ValueKind, summary: &'static str) -> TextSpec {
        TextSpec {
            presence: TextPresence::Optional,
            mixed: false,
            kind,
            missing_is_warning: false,
            empty_error: None,
            too_long_error: None,
            or_children: false,
            summary,
            continuation: None,
        }
    }

    /// Text that may interleave with child elements.
    pub const fn mixed(self) -> TextSpec {
        TextSpec {
            mixed: true,
            ..self
        }
    }

    /// The Twilio codes for missing text and for text over the length bound.
    pub const fn twilio_errors(self, empty: Option<u32>, too_long: Option<u32>) -> TextSpec {
        TextSpec {
            empty_error: empty,
            too_long_error: too_long,
            ..self
        }
    }

    /// Text or child elements must be given.
    pub const fn or_children(self) -> TextSpec {
        TextSpec {
            or_children: true,
            ..self
        }
    }

    /// Missing text is a warning, not an error.
    pub const fn missing_is_warning(self) -> TextSpec {
        TextSpec {
            missing_is_warning: true,
            ..self
        }
    }

    /// The text is a URL whose TwiML goes on with the call, as `continuation` says.
    pub const fn continues(self, continuation: Continuation) -> TextSpec {
        TextSpec {
            continuation: Some(continuation),
            ..self
        }
    }
}

/// A bound on how many times a child element may appear in its parent.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ChildLimit {
    /// The child element.
    pub child: ElementId,
    /// Fewest allowed.
    pub min: u32,
    /// Most allowed.
    pub max: u32,
    /// The Twilio error raised past the bound, where one is documented.
    pub twilio_error: Option<u32>,
}

/// Two kinds of child that may not appear together in one parent.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ChildConflict {
    /// The child that excludes the others.
    pub child: ElementId,
    /// The children it may not appear with.
    pub excludes: &'static [ElementId],
    /// The Twilio error, where one is documented.
    pub twilio_error: Option<u32>,
    /// Twilio accepts the pair in some configurations, so it is a warning, not an error.
    pub warning: bool,
    /// Why, in a few words, for the diagnostic's help line.
    pub reason: &'static str,
}

/// The default value of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultValue {
    /// No default: absent means the feature is off or unset.
    None,
    /// Twilio uses this literal value when the attribute is absent.
    Value(&'static str),
    /// Twilio's behaviour when absent cannot be written as a value (`the current document URL`).
    Described(&'static str),
}

/// One attribute of an element.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct AttributeSpec {
    /// The exact XML name (`numDigits`, `xml:lang`, `interpret-as`).
    pub name: &'static str,
    /// The Rust name of the field and its builder method (`num_digits`, `loop_`).
    pub rust_name: &'static str,
    /// What the value must look like.
    pub kind: ValueKind,
    /// Whether the attribute must be present.
    pub required: bool,
    /// What Twilio does when it is absent.
    pub default: DefaultValue,
    /// False when the default is recalled rather than read in Twilio's documentation.
    pub default_confirmed: bool,
    /// Other spellings accepted on input (some helper libraries emit them lowercased).
    pub aliases: &'static [&'static str],
    /// One line: what the attribute does.
    pub summary: &'static str,
    /// Where the call goes when the attribute is a URL whose TwiML goes on with the call
    /// (`action`, `waitUrl`, `<Number url>`).
    pub continuation: Option<Continuation>,
    /// What an empty value means, where Twilio gives it one (`<Conference waitUrl="">`: no
    /// wait music). An empty value is then valid. Where this is `None`, an empty URL is a
    /// warning: Twilio documents no meaning for it.
    pub empty_means: Option<&'static str>,
    /// False when the bounds of the value (`Integer { max }`) are recalled or copied from a
    /// similar attribute rather than read in Twilio's documentation. A value past a bound that
    /// is not confirmed is a warning, not an error: no document that works is refused on a
    /// guess.
    pub bounds_confirmed: bool,
}

impl AttributeSpec {
    /// An optional attribute with no default.
    pub const fn new(
        name: &'static str,
        rust_name: &'static str,
        kind: ValueKind,
        summary: &'static str,
    ) -> AttributeSpec {
        AttributeSpec {
            name,
            rust_name,
            kind,
            required: false,
            default: DefaultValue::None,
            default_confirmed: true,
            aliases: &[],
            summary,
            continuation: None,
            empty_means: None,
            bounds_confirmed: true,
        }
    }

    /// The attribute must be present.
    pub const fn required(self) -> AttributeSpec {
        AttributeSpec {
            required: true,
            ..self
        }
    }

    /// Twilio's value when the attribute is absent.
    pub const fn default(self, value: &'static str) -> AttributeSpec {
        AttributeSpec {
            default: DefaultValue::Value(value),
            ..self
        }
    }

    /// Twilio's behaviour when the attribute is absent, in words.
    pub const fn default_described(self, text: &'static str) -> AttributeSpec {
        AttributeSpec {
            default: DefaultValue::Described(text),
            ..self
        }
    }

    /// The default was recalled, not confirmed in Twilio's documentation.
    pub const fn unconfirmed(self) -> AttributeSpec {
        AttributeSpec {
            default_confirmed: false,
            ..self
        }
    }

    /// Other spellings accepted on input.
    pub const fn aliases(self, aliases: &'static [&'static str]) -> AttributeSpec {
        AttributeSpec { aliases, ..self }
    }

    /// The attribute is a URL whose TwiML goes on with the call, as `continuation` says.
    pub const fn continues(self, continuation: Continuation) -> AttributeSpec {
        AttributeSpec {
            continuation: Some(continuation),
            ..self
        }
    }

    /// Twilio documents a meaning for the empty value, given here as a lowercase phrase
    /// ("no wait music").
    pub const fn empty_means(self, meaning: &'static str) -> AttributeSpec {
        AttributeSpec {
            empty_means: Some(meaning),
            ..self
        }
    }

    /// The bounds of the value are not confirmed in Twilio's documentation: a value past them
    /// is a warning.
    pub const fn bounds_unconfirmed(self) -> AttributeSpec {
        AttributeSpec {
            bounds_confirmed: false,
            ..self
        }
    }
}

/// Where a URL of a document takes the call: Twilio requests it and runs the TwiML it
/// returns. The table marks the attributes (and the text of `<Redirect>`) that do this, so
/// that a flow can be followed from one document to the next; callbacks whose answer Twilio
/// ignores (`statusCallback`, `recordingStatusCallback`) carry no mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Continuation {
    /// The call goes on with the URL's TwiML once the verb finishes (`action`, the text of
    /// `<Redirect>`); the verbs after it do not run.
    Next {
        /// Without the URL, Twilio requests the current document again (`<Gather>`,
        /// `<Record>`, `<Redirect>`); otherwise it goes on with the next verb.
        defaults_to_current: bool,
    },
    /// The URL's TwiML runs on the other party's leg once it answers, before the two are
    /// bridged (`<Number url>`, `<Queue url>`): a whisper.
    OtherParty,
    /// The URL's TwiML plays to the caller while the call waits (`waitUrl`), again and again
    /// until the wait ends. It may also be an audio file.
    Wait,
}

/// Which URLs an attribute or text accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// Absolute (`http`, `https`) or relative to the document Twilio requested.
    AbsoluteOrRelative,
    /// Absolute `http` or `https` only (`<Media>`).
    Absolute,
    /// A WebSocket URL, `wss://` (`<Stream url>`, `<ConversationRelay url>`).
    WebSocket,
}

/// The grammar of an attribute value or of element text.
#[derive(Debug, Clone, Copy)]
pub enum ValueKind {
    /// Free text, with an optional length bound in characters.
    Text {
        /// Most characters allowed.
        max_chars: Option<u32>,
    },
    /// A name or identity with a length bound (queue names, client identities).
    Name {
        /// Fewest characters allowed.
        min_chars: u32,
        /// Most characters allowed.
        max_chars: u32,
    },
    /// A URL.
    Url(UrlKind),
    /// `true` or `false`.
    Boolean,
    /// A whole number within bounds.
    Integer {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value, if bounded.
        max: Option<u32>,
    },
    /// A whole number, or one keyword (`speechTimeout="auto"`).
    IntegerOrKeyword {
        /// Smallest allowed number.
        min: u32,
        /// The keyword allowed instead of a number.
        keyword: &'static str,
    },
    /// A non-negative decimal number such as `49.99`.
    Decimal,
    /// One value of a set.
    Enum(&'static EnumSpec),
    /// Space-separated values of a set.
    EnumList(&'static EnumSpec),
    /// Space-separated whole numbers within bounds.
    IntegerList {
        /// Smallest allowed item.
        min: u32,
        /// Largest allowed item.
        max: u32,
    },
    /// DTMF tones: `0`-`9`, `*`, `#`, and `w` for a half-second pause.
    Dtmf,
    /// Keys that end input: `0`-`9`, `*`, `#`.
    Keys {
        /// Most keys allowed (`<Gather finishOnKey>` takes one, or none).
        max_len: Option<u32>,
    },
    /// A Twilio SID: a two-letter prefix and 32 hex digits.
    Sid(&'static str),
    /// A phone number, E.164 preferred.
    Phone,
    /// A SIP URI (`sip:` or `sips:`).
    SipUri,
    /// A phone number or a SIP URI (text of `<Dial>`).
    PhoneOrSipUri,
    /// `true`, `false`, or a literal value (`<Pay postalCode>`).
    BooleanOrText,
    /// A JSON object (`<Task>`).
    Json,
    /// An SSML duration such as `500ms` or `2s`.
    SsmlDuration,
    /// An SSML volume: a keyword or a signed decibel offset (`+6dB`).
    ProsodyVolume,
    /// An SSML rate: a keyword or a percentage (`80%`).
    ProsodyRate,
    /// An SSML pitch: a keyword or a signed percentage (`-10%`).
    ProsodyPitch,
}

/// A set of values an attribute may take.
#[derive(Debug)]
#[non_exhaustive]
pub struct EnumSpec {
    /// The Rust enum generated for the set.
    pub rust_name: &'static str,
    /// One line: what the set is.
    pub summary: &'static str,
    /// Every value, spelled exactly as Twilio writes it.
    pub values: &'static [&'static str],
    /// For sets Twilio extends often (voices, languages): the family new values follow.
    /// An open set's enum has an `Other` variant, and an unknown value that fits the family
    /// is a warning, not an error.
    pub open: Option<OpenFamily>,
    /// Old spellings still accepted on input, with the value each one means.
    pub legacy: &'static [(&'static str, &'static str)],
    /// A hash table of the values, built on first use, for sets too large to scan.
    pub index: ValueIndex,
}

/// The values of a large set (900 voices) in an open-addressed hash table: a power of two of
/// slots, at least twice as many as values, each value in the first free slot from its hash.
///
/// It is a cache of the set's values, so its `Debug` form says nothing of whether it has been
/// built: a set prints the same before and after its first lookup, on any thread.
pub struct ValueIndex(OnceLock<Box<[Option<&'static str>]>>);

impl std::fmt::Debug for ValueIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ValueIndex")
    }
}

impl ValueIndex {
    /// An index not built yet.
    pub const fn new() -> Self {
        ValueIndex(OnceLock::new())
    }
}

impl Default for ValueIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl EnumSpec {
    /// Whether `value` is one of the set's values (exact spelling).
    pub fn contains(&self, value: &str) -> bool {
        // A scan is faster than a search for small sets.
        if self.values.len() <= 16 {
            return self.values.contains(&value);
        }
        let slots = self.index.0.get_or_init(|| {
            let mut slots = vec![None; (self.values.len() * 2).next_power_of_two()];
            let mask = slots.len() - 1;
            for &v in self.values {
                let mut at = value_hash(v) & mask;
                while slots[at].is_some_and(|s| s != v) {
                    at = (at + 1) & mask;
                }
                slots[at] = Some(v);
            }
            slots.into_boxed_slice()
        });
        let mask = slots.len() - 1;
        let mut at = value_hash(value) & mask;
        // Half the slots at least are free, so every probe ends.
        while let Some(v) = slots[at] {
            if v == value {
                return true;
            }
            at = (at + 1) & mask;
        }
        false
    }

    /// The value a legacy spelling stands for.
    pub fn legacy_meaning(&self, value: &str) -> Option<&'static str> {
        self.legacy
            .iter()
            .find(|(old, _)| *old == value)
            .map(|(_, new)| *new)
    }
}

/// The hash of a value for [`ValueIndex`]: eight bytes at a time, multiplied and rotated.
fn value_hash(value: &str) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = value.as_bytes().chunks_exact(8);
    let mut h = value.len() as u64;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        h = mix(h, u64::from_le_bytes(eight));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut eight = [0u8; 8];
        eight[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(eight));
    }
    (h ^ h >> 32) as usize
}

/// The shape new values of an open set follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFamily {
    /// `<Say voice>`: `man`, `woman`, `alice`, `Polly.<Name>[-Neural|-Generative]`,
    /// `Google.<lang>-<REGION>-<Standard|Wavenet|Neural2|Chirp3-HD>-<Variant>`.
    SayVoice,
    /// A BCP-47 style language tag (`en-US`, `cmn-Hans-CN`, `arb`).
    LanguageTag,
    /// A lowercase identifier (speech models, transcription engines).
    Identifier,
}

impl ElementId {
    /// The table row of this element.
    pub fn spec(self) -> &'static ElementSpec {
        &ELEMENTS[self as usize]
    }
}

/// Finds the element with this XML name in a dialect. `<Sip>` has two meanings in voice
/// (inside `<Dial>` and inside `<Refer>`); `parent` picks the one it may appear in.
pub fn lookup(dialect: Dialect, name: &str, parent: Option<ElementId>) -> Option<ElementId> {
    // The usual case: a child its parent may hold.
    if let Some(p) = parent
        && let Some(&child) = p.spec().children.iter().find(|c| c.spec().name == name)
    {
        return Some(child);
    }
    let mut found = None;
    for spec in ELEMENTS
        .iter()
        .filter(|e| e.dialect == dialect && e.name == name)
    {
        match parent {
            Some(p) if p.spec().allows_child(spec.id) => return Some(spec.id),
            _ => found = found.or(Some(spec.id)),
        }
    }
    found
}

/// The dialect whose root best fits these top-level element names: voice unless the content
/// says otherwise, or unless the caller expects another dialect and the content does not
/// contradict it. `<Response><Redirect>` is both voice and messaging, as it is for Twilio.
pub fn infer_dialect<'a>(
    top_level: impl IntoIterator<Item = &'a str>,
    expect: Option<Dialect>,
) -> Dialect {
    let mut scores = [
        (Dialect::Voice, 0usize),
        (Dialect::Messaging, 0),
        (Dialect::Fax, 0),
    ];
    let roots = scores.map(|(dialect, _)| root_of(dialect).spec());
    // A document repeats a few verbs many times: each name's fit to the three roots is read
    // from their lists once, then from the first few names seen (a bound, so that a document
    // of many names costs no more than a search of the lists for each).
    const REMEMBERED: usize = 8;
    let mut seen: Vec<(&str, [bool; 3])> = Vec::with_capacity(REMEMBERED);
    for name in top_level {
        let fits = match seen.iter().find(|(known, _)| *known == name) {
            Some(&(_, fits)) => fits,
            None => {
                let fits = roots.map(|root| root.children.iter().any(|c| c.spec().name == name));
                if seen.len() < REMEMBERED {
                    seen.push((name, fits));
                }
                fits
            }
        };
        for ((_, score), fit) in scores.iter_mut().zip(fits) {
            *score += usize::from(fit);
        }
    }
    let best = scores.iter().map(|(_, s)| *s).max().unwrap_or(0);
    if let Some(e) = expect
        && scores.iter().any(|(d, s)| *d == e && *s == best)
    {
        return e;
    }
    scores
        .iter()
        .find(|(_, s)| *s == best)
        .map_or(Dialect::Voice, |(d, _)| *d)
}

/// The `<Response>` of a dialect.
pub fn root_of(dialect: Dialect) -> ElementId {
    ELEMENTS
        .iter()
        .find(|e| e.kind == ElementKind::Root && e.dialect == dialect)
        .map_or(ElementId::VoiceResponse, |e| e.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is built by the first lookup, on whichever thread makes it; what a set prints
    /// must not depend on that (a tree's `Debug` form prints the specs of its attributes).
    #[test]
    fn a_set_prints_the_same_before_and_after_its_index_is_built() {
        static SET: EnumSpec = EnumSpec {
            rust_name: "Letters",
            summary: "twenty values, more than a scan reads",
            values: &[
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
                "q", "r", "s", "t",
            ],
            open: None,
            legacy: &[],
            index: ValueIndex::new(),
        };
        let before = format!("{SET:?}");
        assert!(SET.contains("t") && !SET.contains("u"));
        assert!(SET.index.0.get().is_some(), "the lookup built the index");
        assert_eq!(format!("{SET:?}"), before);
    }
}
