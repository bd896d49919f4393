use super::{Script, file, s};
use crate::compat::harness::{Scenario, Step};

const CONFIG: &str = ".specify/extensions/agent-context/agent-context-config.yml";
const DEFAULTS: &str = ".specify/extensions/agent-context/agent-context-defaults.json";

fn ctx(name: &str, config: &str, args: &[&str]) -> Scenario {
    s(name, Script::UpdateAgentContext, args).step(file(CONFIG, config))
}

fn seeded(name: &str, integration: &str) -> Scenario {
    ctx(name, "context_file: \"\"\ncontext_files: []\n", &[])
        .step(Step::FromWheel(
            "extensions/agent-context/agent-context-defaults.json",
            DEFAULTS,
        ))
        .step(file(
            ".specify/init-options.json",
            super::leak(format!(
                "{{\"ai\":\"x\",\"integration\":\"{integration}\"}}"
            )),
        ))
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    vec![
        s("no config", Script::UpdateAgentContext, &[]),
        ctx("single context file", "context_file: CLAUDE.md\n", &[]),
        ctx("wheel default config names nothing", "context_file: \"\"\ncontext_files: []\n", &[]),
        s("wheel config file", Script::UpdateAgentContext, &[]).step(Step::FromWheel("extensions/agent-context/agent-context-config.yml", CONFIG)),
        ctx("list wins over single", "context_file: CLAUDE.md\ncontext_files:\n  - AGENTS.md\n  - ' AGENTS.md '\n  - docs/GEMINI.md\n  - 5\n", &[]),
        ctx("plan from argument", "context_file: CLAUDE.md\n", &["specs/009-x/plan.md"]),
        ctx("extra arguments ignored", "context_file: CLAUDE.md\n", &["p.md", "q.md"]),
        ctx("plan from feature json", "context_file: AGENTS.md\n", &[])
            .step(file(".specify/feature.json", "{\"feature_directory\":\"specs/002-b/\"}"))
            .step(file("specs/002-b/plan.md", "# Plan\n")),
        ctx("feature json plan missing falls back to newest", "context_file: AGENTS.md\n", &[])
            .step(file(".specify/feature.json", "{\"feature_directory\":\"specs/003-c\"}"))
            .step(file("specs/001-a/plan.md", "a"))
            .step(file("specs/scope/002-b/plan.md", "b"))
            .step(Step::Mtime("specs/001-a/plan.md", 1_700_000_000))
            .step(Step::Mtime("specs/scope/002-b/plan.md", 1_700_000_100)),
        ctx("newest plan wins", "context_file: AGENTS.md\n", &[])
            .step(file("specs/001-a/plan.md", "a"))
            .step(file("specs/002-b/plan.md", "b"))
            .step(Step::Mtime("specs/001-a/plan.md", 1_700_000_500))
            .step(Step::Mtime("specs/002-b/plan.md", 1_700_000_100)),
        ctx("no plan anywhere", "context_file: AGENTS.md\n", &[]),
        ctx("custom markers", "context_file: CLAUDE.md\ncontext_markers:\n  start: '<!-- A -->'\n  end: '<!-- B -->'\n", &["p.md"])
            .step(file("CLAUDE.md", "intro\n<!-- A -->\nold\n<!-- B -->\noutro\n")),
        ctx("replaces the managed block", "context_file: CLAUDE.md\n", &["p.md"])
            .step(file("CLAUDE.md", "# Rules\n\n<!-- SPECKIT START -->\nold text\n<!-- SPECKIT END -->\n\nmore\n")),
        ctx("start marker only", "context_file: CLAUDE.md\n", &["p.md"]).step(file("CLAUDE.md", "top\n<!-- SPECKIT START -->\ndangling\n")),
        ctx("end marker only", "context_file: CLAUDE.md\n", &["p.md"]).step(file("CLAUDE.md", "gone\n<!-- SPECKIT END -->\nkept\n")),
        ctx("appends after a blank line", "context_file: CLAUDE.md\n", &["p.md"]).step(file("CLAUDE.md", "no newline at end")),
        ctx("crlf and bom normalised", "context_file: CLAUDE.md\n", &["p.md"])
            .step(Step::File("CLAUDE.md", b"\xef\xbb\xbfa\r\nb\rc\r\n".to_vec())),
        ctx("creates nested folders", "context_files: [.github/copilot-instructions.md]\n", &[]),
        ctx("mdc gets front matter", "context_file: .cursor/rules/specify-rules.mdc\n", &["p.md"]),
        ctx("mdc front matter repaired", "context_file: rules.MDC\n", &["p.md"]).step(file("rules.MDC", "---\ndescription: x\nalwaysApply: false  # c\n---\nbody\n")),
        ctx("mdc front matter kept", "context_file: r.mdc\n", &["p.md"]).step(file("r.mdc", "\n---\nalwaysApply: true\n---\nbody\n")),
        ctx("mdc front matter added to existing block", "context_file: r.mdc\n", &["p.md"]).step(file("r.mdc", "---\nglobs: '*'\n---\n")),
        ctx("absolute path refused", "context_file: /tmp/x.md\n", &[]),
        ctx("drive path refused", "context_file: 'C:\\x.md'\n", &[]),
        ctx("backslash refused", "context_file: 'a\\b.md'\n", &[]),
        ctx("dot dot refused", "context_files: [ok.md, a/../b.md]\n", &[]),
        ctx("symlink outside refused", "context_file: out/x.md\n", &[]).step(Step::Symlink("out", "/")),
        ctx("config not a mapping", "- a\n", &[]),
        ctx("config empty", "", &[]),
        seeded("self seeded from init options", "claude"),
        seeded("self seeded copilot", "copilot"),
        seeded("self seeded cursor mdc", "cursor-agent"),
        seeded("unknown integration", "nobody"),
        ctx("defaults file missing", "context_file: ''\n", &[]).step(file(".specify/init-options.json", "{\"ai\":\"claude\"}")),
        ctx("init options without integration", "context_file: ''\n", &[]).step(file(".specify/init-options.json", "{}")),
    ]
}
