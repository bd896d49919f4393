//! One enormous line with a finding every few bytes: the default, human output shows each
//! finding with a window of its line, so rendering stays linear in the line's length.

use super::{FEATURE, Project};

#[test]
fn human_output_of_many_findings_on_one_line_finishes() {
    let project = Project::new();
    let line = "[NEEDS CLARIFICATION: q] ".repeat(100_000);
    let plan = format!("# Plan\n\n**Language/Version**: {line}\n");
    project.write(&format!("{FEATURE}/plan.md"), plan.as_bytes());
    let run = project.run(&["check", FEATURE, "--stage", "ready"]);
    assert_eq!(run.code, Some(1), "{}", &run.stderr);
    let open = run.stdout.matches("error[SK201]").count();
    assert!(open >= 100_000, "{open} open clarifications reported");
    let longest = run.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(
        longest < 1000,
        "a source line was shown whole: {longest} bytes"
    );
}
