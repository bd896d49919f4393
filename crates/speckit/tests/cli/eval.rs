//! The judgement evaluation: speckit's findings on real repositories, against a reviewer's
//! verdicts (`eval/`, described in eval/README.md).
//!
//! Every finding speckit reports today on the evaluation repositories (errors and warnings;
//! notes do not claim anything is wrong) is matched with the hand-judged findings of
//! `eval/labels.tsv` by file, line and rule. The test prints precision per rule and per split
//! (repositories rules were tuned on, and held-out ones), the share of findings judged true that
//! are still reported, and recall on `eval/misses.tsv`, the problems a reviewer found that
//! speckit should report. It fails when one of these falls below its floor in
//! `eval/floors.tsv`. Run it alone, with the table:
//! `cargo test -p speckit --test cli eval -- --nocapture`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use crate::support::{speckit, workspace};

/// A finding as the evaluation identifies it: its file (from the workspace root), line and
/// rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    path: String,
    line: u64,
    code: String,
}

/// A reviewer's verdict on one finding.
struct Label {
    repository: String,
    key: Key,
    right: bool,
}

/// Which repositories rules were tuned on, and which were held out.
fn splits() -> HashMap<String, String> {
    rows("eval/REPOS.tsv")
        .into_iter()
        .map(|row| (column(&row, 0), column(&row, 2)))
        .collect()
}

/// The data rows of a tab-separated file of `eval/` (its header and `#` lines skipped).
fn rows(name: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(workspace().join(name)).expect("the evaluation file exists");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

fn column(row: &[String], index: usize) -> String {
    row.get(index)
        .cloned()
        .unwrap_or_else(|| panic!("row {row:?} has no column {index}"))
}

fn key_of(row: &[String], path: usize) -> Key {
    Key {
        path: column(row, path),
        line: column(row, path + 1)
            .parse()
            .unwrap_or_else(|_| panic!("row {row:?}: the line is a number")),
        code: column(row, path + 2),
    }
}

fn labels() -> Vec<Label> {
    rows("eval/labels.tsv")
        .iter()
        .map(|row| Label {
            repository: column(row, 0),
            key: key_of(row, 1),
            right: match column(row, 4).as_str() {
                "TRUE" => true,
                "FALSE" => false,
                other => panic!("row {row:?}: the verdict is TRUE or FALSE, not {other}"),
            },
        })
        .collect()
}

/// What speckit reports (errors and warnings) on the evaluation folders, by finding.
fn findings() -> HashMap<Key, String> {
    let root = workspace();
    let mut targets = vec!["corpus/features".to_owned()];
    let repos = root.join("eval/repos");
    let mut names: Vec<String> = fs::read_dir(&repos)
        .expect("eval/repos exists")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    targets.extend(names.into_iter().map(|name| format!("eval/repos/{name}")));
    let mut out = HashMap::new();
    for target in targets {
        let output = speckit(&root, &["check", &target, "--format", "json"]);
        let document: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("`speckit check {target}` prints JSON"));
        for file in document["files"]
            .as_array()
            .expect("the document lists files")
        {
            let path = file["path"].as_str().expect("a file has a path");
            if is_stub_only(&root.join(path)) {
                continue;
            }
            for finding in file["diagnostics"]
                .as_array()
                .expect("a file lists findings")
            {
                if finding["severity"] == "info" {
                    continue;
                }
                let key = Key {
                    path: path.to_owned(),
                    line: finding["line"].as_u64().expect("a finding has a line"),
                    code: finding["code"]
                        .as_str()
                        .expect("a finding has a code")
                        .to_owned(),
                };
                let message = finding["message"].as_str().unwrap_or_default().to_owned();
                out.insert(key, message);
            }
        }
    }
    out
}

/// Whether `path` is an empty file, or lies in a folder holding nothing but empty files: the
/// held-out repositories keep the files their artifacts link to as empty stubs, so that links
/// resolve, and what is found in them says nothing of the repository's artifacts.
fn is_stub_only(path: &Path) -> bool {
    fn sizes(dir: &Path, out: &mut Vec<u64>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sizes(&path, out);
            } else if let Ok(metadata) = entry.metadata() {
                out.push(metadata.len());
            }
        }
    }
    if fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return true;
    }
    let mut all = Vec::new();
    if let Some(folder) = path.parent() {
        sizes(folder, &mut all);
    }
    !all.is_empty() && all.iter().all(|&size| size == 0)
}

/// The repository a reported file belongs to: the corpus folder's, or the evaluation
/// folder's.
fn repository_of(path: &str, corpus: &HashMap<String, String>) -> Option<String> {
    if let Some(rest) = path.strip_prefix("eval/repos/") {
        let folder = rest.split('/').next()?;
        return Some(folder.replacen("__", "/", 1));
    }
    let folder = path
        .strip_prefix("corpus/")?
        .split('/')
        .take(2)
        .collect::<Vec<_>>();
    corpus.get(&folder.join("/")).cloned()
}

/// Precision counts of one rule or split.
#[derive(Default)]
struct Tally {
    right: usize,
    wrong: usize,
    unjudged: usize,
}

impl Tally {
    fn precision(&self) -> Option<f64> {
        let judged = self.right + self.wrong;
        (judged > 0).then(|| self.right as f64 * 100.0 / judged as f64)
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}%"))
}

#[test]
fn findings_are_as_right_as_the_reviewer_judged() {
    let splits = splits();
    let corpus: HashMap<String, String> = rows("corpus/MANIFEST.tsv")
        .iter()
        .map(|row| (column(row, 0), column(row, 1)))
        .collect();
    let labels = labels();
    let reported = findings();

    let split_of = |repository: &str| -> String {
        splits
            .get(repository)
            .cloned()
            .unwrap_or_else(|| panic!("{repository} is not in eval/REPOS.tsv"))
    };
    let mut per_rule: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut per_split: BTreeMap<String, Tally> = BTreeMap::new();
    let mut lost = Vec::new();
    let mut judged: HashMap<&Key, bool> = HashMap::new();
    for label in &labels {
        assert!(
            judged.insert(&label.key, label.right).is_none(),
            "{:?} is judged twice in eval/labels.tsv",
            label.key
        );
        let split = split_of(&label.repository);
        if !reported.contains_key(&label.key) {
            if label.right {
                lost.push(&label.key);
            }
            continue;
        }
        for tally in [
            per_rule
                .entry((split.clone(), label.key.code.clone()))
                .or_default(),
            per_split.entry(split.clone()).or_default(),
        ] {
            if label.right {
                tally.right += 1;
            } else {
                tally.wrong += 1;
            }
        }
    }
    for (key, _) in reported.iter().filter(|(key, _)| !judged.contains_key(key)) {
        let Some(repository) = repository_of(&key.path, &corpus) else {
            continue;
        };
        let Some(split) = splits.get(&repository) else {
            continue;
        };
        per_rule
            .entry((split.clone(), key.code.clone()))
            .or_default()
            .unjudged += 1;
        per_split.entry(split.clone()).or_default().unjudged += 1;
    }

    println!("split     rule   true  false  unjudged  precision");
    for ((split, code), tally) in &per_rule {
        println!(
            "{split:<9} {code:<6} {:>4}  {:>5}  {:>8}  {:>9}",
            tally.right,
            tally.wrong,
            tally.unjudged,
            percent(tally.precision())
        );
    }
    for (split, tally) in &per_split {
        println!(
            "{split:<9} all    {:>4}  {:>5}  {:>8}  {:>9}",
            tally.right,
            tally.wrong,
            tally.unjudged,
            percent(tally.precision())
        );
    }

    let misses = rows("eval/misses.tsv");
    let found: Vec<bool> = misses
        .iter()
        .map(|row| {
            let want = key_of(row, 1);
            reported.keys().any(|key| {
                key.path == want.path && key.code == want.code && key.line.abs_diff(want.line) <= 2
            })
        })
        .collect();
    let caught = found.iter().filter(|&&f| f).count();
    let true_labels = labels.iter().filter(|label| label.right).count();
    println!(
        "true findings still reported: {} of {true_labels}",
        true_labels - lost.len()
    );
    for key in &lost {
        println!(
            "  no longer reported: {}:{} {}",
            key.path, key.line, key.code
        );
    }
    println!("misses caught: {caught} of {}", misses.len());
    for (row, found) in misses.iter().zip(&found) {
        if !found {
            println!("  missed: {}", row.join("  "));
        }
    }

    for row in rows("eval/floors.tsv") {
        let (what, floor) = (column(&row, 0), column(&row, 1));
        let floor: f64 = floor.parse().expect("a floor is a number");
        let measured = if what == "misses" {
            Some(caught as f64 * 100.0 / misses.len().max(1) as f64)
        } else if what == "true-kept" {
            Some((true_labels - lost.len()) as f64 * 100.0 / true_labels.max(1) as f64)
        } else {
            per_split.get(&what).and_then(Tally::precision)
        };
        let measured = measured.unwrap_or_else(|| panic!("nothing measured for {what}"));
        assert!(
            measured + 1e-9 >= floor,
            "{what}: {measured:.1}% is below its floor of {floor}% (eval/floors.tsv)"
        );
    }
}

/// No rule is more than a share of the judged set, so that precision overall is not one rule's.
#[test]
fn no_rule_dominates_the_judged_set() {
    const MOST_PERCENT: usize = 15;
    let labels = labels();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for label in &labels {
        *per_rule.entry(label.key.code.as_str()).or_default() += 1;
    }
    for (code, count) in per_rule {
        assert!(
            count * 100 <= labels.len() * MOST_PERCENT,
            "{code} is {count} of the {} judged findings, more than {MOST_PERCENT}%",
            labels.len()
        );
    }
}

/// The evaluation's files are where the test reads them.
#[test]
fn every_judged_file_exists() {
    let root = workspace();
    for label in labels() {
        assert!(
            Path::new(&root).join(&label.key.path).is_file(),
            "eval/labels.tsv judges a finding in {}, which does not exist",
            label.key.path
        );
    }
}
