//! SK101-SK103: the template's sections, present, filled and in order.

use std::collections::HashSet;

use speckit_doc::{TextRange, key};

use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::ids::{self, IdKind};
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::EMPTY_FIELD;
use crate::schema::{Schema, SchemaSection, Substance, Tree, tree_in};
use crate::stage::Stage;

pub(crate) static MISSING_SECTION: Rule = Rule {
    code: "SK101",
    name: "missing-section",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a section the template requires is absent",
    explanation: "The plan template's headings are the plan's required sections. Headings match \
        whatever their numbering, case and punctuation (`## 3. Phase 0: Research & Decisions` \
        matches `### Phase 0 - Research and Decisions`), a longer heading matches a shorter one \
        (`Decision Log (ADR Stubs)` and `Decision Log`), a heading's trailing parenthetical is the \
        writer's to reword (`Source Code (changed files)` stands for `Source Code (repository \
        root)`), and the templates' headings translated into other languages stand for the English \
        ones (`## Contexto Técnico`, `## 技術コンテキスト`; the table is \
        `crates/speckit-doc/src/key/translations.txt`). When most sections are missing, one \
        finding says so: the plan probably follows another template.",
    example: Example {
        dialect: "speckit",
        bad: "# Implementation Plan: Login\n\n## Summary\n\nEmail login.\n",
        good: "# Implementation Plan: Login\n\n## Summary\n\nEmail login.\n\n## Technical Context\n\n**Language/Version**: Rust 1.85\n\n... and every other section of the template",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "Sections the template marks as optional or conditional, in the heading, its text or \
            the guidance comment under it (\"fill only if\", \"optional\", \"remove if unused\", \
            \"required when\", \"include if\", \"only for ... features\", \"if applicable\", \"(if \
            any)\", and the same in the other languages of the table: `*(обязательно для \
            runtime-изменений)*`, `違反がある場合のみ記入`), are not required. A section is there \
            under a heading of the writer's own when the document holds what makes it the \
            section: two of its fields (`**Language/Version**:` and `**Storage**:` under `## \
            Stack`), the file tree it draws (the source tree under `## 源码结构`), the kind of ID \
            it defines (`FR-001` under `## Scope`), or the bold words its lines are written with \
            (`**Given**`, `**When**`, `**Then**`). A section written without its own heading is not missing: a \
            bold label alone on its line (`**Functional Requirements**` then the list) stands for \
            the heading it names, and a subsection kept without the heading above it (`## \
            Functional Requirements` with no `## Requirements`) stands for its parent. A \
            template's subsection is not required of a section written in a structure of its \
            own (criteria listed under Success Criteria with no `### Measurable Outcomes`), a \
            heading that holds the template heading's words in order is that section \
            (`Constitution Compliance Check`), and a spec written from upstream's older template \
            (it has `Execution Flow (main)` or `Review & Acceptance Checklist`) is not asked for \
            the Success Criteria that template did not have. A plan or task list that only says \
            it does not apply (`N/A - legacy spec artifact.`) is not judged.",
        example: "# Implementation Plan: Login\n\n## Summary\n\nEmail login.\n\n**Technical Context**\n\n**Language/Version**: Rust 1.85\n\n... every other required section; Complexity Tracking left out, as the template allows when no gate is violated",
        standalone: false,
    },
};

pub(crate) static EMPTY_SECTION: Rule = Rule {
    code: "SK102",
    name: "empty-section",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a required section has a heading and nothing else",
    explanation: "A heading kept with nothing under it (or only the template's guidance comment) \
        looks done at a glance and says nothing. Fill the section, or, if the template allows, \
        say why it does not apply.",
    example: Example {
        dialect: "speckit",
        bad: "## Constitution Check\n\n## Project Structure\n\nsrc/ only.\n",
        good: "## Constitution Check\n\nAll gates pass; see the table below.\n\n## Project Structure\n\nsrc/ only.\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A section with subsections is judged through them, not as empty itself, and \
            optional sections are not judged. A line with a placeholder left in counts as written: \
            the placeholder is reported on its own (SK104), not as an empty section too; so does a \
            template line that carries content, such as a reference list kept as it is.",
        example: "## Constitution Check\n\n### Gate results\n\nAll gates pass.\n\n## Project Structure\n\nsrc/ only.\n",
        standalone: true,
    },
};

pub(crate) static SECTION_ORDER: Rule = Rule {
    code: "SK103",
    name: "section-order",
    severity: Severity::Info,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "sections out of the template's order (a note)",
    explanation: "Readers and agents expect the template's order: context before gates, gates \
        before structure. Only the sections that break the longest in-order run are reported, \
        each with the order the file has (`Assumptions` comes before `Success Criteria`; the \
        template puts it after). The order is the writer's to choose, so a finding is a note: \
        it shows where the file departs from the template and claims nothing is wrong.",
    example: Example {
        dialect: "speckit",
        bad: "## Technical Context\n\nRust.\n\n## Summary\n\nLogin.\n",
        good: "## Summary\n\nLogin.\n\n## Technical Context\n\nRust.\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Sections the template does not have are not judged, wherever they stand: a `## \
            Background` before the Summary, or `## Rollout Notes` between two of the template's \
            sections, is the writer's to place.",
        example: "## Background\n\nWhy now.\n\n## Summary\n\nLogin.\n\n## Rollout Notes\n\nBehind a flag.\n\n## Technical Context\n\nRust.\n",
        standalone: true,
    },
};

/// Below this many required sections, missing ones are always listed one by one.
const SUMMARY_THRESHOLD: usize = 4;

/// An italic note (`*GATE: ...*`) or a block quote (`> ...`) without placeholders.
fn is_guidance_note(line: &str) -> bool {
    let italic = (line.starts_with('*') && line.ends_with('*') && !line.starts_with("**"))
        || (line.starts_with('_') && line.ends_with('_'));
    (italic || line.starts_with('>')) && !line.contains('[')
}

/// Headings every `leveled` plan needs, whatever its template version (the dialect's own
/// validator asks for these three and no more).
const LEVELED_CORE: &[&str] = &["technical context", "architecture", "implementation"];

/// The sections of `schema`, the template the document is written from. Returns whether the
/// document follows that template (as opposed to missing most of its sections).
pub(crate) fn check(cx: &mut Cx<'_>, schema: &Schema) -> bool {
    if cx.file.kind == FileKind::Plan && leveled_other_version(cx) {
        check_leveled_core(cx);
        return false;
    }
    let matches = schema.match_sections(cx.doc);
    let follows = check_missing(cx, &schema.sections, &matches);
    check_empty(cx, schema, &matches);
    check_order(cx, &schema.sections, &matches);
    follows
}

/// Reports the required sections missing; returns whether most are there.
fn check_missing(cx: &mut Cx<'_>, sections: &[SchemaSection], matches: &[Option<usize>]) -> bool {
    let older = written_from_older_spec_template(cx);
    let required: Vec<usize> = (0..sections.len())
        .filter(|&i| !sections[i].optional)
        .filter(|&i| {
            !(older
                && ADDED_SINCE_OLDER_SPEC_TEMPLATE
                    .iter()
                    .any(|added| sections[i].base_key.starts_with(added)))
        })
        .collect();
    let written = Written::of(cx.doc);
    let present: Vec<bool> = sections
        .iter()
        .zip(matches)
        .map(|(section, found)| found.is_some() || written.holds(&section.substance))
        .collect();
    let missing: Vec<usize> = required
        .iter()
        .copied()
        .filter(|&i| {
            !present[i]
                && !subsection_present(sections, &present, i)
                && !bold_heading_present(cx.doc, &sections[i])
                && !parent_written(cx.doc, sections, matches, i)
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let dialect = cx.feature.dialect.name();
    let kind = cx.file.kind;
    if required.len() >= SUMMARY_THRESHOLD && missing.len() * 2 > required.len() {
        let names: Vec<&str> = missing
            .iter()
            .map(|&i| sections[i].title.as_str())
            .collect();
        let range = cx.title_range();
        cx.report(
            &MISSING_SECTION,
            range,
            format!(
                "{} of the {} sections the {dialect} template requires are missing: {}",
                missing.len(),
                required.len(),
                names.join(", ")
            ),
        )
        .help(format!("this {kind} may follow another template: choose it with --dialect, or keep the project's template in .specify/templates/{kind}-template.md"));
        return false;
    }
    let top = sections.iter().map(|s| s.level).min().unwrap_or(2);
    for index in missing {
        let section = &sections[index];
        let anchor = (0..index)
            .rev()
            .find_map(|earlier| matches[earlier])
            .and_then(|doc_section| cx.doc.section_heading(doc_section))
            .map_or_else(|| cx.title_range(), |heading| heading.range);
        let hashes = "#".repeat(usize::from(section.level));
        // A subsection left out of a section that is there is a lesser problem than a missing
        // section: plans often fold a short subsection into its parent.
        let severity = if section.level > top {
            Severity::Warning
        } else {
            Severity::Error
        };
        cx.report_at(
            &MISSING_SECTION,
            severity,
            anchor,
            format!("missing section `{hashes} {}`", section.title),
        )
        .help(format!(
            "the {dialect} template requires it; add it after this section"
        ));
    }
    true
}

/// Sections upstream's spec template had before it gained Success Criteria, and only then:
/// a spec holding one was written from that older template.
const OLDER_SPEC_TEMPLATE_SECTIONS: &[&str] = &[
    "execution flow main",
    "review and acceptance checklist",
    "execution status",
];

/// The sections upstream's spec template gained since that older version.
const ADDED_SINCE_OLDER_SPEC_TEMPLATE: &[&str] = &["success criteria", "measurable outcomes"];

/// Whether the document is a spec of the `speckit` dialect written from upstream's older spec
/// template, which asked for no Success Criteria: it is judged by the sections its template had.
fn written_from_older_spec_template(cx: &Cx<'_>) -> bool {
    cx.file.kind == FileKind::Spec
        && cx.feature.dialect.builtin == Some(BuiltinDialect::Speckit)
        && cx.doc.headings.iter().any(|heading| {
            let (base, _) = crate::schema::strip_parenthetical(cx.doc.slice(heading.title));
            OLDER_SPEC_TEMPLATE_SECTIONS.contains(&key::key(base).as_str())
        })
}

/// Whether the template section holding subsection `index` is in the document, written without
/// any of the template's subsections: a template's subsections organise its section, and a
/// writer who filled the section in a structure of their own has written it (the criteria
/// listed under Success Criteria without `### Measurable Outcomes`, the one structure tree
/// under Project Structure). A writer who kept the template's subsections but one has left
/// that one out.
fn parent_written(
    doc: &speckit_doc::Document,
    sections: &[SchemaSection],
    matches: &[Option<usize>],
    index: usize,
) -> bool {
    let Some(level) = sections.get(index).map(|section| section.level) else {
        return false;
    };
    let parent = (0..index)
        .rev()
        .find(|&earlier| sections.get(earlier).is_some_and(|s| s.level < level));
    let Some(parent) = parent else {
        return false;
    };
    let Some(found) = matches.get(parent).copied().flatten() else {
        return false;
    };
    let siblings_kept = sections
        .iter()
        .zip(matches)
        .enumerate()
        .skip(parent + 1)
        .take_while(|(_, (section, _))| section.level > level.saturating_sub(1))
        .any(|(other, (section, found))| {
            other != index && section.level == level && found.is_some()
        });
    // The template's story subsections have slots for headings (`### User Story 1 - [Brief
    // Title]`), so they are no schema sections; a writer who kept them kept the template's
    // subsections, and leaving out Edge Cases beside them leaves it out.
    let stories_kept = doc.sections.get(found).is_some_and(|section| {
        section.children.iter().any(|&child| {
            doc.section_heading(child)
                .is_some_and(|heading| ids::story_heading(doc.slice(heading.title)).is_some())
        })
    });
    if siblings_kept || stories_kept {
        return false;
    }
    doc.sections.get(found).is_some_and(|section| {
        let body = doc.slice(section.range);
        // Past the heading's own line, something is written.
        body.split(['\n', '\r']).skip(1).any(|line| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#')
        })
    })
}

/// Whether one of the template's subsections of section `index` is in the document: the writer
/// kept the content and dropped the heading above it (`## Functional Requirements` without
/// `## Requirements`).
fn subsection_present(sections: &[SchemaSection], present: &[bool], index: usize) -> bool {
    let Some(level) = sections.get(index).map(|section| section.level) else {
        return false;
    };
    sections
        .iter()
        .zip(present)
        .skip(index + 1)
        .take_while(|(section, _)| section.level > level)
        .any(|(_, &found)| found)
}

/// What a document holds wherever it stands, to recognise a template section written under a
/// heading of the writer's own (`## Stack` holding the Technical Context's fields, `## 源码结构`
/// holding the source tree, `## Scope` numbering `FR-001`).
struct Written {
    /// The kinds of ID the document defines.
    kinds: Vec<IdKind>,
    /// Keys of the document's field labels.
    labels: Vec<String>,
    /// The kinds of file tree it draws, in a code block or as a list of paths.
    trees: Vec<Tree>,
    /// Its words outside code, lowercased.
    words: HashSet<String>,
}

/// The kinds of ID whose definitions make a section: requirements, criteria and stories.
const SECTION_ID_KINDS: &[IdKind] = &[
    IdKind::Functional,
    IdKind::NonFunctional,
    IdKind::Criterion,
    IdKind::Story,
];

impl Written {
    fn of(doc: &speckit_doc::Document) -> Self {
        let found = ids::mentions(doc, false, None);
        let mut kinds: Vec<IdKind> = ids::definitions(doc, &found)
            .iter()
            .filter(|definition| !definition.declared)
            .map(|definition| definition.id.kind)
            .filter(|kind| SECTION_ID_KINDS.contains(kind))
            .collect();
        kinds.dedup();
        let labels = doc
            .fields
            .iter()
            .map(|field| key::key(doc.slice(field.label)))
            .collect();
        let mut trees: Vec<Tree> = doc
            .code_blocks
            .iter()
            .filter_map(|block| tree_in(doc.slice(block.range)))
            .collect();
        // A list naming the files a change touches (`src/cli/main.rs`: parse flags) gives
        // the source layout as well as a tree does.
        let paths = doc
            .list_items
            .iter()
            .filter(|item| {
                let line = doc.slice(item.first_line);
                line.strip_prefix('`')
                    .and_then(|rest| rest.split('`').next())
                    .is_some_and(|span| span.contains('/') && !span.contains(' '))
            })
            .count();
        if paths >= 2 {
            trees.push(Tree::Sources);
        }
        let mut words = HashSet::new();
        let text = doc.text();
        let mut start = None;
        for (offset, ch) in text.char_indices().chain([(text.len(), ' ')]) {
            match (ch.is_alphabetic(), start) {
                (true, None) => start = Some(offset),
                (false, Some(from)) => {
                    if !doc.in_code(from) {
                        words.insert(text[from..offset].to_lowercase());
                    }
                    start = None;
                }
                _ => {}
            }
        }
        Self {
            kinds,
            labels,
            trees,
            words,
        }
    }

    /// Whether the document holds what makes a section the section: one of the trees it draws,
    /// one of the kinds of ID it defines, every bold word its lines are written with (`Given`,
    /// `When`, `Then`), or two of the fields it asks for (its only one, if it asks for one).
    fn holds(&self, substance: &Substance) -> bool {
        if !substance.terms.is_empty()
            && substance.terms.iter().all(|term| self.words.contains(term))
        {
            return true;
        }
        if substance.trees.iter().any(|tree| self.trees.contains(tree)) {
            return true;
        }
        let defines = ids::scan(&substance.text, 0, false)
            .iter()
            .map(|mention| mention.id.kind)
            .any(|kind| SECTION_ID_KINDS.contains(&kind) && self.kinds.contains(&kind));
        if defines {
            return true;
        }
        let filled = substance
            .labels
            .iter()
            .filter(|wanted| {
                self.labels
                    .iter()
                    .any(|label| key::keys_match(wanted, label))
            })
            .count();
        filled > 0 && filled >= substance.labels.len().min(2)
    }
}

/// Whether a paragraph opening with a bold label alone on its line stands in for the section's
/// heading (`**Functional Requirements**` then the list of requirements): the writer named the
/// section, only not with a heading.
fn bold_heading_present(doc: &speckit_doc::Document, section: &SchemaSection) -> bool {
    doc.paragraphs.iter().any(|&paragraph| {
        let text = doc.slice(paragraph);
        let line = text.lines().next().unwrap_or_default().trim();
        let Some(label) = line
            .strip_prefix("**")
            .and_then(|rest| rest.strip_suffix("**").or_else(|| rest.strip_suffix("**:")))
            .filter(|label| !label.is_empty() && !label.contains("**"))
        else {
            return false;
        };
        let (base, _) = crate::schema::strip_parenthetical(label);
        key::keys_match(&section.key, &key::key(label))
            || key::keys_match(&section.base_key, &key::key(base))
    })
}

/// What the speckit spec template asks of a spec's content beyond its headings: user stories
/// under User Scenarios & Testing, each numbered one with a priority (the stories are ranked so
/// the first can ship alone), FR- items under Requirements and SC- items under Success Criteria.
/// Each part is only looked for when its section is there; a missing section is reported as
/// such. A scenarios section without any story heading is a warning; content written another
/// way (criteria as a plain list, stories without a priority) is there, only it cannot be
/// referred to or ranked, so those findings are notes.
pub(crate) fn check_spec_parts(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let found = ids::mentions(doc, false, None);
    let defined = ids::definitions(doc, &found);
    if let Some(scenarios) = doc.find_section("user scenarios and testing") {
        check_stories(cx, scenarios);
    }
    let parts = [
        (
            "requirements",
            IdKind::Functional,
            "requirement as `- **FR-001**: System MUST ...`",
            "FR",
        ),
        (
            "success criteria",
            IdKind::Criterion,
            "criterion as `- **SC-001**: ...`",
            "SC",
        ),
    ];
    for (section_key, kind, what, prefix) in parts {
        let Some((section, range)) = doc
            .find_section(section_key)
            .and_then(|index| Some((index, doc.sections.get(index)?.range)))
        else {
            continue;
        };
        let has_one = defined
            .iter()
            .any(|d| d.id.kind == kind && !d.declared && range.contains_range(d.range));
        if has_one {
            continue;
        }
        let Some(heading) = doc.section_heading(section) else {
            continue;
        };
        let title = doc.slice(heading.title).to_owned();
        // How the writer lists them is theirs: a note that the items cannot be referred to.
        cx.report_at(
            &MISSING_SECTION,
            Severity::Info,
            heading.range,
            format!("section `{title}` numbers no {what}"),
        )
        .help(format!("number each one ({prefix}-001, {prefix}-002, ...) so that plans, tasks and `speckit analyze` can refer to it"));
    }
}

fn check_stories(cx: &mut Cx<'_>, scenarios: usize) {
    let doc = cx.doc;
    let Some(range) = doc.sections.get(scenarios).map(|section| section.range) else {
        return;
    };
    let mut stories = 0;
    for (index, section) in doc.sections.iter().enumerate().skip(1) {
        let Some(heading) = doc.section_heading(index) else {
            continue;
        };
        if !range.contains_range(section.range) || index == scenarios {
            continue;
        }
        let Some(story) = ids::story_heading(doc.slice(heading.title)) else {
            continue;
        };
        stories += 1;
        let priority_field = doc.fields_in(section.content).any(|field| {
            key::key(doc.slice(field.label)) == "priority"
                && ids::priority_in(doc.slice(field.value))
        });
        // A template's single "Primary User Story" has nothing to be ranked against.
        if story.id.is_none() || story.has_priority || priority_field {
            continue;
        }
        let title = doc.slice(heading.title).to_owned();
        // Ranking stories is the template's advice, not a gap in the story: a note.
        cx.report_at(
            &EMPTY_FIELD,
            Severity::Info,
            heading.range,
            format!("user story `{title}` has no priority"),
        )
        .help("rank it: `(Priority: P1)` for the story that ships first, then P2, P3...");
    }
    if stories == 0
        && let Some(heading) = doc.section_heading(scenarios)
    {
        let title = doc.slice(heading.title).to_owned();
        cx.report_at(
            &MISSING_SECTION,
            Severity::Warning,
            heading.range,
            format!("section `{title}` has no user story heading"),
        )
        .help("add `### User Story 1 - Title (Priority: P1)` with why it matters, how to test it alone and its acceptance scenarios");
    }
}

/// Whether a `leveled` plan declares a template version other than the built-in's, so that the
/// built-in's sections do not apply.
fn leveled_other_version(cx: &Cx<'_>) -> bool {
    if !cx.feature.dialect.is(BuiltinDialect::Leveled) || cx.feature.dialect.custom {
        return false;
    }
    let source = |doc: &speckit_doc::Document| {
        doc.markers
            .iter()
            .find(|m| doc.slice(m.name) == "SPECKIT_TEMPLATE_SOURCE")
            .map(|m| crate::schema::normalize(doc.slice(m.value)))
    };
    let builtin = speckit_doc::Document::parse(BuiltinDialect::Leveled.plan_template().to_owned());
    matches!((source(cx.doc), source(&builtin)), (Some(ours), Some(theirs)) if ours != theirs)
}

fn check_leveled_core(cx: &mut Cx<'_>) {
    let headings: Vec<String> = cx
        .doc
        .headings
        .iter()
        .filter(|h| h.level <= 3)
        .map(|h| h.key.clone())
        .collect();
    let range = cx.title_range();
    for wanted in LEVELED_CORE {
        if !headings.iter().any(|key| key.contains(wanted)) {
            cx.report(&MISSING_SECTION, range, format!("no heading mentions `{wanted}`"))
                .help("every leveled plan has Technical Context, Architecture and Implementation headings");
        }
    }
}

fn check_empty(cx: &mut Cx<'_>, schema: &Schema, matches: &[Option<usize>]) {
    for (index, section) in schema.sections.iter().enumerate() {
        let Some(doc_section) = matches[index] else {
            continue;
        };
        // An empty section with subsections is reported through them.
        if section.optional || !cx.doc.sections[doc_section].children.is_empty() {
            continue;
        }
        let Some(heading) = cx.doc.section_heading(doc_section) else {
            continue;
        };
        let body = TextRange::new(
            heading.range.end(),
            cx.doc.sections[doc_section].range.end(),
        );
        if holds_nothing_written(cx.doc, schema, body) {
            let title = cx.doc.slice(heading.title).to_owned();
            cx.report(
                &EMPTY_SECTION,
                heading.range,
                format!("section `{title}` is empty"),
            )
            .help("fill it in, or say why it does not apply to this feature");
        }
    }
}

/// Whether `body` holds nothing the writer wrote: white space, comments, and the template's own
/// guidance notes, kept word for word (`*GATE: Must pass before Phase 0 research.*`, a `>` note).
/// Template lines that carry content (a reference list kept as it is) count as written, and so
/// does a line with a placeholder left in, which is reported on its own.
fn holds_nothing_written(doc: &speckit_doc::Document, schema: &Schema, body: TextRange) -> bool {
    if doc.is_blank(body) {
        return true;
    }
    let index = doc.line_index();
    // The body starts at the end of the heading's line; its first line is the next one.
    let first = index.line_of(body.start()) + 1;
    let last = index.line_of(body.end().saturating_sub(1).max(body.start()));
    (first..=last).all(|line| {
        let range = index.line_range(doc.text(), line);
        let text = doc.slice(range).trim();
        text.is_empty()
            || doc.in_comment(range.start())
            || (is_guidance_note(text) && schema.has_line(text) && !doc.in_code(range.start()))
    })
}

fn check_order(cx: &mut Cx<'_>, sections: &[SchemaSection], matches: &[Option<usize>]) {
    let found: Vec<(usize, usize)> = matches
        .iter()
        .enumerate()
        .filter_map(|(template, doc)| doc.map(|doc| (template, doc)))
        .collect();
    let in_order = longest_increasing(&found.iter().map(|&(_, doc)| doc).collect::<Vec<_>>());
    for (position, &(template, doc_section)) in found.iter().enumerate() {
        if in_order.contains(&position) {
            continue;
        }
        let Some(heading) = cx.doc.section_heading(doc_section) else {
            continue;
        };
        let run = || in_order.iter().filter_map(|&p| found.get(p));
        // A section of the in-order run that the template puts after this one but the file
        // before it, or the other way round (the nearest, at this section's level if there is
        // one): the message states the file's order.
        let level = sections[template].level;
        let follows = run()
            .filter(|&&(t, d)| t > template && d < doc_section)
            .min_by_key(|&&(t, _)| (sections[t].level != level, t));
        let precedes = run()
            .filter(|&&(t, d)| t < template && d > doc_section)
            .max_by_key(|&&(t, _)| (sections[t].level == level, t));
        let title = &sections[template].title;
        let message = match (follows, precedes) {
            (Some(&(other, _)), _) => format!(
                "section `{title}` comes after `{}`; the template puts it before",
                sections[other].title
            ),
            (None, Some(&(other, _))) => format!(
                "section `{title}` comes before `{}`; the template puts it after",
                sections[other].title
            ),
            (None, None) => format!("section `{title}` is out of the template's order"),
        };
        cx.report(&SECTION_ORDER, heading.range, message);
    }
}

/// Positions in `values` of one longest strictly increasing subsequence.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // Patience sorting: `tails[k]` is the position ending the best run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (position, &value) in values.iter().enumerate() {
        let slot = tails.partition_point(|&tail| values[tail] < value);
        previous[position] = slot.checked_sub(1).map(|s| tails[s]);
        if slot == tails.len() {
            tails.push(position);
        } else {
            tails[slot] = position;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(position) = cursor {
        run.push(position);
        cursor = previous[position];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn longest_run_skips_the_one_out_of_place() {
        assert_eq!(longest_increasing(&[1, 2, 9, 3, 4]), [0, 1, 3, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[5, 1, 2]), [1, 2]);
    }
}
