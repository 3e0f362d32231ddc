//! Every element of the table, with every one of its attributes set, built, rendered,
//! read back by an independent parser, and sent through JSON and back.

mod common;

use common::{Node, Whitespace, canonical, document_with, element_json, path_to, structure_only};
use serde_json::Value as Json;
use twiml::schema::{ELEMENTS, TextPresence};
use twiml::{RenderOptions, Root, Twiml};

fn as_attribute(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Array(items) => items.iter().map(as_attribute).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// The element at the end of `names` below the root, always the last child of that name.
fn descend<'a>(mut node: &'a Node, names: &[&str]) -> &'a Node {
    for name in names {
        let Node::Element { children, .. } = node else {
            panic!("text on the path")
        };
        node = children
            .iter()
            .rev()
            .find(|c| matches!(c, Node::Element { name: n, .. } if n == name))
            .unwrap_or_else(|| panic!("no `{name}`"));
    }
    node
}

#[test]
fn every_element_sets_every_attribute() {
    for spec in &ELEMENTS {
        let document = document_with(spec.id, |s| element_json(s, true));
        let root: Root = serde_json::from_value(document.clone())
            .unwrap_or_else(|e| panic!("{}: {e}\n{document:#}", spec.name));
        let twiml = Twiml::build_with(root, &structure_only())
            .unwrap_or_else(|e| panic!("{} does not build: {e}", spec.name));
        assert!(
            twiml.warnings().is_empty(),
            "{}: {:?}",
            spec.name,
            twiml.warnings()
        );
        let xml = twiml.to_xml_with(&RenderOptions::new().pretty(2));

        // Read back with quick-xml: every attribute is there with its value.
        let tree = canonical(&xml, Whitespace::IgnoreIndentation).expect("well-formed");
        let path = path_to(spec.id);
        let names: Vec<&str> = path[1..].iter().map(|id| id.spec().name).collect();
        let Node::Element {
            attributes,
            children,
            ..
        } = descend(&tree, &names)
        else {
            unreachable!()
        };
        let expected = element_json(spec, true);
        assert_eq!(
            attributes.len(),
            spec.attributes.len(),
            "{}: attributes written: {:?}",
            spec.name,
            attributes.keys()
        );
        for a in spec.attributes {
            assert_eq!(
                attributes.get(a.name),
                Some(&as_attribute(&expected[a.name])),
                "{}@{}",
                spec.name,
                a.name
            );
        }
        if spec.text.presence != TextPresence::None && spec.children.is_empty() {
            assert_eq!(
                children,
                &vec![Node::Text(as_attribute(&expected["text"]))],
                "text of {}",
                spec.name
            );
        }

        // JSON round trip: the same document, and the same response.
        let json = serde_json::to_value(&twiml).unwrap();
        assert_eq!(json, document, "JSON of {}", spec.name);
        let back: Root = serde_json::from_value(json).unwrap();
        assert_eq!(&back, twiml.root());

        let name = format!("{}_{}", spec.dialect.as_str(), spec.rust_type);
        insta::assert_snapshot!(name, xml);
    }
}
