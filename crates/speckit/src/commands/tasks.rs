//! `speckit tasks ...`: the current feature's task list. `setup` prepares writing it; `list`,
//! `next` and `graph` read it as a dependency graph (the model is `speckit_lint::tasks`).

mod view;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use speckit_doc::Document;
use speckit_lint::check::check_tasks;
use speckit_lint::render::tasks as json;
use speckit_lint::tasks::{TaskGraph, TaskList, draw};
use speckit_lint::{Diagnostic, FeatureInput, FileKind, InputFile, Severity, Stage, Verdict};
use speckit_project::config::{self, Overrides};
use speckit_project::runner;
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
    List(ListArgs),
    Next(NextArgs),
    Graph(GraphArgs),
}

/// What a reading command is pointed at: a feature folder or a tasks file.
const TARGET_HELP: &str = "A feature folder (its tasks.md is read) or a tasks file; by default the current feature (SPECIFY_FEATURE_DIRECTORY or .specify/feature.json), else the working directory";

/// Show progress: tasks done per phase and per user story.
///
/// Findings about the task list are printed to stderr, as `speckit check` finds them under the
/// project's .specify/speckit.toml: malformed tasks, duplicate IDs, unknown stories, dependency
/// notes that cannot be followed (rules SK701-SK705), and IDs it cites that the spec does not
/// define (SK802). Exit status: 0, or 1 when the task list has errors; 2 when it cannot be read.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  speckit tasks list\n  speckit tasks list specs/003-reading-goals --tasks\n  speckit tasks list specs/003-reading-goals/tasks.md --json"
)]
struct ListArgs {
    #[arg(value_name = "FEATURE|TASKS.md", help = TARGET_HELP)]
    target: Option<PathBuf>,
    /// List every task under its phase, with its state.
    #[arg(long)]
    tasks: bool,
    /// Print the task list as JSON (phases, stories, tasks, waves, findings).
    #[arg(long)]
    json: bool,
}

/// Show the tasks that may start now.
///
/// A task may start when it is unchecked, every task it waits for is checked (in its phase,
/// a task without [P] waits for the tasks listed before it; "depends on T012" notes add more),
/// and the phases before its own are complete (Setup, then Foundational, then the user stories,
/// which may run side by side, then Polish). Exit status as for `list`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  speckit tasks next\n  speckit tasks next specs/003-reading-goals --json"
)]
struct NextArgs {
    #[arg(value_name = "FEATURE|TASKS.md", help = TARGET_HELP)]
    target: Option<PathBuf>,
    /// Print the tasks as JSON.
    #[arg(long)]
    json: bool,
}

/// Draw the task graph: waves of tasks that may run in parallel.
///
/// Mermaid renders as it is in a ```mermaid block on GitHub: one box per wave, done tasks in
/// green, tasks that may start now outlined. DOT (Graphviz) adds an edge for every wait. JSON
/// holds the whole model. Exit status as for `list`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  speckit tasks graph > graph.mmd\n  speckit tasks graph specs/003-reading-goals --format dot | dot -Tsvg > tasks.svg\n  speckit tasks graph --format json"
)]
struct GraphArgs {
    #[arg(value_name = "FEATURE|TASKS.md", help = TARGET_HELP)]
    target: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// A Mermaid flowchart.
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// The task model as JSON.
    Json,
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
        TasksCommand::List(list) => run_list(list),
        TasksCommand::Next(next) => run_next(next),
        TasksCommand::Graph(graph) => run_graph(graph),
    }
}

/// A task list read from disk, judged as `speckit check` judges its feature.
struct Loaded {
    /// The path as printed.
    shown: String,
    doc: Document,
    list: TaskList,
    graph: TaskGraph,
    /// The check's findings in the task list that stand before `tasked`: the task list's own
    /// rules, and the IDs it cites.
    diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The exit status: 1 when the task list has errors.
    fn status(&self) -> ExitCode {
        if self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn run_list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let loaded = load(args.target.as_deref())?;
    view::print_findings(&loaded.shown, &loaded.doc, &loaded.diagnostics)?;
    if args.json {
        print_json(&json::document(
            &loaded.shown,
            &loaded.doc,
            &loaded.list,
            &loaded.graph,
            &loaded.diagnostics,
        ))?;
    } else {
        view::print_progress(&loaded.shown, &loaded.doc, &loaded.list, args.tasks)?;
    }
    Ok(loaded.status())
}

fn run_next(args: &NextArgs) -> anyhow::Result<ExitCode> {
    let loaded = load(args.target.as_deref())?;
    view::print_findings(&loaded.shown, &loaded.doc, &loaded.diagnostics)?;
    if args.json {
        print_json(&json::ready_document(
            &loaded.shown,
            &loaded.doc,
            &loaded.list,
            &loaded.graph,
            &loaded.diagnostics,
        ))?;
    } else {
        view::print_ready(&loaded.doc, &loaded.list, &loaded.graph)?;
    }
    Ok(loaded.status())
}

fn run_graph(args: &GraphArgs) -> anyhow::Result<ExitCode> {
    let loaded = load(args.target.as_deref())?;
    view::print_findings(&loaded.shown, &loaded.doc, &loaded.diagnostics)?;
    let (doc, list, graph) = (&loaded.doc, &loaded.list, &loaded.graph);
    match args.format {
        GraphFormat::Mermaid => view::print_text(&draw::mermaid(doc, list, graph))?,
        GraphFormat::Dot => view::print_text(&draw::dot(doc, list, graph))?,
        GraphFormat::Json => print_json(&json::document(
            &loaded.shown,
            doc,
            list,
            graph,
            &loaded.diagnostics,
        ))?,
    }
    Ok(loaded.status())
}

/// Finds, reads and models the task list `target` names (see [`TARGET_HELP`]), with the spec
/// beside it for the story labels.
fn load(target: Option<&Path>) -> anyhow::Result<Loaded> {
    let env = env()?;
    let (path, printed) = match target {
        Some(target) if target.is_dir() => {
            let path = target.join("tasks.md");
            if std::fs::symlink_metadata(&path).is_err() {
                anyhow::bail!("no tasks.md in {}", target.display());
            }
            let shown = path.display().to_string();
            (path, shown)
        }
        Some(target) if target.exists() => (target.to_path_buf(), target.display().to_string()),
        Some(target) => anyhow::bail!("{}: no such file or folder", target.display()),
        None => {
            let (dir, why) = match feature_paths(&env, &ScriptLocation::default(), Persist::Never) {
                Ok(paths) => (paths.feature_dir, None),
                Err(error) => (env.cwd().to_owned(), Some(error)),
            };
            let path = Path::new(&dir).join("tasks.md");
            if std::fs::symlink_metadata(&path).is_err() {
                let reason = why.map_or_else(
                    || "the current feature".to_owned(),
                    |e| {
                        format!(
                            "no current feature: {}",
                            e.to_string().trim_start_matches("ERROR: ")
                        )
                    },
                );
                anyhow::bail!(
                    "no tasks.md in {} ({reason}); name a feature folder or a tasks file",
                    shown(&env, &dir)
                );
            }
            let text = path.to_string_lossy().into_owned();
            (path, shown(&env, &text))
        }
    };
    // The task list is loaded with its feature folder as `speckit check` loads it: the
    // project's configuration, its size limit, links out of the project refused.
    let folder = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let config = config::load(None, &folder, &Overrides::default())?;
    let named = path.file_name().is_some_and(|name| name != "tasks.md");
    let extra = named.then_some(path.as_path());
    let (checked, outcome) = runner::judge_folder(&folder, extra, &config, |input| {
        if !named {
            return check_tasks(input, &config.settings);
        }
        // A task list under another name is read as the folder's task list.
        let files = input
            .files
            .iter()
            .filter(|file| file.rel != "tasks.md")
            .map(|file| InputFile {
                rel: if Path::new(&file.path) == path || file.rel == relative_name(&path) {
                    "tasks.md".to_owned()
                } else {
                    file.rel.clone()
                },
                ..file.clone()
            })
            .collect();
        let input = FeatureInput {
            dir: input.dir.clone(),
            name: input.name.clone(),
            files,
            probe: input.probe,
            project: input.project,
        };
        check_tasks(&input, &config.settings)
    });
    let Some(Ok(checked)) = checked else {
        let reason = match checked {
            // What kept the task list from being read: its file's finding of that.
            Some(Err(report)) => report
                .files
                .iter()
                .filter(|file| file.kind == FileKind::Tasks)
                .flat_map(|file| &file.diagnostics)
                .find(|d| d.verdict == Verdict::Invalid)
                .map(|d| d.message.clone()),
            _ => outcome.walk_errors.first().cloned(),
        };
        anyhow::bail!(
            "cannot read {printed}: {}",
            reason.unwrap_or_else(|| "it holds no task list".to_owned())
        );
    };
    let diagnostics = checked
        .report
        .files
        .get(checked.file)
        .map(|file| {
            file.diagnostics
                .iter()
                .filter(|d| d.rule.stage >= Stage::Tasked)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok(Loaded {
        shown: printed,
        doc: checked.document,
        list: checked.list,
        graph: checked.graph,
        diagnostics,
    })
}

/// The file name of `path`, as a feature folder's artifact is named in its input.
fn relative_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
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
        print_json(&serde_json::json!({
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
