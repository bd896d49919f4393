//! SK201-SK203: open questions, too many of them in a spec, and unknowns that research never
//! answered.

use speckit_doc::{Document, PlaceholderKind, TextRange, key};

use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::history_lines;
use crate::schema::Schema;
use crate::stage::Stage;

pub(crate) static OPEN_CLARIFICATION: Rule = Rule {
    code: "SK201",
    name: "open-clarification",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Clarified,
    summary: "`[NEEDS CLARIFICATION: ...]`, or a field whose value is `NEEDS CLARIFICATION`",
    explanation: "An open question blocks the stage that must answer it: a spec's questions must \
        be answered before it counts as clarified, a plan's before it counts as researched. \
        Earlier, the finding is only informational (a plan may carry NEEDS CLARIFICATION before \
        research). Only the canonical shapes count, in any language's prose: `[NEEDS \
        CLARIFICATION: question]`, the bare marker ending what it annotates, or a field or cell \
        whose whole value is the marker.",
    example: Example {
        dialect: "speckit",
        bad: "**Storage**: NEEDS CLARIFICATION\n",
        good: "**Storage**: PostgreSQL 16 (see research.md, \"Storage\")\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Text that talks about the marker is not flagged: `- [x] No [NEEDS CLARIFICATION] \
            markers remain`, `all [NEEDS CLARIFICATION] questions were resolved`, `[NEEDS \
            CLARIFICATION: ...]`, a code span, nor upstream's template guidance (`Use [NEEDS \
            CLARIFICATION: specific question] for ...`, SK107).",
        example: "- [x] No [NEEDS CLARIFICATION] markers remain\n\n**Storage**: PostgreSQL 16\n",
        standalone: true,
    },
};

pub(crate) static TOO_MANY_CLARIFICATIONS: Rule = Rule {
    code: "SK202",
    name: "too-many-clarifications",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Clarified,
    summary: "a spec with more than 3 open clarifications",
    explanation: "Spec Kit's specify step marks at most three questions `[NEEDS CLARIFICATION: \
        ...]` and makes informed guesses, recorded as assumptions, for the rest: more questions \
        than that means the description was too thin to specify from, and clarifying becomes an \
        interview. Each open question is also an SK201 finding; this one counts them.",
    example: Example {
        dialect: "speckit",
        bad: "spec.md with four `[NEEDS CLARIFICATION: ...]` markers",
        good: "spec.md with three markers, the other gaps filled with reasonable defaults listed under Assumptions",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "Mentions of the marker (`No [NEEDS CLARIFICATION] markers remain`) and markers in \
            upstream's template guidance are not counted, and only specs are counted: a plan's \
            unknowns are research's to decide (SK203), however many there are.",
        example: "spec.md with three `[NEEDS CLARIFICATION: ...]` markers; plan.md with five",
        standalone: false,
    },
};

/// The most open questions a spec carries, as Spec Kit's specify step allows.
const MAX_SPEC_CLARIFICATIONS: usize = 3;

pub(crate) static UNRESEARCHED_UNKNOWN: Rule = Rule {
    code: "SK203",
    name: "unresearched-unknown",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Researched,
    summary: "a Technical Context unknown with no Decision in research.md",
    explanation: "Phase 0 research exists to turn every NEEDS CLARIFICATION in the Technical \
        Context into a decision (Decision / Rationale / Alternatives considered in research.md). \
        From the `researched` stage on, an unknown of the Technical Context that no heading or \
        Decision line of research.md names is reported here (a mention in its prose is not a \
        decision), in addition to the SK201 that every open marker is: the plan must answer it, \
        and research must have decided it first.",
    example: Example {
        dialect: "speckit",
        bad: "plan.md: **Storage**: NEEDS CLARIFICATION\nresearch.md: (nothing about storage)",
        good: "plan.md: **Storage**: PostgreSQL 16\nresearch.md: ## Storage\n**Decision**: PostgreSQL 16",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "An unknown whose label research.md names in a heading or a Decision line (`## \
            Storage options`, `**Decision**: PostgreSQL for storage`) is decided: the open marker \
            in the plan is SK201's alone, with the hint to copy the decision. Open markers outside \
            the Technical Context are SK201's too, and nothing is reported here before the \
            `researched` stage.",
        example: "plan.md: **Storage**: NEEDS CLARIFICATION\nresearch.md: ## Storage options\n**Decision**: PostgreSQL 16\n(SK201 still asks the plan to copy the decision)",
        standalone: false,
    },
};

/// A spec with more open questions than the specify step allows, reported once at the first
/// question over the limit.
pub(crate) fn check_count(cx: &mut Cx<'_>) {
    let open = open_questions(cx.doc);
    let Some(&first_over) = open.get(MAX_SPEC_CLARIFICATIONS) else {
        return;
    };
    cx.report(
        &TOO_MANY_CLARIFICATIONS,
        first_over,
        format!(
            "{} open clarifications; a spec carries at most {MAX_SPEC_CLARIFICATIONS}",
            open.len()
        ),
    )
    .help("answer the questions that have a reasonable default and list those defaults under Assumptions");
}

/// The open questions of a document: its canonical markers, but for those in text kept from
/// upstream's templates (`Use [NEEDS CLARIFICATION: specific question] for any assumption`),
/// which is the template's, reported as such by SK105 and SK107.
fn open_questions(doc: &Document) -> Vec<TextRange> {
    let kept = history_lines(doc);
    doc.placeholders
        .iter()
        .filter(|p| p.kind == PlaceholderKind::Clarification)
        .map(|p| p.range)
        .filter(|range| !kept.iter().any(|(line, _)| line.contains_range(*range)))
        .collect()
}

/// The stage by which a document of `kind` must have no open questions.
fn deadline(kind: FileKind) -> Stage {
    match kind {
        FileKind::Spec | FileKind::Checklist => Stage::Clarified,
        _ => Stage::Researched,
    }
}

/// Reports the open questions of a document; `schema` is its template, whose own example
/// markers, kept in the text, ask nothing.
pub(crate) fn check(cx: &mut Cx<'_>, schema: Option<&Schema>) {
    let doc = cx.doc;
    let mut open = open_questions(doc);
    if let Some(schema) = schema {
        // Only a marker with its question: the bare `[NEEDS CLARIFICATION]` a template names
        // in its checklist is also how an author asks.
        open.retain(|&range| {
            let marker = doc.slice(range);
            let asks = marker
                .split_once([':', '：'])
                .is_some_and(|(_, question)| question.chars().any(char::is_alphanumeric));
            !(asks && schema.writes(marker))
        });
    }
    if open.is_empty() {
        return;
    }
    let deadline = deadline(cx.file.kind);
    let due = cx.stage() >= deadline;
    let technical = (cx.file.kind == FileKind::Plan)
        .then(|| doc.find_section("technical context"))
        .flatten()
        .map(|index| doc.sections[index].range);
    for range in open {
        let text = crate::rules::template_text::shorten(doc.slice(range));
        if !due {
            cx.report_at(
                &OPEN_CLARIFICATION,
                Severity::Info,
                range,
                format!("open clarification `{text}`"),
            )
            .help(format!("allowed until the `{deadline}` stage"));
            continue;
        }
        let unknown = technical
            .filter(|section| section.contains(range.start()))
            .and_then(|_| field_label_at(doc, range));
        // An open question is one, whatever research found; an unknown research never
        // decided is a second finding, about the research.
        match &unknown {
            Some(label) if research_decides(cx, label) => {
                cx.report(
                    &OPEN_CLARIFICATION,
                    range,
                    format!("open clarification for `{label}`"),
                )
                .help("research.md has a decision for it: copy it into the plan");
            }
            Some(label) => {
                cx.report(
                    &OPEN_CLARIFICATION,
                    range,
                    format!("open clarification for `{label}`"),
                )
                .help("answer it in the plan once research has decided it");
                cx.report(
                    &UNRESEARCHED_UNKNOWN,
                    range,
                    format!("unknown `{label}` has no decision in research.md"),
                )
                .help("research it in Phase 0: add a section to research.md with Decision, Rationale and Alternatives considered");
            }
            None => {
                cx.report(
                    &OPEN_CLARIFICATION,
                    range,
                    format!("open clarification `{text}`"),
                )
                .help("answer the question and replace the marker with the answer");
            }
        }
    }
}

/// The label of the field whose value holds `range`, or the first cell of the table row that
/// holds it (a Technical Context written as a table).
fn field_label_at(doc: &Document, range: TextRange) -> Option<String> {
    let field = doc
        .fields
        .iter()
        .find(|field| field.line.contains(range.start()))
        .map(|field| doc.slice(field.label).to_owned());
    field.or_else(|| {
        doc.tables
            .iter()
            .flat_map(|table| table.rows.iter())
            .find(|row| row.range.contains(range.start()))
            .and_then(|row| row.cells.first())
            .filter(|&&cell| !cell.contains(range.start()))
            .map(|&cell| doc.slice(cell).to_owned())
    })
}

/// Whether research.md has a decision about `label`: a heading, or a Decision line, naming it.
fn research_decides(cx: &Cx<'_>, label: &str) -> bool {
    let Some(research) = research_document(cx) else {
        return false;
    };
    let label_key = key::key(label);
    let words: Vec<&str> = label_key.split(' ').filter(|w| w.len() > 2).collect();
    if words.is_empty() {
        return false;
    }
    let mentions = |text: &str| {
        let text_key = key::key(text);
        words
            .iter()
            .any(|word| text_key.split(' ').any(|w| w == *word))
    };
    research
        .headings
        .iter()
        .any(|h| mentions(research.slice(h.title)))
        || research.fields.iter().any(|field| {
            key::key(research.slice(field.label)).contains("decision")
                && mentions(research.slice(field.value))
        })
}

fn research_document<'a>(cx: &'a Cx<'_>) -> Option<&'a Document> {
    let plan_dir = cx.file.rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let beside = if plan_dir.is_empty() {
        "research.md".to_owned()
    } else {
        format!("{plan_dir}/research.md")
    };
    cx.feature
        .document_at(&beside)
        .or_else(|| cx.feature.document_at("research.md"))
}
