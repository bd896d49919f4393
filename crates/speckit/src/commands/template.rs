//! `speckit template resolve|list`: the template layer stack.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use speckit_project::workflow::fsutil::glob_names;
use speckit_project::workflow::layers::{Layer, Origin, is_valid_name, layers, resolve_content};

use super::workflow::{env, print_json, print_lines, project_root, shown};

/// Resolve and list templates through the layer stack.
///
/// A template is looked up in .specify/templates/overrides/, then in the presets (by priority
/// from .specify/presets/.registry), then in the extensions, then in .specify/templates/.
/// Preset layers declared in preset.yml may prepend, append or wrap ({CORE_TEMPLATE}) the
/// layers below instead of replacing them.
#[derive(Debug, Args)]
pub(crate) struct TemplateArgs {
    #[command(subcommand)]
    command: TemplateCommand,
}

#[derive(Debug, Subcommand)]
enum TemplateCommand {
    /// Print a template composed through the stack (e.g. `plan-template`).
    Resolve(ResolveArgs),
    /// List the templates the project provides and the layers each is made of.
    List(ListArgs),
}

#[derive(Debug, Args)]
struct ResolveArgs {
    /// The template's name: lowercase letters, digits and dashes (e.g. spec-template).
    name: String,
    /// Show the layers the template is made of instead of its text.
    #[arg(long)]
    layers: bool,
    /// Print the name, the layers and the text as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &TemplateArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        TemplateCommand::Resolve(resolve) => run_resolve(resolve),
        TemplateCommand::List(list) => run_list(list),
    }
}

fn origin(layer: &Layer) -> String {
    match &layer.origin {
        Origin::Override => "override".to_owned(),
        Origin::Preset(id) => format!("preset {id}"),
        Origin::Extension(id) => format!("extension {id}"),
        Origin::Core => "core".to_owned(),
    }
}

fn layers_json(stack: &[Layer]) -> Vec<serde_json::Value> {
    stack
        .iter()
        .map(|l| json!({"path": l.path, "strategy": l.strategy.name(), "origin": origin(l)}))
        .collect()
}

fn run_resolve(args: &ResolveArgs) -> anyhow::Result<ExitCode> {
    if !is_valid_name(&args.name) {
        anyhow::bail!(
            "invalid template name '{}': use lowercase letters, digits and dashes (e.g. plan-template)",
            args.name
        );
    }
    let env = env()?;
    let root = project_root(&env)?;
    let stack = layers(&args.name, &root)
        .map_err(|e| anyhow::anyhow!("{}", e.0.trim_start_matches("Error: ")))?;
    let content = resolve_content(&args.name, &root)
        .map_err(|e| anyhow::anyhow!("{}", e.0.trim_start_matches("Error: ")))?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "template '{}' not found in overrides, presets, extensions or .specify/templates/",
                args.name
            )
        })?;
    if args.json {
        print_json(&json!({
            "name": args.name,
            "layers": layers_json(&stack),
            "content": String::from_utf8_lossy(&content),
        }))?;
    } else if args.layers {
        let mut lines = vec![format!("{} (highest priority first):", args.name)];
        for layer in &stack {
            lines.push(format!(
                "  {:<8} {:<20} {}",
                layer.strategy.name(),
                origin(layer),
                shown(&env, &layer.path)
            ));
        }
        print_lines(&lines)?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(&content)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Template names (file stems) found in one folder.
fn names_in(dir: &Path, into: &mut BTreeSet<String>) {
    for name in glob_names(dir) {
        if let Some(stem) = name.strip_suffix(".md")
            && is_valid_name(stem)
            && dir.join(&name).is_file()
        {
            into.insert(stem.to_owned());
        }
    }
}

fn run_list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let env = env()?;
    let root = project_root(&env)?;
    let specify = Path::new(&root).join(".specify");
    let mut names = BTreeSet::new();
    names_in(&specify.join("templates"), &mut names);
    names_in(&specify.join("templates/overrides"), &mut names);
    for group in ["presets", "extensions"] {
        for id in glob_names(&specify.join(group)) {
            names_in(&specify.join(group).join(&id), &mut names);
            names_in(&specify.join(group).join(&id).join("templates"), &mut names);
        }
    }
    let mut entries = Vec::new();
    for name in &names {
        let stack = layers(name, &root)
            .map_err(|e| anyhow::anyhow!("{}", e.0.trim_start_matches("Error: ")))?;
        if !stack.is_empty() {
            entries.push((name.clone(), stack));
        }
    }
    if args.json {
        let list: Vec<_> = entries
            .iter()
            .map(|(name, stack)| json!({"name": name, "layers": layers_json(stack)}))
            .collect();
        print_json(&json!({"templates": list}))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut lines = Vec::new();
    for (name, stack) in &entries {
        let chain: Vec<String> = stack
            .iter()
            .map(|l| format!("{} ({})", origin(l), l.strategy.name()))
            .collect();
        lines.push(format!("{name:<24} {}", chain.join(" over ")));
    }
    if lines.is_empty() {
        lines.push("No templates found in .specify/ (run `speckit init`).".to_owned());
    }
    print_lines(&lines)?;
    Ok(ExitCode::SUCCESS)
}
