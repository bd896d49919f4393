//! The pure half of the quality gates: which checklist lines are open, and the text the `epic`
//! dialect's `scripts/validate_plan.sh` and `validate_spec.sh` append to
//! `harness/AI-Agent-progress.txt`. No clock and no disk here: the timestamp is passed in.
//!
//! The log format, as those scripts write it (each line ends with `\n`, entries follow each
//! other with no blank line between them):
//!
//! ```text
//! [2025-09-15 16:50Z] plan quality check: FAILED
//! target: plans/billing/invoice-service/EPIC-INV-003/features/F-INV-008/checklists/PlanQualityGate.md
//! incomplete items:
//!   - line 23: - [ ] data-model.md, contracts/ and quickstart.md exist and agree with the plan
//! ```
//!
//! A passing entry is its first two lines; a checklist that does not exist has the one item
//! `  - checklist file not found`; a run that finds no checklist at all writes one line,
//! `[...] plan quality check: FAILED (no plan checklist files found)`.

use jiff::Timestamp;
use speckit_lint::{Stage, Verdict};

use crate::workflow::text::posix_is_space;

/// Which of the two gates: the plan quality gate (`validate_plan.sh`) or the spec quality gate
/// (`validate_spec.sh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateKind {
    /// `checklists/PlanQualityGate.md`, before tasks are generated.
    Plan,
    /// `checklists/requirements.md`, before planning starts.
    Spec,
}

impl GateKind {
    /// The checklist's file name.
    #[must_use]
    pub fn checklist_name(self) -> &'static str {
        match self {
            Self::Plan => "PlanQualityGate.md",
            Self::Spec => "requirements.md",
        }
    }

    /// `plan` or `spec`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Spec => "spec",
        }
    }

    /// The stage the gate guards: the feature's own check runs at it.
    #[must_use]
    pub fn stage(self) -> Stage {
        match self {
            Self::Plan => Stage::Ready,
            Self::Spec => Stage::Clarified,
        }
    }

    /// What the log calls the check (`plan quality check`).
    fn label(self) -> &'static str {
        match self {
            Self::Plan => "plan quality check",
            Self::Spec => "spec quality check",
        }
    }

    /// The reason a run that found no checklist gives (the two scripts word it differently).
    #[must_use]
    pub fn nothing_found(self) -> &'static str {
        match self {
            Self::Plan => "no plan checklist files found",
            Self::Spec => "no checklist files found",
        }
    }
}

/// An unchecked item of a checklist: its line number (1-based) and the line's text with its
/// leading blanks removed, as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenItem {
    /// 1-based line number.
    pub line: usize,
    /// The line without its leading blanks (its end kept as written, a `\r` included).
    pub text: String,
}

/// Whether `line` is an open item by the scripts' rule, `grep -E '^[[:space:]]*-[[:space:]]*\[ \]'`
/// in a UTF-8 locale: blanks, a dash, blanks, then `[ ]` with exactly one space. `[x]` and `[X]`
/// are done; `* [ ]`, `1. [ ]` and `- [  ]` are not items at all for this rule. The rule is
/// line-based, so an item inside a code block counts too.
#[must_use]
pub fn is_open_item(line: &str) -> bool {
    line.trim_start_matches(posix_is_space)
        .strip_prefix('-')
        .is_some_and(|rest| rest.trim_start_matches(posix_is_space).starts_with("[ ]"))
}

/// The open items of a checklist's text, in order. Lines are split at `\n` only, as grep does.
#[must_use]
pub fn open_items(text: &str) -> Vec<OpenItem> {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| is_open_item(line))
        .map(|(index, line)| OpenItem {
            line: index + 1,
            text: line.trim_start_matches(posix_is_space).to_owned(),
        })
        .collect()
}

/// One line of an entry's `incomplete items:` list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// An unchecked checklist line.
    Open(OpenItem),
    /// The checklist named does not exist.
    NotFound,
    /// The checklist exists but could not be read (the reason). The scripts' `grep` fails
    /// silently here and the file passes; speckit fails it.
    Unreadable(String),
    /// speckit's own check of the feature found errors the checklist did not record: the
    /// verdict and the number of errors. The scripts never read the plan, so their entries
    /// never have this item.
    FeatureCheck {
        /// The stage the feature was checked at.
        stage: Stage,
        /// Its verdict: `incomplete`, `blocked` or `invalid`.
        verdict: Verdict,
        /// Error findings.
        errors: usize,
    },
}

/// The timestamp as the scripts write it: `date -u +"%Y-%m-%d %H:%MZ"`.
#[must_use]
pub fn timestamp_text(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%MZ").to_string()
}

/// The log entry for one checklist: `target` as the log shows it, passed when `items` is empty.
#[must_use]
pub fn entry_text(kind: GateKind, timestamp: &str, target: &str, items: &[Item]) -> String {
    let status = if items.is_empty() { "PASSED" } else { "FAILED" };
    let mut text = format!(
        "[{timestamp}] {}: {status}\ntarget: {target}\n",
        kind.label()
    );
    if !items.is_empty() {
        text.push_str("incomplete items:\n");
    }
    for item in items {
        text.push_str("  - ");
        match item {
            Item::Open(open) => {
                text.push_str(&format!("line {}: {}", open.line, open.text));
            }
            Item::NotFound => text.push_str("checklist file not found"),
            Item::Unreadable(reason) => {
                text.push_str(&format!("checklist file cannot be read: {reason}"));
            }
            Item::FeatureCheck {
                stage,
                verdict,
                errors,
            } => {
                let plural = if *errors == 1 { "" } else { "s" };
                text.push_str(&format!(
                    "speckit check --stage {stage}: {verdict}, {errors} error{plural}"
                ));
            }
        }
        text.push('\n');
    }
    text
}

/// The one-line entry of a run that found no checklist to check.
#[must_use]
pub fn nothing_found_text(kind: GateKind, timestamp: &str) -> String {
    format!(
        "[{timestamp}] {}: FAILED ({})\n",
        kind.label(),
        kind.nothing_found()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_items_follow_the_scripts_grep() {
        let open = [
            "- [ ] plain",
            "  - [ ] indented",
            "\t- [ ] tab",
            "-[ ] no space",
            "-   [ ]   wide",
            "- [ ]no space after",
            "\u{3000}- [ ] ideographic space (a space in a UTF-8 locale)",
            "-\u{2003}[ ] em space between",
            "\r- [ ] carriage return first",
            "- [ ] crlf\r",
        ];
        let not_open = [
            "- [x] done",
            "- [X] Done",
            "* [ ] star bullet",
            "+ [ ] plus bullet",
            "1. [ ] numbered",
            "- [  ] two spaces",
            "- [] empty",
            "> - [ ] quoted",
            "text - [ ] in the middle",
            "\u{a0}- [ ] no-break space is no space to grep",
            "\u{feff}- [ ] a byte order mark",
            "",
            "-",
        ];
        for line in open {
            assert!(is_open_item(line), "{line:?} is open");
        }
        for line in not_open {
            assert!(!is_open_item(line), "{line:?} is not open");
        }
    }

    #[test]
    fn open_items_number_lines_and_keep_the_line_end() {
        let text = "# Gate\n- [x] a\n  - [ ] b: with a colon\n```\n- [ ] in a fence\n```\n- [ ] last\r\n- [ ] no newline";
        let items = open_items(text);
        let found: Vec<(usize, &str)> = items.iter().map(|i| (i.line, i.text.as_str())).collect();
        assert_eq!(
            found,
            [
                (3, "- [ ] b: with a colon"),
                (5, "- [ ] in a fence"),
                (7, "- [ ] last\r"),
                (8, "- [ ] no newline"),
            ]
        );
        assert!(open_items("- [x] all\n- [X] done\n").is_empty());
        assert!(open_items("").is_empty());
    }

    #[test]
    fn passed_and_failed_entries_have_the_scripts_format() {
        let target = "plans/a/b/E/features/F/checklists/PlanQualityGate.md";
        assert_eq!(
            entry_text(GateKind::Plan, "2025-09-10 11:25Z", target, &[]),
            format!("[2025-09-10 11:25Z] plan quality check: PASSED\ntarget: {target}\n")
        );
        let items = [
            Item::Open(OpenItem {
                line: 23,
                text: "- [ ] data-model.md exists".to_owned(),
            }),
            Item::Open(OpenItem {
                line: 33,
                text: "- [ ] commands".to_owned(),
            }),
        ];
        assert_eq!(
            entry_text(GateKind::Plan, "2025-09-15 16:50Z", target, &items),
            format!(
                "[2025-09-15 16:50Z] plan quality check: FAILED\ntarget: {target}\n\
                 incomplete items:\n  - line 23: - [ ] data-model.md exists\n  - line 33: - [ ] commands\n"
            )
        );
        assert_eq!(
            entry_text(
                GateKind::Spec,
                "2025-09-04 15:40Z",
                "/r/x/requirements.md",
                &[Item::NotFound]
            ),
            "[2025-09-04 15:40Z] spec quality check: FAILED\ntarget: /r/x/requirements.md\n\
             incomplete items:\n  - checklist file not found\n"
        );
    }

    #[test]
    fn speckit_s_own_findings_are_one_more_item() {
        let items = [Item::FeatureCheck {
            stage: Stage::Ready,
            verdict: Verdict::Blocked,
            errors: 1,
        }];
        assert_eq!(
            entry_text(GateKind::Plan, "2025-01-01 00:00Z", "t", &items),
            "[2025-01-01 00:00Z] plan quality check: FAILED\ntarget: t\nincomplete items:\n  \
             - speckit check --stage ready: blocked, 1 error\n"
        );
    }

    #[test]
    fn nothing_found_is_one_line_worded_per_script() {
        assert_eq!(
            nothing_found_text(GateKind::Plan, "2025-01-01 00:00Z"),
            "[2025-01-01 00:00Z] plan quality check: FAILED (no plan checklist files found)\n"
        );
        assert_eq!(
            nothing_found_text(GateKind::Spec, "2025-01-01 00:00Z"),
            "[2025-01-01 00:00Z] spec quality check: FAILED (no checklist files found)\n"
        );
    }

    #[test]
    fn timestamps_are_utc_to_the_minute() {
        let at: Timestamp = "2025-09-15T16:50:59.9+09:00".parse().unwrap();
        assert_eq!(timestamp_text(at), "2025-09-15 07:50Z");
    }
}
