//! SK601: checklists that gate a stage.

use speckit_doc::TextRange;

use crate::diagnostic::{Severity, Verdict};
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::shorten;
use crate::stage::Stage;

pub(crate) static CHECKLIST_OPEN: Rule = Rule {
    code: "SK601",
    name: "checklist-open",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "unchecked items in a checklist that gates the stage (PlanQualityGate.md, requirements.md, research backlog, unknowns, Definition of Ready, P0/P1 items)",
    explanation: "Some checklists are gates: the spec's requirements checklist before the spec \
        counts as clarified, the `epic` dialect's PlanQualityGate.md before tasks are generated, \
        a plan's research backlog or unknowns list before it counts as researched, its \
        Definition of Ready before it counts as ready. Other checklists (and Definition of Done, \
        P0/P1 verification items) gate `done`. Each open item is reported with its line.",
    example: Example {
        dialect: "epic",
        bad: "checklists/PlanQualityGate.md:\n- [x] impl-plan.md links its spec\n- [ ] Technical Context is concrete",
        good: "checklists/PlanQualityGate.md:\n- [x] impl-plan.md links its spec\n- [x] Technical Context is concrete",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A checklist is not judged before the stage it gates: requirements.md before \
            `clarified`, PlanQualityGate.md before `ready`, any other checklist before `done`. In \
            a checklist.md (the `leveled` dialect's verification checklist) only P0 and P1 items \
            gate, so open P2 items are not flagged; and a plan's unchecked items outside its gating sections (research \
            backlog, unknowns, Definition of Ready and the like) are work notes, not gates.",
        example: "checklists/ux.md, at stage `ready`:\n- [x] Empty states reviewed\n- [ ] Dark mode contrast checked\n(an ordinary checklist gates `done`)",
        standalone: false,
    },
};

/// Plan sections that hold a gating checklist, and the stage they gate.
const PLAN_CHECKLISTS: &[(&str, Stage)] = &[
    ("research backlog", Stage::Researched),
    ("unknowns", Stage::Researched),
    ("alignment verification", Stage::Ready),
    ("definition of ready", Stage::Ready),
    ("definition of done", Stage::Done),
    ("pre launch checklist", Stage::Done),
    ("ci quality gates", Stage::Done),
];

/// The stage a checklist file gates, by its path.
fn file_stage(rel: &str) -> Stage {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name {
        "requirements.md" => Stage::Clarified,
        "PlanQualityGate.md" => Stage::Ready,
        _ => Stage::Done,
    }
}

/// Whether the checklist's stage has come.
pub(crate) fn is_due(cx: &Cx<'_>) -> bool {
    cx.stage() >= file_stage(&cx.file.rel)
}

pub(crate) fn check_checklist(cx: &mut Cx<'_>) {
    let gates = file_stage(&cx.file.rel);
    if !is_due(cx) {
        return;
    }
    let leveled = cx.file.rel.rsplit('/').next() == Some("checklist.md");
    let doc = cx.doc;
    let open: Vec<TextRange> = doc
        .list_items
        .iter()
        .filter(|item| item.task.is_some_and(|t| !t.checked))
        .filter(|item| !leveled || is_priority_item(cx, item.range))
        .map(|item| item.first_line)
        .collect();
    report(cx, &open, gates);
}

pub(crate) fn check_plan(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut open = Vec::new();
    for index in 1..doc.sections.len() {
        let Some(heading) = doc.section_heading(index) else {
            continue;
        };
        let Some(&(_, gates)) = PLAN_CHECKLISTS
            .iter()
            .find(|(key, _)| heading.key.contains(key))
        else {
            continue;
        };
        if cx.stage() < gates {
            continue;
        }
        let items = doc
            .list_items_in(doc.sections[index].range)
            .filter(|item| item.task.is_some_and(|t| !t.checked))
            .filter(|item| !doc.slice(item.first_line).starts_with('['))
            .map(|item| (item.first_line, gates));
        open.extend(items);
    }
    open.sort_by_key(|(range, _)| range.start());
    open.dedup_by_key(|(range, _)| range.start());
    for (range, gates) in open {
        report(cx, &[range], gates);
    }
}

/// In a `leveled` checklist only P0 and P1 items gate: items under a P0/P1 heading or tagged so.
fn is_priority_item(cx: &Cx<'_>, item: TextRange) -> bool {
    let doc = cx.doc;
    let text = doc.slice(item);
    if text.contains("[P0]")
        || text.contains("[P1]")
        || text.contains("P0:")
        || text.contains("P1:")
    {
        return true;
    }
    let mut section = Some(doc.section_at(item.start()));
    while let Some(index) = section {
        if let Some(heading) = doc.section_heading(index) {
            let words: Vec<&str> = heading.key.split(' ').collect();
            if words.contains(&"p0") || words.contains(&"p1") {
                return true;
            }
            if words.contains(&"p2") {
                return false;
            }
        }
        section = doc.sections[index].parent;
    }
    false
}

fn report(cx: &mut Cx<'_>, open: &[TextRange], gates: Stage) {
    for &range in open {
        let text = shorten(cx.doc.slice(range));
        cx.report_at(
            &CHECKLIST_OPEN,
            Severity::Error,
            range,
            format!("open checklist item `{text}`"),
        )
        .help(format!(
            "this checklist gates the `{gates}` stage: complete the item and check it"
        ));
    }
}
