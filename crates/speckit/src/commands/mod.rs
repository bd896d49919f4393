//! The subcommands. Each module owns its clap arguments and returns the process exit code.

mod agent_context;
mod analyze;
mod check;
mod feature;
mod gate;
mod init;
mod options;
mod plan;
mod rules;
mod script;
mod status;
mod tasks;
mod template;
mod usage;
mod workflow;

use std::process::ExitCode;

use clap::Subcommand;

/// Every subcommand of `speckit`.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    // No doc comment on `Check`, `Gate` and `Status`: clap would take it over the long help their
    // argument structs carry.
    Check(check::CheckArgs),
    /// Map requirements to tasks and plan sections; find undefined and duplicate IDs.
    Analyze(analyze::AnalyzeArgs),
    /// List the rule catalogue.
    Rules(rules::RulesArgs),
    /// Explain one rule: what it finds, why, and a bad and a good example.
    Explain(rules::ExplainArgs),
    Gate(gate::GateArgs),
    Status(status::StatusArgs),
    /// Run one of Spec Kit's scripts, byte-compatible (setup-plan, create-new-feature, ...).
    Script(script::ScriptArgs),
    /// Scaffold a project: .specify/, templates, scripts and the agents' commands (offline).
    Init(init::InitArgs),
    /// Create a feature: its numbered folder, its spec, optionally its git branch.
    Feature(feature::FeatureArgs),
    /// Set up the current feature's implementation plan.
    Plan(plan::PlanArgs),
    /// Work with the current feature's tasks.
    Tasks(tasks::TasksArgs),
    /// Resolve and list templates through the override / preset / extension / core stack.
    Template(template::TemplateArgs),
    /// Refresh the agents' context files (CLAUDE.md, AGENTS.md, ...) from the current plan.
    AgentContext(agent_context::AgentContextArgs),
}

pub(crate) use script::fast_path as script_fast_path;
pub(crate) use usage::print_error_document;

pub(crate) fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Rules(args) => rules::run_rules(&args),
        Command::Explain(args) => rules::run_explain(&args),
        Command::Gate(args) => gate::run(&args),
        Command::Status(args) => status::run(&args),
        Command::Script(args) => script::run_script(&args),
        Command::Init(args) => init::run(&args),
        Command::Feature(args) => feature::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Tasks(args) => tasks::run(&args),
        Command::Template(args) => template::run(&args),
        Command::AgentContext(args) => agent_context::run(&args),
    }
}
