//! The task list as JSON (version 1), for `speckit tasks list --json`, `next --json` and
//! `graph --format json`.
//!
//! ```json
//! {"version":1,"path":"specs/003-goals/tasks.md",
//!  "summary":{"total":15,"done":2,"ready":3},
//!  "phases":[{"title":"Phase 1: Setup","kind":"setup","stories":[],"line":7,"done":2,"total":2,
//!             "tasks":["T001","T002"],"follows":[],"checkpoint":null}],
//!  "stories":[{"story":"US1","done":0,"total":4}],
//!  "tasks":[{"id":"T005","line":20,"checked":false,"parallel":true,"stories":["US1"],
//!            "phase":2,"wave":3,"ready":true,"description":"Contract tests for ...",
//!            "paths":["api/tests/contract/goals.test.ts"],"depends_on":[],"waits_for":[]}],
//!  "waves":[["T001"],["T002"]],
//!  "cycles":[],
//!  "diagnostics":[{"code":"SK705","name":"dependency-invalid","severity":"error",
//!                  "message":"...","line":20,"column":60,"end_line":20,"end_column":64,
//!                  "help":"..."}]}
//! ```
//!
//! `kind` is one of setup, foundational, story, polish, other; `phase` indexes `phases`; `line`
//! is 1-based (for a phase, its heading's line, `null` for tasks under no phase heading);
//! `depends_on` lists the IDs the task's notes name, `waits_for` the tasks it waits for
//! directly (earlier tasks of its phase, and the notes that can be followed); phases wait for
//! the phases in `follows` (indices). `next --json` holds `version`, `path`, `summary`, `ready`
//! (task objects) and `diagnostics`. Fields are only ever added within a version.

use serde::Serialize;
use speckit_doc::{Document, TextRange};

use super::DiagnosticEntry;
use crate::diagnostic::Diagnostic;
use crate::tasks::{TaskGraph, TaskList};

/// The whole task list: phases, stories, tasks, waves, cycles and findings.
#[must_use]
pub fn document(
    path: &str,
    doc: &Document,
    list: &TaskList,
    graph: &TaskGraph,
    diagnostics: &[Diagnostic],
) -> serde_json::Value {
    let ready = ready_flags(list, graph);
    let ids = |tasks: &[usize]| -> Vec<String> {
        tasks
            .iter()
            .filter_map(|&task| list.tasks.get(task).map(|t| t.id.clone()))
            .collect()
    };
    let phases: Vec<PhaseEntry> = list
        .phases
        .iter()
        .enumerate()
        .map(|(index, phase)| {
            let tasks = list.tasks.get(phase.tasks.clone()).unwrap_or(&[]);
            PhaseEntry {
                title: phase.title.clone(),
                kind: phase.kind.as_str(),
                stories: phase.stories.iter().map(ToString::to_string).collect(),
                line: phase.heading.map(|range| line_of(doc, range)),
                done: tasks.iter().filter(|task| task.checked).count(),
                total: tasks.len(),
                tasks: tasks.iter().map(|task| task.id.clone()).collect(),
                follows: graph.phase_follows.get(index).cloned().unwrap_or_default(),
                checkpoint: phase.checkpoint.map(|range| doc.slice(range).to_owned()),
            }
        })
        .collect();
    let stories: Vec<StoryEntry> = list
        .story_progress()
        .into_iter()
        .map(|(story, done, total)| StoryEntry {
            story: story.to_string(),
            done,
            total,
        })
        .collect();
    let tasks: Vec<TaskEntry> = (0..list.tasks.len())
        .filter_map(|task| task_entry(doc, list, graph, &ready, task))
        .collect();
    let ready_count = ready.iter().filter(|&&flag| flag).count();
    let waves: Vec<Vec<String>> = graph.waves.iter().map(|wave| ids(wave)).collect();
    let cycles: Vec<Vec<String>> = graph.cycles.iter().map(|cycle| ids(cycle)).collect();
    let value = TasksDocument {
        version: 1,
        path,
        summary: summary(list, ready_count),
        phases,
        stories,
        tasks,
        waves,
        cycles,
        diagnostics: diagnostic_entries(doc, diagnostics),
    };
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// The tasks that may start now, for `speckit tasks next --json`.
#[must_use]
pub fn ready_document(
    path: &str,
    doc: &Document,
    list: &TaskList,
    graph: &TaskGraph,
    diagnostics: &[Diagnostic],
) -> serde_json::Value {
    let ready = ready_flags(list, graph);
    let tasks: Vec<TaskEntry> = (0..list.tasks.len())
        .filter(|&task| ready.get(task) == Some(&true))
        .filter_map(|task| task_entry(doc, list, graph, &ready, task))
        .collect();
    let value = ReadyDocument {
        version: 1,
        path,
        summary: summary(list, tasks.len()),
        ready: tasks,
        diagnostics: diagnostic_entries(doc, diagnostics),
    };
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// For each task, whether it may start now.
fn ready_flags(list: &TaskList, graph: &TaskGraph) -> Vec<bool> {
    let mut flags = vec![false; list.tasks.len()];
    for task in graph.ready(list) {
        if let Some(flag) = flags.get_mut(task) {
            *flag = true;
        }
    }
    flags
}

fn summary(list: &TaskList, ready: usize) -> Summary {
    Summary {
        total: list.tasks.len(),
        done: list.done(),
        ready,
    }
}

fn task_entry<'a>(
    doc: &'a Document,
    list: &'a TaskList,
    graph: &TaskGraph,
    ready: &[bool],
    index: usize,
) -> Option<TaskEntry<'a>> {
    let task = list.tasks.get(index)?;
    let id_of = |other: &usize| list.tasks.get(*other).map(|t| t.id.as_str());
    Some(TaskEntry {
        id: &task.id,
        line: line_of(doc, task.line),
        checked: task.checked,
        parallel: task.parallel,
        stories: task.stories.iter().map(ToString::to_string).collect(),
        phase: task.phase,
        wave: graph.wave.get(index).copied().unwrap_or(0),
        ready: ready.get(index) == Some(&true),
        description: doc.slice(task.description),
        paths: task.paths.iter().map(String::as_str).collect(),
        depends_on: task
            .depends_on
            .iter()
            .map(|note| note.id.as_str())
            .collect(),
        waits_for: graph
            .waits_for
            .get(index)
            .map(|waits| waits.iter().filter_map(id_of).collect())
            .unwrap_or_default(),
    })
}

fn line_of(doc: &Document, range: TextRange) -> usize {
    doc.line_index().line_col(doc.text(), range.start()).line
}

fn diagnostic_entries<'a>(
    doc: &Document,
    diagnostics: &'a [Diagnostic],
) -> Vec<DiagnosticEntry<'a>> {
    diagnostics
        .iter()
        .map(|diagnostic| DiagnosticEntry::new(doc.text(), doc.line_index(), diagnostic))
        .collect()
}

#[derive(Serialize)]
struct TasksDocument<'a> {
    version: u32,
    path: &'a str,
    summary: Summary,
    phases: Vec<PhaseEntry>,
    stories: Vec<StoryEntry>,
    tasks: Vec<TaskEntry<'a>>,
    waves: Vec<Vec<String>>,
    cycles: Vec<Vec<String>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

#[derive(Serialize)]
struct ReadyDocument<'a> {
    version: u32,
    path: &'a str,
    summary: Summary,
    ready: Vec<TaskEntry<'a>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

#[derive(Serialize)]
struct Summary {
    total: usize,
    done: usize,
    ready: usize,
}

#[derive(Serialize)]
struct PhaseEntry {
    title: String,
    kind: &'static str,
    stories: Vec<String>,
    line: Option<usize>,
    done: usize,
    total: usize,
    tasks: Vec<String>,
    follows: Vec<usize>,
    checkpoint: Option<String>,
}

#[derive(Serialize)]
struct StoryEntry {
    story: String,
    done: usize,
    total: usize,
}

#[derive(Serialize)]
struct TaskEntry<'a> {
    id: &'a str,
    line: usize,
    checked: bool,
    parallel: bool,
    stories: Vec<String>,
    phase: usize,
    wave: usize,
    ready: bool,
    description: &'a str,
    paths: Vec<&'a str>,
    depends_on: Vec<&'a str>,
    waits_for: Vec<&'a str>,
}
