//! `speckit gate` as a user runs it: the log it appends compared byte for byte with what the
//! epic dialect's own `validate_plan.sh` and `validate_spec.sh` appended for the same checklists
//! (recorded in `fixtures/gate-reference/`), the plan check the scripts never made, outputs
//! (snapshots, and docs/schemas/gate.schema.json) and exit codes.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{assert_matches_schema, code, copy_dir, fixtures, schema_errors, speckit};
use tempfile::TempDir;

const LOG: &str = "harness/AI-Agent-progress.txt";
const FEATURES: &str = "plans/billing/invoice-service/EPIC-INV-003/features";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A copy of the epic fixture project: the gate writes to it.
fn project() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&fixtures().join("gate"), dir.path());
    dir
}

/// Runs the gate in `root` and returns its output and the bytes it appended to the log.
fn gate(root: &Path, args: &[&str]) -> (Output, String) {
    gate_in(root, root, args)
}

/// Runs the gate in `cwd`, a folder of the project at `root`.
fn gate_in(root: &Path, cwd: &Path, args: &[&str]) -> (Output, String) {
    let log = root.join(LOG);
    let before = fs::read(&log).unwrap_or_default();
    let output = speckit(cwd, &[&["gate"], args].concat());
    let after = fs::read(&log).unwrap_or_default();
    assert!(after.starts_with(&before), "the log keeps what it held");
    (output, text(&after[before.len()..]))
}

/// `text` with every `[YYYY-MM-DD HH:MMZ]` timestamp replaced, and `root` written as `<ROOT>`.
fn normalized(text: &str, root: &Path) -> String {
    let text = text.replace(&root.display().to_string(), "<ROOT>");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let is_timestamp = candidate.len() >= 19
            && candidate.is_char_boundary(19)
            && candidate[1..19].bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b' ',
                13 => b == b':',
                16 => b == b'Z',
                17 => b == b']',
                _ => b.is_ascii_digit(),
            });
        if is_timestamp {
            out.push_str("[TIMESTAMP]");
            rest = &candidate[19..];
        } else {
            out.push('[');
            rest = &candidate[1..];
        }
    }
    out.push_str(rest);
    out
}

fn recorded(name: &str) -> String {
    let path = fixtures().join("gate-reference").join(name);
    normalized(&text(&fs::read(path).unwrap()), Path::new("<ROOT>"))
}

/// Runs a recorded scenario with `--checklist-only` and compares the appended log and both
/// streams with what the script wrote, timestamps aside.
fn compare_with_the_script(root: &Path, scenario: &str, args: &[&str]) {
    let args = [&["--checklist-only"], args].concat();
    let (output, appended) = gate(root, &args);
    assert_eq!(code(&output), 1, "every recorded scenario fails");
    assert_eq!(
        normalized(&appended, root),
        recorded(&format!("{scenario}.log")),
        "{scenario}: the log"
    );
    let stdout = normalized(&text(&output.stdout), root);
    let script_stdout = recorded(&format!("{scenario}.stdout"));
    assert!(
        stdout.starts_with(&script_stdout),
        "{scenario}: the script's stdout, then speckit's summary:\n{stdout}"
    );
    assert_eq!(
        normalized(&text(&output.stderr), root),
        recorded(&format!("{scenario}.stderr")),
        "{scenario}: stderr"
    );
}

#[test]
fn every_plan_checklist_is_logged_as_validate_plan_sh_logs_it() {
    let project = project();
    compare_with_the_script(project.path(), "plan-all", &[]);
}

#[test]
fn named_and_missing_checklists_are_logged_as_the_script_logs_them() {
    let project = project();
    let edge = format!("{FEATURES}/F-INV-009/checklists/PlanQualityGate.md");
    let ready = format!("./{FEATURES}/F-INV-007/checklists/PlanQualityGate.md");
    compare_with_the_script(
        project.path(),
        "plan-named",
        &[&edge, &ready, "plans/billing/missing/PlanQualityGate.md"],
    );
}

#[test]
fn spec_checklists_are_logged_as_validate_spec_sh_logs_them() {
    let project = project();
    compare_with_the_script(project.path(), "spec-all", &["--spec"]);
}

#[test]
fn finding_no_checklist_fails_and_is_logged_as_the_scripts_log_it() {
    for (scenario, flags) in [
        ("none-found-plan", &[][..]),
        ("none-found-spec", &["--spec"][..]),
    ] {
        let project = TempDir::new().unwrap();
        let root = project.path();
        fs::create_dir_all(root.join("plans")).unwrap();
        fs::create_dir_all(root.join("harness")).unwrap();
        fs::write(root.join(LOG), "earlier entry\n").unwrap();
        compare_with_the_script(root, scenario, flags);
        // The plan check changes nothing when there is nothing to check.
        let (output, appended) = gate(root, flags);
        assert_eq!(code(&output), 1);
        assert_eq!(
            normalized(&appended, root),
            recorded(&format!("{scenario}.log"))
        );
    }
}

#[test]
fn a_checklist_whose_plan_is_ready_is_logged_exactly_as_the_script_logs_it() {
    let project = project();
    let checklist = format!("{FEATURES}/F-INV-007/checklists/PlanQualityGate.md");
    let (strict, strict_log) = gate(project.path(), &[&checklist]);
    let (script_like, script_log) = gate(project.path(), &["--checklist-only", &checklist]);
    assert_eq!((code(&strict), code(&script_like)), (0, 0));
    assert_eq!(
        normalized(&strict_log, project.path()),
        normalized(&script_log, project.path())
    );
    assert!(text(&strict.stdout).contains(&format!(
        "plan check: {FEATURES}/F-INV-007: ready (0 errors, 0 warnings)\n"
    )));
}

#[test]
fn the_plan_check_fails_the_gate_and_says_so_in_one_more_item() {
    let project = project();
    let root = project.path();
    // Every box of F-INV-008's checklist ticked: the script would pass it, but its plan is
    // still not ready.
    let checklist = root
        .join(FEATURES)
        .join("F-INV-008/checklists/PlanQualityGate.md");
    let ticked = fs::read_to_string(&checklist)
        .unwrap()
        .replace("- [ ]", "- [x]");
    fs::write(&checklist, ticked).unwrap();
    let rel = format!("{FEATURES}/F-INV-008/checklists/PlanQualityGate.md");

    let (output, appended) = gate(root, &[&rel]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        normalized(&appended, root),
        format!(
            "[TIMESTAMP] plan quality check: FAILED\ntarget: {rel}\nincomplete items:\n  \
             - speckit check --stage ready: incomplete, 5 errors\n"
        )
    );
    let stdout = text(&output.stdout);
    assert!(stdout.contains(&format!(
        "plan check: {FEATURES}/F-INV-008: incomplete (5 errors, 0 warnings); \
         details: speckit check --stage ready {FEATURES}/F-INV-008\n"
    )));

    let (output, appended) = gate(root, &["--checklist-only", &rel]);
    assert_eq!(code(&output), 0, "the script's rule alone passes it");
    assert!(appended.contains("plan quality check: PASSED"));
}

#[test]
fn human_output_lists_entries_plan_checks_and_a_summary() {
    let project = project();
    let (output, _) = gate(project.path(), &[]);
    assert_eq!(code(&output), 1);
    assert_eq!(text(&output.stderr), "");
    insta::assert_snapshot!(
        "gate_human",
        normalized(&text(&output.stdout), project.path())
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let project = project();
    let (output, _) = gate(project.path(), &["--json"]);
    assert_eq!(code(&output), 1);
    let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_matches_schema("gate.schema.json", &json);
    let timestamp = json["timestamp"].as_str().unwrap();
    assert_eq!(
        normalized(&format!("[{timestamp}]"), project.path()),
        "[TIMESTAMP]"
    );
    json["timestamp"] = "[TIMESTAMP]".into();
    insta::assert_json_snapshot!("gate_json", json);
}

#[test]
fn every_json_document_matches_the_schema() {
    let project = project();
    let root = project.path();
    let json = |cwd: &Path, args: &[&str]| -> serde_json::Value {
        let output = speckit(cwd, &[&["gate", "--json", "--no-log"], args].concat());
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let missing = format!("{FEATURES}/F-INV-404/checklists/PlanQualityGate.md");
    let documents = [
        json(root, &[]),
        json(root, &["--spec"]),
        json(root, &["--checklist-only"]),
        json(root, &[&missing]),
    ];
    for document in &documents {
        assert_matches_schema("gate.schema.json", document);
    }
    assert_eq!(
        documents[3]["results"][0]["error"],
        "checklist file not found"
    );
    let empty = TempDir::new().unwrap();
    let nothing = json(empty.path(), &[]);
    assert_eq!(nothing["error"], "no plan checklist files found");
    assert_matches_schema("gate.schema.json", &nothing);

    // Every object is closed: an unknown member is refused wherever it is.
    for pointer in [
        "",
        "/summary",
        "/results/1",
        "/results/1/open_items/0",
        "/results/1/check",
    ] {
        let mut document = documents[0].clone();
        let object = document
            .pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        object.insert("unknown".to_owned(), 1.into());
        assert!(
            !schema_errors("gate.schema.json", &document).is_empty(),
            "an unknown member at `{pointer}` is accepted"
        );
    }
}

#[test]
fn a_missing_harness_folder_is_created_and_an_existing_log_kept() {
    let project = project();
    let root = project.path();
    let kept = fs::read(root.join(LOG)).unwrap();
    assert!(!kept.is_empty());
    let (_, appended) = gate(root, &["--checklist-only"]);
    assert_eq!(
        fs::read(root.join(LOG)).unwrap(),
        [kept, appended.into_bytes()].concat()
    );

    fs::remove_dir_all(root.join("harness")).unwrap();
    let (_, appended) = gate(root, &["--checklist-only"]);
    assert!(appended.starts_with('['));
    assert_eq!(fs::read_to_string(root.join(LOG)).unwrap(), appended);
    let leftovers = fs::read_dir(root.join("harness")).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn no_log_leaves_the_log_alone_and_log_writes_elsewhere() {
    let project = project();
    let root = project.path();
    let (output, appended) = gate(root, &["--no-log"]);
    assert_eq!(code(&output), 1);
    assert_eq!(appended, "");
    assert!(!text(&output.stdout).contains("logged to"));

    let (output, appended) = gate(root, &["--log", "out/gate.txt", "--checklist-only"]);
    assert_eq!(code(&output), 1);
    assert_eq!(appended, "");
    let written = fs::read_to_string(root.join("out/gate.txt")).unwrap();
    assert_eq!(written.matches("plan quality check:").count(), 3);
    assert!(text(&output.stdout).ends_with("; logged to out/gate.txt\n"));
}

#[test]
fn a_relative_checklist_is_found_from_a_subfolder_too() {
    let project = project();
    let sub = project.path().join("plans/billing");
    let (output, appended) = gate_in(
        project.path(),
        &sub,
        &[
            "--checklist-only",
            "invoice-service/EPIC-INV-003/features/F-INV-007/checklists/PlanQualityGate.md",
        ],
    );
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert!(appended.ends_with(&format!(
        "target: {FEATURES}/F-INV-007/checklists/PlanQualityGate.md\n"
    )));
}

#[test]
fn open_items_on_lines_that_are_not_utf8_still_fail_the_checklist() {
    // The script's grep treats such a file as binary and passes it.
    let project = project();
    let root = project.path();
    let checklist = root
        .join(FEATURES)
        .join("F-INV-007/checklists/PlanQualityGate.md");
    fs::write(&checklist, b"- [x] done\n- [ ] open \xff\n\x00\n").unwrap();
    let rel = format!("{FEATURES}/F-INV-007/checklists/PlanQualityGate.md");
    let (output, appended) = gate(root, &["--checklist-only", &rel]);
    assert_eq!(code(&output), 1);
    assert!(
        appended.contains("  - line 2: - [ ] open \u{fffd}\n"),
        "{appended}"
    );
}

#[test]
fn help_says_that_the_plan_check_can_fail_the_gate() {
    let output = speckit(&fixtures(), &["gate", "--help"]);
    assert_eq!(code(&output), 0);
    let help = text(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("A plan that is not ready fails the gate"));
    assert!(help.contains("--checklist-only"));
}
