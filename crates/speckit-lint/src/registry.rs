//! The rule catalogue: one table, the single source of truth for `speckit rules`,
//! `speckit explain`, SARIF rule metadata and the generated docs.
//!
//! Each rule's code, name, documentation and example live next to its check, in the file of its
//! family under `rules/`; this table only lists them, in code order. Codes are a public
//! interface: never renumber or reuse one.

use crate::rule::select_in;
pub use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::{
    analysis, artifacts, checklists, clarifications, constitution, file, gates, metadata, sections,
    suppressions, tasks, template_text,
};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &file::UNREADABLE_FILE,
    &file::INVALID_UTF8,
    &file::BINARY_FILE,
    &file::FILE_TOO_LARGE,
    &file::UNCLOSED_BLOCK,
    &file::INVISIBLE_CHARACTER,
    &suppressions::UNUSED_SUPPRESSION,
    &sections::MISSING_SECTION,
    &sections::EMPTY_SECTION,
    &sections::SECTION_ORDER,
    &template_text::UNFILLED_PLACEHOLDER,
    &template_text::TEMPLATE_TEXT_LEFT,
    &template_text::EMPTY_FIELD,
    &template_text::TEMPLATE_COMMENT_LEFT,
    &template_text::OPTION_SCAFFOLDING_LEFT,
    &template_text::UNRESOLVED_CHOICE,
    &clarifications::OPEN_CLARIFICATION,
    &clarifications::TOO_MANY_CLARIFICATIONS,
    &clarifications::UNRESEARCHED_UNKNOWN,
    &gates::GATE_FAILED,
    &gates::GATE_STATUS_INVALID,
    &gates::VIOLATION_UNTRACKED,
    &gates::COMPLEXITY_ROW_INCOMPLETE,
    &gates::GATE_EVIDENCE_MISSING,
    &gates::DECISION_STATUS_INVALID,
    &gates::RISK_INCOMPLETE,
    &artifacts::ARTIFACT_MISSING,
    &artifacts::BROKEN_LINK,
    &artifacts::SPEC_MISSING,
    &metadata::FRONT_MATTER_INVALID,
    &metadata::DATE_INVALID,
    &metadata::BRANCH_NAME_INVALID,
    &metadata::VERSION_MISMATCH,
    &metadata::MARKER_MISSING,
    &checklists::CHECKLIST_OPEN,
    &tasks::TASK_MALFORMED,
    &tasks::TASK_ID_DUPLICATE,
    &tasks::STORY_UNKNOWN,
    &tasks::PARALLEL_CONFLICT,
    &tasks::DEPENDENCY_INVALID,
    &analysis::REQUIREMENT_UNCOVERED,
    &analysis::ID_UNDEFINED,
    &analysis::ID_DUPLICATE,
    &analysis::PLAN_CITES_NO_SPEC,
    &analysis::PRINCIPLE_UNADDRESSED,
    &constitution::CONSTITUTION_UNFILLED,
    &constitution::CONSTITUTION_VERSION,
];

/// The rule with this code (`SK301`) or name (`gate-failed`), case-insensitively for codes.
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// The rules a selector names: a code (`SK301`), a code prefix (`SK3`, `SK`), a name
/// (`gate-failed`) or `ALL`.
#[must_use]
pub fn select(selector: &str) -> Vec<&'static Rule> {
    select_in(RULES, selector)
}

#[cfg(test)]
mod tests;
