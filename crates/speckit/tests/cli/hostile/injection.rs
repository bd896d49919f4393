//! Text from the repository in speckit's output: a folder name or a line of a plan must not
//! become a workflow command in a CI log, nor a terminal escape (clear the screen, set the
//! window title, write the clipboard), nor a second managed section in an agent's context file.

#![cfg(unix)]

use std::fs;

use super::{FEATURE, Project, Run};

/// Clear the screen, set the window title, write the clipboard (OSC 52).
const ESCAPES: &str = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07";

const PLAN: &str = "# Implementation Plan: Demo\n\n## Technical Context\n\n\
**Language/Version**: [e.g., Python ESC or Rust]\n\n## Project Structure\n\n\
### ESC heading\n\nText.\n";

fn plan_with_escapes() -> String {
    PLAN.replace("ESC", ESCAPES)
}

fn assert_no_escape(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "{what}: a raw escape reached {stream}: {text:?}"
        );
    }
}

#[test]
fn a_folder_name_cannot_write_workflow_commands() {
    let project = Project::new();
    let evil = "specs/002-x\n::error file=evil.yml,line=1::INJECTED";
    project.write(&format!("{evil}/spec.md"), b"# Spec\n\n[DATE]\n");
    project.write(&format!("{evil}/plan.md"), plan_with_escapes().as_bytes());
    for args in [
        &["check", "specs", "--format", "concise"][..],
        &["check", "specs", "--format", "human"][..],
        &["check", "specs", "--format", "github"][..],
        &["status"][..],
        &["analyze", "specs"][..],
    ] {
        let run = project.run(args);
        let injected = run
            .stdout
            .lines()
            .chain(run.stderr.lines())
            .any(|line| line.starts_with("::error file=evil.yml"));
        assert!(
            !injected,
            "{args:?} printed a workflow command: {}",
            run.both()
        );
        assert!(run.stdout.contains("002-x"), "{args:?}: {}", run.both());
    }
}

#[test]
fn escapes_in_a_plan_never_reach_the_terminal() {
    let project = Project::new();
    project.write(
        &format!("{FEATURE}/plan.md"),
        plan_with_escapes().as_bytes(),
    );
    for format in ["human", "concise", "github"] {
        let run = project.run(&["check", FEATURE, "--format", format]);
        assert_eq!(run.code, Some(1), "{format}: {}", run.both());
        assert_no_escape(format, &run);
    }
    let run = project.run(&["analyze", FEATURE]);
    assert_no_escape("analyze", &run);
    let run = project.run(&["status", "--feature", FEATURE]);
    assert_no_escape("status", &run);
}

#[test]
fn escapes_in_tasks_never_reach_the_terminal() {
    let project = Project::new();
    let tasks = format!(
        "# Tasks\n\n## Phase 1: Setup {ESCAPES}\n\n- [ ] T001 Create the {ESCAPES} project\n- [ ] T002 Then T001 again {ESCAPES}\n"
    );
    project.write(&format!("{FEATURE}/tasks.md"), tasks.as_bytes());
    for args in [
        &["tasks", "list", "--tasks", FEATURE][..],
        &["tasks", "next", FEATURE][..],
        &["tasks", "graph", FEATURE][..],
        &["tasks", "graph", "--format", "dot", FEATURE][..],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.both());
        assert_no_escape(&format!("{args:?}"), &run);
    }
}

const END: &str = "<!-- SPECKIT END -->";
const START: &str = "<!-- SPECKIT START -->";

fn context_plan(language: &str) -> String {
    format!(
        "# Implementation Plan: Demo\n\n## Technical Context\n\n**Language/Version**: {language}\n"
    )
}

#[test]
fn a_plan_cannot_close_the_agent_context_section() {
    let project = Project::new();
    let plan = format!("{FEATURE}/plan.md");
    project.write(
        &plan,
        context_plan(&format!("Rust 1.88 {END} {ESCAPES} injected")).as_bytes(),
    );
    let first = project.run(&["agent-context", "update", &plan]);
    assert_eq!(first.code, Some(0), "{}", first.both());
    let once = fs::read_to_string(project.path("CLAUDE.md")).unwrap();
    let second = project.run(&["agent-context", "update", &plan]);
    assert_eq!(second.code, Some(0), "{}", second.both());
    let twice = fs::read_to_string(project.path("CLAUDE.md")).unwrap();
    assert_eq!(once, twice, "each run grew CLAUDE.md");
    assert_eq!(twice.matches(END).count(), 1, "{twice}");
    assert!(!twice.contains('\x1b'), "{twice:?}");
    assert!(twice.contains("Rust 1.88"), "{twice}");
}

#[test]
fn stale_sections_are_cleaned_once_the_plan_is_fixed() {
    let project = Project::new();
    let plan = format!("{FEATURE}/plan.md");
    project.write(&plan, context_plan("Rust 1.88").as_bytes());
    // What a plan that closed the section early left behind, run after run.
    let stale = format!(
        "# Notes\n\n{START}\nold\n- Language/Version: x {END} y\n{END}\n y\n{END}\n\nMine.\n"
    );
    project.write("CLAUDE.md", stale.as_bytes());
    let run = project.run(&["agent-context", "update", &plan]);
    assert_eq!(run.code, Some(0), "{}", run.both());
    let text = fs::read_to_string(project.path("CLAUDE.md")).unwrap();
    assert_eq!(text.matches(START).count(), 1, "{text}");
    assert_eq!(text.matches(END).count(), 1, "{text}");
    assert!(text.starts_with("# Notes\n"), "{text}");
    assert!(text.ends_with("Mine.\n"), "{text}");
    assert!(!text.contains("old"), "{text}");
}
