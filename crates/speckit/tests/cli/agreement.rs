//! The commands that judge a feature agree about it: over every example feature and every
//! feature of the real-world corpus, `check`, `analyze`, `tasks list` and `status` give the
//! same findings, the same verdict and the same task counts, because they read one loaded
//! feature under one configuration.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{speckit, workspace};

/// The folders holding a feature's artifacts under `dir`, relative to the workspace.
fn feature_folders(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let is_feature = ["spec.md", "plan.md", "impl-plan.md", "tasks.md"]
        .iter()
        .any(|name| dir.join(name).is_file());
    if is_feature {
        found.push(dir.strip_prefix(workspace()).unwrap().to_path_buf());
    }
    for entry in entries {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        let inside = matches!(
            name.as_str(),
            "checklists" | "contracts" | "templates" | "memory"
        );
        if entry.is_dir() && !inside {
            feature_folders(&entry, found);
        }
    }
}

/// A finding as every JSON document prints it.
type Finding = (String, String, String, u64, u64, String);

fn run_json(args: &[&str]) -> Value {
    let output = speckit(&workspace(), args);
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{args:?} prints no JSON ({e}): {output:?}"))
}

fn finding(path: &str, d: &Value) -> Finding {
    (
        path.to_owned(),
        d["code"].as_str().unwrap().to_owned(),
        d["severity"].as_str().unwrap().to_owned(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_owned(),
    )
}

/// Every finding of a check or analysis document, by file.
fn findings(json: &Value) -> BTreeSet<Finding> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| {
            let path = file["path"].as_str().unwrap();
            file["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| finding(path, d))
        })
        .collect()
}

/// The stage each rule guards, from the registry as `speckit rules` prints it.
fn rule_stages() -> HashMap<String, String> {
    run_json(&["rules", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| {
            (
                rule["code"].as_str().unwrap().to_owned(),
                rule["stage"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const CROSS_ARTIFACT: [&str; 3] = ["SK801", "SK802", "SK803"];

#[test]
fn check_analyze_tasks_and_status_agree_on_every_feature() {
    let mut folders = Vec::new();
    feature_folders(&workspace().join("examples"), &mut folders);
    let examples = folders.len();
    feature_folders(&workspace().join("corpus/features"), &mut folders);
    assert!(
        examples >= 12 && folders.len() >= examples + 70,
        "{folders:?}"
    );
    let stages = rule_stages();
    let mut compared = [0usize; 3];
    for folder in &folders {
        let dir = folder.to_string_lossy().replace('\\', "/");
        let check = run_json(&["check", &dir, "--format", "json"]);
        let Some(feature) = check["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == dir.as_str())
        else {
            continue;
        };
        let checked = findings(&check);
        let in_folder = |f: &&Finding| Path::new(&f.0).parent() == Some(folder.as_path());

        // The cross-artifact rules: once the check judges the feature at `tasked`, it reports
        // exactly what `analyze` reports.
        if feature["stage"] == "tasked" {
            let analysis = findings(&run_json(&["analyze", &dir, "--format", "json"]));
            let cross = |set: &BTreeSet<Finding>| -> BTreeSet<Finding> {
                set.iter()
                    .filter(|f| CROSS_ARTIFACT.contains(&f.1.as_str()))
                    .cloned()
                    .collect()
            };
            assert_eq!(
                cross(&checked),
                cross(&analysis),
                "{dir}: check and analyze"
            );
            compared[0] += 1;
        }

        // The verdict: `status` gives the check's.
        let status = run_json(&["status", "--feature", &dir, "--json"]);
        assert_eq!(
            status["feature"]["verdict"], feature["verdict"],
            "{dir}: status and check"
        );
        compared[1] += 1;

        // The task list: `tasks list` prints the check's findings in tasks.md that stand
        // before `tasked`, and counts the tasks `status` counts.
        let tasks_file = folder.join("tasks.md");
        if !workspace().join(&tasks_file).is_file() {
            continue;
        }
        let tasks_path = tasks_file.to_string_lossy().replace('\\', "/");
        let listed = run_json(&["tasks", "list", &dir, "--json"]);
        let from_tasks: BTreeSet<Finding> = listed["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| finding(&tasks_path, d))
            .collect();
        let from_check: BTreeSet<Finding> = checked
            .iter()
            .filter(in_folder)
            .filter(|f| f.0 == tasks_path)
            .filter(|f| matches!(stages[&f.1].as_str(), "tasked" | "done"))
            .cloned()
            .collect();
        assert_eq!(from_tasks, from_check, "{dir}: tasks and check");
        assert_eq!(
            listed["summary"]["total"], status["feature"]["tasks"]["total"],
            "{dir}: tasks and status count tasks alike"
        );
        compared[2] += 1;
    }
    // Each comparison ran on a good share of the features.
    assert!(compared.iter().all(|&n| n >= 10), "{compared:?}");
}
