//! Feature names and numbers: the short name derived from a description, `--short-name`
//! cleaning, the 244-byte branch limit, and the numbering rules over existing folder and branch
//! names. Pure functions; the callers list the directories and branches.

use crate::workflow::text::{posix_is_space, python_is_word_char};

/// GitHub's limit on a branch name, in bytes.
pub const MAX_BRANCH_BYTES: usize = 244;

/// The largest feature number the scripts accept (`i64::MAX`, bash's arithmetic limit).
pub const MAX_FEATURE_NUMBER: i64 = i64::MAX;

/// Words dropped from a description before the short name is formed.
const STOP_WORDS: &[&str] = &[
    "i", "a", "an", "the", "to", "for", "of", "in", "on", "at", "by", "with", "from", "is", "are",
    "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "will",
    "would", "should", "could", "can", "may", "might", "must", "shall", "this", "that", "these",
    "those", "my", "your", "our", "their", "want", "need", "add", "get", "set",
];

/// Which characters count as letters when names are cleaned.
///
/// The core feature script keeps any Unicode letter or decimal digit; the git extension works in
/// the C locale and keeps only `[a-z0-9]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// Unicode letters and decimal digits (ASCII letters lowercased, others kept as written).
    Unicode,
    /// `[a-z0-9]` after ASCII lowercasing.
    Ascii,
}

/// Replaces every character that is not a letter or digit with `separator`, lowercasing ASCII.
fn words_of(text: &str, charset: Charset, separator: char) -> String {
    text.chars()
        .map(|c| {
            let lower = c.to_ascii_lowercase();
            let keep = match charset {
                Charset::Unicode => python_is_word_char(lower),
                Charset::Ascii => lower.is_ascii_lowercase() || lower.is_ascii_digit(),
            };
            if keep { lower } else { separator }
        })
        .collect()
}

/// Cleans a `--short-name`: lowercase, non-letters to `-`, runs of `-` collapsed, one leading and
/// one trailing `-` removed.
#[must_use]
pub fn clean_branch_name(name: &str, charset: Charset) -> String {
    let dashed = words_of(name, charset, '-');
    let mut collapsed = String::with_capacity(dashed.len());
    for c in dashed.chars() {
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }
    let trimmed = collapsed.strip_prefix('-').unwrap_or(&collapsed);
    trimmed.strip_suffix('-').unwrap_or(trimmed).to_owned()
}

/// Whether `word` (ASCII) occurs in `text` as a whole word in the C locale's sense, where word
/// characters are `[A-Za-z0-9_]`: the test `grep -w` makes for acronyms.
fn occurs_as_word(text: &str, word: &str) -> bool {
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(start, found)| {
        let end = start + found.len();
        let before_ok = start == 0 || !is_word_byte(bytes[start - 1]);
        let after_ok = end == bytes.len() || !is_word_byte(bytes[end]);
        before_ok && after_ok
    })
}

/// Derives the short name from a feature description.
///
/// Stop words go; words of three or more characters stay, and so do shorter ones written in
/// capitals in the description (acronyms) or, with [`Charset::Unicode`], containing non-ASCII
/// letters. Four remaining words are all kept, otherwise the first three. With nothing left, the
/// first three words of the cleaned description are used.
#[must_use]
pub fn derive_short_name(description: &str, charset: Charset) -> String {
    let spaced = words_of(description, charset, ' ');
    let meaningful: Vec<&str> = spaced
        .split(' ')
        .filter(|word| !word.is_empty() && !STOP_WORDS.contains(word))
        .filter(|word| {
            word.chars().count() >= 3
                || (charset == Charset::Unicode && !word.is_ascii())
                || occurs_as_word(description, &word.to_ascii_uppercase())
        })
        .collect();
    if meaningful.is_empty() {
        let cleaned = clean_branch_name(description, charset);
        return cleaned
            .split('-')
            .filter(|part| !part.is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join("-");
    }
    let take = if meaningful.len() == 4 { 4 } else { 3 };
    meaningful
        .into_iter()
        .take(take)
        .collect::<Vec<_>>()
        .join("-")
}

/// The description as the scripts see it after `echo "$words" | sed` trimming: each line trimmed
/// of surrounding whitespace, trailing newlines dropped. A description that `echo` takes for its
/// own option (`-n`, `-e`, `-E`, and their combinations) is empty.
#[must_use]
pub fn trim_description(joined: &str) -> String {
    let is_echo_option = joined.len() > 1
        && joined.starts_with('-')
        && joined[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'));
    if is_echo_option {
        return String::new();
    }
    let trimmed: Vec<&str> = joined
        .split('\n')
        .map(|line| line.trim_matches(posix_is_space))
        .collect();
    trimmed.join("\n").trim_end_matches('\n').to_owned()
}

/// Fits `NUM-suffix` into [`MAX_BRANCH_BYTES`] by cutting the suffix at a character boundary and
/// dropping one trailing `-` left by the cut. Returns the name unchanged when it fits.
#[must_use]
pub fn fit_branch_name(number: &str, suffix: &str) -> String {
    let full = format!("{number}-{suffix}");
    if full.len() <= MAX_BRANCH_BYTES {
        return full;
    }
    let budget = MAX_BRANCH_BYTES.saturating_sub(number.chars().count() + 1);
    let mut cut = 0;
    for (index, c) in suffix.char_indices() {
        if index + c.len_utf8() > budget {
            break;
        }
        cut = index + c.len_utf8();
    }
    let truncated = &suffix[..cut];
    let truncated = truncated.strip_suffix('-').unwrap_or(truncated);
    format!("{number}-{truncated}")
}

/// The leading digits of a name shaped like a sequential feature (`^[0-9]{3,}-`, and not a
/// `YYYYMMDD-HHMMSS-` timestamp), or `None`.
#[must_use]
pub fn sequential_prefix(name: &str) -> Option<&str> {
    let digits = leading_digits(name);
    if digits.len() < 3 || !name[digits.len()..].starts_with('-') || is_timestamp_name(name) {
        return None;
    }
    Some(digits)
}

fn leading_digits(name: &str) -> &str {
    let end = name
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(name.len());
    &name[..end]
}

/// `^[0-9]{8}-[0-9]{6}-`: a timestamp-numbered feature.
#[must_use]
pub fn is_timestamp_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 16
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'-'
}

/// Whether a digit string is at most [`MAX_FEATURE_NUMBER`] (leading zeros ignored).
#[must_use]
pub fn is_in_range(digits: &str) -> bool {
    let significant = digits.trim_start_matches('0');
    let max = MAX_FEATURE_NUMBER.to_string();
    match significant.len().cmp(&max.len()) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => significant <= max.as_str(),
    }
}

/// Reads a digit string the way bash's `$((10#digits))` does: decimal, wrapping on overflow.
#[must_use]
pub fn bash_decimal(digits: &str) -> i64 {
    digits.bytes().fold(0_i64, |value, b| {
        value
            .wrapping_mul(10)
            .wrapping_add(i64::from(b.wrapping_sub(b'0')))
    })
}

/// The highest sequential feature number among `names` (0 when there is none). Numbers beyond
/// [`MAX_FEATURE_NUMBER`] are ignored, as the core script does.
pub fn highest_number<'a>(names: impl IntoIterator<Item = &'a str>) -> i64 {
    names
        .into_iter()
        .filter_map(sequential_prefix)
        .filter(|digits| is_in_range(digits))
        .map(bash_decimal)
        .fold(0, i64::max)
}

/// The highest number among branch names, as the git extension counts them: only names under
/// `scope_prefix` (when it is not empty), the last path segment, sequential shape, with malformed
/// timestamps (`NNNNNNN-NNNNNN-`, `NNNNNNN(N)-NNNNNN`) left out. Overflowing numbers wrap like
/// bash arithmetic.
pub fn highest_branch_number<'a>(
    names: impl IntoIterator<Item = &'a str>,
    scope_prefix: &str,
) -> i64 {
    let mut highest = 0_i64;
    for name in names {
        if name.is_empty() {
            continue;
        }
        let scoped = if scope_prefix.is_empty() {
            name
        } else if let Some(rest) = name.strip_prefix(scope_prefix) {
            rest
        } else {
            continue;
        };
        let segment = scoped.rsplit('/').next().unwrap_or(scoped);
        let Some(digits) = sequential_prefix(segment) else {
            continue;
        };
        if is_malformed_timestamp(segment) {
            continue;
        }
        let number = bash_decimal(digits);
        if number > highest {
            highest = number;
        }
    }
    highest
}

/// `^[0-9]{7}-[0-9]{6}-` or `^[0-9]{7,8}-[0-9]{6}$`.
fn is_malformed_timestamp(segment: &str) -> bool {
    let digits = leading_digits(segment);
    if !(7..=8).contains(&digits.len()) {
        return false;
    }
    let Some(rest) = segment[digits.len()..].strip_prefix('-') else {
        return false;
    };
    let time = leading_digits(rest);
    if time.len() != 6 {
        return false;
    }
    let after = &rest[6..];
    (digits.len() == 7 && after.starts_with('-')) || after.is_empty()
}

#[cfg(test)]
mod tests;
