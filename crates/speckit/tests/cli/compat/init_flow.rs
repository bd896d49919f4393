//! A project made by `speckit init` works with Spec Kit's own command flow: its installed
//! `.specify/scripts/bash/*.sh` print what the reference scripts print, and its `common.sh`
//! answers like the reference's for scripts that source it.

use std::path::Path;
use std::process::{Command, Output};

use super::reference::reference;
use super::support::{ok, speckit};

/// Makes the same project at the same path: `speckit init --agent claude`, one feature.
fn fresh_project(base: &Path) -> std::path::PathBuf {
    let _ = std::fs::remove_dir_all(base);
    std::fs::create_dir_all(base).unwrap();
    ok(base, &["init", "my app", "--agent", "claude"]);
    let root = base.join("my app");
    ok(
        &root,
        &["feature", "new", "--short-name", "first", "First feature"],
    );
    std::fs::write(root.join("specs/001-first/research.md"), "notes\n").unwrap();
    root
}

fn with_reference_scripts(root: &Path) {
    let bash = root.join(".specify/scripts/bash");
    for entry in std::fs::read_dir(reference().script("scripts/bash"))
        .unwrap()
        .flatten()
    {
        let target = bash.join(entry.file_name());
        std::fs::copy(entry.path(), &target).unwrap();
        // `specify init` installs the scripts executable.
        std::fs::set_permissions(
            &target,
            <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o755),
        )
        .unwrap();
    }
}

fn bash(root: &Path, script: &str) -> Output {
    let speckit_dir = speckit().parent().unwrap();
    Command::new(reference().tools.join("bash"))
        .arg("-c")
        .arg(script)
        .current_dir(root)
        .env_clear()
        .env(
            "PATH",
            format!("{}:{}", speckit_dir.display(), reference().tools.display()),
        )
        .env("LANG", "C.UTF-8")
        .env("HOME", root)
        .output()
        .unwrap()
}

fn compare(label: &str, build: &dyn Fn(&Path) -> std::path::PathBuf, script: &str) {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("work space");
    let root = build(&dir);
    let ours = bash(&root, script);
    let ours_plan = std::fs::read(root.join("specs/001-first/plan.md")).ok();
    let root = build(&dir);
    with_reference_scripts(&root);
    let theirs = bash(&root, script);
    let theirs_plan = std::fs::read(root.join("specs/001-first/plan.md")).ok();
    assert_eq!(
        (
            ours.status.code(),
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&ours.stderr)
        ),
        (
            theirs.status.code(),
            String::from_utf8_lossy(&theirs.stdout),
            String::from_utf8_lossy(&theirs.stderr)
        ),
        "{label}: speckit's wrappers and the reference scripts differ"
    );
    assert_eq!(ours_plan, theirs_plan, "{label}: plan.md differs");
}

#[test]
fn installed_wrappers_print_what_the_reference_prints() {
    let cases = [
        (
            "setup-plan json",
            ".specify/scripts/bash/setup-plan.sh --json",
        ),
        (
            "setup-plan twice",
            ".specify/scripts/bash/setup-plan.sh && .specify/scripts/bash/setup-plan.sh --json",
        ),
        (
            "setup-plan help",
            ".specify/scripts/bash/setup-plan.sh --help",
        ),
        (
            "check-prerequisites",
            ".specify/scripts/bash/setup-plan.sh >/dev/null; .specify/scripts/bash/check-prerequisites.sh --json",
        ),
        (
            "check-prerequisites text",
            ".specify/scripts/bash/check-prerequisites.sh",
        ),
        (
            "paths only",
            ".specify/scripts/bash/check-prerequisites.sh --paths-only --json",
        ),
        (
            "setup-tasks hint uses the skills spelling",
            "bash .specify/scripts/bash/setup-tasks.sh --json",
        ),
        (
            "create-new-feature dry run",
            ".specify/scripts/bash/create-new-feature.sh --json --dry-run 'Second thing to build'",
        ),
        (
            "create-new-feature",
            ".specify/scripts/bash/create-new-feature.sh 'Second thing to build'",
        ),
        (
            "resolve-template",
            ".specify/scripts/bash/resolve-template.sh --json spec-template",
        ),
        (
            "from a subfolder",
            "cd specs && ../.specify/scripts/bash/check-prerequisites.sh --paths-only",
        ),
    ];
    for (label, script) in cases {
        compare(label, &fresh_project, script);
    }
}

#[test]
fn common_sh_functions_answer_like_the_reference() {
    let script = r#"
set -u
source .specify/scripts/bash/common.sh
get_repo_root
get_current_branch
get_feature_paths
eval "$(get_feature_paths)"
echo "$FEATURE_DIR|$IMPL_PLAN"
SPECIFY_FEATURE="it's x" get_current_branch
format_speckit_command plan
format_speckit_command speckit.git.commit "$REPO_ROOT"
get_invoke_separator
json_escape 'a"b\c	d'; echo
check_file "$RESEARCH" research.md
check_file "$QUICKSTART" quickstart.md
check_dir "$REPO_ROOT/.specify" specify/
check_dir "$CONTRACTS_DIR" contracts/
resolve_template spec-template "$REPO_ROOT"; echo "status $?"
resolve_template nothing "$REPO_ROOT"; echo "status $?"
resolve_template_content plan-template "$REPO_ROOT" | head -3
read_feature_json_feature_directory "$REPO_ROOT"; echo
find_specify_root; echo "status $?"
SPECIFY_INIT_DIR=/nonexistent get_repo_root; echo "status $?"
"#;
    compare("common.sh", &fresh_project, script);
}
