//! What a `<Gather>` menu offers: the keys its prompt names ("press 1", "oprima 2"), and which
//! of them confirms that the caller is the person the call is for ("press 1 if you are Jane
//! Doe", "si usted es Juan Pérez, oprima 1"), in English and Spanish.
//!
//! A key is one of the key verbs, then at most two filler words, then the key itself as a
//! digit or a word. A key confirms identity when its sentence asks "if you are" (or "if this
//! is", "to confirm you are", "si usted es", ...) followed by a name: a capitalised word, so
//! that "if you are calling about a bill" and "if you are not Jane Doe" confirm nothing.

use crate::rules::detect::normalize;

/// Verbs that ask the caller to key something in, normalised (no accents, lower case).
const KEY_VERBS: &[&str] = &[
    "press",
    "push",
    "dial",
    "hit",
    "select",
    "enter",
    "oprima",
    "oprime",
    "presione",
    "presiona",
    "pulse",
    "pulsa",
    "marque",
    "marca",
    "teclee",
    "teclea",
    "digite",
    "digita",
    "seleccione",
];

/// Words that may stand between the verb and the key ("press the number 1", "oprima la
/// tecla 1").
const FILLERS: &[&str] = &[
    "the", "number", "key", "button", "el", "la", "numero", "tecla", "boton",
];

/// The keys, as digits or as words.
const KEYS: &[(&str, char)] = &[
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("star", '*'),
    ("pound", '#'),
    ("hash", '#'),
    ("cero", '0'),
    ("uno", '1'),
    ("dos", '2'),
    ("tres", '3'),
    ("cuatro", '4'),
    ("cinco", '5'),
    ("seis", '6'),
    ("siete", '7'),
    ("ocho", '8'),
    ("nueve", '9'),
    ("asterisco", '*'),
    ("estrella", '*'),
    ("numeral", '#'),
    ("gato", '#'),
];

/// Phrases that ask whether the caller is a named person; the next word must be a name.
const IDENTITY_PHRASES: &[&[&str]] = &[
    &["if", "you", "are"],
    &["if", "you're"],
    &["if", "this", "is"],
    &["if", "i", "am", "speaking", "with"],
    &["if", "i'm", "speaking", "with"],
    &["confirm", "you", "are"],
    &["confirm", "that", "you", "are"],
    &["si", "usted", "es"],
    &["si", "es", "usted"],
    &["si", "eres"],
    &["si", "habla", "con"],
    &["confirmar", "que", "es"],
    &["confirmar", "que", "usted", "es"],
];

/// A key a menu names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    /// `0`-`9`, `*` or `#`.
    pub(crate) key: char,
    /// Pressing it confirms that the caller is the person the call is for.
    pub(crate) confirms_identity: bool,
}

/// A word of the prompt: as written (for its capital), and normalised.
struct Word {
    raw: String,
    folded: String,
    /// The word ends a sentence.
    ends_sentence: bool,
}

/// The keys `prompt` names, each once, in the order first named.
pub(crate) fn keys(prompt: &str) -> Vec<Key> {
    let words = words(prompt);
    let mut keys: Vec<Key> = Vec::new();
    let mut start = 0;
    for (i, word) in words.iter().enumerate() {
        if word.ends_sentence || i + 1 == words.len() {
            sentence_keys(&words[start..=i], &mut keys);
            start = i + 1;
        }
    }
    keys
}

fn words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for piece in text.split_whitespace() {
        let ends_sentence = piece.ends_with(['.', '!', '?', ';', ':']);
        let raw =
            piece.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '*' | '#' | '\'')));
        if raw.is_empty() {
            if ends_sentence && let Some(last) = words.last_mut() {
                last.ends_sentence = true;
            }
            continue;
        }
        words.push(Word {
            raw: raw.to_string(),
            folded: normalize(raw),
            ends_sentence,
        });
    }
    words
}

fn key_of(word: &str) -> Option<char> {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next())
        && (c.is_ascii_digit() || matches!(c, '*' | '#'))
    {
        return Some(c);
    }
    KEYS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
}

/// The keys of one sentence: each with where it is in the sentence.
fn sentence_keys(sentence: &[Word], keys: &mut Vec<Key>) {
    let mut found: Vec<(usize, char)> = Vec::new();
    for (i, word) in sentence.iter().enumerate() {
        if !KEY_VERBS.contains(&word.folded.as_str()) {
            continue;
        }
        let mut j = i + 1;
        while j < sentence.len() && j <= i + 2 && FILLERS.contains(&sentence[j].folded.as_str()) {
            j += 1;
        }
        let Some(key) = sentence.get(j).and_then(|w| key_of(&w.folded)) else {
            continue;
        };
        // "dial 9 1 1" is a telephone number, not a key of the menu.
        let number = sentence
            .get(j + 1)
            .is_some_and(|w| key_of(&w.folded).is_some_and(|k| k.is_ascii_digit()));
        if !number {
            found.push((j, key));
        }
    }
    // The key the identity question leads to: the one named nearest to it (before the
    // question or after the name), after it on a tie.
    let identity = identity_question(sentence).and_then(|(start, name_end)| {
        found
            .iter()
            .min_by_key(|(position, _)| {
                let distance = if *position < start {
                    start - position
                } else {
                    position.saturating_sub(name_end)
                };
                (distance, *position < start)
            })
            .map(|(position, _)| *position)
    });
    for (position, key) in found {
        let confirms_identity = identity == Some(position);
        match keys.iter_mut().find(|k| k.key == key) {
            Some(existing) => existing.confirms_identity |= confirms_identity,
            None => keys.push(Key {
                key,
                confirms_identity,
            }),
        }
    }
}

/// Where an identity question followed by a name is in the sentence: the position of its
/// first word and of the name's last word.
fn identity_question(sentence: &[Word]) -> Option<(usize, usize)> {
    for i in 0..sentence.len() {
        for phrase in IDENTITY_PHRASES {
            let end = i + phrase.len();
            let matches = sentence
                .get(i..end)
                .is_some_and(|ws| ws.iter().zip(*phrase).all(|(w, p)| w.folded == *p));
            if !matches {
                continue;
            }
            let named = sentence
                .get(end)
                .is_some_and(|name| name.raw.starts_with(char::is_uppercase));
            if named {
                let last = (end..sentence.len())
                    .take_while(|&k| {
                        k == end
                            || (sentence[k].raw.starts_with(char::is_uppercase)
                                && !sentence[k - 1].ends_sentence)
                    })
                    .last()
                    .unwrap_or(end);
                return Some((i, last));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(prompt: &str) -> Vec<char> {
        keys(prompt).into_iter().map(|k| k.key).collect()
    }

    fn confirming(prompt: &str) -> Vec<char> {
        keys(prompt)
            .into_iter()
            .filter(|k| k.confirms_identity)
            .map(|k| k.key)
            .collect()
    }

    #[test]
    fn a_menu_names_its_keys_in_english_and_spanish() {
        assert_eq!(
            named(
                "To pay your bill, press 1 or say pay. To speak with an agent, press 2. For our hours, press three."
            ),
            ['1', '2', '3']
        );
        assert_eq!(
            named(
                "Para pagar, oprima 1. Para hablar con un agente, marque el número 2. Para repetir, pulse la tecla estrella."
            ),
            ['1', '2', '*']
        );
        assert_eq!(
            named("Press the pound key to finish, or press 0."),
            ['#', '0']
        );
        assert_eq!(named("Press 1, then press 1 again."), ['1']);
    }

    #[test]
    fn prompts_that_name_no_key_name_none() {
        assert!(named("Please enter your account number, followed by the pound sign.").is_empty());
        assert!(named("Enter your 16-digit card number.").is_empty());
        assert!(named("We will call you back in 1 hour.").is_empty());
        assert!(named("").is_empty());
    }

    #[test]
    fn the_key_after_an_identity_question_confirms_identity() {
        assert_eq!(
            confirming("If you are Jane Doe, press 1. If you are not Jane Doe, press 2."),
            ['1']
        );
        assert_eq!(
            confirming("Press 1 if you are Jane Doe, or press 2 if you are not."),
            ['1']
        );
        assert_eq!(
            confirming("Si usted es Juan Pérez, oprima 1. Si no es usted, oprima 2."),
            ['1']
        );
        assert_eq!(
            confirming("To confirm that you are Ana Ruiz, press 9."),
            ['9']
        );
    }

    #[test]
    fn a_question_without_a_name_confirms_nothing() {
        assert!(confirming("If you are calling about a bill, press 1.").is_empty());
        assert!(confirming("If you are not Jane Doe, press 2.").is_empty());
        assert!(confirming("If this is an emergency, hang up and dial 9 1 1.").is_empty());
        assert!(named("If this is an emergency, hang up and dial 9 1 1.").is_empty());
        assert!(confirming("Press 1 for sales.").is_empty());
    }
}
