use super::*;

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".specify/templates")).unwrap();
        Self { dir }
    }
    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }
    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    fn content(&self, name: &str) -> Result<Option<String>, LayerError> {
        resolve_content(name, self.root()).map(|c| c.map(|b| String::from_utf8(b).unwrap()))
    }
}

#[test]
fn override_beats_everything() {
    let p = Project::new();
    p.write(".specify/templates/plan-template.md", "core");
    p.write(".specify/presets/a/plan-template.md", "preset");
    p.write(".specify/templates/overrides/plan-template.md", "override");
    assert_eq!(
        p.content("plan-template").unwrap().as_deref(),
        Some("override")
    );
}

#[test]
fn strategies_compose_lowest_first() {
    let p = Project::new();
    p.write(".specify/templates/t.md", "core");
    p.write(
        ".specify/presets/.registry",
        r#"{"presets":{"w":{"priority":1},"p":{"priority":2},"a":{"priority":3}}}"#,
    );
    p.write(
        ".specify/presets/a/preset.yml",
        "provides:\n  templates:\n    - {type: template, name: t, file: t.md, strategy: append}\n",
    );
    p.write(".specify/presets/a/t.md", "after");
    p.write(
        ".specify/presets/p/preset.yml",
        "provides:\n  templates:\n    - {type: template, name: t, file: t.md, strategy: PREPEND}\n",
    );
    p.write(".specify/presets/p/t.md", "before");
    p.write(
        ".specify/presets/w/preset.yml",
        "provides:\n  templates:\n    - {type: template, name: t, file: w.md, strategy: wrap}\n",
    );
    p.write(
        ".specify/presets/w/w.md",
        "<{CORE_TEMPLATE}|{CORE_TEMPLATE}>",
    );
    assert_eq!(
        p.content("t").unwrap().as_deref(),
        Some("<before\n\ncore\n\nafter|before\n\ncore\n\nafter>")
    );
}

#[test]
fn wrap_without_placeholder_and_missing_base_are_errors() {
    let p = Project::new();
    p.write(
        ".specify/presets/w/preset.yml",
        "provides:\n  templates:\n    - {type: template, name: t, file: w.md, strategy: wrap}\n",
    );
    p.write(".specify/presets/w/w.md", "no placeholder");
    assert!(
        p.content("t")
            .unwrap_err()
            .0
            .contains("has composing layers but no replace base")
    );
    p.write(".specify/templates/t.md", "core");
    assert_eq!(
        p.content("t").unwrap_err().0,
        "Error: wrap strategy missing {CORE_TEMPLATE} placeholder"
    );
}

#[test]
fn invalid_manifests_are_hard_errors() {
    let p = Project::new();
    p.write(".specify/templates/t.md", "core");
    for manifest in [
        "",
        "provides: []",
        "provides:\n  templates: []\n",
        "provides:\n  templates:\n    - {type: template, name: t}\n",
        "provides:\n  templates:\n    - {type: widget, name: t, file: x}\n",
        "provides:\n  templates:\n    - {type: template, name: t, file: x, strategy: merge}\n",
        "provides:\n  templates:\n    - {type: script, name: t, file: x, strategy: append}\n",
        "provides:\n  templates:\n    - {type: template, name: t, file: on}\n",
    ] {
        p.write(".specify/presets/x/preset.yml", manifest);
        let error = p.content("t").unwrap_err().0;
        assert!(
            error.starts_with("Error: invalid preset manifest "),
            "{manifest:?}: {error}"
        );
    }
}

#[test]
fn escaping_preset_files_are_refused() {
    let p = Project::new();
    p.write(".specify/templates/t.md", "core");
    for file in ["/etc/passwd", "../other/t.md", "a/../../t.md"] {
        p.write(
            ".specify/presets/x/preset.yml",
            &format!(
                "provides:\n  templates:\n    - {{type: template, name: t, file: '{file}'}}\n"
            ),
        );
        let error = p.content("t").unwrap_err().0;
        assert!(error.contains("outside the preset"), "{file}: {error}");
    }
}

#[test]
fn registry_priorities_follow_python_int() {
    let p = Project::new();
    p.write(".specify/presets/.registry", r#"{"presets":{"a":{"priority":"5"},"b":{"priority":true},"c":{"priority":0},"d":{"priority":2.9},"e":{"enabled":false},"Bad":{}}}"#);
    assert_eq!(
        preset_ids(&format!("{}/.specify/presets", p.root())).unwrap(),
        ["d", "a", "b", "c"]
    );
    p.write(".specify/presets/.registry", "{oops");
    assert!(
        preset_ids(&format!("{}/.specify/presets", p.root()))
            .unwrap_err()
            .0
            .contains(".registry")
    );
}

#[test]
fn unknown_and_invalid_names_do_not_resolve() {
    let p = Project::new();
    p.write(".specify/templates/Plan.md", "x");
    assert_eq!(p.content("Plan").unwrap(), None);
    assert_eq!(p.content("missing").unwrap(), None);
    assert_eq!(resolve_path("../x", p.root()).unwrap(), None);
}

#[test]
fn path_resolution_ignores_manifests() {
    let p = Project::new();
    p.write(".specify/templates/t.md", "core");
    p.write(".specify/presets/x/templates/t.md", "x");
    let path = resolve_path("t", p.root()).unwrap().unwrap();
    // The scripts' own spelling on Unix, doubled slash and all; one path with `\\` on Windows.
    let expected = match crate::path_text::Style::NATIVE {
        crate::path_text::Style::Unix => format!("{}/.specify/presets/x//templates/t.md", p.root()),
        crate::path_text::Style::Windows => {
            format!("{}\\.specify\\presets\\x\\templates\\t.md", p.root())
        }
    };
    assert_eq!(path, expected);
}
