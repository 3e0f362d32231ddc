//! The lexicon's entries as the matcher looks for them: each entry expanded into its forms
//! (`record{,s,ed}`), each form normalised and tokenised like the text it is matched against.
//!
//! The build script compiles the matcher's tables from these functions (`build.rs` includes
//! this file, `token.rs` and `lexicon.rs`), so the lexicon is read one way at build time and
//! in the tests.

use std::ops::Range;

use super::token::{HASH_START, Kind, Tokenizer, hash_step};

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

/// One form as the matcher looks for it.
// The build script and the tests read forms; the matcher reads its tables.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Form {
    /// Its tokens, normalised.
    pub(crate) words: Vec<String>,
    /// Written with a leading `*`: its first word may start inside a word of the text.
    pub(crate) open_start: bool,
    /// Written with a trailing `*`: its last word may go on in the text.
    pub(crate) open_end: bool,
}

/// A form of an entry, tokenised; `None` when nothing is left of it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn compile(form: &str, tokenizer: &mut Tokenizer) -> Option<Form> {
    let form = form.trim();
    let open_start = form.starts_with('*');
    let open_end = form.ends_with('*') && form.len() > 1;
    let core = form.trim_start_matches('*').trim_end_matches('*');
    let mut words = Vec::new();
    tokenizer.run(core, &mut |word: &str,
                              _: Kind,
                              _: Range<usize>,
                              _: bool| {
        words.push(word.to_string());
    });
    (!words.is_empty()).then_some(Form {
        words,
        open_start,
        open_end,
    })
}

/// The hash of a word in the matcher's table of words (FNV-1a, 32 bits): the build script
/// places each word of the lexicon by it, and the matcher finds a token's word by it. The
/// tokenizer makes it byte by byte as it reads a word (see [`hash_step`]).
pub(crate) fn hash(word: &[u8]) -> u32 {
    word.iter().fold(HASH_START, |h, &b| hash_step(h, b))
}
