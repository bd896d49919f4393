//! Fixture-driven rule tests.
//!
//! Each folder `tests/fixtures/<CODE>/<case>/` is a feature folder (or a lone file) checked as
//! it stands, with an optional `case.toml` naming the `dialect` and `stage`. A case named
//! `bad-*` must produce at least one finding of `<CODE>`, a case named `good-*` none. Every
//! case's findings are also kept as an insta snapshot (`tests/snapshots/`), so any change in
//! what speckit says about a fixture shows up in review.

// A test that cannot read its own fixtures should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use speckit_lint::render::{Format, Options, ReportWriter};
use speckit_lint::{
    BuiltinDialect, Content, EntryKind, FeatureInput, InputFile, Probe, ProjectProfile, Settings,
    Stage, check_feature,
};

struct Folder(PathBuf);

impl Probe for Folder {
    fn entry(&self, path: &str) -> Option<EntryKind> {
        let path = self.0.join(path);
        let metadata = fs::metadata(&path).ok()?;
        if !metadata.is_dir() {
            return Some(EntryKind::File);
        }
        let empty = fs::read_dir(&path).map_or(true, |mut entries| entries.next().is_none());
        Some(if empty {
            EntryKind::EmptyDir
        } else {
            EntryKind::Dir
        })
    }

    fn entry_from_root(&self, path: &str) -> Option<Option<EntryKind>> {
        Some(self.entry(path))
    }
}

#[derive(Default)]
struct Case {
    dialect: Option<String>,
    stage: Option<String>,
    template: Option<String>,
}

fn read_case(dir: &Path) -> Case {
    let Ok(text) = fs::read_to_string(dir.join("case.toml")) else {
        return Case::default();
    };
    let mut case = Case::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_owned();
        match key.trim() {
            "dialect" => case.dialect = Some(value),
            "stage" => case.stage = Some(value),
            "template" => case.template = Some(value),
            other => panic!("{}: unknown key {other}", dir.display()),
        }
    }
    case
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name() != Some("template.md".as_ref())
        {
            out.push(path);
        }
    }
}

/// Checks one case folder and renders its findings as concise lines.
fn run_case(dir: &Path) -> String {
    let case = read_case(dir);
    let mut paths = Vec::new();
    files_under(dir, &mut paths);
    let files = paths
        .iter()
        .map(|path| {
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            InputFile {
                path: rel.clone(),
                rel,
                content: Content::Bytes(fs::read(path).unwrap()),
                ignored: Vec::new(),
            }
        })
        .collect();
    let template = case
        .template
        .as_ref()
        .map(|name| fs::read_to_string(dir.join(name)).unwrap());
    let profile = ProjectProfile::new(template.as_deref(), None);
    let probe = Folder(dir.to_path_buf());
    let input = FeatureInput {
        dir: ".".to_owned(),
        name: dir_name(dir),
        files,
        probe: &probe,
        project: &profile,
    };
    let mut settings = Settings::default();
    settings.dialect = case
        .dialect
        .as_deref()
        .map(|d| BuiltinDialect::from_name(d).expect("dialect"));
    settings.stage = case
        .stage
        .as_deref()
        .map(|s| Stage::parse(s).expect("stage"));
    let report = check_feature(&input, &settings);
    let mut out = Vec::new();
    let options = Options {
        color: false,
        tool_version: "test".to_owned(),
        show_ready: true,
    };
    let mut writer = ReportWriter::new(Format::Concise, &mut out, options).unwrap();
    writer.feature(&report).unwrap();
    writer.finish().unwrap();
    let mut text = String::from_utf8(out).unwrap();
    text.push_str(&format!(
        "verdict: {} ({})\n",
        report.verdict, report.dialect
    ));
    text
}

fn dir_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut rules: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule_dir in rules.iter().filter(|p| p.is_dir()) {
        let code = dir_name(rule_dir);
        let mut case_dirs: Vec<PathBuf> = fs::read_dir(rule_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        case_dirs.sort();
        let mut kinds = (0, 0);
        for case_dir in case_dirs.iter().filter(|p| p.is_dir()) {
            cases += 1;
            let name = dir_name(case_dir);
            let output = run_case(case_dir);
            let fired = output
                .lines()
                .any(|line| line.split(' ').nth(1) == Some(code.as_str()));
            if name.starts_with("bad") {
                kinds.0 += 1;
                if !fired {
                    failures.push(format!("{code}/{name}: expected {code}, got\n{output}"));
                }
            } else if name.starts_with("good") {
                kinds.1 += 1;
                if fired {
                    failures.push(format!("{code}/{name}: unexpected {code} in\n{output}"));
                }
            } else {
                failures.push(format!("{code}/{name}: case names start with bad or good"));
            }
            insta::assert_snapshot!(format!("{code}__{name}"), output);
        }
        if kinds.0 == 0 || kinds.1 == 0 {
            failures.push(format!("{code}: needs at least one bad and one good case"));
        }
    }
    assert!(cases > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let missing: Vec<&str> = speckit_lint::RULES
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !root.join(code).is_dir())
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}
