//! Where a feature stands: the highest stage of its life whose conditions all hold, read from
//! its check report and the files it has.
//!
//! The report is the check's at the stage `speckit check` judges the feature at (`tasked` with
//! a task list, `ready` with a plan, `clarified` for a spec alone, or the configured stage), so
//! that `status` and `check` give a feature one verdict. Each error is charged to the one
//! condition it breaks, by the file it is in and the stage it stands before (its rule's
//! [`crate::rule::Rule::stage`], unless the finding knows better); a condition holds when no
//! error is charged to it and the files it needs exist. The conditions, by stage (each stage
//! needs every earlier stage's too), following the product's stage table:
//!
//! | stage | condition |
//! |---|---|
//! | `specified` | spec.md exists; it has no error other than open clarifications (template text, missing sections, unreadable) |
//! | `clarified` | spec.md has no open clarification; `checklists/requirements.md`, if any, has no error |
//! | `researched` | a plan exists; research.md exists; the plan's open questions and research.md's are answered; the plan's Technical Context has no error, and the plan is not an untouched template |
//! | `designed` | data-model.md and quickstart.md exist, with no open question |
//! | `ready` | no other error in any file but tasks.md: gates, template text, links, companion files, the quality checklist |
//! | `tasked` | tasks.md exists, holds at least one task, and nothing that stands before `tasked` is wrong: the task list's own rules, requirements no task covers, IDs cited but undefined or defined twice |
//! | `done` | every task is checked |
//!
//! The `leveled` dialect keeps no research.md, data-model.md or quickstart.md (its levels list
//! their own files, which the check requires by `ready`), so those files are not asked of it.
//! contracts/ is only a warning for the check (a feature without external interfaces has
//! none), so no stage waits for it.

use speckit_doc::{Document, TextRange};

use crate::diagnostic::{Diagnostic, FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
pub use crate::report::TaskProgress;
use crate::report::{FeatureReport, FileReport};
use crate::rules::clarifications::{OPEN_CLARIFICATION, UNRESEARCHED_UNKNOWN};
use crate::rules::template_text::TEMPLATE_TEXT_LEFT;
use crate::stage::Stage;

/// One condition of one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// spec.md exists.
    SpecExists,
    /// spec.md holds no template text or other error, open clarifications aside.
    SpecWritten,
    /// spec.md has no open clarification.
    SpecClarified,
    /// The requirements checklist, if the feature has one, is complete.
    RequirementsChecked,
    /// A plan exists.
    PlanExists,
    /// research.md exists.
    ResearchExists,
    /// The plan's open questions are answered (in research.md, then in the plan).
    QuestionsAnswered,
    /// The plan's Technical Context is filled.
    TechnicalContextFilled,
    /// data-model.md exists and has no open question.
    DataModelWritten,
    /// quickstart.md exists and has no open question.
    QuickstartWritten,
    /// Nothing else the check finds stands in the way: gates, template text, links, companion
    /// files, the quality checklist.
    CheckReady,
    /// tasks.md exists.
    TasksExist,
    /// tasks.md has no error and holds tasks.
    TasksWellFormed,
    /// Every task is checked.
    TasksChecked,
}

impl Condition {
    /// Every condition, in stage order.
    pub const ALL: [Self; 14] = [
        Self::SpecExists,
        Self::SpecWritten,
        Self::SpecClarified,
        Self::RequirementsChecked,
        Self::PlanExists,
        Self::ResearchExists,
        Self::QuestionsAnswered,
        Self::TechnicalContextFilled,
        Self::DataModelWritten,
        Self::QuickstartWritten,
        Self::CheckReady,
        Self::TasksExist,
        Self::TasksWellFormed,
        Self::TasksChecked,
    ];

    /// The stage this condition belongs to.
    #[must_use]
    pub fn stage(self) -> Stage {
        match self {
            Self::SpecExists | Self::SpecWritten => Stage::Specified,
            Self::SpecClarified | Self::RequirementsChecked => Stage::Clarified,
            Self::PlanExists
            | Self::ResearchExists
            | Self::QuestionsAnswered
            | Self::TechnicalContextFilled => Stage::Researched,
            Self::DataModelWritten | Self::QuickstartWritten => Stage::Designed,
            Self::CheckReady => Stage::Ready,
            Self::TasksExist | Self::TasksWellFormed => Stage::Tasked,
            Self::TasksChecked => Stage::Done,
        }
    }

    /// The condition in a few words, as a statement that holds or not.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::SpecExists => "spec.md exists",
            Self::SpecWritten => "spec.md has no template text or other error",
            Self::SpecClarified => "spec.md has no open clarification",
            Self::RequirementsChecked => "the requirements checklist (if any) is complete",
            Self::PlanExists => "a plan exists",
            Self::ResearchExists => "research.md exists",
            Self::QuestionsAnswered => "the plan's open questions are answered",
            Self::TechnicalContextFilled => "the plan's Technical Context is filled",
            Self::DataModelWritten => "data-model.md exists, with no open question",
            Self::QuickstartWritten => "quickstart.md exists, with no open question",
            Self::CheckReady => {
                "no other error: gates, template text, links, companion files, quality checklist"
            }
            Self::TasksExist => "tasks.md exists",
            Self::TasksWellFormed => "tasks.md is well-formed and holds tasks",
            Self::TasksChecked => "every task is checked",
        }
    }

    /// A stable name for tools (`spec-exists`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::SpecExists => "spec-exists",
            Self::SpecWritten => "spec-written",
            Self::SpecClarified => "spec-clarified",
            Self::RequirementsChecked => "requirements-checked",
            Self::PlanExists => "plan-exists",
            Self::ResearchExists => "research-exists",
            Self::QuestionsAnswered => "questions-answered",
            Self::TechnicalContextFilled => "technical-context-filled",
            Self::DataModelWritten => "data-model-written",
            Self::QuickstartWritten => "quickstart-written",
            Self::CheckReady => "check-ready",
            Self::TasksExist => "tasks-exist",
            Self::TasksWellFormed => "tasks-well-formed",
            Self::TasksChecked => "tasks-checked",
        }
    }
}

/// A finding of the report, by position: `report.files[file].diagnostics[diagnostic]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingRef {
    /// Index into the report's files.
    pub file: usize,
    /// Index into that file's diagnostics.
    pub diagnostic: usize,
}

/// Whether a condition holds, and the errors that break it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionState {
    /// The condition.
    pub condition: Condition,
    /// Whether it holds.
    pub holds: bool,
    /// The errors charged to it.
    pub findings: Vec<FindingRef>,
}

/// Where a feature stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureStatus {
    /// The highest stage reached; `None` when not even `specified` holds.
    pub stage: Option<Stage>,
    /// The report's verdict: the check's, at the stage the report was checked at.
    pub verdict: Verdict,
    /// Open clarification markers in all of the feature's files (its open-clarification
    /// findings).
    pub clarifications: usize,
    /// Task progress, when the feature has a tasks.md.
    pub tasks: Option<TaskProgress>,
    /// Every condition, in [`Condition::ALL`] order.
    pub conditions: Vec<ConditionState>,
}

impl FeatureStatus {
    /// Reads a feature's status from its check report.
    #[must_use]
    pub fn of(report: &FeatureReport) -> Self {
        let mut findings: Vec<Vec<FindingRef>> = vec![Vec::new(); Condition::ALL.len()];
        let mut clarifications = 0;
        let tasks = report.tasks;
        let has_name = |wanted: &str| report.files.iter().any(|f| file_name(f) == wanted);
        for (file_index, file) in report.files.iter().enumerate() {
            let mut plan = LazyPlan::new(file);
            for (index, diagnostic) in file.diagnostics.iter().enumerate() {
                // Every open marker is an SK201 (an SK203 on the same marker adds to it).
                if *diagnostic.rule == OPEN_CLARIFICATION {
                    clarifications += 1;
                }
                if diagnostic.effect() == Verdict::Ready {
                    continue;
                }
                let condition = charge(file, diagnostic, &mut plan);
                if let Some(list) = findings.get_mut(position(condition)) {
                    list.push(FindingRef {
                        file: file_index,
                        diagnostic: index,
                    });
                }
            }
        }
        let leveled = report.dialect == BuiltinDialect::Leveled.name();
        let has_kind = |kind: FileKind| report.files.iter().any(|f| f.kind == kind);
        let total = tasks.map_or(0, |t| t.total);
        let present = |condition: Condition| match condition {
            Condition::SpecExists => has_kind(FileKind::Spec),
            Condition::PlanExists => has_kind(FileKind::Plan),
            Condition::ResearchExists => leveled || has_name("research.md"),
            Condition::DataModelWritten => leveled || has_name("data-model.md"),
            Condition::QuickstartWritten => leveled || has_name("quickstart.md"),
            Condition::TasksExist => tasks.is_some(),
            Condition::TasksWellFormed => total > 0,
            Condition::TasksChecked => tasks.is_some_and(|t| t.total > 0 && t.done == t.total),
            _ => true,
        };
        let conditions: Vec<ConditionState> = Condition::ALL
            .into_iter()
            .zip(findings)
            .map(|(condition, findings)| ConditionState {
                holds: findings.is_empty() && present(condition),
                condition,
                findings,
            })
            .collect();
        let mut stage = None;
        for candidate in Stage::ALL {
            let all_hold = conditions
                .iter()
                .filter(|state| state.condition.stage() == candidate)
                .all(|state| state.holds);
            if !all_hold {
                break;
            }
            stage = Some(candidate);
        }
        Self {
            stage,
            verdict: report.verdict,
            clarifications,
            tasks,
            conditions,
        }
    }

    /// The stage the feature works towards; `None` once it is done.
    #[must_use]
    pub fn next_stage(&self) -> Option<Stage> {
        match self.stage {
            None => Some(Stage::Specified),
            Some(stage) => Stage::ALL
                .into_iter()
                .skip_while(|candidate| *candidate != stage)
                .nth(1),
        }
    }

    /// The conditions of the next stage that do not hold: what to do next.
    pub fn missing(&self) -> impl Iterator<Item = &ConditionState> {
        let next = self.next_stage();
        self.conditions
            .iter()
            .filter(move |state| Some(state.condition.stage()) == next && !state.holds)
    }
}

/// The condition an error breaks: by the file it is in and the stage it stands before (its
/// rule's, unless the finding knows better).
fn charge(file: &FileReport, diagnostic: &Diagnostic, plan: &mut LazyPlan<'_>) -> Condition {
    let stage = diagnostic.stage;
    // What ties the artifacts together (task list rules, coverage, IDs) is judged once tasks
    // exist, wherever the finding stands.
    if stage >= Stage::Tasked {
        return Condition::TasksWellFormed;
    }
    match file.kind {
        FileKind::Spec => match stage {
            Stage::Clarified => Condition::SpecClarified,
            // The check's "plan.md is missing", which it reports on the spec.
            Stage::Researched => Condition::PlanExists,
            _ => Condition::SpecWritten,
        },
        FileKind::Checklist if file_name(file) == "requirements.md" => {
            Condition::RequirementsChecked
        }
        FileKind::Plan => match stage {
            // Open questions, whether the plan or research.md still has to answer them.
            Stage::Clarified | Stage::Researched if is_question(diagnostic) => {
                Condition::QuestionsAnswered
            }
            _ if plan.in_technical_context(diagnostic) => Condition::TechnicalContextFilled,
            _ => Condition::CheckReady,
        },
        FileKind::Tasks => Condition::TasksWellFormed,
        FileKind::Other => match file_name(file) {
            "research.md" => Condition::QuestionsAnswered,
            "data-model.md" => Condition::DataModelWritten,
            "quickstart.md" => Condition::QuickstartWritten,
            _ => Condition::CheckReady,
        },
        FileKind::Checklist | FileKind::Constitution => Condition::CheckReady,
    }
}

/// Whether a finding is an open question: a clarification marker, or an unknown research has
/// not decided.
fn is_question(diagnostic: &Diagnostic) -> bool {
    [&OPEN_CLARIFICATION, &UNRESEARCHED_UNKNOWN].contains(&diagnostic.rule)
}

fn position(condition: Condition) -> usize {
    Condition::ALL
        .iter()
        .position(|c| *c == condition)
        .unwrap_or(0)
}

/// The file's name: the last part of its path.
fn file_name(file: &FileReport) -> &str {
    file.path.rsplit(['/', '\\']).next().unwrap_or("")
}

/// Where a plan's Technical Context and title are, parsed only when an error needs placing.
struct LazyPlan<'a> {
    file: &'a FileReport,
    layout: Option<(Option<TextRange>, Option<TextRange>)>,
}

impl<'a> LazyPlan<'a> {
    fn new(file: &'a FileReport) -> Self {
        Self { file, layout: None }
    }

    /// Whether the error lies in the Technical Context section, or is the finding that the
    /// whole plan is an untouched template (SK105 at its title).
    fn in_technical_context(&mut self, diagnostic: &Diagnostic) -> bool {
        let file = self.file;
        let (section, title) = *self.layout.get_or_insert_with(|| {
            let doc = Document::parse(file.text.clone());
            let section = doc
                .find_section("technical context")
                .and_then(|index| doc.sections.get(index))
                .map(|section| section.range);
            (section, doc.headings.first().map(|heading| heading.range))
        });
        let untouched = *diagnostic.rule == TEMPLATE_TEXT_LEFT
            && diagnostic.severity == Severity::Error
            && title == Some(diagnostic.range);
        untouched || section.is_some_and(|range| range.contains(diagnostic.range.start()))
    }
}

#[cfg(test)]
mod tests;
