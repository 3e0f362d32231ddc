//! `--select` and `--ignore`: which codes a check reports, as ruff chooses its rules.
//!
//! A selector is `ALL`, a code (`REC001`) or rule name (`capture-before-notice`), or a prefix
//! of codes made of a family's letters and any leading digits (`PCI`, `TW`, `TW01`,
//! `DEBT00`). Without `--select` every code is selected. A code is reported when its most
//! specific matching `--select` is more specific than its most specific matching `--ignore`:
//! `--select TW --ignore TW0103` drops TW0103, `--select TW0103 --ignore TW` keeps it, and of
//! two selectors equally specific, `--ignore` wins.

use std::collections::HashSet;

use twiml_core::codes::Code;
use twiml_core::grammar::closest;

/// One `--select` or `--ignore` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Selector {
    /// Every code.
    All,
    /// The codes that start with this (uppercase), or the one code it names.
    Prefix(String),
}

impl Selector {
    /// Reads a selector; the error names it and suggests the nearest that exists.
    pub(crate) fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty code; give codes or prefixes, separated by commas".to_string());
        }
        if text.eq_ignore_ascii_case("ALL") {
            return Ok(Selector::All);
        }
        if let Some(code) = Code::find(text) {
            return Ok(Selector::Prefix(code.code().to_string()));
        }
        let upper = text.to_ascii_uppercase();
        let family = upper.trim_end_matches(|c: char| c.is_ascii_digit());
        let is_prefix = Code::all().any(|c| {
            c.code().starts_with(&upper)
                && c.code().trim_end_matches(|ch: char| ch.is_ascii_digit()) == family
        });
        if is_prefix {
            return Ok(Selector::Prefix(upper));
        }
        let candidates = candidates();
        let mut message = format!("`{text}` is no code, prefix of codes or rule name");
        if let Some(near) = closest(text, &candidates) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        message.push_str(" (`twiml rules` lists every code)");
        Err(message)
    }

    /// Whether the selector matches `code`.
    fn matches(&self, code: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Prefix(prefix) => code.starts_with(prefix.as_str()),
        }
    }

    /// How specific the selector is: `ALL` least, then longer prefixes, a whole code most.
    fn specificity(&self) -> usize {
        match self {
            Selector::All => 0,
            Selector::Prefix(prefix) => prefix.len(),
        }
    }
}

/// What `Selector::parse` suggests from: every code and name, the family prefixes, and `ALL`.
fn candidates() -> Vec<&'static str> {
    let mut candidates = vec!["ALL"];
    for code in Code::all() {
        let family = code.code().trim_end_matches(|c: char| c.is_ascii_digit());
        if !candidates.contains(&family) {
            candidates.push(family);
        }
    }
    candidates.extend(Code::all().map(Code::code));
    candidates.extend(Code::all().map(Code::name));
    candidates
}

/// The codes a check reports.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    /// The codes selected, or `None` for every code.
    reported: Option<HashSet<&'static str>>,
}

impl Selection {
    /// The codes that `select` (every code when empty) and `ignore` leave.
    pub(crate) fn new(select: &[Selector], ignore: &[Selector]) -> Self {
        if select.is_empty() && ignore.is_empty() {
            return Selection { reported: None };
        }
        let most_specific = |selectors: &[Selector], code: &str| {
            selectors
                .iter()
                .filter(|s| s.matches(code))
                .map(Selector::specificity)
                .max()
        };
        let reported = Code::all()
            .map(Code::code)
            .filter(|code| {
                let selected = if select.is_empty() {
                    Some(0)
                } else {
                    most_specific(select, code)
                };
                match (selected, most_specific(ignore, code)) {
                    (None, _) => false,
                    (Some(_), None) => true,
                    (Some(selected), Some(ignored)) => selected > ignored,
                }
            })
            .collect();
        Selection {
            reported: Some(reported),
        }
    }

    /// Whether findings of `code` are reported.
    pub(crate) fn reports(&self, code: &str) -> bool {
        self.reported.as_ref().is_none_or(|set| set.contains(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(select: &[&str], ignore: &[&str]) -> Selection {
        let parse = |list: &[&str]| -> Vec<Selector> {
            list.iter().map(|s| Selector::parse(s).unwrap()).collect()
        };
        Selection::new(&parse(select), &parse(ignore))
    }

    #[test]
    fn prefixes_follow_the_families() {
        assert_eq!(
            Selector::parse("pci").unwrap(),
            Selector::Prefix("PCI".into())
        );
        assert_eq!(
            Selector::parse("TW01").unwrap(),
            Selector::Prefix("TW01".into())
        );
        assert_eq!(
            Selector::parse("capture-before-notice").unwrap(),
            Selector::Prefix("REC001".into())
        );
        assert_eq!(Selector::parse("all").unwrap(), Selector::All);
        // `T` would mix two families, `TW9` and `REC9` match nothing.
        for wrong in ["T", "TW9", "REC9", "XYZ", "REC0011"] {
            assert!(Selector::parse(wrong).is_err(), "{wrong}");
        }
        let error = Selector::parse("REC01").unwrap_err();
        assert!(error.starts_with("`REC01` is no code"), "{error}");
        assert!(error.contains("did you mean `REC001`?"), "{error}");
        let error = Selector::parse("PCX").unwrap_err();
        assert!(error.contains("did you mean `PCI`?"), "{error}");
    }

    #[test]
    fn the_more_specific_wins_and_ignore_wins_a_tie() {
        let s = selection(&["TW"], &["TW0103"]);
        assert!(s.reports("TW0104") && !s.reports("TW0103") && !s.reports("REC001"));
        let s = selection(&["TW0103"], &["TW"]);
        assert!(s.reports("TW0103") && !s.reports("TW0104"));
        let s = selection(&["REC001"], &["REC001"]);
        assert!(!s.reports("REC001"));
        let s = selection(&[], &["REC", "PCI001"]);
        assert!(!s.reports("REC003") && !s.reports("PCI001") && s.reports("PCI002"));
        let s = selection(&["ALL"], &["TW01"]);
        assert!(s.reports("TW0001") && !s.reports("TW0104") && s.reports("GEN001"));
        let s = selection(&["TW01", "TW010"], &["TW01"]);
        assert!(s.reports("TW0104") && !s.reports("TW0110"));
        let everything = selection(&[], &[]);
        assert!(Code::all().all(|c| everything.reports(c.code())));
    }
}
