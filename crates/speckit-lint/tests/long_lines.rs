//! Hang detectors for the check: a plan of one very long line, in the shapes hostile pull
//! requests use, run through every rule.
//!
//! Spread over many lines the same text is cheap to check; on one line, any rule that walks
//! from a finding to its line's start or end once per finding takes quadratic time. Each check
//! runs in a watchdog thread and fails the test when it does not finish within [`LIMIT`]: far
//! above what a linear check needs, far below what a quadratic one takes.

// A test that cannot run its own thread should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

/// The shapes: a name, the piece repeated on the line, the section it stands in, and about
/// how long the line is in megabytes (enough for the quadratic code this guards against to
/// take minutes). The last two had no quadratic path before their rule and their fix came;
/// they keep it that way.
const SHAPES: &[(&str, &str, &str, usize)] = &[
    ("task marks", "[x] ", "Summary", 2),
    (
        "clarification markers",
        "[NEEDS CLARIFICATION: q] ",
        "Summary",
        4,
    ),
    ("links", "[a](b) ", "Summary", 4),
    ("quoted list items", "> - ", "Summary", 2),
    ("placeholders", "[DATE] ", "Summary", 2),
    ("findings on a line beyond ASCII", "é [DATE] ", "Summary", 2),
    (
        "open questions as fields",
        "**Storage**: NEEDS CLARIFICATION | ",
        "Technical Context",
        2,
    ),
    ("invisible characters", "a\u{200B}", "Summary", 2),
];

/// A plan whose `section` is one line of `piece` repeated to about `megabytes`.
fn plan(piece: &str, section: &str, megabytes: usize) -> String {
    let mut text = format!("# Implementation Plan: long line\n\n## {section}\n\n");
    text.push_str(&piece.repeat(megabytes * 1_000_000 / piece.len()));
    text.push('\n');
    text
}

fn check(text: String) -> usize {
    let report = support::check_plan(text);
    // Every output format turns each finding's offset into a line and a column.
    let mut found = 0;
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            let at = file
                .line_index
                .line_col(&file.text, diagnostic.range.start());
            found += usize::from(at.line > 0);
        }
    }
    found
}

/// Runs `work` in a thread and waits at most [`LIMIT`] for it: how long it took, or `None`
/// when it did not finish (the thread is left behind to end with the test process).
fn within_limit(work: impl FnOnce() + Send + 'static) -> Option<Duration> {
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    finished
        .recv_timeout(LIMIT)
        .ok()
        .map(|()| started.elapsed())
}

#[test]
fn one_long_line_checks_in_linear_time() {
    let mut slow = Vec::new();
    for &(name, piece, section, megabytes) in SHAPES {
        let text = plan(piece, section, megabytes);
        let took = within_limit(move || {
            assert!(check(text) > 0);
        });
        match took {
            Some(took) => eprintln!("{name}: {took:?}"),
            None => slow.push(name),
        }
    }
    assert!(slow.is_empty(), "over {LIMIT:?} on one long line: {slow:?}");
}
