//! Locating (or installing) the reference implementation, `specify-cli==1.2.3`, and the tool
//! environment its bash scripts run in.

#![allow(
    clippy::print_stderr,
    reason = "the harness reports progress and diagnostics to the test log"
)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The version of Spec Kit the compat scripts are compared with.
pub(crate) const REFERENCE_PACKAGE: &str = "specify-cli==1.2.3";

/// The installed reference.
pub(crate) struct Reference {
    /// `specify_cli/core_pack` inside the virtualenv.
    pub(crate) core_pack: PathBuf,
    /// A directory of symlinks standing in for `PATH`: every program on the machine except
    /// `jq` (so the scripts take their jq-free code paths everywhere), with `python3` being the
    /// virtualenv's, which has PyYAML.
    pub(crate) tools: PathBuf,
}

impl Reference {
    pub(crate) fn script(&self, rel: &str) -> PathBuf {
        self.core_pack.join(rel)
    }
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

fn core_pack_of(venv: &Path) -> Option<PathBuf> {
    let lib = venv.join("lib");
    let entries = std::fs::read_dir(&lib).ok()?;
    for entry in entries.flatten() {
        let candidate = entry.path().join("site-packages/specify_cli/core_pack");
        if candidate.join("scripts/bash/common.sh").is_file() {
            return Some(candidate);
        }
    }
    None
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Creates a virtualenv with the reference under `target/speckit-reference-venv`, once, under
/// a file lock so parallel test processes do not race.
fn install_reference(venv: &Path) -> Result<PathBuf, String> {
    let lock_path = venv.with_extension("lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
    fs4::FileExt::lock(&lock).map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    if let Some(found) = core_pack_of(venv) {
        return Ok(found);
    }
    eprintln!(
        "compat: installing {REFERENCE_PACKAGE} into {}",
        venv.display()
    );
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(venv)
        .status()
        .map_err(|e| format!("cannot run python3 -m venv: {e}"))?;
    if !status.success() {
        return Err(format!("python3 -m venv {} failed", venv.display()));
    }
    let status = Command::new(venv.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            REFERENCE_PACKAGE,
        ])
        .status()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip install {REFERENCE_PACKAGE} failed"));
    }
    core_pack_of(venv).ok_or_else(|| "the installed package has no core_pack".to_owned())
}

fn locate() -> Result<(PathBuf, PathBuf), String> {
    let explicit = std::env::var_os("SPECKIT_REFERENCE_VENV").map(PathBuf::from);
    let venv = explicit
        .clone()
        .unwrap_or_else(|| workspace_root().join(".venv"));
    if let Some(core_pack) = core_pack_of(&venv) {
        return Ok((venv, core_pack));
    }
    if ci() || explicit.is_some() {
        return Err(format!(
            "the reference implementation ({REFERENCE_PACKAGE}) is not installed in {}; \
             .ci/run installs it there (python3 -m venv .venv && .venv/bin/pip install {REFERENCE_PACKAGE})",
            venv.display()
        ));
    }
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../speckit-reference-venv");
    let core_pack = install_reference(&target).map_err(|e| {
        format!("the reference implementation is missing and could not be installed: {e}")
    })?;
    Ok((target, core_pack))
}

/// Builds the tool directory: one symlink per program found on `PATH`, first one wins, minus
/// `jq`, plus the virtualenv's interpreter as `python3` and `python`.
fn tool_dir(venv: &Path) -> Result<PathBuf, String> {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("compat-tools-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // A wrapper rather than a symlink: Python finds its virtualenv from the path it is run as.
    let python = std::fs::canonicalize(venv)
        .map_err(|e| e.to_string())?
        .join("bin/python3");
    for name in ["python3", "python"] {
        let wrapper = dir.join(name);
        std::fs::write(
            &wrapper,
            format!("#!/bin/sh\nexec '{}' \"$@\"\n", python.display()),
        )
        .map_err(|e| e.to_string())?;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for entry_dir in std::env::split_paths(&path) {
        let Ok(entries) = std::fs::read_dir(&entry_dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name == "jq" || dir.join(&name).symlink_metadata().is_ok() {
                continue;
            }
            let _ = std::os::unix::fs::symlink(entry.path(), dir.join(&name));
        }
    }
    Ok(dir)
}

/// The reference, found or installed once per test process. Panics with a clear message when
/// it cannot be had: the compat suite never skips.
pub(crate) fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let (venv, core_pack) = locate().unwrap_or_else(|e| panic!("compat: {e}"));
        let tools = tool_dir(&venv)
            .unwrap_or_else(|e| panic!("compat: cannot build the tool directory: {e}"));
        Reference { core_pack, tools }
    })
}
