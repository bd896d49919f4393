//! A YAML loader with the value model of PyYAML's `safe_load`, for the small configuration files
//! Spec Kit projects carry (`preset.yml`, `agent-context-config.yml`).
//!
//! Validation in those files turns on value *types* ("`file` must be a string"), and PyYAML
//! resolves plain scalars with the YAML 1.1 rules: `on`, `yes` and `off` are booleans, `0755` is an
//! integer, `2024-01-01` is a date. The parser below reads the event stream of `saphyr-parser` and
//! applies those rules itself, so a manifest is accepted or refused exactly when PyYAML would.
//!
//! The files may come from untrusted pull requests, so loading is bounded where PyYAML is not:
//!
//! - An alias shares the anchored value (an `Arc`), as PyYAML shares the Python object, so loading
//!   costs memory in proportion to the text. But whoever walks the value walks every alias's
//!   copy, and nine lines of nine aliases each stand for 9^9 strings. So each alias charges the
//!   size of what it stands for (nodes plus string bytes) to a budget of ten times the text's
//!   length (at least a million); a document that exceeds it is an error.
//! - Collections may nest [`MAX_DEPTH`] levels, counting the levels an alias brings where it is
//!   used; deeper documents are an error. The loader keeps its own stack instead of recursing,
//!   and the limit keeps the recursive parts of the value (dropping, comparing) far from the end
//!   of any thread's stack. PyYAML's own limit is its recursion limit, about 490 levels.
//! - A repeated key replaces the value in place, found through a hash index, so a mapping loads
//!   in linear time whatever its keys.

use std::collections::HashMap;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

/// How deeply collections may nest.
pub const MAX_DEPTH: usize = 400;

/// Aliases may expand a document to this many times its length in nodes and string bytes ...
const ALIAS_FACTOR: u64 = 10;
/// ... or to this many, for short documents.
const ALIAS_FLOOR: u64 = 1 << 20;

/// A loaded YAML value. Numbers, dates and other non-string scalars keep only their kind: the
/// callers only ever need strings, lists and mappings. Collections are shared, not copied, where
/// the document uses an alias.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Yaml {
    /// `~`, `null` or an empty value.
    Null,
    /// `true`, `yes`, `on` and their negatives.
    Bool(bool),
    /// Any other non-string scalar: integers, floats, dates.
    Number,
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Arc<[Yaml]>),
    /// A mapping, in document order, each key once: a repeated key keeps its last value in its
    /// first position, as a Python dict does. Keys are scalars (PyYAML refuses collections as
    /// unhashable); numeric keys count as one key, since numbers keep no value.
    Map(Arc<[(Yaml, Yaml)]>),
}

impl Yaml {
    /// The value of the string key `key`, if this is a mapping that has it.
    ///
    /// A linear scan: keys are unique, and callers look up a fixed handful of keys in each
    /// mapping, so the lookups of a whole validation stay linear in the document.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Yaml::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string inside, if this is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a YAML text could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    message: String,
}

impl YamlError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// Loads the single document of `text`; an empty stream is `Null`.
///
/// # Errors
/// A syntax error, more than one document, an unknown tag, an undefined alias, a collection used
/// as a key, a scalar PyYAML cannot construct (`=`), nesting deeper than [`MAX_DEPTH`], or
/// aliases that expand the document more than tenfold.
pub fn load(text: &str) -> Result<Yaml, YamlError> {
    let length = u64::try_from(text.len()).unwrap_or(u64::MAX);
    let mut loader = Loader {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        budget: length.saturating_mul(ALIAS_FACTOR).max(ALIAS_FLOOR),
    };
    let mut document: Option<Yaml> = None;
    loop {
        let event = loader.next()?;
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                if document.is_some() {
                    return Err(YamlError::new(
                        "expected a single document in the stream, but found another document",
                    ));
                }
                document = Some(loader.document()?);
            }
            other => {
                return Err(YamlError::new(format!("unexpected YAML event {other:?}")));
            }
        }
    }
    Ok(document.unwrap_or(Yaml::Null))
}

/// A finished value with what it costs to walk: its nodes and string bytes, aliases expanded,
/// and how many levels of collections it holds.
#[derive(Clone)]
struct Node {
    value: Yaml,
    cost: u64,
    height: usize,
}

/// A collection whose end has not been read yet.
struct Open {
    anchor: usize,
    kind: OpenKind,
    cost: u64,
    height: usize,
}

enum OpenKind {
    Seq(Vec<Yaml>),
    Map {
        entries: Vec<(Yaml, Yaml)>,
        /// Where each key sits in `entries`.
        index: HashMap<Yaml, usize>,
        /// The key read, whose value comes next.
        key: Option<Yaml>,
    },
}

impl Open {
    fn new(anchor: usize, kind: OpenKind) -> Self {
        Self {
            anchor,
            kind,
            cost: 1,
            height: 1,
        }
    }

    fn add(&mut self, node: Node) -> Result<(), YamlError> {
        self.cost = self.cost.saturating_add(node.cost);
        self.height = self.height.max(node.height + 1);
        match &mut self.kind {
            OpenKind::Seq(items) => items.push(node.value),
            OpenKind::Map {
                entries,
                index,
                key,
            } => match key.take() {
                None => {
                    if matches!(node.value, Yaml::Seq(_) | Yaml::Map(_)) {
                        return Err(YamlError::new(
                            "while constructing a mapping, found unhashable key",
                        ));
                    }
                    *key = Some(node.value);
                }
                Some(key) => match index.get(&key) {
                    Some(&at) => {
                        if let Some(entry) = entries.get_mut(at) {
                            entry.1 = node.value;
                        }
                    }
                    None => {
                        index.insert(key.clone(), entries.len());
                        entries.push((key, node.value));
                    }
                },
            },
        }
        Ok(())
    }

    fn close(self, end: &Event<'_>) -> Result<(usize, Node), YamlError> {
        let value = match (self.kind, end) {
            (OpenKind::Seq(items), Event::SequenceEnd) => Yaml::Seq(items.into()),
            (OpenKind::Map { entries, key, .. }, Event::MappingEnd) if key.is_none() => {
                Yaml::Map(entries.into())
            }
            _ => return Err(YamlError::new(format!("unexpected YAML event {end:?}"))),
        };
        let node = Node {
            value,
            cost: self.cost,
            height: self.height,
        };
        Ok((self.anchor, node))
    }
}

struct Loader<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    anchors: HashMap<usize, Node>,
    /// What aliases may still expand to, in nodes and string bytes.
    budget: u64,
}

impl<'a> Loader<'a> {
    fn next(&mut self) -> Result<Event<'a>, YamlError> {
        match self.parser.next_event() {
            Some(Ok((event, _span))) => Ok(event),
            Some(Err(error)) => Err(YamlError::new(error.to_string())),
            None => Ok(Event::StreamEnd),
        }
    }

    /// Reads the events of one document's root node, keeping the open collections on a stack.
    fn document(&mut self) -> Result<Yaml, YamlError> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            let (anchor, node) = match self.next()? {
                Event::Scalar(text, style, anchor, tag) => {
                    let value = scalar(&text, style, tag.as_deref())?;
                    let cost = u64::try_from(text.len())
                        .unwrap_or(u64::MAX)
                        .saturating_add(1);
                    let node = Node {
                        value,
                        cost,
                        height: 0,
                    };
                    (anchor, node)
                }
                Event::Alias(id) => {
                    let node = self
                        .anchors
                        .get(&id)
                        .ok_or_else(|| YamlError::new("found undefined alias"))?;
                    if open.len() + node.height > MAX_DEPTH {
                        return Err(too_deep());
                    }
                    self.budget = self.budget.checked_sub(node.cost).ok_or_else(|| {
                        YamlError::new(
                            "aliases expand the document to more than ten times its size",
                        )
                    })?;
                    (0, node.clone())
                }
                Event::SequenceStart(anchor, tag) => {
                    check_collection_tag(tag.as_deref())?;
                    if open.len() >= MAX_DEPTH {
                        return Err(too_deep());
                    }
                    open.push(Open::new(anchor, OpenKind::Seq(Vec::new())));
                    continue;
                }
                Event::MappingStart(anchor, tag) => {
                    check_collection_tag(tag.as_deref())?;
                    if open.len() >= MAX_DEPTH {
                        return Err(too_deep());
                    }
                    let kind = OpenKind::Map {
                        entries: Vec::new(),
                        index: HashMap::new(),
                        key: None,
                    };
                    open.push(Open::new(anchor, kind));
                    continue;
                }
                end @ (Event::SequenceEnd | Event::MappingEnd) => match open.pop() {
                    Some(collection) => collection.close(&end)?,
                    None => return Err(YamlError::new(format!("unexpected YAML event {end:?}"))),
                },
                other => return Err(YamlError::new(format!("unexpected YAML event {other:?}"))),
            };
            if anchor != 0 {
                self.anchors.insert(anchor, node.clone());
            }
            match open.last_mut() {
                Some(parent) => parent.add(node)?,
                None => return Ok(node.value),
            }
        }
    }
}

fn too_deep() -> YamlError {
    YamlError::new(format!(
        "collections nest more than {MAX_DEPTH} levels deep"
    ))
}

fn is_core_tag(tag: &Tag) -> bool {
    tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!"
}

fn check_collection_tag(tag: Option<&Tag>) -> Result<(), YamlError> {
    match tag {
        None => Ok(()),
        Some(tag)
            if is_core_tag(tag)
                && matches!(
                    tag.suffix.as_str(),
                    "seq" | "map" | "omap" | "pairs" | "set"
                ) =>
        {
            Ok(())
        }
        Some(tag) => Err(YamlError::new(format!(
            "could not determine a constructor for the tag '{}{}'",
            tag.handle, tag.suffix
        ))),
    }
}

fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Yaml, YamlError> {
    if let Some(tag) = tag {
        if !is_core_tag(tag) {
            return Err(YamlError::new(format!(
                "could not determine a constructor for the tag '{}{}'",
                tag.handle, tag.suffix
            )));
        }
        return Ok(match tag.suffix.as_str() {
            "str" => Yaml::Str(text.to_owned()),
            "null" => Yaml::Null,
            "bool" => Yaml::Bool(matches!(
                text,
                "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON"
            )),
            _ => Yaml::Number,
        });
    }
    if style != ScalarStyle::Plain {
        return Ok(Yaml::Str(text.to_owned()));
    }
    resolve_plain(text)
}

/// Resolves a plain scalar with PyYAML's YAML 1.1 implicit resolvers.
fn resolve_plain(text: &str) -> Result<Yaml, YamlError> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Yaml::Null),
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Ok(Yaml::Bool(true));
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Ok(Yaml::Bool(false));
        }
        "=" => {
            return Err(YamlError::new(
                "could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
            ));
        }
        _ => {}
    }
    if is_yaml11_int(text) || is_yaml11_float(text) || is_yaml11_timestamp(text) {
        return Ok(Yaml::Number);
    }
    Ok(Yaml::Str(text.to_owned()))
}

fn strip_sign(text: &str) -> &str {
    text.strip_prefix(['-', '+']).unwrap_or(text)
}

fn all_of(text: &str, allowed: impl Fn(u8) -> bool) -> bool {
    !text.is_empty() && text.bytes().all(allowed)
}

/// `(:[0-5]?[0-9])+` — the sexagesimal tail of YAML 1.1 numbers like `1:30:00`.
fn is_sexagesimal_tail(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(':') else {
        return false;
    };
    rest.split(':').all(|part| match part.as_bytes() {
        [d] => d.is_ascii_digit(),
        [a, b] => (b'0'..=b'5').contains(a) && b.is_ascii_digit(),
        _ => false,
    })
}

fn is_yaml11_int(text: &str) -> bool {
    let body = strip_sign(text);
    if let Some(bin) = body.strip_prefix("0b") {
        return all_of(bin, |b| matches!(b, b'0' | b'1' | b'_'));
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return all_of(hex, |b| b.is_ascii_hexdigit() || b == b'_');
    }
    if body == "0" {
        return true;
    }
    if let Some(oct) = body.strip_prefix('0') {
        return all_of(oct, |b| matches!(b, b'0'..=b'7' | b'_'));
    }
    let digits_end = body
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'_'))
        .unwrap_or(body.len());
    let (head, tail) = body.split_at(digits_end);
    if head.is_empty() || !head.as_bytes()[0].is_ascii_digit() || head.starts_with('0') {
        return false;
    }
    tail.is_empty() || is_sexagesimal_tail(tail)
}

fn is_exponent(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['e', 'E']) else {
        return false;
    };
    let Some(digits) = rest.strip_prefix(['-', '+']) else {
        return false;
    };
    all_of(digits, |b| b.is_ascii_digit())
}

/// `[0-9_]*` followed by an optional exponent.
fn is_fraction(text: &str) -> bool {
    let end = text
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'_'))
        .unwrap_or(text.len());
    let rest = &text[end..];
    rest.is_empty() || is_exponent(rest)
}

fn is_yaml11_float(text: &str) -> bool {
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    if let Some(frac) = text.strip_prefix('.') {
        // `\.[0-9][0-9_]*` with an optional exponent; no sign allowed here.
        if frac.as_bytes().first().is_some_and(u8::is_ascii_digit) && is_fraction(frac) {
            return true;
        }
    }
    let body = strip_sign(text);
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let Some(first) = body.as_bytes().first() else {
        return false;
    };
    if !first.is_ascii_digit() {
        return false;
    }
    let int_end = body
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'_'))
        .unwrap_or(body.len());
    let rest = &body[int_end..];
    if let Some(frac) = rest.strip_prefix('.') {
        return is_fraction(frac);
    }
    // Sexagesimal floats: `[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`.
    if rest.starts_with(':')
        && let Some(dot) = rest.find('.')
    {
        let (sexa, frac) = rest.split_at(dot);
        return is_sexagesimal_tail(sexa) && all_of_or_empty(&frac[1..]);
    }
    false
}

fn all_of_or_empty(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

fn digits(text: &str, min: usize, max: usize) -> Option<&str> {
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(text.len());
    (min..=max).contains(&end).then(|| &text[end..])
}

fn is_yaml11_timestamp(text: &str) -> bool {
    let date_rest = (|| {
        let rest = digits(text, 4, 4)?;
        let rest = digits(rest.strip_prefix('-')?, 1, 2)?;
        digits(rest.strip_prefix('-')?, 1, 2)
    })();
    let Some(rest) = date_rest else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let time = if let Some(t) = rest.strip_prefix(['T', 't']) {
        t
    } else {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.len() == rest.len() {
            return false;
        }
        trimmed
    };
    let parsed = (|| {
        let rest = digits(time, 1, 2)?;
        let rest = digits(rest.strip_prefix(':')?, 2, 2)?;
        let mut rest = digits(rest.strip_prefix(':')?, 2, 2)?;
        if let Some(frac) = rest.strip_prefix('.') {
            rest = digits(frac, 0, usize::MAX)?;
        }
        let rest = rest.trim_start_matches([' ', '\t']);
        if rest.is_empty() || rest == "Z" {
            return Some(true);
        }
        let zone = rest.strip_prefix(['-', '+'])?;
        let zone = digits(zone, 1, 2)?;
        if zone.is_empty() {
            return Some(true);
        }
        let zone = digits(zone.strip_prefix(':')?, 2, 2)?;
        Some(zone.is_empty())
    })();
    parsed == Some(true)
}

#[cfg(test)]
mod tests;
