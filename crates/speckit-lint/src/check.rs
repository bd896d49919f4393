//! `speckit check`: a feature's files in, one report per file out.
//!
//! The feature is loaded once ([`Feature::load`]); every rule family reads it, and from stage
//! `tasked` on the cross-artifact rules of [`crate::analyze`] (requirements without tasks, IDs
//! defined nowhere or twice) join them. The reporter ([`crate::report`]) turns the findings
//! into the report.

use speckit_doc::Document;

use crate::analyze::Analysis;
use crate::diagnostic::Diagnostic;
use crate::engine::Feature;
use crate::input::FeatureInput;
use crate::report::{self, FeatureReport, TaskProgress};
use crate::rule::Rule;
use crate::rules::analysis::{ANALYSIS, ID_DUPLICATE, ID_UNDEFINED, REQUIREMENT_UNCOVERED};
use crate::rules::{self, context::Cx};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::tasks::{TaskGraph, TaskList};

/// Checks one feature.
#[must_use]
pub fn check_feature(input: &FeatureInput<'_>, settings: &Settings) -> FeatureReport {
    judge(Feature::load(input, settings), settings)
}

/// Runs every rule over a loaded feature and reports what they find.
fn judge(feature: Feature<'_>, settings: &Settings) -> FeatureReport {
    let findings = findings(&feature, settings);
    let stage = feature.stage;
    report::finish(feature, findings, settings, stage, |_| true, ran_at(stage))
}

/// The analysis rules `check` reports, from stage `tasked` on.
static CROSS_ARTIFACT: [&Rule; 3] = [&REQUIREMENT_UNCOVERED, &ID_UNDEFINED, &ID_DUPLICATE];

/// Which rules a check at `stage` runs: every document rule, and of the analysis rules those
/// it reports from `tasked` on (the others are `speckit analyze`'s alone).
fn ran_at(stage: Stage) -> impl Fn(&'static Rule) -> bool {
    move |rule| {
        if ANALYSIS.contains(&rule) {
            stage >= Stage::Tasked && CROSS_ARTIFACT.contains(&rule)
        } else {
            true
        }
    }
}

/// What every rule finds in a loaded feature, per file: each document's own rules, and from
/// stage `tasked` on the rules across artifacts.
fn findings(feature: &Feature<'_>, settings: &Settings) -> Vec<Vec<Diagnostic>> {
    let mut findings = document_findings(feature, settings);
    // A feature with tasks is judged on what ties its artifacts together as well: a
    // requirement no task delivers, an ID cited but never defined, an ID defined twice.
    if feature.stage >= Stage::Tasked {
        for (file, cross) in findings.iter_mut().zip(Analysis::findings(feature)) {
            file.extend(
                cross
                    .into_iter()
                    .filter(|d| CROSS_ARTIFACT.contains(&d.rule)),
            );
        }
    }
    findings
}

/// A feature's task list, judged as [`check_feature`] judges the feature it belongs to.
#[derive(Debug)]
pub struct TaskCheck {
    /// The feature's report, as `check` gives it.
    pub report: FeatureReport,
    /// The index of the task list's report in `report.files`.
    pub file: usize,
    /// The task list, parsed.
    pub document: Document,
    /// Its tasks and phases.
    pub list: TaskList,
    /// The order of its work.
    pub graph: TaskGraph,
}

/// Checks one feature and keeps its first task list's model, for the views of `speckit tasks`.
///
/// # Errors
/// The feature's report, when it has no task list that could be read (its findings say why).
pub fn check_tasks(
    input: &FeatureInput<'_>,
    settings: &Settings,
) -> Result<TaskCheck, FeatureReport> {
    let mut feature = Feature::load(input, settings);
    let findings = findings(&feature, settings);
    let stage = feature.stage;
    let taken = feature
        .task_model()
        .map(|(index, _)| index)
        .and_then(|file| {
            let parsed = feature.files.get_mut(file)?;
            Some((file, parsed.document.clone()?, parsed.tasks.take()?))
        });
    let Some((file, document, model)) = taken else {
        return Err(report::finish(
            feature,
            findings,
            settings,
            stage,
            |_| true,
            ran_at(stage),
        ));
    };
    let mut report = report::finish(feature, findings, settings, stage, |_| true, ran_at(stage));
    report.tasks = Some(TaskProgress::of(&model.list));
    Ok(TaskCheck {
        report,
        file,
        document,
        list: model.list,
        graph: model.graph,
    })
}

/// What the rules of each document find, per file of the feature.
fn document_findings(feature: &Feature<'_>, settings: &Settings) -> Vec<Vec<Diagnostic>> {
    feature
        .files
        .iter()
        .map(|parsed| {
            let Some(document) = &parsed.document else {
                return Vec::new();
            };
            let mut cx = Cx {
                feature,
                file: parsed,
                doc: document,
                settings,
                out: Vec::new(),
            };
            rules::check_document(&mut cx);
            cx.out
        })
        .collect()
}

#[cfg(test)]
mod tests;
