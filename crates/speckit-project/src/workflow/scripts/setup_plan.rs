//! `setup-plan`: copies the composed plan template into the current feature.

use std::io;
use std::path::Path;

use super::{Invocation, Streams, line, parse_json_flag, report_paths_error};
use crate::workflow::fsutil::{create_dirs, is_file, write_new};
use crate::workflow::layers::resolve_content;
use crate::workflow::paths::{Persist, feature_paths};
use crate::workflow::text::JsonObject;

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let json = match parse_json_flag(inv, s)? {
        Ok(json) => json,
        Err(status) => return Ok(status),
    };
    let paths = match feature_paths(inv.env, &inv.location, Persist::Allowed) {
        Ok(paths) => paths,
        Err(error) => return report_paths_error(&error, s.err),
    };
    let bounds = paths.write_bounds();
    if let Err(error) = create_dirs(Path::new(&bounds), Path::new(&paths.feature_dir)) {
        line(s.err, format!("mkdir: {error}"))?;
        return Ok(1);
    }
    let plan = paths.impl_plan();
    if is_file(&plan) {
        let status = s_status(s, json);
        line(
            status,
            format!("Plan already exists at {plan}, skipping template copy"),
        )?;
    } else {
        match resolve_content("plan-template", &paths.repo_root) {
            Ok(Some(content)) if content.is_empty() => {
                line(
                    s.err,
                    "ERROR: Plan template is empty; no new plan.md was created.",
                )?;
                line(s.err, "Restore a valid plan template and rerun plan setup.")?;
                return Ok(1);
            }
            Ok(Some(content)) => {
                match write_new(Path::new(&bounds), Path::new(&plan), &content) {
                    Ok(true) => {}
                    Ok(false) => {
                        line(
                            s.err,
                            format!(
                                "ERROR: {plan} exists and is not a regular file; no plan was written."
                            ),
                        )?;
                        return Ok(1);
                    }
                    Err(error) => {
                        line(s.err, format!("ERROR: {error}"))?;
                        return Ok(1);
                    }
                }
                let status = s_status(s, json);
                line(status, format!("Copied plan template to {plan}"))?;
            }
            Ok(None) => {
                line(
                    s.err,
                    "ERROR: Plan template not found; no new plan.md was created.",
                )?;
                line(s.err, "Restore a valid plan template and rerun plan setup.")?;
                return Ok(1);
            }
            Err(error) => {
                line(s.err, &error.0)?;
                return Ok(2);
            }
        }
    }
    if json {
        let object = JsonObject::new()
            .string("FEATURE_SPEC", paths.feature_spec())
            .string("IMPL_PLAN", &plan)
            .string("FEATURE_DIR", &paths.feature_dir)
            .string("BRANCH", &paths.current_branch);
        s.out.write_all(&object.line())?;
    } else {
        line(s.out, format!("FEATURE_SPEC: {}", paths.feature_spec()))?;
        line(s.out, format!("IMPL_PLAN: {plan}"))?;
        line(s.out, format!("FEATURE_DIR: {}", paths.feature_dir))?;
        line(s.out, format!("BRANCH: {}", paths.current_branch))?;
    }
    Ok(0)
}

/// Status lines go to stderr in JSON mode, so stdout stays one JSON document.
fn s_status<'a>(s: &'a mut Streams<'_>, json: bool) -> &'a mut dyn io::Write {
    if json { &mut *s.err } else { &mut *s.out }
}
