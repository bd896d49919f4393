//! Finding the artifacts to check under the paths given, and grouping them by feature folder.
//!
//! Walking is parallel (the `ignore` crate), respects `.gitignore` (inside or outside a git
//! repository), looks into hidden folders such as `.specify/` and `.opencode/`, and does not
//! follow symbolic links to folders unless asked, so a link loop cannot trap it. Only Spec Kit
//! artifacts are picked up from a tree: a repository's README or docs are none of speckit's
//! business. A file named on the command line is always checked, whatever its name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use speckit_lint::{FileKind, kind_of};

/// Artifacts of kind `other` that a walk picks up, because rules read them or they may hold
/// open questions.
const OTHER_ARTIFACTS: &[&str] = &[
    "research.md",
    "data-model.md",
    "quickstart.md",
    "decision-record.md",
    "implementation-summary.md",
];

/// Folders never entered.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target", ".venv"];

/// A feature folder (or a constitution's folder) and the artifacts found in it; or a single
/// file named on the command line that is no standard artifact, checked on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The folder.
    pub dir: PathBuf,
    /// How the unit is shown: the folder, or the lone file.
    pub label: PathBuf,
    /// Artifacts, sorted.
    pub files: Vec<Found>,
}

/// An artifact found.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Its path, as built from the path given.
    pub path: PathBuf,
    /// Whether it is a folder standing where a file belongs (`plan.md/`).
    pub is_dir: bool,
    /// Whether it was named on the command line.
    pub explicit: bool,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Feature folders in path order.
    pub units: Vec<Unit>,
    /// Paths that could not be walked, with the reason.
    pub errors: Vec<String>,
}

/// Walks `paths` and groups what it finds.
#[must_use]
pub fn walk(paths: &[PathBuf], follow_links: bool) -> Walk {
    let Some((first, rest)) = paths.split_first() else {
        return Walk::default();
    };
    let mut builder = WalkBuilder::new(first);
    for path in rest {
        builder.add(path);
    }
    builder
        .hidden(false)
        .require_git(false)
        .git_global(false)
        .follow_links(follow_links)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !SKIPPED_DIRS.iter().any(|skip| entry.file_name() == *skip)
        });
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|result| {
            match result {
                Ok(entry) => {
                    let explicit = entry.depth() == 0;
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    let path = entry.into_path();
                    if wanted(&path, explicit, is_dir)
                        && let Ok(mut found) = found.lock()
                    {
                        found.push(Found {
                            path,
                            is_dir,
                            explicit,
                        });
                    }
                }
                Err(error) => {
                    if let Ok(mut errors) = errors.lock() {
                        errors.push(error.to_string());
                    }
                }
            }
            WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_default();
    let mut errors = errors.into_inner().unwrap_or_default();
    found.sort();
    found.dedup();
    errors.sort();
    Walk {
        units: group(found),
        errors,
    }
}

/// Whether a walked path is an artifact to check.
fn wanted(path: &Path, explicit: bool, is_dir: bool) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_dir {
        // A folder is only reported when its name says it should be a file.
        return name.ends_with(".md") && kind_of(name) != FileKind::Other;
    }
    if explicit {
        return true;
    }
    if !name.ends_with(".md") || in_skipped_place(path) {
        return false;
    }
    let kind = kind_of(&path.to_string_lossy());
    if path_has(path, "memory") {
        return kind == FileKind::Constitution;
    }
    kind != FileKind::Other || OTHER_ARTIFACTS.contains(&name)
}

/// Templates, scratch space and the `leveled` dialect's session memory are not artifacts.
fn in_skipped_place(path: &Path) -> bool {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    parts
        .windows(2)
        .any(|pair| pair == [".specify", "templates"])
        || parts
            .iter()
            .any(|part| *part == "scratch" || *part == "templates")
}

fn path_has(path: &Path, component: &str) -> bool {
    path.parent()
        .is_some_and(|parent| parent.iter().any(|part| part == component))
}

/// Groups artifacts by the feature folder they belong to. A file named on the command line
/// whose name is no standard artifact's (a template, a plan under another name) is a unit of
/// its own, so that its dialect is judged from it alone.
fn group(found: Vec<Found>) -> Vec<Unit> {
    let mut units: BTreeMap<(PathBuf, Option<PathBuf>), Vec<Found>> = BTreeMap::new();
    for item in found {
        let alone = item.explicit
            && !item.is_dir
            && kind_of(&item.path.to_string_lossy()) == FileKind::Other;
        let key = (unit_dir(&item.path), alone.then(|| item.path.clone()));
        units.entry(key).or_default().push(item);
    }
    units
        .into_iter()
        .map(|((dir, alone), files)| Unit {
            label: alone.unwrap_or_else(|| dir.clone()),
            dir,
            files,
        })
        .collect()
}

/// The feature folder of an artifact: its folder, or the one above for `checklists/` and
/// `contracts/`, and for a `plans/` folder whose parent holds the spec.
#[must_use]
pub fn unit_dir(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new(""));
    let parent_name = parent.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let grandparent = parent.parent();
    match (parent_name, grandparent) {
        ("checklists" | "contracts", Some(up)) => up.to_path_buf(),
        ("plans", Some(up)) if !parent.join("spec.md").exists() && up.join("spec.md").exists() => {
            up.to_path_buf()
        }
        _ => parent.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_are_picked_by_name_and_place() {
        assert!(wanted(Path::new("specs/001-x/plan.md"), false, false));
        assert!(wanted(
            Path::new("specs/001-x/checklists/ux.md"),
            false,
            false
        ));
        assert!(wanted(Path::new("specs/001-x/research.md"), false, false));
        assert!(wanted(
            Path::new(".specify/memory/constitution.md"),
            false,
            false
        ));
        assert!(!wanted(Path::new("README.md"), false, false));
        assert!(!wanted(
            Path::new(".specify/templates/plan-template.md"),
            false,
            false
        ));
        assert!(!wanted(
            Path::new(".specify/templates/plan.md"),
            false,
            false
        ));
        assert!(!wanted(
            Path::new("specs/001-x/memory/notes.md"),
            false,
            false
        ));
        assert!(!wanted(
            Path::new("specs/001-x/scratch/plan.md"),
            false,
            false
        ));
        assert!(wanted(Path::new("notes/anything.md"), true, false));
        assert!(wanted(Path::new("specs/001-x/plan.md"), false, true));
        assert!(!wanted(Path::new("specs/001-x"), false, true));
    }

    #[test]
    fn checklists_belong_to_their_feature() {
        assert_eq!(
            unit_dir(Path::new("specs/001-x/checklists/ux.md")),
            Path::new("specs/001-x")
        );
        assert_eq!(
            unit_dir(Path::new("specs/001-x/plan.md")),
            Path::new("specs/001-x")
        );
    }
}
