use super::{Script, current_feature, file, manifest, planned_feature, preset, s};
use crate::compat::harness::{Scenario, Step};

fn pre(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::CheckPrerequisites, args).steps(planned_feature())
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let mut v = vec![
        pre("json", &["--json"]),
        pre("text", &[]),
        pre("help", &["--help"]),
        pre("short help", &["-h"]),
        pre("help after other flags", &["--json", "--paths-only", "-h"]),
        pre("unknown option", &["--nope"]),
        pre("positional refused", &["plan"]),
        pre("template without a name", &["--template"]),
        pre("template name is the next token whatever it is", &["--template", "--json"]),
        pre("paths only json", &["--paths-only", "--json"]),
        pre("paths only text", &["--paths-only"]),
        s("paths only does not persist", Script::CheckPrerequisites, &["--paths-only", "--json"])
            .env("SPECIFY_FEATURE_DIRECTORY", "specs/020-new"),
        // Windows PowerShell 5.1 writes UTF-8 with a byte order mark.
        s("feature json with a byte order mark", Script::CheckPrerequisites, &["--json", "--paths-only"])
            .step(file(".specify/feature.json", "\u{feff}{\"feature_directory\":\"specs/002-bom\"}\r\n")),
        s("absolute feature directory elsewhere", Script::CheckPrerequisites, &["--json", "--paths-only"])
            .env("SPECIFY_FEATURE_DIRECTORY", "/var/tmp/elsewhere"),
        s("paths only without a feature", Script::CheckPrerequisites, &["--paths-only"]),
        s("validation persists the environment directory", Script::CheckPrerequisites, &["--json"])
            .env("SPECIFY_FEATURE_DIRECTORY", "specs/020-new"),
        s("feature directory missing", Script::CheckPrerequisites, &["--json"])
            .step(file(".specify/feature.json", "{\"feature_directory\":\"specs/404-gone\"}")),
        s("plan missing", Script::CheckPrerequisites, &["--json"]).steps(current_feature()),
        s("plan missing with skills", Script::CheckPrerequisites, &[])
            .steps(current_feature())
            .step(file(".specify/integration.json", r#"{"default_integration":"copilot","integration_settings":{"copilot":{"invoke_separator":"-"}}}"#)),
        pre("plan empty", &["--json"]).step(file("specs/001-demo/plan.md", "")),
        pre("require spec present", &["--json", "--require-spec"]),
        pre("require spec missing", &["--json", "--require-spec"]).step(Step::Remove("specs/001-demo/spec.md")),
        pre("spec not required by default", &["--json"]).step(Step::Remove("specs/001-demo/spec.md")),
        pre("require tasks missing", &["--json", "--require-tasks", "--include-tasks"]),
        pre("require tasks present", &["--json", "--require-tasks", "--include-tasks"])
            .step(file("specs/001-demo/tasks.md", "- [ ] T001 x\n")),
        pre("include tasks text", &["--include-tasks"]).step(file("specs/001-demo/tasks.md", "t")),
        pre("include tasks absent text", &["--include-tasks"]),
        pre("include tasks absent json", &["--json", "--include-tasks"]),
        pre("docs json", &["--json"])
            .step(file("specs/001-demo/research.md", "r"))
            .step(file("specs/001-demo/contracts/a.md", "c"))
            .step(file("specs/001-demo/quickstart.md", "q")),
        pre("docs text", &[])
            .step(file("specs/001-demo/data-model.md", "d"))
            .step(Step::Dir("specs/001-demo/contracts")),
        pre("research folder is not a file", &["--json"]).step(Step::Dir("specs/001-demo/research.md")),
        pre("template json", &["--json", "--template", "checklist-template"]),
        pre("template text ignores content", &["--template", "checklist-template"]),
        pre("template unknown", &["--json", "--template", "nothing-here"]),
        pre("template invalid name", &["--json", "--template", "Checklist"]),
        pre("template traversal name", &["--json", "--template", "../../etc/passwd"]),
        pre("template empty name", &["--json", "--template", ""]),
        pre("powershell-free flags in any order", &["--include-tasks", "--json", "--require-spec"]),
        s("init dir errors before validation", Script::CheckPrerequisites, &["--json"])
            .steps(planned_feature())
            .env("SPECIFY_INIT_DIR", "nowhere"),
        s("init dir from outside", Script::CheckPrerequisites, &["--json", "--paths-only"])
            .root_dir("ws/p1")
            .steps(planned_feature())
            .cwd("..")
            .env("SPECIFY_INIT_DIR", "{root}"),
    ];
    let mut composed = pre(
        "template composed by a preset",
        &["--json", "--template", "checklist-template"],
    );
    composed.steps.extend(preset(
        "chk",
        manifest("checklist-template", "c.md", "prepend"),
        "c.md",
        "## Team rules\n",
    ));
    v.push(composed);
    v
}
