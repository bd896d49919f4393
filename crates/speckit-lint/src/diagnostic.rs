//! What a check produces: diagnostics, and the verdict they add up to.

use std::fmt;

use speckit_doc::TextRange;

use crate::registry::Rule;

/// How serious a diagnostic is. Only errors affect a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never blocks.
    Info,
    /// Probably wrong; never blocks.
    Warning,
    /// Blocks the stage: the document is not ready.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// Parses `error`, `warning` (or `warn`) and `info`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "error" => Some(Self::Error),
            "warning" | "warn" => Some(Self::Warning),
            "info" => Some(Self::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict on a document or a feature, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// No errors: the document is ready for the stage it was checked at.
    Ready,
    /// Errors remain: unfilled template text, missing sections or files, open questions.
    Incomplete,
    /// A gate failed without justification.
    Blocked,
    /// The file could not be read or parsed.
    Invalid,
}

impl Verdict {
    /// `ready`, `incomplete`, `blocked` or `invalid`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Incomplete => "incomplete",
            Self::Blocked => "blocked",
            Self::Invalid => "invalid",
        }
    }

    /// Every verdict, best first.
    pub const ALL: [Self; 4] = [Self::Ready, Self::Incomplete, Self::Blocked, Self::Invalid];
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
}

impl Diagnostic {
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
