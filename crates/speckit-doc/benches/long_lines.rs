//! Parsing one very long line, in the shapes that used to take quadratic time, at 1, 2 and
//! 8 MB: the times should grow with the size, not with its square.
//!
//! Run with `cargo bench -p speckit-doc --bench long_lines`.

use divan::Bencher;
use speckit_doc::Document;

fn main() {
    divan::main();
}

const MEGABYTES: &[usize] = &[1, 2, 8];

/// A title, then one line of `piece` repeated to `megabytes`.
fn line_of(piece: &str, megabytes: usize) -> String {
    let mut text = String::from("# Plan: long line\n\n");
    text.push_str(&piece.repeat(megabytes * 1_000_000 / piece.len()));
    text.push('\n');
    text
}

fn parse(bencher: Bencher<'_, '_>, piece: &str, megabytes: usize) {
    let text = line_of(piece, megabytes);
    bencher
        .with_inputs(|| text.clone())
        .bench_values(Document::parse);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn task_marks(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "[x] ", megabytes);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn open_brackets(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "[", megabytes);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn clarification_markers(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "[NEEDS CLARIFICATION: q] ", megabytes);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn links(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "[a](b) ", megabytes);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn quoted_list_items(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "> - ", megabytes);
}

#[divan::bench(args = MEGABYTES, sample_count = 10)]
fn open_mustaches(bencher: Bencher<'_, '_>, megabytes: usize) {
    parse(bencher, "{{ ", megabytes);
}
