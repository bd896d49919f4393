use super::*;

/// A made-up template whose headings no built-in shares.
const TEMPLATE: &str = "\
# Launch Brief: [PRODUCT]

**Owner**: [TEAM NAME]
**Launch window**: [e.g., 2025-Q3]

## Audience

[Who is this launch for, and what do they need?]

## Rollout Waves

| Wave | Markets | Go/No-Go |
|------|---------|----------|
| [Wave name] | [Markets] | Go/No-Go/Hold |

### Canary Plan

```text
# [REMOVE IF UNUSED] Option 1: Region by region
# [REMOVE IF UNUSED] Option 2: Percentage ramp
```

## Exceptions

> Fill ONLY if a wave skips a market.

<!-- Remove this guidance when the brief is written. -->
";

fn schema() -> Schema {
    Schema::derive(&Document::parse(TEMPLATE.to_owned()))
}

#[test]
fn headings_become_sections_and_optional_ones_are_marked() {
    let schema = schema();
    let sections: Vec<(&str, bool)> = schema
        .sections
        .iter()
        .map(|s| (s.key.as_str(), s.optional))
        .collect();
    assert_eq!(
        sections,
        [
            ("audience", false),
            ("rollout waves", false),
            ("canary plan", false),
            ("exceptions", true)
        ]
    );
}

#[test]
fn slots_rows_choices_comments_and_options_are_template_text() {
    let schema = schema();
    assert!(schema.is_slot("Who is this launch for, and what do they need?"));
    assert!(schema.is_slot("Wave name"));
    assert!(!schema.is_slot("Europe first"));
    assert!(schema.is_example_row(&["[Wave name]", "[Markets]", "Go/No-Go/Hold"]));
    assert!(!schema.is_example_row(&["Wave 1", "DE, FR", "Go"]));
    assert!(schema.is_choice_list("Go / No-Go / Hold"));
    assert!(!schema.is_choice_list("Go"));
    assert!(schema.is_guidance_comment(" Remove this guidance when the brief is written. "));
    assert!(schema.offers_options("canary plan"));
    assert!(!schema.offers_options("audience"));
    assert!(schema.has_label("launch window"));
    assert!(schema.has_line("## Audience"));
}

#[test]
fn documents_match_sections_whatever_their_numbering() {
    let schema = schema();
    let document = Document::parse(
        "# Launch Brief: Atlas\n\n## 2. Rollout Waves\n\ntext\n\n## 1) Audience\n\ntext\n"
            .to_owned(),
    );
    let matches = schema.match_sections(&document);
    assert!(matches[0].is_some() && matches[1].is_some());
    assert!(matches[2].is_none());
    assert!(matches[0] > matches[1], "document order is kept");
}

#[test]
fn option_labels_and_choice_lists() {
    assert_eq!(
        option_label("# [REMOVE IF UNUSED] Option 1: Single"),
        Some((2, 18))
    );
    assert_eq!(option_label("# Option 2: Web application"), Some((2, 8)));
    assert_eq!(option_label("Optional: not a label"), None);
    assert_eq!(option_label("We compared Option 1 and 2"), None);
    assert_eq!(
        choice_key("High / Med / Low"),
        Some("high/med/low".to_owned())
    );
    assert_eq!(
        choice_key("**PASS/FAIL/WAIVED**"),
        Some("pass/fail/waived".to_owned())
    );
    assert_eq!(
        choice_key("client/server"),
        None,
        "needs a capitalised alternative"
    );
    assert_eq!(choice_key("src/lib.rs"), None);
}

#[test]
fn a_heading_matches_whatever_its_parenthetical_says() {
    assert_eq!(
        strip_parenthetical("Key Entities *(include if feature involves data)*"),
        ("Key Entities", "(include if feature involves data)")
    );
    assert_eq!(
        strip_parenthetical("ソースコード（リポジトリのルート）"),
        ("ソースコード", "（リポジトリのルート）")
    );
    assert_eq!(strip_parenthetical("(only a note)"), ("(only a note)", ""));
    let schema = Schema::derive(&Document::parse(
        "# Plan\n\n## Source Code (repository root)\n\n## Key Entities\n".to_owned(),
    ));
    let document = Document::parse(
        "# Plan\n\n## Source Code (changed files)\n\n## 핵심 엔티티 (Key Entities)\n".to_owned(),
    );
    assert_eq!(schema.match_sections(&document), [Some(2), Some(3)]);
}
