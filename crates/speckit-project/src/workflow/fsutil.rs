//! Disk helpers with the three guarantees every speckit write keeps: it is atomic (a temporary
//! file in the same folder, then a rename), it never replaces a file it was not asked to, and
//! it lands inside the folder it names as its bounds (the project), however the folders on the
//! way are linked: a repository can commit `specs` as a link to `/`, and a name is only text.

use crate::path_text::shown;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// A failed disk operation, naming the path it was about.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", shown(path))]
pub struct FsError {
    action: &'static str,
    path: PathBuf,
    #[source]
    source: std::io::Error,
}

impl FsError {
    /// Wraps `source`, which happened while doing `action` ("cannot write", ...) to `path`.
    pub fn new(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self {
            action,
            path: path.into(),
            source,
        }
    }
}

/// Refuses a write to `path` unless it lands inside `within` once links are resolved: the
/// deepest part of `path` that exists is resolved, and the rest must be plain names.
fn admit(within: &Path, path: &Path) -> Result<(), FsError> {
    let refuse = |detail: String| {
        FsError::new(
            "refusing to write",
            path,
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, detail),
        )
    };
    let root = fs::canonicalize(within).map_err(|e| FsError::new("cannot resolve", within, e))?;
    let absolute =
        std::path::absolute(path).map_err(|e| FsError::new("cannot resolve", path, e))?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        missing.push(name);
        existing = parent;
    }
    if absolute.strip_prefix(existing).is_ok_and(|rest| {
        rest.components()
            .any(|c| !matches!(c, Component::Normal(_)))
    }) {
        return Err(refuse("it climbs out with `..`".to_owned()));
    }
    let resolved =
        fs::canonicalize(existing).map_err(|e| FsError::new("cannot resolve", existing, e))?;
    if resolved.starts_with(&root) {
        Ok(())
    } else {
        Err(refuse(format!(
            "{} resolves to {}, outside the project {}",
            shown(existing),
            shown(&resolved),
            shown(&root)
        )))
    }
}

/// What every temporary file of a write is called, before its rename.
const TEMP_PREFIX: &str = ".speckit-tmp-";

/// A temporary file this old is what a killed run left behind: no write takes an hour.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes the temporary files that killed runs left in `dir`.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX))
            && entry
                .metadata()
                .ok()
                .filter(fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_in(dir: &Path) -> Result<tempfile::NamedTempFile, FsError> {
    remove_stale_temps(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        // New files get the usual 0666-minus-umask mode rather than tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(dir)
        .map_err(|e| FsError::new("cannot create a temporary file in", dir, e))
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn filled_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, FsError> {
    let mut temp = temp_in(parent_of(path))?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .map_err(|e| FsError::new("cannot write", path, e))?;
    Ok(temp)
}

/// Writes `bytes` to `path` atomically, replacing the file if it exists (keeping its mode).
///
/// # Errors
/// The folder does not exist or cannot be written, or `path` lands outside `within`.
pub fn write_replace(within: &Path, path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    admit(within, path)?;
    let temp = filled_temp(path, bytes)?;
    if let Ok(existing) = fs::metadata(path) {
        // Best effort: a file whose mode cannot be copied still gets its new content.
        let _ = fs::set_permissions(temp.path(), existing.permissions());
    }
    temp.persist(path)
        .map_err(|e| FsError::new("cannot write", path, e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically only if nothing exists there yet. Returns `false`, and
/// leaves the existing file alone, when something does.
///
/// # Errors
/// The folder does not exist or cannot be written, or `path` lands outside `within`.
pub fn write_new(within: &Path, path: &Path, bytes: &[u8]) -> Result<bool, FsError> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    admit(within, path)?;
    let temp = filled_temp(path, bytes)?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(FsError::new("cannot write", path, e.error)),
    }
}

/// `mkdir -p`, inside `within`.
///
/// # Errors
/// A component exists and is not a directory, the folder cannot be created, or it lands
/// outside `within`.
pub fn create_dirs(within: &Path, path: &Path) -> Result<(), FsError> {
    admit(within, path)?;
    fs::create_dir_all(path).map_err(|e| FsError::new("cannot create directory", path, e))
}

/// `[ -f path ]`: a regular file, following symlinks.
#[must_use]
pub fn is_file(path: impl AsRef<Path>) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// `[ -d path ]`: a directory, following symlinks.
#[must_use]
pub fn is_dir(path: impl AsRef<Path>) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// `[ -s path ]`: exists with a size greater than zero.
#[must_use]
pub fn is_non_empty_file(path: impl AsRef<Path>) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// `[ -d dir ] && [ -n "$(ls -A dir)" ]`: a directory with at least one entry.
#[must_use]
pub fn dir_has_entries(path: impl AsRef<Path>) -> bool {
    fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_some())
}

/// The names of the entries a shell glob `dir/*` would list: not hidden, valid UTF-8, sorted
/// in byte order (the C.UTF-8 collation).
#[must_use]
pub fn glob_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.md");
        assert!(write_new(dir.path(), &path, b"first").unwrap());
        assert!(!write_new(dir.path(), &path, b"second").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"first");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn write_replace_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feature.json");
        write_replace(dir.path(), &path, b"a").unwrap();
        write_replace(dir.path(), &path, b"b").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_into_a_missing_folder_fail_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("x.md");
        assert!(write_new(dir.path(), &path, b"x").is_err());
        assert!(write_replace(dir.path(), &path, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_a_normal_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        write_new(dir.path(), &path, b"x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others unless the umask says otherwise: {mode:o}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_link_out_of_the_project_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("specs")).unwrap();
        let spec = dir.path().join("specs/001-escape/spec.md");
        assert!(create_dirs(dir.path(), spec.parent().unwrap()).is_err());
        assert!(write_new(dir.path(), &spec, b"x").is_err());
        assert!(write_replace(dir.path(), &dir.path().join("specs/x.md"), b"x").is_err());
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        let climbing = dir.path().join("new/../../escape.md");
        assert!(create_dirs(dir.path(), &climbing).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_that_stay_inside_the_project_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("specs")).unwrap();
        let spec = dir.path().join("specs/001-inside/spec.md");
        create_dirs(dir.path(), spec.parent().unwrap()).unwrap();
        assert!(write_new(dir.path(), &spec, b"x").unwrap());
        assert_eq!(
            fs::read(dir.path().join("real/001-inside/spec.md")).unwrap(),
            b"x"
        );
    }

    #[test]
    fn temporary_files_of_killed_runs_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".speckit-tmp-stale");
        let fresh = dir.path().join(".speckit-tmp-fresh");
        fs::write(&stale, b"half").unwrap();
        fs::write(&fresh, b"busy").unwrap();
        let old = std::time::SystemTime::now() - 2 * STALE_TEMP;
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_new(dir.path(), &dir.path().join("plan.md"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "another run may still be writing it");
    }
}
