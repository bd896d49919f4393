//! Scanning the text for what Markdown events do not give directly: HTML comments and markers,
//! bracketed text, `{{slots}}` and canonical open questions.

use super::{BlockKind, Bracket, Comment, Document, Link, Marker, Placeholder};
use crate::placeholder::{
    PlaceholderKind, classify_bracket, is_clarification_value, is_marker_mention,
    starts_with_clarification,
};
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

    /// Whether `range`, one of the merged exclusions, holds a block-level one.
    fn is_block(&self, range: TextRange) -> bool {
        let index = self
            .blocks
            .partition_point(|block| block.end() <= range.start());
        self.blocks
            .get(index)
            .is_some_and(|block| range.overlaps(*block))
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

/// What the bracket scan finds: bracketed text, and the `[` that never close.
pub(super) struct Scanned {
    /// Bracketed text outside exclusions and link syntax, in order, not nested in each other.
    pub(super) brackets: Vec<Bracket>,
    /// Each `[` outside exclusions and outside the brackets found that has no matching `]`,
    /// in order: an open question may hold a stray bracket (`[NEEDS CLARIFICATION: a[i?]`).
    pub(super) unclosed: Vec<usize>,
}

/// Bracketed text outside exclusions and Markdown link syntax.
pub(super) fn brackets(
    text: &str,
    body_start: usize,
    exclusions: &Exclusions,
    links: &[Link],
) -> Scanned {
    let bytes = text.as_bytes();
    let link_starts: Vec<usize> = links.iter().map(|link| link.range.start()).collect();
    let mut scanned = Scanned {
        brackets: Vec::new(),
        unclosed: Vec::new(),
    };
    // Opens are visited in order; those inside a bracket already found are part of it.
    let mut inside_until = 0;
    for (open, close) in pairs(bytes, body_start, exclusions) {
        if open < inside_until || (open > 0 && bytes[open - 1] == b'\\') {
            continue;
        }
        let Some(close) = close else {
            scanned.unclosed.push(open);
            continue;
        };
        let is_link = link_starts.binary_search(&open).is_ok()
            || (open > 0
                && bytes[open - 1] == b'!'
                && link_starts.binary_search(&(open - 1)).is_ok());
        let next = bytes.get(close + 1).copied();
        let link_syntax = matches!(next, Some(b'(' | b'['))
            || (next == Some(b':') && starts_line(text, open))
            || bytes.get(open + 1) == Some(&b'^');
        if is_link || link_syntax {
            continue;
        }
        scanned.brackets.push(Bracket {
            range: TextRange::new(open, close + 1),
            inner: TextRange::new(open + 1, close),
        });
        inside_until = close + 1;
    }
    scanned
}

/// Whether only white space stands between the start of its line and `offset`. Looking back
/// stops at the first other character, so each run of white space is read by the one bracket
/// after it, not by every bracket on the line.
fn starts_line(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or("");
    let before = before.trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
    before.is_empty() || before.ends_with(['\n', '\r'])
}

/// Every `[` outside exclusions from `body_start` on, in order, with the `]` that matches it:
/// one that closes it before a blank line, an excluded block, or [`MAX_BRACKET_LEN`] bytes.
/// Inline exclusions inside are stepped over: `[e.g., `sqlite` or `postgres`]` is one bracket.
///
/// One pass with a stack of open brackets, so that a line of a million `[` is read once rather
/// than once per bracket.
fn pairs(bytes: &[u8], body_start: usize, exclusions: &Exclusions) -> Vec<(usize, Option<usize>)> {
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    // Indices into `pairs` of the brackets still open.
    let mut open: Vec<usize> = Vec::new();
    let mut line_has_text = true;
    let mut index = body_start;
    while index < bytes.len() {
        if let Some(excluded) = exclusions.containing(index) {
            if exclusions.is_block(excluded) {
                // Bracketed text never runs across a block.
                open.clear();
            }
            index = excluded.end().max(index + 1);
            line_has_text = true;
            continue;
        }
        match bytes[index] {
            b'\\' => index += 1,
            b'[' => {
                open.push(pairs.len());
                pairs.push((index, None));
                line_has_text = true;
            }
            b']' => {
                if let Some(pair) = open.pop().and_then(|at| pairs.get_mut(at))
                    && index - pair.0 < MAX_BRACKET_LEN
                {
                    pair.1 = Some(index);
                }
                line_has_text = true;
            }
            b'\n' | b'\r' => {
                // The `\r` of a CRLF pair is read with its `\n`.
                if !(bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n')) {
                    if !line_has_text {
                        open.clear();
                    }
                    line_has_text = false;
                }
            }
            b' ' | b'\t' => {}
            _ => line_has_text = true,
        }
        index += 1;
    }
    pairs
}

/// Placeholders by the shared grammar: classified brackets, `{{slots}}`, and field values or
/// table cells that are an open question in canonical shape.
pub(super) fn placeholders(
    document: &Document,
    exclusions: &Exclusions,
    unclosed: &[usize],
) -> Vec<Placeholder> {
    let text = document.text();
    let mut found: Vec<Placeholder> = document
        .brackets
        .iter()
        .filter_map(|bracket| {
            let inner = slice(text, bracket.inner);
            let kind = classify_bracket(inner)?;
            let mention = kind == PlaceholderKind::Clarification && {
                let (before, after) = line_around(text, bracket.range);
                is_marker_mention(before, inner, after)
            };
            (!mention).then_some(Placeholder {
                range: bracket.range,
                kind,
            })
        })
        .collect();
    found.extend(unclosed_clarifications(document, unclosed));
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

/// The text of `range`'s line before and after it, each at most [`CONTEXT_LEN`] bytes: enough
/// to read the sentence a marker stands in, and bounded so that a line of a thousand markers is
/// not read once per marker.
fn line_around(text: &str, range: TextRange) -> (&str, &str) {
    let mut start = range.start().saturating_sub(CONTEXT_LEN);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (range.end() + CONTEXT_LEN).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = slice(text, TextRange::new(start, range.start()));
    let before = before.rsplit(['\n', '\r']).next().unwrap_or(before);
    let after = slice(text, TextRange::new(range.end(), end));
    let after = after.split(['\n', '\r']).next().unwrap_or(after);
    (before, after)
}

/// How much of a marker's line [`line_around`] reads on each side.
const CONTEXT_LEN: usize = 120;

/// Open questions whose brackets do not balance (`[NEEDS CLARIFICATION: which of a[i?`): the
/// question is still open, from its `[` to the end of its line.
fn unclosed_clarifications<'d>(
    document: &'d Document,
    unclosed: &'d [usize],
) -> impl Iterator<Item = Placeholder> + 'd {
    let text = document.text();
    let index = document.line_index();
    unclosed.iter().filter_map(move |&open| {
        let line = index.line_range(text, index.line_of(open));
        let rest = slice(text, TextRange::new(open + 1, line.end()));
        starts_with_clarification(rest).then(|| Placeholder {
            range: TextRange::new(open, open + rest.trim_end().len() + 1),
            kind: PlaceholderKind::Clarification,
        })
    })
}

/// `{{name}}` slots on one line, outside exclusions.
fn mustaches(text: &str, exclusions: &Exclusions) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut cursor = 0;
    // The end of the line of the last `{{` and the first `}}` after it, each searched for once
    // and reused by the `{{` that follow: a line of `{{` is read once, not once per `{{`.
    let mut line_end = None;
    let mut next_close = None;
    while let Some(position) = text.get(cursor..).and_then(|rest| rest.find("{{")) {
        let open = cursor + position;
        cursor = open + 2;
        if exclusions.containing(open).is_some() {
            continue;
        }
        let end_of_line = match line_end {
            Some(end) if end > open => end,
            _ => {
                let end = text[open..]
                    .find(['\n', '\r'])
                    .map_or(text.len(), |n| open + n);
                line_end = Some(end);
                end
            }
        };
        let close = match next_close {
            Some(close) if close >= open + 2 => close,
            _ => {
                let close = text[open + 2..]
                    .find("}}")
                    .map_or(text.len(), |n| open + 2 + n);
                next_close = Some(close);
                close
            }
        };
        // A slot is named (`{{owner}}`, `{{ feature name }}`); quotes, filters and calls make
        // an expression of the project's own template language (`{{ 'cart.title' | t }}`).
        let expression = || {
            text.get(open + 2..close)
                .is_some_and(|inner| inner.contains(['\'', '"', '|', '(']))
        };
        if close < end_of_line && !expression() {
            let end = close + 2;
            found.push(Placeholder {
                range: TextRange::new(open, end),
                kind: PlaceholderKind::Value,
            });
            cursor = end;
        }
    }
    found
}
