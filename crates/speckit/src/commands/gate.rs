//! `speckit gate`: the `epic` dialect's plan quality gate (`scripts/validate_plan.sh`), or with
//! `--spec` its spec quality gate (`validate_spec.sh`), plus speckit's own check of each
//! checklist's feature.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;
use speckit_lint::Verdict;
use speckit_lint::render::{printable, printable_lines};
use speckit_project::config::{self, Overrides};
use speckit_project::gate::{self, FeatureCheck, GateKind, GateResult, Item, Target, log};

/// Check the plan quality gate: PlanQualityGate.md checklists complete, plans ready.
#[derive(Debug, Args)]
#[command(
    long_about = "Check the epic dialect's plan quality gate, as scripts/validate_plan.sh does, \
        and check each plan too.\n\n\
        With no CHECKLIST, every plans/**/features/*/checklists/PlanQualityGate.md under the \
        project root is checked (none found fails). A checklist fails when a line is an open \
        item by the script's rule: a dash, then `[ ]` (`- [ ]`, `-[ ]`, indented); `[x]` and \
        `[X]` are done, and `* [ ]` or `1. [ ]` are not items.\n\n\
        Unlike the script, speckit also checks each checklist's feature: the plan, spec, \
        research and design files (not tasks.md, and not the checklist, whose items are \
        listed already) at stage `ready`, as `speckit check --stage ready` does. A plan that \
        is not ready fails the gate even when its checklist is complete, and its log entry \
        says so in one more item. --checklist-only reads the checklists alone, exactly as the \
        script does.\n\n\
        Each result is appended to harness/AI-Agent-progress.txt under the project root (the \
        folder holding .specify/ or plans/), in the script's format, and printed. A relative \
        CHECKLIST is taken from the current directory, else from the project root as the \
        script takes it.\n\n\
        Exit status: 0 when every checklist (and plan) passes, 1 when one fails or none is \
        found, 2 on errors.",
    after_help = "Examples:\n  speckit gate                        every feature's plan gate\n  \
        speckit gate plans/x/y/EPIC-1/features/F-2/checklists/PlanQualityGate.md\n  \
        speckit gate --spec                 every checklists/requirements.md (validate_spec.sh)\n  \
        speckit gate --checklist-only       exactly validate_plan.sh\n  \
        speckit gate --no-log --json        for tools (docs/schemas/gate.schema.json), leaving the log alone"
)]
pub(crate) struct GateArgs {
    /// Checklists to check [default: every PlanQualityGate.md under plans/].
    #[arg(value_name = "CHECKLIST")]
    checklists: Vec<PathBuf>,

    /// The spec quality gate instead (validate_spec.sh): checklists/requirements.md, and each
    /// feature's spec.md checked at stage `clarified`.
    #[arg(long)]
    spec: bool,

    /// Read the checklists only, as the script does: do not check the plan (or spec).
    #[arg(long)]
    checklist_only: bool,

    /// Append the results to FILE instead of harness/AI-Agent-progress.txt.
    #[arg(long, value_name = "FILE", conflicts_with = "no_log")]
    log: Option<PathBuf>,

    /// Append the results to no log.
    #[arg(long)]
    no_log: bool,

    /// Print one JSON document instead of the log text (docs/schemas/gate.schema.json).
    #[arg(long)]
    json: bool,

    /// Use this configuration file for the feature check instead of .specify/speckit.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub(crate) fn run(args: &GateArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = gate::gate_root(&cwd);
    let kind = if args.spec {
        GateKind::Spec
    } else {
        GateKind::Plan
    };
    let mut stderr = io::stderr().lock();
    let targets: Vec<Target> = if args.checklists.is_empty() {
        let discovery = gate::discover(&root, kind);
        for error in &discovery.errors {
            writeln!(stderr, "speckit: warning: cannot read {}", printable(error))?;
        }
        discovery
            .checklists
            .into_iter()
            .map(|path| gate::discovered(&root, path))
            .collect()
    } else {
        args.checklists
            .iter()
            .map(|arg| gate::named(&root, &cwd, arg))
            .collect()
    };
    let log_path = match (&args.log, args.no_log) {
        (_, true) => None,
        (Some(path), false) => Some(cwd.join(path)),
        (None, false) => Some(root.join(gate::LOG_PATH)),
    };
    // The default log must stay inside the project; a log the user named goes where they said.
    let log_within = args.log.is_none().then_some(root.as_path());
    let timestamp = gate::now();
    let mut stdout = io::BufWriter::new(io::stdout().lock());

    if targets.is_empty() {
        let text = log::nothing_found_text(kind, &timestamp);
        if args.json {
            let document = GateJson {
                version: JSON_VERSION,
                gate: kind.as_str(),
                timestamp: &timestamp,
                passed: false,
                error: Some(kind.nothing_found()),
                log: log_path.as_deref().map(|p| shown(p, &cwd)),
                results: Vec::new(),
                summary: SummaryJson {
                    checklists: 0,
                    passed: 0,
                    failed: 0,
                },
            };
            write_json(&mut stdout, &document)?;
        } else {
            // The script writes this line to standard error.
            write!(stderr, "{text}")?;
        }
        stdout.flush()?;
        append(log_path.as_deref(), log_within, &text)?;
        return Ok(ExitCode::from(1));
    }

    let config = if args.checklist_only {
        None
    } else {
        let overrides = Overrides {
            stage: Some(kind.stage().as_str().to_owned()),
            ..Overrides::default()
        };
        Some(config::load(args.config.as_deref(), &root, &overrides)?)
    };
    let results = gate::check(kind, targets, config.as_ref())?;
    let text: String = results
        .iter()
        .map(|result| log::entry_text(kind, &timestamp, &result.target.shown, &result.log_items()))
        .collect();
    let failed = results.iter().filter(|result| !result.passed()).count();

    if args.json {
        let document = GateJson {
            version: JSON_VERSION,
            gate: kind.as_str(),
            timestamp: &timestamp,
            passed: failed == 0,
            error: None,
            log: log_path.as_deref().map(|p| shown(p, &cwd)),
            results: results.iter().map(ResultJson::of).collect(),
            summary: SummaryJson {
                checklists: results.len(),
                passed: results.len() - failed,
                failed,
            },
        };
        write_json(&mut stdout, &document)?;
    } else {
        for result in &results {
            let entry =
                log::entry_text(kind, &timestamp, &result.target.shown, &result.log_items());
            let entry = printable_lines(&entry);
            if result.target.exists {
                write!(stdout, "{entry}")?;
            } else {
                // As the script does, a checklist that does not exist is reported on standard
                // error.
                stdout.flush()?;
                write!(stderr, "{entry}")?;
            }
            if let Some(check) = &result.check {
                write!(
                    stdout,
                    "{} check: {}: {} ({}, {})",
                    kind.as_str(),
                    printable(&check.dir),
                    check.verdict,
                    plural(check.errors, "error"),
                    plural(check.warnings, "warning"),
                )?;
                if check.verdict == Verdict::Ready {
                    writeln!(stdout)?;
                } else {
                    writeln!(
                        stdout,
                        "; details: speckit check --stage {} {}",
                        check.stage,
                        printable(&check.dir)
                    )?;
                }
            }
        }
        let outcome = if failed == 0 { "PASSED" } else { "FAILED" };
        write!(
            stdout,
            "\n{} quality gate {outcome}: {} passed, {failed} failed",
            kind.as_str(),
            results.len() - failed,
        )?;
        match &log_path {
            Some(path) => writeln!(stdout, "; logged to {}", shown(path, &cwd))?,
            None => writeln!(stdout)?,
        }
    }
    stdout.flush()?;
    append(log_path.as_deref(), log_within, &text)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn append(log_path: Option<&Path>, within: Option<&Path>, text: &str) -> anyhow::Result<()> {
    if let Some(path) = log_path {
        gate::append_log(path, text, within)?;
    }
    Ok(())
}

// The JSON of `speckit gate`, version 1: docs/schemas/gate.schema.json describes it and
// tests/cli/gate.rs validates real output against it. Members are only ever added.

/// The version the document carries.
const JSON_VERSION: u32 = 1;

/// `gate --json`.
#[derive(Serialize)]
struct GateJson<'a> {
    version: u32,
    gate: &'static str,
    timestamp: &'a str,
    passed: bool,
    /// Why nothing was checked: no checklist found.
    error: Option<&'static str>,
    log: Option<String>,
    results: Vec<ResultJson<'a>>,
    summary: SummaryJson,
}

/// One checklist's outcome.
#[derive(Serialize)]
struct ResultJson<'a> {
    target: &'a str,
    found: bool,
    passed: bool,
    /// Why the checklist could not be read.
    error: Option<String>,
    open_items: Vec<OpenItemJson<'a>>,
    check: Option<CheckJson<'a>>,
}

#[derive(Serialize)]
struct OpenItemJson<'a> {
    line: usize,
    text: &'a str,
}

/// The feature check of one checklist's feature.
#[derive(Serialize)]
struct CheckJson<'a> {
    feature: &'a str,
    stage: &'static str,
    verdict: &'static str,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct SummaryJson {
    checklists: usize,
    passed: usize,
    failed: usize,
}

impl<'a> ResultJson<'a> {
    fn of(result: &'a GateResult) -> Self {
        Self {
            target: &result.target.shown,
            found: result.target.exists,
            passed: result.passed(),
            error: result.checklist.iter().find_map(|item| match item {
                Item::NotFound => Some("checklist file not found".to_owned()),
                Item::Unreadable(reason) => {
                    Some(format!("checklist file cannot be read: {reason}"))
                }
                _ => None,
            }),
            open_items: result
                .checklist
                .iter()
                .filter_map(|item| match item {
                    Item::Open(open) => Some(OpenItemJson {
                        line: open.line,
                        text: &open.text,
                    }),
                    _ => None,
                })
                .collect(),
            check: result.check.as_ref().map(CheckJson::of),
        }
    }
}

impl<'a> CheckJson<'a> {
    fn of(check: &'a FeatureCheck) -> Self {
        Self {
            feature: &check.dir,
            stage: check.stage.as_str(),
            verdict: check.verdict.as_str(),
            errors: check.errors,
            warnings: check.warnings,
        }
    }
}

/// Writes one compact JSON document and a newline.
fn write_json(out: &mut impl Write, document: &GateJson<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, document)?;
    writeln!(out)
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A path as printed: relative to the current directory when it is inside it.
fn shown(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}
