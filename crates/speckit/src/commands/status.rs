//! `speckit status`: every feature's stage, verdict, open clarifications and task progress.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Args;
use serde::Serialize;
use speckit_lint::render::printable;
use speckit_lint::status::{ConditionState, FeatureStatus};
use speckit_lint::{FeatureReport, Stage, Verdict};
use speckit_project::config::{self, Overrides};
use speckit_project::{project, runner, tree};

use super::workflow::print_json;

/// Show every feature's stage, verdict, open clarifications and tasks.
#[derive(Debug, Args)]
#[command(
    long_about = "Show where every feature of the repository stands: upstream specs/ folders, \
        epic trees, leveled folders, found as `speckit check` finds them.\n\n\
        REACHED is the highest stage whose conditions all hold (each stage needs the earlier \
        ones): specified (spec.md, no template text), clarified (no open clarification, \
        requirements checklist complete), researched (a plan, research.md, every open question \
        answered, Technical Context filled), designed (data-model.md, quickstart.md), ready \
        (nothing else the check finds: gates, template text, the quality checklist), tasked \
        (a well-formed tasks.md with tasks), done (every task checked); `-` when not even \
        specified. --feature DIR lists every condition and the findings that break it.\n\n\
        VERDICT is `speckit check`'s verdict on the feature, at the stage `speckit check` \
        judges it at: `ready` for a feature with a plan, `clarified` for a spec alone, or the \
        `stage` of .specify/speckit.toml. It says whether the feature meets that stage and, if \
        not, whether a gate blocks it (blocked) or work remains (incomplete); --json names the \
        stage as `checked_at`. OPEN counts open clarification markers; TASKS is tasks checked \
        / tasks in tasks.md.\n\n\
        Exit status: 0, whatever the features' stages; 2 on errors.",
    after_help = "Examples:\n  speckit status                          every feature of the project\n  \
        speckit status --feature specs/003-login  one feature: what its next stage needs\n  \
        speckit status --json                   for tools (docs/schemas/status.schema.json)\n  \
        speckit status --stage-only             `REACHED PATH` lines, for scripts"
)]
pub(crate) struct StatusArgs {
    /// Where to look [default: the project root, else the current directory].
    #[arg(value_name = "PATH", conflicts_with = "feature")]
    path: Option<PathBuf>,

    /// Show one feature folder in detail: every stage's conditions and what breaks them.
    #[arg(long, value_name = "DIR")]
    feature: Option<PathBuf>,

    /// Print one JSON document.
    #[arg(long, conflicts_with = "stage_only")]
    json: bool,

    /// Print only the stages reached: a `REACHED PATH` line per feature (with --feature, the
    /// stage alone).
    #[arg(long)]
    stage_only: bool,

    /// Use this configuration file instead of discovering .specify/speckit.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Follow symbolic links to folders while walking (loops are detected and reported).
    #[arg(short = 'L', long)]
    follow: bool,
}

pub(crate) fn run(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    match &args.feature {
        Some(dir) => run_feature(args, dir),
        None => run_all(args),
    }
}

/// Loads the configuration as `speckit check` does, with no stage forced: each feature is
/// checked at the stage `check` would judge it at, so both commands give it the same verdict.
fn load_config(args: &StatusArgs, start: &Path) -> anyhow::Result<config::CheckConfig> {
    Ok(config::load(
        args.config.as_deref(),
        start,
        &Overrides::default(),
    )?)
}

/// The project root as a path relative to the current directory (`../..`), so that features
/// are printed relative to the current directory; the current directory outside a project.
fn default_path() -> anyhow::Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let Some(root) = project::find_root(&cwd) else {
        return Ok(PathBuf::from("."));
    };
    let depth = cwd
        .strip_prefix(&root)
        .map_or(0, |inside| inside.iter().count());
    Ok(if depth == 0 {
        PathBuf::from(".")
    } else {
        (0..depth).map(|_| "..").collect()
    })
}

/// One row of the table.
struct Row {
    path: String,
    dialect: &'static str,
    /// The stage the check judged the feature at, which its verdict is about.
    checked_at: Stage,
    status: FeatureStatus,
}

impl Row {
    fn of(report: &FeatureReport) -> Self {
        Self {
            path: report.dir.clone(),
            dialect: report.dialect,
            checked_at: report.stage,
            status: FeatureStatus::of(report),
        }
    }
}

/// Counts for the summary line.
#[derive(Default)]
struct Totals {
    features: usize,
    /// "Not specified" first, then each stage of [`Stage::ALL`].
    stages: [usize; 8],
    verdicts: [usize; 4],
    clarifications: usize,
    tasks_done: usize,
    tasks_total: usize,
}

impl Totals {
    fn add(&mut self, status: &FeatureStatus) {
        self.features += 1;
        if let Some(count) = self.stages.get_mut(stage_slot(status.stage)) {
            *count += 1;
        }
        if let Some(count) = self.verdicts.get_mut(verdict_slot(status.verdict)) {
            *count += 1;
        }
        self.clarifications += status.clarifications;
        if let Some(tasks) = status.tasks {
            self.tasks_done += tasks.done;
            self.tasks_total += tasks.total;
        }
    }

    fn stage_counts(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        ["none"]
            .into_iter()
            .chain(Stage::ALL.iter().map(|stage| stage.as_str()))
            .zip(self.stages.iter().copied())
    }

    /// Features that reached `stage` (`None`: not specified).
    fn reached(&self, stage: Option<Stage>) -> usize {
        self.stages.get(stage_slot(stage)).copied().unwrap_or(0)
    }

    fn with_verdict(&self, verdict: Verdict) -> usize {
        self.verdicts
            .get(verdict_slot(verdict))
            .copied()
            .unwrap_or(0)
    }
}

/// Where [`Totals::stages`] counts a stage reached.
fn stage_slot(stage: Option<Stage>) -> usize {
    stage.map_or(0, |stage| {
        Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0) + 1
    })
}

/// Where [`Totals::verdicts`] counts a verdict.
fn verdict_slot(verdict: Verdict) -> usize {
    Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(0)
}

// The JSON of `speckit status`, version 1: docs/schemas/status.schema.json describes it and
// tests/cli/status.rs validates real output against it. Members are only ever added.

/// The version both documents carry.
const JSON_VERSION: u32 = 1;

/// One feature of `status --json`, and the start of `status --feature DIR --json`'s feature.
#[derive(Serialize)]
struct FeatureJson<'a> {
    path: &'a str,
    dialect: &'static str,
    /// The stage reached.
    stage: Option<&'static str>,
    next_stage: Option<&'static str>,
    verdict: &'static str,
    /// The stage the verdict was given at.
    checked_at: &'static str,
    clarifications: usize,
    tasks: Option<TasksJson>,
    missing: Vec<&'static str>,
}

impl<'a> FeatureJson<'a> {
    fn of(row: &'a Row) -> Self {
        let status = &row.status;
        Self {
            path: &row.path,
            dialect: row.dialect,
            stage: status.stage.map(Stage::as_str),
            next_stage: status.next_stage().map(Stage::as_str),
            verdict: status.verdict.as_str(),
            checked_at: row.checked_at.as_str(),
            clarifications: status.clarifications,
            tasks: status.tasks.map(|tasks| TasksJson {
                done: tasks.done,
                total: tasks.total,
            }),
            missing: status
                .missing()
                .map(|state| state.condition.name())
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct TasksJson {
    done: usize,
    total: usize,
}

/// The `summary` member of `status --json`.
#[derive(Serialize)]
struct SummaryJson {
    features: usize,
    stages: StageCounts,
    verdicts: VerdictCounts,
    clarifications: usize,
    tasks: TasksJson,
}

/// Features by the stage they reached.
#[derive(Serialize)]
struct StageCounts {
    none: usize,
    specified: usize,
    clarified: usize,
    researched: usize,
    designed: usize,
    ready: usize,
    tasked: usize,
    done: usize,
}

/// Features by verdict.
#[derive(Serialize)]
struct VerdictCounts {
    ready: usize,
    incomplete: usize,
    blocked: usize,
    invalid: usize,
}

impl SummaryJson {
    fn of(totals: &Totals) -> Self {
        let reached = |stage| totals.reached(Some(stage));
        let verdict = |verdict| totals.with_verdict(verdict);
        Self {
            features: totals.features,
            stages: StageCounts {
                none: totals.reached(None),
                specified: reached(Stage::Specified),
                clarified: reached(Stage::Clarified),
                researched: reached(Stage::Researched),
                designed: reached(Stage::Designed),
                ready: reached(Stage::Ready),
                tasked: reached(Stage::Tasked),
                done: reached(Stage::Done),
            },
            verdicts: VerdictCounts {
                ready: verdict(Verdict::Ready),
                incomplete: verdict(Verdict::Incomplete),
                blocked: verdict(Verdict::Blocked),
                invalid: verdict(Verdict::Invalid),
            },
            clarifications: totals.clarifications,
            tasks: TasksJson {
                done: totals.tasks_done,
                total: totals.tasks_total,
            },
        }
    }
}

/// `status --json` is `{"version":1,"features":[...],"summary":{...},"errors":[...]}`. The
/// features are printed as they are checked, so the document is written in three parts: this
/// head, each feature on its own line, and [`write_list_tail`].
fn write_list_head(out: &mut impl Write) -> io::Result<()> {
    write!(out, "{{\"version\":{JSON_VERSION},\"features\":[")
}

/// One feature of the list, `first` or after another.
fn write_list_feature(out: &mut impl Write, row: &Row, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *out, &FeatureJson::of(row))?;
    Ok(())
}

fn write_list_tail(out: &mut impl Write, totals: &Totals, errors: &[String]) -> io::Result<()> {
    write!(out, "\n],\"summary\":")?;
    serde_json::to_writer(&mut *out, &SummaryJson::of(totals))?;
    write!(out, ",\"errors\":")?;
    serde_json::to_writer(&mut *out, errors)?;
    writeln!(out, "}}")
}

/// `status --feature DIR --json`.
#[derive(Serialize)]
struct DetailJson<'a> {
    version: u32,
    feature: Option<FeatureDetailJson<'a>>,
    errors: &'a [String],
}

/// The feature of `status --feature DIR --json`: the list's members, then every condition.
#[derive(Serialize)]
struct FeatureDetailJson<'a> {
    #[serde(flatten)]
    feature: FeatureJson<'a>,
    conditions: Vec<ConditionJson<'a>>,
}

#[derive(Serialize)]
struct ConditionJson<'a> {
    name: &'static str,
    stage: &'static str,
    description: &'static str,
    holds: bool,
    findings: Vec<Located<'a>>,
}

impl<'a> ConditionJson<'a> {
    fn of(state: &ConditionState, report: &'a FeatureReport) -> Self {
        Self {
            name: state.condition.name(),
            stage: state.condition.stage().as_str(),
            description: state.condition.describe(),
            holds: state.holds,
            findings: findings(state, report).collect(),
        }
    }
}

fn run_all(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let setup = || -> anyhow::Result<_> {
        let path = match &args.path {
            Some(path) => path.clone(),
            None => default_path()?,
        };
        let config = load_config(args, &path)?;
        Ok((path, config))
    };
    let (path, config) = match setup() {
        Ok(setup) => setup,
        Err(error) => {
            if args.json {
                let mut out = io::stdout().lock();
                write_list_head(&mut out)?;
                write_list_tail(&mut out, &Totals::default(), &[format!("{error:#}")])?;
                out.flush()?;
            }
            return Err(error);
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut totals = Totals::default();
    let mut first = true;
    if args.json {
        write_list_head(&mut out)?;
    } else if !args.stage_only {
        writeln!(
            out,
            "{:<10}  {:<10}  {:>4}  {:<7}  FEATURE",
            "REACHED", "VERDICT", "OPEN", "TASKS"
        )?;
    }
    let outcome = runner::run_map(
        std::slice::from_ref(&path),
        &config,
        args.follow,
        |_, report| report.is_feature.then(|| Row::of(&report)),
        |row| -> io::Result<()> {
            let Some(row) = row else { return Ok(()) };
            totals.add(&row.status);
            if args.json {
                write_list_feature(&mut out, &row, first)?;
            } else if args.stage_only {
                writeln!(
                    out,
                    "{} {}",
                    stage_text(row.status.stage),
                    printable(&row.path)
                )?;
            } else {
                writeln!(
                    out,
                    "{:<10}  {:<10}  {:>4}  {:<7}  {}",
                    stage_text(row.status.stage),
                    row.status.verdict.as_str(),
                    row.status.clarifications,
                    row.status
                        .tasks
                        .map_or_else(|| "-".to_owned(), |t| format!("{}/{}", t.done, t.total)),
                    printable(&row.path)
                )?;
            }
            first = false;
            Ok(())
        },
    )
    .context("writing the status")?;
    if args.json {
        write_list_tail(&mut out, &totals, &outcome.walk_errors)?;
    } else if !args.stage_only {
        writeln!(out, "\n{}", summary_line(&totals))?;
    }
    out.flush()?;

    let mut stderr = io::stderr().lock();
    for error in &outcome.walk_errors {
        writeln!(stderr, "speckit: error: {}", printable(error))?;
    }
    if totals.features == 0 && !args.json {
        writeln!(
            stderr,
            "speckit: warning: no features found under {}",
            printable(&path.display().to_string())
        )?;
    }
    Ok(if outcome.walk_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn summary_line(totals: &Totals) -> String {
    let noun = if totals.features == 1 {
        "feature"
    } else {
        "features"
    };
    let stages: Vec<String> = totals
        .stage_counts()
        .filter(|(_, count)| *count > 0)
        .map(|(stage, count)| match stage {
            "none" => format!("{count} not specified"),
            _ => format!("{count} {stage}"),
        })
        .collect();
    let verdicts: Vec<String> = Verdict::ALL
        .iter()
        .zip(totals.verdicts)
        .map(|(verdict, count)| format!("{count} {verdict}"))
        .collect();
    let mut line = format!("{} {noun}", totals.features);
    if !stages.is_empty() {
        line.push_str(&format!(": {}", stages.join(", ")));
    }
    line.push_str(&format!(
        "; verdicts: {}; {} open clarification{}; tasks {}/{} done",
        verdicts.join(", "),
        totals.clarifications,
        if totals.clarifications == 1 { "" } else { "s" },
        totals.tasks_done,
        totals.tasks_total,
    ));
    line
}

fn stage_text(stage: Option<Stage>) -> &'static str {
    stage.map_or("-", Stage::as_str)
}

fn run_feature(args: &StatusArgs, dir: &Path) -> anyhow::Result<ExitCode> {
    let result = feature_status(args, dir);
    if let Err(error) = &result
        && args.json
    {
        print_json(&DetailJson {
            version: JSON_VERSION,
            feature: None,
            errors: &[format!("{error:#}")],
        })?;
    }
    result
}

fn feature_status(args: &StatusArgs, dir: &Path) -> anyhow::Result<ExitCode> {
    let dir = if dir.is_file() {
        tree::unit_dir(dir)
    } else {
        dir.to_path_buf()
    };
    let config = load_config(args, &dir)?;
    let mut found: Option<FeatureReport> = None;
    let outcome = runner::run_map(
        std::slice::from_ref(&dir),
        &config,
        args.follow,
        |unit, report| (unit.dir == dir && report.is_feature).then_some(report),
        |report| {
            if found.is_none() {
                found = report;
            }
            Ok::<(), io::Error>(())
        },
    )?;
    let Some(report) = found else {
        bail!(
            "{} is not a feature folder: it holds no spec, plan, tasks or checklist",
            dir.display()
        );
    };
    let row = Row::of(&report);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.stage_only {
        writeln!(out, "{}", stage_text(row.status.stage))?;
    } else if args.json {
        let feature = FeatureDetailJson {
            feature: FeatureJson::of(&row),
            conditions: row
                .status
                .conditions
                .iter()
                .map(|state| ConditionJson::of(state, &report))
                .collect(),
        };
        let document = DetailJson {
            version: JSON_VERSION,
            feature: Some(feature),
            errors: &outcome.walk_errors,
        };
        serde_json::to_writer(&mut out, &document)?;
        writeln!(out)?;
    } else {
        write_detail(&mut out, &row, &report)?;
    }
    out.flush()?;
    let mut stderr = io::stderr().lock();
    for error in &outcome.walk_errors {
        writeln!(stderr, "speckit: error: {}", printable(error))?;
    }
    Ok(if outcome.walk_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// A finding charged to a condition, as `path:line:col: CODE message`, and as its JSON.
#[derive(Serialize)]
struct Located<'r> {
    path: &'r str,
    line: usize,
    column: usize,
    code: &'static str,
    message: &'r str,
}

fn findings<'r>(
    state: &ConditionState,
    report: &'r FeatureReport,
) -> impl Iterator<Item = Located<'r>> {
    state.findings.clone().into_iter().filter_map(move |at| {
        let file = report.files.get(at.file)?;
        let diagnostic = file.diagnostics.get(at.diagnostic)?;
        let position = file
            .line_index
            .line_col(&file.text, diagnostic.range.start());
        Some(Located {
            path: &file.path,
            line: position.line,
            column: position.column,
            code: diagnostic.rule.code,
            message: &diagnostic.message,
        })
    })
}

fn write_detail(out: &mut impl Write, row: &Row, report: &FeatureReport) -> io::Result<()> {
    let status = &row.status;
    writeln!(out, "{} ({})", printable(&row.path), row.dialect)?;
    writeln!(out, "  reached:        {}", stage_text(status.stage))?;
    match status.next_stage() {
        Some(next) => {
            let missing: Vec<&str> = status
                .missing()
                .map(|state| state.condition.describe())
                .collect();
            writeln!(
                out,
                "  next stage:     {next}, missing: {}",
                missing.join("; ")
            )?;
        }
        None => writeln!(out, "  next stage:     none, every task is done")?,
    }
    writeln!(
        out,
        "  verdict:        {} (speckit check, at stage {})",
        status.verdict, row.checked_at
    )?;
    writeln!(out, "  clarifications: {} open", status.clarifications)?;
    match status.tasks {
        Some(tasks) => writeln!(out, "  tasks:          {}/{} done", tasks.done, tasks.total)?,
        None => writeln!(out, "  tasks:          no tasks.md")?,
    }
    let mut current = None;
    for state in &status.conditions {
        let stage = state.condition.stage();
        if current != Some(stage) {
            writeln!(out, "\n{stage}")?;
            current = Some(stage);
        }
        let mark = if state.holds { "x" } else { " " };
        writeln!(out, "  [{mark}] {}", state.condition.describe())?;
        for found in findings(state, report) {
            writeln!(
                out,
                "        {}:{}:{}: {} {}",
                printable(found.path),
                found.line,
                found.column,
                found.code,
                printable(found.message)
            )?;
        }
    }
    Ok(())
}
