//! Drop-in replacements for Spec Kit's scripts, byte for byte: same flags, same exit codes, same
//! standard output and error, same files written.
//!
//! Each script takes its raw arguments and writes to the two streams it is given, so the binary
//! stays a thin dispatcher and tests can run a script in process.

mod check_prerequisites;
mod common;
mod create_new_feature;
mod create_new_feature_branch;
mod resolve_template;
mod setup_plan;
mod setup_tasks;
mod update_agent_context;

use std::io::{self, Write};

use crate::workflow::env::Env;
use crate::workflow::paths::PathsError;
use crate::workflow::root::ScriptLocation;
use crate::workflow::state::{format_command, invoke_separator};

/// The scripts `speckit script` knows, with a one-line description each.
pub const SCRIPTS: &[(&str, &str)] = &[
    (
        "setup-plan",
        "copy the plan template into the current feature and print its paths",
    ),
    (
        "setup-tasks",
        "check plan.md and spec.md and print the resolved tasks template",
    ),
    (
        "check-prerequisites",
        "check the current feature's documents and print what is available",
    ),
    (
        "create-new-feature",
        "create a numbered feature folder with its spec",
    ),
    (
        "resolve-template",
        "print a template composed through the override stack",
    ),
    (
        "create-new-feature-branch",
        "create the git branch for a new feature (git extension)",
    ),
    (
        "update-agent-context",
        "refresh the managed section of agent context files",
    ),
    (
        "common",
        "the functions of common.sh, for scripts that source it",
    ),
];

/// The two output streams of a script.
pub struct Streams<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
}

/// One run of a script.
pub struct Invocation<'a> {
    /// How the script names itself in usage messages (its `$0`).
    pub argv0: String,
    /// The arguments after the script name.
    pub args: Vec<String>,
    /// The environment.
    pub env: &'a Env,
    /// Where the script is installed, for the fallback project root.
    pub location: ScriptLocation,
}

/// Maps a script name, with or without `.sh`, `.ps1` or `.py` and with `_` or `-`, to its
/// canonical name.
#[must_use]
pub fn canonical_name(name: &str) -> Option<&'static str> {
    let stem = name
        .strip_suffix(".sh")
        .or_else(|| name.strip_suffix(".ps1"))
        .or_else(|| name.strip_suffix(".py"))
        .unwrap_or(name)
        .replace('_', "-");
    SCRIPTS
        .iter()
        .map(|(n, _)| *n)
        .find(|n| n.eq_ignore_ascii_case(&stem))
}

/// PowerShell spellings of the scripts' flags and their bash equivalents.
const POWERSHELL_FLAGS: &[(&str, &str)] = &[
    ("-json", "--json"),
    ("-help", "--help"),
    ("-requirespec", "--require-spec"),
    ("-requiretasks", "--require-tasks"),
    ("-includetasks", "--include-tasks"),
    ("-pathsonly", "--paths-only"),
    ("-template", "--template"),
    ("-shortname", "--short-name"),
    ("-number", "--number"),
    ("-timestamp", "--timestamp"),
    ("-dryrun", "--dry-run"),
    ("-allowexistingbranch", "--allow-existing-branch"),
];

/// Rewrites PowerShell-style flags (`-Json`, `-ShortName`, any case) to the bash spelling, so
/// commands written for either flavour of the scripts work.
#[must_use]
pub fn translate_powershell_flags(args: Vec<String>) -> Vec<String> {
    args.into_iter()
        .map(|arg| {
            let lower = arg.to_ascii_lowercase();
            POWERSHELL_FLAGS
                .iter()
                .find(|(ps, _)| *ps == lower)
                .map_or(arg, |(_, bash)| (*bash).to_owned())
        })
        .collect()
}

/// Runs script `name` (a canonical name from [`SCRIPTS`]) and returns its exit status.
///
/// # Errors
/// Writing to one of the streams failed.
pub fn run(name: &str, invocation: &Invocation<'_>, streams: &mut Streams<'_>) -> io::Result<u8> {
    match name {
        "setup-plan" => setup_plan::run(invocation, streams),
        "setup-tasks" => setup_tasks::run(invocation, streams),
        "check-prerequisites" => check_prerequisites::run(invocation, streams),
        "create-new-feature" => create_new_feature::run(invocation, streams),
        "resolve-template" => resolve_template::run(invocation, streams),
        "create-new-feature-branch" => create_new_feature_branch::run(invocation, streams),
        "update-agent-context" => update_agent_context::run(invocation, streams),
        "common" => common::run(invocation, streams),
        _ => {
            writeln!(streams.err, "ERROR: unknown script '{name}'")?;
            Ok(2)
        }
    }
}

/// Writes a line (`text` plus a newline) to a stream.
fn line(stream: &mut dyn Write, text: impl AsRef<[u8]>) -> io::Result<()> {
    stream.write_all(text.as_ref())?;
    stream.write_all(b"\n")
}

/// Parses the arguments of a script whose only option is `--json`: `Ok(json)` to go on, or
/// `Err(status)` once `--help` has been printed or an unknown option reported.
fn parse_json_flag(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<Result<bool, u8>> {
    let mut json = false;
    for arg in &inv.args {
        match arg.as_str() {
            "--json" => json = true,
            "--help" | "-h" => {
                line(s.out, format!("Usage: {} [--json]", inv.argv0))?;
                line(s.out, "  --json    Output results in JSON format")?;
                line(s.out, "  --help    Show this help message")?;
                return Ok(Err(0));
            }
            other => {
                line(s.err, format!("ERROR: Unknown option '{other}'"))?;
                return Ok(Err(1));
            }
        }
    }
    Ok(Ok(json))
}

/// Reports a feature resolution failure the way the scripts do: the cause, then
/// `Failed to resolve feature paths`. Exit status 1.
fn report_paths_error(error: &PathsError, err: &mut dyn Write) -> io::Result<u8> {
    line(err, error.to_string())?;
    line(err, "ERROR: Failed to resolve feature paths")?;
    Ok(1)
}

/// Writes the "Run /speckit.X first …" hint, or the reason the command spelling is unknown.
fn hint(err: &mut dyn Write, root: &str, command: &str, tail: &str) -> io::Result<()> {
    hint_with(err, root, command, |invoke| format!("Run {invoke} {tail}"))
}

/// Writes a hint that names a command, spelled for the installed agent.
fn hint_with(
    err: &mut dyn Write,
    root: &str,
    command: &str,
    render: impl Fn(&str) -> String,
) -> io::Result<()> {
    match invoke_separator(root) {
        Ok(separator) => line(err, render(&format_command(command, separator))),
        Err(error) => line(err, error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_names_accept_file_spellings() {
        assert_eq!(canonical_name("setup-plan.sh"), Some("setup-plan"));
        assert_eq!(
            canonical_name("check_prerequisites.py"),
            Some("check-prerequisites")
        );
        assert_eq!(canonical_name("Setup-Tasks.ps1"), Some("setup-tasks"));
        assert_eq!(canonical_name("nope"), None);
    }

    #[test]
    fn powershell_flags_become_bash_flags() {
        let args = ["-Json", "-SHORTNAME", "x", "-n", "--json", "Add thing"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            translate_powershell_flags(args),
            ["--json", "--short-name", "x", "-n", "--json", "Add thing"]
        );
    }
}
