//! Creating a feature: choosing its number and name, creating its folder and spec, recording it
//! as the current feature.

use crate::path_text::join;
use std::path::Path;

use crate::workflow::fsutil::{FsError, create_dirs, glob_names, is_dir, is_file, write_new};
use crate::workflow::layers::{LayerError, resolve_content};
use crate::workflow::lock::lock_project;
use crate::workflow::naming::{
    Charset, MAX_FEATURE_NUMBER, bash_decimal, clean_branch_name, derive_short_name,
    fit_branch_name, highest_number, is_in_range,
};
use crate::workflow::state::{StateError, persist_feature_directory};
use crate::workflow::text::format_03d;

/// How the feature is numbered and named.
#[derive(Debug, Clone, Default)]
pub struct FeatureRequest {
    /// The description, already trimmed.
    pub description: String,
    /// `--short-name`, used instead of deriving one from the description.
    pub short_name: Option<String>,
    /// `--number`, as typed.
    pub number: Option<String>,
    /// `--timestamp`: number with the local time instead of a sequence.
    pub timestamp: bool,
    /// `--allow-existing-branch`: reuse an existing folder.
    pub allow_existing: bool,
    /// `--dry-run`: compute the names, touch nothing.
    pub dry_run: bool,
    /// Record the feature in `.specify/feature.json`.
    pub persist: bool,
}

/// Why a feature could not be created. The message is the one the core script prints.
#[derive(Debug, thiserror::Error)]
pub enum FeatureError {
    /// `--number` is not a string of digits.
    #[error("Error: --number must be an unsigned integer, got '{0}'")]
    NumberNotInteger(String),
    /// `--number` is too large.
    #[error("Error: --number must be between 0 and 9223372036854775807, got '{0}'")]
    NumberOutOfRange(String),
    /// The sequence has reached `i64::MAX`.
    #[error(
        "Error: feature number must be between 0 and 9223372036854775807, got '9223372036854775808'"
    )]
    SequenceExhausted,
    /// The folder exists (sequential numbering).
    #[error(
        "Error: Feature directory '{0}' already exists. Please use a different feature name or specify a different number with --number."
    )]
    Exists(String),
    /// The folder exists (timestamp numbering).
    #[error(
        "Error: Feature directory '{0}' already exists. Rerun to get a new timestamp or use a different --short-name."
    )]
    ExistsTimestamp(String),
    /// The spec template could not be composed.
    #[error("{0}")]
    Template(#[from] LayerError),
    /// A disk operation failed.
    #[error("ERROR: {0}")]
    Fs(#[from] FsError),
    /// `feature.json` could not be written.
    #[error(transparent)]
    State(#[from] StateError),
}

/// The feature that was (or, in a dry run, would be) created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeature {
    /// `NNN-slug` or `YYYYMMDD-HHMMSS-slug`.
    pub branch_name: String,
    /// `NNN` or `YYYYMMDD-HHMMSS`.
    pub feature_num: String,
    /// The feature folder.
    pub feature_dir: String,
    /// Its `spec.md`.
    pub spec_file: String,
    /// How the spec came to be.
    pub spec: SpecOutcome,
}

/// What happened to `spec.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecOutcome {
    /// Nothing was written (dry run).
    NotWritten,
    /// Written from the spec template.
    FromTemplate,
    /// No template exists: an empty file was written.
    Empty,
    /// The file already existed and was kept.
    Kept,
}

/// The feature name suffix for a request: the cleaned `--short-name` or one derived from the
/// description.
#[must_use]
pub fn suffix_for(request: &FeatureRequest) -> String {
    match request.short_name.as_deref().filter(|s| !s.is_empty()) {
        Some(short) => clean_branch_name(short, Charset::Unicode),
        None => derive_short_name(&request.description, Charset::Unicode),
    }
}

/// Whether a spec folder in `specs_dir` already uses the numeric prefix `num`.
fn prefix_taken(specs_dir: &str, num: &str) -> bool {
    let prefix = format!("{num}-");
    glob_names(Path::new(specs_dir))
        .iter()
        .any(|name| name.starts_with(&prefix) && is_dir(join(specs_dir, name)))
}

fn sequence_names(specs_dir: &str) -> Vec<String> {
    glob_names(Path::new(specs_dir))
        .into_iter()
        .filter(|name| is_dir(join(specs_dir, name)))
        .collect()
}

/// Creates a feature under `root/specs/`, as the core `create-new-feature` script does.
///
/// `now` gives the local time as `YYYYMMDD-HHMMSS` for timestamp numbering; `warn` receives each
/// warning line. Holds the project lock from numbering to the folder's creation, so concurrent
/// calls never pick the same number.
///
/// # Errors
/// See [`FeatureError`].
pub fn create_feature(
    root: &str,
    request: &FeatureRequest,
    now: &dyn Fn() -> String,
    warn: &mut dyn FnMut(String),
) -> Result<NewFeature, FeatureError> {
    create_feature_in(root, &join(root, "specs"), request, now, warn)
}

/// [`create_feature`] with the numbered folders kept in `specs_dir` (an epic's `features/`, say)
/// instead of `root/specs`.
///
/// # Errors
/// See [`FeatureError`].
pub fn create_feature_in(
    root: &str,
    specs_dir: &str,
    request: &FeatureRequest,
    now: &dyn Fn() -> String,
    warn: &mut dyn FnMut(String),
) -> Result<NewFeature, FeatureError> {
    let specs_dir = specs_dir.to_owned();
    let _lock = if request.dry_run {
        None
    } else {
        create_dirs(Path::new(root), Path::new(&specs_dir))?;
        Some(lock_project(root)?)
    };
    let suffix = suffix_for(request);
    if suffix.is_empty() {
        warn("[specify] Warning: Feature name is empty after removing unsupported characters. Use --short-name with letters or digits (for example, user-auth).".to_owned());
    }
    let mut number = request.number.clone().unwrap_or_default();
    let explicit = !number.is_empty();
    if request.timestamp && !number.is_empty() {
        warn("[specify] Warning: --number is ignored when --timestamp is used".to_owned());
        number.clear();
    }
    let feature_num = if request.timestamp {
        now()
    } else {
        if !number.is_empty() && !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FeatureError::NumberNotInteger(number));
        }
        if !number.is_empty() && !is_in_range(&number) {
            return Err(FeatureError::NumberOutOfRange(number));
        }
        let value = if number.is_empty() {
            let names = sequence_names(&specs_dir);
            let highest = highest_number(names.iter().map(String::as_str));
            if highest == MAX_FEATURE_NUMBER {
                return Err(FeatureError::SequenceExhausted);
            }
            highest + 1
        } else {
            bash_decimal(&number)
        };
        let mut feature_num = format_03d(value);
        if explicit {
            let requested_dir = format!("{specs_dir}/{}", fit_branch_name(&feature_num, &suffix));
            let conflict = (!request.allow_existing || !is_dir(&requested_dir))
                && prefix_taken(&specs_dir, &feature_num);
            if conflict {
                let requested = feature_num.clone();
                let names = sequence_names(&specs_dir);
                let mut candidate = highest_number(names.iter().map(String::as_str));
                loop {
                    if candidate == MAX_FEATURE_NUMBER {
                        return Err(FeatureError::SequenceExhausted);
                    }
                    candidate += 1;
                    feature_num = format_03d(candidate);
                    if !prefix_taken(&specs_dir, &feature_num) {
                        break;
                    }
                }
                warn(format!(
                    "[specify] Warning: --number {requested} conflicts with an existing spec directory; using {feature_num} instead"
                ));
            }
        }
        feature_num
    };
    let original = format!("{feature_num}-{suffix}");
    let branch_name = fit_branch_name(&feature_num, &suffix);
    if branch_name != original {
        warn("[specify] Warning: Branch name exceeded GitHub's 244-byte limit".to_owned());
        warn(format!(
            "[specify] Original: {original} ({} bytes)",
            original.len()
        ));
        warn(format!(
            "[specify] Truncated to: {branch_name} ({} bytes)",
            branch_name.len()
        ));
    }
    let feature_dir = join(&specs_dir, &branch_name);
    let spec_file = join(&feature_dir, "spec.md");
    let mut spec = SpecOutcome::NotWritten;
    if !request.dry_run {
        if is_dir(&feature_dir) && !request.allow_existing {
            return Err(if request.timestamp {
                FeatureError::ExistsTimestamp(feature_dir)
            } else {
                FeatureError::Exists(feature_dir)
            });
        }
        let template = if is_file(&spec_file) {
            None
        } else {
            Some(resolve_content("spec-template", root)?)
        };
        let created_dir = !is_dir(&feature_dir);
        create_dirs(Path::new(root), Path::new(&feature_dir))?;
        let written = match template {
            None => Ok(SpecOutcome::Kept),
            Some(Some(content)) => write_new(Path::new(root), Path::new(&spec_file), &content)
                .map(|_| SpecOutcome::FromTemplate),
            Some(None) => {
                warn("Warning: Spec template not found; created empty spec file".to_owned());
                write_new(Path::new(root), Path::new(&spec_file), b"").map(|_| SpecOutcome::Empty)
            }
        };
        spec = match written {
            Ok(spec) => spec,
            Err(error) => {
                // A full disk must not leave a numbered folder without its spec behind: the
                // next feature would skip its number, and the folder would look like work.
                if created_dir {
                    let _ = std::fs::remove_dir(&feature_dir);
                }
                return Err(error.into());
            }
        };
        if request.persist {
            persist_feature_directory(root, &feature_dir)?;
        }
    }
    Ok(NewFeature {
        branch_name,
        feature_num,
        feature_dir,
        spec_file,
        spec,
    })
}

/// The local time as `YYYYMMDD-HHMMSS`, the timestamp feature number.
#[must_use]
pub fn local_timestamp() -> String {
    jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string()
}

#[cfg(test)]
mod tests;
