//! The current feature and the paths of its documents.

use crate::workflow::env::{Env, absolutize};
use crate::workflow::root::{RootError, ScriptLocation, repo_root};
use crate::workflow::state::{StateError, persist_feature_directory, read_feature_directory};

/// Why the current feature could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    /// The project root is invalid.
    #[error(transparent)]
    Root(#[from] RootError),
    /// Neither `SPECIFY_FEATURE_DIRECTORY` nor `feature.json` names a feature.
    #[error(
        "ERROR: Feature directory not found. Set SPECIFY_FEATURE_DIRECTORY or run the specify command to create .specify/feature.json."
    )]
    NoFeatureJson,
    /// `feature.json` exists but has no `feature_directory`.
    #[error(
        "ERROR: Feature directory not found. Set SPECIFY_FEATURE_DIRECTORY or ensure .specify/feature.json contains feature_directory."
    )]
    EmptyFeatureJson,
    /// The feature directory would lie outside the project.
    #[error("ERROR: {source_name} points outside the project root {root}: {value}")]
    OutsideRoot {
        /// Where the value came from.
        source_name: &'static str,
        /// The project root.
        root: String,
        /// The offending value.
        value: String,
    },
    /// A state file is corrupt or unwritable.
    #[error(transparent)]
    State(#[from] StateError),
}

/// The current feature: the strings the scripts compute, joined exactly as they join them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeaturePaths {
    /// The project root.
    pub repo_root: String,
    /// `SPECIFY_FEATURE`, or the feature directory's name.
    pub current_branch: String,
    /// The feature directory (absolute).
    pub feature_dir: String,
}

impl FeaturePaths {
    fn doc(&self, name: &str) -> String {
        format!("{}/{name}", self.feature_dir)
    }
    /// `spec.md`.
    #[must_use]
    pub fn feature_spec(&self) -> String {
        self.doc("spec.md")
    }
    /// `plan.md`.
    #[must_use]
    pub fn impl_plan(&self) -> String {
        self.doc("plan.md")
    }
    /// `tasks.md`.
    #[must_use]
    pub fn tasks(&self) -> String {
        self.doc("tasks.md")
    }
    /// `research.md`.
    #[must_use]
    pub fn research(&self) -> String {
        self.doc("research.md")
    }
    /// `data-model.md`.
    #[must_use]
    pub fn data_model(&self) -> String {
        self.doc("data-model.md")
    }
    /// `quickstart.md`.
    #[must_use]
    pub fn quickstart(&self) -> String {
        self.doc("quickstart.md")
    }
    /// `contracts/`.
    #[must_use]
    pub fn contracts_dir(&self) -> String {
        self.doc("contracts")
    }

    /// The optional design documents that exist, in the scripts' order.
    #[must_use]
    pub fn available_docs(&self) -> Vec<&'static str> {
        use crate::workflow::fsutil::{dir_has_entries, is_file};
        let mut docs = Vec::new();
        if is_file(self.research()) {
            docs.push("research.md");
        }
        if is_file(self.data_model()) {
            docs.push("data-model.md");
        }
        if dir_has_entries(self.contracts_dir()) {
            docs.push("contracts/");
        }
        if is_file(self.quickstart()) {
            docs.push("quickstart.md");
        }
        docs
    }
}

/// Whether resolving may record the feature in `feature.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    /// Record `SPECIFY_FEATURE_DIRECTORY` unless `SPECIFY_FEATURE_NO_PERSIST` says otherwise.
    Allowed,
    /// Pure resolution (`--paths-only`).
    Never,
}

/// Whether `dir` lies inside `root` (or is it), lexically or, failing that, after resolving
/// symlinks of the parts that exist.
#[must_use]
pub fn is_inside(root: &str, dir: &str) -> bool {
    let lexical = absolutize(root, dir);
    let root_clean = absolutize("/", root);
    let under =
        |d: &str, r: &str| d == r || d.starts_with(&format!("{}/", r.trim_end_matches('/')));
    if under(&lexical, &root_clean) {
        return true;
    }
    match (
        std::fs::canonicalize(&lexical),
        std::fs::canonicalize(&root_clean),
    ) {
        (Ok(d), Ok(r)) => d.starts_with(r),
        _ => false,
    }
}

/// Resolves the current feature: `SPECIFY_FEATURE_DIRECTORY`, then `.specify/feature.json`.
///
/// # Errors
/// No feature is set, a state file is corrupt, or the directory lies outside the project.
pub fn feature_paths(
    env: &Env,
    script: &ScriptLocation,
    persist: Persist,
) -> Result<FeaturePaths, PathsError> {
    let repo_root = repo_root(env, script)?;
    let no_persist = persist == Persist::Never
        || matches!(env.var("SPECIFY_FEATURE_NO_PERSIST"), Some("1" | "true"));
    let feature_dir = if let Some(value) = env.var("SPECIFY_FEATURE_DIRECTORY") {
        let dir = if value.starts_with('/') {
            value.to_owned()
        } else {
            format!("{repo_root}/{value}")
        };
        if !is_inside(&repo_root, &dir) {
            return Err(PathsError::OutsideRoot {
                source_name: "SPECIFY_FEATURE_DIRECTORY",
                root: repo_root,
                value: value.to_owned(),
            });
        }
        if !no_persist {
            persist_feature_directory(&repo_root, value)?;
        }
        dir
    } else {
        match read_feature_directory(&repo_root)? {
            None => return Err(PathsError::NoFeatureJson),
            Some(value) if value.is_empty() => return Err(PathsError::EmptyFeatureJson),
            Some(value) => {
                let dir = if value.starts_with('/') {
                    value.clone()
                } else {
                    format!("{repo_root}/{value}")
                };
                if !is_inside(&repo_root, &dir) {
                    return Err(PathsError::OutsideRoot {
                        source_name: ".specify/feature.json",
                        root: repo_root,
                        value,
                    });
                }
                dir
            }
        }
    };
    let current_branch = match env.var("SPECIFY_FEATURE") {
        Some(feature) => feature.to_owned(),
        None => {
            let trimmed = feature_dir.strip_suffix('/').unwrap_or(&feature_dir);
            trimmed.rsplit('/').next().unwrap_or(trimmed).to_owned()
        }
    };
    Ok(FeaturePaths {
        repo_root,
        current_branch,
        feature_dir,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_in(root: &str, vars: &[(&str, &str)]) -> Env {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Env::new(vars, root)
    }

    #[test]
    fn environment_override_is_persisted_relative() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".specify")).unwrap();
        let root = dir.path().to_str().unwrap();
        let env = env_in(root, &[("SPECIFY_FEATURE_DIRECTORY", "specs/002-b/")]);
        let paths = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed).unwrap();
        assert_eq!(paths.feature_dir, format!("{root}/specs/002-b/"));
        assert_eq!(paths.feature_spec(), format!("{root}/specs/002-b//spec.md"));
        assert_eq!(paths.current_branch, "002-b");
        let json = std::fs::read_to_string(dir.path().join(".specify/feature.json")).unwrap();
        assert_eq!(json, "{\"feature_directory\":\"specs/002-b/\"}\n");
    }

    #[test]
    fn escaping_directories_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".specify")).unwrap();
        let root = dir.path().to_str().unwrap();
        for value in ["../elsewhere", "/etc", "specs/../../x"] {
            let env = env_in(root, &[("SPECIFY_FEATURE_DIRECTORY", value)]);
            let error = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed);
            assert!(
                matches!(error, Err(PathsError::OutsideRoot { .. })),
                "{value}"
            );
        }
        assert!(!dir.path().join(".specify/feature.json").exists());
    }

    #[test]
    fn missing_feature_messages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".specify")).unwrap();
        let root = dir.path().to_str().unwrap();
        let env = env_in(root, &[("SPECIFY_FEATURE", "x")]);
        let error = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed);
        assert!(matches!(error, Err(PathsError::NoFeatureJson)));
        std::fs::write(dir.path().join(".specify/feature.json"), "{}").unwrap();
        let error = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed);
        assert!(matches!(error, Err(PathsError::EmptyFeatureJson)));
    }
}
