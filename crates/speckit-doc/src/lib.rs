//! The document model of speckit.
//!
//! Text goes in, a typed [`Document`] comes out: front matter, marker comments, the section
//! tree, labelled fields, tables, checklists, placeholders and links, each with the byte range it
//! came from. This crate does no IO, never prints and never panics, whatever the input: it is
//! fuzzed (see `fuzz/` at the workspace root).
//!
//! - [`source`] turns a file's bytes into text, noting a BOM, invalid UTF-8 or binary content.
//! - [`Document::parse`] lowers Markdown (via pulldown-cmark) into the model.
//! - [`text`] has the byte ranges and the line index that turns offsets into lines and columns.
//! - [`key`] normalises headings and labels so that `## 3. Phase 0: Research & Decisions` and
//!   `### Phase 0 - Research and Decisions` compare equal.
//! - [`placeholder`] is the grammar of unfilled template text shared by every dialect.
//! - [`invisible`] knows the characters that render as nothing, which matching ignores.

#![deny(missing_docs)]

mod document;
pub mod front_matter;
pub mod invisible;
pub mod key;
pub mod placeholder;
pub mod source;
pub mod text;

pub use document::{
    Bracket, CodeBlock, Comment, Document, Field, FieldStyle, Heading, Link, ListItem, Marker,
    Placeholder, Section, Table, TableRow, TaskMark,
};
pub use placeholder::PlaceholderKind;
pub use text::{LineCol, LineIndex, TextRange};
