//! Invisible characters: the format characters of Unicode (general category Cf), such as the
//! zero-width space U+200B, the word joiner U+2060, the soft hyphen U+00AD, a byte order mark
//! inside the text and the bidirectional controls U+202A..U+202E and U+2066..U+2069.
//!
//! They change nothing a reader sees, so text is compared without them wherever its meaning is
//! matched: `[\u{200B}FEATURE]` renders as `[FEATURE]` and must be read as the placeholder it
//! looks like. Offsets are never computed on the cleaned text; callers keep the ranges of the
//! original.

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};

/// Whether `c` is a format character (Unicode general category Cf).
#[must_use]
pub fn is_invisible(c: char) -> bool {
    !c.is_ascii() && get_general_category(c) == GeneralCategory::Format
}

/// `text` as a reader sees it, for matching: without invisible characters, and with every
/// white space character beyond ASCII (a no-break space, an ideographic space) read as a plain
/// space.
#[must_use]
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(visible_chars(text).collect())
}

/// The characters of `text` as [`visible`] has them, lazily: a caller matching a prefix stops
/// reading at the first difference.
pub fn visible_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| !is_invisible(c)).map(|c| {
        if !c.is_ascii() && c.is_whitespace() {
            ' '
        } else {
            c
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_are_invisible_and_letters_are_not() {
        for c in [
            '\u{00AD}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{E0041}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '\u{00A0}', 'é', 'ب', '🚀', '\u{FE0F}'] {
            assert!(!is_invisible(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn visible_text_drops_format_characters_and_plains_spaces() {
        assert_eq!(visible("[\u{200B}FEATURE]"), "[FEATURE]");
        assert_eq!(
            visible("NEEDS\u{00A0}CLARI\u{00AD}FICATION"),
            "NEEDS CLARIFICATION"
        );
        assert!(matches!(visible("plain"), Cow::Borrowed("plain")));
    }
}
