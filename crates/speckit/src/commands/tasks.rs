//! `speckit tasks ...`: the current feature's task list. `setup` prepares writing it.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use speckit_project::workflow::fsutil::is_file;
use speckit_project::workflow::layers::{resolve_content, resolve_path};
use speckit_project::workflow::layout::{plan_file_name, project_dialect};
use speckit_project::workflow::paths::{Persist, feature_paths};
use speckit_project::workflow::root::ScriptLocation;

use super::workflow::{env, print_json, print_lines, shown};

/// Work with the current feature's tasks.
#[derive(Debug, Args)]
pub(crate) struct TasksArgs {
    #[command(subcommand)]
    command: TasksCommand,
}

#[derive(Debug, Subcommand)]
enum TasksCommand {
    Setup(SetupArgs),
}

/// Check that the plan and spec exist and print what writing tasks.md needs: the design
/// documents available and the tasks template (composed through the override stack).
#[derive(Debug, Args)]
struct SetupArgs {
    /// Print the result as JSON (with the template's text).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &TasksArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        TasksCommand::Setup(setup) => run_setup(setup),
    }
}

fn run_setup(args: &SetupArgs) -> anyhow::Result<ExitCode> {
    let env = env()?;
    let paths = feature_paths(&env, &ScriptLocation::default(), Persist::Allowed)
        .map_err(|e| anyhow::anyhow!("{}", e.to_string().trim_start_matches("ERROR: ")))?;
    let root = &paths.repo_root;
    let plan = format!(
        "{}/{}",
        paths.feature_dir,
        plan_file_name(&project_dialect(root))
    );
    if !is_file(&plan) {
        anyhow::bail!(
            "no plan in {}: run `speckit plan setup` and write the plan first",
            shown(&env, &paths.feature_dir)
        );
    }
    if !is_file(paths.feature_spec()) {
        anyhow::bail!(
            "no spec.md in {}: create the feature with `speckit feature new` first",
            shown(&env, &paths.feature_dir)
        );
    }
    let docs = paths.available_docs();
    let template = resolve_path("tasks-template", root).map_err(|e| anyhow::anyhow!("{}", e.0))?;
    let content = resolve_content("tasks-template", root)
        .map_err(|e| anyhow::anyhow!("{}", e.0.trim_start_matches("Error: ")))?
        .ok_or_else(|| anyhow::anyhow!("no tasks template found: restore .specify/templates/tasks-template.md (or run `speckit init`)"))?;
    if args.json {
        print_json(&json!({
            "feature_dir": paths.feature_dir,
            "plan": plan,
            "spec": paths.feature_spec(),
            "tasks": paths.tasks(),
            "available_docs": docs,
            "tasks_template": template,
            "tasks_template_content": String::from_utf8_lossy(&content),
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let all = [
        "research.md",
        "data-model.md",
        "contracts/",
        "quickstart.md",
    ];
    let missing: Vec<&str> = all.iter().copied().filter(|d| !docs.contains(d)).collect();
    let mut lines = vec![
        format!("Ready to write tasks for {}:", paths.current_branch),
        format!("  plan: {}", shown(&env, &plan)),
        format!("  spec: {}", shown(&env, &paths.feature_spec())),
        format!(
            "  design documents: {}{}",
            if docs.is_empty() {
                "none".to_owned()
            } else {
                docs.join(", ")
            },
            if missing.is_empty() {
                String::new()
            } else {
                format!(" (not present: {})", missing.join(", "))
            }
        ),
        format!(
            "  template: {}",
            template
                .as_deref()
                .map_or_else(|| "composed from presets".to_owned(), |t| shown(&env, t))
        ),
        format!("  write: {}", shown(&env, &paths.tasks())),
    ];
    if is_file(paths.tasks()) {
        lines.push("  note: tasks.md already exists".to_owned());
    }
    print_lines(&lines)?;
    Ok(ExitCode::SUCCESS)
}
