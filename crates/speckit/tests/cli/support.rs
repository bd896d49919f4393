//! What every test module needs: where the fixtures are, and running the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, where `examples/` lives.
pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary's own test fixtures.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/fixtures")
}

/// Runs speckit in `dir` with colours off and no current feature taken from the environment
/// the tests run in.
pub(crate) fn speckit(dir: &Path, args: &[&str]) -> Output {
    isolated(&mut Command::new(env!("CARGO_BIN_EXE_speckit")))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("speckit runs")
}

/// Colours off, and no current feature or project taken from the environment the tests run in.
pub(crate) fn isolated(command: &mut Command) -> &mut Command {
    command
        .env("NO_COLOR", "1")
        .env_remove("SPECIFY_FEATURE_DIRECTORY")
        .env_remove("SPECIFY_INIT_DIR")
        .env_remove("SPECIFY_FEATURE")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// Copies the folder `from` to `to`, recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What makes `document` invalid against the JSON Schema `docs/schemas/<name>`, one message per
/// problem (none when it is valid).
pub(crate) fn schema_errors(name: &str, document: &serde_json::Value) -> Vec<String> {
    let path = workspace().join("docs/schemas").join(name);
    let schema: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("the schema is checked in"))
            .expect("the schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    validator
        .iter_errors(document)
        .map(|error| format!("{error} at {}", error.instance_path))
        .collect()
}

/// Fails unless `document` is valid against `docs/schemas/<name>`.
pub(crate) fn assert_matches_schema(name: &str, document: &serde_json::Value) {
    let errors = schema_errors(name, document);
    assert!(
        errors.is_empty(),
        "{document}\ndoes not match {name}:\n{}",
        errors.join("\n")
    );
}

/// Every finding of a JSON document of `check` or `analyze`, file by file.
pub(crate) fn diagnostics(document: &serde_json::Value) -> Vec<&serde_json::Value> {
    document["files"]
        .as_array()
        .expect("the document lists files")
        .iter()
        .flat_map(|file| {
            file["diagnostics"]
                .as_array()
                .expect("each file lists findings")
        })
        .collect()
}
