//! `speckit check`: validate artifacts and report findings.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use speckit_lint::render::{self, Format, ReportWriter};
use speckit_project::config::{self, Overrides};
use speckit_project::runner;

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

    /// Check with this dialect instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = ["speckit", "epic", "ssd", "gated", "leveled", "classic"])]
    dialect: Option<String>,

    /// The stage to check at: what must exist and what may still be open [default: ready for a
    /// feature with a plan, clarified for a spec alone].
    #[arg(long, value_name = "STAGE", value_parser = ["specified", "clarified", "researched", "designed", "ready", "tasked", "done"])]
    stage: Option<String>,

    /// Run only these rules: codes (SK301), prefixes (SK3), names (gate-failed) or ALL.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,

    /// Skip these rules (same forms as --select).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// Use this configuration file instead of discovering .specify/speckit.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Follow symbolic links to folders while walking (loops are detected and reported).
    #[arg(short = 'L', long)]
    follow: bool,

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

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(crate) fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let overrides = Overrides {
        dialect: args.dialect.clone(),
        stage: args.stage.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let config = config::load(args.config.as_deref(), &paths[0], &overrides)?;
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            format == Format::Human
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    };
    let options = render::Options {
        color,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        show_ready: args.show_ready,
    };
    let stdout = io::stdout().lock();
    let mut writer = ReportWriter::new(format, io::BufWriter::new(stdout), options)?;
    let outcome = runner::run(&paths, &config, args.follow, |report| {
        writer.feature(&report)
    })?
    .context("writing the report")?;
    let summary = writer.finish().context("writing the report")?;

    let mut stderr = io::stderr().lock();
    for error in &outcome.walk_errors {
        writeln!(stderr, "speckit: error: {error}")?;
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

fn shown(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
