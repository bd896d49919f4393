//! The functions of Spec Kit's `common.sh`, one call each, for the `common.sh` that
//! `speckit init` installs: `speckit script common <function> [args]`.

use std::io;

use super::{Invocation, Streams, line};
use crate::path_text::absolutize;
use crate::workflow::git;
use crate::workflow::layers::{resolve_content, resolve_path};
use crate::workflow::paths::{Persist, feature_paths};
use crate::workflow::root::{find_specify_root, repo_root, resolve_init_dir};
use crate::workflow::state::{
    format_command, invoke_separator, persist_feature_directory, read_feature_directory,
};
use crate::workflow::text::{JsonObject, bash_printf_q, json_escape_into};

/// The functions this module answers, as `common.sh` names them.
pub(super) const FUNCTIONS: &[&str] = &[
    "find_specify_root",
    "resolve_specify_init_dir",
    "get_repo_root",
    "get_current_branch",
    "read_feature_json_feature_directory",
    "_persist_feature_json",
    "get_feature_paths",
    "get_feature_paths_json",
    "get_invoke_separator",
    "format_speckit_command",
    "json_escape",
    "resolve_template",
    "resolve_template_content",
    "has_git",
    "spec_kit_effective_branch_name",
    "check_feature_branch",
];

#[allow(clippy::too_many_lines, reason = "one arm per function of common.sh")]
pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let Some((function, args)) = inv.args.split_first() else {
        line(
            s.err,
            format!(
                "usage: speckit script common <function> [args]; functions: {}",
                FUNCTIONS.join(", ")
            ),
        )?;
        return Ok(2);
    };
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let root_or = |i: usize| -> Result<String, String> {
        if arg(i).is_empty() {
            repo_root(inv.env, &inv.location).map_err(|e| e.to_string())
        } else {
            Ok(arg(i).to_owned())
        }
    };
    match function.as_str() {
        "find_specify_root" => {
            let start = if arg(0).is_empty() {
                inv.env.cwd().to_owned()
            } else {
                absolutize(inv.env.cwd(), arg(0))
            };
            match find_specify_root(&start) {
                Some(root) => line(s.out, root).map(|()| 0),
                None => Ok(1),
            }
        }
        "resolve_specify_init_dir" => {
            match resolve_init_dir(inv.env.var("SPECIFY_INIT_DIR").unwrap_or(""), inv.env) {
                Ok(root) => line(s.out, root).map(|()| 0),
                Err(error) => line(s.err, error.to_string()).map(|()| 1),
            }
        }
        "get_repo_root" => match repo_root(inv.env, &inv.location) {
            Ok(root) => line(s.out, root).map(|()| 0),
            Err(error) => line(s.err, error.to_string()).map(|()| 1),
        },
        "get_current_branch" => {
            line(s.out, inv.env.var("SPECIFY_FEATURE").unwrap_or("")).map(|()| 0)
        }
        "read_feature_json_feature_directory" => {
            let value = read_feature_directory(arg(0))
                .ok()
                .flatten()
                .unwrap_or_default();
            s.out.write_all(value.as_bytes())?;
            Ok(0)
        }
        "_persist_feature_json" => match persist_feature_directory(arg(0), arg(1)) {
            Ok(()) => Ok(0),
            Err(error) => line(s.err, error.to_string()).map(|()| 1),
        },
        "get_feature_paths" | "get_feature_paths_json" => {
            let persist = if arg(0) == "--no-persist" {
                Persist::Never
            } else {
                Persist::Allowed
            };
            match feature_paths(inv.env, &inv.location, persist) {
                Ok(p) if function == "get_feature_paths_json" => {
                    let object = JsonObject::new()
                        .string("REPO_ROOT", &p.repo_root)
                        .string("CURRENT_BRANCH", &p.current_branch)
                        .string("FEATURE_DIR", &p.feature_dir)
                        .string("FEATURE_SPEC", p.feature_spec())
                        .string("IMPL_PLAN", p.impl_plan())
                        .string("TASKS", p.tasks())
                        .string("RESEARCH", p.research())
                        .string("DATA_MODEL", p.data_model())
                        .string("QUICKSTART", p.quickstart())
                        .string("CONTRACTS_DIR", p.contracts_dir());
                    s.out.write_all(&object.line())?;
                    Ok(0)
                }
                Ok(p) => {
                    let pairs = [
                        ("REPO_ROOT", p.repo_root.clone()),
                        ("CURRENT_BRANCH", p.current_branch.clone()),
                        ("FEATURE_DIR", p.feature_dir.clone()),
                        ("FEATURE_SPEC", p.feature_spec()),
                        ("IMPL_PLAN", p.impl_plan()),
                        ("TASKS", p.tasks()),
                        ("RESEARCH", p.research()),
                        ("DATA_MODEL", p.data_model()),
                        ("QUICKSTART", p.quickstart()),
                        ("CONTRACTS_DIR", p.contracts_dir()),
                    ];
                    for (key, value) in pairs {
                        line(s.out, format!("{key}={}", bash_printf_q(&value)))?;
                    }
                    Ok(0)
                }
                Err(error) => {
                    // The function prints only the cause; its callers add their own line.
                    line(s.err, error.to_string()).map(|()| 1)
                }
            }
        }
        "get_invoke_separator" | "format_speckit_command" => {
            let root_index = usize::from(function == "format_speckit_command");
            let root = match root_or(root_index) {
                Ok(root) => root,
                Err(message) => return line(s.err, message).map(|()| 1),
            };
            let separator = match invoke_separator(&root) {
                Ok(separator) => separator,
                Err(error) => return line(s.err, error.to_string()).map(|()| 1),
            };
            if function == "get_invoke_separator" {
                line(s.out, separator.to_string()).map(|()| 0)
            } else {
                line(s.out, format_command(arg(0), separator)).map(|()| 0)
            }
        }
        "json_escape" => {
            let mut out = Vec::new();
            json_escape_into(&mut out, arg(0).as_bytes());
            s.out.write_all(&out)?;
            Ok(0)
        }
        "resolve_template" => match resolve_path(arg(0), arg(1)) {
            Ok(Some(path)) => line(s.out, path).map(|()| 0),
            Ok(None) => Ok(1),
            Err(error) => line(s.err, &error.0).map(|()| 2),
        },
        "resolve_template_content" => match resolve_content(arg(0), arg(1)) {
            Ok(Some(content)) => s.out.write_all(&content).map(|()| 0),
            Ok(None) => Ok(1),
            Err(error) => line(s.err, &error.0).map(|()| 2),
        },
        "has_git" => {
            let root = if arg(0).is_empty() {
                inv.env.cwd().to_owned()
            } else {
                arg(0).to_owned()
            };
            Ok(u8::from(!git::has_git(&root)))
        }
        "spec_kit_effective_branch_name" => line(s.out, effective_branch_name(arg(0))).map(|()| 0),
        "check_feature_branch" => {
            if arg(1) != "true" {
                line(
                    s.err,
                    "[specify] Warning: Git repository not detected; skipped branch validation",
                )?;
                return Ok(0);
            }
            if is_feature_branch(arg(0)) {
                Ok(0)
            } else {
                line(
                    s.err,
                    format!("ERROR: Not on a feature branch. Current branch: {}", arg(0)),
                )?;
                line(
                    s.err,
                    "Feature branches should be named like: 001-feature-name, 1234-feature-name, 20260319-143022-feature-name, or <prefix>/001-feature-name",
                )?;
                Ok(1)
            }
        }
        other => {
            line(
                s.err,
                format!("speckit script common: unknown function '{other}'"),
            )?;
            Ok(2)
        }
    }
}

/// `feat/004-name` → `004-name`: one optional namespace segment is dropped.
fn effective_branch_name(raw: &str) -> &str {
    match raw.split_once('/') {
        Some((head, tail)) if !head.is_empty() && !tail.is_empty() && !tail.contains('/') => tail,
        _ => raw,
    }
}

/// Whether a branch follows the feature naming: `NNN-…` (3+ digits) or `YYYYMMDD-HHMMSS-…` in
/// its last segment, malformed timestamps excluded.
fn is_feature_branch(raw: &str) -> bool {
    let branch = effective_branch_name(raw);
    let segment = branch.rsplit('/').next().unwrap_or(branch);
    let digits = segment.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &segment[digits..];
    let time = rest
        .strip_prefix('-')
        .map_or(0, |t| t.bytes().take_while(u8::is_ascii_digit).count());
    let after_time = rest.get(1 + time..).unwrap_or("");
    let malformed = time == 6
        && ((digits == 7 && after_time.starts_with('-'))
            || ((7..=8).contains(&digits) && after_time.is_empty()));
    let sequential = digits >= 3 && rest.starts_with('-') && !malformed;
    let timestamp = crate::workflow::naming::is_timestamp_name(segment);
    sequential || timestamp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_branch_shapes() {
        for ok in [
            "001-a",
            "1234-b",
            "20260319-143022-x",
            "feat/004-name",
            "a/b/012-c",
        ] {
            assert!(is_feature_branch(ok), "{ok}");
        }
        for bad in [
            "main",
            "12-x",
            "2026031-143022-x",
            "20260319-143022",
            "feat/x",
        ] {
            assert!(!is_feature_branch(bad), "{bad}");
        }
        assert_eq!(effective_branch_name("feat/004-x"), "004-x");
        assert_eq!(effective_branch_name("a/b/c"), "a/b/c");
    }
}
