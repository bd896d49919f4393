//! What a rule is: its identity, its documentation and its defaults. The catalogue of every
//! rule is [`crate::registry`]; each rule's entry lives next to its checks under `rules/`.

use crate::severity::{Severity, Verdict};
use crate::stage::Stage;

/// A rule: what it finds, why it matters, and an example.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, `SK` and three digits.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The verdict an error of this rule gives its document.
    pub verdict: Verdict,
    /// The stage whose conditions its errors break: a finding of this rule stands between a
    /// feature and this stage (`speckit status` charges errors to conditions by it). A finding
    /// may name a later or earlier stage when it knows better (a missing plan is reported on
    /// the spec but stands before `researched`).
    pub stage: Stage,
    /// What the rule finds, in one line.
    pub summary: &'static str,
    /// Why it matters and what counts, in a paragraph.
    pub explanation: &'static str,
    /// An example that the rule flags and its fixed twin.
    pub example: Example,
    /// What the rule deliberately leaves alone, with an example.
    pub not_flagged: NotFlagged,
}

/// A rule's example: a document (or a folder listing) that the rule flags, and the same thing
/// fixed.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// The dialect the example is written in.
    pub dialect: &'static str,
    /// Flagged by the rule.
    pub bad: &'static str,
    /// Not flagged by the rule.
    pub good: &'static str,
    /// Whether the example is a document that can be checked on its own (as opposed to a
    /// folder listing or a cross-file situation), so a test can prove the rule fires on `bad`
    /// only: a plan, or the file its first line names (`tasks.md:`).
    pub standalone: bool,
}

/// What a rule does not flag: the cases a user might expect it to flag and it does not.
#[derive(Debug, PartialEq, Eq)]
pub struct NotFlagged {
    /// A sentence or two on what the rule deliberately leaves alone, the cases a user might
    /// expect it to flag and it does not, and why.
    pub what: &'static str,
    /// A short snippet in the same form as [`Example::good`] (a document, or a folder
    /// listing), written in the dialect of the rule's [`Example`], that the rule does not flag.
    pub example: &'static str,
    /// Whether `example` is a document that can be checked on its own, as
    /// [`Example::standalone`] says of the rule's example: a test then proves the rule does not
    /// fire on it.
    pub standalone: bool,
}

/// Rules are statics: one rule is one value, so two references name the same rule when their
/// codes are equal. Comparing the codes keeps identity typed (a `&Rule`, never a string) without
/// depending on where the linker put the statics.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

/// The rules of `rules` a selector names: a code (`SK301`), a code prefix (`SK3`, `SK`), a name
/// (`gate-failed`) or `ALL`.
#[must_use]
pub fn select_in(rules: &[&'static Rule], selector: &str) -> Vec<&'static Rule> {
    let upper = selector.to_ascii_uppercase();
    rules
        .iter()
        .copied()
        .filter(|rule| {
            upper == "ALL"
                || rule.name == selector
                || (upper.starts_with("SK") && rule.code.starts_with(&upper))
        })
        .collect()
}
