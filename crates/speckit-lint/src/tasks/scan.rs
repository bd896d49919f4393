//! The small grammars inside a task's text: the bracketed labels after an ID, dependency notes
//! ("depends on T012, T013") and the file paths a description names. Task IDs and story labels
//! themselves are read by [`crate::ids`], the one grammar of IDs.
//!
//! Everything works on byte offsets into one string and never panics: slicing goes through
//! `get`, and every scanner advances by whole characters.

use crate::ids::{self, Id, TaskId};

/// A task ID where it is written: its byte range in the scanned text and the ID itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParsedId {
    /// Byte offset of the ID's first character in the scanned text.
    pub(crate) start: usize,
    /// Byte offset after the ID.
    pub(crate) end: usize,
    pub(crate) key: TaskId,
}

/// The task ID starting exactly at `start` in `text`, in the grammar of [`ids::task_at`].
pub(crate) fn id_at(text: &str, start: usize) -> Option<ParsedId> {
    let (key, end) = ids::task_at(text, start)?;
    Some(ParsedId { start, end, key })
}

/// Every task ID in `text`, in order, with ranges (`T019-T023`, `T019–T023`, `T019..T023`)
/// expanded to the IDs between their ends that `known` accepts. An expansion is capped, so a
/// typo such as `T001-T999999` costs no more than a short range.
pub(crate) fn ids_in(text: &str, known: &dyn Fn(&TaskId) -> bool) -> Vec<ParsedId> {
    const MAX_RANGE: u64 = 500;
    let mut out: Vec<ParsedId> = Vec::new();
    let mut offset = 0;
    while offset < text.len() {
        let Some(id) = id_at(text, offset) else {
            offset += char_len_at(text, offset);
            continue;
        };
        offset = id.end;
        let range_end = range_separator(text, id.end).and_then(|after| id_at(text, after));
        match range_end {
            Some(last)
                if last.key.comparable(&id.key)
                    && id.key.is_plain()
                    && last.key.is_plain()
                    && last.key.number() > id.key.number()
                    && last.key.number() - id.key.number() <= MAX_RANGE =>
            {
                offset = last.end;
                for number in id.key.number()..=last.key.number() {
                    let key = id.key.with_number(number);
                    let endpoint = number == id.key.number() || number == last.key.number();
                    if endpoint || known(&key) {
                        out.push(ParsedId {
                            start: id.start,
                            end: last.end,
                            key,
                        });
                    }
                }
            }
            _ => out.push(id),
        }
    }
    out
}

/// The offset after a range separator (`-`, `–`, `—`, `..`, ` to `) at `offset`, if there is one.
fn range_separator(text: &str, offset: usize) -> Option<usize> {
    let rest = text.get(offset..)?;
    ["-", "–", "—", "..", " - ", " – ", " to "]
        .iter()
        .filter(|sep| rest.starts_with(**sep))
        .map(|sep| offset + sep.len())
        .max()
}

fn char_len_at(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

/// A bracketed label after a task's ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// `[` to `]`, as offsets in the scanned text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: LabelKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// `[P]`: may run in parallel.
    Parallel,
    /// `[US1]`, `[US1a]`, `[US2.1]`, `[US1+US2]`: the stories the task serves.
    Stories(Vec<Id>),
    /// Anything else (`[P1]`, `[All]`, `[Setup]`): kept, not interpreted.
    Other,
}

/// The labels at the start of `text` (after an ID), and the offset where the description
/// begins.
pub(crate) fn labels(text: &str) -> (Vec<Label>, usize) {
    let mut labels = Vec::new();
    let mut offset = skip_spaces(text, 0);
    while text.get(offset..).is_some_and(|rest| rest.starts_with('[')) {
        let Some(close) = text
            .get(offset..)
            .and_then(|rest| rest.find(']'))
            .map(|i| offset + i)
        else {
            break;
        };
        let inner = text.get(offset + 1..close).unwrap_or("").trim();
        if inner.is_empty() || inner.chars().count() > 40 || inner.contains('[') {
            break;
        }
        // `[link text](url)` is a link, not a label.
        if text
            .get(close + 1..)
            .is_some_and(|rest| rest.starts_with('('))
        {
            break;
        }
        labels.push(Label {
            start: offset,
            end: close + 1,
            kind: label_kind(inner),
        });
        offset = skip_spaces(text, close + 1);
    }
    (labels, offset)
}

fn skip_spaces(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    offset + (rest.len() - rest.trim_start().len())
}

fn label_kind(inner: &str) -> LabelKind {
    if inner == "P" || inner == "p" {
        return LabelKind::Parallel;
    }
    ids::story_label(inner).map_or(LabelKind::Other, LabelKind::Stories)
}

/// A dependency note: the IDs a task says it depends on, with their ranges in the scanned text.
///
/// Recognised: the phrases "depends on", "depend on", "dependent on", "blocked by", "requires
/// task", "after task", "dépend de", "depende de", "依赖", "의존", and the labels
/// "Dependencies:", "Depends:", "Dependencias:", "Dependências:", "Dépendances:" (emphasis
/// around the label allowed), each followed by a list of IDs up to the end of the clause (a
/// closing parenthesis, a full stop, a semicolon, an em dash or the end of the line). A phrase
/// after "no", "not", "without" ("no dependency on T002") names no dependency.
pub(crate) fn dependency_ids(text: &str, known: &dyn Fn(&TaskId) -> bool) -> Vec<ParsedId> {
    const PHRASES: &[&str] = &[
        "depends on",
        "depend on",
        "dependent on",
        "dependency on",
        "dependencies on",
        "blocked by",
        "requires task",
        "after task",
        "dépend de",
        "dépend du",
        "depende de",
        "dependem de",
        "依赖",
        "依存",
        "의존",
    ];
    const LABELS: &[&str] = &[
        "dependencies",
        "dependency",
        "depends",
        "dependencias",
        "dependencia",
        "dependências",
        "dependência",
        "dépendances",
        "dépendance",
    ];
    // ASCII lowercasing keeps byte offsets, so ranges found in it hold for `text`.
    let lower = text.to_ascii_lowercase();
    // Every phrase and label above contains one of these stems: a text without any holds no
    // note, and most task descriptions can be passed over without trying each phrase.
    const STEMS: &[&str] = &[
        "depend",
        "dépend",
        "blocked by",
        "requires task",
        "after task",
        "依赖",
        "依存",
        "의존",
    ];
    if !STEMS.iter().any(|stem| lower.contains(stem)) {
        return Vec::new();
    }
    let mut found: Vec<ParsedId> = Vec::new();
    let mut offset = 0;
    while offset < lower.len() {
        let rest = lower.get(offset..).unwrap_or("");
        let after_phrase = PHRASES
            .iter()
            .find(|p| rest.starts_with(**p))
            .map(|p| offset + p.len())
            .or_else(|| {
                LABELS
                    .iter()
                    .filter(|label| rest.starts_with(**label))
                    .find_map(|label| label_colon(&lower, offset + label.len()))
            });
        let Some(clause_start) = after_phrase.filter(|_| !negated(&lower, offset)) else {
            offset += char_len_at(&lower, offset);
            continue;
        };
        let clause_end = clause_end(text, clause_start);
        if let Some(clause) = text.get(clause_start..clause_end) {
            found.extend(ids_in(clause, known).into_iter().map(|id| ParsedId {
                start: id.start + clause_start,
                end: id.end + clause_start,
                key: id.key,
            }));
        }
        offset = clause_end.max(clause_start);
    }
    found
}

/// The offset after the colon that makes a word a label (`Dependencies:`, `**Dependencias**:`).
fn label_colon(text: &str, offset: usize) -> Option<usize> {
    let rest = text.get(offset..)?;
    let after_emphasis = rest.trim_start_matches(['*', '_', ' ']);
    let skipped = rest.len() - after_emphasis.len();
    after_emphasis
        .strip_prefix(':')
        .or_else(|| after_emphasis.strip_prefix('：'))
        .map(|after| offset + skipped + (after_emphasis.len() - after.len()))
}

/// Whether the word before `offset` negates what follows ("no dependency on").
fn negated(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or("").trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "no" | "not" | "without" | "sin" | "sans" | "sem" | "independent"
    )
}

/// Where the clause starting at `start` ends: at an unmatched `)`, a `.`, `;` or `!` followed
/// by a space or the end, an em dash, or the end of the line.
fn clause_end(text: &str, start: usize) -> usize {
    let mut depth = 0usize;
    let rest = text.get(start..).unwrap_or("");
    let mut chars = rest.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\n' | '—' | ';' => return start + index,
            '(' => depth += 1,
            ')' if depth == 0 => return start + index,
            ')' => depth -= 1,
            '.' | '!' if next.is_none_or(char::is_whitespace) => return start + index,
            _ => {}
        }
    }
    start + rest.len()
}

/// The file paths `text` names: tokens with a file extension that contain a `/`, or bare file
/// names with a well-known extension. URLs, routes without an extension, directories and
/// version numbers are not paths. Each comes with whether it is named as a source the task
/// reads, not a file it changes: after a word such as "from", "per", "see", "e.g." or "depuis"
/// (until a word naming a target, "in", "into", "to", or a verb of writing), and, in a task
/// that only reads (`reading`: "Verify ...", "Run the tests in ..."), until a verb of writing
/// ("... and document the result in x").
pub(crate) fn file_paths(text: &str, reading: bool) -> Vec<(String, bool)> {
    const SOURCE_WORDS: &[&str] = &[
        "from",
        "per",
        "see",
        "against",
        "like",
        "following",
        "mirroring",
        "e.g",
        "eg",
        "example",
        "depuis",
        "desde",
        "cf",
    ];
    // Words after which a path is where the work lands: they end a source clause.
    const TARGET_WORDS: &[&str] = &[
        "in", "into", "to", "dans", "vers", "en", "em", "para", "nach",
    ];
    let mut paths: Vec<(String, bool)> = Vec::new();
    let mut reads = reading;
    let mut source_clause = false;
    // Parentheses inside a path are part of it (`app/(auth)/layout.tsx`, a route group); those
    // around it are prose (`(see src/lib.rs)`), so only unmatched ones are trimmed.
    for raw in text.split(|c: char| c.is_whitespace() || ",;<>\"'|".contains(c)) {
        let raw = trim_unmatched_parentheses(raw);
        if raw.is_empty() {
            continue;
        }
        let quoted = raw.contains('`');
        let token = raw
            .trim_matches(|c: char| matches!(c, '`' | '*' | '[' | ']' | '{' | '}'))
            .trim_end_matches(['.', ':', '!', '?']);
        // `src/lib.rs:42` names a line of a file.
        let token = match token.rsplit_once(':') {
            Some((path, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
                path
            }
            _ => token,
        };
        let token = token.strip_prefix("./").unwrap_or(token);
        if let Some(path) = as_file_path(token, quoted) {
            let source = reads || source_clause;
            match paths.iter_mut().find(|(known, _)| *known == path) {
                // A file named once as a source and once as a target is changed.
                Some(entry) => entry.1 &= source,
                None => paths.push((path, source)),
            }
            continue;
        }
        let word = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if SOURCE_WORDS.contains(&word.as_str()) {
            source_clause = true;
        } else if is_writing_verb(&word) {
            reads = false;
            source_clause = false;
        } else if TARGET_WORDS.contains(&word.as_str()) {
            source_clause = false;
        }
    }
    paths
}

/// Verbs that open a task which only reads the files it names: it checks, reviews or runs
/// them, so two such tasks never compete for a file.
const READING_VERBS: &[&str] = &[
    "verify",
    "check",
    "review",
    "audit",
    "confirm",
    "validate",
    "inspect",
    "run",
    "measure",
    "benchmark",
    "vérifier",
    "valider",
    "contrôler",
    "relire",
    "auditer",
    "exécuter",
    "lancer",
    "confirmer",
    "verificar",
    "revisar",
    "comprobar",
    "validar",
    "confirmar",
    "ejecutar",
    "auditar",
    "executar",
    "rodar",
    "conferir",
    "prüfen",
    "überprüfen",
    "verifizieren",
    "validieren",
    "ausführen",
    "verificare",
    "controllare",
    "validare",
    "eseguire",
];

/// The same in scripts written without spaces between words, matched as a prefix.
const READING_PREFIXES: &[&str] = &[
    "验证",
    "检查",
    "确认",
    "审查",
    "运行",
    "驗證",
    "檢查",
    "確認",
    "検証",
    "レビュー",
    "검증",
    "확인",
];

/// Verbs that make a task write the file named after them.
const WRITING_VERBS: &[&str] = &[
    "create",
    "add",
    "update",
    "write",
    "implement",
    "document",
    "record",
    "fix",
    "modify",
    "edit",
    "refactor",
    "remove",
    "delete",
    "rename",
    "move",
    "generate",
    "append",
    "replace",
    "extract",
    "migrate",
    "change",
    "insert",
    "log",
    "créer",
    "ajouter",
    "écrire",
    "implémenter",
    "documenter",
    "modifier",
    "supprimer",
    "corriger",
    "crear",
    "añadir",
    "agregar",
    "actualizar",
    "escribir",
    "implementar",
    "documentar",
    "modificar",
    "eliminar",
    "criar",
    "adicionar",
    "atualizar",
    "escrever",
    "remover",
    "corrigir",
    "erstellen",
    "hinzufügen",
    "aktualisieren",
    "schreiben",
    "implementieren",
    "dokumentieren",
];

fn is_writing_verb(word: &str) -> bool {
    WRITING_VERBS.contains(&word)
}

/// Whether a task's description (its text after the ID and labels) opens with a verb of
/// reading: "Verify the login flow in src/auth.ts", "Run the tests in tests/api/".
pub(crate) fn only_reads(description: &str) -> bool {
    let first = description
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    READING_VERBS.contains(&first.as_str())
        || READING_PREFIXES
            .iter()
            .any(|prefix| description.trim_start().starts_with(prefix))
}

/// `token` without the parentheses at its ends that close or open nothing inside it.
fn trim_unmatched_parentheses(mut token: &str) -> &str {
    loop {
        let opened = token.matches('(').count();
        let closed = token.matches(')').count();
        if opened > closed && token.starts_with('(') {
            token = &token[1..];
        } else if closed > opened && token.ends_with(')') {
            token = &token[..token.len() - 1];
        } else if opened == closed && token.starts_with('(') && token.ends_with(')') {
            token = &token[1..token.len() - 1];
        } else {
            return token;
        }
    }
}

fn as_file_path(token: &str, quoted: bool) -> Option<String> {
    if token.len() < 3 || token.contains("://") || token.contains('=') || token.starts_with('@') {
        return None;
    }
    let normalized = token.replace('\\', "/");
    let name = normalized.rsplit('/').next().unwrap_or(&normalized);
    let (stem, extension) = name.rsplit_once('.')?;
    if stem.is_empty() && !normalized.contains('/') {
        return None;
    }
    let extension_ok = !extension.is_empty()
        && extension.len() <= 10
        && extension.chars().all(|c| c.is_ascii_alphanumeric())
        && extension.chars().any(|c| c.is_ascii_alphabetic());
    if !extension_ok {
        return None;
    }
    let has_dir = normalized.contains('/');
    let known = KNOWN_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str());
    if !has_dir && !known {
        return None;
    }
    // `Node.js`, `Vue.js`, `Next.js` in prose are products, not files.
    if !has_dir && !quoted && stem.starts_with(|c: char| c.is_uppercase()) && extension == "js" {
        return None;
    }
    Some(normalized)
}

/// Extensions that make a bare word (no folder) a file name.
const KNOWN_EXTENSIONS: &[&str] = &[
    "c", "cc", "cfg", "conf", "cpp", "cs", "css", "csv", "dart", "env", "ex", "exs", "go",
    "gradle", "graphql", "h", "hpp", "htm", "html", "ini", "java", "js", "json", "jsx", "kt",
    "kts", "lock", "lua", "md", "mdx", "mjs", "php", "plist", "proto", "ps1", "py", "rb", "rs",
    "sass", "scss", "sh", "sql", "svelte", "swift", "toml", "ts", "tsx", "txt", "vue", "xml",
    "yaml", "yml",
];
