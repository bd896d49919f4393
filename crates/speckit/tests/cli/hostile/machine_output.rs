//! Machine formats stay one valid document whatever happens: a path that does not exist, a
//! broken configuration or an argument speckit does not know is reported inside the document,
//! and whatever could be checked still is.

use serde_json::Value;

use super::{Project, Run};

fn document(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("not one JSON document ({error}): {}", run.both()))
}

fn errors(json: &Value) -> Vec<String> {
    json["errors"]
        .as_array()
        .expect("an errors array")
        .iter()
        .map(|error| error.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_json_checks_what_exists_and_names_what_does_not() {
    let project = Project::new();
    let run = project.run(&["check", "specs", "/nonexistent", "--format", "json"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    let json = document(&run);
    assert!(
        !json["files"].as_array().unwrap().is_empty(),
        "{}",
        run.both()
    );
    assert!(errors(&json)[0].contains("/nonexistent"), "{json}");
}

#[test]
fn check_sarif_records_a_failed_invocation() {
    let project = Project::new();
    let run = project.run(&["check", "specs", "/nonexistent", "--format", "sarif"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    let sarif = document(&run);
    let run0 = &sarif["runs"][0];
    assert!(!run0["results"].as_array().unwrap().is_empty());
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
    let text = run0["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("/nonexistent"), "{sarif}");
}

#[test]
fn analyze_and_status_json_stay_whole() {
    let project = Project::new();
    let run = project.run(&["analyze", "specs", "/nonexistent", "--format", "json"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    let json = document(&run);
    assert!(errors(&json)[0].contains("/nonexistent"), "{json}");
    assert!(json["coverage"].is_array());
    let run = project.run(&["status", "/nonexistent", "--json"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(errors(&document(&run))[0].contains("/nonexistent"));
}

#[test]
fn a_broken_configuration_is_reported_inside_the_document() {
    let project = Project::new();
    project.write(".specify/speckit.toml", b"stage = [unclosed\n");
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "sarif"][..],
        &["analyze", "--format", "json"][..],
        &["status", "--json"][..],
        &["status", "--json", "--feature", super::FEATURE][..],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.both());
        let json = document(&run);
        let text = json.to_string();
        assert!(text.contains("speckit.toml"), "{args:?}: {text}");
    }
}

#[test]
fn an_unknown_argument_is_reported_inside_the_document() {
    let project = Project::new();
    for args in [
        &["check", "--format", "json", "--bogus"][..],
        &["status", "--json", "--bogus"][..],
        &["analyze", "--format=json", "--stage", "ready"][..],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.both());
        let json = document(&run);
        assert!(!errors(&json).is_empty(), "{args:?}: {json}");
    }
    let run = project.run(&["check", "--format", "sarif", "--stage", "nope"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    let sarif = document(&run);
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}
