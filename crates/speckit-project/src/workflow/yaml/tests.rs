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
        Some(&Yaml::Seq(vec![Yaml::Str("one".to_owned())]))
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
