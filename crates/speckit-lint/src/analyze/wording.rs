//! Whether a task describes a requirement in words, when it does not cite its ID.
//!
//! Most task lists cite requirement IDs only here and there: "T012 Implement sign-in with
//! Google OAuth" builds `FR-001: parents MUST sign in with Google OAuth` without naming it. A
//! task describes a requirement when it names most of what is distinctive in the requirement's
//! wording. Distinctive words are those few of the spec's requirements share: "system", "MUST",
//! "user", "sistema", "deve" come back in every requirement in any language, "OAuth" or "slug"
//! in one. Words are compared by their first letters, so that "register" meets "registration";
//! Chinese, Japanese and Korean text, written without spaces, is compared by pairs of
//! characters.

use std::collections::{HashMap, HashSet};

/// A word is distinctive when at most this share of the requirements hold it (in percent).
const DISTINCTIVE_AT_MOST_PERCENT: usize = 25;

/// Letters of a word compared: enough to tell words apart, few enough that a word's forms
/// ("validate", "validation", "validates") meet.
const STEM_CHARS: usize = 6;

/// Words shorter than this say little on their own ("a", "of", "und", "la").
const SHORTEST_WORD: usize = 4;

/// The share of a requirement's distinctive words a task must name (in percent).
const NAMED_AT_LEAST_PERCENT: usize = 50;

/// Distinctive words that, named together, describe a requirement however many more it lists:
/// a requirement that enumerates ten parameters is built by a task that names four of them.
const ENOUGH_NAMED: usize = 4;

/// The distinctive words of each requirement, from the texts of all of the spec's
/// requirements.
pub(super) struct Vocabulary {
    /// The words of each requirement that few requirements share.
    distinctive: Vec<HashSet<String>>,
}

impl Vocabulary {
    /// The vocabulary of `requirements`, each the text that states one.
    pub(super) fn new(requirements: &[&str]) -> Self {
        let words: Vec<HashSet<String>> = requirements.iter().map(|text| terms(text)).collect();
        let mut holding: HashMap<&str, usize> = HashMap::new();
        for set in &words {
            for word in set {
                *holding.entry(word.as_str()).or_default() += 1;
            }
        }
        let most = (requirements.len() * DISTINCTIVE_AT_MOST_PERCENT / 100).max(1);
        let distinctive = words
            .iter()
            .map(|set| {
                set.iter()
                    .filter(|word| holding.get(word.as_str()).is_some_and(|&n| n <= most))
                    .cloned()
                    .collect()
            })
            .collect();
        Self { distinctive }
    }

    /// Whether a task whose words are the union of `task` names half of requirement `index`'s
    /// distinctive words, or enough of them, and at least two: one shared word is a
    /// coincidence.
    pub(super) fn describes(&self, index: usize, task: &[&HashSet<String>]) -> bool {
        let Some(wanted) = self.distinctive.get(index) else {
            return false;
        };
        let named = wanted
            .iter()
            .filter(|word| task.iter().any(|set| set.contains(*word)))
            .count();
        named >= 2
            && (named >= ENOUGH_NAMED || named * 100 >= wanted.len() * NAMED_AT_LEAST_PERCENT)
    }
}

/// The words of `text` as compared: lower case, cut to their first letters, runs of CJK
/// characters as pairs of characters.
pub(super) fn terms(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut latin = String::new();
        let mut ideographic: Vec<char> = Vec::new();
        for c in word.chars() {
            if is_written_without_spaces(c) {
                ideographic.push(c);
            } else {
                flush_pairs(&mut ideographic, &mut out);
                latin.extend(c.to_lowercase());
            }
        }
        flush_pairs(&mut ideographic, &mut out);
        if latin.chars().count() >= SHORTEST_WORD && !latin.chars().all(|c| c.is_ascii_digit()) {
            out.insert(latin.chars().take(STEM_CHARS).collect());
        }
    }
    out
}

/// Adds the pairs of neighbouring characters of `run` to `out`, and empties it.
fn flush_pairs(run: &mut Vec<char>, out: &mut HashSet<String>) {
    for pair in run.windows(2) {
        out.insert(pair.iter().collect());
    }
    run.clear();
}

/// Han, kana and hangul: scripts whose words are not separated by spaces (hangul is, but its
/// words take particles, so pairs compare better than words).
fn is_written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(requirements: &[&str]) -> Vocabulary {
        Vocabulary::new(requirements)
    }

    const SPEC: &[&str] = &[
        "System MUST allow parents to register and log in exclusively via Google OAuth",
        "System MUST require new parents to choose a unique URL slug for their family bank",
        "System MUST let children log in with their first name and a password",
        "System MUST show the balance of each child on the dashboard",
        "System MUST record every deposit with its date",
    ];

    #[test]
    fn a_task_naming_the_requirement_describes_it() {
        let words = vocabulary(SPEC);
        let task = terms("T012 Implement Google OAuth registration and login handler for parents");
        assert!(words.describes(0, &[&task]));
    }

    #[test]
    fn a_task_about_something_else_does_not() {
        let words = vocabulary(SPEC);
        let task = terms("T020 Record each deposit in the ledger table with its date");
        assert!(!words.describes(0, &[&task]));
        assert!(words.describes(4, &[&task]));
    }

    #[test]
    fn words_every_requirement_shares_are_not_distinctive() {
        let words = vocabulary(SPEC);
        // "system", "must", "parents" appear in many requirements: naming them names nothing.
        let task = terms("T030 System must support parents");
        assert!(!(0..SPEC.len()).any(|index| words.describes(index, &[&task])));
    }

    #[test]
    fn text_without_spaces_is_compared_by_pairs_of_characters() {
        let words = vocabulary(&[
            "管理員 MUST 可新增章和節",
            "所有管理員前端預覽功能 MUST 支援響應式",
            "系統 MUST 記錄每筆訂單",
            "系統 MUST 寄送通知信",
        ]);
        let task = terms("T101 實作前端預覽功能的響應式版面");
        assert!(words.describes(1, &[&task]));
        assert!(!words.describes(2, &[&task]));
    }

    #[test]
    fn numbers_and_short_words_are_not_words() {
        assert!(terms("a of 2024 to").is_empty());
    }
}
