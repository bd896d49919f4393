//! Output for people: each finding with its source line and a caret under the span, in the
//! style of rustc and ruff; a line per feature with its verdict; a summary at the end.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use speckit_doc::TextRange;

use super::{Options, Summary, printable, printable_lines, printable_lines_offset};
use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::report::{FeatureReport, FileReport};

pub(super) fn feature(
    out: &mut impl Write,
    report: &FeatureReport,
    options: &Options,
) -> io::Result<()> {
    let renderer = renderer(options.color);
    let mut wrote = false;
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            writeln!(out, "{}\n", render_one(&renderer, file, diagnostic))?;
            wrote = true;
        }
    }
    if wrote || options.show_ready || report.verdict != Verdict::Ready {
        writeln!(out, "{}", feature_line(report, options.color))?;
        if wrote {
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The snippet renderer, with or without colours.
pub(super) fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii)
}

/// One finding with its source lines, the caret under its span, and its help.
pub(super) fn render_one(
    renderer: &Renderer,
    file: &FileReport,
    diagnostic: &Diagnostic,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let message = printable(&diagnostic.message);
    let title = level
        .primary_title(message.as_ref())
        .id(diagnostic.rule.code);
    let (source, line_start, span) = excerpt(file, diagnostic.range);
    let shown_source = printable_lines(source);
    let span = printable_lines_offset(source, span.start)..printable_lines_offset(source, span.end);
    let path = printable(&file.path);
    let mut snippet = Snippet::source(shown_source.as_ref())
        .path(path.as_ref())
        .line_start(line_start);
    if file.text.is_empty() {
        // Nothing to show (an unreadable file): the location alone.
        snippet = Snippet::source("").path(path.as_ref()).line_start(1);
    } else {
        snippet = snippet.annotation(AnnotationKind::Primary.span(span));
    }
    let mut group = Group::with_title(title).element(snippet);
    let help = diagnostic.help.as_deref().map(printable);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    renderer.render(&[group])
}

/// The lines a range covers (at most a few), their first line number, and the span within them.
fn excerpt(file: &FileReport, range: TextRange) -> (&str, usize, std::ops::Range<usize>) {
    const MAX_LINES: usize = 4;
    let index = &file.line_index;
    let first = index.line_of(range.start());
    let last = index
        .line_of(range.end().saturating_sub(1).max(range.start()))
        .min(first + MAX_LINES - 1);
    let start = index.line_start(first).min(file.text.len());
    let end = index.line_range(&file.text, last).end().max(start);
    let source = &file.text[start..end];
    let span_start = range.start().saturating_sub(start).min(source.len());
    let span_end = range
        .end()
        .saturating_sub(start)
        .clamp(span_start, source.len());
    if source.len() <= LONG_EXCERPT {
        return (source, first + 1, span_start..span_end);
    }
    // A line of megabytes with thousands of findings on it: each finding shows only the part
    // of the line around its span, or rendering would take time quadratic in the line.
    let from = char_boundary_at_or_before(source, span_start.saturating_sub(CONTEXT));
    let to = char_boundary_at_or_after(source, span_end.saturating_add(CONTEXT));
    let window = source.get(from..to).unwrap_or(source);
    (window, first + 1, span_start - from..span_end - from)
}

/// Excerpts longer than this are cut to a window around the span.
const LONG_EXCERPT: usize = 2048;

/// How much of a long line is shown on each side of the span.
const CONTEXT: usize = 160;

fn char_boundary_at_or_before(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn char_boundary_at_or_after(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

fn feature_line(report: &FeatureReport, color: bool) -> String {
    let errors: usize = report.files.iter().map(|f| count(f, Severity::Error)).sum();
    let warnings: usize = report
        .files
        .iter()
        .map(|f| count(f, Severity::Warning))
        .sum();
    let verdict = paint(report.verdict, color);
    let mut line = format!(
        "{}: {verdict} ({}, stage {})",
        printable(&report.dir),
        report.dialect,
        report.stage
    );
    if errors + warnings > 0 {
        line.push_str(&format!(": {}", counts(errors, warnings)));
    }
    line
}

fn count(file: &FileReport, severity: Severity) -> usize {
    file.diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

pub(super) fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn paint(verdict: Verdict, color: bool) -> String {
    if !color {
        return verdict.to_string();
    }
    let code = match verdict {
        Verdict::Ready => "32",
        Verdict::Incomplete => "33",
        Verdict::Blocked | Verdict::Invalid => "31",
    };
    format!("\x1b[1;{code}m{verdict}\x1b[0m")
}

pub(super) fn finish(out: &mut impl Write, summary: &Summary, options: &Options) -> io::Result<()> {
    let verdicts: Vec<String> = Verdict::ALL
        .iter()
        .map(|&v| format!("{} {}", summary.features_with(v), paint(v, options.color)))
        .collect();
    writeln!(
        out,
        "Checked {} feature{} ({} file{}): {}; {}",
        summary.features,
        if summary.features == 1 { "" } else { "s" },
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        verdicts.join(", "),
        counts(summary.errors, summary.warnings)
    )
}
