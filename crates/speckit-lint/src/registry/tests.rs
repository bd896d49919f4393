use super::*;
use crate::check::check_feature;
use crate::dialect::BuiltinDialect;
use crate::input::{Content, EntryKind, FeatureInput, InputFile, Probe, ProjectProfile};
use crate::settings::Settings;

#[test]
fn codes_are_unique_ordered_and_well_formed() {
    let codes: Vec<&str> = RULES.iter().map(|rule| rule.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes must be unique and in order");
    for rule in RULES {
        assert!(
            rule.code.len() == 5 && rule.code.starts_with("SK"),
            "{}",
            rule.code
        );
        assert!(
            rule.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "{}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not kebab-case",
            rule.name
        );
        assert!(
            !rule.summary.is_empty() && !rule.explanation.is_empty(),
            "{}",
            rule.code
        );
        assert!(
            !rule.example.bad.is_empty() && !rule.example.good.is_empty(),
            "{}",
            rule.code
        );
        assert!(
            BuiltinDialect::from_name(rule.example.dialect).is_some(),
            "{}",
            rule.code
        );
    }
    let mut names: Vec<&str> = RULES.iter().map(|rule| rule.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), RULES.len(), "names must be unique");
}

#[test]
fn every_rule_says_what_it_does_not_flag() {
    for rule in RULES {
        assert!(
            !rule.not_flagged.what.trim().is_empty() && !rule.not_flagged.example.trim().is_empty(),
            "{}: say what the rule does not flag, with an example",
            rule.code
        );
        assert!(
            rule.example.standalone || !rule.not_flagged.standalone,
            "{}: only a standalone rule's not-flagged example is checked on its own",
            rule.code
        );
        assert!(
            !rule.explanation.contains("Not flagged:"),
            "{}: what the rule does not flag belongs in `not_flagged`",
            rule.code
        );
    }
}

#[test]
fn the_catalogue_codes_of_the_check_engine_exist() {
    for code in [
        "SK101", "SK102", "SK103", "SK104", "SK105", "SK106", "SK107", "SK108", "SK109", "SK201",
        "SK203", "SK301", "SK302", "SK303", "SK304", "SK305", "SK306", "SK307", "SK401", "SK402",
        "SK403", "SK501", "SK502", "SK503", "SK504", "SK505", "SK601",
    ] {
        assert!(find(code).is_some(), "{code} is missing from the registry");
    }
}

#[test]
fn selectors_resolve_codes_prefixes_and_names() {
    assert_eq!(select("SK30").len(), 7);
    assert_eq!(select("gate-failed").len(), 1);
    assert_eq!(select("ALL").len(), RULES.len());
    assert!(select("SK999").is_empty());
    assert_eq!(find("sk301").map(|r| r.name), Some("gate-failed"));
}

/// Everything exists: standalone examples are about their document, not its companions.
struct Everything;

impl Probe for Everything {
    fn entry(&self, _: &str) -> Option<EntryKind> {
        Some(EntryKind::Dir)
    }
    fn entry_from_root(&self, _: &str) -> Option<Option<EntryKind>> {
        Some(Some(EntryKind::File))
    }
}

/// The file an example is checked as, and its text: the file its first line names
/// (`tasks.md:`), else a plan.
fn example_file(text: &str) -> (&str, &str) {
    match text.split_once('\n') {
        Some((first, rest)) if first.ends_with(".md:") && !first.contains(' ') => {
            (first.trim_end_matches(':'), rest)
        }
        _ => ("plan.md", text),
    }
}

fn codes_found(rule: &Rule, text: &str) -> Vec<&'static str> {
    let profile = ProjectProfile::default();
    let (rel, text) = example_file(text);
    let input = FeatureInput {
        dir: "example".to_owned(),
        name: "001-example".to_owned(),
        files: vec![InputFile {
            path: format!("example/{rel}"),
            rel: rel.to_owned(),
            content: Content::Bytes(text.as_bytes().to_vec()),
            ignored: Vec::new(),
        }],
        probe: &Everything,
        project: &profile,
    };
    let settings = Settings {
        dialect: BuiltinDialect::from_name(rule.example.dialect),
        ..Settings::default()
    };
    let report = check_feature(&input, &settings);
    report.files[0]
        .diagnostics
        .iter()
        .map(|d| d.rule.code)
        .collect()
}

#[test]
fn standalone_examples_are_flagged_when_bad_and_not_when_good() {
    let standalone: Vec<&Rule> = RULES
        .iter()
        .copied()
        .filter(|r| r.example.standalone)
        .collect();
    assert!(
        standalone.len() >= 20,
        "most rules should have a checkable example"
    );
    for rule in standalone {
        let bad = codes_found(rule, rule.example.bad);
        assert!(
            bad.contains(&rule.code),
            "{}: bad example not flagged; found {bad:?}",
            rule.code
        );
        // The not-flagged example of a standalone rule is checked as the same kind of
        // document, unless it is itself a cross-file situation.
        let spared = rule
            .not_flagged
            .standalone
            .then_some(rule.not_flagged.example);
        for (which, text) in [("good", Some(rule.example.good)), ("not-flagged", spared)] {
            let Some(text) = text else { continue };
            assert_eq!(
                example_file(text).0,
                example_file(rule.example.bad).0,
                "{}: the {which} example is checked as the same kind of document",
                rule.code
            );
            let found = codes_found(rule, text);
            assert!(
                !found.contains(&rule.code),
                "{}: {which} example flagged; found {found:?}",
                rule.code
            );
        }
    }
}
