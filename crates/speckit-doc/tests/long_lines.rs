//! Hang detectors: documents of one very long line, in the shapes hostile pull requests use.
//!
//! Each shape repeats a small piece of Markdown on ONE line, a megabyte or two of it. Spread
//! over many lines the same text is cheap to parse; on one line, any scan that walks from an
//! element to its line's start or end once per element takes quadratic time, which is minutes
//! at this size. Each parse runs in a watchdog thread and fails the test when it does not
//! finish within [`LIMIT`]: far above what a linear parse needs (well under a second, even in
//! a debug build), far below what a quadratic one takes.

// A test that cannot run its own thread should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use speckit_doc::Document;

const LIMIT: Duration = Duration::from_secs(20);

/// About how long each generated line is, in bytes.
const SIZE: usize = 2_000_000;

/// The shapes: a name, and the piece repeated on the line.
const SHAPES: &[(&str, &str)] = &[
    ("task marks", "[x] "),
    ("empty brackets", "[]"),
    ("open brackets", "["),
    ("bracketed words", "[a] "),
    ("links", "[a](b) "),
    ("quoted list items", "> - "),
    ("nested list items", "- * "),
    ("nested ordered items", "1. "),
    ("nested task items", "- [ ] "),
    ("open mustaches", "{{ "),
];

/// A document of a title and one line of `piece` repeated to about [`SIZE`] bytes.
fn line_of(piece: &str) -> String {
    let mut text = String::from("# Plan: long line\n\n");
    text.push_str(&piece.repeat(SIZE / piece.len()));
    text.push('\n');
    text
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
fn one_long_line_parses_in_linear_time() {
    let mut slow = Vec::new();
    for &(name, piece) in SHAPES {
        let text = line_of(piece);
        let took = within_limit(move || {
            let document = Document::parse(text);
            assert!(!document.text().is_empty());
        });
        match took {
            Some(took) => eprintln!("{name}: {took:?}"),
            None => slow.push(name),
        }
    }
    assert!(slow.is_empty(), "over {LIMIT:?} on one long line: {slow:?}");
}
