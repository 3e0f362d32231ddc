//! The typed attribute handles of `twiml-core` (`schema::attr`): one constant per attribute
//! name of the table, so that code naming an attribute cannot misspell it.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use twiml_schema::ELEMENTS;

use crate::inner_doc;

/// The constant's name for an XML attribute name: its words in upper case, joined by `_`
/// (`numDigits` is `NUM_DIGITS`, `xml:lang` is `XML_LANG`, `interpret-as` is `INTERPRET_AS`).
pub(crate) fn const_name(xml: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in xml.chars() {
        if !c.is_ascii_alphanumeric() {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_uppercase());
    }
    out
}

pub(crate) fn file() -> TokenStream {
    // Every attribute name, with the elements that have it, by constant name.
    let mut names: BTreeMap<String, (&'static str, Vec<&'static str>)> = BTreeMap::new();
    for element in &ELEMENTS {
        for a in element.attributes {
            let entry = names
                .entry(const_name(a.name))
                .or_insert_with(|| (a.name, Vec::new()));
            assert_eq!(
                entry.0,
                a.name,
                "the attributes `{}` and `{}` would both be `attr::{}`",
                entry.0,
                a.name,
                const_name(a.name)
            );
            if !entry.1.contains(&element.name) {
                entry.1.push(element.name);
            }
        }
    }
    let title = inner_doc(
        "One handle per attribute name of the element table: `doc.attribute(node, attr::NUM_DIGITS)`.",
    );
    // A handle's number is its name's place among the names in byte order, so that handles
    // order as their names do (`Attr` derives its order from the number).
    let mut xml_names: Vec<&'static str> = names.values().map(|(xml, _)| *xml).collect();
    xml_names.sort_unstable();
    let constants = names.iter().map(|(name, (xml, elements))| {
        let ident = format_ident!("{name}");
        let on: Vec<String> = elements.iter().map(|e| format!("`<{e}>`")).collect();
        let doc = format!(" `{xml}`, on {}.", on.join(", "));
        let number = xml_names
            .binary_search(xml)
            .expect("every name is in the list of names");
        let number = proc_macro2::Literal::u16_unsuffixed(
            u16::try_from(number).expect("fewer than 65,536 attribute names"),
        );
        quote! {
            #[doc = #doc]
            pub const #ident: Attr = Attr::new(#number);
        }
    });
    let count = proc_macro2::Literal::usize_unsuffixed(xml_names.len());
    // For each name, in the order of `NAMES`, the elements that have it with its position in
    // their rows.
    let rows = xml_names.iter().map(|name| {
        let places = ELEMENTS.iter().filter_map(|e| {
            let position = e.attributes.iter().position(|a| a.name == *name)?;
            let id = crate::model::id_ident(e.id);
            let position = proc_macro2::Literal::u8_unsuffixed(
                u8::try_from(position).expect("fewer than 256 attributes in a row"),
            );
            Some(quote!((ElementId::#id, #position)))
        });
        quote!(&[#(#places),*])
    });
    quote! {
        #title
        use super::{Attr, ElementId};

        #(#constants)*

        /// Every attribute name of the table, in byte order: a handle is its name's place here.
        pub(crate) const NAMES: [&str; #count] = [#(#xml_names),*];

        /// For each handle, by its place in `NAMES`, the elements whose rows have it, each with
        /// its position in the row.
        pub(crate) static ROWS: [&[(ElementId, u8)]; #count] = [#(#rows),*];
    }
}

#[cfg(test)]
mod tests {
    use super::const_name;

    #[test]
    fn constant_names_follow_the_words_of_the_xml_name() {
        assert_eq!(const_name("numDigits"), "NUM_DIGITS");
        assert_eq!(const_name("xml:lang"), "XML_LANG");
        assert_eq!(const_name("interpret-as"), "INTERPRET_AS");
        assert_eq!(const_name("statusCallbackEvent"), "STATUS_CALLBACK_EVENT");
        assert_eq!(const_name("for"), "FOR");
        assert_eq!(const_name("loop"), "LOOP");
    }
}
