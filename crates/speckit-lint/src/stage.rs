//! The stages a feature passes, and what each one requires.

use std::fmt;

/// A stage of a feature's life (product.md, "Artifacts and lifecycle"). A later stage requires
/// everything an earlier one does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// spec.md exists and has no unfilled template text.
    Specified,
    /// No open clarifications in the spec; its requirements checklist is complete. A plan may
    /// still carry `NEEDS CLARIFICATION`: research has not happened yet.
    Clarified,
    /// The plan's Technical Context is filled and research.md answers every clarification.
    Researched,
    /// data-model.md, quickstart.md and contracts/ exist.
    Designed,
    /// Every gate passes or is justified, no template text remains, the dialect's quality
    /// checklist is complete: tasks may be generated.
    Ready,
    /// tasks.md exists.
    Tasked,
    /// Every task is checked.
    Done,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Self; 7] = [
        Self::Specified,
        Self::Clarified,
        Self::Researched,
        Self::Designed,
        Self::Ready,
        Self::Tasked,
        Self::Done,
    ];

    /// The stage's name as typed on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Specified => "specified",
            Self::Clarified => "clarified",
            Self::Researched => "researched",
            Self::Designed => "designed",
            Self::Ready => "ready",
            Self::Tasked => "tasked",
            Self::Done => "done",
        }
    }

    /// Parses a stage name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.as_str() == text)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
