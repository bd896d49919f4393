//! `speckit agent-context update`: refresh the agents' context files.

use speckit_project::path_text::{display, is_absolute, join};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use speckit_project::read;
use speckit_project::workflow::agent_context::{
    AGENT_DEFAULTS, CONFIG_PATH, Claim, DEFAULT_END, DEFAULT_START, find_plan, read_config,
    section_with, technical_context, update_file, validate_context_file,
};
use speckit_project::workflow::fsutil::is_file;

use super::workflow::{env, print_json, print_lines, print_warnings, project_root, shown};

/// Maintain the agents' context files.
#[derive(Debug, Args)]
pub(crate) struct AgentContextArgs {
    #[command(subcommand)]
    command: AgentContextCommand,
}

#[derive(Debug, Subcommand)]
enum AgentContextCommand {
    Update(UpdateArgs),
}

/// Point the agents' context files (CLAUDE.md, AGENTS.md, ...) at the current plan.
///
/// Only the section between `<!-- SPECKIT START -->` and `<!-- SPECKIT END -->` is written;
/// the rest of each file is kept. The files are those of the agent-context extension's config
/// (.specify/extensions/agent-context/agent-context-config.yml) when there is one, otherwise
/// those of the agents installed by `speckit init`. The section names the plan and the
/// technologies its Technical Context settles.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
struct UpdateArgs {
    /// The plan to point at (default: the current feature's plan, else the newest one).
    plan: Option<String>,
    /// Print what was updated as JSON.
    #[arg(long)]
    json: bool,
}

/// The context files of the agents recorded in `.specify/integration.json`.
fn installed_agent_files(root: &str) -> Vec<String> {
    let state: serde_json::Value = read::read_text_bounded(
        Path::new(&join(root, ".specify/integration.json")),
        read::CONFIG_LIMIT,
    )
    .ok()
    .and_then(|t| serde_json::from_str(&t).ok())
    .unwrap_or_default();
    let mut keys: Vec<String> = state
        .get("installed_integrations")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty()
        && let Some(key) = state.get("integration").and_then(|v| v.as_str())
    {
        keys.push(key.to_owned());
    }
    let mut files: Vec<String> = Vec::new();
    for key in keys {
        if let Some((_, file)) = AGENT_DEFAULTS.iter().find(|(k, _)| *k == key)
            && !files.iter().any(|f| f == file)
        {
            files.push((*file).to_owned());
        }
    }
    files
}

pub(crate) fn run(args: &AgentContextArgs) -> anyhow::Result<ExitCode> {
    let AgentContextCommand::Update(update) = &args.command;
    let env = env()?;
    let root = project_root(&env)?;
    let config_path = join(&root, CONFIG_PATH);
    let (files, start, end) = if is_file(&config_path) {
        let config = read_config(&root, &config_path).map_err(|e| anyhow::anyhow!("{e}"))?;
        print_warnings(&config.notes)?;
        (config.files, config.start, config.end)
    } else {
        (
            installed_agent_files(&root),
            DEFAULT_START.to_owned(),
            DEFAULT_END.to_owned(),
        )
    };
    if files.is_empty() {
        anyhow::bail!(
            "no context file to update: set context_file in {CONFIG_PATH} or run `speckit init --agent ...`"
        );
    }
    for file in &files {
        validate_context_file(&root, file)
            .map_err(|m| anyhow::anyhow!("{}", m.trim_start_matches("agent-context: ")))?;
    }
    let plan = update.plan.clone().unwrap_or_else(|| find_plan(&root));
    let facts = if plan.is_empty() {
        Vec::new()
    } else {
        let path = if is_absolute(&plan) {
            Path::new(&plan).to_path_buf()
        } else {
            Path::new(&root).join(&plan)
        };
        // A plan found in the project must stay in it; one named with --plan is the user's.
        let read = match &update.plan {
            Some(_) => read::read_bounded(&path, read::DEFAULT_LIMIT),
            None => read::read_within(&path, Path::new(&root), read::DEFAULT_LIMIT),
        };
        let text = read.ok().and_then(|bytes| String::from_utf8(bytes).ok());
        technical_context(&text.unwrap_or_default())
    };
    let text = section_with(&start, &end, &plan, &facts);
    for file in &files {
        update_file(&root, file, &start, &end, &text, Claim::ThroughLastEnd)
            .map_err(|m| anyhow::anyhow!("{}", m.trim_start_matches("agent-context: ")))?;
    }
    if update.json {
        print_json(&json!({"plan": plan, "files": files, "technologies": facts}))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut lines: Vec<String> = files
        .iter()
        .map(|f| format!("Updated {}", shown(&env, &join(&root, f))))
        .collect();
    lines.push(if plan.is_empty() {
        "  no plan found yet; the section names none".to_owned()
    } else {
        format!("  pointing at {}", display(&plan))
    });
    print_lines(&lines)?;
    Ok(ExitCode::SUCCESS)
}
