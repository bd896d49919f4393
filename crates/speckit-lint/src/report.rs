//! The one reporter: what rules found becomes the reports every view prints. Selection,
//! severity overrides, per-path ignores and inline suppressions are applied here, for every
//! rule family alike, and each document's text moves into its file's report.

use speckit_doc::LineIndex;

use crate::diagnostic::{Diagnostic, FileKind, Verdict, verdict_of};
use crate::engine::Feature;
use crate::registry::RULES;
use crate::rule::Rule;
use crate::rules::file;
use crate::rules::suppressions::Suppressions;
use crate::settings::Settings;
use crate::stage::Stage;
use crate::tasks::TaskList;

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
    /// Task progress, when the feature has a task list.
    pub tasks: Option<TaskProgress>,
}

/// Tasks checked and tasks in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskProgress {
    /// Checked tasks.
    pub done: usize,
    /// All tasks.
    pub total: usize,
}

impl TaskProgress {
    /// The progress of a task list.
    #[must_use]
    pub fn of(list: &TaskList) -> Self {
        Self {
            done: list.done(),
            total: list.tasks.len(),
        }
    }
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

/// Turns a loaded feature and what its rules found (`findings[i]` for its file `i`) into its
/// report at `stage`, keeping the files `keep` accepts. `ran` says which rules this run ran,
/// so that a suppression is judged unused (SK007) only for a rule that could have found
/// something; a run that judges no suppression passes `|_| false`.
pub(crate) fn finish(
    feature: Feature<'_>,
    mut findings: Vec<Vec<Diagnostic>>,
    settings: &Settings,
    stage: Stage,
    keep: impl Fn(FileKind) -> bool,
    ran: impl Fn(&'static Rule) -> bool,
) -> FeatureReport {
    let dialect = feature.dialect.name();
    let tasks = feature
        .task_model()
        .map(|(_, model)| TaskProgress::of(&model.list));
    findings.resize_with(feature.files.len(), Vec::new);
    let input = feature.input;
    let reports: Vec<FileReport> = feature
        .files
        .into_iter()
        .zip(findings)
        .zip(&input.files)
        .filter(|((parsed, _), _)| keep(parsed.kind))
        .map(|((parsed, found), file)| {
            let raw = parsed.problems.iter().map(file::problem).chain(found);
            let mut diagnostics = kept(raw, settings, &file.ignored);
            if let Some(document) = &parsed.document {
                let judged = |rule: &'static Rule| {
                    settings.is_enabled(rule) && !file.ignored.contains(&rule) && ran(rule)
                };
                diagnostics =
                    Suppressions::parse(document, RULES).apply(diagnostics, judged, settings);
            }
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
    FeatureReport {
        dir: input.dir.clone(),
        dialect,
        stage,
        // A feature's verdict is its worst file's.
        verdict: reports
            .iter()
            .map(|f| f.verdict)
            .max()
            .unwrap_or(Verdict::Ready),
        files: reports,
        is_feature: input.is_feature(),
        tasks,
    }
}

/// The findings a file's report keeps: those of enabled rules not ignored for the file, at the
/// severity the configuration gives them, in the order they stand in the file.
fn kept(
    diagnostics: impl IntoIterator<Item = Diagnostic>,
    settings: &Settings,
    ignored: &[&'static Rule],
) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| settings.is_enabled(d.rule) && !ignored.contains(&d.rule))
        .map(|mut d| {
            d.severity = settings.severity(d.rule, d.severity);
            d
        })
        .collect();
    kept.sort_by_key(|d| (d.range.start(), d.rule.code));
    kept
}
