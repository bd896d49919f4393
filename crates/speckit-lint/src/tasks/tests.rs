use super::*;

fn parse(text: &str) -> (Document, TaskList) {
    let doc = Document::parse(text.to_owned());
    let list = TaskList::parse(&doc);
    (doc, list)
}

/// Stories as written in messages and JSON (`US1`, `US2.1`).
fn stories(ids: &[Id]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

fn ids(list: &TaskList) -> Vec<&str> {
    list.tasks.iter().map(|task| task.id.as_str()).collect()
}

fn ids_of<'a>(list: &'a TaskList, tasks: &[usize]) -> Vec<&'a str> {
    tasks
        .iter()
        .map(|&task| list.tasks[task].id.as_str())
        .collect()
}

fn kinds(list: &TaskList) -> Vec<&ProblemKind> {
    list.problems.iter().map(|problem| &problem.kind).collect()
}

/// The shape of Spec Kit's template: Setup, Foundational, two stories, Polish.
const UPSTREAM: &str = "\
# Tasks: Reading goals

## Phase 1: Setup (Shared Infrastructure)

- [x] T001 Create the project structure in src/
- [X] T002 [P] Configure the linter in .eslintrc.json

## Phase 2: Foundational (Blocking Prerequisites)

- [ ] T003 Create the schema in db/schema.sql
- [ ] T004 [P] Add the base model in src/models/base.ts

**Checkpoint**: The foundation stands

## Phase 3: User Story 1 - Set a goal (Priority: P1) 🎯 MVP

### Tests for User Story 1

- [ ] T005 [P] [US1] Contract test in tests/contract/goals.test.ts

### Implementation for User Story 1

- [ ] T006 [P] [US1] Create the Goal model in src/models/goal.ts
- [ ] T007 [US1] Implement the goal service in src/services/goals.ts (depends on T006)
- [ ] T008 [US1] Add the goal routes in src/routes/goals.ts

## Phase 4: User Story 2 - See progress (Priority: P2)

- [ ] T009 [US2] Build the progress card in web/src/ProgressCard.tsx

## Phase 5: Polish & Cross-Cutting Concerns

- [ ] T010 [P] Document the goals API in docs/goals.md
- [ ] T011 Run the quickstart
";

#[test]
fn reads_the_upstream_form() {
    let (doc, list) = parse(UPSTREAM);
    assert_eq!(
        ids(&list),
        [
            "T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008", "T009", "T010", "T011"
        ]
    );
    assert!(list.problems.is_empty(), "{:?}", list.problems);
    let t002 = &list.tasks[1];
    assert!(t002.checked && t002.parallel && t002.stories.is_empty());
    assert_eq!(
        doc.slice(t002.description),
        "Configure the linter in .eslintrc.json"
    );
    assert_eq!(t002.paths, [".eslintrc.json"]);
    let t005 = &list.tasks[4];
    assert_eq!(stories(&t005.stories), ["US1"]);
    assert_eq!(doc.slice(t005.story_labels[0]), "[US1]");
    assert_eq!(doc.slice(t005.id_range), "T005");
    assert_eq!(list.tasks[6].depends_on.len(), 1);
    assert_eq!(list.tasks[6].depends_on[0].id, "T006");
    assert_eq!(doc.slice(list.tasks[6].depends_on[0].range), "T006");
    assert_eq!(list.done(), 2);
}

#[test]
fn groups_tasks_into_phases_by_heading() {
    let (doc, list) = parse(UPSTREAM);
    let phases: Vec<(PhaseKind, &str, Range<usize>)> = list
        .phases
        .iter()
        .map(|phase| (phase.kind, phase.title.as_str(), phase.tasks.clone()))
        .collect();
    assert_eq!(
        phases,
        [
            (
                PhaseKind::Setup,
                "Phase 1: Setup (Shared Infrastructure)",
                0..2
            ),
            (
                PhaseKind::Foundational,
                "Phase 2: Foundational (Blocking Prerequisites)",
                2..4
            ),
            (
                PhaseKind::Story,
                "Phase 3: User Story 1 - Set a goal (Priority: P1) 🎯 MVP",
                4..8
            ),
            (
                PhaseKind::Story,
                "Phase 4: User Story 2 - See progress (Priority: P2)",
                8..9
            ),
            (
                PhaseKind::Polish,
                "Phase 5: Polish & Cross-Cutting Concerns",
                9..11
            ),
        ]
    );
    assert_eq!(stories(&list.phases[2].stories), ["US1"]);
    let checkpoint = list.phases[1].checkpoint.map(|range| doc.slice(range));
    assert_eq!(checkpoint, Some("The foundation stands"));
    let progress: Vec<(String, usize, usize)> = list
        .story_progress()
        .into_iter()
        .map(|(story, done, total)| (story.to_string(), done, total))
        .collect();
    assert_eq!(
        progress,
        [("US1".to_owned(), 0, 4), ("US2".to_owned(), 0, 1)]
    );
}

#[test]
fn phase_kinds_follow_the_first_purpose_named_and_other_languages() {
    let text = "\
## Phase 1: Setup & Project Foundation
- [ ] T001 One
## Phase 2: Foundational Data & Template Setup
- [ ] T002 Two
## 阶段3：用户故事1 - LD梯形图示例 (优先级P1)
- [ ] T003 Three
## Fase 4: Historia de Usuario 2 — Ingreso
- [ ] T004 Four
## Phase 3.5: Polish
- [ ] T005 Five
## Phase 3.2: Tests First (TDD)
- [ ] T006 Six
## Work Package WP01: Benchmarks
- [ ] T007 Seven
";
    let (_, list) = parse(text);
    let kinds: Vec<PhaseKind> = list.phases.iter().map(|phase| phase.kind).collect();
    assert_eq!(
        kinds,
        [
            PhaseKind::Setup,
            PhaseKind::Foundational,
            PhaseKind::Story,
            PhaseKind::Story,
            PhaseKind::Polish,
            PhaseKind::Other,
            PhaseKind::Other,
        ]
    );
    assert_eq!(stories(&list.phases[2].stories), ["US1"]);
    assert_eq!(stories(&list.phases[3].stories), ["US2"]);
    let (_, several) = parse("## Phase 4: User Stories 2 and 3, US5 / US6\n- [ ] T001 x\n");
    assert_eq!(
        stories(&several.phases[0].stories),
        ["US2", "US3", "US5", "US6"]
    );
}

#[test]
fn tasks_under_subsections_belong_to_the_phase_and_tasks_without_one_to_no_phase() {
    let text = "\
# Tasks

- [ ] T001 Before any phase

## Phase 1: Setup

### Scaffolding

- [ ] T002 Inside a subsection
";
    let (_, list) = parse(text);
    assert_eq!(list.phases.len(), 2);
    assert_eq!(list.phases[0].title, "");
    assert_eq!(list.phases[0].kind, PhaseKind::Other);
    assert_eq!(list.phases[1].title, "Phase 1: Setup");
    assert_eq!(list.tasks[1].phase, 1);
}

#[test]
fn tolerates_the_variants_real_task_lists_use() {
    let text = "\
## Phase 1: Setup

- [x] **T001** [US1] Bold ID
- [X] T052.1 [US1] Sub-ID
- [ ] T060a [P] Lettered sub-ID
- [ ] T061 [US2] [P] Labels in another order
- [ ] T062 [P1] [All] Labels that are neither parallel nor a story
- [ ] T063: Colon after the ID
- [ ] T064 [US1+US2] Two stories
- [ ] T065 [US2.1] Part of a story
";
    let (doc, list) = parse(text);
    assert_eq!(
        ids(&list),
        [
            "T001", "T052.1", "T060a", "T061", "T062", "T063", "T064", "T065"
        ]
    );
    assert!(list.problems.is_empty(), "{:?}", list.problems);
    assert_eq!(doc.slice(list.tasks[0].description), "Bold ID");
    assert!(list.tasks[0].checked && list.tasks[1].checked);
    assert!(list.tasks[2].parallel && list.tasks[3].parallel);
    assert_eq!(stories(&list.tasks[3].stories), ["US2"]);
    assert!(!list.tasks[4].parallel && list.tasks[4].stories.is_empty());
    assert_eq!(
        doc.slice(list.tasks[4].description),
        "Labels that are neither parallel nor a story"
    );
    assert_eq!(doc.slice(list.tasks[5].description), "Colon after the ID");
    assert_eq!(stories(&list.tasks[6].stories), ["US1", "US2"]);
    // A part of a story is a story ID of its own, whose parent is the story.
    assert_eq!(stories(&list.tasks[7].stories), ["US2.1"]);
}

#[test]
fn sub_ids_sort_after_their_parent_and_before_the_next_task() {
    let (_, list) = parse("- [ ] T052 a\n- [ ] T052.1 b\n- [ ] T052a c\n- [ ] T053 d\n");
    let t = &list.tasks;
    assert_eq!(t[0].id_precedes(&t[1]), Some(true));
    assert_eq!(t[1].id_precedes(&t[3]), Some(true));
    assert_eq!(t[2].id_precedes(&t[3]), Some(true));
    assert_eq!(t[3].id_precedes(&t[0]), Some(false));
    // Two sub-tasks of one task in different styles neither precede each other nor collide.
    assert_eq!(t[1].id_precedes(&t[2]), Some(false));
    assert_eq!(t[2].id_precedes(&t[1]), Some(false));
    assert!(list.duplicates().is_empty());
    let (_, mixed) = parse("- [ ] T001 a\n- [ ] WP01 b\n");
    assert_eq!(mixed.tasks[0].id_precedes(&mixed.tasks[1]), None);
}

#[test]
fn duplicates_compare_ids_by_number() {
    let (_, list) = parse("- [ ] T001 a\n- [ ] T002 b\n- [ ] T1 c\n- [ ] T002 d\n");
    assert_eq!(list.duplicates(), [(2, 0), (3, 1)]);
}

#[test]
fn checklists_beside_tasks_are_not_tasks_but_unnumbered_items_among_tasks_are_malformed() {
    let text = "\
## Phase 1: Setup

- [ ] T001 Create the project
  - [ ] a step of T001, not a task
- [ ] Configure the linter

### Exit criteria

- [ ] The project builds
";
    let (doc, list) = parse(text);
    assert_eq!(ids(&list), ["T001"]);
    assert_eq!(kinds(&list), [&ProblemKind::MissingId]);
    assert_eq!(doc.slice(list.problems[0].range), "Configure the linter");
}

#[test]
fn template_ids_and_empty_descriptions_are_problems() {
    let (doc, list) = parse("- [ ] T001 Create\n- [ ] TXXX [P] Update the docs\n- [ ] T002\n");
    assert_eq!(ids(&list), ["T001", "T002"]);
    assert_eq!(
        kinds(&list),
        [
            &ProblemKind::PlaceholderId("TXXX".to_owned()),
            &ProblemKind::MissingDescription("T002".to_owned()),
        ]
    );
    assert_eq!(doc.slice(list.problems[0].range), "TXXX");
}

#[test]
fn a_file_without_tasks_says_so() {
    let (_, list) = parse("# Tasks\n\nN/A - legacy artifact\n\n- [x] Reviewed\n");
    assert!(list.tasks.is_empty());
    assert_eq!(kinds(&list), [&ProblemKind::NoTasks]);
}

#[test]
fn heading_tasks_are_read_and_reported_once() {
    let text = "\
## Phase 3.1: Setup

### T001 Create the project structure
Create `ios/HealerKit.xcodeproj` with its targets.
- Dependencies: none

### T002 [P] Configure SwiftLint in .swiftlint.yml

### T003 ✅ Configure CI
- Depends on T001
";
    let (doc, list) = parse(text);
    assert_eq!(ids(&list), ["T001", "T002", "T003"]);
    assert!(list.tasks.iter().all(|task| task.form == TaskForm::Heading));
    assert_eq!(
        kinds(&list),
        [&ProblemKind::NoCheckbox {
            form: TaskForm::Heading,
            count: 3
        }]
    );
    assert_eq!(
        doc.slice(list.tasks[0].description),
        "Create the project structure"
    );
    assert_eq!(list.tasks[0].paths, ["ios/HealerKit.xcodeproj"]);
    assert!(list.tasks[1].parallel);
    assert!(list.tasks[2].checked && !list.tasks[0].checked);
    assert_eq!(list.tasks[2].depends_on[0].id, "T001");
    assert_eq!(list.phases.len(), 1);
    assert_eq!(list.phases[0].kind, PhaseKind::Setup);
}

#[test]
fn a_heading_task_is_done_when_all_its_criteria_are_checked() {
    let text = "\
## WP01: Infrastructure

- [x] Create tests/claims/mod.rs
- [x] Add report utilities

## WP02: Safety claims

- [x] Pattern count
- [ ] Fork bombs blocked
";
    let (_, list) = parse(text);
    assert_eq!(ids(&list), ["WP01", "WP02"]);
    assert!(list.tasks[0].checked);
    assert!(!list.tasks[1].checked);
}

#[test]
fn numbered_tasks_without_checkboxes_are_read() {
    let text = "\
## Phase 3.1: Setup
1) T001 Create baseline project folders
   - Files: src/models/, tests/contract/
2) T002 [P] Initialize the toolchain
   - Files: package.json, tsconfig.json
";
    let (_, list) = parse(text);
    assert_eq!(ids(&list), ["T001", "T002"]);
    assert_eq!(
        kinds(&list),
        [&ProblemKind::NoCheckbox {
            form: TaskForm::ListItem,
            count: 2
        }]
    );
    assert!(list.tasks[1].parallel);
    assert_eq!(list.tasks[1].paths, ["package.json", "tsconfig.json"]);
}

#[test]
fn table_rows_are_read_when_nothing_else_holds_tasks() {
    let text = "\
| ID | Task | Status | Depends on |
|----|------|--------|------------|
| T001 | [P] Create the schema in db/schema.sql | ✅ | |
| **T002** | Seed the data in db/seed.sql | todo | depends on T001 |
";
    let (doc, list) = parse(text);
    assert_eq!(ids(&list), ["T001", "T002"]);
    assert!(list.tasks[0].checked && list.tasks[0].parallel);
    assert!(!list.tasks[1].checked);
    assert_eq!(
        doc.slice(list.tasks[1].description),
        "Seed the data in db/seed.sql"
    );
    assert_eq!(list.tasks[1].depends_on[0].id, "T001");
    // The Status column tracks progress as checkboxes would.
    assert!(list.problems.is_empty());
    let (_, untracked) = parse("| ID | Task |\n|----|------|\n| T001 | Create the schema |\n");
    assert!(matches!(
        untracked.problems[0].kind,
        ProblemKind::NoCheckbox {
            form: TaskForm::TableRow,
            ..
        }
    ));
}

#[test]
fn tables_repeating_checkbox_tasks_are_not_read_again() {
    let text = "\
- [x] T001 Add criterion to Cargo.toml

| ID | Task |
|----|------|
| T001 | Add criterion |
";
    let (_, list) = parse(text);
    assert_eq!(ids(&list), ["T001"]);
    assert!(list.problems.is_empty());
}

#[test]
fn dependency_notes_in_their_usual_forms() {
    let text = "\
- [ ] T001 One
- [ ] T002 Two
- [ ] T003 Three
- [ ] T004 Four (depends on T001, T002)
- [ ] T005 Five
  - Dependencias: T003 (DB), T004
- [ ] T006 Six **Dependencies**: T001–T003
- [ ] T007 Seven, no dependency on T001; depends on T006.
- [ ] T008 Eight, blocked by T005 and T006
- [ ] T009 Nine (see T001 for the pattern)
";
    let (_, list) = parse(text);
    let notes: Vec<Vec<&str>> = list
        .tasks
        .iter()
        .map(|task| {
            task.depends_on
                .iter()
                .map(|note| note.id.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        notes,
        [
            vec![],
            vec![],
            vec![],
            vec!["T001", "T002"],
            vec!["T003", "T004"],
            vec!["T001", "T002", "T003"],
            vec!["T006"],
            vec!["T005", "T006"],
            vec![],
        ]
    );
}

#[test]
fn paths_exclude_urls_routes_versions_and_products() {
    let (_, list) = parse(
        "- [ ] T001 Call GET /api/goals/{year} per https://example.com/x.html with Node.js 20.1.0, \
         e.g. `src/lib.rs:42` and `./web/App.tsx`, from docs/style.md, then edit README.md\n",
    );
    let task = &list.tasks[0];
    assert_eq!(
        task.paths,
        ["src/lib.rs", "web/App.tsx", "docs/style.md", "README.md"]
    );
    // Examples ("e.g.") and sources ("from") are read; "edit" names what the task changes.
    assert_eq!(task.sources, ["src/lib.rs", "web/App.tsx", "docs/style.md"]);
}

#[test]
fn tasks_that_only_read_name_no_file_they_change() {
    let (_, list) = parse(
        "- [ ] T001 Verify the login flow in src/auth.ts\n\
         - [ ] T002 Run the tests in tests/auth.test.ts\n\
         - [ ] T003 Audit src/auth.ts and document deviations in docs/review.md\n\
         - [ ] T004 Create web/hero.tsx from the hero section of web/index.tsx\n\
         - [ ] T005 Add the type in src/a.ts:\n\n  ```ts\n  // src/b.ts\n  ```\n",
    );
    let sources: Vec<&Vec<String>> = list.tasks.iter().map(|task| &task.sources).collect();
    assert_eq!(sources[0], &["src/auth.ts"]);
    assert_eq!(sources[1], &["tests/auth.test.ts"]);
    assert_eq!(sources[2], &["src/auth.ts"]);
    assert_eq!(sources[3], &["web/index.tsx"]);
    assert_eq!(list.tasks[4].paths, ["src/a.ts"]);
}

#[test]
fn stand_in_descriptions_are_no_descriptions() {
    let (_, list) = parse(
        "- [ ] T001 TBD\n- [ ] T002 (left empty for now)\n- [ ] T003 Add a TODO list view in src/todo.ts\n",
    );
    let missing = list
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::MissingDescription(_)))
        .count();
    assert_eq!(missing, 2);
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "- [ ] T",
        "- [ ] T001",
        "- [x] **T",
        "- [ ] T001 (depends on",
        "- [ ] T001 depends on T",
        "- [ ] T001 [",
        "- [ ] T001 [P",
        "- [ ] T99999999999999999999999 overflow",
        "- [ ] T001-T999999 range",
        "- [ ] T001 depends on T001-T999999",
        "### T001\r\n- [ ] x\r\n",
        "| T001 |\n|---|\n| T002 |\n",
        "- [ ] T001 é depends on É T001 ß",
        "\u{feff}- [ ] T001 ünïcödé [US１] “quoted” — dash",
    ] {
        let (_, list) = parse(text);
        let graph = TaskGraph::new(&list);
        let _ = graph.ready(&list);
    }
}

/// The order of [`UPSTREAM`]: phases one after another, but the two stories side by side.
#[test]
fn waves_follow_phases_parallel_marks_and_notes() {
    let (_, list) = parse(UPSTREAM);
    let graph = TaskGraph::new(&list);
    let waves: Vec<Vec<&str>> = graph.waves.iter().map(|wave| ids_of(&list, wave)).collect();
    assert_eq!(
        waves,
        [
            vec!["T001", "T002"],
            vec!["T003", "T004"],
            vec!["T005", "T006", "T009"],
            vec!["T007"],
            vec!["T008"],
            // T011 has no [P]: it waits for T010, listed before it.
            vec!["T010"],
            vec!["T011"],
        ]
    );
    assert_eq!(
        graph.phase_follows,
        [vec![], vec![0], vec![1], vec![1], vec![2, 3]]
    );
    // T007 waits for the earlier tasks of its phase and for T006 by its note.
    assert_eq!(ids_of(&list, &graph.waits_for[6]), ["T005", "T006"]);
    assert!(graph.invalid.is_empty() && graph.cycles.is_empty());
}

#[test]
fn ready_tasks_respect_checks_phases_and_waits() {
    let (_, list) = parse(UPSTREAM);
    let graph = TaskGraph::new(&list);
    // Setup is done: Foundational may start, the stories may not.
    assert_eq!(ids_of(&list, &graph.ready(&list)), ["T003", "T004"]);
    let done_through_foundational = UPSTREAM
        .replace("- [ ] T003", "- [x] T003")
        .replace("- [ ] T004", "- [x] T004");
    let (_, list) = parse(&done_through_foundational);
    let graph = TaskGraph::new(&list);
    assert_eq!(ids_of(&list, &graph.ready(&list)), ["T005", "T006", "T009"]);
}

#[test]
fn a_note_on_a_later_task_is_followed_unless_it_closes_a_cycle() {
    let text = "\
## Phase 3: User Story 1 - One

- [ ] T001 [US1] One (depends on T003)

## Phase 4: User Story 2 - Two

- [ ] T002 [US2] Two
- [ ] T003 [US2] Three (depends on T004)
- [ ] T004 [US2] Four (depends on T003)
";
    let (_, list) = parse(text);
    let graph = TaskGraph::new(&list);
    // T001 on T003: the stories run side by side, so this only contradicts the order.
    // T003 on T004: T004 says it waits for T003, so this is a cycle.
    assert_eq!(
        graph.invalid,
        [
            InvalidDependency {
                task: 0,
                note: 0,
                kind: InvalidKind::Later(2)
            },
            InvalidDependency {
                task: 2,
                note: 0,
                kind: InvalidKind::Cycle(3)
            },
        ]
    );
    assert_eq!(graph.cycles, [vec![2, 3]]);
    assert!(graph.waits_for[0].contains(&2));
    assert!(!graph.waits_for[2].contains(&3));
    let waves: Vec<Vec<&str>> = graph.waves.iter().map(|wave| ids_of(&list, wave)).collect();
    assert_eq!(waves, [vec!["T002"], vec!["T003"], vec!["T001", "T004"]]);
}

#[test]
fn unknown_and_self_dependencies_are_not_followed() {
    let (_, list) = parse("- [ ] T001 One (depends on T009)\n- [ ] T002 Two (depends on T002)\n");
    let graph = TaskGraph::new(&list);
    let found: Vec<InvalidKind> = graph.invalid.iter().map(|i| i.kind).collect();
    assert_eq!(found, [InvalidKind::Unknown, InvalidKind::SelfReference]);
    assert_eq!(graph.waits_for[1], [0]);
}

#[test]
fn a_long_chain_with_a_cycle_neither_overflows_nor_takes_quadratic_time() {
    let count = 20_000;
    let mut text = String::from("## Phase 1: Setup\n\n- [ ] T00001 First (depends on T20000)\n");
    for number in 2..=count {
        text.push_str(&format!("- [ ] T{number:05} Task {number}\n"));
    }
    let (_, list) = parse(&text);
    assert_eq!(list.tasks.len(), count);
    let graph = TaskGraph::new(&list);
    assert_eq!(graph.waves.len(), count);
    // The circle closes only through the list's order: the note contradicts it, and is not
    // followed.
    assert!(graph.cycles.is_empty());
    assert_eq!(graph.invalid[0].kind, InvalidKind::Later(count - 1));
    assert!(graph.waits_for[0].is_empty());
}

#[test]
fn a_cycle_is_one_the_notes_state_both_ways() {
    let (_, list) = parse(
        "- [ ] T001 One (depends on T002)\n- [ ] T002 Two\n- [ ] T003 Three (depends on T004)\n- [ ] T004 Four (depends on T003)\n",
    );
    let graph = TaskGraph::new(&list);
    let found: Vec<InvalidKind> = graph.invalid.iter().map(|i| i.kind).collect();
    assert_eq!(found, [InvalidKind::Later(1), InvalidKind::Cycle(3)]);
    assert_eq!(graph.cycles, [vec![2, 3]]);
}
