//! Loading a feature once for every view of it: decoding and parsing each file, choosing the
//! dialect, the stage to judge it at, and the task model. Nothing here judges: the rules read
//! the loaded [`Feature`], and the reporter turns what they find into reports.

use std::sync::Arc;

use speckit_doc::source::{self, SourceProblem};
use speckit_doc::{Document, invisible::is_invisible};

use crate::diagnostic::FileKind;
use crate::dialect::{
    ActiveDialect, BuiltinDialect, ProjectTemplate, closest_builtin, dialect_from_markers,
};
use crate::input::{Content, EntryKind, FeatureInput, InputFile, ProjectProfile, kind_of};
use crate::schema::Schema;
use crate::settings::Settings;
use crate::stage::Stage;
use crate::tasks::{TaskGraph, TaskList};

/// What kept a file from being read as it is. The reporter turns each into its SK0xx finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FileProblem {
    /// The edge could not read it (SK001).
    Unreadable(String),
    /// Not valid UTF-8 at `offset` (SK002); the text was decoded lossily.
    InvalidUtf8 { offset: usize, byte: u8 },
    /// A NUL byte at `offset`: binary, not parsed (SK003).
    Binary { offset: usize },
    /// Over the size limit, not read (SK004).
    TooLarge { size: Option<u64>, limit: u64 },
}

/// A task list read as tasks and ordered as a graph.
pub(crate) struct TaskModel {
    pub(crate) list: TaskList,
    pub(crate) graph: TaskGraph,
}

impl TaskModel {
    fn new(document: &Document) -> Self {
        let list = TaskList::parse(document);
        let graph = TaskGraph::new(&list);
        Self { list, graph }
    }
}

/// The stage a feature is judged at when none is asked for: the stage its files aim for. A
/// task list is meant to be followed, a plan to become ready, a spec alone to be clarified.
pub(crate) fn default_stage(kinds: impl IntoIterator<Item = FileKind>) -> Stage {
    let mut stage = Stage::Clarified;
    for kind in kinds {
        match kind {
            FileKind::Tasks => return Stage::Tasked,
            FileKind::Plan => stage = Stage::Ready,
            _ => {}
        }
    }
    stage
}

/// A file after decoding and parsing.
pub(crate) struct Parsed {
    pub(crate) kind: FileKind,
    pub(crate) rel: String,
    /// `None` when the file could not be read or decoded into text worth parsing.
    pub(crate) document: Option<Document>,
    /// What kept the file from being read as it is (SK001-SK004).
    pub(crate) problems: Vec<FileProblem>,
    /// The task model, for a task list.
    pub(crate) tasks: Option<TaskModel>,
}

impl Parsed {
    /// A file that was not parsed, with the problems that say why (or none, when no rule needs
    /// its text).
    fn unread(kind: FileKind, input: &InputFile, problems: Vec<FileProblem>) -> Self {
        Self {
            kind,
            rel: input.rel.clone(),
            document: None,
            problems,
            tasks: None,
        }
    }
}

pub(crate) fn parse(input: &InputFile) -> Parsed {
    let mut kind = kind_of(&input.rel);
    let mut problems = Vec::new();
    let bytes = match &input.content {
        Content::Bytes(bytes) => bytes,
        Content::Unreadable(reason) => {
            problems.push(FileProblem::Unreadable(reason.clone()));
            return Parsed::unread(kind, input, problems);
        }
        Content::TooLarge { size, limit } => {
            problems.push(FileProblem::TooLarge {
                size: *size,
                limit: *limit,
            });
            return Parsed::unread(kind, input, problems);
        }
    };
    // Artifacts no rule reads are only parsed when they hold an open question or invisible
    // characters: this keeps a tree of thousands of features fast.
    if kind == FileKind::Other
        && read_by_no_rule(&input.rel)
        && !may_hold_clarification(bytes)
        && !may_hold_invisible(bytes)
    {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            problems.push(FileProblem::Binary { offset });
        }
        return Parsed::unread(kind, input, problems);
    }
    let decoded = source::decode(bytes.clone());
    match decoded.problem {
        Some(SourceProblem::Binary { offset }) => {
            problems.push(FileProblem::Binary { offset });
            return Parsed::unread(kind, input, problems);
        }
        Some(SourceProblem::InvalidUtf8 { offset, byte }) => {
            problems.push(FileProblem::InvalidUtf8 { offset, byte });
        }
        None => {}
    }
    let document = Document::parse(decoded.text);
    if kind == FileKind::Other
        && let Some(titled) = kind_by_title(&document)
    {
        kind = titled;
    }
    let tasks = (kind == FileKind::Tasks).then(|| TaskModel::new(&document));
    Parsed {
        kind,
        rel: input.rel.clone(),
        document: Some(document),
        problems,
        tasks,
    }
}

/// The part of the marker a cheap test looks for: the marker may be spelled with another
/// space between its words (a no-break space), and SK006 catches the
/// invisible characters that could hide even this.
const MARKER: &[u8] = b"CLARIFICATION";

/// Whether raw bytes may hold an open question (a cheap test before parsing).
fn may_hold_clarification(bytes: &[u8]) -> bool {
    bytes.windows(MARKER.len()).any(|window| window == MARKER)
}

/// Whether raw bytes may hold an invisible character (a cheap test before parsing).
fn may_hold_invisible(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && String::from_utf8_lossy(bytes).chars().any(is_invisible)
}

/// Whether an artifact is one no rule reads unless it holds an open question: a companion file
/// whose existence matters but whose content is free. (research.md is read for decisions, and
/// a file with an unknown name may turn out to be a plan.)
fn read_by_no_rule(rel: &str) -> bool {
    matches!(
        rel.rsplit('/').next(),
        Some(
            "data-model.md" | "quickstart.md" | "decision-record.md" | "implementation-summary.md"
        )
    )
}

/// The kind a document with an unrecognised file name reads as, by its title: `# Implementation
/// Plan: ...` is a plan, `# ... Constitution` a constitution.
fn kind_by_title(document: &Document) -> Option<FileKind> {
    let title = document
        .headings
        .iter()
        .find(|heading| heading.level == 1)?;
    if title.key.starts_with("implementation plan") {
        Some(FileKind::Plan)
    } else if title.key.split(' ').any(|word| word == "constitution") {
        Some(FileKind::Constitution)
    } else {
        None
    }
}

/// How closely a plan's sections must match a built-in's template for the guess to count as
/// certain.
const CERTAIN_RESEMBLANCE: f64 = 0.6;

/// Below this resemblance a guess is no better than the default dialect.
const PLAUSIBLE_RESEMBLANCE: f64 = 0.35;

/// The dialect a feature is checked with, and its spec schema: the project's own spec
/// template, when it has one, is the schema of its specs whatever the dialect.
fn active_dialect(
    input: &FeatureInput<'_>,
    files: &[Parsed],
    settings: &Settings,
) -> ActiveDialect {
    let mut dialect = choose_dialect(input, files, settings);
    if let Some(schema) = &input.project.spec_schema {
        dialect.spec_schema = Some(Arc::clone(schema));
    }
    dialect
}

/// Chooses the dialect: the flag or configuration, then markers in the documents, then the
/// project's own template, then (for a feature with a plan) the plan's file name and the
/// built-in whose sections the plan covers best, or (without a plan) the project's dialect.
fn choose_dialect(
    input: &FeatureInput<'_>,
    files: &[Parsed],
    settings: &Settings,
) -> ActiveDialect {
    if let Some(dialect) = settings.dialect {
        return ActiveDialect::builtin(dialect);
    }
    let documents = || {
        files
            .iter()
            .filter_map(|f| f.document.as_ref().map(|d| (f, d)))
    };
    let by_marker = documents()
        .filter(|(f, _)| f.kind == FileKind::Plan)
        .chain(documents().filter(|(f, _)| f.kind != FileKind::Plan))
        .find_map(|(_, document)| dialect_from_markers(document));
    if let Some(dialect) = by_marker {
        return ActiveDialect::builtin(dialect);
    }
    match files.iter().find(|f| f.kind == FileKind::Plan) {
        Some(plan) => plan_dialect(plan, input.project.template.as_ref()),
        None => input
            .project
            .dialect_hint
            .clone()
            .or_else(|| input.project.template.as_ref().map(ProjectTemplate::active))
            .unwrap_or_else(|| ActiveDialect::guessed(BuiltinDialect::Speckit, false)),
    }
}

/// The dialect of a plan without markers: the project's template, then its file name, then the
/// built-in it resembles most.
fn plan_dialect(plan: &Parsed, template: Option<&ProjectTemplate>) -> ActiveDialect {
    if let Some(dialect) = plan.document.as_ref().and_then(dialect_from_markers) {
        return ActiveDialect::builtin(dialect);
    }
    if let Some(template) = template {
        return template.active();
    }
    let name = plan.rel.rsplit('/').next().unwrap_or("");
    if name == "impl-plan.md" {
        return ActiveDialect::builtin(BuiltinDialect::Epic);
    }
    if let Some((dialect, score)) = plan.document.as_ref().and_then(closest_builtin)
        && score >= PLAUSIBLE_RESEMBLANCE
    {
        return ActiveDialect::guessed(dialect, score >= CERTAIN_RESEMBLANCE);
    }
    // A plan that resembles no built-in well is most likely upstream Spec Kit's, in a version
    // or language of its own.
    ActiveDialect::guessed(BuiltinDialect::Speckit, false)
}

/// A feature, loaded once: every file decoded and parsed, the dialect chosen, the stage it is
/// judged at, and each task list's model. `check`, `analyze`, `tasks` and `status` all read
/// this.
pub(crate) struct Feature<'a> {
    pub(crate) input: &'a FeatureInput<'a>,
    /// The input's files, parsed, in input order.
    pub(crate) files: Vec<Parsed>,
    pub(crate) dialect: ActiveDialect,
    pub(crate) stage: Stage,
}

impl<'a> Feature<'a> {
    /// Loads a feature: parses its files, chooses its dialect and the stage to judge it at.
    pub(crate) fn load(input: &'a FeatureInput<'a>, settings: &Settings) -> Self {
        let files: Vec<Parsed> = input.files.iter().map(parse).collect();
        let stage = settings
            .stage
            .unwrap_or_else(|| default_stage(files.iter().map(|file| file.kind)));
        let dialect = active_dialect(input, &files, settings);
        Self {
            input,
            files,
            dialect,
            stage,
        }
    }

    /// The first task list's model, with the index of its file.
    pub(crate) fn task_model(&self) -> Option<(usize, &TaskModel)> {
        self.files
            .iter()
            .enumerate()
            .find_map(|(index, file)| Some((index, file.tasks.as_ref()?)))
    }

    /// The first parsed document of `kind`.
    pub(crate) fn document(&self, kind: FileKind) -> Option<&Document> {
        self.files
            .iter()
            .filter(|file| file.kind == kind)
            .find_map(|file| file.document.as_ref())
    }

    /// The parsed document at `rel`, if it was parsed.
    pub(crate) fn document_at(&self, rel: &str) -> Option<&Document> {
        self.files
            .iter()
            .find(|file| file.rel == rel)
            .and_then(|file| file.document.as_ref())
    }

    /// What is at `rel` (relative to the feature folder): among the input files first, then
    /// on disk.
    pub(crate) fn entry(&self, rel: &str) -> Option<EntryKind> {
        if self.files.iter().any(|file| file.rel == rel) {
            return Some(EntryKind::File);
        }
        self.input.probe.entry(rel)
    }

    /// The plan schema in force.
    pub(crate) fn schema(&self) -> &Arc<Schema> {
        &self.dialect.schema
    }
}

impl ProjectProfile {
    /// Remembers the dialect of one of the project's plans (`rel` is its file name or path,
    /// `bytes` its content) for the project's folders that have no plan.
    #[must_use]
    pub fn with_sample_plan(mut self, rel: &str, bytes: Vec<u8>) -> Self {
        let parsed = parse(&InputFile {
            path: rel.to_owned(),
            rel: rel.to_owned(),
            content: Content::Bytes(bytes),
            ignored: Vec::new(),
        });
        self.dialect_hint = Some(plan_dialect(&parsed, self.template.as_ref()));
        self
    }
}
