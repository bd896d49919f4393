use super::*;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".specify/templates")).unwrap();
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn builtin(name: &str) -> &'static str {
    speckit_lint::dialect::templates::template("speckit", name).unwrap()
}

#[test]
fn built_in_templates_kept_byte_for_byte_give_no_schema() {
    let dir = project();
    for name in [
        "plan-template",
        "spec-template",
        "tasks-template",
        "checklist-template",
    ] {
        write(
            dir.path(),
            &format!(".specify/templates/{name}.md"),
            builtin(name),
        );
    }
    let Profile { profile, errors } = profile(dir.path(), read::DEFAULT_LIMIT);
    assert_eq!(errors, Vec::<String>::new());
    assert!(matches!(
        profile.template,
        Some(speckit_lint::dialect::ProjectTemplate::Builtin(_))
    ));
    assert!(profile.spec_schema.is_none());
    assert!(profile.tasks_template.is_none());
    assert!(profile.checklist_template.is_none());
}

#[test]
fn tasks_and_checklist_templates_come_through_the_stack() {
    let dir = project();
    let root = dir.path();
    write(
        root,
        ".specify/templates/tasks-template.md",
        builtin("tasks-template"),
    );
    // A preset composes the core tasks template; an extension provides the checklist one.
    write(
        root,
        ".specify/presets/p/preset.yml",
        "provides:\n  templates:\n    - {type: template, name: tasks-template, file: extra.md, strategy: append}\n",
    );
    write(
        root,
        ".specify/presets/p/extra.md",
        "## Rollout tasks\n\n- [ ] T100 [rollout step]\n",
    );
    write(
        root,
        ".specify/extensions/e/templates/checklist-template.md",
        "# Checklist: [FEATURE]\n\n## Security\n\n- [ ] CHK001 [item]\n",
    );
    let Profile { profile, errors } = profile(root, read::DEFAULT_LIMIT);
    assert_eq!(errors, Vec::<String>::new());
    let tasks = profile.tasks_template.expect("the composed tasks template");
    let checklist = profile
        .checklist_template
        .expect("the extension's checklist template");
    let titles = |schema: &speckit_lint::schema::Schema| -> Vec<String> {
        schema.sections.iter().map(|s| s.title.clone()).collect()
    };
    assert!(
        titles(&tasks).iter().any(|t| t == "Rollout tasks"),
        "{:?}",
        titles(&tasks)
    );
    assert!(
        titles(&checklist).iter().any(|t| t == "Security"),
        "{:?}",
        titles(&checklist)
    );
}

#[test]
fn a_template_layer_over_the_size_limit_is_an_error() {
    let dir = project();
    write(
        dir.path(),
        ".specify/templates/plan-template.md",
        &"# Plan\n".repeat(100),
    );
    let Profile { profile, errors } = profile(dir.path(), 64);
    assert!(profile.template.is_none());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("cannot resolve plan-template: failed to read template layer "),
        "{errors:?}"
    );
}
