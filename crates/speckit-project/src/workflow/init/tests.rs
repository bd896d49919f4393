use super::*;

fn options(root: &Path, agents: &[&str], dialect: &str) -> InitOptions {
    InitOptions {
        root: root.to_path_buf(),
        agents: agents.iter().map(|a| agent(a).unwrap()).collect(),
        dialect: dialect.to_owned(),
        force: false,
        here: false,
    }
}

#[test]
fn command_tokens_follow_the_separator() {
    assert_eq!(
        render_command_tokens("run __SPECKIT_COMMAND_PLAN__ now", '-'),
        "run /speckit-plan now"
    );
    assert_eq!(
        render_command_tokens("__SPECKIT_COMMAND_TASKS__.", '.'),
        "/speckit.tasks."
    );
    assert_eq!(
        render_command_tokens("__SPECKIT_COMMAND_lower__", '.'),
        "__SPECKIT_COMMAND_lower__"
    );
}

#[test]
fn agents_by_name_and_alias() {
    assert_eq!(agent("cursor").unwrap().key, "cursor-agent");
    assert_eq!(agent("Claude").unwrap().separator(), '-');
    assert_eq!(agent("gemini").unwrap().separator(), '.');
    assert!(agent("nobody").is_none());
}

#[test]
fn every_agent_gets_every_command() {
    for agent in AGENTS {
        let files = agent_files(agent);
        for (name, _, _) in COMMANDS {
            assert!(
                files.iter().any(|(p, _)| p.contains(name)),
                "{} lacks {name}",
                agent.key
            );
        }
        for (_, text) in &files {
            assert!(
                !text.contains("{{cmd:"),
                "unrendered command in {}",
                agent.key
            );
            assert!(
                !text.contains("{{ARGS}}"),
                "unrendered arguments in {}",
                agent.key
            );
        }
    }
    let plan = agent_files(agent("claude").unwrap())
        .into_iter()
        .find(|(p, _)| p == ".claude/skills/speckit-plan/SKILL.md")
        .unwrap()
        .1;
    assert!(plan.contains("speckit check --stage ready"));
    assert!(plan.contains("/speckit-tasks"));
    let gemini = agent_files(agent("gemini").unwrap());
    let toml = &gemini
        .iter()
        .find(|(p, _)| p.ends_with("speckit.plan.toml"))
        .unwrap()
        .1;
    assert!(toml.contains("{{args}}") && toml.starts_with("description = \""));
}

#[test]
fn init_writes_once_and_keeps_user_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    let first = init_project(&options(&root, &["claude", "gemini"], "speckit")).unwrap();
    assert!(first.iter().all(|(_, a)| *a == FileAction::Created));
    let integration = std::fs::read_to_string(root.join(".specify/integration.json")).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&integration).unwrap();
    assert_eq!(parsed["default_integration"], "claude");
    assert_eq!(
        parsed["integration_settings"]["gemini"]["invoke_separator"],
        "."
    );
    assert_eq!(
        parsed["installed_integrations"].as_array().unwrap().len(),
        2
    );
    let plan = std::fs::read_to_string(root.join(".specify/templates/plan-template.md")).unwrap();
    assert!(plan.contains("/speckit-plan") && !plan.contains("__SPECKIT_COMMAND_"));
    std::fs::write(root.join(".specify/memory/constitution.md"), "mine").unwrap();
    let second = init_project(&options(&root, &["claude", "gemini"], "speckit")).unwrap();
    assert!(second.iter().all(|(_, a)| *a == FileAction::Kept));
    assert_eq!(
        std::fs::read_to_string(root.join(".specify/memory/constitution.md")).unwrap(),
        "mine"
    );
    let mut forced = options(&root, &["claude"], "speckit");
    forced.force = true;
    init_project(&forced).unwrap();
    assert_ne!(
        std::fs::read_to_string(root.join(".specify/memory/constitution.md")).unwrap(),
        "mine"
    );
}

#[test]
fn dialects_choose_the_plan_template() {
    let dir = tempfile::tempdir().unwrap();
    init_project(&options(dir.path(), &["generic"], "epic")).unwrap();
    let plan =
        std::fs::read_to_string(dir.path().join(".specify/templates/plan-template.md")).unwrap();
    assert_eq!(
        plan,
        speckit_lint::dialect::templates::template("epic", "plan-template").unwrap()
    );
    assert!(
        dir.path()
            .join(".specify/templates/spec-template.md")
            .is_file()
    );
    assert!(dir.path().join("AGENTS.md").is_file());
    let bad = options(dir.path(), &["generic"], "nope");
    assert!(matches!(
        init_project(&bad),
        Err(InitError::UnknownDialect(_))
    ));
}
