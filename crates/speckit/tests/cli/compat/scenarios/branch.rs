use super::{Script, file, s};
use crate::compat::harness::{Scenario, Step};

fn branch(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::CreateNewFeatureBranch, args).step(Step::GitRepo)
}

fn no_git(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::CreateNewFeatureBranch, args)
}

fn config(text: &'static str) -> Step {
    file(".specify/extensions/git/git-config.yml", text)
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let long = "x".repeat(260);
    vec![
        no_git("no git repository", &["--json", "Add login"]),
        no_git("no git repository text", &["Add login"]),
        no_git("no git dry run", &["--json", "--dry-run", "Add login"]),
        no_git("help", &["--help"]),
        no_git("no description", &[]),
        no_git("whitespace description", &["  "]),
        no_git("number must be digits", &["--number", "5a", "x"]),
        no_git("number empty", &["--number", "", "x"]),
        no_git("number missing", &["x", "--number"]),
        no_git(
            "short name followed by flag",
            &["--short-name", "--dry-run", "x"],
        ),
        no_git("spec folders are counted", &["--json", "--dry-run", "next"])
            .step(Step::Dir("specs/004-a"))
            .step(Step::Dir("specs/20250101-101010-t")),
        no_git(
            "ascii only names",
            &["--json", "--dry-run", "Café crème support"],
        ),
        no_git(
            "ascii short name",
            &["--json", "--dry-run", "--short-name", "Über Cool", "x"],
        ),
        branch("creates the branch", &["--json", "Add user login"]),
        branch("creates the branch text", &["Add user login"]),
        branch(
            "dry run leaves git alone",
            &["--json", "--dry-run", "Add user login"],
        ),
        branch("counts local branches", &["--json", "next thing"])
            .step(Step::GitBranch("007-old"))
            .step(Step::GitBranch("feature/009-nested")),
        branch(
            "malformed timestamps are not numbers",
            &["--json", "--dry-run", "x"],
        )
        .step(Step::GitBranch("2026031-143022-x"))
        .step(Step::GitBranch("20260319-143022")),
        branch(
            "counts remote branches after fetching",
            &["--json", "remote next"],
        )
        .step(Step::GitRemote(vec!["012-remote"])),
        branch(
            "dry run reads remote heads",
            &["--json", "--dry-run", "remote next"],
        )
        .step(Step::GitRemote(vec!["015-remote", "other"])),
        branch("specs beat branches", &["--json", "--dry-run", "x"])
            .step(Step::GitBranch("003-a"))
            .step(Step::Dir("specs/010-b")),
        branch("explicit number", &["--json", "--number", "7", "seven"]),
        branch(
            "existing branch refused",
            &["--json", "--number", "7", "--short-name", "seven", "x"],
        )
        .step(Step::GitBranch("007-seven")),
        branch(
            "existing branch refused with timestamp wording",
            &["--json", "--timestamp", "--short-name", "x", "y"],
        )
        .timestamps()
        .step(Step::TimestampBranches("-x")),
        branch(
            "allow existing switches",
            &[
                "--json",
                "--allow-existing-branch",
                "--number",
                "7",
                "--short-name",
                "seven",
                "x",
            ],
        )
        .step(Step::GitBranch("007-seven")),
        branch(
            "allow existing on the current branch",
            &["--json", "--allow-existing-branch", "x"],
        )
        .env("GIT_BRANCH_NAME", "main"),
        branch("existing exact branch refused", &["x"]).env("GIT_BRANCH_NAME", "main"),
        branch(
            "numbers from a worktree branch",
            &["--json", "--dry-run", "x"],
        )
        .step(Step::GitBranch("041-in-worktree")),
        branch("timestamp", &["--json", "--timestamp", "stamp me"]).timestamps(),
        branch(
            "timestamp drops number",
            &["--timestamp", "--number", "3", "stamp"],
        )
        .timestamps(),
        branch("exact branch name", &["--json", "ignored words"])
            .env("GIT_BRANCH_NAME", "feat/123-exact"),
        branch("exact branch name without number", &["--json", "x"])
            .env("GIT_BRANCH_NAME", "hotfix"),
        branch("exact timestamp branch", &["--json", "x"])
            .env("GIT_BRANCH_NAME", "20250102-030405-stamp"),
        branch("exact branch name with spaces needs quoting", &["x"])
            .env("GIT_BRANCH_NAME", "it's a b"),
        no_git("exact branch name too long", &["x"]).env("GIT_BRANCH_NAME", long.clone()),
        branch("template with author and app", &["--json", "Add search"])
            .root_dir("My App")
            .step(config(
                "branch_template: \"{author}/{app}/{number}-{slug}\"\n",
            )),
        branch("prefix shorthand", &["--json", "Add search"])
            .step(config("branch_prefix: team # comment\n"))
            .step(Step::GitBranch("team/004-old"))
            .step(Step::GitBranch("005-outside")),
        branch("prefix with slash", &["--json", "--dry-run", "x"])
            .step(config("branch_template: ''\nbranch_prefix: 'rel/'\n")),
        no_git("template without number", &["x"]).step(config("branch_template: \"{slug}\"\n")),
        no_git("template slug before number", &["x"])
            .step(config("branch_template: \"{slug}/{number}-x\"\n")),
        no_git("template number not leading", &["x"])
            .step(config("branch_template: \"{number}/x-{slug}\"\n")),
        no_git("template checked before exact names", &["x"])
            .step(config("branch_template: \"{slug}\"\n"))
            .env("GIT_BRANCH_NAME", "x"),
        no_git(
            "long name truncated",
            &["--json", "--dry-run", "--short-name", &long, "x"],
        ),
        no_git(
            "long name truncated with template",
            &["--dry-run", "--short-name", &long, "x"],
        )
        .step(config("branch_template: \"area/{number}-{slug}\"\n")),
        no_git("template prefix too long", &["--dry-run", "x"]).step(config(super::leak(format!(
            "branch_template: \"{}/{{number}}-{{slug}}\"\n",
            "p".repeat(250)
        )))),
        no_git("monorepo init dir", &["--json", "--dry-run", "x"])
            .root_dir("m/pkg")
            .cwd("..")
            .env("SPECIFY_INIT_DIR", "pkg"),
        no_git("init dir invalid", &["x"]).env("SPECIFY_INIT_DIR", "missing"),
    ]
}
