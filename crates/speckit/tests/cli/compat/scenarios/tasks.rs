use super::{Script, current_feature, file, manifest, planned_feature, preset, s};
use crate::compat::harness::{Scenario, Step};

fn tasks(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::SetupTasks, args).steps(planned_feature())
}

const SKILLS_INTEGRATION: &str = r#"{"integration":"claude","default_integration":"claude","integration_settings":{"claude":{"script":"sh","invoke_separator":"-"}}}"#;

pub(crate) fn scenarios() -> Vec<Scenario> {
    let mut v = vec![
        tasks("json", &["--json"]),
        tasks("text", &[]),
        tasks("help", &["--help"]),
        tasks("unknown option", &["--verbose"]),
        tasks("positional refused", &["x"]),
        s("no plan", Script::SetupTasks, &["--json"]).steps(current_feature()),
        s("no plan with skills separator", Script::SetupTasks, &["--json"])
            .steps(current_feature())
            .step(file(".specify/integration.json", SKILLS_INTEGRATION)),
        s("no plan with integration key only", Script::SetupTasks, &[])
            .steps(current_feature())
            .step(file(".specify/integration.json", r#"{"integration":"codex","integration_settings":{"codex":{"invoke_separator":"-"}}}"#)),
        s("no plan with odd separator", Script::SetupTasks, &[])
            .steps(current_feature())
            .step(file(".specify/integration.json", r#"{"integration":"x","integration_settings":{"x":{"invoke_separator":"/"}}}"#)),
        s("no spec", Script::SetupTasks, &["--json"])
            .steps(current_feature())
            .step(file("specs/001-demo/plan.md", "# Plan\n")),
        s("no spec with skills separator", Script::SetupTasks, &[])
            .steps(current_feature())
            .step(file("specs/001-demo/plan.md", "# Plan\n"))
            .step(file(".specify/integration.json", SKILLS_INTEGRATION)),
        tasks("all documents json", &["--json"])
            .step(file("specs/001-demo/research.md", "r"))
            .step(file("specs/001-demo/data-model.md", "d"))
            .step(file("specs/001-demo/contracts/api.yaml", "c"))
            .step(file("specs/001-demo/quickstart.md", "q")),
        tasks("all documents text", &[])
            .step(file("specs/001-demo/research.md", "r"))
            .step(file("specs/001-demo/data-model.md", "d"))
            .step(file("specs/001-demo/contracts/api.yaml", "c"))
            .step(file("specs/001-demo/quickstart.md", "q")),
        tasks("empty contracts folder", &["--json"]).step(Step::Dir("specs/001-demo/contracts")),
        tasks("hidden file counts in contracts", &[]).step(file("specs/001-demo/contracts/.keep", "")),
        tasks("tasks template missing", &["--json"]).step(Step::Remove(".specify/templates/tasks-template.md")),
        tasks("tasks template override", &["--json"])
            .step(file(".specify/templates/overrides/tasks-template.md", "tab\there \"quoted\" back\\slash é \u{1}\n")),
        tasks("tasks template from preset without registry", &[])
            .step(file(".specify/presets/team/templates/tasks-template.md", "team tasks\n")),
        tasks("tasks template from preset with registry", &["--json"])
            .step(file(".specify/presets/.registry", r#"{"presets":{"team":{"priority":5}}}"#))
            .step(file(".specify/presets/team/tasks-template.md", "team tasks\n")),
        tasks("tasks template from extension", &["--json"])
            .step(Step::Remove(".specify/templates/tasks-template.md"))
            .step(file(".specify/extensions/ext/templates/tasks-template.md", "ext tasks\n")),
        tasks("invalid extension registry", &["--json"])
            .step(file(".specify/extensions/.registry", "not json"))
            .step(Step::Dir(".specify/extensions/ext")),
        tasks("tasks template empty", &["--json"]).step(file(".specify/templates/tasks-template.md", "")),
    ];
    let mut composed = tasks(
        "composed tasks template path is the preset file",
        &["--json"],
    );
    composed.steps.extend(preset(
        "extra",
        manifest("tasks-template", "more.md", "append"),
        "more.md",
        "more tasks\n",
    ));
    v.push(composed);
    v
}
