//! Paths as text: how the workflow, like the scripts it stands in for, joins, normalises,
//! compares and prints paths.
//!
//! The scripts treat paths as strings, and their output is compared byte for byte, so the
//! workflow does too. On Unix these functions do exactly what bash and coreutils do. On Windows
//! a path may start with a drive (`C:\`), a share (`\\server\share\`) or the verbatim prefix
//! that canonicalisation adds (`\\?\C:\`); both `/` and `\` separate its parts; case does not
//! matter when two paths are compared; and what speckit builds or prints uses `\` throughout.
//! Every function takes its [`Style`] so both conventions are tested on every platform;
//! [`Style::NATIVE`] is the one the binary runs with.

use std::borrow::Cow;
use std::path::Path;

/// A platform's path conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `/` separates, `/` (or a leading `//`) is the root, case matters.
    Unix,
    /// `/` and `\` separate, drives and shares are roots, case does not matter.
    Windows,
}

impl Style {
    /// The conventions of the platform speckit was built for.
    pub const NATIVE: Style = if cfg!(windows) {
        Style::Windows
    } else {
        Style::Unix
    };

    /// Whether `c` separates the parts of a path.
    #[must_use]
    pub fn is_separator(self, c: char) -> bool {
        c == '/' || (self == Style::Windows && c == '\\')
    }

    /// The separator this platform writes.
    #[must_use]
    pub fn separator(self) -> char {
        match self {
            Style::Unix => '/',
            Style::Windows => '\\',
        }
    }

    /// The root a path starts with, written as this platform writes it, and the length of the
    /// text it was read from; `None` for a relative path.
    fn root(self, path: &str) -> Option<(String, usize)> {
        match self {
            Style::Unix => {
                if path.starts_with("//") && !path.starts_with("///") {
                    Some(("//".to_owned(), 2))
                } else if path.starts_with('/') {
                    Some(("/".to_owned(), 1))
                } else {
                    None
                }
            }
            Style::Windows => windows_root(path),
        }
    }

    /// Whether `path` is absolute: it names its root.
    #[must_use]
    pub fn is_absolute(self, path: &str) -> bool {
        self.root(path).is_some()
    }

    /// Removes `.` and `..` parts and repeated separators from an absolute path without touching
    /// the disk, as `cd -L` does; `..` never climbs above the root. A relative path is treated
    /// as if it started at the root.
    #[must_use]
    pub fn canonicalize_lexically(self, path: &str) -> String {
        let (root, rest) = match self.root(path) {
            Some((root, length)) => (root, &path[length..]),
            None => (self.separator().to_string(), path),
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in rest.split(|c| self.is_separator(c)) {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        let mut text = root;
        text.push_str(&parts.join(&self.separator().to_string()));
        text
    }

    /// `path` made absolute against `base`, and canonicalised lexically.
    #[must_use]
    pub fn absolutize(self, base: &str, path: &str) -> String {
        if self.is_absolute(path) {
            self.canonicalize_lexically(path)
        } else {
            self.canonicalize_lexically(&self.join(base, path))
        }
    }

    /// `relative` appended to `base`. On Unix this is `base/relative`, byte for byte, as the
    /// scripts write it (a trailing `/` on `base` doubles); on Windows the parts of `relative`
    /// are joined with `\`.
    #[must_use]
    pub fn join(self, base: &str, relative: &str) -> String {
        match self {
            Style::Unix => format!("{base}/{relative}"),
            Style::Windows => {
                let base = base.trim_end_matches(['/', '\\']);
                format!("{base}\\{}", relative.replace('/', "\\"))
            }
        }
    }

    /// The directory part of a path, as `dirname` prints it.
    #[must_use]
    pub fn dirname(self, path: &str) -> String {
        if let Some((root, length)) = self.root(path)
            && self == Style::Windows
            && path[length..].chars().all(|c| self.is_separator(c))
        {
            return root;
        }
        let trimmed = path.trim_end_matches(|c| self.is_separator(c));
        if trimmed.is_empty() {
            return if path.is_empty() {
                ".".to_owned()
            } else {
                self.separator().to_string()
            };
        }
        match trimmed.rfind(|c| self.is_separator(c)) {
            None => ".".to_owned(),
            Some(index) => {
                let head = trimmed[..index].trim_end_matches(|c| self.is_separator(c));
                match self.root(trimmed) {
                    Some((root, length)) if self == Style::Windows && head.len() < length => root,
                    _ if head.is_empty() => self.separator().to_string(),
                    _ => head.to_owned(),
                }
            }
        }
    }

    /// The last part of a path, as `basename` prints it.
    #[must_use]
    pub fn basename(self, path: &str) -> String {
        let trimmed = path.trim_end_matches(|c| self.is_separator(c));
        if trimmed.is_empty() {
            return if path.is_empty() {
                String::new()
            } else {
                self.separator().to_string()
            };
        }
        trimmed
            .rsplit(|c| self.is_separator(c))
            .next()
            .unwrap_or(trimmed)
            .to_owned()
    }

    /// Whether `dir` is `root` or lies under it, comparing their lexical forms (ignoring case
    /// on Windows). `dir` may be relative to `root`.
    #[must_use]
    pub fn is_lexically_inside(self, root: &str, dir: &str) -> bool {
        let root = self.comparable(&self.canonicalize_lexically(root));
        let dir = self.comparable(&self.absolutize(&root, dir));
        let sep = self.separator();
        dir == root
            || dir
                .strip_prefix(root.trim_end_matches(sep))
                .is_some_and(|rest| rest.starts_with(sep))
    }

    /// What follows `base` and a separator in `path`, when `path` starts with `base` (ignoring
    /// case on Windows); `None` otherwise.
    #[must_use]
    pub fn strip_base<'a>(self, base: &str, path: &'a str) -> Option<&'a str> {
        let base = base.trim_end_matches(|c| self.is_separator(c));
        let head = path.get(..base.len())?;
        let same = match self {
            Style::Unix => head == base,
            Style::Windows => head.to_lowercase() == base.to_lowercase(),
        };
        if !same {
            return None;
        }
        let rest = &path[base.len()..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if self.is_separator(c) => Some(chars.as_str()),
            _ => None,
        }
    }

    /// A relative path written with `/`, as files that travel between platforms record it. On
    /// Unix a `\\` is part of a name and stays.
    #[must_use]
    pub fn portable(self, relative: &str) -> Cow<'_, str> {
        match self {
            Style::Windows if relative.contains('\\') => Cow::Owned(relative.replace('\\', "/")),
            _ => Cow::Borrowed(relative),
        }
    }

    fn comparable(self, path: &str) -> String {
        match self {
            Style::Unix => path.to_owned(),
            Style::Windows => path.to_lowercase(),
        }
    }

    /// `path` as speckit prints it: on Windows with `\` throughout, so a path the user typed
    /// with `/` and the parts speckit added to it read as one path.
    #[must_use]
    pub fn display(self, path: &str) -> Cow<'_, str> {
        match self {
            Style::Windows if path.contains('/') => Cow::Owned(path.replace('/', "\\")),
            _ => Cow::Borrowed(path),
        }
    }
}

/// A Windows root: `C:\`, `\\server\share\`, or `\` (the current drive's), with the verbatim
/// forms `\\?\C:\` and `\\?\UNC\server\share\` read as the plain ones.
fn windows_root(path: &str) -> Option<(String, usize)> {
    let is_sep = |c: char| c == '/' || c == '\\';
    let (verbatim, body) = match path.get(..4) {
        Some(head) if head == r"\\?\" || head == r"\\.\" => (4, &path[4..]),
        _ => (0, path),
    };
    if verbatim > 0
        && let Some(rest) = body
            .get(..4)
            .filter(|head| head.eq_ignore_ascii_case(r"UNC\"))
            .map(|_| &body[4..])
    {
        let (server, share, length) = server_and_share(rest, is_sep)?;
        return Some((format!(r"\\{server}\{share}\"), verbatim + 4 + length));
    }
    let bytes = body.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        let drive = char::from(bytes[0].to_ascii_uppercase());
        let length = if body[2..].starts_with(is_sep) { 3 } else { 2 };
        return Some((format!(r"{drive}:\"), verbatim + length));
    }
    if verbatim == 0 && body.len() >= 2 && body.chars().take(2).all(is_sep) {
        let (server, share, length) = server_and_share(&body[2..], is_sep)?;
        return Some((format!(r"\\{server}\{share}\"), 2 + length));
    }
    if body.starts_with(is_sep) {
        return Some((r"\".to_owned(), verbatim + 1));
    }
    None
}

/// The server and share at the start of a UNC path (after its leading `\\`), and the length of
/// the text they take, with the separator after the share.
fn server_and_share(
    rest: &str,
    is_sep: impl Fn(char) -> bool + Copy,
) -> Option<(&str, &str, usize)> {
    let server_end = rest.find(is_sep)?;
    let server = &rest[..server_end];
    let after = &rest[server_end + 1..];
    let share_end = after.find(is_sep).unwrap_or(after.len());
    let share = &after[..share_end];
    if server.is_empty() || share.is_empty() {
        return None;
    }
    let length = server_end + 1 + share_end + usize::from(share_end < after.len());
    Some((server, share, length))
}

/// A path the system gave (the working directory, a canonicalised path) as text in the native
/// style: on Windows without the verbatim prefix and with `\` throughout. `None` when it is not
/// valid UTF-8.
#[must_use]
pub fn from_system(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    Some(match Style::NATIVE {
        Style::Unix => text.to_owned(),
        Style::Windows => Style::Windows.canonicalize_lexically(text),
    })
}

/// [`Style::is_absolute`] in the native style.
#[must_use]
pub fn is_absolute(path: &str) -> bool {
    Style::NATIVE.is_absolute(path)
}

/// [`Style::canonicalize_lexically`] in the native style.
#[must_use]
pub fn canonicalize_lexically(path: &str) -> String {
    Style::NATIVE.canonicalize_lexically(path)
}

/// [`Style::absolutize`] in the native style.
#[must_use]
pub fn absolutize(base: &str, path: &str) -> String {
    Style::NATIVE.absolutize(base, path)
}

/// [`Style::join`] in the native style.
#[must_use]
pub fn join(base: &str, relative: &str) -> String {
    Style::NATIVE.join(base, relative)
}

/// [`Style::dirname`] in the native style.
#[must_use]
pub fn dirname(path: &str) -> String {
    Style::NATIVE.dirname(path)
}

/// [`Style::basename`] in the native style.
#[must_use]
pub fn basename(path: &str) -> String {
    Style::NATIVE.basename(path)
}

/// [`Style::strip_base`] in the native style.
#[must_use]
pub fn strip_base<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    Style::NATIVE.strip_base(base, path)
}

/// [`Style::portable`] in the native style.
#[must_use]
pub fn portable(relative: &str) -> Cow<'_, str> {
    Style::NATIVE.portable(relative)
}

/// [`Style::display`] in the native style.
#[must_use]
pub fn display(path: &str) -> Cow<'_, str> {
    Style::NATIVE.display(path)
}

/// A path held as a [`Path`], as speckit prints it (see [`Style::display`]).
#[must_use]
pub fn shown(path: &Path) -> String {
    let text = path.to_string_lossy();
    match Style::NATIVE {
        // A canonical path's `\\?\\` prefix is no part of what a user would type.
        Style::Windows if Style::Windows.is_absolute(&text) => {
            Style::Windows.canonicalize_lexically(&text)
        }
        _ => display(&text).into_owned(),
    }
}

/// Whether `dir` lies inside `root` (or is it), lexically or, failing that, after resolving
/// the symbolic links of both.
#[must_use]
pub fn is_inside(root: &str, dir: &str) -> bool {
    if Style::NATIVE.is_lexically_inside(root, dir) {
        return true;
    }
    let resolve = |path: &str| {
        std::fs::canonicalize(path)
            .ok()
            .and_then(|p| from_system(&p))
    };
    match (resolve(&absolutize(root, dir)), resolve(root)) {
        (Some(dir), Some(root)) => Style::NATIVE.is_lexically_inside(&root, &dir),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::Style::{Unix, Windows};

    #[test]
    fn unix_lexical_canonicalization() {
        assert_eq!(Unix.canonicalize_lexically("/a/./b//c/../d/"), "/a/b/d");
        assert_eq!(Unix.canonicalize_lexically("/.."), "/");
        assert_eq!(Unix.canonicalize_lexically("//net/x"), "//net/x");
        assert_eq!(Unix.canonicalize_lexically("///x"), "/x");
        assert_eq!(Unix.absolutize("/w/p", "../q"), "/w/q");
        assert_eq!(Unix.absolutize("/w/p", "/abs/./x"), "/abs/x");
        assert_eq!(Unix.join("/w/", "specs/x"), "/w//specs/x");
    }

    #[test]
    fn unix_dirname_and_basename_like_coreutils() {
        assert_eq!(Unix.dirname("/a/b/c.sh"), "/a/b");
        assert_eq!(Unix.dirname("c.sh"), ".");
        assert_eq!(Unix.dirname("/c.sh"), "/");
        assert_eq!(Unix.dirname("a/b/"), "a");
        assert_eq!(Unix.dirname("/"), "/");
        assert_eq!(Unix.basename("/a/b/"), "b");
        assert_eq!(Unix.basename("/"), "/");
        assert_eq!(Unix.basename("x"), "x");
        assert_eq!(Unix.basename(r"a\b"), r"a\b");
    }

    #[test]
    fn windows_roots_and_separators() {
        assert!(Windows.is_absolute(r"C:\x"));
        assert!(Windows.is_absolute("c:/x"));
        assert!(Windows.is_absolute(r"\\server\share\x"));
        assert!(Windows.is_absolute(r"\\?\C:\x"));
        assert!(Windows.is_absolute(r"\x"));
        assert!(!Windows.is_absolute(r"specs\001-x"));
        assert!(!Unix.is_absolute(r"C:\x"));
        assert_eq!(
            Windows.canonicalize_lexically(r"c:/proj\specs/./001-x\..\002-y\"),
            r"C:\proj\specs\002-y"
        );
        assert_eq!(
            Windows.canonicalize_lexically(r"\\?\C:\proj\x"),
            r"C:\proj\x"
        );
        assert_eq!(
            Windows.canonicalize_lexically(r"\\?\UNC\srv\share\proj"),
            r"\\srv\share\proj"
        );
        assert_eq!(
            Windows.canonicalize_lexically("//srv/share/a/../.."),
            r"\\srv\share\"
        );
        assert_eq!(Windows.canonicalize_lexically(r"C:\.."), r"C:\");
        assert_eq!(
            Windows.absolutize(r"C:\proj", "specs/001-x"),
            r"C:\proj\specs\001-x"
        );
        assert_eq!(
            Windows.absolutize(r"C:\proj", r"D:\elsewhere"),
            r"D:\elsewhere"
        );
        assert_eq!(
            Windows.join(r"C:\proj\", "specs/001-x/spec.md"),
            r"C:\proj\specs\001-x\spec.md"
        );
    }

    #[test]
    fn windows_dirname_and_basename() {
        assert_eq!(
            Windows.dirname(r"C:\proj\.specify\scripts"),
            r"C:\proj\.specify"
        );
        assert_eq!(Windows.dirname(r"C:\proj"), r"C:\");
        assert_eq!(Windows.dirname(r"C:\"), r"C:\");
        assert_eq!(Windows.dirname(r"\\srv\share\x"), r"\\srv\share\");
        assert_eq!(Windows.dirname("a/b"), "a");
        assert_eq!(Windows.basename(r"C:\proj\specs\001-x\"), "001-x");
        assert_eq!(Windows.basename("specs/001-x"), "001-x");
    }

    #[test]
    fn windows_containment_ignores_case_prefixes_and_separators() {
        assert!(Windows.is_lexically_inside(r"C:\Proj", "specs/001-x"));
        assert!(Windows.is_lexically_inside(r"C:\Proj", r"c:\proj\specs\001-x"));
        assert!(Windows.is_lexically_inside(r"\\?\C:\Proj", r"C:/PROJ/specs"));
        assert!(Windows.is_lexically_inside(r"C:\Proj", r"C:\Proj"));
        assert!(!Windows.is_lexically_inside(r"C:\Proj", r"C:\Project\x"));
        assert!(!Windows.is_lexically_inside(r"C:\Proj", r"..\elsewhere"));
        assert!(!Windows.is_lexically_inside(r"C:\Proj", r"D:\Proj"));
        assert!(Windows.is_lexically_inside(r"C:\", r"C:\anything"));
        assert!(Unix.is_lexically_inside("/w/p", "specs/x"));
        assert!(!Unix.is_lexically_inside("/w/p", "/w/P/specs"));
        assert!(!Unix.is_lexically_inside("/w/p", "/w/pq"));
    }

    #[test]
    fn paths_relative_to_a_base() {
        assert_eq!(
            Windows.strip_base(r"S:\", r"S:\specs\001-x"),
            Some(r"specs\001-x")
        );
        assert_eq!(
            Windows.strip_base(r"c:\proj", r"C:\Proj/specs"),
            Some("specs")
        );
        assert_eq!(Windows.strip_base(r"C:\proj", r"C:\project"), None);
        assert_eq!(Unix.strip_base("/w/p/", "/w/p/specs/x"), Some("specs/x"));
        assert_eq!(Unix.strip_base("/w/p", "/w/P/specs"), None);
        assert_eq!(Unix.strip_base("/w/p", "/w/p"), None);
    }

    #[test]
    fn printing_uses_one_separator() {
        assert_eq!(
            Windows.display(r"specs/001-x\spec.md"),
            r"specs\001-x\spec.md"
        );
        assert_eq!(Unix.display(r"specs/001-x\spec.md"), r"specs/001-x\spec.md");
        assert_eq!(Windows.portable(r"specs\001-x"), "specs/001-x");
        assert_eq!(Unix.portable(r"specs\001-x"), r"specs\001-x");
    }
}
