//! Hostile input: what a pull request can commit to a repository that speckit then judges in
//! CI. Each case plants one thing in a fresh project (made as a user would: `git init`,
//! `speckit init --agent claude`, `speckit feature new "demo feature"`) and runs real commands
//! with their memory capped and a watchdog on the clock, so that exhaustion or a hang fails the
//! case instead of taking the machine down. One module per family of attack.
//!
//! `SPECKIT_UNDER_TEST` runs the cases against another build of speckit (a release binary, an
//! older commit) instead of the one cargo built for the tests.

mod devices;
mod injection;
mod links;
mod long_lines;
mod machine_output;
mod workflow;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::support::isolated;

/// Address space a command may use: far above what any case needs, far below what a runaway
/// read reaches within the watchdog's time.
const MEMORY_CAP: &str = "--as=2000000000";

/// The most memory a command may hold at once (its peak resident set, sampled while it runs):
/// about ten times what checking a large feature needs.
const PEAK_MEMORY_KIB: u64 = 512 * 1024;

/// How long a command may take before it counts as hung.
const WATCHDOG: Duration = Duration::from_secs(60);

/// The feature every project starts with.
pub(crate) const FEATURE: &str = "specs/001-demo-feature";

pub(crate) struct Project {
    dir: TempDir,
    /// Where the commands' output goes: outside the project, so no case reads it back as input.
    out: TempDir,
}

/// How a command ended.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code; `None` when a signal ended it (an abort on a failed allocation).
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Both streams, for assertion messages.
    pub(crate) fn both(&self) -> String {
        format!(
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Project {
    pub(crate) fn new() -> Self {
        let project = Project {
            dir: tempfile::tempdir().unwrap(),
            out: tempfile::tempdir().unwrap(),
        };
        let git = Command::new("git")
            .args(["init", "-q"])
            .current_dir(project.root())
            .status()
            .unwrap();
        assert!(git.success());
        for args in [
            &["init", "--agent", "claude"][..],
            &["feature", "new", "demo feature"][..],
        ] {
            let run = project.run(args);
            assert_eq!(run.code, Some(0), "{}", run.both());
        }
        project
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Replaces `relative` (removing whatever is there) with a symbolic link to `target`.
    #[cfg(unix)]
    pub(crate) fn link(&self, relative: &str, target: &Path) {
        let path = self.path(relative);
        let _ = fs::remove_file(&path);
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, path).unwrap();
    }

    /// Replaces `relative` with a FIFO that nobody writes to.
    #[cfg(unix)]
    pub(crate) fn fifo(&self, relative: &str) {
        let path = self.path(relative);
        let _ = fs::remove_file(&path);
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
    }

    /// Runs speckit in the project's root, capped and watched.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.root(), args)
    }

    pub(crate) fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let binary = std::env::var_os("SPECKIT_UNDER_TEST").map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_speckit")),
            PathBuf::from,
        );
        let stdout = self.out.path().join("stdout");
        let stderr = self.out.path().join("stderr");
        let mut command = if cfg!(target_os = "linux") {
            let mut command = Command::new("prlimit");
            command.arg(MEMORY_CAP).arg(binary);
            command
        } else {
            Command::new(binary)
        };
        let mut child = isolated(&mut command)
            .args(args)
            .current_dir(dir)
            .env_remove("GITHUB_ACTIONS")
            .stdin(Stdio::null())
            .stdout(fs::File::create(&stdout).unwrap())
            .stderr(fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let mut peak_kib = 0;
        let status = loop {
            peak_kib = peak_kib.max(peak_resident_kib(child.id()));
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > WATCHDOG {
                let _ = child.kill();
                let _ = child.wait();
                panic!("speckit {args:?} still ran after {WATCHDOG:?}: it hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(
            peak_kib < PEAK_MEMORY_KIB,
            "speckit {args:?} held {peak_kib} KiB at once: it reads without bound"
        );
        Run {
            code: status.code(),
            stdout: String::from_utf8_lossy(&fs::read(stdout).unwrap()).into_owned(),
            stderr: String::from_utf8_lossy(&fs::read(stderr).unwrap()).into_owned(),
        }
    }
}

/// The high-water mark of a running process's resident memory, where the system tells it.
fn peak_resident_kib(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}
