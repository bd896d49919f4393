//! The placeholder grammar shared by every dialect.
//!
//! A template marks what the writer must replace in a handful of ways: an all-caps token in
//! brackets (`[PROJECT_NAME]`, `[###-feature-name]`), a hint (`[e.g., PostgreSQL or N/A]`), a
//! value slot (`[YOUR_VALUE_HERE: area]`, `{{owner}}`), a format slot (`[FORMAT: YYYY-MM-DD]`) and
//! an open question (`[NEEDS CLARIFICATION: ...]`). These shapes are recognised in any document.
//! Free-text slots such as `[Gate name]` cannot be told from prose by their shape; the dialect
//! layer finds those by comparing against the template the document was written from.

use crate::invisible::{visible, visible_chars};

/// What kind of unfilled text a placeholder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceholderKind {
    /// An all-caps token: `[FEATURE_ID]`, `[###-feature-name]`, `[DATE]`.
    Token,
    /// An example hint: `[e.g., ...]`, `[example: ...]`, `[FORMAT: ...]`.
    Hint,
    /// A value slot: `[YOUR_VALUE_HERE: ...]`, `{{name}}`.
    Value,
    /// An open question in its canonical shape: `[NEEDS CLARIFICATION: ...]`, or a field or table
    /// cell whose whole value is `NEEDS CLARIFICATION`.
    Clarification,
    /// Bracketed text that the template itself uses as a slot (found by the dialect layer).
    TemplateText,
}

/// Bracket contents that are Markdown or task syntax, never placeholders.
fn is_syntax(inner: &str) -> bool {
    matches!(inner, "" | " " | "x" | "X" | "P" | "P?" | "ID" | "Story")
        || inner.starts_with('^')
        || is_story_tag(inner)
}

/// `US1`, `US12`: a user-story tag in a task line.
#[must_use]
pub fn is_story_tag(inner: &str) -> bool {
    inner
        .strip_prefix("US")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Plain all-caps words that templates use as slots, flagged even without a template to compare.
const KNOWN_TOKENS: &[&str] = &[
    "FEATURE",
    "FEATURE NAME",
    "DATE",
    "BRANCH NAME",
    "PROJECT NAME",
];

/// Classifies the text between a pair of brackets by the shared grammar. `None` means the
/// brackets hold something else: prose, a task tag, an `[OPTIONAL: ...]` note. Invisible
/// characters are ignored (see [`crate::invisible`]): `[\u{200B}FEATURE]` is `[FEATURE]`.
#[must_use]
pub fn classify_bracket(inner: &str) -> Option<PlaceholderKind> {
    let visible = visible(inner);
    let text = visible.trim();
    if is_syntax(text) {
        return None;
    }
    if text.starts_with(CLARIFICATION) {
        return Some(PlaceholderKind::Clarification);
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("optional") {
        return None;
    }
    if text.starts_with("YOUR_VALUE_HERE") {
        return Some(PlaceholderKind::Value);
    }
    if lower.starts_with("e.g.")
        || lower.contains(" e.g.")
        || lower.starts_with("example:")
        || text.starts_with("FORMAT:")
    {
        return Some(PlaceholderKind::Hint);
    }
    if text.starts_with("###") || is_caps_token(text) {
        return Some(PlaceholderKind::Token);
    }
    None
}

/// `PROJECT_NAME`, `PRINCIPLE_1_NAME`, `FEATURE NAME`: upper-case letters, digits and a few
/// joiners, and either an underscore or one of the well-known slot names.
fn is_caps_token(text: &str) -> bool {
    let charset = text.chars().all(|c| {
        c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | ' ' | '-' | '/' | '#')
    });
    let letters = text.chars().filter(char::is_ascii_uppercase).count();
    charset && letters >= 2 && (text.contains('_') || KNOWN_TOKENS.contains(&text))
}

/// Whether a field value or table cell is, in its canonical shape, an open question:
/// `NEEDS CLARIFICATION`, optionally followed by an explanation (`NEEDS CLARIFICATION - which
/// store?`). Prose that merely mentions the words is not. Invisible characters are ignored.
#[must_use]
pub fn is_clarification_value(value: &str) -> bool {
    let visible = visible(value);
    let value = visible
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`');
    value.strip_prefix(CLARIFICATION).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with([' ', ':', '-', '–', '—', '(', '.', '*', '_', '`'])
    })
}

/// Whether `text`, past white space and invisible characters, starts with `NEEDS
/// CLARIFICATION`: the text after a `[` that opens an open question. Only the marker's length
/// is read, however long the text.
#[must_use]
pub fn starts_with_clarification(text: &str) -> bool {
    let mut chars = visible_chars(text).skip_while(|&c| c == ' ' || c == '\t');
    CLARIFICATION
        .chars()
        .all(|expected| chars.next() == Some(expected))
}

/// Whether a bracketed open-question marker (`inner` is the text between its brackets) only
/// talks about the marker rather than asking something. `before` is the text of its line
/// before the `[`, `after` the text after the `]`.
///
/// A question is asked by `[NEEDS CLARIFICATION: question]`, or by the bare marker where it
/// ends what it annotates (`Export format [NEEDS CLARIFICATION]`, a field's whole value). The
/// marker is named, not used, when its question is only an ellipsis (`[NEEDS CLARIFICATION:
/// ...]`), or when the bare marker is a word of a sentence that goes on after it, whatever the
/// language: `No [NEEDS CLARIFICATION] markers remain`, `[NEEDS CLARIFICATION]マーカーなし`.
#[must_use]
pub fn is_marker_mention(before: &str, inner: &str, after: &str) -> bool {
    let marker = visible(inner);
    let Some(question) = marker.trim().strip_prefix(CLARIFICATION) else {
        return false;
    };
    let question = question.trim_start_matches([':', '：', ' ']).trim();
    if !question.is_empty() {
        return !question.chars().any(char::is_alphanumeric);
    }
    let rest = visible(after);
    let rest = rest.trim_start_matches([' ', '*', '_']);
    let goes_on = rest.chars().next().is_some_and(char::is_alphanumeric);
    // A bare marker opening its line may introduce the question that follows it.
    goes_on && (has_words_before(before) || !rest.contains(['?', '？']))
}

/// Whether a line's text before a marker holds words, past its list bullet, number and task
/// box (`- [x] No ` does, `- [ ] ` does not).
fn has_words_before(before: &str) -> bool {
    let text = before.trim_start();
    let text = text
        .strip_prefix(['-', '*', '+'])
        .unwrap_or_else(|| text.trim_start_matches(|c: char| c.is_ascii_digit()));
    let text = text.trim_start_matches(['.', ')']).trim_start();
    let text = ["[ ]", "[x]", "[X]"]
        .iter()
        .find_map(|mark| text.strip_prefix(mark))
        .unwrap_or(text);
    text.chars().any(char::is_alphanumeric)
}

const CLARIFICATION: &str = "NEEDS CLARIFICATION";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_every_dialect_uses() {
        use PlaceholderKind::*;
        let cases = [
            ("PROJECT_NAME", Some(Token)),
            ("###-feature-name", Some(Token)),
            ("DATE", Some(Token)),
            ("FEATURE NAME", Some(Token)),
            ("e.g., Python 3.11 or NEEDS CLARIFICATION", Some(Hint)),
            ("if applicable, e.g., PostgreSQL", Some(Hint)),
            ("example: pytest, jest", Some(Hint)),
            ("FORMAT: YYYY-MM-DD", Some(Hint)),
            ("YOUR_VALUE_HERE: area", Some(Value)),
            (
                "NEEDS CLARIFICATION: which store? (a) x (b) y",
                Some(Clarification),
            ),
            ("OPTIONAL: N/A if none", None),
            ("P", None),
            ("US3", None),
            ("x", None),
            ("^1", None),
            ("NEW", None),
            ("TODO", None),
            ("PLACEHOLDER", None),
            ("N/A", None),
            ("Gate name", None),
            ("see the spec", None),
        ];
        for (inner, expected) in cases {
            assert_eq!(classify_bracket(inner), expected, "{inner}");
        }
    }

    #[test]
    fn clarification_values_must_be_canonical() {
        assert!(is_clarification_value("NEEDS CLARIFICATION"));
        assert!(is_clarification_value(
            "**NEEDS CLARIFICATION** - which store?"
        ));
        assert!(is_clarification_value("NEEDS CLARIFICATION: auth method"));
        assert!(!is_clarification_value(
            "resolve every NEEDS CLARIFICATION item"
        ));
        assert!(!is_clarification_value("NEEDS CLARIFICATIONS resolved"));
    }

    #[test]
    fn markers_named_in_a_sentence_are_mentions() {
        let mention = |before, inner, after| is_marker_mention(before, inner, after);
        assert!(mention(
            "- [x] No ",
            "NEEDS CLARIFICATION",
            " markers remain"
        ));
        assert!(mention(
            "- [ ] No ",
            "NEEDS CLARIFICATION",
            " markers remain"
        ));
        assert!(mention(
            "All ",
            "NEEDS CLARIFICATION",
            " questions were resolved."
        ));
        assert!(mention("- ", "NEEDS CLARIFICATION", "マーカーなし"));
        assert!(mention("Search for ", "NEEDS CLARIFICATION: ...", " first"));
        assert!(mention("", "NEEDS CLARIFICATION: …", ""));
        assert!(!mention("Export format ", "NEEDS CLARIFICATION", ""));
        assert!(!mention(
            "Export format ",
            "NEEDS CLARIFICATION",
            ". Ask the team."
        ));
        assert!(!mention(
            "- Auth ",
            "NEEDS CLARIFICATION",
            " - which provider?"
        ));
        assert!(!mention(
            "- ",
            "NEEDS CLARIFICATION",
            " Which provider signs users in?"
        ));
        assert!(!mention(
            "Users sign in via ",
            "NEEDS CLARIFICATION: SSO or OAuth?",
            " and stay signed in"
        ));
        assert!(!mention("", "PROJECT_NAME", " rest"));
    }
}
