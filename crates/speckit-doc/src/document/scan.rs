//! Scanning the text for what Markdown events do not give directly: HTML comments and markers,
//! bracketed text, `{{slots}}` and canonical open questions.

use super::{BlockKind, Bracket, Comment, Document, Link, Marker, Placeholder};
use crate::placeholder::{PlaceholderKind, classify_bracket, is_clarification_value};
use crate::text::{TextRange, slice};

/// Bracketed text longer than this is not a placeholder but a paragraph that happens to start
/// with `[`; stopping early also keeps the scan linear on hostile input.
const MAX_BRACKET_LEN: usize = 2000;

/// Ranges where placeholders are never looked for: code, HTML, front matter, task marks.
pub(super) struct Exclusions {
    /// All of them, merged: sorted by start, non-overlapping.
    ranges: Vec<TextRange>,
    /// The block-level ones (front matter, code blocks, HTML blocks), merged: bracketed text
    /// never runs across them, while it may hold a code span.
    blocks: Vec<TextRange>,
}

impl Exclusions {
    pub(super) fn new(
        document: &Document,
        body_start: usize,
        task_marks: &[TextRange],
        html: &[TextRange],
    ) -> Self {
        let mut blocks: Vec<TextRange> = vec![TextRange::new(0, body_start)];
        blocks.extend(document.code_blocks.iter().map(|block| block.range));
        blocks.extend(
            document
                .blocks
                .iter()
                .filter(|block| block.kind == BlockKind::Html)
                .map(|block| block.range),
        );
        let mut ranges = blocks.clone();
        ranges.extend(document.code_spans.iter().copied());
        ranges.extend(task_marks.iter().copied());
        ranges.extend(html.iter().copied());
        ranges.extend(document.comments.iter().map(|comment| comment.range));
        Self {
            ranges: merged(ranges),
            blocks: merged(blocks),
        }
    }

    /// The excluded range containing `offset`, if any.
    fn containing(&self, offset: usize) -> Option<TextRange> {
        let index = self.ranges.partition_point(|range| range.end() <= offset);
        self.ranges
            .get(index)
            .copied()
            .filter(|range| range.contains(offset))
    }

    /// The first block-level excluded range starting after `offset`.
    fn next_block_after(&self, offset: usize) -> Option<TextRange> {
        let index = self.blocks.partition_point(|range| range.start() <= offset);
        self.blocks.get(index).copied()
    }
}

/// Sorts ranges and merges those that overlap or touch.
fn merged(mut ranges: Vec<TextRange>) -> Vec<TextRange> {
    ranges.retain(|range| !range.is_empty());
    ranges.sort_by_key(|range| (range.start(), std::cmp::Reverse(range.end())));
    let mut merged: Vec<TextRange> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start() <= last.end() => {
                *last = TextRange::new(last.start(), last.end().max(range.end()));
            }
            _ => merged.push(range),
        }
    }
    merged
}

/// Every HTML comment that opens inside an HTML range. pulldown-cmark reports an HTML block one
/// line at a time, so a comment may close in a later range than the one it opens in; an unclosed
/// comment runs to the end of the text, as CommonMark reads it.
pub(super) fn comments(text: &str, html: &[TextRange]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut cursor = 0;
    for &range in html {
        let mut from = range.start().max(cursor);
        while from < range.end() {
            let Some(open) = slice(text, TextRange::new(from, range.end())).find("<!--") else {
                break;
            };
            let start = from + open;
            let content_start = start + 4;
            let comment = match text.get(content_start..).and_then(|rest| rest.find("-->")) {
                Some(close) => Comment {
                    range: TextRange::new(start, content_start + close + 3),
                    content: TextRange::new(content_start, content_start + close),
                    closed: true,
                },
                None => Comment {
                    range: TextRange::new(start, text.len()),
                    content: TextRange::new(content_start, text.len()),
                    closed: false,
                },
            };
            cursor = comment.range.end();
            from = cursor;
            comments.push(comment);
        }
    }
    comments
}

/// `<!-- NAME: value -->` comments.
pub(super) fn markers(text: &str, comments: &[Comment]) -> Vec<Marker> {
    comments
        .iter()
        .filter(|comment| comment.closed)
        .filter_map(|comment| {
            let raw = slice(text, comment.content);
            let lead = raw.len() - raw.trim_start().len();
            let content = raw.trim();
            if content.contains('\n') {
                return None;
            }
            let name_len = marker_name_len(content)?;
            let after = &content[name_len..];
            let colon = after.len() - after.trim_start().len();
            let value = after[colon..].strip_prefix(':')?;
            let value_lead = value.len() - value.trim_start().len();
            let base = comment.content.start() + lead;
            let value_start = base + name_len + colon + 1 + value_lead;
            Some(Marker {
                range: comment.range,
                name: TextRange::new(base, base + name_len),
                value: TextRange::new(value_start, value_start + value.trim().len()),
            })
        })
        .collect()
}

/// Length of a marker name at the start of `content`: `/`? then `[A-Z][A-Z0-9_]*`.
fn marker_name_len(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    let mut index = usize::from(bytes.first() == Some(&b'/'));
    if !bytes.get(index).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    while bytes
        .get(index)
        .is_some_and(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        index += 1;
    }
    Some(index)
}

/// Bracketed text outside exclusions and Markdown link syntax.
pub(super) fn brackets(
    text: &str,
    body_start: usize,
    exclusions: &Exclusions,
    links: &[Link],
) -> Vec<Bracket> {
    let bytes = text.as_bytes();
    let link_starts: Vec<usize> = links.iter().map(|link| link.range.start()).collect();
    let mut found = Vec::new();
    let mut cursor = body_start;
    while cursor < bytes.len() {
        let Some(position) = memchr::memchr(b'[', &bytes[cursor..]) else {
            break;
        };
        let open = cursor + position;
        if let Some(excluded) = exclusions.containing(open) {
            cursor = excluded.end().max(open + 1);
            continue;
        }
        cursor = open + 1;
        if open > 0 && bytes[open - 1] == b'\\' {
            continue;
        }
        let is_link = link_starts.binary_search(&open).is_ok()
            || (open > 0
                && bytes[open - 1] == b'!'
                && link_starts.binary_search(&(open - 1)).is_ok());
        let Some(close) = matching_close(bytes, open, exclusions) else {
            continue;
        };
        let next = bytes.get(close + 1).copied();
        let starts_line = text[..open]
            .rsplit('\n')
            .next()
            .is_some_and(|before| before.trim().is_empty());
        let link_syntax = matches!(next, Some(b'(' | b'['))
            || (starts_line && next == Some(b':'))
            || bytes.get(open + 1) == Some(&b'^');
        if is_link || link_syntax {
            continue;
        }
        found.push(Bracket {
            range: TextRange::new(open, close + 1),
            inner: TextRange::new(open + 1, close),
        });
        cursor = close + 1;
    }
    found
}

/// The `]` matching the `[` at `open`, if it closes before a blank line, an excluded block, or
/// [`MAX_BRACKET_LEN`] bytes. Code spans and other inline exclusions inside are stepped over:
/// `[e.g., `sqlite` or `postgres`]` is one bracket.
fn matching_close(bytes: &[u8], open: usize, exclusions: &Exclusions) -> Option<usize> {
    let limit = bytes.len().min(open + MAX_BRACKET_LEN);
    let stop = exclusions
        .next_block_after(open)
        .map_or(limit, |range| range.start().min(limit));
    let mut depth = 0usize;
    let mut index = open;
    let mut line_has_text = true;
    while index < stop {
        if index > open
            && let Some(inline) = exclusions.containing(index)
        {
            index = inline.end();
            line_has_text = true;
            continue;
        }
        match bytes[index] {
            b'\\' => index += 1,
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index);
                }
            }
            b'\n' => {
                if !line_has_text {
                    return None;
                }
                line_has_text = false;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => line_has_text = true,
        }
        index += 1;
    }
    None
}

/// Placeholders by the shared grammar: classified brackets, `{{slots}}`, and field values or
/// table cells that are an open question in canonical shape.
pub(super) fn placeholders(document: &Document, exclusions: &Exclusions) -> Vec<Placeholder> {
    let text = document.text();
    let mut found: Vec<Placeholder> = document
        .brackets
        .iter()
        .filter_map(|bracket| {
            classify_bracket(slice(text, bracket.inner)).map(|kind| Placeholder {
                range: bracket.range,
                kind,
            })
        })
        .collect();
    found.extend(mustaches(text, exclusions));
    let clarification = |range: TextRange| Placeholder {
        range,
        kind: PlaceholderKind::Clarification,
    };
    found.extend(
        document
            .fields
            .iter()
            .filter(|field| is_clarification_value(slice(text, field.value)))
            .map(|field| clarification(field.value)),
    );
    found.extend(
        document
            .tables
            .iter()
            .flat_map(|table| table.rows.iter())
            .flat_map(|row| row.cells.iter().copied())
            .filter(|&cell| is_clarification_value(slice(text, cell)))
            .map(clarification),
    );
    found.sort_by_key(|placeholder| placeholder.range.start());
    // A bracket placeholder inside a field value is reported once.
    found.dedup_by(|later, earlier| earlier.range.overlaps(later.range));
    found
}

/// `{{name}}` slots on one line, outside exclusions.
fn mustaches(text: &str, exclusions: &Exclusions) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut cursor = 0;
    while let Some(position) = text.get(cursor..).and_then(|rest| rest.find("{{")) {
        let open = cursor + position;
        cursor = open + 2;
        if exclusions.containing(open).is_some() {
            continue;
        }
        let line_end = text[open..].find('\n').map_or(text.len(), |n| open + n);
        if let Some(close) = text[open + 2..line_end].find("}}") {
            let end = open + 2 + close + 2;
            found.push(Placeholder {
                range: TextRange::new(open, end),
                kind: PlaceholderKind::Value,
            });
            cursor = end;
        }
    }
    found
}
