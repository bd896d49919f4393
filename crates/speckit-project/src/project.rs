//! A project: the folder holding `.specify/`, and what is known of it once for all its features.

use std::path::{Path, PathBuf};

use speckit_lint::ProjectProfile;

use crate::read;
use crate::workflow::layers::resolve_content_limited;

/// The nearest folder at or above `start` that holds a `.specify/` folder; failing that, the
/// folder holding an epic tree's `plans/` (the `epic` dialect keeps no `.specify/`).
#[must_use]
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let holding = |name: &str| {
        absolute
            .ancestors()
            .find(|dir| dir.join(name).is_dir())
            .map(Path::to_path_buf)
    };
    holding(".specify").or_else(|| holding("plans"))
}

/// What is known of a project once for all its features, and what stood in the way.
#[derive(Debug)]
pub struct Profile {
    /// The profile.
    pub profile: ProjectProfile,
    /// Templates that could not be resolved (an invalid preset manifest or registry, a layer
    /// that cannot be read), one message each: the check goes on without them.
    pub errors: Vec<String>,
}

/// The project's plan, spec, tasks and checklist templates and its constitution, read once,
/// each at most `limit` bytes and only from inside the project. Each template is the one
/// `speckit template resolve` gives, composed through the whole stack (overrides, presets,
/// extensions, core), so that features are judged against the templates they were written
/// from.
#[must_use]
pub fn profile(root: &Path, limit: u64) -> Profile {
    // (template, message); every template of a project meets the same broken manifest or
    // registry, which is said once.
    let mut failures: Vec<(&str, String)> = Vec::new();
    let mut template = |name: &'static str| {
        resolve_template(root, name, limit).unwrap_or_else(|message| {
            if !failures.iter().any(|(_, seen)| *seen == message) {
                failures.push((name, message));
            }
            None
        })
    };
    let plan_template = template("plan-template");
    let spec_template = template("spec-template");
    let tasks_template = template("tasks-template");
    let checklist_template = template("checklist-template");
    let constitution = [
        root.join(".specify").join("memory").join("constitution.md"),
        root.join("docs").join("constitution.md"),
        root.join("memory").join("constitution.md"),
    ]
    .iter()
    .find_map(|path| read_project_text(path, root, limit));
    let mut profile = ProjectProfile::new(plan_template.as_deref(), constitution.as_deref());
    if let Some(text) = spec_template {
        profile = profile.with_spec_template(&text);
    }
    if let Some(text) = tasks_template {
        profile = profile.with_tasks_template(&text);
    }
    if let Some(text) = checklist_template {
        profile = profile.with_checklist_template(&text);
    }
    if let Some((path, text)) = overview_spec(root, limit) {
        profile = profile.with_overview(&path, &text);
    }
    let errors = failures
        .into_iter()
        .map(|(name, message)| format!("cannot resolve {name}: {message}"))
        .collect();
    Profile { profile, errors }
}

/// Template `name` (`plan-template`) as the layer stack composes it, if it is UTF-8 text;
/// `Err` with the resolver's message.
fn resolve_template(root: &Path, name: &str, limit: u64) -> Result<Option<String>, String> {
    // The resolver, like Spec Kit's scripts, works on UTF-8 paths; a project elsewhere is
    // judged by its dialect's own templates.
    let Some(root) = root.to_str() else {
        return Ok(None);
    };
    let bytes = resolve_content_limited(name, root, limit)
        .map_err(|error| error.0.trim_start_matches("Error: ").to_owned())?;
    Ok(bytes.and_then(|bytes| String::from_utf8(bytes).ok()))
}

/// Folders that hold a project's spec folders.
const SPEC_FOLDERS: &[&str] = &[".specify/specs", "specs"];

/// The project's Overview spec (`ssd`): `spec.md` in the first spec folder whose name says
/// `OVERVIEW` (`.specify/specs/S-OVERVIEW-001/`), with its path relative to the root. Only the
/// folder names are listed; no other spec is read.
fn overview_spec(root: &Path, limit: u64) -> Option<(String, String)> {
    SPEC_FOLDERS.iter().find_map(|folder| {
        let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
            .ok()?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.to_ascii_uppercase().contains("OVERVIEW"))
            .collect();
        names.sort();
        names.into_iter().find_map(|name| {
            let text =
                read_project_text(&root.join(folder).join(&name).join("spec.md"), root, limit)?;
            Some((format!("{folder}/{name}/spec.md"), text))
        })
    })
}

/// A project file's text, if it is a regular UTF-8 file inside the project within the limit.
fn read_project_text(path: &Path, root: &Path, limit: u64) -> Option<String> {
    let bytes = read::read_within(path, root, limit).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests;
