//! The canonical form of a document (`twiml fmt`), written from its parse tree, so that any
//! document that parses can be formatted, whatever the checks say about it.
//!
//! Formatting changes how a document is written, never what it says:
//!
//! - Element-only content is laid out by the writer: its whitespace-only text is indentation,
//!   dropped and written again (one element or comment a line, `indent` spaces a level, or
//!   one line). Content that holds text is written exactly as it is, whitespace included,
//!   since Twilio speaks or reads it: the content of elements that hold text (`<Say>`,
//!   `<Play>`, `<Number>`...), of elements that should hold none but do, and everything
//!   inside them.
//! - Attributes the table knows come first, in the order of their names, as the typed model
//!   writes them, under their documented name where the document used another spelling;
//!   attributes it does not know follow, in document order.
//! - Values and text are kept as they are; entity and character references are resolved and
//!   escaping is written anew by the renderer. An element without content is self-closed.
//! - Comments stay where they are, before and after the root element too.
//!
//! The canonical form of a canonical document is itself.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::parse::{ByteSpan, ParseOptions, ParsedDocument, parse};
use crate::render::{RenderOptions, Writer};
use crate::schema::TextPresence;
use crate::tree::{Attribute, Content, Document, Tag, Value};

/// Writes `source` in its canonical form, as `twiml fmt` does: elements,
/// attributes, text and comments as the document has them, laid out anew. Every document
/// that parses can be formatted, including one that breaks a structural check or a rule:
/// formatting runs no check.
///
/// ```
/// use twiml::{ParseOptions, RenderOptions, format_document};
///
/// let source = "<Response><Gather numDigits='1'   action='/menu'><Say>Press 1</Say></Gather></Response>";
/// let formatted =
///     format_document(source, &ParseOptions::default(), &RenderOptions::new().pretty(2))
///         .unwrap();
/// assert_eq!(
///     formatted,
///     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <Gather action=\"/menu\" numDigits=\"1\">\n    <Say>Press 1</Say>\n  </Gather>\n</Response>\n"
/// );
/// ```
///
/// # Errors
///
/// The diagnostic that stopped parsing, when `source` is not a well-formed document within
/// the parser's bounds (see [`parse`]).
pub fn format_document(
    source: &str,
    parse_options: &ParseOptions,
    render: &RenderOptions,
) -> Result<String, Diagnostic<ByteSpan>> {
    let document = parse(source, parse_options)?;
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let written = write_document(&document, render, &mut out);
    // Writing into a String cannot fail.
    debug_assert!(written.is_ok());
    Ok(out)
}

fn write_document(
    document: &ParsedDocument<'_>,
    render: &RenderOptions,
    out: &mut String,
) -> fmt::Result {
    let mut w = Writer::new(out, render)?;
    for (comment, _) in document.prolog_comments() {
        w.comment(comment)?;
    }
    element(document, document.root(), false, &mut w)?;
    for (comment, _) in document.epilog_comments() {
        w.comment(comment)?;
    }
    w.finish()
}

/// Writes `node` and its content. `inline` is whether it sits in content written exactly.
fn element(
    doc: &ParsedDocument<'_>,
    node: u32,
    inline: bool,
    w: &mut Writer<'_, String>,
) -> fmt::Result {
    let name = doc.name(node);
    w.start(name)?;
    attributes(doc, node, w)?;
    let holds_text = match doc.tag(node) {
        Tag::Known(id) => {
            let text = id.spec().text;
            text.presence != TextPresence::None && !text.or_children
        }
        Tag::Custom(_) | Tag::Unknown(_) => false,
    };
    let element_only = !inline
        && !holds_text
        && doc.children(node).all(|item| match item {
            Content::Text(t) => t.trim().is_empty(),
            _ => true,
        });
    let mut content = doc
        .children(node)
        .filter(|item| !(element_only && matches!(item, Content::Text(_))))
        .peekable();
    if content.peek().is_none() {
        return w.end_empty();
    }
    let restore = w.open(element_only)?;
    for item in content {
        match item {
            Content::Element(child) => element(doc, child, !element_only, w)?,
            Content::Text(t) => w.text(t)?,
            Content::Comment(c) => w.comment(c)?,
            // A parsed document has no run-time content.
            Content::Runtime => {}
        }
    }
    w.close(name, restore)
}

/// Writes the attributes of `node`: those the table knows in the order of their names, under
/// their documented names, then the others in document order.
fn attributes(doc: &ParsedDocument<'_>, node: u32, w: &mut Writer<'_, String>) -> fmt::Result {
    let all: Vec<Attribute<'_>> = doc.attributes(node).collect();
    let mut ordered: Vec<&Attribute<'_>> = all.iter().collect();
    // A stable sort: the unknown attributes keep their order.
    ordered.sort_by_key(|a| a.spec.map_or((1, ""), |spec| (0, spec.name)));
    for a in ordered {
        // An alias is renamed, unless the documented name is there too: two attributes of
        // one name would not parse.
        let documented = a.spec.map(|spec| spec.name).filter(|&documented| {
            all.iter()
                .filter(|b| b.spec.is_some_and(|s| s.name == documented))
                .count()
                == 1
        });
        let value = match a.value {
            Value::Text(text) => text,
            // A parsed attribute's value is its text.
            _ => "",
        };
        w.attr(documented.unwrap_or(a.name), value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(source: &str) -> String {
        let render = RenderOptions::new().xml_declaration(false).pretty(2);
        let out = format_document(source, &ParseOptions::default(), &render).unwrap();
        let again = format_document(&out, &ParseOptions::default(), &render).unwrap();
        assert_eq!(again, out, "the canonical form is a fixed point");
        out
    }

    #[test]
    fn lays_out_element_only_content_and_keeps_text() {
        assert_eq!(
            pretty(
                "<Response>\n\n<Gather   input='dtmf'><Say voice='alice'>  Press <emphasis>one</emphasis> </Say>\n<!-- menu --><Pause/></Gather>   </Response>"
            ),
            "<Response>\n  <Gather input=\"dtmf\">\n    <Say voice=\"alice\">  Press <emphasis>one</emphasis> </Say>\n    <!-- menu -->\n    <Pause/>\n  </Gather>\n</Response>\n"
        );
    }

    #[test]
    fn formats_documents_with_structural_errors_without_losing_anything() {
        // A `<Dial>` inside `<Gather>` (TW0104), an unknown element and attribute, text where
        // none belongs (TW0109), a value out of its grammar (TW0105).
        let source = "<Response><Gather><Dial record='yes'>+14155550100</Dial></Gather>\n<Sya  lagnauge='fr'>Bonjour</Sya><Hangup>now</Hangup>\n<Foo>\n <Bar/>\n</Foo></Response>";
        assert_eq!(
            pretty(source),
            "<Response>\n  <Gather>\n    <Dial record=\"yes\">+14155550100</Dial>\n  </Gather>\n  <Sya lagnauge=\"fr\">Bonjour</Sya>\n  <Hangup>now</Hangup>\n  <Foo>\n    <Bar/>\n  </Foo>\n</Response>\n"
        );
    }

    #[test]
    fn text_where_only_elements_belong_keeps_its_whitespace() {
        assert_eq!(
            pretty("<Response>\n  oops\n  <Say>Hi</Say>\n</Response>"),
            "<Response>\n  oops\n  <Say>Hi</Say>\n</Response>\n"
        );
    }

    #[test]
    fn known_attributes_first_in_name_order_then_the_others_as_written() {
        assert_eq!(
            pretty(
                "<Response><Gather zeta='1' timeout='5' alpha='2' action='/a' numDigits='1'/></Response>"
            ),
            "<Response>\n  <Gather action=\"/a\" numDigits=\"1\" timeout=\"5\" zeta=\"1\" alpha=\"2\"/>\n</Response>\n"
        );
    }

    #[test]
    fn aliases_take_the_documented_name_unless_it_is_there_too() {
        assert_eq!(
            pretty(
                "<Response><Connect><ConversationRelay url='wss://x.test/r' speechtimeout='5' backgroundnoisereduction='true' speechTimeout='3'/></Connect></Response>"
            ),
            "<Response>\n  <Connect>\n    <ConversationRelay backgroundNoiseReduction=\"true\" speechtimeout=\"5\" speechTimeout=\"3\" url=\"wss://x.test/r\"/>\n  </Connect>\n</Response>\n"
        );
    }

    #[test]
    fn escaping_is_written_anew() {
        let render = RenderOptions::new().xml_declaration(false);
        let out = format_document(
            "<Response><Say>a &amp; b &#60; c &gt; d &quot;e&quot;</Say><Redirect method=\"POST\">/next?a=1&amp;b=2</Redirect><Play digits='w1'><![CDATA[https://x.test/a.mp3?x=<1>]]></Play></Response>",
            &ParseOptions::default(),
            &render,
        )
        .unwrap();
        assert_eq!(
            out,
            "<Response><Say>a &amp; b &lt; c &gt; d \"e\"</Say><Redirect method=\"POST\">/next?a=1&amp;b=2</Redirect><Play digits=\"w1\">https://x.test/a.mp3?x=&lt;1&gt;</Play></Response>"
        );
    }

    #[test]
    fn only_what_does_not_parse_is_refused() {
        let error = format_document(
            "<Response><Say>Hi</Response>",
            &ParseOptions::default(),
            &RenderOptions::new(),
        )
        .unwrap_err();
        assert_eq!(error.code, "TW0001");
    }
}
