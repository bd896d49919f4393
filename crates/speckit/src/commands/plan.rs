//! `speckit plan setup`: copy the plan template into the current feature.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use speckit_project::path_text::join;
use speckit_project::read;
use speckit_project::workflow::fsutil::{create_dirs, is_file, write_new};
use speckit_project::workflow::layers::resolve_content;
use speckit_project::workflow::layout::{Level, leveled_plan, plan_file_name, project_dialect};

use super::workflow::{current_feature, env, print_json, print_lines, shown};

/// Work with the current feature's implementation plan.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    Setup(SetupArgs),
}

/// Copy the plan template into the current feature (never over an existing plan) and print the
/// paths an agent needs.
///
/// The current feature is SPECIFY_FEATURE_DIRECTORY, else the one in .specify/feature.json.
/// The template is composed through the override stack (`speckit template resolve
/// plan-template`). In the epic layout the plan is `impl-plan.md`.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
struct SetupArgs {
    /// Print the paths as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &PlanArgs) -> anyhow::Result<ExitCode> {
    let PlanCommand::Setup(setup) = &args.command;
    let env = env()?;
    let paths = current_feature(&env)?;
    let dialect = project_dialect(&paths.repo_root);
    let plan = join(&paths.feature_dir, plan_file_name(&dialect));
    let bounds = paths.write_bounds();
    let within = Path::new(&bounds);
    create_dirs(within, Path::new(&paths.feature_dir))?;
    let created = if is_file(&plan) {
        false
    } else {
        let content = resolve_content("plan-template", &paths.repo_root)
            .map_err(|e| anyhow::anyhow!("{}", e.0.trim_start_matches("Error: ")))?
            .ok_or_else(|| anyhow::anyhow!("no plan template found: restore .specify/templates/plan-template.md (or run `speckit init`)"))?;
        if content.is_empty() {
            anyhow::bail!("the plan template is empty; no plan was written");
        }
        let content = match (dialect.as_str(), spec_level(&paths.feature_spec())) {
            ("leveled", Some(level)) => {
                leveled_plan(level, &String::from_utf8_lossy(&content)).into_bytes()
            }
            _ => content,
        };
        if !write_new(within, Path::new(&plan), &content)? {
            anyhow::bail!("{plan} exists and is not a regular file; no plan was written");
        }
        true
    };
    if setup.json {
        print_json(&json!({
            "feature_dir": paths.feature_dir,
            "spec": paths.feature_spec(),
            "plan": plan,
            "branch": paths.current_branch,
            "plan_created": created,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let state = if created {
        "created from the plan template"
    } else {
        "already there, left as it was"
    };
    print_lines(&[
        format!(
            "Feature {} ({})",
            paths.current_branch,
            shown(&env, &paths.feature_dir)
        ),
        format!("  plan: {} ({state})", shown(&env, &plan)),
        format!("  spec: {}", shown(&env, &paths.feature_spec())),
        String::new(),
        format!(
            "Next: fill the plan; `speckit check --stage ready {}` says when it is ready.",
            shown(&env, &paths.feature_dir)
        ),
    ])?;
    Ok(ExitCode::SUCCESS)
}

/// The level a leveled spec declares with `<!-- SPECKIT_LEVEL: N -->`.
fn spec_level(spec: &str) -> Option<Level> {
    let text = read::read_text_bounded(Path::new(spec), read::DEFAULT_LIMIT).ok()?;
    let start = text.find("<!-- SPECKIT_LEVEL:")? + "<!-- SPECKIT_LEVEL:".len();
    let end = text[start..].find("-->")? + start;
    Level::parse(text[start..end].trim())
}
