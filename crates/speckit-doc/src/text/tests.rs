use super::*;

#[test]
fn columns_count_characters_not_bytes() {
    let text = "ab\nçé[DATE]\n";
    let index = LineIndex::new(text);
    let offset = text.find("[DATE]").unwrap();
    assert_eq!(index.line_col(text, offset), LineCol { line: 2, column: 3 });
}

#[test]
fn utf16_columns_count_surrogate_pairs_twice() {
    let text = "🚀x";
    let index = LineIndex::new(text);
    let offset = text.find('x').unwrap();
    assert_eq!(index.line_col(text, offset).column, 2);
    assert_eq!(index.line_col_utf16(text, offset).column, 3);
}

#[test]
fn crlf_lines_report_like_lf_lines() {
    let crlf = "one\r\ntwo [X]\r\n";
    let lf = "one\ntwo [X]\n";
    let (ic, il) = (LineIndex::new(crlf), LineIndex::new(lf));
    let pc = ic.line_col(crlf, crlf.find("[X]").unwrap());
    let pl = il.line_col(lf, lf.find("[X]").unwrap());
    assert_eq!(pc, pl);
    assert_eq!(slice(crlf, ic.line_range(crlf, 0)), "one");
    // The end of a CRLF line is its last visible character plus one.
    assert_eq!(ic.line_col(crlf, 3), LineCol { line: 1, column: 4 });
    assert_eq!(ic.line_col(crlf, 4), LineCol { line: 1, column: 4 });
}

#[test]
fn offsets_past_the_end_or_inside_a_character_do_not_panic() {
    let text = "é";
    let index = LineIndex::new(text);
    assert_eq!(index.line_col(text, 1), LineCol { line: 1, column: 1 });
    assert_eq!(index.line_col(text, 99), LineCol { line: 1, column: 2 });
    assert_eq!(slice(text, TextRange::new(1, 2)), "");
}

#[test]
fn inverted_ranges_are_empty() {
    let range = TextRange::new(5, 2);
    assert!(range.is_empty());
    assert_eq!(range.start(), 5);
}

#[test]
fn lone_cr_and_mixed_line_ends_count_as_lines() {
    let text = "one\rtwo\r\nthree\nfour [X]";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 4);
    let lines: Vec<&str> = (0..4)
        .map(|l| slice(text, index.line_range(text, l)))
        .collect();
    assert_eq!(lines, ["one", "two", "three", "four [X]"]);
    let offset = text.find("[X]").unwrap();
    assert_eq!(index.line_col(text, offset), LineCol { line: 4, column: 6 });
    let split: Vec<&str> = lines_of(text);
    assert_eq!(split, ["one", "two", "three", "four [X]"]);
}

fn lines_of(text: &str) -> Vec<&str> {
    lines(text).map(|l| &text[l.start..l.end]).collect()
}

#[test]
fn columns_past_checkpoints_count_like_from_the_line_start() {
    let text = format!("intro\n{}\nend é", "aé🚀\u{200B}".repeat(900));
    let index = LineIndex::new(&text);
    for (offset, _) in text.char_indices().step_by(7) {
        let line = index.line_of(offset);
        let before = &text[index.line_start(line)..offset];
        let expected = LineCol {
            line: line + 1,
            column: before.chars().count() + 1,
        };
        assert_eq!(index.line_col(&text, offset), expected, "{offset}");
        let utf16 = before.encode_utf16().count() + 1;
        assert_eq!(
            index.line_col_utf16(&text, offset).column,
            utf16,
            "{offset}"
        );
    }
}
