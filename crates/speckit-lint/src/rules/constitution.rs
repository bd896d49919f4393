//! SK901-SK902: the project's constitution, filled in and versioned.
//!
//! Every dialect's constitution descends from upstream Spec Kit's template, whose slots are
//! all-caps tokens (`[PROJECT_NAME]`, `[PRINCIPLE_1_NAME]`); the embedded `speckit` template is
//! the schema that finds them, its example comments and an untouched copy.

use std::sync::{Arc, OnceLock};

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{Severity, Verdict};
use crate::dialect::templates;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::gates;
use crate::rules::template_text::{self, shorten};
use crate::schema::Schema;
use crate::stage::Stage;

pub(crate) static CONSTITUTION_UNFILLED: Rule = Rule {
    code: "SK901",
    name: "constitution-unfilled",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "the constitution still holds `[PROJECT_NAME]`-style tokens",
    explanation: "Spec Kit's constitution command replaces every `[ALL_CAPS]` token of the \
        template with the project's own principles, sections and dates. A token left in means a \
        principle the plans' Constitution Check gates cannot be measured against. An untouched \
        template is one finding; in a constitution these tokens are reported here rather than as \
        SK104. A plan whose gates are judged against a project constitution whose principles are \
        still the template's slots (`### [PRINCIPLE_1_NAME]`) is also reported here, once, on its \
        Constitution Check: its gates are vacuous, so it is not `ready`.",
    example: Example {
        dialect: "speckit",
        bad: ".specify/memory/constitution.md:\n### [PRINCIPLE_2_NAME]\n[PRINCIPLE_2_DESCRIPTION]",
        good: ".specify/memory/constitution.md:\n### II. Text Interfaces\nEvery module can be driven from the command line.",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A constitution with its principles written but a date or another token still to \
            fill does not make a plan's gates vacuous: the token is reported in the constitution, \
            not on every plan. Plans are not reported when the project has no constitution, and a \
            plan is reported once, however many principles are slots.",
        example: "plan.md's Constitution Check, against a constitution whose principles are written and whose ratification date is still `[RATIFICATION_DATE]`:\n| Library-First | ✅ PASS | one crate per concern |",
        standalone: false,
    },
};

pub(crate) static CONSTITUTION_VERSION: Rule = Rule {
    code: "SK902",
    name: "constitution-version",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "the constitution's version is missing or not semantic (`MAJOR.MINOR.PATCH`)",
    explanation: "Plans record the constitution version their gates were checked against, and \
        amendments bump it: MAJOR when a principle is removed or redefined, MINOR when one is \
        added, PATCH for wording. That only works with a `**Version**: X.Y.Z` line (or a \
        `version:` front-matter key) holding a semantic version.",
    example: Example {
        dialect: "speckit",
        bad: "**Version**: 1.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13",
        good: "**Version**: 1.0.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A version with a `v`, or with a pre-release or build suffix (`v2.1.1`, \
            `2.0.0-rc.1`, `1.0.0+build.5`), is semantic. Another field named Version (a tool's, in \
            a stack list) is not judged when one version field holds a semantic version, and a \
            version left empty or as a placeholder is reported as such (SK106, SK901), not here.",
        example: "**Version**: 2.0.0-rc.1 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13",
        standalone: false,
    },
};

/// The schema of the constitution template (computed once).
fn schema() -> &'static Arc<Schema> {
    static SCHEMA: OnceLock<Arc<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = templates::template("speckit", "constitution-template").unwrap_or("");
        Arc::new(Schema::derive(&Document::parse(text.to_owned())))
    })
}

pub(crate) fn check(cx: &mut Cx<'_>) {
    let schema = Arc::clone(schema());
    if template_text::check_unfilled(cx, &schema, &CONSTITUTION_UNFILLED) {
        return;
    }
    template_text::check_loosely(cx, Some(&schema), &CONSTITUTION_UNFILLED);
    check_version(cx);
}

/// A plan's gates judged against a project constitution that is still the template: the
/// principles the gates stand for are `[PRINCIPLE_1_NAME]`-style slots, so every gate is
/// vacuous and the plan cannot count as ready. Reported once, on the plan's Constitution Check.
pub(crate) fn check_gates_measured(cx: &mut Cx<'_>) {
    let Some(constitution) = cx.feature.input.project.constitution.as_deref() else {
        return;
    };
    let Some(&section) = gates::gate_sections(cx.doc).first() else {
        return;
    };
    let Some(slot) = unwritten_principle(constitution) else {
        return;
    };
    let range = template_text::first_line_of(cx.doc, section);
    cx.report(
        &CONSTITUTION_UNFILLED,
        range,
        format!(
            "these gates are checked against a constitution that is still the template \
             (`{slot}`): they measure nothing"
        ),
    )
    .help("fill in the project's constitution (its principles first), then check the plan against it again");
}

/// The first heading of a constitution that is still one of the template's slots
/// (`### [PRINCIPLE_1_NAME]`): a principle nobody has written.
fn unwritten_principle(constitution: &Document) -> Option<String> {
    let schema = schema();
    constitution.headings.iter().find_map(|heading| {
        let title = constitution.slice(heading.title).trim();
        let inner = title.strip_prefix('[')?.strip_suffix(']')?;
        schema.is_slot(inner).then(|| shorten(title))
    })
}

/// Labels of the constitution's version field.
const VERSION_LABELS: &[&str] = &["version", "constitution version"];

fn check_version(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let fields = doc
        .fields
        .iter()
        .filter(|field| VERSION_LABELS.contains(&key::key(doc.slice(field.label)).as_str()))
        .map(|field| field.value);
    let entries = doc
        .front_matter
        .iter()
        .flat_map(|front| front.entries.iter())
        .filter(|entry| matches!(doc.slice(entry.key), "version" | "constitution_version"))
        .map(|entry| entry.value);
    let values: Vec<TextRange> = fields.chain(entries).collect();
    // Another field named Version (a tool's, in a stack table) may come first: one semantic
    // version among them is the constitution's.
    if values
        .iter()
        .any(|&value| is_semantic_version(&clean(doc.slice(value))))
    {
        return;
    }
    let written = values.iter().copied().find(|&value| {
        let text = clean(doc.slice(value));
        !text.is_empty() && !text.starts_with(['[', '{', '<'])
    });
    match (written, values.is_empty()) {
        (Some(value), _) => {
            let text = shorten(&clean(doc.slice(value)));
            cx.report(
                &CONSTITUTION_VERSION,
                value,
                format!("version `{text}` is not semantic (MAJOR.MINOR.PATCH)"),
            )
            .help("write it as three numbers, such as 1.0.0");
        }
        (None, true) => {
            let range = cx.title_range();
            cx.report(&CONSTITUTION_VERSION, range, "the constitution has no version")
                .help("end it with `**Version**: 1.0.0 | **Ratified**: YYYY-MM-DD | **Last Amended**: YYYY-MM-DD`");
        }
        // A placeholder or an empty value is reported as such.
        (None, false) => {}
    }
}

/// `1.2.0`, `v1.2.0`, `2.0.0-rc.1`: three numbers without leading zeros, then an optional
/// pre-release or build suffix.
fn is_semantic_version(text: &str) -> bool {
    let version = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let core = version.split(['-', '+']).next().unwrap_or("");
    let suffix = version.get(core.len()..).unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        })
        && suffix.len() != 1
}

/// A value without emphasis, code marks and a trailing separator.
fn clean(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`' || c == '|')
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::is_semantic_version;

    #[test]
    fn semantic_versions() {
        for good in ["1.0.0", "v2.1.1", "10.20.30", "2.0.0-rc.1", "1.0.0+build.5"] {
            assert!(is_semantic_version(good), "{good}");
        }
        for bad in [
            "1.0",
            "1",
            "1.0.0.0",
            "01.0.0",
            "1.x.0",
            "2025-06-13",
            "",
            "1.0.0-",
        ] {
            assert!(!is_semantic_version(bad), "{bad}");
        }
    }
}
