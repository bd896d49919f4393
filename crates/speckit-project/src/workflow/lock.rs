//! A per-project lock that serialises feature creation.
//!
//! Spec Kit's script picks "highest number + 1" and then creates the folder, so two agents
//! running it at once can pick the same number. speckit holds an exclusive OS lock (`flock` /
//! `LockFileEx`) from the scan to the folder's creation. The lock is taken on the project's root
//! folder itself on Unix, so no lock file ever appears in the project; on Windows, where a folder
//! cannot be locked, it is a file in the temporary directory named after the project's path. An
//! OS lock is released by the kernel when its holder dies, so a crashed run never leaves a stale
//! lock behind (which a create-exclusively lock file would).

use std::fs::File;

use crate::workflow::fsutil::FsError;

/// Held while a feature is being created; dropping it releases the lock.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

#[cfg(unix)]
fn lock_target(root: &str) -> std::io::Result<File> {
    File::open(root)
}

#[cfg(not(unix))]
fn lock_target(root: &str) -> std::io::Result<File> {
    use std::hash::{Hash, Hasher};
    let canonical = std::fs::canonicalize(root)?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    let path = std::env::temp_dir().join(format!("speckit-{:016x}.lock", hasher.finish()));
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// Blocks until this process holds the project's feature-creation lock.
///
/// # Errors
/// The project folder cannot be opened or locked.
pub fn lock_project(root: &str) -> Result<ProjectLock, FsError> {
    let file = lock_target(root).map_err(|e| FsError::new("cannot open for locking", root, e))?;
    fs4::FileExt::lock(&file).map_err(|e| FsError::new("cannot lock", root, e))?;
    Ok(ProjectLock { _file: file })
}
