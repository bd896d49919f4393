use super::*;
use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::input::{Content, EntryKind, InputFile, Probe, ProjectProfile, kind_of};
use crate::report::{FeatureReport, FileReport};

/// A feature folder in memory: the input files, plus other entries that exist on "disk".
struct Memory(Vec<&'static str>);

impl Probe for Memory {
    fn entry(&self, path: &str) -> Option<EntryKind> {
        let path = path.trim_end_matches('/');
        if self.0.contains(&path) {
            return Some(EntryKind::File);
        }
        let prefix = format!("{path}/");
        self.0
            .iter()
            .any(|p| p.starts_with(&prefix))
            .then_some(EntryKind::Dir)
    }
    fn entry_from_root(&self, _: &str) -> Option<Option<EntryKind>> {
        None
    }
}

fn file(rel: &str, text: &str) -> InputFile {
    InputFile {
        path: format!("specs/001-x/{rel}"),
        rel: rel.to_owned(),
        content: Content::Bytes(text.as_bytes().to_vec()),
        ignored: Vec::new(),
    }
}

fn check(files: Vec<InputFile>, others: Vec<&'static str>, settings: &Settings) -> FeatureReport {
    let profile = ProjectProfile::default();
    let probe = Memory(others);
    let input = FeatureInput {
        dir: "specs/001-x".to_owned(),
        name: "001-x".to_owned(),
        files,
        probe: &probe,
        project: &profile,
    };
    check_feature(&input, settings)
}

fn codes(report: &FileReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.rule.code).collect()
}

const SPEC: &str =
    "# Feature Specification: Login\n\n**Created**: 2025-03-14\n\nUsers log in with email.\n";

#[test]
fn kinds_come_from_names_and_folders() {
    assert_eq!(kind_of("plan.md"), FileKind::Plan);
    assert_eq!(kind_of("features/F-1/impl-plan.md"), FileKind::Plan);
    assert_eq!(kind_of("checklists/requirements.md"), FileKind::Checklist);
    assert_eq!(kind_of("checklist.md"), FileKind::Checklist);
    assert_eq!(
        kind_of(".specify/memory/constitution.md"),
        FileKind::Constitution
    );
    assert_eq!(kind_of("research.md"), FileKind::Other);
    assert_eq!(kind_of("notes/tasks.md"), FileKind::Tasks);
}

#[test]
fn an_untouched_template_is_one_finding_and_nothing_else() {
    for dialect in BuiltinDialect::ALL {
        let report = check(
            vec![file("plan.md", dialect.plan_template())],
            Vec::new(),
            &Settings::default(),
        );
        let plan = &report.files[0];
        assert_eq!(codes(plan), ["SK105"], "{dialect:?}");
        assert_eq!(plan.verdict, Verdict::Incomplete);
        assert!(plan.diagnostics[0].message.contains("unfilled template"));
    }
}

#[test]
fn markers_choose_the_dialect_and_settings_override_them() {
    let leveled = "<!-- SPECKIT_LEVEL: 1 -->\n# Implementation Plan: X\n";
    let report = check(
        vec![file("plan.md", leveled)],
        Vec::new(),
        &Settings::default(),
    );
    assert_eq!(report.dialect, "leveled");
    let forced = Settings {
        dialect: Some(BuiltinDialect::Gated),
        ..Settings::default()
    };
    let report = check(vec![file("plan.md", leveled)], Vec::new(), &forced);
    assert_eq!(report.dialect, "gated");
    let epic = check(
        vec![file("impl-plan.md", "# Implementation Plan: F-1\n")],
        Vec::new(),
        &Settings::default(),
    );
    assert_eq!(epic.dialect, "epic");
}

#[test]
fn a_custom_project_template_is_the_schema() {
    let template = "# Launch Brief: [PRODUCT]\n\n## Audience\n\n[Who is it for?]\n\n## Rollout Waves\n\n[Waves]\n";
    let profile = ProjectProfile::new(Some(template), None);
    let plan = "# Launch Brief: Atlas\n\n## Audience\n\n[Who is it for?]\n";
    let probe = Memory(vec!["spec.md"]);
    let input = FeatureInput {
        dir: "d".to_owned(),
        name: "001-x".to_owned(),
        files: vec![file("plan.md", plan), file("spec.md", SPEC)],
        probe: &probe,
        project: &profile,
    };
    let settings = Settings {
        stage: Some(Stage::Clarified),
        ..Settings::default()
    };
    let report = check_feature(&input, &settings);
    assert_eq!(report.dialect, "custom");
    let plan_codes = codes(&report.files[0]);
    assert!(
        plan_codes.contains(&"SK101"),
        "Rollout Waves is missing: {plan_codes:?}"
    );
    assert!(
        plan_codes.contains(&"SK104"),
        "the template's prompt was kept: {plan_codes:?}"
    );
}

#[test]
fn clarifications_are_allowed_before_research_and_errors_after() {
    let plan =
        "# Implementation Plan: X\n\n## Technical Context\n\n**Storage**: NEEDS CLARIFICATION\n";
    let early = Settings {
        stage: Some(Stage::Clarified),
        ..Settings::default()
    };
    let report = check(
        vec![file("plan.md", plan), file("spec.md", SPEC)],
        Vec::new(),
        &early,
    );
    let found = &report.files[0].diagnostics;
    let clarification = found.iter().find(|d| d.rule.code == "SK201").unwrap();
    assert_eq!(clarification.severity, Severity::Info);

    let late = Settings {
        stage: Some(Stage::Researched),
        ..Settings::default()
    };
    let report = check(
        vec![file("plan.md", plan), file("spec.md", SPEC)],
        Vec::new(),
        &late,
    );
    assert!(
        codes(&report.files[0]).contains(&"SK203"),
        "no research.md decides it"
    );

    let research = "# Research\n\n## Storage\n\n**Decision**: PostgreSQL\n";
    let report = check(
        vec![
            file("plan.md", plan),
            file("spec.md", SPEC),
            file("research.md", research),
        ],
        Vec::new(),
        &late,
    );
    let plan_codes = codes(&report.files[0]);
    assert!(
        plan_codes.contains(&"SK201") && !plan_codes.contains(&"SK203"),
        "{plan_codes:?}"
    );
}

#[test]
fn companions_follow_the_stage_and_what_the_plan_promises() {
    let promising = "# Implementation Plan: X\n\n```text\n├── research.md\n├── data-model.md\n├── quickstart.md\n└── contracts/\n```\n";
    let silent = "# Implementation Plan: X\n\nText.\n";
    let missing = |plan: &str, stage: Stage| -> Vec<(String, Severity)> {
        let settings = Settings {
            stage: Some(stage),
            ..Settings::default()
        };
        let report = check(
            vec![file("plan.md", plan), file("spec.md", SPEC)],
            vec!["research.md"],
            &settings,
        );
        report.files[0]
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == "SK401")
            .map(|d| (d.message.clone(), d.severity))
            .collect()
    };
    let error = |message: &str| (message.to_owned(), Severity::Error);
    assert_eq!(
        missing(promising, Stage::Designed),
        [
            error("data-model.md is missing"),
            error("quickstart.md is missing"),
            error("contracts/ is missing or empty"),
        ]
    );
    assert!(missing(promising, Stage::Researched).is_empty());
    // A plan that mentions none of them, for a spec that defines no entities or interfaces.
    assert!(missing(silent, Stage::Designed).is_empty());
}

#[test]
fn a_failing_gate_blocks_the_feature() {
    let plan = "# Implementation Plan: X\n\n## Constitution Check\n\n| Gate | Status |\n|---|---|\n| Simplicity | ❌ FAIL |\n";
    let report = check(
        vec![file("plan.md", plan), file("spec.md", SPEC)],
        Vec::new(),
        &Settings::default(),
    );
    assert_eq!(report.files[0].verdict, Verdict::Blocked);
    assert_eq!(report.verdict, Verdict::Blocked);
}

#[test]
fn bad_bytes_make_a_file_invalid_and_the_rest_is_still_checked() {
    let report = check(
        vec![
            InputFile {
                content: Content::Bytes(b"# Spec\n\nThe user\x92s login [DATE]\n".to_vec()),
                ..file("spec.md", "")
            },
            InputFile {
                content: Content::Bytes(b"\x89PNG\x00\x00".to_vec()),
                ..file("tasks.md", "")
            },
            InputFile {
                content: Content::Unreadable("permission denied".to_owned()),
                ..file("checklists/a.md", "")
            },
            InputFile {
                content: Content::TooLarge {
                    size: Some(9),
                    limit: 8,
                },
                ..file("research.md", "")
            },
        ],
        Vec::new(),
        &Settings::default(),
    );
    let verdicts: Vec<Verdict> = report.files.iter().map(|f| f.verdict).collect();
    assert_eq!(verdicts, [Verdict::Invalid; 4]);
    // A feature with tasks.md is judged at `tasked`, which needs a plan: the spec says so.
    assert_eq!(report.stage, Stage::Tasked);
    assert_eq!(codes(&report.files[0]), ["SK401", "SK002", "SK104"]);
    assert_eq!(codes(&report.files[1]), ["SK003"]);
    assert_eq!(codes(&report.files[2]), ["SK001"]);
    assert_eq!(codes(&report.files[3]), ["SK004"]);
}

#[test]
fn per_file_ignores_and_disabled_rules_drop_findings() {
    let plan = "# Implementation Plan: X\n\n**Date**: [DATE]\n";
    let mut settings = Settings {
        stage: Some(Stage::Clarified),
        ..Settings::default()
    };
    let report = check(
        vec![file("plan.md", plan), file("spec.md", SPEC)],
        Vec::new(),
        &settings,
    );
    assert!(codes(&report.files[0]).contains(&"SK104"));
    settings.ignore(&crate::registry::select("SK104"));
    let report = check(
        vec![file("plan.md", plan), file("spec.md", SPEC)],
        Vec::new(),
        &settings,
    );
    assert!(!codes(&report.files[0]).contains(&"SK104"));
}
