use speckit_doc::LineIndex;

use super::*;
use crate::registry;
use crate::tasks::TaskList;

const PLAN: &str = "# Implementation Plan: Export\n\n## Summary\n\nExport a list.\n\n\
    ## Technical Context\n\n**Language/Version**: [e.g., Python 3.11]\n**Storage**: SQLite\n\n\
    ## Constitution Check\n\n- Simplicity: FAIL\n";

const TASKS_OPEN: &str = "# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Create the project in src/\n\
    - [ ] T002 Add the exporter in src/export.py\n- [ ] T003 Write the docs in docs/export.md\n";

const TASKS_DONE: &str = "# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Create the project in src/\n\
    - [X] T002 Add the exporter in src/export.py\n";

/// An error of rule `code` at the first occurrence of `at` in the file (its start when empty),
/// standing before the rule's stage unless `stage` says otherwise.
struct Finding {
    code: &'static str,
    at: &'static str,
    stage: Option<Stage>,
}

impl Finding {
    const fn at(code: &'static str, at: &'static str) -> Self {
        Self {
            code,
            at,
            stage: None,
        }
    }
}

fn file(name: &str, kind: FileKind, text: &str, findings: &[Finding]) -> FileReport {
    let diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|finding| {
            let rule = registry::find(finding.code).unwrap();
            let start = text.find(finding.at).unwrap();
            let range = TextRange::new(start, start + finding.at.len());
            Diagnostic {
                stage: finding.stage.unwrap_or(rule.stage),
                ..Diagnostic::new(rule, range, format!("{} finding", finding.code))
            }
        })
        .collect();
    FileReport {
        path: format!("specs/002-export/{name}"),
        kind,
        dialect: "speckit",
        verdict: crate::diagnostic::verdict_of(&diagnostics),
        diagnostics,
        text: text.to_owned(),
        line_index: LineIndex::new(text),
    }
}

fn spec(findings: &[Finding]) -> FileReport {
    file(
        "spec.md",
        FileKind::Spec,
        "# Feature Specification: Export\n\nUsers export. [NEEDS CLARIFICATION: format?]\n",
        findings,
    )
}

fn plan(findings: &[Finding]) -> FileReport {
    file("plan.md", FileKind::Plan, PLAN, findings)
}

fn other(name: &str) -> FileReport {
    file(name, FileKind::Other, "", &[])
}

fn tasks(text: &str, findings: &[Finding]) -> FileReport {
    file("tasks.md", FileKind::Tasks, text, findings)
}

fn status_in(dialect: &'static str, files: Vec<FileReport>) -> FeatureStatus {
    let report = FeatureReport {
        dir: "specs/002-export".to_owned(),
        dialect,
        stage: Stage::Ready,
        verdict: files
            .iter()
            .map(|f| f.verdict)
            .max()
            .unwrap_or(Verdict::Ready),
        tasks: files
            .iter()
            .find(|file| file.kind == FileKind::Tasks)
            .map(|file| TaskProgress::of(&TaskList::parse(&Document::parse(file.text.clone())))),
        files,
        is_feature: true,
    };
    FeatureStatus::of(&report)
}

fn status(files: Vec<FileReport>) -> FeatureStatus {
    status_in("speckit", files)
}

/// What the check reports on a spec whose feature has no plan yet, at stage `ready`.
const NO_PLAN: Finding = Finding {
    code: "SK401",
    at: "# Feature",
    stage: Some(Stage::Researched),
};

fn missing(status: &FeatureStatus) -> Vec<Condition> {
    status.missing().map(|state| state.condition).collect()
}

/// A feature with everything up to `ready`, and `extra` files.
fn designed_feature(plan_findings: &[Finding], extra: Vec<FileReport>) -> Vec<FileReport> {
    let mut files = vec![
        spec(&[]),
        plan(plan_findings),
        other("research.md"),
        other("data-model.md"),
        other("quickstart.md"),
    ];
    files.extend(extra);
    files
}

#[test]
fn a_spec_with_template_text_is_not_yet_specified() {
    let status = status(vec![spec(&[Finding::at("SK104", "Export\n"), NO_PLAN])]);
    assert_eq!(status.stage, None);
    assert_eq!(status.next_stage(), Some(Stage::Specified));
    assert_eq!(missing(&status), [Condition::SpecWritten]);
}

#[test]
fn no_spec_means_no_stage_whatever_else_exists() {
    let status = status(vec![plan(&[])]);
    assert_eq!(status.stage, None);
    assert_eq!(missing(&status), [Condition::SpecExists]);
}

#[test]
fn open_clarifications_stop_a_spec_at_specified_and_are_counted() {
    let status = status(vec![spec(&[Finding::at("SK201", "[NEEDS"), NO_PLAN])]);
    assert_eq!(status.stage, Some(Stage::Specified));
    assert_eq!(status.clarifications, 1);
    assert_eq!(missing(&status), [Condition::SpecClarified]);
}

#[test]
fn an_open_requirements_checklist_stops_a_spec_at_specified() {
    let checklist = file(
        "requirements.md",
        FileKind::Checklist,
        "- [ ] No implementation details\n",
        &[Finding::at("SK601", "- [ ] No")],
    );
    let status = status(vec![spec(&[NO_PLAN]), checklist]);
    assert_eq!(status.stage, Some(Stage::Specified));
    assert_eq!(missing(&status), [Condition::RequirementsChecked]);
}

#[test]
fn a_clarified_spec_waits_for_its_plan_and_research() {
    let status = status(vec![spec(&[NO_PLAN])]);
    assert_eq!(status.stage, Some(Stage::Clarified));
    assert_eq!(status.next_stage(), Some(Stage::Researched));
    assert_eq!(
        missing(&status),
        [Condition::PlanExists, Condition::ResearchExists]
    );
    let plan_exists = &status.conditions[position(Condition::PlanExists)];
    assert_eq!(
        plan_exists.findings.len(),
        1,
        "the check's finding says why"
    );
}

#[test]
fn unresearched_unknowns_keep_a_plan_from_researched() {
    let status = status(vec![
        spec(&[]),
        // The check reports the open marker, and that research never decided it.
        plan(&[
            Finding::at("SK201", "SQLite"),
            Finding::at("SK203", "SQLite"),
        ]),
        other("research.md"),
    ]);
    assert_eq!(status.stage, Some(Stage::Clarified));
    assert_eq!(missing(&status), [Condition::QuestionsAnswered]);
    assert_eq!(status.clarifications, 1);
}

#[test]
fn template_text_in_the_technical_context_keeps_a_plan_from_researched() {
    let status = status(vec![
        spec(&[]),
        plan(&[Finding::at("SK104", "[e.g., Python 3.11]")]),
        other("research.md"),
    ]);
    assert_eq!(status.stage, Some(Stage::Clarified));
    assert_eq!(missing(&status), [Condition::TechnicalContextFilled]);
}

#[test]
fn an_untouched_plan_is_not_researched() {
    let status = status(vec![
        spec(&[]),
        plan(&[Finding::at("SK105", "# Implementation Plan: Export")]),
        other("research.md"),
    ]);
    assert_eq!(status.stage, Some(Stage::Clarified));
    assert_eq!(missing(&status), [Condition::TechnicalContextFilled]);
}

#[test]
fn errors_elsewhere_in_the_plan_wait_until_ready() {
    // A failed gate and a missing companion file, reported at the plan's title.
    let findings = [
        Finding::at("SK301", "FAIL"),
        Finding::at("SK401", "# Implementation Plan: Export"),
    ];
    let status = status(vec![spec(&[]), plan(&findings), other("research.md")]);
    assert_eq!(status.stage, Some(Stage::Researched));
    assert_eq!(status.verdict, Verdict::Blocked);
    assert_eq!(
        missing(&status),
        [Condition::DataModelWritten, Condition::QuickstartWritten]
    );

    let status = status_in("speckit", designed_feature(&findings, Vec::new()));
    assert_eq!(status.stage, Some(Stage::Designed));
    assert_eq!(missing(&status), [Condition::CheckReady]);
    let check = &status.conditions[position(Condition::CheckReady)];
    assert_eq!(check.findings.len(), 2);
}

#[test]
fn warnings_block_nothing() {
    let mut plan = plan(&[Finding::at("SK103", "## Summary")]);
    plan.diagnostics[0].severity = Severity::Warning;
    plan.verdict = Verdict::Ready;
    let mut files = designed_feature(&[], Vec::new());
    files[1] = plan;
    let status = status(files);
    assert_eq!(status.stage, Some(Stage::Ready));
    assert_eq!(status.verdict, Verdict::Ready);
    assert_eq!(status.next_stage(), Some(Stage::Tasked));
    assert_eq!(
        missing(&status),
        [Condition::TasksExist, Condition::TasksWellFormed]
    );
}

#[test]
fn tasks_count_and_decide_tasked_and_done() {
    let status = status(designed_feature(&[], vec![tasks(TASKS_OPEN, &[])]));
    assert_eq!(status.stage, Some(Stage::Tasked));
    assert_eq!(status.tasks, Some(TaskProgress { done: 1, total: 3 }));
    assert_eq!(missing(&status), [Condition::TasksChecked]);

    let status = status_in(
        "speckit",
        designed_feature(&[], vec![tasks(TASKS_DONE, &[])]),
    );
    assert_eq!(status.stage, Some(Stage::Done));
    assert_eq!(status.tasks, Some(TaskProgress { done: 2, total: 2 }));
    assert_eq!(status.next_stage(), None);
    assert_eq!(missing(&status), []);
}

#[test]
fn a_malformed_or_empty_task_list_is_not_tasked() {
    let malformed = tasks(TASKS_DONE, &[Finding::at("SK702", "T002")]);
    let status = status(designed_feature(&[], vec![malformed]));
    assert_eq!(status.stage, Some(Stage::Ready));
    assert_eq!(status.verdict, Verdict::Incomplete);
    assert_eq!(missing(&status), [Condition::TasksWellFormed]);

    let status = status_in(
        "speckit",
        designed_feature(&[], vec![tasks("# Tasks\n", &[])]),
    );
    assert_eq!(status.stage, Some(Stage::Ready));
    assert_eq!(status.tasks, Some(TaskProgress { done: 0, total: 0 }));
}

#[test]
fn errors_in_tasks_do_not_hold_back_the_plan() {
    let malformed = tasks(TASKS_OPEN, &[Finding::at("SK701", "- [ ] T003")]);
    let status = status(designed_feature(&[], vec![malformed]));
    assert_eq!(status.stage, Some(Stage::Ready));
}

#[test]
fn the_leveled_dialect_needs_no_research_or_design_files() {
    let files = vec![spec(&[]), plan(&[]), tasks(TASKS_OPEN, &[])];
    assert_eq!(status_in("leveled", files).stage, Some(Stage::Tasked));
    let files = vec![spec(&[]), plan(&[]), tasks(TASKS_OPEN, &[])];
    assert_eq!(status_in("speckit", files).stage, Some(Stage::Clarified));
}

#[test]
fn open_questions_in_design_files_keep_a_feature_from_designed() {
    let mut files = designed_feature(&[], Vec::new());
    files[3] = file(
        "data-model.md",
        FileKind::Other,
        "# Data model\n\n[NEEDS CLARIFICATION: key?]\n",
        &[Finding::at("SK201", "[NEEDS")],
    );
    let status = status(files);
    assert_eq!(status.stage, Some(Stage::Researched));
    assert_eq!(missing(&status), [Condition::DataModelWritten]);
}

#[test]
fn every_condition_belongs_to_a_stage_in_order() {
    let stages: Vec<Stage> = Condition::ALL.iter().map(|c| c.stage()).collect();
    assert!(stages.windows(2).all(|pair| pair[0] <= pair[1]));
    for stage in Stage::ALL {
        assert!(stages.contains(&stage), "{stage} has a condition");
    }
    let names: std::collections::HashSet<&str> = Condition::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(names.len(), Condition::ALL.len());
}
