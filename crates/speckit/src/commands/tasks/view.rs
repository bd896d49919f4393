//! Human output of `speckit tasks list` and `next`, and the findings they print to stderr.

use std::io::{self, Write};

use speckit_doc::Document;
use speckit_lint::Diagnostic;
use speckit_lint::render::{printable, printable_lines};
use speckit_lint::tasks::{Task, TaskGraph, TaskList};

/// Prints findings to stderr, one a line: `path:line:col: severity[CODE] message`.
pub(super) fn print_findings(
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for diagnostic in diagnostics {
        let at = doc
            .line_index()
            .line_col(doc.text(), diagnostic.range.start());
        writeln!(
            err,
            "{}:{}:{}: {}[{}] {}",
            printable(path),
            at.line,
            at.column,
            diagnostic.severity,
            diagnostic.rule.code,
            printable(&diagnostic.message)
        )?;
    }
    Ok(())
}

/// Prints text as it is, but for control characters (see [`printable_lines`]).
pub(super) fn print_text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(printable_lines(text).as_bytes())?;
    out.flush()
}

/// `speckit tasks list`: the total, then tasks done per phase and per story (and, with
/// `tasks`, every task under its phase).
pub(super) fn print_progress(
    path: &str,
    doc: &Document,
    list: &TaskList,
    tasks: bool,
) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let total = list.tasks.len();
    let done = list.done();
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    let path = printable(path);
    writeln!(out, "{path}: {done} of {total} tasks done ({percent}%)")?;
    if !list.phases.is_empty() {
        let counts: Vec<String> = list
            .phases
            .iter()
            .map(|phase| {
                let of_phase = list.tasks.get(phase.tasks.clone()).unwrap_or(&[]);
                let done = of_phase.iter().filter(|task| task.checked).count();
                format!("{done}/{}", of_phase.len())
            })
            .collect();
        let width = counts.iter().map(String::len).max().unwrap_or(0);
        writeln!(out, "\nPhases")?;
        for (phase, count) in list.phases.iter().zip(&counts) {
            let of_phase = list.tasks.get(phase.tasks.clone()).unwrap_or(&[]);
            let complete = of_phase.iter().all(|task| task.checked);
            let title = if phase.title.is_empty() {
                "(no phase heading)"
            } else {
                phase.title.as_str()
            };
            let state = if complete { "done" } else { "    " };
            writeln!(out, "  {count:>width$} {state}  {}", printable(title))?;
            if tasks {
                for task in of_phase {
                    writeln!(out, "      {}", printable(&task_line(doc, task, true)))?;
                }
            }
        }
    }
    let stories = list.story_progress();
    if !stories.is_empty() {
        let counts: Vec<String> = stories
            .iter()
            .map(|(_, done, total)| format!("{done}/{total}"))
            .collect();
        let width = counts.iter().map(String::len).max().unwrap_or(0);
        writeln!(out, "\nStories")?;
        for ((story, done, total), count) in stories.iter().zip(&counts) {
            let state = if done == total { "done" } else { "    " };
            writeln!(out, "  {count:>width$} {state}  {story}")?;
        }
    }
    out.flush()
}

/// `speckit tasks next`: the tasks that may start now, under their phases.
pub(super) fn print_ready(doc: &Document, list: &TaskList, graph: &TaskGraph) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let open = list.tasks.len() - list.done();
    let ready = graph.ready(list);
    if open == 0 {
        writeln!(out, "All {} tasks are done.", list.tasks.len())?;
        return out.flush();
    }
    if ready.is_empty() {
        writeln!(
            out,
            "No task can start: each of the {open} open tasks waits for an unchecked one."
        )?;
        return out.flush();
    }
    let plural = if ready.len() == 1 { "task" } else { "tasks" };
    writeln!(
        out,
        "{} {plural} may start now ({open} of {} open):",
        ready.len(),
        list.tasks.len()
    )?;
    let mut current_phase = None;
    for &index in &ready {
        let Some(task) = list.tasks.get(index) else {
            continue;
        };
        if current_phase != Some(task.phase) {
            current_phase = Some(task.phase);
            let title = list
                .phases
                .get(task.phase)
                .map_or("", |phase| phase.title.as_str());
            let title = if title.is_empty() {
                "(no phase heading)"
            } else {
                title
            };
            writeln!(out, "\n{}", printable(title))?;
        }
        writeln!(out, "  {}", printable(&task_line(doc, task, false)))?;
    }
    out.flush()
}

/// `[x] T005 [P] [US1] Description`, the mark only when asked for.
fn task_line(doc: &Document, task: &Task, mark: bool) -> String {
    let mut line = String::new();
    if mark {
        line.push_str(if task.checked { "[x] " } else { "[ ] " });
    }
    line.push_str(&task.id);
    if task.parallel {
        line.push_str(" [P]");
    }
    for story in &task.stories {
        line.push_str(&format!(" [{story}]"));
    }
    let description = doc.slice(task.description);
    if !description.is_empty() {
        line.push(' ');
        line.push_str(description);
    }
    line
}
