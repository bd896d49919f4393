//! A project: the folder holding `.specify/`, and what is known of it once for all its features.

use std::path::{Path, PathBuf};

use speckit_lint::ProjectProfile;

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

/// The project's plan and spec templates (overrides first) and constitution, read once.
#[must_use]
pub fn profile(root: &Path) -> ProjectProfile {
    let templates = root.join(".specify").join("templates");
    let template_named = |name: &str| {
        [templates.join("overrides").join(name), templates.join(name)]
            .iter()
            .find_map(|path| std::fs::read_to_string(path).ok())
    };
    let template = template_named("plan-template.md");
    let constitution = [
        root.join(".specify").join("memory").join("constitution.md"),
        root.join("docs").join("constitution.md"),
        root.join("memory").join("constitution.md"),
    ]
    .iter()
    .find_map(|path| std::fs::read_to_string(path).ok());
    let profile = ProjectProfile::new(template.as_deref(), constitution.as_deref());
    match template_named("spec-template.md") {
        Some(spec_template) => profile.with_spec_template(&spec_template),
        None => profile,
    }
}
