//! Structural checks over any [`Document`], driven by the element table.
//!
//! The same walk checks a response made by the builder (at its build step) and a parsed file
//! (in the validator): the root, element and attribute names, what each element may hold,
//! attribute values against their grammar, required attributes and text, text length, child
//! counts and combinations, unreachable verbs, characters XML cannot carry, and the names of
//! custom elements and attributes. Checks that a typed model cannot fail (an unknown element,
//! a `<Dial>` in a `<Gather>`) simply never fire on one.
//!
//! A built response is first given to a quick pass (`Quick`), generated with the model from
//! the table for each of its types: it settles the response when the checks certainly find
//! nothing in it, and leaves the rest to the walk, which names what it finds and where.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::LazyLock;

use crate::diagnostic::{CheckInfo, Diagnostic, NodePath, Severity, checks};
use crate::grammar::{self, ProblemKind, ValueProblem, closest, one_of, trim};
use crate::model::ModelDocument;
use crate::rules::{Read, Summary};
use crate::schema::{
    self, AttributeSpec, ELEMENTS, ElementId, ElementKind, ElementSpec, TextPresence, ValueKind,
    attr,
};
use crate::tree::{Attribute, Content, Document, Part, Path, Tag, Value};

/// Twilio reads at most this many bytes of TwiML (error 11750).
pub(crate) const TWILIO_MAX_DOCUMENT_BYTES: usize = 64 * 1024;

/// TW0201 for a document of `bytes` bytes, at the root, when Twilio would not read it all.
pub(crate) fn document_size<S>(bytes: usize, root: impl FnOnce() -> S) -> Option<Diagnostic<S>> {
    (bytes > TWILIO_MAX_DOCUMENT_BYTES).then(|| {
        Diagnostic::new(
            &checks::DOCUMENT_TOO_LARGE,
            format!(
                "the document is {bytes} bytes; Twilio reads at most {TWILIO_MAX_DOCUMENT_BYTES}"
            ),
            root(),
        )
        .with_help("split the flow over several documents joined by `<Redirect>`")
    })
}

/// `<Say>` text with an Amazon Polly voice is capped lower than basic text-to-speech
/// (Twilio error 13521: 4096 characters for basic voices, 3000 for Polly).
const POLLY_SAY_MAX_CHARS: u32 = 3000;

/// What the walk asks of every element's row, worked out once from the table: the children
/// it allows and the attributes it requires, as bit sets (an element has at most 64
/// attributes, and the table at most 128 elements; the table's tests guard both).
struct Facts {
    children: u128,
    required: u64,
}

const _: () = assert!(ElementId::ALL.len() <= 128);

static FACTS: LazyLock<Vec<Facts>> = LazyLock::new(|| {
    ELEMENTS
        .iter()
        .map(|e| Facts {
            children: e.children.iter().fold(0, |set, &c| set | 1 << (c as u32)),
            required: e
                .attributes
                .iter()
                .enumerate()
                .filter(|(_, a)| a.required)
                .fold(0, |set, (i, _)| set | 1 << i),
        })
        .collect()
});

thread_local! {
    /// The list of allowed children a walk fills, kept from one walk to the next on a thread.
    static KNOWN: Cell<Vec<(ElementId, usize)>> = const { Cell::new(Vec::new()) };
}

/// Runs every structural check over `doc`, appending findings to `out`.
pub fn check_document<D: Document>(doc: &D, out: &mut Vec<Diagnostic<D::Span>>) {
    check_counting(doc, out);
}

/// [`check_document`], returning how many elements the walk visited: every element of the
/// document, for a reader of every element to size its buffers with.
pub(crate) fn check_counting<D: Document>(doc: &D, out: &mut Vec<Diagnostic<D::Span>>) -> usize {
    walk::<D, false, false>(doc, out).0
}

/// The checks of a response the typed builder made, counting its elements as
/// [`check_counting`] does: every check that can find something in such a response, and none
/// of those its types rule out (each is named where the walk leaves it out). The characters
/// of its text, values and comments are looked at one by one only when `doc` does not know
/// them to be clean (the build step learns it from writing the response). They find what
/// [`check_document`] finds in it; a test compares the two over many responses.
///
/// When `notes`, the walk also notes what the rules' summary reads of the response (the build
/// step asks for it only of a response small enough to be asked whether any rule may find
/// something in it), and the summary is returned.
pub(crate) fn check_built(
    doc: &ModelDocument<'_>,
    out: &mut Vec<Diagnostic<NodePath>>,
    notes: bool,
) -> (usize, Option<Summary>) {
    // Most responses have nothing to report: the quick pass, generated from the table for
    // each type of the model, shows that without the walk, and the walk (which names what it
    // finds, and where) runs only when the pass cannot.
    if doc.only_xml_characters() {
        if notes {
            let mut quick = Quick::<true>::default();
            if doc.root().quick(&mut quick) {
                return (quick.visited, Some(quick.read.built_summary(doc)));
            }
        } else {
            let mut quick = Quick::<false>::default();
            if doc.root().quick(&mut quick) {
                return (quick.visited, None);
            }
        }
        #[cfg(test)]
        tests::QUICK_DECLINED.set(tests::QUICK_DECLINED.get() + 1);
    }
    if notes {
        let (visited, read) = walk::<ModelDocument<'_>, true, true>(doc, out);
        (visited, Some(read.built_summary(doc)))
    } else {
        (walk::<ModelDocument<'_>, true, false>(doc, out).0, None)
    }
}

/// The walk of every element; `BUILT` when `doc` is a response of the typed model, whose types
/// guarantee what some checks look for. It returns how many elements it visited, and, when
/// `NOTES`, what the rules' summary reads of the document, noted on the way (a separate copy
/// of the walk, so that the walk that notes nothing pays nothing for it).
fn walk<D: Document, const BUILT: bool, const NOTES: bool>(
    doc: &D,
    out: &mut Vec<Diagnostic<D::Span>>,
) -> (usize, Read) {
    let mut walk = Walk::<D, BUILT, NOTES> {
        doc,
        out,
        path: Path::new(),
        facts: &FACTS,
        check_characters: !doc.only_xml_characters(),
        known: KNOWN.take(),
        visited: 0,
        read: Read::default(),
    };
    walk.run();
    let mut known = std::mem::take(&mut walk.known);
    known.clear();
    KNOWN.set(known);
    (walk.visited, walk.read)
}

/// The quick pass over a built response: whether the table's checks certainly find nothing
/// in it, counting its elements and, when `NOTES`, noting what the rules' summary reads, as
/// the walk does. Each type of the model has its pass (`quick`, generated from the table with
/// the model), which reads its fields and children directly, with what the table decides of
/// them (which fields hold values to check, which children end the call or are counted)
/// settled when the code was generated; the decisions left to run time are made here, by
/// the same grammar and the same rows as the walk's.
///
/// It is run only on a response whose writing found no byte that may begin a character XML
/// 1.0 cannot carry. It answers `false` (and the walk runs, and finds and names what there is)
/// for anything it does not settle itself: a finding, a custom element or attribute, text in
/// two pieces (but in a mixed element such as `<Say>` with SSML), a mixed element's text of
/// more than 3,000 bytes.
#[derive(Default)]
pub(crate) struct Quick<const NOTES: bool> {
    pub(crate) visited: usize,
    pub(crate) read: Read,
    /// The bytes of the text items passed so far.
    text_bytes: usize,
    /// How many of them hold more than whitespace.
    texts_said: usize,
}

impl<const NOTES: bool> Quick<NOTES> {
    /// Enters an element of the table.
    #[inline(always)]
    pub(crate) fn element(&mut self, id: ElementId) {
        self.visited += 1;
        if NOTES {
            self.read.tag(&Tag::Known(id));
        }
    }

    /// Whether the value of the attribute `a` passes its checks (those of [`Walk::value`]).
    #[inline(always)]
    pub(crate) fn value(&mut self, a: &'static AttributeSpec, value: Value<'_>) -> bool {
        if NOTES {
            self.read.attribute(&value);
        }
        value_problem(a, value).is_none()
    }

    /// Notes a text item of an element's content.
    #[inline(always)]
    pub(crate) fn text_item(&mut self, text: &str) {
        if NOTES {
            self.read.content(&Content::<()>::Text(text));
        }
        self.text_bytes += text.len();
        self.texts_said += usize::from(!trim(text).is_empty());
    }

    /// What text the pass has met so far, for a mixed element to tell its subtree's from.
    #[inline(always)]
    pub(crate) fn texts(&self) -> (usize, usize) {
        (self.text_bytes, self.texts_said)
    }

    /// Whether a comment passes its check (that of [`Walk::comment`]).
    #[inline(always)]
    pub(crate) fn comment(&mut self, text: &str) -> bool {
        if NOTES {
            self.read.content(&Content::<()>::Comment(text));
        }
        !comment_breaks_xml(text)
    }

    /// Whether the text of an element of row `spec` (not a mixed one), which holds `text` (its
    /// one text item) and `elements` child elements of the table, passes the checks of
    /// [`Walk::text`].
    pub(crate) fn text(
        &self,
        spec: &'static ElementSpec,
        text: Option<&str>,
        elements: usize,
    ) -> bool {
        let rule = &spec.text;
        let text = text.unwrap_or("");
        let has_text = !trim(text).is_empty();
        let children = elements > 0;
        if rule.mixed {
            return false;
        }
        if rule.presence != TextPresence::None && has_text && children {
            return false;
        }
        if !has_text {
            return !text_missing(spec, children);
        }
        if rule.presence == TextPresence::None {
            return true;
        }
        grammar::check_text(&rule.kind, text).is_none()
    }

    /// Whether the text of a mixed element of row `spec` (`<Say>`, whose text is that of its
    /// whole subtree), holding `elements` child elements of the table, passes the checks of
    /// [`Walk::text`]; `before` is what [`Quick::texts`] answered as its content began.
    pub(crate) fn mixed_text(
        &self,
        spec: &'static ElementSpec,
        before: (usize, usize),
        elements: usize,
    ) -> bool {
        let rule = &spec.text;
        if self.texts_said == before.1 {
            // No text of its subtree holds more than whitespace.
            return !text_missing(spec, elements > 0);
        }
        if rule.presence == TextPresence::None {
            return true;
        }
        // Short enough for any voice, counted in bytes (a character takes at least one);
        // longer text is counted by the walk.
        match rule.kind {
            ValueKind::Text {
                max_chars: Some(max),
            } => self.text_bytes - before.0 <= POLLY_SAY_MAX_CHARS.min(max) as usize,
            _ => true,
        }
    }
}

impl<D: Document, const BUILT: bool, const NOTES: bool> Walk<'_, D, BUILT, NOTES> {
    fn run(&mut self) {
        let doc = self.doc;
        let root = doc.root();
        // A built response's root is a `VoiceResponse`, `MessagingResponse` or `FaxResponse`
        // (`Root` holds nothing else), each the table's root element of its dialect.
        let is_root =
            BUILT || matches!(doc.tag(root), Tag::Known(id) if id.spec().kind == ElementKind::Root);
        if !is_root {
            let name = doc.name(root);
            self.path.push(name, 0);
            let d = Diagnostic::new(
            &checks::ROOT_NOT_RESPONSE,
            format!("the root element is `<{name}>`, not `<Response>`"),
            (),
        )
        .with_help(
            if name.eq_ignore_ascii_case(ElementId::VoiceResponse.spec().name) {
                "element names are case-sensitive: write `<Response>`".to_string()
            } else {
                format!(
                    "wrap the document in `<Response>`: `<Response><{name}>...</{name}></Response>`"
                )
            },
        );
            self.report(root, Part::Element, d);
            self.custom_content(root);
            return;
        }
        self.element(root, doc.tag(root), 0);
    }
}

struct Walk<'d, D: Document, const BUILT: bool, const NOTES: bool> {
    doc: &'d D,
    out: &'d mut Vec<Diagnostic<D::Span>>,
    path: Path<'d>,
    facts: &'static [Facts],
    /// Whether text, attribute values and comments may hold characters XML cannot carry.
    check_characters: bool,
    /// Child elements of the table allowed where they are, with their content positions:
    /// those of the elements being walked, outermost first (each element's follow its
    /// parent's, and are dropped when its walk ends).
    known: Vec<(ElementId, usize)>,
    /// How many elements the walk has visited.
    visited: usize,
    /// What the walk noted of what the rules' summary reads of the document, when `NOTES`
    /// ([`check_built`]): the build step then needs no second walk to ask whether any rule may
    /// find something.
    read: Read,
}

/// What an element holds, gathered while walking its content.
struct Held<'d> {
    text: Option<Cow<'d, str>>,
    /// Where the element's allowed child elements begin in [`Walk::known`].
    known: usize,
    elements: usize,
    /// Some content is supplied when the program runs: it may be text or elements, so the
    /// checks that need all of the content wait for the build.
    runtime: bool,
}

impl<'d, D: Document, const BUILT: bool, const NOTES: bool> Walk<'d, D, BUILT, NOTES> {
    fn report(&mut self, node: D::Node, part: Part<'_>, diagnostic: Diagnostic<()>) {
        let span = self.doc.locate(node, &self.path, part);
        self.out.push(diagnostic.map_span(|()| span.clone()));
    }

    /// Walks the element `node`, whose tag is `tag`, at `position` among its parent's elements.
    fn element(&mut self, node: D::Node, tag: Tag<'d>, position: usize) {
        self.visited += 1;
        if NOTES {
            self.read.tag(&tag);
        }
        match tag {
            // A built element of the table is named with the table's own string: its name
            // (`NodeRef::name`) is generated from the row its tag (`NodeRef::tag`) names.
            Tag::Known(id) if BUILT => self.path.push(id.spec().name, position),
            _ => self.path.push(self.doc.name(node), position),
        }
        match tag {
            Tag::Known(id) => self.known_element(node, id.spec()),
            Tag::Custom(name) => self.custom_element(node, name),
            // Reported by the parent; its content is still checked for characters.
            Tag::Unknown(_) => self.custom_content(node),
        }
        self.path.pop();
    }

    fn known_element(&mut self, node: D::Node, spec: &'static ElementSpec) {
        self.attributes(node, spec);
        let held = self.content(node, spec);
        self.text(node, spec, &held);
        self.child_counts(node, spec, &held);
        self.known.truncate(held.known);
    }

    /// The allowed child elements of the element whose content `held` gathered.
    fn known(&self, held: &Held<'_>) -> &[(ElementId, usize)] {
        &self.known[held.known..]
    }

    fn content(&mut self, node: D::Node, spec: &'static ElementSpec) -> Held<'d> {
        let children = self.facts[spec.id as usize].children;
        let mut held = Held {
            text: None,
            known: self.known.len(),
            elements: 0,
            runtime: false,
        };
        let mut ended_by: Option<(usize, &'static str)> = None;
        let mut unreachable_reported = false;
        for (i, item) in self.doc.children(node).enumerate() {
            if NOTES {
                self.read.content(&item);
            }
            match item {
                Content::Text(s) => {
                    self.characters(node, Part::Content(i), s, "text");
                    if spec.text.presence == TextPresence::None && !trim(s).is_empty() {
                        let d = Diagnostic::new(
                            &checks::TEXT_NOT_ALLOWED,
                            format!("`<{}>` holds no text", spec.name),
                            (),
                        )
                        .with_help(text_help(spec));
                        self.report(node, Part::Content(i), d);
                    }
                    held.text = Some(match held.text.take() {
                        None => Cow::Borrowed(s),
                        Some(t) => Cow::Owned(t.into_owned() + s),
                    });
                }
                Content::Comment(s) => self.comment(node, i, s),
                Content::Runtime => held.runtime = true,
                Content::Element(child) => {
                    let tag = self.doc.tag(child);
                    match tag {
                        // A built element's children are items of its child enum, generated
                        // from its row's children: each is one its parent may hold, and none
                        // is unknown (`NodeRef::tag` gives an element of the table or a
                        // custom one).
                        Tag::Known(id) if BUILT || children & 1 << (id as u32) != 0 => {
                            self.known.push((id, i));
                        }
                        Tag::Known(id) => self.not_allowed(node, i, spec, id.spec()),
                        Tag::Unknown(name) => self.unknown_element(node, i, spec, name),
                        Tag::Custom(_) => {}
                    }
                    if let Some((at, ender)) = ended_by
                        && !unreachable_reported
                    {
                        unreachable_reported = true;
                        let child_name = self.doc.name(child);
                        let later = self
                            .doc
                            .children(node)
                            .skip(i + 1)
                            .filter(|c| matches!(c, Content::Element(_)))
                            .count();
                        let d = Diagnostic::new(
                            &checks::UNREACHABLE_VERB,
                            format!(
                                "`<{child_name}>`{} never {} after `<{ender}>`",
                                match later {
                                    0 => String::new(),
                                    1 => " and 1 more element".to_string(),
                                    n => format!(" and {n} more elements"),
                                },
                                if later == 0 { "runs" } else { "run" }
                            ),
                            (),
                        )
                        .with_help(format!("`<{ender}>` ends the document; move what follows before it, or remove it"));
                        let label = self.doc.locate(node, &self.path, Part::Content(at));
                        self.report(node, Part::Content(i), d);
                        if let Some(last) = self.out.last_mut() {
                            last.labels.push(crate::diagnostic::Label {
                                span: label,
                                message: format!("`<{ender}>` ends the document here"),
                            });
                        }
                    }
                    if ended_by.is_none()
                        && let Tag::Known(id) = tag
                        && id.spec().terminal
                    {
                        ended_by = Some((i, id.spec().name));
                    }
                    self.element(child, tag, held.elements);
                    held.elements += 1;
                }
            }
        }
        held
    }

    fn not_allowed(&mut self, node: D::Node, i: usize, spec: &ElementSpec, child: &ElementSpec) {
        let d = Diagnostic::new(
            &checks::ELEMENT_NOT_ALLOWED,
            format!("`<{}>` may not hold `<{}>`", spec.name, child.name),
            (),
        )
        .with_twilio_error(spec.nesting_error)
        .with_help(children_help(spec));
        self.report(node, Part::Content(i), d);
    }

    fn unknown_element(&mut self, node: D::Node, i: usize, spec: &ElementSpec, name: &str) {
        let allowed: Vec<&str> = spec.children.iter().map(|c| c.spec().name).collect();
        let elsewhere = ELEMENTS
            .iter()
            .find(|e| e.name == name && e.dialect != spec.dialect);
        let (message, help) = if let Some(other) = elsewhere {
            (
                format!(
                    "`<{name}>` is a {} element; a {} `<{}>` may not hold it",
                    other.dialect.as_str(),
                    spec.dialect.as_str(),
                    spec.name
                ),
                if other.id == ElementId::Message && spec.dialect == schema::Dialect::Voice {
                    "to text the caller during a call, use `<Sms>` or send the message through the REST API".to_string()
                } else {
                    children_help(spec)
                },
            )
        } else if let Some(close) = closest(name, &allowed) {
            (
                format!("unknown element `<{name}>`"),
                format!("did you mean `<{close}>`?"),
            )
        } else {
            (format!("unknown element `<{name}>`"), children_help(spec))
        };
        let d = Diagnostic::new(&checks::UNKNOWN_ELEMENT, message, ()).with_help(help);
        self.report(node, Part::Content(i), d);
    }

    fn attributes(&mut self, node: D::Node, spec: &'static ElementSpec) {
        // Which of the table's attributes are present, by position (no element has more than
        // 64; the table's test guards that).
        let mut present = 0u64;
        let mut customs: Vec<&'d str> = Vec::new();
        for attribute in self.doc.attributes(node) {
            if NOTES {
                self.read.attribute(&attribute.value);
            }
            if attribute.custom {
                self.custom_attribute(node, Some(spec), &mut customs, attribute);
                continue;
            }
            let Some(a) = attribute.spec else {
                // A built element's attributes are its struct's fields, each the table's row
                // (the model's `Attributes` gives every one that is not custom its row).
                if !BUILT {
                    self.unknown_attribute(node, spec, attribute);
                }
                continue;
            };
            if let Some(i) = position_in(spec.attributes, a) {
                present |= 1 << i;
            }
            // A built document names its attributes with the table's own strings (the
            // model's `Attributes` names each with its row's `name`): no other spelling.
            if !BUILT && !std::ptr::eq(attribute.name, a.name) && attribute.name != a.name {
                let d = Diagnostic::new(
                    &checks::UNUSUAL_VALUE,
                    format!(
                        "`{}` is another spelling of `{}` on `<{}>`",
                        attribute.name, a.name, spec.name
                    ),
                    (),
                )
                .with_severity(Severity::Info)
                .with_help(format!("Twilio documents `{}`", a.name));
                self.report(node, Part::AttributeName(attribute.name), d);
            }
            self.value(node, spec, a, attribute.value);
        }
        let mut missing = self.facts[spec.id as usize].required & !present;
        while missing != 0 {
            let i = missing.trailing_zeros() as usize;
            missing &= missing - 1;
            if let Some(a) = spec.attributes.get(i) {
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

    fn unknown_attribute(&mut self, node: D::Node, spec: &ElementSpec, attribute: Attribute<'_>) {
        let names: Vec<&str> = spec
            .attributes
            .iter()
            .flat_map(|a| std::iter::once(a.name).chain(a.aliases.iter().copied()))
            .collect();
        let help = match closest(attribute.name, &names) {
            Some(close) => format!("did you mean `{close}`?"),
            None if names.is_empty() => format!("`<{}>` has no attributes", spec.name),
            None => format!("`<{}>` has {}", spec.name, one_of(&names)),
        };
        let d = Diagnostic::new(
            &checks::UNKNOWN_ATTRIBUTE,
            format!(
                "unknown attribute `{}` on `<{}>`",
                attribute.name, spec.name
            ),
            (),
        )
        .with_help(help);
        self.report(node, Part::AttributeName(attribute.name), d);
        if let Value::Text(s) = attribute.value {
            self.characters(node, Part::Attribute(attribute.name), s, attribute.name);
        }
    }

    fn value(&mut self, node: D::Node, el: &ElementSpec, a: &AttributeSpec, value: Value<'_>) {
        if let Value::Text(s) = value
            && !self.characters(node, Part::Attribute(a.name), s, a.name)
        {
            return;
        }
        if let Some(p) = value_problem(a, value) {
            let subject = format!("`{}` on `<{}>`", a.name, el.name);
            self.report(node, Part::Attribute(a.name), value_diagnostic(&subject, p));
        }
    }

    fn text(&mut self, node: D::Node, spec: &ElementSpec, held: &Held<'_>) {
        if held.runtime {
            return;
        }
        let rule = &spec.text;
        let text = held.text.as_deref().unwrap_or("");
        let has_text = !trim(text).is_empty();
        let children = held.known < self.known.len();
        if rule.presence != TextPresence::None && !rule.mixed && has_text && children {
            let d = Diagnostic::new(
                &checks::CONFLICTING_CONTENT,
                format!("`<{}>` holds both text and child elements", spec.name),
                (),
            )
            .with_help(format!("give one or the other: {}", rule.summary));
            self.report(node, Part::Element, d);
            return;
        }
        let blank = !(has_text || rule.mixed && self.subtree_has_text(node));
        if blank {
            if text_missing(spec, children || held.elements > 0) {
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
                .with_help(format!("give {}", rule.summary));
                self.report(node, Part::Element, d);
            }
            return;
        }
        if rule.presence == TextPresence::None {
            return;
        }
        if rule.mixed {
            self.mixed_text_length(node, spec, held);
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
            let part = self
                .doc
                .children(node)
                .position(|c| matches!(c, Content::Text(t) if !trim(t).is_empty()))
                .map_or(Part::Element, Part::Content);
            self.report(node, part, d);
        }
    }

    fn mixed_text_length(&mut self, node: D::Node, spec: &ElementSpec, held: &Held<'_>) {
        let ValueKind::Text {
            max_chars: Some(max),
        } = spec.text.kind
        else {
            return;
        };
        // A character takes at least one byte: short text needs no counting. An element with
        // no child element holds no text but its own, which the walk of its content joined.
        let bytes = if held.elements == 0 {
            held.text.as_deref().map_or(0, str::len)
        } else {
            self.subtree_text(node, str::len)
        };
        if bytes <= POLLY_SAY_MAX_CHARS.min(max) as usize {
            return;
        }
        let polly = spec.id == ElementId::Say
            && self
                .doc
                .attribute(node, attr::VOICE)
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
            .with_twilio_error(spec.text.too_long_error)
            .with_help("split the text over several elements");
            self.report(node, Part::Element, d);
        }
    }

    fn child_counts(&mut self, node: D::Node, spec: &ElementSpec, held: &Held<'_>) {
        for limit in spec.child_limits {
            let child = limit.child.spec().name;
            let count = self
                .known(held)
                .iter()
                .filter(|(id, _)| *id == limit.child)
                .count() as u32;
            if count > limit.max {
                let at = self
                    .known(held)
                    .iter()
                    .filter(|(id, _)| *id == limit.child)
                    .nth(limit.max as usize)
                    .map_or(Part::Element, |(_, i)| Part::Content(*i));
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
                self.report(node, at, d);
            } else if count < limit.min && !held.runtime {
                let d = Diagnostic::new(
                    &checks::MISSING_CHILD,
                    format!("`<{}>` needs a `<{child}>` element", spec.name),
                    (),
                );
                self.report(node, Part::Element, d);
            }
        }
        for conflict in spec.child_conflicts {
            let Some(&(_, at)) = self
                .known(held)
                .iter()
                .find(|(id, _)| *id == conflict.child)
            else {
                continue;
            };
            let Some(&(other, _)) = self
                .known(held)
                .iter()
                .find(|(id, _)| conflict.excludes.contains(id))
            else {
                continue;
            };
            let d = Diagnostic::new(
                &checks::CONFLICTING_CONTENT,
                format!(
                    "`<{}>` holds `<{}>` together with `<{}>`",
                    spec.name,
                    conflict.child.spec().name,
                    other.spec().name
                ),
                (),
            )
            .with_severity(if conflict.warning {
                Severity::Warning
            } else {
                Severity::Error
            })
            .with_twilio_error(conflict.twilio_error)
            .with_help(conflict.reason);
            self.report(node, Part::Content(at), d);
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
            if NOTES {
                self.read.attribute(&attribute.value);
            }
            if attribute.custom {
                self.custom_attribute(node, None, &mut customs, attribute);
            } else if let Value::Text(s) = attribute.value {
                self.characters(node, Part::Attribute(attribute.name), s, attribute.name);
            }
        }
        let mut element_position = 0;
        for (i, item) in self.doc.children(node).enumerate() {
            if NOTES {
                self.read.content(&item);
            }
            match item {
                Content::Text(s) => {
                    self.characters(node, Part::Content(i), s, "text");
                }
                Content::Comment(s) => self.comment(node, i, s),
                Content::Runtime => {}
                Content::Element(child) => {
                    self.element(child, self.doc.tag(child), element_position);
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
        let part = Part::AttributeName(name);
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
                format!(
                    "custom attribute `{name}` stands in for the known attribute `{}` of `<{element}>`",
                    known.name
                ),
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
            self.characters(node, Part::Attribute(name), s, name);
        }
    }

    fn comment(&mut self, node: D::Node, position: usize, text: &str) {
        let part = Part::Content(position);
        if self.characters(node, part, text, "comment") && comment_breaks_xml(text) {
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
    /// A document whose source holds no byte that begins such a character is clean throughout.
    #[inline(always)]
    fn characters(&mut self, node: D::Node, part: Part<'_>, text: &str, what: &str) -> bool {
        !self.check_characters || self.each_character(node, part, text, what)
    }

    fn each_character(&mut self, node: D::Node, part: Part<'_>, text: &str, what: &str) -> bool {
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
            Content::Text(s) => !trim(s).is_empty(),
            Content::Element(child) => self.subtree_has_text(child),
            Content::Comment(_) => false,
            // It may be text; the build decides.
            Content::Runtime => true,
        })
    }

    /// The sum of `measure` over every piece of text in the element and its descendants.
    fn subtree_text(&self, node: D::Node, measure: fn(&str) -> usize) -> usize {
        self.doc
            .children(node)
            .map(|item| match item {
                Content::Text(s) => measure(s),
                Content::Element(child) => self.subtree_text(child, measure),
                Content::Comment(_) | Content::Runtime => 0,
            })
            .sum()
    }
}

/// The position of `a` in `attributes`, when it is one of them: found from its address, as
/// the walk's attributes are the table's own rows.
fn position_in(attributes: &[AttributeSpec], a: &AttributeSpec) -> Option<usize> {
    let offset = (a as *const AttributeSpec as usize).wrapping_sub(attributes.as_ptr() as usize);
    let i = offset / size_of::<AttributeSpec>();
    offset
        .is_multiple_of(size_of::<AttributeSpec>())
        .then_some(i)
        .filter(|&i| attributes.get(i).is_some_and(|x| std::ptr::eq(x, a)))
}

fn voice_is_polly(v: &Value<'_>) -> bool {
    match v {
        Value::Text(s) => s.trim().starts_with("Polly."),
        Value::Keyword(k) => k.starts_with("Polly."),
        _ => false,
    }
}

/// "`<Gather>` holds `<Say>`, `<Play>` or `<Pause>`".
fn children_help(spec: &ElementSpec) -> String {
    let names: Vec<String> = spec
        .children
        .iter()
        .map(|c| format!("<{}>", c.spec().name))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.is_empty() {
        format!("`<{}>` holds no elements", spec.name)
    } else {
        format!("`<{}>` holds {}", spec.name, one_of(&names))
    }
}

fn text_help(spec: &ElementSpec) -> String {
    if spec.allows_child(ElementId::Say) {
        "put words to speak in a `<Say>`".to_string()
    } else {
        children_help(spec)
    }
}

/// Whether a comment's text cannot be written in an XML comment.
fn comment_breaks_xml(text: &str) -> bool {
    text.contains("--") || text.ends_with('-')
}

/// Whether an element of row `spec` that holds no text (nor any in its subtree, for a mixed
/// one) lacks text it needs: text is required, or it may stand in for the child elements and
/// there are none.
fn text_missing(spec: &ElementSpec, has_children: bool) -> bool {
    spec.text.presence == TextPresence::Required || (spec.text.or_children && !has_children)
}

/// What is wrong with `value` as a value of the attribute `a`, its characters aside: the
/// walk reports it, and the quick pass declines a response that has one.
#[inline(always)]
fn value_problem(a: &AttributeSpec, value: Value<'_>) -> Option<ValueProblem> {
    match value {
        Value::Text(s) => grammar::check_attribute(a, s),
        Value::Integer(n) => grammar::check_attribute_integer(a, n),
        Value::Integers([]) => Some(empty_list()),
        Value::Integers(list) => list
            .iter()
            .find_map(|&n| grammar::check_attribute_integer(a, u64::from(n))),
        Value::Keywords(list) if list.is_empty() => Some(empty_list()),
        Value::Keywords(_) | Value::Keyword(_) | Value::Boolean(_) | Value::Runtime => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Root;
    use crate::test_rng::Xorshift;
    use crate::{ParseOptions, parse};

    thread_local! {
        /// How many built responses the quick pass left to the walk, on this thread.
        pub(super) static QUICK_DECLINED: Cell<usize> = const { Cell::new(0) };
    }

    /// The findings of every check and those of the build's checks on one typed response,
    /// with the elements each walk counted: the same, or the test names the response.
    /// The build's walk reads the response as the build step does: told by its writing whether
    /// any character needs looking at; the full walk looks at every one.
    fn assert_same_findings(root: &Root, what: &str) -> usize {
        same_findings(root, what).0
    }

    /// [`assert_same_findings`], and whether the build's quick pass settled the response
    /// (its checks then found nothing), instead of leaving it to the walk.
    fn same_findings(root: &Root, what: &str) -> (usize, bool) {
        let declined = QUICK_DECLINED.get();
        let document = ModelDocument::new(root);
        let mut full = Vec::new();
        let full_count = check_counting(&document, &mut full);
        let mut written = ModelDocument::new(root);
        written.know_written(&crate::document::render_served(root, &mut String::new()));
        let mut built = Vec::new();
        let (built_count, summary) = check_built(&written, &mut built, true);
        assert_eq!(full, built, "{what}");
        assert_eq!(full_count, built_count, "{what}");
        // What the build's walk notes for the rules is what their own walk reads.
        assert_eq!(summary, Some(Summary::of_built(&written)), "{what}");
        let quick = written.only_xml_characters() && QUICK_DECLINED.get() == declined;
        if quick {
            assert!(full.is_empty(), "{what}");
        }
        (full.len(), quick)
    }

    /// Reads `source` into the typed model, when it parses and converts.
    fn typed(source: &str) -> Option<Root> {
        parse(source, &ParseOptions::default()).ok()?.to_root().ok()
    }

    /// Every document of the corpora that reads into the typed model, rebuilt through it.
    #[test]
    fn the_build_checks_find_what_every_check_finds_in_the_corpora() {
        let (mut documents, mut findings, mut clean, mut quick) = (0, 0, 0, 0);
        for source in crate::test_corpus::sources() {
            if let Some(root) = typed(&source) {
                documents += 1;
                let (found, settled) = same_findings(&root, &source);
                findings += found;
                clean += usize::from(found == 0);
                quick += usize::from(settled);
            }
        }
        // Most of them are valid; the typed model keeps the findings of a few.
        assert!(documents > 500 && findings >= 10, "{documents} {findings}");
        // The quick pass settles most of those in which the checks find nothing.
        eprintln!("{documents} documents, {clean} clean, {quick} settled by the quick pass");
        assert!(quick * 10 >= clean * 9, "{clean} {quick}");
    }

    /// Responses made with the builder, among them what the types leave open: characters
    /// XML cannot carry, values outside their grammar, custom elements and attributes named
    /// like known ones, text too long, content after a verb that ends the call.
    #[test]
    fn the_build_checks_find_what_every_check_finds_in_built_responses() {
        use crate::voice::{Dial, VoiceResponse};
        let mut r = VoiceResponse::new();
        r.say("a\u{1}b").custom_attribute("voice", "x");
        r.say("x".repeat(5000)).custom_attribute("loop", "1");
        r.play("not a url").loop_(1000);
        r.custom_element("Say").text("\u{2}");
        r.custom_element("1x")
            .attribute("a", "b")
            .attribute("a", "c");
        r.comment("a--b");
        r.comment("c\u{4}");
        r.pause().custom_attribute("data-x", "\u{5}");
        r.redirect("/next\u{FFFE}");
        r.dial().timeout(0).caller_id("\u{3}");
        r.hangup();
        r.pause();
        let mut dial = Dial::new();
        dial.number("");
        r.push(dial);
        let findings = assert_same_findings(&Root::Voice(r), "built");
        assert!(findings > 8, "{findings}");
    }

    /// A `<Say>` with SSML, its text in pieces around and inside the SSML, is settled by the
    /// quick pass as the walk reads it: one text, that of its whole subtree. One whose
    /// subtree's text passes 3,000 bytes, or holds only whitespace, is left to the walk, which
    /// finds what there is.
    #[test]
    fn the_quick_pass_reads_a_say_with_ssml_as_the_text_of_its_subtree() {
        use crate::voice::VoiceResponse;
        fn said(before: &str, inside: &str, after: &str) -> Root {
            let mut r = VoiceResponse::new();
            let say = r.say(before);
            say.break_();
            say.prosody().text(inside);
            say.text(after);
            Root::Voice(r)
        }
        let long = "word ".repeat(1000);
        for (root, settled, findings) in [
            (said("Hello,", "please listen", "carefully."), true, 0),
            (said("", "only inside", ""), true, 0),
            // No text: the walk reports it.
            (said(" ", "\n", " "), false, 1),
            // 2,900 bytes; 3,100, which the walk counts in characters (at most 4,096); 5,000.
            (said(&long[..1500], &long[..1400], ""), true, 0),
            (said(&long[..1500], &long[..1400], &long[..200]), false, 0),
            (said(&long, "", ""), false, 1),
        ] {
            let (found, quick) = same_findings(&root, "ssml");
            assert_eq!((quick, found), (settled, findings), "{root:?}");
        }
    }

    /// A character XML cannot carry alone in one place of a response (text, a comment, a
    /// value of the table's or a custom one, the content of a custom element, text beyond
    /// ASCII around it): the build's walk, told by the writing whether to look, finds it.
    #[test]
    fn the_build_checks_find_a_character_xml_cannot_carry_wherever_it_is_alone() {
        use crate::messaging::MessagingResponse;
        use crate::voice::VoiceResponse;
        let places: [fn(&str) -> Root; 12] = [
            |c| voice(|r| _ = r.say(format!("caf\u{e9} {c} ok"))),
            |c| voice(|r| _ = r.say("a").text(format!("{c}b"))),
            |c| voice(|r| _ = r.comment(format!("note {c}"))),
            |c| voice(|r| _ = r.say("a").comment(c)),
            |c| voice(|r| _ = r.play(format!("https://e.com/{c}.mp3"))),
            |c| voice(|r| _ = r.dial().caller_id(format!("+1555{c}"))),
            |c| voice(|r| _ = r.dial().number(format!("+1555{c}"))),
            |c| voice(|r| _ = r.pause().custom_attribute("data-x", format!("x{c}"))),
            |c| voice(|r| _ = r.custom_element("Note").text(c)),
            |c| voice(|r| _ = r.custom_element("Note").comment(c)),
            |c| {
                voice(|r| {
                    _ = r
                        .custom_element("Note")
                        .attribute("k", format!("12345678{c}"))
                })
            },
            |c| {
                let mut r = MessagingResponse::new();
                r.message().body(format!("Hello, {c}"));
                Root::Messaging(r)
            },
        ];
        fn voice(add: impl FnOnce(&mut VoiceResponse)) -> Root {
            let mut r = VoiceResponse::new();
            add(&mut r);
            Root::Voice(r)
        }
        for (i, place) in places.iter().enumerate() {
            for c in ["\u{1}", "\u{1f}", "\u{b}", "\u{FFFE}", "\u{FFFF}"] {
                let root = place(c);
                let document = ModelDocument::new(&root);
                let mut full = Vec::new();
                check_counting(&document, &mut full);
                assert!(
                    full.iter()
                        .any(|d| d.code == checks::INVALID_XML_CHARACTER.code),
                    "place {i}, {c:?}: {full:?}"
                );
                assert_same_findings(&root, &format!("place {i}, {c:?}"));
            }
            // With nothing to find, the writing lets the walk pass over the characters.
            let root = place("\u{e9}\u{2615}\u{1F600}");
            assert!(
                crate::document::render_served(&root, &mut String::new()).only_xml_characters,
                "{i}"
            );
            assert_same_findings(&root, &format!("place {i}, clean"));
        }
    }

    /// Random documents drawn from the element table (each element holding children its row
    /// allows, or now and then one it does not, attributes of its row with values valid or
    /// not, text, comments and characters XML cannot carry), read into the typed model.
    #[test]
    fn the_build_checks_find_what_every_check_finds_in_random_documents() {
        let mut rng = Xorshift(0x6A09_E667_F3BC_C908);
        let (mut documents, mut findings, mut clean, mut quick) = (0, 0, 0, 0);
        for _ in 0..3000 {
            let root = match rng.next() % 3 {
                0 => ElementId::VoiceResponse,
                1 => ElementId::MessagingResponse,
                _ => ElementId::FaxResponse,
            };
            let mut source = String::new();
            random_element(&mut rng, root.spec(), 0, &mut source);
            if let Some(root) = typed(&source) {
                documents += 1;
                let (found, settled) = same_findings(&root, &source);
                findings += found;
                clean += usize::from(found == 0);
                quick += usize::from(settled);
            }
        }
        assert!(
            documents > 1000 && findings > 1000,
            "{documents} {findings}"
        );
        // Text in two pieces is left to the walk (but in a `<Say>`, whose SSML may cut it).
        eprintln!("{documents} documents, {clean} clean, {quick} settled by the quick pass");
        assert!(quick * 10 >= clean * 9, "{clean} {quick}");
    }

    const TEXTS: &[&str] = &[
        "",
        " ",
        "Hello",
        "1",
        "0",
        "99999999",
        "-1",
        "true",
        "maybe",
        "auto",
        "https://example.com/a.mp3",
        "/next",
        "ftp://x",
        "+15551234567",
        "alice",
        "Polly.Joanna",
        "a&amp;b",
        "&#1;",
        "w1#",
        "49.99",
        "x\u{1}y",
    ];

    fn pick<'a>(rng: &mut Xorshift, items: &[&'a str]) -> &'a str {
        items[(rng.next() % items.len() as u64) as usize]
    }

    fn random_element(rng: &mut Xorshift, spec: &ElementSpec, depth: usize, out: &mut String) {
        out.push('<');
        out.push_str(spec.name);
        for a in spec.attributes {
            if !rng.next().is_multiple_of(3) {
                continue;
            }
            let value = match a.kind {
                ValueKind::Enum(set) if !rng.next().is_multiple_of(4) => pick(rng, set.values),
                _ => pick(rng, TEXTS),
            };
            out.push_str(&format!(" {}=\"{}\"", a.name, value));
        }
        out.push('>');
        let items = if depth > 3 { 0 } else { rng.next() % 4 };
        for _ in 0..items {
            match rng.next() % 8 {
                0 => out.push_str(pick(rng, TEXTS)),
                1 => out.push_str("<!--c-->"),
                2 if depth > 0 => {
                    let other = &ELEMENTS[(rng.next() % ELEMENTS.len() as u64) as usize];
                    random_element(rng, other, depth + 1, out);
                }
                _ if !spec.children.is_empty() => {
                    let i = (rng.next() % spec.children.len() as u64) as usize;
                    random_element(rng, spec.children[i].spec(), depth + 1, out);
                }
                _ => out.push_str(pick(rng, TEXTS)),
            }
        }
        if spec.text.presence != TextPresence::None && rng.next().is_multiple_of(2) {
            out.push_str(if rng.next().is_multiple_of(50) {
                "long text, long text, long text, long text, long text, long text."
            } else {
                pick(rng, TEXTS)
            });
        }
        out.push_str("</");
        out.push_str(spec.name);
        out.push('>');
    }

    /// The position found from an attribute's address is the one a search of the table finds,
    /// for every attribute of every element against every element's attributes.
    #[test]
    fn an_attribute_is_placed_as_a_search_places_it() {
        let mut placed = 0;
        for owner in ELEMENTS.iter() {
            for a in owner.attributes {
                for e in ELEMENTS.iter() {
                    let searched = e.attributes.iter().position(|x| std::ptr::eq(x, a));
                    assert_eq!(position_in(e.attributes, a), searched, "{}", a.name);
                    placed += usize::from(searched.is_some());
                }
            }
        }
        assert!(placed > 100, "{placed}");
    }
}
