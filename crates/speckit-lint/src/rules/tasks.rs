//! SK701-SK705: task lists. The rules judge the model of [`crate::tasks`]: malformed tasks,
//! duplicate or unordered IDs, story labels, `[P]` tasks that touch one file, and dependency
//! notes that cannot be followed.

use std::collections::HashMap;

use speckit_doc::Document;

use crate::diagnostic::{Diagnostic, FileKind, Severity, Verdict};
use crate::ids::{self, Id};
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::shorten;
use crate::stage::Stage;
use crate::tasks::{InvalidKind, PhaseKind, ProblemKind, TaskForm, TaskGraph, TaskList};

pub(crate) static TASK_MALFORMED: Rule = Rule {
    code: "SK701",
    name: "task-malformed",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "a task not of the form `- [ ] T001 [P] [US1] description`: no ID, a template ID, no description, no checkbox, or no task at all",
    explanation: "Spec Kit's `/implement` works through tasks.md by ID and marks each finished \
        task `[X]`; `speckit tasks` and `/analyze` read the same lines. A checklist item among the \
        tasks without an ID cannot be referred to or ordered, a template ID such as `TXXX` or a \
        task with no description (or only a stand-in: `TBD`, `...`, \"left empty for now\") says \
        nothing, and tasks written as headings, numbered lines or table rows without a status \
        column cannot be checked off (speckit still reads them, and reports the form once).",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md:\n## Phase 1: Setup\n\n- [ ] T001 Create the project structure in src/\n- [ ] Configure the linter in .eslintrc.json\n",
        good: "tasks.md:\n## Phase 1: Setup\n\n- [ ] T001 Create the project structure in src/\n- [ ] T002 [P] Configure the linter in .eslintrc.json\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Checkboxes that are not tasks are not flagged: exit criteria, a validation \
            checklist under its own heading, checkboxes under an `**Acceptance Criteria**:`, \
            `**Definition of Done**:` or `**Checkpoint**:` label or nested under a task, and a \
            phase's checkpoint made a box itself (`- [x] Checkpoint: US1 works alone`). Nor are a \
            status before the ID (`[SKIPPED] T023`), a struck-out task (`~~T023 ...~~`), and a \
            task table with a Status column. A list whose work is checklist items without task \
            IDs (steps under headings of the project's own numbering) gets a note that it is not \
            checked, not an error; a task list that only says it does not apply gets nothing.",
        example: "tasks.md:\n## Phase 1: Setup\n\n- [ ] T001 Create the project structure in src/\n  - [ ] src/ builds with `cargo check`\n\n**Checkpoint**:\n- [ ] The project builds on a clean checkout\n",
        standalone: true,
    },
};

pub(crate) static TASK_ID_DUPLICATE: Rule = Rule {
    code: "SK702",
    name: "task-id-duplicate",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "duplicate task IDs (error), or IDs out of order (a note)",
    explanation: "A task ID is how notes (`depends on T012`), commits, issues and `/implement` \
        refer to a task: two tasks with one ID make every such reference ambiguous. Spec Kit \
        numbers tasks in execution order, so an ID lower than the one before it is noted; it is \
        only a note, because a task inserted later keeps its ID on purpose: notes, commits and \
        issues already refer to it, and renumbering would break them.",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md:\n- [ ] T001 Create the project in src/\n- [ ] T001 Add the linter configuration in .eslintrc.json\n",
        good: "tasks.md:\n- [ ] T001 Create the project in src/\n- [ ] T002 Add the linter configuration in .eslintrc.json\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Sub-IDs sort after their parent (`T052.1` and `T052a` after `T052`, before \
            `T053`) and are neither duplicates nor out of order, and a gap in the numbering (`T004` after `T002`) is not \
            flagged: only a repeated ID is an error, and one lower than the ID before it a note.",
        example: "tasks.md:\n- [ ] T001 Create the project in src/\n- [ ] T001a Add the workspace manifest in Cargo.toml\n- [ ] T004 Add the linter configuration in .eslintrc.json\n",
        standalone: true,
    },
};

pub(crate) static STORY_UNKNOWN: Rule = Rule {
    code: "SK703",
    name: "story-unknown",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "a `[USn]` label with no user story n in the spec (error); a story label in Setup or Foundational, or in another story's phase (warning)",
    explanation: "Story labels trace every task to the user story it delivers, so that each \
        story can be built, tested and shipped on its own. A label naming a story the spec does \
        not have breaks that trace (checked when the feature's spec.md is present and names its \
        stories): `[US1a]` needs a story 1a, while `[US1.2]`, a part of story 1, is known when \
        the spec has either (see IDs in docs/rules.md). Setup and Foundational tasks come \
        before every story, so Spec Kit keeps labels out of them; a task labelled for one story \
        inside another story's phase is in the wrong place or has the wrong label. Both are \
        warnings. A label in the Polish phase, or in a phase of fixes after the stories, traces \
        the change to the story it touches and is not flagged.",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md:\n## Phase 1: Setup\n\n- [ ] T001 [US1] Create the project structure in src/\n",
        good: "tasks.md:\n## Phase 1: Setup\n\n- [ ] T001 Create the project structure in src/\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Labels are checked against the spec's stories only when the feature's spec.md is \
            there and numbers its stories, and a part label (`[US1.2]`) belongs to story 1, in the \
            spec and in story 1's phase. A task without a label may sit in any phase, and a label \
            in the Polish phase or a later phase of fixes traces the change to its story.",
        example: "tasks.md:\n## Phase 3: User Story 1 - Sign in (Priority: P1)\n\n- [ ] T010 [US1] Add the login form in src/login.tsx\n- [ ] T011 [US1.2] Add the remember-me box in src/remember.tsx\n- [ ] T012 Add the session cookie helper in src/session.ts\n",
        standalone: true,
    },
};

pub(crate) static PARALLEL_CONFLICT: Rule = Rule {
    code: "SK704",
    name: "parallel-conflict",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "two `[P]` tasks of one phase that name the same file",
    explanation: "`[P]` says a task may run alongside the others of its phase because it touches \
        other files. Two `[P]` tasks that name the same file will, when run together (by two \
        agents, or two people), overwrite each other's changes. Drop `[P]` from one of them, or \
        say that one depends on the other. A warning: the paths are read from the descriptions, \
        which may name a file without changing it.",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md:\n## Phase 2: Foundational\n\n- [ ] T004 [P] Add the User model in src/models.py\n- [ ] T005 [P] Add the Book model in src/models.py\n",
        good: "tasks.md:\n## Phase 2: Foundational\n\n- [ ] T004 [P] Add the User model in src/models/user.py\n- [ ] T005 [P] Add the Book model in src/models/book.py\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "The feature's own documents (spec.md, plan.md, data-model.md, contracts/, ...) are \
            read, not changed, by tasks and do not count. Nor do files a task only reads: all \
            those of a task that verifies, reviews, checks, audits or runs (`Verify ...`, `Run the \
            tests in ...`) until it says it writes one, those named as its source (`from x`, `per \
            x`, `e.g. x`), and paths in a code block under it. A bare file name without its folder \
            (`__init__.py`) may stand for different files and does not count either, and two `[P]` \
            tasks of which one depends on the other do not run together.",
        example: "tasks.md:\n## Phase 2: Foundational\n\n- [ ] T004 [P] Add the User model in src/models/user.py per src/models/base.py\n- [ ] T005 [P] Add the Book model in src/models/book.py per src/models/base.py\n- [ ] T006 [P] Verify src/models/user.py against data-model.md\n",
        standalone: true,
    },
};

pub(crate) static DEPENDENCY_INVALID: Rule = Rule {
    code: "SK705",
    name: "dependency-invalid",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "\"depends on\" a task that does not exist, itself, or one whose notes say it waits for it (errors); on a later task (warning)",
    explanation: "Notes such as `(depends on T012, T013)` or `Dependencies: T004` order the \
        work: `speckit tasks next` offers a task only once what it depends on is checked. A \
        note naming a task that does not exist, or the task itself, cannot be satisfied. Tasks \
        are listed in execution order, so a note naming a later task contradicts the list: a \
        warning, or an error when the later task's notes say it waits for this one (a cycle \
        stated both ways: neither can ever start). A later task that waits for this one only \
        through the list's order is the warning, not a cycle.",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md:\n- [ ] T001 Create the schema in db/schema.sql\n- [ ] T002 Seed the data in db/seed.sql (depends on T009)\n",
        good: "tasks.md:\n- [ ] T001 Create the schema in db/schema.sql\n- [ ] T002 Seed the data in db/seed.sql (depends on T001)\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A note naming an earlier task, in its phase or an earlier one, is the order the \
            list already has. A note that says there is no dependency (`no dependency on T002`, \
            `not blocked by T004`) names none, and an ID a description mentions outside a \
            dependency note (`Extend the parser of T001`) is not a dependency.",
        example: "tasks.md:\n- [ ] T001 Create the schema in db/schema.sql (no dependency on T009)\n- [ ] T002 Seed the data in db/seed.sql (depends on T001)\n",
        standalone: true,
    },
};

pub(crate) fn check(cx: &mut Cx<'_>) {
    let Some(model) = &cx.file.tasks else {
        return;
    };
    let spec = cx.feature.document(FileKind::Spec);
    let found = diagnostics(cx.doc, &model.list, &model.graph, spec);
    cx.out.extend(found);
}

/// The findings of SK701-SK705 about the task list `doc` (parsed as `list`, ordered as
/// `graph`), with the feature's spec when there is one, at the rules' default severities.
fn diagnostics(
    doc: &Document,
    list: &TaskList,
    graph: &TaskGraph,
    spec: Option<&Document>,
) -> Vec<Diagnostic> {
    let mut out = Findings(Vec::new());
    malformed(doc, list, &mut out);
    ids(doc, list, &mut out);
    stories(list, spec, &mut out);
    parallel(list, graph, &mut out);
    dependencies(list, graph, &mut out);
    let mut found = out.0;
    found.sort_by_key(|d| (d.range.start(), d.rule.code));
    found
}

struct Findings(Vec<Diagnostic>);

impl Findings {
    fn push(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        range: speckit_doc::TextRange,
        message: String,
        help: String,
    ) {
        self.0.push(Diagnostic {
            severity,
            help: Some(help),
            ..Diagnostic::new(rule, range, message)
        });
    }
}

fn malformed(doc: &Document, list: &TaskList, out: &mut Findings) {
    const FORM: &str = "- [ ] T001 [P] [US1] Description with file path";
    for problem in &list.problems {
        let (message, help) = match &problem.kind {
            ProblemKind::MissingId => (
                format!(
                    "checklist item without a task ID among tasks: `{}`",
                    shorten(doc.slice(problem.range))
                ),
                format!(
                    "number it in sequence with the tasks around it (`{FORM}`), or move it under a heading of its own if it is not a task"
                ),
            ),
            ProblemKind::PlaceholderId(id) => (
                format!("task ID `{id}` is left from the template"),
                "number the task in sequence with the others (`T042`)".to_owned(),
            ),
            ProblemKind::MissingDescription(id) => (
                format!("task {id} has no description"),
                "say what the task does and which file it changes (a stand-in such as TBD says nothing)".to_owned(),
            ),
            ProblemKind::NoCheckbox { form, count } => {
                let written = match form {
                    TaskForm::Heading => "headings",
                    TaskForm::ListItem => "list items without a checkbox",
                    TaskForm::TableRow => "table rows",
                    TaskForm::Checkbox => "checklist items",
                };
                (
                    format!(
                        "tasks are written as {written} ({count}), not as checklist items: their progress cannot be checked off"
                    ),
                    format!(
                        "write each task as a checklist item (`{FORM}`) so that `/implement` can mark it `[X]`"
                    ),
                )
            }
            ProblemKind::NoTasks => (
                "no task found".to_owned(),
                format!("tasks are checklist items such as `{FORM}`"),
            ),
        };
        // A list whose work is checklist items without task IDs (steps under headings of the
        // project's own numbering, another tool's work packages) is tracked, in a form speckit
        // does not read: a note says so, where an empty list is an error.
        let checklist_items = doc
            .list_items
            .iter()
            .filter(|item| item.task.is_some())
            .count();
        let (severity, message) = match problem.kind {
            ProblemKind::NoTasks if checklist_items > 0 => (
                Severity::Info,
                format!(
                    "no task in the form `{FORM}`: its {checklist_items} checklist items carry no task ID, so the list is not checked"
                ),
            ),
            _ => (Severity::Error, message),
        };
        out.push(&TASK_MALFORMED, severity, problem.range, message, help);
    }
}

fn ids(doc: &Document, list: &TaskList, out: &mut Findings) {
    for (index, first) in list.duplicates() {
        let (Some(task), Some(first)) = (list.tasks.get(index), list.tasks.get(first)) else {
            continue;
        };
        out.push(
            &TASK_ID_DUPLICATE,
            Severity::Error,
            task.id_range,
            format!(
                "task ID {} is used twice: the first is `{}`",
                task.id,
                shorten(doc.slice(first.description))
            ),
            "give each task its own ID: notes such as `depends on` and commits refer to tasks by ID".to_owned(),
        );
    }
    for pair in list.tasks.windows(2) {
        let [before, task] = pair else { continue };
        if task.id_precedes(before) == Some(true) {
            out.push(
                &TASK_ID_DUPLICATE,
                Severity::Info,
                task.id_range,
                format!(
                    "task {} comes after {}: IDs should follow the order of the list",
                    task.id, before.id
                ),
                "Spec Kit numbers tasks in execution order: renumber them, or move the task"
                    .to_owned(),
            );
        }
    }
}

fn stories(list: &TaskList, spec: Option<&Document>, out: &mut Findings) {
    let defined = spec.map(ids::spec_stories).unwrap_or_default();
    for task in &list.tasks {
        let Some(phase) = list.phases.get(task.phase) else {
            continue;
        };
        let label = task.story_labels.first().copied().unwrap_or(task.id_range);
        let mut unknown = false;
        if !defined.is_empty() {
            for story in &task.stories {
                if !story.resolves(|id| defined.contains(id)) {
                    unknown = true;
                    out.push(
                        &STORY_UNKNOWN,
                        Severity::Error,
                        label,
                        format!(
                            "task {} is labelled {story}, but the spec has no user story {}",
                            task.id,
                            story.name()
                        ),
                        format!(
                            "the spec's stories are {}: fix the label, or add the story to spec.md",
                            story_list(&defined)
                        ),
                    );
                }
            }
        }
        // A label naming no story of the spec is wrong wherever it sits: one finding is enough.
        if task.stories.is_empty() || unknown {
            continue;
        }
        // Polish and the fixes that come after the stories often trace a change to the story it
        // touches, and the label says so; only the phases every story waits for stay unlabelled.
        if phase.kind.precedes_stories() {
            out.push(
                &STORY_UNKNOWN,
                Severity::Warning,
                label,
                format!("task {} carries a story label in the {} phase", task.id, phase.kind.label()),
                "Setup and Foundational tasks come before every story: drop the label, or move the task into its story's phase".to_owned(),
            );
        } else if phase.kind == PhaseKind::Story
            // A story phase that names no story (`Phase 2: Install Standardization (P1)`)
            // cannot disagree with a label.
            && !phase.stories.is_empty()
            && !task
                .stories
                .iter()
                .any(|story| story.resolves(|id| phase.stories.contains(id)))
        {
            out.push(
                &STORY_UNKNOWN,
                Severity::Warning,
                label,
                format!(
                    "task {} is labelled {}, but sits in the phase of {}",
                    task.id,
                    story_list(&task.stories),
                    story_list(&phase.stories)
                ),
                "move the task to its story's phase, or fix the label".to_owned(),
            );
        }
    }
}

fn story_list(stories: &[Id]) -> String {
    stories
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Documents of the feature itself: tasks read them, they do not change them in parallel.
fn is_feature_document(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "spec.md" | "plan.md" | "tasks.md" | "research.md" | "data-model.md" | "quickstart.md"
    ) || path.starts_with("contracts/")
        || path.contains("/contracts/")
        || path.starts_with("checklists/")
        || path.contains("/checklists/")
}

/// Two `[P]` tasks conflict over a file when both name it with its folder (a bare name such as
/// `__init__.py` or `_index.md` may stand for different files), not as a source to read
/// ("from x", "per x"), and neither waits for the other. One finding per file and phase, at the second task, names them all.
fn parallel(list: &TaskList, graph: &TaskGraph, out: &mut Findings) {
    for phase in &list.phases {
        let mut naming: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for index in phase.tasks.clone() {
            let Some(task) = list.tasks.get(index).filter(|task| task.parallel) else {
                continue;
            };
            let shared = task.paths.iter().filter(|path| {
                path.contains('/') && !is_feature_document(path) && !task.sources.contains(path)
            });
            for path in shared {
                let slot = *index_of.entry(path.as_str()).or_insert_with(|| {
                    naming.push((path.as_str(), Vec::new()));
                    naming.len() - 1
                });
                // A task listed twice (open, then again as done) is one task: the repeated ID
                // is the duplicate rule's finding, not a second task on the file.
                if let Some((_, tasks)) = naming.get_mut(slot)
                    && !tasks
                        .iter()
                        .any(|&other| list.tasks.get(other).is_some_and(|t| t.id == task.id))
                {
                    tasks.push(index);
                }
            }
        }
        for (path, tasks) in naming {
            let waits = |a: usize, b: usize| {
                graph
                    .waits_for
                    .get(a)
                    .is_some_and(|waits| waits.contains(&b))
            };
            // A task that waits for another of the group does not run alongside it.
            let together: Vec<usize> = tasks
                .iter()
                .copied()
                .filter(|&a| !tasks.iter().any(|&b| a != b && waits(a, b)))
                .collect();
            let (Some(&first), Some(&second)) = (together.first(), together.get(1)) else {
                continue;
            };
            let (Some(first), Some(second)) = (list.tasks.get(first), list.tasks.get(second))
            else {
                continue;
            };
            let ids: Vec<&str> = together
                .iter()
                .filter_map(|&t| list.tasks.get(t).map(|task| task.id.as_str()))
                .collect();
            out.push(
                &PARALLEL_CONFLICT,
                Severity::Warning,
                second.id_range,
                format!(
                    "{} [P] tasks of one phase name {path}: {}",
                    ids.len(),
                    id_list(&ids)
                ),
                format!(
                    "tasks that may run together must change different files: drop [P] from all but one, or add `(depends on {})`",
                    first.id
                ),
            );
        }
    }
}

/// `T001, T002 and T003`; past six IDs, the first five and how many more.
fn id_list(ids: &[&str]) -> String {
    match ids {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ if ids.len() > 6 => format!(
            "{} and {} more",
            ids.get(..5).unwrap_or(&[]).join(", "),
            ids.len() - 5
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn dependencies(list: &TaskList, graph: &TaskGraph, out: &mut Findings) {
    for invalid in &graph.invalid {
        let Some(task) = list.tasks.get(invalid.task) else {
            continue;
        };
        let Some(note) = task.depends_on.get(invalid.note) else {
            continue;
        };
        let id_of = |index: usize| list.tasks.get(index).map_or("", |t| t.id.as_str());
        let (severity, message, help) = match invalid.kind {
            InvalidKind::Unknown => (
                Severity::Error,
                format!("task {} depends on {}, which is not a task of this list", task.id, note.id),
                "fix the ID, or remove the note".to_owned(),
            ),
            InvalidKind::SelfReference => (
                Severity::Error,
                format!("task {} depends on itself", task.id),
                "name the task it waits for, or remove the note".to_owned(),
            ),
            InvalidKind::Later(target) => (
                Severity::Warning,
                format!("task {} depends on {}, which comes later in the list", task.id, id_of(target)),
                format!(
                    "tasks are listed in execution order: move {} above {}",
                    id_of(target),
                    task.id
                ),
            ),
            InvalidKind::Cycle(target) => (
                Severity::Error,
                format!(
                    "task {} depends on {}, which already waits for {}: neither can start",
                    task.id,
                    id_of(target),
                    task.id
                ),
                "a task can only depend on tasks above it in the list (earlier in its phase, or in an earlier phase): remove the note or reorder the tasks".to_owned(),
            ),
        };
        out.push(&DEPENDENCY_INVALID, severity, note.range, message, help);
    }
}
