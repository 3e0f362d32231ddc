//! Fixed lists the detectors consult that are not words of the lexicon: telephone area codes,
//! card issuer prefixes and test numbers, link shorteners. The words the rules read are
//! concepts of the lexicon (`text/lexicon.rs`). Section numbers (§) refer to
//! `compliance-rules.md`.

/// Toll-free area codes (§2 D-TOLLFREE).
pub(crate) static TOLL_FREE_NPAS: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

/// Pay-per-call area codes that cannot serve as a call-back number (§2 D-PHONE, §3.3 TCPA002).
pub(crate) static PREMIUM_NPAS: &[&str] = &["900", "976"];

/// Issuer identification prefixes as inclusive ranges of equal-length digit strings (§2 D-PAN):
/// Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay.
pub(crate) static ISSUER_PREFIXES: &[(&str, &str)] = &[
    ("4", "4"),
    ("51", "55"),
    ("2221", "2720"),
    ("34", "34"),
    ("37", "37"),
    ("6011", "6011"),
    ("644", "649"),
    ("65", "65"),
    ("3528", "3589"),
    ("300", "305"),
    ("36", "36"),
    ("38", "39"),
    ("62", "62"),
];

/// Published test card numbers: allow-listable in non-production builds (§3.2 PCI005).
pub(crate) static TEST_PANS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "4000056655665556",
    "5105105105105100",
    "371449635398431",
    "6011000990139424",
    "3530111333300000",
    "4012888888881881",
    "4222222222222",
];

/// Public or shared URL-shortener hosts; a subdomain of one counts as the host (§2 D-SHORTENER).
pub(crate) static SHORTENER_HOSTS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "t.co",
    "is.gd",
    "v.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "tiny.cc",
    "t.ly",
    "s.id",
    "bit.do",
    "x.co",
    "lnkd.in",
    "trib.al",
    "shorte.st",
    "adf.ly",
    "tr.im",
    TWILIO_SHARED_HOST,
];

/// Twilio's shared short-link domain: flagged as a warning rather than a public shortener (§2).
pub(crate) const TWILIO_SHARED_HOST: &str = "twil.io";
