//! SK801-SK805: what `speckit analyze` finds across a feature's spec, plan and tasks, and the
//! constitution principles its plan's gates must address.
//!
//! The collecting (IDs, definitions, coverage) is in [`crate::analyze`]; this family holds the
//! rules and the semantics of a constitution's principles.

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{Severity, Verdict};
use crate::rule::{Example, NotFlagged, Rule};
use crate::stage::Stage;

pub(crate) static REQUIREMENT_UNCOVERED: Rule = Rule {
    code: "SK801",
    name: "requirement-uncovered",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "a user story no task delivers (error); requirements and criteria no task cites or describes (a note)",
    explanation: "`speckit analyze` maps every requirement (`FR-001`), success criterion \
        (`SC-001`), user story (`US1`, \"User Story 1\") and, in the `ssd` dialect, use case \
        (`UC-001`) of the spec to the tasks that mention it (a task line, its `[US1]` label, or \
        the heading and goal of its phase) and the plan sections that mention it, ranges such \
        as `FR-001 to FR-004` included. A requirement no task cites is still `described` when \
        a task (with its phase's heading and goal) names most of what is distinctive in the \
        requirement's wording: the words few of the spec's requirements share, in any \
        language. A user story is delivered by the tasks labelled with it: where the task \
        list labels stories, a story no task is labelled with, and no phase names, is an \
        error. Whether a task builds a requirement or criterion takes reading, so those no \
        task cites or describes are listed in one note per kind, which claims nothing and \
        leaves the verdict alone.",
    example: Example {
        dialect: "speckit",
        bad: "spec.md: ### User Story 2 - See progress (Priority: P2)\ntasks.md: phases for US1 and US3, no task labelled [US2]",
        good: "tasks.md: ## Phase 4: User Story 2 - See progress\n- [ ] T010 [US2] Draw the progress bar in web/src/goals/progress.tsx",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A requirement or criterion is never an error, only a note: one a task builds \
            without citing it (`T012 Implement Google OAuth sign-in` for `FR-001: parents MUST \
            sign in with Google OAuth`) is `described` and not even listed. Nothing \
            is reported before it can be covered: a spec with neither plan nor tasks, or a user \
            story before tasks.md exists.",
        example: "spec.md: - **FR-001**: Parents MUST sign in with Google OAuth\ntasks.md: - [ ] T012 Implement Google OAuth sign-in for parents in api/src/auth/google.ts",
        standalone: false,
    },
};

pub(crate) static ID_UNDEFINED: Rule = Rule {
    code: "SK802",
    name: "id-undefined",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "an ID (FR-, SC-, US, and in `ssd` S-, UC-, M-, API-) referenced but defined nowhere",
    explanation: "A plan or task that cites `FR-012` when the spec stops at FR-010, or `[US4]` \
        when the spec has three stories, points at nothing: the ID was renumbered, or the \
        requirement never written. IDs are defined by the spec (a heading, list item, paragraph or \
        table row that starts with the ID, or a `Spec ID(s):` line) and, in the `ssd` dialect, by \
        the project's Overview spec, the only place shared master data (`M-`) and APIs (`API-`) \
        may be defined. Each undefined ID is reported once per file.",
    example: Example {
        dialect: "speckit",
        bad: "spec.md defines FR-001 to FR-006\ntasks.md: - [ ] T014 Export goals (FR-007) in api/src/goals/export.ts",
        good: "tasks.md: - [ ] T014 Export goals (FR-006) in api/src/goals/export.ts",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "Story references are judged only when the spec numbers its stories, as story labels \
            are (SK703): a spec with one unnumbered \"Primary User Story\" cannot say which `US1` \
            is. IDs in code blocks, comments, placeholders and the template's prompts are not \
            references, a part of a defined ID (`US1.2` when the spec has story 1) is known \
            through it, and IDs given as examples (`(e.g., US1, US2, US3)` in the task list's \
            format legend) name nothing of the feature's. An ID in a sentence that names another \
            spec (`Spec 014 reached it only through the form (FR-034a)`, `` `specs/011-sales/\
            spec.md`, FR-050 through FR-054 ``) is that spec's, cited.",
        example: "spec.md: one unnumbered \"Primary User Story\", FR-001 to FR-006\ntasks.md: - [ ] T014 [US1] Export goals (FR-006) in api/src/goals/export.ts",
        standalone: false,
    },
};

pub(crate) static ID_DUPLICATE: Rule = Rule {
    code: "SK803",
    name: "id-duplicate",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "an ID defined twice",
    explanation: "Two requirements numbered `FR-004`, two stories numbered 2, or (`ssd`) a \
        feature spec that defines master data or an API the Overview spec already defines: \
        every reference to the ID is ambiguous. The second definition is reported, with where \
        the first is.",
    example: Example {
        dialect: "speckit",
        bad: "- **FR-004**: The shelf page MUST show progress.\n- **FR-004**: Readers MUST see past years.",
        good: "- **FR-004**: The shelf page MUST show progress.\n- **FR-005**: Readers MUST see past years.",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "Only the spec's definitions count (and, in `ssd`, the Overview spec's master data \
            and APIs): a plan or task list that restates `FR-004` at the start of a line refers to \
            it. A `Spec ID(s):` line declares the spec's IDs without defining them a second time, \
            the Overview spec's list of feature specs is an index, not their definition, and a \
            line the spec's template writes, now or in an earlier version (its example `- \
            **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: ...]`), is the \
            template's example kept (SK105), not a second FR-006.",
        example: "spec.md: - **FR-004**: The shelf page MUST show progress.\nplan.md: - FR-004: a progress bar on the shelf page",
        standalone: false,
    },
};

pub(crate) static PLAN_CITES_NO_SPEC: Rule = Rule {
    code: "SK804",
    name: "plan-cites-no-spec",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "a plan that cites none of its spec's IDs (`ssd`)",
    explanation: "In the `ssd` dialect a spec declares its IDs (`Spec ID(s): S-002, UC-001`) and \
        the plan next to it names the spec it implements, so that pull requests and reviews can \
        trace one to the other. A plan that mentions none of its spec's `S-` IDs was probably \
        copied from another feature.",
    example: Example {
        dialect: "ssd",
        bad: "spec.md: Spec ID(s): S-002, UC-001\nplan.md: Related Spec(s): S-001",
        good: "plan.md: Related Spec(s): S-002, UC-001",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A plan that names one of its spec's `S-` IDs anywhere (its header, a section, a \
            table) is traced. The rule is the `ssd` dialect's: it says nothing of plans in other \
            dialects, nor of a spec that declares no `S-` ID.",
        example: "spec.md: Spec ID(s): S-002, UC-001\nplan.md: ## Summary\nImplements S-002's import flow.",
        standalone: false,
    },
};

pub(crate) static PRINCIPLE_UNADDRESSED: Rule = Rule {
    code: "SK805",
    name: "principle-unaddressed",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Tasked,
    summary: "a constitution principle the plan's gates never address",
    explanation: "The Constitution Check is where a plan shows it keeps each principle. A \
        principle is a subsection of the constitution's principles section (`### III. \
        Test-First`), or, in a constitution without one, a section that states MUST or SHALL \
        rules. The gates address it when they name its number (`III.`, `Principle III`) or at \
        least half of the words of its title (`Test-First` is addressed by a gate about tests \
        written first).",
    example: Example {
        dialect: "speckit",
        bad: "constitution.md: ### V. Boring storage\nplan.md Constitution Check: rows for principles I to IV only",
        good: "plan.md Constitution Check: | V. Boring storage | PASS | One PostgreSQL table |",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A plan without a Constitution Check is left to SK101, and nothing is asked when the \
            project has no constitution. A principle is addressed by its number alone (`Principle \
            III`) or by at least half the words of its title in any gate, including a gate table \
            kept under a `**Constitution Check**:` label elsewhere in the plan.",
        example: "constitution.md: ### III. Test-First\nplan.md Constitution Check: | Principle III | ✅ PASS | contract tests precede code |",
        standalone: false,
    },
};

/// The rules of the cross-artifact analysis (`speckit analyze`; `check` reports some of them).
pub(crate) static ANALYSIS: [&Rule; 5] = [
    &REQUIREMENT_UNCOVERED,
    &ID_UNDEFINED,
    &ID_DUPLICATE,
    &PLAN_CITES_NO_SPEC,
    &PRINCIPLE_UNADDRESSED,
];

/// A principle of the constitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Principle {
    /// Its heading as written (`III. Test-First (NON-NEGOTIABLE)`).
    pub(crate) title: String,
    /// Its number, when the heading starts with one (`III`, `3`).
    numeral: Option<String>,
    /// The words that name it (lowercase, without numbering and filler words).
    words: Vec<String>,
    /// The words of a name given in parentheses (`简洁实用主义 (Pragmatic Simplicity)`), which
    /// name it as well; notes such as `(NON-NEGOTIABLE)` give none.
    other_words: Vec<String>,
}

/// Words that carry no meaning of their own in a principle's title.
const FILLER_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "for",
    "to",
    "in",
    "on",
    "by",
    "with",
    "over",
    "under",
    "all",
    "way",
    "down",
    "first",
    "only",
    "same",
    "be",
    "is",
    "are",
    "no",
    "not",
    "per",
    "as",
    "at",
    "from",
    "into",
    "via",
    "vs",
    "our",
    "we",
    "its",
    "it",
    "this",
    "that",
    "every",
    "each",
    "any",
    "more",
    "less",
    "than",
    "must",
    "shall",
    "should",
    "never",
    "always",
    "principle",
    "principles",
    "原则",
    "原則",
];

/// Words of the notes constitutions put in parentheses after a principle's name.
const NOTE_WORDS: &[&str] = &[
    "non",
    "negotiable",
    "mandatory",
    "required",
    "critical",
    "optional",
    "强制",
    "必须",
];

/// The constitution's principles: the subsections of its principles section, or, when it has
/// none, its sections that state MUST or SHALL rules (its governance aside).
pub(crate) fn principles(doc: &Document) -> Vec<Principle> {
    let holds_principles = |index: usize| {
        doc.section_heading(index).is_some_and(|heading| {
            let title = doc.slice(heading.title);
            heading.key.contains("princip") || title.contains("原则") || title.contains("原則")
        })
    };
    let mut found: Vec<Principle> = Vec::new();
    for (index, section) in doc.sections.iter().enumerate().skip(1) {
        if !holds_principles(index) {
            continue;
        }
        found.extend(
            section
                .children
                .iter()
                .filter_map(|&child| doc.section_heading(child))
                .map(|heading| principle(doc.slice(heading.title))),
        );
    }
    if !found.is_empty() {
        return found;
    }
    doc.sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, section)| states_rules(doc.slice(section.content)))
        .filter_map(|(index, _)| doc.section_heading(index))
        .filter(|heading| heading.level >= 2 && !heading.key.starts_with("governance"))
        .map(|heading| principle(doc.slice(heading.title)))
        .collect()
}

/// Whether text states a rule in the RFC 2119 manner: `MUST` or `SHALL` as a word.
fn states_rules(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word == "MUST" || word == "SHALL")
}

fn principle(title: &str) -> Principle {
    let trimmed = title.trim();
    let numeral_length = trimmed
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    let numeral = trimmed
        .get(..numeral_length)
        .filter(|_| {
            numeral_length > 0
                && trimmed
                    .as_bytes()
                    .get(numeral_length)
                    .is_some_and(|b| matches!(b, b'.' | b')' | b':'))
        })
        .map(str::to_owned);
    let name = match &numeral {
        Some(numeral) => trimmed.get(numeral.len() + 1..).unwrap_or(""),
        None => trimmed,
    };
    let (main, aside) = name.split_once('(').unwrap_or((name, ""));
    let words_of = |text: &str| -> Vec<String> {
        key::key(text)
            .split(' ')
            .filter(|word| {
                !word.is_empty() && !FILLER_WORDS.contains(word) && !NOTE_WORDS.contains(word)
            })
            .map(str::to_owned)
            .collect()
    };
    Principle {
        title: trimmed.to_owned(),
        numeral,
        words: words_of(main),
        other_words: words_of(aside),
    }
}

/// Whether a character belongs to a script written without spaces between words (Han, kana,
/// Thai...), where a title's "word" is a whole phrase.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}')
}

/// What a plan's gates say, to look principles up in.
pub(crate) struct GateText {
    text: String,
    /// The words of the text, sorted, for lookups by prefix.
    words: Vec<String>,
}

impl GateText {
    /// The text of the plan's gate sections.
    pub(crate) fn new(doc: &Document, sections: &[TextRange]) -> Self {
        let text: String = sections
            .iter()
            .map(|&range| doc.slice(range))
            .collect::<Vec<_>>()
            .join("\n");
        let mut words: Vec<String> = key::key(&text).split(' ').map(str::to_owned).collect();
        words.sort_unstable();
        words.dedup();
        Self { text, words }
    }

    /// Whether the gates address `principle`: its number, or half of the words of its name
    /// (or of the name it gives in parentheses).
    pub(crate) fn addresses(&self, principle: &Principle) -> bool {
        if principle
            .numeral
            .as_deref()
            .is_some_and(|numeral| self.names_numeral(numeral))
        {
            return true;
        }
        if principle.words.is_empty() && principle.other_words.is_empty() {
            // Nothing to look for but a number, and that is absent.
            return principle.numeral.is_none();
        }
        [&principle.words, &principle.other_words]
            .into_iter()
            .filter(|words| !words.is_empty())
            .any(|words| {
                let found = words.iter().filter(|word| self.has_word(word)).count();
                found * 2 >= words.len()
            })
    }

    /// A word of the gates, or a form of it. Words in a script without spaces between words
    /// (`模块化与`) are found by any two of their characters in a row; others by a shared
    /// beginning of at least four letters and four fifths of the shorter word (`test` and
    /// `tests`, `accessible` and `accessibility`, `secure` and `security`).
    fn has_word(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        if chars
            .iter()
            .any(|c| !c.is_ascii() && is_unspaced_script(*c))
        {
            return chars.windows(2).any(|pair| {
                let pair: String = pair.iter().collect();
                self.text.contains(&pair)
            });
        }
        if chars.len() < 4 {
            return self
                .words
                .binary_search_by(|w| w.as_str().cmp(word))
                .is_ok();
        }
        (4..=chars.len()).rev().any(|shared| {
            let prefix: String = chars.iter().take(shared).collect();
            let first = self.words.partition_point(|w| w.as_str() < prefix.as_str());
            self.words
                .get(first..)
                .unwrap_or_default()
                .iter()
                .take_while(|w| w.starts_with(prefix.as_str()))
                .any(|w| shared * 5 >= w.chars().count().min(chars.len()) * 4)
        })
    }

    /// `III.`, `III)`, `III:`, or `Principle III` in the gates.
    fn names_numeral(&self, numeral: &str) -> bool {
        let bytes = self.text.as_bytes();
        self.text.match_indices(numeral).any(|(start, _)| {
            let end = start + numeral.len();
            let before = start
                .checked_sub(1)
                .and_then(|i| bytes.get(i))
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            let after = bytes.get(end).copied();
            let marked = matches!(after, Some(b'.' | b')' | b':'));
            let bounded = after.is_none_or(|b| !b.is_ascii_alphanumeric());
            let named = self
                .text
                .get(..start)
                .is_some_and(|head| head.trim_end().to_lowercase().ends_with("principle"));
            before && bounded && (marked || named)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gates(text: &str) -> GateText {
        let doc = Document::parse(text.to_owned());
        GateText::new(&doc, &[TextRange::new(0, text.len())])
    }

    #[test]
    fn principles_are_the_subsections_of_the_principles_section() {
        let doc = Document::parse(
            "# C\n\n## Core Principles\n\n### I. Clarity Over Cleverness\n\nx\n\n\
             ### III. Test-First (NON-NEGOTIABLE)\n\ny\n\n## Governance\n\nMUST z\n"
                .to_owned(),
        );
        let found = principles(&doc);
        let words: Vec<(Option<&str>, Vec<&str>)> = found
            .iter()
            .map(|p| {
                (
                    p.numeral.as_deref(),
                    p.words.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            words,
            [
                (Some("I"), vec!["clarity", "cleverness"]),
                (Some("III"), vec!["test"]),
            ]
        );
    }

    #[test]
    fn without_a_principles_section_the_rule_sections_are_principles() {
        let doc = Document::parse(
            "# C\n\n## Security\n\nSecrets MUST stay in the vault.\n\n## Style\n\nBe nice.\n\n\
             ## Governance\n\nAmendments SHALL be reviewed.\n"
                .to_owned(),
        );
        let titles: Vec<String> = principles(&doc).into_iter().map(|p| p.title).collect();
        assert_eq!(titles, ["Security"]);
    }

    #[test]
    fn gates_address_a_principle_by_number_or_by_words() {
        let text = "| Principle | Status |\n|---|---|\n| II. Tests come first | PASS |\n\
                    - [x] **Ownership**: no free() on UI nodes\n- Git & GitHub workflow: squash merge\n";
        let gates = gates(text);
        let addressed = |title: &str| gates.addresses(&principle(title));
        assert!(addressed("II. Anything at all"), "by number");
        assert!(addressed("IV. Explicit Ownership"), "one word of two");
        assert!(
            addressed("V. Issues, branches, squash merges"),
            "word forms"
        );
        assert!(!addressed("III. Readable over clever"));
        assert!(!addressed("VI. Types all the way down"));
        assert!(
            !addressed("I. Accessibility"),
            "`I` alone is no numeral mark"
        );
    }

    #[test]
    fn word_forms_notes_and_names_in_parentheses() {
        let gates = gates(
            "- [x] **Beautiful & Accessible**: no regression.\n\
             - [x] **代码质量**: 无复杂逻辑\n- [x] TDD from day one\n- non-negotiable rules kept\n",
        );
        let addressed = |title: &str| gates.addresses(&principle(title));
        assert!(addressed("VI. Beautiful by Default & Accessibility First"));
        assert!(addressed("IX. 代码质量优先 (Code Quality First)"));
        assert!(addressed("III. Test-Driven Development (TDD)"));
        assert!(!addressed("XII. 简洁实用主义 (Pragmatic Simplicity)"));
        assert!(
            !addressed("IV. Workspace Isolation (NON-NEGOTIABLE)"),
            "a note names nothing"
        );
    }

    #[test]
    fn a_numeral_needs_a_mark_or_the_word_principle() {
        let gates = gates("Principle IV holds; see VI below; I think so.");
        assert!(gates.names_numeral("IV"));
        assert!(!gates.names_numeral("VI"));
        assert!(!gates.names_numeral("I"));
    }
}
