//! SARIF 2.1.0, as GitHub code scanning accepts it. Rule metadata comes from the registry.

use std::io::{self, Write};

use serde::Serialize;

use super::json::State;
use super::{Options, positions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::RULES;
use crate::report::{FeatureReport, FileReport};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/speckit-dev/speckit";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleEntry {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultEntry {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub(super) fn begin(out: &mut impl Write, options: &Options) -> io::Result<()> {
    let rules: Vec<RuleEntry> = RULES
        .iter()
        .map(|rule| RuleEntry {
            id: rule.code,
            name: rule.name,
            short_description: Text {
                text: rule.summary.to_owned(),
            },
            full_description: Text {
                text: rule.explanation.to_owned(),
            },
            help: Text {
                text: format!(
                    "{}\n\nExample:\n{}\n\nFixed:\n{}\n\nNot flagged: {}\n{}",
                    rule.explanation,
                    rule.example.bad,
                    rule.example.good,
                    rule.not_flagged.what,
                    rule.not_flagged.example
                ),
            },
            default_configuration: Configuration {
                level: level(rule.severity),
            },
        })
        .collect();
    write!(
        out,
        "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{{\"name\":\"speckit\",\"version\":"
    )?;
    serde_json::to_writer(&mut *out, &options.tool_version).map_err(io::Error::other)?;
    write!(out, ",\"informationUri\":\"{INFORMATION_URI}\",\"rules\":")?;
    serde_json::to_writer(&mut *out, &rules).map_err(io::Error::other)?;
    out.write_all(b"}},\"columnKind\":\"unicodeCodePoints\",\"results\":[")
}

pub(super) fn feature(
    out: &mut impl Write,
    report: &FeatureReport,
    state: &mut State,
) -> io::Result<()> {
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            if state.wrote_item {
                out.write_all(b",")?;
            }
            state.wrote_item = true;
            serde_json::to_writer(&mut *out, &result(file, diagnostic))
                .map_err(io::Error::other)?;
        }
    }
    Ok(())
}

fn result(file: &FileReport, diagnostic: &Diagnostic) -> ResultEntry {
    let (start, end) = positions(file, diagnostic.range);
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    ResultEntry {
        rule_id: diagnostic.rule.code,
        rule_index: RULES
            .iter()
            .position(|rule| rule.code == diagnostic.rule.code)
            .unwrap_or(0),
        level: level(diagnostic.severity),
        message: Text { text },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri_of(&file.path),
                },
                region: Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end
                        .column
                        .max(start.column + usize::from(end.line == start.line)),
                },
            },
        }],
    }
}

/// Closes the results and records the invocation: whether it succeeded, and each error that
/// kept it from checking everything as a notification.
pub(super) fn finish(out: &mut impl Write, errors: &[String]) -> io::Result<()> {
    let notifications: Vec<Notification> = errors
        .iter()
        .map(|error| Notification {
            level: "error",
            message: Text {
                text: error.clone(),
            },
        })
        .collect();
    let invocation = Invocation {
        execution_successful: errors.is_empty(),
        tool_execution_notifications: notifications,
    };
    out.write_all(b"],\"invocations\":[")?;
    serde_json::to_writer(&mut *out, &invocation).map_err(io::Error::other)?;
    out.write_all(b"]}]}\n")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

/// A relative path as a URI reference: `/` separators, everything else percent-encoded except
/// unreserved characters.
fn uri_of(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::uri_of;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_of("specs/001 x/plan.md"), "specs/001%20x/plan.md");
        assert_eq!(uri_of("./specs/é.md"), "specs/%C3%A9.md");
        assert_eq!(uri_of("a\\b.md"), "a/b.md");
    }
}
