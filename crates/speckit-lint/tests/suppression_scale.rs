//! Hang detectors for suppression comments: plans made of many of them, in the shapes that
//! would take quadratic time if each comment or finding walked the others.
//!
//! Each shape is checked in a watchdog thread, which fails the test when the check does not
//! finish within [`LIMIT`]: far above what the linear sweep needs, far below what a quadratic
//! one takes on these sizes. The counts of what is hidden and reported are checked too, so a
//! shape that stopped exercising its path would show.

// A test that cannot run its own thread should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

/// How many comments (and findings) each shape has.
const COUNT: usize = 50_000;

/// A shape: its name, its plan's Summary, and how many SK104 and SK007 findings it keeps.
struct Shape {
    name: &'static str,
    summary: String,
    sk104: usize,
    sk007: usize,
}

fn shapes() -> Vec<Shape> {
    let dates = "[DATE] ".repeat(COUNT);
    // A line of prose after each finding's: a plan of placeholder lines alone is an untouched
    // template, reported as one finding without SK104's.
    let finding = "[DATE]\nThe export writes this line.\n";
    vec![
        // Every comment is searched past the others for its next line; the latest is used.
        Shape {
            name: "stacked next-line comments",
            summary: format!(
                "{}{dates}\n",
                "<!-- speckit-disable-next-line SK104 -->\n".repeat(COUNT)
            ),
            sk104: 0,
            sk007: COUNT - 1,
        },
        // Every enable names a rule no block hides.
        Shape {
            name: "open blocks and enables of another rule",
            summary: format!(
                "{}{}{}",
                "<!-- speckit-disable SK104 -->\n".repeat(COUNT),
                "<!-- speckit-enable SK105 -->\n".repeat(COUNT),
                finding.repeat(COUNT)
            ),
            sk104: 0,
            sk007: 2 * COUNT - 1,
        },
        // Blocks of every rule, one finding each.
        Shape {
            name: "alternating blocks",
            summary: format!("<!-- speckit-disable -->\n{finding}<!-- speckit-enable -->\n")
                .repeat(COUNT),
            sk104: 0,
            sk007: 0,
        },
        // One comment naming every rule many times over, and findings it hides.
        Shape {
            name: "one comment of many selectors",
            summary: format!(
                "<!-- speckit-disable {}SK104 -->\n{}",
                "SK ".repeat(20 * COUNT),
                finding.repeat(COUNT)
            ),
            sk104: 0,
            sk007: 1,
        },
    ]
}

/// The SK104 and SK007 findings of a plan whose Summary is `summary`.
fn check(summary: &str) -> (usize, usize) {
    let text = format!(
        "# Implementation Plan: suppressions\n\n**Date**: 2025-03-14\n\n## Summary\n\n{summary}"
    );
    let report = support::check_plan(text);
    let count = |code: &str| {
        report
            .files
            .iter()
            .flat_map(|file| &file.diagnostics)
            .filter(|d| d.rule.code == code)
            .count()
    };
    (count("SK104"), count("SK007"))
}

/// Runs `work` in a thread and waits at most [`LIMIT`] for it: what it returned and how long
/// it took, or `None` when it did not finish (the thread is left behind to end with the test
/// process).
fn within_limit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<(T, Duration)> {
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    thread::spawn(move || {
        let _ = done.send(work());
    });
    finished
        .recv_timeout(LIMIT)
        .ok()
        .map(|result| (result, started.elapsed()))
}

#[test]
fn many_suppressions_check_in_linear_time() {
    let mut slow = Vec::new();
    for shape in shapes() {
        let Shape {
            name,
            summary,
            sk104,
            sk007,
        } = shape;
        match within_limit(move || check(&summary)) {
            Some((found, took)) => {
                eprintln!("{name}: {took:?}");
                assert_eq!(found, (sk104, sk007), "{name}: SK104 and SK007 findings");
            }
            None => slow.push(name),
        }
    }
    assert!(slow.is_empty(), "over {LIMIT:?}: {slow:?}");
}
