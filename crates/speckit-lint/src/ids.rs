//! The IDs that tie a feature's documents together: user stories (`US1`, "User Story 1"),
//! functional requirements (`FR-001`), success criteria (`SC-001`) and, in the `ssd` dialect,
//! spec, use-case, master-data and API IDs (`S-002`, `UC-001`, `M-LOT`, `API-LOT-CREATE`).
//!
//! Where a document mentions an ID, and where a spec defines one. Scanning is linear in the
//! text. An ID must look like one: `FR-###`, `FR-XXX` or `API-...` in a template or in prose
//! about the numbering scheme are not IDs, and neither is anything inside a code block, a
//! comment, a placeholder or one of the template's own bracketed prompts.

use std::fmt;

use speckit_doc::{Document, TextRange, key};

use crate::schema::Schema;

/// What an ID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// A user story: `US1`, `US-001`, `User Story 1`.
    Story,
    /// A functional requirement: `FR-001`.
    Functional,
    /// A success criterion: `SC-001`.
    Criterion,
    /// A use case (`ssd`): `UC-001`.
    UseCase,
    /// A spec (`ssd`): `S-002`, `S-OVERVIEW-001`.
    Spec,
    /// Shared master data (`ssd`): `M-LOT`.
    Master,
    /// A shared API (`ssd`): `API-LOT-CREATE`.
    Api,
}

impl IdKind {
    /// `user-story`, `functional-requirement`, `success-criterion`, `use-case`, `spec`,
    /// `master-data` or `api`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Story => "user-story",
            Self::Functional => "functional-requirement",
            Self::Criterion => "success-criterion",
            Self::UseCase => "use-case",
            Self::Spec => "spec",
            Self::Master => "master-data",
            Self::Api => "api",
        }
    }

    /// Whether tasks and plans are expected to cover IDs of this kind.
    #[must_use]
    pub fn is_requirement(self) -> bool {
        matches!(
            self,
            Self::Story | Self::Functional | Self::Criterion | Self::UseCase
        )
    }

    fn prefix(self) -> &'static str {
        match self {
            Self::Story => "US",
            Self::Functional => "FR-",
            Self::Criterion => "SC-",
            Self::UseCase => "UC-",
            Self::Spec => "S-",
            Self::Master => "M-",
            Self::Api => "API-",
        }
    }
}

/// An ID, in its canonical spelling: a story is its number (`US-001` and "User Story 1" are both
/// `US1`); every other ID is the text after its prefix as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id {
    /// What it names.
    pub kind: IdKind,
    name: String,
}

impl Id {
    /// The story with this number (`1`, `2a`).
    #[must_use]
    pub fn story(number: &str) -> Self {
        let trimmed = number.trim_start_matches('0');
        let name = if trimmed.is_empty() || trimmed.starts_with(|c: char| !c.is_ascii_digit()) {
            format!("0{trimmed}")
        } else {
            trimmed.to_owned()
        };
        Self {
            kind: IdKind::Story,
            name,
        }
    }

    /// The IDs from `self` through `last` when both end in plain numbers of one kind
    /// (`FR-003` through `FR-006`), at most [`MAX_RANGE`] of them; otherwise just the two.
    #[must_use]
    pub fn through(&self, last: &Self) -> Vec<Self> {
        let numbers = (self.kind == last.kind)
            .then(|| Some((self.number()?, last.number()?)))
            .flatten();
        match numbers {
            Some((first, end)) if first <= end && end - first <= MAX_RANGE => (first..=end)
                .map(|number| Self {
                    kind: self.kind,
                    name: if self.kind == IdKind::Story {
                        number.to_string()
                    } else {
                        format!("{number:0width$}", width = self.name.len())
                    },
                })
                .collect(),
            _ => vec![self.clone(), last.clone()],
        }
    }

    /// The number an ID ends in, when it is all digits (`FR-006` is 6, `FR-006a` none).
    fn number(&self) -> Option<u32> {
        self.name
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| self.name.parse().ok())
            .flatten()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.prefix(), self.name)
    }
}

/// The longest range (`FR-001 to FR-040`) expanded into single IDs.
pub const MAX_RANGE: u32 = 500;

/// Where an ID is mentioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The ID.
    pub id: Id,
    /// The ID's text.
    pub range: TextRange,
    /// The end of a range this mention opens (`FR-003` in `FR-001 to FR-003`).
    pub until: Option<Id>,
}

/// Where a spec defines an ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The ID.
    pub id: Id,
    /// The mention that defines it.
    pub range: TextRange,
    /// Whether it is only declared in a list of the spec's IDs (`Spec ID(s): S-002, UC-001`),
    /// as opposed to defined by a heading, a list item, a paragraph or a table row it leads.
    pub declared: bool,
}

/// Words between two IDs that make them a range (`FR-001 to FR-004`, `SC-001–SC-003`).
const RANGE_WORDS: &[&str] = &[
    "to", "through", "thru", "-", "–", "—", "..", "...", "…", "~",
];

/// Labels of the fields that list a spec's own IDs.
const ID_LIST_LABELS: &[&str] = &["spec id s", "spec ids", "spec id", "id", "ids"];

/// Every ID mentioned in `text` (offsets from `base`), in order. `ssd` adds that dialect's
/// spec, use-case, master-data and API IDs.
#[must_use]
pub fn scan(text: &str, base: usize, ssd: bool) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut found: Vec<Mention> = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let boundary = index == 0
            || bytes
                .get(index - 1)
                .is_some_and(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
        let matched = if boundary {
            id_at(text, index, ssd)
        } else {
            None
        };
        match matched {
            Some((id, end)) => {
                found.push(Mention {
                    id,
                    range: TextRange::new(base + index, base + end),
                    until: None,
                });
                index = end;
            }
            None => index += 1,
        }
    }
    link_ranges(text, base, &mut found);
    found
}

/// Marks the mentions that open a range with its end.
fn link_ranges(text: &str, base: usize, found: &mut [Mention]) {
    for index in 1..found.len() {
        let (before, after) = found.split_at_mut(index);
        let (Some(first), Some(last)) = (before.last_mut(), after.first()) else {
            continue;
        };
        let between = text
            .get(first.range.end() - base..last.range.start() - base)
            .map(str::trim);
        if first.id.kind == last.id.kind && between.is_some_and(|w| RANGE_WORDS.contains(&w)) {
            first.until = Some(last.id.clone());
        }
    }
}

/// The ID starting at byte `start` of `text`, if one does, and where it ends.
fn id_at(text: &str, start: usize, ssd: bool) -> Option<(Id, usize)> {
    let rest = text.get(start..)?;
    let first = *rest.as_bytes().first()?;
    if !matches!(first, b'U' | b'u' | b'F' | b'S' | b'M' | b'A') {
        return None;
    }
    if let Some(found) = story_at(rest) {
        return Some((found.0, start + found.1));
    }
    let kinds: &[IdKind] = if ssd {
        &[
            IdKind::Functional,
            IdKind::Criterion,
            IdKind::UseCase,
            IdKind::Spec,
            IdKind::Master,
            IdKind::Api,
        ]
    } else {
        &[IdKind::Functional, IdKind::Criterion]
    };
    kinds.iter().find_map(|&kind| {
        let body = rest.strip_prefix(kind.prefix())?;
        let length = match kind {
            IdKind::Spec | IdKind::Master | IdKind::Api => segmented_body(body, kind),
            _ => numbered_body(body),
        }?;
        let name = body.get(..length)?.to_owned();
        Some((Id { kind, name }, start + kind.prefix().len() + length))
    })
}

/// `US1`, `US-001`, `User Story 2` or `user story 2a` at the start of `text`: the story and
/// the length of its mention.
fn story_at(text: &str) -> Option<(Id, usize)> {
    let (after_label, label) = if let Some(rest) = text
        .get(..10)
        .filter(|head| head.eq_ignore_ascii_case("user story"))
        .and_then(|_| text.get(10..))
    {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces == 0 {
            return None;
        }
        (rest.get(spaces..)?, 10 + spaces)
    } else {
        let rest = text.strip_prefix("US")?;
        match rest.strip_prefix('-') {
            Some(rest) => (rest, 3),
            None => (rest, 2),
        }
    };
    let digits = after_label.bytes().take_while(u8::is_ascii_digit).count();
    // `US1.2` numbers a part of a story, not a story.
    let part = after_label.as_bytes().get(digits) == Some(&b'.')
        && after_label
            .as_bytes()
            .get(digits + 1)
            .is_some_and(u8::is_ascii_digit);
    if digits == 0 || digits > 3 || part {
        return None;
    }
    let suffix = usize::from(
        after_label
            .as_bytes()
            .get(digits)
            .is_some_and(u8::is_ascii_lowercase),
    );
    let length = digits + suffix;
    if !ends_word(after_label, length) {
        return None;
    }
    Some((Id::story(after_label.get(..length)?), label + length))
}

/// `001`, `001a`, `B1`, `001.2`: capitals and digits with at least one digit, an optional
/// lower-case letter, then `.N` parts. Its length, when `text` starts with one.
fn numbered_body(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut length = bytes
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .count();
    if !bytes.get(..length)?.iter().any(u8::is_ascii_digit) {
        return None;
    }
    if bytes.get(length).is_some_and(u8::is_ascii_lowercase) {
        length += 1;
    }
    while bytes.get(length) == Some(&b'.') && bytes.get(length + 1).is_some_and(u8::is_ascii_digit)
    {
        length += 1 + bytes
            .get(length + 1..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    }
    ends_word(text, length).then_some(length)
}

/// `LOT`, `LOT-CREATE`, `OVERVIEW-001`: segments of capitals and digits joined by dashes (a
/// spec ID needs a digit, master data and APIs a letter; all-`X` segments are template text).
fn segmented_body(text: &str, kind: IdKind) -> Option<usize> {
    let bytes = text.as_bytes();
    let segment = |from: usize| {
        bytes.get(from..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .count()
        })
    };
    let mut length = segment(0);
    if length == 0 {
        return None;
    }
    while bytes.get(length) == Some(&b'-') {
        let next = segment(length + 1);
        if next == 0 {
            break;
        }
        length += 1 + next;
    }
    let body = text.get(..length)?;
    let shaped = match kind {
        IdKind::Spec => body.bytes().any(|b| b.is_ascii_digit()),
        _ => body.bytes().any(|b| b.is_ascii_uppercase()),
    };
    let template_text = body.split('-').any(|part| part.bytes().all(|b| b == b'X'));
    (shaped && !template_text && ends_word(text, length)).then_some(length)
}

/// Whether the word ending at `length` ends there: what follows is no ASCII letter, digit or
/// underscore (text in another script may follow an ID directly).
fn ends_word(text: &str, length: usize) -> bool {
    text.as_bytes()
        .get(length)
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
}

/// Every ID a document mentions outside code blocks, comments, placeholders and the bracketed
/// prompts of `template` (the schema it is written from, if any), in order.
#[must_use]
pub fn mentions(doc: &Document, ssd: bool, template: Option<&Schema>) -> Vec<Mention> {
    let mut excluded: Vec<TextRange> = doc
        .code_blocks
        .iter()
        .map(|block| block.range)
        .chain(doc.comments.iter().map(|comment| comment.range))
        .chain(doc.placeholders.iter().map(|placeholder| placeholder.range))
        .chain(
            doc.brackets
                .iter()
                .filter(|b| template.is_some_and(|schema| schema.is_slot(doc.slice(b.inner))))
                .map(|b| b.range),
        )
        .collect();
    excluded.sort_by_key(|range| range.start());
    // Ranges may nest (a placeholder in a comment): the running end of those before tells
    // whether an offset is covered.
    let mut covered_until = Vec::with_capacity(excluded.len());
    let mut reach = 0;
    for range in &excluded {
        reach = reach.max(range.end());
        covered_until.push(reach);
    }
    let is_excluded = |offset: usize| {
        let before = excluded.partition_point(|range| range.start() <= offset);
        before
            .checked_sub(1)
            .and_then(|last| covered_until.get(last))
            .is_some_and(|&end| offset < end)
    };
    scan(doc.text(), 0, ssd)
        .into_iter()
        .filter(|mention| !is_excluded(mention.range.start()))
        .collect()
}

/// A user story's heading, read from its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryHeading {
    /// The story, when the heading numbers it ("Primary User Story" does not).
    pub id: Option<Id>,
    /// Whether the heading gives a priority (`(Priority: P1)`, `(P2)`).
    pub has_priority: bool,
}

/// Reads a heading title as a user story's: `User Story 1 - Title (Priority: P1)`,
/// `US-001: Title (Priority: P0)`, `Story 2 - Title`, `Primary User Story`, or a numbered
/// heading that gives a priority (`사용자 스토리 2 - 제목 (Priority: P2)`).
#[must_use]
pub fn story_heading(title: &str) -> Option<StoryHeading> {
    let trimmed = title.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '`');
    let has_priority = priority_in(title);
    let title_key = key::key(title);
    let named = story_at(trimmed).map(|(id, _)| id).or_else(|| {
        trimmed
            .strip_prefix("Story ")
            .and_then(|rest| story_at(&format!("US{rest}")).map(|(id, _)| id))
    });
    if let Some(id) = named {
        return Some(StoryHeading {
            id: Some(id),
            has_priority,
        });
    }
    // The single story of older templates.
    if title_key == "user story" || title_key.ends_with(" user story") {
        return Some(StoryHeading {
            id: None,
            has_priority,
        });
    }
    let says_priority = title_key.split(' ').any(|word| word == "priority");
    (has_priority && says_priority).then(|| StoryHeading {
        id: first_number(title).map(|n| Id::story(&n)),
        has_priority,
    })
}

/// Whether text holds a priority: a word `P0`, `P1`, ... on its own.
#[must_use]
pub fn priority_in(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(index, &b)| {
        let before = index
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_none_or(|&b| !b.is_ascii_alphanumeric());
        let digits = bytes.get(index + 1..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        });
        b == b'P' && before && digits > 0 && ends_word(text.get(index + 1..).unwrap_or(""), digits)
    })
}

/// The first run of ASCII digits in text (with a lower-case letter right after it, if any).
fn first_number(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = text.get(start..)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = usize::from(
        rest.as_bytes()
            .get(digits)
            .is_some_and(u8::is_ascii_lowercase),
    );
    rest.get(..digits + suffix).map(str::to_owned)
}

/// Where a spec defines IDs, in order: headings that start with an ID (or name a user story);
/// list items and paragraphs that start with one followed by a separator (`- **FR-001**: ...`);
/// table rows whose first cell is one; and, declared rather than defined, the IDs listed in a
/// `Spec ID(s):` or `ID:` field and IDs in bold within a sentence.
#[must_use]
pub fn definitions(doc: &Document, found: &[Mention]) -> Vec<Definition> {
    let mention_at = |offset: usize| {
        let index = found.partition_point(|m| m.range.start() < offset);
        found.get(index).filter(|m| m.range.start() == offset)
    };
    let leading = |range: TextRange| {
        let text = doc.slice(range);
        let skipped = text.len()
            - text
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '`' | '_'))
                .len();
        mention_at(range.start() + skipped)
    };
    // What follows the ID: a separator (`FR-001: ...`, `**FR-001**: ...`, `FR-001 — ...`) or
    // the end of the line, as opposed to a sentence that starts with a reference.
    let introduced = |mention: &Mention, range: TextRange| {
        let rest = doc
            .text()
            .get(mention.range.end()..range.end())
            .unwrap_or("")
            .trim_start_matches(['*', '`', '_'])
            .trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with(['\n', '\r', ':', '：', '-', '–', '—', '|', ')', '.'])
    };
    let cell_only = |mention: &Mention, range: TextRange| {
        doc.text()
            .get(mention.range.end()..range.end())
            .is_some_and(|rest| rest.trim_matches(['*', '`', '_', ' ']).is_empty())
    };
    let define = |mention: &Mention, declared: bool| Definition {
        id: mention.id.clone(),
        range: mention.range,
        declared,
    };
    let mut defined: Vec<Definition> = Vec::new();
    for heading in &doc.headings {
        if let Some(mention) = leading(heading.title) {
            defined.push(define(mention, false));
        } else if let Some(id) = story_heading(doc.slice(heading.title)).and_then(|story| story.id)
        {
            defined.push(Definition {
                id,
                range: heading.title,
                declared: false,
            });
        }
    }
    let starts = doc
        .list_items
        .iter()
        .map(|item| item.first_line)
        .chain(doc.paragraphs.iter().copied());
    for range in starts {
        if let Some(mention) = leading(range).filter(|m| introduced(m, range)) {
            defined.push(define(mention, false));
        }
    }
    let first_cells = doc
        .tables
        .iter()
        .flat_map(|table| table.rows.iter())
        .filter_map(|row| row.cells.first().copied());
    for cell in first_cells {
        if let Some(mention) = leading(cell).filter(|m| cell_only(m, cell)) {
            defined.push(define(mention, false));
        }
    }
    // An ID in bold inside a sentence (`extended as **FR-004a**: ...`) introduces it too.
    let text = doc.text();
    for mention in found {
        let before = text.get(..mention.range.start()).unwrap_or("");
        let after = text.get(mention.range.end()..).unwrap_or("");
        if before.ends_with("**") && (after.starts_with("**") || after.starts_with(":**")) {
            defined.push(define(mention, true));
        }
    }
    for field in &doc.fields {
        if !ID_LIST_LABELS.contains(&key::key(doc.slice(field.label)).as_str()) {
            continue;
        }
        let index = found.partition_point(|m| m.range.start() < field.value.start());
        for mention in found
            .get(index..)
            .unwrap_or_default()
            .iter()
            .take_while(|m| field.value.contains_range(m.range))
        {
            defined.push(define(mention, true));
        }
    }
    defined.sort_by_key(|d| (d.range.start(), d.declared));
    defined.dedup_by(|later, earlier| later.range.start() == earlier.range.start());
    defined
}

#[cfg(test)]
mod tests;
