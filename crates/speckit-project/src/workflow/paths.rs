//! The current feature and the paths of its documents.

use crate::path_text::{Style, absolutize, dirname, is_absolute, is_inside, join};
use crate::workflow::env::Env;
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
        join(&self.feature_dir, name)
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

    /// The folder that writes into the feature must stay inside: the project, when the feature
    /// lies in it; otherwise the deepest existing folder of the feature directory the user
    /// configured, so what is created there goes where the configuration points and no further.
    #[must_use]
    pub fn write_bounds(&self) -> String {
        if is_inside(&self.repo_root, &self.feature_dir) {
            return self.repo_root.clone();
        }
        let mut dir = absolutize(&self.repo_root, &self.feature_dir);
        while !crate::workflow::fsutil::is_dir(&dir) {
            let parent = dirname(&dir);
            if parent == dir {
                break;
            }
            dir = parent;
        }
        dir
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

/// A configured feature directory: absolute as given, or under the project root. On Unix the
/// text is the scripts', byte for byte; on Windows it is made one path with `\\` throughout, as
/// what is printed from it must read.
fn under_root(repo_root: &str, value: &str) -> String {
    match Style::NATIVE {
        Style::Windows => absolutize(repo_root, value),
        Style::Unix if is_absolute(value) => value.to_owned(),
        Style::Unix => join(repo_root, value),
    }
}

/// Resolves the current feature: `SPECIFY_FEATURE_DIRECTORY`, then `.specify/feature.json`.
///
/// # Errors
/// No feature is set, or a state file is corrupt.
pub fn feature_paths(
    env: &Env,
    script: &ScriptLocation,
    persist: Persist,
) -> Result<FeaturePaths, PathsError> {
    let repo_root = repo_root(env, script)?;
    let no_persist = persist == Persist::Never
        || matches!(env.var("SPECIFY_FEATURE_NO_PERSIST"), Some("1" | "true"));
    // The feature directory is the user's configuration, so it is followed wherever it points,
    // inside the project or not, as the scripts follow it. Only names speckit derives itself
    // (from a feature's description) are kept inside `specs/`.
    let feature_dir = if let Some(value) = env.var("SPECIFY_FEATURE_DIRECTORY") {
        if !no_persist {
            persist_feature_directory(&repo_root, value)?;
        }
        under_root(&repo_root, value)
    } else {
        match read_feature_directory(&repo_root)? {
            None => return Err(PathsError::NoFeatureJson),
            Some(value) if value.is_empty() => return Err(PathsError::EmptyFeatureJson),
            Some(value) => under_root(&repo_root, &value),
        }
    };
    let current_branch = match env.var("SPECIFY_FEATURE") {
        Some(feature) => feature.to_owned(),
        None => {
            // `${dir%/}` then `${dir##*/}`: one trailing separator is dropped, not all.
            let style = Style::NATIVE;
            let trimmed = feature_dir
                .strip_suffix(|c| style.is_separator(c))
                .unwrap_or(&feature_dir);
            trimmed
                .rsplit(|c| style.is_separator(c))
                .next()
                .unwrap_or(trimmed)
                .to_owned()
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
        // The scripts' bytes on Unix, trailing slash and all; one clean path on Windows.
        let (feature_dir, spec) = match Style::NATIVE {
            Style::Unix => (
                format!("{root}/specs/002-b/"),
                format!("{root}/specs/002-b//spec.md"),
            ),
            Style::Windows => (
                format!(r"{root}\specs\002-b"),
                format!(r"{root}\specs\002-b\spec.md"),
            ),
        };
        assert_eq!(paths.feature_dir, feature_dir);
        assert_eq!(paths.feature_spec(), spec);
        assert_eq!(paths.current_branch, "002-b");
        let json = std::fs::read_to_string(dir.path().join(".specify/feature.json")).unwrap();
        assert_eq!(json, "{\"feature_directory\":\"specs/002-b/\"}\n");
    }

    #[test]
    fn configured_directories_are_followed_outside_the_project() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("proj/.specify")).unwrap();
        let root = dir.path().join("proj");
        let root = root.to_str().unwrap();
        let env = env_in(root, &[("SPECIFY_FEATURE_DIRECTORY", "../elsewhere/001-x")]);
        let paths = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed).unwrap();
        let beside = match Style::NATIVE {
            Style::Unix => format!("{root}/../elsewhere/001-x"),
            Style::Windows => format!(r"{}\elsewhere\001-x", dir.path().to_str().unwrap()),
        };
        assert_eq!(paths.feature_dir, beside);
        assert_eq!(paths.current_branch, "001-x");
        let elsewhere = if cfg!(windows) {
            r"D:\002-y"
        } else {
            "/var/tmp/002-y"
        };
        let env = env_in(root, &[("SPECIFY_FEATURE_DIRECTORY", elsewhere)]);
        let paths = feature_paths(&env, &ScriptLocation::default(), Persist::Never).unwrap();
        assert_eq!(paths.feature_spec(), join(elsewhere, "spec.md"));
        let json = std::fs::read_to_string(dir.path().join("proj/.specify/feature.json")).unwrap();
        assert_eq!(json, "{\"feature_directory\":\"../elsewhere/001-x\"}\n");
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
