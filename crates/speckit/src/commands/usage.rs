//! Usage errors for callers that asked for a machine format. Arguments that cannot be parsed
//! still leave one valid document on standard output, so a CI step that parses it reads the
//! error instead of failing on empty input.

use std::ffi::OsString;
use std::io::{self, Write};

use serde_json::json;
use speckit_lint::render::{self, Format, ReportWriter};

/// The document format the raw arguments ask for (`--json`, `--format json`,
/// `--format=sarif`), read without the parser that just refused them.
fn requested(args: &[OsString]) -> Option<Format> {
    let args: Vec<&str> = args.iter().filter_map(|arg| arg.to_str()).collect();
    let mut format = None;
    for (index, arg) in args.iter().enumerate() {
        let value = match *arg {
            "--json" => Some("json"),
            "--format" => args.get(index + 1).copied(),
            _ => arg.strip_prefix("--format="),
        };
        format = match value {
            Some("json") => Some(Format::Json),
            Some("sarif") => Some(Format::Sarif),
            _ => format,
        };
    }
    format
}

/// Prints the document for a usage error when the arguments asked for one: SARIF with the
/// error as a notification of a failed invocation, otherwise `{"version":1,"errors":[...]}`.
///
/// # Errors
/// When writing fails.
pub(crate) fn print_error_document(args: &[OsString], message: &str) -> io::Result<()> {
    let errors = [message.trim_end().to_owned()];
    match requested(args) {
        Some(Format::Sarif) => {
            let options = render::Options {
                color: false,
                tool_version: env!("CARGO_PKG_VERSION").to_owned(),
                show_ready: false,
            };
            let writer = ReportWriter::new(Format::Sarif, io::stdout().lock(), options)?;
            writer.finish(&errors).map(drop)
        }
        Some(_) => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", json!({"version": 1, "errors": errors}))?;
            out.flush()
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_format_is_read_from_raw_arguments() {
        assert_eq!(
            requested(&args(&["status", "--json", "--bad"])),
            Some(Format::Json)
        );
        assert_eq!(
            requested(&args(&["check", "--format", "sarif"])),
            Some(Format::Sarif)
        );
        assert_eq!(
            requested(&args(&["check", "--format=json", "-x"])),
            Some(Format::Json)
        );
        assert_eq!(requested(&args(&["check", "--format", "human"])), None);
        assert_eq!(requested(&args(&["check", "--bogus"])), None);
    }
}
