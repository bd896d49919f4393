//! `speckit init`: scaffold a project for spec-driven development, offline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use speckit_project::workflow::init::{
    AGENTS, DIALECTS, FileAction, InitOptions, agent, init_project,
};

use super::workflow::{env, print_json, print_lines, shown};

/// Create `.specify/` (templates, constitution, scripts, settings) and the agents' commands.
///
/// Everything comes from the binary: no network. Existing files are kept, so running it again
/// only adds what is missing; `--force` replaces them. The scripts in `.specify/scripts/` are
/// thin wrappers around `speckit script`, so command files written for Spec Kit keep working.
///
/// Examples:
///   speckit init my-app --agent claude
///   speckit init --here --agent copilot --agent gemini --dialect epic
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct InitArgs {
    /// The project folder to create or complete (default: the current folder).
    dir: Option<PathBuf>,
    /// Scaffold the current folder.
    #[arg(long, conflicts_with = "dir")]
    here: bool,
    /// An agent to set up (repeat or separate with commas): claude, copilot, gemini, cursor,
    /// codex, opencode, generic. The first one is the default.
    #[arg(long = "agent", short = 'a', value_delimiter = ',', required = true)]
    agents: Vec<String>,
    /// The template dialect: speckit, epic, ssd, gated, leveled, classic.
    #[arg(long, default_value = "speckit")]
    dialect: String,
    /// Replace files that already exist.
    #[arg(long)]
    force: bool,
    /// Print what was done as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let env = env()?;
    let mut agents = Vec::new();
    for name in &args.agents {
        let Some(found) = agent(name) else {
            let known: Vec<&str> = AGENTS.iter().map(|a| a.key).collect();
            anyhow::bail!("unknown agent '{name}' (known: {})", known.join(", "));
        };
        if !agents.contains(&found) {
            agents.push(found);
        }
    }
    if !DIALECTS.contains(&args.dialect.as_str()) {
        anyhow::bail!(
            "unknown dialect '{}' (known: {})",
            args.dialect,
            DIALECTS.join(", ")
        );
    }
    let root = match &args.dir {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => PathBuf::from(env.cwd()).join(dir),
        None => PathBuf::from(env.cwd()),
    };
    let options = InitOptions {
        root: root.clone(),
        agents,
        dialect: args.dialect.clone(),
        force: args.force,
        here: args.here || args.dir.is_none(),
    };
    let report = init_project(&options)?;
    let root_text = root.to_string_lossy().into_owned();
    if args.json {
        let files: Vec<_> = report
            .iter()
            .map(|(path, action)| {
                let action = match action {
                    FileAction::Created => "created",
                    FileAction::Kept => "kept",
                    FileAction::Replaced => "replaced",
                };
                json!({"path": path, "action": action})
            })
            .collect();
        print_json(&json!({
            "root": root_text,
            "dialect": args.dialect,
            "agents": options.agents.iter().map(|a| a.key).collect::<Vec<_>>(),
            "files": files,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let count = |wanted: FileAction| report.iter().filter(|(_, a)| *a == wanted).count();
    let first = options.agents[0];
    let mut lines = vec![format!(
        "Initialized {} for {} ({} dialect): {} files created, {} kept, {} replaced.",
        shown(&env, &root_text),
        options
            .agents
            .iter()
            .map(|a| a.title)
            .collect::<Vec<_>>()
            .join(", "),
        args.dialect,
        count(FileAction::Created),
        count(FileAction::Kept),
        count(FileAction::Replaced),
    )];
    let kept: Vec<&String> = report
        .iter()
        .filter(|(_, a)| *a == FileAction::Kept)
        .map(|(p, _)| p)
        .collect();
    if !kept.is_empty() && kept.len() < report.len() {
        lines.push(format!(
            "Kept as they were (use --force to replace): {}",
            kept.iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let sep = first.separator();
    lines.push(String::new());
    lines.push("Next steps:".to_owned());
    lines.push(format!(
        "  1. In {}, run /speckit{sep}constitution to set the project's principles.",
        first.title
    ));
    lines.push(format!(
        "  2. Run /speckit{sep}specify <what to build> to start a feature."
    ));
    lines.push(format!("  3. Then /speckit{sep}plan, /speckit{sep}tasks and /speckit{sep}implement; `speckit check` tells when a plan is ready."));
    print_lines(&lines)?;
    Ok(ExitCode::SUCCESS)
}
