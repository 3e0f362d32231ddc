//! Every concept of the lexicon found in one pass over a document's text.
//!
//! The lexicon's entries are expanded (`record{,s,ed}`), normalised and tokenised like the text,
//! and compiled once into one Aho-Corasick automaton. A document's text (its tokens joined by
//! single spaces) is searched once, reporting overlapping matches; a match counts when it
//! starts and ends at token edges, unless its entry is open at that end (`*pril`,
//! `alzheimer*`). `regex::RegexSet` was measured against this on the same entries: it only
//! says which patterns match, so finding where costs a second pass per matching pattern (see
//! `benches/lexicon.rs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon::{Concept, LEXICON};
use super::token::Tokenizer;

/// A set of concepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Concepts(u128);

const _: () = assert!(Concept::ALL.len() <= 128, "a concept set is a u128");

impl Concepts {
    /// The set with one concept.
    pub(crate) const fn of(c: Concept) -> Concepts {
        Concepts(1 << c as u8)
    }

    /// Whether `c` is in the set.
    pub(crate) const fn has(self, c: Concept) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    /// The union.
    pub(crate) const fn with(self, other: Concepts) -> Concepts {
        Concepts(self.0 | other.0)
    }
}

/// One compiled entry: the concepts it stands for, and whether it may start or end inside a
/// word.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    concepts: Concepts,
    open_start: bool,
    open_end: bool,
}

/// The lexicon, compiled.
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

/// A match in a text: byte range and concepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteHit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) concepts: Concepts,
}

impl Matcher {
    /// The lexicon, compiled once and shared.
    pub(crate) fn get() -> &'static Matcher {
        static MATCHER: OnceLock<Matcher> = OnceLock::new();
        MATCHER.get_or_init(|| Matcher::new(LEXICON))
    }

    fn new(lexicon: &[(Concept, &[&str])]) -> Matcher {
        // Most entries expand to one or two forms: sized up front, the index seldom grows.
        let entries: usize = lexicon.iter().map(|(_, e)| e.len()).sum();
        let mut index: HashMap<(String, bool, bool), usize> = HashMap::with_capacity(2 * entries);
        let mut texts: Vec<String> = Vec::with_capacity(2 * entries);
        let mut patterns: Vec<Pattern> = Vec::with_capacity(2 * entries);
        let mut tokenizer = Tokenizer::default();
        for (concept, entries) in lexicon {
            for entry in *entries {
                for form in expand(entry) {
                    let Some(key) = compile(&form, &mut tokenizer) else {
                        continue;
                    };
                    let at = match index.get(&key) {
                        Some(&at) => at,
                        None => {
                            texts.push(key.0.clone());
                            patterns.push(Pattern {
                                concepts: Concepts::default(),
                                open_start: key.1,
                                open_end: key.2,
                            });
                            index.insert(key, patterns.len() - 1);
                            patterns.len() - 1
                        }
                    };
                    patterns[at].concepts = patterns[at].concepts.with(Concepts::of(*concept));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .expect("the lexicon compiles");
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every match of every concept in `text` (tokens joined by single spaces, `\n` where a
    /// sentence is cut), at token edges.
    pub(crate) fn find(&self, text: &str) -> Vec<ByteHit> {
        let bytes = text.as_bytes();
        let gap = |b: u8| matches!(b, b' ' | b'\n');
        let mut found = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let pattern = self.patterns[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            let edge_before = start == 0 || gap(bytes[start - 1]);
            let edge_after = end == bytes.len() || gap(bytes[end]);
            // An open start is a suffix: it must begin inside a word.
            let starts_ok = edge_before != pattern.open_start;
            let ends_ok = edge_after || pattern.open_end;
            if starts_ok && ends_ok {
                found.push(ByteHit {
                    start,
                    end,
                    concepts: pattern.concepts,
                });
            }
        }
        found
    }
}

/// The forms of an entry: each `{a,b}` group stands for each of its alternatives in turn.
pub(crate) fn expand(entry: &str) -> Vec<String> {
    let mut forms = vec![String::new()];
    let mut rest = entry;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let prefix = &rest[..open];
        let choices: Vec<&str> = rest[open + 1..close].split(',').collect();
        forms = forms
            .iter()
            .flat_map(|f| choices.iter().map(move |c| format!("{f}{prefix}{c}")))
            .collect();
        rest = &rest[close + 1..];
    }
    forms.into_iter().map(|f| f + rest).collect()
}

/// An expanded entry as the automaton searches for it: its tokens joined by single spaces,
/// and whether it is open at its start or end.
fn compile(form: &str, tokenizer: &mut Tokenizer) -> Option<(String, bool, bool)> {
    let form = form.trim();
    let open_start = form.starts_with('*');
    let open_end = form.ends_with('*') && form.len() > 1;
    let core = form.trim_start_matches('*').trim_end_matches('*');
    let mut text = String::with_capacity(core.len());
    tokenizer.run(core, |word, _, _, _| {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    });
    (!text.is_empty()).then_some((text, open_start, open_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_braces() {
        assert_eq!(expand("record{,s,ed}"), ["record", "records", "recorded"]);
        assert_eq!(expand("{a,b} {c,d}"), ["a c", "a d", "b c", "b d"]);
        assert_eq!(expand("plain"), ["plain"]);
    }

    #[test]
    fn every_concept_has_entries_that_compile() {
        for (concept, entries) in LEXICON {
            assert!(!entries.is_empty(), "{concept:?} has no entries");
            for entry in *entries {
                assert_eq!(
                    entry.matches('{').count(),
                    entry.matches('}').count(),
                    "{concept:?}: unbalanced braces in {entry:?}"
                );
                for form in expand(entry) {
                    assert!(
                        compile(&form, &mut Tokenizer::default()).is_some(),
                        "{concept:?}: {entry:?} is empty"
                    );
                }
            }
        }
        for (i, concept) in Concept::ALL.iter().enumerate() {
            assert_eq!(*concept as usize, i);
            assert_eq!(LEXICON[i].0, *concept);
        }
    }

    #[test]
    fn finds_concepts_at_token_edges() {
        let matcher = Matcher::get();
        let text = "your lisinopril refill is ready in april";
        let hits = matcher.find(text);
        let medication: Vec<&str> = hits
            .iter()
            .filter(|h| h.concepts.has(Concept::Medication))
            .map(|h| &text[h.start..h.end])
            .collect();
        // `*pril` matches the end of a word; the veto list knows April.
        assert!(medication.contains(&"pril"));
        assert!(
            hits.iter()
                .any(|h| h.concepts.has(Concept::HealthVeto) && &text[h.start..h.end] == "april")
        );
        // `card` is not found inside `discard`.
        assert!(
            !matcher
                .find("discard it")
                .iter()
                .any(|h| h.concepts.has(Concept::CardNoun))
        );
    }
}
