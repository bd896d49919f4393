//! The `epic` dialect's quality gates at the disk edge: finding the checklists, reading them,
//! checking their features with the check engine, and appending the results to the harness log.
//!
//! `speckit gate` stands in for the dialect's `scripts/validate_plan.sh` (and, for specs,
//! `validate_spec.sh`): the same checklists, the same open-item rule and the same log text
//! ([`log`]). It also checks what those scripts never read, the feature's plan and design
//! files, unless asked not to.

pub mod log;

use crate::path_text::{self, shown};
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use speckit_lint::{FeatureReport, FileKind, Severity, Stage, Verdict};

use crate::config::CheckConfig;
use crate::read;
use crate::tree::{Unit, unit_dir};
use crate::workflow::fsutil::{self, FsError};
use crate::workflow::lock;
use crate::{Error, project, runner};

pub use log::{GateKind, Item, OpenItem};

/// Where the harness log lives, relative to the project root.
pub const LOG_PATH: &str = "harness/AI-Agent-progress.txt";

/// The folder the gate works from, found from the working directory `cwd` (absolute): the
/// project root (the nearest folder holding `.specify/`, else the one holding an epic tree's
/// `plans/`), else the git repository's top folder as the scripts use, else `cwd` itself.
#[must_use]
pub fn gate_root(cwd: &Path) -> PathBuf {
    project::find_root(cwd)
        .or_else(|| {
            cwd.ancestors()
                .find(|dir| dir.join(".git").exists())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// The clock, read at the edge: the current time as the log writes it.
#[must_use]
pub fn now() -> String {
    log::timestamp_text(jiff::Timestamp::now())
}

/// The checklists a run found under `plans/`, and the folders it could not read.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Every `plans/**/features/*/checklists/<name>`, as
    /// `find plans -type f -path "*/features/*/checklists/<name>" | sort` lists them: regular
    /// files only (no links), in byte order of their paths.
    pub checklists: Vec<PathBuf>,
    /// Folders that could not be read, with the reason.
    pub errors: Vec<String>,
}

/// Finds the gate's checklists under `root/plans`.
#[must_use]
pub fn discover(root: &Path, kind: GateKind) -> Discovery {
    let mut discovery = Discovery::default();
    let plans = root.join("plans");
    if !plans.is_dir() {
        return discovery;
    }
    let suffix = format!("/checklists/{}", kind.checklist_name());
    let mut pending = vec![plans];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                discovery.errors.push(format!("{}: {error}", shown(&dir)));
                continue;
            }
        };
        for entry in entries.flatten() {
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file() {
                let rel = slash_path(path.strip_prefix(root).unwrap_or(&path));
                // `*` in `find -path` also matches `/`: the features folder may be anywhere
                // above the checklists folder's parent.
                if rel
                    .strip_suffix(&suffix)
                    .is_some_and(|head| head.contains("/features/"))
                {
                    discovery.checklists.push(path);
                }
            }
        }
    }
    discovery.checklists.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    discovery.errors.sort();
    discovery
}

/// A checklist to check: where it is read from and how the log names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The file.
    pub path: PathBuf,
    /// Its name in the log: relative to the root when it is inside it, as the scripts print
    /// `${file#$REPO_ROOT/}`; for a file that does not exist, the path the scripts looked at
    /// (`$REPO_ROOT/<argument>`).
    pub shown: String,
    /// Whether it is a regular file (links followed), as `[ -f "$file" ]` asks.
    pub exists: bool,
}

/// A checklist found by [`discover`].
#[must_use]
pub fn discovered(root: &Path, path: PathBuf) -> Target {
    Target {
        shown: slash_path(path.strip_prefix(root).unwrap_or(&path)),
        exists: true,
        path,
    }
}

/// A checklist named on the command line. A relative path is taken from the working directory
/// `cwd`, as everywhere in speckit; when nothing is there, from the project root, as the
/// scripts take it.
#[must_use]
pub fn named(root: &Path, cwd: &Path, arg: &Path) -> Target {
    let mut target = named_as_typed(root, cwd, arg);
    target.shown = path_text::display(&target.shown).into_owned();
    target
}

fn named_as_typed(root: &Path, cwd: &Path, arg: &Path) -> Target {
    let typed = arg.to_string_lossy().into_owned();
    let root_text = root.to_string_lossy();
    if arg.is_absolute() {
        let shown = arg
            .strip_prefix(root)
            .map_or_else(|_| typed.clone(), slash_path);
        return Target {
            exists: fsutil::is_file(arg),
            path: arg.to_path_buf(),
            shown,
        };
    }
    let from_cwd = cwd.join(arg);
    if fsutil::is_file(&from_cwd) {
        let shown = match cwd.strip_prefix(root) {
            Ok(inside) if inside.as_os_str().is_empty() => typed,
            Ok(inside) => format!("{}/{typed}", slash_path(inside)),
            Err(_) => slash_path(&from_cwd),
        };
        return Target {
            path: from_cwd,
            shown,
            exists: true,
        };
    }
    let from_root = root.join(arg);
    let exists = fsutil::is_file(&from_root);
    Target {
        shown: if exists {
            typed
        } else {
            path_text::join(&root_text, &typed)
        },
        path: from_root,
        exists,
    }
}

/// What the check engine says of a checklist's feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureCheck {
    /// The feature folder as `speckit check` prints it (relative to the working directory).
    pub dir: String,
    /// The stage it was checked at.
    pub stage: Stage,
    /// The worst verdict of the files the gate judges.
    pub verdict: Verdict,
    /// Error findings in those files.
    pub errors: usize,
    /// Warning findings in those files.
    pub warnings: usize,
}

/// One checklist's outcome.
#[derive(Clone, Debug)]
pub struct GateResult {
    /// The checklist.
    pub target: Target,
    /// Why the checklist itself fails: open items, or that it is missing or unreadable.
    pub checklist: Vec<Item>,
    /// The feature's own check, unless the gate was asked to read the checklist only (or the
    /// checklist is missing).
    pub check: Option<FeatureCheck>,
}

impl GateResult {
    /// Whether the checklist is complete and the feature, if checked, is ready.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checklist.is_empty()
            && self
                .check
                .as_ref()
                .is_none_or(|c| c.verdict == Verdict::Ready)
    }

    /// The items of its log entry: the checklist's, then the feature check's when it failed.
    #[must_use]
    pub fn log_items(&self) -> Vec<Item> {
        let mut items = self.checklist.clone();
        if let Some(check) = self.check.as_ref().filter(|c| c.verdict != Verdict::Ready) {
            items.push(Item::FeatureCheck {
                stage: check.stage,
                verdict: check.verdict,
                errors: check.errors,
            });
        }
        items
    }
}

/// Reads each checklist and, when `config` is given, checks each one's feature folder with the
/// engine at `config`'s stage (which the caller sets to `kind.stage()`).
///
/// # Errors
/// A feature folder could not be walked.
pub fn check(
    kind: GateKind,
    targets: Vec<Target>,
    config: Option<&CheckConfig>,
) -> Result<Vec<GateResult>, Error> {
    let checks = match config {
        Some(config) => check_features(kind, &targets, config)?,
        None => HashMap::new(),
    };
    Ok(targets
        .into_iter()
        .map(|target| {
            let checklist = if target.exists {
                match read::read_bounded(&target.path, read::DEFAULT_LIMIT) {
                    Ok(bytes) => log::open_items(&String::from_utf8_lossy(&bytes))
                        .into_iter()
                        .map(Item::Open)
                        .collect(),
                    Err(error) => vec![Item::Unreadable(error.to_string())],
                }
            } else {
                vec![Item::NotFound]
            };
            let check = target
                .exists
                .then(|| checks.get(&unit_dir(&target.path)).cloned())
                .flatten();
            GateResult {
                target,
                checklist,
                check,
            }
        })
        .collect())
}

/// Checks the feature folders of the existing checklists, one engine run for all of them.
fn check_features(
    kind: GateKind,
    targets: &[Target],
    config: &CheckConfig,
) -> Result<HashMap<PathBuf, FeatureCheck>, Error> {
    let dirs: BTreeSet<PathBuf> = targets
        .iter()
        .filter(|target| target.exists)
        .map(|target| unit_dir(&target.path))
        .collect();
    if dirs.is_empty() {
        return Ok(HashMap::new());
    }
    let dirs: Vec<PathBuf> = dirs.into_iter().collect();
    let stage = kind.stage();
    let mut checks = HashMap::new();
    runner::run_map(
        &dirs,
        config,
        false,
        |unit, report| (unit.dir.clone(), judge(kind, stage, unit, &report)),
        |(dir, check)| {
            checks.insert(dir, check);
            Ok::<(), Error>(())
        },
    )?;
    Ok(checks)
}

/// The feature check over the files a gate judges. The plan gate judges everything but
/// tasks.md (which comes after the plan) and its own checklist (whose items the log lists
/// already); the spec gate judges the spec.
fn judge(kind: GateKind, stage: Stage, unit: &Unit, report: &FeatureReport) -> FeatureCheck {
    let mut check = FeatureCheck {
        dir: report.dir.clone(),
        stage,
        verdict: Verdict::Ready,
        errors: 0,
        warnings: 0,
    };
    for (found, file) in unit.files.iter().zip(&report.files) {
        let judged = match kind {
            GateKind::Plan => file.kind != FileKind::Tasks && !is_checklist(kind, &found.path),
            GateKind::Spec => file.kind == FileKind::Spec,
        };
        if !judged {
            continue;
        }
        check.verdict = check.verdict.max(file.verdict);
        check.errors += count(file, Severity::Error);
        check.warnings += count(file, Severity::Warning);
    }
    check
}

fn count(file: &speckit_lint::FileReport, severity: Severity) -> usize {
    file.diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// Whether `path` is the gate's checklist of its feature (`checklists/<name>`).
fn is_checklist(kind: GateKind, path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == kind.checklist_name())
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|parent| parent == "checklists")
}

/// The largest progress log `append_log` rewrites: years of entries, and still bounded.
const LOG_LIMIT: u64 = 64 * 1024 * 1024;

/// Appends `text` to the log at `path`, creating it and its folder when missing. The append is
/// atomic (the whole new content is written beside the log and renamed over it) and runs under
/// a lock on the log's folder, so two gates run at once both keep their entries. The log must
/// land inside `within` (the project for the default log); `None` is a log the user named,
/// written where they said.
///
/// # Errors
/// The folder cannot be created or locked, the log cannot be read or written, or it lands
/// outside `within`.
pub fn append_log(path: &Path, text: &str, within: Option<&Path>) -> Result<(), FsError> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let within = match within {
        Some(within) => within,
        None => {
            fs::create_dir_all(dir).map_err(|e| FsError::new("cannot create directory", dir, e))?;
            dir
        }
    };
    fsutil::create_dirs(within, dir)?;
    let _lock = lock::lock_project(&dir.to_string_lossy())?;
    let mut content = match read::read_bounded(path, LOG_LIMIT) {
        Ok(bytes) => bytes,
        Err(error) if error.is_not_found() => Vec::new(),
        Err(error) => return Err(FsError::new("cannot read", path, error.into())),
    };
    // The scripts append with `tee -a`: no newline is added before the entry, whatever the
    // log ends with.
    content.extend_from_slice(text.as_bytes());
    fsutil::write_replace(within, path, &content)
}

/// A path with `/` separators, as the log writes paths.
fn slash_path(path: &Path) -> String {
    path.iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path_text::display;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "- [x] done\n").unwrap();
    }

    #[test]
    fn discovery_lists_feature_checklists_in_byte_order() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        for rel in [
            "plans/s/svc/E/features/F-2/checklists/PlanQualityGate.md",
            "plans/s/svc/E/features/F-1/checklists/PlanQualityGate.md",
            "plans/s/svc/E/features/F-1/checklists/requirements.md",
            "plans/s/svc/E/features/F-1/deep/checklists/PlanQualityGate.md",
            "plans/s/svc/E/checklists/PlanQualityGate.md",
            "plans/s/svc/E-x/features/F/checklists/PlanQualityGate.md",
            "other/features/F/checklists/PlanQualityGate.md",
        ] {
            touch(&root.join(rel));
        }
        let found: Vec<String> = discover(root, GateKind::Plan)
            .checklists
            .into_iter()
            .map(|path| discovered(root, path).shown)
            .collect();
        assert_eq!(
            found,
            [
                // `-` sorts before `/` byte by byte, as `sort` orders them.
                "plans/s/svc/E-x/features/F/checklists/PlanQualityGate.md",
                "plans/s/svc/E/features/F-1/checklists/PlanQualityGate.md",
                "plans/s/svc/E/features/F-1/deep/checklists/PlanQualityGate.md",
                "plans/s/svc/E/features/F-2/checklists/PlanQualityGate.md",
            ]
        );
        let specs = discover(root, GateKind::Spec).checklists;
        assert_eq!(specs.len(), 1);
        assert!(
            discover(&root.join("other"), GateKind::Plan)
                .checklists
                .is_empty()
        );
    }

    #[cfg(unix)]
    #[test]
    fn discovery_skips_links_as_find_type_f_does() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let real = root.join("plans/E/features/F/checklists/PlanQualityGate.md");
        touch(&real);
        let linked = root.join("plans/E/features/G/checklists");
        fs::create_dir_all(&linked).unwrap();
        std::os::unix::fs::symlink(&real, linked.join("PlanQualityGate.md")).unwrap();
        assert_eq!(discover(root, GateKind::Plan).checklists, [real]);
    }

    #[test]
    fn named_checklists_are_shown_as_the_scripts_show_them() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let rel = "plans/E/features/F/checklists/PlanQualityGate.md";
        touch(&root.join(rel));

        let from_root = named(root, root, Path::new(rel));
        assert_eq!(
            (from_root.shown, from_root.exists),
            (display(rel).into_owned(), true)
        );
        assert_eq!(
            named(root, root, Path::new(&format!("./{rel}"))).shown,
            display(&format!("./{rel}"))
        );

        let absolute = named(root, Path::new("/"), &root.join(rel));
        assert_eq!(absolute.shown, display(rel));

        let sub = root.join("plans/E");
        let from_sub = named(
            root,
            &sub,
            Path::new("features/F/checklists/PlanQualityGate.md"),
        );
        assert_eq!(
            from_sub.shown,
            display("plans/E/features/F/checklists/PlanQualityGate.md")
        );
        assert!(from_sub.exists);
        // Not below the working directory, but below the root: found as the scripts find it.
        let root_relative = named(root, &sub, Path::new(rel));
        assert!(root_relative.exists);
        assert_eq!(root_relative.shown, display(rel));

        let missing = named(root, root, Path::new("plans/nope/PlanQualityGate.md"));
        assert!(!missing.exists);
        assert_eq!(
            missing.shown,
            display(&format!("{}/plans/nope/PlanQualityGate.md", root.display()))
        );
    }

    #[test]
    fn appending_keeps_what_the_log_holds() {
        let root = tempfile::tempdir().unwrap();
        let log = root.path().join("harness").join("AI-Agent-progress.txt");
        append_log(&log, "first\n", None).unwrap();
        append_log(&log, "second\n", None).unwrap();
        assert_eq!(fs::read_to_string(&log).unwrap(), "first\nsecond\n");
        fs::write(&log, "no newline at the end").unwrap();
        append_log(&log, "[x] next\n", None).unwrap();
        assert_eq!(
            fs::read_to_string(&log).unwrap(),
            "no newline at the end[x] next\n"
        );
        let names: Vec<_> = fs::read_dir(log.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn concurrent_appends_lose_no_entry() {
        let root = tempfile::tempdir().unwrap();
        let log = root.path().join("harness").join("AI-Agent-progress.txt");
        std::thread::scope(|scope| {
            for index in 0..8 {
                let log = &log;
                scope.spawn(move || append_log(log, &format!("entry {index}\n"), None).unwrap());
            }
        });
        let text = fs::read_to_string(&log).unwrap();
        assert_eq!(text.lines().count(), 8, "{text}");
    }
}
