//! `check-prerequisites`: validates the current feature's documents for the later commands.

use std::io;

use super::setup_tasks::check_lines;
use super::{Invocation, Streams, hint, hint_with, line, report_paths_error};
use crate::workflow::fsutil::{is_dir, is_file, is_non_empty_file};
use crate::workflow::layers::resolve_content;
use crate::workflow::paths::{Persist, feature_paths};
use crate::workflow::text::JsonObject;

const HELP: &str = "Usage: check-prerequisites.sh [OPTIONS]

Consolidated prerequisite checking for Spec-Driven Development workflow.

OPTIONS:
  --json              Output in JSON format
  --require-spec      Require spec.md to exist (for analysis phase)
  --require-tasks     Require tasks.md to exist (for implementation phase)
  --include-tasks     Include tasks.md in AVAILABLE_DOCS list
  --paths-only        Only output path variables (no prerequisite validation)
  --template NAME     Include composed template content in JSON output
  --help, -h          Show this help message

EXAMPLES:
  # Check task prerequisites (plan.md required)
  ./check-prerequisites.sh --json

  # Check implementation prerequisites (plan.md + tasks.md required)
  ./check-prerequisites.sh --json --require-tasks --include-tasks

  # Get feature paths only (no validation)
  ./check-prerequisites.sh --paths-only

";

#[derive(Default)]
struct Options {
    json: bool,
    require_spec: bool,
    require_tasks: bool,
    include_tasks: bool,
    paths_only: bool,
    template: String,
}

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let mut o = Options::default();
    let mut args = inv.args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => o.json = true,
            "--require-spec" => o.require_spec = true,
            "--require-tasks" => o.require_tasks = true,
            "--include-tasks" => o.include_tasks = true,
            "--paths-only" => o.paths_only = true,
            "--template" => {
                let Some(name) = args.next() else {
                    line(s.err, "ERROR: --template requires a template name")?;
                    return Ok(1);
                };
                o.template.clone_from(name);
            }
            "--help" | "-h" => {
                s.out.write_all(HELP.as_bytes())?;
                return Ok(0);
            }
            other => {
                line(
                    s.err,
                    format!("ERROR: Unknown option '{other}'. Use --help for usage information."),
                )?;
                return Ok(1);
            }
        }
    }
    let persist = if o.paths_only {
        Persist::Never
    } else {
        Persist::Allowed
    };
    let paths = match feature_paths(inv.env, &inv.location, persist) {
        Ok(paths) => paths,
        Err(error) => return report_paths_error(&error, s.err),
    };
    let root = &paths.repo_root;
    let dir = &paths.feature_dir;
    if o.paths_only {
        if o.json {
            let object = JsonObject::new()
                .string("REPO_ROOT", root)
                .string("BRANCH", &paths.current_branch)
                .string("FEATURE_DIR", dir)
                .string("FEATURE_SPEC", paths.feature_spec())
                .string("IMPL_PLAN", paths.impl_plan())
                .string("TASKS", paths.tasks());
            s.out.write_all(&object.line())?;
        } else {
            line(s.out, format!("REPO_ROOT: {root}"))?;
            line(s.out, format!("BRANCH: {}", paths.current_branch))?;
            line(s.out, format!("FEATURE_DIR: {dir}"))?;
            line(s.out, format!("FEATURE_SPEC: {}", paths.feature_spec()))?;
            line(s.out, format!("IMPL_PLAN: {}", paths.impl_plan()))?;
            line(s.out, format!("TASKS: {}", paths.tasks()))?;
        }
        return Ok(0);
    }
    if !is_dir(dir) {
        line(s.err, format!("ERROR: Feature directory not found: {dir}"))?;
        hint(
            s.err,
            root,
            "specify",
            "first to create the feature structure.",
        )?;
        return Ok(1);
    }
    if !is_file(paths.impl_plan()) {
        line(s.err, format!("ERROR: plan.md not found in {dir}"))?;
        hint(
            s.err,
            root,
            "plan",
            "first to create the implementation plan.",
        )?;
        return Ok(1);
    }
    if !is_non_empty_file(paths.impl_plan()) {
        line(s.err, format!("ERROR: plan.md is empty in {dir}"))?;
        hint_with(s.err, root, "plan", |invoke| {
            format!(
                "Populate it, or remove the empty file and rerun {invoke} with a valid plan template."
            )
        })?;
        return Ok(1);
    }
    if o.require_spec && !is_file(paths.feature_spec()) {
        line(s.err, format!("ERROR: spec.md not found in {dir}"))?;
        hint(
            s.err,
            root,
            "specify",
            "first to create the feature specification.",
        )?;
        return Ok(1);
    }
    if o.require_tasks && !is_file(paths.tasks()) {
        line(s.err, format!("ERROR: tasks.md not found in {dir}"))?;
        hint(s.err, root, "tasks", "first to create the task list.")?;
        return Ok(1);
    }
    let mut docs = paths.available_docs();
    if o.include_tasks && is_file(paths.tasks()) {
        docs.push("tasks.md");
    }
    let mut content = Vec::new();
    if !o.template.is_empty() {
        match resolve_content(&o.template, root) {
            Ok(Some(text)) => content = text,
            result => {
                if let Err(error) = result {
                    line(s.err, &error.0)?;
                }
                line(
                    s.err,
                    format!(
                        "ERROR: Could not resolve required {} from the template override stack for {root}",
                        o.template
                    ),
                )?;
                return Ok(1);
            }
        }
    }
    if o.json {
        let mut object = JsonObject::new()
            .string("FEATURE_DIR", dir)
            .strings("AVAILABLE_DOCS", &docs);
        if !o.template.is_empty() {
            object = object.string("TEMPLATE_CONTENT", &content);
        }
        s.out.write_all(&object.line())?;
    } else {
        line(s.out, format!("FEATURE_DIR:{dir}"))?;
        line(s.out, "AVAILABLE_DOCS:")?;
        check_lines(s.out, &paths, o.include_tasks)?;
    }
    Ok(0)
}
