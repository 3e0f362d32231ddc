//! Numbers as a listener hears them: telephone numbers however they are said, and amounts of
//! money.
//!
//! A telephone number is a run of digits in any of the forms a script writes them: `(617)
//! 555-0133`, `+1 800 555 0100`, `8 0 0, 5 5 5, 0 1 4 0`, `six one seven, five five five, oh
//! one three three`, `uno, ochocientos, cinco cinco cinco, cero uno dos cuatro`, `1-800-FLOWERS`.
//! A run counts when it makes ten digits (or eleven after a `1`) with a real area code. A run
//! that a label calls something else ("your confirmation number is 4 1 5 2 2 3 8 8 0 1", "su
//! número de pedido") is not a telephone number.

use std::ops::Range;

use super::lexicon::Concept;
use super::{Kind, Transcript};

/// A telephone number heard in the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phone {
    /// The national digits (ten, without a leading 1); for a vanity number, the digits
    /// written and the letters as keypad digits.
    pub(crate) digits: String,
    /// The digits as said, a leading country code `1` kept; for a vanity number only the
    /// digits written (`1800` for `1-800-FLOWERS`).
    pub(crate) said: String,
    /// The tokens it is said in.
    pub(crate) tokens: Range<u32>,
}

impl Phone {
    /// Whether the area code is pay-per-call (900, 976), which is no call-back number.
    pub(crate) fn premium(&self) -> bool {
        is_premium(&self.digits)
    }
}

/// Whether ten national digits are a North American toll-free number.
pub(crate) fn is_toll_free(national: &str) -> bool {
    national.len() == 10
        && national
            .get(..3)
            .is_some_and(|npa| crate::rules::phrases::TOLL_FREE_NPAS.contains(&npa))
}

/// Whether ten national digits are on a pay-per-call prefix (900, 976), which is no call-back
/// number.
pub(crate) fn is_premium(national: &str) -> bool {
    national.len() == 10
        && national
            .get(..3)
            .is_some_and(|npa| crate::rules::phrases::PREMIUM_NPAS.contains(&npa))
}

/// An amount of money heard in the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Amount {
    /// The tokens it is said in.
    pub(crate) tokens: Range<u32>,
}

/// The digit a spoken digit word stands for.
fn digit_word(word: &str) -> Option<char> {
    Some(match word {
        "zero" | "oh" | "cero" => '0',
        "one" | "uno" | "un" => '1',
        "two" | "dos" => '2',
        "three" | "tres" => '3',
        "four" | "cuatro" => '4',
        "five" | "cinco" => '5',
        "six" | "seis" => '6',
        "seven" | "siete" => '7',
        "eight" | "ocho" => '8',
        "nine" | "nueve" => '9',
        _ => return None,
    })
}

/// The digits a hundreds word stands for in an area code ("ochocientos" is 800).
fn hundreds_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "ochocientos" => "800",
        "novecientos" => "900",
        "hundred" => "00",
        _ => return None,
    })
}

/// The keypad digit of a letter, for vanity numbers.
fn keypad(c: char) -> Option<char> {
    Some(match c {
        'a'..='c' => '2',
        'd'..='f' => '3',
        'g'..='i' => '4',
        'j'..='l' => '5',
        'm'..='o' => '6',
        'p'..='s' => '7',
        't'..='v' => '8',
        'w'..='z' => '9',
        _ => return None,
    })
}

/// Symbols that may sit between the groups of a telephone number.
fn is_separator(word: &str) -> bool {
    matches!(word, "," | "-" | "." | "(" | ")" | "+" | "/")
}

impl Transcript {
    /// Every telephone number, in order. Runs of digits that a label before them calls
    /// something else (a confirmation, order or account number) are left out.
    pub(crate) fn phones(&self) -> Vec<Phone> {
        let mut found = Vec::new();
        let n = self.len();
        let mut i = 0;
        while i < n {
            let Some((said, end)) = self.digit_run(i) else {
                i += 1;
                continue;
            };
            let (digits, end) = self.vanity_tail(said.clone(), end);
            if let Some(national) = national(&digits)
                && !self.labelled_otherwise(i)
            {
                found.push(Phone {
                    digits: national,
                    said,
                    tokens: i..end,
                });
            }
            i = end.max(i + 1);
        }
        found
    }

    /// The digits of the run of number tokens, digit words and separators that starts at
    /// token `i`, and where it ends. `None` when token `i` starts no digits.
    fn digit_run(&self, i: u32) -> Option<(String, u32)> {
        let mut digits = String::new();
        let mut end = i;
        let mut j = i;
        let sentence_end = self.sentence_of(i).end;
        while j < sentence_end {
            let word = self.word(j);
            match self.kind(j) {
                Kind::Number => digits.extend(word.chars().filter(char::is_ascii_digit)),
                Kind::Word if word == "hundred" && !digits.is_empty() => digits.push_str("00"),
                Kind::Word => {
                    if let Some(d) = digit_word(word) {
                        // "oh" and "un" are digits only among other digits.
                        if matches!(word, "oh" | "un") && digits.is_empty() {
                            let next = j + 1 < sentence_end
                                && (digit_word(self.word(j + 1)).is_some()
                                    || self.kind(j + 1) == Kind::Number);
                            if !next {
                                break;
                            }
                        }
                        digits.push(d);
                    } else if let Some(h) = hundreds_word(word) {
                        if word == "hundred" {
                            break;
                        }
                        digits.push_str(h);
                    } else {
                        break;
                    }
                }
                Kind::Symbol if !digits.is_empty() && is_separator(word) => {
                    j += 1;
                    continue;
                }
                Kind::Symbol if digits.is_empty() && matches!(word, "(" | "+") => {
                    j += 1;
                    continue;
                }
                _ => break,
            }
            j += 1;
            end = j;
        }
        (!digits.is_empty()).then_some((digits, end))
    }

    /// A vanity number's letters (`1-800-FLOWERS`): a word of four to seven letters right
    /// after an area code and a dash.
    fn vanity_tail(&self, digits: String, end: u32) -> (String, u32) {
        let toll_free_prefix = matches!(digits.len(), 3 | 4)
            && crate::rules::phrases::TOLL_FREE_NPAS
                .iter()
                .any(|npa| digits.ends_with(npa));
        if !toll_free_prefix || end >= self.len() || end == 0 {
            return (digits, end);
        }
        // The letters follow a dash: a sign token, or a dash the tokenizer dropped inside
        // `800-FLOWERS`.
        let mut j = if self.word(end) == "-" {
            end + 1
        } else if self.dash_between(end - 1, end) {
            end
        } else {
            return (digits, end);
        };
        let mut letters = String::new();
        while j < self.len() && self.kind(j) == Kind::Word {
            letters.push_str(self.word(j));
            j += 1;
            // `GOT-JUNK`: words joined by a dash in the text as written.
            if j < self.len() && self.kind(j) == Kind::Word && self.dash_between(j - 1, j) {
                continue;
            }
            if j + 1 < self.len() && self.word(j) == "-" && self.kind(j + 1) == Kind::Word {
                j += 1;
            } else {
                break;
            }
        }
        if !(4..=7).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_lowercase()) {
            return (digits, end);
        }
        let keyed: String = letters.chars().filter_map(keypad).collect();
        let mut full = digits;
        full.push_str(&keyed);
        // A vanity word may have more letters than the number has digits.
        full.truncate(if full.starts_with('1') { 11 } else { 10 });
        (full, j)
    }

    /// Whether the raw text between tokens `a` and `b` is a single dash.
    fn dash_between(&self, a: u32, b: u32) -> bool {
        let (ta, tb) = (self.token(a), self.token(b));
        ta.segment == tb.segment
            && self
                .raw_of(self.segment_of(a))
                .get(ta.raw_end as usize..tb.raw_start as usize)
                .is_some_and(|gap| matches!(gap, "-" | "\u{2010}" | "\u{2011}"))
    }

    /// Whether a label just before token `i` calls the number something other than a
    /// telephone number: "your confirmation number is ...", "su número de pedido es ...",
    /// "extension 204".
    fn labelled_otherwise(&self, i: u32) -> bool {
        const LINKS: &[&str] = &[
            "number", "numbers", "numero", "numeros", "#", "no", "no.", "is", "es", "was", "fue",
            ":", "de", "del", "of", "your", "su", "the", "el", "la", "will", "be", "sera",
        ];
        let sentence = self.sentence_of(i);
        let mut j = i;
        while j > sentence.start && i - j < 6 {
            j -= 1;
            if self.starts(j, Concept::NumberLabel) {
                return true;
            }
            if !LINKS.contains(&self.word(j)) {
                return false;
            }
        }
        false
    }

    /// Every amount of money: `$75`, `$1,140.50`, `612 dollars`, `300 dólares`, `a 612 dollar
    /// balance`.
    pub(crate) fn amounts(&self) -> Vec<Amount> {
        let mut found = Vec::new();
        for i in 0..self.len() {
            if self.kind(i) != Kind::Number {
                continue;
            }
            let dollar_sign = i > 0 && self.word(i - 1) == "$";
            let unit = i + 1 < self.len() && self.starts(i + 1, Concept::MoneyWord);
            if dollar_sign {
                found.push(Amount {
                    tokens: i - 1..i + 1,
                });
            } else if unit {
                found.push(Amount { tokens: i..i + 2 });
            }
        }
        found
    }
}

/// The ten national digits of a North American number: ten digits with a real area code, or
/// eleven after a `1`.
fn national(digits: &str) -> Option<String> {
    let national = match digits.len() {
        10 => digits,
        11 => digits.strip_prefix('1')?,
        _ => return None,
    };
    let b = national.as_bytes();
    // Area code and exchange start with 2-9.
    (b[0] >= b'2' && b[3] >= b'2').then(|| national.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::Transcript;

    fn phones(text: &str) -> Vec<String> {
        Transcript::of_text(text)
            .phones()
            .into_iter()
            .map(|p| p.digits)
            .collect()
    }

    #[test]
    fn reads_numbers_however_they_are_said() {
        assert_eq!(phones("Call (617) 555-0133 now."), ["6175550133"]);
        assert_eq!(phones("Dial +1 800 555 0123."), ["8005550123"]);
        assert_eq!(phones("Call 8 0 0, 5 5 5, 0 1 4 0."), ["8005550140"]);
        assert_eq!(
            phones("Call us back at six one seven, five five five, oh one three three."),
            ["6175550133"]
        );
        assert_eq!(
            phones("Puede llamarnos al uno, ochocientos, cinco cinco cinco, cero uno dos cuatro."),
            ["8005550124"]
        );
        assert_eq!(
            phones("Call one eight hundred, five five five, zero one two three."),
            ["8005550123"]
        );
        assert_eq!(phones("Call 1-800-FLOWERS today."), ["8003569377"]);
        assert_eq!(
            phones("Marque el 800 555 0188 para apartar."),
            ["8005550188"]
        );
    }

    #[test]
    fn leaves_out_numbers_that_are_something_else() {
        assert!(phones("Su número de confirmación es 4 1 5 2 2 3 8 8 0 1.").is_empty());
        assert!(phones("Your order number is 4152238801.").is_empty());
        assert!(phones("Oh, one more thing: we close at five.").is_empty());
        assert!(phones("Press 1 for sales.").is_empty());
    }

    #[test]
    fn finds_amounts() {
        let t = Transcript::of_text("Your balance of $218.40 and a 612 dollar fee, 300 dólares.");
        assert_eq!(t.amounts().len(), 3);
    }
}
