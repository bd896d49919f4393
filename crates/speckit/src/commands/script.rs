//! `speckit script NAME [ARGS...]`: Spec Kit's scripts, byte for byte.

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use speckit_project::workflow::env::Env;
use speckit_project::workflow::root::ScriptLocation;
use speckit_project::workflow::scripts::{
    Invocation, SCRIPTS, Streams, canonical_name, run, translate_powershell_flags,
};

/// Run one of Spec Kit's scripts: same flags, output, exit codes and files as the original.
///
/// Every argument after NAME goes to the script untouched, as the script itself would parse it
/// (`--help` included). PowerShell spellings (`-Json`, `-ShortName x`, ...) are accepted too.
///
/// Scripts: setup-plan, setup-tasks, check-prerequisites, create-new-feature,
/// resolve-template, create-new-feature-branch, update-agent-context, and `common FUNCTION`
/// (the functions of common.sh).
///
/// The wrappers `speckit init` installs in `.specify/scripts/` set SPECKIT_SCRIPT_PATH to their
/// own path, so usage messages name the wrapper and the project is found from it.
///
/// Examples:
///   speckit script setup-plan --json
///   speckit script create-new-feature --json --short-name user-auth "Add login"
///   speckit script check-prerequisites -Json -RequireTasks -IncludeTasks
#[derive(Debug, Args)]
#[command(disable_help_flag = true, verbatim_doc_comment)]
pub(crate) struct ScriptArgs {
    /// The script to run (with or without .sh/.ps1/.py).
    #[arg(allow_hyphen_values = true, value_name = "NAME")]
    name: Option<String>,
    /// The script's own arguments, passed through unparsed.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    args: Vec<OsString>,
}

/// The arguments after `script NAME`, exactly as given (clap drops a `--`, the scripts do not).
fn raw_script_args() -> Vec<OsString> {
    let mut all = std::env::args_os().skip(1);
    for arg in all.by_ref() {
        if arg == "script" {
            break;
        }
    }
    all.skip(1).collect()
}

fn list_scripts(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Usage: speckit script NAME [ARGS...]\n\nScripts:")?;
    for (name, about) in SCRIPTS {
        writeln!(out, "  {name:<27}{about}")?;
    }
    writeln!(
        out,
        "\nArguments after NAME go to the script unparsed; try `speckit script NAME --help`."
    )
}

/// `speckit script NAME ...` without the command-line parser: when the first argument is
/// `script`, the arguments need no parsing beyond NAME, and the agents' wrappers call this on
/// every step, where building the parser for every other command would be most of the cost.
pub(crate) fn fast_path() -> Option<anyhow::Result<ExitCode>> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != "script" {
        return None;
    }
    let name = match args.next() {
        Some(name) => Some(name.into_string().ok()?),
        None => None,
    };
    Some(run_script(&ScriptArgs {
        name,
        args: Vec::new(),
    }))
}

pub(crate) fn run_script(args: &ScriptArgs) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let name = match args.name.as_deref() {
        None | Some("--help" | "-h" | "help") => {
            list_scripts(&mut out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(name) => name,
    };
    let Some(script) = canonical_name(name) else {
        list_scripts(&mut err)?;
        anyhow::bail!("unknown script '{name}'");
    };
    let raw = raw_script_args();
    let mut script_args = Vec::with_capacity(raw.len());
    for arg in raw {
        let arg = arg
            .into_string()
            .map_err(|a| anyhow::anyhow!("argument is not valid UTF-8: {}", a.to_string_lossy()))?;
        script_args.push(arg);
    }
    let env = Env::from_process().context("cannot read the working directory")?;
    let script_path = env.var("SPECKIT_SCRIPT_PATH").map(str::to_owned);
    let invocation = Invocation {
        argv0: script_path
            .clone()
            .unwrap_or_else(|| format!("speckit script {script}")),
        args: translate_powershell_flags(script_args),
        location: ScriptLocation::of(script_path.as_deref(), &env),
        env: &env,
    };
    let mut streams = Streams {
        out: &mut out,
        err: &mut err,
    };
    let code = run(script, &invocation, &mut streams)?;
    out.flush()?;
    Ok(ExitCode::from(code))
}
