//! Load arbitrary text as YAML. Nothing may panic, overflow the stack or take more than linear
//! time, and a loaded value must keep the loader's promises: keys are unique scalars that `get`
//! finds, nesting stays within `MAX_DEPTH`, and walking the value with every alias expanded
//! costs no more than the text's own nodes and the alias budget.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use speckit_project::workflow::yaml::{self, MAX_DEPTH, Yaml};

/// How many keys of each mapping are looked up again with `get`: each lookup is a scan, so
/// checking them all would make this target quadratic.
const LOOKUPS: usize = 16;

/// Walks `value` as a consumer would, every alias expanded, and returns its depth. `left` is
/// what the walk may still cost, in nodes and string bytes; running out is a failure.
fn walk(value: &Yaml, left: &mut u64) -> usize {
    let spend = |left: &mut u64, cost: u64| {
        *left = left.checked_sub(cost).expect("the expanded value exceeds the alias budget");
    };
    spend(left, 1);
    match value {
        Yaml::Null | Yaml::Bool(_) | Yaml::Number => 0,
        Yaml::Str(s) => {
            spend(left, s.len() as u64);
            0
        }
        Yaml::Seq(items) => 1 + items.iter().map(|item| walk(item, left)).max().unwrap_or(0),
        Yaml::Map(entries) => {
            let mut keys = HashSet::new();
            let mut depth = 0;
            for (index, (key, item)) in entries.iter().enumerate() {
                assert!(!matches!(key, Yaml::Seq(_) | Yaml::Map(_)), "a collection as a key");
                assert!(keys.insert(key), "a repeated key: {key:?}");
                if let Yaml::Str(name) = key
                    && index < LOOKUPS
                {
                    let found = value.get(name);
                    assert!(found.is_some_and(|found| std::ptr::eq(found, item)), "get({name:?})");
                }
                depth = depth.max(walk(key, left)).max(walk(item, left));
            }
            1 + depth
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(value) = yaml::load(text) else { return };
    // The document's own nodes cost at most two per byte of text (a node and its string bytes);
    // aliases add at most ten times the text's length, or a million for short texts.
    let length = text.len() as u64;
    let mut left = 2 * length + 2 + (10 * length).max(1 << 20);
    assert!(walk(&value, &mut left) <= MAX_DEPTH);
});
