//! The rules, one file per family. Each file holds its rules' registry entries (code, name,
//! documentation, example) next to the checks that report them.

pub(crate) mod analysis;
pub(crate) mod artifacts;
pub(crate) mod checklists;
pub(crate) mod clarifications;
pub(crate) mod constitution;
pub(crate) mod context;
pub(crate) mod file;
pub(crate) mod gates;
pub(crate) mod metadata;
pub(crate) mod sections;
pub(crate) mod suppressions;
pub(crate) mod tasks;
pub(crate) mod template_text;

use std::sync::Arc;

use crate::diagnostic::FileKind;
use crate::input::is_epic_document;
use crate::rules::context::Cx;
use crate::schema::Schema;

/// Runs every rule that applies to the document's kind.
pub(crate) fn check_document(cx: &mut Cx<'_>) {
    // Whatever the document is, what it shows must be what it holds.
    file::check_unclosed(cx);
    file::check_invisible(cx);
    // A plan or task list that only says it does not apply (a legacy feature's placeholder
    // `N/A - legacy spec artifact.`) was left empty on purpose: no section or task is due.
    if matches!(cx.file.kind, FileKind::Plan | FileKind::Tasks) && says_not_applicable(cx.doc) {
        return;
    }
    match cx.file.kind {
        FileKind::Plan => {
            let schema = Arc::clone(cx.feature.schema());
            // An untouched template is one finding, not a hundred: nothing else is worth saying
            // about a plan that has not been started.
            if template_text::check_unfilled(cx, &schema, &template_text::TEMPLATE_TEXT_LEFT) {
                return;
            }
            if !file::has_unclosed_block(cx.doc) {
                sections::check(cx, &schema);
            }
            template_text::check(cx, &schema);
            clarifications::check(cx, Some(&schema));
            gates::check(cx);
            // Gates measured against a constitution that is still the template measure nothing.
            constitution::check_gates_measured(cx);
            artifacts::check_plan(cx);
            metadata::check(cx);
            checklists::check_plan(cx);
        }
        FileKind::Spec => {
            let schema = spec_schema(cx);
            match &schema {
                Some(schema) => {
                    if template_text::check_unfilled(cx, schema, &template_text::TEMPLATE_TEXT_LEFT)
                    {
                        return;
                    }
                    // The stories and requirements of a spec that follows another template
                    // are not where this one puts them.
                    if !file::has_unclosed_block(cx.doc) && sections::check(cx, schema) {
                        sections::check_spec_parts(cx);
                    }
                    template_text::check(cx, schema);
                }
                None => template_text::check_generic(cx),
            }
            clarifications::check(cx, schema.as_deref());
            clarifications::check_count(cx);
            metadata::check(cx);
            artifacts::check_spec_feature(cx);
        }
        FileKind::Tasks => {
            template_text::check_generic(cx);
            artifacts::check_tasks(cx);
            tasks::check(cx);
            metadata::check_front_matter(cx);
        }
        FileKind::Checklist => {
            // A checklist is filled in by the stage it gates; before that, blanks are expected.
            if checklists::is_due(cx) {
                template_text::check_generic(cx);
            }
            checklists::check_checklist(cx);
        }
        FileKind::Constitution => {
            constitution::check(cx);
            metadata::check_front_matter(cx);
        }
        FileKind::Other => {
            // An epic's ExecPlan and design map are written from templates like the plans
            // they lead: what is left of the template is as unfinished there.
            if is_epic_document(&cx.file.rel) {
                template_text::check_generic(cx);
            }
            clarifications::check(cx, None);
        }
    }
}

/// The schema a spec is checked against: the project's spec template, or the dialect's. A
/// dialect that is only guessed gives its schema to specs that share a section with it; a spec
/// that shares none was written from something else and gets the generic checks.
/// Whether everything `doc` says, past its headings, front matter and comments, is that it does
/// not apply: each line of prose (a list item's or checkbox's text included) opens with `N/A`
/// or "not applicable".
fn says_not_applicable(doc: &speckit_doc::Document) -> bool {
    let in_front_matter = |offset: usize| {
        doc.front_matter
            .as_ref()
            .is_some_and(|front| front.range.contains(offset))
    };
    // Comments come in document order, as lines do: one pass over both.
    let mut comments = doc.comments.iter().peekable();
    let mut said = false;
    let mut offset = 0;
    for line in doc.text().split_inclusive(['\n', '\r']) {
        let start = offset;
        offset += line.len();
        while comments.next_if(|c| c.range.end() <= start).is_some() {}
        let in_comment = comments.peek().is_some_and(|c| c.range.contains(start));
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') || in_comment || in_front_matter(start) {
            continue;
        }
        let prose = text
            .trim_start_matches(['-', '*', '+', ' '])
            .trim_start_matches("[ ]")
            .trim_start_matches("[x]")
            .trim_start_matches("[X]")
            .trim_start()
            .to_lowercase();
        if !(prose.starts_with("n/a") || prose.starts_with("not applicable")) {
            return false;
        }
        said = true;
    }
    said
}

fn spec_schema(cx: &Cx<'_>) -> Option<Arc<Schema>> {
    let schema = cx.feature.dialect.spec_schema.as_ref()?;
    let trusted = cx.feature.dialect.certain
        || cx.feature.input.project.spec_schema.is_some()
        || schema.titles(cx.doc)
        || schema.match_sections(cx.doc).iter().any(Option::is_some);
    trusted.then(|| Arc::clone(schema))
}
