//! The scenarios, one file per script.

mod branch;
mod context;
mod feature;
mod kept;
mod plan;
mod prerequisites;
mod tasks;
mod template;

use super::harness::{Scenario, Step};

pub(crate) use super::harness::Script;

/// Every scenario of the suite.
pub(crate) fn all() -> Vec<Scenario> {
    let mut all = Vec::new();
    all.extend(plan::scenarios());
    all.extend(tasks::scenarios());
    all.extend(prerequisites::scenarios());
    all.extend(template::scenarios());
    all.extend(feature::scenarios());
    all.extend(branch::scenarios());
    all.extend(context::scenarios());
    all.extend(kept::scenarios());
    all
}

/// Nine lists of nine aliases, each to the list before: 414 bytes that stand for 9^9 strings.
pub(crate) const ALIAS_BOMB: &str = include_str!("../../fixtures/hostile-yaml/alias-bomb.yml");

pub(crate) fn file(rel: &'static str, text: &str) -> Step {
    Step::File(rel, text.as_bytes().to_vec())
}

/// `.specify/feature.json` naming `specs/001-demo`, with the folder created.
pub(crate) fn current_feature() -> Vec<Step> {
    vec![
        Step::Project,
        file(
            ".specify/feature.json",
            "{\"feature_directory\":\"specs/001-demo\"}\n",
        ),
        Step::Dir("specs/001-demo"),
    ]
}

/// A current feature with its spec and plan.
pub(crate) fn planned_feature() -> Vec<Step> {
    let mut steps = current_feature();
    steps.push(file("specs/001-demo/spec.md", "# Spec\n"));
    steps.push(file("specs/001-demo/plan.md", "# Plan\n"));
    steps
}

/// A preset with a manifest declaring one template.
pub(crate) fn preset(
    id: &'static str,
    manifest: &'static str,
    file_name: &'static str,
    text: &'static str,
) -> Vec<Step> {
    vec![
        Step::File(
            leak(format!(".specify/presets/{id}/preset.yml")),
            manifest.as_bytes().to_vec(),
        ),
        Step::File(
            leak(format!(".specify/presets/{id}/{file_name}")),
            text.as_bytes().to_vec(),
        ),
    ]
}

/// Scenario data lives for the whole test run.
pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

pub(crate) fn manifest(name: &str, file: &str, strategy: &str) -> &'static str {
    leak(format!(
        "id: p\nprovides:\n  templates:\n    - type: template\n      name: {name}\n      file: {file}\n      strategy: {strategy}\n"
    ))
}

pub(crate) fn s(name: &str, script: Script, args: &[&str]) -> Scenario {
    Scenario::new(format!("{}: {name}", script.name()), script, args)
}
