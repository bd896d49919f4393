//! The native workflow commands: init, feature new, plan setup, tasks setup, template,
//! agent-context.

use super::support::{files, ok, project, run, speckit_in};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn init_is_offline_complete_and_safe_to_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let first = json(&ok(
        dir.path(),
        &[
            "init",
            "app",
            "--agent",
            "claude,copilot",
            "--agent",
            "gemini",
            "--json",
        ],
    ));
    let created: Vec<&str> = first["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for expected in [
        ".specify/memory/constitution.md",
        ".specify/templates/spec-template.md",
        ".specify/templates/plan-template.md",
        ".specify/templates/tasks-template.md",
        ".specify/templates/checklist-template.md",
        ".specify/templates/constitution-template.md",
        ".specify/init-options.json",
        ".specify/integration.json",
        ".specify/.gitignore",
        ".specify/scripts/bash/common.sh",
        ".specify/scripts/bash/setup-plan.sh",
        ".specify/scripts/powershell/setup-plan.ps1",
        ".specify/scripts/powershell/common.ps1",
        ".claude/skills/speckit-plan/SKILL.md",
        ".github/skills/speckit-specify/SKILL.md",
        ".gemini/commands/speckit.tasks.toml",
    ] {
        assert!(
            created.contains(&expected),
            "{expected} missing from {created:?}"
        );
    }
    let root = dir.path().join("app");
    std::fs::write(
        root.join(".claude/skills/speckit-plan/SKILL.md"),
        "my own edits",
    )
    .unwrap();
    let again = json(&ok(
        dir.path(),
        &["init", "app", "--agent", "claude", "--json"],
    ));
    assert!(
        again["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["action"] == "kept")
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".claude/skills/speckit-plan/SKILL.md")).unwrap(),
        "my own edits"
    );
    ok(dir.path(), &["init", "app", "--agent", "claude", "--force"]);
    assert!(
        std::fs::read_to_string(root.join(".claude/skills/speckit-plan/SKILL.md"))
            .unwrap()
            .contains("speckit check --stage ready")
    );
    let human = ok(dir.path(), &["init", "app", "--agent", "claude"]);
    assert!(human.contains("0 files created"), "{human}");
}

#[test]
fn init_refuses_unknown_agents_and_dialects_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["init", "app", "--agent", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown agent 'nobody'"));
    let output = run(
        dir.path(),
        &["init", "app", "--agent", "claude", "--dialect", "nope"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("app").exists());
}

#[test]
fn every_agent_is_supported() {
    for agent in [
        "claude", "copilot", "gemini", "cursor", "codex", "opencode", "generic",
    ] {
        let (_dir, root) = project(&["--agent", agent]);
        let all = files(&root);
        let commands = all
            .iter()
            .filter(|f| f.contains("speckit") && !f.starts_with(".specify"))
            .count();
        assert_eq!(commands, 8, "{agent}: {all:?}");
    }
    let (_dir, root) = project(&["--agent", "generic"]);
    assert!(
        std::fs::read_to_string(root.join("AGENTS.md"))
            .unwrap()
            .contains("/speckit.plan")
    );
}

#[test]
fn feature_plan_tasks_flow() {
    let (_dir, root) = project(&["--agent", "claude"]);
    let created = json(&ok(
        &root,
        &["feature", "new", "--json", "Add photo albums with sharing"],
    ));
    assert_eq!(created["branch_name"], "001-photo-albums-sharing");
    assert_eq!(created["spec"], "created");
    let again = json(&ok(
        &root,
        &["feature", "new", "--json", "--number", "1", "Second one"],
    ));
    assert_eq!(again["feature_num"], "002");
    let output = run(&root, &["tasks", "setup"]);
    assert_eq!(output.status.code(), Some(2), "no plan yet");
    assert!(String::from_utf8_lossy(&output.stderr).contains("run `speckit plan setup`"));
    let plan = json(&ok(&root, &["plan", "setup", "--json"]));
    assert_eq!(plan["plan_created"], true);
    assert!(
        plan["plan"]
            .as_str()
            .unwrap()
            .ends_with("specs/002-second-one/plan.md")
    );
    std::fs::write(plan["plan"].as_str().unwrap(), "my plan").unwrap();
    let plan = json(&ok(&root, &["plan", "setup", "--json"]));
    assert_eq!(plan["plan_created"], false);
    assert_eq!(
        std::fs::read_to_string(plan["plan"].as_str().unwrap()).unwrap(),
        "my plan"
    );
    std::fs::write(root.join("specs/002-second-one/research.md"), "r").unwrap();
    let tasks = json(&ok(&root, &["tasks", "setup", "--json"]));
    assert_eq!(tasks["available_docs"], serde_json::json!(["research.md"]));
    assert!(
        tasks["tasks_template_content"]
            .as_str()
            .unwrap()
            .starts_with("---")
    );
    let human = ok(&root, &["tasks", "setup"]);
    assert!(
        human.contains("not present: data-model.md, contracts/, quickstart.md"),
        "{human}"
    );
}

#[test]
fn unsafe_names_are_refused_with_nothing_written() {
    let (_dir, root) = project(&["--agent", "claude"]);
    let before = files(&root);
    for args in [
        vec!["feature", "new", "--short-name", "../../etc", "x"],
        vec!["feature", "new", "--number", "../5", "x"],
        vec!["feature", "new", "--epic", "../../x/y", "x"],
        vec!["template", "resolve", "../templates/spec-template"],
    ] {
        let output = run(&root, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} explains itself");
    }
    let after: Vec<String> = files(&root)
        .into_iter()
        .filter(|f| !f.starts_with("specs"))
        .collect();
    assert_eq!(after, before, "nothing was written");
}

/// A feature directory the user configured is theirs to put anywhere: `plan setup` writes the
/// plan there, and nothing beyond it.
#[test]
fn a_configured_feature_directory_outside_the_project_is_followed() {
    let (_dir, root) = project(&["--agent", "claude"]);
    let elsewhere = root.parent().unwrap().join("elsewhere/004-x");
    let outside = speckit_in(&root, &["plan", "setup", "--json"])
        .env("SPECIFY_FEATURE_DIRECTORY", "../elsewhere/004-x")
        .output()
        .unwrap();
    assert_eq!(outside.status.code(), Some(0), "{outside:?}");
    assert!(elsewhere.join("plan.md").is_file());
    let written: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().collect();
    assert_eq!(written.len(), 1, "only the plan is written there");
    let recorded = std::fs::read_to_string(root.join(".specify/feature.json")).unwrap();
    assert_eq!(recorded, "{\"feature_directory\":\"../elsewhere/004-x\"}\n");
}

#[test]
fn epic_layout() {
    let (_dir, root) = project(&["--agent", "generic", "--dialect", "epic"]);
    let output = run(&root, &["feature", "new", "x"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "the epic layout needs --epic"
    );
    let created = json(&ok(
        &root,
        &[
            "feature",
            "new",
            "--json",
            "--epic",
            "payments/api/PAY-12",
            "Refund a card payment",
        ],
    ));
    let dir = created["feature_dir"].as_str().unwrap();
    assert!(
        dir.ends_with("plans/payments/api/PAY-12/features/001-refund-card-payment"),
        "{dir}"
    );
    let epic = root.join("plans/payments/api/PAY-12");
    assert!(epic.join("exec-plan.md").is_file());
    assert!(epic.join("design/index.md").is_file());
    assert!(
        epic.join("features/001-refund-card-payment/checklists")
            .is_dir()
    );
    let plan = json(&ok(&root, &["plan", "setup", "--json"]));
    assert!(
        plan["plan"]
            .as_str()
            .unwrap()
            .ends_with("001-refund-card-payment/impl-plan.md")
    );
    let text = std::fs::read_to_string(plan["plan"].as_str().unwrap()).unwrap();
    assert!(text.starts_with("# Implementation Plan: [FEATURE_ID]"));
    let second = json(&ok(
        &root,
        &[
            "feature",
            "new",
            "--json",
            "--epic",
            "payments/api/PAY-12",
            "Partial refunds",
        ],
    ));
    assert_eq!(second["feature_num"], "002");
}

#[test]
fn leveled_layout() {
    let (_dir, root) = project(&["--agent", "opencode", "--dialect", "leveled"]);
    let created = json(&ok(
        &root,
        &["feature", "new", "--json", "--level", "2", "Export reports"],
    ));
    let dir = std::path::PathBuf::from(created["feature_dir"].as_str().unwrap());
    let spec = std::fs::read_to_string(dir.join("spec.md")).unwrap();
    assert!(
        spec.starts_with(
            "<!-- SPECKIT_LEVEL: 2 -->\n<!-- SPECKIT_TEMPLATE_SOURCE: spec | v1.0 -->"
        )
    );
    for file in [
        "tasks.md",
        "implementation-summary.md",
        "checklist.md",
        "scratch/.gitignore",
        "memory/README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert!(!dir.join("decision-record.md").exists());
    ok(&root, &["plan", "setup"]);
    let plan = std::fs::read_to_string(dir.join("plan.md")).unwrap();
    assert!(plan.starts_with("<!-- SPECKIT_LEVEL: 2 -->"));
    let output = run(&root, &["feature", "new", "--level", "5", "x"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn branch_creation() {
    let (_dir, root) = project(&["--agent", "claude"]);
    let no_git = run(&root, &["feature", "new", "--branch", "No repository here"]);
    assert!(no_git.status.success());
    assert!(String::from_utf8_lossy(&no_git.stderr).contains("not a git repository"));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &root)
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["commit", "-q", "--allow-empty", "-m", "init"]);
    let created = json(&ok(
        &root,
        &[
            "feature",
            "new",
            "--json",
            "--branch",
            "Search the catalogue",
        ],
    ));
    assert_eq!(created["branch_created"], true);
    let head = git(&["rev-parse", "--abbrev-ref", "HEAD"]);
    assert_eq!(
        String::from_utf8_lossy(&head.stdout).trim(),
        created["branch_name"].as_str().unwrap()
    );
}

#[test]
fn templates_resolve_and_list() {
    let (_dir, root) = project(&["--agent", "claude"]);
    std::fs::create_dir_all(root.join(".specify/presets/team")).unwrap();
    std::fs::write(root.join(".specify/presets/team/preset.yml"), "provides:\n  templates:\n    - {type: template, name: spec-template, file: header.md, strategy: prepend}\n").unwrap();
    std::fs::write(
        root.join(".specify/presets/team/header.md"),
        "<!-- team header -->",
    )
    .unwrap();
    let text = ok(&root, &["template", "resolve", "spec-template"]);
    assert!(text.starts_with("<!-- team header -->\n\n# Feature Specification: [FEATURE NAME]"));
    let resolved = json(&ok(
        &root,
        &["template", "resolve", "spec-template", "--json"],
    ));
    assert_eq!(resolved["layers"][0]["strategy"], "prepend");
    assert_eq!(resolved["layers"][1]["origin"], "core");
    let list = ok(&root, &["template", "list"]);
    assert!(
        list.contains("spec-template")
            && list.contains("preset team (prepend) over core (replace)"),
        "{list}"
    );
    let missing = run(&root, &["template", "resolve", "nothing-here"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn agent_context_follows_the_installed_agents() {
    let (_dir, root) = project(&["--agent", "claude", "--agent", "copilot"]);
    ok(&root, &["feature", "new", "Add search"]);
    ok(&root, &["plan", "setup"]);
    let plan = root.join("specs/001-search/plan.md");
    let text = std::fs::read_to_string(&plan).unwrap().replace(
        "**Language/Version**: [e.g., Rust 1.85, TypeScript 5.6, Python 3.12 or NEEDS CLARIFICATION]",
        "**Language/Version**: Go 1.23",
    );
    std::fs::write(&plan, text).unwrap();
    std::fs::write(root.join("CLAUDE.md"), "# My notes\n").unwrap();
    let updated = json(&ok(&root, &["agent-context", "update", "--json"]));
    assert_eq!(
        updated["files"],
        serde_json::json!(["CLAUDE.md", ".github/copilot-instructions.md"])
    );
    let claude = std::fs::read_to_string(root.join("CLAUDE.md")).unwrap();
    assert!(claude.starts_with("# My notes\n\n<!-- SPECKIT START -->"));
    assert!(claude.contains(
        "at specs/001-search/plan.md\n\n- Language/Version: Go 1.23\n<!-- SPECKIT END -->"
    ));
    ok(&root, &["agent-context", "update"]);
    assert_eq!(
        std::fs::read_to_string(root.join("CLAUDE.md")).unwrap(),
        claude,
        "updating twice changes nothing"
    );
}

#[test]
fn unknown_scripts_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["script", "no-such-script"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown script"));
    let listing = ok(dir.path(), &["script", "--help"]);
    assert!(listing.contains("create-new-feature-branch"));
}
