//! `speckit analyze` as a user runs it: the coverage table and findings, the JSON document,
//! exit codes, and the examples' complete features analysed clean.

use std::fs;

use crate::support::{code, copy_dir, speckit, stdout, workspace};

const COMPLETE: &str = "examples/speckit/specs/003-reading-goals";

#[test]
fn human_output_is_the_coverage_table_then_the_counts() {
    let output = speckit(&workspace(), &["analyze", COMPLETE]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let text = stdout(&output);
    insta::assert_snapshot!("analyze_human", text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.get(2).copied(),
        Some("requirement  tasks      plan sections                status")
    );
    assert!(
        text.contains("13 requirements, 13 covered (100%)"),
        "{text}"
    );
}

#[test]
fn json_output_is_the_check_document_with_coverage_and_metrics() {
    let output = speckit(&workspace(), &["analyze", COMPLETE, "--format", "json"]);
    assert_eq!(code(&output), 0);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    insta::assert_json_snapshot!("analyze_json", json);
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "version", "files", "summary", "features", "coverage", "metrics", "errors"
        ]
    );
    assert_eq!(json["version"], 1);
    let kinds: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["plan", "spec", "tasks"]);
    let row = &json["coverage"][3];
    assert_eq!(row["id"], "FR-001");
    assert_eq!(row["kind"], "functional-requirement");
    assert_eq!(row["status"], "covered");
    assert_eq!(
        row["tasks"],
        serde_json::json!(["T005", "T006", "T007", "T008"])
    );
    assert_eq!(row["plan_sections"], serde_json::json!(["Summary"]));
    assert_eq!(json["metrics"]["requirements"], 13);
    assert_eq!(json["metrics"]["coverage_percent"], 100);
}

#[test]
fn uncovered_requirements_exit_one_and_missing_paths_two() {
    // The complete example with story 3's phase taken out of its task list.
    let dir = tempfile::tempdir().unwrap();
    let feature = dir.path().join("003-reading-goals");
    copy_dir(&workspace().join(COMPLETE), &feature);
    let tasks = fs::read_to_string(feature.join("tasks.md")).unwrap();
    let start = tasks.find("## Phase 5").unwrap();
    let end = tasks.find("## Phase 6").unwrap();
    fs::write(
        feature.join("tasks.md"),
        format!("{}{}", &tasks[..start], &tasks[end..]),
    )
    .unwrap();
    let partial = speckit(dir.path(), &["analyze", "003-reading-goals"]);
    assert_eq!(code(&partial), 1);
    let text = stdout(&partial);
    assert!(
        text.contains(
            "error[SK801]: user story `US3` is cited by no task or plan section, and no task describes it"
        ),
        "{text}"
    );
    // A rule switched off no longer fails the run.
    let ignored = speckit(
        dir.path(),
        &["analyze", "003-reading-goals", "--ignore", "SK801"],
    );
    assert_eq!(code(&ignored), 0, "{}", stdout(&ignored));
    // Requirements no task cites are a note, which fails nothing.
    let notes = speckit(
        &workspace(),
        &["analyze", "examples/speckit/specs/004-goodreads-import"],
    );
    assert_eq!(code(&notes), 0, "{}", stdout(&notes));
    assert!(stdout(&notes).contains("info[SK801]"), "{}", stdout(&notes));
    let missing = speckit(&workspace(), &["analyze", "examples/no-such-feature"]);
    assert_eq!(code(&missing), 2);
}

/// The examples' complete features: `ready` for `speckit check`, and nothing for `speckit
/// analyze` to report.
const COMPLETE_EXAMPLES: &[&str] = &[
    "examples/speckit/specs/003-reading-goals",
    "examples/epic/plans/billing/invoice-service/EPIC-INV-003/features/F-INV-007",
    "examples/ssd/.specify/specs/S-002-stock-intake",
    "examples/gated/specs/012-changelog-sections",
    "examples/leveled/specs/014-incident-banner",
    "examples/classic/.specify/features/spaced-review",
];

#[test]
fn complete_examples_are_ready_and_analyse_clean() {
    for feature in COMPLETE_EXAMPLES {
        let check = speckit(&workspace(), &["check", feature]);
        assert_eq!(code(&check), 0, "{feature}: {}", stdout(&check));
        let analysis = speckit(&workspace(), &["analyze", feature, "--format", "json"]);
        assert_eq!(code(&analysis), 0, "{feature}");
        let json: serde_json::Value = serde_json::from_slice(&analysis.stdout).unwrap();
        assert_eq!(
            json["summary"]["warnings"],
            0,
            "{feature}: {}",
            stdout(&analysis)
        );
        assert_eq!(json["metrics"]["uncovered"], 0, "{feature}");
    }
}
