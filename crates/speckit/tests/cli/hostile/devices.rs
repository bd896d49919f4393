//! Files that are not files: links to devices, FIFOs, and files far over the size limit. Only
//! regular files are read, never more than the limit, and nothing waits on a pipe.

#![cfg(unix)]

use std::path::Path;

use super::{FEATURE, Project};

fn plan() -> String {
    format!("{FEATURE}/plan.md")
}

fn tasks() -> String {
    format!("{FEATURE}/tasks.md")
}

#[test]
fn check_refuses_a_plan_linked_to_dev_zero() {
    let project = Project::new();
    project.link(&plan(), Path::new("/dev/zero"));
    let run = project.run(&["check", FEATURE, "--format", "concise"]);
    assert_eq!(run.code, Some(1), "{}", run.both());
    assert!(run.stdout.contains("plan.md:1:1: SK001"), "{}", run.both());
}

#[test]
fn check_refuses_a_plan_linked_to_dev_full() {
    let project = Project::new();
    project.link(&plan(), Path::new("/dev/full"));
    let run = project.run(&["check", FEATURE, "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.both());
    assert!(run.stdout.contains("\"SK001\""), "{}", run.both());
}

#[test]
fn status_refuses_a_plan_linked_to_dev_zero() {
    let project = Project::new();
    project.link(&plan(), Path::new("/dev/zero"));
    let run = project.run(&["status"]);
    assert!(run.code.is_some(), "{}", run.both());
    assert!(run.stdout.contains("invalid"), "{}", run.both());
}

#[test]
fn analyze_refuses_tasks_linked_to_dev_zero() {
    let project = Project::new();
    project.link(&tasks(), Path::new("/dev/zero"));
    let run = project.run(&["analyze", FEATURE]);
    assert!(run.code.is_some(), "{}", run.both());
    assert!(run.stdout.contains("tasks.md"), "{}", run.both());
}

#[test]
fn tasks_list_refuses_tasks_linked_to_dev_zero() {
    let project = Project::new();
    project.link(&tasks(), Path::new("/dev/zero"));
    let run = project.run(&["tasks", "list", FEATURE]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(run.stderr.contains("cannot read"), "{}", run.both());
}

#[test]
fn a_constitution_linked_to_dev_zero_is_not_read() {
    let project = Project::new();
    project.link(".specify/memory/constitution.md", Path::new("/dev/zero"));
    let run = project.run(&["check", "--format", "concise"]);
    assert_eq!(run.code, Some(1), "{}", run.both());
    assert!(
        run.stdout.contains("constitution.md:1:1: SK001"),
        "{}",
        run.both()
    );
}

#[test]
fn an_ignore_file_linked_to_dev_zero_is_not_read() {
    let project = Project::new();
    project.link(&format!("{FEATURE}/.gitignore"), Path::new("/dev/zero"));
    let run = project.run(&["check", "specs", "--format", "concise"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(run.stderr.contains(".gitignore"), "{}", run.both());
    project.link(".gitignore", Path::new("/dev/zero"));
    let run = project.run(&["status"]);
    assert!(run.code.is_some(), "{}", run.both());
    assert!(
        run.stderr.contains("no ignore file was read"),
        "{}",
        run.both()
    );
}

#[test]
fn agent_context_update_ignores_a_plan_linked_to_dev_zero() {
    let project = Project::new();
    project.link(&plan(), Path::new("/dev/zero"));
    let run = project.run(&["agent-context", "update", &plan()]);
    assert!(run.code.is_some(), "{}", run.both());
}

#[test]
fn a_fifo_named_plan_md_hangs_nothing() {
    let project = Project::new();
    project.fifo(&plan());
    let check = project.run(&["check", FEATURE, "--format", "concise"]);
    assert!(check.stdout.contains("named pipe"), "{}", check.both());
    for args in [
        &["status"][..],
        &["analyze", FEATURE][..],
        &["agent-context", "update"][..],
    ] {
        let run = project.run(args);
        assert!(run.code.is_some(), "{args:?}: {}", run.both());
    }
}

#[test]
fn setup_plan_over_a_fifo_says_it_wrote_nothing() {
    let project = Project::new();
    project.fifo(&plan());
    let script = project.run(&["script", "setup-plan", "--json"]);
    assert_eq!(script.code, Some(1), "{}", script.both());
    assert!(!script.stdout.contains("Copied"), "{}", script.both());
    assert!(
        script.stderr.contains("not a regular file"),
        "{}",
        script.both()
    );
    let native = project.run(&["plan", "setup"]);
    assert_eq!(native.code, Some(2), "{}", native.both());
    assert!(
        native.stderr.contains("not a regular file"),
        "{}",
        native.both()
    );
}

/// A little over the default 8 MiB limit.
fn oversized() -> Vec<u8> {
    b"- [ ] T001 a task\n".repeat(500_000)
}

#[test]
fn tasks_list_refuses_a_task_list_over_the_limit() {
    let project = Project::new();
    project.write(&tasks(), &oversized());
    let run = project.run(&["tasks", "list", FEATURE]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(
        run.stderr
            .contains("over the 8388608-byte limit; it was not read"),
        "{}",
        run.both()
    );
}

#[test]
fn a_configuration_over_the_limit_is_an_error() {
    let project = Project::new();
    let mut config = b"# speckit\n".to_vec();
    config.extend(b"#".repeat(2 * 1024 * 1024));
    project.write(".specify/speckit.toml", &config);
    let run = project.run(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(
        run.stderr.contains("larger than the limit"),
        "{}",
        run.both()
    );
}
