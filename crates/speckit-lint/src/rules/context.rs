//! What a rule sees while it checks one document, and how it reports what it finds.

use speckit_doc::{Document, TextRange};

use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::engine::{Feature, Parsed};
use crate::rule::Rule;
use crate::settings::Settings;
use crate::stage::Stage;

/// The context a rule sees while checking one document.
pub(crate) struct Cx<'a> {
    pub(crate) feature: &'a Feature<'a>,
    pub(crate) file: &'a Parsed,
    pub(crate) doc: &'a Document,
    pub(crate) settings: &'a Settings,
    pub(crate) out: Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Reports a finding of `rule` at its default severity.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_> {
        self.report_at(rule, rule.severity, range, message)
    }

    /// Reports a finding of `rule` at `severity` (configuration overrides still apply, in the
    /// reporter).
    pub(crate) fn report_at(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_> {
        if !self.settings.is_enabled(rule) {
            return Report(None);
        }
        self.out.push(Diagnostic {
            severity,
            ..Diagnostic::new(rule, range, message)
        });
        Report(self.out.last_mut())
    }

    /// The stage being checked.
    pub(crate) fn stage(&self) -> Stage {
        self.feature.stage
    }

    /// The range to point at for a finding about the whole document: its title, or its start.
    pub(crate) fn title_range(&self) -> TextRange {
        self.doc
            .headings
            .first()
            .map_or(TextRange::empty(0), |heading| heading.range)
    }
}

/// A reported diagnostic, to add help or adjust its verdict.
pub(crate) struct Report<'c>(Option<&'c mut Diagnostic>);

impl Report<'_> {
    /// Adds a help line.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(diagnostic) = self.0.as_deref_mut() {
            diagnostic.help = Some(help.into());
        }
        self
    }

    /// Overrides the stage this finding stands before.
    pub(crate) fn stage(mut self, stage: Stage) -> Self {
        if let Some(diagnostic) = self.0.as_deref_mut() {
            diagnostic.stage = stage;
        }
        self
    }

    /// Overrides the verdict this finding forces.
    pub(crate) fn verdict(mut self, verdict: Verdict) -> Self {
        if let Some(diagnostic) = self.0.as_deref_mut() {
            diagnostic.verdict = verdict;
        }
        self
    }
}
