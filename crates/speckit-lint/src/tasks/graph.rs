//! The order of work in a task list: what each task waits for, the waves of tasks that may run
//! together, and the dependency notes that cannot be followed.
//!
//! The graph has a node per task and two per phase (its start and its end), so that "every
//! task of phase 2 before any task of phase 3" costs one edge per task instead of one per pair
//! of tasks. Every edge the model adds points from a node to one earlier in the document; only
//! a note naming a later task points forward, so every cycle passes through such a note. The
//! strongly connected components (Tarjan's algorithm) find them; those notes are dropped, the
//! rest of the graph is acyclic, and the waves are its longest-path layers.

use std::collections::HashMap;

use super::{Phase, PhaseKind, TaskList};

/// The order of work in a [`TaskList`].
#[derive(Clone, Debug, Default)]
pub struct TaskGraph {
    /// For each task, the tasks it waits for directly: for a task without `[P]`, the tasks
    /// before it in its phase (the previous such task and the `[P]` tasks since); then the tasks
    /// its notes name, except those in [`TaskGraph::invalid`] that are not followed.
    pub waits_for: Vec<Vec<usize>>,
    /// For each phase, the phases that must be complete before it starts.
    pub phase_follows: Vec<Vec<usize>>,
    /// For each task, its wave: 0 for tasks that wait for nothing, else one more than the
    /// latest wave of what it waits for (tasks of earlier phases included).
    pub wave: Vec<usize>,
    /// The tasks of each wave, in document order.
    pub waves: Vec<Vec<usize>>,
    /// Dependency notes that are wrong, in document order.
    pub invalid: Vec<InvalidDependency>,
    /// Groups of tasks that wait for each other in a circle through their notes, each in
    /// document order.
    pub cycles: Vec<Vec<usize>>,
}

/// A dependency note that is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidDependency {
    /// The task whose note it is.
    pub task: usize,
    /// Index into that task's [`super::Task::depends_on`].
    pub note: usize,
    /// What is wrong.
    pub kind: InvalidKind,
}

/// What is wrong with a dependency note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidKind {
    /// No task has that ID. Not followed.
    Unknown,
    /// The task names itself. Not followed.
    SelfReference,
    /// The task named comes later in the list, which is meant to be in execution order.
    /// Followed when it closes no cycle.
    Later(usize),
    /// The task named comes later and its notes say, directly or not, that it waits for the
    /// task with the note: a cycle stated both ways. Not followed. (A later task that waits
    /// only through the list's order is [`InvalidKind::Later`], and that note is not followed
    /// either.)
    Cycle(usize),
}

impl TaskGraph {
    /// Orders the tasks of `list`. Linear in the number of tasks, notes and phases (plus the
    /// phases each phase follows).
    #[must_use]
    pub fn new(list: &TaskList) -> Self {
        let task_count = list.tasks.len();
        let phase_follows = phase_order(&list.phases);
        let mut waits_for = within_phases(list);
        let (forward, stated, mut invalid) = resolve_notes(list, &mut waits_for);

        let node_count = task_count + 2 * list.phases.len();
        let start = |phase: usize| task_count + 2 * phase;
        let end = |phase: usize| task_count + 2 * phase + 1;
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); node_count];
        for (task, waits) in waits_for.iter().enumerate() {
            if let Some(node) = edges.get_mut(task) {
                node.extend(waits.iter().copied());
            }
        }
        for (phase_index, phase) in list.phases.iter().enumerate() {
            for task in phase.tasks.clone() {
                push_edge(&mut edges, task, start(phase_index));
                push_edge(&mut edges, end(phase_index), task);
            }
            for &before in phase_follows.get(phase_index).into_iter().flatten() {
                push_edge(&mut edges, start(phase_index), end(before));
            }
        }
        for &(task, _, target) in &forward {
            push_edge(&mut edges, task, target);
        }

        let component = strongly_connected(&edges);
        // A cycle is one the notes state both ways (T001 on T002, T002 on T001). A note that
        // closes a circle only through the list's own order (T002 follows T001 in sequence)
        // contradicts that order, and is not followed either.
        let stated_component = strongly_connected(&stated);
        let mut cycle_components: Vec<usize> = Vec::new();
        for &(task, note, target) in &forward {
            let same =
                component.get(task).is_some() && component.get(task) == component.get(target);
            let kind = if same {
                remove_edge(&mut edges, task, target);
                let stated_both_ways = stated_component.get(task).is_some()
                    && stated_component.get(task) == stated_component.get(target);
                if !stated_both_ways {
                    invalid.push(InvalidDependency {
                        task,
                        note,
                        kind: InvalidKind::Later(target),
                    });
                    continue;
                }
                if let Some(&c) = stated_component.get(task)
                    && !cycle_components.contains(&c)
                {
                    cycle_components.push(c);
                }
                InvalidKind::Cycle(target)
            } else {
                if let Some(waits) = waits_for.get_mut(task)
                    && !waits.contains(&target)
                {
                    waits.push(target);
                }
                InvalidKind::Later(target)
            };
            invalid.push(InvalidDependency { task, note, kind });
        }
        invalid.sort_by_key(|dependency| (dependency.task, dependency.note));
        let mut members: HashMap<usize, Vec<usize>> =
            cycle_components.iter().map(|&c| (c, Vec::new())).collect();
        for (task, c) in stated_component.iter().take(task_count).enumerate() {
            if let Some(tasks) = members.get_mut(c) {
                tasks.push(task);
            }
        }
        let cycles = cycle_components
            .iter()
            .filter_map(|c| members.remove(c))
            .collect();

        let wave = waves_of(&edges, task_count);
        let wave_count = wave.iter().max().map_or(0, |&last| last + 1);
        let mut waves: Vec<Vec<usize>> = vec![Vec::new(); wave_count];
        for (task, &w) in wave.iter().enumerate() {
            if let Some(tasks) = waves.get_mut(w) {
                tasks.push(task);
            }
        }
        Self {
            waits_for,
            phase_follows,
            wave,
            waves,
            invalid,
            cycles,
        }
    }

    /// The tasks that may start now: not checked, every task they wait for checked, and every
    /// phase their phase follows complete. In document order.
    #[must_use]
    pub fn ready(&self, list: &TaskList) -> Vec<usize> {
        let complete: Vec<bool> = list
            .phases
            .iter()
            .map(|phase| {
                list.tasks
                    .get(phase.tasks.clone())
                    .is_some_and(|tasks| tasks.iter().all(|task| task.checked))
            })
            .collect();
        let checked = |task: usize| list.tasks.get(task).is_some_and(|t| t.checked);
        list.tasks
            .iter()
            .enumerate()
            .filter(|(_, task)| !task.checked)
            .filter(|(_, task)| {
                self.phase_follows
                    .get(task.phase)
                    .is_none_or(|before| before.iter().all(|&p| complete.get(p) == Some(&true)))
            })
            .filter(|&(index, _)| {
                self.waits_for
                    .get(index)
                    .is_none_or(|waits| waits.iter().all(|&w| checked(w)))
            })
            .map(|(index, _)| index)
            .collect()
    }
}

fn push_edge(edges: &mut [Vec<usize>], from: usize, to: usize) {
    if let Some(node) = edges.get_mut(from) {
        node.push(to);
    }
}

fn remove_edge(edges: &mut [Vec<usize>], from: usize, to: usize) {
    if let Some(node) = edges.get_mut(from) {
        node.retain(|&target| target != to);
    }
}

/// The phases each phase follows: a story's phase follows the last phase before it that is not
/// a story's; any other phase follows the stories' phases since that one, or, when there are
/// none, the phase just before it.
fn phase_order(phases: &[Phase]) -> Vec<Vec<usize>> {
    let mut follows = Vec::with_capacity(phases.len());
    let mut last_shared: Option<usize> = None;
    let mut stories_since: Vec<usize> = Vec::new();
    for (index, phase) in phases.iter().enumerate() {
        if phase.kind == PhaseKind::Story {
            follows.push(last_shared.into_iter().collect());
            stories_since.push(index);
        } else {
            if stories_since.is_empty() {
                follows.push(last_shared.into_iter().collect());
            } else {
                follows.push(std::mem::take(&mut stories_since));
            }
            last_shared = Some(index);
        }
    }
    follows
}

/// What each task waits for inside its phase: a task without `[P]` waits for the previous such
/// task and every `[P]` task since, hence (through them) for everything listed before it.
fn within_phases(list: &TaskList) -> Vec<Vec<usize>> {
    let mut waits_for = vec![Vec::new(); list.tasks.len()];
    for phase in &list.phases {
        let mut previous: Option<usize> = None;
        let mut parallel_since: Vec<usize> = Vec::new();
        for index in phase.tasks.clone() {
            let Some(task) = list.tasks.get(index) else {
                continue;
            };
            if task.parallel {
                parallel_since.push(index);
                continue;
            }
            if let Some(waits) = waits_for.get_mut(index) {
                waits.extend(previous);
                waits.append(&mut parallel_since);
            }
            previous = Some(index);
        }
    }
    waits_for
}

/// The notes of a list resolved to tasks: those on later tasks as `(task, note, target)`, every
/// note that names another task as an edge per task, and the invalid ones.
type Notes = (
    Vec<(usize, usize, usize)>,
    Vec<Vec<usize>>,
    Vec<InvalidDependency>,
);

/// Resolves every note to a task. Notes on earlier tasks join `waits_for`; notes on later tasks
/// are returned as `(task, note, target)` to be judged against the whole graph; the rest are
/// invalid. The edges the notes state, whichever way they point, are returned too.
fn resolve_notes(list: &TaskList, waits_for: &mut [Vec<usize>]) -> Notes {
    let mut by_key: HashMap<&crate::ids::TaskId, usize> = HashMap::with_capacity(list.tasks.len());
    for (index, task) in list.tasks.iter().enumerate() {
        by_key.entry(&task.key).or_insert(index);
    }
    let mut forward = Vec::new();
    let mut stated: Vec<Vec<usize>> = vec![Vec::new(); list.tasks.len()];
    let mut invalid = Vec::new();
    for (index, task) in list.tasks.iter().enumerate() {
        for (note_index, note) in task.depends_on.iter().enumerate() {
            if let (Some(&target), Some(edges)) = (by_key.get(&note.key), stated.get_mut(index))
                && target != index
            {
                edges.push(target);
            }
            let kind = match by_key.get(&note.key) {
                None => Some(InvalidKind::Unknown),
                Some(&target) if target == index || task.key == note.key => {
                    Some(InvalidKind::SelfReference)
                }
                Some(&target) if target > index => {
                    forward.push((index, note_index, target));
                    None
                }
                Some(&target) => {
                    if let Some(waits) = waits_for.get_mut(index)
                        && !waits.contains(&target)
                    {
                        waits.push(target);
                    }
                    None
                }
            };
            if let Some(kind) = kind {
                invalid.push(InvalidDependency {
                    task: index,
                    note: note_index,
                    kind,
                });
            }
        }
    }
    (forward, stated, invalid)
}

/// The strongly connected component of every node (Tarjan's algorithm, iterative so that long
/// chains of tasks cannot exhaust the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut index_of = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // Each frame is a node and how many of its edges have been followed.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index_of.get(root) != Some(&UNSEEN) {
            continue;
        }
        frames.push((root, 0));
        while let Some(&mut (node, ref mut next_edge)) = frames.last_mut() {
            if *next_edge == 0 && index_of.get(node) == Some(&UNSEEN) {
                set(&mut index_of, node, next_index);
                set(&mut low, node, next_index);
                next_index += 1;
                stack.push(node);
                set(&mut on_stack, node, true);
            }
            let target = edges
                .get(node)
                .and_then(|targets| targets.get(*next_edge))
                .copied();
            if let Some(target) = target {
                *next_edge += 1;
                if index_of.get(target) == Some(&UNSEEN) {
                    frames.push((target, 0));
                } else if on_stack.get(target) == Some(&true) {
                    let lowest = get(&low, node).min(get(&index_of, target));
                    set(&mut low, node, lowest);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let lowest = get(&low, parent).min(get(&low, node));
                set(&mut low, parent, lowest);
            }
            if get(&low, node) == get(&index_of, node) {
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    set(&mut component, member, next_component);
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn get<T: Copy + Default>(values: &[T], index: usize) -> T {
    values.get(index).copied().unwrap_or_default()
}

fn set<T>(values: &mut [T], index: usize, value: T) {
    if let Some(slot) = values.get_mut(index) {
        *slot = value;
    }
}

/// The wave of every task in an acyclic graph: the number of tasks on the longest chain of
/// waits ending before it. Phase nodes add no step. A node left over (impossible once cycles
/// are removed) joins the wave after the last.
fn waves_of(edges: &[Vec<usize>], task_count: usize) -> Vec<usize> {
    let count = edges.len();
    let mut pending: Vec<usize> = edges.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (node, targets) in edges.iter().enumerate() {
        for &target in targets {
            if let Some(list) = dependents.get_mut(target) {
                list.push(node);
            }
        }
    }
    // `steps[node]`: tasks on the longest chain up to and including the node.
    let mut steps = vec![0usize; count];
    let mut done = vec![false; count];
    let mut queue: Vec<usize> = (0..count).filter(|&n| pending.get(n) == Some(&0)).collect();
    let mut head = 0;
    while let Some(&node) = queue.get(head) {
        head += 1;
        set(&mut done, node, true);
        let before = edges.get(node).map_or(0, |targets| {
            targets.iter().map(|&t| get(&steps, t)).max().unwrap_or(0)
        });
        set(&mut steps, node, before + usize::from(node < task_count));
        for &dependent in dependents.get(node).into_iter().flatten() {
            if let Some(left) = pending.get_mut(dependent) {
                *left = left.saturating_sub(1);
                if *left == 0 {
                    queue.push(dependent);
                }
            }
        }
    }
    let last = steps.iter().take(task_count).max().copied().unwrap_or(0);
    (0..task_count)
        .map(|task| {
            if get(&done, task) {
                get(&steps, task).saturating_sub(1)
            } else {
                last
            }
        })
        .collect()
}
