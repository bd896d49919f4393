use super::{Script, file, manifest, preset, s};
use crate::compat::harness::{Scenario, Step};

fn new(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::CreateNewFeature, args)
}

fn with_specs(mut scenario: Scenario, dirs: &[&'static str]) -> Scenario {
    for dir in dirs {
        scenario.steps.push(Step::Dir(dir));
    }
    scenario
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let long_name = "word ".repeat(70);
    let long_unicode = "é".repeat(150);
    let long_short = super::leak(format!("{}-tail", "a".repeat(250)));
    vec![
        new("json", &["--json", "Add user authentication"]),
        new("text", &["Add user authentication"]),
        new(
            "dry run json",
            &["--json", "--dry-run", "Add user authentication"],
        ),
        new("dry run text", &["--dry-run", "Add user authentication"]),
        new("help", &["--help"]),
        new("short help wins over errors later", &["-h", "--number"]),
        new("no description", &["--json"]),
        new("no arguments", &[]),
        new("whitespace description", &["--json", "   "]),
        new("tab and newline description", &["\t\n  "]),
        new("echo option as description", &["-n"]),
        new("echo option combination", &["-eE"]),
        new("short name missing value", &["x", "--short-name"]),
        new(
            "short name followed by flag",
            &["--short-name", "--json", "x"],
        ),
        new("number missing value", &["x", "--number"]),
        new("number followed by flag", &["--number", "--json", "x"]),
        new("number not an integer", &["--number", "abc", "x"]),
        new("negative number", &["--number", "-5", "x"]),
        new(
            "number too large",
            &["--number", "99999999999999999999", "x"],
        ),
        new(
            "number at the limit",
            &["--json", "--number", "9223372036854775807", "x"],
        ),
        new("number zero", &["--json", "--number", "0", "x"]),
        new(
            "number with leading zeros",
            &["--json", "--number", "0005", "x"],
        ),
        new("number empty string", &["--json", "--number", "", "x"]),
        new("explicit number", &["--number", "42", "Answer everything"]),
        with_specs(
            new(
                "explicit number conflicts",
                &["--json", "--number", "1", "thing"],
            ),
            &["specs/001-a", "specs/007-b"],
        ),
        with_specs(
            new(
                "explicit number conflict skips taken numbers",
                &["--json", "--number", "2", "x"],
            ),
            &["specs/002-a", "specs/003-b", "specs/004-c", "specs/001-d"],
        ),
        with_specs(
            new(
                "explicit number free",
                &["--json", "--number", "5", "thing"],
            ),
            &["specs/001-a"],
        ),
        with_specs(
            new(
                "allow existing keeps the requested number",
                &[
                    "--json",
                    "--allow-existing-branch",
                    "--number",
                    "1",
                    "--short-name",
                    "a",
                ],
            ),
            &["specs/001-a"],
        ),
        with_specs(
            new(
                "allow existing other slug still conflicts",
                &[
                    "--json",
                    "--allow-existing-branch",
                    "--number",
                    "1",
                    "--short-name",
                    "b",
                ],
            ),
            &["specs/001-a"],
        ),
        with_specs(
            new("sequence continues", &["--json", "next"]),
            &["specs/001-a", "specs/002-b"],
        ),
        with_specs(
            new("999 becomes 1000", &["--json", "next"]),
            &["specs/999-last"],
        ),
        with_specs(
            new("four digit prefix counts", &["--json", "next"]),
            &["specs/0005-x"],
        ),
        with_specs(
            new("two digit prefix ignored", &["--json", "next"]),
            &["specs/12-x"],
        ),
        with_specs(
            new("timestamp folders ignored", &["--json", "next"]),
            &["specs/20240101-120000-x", "specs/003-y"],
        ),
        with_specs(
            new("non-numbered folders ignored", &["--json", "next"]),
            &["specs/readme", "specs/abc-003"],
        ),
        new("files do not count", &["--json", "next"]).step(file("specs/009-file", "x")),
        with_specs(
            new("huge folder numbers are ignored", &["--json", "next"]),
            &["specs/99999999999999999999-x", "specs/004-y"],
        ),
        with_specs(
            new("sequence exhausted", &["--json", "next"]),
            &["specs/9223372036854775807-max"],
        ),
        new(
            "stop words",
            &["--json", "I want to add OAuth2 login for the API users"],
        ),
        new(
            "four meaningful words kept",
            &["--json", "add new user auth flow"],
        ),
        new(
            "five words cut to three",
            &["--json", "build fast search index cache layer"],
        ),
        new("acronym kept", &["--json", "Use GO now"]),
        new(
            "lowercase short word dropped",
            &["--json", "Add go support"],
        ),
        new("digits as a word", &["--json", "Version 12 rollout"]),
        new("only stop words", &["--json", "a to the of"]),
        new("only short words", &["--json", "ab cd"]),
        new("punctuation only", &["--json", "!!! ???"]),
        new("unicode words", &["--json", "Café crème brûlée système"]),
        new("unicode uppercase stays", &["--json", "the ÉCOLE is"]),
        new("cjk words", &["--json", "日本語 テスト"]),
        new(
            "unknown flags join the description",
            &["--json", "--fast", "search", "-x"],
        ),
        new(
            "multiline description",
            &["--json", "first line\n  second part here  "],
        ),
        new(
            "words joined with spaces",
            &["--json", "alpha", "beta", "gamma", "delta"],
        ),
        new(
            "short name cleaned",
            &["--json", "--short-name", "  User  Auth!! ", "desc"],
        ),
        new(
            "short name unicode",
            &["--json", "--short-name", "Über Cool", "desc"],
        ),
        new(
            "short name empty after cleaning",
            &["--json", "--short-name", "!!!", "desc"],
        ),
        new(
            "short name empty string",
            &["--json", "--short-name", "", "Plain words here"],
        ),
        new(
            "long description truncated to 244 bytes",
            &["--json", "--short-name", &long_name, "desc"],
        ),
        new(
            "long unicode short name truncated at a character",
            &["--short-name", &long_unicode, "desc"],
        ),
        new(
            "long short name ending in a cut dash",
            &["--json", "--short-name", long_short, "desc"],
        ),
        new("timestamp", &["--json", "--timestamp", "Add thing"]).timestamps(),
        new(
            "timestamp text",
            &["--timestamp", "--short-name", "x", "Add thing"],
        )
        .timestamps(),
        new(
            "timestamp drops number",
            &["--json", "--timestamp", "--number", "5", "Add thing"],
        )
        .timestamps(),
        new(
            "timestamp collision",
            &["--json", "--timestamp", "--short-name", "x", "y"],
        )
        .timestamps()
        .step(Step::TimestampDirs("specs/", "-x")),
        new(
            "timestamp dry run",
            &["--json", "--dry-run", "--timestamp", "x"],
        )
        .timestamps(),
        with_specs(
            new(
                "allow existing reuses folder and spec",
                &[
                    "--json",
                    "--short-name",
                    "a",
                    "--number",
                    "1",
                    "--allow-existing-branch",
                ],
            ),
            &[],
        )
        .step(file("specs/001-a/spec.md", "mine")),
        new(
            "existing folder without allow",
            &["--json", "--short-name", "a"],
        )
        .step(Step::Dir("specs/001-a"))
        .step(Step::Dir("specs/000-zero")),
        new(
            "allow existing keeps the spec",
            &[
                "--json",
                "--allow-existing-branch",
                "--number",
                "1",
                "--short-name",
                "a",
            ],
        )
        .step(file("specs/001-a/spec.md", "mine\n")),
        new(
            "allow existing writes a missing spec",
            &[
                "--allow-existing-branch",
                "--number",
                "1",
                "--short-name",
                "a",
            ],
        )
        .step(Step::Dir("specs/001-a")),
        new("no spec template", &["--json", "thing"])
            .step(Step::Remove(".specify/templates/spec-template.md")),
        new("override spec template", &["--json", "thing"]).step(file(
            ".specify/templates/overrides/spec-template.md",
            "# Mine\n\n",
        )),
        {
            let mut sc = new("spec template composed", &["--json", "thing"]);
            sc.steps.extend(preset(
                "p",
                manifest("spec-template", "s.md", "prepend"),
                "s.md",
                "<!-- team header -->",
            ));
            sc
        },
        new(
            "invalid manifest stops before creating the folder",
            &["--json", "thing"],
        )
        .step(file(".specify/presets/p/preset.yml", "provides: {}\n")),
        new("no persist", &["--json", "thing"]).env("SPECIFY_FEATURE_NO_PERSIST", "1"),
        new("feature json already current", &["--json", "thing"]).step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"specs/001-thing\"}\n",
        )),
        new("feature json replaced", &["thing"]).step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"specs/000-old\"}\n",
        )),
        new("from a subdirectory", &["--json", "thing"])
            .step(Step::Dir("docs"))
            .cwd("docs"),
        new("monorepo init dir", &["--json", "thing"])
            .root_dir("repo/svc/a")
            .cwd("../..")
            .env("SPECIFY_INIT_DIR", "svc/a"),
        new("init dir missing", &["--json", "thing"]).env("SPECIFY_INIT_DIR", "nope"),
        new("init dir not a project", &["thing"])
            .step(Step::Dir("sub"))
            .env("SPECIFY_INIT_DIR", "sub"),
        new(
            "no specify folder falls back to the script location",
            &["--json", "thing"],
        )
        .steps(vec![])
        .script_dir("tools/.specify/scripts/bash")
        .cwd("../outside"),
        new("spaces and unicode in the path", &["thing"]).root_dir("my work/ünï/proj"),
        new("project reached through a symlink", &["--json", "thing"])
            .step(Step::Symlink("../alias", "proj"))
            .cwd("../alias")
            .logical_cwd(),
        new("quote in the path", &["thing"]).root_dir("it's here/proj"),
        new(
            "dry run does not create specs",
            &["--dry-run", "--json", "thing"],
        )
        .step(Step::Remove(".specify/templates")),
        new(
            "invalid number still creates specs",
            &["--number", "x1", "thing"],
        ),
    ]
}
