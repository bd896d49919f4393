//! Lowering pulldown-cmark's events into a [`Document`].

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{
    Block, BlockKind, CodeBlock, Document, Heading, Link, ListItem, Section, Table, TableRow,
    TaskMark, fields, scan,
};
use crate::front_matter;
use crate::key::key;
use crate::text::{LineIndex, TextRange};

pub(super) fn build(text: String) -> Document {
    let (front_matter, body_start) = front_matter::split(&text);
    let line_index = LineIndex::new(&text);
    let mut builder = Builder::new(&text, &line_index, body_start);
    builder.run();
    let Builder {
        headings,
        code_blocks,
        code_spans,
        html,
        inline_html,
        tables,
        list_items,
        links,
        paragraphs,
        blocks,
        task_marks,
        ..
    } = builder;

    let sections = section_tree(&headings, text.len());
    let comments = scan::comments(&text, &html);
    let markers = scan::markers(&text, &comments);

    let mut document = Document {
        line_index,
        front_matter,
        headings,
        sections,
        comments,
        markers,
        code_blocks,
        code_spans,
        inline_html,
        tables,
        list_items,
        fields: Vec::new(),
        brackets: Vec::new(),
        placeholders: Vec::new(),
        links,
        paragraphs,
        blocks,
        text,
    };
    document.fields = fields::fields(&document);
    let exclusions = scan::Exclusions::new(&document, body_start, &task_marks, &html);
    let scanned = scan::brackets(&document.text, body_start, &exclusions, &document.links);
    document.brackets = scanned.brackets;
    document.placeholders = scan::placeholders(&document, &exclusions, &scanned.unclosed);
    document
}

struct Builder<'t> {
    text: &'t str,
    line_index: &'t LineIndex,
    /// The last line a list item was found on and where its text ends, trailing white space
    /// left out: list items nested on one line (`> - > - x`) share it, and looking it up once
    /// keeps a long line from being walked once per item.
    item_line: Option<(usize, usize)>,
    body_start: usize,
    headings: Vec<Heading>,
    code_blocks: Vec<CodeBlock>,
    code_spans: Vec<TextRange>,
    /// Ranges of HTML blocks and inline HTML, where comments live.
    html: Vec<TextRange>,
    inline_html: Vec<TextRange>,
    tables: Vec<Table>,
    list_items: Vec<ListItem>,
    links: Vec<Link>,
    paragraphs: Vec<TextRange>,
    blocks: Vec<Block>,
    task_marks: Vec<TextRange>,
    /// Open list items, innermost last.
    item_stack: Vec<usize>,
    in_table_head: bool,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, line_index: &'t LineIndex, body_start: usize) -> Self {
        Self {
            text,
            line_index,
            item_line: None,
            body_start,
            headings: Vec::new(),
            code_blocks: Vec::new(),
            code_spans: Vec::new(),
            html: Vec::new(),
            inline_html: Vec::new(),
            tables: Vec::new(),
            list_items: Vec::new(),
            links: Vec::new(),
            paragraphs: Vec::new(),
            blocks: Vec::new(),
            task_marks: Vec::new(),
            item_stack: Vec::new(),
            in_table_head: false,
        }
    }

    fn run(&mut self) {
        let body = self.text.get(self.body_start..).unwrap_or("");
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES;
        let body = lone_cr_as_lf(body);
        for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
            let range = TextRange::from(range).shifted(self.body_start);
            self.event(event, range);
        }
    }

    fn event(&mut self, event: Event<'_>, range: TextRange) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(TagEnd::Item) => {
                self.item_stack.pop();
            }
            Event::End(TagEnd::TableHead) => self.in_table_head = false,
            Event::Code(_) => self.code_spans.push(range),
            Event::Html(_) => self.html.push(range),
            Event::InlineHtml(html) => {
                self.html.push(range);
                if !html.starts_with("<!--") {
                    self.inline_html.push(range);
                }
            }
            Event::TaskListMarker(checked) => self.task_mark(range, checked),
            Event::Rule => self.block(range, BlockKind::Rule),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: TextRange) {
        match tag {
            Tag::Heading { level, .. } => {
                self.block(range, BlockKind::Heading);
                self.heading(level as u8, trim_range(self.text, range));
            }
            Tag::Paragraph => {
                self.paragraphs.push(range);
                self.block(range, BlockKind::Paragraph);
            }
            Tag::CodeBlock(kind) => {
                self.block(range, BlockKind::Code);
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                let closed = !fenced || fence_is_closed(self.text, range);
                self.code_blocks.push(CodeBlock {
                    range,
                    fenced,
                    closed,
                });
            }
            Tag::HtmlBlock => {
                self.block(range, BlockKind::Html);
            }
            Tag::BlockQuote(_) => self.block(range, BlockKind::Quote),
            Tag::List(_) => {
                // Nested lists too: a label inside a list item may be answered by one.
                self.block(range, BlockKind::List);
            }
            Tag::Item => self.item(range),
            Tag::Table(_) => {
                self.block(range, BlockKind::Table);
                self.tables.push(Table {
                    range,
                    header: TableRow::default(),
                    rows: Vec::new(),
                });
            }
            Tag::TableHead => {
                self.in_table_head = true;
                let range = trim_range(self.text, range);
                if let Some(table) = self.tables.last_mut() {
                    table.header.range = range;
                }
            }
            Tag::TableRow => {
                let range = trim_range(self.text, range);
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(TableRow {
                        range,
                        cells: Vec::new(),
                    });
                }
            }
            Tag::TableCell => {
                let cell = trim_range(self.text, range);
                let in_head = self.in_table_head;
                if let Some(table) = self.tables.last_mut() {
                    let row = if in_head {
                        Some(&mut table.header)
                    } else {
                        table.rows.last_mut()
                    };
                    if let Some(row) = row {
                        row.cells.push(cell);
                    }
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.links.push(Link {
                range,
                destination: dest_url.into_string(),
                image: false,
                autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
            }),
            Tag::Image { dest_url, .. } => self.links.push(Link {
                range,
                destination: dest_url.into_string(),
                image: true,
                autolink: false,
            }),
            _ => {}
        }
    }

    fn block(&mut self, range: TextRange, kind: BlockKind) {
        self.blocks.push(Block { range, kind });
    }

    fn heading(&mut self, level: u8, range: TextRange) {
        let title = heading_title(self.text, range);
        let key = key(crate::text::slice(self.text, title));
        self.headings.push(Heading {
            level,
            range,
            title,
            key,
        });
    }

    fn item(&mut self, range: TextRange) {
        let parent = self.item_stack.last().copied();
        let depth = u16::try_from(self.item_stack.len()).unwrap_or(u16::MAX);
        let first_line = item_first_line(self.text, range, self.item_line_end(range.start()));
        let has_more = item_has_more(self.text, range, first_line);
        self.item_stack.push(self.list_items.len());
        self.list_items.push(ListItem {
            range,
            first_line,
            depth,
            parent,
            task: None,
            has_more,
        });
    }

    /// Where the text of the line holding `offset` ends, without trailing white space.
    fn item_line_end(&mut self, offset: usize) -> usize {
        let line = self.line_index.line_of(offset);
        match self.item_line {
            Some((cached, end)) if cached == line => end,
            _ => {
                let range = self.line_index.line_range(self.text, line);
                let end = trim_range(self.text, range).end();
                self.item_line = Some((line, end));
                end
            }
        }
    }

    fn task_mark(&mut self, range: TextRange, checked: bool) {
        self.task_marks.push(range);
        if let Some(&index) = self.item_stack.last()
            && let Some(item) = self.list_items.get_mut(index)
        {
            item.task = Some(TaskMark { range, checked });
            // The first line starts after the mark.
            let after = range.end().min(item.first_line.end());
            item.first_line = trim_range(self.text, TextRange::new(after, item.first_line.end()));
        }
    }
}

/// `text` with each lone `\r` read as `\n`. CommonMark ends a line at either, but pulldown-cmark
/// does not end a fence's info string at a lone `\r` and swallows the rest of the file into the
/// block; one byte for another keeps every offset as it is in the original text.
fn lone_cr_as_lf(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The flattened section tree: a root covering the document, then one section per heading.
fn section_tree(headings: &[Heading], text_len: usize) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: None,
        level: 0,
        range: TextRange::new(0, text_len),
        content: TextRange::new(0, headings.first().map_or(text_len, |h| h.range.start())),
        parent: None,
        children: Vec::new(),
    }];
    let mut stack = vec![0usize];
    for (index, heading) in headings.iter().enumerate() {
        while stack.len() > 1
            && stack
                .last()
                .is_some_and(|&open| sections[open].level >= heading.level)
        {
            stack.pop();
        }
        let parent = stack.last().copied().unwrap_or(0);
        let end = headings[index + 1..]
            .iter()
            .find(|next| next.level <= heading.level)
            .map_or(text_len, |next| next.range.start());
        let content_end = headings
            .get(index + 1)
            .map_or(end, |next| next.range.start().min(end));
        let id = sections.len();
        sections.push(Section {
            heading: Some(index),
            level: heading.level,
            range: TextRange::new(heading.range.start(), end),
            content: TextRange::new(heading.range.end(), content_end),
            parent: Some(parent),
            children: Vec::new(),
        });
        sections[parent].children.push(id);
        stack.push(id);
    }
    sections
}

/// The text of an ATX or setext heading without its markers.
fn heading_title(text: &str, range: TextRange) -> TextRange {
    let raw = crate::text::slice(text, range);
    // Only the first line: a setext heading's underline is on the next one.
    let line_end = raw.find(['\n', '\r']).unwrap_or(raw.len());
    let line = &raw[..line_end];
    let after_indent = line.len() - line.trim_start().len();
    let mut start = after_indent;
    let hashes = line[start..].bytes().take_while(|&b| b == b'#').count();
    start += hashes;
    let mut end = line.trim_end().len().max(start);
    if hashes > 0 {
        // A closing sequence of `#` preceded by a space is not part of the title.
        let trimmed = line[start..end].trim_end_matches('#');
        if trimmed.len() < line[start..end].len()
            && (trimmed.is_empty() || trimmed.ends_with([' ', '\t']))
        {
            end = start + trimmed.len();
        }
    }
    trim_range(
        text,
        TextRange::new(range.start() + start, range.start() + end),
    )
}

/// The first line of a list item's content, after its marker; `line_end` is where the text of
/// the line it starts on ends.
fn item_first_line(text: &str, range: TextRange, line_end: usize) -> TextRange {
    let line_end = line_end.clamp(range.start(), range.end());
    let line = crate::text::slice(text, TextRange::new(range.start(), line_end));
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else if digits > 0 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) {
        digits + 1
    } else {
        0
    };
    let start = (range.start() + indent + marker).min(line_end);
    trim_range(text, TextRange::new(start, line_end))
}

/// Whether a list item has content past its first line.
fn item_has_more(text: &str, range: TextRange, first_line: TextRange) -> bool {
    let rest = crate::text::slice(text, TextRange::new(first_line.end(), range.end()));
    !rest.trim().is_empty()
}

/// Whether a fenced code block's last line closes it.
fn fence_is_closed(text: &str, range: TextRange) -> bool {
    let raw = crate::text::slice(text, range);
    let opener = raw.trim_start();
    let Some(fence_char) = opener.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return true;
    };
    let fence_len = opener.chars().take_while(|&c| c == fence_char).count();
    let body = raw.trim_end_matches(['\n', '\r']);
    let Some(last_newline) = body.rfind(['\n', '\r']) else {
        return false;
    };
    let last = body[last_newline + 1..].trim();
    last.chars().take_while(|&c| c == fence_char).count() >= fence_len
        && last.chars().all(|c| c == fence_char)
}

/// `range` without leading and trailing white space.
pub(super) fn trim_range(text: &str, range: TextRange) -> TextRange {
    let raw = crate::text::slice(text, range);
    let start = range.start() + (raw.len() - raw.trim_start().len());
    let end = range.start() + raw.trim_end().len();
    TextRange::new(start, end.max(start))
}
