//! Differential tests: Spec Kit's own bash scripts (the reference, `specify-cli==1.2.3`) and
//! `speckit script` run over the same scenarios and must agree byte for byte.

// The reference scripts are bash scripts; the suite runs where they do.
#![cfg(unix)]

mod concurrency;
mod harness;
mod init_flow;
mod native;
mod reference;
mod scenarios;
mod support;

#[test]
fn differential_scenarios_match_the_reference() {
    let scenarios = scenarios::all();
    let failures = harness::run_all(&scenarios);
    let total = scenarios.len();
    let passed = total - failures.len();
    eprintln!("compat: {total} scenarios, {passed} passed");
    let mut report = String::new();
    for (name, detail) in &failures {
        report.push_str(&format!("\n--- {name}\n{detail}"));
    }
    assert!(
        failures.is_empty(),
        "{} of {total} scenarios differ:{report}",
        failures.len()
    );
    assert!(
        total >= 150,
        "the suite must hold at least 150 scenarios, has {total}"
    );
}
