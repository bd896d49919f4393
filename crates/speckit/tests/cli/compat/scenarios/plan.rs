use super::{Script, current_feature, file, manifest, preset, s};
use crate::compat::harness::{Scenario, Step};

fn plan(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::SetupPlan, args).steps(current_feature())
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let mut v = vec![
        plan("json copies the template", &["--json"]),
        plan("text copies the template", &[]),
        plan("help", &["--help"]),
        plan("short help", &["-h"]),
        plan("help after json", &["--json", "-h"]),
        plan("unknown option", &["--force"]),
        plan("positional argument is refused", &["extra"]),
        plan("plan exists json", &["--json"]).step(file("specs/001-demo/plan.md", "mine\n")),
        plan("plan exists text", &[]).step(file("specs/001-demo/plan.md", "mine\n")),
        plan("feature folder is created", &["--json"]).step(Step::Remove("specs")),
        s("no feature json", Script::SetupPlan, &["--json"]),
        s("no feature json text", Script::SetupPlan, &[]),
        s("feature json without key", Script::SetupPlan, &["--json"])
            .step(file(".specify/feature.json", "{}\n")),
        s("feature json empty value", Script::SetupPlan, &[]).step(file(
            ".specify/feature.json",
            "{\"feature_directory\": \"\"}",
        )),
        s("pretty feature json", Script::SetupPlan, &["--json"]).step(file(
            ".specify/feature.json",
            "{\n  \"feature_directory\": \"specs/010-pretty\"\n}\n",
        )),
        // A feature directory the user configured is followed even outside the project.
        s(
            "feature directory outside the project",
            Script::SetupPlan,
            &["--json"],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "../outside/001-x"),
        s(
            "feature json pointing outside the project",
            Script::SetupPlan,
            &[],
        )
        .step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"../escape\"}",
        )),
        s("absolute feature json", Script::SetupPlan, &["--json"]).step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"{root}/specs/004-abs\"}",
        )),
        s(
            "environment beats feature json",
            Script::SetupPlan,
            &["--json"],
        )
        .step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"specs/009-old\"}",
        ))
        .env("SPECIFY_FEATURE_DIRECTORY", "{root}/specs/004-abs"),
        s(
            "environment directory relative",
            Script::SetupPlan,
            &["--json"],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "specs/002-env"),
        s(
            "environment directory trailing slash",
            Script::SetupPlan,
            &["--json"],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "specs/003-slash/"),
        s(
            "environment directory absolute inside",
            Script::SetupPlan,
            &[],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "{root}/specs/005-abs"),
        s(
            "environment directory same as feature json",
            Script::SetupPlan,
            &["--json"],
        )
        .step(file(
            ".specify/feature.json",
            "{\"feature_directory\":\"specs/002-env\"}\n",
        ))
        .env("SPECIFY_FEATURE_DIRECTORY", "specs/002-env"),
        s("no persist", Script::SetupPlan, &["--json"])
            .env("SPECIFY_FEATURE_DIRECTORY", "specs/002-env")
            .env("SPECIFY_FEATURE_NO_PERSIST", "1"),
        s("no persist true", Script::SetupPlan, &["--json"])
            .env("SPECIFY_FEATURE_DIRECTORY", "specs/002-env")
            .env("SPECIFY_FEATURE_NO_PERSIST", "true"),
        plan("specify feature names the branch", &["--json"]).env("SPECIFY_FEATURE", "042-other"),
        plan("template missing", &["--json"])
            .step(Step::Remove(".specify/templates/plan-template.md")),
        plan("template empty", &["--json"]).step(file(".specify/templates/plan-template.md", "")),
        plan("override template", &["--json"]).step(file(
            ".specify/templates/overrides/plan-template.md",
            "override\n",
        )),
        plan("preset replace", &["--json"]).step(file(
            ".specify/presets/mine/templates/plan-template.md",
            "preset plan\n",
        )),
        plan("invalid preset manifest", &["--json"])
            .step(file(".specify/presets/bad/preset.yml", "provides: nope\n")),
        plan("from a subdirectory", &["--json"])
            .step(Step::Dir("src/deep"))
            .cwd("src/deep"),
        s("monorepo init dir", Script::SetupPlan, &["--json"])
            .root_dir("mono/apps/web")
            .steps(current_feature())
            .cwd("../..")
            .env("SPECIFY_INIT_DIR", "apps/web"),
        s("init dir missing", Script::SetupPlan, &["--json"])
            .steps(current_feature())
            .env("SPECIFY_INIT_DIR", "does/not/exist"),
        s("init dir not a project", Script::SetupPlan, &["--json"])
            .steps(current_feature())
            .step(Step::Dir("plain"))
            .env("SPECIFY_INIT_DIR", "plain/"),
        s(
            "project reached through a symlink keeps the logical path",
            Script::SetupPlan,
            &["--json"],
        )
        .steps(current_feature())
        .step(Step::Symlink("../alias", "proj"))
        .cwd("../alias")
        .logical_cwd(),
        s("subfolder through a symlink", Script::SetupPlan, &[])
            .steps(current_feature())
            .step(Step::Dir("real/deep"))
            .step(Step::Symlink("shortcut", "real/deep"))
            .cwd("shortcut")
            .logical_cwd(),
        s(
            "spaces and unicode in the path",
            Script::SetupPlan,
            &["--json"],
        )
        .root_dir("my projects/café 中文/proj")
        .steps(current_feature()),
        s("spaces and unicode text output", Script::SetupPlan, &[])
            .root_dir("my projects/café 中文/proj")
            .steps(current_feature()),
        s(
            "quote in the feature folder name",
            Script::SetupPlan,
            &["--json"],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "specs/007-it's \"quoted\""),
        s(
            "backslash and tab in the folder name",
            Script::SetupPlan,
            &["--json"],
        )
        .env("SPECIFY_FEATURE_DIRECTORY", "specs/008-a\\b\tc"),
    ];
    let mut composed = plan("preset wrap around core", &["--json"]);
    composed.steps.extend(preset(
        "wrapper",
        manifest("plan-template", "wrap.md", "wrap"),
        "wrap.md",
        "BEFORE\n{CORE_TEMPLATE}\nAFTER\n",
    ));
    v.push(composed);
    let mut composed = plan("preset prepend", &[]);
    composed.steps.extend(preset(
        "pre",
        manifest("plan-template", "pre.md", "prepend"),
        "pre.md",
        "prefix text",
    ));
    v.push(composed);
    let mut composed = plan("preset append", &["--json"]);
    composed.steps.extend(preset(
        "post",
        manifest("plan-template", "post.md", "append"),
        "post.md",
        "suffix text\n",
    ));
    v.push(composed);
    v
}
