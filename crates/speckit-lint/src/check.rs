//! Checking a feature: its files in, one report per file out.
//!
//! The caller (the disk edge) gathers a feature folder's files as bytes, plus a [`Probe`] that
//! answers whether a path exists, and a [`ProjectProfile`] built once per project. Everything
//! here is pure: decoding, parsing, choosing the dialect, running the rules, and the verdicts.

use std::sync::Arc;

use speckit_doc::source::{self, SourceProblem};
use speckit_doc::{Document, LineIndex, TextRange};

use crate::diagnostic::{Diagnostic, FileKind, Severity, Verdict, verdict_of};
use crate::dialect::{
    ActiveDialect, BuiltinDialect, ProjectTemplate, closest_builtin, dialect_from_markers,
};
use crate::registry::Rule;
use crate::rules::suppressions::Suppressions;
use crate::rules::{self, file};
use crate::schema::Schema;
use crate::settings::Settings;
use crate::stage::Stage;

/// Answers questions about the disk without the core doing IO.
pub trait Probe: Sync {
    /// What is at `path`, relative to the feature folder (it may start with `../`).
    fn entry(&self, path: &str) -> Option<EntryKind>;
    /// What is at `path`, relative to the project root; `None` when the root is unknown.
    fn entry_from_root(&self, path: &str) -> Option<Option<EntryKind>>;
}

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A file.
    File,
    /// A directory with nothing in it.
    EmptyDir,
    /// A directory with entries.
    Dir,
}

/// A file's content as the edge could get it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// The file could not be read; the reason, for the message.
    Unreadable(String),
    /// The file is larger than the configured limit and was not read.
    TooLarge {
        /// Its size in bytes, when known: a device or a growing file has none to tell.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
}

/// One file of a feature.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The path as it should be printed.
    pub path: String,
    /// The path relative to the feature folder, with `/` separators (`checklists/ux.md`).
    pub rel: String,
    /// Its content.
    pub content: Content,
    /// Rules switched off for this file (per-path ignores from the configuration).
    pub ignored: Vec<&'static Rule>,
}

/// A feature folder to check: its files and what the core may ask about the disk.
pub struct FeatureInput<'a> {
    /// The folder as it should be printed.
    pub dir: String,
    /// The folder's name (`003-user-auth`).
    pub name: String,
    /// The files to check.
    pub files: Vec<InputFile>,
    /// Existence of companion files and link targets.
    pub probe: &'a dyn Probe,
    /// What is known of the project the feature belongs to.
    pub project: &'a ProjectProfile,
}

/// Project-wide facts, computed once per project.
#[derive(Clone, Debug, Default)]
pub struct ProjectProfile {
    /// The project's own plan template, when it has one.
    pub template: Option<ProjectTemplate>,
    /// The constitution's version (`**Version**: 1.2.0`), when there is a constitution.
    pub constitution_version: Option<String>,
    /// The dialect the project's plans are written in, for folders that have no plan of their
    /// own (a constitution's folder, an overview spec).
    pub dialect_hint: Option<ActiveDialect>,
    /// The schema of the project's own spec template, when it has one: it is the schema of
    /// the project's specs whatever the dialect.
    pub spec_schema: Option<Arc<Schema>>,
    /// The constitution, parsed: `speckit analyze` looks for its principles in the plans'
    /// gates.
    pub constitution: Option<Arc<Document>>,
    /// The project's Overview spec (`ssd`), which defines the master data and APIs that
    /// feature specs refer to.
    pub overview: Option<ProjectDocument>,
}

/// A document of the project that features refer to, such as its Overview spec.
#[derive(Clone, Debug)]
pub struct ProjectDocument {
    /// Its path as printed in messages, relative to the project root.
    pub path: String,
    /// Its text, parsed.
    pub document: Arc<Document>,
}

impl ProjectProfile {
    /// Builds the profile from the project's plan template text and constitution text.
    #[must_use]
    pub fn new(plan_template: Option<&str>, constitution: Option<&str>) -> Self {
        let constitution = constitution.map(|text| Arc::new(Document::parse(text.to_owned())));
        Self {
            template: plan_template.map(ProjectTemplate::from_text),
            constitution_version: constitution
                .as_deref()
                .and_then(rules::metadata::constitution_version),
            dialect_hint: None,
            spec_schema: None,
            constitution,
            overview: None,
        }
    }

    /// Remembers the project's Overview spec: its path relative to the project root, and its
    /// text.
    #[must_use]
    pub fn with_overview(mut self, path: &str, text: &str) -> Self {
        self.overview = Some(ProjectDocument {
            path: path.to_owned(),
            document: Arc::new(Document::parse(text.to_owned())),
        });
        self
    }

    /// Uses the project's own spec template (its text) as the schema of its specs. A built-in
    /// spec template kept byte for byte says nothing of the project (`speckit init` writes the
    /// upstream one for every dialect): the dialect's own choice stands.
    #[must_use]
    pub fn with_spec_template(mut self, text: &str) -> Self {
        let normalized = text.replace("\r\n", "\n");
        let builtin = crate::dialect::templates::TEMPLATES
            .iter()
            .any(|&(_, name, builtin)| name == "spec-template" && builtin == normalized);
        if !builtin {
            let schema = Schema::derive(&Document::parse(normalized));
            self.spec_schema = Some(Arc::new(schema));
        }
        self
    }

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

/// The outcome for one feature.
#[derive(Debug)]
pub struct FeatureReport {
    /// The folder as printed.
    pub dir: String,
    /// The dialect it was checked with.
    pub dialect: &'static str,
    /// The stage it was checked at.
    pub stage: Stage,
    /// Its worst file's verdict.
    pub verdict: Verdict,
    /// One report per file, in input order.
    pub files: Vec<FileReport>,
    /// Whether this is a feature folder, as opposed to a folder holding only a constitution.
    pub is_feature: bool,
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as printed.
    pub path: String,
    /// What kind of artifact it is.
    pub kind: FileKind,
    /// The dialect it was checked with.
    pub dialect: &'static str,
    /// Its verdict.
    pub verdict: Verdict,
    /// The findings, ordered by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The text the ranges refer to (empty when the file could not be read).
    pub text: String,
    /// Lines of `text`.
    pub line_index: LineIndex,
}

/// The kind of artifact a path names, by its file name and folder.
#[must_use]
pub fn kind_of(rel_path: &str) -> FileKind {
    let mut parts = rel_path.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or("").to_ascii_lowercase();
    let parent = parts.next().unwrap_or("").to_ascii_lowercase();
    match name.as_str() {
        "plan.md" | "impl-plan.md" | "implementation-plan.md" => FileKind::Plan,
        "spec.md" => FileKind::Spec,
        "tasks.md" => FileKind::Tasks,
        "checklist.md" => FileKind::Checklist,
        "constitution.md" => FileKind::Constitution,
        _ if parent == "checklists" && name.ends_with(".md") => FileKind::Checklist,
        _ => FileKind::Other,
    }
}

/// Checks one feature.
#[must_use]
pub fn check_feature(input: &FeatureInput<'_>, settings: &Settings) -> FeatureReport {
    let files: Vec<Parsed> = input.files.iter().map(parse).collect();
    // Without a stage asked for, a feature is judged at the stage its files aim for: a plan is
    // meant to become ready; a spec alone, clarified.
    let stage = settings.stage.unwrap_or_else(|| {
        if files.iter().any(|f| f.kind == FileKind::Plan) {
            Stage::Ready
        } else {
            Stage::Clarified
        }
    });
    let dialect = active_dialect(input, &files, settings);
    let feature = Feature {
        input,
        files: &files,
        dialect,
        stage,
    };
    // Rules read every document of the feature, so all findings come first; then each
    // document's text moves into its report, which renders the findings against it.
    let mut findings = Vec::with_capacity(files.len());
    for (index, parsed) in files.iter().enumerate() {
        let mut diagnostics = parsed.problems.clone();
        if let Some(document) = &parsed.document {
            let mut cx = Cx {
                feature: &feature,
                file: parsed,
                doc: document,
                settings,
                out: Vec::new(),
            };
            rules::check_document(&mut cx);
            diagnostics.extend(cx.out);
        }
        let ignored = &input.files[index].ignored;
        let mut diagnostics = kept(diagnostics, settings, ignored);
        if let Some(document) = &parsed.document {
            // The analysis rules (SK8xx) run in `speckit analyze`, not here: this run cannot
            // tell that a suppression of them hides nothing.
            let ran = |rule: &'static Rule| {
                settings.is_enabled(rule)
                    && !ignored.contains(&rule)
                    && !rule.code.starts_with("SK8")
            };
            diagnostics = Suppressions::parse(document).apply(diagnostics, ran, settings);
        }
        findings.push(diagnostics);
    }
    let dialect = feature.dialect.name();
    let reports: Vec<FileReport> = files
        .into_iter()
        .zip(findings)
        .zip(&input.files)
        .map(|((parsed, diagnostics), file)| {
            let (text, line_index) = match parsed.document {
                Some(document) => document.into_parts(),
                None => (String::new(), LineIndex::new("")),
            };
            FileReport {
                path: file.path.clone(),
                kind: parsed.kind,
                dialect,
                verdict: verdict_of(&diagnostics),
                diagnostics,
                text,
                line_index,
            }
        })
        .collect();
    FeatureReport::new(input.dir.clone(), dialect, stage, reports)
}

impl FeatureReport {
    /// A feature's report from its files' reports: its verdict is the worst of theirs.
    pub(crate) fn new(
        dir: String,
        dialect: &'static str,
        stage: Stage,
        files: Vec<FileReport>,
    ) -> Self {
        Self {
            dir,
            dialect,
            stage,
            verdict: files
                .iter()
                .map(|f| f.verdict)
                .max()
                .unwrap_or(Verdict::Ready),
            is_feature: files.iter().any(|f| f.kind != FileKind::Constitution),
            files,
        }
    }
}

/// The findings a file's report keeps: those of enabled rules not ignored for the file, in
/// the order they stand in the file.
pub(crate) fn kept(
    diagnostics: impl IntoIterator<Item = Diagnostic>,
    settings: &Settings,
    ignored: &[&'static Rule],
) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| settings.is_enabled(d.rule) && !ignored.contains(&d.rule))
        .collect();
    kept.sort_by_key(|d| (d.range.start(), d.rule.code));
    kept
}

/// A file after decoding and parsing.
pub(crate) struct Parsed {
    pub(crate) kind: FileKind,
    pub(crate) rel: String,
    /// `None` when the file could not be read or decoded into text worth parsing.
    pub(crate) document: Option<Document>,
    /// Problems with the file itself (SK0xx).
    pub(crate) problems: Vec<Diagnostic>,
}

impl Parsed {
    /// A file that was not parsed, with the problems that say why (or none, when no rule needs
    /// its text).
    fn unread(kind: FileKind, input: &InputFile, problems: Vec<Diagnostic>) -> Self {
        Self {
            kind,
            rel: input.rel.clone(),
            document: None,
            problems,
        }
    }
}

pub(crate) fn parse(input: &InputFile) -> Parsed {
    let mut kind = kind_of(&input.rel);
    let mut problems = Vec::new();
    let bytes = match &input.content {
        Content::Bytes(bytes) => bytes,
        Content::Unreadable(reason) => {
            problems.push(file::unreadable(reason));
            return Parsed::unread(kind, input, problems);
        }
        Content::TooLarge { size, limit } => {
            problems.push(file::too_large(*size, *limit));
            return Parsed::unread(kind, input, problems);
        }
    };
    // Artifacts no rule reads are only parsed when they hold an open question or invisible
    // characters: this keeps a tree of thousands of features fast.
    if kind == FileKind::Other
        && rules::read_by_no_rule(&input.rel)
        && !rules::clarifications::may_hold_clarification(bytes)
        && !file::may_hold_invisible(bytes)
    {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            problems.push(file::binary(offset));
        }
        return Parsed::unread(kind, input, problems);
    }
    let decoded = source::decode(bytes.clone());
    match decoded.problem {
        Some(SourceProblem::Binary { offset }) => {
            problems.push(file::binary(offset));
            return Parsed::unread(kind, input, problems);
        }
        Some(SourceProblem::InvalidUtf8 { offset, byte }) => {
            problems.push(file::invalid_utf8(offset, byte));
        }
        None => {}
    }
    let document = Document::parse(decoded.text);
    problems.extend(file::unclosed_blocks(&document));
    if kind == FileKind::Other
        && let Some(titled) = rules::kind_by_title(&document)
    {
        kind = titled;
    }
    Parsed {
        kind,
        rel: input.rel.clone(),
        document: Some(document),
        problems,
    }
}

/// How closely a plan's sections must match a built-in's template for the guess to count as
/// certain.
const CERTAIN_RESEMBLANCE: f64 = 0.6;

/// Below this resemblance a guess is no better than the default dialect.
const PLAUSIBLE_RESEMBLANCE: f64 = 0.35;

/// The dialect a feature is checked with, and its spec schema: the project's own spec
/// template, when it has one, is the schema of its specs whatever the dialect.
pub(crate) fn active_dialect(
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

/// A feature being checked.
pub(crate) struct Feature<'a> {
    pub(crate) input: &'a FeatureInput<'a>,
    pub(crate) files: &'a [Parsed],
    pub(crate) dialect: ActiveDialect,
    pub(crate) stage: Stage,
}

impl Feature<'_> {
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

/// The context a rule sees while checking one document.
pub(crate) struct Cx<'a> {
    pub(crate) feature: &'a Feature<'a>,
    pub(crate) file: &'a Parsed,
    pub(crate) doc: &'a Document,
    pub(crate) settings: &'a Settings,
    pub(crate) out: Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Reports a finding of `rule` at its default severity.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_> {
        self.report_at(rule, rule.severity, range, message)
    }

    /// Reports a finding of `rule` at `severity` (configuration overrides still apply).
    pub(crate) fn report_at(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_> {
        if !self.settings.is_enabled(rule) {
            return Report(None);
        }
        self.out.push(Diagnostic {
            rule,
            severity: self.settings.severity(rule, severity),
            message: message.into(),
            range,
            help: None,
            verdict: rule.verdict,
        });
        Report(self.out.last_mut())
    }

    /// The stage being checked.
    pub(crate) fn stage(&self) -> Stage {
        self.feature.stage
    }

    /// The range to point at for a finding about the whole document: its title, or its start.
    pub(crate) fn title_range(&self) -> TextRange {
        self.doc
            .headings
            .first()
            .map_or(TextRange::empty(0), |heading| heading.range)
    }
}

/// A reported diagnostic, to add help or adjust its verdict.
pub(crate) struct Report<'c>(Option<&'c mut Diagnostic>);

impl Report<'_> {
    /// Adds a help line.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(diagnostic) = self.0.as_deref_mut() {
            diagnostic.help = Some(help.into());
        }
        self
    }

    /// Overrides the verdict this finding forces.
    pub(crate) fn verdict(mut self, verdict: Verdict) -> Self {
        if let Some(diagnostic) = self.0.as_deref_mut() {
            diagnostic.verdict = verdict;
        }
        self
    }
}

#[cfg(test)]
mod tests;
