//! Helpers shared by the integration tests: a canonical form of XML documents (read with
//! quick-xml, an independent parser), and documents made from the element table.

#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use quick_xml::{XmlVersion, escape::resolve_predefined_entity};
use serde_json::{Value as Json, json};
use twiml::schema::{
    DefaultValue, Dialect, ELEMENTS, ElementId, ElementKind, ElementSpec, TextPresence, UrlKind,
    ValueKind,
};

/// An XML node in canonical form: attributes unordered, references resolved, adjacent text
/// merged, comments and the XML declaration dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element {
        name: String,
        attributes: BTreeMap<String, String>,
        children: Vec<Node>,
    },
    Text(String),
}

/// How much of the source's whitespace counts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Whitespace {
    /// Every character counts.
    Exact,
    /// Text that is only whitespace, between elements, does not count (indentation).
    IgnoreIndentation,
}

/// Parses `xml` into its canonical root element, or says why it is not well-formed.
pub fn canonical(xml: &str, whitespace: Whitespace) -> Result<Node, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().enable_all_checks(true);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    let mut text = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        if matches!(
            event,
            Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof
        ) {
            flush_text(&mut stack, &mut text, whitespace)?;
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut attributes = BTreeMap::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?;
                    attributes.insert(a.key.0.to_string(), value.into_owned());
                }
                let node = Node::Element {
                    name: e.name().0.to_string(),
                    attributes,
                    children: Vec::new(),
                };
                if matches!(event, Event::Empty(_)) {
                    close(&mut stack, &mut root, node)?;
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or("unbalanced end tag")?;
                close(&mut stack, &mut root, node)?;
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    text.push(c);
                } else {
                    let name: &str = &r;
                    text.push_str(
                        resolve_predefined_entity(name)
                            .ok_or_else(|| format!("unknown entity `{name}`"))?,
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.ok_or_else(|| "no root element".to_string())
}

/// Ends a run of text: it becomes a child of the open element.
fn flush_text(stack: &mut [Node], text: &mut String, whitespace: Whitespace) -> Result<(), String> {
    if text.is_empty() {
        return Ok(());
    }
    let keep = whitespace == Whitespace::Exact || !text.trim().is_empty();
    match stack.last_mut() {
        Some(Node::Element { children, .. }) if keep => {
            children.push(Node::Text(std::mem::take(text)))
        }
        Some(_) => text.clear(),
        None if text.trim().is_empty() => text.clear(),
        None => return Err(format!("text outside the root: {text:?}")),
    }
    Ok(())
}

fn close(stack: &mut [Node], root: &mut Option<Node>, node: Node) -> Result<(), String> {
    match stack.last_mut() {
        Some(Node::Element { children, .. }) => children.push(node),
        Some(Node::Text(_)) => unreachable!("text is never on the stack"),
        None if root.is_none() => *root = Some(node),
        None => return Err("two root elements".into()),
    }
    Ok(())
}

/// The shared folder beside the project (`../shared`: Twilio's samples, the peers' expected
/// output), when it is there.
///
/// Without it, a test that needs it skips, and says so on the terminal: the line goes to the
/// process's standard error directly, which the test harness does not capture. Under CI
/// (`CI` set to anything but `false` or `0`), a missing folder fails the test instead, so
/// that a run without the corpus can never pass as a run with it.
pub fn shared() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if path.is_dir() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "CI is set, and the shared folder is missing: expected it at {}",
        path.display()
    );
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: the shared folder is not beside the project ({})",
        path.display()
    );
    None
}

/// A valid sample value of a kind, as the JSON form holds it.
pub fn sample(kind: &ValueKind, name: &str, default: DefaultValue) -> Json {
    match *kind {
        ValueKind::Text { max_chars } => {
            let text = format!("sample {name}");
            json!(match max_chars {
                Some(max) => text.chars().take(max as usize).collect(),
                None => text,
            })
        }
        ValueKind::Name { .. } => json!("support"),
        ValueKind::Url(UrlKind::WebSocket) => json!(format!("wss://example.com/{name}")),
        ValueKind::Url(_) => json!(format!("https://example.com/{name}?a=1&b=2")),
        ValueKind::Boolean => json!(default != DefaultValue::Value("true")),
        ValueKind::Integer { min, max } => json!(match max {
            Some(max) => min + (max - min) / 2,
            None => min + 2,
        }),
        ValueKind::IntegerOrKeyword { keyword, .. } => json!(keyword),
        ValueKind::Decimal => json!("49.99"),
        ValueKind::Enum(set) => {
            let pick = set
                .values
                .iter()
                .find(|v| default != DefaultValue::Value(v))
                .unwrap_or(&set.values[0]);
            json!(pick)
        }
        ValueKind::EnumList(set) => json!(set.values.iter().take(2).collect::<Vec<_>>()),
        ValueKind::IntegerList { min, max } => json!([min, max]),
        ValueKind::Dtmf => json!("1234w#"),
        ValueKind::Keys { max_len: Some(_) } => json!("*"),
        ValueKind::Keys { max_len: None } => json!("*#"),
        ValueKind::Sid(prefix) => json!(format!("{prefix}0123456789abcdef0123456789abcdef")),
        ValueKind::Phone | ValueKind::PhoneOrSipUri => json!("+14155550100"),
        ValueKind::SipUri => json!("sip:alice@example.com;transport=tls"),
        ValueKind::BooleanOrText => json!("94107"),
        ValueKind::Json => json!(r#"{"selected_language": "es"}"#),
        ValueKind::SsmlDuration => json!("500ms"),
        ValueKind::ProsodyVolume => json!("+6dB"),
        ValueKind::ProsodyRate => json!("80%"),
        ValueKind::ProsodyPitch => json!("-10%"),
    }
}

/// The JSON form of `spec` with `attributes` set, its required text, and its required
/// children.
pub fn element_json(spec: &ElementSpec, every_attribute: bool) -> serde_json::Map<String, Json> {
    let mut object = serde_json::Map::new();
    for a in spec.attributes {
        if every_attribute || a.required {
            object.insert(a.name.into(), sample(&a.kind, a.name, a.default));
        }
    }
    let mut children: Vec<Json> = Vec::new();
    if spec.text.presence != TextPresence::None {
        let text = sample(&spec.text.kind, "text", DefaultValue::None);
        if spec.children.is_empty() {
            object.insert("text".into(), text);
        } else if spec.text.presence == TextPresence::Required || spec.text.or_children {
            children.push(json!({ "#text": text }));
        }
    }
    for limit in spec.child_limits {
        for _ in 0..limit.min {
            children.push(child_json(
                limit.child,
                element_json(limit.child.spec(), false),
            ));
        }
    }
    if !children.is_empty() {
        object.insert("children".into(), Json::Array(children));
    }
    object
}

pub fn child_json(id: ElementId, object: serde_json::Map<String, Json>) -> Json {
    json!({ id.spec().name: Json::Object(object) })
}

/// The elements from a root down to `target`, found breadth-first.
pub fn path_to(target: ElementId) -> Vec<ElementId> {
    let root = ELEMENTS
        .iter()
        .find(|e| e.kind == ElementKind::Root && e.dialect == target.spec().dialect)
        .unwrap()
        .id;
    let mut paths = vec![vec![root]];
    while !paths.is_empty() {
        let mut next = Vec::new();
        for path in paths {
            let last = *path.last().unwrap();
            if last == target {
                return path;
            }
            for &child in last.spec().children {
                if !path.contains(&child) {
                    let mut p = path.clone();
                    p.push(child);
                    next.push(p);
                }
            }
        }
        paths = next;
    }
    panic!("no path to {target:?}")
}

/// A whole document, as JSON, holding `target` (made by `make`) inside the shortest chain of
/// ancestors, each with only what it requires.
pub fn document_with(
    target: ElementId,
    make: impl FnOnce(&ElementSpec) -> serde_json::Map<String, Json>,
) -> Json {
    let path = path_to(target);
    let mut node = make(target.spec());
    for window in path.windows(2).rev() {
        let (parent, child) = (window[0], window[1]);
        let mut object = element_json(parent.spec(), false);
        let mut children: Vec<Json> = match object.remove("children") {
            Some(Json::Array(c)) => c
                .into_iter()
                .filter(|c| c.get(child.spec().name).is_none())
                .collect(),
            _ => Vec::new(),
        };
        // A parent whose text may be replaced by children gets the child instead of text.
        children.retain(|c| {
            c.get("#text").is_none() || parent.spec().text.presence == TextPresence::Required
        });
        children.push(child_json(child, node));
        object.insert("children".into(), Json::Array(children));
        node = object;
    }
    let dialect = match target.spec().dialect {
        Dialect::Voice => "voice",
        Dialect::Messaging => "messaging",
        Dialect::Fax => "fax",
    };
    json!({ dialect: Json::Object(node) })
}

/// A policy under which no compliance rule runs, for tests of the element table alone: each
/// rule is allowed, with the reason.
pub fn structure_only() -> twiml::rules::Policy {
    twiml::rules::RULES
        .iter()
        .fold(twiml::rules::Policy::new(), |policy, rule| {
            policy.allow(
                rule.code,
                "this test exercises the element table, not call flows",
            )
        })
}
