//! Byte-exact text helpers shared by the compat scripts: JSON string escaping, the two shell
//! quoting styles Spec Kit's scripts print, and the character classes their tools use.
//!
//! Spec Kit's scripts lean on `printf %q`, Python's `shlex.quote`, a hand-written JSON escaper and
//! the character classes of GNU `sed` and Python's `str` methods. Each function here reproduces one
//! of those exactly for a UTF-8 locale, so the compat output is the same byte for byte.

use unicode_general_category::{GeneralCategory, get_general_category};

/// Appends `value` to `out` as the inside of a JSON string literal.
///
/// Escapes the quote, the backslash and the C0 control characters (short forms for `\n`, `\t`,
/// `\r`, `\b`, `\f`, `\u00XX` for the rest) and leaves everything else, DEL and non-ASCII
/// included, as raw bytes: the compact, raw-UTF-8 JSON the scripts print.
pub fn json_escape_into(out: &mut Vec<u8>, value: &[u8]) {
    for &byte in value {
        match byte {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'"' => out.extend_from_slice(b"\\\""),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x01..=0x1f => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0x0f)]);
            }
            // A NUL cannot reach a shell variable, so the scripts never print one.
            0 => {}
            _ => out.push(byte),
        }
    }
}

/// `value` as a JSON string literal, quotes included.
#[must_use]
pub fn json_string(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    out.push(b'"');
    json_escape_into(&mut out, value);
    out.push(b'"');
    out
}

/// A compact JSON object whose values are strings, string arrays or `true`, in the given order.
#[derive(Debug, Default)]
pub struct JsonObject {
    buf: Vec<u8>,
}

impl JsonObject {
    /// An empty object.
    #[must_use]
    pub fn new() -> Self {
        Self { buf: vec![b'{'] }
    }

    fn key(&mut self, key: &str) {
        if self.buf.len() > 1 {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(&json_string(key.as_bytes()));
        self.buf.push(b':');
    }

    /// Adds `"key":"value"`.
    #[must_use]
    pub fn string(mut self, key: &str, value: impl AsRef<[u8]>) -> Self {
        self.key(key);
        self.buf.extend_from_slice(&json_string(value.as_ref()));
        self
    }

    /// Adds `"key":["a","b"]`.
    #[must_use]
    pub fn strings<S: AsRef<[u8]>>(mut self, key: &str, values: &[S]) -> Self {
        self.key(key);
        self.buf.push(b'[');
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(&json_string(value.as_ref()));
        }
        self.buf.push(b']');
        self
    }

    /// Adds `"key":true`.
    #[must_use]
    pub fn flag(mut self, key: &str) -> Self {
        self.key(key);
        self.buf.extend_from_slice(b"true");
        self
    }

    /// The object followed by a newline, as the scripts print it.
    #[must_use]
    pub fn line(mut self) -> Vec<u8> {
        self.buf.extend_from_slice(b"}\n");
        self.buf
    }
}

/// Quotes `value` the way Python's `shlex.quote` does: bare when it only holds
/// `[A-Za-z0-9_@%+=:,./-]`, otherwise in single quotes with `'` spelled `'"'"'`.
#[must_use]
pub fn shlex_quote(value: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !value.is_empty() && value.chars().all(safe) {
        return value.to_owned();
    }
    format!("'{}'", value.replace('\'', "'\"'\"'"))
}

/// Quotes `value` the way bash's `printf %q` does in a UTF-8 locale.
///
/// Strings with a non-printable character use the `$'...'` form; others get a backslash before
/// each shell metacharacter, before a leading `#`, and before a `~` that starts the word or follows
/// `:` or `=`. The empty string is `''`.
#[must_use]
pub fn bash_printf_q(value: &str) -> String {
    if value.is_empty() {
        return "''".to_owned();
    }
    if value.chars().any(|c| !glibc_is_printable(c)) {
        return ansi_c_quote(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    let mut previous: Option<char> = None;
    for (index, c) in value.char_indices() {
        let needs_backslash = match c {
            ' ' | '\t' | '!' | '"' | '$' | '&' | '\'' | '(' | ')' | '*' | ',' | ';' | '<' | '>'
            | '?' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}' => true,
            '#' => index == 0,
            '~' => index == 0 || matches!(previous, Some(':' | '=')),
            _ => false,
        };
        if needs_backslash {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

fn ansi_c_quote(value: &str) -> String {
    let mut out = String::from("$'");
    for c in value.chars() {
        match c {
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x1b' => out.push_str("\\E"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if glibc_is_printable(c) => out.push(c),
            c => {
                let mut bytes = [0_u8; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\{byte:03o}"));
                }
            }
        }
    }
    out.push('\'');
    out
}

/// Whether glibc's `iswprint` holds for `c` in a UTF-8 locale: every assigned character except
/// the control characters.
#[must_use]
pub fn glibc_is_printable(c: char) -> bool {
    !matches!(
        get_general_category(c),
        GeneralCategory::Control | GeneralCategory::Unassigned | GeneralCategory::Surrogate
    )
}

/// Whether GNU `sed`'s `[[:space:]]` matches `c` in a UTF-8 locale (the newline aside, which sed
/// never sees inside a line).
#[must_use]
pub fn posix_is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\x0b'
            | '\x0c'
            | '\r'
            | '\u{1680}'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whether Python's `str.isspace` holds for `c`.
#[must_use]
pub fn python_is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\x0b'
            | '\x0c'
            | '\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whether Python's `str.isalpha() or str.isdecimal()` holds for `c`.
#[must_use]
pub fn python_is_word_char(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::DecimalNumber
    )
}

/// Formats `value` as C's `printf "%03d"` does: at least three characters, zero-padded after
/// the sign.
#[must_use]
pub fn format_03d(value: i64) -> String {
    if value < 0 {
        format!("-{:02}", value.unsigned_abs())
    } else {
        format!("{value:03}")
    }
}

#[cfg(test)]
mod tests;
