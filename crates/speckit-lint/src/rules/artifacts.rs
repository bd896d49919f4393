//! SK401-SK403: the files a plan needs, and the paths it points to.

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::input::EntryKind;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::metadata::level_of;
use crate::stage::Stage;

pub(crate) static ARTIFACT_MISSING: Rule = Rule {
    code: "SK401",
    name: "artifact-missing",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Designed,
    summary: "a companion file the plan promises, or the stage needs, is absent (research.md, data-model.md, quickstart.md, contracts/, tasks.md, exec-plan.md, level files)",
    explanation: "Each stage produces files, and the plan says which: research.md by `researched`; \
        data-model.md, quickstart.md and contracts/ by `designed`; tasks.md by `tasked`. A file \
        the plan promises (its Documentation tree lists it, it links to it, an output line names \
        it) and that is absent is an error. Dialects add their own: the `epic` dialect's \
        exec-plan.md two levels up and its checklists, the `leveled` dialect's files per level \
        (checklist.md from level 2, decision-record.md from level 3, implementation-summary.md \
        once work is checked off).",
    example: Example {
        dialect: "speckit",
        bad: "plan.md's Documentation tree, at stage `designed`:\nspecs/001-auth/\n├── plan.md\n├── research.md\n└── data-model.md\n(the folder holds spec.md, plan.md and research.md)",
        good: "plan.md's Documentation tree, at stage `designed`:\nspecs/001-auth/\n├── plan.md\n├── research.md\n└── data-model.md    # N/A: no stored data\n(the folder holds spec.md, plan.md and research.md)",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A file the plan scopes out (`├── contracts/  # N/A (no API change)`, \"no separate \
            data model\", `no se requiere`, `해당 없음`) is not flagged, nor is one it never mentions; \
            a research.md it never mentions, or a data-model.md or contracts/ it never mentions \
            while the spec has Key Entities or interfaces, is only an info. A file is not asked \
            for before the stage that produces it, and a folder of planning notes that is no \
            feature (no spec, no number in its name) is asked for none.",
        example: "plan.md's Documentation tree, at stage `designed`:\nspecs/001-auth/\n├── plan.md\n├── research.md\n└── contracts/    # N/A (no API change)\n(the folder holds spec.md, plan.md and research.md; the plan never mentions quickstart.md)",
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
    not_flagged: NotFlagged {
        what: "Web links, `mailto:` links, anchors within the plan (`#summary`) and absolute paths \
            are not checked, and a link's own anchor or query is left off before its file is \
            looked for (`research.md#storage` needs research.md only). Paths written in prose or \
            code spans are not links, and outside the `epic` dialect's header they are not \
            checked.",
        example: "See [the decision](research.md#storage), [the RFC](https://example.com/rfc) and the [Summary](#summary).   (research.md exists)",
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
    not_flagged: NotFlagged {
        what: "A folder of planning notes that is no Spec Kit feature (no spec, no feature number \
            in its name, several documents such as a plan and its tasks) is not flagged, nor is a \
            plan or task list kept in a subfolder of its feature (`plans/plan.md`) with spec.md \
            one folder up.",
        example: "notes/auth-ideas/\n├── plan.md\n└── tasks.md\n(no spec and no feature number: planning notes, not a feature)",
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

/// A file the plan phase may write, which the plan itself says it writes or not.
struct Designed {
    path: &'static str,
    stage: Stage,
    /// Words naming what the file holds, with which a plan scopes it out without naming the
    /// file ("no separate data model", "API contracts: N/A").
    topics: &'static [&'static str],
    /// When the plan is silent about the file, what in the spec still suggests it.
    implied_by: Implied,
}

/// What makes a file the plan does not mention worth an info.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Implied {
    /// The plan phase always writes it (upstream's Phase 0 writes research.md).
    Always,
    /// The spec has a section of that kind with content (Key Entities, interfaces).
    SpecSection(&'static [&'static str]),
    /// Nothing: a plan that does not mention it has no use for it.
    Never,
}

/// The files spec-kit-style plans write in their research and design phases. Upstream's plan
/// template lists them in its Documentation tree, and asks for data-model.md "if the feature
/// involves data" and contracts/ "if it exposes interfaces": whether a feature needs one is
/// the plan's call, read from what the plan says.
const DESIGNED: &[Designed] = &[
    Designed {
        path: "research.md",
        stage: Stage::Researched,
        topics: &["research"],
        implied_by: Implied::Always,
    },
    Designed {
        path: "data-model.md",
        stage: Stage::Designed,
        topics: &["data model", "data-model", "datamodel"],
        implied_by: Implied::SpecSection(&[
            "entit",
            "сущност",
            "实体",
            "實體",
            "エンティティ",
            "엔티티",
        ]),
    },
    Designed {
        path: "quickstart.md",
        stage: Stage::Designed,
        topics: &["quickstart", "quick start"],
        implied_by: Implied::Never,
    },
    Designed {
        path: "contracts/",
        stage: Stage::Designed,
        topics: &["contract", "api"],
        implied_by: Implied::SpecSection(&[
            "interface",
            "contract",
            "api",
            "endpoint",
            "接口",
            "インターフェース",
            "인터페이스",
        ]),
    },
];

/// Files every spec-kit-style feature produces as it advances, whatever its plan says.
const SPEC_KIT_COMPANIONS: &[Companion] = &[companion(
    "tasks.md",
    Stage::Tasked,
    "the tasks command writes it",
)];

/// Phrases by which a line says that what it names is not produced: `├── contracts/  # N/A`,
/// "no separate data model", in the languages Spec Kit is commonly written in.
const SCOPED_OUT: &[&str] = &[
    "n/a",
    "none",
    "not applicable",
    "not needed",
    "not required",
    "not necessary",
    "not created",
    "not produced",
    "no separate",
    "no new",
    "no api",
    "omitted",
    "skipped",
    "no aplica",
    "no se requiere",
    "no es necesario",
    "no necesario",
    "não se aplica",
    "não aplicável",
    "não necessário",
    "non applicable",
    "sans objet",
    "pas nécessaire",
    "non nécessaire",
    "non necessario",
    "non richiesto",
    "nicht erforderlich",
    "nicht benötigt",
    "entfällt",
    "не требуется",
    "не нужно",
    "не применимо",
    "不适用",
    "不需要",
    "无需",
    "不適用",
    "不要",
    "該当なし",
    "해당 없음",
    "해당없음",
    "불필요",
];

/// What a plan says of a file its phases may write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Promise {
    /// It names the file (its Documentation tree, a link, an output line): the file is due.
    Promised,
    /// It says the file, or what it would hold, is not needed.
    ScopedOut,
    /// It does not mention it.
    Silent,
}

/// What `plan` says of `file` (`data-model.md`, `contracts/`), line by line: a line that names
/// the file or its topic and says it is not produced scopes it out, wherever else the file is
/// named; otherwise a line naming the file promises it.
fn promise(plan: &str, file: &Designed) -> Promise {
    let name = file.path;
    let mut promised = false;
    for line in plan.split(['\n', '\r']) {
        let lower = line.to_lowercase();
        let names_file = lower.contains(name);
        let names_topic = names_file || file.topics.iter().any(|topic| has_word(&lower, topic));
        if names_topic && SCOPED_OUT.iter().any(|phrase| has_word(&lower, phrase)) {
            return Promise::ScopedOut;
        }
        promised |= names_file;
    }
    if promised {
        Promise::Promised
    } else {
        Promise::Silent
    }
}

/// Whether `phrase` occurs in `text` as whole words: `none` is not in `nonexistent`, `api` is
/// not in `rapid`. Scripts without spaces between words match anywhere.
fn has_word(text: &str, phrase: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() && !is_unspaced(c);
    text.match_indices(phrase).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + phrase.len()..).and_then(|t| t.chars().next());
        let starts = phrase.chars().next().is_some_and(|c| !is_word(c));
        let ends = phrase.chars().next_back().is_some_and(|c| !is_word(c));
        (starts || !before.is_some_and(is_word)) && (ends || !after.is_some_and(is_word))
    })
}

/// Characters of scripts written without spaces between words (CJK, kana); Hangul is spaced.
fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// Whether the feature's spec has a section whose heading names one of `topics` and that
/// holds something (Key Entities with entries, an Interfaces section).
fn spec_has_section(cx: &Cx<'_>, topics: &[&str]) -> bool {
    let Some(spec) = cx.feature.document(FileKind::Spec) else {
        return false;
    };
    (1..spec.sections.len()).any(|index| {
        let (Some(heading), Some(section)) =
            (spec.section_heading(index), spec.sections.get(index))
        else {
            return false;
        };
        let title = spec.slice(heading.title).to_lowercase();
        topics.iter().any(|topic| title.contains(topic))
            && !spec.slice(section.content).trim().is_empty()
    })
}

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
    // Notes that are no feature produce none of a feature's files.
    if cx.feature.input.is_planning_notes() {
        return;
    }
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
        designed_files(cx, &plan_dir);
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
        if !is_present(cx, &plan_dir, &path) {
            cx.report_at(&ARTIFACT_MISSING, severity, range, missing(&path))
                .stage(needed_by)
                .help(why);
        }
    }
}

/// research.md, data-model.md, quickstart.md and contracts/, as the plan promises them: one it
/// names and that is absent is an error; one it scopes out, or never mentions, is not (an info
/// when the spec still suggests it).
fn designed_files(cx: &mut Cx<'_>, plan_dir: &str) {
    let stage = cx.stage();
    let range = cx.title_range();
    for file in DESIGNED {
        if stage < file.stage || is_present(cx, plan_dir, file.path) {
            continue;
        }
        let path = file.path;
        let (severity, help) = match promise(cx.doc.text(), file) {
            Promise::ScopedOut => continue,
            Promise::Promised => (
                Severity::Error,
                format!(
                    "the plan lists {path} among its outputs (stage `{}`): write it, or say in the plan that it is not needed",
                    file.stage
                ),
            ),
            Promise::Silent => {
                let hint = match file.implied_by {
                    Implied::Always => "the plan phase usually writes it",
                    Implied::SpecSection(topics) if spec_has_section(cx, topics) => {
                        "the spec describes what it would hold"
                    }
                    Implied::SpecSection(_) | Implied::Never => continue,
                };
                (
                    Severity::Info,
                    format!(
                        "{hint}, and the plan does not mention it: write it, or say in the plan that it is not needed"
                    ),
                )
            }
        };
        cx.report_at(&ARTIFACT_MISSING, severity, range, missing(path))
            .stage(file.stage)
            .help(help);
    }
}

/// Whether `path` (a file, or a folder with entries when it ends in `/`) is beside the plan
/// or in the feature folder.
fn is_present(cx: &Cx<'_>, plan_dir: &str, path: &str) -> bool {
    let beside = join(plan_dir, path);
    [beside.as_str(), path].iter().any(|candidate| {
        let wanted_dir = candidate.ends_with('/');
        match cx.feature.entry(candidate.trim_end_matches('/')) {
            Some(EntryKind::File) => !wanted_dir,
            Some(EntryKind::Dir) => wanted_dir,
            _ => false,
        }
    })
}

fn missing(path: &str) -> String {
    if path.ends_with('/') {
        format!("{path} is missing or empty")
    } else {
        format!("{path} is missing")
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
    if cx.feature.input.is_planning_notes() {
        return;
    }
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

    fn designed(path: &str) -> &'static Designed {
        DESIGNED.iter().find(|file| file.path == path).unwrap()
    }

    #[test]
    fn plans_promise_scope_out_or_say_nothing() {
        let tree = "├── research.md\n├── data-model.md    # N/A (no stored data)\n└── contracts/";
        assert_eq!(promise(tree, designed("research.md")), Promise::Promised);
        assert_eq!(promise(tree, designed("data-model.md")), Promise::ScopedOut);
        assert_eq!(promise(tree, designed("contracts/")), Promise::Promised);
        assert_eq!(promise(tree, designed("quickstart.md")), Promise::Silent);
        let prose = "The entities are described in the spec, no separate data model.";
        assert_eq!(
            promise(prose, designed("data-model.md")),
            Promise::ScopedOut
        );
        let korean = "├── data-model.md   # Phase 1: 데이터 모델 (해당 없음)";
        assert_eq!(
            promise(korean, designed("data-model.md")),
            Promise::ScopedOut
        );
        let japanese = "├── contracts/   # 不要（API変更なし）";
        assert_eq!(
            promise(japanese, designed("contracts/")),
            Promise::ScopedOut
        );
        // `none` inside a word, `api` inside `rapid`: no scoping out.
        let words = "├── contracts/   # nonexistent yet, rapid prototyping";
        assert_eq!(promise(words, designed("contracts/")), Promise::Promised);
    }

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
