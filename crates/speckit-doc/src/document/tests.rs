use super::*;
use crate::PlaceholderKind;

fn doc(text: &str) -> Document {
    Document::parse(text.to_owned())
}

fn texts(document: &Document, ranges: impl IntoIterator<Item = TextRange>) -> Vec<&str> {
    ranges
        .into_iter()
        .map(|range| document.slice(range))
        .collect()
}

#[test]
fn section_tree_follows_heading_levels() {
    let d = doc(
        "# Plan\n\nintro\n\n## 1. Summary\n\ntext\n\n## Technical Context\n\n### Sub\n\nx\n\n## Last\n",
    );
    let keys: Vec<_> = d.headings.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(
        keys,
        ["plan", "summary", "technical context", "sub", "last"]
    );
    assert_eq!(d.sections.len(), 6);
    let plan = &d.sections[1];
    assert_eq!(plan.children, [2, 3, 5]);
    let technical = &d.sections[3];
    assert_eq!(technical.children, [4]);
    assert!(d.is_blank(technical.content));
    assert_eq!(d.find_section("technical context"), Some(3));
    assert_eq!(d.section_at(d.text().find("x\n").unwrap()), 4);
}

#[test]
fn fields_and_their_bodies() {
    let d = doc(
        "**Storage**:\n**Testing**: pytest\n\n**Key Entities**:\n- User\n\n- Dependencies on:\n  - Overview spec:\n- Filled: yes\n",
    );
    let fields: Vec<_> = d
        .fields
        .iter()
        .map(|f| (d.slice(f.label), d.slice(f.value), f.has_body))
        .collect();
    assert_eq!(
        fields,
        [
            ("Storage", "", false),
            ("Testing", "pytest", false),
            ("Key Entities", "", true),
            ("Dependencies on", "", true),
            ("Overview spec", "", false),
            ("Filled", "yes", false),
        ]
    );
}

#[test]
fn placeholders_skip_code_links_and_task_marks() {
    let d = doc(concat!(
        "# Plan: [FEATURE]\n\n",
        "**Date**: [DATE] see [the spec](spec.md) and [ref][r]\n\n",
        "- [ ] T001 [P] [US1] do it\n",
        "- [x] done `[NOT_THIS]`\n\n",
        "```text\n[ALSO_NOT]\n```\n\n",
        "<!-- [NOR_THIS] -->\n\n",
        "Owner: {{owner}} and [NEEDS CLARIFICATION: who?] and [OPTIONAL: n/a]\n\n",
        "Title: {{ 'cart.title' | t }} and {{ format(date) }}\n\n",
        "[r]: https://example.com\n",
    ));
    let found: Vec<_> = d
        .placeholders
        .iter()
        .map(|p| (d.slice(p.range), p.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("[FEATURE]", PlaceholderKind::Token),
            ("[DATE]", PlaceholderKind::Token),
            ("{{owner}}", PlaceholderKind::Value),
            (
                "[NEEDS CLARIFICATION: who?]",
                PlaceholderKind::Clarification
            ),
        ]
    );
    let brackets = texts(&d, d.brackets.iter().map(|b| b.range));
    assert!(brackets.contains(&"[OPTIONAL: n/a]"));
    assert!(
        !brackets
            .iter()
            .any(|b| b.contains("ref") || b.contains("the spec"))
    );
}

#[test]
fn clarification_values_in_fields_and_cells() {
    let d = doc(
        "**Storage**: NEEDS CLARIFICATION\n\n| a | b |\n|---|---|\n| x | NEEDS CLARIFICATION |\n\nWe resolve NEEDS CLARIFICATION items.\n",
    );
    let kinds: Vec<_> = d.placeholders.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PlaceholderKind::Clarification,
            PlaceholderKind::Clarification
        ]
    );
}

#[test]
fn markers_and_comments() {
    let d = doc(
        "<!-- SPECKIT_LEVEL: 2 -->\n# T\n<!-- SPECKIT_TEMPLATE_SOURCE: plan | v1.0 -->\n\n<!--\n  ACTION REQUIRED: fill\n-->\n\ntext <!-- /ANCHOR:summary --> more\n",
    );
    let markers: Vec<_> = d
        .markers
        .iter()
        .map(|m| (d.slice(m.name), d.slice(m.value)))
        .collect();
    assert_eq!(
        markers,
        [
            ("SPECKIT_LEVEL", "2"),
            ("SPECKIT_TEMPLATE_SOURCE", "plan | v1.0"),
            ("/ANCHOR", "summary")
        ]
    );
    assert_eq!(d.comments.len(), 4);
    assert!(d.comments.iter().all(|c| c.closed));
}

#[test]
fn unclosed_fence_and_comment_are_recorded() {
    let d = doc("# T\n\n```text\ncode\n\n## Hidden\n");
    assert_eq!(d.code_blocks.len(), 1);
    assert!(!d.code_blocks[0].closed);
    assert_eq!(d.headings.len(), 1);

    let d = doc("# T\n\n<!-- never closed\n\n## Hidden\n");
    assert!(d.comments.iter().any(|c| !c.closed));
}

#[test]
fn closed_fences_are_closed() {
    let d = doc("```\na\n```\n\n~~~~md\nb\n~~~~~\n\n    indented\n");
    assert!(d.code_blocks.iter().all(|b| b.closed));
    assert_eq!(d.code_blocks.len(), 3);
}

#[test]
fn tables_have_trimmed_cells() {
    let d = doc(
        "| Gate | Status |\n|------|--------|\n| Security | PASS |\n| [Gate name] | [Status] |\n",
    );
    let table = &d.tables[0];
    assert_eq!(
        texts(&d, table.header.cells.iter().copied()),
        ["Gate", "Status"]
    );
    assert_eq!(
        texts(&d, table.rows[0].cells.iter().copied()),
        ["Security", "PASS"]
    );
    assert_eq!(table.rows.len(), 2);
}

#[test]
fn checklist_items_carry_their_marks() {
    let d = doc("- [ ] open item\n- [x] done\n  - [X] nested\n* [ ] star\n");
    let items: Vec<_> = d
        .list_items
        .iter()
        .map(|i| (d.slice(i.first_line), i.task.map(|t| t.checked), i.depth))
        .collect();
    assert_eq!(
        items,
        [
            ("open item", Some(false), 0),
            ("done", Some(true), 0),
            ("nested", Some(true), 1),
            ("star", Some(false), 0)
        ]
    );
}

#[test]
fn front_matter_does_not_become_markdown() {
    let d = doc("---\nfeature_id: [FEATURE DIRECTORY NAME]\n---\n\n# Plan\n");
    assert!(d.front_matter.as_ref().unwrap().closed);
    assert_eq!(d.headings.len(), 1);
    assert!(d.brackets.is_empty());
}

#[test]
fn crlf_documents_parse_like_lf() {
    let lf = "# Plan\n\n**Storage**: x\n\n## Summary\n\n- [ ] a\n";
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (doc(lf), doc(&crlf));
    assert_eq!(a.headings.len(), b.headings.len());
    assert_eq!(b.slice(b.fields[0].value), "x");
    assert_eq!(b.slice(b.headings[1].title), "Summary");
}

#[test]
fn brackets_may_hold_code_spans() {
    let d = doc(
        "**Storage**: [e.g., `sqlite` or `postgres`]\n\n[NEEDS CLARIFICATION: should `--force` win?]\n",
    );
    let found: Vec<_> = d
        .placeholders
        .iter()
        .map(|p| (d.slice(p.range), p.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("[e.g., `sqlite` or `postgres`]", PlaceholderKind::Hint),
            (
                "[NEEDS CLARIFICATION: should `--force` win?]",
                PlaceholderKind::Clarification
            ),
        ]
    );
}

#[test]
fn a_label_inside_a_list_item_is_answered_by_its_nested_list() {
    let d = doc(
        "2. **Spacing by language**:\n\n   **English (EN):**\n   - Colon: no space before\n\n3. Next\n",
    );
    let english = d
        .fields
        .iter()
        .find(|f| d.slice(f.label) == "English (EN)")
        .unwrap();
    assert!(english.has_body);
}

#[test]
fn a_plain_sub_label_answers_a_bold_label_but_a_bold_one_does_not() {
    let d = doc("**Examples**:\n\nEN:\n- one\n\n**Storage**:\n\n**Testing**: cargo test\n");
    let has_body: Vec<_> = d
        .fields
        .iter()
        .map(|f| (d.slice(f.label), f.has_body))
        .collect();
    assert_eq!(
        has_body,
        [
            ("Examples", true),
            ("EN", true),
            ("Storage", false),
            ("Testing", false)
        ]
    );
}

/// What a document's model says, line numbers included, as text to compare across line ends.
fn outline(d: &Document) -> Vec<String> {
    let index = d.line_index();
    let at = |range: TextRange| index.line_col(d.text(), range.start()).line;
    let mut out = Vec::new();
    for section in &d.sections {
        let content = d
            .slice(section.content)
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let content = content.trim().replace('\n', " ");
        out.push(format!("section {} {:?}", section.level, content));
    }
    for field in &d.fields {
        out.push(format!(
            "field {} {}={}",
            at(field.line),
            d.slice(field.label),
            d.slice(field.value)
        ));
    }
    for block in &d.code_blocks {
        out.push(format!("code {} closed={}", at(block.range), block.closed));
    }
    for item in &d.list_items {
        out.push(format!(
            "item {} {}",
            at(item.range),
            d.slice(item.first_line)
        ));
    }
    for p in &d.placeholders {
        out.push(format!("placeholder {} {}", at(p.range), d.slice(p.range)));
    }
    if let Some(front) = &d.front_matter {
        let keys: Vec<_> = front.entries.iter().map(|e| d.slice(e.value)).collect();
        out.push(format!("front {} {keys:?}", front.closed));
    }
    out
}

#[test]
fn lf_crlf_lone_cr_and_mixed_line_ends_read_alike() {
    let lf = "---\nstatus: draft\n---\n# Plan\n\n**Storage**: x\n**Testing**: [DATE]\n\n\
              ## Summary\n\n- [ ] a\n- b: {{c}}\n\n```text\nsrc/\n```\n\n## Last\n\ntext\n";
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    // Line ends in turn LF, lone CR and CRLF (a lone CR never stands before an LF).
    let mut mixed = String::new();
    for (n, line) in lf.split_inclusive('\n').enumerate() {
        let line = line.trim_end_matches('\n');
        mixed.push_str(line);
        mixed.push_str(["\n", "\r", "\r\n"][n % 3]);
    }
    let expected = outline(&doc(lf));
    assert!(
        expected.iter().any(|l| l == "code 14 closed=true"),
        "{expected:#?}"
    );
    for (name, text) in [("crlf", crlf), ("cr", cr), ("mixed", mixed)] {
        assert_eq!(outline(&doc(&text)), expected, "{name}");
    }
}

#[test]
fn invisible_characters_do_not_hide_placeholders_or_questions() {
    let d = doc(concat!(
        "**Owner**: [\u{200B}FEATURE]\n\n",
        "**Storage**: [NEEDS\u{200B} CLARIFICATION: which store?]\n\n",
        "**Auth**: [\u{2060}NEEDS\u{00A0}CLARI\u{00AD}FICATION: which provider?]\n\n",
        "**Rate**: NEEDS\u{FEFF} CLARIFICATION\n",
    ));
    let found: Vec<_> = d
        .placeholders
        .iter()
        .map(|p| (d.slice(p.range), p.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("[\u{200B}FEATURE]", PlaceholderKind::Token),
            (
                "[NEEDS\u{200B} CLARIFICATION: which store?]",
                PlaceholderKind::Clarification
            ),
            (
                "[\u{2060}NEEDS\u{00A0}CLARI\u{00AD}FICATION: which provider?]",
                PlaceholderKind::Clarification
            ),
            (
                "NEEDS\u{FEFF} CLARIFICATION",
                PlaceholderKind::Clarification
            ),
        ]
    );
}

#[test]
fn a_question_with_a_stray_bracket_is_still_open() {
    let d = doc(concat!(
        "Index: [NEEDS CLARIFICATION: which of a[i? ]\n\n",
        "Bound: [NEEDS CLARIFICATION: is a[0 or a[1 the first?  \n\n",
        "Nested: [NEEDS CLARIFICATION: which of a[i]?\n\n",
        "Aside: [see a[i] above\n",
    ));
    let found: Vec<_> = d
        .placeholders
        .iter()
        .map(|p| (d.slice(p.range), p.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "[NEEDS CLARIFICATION: which of a[i? ]",
                PlaceholderKind::Clarification
            ),
            (
                "[NEEDS CLARIFICATION: is a[0 or a[1 the first?",
                PlaceholderKind::Clarification
            ),
            (
                "[NEEDS CLARIFICATION: which of a[i]?",
                PlaceholderKind::Clarification
            ),
        ]
    );
}
