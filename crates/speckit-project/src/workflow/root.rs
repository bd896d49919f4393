//! Finding the project root: the folder that holds `.specify/`.

use std::path::Path;

use crate::path_text::{absolutize, dirname, from_system, join};
use crate::workflow::env::Env;
use crate::workflow::fsutil::is_dir;

/// Why the project root could not be determined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RootError {
    /// `SPECIFY_INIT_DIR` does not name a directory.
    #[error("ERROR: SPECIFY_INIT_DIR does not point to an existing directory: {0}")]
    InitDirMissing(String),
    /// `SPECIFY_INIT_DIR` names a directory without `.specify/`.
    #[error("ERROR: SPECIFY_INIT_DIR is not a Spec Kit project (no .specify/ directory): {0}")]
    InitDirNotProject(String),
}

/// Where a compat script "lives", for the fallback root: the folder `.specify/scripts/bash/`
/// two levels below the project root. `None` when `speckit` runs directly.
#[derive(Debug, Clone, Default)]
pub struct ScriptLocation {
    /// The logical absolute directory of the script.
    pub dir: Option<String>,
}

impl ScriptLocation {
    /// The location of a script invoked as `script_path` (its `$0`) from `env`'s directory.
    #[must_use]
    pub fn of(script_path: Option<&str>, env: &Env) -> Self {
        Self {
            dir: script_path.map(|p| absolutize(env.cwd(), &dirname(p))),
        }
    }
}

/// Walks up from `start` to the first directory holding `.specify/`.
#[must_use]
pub fn find_specify_root(start: &str) -> Option<String> {
    let mut dir = start.to_owned();
    loop {
        if is_dir(join(&dir, ".specify")) {
            return Some(dir);
        }
        let parent = dirname(&dir);
        if parent == dir {
            return None;
        }
        dir = parent;
    }
}

/// Resolves `SPECIFY_INIT_DIR` (which must be non-empty) to the project it names.
///
/// # Errors
/// The directory does not exist or has no `.specify/`.
pub fn resolve_init_dir(value: &str, env: &Env) -> Result<String, RootError> {
    let logical = absolutize(env.cwd(), value);
    let root = if is_dir(&logical) {
        logical
    } else {
        // `cd -L` falls back to the path as written when its lexical form does not exist.
        let physical = Path::new(env.cwd()).join(value);
        match std::fs::canonicalize(&physical)
            .ok()
            .filter(|p| p.is_dir())
            .and_then(|p| from_system(&p))
        {
            Some(path) => path,
            None => return Err(RootError::InitDirMissing(value.to_owned())),
        }
    };
    if !is_dir(join(&root, ".specify")) {
        return Err(RootError::InitDirNotProject(root));
    }
    Ok(root)
}

/// The project root: `SPECIFY_INIT_DIR`, else the nearest ancestor of the working directory with
/// `.specify/`, else the project the script is installed in (`<script dir>/../../..`), else the
/// working directory.
///
/// # Errors
/// `SPECIFY_INIT_DIR` is set but invalid.
pub fn repo_root(env: &Env, script: &ScriptLocation) -> Result<String, RootError> {
    if let Some(value) = env.var("SPECIFY_INIT_DIR") {
        return resolve_init_dir(value, env);
    }
    if let Some(root) = find_specify_root(env.cwd()) {
        return Ok(root);
    }
    Ok(match &script.dir {
        Some(dir) => absolutize(dir, "../../.."),
        None => env.cwd().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn init_dir_errors_name_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().to_str().unwrap().to_owned();
        std::fs::create_dir_all(dir.path().join("plain")).unwrap();
        std::fs::create_dir_all(dir.path().join("proj/.specify")).unwrap();
        let env = Env::new(HashMap::new(), base.clone());
        assert_eq!(
            resolve_init_dir("nope", &env),
            Err(RootError::InitDirMissing("nope".to_owned()))
        );
        assert_eq!(
            resolve_init_dir("plain/", &env),
            Err(RootError::InitDirNotProject(join(&base, "plain")))
        );
        assert_eq!(resolve_init_dir("./proj/", &env), Ok(join(&base, "proj")));
    }

    #[test]
    fn walks_up_to_the_nearest_specify_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().to_str().unwrap().to_owned();
        std::fs::create_dir_all(dir.path().join("p/.specify")).unwrap();
        std::fs::create_dir_all(dir.path().join("p/a/b")).unwrap();
        let env = Env::new(HashMap::new(), join(&base, "p/a/b"));
        assert_eq!(
            repo_root(&env, &ScriptLocation::default()),
            Ok(join(&base, "p"))
        );
    }
}
