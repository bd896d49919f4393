//! Labelled fields: `**Storage**: PostgreSQL`, `- Deployment strategy:`, `Plan ID: P-12`.
//!
//! Fields are found on the first line of list items and on every line of paragraphs, since
//! templates put one field per line with hard breaks in between. Several bold fields may share
//! a line, separated by `|` (`**Branch**: x | **Date**: y`).

use super::{BlockKind, Document, Field, FieldStyle};
use crate::text::{TextRange, lines, slice};

/// The longest label we accept, in bytes; longer "labels" are sentences ending in a colon.
const MAX_LABEL_LEN: usize = 100;
/// The most words a plain (non-bold) label may have.
const MAX_PLAIN_LABEL_WORDS: usize = 12;

pub(super) fn fields(document: &Document) -> Vec<Field> {
    let text = document.text();
    let mut fields = Vec::new();

    for (index, item) in document.list_items.iter().enumerate() {
        let line = slice(text, item.first_line);
        let raws = parse_line(line);
        let count = raws.len();
        for (n, raw) in raws.into_iter().enumerate() {
            let has_body = raw.has_empty_value()
                && (item.has_more || (n + 1 == count && item_answered_after(document, index)));
            fields.push(raw.into_field(item.first_line, Some(index), has_body));
        }
    }

    let item_starts: std::collections::HashSet<usize> = document
        .list_items
        .iter()
        .map(|item| item.first_line.start())
        .collect();
    for &paragraph in &document.paragraphs {
        let lines = paragraph_lines(text, paragraph);
        for (line_number, &line_range) in lines.iter().enumerate() {
            // A list item's first line was handled above, with the item's own notion of a body.
            if item_starts.contains(&line_range.start()) {
                continue;
            }
            let line = slice(text, line_range);
            let raws = parse_line(line);
            let count = raws.len();
            for (n, raw) in raws.into_iter().enumerate() {
                let has_body = raw.has_empty_value()
                    && n + 1 == count
                    && match lines.get(line_number + 1) {
                        Some(&next) => parse_line(slice(text, next)).is_empty(),
                        None => next_block_is_body(document, paragraph.end(), raw.style),
                    };
                fields.push(raw.into_field(line_range, None, has_body));
            }
        }
    }
    fields.sort_by_key(|field| field.line.start());
    fields
}

/// Whether the label ending list item `index` is answered by what follows the item: the next
/// items of its list when they are not fields themselves (`- **Constraints**:` then `- p95 <
/// 200ms`, the answer written as siblings instead of nested), or, after the last item of a
/// top-level list, the block that follows the list (a code block the writer did not indent).
fn item_answered_after(document: &Document, index: usize) -> bool {
    let text = document.text();
    let Some(item) = document.list_items.get(index) else {
        return false;
    };
    let sibling = document
        .list_items
        .iter()
        .skip(index + 1)
        .find(|next| next.depth <= item.depth)
        .filter(|next| {
            next.depth == item.depth
                && next.parent == item.parent
                && document.is_blank(TextRange::new(item.range.end(), next.range.start()))
        });
    match sibling {
        Some(next) => parse_line(slice(text, next.first_line)).is_empty(),
        None => item.depth == 0 && next_block_is_body(document, item.range.end(), FieldStyle::Bold),
    }
}

/// Whether what follows a paragraph (or a list) ending at `after` belongs to it: a list, a
/// table, code, a quote, or a paragraph that is not itself a field. A heading, a rule or the
/// end of the document does not.
fn next_block_is_body(document: &Document, after: usize, style: FieldStyle) -> bool {
    let text = document.text();
    let first = document
        .blocks
        .partition_point(|block| block.range.start() < after);
    for block in &document.blocks[first..] {
        return match block.kind {
            BlockKind::Heading | BlockKind::Rule => false,
            BlockKind::Html => {
                if document.is_blank(block.range) {
                    continue;
                }
                true
            }
            // A paragraph opening with a field in the same style is the next field
            // (`**Storage**:` then `**Testing**: x`); anything else answers this one, including a
            // plain sub-label under a bold label (`**Examples**:` then `EN:` and a list).
            // A label alone above labels that hold content of their own groups them
            // (`**Task strategy**:` then `**Load balancer**:` and its list): its answer is the
            // group.
            BlockKind::Paragraph => {
                let lines = paragraph_lines(text, block.range);
                lines.first().is_none_or(|&line| {
                    parse_line(slice(text, line)).first().is_none_or(|next| {
                        next.style != style
                            || (next.has_empty_value()
                                && lines.len() == 1
                                && next_block_is_body(document, block.range.end(), style))
                    })
                })
            }
            BlockKind::List | BlockKind::Table | BlockKind::Code | BlockKind::Quote => true,
        };
    }
    false
}

/// The lines of a paragraph, each without indentation or block-quote markers.
fn paragraph_lines(text: &str, paragraph: TextRange) -> Vec<TextRange> {
    let base = paragraph.start();
    let raw = slice(text, paragraph);
    lines(raw)
        .map(|line| {
            let content = raw.get(line.start..line.end).unwrap_or("");
            let stripped = content.trim_start_matches([' ', '\t', '>']);
            let offset = base + line.start + (content.len() - stripped.len());
            TextRange::new(offset, base + line.end)
        })
        .collect()
}

/// A field found on a line, with ranges relative to the line's start.
struct RawField {
    label: (usize, usize),
    value: (usize, usize),
    style: FieldStyle,
}

impl RawField {
    fn has_empty_value(&self) -> bool {
        self.value.0 == self.value.1
    }

    fn into_field(self, line: TextRange, list_item: Option<usize>, has_body: bool) -> Field {
        let base = line.start();
        Field {
            label: TextRange::new(base + self.label.0, base + self.label.1),
            value: TextRange::new(base + self.value.0, base + self.value.1),
            line,
            style: self.style,
            list_item,
            has_body,
        }
    }
}

/// Every field on one line.
fn parse_line(line: &str) -> Vec<RawField> {
    let mut found = Vec::new();
    let mut offset = 0;
    while offset < line.len() {
        let rest = &line[offset..];
        let Some(raw) = parse_field(rest) else { break };
        let shifted = RawField {
            label: (raw.label.0 + offset, raw.label.1 + offset),
            value: (raw.value.0 + offset, raw.value.1 + offset),
            style: raw.style,
        };
        // Another bold field after a `|` on the same line ends this one's value.
        let value_text = &line[shifted.value.0..shifted.value.1];
        match next_field_on_line(value_text) {
            Some(split) => {
                let value_end = shifted.value.0
                    + value_text[..split]
                        .trim_end()
                        .trim_end_matches(FIELD_SEPARATORS)
                        .trim_end()
                        .len();
                let next = shifted.value.0 + split;
                found.push(RawField {
                    value: (shifted.value.0, value_end.max(shifted.value.0)),
                    ..shifted
                });
                offset = next;
            }
            None => {
                found.push(shifted);
                break;
            }
        }
    }
    found.retain(|raw| raw.label.0 < raw.label.1);
    found
}

/// What may stand between two fields on one line (`**Branch**: x | **Date**: y`, `**Version**:
/// 1.0.0 · **Ratified**: 2026-06-06`).
const FIELD_SEPARATORS: &[char] = &['|', '·', '•', ';', ',', '—', '–'];

/// Where the next bold field (`**Label**:`) starts in a value, if anywhere: after a separator or
/// a space, another label ends this field's value.
fn next_field_on_line(value: &str) -> Option<usize> {
    value
        .match_indices("**")
        .map(|(start, _)| start)
        .find(|&start| {
            let before = value[..start].trim_end();
            let separated =
                start > 0 && (before.len() < start || before.ends_with(FIELD_SEPARATORS));
            separated
                && !before.is_empty()
                && !in_code_span(&value[..start])
                && parse_field(&value[start..]).is_some()
        })
}

/// Whether the end of `text` lies inside a code span (an odd number of backticks before it).
fn in_code_span(text: &str) -> bool {
    text.matches('`').count() % 2 == 1
}

/// A field at the start of `line`.
fn parse_field(line: &str) -> Option<RawField> {
    if let Some(rest) = line.strip_prefix("**") {
        return parse_bold(rest).map(|raw| RawField {
            label: (raw.label.0 + 2, raw.label.1 + 2),
            value: (raw.value.0 + 2, raw.value.1 + 2),
            style: FieldStyle::Bold,
        });
    }
    parse_plain(line)
}

/// `Label**: value` or `Label:** value` (the opening `**` already consumed).
fn parse_bold(rest: &str) -> Option<RawField> {
    let close = rest.find("**")?;
    let inner = &rest[..close];
    if inner.is_empty() || inner.len() > MAX_LABEL_LEN || inner.contains('\n') {
        return None;
    }
    let after = close + 2;
    let (label_end, value_start) = if let Some(label) = strip_colon_suffix(inner) {
        (label.trim_end().len(), after)
    } else {
        let tail = &rest[after..];
        let skipped = tail.len() - tail.trim_start_matches([' ', '\t']).len();
        let colon = colon_len(&tail[skipped..])?;
        (inner.trim_end().len(), after + skipped + colon)
    };
    let label_start = inner.len() - inner.trim_start().len();
    if label_start >= label_end {
        return None;
    }
    let value = value_range(rest, value_start);
    Some(RawField {
        label: (label_start, label_end),
        value,
        style: FieldStyle::Bold,
    })
}

/// `Label: value`, where the label is a short phrase starting with a letter.
fn parse_plain(line: &str) -> Option<RawField> {
    let first = line.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let (colon_at, colon_width) = line
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let label = line[..colon_at].trim_end();
    if label.is_empty()
        || label.len() > MAX_LABEL_LEN
        || label.contains(['[', ']', '`', '*', '|', '<', '>', '!', '"', '='])
        || label.split_whitespace().count() > MAX_PLAIN_LABEL_WORDS
    {
        return None;
    }
    let after = &line[colon_at + colon_width..];
    // `https://...`, `10:30`, `a:b` are not fields: a label's colon ends the word.
    if !(after.is_empty() || after.starts_with([' ', '\t'])) && colon_width == 1 {
        return None;
    }
    Some(RawField {
        label: (0, label.len()),
        value: value_range(line, colon_at + colon_width),
        style: FieldStyle::Plain,
    })
}

fn strip_colon_suffix(inner: &str) -> Option<&str> {
    let trimmed = inner.trim_end();
    trimmed
        .strip_suffix(':')
        .or_else(|| trimmed.strip_suffix('：'))
}

fn colon_len(text: &str) -> Option<usize> {
    if text.starts_with(':') {
        Some(1)
    } else if text.starts_with('：') {
        Some('：'.len_utf8())
    } else {
        None
    }
}

/// The value from `start` to the end of the line, trimmed, without a trailing hard break.
fn value_range(line: &str, start: usize) -> (usize, usize) {
    let start = start.min(line.len());
    let value = &line[start..];
    let lead = value.len() - value.trim_start().len();
    let trimmed = value.trim().trim_end_matches('\\').trim_end();
    (start + lead, start + lead + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(line: &str) -> Vec<(String, String)> {
        parse_line(line)
            .into_iter()
            .map(|raw| {
                (
                    line[raw.label.0..raw.label.1].to_owned(),
                    line[raw.value.0..raw.value.1].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn bold_labels_in_every_spelling() {
        assert_eq!(
            labels("**Storage**: PostgreSQL  "),
            [("Storage".into(), "PostgreSQL".into())]
        );
        assert_eq!(
            labels("**Storage:** N/A"),
            [("Storage".into(), "N/A".into())]
        );
        assert_eq!(
            labels("**Language/Version** : Rust"),
            [("Language/Version".into(), "Rust".into())]
        );
        assert_eq!(labels("**言語**：Rust"), [("言語".into(), "Rust".into())]);
        assert_eq!(labels("**Testing**:"), [("Testing".into(), String::new())]);
    }

    #[test]
    fn several_fields_on_one_line() {
        assert_eq!(
            labels("**Branch**: `001-x` | **Date**: 2025-01-02 | **Spec**: [link]"),
            [
                ("Branch".into(), "`001-x`".into()),
                ("Date".into(), "2025-01-02".into()),
                ("Spec".into(), "[link]".into())
            ]
        );
        assert_eq!(
            labels("**Version:** 1.0.0 · **Ratified:** 2026-06-06 · **Last amended:** 2026-06-07"),
            [
                ("Version".into(), "1.0.0".into()),
                ("Ratified".into(), "2026-06-06".into()),
                ("Last amended".into(), "2026-06-07".into())
            ]
        );
        assert_eq!(
            labels("**Branch**: `005-x` **Date**: 2026-08-05"),
            [
                ("Branch".into(), "`005-x`".into()),
                ("Date".into(), "2026-08-05".into())
            ]
        );
        // A bold word inside a value is not a field: it has no colon.
        assert_eq!(
            labels("**Status**: Draft, **blocked** by review"),
            [("Status".into(), "Draft, **blocked** by review".into())]
        );
    }

    #[test]
    fn plain_labels_and_what_is_not_a_label() {
        assert_eq!(labels("Plan ID: P-7"), [("Plan ID".into(), "P-7".into())]);
        assert_eq!(
            labels("Deployment strategy:"),
            [("Deployment strategy".into(), String::new())]
        );
        assert!(labels("See https://example.com").is_empty());
        assert!(labels("Meet at 10:30 tomorrow").is_empty());
        assert!(labels("`code`: not a label").is_empty());
        assert!(
            labels(
                "This sentence is far too long to be a label because it goes on and on and on: yes"
            )
            .is_empty()
        );
    }
}
