//! Text from a repository made safe to print: a folder name or a line of a plan must not be able
//! to move the cursor, clear the screen, set the window title, write the clipboard (OSC 52), or
//! start a new line that a CI runner reads as a workflow command (`::error ...`).

use std::borrow::Cow;

/// `text` with every control character but the tab replaced by a visible stand-in of one
/// column: C0 controls and DEL by their Unicode control pictures (`␛` for ESC, `␊` for a line
/// feed), C1 controls by `�`. Text without control characters is returned as it is.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    replace(text, Breaks::Replace)
}

/// [`printable`] for several lines of a file: line feeds, and carriage returns just before
/// them, stay line breaks.
#[must_use]
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    replace(text, Breaks::Keep)
}

/// Where byte `offset` of `text` lands in `printable_lines(text)`: stand-ins are longer than
/// the characters they replace, so spans into the text move.
#[must_use]
pub fn printable_lines_offset(text: &str, offset: usize) -> usize {
    let prefix = text.get(..offset).unwrap_or(text);
    prefix
        .char_indices()
        .map(|(at, c)| stand_in(c, breaks_kept(text, at, c)).len_utf8())
        .sum()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    Keep,
    Replace,
}

fn replace(text: &str, breaks: Breaks) -> Cow<'_, str> {
    let kept = |at: usize, c: char| breaks == Breaks::Keep && breaks_kept(text, at, c);
    if !text
        .char_indices()
        .any(|(at, c)| stand_in(c, kept(at, c)) != c)
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.char_indices()
            .map(|(at, c)| stand_in(c, kept(at, c)))
            .collect(),
    )
}

/// Whether the character at `at` is part of a line break (`\n`, or `\r` right before `\n`).
fn breaks_kept(text: &str, at: usize, c: char) -> bool {
    c == '\n' || (c == '\r' && text.as_bytes().get(at + 1) == Some(&b'\n'))
}

fn stand_in(c: char, kept: bool) -> char {
    if kept || !c.is_control() || c == '\t' {
        return c;
    }
    match u32::from(c) {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_not_copied() {
        assert!(matches!(printable("specs/001-x\tplan"), Cow::Borrowed(_)));
        assert!(matches!(printable_lines("a\r\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_line_breaks_become_visible() {
        assert_eq!(printable("a\x1b[2Jb"), "a\u{241B}[2Jb");
        assert_eq!(printable("x\n::error::y\r"), "x\u{240A}::error::y\u{240D}");
        assert_eq!(
            printable("\x1b]52;c;ZXZpbA==\x07"),
            "\u{241B}]52;c;ZXZpbA==\u{2407}"
        );
        assert_eq!(printable("del\x7f c1\u{9b}"), "del\u{2421} c1\u{FFFD}");
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            printable_lines("a\x1b\r\nb\rc\n"),
            "a\u{241B}\r\nb\u{240D}c\n"
        );
    }

    #[test]
    fn offsets_follow_the_stand_ins() {
        let text = "a\x1bb\nc";
        assert_eq!(printable_lines_offset(text, 0), 0);
        assert_eq!(printable_lines_offset(text, 2), 4);
        let shown = printable_lines(text);
        assert_eq!(&shown[printable_lines_offset(text, 2)..], "b\nc");
        assert_eq!(&shown[printable_lines_offset(text, 4)..], "c");
    }
}
