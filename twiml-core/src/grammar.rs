//! Value grammars: whether a string is a valid value of a [`ValueKind`].
//!
//! This is the one implementation of value checking. The build step, the validator and the
//! `twiml!` macro all come here, so a value means the same thing wherever it is written. Checks
//! look at the value as Twilio would, with surrounding whitespace trimmed (documents are often
//! hand-indented: `<Play>\n  https://...\n</Play>`).

use crate::schema::{AttributeSpec, EnumSpec, OpenFamily, UrlKind, ValueKind};

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueProblem {
    /// The class of problem, which decides the diagnostic code.
    pub kind: ProblemKind,
    /// What is wrong, lowercase with no trailing period; names the value, not the attribute.
    pub message: String,
    /// How to fix it, where a fix is known.
    pub help: Option<String>,
}

/// Classes of value problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The value does not follow its grammar.
    Invalid,
    /// A number or a length outside its bounds.
    OutOfRange,
    /// A value of an open set that Twilio has not documented but that fits the set's family
    /// (a new Polly voice): a warning.
    UnknownInOpenSet,
    /// Accepted by Twilio but not in the documented form (a phone number that is not E.164,
    /// `True` for `true`): a warning.
    Unusual,
}

impl ValueProblem {
    fn invalid(message: impl Into<String>) -> Self {
        ValueProblem {
            kind: ProblemKind::Invalid,
            message: message.into(),
            help: None,
        }
    }

    fn out_of_range(message: impl Into<String>) -> Self {
        ValueProblem {
            kind: ProblemKind::OutOfRange,
            message: message.into(),
            help: None,
        }
    }

    fn unusual(message: impl Into<String>) -> Self {
        ValueProblem {
            kind: ProblemKind::Unusual,
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Checks the value of an attribute written as text. Beyond [`check_text`], it reads what the
/// table knows of the attribute: an empty value Twilio gives a meaning to is valid
/// (`<Conference waitUrl="">`), an empty URL Twilio documents no meaning for is a warning, and
/// a value past a bound that Twilio's documentation does not confirm is a warning too.
pub fn check_attribute(a: &AttributeSpec, value: &str) -> Option<ValueProblem> {
    if trim(value).is_empty() {
        if a.empty_means.is_some() {
            return None;
        }
        if let ValueKind::Url(_) = a.kind {
            return Some(
                ValueProblem::unusual("the URL is empty").with_help(
                    "Twilio documents no meaning for an empty value here; leave the attribute out, or give a URL",
                ),
            );
        }
    }
    check_text(&a.kind, value).map(|p| {
        let fits = || {
            value
                .split_ascii_whitespace()
                .all(|t| parse_integer(t).is_some_and(|n| n <= u64::from(u32::MAX)))
        };
        unconfirmed_bound(a, p, fits)
    })
}

/// Checks a whole number given to an attribute (the typed builder stores numbers as such),
/// with the same leniency as [`check_attribute`] for bounds that are not confirmed.
pub fn check_attribute_integer(a: &AttributeSpec, n: u64) -> Option<ValueProblem> {
    check_integer(&a.kind, n).map(|p| unconfirmed_bound(a, p, || n <= u64::from(u32::MAX)))
}

/// A value past a bound that Twilio's documentation does not confirm is a warning, unless it
/// does not `fit` the model's `u32` at all.
fn unconfirmed_bound(
    a: &AttributeSpec,
    p: ValueProblem,
    fits: impl FnOnce() -> bool,
) -> ValueProblem {
    if a.bounds_confirmed || p.kind != ProblemKind::OutOfRange || !fits() {
        return p;
    }
    ValueProblem {
        kind: ProblemKind::Unusual,
        help: Some(
            "the bound is not confirmed in Twilio's documentation, so Twilio may accept the value; check it against your account".to_string(),
        ),
        ..p
    }
}

/// Checks a value written as text (a parsed attribute, element text, or a typed string field).
pub fn check_text(kind: &ValueKind, value: &str) -> Option<ValueProblem> {
    let v = trim(value);
    match *kind {
        ValueKind::Text { max_chars } => max_chars.and_then(|max| check_length(value, 0, max)),
        ValueKind::Name {
            min_chars,
            max_chars,
        } => check_length(v, min_chars, max_chars),
        ValueKind::Url(url_kind) => check_url(url_kind, v),
        ValueKind::Boolean => check_boolean(v),
        ValueKind::Integer { .. } => match parse_integer(v) {
            Some(n) => check_integer(kind, n),
            None => Some(ValueProblem::invalid(format!(
                "`{v}` is not a whole number"
            ))),
        },
        ValueKind::IntegerOrKeyword { keyword, .. } => {
            if v == keyword {
                return None;
            }
            match parse_integer(v) {
                Some(n) => check_integer(kind, n),
                None => Some(ValueProblem::invalid(format!(
                    "`{v}` is neither a whole number nor `{keyword}`"
                ))),
            }
        }
        ValueKind::Decimal => (!is_decimal(v)).then(|| {
            ValueProblem::invalid(format!("`{v}` is not a decimal number"))
                .with_help("write the amount with digits and an optional fraction, like `49.99`")
        }),
        ValueKind::Enum(set) => check_enum_value(set, v),
        ValueKind::EnumList(set) => {
            if v.is_empty() {
                return Some(
                    ValueProblem::invalid("the list is empty")
                        .with_help(format!("give one or more of {}", one_of(set.values))),
                );
            }
            v.split_ascii_whitespace()
                .find_map(|item| check_enum_value(set, item))
        }
        ValueKind::IntegerList { min, max } => {
            if v.is_empty() {
                return Some(ValueProblem::invalid("the list is empty"));
            }
            v.split_ascii_whitespace()
                .find_map(|item| match parse_integer(item) {
                    Some(n) => check_integer(
                        &ValueKind::Integer {
                            min,
                            max: Some(max),
                        },
                        n,
                    ),
                    None => Some(ValueProblem::invalid(format!(
                        "`{item}` is not a whole number"
                    ))),
                })
        }
        ValueKind::Dtmf => {
            if v.is_empty() {
                Some(ValueProblem::invalid("no DTMF digits are given"))
            } else {
                v.chars()
                    .find(|c| !matches!(c, '0'..='9' | '*' | '#' | 'w'))
                    .map(|c| {
                        ValueProblem::invalid(format!("{} is not a DTMF digit", describe(c)))
                            .with_help("use `0`-`9`, `*`, `#`, and `w` for a half-second pause")
                    })
            }
        }
        ValueKind::Keys { max_len } => {
            if let Some(c) = v.chars().find(|c| !matches!(c, '0'..='9' | '*' | '#')) {
                Some(
                    ValueProblem::invalid(format!("{} is not a key", describe(c)))
                        .with_help("use `0`-`9`, `*` and `#`"),
                )
            } else if max_len.is_some_and(|max| v.len() > max as usize) {
                let max = max_len.unwrap_or_default();
                Some(ValueProblem::out_of_range(format!(
                    "{} keys are given; at most {max} {} allowed",
                    v.len(),
                    if max == 1 { "is" } else { "are" }
                )))
            } else {
                None
            }
        }
        ValueKind::Sid(prefix) => check_sid(prefix, v),
        ValueKind::Phone => check_phone(v),
        ValueKind::SipUri => check_sip_uri(v),
        ValueKind::PhoneOrSipUri => {
            if starts_with_ignore_case(v, "sip:") || starts_with_ignore_case(v, "sips:") {
                check_sip_uri(v)
            } else {
                check_phone(v)
            }
        }
        ValueKind::BooleanOrText => v.is_empty().then(|| {
            ValueProblem::invalid("the value is empty")
                .with_help("give `true`, `false`, or the postal code to use")
        }),
        ValueKind::Json => json::check_object(v),
        ValueKind::SsmlDuration => (!is_duration(v)).then(|| {
            ValueProblem::invalid(format!("`{v}` is not a duration"))
                .with_help("write a number of seconds or milliseconds, like `2s` or `500ms`")
        }),
        ValueKind::ProsodyVolume => check_prosody(
            v,
            &[
                "default", "silent", "x-soft", "soft", "medium", "loud", "x-loud",
            ],
            Signed::Required,
            "dB",
            "a signed decibel change like `+6dB`",
        ),
        ValueKind::ProsodyRate => check_prosody(
            v,
            &["x-slow", "slow", "medium", "fast", "x-fast"],
            Signed::Forbidden,
            "%",
            "a percentage like `80%`",
        ),
        ValueKind::ProsodyPitch => check_prosody(
            v,
            &["default", "x-low", "low", "medium", "high", "x-high"],
            Signed::Required,
            "%",
            "a signed percentage like `-10%`",
        ),
    }
}

/// Checks a whole number against an integer kind (the typed builder stores numbers as such).
/// A kind without a maximum still ends where the model's `u32` ends: a larger number would
/// pass here and fail to convert.
pub fn check_integer(kind: &ValueKind, n: u64) -> Option<ValueProblem> {
    let (min, max) = match *kind {
        ValueKind::Integer { min, max } => (min, max),
        ValueKind::IntegerOrKeyword { min, .. } => (min, None),
        ValueKind::IntegerList { min, max } => (min, Some(max)),
        _ => return None,
    };
    if n < u64::from(min) {
        let mut p = ValueProblem::out_of_range(format!("{n} is below the minimum of {min}"));
        if let Some(max) = max {
            p = p.with_help(format!("use a value from {min} to {max}"));
        }
        Some(p)
    } else if let Some(max) = max.filter(|&max| n > u64::from(max)) {
        Some(
            ValueProblem::out_of_range(format!("{n} is above the maximum of {max}"))
                .with_help(format!("use a value from {min} to {max}")),
        )
    } else if n > u64::from(u32::MAX) {
        Some(ValueProblem::out_of_range(format!(
            "{n} is larger than any value Twilio reads ({})",
            u32::MAX
        )))
    } else {
        None
    }
}

/// Checks one value of an enumerated set.
pub fn check_enum_value(set: &EnumSpec, v: &str) -> Option<ValueProblem> {
    if set.contains(v) {
        return None;
    }
    if let Some(meaning) = set.legacy_meaning(v) {
        return Some(
            ValueProblem::unusual(format!("`{v}` is a legacy spelling of `{meaning}`"))
                .with_help(format!("write `{meaning}`")),
        );
    }
    let close = closest(v, set.values);
    if let Some(family) = set.open
        && fits_family(family, v)
    {
        let mut p = ValueProblem {
            kind: ProblemKind::UnknownInOpenSet,
            message: format!("`{v}` is not a value Twilio has documented"),
            help: None,
        };
        if let Some(c) = close {
            p = p.with_help(format!("did you mean `{c}`?"));
        }
        return Some(p);
    }
    let p = ValueProblem::invalid(format!("`{v}` is not an allowed value"));
    Some(match close {
        Some(c) => p.with_help(format!("did you mean `{c}`?")),
        None if set.values.len() <= 12 => p.with_help(format!("use {}", one_of(set.values))),
        None => p,
    })
}

/// Whether a value outside an open set follows the family new values take.
pub fn fits_family(family: OpenFamily, v: &str) -> bool {
    match family {
        OpenFamily::SayVoice => fits_voice_family(v),
        OpenFamily::LanguageTag => is_language_tag(v),
        OpenFamily::Identifier => {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        }
    }
}

fn fits_voice_family(v: &str) -> bool {
    if matches!(v, "man" | "woman" | "alice") {
        return true;
    }
    if let Some(name) = v.strip_prefix("Polly.") {
        let base = name
            .strip_suffix("-Neural")
            .or_else(|| name.strip_suffix("-Generative"))
            .unwrap_or(name);
        return !base.is_empty() && base.chars().all(char::is_alphanumeric);
    }
    if let Some(rest) = v.strip_prefix("Google.") {
        // <lang>-<REGION>-<model>-<variant>, where the model may itself contain a dash.
        let parts: Vec<&str> = rest.split('-').collect();
        if parts.len() < 4 {
            return false;
        }
        let lang = parts[0];
        let region = parts[1];
        let variant = parts[parts.len() - 1];
        let model = parts[2..parts.len() - 1].join("-");
        return (2..=3).contains(&lang.len())
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && region.len() == 2
            && region.bytes().all(|b| b.is_ascii_alphabetic())
            && matches!(
                model.as_str(),
                "Standard" | "Wavenet" | "Neural2" | "Chirp3-HD" | "Chirp-HD" | "Studio" | "News"
            )
            && !variant.is_empty()
            && variant.chars().all(char::is_alphanumeric);
    }
    false
}

fn is_language_tag(v: &str) -> bool {
    let mut parts = v.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check_length(v: &str, min: u32, max: u32) -> Option<ValueProblem> {
    // A character takes one to four bytes, so the byte length alone settles most values.
    if v.len() <= max as usize && v.len().div_ceil(4) >= min as usize {
        return None;
    }
    let n = v.chars().count();
    if n < min as usize {
        Some(ValueProblem::out_of_range(if min == 1 {
            "the value is empty".to_string()
        } else {
            format!("{n} characters are given; at least {min} are needed")
        }))
    } else if n > max as usize {
        Some(ValueProblem::out_of_range(format!(
            "{n} characters are given; at most {max} are allowed"
        )))
    } else {
        None
    }
}

fn check_boolean(v: &str) -> Option<ValueProblem> {
    match v {
        "true" | "false" => None,
        _ if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") => Some(
            ValueProblem::unusual(format!("`{v}` is not written in lowercase"))
                .with_help(format!("write `{}`", v.to_ascii_lowercase())),
        ),
        _ => Some(
            ValueProblem::invalid(format!("`{v}` is not a boolean"))
                .with_help("use `true` or `false`"),
        ),
    }
}

fn check_url(kind: UrlKind, v: &str) -> Option<ValueProblem> {
    if v.is_empty() {
        return Some(ValueProblem::invalid("the URL is empty"));
    }
    // ASCII needs no decoding; other characters are checked one by one, from the first byte
    // that is not clean ASCII (an ASCII space or control is both whitespace or control).
    if let Some(from) = first_unclean_in_url(v.as_bytes())
        && let Some(c) = v[from..].chars().find(|&c| {
            !(c.is_ascii() && clean_in_url(c as u8)) && (c.is_whitespace() || c.is_control())
        })
    {
        return Some(
            ValueProblem::invalid(format!("the URL contains {}", describe(c)))
                .with_help("percent-encode it (a space is `%20`)"),
        );
    }
    let scheme = url_scheme(v);
    match kind {
        UrlKind::WebSocket => match scheme {
            Some(s) if s.eq_ignore_ascii_case("wss") => check_host(v, s),
            Some(s) if s.eq_ignore_ascii_case("ws") => Some(
                ValueProblem::invalid("the WebSocket URL is not encrypted")
                    .with_help("Twilio connects only to `wss://` URLs"),
            ),
            _ => Some(
                ValueProblem::invalid(format!("`{v}` is not a WebSocket URL"))
                    .with_help("give an absolute `wss://` URL"),
            ),
        },
        UrlKind::Absolute => match scheme {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                check_host(v, s)
            }
            Some(s) => Some(ValueProblem::invalid(format!(
                "`{s}:` URLs are not supported; use `https://`"
            ))),
            None => Some(
                ValueProblem::invalid(format!("`{v}` is not an absolute URL"))
                    .with_help("give the full address, starting with `https://`"),
            ),
        },
        UrlKind::AbsoluteOrRelative => match scheme {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                check_host(v, s)
            }
            Some(s) => Some(
                ValueProblem::invalid(format!("`{s}:` URLs are not supported"))
                    .with_help("use an `https://` URL or a path relative to this document"),
            ),
            None => None,
        },
    }
}

/// Whether `b` is a byte of a URL that needs no closer look: ASCII, neither a space nor a
/// control.
fn clean_in_url(b: u8) -> bool {
    b > b' ' && b != 0x7F && b < 0x80
}

/// The position of the first byte of `bytes` that is not [`clean_in_url`], passing over eight
/// clean bytes at a time: every URL of a response is checked, and most are clean throughout.
fn first_unclean_in_url(bytes: &[u8]) -> Option<usize> {
    use crate::swar::{HIGH, below, equal, word};
    let unclean = |x: u64| (below(x, 0x21) | equal(x, 0x7F) | (x & HIGH)) != 0;
    let mut at = 0;
    for eight in bytes.chunks_exact(8) {
        if unclean(word(eight)) {
            break;
        }
        at += 8;
    }
    // Every block clean and fewer than eight bytes left: the last eight, those among them,
    // are tested as one block (the others it reads again were clean).
    if at == bytes.len() / 8 * 8
        && at >= 8
        && bytes
            .last_chunk::<8>()
            .is_some_and(|last| !unclean(u64::from_le_bytes(*last)))
    {
        return None;
    }
    bytes[at..]
        .iter()
        .position(|&b| !clean_in_url(b))
        .map(|i| at + i)
}

/// The scheme of an absolute URL: letters, digits, `+ - .`, then `:` (RFC 3986), starting
/// with a letter. Read up to the first byte no scheme holds: the URL has a scheme when that
/// byte is the `:` (the first of the URL, then), and none otherwise (a later `:` follows a
/// byte no scheme holds), so a relative URL is settled at its first byte, `/`.
fn url_scheme(v: &str) -> Option<&str> {
    let bytes = v.as_bytes();
    // Nearly every URL of a response is `https://`: its eight bytes compared at once.
    if crate::swar::starts_with_ignoring_case(bytes, b"https://") {
        return Some(&v[..5]);
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (bytes[end] == b':' && bytes[0].is_ascii_alphabetic()).then(|| &v[..end])
}

/// Where the host of an authority and what follows it (`bytes`) begins and ends: the
/// authority ends at the first `/`, `?` or `#`, and its host follows its last `@`. The
/// delimiters are ASCII, so a search of the bytes finds them where the characters are; eight
/// bytes at a time, as every URL of a response is checked and an authority is a few dozen
/// bytes, too short for the vector unit.
fn authority_host(bytes: &[u8]) -> (usize, usize) {
    use crate::swar::{equal, padded};
    let mut host_start = 0;
    for (c, eight) in bytes.chunks(8).enumerate() {
        let x = padded(eight);
        // A mark above the first may be false (see `equal`): each byte marked is read.
        let mut marks = equal(x, b'/') | equal(x, b'?') | equal(x, b'#') | equal(x, b'@');
        while marks != 0 {
            let i = c * 8 + (marks.trailing_zeros() / 8) as usize;
            marks &= marks - 1;
            match bytes.get(i) {
                Some(b'/' | b'?' | b'#') => return (host_start, i),
                Some(b'@') => host_start = i + 1,
                _ => {}
            }
        }
    }
    (host_start, bytes.len())
}

fn check_host(v: &str, scheme: &str) -> Option<ValueProblem> {
    let rest = &v[scheme.len() + 1..];
    let Some(after) = rest.strip_prefix("//") else {
        return Some(ValueProblem::invalid(format!(
            "`{v}` has no `//` after `{scheme}:`"
        )));
    };
    let (host_start, host_end) = authority_host(after.as_bytes());
    let host = &after[host_start..host_end];
    (host.is_empty() || host.starts_with(':'))
        .then(|| ValueProblem::invalid(format!("`{v}` names no host")))
}

fn check_sid(prefix: &str, v: &str) -> Option<ValueProblem> {
    let ok = v.len() == 34
        && v.starts_with(prefix)
        && v.as_bytes()[2..].iter().all(u8::is_ascii_hexdigit);
    (!ok).then(|| {
        ValueProblem::invalid(format!("`{v}` is not a valid `{prefix}` SID")).with_help(format!(
            "such a SID is `{prefix}` followed by 32 hexadecimal digits"
        ))
    })
}

fn check_phone(v: &str) -> Option<ValueProblem> {
    if let Some(digits) = v.strip_prefix('+')
        && (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
    {
        return None;
    }
    let digit_count = v.bytes().filter(u8::is_ascii_digit).count();
    if digit_count > 15 {
        return Some(ValueProblem::out_of_range(format!(
            "`{v}` has {digit_count} digits; a phone number has at most 15"
        )));
    }
    let punctuation_only = v
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'(' | b')' | b'.' | b'+'));
    if punctuation_only && (3..=15).contains(&digit_count) {
        return Some(
            ValueProblem::unusual(format!("`{v}` is not in E.164 form"))
                .with_help("write the number as `+` and the country code, like `+14155550100`"),
        );
    }
    Some(
        ValueProblem::invalid(format!("`{v}` is not a phone number"))
            .with_help("write the number in E.164 form, like `+14155550100`"),
    )
}

fn check_sip_uri(v: &str) -> Option<ValueProblem> {
    let rest = if starts_with_ignore_case(v, "sip:") {
        &v[4..]
    } else if starts_with_ignore_case(v, "sips:") {
        &v[5..]
    } else if v.contains('@') && !v.contains(char::is_whitespace) && !v.contains(':') {
        return Some(
            ValueProblem::unusual(format!("`{v}` has no `sip:` scheme"))
                .with_help(format!("write `sip:{v}`")),
        );
    } else {
        return Some(
            ValueProblem::invalid(format!("`{v}` is not a SIP URI"))
                .with_help("a SIP URI starts with `sip:` or `sips:`, like `sip:alice@example.com`"),
        );
    };
    if rest.is_empty() {
        return Some(ValueProblem::invalid("the SIP URI names no address"));
    }
    if let Some(c) = rest.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(ValueProblem::invalid(format!(
            "the SIP URI contains {}",
            describe(c)
        )));
    }
    (v.len() >= 255).then(|| {
        ValueProblem::out_of_range(format!(
            "the SIP URI is {} characters long; it must be shorter than 255",
            v.len()
        ))
    })
}

fn starts_with_ignore_case(v: &str, prefix: &str) -> bool {
    v.len() >= prefix.len() && v.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn parse_integer(v: &str) -> Option<u64> {
    let digits = v.strip_prefix('+').unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Longer than u64 can hold is certainly out of every range we check.
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Digits, optionally a `.` and more digits.
fn is_unsigned_decimal(v: &str) -> bool {
    let (whole, fraction) = match v.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (v, None),
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn is_decimal(v: &str) -> bool {
    is_unsigned_decimal(v)
}

fn is_duration(v: &str) -> bool {
    v.strip_suffix("ms")
        .or_else(|| v.strip_suffix('s'))
        .is_some_and(is_unsigned_decimal)
}

#[derive(Clone, Copy)]
enum Signed {
    Required,
    Forbidden,
}

fn check_prosody(
    v: &str,
    keywords: &[&str],
    signed: Signed,
    unit: &str,
    form: &str,
) -> Option<ValueProblem> {
    if keywords.contains(&v) {
        return None;
    }
    let number = v.strip_suffix(unit);
    let ok = match (signed, number) {
        (Signed::Required, Some(n)) => n.strip_prefix(['+', '-']).is_some_and(is_unsigned_decimal),
        (Signed::Forbidden, Some(n)) => is_unsigned_decimal(n),
        (_, None) => false,
    };
    (!ok).then(|| {
        ValueProblem::invalid(format!("`{v}` is not an allowed value"))
            .with_help(format!("use {} or {form}", one_of(keywords)))
    })
}

/// Names a character for a message: printable ones in backticks, others by code point.
pub(crate) fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// "`a`, `b` or `c`", in the style of serde's expected-one-of lists.
pub(crate) fn one_of(values: &[&str]) -> String {
    match values {
        [] => "no value".to_string(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|v| format!("`{v}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

/// The known value closest to `v`: a different case, or a small edit distance.
pub fn closest<'a>(v: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(v)) {
        return Some(c);
    }
    let limit = (v.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .filter_map(|c| {
            let d = edit_distance(&v.to_ascii_lowercase(), &c.to_ascii_lowercase());
            (d <= limit).then_some((d, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one edit (optimal
/// string alignment), so that `lagnauge` is two edits from `language`. Inputs are short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]; three rows are enough.
    let mut before = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Characters XML 1.0 can carry (production `Char`). Rust strings cannot hold surrogates, so
/// what is left to refuse is the C0 controls other than TAB, LF and CR, and U+FFFE, U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `s` that XML 1.0 cannot carry, with its byte offset.
pub fn find_non_xml_char(s: &str) -> Option<(usize, char)> {
    // The only ways in are bytes below 0x20 other than tab, line feed and carriage return, and
    // the EF BF BE / EF BF BF encodings of U+FFFE and U+FFFF. A scan of a block of bytes at a time
    // finds whether one is there; the exact search runs only when one is.
    if !may_hold_non_xml_char(s.as_bytes()) {
        return None;
    }
    let start = s.bytes().position(suspicious)?;
    s[start..]
        .char_indices()
        .find(|&(_, c)| !is_xml_char(c))
        .map(|(i, c)| (start + i, c))
}

/// `s.trim()`, answered without decoding a character when `s` starts and ends with a printable
/// ASCII character other than the space, as nearly every value does.
pub(crate) fn trim(s: &str) -> &str {
    // A printable ASCII byte other than the space, in one comparison: any other byte (a
    // space, a control, DEL or a byte of a longer character) sends the value to `str::trim`.
    let plain = |b: &u8| b.wrapping_sub(b'!') < 0x7F - b'!';
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => s,
        _ => s.trim(),
    }
}

/// A byte that may begin a character XML 1.0 cannot carry: a control character other than
/// tab, line feed and carriage return, or the first byte of the encodings of U+FFFE and U+FFFF.
pub(crate) const fn suspicious(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0xEF)
}

/// Whether `bytes` hold a [`suspicious`] byte: when not, no character of theirs needs
/// checking. Sixty-four bytes at a time, each block tested whole with no branch per byte,
/// which the compiler does in vector lanes; what is left of a block (all of a short value,
/// as most of a built document's are) eight bytes at a time in a `u64`, then byte by byte.
pub(crate) fn may_hold_non_xml_char(bytes: &[u8]) -> bool {
    let (blocks, rest) = bytes.as_chunks::<64>();
    if blocks
        .iter()
        .any(|block| block.iter().fold(false, |any, &b| any | suspicious(b)))
    {
        return true;
    }
    let (words, tail) = rest.as_chunks::<8>();
    for word in words {
        let x = u64::from_le_bytes(*word);
        // A byte below 0x20, or a byte equal to 0xEF.
        let maybe = crate::swar::below(x, 0x20) | crate::swar::equal(x, 0xEF);
        if maybe != 0 && word.iter().any(|&b| suspicious(b)) {
            return true;
        }
    }
    tail.iter().any(|&b| suspicious(b))
}

/// Whether `name` is an XML `Name` (letters, digits, `_ - . :`, not starting with a digit,
/// `-` or `.`). Custom element and attribute names must be.
pub fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start = |c: char| c.is_alphabetic() || c == '_' || c == ':';
    start(first)
        && chars.all(|c| start(c) || c.is_alphanumeric() || matches!(c, '-' | '.' | '\u{B7}'))
}

mod json {
    //! Just enough JSON to tell whether `<Task>` text is an object. Depth is bounded so that
    //! no input can exhaust the stack.

    use super::ValueProblem;

    const MAX_DEPTH: usize = 64;

    pub(super) fn check_object(v: &str) -> Option<ValueProblem> {
        let mut p = Parser {
            s: v.as_bytes(),
            i: 0,
        };
        p.ws();
        if p.peek() != Some(b'{') {
            return Some(
                ValueProblem::invalid("the text is not a JSON object").with_help(
                    "give the task attributes as a JSON object, like `{\"language\": \"es\"}`",
                ),
            );
        }
        let result = p.value(0).and_then(|()| {
            p.ws();
            if p.i == p.s.len() { Ok(()) } else { Err(p.i) }
        });
        result.err().map(|at| {
            ValueProblem::invalid(format!(
                "the text is not valid JSON (at character {})",
                v[..at.min(v.len())].chars().count() + 1
            ))
        })
    }

    struct Parser<'a> {
        s: &'a [u8],
        i: usize,
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<u8> {
            self.s.get(self.i).copied()
        }

        fn ws(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.i += 1;
            }
        }

        fn eat(&mut self, b: u8) -> Result<(), usize> {
            if self.peek() == Some(b) {
                self.i += 1;
                Ok(())
            } else {
                Err(self.i)
            }
        }

        fn value(&mut self, depth: usize) -> Result<(), usize> {
            if depth > MAX_DEPTH {
                return Err(self.i);
            }
            self.ws();
            match self.peek() {
                Some(b'{') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                        return Ok(());
                    }
                    loop {
                        self.ws();
                        self.string()?;
                        self.ws();
                        self.eat(b':')?;
                        self.value(depth + 1)?;
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                return Ok(());
                            }
                            _ => return Err(self.i),
                        }
                    }
                }
                Some(b'[') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        return Ok(());
                    }
                    loop {
                        self.value(depth + 1)?;
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                return Ok(());
                            }
                            _ => return Err(self.i),
                        }
                    }
                }
                Some(b'"') => self.string(),
                Some(b't') => self.literal(b"true"),
                Some(b'f') => self.literal(b"false"),
                Some(b'n') => self.literal(b"null"),
                Some(b'-' | b'0'..=b'9') => self.number(),
                _ => Err(self.i),
            }
        }

        fn literal(&mut self, word: &[u8]) -> Result<(), usize> {
            if self.s[self.i..].starts_with(word) {
                self.i += word.len();
                Ok(())
            } else {
                Err(self.i)
            }
        }

        fn string(&mut self) -> Result<(), usize> {
            self.eat(b'"')?;
            loop {
                match self.peek() {
                    None => return Err(self.i),
                    Some(b'"') => {
                        self.i += 1;
                        return Ok(());
                    }
                    Some(b'\\') => {
                        self.i += 1;
                        match self.peek() {
                            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                                self.i += 1
                            }
                            Some(b'u') => {
                                let hex = self.s.get(self.i + 1..self.i + 5).ok_or(self.i)?;
                                if !hex.iter().all(u8::is_ascii_hexdigit) {
                                    return Err(self.i);
                                }
                                self.i += 5;
                            }
                            _ => return Err(self.i),
                        }
                    }
                    Some(b) if b < 0x20 => return Err(self.i),
                    Some(_) => self.i += 1,
                }
            }
        }

        fn number(&mut self) -> Result<(), usize> {
            let start = self.i;
            if self.peek() == Some(b'-') {
                self.i += 1;
            }
            let digits = |p: &mut Self| {
                let from = p.i;
                while matches!(p.peek(), Some(b'0'..=b'9')) {
                    p.i += 1;
                }
                if p.i == from { Err(p.i) } else { Ok(()) }
            };
            digits(self)?;
            if self.peek() == Some(b'.') {
                self.i += 1;
                digits(self)?;
            }
            if matches!(self.peek(), Some(b'e' | b'E')) {
                self.i += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.i += 1;
                }
                digits(self)?;
            }
            debug_assert!(self.i > start);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
