//! The builder's behaviour through the public API: order, nesting, the build step's findings,
//! the escape hatches, rendering options, and JSON.

#[path = "../benches/support/workloads.rs"]
mod workloads;

use std::io;

use twiml::PostalCode;
use twiml::prelude::*;

use twiml::values::{GatherLanguage, Method, PaymentStep};
use twiml::voice::{Say, VoiceResponseChild};
use twiml::{Root, Severity};

fn codes(error: &BuildError) -> Vec<&'static str> {
    error.errors().map(|d| d.code.code()).collect()
}

#[test]
fn children_keep_their_order_and_repeat() {
    let mut r = VoiceResponse::new();
    r.say("one");
    r.play("https://example.com/two.mp3");
    r.say("three");
    r.say("three");
    let xml = r
        .build()
        .unwrap()
        .to_xml_with(&RenderOptions::new().xml_declaration(false));
    assert_eq!(
        xml,
        "<Response><Say>one</Say><Play>https://example.com/two.mp3</Play><Say>three</Say><Say>three</Say></Response>"
    );
}

#[test]
fn children_made_elsewhere_can_be_pushed_and_extended() {
    let mut say = Say::new("Hello");
    say.voice(Voice::Alice);
    let mut r = VoiceResponse::new();
    r.push(say.clone());
    r.extend((0..3).map(|i| Say::new(format!("item {i}"))));
    let twiml = r.build().unwrap();
    let Root::Voice(root) = twiml.root() else {
        panic!("a voice response")
    };
    assert_eq!(root.children.len(), 4);
    assert!(matches!(&root.children[0], VoiceResponseChild::Say(s) if *s == say));
}

#[test]
fn every_error_is_listed_with_its_path() {
    let mut r = VoiceResponse::new();
    r.say("first");
    let g = r
        .gather()
        .timeout(0)
        .num_digits(0)
        .action("ftp://example.com");
    g.say("inside").loop_(2);
    g.play("not a url");
    r.pause().length(0);
    let error = r.build().unwrap_err();
    let found: Vec<String> = error
        .errors()
        .map(|d| format!("{} {}", d.code, d.span))
        .collect();
    assert_eq!(
        found,
        [
            "TW0105 Response/Gather[1]@action",
            "TW0106 Response/Gather[1]@timeout",
            "TW0106 Response/Gather[1]@numDigits",
            "TW0105 Response/Gather[1]/Play[1]",
            "TW0106 Response/Pause[2]@length",
        ]
    );
    assert!(
        error
            .to_string()
            .starts_with("the response was refused with 5 errors\n  error[TW0105]")
    );
}

#[test]
fn undocumented_values_of_open_sets_are_warnings() {
    let mut r = VoiceResponse::new();
    r.say("Hola")
        .voice("Polly.Nueva-Generative")
        .language("es-CL");
    r.gather()
        .language(GatherLanguage::EsCl)
        .speech_model("deepgram_nova-9");
    let twiml = r.build().unwrap();
    let warnings: Vec<(&str, &str)> = twiml
        .warnings()
        .iter()
        .map(|d| (d.code.code(), d.span.attribute.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        warnings,
        [
            ("TW0112", "voice"),
            ("TW0112", "language"),
            ("TW0112", "speechModel")
        ]
    );
    assert!(
        twiml
            .to_xml()
            .contains(r#"<Say language="es-CL" voice="Polly.Nueva-Generative">"#)
    );

    let mut r = VoiceResponse::new();
    r.say("Hi").voice("Joanna");
    assert_eq!(codes(&r.build().unwrap_err()), ["TW0105"]);
}

#[test]
fn limits_of_the_table() {
    let mut r = MessagingResponse::new();
    let m = r.message();
    m.body("x".repeat(1601));
    for i in 0..11 {
        m.media(format!("https://example.com/{i}.png"));
    }
    let error = r.build().unwrap_err();
    let found: Vec<(&str, Option<u32>)> = error
        .errors()
        .map(|d| (d.code.code(), d.twilio_error))
        .collect();
    assert_eq!(found, [("TW0202", Some(21617)), ("TW0203", Some(21623))]);

    let mut r = VoiceResponse::new();
    r.say("a".repeat(4096));
    r.say("a".repeat(3000)).voice(Voice::PollyJoanna);
    assert!(r.build().is_ok());
    let mut r = VoiceResponse::new();
    r.say("a".repeat(4097));
    r.say("a".repeat(3001)).voice(Voice::PollyJoanna);
    let error = r.build().unwrap_err();
    assert_eq!(codes(&error), ["TW0202", "TW0202"]);
    assert!(error.errors().all(|d| d.twilio_error == Some(13521)));

    // SSML markup does not count, the words inside it do.
    let mut r = VoiceResponse::new();
    let say = r.say("a".repeat(4000));
    say.emphasis().text("b".repeat(97));
    assert_eq!(codes(&r.build().unwrap_err()), ["TW0202"]);

    let mut r = VoiceResponse::new();
    r.refer();
    assert_eq!(codes(&r.build().unwrap_err()), ["TW0114"]);

    let mut r = VoiceResponse::new();
    let dial = r.dial();
    for i in 0..11 {
        dial.number(format!("+1415555{i:04}"));
    }
    assert_eq!(codes(&r.build().unwrap_err()), ["TW0203"]);
}

#[test]
fn missing_text_is_an_error_except_for_say() {
    let mut r = VoiceResponse::new();
    r.dial().number("");
    r.dial();
    r.sms(" ");
    assert_eq!(
        codes(&r.build().unwrap_err()),
        ["TW0108", "TW0108", "TW0108"]
    );

    // An empty `<Redirect>` requests the same document again: legal, and worth a warning.
    let mut r = VoiceResponse::new();
    r.redirect("");
    assert_eq!(r.build().unwrap().warnings()[0].code, "TW0108");

    let mut r = VoiceResponse::new();
    r.say("");
    let twiml = r.build().unwrap();
    let w = &twiml.warnings()[0];
    assert_eq!(
        (w.code.code(), w.severity, w.twilio_error),
        ("TW0108", Severity::Warning, Some(13520))
    );
}

#[test]
fn custom_attributes_never_shadow_typed_ones() {
    let mut r = VoiceResponse::new();
    r.say("Hi")
        .custom_attribute("newThing", "1")
        .custom_attribute("other", "2");
    assert!(r.build().is_ok());

    let mut r = VoiceResponse::new();
    r.say("Hi").custom_attribute("loop", "2");
    r.say("Hi")
        .custom_attribute("dup", "1")
        .custom_attribute("dup", "2");
    r.connect()
        .conversation_relay("wss://example.com/relay")
        .custom_attribute("speechtimeout", "3");
    r.say("Hi").custom_attribute("bad name", "1");
    let error = r.build().unwrap_err();
    assert_eq!(codes(&error), ["TW0110", "TW0110", "TW0110", "TW0007"]);
    let alias = error.errors().nth(2).unwrap();
    assert!(
        alias
            .message
            .contains("stands in for the known attribute `speechTimeout`")
    );
}

#[test]
fn custom_elements_never_bypass_the_content_model() {
    let mut r = VoiceResponse::new();
    let extra = r.gather().custom_element("Beep");
    extra.attribute("tone", "high").text("now");
    extra.custom_element("Inner");
    let xml = r
        .build()
        .unwrap()
        .to_xml_with(&RenderOptions::new().xml_declaration(false));
    assert_eq!(
        xml,
        r#"<Response><Gather><Beep tone="high">now<Inner/></Beep></Gather></Response>"#
    );

    let mut r = VoiceResponse::new();
    r.gather().custom_element("Dial").text("+14155550100");
    r.custom_element("1st");
    let error = r.build().unwrap_err();
    assert_eq!(codes(&error), ["TW0111", "TW0007"]);
    assert_eq!(
        error.errors().next().unwrap().help.as_deref(),
        Some("add `<Dial>` with the typed builder method `dial`, where it may appear")
    );
}

#[test]
fn comments_are_kept_and_checked() {
    let mut r = VoiceResponse::new();
    r.comment(" greeting ");
    r.say("Hi");
    let xml = r
        .build()
        .unwrap()
        .to_xml_with(&RenderOptions::new().pretty(2));
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <!-- greeting -->\n  <Say>Hi</Say>\n</Response>\n"
    );
    for bad in ["a -- b", "ends with -"] {
        let mut r = VoiceResponse::new();
        r.comment(bad);
        assert_eq!(codes(&r.build().unwrap_err()), ["TW0006"]);
    }
}

#[test]
fn pretty_printing_leaves_text_and_mixed_content_alone() {
    let mut r = VoiceResponse::new();
    let say = r.say("Hello ");
    say.emphasis().text("there");
    say.text(" friend");
    r.dial().text("+14155550100");
    r.dial().number("+14155550101");
    let xml = r
        .build()
        .unwrap()
        .to_xml_with(&RenderOptions::new().pretty(2).xml_declaration(false));
    assert_eq!(
        xml,
        "<Response>\n  <Say>Hello <emphasis>there</emphasis> friend</Say>\n  <Dial>+14155550100</Dial>\n  <Dial>\n    <Number>+14155550101</Number>\n  </Dial>\n</Response>\n"
    );
}

#[test]
fn every_way_of_rendering_writes_the_same_bytes() {
    for (name, twiml) in workloads::all() {
        for options in [
            RenderOptions::new(),
            RenderOptions::new().xml_declaration(false),
            RenderOptions::new().pretty(2),
        ] {
            let xml = twiml.to_xml_with(&options);
            let mut buffer = String::from("prefix:");
            twiml.render_into(&mut buffer, &options);
            assert_eq!(buffer, format!("prefix:{xml}"), "{name}");
            let mut bytes = Vec::new();
            twiml.write_to(&mut bytes, &options).unwrap();
            assert_eq!(String::from_utf8(bytes).unwrap(), xml, "{name}");
        }
        assert_eq!(twiml.to_string(), twiml.to_xml(), "{name}");
        assert_eq!(
            format!("{twiml:#}"),
            twiml.to_xml_with(&RenderOptions::new().pretty(2)),
            "{name}"
        );
    }
}

#[test]
fn write_errors_are_returned() {
    struct Broken;
    impl io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let twiml = workloads::w4().build_with(&workloads::w4_policy()).unwrap();
    let error = twiml
        .write_to(Broken, &RenderOptions::default())
        .unwrap_err();
    assert_eq!(error.to_string(), "disk full");
}

#[test]
fn json_round_trips_and_rebuilds() {
    for (name, twiml) in workloads::all() {
        let json = serde_json::to_string(&twiml).unwrap();
        let root: Root = serde_json::from_str(&json).unwrap();
        assert_eq!(&root, twiml.root(), "{name}");
        let rebuilt = Twiml::build_with(root, &workloads::policy(name)).unwrap();
        assert_eq!(rebuilt.warnings(), twiml.warnings(), "{name}");
        assert_eq!(rebuilt.overrides(), twiml.overrides(), "{name}");
        assert_eq!(rebuilt, twiml, "{name}");
        // Deserializing a finished response builds it under the baseline policy: for W4,
        // whose 40 recorded calls follow audio nobody declared and dial 80 numbers with no
        // whisper, that means GEN001 and REC002 warnings.
        let back: Twiml = serde_json::from_str(&json).unwrap();
        assert_eq!(back.root(), twiml.root(), "{name}");
        if name == "W4" {
            let count = |code| back.warnings().iter().filter(|w| w.code == code).count();
            assert_eq!((count("GEN001"), count("REC002")), (40, 80));
            assert_eq!(back.warnings().len(), 120);
        } else {
            assert_eq!(back, twiml, "{name}");
        }
    }
    // A finished response cannot be smuggled in through JSON: deserializing builds it.
    let bad = r#"{"voice":{"children":[{"Pause":{"length":0}}]}}"#;
    let error = serde_json::from_str::<Twiml>(bad).unwrap_err();
    assert!(error.to_string().contains("TW0106"), "{error}");
    // Unknown fields and values are refused, not dropped.
    assert!(
        serde_json::from_str::<Root>(r#"{"voice":{"children":[{"Say":{"volume":"11"}}]}}"#)
            .is_err()
    );
    assert!(
        serde_json::from_str::<Root>(r#"{"voice":{"children":[{"Gather":{"method":"PUT"}}]}}"#)
            .is_err()
    );
}

#[test]
fn values_render_and_parse_twilios_spelling() {
    assert_eq!(
        DialRecord::RecordFromAnswerDual.as_str(),
        "record-from-answer-dual"
    );
    assert_eq!(
        "record-from-ringing".parse(),
        Ok(DialRecord::RecordFromRinging)
    );
    assert_eq!("true".parse(), Ok(DialRecord::RecordFromAnswer));
    assert_eq!("false".parse(), Ok(DialRecord::DoNotRecord));
    assert!("yes".parse::<DialRecord>().is_err());
    assert_eq!(Method::Get.to_string(), "GET");
    assert_eq!(Voice::PollyMiaGenerative.as_str(), "Polly.Mía-Generative");
    assert_eq!(Voice::from("Polly.Joanna-Neural"), Voice::PollyJoannaNeural);
    assert_eq!(
        Voice::from("Polly.Future"),
        Voice::Other("Polly.Future".into())
    );
    assert!(!Voice::from("Polly.Future").is_listed());
    assert_eq!(Voice::ALL.len(), 900);
    for voice in Voice::ALL {
        assert_eq!(&Voice::parse(voice.as_str()), voice);
    }
    for language in GatherLanguage::ALL {
        assert_eq!(&GatherLanguage::parse(language.as_str()), language);
    }
    for step in PaymentStep::ALL {
        assert_eq!(step.as_str().parse(), Ok(*step));
    }
}

#[test]
fn the_readme_lists_every_diagnostic_code() {
    let readme = include_str!("../README.md");
    for check in twiml::diagnostic::CHECKS {
        let row = format!("| {} | {} | {} |", check.code, check.name, check.severity);
        assert!(readme.contains(&row), "README lacks `{row}`");
    }
    for rule in twiml::rules::RULES {
        let row = format!("| {} | {} | {} |", rule.code, rule.name, rule.default_level);
        let line = readme
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("README lacks `{row}`"));
        // The rule table says when the rule reports an error and when a warning, as its
        // declaration does.
        let reports = format!("| {} |", rule.reports);
        assert!(
            line.contains(&reports),
            "README's {} row lacks `{reports}`",
            rule.code
        );
    }
}

#[test]
fn the_readme_counts_the_vocabulary() {
    use twiml::schema::{ELEMENTS, EnumSpec, ValueKind};
    let readme = include_str!("../README.md");
    let attributes: usize = ELEMENTS.iter().map(|e| e.attributes.len()).sum();
    let mut sets: Vec<&EnumSpec> = Vec::new();
    for a in ELEMENTS.iter().flat_map(|e| e.attributes.iter()) {
        if let ValueKind::Enum(set) | ValueKind::EnumList(set) = a.kind
            && !sets.iter().any(|s| std::ptr::eq(*s, set))
        {
            sets.push(set);
        }
    }
    let values: usize = sets.iter().map(|s| s.values.len()).sum();
    let with_separator = |n: usize| {
        let digits = n.to_string();
        match digits.len() {
            4.. => format!(
                "{},{}",
                &digits[..digits.len() - 3],
                &digits[digits.len() - 3..]
            ),
            _ => digits,
        }
    };
    let summary = format!(
        "all {} elements of voice (with the SSML elements inside `<Say>`),\n  messaging and fax TwiML, every one of their {attributes} attributes, and {} value sets with {}\n  values",
        ELEMENTS.len(),
        sets.len(),
        with_separator(values)
    );
    assert!(readme.contains(&summary), "README lacks:\n{summary}");
}

#[test]
fn a_postal_code_of_true_or_false_reads_as_the_flag_from_json_too() {
    // Twilio reads `postalCode="true"` as "ask for it"; JSON must not make a code of it,
    // or the document would parse back as something else than it was built from.
    for (json, expected) in [
        (r#""true""#, PostalCode::Ask(true)),
        (r#""false""#, PostalCode::Ask(false)),
        ("true", PostalCode::Ask(true)),
        (r#""94105""#, PostalCode::Value("94105".into())),
    ] {
        let read: PostalCode = serde_json::from_str(json).unwrap();
        assert_eq!(read, expected, "{json}");
        assert_eq!(read, PostalCode::parse(read.as_str()), "{json}");
    }
}

#[test]
fn a_response_over_64_kb_is_refused() {
    use twiml::prelude::*;
    let sentence = "This call may be recorded for quality assurance. ".repeat(20);
    let mut response = VoiceResponse::new();
    for _ in 0..70 {
        response.say(sentence.as_str());
    }
    // 70 sentences of 1,000 bytes, their tags and the declaration: just over 64 KiB.
    let error = response.clone().build().unwrap_err();
    let found: Vec<_> = error
        .errors()
        .map(|d| (d.code.code(), d.span.to_string()))
        .collect();
    assert_eq!(found, [("TW0201", "Response".to_string())]);
    // The same flow split over two documents builds.
    let mut first = VoiceResponse::new();
    for _ in 0..35 {
        first.say(sentence.as_str());
    }
    first.redirect("/voice/part-two");
    assert!(first.build().is_ok());
}
