//! `speckit`: validate and drive spec-driven development plans.
//!
//! This file only parses arguments and maps outcomes to exit codes; each subcommand lives in
//! `commands/`. Exit codes: 0 success / ready, 1 findings or a failed gate, 2 usage, I/O or
//! internal error (compat scripts exit exactly as the scripts they stand in for).

mod commands;

use std::process::ExitCode;

use clap::Parser;
use speckit_lint::render::printable;

use commands::Command;

/// Validate and drive spec-driven development plans (Spec Kit and its dialects).
#[derive(Debug, Parser)]
#[command(name = "speckit", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    if let Some(outcome) = commands::script_fast_path() {
        return exit_code(outcome);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let _ = error.print();
            if !error.use_stderr() {
                return ExitCode::SUCCESS;
            }
            let args: Vec<_> = std::env::args_os().collect();
            let _ = commands::print_error_document(&args, &error.render().to_string());
            return ExitCode::from(2);
        }
    };
    exit_code(commands::run(cli.command))
}

fn exit_code(outcome: anyhow::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(error) => {
            report_error(&error);
            ExitCode::from(2)
        }
    }
}

#[allow(clippy::print_stderr)]
fn report_error(error: &anyhow::Error) {
    if is_broken_pipe(error) {
        return;
    }
    eprintln!("speckit: error: {}", printable(&format!("{error:#}")));
}

/// A closed pipe (`speckit check | head`) is not an error worth reporting.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
            io.kind() == std::io::ErrorKind::BrokenPipe || is_closed_pipe_on_windows(io)
        })
    })
}

/// Windows reports a reader that went away as `ERROR_NO_DATA` (232), which is a broken pipe,
/// or as `ERROR_PIPE_NOT_CONNECTED` (233), which the standard library does not call one.
fn is_closed_pipe_on_windows(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(232 | 233))
}
