//! SK301-SK307: constitution gates, their vocabularies, and the tables that justify or record
//! decisions (Complexity Tracking, ADR log, risk register).
//!
//! Each dialect writes gates its own way: upstream Spec Kit leaves the form open (tables with a
//! status column, checklists, `✅` lines, `**Gate**: PASS` fields), `epic` uses `OK` / `NEEDS
//! REVIEW`, `gated` uses PASS / FAIL / WAIVED tables with evidence and owner, `classic` uses
//! `Status: PASS / FAIL / CONDITIONAL` with a justification, `ssd` documents violations as
//! Violation / Justification / Mitigation.

use speckit_doc::{Document, Table, TextRange, key};

use crate::diagnostic::{Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::{first_line_of, shorten};
use crate::schema::choice_key;
use crate::stage::Stage;

pub(crate) static GATE_FAILED: Rule = Rule {
    code: "SK301",
    name: "gate-failed",
    severity: Severity::Error,
    verdict: Verdict::Blocked,
    stage: Stage::Ready,
    summary: "a gate the plan says fails (FAIL, NEEDS REVIEW, `❌`, unchecked) with no justification: the plan is blocked",
    explanation: "The Constitution Check is a gate: Phase 0 may not start while a gate fails, \
        unless the violation is justified (and recorded in Complexity Tracking). A gate fails only \
        when the plan says so: `FAIL`, `NEEDS REVIEW` or `not met` without a reason, a `❌` not \
        marked N/A, an unchecked `[ ]` item of a gate list, and in the closed vocabularies \
        `CONDITIONAL` without a justification or a Violation with no Justification.",
    example: Example {
        dialect: "speckit",
        bad: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Library-first | ❌ FAIL | |\n",
        good: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Library-first | ✅ PASS | one crate per concern |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A failing gate the row or item justifies (a reason, a mitigation, a waiver, a \
            pointer to Complexity Tracking) is not flagged, nor one that a later re-check passes \
            under the same name (`Post-Design Constitution Re-check`). Nor are an obligation the \
            plan takes on (`⚠️ MANDATORY`, `⚠️ REQUIRED`), a cross marked N/A or not applicable, a \
            caveat with its status (`Deferred`, `Partial`, `Pending`, `⚠️`), an overall result \
            line (`**Result**: PASS`), and a list of implementation checkpoints (unchecked work to \
            do under a heading or line that says so). The `leveled` dialect's plans have no gates \
            to read.",
        example: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Test-first | ❌ FAIL | |\n| Observability | ❌ N/A | no running service |\n| Simplicity | ⚠️ Partial | one extra crate |\n\n## Post-Design Constitution Re-check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Test-first | ✅ PASS | contract tests written first |\n",
        standalone: true,
    },
};

pub(crate) static GATE_STATUS_INVALID: Rule = Rule {
    code: "SK302",
    name: "gate-status-invalid",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a gate status outside the dialect's vocabulary",
    explanation: "Dialects with a closed gate vocabulary (`epic`: OK / NEEDS REVIEW; `gated`: PASS \
        / FAIL / WAIVED; `classic`: PASS / FAIL / CONDITIONAL) are read by tools and agents that \
        only understand those words.",
    example: Example {
        dialect: "gated",
        bad: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | Mostly | plan.md#summary | Lead |\n",
        good: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | PASS | plan.md#summary | Lead |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Upstream Spec Kit's open form (the `speckit` dialect) is not checked, nor are the \
            `ssd` and `leveled` dialects, which have no status vocabulary. Case does not matter \
            (`pass`), and a status left empty, as a placeholder or as the template's whole choice \
            list is not read as a status at all (a choice list is SK109's). When the dialect is \
            not certain (guessed from a plan that only loosely follows its template), the open \
            vocabulary's words (`Compliant`, `✅`) are accepted too.",
        example: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | pass | plan.md#summary | Lead |\n| Observability | PASS/FAIL/WAIVED | | |\n",
        standalone: true,
    },
};

pub(crate) static VIOLATION_UNTRACKED: Rule = Rule {
    code: "SK303",
    name: "violation-untracked",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a justified gate violation with no Complexity Tracking row",
    explanation: "A violation may be accepted when it is justified, and the justification belongs \
        in Complexity Tracking (what is violated, why it is needed, which simpler alternative was \
        rejected and why) where reviewers look for it.",
    example: Example {
        dialect: "speckit",
        bad: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Single project | ❌ FAIL | justified: the plugin API needs its own crate |\n\n## Complexity Tracking\n\nNone.\n",
        good: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Single project | ❌ FAIL | justified: the plugin API needs its own crate |\n\n## Complexity Tracking\n\n| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| Two projects | Plugin API | One crate would expose internals |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A gate that is justified but only pending or under review (`NEEDS REVIEW` or \
            `Pending` with its reason) is not a violation to record, and in the `classic` and \
            `ssd` dialects a gate's own justification, or the Violation block with its \
            Justification and Mitigation, is its record. Rows are not matched to gates: any real \
            row in Complexity Tracking answers the plan's justified violations.",
        example: "## Constitution Check\n\n| Principle | Status | Notes |\n|---|---|---|\n| Performance | NEEDS REVIEW | pending because the load profile is measured in Phase 0 |\n\n## Complexity Tracking\n\nNone.\n",
        standalone: true,
    },
};

pub(crate) static COMPLEXITY_ROW_INCOMPLETE: Rule = Rule {
    code: "SK304",
    name: "complexity-row-incomplete",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a Complexity Tracking row missing its need or its rejected simpler alternative",
    explanation: "A Complexity Tracking row is only a justification when it says why the \
        complexity is needed and why the simpler alternative was rejected.",
    example: Example {
        dialect: "speckit",
        bad: "## Complexity Tracking\n\n| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| Two projects | | |\n",
        good: "## Complexity Tracking\n\n| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| Two projects | Plugin API | One crate would expose internals |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A row that says there is nothing to track (`| None | | |`, `| N/A | — | — |`) is \
            not flagged, nor is the template's own example row, which is SK105's. Only the cells \
            after the first are asked for, and any text in them counts: the rule does not judge \
            whether a reason convinces.",
        example: "## Complexity Tracking\n\n| Violation | Why Needed | Simpler Alternative Rejected Because |\n|---|---|---|\n| None | | |\n",
        standalone: true,
    },
};

pub(crate) static GATE_EVIDENCE_MISSING: Rule = Rule {
    code: "SK305",
    name: "gate-evidence-missing",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a gate row with empty evidence or owner (`gated`)",
    explanation: "In the `gated` dialect a gate's status is only as good as its evidence and the \
        person who owns it: a PASS nobody can point to or answer for does not count.",
    example: Example {
        dialect: "gated",
        bad: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | PASS | | |\n",
        good: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | PASS | plan.md#summary | Tech lead |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A gate row not yet assessed (its status empty, a placeholder or the template's \
            choice list) is not asked for evidence or an owner, nor is the template's example row, \
            and a row whose status is outside the vocabulary is reported once, as SK302. A table \
            without an Evidence or Owner column is not asked for one, and other dialects have no \
            such columns to check.",
        example: "## Constitution Check\n\n### Pre-Phase 0 Gate\n\n| Gate | Status (PASS/FAIL/WAIVED) | Evidence | Owner |\n|---|---|---|---|\n| Simplicity | PASS | plan.md#summary | Lead |\n| Observability | | | |\n",
        standalone: true,
    },
};

pub(crate) static DECISION_STATUS_INVALID: Rule = Rule {
    code: "SK306",
    name: "decision-status-invalid",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "an ADR row whose status is not Proposed / In Review / Accepted",
    explanation: "The decision log must say where each decision stands, in the words the dialect \
        defines, so that the plan's readiness can be judged from it.",
    example: Example {
        dialect: "gated",
        bad: "## Decision Log (ADR Stubs)\n\n| ID | Decision | Context | Status | Follow-up |\n|---|---|---|---|---|\n| ADR-001 | Use SQLite | Local-first | Maybe | none |\n",
        good: "## Decision Log (ADR Stubs)\n\n| ID | Decision | Context | Status | Follow-up |\n|---|---|---|---|---|\n| ADR-001 | Use SQLite | Local-first | Accepted | none |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A status is read whatever its case (`accepted`, `In review`), and one left as a \
            placeholder or as the template's whole choice list (`Proposed/In Review/Accepted`) is \
            SK109's, not reported again here. Only the decision log's Status column is read, and \
            only in the `gated` dialect; the template's example row is not judged.",
        example: "## Decision Log (ADR Stubs)\n\n| ID | Decision | Context | Status | Follow-up |\n|---|---|---|---|---|\n| ADR-001 | Use SQLite | Local-first | accepted | none |\n| ADR-002 | Cache layer | Latency | Proposed/In Review/Accepted | |\n",
        standalone: true,
    },
};

pub(crate) static RISK_INCOMPLETE: Rule = Rule {
    code: "SK307",
    name: "risk-incomplete",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a risk without owner, mitigation or trigger",
    explanation: "A risk is managed only when someone owns it, there is a plan to reduce it, and \
        the signal that calls for action is known.",
    example: Example {
        dialect: "gated",
        bad: "## Risk Register\n\n| ID | Description | Probability | Impact | Owner | Mitigation | Trigger |\n|---|---|---|---|---|---|---|\n| R1 | API quota | High | Med | | | |\n",
        good: "## Risk Register\n\n| ID | Description | Probability | Impact | Owner | Mitigation | Trigger |\n|---|---|---|---|---|---|---|\n| R1 | API quota | High | Med | Ana | Cache responses | 80% of quota used |\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Only the columns the table has are asked for: a risk table without a Trigger column \
            is not asked for triggers. Any text in a cell counts, the template's example row is \
            not judged, and risks are read only in the `gated` dialect's risk sections.",
        example: "## Risk Register\n\n| ID | Description | Owner | Mitigation |\n|---|---|---|---|\n| R1 | API quota | Ana | Cache responses |\n",
        standalone: true,
    },
};

/// A gate's outcome as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Pass,
    Fail,
    /// Not satisfied, as the plan says: needs review, not met, an unchecked box in a gate list,
    /// a closed vocabulary's conditional.
    Open,
    /// Satisfied with a caveat the plan states, not a failure: partial, pending, deferred,
    /// conditional, a warning sign.
    Caveat,
}

/// A gate found in the plan.
struct Gate {
    range: TextRange,
    name: String,
    status: Status,
    /// Whether the plan argues for a gate that does not pass (a justification, a mitigation, a
    /// reason for a pending check).
    justified: bool,
    /// Whether a justified non-pass is a violation that Complexity Tracking must record (as
    /// opposed to a check that is only pending).
    needs_tracking: bool,
}

impl Gate {
    /// Upstream's open forms: a justified failure is a violation to record; a pending or
    /// conditional check with its reason is not.
    fn open_form(range: TextRange, name: String, status: Status, justified: bool) -> Self {
        Self {
            range,
            name,
            status,
            justified,
            needs_tracking: status == Status::Fail,
        }
    }
}

/// Words that show a failing gate is argued for rather than ignored.
const JUSTIFICATION_WORDS: &[&str] = &[
    "justif",
    "mitigat",
    "waive",
    "exception",
    "complexity tracking",
    "deviation",
    "rationale",
    "reason",
    "because",
    "trade-off",
    "tradeoff",
    "accepted risk",
];

pub(crate) fn check(cx: &mut Cx<'_>) {
    let dialect = cx.feature.dialect.builtin;
    let gates = match dialect {
        Some(BuiltinDialect::Epic) => epic_gates(cx),
        Some(BuiltinDialect::Gated) => {
            check_decisions(cx);
            check_risks(cx);
            gated_gates(cx)
        }
        Some(BuiltinDialect::Classic) => classic_gates(cx),
        Some(BuiltinDialect::Ssd) => ssd_gates(cx),
        Some(BuiltinDialect::Leveled) => Vec::new(),
        Some(BuiltinDialect::Speckit) | None => open_gates(cx.doc),
    };
    let mut justified_violations = false;
    for gate in &gates {
        if matches!(gate.status, Status::Pass | Status::Caveat) || passes_later(&gates, gate) {
            continue;
        }
        if gate.justified {
            justified_violations |= gate.needs_tracking;
            continue;
        }
        let what = match gate.status {
            Status::Fail => "fails",
            _ => "is not satisfied",
        };
        cx.report(
            &GATE_FAILED,
            gate.range,
            format!("gate `{}` {what} and no justification is given", gate.name),
        )
        .help("fix the plan so the gate passes, or justify the violation and record it in Complexity Tracking");
    }
    let complexity = complexity_section(cx.doc);
    if justified_violations && !complexity.is_some_and(|section| has_real_rows(cx, section)) {
        let range = gates
            .iter()
            .find(|gate| gate.status != Status::Pass && gate.justified && gate.needs_tracking)
            .map_or_else(|| cx.title_range(), |gate| gate.range);
        cx.report(
            &VIOLATION_UNTRACKED,
            range,
            "a gate violation is justified here but Complexity Tracking has no row for it",
        )
        .help("add a row: the violation, why it is needed, and the simpler alternative rejected");
    }
    if let Some(section) = complexity {
        check_complexity_rows(cx, section);
    }
}

/// Whether a gate the plan checks again later (a post-design re-check) passes there.
fn passes_later(gates: &[Gate], gate: &Gate) -> bool {
    let name = key::key(&gate.name);
    !name.is_empty()
        && gates.iter().any(|later| {
            later.status == Status::Pass
                && later.range.start() > gate.range.start()
                && key::key(&later.name) == name
        })
}

/// Sections whose heading starts with "Constitution Check" (or is "Gate Evaluation"), with their
/// subsections; a subsection of a section already listed is not listed again.
pub(crate) fn gate_sections(doc: &Document) -> Vec<TextRange> {
    let mut ranges: Vec<TextRange> = Vec::new();
    for index in 1..doc.sections.len() {
        let is_gate = doc
            .section_heading(index)
            .is_some_and(|h| is_gate_heading(&h.key));
        let range = doc.sections[index].range;
        if is_gate && !ranges.iter().any(|outer| outer.contains_range(range)) {
            ranges.push(range);
        }
    }
    ranges
}

/// "Constitution Check", "Gate Evaluation", and the re-checks after design ("Post-Design
/// Constitution Re-check").
fn is_gate_heading(heading_key: &str) -> bool {
    heading_key.starts_with("constitution check")
        || heading_key == "gate evaluation"
        || (heading_key.contains("constitution")
            && ["re check", "recheck", "check"]
                .iter()
                .any(|word| heading_key.contains(word)))
}

fn complexity_section(doc: &Document) -> Option<TextRange> {
    (1..doc.sections.len())
        .find(|&index| {
            doc.section_heading(index)
                .is_some_and(|h| h.key.contains("complexity tracking"))
        })
        .map(|index| doc.sections[index].range)
}

/// Reads upstream Spec Kit's open gate forms.
fn open_gates(doc: &Document) -> Vec<Gate> {
    let mut gates = Vec::new();
    for section in gate_sections(doc) {
        for table in doc.tables_in(section) {
            gates.extend(table_gates(doc, table));
        }
        for item in doc.list_items_in(section) {
            if item
                .parent
                .is_some_and(|parent| doc.list_items[parent].task.is_some())
            {
                continue;
            }
            let line = doc.slice(item.first_line);
            let status = match item.task {
                Some(mark) if mark.checked => Some(Status::Pass),
                // Unchecked work listed for later is a to-do list, not a gate.
                Some(_) if is_checkpoint_list(doc, section, item.range) => None,
                Some(_) => Some(Status::Open),
                None => symbol_status(line),
            };
            if let Some(status) = status {
                // An unchecked box's text describes the principle; only words that argue for
                // the exception justify it.
                gates.push(gate_from(
                    doc,
                    item.range,
                    line,
                    status,
                    item.task.is_none(),
                ));
            }
        }
        for &paragraph in doc
            .paragraphs
            .iter()
            .filter(|p| section.contains_range(**p))
        {
            let line = first_line(doc.slice(paragraph));
            if let Some(status) = symbol_status(line) {
                gates.push(gate_from(doc, paragraph, line, status, true));
            }
        }
        for field in doc.fields_in(section) {
            let label = key::key(doc.slice(field.label));
            let value = doc.slice(field.value);
            let is_status_field = ["status", "gate", "check", "result", "verdict"]
                .iter()
                .any(|word| label.contains(word));
            // A checklist item's own mark decides; notes nested under it do not.
            if field.list_item.is_some_and(|item| under_task(doc, item)) {
                continue;
            }
            let status = if is_status_field {
                status_word(value)
            } else {
                status_word(value).filter(|_| starts_with_status(value))
            };
            if let Some(status) = status {
                let name = doc.slice(field.label).to_owned();
                let justified = has_justification(doc.slice(field.line)) || explains(value);
                gates.push(Gate::open_form(field.line, name, status, justified));
            }
        }
    }
    dedup(gates)
}

/// Words that introduce work to do rather than a gate to pass, in a list's heading or the line
/// before it: "Implementation checkpoints", "To verify during implementation".
const CHECKPOINT_WORDS: &[&str] = &[
    "checkpoint",
    "implementation",
    "during",
    "to do",
    "todo",
    "follow up",
    "next step",
    "action item",
];

/// Whether a checklist item belongs to a list of work to do: its section's heading, or the
/// paragraph that introduces its list, says so.
fn is_checkpoint_list(doc: &Document, gate_section: TextRange, item: TextRange) -> bool {
    let says = |text: &str| {
        let text = key::key(text);
        CHECKPOINT_WORDS.iter().any(|word| text.contains(word))
    };
    // Sections are in document order: the innermost one holding the item is the last one
    // opening before it that still holds it.
    let opened = doc
        .sections
        .partition_point(|section| section.range.start() <= item.start());
    let heading = (1..opened)
        .rev()
        .find(|&index| {
            gate_section.contains_range(doc.sections[index].range)
                && doc.sections[index].range.contains(item.start())
        })
        .and_then(|index| doc.section_heading(index));
    if heading.is_some_and(|h| says(doc.slice(h.title))) {
        return true;
    }
    // The line that introduces the item's list: the first line above it that is neither
    // blank, nor list text, nor indented, looked for within a bounded distance.
    let index = doc.line_index();
    let item_line = index.line_of(item.start());
    let first = index.line_of(gate_section.start());
    (first..item_line)
        .rev()
        .take(INTRO_LOOKBACK)
        .map(|line| doc.slice(index.line_range(doc.text(), line)))
        .find(|text| {
            let trimmed = text.trim_start();
            !trimmed.is_empty()
                && text.len() == trimmed.len()
                && !["- ", "* ", "+ ", "|"]
                    .iter()
                    .any(|mark| trimmed.starts_with(mark))
                && !trimmed.starts_with(|c: char| c.is_ascii_digit())
        })
        .is_some_and(|intro| !intro.starts_with('#') && says(intro))
}

/// How many lines above a checklist item its list's introduction is looked for.
const INTRO_LOOKBACK: usize = 200;

/// Gates in a table with a status column.
fn table_gates(doc: &Document, table: &Table) -> Vec<Gate> {
    let headers: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|&c| key::key(doc.slice(c)))
        .collect();
    let by_header = headers.iter().position(|h| {
        [
            "status",
            "result",
            "verdict",
            "state",
            "estado",
            "statut",
            "veredito",
            "compliance",
            "outcome",
            "gate status",
        ]
        .iter()
        .any(|word| h == word || h.starts_with(&format!("{word} ")))
    });
    let column = by_header.or_else(|| {
        (1..headers.len()).find(|&column| {
            let parsed = table
                .rows
                .iter()
                .filter(|row| {
                    row.cells
                        .get(column)
                        .is_some_and(|&c| status_word(doc.slice(c)).is_some())
                })
                .count();
            parsed * 2 > table.rows.len() && parsed > 0
        })
    });
    let Some(column) = column else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = doc.slice(*row.cells.get(column)?);
            let status = status_word(cell)?;
            let name_column = usize::from(column == 0);
            let name = row
                .cells
                .get(name_column)
                .map_or(String::new(), |&c| doc.slice(c).to_owned());
            let others: String = row
                .cells
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != column)
                .map(|(_, &c)| doc.slice(c))
                .collect::<Vec<_>>()
                .join(" ");
            let justified = has_justification(&others) || has_justification(cell) || explains(cell);
            Some(Gate::open_form(
                row.range,
                shorten(&name),
                status,
                justified,
            ))
        })
        .collect()
}

fn gate_from(
    doc: &Document,
    range: TextRange,
    line: &str,
    status: Status,
    may_explain: bool,
) -> Gate {
    let name = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(':')
        .next()
        .unwrap_or(line)
        .trim_matches(|c: char| c == '*' || c.is_whitespace());
    let text = doc.slice(range);
    let justified =
        has_justification(text) || (may_explain && status == Status::Open && explains(line));
    Gate::open_form(first_line_of(doc, range), shorten(name), status, justified)
}

/// Whether an item sits inside (or is) a checklist item.
fn under_task(doc: &Document, item: usize) -> bool {
    let mut current = Some(item);
    while let Some(index) = current {
        if doc.list_items[index].task.is_some() {
            return true;
        }
        current = doc.list_items[index].parent;
    }
    false
}

/// Whether a status is followed by its reason: `PENDING (framework decision in Phase 0)`,
/// `CONDITIONAL PASS - proceed once X`, `❌ 此功能为小程序端，无需此约束`. Three words or more
/// after the status count; in scripts written without spaces between words (Chinese,
/// Japanese), six characters count as three words.
fn explains(status_text: &str) -> bool {
    let cleaned = clean(status_text);
    let after = cleaned
        .split_once([' ', '-', '–', '—', ':', '(', '：', '，', '（'])
        .map_or("", |(_, rest)| rest);
    let spaced = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && !w.chars().any(key::is_unspaced_script))
        .count();
    let unspaced = after
        .chars()
        .filter(|&c| key::is_unspaced_script(c))
        .count();
    spaced + unspaced / 2 >= 3
}

/// `epic`: `- **Safety / Security**: OK (reason)` / `NEEDS REVIEW – reason`.
fn epic_gates(cx: &mut Cx<'_>) -> Vec<Gate> {
    let doc = cx.doc;
    let strict = cx.feature.dialect.certain;
    let mut gates = Vec::new();
    let mut invalid = Vec::new();
    for section in gate_sections(doc) {
        for field in doc.fields_in(section) {
            if field.style != speckit_doc::FieldStyle::Bold {
                continue;
            }
            let value = doc.slice(field.value).trim();
            if value.is_empty() || value.starts_with('[') {
                continue;
            }
            let name = doc.slice(field.label).to_owned();
            let upper = value.to_uppercase();
            if let Some(rest) = upper.strip_prefix("NEEDS REVIEW") {
                // An unmet gate with its reason is a violation the plan accepts: it belongs in
                // Complexity Tracking.
                let reason_words = rest
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count();
                gates.push(Gate {
                    range: field.line,
                    name,
                    status: Status::Open,
                    justified: reason_words >= 2,
                    needs_tracking: true,
                });
            } else if upper.starts_with("OK")
                && !upper[2..].starts_with(|c: char| c.is_ascii_alphabetic())
            {
                gates.push(Gate {
                    range: field.line,
                    name,
                    status: Status::Pass,
                    justified: true,
                    needs_tracking: false,
                });
            } else if let (false, Some(status)) = (strict, status_word(value)) {
                gates.push(Gate::open_form(
                    field.line,
                    name,
                    status,
                    has_justification(value) || explains(value),
                ));
            } else {
                invalid.push((field.value, name, shorten(value)));
            }
        }
    }
    for (range, name, value) in invalid {
        cx.report(
            &GATE_STATUS_INVALID,
            range,
            format!("gate `{name}` has status `{value}`, which is not OK or NEEDS REVIEW"),
        )
        .help("write `OK (how the plan conforms)` or `NEEDS REVIEW – reason`");
    }
    gates
}

/// `gated`: tables with Status (PASS/FAIL/WAIVED), Evidence and Owner columns.
fn gated_gates(cx: &mut Cx<'_>) -> Vec<Gate> {
    let doc = cx.doc;
    let strict = cx.feature.dialect.certain;
    let schema = std::sync::Arc::clone(cx.feature.schema());
    let mut gates = Vec::new();
    let mut reports: Vec<(&'static Rule, TextRange, String)> = Vec::new();
    for section in gate_sections(doc) {
        for table in doc.tables_in(section) {
            let columns = Columns::of(doc, table);
            let Some(status_column) = columns.find("status") else {
                continue;
            };
            for row in &table.rows {
                let cells: Vec<&str> = row.cells.iter().map(|&c| doc.slice(c)).collect();
                if schema.is_example_row(&cells) {
                    continue;
                }
                let name = cells.first().map_or(String::new(), |c| shorten(c));
                let Some(&status_range) = row.cells.get(status_column) else {
                    continue;
                };
                let status_text = clean(doc.slice(status_range));
                let status = match status_text.to_uppercase().as_str() {
                    "PASS" => Status::Pass,
                    "FAIL" => Status::Fail,
                    "WAIVED" => Status::Open,
                    _ if status_text.is_empty()
                        || status_text.starts_with('[')
                        || choice_key(&status_text).is_some() =>
                    {
                        continue;
                    }
                    _ if !strict && status_word(&status_text).is_some() => {
                        status_word(&status_text).unwrap_or(Status::Open)
                    }
                    _ => {
                        reports.push((&GATE_STATUS_INVALID, status_range, format!("gate `{name}` has status `{status_text}`, which is not PASS, FAIL or WAIVED")));
                        continue;
                    }
                };
                for (column_name, label) in [("evidence", "evidence"), ("owner", "owner")] {
                    let empty = columns
                        .find(column_name)
                        .and_then(|c| cells.get(c))
                        .is_some_and(|cell| clean(cell).is_empty());
                    if empty {
                        reports.push((
                            &GATE_EVIDENCE_MISSING,
                            row.range,
                            format!("gate `{name}` has no {label}"),
                        ));
                    }
                }
                let justified = status_text.eq_ignore_ascii_case("WAIVED")
                    || has_justification(doc.slice(row.range));
                gates.push(Gate {
                    range: row.range,
                    name,
                    status,
                    justified,
                    needs_tracking: true,
                });
            }
        }
    }
    for (rule, range, message) in reports {
        cx.report(rule, range, message);
    }
    gates
}

/// `classic`: `**Gate N**: name` then `- Status: PASS` and `- Justification: ...`.
fn classic_gates(cx: &mut Cx<'_>) -> Vec<Gate> {
    let doc = cx.doc;
    let strict = cx.feature.dialect.certain;
    let mut gates = Vec::new();
    let mut invalid = Vec::new();
    for section in gate_sections(doc) {
        let fields: Vec<_> = doc.fields_in(section).collect();
        let mut name = String::from("gate");
        for (index, field) in fields.iter().enumerate() {
            let label = key::key(doc.slice(field.label));
            let value = doc.slice(field.value).trim();
            if label.starts_with("gate") && field.list_item.is_none() {
                name = if value.is_empty() {
                    doc.slice(field.label).to_owned()
                } else {
                    shorten(value)
                };
                continue;
            }
            if label != "status"
                || value.is_empty()
                || value.starts_with('[')
                || choice_key(value).is_some()
            {
                continue;
            }
            let status = match clean(value)
                .to_uppercase()
                .split_whitespace()
                .next()
                .unwrap_or("")
            {
                "PASS" => Status::Pass,
                "FAIL" => Status::Fail,
                "CONDITIONAL" => Status::Open,
                _ => match status_word(value) {
                    Some(status) if !strict => status,
                    _ => {
                        invalid.push((field.value, name.clone(), shorten(value)));
                        continue;
                    }
                },
            };
            let justification = fields[index + 1..]
                .iter()
                .take_while(|next| key::key(doc.slice(next.label)) != "status")
                .find(|next| key::key(doc.slice(next.label)).starts_with("justification"))
                .map(|next| doc.slice(next.value).trim());
            let justified = justification
                .is_some_and(|text| !text.is_empty() && !text.starts_with('['))
                || explains(value);
            gates.push(Gate {
                range: field.line,
                name: name.clone(),
                status,
                justified,
                // The classic template has no Complexity Tracking: a gate's own justification
                // is its record.
                needs_tracking: false,
            });
        }
    }
    for (range, name, value) in invalid {
        cx.report(
            &GATE_STATUS_INVALID,
            range,
            format!("gate `{name}` has status `{value}`, which is not PASS, FAIL or CONDITIONAL"),
        )
        .help("write PASS, FAIL or CONDITIONAL, with a justification for FAIL and CONDITIONAL");
    }
    gates
}

/// `ssd`: a filled `Violation:` needs a `Justification:` and a `Mitigation`.
fn ssd_gates(cx: &mut Cx<'_>) -> Vec<Gate> {
    let doc = cx.doc;
    let mut gates = Vec::new();
    for section in gate_sections(doc) {
        let fields: Vec<_> = doc.fields_in(section).collect();
        let value_of = |prefix: &str| {
            fields
                .iter()
                .find(|f| key::key(doc.slice(f.label)).starts_with(prefix))
                .map(|f| doc.slice(f.value).trim())
        };
        let Some(violation) = value_of("violation") else {
            continue;
        };
        if says_nothing(violation) {
            continue;
        }
        let filled =
            |text: Option<&str>| text.is_some_and(|t| !t.is_empty() && !t.starts_with('['));
        let justified = filled(value_of("justification")) && filled(value_of("mitigation"));
        let range = fields
            .iter()
            .find(|f| key::key(doc.slice(f.label)).starts_with("violation"))
            .map_or(section, |f| f.line);
        // The violation block is its own record: no Complexity Tracking row is expected.
        gates.push(Gate {
            range,
            name: shorten(violation),
            status: Status::Fail,
            justified,
            needs_tracking: false,
        });
    }
    gates
}

/// `gated`: the decision log's Status column.
fn check_decisions(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut reports = Vec::new();
    for (columns, row) in real_rows(cx, "decision log") {
        let Some(&range) = columns
            .find("status")
            .and_then(|column| row.cells.get(column))
        else {
            continue;
        };
        let status = clean(doc.slice(range));
        if status.starts_with('[') || choice_key(&status).is_some() {
            continue;
        }
        if ["proposed", "in review", "accepted"].contains(&status.to_lowercase().as_str()) {
            continue;
        }
        let id = row
            .cells
            .first()
            .map_or(String::new(), |&c| shorten(doc.slice(c)));
        reports.push(if status.is_empty() {
            (row.range, format!("decision `{id}` has no status"))
        } else {
            (range, format!("decision `{id}` has status `{status}`, which is not Proposed, In Review or Accepted"))
        });
    }
    for (range, message) in reports {
        cx.report(&DECISION_STATUS_INVALID, range, message)
            .help("write Proposed, In Review or Accepted");
    }
}

/// `gated`: every risk has an owner, a mitigation and a trigger.
fn check_risks(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut reports = Vec::new();
    for (columns, row) in real_rows(cx, "risk") {
        let missing: Vec<&str> = ["owner", "mitigation", "trigger"]
            .into_iter()
            .filter(|&name| {
                columns
                    .find(name)
                    .and_then(|column| row.cells.get(column))
                    .is_some_and(|&cell| clean(doc.slice(cell)).is_empty())
            })
            .collect();
        if !missing.is_empty() {
            let id = row
                .cells
                .first()
                .map_or(String::new(), |&c| shorten(doc.slice(c)));
            reports.push((
                row.range,
                format!("risk `{id}` has no {}", missing.join(", ")),
            ));
        }
    }
    for (range, message) in reports {
        cx.report(&RISK_INCOMPLETE, range, message).help(
            "name who owns the risk, how it is reduced, and the signal that calls for action",
        );
    }
}

/// The rows, other than the template's example rows, of the tables in sections whose heading
/// starts with `key_prefix`, each with its table's columns.
fn real_rows<'d>(cx: &Cx<'d>, key_prefix: &str) -> Vec<(Columns, &'d speckit_doc::TableRow)> {
    let doc = cx.doc;
    let schema = cx.feature.schema();
    let mut rows = Vec::new();
    for index in 1..doc.sections.len() {
        if !doc
            .section_heading(index)
            .is_some_and(|h| h.key.starts_with(key_prefix))
        {
            continue;
        }
        for table in doc.tables_in(doc.sections[index].range) {
            for row in &table.rows {
                let cells: Vec<&str> = row.cells.iter().map(|&c| doc.slice(c)).collect();
                if !schema.is_example_row(&cells) {
                    rows.push((Columns::of(doc, table), row));
                }
            }
        }
    }
    rows
}

/// Complexity Tracking rows must say why the complexity is needed and which simpler alternative
/// was rejected.
fn check_complexity_rows(cx: &mut Cx<'_>, section: TextRange) {
    let doc = cx.doc;
    let schema = std::sync::Arc::clone(cx.feature.schema());
    let mut reports = Vec::new();
    for table in doc.tables_in(section) {
        let headers: Vec<String> = table
            .header
            .cells
            .iter()
            .map(|&c| doc.slice(c).to_owned())
            .collect();
        for row in &table.rows {
            let cells: Vec<&str> = row.cells.iter().map(|&c| doc.slice(c)).collect();
            if schema.is_example_row(&cells) || cells.iter().all(|c| is_nothing(c)) {
                continue;
            }
            let missing: Vec<&str> = cells
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, cell)| clean(cell).is_empty())
                .filter_map(|(i, _)| headers.get(i).map(String::as_str))
                .collect();
            if !missing.is_empty() && !is_nothing(cells.first().copied().unwrap_or("")) {
                let name = shorten(cells.first().copied().unwrap_or(""));
                reports.push((
                    row.range,
                    format!("complexity row `{name}` is missing: {}", missing.join(", ")),
                ));
            }
        }
    }
    for (range, message) in reports {
        cx.report(&COMPLEXITY_ROW_INCOMPLETE, range, message)
            .help("say why the complexity is needed and why the simpler alternative was rejected");
    }
}

/// Whether the Complexity Tracking section records at least one real row.
fn has_real_rows(cx: &Cx<'_>, section: TextRange) -> bool {
    let doc = cx.doc;
    let schema = cx.feature.schema();
    doc.tables_in(section).any(|table| {
        table.rows.iter().any(|row| {
            let cells: Vec<&str> = row.cells.iter().map(|&c| doc.slice(c)).collect();
            !schema.is_example_row(&cells) && !cells.iter().all(|c| is_nothing(c))
        })
    })
}

/// Column positions by header word.
struct Columns(Vec<String>);

impl Columns {
    fn of(doc: &Document, table: &Table) -> Self {
        Self(
            table
                .header
                .cells
                .iter()
                .map(|&c| key::key(doc.slice(c)))
                .collect(),
        )
    }

    fn find(&self, word: &str) -> Option<usize> {
        self.0
            .iter()
            .position(|header| header.split(' ').next() == Some(word) || header.contains(word))
    }
}

/// Reads a status word: the open vocabulary of upstream plans, in several languages.
fn status_word(text: &str) -> Option<Status> {
    let cleaned = clean(text).to_lowercase();
    // A cross or a warning sign next to "N/A" says the gate does not apply.
    if cleaned.contains("not applicable") || says_not_applicable(&cleaned) {
        return Some(Status::Pass);
    }
    if let Some(status) = symbol_status(text) {
        return Some(status);
    }
    let first = cleaned
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'))
        .find(|word| !word.is_empty())
        .unwrap_or("");
    let two = cleaned
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    if [
        "needs review",
        "not applicable",
        "not met",
        "not compliant",
        "at risk",
    ]
    .contains(&two.as_str())
    {
        return Some(match two.as_str() {
            "not applicable" => Status::Pass,
            "at risk" => Status::Caveat,
            _ => Status::Open,
        });
    }
    match first {
        "pass" | "passed" | "passes" | "passing" | "ok" | "yes" | "compliant" | "conforme"
        | "conforms" | "aprobado" | "aprovado" | "satisfied" | "met" | "n/a" | "na" | "done"
        | "green" | "approved" => Some(Status::Pass),
        "fail" | "failed" | "fails" | "failing" | "violation" | "violated" | "violates"
        | "non-compliant" | "blocked" | "red" => Some(Status::Fail),
        "conditional" | "partial" | "partially" | "pending" | "tbd" | "warning" | "exception"
        | "waived" | "deferred" | "yellow" => Some(Status::Caveat),
        _ => None,
    }
}

/// A status given by a leading symbol: `✅`, `✓`, `❌`, `✗`, `⚠️`.
fn leading_symbol(text: &str) -> Option<Status> {
    let trimmed =
        text.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '-' || c == '`');
    let first = trimmed.chars().next()?;
    match first {
        '✅' | '✔' | '✓' | '☑' => Some(Status::Pass),
        '❌' | '✗' | '✘' | '⛔' | '🚫' | '❎' => Some(Status::Fail),
        '⚠' | '🟡' | '🟠' => Some(Status::Caveat),
        _ => None,
    }
}

/// A status given by a leading symbol, read with the word after it: a warning sign before a
/// word of obligation (`⚠️ MANDATORY`, `⚠️ REQUIRED`) is an obligation the plan takes on, which
/// it meets, not a caveat; a cross before `N/A` is a gate that does not apply.
fn symbol_status(text: &str) -> Option<Status> {
    let status = leading_symbol(text)?;
    let words = clean(text).to_lowercase();
    let obligation = [
        "mandatory",
        "required",
        "must",
        "non-negotiable",
        "obligatorio",
        "obrigatório",
        "obligatoire",
        "pflicht",
        "必須",
    ]
    .iter()
    .any(|word| words.contains(word));
    Some(match status {
        _ if says_not_applicable(&words) => Status::Pass,
        Status::Caveat if obligation => Status::Pass,
        status => status,
    })
}

/// Phrases that say a gate does not apply to the feature, in the languages plans are written
/// in. Each one only ever means "not applicable" (`不涉及`, "does not involve", may describe a
/// real failure, so it is not one).
const NOT_APPLICABLE_PHRASES: &[&str] = &[
    "not applicable",
    "does not apply",
    "no aplica",
    "no se aplica",
    "não se aplica",
    "não aplicável",
    "nao se aplica",
    "non applicable",
    "sans objet",
    "nicht anwendbar",
    "entfällt",
    "не применимо",
    "неприменимо",
    "不适用",
    "不適用",
    "无需此",
    "無需此",
    "該当なし",
    "対象外",
    "適用外",
    "해당 없음",
    "해당없음",
];

/// Whether lower-cased status text says the gate does not apply: `N/A`, `n/a`, `not applicable`
/// or the same in another language.
fn says_not_applicable(lower: &str) -> bool {
    NOT_APPLICABLE_PHRASES
        .iter()
        .any(|phrase| lower.contains(phrase))
        || lower
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '*' | '`'))
            .any(|word| word == "n/a")
}

fn starts_with_status(value: &str) -> bool {
    let cleaned = clean(value);
    let first = cleaned
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    leading_symbol(value).is_some() || (first.len() >= 2 && first.chars().all(|c| c.is_uppercase()))
}

fn has_justification(text: &str) -> bool {
    let lower = text.to_lowercase();
    JUSTIFICATION_WORDS.iter().any(|word| lower.contains(word))
}

/// Cell or value text without emphasis, code marks and surrounding space.
fn clean(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim()
        .to_owned()
}

/// A value that says there is nothing to report, with whatever follows: `none.`, `N/A (all
/// principles hold)`, `None – every item above holds`.
fn says_nothing(text: &str) -> bool {
    let first = clean(text)
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '(' | '–' | '—'))
        .next()
        .unwrap_or("")
        .to_lowercase();
    is_nothing(text) || is_nothing(&first)
}

/// `N/A`, `(none)`, `—`, `aucune` and friends: a cell that says there is nothing.
fn is_nothing(text: &str) -> bool {
    const NOTHING: &[&str] = &[
        "n/a",
        "na",
        "none",
        "nothing",
        "no violations",
        "none required",
        "not applicable",
        "aucune",
        "aucun",
        "ninguna",
        "ninguno",
        "nenhuma",
        "nenhum",
        "keine",
        "nessuna",
        "nessuno",
        "なし",
        "該当なし",
        "無し",
        "无",
        "없음",
    ];
    let cleaned = text
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '(' | ')' | '.') || c.is_whitespace())
        .to_lowercase();
    cleaned.is_empty()
        || cleaned.chars().all(|c| matches!(c, '-' | '—' | '–' | ' '))
        || NOTHING.contains(&cleaned.as_str())
}

fn first_line(text: &str) -> &str {
    text.split(['\n', '\r']).next().unwrap_or("")
}

/// One gate per line: a checklist item is also a list item, a `✅` field also a field.
fn dedup(mut gates: Vec<Gate>) -> Vec<Gate> {
    gates.sort_by_key(|gate| gate.range.start());
    gates.dedup_by(|later, earlier| {
        earlier.range.contains(later.range.start()) || later.range.contains(earlier.range.start())
    });
    gates
}
