//! SK401-SK403: the files a plan needs, and the paths it points to.

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::input::EntryKind;
use crate::rule::{Example, Rule};
use crate::rules::context::Cx;
use crate::rules::metadata::level_of;
use crate::stage::Stage;

pub(crate) static ARTIFACT_MISSING: Rule = Rule {
    code: "SK401",
    name: "artifact-missing",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Designed,
    summary: "a companion file the stage needs is absent (research.md, data-model.md, quickstart.md, contracts/, exec-plan.md, level files)",
    explanation: "Each stage produces files: research.md by `researched`; data-model.md, \
        quickstart.md and contracts/ by `designed` (contracts/ only when the feature has \
        external interfaces, so its absence is a warning); tasks.md by `tasked`. Dialects add \
        their own: the `epic` dialect's exec-plan.md two levels up and its checklists, the \
        `leveled` dialect's files per level (checklist.md from level 2, decision-record.md from \
        level 3, implementation-summary.md once work is checked off).",
    example: Example {
        dialect: "speckit",
        bad: "specs/001-auth/\n├── spec.md\n└── plan.md          (checked at stage `designed`)",
        good: "specs/001-auth/\n├── spec.md\n├── plan.md\n├── research.md\n├── data-model.md\n├── quickstart.md\n└── contracts/openapi.yaml",
        standalone: false,
    },
};

pub(crate) static BROKEN_LINK: Rule = Rule {
    code: "SK402",
    name: "broken-link",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a relative link or referenced path that does not exist",
    explanation: "A plan that links to `research.md` or `contracts/api.yaml` promises the file is \
        there. Relative links are resolved from the plan's folder; web links and anchors are \
        not checked. In the `epic` dialect the header's repository-relative paths (Feature Spec, \
        Spec Checklist, Plan Checklist, Epic) are checked too.",
    example: Example {
        dialect: "speckit",
        bad: "See [the data model](data-model.md).   (no data-model.md next to the plan)",
        good: "See [the data model](data-model.md).   (data-model.md exists)",
        standalone: false,
    },
};

pub(crate) static SPEC_MISSING: Rule = Rule {
    code: "SK403",
    name: "spec-missing",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a plan or tasks file without its spec",
    explanation: "Plans and tasks derive from a spec. Without spec.md in the feature folder there \
        is nothing to check requirements, stories or clarifications against.",
    example: Example {
        dialect: "speckit",
        bad: "specs/001-auth/\n└── plan.md",
        good: "specs/001-auth/\n├── spec.md\n└── plan.md",
        standalone: false,
    },
};

/// A companion file and the stage from which it is required.
struct Companion {
    path: &'static str,
    stage: Stage,
    severity: Severity,
    why: &'static str,
}

const fn companion(path: &'static str, stage: Stage, why: &'static str) -> Companion {
    Companion {
        path,
        stage,
        severity: Severity::Error,
        why,
    }
}

/// Files every spec-kit-style feature produces as it advances.
const SPEC_KIT_COMPANIONS: &[Companion] = &[
    companion("research.md", Stage::Researched, "Phase 0 writes it"),
    companion("data-model.md", Stage::Designed, "Phase 1 writes it"),
    companion("quickstart.md", Stage::Designed, "Phase 1 writes it"),
    Companion {
        path: "contracts/",
        stage: Stage::Designed,
        severity: Severity::Warning,
        why: "Phase 1 writes it when the feature has external interfaces",
    },
    companion("tasks.md", Stage::Tasked, "the tasks command writes it"),
];

const EPIC_COMPANIONS: &[Companion] = &[
    companion(
        "../../exec-plan.md",
        Stage::Specified,
        "every epic has an ExecPlan",
    ),
    companion(
        "checklists/requirements.md",
        Stage::Clarified,
        "the spec quality gate",
    ),
    companion(
        "checklists/PlanQualityGate.md",
        Stage::Ready,
        "the plan quality gate",
    ),
];

pub(crate) fn check_plan(cx: &mut Cx<'_>) {
    check_companions(cx);
    check_spec(cx);
    check_links(cx);
}

/// A feature checked at a stage that needs a plan must have one.
pub(crate) fn check_spec_feature(cx: &mut Cx<'_>) {
    if cx.stage() < Stage::Researched || cx.feature.files.iter().any(|f| f.kind == FileKind::Plan) {
        return;
    }
    let name = cx
        .feature
        .dialect
        .builtin
        .map_or("plan.md", |dialect| dialect.plan_file_names()[0]);
    let range = cx.title_range();
    let stage = cx.stage();
    cx.report(&ARTIFACT_MISSING, range, format!("{name} is missing"))
        .stage(Stage::Researched)
        .help(format!(
            "the `{stage}` stage needs a plan: run the plan command (speckit plan setup)"
        ));
}

pub(crate) fn check_tasks(cx: &mut Cx<'_>) {
    check_spec(cx);
}

fn check_companions(cx: &mut Cx<'_>) {
    let stage = cx.stage();
    let dialect = cx.feature.dialect.builtin;
    let plan_dir = parent_of(&cx.file.rel).to_owned();
    let mut needed: Vec<(String, Severity, Stage, String)> = Vec::new();
    if dialect == Some(BuiltinDialect::Leveled) {
        needed.extend(
            leveled_files(cx)
                .into_iter()
                .map(|(path, why)| (path, Severity::Error, ARTIFACT_MISSING.stage, why)),
        );
    } else {
        for companion in SPEC_KIT_COMPANIONS {
            if stage >= companion.stage {
                needed.push((
                    companion.path.to_owned(),
                    companion.severity,
                    companion.stage,
                    format!("{} (stage `{}`)", companion.why, companion.stage),
                ));
            }
        }
        if dialect == Some(BuiltinDialect::Epic) {
            for companion in EPIC_COMPANIONS {
                if stage >= companion.stage {
                    needed.push((
                        companion.path.to_owned(),
                        companion.severity,
                        companion.stage,
                        companion.why.to_owned(),
                    ));
                }
            }
        }
    }
    let range = cx.title_range();
    for (path, severity, needed_by, why) in needed {
        let beside = join(&plan_dir, &path);
        let present = [beside.as_str(), path.as_str()].iter().any(|candidate| {
            let wanted_dir = candidate.ends_with('/');
            match cx.feature.entry(candidate.trim_end_matches('/')) {
                Some(EntryKind::File) => !wanted_dir,
                Some(EntryKind::Dir) => wanted_dir,
                _ => false,
            }
        });
        if !present {
            let what = if path.ends_with('/') {
                format!("{path} is missing or empty")
            } else {
                format!("{path} is missing")
            };
            cx.report_at(&ARTIFACT_MISSING, severity, range, what)
                .stage(needed_by)
                .help(why);
        }
    }
}

/// The `leveled` dialect's files for the plan's level.
fn leveled_files(cx: &Cx<'_>) -> Vec<(String, String)> {
    let level = level_of(cx.doc).or_else(|| cx.feature.document(FileKind::Spec).and_then(level_of));
    let mut files = vec![
        ("spec.md".to_owned(), "every level has a spec".to_owned()),
        (
            "tasks.md".to_owned(),
            "every level has a task list".to_owned(),
        ),
    ];
    let rank = level.as_deref().map_or(1, level_rank);
    if rank >= 2 {
        files.push((
            "checklist.md".to_owned(),
            "level 2 and up have a verification checklist".to_owned(),
        ));
    }
    if rank >= 3 {
        files.push((
            "decision-record.md".to_owned(),
            "level 3 and up record their decisions".to_owned(),
        ));
    }
    let work_checked = ["tasks.md", "checklist.md"].iter().any(|rel| {
        cx.feature.document_at(rel).is_some_and(|doc| {
            doc.list_items
                .iter()
                .any(|item| item.task.is_some_and(|t| t.checked))
        })
    });
    if work_checked {
        files.push((
            "implementation-summary.md".to_owned(),
            "work has been checked off".to_owned(),
        ));
    }
    files
}

/// `1`, `2`, `3`, `3+` as numbers (3+ counts as 4).
fn level_rank(level: &str) -> u8 {
    match level {
        "2" => 2,
        "3" => 3,
        "3+" => 4,
        _ => 1,
    }
}

fn check_spec(cx: &mut Cx<'_>) {
    let dir = parent_of(&cx.file.rel);
    let candidates = [
        join(dir, "spec.md"),
        "spec.md".to_owned(),
        join(dir, "../spec.md"),
    ];
    let found = candidates
        .iter()
        .any(|c| cx.feature.entry(c) == Some(EntryKind::File));
    if !found {
        let range = cx.title_range();
        let what = if cx.file.kind == FileKind::Tasks {
            "task list"
        } else {
            "plan"
        };
        cx.report(
            &SPEC_MISSING,
            range,
            format!("this {what} has no spec.md in its feature folder"),
        )
        .help(
            "create the spec first (speckit feature new), or move the file into its feature folder",
        );
    }
}

fn check_links(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let dir = parent_of(&cx.file.rel).to_owned();
    let mut broken: Vec<(TextRange, String)> = Vec::new();
    for link in &doc.links {
        if link.autolink || !is_relative(&link.destination) {
            continue;
        }
        let target = clean_target(&link.destination);
        if target.is_empty() {
            continue;
        }
        let path = join(&dir, &target);
        if cx.feature.entry(path.trim_end_matches('/')).is_none() {
            broken.push((link.range, link.destination.clone()));
        }
    }
    if cx.feature.dialect.is(BuiltinDialect::Epic) {
        broken.extend(epic_header_paths(cx, doc));
    }
    for (range, target) in broken {
        cx.report(&BROKEN_LINK, range, format!("`{target}` does not exist"))
            .help("fix the path, or create the file it points to");
    }
}

/// The `epic` header's repository-relative paths that do not exist.
fn epic_header_paths(cx: &Cx<'_>, doc: &Document) -> Vec<(TextRange, String)> {
    let labels = ["feature spec", "spec checklist", "plan checklist", "epic"];
    let mut broken = Vec::new();
    for field in &doc.fields {
        if !labels.contains(&key::key(doc.slice(field.label)).as_str()) {
            continue;
        }
        let value = doc.slice(field.value);
        for (offset, path) in backticked_paths(value) {
            // Without a known project root the path cannot be judged.
            if cx
                .feature
                .input
                .probe
                .entry_from_root(path.trim_end_matches('/'))
                == Some(None)
            {
                let start = field.value.start() + offset;
                broken.push((TextRange::new(start, start + path.len()), path.to_owned()));
            }
        }
    }
    broken
}

/// Code spans in `value` that name Markdown artifacts by repository path (`plans/x/spec.md`),
/// with their offsets.
fn backticked_paths(value: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = value[rest_start..].find('`') {
        let start = rest_start + open + 1;
        let Some(len) = value[start..].find('`') else {
            break;
        };
        let inner = &value[start..start + len];
        let is_path =
            inner.contains('/') && !inner.contains([' ', '[', '<', '*']) && inner.ends_with(".md");
        if is_path {
            found.push((start, inner));
        }
        rest_start = start + len + 1;
    }
    found
}

fn is_relative(destination: &str) -> bool {
    let lower = destination.to_ascii_lowercase();
    !(destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with('/')
        || destination.starts_with('\\')
        || lower.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("data:")
        || lower.as_bytes().get(1) == Some(&b':'))
}

/// A link target without its anchor or query, with `%20` decoded.
fn clean_target(destination: &str) -> String {
    let end = destination.find(['#', '?']).unwrap_or(destination.len());
    destination[..end].replace("%20", " ")
}

/// The folder part of a `/`-separated relative path.
fn parent_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Joins and normalises `dir/path`, resolving `.` and `..` lexically (a leading `..` is kept).
pub(crate) fn join(dir: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/');
    for part in dir.split('/').chain(path.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if trailing {
        joined.push('/');
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_resolves_dots_lexically() {
        assert_eq!(join("", "research.md"), "research.md");
        assert_eq!(join("plans", "../spec.md"), "spec.md");
        assert_eq!(join("", "../../exec-plan.md"), "../../exec-plan.md");
        assert_eq!(join("a/b", "./c/../d.md"), "a/b/d.md");
        assert_eq!(join("", "contracts/"), "contracts/");
    }

    #[test]
    fn only_relative_links_are_checked() {
        assert!(is_relative("data-model.md"));
        assert!(is_relative("../spec.md#story-1"));
        assert!(!is_relative("https://example.com/x.md"));
        assert!(!is_relative("#summary"));
        assert!(!is_relative("/specs/x/spec.md"));
        assert!(!is_relative("C:\\x.md"));
        assert_eq!(clean_target("my%20file.md#a"), "my file.md");
    }

    #[test]
    fn header_paths_are_found_in_code_spans() {
        let value =
            "`plans/a/EPIC-1/exec-plan.md` (validate via `scripts/validate_plan.sh`) `[EPIC-ID]`";
        let paths: Vec<&str> = backticked_paths(value)
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(paths, ["plans/a/EPIC-1/exec-plan.md"]);
    }
}
