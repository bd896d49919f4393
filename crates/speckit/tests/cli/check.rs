//! `speckit check`, `rules` and `explain` as a user runs them: output formats (snapshots),
//! exit codes, configuration, and hostile input.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::{code, fixtures, speckit, stderr, stdout};
use tempfile::TempDir;

fn check_fixture(format: &str) -> Output {
    speckit(&fixtures(), &["check", "project", "--format", format])
}

#[test]
fn human_output() {
    let output = check_fixture("human");
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!("check_human", stdout(&output));
}

#[test]
fn concise_output() {
    let output = check_fixture("concise");
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!("check_concise", stdout(&output));
}

#[test]
fn github_output() {
    let output = check_fixture("github");
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!("check_github", stdout(&output));
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = check_fixture("json");
    assert_eq!(code(&output), 1);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    insta::assert_json_snapshot!("check_json", json);

    assert_eq!(json["version"], 1);
    let files = json["files"].as_array().expect("files");
    for file in files {
        let keys: Vec<&str> = file
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["path", "kind", "dialect", "verdict", "diagnostics"]);
        for diagnostic in file["diagnostics"].as_array().unwrap() {
            let keys: Vec<&str> = diagnostic
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                keys,
                [
                    "code",
                    "name",
                    "severity",
                    "message",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "help"
                ]
            );
        }
    }
    let summary = json["summary"].as_object().unwrap();
    let keys: Vec<&str> = summary.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "files",
            "ready",
            "incomplete",
            "blocked",
            "invalid",
            "errors",
            "warnings"
        ]
    );
    let by_verdict: u64 = ["ready", "incomplete", "blocked", "invalid"]
        .iter()
        .map(|k| summary[*k].as_u64().unwrap())
        .sum();
    assert_eq!(by_verdict, summary["files"].as_u64().unwrap());
    assert_eq!(summary["files"].as_u64().unwrap(), files.len() as u64);
}

/// The SARIF 2.1.0 schema, as the `serde-sarif` crate (a dev-dependency) carries it.
fn sarif_schema() -> serde_json::Value {
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value =
        serde_json::from_slice(&metadata.stdout).expect("metadata JSON");
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|package| package["name"] == "serde-sarif")
        .and_then(|package| package["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    let schema = Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    serde_json::from_str(&fs::read_to_string(schema).expect("schema file")).expect("schema JSON")
}

#[test]
fn sarif_output_validates_against_the_2_1_0_schema() {
    let output = check_fixture("sarif");
    assert_eq!(code(&output), 1);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let schema = sarif_schema();
    assert!(schema["title"].as_str().unwrap().contains("2.1.0"));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );

    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(
        rules.len(),
        speckit_lint::RULES.len(),
        "rule metadata comes from the registry"
    );
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    insta::assert_json_snapshot!("check_sarif_results", results);
}

#[test]
fn a_ready_feature_exits_zero() {
    let output = speckit(&fixtures(), &["check", "project/specs/001-reading-list"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("1 ready"));
}

#[test]
fn usage_and_missing_paths_exit_two() {
    let missing = speckit(&fixtures(), &["check", "no-such-dir"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("no-such-dir: no such file or directory"),
        "{}",
        stderr(&missing)
    );

    let bad_rule = speckit(&fixtures(), &["check", "project", "--select", "SK999"]);
    assert_eq!(code(&bad_rule), 2);
    assert!(stderr(&bad_rule).contains("`SK999` names no rule"));

    let bad_flag = speckit(&fixtures(), &["check", "--stage", "someday"]);
    assert_eq!(code(&bad_flag), 2);
}

#[test]
fn select_and_ignore_filter_findings() {
    let only_gates = speckit(
        &fixtures(),
        &["check", "project", "--format", "concise", "--select", "SK3"],
    );
    let lines = stdout(&only_gates);
    assert!(lines.lines().all(|line| line.contains(" SK3")), "{lines}");
    assert!(lines.contains("SK301"));

    let no_gates = speckit(
        &fixtures(),
        &[
            "check",
            "project",
            "--format",
            "concise",
            "--ignore",
            "gate-failed",
        ],
    );
    assert!(!stdout(&no_gates).contains("SK301"));
}

#[test]
fn stage_changes_what_is_required() {
    let early = speckit(
        &fixtures(),
        &[
            "check",
            "project/specs/002-export",
            "--format",
            "concise",
            "--stage",
            "clarified",
        ],
    );
    let text = stdout(&early);
    assert!(!text.contains("research.md is missing"), "{text}");
    assert!(
        !text.contains("SK203"),
        "NEEDS CLARIFICATION is allowed before research: {text}"
    );
}

fn temp_project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".specify")).unwrap();
    dir
}

#[test]
fn configuration_is_discovered_and_validated() {
    let dir = temp_project();
    let feature = dir.path().join("specs/001-x");
    fs::create_dir_all(&feature).unwrap();
    fs::write(
        feature.join("spec.md"),
        "# Feature Specification: X\n\n**Created**: [DATE]\n",
    )
    .unwrap();
    let before = speckit(dir.path(), &["check", "--format", "concise"]);
    assert!(stdout(&before).contains("SK104"));

    fs::write(
        dir.path().join(".specify/speckit.toml"),
        // The stub spec also misses the template's sections (SK101).
        "ignore = [\"SK104\", \"SK101\"]\n",
    )
    .unwrap();
    let after = speckit(&feature, &["check", ".", "--format", "concise"]);
    assert!(!stdout(&after).contains("SK104"), "{}", stdout(&after));
    assert_eq!(code(&after), 0);

    fs::write(
        dir.path().join(".specify/speckit.toml"),
        "dialect = \"speckit\"\nstgae = \"ready\"\n",
    )
    .unwrap();
    let broken = speckit(dir.path(), &["check"]);
    assert_eq!(code(&broken), 2);
    let message = stderr(&broken);
    assert!(
        message.contains("speckit.toml") && message.contains("stgae") && message.contains("line 2"),
        "{message}"
    );
}

/// A copy of the ready fixture feature in a fresh project, its plan passed through `edit`.
fn ready_feature_with_plan(edit: impl Fn(&str) -> String) -> TempDir {
    let dir = temp_project();
    let from = fixtures().join("project/specs/001-reading-list");
    let to = dir.path().join("specs/001-reading-list");
    fs::create_dir_all(to.join("contracts")).unwrap();
    for name in [
        "spec.md",
        "research.md",
        "data-model.md",
        "quickstart.md",
        "contracts/books-api.md",
    ] {
        fs::copy(from.join(name), to.join(name)).unwrap();
    }
    let plan = fs::read_to_string(from.join("plan.md")).unwrap();
    fs::write(to.join("plan.md"), edit(&plan)).unwrap();
    dir
}

#[test]
fn suppressed_findings_are_hidden_and_unused_suppressions_reported() {
    let date = "**Date**: 2025-03-16";
    let suppressed = ready_feature_with_plan(|plan| {
        plan.replacen(
            date,
            "**Date**: [DATE]\n<!-- speckit-disable SK104 -->",
            1,
        )
        .replacen(
            "**Branch**",
            "<!-- speckit-disable-next-line SK104 -- the date is set on release day -->\n\n**Branch**",
            1,
        )
    });
    let output = speckit(suppressed.path(), &["check", "--format", "concise"]);
    let out = stdout(&output);
    assert_eq!(code(&output), 0, "the only error is suppressed: {out}");
    assert!(!out.contains(": SK104 "), "{out}");
    assert!(
        out.contains("plan.md:6:1: SK007 `speckit-disable` of `SK104` hides nothing"),
        "the block below the date hides nothing: {out}"
    );

    // A rule that did not run cannot tell that its suppression hides nothing.
    let ignored = speckit(
        suppressed.path(),
        &["check", "--format", "concise", "--ignore", "SK104"],
    );
    assert_eq!(stdout(&ignored), "", "{}", stdout(&ignored));
    assert_eq!(code(&ignored), 0);

    // Without the comment, the placeholder is an error again.
    let unsuppressed = ready_feature_with_plan(|plan| plan.replacen(date, "**Date**: [DATE]", 1));
    let output = speckit(unsuppressed.path(), &["check", "--format", "concise"]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).contains(": SK104 "), "{}", stdout(&output));
}

#[test]
fn rules_and_explain_come_from_the_registry() {
    let rules = speckit(&fixtures(), &["rules"]);
    assert_eq!(code(&rules), 0);
    let listing = stdout(&rules);
    for rule in speckit_lint::RULES {
        assert!(
            listing.contains(rule.code) && listing.contains(rule.name),
            "{}",
            rule.code
        );
    }
    let explain = speckit(&fixtures(), &["explain", "SK301"]);
    assert_eq!(code(&explain), 0);
    insta::assert_snapshot!("explain_sk301", stdout(&explain));
    let by_name = speckit(&fixtures(), &["explain", "gate-failed"]);
    assert_eq!(stdout(&by_name), stdout(&explain));
    let unknown = speckit(&fixtures(), &["explain", "SK999"]);
    assert_eq!(code(&unknown), 2);
}

#[test]
fn the_rule_reference_page_is_current() {
    let output = speckit(&fixtures(), &["rules", "--format", "markdown"]);
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let committed = fs::read_to_string(&page).unwrap_or_default();
    assert!(
        committed == stdout(&output),
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

/// Writes `files` into a fresh feature folder and checks it with concise output.
fn check_files(files: &[(&str, &[u8])]) -> (i32, String, String) {
    let dir = temp_project();
    let feature = dir.path().join("specs/001-hostile");
    fs::create_dir_all(&feature).unwrap();
    for (name, bytes) in files {
        let path = feature.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let output = speckit(
        dir.path(),
        &["check", "--format", "concise", "--stage", "clarified"],
    );
    (code(&output), stdout(&output), stderr(&output))
}

#[test]
fn hostile_bytes_get_a_diagnostic_and_the_rest_is_checked() {
    let (status, out, err) = check_files(&[
        ("spec.md", b"# Spec\n\nThe user\x92s list [DATE]\n"),
        ("plan.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("research.md", b""),
        ("tasks.md", b"- [ ] T001 [P] set up [PROJECT_NAME]\n"),
    ]);
    assert_eq!(status, 1, "{err}");
    assert!(out.contains("spec.md:3:9: SK002"), "{out}");
    assert!(
        out.contains("spec.md:3:17: SK104"),
        "checking went on after the bad byte: {out}"
    );
    assert!(out.contains("plan.md:1:1: SK003"), "{out}");
    assert!(
        out.contains("tasks.md:1:23: SK104"),
        "the other files are still checked: {out}"
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn bom_and_crlf_do_not_change_findings() {
    let lf = "---\nfeature_id: x\n---\n# Feature Specification: X\n\n**Created**: [DATE]\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let (_, plain, _) = check_files(&[("spec.md", lf.as_bytes())]);
    let (_, windows, _) = check_files(&[("spec.md", crlf.as_bytes())]);
    assert!(plain.contains("spec.md:6:14: SK104"), "{plain}");
    assert_eq!(plain, windows);
}

#[test]
fn unclosed_blocks_and_front_matter_make_a_file_invalid() {
    let (_, out, _) = check_files(&[
        ("spec.md", b"---\ntitle: x\n# Spec\n\nText.\n"),
        (
            "plan.md",
            b"# Implementation Plan: X\n\n```text\nsrc/\n\n## Summary\n",
        ),
    ]);
    assert!(
        out.contains("spec.md:1:1: SK501 front matter is never closed"),
        "{out}"
    );
    assert!(out.contains("plan.md:3:1: SK005"), "{out}");
    let json = {
        let dir = temp_project();
        fs::write(dir.path().join("spec.md"), "---\ntitle: x\n# Spec\n").unwrap();
        stdout(&speckit(
            dir.path(),
            &["check", "spec.md", "--format", "json"],
        ))
    };
    assert!(json.contains("\"verdict\":\"invalid\""), "{json}");
}

#[test]
fn empty_and_huge_files() {
    let huge = vec![b'a'; 50 * 1024 * 1024];
    let (status, out, _) = check_files(&[("spec.md", b""), ("plan.md", &huge)]);
    assert_eq!(status, 1);
    assert!(
        out.contains("plan.md:1:1: SK004 the file is 52428800 bytes"),
        "{out}"
    );
    assert!(
        !out.contains("spec.md"),
        "an empty spec has nothing to flag: {out}"
    );
}

#[cfg(unix)]
#[test]
fn links_loops_and_folders_where_files_belong() {
    use std::os::unix::fs::symlink;
    let dir = temp_project();
    let feature = dir.path().join("specs/001-x");
    fs::create_dir_all(feature.join("plan.md")).unwrap();
    fs::write(
        feature.join("spec.md"),
        "# Feature Specification: X\n\n[DATE]\n",
    )
    .unwrap();
    symlink("tasks.md", feature.join("tasks.md")).unwrap();
    symlink("..", feature.join("loop")).unwrap();

    let output = speckit(dir.path(), &["check", "--format", "concise"]);
    let out = stdout(&output);
    assert!(
        out.contains("plan.md:1:1: SK001 cannot read the file: it is a directory"),
        "{out}"
    );
    assert!(
        out.contains("tasks.md:1:1: SK001") && out.contains("symbolic links"),
        "{out}"
    );
    assert!(out.contains("spec.md:3:1: SK104"), "{out}");
    assert!(
        stderr(&output).is_empty(),
        "links to folders are not followed by default"
    );
    assert_eq!(code(&output), 1);

    let followed = speckit(dir.path(), &["check", "--format", "concise", "--follow"]);
    assert!(
        stderr(&followed).contains("loop"),
        "the link loop is reported: {}",
        stderr(&followed)
    );
    assert!(
        stdout(&followed).contains("spec.md:3:1: SK104"),
        "the rest is still checked"
    );
    assert_eq!(code(&followed), 2, "a walk error is an error");
}

#[test]
fn concurrent_runs_agree() {
    let runs: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_speckit"))
                .args(["check", "project", "--format", "json"])
                .current_dir(fixtures())
                .spawn_output()
        })
        .collect();
    let outputs: Vec<Vec<u8>> = runs.into_iter().map(|run| run.join().unwrap()).collect();
    assert!(outputs.windows(2).all(|pair| pair[0] == pair[1]));
}

/// Starting a process on a thread of its own, so that several run at once.
trait SpawnOutput {
    fn spawn_output(&mut self) -> std::thread::JoinHandle<Vec<u8>>;
}

impl SpawnOutput for Command {
    fn spawn_output(&mut self) -> std::thread::JoinHandle<Vec<u8>> {
        let child = self
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("speckit starts");
        std::thread::spawn(move || child.wait_with_output().expect("speckit finishes").stdout)
    }
}
