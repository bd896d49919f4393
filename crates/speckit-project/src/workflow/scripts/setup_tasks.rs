//! `setup-tasks`: checks that the plan and spec exist and prints the tasks template.

use std::io;

use super::{Invocation, Streams, hint, line, parse_json_flag, report_paths_error};
use crate::workflow::fsutil::{dir_has_entries, is_file};
use crate::workflow::layers::{resolve_content, resolve_path};
use crate::workflow::paths::{Persist, feature_paths};
use crate::workflow::text::JsonObject;

const TEMPLATE_HINT: &str = "Template 'tasks-template' was not found in any supported location (overrides, presets, extensions, or shared core). Add an override at .specify/templates/overrides/tasks-template.md, or run 'specify init' / reinstall shared infra to restore the core .specify/templates/tasks-template.md template.";

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let json = match parse_json_flag(inv, s)? {
        Ok(json) => json,
        Err(status) => return Ok(status),
    };
    let paths = match feature_paths(inv.env, &inv.location, Persist::Allowed) {
        Ok(paths) => paths,
        Err(error) => return report_paths_error(&error, s.err),
    };
    let root = &paths.repo_root;
    if !is_file(paths.impl_plan()) {
        line(
            s.err,
            format!("ERROR: plan.md not found in {}", paths.feature_dir),
        )?;
        hint(
            s.err,
            root,
            "plan",
            "first to create the implementation plan.",
        )?;
        return Ok(1);
    }
    if !is_file(paths.feature_spec()) {
        line(
            s.err,
            format!("ERROR: spec.md not found in {}", paths.feature_dir),
        )?;
        hint(
            s.err,
            root,
            "specify",
            "first to create the feature structure.",
        )?;
        return Ok(1);
    }
    let docs = paths.available_docs();
    let template_path = match resolve_path("tasks-template", root) {
        Ok(path) => path.unwrap_or_default(),
        Err(error) => {
            line(s.err, &error.0)?;
            String::new()
        }
    };
    let content = match resolve_content("tasks-template", root) {
        Ok(Some(content)) => content,
        result => {
            if let Err(error) = result {
                line(s.err, &error.0)?;
            }
            line(
                s.err,
                format!(
                    "ERROR: Could not resolve required tasks-template from the template override stack for {root}"
                ),
            )?;
            line(s.err, TEMPLATE_HINT)?;
            return Ok(1);
        }
    };
    if json {
        let object = JsonObject::new()
            .string("FEATURE_DIR", &paths.feature_dir)
            .strings("AVAILABLE_DOCS", &docs)
            .string("TASKS_TEMPLATE", &template_path)
            .string("TASKS_TEMPLATE_CONTENT", &content);
        s.out.write_all(&object.line())?;
    } else {
        line(s.out, format!("FEATURE_DIR: {}", paths.feature_dir))?;
        let shown = if template_path.is_empty() {
            "not found"
        } else {
            &template_path
        };
        line(s.out, format!("TASKS_TEMPLATE: {shown}"))?;
        line(s.out, "AVAILABLE_DOCS:")?;
        check_lines(s.out, &paths, false)?;
    }
    Ok(0)
}

/// The `  ✓ name` / `  ✗ name` lines for the optional documents (and tasks.md when asked).
pub(super) fn check_lines(
    out: &mut dyn io::Write,
    paths: &crate::workflow::paths::FeaturePaths,
    include_tasks: bool,
) -> io::Result<()> {
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    line(
        out,
        format!("  {} research.md", mark(is_file(paths.research()))),
    )?;
    line(
        out,
        format!("  {} data-model.md", mark(is_file(paths.data_model()))),
    )?;
    line(
        out,
        format!(
            "  {} contracts/",
            mark(dir_has_entries(paths.contracts_dir()))
        ),
    )?;
    line(
        out,
        format!("  {} quickstart.md", mark(is_file(paths.quickstart()))),
    )?;
    if include_tasks {
        line(out, format!("  {} tasks.md", mark(is_file(paths.tasks()))))?;
    }
    Ok(())
}
