use super::*;

const SECTION: &str = "<!-- SPECKIT START -->\nbody\n<!-- SPECKIT END -->\n";

#[test]
fn upsert_replaces_appends_and_repairs() {
    assert_eq!(upsert(None, DEFAULT_START, DEFAULT_END, SECTION), SECTION);
    assert_eq!(
        upsert(Some(""), DEFAULT_START, DEFAULT_END, SECTION),
        SECTION
    );
    assert_eq!(
        upsert(Some("# Title"), DEFAULT_START, DEFAULT_END, SECTION),
        format!("# Title\n\n{SECTION}")
    );
    assert_eq!(
        upsert(Some("# Title\n"), DEFAULT_START, DEFAULT_END, SECTION),
        format!("# Title\n\n{SECTION}")
    );
    let existing = "a\n<!-- SPECKIT START -->\nold\n<!-- SPECKIT END -->\nb\n";
    assert_eq!(
        upsert(Some(existing), DEFAULT_START, DEFAULT_END, SECTION),
        format!("a\n{SECTION}b\n")
    );
    // A start marker without an end marker: everything after it is replaced.
    assert_eq!(
        upsert(
            Some("a\n<!-- SPECKIT START -->\nrest"),
            DEFAULT_START,
            DEFAULT_END,
            SECTION
        ),
        format!("a\n{SECTION}")
    );
    // An end marker alone: everything up to it is replaced.
    assert_eq!(
        upsert(
            Some("x\n<!-- SPECKIT END -->\ntail"),
            DEFAULT_START,
            DEFAULT_END,
            SECTION
        ),
        format!("{SECTION}tail")
    );
}

#[test]
fn mdc_front_matter() {
    assert_eq!(
        ensure_mdc_front_matter("body\n"),
        "---\nalwaysApply: true\n---\n\nbody\n"
    );
    assert_eq!(
        ensure_mdc_front_matter("---\ndescription: x\n---\nbody\n"),
        "---\ndescription: x\nalwaysApply: true\n---\nbody\n"
    );
    assert_eq!(
        ensure_mdc_front_matter("---\nalwaysApply: false # keep\n---\nbody"),
        "---\nalwaysApply: true # keep\n---\nbody"
    );
    let done = "---\nalwaysApply: true\n---\nbody";
    assert_eq!(ensure_mdc_front_matter(done), done);
    assert_eq!(
        ensure_mdc_front_matter("---\n\n---\n"),
        "---\nalwaysApply: true\n---\n"
    );
    assert_eq!(
        ensure_mdc_front_matter("---\nunclosed"),
        "---\nalwaysApply: true\n---\n\n---\nunclosed"
    );
}

#[test]
fn context_file_paths_must_stay_inside() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    assert!(validate_context_file(root, "CLAUDE.md").is_ok());
    assert!(validate_context_file(root, "docs/new/AGENTS.md").is_ok());
    assert!(
        validate_context_file(root, "/etc/x")
            .unwrap_err()
            .contains("project-relative")
    );
    assert!(
        validate_context_file(root, "C:x")
            .unwrap_err()
            .contains("project-relative")
    );
    assert!(
        validate_context_file(root, "a\\b")
            .unwrap_err()
            .contains("backslash")
    );
    assert!(
        validate_context_file(root, "a/../b")
            .unwrap_err()
            .contains("'..'")
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/", dir.path().join("out")).unwrap();
        assert!(
            validate_context_file(root, "out/x.md")
                .unwrap_err()
                .contains("outside")
        );
    }
}

#[test]
fn section_lines() {
    assert_eq!(
        section("S", "E", "specs/001/plan.md"),
        "S\nFor additional context about technologies to be used, project structure,\nshell commands, and other important information, read the current plan\nat specs/001/plan.md\nE\n"
    );
    assert!(!section("S", "E", "").contains("\nat "));
}

#[test]
fn technical_context_keeps_filled_fields() {
    let plan = "**Language/Version**: Rust 1.85\n**Primary Dependencies**: [e.g., axum or NEEDS CLARIFICATION]\n**Storage**: N/A\n**Testing**: cargo test\n";
    assert_eq!(
        technical_context(plan),
        ["Language/Version: Rust 1.85", "Testing: cargo test"]
    );
    let text = section_with("S", "E", "p.md", &technical_context(plan));
    assert!(text.ends_with("at p.md\n\n- Language/Version: Rust 1.85\n- Testing: cargo test\nE\n"));
}
