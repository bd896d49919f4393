//! `speckit status` as a user runs it: the stage of features at every point of their life
//! (`fixtures/status/`: done, tasked, researched, specified, not yet specified, and a spec
//! alone that is clarified; the epic tree of `fixtures/gate/`), the table, JSON and detail
//! outputs (snapshots, and docs/schemas/status.schema.json), the verdicts `speckit check`
//! agrees with, and exit codes.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{
    assert_matches_schema, code, fixtures, schema_errors, speckit, stderr, stdout, workspace,
};

const SCHEMA: &str = "status.schema.json";

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
         - status/specs/005-book-import\n\
         clarified status/specs/006-book-search\n"
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
    let json: Value = serde_json::from_str(&out).expect("valid JSON");
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
                "checked_at",
                "clarifications",
                "tasks",
                "missing"
            ]
        );
    }
    assert_eq!(json["summary"]["features"], 6);
    assert_matches_schema(SCHEMA, &json);
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
    let json: Value = serde_json::from_str(&out).expect("valid JSON");
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
    assert_matches_schema(SCHEMA, &json);
    insta::assert_json_snapshot!("status_feature_json", json);
}

/// `status --json` of PATH, run in `dir`, as JSON.
fn status_json(dir: &Path, args: &[&str]) -> Value {
    let output = speckit(dir, &[&["status", "--json"], args].concat());
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn every_json_document_matches_the_schema() {
    let fixtures = fixtures();
    assert_matches_schema(SCHEMA, &status_json(&fixtures, &["status"]));
    assert_matches_schema(SCHEMA, &status_json(&fixtures, &["gate"]));
    assert_matches_schema(SCHEMA, &status_json(&workspace(), &["examples"]));
    for entry in fs::read_dir(fixtures.join("status/specs")).unwrap() {
        let dir = entry.unwrap().path();
        let detail = status_json(&fixtures, &["--feature", dir.to_str().unwrap()]);
        assert!(detail["feature"].is_object(), "{detail}");
        assert_matches_schema(SCHEMA, &detail);
    }
    // The documents printed on errors: a configuration that cannot be loaded, a folder that is
    // no feature, a path that does not exist.
    let broken = status_json(&fixtures, &["--config", "no-such.toml"]);
    assert_eq!(broken["errors"].as_array().unwrap().len(), 1, "{broken}");
    assert_matches_schema(SCHEMA, &broken);
    let no_feature = status_json(&fixtures, &["--feature", "gate/harness"]);
    assert_eq!(no_feature["feature"], Value::Null);
    assert_matches_schema(SCHEMA, &no_feature);
    let missing = status_json(&fixtures, &["no-such-dir"]);
    assert_eq!(missing["errors"].as_array().unwrap().len(), 1, "{missing}");
    assert_matches_schema(SCHEMA, &missing);
}

#[test]
fn the_schema_closes_every_object() {
    let fixtures = fixtures();
    let list = status_json(&fixtures, &["status"]);
    let detail = status_json(&fixtures, &["--feature", "status/specs/004-book-export"]);
    let with_extra = |document: &Value, pointer: &str| {
        let mut document = document.clone();
        let object = document
            .pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        object.insert("unknown".to_owned(), json!(1));
        document
    };
    for (document, pointer) in [
        (&list, ""),
        (&list, "/features/0"),
        (&list, "/features/0/tasks"),
        (&list, "/summary"),
        (&list, "/summary/stages"),
        (&list, "/summary/verdicts"),
        (&detail, ""),
        (&detail, "/feature"),
        (&detail, "/feature/conditions/2"),
        (&detail, "/feature/conditions/2/findings/0"),
    ] {
        assert!(
            !schema_errors(SCHEMA, &with_extra(document, pointer)).is_empty(),
            "an unknown member at `{pointer}` is accepted"
        );
    }
    // The list's features do not carry the detail's conditions.
    let mut list = list;
    list["features"][0]["conditions"] = json!([]);
    assert!(!schema_errors(SCHEMA, &list).is_empty());
}

/// Each feature's path and `[stage checked at, verdict]`.
type Verdicts = Vec<(String, Value)>;

/// The features' verdicts as `speckit check --format json PATH` gives them, and as
/// `speckit status --json PATH` does.
fn verdicts(dir: &Path, path: &str) -> (Verdicts, Verdicts) {
    let check = speckit(dir, &["check", "--format", "json", path]);
    let check: Value = serde_json::from_slice(&check.stdout).expect("valid JSON");
    let from_check = check["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                json!([f["stage"], f["verdict"]]),
            )
        })
        .collect();
    let status = status_json(dir, &[path]);
    let from_status = status["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let judged = json!([f["checked_at"], f["verdict"]]);
            (f["path"].as_str().unwrap().to_owned(), judged)
        })
        .collect();
    (from_check, from_status)
}

#[test]
fn status_gives_every_feature_the_verdict_check_gives_it() {
    let (from_check, from_status) = verdicts(&fixtures(), "status");
    assert_eq!(from_status, from_check);
    // A spec alone is judged at `clarified`, where this one is ready, by both commands.
    assert!(
        from_status.contains(&(
            "status/specs/006-book-search".to_owned(),
            json!(["clarified", "ready"])
        )),
        "{from_status:?}"
    );
    let (from_check, from_status) = verdicts(&workspace(), "examples");
    assert_eq!(from_status, from_check);
}

#[test]
fn a_configured_stage_applies_to_status_and_check_alike() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".specify")).unwrap();
    fs::write(
        dir.path().join(".specify/speckit.toml"),
        "stage = \"ready\"\n",
    )
    .unwrap();
    let feature = dir.path().join("specs/006-book-search");
    fs::create_dir_all(&feature).unwrap();
    fs::copy(
        fixtures().join("status/specs/006-book-search/spec.md"),
        feature.join("spec.md"),
    )
    .unwrap();
    let (from_check, from_status) = verdicts(dir.path(), "specs");
    assert_eq!(
        from_status,
        [(
            "specs/006-book-search".to_owned(),
            json!(["ready", "incomplete"])
        )]
    );
    assert_eq!(from_status, from_check);
    // What the feature has reached does not depend on the stage it is checked at.
    let reached = speckit(dir.path(), &["status", "--stage-only", "specs"]);
    assert_eq!(stdout(&reached), "clarified specs/006-book-search\n");
}

#[test]
fn help_names_the_stage_reached_and_the_stage_checked_at() {
    let output = speckit(&fixtures(), &["status", "--help"]);
    assert_eq!(code(&output), 0);
    let help = stdout(&output)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("REACHED is the highest stage"), "{help}");
    assert!(help.contains("`checked_at`"), "{help}");
    assert!(!help.contains("--stage ready`'s verdict"), "{help}");
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
