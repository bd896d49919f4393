use super::*;

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

/// Which story a heading is, `grammar.txt` says; this is whether it gives a priority.
#[test]
fn story_headings_and_priorities() {
    let priority = |title: &str| story_heading(title).map(|s| s.has_priority);
    assert_eq!(
        priority("User Story 1 - Set a goal (Priority: P1)"),
        Some(true)
    );
    assert_eq!(priority("사용자 스토리 2 - 회원가입 (P2)"), Some(true));
    assert_eq!(priority("User Story 2 — Export"), Some(false));
    assert_eq!(priority("Primary User Story"), Some(false));
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
        User Story 2 is where this is tested.\n";
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

/// What the grammar reads in one context of `grammar.txt`, as the file writes it.
fn read_in(context: &str, text: &str) -> String {
    let joined = |ids: Vec<String>| {
        if ids.is_empty() {
            "-".to_owned()
        } else {
            ids.join(" ")
        }
    };
    let shown = |ids: &[Id]| joined(ids.iter().map(Id::to_string).collect());
    let prose = |ssd: bool| {
        joined(
            scan(text, 0, ssd)
                .iter()
                .map(|m| match &m.until {
                    Some(last) => format!("{}..{last}", m.id),
                    None => m.id.to_string(),
                })
                .collect(),
        )
    };
    match context {
        "prose" => prose(false),
        "ssd" => prose(true),
        "task" => task_at(text, 0)
            .and_then(|(_, end)| text.get(..end))
            .unwrap_or("-")
            .to_owned(),
        "label" => story_label(text).map_or_else(|| "-".to_owned(), |ids| shown(&ids)),
        "phase" => shown(&stories_in(text)),
        "heading" => match story_heading(text) {
            Some(StoryHeading { id: Some(id), .. }) => id.to_string(),
            Some(StoryHeading { id: None, .. }) => "unnumbered".to_owned(),
            None => "-".to_owned(),
        },
        "spec" => shown(&spec_stories(&Document::parse(text.to_owned()))),
        "defines" => {
            let doc = Document::parse(text.to_owned());
            let found = mentions(&doc, false, None);
            let defined: Vec<Id> = definitions(&doc, &found)
                .into_iter()
                .filter(|d| !d.declared)
                .map(|d| d.id)
                .collect();
            shown(&defined)
        }
        "lineage" => scan(text, 0, true).first().map_or_else(
            || "-".to_owned(),
            |m| shown(&m.id.lineage().collect::<Vec<_>>()),
        ),
        "sort" => {
            let mut ids: Vec<Id> = scan(text, 0, true).into_iter().map(|m| m.id).collect();
            ids.sort();
            shown(&ids)
        }
        other => panic!("grammar.txt: unknown context `{other}`"),
    }
}

/// Checks an `order:` line: task IDs joined by `<`, `=` or `?`.
fn order_failures(line: &str, chain: &str) -> Vec<String> {
    let tokens: Vec<&str> = chain.split_whitespace().collect();
    let task = |token: &str| {
        task_at(token, 0)
            .filter(|(_, end)| *end == token.len())
            .map(|(id, _)| id)
            .unwrap_or_else(|| panic!("grammar.txt: `{token}` is no task ID in `{line}`"))
    };
    tokens
        .windows(3)
        .step_by(2)
        .filter_map(|window| {
            let [before, relation, after] = window else {
                return None;
            };
            let expected = match *relation {
                "<" => Some(Ordering::Less),
                "=" => Some(Ordering::Equal),
                "?" => None,
                other => panic!("grammar.txt: unknown relation `{other}` in `{line}`"),
            };
            let found = task(before).order(&task(after));
            (found != expected).then(|| {
                format!("{line}\n  {before} {relation} {after}: the grammar says {found:?}")
            })
        })
        .collect()
}

/// The grammar, as data: every line of `grammar.txt` read in its context.
#[test]
fn the_grammar_reads_every_case_of_its_table() {
    let table = include_str!("grammar.txt");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in table.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cases += 1;
        let (context, case) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("grammar.txt: no context in `{line}`"));
        if context == "order" {
            failures.extend(order_failures(line, case));
            continue;
        }
        let (text, expected) = case
            .rsplit_once(" => ")
            .unwrap_or_else(|| panic!("grammar.txt: no ` => ` in `{line}`"));
        let text = text.replace("\\n", "\n");
        let found = read_in(context, &text);
        if found != expected {
            failures.push(format!("{line}\n  read: {found}"));
        }
    }
    assert!(cases > 50, "grammar.txt holds only {cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
