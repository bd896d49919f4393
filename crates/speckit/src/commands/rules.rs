//! `speckit rules` and `speckit explain`: the rule catalogue, from the registry.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use speckit_lint::registry::{self, RULES, Rule};

/// List the rule catalogue.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Print the catalogue as JSON.
    #[arg(long)]
    json: bool,
}

/// Explain one rule: what it finds, why, and a bad and a good example.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  speckit explain SK301\n  speckit explain gate-failed")]
pub(crate) struct ExplainArgs {
    /// The rule's code (SK301) or name (gate-failed).
    #[arg(value_name = "RULE")]
    rule: String,
}

pub(crate) fn run_rules(args: &RulesArgs) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if args.json {
        let rules: Vec<serde_json::Value> = RULES
            .iter()
            .map(|rule| {
                serde_json::json!({
                    "code": rule.code,
                    "name": rule.name,
                    "severity": rule.severity.as_str(),
                    "verdict": rule.verdict.as_str(),
                    "summary": rule.summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rules)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    for rule in RULES {
        writeln!(
            out,
            "{}  {:width$}  {:7}  {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_explain(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let Some(rule) = registry::find(&args.rule) else {
        bail!("no rule `{}`; `speckit rules` lists them", args.rule);
    };
    let mut out = io::stdout().lock();
    out.write_all(explanation(rule).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The full text of `speckit explain`.
fn explanation(rule: &Rule) -> String {
    let effect = match rule.verdict {
        speckit_lint::Verdict::Ready => String::new(),
        verdict => format!("; an error makes the document {verdict}"),
    };
    format!(
        "{code} {name} ({severity}{effect})\n\n{summary}\n\n{explanation}\n\nExample ({dialect} dialect), flagged:\n\n{bad}\n\nFixed:\n\n{good}\n",
        code = rule.code,
        name = rule.name,
        severity = rule.severity,
        summary = rule.summary,
        explanation = wrap(rule.explanation),
        dialect = rule.example.dialect,
        bad = indent(rule.example.bad),
        good = indent(rule.example.good),
    )
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Re-flows a paragraph to 88 columns.
fn wrap(text: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 88 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}
