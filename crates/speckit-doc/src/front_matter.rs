//! YAML front matter: the `---` block some dialects put at the top of a document.
//!
//! speckit needs the top-level `key: value` pairs and where each one stands, not a YAML value
//! tree, so this is a small line parser rather than a YAML library: nested blocks and lists are
//! kept as part of the entry above them, and anything else that is not `key: value` is reported.

use crate::text::{Line, TextRange, lines};

/// The front matter block at the start of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub range: TextRange,
    /// The top-level entries, in order.
    pub entries: Vec<FrontMatterEntry>,
    /// Whether a closing `---` (or `...`) line was found.
    pub closed: bool,
    /// Lines that are not `key: value`, nested content or comments.
    pub unparsable_lines: Vec<TextRange>,
}

/// One top-level `key: value` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontMatterEntry {
    /// The key.
    pub key: TextRange,
    /// The value, without surrounding quotes; may be empty (a nested block follows, or nothing).
    pub value: TextRange,
    /// The whole line.
    pub line: TextRange,
}

/// Splits off the front matter, if `text` starts with one. Returns it and the offset where the
/// Markdown body begins.
///
/// A block is front matter when the first line is `---` and the second looks like `key:`; this
/// keeps a document that merely starts with a thematic break out of it. An unclosed block covers
/// only its opening line, so that the rest of the document is still read as Markdown.
#[must_use]
pub fn split(text: &str) -> (Option<FrontMatter>, usize) {
    let mut lines = lines(text);
    let Some(first) = lines.next() else {
        return (None, 0);
    };
    if trim_end(line_text(text, first)) != "---" {
        return (None, 0);
    }
    let Some(second) = crate::text::lines(text.get(first.next..).unwrap_or("")).next() else {
        return (None, 0);
    };
    let second = Line {
        start: second.start + first.next,
        end: second.end + first.next,
        next: second.next + first.next,
    };
    if !looks_like_key_line(line_text(text, second)) {
        return (None, 0);
    }

    let mut entries = Vec::new();
    let mut unparsable_lines = Vec::new();
    for line in lines.by_ref() {
        let content = line_text(text, line);
        let trimmed = trim_end(content);
        if trimmed == "---" || trimmed == "..." {
            let range = TextRange::new(0, line.next);
            let front = FrontMatter {
                range,
                entries,
                closed: true,
                unparsable_lines,
            };
            return (Some(front), line.next);
        }
        match classify(content) {
            LineKind::Blank | LineKind::Nested => {}
            LineKind::Entry { key, value } => entries.push(FrontMatterEntry {
                key: key.shifted(line.start),
                value: value.shifted(line.start),
                line: TextRange::new(line.start, line.end),
            }),
            LineKind::Unparsable => unparsable_lines.push(TextRange::new(line.start, line.end)),
        }
    }
    let front = FrontMatter {
        range: TextRange::new(0, first.end),
        entries: Vec::new(),
        closed: false,
        unparsable_lines: Vec::new(),
    };
    (Some(front), first.next)
}

enum LineKind {
    Blank,
    Nested,
    Entry { key: TextRange, value: TextRange },
    Unparsable,
}

fn classify(line: &str) -> LineKind {
    let trimmed = trim_end(line);
    if trimmed.trim_start().is_empty() {
        return LineKind::Blank;
    }
    if trimmed.starts_with([' ', '\t', '-', '#']) {
        return LineKind::Nested;
    }
    let Some(colon) = key_colon(trimmed) else {
        return LineKind::Unparsable;
    };
    let key_end = trimmed[..colon].trim_end().len();
    let raw_value_start = colon + 1;
    let raw_value = &trimmed[raw_value_start..];
    let lead = raw_value.len() - raw_value.trim_start().len();
    let mut start = raw_value_start + lead;
    let mut end = trimmed.len();
    let value = &trimmed[start..end];
    if value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')))
    {
        start += 1;
        end -= 1;
    }
    LineKind::Entry {
        key: TextRange::new(0, key_end),
        value: TextRange::new(start, end),
    }
}

/// The position of the colon that ends a `key:` prefix, if the line has one.
fn key_colon(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if !(first.is_alphanumeric() || first == '_' || first == '"' || first == '\'') {
        return None;
    }
    for (index, ch) in chars {
        if ch == ':' {
            let rest = &line[index + 1..];
            return (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some(index);
        }
        if !(ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.' | ' ' | '"' | '\'')) {
            return None;
        }
    }
    None
}

fn looks_like_key_line(line: &str) -> bool {
    key_colon(trim_end(line)).is_some()
}

fn trim_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t'])
}

fn line_text(text: &str, line: Line) -> &str {
    text.get(line.start..line.end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice;

    #[test]
    fn entries_with_quotes_and_placeholders() {
        let text = "---\nfeature_id: \"001-x\"\nbranch: [###-feature-name]\nempty:\n---\n# Title\n";
        let (front, body) = split(text);
        let front = front.unwrap();
        assert!(front.closed);
        assert_eq!(&text[body..], "# Title\n");
        let pairs: Vec<_> = front
            .entries
            .iter()
            .map(|e| (slice(text, e.key), slice(text, e.value)))
            .collect();
        assert_eq!(
            pairs,
            [
                ("feature_id", "001-x"),
                ("branch", "[###-feature-name]"),
                ("empty", "")
            ]
        );
    }

    #[test]
    fn unclosed_block_leaves_the_body_to_markdown() {
        let text = "---\ntitle: x\n# Heading\n";
        let (front, body) = split(text);
        let front = front.unwrap();
        assert!(!front.closed);
        assert_eq!(body, 4);
    }

    #[test]
    fn thematic_break_is_not_front_matter() {
        let (front, body) = split("---\n\n# Title\n");
        assert!(front.is_none());
        assert_eq!(body, 0);
    }

    #[test]
    fn nested_values_and_bad_lines() {
        let text = "---\ntags:\n  - a\n- b\nthis is not yaml\nkey: v\r\n---\r\nbody";
        let (front, _) = split(text);
        let front = front.unwrap();
        assert_eq!(front.entries.len(), 2);
        assert_eq!(front.unparsable_lines.len(), 1);
        assert_eq!(slice(text, front.entries[1].value), "v");
    }
}
