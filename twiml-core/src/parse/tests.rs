use super::*;
use crate::diagnostic::Severity;

fn parse_ok(source: &str) -> ParsedDocument<'_> {
    parse(source, &ParseOptions::default()).unwrap_or_else(|d| panic!("{d:?}"))
}

fn parse_err(source: &str) -> Diagnostic<ByteSpan> {
    match parse(source, &ParseOptions::default()) {
        Ok(_) => panic!("the source should be refused: {:.80}", source),
        Err(d) => d,
    }
}

fn text_of(doc: &ParsedDocument<'_>, node: u32) -> String {
    doc.children(node)
        .map(|c| match c {
            Content::Text(t) => t.to_string(),
            Content::Element(e) => text_of(doc, e),
            Content::Comment(_) | Content::Runtime => String::new(),
        })
        .collect()
}

#[test]
fn reads_references_cdata_and_comments() {
    let doc = parse_ok(
        "<Response><Say>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;<![CDATA[ <raw> & ]]><!-- note --></Say></Response>",
    );
    assert_eq!(text_of(&doc, 1), "a & b <c> \"d\" 'e' AB <raw> & ");
    let comments: Vec<&str> = doc
        .children(1)
        .filter_map(|c| match c {
            Content::Comment(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(comments, [" note "]);
}

#[test]
fn normalises_line_ends_and_attribute_whitespace() {
    let doc =
        parse_ok("<Response><Say a=\"x&#10;y\" b=\"p\nq\">one\r\ntwo\rthree&#13;</Say></Response>");
    assert_eq!(text_of(&doc, 1), "one\ntwo\nthree\r");
    let values: Vec<String> = doc
        .attributes(1)
        .map(|a| match a.value {
            Value::Text(t) => t.to_string(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(values, ["x\ny", "p q"]);
}

#[test]
fn locates_names_values_and_text() {
    let source =
        "<Response>\n  <Gather timeout=\"0\">\n    <Say>Hi</Say>\n  </Gather>\n</Response>";
    let doc = parse_ok(source);
    let path = Path::new();
    let gather = 1;
    let name = doc.locate(gather, &path, Part::Element);
    assert_eq!(&source[name.range()], "Gather");
    let value = doc.locate(gather, &path, Part::Attribute("timeout"));
    assert_eq!(&source[value.range()], "0");
    let attribute = doc.locate(gather, &path, Part::AttributeName("timeout"));
    assert_eq!(&source[attribute.range()], "timeout");
    let lines = LineIndex::new(source);
    assert_eq!(lines.location(value.start as usize), (2, 20));
    assert_eq!(lines.location(0), (1, 1));
    assert_eq!(lines.location(source.len()), (5, 12));
}

#[test]
fn columns_count_characters() {
    let source = "<Response><Say>ñé😀 <x/></Say></Response>";
    let doc = parse_ok(source);
    let x = doc.locate(2, &Path::new(), Part::Element);
    assert_eq!(LineIndex::new(source).location(x.start as usize), (1, 21));
}

#[test]
fn the_declaration_is_optional_but_must_come_first() {
    parse_ok("<Response/>");
    parse_ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    parse_ok("\u{FEFF}<?xml version=\"1.0\"?><Response/>");
    let d = parse_err("  <?xml version=\"1.0\"?><Response/>");
    assert_eq!(d.code, "TW0001");
    assert!(d.message.contains("declaration"), "{}", d.message);
}

#[test]
fn refuses_doctypes_and_unknown_entities() {
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Say>&x;</Say></Response>";
    assert_eq!(parse_err(xxe).code, "TW0002");
    let laughs =
        "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><Response>&b;</Response>";
    assert_eq!(parse_err(laughs).code, "TW0002");
    let d = parse_err("<Response><Say>&nbsp;</Say></Response>");
    assert_eq!(d.code, "TW0001");
    assert!(d.message.contains("&nbsp;"));
    let d = parse_err("<Response><Say a=\"&copy;\"/></Response>");
    assert_eq!(d.code, "TW0001");
}

#[test]
fn refuses_references_to_characters_xml_cannot_carry() {
    for source in [
        "<Response><Say>&#1;</Say></Response>",
        "<Response><Say>&#xFFFE;</Say></Response>",
        "<Response><Say a=\"&#0;\"/></Response>",
    ] {
        let d = parse_err(source);
        assert!(
            matches!(d.code.code(), "TW0005" | "TW0001"),
            "{source}: {d:?}"
        );
    }
}

#[test]
fn refuses_what_is_not_one_element() {
    for (source, words) in [
        ("", "no root"),
        ("<!-- only a comment -->", "no root"),
        ("hello<Response/>", "outside the root"),
        ("<Response/>bye", "outside the root"),
        ("<Response/><Response/>", "second root"),
        ("<Response><Say>", "not closed"),
        ("<Response></Say>", "mismatched"),
        ("<Response><Say a=1/></Response>", "quoted"),
        ("<Response><Say a=\"1\" a=\"2\"/></Response>", "twice"),
        ("<Response><Say>a & b</Say></Response>", "reference"),
        ("<Response><!-- a -- b --></Response>", "--"),
    ] {
        let d = parse_err(source);
        assert_eq!(d.code, "TW0001", "{source}");
        assert!(d.message.contains(words), "{source}: {}", d.message);
        assert!(d.span.end as usize <= source.len().max(1));
    }
}

#[test]
fn bounds_depth_and_size() {
    let deep = format!(
        "<Response>{}{}</Response>",
        "<x>".repeat(100_000),
        "</x>".repeat(100_000)
    );
    assert_eq!(parse_err(&deep).code, "TW0003");
    let options = ParseOptions::new().max_depth(usize::MAX);
    assert!(matches!(parse(&deep, &options), Err(d) if d.code == "TW0003"));
    let big = format!("<Response><Say>{}</Say></Response>", "a".repeat(2 << 20));
    assert_eq!(parse_err(&big).code, "TW0004");
    assert!(parse(&big, &ParseOptions::new().max_bytes(4 << 20)).is_ok());
}

#[test]
fn bytes_must_be_utf8() {
    let d = parse_bytes(
        b"<Response><Say>caf\xe9</Say></Response>",
        &ParseOptions::default(),
    )
    .unwrap_err();
    assert_eq!(d.code, "TW0001");
    assert_eq!(d.span.start, 18);
}

#[test]
fn resolves_names_by_dialect_and_place() {
    let doc = parse_ok(
        "<Response><Dial><Sip>sip:a@b.c</Sip></Dial><Refer><Sip>sip:a@b.c</Sip></Refer></Response>",
    );
    assert_eq!(doc.tag(2), Tag::Known(ElementId::Sip));
    assert_eq!(doc.tag(4), Tag::Known(ElementId::ReferSip));
    let doc = parse_ok("<Response><Message>hi</Message></Response>");
    assert_eq!(doc.dialect(), Dialect::Messaging);
    assert_eq!(doc.tag(1), Tag::Known(ElementId::Message));
    let doc = parse_ok("<Response><Receive/></Response>");
    assert_eq!(doc.dialect(), Dialect::Fax);
    let doc = parse_ok("<Response><Foo/></Response>");
    assert_eq!(doc.dialect(), Dialect::Voice);
    assert_eq!(doc.tag(1), Tag::Unknown("Foo"));
}

#[test]
fn every_finding_of_a_parsed_document_is_located_in_it() {
    let source = "<Response>\n<Gather timeout=\"x\" bogus=\"1\"><Dial>+1</Dial>words</Gather>\n<Hangup/><Say/></Response>";
    let validation = crate::validate(source, &ParseOptions::default());
    let found: Vec<(&str, &str)> = validation
        .diagnostics
        .iter()
        .map(|d| (d.code.code(), &source[d.span.range()]))
        .collect();
    assert_eq!(
        found,
        [
            ("TW0105", "x"),
            ("TW0103", "bogus"),
            ("TW0104", "Dial"),
            ("TW0105", "+1"),
            ("TW0109", "words"),
            ("TW0301", "Say"),
            ("TW0108", "Say"),
        ]
    );
    assert_eq!(validation.diagnostics[6].severity, Severity::Warning);
}

#[test]
fn columns_count_characters_on_long_lines() {
    // Long enough for several blocks of the index, with characters of every width.
    let line: String = "aé😀ñ€b".repeat(40);
    let source = format!("x\n{line}\n{line}");
    let lines = LineIndex::new(&source);
    for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let expected = (
            source[..offset].matches('\n').count() + 1,
            source[line_start..offset].chars().count() + 1,
        );
        assert_eq!(lines.location(offset), expected, "offset {offset}");
    }
}

#[test]
fn a_span_is_placed_as_its_two_ends_are() {
    let line: String = "aé😀ñ€b".repeat(30);
    for source in [format!("x\n{line}\n\n{line}"), "ab\ncd\n".repeat(40)] {
        let lines = LineIndex::new(&source);
        // Every pair of offsets up to a block and a half apart, at characters or not, in
        // order or not, and past the end.
        for start in 0..=source.len() + 2 {
            for end in start.saturating_sub(3)..=(start + 96).min(source.len() + 2) {
                assert_eq!(
                    lines.span_location(start, end),
                    (lines.location(start), lines.location(end)),
                    "{start}..{end}"
                );
            }
        }
    }
}

#[test]
fn continuation_bytes_are_counted_past_what_a_byte_holds() {
    for text in ["", "plain", "é", &"é😀".repeat(300), &"€".repeat(1000)] {
        let expected = text.len() - text.chars().count();
        assert_eq!(
            super::continuation_bytes(text.as_bytes()) as usize,
            expected
        );
    }
}

#[test]
fn continuation_bytes_of_a_short_run_agree_with_the_block_count() {
    // Every slice shorter than a block, at every byte offset (char boundary or not), over
    // characters of every width and bytes whose low bits look like continuation bytes.
    let text = "aé😀ñ€b\u{7f}\u{80}\u{bf}\u{c0}?".repeat(8);
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        for len in 0..super::BLOCK.min(bytes.len() - start + 1) {
            let run = &bytes[start..start + len];
            assert_eq!(
                super::continuation_bytes_short(run),
                super::continuation_bytes(run),
                "{start}..{}",
                start + len
            );
        }
    }
}

#[test]
fn a_repeated_attribute_is_refused_at_its_second_name() {
    let long: String = (0..20).map(|i| format!(" a{i}=\"{i}\"")).collect();
    for (source, message, name) in [
        (
            "<Response><Say voice=\"a\" loop=\"1\" voice=\"b\">x</Say></Response>".to_string(),
            "an attribute appears twice on one element",
            "voice=\"b\"",
        ),
        // The name is checked before the value that follows it.
        (
            "<Response><Say voice=\"a\" voice=b>x</Say></Response>".to_string(),
            "an attribute appears twice on one element",
            "voice=b",
        ),
        // Past the count where quick-xml's check hashes the names.
        (
            format!("<Response><Say{long} a7=\"again\">x</Say></Response>"),
            "an attribute appears twice on one element",
            "a7=\"again\"",
        ),
        (
            "<Response><Say voice=\"a\" loop=1>x</Say></Response>".to_string(),
            "an attribute value is not quoted",
            "1>",
        ),
    ] {
        let d = parse_err(&source);
        assert_eq!(d.message, message, "{source}");
        let at = source.rfind(name).expect("the name is in the source");
        assert_eq!(d.span.start as usize, at, "{source}");
    }
}

#[test]
fn the_dialect_counts_every_top_level_name_past_those_remembered() {
    // Ten names no root holds, then messaging's verbs: they outscore voice's `<Say>` and the
    // `<Redirect>` both hold only when every repeat of every name is counted.
    let unknown: String = (0..10).map(|i| format!("<X{i}/>")).collect();
    let messaging = format!(
        "<Response>{unknown}<Say>a</Say><Message>b</Message><Redirect>/c</Redirect><Message>d</Message></Response>"
    );
    assert_eq!(parse_ok(&messaging).dialect(), Dialect::Messaging);
    let voice = format!(
        "<Response>{unknown}<Message>b</Message><Say>a</Say><Play>/p</Play><Say>e</Say></Response>"
    );
    assert_eq!(parse_ok(&voice).dialect(), Dialect::Voice);
}

/// Everything the fast reading is compared on: each part of the tree, with whether each text
/// and attribute value borrows from the source.
fn dump(doc: &ParsedDocument<'_>) -> String {
    let borrowed: Vec<bool> = doc
        .attributes
        .iter()
        .map(|a| matches!(a.value, Cow::Borrowed(_)))
        .chain(doc.content.iter().filter_map(|item| match item {
            Item::Text(t, _) => Some(matches!(t, Piece::Source(_))),
            _ => None,
        }))
        .collect();
    format!("{doc:?}\n{borrowed:?}")
}

/// How the two readings of one source compared.
#[derive(Debug, Default)]
struct Comparison {
    /// The fast reading gave the same tree as quick-xml's.
    same: usize,
    /// The fast reading gave up on a document quick-xml reads.
    gave_up_on_read: usize,
    /// The fast reading gave up on a document quick-xml refuses.
    gave_up_on_refused: usize,
}

impl Comparison {
    fn total(&self) -> usize {
        self.same + self.gave_up_on_read + self.gave_up_on_refused
    }
}

/// Reads `source` both ways and panics if the fast reading accepts what quick-xml refuses,
/// or reads it otherwise.
fn compare_readings(source: &str, options: &ParseOptions, tally: &mut Comparison) {
    let slow = parse_by(source, options, false).expect("quick-xml's reading always ends");
    match (parse_by(source, options, true), slow) {
        (None, Ok(_)) => tally.gave_up_on_read += 1,
        (None, Err(_)) => tally.gave_up_on_refused += 1,
        (Some(Ok(fast)), Ok(slow)) => {
            assert_eq!(
                dump(&fast),
                dump(&slow),
                "the readings differ on {source:?}"
            );
            tally.same += 1;
        }
        (Some(Ok(_)), Err(e)) => {
            panic!("the fast reading accepts what quick-xml refuses ({e:?}): {source:?}")
        }
        (Some(Err(e)), _) => panic!("the fast reading never refuses; it gave {e:?}"),
    }
}

/// Documents on the edges of what the fast reading accepts.
const EDGE_CASES: &[&str] = &[
    "\u{FEFF}<Response/>",
    "\u{FEFF}<?xml version=\"1.0\"?>\n<Response/>",
    "<?xml?><Response/>",
    "<?xml-stylesheet href=\"a\"?><Response/>",
    "<?xml version=\"1.0\"?><?pi x?><Response/>",
    " <?xml version=\"1.0\"?><Response/>",
    "<Response><?pi?></Response>",
    "<!DOCTYPE Response><Response/>",
    "<!----><Response><!--a-b--><!--->--></Response><!-- x -->",
    "<Response><!--a--->x--></Response>",
    "<Response><!-x--></Response>",
    "<Response><![CDATA[]]><![CDATA[a]]b]>]]><![CDATA]]></Response>",
    "<Response><Say a = 'x\"y' b=\"1\"c='2'>&amp;&#65;&#x42;&#X43;&#+65;&#0;&#xD800;</Say></Response>",
    "<Response><Say a=\"&#9;\t\r\n&lt;\"/><Say b='&bogus;'/></Response>",
    "<Response><Say a=\"1\" a=\"2\"/></Response>",
    "<Response><Say a=\"<>\" /><Say/ ></Response>",
    "<Response><Say>a\r\nb\rc&amp;\r<![CDATA[\r\n]]></Say></Response>",
    "<Response></Response >",
    "<Response></Response\n>",
    "<Response></Response x>",
    "<Response></Responsex>",
    "<a:b.c-d_e/>",
    "<1a/>",
    "<Response>&amp</Response>",
    "<Response>&amp&lt;</Response>",
    "<Response>&;</Response>",
    "<Response/>text",
    "<Response/>  \n",
    "<Response/>\u{A0}",
    "\u{A0}<Response/>",
    "<Response/><Response/>",
    "</Response>",
    "<Response>",
    "",
    "<",
    "<Response",
    "<Response a",
    "<Response a=",
    "<Response a=\"",
    "<Response ><Say\t/></Response>",
    "<Response\n  voice=\"x\"\n/>",
    "<Réponse/>",
    "<Response><Say a=\"x&amp;y&lt;&gt;&quot;&apos;\" b=\"&amp\" c=\"&ampx;\"/></Response>",
    "<Response><Say a=\"&#38;&amp;\" b=\"a&amp;b\tc\" c=\"&amp;&\" d=\"&lt\"/></Response>",
    "<Response><Say>&ampx; &amp &lt;&gt;&quot;&apos;&#38;&#x26;\r&amp;\r\n</Say></Response>",
    "<Response><Say>\r&amp;</Say><Say>a\r</Say><Say>&amp;\r<![CDATA[x]]>&lt;</Say></Response>",
    "<Response><Say>é€😀</Say></Response>",
];

/// Mutations of `source`: a byte deleted, doubled or replaced by markup or a multi-byte
/// character, or the text cut short; sources that are no longer UTF-8 are left out.
fn mutation(source: &str, choice: u64) -> Option<String> {
    const REPLACEMENTS: &[&str] = &[
        "<", ">", "&", ";", "\"", "'", "=", "/", "!", "?", "-", "[", "]", " ", "é", "€", "😀",
        "\u{FEFF}",
    ];
    let bytes = source.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    let at = (choice % bytes.len() as u64) as usize;
    let kind = (choice / bytes.len() as u64) % (REPLACEMENTS.len() as u64 + 3);
    let mut out = Vec::with_capacity(bytes.len() + 4);
    out.extend_from_slice(&bytes[..at]);
    match kind {
        0 => {}
        1 => out.extend_from_slice(&bytes[at..=at]),
        2 => {
            return String::from_utf8(out).ok();
        }
        k => out.extend_from_slice(REPLACEMENTS[k as usize - 3].as_bytes()),
    }
    if kind != 1 {
        out.extend_from_slice(&bytes[at + 1..]);
    } else {
        out.extend_from_slice(&bytes[at..]);
    }
    String::from_utf8(out).ok()
}

/// A fixed sequence of pseudo-random numbers (splitmix64).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Compares the two readings over the corpus and `mutations` mutations of each of its
/// documents (and of the edge cases), drawn from a fixed sequence.
fn compare_over_corpus(mutations: usize) -> (usize, Comparison) {
    let sources = crate::test_corpus::sources();
    let options = [
        ParseOptions::default(),
        ParseOptions::default().max_depth(3),
    ];
    let mut tally = Comparison::default();
    let mut sequence = Sequence(0x0074_7769_6D6C);
    let originals: Vec<&str> = sources
        .iter()
        .map(String::as_str)
        .chain(EDGE_CASES.iter().copied())
        .collect();
    for source in &originals {
        for options in &options {
            compare_readings(source, options, &mut tally);
        }
        for _ in 0..mutations {
            if let Some(mutated) = mutation(source, sequence.next()) {
                compare_readings(&mutated, &options[0], &mut tally);
            }
        }
    }
    (sources.len(), tally)
}

#[test]
fn the_fast_reading_gives_up_or_agrees_with_quick_xml() {
    let (files, tally) = compare_over_corpus(64);
    println!(
        "{files} files, {} readings compared: {tally:?}",
        tally.total()
    );
    assert!(files > 300, "the corpus was not found: {files} files");
    // The corpus is well-formed TwiML: the fast reading must read most of it itself.
    assert!(
        tally.same > files,
        "the fast reading read too little: {tally:?}"
    );
    assert!(tally.gave_up_on_refused > 0, "{tally:?}");
}

/// The same comparison, longer: `TWIML_PARSE_MUTATIONS` mutations of each document (2,000
/// unless set), with
/// `TWIML_PARSE_MUTATIONS=50000 cargo test --release -p twiml-core --lib -- --ignored
/// --nocapture parse::tests::the_fast_reading_agrees`; 50,000 take about ten minutes.
#[test]
#[ignore = "long; run with --release --ignored"]
fn the_fast_reading_agrees_with_quick_xml_over_many_mutations() {
    let mutations = std::env::var("TWIML_PARSE_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let (files, tally) = compare_over_corpus(mutations);
    println!(
        "{files} files, {} readings compared: {tally:?}",
        tally.total()
    );
    assert!(tally.same > files, "{tally:?}");
}

#[test]
fn remembered_resolutions_are_those_of_the_table() {
    let sources = crate::test_corpus::sources();
    let mut resolved = 0;
    for source in &sources {
        let Ok(doc) = parse(source, &ParseOptions::default()) else {
            continue;
        };
        let mut parents = vec![None; doc.elements.len()];
        for (i, element) in doc.elements.iter().enumerate() {
            let id = match element.tag {
                Tag::Known(id) => Some(id),
                _ => None,
            };
            if i > 0 {
                let expected = parents[i].and_then(|p| lookup(doc.dialect, element.name, Some(p)));
                assert_eq!(id, expected, "<{}> in {source:.80}", element.name);
            }
            for a in
                &doc.attributes[element.attributes.start as usize..element.attributes.end as usize]
            {
                let expected = id.and_then(|id| id.spec().attribute(a.name));
                assert_eq!(a.spec.map(|s| s.name), expected.map(|s| s.name));
                resolved += 1;
            }
            for item in &doc.content[element.content.start as usize..element.content.end as usize] {
                if let Item::Element(child) = item {
                    parents[*child as usize] = id;
                }
            }
        }
    }
    assert!(resolved > 1000, "{resolved} attributes");
}

#[test]
fn a_byte_order_mark_does_not_shift_the_spans() {
    // The mark is three bytes of the source: every span after it counts them.
    for (source, name) in [
        ("\u{FEFF}<Response><Say>Hi</Say></Response>", "<Say>"),
        (
            "\u{FEFF}<?xml version=\"1.0\"?>\n<Response><Say>Hi</Say></Response>",
            "<Say>",
        ),
        (
            "\u{FEFF}<Response><!-- c --><Say>a &amp; b</Say></Response>",
            "<Say>",
        ),
    ] {
        let doc = parse_ok(source);
        let start = source.find(name).unwrap();
        let end = source.find("</Say>").unwrap() + "</Say>".len();
        assert_eq!(doc.element_span(1).range(), start..end, "{source:?}");
        let root = source.find("<Response>").unwrap();
        assert_eq!(
            doc.element_span(0).range(),
            root..source.len(),
            "{source:?}"
        );
    }
}

#[test]
fn only_a_byte_order_mark_may_come_before_the_declaration() {
    parse_ok("\u{FEFF}<?xml version=\"1.0\"?><Response/>");
    for source in [
        "   <?xml version=\"1.0\"?><Response/>",
        "\u{FEFF} <?xml version=\"1.0\"?><Response/>",
        "<!-- a --><?xml version=\"1.0\"?><Response/>",
    ] {
        let d = parse_err(source);
        assert_eq!(d.code, "TW0001", "{source:?}");
        assert!(
            d.message.contains("declaration"),
            "{source:?}: {}",
            d.message
        );
    }
}

#[test]
fn an_error_after_a_byte_order_mark_is_placed_where_it_is() {
    let source = "\u{FEFF}<Response><Say>Hi</Sa></Response>";
    let d = parse_err(source);
    assert_eq!(
        d.span.range().start,
        source.find("</Sa>").unwrap(),
        "{}",
        d.message
    );
}
