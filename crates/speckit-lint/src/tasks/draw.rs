//! The task graph drawn: Mermaid (as GitHub renders it in a ```` ```mermaid ```` block) and
//! Graphviz DOT.
//!
//! Both draw the waves: every task of a wave may run at the same time once the waves before it
//! are done. Mermaid shows one box per wave, linked in order; DOT adds the edges that say
//! which task waits for which, with a small point per phase standing for "every task of this
//! phase is done" so that phase order costs one edge per task.

use std::collections::HashSet;
use std::fmt::Write as _;

use speckit_doc::Document;

use super::{TaskGraph, TaskList};

/// Characters on one line of a node's label.
const LABEL_WIDTH: usize = 32;

/// Lines of description in a node's label.
const LABEL_LINES: usize = 2;

/// The graph as a Mermaid flowchart: a subgraph per wave holding its tasks (ID, `[P]`, story
/// labels and the start of the description), waves linked in order, done tasks filled green
/// and tasks that may start now outlined.
#[must_use]
pub fn mermaid(doc: &Document, list: &TaskList, graph: &TaskGraph) -> String {
    let names = node_names(list);
    let ready: HashSet<usize> = graph.ready(list).into_iter().collect();
    let mut out = String::from("flowchart TD\n");
    for (number, wave) in graph.waves.iter().enumerate() {
        let count = wave.len();
        let plural = if count == 1 { "task" } else { "tasks" };
        let _ = writeln!(
            out,
            "  subgraph wave{} [\"Wave {} · {count} {plural}\"]",
            number + 1,
            number + 1
        );
        for &task in wave {
            let Some(name) = names.get(task) else {
                continue;
            };
            let label = mermaid_text(&node_label(doc, list, task, "<br/>"));
            let _ = writeln!(out, "    {name}[\"{label}\"]");
        }
        out.push_str("  end\n");
    }
    for number in 1..graph.waves.len() {
        let _ = writeln!(out, "  wave{number} --> wave{}", number + 1);
    }
    let done: Vec<&str> = list
        .tasks
        .iter()
        .zip(&names)
        .filter(|(task, _)| task.checked)
        .map(|(_, name)| name.as_str())
        .collect();
    let startable: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(index, _)| ready.contains(index))
        .map(|(_, name)| name.as_str())
        .collect();
    out.push_str("  classDef done fill:#dafbe1,stroke:#1a7f37,color:#116329\n");
    out.push_str("  classDef ready stroke:#0969da,stroke-width:3px\n");
    if !done.is_empty() {
        let _ = writeln!(out, "  class {} done", done.join(","));
    }
    if !startable.is_empty() {
        let _ = writeln!(out, "  class {} ready", startable.join(","));
    }
    out
}

/// The graph in Graphviz DOT: a cluster per wave, an edge from each task to the tasks waiting
/// for it, and a point per phase that its last tasks lead to and the first tasks of the phases
/// after it start from. Done tasks are filled green.
#[must_use]
pub fn dot(doc: &Document, list: &TaskList, graph: &TaskGraph) -> String {
    let mut out = String::from(
        "digraph tasks {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n",
    );
    for (number, wave) in graph.waves.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_wave{} {{", number + 1);
        let _ = writeln!(out, "    label=\"Wave {}\";", number + 1);
        for &task in wave {
            let Some(item) = list.tasks.get(task) else {
                continue;
            };
            let label = dot_text(&node_label(doc, list, task, "\n"));
            let fill = if item.checked {
                ", fillcolor=\"#dafbe1\""
            } else {
                ""
            };
            let _ = writeln!(out, "    t{task} [label=\"{label}\"{fill}];");
        }
        out.push_str("  }\n");
    }
    // Within a phase: who waits for whom. A task nobody in its phase waits for is one of the
    // phase's last; a task waiting for nobody in its phase is one of its first.
    let mut waited_for = vec![false; list.tasks.len()];
    for (task, waits) in graph.waits_for.iter().enumerate() {
        for &before in waits {
            let _ = writeln!(out, "  t{before} -> t{task};");
            let same_phase =
                list.tasks.get(before).map(|t| t.phase) == list.tasks.get(task).map(|t| t.phase);
            if same_phase && let Some(flag) = waited_for.get_mut(before) {
                *flag = true;
            }
        }
    }
    for (index, phase) in list.phases.iter().enumerate() {
        let title = if phase.title.is_empty() {
            "tasks"
        } else {
            phase.title.as_str()
        };
        let _ = writeln!(
            out,
            "  phase{index} [shape=point, xlabel=\"{} done\"];",
            dot_text(&shorten(title))
        );
        for task in phase.tasks.clone() {
            if !waited_for.get(task).copied().unwrap_or(true) {
                let _ = writeln!(out, "  t{task} -> phase{index} [style=dashed];");
            }
        }
        for &before in graph.phase_follows.get(index).into_iter().flatten() {
            for task in phase.tasks.clone() {
                let first = graph.waits_for.get(task).is_none_or(|waits| {
                    waits
                        .iter()
                        .all(|&w| list.tasks.get(w).map(|t| t.phase) != Some(index))
                });
                if first {
                    let _ = writeln!(out, "  phase{before} -> t{task} [style=dashed];");
                }
            }
        }
    }
    out.push_str("}\n");
    out
}

/// The names Mermaid knows the tasks by: the ID with anything but letters and digits made an
/// underscore (`T052.1` is `T052_1`), made unique with the task's position when IDs repeat.
fn node_names(list: &TaskList) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::with_capacity(list.tasks.len());
    list.tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let name: String = task
                .id
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            if seen.insert(name.clone()) {
                name
            } else {
                format!("{name}_{index}")
            }
        })
        .collect()
}

/// A node's label: `T005 [P] US1`, then the description on up to two short lines, without
/// Markdown emphasis or code marks and with paths shortened to their file names (the folder
/// rarely fits, the name says what the task touches).
fn node_label(doc: &Document, list: &TaskList, task: usize, line_break: &str) -> String {
    let Some(item) = list.tasks.get(task) else {
        return String::new();
    };
    let mut head = item.id.clone();
    if item.parallel {
        head.push_str(" [P]");
    }
    for story in &item.stories {
        let _ = write!(head, " {story}");
    }
    let description: String = doc
        .slice(item.description)
        .split_whitespace()
        .map(|word| {
            let bare = word.trim_matches(|c: char| matches!(c, '`' | '*'));
            if bare.contains('/') && item.paths.iter().any(|path| bare.ends_with(path.as_str())) {
                bare.rsplit('/')
                    .find(|part| !part.is_empty())
                    .unwrap_or(bare)
            } else {
                bare
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut label = head;
    for line in wrap(&description) {
        label.push_str(line_break);
        label.push_str(&line);
    }
    label
}

/// `text` in at most [`LABEL_LINES`] lines of about [`LABEL_WIDTH`] characters, broken between
/// words, with an ellipsis when it does not fit.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let fits =
            current.is_empty() || current.chars().count() + 1 + word.chars().count() <= LABEL_WIDTH;
        if !fits {
            if lines.len() + 1 == LABEL_LINES {
                current.push('…');
                lines.push(current);
                return lines;
            }
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        if word.chars().count() > LABEL_WIDTH {
            current.extend(word.chars().take(LABEL_WIDTH - 1));
            current.push('…');
            if words.peek().is_some() && lines.len() + 1 == LABEL_LINES {
                lines.push(current);
                return lines;
            }
        } else {
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `text` cut at a word boundary to at most [`LABEL_WIDTH`] characters, with an ellipsis when
/// cut (for phase names).
fn shorten(text: &str) -> String {
    wrap(text).into_iter().next().unwrap_or_default()
}

/// Text safe inside a quoted Mermaid label: quotes, angle brackets other than the `<br/>` we
/// put there, and `#` (which starts an entity) written as entities.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push_str("<br/>");
            rest = after;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            _ => out.push(c),
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// Text safe inside a quoted DOT string: backslashes and quotes escaped, line breaks as `\n`.
fn dot_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
