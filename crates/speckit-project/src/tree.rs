//! Finding the artifacts to check under the paths given, and grouping them by feature folder.
//!
//! Walking is parallel (the `ignore` crate), respects `.gitignore` (inside or outside a git
//! repository), looks into hidden folders such as `.specify/` and `.opencode/`, and does not
//! follow symbolic links to folders unless asked, so a link loop cannot trap it. Only Spec Kit
//! artifacts are picked up from a tree: a repository's README or docs are none of speckit's
//! business. A file named on the command line is always checked, whatever its name.

use crate::path_text::shown;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{WalkBuilder, WalkState};
use speckit_lint::input::is_epic_document;
use speckit_lint::{FileKind, kind_of};

use crate::read::CONFIG_LIMIT;

/// Artifacts of kind `other` that a walk picks up, because rules read them or they may hold
/// open questions.
const OTHER_ARTIFACTS: &[&str] = &[
    "research.md",
    "data-model.md",
    "quickstart.md",
    "decision-record.md",
    "implementation-summary.md",
    "exec-plan.md",
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
    /// Whether reaching it may have gone through a symbolic link (it is one, or the walk
    /// followed links to folders), so where it really is must be checked before it is read.
    pub linked: bool,
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
    let errors = Arc::new(Mutex::new(Vec::new()));
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    // The ignore files of the folders given and of the folders above them are read before the
    // walk starts; when one of them cannot be read safely, none are.
    let untrusted = paths
        .iter()
        .filter_map(|path| std::path::absolute(path).ok())
        .flat_map(|path| path.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .find_map(|dir| unsafe_ignore_file(&dir, &roots));
    if let Some(file) = &untrusted {
        push(
            &errors,
            format!(
                "{}: {UNSAFE_IGNORE_FILE}; no ignore file was read",
                shown(file)
            ),
        );
    }
    let filter_errors = Arc::clone(&errors);
    builder
        .hidden(false)
        .require_git(false)
        .git_global(false)
        .git_ignore(untrusted.is_none())
        .git_exclude(untrusted.is_none())
        .ignore(untrusted.is_none())
        .parents(untrusted.is_none())
        .follow_links(follow_links)
        .filter_entry(move |entry| {
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            if SKIPPED_DIRS.iter().any(|skip| entry.file_name() == *skip) {
                return false;
            }
            match unsafe_ignore_file(entry.path(), &roots) {
                Some(file) => {
                    let message = format!(
                        "{}: {UNSAFE_IGNORE_FILE}; its folder was not walked",
                        shown(&file)
                    );
                    push(&filter_errors, message);
                    false
                }
                None => true,
            }
        });
    let found = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|result| {
            match result {
                Ok(entry) => {
                    let explicit = entry.depth() == 0;
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    let linked = follow_links || entry.path_is_symlink();
                    let path = entry.into_path();
                    if wanted(&path, explicit, is_dir)
                        && let Ok(mut found) = found.lock()
                    {
                        found.push(Found {
                            path,
                            is_dir,
                            explicit,
                            linked,
                        });
                    }
                }
                Err(error) => push(&errors, error.to_string()),
            }
            WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_default();
    let mut errors = errors
        .lock()
        .map(|mut e| std::mem::take(&mut *e))
        .unwrap_or_default();
    found.sort();
    found.dedup();
    errors.sort();
    Walk {
        units: group(found),
        errors,
    }
}

/// The files a walk reads in every folder it enters to learn what to skip.
const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore"];

const UNSAFE_IGNORE_FILE: &str =
    "not a small regular file inside the tree (a device, a pipe, a link out, or over 1 MiB)";

/// An ignore file in `dir` that the walk must not read: the walker reads them whole, so a
/// `.gitignore` committed as a link to `/dev/zero` or to a FIFO would exhaust memory or hang.
/// A link is only followed to a file inside one of the folders walked (`roots`, resolved).
fn unsafe_ignore_file(dir: &Path, roots: &[PathBuf]) -> Option<PathBuf> {
    IGNORE_FILES.iter().map(|name| dir.join(name)).find(|path| {
        let Ok(own) = fs::symlink_metadata(path) else {
            return false;
        };
        let safe = if own.file_type().is_symlink() {
            fs::canonicalize(path).is_ok_and(|target| {
                roots.iter().any(|root| target.starts_with(root))
                    && fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() <= CONFIG_LIMIT)
            })
        } else {
            own.is_file() && own.len() <= CONFIG_LIMIT
        };
        !safe
    })
}

fn push(errors: &Mutex<Vec<String>>, message: String) {
    if let Ok(mut errors) = errors.lock() {
        errors.push(message);
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
    if kind == FileKind::Constitution && !is_the_constitution(path) {
        return false;
    }
    if path_has(path, "memory") {
        return kind == FileKind::Constitution;
    }
    kind != FileKind::Other
        || OTHER_ARTIFACTS.contains(&name)
        || is_epic_document(&path.to_string_lossy())
}

/// Whether a `constitution.md` found in a walk may be its project's constitution: a project
/// with `.specify/memory/constitution.md` has that one, and another file of the name (a fork
/// of Spec Kit ships `memory/constitution.md` as the template it hands out) is product text.
fn is_the_constitution(path: &Path) -> bool {
    let Some(root) = path.parent().and_then(crate::project::find_root) else {
        return true;
    };
    let own = root.join(".specify").join("memory").join("constitution.md");
    if !own.is_file() {
        return true;
    }
    match (fs::canonicalize(path), fs::canonicalize(&own)) {
        (Ok(found), Ok(own)) => found == own,
        _ => true,
    }
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
        ("checklists" | "contracts" | "design", Some(up)) => up.to_path_buf(),
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
    fn a_constitution_template_beside_the_projects_own_is_no_constitution() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [".specify/memory/constitution.md", "memory/constitution.md"] {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "# [PROJECT_NAME] Constitution\n").unwrap();
        }
        assert!(wanted(
            &root.join(".specify/memory/constitution.md"),
            false,
            false
        ));
        assert!(!wanted(&root.join("memory/constitution.md"), false, false));
        // Named on the command line, it is checked all the same.
        assert!(wanted(&root.join("memory/constitution.md"), true, false));
        fs::remove_file(root.join(".specify/memory/constitution.md")).unwrap();
        assert!(wanted(&root.join("memory/constitution.md"), false, false));
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
