//! Template resolution through the layer stack: project overrides, then presets by registry
//! priority, then extensions, then the core templates; and composition of the layers with the
//! `replace`, `prepend`, `append` and `wrap` strategies.

use crate::path_text::join;
use std::path::Path;

use serde_json::Value;

use crate::path_text::is_inside;
use crate::read;
use crate::workflow::fsutil::{glob_names, is_dir, is_file};
use crate::workflow::state::truthy;
use crate::workflow::text::python_is_space;
use crate::workflow::yaml::{self, Yaml};

/// How a layer combines with the layers below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The layer is the whole template.
    Replace,
    /// The layer goes before the template below, separated by a blank line.
    Prepend,
    /// The layer goes after the template below, separated by a blank line.
    Append,
    /// The layer surrounds the template below, which replaces each `{CORE_TEMPLATE}`.
    Wrap,
}

impl Strategy {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "replace" => Some(Self::Replace),
            "prepend" => Some(Self::Prepend),
            "append" => Some(Self::Append),
            "wrap" => Some(Self::Wrap),
            _ => None,
        }
    }

    /// The strategy's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Replace => "replace",
            Self::Prepend => "prepend",
            Self::Append => "append",
            Self::Wrap => "wrap",
        }
    }
}

/// Where a layer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `.specify/templates/overrides/`.
    Override,
    /// `.specify/presets/<id>/`.
    Preset(String),
    /// `.specify/extensions/<id>/`.
    Extension(String),
    /// `.specify/templates/`.
    Core,
}

/// One file that takes part in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// The file.
    pub path: String,
    /// How it combines with the layers below.
    pub strategy: Strategy,
    /// Where it comes from.
    pub origin: Origin,
}

/// A hard resolution error (the scripts' exit status 2). The message is printed as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LayerError(pub String);

/// Whether `name` is a template name (`[a-z0-9-]+`); other names never resolve.
#[must_use]
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Python's `int(value)` for the values a registry may hold; `None` where it would raise.
fn python_int(value: &Value) -> Option<i128> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i128::from(i))
            } else if let Some(u) = n.as_u64() {
                Some(i128::from(u))
            } else {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "Python's int() truncates floats"
                )]
                n.as_f64()
                    .filter(|f| f.is_finite())
                    .map(|f| f.trunc() as i128)
            }
        }
        Value::String(s) => parse_python_int_literal(s),
        _ => None,
    }
}

/// `int("…")`: surrounding whitespace, an optional sign, digits with single underscores between.
fn parse_python_int_literal(text: &str) -> Option<i128> {
    let trimmed = text.trim_matches(python_is_space);
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut value: i128 = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let digit = c.to_digit(10)?;
        value = value.saturating_mul(10).saturating_add(i128::from(digit));
    }
    Some(if negative { -value } else { value })
}

/// A registry priority: integers of at least 1 count, anything else is 10.
fn priority_of(value: Option<&Value>) -> i128 {
    match value {
        Some(Value::Bool(_)) | None => 10,
        Some(v) => python_int(v).filter(|p| *p >= 1).unwrap_or(10),
    }
}

fn read_registry(path: &str) -> Result<serde_json::Map<String, Value>, String> {
    let bytes =
        read::read_bounded(Path::new(path), read::CONFIG_LIMIT).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_owned())?;
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("root must be a mapping".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Installed presets in priority order, from `.specify/presets/.registry`, or alphabetically
/// when there is no registry.
fn preset_ids(presets_dir: &str) -> Result<Vec<String>, LayerError> {
    let registry = join(presets_dir, ".registry");
    if !is_file(&registry) {
        return Ok(glob_names(Path::new(presets_dir))
            .into_iter()
            .filter(|name| is_valid_name(name) && is_dir(join(presets_dir, name)))
            .collect());
    }
    let invalid = |detail: String| {
        LayerError(format!(
            "Error: invalid preset registry {registry} ({detail})"
        ))
    };
    let map = read_registry(&registry).map_err(invalid)?;
    let presets = match map.get("presets") {
        None => return Ok(Vec::new()),
        Some(Value::Object(presets)) => presets,
        Some(_) => return Err(invalid("presets must be a mapping".to_owned())),
    };
    let mut ranked: Vec<(i128, &String, &Value)> = presets
        .iter()
        .map(|(id, meta)| {
            let priority = match meta {
                Value::Object(m) => match m.get("priority") {
                    None => 10,
                    Some(p) => priority_of(Some(p)),
                },
                _ => 10,
            };
            (priority, id, meta)
        })
        .collect();
    ranked.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    Ok(ranked
        .into_iter()
        .filter(|(_, id, meta)| {
            let enabled = meta.get("enabled").is_none_or(truthy);
            meta.is_object() && enabled && is_valid_name(id)
        })
        .map(|(_, id, _)| id.clone())
        .collect())
}

/// Installed extensions in priority order (registered ones by priority, unregistered ones at 10).
fn extension_ids(ext_dir: &str) -> Result<Vec<String>, LayerError> {
    let registry = join(ext_dir, ".registry");
    let invalid = || LayerError(format!("Error: invalid extension registry {registry}"));
    let mut registered = serde_json::Map::new();
    if std::fs::symlink_metadata(&registry).is_ok() {
        if !is_file(&registry) {
            return Err(invalid());
        }
        let map = read_registry(&registry).map_err(|_| invalid())?;
        match map.get("extensions") {
            None => {}
            Some(Value::Object(extensions)) => registered = extensions.clone(),
            Some(_) => return Err(invalid()),
        }
    }
    let mut ranked: Vec<(i128, String)> = registered
        .iter()
        .filter(|(id, meta)| {
            is_valid_name(id) && meta.is_object() && meta.get("enabled").is_none_or(truthy)
        })
        .map(|(id, meta)| (priority_of(meta.get("priority")), id.clone()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(ext_dir) {
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if is_valid_name(&name)
                && !registered.contains_key(&name)
                && is_dir(join(ext_dir, &name))
            {
                ranked.push((10, name));
            }
        }
    }
    ranked.sort();
    Ok(ranked.into_iter().map(|(_, id)| id).collect())
}

/// What a preset's `preset.yml` says about one template.
enum Declaration {
    /// The manifest declares the template with this strategy and file.
    Found { strategy: String, file: String },
    /// The manifest does not mention it.
    Absent,
}

fn manifest_error(manifest: &str) -> LayerError {
    LayerError(format!("Error: invalid preset manifest {manifest}"))
}

/// Validates `preset.yml` and looks up `name` in it, as Spec Kit's resolver does.
fn read_manifest(manifest: &str, name: &str) -> Result<Declaration, LayerError> {
    let invalid = || manifest_error(manifest);
    let bytes =
        read::read_bounded(Path::new(manifest), read::CONFIG_LIMIT).map_err(|_| invalid())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    let data = yaml::load(text).map_err(|_| invalid())?;
    let Yaml::Map(_) = data else {
        return Err(invalid());
    };
    let Some(provides @ Yaml::Map(_)) = data.get("provides") else {
        return Err(invalid());
    };
    let Some(Yaml::Seq(templates)) = provides.get("templates") else {
        return Err(invalid());
    };
    if templates.is_empty() {
        return Err(invalid());
    }
    for entry in templates.iter() {
        let Yaml::Map(_) = entry else {
            return Err(invalid());
        };
        let (Some(Yaml::Str(kind)), Some(Yaml::Str(_)), Some(Yaml::Str(_))) =
            (entry.get("type"), entry.get("name"), entry.get("file"))
        else {
            return Err(invalid());
        };
        if !matches!(kind.as_str(), "template" | "command" | "script") {
            return Err(invalid());
        }
        let strategy = match entry.get("strategy") {
            None => "replace".to_owned(),
            Some(Yaml::Str(s)) => s.to_lowercase(),
            Some(_) => return Err(invalid()),
        };
        if Strategy::parse(&strategy).is_none() {
            return Err(invalid());
        }
        if kind == "script" && !matches!(strategy.as_str(), "replace" | "wrap") {
            return Err(invalid());
        }
    }
    for entry in templates.iter() {
        let declared_name = entry.get("name").and_then(Yaml::as_str);
        let kind = entry
            .get("type")
            .and_then(Yaml::as_str)
            .unwrap_or("template");
        if declared_name == Some(name) && kind == "template" {
            let strategy = entry
                .get("strategy")
                .and_then(Yaml::as_str)
                .unwrap_or("replace")
                .to_ascii_lowercase();
            let file = entry.get("file").and_then(Yaml::as_str).unwrap_or("");
            // The declaration reaches the resolver as one tab-separated line, so the file name
            // ends at its first line break and loses surrounding tabs.
            let file = file.split('\n').next().unwrap_or("").trim_matches('\t');
            return Ok(Declaration::Found {
                strategy,
                file: file.to_owned(),
            });
        }
    }
    Ok(Declaration::Absent)
}

fn conventional(dir: &str, name: &str) -> Option<String> {
    [
        join(dir, &format!("templates/{name}.md")),
        join(dir, &format!("{name}.md")),
    ]
    .into_iter()
    .find(|candidate| is_file(candidate))
}

/// The layers that make up template `name`, highest priority first, down to and including the
/// first `replace` layer. Empty when nothing provides the template.
///
/// # Errors
/// An invalid preset manifest or registry, an invalid extension registry, or a preset file
/// declared outside the project.
pub fn layers(name: &str, root: &str) -> Result<Vec<Layer>, LayerError> {
    if !is_valid_name(name) {
        return Ok(Vec::new());
    }
    let base = join(root, ".specify/templates");
    let override_path = join(&base, &format!("overrides/{name}.md"));
    if is_file(&override_path) {
        return Ok(vec![Layer {
            path: override_path,
            strategy: Strategy::Replace,
            origin: Origin::Override,
        }]);
    }
    let mut stack = Vec::new();
    let presets_dir = join(root, ".specify/presets");
    if is_dir(&presets_dir) {
        for id in preset_ids(&presets_dir)? {
            let preset_dir = join(&presets_dir, &id);
            let manifest = join(&preset_dir, "preset.yml");
            let (strategy, declared_file) = if is_file(&manifest) {
                match read_manifest(&manifest, name)? {
                    Declaration::Found { strategy, file } => (strategy, Some(file)),
                    Declaration::Absent => ("replace".to_owned(), None),
                }
            } else {
                ("replace".to_owned(), None)
            };
            let candidate = match &declared_file {
                Some(file) if !file.is_empty() => {
                    if file.starts_with('/') || file.contains("../") {
                        return Err(LayerError(format!(
                            "Error: preset manifest {manifest} declares a template file outside the preset: {file}"
                        )));
                    }
                    let path = join(&preset_dir, file);
                    if is_file(&path) && !is_inside(root, &path) {
                        return Err(LayerError(format!(
                            "Error: preset manifest {manifest} declares a template file outside the project: {file}"
                        )));
                    }
                    is_file(&path).then_some(path)
                }
                Some(_) => None,
                None => conventional(&preset_dir, name),
            };
            if let Some(path) = candidate {
                let strategy = Strategy::parse(&strategy).unwrap_or(Strategy::Replace);
                stack.push(Layer {
                    path,
                    strategy,
                    origin: Origin::Preset(id.clone()),
                });
                if strategy == Strategy::Replace {
                    return Ok(stack);
                }
            }
        }
    }
    let ext_dir = join(root, ".specify/extensions");
    if is_dir(&ext_dir) {
        for id in extension_ids(&ext_dir)? {
            if let Some(path) = conventional(&join(&ext_dir, &id), name) {
                stack.push(Layer {
                    path,
                    strategy: Strategy::Replace,
                    origin: Origin::Extension(id),
                });
                return Ok(stack);
            }
        }
    }
    let core = join(&base, &format!("{name}.md"));
    if is_file(&core) {
        stack.push(Layer {
            path: core,
            strategy: Strategy::Replace,
            origin: Origin::Core,
        });
    }
    Ok(stack)
}

/// A template layer's bytes, at most `limit` of them. A layer that links out of the project is
/// refused like an unreadable one: its content would be copied into the feature's files.
fn read_layer(path: &str, root: &str, limit: u64) -> Result<Vec<u8>, LayerError> {
    read::read_within(Path::new(path), Path::new(root), limit)
        .map_err(|_| LayerError(format!("Error: failed to read template layer {path}")))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Combines `layer` with `content`, the template composed from the layers below it.
///
/// # Errors
/// A `wrap` layer without `{CORE_TEMPLATE}`.
pub fn compose(strategy: Strategy, layer: &[u8], content: &[u8]) -> Result<Vec<u8>, LayerError> {
    const PLACEHOLDER: &[u8] = b"{CORE_TEMPLATE}";
    Ok(match strategy {
        Strategy::Replace => layer.to_vec(),
        Strategy::Prepend => [layer, b"\n\n", content].concat(),
        Strategy::Append => [content, b"\n\n", layer].concat(),
        Strategy::Wrap => {
            if find(layer, PLACEHOLDER).is_none() {
                return Err(LayerError(
                    "Error: wrap strategy missing {CORE_TEMPLATE} placeholder".to_owned(),
                ));
            }
            let mut out = Vec::with_capacity(layer.len() + content.len());
            let mut rest = layer;
            while let Some(at) = find(rest, PLACEHOLDER) {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(content);
                rest = &rest[at + PLACEHOLDER.len()..];
            }
            out.extend_from_slice(rest);
            out
        }
    })
}

/// The composed text of template `name`, or `None` when nothing provides it.
///
/// # Errors
/// See [`layers`]; also a layer that cannot be read or a stack without a `replace` base.
pub fn resolve_content(name: &str, root: &str) -> Result<Option<Vec<u8>>, LayerError> {
    resolve_content_limited(name, root, read::DEFAULT_LIMIT)
}

/// [`resolve_content`] reading each layer through [`read`] with the size limit of the run
/// (`speckit check` builds the project's schemas from the templates it resolves).
///
/// # Errors
/// As [`resolve_content`]; a layer larger than `limit` cannot be read.
pub fn resolve_content_limited(
    name: &str,
    root: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, LayerError> {
    let stack = layers(name, root)?;
    let Some(top) = stack.first() else {
        return Ok(None);
    };
    if top.strategy == Strategy::Replace {
        return read_layer(&top.path, root, limit).map(Some);
    }
    let Some(base_index) = stack.iter().position(|l| l.strategy == Strategy::Replace) else {
        return Err(LayerError(format!(
            "Error: template '{name}' has composing layers but no replace base"
        )));
    };
    let mut content = read_layer(&stack[base_index].path, root, limit)?;
    for layer in stack[..base_index].iter().rev() {
        let text = read_layer(&layer.path, root, limit)?;
        content = compose(layer.strategy, &text, &content)?;
    }
    Ok(Some(content))
}

/// The file that provides template `name` as a whole, ignoring composition: overrides, then
/// presets' conventional files (`templates/<name>.md`, `<name>.md`), extensions, core.
///
/// # Errors
/// An invalid preset or extension registry.
pub fn resolve_path(name: &str, root: &str) -> Result<Option<String>, LayerError> {
    if !is_valid_name(name) {
        return Ok(None);
    }
    let base = join(root, ".specify/templates");
    let override_path = join(&base, &format!("overrides/{name}.md"));
    if is_file(&override_path) {
        return Ok(Some(override_path));
    }
    let presets_dir = join(root, ".specify/presets");
    if is_dir(&presets_dir) {
        if is_file(join(&presets_dir, ".registry")) {
            for id in preset_ids(&presets_dir)? {
                if let Some(path) = conventional(&join(&presets_dir, &id), name) {
                    return Ok(Some(path));
                }
            }
        } else {
            // Without a registry, presets are taken in directory order; the shell glob that
            // lists them leaves a trailing slash, hence the doubled separator.
            for id in glob_names(Path::new(&presets_dir)) {
                if !is_dir(join(&presets_dir, &id)) {
                    continue;
                }
                if let Some(path) = conventional(&join(&presets_dir, &format!("{id}/")), name) {
                    return Ok(Some(path));
                }
            }
        }
    }
    let ext_dir = join(root, ".specify/extensions");
    if is_dir(&ext_dir) {
        for id in extension_ids(&ext_dir)? {
            if let Some(path) = conventional(&join(&ext_dir, &id), name) {
                return Ok(Some(path));
            }
        }
    }
    let core = join(&base, &format!("{name}.md"));
    Ok(is_file(&core).then_some(core))
}

#[cfg(test)]
mod tests;
