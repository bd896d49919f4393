//! Normalised keys for headings and field labels.
//!
//! Templates and the documents written from them rarely agree on decoration: one plan says
//! `## 3. Phase 0: Research & Decisions`, another `### Phase 0 – Research and Decisions 🔬`. A key
//! keeps only what identifies the heading: its words, lowercased, with `&` read as "and", and
//! without leading section numbers. Nor do they always agree on language: the templates'
//! structural headings and labels written in another language (`## Contexto Técnico`,
//! `**バージョン**`) key as their English originals, from the one table in
//! `key/translations.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The normalised key of a heading or label: lowercase words joined by single spaces, leading
/// section numbers (`3.`, `1.4`, `2)`) dropped, `&` read as `and`, everything else that is not a
/// letter or digit treated as a separator, and the templates' headings and labels in other
/// languages read as their English keys (`Requisitos Funcionales` keys as `functional
/// requirements`).
#[must_use]
pub fn key(text: &str) -> String {
    translate(&words(text))
}

/// The words of a key before translation.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut leading = true;
    let mut push_word = |word: &str, out: &mut Vec<String>| {
        if leading && word.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        leading = false;
        out.push(word.chars().flat_map(char::to_lowercase).collect());
    };
    for chunk in text.split(|c: char| !(c.is_alphanumeric() || c == '&')) {
        // `&` is a word of its own, read as "and", even when written without spaces.
        let mut pieces = chunk.split('&');
        if let Some(first) = pieces.next()
            && !first.is_empty()
        {
            push_word(first, &mut out);
        }
        for piece in pieces {
            push_word("and", &mut out);
            if !piece.is_empty() {
                push_word(piece, &mut out);
            }
        }
    }
    out
}

/// The translation table: for each first word, the phrases starting with it (as words) and
/// their English keys, longest first; and the phrases of scripts written without spaces, which
/// may also open a longer word.
#[derive(Default)]
struct Translations {
    by_first_word: HashMap<String, Vec<(Vec<String>, String)>>,
    unspaced: Vec<(String, String)>,
}

fn translations() -> &'static Translations {
    static TABLE: OnceLock<Translations> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Translations::default();
        for line in include_str!("key/translations.txt").lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((english, others)) = line.split_once('=') else {
                continue;
            };
            let english = words(english).join(" ");
            for other in others.split('|') {
                let phrase = words(other);
                let Some(first) = phrase.first().cloned() else {
                    continue;
                };
                if phrase.len() == 1 && first.chars().all(is_unspaced_script) {
                    table.unspaced.push((first.clone(), english.clone()));
                }
                table
                    .by_first_word
                    .entry(first)
                    .or_default()
                    .push((phrase, english.clone()));
            }
        }
        for phrases in table.by_first_word.values_mut() {
            phrases.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        }
        table
            .unspaced
            .sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        table
    })
}

/// Han ideographs and kana: Chinese and Japanese write a heading's words without spaces.
#[must_use]
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Joins `words`, each run of words that is a translated heading or label replaced by its
/// English key.
fn translate(words: &[String]) -> String {
    let table = translations();
    let mut out = String::new();
    let push = |word: &str, out: &mut String| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let mut index = 0;
    while let Some(word) = words.get(index) {
        let phrase = table.by_first_word.get(word).and_then(|phrases| {
            phrases
                .iter()
                .find(|(phrase, _)| words.get(index..index + phrase.len()) == Some(phrase))
        });
        if let Some((phrase, english)) = phrase {
            push(english, &mut out);
            index += phrase.len();
            continue;
        }
        index += 1;
        // `技术背景与约束`: a translated phrase opening a word of a script without spaces.
        let mut rest = word.as_str();
        while let Some((phrase, english)) = rest
            .starts_with(is_unspaced_script)
            .then(|| {
                table
                    .unspaced
                    .iter()
                    .find(|(p, _)| rest.starts_with(p.as_str()))
            })
            .flatten()
        {
            push(english, &mut out);
            rest = rest.get(phrase.len()..).unwrap_or_default();
        }
        if !rest.is_empty() {
            push(rest, &mut out);
        }
    }
    out
}

/// Whether a document heading key matches a template heading key: equal, or one is the other
/// followed by more words (`decision log` matches `decision log adr stubs`, `constitution check`
/// matches `constitution check re evaluation after phase 1`).
#[must_use]
pub fn keys_match(template: &str, document: &str) -> bool {
    if template.is_empty() || document.is_empty() {
        return false;
    }
    template == document
        || starts_with_words(document, template)
        || starts_with_words(template, document)
}

fn starts_with_words(long: &str, short: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_case_and_punctuation_do_not_matter() {
        assert_eq!(
            key("3. Phase 0: Research & Decisions"),
            "phase 0 research and decisions"
        );
        assert_eq!(
            key("1.4 Unknowns & Research Needs"),
            "unknowns and research needs"
        );
        assert_eq!(key("📋 Summary"), "summary");
        assert_eq!(key("Validation / Acceptance"), "validation acceptance");
        assert_eq!(key("Research&Decisions"), "research and decisions");
        assert_eq!(
            key("User Scenarios & Testing *(mandatory)*"),
            "user scenarios and testing mandatory"
        );
    }

    #[test]
    fn non_latin_headings_keep_their_words() {
        assert_eq!(key("## 設計決策"), "設計決策");
        assert_eq!(key("Контрольный список"), "контрольный список");
    }

    #[test]
    fn translated_headings_and_labels_key_as_english() {
        assert_eq!(key("## 技術コンテキスト"), "technical context");
        assert_eq!(key("## 技术背景"), "technical context");
        assert_eq!(key("## Contexto Técnico"), "technical context");
        assert_eq!(key("Versão"), "version");
        assert_eq!(key("バージョン"), "version");
        assert_eq!(key("Lenguaje/Versión"), "language version");
        assert_eq!(key("Fase 0: Investigación"), "phase 0 research");
        assert_eq!(
            key("사용자 시나리오 & 테스트 *(필수)*"),
            "user scenarios and testing mandatory"
        );
        assert_eq!(key("技术背景与约束"), "technical context 与约束");
        assert_eq!(
            key("Requisitos Funcionales (detalle)"),
            "functional requirements detalle"
        );
        // English keys are left as they are, and so is a word that only starts like a phrase.
        assert_eq!(key("Data Model"), "data model");
        assert_eq!(key("Estadística"), "estadística");
    }

    #[test]
    fn every_table_line_is_read() {
        let table = translations();
        for line in include_str!("key/translations.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (english, others) = line.split_once('=').unwrap_or(("", ""));
            assert!(
                !english.trim().is_empty() && !others.trim().is_empty(),
                "{line}"
            );
            for other in others.split('|') {
                let first = words(other);
                assert!(
                    first
                        .first()
                        .is_some_and(|w| table.by_first_word.contains_key(w)),
                    "{other}"
                );
            }
        }
    }

    #[test]
    fn prefix_matching_is_by_whole_words() {
        assert!(keys_match("decision log", "decision log adr stubs"));
        assert!(keys_match("documentation this feature", "documentation"));
        assert!(!keys_match("test", "testing strategy"));
        assert!(!keys_match("", "summary"));
    }
}
