//! `speckit check` judges plans against the templates the project's layer stack resolves, the
//! ones `speckit template resolve` prints and `speckit plan setup` copies: a preset's template,
//! replacing the core one or composed with it, is the schema of the plans written from it.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::support::{code, fixtures, speckit, stderr, stdout, workspace};

const FEATURE: &str = "specs/001-reading-list";

/// A project (`.specify/`) holding the ready feature of `fixtures/project/`.
fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let feature = dir.path().join(FEATURE);
    fs::create_dir_all(feature.join("contracts")).unwrap();
    let source = fixtures().join("project").join(FEATURE);
    for name in [
        "spec.md",
        "plan.md",
        "research.md",
        "data-model.md",
        "quickstart.md",
        "contracts/books-api.md",
    ] {
        fs::copy(source.join(name), feature.join(name)).unwrap();
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// `speckit check --format concise` in `root`: its exit status and findings.
fn check(root: &Path) -> (i32, String) {
    let output = speckit(root, &["check", "--format", "concise"]);
    assert_eq!(stderr(&output), "");
    (code(&output), stdout(&output))
}

/// A preset's plan template, with sections of its own.
const DELIVERY_TEMPLATE: &str = "\
# Delivery Plan: [FEATURE]

**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]

## Summary

[What the feature delivers and the approach chosen]

## Technical Context

**Language/Version**: [e.g., Rust 1.85]

**Storage**: [e.g., SQLite or N/A]

## Rollout

[How the change reaches users: flags, stages, who is told]

## Observability

[The metrics and alerts that show it works]

## Rollback

[How the change is undone, and who decides]
";

/// A plan written from [`DELIVERY_TEMPLATE`] and filled in.
const DELIVERY_PLAN: &str = "\
# Delivery Plan: Reading List

**Branch**: `001-reading-list` | **Date**: 2025-03-16 | **Spec**: [spec.md](spec.md)

## Summary

Readers keep a list of books to read, stored in SQLite by a small HTTP service; see
[research.md](research.md) for the storage decision.

## Technical Context

**Language/Version**: Rust 1.85

**Storage**: SQLite 3.45, one file per installation

## Rollout

Behind the `reading-list` flag, first for staff, then for every reader a week later.

## Observability

A counter of saved books and an alert when saving fails for more than 1% of requests.

## Rollback

Turning the flag off hides the list; the on-call engineer decides.
";

fn install_delivery_preset(root: &Path) {
    write(
        root,
        ".specify/presets/delivery/preset.yml",
        "id: delivery\nprovides:\n  templates:\n    - type: template\n      name: plan-template\n      \
         file: templates/plan-template.md\n      strategy: replace\n",
    );
    write(
        root,
        ".specify/presets/delivery/templates/plan-template.md",
        DELIVERY_TEMPLATE,
    );
}

#[test]
fn a_preset_plan_template_is_the_schema_of_plans() {
    let project = project();
    let root = project.path();
    install_delivery_preset(root);
    let resolved = speckit(root, &["template", "resolve", "plan-template"]);
    assert_eq!(stdout(&resolved), DELIVERY_TEMPLATE);

    // The plan written from the core template lacks the preset's sections.
    let (status, findings) = check(root);
    assert_eq!(status, 1, "{findings}");
    assert!(
        findings.contains(&format!("{FEATURE}/plan.md:1:1: SK101")),
        "{findings}"
    );
    for section in ["Rollout", "Observability", "Rollback"] {
        assert!(findings.contains(section), "{section}: {findings}");
    }

    // A plan written from the preset's template, filled in, is ready.
    write(root, &format!("{FEATURE}/plan.md"), DELIVERY_PLAN);
    let (status, findings) = check(root);
    assert_eq!((status, findings.as_str()), (0, ""));

    // Without the preset, the same plan is judged against the core template and found short.
    fs::remove_dir_all(root.join(".specify/presets")).unwrap();
    let (status, findings) = check(root);
    assert_eq!(status, 1, "{findings}");
    assert!(
        findings.contains("SK101")
            && findings.contains("sections the speckit template requires are missing"),
        "{findings}"
    );
}

#[test]
fn a_composed_plan_template_is_the_schema_of_plans() {
    let project = project();
    let root = project.path();
    let core = fs::read_to_string(
        workspace().join("crates/speckit-lint/templates/speckit/plan-template.md"),
    )
    .unwrap();
    write(root, ".specify/templates/plan-template.md", &core);
    let (status, findings) = check(root);
    assert_eq!(
        (status, findings.as_str()),
        (0, ""),
        "ready against the core"
    );

    // A preset appends a section to the core template.
    write(
        root,
        ".specify/presets/rollout/preset.yml",
        "id: rollout\nprovides:\n  templates:\n    - type: template\n      name: plan-template\n      \
         file: rollout.md\n      strategy: append\n",
    );
    let layer = "## Rollout\n\n[How the change reaches users: flags, stages, who is told]\n";
    write(root, ".specify/presets/rollout/rollout.md", layer);
    let resolved = speckit(root, &["template", "resolve", "plan-template"]);
    assert_eq!(stdout(&resolved), format!("{core}\n\n{layer}"));

    let (status, findings) = check(root);
    assert_eq!(status, 1, "{findings}");
    assert!(
        findings.contains("SK101 missing section `## Rollout`"),
        "{findings}"
    );

    let plan = root.join(FEATURE).join("plan.md");
    let mut text = fs::read_to_string(&plan).unwrap();
    text.push_str("\n## Rollout\n\nBehind the `reading-list` flag, first for staff.\n");
    fs::write(&plan, text).unwrap();
    let (status, findings) = check(root);
    assert_eq!((status, findings.as_str()), (0, ""));
}

#[test]
fn a_template_that_cannot_be_resolved_is_an_error_and_the_rest_is_checked() {
    let project = project();
    let root = project.path();
    write(
        root,
        ".specify/presets/broken/preset.yml",
        "provides: [not, a, mapping]\n",
    );
    let output = speckit(root, &["check"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    // Every template meets the same manifest: it is reported once.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("speckit: error: cannot resolve plan-template: invalid preset manifest ")
            && err
                .trim_end()
                .ends_with(".specify/presets/broken/preset.yml"),
        "{err}"
    );
    assert!(
        stdout(&output).contains("Checked 1 feature"),
        "{}",
        stdout(&output)
    );
}
