//! `speckit status` as a user runs it: the stage of features at every point of their life
//! (`fixtures/status/`: done, tasked, researched, specified and not yet specified; the epic
//! tree of `fixtures/gate/`), the table, JSON and detail outputs (snapshots) and exit codes.

use crate::support::{code, fixtures, speckit, stderr, stdout};

/// Runs `speckit status ARGS`, which must succeed quietly.
fn status(args: &[&str]) -> String {
    let output = speckit(&fixtures(), &[&["status"], args].concat());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

#[test]
fn every_stage_is_recognised() {
    let out = status(&["status", "--stage-only"]);
    assert_eq!(
        out,
        "done status/specs/001-saved-books\n\
         tasked status/specs/002-book-notes\n\
         researched status/specs/003-book-ratings\n\
         specified status/specs/004-book-export\n\
         - status/specs/005-book-import\n"
    );
}

#[test]
fn epic_trees_are_features_too() {
    let out = status(&["gate", "--stage-only"]);
    let features = "gate/plans/billing/invoice-service/EPIC-INV-003/features";
    assert_eq!(
        out,
        format!(
            "ready {features}/F-INV-007\n\
             researched {features}/F-INV-008\n\
             specified {features}/F-INV-009\n"
        )
    );
}

#[test]
fn human_output_is_a_table_and_a_summary() {
    let out = status(&["status"]);
    insta::assert_snapshot!("status_human", out);
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = status(&["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    for feature in json["features"].as_array().unwrap() {
        let keys: Vec<&str> = feature
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "path",
                "dialect",
                "stage",
                "next_stage",
                "verdict",
                "clarifications",
                "tasks",
                "missing"
            ]
        );
    }
    assert_eq!(json["summary"]["features"], 5);
    insta::assert_json_snapshot!("status_json", json);
}

#[test]
fn one_feature_in_detail_says_what_its_next_stage_misses() {
    let out = status(&["--feature", "status/specs/003-book-ratings"]);
    assert!(out.contains(
        "  next stage:     designed, missing: data-model.md exists, with no open question; \
         quickstart.md exists, with no open question\n"
    ));
    insta::assert_snapshot!("status_feature_human", out);
}

#[test]
fn one_feature_in_json_lists_every_condition_with_its_findings() {
    let out = status(&["--feature", "status/specs/004-book-export", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let feature = &json["feature"];
    assert_eq!(feature["stage"], "specified");
    assert_eq!(feature["missing"], serde_json::json!(["spec-clarified"]));
    let conditions = feature["conditions"].as_array().unwrap();
    assert_eq!(conditions.len(), 14);
    let clarified = conditions
        .iter()
        .find(|c| c["name"] == "spec-clarified")
        .unwrap();
    assert_eq!(clarified["holds"], false);
    assert_eq!(clarified["findings"][0]["code"], "SK201");
    assert_eq!(clarified["findings"][0]["line"], 28);
    insta::assert_json_snapshot!("status_feature_json", json);
}

#[test]
fn stage_only_for_one_feature_is_the_stage_alone() {
    assert_eq!(
        status(&["--feature", "status/specs/001-saved-books", "--stage-only"]),
        "done\n"
    );
    // A file names its feature folder.
    assert_eq!(
        status(&[
            "--feature",
            "status/specs/002-book-notes/tasks.md",
            "--stage-only"
        ]),
        "tasked\n"
    );
}

#[test]
fn a_folder_that_is_no_feature_is_an_error() {
    let output = speckit(&fixtures(), &["status", "--feature", "gate/docs-nowhere"]);
    assert_eq!(code(&output), 2);
    let output = speckit(&fixtures(), &["status", "--feature", "gate/harness"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("is not a feature folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_and_stage_only_do_not_mix() {
    let output = speckit(&fixtures(), &["status", "--json", "--stage-only"]);
    assert_eq!(code(&output), 2);
}
