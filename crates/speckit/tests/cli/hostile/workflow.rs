//! The planning workflow under awkward conditions: names with nothing to name a folder after,
//! numbers that run out, many runs at once, a full disk.

#![cfg(unix)]

use std::fs;
use std::process::Command;

use super::Project;

#[test]
fn a_name_of_punctuation_only_creates_no_folder() {
    let project = Project::new();
    let run = project.run(&["feature", "new", "!!! ???"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(run.stderr.contains("--short-name"), "{}", run.both());
    assert!(!project.path("specs/002-").exists());
}

/// A feature's folder is named from its description, and a name speckit derives never leaves
/// `specs/`, however the description is spelled; a short name that is a path is refused.
#[test]
fn names_derived_from_a_description_stay_in_specs() {
    let project = Project::new();
    for description in [
        "../../../etc/passwd",
        r"..\..\windows\evil",
        "/abs/path here",
    ] {
        let run = project.run(&["feature", "new", description]);
        assert_eq!(run.code, Some(0), "{description}: {}", run.both());
    }
    let mut names: Vec<String> = fs::read_dir(project.path("specs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.iter().all(|name| !name.contains("..")), "{names:?}");
    assert!(names.contains(&"002-etc-passwd".to_owned()), "{names:?}");
    assert!(!project.path("../etc").exists() && !project.path("../windows").exists());
    for short in ["../x", r"..\x", "a/b"] {
        let run = project.run(&["feature", "new", "--short-name", short, "x"]);
        assert_eq!(run.code, Some(2), "{short}: {}", run.both());
        assert!(run.stderr.contains("not a path"), "{short}: {}", run.both());
    }
}

#[test]
fn exhausted_numbers_name_the_folder_that_holds_the_last_one() {
    let project = Project::new();
    fs::create_dir_all(project.path("specs/9223372036854775807-last")).unwrap();
    let run = project.run(&["feature", "new", "one more"]);
    assert_eq!(run.code, Some(2), "{}", run.both());
    assert!(
        run.stderr.contains("specs/9223372036854775807-last"),
        "{}",
        run.both()
    );
}

#[test]
fn concurrent_features_with_branches_all_land_and_agree() {
    let project = Project::new();
    let commit = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "start",
        ])
        .current_dir(project.root())
        .status()
        .unwrap();
    assert!(commit.success());
    let runs: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..12)
            .map(|index| {
                let project = &project;
                scope.spawn(move || {
                    let name = format!("parallel feature {index}");
                    project.run(&["feature", "new", "--branch", &name])
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        assert_eq!(run.code, Some(0), "{}", run.both());
    }
    let head = Command::new("git")
        .args(["branch", "--show-current"])
        .current_dir(project.root())
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap();
    let state = fs::read_to_string(project.path(".specify/feature.json")).unwrap();
    assert!(
        state.contains(head.trim()),
        "HEAD is on {head:?}, feature.json says {state}"
    );
}

#[test]
fn a_full_disk_leaves_no_empty_feature_folder() {
    let project = Project::new();
    let disk = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(disk.path())
        .status()
        .is_ok_and(|status| status.success());
    if !mounted {
        eprintln!("skipped: this machine cannot mount a small file system");
        return;
    }
    let cleanup = || {
        let _ = Command::new("umount").arg(disk.path()).status();
    };
    // A project on the small disk, with a spec template larger than what is left on it.
    let root = disk.path().join("p");
    fs::create_dir_all(root.join(".specify/templates")).unwrap();
    fs::create_dir_all(root.join("specs")).unwrap();
    fs::write(
        root.join(".specify/templates/spec-template.md"),
        "# Spec\n".repeat(70_000),
    )
    .unwrap();
    let filler = vec![b'x'; 1024];
    let mut file = fs::File::create(disk.path().join("filler")).unwrap();
    while std::io::Write::write_all(&mut file, &filler).is_ok() {}
    drop(file);
    let run = project.run_in(&root, &["feature", "new", "no room"]);
    let left: Vec<_> = fs::read_dir(root.join("specs")).unwrap().collect();
    cleanup();
    assert_ne!(run.code, Some(0), "{}", run.both());
    assert!(left.is_empty(), "left behind: {left:?}\n{}", run.both());
}
