//! A project: the folder holding `.specify/`, and what is known of it once for all its features.

use std::path::{Path, PathBuf};

use speckit_lint::ProjectProfile;

use crate::read;

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

/// The project's plan and spec templates (overrides first) and constitution, read once, each
/// at most `limit` bytes and only from inside the project.
#[must_use]
pub fn profile(root: &Path, limit: u64) -> ProjectProfile {
    let read = |path: &Path| read_project_text(path, root, limit);
    let templates = root.join(".specify").join("templates");
    let template_named = |name: &str| {
        [templates.join("overrides").join(name), templates.join(name)]
            .iter()
            .find_map(|path| read(path))
    };
    let template = template_named("plan-template.md");
    let constitution = [
        root.join(".specify").join("memory").join("constitution.md"),
        root.join("docs").join("constitution.md"),
        root.join("memory").join("constitution.md"),
    ]
    .iter()
    .find_map(|path| read(path));
    let mut profile = ProjectProfile::new(template.as_deref(), constitution.as_deref());
    if let Some(spec_template) = template_named("spec-template.md") {
        profile = profile.with_spec_template(&spec_template);
    }
    if let Some((path, text)) = overview_spec(root, limit) {
        profile = profile.with_overview(&path, &text);
    }
    profile
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
