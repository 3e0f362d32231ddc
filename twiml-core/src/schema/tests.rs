//! The table checks itself: every invariant the rest of the crate relies on.

use std::collections::HashSet;

use super::*;
use crate::grammar;

/// Rust keywords that cannot be used as field or method names.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "yield",
];

/// Methods every generated element may have besides its attribute setters and child methods.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "text",
    "push",
    "comment",
    "custom_element",
    "custom_attribute",
    "build",
    "render",
    "extend",
];

/// Keys the JSON form uses besides attribute names.
const RESERVED_JSON_KEYS: &[&str] = &["text", "children", "customAttributes"];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&s)
}

#[test]
fn holds_the_whole_vocabulary() {
    assert_eq!(ELEMENTS.len(), 67);
    let count = |d: Dialect| ELEMENTS.iter().filter(|e| e.dialect == d).count();
    assert_eq!(count(Dialect::Voice), 60);
    assert_eq!(count(Dialect::Messaging), 5);
    assert_eq!(count(Dialect::Fax), 2);
    let ssml = ELEMENTS
        .iter()
        .filter(|e| e.kind == ElementKind::Ssml)
        .count();
    assert_eq!(ssml, 10);
    let attributes: usize = ELEMENTS.iter().map(|e| e.attributes.len()).sum();
    assert_eq!(attributes, 315);
}

#[test]
fn ids_index_the_table() {
    for (i, e) in ELEMENTS.iter().enumerate() {
        assert_eq!(e.id as usize, i, "{} is out of place", e.name);
        assert!(std::ptr::eq(e.id.spec(), e));
    }
}

#[test]
fn every_element_is_documented_and_named_well() {
    let mut types = HashSet::new();
    for e in &ELEMENTS {
        assert!(!e.summary.trim().is_empty(), "{} has no summary", e.name);
        assert!(grammar::is_xml_name(e.name), "{}", e.name);
        assert!(
            types.insert((e.dialect, e.rust_type)),
            "two elements of one dialect are both `{}`",
            e.rust_type
        );
        if e.kind == ElementKind::Root {
            assert_eq!(e.name, "Response");
            assert!(e.method.is_empty());
        } else {
            assert!(
                is_identifier(e.method),
                "{} has method `{}`",
                e.name,
                e.method
            );
        }
        if e.text.presence != TextPresence::None {
            assert!(
                e.text.summary.starts_with(char::is_lowercase),
                "{}: the text summary is a lowercase noun phrase",
                e.name
            );
        }
    }
}

#[test]
fn every_element_but_the_roots_has_a_parent_in_its_dialect() {
    for e in &ELEMENTS {
        let parents: Vec<_> = e.parents().collect();
        if e.kind == ElementKind::Root {
            assert!(parents.is_empty(), "{} is a root with a parent", e.name);
        } else {
            assert!(!parents.is_empty(), "{} has no parent", e.name);
        }
        for p in parents {
            assert_eq!(
                p.dialect, e.dialect,
                "{} is a child across dialects",
                e.name
            );
        }
    }
}

#[test]
fn children_are_listed_once_and_their_names_resolve() {
    for e in &ELEMENTS {
        let mut seen = HashSet::new();
        let mut names = HashSet::new();
        for &c in e.children {
            assert!(seen.insert(c), "{} lists {:?} twice", e.name, c);
            // One name may mean two elements (`<Sip>`), but never within one parent.
            assert!(
                names.insert(c.spec().name),
                "{} has two `{}`",
                e.name,
                c.spec().name
            );
            assert_eq!(lookup(e.dialect, c.spec().name, Some(e.id)), Some(c));
        }
        for limit in e.child_limits {
            assert!(
                e.allows_child(limit.child),
                "{} limits a child it cannot hold",
                e.name
            );
            assert!(limit.min <= limit.max);
        }
    }
}

#[test]
fn attributes_are_unique_documented_and_nameable() {
    for e in &ELEMENTS {
        assert!(
            e.attributes.len() <= 64,
            "the checks track at most 64 attributes"
        );
        let mut names = HashSet::new();
        let mut rust_names = HashSet::new();
        let child_methods: HashSet<&str> = e.children.iter().map(|c| c.spec().method).collect();
        for a in e.attributes {
            assert!(names.insert(a.name), "{}@{} is repeated", e.name, a.name);
            for alias in a.aliases {
                assert!(names.insert(alias), "{}@{alias} is repeated", e.name);
            }
            assert!(
                rust_names.insert(a.rust_name),
                "{}.{} is repeated",
                e.name,
                a.rust_name
            );
            assert!(
                is_identifier(a.rust_name),
                "`{}` is not a Rust name",
                a.rust_name
            );
            assert!(
                !child_methods.contains(a.rust_name),
                "{}: setter `{}` collides with a child method",
                e.name,
                a.rust_name
            );
            assert!(
                !RESERVED_METHODS.contains(&a.rust_name),
                "{}: `{}` is reserved",
                e.name,
                a.rust_name
            );
            assert!(
                !RESERVED_JSON_KEYS.contains(&a.name),
                "{}@{} collides with a JSON key",
                e.name,
                a.name
            );
            assert!(
                !a.summary.trim().is_empty(),
                "{}@{} has no summary",
                e.name,
                a.name
            );
            assert!(
                !(a.required && a.default != DefaultValue::None),
                "{}@{} is required and has a default",
                e.name,
                a.name
            );
        }
        for m in &child_methods {
            assert!(
                !RESERVED_METHODS.contains(m),
                "{}: `{m}` is reserved",
                e.name
            );
        }
    }
}

#[test]
fn defaults_satisfy_their_own_kind() {
    for e in &ELEMENTS {
        for a in e.attributes {
            if let DefaultValue::Value(v) = a.default {
                let problem = grammar::check_text(&a.kind, v);
                assert!(
                    problem.is_none(),
                    "{}@{} default `{v}`: {problem:?}",
                    e.name,
                    a.name
                );
            }
        }
    }
}

#[test]
fn enumerated_values_are_unique_and_need_no_escaping() {
    let mut sets = 0;
    let mut values = 0;
    let mut seen: Vec<*const EnumSpec> = Vec::new();
    for e in &ELEMENTS {
        for a in e.attributes {
            let (ValueKind::Enum(set) | ValueKind::EnumList(set)) = a.kind else {
                continue;
            };
            if seen.contains(&(set as *const _)) {
                continue;
            }
            seen.push(set);
            sets += 1;
            values += set.values.len();
            let mut unique = HashSet::new();
            for v in set.values {
                assert!(unique.insert(v), "{} lists `{v}` twice", set.rust_name);
                // The lookup finds every value, and not a value one letter longer or shorter.
                assert!(set.contains(v), "{} does not find `{v}`", set.rust_name);
                assert!(!set.contains(&format!("{v}x")), "{}: `{v}x`", set.rust_name);
                let shorter = &v[..v.char_indices().last().map_or(0, |(i, _)| i)];
                assert_eq!(set.contains(shorter), set.values.contains(&shorter));
                assert!(
                    !v.contains(['&', '<', '>', '"', '\'']) && !v.chars().any(char::is_whitespace),
                    "{}: `{v}` would need escaping",
                    set.rust_name
                );
                if let Some(family) = set.open {
                    assert!(
                        grammar::fits_family(family, v),
                        "{}: listed `{v}` does not fit its family",
                        set.rust_name
                    );
                }
            }
            for (old, new) in set.legacy {
                assert!(
                    set.contains(new),
                    "{}: legacy `{old}` means an unknown value",
                    set.rust_name
                );
                assert!(!set.contains(old));
            }
        }
    }
    assert_eq!(sets, 43);
    assert_eq!(values, 1362);
}

#[test]
fn lookup_resolves_names_by_dialect_and_parent() {
    assert_eq!(lookup(Dialect::Voice, "Say", None), Some(ElementId::Say));
    assert_eq!(lookup(Dialect::Messaging, "Say", None), None);
    assert_eq!(
        lookup(Dialect::Messaging, "Redirect", None),
        Some(ElementId::MessagingRedirect)
    );
    assert_eq!(
        lookup(Dialect::Voice, "Sip", Some(ElementId::Dial)),
        Some(ElementId::Sip)
    );
    assert_eq!(
        lookup(Dialect::Voice, "Sip", Some(ElementId::Refer)),
        Some(ElementId::ReferSip)
    );
    assert_eq!(lookup(Dialect::Voice, "say", None), None);
}

/// Compares the table with the vocabulary file of the shared specification, when it is beside
/// the project: every element with its parents and children, every attribute, every value.
#[test]
fn matches_the_vocabulary_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/spec/twiml-vocabulary.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is not present");
        return;
    };
    let vocabulary: serde_json::Value = serde_json::from_str(&text).expect("vocabulary parses");
    let elements = vocabulary["elements"].as_object().expect("elements");
    assert_eq!(elements.len(), ELEMENTS.len());
    for (id, element) in elements {
        let dialect = match id.split(':').next() {
            Some("voice") => Dialect::Voice,
            Some("messaging") => Dialect::Messaging,
            _ => Dialect::Fax,
        };
        let name = element["xml"].as_str().unwrap();
        let parents: Vec<&str> = element["parents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let spec = ELEMENTS
            .iter()
            .find(|e| {
                e.dialect == dialect
                    && e.name == name
                    && (parents.is_empty() || e.parents().count() == parents.len())
                    && e.parents().all(|p| {
                        parents.iter().any(|q| {
                            q.ends_with(&format!(":{}", p.name))
                                || q.ends_with(&format!(":{}", p.rust_type))
                        })
                    })
            })
            .unwrap_or_else(|| panic!("{id} is not in the table"));
        let children: Vec<&str> = element["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| elements[c.as_str().unwrap()]["xml"].as_str().unwrap())
            .collect();
        let table_children: Vec<&str> = spec.children.iter().map(|c| c.spec().name).collect();
        assert_eq!(table_children, children, "children of {id}");
        let text = element["text"].as_str().unwrap();
        let presence = match text {
            "none" => TextPresence::None,
            "optional" => TextPresence::Optional,
            _ => TextPresence::Required,
        };
        assert_eq!(spec.text.presence, presence, "text of {id}");
        assert_eq!(
            spec.text.mixed,
            element["mixed_content"].as_bool().unwrap_or(false),
            "mixed content of {id}"
        );
        let attributes = element["attributes"].as_object().unwrap();
        assert_eq!(
            spec.attributes.len(),
            attributes.len(),
            "attributes of {id}"
        );
        for (name, a) in attributes {
            let table = spec
                .attributes
                .iter()
                .find(|t| t.name == name)
                .unwrap_or_else(|| panic!("{id}@{name} is not in the table"));
            assert_eq!(
                table.required,
                a["required"].as_bool().unwrap_or(false),
                "{id}@{name} required"
            );
            let values = a["values"]
                .as_array()
                .or_else(|| a["item"]["values"].as_array())
                .or_else(|| a["known_values"].as_array());
            if let Some(values) = values {
                let values: Vec<&str> = values.iter().map(|v| v.as_str().unwrap()).collect();
                let (ValueKind::Enum(set) | ValueKind::EnumList(set)) = table.kind else {
                    panic!("{id}@{name} should be enumerated");
                };
                // Every value of the vocabulary is in the table; the table may add values
                // that Twilio documents but the helper libraries lack.
                for v in &values {
                    assert!(set.contains(v), "{id}@{name} lacks `{v}`");
                }
            }
            match (&table.kind, a["min"].as_u64(), a["max"].as_u64()) {
                (ValueKind::Integer { min, max }, Some(lo), hi) => {
                    assert_eq!(u64::from(*min), lo, "{id}@{name} min");
                    assert_eq!(max.map(u64::from), hi, "{id}@{name} max");
                }
                (ValueKind::Integer { .. }, None, _) => {}
                (_, Some(_), _) if a["type"] == "integer" => {
                    panic!("{id}@{name} should be an integer")
                }
                _ => {}
            }
        }
    }
}

#[test]
fn keywords_held_as_speech_timeout_are_its_keyword() {
    // The model holds every number-or-keyword value as a `SpeechTimeout`, whose keyword is
    // `auto`; a table keyword other than that would not survive a round trip.
    for e in &ELEMENTS {
        for a in e.attributes {
            if let ValueKind::IntegerOrKeyword { keyword, .. } = a.kind {
                assert_eq!(
                    keyword,
                    crate::SpeechTimeout::AUTO,
                    "`{}` on `<{}>`",
                    a.name,
                    e.name
                );
            }
        }
    }
}

#[test]
fn a_handle_finds_its_attribute_in_every_row_that_has_it_and_in_no_other() {
    // The names are in byte order with none twice: handles order as their names do, and the
    // search below finds each name's handle.
    assert!(attr::NAMES.windows(2).all(|w| w[0] < w[1]));
    let mut seen = 0;
    for (number, &name) in attr::NAMES.iter().enumerate() {
        let handle = Attr::new(number as u16);
        assert_eq!(handle.name(), name);
        for e in &ELEMENTS {
            let expected = e.attributes.iter().position(|a| a.name == name);
            assert_eq!(handle.position_on(e.id), expected, "{name} on <{}>", e.name);
            assert_eq!(
                handle.on(e.id).map(|a| a.name),
                expected.map(|_| name),
                "{name} on <{}>",
                e.name
            );
            seen += usize::from(expected.is_some());
        }
    }
    // Every attribute of every row was found by its handle.
    assert_eq!(
        seen,
        ELEMENTS.iter().map(|e| e.attributes.len()).sum::<usize>()
    );
    for e in &ELEMENTS {
        for (i, a) in e.attributes.iter().enumerate() {
            let number = attr::NAMES
                .binary_search(&a.name)
                .expect("every name has a handle");
            let handle = Attr::new(number as u16);
            assert_eq!(handle.name(), a.name);
            assert_eq!(handle.position_on(e.id), Some(i));
        }
    }
    assert_eq!(attr::NUM_DIGITS.name(), "numDigits");
    assert_eq!(format!("{:?}", attr::XML_LANG), r#"Attr("xml:lang")"#);
    assert!(attr::ACTION < attr::NUM_DIGITS && attr::NUM_DIGITS < attr::XML_LANG);
}
