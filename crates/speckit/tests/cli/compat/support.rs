//! Running the `speckit` binary in a scratch project, for the tests of the native commands.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn speckit() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_speckit"))
}

/// A command for `speckit` in `dir`, with a clean environment.
pub(crate) fn speckit_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(speckit());
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .stdin(Stdio::null());
    command
}

pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    speckit_in(dir, args).output().unwrap()
}

pub(crate) fn ok(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, args);
    assert!(
        output.status.success(),
        "speckit {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A fresh project made by `speckit init` with the given arguments.
pub(crate) fn project(init_args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    let mut args = vec!["init", "app"];
    args.extend_from_slice(init_args);
    ok(dir.path(), &args);
    (dir, root)
}

/// Every file under `dir` (relative paths), sorted.
pub(crate) fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                if entry.file_name() != ".git" {
                    stack.push(path);
                }
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}
