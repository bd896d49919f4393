//! `speckit tasks list`, `speckit check` and `speckit analyze` read story IDs with one grammar:
//! on the features of `fixtures/ids/`, the stories a task list is labelled with are the stories
//! it counts progress for, the check calls a label unknown exactly when the analysis calls the
//! story undefined, and every known story is covered by the tasks labelled with it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::{diagnostics, fixtures, speckit};

/// What each command says about one feature's stories.
#[derive(Debug, Default)]
struct Views {
    /// `tasks list --json`: each story a task is labelled with, and its tasks.
    labelled: BTreeMap<String, BTreeSet<String>>,
    /// `tasks list --json`: the stories progress is counted for.
    progress: BTreeSet<String>,
    /// `check`: the stories SK703 says the spec does not have.
    unknown_to_check: BTreeSet<String>,
    /// `analyze`: the stories SK802 says the spec does not define.
    undefined_to_analyze: BTreeSet<String>,
    /// `analyze`: the coverage table's stories, and their tasks.
    covered: BTreeMap<String, BTreeSet<String>>,
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let output = speckit(dir, args);
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap().to_owned())
        .collect()
}

/// The findings of `rule` in a JSON document of `check` or `analyze`.
fn messages(document: &serde_json::Value, rule: &str) -> Vec<String> {
    diagnostics(document)
        .into_iter()
        .filter(|diagnostic| diagnostic["code"] == rule)
        .map(|diagnostic| diagnostic["message"].as_str().unwrap().to_owned())
        .collect()
}

/// The text between `open` and `close` in `message`.
fn between<'m>(message: &'m str, open: &str, close: &str) -> &'m str {
    let start = message.find(open).unwrap() + open.len();
    let length = message[start..].find(close).unwrap();
    &message[start..start + length]
}

fn views(feature: &str) -> Views {
    let root = fixtures().join("ids");
    let path = format!("specs/{feature}");
    let mut views = Views::default();
    let tasks = json(&root, &["tasks", "list", &path, "--json"]);
    for task in tasks["tasks"].as_array().unwrap() {
        for story in strings(&task["stories"]) {
            let id = task["id"].as_str().unwrap().to_owned();
            views.labelled.entry(story).or_default().insert(id);
        }
    }
    for entry in tasks["stories"].as_array().unwrap() {
        views
            .progress
            .insert(entry["story"].as_str().unwrap().to_owned());
    }
    let check = json(&root, &["check", &path, "--format", "json"]);
    for message in messages(&check, "SK703") {
        // "task T003 is labelled US1a, but the spec has no user story 1a"
        if message.contains("the spec has no user story") {
            let story = between(&message, "is labelled ", ",");
            views.unknown_to_check.insert(story.to_owned());
        }
    }
    let analysis = json(&root, &["analyze", &path, "--format", "json"]);
    for message in messages(&analysis, "SK802") {
        // "`US1a` is referenced here but the spec defines no such ID"
        views
            .undefined_to_analyze
            .insert(between(&message, "`", "`").to_owned());
    }
    for row in analysis["coverage"].as_array().unwrap() {
        if row["kind"] == "user-story" {
            let tasks = strings(&row["tasks"]).into_iter().collect();
            views
                .covered
                .insert(row["id"].as_str().unwrap().to_owned(), tasks);
        }
    }
    views
}

/// The story a label resolves to in the coverage table: itself, or the story it is a part of
/// (`US1.1` of `US1`).
fn covering_row<'v>(views: &'v Views, story: &str) -> Option<&'v BTreeSet<String>> {
    let mut candidate = story;
    loop {
        if let Some(tasks) = views.covered.get(candidate) {
            return Some(tasks);
        }
        candidate = candidate.rsplit_once('.')?.0;
    }
}

/// The three commands agree on `feature`, whose task labels name `labelled`, of which the spec
/// lacks `unknown`.
fn agree(feature: &str, labelled: &[&str], unknown: &[&str]) {
    let views = views(feature);
    let names = |set: &[&str]| set.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>();
    let labelled_now: BTreeSet<String> = views.labelled.keys().cloned().collect();
    assert_eq!(labelled_now, names(labelled), "{feature}: {views:?}");
    assert_eq!(views.progress, labelled_now, "{feature}: {views:?}");
    assert_eq!(
        views.unknown_to_check,
        names(unknown),
        "{feature}: {views:?}"
    );
    assert_eq!(
        views.undefined_to_analyze, views.unknown_to_check,
        "{feature}: check and analyze disagree on the spec's stories: {views:?}"
    );
    for (story, tasks) in &views.labelled {
        if views.unknown_to_check.contains(story) {
            continue;
        }
        let row = covering_row(&views, story)
            .unwrap_or_else(|| panic!("{feature}: {story} is known but not covered: {views:?}"));
        assert!(
            tasks.is_subset(row),
            "{feature}: the tasks labelled {story} do not cover it: {views:?}"
        );
    }
}

#[test]
fn a_lettered_story_is_a_story_of_its_own() {
    agree("001-lettered-story", &["US1", "US1.1", "US1a"], &[]);
    let views = views("001-lettered-story");
    let row = |story: &str| views.covered[story].iter().cloned().collect::<Vec<_>>();
    // US1.1 is a part of US1; US1a is not, and counts for itself only.
    assert_eq!(row("US1"), ["T002", "T003"]);
    assert_eq!(row("US1a"), ["T004", "T005"]);
}

#[test]
fn a_lettered_story_the_spec_lacks_is_unknown_to_every_command() {
    agree("002-lettered-story-undefined", &["US1", "US1a"], &["US1a"]);
}

#[test]
fn stories_headed_in_other_languages_are_the_spec_s_stories() {
    for feature in [
        "003-historia-de-usuario",
        "004-benutzergeschichte",
        "005-user-story-ja",
    ] {
        agree(feature, &["US1", "US2"], &[]);
        let views = views(feature);
        let covered: Vec<&String> = views.covered.keys().collect();
        assert_eq!(covered, ["US1", "US2"], "{feature}: {views:?}");
    }
}
