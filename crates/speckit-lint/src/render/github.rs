//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

use std::io::{self, Write};

use super::{positions, printable};
use crate::diagnostic::Severity;
use crate::report::FeatureReport;

pub(super) fn feature(out: &mut impl Write, report: &FeatureReport) -> io::Result<()> {
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            let (start, end) = positions(file, diagnostic.range);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                // A repository path, as GitHub matches it, whichever platform printed it.
                escape_property(&file.path.replace('\\', "/")),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!(
                    "{} {}",
                    diagnostic.rule.code, diagnostic.rule.name
                )),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message, as the Actions runner decodes it; other control characters
/// are made visible, so nothing reaches the log as a terminal escape.
fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    printable(&escaped).into_owned()
}

/// Escapes a command property value, where `:` and `,` are delimiters.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_escaped() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
