//! The IDs that tie a feature's documents together, and their one grammar: user stories
//! (`US1`, "User Story 1"), functional and non-functional requirements (`FR-001`, `NFR-001`,
//! and the prefixes of translated specs, `RF-001`), success criteria (`SC-001`, `CS-001`),
//! tasks (`T001`, `WP01`) and, in the `ssd` dialect, spec, use-case, master-data and API IDs
//! (`S-002`, `UC-001`, `M-LOT`, `API-LOT-CREATE`). [`grammar_reference`] states it for users.
//!
//! Where a document mentions an ID, and where a spec defines one. Scanning is linear in the
//! text. An ID must look like one: `FR-###`, `FR-XXX` or `API-...` in a template or in prose
//! about the numbering scheme are not IDs, and neither is anything inside a code block, a
//! comment, a placeholder or one of the template's own bracketed prompts.
//!
//! The task model reads task IDs ([`task_at`]), story labels ([`story_label`]) and the stories
//! of phase headings ([`stories_in`]) here, and every rule reads a spec's stories through
//! [`definitions`] (or [`spec_stories`]), so that `speckit check`, `speckit analyze` and
//! `speckit tasks` never disagree on what an ID is.

use std::cmp::Ordering;
use std::fmt;

use speckit_doc::{Document, TextRange, key};

use crate::schema::Schema;

/// What an ID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// A user story: `US1`, `US-001`, `User Story 1`.
    Story,
    /// A functional requirement: `FR-001`, or in a translated spec `RF-001` (es, pt, it:
    /// "requisito funcional") or `EF-001` (fr: "exigence fonctionnelle").
    Functional,
    /// A non-functional requirement: `NFR-001`, `RNF-001`, `ENF-001`. Tasks and plans are not
    /// expected to cite each one, but references to them are checked like any other.
    NonFunctional,
    /// A success criterion: `SC-001`, or in a translated spec `CS-001` (pt: "critério de
    /// sucesso"; fr: "critère de succès") or `CE-001` (es: "criterio de éxito").
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
    /// `user-story`, `functional-requirement`, `non-functional-requirement`,
    /// `success-criterion`, `use-case`, `spec`, `master-data` or `api`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Story => "user-story",
            Self::Functional => "functional-requirement",
            Self::NonFunctional => "non-functional-requirement",
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

    /// The prefixes of the kind's IDs, the English one first. Where one prefix ends another,
    /// the longer comes first.
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            Self::Story => &["US"],
            Self::Functional => &["FR-", "RF-", "EF-"],
            Self::NonFunctional => &["NFR-", "RNF-", "ENF-"],
            Self::Criterion => &["SC-", "CS-", "CE-"],
            Self::UseCase => &["UC-"],
            Self::Spec => &["S-"],
            Self::Master => &["M-"],
            Self::Api => &["API-"],
        }
    }
}

/// An ID, in its canonical spelling: a story is its number, without leading zeros (`US-001`,
/// "User Story 1" and "Historia de Usuario 1" are all `US1`); every other ID is its prefix and
/// the text after it as written (`FR-1` and `FR-001` are two IDs, and so are `FR-001` and
/// `RF-001`).
///
/// IDs order by kind, then by their numbers (`US2` before `US10`, `FR-003` before `FR-003.1`
/// before `FR-003a` before `FR-004`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Id {
    /// What it names.
    pub kind: IdKind,
    /// One of the kind's prefixes, as written.
    prefix: &'static str,
    name: String,
}

impl Id {
    /// The story with this number (`1`, `2a`, `001`, `1.2`).
    #[must_use]
    pub fn story(number: &str) -> Self {
        Self {
            kind: IdKind::Story,
            prefix: "US",
            name: story_name(number),
        }
    }

    /// The text after the ID's prefix, canonical for a story (`1a` for `US-01a`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The ID this one is a part of: without its last `.N` (`FR-003` for `FR-003.1`, `US1` for
    /// `US1.2`). A letter makes a sibling, not a part: `FR-006a` and `US1a` have no parent.
    #[must_use]
    pub fn parent(&self) -> Option<Self> {
        let (parent, part) = self.name.rsplit_once('.')?;
        let is_part =
            !parent.is_empty() && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        is_part.then(|| Self {
            kind: self.kind,
            prefix: self.prefix,
            name: parent.to_owned(),
        })
    }

    /// The ID, then each ID it is a part of, innermost first (`FR-003.1.2`, `FR-003.1`,
    /// `FR-003`).
    pub fn lineage(&self) -> impl Iterator<Item = Self> {
        std::iter::successors(Some(self.clone()), Self::parent)
    }

    /// Whether a reference to this ID is satisfied by the IDs `is_defined` accepts: the ID itself
    /// or one it is a part of (a requirement's parts are written under it).
    pub fn resolves(&self, is_defined: impl Fn(&Self) -> bool) -> bool {
        self.lineage().any(|id| is_defined(&id))
    }

    /// The IDs from `self` through `last` when both end in plain numbers of one kind
    /// (`FR-003` through `FR-006`), at most [`MAX_RANGE`] of them; otherwise just the two.
    #[must_use]
    pub fn through(&self, last: &Self) -> Vec<Self> {
        let numbers = (self.kind == last.kind && self.prefix == last.prefix)
            .then(|| Some((self.number()?, last.number()?)))
            .flatten();
        match numbers {
            Some((first, end)) if first <= end && end - first <= MAX_RANGE => (first..=end)
                .map(|number| Self {
                    kind: self.kind,
                    prefix: self.prefix,
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

impl Ord for Id {
    fn cmp(&self, other: &Self) -> Ordering {
        self.kind
            .cmp(&other.kind)
            .then_with(|| self.prefix.cmp(other.prefix))
            .then_with(|| natural_order(&self.name, &other.name))
            // Names whose numbers are equal (`FR-1`, `FR-001`) still differ as text.
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two names run by run: runs of digits by their value, other characters as
/// themselves, so that `2` sorts before `10` and `3` before `3.1` before `3a`.
fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        let (Some(x), Some(y)) = (a.first(), b.first()) else {
            return a.len().cmp(&b.len());
        };
        let (step_a, step_b, order) = if x.is_ascii_digit() && y.is_ascii_digit() {
            let (run_a, run_b) = (digit_run(a, 0), digit_run(b, 0));
            let (value_a, value_b) = (
                significant(a.get(..run_a).unwrap_or_default()),
                significant(b.get(..run_b).unwrap_or_default()),
            );
            // Without leading zeros, a longer run is a larger number, and runs of one length
            // compare digit by digit: no run is too long to compare.
            let order = value_a
                .len()
                .cmp(&value_b.len())
                .then_with(|| value_a.cmp(value_b));
            (run_a, run_b, order)
        } else {
            (1, 1, x.cmp(y))
        };
        if order != Ordering::Equal {
            return order;
        }
        a = a.get(step_a..).unwrap_or_default();
        b = b.get(step_b..).unwrap_or_default();
    }
}

/// A run of digits without its leading zeros.
fn significant(run: &[u8]) -> &[u8] {
    let zeros = run.iter().take_while(|&&digit| digit == b'0').count();
    run.get(zeros..).unwrap_or_default()
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix, self.name)
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

impl Mention {
    /// The IDs the mention stands for: its ID, or every ID of the range it opens, each followed
    /// by the IDs it is a part of (a task citing `FR-003.1` works on FR-003).
    #[must_use]
    pub fn ids(&self) -> Vec<Id> {
        let named = match &self.until {
            Some(last) => self.id.through(last),
            None => vec![self.id.clone()],
        };
        named.iter().flat_map(Id::lineage).collect()
    }
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

/// Words between two IDs that make them a range (`FR-001 to FR-004`, `SC-001–SC-003`, `SC-001 a
/// SC-008`), in the languages of real specs.
const RANGE_WORDS: &[&str] = &[
    "to", "through", "thru", "-", "–", "—", "..", "...", "…", "~", "～",
    "〜", // English, signs
    "a", "al", "hasta", "até", "à", "au", "bis", "до", "по", "至", "到",
    "から", // es, pt, fr, de, ru, zh, ja
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
        let rest = if boundary { text.get(index..) } else { None };
        let mention = |id: Id, start: usize, end: usize| Mention {
            id,
            range: TextRange::new(base + start, base + end),
            until: None,
        };
        if let Some(story) = rest.and_then(story_at) {
            let mut end = index + story.length;
            found.push(mention(story.id, index, end));
            if story.phrase {
                for (id, start, listed_end) in listed_stories(text, end) {
                    found.push(mention(id, start, listed_end));
                    end = listed_end;
                }
            }
            index = end;
        } else if let Some((id, length)) = rest.and_then(|rest| id_at(rest, ssd)) {
            found.push(mention(id, index, index + length));
            index += length;
        } else {
            index += 1;
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

/// The ID other than a story at the start of `text`, if one is there, and its length.
fn id_at(text: &str, ssd: bool) -> Option<(Id, usize)> {
    let first = *text.as_bytes().first()?;
    if !matches!(
        first,
        b'U' | b'F' | b'S' | b'M' | b'A' | b'N' | b'R' | b'E' | b'C'
    ) {
        return None;
    }
    let kinds: &[IdKind] = if ssd {
        &[
            IdKind::Functional,
            IdKind::NonFunctional,
            IdKind::Criterion,
            IdKind::UseCase,
            IdKind::Spec,
            IdKind::Master,
            IdKind::Api,
        ]
    } else {
        &[IdKind::Functional, IdKind::NonFunctional, IdKind::Criterion]
    };
    kinds.iter().find_map(|&kind| {
        let (prefix, body) = kind
            .prefixes()
            .iter()
            .find_map(|&prefix| Some((prefix, text.strip_prefix(prefix)?)))?;
        let length = match kind {
            IdKind::Spec | IdKind::Master | IdKind::Api => segmented_body(body, kind),
            _ => numbered_body(body),
        }?;
        let name = body.get(..length)?.to_owned();
        Some((Id { kind, prefix, name }, prefix.len() + length))
    })
}

/// The words that name user stories before their number, lower case, in the languages of real
/// specs and task lists. Where one word starts another, the longer comes first.
const STORY_WORDS: &[&str] = &[
    "user stories",
    "user story",
    "stories",
    "story",
    "historias de usuario",
    "historia de usuario",
    "histórias de usuário",
    "história de usuário",
    "histoires utilisateur",
    "histoire utilisateur",
    "benutzergeschichten",
    "benutzergeschichte",
    // Cyrillic capitals are not ASCII: the capitalised forms are listed too.
    "пользовательские истории",
    "Пользовательские истории",
    "пользовательская история",
    "Пользовательская история",
    "사용자 스토리",
    "스토리",
    "用户故事",
    "用戶故事",
    "使用者故事",
    "ユーザーストーリー",
    "ストーリー",
];

/// Whether a byte (lower-cased) starts one of [`STORY_WORDS`].
const STORY_WORD_STARTS: [bool; 256] = {
    let mut starts = [false; 256];
    let mut index = 0;
    while index < STORY_WORDS.len() {
        let word = STORY_WORDS[index].as_bytes();
        if let Some(&first) = word.first() {
            starts[first.to_ascii_lowercase() as usize] = true;
        }
        index += 1;
    }
    starts
};

/// What may separate the numbers of a list of stories (`User Stories 2 and 3`,
/// `Historias de Usuario 1 + 2`, `User Stories 1, 2, and 3`); a word needs a space on each side.
/// Where one separator starts another, the longer comes first.
const LIST_SEPARATORS: &[&str] = &[
    ", and", ",", "&", "+", "/", "、", "，", "and", "und", "et", "y", "e",
];

/// The grammar as users read it: the `IDs` section of `docs/rules.md`, in Markdown, with the
/// story words and list separators the scanner uses.
#[must_use]
pub fn grammar_reference() -> String {
    let quoted = |words: &[&str]| {
        words
            .iter()
            .map(|word| format!("`{word}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "{GRAMMAR_REFERENCE}\nStory words, in any case: {}. List separators: {}.\n",
        quoted(STORY_WORDS),
        quoted(LIST_SEPARATORS)
    )
}

/// The fixed part of [`grammar_reference`].
const GRAMMAR_REFERENCE: &str = "\
Every command reads the IDs that tie a feature together with one grammar, so `speckit check`, \
`speckit analyze` and `speckit tasks` agree on what an ID is. An ID never runs into the word \
around it: no ASCII letter, digit or underscore comes right before or after it (text in \
another script may). IDs inside code blocks, HTML comments, placeholders and the template's \
own bracketed prompts are not read.

| written | the ID | what it is |
|---|---|---|
| `US1`, `US-001`, `User Story 1`, `Story 1`, `Historia de Usuario 1`, `사용자 스토리 1` | US1 | a user story: its number, without leading zeros (one to three digits: `US2024` is none; `US` in capitals) |
| `US1a`, `User Story 1a` | US1a | a story of its own, next to US1, not a part of it |
| `US1.2` | US1.2 | a part of story US1 |
| `User Stories 2 and 3`, `Story 1 + 2` | US2, US3; US1, US2 | a list, after a story word (not after `US`: `US1, 20` is one story) |
| `FR-001`, `SC-001`, `UC-001`, `FR-A01` | FR-001, ... | a requirement, criterion or use case, as written: `FR-1` and `FR-001` are two IDs |
| `NFR-001`, `RNF-001`, `ENF-001` | NFR-001, ... | a non-functional requirement: references to it are checked, but tasks need not cite it |
| `RF-001`, `EF-001`; `CS-001`, `CE-001` | RF-001, ... | a functional requirement (requisito funcional, exigence fonctionnelle) and a success criterion (critério de sucesso, critère de succès, criterio de éxito) in a translated spec, as written |
| `FR-006a` | FR-006a | a requirement of its own, inserted after FR-006 |
| `FR-003.1` | FR-003.1 | a requirement of its own, a part of FR-003 |
| `FR-001 to FR-004`, `SC-001–SC-003` | FR-001 ... FR-004 | every ID of the range (at most 500) |
| `S-002`, `M-LOT`, `API-LOT-CREATE` | S-002, ... | the `ssd` dialect's spec, master-data and API IDs |
| `T001`, `T1`, `WP01`, `TASK-7`, `API-T004` | T001 | a task, by its numbering and number: `T1` and `T001` are one task, `API-T004` and `WEB-T004` two |
| `T052.1`, `T060a` | T052.1, T060a | tasks of their own, ordered right after T052 and T060, before T053 and T061 |

- A reference to a part (`FR-003.1`, `US1.2`) is satisfied when the spec defines the part or \
  the ID it is a part of, and a task that cites a part covers its parent too. A letter makes a \
  sibling, not a part: a reference to `US1a` or `FR-006a` needs that very ID.
- A spec defines an ID in a heading that starts with it, or that reads as a user story \
  (`### User Story 1 - Title (Priority: P1)`, in any of the story words below, or a numbered \
  heading with a priority); in a list item or paragraph that starts with it and a separator, \
  after a short note in parentheses if there is one (`- **FR-001**: ...`, `- **SC-002** \
  (latency): ...`); or alone in a table row's first cell. It declares one in bold within \
  a sentence (`**FR-004a**`) or in a `Spec ID(s):` or `ID:` field. Every rule reads a spec's \
  stories this one way.
- A task's story label is a bracket holding story IDs and nothing else: `[US1]`, `[US1a]`, \
  `[US2.1]`, `[US1+US2]`, `[Story 3]`. `[P]` marks a parallel task; `[P1]` or `[All]` are \
  other labels. A phase is a story's when its heading names one (`Phase 3: User Story 1`, \
  `Fase 4: Historia de Usuario 2`).
";

/// A story named at the start of a text.
struct StoryAt {
    id: Id,
    /// The length of its mention.
    length: usize,
    /// Whether a word named it (`User Stories 2`) rather than `US`: more numbers may follow
    /// in a list.
    phrase: bool,
}

/// `US1`, `US-001`, `US1a`, `US1.2`, or a story word and a number (`User Story 2`,
/// `Stories 3`, `Historia de Usuario 4`, `用户故事5`) at the start of `text`.
fn story_at(text: &str) -> Option<StoryAt> {
    let story = |(name, length), phrase| StoryAt {
        id: Id {
            kind: IdKind::Story,
            prefix: "US",
            name,
        },
        length,
        phrase,
    };
    if let Some(rest) = text.strip_prefix("US") {
        let number_at = if rest.starts_with('-') { 3 } else { 2 };
        // `USER STORY 1` is not `US` and a number, but may still be a story word.
        if let Some(number) = story_number(text, number_at) {
            // `US-001-P1-003` is a project's own longer ID, not story 1 (`US1-US3` is a range).
            let compound = text.get(number.1..).is_some_and(|after| {
                after.starts_with('-')
                    && after
                        .as_bytes()
                        .get(1)
                        .is_some_and(u8::is_ascii_alphanumeric)
                    && !after.get(1..).is_some_and(|next| next.starts_with("US"))
            });
            if compound {
                return None;
            }
            return Some(story(number, false));
        }
    }
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    // Most positions of a text start no story word: one lookup rules them out.
    if !STORY_WORD_STARTS[usize::from(first)] {
        return None;
    }
    let word = STORY_WORDS.iter().find(|word| {
        word.as_bytes().first() == Some(&first)
            && text
                .get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
    })?;
    let after_spaces = text.get(word.len()..)?.trim_start_matches(' ');
    let mut number_at = text.len() - after_spaces.len();
    if after_spaces.starts_with('#') {
        number_at += 1;
    }
    story_number(text, number_at).map(|number| story(number, true))
}

/// A story's number at byte `at` of `text`: one to three digits (`US2024` is no story), then an
/// ID's tail; its canonical name and where it ends.
fn story_number(text: &str, at: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let digits = digit_run(bytes, at);
    if digits == 0 || digits > 3 {
        return None;
    }
    let end = tail_end(bytes, at + digits);
    if !ends_word(text, end) {
        return None;
    }
    Some((story_name(text.get(at..end)?), end))
}

/// The stories listed after a story word's first number, from byte `at` of `text`: each
/// with its start and end.
fn listed_stories(text: &str, mut at: usize) -> Vec<(Id, usize, usize)> {
    let mut listed = Vec::new();
    while let Some(start) = list_separator(text, at) {
        let Some((name, end)) = story_number(text, start) else {
            break;
        };
        let id = Id {
            kind: IdKind::Story,
            prefix: "US",
            name,
        };
        listed.push((id, start, end));
        at = end;
    }
    listed
}

/// The offset after a list separator at byte `at` of `text` and the spaces around it.
fn list_separator(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    let spaced_before = trimmed.len() < rest.len();
    LIST_SEPARATORS.iter().find_map(|separator| {
        let head = trimmed.get(..separator.len())?;
        let after = trimmed.get(separator.len()..)?;
        let spaces_after = after.len() - after.trim_start_matches(' ').len();
        let letter_first = separator.starts_with(|c: char| c.is_ascii_alphabetic());
        let letter_last = separator.ends_with(|c: char| c.is_ascii_alphabetic());
        let stands_alone = (spaced_before || !letter_first) && (spaces_after > 0 || !letter_last);
        (head.eq_ignore_ascii_case(separator) && stands_alone)
            .then(|| text.len() - after.len() + spaces_after)
    })
}

/// A story's canonical name: its number without leading zeros (`001` is `1`, `0` stays), its
/// letter and its parts, each part without leading zeros too (`01a` is `1a`, `1.02` is `1.2`).
fn story_name(number: &str) -> String {
    let mut name = String::with_capacity(number.len());
    for (index, part) in number.split('.').enumerate() {
        if index > 0 {
            name.push('.');
        }
        let trimmed = part.trim_start_matches('0');
        if !trimmed.starts_with(|c: char| c.is_ascii_digit()) {
            name.push('0');
        }
        name.push_str(trimmed);
    }
    name
}

/// Where an ID's tail starting at byte `at` ends: an optional lower-case letter (`FR-006a`,
/// `US1a`, `T060a`: an ID of its own, inserted after the one without it), then `.N` parts
/// (`FR-003.1`, `US1.2`, `T052.1`: parts of the ID before them).
fn tail_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at;
    if bytes.get(end).is_some_and(u8::is_ascii_lowercase) {
        end += 1;
    }
    while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1 + digit_run(bytes, end + 1);
    }
    end
}

/// How many ASCII digits start at byte `at`.
fn digit_run(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// `001`, `001a`, `B1`, `001.2`: capitals and digits with at least one digit, then an ID's
/// tail. Its length, when `text` starts with one.
fn numbered_body(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let length = bytes
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .count();
    if !bytes.get(..length)?.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let length = tail_end(bytes, length);
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

/// A task ID (`T001`, `T052.1`, `T060a`, `WP01`, `TASK-7`, `API-T004`), read by its numbering
/// and its numbers: `T1` and `T001` are one task, `T052.1` and `T052a` two, `API-T004` and
/// `WEB-T004` two tasks of two numberings. Spec Kit lists tasks in execution order and IDs
/// follow it: a sub-task comes right after its task and before the next (`T052`, `T052.1`,
/// `T053`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskId {
    /// What comes before the digits, naming the numbering: `T`, `WP`, `TASK-`, `API-T`.
    scheme: Box<str>,
    number: u64,
    letter: Option<u8>,
    parts: Vec<u64>,
}

impl TaskId {
    /// Whether the two IDs belong to one numbering (both `T…`, both `WP…`, both `API-T…`), so
    /// that their order means something.
    #[must_use]
    pub fn comparable(&self, other: &Self) -> bool {
        self.scheme == other.scheme
    }

    /// The ID's main number (`52` for `T052.1`).
    #[must_use]
    pub fn number(&self) -> u64 {
        self.number
    }

    /// What comes before the digits: `T`, `WP`, `TASK-`, `API-T`.
    #[must_use]
    pub fn prefix(&self) -> &str {
        &self.scheme
    }

    /// Whether the ID is a number alone, without a letter or parts (`T052`, not `T052.1`).
    #[must_use]
    pub fn is_plain(&self) -> bool {
        self.letter.is_none() && self.parts.is_empty()
    }

    /// The plain ID of this numbering with another number (`T019` to `T023` holds `T020`).
    #[must_use]
    pub fn with_number(&self, number: u64) -> Self {
        Self {
            scheme: self.scheme.clone(),
            number,
            letter: None,
            parts: Vec::new(),
        }
    }

    /// How the two IDs compare in execution order, when they are of one numbering. A letter
    /// counts as a sub-number (`T060a` as `T060.1`), so two sub-tasks of one task written in
    /// different styles compare equal.
    #[must_use]
    pub fn order(&self, other: &Self) -> Option<Ordering> {
        let numbers = |id: &Self| {
            std::iter::once(id.number)
                .chain(
                    id.letter
                        .map(|letter| u64::from(letter.saturating_sub(b'a')) + 1),
                )
                .chain(id.parts.iter().copied())
                .collect::<Vec<u64>>()
        };
        self.comparable(other)
            .then(|| numbers(self).cmp(&numbers(other)))
    }
}

/// The task ID starting exactly at byte `start` of `text`, and where it ends: a numbering
/// (`T`, `WP`, `TASK-`, or a scope of capitals and a hyphen before `T`: `API-T`), digits, then
/// an ID's tail. Like every ID it neither follows nor runs into a letter, digit or underscore.
/// Numbers too long for `u64` saturate.
#[must_use]
pub fn task_at(text: &str, start: usize) -> Option<(TaskId, usize)> {
    let bytes = text.as_bytes();
    if start > 0
        && bytes
            .get(start - 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    let digits_start = start + scheme_len(text.get(start..)?)?;
    let digits = digit_run(bytes, digits_start);
    if digits == 0 {
        return None;
    }
    let end = tail_end(bytes, digits_start + digits);
    if !ends_word(text, end) {
        return None;
    }
    let value = |digits: &str| {
        digits.bytes().fold(0u64, |acc, b| {
            acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        })
    };
    let number = value(text.get(digits_start..digits_start + digits)?);
    let tail = text.get(digits_start + digits..end)?;
    let letter = tail.bytes().next().filter(u8::is_ascii_lowercase);
    let parts = tail.split('.').skip(1).map(value).collect();
    Some((
        TaskId {
            scheme: text.get(start..digits_start)?.into(),
            number,
            letter,
            parts,
        },
        end,
    ))
}

/// The length of the task numbering `rest` starts with, if it starts with one: `WP`, `TASK-`,
/// a scope (two to ten capitals) and `-T`, or `T`. A scope holds no digit, so that a range
/// (`T001-T003`) is no scoped ID.
fn scheme_len(rest: &str) -> Option<usize> {
    const LONGEST_SCOPE: usize = 10;
    if rest.starts_with("WP") {
        return Some(2);
    }
    if rest.starts_with("TASK-") {
        return Some(5);
    }
    let bytes = rest.as_bytes();
    let scope = bytes
        .iter()
        .take(LONGEST_SCOPE + 1)
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let scoped = (2..=LONGEST_SCOPE).contains(&scope)
        && rest
            .get(scope..)
            .is_some_and(|after| after.starts_with("-T"));
    if scoped {
        return Some(scope + 2);
    }
    rest.starts_with('T').then_some(1)
}

/// The stories a text names (a phase heading, a label), each once, in order of first mention.
#[must_use]
pub fn stories_in(text: &str) -> Vec<Id> {
    let mut stories: Vec<Id> = Vec::new();
    for mention in scan(text, 0, false) {
        if mention.id.kind == IdKind::Story && !stories.contains(&mention.id) {
            stories.push(mention.id);
        }
    }
    stories
}

/// The stories a task's bracketed label names, when it names stories and nothing else: `US1`,
/// `US1a`, `US2.1`, `US1+US2`, `US1, US2`, `Story 3`. `[P1]`, `[All]` or `[US1 API]` name none.
#[must_use]
pub fn story_label(inner: &str) -> Option<Vec<Id>> {
    let found = scan(inner, 0, false);
    let mut stories: Vec<Id> = Vec::new();
    let mut previous_end = 0;
    for (index, mention) in found.into_iter().enumerate() {
        let gap = inner
            .get(previous_end..mention.range.start())
            .unwrap_or("")
            .trim();
        let separates = gap.is_empty() || (index > 0 && LIST_SEPARATORS.contains(&gap));
        if mention.id.kind != IdKind::Story || !separates {
            return None;
        }
        previous_end = mention.range.end();
        if !stories.contains(&mention.id) {
            stories.push(mention.id);
        }
    }
    let rest = inner.get(previous_end..).unwrap_or("").trim();
    (!stories.is_empty() && rest.is_empty()).then_some(stories)
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

/// Reads a heading title as a user story's: a story ID or a story word and a number first
/// (`User Story 1 - Title (Priority: P1)`, `US-001: Title`, `Story 2 - Title`,
/// `사용자 스토리 3 - 제목`), `Primary User Story`, or a numbered heading that gives a priority
/// (`2. Checkout (Priority: P2)`).
#[must_use]
pub fn story_heading(title: &str) -> Option<StoryHeading> {
    let trimmed = title.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '`');
    let has_priority = priority_in(title);
    if let Some(story) = story_at(trimmed).or_else(|| story_after_qualifier(trimmed)) {
        return Some(StoryHeading {
            id: Some(story.id),
            has_priority,
        });
    }
    let title_key = key::key(title);
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

/// A story named after a short qualifier written without a space, as Chinese and Japanese
/// write one (`增量用户故事 4`, incremental user story 4; `核心ユーザーストーリー 2`).
fn story_after_qualifier(title: &str) -> Option<StoryAt> {
    const STORY_WORDS: &[&str] = &["用户故事", "使用者故事", "用戶故事", "ユーザーストーリー"];
    let (at, _) = STORY_WORDS
        .iter()
        .filter_map(|word| title.find(word).map(|at| (at, *word)))
        .min()?;
    let qualifier = &title[..at];
    (!qualifier.is_empty()
        && qualifier.chars().count() <= 4
        && qualifier.chars().all(key::is_unspaced_script))
    .then(|| story_at(&title[at..]))
    .flatten()
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
///
/// `found` are the document's mentions; its stories, though, are read from the document itself
/// the one way every rule reads them (see [`spec_stories`]), whatever dialect and template the
/// other IDs were found with.
#[must_use]
pub fn definitions(doc: &Document, found: &[Mention]) -> Vec<Definition> {
    let stories = mentions(doc, false, None);
    let mut merged: Vec<&Mention> = found
        .iter()
        .filter(|m| m.id.kind != IdKind::Story)
        .chain(stories.iter().filter(|m| m.id.kind == IdKind::Story))
        .collect();
    merged.sort_by_key(|m| m.range.start());
    let found = merged.as_slice();
    let mention_at = |offset: usize| {
        let index = found.partition_point(|m| m.range.start() < offset);
        found
            .get(index)
            .copied()
            .filter(|m| m.range.start() == offset)
    };
    let leading = |range: TextRange| {
        let text = doc.slice(range);
        let skipped = text.len()
            - text
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '`' | '_'))
                .len();
        mention_at(range.start() + skipped)
    };
    // What follows the ID: a separator (`FR-001: ...`, `**FR-001**: ...`, `FR-001 — ...`),
    // after a short note in parentheses if there is one (`**SC-002** (latency): ...`), or the
    // end of the line, as opposed to a sentence that starts with a reference.
    let introduced = |mention: &Mention, range: TextRange| {
        let rest = doc
            .text()
            .get(mention.range.end()..range.end())
            .unwrap_or("")
            .trim_start_matches(['*', '`', '_'])
            .trim_start_matches([' ', '\t']);
        let rest = rest
            .strip_prefix(['(', '（'])
            .and_then(|note| {
                let close = note.find([')', '）', '\n'])?;
                let after = note.get(close..)?;
                let after = after
                    .strip_prefix(')')
                    .or_else(|| after.strip_prefix('）'))?;
                Some(after.trim_start_matches(['*', '`', '_', ' ', '\t']))
            })
            .filter(|after| after.starts_with([':', '：', '-', '–', '—']))
            .unwrap_or(rest);
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
    // A list written without bullets, one bold ID a line (`**FR-012 (Inputs)**: ...` under
    // `**FR-011 ...**`), is one paragraph to Markdown but a definition a line to its author.
    for &paragraph in &doc.paragraphs {
        let mut next_line = paragraph.start();
        for (index, line) in doc
            .slice(paragraph)
            .split_inclusive(['\n', '\r'])
            .enumerate()
        {
            let line_start = next_line;
            next_line += line.len();
            if index == 0 || !line.trim_start().starts_with("**") {
                continue;
            }
            let range = TextRange::new(line_start, line_start + line.trim_end().len());
            if let Some(mention) = leading(range).filter(|m| introduced(m, range)) {
                defined.push(define(mention, false));
            }
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
    for &mention in found {
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
        for &mention in found
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

/// The user stories a spec defines, each once, in story order: the stories of its
/// [`definitions`]. SK703 (a task's story label) and SK802 (a story referenced anywhere) both
/// read the spec's stories this way, so a story known to one is known to the other.
#[must_use]
pub fn spec_stories(spec: &Document) -> Vec<Id> {
    let mut stories: Vec<Id> = definitions(spec, &[])
        .into_iter()
        .filter(|definition| definition.id.kind == IdKind::Story)
        .map(|definition| definition.id)
        .collect();
    stories.sort();
    stories.dedup();
    stories
}

#[cfg(test)]
mod tests;
