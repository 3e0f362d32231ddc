//! A read-only view of a TwiML document, generic over where its parts came from.
//!
//! Checks and rules are written once, against [`Document`]. Three kinds of document implement
//! it: the typed model a builder made (located by node paths), a parsed XML file (located by
//! byte ranges), and the markup of a `twiml!` invocation (located by compiler spans). The view is
//! deliberately simpler than the typed model: element tags, attributes as written or typed,
//! and content in document order.

use std::fmt;

use crate::model::{FromValue, Keyword};
use crate::schema::{Attr, AttributeSpec, Dialect, ElementId};

/// What an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag<'a> {
    /// An element of the table.
    Known(ElementId),
    /// An element the builder's user added by name, for a name the table does not know yet.
    Custom(&'a str),
    /// A parsed element whose name the table does not know in this place.
    Unknown(&'a str),
}

/// A value of an attribute, as written in a document or as held by the typed model.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// Text to be checked against the attribute's grammar.
    Text(&'a str),
    /// A whole number held by the typed model.
    Integer(u64),
    /// A boolean held by the typed model.
    Boolean(bool),
    /// A value of an enumerated set held by the typed model; valid by construction.
    Keyword(&'static str),
    /// Values of an enumerated set held by the typed model.
    Keywords(&'a dyn KeywordList),
    /// Whole numbers held by the typed model.
    Integers(&'a [u32]),
    /// A value the program supplies when it runs (an interpolation in `twiml!`): present, but
    /// not known until the response is built, where it is checked.
    Runtime,
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.debug_tuple("Text").field(s).finish(),
            Value::Integer(n) => f.debug_tuple("Integer").field(n).finish(),
            Value::Boolean(b) => f.debug_tuple("Boolean").field(b).finish(),
            Value::Keyword(k) => f.debug_tuple("Keyword").field(k).finish(),
            Value::Keywords(list) => f
                .debug_list()
                .entries((0..list.len()).map(|i| list.keyword(i)))
                .finish(),
            Value::Integers(list) => f.debug_tuple("Integers").field(list).finish(),
            Value::Runtime => f.write_str("Runtime"),
        }
    }
}

impl Value<'_> {
    /// Whether the value, read as Twilio reads it, equals `word` (trimmed, for text).
    pub fn is(&self, word: &str) -> bool {
        match self {
            Value::Text(s) => s.trim() == word,
            Value::Keyword(k) => *k == word,
            Value::Boolean(b) => word == if *b { "true" } else { "false" },
            _ => false,
        }
    }

    /// Whether a list value holds `word` among its items.
    pub fn contains(&self, word: &str) -> bool {
        match self {
            Value::Text(s) => s.split_ascii_whitespace().any(|item| item == word),
            Value::Keyword(k) => *k == word,
            Value::Keywords(list) => (0..list.len()).any(|i| list.keyword(i) == word),
            _ => false,
        }
    }

    /// The value of a boolean attribute: `true` or `false` as written, or as held.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(*b),
            Value::Text(s) => match s.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            Value::Keyword("true") => Some(true),
            Value::Keyword("false") => Some(false),
            _ => None,
        }
    }

    /// The value read as one of a value set (`v.read::<DialRecord>()`), as the typed model
    /// reads it: `None` when it is not one of the set's values, or not known yet.
    pub(crate) fn read<T: FromValue>(&self) -> Option<T> {
        T::from_value(self)
    }

    /// Whether a list value holds `item` among its items (`v.holds(GatherInput::Speech)`).
    pub(crate) fn holds<K: Keyword>(&self, item: K) -> bool {
        self.contains(item.keyword())
    }
}

/// A list of enumerated values held by the typed model (`Vec<GatherInput>`).
pub trait KeywordList {
    /// How many values the list holds.
    fn len(&self) -> usize;
    /// The Twilio spelling of the value at `index`.
    fn keyword(&self, index: usize) -> &'static str;
    /// Whether the list is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One attribute of an element.
#[derive(Debug, Clone, Copy)]
pub struct Attribute<'a> {
    /// The name as written.
    pub name: &'a str,
    /// The table's description of the attribute, when the table knows it for this element.
    pub spec: Option<&'static AttributeSpec>,
    /// The value.
    pub value: Value<'a>,
    /// Added by name through the builder's escape hatch for attributes the table lacks.
    pub custom: bool,
}

/// One item of an element's content, in document order.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a, N> {
    /// A child element.
    Element(N),
    /// Character data (entities already resolved).
    Text(&'a str),
    /// An XML comment's text.
    Comment(&'a str),
    /// Content the program supplies when it runs (an interpolation in `twiml!`): text or
    /// elements, not known until the response is built, where it is checked.
    Runtime,
}

/// Where in a document a check is looking: the element path from the root, with each
/// element's position among its parent's child elements.
///
/// The segments of a path up to [`Path::INLINE`] deep live in the path itself: making one and
/// walking a document with it allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Path<'a> {
    inline: [(&'a str, usize); Path::INLINE],
    len: usize,
    /// Every segment, once the path is deeper than [`Path::INLINE`]; empty until then.
    spilled: Vec<(&'a str, usize)>,
}

impl<'a> Path<'a> {
    /// How deep a path may be before its segments move to the heap.
    pub const INLINE: usize = 12;

    /// An empty path (above the root).
    pub fn new() -> Self {
        Path {
            inline: [("", 0); Path::INLINE],
            len: 0,
            spilled: Vec::new(),
        }
    }

    /// Descends into the element `name` at `position` among its siblings.
    pub fn push(&mut self, name: &'a str, position: usize) {
        if self.len < Path::INLINE {
            self.inline[self.len] = (name, position);
        } else {
            if self.spilled.is_empty() {
                self.spilled.extend_from_slice(&self.inline);
            }
            self.spilled.push((name, position));
        }
        self.len += 1;
    }

    /// Returns to the parent.
    pub fn pop(&mut self) {
        if self.len == 0 {
            return;
        }
        self.len -= 1;
        if self.len == Path::INLINE {
            // The inline segments are those the path had before it spilled.
            self.spilled.clear();
        } else if self.len > Path::INLINE {
            self.spilled.pop();
        }
    }

    /// The segments from the root down.
    pub fn segments(&self) -> &[(&'a str, usize)] {
        if self.len > Path::INLINE {
            &self.spilled
        } else {
            &self.inline[..self.len]
        }
    }

    /// How deep the path is; the root is depth 1.
    pub fn depth(&self) -> usize {
        self.len
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, position)) in self.segments().iter().enumerate() {
            if i == 0 {
                f.write_str(name)?;
            } else {
                write!(f, "/{name}[{position}]")?;
            }
        }
        Ok(())
    }
}

/// Which part of an element a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The element as a whole (its start tag, in a parsed document).
    Element,
    /// The named attribute (its value, in a parsed document).
    Attribute(&'a str),
    /// The name of the named attribute.
    AttributeName(&'a str),
    /// The item of content at this position among the element's content.
    Content(usize),
    /// Some words of the text item at position `item` among the element's content: bytes
    /// `start..end` of its text (as the document reads it, entities decoded). A document
    /// that cannot point inside the text points at the whole item.
    Words {
        /// The item's position among the element's content.
        item: usize,
        /// The first byte of the words in the item's text.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
}

/// A TwiML document that checks and rules can read.
pub trait Document {
    /// A handle to one element.
    type Node: Copy;
    /// Where something is in the document's source.
    type Span: Clone + fmt::Debug;
    /// The attributes of an element, in document order.
    type Attributes<'t>: Iterator<Item = Attribute<'t>>
    where
        Self: 't;
    /// The content of an element, in document order.
    type Children<'t>: Iterator<Item = Content<'t, Self::Node>>
    where
        Self: 't;

    /// The dialect of the document (from its use, or from its content).
    fn dialect(&self) -> Dialect;
    /// The root element.
    fn root(&self) -> Self::Node;
    /// What an element is.
    fn tag(&self, node: Self::Node) -> Tag<'_>;
    /// The element's XML name as written.
    fn name(&self, node: Self::Node) -> &str;
    /// The element's attributes.
    fn attributes(&self, node: Self::Node) -> Self::Attributes<'_>;
    /// The element's content.
    fn children(&self, node: Self::Node) -> Self::Children<'_>;
    /// Where a part of `node` is; `path` is where the walk found it.
    fn locate(&self, node: Self::Node, path: &Path<'_>, part: Part<'_>) -> Self::Span;

    /// Calls `each` with the position and the item of each piece of `node`'s content, in
    /// order, as [`Document::children`] yields them. A walk of every element (the rules'
    /// flow) goes this way: a document whose content iterator decides what the element is at
    /// every item decides it once here.
    fn each_child<'t>(
        &'t self,
        node: Self::Node,
        mut each: impl FnMut(usize, Content<'t, Self::Node>),
    ) {
        for (i, item) in self.children(node).enumerate() {
            each(i, item);
        }
    }

    /// The content of `node` when it is one text item and nothing else (a `<Say>` of plain
    /// words), as [`Document::children`] yields it: the rules read most speech this way.
    fn only_text(&self, node: Self::Node) -> Option<&str> {
        only_text_by_children(self, node)
    }

    /// Whether [`Document::locate`] reads its `path`: a document that finds a node's span
    /// from the node alone says no, and a caller may hand it an empty path instead of
    /// making one.
    fn locate_reads_path(&self) -> bool {
        true
    }

    /// How many elements the document holds, when it knows without counting (0 when it
    /// does not): a reader of every element sizes its buffers once with it.
    fn element_count(&self) -> usize {
        0
    }

    /// Comments outside the root element (before or after it), with where they are. A
    /// built document has none.
    fn outer_comments(&self) -> Vec<(&str, Self::Span)> {
        Vec::new()
    }

    /// Whether every character of the document's text, attribute values and comments is
    /// known to be one XML 1.0 can carry, so that the checks need not look at them one by one.
    /// `false` (look at each) unless the document knows it from its source.
    fn only_xml_characters(&self) -> bool {
        false
    }

    /// Whether some text item or attribute value may hold three ASCII digits or more (and so a
    /// card number or security code). `true` (read them) unless the document knows otherwise
    /// from its source.
    fn may_hold_three_digits(&self) -> bool {
        true
    }

    /// Whether some text item or attribute value may be a plain-HTTP URL. `true` (read them)
    /// unless the document knows otherwise from its source.
    fn may_hold_plain_http(&self) -> bool {
        true
    }

    /// Whether the element has any attribute. A document that knows without reading them
    /// answers directly.
    fn has_attributes(&self, node: Self::Node) -> bool {
        self.attributes(node).next().is_some()
    }

    /// The value of the attribute `name` (a constant of [`attr`](crate::schema::attr)), if
    /// present.
    fn attribute(&self, node: Self::Node, name: Attr) -> Option<Value<'_>> {
        let name = name.name();
        self.attributes(node)
            .find(|a| a.name == name || a.spec.is_some_and(|s| s.name == name))
            .map(|a| a.value)
    }
}

/// [`Document::only_text`] read from [`Document::children`]: the first item, when it is text
/// and no other follows.
pub(crate) fn only_text_by_children<D: Document + ?Sized>(doc: &D, node: D::Node) -> Option<&str> {
    let mut items = doc.children(node);
    match (items.next(), items.next()) {
        (Some(Content::Text(t)), None) => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Path, Value};

    #[test]
    fn a_path_deeper_than_its_inline_segments_keeps_every_segment() {
        let names: Vec<String> = (0..Path::INLINE + 5).map(|i| format!("E{i}")).collect();
        let mut path = Path::new();
        for round in 0..2 {
            for (i, name) in names.iter().enumerate() {
                path.push(name, i + round);
                assert_eq!(path.depth(), i + 1);
                let expected: Vec<(&str, usize)> = names[..=i]
                    .iter()
                    .enumerate()
                    .map(|(j, n)| (n.as_str(), j + round))
                    .collect();
                assert_eq!(path.segments(), &expected[..]);
            }
            for i in (0..names.len()).rev() {
                path.pop();
                assert_eq!(path.depth(), i);
                assert_eq!(path.segments().len(), i);
                assert!(
                    path.segments()
                        .iter()
                        .enumerate()
                        .all(|(j, s)| s.0 == names[j])
                );
            }
            path.pop();
            assert_eq!(path.depth(), 0);
        }
        path.push("Response", 0);
        path.push("Say", 2);
        assert_eq!(path.to_string(), "Response/Say[2]");
    }
    use crate::model::values::{DialRecord, GatherInput};

    #[test]
    fn values_read_as_the_typed_model_reads_them() {
        assert_eq!(Value::Text(" false ").as_bool(), Some(false));
        assert_eq!(Value::Boolean(true).as_bool(), Some(true));
        assert_eq!(Value::Keyword("true").as_bool(), Some(true));
        assert_eq!(Value::Text("False").as_bool(), None);
        assert_eq!(Value::Runtime.as_bool(), None);

        let ringing = Value::Text("record-from-ringing-dual");
        assert_eq!(ringing.read(), Some(DialRecord::RecordFromRingingDual));
        // A legacy spelling reads as the value it stands for.
        assert_eq!(Value::Text("false").read(), Some(DialRecord::DoNotRecord));
        assert_eq!(Value::Text("yes").read::<DialRecord>(), None);
        assert_eq!(Value::Runtime.read::<DialRecord>(), None);

        assert!(Value::Text("dtmf speech").holds(GatherInput::Speech));
        assert!(!Value::Text("dtmf").holds(GatherInput::Speech));
    }
}
