use super::*;

fn value_of(text: &str) -> Result<Yaml, YamlError> {
    load(text).map(|doc| doc.get("a").cloned().unwrap_or(Yaml::Null))
}

#[test]
fn plain_scalars_resolve_with_yaml_1_1_rules() {
    // Each expectation is what PyYAML 6's safe_load returns for `a: <text>`.
    let numbers = [
        "0755",
        "1_000",
        "1:30",
        ".5",
        "0x1F",
        "+.inf",
        "1.",
        "190:20:30.15",
        "+12",
    ];
    for text in numbers {
        assert_eq!(value_of(&format!("a: {text}")), Ok(Yaml::Number), "{text}");
    }
    let dates = ["2024-01-01", "2024-1-1 10:00:00"];
    for text in dates {
        assert_eq!(value_of(&format!("a: {text}")), Ok(Yaml::Number), "{text}");
    }
    let strings = ["0o17", "1e3", "09", "y", "-.5", "replace"];
    for text in strings {
        assert_eq!(
            value_of(&format!("a: {text}")),
            Ok(Yaml::Str(text.to_owned())),
            "{text}"
        );
    }
    assert_eq!(value_of("a: on"), Ok(Yaml::Bool(true)));
    assert_eq!(value_of("a: Off"), Ok(Yaml::Bool(false)));
    assert_eq!(value_of("a: ~"), Ok(Yaml::Null));
    assert_eq!(value_of("a:"), Ok(Yaml::Null));
}

#[test]
fn quoted_and_tagged_scalars() {
    assert_eq!(value_of("a: '='"), Ok(Yaml::Str("=".to_owned())));
    assert_eq!(value_of("a: \"on\""), Ok(Yaml::Str("on".to_owned())));
    assert_eq!(value_of("a: !!str 5"), Ok(Yaml::Str("5".to_owned())));
    assert!(value_of("a: =").is_err());
    assert!(value_of("a: !foo x").is_err());
}

#[test]
fn documents_aliases_and_duplicate_keys() {
    assert_eq!(load(""), Ok(Yaml::Null));
    assert_eq!(load("# only a comment\n"), Ok(Yaml::Null));
    assert!(load("---\na: 1\n---\nb: 2").is_err());
    let doc = load("a: &x [one]\nb: *x").unwrap();
    assert_eq!(
        doc.get("b"),
        Some(&Yaml::Seq(vec![Yaml::Str("one".to_owned())].into()))
    );
    let doc = load("a: 1\na: s").unwrap();
    assert_eq!(doc.get("a"), Some(&Yaml::Str("s".to_owned())));
    assert!(load("a: [unclosed").is_err());
    assert!(load("b: *missing").is_err());
}

#[test]
fn nested_manifest_shape() {
    let doc = load(
        "provides:\n  templates:\n    - type: template\n      name: plan-template\n      file: templates/plan.md\n      strategy: wrap\n",
    )
    .unwrap();
    let templates = doc
        .get("provides")
        .and_then(|p| p.get("templates"))
        .unwrap();
    let Yaml::Seq(items) = templates else {
        panic!("not a list")
    };
    assert_eq!(
        items[0].get("strategy").and_then(Yaml::as_str),
        Some("wrap")
    );
}

/// Runs `work` on another thread and fails when it has not finished within `limit`: a hang
/// detector for inputs that used to take quadratic time, with a limit far above what a linear
/// implementation needs even in a debug build on a busy machine.
fn within<T: Send + 'static>(
    limit: std::time::Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    result
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

/// The classic "billion laughs": nine lists of nine, each made of aliases to the one before, 342
/// bytes that would expand to 9^9 strings.
fn alias_bomb() -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (previous, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let aliases = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    text
}

#[test]
fn alias_bombs_are_refused() {
    let bomb = alias_bomb();
    let error = within(std::time::Duration::from_secs(60), move || load(&bomb)).unwrap_err();
    assert!(error.to_string().contains("alias"), "{error}");
}

#[test]
fn aliases_within_the_budget_load() {
    // A thousand uses of a shared default stay far below ten times the document's size.
    let mut text = String::from("defaults: &d {strategy: wrap, type: template}\nitems:\n");
    for _ in 0..1_000 {
        text.push_str("  - *d\n");
    }
    let doc = load(&text).unwrap();
    let Some(Yaml::Seq(items)) = doc.get("items") else {
        panic!("not a list")
    };
    assert_eq!(items.len(), 1_000);
    assert_eq!(
        items[999].get("strategy").and_then(Yaml::as_str),
        Some("wrap")
    );
}

#[test]
fn many_keys_load_in_linear_time() {
    // 200,000 entries over 100,000 keys: each key's last value, in first-insertion order.
    let mut text = String::new();
    for round in 0..2 {
        for key in 0..100_000 {
            text.push_str(&format!("k{key}: v{round}\n"));
        }
    }
    let doc = within(std::time::Duration::from_secs(60), move || load(&text)).unwrap();
    let Yaml::Map(entries) = &doc else {
        panic!("not a mapping")
    };
    assert_eq!(entries.len(), 100_000);
    assert_eq!(entries[0].0, Yaml::Str("k0".to_owned()));
    assert_eq!(entries[0].1, Yaml::Str("v1".to_owned()));
    assert_eq!(doc.get("k99999"), Some(&Yaml::Str("v1".to_owned())));
}

#[test]
fn repeated_keys_keep_their_first_position() {
    let doc = load("a: 1\nb: 2\na: last\n").unwrap();
    let Yaml::Map(entries) = &doc else {
        panic!("not a mapping")
    };
    let keys: Vec<_> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, [Some("a"), Some("b")]);
    assert_eq!(doc.get("a"), Some(&Yaml::Str("last".to_owned())));
}

#[test]
fn collection_keys_are_unhashable_as_in_pyyaml() {
    for text in [
        "{[a]: 1}",
        "? [a]\n: 1",
        "{{a: 1}: 2}",
        "a: &x [1]\n? *x\n: 2",
    ] {
        let error = load(text).unwrap_err();
        assert!(
            error.to_string().contains("unhashable key"),
            "{text}: {error}"
        );
    }
    // A scalar alias is a fine key.
    let doc = load("a: &x k\n? *x\n: 2").unwrap();
    assert_eq!(doc.get("k"), Some(&Yaml::Number));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = 100_000;
    let cases = [
        "[".repeat(deep) + &"]".repeat(deep),
        "{a: ".repeat(deep) + "1" + &"}".repeat(deep),
        "- ".repeat(deep) + "x",
        // Block mappings nest by indentation, so their text grows with the square of the depth.
        (0..2_000)
            .map(|i| " ".repeat(i) + "a:\n")
            .collect::<String>(),
    ];
    for text in cases {
        // A thread with a small stack, so that recursion per level would show.
        let error = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || load(&text).map(|_| ()))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        let message = error.to_string();
        // saphyr-parser itself refuses flow collections nested more than 255 levels.
        assert!(
            message.contains("nest more than") || message.contains("recursion limit"),
            "{message}"
        );
    }
}

#[test]
fn nesting_up_to_the_limit_loads() {
    // Block sequences, since the parser limits flow collections to 255 levels of its own.
    let nested = |levels: usize| "- ".repeat(levels) + "x";
    assert!(load(&nested(MAX_DEPTH)).is_ok());
    assert!(load(&nested(MAX_DEPTH + 1)).is_err());
    // Aliases count with the levels they bring where they are used. The root mapping is one
    // level, so `a` may hold MAX_DEPTH - 1 more and `b: [*x]` one less.
    let anchored = |levels: usize| format!("a: &x\n  {}\n", nested(levels));
    let inner = anchored(MAX_DEPTH - 2);
    assert!(load(&format!("{inner}b: [*x]")).is_ok());
    assert!(load(&format!("{inner}b: [[*x]]")).is_err());
}
