use super::*;

#[test]
fn printf_q_matches_bash_for_metacharacters_and_tildes() {
    // Expected values are what bash 5.2's `printf %q` prints under LANG=C.UTF-8.
    let cases = [
        ("~a", "\\~a"),
        ("a~b", "a~b"),
        ("a=~b", "a=\\~b"),
        ("a:~b", "a:\\~b"),
        ("x=~", "x=\\~"),
        ("#a", "\\#a"),
        ("a#", "a#"),
        ("=a", "=a"),
        ("é中", "é中"),
        ("it's", "it\\'s"),
        ("a b", "a\\ b"),
        ("", "''"),
        ("a{b}c", "a\\{b\\}c"),
        ("001-x", "001-x"),
    ];
    for (input, expected) in cases {
        assert_eq!(bash_printf_q(input), expected, "input {input:?}");
    }
}

#[test]
fn printf_q_uses_ansi_c_form_for_control_characters() {
    let cases = [
        ("a\u{1}b", "$'a\\001b'"),
        ("a b\n", "$'a b\\n'"),
        ("a\u{7f}b", "$'a\\177b'"),
        ("a\tb", "$'a\\tb'"),
        ("a'b\n", "$'a\\'b\\n'"),
        ("a\\b\n", "$'a\\\\b\\n'"),
        (
            "$\"!*\u{7}\u{8}\u{1b}\u{c}\r\u{b}\u{1c}",
            "$'$\"!*\\a\\b\\E\\f\\r\\v\\034'",
        ),
        ("é\n", "$'é\\n'"),
        ("\u{85}", "$'\\302\\205'"),
        ("\u{378}", "$'\\315\\270'"),
    ];
    for (input, expected) in cases {
        assert_eq!(bash_printf_q(input), expected, "input {input:?}");
    }
    // Printable non-ASCII characters stay as they are.
    assert_eq!(bash_printf_q("\u{200b}"), "\u{200b}");
    assert_eq!(bash_printf_q("😀"), "😀");
}

#[test]
fn shlex_quote_matches_python() {
    assert_eq!(shlex_quote("001-user-auth"), "001-user-auth");
    assert_eq!(shlex_quote("/tmp/a b/specs"), "'/tmp/a b/specs'");
    assert_eq!(shlex_quote("it's"), "'it'\"'\"'s'");
    assert_eq!(shlex_quote(""), "''");
    assert_eq!(shlex_quote("é"), "'é'");
    assert_eq!(
        shlex_quote("a@b%c+d=e:f,g.h/i-j_k"),
        "a@b%c+d=e:f,g.h/i-j_k"
    );
}

#[test]
fn json_escape_leaves_del_and_unicode_raw() {
    let escaped = json_string("a\"b\\c\nd\te\r\u{8}\u{c}\u{1}\u{1f}\u{7f}é".as_bytes());
    assert_eq!(
        String::from_utf8(escaped).unwrap(),
        "\"a\\\"b\\\\c\\nd\\te\\r\\b\\f\\u0001\\u001f\u{7f}é\""
    );
}

#[test]
fn json_object_keeps_key_order_and_ends_with_newline() {
    let line = JsonObject::new()
        .string("B", "x")
        .strings("A", &["research.md", "contracts/"])
        .strings::<&str>("E", &[])
        .flag("DRY_RUN")
        .line();
    assert_eq!(
        String::from_utf8(line).unwrap(),
        "{\"B\":\"x\",\"A\":[\"research.md\",\"contracts/\"],\"E\":[],\"DRY_RUN\":true}\n"
    );
}

#[test]
fn format_03d_pads_like_c_printf() {
    assert_eq!(format_03d(0), "000");
    assert_eq!(format_03d(5), "005");
    assert_eq!(format_03d(999), "999");
    assert_eq!(format_03d(1000), "1000");
    assert_eq!(format_03d(-1), "-01");
    assert_eq!(format_03d(-123), "-123");
    assert_eq!(format_03d(i64::MIN), "-9223372036854775808");
}

#[test]
fn character_classes() {
    assert!(posix_is_space('\u{3000}'));
    assert!(!posix_is_space('\u{a0}'));
    assert!(!posix_is_space('\u{2007}'));
    assert!(python_is_space('\u{a0}'));
    assert!(python_is_space('\u{1c}'));
    assert!(python_is_word_char('é'));
    assert!(python_is_word_char('中'));
    assert!(python_is_word_char('٣'));
    assert!(!python_is_word_char('²'));
    assert!(!python_is_word_char('\u{301}'));
    assert!(!python_is_word_char('_'));
}
