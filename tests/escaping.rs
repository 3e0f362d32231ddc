//! No string given to the builder yields malformed XML: at every text and attribute position
//! of every element, either the build step refuses the string (and names a character XML 1.0
//! cannot carry when there is one), or the output parses with quick-xml and gives the string
//! back exactly.

mod common;

use common::{Node, Whitespace, canonical, document_with, element_json, path_to};
use proptest::prelude::*;
use serde_json::{Value as Json, json};
use twiml::prelude::*;
use twiml::schema::{ELEMENTS, ElementId, TextPresence, ValueKind};
use twiml::{Root, Twiml};

/// Where a string goes.
#[derive(Debug, Clone)]
enum Position {
    Attribute(ElementId, &'static str),
    Text(ElementId),
    CustomAttributeValue,
    CustomAttributeName,
    CustomElementText,
    Comment,
}

fn takes_text(kind: &ValueKind) -> bool {
    !matches!(
        kind,
        ValueKind::Boolean
            | ValueKind::Integer { .. }
            | ValueKind::IntegerOrKeyword { .. }
            | ValueKind::EnumList(_)
            | ValueKind::IntegerList { .. }
    ) && !matches!(kind, ValueKind::Enum(set) if set.open.is_none())
}

fn positions() -> Vec<Position> {
    let mut all = vec![
        Position::CustomAttributeValue,
        Position::CustomAttributeName,
        Position::CustomElementText,
        Position::Comment,
    ];
    for spec in &ELEMENTS {
        if spec.text.presence != TextPresence::None {
            all.push(Position::Text(spec.id));
        }
        for a in spec.attributes.iter().filter(|a| takes_text(&a.kind)) {
            all.push(Position::Attribute(spec.id, a.name));
        }
    }
    all
}

/// The document with `s` at `position`, and the path to the element holding it.
fn document(position: &Position, s: &str) -> (Json, Vec<&'static str>) {
    let target = match position {
        Position::Attribute(id, _) | Position::Text(id) => *id,
        _ => ElementId::Say,
    };
    let path: Vec<&'static str> = path_to(target)[1..]
        .iter()
        .map(|id| id.spec().name)
        .collect();
    let doc = document_with(target, |spec| {
        let mut object = element_json(spec, false);
        match position {
            Position::Attribute(_, name) => {
                object.insert((*name).into(), json!(s));
            }
            Position::Text(_) if spec.children.is_empty() => {
                object.insert("text".into(), json!(s));
            }
            Position::Text(_) => {
                let mut children = match object.remove("children") {
                    Some(Json::Array(c)) => c,
                    _ => Vec::new(),
                };
                children.retain(|c| c.get("#text").is_none());
                children.insert(0, json!({ "#text": s }));
                object.insert("children".into(), Json::Array(children));
            }
            Position::CustomAttributeValue => {
                object.insert(
                    "customAttributes".into(),
                    json!([{ "name": "extra", "value": s }]),
                );
            }
            Position::CustomAttributeName => {
                object.insert(
                    "customAttributes".into(),
                    json!([{ "name": s, "value": "v" }]),
                );
            }
            Position::CustomElementText => {
                object.insert(
                    "children".into(),
                    json!([{ "#text": "x" }, { "#custom": { "name": "Extra", "children": [{ "#text": s }] } }]),
                );
            }
            Position::Comment => {
                object.insert(
                    "children".into(),
                    json!([{ "#text": "x" }, { "#comment": s }]),
                );
            }
        }
        object
    });
    (doc, path)
}

fn element_at<'a>(tree: &'a Node, path: &[&str]) -> &'a Node {
    let mut node = tree;
    for name in path {
        let Node::Element { children, .. } = node else {
            panic!("text on the path")
        };
        node = children
            .iter()
            .find(|c| matches!(c, Node::Element { name: n, .. } if n == name))
            .unwrap_or_else(|| panic!("no `{name}` in {node:?}"));
    }
    node
}

fn text_of(node: &Node) -> String {
    match node {
        Node::Text(t) => t.clone(),
        Node::Element { children, .. } => children.iter().map(text_of).collect(),
    }
}

fn has_non_xml_char(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
}

fn check(position: &Position, s: &str) -> Result<(), TestCaseError> {
    let (doc, path) = document(position, s);
    let root: Root = serde_json::from_value(doc).expect("the document deserializes");
    let built = Twiml::build(root);
    let codes: Vec<&str> = match &built {
        Err(e) => e.errors().map(|d| d.code.code()).collect(),
        Ok(_) => Vec::new(),
    };
    if has_non_xml_char(s) {
        prop_assert!(
            codes.contains(&"TW0005") || codes.contains(&"TW0007"),
            "{position:?} {s:?}: {codes:?}"
        );
        return Ok(());
    }
    prop_assert!(!codes.contains(&"TW0005"), "{position:?} {s:?}");
    let Ok(twiml) = built else {
        return Ok(());
    };
    for options in [RenderOptions::new(), RenderOptions::new().pretty(2)] {
        let xml = twiml.to_xml_with(&options);
        let tree = canonical(&xml, Whitespace::Exact)
            .map_err(|e| TestCaseError::fail(format!("{position:?} {s:?}: {e}\n{xml}")))?;
        let element = element_at(&tree, &path);
        let Node::Element {
            attributes,
            children,
            ..
        } = element
        else {
            unreachable!()
        };
        match position {
            Position::Attribute(_, name) => {
                prop_assert_eq!(attributes.get(*name).map(String::as_str), Some(s));
            }
            Position::Text(id) if id.spec().children.is_empty() => {
                prop_assert_eq!(text_of(element), s);
            }
            Position::Text(_) => {
                prop_assert_eq!(children.first().map(text_of).unwrap_or_default(), s);
            }
            Position::CustomAttributeValue => {
                prop_assert_eq!(attributes.get("extra").map(String::as_str), Some(s));
            }
            Position::CustomAttributeName => {
                prop_assert_eq!(attributes.get(s).map(String::as_str), Some("v"));
            }
            Position::CustomElementText => {
                let extra = children
                    .iter()
                    .find(|c| matches!(c, Node::Element { name, .. } if name == "Extra"));
                prop_assert_eq!(extra.map(text_of).unwrap_or_default(), s);
            }
            Position::Comment => {
                prop_assert!(!s.contains("--") && !s.ends_with('-'));
            }
        }
    }
    Ok(())
}

fn tricky_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ./:?=_-]{0,6}",
        2 => prop::sample::select(vec![
            "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "]]>", "--", "&amp;", "&#10;",
            "<Say>", "\"/><Record action=\"x\"/>", "é", "ñ", "😀", "\u{2028}", "\u{85}",
            "\u{FFFD}", "\u{1F}", "\u{0}", "\u{7}", "\u{B}", "\u{FFFE}", "\u{FFFF}", "-",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn no_string_makes_malformed_xml(
        position in prop::sample::select(positions()),
        s in tricky_string(),
    ) {
        check(&position, &s)?;
    }
}

#[test]
fn every_position_round_trips_the_nastiest_valid_string() {
    // Valid everywhere text is free-form; positions with a grammar refuse it, which is fine.
    let nasty = "Tom & Jerry <say> \"hi\" & 'bye' ]]> \t tab \n lf \r cr \r\n crlf é 😀";
    for position in positions() {
        check(&position, nasty).unwrap();
    }
}

#[test]
fn each_forbidden_character_is_refused_at_every_position() {
    for c in [
        '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
    ] {
        let s = format!("a{c}b");
        for position in positions() {
            check(&position, &s).unwrap();
        }
    }
}

#[test]
fn builder_methods_escape_what_they_are_given() {
    let nasty = "a & b < c > d \" e ' f \t g \n h \r i";
    let mut response = VoiceResponse::new();
    response.say(nasty).voice(nasty);
    response.play(nasty);
    response.redirect(nasty);
    response
        .custom_element("Extra")
        .attribute("value", nasty)
        .text(nasty);
    let error = response.build().unwrap_err();
    // The voice, and the URLs with spaces, break their grammar; escaping never comes into it.
    assert!(error.errors().all(|d| d.code == "TW0105"), "{error}");

    let mut response = VoiceResponse::new();
    response.say(nasty).custom_attribute("note", nasty);
    response
        .custom_element("Extra")
        .attribute("value", nasty)
        .text(nasty);
    let xml = response.build().unwrap().to_xml();
    assert!(xml.contains(
        "<Say note=\"a &amp; b &lt; c &gt; d &quot; e ' f &#9; g &#10; h &#13; i\">a &amp; b &lt; c &gt; d \" e ' f \t g \n h &#13; i</Say>"
    ), "{xml}");
    let tree = canonical(&xml, Whitespace::Exact).unwrap();
    assert_eq!(text_of(element_at(&tree, &["Say"])), nasty);
}
