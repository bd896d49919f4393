//! The typed document: what speckit reads out of a Markdown file, each piece with its span.
//!
//! [`Document::parse`] lowers pulldown-cmark's event stream into flat, ordered vectors (headings,
//! sections, tables, list items, fields, placeholders, links, comments, code) that rules can
//! query without walking a tree. Every element carries byte ranges into [`Document::text`].

mod build;
mod fields;
mod scan;

use crate::front_matter::FrontMatter;
use crate::placeholder::PlaceholderKind;
use crate::text::{LineIndex, TextRange, slice};

/// A parsed Markdown document. Owns its text; every range indexes into it.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    line_index: LineIndex,
    /// The YAML front matter, if the document starts with one.
    pub front_matter: Option<FrontMatter>,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// The section tree, flattened: `sections[0]` is the whole document (level 0), the rest
    /// follow their headings in document order.
    pub sections: Vec<Section>,
    /// HTML comments, in order. Markers are comments too.
    pub comments: Vec<Comment>,
    /// `<!-- NAME: value -->` marker comments, in order.
    pub markers: Vec<Marker>,
    /// Fenced and indented code blocks.
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans, backticks included.
    pub code_spans: Vec<TextRange>,
    /// Inline HTML tags other than comments (`<br>`, but also slots such as `<EPIC-ID>`).
    pub inline_html: Vec<TextRange>,
    /// Tables.
    pub tables: Vec<Table>,
    /// List items, in document order (a parent before its children).
    pub list_items: Vec<ListItem>,
    /// Labelled fields: `**Storage**: value`, `- Deployment strategy:`, `Plan ID: value`.
    pub fields: Vec<Field>,
    /// Text in brackets that is not Markdown syntax (links, task marks, footnotes), outside code
    /// and comments: the candidates for placeholders.
    pub brackets: Vec<Bracket>,
    /// Placeholders recognised by the shared grammar (see [`crate::placeholder`]).
    pub placeholders: Vec<Placeholder>,
    /// Links and images.
    pub links: Vec<Link>,
    /// Paragraphs, in order.
    pub paragraphs: Vec<TextRange>,
    /// Block-level elements in document order (used to find what follows a field).
    blocks: Vec<Block>,
}

/// A heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The whole heading, markers included.
    pub range: TextRange,
    /// The heading's text, without `#` markers.
    pub title: TextRange,
    /// The normalised key of the title (see [`crate::key::key`]).
    pub key: String,
}

/// A node of the section tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::headings`]; `None` for the root.
    pub heading: Option<usize>,
    /// The heading level, 0 for the root.
    pub level: u8,
    /// From the heading to the next heading of the same or a higher level.
    pub range: TextRange,
    /// The section's own content: after its heading, before its first subsection.
    pub content: TextRange,
    /// Index of the parent section; `None` for the root.
    pub parent: Option<usize>,
    /// Indices of the direct subsections.
    pub children: Vec<usize>,
}

/// An HTML comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// `<!--` to `-->` inclusive (to the end of its HTML block when unclosed).
    pub range: TextRange,
    /// The text between the delimiters.
    pub content: TextRange,
    /// Whether `-->` was found.
    pub closed: bool,
}

/// A `<!-- NAME: value -->` comment, such as `<!-- SPECKIT_LEVEL: 2 -->`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The whole comment.
    pub range: TextRange,
    /// `SPECKIT_LEVEL`; a closing marker such as `/ANCHOR` keeps its slash.
    pub name: TextRange,
    /// `2`.
    pub value: TextRange,
}

/// A code block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    /// The whole block, fences included.
    pub range: TextRange,
    /// Whether the block is fenced (as opposed to indented).
    pub fenced: bool,
    /// Whether a fenced block has its closing fence.
    pub closed: bool,
}

/// A table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The whole table.
    pub range: TextRange,
    /// The header row.
    pub header: TableRow,
    /// The body rows.
    pub rows: Vec<TableRow>,
}

/// A table row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TableRow {
    /// The whole row.
    pub range: TextRange,
    /// Each cell's content, trimmed.
    pub cells: Vec<TextRange>,
}

/// A list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// The whole item, marker and nested content included.
    pub range: TextRange,
    /// The item's first line after the marker (and task mark), trimmed.
    pub first_line: TextRange,
    /// Nesting depth, 0 for a top-level list.
    pub depth: u16,
    /// Index of the enclosing item.
    pub parent: Option<usize>,
    /// The task mark, for checklist items.
    pub task: Option<TaskMark>,
    /// Whether the item holds more than its first line (nested lists, more paragraphs).
    pub has_more: bool,
}

/// A `[ ]` / `[x]` task mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskMark {
    /// The `[ ]` itself.
    pub range: TextRange,
    /// Whether it is `[x]` or `[X]`.
    pub checked: bool,
}

/// How a field's label is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldStyle {
    /// `**Label**: value` or `**Label:** value`.
    Bold,
    /// `Label: value`.
    Plain,
}

/// A labelled field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label text, without emphasis markers.
    pub label: TextRange,
    /// The value after the colon, trimmed; empty when the line ends at the colon.
    pub value: TextRange,
    /// The line the field is on (without a list marker).
    pub line: TextRange,
    /// How the label is written.
    pub style: FieldStyle,
    /// The list item the field opens, if it is a list item's first line.
    pub list_item: Option<usize>,
    /// Whether content that belongs to the field follows an empty value: a nested list, a
    /// table, a code block or a paragraph of text, as opposed to another field or a heading.
    pub has_body: bool,
}

/// Text in brackets outside code, comments and link syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bracket {
    /// `[` to `]` inclusive.
    pub range: TextRange,
    /// The text between the brackets.
    pub inner: TextRange,
}

/// A placeholder recognised by the shared grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The placeholder, delimiters included.
    pub range: TextRange,
    /// Its kind.
    pub kind: PlaceholderKind,
}

/// A link or image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The whole link.
    pub range: TextRange,
    /// The destination as written (reference links resolved).
    pub destination: String,
    /// Whether it is an image.
    pub image: bool,
    /// Whether it is an autolink (`<https://...>`) or e-mail link.
    pub autolink: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Heading,
    Paragraph,
    List,
    Table,
    Code,
    Html,
    Quote,
    Rule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Block {
    range: TextRange,
    kind: BlockKind,
}

impl Document {
    /// Parses `text`. Never fails and never panics: malformed input yields a document with
    /// whatever structure could be recognised (unclosed fences and comments are recorded).
    #[must_use]
    pub fn parse(text: String) -> Self {
        build::build(text)
    }

    /// The document's text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line index of the text.
    #[must_use]
    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// The text and its line index, without the rest of the model.
    #[must_use]
    pub fn into_parts(self) -> (String, LineIndex) {
        (self.text, self.line_index)
    }

    /// The text of `range`.
    #[must_use]
    pub fn slice(&self, range: TextRange) -> &str {
        slice(&self.text, range)
    }

    /// The title of heading `index`.
    #[must_use]
    pub fn heading_title(&self, index: usize) -> &str {
        self.headings
            .get(index)
            .map_or("", |heading| self.slice(heading.title))
    }

    /// The heading of section `index`, if it has one.
    #[must_use]
    pub fn section_heading(&self, index: usize) -> Option<&Heading> {
        self.sections
            .get(index)
            .and_then(|section| section.heading)
            .and_then(|heading| self.headings.get(heading))
    }

    /// The first section whose key matches `key` (see [`crate::key::keys_match`]).
    #[must_use]
    pub fn find_section(&self, key: &str) -> Option<usize> {
        (1..self.sections.len()).find(|&index| {
            self.section_heading(index)
                .is_some_and(|heading| crate::key::keys_match(key, &heading.key))
        })
    }

    /// The innermost section containing `offset`.
    #[must_use]
    pub fn section_at(&self, offset: usize) -> usize {
        let mut current = 0;
        loop {
            // Children are in document order and do not overlap: search them.
            let next = self.sections.get(current).and_then(|section| {
                let children = &section.children;
                let index = children.partition_point(|&child| {
                    self.sections
                        .get(child)
                        .is_some_and(|s| s.range.end() <= offset)
                });
                children.get(index).copied().filter(|&child| {
                    self.sections
                        .get(child)
                        .is_some_and(|s| s.range.contains(offset))
                })
            });
            match next {
                Some(child) => current = child,
                None => return current,
            }
        }
    }

    /// Fields whose line lies inside `range`.
    pub fn fields_in(&self, range: TextRange) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(move |field| range.contains_range(field.line))
    }

    /// Tables inside `range`.
    pub fn tables_in(&self, range: TextRange) -> impl Iterator<Item = &Table> {
        self.tables
            .iter()
            .filter(move |table| range.contains_range(table.range))
    }

    /// List items inside `range`.
    pub fn list_items_in(&self, range: TextRange) -> impl Iterator<Item = &ListItem> {
        self.list_items
            .iter()
            .filter(move |item| range.contains_range(item.range))
    }

    /// Whether `offset` lies in a code block or code span.
    #[must_use]
    pub fn in_code(&self, offset: usize) -> bool {
        let blocks = &self.code_blocks;
        let block = blocks.partition_point(|block| block.range.end() <= offset);
        blocks.get(block).is_some_and(|b| b.range.contains(offset))
            || covers(&self.code_spans, offset)
    }

    /// Whether `offset` lies in an HTML comment.
    #[must_use]
    pub fn in_comment(&self, offset: usize) -> bool {
        let index = self.comments.partition_point(|c| c.range.end() <= offset);
        self.comments
            .get(index)
            .is_some_and(|c| c.range.contains(offset))
    }

    /// Whether `range` holds nothing but white space, comments and markers.
    #[must_use]
    pub fn is_blank(&self, range: TextRange) -> bool {
        let mut cursor = range.start();
        // Comments are in order and do not overlap: only those from the first one ending past
        // the range's start can lie inside it.
        let first = self
            .comments
            .partition_point(|comment| comment.range.end() <= cursor);
        for comment in &self.comments[first..] {
            if !range.overlaps(comment.range) {
                break;
            }
            if !self
                .slice(TextRange::new(cursor, comment.range.start()))
                .trim()
                .is_empty()
            {
                return false;
            }
            cursor = comment.range.end();
        }
        cursor >= range.end()
            || self
                .slice(TextRange::new(cursor, range.end()))
                .trim()
                .is_empty()
    }
}

/// Whether one of `ranges` (sorted, not overlapping) contains `offset`.
fn covers(ranges: &[TextRange], offset: usize) -> bool {
    let index = ranges.partition_point(|range| range.end() <= offset);
    ranges
        .get(index)
        .is_some_and(|range| range.contains(offset))
}

#[cfg(test)]
mod tests;
