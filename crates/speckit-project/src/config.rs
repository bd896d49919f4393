//! `.specify/speckit.toml`: the project's check configuration.
//!
//! ```toml
//! dialect = "epic"                   # force a dialect instead of detecting one
//! stage = "designed"                 # stage to check at (default: ready)
//! select = ["ALL"]                   # rules to run: codes, code prefixes, names, ALL
//! ignore = ["SK503"]                 # rules to skip
//! extra-placeholders = ["TBD"]       # more strings that count as unfilled placeholders
//! max-file-size = 8388608            # bytes; larger files are reported, not read
//!
//! [severity]                         # per-rule severity overrides
//! SK503 = "error"
//!
//! [per-path-ignores]                 # rules to skip under matching paths (globs, from the root)
//! "specs/legacy-*/**" = ["SK101"]
//! ```
//!
//! The file is found by walking up from the checked path; `--config` names one explicitly.
//! Unknown keys and bad values are errors that name the key and its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use speckit_lint::{BuiltinDialect, Rule, Settings, Severity, Stage, registry};

use crate::Error;

/// The default largest file that is read, in bytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = crate::read::DEFAULT_LIMIT;

/// The largest configuration file accepted, in bytes. A real one is a few hundred bytes; the
/// TOML parser keeps every token of its input in memory, about sixteen times the text's size.
pub const MAX_CONFIG_SIZE: u64 = crate::read::CONFIG_LIMIT;

/// The configuration file as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Dialect name.
    pub dialect: Option<String>,
    /// Stage name.
    pub stage: Option<String>,
    /// Rule selectors to run.
    pub select: Option<Vec<String>>,
    /// Rule selectors to skip.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Extra placeholder strings.
    #[serde(default)]
    pub extra_placeholders: Vec<String>,
    /// Largest file read, in bytes.
    pub max_file_size: Option<u64>,
    /// Severity per rule selector.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Rule selectors to skip per path glob.
    #[serde(default)]
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
}

/// Command-line choices, which win over the file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--dialect`.
    pub dialect: Option<String>,
    /// `--stage`.
    pub stage: Option<String>,
    /// `--select`.
    pub select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
}

/// Everything a check needs to know, resolved.
#[derive(Debug, Default)]
pub struct CheckConfig {
    /// Settings for the pure core.
    pub settings: Settings,
    /// Largest file read.
    pub max_file_size: u64,
    /// Where the configuration came from, if from a file.
    pub source: Option<PathBuf>,
    /// The folder per-path globs are relative to.
    pub base: Option<PathBuf>,
    per_path: Vec<(GlobSet, Vec<&'static Rule>)>,
}

impl CheckConfig {
    /// Rules ignored for `path` by per-path globs.
    #[must_use]
    pub fn ignored_for(&self, path: &Path) -> Vec<&'static Rule> {
        let relative = self
            .base
            .as_deref()
            .and_then(|base| path.strip_prefix(base).ok())
            .unwrap_or(path);
        self.per_path
            .iter()
            .filter(|(globs, _)| globs.is_match(relative))
            .flat_map(|(_, rules)| rules.iter().copied())
            .collect()
    }
}

/// Finds `.specify/speckit.toml` in `start` or one of its ancestors.
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .map(|dir| dir.join(".specify").join("speckit.toml"))
        .find(|candidate| candidate.is_file())
}

/// Loads the configuration (explicit file, or discovered from `start`) and applies overrides.
///
/// # Errors
/// When the file cannot be read or parsed, or a value names no dialect, stage or rule.
pub fn load(
    explicit: Option<&Path>,
    start: &Path,
    overrides: &Overrides,
) -> Result<CheckConfig, Error> {
    let source = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => discover(start),
    };
    match source {
        Some(path) => {
            let text = crate::read::read_text_bounded(&path, crate::read::CONFIG_LIMIT).map_err(
                |source| Error::Io {
                    path: path.clone(),
                    source: source.into(),
                },
            )?;
            from_str(&text, &path, overrides)
        }
        None => resolve(Options::default(), overrides, None, None),
    }
}

/// Parses configuration text read from `path` and applies overrides: everything [`load`] does
/// once the file is read. Per-path globs are relative to the folder holding `path`'s `.specify/`.
///
/// # Errors
/// When the text cannot be parsed, or a value names no dialect, stage or rule.
pub fn from_str(text: &str, path: &Path, overrides: &Overrides) -> Result<CheckConfig, Error> {
    let options = parse(text).map_err(|message| Error::Config {
        path: path.to_path_buf(),
        message,
    })?;
    let base = path.parent().and_then(Path::parent).map(Path::to_path_buf);
    resolve(options, overrides, Some(path.to_path_buf()), base)
}

/// Parses the configuration text.
///
/// Nesting needs no bound of ours: the TOML parser refuses arrays and inline tables nested
/// deeper than its own recursion limit.
///
/// # Errors
/// A message naming the offending key and its position, or saying that the text is larger than
/// [`MAX_CONFIG_SIZE`].
pub fn parse(text: &str) -> Result<Options, String> {
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > MAX_CONFIG_SIZE {
        return Err(format!(
            "the file is larger than {MAX_CONFIG_SIZE} bytes, too large for a configuration"
        ));
    }
    toml::from_str(text).map_err(|error| error.to_string().trim_end().to_owned())
}

fn resolve(
    options: Options,
    overrides: &Overrides,
    source: Option<PathBuf>,
    base: Option<PathBuf>,
) -> Result<CheckConfig, Error> {
    let config_error = |message: String| match &source {
        Some(path) => Error::Config {
            path: path.clone(),
            message,
        },
        None => Error::Usage(message),
    };
    let mut settings = Settings::default();

    let dialect = overrides.dialect.as_ref().or(options.dialect.as_ref());
    if let Some(name) = dialect {
        settings.dialect = Some(BuiltinDialect::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = BuiltinDialect::ALL.iter().map(|d| d.name()).collect();
            config_error(format!(
                "unknown dialect `{name}` (expected one of {})",
                known.join(", ")
            ))
        })?);
    }
    let stage = overrides.stage.as_ref().or(options.stage.as_ref());
    if let Some(name) = stage {
        settings.stage = Some(Stage::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
            config_error(format!(
                "unknown stage `{name}` (expected one of {})",
                known.join(", ")
            ))
        })?);
    }

    let selectors = |list: &[String]| -> Result<Vec<&'static Rule>, String> {
        let mut rules = Vec::new();
        for selector in list {
            let found = registry::select(selector);
            if found.is_empty() {
                return Err(format!("`{selector}` names no rule (see `speckit rules`)"));
            }
            rules.extend(found);
        }
        Ok(rules)
    };
    if let Some(select) = &options.select {
        settings.select_only(&selectors(select).map_err(&config_error)?);
    }
    settings.ignore(&selectors(&options.ignore).map_err(&config_error)?);
    if !overrides.select.is_empty() {
        settings.select_only(&selectors(&overrides.select).map_err(Error::Usage)?);
    }
    settings.ignore(&selectors(&overrides.ignore).map_err(Error::Usage)?);

    for (selector, level) in &options.severity {
        let severity = Severity::parse(level).ok_or_else(|| {
            config_error(format!(
                "severity `{level}` for `{selector}` is not error, warning or info"
            ))
        })?;
        for rule in selectors(std::slice::from_ref(selector)).map_err(&config_error)? {
            settings.set_severity(rule, severity);
        }
    }
    settings.extra_placeholders = options.extra_placeholders;

    let mut per_path = Vec::new();
    for (pattern, rules) in &options.per_path_ignores {
        let glob = Glob::new(pattern)
            .map_err(|e| config_error(format!("bad glob `{pattern}` in per-path-ignores: {e}")))?;
        let set: GlobSet = GlobSetBuilder::new()
            .add(glob)
            .build()
            .map_err(|e| config_error(format!("bad glob `{pattern}`: {e}")))?;
        per_path.push((set, selectors(rules).map_err(&config_error)?));
    }

    Ok(CheckConfig {
        settings,
        max_file_size: options.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        source,
        base,
        per_path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let error = parse("dialect = \"epic\"\nstgae = \"ready\"\n").unwrap_err();
        assert!(error.contains("stgae"), "{error}");
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn overrides_win_and_selectors_resolve() {
        let options =
            parse("dialect = \"epic\"\nignore = [\"SK1\"]\n[severity]\nSK503 = \"error\"\n")
                .unwrap();
        let overrides = Overrides {
            dialect: Some("gated".into()),
            ..Overrides::default()
        };
        let config = resolve(options, &overrides, None, None).unwrap();
        assert_eq!(config.settings.dialect, Some(BuiltinDialect::Gated));
        let missing = registry::find("SK101").unwrap();
        assert!(!config.settings.is_enabled(missing));
        let branch = registry::find("SK503").unwrap();
        assert_eq!(
            config.settings.severity(branch, Severity::Warning),
            Severity::Error
        );
    }

    #[test]
    fn bad_values_are_errors() {
        for text in [
            "dialect = \"nope\"",
            "stage = \"later\"",
            "ignore = [\"SK999\"]",
            "[severity]\nSK101 = \"loud\"",
        ] {
            let options = parse(text).unwrap();
            assert!(
                resolve(options, &Overrides::default(), None, None).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn oversized_text_is_refused_before_parsing() {
        let limit = usize::try_from(MAX_CONFIG_SIZE).unwrap();
        // Both are valid TOML; only the size differs.
        let at_limit = format!("#{}", "x".repeat(limit - 1));
        assert!(parse(&at_limit).is_ok());
        let error = parse(&format!("{at_limit}x")).unwrap_err();
        assert!(error.contains("larger than"), "{error}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = 100_000;
        let cases = [
            format!("select = {}{}", "[".repeat(deep), "]".repeat(deep)),
            format!("x = {}1{}", "{a = ".repeat(deep), "}".repeat(deep)),
            format!("[severity]\n{} = \"error\"", vec!["a"; deep].join(".")),
        ];
        for text in cases {
            // A thread with a small stack (1 MiB), so that recursion per level would show.
            let result = std::thread::Builder::new()
                .stack_size(1024 * 1024)
                .spawn(move || parse(&text).map(|_| ()))
                .unwrap()
                .join()
                .unwrap();
            let error = result.unwrap_err();
            assert!(error.contains("recurs"), "{error}");
        }
    }

    #[test]
    fn from_str_resolves_relative_to_the_project() {
        let path = Path::new("/repo/.specify/speckit.toml");
        let text = "stage = \"designed\"\n[per-path-ignores]\n\"specs/old/**\" = [\"SK101\"]\n";
        let config = from_str(text, path, &Overrides::default()).unwrap();
        assert_eq!(config.settings.stage, Some(Stage::Designed));
        assert_eq!(config.source.as_deref(), Some(path));
        assert_eq!(
            config
                .ignored_for(Path::new("/repo/specs/old/plan.md"))
                .len(),
            1
        );
        let error = from_str("stage = 1", path, &Overrides::default()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&*crate::path_text::display("/repo/.specify/speckit.toml: ")),
            "{error}"
        );
    }

    #[test]
    fn per_path_ignores_match_relative_paths() {
        let options = parse("[per-path-ignores]\n\"specs/legacy-*/**\" = [\"SK101\"]\n").unwrap();
        let config = resolve(
            options,
            &Overrides::default(),
            None,
            Some(PathBuf::from("/repo")),
        )
        .unwrap();
        assert_eq!(
            config
                .ignored_for(Path::new("/repo/specs/legacy-1/plan.md"))
                .len(),
            1
        );
        assert!(
            config
                .ignored_for(Path::new("/repo/specs/002-x/plan.md"))
                .is_empty()
        );
    }
}
