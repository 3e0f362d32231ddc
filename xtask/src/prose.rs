//! A check on the prose the generator writes: no doc line may say the same thing twice.
//!
//! The table's descriptions were once joined from several sources, which left lines such as
//! "Seconds of silence. Seconds." in the rustdoc. [`repeated_sentence`] finds a sentence that
//! repeats another of the same line: the same words, the words of one inside the other, or
//! two sentences that open with the same three words.

/// The words of a sentence, lowercased, without punctuation or markup.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The sentences of a doc line, without the "`name`: " or "Sets `name`: " that opens an
/// attribute's line.
fn sentences(line: &str) -> Vec<&str> {
    let mut text = line.trim();
    let rest = text.strip_prefix("Sets ").unwrap_or(text);
    if let Some(after) = rest.strip_prefix('`')
        && let Some(end) = after.find("`: ")
    {
        text = &after[end + 3..];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // A sentence ends at `.` or `;` followed by a space and a capital, a code span or a tag.
        if matches!(b, b'.' | b';')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes
                .get(i + 2)
                .is_some_and(|n| n.is_ascii_uppercase() || matches!(n, b'`' | b'<' | b'('))
        {
            out.push(&text[start..=i]);
            start = i + 2;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !words(s).is_empty());
    out
}

fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The first pair of sentences of `line` where one repeats the other, if any.
pub fn repeated_sentence(line: &str) -> Option<(String, String)> {
    let sentences = sentences(line);
    let words: Vec<Vec<String>> = sentences.iter().map(|s| words(s)).collect();
    for (i, a) in words.iter().enumerate() {
        for (j, b) in words.iter().enumerate().skip(i + 1) {
            let same_opening = a.len() >= 3 && b.len() >= 3 && a[..3] == b[..3];
            if contains(a, b) || contains(b, a) || same_opening {
                return Some((sentences[i].to_string(), sentences[j].to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::repeated_sentence;

    #[test]
    fn finds_the_repetitions_the_table_once_had() {
        for line in [
            "`length`: Seconds of silence. Seconds. Docs: integer > 0 (error 13910).",
            "Sets `timeout`: Seconds of silence that end the recording. Seconds of silence that end the recording (error 13611: positive integer).",
            "`byoc`: BYOC trunk SID used to route this leg. BYOC trunk SID.",
            "`coach`: CallSid of the participant this participant coaches (whispers to). CallSid of the participant being coached.",
            "`timeout`: TaskRouter task timeout in seconds. Seconds.",
        ] {
            assert!(repeated_sentence(line).is_some(), "{line}");
        }
    }

    #[test]
    fn leaves_distinct_sentences_alone() {
        for line in [
            "`timeout`: Seconds of silence that end the recording, a positive whole number (error 13611). Twilio's default: `5`.",
            "`waitUrl`: TwiML or audio played until the conference starts. The wait TwiML may use only `<Say>`. When absent: Twilio's default hold music. An empty value means no wait music.",
            "`method`: HTTP method for the element URL (action/url). Twilio's default: `POST`.",
            "A single sentence.",
            "",
        ] {
            assert_eq!(repeated_sentence(line), None, "{line}");
        }
    }
}
