//! Running a check over paths: walk, load each feature's files, check features in parallel,
//! and hand the reports back in path order as they complete.
//!
//! Features are checked in chunks so that memory stays bounded however large the tree: only
//! one chunk's files and reports are alive at a time, and the caller renders each report as it
//! arrives.

use crate::path_text;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use speckit_lint::{
    Content, EntryKind, FeatureInput, FeatureReport, FileKind, InputFile, Probe, ProjectProfile,
    check_feature, kind_of,
};

use crate::config::CheckConfig;
use crate::project;
use crate::read::{self, ReadError};
use crate::tree::{self, Found, Unit};

/// How many features are checked between two hand-overs to the caller.
const CHUNK: usize = 256;

/// What a run saw besides reports.
#[derive(Debug, Default)]
pub struct RunOutcome {
    /// Feature folders (and constitution folders) checked.
    pub units: usize,
    /// Problems walking the tree (unreadable folders, link loops) or resolving a project's
    /// templates, one message each.
    pub walk_errors: Vec<String>,
}

/// Checks every artifact under `paths`, calling `sink` with each feature's report in path order.
///
/// # Errors
/// When `sink` fails. A path that does not exist is one of the outcome's `walk_errors`.
pub fn run<E>(
    paths: &[PathBuf],
    config: &CheckConfig,
    follow_links: bool,
    sink: impl FnMut(FeatureReport) -> Result<(), E>,
) -> Result<RunOutcome, E> {
    run_map(paths, config, follow_links, |_, report| report, sink)
}

/// Like [`run`], but each report is first turned into a `T` by `map`, on the worker threads
/// that checked it: work a caller does per feature (reading the report, parsing one more file)
/// then runs in parallel too, and only the `T`s wait for their turn in path order. `map` also
/// gets the feature's folder and files as found on disk.
///
/// # Errors
/// When `sink` fails. A path that does not exist is one of the outcome's `walk_errors`.
pub fn run_map<T: Send, E>(
    paths: &[PathBuf],
    config: &CheckConfig,
    follow_links: bool,
    map: impl Fn(&Unit, FeatureReport) -> T + Sync,
    sink: impl FnMut(T) -> Result<(), E>,
) -> Result<RunOutcome, E> {
    run_each(
        paths,
        config,
        follow_links,
        |unit, input| map(unit, check_feature(input, &config.settings)),
        sink,
    )
}

/// Walks `paths` and loads each feature folder's files as [`run`] does, but hands each
/// feature's input to `judge` (on the worker threads) instead of checking it: `speckit analyze`
/// judges features its own way. The results reach `sink` in path order.
///
/// # Errors
/// When `sink` fails. A path that does not exist is one of the outcome's `walk_errors`.
pub fn run_each<T: Send, E>(
    paths: &[PathBuf],
    config: &CheckConfig,
    follow_links: bool,
    judge: impl Fn(&Unit, &FeatureInput<'_>) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<RunOutcome, E> {
    // A path that does not exist is an error of the run, not a reason to check nothing: the
    // others are still checked.
    let (existing, missing): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|path| std::fs::symlink_metadata(path).is_ok());
    let mut walk = tree::walk(&existing, follow_links);
    walk.errors.splice(
        0..0,
        missing
            .iter()
            .map(|path| format!("{}: no such file or directory", path_text::shown(path))),
    );
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut profiles = Profiles::default();
    let units = walk.units.len();
    for chunk in walk.units.chunks(CHUNK) {
        let jobs: Vec<(&Unit, Arc<ProjectProfile>, Option<PathBuf>)> = chunk
            .iter()
            .map(|unit| {
                let (root, profile) =
                    profiles.for_dir(&unit.dir, &walk.units, config.max_file_size);
                (unit, profile, root)
            })
            .collect();
        let results: Vec<T> = jobs
            .par_iter()
            .map(|(unit, profile, root)| {
                let probe = DiskProbe {
                    dir: unit.dir.clone(),
                    root: root.clone(),
                };
                let within = root.as_deref().unwrap_or(&unit.dir);
                let input = feature_input(unit, profile, &probe, config, &cwd, within);
                judge(unit, &input)
            })
            .collect();
        for result in results {
            sink(result)?;
        }
    }
    walk.errors.append(&mut profiles.errors);
    Ok(RunOutcome {
        units,
        walk_errors: walk.errors,
    })
}

/// Loads the one feature folder `dir` as [`run`] loads every folder (the configuration's size
/// limit and ignores, the project's profile, links out of the project refused), with `extra`
/// named as well when it is a file of the folder that is not an artifact by name, and hands
/// its input to `judge`. The result is `None` when the folder holds no artifact.
pub fn judge_folder<T: Send>(
    dir: &Path,
    extra: Option<&Path>,
    config: &CheckConfig,
    judge: impl Fn(&FeatureInput<'_>) -> T + Sync,
) -> (Option<T>, RunOutcome) {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(extra.map(Path::to_path_buf));
    let mut judged = None;
    let outcome = run_each(
        &paths,
        config,
        false,
        |unit, input| (unit.dir == dir).then(|| judge(input)),
        |result| {
            if result.is_some() {
                judged = result;
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    };
    (judged, outcome)
}

/// A feature folder's files, loaded, with what the core may ask about the disk.
fn feature_input<'a>(
    unit: &Unit,
    profile: &'a ProjectProfile,
    probe: &'a DiskProbe,
    config: &CheckConfig,
    cwd: &Path,
    within: &Path,
) -> FeatureInput<'a> {
    let files = unit
        .files
        .iter()
        .map(|found| InputFile {
            path: display(&found.path, cwd),
            rel: relative(&found.path, &unit.dir),
            content: load(found, config.max_file_size, within),
            ignored: config.ignored_for(&absolute(&found.path)),
        })
        .collect();
    FeatureInput {
        dir: display(&unit.label, cwd),
        name: unit
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        files,
        probe,
        project: profile,
    }
}

/// Reads a file's bytes, unless it is too large, not a regular file, unreadable, or a link to
/// a place outside `within` (the project, or the feature folder when there is no project).
fn load(found: &Found, limit: u64, within: &Path) -> Content {
    if found.is_dir {
        return Content::Unreadable("it is a directory, where a file is expected".to_owned());
    }
    let read = if found.linked {
        read::read_within(&found.path, within, limit)
    } else {
        read::read_bounded(&found.path, limit)
    };
    match read {
        Ok(bytes) => Content::Bytes(bytes),
        Err(ReadError::TooLarge { size, limit }) => Content::TooLarge { size, limit },
        Err(error) => Content::Unreadable(error.to_string()),
    }
}

/// Answers existence questions for the core.
struct DiskProbe {
    dir: PathBuf,
    root: Option<PathBuf>,
}

impl Probe for DiskProbe {
    fn entry(&self, path: &str) -> Option<EntryKind> {
        entry_at(&self.dir.join(path))
    }

    fn entry_from_root(&self, path: &str) -> Option<Option<EntryKind>> {
        let root = self.root.clone().or_else(|| epic_root(&self.dir))?;
        Some(entry_at(&root.join(path)))
    }
}

/// In an epic tree (`<root>/plans/<scope>/<service>/<EPIC>/features/<F>`) the repository root is
/// the folder holding `plans/`, whether or not it has a `.specify/` folder.
fn epic_root(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    absolute
        .ancestors()
        .find(|ancestor| ancestor.file_name().is_some_and(|name| name == "plans"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

fn entry_at(path: &Path) -> Option<EntryKind> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.is_dir() {
        let empty = std::fs::read_dir(path).map_or(true, |mut entries| entries.next().is_none());
        Some(if empty {
            EntryKind::EmptyDir
        } else {
            EntryKind::Dir
        })
    } else {
        Some(EntryKind::File)
    }
}

/// Project profiles, computed once per project root and shared by its features.
#[derive(Default)]
struct Profiles {
    roots: HashMap<PathBuf, Option<PathBuf>>,
    profiles: HashMap<PathBuf, Arc<ProjectProfile>>,
    none: Arc<ProjectProfile>,
    /// What stood in the way of the profiles, for the run's errors.
    errors: Vec<String>,
}

impl Profiles {
    fn for_dir(
        &mut self,
        dir: &Path,
        units: &[Unit],
        limit: u64,
    ) -> (Option<PathBuf>, Arc<ProjectProfile>) {
        let parent = dir.parent().unwrap_or(dir).to_path_buf();
        let root = self
            .roots
            .entry(parent.clone())
            .or_insert_with(|| project::find_root(&parent))
            .clone();
        let Some(root) = root else {
            return (None, Arc::clone(&self.none));
        };
        let profile = self.profiles.entry(root.clone()).or_insert_with(|| {
            let project::Profile { profile, errors } = project::profile(&root, limit);
            self.errors.extend(errors);
            let profile = match sample_plan(&root, units, limit) {
                Some((name, bytes)) => profile.with_sample_plan(&name, bytes),
                None => profile,
            };
            Arc::new(profile.with_specs(specs(&root, units, limit)))
        });
        (Some(root), Arc::clone(profile))
    }
}

/// One plan of the project under `root`, to learn the dialect its plans are written in.
fn sample_plan(root: &Path, units: &[Unit], limit: u64) -> Option<(String, Vec<u8>)> {
    project_files(root, units, FileKind::Plan).find_map(|found| match load(found, limit, root) {
        Content::Bytes(bytes) => {
            let name = found.path.file_name()?.to_string_lossy().into_owned();
            Some((name, bytes))
        }
        _ => None,
    })
}

/// How many of a project's specs, and how much of the start of each, are read to learn the
/// conventions they share: the branch field is in a spec's header, and a sample speaks for a
/// project as well as ten thousand specs would, so a large tree pays no second full read.
const SPEC_SAMPLE: usize = 64;
const SPEC_HEADER: usize = 4096;

/// The headers of a sample of the specs of the project under `root` found by the walk, for
/// the conventions they share (their branch scheme).
fn specs<'a>(root: &'a Path, units: &'a [Unit], limit: u64) -> impl Iterator<Item = Vec<u8>> + 'a {
    project_files(root, units, FileKind::Spec)
        .filter_map(move |found| match load(found, limit, root) {
            Content::Bytes(mut bytes) => {
                if bytes.len() > SPEC_HEADER {
                    let end = bytes
                        .get(..SPEC_HEADER)
                        .and_then(|head| head.iter().rposition(|&b| b == b'\n'))
                        .unwrap_or(SPEC_HEADER);
                    bytes.truncate(end);
                }
                Some(bytes)
            }
            _ => None,
        })
        .take(SPEC_SAMPLE)
}

/// The files of kind `kind` the walk found in the project under `root`.
fn project_files<'a>(
    root: &'a Path,
    units: &'a [Unit],
    kind: FileKind,
) -> impl Iterator<Item = &'a Found> + 'a {
    units
        .iter()
        .filter(move |unit| absolute(&unit.dir).starts_with(root))
        .flat_map(|unit| unit.files.iter())
        .filter(move |found| !found.is_dir && kind_of(&found.path.to_string_lossy()) == kind)
}

/// `path` relative to `base`, with `/` separators.
fn relative(path: &Path, base: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A path as printed: relative to the current directory when it is inside it.
fn display(path: &Path, cwd: &Path) -> String {
    let shown = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    let text = path_text::shown(shown);
    let text = text
        .strip_prefix("./")
        .or_else(|| text.strip_prefix(".\\"))
        .unwrap_or(&text);
    if text.is_empty() {
        ".".to_owned()
    } else {
        text.to_owned()
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
