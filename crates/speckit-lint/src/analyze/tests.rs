use super::*;
use crate::input::{Content, EntryKind, InputFile, Probe, ProjectProfile};

struct Nothing;

impl Probe for Nothing {
    fn entry(&self, _: &str) -> Option<EntryKind> {
        None
    }
    fn entry_from_root(&self, _: &str) -> Option<Option<EntryKind>> {
        None
    }
}

fn analyze(files: &[(&str, &str)], project: &ProjectProfile) -> Analysis {
    analyze_as(None, files, project)
}

fn analyze_as(
    dialect: Option<BuiltinDialect>,
    files: &[(&str, &str)],
    project: &ProjectProfile,
) -> Analysis {
    let input = FeatureInput {
        dir: "specs/001-x".to_owned(),
        name: "001-x".to_owned(),
        files: files
            .iter()
            .map(|(rel, text)| InputFile {
                path: format!("specs/001-x/{rel}"),
                rel: (*rel).to_owned(),
                content: Content::Bytes(text.as_bytes().to_vec()),
                ignored: Vec::new(),
            })
            .collect(),
        probe: &Nothing,
        project,
    };
    let settings = Settings {
        dialect,
        ..Settings::default()
    };
    analyze_feature(&input, &settings)
}

/// `(file, code, message)` of every finding.
fn findings(analysis: &Analysis) -> Vec<(String, &'static str, String)> {
    analysis
        .report
        .files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(|d| {
                let name = file.path.rsplit('/').next().unwrap_or("").to_owned();
                (name, d.rule.code, d.message.clone())
            })
        })
        .collect()
}

fn status_of(analysis: &Analysis, id: &str) -> (&'static str, Vec<String>, Vec<String>) {
    let row = analysis
        .coverage
        .iter()
        .find(|row| row.id.to_string() == id)
        .unwrap_or_else(|| panic!("no row for {id}"));
    (
        row.status.as_str(),
        row.tasks.clone(),
        row.plan_sections.clone(),
    )
}

const SPEC: &str = "# Feature Specification: Export\n\n\
## User Scenarios & Testing\n\n\
### User Story 1 - Export to a file (Priority: P1)\n\nA reader exports.\n\n\
### User Story 2 - Import a file (Priority: P2)\n\nA reader imports.\n\n\
## Requirements\n\n\
- **FR-001**: The CLI MUST write every bookmark.\n\
- **FR-002**: The CLI MUST read an export.\n\
- **FR-003**: The CLI MUST refuse duplicates.\n\
- **FR-004**: The CLI MUST log each import.\n\n\
## Success Criteria\n\n\
- **SC-001**: 5,000 bookmarks export in under 2 seconds.\n";

const PLAN: &str = "# Implementation Plan: Export\n\n## Summary\n\n\
Export and import as JSON; the 2-second budget of SC-001 holds.\n\n\
## Technical Context\n\n**Language/Version**: Rust\n";

const TASKS: &str = "# Tasks: Export\n\n\
Tasks are grouped by story (US1, US2); every requirement FR-001 to FR-004 is listed below.\n\n\
## Phase 1: Setup\n\n- [ ] T001 Create the crate\n\n\
## Phase 2: User Story 1 - Export (Priority: P1)\n\n\
- [ ] T002 [US1] Write the export (FR-001) in src/export.rs\n\
- [ ] T003 [P] [US1] Test the export in tests/export.rs\n\n\
## Phase 3: User Story 2 - Import (Priority: P2)\n\n\
**Goal**: read an export back (FR-002 to FR-003).\n\n\
- [ ] T004 [US2] Read the export in src/import.rs\n\
  - also rejects duplicates\n";

#[test]
fn requirements_map_to_task_lines_phases_labels_and_plan_sections() {
    let analysis = analyze(
        &[("plan.md", PLAN), ("spec.md", SPEC), ("tasks.md", TASKS)],
        &ProjectProfile::default(),
    );
    let ids: Vec<String> = analysis.coverage.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(
        ids,
        [
            "US1", "US2", "FR-001", "FR-002", "FR-003", "FR-004", "SC-001"
        ]
    );
    let labels = |tasks: &[&str]| tasks.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        status_of(&analysis, "US1"),
        ("covered", labels(&["T002", "T003"]), vec![])
    );
    assert_eq!(
        status_of(&analysis, "FR-001"),
        ("covered", labels(&["T002"]), vec![])
    );
    // The phase's goal names a range; its task inherits it. The preamble's range gives
    // nothing to any task.
    assert_eq!(
        status_of(&analysis, "FR-003"),
        ("covered", labels(&["T004"]), vec![])
    );
    assert_eq!(status_of(&analysis, "FR-004").0, "uncovered");
    assert_eq!(
        status_of(&analysis, "SC-001"),
        ("plan-only", vec![], vec!["Summary".to_owned()])
    );
    assert_eq!(
        findings(&analysis),
        [(
            "spec.md".to_owned(),
            "SK801",
            "tasks and plan cite 3 of the 4 functional requirements; 1 is neither cited nor \
                 described by a task (FR-004): check that a task builds each"
                .to_owned()
        )]
    );
    let metrics = analysis.metrics;
    assert_eq!(
        (metrics.requirements, metrics.covered, metrics.with_tasks),
        (7, 6, 5)
    );
    assert_eq!((metrics.uncovered, metrics.tasks), (1, 4));
    assert_eq!(metrics.coverage_percent(), Some(85));
}

#[test]
fn a_feature_citing_no_ids_gets_one_note_per_kind_and_stories_wait_for_tasks() {
    let analysis = analyze(
        &[
            (
                "plan.md",
                "# Implementation Plan: Export\n\n## Summary\n\nJSON.\n",
            ),
            ("spec.md", SPEC),
        ],
        &ProjectProfile::default(),
    );
    assert_eq!(status_of(&analysis, "US1").0, "pending");
    assert_eq!(
        findings(&analysis),
        [
            (
                "spec.md".to_owned(),
                "SK801",
                "no task or plan section cites the 4 functional requirements by ID; 4 are \
                 neither cited nor described by a task (FR-001, FR-002, FR-003, FR-004): check \
                 that a task builds each"
                    .to_owned()
            ),
            (
                "spec.md".to_owned(),
                "SK801",
                "no task or plan section cites the 1 success criterion by ID; 1 is neither cited \
                 nor described by a task (SC-001): check that a task builds each"
                    .to_owned()
            ),
        ]
    );
    assert!(
        analysis
            .report
            .files
            .iter()
            .flat_map(|file| &file.diagnostics)
            .all(|d| d.severity == Severity::Info),
        "a feature that cites no ID is not judged by ID"
    );
    let spec_only = analyze(&[("spec.md", SPEC)], &ProjectProfile::default());
    assert!(findings(&spec_only).is_empty());
    assert_eq!(spec_only.metrics.pending, 7);
    assert_eq!(spec_only.metrics.coverage_percent(), None);
}

#[test]
fn ids_referenced_nowhere_defined_or_defined_twice() {
    let spec = SPEC.replace(
        "- **FR-004**: The CLI MUST log each import.",
        "- **FR-003**: The CLI MUST log each import, as FR-001 says.",
    );
    let tasks = "# Tasks\n\n## Phase 1\n\n- [ ] T001 [US3] Export (FR-009)\n- [ ] T002 [US3] Again FR-009\n";
    let analysis = analyze(
        &[("spec.md", &spec), ("tasks.md", tasks)],
        &ProjectProfile::default(),
    );
    let ids: Vec<(String, &'static str, String)> = findings(&analysis)
        .into_iter()
        .filter(|(_, code, _)| *code != "SK801")
        .collect();
    assert_eq!(
        ids,
        [
            (
                "spec.md".to_owned(),
                "SK803",
                "`FR-003` is defined twice; the first reads `The CLI MUST refuse duplicates.`"
                    .to_owned()
            ),
            (
                "tasks.md".to_owned(),
                "SK802",
                "`US3` is referenced here but the spec defines no such ID".to_owned()
            ),
            (
                "tasks.md".to_owned(),
                "SK802",
                "`FR-009` is referenced here but the spec defines no such ID".to_owned()
            ),
        ]
    );
    assert_eq!(
        (analysis.metrics.undefined, analysis.metrics.duplicates),
        (2, 1)
    );
    // The duplicate is one requirement in the table, not two.
    assert_eq!(analysis.metrics.requirements, 6);
}

#[test]
fn ssd_ids_resolve_through_the_overview_spec() {
    let overview = "# Overview Spec: Pantry\n\nSpec Type: Overview\nSpec ID(s): S-OVERVIEW-001\n\n\
        ## Master Data\n\n| ID | Name |\n|----|------|\n| M-LOT | Stock lot |\n| M-ITEM | Item |\n\n\
        ## Feature Specs\n\n- S-002: Stock intake (UC-001)\n- S-003: Expiry alerts (UC-003)\n";
    let project =
        ProjectProfile::default().with_overview(".specify/specs/S-OVERVIEW-001/spec.md", overview);
    let spec = "# Feature Spec: Stock intake\n\nSpec Type: Feature\nSpec ID(s): S-002, UC-001\n\
        Related Overview: S-OVERVIEW-001 (M-LOT, M-DONOR)\n\n## Use Cases\n\n### UC-001 Record\n\n\
        Creates M-LOT; see also S-003.\n\n## Data\n\n| ID | Name |\n|---|---|\n| M-ITEM | Item |\n";
    let plan = "# Implementation Plan: Stock intake\n\nRelated Spec(s): S-003\n\n\
        ## 1. Summary\n\n- Use cases (IDs): UC-001\n";
    let ssd = Some(BuiltinDialect::Ssd);
    let analysis = analyze_as(ssd, &[("plan.md", plan), ("spec.md", spec)], &project);
    assert_eq!(
        findings(&analysis),
        [
            (
                "plan.md".to_owned(),
                "SK804",
                "the plan cites none of its spec's IDs (S-002)".to_owned()
            ),
            (
                "spec.md".to_owned(),
                "SK802",
                "`M-DONOR` is referenced here but the spec or the Overview spec defines no such ID"
                    .to_owned()
            ),
            (
                "spec.md".to_owned(),
                "SK803",
                "`M-ITEM` is already defined in the Overview spec (.specify/specs/S-OVERVIEW-001/spec.md)"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(status_of(&analysis, "UC-001").0, "plan-only");

    // The Overview itself indexes the feature specs: nothing in it is undefined.
    let itself = analyze_as(ssd, &[("spec.md", overview)], &project);
    assert!(findings(&itself).is_empty(), "{:?}", findings(&itself));
}

#[test]
fn principles_the_gates_never_address() {
    let constitution = "# Shelfmark Constitution\n\n## Core Principles\n\n\
        ### I. The reader owns their data\n\nExports.\n\n### II. Tests come first\n\nTests.\n\n\
        ### III. Boring storage\n\nPostgreSQL.\n";
    let project = ProjectProfile::new(None, Some(constitution));
    let plan = "# Implementation Plan: Export\n\n## Summary\n\nBoring storage is kept.\n\n\
        ## Constitution Check\n\n| Principle | Status |\n|---|---|\n\
        | I. The reader owns their data | PASS |\n| Tests first | PASS |\n";
    let analysis = analyze(&[("plan.md", plan), ("spec.md", SPEC)], &project);
    let principles: Vec<String> = findings(&analysis)
        .into_iter()
        .filter(|(_, code, _)| *code == "SK805")
        .map(|(_, _, message)| message)
        .collect();
    assert_eq!(
        principles,
        ["constitution principle `III. Boring storage` is not addressed by the plan's gates"]
    );
}

#[test]
fn a_plan_without_a_spec_is_reported_and_nothing_else() {
    let analysis = analyze(&[("plan.md", PLAN)], &ProjectProfile::default());
    assert_eq!(
        findings(&analysis),
        [(
            "plan.md".to_owned(),
            "SK403",
            "this plan has no spec.md to be analysed against".to_owned()
        )]
    );
    assert!(analysis.coverage.is_empty());
}

#[test]
fn a_task_owns_the_lines_nested_under_it() {
    let doc = Document::parse(
        "## Phase 1\n\n- [ ] T001 Build\n  - covers FR-001\n- [ ] T002 Ship\n\nFR-002 after the list\n"
            .to_owned(),
    );
    let tasks = task_lines(&doc, &TaskList::parse(&doc));
    let labels: Vec<&str> = tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["T001", "T002"]);
    let offset = |needle: &str| doc.text().find(needle).unwrap();
    assert_eq!(task_holding(&tasks, offset("covers FR-001")), Some(0));
    assert_eq!(task_holding(&tasks, offset("Ship")), Some(1));
    assert_eq!(task_holding(&tasks, offset("FR-002 after")), None);
}

#[test]
fn an_id_is_another_specs_when_its_sentence_names_that_spec() {
    let cited = |line: &str, id: &str, own| {
        let at = line.find(id).expect("the line holds the ID");
        names_another_spec(line, at, own)
    };
    let clarification =
        "Q: Is this the follow-up? → A: Yes. Spec 014 reached it only through the form (FR-034a).";
    assert!(cited(clarification, "FR-034a", Some(15)));
    assert!(cited(
        "**Source**: `specs/011-sales/spec.md` in the API repository, FR-050 through FR-054.",
        "FR-054",
        Some(21)
    ));
    // The feature's own spec, or another sentence of the line, says nothing of the ID.
    assert!(!cited(
        "- [ ] T004 Cover FR-009 in `specs/004-export/contracts/export.md`",
        "FR-009",
        Some(4)
    ));
    assert!(!cited(
        "Spec 014 reached it. This spec adds FR-034a.",
        "FR-034a",
        Some(15)
    ));
}
