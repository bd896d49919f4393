//! What a check produces: diagnostics, and the verdict they add up to.

use std::fmt;

use speckit_doc::TextRange;

use crate::rule::Rule;
pub use crate::severity::{Severity, Verdict};
use crate::stage::Stage;

/// What kind of artifact a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// An implementation plan (`plan.md`, `impl-plan.md`).
    Plan,
    /// A feature specification.
    Spec,
    /// A task list.
    Tasks,
    /// A checklist (`checklists/*.md`, `checklist.md`).
    Checklist,
    /// A constitution.
    Constitution,
    /// Any other artifact (research, data model, quickstart, ...).
    Other,
}

impl FileKind {
    /// `plan`, `spec`, `tasks`, `checklist`, `constitution` or `other`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Spec => "spec",
            Self::Tasks => "tasks",
            Self::Checklist => "checklist",
            Self::Constitution => "constitution",
            Self::Other => "other",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// Its severity (the rule's default unless configured otherwise).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, in the file's text.
    pub range: TextRange,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// The verdict this finding forces when it is an error; the rule's unless the check knows
    /// better (an unclosed front matter block makes a document invalid, a missing key does not).
    pub verdict: Verdict,
    /// The stage this finding stands before when it is an error; the rule's unless the check
    /// knows better (a missing plan, reported on the spec, stands before `researched`).
    pub stage: Stage,
}

impl Diagnostic {
    /// A finding of `rule` at `range`, with the rule's severity, verdict and stage.
    #[must_use]
    pub fn new(rule: &'static Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            message: message.into(),
            range,
            help: None,
            verdict: rule.verdict,
            stage: rule.stage,
        }
    }

    /// The verdict this diagnostic contributes: its own if it is an error, `Ready` otherwise.
    #[must_use]
    pub fn effect(&self) -> Verdict {
        if self.severity == Severity::Error {
            self.verdict
        } else {
            Verdict::Ready
        }
    }
}

/// The worst verdict among `diagnostics`.
#[must_use]
pub fn verdict_of(diagnostics: &[Diagnostic]) -> Verdict {
    diagnostics
        .iter()
        .map(Diagnostic::effect)
        .max()
        .unwrap_or(Verdict::Ready)
}
