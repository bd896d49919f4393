//! `path:line:col: CODE message`, one finding a line: for grep, editors and quick scanning.

use std::io::{self, Write};

use super::{positions, printable};
use crate::report::FeatureReport;

pub(super) fn feature(out: &mut impl Write, report: &FeatureReport) -> io::Result<()> {
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            let (start, _) = positions(file, diagnostic.range);
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                printable(&file.path),
                start.line,
                start.column,
                diagnostic.rule.code,
                printable(&diagnostic.message)
            )?;
        }
    }
    Ok(())
}
