use super::*;
use crate::schema::{DIAL_RECORD, GATHER_INPUT, METHOD, VOICE};

fn kind_of(problem: Option<ValueProblem>) -> Option<ProblemKind> {
    problem.map(|p| p.kind)
}

/// `case(kind, value) => expected` rows: `None` for valid values.
macro_rules! cases {
    ($($kind:expr, $value:expr => $expected:expr;)*) => {$(
        assert_eq!(
            kind_of(check_text(&$kind, $value)),
            $expected,
            "{:?} of {}",
            $value,
            stringify!($kind)
        );
    )*};
}

const INVALID: Option<ProblemKind> = Some(ProblemKind::Invalid);
const RANGE: Option<ProblemKind> = Some(ProblemKind::OutOfRange);
const UNKNOWN: Option<ProblemKind> = Some(ProblemKind::UnknownInOpenSet);
const UNUSUAL: Option<ProblemKind> = Some(ProblemKind::Unusual);

#[test]
fn urls() {
    let any = ValueKind::Url(UrlKind::AbsoluteOrRelative);
    let absolute = ValueKind::Url(UrlKind::Absolute);
    let socket = ValueKind::Url(UrlKind::WebSocket);
    cases! {
        any, "https://example.com/voice?step=1&lang=es" => None;
        any, "/menu" => None;
        any, "menu.xml" => None;
        any, "  \n https://example.com/a.mp3\n  " => None;
        any, "HTTP://EXAMPLE.COM" => None;
        any, "HTTPS://EXAMPLE.COM/a" => None;
        any, "hTtPs://example.com" => None;
        any, "https+x://example.com" => INVALID;
        any, "https:x//example.com" => INVALID;
        any, "" => INVALID;
        any, "https://example.com/a b" => INVALID;
        any, "ftp://example.com/a" => INVALID;
        any, "https:/example.com" => INVALID;
        any, "https://" => INVALID;
        absolute, "https://demo.twilio.com/owl.png" => None;
        absolute, "/owl.png" => INVALID;
        absolute, "mailto:a@b.c" => INVALID;
        socket, "wss://example.com/stream" => None;
        socket, "ws://example.com/stream" => INVALID;
        socket, "https://example.com/stream" => INVALID;
    }
}

#[test]
fn numbers() {
    let positive = ValueKind::Integer { min: 1, max: None };
    let bounded = ValueKind::Integer {
        min: 2,
        max: Some(14400),
    };
    let auto = ValueKind::IntegerOrKeyword {
        min: 1,
        keyword: "auto",
    };
    let attempts = ValueKind::IntegerList { min: 1, max: 10 };
    cases! {
        positive, "5" => None;
        positive, " 5 " => None;
        positive, "0" => RANGE;
        positive, "-1" => INVALID;
        positive, "1.5" => INVALID;
        positive, "five" => INVALID;
        // The model holds a `u32`: a larger number must not pass and then fail to convert
        // (found by the `parse_check` fuzz target with `numDigits="18005550100"`).
        positive, "4294967295" => None;
        positive, "4294967296" => RANGE;
        positive, "18005550100" => RANGE;
        positive, "99999999999999999999999" => RANGE;
        bounded, "14400" => None;
        bounded, "14401" => RANGE;
        bounded, "1" => RANGE;
        auto, "auto" => None;
        auto, "3" => None;
        auto, "0" => RANGE;
        auto, "4294967296" => RANGE;
        auto, "Auto" => INVALID;
        attempts, "1 2 3" => None;
        attempts, "1 11" => RANGE;
        attempts, "" => INVALID;
        ValueKind::Decimal, "49.99" => None;
        ValueKind::Decimal, "0" => None;
        ValueKind::Decimal, "49." => INVALID;
        ValueKind::Decimal, "-5" => INVALID;
        ValueKind::Decimal, "1e3" => INVALID;
    }
    assert_eq!(
        kind_of(check_integer(&bounded, 1)),
        Some(ProblemKind::OutOfRange)
    );
    assert_eq!(kind_of(check_integer(&bounded, 3600)), None);
}

#[test]
fn booleans_and_sets() {
    let method = ValueKind::Enum(&METHOD);
    let input = ValueKind::EnumList(&GATHER_INPUT);
    let record = ValueKind::Enum(&DIAL_RECORD);
    let voice = ValueKind::Enum(&VOICE);
    cases! {
        ValueKind::Boolean, "true" => None;
        ValueKind::Boolean, "false" => None;
        ValueKind::Boolean, "True" => UNUSUAL;
        ValueKind::Boolean, "yes" => INVALID;
        method, "GET" => None;
        method, "get" => INVALID;
        method, "PUT" => INVALID;
        input, "dtmf speech" => None;
        input, "speech" => None;
        input, "dtmf keypad" => INVALID;
        input, "" => INVALID;
        record, "record-from-answer-dual" => None;
        record, "true" => UNUSUAL;
        record, "yes" => INVALID;
        voice, "Polly.Joanna-Neural" => None;
        voice, "Polly.Mía-Generative" => None;
        voice, "Polly.Zyxwv" => UNKNOWN;
        voice, "Google.en-US-Chirp3-HD-Zzz" => UNKNOWN;
        voice, "Joanna" => INVALID;
        voice, "polly.joanna" => INVALID;
    }
}

#[test]
fn suggestions_name_the_intended_value() {
    let p = check_text(&ValueKind::Enum(&METHOD), "get").unwrap();
    assert_eq!(p.help.as_deref(), Some("did you mean `GET`?"));
    let p = check_text(&ValueKind::Enum(&VOICE), "Polly.Joana").unwrap();
    assert_eq!(p.kind, ProblemKind::UnknownInOpenSet);
    assert_eq!(p.help.as_deref(), Some("did you mean `Polly.Joanna`?"));
    let p = check_text(&ValueKind::Enum(&METHOD), "DELETE").unwrap();
    assert_eq!(p.help.as_deref(), Some("use `GET` or `POST`"));
}

#[test]
fn digits_keys_and_sids() {
    cases! {
        ValueKind::Dtmf, "1234w#*" => None;
        ValueKind::Dtmf, "" => INVALID;
        ValueKind::Dtmf, "12a" => INVALID;
        ValueKind::Keys { max_len: Some(1) }, "#" => None;
        ValueKind::Keys { max_len: Some(1) }, "" => None;
        ValueKind::Keys { max_len: Some(1) }, "12" => RANGE;
        ValueKind::Keys { max_len: None }, "1234567890*#" => None;
        ValueKind::Keys { max_len: None }, "w" => INVALID;
        ValueKind::Sid("AP"), "AP0123456789abcdef0123456789ABCDEF" => None;
        ValueKind::Sid("AP"), "PN0123456789abcdef0123456789abcdef" => INVALID;
        ValueKind::Sid("AP"), "AP0123" => INVALID;
        ValueKind::Sid("AP"), "AP0123456789abcdef0123456789abcdeg" => INVALID;
    }
}

#[test]
fn phone_numbers_and_sip_uris() {
    cases! {
        ValueKind::Phone, "+14155550100" => None;
        ValueKind::Phone, " +442071838750 " => None;
        ValueKind::Phone, "(415) 555-0100" => UNUSUAL;
        ValueKind::Phone, "415-555-0100" => UNUSUAL;
        ValueKind::Phone, "+1234567890123456" => RANGE;
        ValueKind::Phone, "+0123" => UNUSUAL;
        ValueKind::Phone, "call me" => INVALID;
        ValueKind::Phone, "" => INVALID;
        ValueKind::SipUri, "sip:alice@example.com" => None;
        ValueKind::SipUri, "sips:alice@example.com;transport=tls" => None;
        ValueKind::SipUri, "SIP:alice@example.com" => None;
        ValueKind::SipUri, "alice@example.com" => UNUSUAL;
        ValueKind::SipUri, "alice at example" => INVALID;
        ValueKind::SipUri, "sip:" => INVALID;
        ValueKind::PhoneOrSipUri, "sip:alice@example.com" => None;
        ValueKind::PhoneOrSipUri, "+14155550100" => None;
        ValueKind::PhoneOrSipUri, "nobody" => INVALID;
    }
    let long = format!("sip:{}@example.com", "a".repeat(260));
    assert_eq!(kind_of(check_text(&ValueKind::SipUri, &long)), RANGE);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let max5 = ValueKind::Text { max_chars: Some(5) };
    let queue = ValueKind::Name {
        min_chars: 1,
        max_chars: 64,
    };
    let two_to_ten = ValueKind::Name {
        min_chars: 2,
        max_chars: 10,
    };
    cases! {
        max5, "ñññññ" => None;
        max5, "ñññññ!" => RANGE;
        max5, "abcde" => None;
        max5, "abcdef" => RANGE;
        queue, "support" => None;
        queue, "" => RANGE;
        two_to_ten, "€" => RANGE;
        two_to_ten, "€€" => None;
        two_to_ten, "ab" => None;
        two_to_ten, "€€€€€€€€€€" => None;
        two_to_ten, "€€€€€€€€€€€" => RANGE;
    }
    assert_eq!(kind_of(check_text(&queue, &"q".repeat(65))), RANGE);
}

#[test]
fn ssml_values() {
    cases! {
        ValueKind::SsmlDuration, "500ms" => None;
        ValueKind::SsmlDuration, "1.5s" => None;
        ValueKind::SsmlDuration, "2" => INVALID;
        ValueKind::SsmlDuration, "ms" => INVALID;
        ValueKind::ProsodyVolume, "+6dB" => None;
        ValueKind::ProsodyVolume, "x-loud" => None;
        ValueKind::ProsodyVolume, "6dB" => INVALID;
        ValueKind::ProsodyRate, "80%" => None;
        ValueKind::ProsodyRate, "slow" => None;
        ValueKind::ProsodyRate, "+80%" => INVALID;
        ValueKind::ProsodyPitch, "-10%" => None;
        ValueKind::ProsodyPitch, "10%" => INVALID;
    }
}

#[test]
fn json_objects() {
    cases! {
        ValueKind::Json, r#"{"selected_language": "es", "n": [1, 2.5e3, true, null]}"# => None;
        ValueKind::Json, "{}" => None;
        ValueKind::Json, "[]" => INVALID;
        ValueKind::Json, r#"{"a": }"# => INVALID;
        ValueKind::Json, r#"{"a": 1} x"# => INVALID;
        ValueKind::Json, r#"{"a": "\x"}"# => INVALID;
    }
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(kind_of(check_text(&ValueKind::Json, &deep)), INVALID);
}

#[test]
fn xml_characters_and_names() {
    assert_eq!(find_non_xml_char("plain text"), None);
    assert_eq!(find_non_xml_char("tab\tlf\ncr\r"), None);
    assert_eq!(find_non_xml_char("Señor café ☕ 😀"), None);
    assert_eq!(find_non_xml_char("bell\u{7}"), Some((4, '\u{7}')));
    assert_eq!(find_non_xml_char("ñ\u{0}"), Some((2, '\u{0}')));
    assert_eq!(find_non_xml_char("a\u{FFFE}"), Some((1, '\u{FFFE}')));
    assert_eq!(find_non_xml_char("a\u{FFFF}"), Some((1, '\u{FFFF}')));
    assert_eq!(find_non_xml_char("\u{FFFD}\u{EFFF}"), None);
    for c in (0u32..0x20).filter_map(char::from_u32) {
        assert_eq!(is_xml_char(c), matches!(c, '\t' | '\n' | '\r'), "{c:?}");
    }
    assert!(is_xml_name("newAttribute"));
    assert!(is_xml_name("amazon:effect"));
    assert!(is_xml_name("say-as"));
    assert!(!is_xml_name("1st"));
    assert!(!is_xml_name("my attr"));
    assert!(!is_xml_name(""));
    assert!(!is_xml_name("a<b"));
}

#[test]
fn suggestions_allow_for_swapped_letters() {
    assert_eq!(edit_distance("lagnauge", "language"), 2);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(
        closest("lagnauge", &["voice", "loop", "language"]),
        Some("language")
    );
    assert_eq!(
        closest("numdigits", &["numDigits", "timeout"]),
        Some("numDigits")
    );
    assert_eq!(closest("xyz", &["voice", "loop"]), None);
}

/// What the table knows of an attribute decides an empty value and an unconfirmed bound.
#[test]
fn attributes_read_the_table() {
    use crate::schema::{ElementId, attr};
    let spec = |id: ElementId, a: crate::schema::Attr| {
        id.spec()
            .attribute(a.name())
            .unwrap_or_else(|| panic!("{} on {id:?}", a.name()))
    };
    let wait = spec(ElementId::Conference, attr::WAIT_URL);
    assert_eq!(kind_of(check_attribute(wait, "")), None);
    assert_eq!(kind_of(check_attribute(wait, "  ")), None);
    assert_eq!(kind_of(check_attribute(wait, "ftp://x")), INVALID);
    let finish = spec(ElementId::Gather, attr::FINISH_ON_KEY);
    assert_eq!(kind_of(check_attribute(finish, "")), None);
    assert_eq!(kind_of(check_attribute(finish, "#*")), RANGE);
    // No documented meaning: pointed out, not refused.
    let queue_url = spec(ElementId::Queue, attr::URL);
    assert_eq!(kind_of(check_attribute(queue_url, "")), UNUSUAL);
    assert_eq!(kind_of(check_attribute(queue_url, "ftp://x")), INVALID);
    // A bound copied from `<Number>` is a warning on `<Sip>`, an error on `<Number>`.
    let sip = spec(ElementId::Sip, attr::MACHINE_DETECTION_TIMEOUT);
    let number = spec(ElementId::Number, attr::MACHINE_DETECTION_TIMEOUT);
    assert_eq!(kind_of(check_attribute(sip, "90")), UNUSUAL);
    assert_eq!(kind_of(check_attribute_integer(sip, 90)), UNUSUAL);
    assert_eq!(kind_of(check_attribute(sip, "soon")), INVALID);
    // Past what the model holds, it is still refused.
    assert_eq!(kind_of(check_attribute(sip, "99999999999")), RANGE);
    assert_eq!(kind_of(check_attribute_integer(sip, 99_999_999_999)), RANGE);
    assert_eq!(kind_of(check_attribute(number, "90")), RANGE);
    assert_eq!(kind_of(check_attribute_integer(number, 90)), RANGE);
    assert_eq!(kind_of(check_attribute(number, "30")), None);
}

#[test]
fn the_word_scan_for_characters_xml_cannot_carry_agrees_with_a_byte_scan() {
    let suspicious = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    // Every byte value at every position of blocks and tails, beside bytes that are clean.
    for len in (1..=19).chain(60..=70).chain(125..=131) {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b;
                assert_eq!(
                    super::may_hold_non_xml_char(&bytes),
                    suspicious(b),
                    "byte {b:#04x} at {at} of {len}"
                );
                // A borrow from a byte that is clean does not reach the next one.
                bytes[at] = 0x20;
                if at + 1 < len {
                    bytes[at + 1] = 0x80 | b;
                    assert_eq!(super::may_hold_non_xml_char(&bytes), suspicious(0x80 | b));
                }
            }
        }
    }
    assert!(super::may_hold_non_xml_char("tab\tthen\u{1}".as_bytes()));
    assert!(!super::may_hold_non_xml_char(
        "tab\tline\ncarriage\r".as_bytes()
    ));
    assert!(super::may_hold_non_xml_char("caf\u{FFFE}".as_bytes()));
}

#[test]
fn the_quick_trim_agrees_with_str_trim() {
    let edges = [
        "", "a", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1f}", "\u{85}", "\u{a0}", "\u{3000}",
        "é", "x y", "!", "~", "\u{7f}", "\u{80}", "\u{ff}",
    ];
    for first in edges {
        for last in edges {
            for middle in ["", "v", " mid "] {
                let s = format!("{first}{middle}{last}");
                assert_eq!(super::trim(&s), s.trim(), "{s:?}");
            }
        }
    }
}

/// The scheme read up to the first byte no scheme holds is the one found from the first `:`,
/// for every string of up to five characters drawn from scheme bytes, `:`, `/` and others.
#[test]
fn a_url_scheme_is_read_as_the_first_colon_places_it() {
    fn by_first_colon(v: &str) -> Option<&str> {
        let colon = v.find(':')?;
        let scheme = &v[..colon];
        let mut bytes = scheme.bytes();
        let first = bytes.next()?;
        (first.is_ascii_alphabetic()
            && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
        .then_some(scheme)
    }
    let alphabet = ["h", "Z", "3", "+", "-", ".", ":", "/", " ", "é", "?"];
    let mut strings = vec![String::new()];
    let mut checked = 0;
    for _ in 0..5 {
        let mut longer = Vec::new();
        for s in &strings {
            for a in alphabet {
                let v = format!("{s}{a}");
                assert_eq!(url_scheme(&v), by_first_colon(&v), "{v:?}");
                checked += 1;
                longer.push(v);
            }
        }
        strings = longer;
    }
    assert!(checked > 170_000, "{checked}");
    assert_eq!(url_scheme("https://example.com"), Some("https"));
    assert_eq!(url_scheme("/next"), None);
    assert_eq!(url_scheme(""), None);
}

/// The search for the first byte of a URL that needs a closer look, eight bytes at a time,
/// agrees with a search of one byte at a time, wherever that byte sits in a block.
#[test]
fn first_unclean_byte_of_a_url_is_found_as_by_bytes() {
    let by_bytes = |bytes: &[u8]| bytes.iter().position(|&b| !clean_in_url(b));
    for b in 0..=255u8 {
        for len in 0..20 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b;
                assert_eq!(
                    first_unclean_in_url(&bytes),
                    by_bytes(&bytes),
                    "{b:#x} at {at} of {len}"
                );
            }
        }
    }
    for url in [
        "https://example.com/a b",
        "https://exämple.com/\u{7f}",
        "",
        "/menu",
    ] {
        assert_eq!(
            first_unclean_in_url(url.as_bytes()),
            by_bytes(url.as_bytes())
        );
    }
}

/// The authority's host is found eight bytes at a time as a pass over each byte finds it, at
/// every length and wherever the delimiters stand (also beyond ASCII and past a chunk's end).
#[test]
fn the_host_is_found_as_a_pass_over_each_byte_finds_it() {
    fn each_byte(bytes: &[u8]) -> (usize, usize) {
        let mut host_start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'/' | b'?' | b'#' => return (host_start, i),
                b'@' => host_start = i + 1,
                _ => {}
            }
        }
        (host_start, bytes.len())
    }
    const BYTES: &[u8] = b"/?#@a.:0\x2e\x2f\x3f\x40\x41\xc3\xa9\x00\x01\x7f\xff";
    let mut rng = crate::test_rng::Xorshift(0x5eed_ab1e);
    for _ in 0..200_000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                // Mostly host letters, as real authorities are, with each delimiter now and then.
                let r = rng.next();
                if r.is_multiple_of(4) {
                    BYTES[(r / 4) as usize % BYTES.len()]
                } else {
                    b'a' + (r / 4 % 26) as u8
                }
            })
            .collect();
        assert_eq!(authority_host(&bytes), each_byte(&bytes), "{bytes:?}");
    }
}

/// A URL names a host when what follows the last `@` of its authority (up to the first `/`,
/// `?` or `#` after `//`) is neither empty nor only a port.
#[test]
fn a_url_names_a_host_after_the_last_at_of_its_authority() {
    let names_no_host = |url: &str| check_host(url, "https").is_some();
    for url in [
        "https://example.com",
        "https://example.com/a@b",
        "https://user@example.com:8443/x?y#z",
        "https://a@b@example.com",
        "https://example.com?next=/a@",
        "https://example.com#@",
    ] {
        assert!(!names_no_host(url), "{url}");
    }
    for url in [
        "https://",
        "https:///path",
        "https://user@",
        "https://user@/x",
        "https://:8443/x",
        "https://user@:8443",
        "https://?q",
        "https://#f",
    ] {
        assert!(names_no_host(url), "{url}");
    }
}
