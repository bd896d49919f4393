//! SK104-SK109: text from the template that must not survive into a finished document.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use speckit_doc::placeholder::classify_bracket;
use speckit_doc::{Document, FieldStyle, PlaceholderKind, TextRange, key};

use crate::diagnostic::{Severity, Verdict};
use crate::dialect::templates::UPSTREAM_HISTORY;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::schema::{Schema, choice_key, normalize, option_label, tokens_in};
use crate::stage::Stage;

pub(crate) static UNFILLED_PLACEHOLDER: Rule = Rule {
    code: "SK104",
    name: "unfilled-placeholder",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a placeholder left in: `[FEATURE]`, `[DATE]`, `[e.g., ...]`, `[YOUR_VALUE_HERE: ...]`, `{{x}}`, `<EPIC-ID>`",
    explanation: "Every dialect marks what the writer must replace: all-caps tokens in brackets, \
        example hints, value slots, and free-text prompts such as `[Gate name]` that are found by \
        comparing with the template itself. Inside a code span only the template's own slots are \
        flagged (`` `[###-feature-name]` ``), and inside a code block only a slot on a line the \
        template itself has (a structure tree still reading `specs/[###-feature]/`).",
    example: Example {
        dialect: "speckit",
        bad: "**Date**: [DATE]\n",
        good: "**Date**: 2025-03-14\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Code is never taken for a placeholder (`[[maybe_unused]]`, `arr[i]`, `[[ -f x ]]`, \
            `Map<K, V>`). Nor are `[OPTIONAL: ...]` notes, task marks (`[x]`, `[P]`, `[US1]`), \
            links, a bracketed aside of the writer's within a sentence (free text in brackets is a \
            prompt only when it fills a whole value), `[NEEDS CLARIFICATION: ...]` markers, which \
            are SK201's, the instruction text of earlier upstream templates (`Decision: [what \
            was chosen]`), which is template guidance (SK107), and expressions of the project's \
            own template language (`{{ 'cart.title' | t }}`: quotes, a filter or a call), even \
            where a table cell splits their code span.",
        example: "**Date**: 2025-03-14\n\nRun `[[ -f plan.md ]]` first; the loop reads `arr[i]` (see [research](research.md)).\n",
        standalone: true,
    },
};

pub(crate) static TEMPLATE_TEXT_LEFT: Rule = Rule {
    code: "SK105",
    name: "template-text-left",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "text copied verbatim from the template: an example row or layout, or a whole untouched template",
    explanation: "A table row that is still the template's example (`| [e.g., 4th project] | ... \
        |`) is reported once, not once per cell; so is sample content of earlier upstream \
        templates (`System MUST authenticate users via [NEEDS CLARIFICATION: auth method not \
        specified ...]`), and a layout in the structure section that is still the template's \
        sketch line for line (`src/models/`, `src/services/` ... `tests/unit/`) and six lines or \
        more. A document that is still essentially the template (nine lines in ten are the \
        template's own or hold its placeholders) is reported as one finding, `unfilled template (N \
        placeholders)`, and nothing else is said about it.",
    example: Example {
        dialect: "speckit",
        bad: "| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| [e.g., a fourth project] | [the need it meets now] | [why three projects fall short] |\n",
        good: "| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| A fourth crate | Parser reuse by the LSP | One crate would pull tokio into the CLI |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A real structure tree that shares a few lines with the template's sketch (`src/`, \
            `tests/`) is not flagged: a layout is the template's only when every line of it is the \
            sketch's and it has six lines or more, and a layout still labelled `Option N` is \
            SK108's. A table row is an example only when it is the template's own row or every \
            cell of it is a bracketed prompt; a row of real values with a prompt left in one cell \
            is not (the prompt is reported as a placeholder).",
        example: "### Source Code (repository root)\n\n```text\nsrc/\n├── models/\n└── cli/\ntests/\n```\n",
        standalone: true,
    },
};

pub(crate) static EMPTY_FIELD: Rule = Rule {
    code: "SK106",
    name: "empty-field",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a labelled field with no value: `**Storage**:`, `- Deployment strategy:`",
    explanation: "A label followed by nothing is an unanswered question. Plain `label:` lines are \
        checked when the template has the same label; bold labels always.",
    example: Example {
        dialect: "ssd",
        bad: "## 9. Rollout and Migration Plan\n\n- Rollback strategy:\n",
        good: "## 9. Rollout and Migration Plan\n\n- Rollback strategy: redeploy the previous tag\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A label whose answer follows on the next lines is not empty: a paragraph or a line \
            under it, a nested list, a table, code, or the items after it in its list when they \
            are not labels themselves (`- **Constraints**:` then `- p95 < 200ms`), or labels \
            that hold content of their own (`**Task strategy**:` then `**Core library**:` and \
            its list). A bold sentence ending in a colon (six words or more, `**Delivered with \
            more than the original scope asked for:**`) leads in to what follows; it is no field.",
        example: "## 9. Rollout and Migration Plan\n\n- Rollback strategy:\n  - redeploy the previous tag\n  - restore the nightly snapshot\n",
        standalone: true,
    },
};

pub(crate) static TEMPLATE_COMMENT_LEFT: Rule = Rule {
    code: "SK107",
    name: "template-comment-left",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "template guidance kept: comments (`ACTION REQUIRED`, `REPLACE SAMPLE CONTENT`) and upstream's instruction lines",
    explanation: "The template's HTML comments and instruction lines address the writer; once the \
        section is written they are noise, and an agent reading the plan may act on them again. \
        Instruction lines are those of upstream Spec Kit's templates across their versions: \
        `**Note**: This template is filled in by the /speckit.plan command ...` (or `/plan`), \
        `*Fill ONLY if Constitution Check has violations that must be justified*`, the research \
        format `Decision: [what was chosen]`.",
    example: Example {
        dialect: "speckit",
        bad: "<!--\n  ACTION REQUIRED: Replace every value below.\n-->\n",
        good: "**Storage**: PostgreSQL 16\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Marker comments such as `<!-- SPECKIT_LEVEL: 2 -->` are not guidance and are kept. \
            The writer's own comments and prose are not flagged, even about the template: a \
            comment is guidance only when it is the template's own or says `ACTION REQUIRED` or \
            `REPLACE SAMPLE CONTENT`, and a line only when it is one of upstream's instruction \
            lines (`**Note**: the export never overwrites a file.` is not).",
        example: "<!-- SPECKIT_LEVEL: 2 -->\n<!-- Reviewed with the security team on 2025-03-10. -->\n**Note**: the export never overwrites a file.\n",
        standalone: true,
    },
};

pub(crate) static OPTION_SCAFFOLDING_LEFT: Rule = Rule {
    code: "SK108",
    name: "option-scaffolding-left",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "`Option N` labels or `[REMOVE IF UNUSED]` left in the structure section",
    explanation: "Templates offer several project layouts to choose from. A finished plan keeps \
        exactly one, without its `Option N` label; a remaining label means the choice was not \
        made.",
    example: Example {
        dialect: "speckit",
        bad: "### Source Code (repository root)\n\n```text\n# [REMOVE IF UNUSED] Option 1: Single project (DEFAULT)\nsrc/\n```\n",
        good: "### Source Code (repository root)\n\n```text\nsrc/\n├── parser/\n└── cli/\n```\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "`Option N` is only looked for in the sections where the template offers layouts, so \
            a research note or a decision comparing options elsewhere in the plan is not flagged; \
            only `[REMOVE IF UNUSED]` is scaffolding wherever it stands.",
        example: "## Research Notes\n\nOption 1: SQLite, a single file.\nOption 2: PostgreSQL, a server. We keep option 1.\n",
        standalone: true,
    },
};

pub(crate) static UNRESOLVED_CHOICE: Rule = Rule {
    code: "SK109",
    name: "unresolved-choice",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a choice list left as written: `High/Med/Low`, `PASS / FAIL / CONDITIONAL`, `Proposed/In Review/Accepted`",
    explanation: "The template lists the allowed values for the writer to pick one. A field or \
        table cell that still holds the whole list has not been decided.",
    example: Example {
        dialect: "classic",
        bad: "**Gate 1**: Security review\n- Status: PASS / FAIL / CONDITIONAL\n",
        good: "**Gate 1**: Security review\n- Status: PASS\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A choice list written in a sentence explains the values and is not flagged (`Each \
            gate is marked PASS / FAIL / CONDITIONAL by its reviewer`), nor is one in the first \
            cell of a table row, where a legend names the values it defines: only a field's value, \
            or a later cell of a row, that still holds the whole list (or the list and its prompt) \
            is undecided.",
        example: "**Gate 1**: Security review\n- Status: PASS\n\nEach gate is marked PASS / FAIL / CONDITIONAL by its reviewer.\n",
        standalone: true,
    },
};

/// Choice lists recognised in any document, template or not.
const KNOWN_CHOICES: &[&str] = &[
    "pass/fail/conditional",
    "pass/fail/waived",
    "high/med/low",
    "high/medium/low",
    "proposed/in review/accepted",
    "green/yellow/red",
    "ok/needs review",
];

/// Guidance phrases that mark a comment as the template's, in any document.
const GUIDANCE_PHRASES: &[&str] = &["ACTION REQUIRED", "REPLACE SAMPLE CONTENT"];

/// A piece of unfilled template text.
struct Unfilled {
    range: TextRange,
    kind: PlaceholderKind,
}

/// Every placeholder in the document: the shared grammar, the template's slots (in brackets,
/// in code spans, as inline HTML) and configured extra strings.
fn unfilled(doc: &Document, schema: Option<&Schema>, extra: &[String]) -> Vec<Unfilled> {
    let mut found: Vec<Unfilled> = doc
        .placeholders
        .iter()
        .map(|p| Unfilled {
            range: p.range,
            kind: p.kind,
        })
        .collect();
    let standalone = standalone_values(doc);
    found.extend(
        doc.brackets
            .iter()
            .filter(|b| {
                schema.is_some_and(|schema| schema.is_slot(doc.slice(b.inner)))
                    || (standalone.contains(&b.range) && is_prompt(doc.slice(b.inner)))
            })
            .map(|b| Unfilled {
                range: b.range,
                kind: PlaceholderKind::TemplateText,
            }),
    );
    if let Some(schema) = schema {
        for &span in &doc.code_spans {
            for (offset, token) in schema.code_tokens_in(doc.slice(span)) {
                let start = span.start() + offset;
                found.push(Unfilled {
                    range: TextRange::new(start, start + token.len()),
                    kind: PlaceholderKind::TemplateText,
                });
            }
        }
        found.extend(
            doc.inline_html
                .iter()
                .filter(|&&html| schema.is_angle_slot(doc.slice(html)))
                .map(|&range| Unfilled {
                    range,
                    kind: PlaceholderKind::TemplateText,
                }),
        );
    }
    for pattern in extra.iter().filter(|p| !p.is_empty()) {
        for (offset, _) in doc.text().match_indices(pattern.as_str()) {
            if !doc.in_code(offset) && !doc.in_comment(offset) {
                found.push(Unfilled {
                    range: TextRange::new(offset, offset + pattern.len()),
                    kind: PlaceholderKind::Value,
                });
            }
        }
    }
    found.sort_by_key(|u| (u.range.start(), std::cmp::Reverse(u.range.end())));
    found.dedup_by(|later, earlier| {
        earlier.range.contains_range(later.range) || earlier.range == later.range
    });
    found
}

/// The ranges that are a whole value: a field's value, a table cell, a paragraph, a list item's
/// first line. A bracket that fills one of them entirely is a prompt left for the writer, not a
/// bracketed aside in a sentence.
fn standalone_values(doc: &Document) -> std::collections::HashSet<TextRange> {
    doc.fields
        .iter()
        .map(|f| f.value)
        .chain(
            doc.tables
                .iter()
                .flat_map(|t| t.rows.iter())
                .flat_map(|r| r.cells.iter().copied()),
        )
        .chain(doc.paragraphs.iter().map(|&p| trim(doc, p)))
        .chain(doc.list_items.iter().map(|i| i.first_line))
        .collect()
}

fn trim(doc: &Document, range: TextRange) -> TextRange {
    let text = doc.slice(range);
    let start = range.start() + (text.len() - text.trim_start().len());
    TextRange::new(start, start + text.trim().len())
}

/// Bracketed text that reads as a prompt: two words or more, and not a status or a tag.
fn is_prompt(inner: &str) -> bool {
    let words = inner.split_whitespace().count();
    words >= 2
        && !inner
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("optional")
}

/// Reports a document that is still essentially its template (`schema`'s) as one finding of
/// `rule` (SK105, or a family's own rule for its kind of document). Returns whether it did.
pub(crate) fn check_unfilled(cx: &mut Cx<'_>, schema: &Schema, rule: &'static Rule) -> bool {
    let items = unfilled(cx.doc, Some(schema), &cx.settings.extra_placeholders);
    if items.is_empty() {
        return false;
    }
    let doc = cx.doc;
    let index = doc.line_index();
    // Every line a placeholder or a bracketed prompt touches counts as the template's.
    let lines_with_slots: BTreeSet<usize> = items
        .iter()
        .map(|u| u.range)
        .chain(doc.brackets.iter().map(|b| b.range))
        .flat_map(|range| {
            index.line_of(range.start())
                ..=index.line_of(range.end().saturating_sub(1).max(range.start()))
        })
        .collect();
    let front_end = doc.front_matter.as_ref().map_or(0, |f| f.range.end());
    // Code blocks and comments are left out: their wording varies between versions of a
    // template without being anything the writer wrote.
    let skipped = |offset: usize| doc.in_code(offset) || doc.in_comment(offset);
    let (mut total, mut templated) = (0usize, 0usize);
    for line in 0..index.line_count() {
        let range = index.line_range(doc.text(), line);
        let text = doc.slice(range);
        let has_slot = lines_with_slots.contains(&line);
        if text.trim().is_empty()
            || (!has_slot && (range.start() < front_end || skipped(range.start())))
        {
            continue;
        }
        total += 1;
        let heading_of_template = doc
            .headings
            .iter()
            .find(|h| h.range.contains(range.start()))
            .is_some_and(|h| {
                schema
                    .sections
                    .iter()
                    .any(|s| key::keys_match(&s.key, &h.key))
            });
        let table_rule = text.trim().starts_with('|')
            && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if has_slot || heading_of_template || table_rule || schema.has_line(text) {
            templated += 1;
        }
    }
    if total < 5 || templated * 10 < total * 9 {
        return false;
    }
    let count = items.len();
    let range = cx.title_range();
    cx.report(
        rule,
        range,
        format!(
            "document is an unfilled template ({count} placeholder{} left)",
            if count == 1 { "" } else { "s" }
        ),
    )
    .help("fill in the template; speckit reports individual findings once the writing has started");
    true
}

/// The full set for a document written from a template (`schema`'s): placeholders, example
/// rows, empty fields, guidance comments, option scaffolding and unresolved choices.
pub(crate) fn check(cx: &mut Cx<'_>, schema: &Schema) {
    let mut kept = check_example_rows(cx, schema);
    kept.extend(check_history(cx));
    report_placeholders(cx, Some(schema), &kept, &UNFILLED_PLACEHOLDER);
    check_fences(cx, schema);
    check_empty_fields(cx, Some(schema));
    check_comments(cx, Some(schema));
    check_options(cx, schema);
    check_choices(cx, Some(schema));
}

/// What applies to any artifact without a schema of its own: the shared placeholder grammar,
/// bold fields left empty, guidance comments and choice lists.
pub(crate) fn check_generic(cx: &mut Cx<'_>) {
    check_loosely(cx, None, &UNFILLED_PLACEHOLDER);
}

/// The generic set, with the slots of a template the document is loosely written from
/// (`schema`, when there is one) and placeholders reported as `placeholder_rule`.
pub(crate) fn check_loosely(
    cx: &mut Cx<'_>,
    schema: Option<&Schema>,
    placeholder_rule: &'static Rule,
) {
    report_placeholders(cx, schema, &[], placeholder_rule);
    check_empty_fields(cx, None);
    check_comments(cx, schema);
    check_choices(cx, None);
}

/// Rows copied from the template: the template's own example rows, or rows whose every cell
/// is a bracketed prompt (`| [e.g., 4th project] | [current need] | [why] |`), as an earlier
/// version of the template may have had them.
fn check_example_rows(cx: &mut Cx<'_>, schema: &Schema) -> Vec<TextRange> {
    let mut rows = Vec::new();
    for table in &cx.doc.tables {
        for row in &table.rows {
            let cells: Vec<&str> = row.cells.iter().map(|&c| cx.doc.slice(c)).collect();
            let all_prompts = cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2
                && cells.iter().all(|cell| {
                    let cell = cell.trim();
                    cell.is_empty() || (cell.starts_with('[') && cell.ends_with(']'))
                });
            if schema.is_example_row(&cells) || all_prompts {
                rows.push(row.range);
            }
        }
    }
    for &row in &rows {
        cx.report(
            &TEMPLATE_TEXT_LEFT,
            row,
            "example row copied from the template",
        )
        .help("replace it with a real row, or delete it");
    }
    rows
}

/// What a line of upstream's template history is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum History {
    /// An instruction to the writer or the agent.
    Guidance,
    /// Sample content.
    Example,
}

/// The entries of upstream's template history, each with the parts of its line's key between
/// the `…` that stand for any text.
fn history() -> &'static [(History, Vec<String>)] {
    static ENTRIES: OnceLock<Vec<(History, Vec<String>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut kind = None;
        let mut entries = Vec::new();
        for line in UPSTREAM_HISTORY.lines() {
            match line.trim() {
                "## Guidance" => kind = Some(History::Guidance),
                "## Examples" => kind = Some(History::Example),
                "" => {}
                text => {
                    if let Some(kind) = kind {
                        let parts = line_key(text).split('…').map(str::to_owned).collect();
                        entries.push((kind, parts));
                    }
                }
            }
        }
        entries
    })
}

/// A line as it reads, for comparing with upstream's: without indentation, quote mark, list
/// bullet or number, emphasis and repeated white space.
fn line_key(line: &str) -> String {
    let text = line.trim_start().trim_start_matches('>').trim_start();
    let text = match text.strip_prefix(['-', '+', '*']) {
        Some(rest) if rest.starts_with(' ') => rest,
        _ => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            text.get(digits..)
                .and_then(|rest| rest.strip_prefix(['.', ')']))
                .filter(|rest| digits > 0 && rest.starts_with(' '))
                .unwrap_or(text)
        }
    };
    normalize(&text.replace('*', ""))
        .trim_matches('_')
        .to_owned()
}

/// Whether a line's key reads as an entry's parts, the text between them free.
fn matches_entry(line: &str, parts: &[String]) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    let Some(mut tail) = line.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return tail.is_empty();
    };
    for part in middle {
        let Some(found) = tail.find(part.as_str()) else {
            return false;
        };
        tail = tail.get(found + part.len()..).unwrap_or("");
    }
    tail.ends_with(last.as_str())
}

/// The lines of upstream's template history a document kept, outside code and comments: each
/// run of consecutive lines of one kind as one range.
pub(crate) fn history_lines(doc: &Document) -> Vec<(TextRange, History)> {
    let index = doc.line_index();
    let mut found: Vec<(TextRange, History, usize)> = Vec::new();
    for line in 0..index.line_count() {
        let range = trim(doc, index.line_range(doc.text(), line));
        if range.is_empty() || doc.in_code(range.start()) || doc.in_comment(range.start()) {
            continue;
        }
        let key = line_key(doc.slice(range));
        let Some(kind) = history()
            .iter()
            .find(|(_, parts)| matches_entry(&key, parts))
            .map(|(kind, _)| *kind)
        else {
            continue;
        };
        match found.last_mut() {
            Some((run, run_kind, last)) if *run_kind == kind && *last + 1 == line => {
                *run = TextRange::new(run.start(), range.end());
                *last = line;
            }
            _ => found.push((range, kind, line)),
        }
    }
    found
        .into_iter()
        .map(|(range, kind, _)| (range, kind))
        .collect()
}

/// Upstream's instructions and sample content kept from an earlier version of its templates:
/// the writer's guidance is a warning (SK107), sample content is template text (SK105).
/// Returns the ranges reported, where nothing else is said about the text.
fn check_history(cx: &mut Cx<'_>) -> Vec<TextRange> {
    let lines = history_lines(cx.doc);
    for &(range, kind) in &lines {
        let text = shorten(cx.doc.slice(first_line_of(cx.doc, range)));
        match kind {
            History::Guidance => {
                cx.report(
                    &TEMPLATE_COMMENT_LEFT,
                    range,
                    format!("template guidance left in: `{text}`"),
                )
                .help("delete the template's instruction; the written document does not need it");
            }
            History::Example => {
                cx.report(
                    &TEMPLATE_TEXT_LEFT,
                    range,
                    format!("example text copied from the template: `{text}`"),
                )
                .help("replace it with this feature's own text, or delete it");
            }
        }
    }
    lines.into_iter().map(|(range, _)| range).collect()
}

fn report_placeholders(
    cx: &mut Cx<'_>,
    schema: Option<&Schema>,
    skip: &[TextRange],
    rule: &'static Rule,
) {
    for item in unfilled(cx.doc, schema, &cx.settings.extra_placeholders) {
        // The open-question marker is the clarification rules' to judge, wherever the template
        // also carries it (`- [ ] No [NEEDS CLARIFICATION] markers remain`).
        let marker = cx
            .doc
            .slice(item.range)
            .strip_prefix('[')
            .is_some_and(speckit_doc::placeholder::starts_with_clarification);
        if item.kind == PlaceholderKind::Clarification
            || marker
            || skip.iter().any(|row| row.contains_range(item.range))
        {
            continue;
        }
        let text = shorten(cx.doc.slice(item.range));
        let help = match item.kind {
            PlaceholderKind::Hint => "replace the example with this feature's real value",
            PlaceholderKind::TemplateText => "replace the template's prompt with real content",
            _ => "replace it with the real value",
        };
        cx.report(rule, item.range, format!("unfilled placeholder `{text}`"))
            .help(help);
    }
}

/// The template's own code lines kept with their slots (a structure tree that still reads
/// `specs/[###-feature]/`), and, in a section offering layouts, a layout that is still the
/// template's sketch line for line. Code is never a placeholder otherwise: only a line the
/// template itself has is compared.
fn check_fences(cx: &mut Cx<'_>, schema: &Schema) {
    let doc = cx.doc;
    let mut slots = Vec::new();
    let mut sketches = Vec::new();
    for block in doc.code_blocks.iter().filter(|block| block.fenced) {
        let text = doc.slice(block.range);
        let lines: Vec<(usize, &str)> = speckit_doc::text::lines(text)
            .filter_map(|line| Some((line.start, text.get(line.start..line.end)?)))
            .skip(1)
            .filter(|(_, line)| {
                let line = line.trim_start();
                !line.is_empty() && !line.starts_with("```") && !line.starts_with("~~~")
            })
            .collect();
        for &(start, line) in &lines {
            if !schema.has_line(line) {
                continue;
            }
            for token in tokens_in(line) {
                let is_slot = token
                    .strip_prefix('[')
                    .and_then(|rest| rest.strip_suffix(']'))
                    // The open-question marker in a template's fenced line is its instruction
                    // (`Mark with [NEEDS CLARIFICATION: ...]`), not a slot.
                    .is_some_and(|inner| {
                        classify_bracket(inner)
                            .is_some_and(|kind| kind != PlaceholderKind::Clarification)
                    });
                let offset = token.as_ptr() as usize - line.as_ptr() as usize;
                if is_slot {
                    let at = block.range.start() + start + offset;
                    slots.push(TextRange::new(at, at + token.len()));
                }
            }
        }
        let in_layouts = (1..doc.sections.len()).any(|index| {
            doc.sections[index].content.contains_range(block.range)
                && doc
                    .section_heading(index)
                    .is_some_and(|heading| schema.offers_options(&heading.key))
        });
        let labelled = lines.iter().any(|(_, line)| option_label(line).is_some());
        if in_layouts
            && !labelled
            && lines.len() >= MIN_SKETCH_LINES
            && lines.iter().all(|(_, line)| schema.has_line(line))
        {
            sketches.push(first_line_of(doc, block.range));
        }
    }
    for range in slots {
        let text = doc.slice(range).to_owned();
        cx.report(
            &UNFILLED_PLACEHOLDER,
            range,
            format!("unfilled placeholder `{text}` in the template's own line"),
        )
        .help("replace the template's slot with this feature's real value");
    }
    for range in sketches {
        cx.report(
            &TEMPLATE_TEXT_LEFT,
            range,
            "layout copied from the template's example as it is",
        )
        .help("replace the sketch with the real directories this feature uses");
    }
}

/// The fewest lines a kept layout sketch has: below that, a real tree may coincide with the
/// template's (`src/`, `tests/`).
const MIN_SKETCH_LINES: usize = 6;

/// The fewest words of a bold lead-in sentence; field labels are shorter.
const LEAD_IN_WORDS: usize = 6;

fn check_empty_fields(cx: &mut Cx<'_>, schema: Option<&Schema>) {
    let fields: Vec<_> = cx
        .doc
        .fields
        .iter()
        .filter(|field| field.value.is_empty() && !field.has_body)
        .filter(|field| {
            let label = cx.doc.slice(field.label);
            let label_key = key::key(label);
            let known = schema.is_some_and(|schema| schema.has_label(&label_key));
            // A bold sentence ending in a colon leads in to what follows (`**Enhanced
            // implementation with features beyond the original scope:**`); a field's label is
            // a name.
            let sentence = label.split_whitespace().count() >= LEAD_IN_WORDS;
            known || (field.style == FieldStyle::Bold && !sentence)
        })
        .copied()
        .collect();
    for field in fields {
        let label = cx.doc.slice(field.label).to_owned();
        cx.report(
            &EMPTY_FIELD,
            field.line,
            format!("field `{label}` has no value"),
        )
        .help("answer it, or write N/A and why");
    }
}

fn check_comments(cx: &mut Cx<'_>, schema: Option<&Schema>) {
    let doc = cx.doc;
    let guidance: Vec<TextRange> = doc
        .comments
        .iter()
        .filter(|comment| comment.closed && !doc.markers.iter().any(|m| m.range == comment.range))
        .filter(|comment| {
            let content = doc.slice(comment.content);
            schema.is_some_and(|schema| schema.is_guidance_comment(content))
                || GUIDANCE_PHRASES
                    .iter()
                    .any(|phrase| content.contains(phrase))
        })
        .map(|comment| comment.range)
        .collect();
    for range in guidance {
        let first_words = shorten(&normalize(cx.doc.slice(range).trim_start_matches("<!--")));
        cx.report(
            &TEMPLATE_COMMENT_LEFT,
            first_line_of(cx.doc, range),
            format!("template guidance comment left in: `{first_words}`"),
        )
        .help("delete the comment once the section is written");
    }
}

fn check_options(cx: &mut Cx<'_>, schema: &Schema) {
    let doc = cx.doc;
    let mut found = Vec::new();
    for index in 1..doc.sections.len() {
        let Some(heading) = doc.section_heading(index) else {
            continue;
        };
        if !schema.offers_options(&heading.key) {
            continue;
        }
        let content = doc.sections[index].content;
        scan_option_lines(doc, content, &mut found);
    }
    // `[REMOVE IF UNUSED]` is scaffolding wherever it stands.
    let mut offset = 0;
    while let Some(position) = doc.text()[offset..].find("[REMOVE IF UNUSED]") {
        let start = offset + position;
        found.push(TextRange::new(start, start + "[REMOVE IF UNUSED]".len()));
        offset = start + 1;
    }
    found.sort_by_key(|r| r.start());
    found.dedup_by(|later, earlier| {
        doc.line_index().line_of(later.start()) == doc.line_index().line_of(earlier.start())
    });
    for range in found {
        let label = doc.slice(range).to_owned();
        cx.report(
            &OPTION_SCAFFOLDING_LEFT,
            range,
            format!("template scaffolding `{label}` left in the structure"),
        )
        .help("keep the one layout that applies, without its label, and delete the others");
    }
}

fn scan_option_lines(doc: &Document, content: TextRange, found: &mut Vec<TextRange>) {
    let text = doc.slice(content);
    for line in speckit_doc::text::lines(text) {
        let Some(line_text) = text.get(line.start..line.end) else {
            continue;
        };
        if let Some((offset, len)) = option_label(line_text) {
            let start = content.start() + line.start + offset;
            found.push(TextRange::new(start, start + len));
        }
    }
}

fn check_choices(cx: &mut Cx<'_>, schema: Option<&Schema>) {
    let doc = cx.doc;
    let values = doc.fields.iter().map(|field| field.value).chain(
        doc.tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter().skip(1).copied()),
    );
    let choices: Vec<TextRange> = values
        .filter_map(|range| {
            let value = doc.slice(range);
            if schema.is_some_and(|schema| schema.is_choice_list(value)) || is_known_choice(value) {
                return Some(range);
            }
            // The template's list followed by its prompt, the brackets taken away:
            // `OK / NEEDS REVIEW – reason`.
            let end = value
                .find(['–', '—', ':', '('])
                .or_else(|| value.find(" - "))?;
            let head = value.get(..end)?;
            is_known_choice(head)
                .then(|| TextRange::new(range.start(), range.start() + head.trim_end().len()))
        })
        .collect();
    for range in choices {
        let value = doc.slice(range).to_owned();
        cx.report(
            &UNRESOLVED_CHOICE,
            range,
            format!("choice list `{value}` left unresolved"),
        )
        .help("keep the one value that applies");
    }
}

/// Whether a value is one of the choice lists templates write, whatever the dialect.
fn is_known_choice(value: &str) -> bool {
    choice_key(value).is_some_and(|choice| KNOWN_CHOICES.contains(&choice.as_str()))
}

pub(crate) fn first_line_of(doc: &Document, range: TextRange) -> TextRange {
    let text = doc.slice(range);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    TextRange::new(range.start(), range.start() + end)
}

/// At most 60 characters of `text`, on one line.
pub(crate) fn shorten(text: &str) -> String {
    let flat = normalize(text);
    if flat.chars().count() <= 60 {
        return flat;
    }
    let cut: String = flat.chars().take(57).collect();
    format!("{}...", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::{History, history, line_key, matches_entry};

    fn kind_of(line: &str) -> Option<History> {
        let key = line_key(line);
        history()
            .iter()
            .find(|(_, parts)| matches_entry(&key, parts))
            .map(|(kind, _)| *kind)
    }

    #[test]
    fn upstream_lines_are_read_past_their_markup_and_command_names() {
        for line in [
            "**Note**: This template is filled in by the `/plan` command. See `.specify/templates/commands/plan.md` for the execution workflow.",
            "**Note**: This template is filled in by the `/speckit.plan` command. See `.specify/templates/plan-template.md` for the execution workflow.",
            "> **Fill ONLY if Constitution Check has violations that must be justified**",
            "*Fill ONLY if Constitution Check has violations that must be justified*",
            "   - Decision: [what was chosen]",
            "1. **Mark all ambiguities**: Use [NEEDS CLARIFICATION: specific question] for any assumption you'd need to make",
        ] {
            assert_eq!(kind_of(line), Some(History::Guidance), "{line}");
        }
        assert_eq!(
            kind_of(
                "- **FR-007**: System MUST retain user data for [NEEDS CLARIFICATION: retention period not specified]"
            ),
            Some(History::Example)
        );
        for line in [
            "**Note**: the export never overwrites a file.",
            "- Decision: SQLite, for its single-file store",
            "Fill in the form only if the export fails",
        ] {
            assert_eq!(kind_of(line), None, "{line}");
        }
    }
}
