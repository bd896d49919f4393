//! `speckit analyze`'s output.
//!
//! For people, per feature: its coverage table (requirement, tasks, plan sections, status), its
//! counts, then its findings in the style of `speckit check`; a summary at the end.
//!
//! For machines, the JSON document of `speckit check` (version 1: `files` with the findings,
//! `summary`) with three more members:
//!
//! ```json
//! {"version":1,"files":[...],"summary":{...},
//!  "features":[{"path":"specs/003-x","dialect":"speckit","verdict":"ready","metrics":{...}}],
//!  "coverage":[{"feature":"specs/003-x","id":"FR-001","kind":"functional-requirement",
//!               "text":"Readers MUST be able to set a goal","path":"specs/003-x/spec.md",
//!               "line":80,"tasks":["T005","T006"],"plan_sections":["Summary"],
//!               "status":"covered"}],
//!  "metrics":{"features":1,"requirements":13,"covered":13,"with_tasks":10,"uncovered":0,
//!             "pending":0,"coverage_percent":100,"undefined":0,"duplicates":0,"tasks":15},
//!  "errors":[]}
//! ```
//!
//! `text` is what the spec says of the requirement, cut to 60 characters, and `line` where the
//! spec defines it. `kind` is `user-story`, `functional-requirement`, `success-criterion` or
//! `use-case`; `status` is `covered` (a task refers to it), `described` (no task
//! cites it, but `tasks` name what it asks for in their words), `plan-only` (only plan sections
//! do), `uncovered` or `pending` (nothing could cover it yet: the feature has neither plan nor
//! tasks, or it is a user story and there is no tasks.md). `coverage_percent` counts the
//! requirements that could be covered, rounded down, and is `null` when there are none.
//! Coverage rows wait in memory for the end of the document, since `files` comes first.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Options, Summary, human, json, positions, printable};
use crate::analyze::{Analysis, Coverage, CoverageStatus, Metrics};
use crate::diagnostic::FileKind;

/// The formats of `speckit analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisFormat {
    /// Coverage tables and findings for people.
    Human,
    /// One versioned JSON document.
    Json,
}

/// Streams analyses in one format.
pub struct AnalysisWriter<W: Write> {
    format: AnalysisFormat,
    out: W,
    options: Options,
    summary: Summary,
    metrics: Metrics,
    state: json::State,
    /// Coverage rows and feature entries, serialised, waiting for the end of `files`.
    coverage: Vec<u8>,
    features: Vec<u8>,
}

/// What an analysis run adds up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnalysisSummary {
    /// Findings and verdicts, as a check counts them.
    pub findings: Summary,
    /// Coverage counts over every feature.
    pub metrics: Metrics,
}

#[derive(Serialize)]
struct FeatureEntry<'a> {
    path: &'a str,
    dialect: &'static str,
    verdict: &'static str,
    metrics: MetricsEntry,
}

#[derive(Serialize)]
struct MetricsEntry {
    features: usize,
    requirements: usize,
    covered: usize,
    with_tasks: usize,
    uncovered: usize,
    pending: usize,
    coverage_percent: Option<usize>,
    undefined: usize,
    duplicates: usize,
    tasks: usize,
}

impl From<&Metrics> for MetricsEntry {
    fn from(metrics: &Metrics) -> Self {
        Self {
            features: metrics.features,
            requirements: metrics.requirements,
            covered: metrics.covered,
            with_tasks: metrics.with_tasks,
            uncovered: metrics.uncovered,
            pending: metrics.pending,
            coverage_percent: metrics.coverage_percent(),
            undefined: metrics.undefined,
            duplicates: metrics.duplicates,
            tasks: metrics.tasks,
        }
    }
}

#[derive(Serialize)]
struct CoverageEntry<'a> {
    feature: &'a str,
    id: String,
    kind: &'static str,
    text: &'a str,
    path: &'a str,
    line: usize,
    tasks: &'a [String],
    plan_sections: &'a [String],
    status: &'static str,
}

impl<W: Write> AnalysisWriter<W> {
    /// Starts the output.
    ///
    /// # Errors
    /// When writing fails.
    pub fn new(format: AnalysisFormat, mut out: W, options: Options) -> io::Result<Self> {
        if format == AnalysisFormat::Json {
            json::begin(&mut out)?;
        }
        Ok(Self {
            format,
            out,
            options,
            summary: Summary::default(),
            metrics: Metrics::default(),
            state: json::State::default(),
            coverage: Vec::new(),
            features: Vec::new(),
        })
    }

    /// Renders one feature's analysis.
    ///
    /// # Errors
    /// When writing fails.
    pub fn feature(&mut self, analysis: &Analysis) -> io::Result<()> {
        self.summary.add(&analysis.report);
        self.metrics.add(&analysis.metrics);
        match self.format {
            AnalysisFormat::Human => self.human(analysis),
            AnalysisFormat::Json => self.json(analysis),
        }
    }

    /// Ends the output and returns the counts; the JSON document carries `errors` inside.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self, errors: &[String]) -> io::Result<AnalysisSummary> {
        match self.format {
            AnalysisFormat::Human => {
                writeln!(self.out, "{}", summary_line(&self.summary, &self.metrics))?;
            }
            AnalysisFormat::Json => {
                json::summary_after_files(&mut self.out, &self.summary)?;
                self.out.write_all(b",\"features\":[")?;
                self.out.write_all(&self.features)?;
                self.out.write_all(b"],\"coverage\":[")?;
                self.out.write_all(&self.coverage)?;
                self.out.write_all(b"],\"metrics\":")?;
                serde_json::to_writer(&mut self.out, &MetricsEntry::from(&self.metrics))
                    .map_err(io::Error::other)?;
                json::errors_member(&mut self.out, errors)?;
                self.out.write_all(b"}\n")?;
            }
        }
        self.out.flush()?;
        Ok(AnalysisSummary {
            findings: self.summary,
            metrics: self.metrics,
        })
    }

    fn json(&mut self, analysis: &Analysis) -> io::Result<()> {
        let report = &analysis.report;
        json::files(&mut self.out, report, &mut self.state)?;
        if !self.features.is_empty() {
            self.features.push(b',');
        }
        let entry = FeatureEntry {
            path: &report.dir,
            dialect: report.dialect,
            verdict: report.verdict.as_str(),
            metrics: MetricsEntry::from(&analysis.metrics),
        };
        serde_json::to_writer(&mut self.features, &entry).map_err(io::Error::other)?;
        let spec = report.files.iter().find(|file| file.kind == FileKind::Spec);
        for row in &analysis.coverage {
            if !self.coverage.is_empty() {
                self.coverage.push(b',');
            }
            let line = spec.map_or(0, |file| positions(file, row.range).0.line);
            let entry = CoverageEntry {
                feature: &report.dir,
                id: row.id.to_string(),
                kind: row.id.kind.as_str(),
                text: &row.text,
                path: spec.map_or("", |file| file.path.as_str()),
                line,
                tasks: &row.tasks,
                plan_sections: &row.plan_sections,
                status: row.status.as_str(),
            };
            serde_json::to_writer(&mut self.coverage, &entry).map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn human(&mut self, analysis: &Analysis) -> io::Result<()> {
        let report = &analysis.report;
        let color = self.options.color;
        writeln!(self.out, "{} ({})", printable(&report.dir), report.dialect)?;
        writeln!(self.out)?;
        if analysis.coverage.is_empty() {
            writeln!(self.out, "no requirements to cover")?;
        } else {
            for line in table(&analysis.coverage, color) {
                writeln!(self.out, "{}", line.trim_end())?;
            }
        }
        writeln!(self.out)?;
        writeln!(self.out, "{}", metrics_line(&analysis.metrics))?;
        writeln!(self.out)?;
        let renderer = human::renderer(color);
        for file in &report.files {
            for diagnostic in &file.diagnostics {
                writeln!(
                    self.out,
                    "{}\n",
                    human::render_one(&renderer, file, diagnostic)
                )?;
            }
        }
        Ok(())
    }
}

/// The widest a table cell grows before it is cut.
const MAX_CELL: usize = 36;

/// The coverage table, one line a row, columns aligned on display width.
fn table(rows: &[Coverage], color: bool) -> Vec<String> {
    let header = ["requirement", "tasks", "plan sections", "status"];
    let cells: Vec<[String; 3]> = rows
        .iter()
        .map(|row| {
            [
                row.id.to_string(),
                cut(&printable(&or_dash(compact(&row.tasks)))),
                cut(&printable(&or_dash(row.plan_sections.join(", ")))),
            ]
        })
        .collect();
    let width = |column: usize| {
        cells
            .iter()
            .filter_map(|row| row.get(column))
            .map(|cell| cell.width())
            .chain(header.get(column).map(|title| title.width()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let line = |cells: [&str; 4]| {
        let mut line = String::new();
        for (index, cell) in cells.iter().enumerate() {
            line.push_str(cell);
            if let Some(&column) = widths.get(index) {
                line.push_str(&" ".repeat(column.saturating_sub(cell.width()) + 2));
            }
        }
        line
    };
    let mut lines = vec![line(header)];
    for (row, [id, tasks, plan]) in rows.iter().zip(&cells) {
        lines.push(line([id, tasks, plan, &paint(row.status, color)]));
    }
    lines
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "-".to_owned()
    } else {
        text
    }
}

/// At most [`MAX_CELL`] columns of `text`, ending in `...` when cut.
fn cut(text: &str) -> String {
    if text.width() <= MAX_CELL {
        return text.to_owned();
    }
    let mut kept = String::new();
    for ch in text.chars() {
        if kept.width() + ch.to_string().width() > MAX_CELL - 3 {
            break;
        }
        kept.push(ch);
    }
    format!("{}...", kept.trim_end())
}

/// Task labels with runs of consecutive IDs shortened: `T005-T008, T012`.
fn compact(labels: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = labels;
    while let Some((first, tail)) = rest.split_first() {
        let mut previous = task_number(first);
        let mut run = 0;
        for next in tail {
            match (previous, task_number(next)) {
                (Some((number, width)), Some((next_number, next_width)))
                    if next_number == number + 1 && next_width == width =>
                {
                    run += 1;
                    previous = Some((next_number, width));
                }
                _ => break,
            }
        }
        let Some((run_labels, after)) = rest.split_at_checked(run + 1) else {
            break;
        };
        parts.push(match run_labels.last() {
            Some(last) if run > 0 => format!("{first}-{last}"),
            _ => first.clone(),
        });
        rest = after;
    }
    parts.join(", ")
}

/// The number of a plain task ID (`T005` is 5, written 3 digits wide).
fn task_number(label: &str) -> Option<(u32, usize)> {
    let digits = label.strip_prefix('T')?;
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    all_digits
        .then(|| Some((digits.parse().ok()?, digits.len())))
        .flatten()
}

fn paint(status: CoverageStatus, color: bool) -> String {
    let text = status.as_str();
    if !color {
        return text.to_owned();
    }
    let code = match status {
        CoverageStatus::Covered | CoverageStatus::Described => "32",
        CoverageStatus::PlanOnly => "36",
        CoverageStatus::Uncovered => "31",
        CoverageStatus::Pending => "33",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// A feature's counts: requirements and their coverage, then undefined and duplicate IDs.
fn metrics_line(metrics: &Metrics) -> String {
    let mut coverage = match metrics.coverage_percent() {
        Some(percent) => format!(
            "{} covered ({percent}%), {} by tasks, {} uncovered",
            metrics.covered, metrics.with_tasks, metrics.uncovered
        ),
        None if metrics.pending > 0 => "nothing could cover them yet".to_owned(),
        None => "nothing to cover".to_owned(),
    };
    if metrics.pending > 0 && metrics.coverage_percent().is_some() {
        coverage.push_str(&format!(", {} pending", metrics.pending));
    }
    format!(
        "{}, {coverage}; {}, {}; {}",
        plural(metrics.requirements, "requirement"),
        plural(metrics.undefined, "undefined ID"),
        plural(metrics.duplicates, "duplicate ID"),
        plural(metrics.tasks, "task"),
    )
}

fn summary_line(summary: &Summary, metrics: &Metrics) -> String {
    format!(
        "Analyzed {}: {}; {}",
        plural(metrics.features, "feature"),
        metrics_line(metrics),
        human::counts(summary.errors, summary.warnings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn consecutive_tasks_are_shortened() {
        assert_eq!(
            compact(&labels(&[
                "T005", "T006", "T007", "T012", "T013", "line 40", "T020a"
            ])),
            "T005-T007, T012-T013, line 40, T020a"
        );
        assert_eq!(compact(&labels(&["T009", "T010"])), "T009-T010");
        assert_eq!(compact(&labels(&["T99", "T100"])), "T99, T100");
        assert_eq!(compact(&[]), "");
    }

    #[test]
    fn long_cells_are_cut_on_display_width() {
        assert_eq!(cut("Summary"), "Summary");
        let long = "Technical Context, Constitution Check, Project Structure";
        let short = cut(long);
        assert!(
            short.ends_with("...") && short.width() <= MAX_CELL,
            "{short}"
        );
        assert!(cut(&"計画".repeat(30)).width() <= MAX_CELL);
    }
}
