//! The subcommands. Each module owns its clap arguments and returns the process exit code.

mod check;
mod rules;
mod script;

use std::process::ExitCode;

use clap::Subcommand;

/// Every subcommand of `speckit`.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate specs, plans, tasks, checklists and constitutions.
    Check(check::CheckArgs),
    /// List the rule catalogue.
    Rules(rules::RulesArgs),
    /// Explain one rule: what it finds, why, and a bad and a good example.
    Explain(rules::ExplainArgs),
    /// Run one of Spec Kit's scripts, byte-compatible (setup-plan, create-new-feature, ...).
    Script(script::ScriptArgs),
}

pub(crate) fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::run_rules(&args),
        Command::Explain(args) => rules::run_explain(&args),
        Command::Script(args) => script::run_script(&args),
    }
}
