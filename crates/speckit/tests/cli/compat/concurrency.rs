//! Twenty feature creations started at once in one repository must give twenty distinct
//! folders, none lost or overwritten.

use std::collections::BTreeSet;

use super::support::{project, speckit_in};

fn assert_twenty_distinct(args: &[&str]) {
    let (_dir, root) = project(&["--agent", "claude"]);
    // A large spec template keeps each process busy between choosing its number and creating
    // its folder, so without mutual exclusion the processes would collide.
    let template = "Specification line that is long enough to matter.\n".repeat(100_000);
    std::fs::write(root.join(".specify/templates/spec-template.md"), template).unwrap();
    let children: Vec<_> = (0..20)
        .map(|_| {
            speckit_in(&root, args)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut names = BTreeSet::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a creation failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let name = value
            .get("branch_name")
            .or_else(|| value.get("BRANCH_NAME"))
            .unwrap();
        names.insert(name.as_str().unwrap().to_owned());
    }
    assert_eq!(
        names.len(),
        20,
        "every process got its own feature: {names:?}"
    );
    let folders: BTreeSet<String> = std::fs::read_dir(root.join("specs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        folders, names,
        "the folders on disk are exactly the ones reported"
    );
    let numbers: BTreeSet<String> = folders.iter().map(|f| f[..3].to_owned()).collect();
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("{n:03}")).collect();
    assert_eq!(
        numbers, expected,
        "numbers 001..020, none repeated or skipped"
    );
    let template = std::fs::read(root.join(".specify/templates/spec-template.md")).unwrap();
    for folder in &folders {
        let spec = std::fs::read(root.join("specs").join(folder).join("spec.md")).unwrap();
        assert_eq!(
            spec, template,
            "{folder}/spec.md is a whole copy of the template"
        );
        let leftovers = std::fs::read_dir(root.join("specs").join(folder))
            .unwrap()
            .count();
        assert_eq!(
            leftovers, 1,
            "{folder} holds only its spec (no temporary files)"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join(".specify/feature.json")).unwrap())
            .unwrap();
    let current = json["feature_directory"]
        .as_str()
        .unwrap()
        .trim_start_matches("specs/");
    assert!(
        names.contains(current),
        "feature.json names one of the new features"
    );
}

#[test]
fn twenty_concurrent_feature_new_calls_create_twenty_features() {
    assert_twenty_distinct(&["feature", "new", "--json", "Add the same feature"]);
}

#[test]
fn twenty_concurrent_create_new_feature_scripts_do_not_collide() {
    assert_twenty_distinct(&[
        "script",
        "create-new-feature",
        "--json",
        "Add the same feature",
    ]);
}
