//! The process environment a workflow operation sees: variables and the logical working
//! directory. Captured once at the edge so the rest of the code is deterministic and testable.

use std::collections::HashMap;
use std::path::Path;

use crate::path_text::{Style, canonicalize_lexically, from_system};

/// The variables the workflow reads; [`Env::from_process`] captures these and no others.
pub const VARIABLES: &[&str] = &[
    "PWD",
    "SPECIFY_INIT_DIR",
    "SPECIFY_FEATURE",
    "SPECIFY_FEATURE_DIRECTORY",
    "SPECIFY_FEATURE_NO_PERSIST",
    "SPECKIT_SCRIPT_PATH",
    "GIT_BRANCH_NAME",
    "USER",
];

/// Environment variables and the working directory, as the shell scripts would see them.
#[derive(Debug, Clone)]
pub struct Env {
    vars: HashMap<String, String>,
    cwd: String,
}

impl Env {
    /// The current process's environment.
    ///
    /// The working directory is the *logical* one bash reports: `$PWD` when it names the current
    /// directory (symlinks kept), otherwise the physical path.
    ///
    /// # Errors
    /// The working directory cannot be read or is not valid UTF-8.
    pub fn from_process() -> std::io::Result<Self> {
        let vars: HashMap<String, String> = VARIABLES
            .iter()
            .filter_map(|name| Some(((*name).to_owned(), std::env::var(name).ok()?)))
            .collect();
        let physical = std::env::current_dir()?;
        let physical = from_system(&physical).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the working directory is not valid UTF-8",
            )
        })?;
        // `$PWD` is the shell's own spelling, meaningful only where the shell's paths are the
        // system's: on Windows a POSIX shell's `/c/project` names nothing a program can open.
        let cwd = match vars.get("PWD") {
            Some(pwd)
                if Style::NATIVE == Style::Unix
                    && pwd.starts_with('/')
                    && same_directory(Path::new(pwd), Path::new(".")) =>
            {
                canonicalize_lexically(pwd)
            }
            _ => physical,
        };
        Ok(Self { vars, cwd })
    }

    /// An environment made of the given variables and working directory (for tests and callers
    /// that run an operation on behalf of another directory).
    #[must_use]
    pub fn new(vars: HashMap<String, String>, cwd: impl Into<String>) -> Self {
        Self {
            vars,
            cwd: cwd.into(),
        }
    }

    /// The variable `name`, when it is set and not empty (the shell's `${NAME:-}` test).
    #[must_use]
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The logical working directory.
    #[must_use]
    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    /// Sets or clears a variable (for callers composing an operation).
    pub fn set_var(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(v) => {
                self.vars.insert(name.to_owned(), v.to_owned());
            }
            None => {
                self.vars.remove(name);
            }
        }
    }

    /// Replaces the working directory.
    pub fn set_cwd(&mut self, cwd: impl Into<String>) {
        self.cwd = cwd.into();
    }
}

#[cfg(unix)]
fn same_directory(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_directory(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_variables_count_as_unset() {
        let mut env = Env::new(HashMap::new(), "/w");
        env.set_var("X", Some(""));
        assert_eq!(env.var("X"), None);
        env.set_var("X", Some("1"));
        assert_eq!(env.var("X"), Some("1"));
    }
}
