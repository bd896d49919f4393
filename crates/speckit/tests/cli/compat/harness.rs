//! The differential harness: one scenario is a fixture, a script and its arguments. It runs the
//! reference bash script and `speckit script` in identical copies of the fixture, at the same
//! path, one after the other, and compares exit code, stdout, stderr and the resulting tree.

#![allow(
    clippy::print_stderr,
    reason = "the harness reports progress and diagnostics to the test log"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::reference::{Reference, reference};

/// Which installed script a scenario runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    SetupPlan,
    SetupTasks,
    CheckPrerequisites,
    CreateNewFeature,
    ResolveTemplate,
    CreateNewFeatureBranch,
    UpdateAgentContext,
}

impl Script {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Script::SetupPlan => "setup-plan",
            Script::SetupTasks => "setup-tasks",
            Script::CheckPrerequisites => "check-prerequisites",
            Script::CreateNewFeature => "create-new-feature",
            Script::ResolveTemplate => "resolve-template",
            Script::CreateNewFeatureBranch => "create-new-feature-branch",
            Script::UpdateAgentContext => "update-agent-context",
        }
    }

    /// Where the script lives in an installed project, and where it comes from in the wheel.
    fn install(self) -> (&'static str, &'static str) {
        match self {
            Script::CreateNewFeatureBranch => (
                ".specify/extensions/git/scripts/bash",
                "extensions/git/scripts/bash",
            ),
            Script::UpdateAgentContext => (
                ".specify/extensions/agent-context/scripts/bash",
                "extensions/agent-context/scripts/bash",
            ),
            _ => (".specify/scripts/bash", "scripts/bash"),
        }
    }
}

/// One step of building a fixture, relative to the project root.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    /// `.specify/` with the reference's core templates.
    Project,
    File(&'static str, Vec<u8>),
    Dir(&'static str),
    /// Sets a file's modification time (seconds since the epoch).
    Mtime(&'static str, u64),
    Symlink(&'static str, &'static str),
    /// `git init` with one commit on `main`.
    GitRepo,
    /// `git branch <name>`.
    GitBranch(&'static str),
    /// A bare repository at `../remote.git` as `origin`, with the given branches pushed.
    GitRemote(Vec<&'static str>),
    /// Copies a file from the reference wheel (`core_pack`-relative) into the project.
    FromWheel(&'static str, &'static str),
    /// Deletes a file or folder (after the steps before it).
    Remove(&'static str),
    /// Folders `<prefix><YYYYMMDD-HHMMSS><suffix>` for every second of the next two minutes.
    TimestampDirs(&'static str, &'static str),
    /// Git branches `<YYYYMMDD-HHMMSS><suffix>` for every second of the next two minutes.
    TimestampBranches(&'static str),
}

/// `YYYYMMDD-HHMMSS` in UTC for `secs` seconds after the epoch.
fn utc_stamp(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap();
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn stamps_ahead() -> Vec<String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (now..now + 120).map(utc_stamp).collect()
}

/// What the comparison expects.
#[derive(Clone)]
pub(crate) enum Expect {
    /// Byte-identical results.
    Same,
    /// A deliberate difference, listed in README: the reference's and speckit's results are
    /// checked separately.
    Kept(fn(&Outcome, &Outcome) -> Result<(), String>),
}

#[derive(Clone)]
pub(crate) struct Scenario {
    pub(crate) name: String,
    pub(crate) script: Script,
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<(&'static str, String)>,
    /// Working directory relative to the project root (may start with `..`).
    pub(crate) cwd: &'static str,
    pub(crate) steps: Vec<Step>,
    /// The project root's path below the sandbox (spaces and Unicode welcome).
    pub(crate) root_dir: &'static str,
    /// Where the script is installed, relative to the project root; `None` is the usual place.
    pub(crate) script_dir: Option<&'static str>,
    pub(crate) timestamps: bool,
    /// Keep the working directory as written (through symlinks), with `PWD` naming it.
    pub(crate) logical_cwd: bool,
    pub(crate) expect: Expect,
}

impl Scenario {
    pub(crate) fn new(name: impl Into<String>, script: Script, args: &[&str]) -> Self {
        Self {
            name: name.into(),
            script,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            env: Vec::new(),
            cwd: "",
            steps: vec![Step::Project],
            root_dir: "proj",
            script_dir: None,
            timestamps: false,
            logical_cwd: false,
            expect: Expect::Same,
        }
    }
    pub(crate) fn steps(mut self, steps: Vec<Step>) -> Self {
        self.steps = steps;
        self
    }
    pub(crate) fn step(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }
    pub(crate) fn env(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.env.push((key, value.into()));
        self
    }
    pub(crate) fn cwd(mut self, cwd: &'static str) -> Self {
        self.cwd = cwd;
        self
    }
    pub(crate) fn root_dir(mut self, dir: &'static str) -> Self {
        self.root_dir = dir;
        self
    }
    pub(crate) fn script_dir(mut self, dir: &'static str) -> Self {
        self.script_dir = Some(dir);
        self
    }
    pub(crate) fn logical_cwd(mut self) -> Self {
        self.logical_cwd = true;
        self
    }
    pub(crate) fn timestamps(mut self) -> Self {
        self.timestamps = true;
        self
    }
    pub(crate) fn kept(mut self, check: fn(&Outcome, &Outcome) -> Result<(), String>) -> Self {
        self.expect = Expect::Kept(check);
        self
    }
}

/// A file-tree entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Dir,
    File(Vec<u8>),
    Symlink(String),
}

/// What one run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) tree: BTreeMap<String, Entry>,
    /// `git for-each-ref` and the current branch, when the project is a repository.
    pub(crate) git: String,
}

impl Outcome {
    pub(crate) fn file(&self, rel: &str) -> Option<&[u8]> {
        match self.tree.get(rel) {
            Some(Entry::File(bytes)) => Some(bytes),
            _ => None,
        }
    }
}

const GIT_ENV: &[(&str, &str)] = &[
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z"),
    ("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z"),
];

fn base_env(reference: &Reference, home: &Path) -> Vec<(String, String)> {
    let mut env = vec![
        ("PATH".to_owned(), reference.tools.display().to_string()),
        ("HOME".to_owned(), home.display().to_string()),
        ("LANG".to_owned(), "C.UTF-8".to_owned()),
        ("TZ".to_owned(), "UTC".to_owned()),
        ("USER".to_owned(), "tester".to_owned()),
    ];
    env.extend(
        GIT_ENV
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    env
}

fn git(dir: &Path, home: &Path, args: &[&str]) {
    let reference = reference();
    let status = Command::new(reference.tools.join("git"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .envs(base_env(reference, home))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed in {}", dir.display());
}

fn build(scenario: &Scenario, sandbox: &Path, root: &Path, home: &Path) {
    let reference = reference();
    std::fs::create_dir_all(root).unwrap();
    for step in &scenario.steps {
        match step {
            Step::Project => {
                std::fs::create_dir_all(root.join(".specify/templates")).unwrap();
                for name in ["spec", "plan", "tasks", "checklist", "constitution"] {
                    let file = format!("{name}-template.md");
                    std::fs::copy(
                        reference.script(&format!("templates/{file}")),
                        root.join(".specify/templates").join(&file),
                    )
                    .unwrap();
                }
            }
            Step::File(rel, bytes) => {
                let path = root.join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                // `{root}` in a fixture file stands for the project's absolute path.
                let bytes = match std::str::from_utf8(bytes) {
                    Ok(text) => text.replace("{root}", root.to_str().unwrap()).into_bytes(),
                    Err(_) => bytes.clone(),
                };
                std::fs::write(path, bytes).unwrap();
            }
            Step::Dir(rel) => std::fs::create_dir_all(root.join(rel)).unwrap(),
            Step::Mtime(rel, secs) => {
                let file = std::fs::File::options()
                    .write(true)
                    .open(root.join(rel))
                    .unwrap();
                file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(*secs))
                    .unwrap();
            }
            Step::Symlink(rel, target) => {
                let path = root.join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::os::unix::fs::symlink(target, path).unwrap();
            }
            Step::GitRepo => {
                git(root, home, &["init", "-q", "-b", "main"]);
                git(root, home, &["commit", "-q", "--allow-empty", "-m", "init"]);
            }
            Step::GitBranch(name) => git(root, home, &["branch", name]),
            Step::GitRemote(branches) => {
                let remote = sandbox.join("remote.git");
                std::fs::create_dir_all(&remote).unwrap();
                git(&remote, home, &["init", "-q", "--bare", "-b", "main"]);
                git(
                    root,
                    home,
                    &["remote", "add", "origin", remote.to_str().unwrap()],
                );
                for branch in branches {
                    git(
                        root,
                        home,
                        &["push", "-q", "origin", &format!("main:refs/heads/{branch}")],
                    );
                }
            }
            Step::FromWheel(from, to) => {
                let path = root.join(to);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::copy(reference.script(from), path).unwrap();
            }
            Step::TimestampDirs(prefix, suffix) => {
                for stamp in stamps_ahead() {
                    std::fs::create_dir_all(root.join(format!("{prefix}{stamp}{suffix}"))).unwrap();
                }
            }
            Step::TimestampBranches(suffix) => {
                for stamp in stamps_ahead() {
                    git(root, home, &["branch", &format!("{stamp}{suffix}")]);
                }
            }
            Step::Remove(rel) => {
                let path = root.join(rel);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
            }
        }
    }
    // Install the reference scripts where the scenario says (both runs see the same tree).
    let (default_dir, wheel_dir) = scenario.script.install();
    let install_dir = root.join(scenario.script_dir.unwrap_or(default_dir));
    std::fs::create_dir_all(&install_dir).unwrap();
    let script_file = format!("{}.sh", scenario.script.name());
    std::fs::copy(
        reference.script(&format!("{wheel_dir}/{script_file}")),
        install_dir.join(&script_file),
    )
    .unwrap();
    if scenario.script == Script::CreateNewFeatureBranch {
        std::fs::copy(
            reference.script("extensions/git/scripts/bash/git-common.sh"),
            install_dir.join("git-common.sh"),
        )
        .unwrap();
        let core = root.join(".specify/scripts/bash");
        if root.join(".specify").is_dir() {
            std::fs::create_dir_all(&core).unwrap();
            std::fs::copy(
                reference.script("scripts/bash/common.sh"),
                core.join("common.sh"),
            )
            .unwrap();
        }
    } else if scenario.script != Script::UpdateAgentContext {
        std::fs::copy(
            reference.script("scripts/bash/common.sh"),
            install_dir.join("common.sh"),
        )
        .unwrap();
    }
}

fn snapshot_tree(root: &Path, base: &Path, tree: &mut BTreeMap<String, Entry>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let target = std::fs::read_link(&path).unwrap();
            tree.insert(rel, Entry::Symlink(target.to_string_lossy().into_owned()));
        } else if kind.is_dir() {
            if entry.file_name() == ".git" {
                continue;
            }
            tree.insert(rel, Entry::Dir);
            snapshot_tree(&path, base, tree);
        } else {
            tree.insert(rel, Entry::File(std::fs::read(&path).unwrap()));
        }
    }
}

/// Replaces every `YYYYMMDD-HHMMSS` with a fixed token.
pub(crate) fn mask_timestamps(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let is_stamp = bytes.len() >= i + 15
            && bytes[i..i + 8].iter().all(u8::is_ascii_digit)
            && bytes[i + 8] == b'-'
            && bytes[i + 9..i + 15].iter().all(u8::is_ascii_digit);
        if is_stamp {
            out.push_str("<TIMESTAMP>");
            i += 15;
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn run_once(scenario: &Scenario, sandbox: &Path, speckit: Option<&Path>) -> Outcome {
    let reference = reference();
    let home = sandbox.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = Test Author\n\temail = test.author@example.com\n[init]\n\tdefaultBranch = main\n",
    )
    .unwrap();
    let root = sandbox.join(scenario.root_dir);
    build(scenario, sandbox, &root, &home);
    let (default_dir, _) = scenario.script.install();
    let script_path = root
        .join(scenario.script_dir.unwrap_or(default_dir))
        .join(format!("{}.sh", scenario.script.name()));
    std::fs::create_dir_all(root.join(scenario.cwd)).unwrap();
    let cwd = if scenario.logical_cwd {
        root.join(scenario.cwd)
    } else {
        std::fs::canonicalize(root.join(scenario.cwd)).unwrap()
    };
    let mut env = base_env(reference, &home);
    env.push(("PWD".to_owned(), cwd.display().to_string()));
    for (key, value) in &scenario.env {
        env.push((
            (*key).to_owned(),
            value
                .replace("{root}", root.to_str().unwrap())
                .replace("{sandbox}", sandbox.to_str().unwrap()),
        ));
    }
    let mut command = match speckit {
        None => {
            let mut c = Command::new(reference.tools.join("bash"));
            c.arg(&script_path);
            c
        }
        Some(binary) => {
            let mut c = Command::new(binary);
            c.arg("script").arg(scenario.script.name());
            env.push((
                "SPECKIT_SCRIPT_PATH".to_owned(),
                script_path.display().to_string(),
            ));
            c
        }
    };
    let args: Vec<String> = scenario
        .args
        .iter()
        .map(|a| a.replace("{root}", root.to_str().unwrap()))
        .collect();
    let output = command
        .args(&args)
        .current_dir(&cwd)
        .env_clear()
        .envs(env)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let mut tree = BTreeMap::new();
    snapshot_tree(sandbox, sandbox, &mut tree);
    tree.retain(|path, _| !path.starts_with("home") && !path.starts_with("remote.git"));
    let mut git_state = String::new();
    if root.join(".git").exists() {
        let refs = Command::new(reference.tools.join("git"))
            .args(["for-each-ref", "--format=%(refname)"])
            .current_dir(&root)
            .env_clear()
            .envs(base_env(reference, &home))
            .output()
            .unwrap();
        let head = Command::new(reference.tools.join("git"))
            .args(["symbolic-ref", "-q", "HEAD"])
            .current_dir(&root)
            .env_clear()
            .envs(base_env(reference, &home))
            .output()
            .unwrap();
        git_state = format!(
            "{}HEAD={}",
            String::from_utf8_lossy(&refs.stdout),
            String::from_utf8_lossy(&head.stdout)
        );
    }
    let mut outcome = Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        tree,
        git: git_state,
    };
    if scenario.timestamps {
        outcome.stdout = mask_timestamps(&outcome.stdout);
        outcome.stderr = mask_timestamps(&outcome.stderr);
        outcome.git = mask_timestamps(&outcome.git);
        outcome.tree = outcome
            .tree
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    Entry::File(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => Entry::File(mask_timestamps(&text).into_bytes()),
                        Err(e) => Entry::File(e.into_bytes()),
                    },
                    other => other,
                };
                (mask_timestamps(&k), v)
            })
            .collect();
    }
    outcome
}

fn describe_difference(reference: &Outcome, ours: &Outcome) -> String {
    let mut report = String::new();
    if reference.code != ours.code {
        report.push_str(&format!(
            "  exit code: reference {:?}, speckit {:?}\n",
            reference.code, ours.code
        ));
    }
    for (label, a, b) in [
        ("stdout", &reference.stdout, &ours.stdout),
        ("stderr", &reference.stderr, &ours.stderr),
        ("git", &reference.git, &ours.git),
    ] {
        if a != b {
            report.push_str(&format!(
                "  {label} differs:\n    reference: {a:?}\n    speckit:   {b:?}\n"
            ));
        }
    }
    let keys: std::collections::BTreeSet<&String> =
        reference.tree.keys().chain(ours.tree.keys()).collect();
    for key in keys {
        let (a, b) = (reference.tree.get(key), ours.tree.get(key));
        if a != b {
            let show = |e: Option<&Entry>| match e {
                None => "(absent)".to_owned(),
                Some(Entry::Dir) => "(dir)".to_owned(),
                Some(Entry::Symlink(t)) => format!("(symlink {t})"),
                Some(Entry::File(bytes)) => format!(
                    "{:?}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
                ),
            };
            report.push_str(&format!(
                "  file {key}:\n    reference: {}\n    speckit:   {}\n",
                show(a),
                show(b)
            ));
        }
    }
    report
}

/// Runs one scenario; `Err` describes the mismatch.
pub(crate) fn run_scenario(scenario: &Scenario, base: &Path) -> Result<(), String> {
    let sandbox: PathBuf = base.to_path_buf();
    let _ = std::fs::remove_dir_all(&sandbox);
    std::fs::create_dir_all(&sandbox).unwrap();
    let reference_outcome = run_once(scenario, &sandbox, None);
    std::fs::remove_dir_all(&sandbox).unwrap();
    std::fs::create_dir_all(&sandbox).unwrap();
    let ours = run_once(
        scenario,
        &sandbox,
        Some(Path::new(env!("CARGO_BIN_EXE_speckit"))),
    );
    let _ = std::fs::remove_dir_all(&sandbox);
    // SPECKIT_COMPAT_SHOW=<text> prints both results of the scenarios whose name contains it.
    if let Ok(filter) = std::env::var("SPECKIT_COMPAT_SHOW")
        && scenario.name.contains(&filter)
    {
        eprintln!(
            "=== {}\n--- reference: {reference_outcome:#?}\n--- speckit: {ours:#?}",
            scenario.name
        );
    }
    match &scenario.expect {
        Expect::Same if reference_outcome == ours => Ok(()),
        Expect::Same => Err(describe_difference(&reference_outcome, &ours)),
        Expect::Kept(check) => check(&reference_outcome, &ours).map_err(|e| {
            format!(
                "  kept difference check failed: {e}\n{}",
                describe_difference(&reference_outcome, &ours)
            )
        }),
    }
}

/// Runs all scenarios on a few threads and returns the failures.
pub(crate) fn run_all(scenarios: &[Scenario]) -> Vec<(String, String)> {
    let base = tempfile::Builder::new()
        .prefix("speckit-compat-")
        .tempdir()
        .unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(scenario) = scenarios.get(index) else {
                        break;
                    };
                    let dir = base.path().join(format!("s{index:03}"));
                    if let Err(report) = run_scenario(scenario, &dir) {
                        failures
                            .lock()
                            .unwrap()
                            .push((scenario.name.clone(), report));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    failures
}
