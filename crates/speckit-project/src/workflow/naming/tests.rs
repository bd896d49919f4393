use super::*;

#[test]
fn short_names_match_the_core_script() {
    // Each pair is what the reference `create-new-feature.sh --dry-run` derives.
    let cases = [
        (
            "I want to add OAuth2 login for the API users",
            "oauth2-login-api-users",
        ),
        ("Add go support", "support"),
        ("Use GO now", "use-go-now"),
        ("a to the of", "a-to-the"),
        ("Build a UI for my app", "build-ui-app"),
        ("Café crème brûlée système", "café-crème-brûlée-système"),
        ("Support ab and cd", "support-and"),
        ("Version 12 rollout", "version-12-rollout"),
        ("add new user auth flow", "new-user-auth-flow"),
        ("Add v2 api", "api"),
        ("the ÉCOLE is", "École"),
        ("x_y MY_id", "x-y-my"),
        ("日本語 テスト", "日本語-テスト"),
    ];
    for (description, expected) in cases {
        assert_eq!(
            derive_short_name(description, Charset::Unicode),
            expected,
            "{description}"
        );
    }
}

#[test]
fn ascii_charset_drops_non_ascii_letters() {
    assert_eq!(
        derive_short_name("Café crème support", Charset::Ascii),
        "caf-support"
    );
    assert_eq!(clean_branch_name("Café Crème", Charset::Ascii), "caf-cr-me");
    assert_eq!(
        clean_branch_name("Café Crème", Charset::Unicode),
        "café-crème"
    );
}

#[test]
fn clean_branch_name_collapses_and_trims_dashes() {
    assert_eq!(
        clean_branch_name("--User  Auth!!--", Charset::Unicode),
        "user-auth"
    );
    assert_eq!(clean_branch_name("!!!", Charset::Unicode), "");
    assert_eq!(clean_branch_name("a\nb", Charset::Unicode), "a-b");
}

#[test]
fn trim_description_trims_each_line() {
    assert_eq!(trim_description("  hello  "), "hello");
    assert_eq!(trim_description("a  \n   b\n\n"), "a\nb");
    assert_eq!(trim_description(" \t "), "");
    assert_eq!(trim_description("\u{3000}x\u{a0}"), "x\u{a0}");
    assert_eq!(trim_description("-n"), "");
    assert_eq!(trim_description("-neE"), "");
    assert_eq!(trim_description("-"), "-");
    assert_eq!(trim_description("-x"), "-x");
}

#[test]
fn branch_names_are_cut_to_244_bytes() {
    let suffix = "word-".repeat(60);
    let fitted = fit_branch_name("001", &suffix);
    assert!(fitted.len() <= MAX_BRANCH_BYTES);
    assert!(!fitted.ends_with('-'));
    assert_eq!(
        fitted,
        format!("001-{}", &suffix[..239].trim_end_matches('-'))
    );
    // Multi-byte characters are never split.
    let wide = "é".repeat(200);
    let fitted = fit_branch_name("001", &wide);
    assert_eq!(fitted, format!("001-{}", "é".repeat(120)));
    assert_eq!(fit_branch_name("001", "short"), "001-short");
}

#[test]
fn numbering_rules() {
    let names = [
        "001-a",
        "0005-b",
        "12-c",
        "20240101-120000-d",
        "abc",
        "999-x",
    ];
    assert_eq!(highest_number(names), 999);
    assert_eq!(highest_number(["0005-x"]), 5);
    assert_eq!(highest_number(["12-x", "1-y"]), 0);
    assert_eq!(highest_number(["99999999999999999999-x"]), 0);
    assert_eq!(highest_number(["9223372036854775807-x"]), i64::MAX);
    assert!(is_in_range("0009223372036854775807"));
    assert!(!is_in_range("9223372036854775808"));
    assert_eq!(sequential_prefix("123-x"), Some("123"));
    assert_eq!(sequential_prefix("123x"), None);
    assert!(is_timestamp_name("20240101-120000-x"));
    assert!(!is_timestamp_name("20240101-120000"));
}

#[test]
fn branch_numbering_rules() {
    let branches = [
        "main",
        "004-a",
        "feat/007-b",
        "1234567-123456-x",
        "20240101-120000",
        "002x",
    ];
    assert_eq!(highest_branch_number(branches, ""), 7);
    assert_eq!(highest_branch_number(["team/009-a", "012-b"], "team/"), 9);
    assert_eq!(bash_decimal("99999999999999999999"), 7766279631452241919);
}
