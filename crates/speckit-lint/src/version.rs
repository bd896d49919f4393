//! Versions as documents write them: `**Version**: 1.2.0`, `version: v2.1.0`.

use speckit_doc::{Document, key};

/// A constitution's version: its `**Version**:` field (or `version:` front-matter key).
#[must_use]
pub(crate) fn constitution_version(doc: &Document) -> Option<String> {
    let field = doc
        .fields
        .iter()
        .find(|f| key::key(doc.slice(f.label)) == "version")
        .and_then(|f| first_version(doc.slice(f.value)));
    field.or_else(|| {
        doc.front_matter.as_ref().and_then(|front| {
            front
                .entries
                .iter()
                .find(|e| doc.slice(e.key) == "version")
                .and_then(|e| first_version(doc.slice(e.value)))
        })
    })
}

/// The first `1.2.3`-like version in `text`, without a leading `v`.
pub(crate) fn first_version(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '|' || c == '`' || c == '*')
        .map(|word| word.trim_start_matches(['v', 'V']))
        .find(|word| {
            !word.is_empty()
                && word.contains('.')
                && word.chars().all(|c| c.is_ascii_digit() || c == '.')
                && word.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(
            first_version("v1.2.0 | **Ratified**"),
            Some("1.2.0".to_owned())
        );
        assert_eq!(first_version("UNKNOWN"), None);
        let doc = Document::parse("**Version**: 2.1.0 | **Ratified**: 2025-01-01\n".to_owned());
        assert_eq!(constitution_version(&doc), Some("2.1.0".to_owned()));
    }
}
