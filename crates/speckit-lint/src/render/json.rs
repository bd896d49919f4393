//! The JSON wire format (version 1).
//!
//! One document:
//!
//! ```json
//! {"version":1,
//!  "files":[{"path":"specs/001-x/plan.md","kind":"plan","dialect":"speckit","verdict":"incomplete",
//!            "diagnostics":[{"code":"SK104","name":"unfilled-placeholder","severity":"error",
//!                            "message":"unfilled placeholder `[DATE]`","line":3,"column":40,
//!                            "end_line":3,"end_column":46,"help":"replace it with the real value"}]}],
//!  "summary":{"files":1,"ready":0,"incomplete":1,"blocked":0,"invalid":0,"errors":1,"warnings":0},
//!  "features":[{"path":"specs/001-x","dialect":"speckit","stage":"ready","verdict":"incomplete"}],
//!  "errors":[]}
//! ```
//!
//! `kind` is one of plan, spec, tasks, checklist, constitution, other; `verdict` one of ready,
//! incomplete, blocked, invalid; `severity` one of error, warning, info. Lines and columns are
//! 1-based; columns count characters (Unicode scalar values); the end is exclusive. `help` is
//! `null` when there is none. `errors` holds what kept speckit from checking everything it was
//! asked to (a path that does not exist, a folder it could not walk, an invalid configuration):
//! the document is whole whatever happens, and the exit status is 2 when `errors` is not empty.
//! Fields are only ever added, never renamed or removed, within a version.

use std::io::{self, Write};

use serde::Serialize;

use speckit_doc::LineIndex;

use super::Summary;
use crate::diagnostic::{Diagnostic, Verdict};
use crate::report::{FeatureReport, FileReport};

/// What the streaming JSON and SARIF writers remember between features.
#[derive(Default)]
pub(super) struct State {
    pub(super) wrote_item: bool,
    features: Vec<FeatureEntry>,
}

#[derive(Serialize)]
struct FeatureEntry {
    path: String,
    dialect: &'static str,
    stage: &'static str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    kind: &'static str,
    dialect: &'static str,
    verdict: &'static str,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

/// One diagnostic as JSON, with 1-based line and column; `speckit tasks --json` writes the same
/// shape so consumers parse diagnostics one way.
#[derive(Serialize)]
pub(crate) struct DiagnosticEntry<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

impl<'a> DiagnosticEntry<'a> {
    /// Converts the diagnostic's byte range into the line and column of the text it points into.
    pub(crate) fn new(text: &str, line_index: &LineIndex, diagnostic: &'a Diagnostic) -> Self {
        let start = line_index.line_col(text, diagnostic.range.start());
        let end = line_index.line_col(text, diagnostic.range.end());
        DiagnosticEntry {
            code: diagnostic.rule.code,
            name: diagnostic.rule.name,
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            help: diagnostic.help.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SummaryEntry {
    files: usize,
    ready: usize,
    incomplete: usize,
    blocked: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
}

pub(super) fn begin(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\"version\":1,\"files\":[")
}

pub(super) fn feature(
    out: &mut impl Write,
    report: &FeatureReport,
    state: &mut State,
) -> io::Result<()> {
    files(out, report, state)?;
    if !report.is_feature {
        return Ok(());
    }
    state.features.push(FeatureEntry {
        path: report.dir.clone(),
        dialect: report.dialect,
        stage: report.stage.as_str(),
        verdict: report.verdict.as_str(),
    });
    Ok(())
}

/// Writes the entries of a feature's files into the `files` array.
pub(super) fn files(
    out: &mut impl Write,
    report: &FeatureReport,
    state: &mut State,
) -> io::Result<()> {
    for file in &report.files {
        if state.wrote_item {
            out.write_all(b",")?;
        }
        state.wrote_item = true;
        serde_json::to_writer(&mut *out, &file_entry(file)).map_err(io::Error::other)?;
    }
    Ok(())
}

fn file_entry(file: &FileReport) -> FileEntry<'_> {
    FileEntry {
        path: &file.path,
        kind: file.kind.as_str(),
        dialect: file.dialect,
        verdict: file.verdict.as_str(),
        diagnostics: file
            .diagnostics
            .iter()
            .map(|diagnostic| DiagnosticEntry::new(&file.text, &file.line_index, diagnostic))
            .collect(),
    }
}

pub(super) fn finish(
    out: &mut impl Write,
    summary: &Summary,
    state: &State,
    errors: &[String],
) -> io::Result<()> {
    summary_after_files(out, summary)?;
    out.write_all(b",\"features\":")?;
    serde_json::to_writer(&mut *out, &state.features).map_err(io::Error::other)?;
    errors_member(out, errors)?;
    out.write_all(b"}\n")
}

/// The `errors` member, after the others.
pub(super) fn errors_member(out: &mut impl Write, errors: &[String]) -> io::Result<()> {
    out.write_all(b",\"errors\":")?;
    serde_json::to_writer(&mut *out, errors).map_err(io::Error::other)
}

/// Closes the `files` array and writes the `summary` object.
pub(super) fn summary_after_files(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    let entry = SummaryEntry {
        files: summary.files,
        ready: summary.files_with(Verdict::Ready),
        incomplete: summary.files_with(Verdict::Incomplete),
        blocked: summary.files_with(Verdict::Blocked),
        invalid: summary.files_with(Verdict::Invalid),
        errors: summary.errors,
        warnings: summary.warnings,
    };
    out.write_all(b"],\"summary\":")?;
    serde_json::to_writer(&mut *out, &entry).map_err(io::Error::other)
}
