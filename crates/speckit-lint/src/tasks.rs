//! The task list of a `tasks.md`: tasks, phases and the dependencies between them.
//!
//! [`TaskList::parse`] reads a parsed [`Document`] the way Spec Kit writes task lists
//! (`- [ ] T001 [P] [US1] Description with file path`, grouped under `## Phase N: ...`
//! headings) and tolerates what real task lists do instead: `[X]`, bold IDs, sub-IDs (`T052.1`,
//! `T060a`), labels in another order, tasks written as headings, numbered list items or table
//! rows. What it cannot read becomes a [`TaskProblem`], never a panic. [`TaskGraph::new`] then
//! orders the work: the order of phases, the order of tasks inside a phase, `[P]` and the
//! "depends on" notes, as waves of tasks that may run together.
//!
//! The model of order follows Spec Kit's tasks template:
//!
//! - Setup, Foundational and any other phase that is not a user story's start when every phase
//!   before them is complete; the phases of user stories that follow one such phase may all
//!   run at once (the template's "User stories can then proceed in parallel"), and the next
//!   phase that is not a story's waits for all of them.
//! - Inside a phase, tasks are listed in execution order: a task without `[P]` waits for every
//!   task listed before it in its phase; a `[P]` task waits for nothing in its phase ("touches
//!   other files, waits on nothing unfinished").
//! - A note such as "(depends on T012, T013)" adds those tasks to what a task waits for.

pub mod draw;
mod graph;
mod scan;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use speckit_doc::{Document, TextRange};

use crate::ids::{self, Id, TaskId};
pub use graph::{InvalidDependency, InvalidKind, TaskGraph};
use scan::{LabelKind, ParsedId};

/// The tasks of one task list, in document order, and the phases they are grouped in.
#[derive(Clone, Debug, Default)]
pub struct TaskList {
    /// Every task, in document order.
    pub tasks: Vec<Task>,
    /// The phases holding at least one task, in document order.
    pub phases: Vec<Phase>,
    /// What could not be read as a task.
    pub problems: Vec<TaskProblem>,
}

/// How a task is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskForm {
    /// `- [ ] T001 Description`: Spec Kit's form.
    Checkbox,
    /// `### T001 Description`.
    Heading,
    /// `1) T001 Description` or `- T001 Description`, without a checkbox.
    ListItem,
    /// `| T001 | Description | ... |`.
    TableRow,
}

impl TaskForm {
    /// `checkbox`, `heading`, `list-item` or `table-row`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checkbox => "checkbox",
            Self::Heading => "heading",
            Self::ListItem => "list-item",
            Self::TableRow => "table-row",
        }
    }
}

/// One task.
#[derive(Clone, Debug)]
pub struct Task {
    /// The ID as written (`T001`, `T052.1`, `WP03`).
    pub id: String,
    /// Where the ID is.
    pub id_range: TextRange,
    /// The task's first line (its heading, or its table row).
    pub line: TextRange,
    /// Whether it is done (`[x]`, `[X]`).
    pub checked: bool,
    /// Whether it is marked `[P]`.
    pub parallel: bool,
    /// The user stories its labels name (`[US1]` is US1, `[US1+US2]` US1 and US2, `[US1a]`
    /// US1a), in the grammar of [`crate::ids`].
    pub stories: Vec<Id>,
    /// The story labels themselves (`[US1]`), brackets included.
    pub story_labels: Vec<TextRange>,
    /// What the task does: its first line after the ID and labels.
    pub description: TextRange,
    /// The files the task names, in order of first mention.
    pub paths: Vec<String>,
    /// Those of [`Task::paths`] it names only as sources to read ("from x", "per x"), not as
    /// files it changes.
    pub sources: Vec<String>,
    /// The tasks its notes say it depends on.
    pub depends_on: Vec<DependencyNote>,
    /// Index into [`TaskList::phases`].
    pub phase: usize,
    /// How it is written.
    pub form: TaskForm,
    key: TaskId,
}

/// A task ID named in a dependency note ("depends on T012").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DependencyNote {
    /// The ID as written.
    pub id: String,
    /// Where it is written (for a range such as `T019-T023`, the whole range).
    pub range: TextRange,
    key: TaskId,
}

/// What a phase is for, read from its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseKind {
    /// Setup: the project and its tooling.
    Setup,
    /// Foundational: the groundwork every story needs.
    Foundational,
    /// One (or more) user stories.
    Story,
    /// Polish and cross-cutting concerns.
    Polish,
    /// Anything else (`Phase 3.2: Tests First`, a work package, tasks under no heading).
    Other,
}

impl PhaseKind {
    /// `setup`, `foundational`, `story`, `polish` or `other`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Setup => "setup",
            Self::Foundational => "foundational",
            Self::Story => "story",
            Self::Polish => "polish",
            Self::Other => "other",
        }
    }

    /// Whether this phase comes before every story (Setup, Foundational), so that a story
    /// label is out of place in it.
    #[must_use]
    pub fn precedes_stories(self) -> bool {
        matches!(self, Self::Setup | Self::Foundational)
    }

    /// A name for messages (`the Setup phase`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Setup => "Setup",
            Self::Foundational => "Foundational",
            Self::Story => "story",
            Self::Polish => "Polish",
            Self::Other => "other",
        }
    }
}

/// A phase: the tasks under one phase heading.
#[derive(Clone, Debug)]
pub struct Phase {
    /// The heading's text, empty for tasks under no phase heading.
    pub title: String,
    /// The heading, if there is one.
    pub heading: Option<TextRange>,
    /// What the phase is for.
    pub kind: PhaseKind,
    /// For a story's phase, the stories its heading names (`User Story 1` is US1).
    pub stories: Vec<Id>,
    /// Its tasks, as indices into [`TaskList::tasks`].
    pub tasks: Range<usize>,
    /// The text of its `**Checkpoint**:` line (or checkpoint heading), if it has one.
    pub checkpoint: Option<TextRange>,
}

/// Something in a task list that could not be read as a well-formed task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskProblem {
    /// Where.
    pub range: TextRange,
    /// What.
    pub kind: ProblemKind,
}

/// The kinds of [`TaskProblem`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A checklist item among tasks that has no task ID.
    MissingId,
    /// A task ID left as the template wrote it (`TXXX`).
    PlaceholderId(String),
    /// A task with an ID and nothing else.
    MissingDescription(String),
    /// The tasks are written in a form without checkboxes (headings, list items, table rows):
    /// readable, but their progress cannot be checked off.
    NoCheckbox {
        /// The form they are written in.
        form: TaskForm,
        /// How many tasks are written so.
        count: usize,
    },
    /// The file holds no task at all.
    NoTasks,
}

impl TaskList {
    /// Reads the tasks of `doc`. Never fails: what cannot be read is in
    /// [`TaskList::problems`].
    #[must_use]
    pub fn parse(doc: &Document) -> Self {
        let mut parser = Parser::new(doc);
        parser.checkbox_tasks();
        if parser.found.is_empty() {
            parser.fallback_tasks();
        }
        parser.finish()
    }

    /// How many tasks are checked.
    #[must_use]
    pub fn done(&self) -> usize {
        self.tasks.iter().filter(|task| task.checked).count()
    }

    /// Every task whose ID an earlier task already has (`T001` and `T1` are one ID), with the
    /// index of that first task.
    #[must_use]
    pub fn duplicates(&self) -> Vec<(usize, usize)> {
        let mut first: HashMap<&TaskId, usize> = HashMap::with_capacity(self.tasks.len());
        let mut duplicates = Vec::new();
        for (index, task) in self.tasks.iter().enumerate() {
            match first.get(&task.key) {
                Some(&earlier) => duplicates.push((index, earlier)),
                None => {
                    first.insert(&task.key, index);
                }
            }
        }
        duplicates
    }

    /// Progress per user story, in story order: the story as its labels name it, its tasks
    /// done and its tasks in all. A task labelled with two stories counts for both.
    #[must_use]
    pub fn story_progress(&self) -> Vec<(Id, usize, usize)> {
        let mut progress: Vec<(Id, usize, usize)> = Vec::new();
        for task in &self.tasks {
            for story in &task.stories {
                let index = match progress.binary_search_by(|entry| entry.0.cmp(story)) {
                    Ok(index) => index,
                    Err(index) => {
                        progress.insert(index, (story.clone(), 0, 0));
                        index
                    }
                };
                if let Some(entry) = progress.get_mut(index) {
                    entry.1 += usize::from(task.checked);
                    entry.2 += 1;
                }
            }
        }
        progress
    }
}

impl Task {
    /// Whether this task's ID sorts before `other`'s, when the two are of one numbering.
    #[must_use]
    pub fn id_precedes(&self, other: &Task) -> Option<bool> {
        self.key.order(&other.key).map(std::cmp::Ordering::is_lt)
    }
}

/// A task found but not yet placed in a phase.
struct Found {
    id: ParsedId,
    /// The task's first line (heading title, table row).
    line: TextRange,
    /// Where its labels and description start, up to the end of its first line (for a table
    /// row, the cell after the ID).
    rest: TextRange,
    /// The task's own text, for notes and paths: its item, section or row, up to the next task.
    own: TextRange,
    checked: bool,
    /// The section the task lives in (for a heading, its parent section).
    section: usize,
    form: TaskForm,
}

struct Parser<'d> {
    doc: &'d Document,
    found: Vec<Found>,
    tasks: Vec<Task>,
    problems: Vec<TaskProblem>,
    /// Per list item: whether it is a task (so that its nested checkboxes are its steps).
    item_is_task: Vec<bool>,
    /// Checklist items without an ID, with their section, to judge once tasks are known.
    unnumbered: Vec<(TextRange, usize)>,
    /// Whether every table that holds tasks has a status column, which tracks their progress
    /// as a checkbox would.
    tables_track_status: bool,
}

impl<'d> Parser<'d> {
    fn new(doc: &'d Document) -> Self {
        Self {
            doc,
            found: Vec::new(),
            tasks: Vec::new(),
            problems: Vec::new(),
            item_is_task: vec![false; doc.list_items.len()],
            unnumbered: Vec::new(),
            tables_track_status: true,
        }
    }

    /// Spec Kit's form: checklist items that start with an ID.
    fn checkbox_tasks(&mut self) {
        let doc = self.doc;
        for (index, item) in doc.list_items.iter().enumerate() {
            let Some(mark) = item.task else { continue };
            let parent_is_task = item
                .parent
                .is_some_and(|parent| self.item_is_task.get(parent).copied().unwrap_or(false));
            if parent_is_task {
                continue;
            }
            let section = section_of(doc, item.range.start());
            match line_id(doc, item.first_line) {
                LineId::Id(id) => {
                    if let Some(flag) = self.item_is_task.get_mut(index) {
                        *flag = true;
                    }
                    self.found.push(Found {
                        rest: TextRange::new(id.end, item.first_line.end()),
                        id,
                        line: item.first_line,
                        own: item.range,
                        checked: mark.checked,
                        section,
                        form: TaskForm::Checkbox,
                    });
                }
                LineId::Placeholder(range) => {
                    self.problems.push(TaskProblem {
                        range,
                        kind: ProblemKind::PlaceholderId(doc.slice(range).to_owned()),
                    });
                }
                LineId::None => self.unnumbered.push((item.first_line, section)),
            }
        }
    }

    /// The other forms, tried in turn when no checklist item is a task: headings, list items
    /// without a checkbox, table rows.
    fn fallback_tasks(&mut self) {
        let forms: [fn(&mut Self); 3] = [Self::heading_tasks, Self::list_tasks, Self::table_tasks];
        for form in forms {
            form(self);
            if !self.found.is_empty() {
                let first = self.found.first().map(|f| (f.line, f.form));
                let tracked = |form| form == TaskForm::TableRow && self.tables_track_status;
                if let Some((range, form)) = first.filter(|&(_, form)| !tracked(form)) {
                    self.problems.push(TaskProblem {
                        range,
                        kind: ProblemKind::NoCheckbox {
                            form,
                            count: self.found.len(),
                        },
                    });
                }
                return;
            }
        }
    }

    fn heading_tasks(&mut self) {
        let doc = self.doc;
        for (index, heading) in doc.headings.iter().enumerate() {
            let LineId::Id(id) = line_id(doc, heading.title) else {
                continue;
            };
            let section = section_of_heading(doc, index);
            let own = doc
                .sections
                .get(section)
                .map_or(heading.range, |section| section.range);
            let title = doc.slice(heading.title);
            let checked = ["✅", "✔", "☑", "[x]", "[X]"]
                .iter()
                .any(|mark| title.contains(mark))
                || all_steps_checked(doc, own);
            let parent = doc
                .sections
                .get(section)
                .and_then(|section| section.parent)
                .unwrap_or(0);
            self.found.push(Found {
                rest: TextRange::new(id.end, heading.title.end()),
                id,
                line: heading.title,
                own,
                checked,
                section: parent,
                form: TaskForm::Heading,
            });
        }
    }

    fn list_tasks(&mut self) {
        let doc = self.doc;
        for (index, item) in doc.list_items.iter().enumerate() {
            let parent_is_task = item
                .parent
                .is_some_and(|parent| self.item_is_task.get(parent).copied().unwrap_or(false));
            if item.task.is_some() || parent_is_task {
                continue;
            }
            let LineId::Id(id) = line_id(doc, item.first_line) else {
                continue;
            };
            if let Some(flag) = self.item_is_task.get_mut(index) {
                *flag = true;
            }
            self.found.push(Found {
                rest: TextRange::new(id.end, item.first_line.end()),
                id,
                line: item.first_line,
                own: item.range,
                checked: false,
                section: section_of(doc, item.range.start()),
                form: TaskForm::ListItem,
            });
        }
    }

    fn table_tasks(&mut self) {
        let doc = self.doc;
        for table in &doc.tables {
            let has_status = table.header.cells.iter().any(|&cell| {
                STATUS_HEADERS.contains(&speckit_doc::key::key(doc.slice(cell)).as_str())
            });
            let found_before = self.found.len();
            for row in &table.rows {
                // The ID is the whole of the first or second cell (a status may come first).
                let id_cell = row.cells.iter().take(2).find_map(|&cell| {
                    let text = doc.slice(cell).trim_matches(['*', '`', ' ']);
                    let offset = doc.slice(cell).find(text).unwrap_or(0);
                    let id = scan::id_at(text, 0).filter(|id| id.end == text.len())?;
                    Some((cell, shift(id, cell.start() + offset)))
                });
                let Some((cell, id)) = id_cell else { continue };
                let description = row
                    .cells
                    .iter()
                    .skip_while(|&&c| c != cell)
                    .skip(1)
                    .find(|&&c| !doc.slice(c).trim().is_empty())
                    .copied()
                    .unwrap_or(TextRange::empty(row.range.end()));
                let checked = row.cells.iter().any(|&c| {
                    let text = doc.slice(c).trim().to_lowercase();
                    matches!(
                        text.as_str(),
                        "[x]" | "x" | "✅" | "✔" | "✔️" | "☑" | "done" | "complete" | "completed"
                    )
                });
                self.found.push(Found {
                    id,
                    line: row.range,
                    rest: description,
                    own: row.range,
                    checked,
                    section: section_of(doc, row.range.start()),
                    form: TaskForm::TableRow,
                });
            }
            if self.found.len() > found_before && !has_status {
                self.tables_track_status = false;
            }
        }
    }

    fn finish(mut self) -> TaskList {
        let doc = self.doc;
        self.found.sort_by_key(|found| found.line.start());
        let known: HashSet<TaskId> = self.found.iter().map(|f| f.id.key.clone()).collect();
        let is_known = |key: &TaskId| known.contains(key);
        let mut phases: Vec<Phase> = Vec::new();
        let mut current_section: Option<usize> = None;
        let mut phase_cache: HashMap<usize, usize> = HashMap::new();
        let starts: Vec<usize> = self.found.iter().map(|f| f.line.start()).collect();
        for (index, found) in self.found.iter().enumerate() {
            // A task's own text ends where the next task begins.
            let own_end = starts
                .get(index + 1)
                .map_or(found.own.end(), |&next| next.min(found.own.end()))
                .max(found.line.end());
            let own = TextRange::new(found.own.start(), own_end);
            let rest = doc.slice(found.rest);
            let after_id = skip_id_punctuation(rest);
            let (labels, description_offset) = scan::labels(rest.get(after_id..).unwrap_or(""));
            let labels_start = found.rest.start() + after_id;
            let description = description_range(
                doc,
                TextRange::new(labels_start + description_offset, found.rest.end()),
            );
            let mut parallel = false;
            let mut stories = Vec::new();
            let mut story_labels = Vec::new();
            for label in &labels {
                match &label.kind {
                    LabelKind::Parallel => parallel = true,
                    LabelKind::Stories(named) => {
                        story_labels.push(TextRange::new(
                            labels_start + label.start,
                            labels_start + label.end,
                        ));
                        for story in named {
                            if !stories.contains(story) {
                                stories.push(story.clone());
                            }
                        }
                    }
                    LabelKind::Other => {}
                }
            }
            let own_text = doc.slice(own);
            let depends_on = scan::dependency_ids(own_text, &is_known)
                .into_iter()
                .map(|id| {
                    let range = TextRange::new(own.start() + id.start, own.start() + id.end);
                    note(doc.slice(range), range, id.key)
                })
                .collect();
            let reading = scan::only_reads(doc.slice(description));
            let named = scan::file_paths(&outside_code(doc, own), reading);
            let sources = named
                .iter()
                .filter(|(_, source)| *source)
                .map(|(path, _)| path.clone())
                .collect();
            let paths = named.into_iter().map(|(path, _)| path).collect();
            let section = *phase_cache
                .entry(found.section)
                .or_insert_with(|| phase_section(doc, found.section));
            if current_section != Some(section) || phases.is_empty() {
                phases.push(new_phase(doc, section, index));
                current_section = Some(section);
            }
            let phase = phases.len() - 1;
            if let Some(current) = phases.last_mut() {
                current.tasks.end = index + 1;
            }
            let id_range = TextRange::new(found.id.start, found.id.end);
            let id = doc.slice(id_range).to_owned();
            if description.is_empty() || is_placeholder(doc.slice(description)) {
                self.problems.push(TaskProblem {
                    range: found.line,
                    kind: ProblemKind::MissingDescription(id.clone()),
                });
            }
            self.tasks.push(Task {
                id,
                id_range,
                line: found.line,
                checked: found.checked,
                parallel,
                stories,
                story_labels,
                description,
                paths,
                sources,
                depends_on,
                phase,
                form: found.form,
                key: found.id.key.clone(),
            });
        }
        self.judge_unnumbered();
        attach_checkpoints(doc, &mut phases);
        if self.tasks.is_empty() && !self.problems.iter().any(|p| is_task_like(&p.kind)) {
            let range = doc
                .headings
                .first()
                .map_or(TextRange::empty(0), |heading| heading.range);
            self.problems.push(TaskProblem {
                range,
                kind: ProblemKind::NoTasks,
            });
        }
        self.problems.sort_by_key(|problem| problem.range.start());
        TaskList {
            tasks: self.tasks,
            phases,
            problems: self.problems,
        }
    }

    /// A checklist item without an ID is a malformed task when it sits in a section that holds
    /// tasks; elsewhere (an exit checklist, completion criteria) it is a checklist item.
    fn judge_unnumbered(&mut self) {
        let sections_with_tasks: HashSet<usize> = self
            .found
            .iter()
            .filter(|found| found.form == TaskForm::Checkbox)
            .map(|found| found.section)
            .collect();
        let starts: Vec<usize> = self.found.iter().map(|found| found.line.start()).collect();
        for &(range, section) in &self.unnumbered {
            if sections_with_tasks.contains(&section)
                && !under_criteria_label(self.doc, range.start(), &starts)
                && !is_checkpoint_item(self.doc.slice(range))
            {
                self.problems.push(TaskProblem {
                    range,
                    kind: ProblemKind::MissingId,
                });
            }
        }
    }
}

/// Whether a checklist item is a phase's checkpoint ticked off as the work passes it
/// (`- [x] Checkpoint: User Story 1 works on its own`): the template's `**Checkpoint**:` line
/// made a box on purpose, not a task without its ID.
fn is_checkpoint_item(text: &str) -> bool {
    text.split_once([':', '：'])
        .is_some_and(|(label, _)| speckit_doc::key::key(label) == "checkpoint")
}

/// Headers of a task table's column that tracks progress.
const STATUS_HEADERS: &[&str] = &[
    "status",
    "state",
    "progress",
    "done",
    "estado",
    "statut",
    "état",
    "situação",
    "stato",
    "zustand",
    "статус",
    "状态",
    "狀態",
    "ステータス",
    "状態",
    "상태",
];

/// Labels under which checkboxes are what the work must meet, not work to do: `**Acceptance
/// Criteria**:`, `**Definition of Done**:`, `**Checkpoint**:`, in the languages Spec Kit is
/// commonly written in.
const CRITERIA_LABELS: &[&str] = &[
    "acceptance criteria",
    "acceptance",
    "definition of done",
    "done when",
    "checkpoint",
    "exit criteria",
    "success criteria",
    "verification",
    "criterios de aceptacion",
    "criterios de aceptación",
    "critères d acceptation",
    "critérios de aceitação",
    "akzeptanzkriterien",
    "criteri di accettazione",
    "критерии приемки",
    "验收标准",
    "驗收標準",
    "受け入れ基準",
    "완료 조건",
    "인수 조건",
];

/// Whether the checklist item at `offset` sits under a criteria label: the last field before
/// it, with no task in between (`starts`: the tasks' first lines, sorted), is one.
fn under_criteria_label(doc: &Document, offset: usize, starts: &[usize]) -> bool {
    let before = doc
        .fields
        .partition_point(|field| field.line.end() <= offset);
    let Some(field) = before.checked_sub(1).and_then(|last| doc.fields.get(last)) else {
        return false;
    };
    let task_between = starts
        .get(starts.partition_point(|&start| start < field.line.end()))
        .is_some_and(|&start| start < offset);
    let label = speckit_doc::key::key(doc.slice(field.label));
    !task_between && field.list_item.is_none() && CRITERIA_LABELS.contains(&label.as_str())
}

fn is_task_like(kind: &ProblemKind) -> bool {
    matches!(kind, ProblemKind::MissingId | ProblemKind::PlaceholderId(_))
}

/// A dependency note. A note naming one ID of a range (`T019-T023`) keeps the range's span
/// but gets the ID's own text, in the zero-padded width the range is written in.
fn note(written: &str, range: TextRange, key: TaskId) -> DependencyNote {
    let is_one_id = scan::id_at(written, 0).is_some_and(|id| id.end == written.len());
    let id = if is_one_id {
        written.to_owned()
    } else {
        let prefix = key.prefix();
        let width = written.get(prefix.len()..).map_or(3, |rest| {
            rest.bytes().take_while(u8::is_ascii_digit).count()
        });
        format!("{prefix}{:0width$}", key.number())
    };
    DependencyNote { id, range, key }
}

fn shift(id: ParsedId, by: usize) -> ParsedId {
    ParsedId {
        start: id.start + by,
        end: id.end + by,
        key: id.key,
    }
}

/// What starts a task's line.
enum LineId {
    /// A task ID (offsets in the document).
    Id(ParsedId),
    /// A template ID such as `TXXX` (its range in the document).
    Placeholder(TextRange),
    None,
}

/// The ID a task line starts with, after emphasis (`**T001**`) and emoji (`✅ T001`).
fn line_id(doc: &Document, line: TextRange) -> LineId {
    let text = doc.slice(line);
    let start = text
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '[')
        .map_or(text.len(), |(index, _)| index);
    // Only decoration may come before the ID: a few characters of emphasis or an emoji.
    if text
        .get(..start)
        .is_some_and(|before| before.chars().count() > 4)
    {
        return LineId::None;
    }
    if let Some(id) = scan::id_at(text, start) {
        return LineId::Id(shift(id, line.start()));
    }
    // A status written before the ID (`[SKIPPED] T023`, `[DEFERRED] T024`): a word in
    // brackets, not a label such as `[P]` or `[US1]`.
    let after_status = text.get(start..).and_then(|rest| {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        let word = inner.get(..close)?;
        let is_status = word.chars().count() >= 2 && word.chars().all(char::is_alphabetic);
        let gap = inner.get(close + 1..)?;
        let id_at = start + 1 + close + 1 + (gap.len() - gap.trim_start().len());
        is_status.then_some(id_at)
    });
    if let Some(id) = after_status.and_then(|at| scan::id_at(text, at)) {
        return LineId::Id(shift(id, line.start()));
    }
    let token_end = text
        .get(start..)
        .and_then(|rest| rest.find(|c: char| c.is_whitespace() || c == ':' || c == '*'))
        .map_or(text.len(), |end| start + end);
    let token = text.get(start..token_end).unwrap_or("");
    let placeholder = token.len() >= 3
        && token.len() <= 6
        && token.starts_with('T')
        && token.get(1..).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'X' | 'x' | '#' | '?' | 'N'))
        })
        && token.contains(['X', '#', '?', 'N']);
    if placeholder {
        return LineId::Placeholder(TextRange::new(
            line.start() + start,
            line.start() + token_end,
        ));
    }
    LineId::None
}

/// The offset after an ID's closing emphasis and punctuation (`**T001**:`, `T001.`).
fn skip_id_punctuation(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut offset = 0;
    while matches!(
        bytes.get(offset),
        Some(b'*' | b'_' | b'`' | b'~' | b':' | b'.' | b')')
    ) {
        offset += 1;
    }
    offset
}

/// Whether a task's description stands in for one still to write: `TBD`, `TODO`, `...`,
/// "left empty for now".
fn is_placeholder(description: &str) -> bool {
    const STAND_INS: &[&str] = &[
        "tbd",
        "tba",
        "todo",
        "to do",
        "fixme",
        "placeholder",
        "to be defined",
        "to be determined",
        "por definir",
        "a definir",
        "à définir",
        "à faire",
        "待定",
        "未定",
        "미정",
    ];
    let cleaned = description
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    cleaned.is_empty()
        || STAND_INS.contains(&cleaned.as_str())
        || ["left empty", "intentionally empty", "placeholder task"]
            .iter()
            .any(|phrase| cleaned.contains(phrase))
}

/// The text of `range` with its code blocks blanked: a path in a snippet under a task (a
/// command to run, an example of output) is not a file the task changes.
fn outside_code(doc: &Document, range: TextRange) -> String {
    let mut text = String::new();
    let mut at = range.start();
    for block in &doc.code_blocks {
        if block.range.end() <= at || block.range.start() >= range.end() {
            continue;
        }
        text.push_str(doc.slice(TextRange::new(at, block.range.start().max(at))));
        text.push('\n');
        at = block.range.end().min(range.end());
    }
    if at < range.end() {
        text.push_str(doc.slice(TextRange::new(at, range.end())));
    }
    text
}

/// A description without the punctuation that may separate it from the labels
/// (`T001 [P] - Create ...`, `T001: Create ...`) and without surrounding space.
fn description_range(doc: &Document, range: TextRange) -> TextRange {
    let text = doc.slice(range);
    let trimmed_start =
        text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—'));
    let start = range.start() + (text.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    TextRange::new(start, end)
}

/// Whether a heading task's section holds checklist steps and all of them are checked (a work
/// package whose acceptance criteria are all met).
fn all_steps_checked(doc: &Document, section: TextRange) -> bool {
    let first = doc
        .list_items
        .partition_point(|item| item.range.start() < section.start());
    let mut steps = doc
        .list_items
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|item| item.range.start() < section.end())
        .filter_map(|item| item.task)
        .peekable();
    steps.peek().is_some() && steps.all(|mark| mark.checked)
}

/// The innermost section containing `offset`: the section of the last heading that starts at
/// or before it (sections follow their headings, so this is a binary search).
fn section_of(doc: &Document, offset: usize) -> usize {
    let count = doc
        .headings
        .partition_point(|heading| heading.range.start() <= offset);
    match count.checked_sub(1) {
        Some(heading) => section_of_heading(doc, heading),
        None => 0,
    }
}

/// The section a heading opens.
fn section_of_heading(doc: &Document, heading: usize) -> usize {
    let guess = heading + 1;
    if doc
        .sections
        .get(guess)
        .is_some_and(|section| section.heading == Some(heading))
    {
        return guess;
    }
    doc.sections
        .iter()
        .position(|section| section.heading == Some(heading))
        .unwrap_or(0)
}

/// The section that is a task's phase: its innermost ancestor with a phase heading
/// (`Phase 2: Foundational`, `Work Package WP01: ...`), else its outermost ancestor below the
/// document's title, else the whole document.
fn phase_section(doc: &Document, section: usize) -> usize {
    let mut current = Some(section);
    let mut outermost = 0;
    while let Some(index) = current.filter(|&index| index != 0) {
        let Some(node) = doc.sections.get(index) else {
            break;
        };
        if doc
            .section_heading(index)
            .is_some_and(|heading| is_phase_heading(&heading.key))
        {
            return index;
        }
        if node.level >= 2 {
            outermost = index;
        }
        current = node.parent;
    }
    outermost
}

/// Words that open a phase heading, in the languages of the real task lists speckit was tried
/// on.
const PHASE_WORDS: &[&str] = &[
    "phase",
    "fase",
    "étape",
    "etape",
    "этап",
    "阶段",
    "階段",
    "단계",
    "フェーズ",
];

/// Whether a heading key names a phase: a phase word and a number (`phase 3 1 setup`,
/// `阶段1 项目设置`, `phase n polish`), or a work package.
fn is_phase_heading(key: &str) -> bool {
    if key.starts_with("work package") || key.starts_with("final phase") {
        return true;
    }
    let mut words = key.split(' ');
    let first = words.next().unwrap_or("");
    PHASE_WORDS.iter().any(|word| {
        if first == *word {
            return words
                .next()
                .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()) || next == "n");
        }
        first
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

const SETUP_WORDS: &[&str] = &[
    "setup",
    "set up",
    "设置",
    "設置",
    "설정",
    "セットアップ",
    "mise en place",
    "preparación",
    "preparação",
    "初始化",
];

const FOUNDATIONAL_WORDS: &[&str] = &[
    "foundational",
    "foundation",
    "blocking prerequisites",
    "基础",
    "基礎",
    "基盤",
    "기반",
    "기초",
    "fundacional",
    "fundamentos",
    "fondation",
    "fondations",
    "fondamentaux",
    "prérequis",
    "fundação",
];

const POLISH_WORDS: &[&str] = &[
    "polish",
    "cross cutting",
    "完善",
    "打磨",
    "마무리",
    "仕上げ",
    "pulido",
    "finitions",
    "polissage",
    "polimento",
];

fn new_phase(doc: &Document, section: usize, first_task: usize) -> Phase {
    let heading = doc.section_heading(section);
    let title = heading.map_or("", |heading| doc.slice(heading.title));
    let key = heading.map_or("", |heading| heading.key.as_str());
    let stories = ids::stories_in(title);
    // A heading naming two purposes ("Setup & Project Foundation", "Foundational Data &
    // Template Setup") is read by the one it names first.
    let first_at = |words: &[&str]| {
        words
            .iter()
            .filter_map(|word| word_position(key, word))
            .min()
    };
    let kind = if heading.is_none() {
        PhaseKind::Other
    } else if !stories.is_empty() || ids::priority_in(title) {
        // A priority (`P1`) is what templates give story phases only: `Phase 2.5: MCP Setup
        // Standardization (P1)` is a story's work, whatever its title says it sets up.
        PhaseKind::Story
    } else {
        [
            (PhaseKind::Setup, first_at(SETUP_WORDS)),
            (PhaseKind::Foundational, first_at(FOUNDATIONAL_WORDS)),
            (PhaseKind::Polish, first_at(POLISH_WORDS)),
        ]
        .into_iter()
        .filter_map(|(kind, at)| at.map(|at| (at, kind)))
        .min_by_key(|&(at, _)| at)
        .map_or(PhaseKind::Other, |(_, kind)| kind)
    };
    Phase {
        title: title.to_owned(),
        heading: heading.map(|heading| heading.range),
        kind,
        stories,
        tasks: first_task..first_task,
        checkpoint: None,
    }
}

/// Where `key` holds `words` as whole words (or, for words outside ASCII, as text).
fn word_position(key: &str, words: &str) -> Option<usize> {
    if !words.is_ascii() {
        return key.find(words);
    }
    key.match_indices(words)
        .map(|(start, _)| start)
        .find(|&start| {
            let before_ok = start == 0 || key.as_bytes().get(start - 1) == Some(&b' ');
            let end = start + words.len();
            let after_ok = end == key.len() || key.as_bytes().get(end) == Some(&b' ');
            before_ok && after_ok
        })
}

/// Gives each phase the first checkpoint inside it: a `**Checkpoint**:` field or a heading
/// that names a checkpoint.
fn attach_checkpoints(doc: &Document, phases: &mut [Phase]) {
    let phase_ranges: Vec<(usize, TextRange)> = phases
        .iter()
        .enumerate()
        .filter_map(|(index, phase)| {
            let heading = phase.heading?;
            let section = section_of(doc, heading.start());
            doc.sections.get(section).map(|s| (index, s.range))
        })
        .collect();
    let fields = doc
        .fields
        .iter()
        .filter(|field| speckit_doc::key::key(doc.slice(field.label)) == "checkpoint")
        .map(|field| (field.line.start(), field.value));
    let headings = doc
        .headings
        .iter()
        .filter(|heading| heading.key.split(' ').any(|word| word == "checkpoint"))
        .map(|heading| (heading.range.start(), heading.title));
    let mut checkpoints: Vec<(usize, TextRange)> = fields.chain(headings).collect();
    checkpoints.sort_by_key(|&(start, _)| start);
    for (start, text) in checkpoints {
        // Phases do not overlap and are in order: the last one starting before the checkpoint
        // is the only candidate.
        let candidate = phase_ranges.partition_point(|(_, range)| range.start() <= start);
        let Some(&(phase, range)) = candidate.checked_sub(1).and_then(|i| phase_ranges.get(i))
        else {
            continue;
        };
        if range.contains(start)
            && let Some(phase) = phases.get_mut(phase)
            && phase.checkpoint.is_none()
        {
            phase.checkpoint = Some(text);
        }
    }
}

#[cfg(test)]
mod tests;
