//! `speckit tasks list`, `next` and `graph` as a user runs them: the outputs for an example
//! feature (snapshots), how the task list is found, and exit codes.

use std::fs;

use crate::support::{code, speckit, stderr, stdout, workspace};
use tempfile::TempDir;

const EXAMPLE: &str = "examples/speckit/specs/003-reading-goals";

/// Runs a command on the example feature; it must succeed without findings.
fn example(args: &[&str]) -> String {
    let output = speckit(&workspace(), args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

#[test]
fn list_shows_progress_per_phase_and_story() {
    let out = example(&["tasks", "list", EXAMPLE]);
    insta::assert_snapshot!("tasks_list_human", out);
}

#[test]
fn list_with_tasks_shows_every_task_under_its_phase() {
    let out = example(&["tasks", "list", EXAMPLE, "--tasks"]);
    assert!(out.contains("  0/4       Phase 3: User Story 1 - Set a goal for the year (Priority: P1)\n      [ ] T005 [P] [US1] Contract tests"));
    assert_eq!(out.matches("      [ ] T0").count(), 15);
}

#[test]
fn list_json_is_the_task_model() {
    let out = example(&["tasks", "list", EXAMPLE, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["total"], 15);
    assert_eq!(json["phases"].as_array().unwrap().len(), 6);
    assert_eq!(json["phases"][2]["kind"], "story");
    assert_eq!(json["tasks"][5]["id"], "T006");
    assert_eq!(json["tasks"][5]["depends_on"], serde_json::json!(["T003"]));
    // The same document as `graph --format json`.
    let graph = example(&["tasks", "graph", EXAMPLE, "--format", "json"]);
    assert_eq!(out, graph);
}

#[test]
fn next_shows_what_may_start_now() {
    let out = example(&["tasks", "next", EXAMPLE]);
    insta::assert_snapshot!("tasks_next_human", out);
    let json: serde_json::Value =
        serde_json::from_str(&example(&["tasks", "next", EXAMPLE, "--json"])).unwrap();
    let ready: Vec<&str> = json["ready"]
        .as_array()
        .unwrap()
        .iter()
        .map(|task| task["id"].as_str().unwrap())
        .collect();
    assert_eq!(ready, ["T001"]);
    assert_eq!(json["summary"]["ready"], 1);
}

#[test]
fn graph_formats() {
    insta::assert_snapshot!("tasks_graph_mermaid", example(&["tasks", "graph", EXAMPLE]));
    insta::assert_snapshot!(
        "tasks_graph_dot",
        example(&["tasks", "graph", EXAMPLE, "--format", "dot"])
    );
    let json: serde_json::Value =
        serde_json::from_str(&example(&["tasks", "graph", EXAMPLE, "--format", "json"])).unwrap();
    insta::assert_json_snapshot!("tasks_graph_json", json);
}

/// A feature folder in a temporary project, with `tasks` as its task list.
fn project_with(tasks: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let feature = dir.path().join("specs/001-goals");
    fs::create_dir_all(dir.path().join(".specify")).unwrap();
    fs::create_dir_all(&feature).unwrap();
    fs::write(feature.join("tasks.md"), tasks).unwrap();
    fs::write(
        dir.path().join(".specify/feature.json"),
        "{\"feature_directory\":\"specs/001-goals\"}\n",
    )
    .unwrap();
    dir
}

const PROGRESS: &str = "\
# Tasks: Goals

## Phase 1: Setup

- [x] T001 Create the schema in db/schema.sql
- [X] T002 [P] Add the linter configuration in .eslintrc.json

## Phase 2: Foundational

- [ ] T003 Add the goal model in src/goal.ts
- [ ] T004 [P] Add the reading model in src/reading.ts
- [ ] T005 Add the service in src/service.ts
";

#[test]
fn the_current_feature_is_the_default_and_progress_counts_checks() {
    let project = project_with(PROGRESS);
    let output = speckit(project.path(), &["tasks", "next"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "2 tasks may start now (3 of 5 open):\n\nPhase 2: Foundational\n  T003 Add the goal model in src/goal.ts\n  T004 [P] Add the reading model in src/reading.ts\n"
    );
    let list = stdout(&speckit(project.path(), &["tasks", "list"]));
    assert!(
        list.starts_with("specs/001-goals/tasks.md: 2 of 5 tasks done (40%)\n"),
        "{list}"
    );
    assert!(list.contains("  2/2 done  Phase 1: Setup\n  0/3       Phase 2: Foundational\n"));
}

#[test]
fn without_a_current_feature_the_working_directory_is_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tasks.md"), PROGRESS).unwrap();
    let output = speckit(dir.path(), &["tasks", "list"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("2 of 5 tasks done"));

    let empty = tempfile::tempdir().unwrap();
    let output = speckit(empty.path(), &["tasks", "list"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no tasks.md in"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_task_file_can_be_named_and_all_done_is_said() {
    let project = project_with(&PROGRESS.replace("- [ ]", "- [x]"));
    let output = speckit(
        project.path(),
        &["tasks", "next", "specs/001-goals/tasks.md"],
    );
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "All 5 tasks are done.\n");
}

#[test]
fn errors_in_the_task_list_exit_1_and_are_printed_to_stderr() {
    let project = project_with(
        "## Phase 1: Setup\n\n- [ ] T001 Create the schema (depends on T002)\n- [ ] T002 Seed it (depends on T001)\n- [ ] T002 Seed it again\n",
    );
    let output = speckit(project.path(), &["tasks", "graph", "specs/001-goals"]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        stderr(&output),
        "specs/001-goals/tasks.md:3:42: error[SK705] task T001 depends on T002, which already waits for T001: neither can start\n\
         specs/001-goals/tasks.md:5:7: error[SK702] task ID T002 is used twice: the first is `Seed it (depends on T001)`\n"
    );
    // The graph is still drawn, without the note that closes the cycle.
    assert!(
        stdout(&output)
            .starts_with("flowchart TD\n  subgraph wave1 [\"Wave 1 · 1 task\"]\n    T001[")
    );
}

#[test]
fn warnings_alone_exit_0() {
    let project = project_with(
        "## Phase 1: Setup\n\n- [ ] T001 [P] Create the schema in db/schema.sql\n- [ ] T002 [P] Add the indexes to db/schema.sql\n",
    );
    let output = speckit(project.path(), &["tasks", "list"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("warning[SK704]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_target_is_a_usage_error() {
    let output = speckit(&workspace(), &["tasks", "list", "no/such/feature"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "speckit: error: no/such/feature: no such file or folder\n"
    );
    let output = speckit(
        &workspace(),
        &["tasks", "graph", EXAMPLE, "--format", "svg"],
    );
    assert_eq!(code(&output), 2);
}

#[test]
fn help_shows_examples() {
    for command in ["list", "next", "graph"] {
        let out = stdout(&speckit(&workspace(), &["tasks", command, "--help"]));
        assert!(out.contains("Examples:"), "{command}: {out}");
        assert!(
            out.contains(&format!("speckit tasks {command}")),
            "{command}"
        );
    }
}
