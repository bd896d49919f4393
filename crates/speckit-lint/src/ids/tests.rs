use super::*;

fn names(text: &str, ssd: bool) -> Vec<String> {
    scan(text, 0, ssd)
        .iter()
        .map(|mention| mention.id.to_string())
        .collect()
}

#[test]
fn requirement_and_story_ids_in_their_written_forms() {
    assert_eq!(
        names("- **FR-001**: x (see SC-002, FR-001a and FR-003.1).", false),
        ["FR-001", "SC-002", "FR-001a", "FR-003.1"]
    );
    assert_eq!(
        names("[US1] T005; US-002 and User Story 3, user story 4a.", false),
        ["US1", "US2", "US3", "US4a"]
    );
    // Another script may follow an ID directly.
    assert_eq!(names("FR-001에서, （SC-002）", false), ["FR-001", "SC-002"]);
}

#[test]
fn prose_about_the_numbering_scheme_is_not_an_id() {
    assert!(names("Requirements are numbered FR-### or FR-XXX.", false).is_empty());
    assert!(names("xFR-001 FR-001x1 SC-0_1 USB US2024 fr-FR", false).is_empty());
    assert!(names("M-ITEM and API-LOT-CREATE", false).is_empty());
    assert!(names("`M-...`, API-XXX, S-###", true).is_empty());
}

#[test]
fn ssd_ids_have_segments() {
    assert_eq!(
        names(
            "S-OVERVIEW-001 (M-ITEM, API-LOT-CREATE); .specify/specs/S-002-stock-intake; UC-001.",
            true
        ),
        [
            "S-OVERVIEW-001",
            "M-ITEM",
            "API-LOT-CREATE",
            "S-002",
            "UC-001"
        ]
    );
}

#[test]
fn ranges_expand_between_plain_numbers() {
    let found = scan(
        "FR-006 to FR-009, SC-001–SC-002, FR-001 and FR-002",
        0,
        false,
    );
    let first = &found[0];
    let last = first.until.as_ref().unwrap();
    let covered: Vec<String> = first.id.through(last).iter().map(Id::to_string).collect();
    assert_eq!(covered, ["FR-006", "FR-007", "FR-008", "FR-009"]);
    assert_eq!(
        found[2].until.as_ref().map(Id::to_string).as_deref(),
        Some("SC-002")
    );
    assert_eq!(found[4].until, None, "`and` lists, it does not span");
    // A range too long or backwards is just its two ends.
    let wide = scan("FR-001 to FR-999", 0, false);
    assert_eq!(wide[0].id.through(&wide[1].id).len(), 2);
}

#[test]
fn story_headings_in_every_template_generation() {
    let read =
        |title: &str| story_heading(title).map(|s| (s.id.map(|id| id.to_string()), s.has_priority));
    assert_eq!(
        read("User Story 1 - Set a goal (Priority: P1)"),
        Some((Some("US1".to_owned()), true))
    );
    assert_eq!(
        read("US-003: Depth Counter (Priority: P1)"),
        Some((Some("US3".to_owned()), true))
    );
    assert_eq!(
        read("User Story 2 — Export"),
        Some((Some("US2".to_owned()), false))
    );
    assert_eq!(read("Primary User Story"), Some((None, false)));
    assert_eq!(
        read("사용자 스토리 2 - 회원가입 (Priority: P2)"),
        Some((Some("US2".to_owned()), true))
    );
    assert_eq!(read("Acceptance for User Story 1"), None);
    assert_eq!(read("Phase 1 (MVP - P1)"), None);
    assert!(priority_in("(P2)") && !priority_in("P2P sharing") && !priority_in("MP3"));
}

#[test]
fn definitions_lead_their_line_and_references_do_not() {
    let text = "# Spec\n\nSpec ID(s): S-002, UC-001\n\n### UC-001 Record\n\nUses M-LOT.\n\n\
        ## Requirements\n\n- **FR-001**: System MUST x (unlike FR-002).\n\n**FR-002:** y\n\n\
        | ID | Name |\n|---|---|\n| M-LOT | Lot |\n";
    let doc = Document::parse(text.to_owned());
    let found = mentions(&doc, true, None);
    let defined: Vec<(String, bool)> = definitions(&doc, &found)
        .iter()
        .map(|d| (d.id.to_string(), d.declared))
        .collect();
    assert_eq!(
        defined,
        [
            ("S-002".to_owned(), true),
            ("UC-001".to_owned(), true),
            ("UC-001".to_owned(), false),
            ("FR-001".to_owned(), false),
            ("FR-002".to_owned(), false),
            ("M-LOT".to_owned(), false),
        ]
    );
}

#[test]
fn a_sentence_that_starts_with_an_id_does_not_define_it() {
    let text = "- **FR-004**: Logs MUST be read.\n\nFR-004 already covers it.\n\n\
        FR-004 is extended (**FR-004a**, 2026-07-12): more.\n\n- FR-005 — Tail.\n\n\
        **ID:** FR-1.1\n\n| FR-006 and FR-007 | x |\n|---|---|\n| `FR-008` | y |\n\n\
        - **US1.1**: a part of a story\n";
    let doc = Document::parse(text.to_owned());
    let found = mentions(&doc, false, None);
    let defined: Vec<(String, bool)> = definitions(&doc, &found)
        .iter()
        .map(|d| (d.id.to_string(), d.declared))
        .collect();
    assert_eq!(
        defined,
        [
            ("FR-004".to_owned(), false),
            ("FR-004a".to_owned(), true),
            ("FR-005".to_owned(), false),
            ("FR-1.1".to_owned(), true),
            ("FR-008".to_owned(), false),
        ]
    );
}

#[test]
fn code_comments_and_placeholders_are_not_mentions() {
    let text = "FR-001 `FR-002`\n\n```text\nFR-003\n```\n\n<!-- FR-004 -->\n\n[e.g., FR-005]\n";
    let doc = Document::parse(text.to_owned());
    let found: Vec<String> = mentions(&doc, false, None)
        .iter()
        .map(|m| m.id.to_string())
        .collect();
    assert_eq!(found, ["FR-001", "FR-002"]);
}
