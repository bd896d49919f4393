//! The few git operations feature branches need, run through the `git` program.

use crate::path_text::join;
use std::process::{Command, Stdio};

fn git(root: &str) -> Command {
    let mut command = Command::new("git");
    command.current_dir(root).stdin(Stdio::null());
    command
}

/// Runs git and returns its standard output, or `None` when it fails or cannot start.
fn output(root: &str, args: &[&str]) -> Option<String> {
    let out = git(root).args(args).stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs git, capturing standard output and error together (as `$(git … 2>&1)` does), with
/// trailing newlines removed. `Err` carries the text when git fails.
fn combined(root: &str, args: &[&str]) -> Result<(), String> {
    let out = git(root)
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Err(text.trim_end_matches('\n').to_owned())
}

/// Whether `root` is the top of a git work tree (`.git` exists there and git agrees).
#[must_use]
pub fn has_git(root: &str) -> bool {
    std::fs::symlink_metadata(join(root, ".git")).is_ok()
        && output(root, &["rev-parse", "--is-inside-work-tree"]).is_some()
}

/// Local and remote-tracking branch names as `git branch -a` lists them, with the current
/// branch marker and the `remotes/<remote>/` prefix removed.
#[must_use]
pub fn all_branch_names(root: &str) -> Vec<String> {
    let Some(text) = output(root, &["branch", "-a"]) else {
        return Vec::new();
    };
    text.lines()
        .map(|raw| {
            let mut name = raw;
            if let Some(rest) = name.strip_prefix(['*', '+'])
                && rest.starts_with(char::is_whitespace)
            {
                name = rest;
            }
            let name = name.trim_start();
            match name.strip_prefix("remotes/") {
                Some(rest) => rest.split_once('/').map_or(name, |(_, branch)| branch),
                None => name,
            }
            .to_owned()
        })
        .collect()
}

/// Fetches every remote, pruning deleted branches; failures are ignored.
pub fn fetch_all(root: &str) {
    let _ = git(root)
        .args(["fetch", "--all", "--prune"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Branch names on every remote, read with `git ls-remote --heads` (no fetch).
#[must_use]
pub fn remote_head_names(root: &str) -> Vec<Vec<String>> {
    let remotes = output(root, &["remote"]).unwrap_or_default();
    remotes
        .split_whitespace()
        .map(|remote| {
            let heads = git(root)
                .args(["ls-remote", "--heads", remote])
                .env("GIT_TERMINAL_PROMPT", "0")
                .stderr(Stdio::null())
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            heads
                .lines()
                .map(|line| {
                    line.rfind("refs/heads/")
                        .map_or(line, |at| &line[at + "refs/heads/".len()..])
                        .to_owned()
                })
                .collect()
        })
        .collect()
}

/// `git config <key>`, if set.
#[must_use]
pub fn config(root: &str, key: &str) -> Option<String> {
    output(root, &["config", key]).map(|v| v.trim_end_matches('\n').to_owned())
}

/// `git checkout -q -b <name>`.
///
/// # Errors
/// Git's combined output when it fails.
pub fn create_and_switch(root: &str, name: &str) -> Result<(), String> {
    combined(root, &["checkout", "-q", "-b", name])
}

/// `git checkout -q <name>`.
///
/// # Errors
/// Git's combined output when it fails.
pub fn switch(root: &str, name: &str) -> Result<(), String> {
    combined(root, &["checkout", "-q", name])
}

/// The current branch (`git rev-parse --abbrev-ref HEAD`).
#[must_use]
pub fn current_branch(root: &str) -> String {
    output(root, &["rev-parse", "--abbrev-ref", "HEAD"])
        .map(|v| v.trim_end_matches('\n').to_owned())
        .unwrap_or_default()
}

/// Whether a local branch matches `name` (`git branch --list <name>` prints anything).
#[must_use]
pub fn local_branch_exists(root: &str, name: &str) -> bool {
    output(root, &["branch", "--list", name]).is_some_and(|text| !text.is_empty())
}
