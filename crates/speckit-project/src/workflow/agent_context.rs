//! Agent context files (`CLAUDE.md`, `AGENTS.md`, `.github/copilot-instructions.md`, ...): the
//! managed section between `<!-- SPECKIT START -->` and `<!-- SPECKIT END -->` that points the
//! agent at the current plan.

use crate::path_text::{from_system, join};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::read;
use crate::workflow::fsutil::{FsError, create_dirs, is_file, write_replace};
use crate::workflow::text::python_is_space;
use crate::workflow::yaml::{self, Yaml};

/// The default start marker.
pub const DEFAULT_START: &str = "<!-- SPECKIT START -->";
/// The default end marker.
pub const DEFAULT_END: &str = "<!-- SPECKIT END -->";

/// The extension configuration file, relative to the project root.
pub const CONFIG_PATH: &str = ".specify/extensions/agent-context/agent-context-config.yml";
/// The per-agent defaults file, relative to the project root.
pub const DEFAULTS_PATH: &str = ".specify/extensions/agent-context/agent-context-defaults.json";

/// The context file each agent reads, for agents `speckit init` sets up.
pub const AGENT_DEFAULTS: &[(&str, &str)] = &[
    ("claude", "CLAUDE.md"),
    ("codex", "AGENTS.md"),
    ("copilot", ".github/copilot-instructions.md"),
    ("cursor-agent", ".cursor/rules/specify-rules.mdc"),
    ("gemini", "GEMINI.md"),
    ("generic", "AGENTS.md"),
    ("opencode", "AGENTS.md"),
];

/// The parsed extension configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextConfig {
    /// The context files, in order, without duplicates.
    pub files: Vec<String>,
    /// The start marker (configured, or the default).
    pub start: String,
    /// The end marker (configured, or the default).
    pub end: String,
    /// Messages about self-seeding from the agent defaults, for standard error.
    pub notes: Vec<String>,
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
#[error("agent-context: unable to parse {path} ({detail}); cannot update context.")]
pub struct ConfigError {
    path: String,
    detail: String,
}

fn string_at<'a>(data: &'a Yaml, keys: &[&str]) -> &'a str {
    let mut node = data;
    for key in keys {
        match node.get(key) {
            Some(next) => node = next,
            None => return "",
        }
    }
    node.as_str().unwrap_or("")
}

/// Reads the configuration of the project at `root`, self-seeding the context file from
/// `init-options.json` and the agent defaults when the configuration names none.
///
/// # Errors
/// The configuration file cannot be read or parsed.
pub fn read_config(root: &str, config_path: &str) -> Result<ContextConfig, ConfigError> {
    let error = |detail: String| ConfigError {
        path: config_path.to_owned(),
        detail,
    };
    let bytes = read::read_bounded(Path::new(config_path), read::CONFIG_LIMIT)
        .map_err(|e| error(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| error("not valid UTF-8".to_owned()))?;
    let data = yaml::load(&text).map_err(|e| error(e.to_string()))?;
    // A root that is not a mapping reads as an empty one: `get` finds nothing in it.
    let mut files: Vec<String> = Vec::new();
    let add = |files: &mut Vec<String>, value: &str| {
        let candidate = value.trim_matches(python_is_space);
        if !candidate.is_empty() && !files.iter().any(|f| f == candidate) {
            files.push(candidate.to_owned());
        }
    };
    if let Some(Yaml::Seq(items)) = data.get("context_files") {
        for item in items.iter() {
            if let Some(value) = item.as_str() {
                add(&mut files, value);
            }
        }
    }
    let mut notes = Vec::new();
    if files.is_empty() {
        add(&mut files, string_at(&data, &["context_file"]));
    }
    if files.is_empty() {
        let integration = integration_key(root);
        if !integration.is_empty() {
            let defaults_path = join(root, DEFAULTS_PATH);
            let mapping = read_defaults(&defaults_path).unwrap_or_else(|| {
                notes.push(format!("agent-context: unable to read {defaults_path}; cannot self-seed the context file. Set context_file in the extension config."));
                serde_json::Map::new()
            });
            if let Some(Value::String(file)) = mapping.get(&integration) {
                add(&mut files, file);
            }
            if files.is_empty() {
                notes.push(format!("agent-context: no default context file is known for integration {integration}. Set context_file in the extension config to choose one."));
            }
        }
    }
    let start = string_at(&data, &["context_markers", "start"]);
    let end = string_at(&data, &["context_markers", "end"]);
    Ok(ContextConfig {
        files,
        start: if start.is_empty() {
            DEFAULT_START
        } else {
            start
        }
        .to_owned(),
        end: if end.is_empty() { DEFAULT_END } else { end }.to_owned(),
        notes,
    })
}

/// The active integration recorded in `init-options.json` (`integration`, else `ai`).
fn integration_key(root: &str) -> String {
    let options = join(root, ".specify/init-options.json");
    let Ok(text) = read::read_text_bounded(Path::new(&options), read::CONFIG_LIMIT) else {
        return String::new();
    };
    let Ok(Value::Object(options)) = serde_json::from_str::<Value>(&text) else {
        return String::new();
    };
    let value = ["integration", "ai"]
        .iter()
        .filter_map(|k| options.get(*k))
        .find(|v| crate::workflow::state::truthy(v));
    match value {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn read_defaults(path: &str) -> Option<serde_json::Map<String, Value>> {
    let text = read::read_text_bounded(Path::new(path), read::CONFIG_LIMIT).ok()?;
    match serde_json::from_str::<Value>(&text).ok()? {
        Value::Object(map) => match map.get("agents") {
            Some(Value::Object(agents)) => Some(agents.clone()),
            _ => Some(serde_json::Map::new()),
        },
        _ => Some(serde_json::Map::new()),
    }
}

/// Checks that a context file is a project-relative path that stays inside the project; the
/// message says why not.
///
/// # Errors
/// An absolute or drive path, a backslash, a `..` segment, or a path that resolves outside.
pub fn validate_context_file(root: &str, file: &str) -> Result<(), String> {
    let drive =
        file.len() >= 2 && file.as_bytes()[0].is_ascii_alphabetic() && file.as_bytes()[1] == b':';
    if file.starts_with('/') || drive {
        return Err(format!(
            "agent-context: context files must be project-relative paths; got '{file}'."
        ));
    }
    if file.contains('\\') {
        return Err(format!(
            "agent-context: context files must not contain backslash separators; got '{file}'."
        ));
    }
    if file.split('/').any(|segment| segment == "..") {
        return Err(format!(
            "agent-context: context files must not contain '..' path segments; got '{file}'."
        ));
    }
    let real_root = resolve_existing(Path::new(root));
    let target = resolve_existing(&Path::new(root).join(file));
    if !target.starts_with(&real_root) {
        return Err(format!(
            "agent-context: context file path resolves outside the project root; got '{file}'."
        ));
    }
    Ok(())
}

/// `Path.resolve(strict=False)`: symlinks resolved as far as the path exists, the rest appended.
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let mut result = real;
            for part in rest.iter().rev() {
                result.push(part);
            }
            return result;
        }
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The plan the section points at: the current feature's `plan.md` (project-relative), else the
/// most recently modified `specs/**/plan.md`, else none.
#[must_use]
pub fn find_plan(root: &str) -> String {
    let real_root = resolve_existing(Path::new(root));
    let relative = |p: &Path| -> Option<String> {
        let real = std::fs::canonicalize(p).ok()?;
        let rel = real.strip_prefix(&real_root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    };
    let feature_json = join(root, ".specify/feature.json");
    if is_file(&feature_json) {
        let dir = read::read_text_bounded(Path::new(&feature_json), read::CONFIG_LIMIT)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| {
                v.get("feature_directory")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .unwrap_or_default()
            .replace('\\', "/");
        let dir = dir.strip_suffix('/').unwrap_or(&dir);
        if !dir.is_empty() {
            let drive = dir.len() >= 3 && dir.as_bytes()[1] == b':' && dir.as_bytes()[2] == b'/';
            let candidate = if dir.starts_with('/') || drive {
                PathBuf::from(join(dir, "plan.md"))
            } else {
                PathBuf::from(join(root, &format!("{dir}/plan.md")))
            };
            if is_file(&candidate) {
                if let Some(rel) = relative(&candidate) {
                    return rel;
                }
                // Outside the project: its real path, without the `\\?\\` that Windows'
                // canonical paths begin with, and with `/` as the section writes paths.
                if let Some(real) = std::fs::canonicalize(&candidate)
                    .ok()
                    .and_then(|real| from_system(&real))
                {
                    return real.replace('\\', "/");
                }
            }
        }
    }
    let mut candidates: Vec<(std::time::SystemTime, String)> = Vec::new();
    collect_plans(&real_root.join("specs"), &mut |path| {
        if let (Some(rel), Ok(meta)) = (relative(path), std::fs::metadata(path)) {
            candidates.push((meta.modified().unwrap_or(std::time::UNIX_EPOCH), rel));
        }
    });
    // Newest first; among equal times the first found wins, like a stable sort.
    let mut best: Option<&(std::time::SystemTime, String)> = None;
    for candidate in &candidates {
        if best.is_none_or(|b| candidate.0 > b.0) {
            best = Some(candidate);
        }
    }
    best.map(|(_, rel)| rel.clone()).unwrap_or_default()
}

/// Visits `dir/plan.md` and then each subfolder, depth first in directory order, without
/// following symlinked folders.
fn collect_plans(dir: &Path, visit: &mut dyn FnMut(&Path)) {
    let plan = dir.join("plan.md");
    if plan.exists() {
        visit(&plan);
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_plans(&entry.path(), visit);
        }
    }
}

/// The managed section's lines.
#[must_use]
pub fn section(start: &str, end: &str, plan: &str) -> String {
    section_with(start, end, plan, &[])
}

/// The managed section with extra lines (the plan's settled technologies) before the end
/// marker.
#[must_use]
pub fn section_with(start: &str, end: &str, plan: &str, facts: &[String]) -> String {
    let mut lines = vec![
        start.to_owned(),
        "For additional context about technologies to be used, project structure,".to_owned(),
        "shell commands, and other important information, read the current plan".to_owned(),
    ];
    if !plan.is_empty() {
        lines.push(format!("at {plan}"));
    }
    if !facts.is_empty() {
        lines.push(String::new());
        lines.extend(
            facts
                .iter()
                .map(|fact| format!("- {}", fact_line(fact, start, end))),
        );
    }
    lines.push(end.to_owned());
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The fields of a plan's Technical Context that are filled in (`Label: value` pairs), skipping
/// template text and open questions.
#[must_use]
pub fn technical_context(plan: &str) -> Vec<String> {
    const FIELDS: &[&str] = &[
        "Language/Version",
        "Primary Dependencies",
        "Storage",
        "Testing",
        "Target Platform",
        "Project Type",
    ];
    let mut facts = Vec::new();
    for field in FIELDS {
        let label = format!("**{field}**:");
        let Some(line) = plan.lines().find(|l| l.trim_start().starts_with(&label)) else {
            continue;
        };
        let value = line.trim_start()[label.len()..].trim();
        let unfilled = value.is_empty()
            || value.starts_with('[')
            || value.contains("NEEDS CLARIFICATION")
            || value.eq_ignore_ascii_case("n/a");
        if !unfilled {
            facts.push(format!("{field}: {value}"));
        }
    }
    facts
}

/// Skips one `\r` and one `\n` after `index`.
fn after_marker(content: &str, mut index: usize) -> usize {
    if content[index..].starts_with('\r') {
        index += 1;
    }
    if content[index..].starts_with('\n') {
        index += 1;
    }
    index
}

/// Inserts or replaces the managed section in `content` (already newline-normalised).
#[must_use]
pub fn upsert(content: Option<&str>, start: &str, end: &str, section: &str) -> String {
    let Some(content) = content else {
        return section.to_owned();
    };
    let s = content.find(start);
    let e = content[s.unwrap_or(0)..]
        .find(end)
        .map(|i| i + s.unwrap_or(0));
    let updated = match (s, e) {
        (Some(s), Some(e)) if e > s => {
            let tail = after_marker(content, e + end.len());
            format!("{}{section}{}", &content[..s], &content[tail..])
        }
        (Some(s), _) => format!("{}{section}", &content[..s]),
        (None, Some(e)) => {
            let tail = after_marker(content, e + end.len());
            format!("{section}{}", &content[tail..])
        }
        (None, None) => {
            if content.is_empty() {
                section.to_owned()
            } else if content.ends_with('\n') {
                format!("{content}\n{section}")
            } else {
                format!("{content}\n\n{section}")
            }
        }
    };
    updated.replace("\r\n", "\n").replace('\r', "\n")
}

/// A value from a plan as one line of the managed section: control characters made visible, and
/// a value that holds a marker (or any HTML comment) written with `&lt;`, so that a plan can
/// never close the section early or open a second one. Markdown shows `&lt;` as `<`.
fn fact_line(fact: &str, start: &str, end: &str) -> String {
    let fact = speckit_lint::render::printable(fact);
    if fact.contains(start) || fact.contains(end) || fact.contains("<!--") {
        fact.replace('<', "&lt;")
    } else {
        fact.into_owned()
    }
}

/// How much of a context file the managed section claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// From the start marker to the first end marker after it, as Spec Kit's script does.
    FirstEnd,
    /// From the start marker to the last end marker after it: end markers left over from an
    /// earlier, broken section are speckit's own and go with it.
    ThroughLastEnd,
}

/// `content` with everything from the first end marker after the start marker up to the last
/// one removed, so that one section remains.
fn merge_stale_sections(content: &str, start: &str, end: &str) -> Option<String> {
    let from = content.find(start)? + start.len();
    let first = content[from..].find(end)? + from;
    let last = content[from..].rfind(end)? + from;
    (last > first).then(|| format!("{}{}", &content[..first], &content[last..]))
}

/// Makes sure a Cursor `.mdc` rule file has front matter with `alwaysApply: true`.
#[must_use]
pub fn ensure_mdc_front_matter(content: &str) -> String {
    const PREPENDED: &str = "---\nalwaysApply: true\n---\n\n";
    let stripped = content.trim_start_matches(python_is_space);
    let leading = &content[..content.len() - stripped.len()];
    let Some((opening, fm, closing, sep, rest)) = split_front_matter(stripped) else {
        return format!("{PREPENDED}{content}");
    };
    let newline = if opening.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let fm_lines: Vec<&str> = fm.split('\n').collect();
    let key_rest = |line: &str| -> Option<String> {
        let t = line.trim_start_matches([' ', '\t']);
        let after = t.strip_prefix("alwaysApply")?;
        Some(
            after
                .trim_start_matches([' ', '\t'])
                .strip_prefix(':')?
                .to_owned(),
        )
    };
    let is_true = |rest: &str| {
        let value = rest.trim_start_matches([' ', '\t']);
        let Some(after) = value.strip_prefix("true") else {
            return false;
        };
        let after = after.trim_start_matches([' ', '\t']);
        after.is_empty() || after.starts_with('#')
    };
    if fm_lines
        .iter()
        .any(|l| key_rest(l).is_some_and(|r| is_true(&r)))
    {
        return content.to_owned();
    }
    let new_fm = if let Some(index) = fm_lines.iter().position(|l| key_rest(l).is_some()) {
        let line = fm_lines[index];
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let after_colon = key_rest(line).unwrap_or_default();
        // The shortest value such that the remainder is blanks and an optional comment.
        let mut tail = "";
        for (at, _) in after_colon
            .char_indices()
            .chain(std::iter::once((after_colon.len(), ' ')))
        {
            let candidate = &after_colon[at..];
            let blanks = candidate.trim_start_matches([' ', '\t']);
            if blanks.is_empty() || blanks.starts_with('#') {
                tail = candidate;
                break;
            }
        }
        let mut lines: Vec<String> = fm_lines.iter().map(|l| (*l).to_owned()).collect();
        lines[index] = format!("{indent}alwaysApply: true{tail}");
        lines.join("\n")
    } else if !fm.trim_matches(python_is_space).is_empty() {
        format!("{fm}{newline}alwaysApply: true")
    } else {
        "alwaysApply: true".to_owned()
    };
    format!("{leading}{opening}{new_fm}{closing}{sep}{rest}")
}

/// Splits `---\n<front matter>\n---` off the start of `text`: opening line, body, closing line,
/// the newline after it (or nothing at the end), and the rest.
fn split_front_matter(text: &str) -> Option<(&str, &str, &str, &str, &str)> {
    let after_dashes = text.strip_prefix("---")?;
    let blanks = after_dashes.len() - after_dashes.trim_start_matches([' ', '\t']).len();
    let mut open_end = 3 + blanks;
    if text[open_end..].starts_with("\r\n") {
        open_end += 2;
    } else if text[open_end..].starts_with('\n') {
        open_end += 1;
    } else {
        return None;
    }
    let body = &text[open_end..];
    let mut search = 0;
    while let Some(found) = body[search..].find("\n---") {
        let at = search + found;
        let fm_end = if at > 0 && body.as_bytes()[at - 1] == b'\r' {
            at - 1
        } else {
            at
        };
        let after = &body[at + 4..];
        let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
        let close_end = at + 4 + blanks;
        let tail = &body[close_end..];
        let sep_len = if tail.starts_with("\r\n") {
            Some(2)
        } else if tail.starts_with('\n') {
            Some(1)
        } else if tail.is_empty() {
            Some(0)
        } else {
            None
        };
        if let Some(sep_len) = sep_len {
            return Some((
                &text[..open_end],
                &body[..fm_end],
                &body[fm_end..close_end],
                &tail[..sep_len],
                &tail[sep_len..],
            ));
        }
        search = at + 1;
    }
    None
}

/// Writes the section into one context file under `root`, replacing what `claim` says is the
/// managed section.
///
/// # Errors
/// The file exists but is not UTF-8 text, or cannot be written.
pub fn update_file(
    root: &str,
    file: &str,
    start: &str,
    end: &str,
    section: &str,
    claim: Claim,
) -> Result<(), String> {
    let path = PathBuf::from(join(root, file));
    if let Some(parent) = path.parent() {
        create_dirs(Path::new(root), parent).map_err(|e| format!("agent-context: {e}"))?;
    }
    let existing = if path.exists() {
        let bytes = read::read_bounded(&path, read::DEFAULT_LIMIT)
            .map_err(|e| format!("agent-context: cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            format!(
                "agent-context: {} is not UTF-8 text; not updated.",
                path.display()
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        Some(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        None
    };
    let existing = match (claim, existing) {
        (Claim::ThroughLastEnd, Some(text)) => {
            Some(merge_stale_sections(&text, start, end).unwrap_or(text))
        }
        (_, existing) => existing,
    };
    let mut updated = upsert(existing.as_deref(), start, end, section);
    if file.to_lowercase().ends_with(".mdc") {
        updated = ensure_mdc_front_matter(&updated);
    }
    write_replace(Path::new(root), &path, updated.as_bytes())
        .map_err(|e: FsError| format!("agent-context: {e}"))
}

#[cfg(test)]
mod tests;
