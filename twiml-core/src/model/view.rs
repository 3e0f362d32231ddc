//! The typed model as a [`Document`], so that the table's checks and the compliance rules read
//! a built response exactly as they read a parsed file.

use crate::diagnostic::NodePath;
use crate::document::Root;
use crate::schema::{Attr, Dialect, ElementSpec};
use crate::tree::{Attribute, Content, Document, Part, Path, Tag, Value, only_text_by_children};

use super::CustomAttribute;
use super::generated::nodes::{Children, NodeRef};
use super::voice::SayChild;

/// A typed response seen as a document. Findings are located by node path.
pub(crate) struct ModelDocument<'a> {
    root: NodeRef<'a>,
    dialect: Dialect,
    /// How many elements the response holds, once a walk has counted them (0 until then).
    elements: usize,
    /// Every character of the response's text, values and comments is known to be one XML
    /// 1.0 can carry (`false` until its writing says so).
    only_xml_characters: bool,
    /// Some text item or attribute value may hold three ASCII digits or more (`true` until its
    /// writing says none does).
    three_digits: bool,
    /// Some text item or attribute value may be a plain-HTTP URL (`true` until its writing
    /// says none is).
    plain_http: bool,
}

impl<'a> ModelDocument<'a> {
    pub(crate) fn new(root: &'a Root) -> Self {
        let (root, dialect) = match root {
            Root::Voice(r) => (NodeRef::VoiceResponse(r), Dialect::Voice),
            Root::Messaging(r) => (NodeRef::MessagingResponse(r), Dialect::Messaging),
            Root::Fax(r) => (NodeRef::FaxResponse(r), Dialect::Fax),
        };
        ModelDocument {
            root,
            dialect,
            elements: 0,
            only_xml_characters: false,
            three_digits: true,
            plain_http: true,
        }
    }

    /// Records what the writing of the response found: whether every byte of its text,
    /// values and comments is clear of those that may begin a character XML 1.0 cannot carry
    /// (the writer's `only_xml_characters`), and whether a text item or value that says no
    /// words holds three digits or more, or is a plain-HTTP URL.
    pub(crate) fn know_written(&mut self, written: &crate::document::Written) {
        self.only_xml_characters = written.only_xml_characters;
        self.three_digits = written.three_digits;
        self.plain_http = written.plain_http;
    }

    /// Records how many elements the response holds, as a walk of every element counted.
    pub(crate) fn know_element_count(&mut self, elements: usize) {
        self.elements = elements;
    }
}

/// The attributes of one element: the table's that are set, in table order, then the custom
/// ones.
pub(crate) struct Attributes<'a> {
    node: NodeRef<'a>,
    spec: Option<&'static ElementSpec>,
    /// The table positions of the attributes set and not yet visited.
    set: u64,
    custom: std::slice::Iter<'a, CustomAttribute>,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attribute<'a>;

    fn next(&mut self) -> Option<Attribute<'a>> {
        if let Some(spec) = self.spec {
            while self.set != 0 {
                let index = self.set.trailing_zeros() as usize;
                self.set &= self.set - 1;
                if let Some(a) = spec.attributes.get(index)
                    && let Some(value) = self.node.attribute_value(index)
                {
                    return Some(Attribute {
                        name: a.name,
                        spec: Some(a),
                        value,
                        custom: false,
                    });
                }
            }
        }
        self.custom.next().map(|c| Attribute {
            name: &c.name,
            spec: None,
            value: Value::Text(&c.value),
            custom: true,
        })
    }
}

/// The content of one element, lent for the document's borrow `'t` (the model lives for `'a`).
pub(crate) struct Items<'t, 'a> {
    inner: Children<'a>,
    _borrow: std::marker::PhantomData<&'t ()>,
}

impl<'t, 'a: 't> Iterator for Items<'t, 'a> {
    type Item = Content<'t, NodeRef<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl<'a> Document for ModelDocument<'a> {
    type Node = NodeRef<'a>;
    type Span = NodePath;
    type Attributes<'t>
        = Attributes<'t>
    where
        Self: 't;
    type Children<'t>
        = Items<'t, 'a>
    where
        Self: 't;

    fn dialect(&self) -> Dialect {
        self.dialect
    }

    fn root(&self) -> NodeRef<'a> {
        self.root
    }

    fn tag(&self, node: NodeRef<'a>) -> Tag<'_> {
        node.tag()
    }

    fn name(&self, node: NodeRef<'a>) -> &str {
        node.name()
    }

    /// The row, the set attributes and the custom ones from one match on the node: the checks
    /// and the rules walk every element's attributes, some of them more than once.
    fn attributes(&self, node: NodeRef<'a>) -> Attributes<'_> {
        let (spec, set, custom) = node.attribute_parts();
        Attributes {
            node,
            spec,
            set,
            custom: custom.iter(),
        }
    }

    fn element_count(&self) -> usize {
        self.elements
    }

    fn only_xml_characters(&self) -> bool {
        self.only_xml_characters
    }

    fn may_hold_three_digits(&self) -> bool {
        self.three_digits
    }

    fn may_hold_plain_http(&self) -> bool {
        self.plain_http
    }

    /// From the set fields, without making the iterator: an attribute of the table is set
    /// exactly when its field is.
    fn has_attributes(&self, node: NodeRef<'a>) -> bool {
        let (_, set, custom) = node.attribute_parts();
        set != 0 || !custom.is_empty()
    }

    fn children(&self, node: NodeRef<'a>) -> Items<'_, 'a> {
        Items {
            inner: node.children(),
            _borrow: std::marker::PhantomData,
        }
    }

    fn each_child<'t>(
        &'t self,
        node: NodeRef<'a>,
        each: impl FnMut(usize, Content<'t, NodeRef<'a>>),
    ) {
        node.each_child(each);
    }

    /// A `<Say>`, the most common holder of one text, is read from its list directly, and an
    /// element whose content is one text field (a `<Body>`, a `<Play>`) from that field.
    fn only_text(&self, node: NodeRef<'a>) -> Option<&str> {
        match node {
            NodeRef::Say(say) => match say.children.as_slice() {
                [SayChild::Text(text)] => Some(text),
                _ => None,
            },
            // An element whose content is one text field holds that text or nothing.
            _ => match node.children() {
                Children::Text(text) => text,
                _ => only_text_by_children(self, node),
            },
        }
    }

    /// The attribute's position in its element's row read from the handle's table, then the
    /// one field: checks and rules ask for attributes by name often, and an element of the
    /// table has dozens of them.
    fn attribute(&self, node: NodeRef<'a>, name: Attr) -> Option<Value<'_>> {
        if let Tag::Known(id) = node.tag()
            && let Some(index) = name.position_on(id)
        {
            // The build step refuses a custom attribute named like one of the table's.
            return node.attribute_value(index);
        }
        let name = name.name();
        node.custom_attributes()
            .iter()
            .find(|c| c.name == name)
            .map(|c| Value::Text(&c.value))
    }

    fn locate(&self, _node: NodeRef<'a>, path: &Path<'_>, part: Part<'_>) -> NodePath {
        NodePath {
            element: path.to_string(),
            attribute: match part {
                Part::Attribute(name) | Part::AttributeName(name) => Some(name.to_string()),
                Part::Element | Part::Content(_) | Part::Words { .. } => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};

    fn described(item: &Content<'_, NodeRef<'_>>) -> String {
        match item {
            Content::Element(n) => format!("<{}>", n.name()),
            Content::Text(t) => format!("text {t:?}"),
            Content::Comment(t) => format!("comment {t:?}"),
            Content::Runtime => "run-time content".to_string(),
        }
    }

    /// The content of `node` and of every element below it, in document order, with each
    /// item's position and depth, read by `each_child` or by the iterator.
    fn walk(
        doc: &ModelDocument<'_>,
        node: NodeRef<'_>,
        by_each: bool,
        depth: usize,
        out: &mut Vec<String>,
    ) {
        let mut items = Vec::new();
        if by_each {
            doc.each_child(node, |i, item| items.push((i, item)));
        } else {
            items.extend(doc.children(node).enumerate());
        }
        for (i, item) in items {
            out.push(format!("{depth} {i} {}", described(&item)));
            if let Content::Element(child) = item {
                walk(doc, child, by_each, depth + 1, out);
            }
        }
    }

    fn same_content(root: &Root) -> usize {
        let doc = ModelDocument::new(root);
        let (mut each, mut iterated) = (Vec::new(), Vec::new());
        walk(&doc, doc.root(), true, 0, &mut each);
        walk(&doc, doc.root(), false, 0, &mut iterated);
        assert_eq!(each, iterated);
        each.len()
    }

    /// The documents of the corpora that read into the typed model.
    fn corpus_roots() -> impl Iterator<Item = Root> {
        crate::test_corpus::sources()
            .into_iter()
            .filter_map(|source| {
                parse(&source, &ParseOptions::default())
                    .ok()
                    .and_then(|d| d.to_root().ok())
            })
    }

    /// `each_child`, which the rules' flow walks by, yields what the iterator yields, in the
    /// same order, for every element of the corpora read into the typed model and of a built
    /// response that holds text, comments and custom elements in every kind of place.
    #[test]
    fn each_child_reads_what_the_iterator_reads() {
        let (mut documents, mut items) = (0, 0);
        for root in corpus_roots() {
            documents += 1;
            items += same_content(&root);
        }
        assert!(documents > 500 && items > 3_000, "{documents} {items}");

        use crate::voice::VoiceResponse;
        let mut r = VoiceResponse::new();
        r.comment("first");
        r.say("hello").comment("inside");
        r.play("https://example.com/a.mp3");
        r.pause();
        let g = r.gather();
        g.say("press 1");
        g.comment("in a gather");
        r.custom_element("Custom").text("words").comment("c");
        r.say("");
        let built = same_content(&Root::Voice(r));
        assert!(built >= 12, "{built}");
    }

    /// Compares `only_text` with the iterator's reading at `node` and every element below it;
    /// returns how many `<Say>`s it found holding one text.
    fn same_only_text(doc: &ModelDocument<'_>, node: NodeRef<'_>) -> usize {
        let only = doc.only_text(node);
        assert_eq!(
            only,
            only_text_by_children(doc, node),
            "<{}>",
            doc.name(node)
        );
        let mut said = usize::from(only.is_some() && matches!(node, NodeRef::Say(_)));
        for item in doc.children(node) {
            if let Content::Element(child) = item {
                said += same_only_text(doc, child);
            }
        }
        said
    }

    /// `only_text`, by which the rules' flow reads a `<Say>` of one text, answers as the
    /// iterator does for every element of the corpora read into the typed model, and of a
    /// built response with `<Say>`s of no text, of text and a comment, and of text and SSML.
    #[test]
    fn only_text_reads_what_the_iterator_reads() {
        let mut said = 0;
        for root in corpus_roots() {
            let doc = ModelDocument::new(&root);
            said += same_only_text(&doc, doc.root());
        }
        assert!(said > 200, "{said}");

        use crate::voice::VoiceResponse;
        let mut r = VoiceResponse::new();
        r.say("hello").comment("inside");
        r.say("");
        r.say("one").break_();
        r.say("two").text(" words");
        r.gather().say("press 1");
        let root = Root::Voice(r);
        let doc = ModelDocument::new(&root);
        assert_eq!(same_only_text(&doc, doc.root()), 1);
    }
}
