//! Hostile YAML in a project's configuration files, as an untrusted pull request may carry: the
//! workflow commands refuse it with exit 2 and a message naming the file, and write nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{code, fixtures, speckit, stderr};

/// The preset manifest and the agent-context configuration, relative to the project.
const MANIFEST: &str = ".specify/presets/bomb/preset.yml";
const CONTEXT_CONFIG: &str = ".specify/extensions/agent-context/agent-context-config.yml";

/// Each file's bytes under `dir`, so that a command that writes anything, even a temporary
/// file left behind, shows as a difference.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(format!("{name}/"), Vec::new());
                walk(&path, root, out);
            } else {
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A project with a current feature, and `yaml` written to `config` (relative to the project).
fn project(config: &str, yaml: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = speckit(dir.path(), &["init", "--agent", "claude"]);
    assert_eq!(code(&init), 0, "{}", stderr(&init));
    let feature = speckit(dir.path(), &["feature", "new", "demo feature"]);
    assert_eq!(code(&feature), 0, "{}", stderr(&feature));
    let path = dir.path().join(config);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, yaml).unwrap();
    dir
}

/// Which file holds the hostile text, what runs, and what the error must say.
struct Case {
    config: &'static str,
    args: &'static [&'static str],
    message: &'static str,
    /// Whether the error carries the loader's reason. A bad manifest is reported with the
    /// scripts' sentence alone; a bad agent-context configuration with the reason inside.
    gives_reason: bool,
}

const CASES: &[Case] = &[
    Case {
        config: MANIFEST,
        args: &["template", "resolve", "plan-template"],
        message: "invalid preset manifest",
        gives_reason: false,
    },
    Case {
        config: MANIFEST,
        args: &["plan", "setup"],
        message: "invalid preset manifest",
        gives_reason: false,
    },
    Case {
        config: MANIFEST,
        args: &["feature", "new", "another feature"],
        message: "invalid preset manifest",
        gives_reason: false,
    },
    Case {
        config: MANIFEST,
        args: &["check"],
        message: "invalid preset manifest",
        gives_reason: false,
    },
    Case {
        config: CONTEXT_CONFIG,
        args: &["agent-context", "update"],
        message: "unable to parse",
        gives_reason: true,
    },
];

fn refused(yaml: &[u8], reason: &str) {
    for case in CASES {
        let dir = project(case.config, yaml);
        let before = tree(dir.path());
        let output = speckit(dir.path(), case.args);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{:?}: {err}", case.args);
        assert!(err.contains(case.message), "{:?}: {err}", case.args);
        assert!(
            err.contains(case.config),
            "{:?} names the file: {err}",
            case.args
        );
        if case.gives_reason {
            assert!(err.contains(reason), "{:?} says why: {err}", case.args);
        }
        assert_eq!(err.lines().count(), 1, "{:?}: one line: {err}", case.args);
        assert!(
            before == tree(dir.path()),
            "{:?} wrote or changed files",
            case.args
        );
    }
}

#[test]
fn an_alias_bomb_is_refused_without_writing() {
    let bomb = std::fs::read(fixtures().join("hostile-yaml/alias-bomb.yml")).unwrap();
    refused(
        &bomb,
        "aliases expand the document to more than ten times its size",
    );
}

#[test]
fn deep_nesting_is_refused_without_writing() {
    let deep = format!("deep:\n  {}x\n", "- ".repeat(100_000));
    refused(
        deep.as_bytes(),
        "collections nest more than 400 levels deep",
    );
}
