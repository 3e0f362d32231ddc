//! Every concept of the lexicon found in one pass over a document's tokens.
//!
//! The build script compiles the lexicon into tables (`build.rs`): its entries expanded
//! (`record{,s,ed}`), normalised and tokenised like the text, forms closed at both ends in a
//! trie of words, forms open at one end (`alzheimer*`, `*pril`) as single words. Nothing is
//! built when a process starts. A document's tokens are looked up once each in the table of
//! words; from each token the trie is walked along the words that follow it in its sentence
//! (a form never spans a sentence cut), and the token is tried against the open forms that
//! share its first or last byte. A form is found where all its words are whole tokens, except
//! at its open end: `*pril` ends a longer word (`lisinopril`, never `pril` alone),
//! `alzheimer*` starts one (`alzheimers`).

use super::lexicon::Concept;
use super::{Hit, Token};

mod tables {
    include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));
}

use tables::{
    ACCEPT, EDGE_AT, EDGES, FIRST, PREFIX_AT, PREFIXES, SETS, SINGLE, SLOTS, SUFFIX_AT, SUFFIXES,
    WORDS,
};

/// A set of concepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Concepts(u128);

const _: () = assert!(Concept::ALL.len() <= 128, "a concept set is a u128");

impl Concepts {
    /// Whether `c` is in the set.
    pub(crate) const fn has(self, c: Concept) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    /// The union.
    pub(crate) const fn with(self, other: Concepts) -> Concepts {
        Concepts(self.0 | other.0)
    }

    /// The set of `concepts`.
    pub(crate) const fn of(concepts: &[Concept]) -> Concepts {
        let mut set = 0;
        let mut i = 0;
        while i < concepts.len() {
            set |= 1 << concepts[i] as u8;
            i += 1;
        }
        Concepts(set)
    }

    /// Whether the two sets share a concept.
    pub(crate) const fn meets(self, other: Concepts) -> bool {
        self.0 & other.0 != 0
    }
}

/// Per byte: the length of the shortest open form of `forms` whose word starts (`at_end`
/// false) or ends (`at_end` true) with it; `u8::MAX` when none does. A word shorter than that
/// is not tried against the forms of its byte.
const fn shortest(forms: &[(&str, u16)], at_end: bool) -> [u8; 256] {
    let mut table = [u8::MAX; 256];
    let mut k = 0;
    while k < forms.len() {
        let form = forms[k].0.as_bytes();
        if !form.is_empty() {
            let key = form[if at_end { form.len() - 1 } else { 0 }] as usize;
            let len = if form.len() < u8::MAX as usize {
                form.len() as u8
            } else {
                u8::MAX - 1
            };
            if len < table[key] {
                table[key] = len;
            }
        }
        k += 1;
    }
    table
}

/// [`shortest`] of the prefixes, by first byte.
static PREFIX_MIN: [u8; 256] = shortest(&PREFIXES, false);
/// [`shortest`] of the suffixes, by last byte.
static SUFFIX_MIN: [u8; 256] = shortest(&SUFFIXES, true);

/// No word of a closed form.
const NONE: u16 = u16::MAX;

/// The id of a closed form's word, or [`NONE`]. Inline: the builder looks up every token.
#[inline]
pub(super) fn word_id(word: &str) -> u16 {
    if let &[b] = word.as_bytes() {
        return single_id(b);
    }
    word_id_by(word.as_bytes(), super::forms::hash(word.as_bytes()))
}

/// [`word_id`] of a word of one byte (of ASCII: a byte beyond is no word).
#[inline(always)]
pub(super) fn single_id(b: u8) -> u16 {
    if b.is_ascii() {
        SINGLE[usize::from(b)]
    } else {
        NONE
    }
}

/// [`word_id`] of a word whose [`hash`](super::forms::hash) is `hash`, made as it was read.
#[inline]
pub(super) fn word_id_by(word: &[u8], hash: u32) -> u16 {
    if let &[b] = word
        && b.is_ascii()
    {
        return SINGLE[usize::from(b)];
    }
    let mask = SLOTS.len() - 1;
    let mut at = hash as usize & mask;
    loop {
        match SLOTS[at] {
            0 => return NONE,
            slot if same(WORDS[usize::from(slot - 1)].as_bytes(), word) => {
                return slot - 1;
            }
            _ => at = (at + 1) & mask,
        }
    }
}

/// Whether two words are the same, byte by byte: words are short, and a loop of a few bytes
/// costs less than a call to compare memory.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Every match of every concept in `tokens`, whose normalised text is `text` (tokens of one
/// sentence joined by a space, a cut by a line break), into `found`, and per token the
/// concepts of the matches that start there into `starts` (both emptied first). Hits come
/// sorted by start token, then end.
pub(super) fn find(
    tokens: &[Token],
    text: &[u8],
    found: &mut Vec<Hit>,
    starts: &mut Vec<Concepts>,
) {
    found.clear();
    starts.clear();
    // Rarely more matches than tokens.
    found.reserve(tokens.len());
    starts.reserve(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let start = i as u32;
        // The concepts of the matches that start at this token.
        let mut here = Concepts::default();
        let mut hit = |end: usize, set: u16| {
            let concepts = Concepts(SETS[usize::from(set)]);
            here = here.with(concepts);
            found.push(Hit {
                start,
                end: end as u32,
                concepts,
            });
        };
        // Open forms: one word each, so they end with this token.
        // Most words are shorter than every form of their first and last byte.
        let w = text
            .get(token.start as usize..token.end as usize)
            .unwrap_or_default();
        if let (Some(&first), Some(&last)) = (w.first(), w.last()) {
            if w.len() >= usize::from(PREFIX_MIN[usize::from(first)]) {
                let bucket = usize::from(PREFIX_AT[usize::from(first)])
                    ..usize::from(PREFIX_AT[usize::from(first) + 1]);
                for &(prefix, set) in PREFIXES.get(bucket).unwrap_or_default() {
                    if w.starts_with(prefix.as_bytes()) {
                        hit(i + 1, set);
                    }
                }
            }
            if w.len() > usize::from(SUFFIX_MIN[usize::from(last)]) {
                let bucket = usize::from(SUFFIX_AT[usize::from(last)])
                    ..usize::from(SUFFIX_AT[usize::from(last) + 1]);
                for &(suffix, set) in SUFFIXES.get(bucket).unwrap_or_default() {
                    if w.len() > suffix.len() && w.ends_with(suffix.as_bytes()) {
                        hit(i + 1, set);
                    }
                }
            }
        }
        // Closed forms: the trie, along the words of the sentence.
        let mut state = match token.word_id {
            NONE => 0,
            id => FIRST[usize::from(id)] as usize,
        };
        let mut at = token;
        let mut j = i;
        while state != 0 {
            if ACCEPT[state] != 0 {
                hit(j + 1, ACCEPT[state]);
            }
            // The next token, if it is heard in this sentence and is a word of the lexicon.
            let Some(next) = tokens.get(j + 1) else {
                break;
            };
            if text.get(at.end as usize) != Some(&b' ') || next.word_id == NONE {
                break;
            }
            j += 1;
            at = next;
            let edges = &EDGES[EDGE_AT[state] as usize..EDGE_AT[state + 1] as usize];
            state = match edges.binary_search_by_key(&next.word_id, |e| e.0) {
                Ok(k) => edges[k].1 as usize,
                Err(_) => 0,
            };
        }
        starts.push(here);
    }
    debug_assert!(found.is_sorted_by_key(|h| (h.start, h.end)));
}

#[cfg(test)]
mod tests {
    use super::super::forms::{compile, expand};
    use super::super::lexicon::LEXICON;
    use super::super::token::Tokenizer;
    use super::super::{Concept, Transcript};
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

    /// Every form of every entry, said alone, is found with its concept: the tables hold the
    /// whole lexicon as it is now.
    #[test]
    fn every_form_finds_its_concept() {
        let mut tokenizer = Tokenizer::default();
        for (concept, entries) in LEXICON {
            for entry in *entries {
                for form in expand(entry) {
                    let Some(compiled) = compile(&form, &mut tokenizer) else {
                        continue;
                    };
                    let mut text = compiled.words.join(" ");
                    if compiled.open_start {
                        text.insert_str(0, "xx");
                    }
                    if compiled.open_end {
                        text.push_str("xx");
                    }
                    let t = Transcript::of_text(&text);
                    assert!(
                        t.hits_of(*concept).any(|h| h == (0..t.len())),
                        "{concept:?}: {form:?} is not found in {text:?}"
                    );
                }
            }
        }
    }

    fn words_of(t: &Transcript, c: Concept) -> Vec<&str> {
        t.hits_of(c).map(|h| t.text_of(h)).collect()
    }

    #[test]
    fn finds_concepts_at_token_edges() {
        let t = Transcript::of_text("your lisinopril refill is ready in april");
        // `*pril` matches the end of a word (April too); the veto list knows April.
        assert_eq!(words_of(&t, Concept::Medication), ["lisinopril", "april"]);
        assert!(words_of(&t, Concept::HealthVeto).contains(&"april"));
        // `*pril` needs something before it.
        let t = Transcript::of_text("pril");
        assert!(words_of(&t, Concept::Medication).is_empty());
        // `card` is not found inside `discard`.
        let t = Transcript::of_text("discard it");
        assert!(words_of(&t, Concept::CardNoun).is_empty());
        // `alzheimer*` goes on.
        let t = Transcript::of_text("alzheimers care");
        assert!(!words_of(&t, Concept::Condition).is_empty());
    }

    #[test]
    fn a_form_does_not_span_a_sentence_cut() {
        let t = Transcript::of_text("thank you");
        assert!(words_of(&t, Concept::Greeting).contains(&"thank you"));
        let t = Transcript::of_text("thank. you");
        assert!(!words_of(&t, Concept::Greeting).contains(&"thank . you"));
        assert!(t.hits_of(Concept::Greeting).all(|h| h.end - h.start == 1));
    }

    #[test]
    fn words_of_one_byte_have_the_id_of_the_table_of_words() {
        for b in 0..128u8 {
            let word = char::from(b).to_string();
            let by_hash = WORDS
                .iter()
                .position(|w| *w == word)
                .map_or(NONE, |id| id as u16);
            assert_eq!(word_id(&word), by_hash, "{word:?}");
            assert_eq!(single_id(b), by_hash, "{word:?}");
        }
        // A byte beyond ASCII is no word of one byte.
        for b in 128..=255u8 {
            assert_eq!(single_id(b), NONE, "{b}");
        }
    }

    #[test]
    fn the_shortest_open_forms_are_those_of_the_tables() {
        for b in 0..=255u8 {
            let of = |forms: &[(&str, u16)], at_end: bool| {
                forms
                    .iter()
                    .map(|(f, _)| f.as_bytes())
                    .filter(|f| (if at_end { f.last() } else { f.first() }) == Some(&b))
                    .map(|f| f.len().min(usize::from(u8::MAX - 1)))
                    .min()
                    .map_or(u8::MAX, |n| n as u8)
            };
            assert_eq!(PREFIX_MIN[usize::from(b)], of(&PREFIXES, false), "{b}");
            assert_eq!(SUFFIX_MIN[usize::from(b)], of(&SUFFIXES, true), "{b}");
        }
    }

    #[test]
    fn every_word_of_the_table_has_its_id() {
        for (id, word) in WORDS.iter().enumerate() {
            assert_eq!(word_id(word), id as u16, "{word:?}");
            let mut longer = word.to_string();
            longer.push('q');
            assert_ne!(word_id(&longer), id as u16, "{longer:?}");
            if let Some((last, _)) = word.char_indices().last()
                && last > 0
            {
                assert_ne!(word_id(&word[..last]), id as u16, "{word:?} cut");
            }
        }
    }

    #[test]
    fn the_concepts_starting_at_a_token_are_those_of_its_hits() {
        let mut rng = crate::test_rng::Xorshift(0xBB67_AE85_84CA_A73B);
        let words: Vec<&str> = WORDS
            .iter()
            .chain(PREFIXES.iter().map(|(w, _)| w))
            .chain(SUFFIXES.iter().map(|(w, _)| w))
            .copied()
            .collect();
        let mut found = 0;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(rng.next() % 12) {
                text.push_str(words[(rng.next() % words.len() as u64) as usize]);
                text.push_str([" ", " ", "xx ", ". ", ", "][(rng.next() % 5) as usize]);
            }
            let t = Transcript::of_text(&text);
            assert_eq!(t.starts.len(), t.tokens.len());
            for i in 0..t.len() {
                let of_hits = t
                    .hits
                    .iter()
                    .filter(|h| h.start == i)
                    .fold(Concepts::default(), |all, h| all.with(h.concepts));
                assert_eq!(t.concepts_at(i), of_hits, "{text:?} {i}");
            }
            found += t.hits.len();
        }
        assert!(found > 2_000, "{found}");
    }

    #[test]
    fn words_not_in_the_lexicon_have_no_id() {
        assert_eq!(word_id("zzzqqq"), NONE);
        assert_eq!(word_id(""), NONE);
        assert_ne!(word_id("record"), NONE);
    }
}
