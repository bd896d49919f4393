//! Normalised keys for headings and field labels.
//!
//! Templates and the documents written from them rarely agree on decoration: one plan says
//! `## 3. Phase 0: Research & Decisions`, another `### Phase 0 – Research and Decisions 🔬`. A key
//! keeps only what identifies the heading: its words, lowercased, with `&` read as "and", and
//! without leading section numbers.

/// The normalised key of a heading or label: lowercase words joined by single spaces, leading
/// section numbers (`3.`, `1.4`, `2)`) dropped, `&` read as `and`, everything else that is not a
/// letter or digit treated as a separator.
#[must_use]
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut leading = true;
    let mut push_word = |word: &str, out: &mut String| {
        if leading && word.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        leading = false;
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    };
    for chunk in text.split(|c: char| !(c.is_alphanumeric() || c == '&')) {
        // `&` is a word of its own, read as "and", even when written without spaces.
        let mut pieces = chunk.split('&');
        if let Some(first) = pieces.next()
            && !first.is_empty()
        {
            push_word(first, &mut out);
        }
        for piece in pieces {
            push_word("and", &mut out);
            if !piece.is_empty() {
                push_word(piece, &mut out);
            }
        }
    }
    out
}

/// Whether a document heading key matches a template heading key: equal, or one is the other
/// followed by more words (`decision log` matches `decision log adr stubs`, `constitution check`
/// matches `constitution check re evaluation after phase 1`).
#[must_use]
pub fn keys_match(template: &str, document: &str) -> bool {
    if template.is_empty() || document.is_empty() {
        return false;
    }
    template == document
        || starts_with_words(document, template)
        || starts_with_words(template, document)
}

fn starts_with_words(long: &str, short: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_case_and_punctuation_do_not_matter() {
        assert_eq!(
            key("3. Phase 0: Research & Decisions"),
            "phase 0 research and decisions"
        );
        assert_eq!(
            key("1.4 Unknowns & Research Needs"),
            "unknowns and research needs"
        );
        assert_eq!(key("📋 Summary"), "summary");
        assert_eq!(key("Validation / Acceptance"), "validation acceptance");
        assert_eq!(key("Research&Decisions"), "research and decisions");
        assert_eq!(
            key("User Scenarios & Testing *(mandatory)*"),
            "user scenarios and testing mandatory"
        );
    }

    #[test]
    fn non_latin_headings_keep_their_words() {
        assert_eq!(key("## 技術コンテキスト"), "技術コンテキスト");
    }

    #[test]
    fn prefix_matching_is_by_whole_words() {
        assert!(keys_match("decision log", "decision log adr stubs"));
        assert!(keys_match("documentation this feature", "documentation"));
        assert!(!keys_match("test", "testing strategy"));
        assert!(!keys_match("", "summary"));
    }
}
