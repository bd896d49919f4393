//! The one way speckit reads a file: only regular files, never more than a limit, and never
//! waiting on a pipe.
//!
//! A repository under review is untrusted input: a pull request can commit a symbolic link
//! named `plan.md` that points at `/dev/zero`, or a FIFO. So a read opens the path without
//! blocking (a FIFO with no writer would otherwise hang the open), asks the open handle what it
//! is (so the answer is about the file actually read, not a path looked at earlier), refuses
//! anything but a regular file, and stops after `limit + 1` bytes whatever the metadata claims
//! (files under `/proc` report a size of zero; a file can grow while it is read).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The limit for configuration and state files (`speckit.toml`, `feature.json`, manifests):
/// far above any real one, far below what could exhaust memory.
pub const CONFIG_LIMIT: u64 = 1024 * 1024;

/// The limit for artifacts and templates when the configuration sets none (`max-file-size`).
pub const DEFAULT_LIMIT: u64 = 8 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Something other than a regular file stands at the path.
    #[error("it is {0}, where a regular file is expected")]
    NotRegular(&'static str),
    /// The file holds more than the limit.
    #[error("it is larger than the limit of {limit} bytes")]
    TooLarge {
        /// What the file's metadata claimed, when it claimed more than the limit.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// The file resolves to a place outside the folder it must stay in.
    #[error(
        "it is a link to {}, outside {}",
        crate::path_text::shown(target),
        crate::path_text::shown(within)
    )]
    Outside {
        /// Where the path resolves to.
        target: PathBuf,
        /// The folder it had to stay in.
        within: PathBuf,
    },
    /// The operating system refused.
    #[error("{}", describe(.0))]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// Whether nothing exists at the path (not even a dangling link's target).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(error) if error.kind() == std::io::ErrorKind::NotFound)
    }
}

impl From<ReadError> for std::io::Error {
    fn from(error: ReadError) -> Self {
        match error {
            ReadError::Io(error) => error,
            // The message alone: an `io::Error` wrapping the error itself would also name it as
            // its source, and error chains would print it twice.
            other => std::io::Error::other(other.to_string()),
        }
    }
}

/// Reads the regular file at `path`, at most `limit` bytes of it.
///
/// # Errors
/// The path is not a regular file (a folder, a FIFO, a device, a socket), holds more than
/// `limit` bytes, or cannot be opened or read.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let claimed = file.metadata()?.len();
    if claimed > limit {
        return Err(ReadError::TooLarge {
            size: Some(claimed),
            limit,
        });
    }
    let capacity = usize::try_from(claimed).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text (a leading byte-order mark removed), at most
/// `limit` bytes of it.
///
/// # Errors
/// As [`read_bounded`], and when the bytes are not UTF-8.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, ReadError> {
    let mut bytes = read_bounded(path, limit)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is not valid UTF-8",
        ))
    })
}

/// Like [`read_bounded`], but first refuses a path that resolves (through symbolic links)
/// to a place outside `within`: a link in a repository must not make speckit show or copy a
/// file from elsewhere on the machine.
///
/// # Errors
/// As [`read_bounded`], and [`ReadError::Outside`].
pub fn read_within(path: &Path, within: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    ensure_within(path, within)?;
    read_bounded(path, limit)
}

/// Refuses a path that resolves outside `within` (both through symbolic links). A path that
/// does not exist is left for the read to report.
///
/// # Errors
/// [`ReadError::Outside`].
pub fn ensure_within(path: &Path, within: &Path) -> Result<(), ReadError> {
    let (Ok(target), Ok(root)) = (std::fs::canonicalize(path), std::fs::canonicalize(within))
    else {
        return Ok(());
    };
    if target.starts_with(&root) {
        Ok(())
    } else {
        Err(ReadError::Outside {
            target,
            within: root,
        })
    }
}

/// Opens `path` for reading without waiting for a writer, and checks through the handle that
/// it is a regular file.
fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // Windows refuses to open a folder as a file ("access denied"): say what it is.
        Err(error) => {
            return Err(match std::fs::metadata(path) {
                Ok(metadata) if !metadata.is_file() => {
                    ReadError::NotRegular(describe_type(metadata.file_type()))
                }
                _ => error.into(),
            });
        }
    };
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        Ok(file)
    } else {
        Err(ReadError::NotRegular(describe_type(file_type)))
    }
}

fn describe_type(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn describe(error: &std::io::Error) -> String {
    // ELOOP has no stable ErrorKind; say what it means.
    if cfg!(unix) && error.raw_os_error() == Some(40) {
        return "too many levels of symbolic links (a symlink loop)".to_owned();
    }
    error.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        std::fs::write(&path, b"# Plan\n").unwrap();
        assert_eq!(read_bounded(&path, 100).unwrap(), b"# Plan\n");
        assert!(matches!(
            read_bounded(&path, 3),
            Err(ReadError::TooLarge { size: Some(7), .. })
        ));
    }

    #[test]
    fn a_text_loses_its_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feature.json");
        std::fs::write(&path, b"\xEF\xBB\xBF{}").unwrap();
        assert_eq!(read_text_bounded(&path, 100).unwrap(), "{}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(matches!(
            read_bounded(&path, 100),
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        ));
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bounded(dir.path(), 100),
            Err(ReadError::NotRegular("a directory"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_and_the_limit_holds_without_metadata() {
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular("a device"))
        ));
        // /proc files claim a size of zero: the limit is applied to what is read.
        if Path::new("/proc/self/maps").exists() {
            assert!(matches!(
                read_bounded(Path::new("/proc/self/maps"), 10),
                Err(ReadError::TooLarge { size: None, .. })
            ));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("repo");
        std::fs::create_dir(&inside).unwrap();
        std::fs::write(dir.path().join("secret"), b"secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), inside.join("spec.md")).unwrap();
        std::fs::write(inside.join("own.md"), b"own").unwrap();
        std::os::unix::fs::symlink(inside.join("own.md"), inside.join("plan.md")).unwrap();
        assert!(matches!(
            read_within(&inside.join("spec.md"), &inside, 100),
            Err(ReadError::Outside { .. })
        ));
        assert_eq!(
            read_within(&inside.join("plan.md"), &inside, 100).unwrap(),
            b"own"
        );
    }
}
