//! How much a finding weighs: its severity, and the verdict its errors give a document.

use std::fmt;

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
