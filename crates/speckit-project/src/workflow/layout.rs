//! The feature layouts of the other dialects: `epic` (features inside an epic, with its
//! execution plan and design map) and `leveled` (level files, `scratch/` and `memory/`).

use crate::path_text::join;
use std::path::Path;

use crate::read;
use crate::workflow::fsutil::{FsError, create_dirs, write_new};

/// The dialect recorded by `speckit init` in `.specify/init-options.json` (`speckit` when none).
#[must_use]
pub fn project_dialect(root: &str) -> String {
    let options = join(root, ".specify/init-options.json");
    read::read_text_bounded(Path::new(&options), read::CONFIG_LIMIT)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("dialect").and_then(|d| d.as_str()).map(str::to_owned))
        .unwrap_or_else(|| "speckit".to_owned())
}

/// The plan file's name in a feature folder of `dialect`.
#[must_use]
pub fn plan_file_name(dialect: &str) -> &'static str {
    if dialect == "epic" {
        "impl-plan.md"
    } else {
        "plan.md"
    }
}

/// An epic's place: `plans/<scope>/<service>/<EPIC-ID>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpicPath {
    /// The product area.
    pub scope: String,
    /// The service or system.
    pub service: String,
    /// The epic's ID.
    pub epic: String,
}

/// Why an epic path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid --epic '{0}': expected SCOPE/SERVICE/EPIC-ID, three names made of letters, digits, '.', '_' or '-' (no '..')"
)]
pub struct EpicPathError(String);

/// Parses `SCOPE/SERVICE/EPIC-ID`, refusing anything that could leave `plans/`.
///
/// # Errors
/// Not three segments, or a segment that is empty, `.`, `..` or holds other characters.
pub fn parse_epic(value: &str) -> Result<EpicPath, EpicPathError> {
    let parts: Vec<&str> = value.split('/').collect();
    let valid = |part: &str| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    match parts.as_slice() {
        [scope, service, epic] if valid(scope) && valid(service) && valid(epic) => Ok(EpicPath {
            scope: (*scope).to_owned(),
            service: (*service).to_owned(),
            epic: (*epic).to_owned(),
        }),
        _ => Err(EpicPathError(value.to_owned())),
    }
}

impl EpicPath {
    /// The epic folder under `root`.
    #[must_use]
    pub fn dir(&self, root: &str) -> String {
        join(
            root,
            &format!("plans/{}/{}/{}", self.scope, self.service, self.epic),
        )
    }
}

fn exec_plan(epic: &EpicPath) -> String {
    format!(
        "# ExecPlan: {id}\n\n\
         **Scope**: {scope} | **Service or system**: {service}\n\n\
         A living plan for the whole epic: keep it current as features land.\n\n\
         ## Purpose / Big Picture\n\n[What the epic changes for its users, and how to see it working]\n\n\
         ## Progress\n\n- [ ] [YYYY-MM-DD HH:MMZ] [First milestone]\n\n\
         ## Surprises & Discoveries\n\n- [What was learned while building, with evidence]\n\n\
         ## Decision Log\n\n- Decision: [what]\n  Rationale: [why]\n  Date: [YYYY-MM-DD]\n\n\
         ## Outcomes & Retrospective\n\n[What was achieved, what remains, what was learned]\n\n\
         ## Related Features / Specs\n\n- [features/NNN-name/spec.md]\n\n\
         ## Plan of Work\n\n[The sequence of changes across the epic's features]\n\n\
         ## Artifacts and Notes\n\n- Design map: `design/index.md`\n",
        id = epic.epic,
        scope = epic.scope,
        service = epic.service,
    )
}

fn design_index(epic: &EpicPath) -> String {
    format!(
        "# Design Map: {id}\n\n\
         Shared design of the epic's features: the entities, interfaces and invariants more than\n\
         one feature relies on, and which feature owns each.\n\n\
         ## Shared Entities\n\n| Entity | Owner feature | Defined in |\n|--------|---------------|------------|\n| [Entity] | [features/NNN-name] | [data-model.md section] |\n\n\
         ## Shared Interfaces\n\n| Interface | Owner feature | Contract |\n|-----------|---------------|----------|\n| [API or event] | [features/NNN-name] | [contracts/ file] |\n\n\
         ## Invariants\n\n- [A rule every feature of the epic keeps]\n",
        id = epic.epic
    )
}

/// Adds the epic's shared files (kept if they exist) and the feature's `checklists/` folder.
///
/// # Errors
/// A file or folder cannot be written.
pub fn scaffold_epic(
    root: &str,
    epic: &EpicPath,
    feature_dir: &str,
) -> Result<Vec<String>, FsError> {
    let dir = epic.dir(root);
    let mut written = Vec::new();
    let within = Path::new(root);
    create_dirs(within, Path::new(&join(&dir, "design")))?;
    let exec = join(&dir, "exec-plan.md");
    if write_new(within, Path::new(&exec), exec_plan(epic).as_bytes())? {
        written.push(exec);
    }
    let index = join(&dir, "design/index.md");
    if write_new(within, Path::new(&index), design_index(epic).as_bytes())? {
        written.push(index);
    }
    create_dirs(within, Path::new(&join(feature_dir, "checklists")))?;
    Ok(written)
}

/// A documentation level of the `leveled` dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Level 1: spec, plan, tasks, implementation summary.
    One,
    /// Level 2: adds a checklist.
    Two,
    /// Level 3: adds a decision record.
    Three,
    /// Level 3+: adds an AI execution protocol to the plan.
    ThreePlus,
}

impl Level {
    /// Parses `1`, `2`, `3` or `3+`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "1" => Some(Self::One),
            "2" => Some(Self::Two),
            "3" => Some(Self::Three),
            "3+" => Some(Self::ThreePlus),
            _ => None,
        }
    }

    /// The marker value.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::One => "1",
            Self::Two => "2",
            Self::Three => "3",
            Self::ThreePlus => "3+",
        }
    }
}

fn marked(level: Level, source: &str, body: &str) -> String {
    format!(
        "<!-- SPECKIT_LEVEL: {} -->\n<!-- SPECKIT_TEMPLATE_SOURCE: {source} | v1.0 -->\n\n{body}",
        level.label()
    )
}

/// Writes the level files of a `leveled` feature next to its spec (existing files are kept),
/// plus `scratch/` (ignored by git) and `memory/`.
///
/// # Errors
/// A file or folder cannot be written.
pub fn scaffold_leveled(
    root: &str,
    feature_dir: &str,
    level: Level,
) -> Result<Vec<String>, FsError> {
    let mut files: Vec<(String, String)> = vec![
        (
            "tasks.md".to_owned(),
            marked(
                level,
                "tasks",
                "# Tasks: [YOUR_VALUE_HERE: feature-name]\n\n## Phase 1: Setup\n\n- [ ] T001 [YOUR_VALUE_HERE: first task with its file path]\n",
            ),
        ),
        (
            "implementation-summary.md".to_owned(),
            marked(
                level,
                "implementation-summary",
                "# Implementation Summary: [YOUR_VALUE_HERE: feature-name]\n\n## What Was Built\n\n[YOUR_VALUE_HERE: the outcome, with the files changed]\n\n## Verification\n\n[YOUR_VALUE_HERE: how it was tested]\n",
            ),
        ),
    ];
    if level != Level::One {
        files.push((
            "checklist.md".to_owned(),
            marked(level, "checklist", "# Checklist: [YOUR_VALUE_HERE: feature-name]\n\n## P0 (blocking)\n\n- [ ] [YOUR_VALUE_HERE: a check that must pass]\n\n## P1 (required)\n\n- [ ] [YOUR_VALUE_HERE: a check that should pass]\n\n## P2 (deferrable)\n\n- [ ] [YOUR_VALUE_HERE: a check that may wait]\n"),
        ));
    }
    if matches!(level, Level::Three | Level::ThreePlus) {
        files.push((
            "decision-record.md".to_owned(),
            marked(level, "decision-record", "# Decision Record: [YOUR_VALUE_HERE: decision title]\n\n## Context\n\n[YOUR_VALUE_HERE: the forces at play]\n\n## Decision\n\n[YOUR_VALUE_HERE: what was decided]\n\n## Consequences\n\n[YOUR_VALUE_HERE: what follows, good and bad]\n"),
        ));
    }
    files.push((
        "scratch/.gitignore".to_owned(),
        "# Scratch space: nothing here is committed.\n*\n!.gitignore\n".to_owned(),
    ));
    files.push((
        "memory/README.md".to_owned(),
        "# Memory\n\nContext saved between sessions for this feature.\n".to_owned(),
    ));
    let mut written = Vec::new();
    for (name, text) in files {
        let path = join(feature_dir, &name);
        if let Some(parent) = Path::new(&path).parent() {
            create_dirs(Path::new(root), parent)?;
        }
        if write_new(Path::new(root), Path::new(&path), text.as_bytes())? {
            written.push(path);
        }
    }
    Ok(written)
}

/// The spec text for a leveled feature: the level markers, then the template.
#[must_use]
pub fn leveled_spec(level: Level, template: &[u8]) -> Vec<u8> {
    let mut text = marked(level, "spec", "").into_bytes();
    text.extend_from_slice(template);
    text
}

/// The plan text for a leveled feature: the template with its level marker set.
#[must_use]
pub fn leveled_plan(level: Level, template: &str) -> String {
    template.replacen(
        "<!-- SPECKIT_LEVEL: 1 -->",
        &format!("<!-- SPECKIT_LEVEL: {} -->", level.label()),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epic_paths_cannot_escape() {
        assert!(parse_epic("payments/api/EPIC-7").is_ok());
        for bad in [
            "a/b", "a/b/c/d", "../b/c", "a/./c", "a//c", "a/b/c d", "/a/b",
        ] {
            assert!(parse_epic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn levels() {
        assert_eq!(Level::parse("3+"), Some(Level::ThreePlus));
        assert_eq!(Level::parse("4"), None);
        assert!(
            leveled_plan(Level::Two, "<!-- SPECKIT_LEVEL: 1 -->\nx")
                .starts_with("<!-- SPECKIT_LEVEL: 2 -->")
        );
    }

    #[test]
    fn leveled_files_follow_the_level() {
        let dir = tempfile::tempdir().unwrap();
        let feature = dir.path().to_str().unwrap();
        scaffold_leveled(feature, feature, Level::Two).unwrap();
        assert!(dir.path().join("checklist.md").is_file());
        assert!(!dir.path().join("decision-record.md").exists());
        assert!(dir.path().join("scratch/.gitignore").is_file());
        std::fs::write(dir.path().join("tasks.md"), "mine").unwrap();
        scaffold_leveled(feature, feature, Level::Three).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("tasks.md")).unwrap(),
            "mine"
        );
        assert!(dir.path().join("decision-record.md").is_file());
    }

    #[test]
    fn epic_scaffold_keeps_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_str().unwrap();
        let epic = parse_epic("s/svc/E-1").unwrap();
        let feature = format!("{}/features/001-x", epic.dir(root));
        let written = scaffold_epic(root, &epic, &feature).unwrap();
        assert_eq!(written.len(), 2);
        assert!(Path::new(&join(&feature, "checklists")).is_dir());
        assert!(scaffold_epic(root, &epic, &feature).unwrap().is_empty());
    }
}
