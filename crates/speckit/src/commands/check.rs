//! `speckit check`: validate artifacts and report findings.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use speckit_lint::render::printable;
use speckit_lint::render::{self, Format, ReportWriter};
use speckit_project::runner;

use super::options::{ColorChoice, Selection, paths_or_current, shown};

/// Validate specs, plans, tasks, checklists and constitutions.
#[derive(Debug, Args)]
#[command(
    long_about = "Validate specs, plans, tasks, checklists and constitutions.\n\n\
        Give files, feature folders, or whole trees (walked in parallel; .gitignore respected; \
        only Spec Kit artifacts are picked up). Each feature gets a verdict: ready, incomplete, \
        blocked (a gate failed) or invalid (a file could not be read). The dialect is detected \
        from markers, the project's own plan template, or the sections a plan has.\n\n\
        Exit status: 0 when every file is ready (warnings allowed), 1 when one is not, 2 on errors.",
    after_help = "Examples:\n  speckit check                          check the whole repository\n  \
        speckit check specs/003-login          one feature folder\n  \
        speckit check --stage researched       a plan may not carry NEEDS CLARIFICATION any more\n  \
        speckit check --format sarif > speckit.sarif\n  \
        speckit check --select SK3 --ignore SK303\n\n\
        Configuration: .specify/speckit.toml (found by walking up), or --config FILE.\n\
        Rules: speckit rules; speckit explain SK301."
)]
pub(crate) struct CheckArgs {
    /// Files, feature folders or trees to check [default: the current directory].
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    selection: Selection,

    /// The stage to check at: what must exist and what may still be open [default: tasked for a
    /// feature with tasks.md (requirements without tasks, undefined or duplicate IDs are then
    /// checked too), ready for one with a plan, clarified for a spec alone].
    #[arg(long, value_name = "STAGE", value_parser = ["specified", "clarified", "researched", "designed", "ready", "tasked", "done"])]
    stage: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// In human output, also list features that are ready.
    #[arg(long)]
    show_ready: bool,

    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

pub(crate) fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let paths = paths_or_current(&args.paths);
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
    };
    let options = render::Options {
        color: args.color.enabled(format == Format::Human),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        show_ready: args.show_ready,
    };
    let stdout = io::stdout().lock();
    let mut writer = ReportWriter::new(format, io::BufWriter::new(stdout), options)?;
    let config = match args.selection.load(&paths, args.stage.clone()) {
        Ok(config) => config,
        Err(error) if format.is_document() => {
            writer
                .finish(&[format!("{error:#}")])
                .context("writing the report")?;
            return Err(error);
        }
        Err(error) => return Err(error),
    };
    let outcome = runner::run(&paths, &config, args.selection.follow, |report| {
        writer.feature(&report)
    })
    .context("writing the report")?;
    let summary = writer
        .finish(&outcome.walk_errors)
        .context("writing the report")?;

    let mut stderr = io::stderr().lock();
    for error in &outcome.walk_errors {
        writeln!(stderr, "speckit: error: {}", printable(error))?;
    }
    if outcome.units == 0 && format == Format::Human {
        writeln!(
            stderr,
            "speckit: warning: no Spec Kit artifacts found under {}",
            shown(&paths)
        )?;
    }
    Ok(if !outcome.walk_errors.is_empty() {
        ExitCode::from(2)
    } else if summary.all_ready() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
