//! `update-agent-context` (the agent-context extension): refreshes the managed section of the
//! agent context files. The project root is the working directory.

use crate::path_text::join;
use std::io;

use super::{Invocation, Streams, line};
use crate::workflow::agent_context::{
    CONFIG_PATH, Claim, find_plan, read_config, section, update_file, validate_context_file,
};
use crate::workflow::fsutil::is_file;

/// The answer to `--help`: the script takes no options, and a help request must not be taken
/// for a plan path and written into every context file.
const USAGE: &str = "Usage: update-agent-context.sh [plan_path]

Rewrites the Spec Kit section of the agent context files named in
.specify/extensions/agent-context/agent-context-config.yml so that it points at plan_path
(default: the current feature's plan, else the newest specs/*/plan.md).";

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    if matches!(inv.args.first().map(String::as_str), Some("-h" | "--help")) {
        line(s.out, USAGE)?;
        return Ok(0);
    }
    let root = inv.env.cwd();
    let config_path = join(root, CONFIG_PATH);
    if !is_file(&config_path) {
        line(
            s.err,
            format!("agent-context: {config_path} not found; nothing to do."),
        )?;
        return Ok(0);
    }
    let config = match read_config(root, &config_path) {
        Ok(config) => config,
        Err(error) => {
            line(s.err, error.to_string())?;
            line(
                s.err,
                "agent-context: skipping update (see above for details).",
            )?;
            return Ok(0);
        }
    };
    for note in &config.notes {
        line(s.err, note)?;
    }
    if config.files.is_empty() {
        line(
            s.err,
            "agent-context: context_files/context_file not set in extension config; nothing to do.",
        )?;
        return Ok(0);
    }
    for file in &config.files {
        if let Err(message) = validate_context_file(root, file) {
            line(s.err, message)?;
            return Ok(1);
        }
    }
    let plan = match inv.args.first().filter(|a| !a.is_empty()) {
        Some(plan) => plan.clone(),
        None => find_plan(root),
    };
    let text = section(&config.start, &config.end, &plan);
    for file in &config.files {
        if let Err(message) = update_file(
            root,
            file,
            &config.start,
            &config.end,
            &text,
            Claim::FirstEnd,
        ) {
            line(s.err, message)?;
            return Ok(1);
        }
        line(s.out, format!("agent-context: updated {file}"))?;
    }
    Ok(0)
}
