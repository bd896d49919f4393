//! The project's small JSON state files: `.specify/feature.json` (the current feature) and
//! `.specify/integration.json` (which agent is installed, and so how commands are spelled).

use crate::path_text::{join, portable, strip_base};
use std::borrow::Cow;
use std::path::Path;

use serde_json::Value;

use crate::read;
use crate::workflow::fsutil::{FsError, create_dirs, is_file, write_replace};
use crate::workflow::text::json_escape_into;

/// A state file that exists but cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file is not valid JSON, or not shaped as expected.
    #[error("ERROR: {path} is corrupt: {detail}")]
    Corrupt {
        /// The file.
        path: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The file could not be read or written.
    #[error("ERROR: {0}")]
    Fs(#[from] FsError),
}

fn corrupt(path: &str, detail: impl Into<String>) -> StateError {
    StateError::Corrupt {
        path: path.to_owned(),
        detail: detail.into(),
    }
}

/// Reads a JSON file whose root must be an object.
fn read_object(path: &str) -> Result<serde_json::Map<String, Value>, StateError> {
    let bytes = read::read_bounded(Path::new(path), read::CONFIG_LIMIT)
        .map_err(|e| FsError::new("cannot read", path, e.into()))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| corrupt(path, "not valid UTF-8"))?;
    // Windows PowerShell 5.1 writes UTF-8 with a byte order mark; it is no part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(corrupt(path, "the top level is not a JSON object")),
        Err(e) => Err(corrupt(path, format!("invalid JSON ({e})"))),
    }
}

/// Python's truthiness of a JSON value.
#[must_use]
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The path of `.specify/feature.json` under `root`.
#[must_use]
pub fn feature_json_path(root: &str) -> String {
    join(root, ".specify/feature.json")
}

/// The `feature_directory` recorded in `feature.json`: `None` when the file is absent, `""`
/// when it does not name one.
///
/// # Errors
/// The file is not a JSON object, or its `feature_directory` is not a string.
pub fn read_feature_directory(root: &str) -> Result<Option<String>, StateError> {
    let path = feature_json_path(root);
    if !is_file(&path) {
        return Ok(None);
    }
    let map = read_object(&path)?;
    match map.get("feature_directory") {
        None => Ok(Some(String::new())),
        Some(Value::String(s)) => Ok(Some(s.trim_end_matches('\n').to_owned())),
        Some(other) if !truthy(other) => Ok(Some(String::new())),
        Some(_) => Err(corrupt(&path, "feature_directory is not a string")),
    }
}

/// Records `value` as the current feature directory, relative to `root` when it lies under it.
/// Writes nothing when the file already says so.
///
/// # Errors
/// The file cannot be written.
pub fn persist_feature_directory(root: &str, value: &str) -> Result<(), StateError> {
    // A folder under the project is recorded relative to it with `/`, as on every platform, so
    // the file reads the same to every tool; any other value is recorded as given.
    let value = strip_base(root, value).map_or(Cow::Borrowed(value), portable);
    let value = value.as_ref();
    if let Ok(Some(current)) = read_feature_directory(root)
        && current == value
    {
        return Ok(());
    }
    create_dirs(Path::new(root), Path::new(&join(root, ".specify")))?;
    let mut bytes = b"{\"feature_directory\":\"".to_vec();
    json_escape_into(&mut bytes, value.as_bytes());
    bytes.extend_from_slice(b"\"}\n");
    write_replace(Path::new(root), Path::new(&feature_json_path(root)), &bytes)?;
    Ok(())
}

/// The separator between `speckit` and a command name for the installed agent: `-` for agents
/// that use skills (`/speckit-plan`), `.` otherwise (`/speckit.plan`).
///
/// # Errors
/// `.specify/integration.json` exists but is not a JSON object.
pub fn invoke_separator(root: &str) -> Result<char, StateError> {
    let path = join(root, ".specify/integration.json");
    if !is_file(&path) {
        return Ok('.');
    }
    let state = read_object(&path)?;
    let key = ["default_integration", "integration"]
        .iter()
        .filter_map(|k| state.get(*k))
        .find(|v| truthy(v));
    let (Some(Value::String(key)), Some(Value::Object(settings))) =
        (key, state.get("integration_settings"))
    else {
        return Ok('.');
    };
    Ok(
        match settings
            .get(key)
            .and_then(|entry| entry.get("invoke_separator"))
        {
            Some(Value::String(s)) if s == "-" => '-',
            _ => '.',
        },
    )
}

/// `/speckit.plan` or `/speckit-plan`: how a command is invoked with the given separator.
#[must_use]
pub fn format_command(name: &str, separator: char) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    let name = name.strip_prefix("speckit.").unwrap_or(name);
    let name = name.strip_prefix("speckit-").unwrap_or(name);
    format!(
        "/speckit{separator}{}",
        name.replace('.', &separator.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path_text::display;

    fn project() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".specify")).unwrap();
        let root = dir.path().to_str().unwrap().to_owned();
        (dir, root)
    }

    #[test]
    fn feature_json_round_trip_is_relative_under_the_root() {
        let (_dir, root) = project();
        assert_eq!(read_feature_directory(&root).unwrap(), None);
        persist_feature_directory(&root, &join(&root, "specs/001-a")).unwrap();
        let text = std::fs::read_to_string(feature_json_path(&root)).unwrap();
        assert_eq!(text, "{\"feature_directory\":\"specs/001-a\"}\n");
        assert_eq!(
            read_feature_directory(&root).unwrap(),
            Some("specs/001-a".to_owned())
        );
    }

    #[test]
    fn corrupt_feature_json_is_an_error_naming_the_file() {
        let (_dir, root) = project();
        std::fs::write(feature_json_path(&root), "{not json").unwrap();
        let error = read_feature_directory(&root).unwrap_err().to_string();
        assert!(
            error.contains(&*display(".specify/feature.json")),
            "{error}"
        );
        std::fs::write(feature_json_path(&root), "{\"feature_directory\": 5}").unwrap();
        assert!(read_feature_directory(&root).is_err());
        std::fs::write(feature_json_path(&root), "{\"feature_directory\": null}").unwrap();
        assert_eq!(read_feature_directory(&root).unwrap(), Some(String::new()));
    }

    #[test]
    fn separator_follows_the_default_integration() {
        let (_dir, root) = project();
        let path = join(&root, ".specify/integration.json");
        assert_eq!(invoke_separator(&root).unwrap(), '.');
        std::fs::write(
            &path,
            r#"{"integration":"gemini","default_integration":"claude","integration_settings":{"claude":{"invoke_separator":"-"},"gemini":{"invoke_separator":"."}}}"#,
        )
        .unwrap();
        assert_eq!(invoke_separator(&root).unwrap(), '-');
        std::fs::write(
            &path,
            r#"{"integration":"x","integration_settings":{"x":{"invoke_separator":"+"}}}"#,
        )
        .unwrap();
        assert_eq!(invoke_separator(&root).unwrap(), '.');
        std::fs::write(&path, "[1]").unwrap();
        assert!(invoke_separator(&root).is_err());
    }

    #[test]
    fn command_names() {
        assert_eq!(format_command("plan", '-'), "/speckit-plan");
        assert_eq!(
            format_command("/speckit.git.commit", '-'),
            "/speckit-git-commit"
        );
        assert_eq!(format_command("speckit-tasks", '.'), "/speckit.tasks");
    }
}
