//! Deliberate differences from the reference, each listed in README.md ("Kept differences"):
//! both sides run, and each side's behaviour is checked.

use super::{
    ALIAS_BOMB, Script, current_feature, file, leak, manifest, planned_feature, preset, s,
};
use crate::compat::harness::{Entry, Outcome, Scenario, Step};

fn ensure(condition: bool, what: &str) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(what.to_owned())
    }
}

fn files(outcome: &Outcome) -> Vec<&String> {
    outcome
        .tree
        .iter()
        .filter(|(_, e)| !matches!(e, Entry::Dir))
        .map(|(k, _)| k)
        .collect()
}

/// speckit refused with exit `code`, naming `needle` on stderr, and wrote nothing beyond the
/// fixture (the fixture is the reference's tree minus what the reference added).
fn refused(ours: &Outcome, code: i32, needle: &str, fixture_files: usize) -> Result<(), String> {
    ensure(
        ours.code == Some(code),
        &format!("speckit should exit {code}, got {:?}", ours.code),
    )?;
    ensure(
        ours.stderr.contains(needle),
        &format!(
            "speckit's error should mention {needle:?}: {:?}",
            ours.stderr
        ),
    )?;
    ensure(
        files(ours).len() == fixture_files,
        &format!("speckit should write nothing, tree: {:?}", files(ours)),
    )
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    vec![
        s("kept: corrupt feature.json is an error naming the file", Script::SetupPlan, &["--json"])
            .step(file(".specify/feature.json", "{\"feature_directory\":\"specs/001-demo\""))
            .kept(|reference, ours| {
                ensure(reference.code == Some(0), "the reference reads the broken file with its grep fallback")?;
                refused(ours, 1, ".specify/feature.json is corrupt", files(reference).len() - 1)
            }),
        s("kept: feature.json with a non-string directory", Script::CheckPrerequisites, &["--json", "--paths-only"])
            .step(file(".specify/feature.json", "{\"feature_directory\": 7}"))
            .kept(|reference, ours| {
                ensure(reference.stdout.contains("/7\""), "the reference uses the number as a folder name")?;
                refused(ours, 1, "feature_directory is not a string", files(reference).len())
            }),
        s("kept: corrupt integration.json is reported", Script::SetupTasks, &["--json"])
            .steps(current_feature())
            .step(file(".specify/integration.json", "{\"integration\": \"claude\","))
            .kept(|reference, ours| {
                ensure(reference.stderr.contains("Run /speckit.plan first"), "the reference guesses the separator")?;
                ensure(ours.code == Some(1), "speckit still fails the check")?;
                ensure(ours.stderr.contains("ERROR: plan.md not found in "), "speckit keeps the main error")?;
                ensure(ours.stderr.contains(".specify/integration.json is corrupt"), "speckit names the corrupt file")
            }),
        s("kept: corrupt preset registry is an error", Script::SetupPlan, &["--json"])
            .steps(current_feature())
            .step(file(".specify/presets/.registry", "{broken"))
            .step(file(".specify/presets/p/plan-template.md", "preset\n"))
            .kept(|reference, ours| {
                ensure(reference.file("proj/specs/001-demo/plan.md").is_some(), "the reference falls back to a folder scan")?;
                refused(ours, 2, "invalid preset registry", files(reference).len() - 1)
            }),
        {
            let mut sc = s("kept: preset file escaping the preset is refused", Script::SetupPlan, &["--json"]).steps(current_feature());
            sc.steps.extend(preset("p", manifest("plan-template", "../../../secret.md", "replace"), "x.md", "x"));
            sc.steps.push(file("secret.md", "secret\n"));
            sc.kept(|reference, ours| {
                ensure(reference.code == Some(0), "the reference skips the layer and uses the core template")?;
                refused(ours, 2, "declares a template file outside the preset", files(reference).len() - 1)
            })
        },
        {
            let mut sc = s("kept: absolute preset file is refused", Script::ResolveTemplate, &["plan-template"]);
            sc.steps.extend(preset("p", manifest("plan-template", "/etc/hostname", "replace"), "x.md", "x"));
            sc.kept(|reference, ours| {
                ensure(reference.code == Some(0), "the reference ignores the declaration")?;
                ensure(ours.code == Some(1), "speckit fails the resolution")?;
                ensure(ours.stderr.contains("declares a template file outside the preset"), "speckit says why")
            })
        },
        s("kept: PowerShell spellings are accepted", Script::CheckPrerequisites, &["-Json", "-RequireTasks", "-IncludeTasks"])
            .steps(planned_feature())
            .step(file("specs/001-demo/tasks.md", "t\n"))
            .kept(|reference, ours| {
                ensure(reference.stderr.contains("Unknown option '-Json'"), "bash knows only --json")?;
                ensure(ours.code == Some(0), "speckit maps -Json to --json")?;
                ensure(ours.stdout.contains("\"AVAILABLE_DOCS\":[\"tasks.md\"]"), "and runs the checks")
            }),
        s("kept: PowerShell create-new-feature flags", Script::CreateNewFeature, &["-Json", "-DryRun", "-ShortName", "ps-name", "-Number", "7", "desc"])
            .kept(|reference, ours| {
                ensure(reference.stdout.contains("-json-dryrun"), "bash takes the words as description")?;
                ensure(
                    ours.stdout.contains("\"BRANCH_NAME\":\"007-ps-name\"") && ours.stdout.contains("\"DRY_RUN\":true"),
                    "speckit reads the flags",
                )
            }),
        s("kept: Unicode names need no UTF-8 locale", Script::CreateNewFeature, &["--json", "Café système"])
            .env("LC_ALL", "C")
            .kept(|reference, ours| {
                ensure(reference.stderr.contains("A UTF-8 locale is required"), "the reference needs a UTF-8 locale")?;
                ensure(ours.stdout.contains("001-café-système"), "speckit names the feature anyway")
            }),
        s("kept: YAML parse errors carry speckit's parser message", Script::UpdateAgentContext, &[])
            .step(file(".specify/extensions/agent-context/agent-context-config.yml", "context_file: [unclosed\n"))
            .kept(|reference, ours| {
                let prefix = "agent-context: unable to parse ";
                ensure(reference.code == Some(0) && ours.code == Some(0), "both skip with status 0")?;
                ensure(reference.stderr.starts_with(prefix) && ours.stderr.starts_with(prefix), "same message shape")?;
                ensure(ours.stderr.ends_with("cannot update context.\nagent-context: skipping update (see above for details).\n"), "same ending")
            }),
        s("kept: --help prints usage and writes nothing", Script::UpdateAgentContext, &["--help"])
            .step(file(".specify/extensions/agent-context/agent-context-config.yml", "context_file: CLAUDE.md\n"))
            .kept(|reference, ours| {
                let written = |outcome: &Outcome| outcome.tree.keys().any(|path| path.ends_with("/CLAUDE.md"));
                ensure(written(reference), "the reference takes --help for the plan and writes CLAUDE.md")?;
                ensure(ours.code == Some(0) && ours.stdout.starts_with("Usage: "), "speckit prints usage")?;
                ensure(!written(ours), "and writes nothing")
            }),
        s("kept: an alias bomb beside a valid preset manifest is refused", Script::ResolveTemplate, &["plan-template"])
            .steps(preset("p", leak(format!("{}{ALIAS_BOMB}", manifest("plan-template", "plan.md", "replace"))), "plan.md", "preset plan\n"))
            .kept(|reference, ours| {
                ensure(reference.code == Some(0), "PyYAML shares the aliased lists and resolves the preset's file")?;
                ensure(reference.stdout == "preset plan\n", "the reference prints the preset's template")?;
                ensure(ours.code == Some(1), "speckit fails the resolution")?;
                ensure(ours.stderr.starts_with("Error: invalid preset manifest "), "with the reference's message for a bad manifest")
            }),
        s("kept: YAML nested more than 400 levels is refused", Script::ResolveTemplate, &["plan-template"])
            .steps(preset("p", leak(format!("{}deep:\n  {}x\n", manifest("plan-template", "plan.md", "replace"), "- ".repeat(450))), "plan.md", "preset plan\n"))
            .kept(|reference, ours| {
                ensure(reference.code == Some(0), "PyYAML nests up to its recursion limit")?;
                ensure(ours.code == Some(1), "speckit fails the resolution")?;
                ensure(ours.stderr.starts_with("Error: invalid preset manifest "), "with the reference's message for a bad manifest")
            }),
        s("kept: an alias bomb in the agent-context config is refused", Script::UpdateAgentContext, &[])
            .step(file(".specify/extensions/agent-context/agent-context-config.yml", leak(format!("context_file: CLAUDE.md\n{ALIAS_BOMB}"))))
            .kept(|reference, ours| {
                ensure(reference.tree.contains_key("proj/CLAUDE.md"), "the reference loads it and writes the context file")?;
                ensure(ours.code == Some(0), "speckit skips with status 0, as for any unreadable config")?;
                ensure(ours.stderr.contains("(aliases expand the document to more than ten times its size); cannot update context.\n"), "naming the reason")?;
                ensure(!ours.tree.contains_key("proj/CLAUDE.md"), "and writes nothing")
            }),
        s("kept: a context file that is a folder is a clear error", Script::UpdateAgentContext, &["p.md"])
            .step(file(".specify/extensions/agent-context/agent-context-config.yml", "context_file: CLAUDE.md\n"))
            .step(Step::Dir("CLAUDE.md/inner"))
            .kept(|reference, ours| {
                ensure(reference.stderr.contains("Traceback"), "the reference crashes")?;
                ensure(ours.code == Some(1), "speckit exits 1")?;
                ensure(ours.stderr.starts_with("agent-context: ") && !ours.stderr.contains("Traceback"), "with one line")
            }),
    ]
}
