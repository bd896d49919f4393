//! Turning reports into output: human, concise, JSON, SARIF and GitHub annotations.
//!
//! [`ReportWriter`] streams: a header when created, each feature as it is checked, and the
//! summary at the end, so that checking ten thousand features never holds their diagnostics in
//! memory at once. Each format lives in its own file. Lines and columns are computed here, at the
//! edge, from byte ranges: 1-based lines, 1-based columns counted in characters. Every text
//! format prints repository text (paths, messages, source lines) through [`printable`].

pub mod analysis;
mod concise;
mod github;
mod human;
mod json;
mod printable;
mod sarif;
pub mod tasks;

use std::io::{self, Write};

use speckit_doc::{LineCol, TextRange};

use crate::diagnostic::{Severity, Verdict};
use crate::report::{FeatureReport, FileReport};

pub(crate) use json::DiagnosticEntry;
pub use printable::{printable, printable_lines, printable_lines_offset};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with source snippets, and a summary.
    Human,
    /// `path:line:col: CODE message`, one a line.
    Concise,
    /// One versioned JSON document.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

impl Format {
    /// Whether the output is one document (JSON, SARIF), which must stay whole whatever
    /// happens, with errors inside it.
    #[must_use]
    pub fn is_document(self) -> bool {
        matches!(self, Self::Json | Self::Sarif)
    }

    /// Every format, by name.
    pub const ALL: [(&'static str, Self); 5] = [
        ("human", Self::Human),
        ("concise", Self::Concise),
        ("json", Self::Json),
        ("sarif", Self::Sarif),
        ("github", Self::Github),
    ];
}

/// How to render.
#[derive(Clone, Debug)]
pub struct Options {
    /// Emit ANSI colours (human format only).
    pub color: bool,
    /// speckit's version, for SARIF.
    pub tool_version: String,
    /// Show files with no findings in human output.
    pub show_ready: bool,
}

/// Counts over everything rendered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Feature folders checked (folders holding only a constitution are not counted).
    pub features: usize,
    /// Files checked.
    pub files: usize,
    /// Files per verdict, indexed like [`Verdict::ALL`].
    pub verdicts: [usize; 4],
    /// Features per verdict, indexed like [`Verdict::ALL`].
    pub feature_verdicts: [usize; 4],
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Info diagnostics.
    pub infos: usize,
}

impl Summary {
    fn add(&mut self, feature: &FeatureReport) {
        if feature.is_feature {
            self.features += 1;
            self.feature_verdicts[verdict_index(feature.verdict)] += 1;
        }
        for file in &feature.files {
            self.files += 1;
            self.verdicts[verdict_index(file.verdict)] += 1;
            for diagnostic in &file.diagnostics {
                match diagnostic.severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                    Severity::Info => self.infos += 1,
                }
            }
        }
    }

    /// Files with this verdict.
    #[must_use]
    pub fn files_with(&self, verdict: Verdict) -> usize {
        self.verdicts[verdict_index(verdict)]
    }

    /// Features with this verdict.
    #[must_use]
    pub fn features_with(&self, verdict: Verdict) -> usize {
        self.feature_verdicts[verdict_index(verdict)]
    }

    /// Whether every file checked is ready.
    #[must_use]
    pub fn all_ready(&self) -> bool {
        self.files_with(Verdict::Ready) == self.files
    }
}

fn verdict_index(verdict: Verdict) -> usize {
    Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(0)
}

/// Streams reports in one format.
pub struct ReportWriter<W: Write> {
    format: Format,
    out: W,
    options: Options,
    summary: Summary,
    state: json::State,
}

impl<W: Write> ReportWriter<W> {
    /// Starts the output (writes the header of document formats).
    ///
    /// # Errors
    /// When writing fails.
    pub fn new(format: Format, mut out: W, options: Options) -> io::Result<Self> {
        let state = json::State::default();
        match format {
            Format::Json => json::begin(&mut out)?,
            Format::Sarif => sarif::begin(&mut out, &options)?,
            Format::Human | Format::Concise | Format::Github => {}
        }
        Ok(Self {
            format,
            out,
            options,
            summary: Summary::default(),
            state,
        })
    }

    /// Renders one feature.
    ///
    /// # Errors
    /// When writing fails.
    pub fn feature(&mut self, report: &FeatureReport) -> io::Result<()> {
        self.summary.add(report);
        match self.format {
            Format::Human => human::feature(&mut self.out, report, &self.options),
            Format::Concise => concise::feature(&mut self.out, report),
            Format::Json => json::feature(&mut self.out, report, &mut self.state),
            Format::Sarif => sarif::feature(&mut self.out, report, &mut self.state),
            Format::Github => github::feature(&mut self.out, report),
        }
    }

    /// Ends the output (the summary, the closing of document formats) and returns the counts.
    /// `errors` are what kept the run from checking everything: document formats carry them
    /// inside (text formats leave them to the caller's standard error).
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self, errors: &[String]) -> io::Result<Summary> {
        match self.format {
            Format::Human => human::finish(&mut self.out, &self.summary, &self.options)?,
            Format::Json => json::finish(&mut self.out, &self.summary, &self.state, errors)?,
            Format::Sarif => sarif::finish(&mut self.out, errors)?,
            Format::Concise | Format::Github => {}
        }
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// Start and end positions of a range, 1-based, columns in characters.
fn positions(file: &FileReport, range: TextRange) -> (LineCol, LineCol) {
    let start = file.line_index.line_col(&file.text, range.start());
    let end = file.line_index.line_col(&file.text, range.end());
    (start, end)
}
