//! Byte offsets, byte ranges and the line index.
//!
//! Everything inside speckit is addressed by byte offsets into the document text. Lines and
//! columns exist only for printing: [`LineIndex`] converts an offset into a 1-based line and a
//! 1-based column counted in characters (or in UTF-16 code units, for editors that want them).

use std::fmt;
use std::ops::Range;

/// A half-open range of byte offsets `start..end` into a document's text.
///
/// Offsets are `u32`: speckit refuses files larger than 4 GiB long before they get here.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// A range from `start` to `end`; an inverted pair is normalised to an empty range at `start`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let start = clamp_u32(start);
        let end = clamp_u32(end).max(start);
        Self { start, end }
    }

    /// An empty range at `offset`.
    #[must_use]
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// The first byte of the range.
    #[must_use]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte of the range.
    #[must_use]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the range covers no bytes.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies inside the range.
    #[must_use]
    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Whether `other` lies entirely inside this range.
    #[must_use]
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two ranges share at least one byte.
    #[must_use]
    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same range moved `delta` bytes to the right.
    #[must_use]
    pub fn shifted(self, delta: usize) -> Self {
        Self::new(self.start() + delta, self.end() + delta)
    }

    /// The range as a `Range<usize>`, for slicing.
    #[must_use]
    pub fn as_range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for TextRange {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

fn clamp_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Slices `text` by `range`, returning an empty string when the range does not fall on character
/// boundaries inside the text. Spans come from our own parser, so this only guards against bugs.
#[must_use]
pub fn slice(text: &str, range: TextRange) -> &str {
    text.get(range.as_range()).unwrap_or("")
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Converts byte offsets into lines and columns.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as CommonMark reads them: a file saved with old Mac
/// line ends, or with a mix of all three, reports the same positions as its LF twin. A line
/// terminator is never counted as a column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    ascii: bool,
    /// For text beyond ASCII, the characters and UTF-16 code units before every
    /// [`CHECKPOINT`]th byte, so that a column is counted from the nearest checkpoint instead of
    /// from the start of its line: a line of a megabyte with a finding every few bytes would
    /// otherwise be counted once per finding.
    checkpoints: Vec<(u32, u32)>,
}

/// How many bytes apart the column checkpoints of a [`LineIndex`] stand.
const CHECKPOINT: usize = 1024;

/// Characters and UTF-16 code units that start in `bytes` (a character starts at every byte
/// that is not a continuation byte; one of four bytes needs two code units).
fn units(bytes: &[u8]) -> (usize, usize) {
    bytes.iter().fold((0, 0), |(chars, utf16), &b| {
        let starts = usize::from(b & 0xC0 != 0x80);
        (chars + starts, utf16 + starts + usize::from(b >= 0xF0))
    })
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                // The `\r` of a CRLF pair ends nothing: its `\n` does.
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| clamp_u32(i + 1)),
        );
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let mut total = (0, 0);
            checkpoints.push((0, 0));
            for block in bytes.chunks(CHECKPOINT) {
                let (chars, utf16) = units(block);
                total = (total.0 + chars, total.1 + utf16);
                checkpoints.push((clamp_u32(total.0), clamp_u32(total.1)));
            }
        }
        Self {
            line_starts,
            ascii,
            checkpoints,
        }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that contains `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = clamp_u32(offset);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset where 0-based `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(0, |&start| start as usize)
    }

    /// The byte range of 0-based `line` in `text`, without its line terminator.
    #[must_use]
    pub fn line_range(&self, text: &str, line: usize) -> TextRange {
        let start = self.line_start(line).min(text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&next| (next as usize).min(text.len()));
        let content = text.get(start..end).unwrap_or("");
        TextRange::new(start, start + strip_line_end(content).len())
    }

    /// Line and column (in characters) of `offset` in `text`.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        self.position(text, offset, |(chars, _)| chars)
    }

    /// Line and column in UTF-16 code units, as the Language Server Protocol counts them.
    #[must_use]
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> LineCol {
        self.position(text, offset, |(_, utf16)| utf16)
    }

    /// Characters and UTF-16 code units in `text` before byte `offset`.
    fn units_before(&self, text: &str, offset: usize) -> (usize, usize) {
        let block = offset / CHECKPOINT;
        let (chars, utf16) = self
            .checkpoints
            .get(block)
            .map_or((0, 0), |&(c, u)| (c as usize, u as usize));
        let from = (block * CHECKPOINT).min(offset);
        let (more_chars, more_utf16) = units(text.as_bytes().get(from..offset).unwrap_or_default());
        (chars + more_chars, utf16 + more_utf16)
    }

    fn position(
        &self,
        text: &str,
        offset: usize,
        width: impl Fn((usize, usize)) -> usize,
    ) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        // A position inside a line terminator is reported at the end of the line.
        let end = start + strip_line_end(&text[start..offset]).len();
        let column = if self.ascii {
            end - start
        } else {
            width(self.units_before(text, end)) - width(self.units_before(text, start))
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }
}

/// `line` without the line terminator it ends with, if any.
fn strip_line_end(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Whether `byte` ends a line (`\n`, or `\r` alone or before `\n`).
#[must_use]
pub fn is_line_end(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

/// The lines of `text`, each as the range of its content (without its terminator) relative to
/// `text`, with `\n`, `\r\n` and a lone `\r` all ending a line as [`LineIndex`] reads them. A
/// text ending in a terminator has no empty line after it.
pub fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut offset = 0;
    std::iter::from_fn(move || {
        if offset >= bytes.len() {
            return None;
        }
        let start = offset;
        let rest = bytes.get(start..).unwrap_or_default();
        let (end, next) = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) if rest.get(i..i + 2) == Some(b"\r\n") => (start + i, start + i + 2),
            Some(i) => (start + i, start + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        offset = next;
        Some(Line { start, end, next })
    })
}

/// A line found by [`lines`]: byte offsets relative to the text that was split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The first byte of the line.
    pub start: usize,
    /// One past its last byte, before the terminator.
    pub end: usize,
    /// Where the next line starts: after the terminator, or the end of the text.
    pub next: usize,
}

/// The largest character boundary at or below `offset`.
#[must_use]
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests;
