//! Fixture-driven rule tests.
//!
//! Each folder `tests/fixtures/<CODE>/<case>/` is a feature folder (or a lone file) checked as
//! it stands. A case named `bad-*` must produce at least one finding of `<CODE>`; a case named
//! `good-*` no error or warning of `<CODE>` (an info note, such as a plan's open question before
//! the stage that must answer it, is not an alarm). Every case's findings are also kept as an
//! insta snapshot (`tests/snapshots/`), one concise line each with its severity, so any change in
//! what speckit says about a fixture, or how loudly, shows up in review.
//!
//! An optional `case.toml` holds `key = "value"` lines (and `#` comments saying why):
//!
//! - `dialect`: check with this built-in dialect instead of detecting one;
//! - `stage`: check at this stage instead of the default;
//! - `template`: a file in the case folder holding the project's own plan template (it is the
//!   schema, and is not checked itself);
//! - `constitution`: a file in the case folder holding the project's constitution, whose
//!   version plans are compared with (not checked itself);
//! - `spec-template`: a file in the case folder holding the project's own spec template (the
//!   schema of its specs; not checked itself);
//! - `overview`: a file in the case folder holding the project's Overview spec (`ssd`; not
//!   analysed itself);
//! - `max-file-size`: the size limit in bytes; a larger file is handed to the core as
//!   [`Content::TooLarge`], as the disk edge does, instead of being read.
//!
//! The cases of the analysis rules (SK8xx) are run through `speckit analyze`'s core instead of
//! the check, and their snapshot adds the coverage table, one row a line.
//!
//! Files are handed over the way the disk edge does, so what the edge reports can be expressed
//! on disk: a folder named `*.md` (`plan.md/`) stands where a file belongs and is handed over as
//! [`Content::Unreadable`] (a `.keep` file inside lets git keep it; nothing in it is read).
//! Odd bytes (invalid UTF-8, NUL) are written into the fixture file as they are.

// A test that cannot read its own fixtures should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use speckit_lint::analyze::analyze_feature;
use speckit_lint::render::{Format, Options, ReportWriter};
use speckit_lint::{
    BuiltinDialect, Content, Diagnostic, EntryKind, FeatureInput, InputFile, Probe, ProjectProfile,
    Settings, Severity, Stage, check_feature,
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
    constitution: Option<String>,
    spec_template: Option<String>,
    overview: Option<String>,
    max_file_size: Option<u64>,
}

impl Case {
    /// The project files the case names, which are context for the check, not artifacts.
    fn project_files(&self) -> impl Iterator<Item = &str> {
        self.template
            .iter()
            .chain(&self.constitution)
            .chain(&self.spec_template)
            .chain(&self.overview)
            .map(String::as_str)
    }
}

/// What the disk edge says about a folder found where a file belongs.
const DIRECTORY_REASON: &str = "it is a directory, where a file is expected";

fn read_case(dir: &Path) -> Case {
    let Ok(text) = fs::read_to_string(dir.join("case.toml")) else {
        return Case::default();
    };
    let mut case = Case::default();
    for line in text.lines() {
        // `#` lines say why the case is set up the way it is.
        if line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_owned();
        match key.trim() {
            "dialect" => case.dialect = Some(value),
            "stage" => case.stage = Some(value),
            "template" => case.template = Some(value),
            "constitution" => case.constitution = Some(value),
            "spec-template" => case.spec_template = Some(value),
            "overview" => case.overview = Some(value),
            "max-file-size" => {
                let limit = value.parse().unwrap_or_else(|_| {
                    panic!(
                        "{}: max-file-size {value} is not a byte count",
                        dir.display()
                    )
                });
                case.max_file_size = Some(limit);
            }
            other => panic!("{}: unknown key {other}", dir.display()),
        }
    }
    case
}

/// The Markdown artifacts under `dir`, in path order: files named `*.md` (except the project
/// files in `skip`), and folders named `*.md`, which stand where a file belongs.
fn files_under(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|e| e == "md") {
            if !skip.contains(&path) {
                out.push(path);
            }
        } else if path.is_dir() {
            files_under(&path, skip, out);
        }
    }
}

/// A file's content as the disk edge hands it over: a folder is unreadable, and a file over
/// the case's size limit is not read. `line_ends` rewrites the bytes' line ends.
fn load(path: &Path, limit: Option<u64>, line_ends: LineEnds) -> Content {
    if path.is_dir() {
        return Content::Unreadable(DIRECTORY_REASON.to_owned());
    }
    let size = fs::metadata(path).unwrap().len();
    match limit {
        Some(limit) if size > limit => Content::TooLarge {
            size: Some(size),
            limit,
        },
        _ => Content::Bytes(line_ends.apply(&fs::read(path).unwrap())),
    }
}

/// The line ends a case's artifacts are handed over with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineEnds {
    /// As the fixture files have them.
    AsWritten,
    Crlf,
    /// A lone CR, as old Mac editors save.
    Cr,
    /// LF, lone CR and CRLF in turn, line after line.
    Mixed,
}

impl LineEnds {
    fn apply(self, bytes: &[u8]) -> Vec<u8> {
        // A binary file has no lines.
        if self == Self::AsWritten || bytes.contains(&0) {
            return bytes.to_vec();
        }
        let mut out = Vec::with_capacity(bytes.len() * 2);
        let mut line = 0;
        let mut rest = bytes;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let content = &rest[..end];
            out.extend_from_slice(content.strip_suffix(b"\r").unwrap_or(content));
            let ending: &[u8] = match self {
                Self::Crlf => b"\r\n",
                Self::Cr => b"\r",
                _ => [&b"\n"[..], b"\r", b"\r\n"][line % 3],
            };
            out.extend_from_slice(ending);
            line += 1;
            rest = &rest[end + 1..];
        }
        out.extend_from_slice(rest);
        out
    }
}

/// What speckit said about a case.
struct Outcome {
    /// The snapshot: one concise line per finding, its severity after the code, then the
    /// verdict.
    text: String,
    /// Each finding's code and severity.
    findings: Vec<(&'static str, Severity)>,
}

/// Checks one case folder, or analyses it (`analyze`), its artifacts' line ends rewritten.
fn run_case(dir: &Path, analyze: bool, line_ends: LineEnds) -> Outcome {
    let case = read_case(dir);
    let skip: Vec<PathBuf> = case.project_files().map(|name| dir.join(name)).collect();
    let mut paths = Vec::new();
    files_under(dir, &skip, &mut paths);
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
                content: load(path, case.max_file_size, line_ends),
                ignored: Vec::new(),
            }
        })
        .collect();
    let read = |name: &String| fs::read_to_string(dir.join(name)).unwrap();
    let template = case.template.as_ref().map(read);
    let constitution = case.constitution.as_ref().map(read);
    let mut profile = ProjectProfile::new(template.as_deref(), constitution.as_deref());
    if let Some(spec_template) = &case.spec_template {
        profile = profile.with_spec_template(&read(spec_template));
    }
    if let Some(overview) = &case.overview {
        profile = profile.with_overview(overview, &read(overview));
    }
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
    let (report, coverage) = if analyze {
        let analysis = analyze_feature(&input, &settings);
        (analysis.report, analysis.coverage)
    } else {
        (check_feature(&input, &settings), Vec::new())
    };
    let mut out = Vec::new();
    let options = Options {
        color: false,
        tool_version: "test".to_owned(),
        show_ready: true,
    };
    let mut writer = ReportWriter::new(Format::Concise, &mut out, options).unwrap();
    writer.feature(&report).unwrap();
    writer.finish(&[]).unwrap();
    let diagnostics: Vec<&Diagnostic> = report
        .files
        .iter()
        .flat_map(|file| &file.diagnostics)
        .collect();
    // Concise output has one line per finding, in report order, and no severity: add it after
    // the code, since how loudly a rule speaks (a missing subsection is a warning, an open
    // question before research a note) is part of what the fixtures pin.
    let concise = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), diagnostics.len(), "{}", dir.display());
    let mut text = String::new();
    for (line, diagnostic) in lines.iter().zip(&diagnostics) {
        let code = diagnostic.rule.code;
        let needle = format!(": {code} ");
        let (position, message) = line.split_once(&needle).unwrap();
        let severity = diagnostic.severity;
        text.push_str(&format!("{position}: {code} {severity}: {message}\n"));
    }
    for row in &coverage {
        text.push_str(&format!(
            "coverage: {} {} tasks=[{}] plan=[{}]\n",
            row.id,
            row.status.as_str(),
            row.tasks.join(", "),
            row.plan_sections.join(", ")
        ));
    }
    text.push_str(&format!(
        "verdict: {} ({})\n",
        report.verdict, report.dialect
    ));
    let findings = diagnostics
        .iter()
        .map(|d| (d.rule.code, d.severity))
        .collect();
    Outcome { text, findings }
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
            let Outcome {
                text: output,
                findings,
            } = run_case(case_dir, code.starts_with("SK8"), LineEnds::AsWritten);
            let of_rule = || findings.iter().filter(|(found, _)| *found == code);
            if name.starts_with("bad") {
                kinds.0 += 1;
                if of_rule().next().is_none() {
                    failures.push(format!("{code}/{name}: expected {code}, got\n{output}"));
                }
            } else if name.starts_with("good") {
                kinds.1 += 1;
                if of_rule().any(|&(_, severity)| severity > Severity::Info) {
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

/// Every case says the same, line numbers included, whether its files end their lines with
/// LF, CRLF, a lone CR or a mix of the three (the size limit's cases aside: CRLF makes a file
/// larger).
#[test]
fn every_fixture_reads_alike_with_any_line_ends() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut rules: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    for rule_dir in rules.iter().filter(|p| p.is_dir()) {
        let code = dir_name(rule_dir);
        let mut case_dirs: Vec<PathBuf> = fs::read_dir(rule_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        case_dirs.sort();
        for case_dir in case_dirs.iter().filter(|p| p.is_dir()) {
            if read_case(case_dir).max_file_size.is_some() {
                continue;
            }
            let analyze = code.starts_with("SK8");
            let lf = run_case(case_dir, analyze, LineEnds::AsWritten).text;
            for line_ends in [LineEnds::Crlf, LineEnds::Cr, LineEnds::Mixed] {
                let other = run_case(case_dir, analyze, line_ends).text;
                if other != lf {
                    failures.push(format!(
                        "{code}/{}: {line_ends:?}\n{other}\nLF:\n{lf}",
                        dir_name(case_dir)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
