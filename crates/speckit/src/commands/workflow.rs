//! Helpers shared by the planning-workflow commands (init, feature, plan, tasks, template,
//! agent-context): the environment, project discovery and output.

use std::io::{self, Write};

use anyhow::Context;
use serde::Serialize;
use speckit_lint::render::printable;
use speckit_project::path_text::{display, strip_base};
use speckit_project::workflow::env::Env;
use speckit_project::workflow::paths::{FeaturePaths, PathsError, Persist, feature_paths};
use speckit_project::workflow::root::{ScriptLocation, repo_root};

/// The process environment.
pub(crate) fn env() -> anyhow::Result<Env> {
    Env::from_process().context("cannot read the working directory")
}

/// The project root, as the scripts find it (`SPECIFY_INIT_DIR`, else the nearest `.specify/`).
pub(crate) fn project_root(env: &Env) -> anyhow::Result<String> {
    let root = repo_root(env, &ScriptLocation::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
    if !std::path::Path::new(&root).join(".specify").is_dir() {
        anyhow::bail!(
            "no Spec Kit project here: no .specify/ folder in {} or above (run `speckit init` first)",
            env.cwd()
        );
    }
    Ok(root)
}

/// The current feature, with errors phrased for people rather than for scripts.
pub(crate) fn current_feature(env: &Env) -> anyhow::Result<FeaturePaths> {
    feature_paths(env, &ScriptLocation::default(), Persist::Allowed).map_err(|error| match error {
        PathsError::NoFeatureJson | PathsError::EmptyFeatureJson => anyhow::anyhow!(
            "no current feature: create one with `speckit feature new`, or name it with SPECIFY_FEATURE_DIRECTORY"
        ),
        other => anyhow::anyhow!("{}", other.to_string().trim_start_matches("ERROR: ")),
    })
}

/// `path` relative to the working directory when it lies below it, for human output.
pub(crate) fn shown(env: &Env, path: &str) -> String {
    let relative = strip_base(env.cwd(), path).filter(|rest| !rest.is_empty());
    display(relative.unwrap_or(path)).into_owned()
}

/// Prints one compact JSON document and a newline.
pub(crate) fn print_json(value: &(impl Serialize + ?Sized)) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Prints lines of human output.
pub(crate) fn print_lines(lines: &[String]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    for line in lines {
        writeln!(out, "{}", printable(line))?;
    }
    out.flush()?;
    Ok(())
}

/// Prints warnings to stderr.
pub(crate) fn print_warnings(warnings: &[String]) -> anyhow::Result<()> {
    let mut err = io::stderr().lock();
    for warning in warnings {
        writeln!(err, "{}", printable(warning))?;
    }
    Ok(())
}
