//! The markup as a [`Document`], so that the element table's checks and the compliance rules
//! run over it exactly as they run over a parsed file or a built response, located by the
//! compiler's spans.
//!
//! What the program supplies when it runs is run-time content: an `{expr}` attribute value is
//! `Value::Runtime`, an `{expr}` item is `Content::Runtime`. The content of `@if` and `@for`
//! blocks is read in place, every branch, as if present: each element in it is checked, and
//! the build checks again what the program chose.

use proc_macro2::Span;
use twiml_core::schema::{self, Dialect, ElementId};
use twiml_core::tree::{Attribute, Content, Document, Part, Path, Tag, Value};

use crate::syntax::{self, AttributeValue, Element, Else};

/// One element of the markup, with its table entry.
pub(crate) struct Node<'m> {
    pub(crate) element: &'m Element,
    pub(crate) tag: Tag<'m>,
    /// Content in reading order, blocks flattened.
    pub(crate) items: Vec<Item>,
}

/// One item of an element's content, as the checks see it.
pub(crate) enum Item {
    Element(usize),
    Text(String, Span),
    Runtime(Span),
}

/// The markup of one invocation.
pub(crate) struct MarkupDocument<'m> {
    pub(crate) nodes: Vec<Node<'m>>,
    pub(crate) dialect: Dialect,
}

impl<'m> MarkupDocument<'m> {
    /// Reads the markup under `root`, in `dialect` (or the dialect its content fits).
    pub(crate) fn new(root: &'m Element, dialect: Option<Dialect>) -> Self {
        let dialect = dialect.unwrap_or_else(|| {
            let mut names = Vec::new();
            top_level_names(&root.content, &mut names);
            schema::infer_dialect(names, None)
        });
        let mut doc = MarkupDocument {
            nodes: Vec::new(),
            dialect,
        };
        let root_id = schema::root_of(dialect);
        let tag = if root.name.text == root_id.spec().name {
            Tag::Known(root_id)
        } else {
            Tag::Unknown(root.name.text.as_str())
        };
        doc.add(root, tag);
        doc
    }

    fn add(&mut self, element: &'m Element, tag: Tag<'m>) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            element,
            tag,
            items: Vec::new(),
        });
        let parent = match tag {
            Tag::Known(id) => Some(id),
            _ => None,
        };
        let mut items = Vec::new();
        self.read(&element.content, parent, &mut items);
        self.nodes[index].items = items;
        index
    }

    fn read(
        &mut self,
        content: &'m [syntax::Content],
        parent: Option<ElementId>,
        items: &mut Vec<Item>,
    ) {
        for item in content {
            match item {
                syntax::Content::Element(child) => {
                    let tag = match parent
                        .and_then(|p| schema::lookup(self.dialect, &child.name.text, Some(p)))
                    {
                        Some(id) => Tag::Known(id),
                        None => Tag::Unknown(child.name.text.as_str()),
                    };
                    let index = self.add(child, tag);
                    items.push(Item::Element(index));
                }
                syntax::Content::Text(text) => items.push(Item::Text(text.value(), text.span())),
                syntax::Content::Expr(_) => items.push(Item::Runtime(item.span())),
                syntax::Content::If(block) => {
                    let mut at = Some(block);
                    while let Some(b) = at {
                        self.read(&b.then, parent, items);
                        at = match &b.otherwise {
                            Some(Else::If(next)) => Some(next),
                            Some(Else::Block(otherwise)) => {
                                self.read(otherwise, parent, items);
                                None
                            }
                            None => None,
                        };
                    }
                }
                syntax::Content::For(block) => self.read(&block.body, parent, items),
            }
        }
    }

    fn node(&self, index: usize) -> Option<&Node<'m>> {
        self.nodes.get(index)
    }
}

/// The names of the elements directly under the root, blocks included, for the dialect.
fn top_level_names<'m>(content: &'m [syntax::Content], names: &mut Vec<&'m str>) {
    for item in content {
        match item {
            syntax::Content::Element(e) => names.push(e.name.text.as_str()),
            syntax::Content::If(block) => {
                let mut at = Some(block);
                while let Some(b) = at {
                    top_level_names(&b.then, names);
                    at = match &b.otherwise {
                        Some(Else::If(next)) => Some(next),
                        Some(Else::Block(otherwise)) => {
                            top_level_names(otherwise, names);
                            None
                        }
                        None => None,
                    };
                }
            }
            syntax::Content::For(block) => top_level_names(&block.body, names),
            _ => {}
        }
    }
}

/// The attributes of one element.
pub(crate) struct Attributes<'t> {
    inner: std::slice::Iter<'t, syntax::MarkupAttribute>,
    spec: Option<&'static schema::ElementSpec>,
}

impl<'t> Iterator for Attributes<'t> {
    type Item = Attribute<'t>;

    fn next(&mut self) -> Option<Attribute<'t>> {
        let a = self.inner.next()?;
        let name = a.name.text.as_str();
        Some(Attribute {
            name,
            spec: self
                .spec
                .and_then(|s| s.attributes.iter().find(|spec| spec.name == name)),
            value: match &a.value {
                AttributeValue::Literal(l) => Value::Text(&l.text),
                AttributeValue::Expr(_) => Value::Runtime,
            },
            custom: false,
        })
    }
}

/// The content of one element.
pub(crate) struct Children<'t> {
    inner: std::slice::Iter<'t, Item>,
}

impl<'t> Iterator for Children<'t> {
    type Item = Content<'t, usize>;

    fn next(&mut self) -> Option<Content<'t, usize>> {
        Some(match self.inner.next()? {
            Item::Element(i) => Content::Element(*i),
            Item::Text(text, _) => Content::Text(text),
            Item::Runtime(_) => Content::Runtime,
        })
    }
}

impl<'m> Document for MarkupDocument<'m> {
    type Node = usize;
    type Span = Span;
    type Attributes<'t>
        = Attributes<'t>
    where
        Self: 't;
    type Children<'t>
        = Children<'t>
    where
        Self: 't;

    fn dialect(&self) -> Dialect {
        self.dialect
    }

    fn root(&self) -> usize {
        0
    }

    fn tag(&self, node: usize) -> Tag<'_> {
        self.node(node).map_or(Tag::Unknown(""), |n| n.tag)
    }

    fn name(&self, node: usize) -> &str {
        self.node(node).map_or("", |n| n.element.name.text.as_str())
    }

    fn attributes(&self, node: usize) -> Attributes<'_> {
        let element = self.node(node).map(|n| n.element);
        Attributes {
            inner: element.map_or([].iter(), |e| e.attributes.iter()),
            spec: match self.tag(node) {
                Tag::Known(id) => Some(id.spec()),
                _ => None,
            },
        }
    }

    fn children(&self, node: usize) -> Children<'_> {
        Children {
            inner: self.node(node).map_or([].iter(), |n| n.items.iter()),
        }
    }

    fn locate(&self, node: usize, _path: &Path<'_>, part: Part<'_>) -> Span {
        let Some(n) = self.node(node) else {
            return Span::call_site();
        };
        let element = n.element;
        let attribute = |name: &str| element.attributes.iter().find(|a| a.name.text == name);
        match part {
            Part::Element => element.name.span,
            Part::Attribute(name) => {
                attribute(name).map_or(element.name.span, |a| match &a.value {
                    AttributeValue::Literal(l) => l.span,
                    AttributeValue::Expr(e) => syn::spanned::Spanned::span(e),
                })
            }
            Part::AttributeName(name) => attribute(name).map_or(element.name.span, |a| a.name.span),
            // A literal's span cannot be cut into words: the whole literal.
            Part::Content(i) | Part::Words { item: i, .. } => match n.items.get(i) {
                Some(Item::Element(child)) => self
                    .node(*child)
                    .map_or(element.name.span, |c| c.element.name.span),
                Some(Item::Text(_, span) | Item::Runtime(span)) => *span,
                None => element.name.span,
            },
        }
    }
}
