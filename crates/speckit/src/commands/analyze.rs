//! `speckit analyze`: requirement coverage and ID consistency across spec, plan and tasks.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use speckit_lint::analyze::analyze_feature;
use speckit_lint::render::Options;
use speckit_lint::render::analysis::{AnalysisFormat, AnalysisWriter};
use speckit_lint::render::printable;
use speckit_project::runner;

use super::options::{ColorChoice, Selection, paths_or_current, shown};

/// Map requirements to tasks and plan sections; find undefined and duplicate IDs.
#[derive(Debug, Args)]
#[command(
    long_about = "Map requirements to tasks and plan sections; find undefined and duplicate IDs.\n\n\
        The deterministic part of Spec Kit's /speckit.analyze, read-only. For each feature, every \
        FR- requirement, SC- success criterion and user story (US1, \"User Story 1\"; in the ssd \
        dialect also UC- use cases) of the spec is mapped to the tasks (task lines, [US1] labels, \
        phase headings and goals) and plan sections that mention it. Findings: requirements \
        nothing covers (SK801), IDs referenced but defined nowhere (SK802) or defined twice \
        (SK803), an ssd plan citing none of its spec's IDs (SK804), constitution principles the \
        plan's gates never address (SK805).\n\n\
        Exit status: 0 when no finding is an error, 1 when one is (an uncovered requirement, an \
        undefined or duplicate ID), 2 on errors.",
    after_help = "Examples:\n  speckit analyze specs/003-reading-goals\n  \
        speckit analyze                         every feature under the current directory\n  \
        speckit analyze --format json > analysis.json"
)]
pub(crate) struct AnalyzeArgs {
    /// Feature folders, or trees holding them [default: the current directory].
    #[arg(value_name = "FEATURE")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    selection: Selection,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

pub(crate) fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let paths = paths_or_current(&args.paths);
    let format = match args.format {
        OutputFormat::Human => AnalysisFormat::Human,
        OutputFormat::Json => AnalysisFormat::Json,
    };
    let options = Options {
        color: args.color.enabled(format == AnalysisFormat::Human),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        show_ready: true,
    };
    let stdout = io::stdout().lock();
    let mut writer = AnalysisWriter::new(format, io::BufWriter::new(stdout), options)?;
    let config = match args.selection.load(&paths, None) {
        Ok(config) => config,
        Err(error) if format == AnalysisFormat::Json => {
            writer
                .finish(&[format!("{error:#}")])
                .context("writing the analysis")?;
            return Err(error);
        }
        Err(error) => return Err(error),
    };
    // A folder holding only a constitution, or an epic's own documents, is no feature to
    // analyse.
    let outcome = runner::run_each(
        &paths,
        &config,
        args.selection.follow,
        |_, input| {
            input
                .is_feature()
                .then(|| analyze_feature(input, &config.settings))
        },
        |analysis| match analysis {
            Some(analysis) => writer.feature(&analysis),
            None => Ok(()),
        },
    )
    .context("writing the analysis")?;
    let summary = writer
        .finish(&outcome.walk_errors)
        .context("writing the analysis")?;

    let mut stderr = io::stderr().lock();
    for error in &outcome.walk_errors {
        writeln!(stderr, "speckit: error: {}", printable(error))?;
    }
    if summary.metrics.features == 0 && format == AnalysisFormat::Human {
        writeln!(
            stderr,
            "speckit: warning: no feature folders found under {}",
            shown(&paths)
        )?;
    }
    Ok(if !outcome.walk_errors.is_empty() {
        ExitCode::from(2)
    } else if summary.findings.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
