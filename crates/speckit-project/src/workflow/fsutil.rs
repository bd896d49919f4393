//! Disk helpers with the two guarantees every speckit write keeps: it is atomic (a temporary
//! file in the same folder, then a rename) and it never replaces a file it was not asked to.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A failed disk operation, naming the path it was about.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", path.display())]
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

fn temp_in(dir: &Path) -> Result<tempfile::NamedTempFile, FsError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".speckit-tmp-");
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
/// The folder does not exist or cannot be written.
pub fn write_replace(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
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
/// The folder does not exist or cannot be written.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool, FsError> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    let temp = filled_temp(path, bytes)?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(FsError::new("cannot write", path, e.error)),
    }
}

/// `mkdir -p`.
///
/// # Errors
/// A component exists and is not a directory, or the folder cannot be created.
pub fn create_dirs(path: &Path) -> Result<(), FsError> {
    fs::create_dir_all(path).map_err(|e| FsError::new("cannot create directory", path, e))
}

/// Reads a whole file.
///
/// # Errors
/// The file cannot be read.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    fs::read(path).map_err(|e| FsError::new("cannot read", path, e))
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
        assert!(write_new(&path, b"first").unwrap());
        assert!(!write_new(&path, b"second").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"first");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn write_replace_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feature.json");
        write_replace(&path, b"a").unwrap();
        write_replace(&path, b"b").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_into_a_missing_folder_fail_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("x.md");
        assert!(write_new(&path, b"x").is_err());
        assert!(write_replace(&path, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_a_normal_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        write_new(&path, b"x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others unless the umask says otherwise: {mode:o}"
        );
    }
}
