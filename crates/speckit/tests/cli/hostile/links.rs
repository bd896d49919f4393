//! Links that lead out of the project: nothing is written outside it, and nothing from outside
//! it is shown or copied.

#![cfg(unix)]

use std::fs;
use std::path::Path;

use super::{FEATURE, Project};

/// A folder outside the project, with a file whose content must never appear in speckit's
/// output or files.
struct Outside {
    dir: tempfile::TempDir,
}

const SECRET: &str = "root:SECRET-HASH:19000:0:99999:7:::";

impl Outside {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("shadow"), format!("{SECRET}\n")).unwrap();
        Outside { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn secret(&self) -> std::path::PathBuf {
        self.dir.path().join("shadow")
    }

    /// Everything in the folder, but the secret file.
    fn written(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != "shadow")
            .collect();
        names.sort();
        names
    }
}

#[test]
fn feature_new_does_not_write_through_a_linked_specs_folder() {
    let project = Project::new();
    let outside = Outside::new();
    project.link("specs", outside.path());
    let run = project.run(&["feature", "new", "escape"]);
    assert_ne!(run.code, Some(0), "{}", run.both());
    assert!(run.stderr.contains("outside the project"), "{}", run.both());
    assert_eq!(outside.written(), Vec::<String>::new());
    let script = project.run(&["script", "create-new-feature", "--json", "escape"]);
    assert_ne!(script.code, Some(0), "{}", script.both());
    assert_eq!(outside.written(), Vec::<String>::new());
}

#[test]
fn plan_setup_does_not_write_into_a_feature_folder_linked_out() {
    let project = Project::new();
    let outside = Outside::new();
    fs::write(outside.path().join("spec.md"), "# Spec\n").unwrap();
    project.link(FEATURE, outside.path());
    for args in [
        &["plan", "setup"][..],
        &["script", "setup-plan", "--json"][..],
    ] {
        let run = project.run(args);
        assert_ne!(run.code, Some(0), "{args:?}: {}", run.both());
        assert_eq!(outside.written(), vec!["spec.md".to_owned()], "{args:?}");
    }
}

#[test]
fn init_does_not_write_into_an_agent_folder_linked_out() {
    let project = Project::new();
    let outside = Outside::new();
    project.link(".claude/skills", outside.path());
    let run = project.run(&["init", "--agent", "claude", "--force"]);
    assert_ne!(run.code, Some(0), "{}", run.both());
    assert!(run.stderr.contains("outside the project"), "{}", run.both());
    assert_eq!(outside.written(), Vec::<String>::new());
}

#[test]
fn agent_context_does_not_write_through_a_linked_context_file() {
    let project = Project::new();
    let outside = Outside::new();
    let target = outside.path().join("CLAUDE.md");
    fs::write(&target, "mine\n").unwrap();
    project.link("CLAUDE.md", &target);
    let run = project.run(&["agent-context", "update"]);
    assert_ne!(run.code, Some(0), "{}", run.both());
    assert_eq!(fs::read_to_string(&target).unwrap(), "mine\n");
}

#[test]
fn check_never_shows_a_file_linked_from_outside() {
    let project = Project::new();
    let outside = Outside::new();
    project.link(&format!("{FEATURE}/spec.md"), &outside.secret());
    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = project.run(&["check", FEATURE, "--format", format]);
        assert_eq!(run.code, Some(1), "{format}: {}", run.both());
        assert!(
            !run.stdout.contains("SECRET-HASH"),
            "{format}: {}",
            run.both()
        );
        assert!(run.stdout.contains("SK001"), "{format}: {}", run.both());
    }
    let tasks = format!("{FEATURE}/tasks.md");
    project.link(&tasks, &outside.secret());
    let run = project.run(&["tasks", "list", FEATURE]);
    assert!(!run.stdout.contains("SECRET-HASH"), "{}", run.both());
    assert!(!run.stderr.contains("SECRET-HASH"), "{}", run.both());
}

#[test]
fn check_never_judges_against_a_template_linked_from_outside() {
    let project = Project::new();
    let outside = Outside::new();
    project.write(
        ".specify/presets/p/preset.yml",
        b"id: p\nprovides:\n  templates:\n    - type: template\n      name: plan-template\n      file: plan.md\n      strategy: replace\n",
    );
    // A heading, so that a template read from it would name the secret as a missing section.
    fs::write(
        outside.secret(),
        "# Plan\n\n## root:SECRET-HASH\n\n[text]\n",
    )
    .unwrap();
    project.link(".specify/presets/p/plan.md", &outside.secret());
    project.write(
        &format!("{FEATURE}/plan.md"),
        b"# Plan\n\n## Summary\n\nText.\n",
    );
    let run = project.run(&["check", FEATURE, "--format", "concise"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(!run.both().contains("SECRET-HASH"), "{}", run.both());
    assert!(
        run.stderr.contains("failed to read template layer"),
        "{}",
        run.both()
    );
}

#[test]
fn plan_setup_never_copies_a_preset_template_linked_from_outside() {
    let project = Project::new();
    let outside = Outside::new();
    project.write(
        ".specify/presets/p/preset.yml",
        b"id: p\nprovides:\n  templates:\n    - type: template\n      name: plan-template\n      file: plan.md\n      strategy: replace\n",
    );
    project.link(".specify/presets/p/plan.md", &outside.secret());
    let run = project.run(&["plan", "setup"]);
    assert_ne!(run.code, Some(0), "{}", run.both());
    assert!(!run.stdout.contains("SECRET-HASH"), "{}", run.both());
    let plan = project.path(&format!("{FEATURE}/plan.md"));
    assert!(
        !fs::read_to_string(&plan).is_ok_and(|text| text.contains("SECRET-HASH")),
        "the secret was copied into plan.md"
    );
    let run = project.run(&["script", "setup-plan", "--json"]);
    assert!(
        !fs::read_to_string(&plan).is_ok_and(|text| text.contains("SECRET-HASH")),
        "the secret was copied into plan.md: {}",
        run.both()
    );
}
