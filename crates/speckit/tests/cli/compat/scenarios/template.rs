use super::{ALIAS_BOMB, Script, file, manifest, preset, s};
use crate::compat::harness::{Scenario, Step};

fn rt(name: &str, args: &[&str]) -> Scenario {
    s(name, Script::ResolveTemplate, args)
}

fn manifest_case(name: &str, yaml: &'static str) -> Scenario {
    rt(name, &["--json", "plan-template"])
        .step(Step::File(
            ".specify/presets/p/preset.yml",
            yaml.as_bytes().to_vec(),
        ))
        .step(file(".specify/presets/p/plan.md", "preset plan\n"))
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let mut v = vec![
        rt("text", &["spec-template"]),
        rt("json", &["--json", "plan-template"]),
        rt("json after name", &["tasks-template", "--json"]),
        rt("help", &["--help"]),
        rt("no name", &["--json"]),
        rt("two names", &["a", "b"]),
        rt("unknown option", &["-x"]),
        rt("lone dash", &["-"]),
        rt("not found", &["missing-template"]),
        rt("invalid characters", &["Spec_Template"]),
        rt("traversal", &["../templates/spec-template"]),
        rt("no newline added", &["custom"])
            .step(file(".specify/templates/custom.md", "no newline at end")),
        rt("override wins", &["--json", "spec-template"]).step(file(
            ".specify/templates/overrides/spec-template.md",
            "over\n",
        )),
        rt("extension beats core", &["spec-template"])
            .step(file(".specify/extensions/e1/spec-template.md", "ext\n")),
        rt("extension priority from registry", &["spec-template"])
            .step(file(
                ".specify/extensions/.registry",
                r#"{"extensions":{"zz":{"priority":1},"aa":{"priority":20}}}"#,
            ))
            .step(file(".specify/extensions/aa/spec-template.md", "aa\n"))
            .step(file(
                ".specify/extensions/zz/templates/spec-template.md",
                "zz\n",
            )),
        rt("disabled extension", &["spec-template"])
            .step(file(
                ".specify/extensions/.registry",
                r#"{"extensions":{"aa":{"enabled":false}}}"#,
            ))
            .step(file(".specify/extensions/aa/spec-template.md", "aa\n")),
        rt("extension registry not an object", &["spec-template"])
            .step(file(".specify/extensions/.registry", "[]"))
            .step(file(".specify/extensions/aa/spec-template.md", "aa\n")),
        rt("preset priorities", &["spec-template"])
            .step(file(
                ".specify/presets/.registry",
                r#"{"presets":{"b":{"priority":1},"a":{"priority":2}}}"#,
            ))
            .step(file(".specify/presets/a/spec-template.md", "a\n"))
            .step(file(".specify/presets/b/templates/spec-template.md", "b\n")),
        rt("preset priority ties by name", &["spec-template"])
            .step(file(
                ".specify/presets/.registry",
                r#"{"presets":{"b":{"priority":3},"a":{"priority":"3"}}}"#,
            ))
            .step(file(".specify/presets/a/spec-template.md", "a\n"))
            .step(file(".specify/presets/b/spec-template.md", "b\n")),
        rt("preset boolean and zero priorities", &["spec-template"])
            .step(file(
                ".specify/presets/.registry",
                r#"{"presets":{"a":{"priority":true},"b":{"priority":0},"c":{"priority":9}}}"#,
            ))
            .step(file(".specify/presets/a/spec-template.md", "a\n"))
            .step(file(".specify/presets/b/spec-template.md", "b\n"))
            .step(file(".specify/presets/c/spec-template.md", "c\n")),
        rt("disabled preset", &["spec-template"])
            .step(file(
                ".specify/presets/.registry",
                r#"{"presets":{"a":{"enabled":false}}}"#,
            ))
            .step(file(".specify/presets/a/spec-template.md", "a\n")),
        rt("registry lists no presets", &["spec-template"])
            .step(file(".specify/presets/.registry", r#"{"presets":{}}"#))
            .step(file(".specify/presets/a/spec-template.md", "a\n")),
        rt("presets alphabetical without registry", &["spec-template"])
            .step(file(".specify/presets/zeta/spec-template.md", "z\n"))
            .step(file(".specify/presets/alpha/spec-template.md", "a\n"))
            .step(file(".specify/presets/Bad_Name/spec-template.md", "bad\n")),
        rt(
            "preset without manifest uses conventional file",
            &["--json", "plan-template"],
        )
        .step(file(
            ".specify/presets/p/templates/plan-template.md",
            "conventional\n",
        )),
        manifest_case(
            "manifest replace",
            manifest("plan-template", "plan.md", "replace"),
        ),
        manifest_case(
            "manifest strategy omitted",
            "provides:\n  templates:\n    - {type: template, name: plan-template, file: plan.md}\n",
        ),
        manifest_case(
            "manifest strategy uppercase",
            manifest("plan-template", "plan.md", "APPEND"),
        ),
        manifest_case(
            "manifest declares another template",
            manifest("spec-template", "plan.md", "replace"),
        ),
        manifest_case(
            "manifest declared file missing",
            manifest("plan-template", "missing.md", "replace"),
        ),
        manifest_case("manifest not a mapping", "- a\n- b\n"),
        manifest_case("manifest empty", ""),
        manifest_case("manifest without provides", "id: p\n"),
        manifest_case("manifest provides a list", "provides: []\n"),
        manifest_case("manifest without templates", "provides: {}\n"),
        manifest_case(
            "manifest templates not a list",
            "provides:\n  templates: {}\n",
        ),
        manifest_case("manifest templates empty", "provides:\n  templates: []\n"),
        manifest_case(
            "manifest entry not a mapping",
            "provides:\n  templates:\n    - plan\n",
        ),
        manifest_case(
            "manifest entry missing file",
            "provides:\n  templates:\n    - {type: template, name: plan-template}\n",
        ),
        manifest_case(
            "manifest name not a string",
            "provides:\n  templates:\n    - {type: template, name: 12, file: plan.md}\n",
        ),
        manifest_case(
            "manifest yes is a boolean",
            "provides:\n  templates:\n    - {type: template, name: plan-template, file: yes}\n",
        ),
        manifest_case(
            "manifest bad type",
            manifest("plan-template", "plan.md", "replace")
                .replace("type: template", "type: widget")
                .leak(),
        ),
        manifest_case(
            "manifest bad strategy",
            manifest("plan-template", "plan.md", "merge"),
        ),
        manifest_case(
            "manifest strategy not a string",
            manifest("plan-template", "plan.md", "[a]"),
        ),
        manifest_case(
            "manifest script strategy",
            "provides:\n  templates:\n    - {type: script, name: x, file: x.sh, strategy: prepend}\n",
        ),
        manifest_case(
            "manifest command entry",
            "provides:\n  templates:\n    - {type: command, name: plan-template, file: plan.md, strategy: append}\n    - {type: template, name: plan-template, file: plan.md}\n",
        ),
        manifest_case("manifest syntax error", "provides: [unclosed\n"),
        manifest_case(
            "manifest two documents",
            "---\nprovides: {}\n---\nprovides: {}\n",
        ),
        manifest_case("manifest alias bomb", ALIAS_BOMB),
        manifest_case(
            "manifest collection as a key",
            "? [a]\n: 1\nprovides:\n  templates:\n    - {type: template, name: plan-template, file: plan.md}\n",
        ),
        manifest_case(
            "manifest repeated key keeps the last value",
            "provides: {}\nprovides:\n  templates:\n    - {type: template, name: plan-template, file: plan.md}\n",
        ),
        manifest_case(
            "manifest anchors",
            "base: &b {type: template, name: plan-template, file: plan.md}\nprovides:\n  templates:\n    - *b\n",
        ),
        rt(
            "wrap with several placeholders",
            &["--json", "plan-template"],
        )
        .step(Step::File(
            ".specify/presets/w/preset.yml",
            manifest("plan-template", "w.md", "wrap")
                .as_bytes()
                .to_vec(),
        ))
        .step(file(
            ".specify/presets/w/w.md",
            "[{CORE_TEMPLATE}]({CORE_TEMPLATE})",
        )),
        rt("wrap without placeholder", &["--json", "plan-template"])
            .step(Step::File(
                ".specify/presets/w/preset.yml",
                manifest("plan-template", "w.md", "wrap")
                    .as_bytes()
                    .to_vec(),
            ))
            .step(file(".specify/presets/w/w.md", "no token")),
        rt("wrap with no base", &["plan-template"])
            .step(Step::Remove(".specify/templates/plan-template.md"))
            .step(Step::File(
                ".specify/presets/w/preset.yml",
                manifest("plan-template", "w.md", "wrap")
                    .as_bytes()
                    .to_vec(),
            ))
            .step(file(".specify/presets/w/w.md", "{CORE_TEMPLATE}")),
        rt(
            "base containing the placeholder is not rescanned",
            &["plan-template"],
        )
        .step(file(
            ".specify/templates/plan-template.md",
            "core {CORE_TEMPLATE} core",
        ))
        .step(Step::File(
            ".specify/presets/w/preset.yml",
            manifest("plan-template", "w.md", "wrap")
                .as_bytes()
                .to_vec(),
        ))
        .step(file(".specify/presets/w/w.md", "<{CORE_TEMPLATE}>")),
        rt(
            "no specify folder uses the script location",
            &["spec-template"],
        )
        .cwd("../elsewhere"),
    ];
    let mut stacked = rt(
        "three layers stack in priority order",
        &["--json", "plan-template"],
    );
    stacked.steps.push(file(
        ".specify/presets/.registry",
        r#"{"presets":{"a":{"priority":1},"b":{"priority":2},"c":{"priority":3}}}"#,
    ));
    stacked.steps.extend(preset(
        "a",
        manifest("plan-template", "a.md", "wrap"),
        "a.md",
        "A[{CORE_TEMPLATE}]",
    ));
    stacked.steps.extend(preset(
        "b",
        manifest("plan-template", "b.md", "append"),
        "b.md",
        "B",
    ));
    stacked.steps.extend(preset(
        "c",
        manifest("plan-template", "c.md", "replace"),
        "c.md",
        "C",
    ));
    v.push(stacked);
    let mut replace_top = rt("replace on top ignores lower layers", &["plan-template"]);
    replace_top.steps.push(file(
        ".specify/presets/.registry",
        r#"{"presets":{"a":{"priority":1},"b":{"priority":2}}}"#,
    ));
    replace_top.steps.extend(preset(
        "a",
        manifest("plan-template", "a.md", "replace"),
        "a.md",
        "A only",
    ));
    replace_top.steps.extend(preset(
        "b",
        manifest("plan-template", "b.md", "append"),
        "b.md",
        "B",
    ));
    v.push(replace_top);
    v
}
