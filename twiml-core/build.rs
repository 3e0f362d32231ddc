//! Compiles the concept lexicon (`src/rules/text/lexicon.rs`) into the matcher's tables, so
//! that a process starts with them ready instead of building an automaton first.
//!
//! Every entry is expanded and tokenised exactly as at run time (the same `forms.rs` and
//! `token.rs`). Forms closed at both ends go into a trie of words; forms open at one end
//! (`alzheimer*`, `*pril`) are single words, looked up by their first or last byte. The
//! tables are written to `lexicon_tables.rs` in `OUT_DIR`, which `matcher.rs` includes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/rules/text/token.rs"]
mod token;

#[allow(dead_code)]
#[path = "src/rules/text/lexicon.rs"]
mod lexicon;

#[allow(dead_code)]
#[path = "src/rules/text/forms.rs"]
mod forms;

#[allow(dead_code)]
#[path = "src/swar.rs"]
mod swar;

/// The trie of closed forms: state 0 is the start.
#[derive(Default)]
struct Trie {
    /// Per state: its edges, word id to next state.
    edges: Vec<BTreeMap<u16, u32>>,
    /// Per state: the concepts of the form that ends there.
    accept: Vec<u128>,
}

impl Trie {
    fn insert(&mut self, words: &[u16], concepts: u128) {
        if self.edges.is_empty() {
            self.edges.push(BTreeMap::new());
            self.accept.push(0);
        }
        let mut state = 0usize;
        for &w in words {
            let next = self.edges.len() as u32;
            let to = *self.edges[state].entry(w).or_insert(next);
            if to == next {
                self.edges.push(BTreeMap::new());
                self.accept.push(0);
            }
            state = to as usize;
        }
        self.accept[state] |= concepts;
    }
}

fn main() {
    for file in ["lexicon.rs", "token.rs", "forms.rs"] {
        println!("cargo::rerun-if-changed=src/rules/text/{file}");
    }
    println!("cargo::rerun-if-changed=src/swar.rs");
    let mut words: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u16> = HashMap::new();
    let mut trie = Trie::default();
    // (word, open at start) -> concepts, for forms open at one end.
    let mut open: BTreeMap<(String, bool), u128> = BTreeMap::new();
    let mut tokenizer = token::Tokenizer::default();
    for (concept, entries) in lexicon::LEXICON {
        let bit = 1u128 << (*concept as u8);
        for entry in *entries {
            for form in forms::expand(entry) {
                let Some(form) = forms::compile(&form, &mut tokenizer) else {
                    continue;
                };
                if form.open_start || form.open_end {
                    assert!(
                        form.words.len() == 1 && !(form.open_start && form.open_end),
                        "{concept:?}: the entry {entry:?} is open at an end but is not one word \
                         open at one end only; the matcher does not read that"
                    );
                    let key = (form.words[0].clone(), form.open_start);
                    *open.entry(key).or_default() |= bit;
                    continue;
                }
                let path: Vec<u16> = form
                    .words
                    .iter()
                    .map(|w| {
                        *ids.entry(w.clone()).or_insert_with(|| {
                            words.push(w.clone());
                            u16::try_from(words.len() - 1).expect("fewer than 65,536 words")
                        })
                    })
                    .collect();
                trie.insert(&path, bit);
            }
        }
    }

    let mut sets: Vec<u128> = vec![0];
    let mut set_of = |bits: u128| -> u16 {
        if bits == 0 {
            return 0;
        }
        let at = sets.iter().position(|&s| s == bits).unwrap_or_else(|| {
            sets.push(bits);
            sets.len() - 1
        });
        u16::try_from(at).expect("fewer than 65,536 concept sets")
    };

    // The table of words by hash, open addressing, at most a quarter full: a word is found
    // at its first slot more often (about 1.1 probes a word of the lexicon, 1.3 at half full).
    let slots_len = (4 * words.len()).next_power_of_two().max(2);
    let mut slots = vec![0u16; slots_len];
    for (id, w) in words.iter().enumerate() {
        let mut at = forms::hash(w.as_bytes()) as usize & (slots_len - 1);
        while slots[at] != 0 {
            at = (at + 1) & (slots_len - 1);
        }
        slots[at] = id as u16 + 1;
    }

    // Words of one ASCII byte, by that byte: signs and single letters are common tokens, and
    // are looked up without hashing.
    let mut single = vec![u16::MAX; 128];
    for (id, w) in words.iter().enumerate() {
        if let &[b] = w.as_bytes()
            && b.is_ascii()
        {
            single[usize::from(b)] = id as u16;
        }
    }

    let mut first = vec![0u32; words.len()];
    for (&w, &to) in &trie.edges[0] {
        first[w as usize] = to;
    }
    let mut edge_at = Vec::with_capacity(trie.edges.len() + 1);
    let mut edges: Vec<(u16, u32)> = Vec::new();
    for (state, out) in trie.edges.iter().enumerate() {
        edge_at.push(edges.len() as u32);
        if state != 0 {
            edges.extend(out.iter().map(|(&w, &to)| (w, to)));
        }
    }
    edge_at.push(edges.len() as u32);
    let accept: Vec<u16> = trie.accept.iter().map(|&bits| set_of(bits)).collect();

    // Open forms, bucketed by the byte they are anchored at.
    let mut prefixes: Vec<(String, u16)> = Vec::new();
    let mut suffixes: Vec<(String, u16)> = Vec::new();
    for ((word, open_start), bits) in &open {
        let set = set_of(*bits);
        if *open_start {
            suffixes.push((word.clone(), set));
        } else {
            prefixes.push((word.clone(), set));
        }
    }
    prefixes.sort_by_key(|(w, _)| w.as_bytes()[0]);
    suffixes.sort_by_key(|(w, _)| *w.as_bytes().last().expect("a word"));
    let buckets = |list: &[(String, u16)], key: fn(&str) -> u8| -> Vec<u16> {
        (0..=256usize)
            .map(|b| list.iter().filter(|(w, _)| usize::from(key(w)) < b).count() as u16)
            .collect()
    };
    let prefix_at = buckets(&prefixes, |w| w.as_bytes()[0]);
    let suffix_at = buckets(&suffixes, |w| w.as_bytes()[w.len() - 1]);

    let mut out = String::new();
    out.push_str("// Written by build.rs from lexicon.rs: the matcher's tables.\n\n");
    list(
        &mut out,
        "Concept sets by index; the first is empty.",
        "SETS",
        "u128",
        &sets,
        |s| format!("{s:#x}"),
    );
    list(
        &mut out,
        "The words of closed forms, by id.",
        "WORDS",
        "&str",
        &words,
        |w| format!("{w:?}"),
    );
    list(
        &mut out,
        "Word id + 1 by hash (open addressing); 0 is an empty slot.",
        "SLOTS",
        "u16",
        &slots,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Per ASCII byte: the id of the word of that one byte, or `u16::MAX`.",
        "SINGLE",
        "u16",
        &single,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Per word id: the state after it from the start; 0 if no form starts with it.",
        "FIRST",
        "u32",
        &first,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Per state: its first edge in `EDGES`, and one more for the end.",
        "EDGE_AT",
        "u32",
        &edge_at,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Edges (word id, next state), each state's by word id.",
        "EDGES",
        "(u16, u32)",
        &edges,
        |(w, to)| format!("({w}, {to})"),
    );
    list(
        &mut out,
        "Per state: the concept set of the form that ends there.",
        "ACCEPT",
        "u16",
        &accept,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Forms open at their end (`alzheimer*`), by first byte: word and concept set.",
        "PREFIXES",
        "(&str, u16)",
        &prefixes,
        |(w, s)| format!("({w:?}, {s})"),
    );
    list(
        &mut out,
        "Per byte: the first entry of `PREFIXES` with a first byte not below it.",
        "PREFIX_AT",
        "u16",
        &prefix_at,
        |s| s.to_string(),
    );
    list(
        &mut out,
        "Forms open at their start (`*pril`), by last byte: word and concept set.",
        "SUFFIXES",
        "(&str, u16)",
        &suffixes,
        |(w, s)| format!("({w:?}, {s})"),
    );
    list(
        &mut out,
        "Per byte: the first entry of `SUFFIXES` with a last byte not below it.",
        "SUFFIX_AT",
        "u16",
        &suffix_at,
        |s| s.to_string(),
    );

    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("lexicon_tables.rs"), out).expect("OUT_DIR is writable");
}

/// Appends `static NAME: [TYPE; N] = [...];` with a doc comment.
fn list<T>(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    items: &[T],
    item: impl Fn(&T) -> String,
) {
    let _ = writeln!(out, "/// {doc}");
    let _ = writeln!(out, "pub(super) static {name}: [{ty}; {}] = [", items.len());
    for chunk in items.chunks(16) {
        let line: Vec<String> = chunk.iter().map(&item).collect();
        let _ = writeln!(out, "    {},", line.join(", "));
    }
    out.push_str("];\n\n");
}
