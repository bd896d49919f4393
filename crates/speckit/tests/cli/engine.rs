//! One engine: `check`, `tasks`, `analyze` and `status` judge the same loaded feature under the
//! same configuration. Each case takes the complete upstream example (a feature that `check`
//! calls ready), changes one thing, and says what the commands must then report.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{code, copy_dir, diagnostics, speckit, stderr, stdout, workspace};

const FEATURE: &str = "specs/003-reading-goals";

/// An edit of a file of the feature: the first occurrence of a text (`find`; empty to append)
/// replaced, or the file removed (`None` as the replacement).
type Edit<'a> = (&'a str, &'a str, Option<&'a str>);

/// A copy of the upstream example project, with `edits` applied.
fn project(edits: &[Edit<'_>]) -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&workspace().join("examples/speckit"), dir.path());
    for &(file, find, replace) in edits {
        let path = dir.path().join(FEATURE).join(file);
        let Some(replace) = replace else {
            fs::remove_file(&path).unwrap();
            continue;
        };
        let text = fs::read_to_string(&path).unwrap();
        let changed = if find.is_empty() {
            format!("{text}{replace}")
        } else {
            assert!(text.contains(find), "{file} has no `{find}`");
            text.replacen(find, replace, 1)
        };
        fs::write(&path, changed).unwrap();
    }
    dir
}

/// The codes of the findings of `severity` in check's JSON document.
fn codes(json: &Value, severity: &str) -> Vec<String> {
    diagnostics(json)
        .into_iter()
        .filter(|d| d["severity"] == severity)
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

fn check_json(root: &Path) -> (i32, Value) {
    let output = speckit(root, &["check", FEATURE, "--format", "json"]);
    let json = serde_json::from_slice(&output.stdout).expect("check prints JSON");
    (code(&output), json)
}

/// A requirement nobody delivers, a task citing an ID that does not exist, an ID defined
/// twice: each is invisible to a single document's rules.
const CROSS_ARTIFACT: &[(&str, Edit<'static>, &str)] = &[
    (
        "a user story the spec gained that no task delivers",
        (
            "spec.md",
            "### Edge Cases",
            Some(
                "### User Story 4 - Print the goal history (Priority: P3)\n\n\
                 A reader prints the goals of past years.\n\n### Edge Cases",
            ),
        ),
        "SK801",
    ),
    (
        "a task citing a requirement the spec does not define",
        (
            "tasks.md",
            "",
            Some("- [ ] T016 Document the goal limits (FR-042) in docs/goals.md\n"),
        ),
        "SK802",
    ),
    (
        "a requirement ID the spec defines twice",
        (
            "spec.md",
            "- **FR-002**:",
            Some("- **FR-001**: Readers MUST be able to share a goal.\n- **FR-002**:"),
        ),
        "SK803",
    ),
];

#[test]
fn the_complete_example_is_ready_at_tasked() {
    let root = project(&[]);
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 0, "{json:#}");
    assert_eq!(json["features"][0]["stage"], "tasked");
    assert!(codes(&json, "error").is_empty(), "{json:#}");
}

#[test]
fn check_reports_what_ties_the_artifacts_together_once_tasks_exist() {
    for &(case, edit, expected) in CROSS_ARTIFACT {
        let root = project(&[edit]);
        let (exit, json) = check_json(root.path());
        assert_eq!(exit, 1, "{case}: {json:#}");
        assert_eq!(codes(&json, "error"), [expected], "{case}");
        // `analyze` finds the same, being the same engine.
        let output = speckit(root.path(), &["analyze", FEATURE, "--format", "json"]);
        let analysis: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(codes(&analysis, "error"), [expected], "{case}: analyze");
    }
}

#[test]
fn without_tasks_the_same_features_are_judged_at_ready() {
    for &(case, edit, _) in CROSS_ARTIFACT {
        if edit.0 == "tasks.md" {
            continue;
        }
        let root = project(&[edit, ("tasks.md", "", None)]);
        let (exit, json) = check_json(root.path());
        assert_eq!(json["features"][0]["stage"], "ready", "{case}");
        assert_eq!(exit, 0, "{case}: {json:#}");
    }
}

#[test]
fn tasks_honours_the_project_configuration() {
    // T001 carries a story label in Setup (SK703, a warning by default); T016 and T017 run
    // in parallel on one file (SK704, a warning).
    let root = project(&[
        ("tasks.md", "- [ ] T001 Add", Some("- [ ] T001 [US1] Add")),
        (
            "tasks.md",
            "",
            Some(
                "- [ ] T016 [P] Tidy the goal routes in api/src/goals/routes.ts\n\
                 - [ ] T017 [P] Log requests to the goal routes in api/src/goals/routes.ts\n",
            ),
        ),
    ]);
    let defaults = speckit(root.path(), &["tasks", "list", FEATURE]);
    assert_eq!(code(&defaults), 0, "{}", stderr(&defaults));
    assert!(stderr(&defaults).contains("SK703"), "{}", stderr(&defaults));
    assert!(stderr(&defaults).contains("SK704"), "{}", stderr(&defaults));

    fs::write(
        root.path().join(".specify/speckit.toml"),
        "ignore = [\"SK704\"]\n\n[severity]\nSK703 = \"error\"\n",
    )
    .unwrap();
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 1);
    assert_eq!(codes(&json, "error"), ["SK703"]);
    assert!(codes(&json, "warning").is_empty(), "{json:#}");
    for command in [&["tasks", "list", FEATURE][..], &["tasks", "next", FEATURE]] {
        let output = speckit(root.path(), command);
        assert_eq!(code(&output), 1, "{command:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("SK703"), "{}", stderr(&output));
        assert!(!stderr(&output).contains("SK704"), "{}", stderr(&output));
    }
    let listed = speckit(root.path(), &["tasks", "list", FEATURE, "--json"]);
    let listed: Value = serde_json::from_str(&stdout(&listed)).unwrap();
    let found: Vec<&str> = listed["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["SK703"]);
    assert_eq!(listed["diagnostics"][0]["severity"], "error");
}

#[test]
fn the_configuration_applies_to_the_file_rules_too() {
    // A research.md that is binary is SK003, an error; a project may lower it like any rule.
    let root = project(&[("research.md", "", Some("\u{0}binary"))]);
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 1);
    assert_eq!(codes(&json, "error"), ["SK003"]);
    fs::write(
        root.path().join(".specify/speckit.toml"),
        "[severity]\nSK003 = \"warning\"\n",
    )
    .unwrap();
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 0, "{json:#}");
    assert_eq!(codes(&json, "warning"), ["SK003"]);
}

#[test]
fn inline_suppressions_reach_the_cross_artifact_rules() {
    let requirement = "- **FR-099**: Readers MUST be able to print their goal history.\n";
    let suppressed = format!(
        "<!-- speckit-disable-next-line SK801 -- printing is out of scope for now -->\n\
         {requirement}- **FR-002**:"
    );
    let root = project(&[("spec.md", "- **FR-002**:", Some(&suppressed))]);
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 0, "{json:#}");
    assert!(codes(&json, "warning").is_empty(), "{json:#}");

    // Without tasks.md the rule does not run: the suppression is judged by nothing, and a
    // check at `ready` says nothing of it either.
    let root = project(&[
        ("spec.md", "- **FR-002**:", Some(&suppressed)),
        ("tasks.md", "", None),
    ]);
    let (exit, json) = check_json(root.path());
    assert_eq!(exit, 0, "{json:#}");
    assert!(codes(&json, "warning").is_empty(), "{json:#}");
}
