//! The template is the schema.
//!
//! A [`Schema`] is derived from a template by parsing it with the same document model used for
//! the documents written from it. Its headings are the expected sections (optional where the
//! template's own text says "fill only if", "optional", "remove if unused"...); its bracketed
//! slots, example table rows, guidance comments, choice lists and prompt labels are the text that
//! must not survive into a finished document. A project's customised template therefore
//! validates that project's plans with no code and no configuration.

use std::collections::HashSet;

use speckit_doc::placeholder::{classify_bracket, is_story_tag};
use speckit_doc::{Document, TextRange, key};

/// Phrases in a section's heading, own text or guidance comment that make the section
/// optional: the template keeps it for some features only.
const OPTIONAL_PHRASES: &[&str] = &[
    "fill only if",
    "fill in only if",
    "optional",
    "remove if unused",
    "remove if not",
    "delete if",
    "if applicable",
    "when applicable",
    "use this section when",
    "include if",
    "include when",
    "include only",
    "required when",
    "required if",
    "required only",
    "(if any)",
    // The same in the other languages of `speckit_doc::key`'s table.
    "opcional",
    "facultatif",
    "facultativo",
    "opzionale",
    "необязательн",
    "可选",
    "可選",
    "(任意)",
    "（任意）",
    "선택 사항",
    // "include if", "if applicable", "when needed" in the same languages.
    "incluir si",
    "si aplica",
    "se aplicável",
    "incluir se",
    "si applicable",
    "falls zutreffend",
    "se applicabile",
    "если применимо",
    "при необходимости",
    "如适用",
    "如適用",
    "如果涉及",
    "場合に含める",
    "該当する場合",
    "해당하는 경우",
    // "Fill only if" in the same languages.
    "rellenar solo",
    "rellene solo",
    "completar solo si",
    "preencher somente",
    "preencha somente",
    "preencher apenas",
    "preencha apenas",
    "remplir uniquement",
    "ne remplir que",
    "nur ausfüllen",
    "compilare solo",
    "заполнять только",
    "заполняйте только",
    "时填写",
    "時填寫",
    "时才填写",
    "のみ記入",
    "에만 작성",
    "에만 기입",
];

/// Conditions that make a section optional when the heading or the guidance comment under it
/// states them (`### API Contracts (only for features with a public API)`); in a section's prose
/// they are as likely to qualify something else ("use mocks only for external services").
const CONDITION_PHRASES: &[&str] = &[
    "only if",
    "only when",
    "only for",
    "required for",
    "mandatory for",
    // The same in the other languages of `speckit_doc::key`'s table.
    "solo si",
    "sólo si",
    "solo para",
    "obligatorio para",
    "somente se",
    "apenas se",
    "somente para",
    "apenas para",
    "obrigatório para",
    "uniquement si",
    "seulement si",
    "uniquement pour",
    "obligatoire pour",
    "nur wenn",
    "nur falls",
    "nur für",
    "pflicht für",
    "solo se",
    "solo per",
    "obbligatorio per",
    "только если",
    "только для",
    "только при",
    "обязательно для",
    "仅在",
    "仅当",
    "仅适用于",
    "僅在",
    "僅當",
    "場合のみ",
    "경우에만",
];

/// The word with which a template marks the sections every document must have. Once a
/// template marks some of its top-level sections so, the unmarked ones are optional.
const MANDATORY_MARK: &str = "mandatory";

/// What a template expects of the documents written from it.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    /// Expected sections in template order.
    pub sections: Vec<SchemaSection>,
    /// Bracketed text the template uses as slots (`Gate name`, `link to spec.md`), normalised.
    slots: HashSet<String>,
    /// Slot tokens found inside the template's code spans (`[###-feature-branch]`, `<EPIC-ID>`).
    code_tokens: Vec<String>,
    /// Inline HTML the template uses as slots outside code (`<service-name>`).
    angle_tokens: HashSet<String>,
    /// Example table rows (cells normalised and joined by `|`).
    example_rows: HashSet<String>,
    /// Guidance comments, normalised.
    comments: HashSet<String>,
    /// Every non-blank line, normalised.
    lines: HashSet<String>,
    /// Choice lists left for the writer to pick from (`Proposed/In Review/Accepted`), normalised.
    choices: HashSet<String>,
    /// Keys of the template's field labels.
    labels: HashSet<String>,
    /// Keys of sections that offer `Option N` layouts to choose from.
    option_sections: Vec<String>,
    /// The key of the template's title before its first slot (`feature specification` for
    /// `# Feature Specification: [FEATURE NAME]`), when it has words of its own.
    title_key: Option<String>,
}

/// An expected section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaSection {
    /// Normalised key (see [`speckit_doc::key::key`]).
    pub key: String,
    /// The key without the heading's trailing parenthetical (`source code` for `Source Code
    /// (repository root)`), which the writer may reword.
    pub base_key: String,
    /// The heading as the template writes it.
    pub title: String,
    /// Heading level in the template.
    pub level: u8,
    /// Whether the template says the section may be left out.
    pub optional: bool,
    /// What the section holds in the template, by which a document is seen to have written it
    /// under a heading of its own.
    pub substance: Substance,
}

/// The content that makes a template section what it is, whatever its heading: the fields it
/// asks for, the file trees it draws, the IDs it defines. A plan that fills `**Language/
/// Version**:` and `**Storage**:` under `## Stack` has written the Technical Context; a spec
/// that numbers `FR-001` under `## Scope` has written its requirements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Substance {
    /// Keys of the field labels the section asks for (`language version`, `storage`), slots
    /// left out.
    pub labels: Vec<String>,
    /// The kinds of file tree the section draws.
    pub trees: Vec<Tree>,
    /// The bold words the section's lines are written with, lowercased (`given`, `when`,
    /// `then` of the acceptance scenarios); kept when there are two or more.
    pub terms: Vec<String>,
    /// The section's text, from which the ID grammar reads the IDs it defines.
    pub text: String,
}

/// A file tree drawn in a code block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tree {
    /// The feature's own documents (`plan.md`, `research.md`, `tasks.md`).
    Documents,
    /// The project's source layout.
    Sources,
}

/// The file tree a code block draws, if it draws one: lines with tree glyphs (`├──`, `└──`), or
/// three or more lines naming folders (`src/`, `  models/`).
#[must_use]
pub fn tree_in(code: &str) -> Option<Tree> {
    let lines = || {
        code.split(['\n', '\r'])
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("```") && !l.starts_with("~~~"))
    };
    let glyphs = lines().any(|line| {
        line.starts_with(['├', '└', '│']) || line.contains("├──") || line.contains("└──")
    });
    let folders = lines()
        .filter(|line| {
            line.split_whitespace()
                .next()
                .is_some_and(|word| word.ends_with('/') && word.len() > 1)
        })
        .count();
    if !glyphs && folders < 3 {
        return None;
    }
    let documents = [
        "spec.md",
        "tasks.md",
        "research.md",
        "data-model.md",
        "quickstart.md",
    ];
    if code.contains("plan.md") && documents.iter().any(|name| code.contains(name)) {
        Some(Tree::Documents)
    } else {
        Some(Tree::Sources)
    }
}

impl Schema {
    /// Whether `document` is titled the way the template titles its documents
    /// (`# Feature Specification: Export` for `# Feature Specification: [FEATURE NAME]`): it
    /// was written from this template, whatever became of its sections.
    #[must_use]
    pub fn titles(&self, document: &Document) -> bool {
        let Some(wanted) = &self.title_key else {
            return false;
        };
        document
            .headings
            .iter()
            .find(|h| h.level == 1)
            .is_some_and(|h| key::keys_match(wanted, &h.key) && h.key.starts_with(wanted.as_str()))
    }

    /// Derives the schema of `template`.
    #[must_use]
    pub fn derive(template: &Document) -> Self {
        let mut schema = Self::default();
        schema.derive_sections(template);
        schema.derive_slots(template);
        schema.derive_tables(template);
        schema.derive_fields(template);
        schema.comments = template
            .comments
            .iter()
            .filter(|comment| !template.markers.iter().any(|m| m.range == comment.range))
            .map(|comment| normalize(template.slice(comment.content)))
            .filter(|text| !text.is_empty())
            .collect();
        schema.lines = template
            .text()
            .lines()
            .map(normalize)
            .filter(|line| !line.is_empty())
            .collect();
        schema
    }

    fn derive_sections(&mut self, template: &Document) {
        let has_title = template.headings.iter().any(|h| h.level == 1);
        self.title_key = template
            .headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| {
                let title = template.slice(h.title);
                let fixed = title.split(['[', '{', '<']).next().unwrap_or_default();
                key::key(fixed)
            })
            .filter(|key| !key.is_empty());
        let top = if has_title {
            2
        } else {
            template.headings.iter().map(|h| h.level).min().unwrap_or(1)
        };
        let marks_mandatory = template
            .headings
            .iter()
            .any(|h| h.level == top && h.key.split(' ').any(|word| word == MANDATORY_MARK));
        let mut optional_by_section = vec![false; template.sections.len()];
        for (index, section) in template.sections.iter().enumerate().skip(1) {
            let Some(heading) = section.heading.and_then(|h| template.headings.get(h)) else {
                continue;
            };
            let title = template.slice(heading.title);
            let lower_title = title.to_lowercase();
            let parent_optional = section
                .parent
                .is_some_and(|parent| optional_by_section[parent]);
            let unmarked = marks_mandatory
                && heading.level == top
                && !heading.key.split(' ').any(|word| word == MANDATORY_MARK);
            // The title's own text is the document's header, not a section's condition.
            let optional = parent_optional
                || unmarked
                || heading.key.contains("template")
                || OPTIONAL_PHRASES
                    .iter()
                    .chain(CONDITION_PHRASES)
                    .any(|phrase| lower_title.contains(phrase))
                || (heading.level >= top && says_optional(template, section.content));
            optional_by_section[index] = optional;
            if has_option_labels(template.slice(section.content)) {
                self.option_sections.push(heading.key.clone());
            }
            let in_scope = heading.level >= top && heading.level <= top + 1;
            let is_slot = title.contains(['[', '<']) || title.contains("{{");
            if in_scope && !is_slot && !heading.key.is_empty() {
                self.sections.push(SchemaSection {
                    key: heading.key.clone(),
                    base_key: key::key(strip_parenthetical(title).0),
                    title: title.to_owned(),
                    level: heading.level,
                    optional,
                    substance: substance_of(template, section.range),
                });
            }
        }
    }

    fn derive_slots(&mut self, template: &Document) {
        for bracket in &template.brackets {
            let inner = normalize(template.slice(bracket.inner));
            if is_slot_text(&inner) {
                self.slots.insert(inner);
            }
        }
        for &span in &template.code_spans {
            for token in tokens_in(template.slice(span)) {
                if !self.code_tokens.iter().any(|known| known == token) {
                    self.code_tokens.push(token.to_owned());
                }
            }
        }
        self.angle_tokens = template
            .inline_html
            .iter()
            .map(|&range| template.slice(range))
            .filter(|html| is_angle_token(html))
            .map(str::to_owned)
            .collect();
    }

    fn derive_tables(&mut self, template: &Document) {
        for table in &template.tables {
            for row in &table.rows {
                let cells: Vec<&str> = row.cells.iter().map(|&c| template.slice(c)).collect();
                if cells
                    .iter()
                    .any(|cell| cell.contains('[') || cell.contains("e.g."))
                {
                    self.example_rows.insert(row_key(&cells));
                }
                // The first column names the row (`Language / Runtime`); only values are choices.
                for cell in cells.iter().skip(1) {
                    if let Some(choice) = choice_key(cell) {
                        self.choices.insert(choice);
                    }
                }
            }
        }
    }

    fn derive_fields(&mut self, template: &Document) {
        for field in &template.fields {
            self.labels.insert(key::key(template.slice(field.label)));
            if let Some(choice) = choice_key(template.slice(field.value)) {
                self.choices.insert(choice);
            }
        }
    }

    /// Whether bracketed `inner` text is one of the template's slots.
    #[must_use]
    pub fn is_slot(&self, inner: &str) -> bool {
        self.slots.contains(&normalize(inner))
    }

    /// The template's slot tokens that appear in a code span's text, with their offsets.
    pub fn code_tokens_in<'s>(
        &'s self,
        code: &'s str,
    ) -> impl Iterator<Item = (usize, &'s str)> + 's {
        self.code_tokens.iter().flat_map(move |token| {
            code.match_indices(token.as_str())
                .map(|(offset, _)| (offset, token.as_str()))
        })
    }

    /// Whether inline HTML text is one of the template's slots (`<service-name>`).
    #[must_use]
    pub fn is_angle_slot(&self, html: &str) -> bool {
        self.angle_tokens.contains(html)
    }

    /// Whether a table row with these cells is one of the template's example rows.
    #[must_use]
    pub fn is_example_row(&self, cells: &[&str]) -> bool {
        self.example_rows.contains(&row_key(cells))
    }

    /// Whether a comment's text is one of the template's guidance comments.
    #[must_use]
    pub fn is_guidance_comment(&self, content: &str) -> bool {
        self.comments.contains(&normalize(content))
    }

    /// Whether a line appears in the template as it is.
    #[must_use]
    pub fn has_line(&self, line: &str) -> bool {
        self.lines.contains(&normalize(line))
    }

    /// Whether the template writes `fragment` somewhere inside one of its lines: a marker it
    /// shows as an example (`[NEEDS CLARIFICATION: specific question]`) is its own text.
    #[must_use]
    pub fn writes(&self, fragment: &str) -> bool {
        let fragment = normalize(fragment);
        !fragment.is_empty() && self.lines.iter().any(|line| line.contains(&fragment))
    }

    /// Whether a value is one of the template's unresolved choice lists.
    #[must_use]
    pub fn is_choice_list(&self, value: &str) -> bool {
        choice_key(value).is_some_and(|choice| self.choices.contains(&choice))
    }

    /// Whether a field label (by key) is one of the template's.
    #[must_use]
    pub fn has_label(&self, label_key: &str) -> bool {
        self.labels.contains(label_key)
    }

    /// Whether the section with this key offers `Option N` layouts in the template.
    #[must_use]
    pub fn offers_options(&self, section_key: &str) -> bool {
        self.option_sections
            .iter()
            .any(|known| key::keys_match(known, section_key))
    }

    /// Required (non-optional) sections.
    pub fn required_sections(&self) -> impl Iterator<Item = (usize, &SchemaSection)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, section)| !section.optional)
    }

    /// Matches the schema's sections to a document's: for each schema section, the index of the
    /// document section that stands for it. Exact keys are matched first, then keys that extend
    /// one another (`Decision Log` and `Decision Log (ADR Stubs)`), then headings that differ
    /// only in their trailing parenthetical, which qualifies the heading in the writer's words
    /// (`Source Code (changed files)` for `Source Code (repository root)`) or gives its original
    /// name in a translated document (`핵심 엔티티 (Key Entities)`). Each document section is used
    /// at most once.
    #[must_use]
    pub fn match_sections(&self, document: &Document) -> Vec<Option<usize>> {
        let mut used = vec![false; document.sections.len()];
        let mut matches = vec![None; self.sections.len()];
        let keys: Vec<Option<&str>> = (0..document.sections.len())
            .map(|index| document.section_heading(index).map(|h| h.key.as_str()))
            .collect();
        // The base key and the parenthetical's key of each heading.
        let parts: Vec<Option<(String, String)>> = (0..document.sections.len())
            .map(|index| {
                let heading = document.section_heading(index)?;
                let (base, note) = strip_parenthetical(document.slice(heading.title));
                Some((key::key(base), key::key(note)))
            })
            .collect();
        let levels: Vec<u8> = document.sections.iter().map(|s| s.level).collect();
        for pass in [
            Pass::Exact,
            Pass::Extended,
            Pass::Parenthetical,
            Pass::Elaborated,
        ] {
            for (position, section) in self.sections.iter().enumerate() {
                if matches[position].is_some() {
                    continue;
                }
                let found = (0..keys.len()).position(|index| {
                    !used[index]
                        && match pass {
                            Pass::Exact => keys[index] == Some(section.key.as_str()),
                            Pass::Extended => keys[index]
                                .is_some_and(|doc_key| key::keys_match(&section.key, doc_key)),
                            Pass::Parenthetical => {
                                parts[index].as_ref().is_some_and(|(base, note)| {
                                    key::keys_match(&section.base_key, base)
                                        || (!note.is_empty() && *note == section.base_key)
                                })
                            }
                            Pass::Elaborated => {
                                levels.get(index) == Some(&section.level)
                                    && parts[index].as_ref().is_some_and(|(base, _)| {
                                        holds_words_in_order(base, &section.base_key)
                                    })
                            }
                        }
                });
                if let Some(index) = found {
                    used[index] = true;
                    matches[position] = Some(index);
                }
            }
        }
        matches
    }
}

/// How [`Schema::match_sections`] compares a template heading with a document's, in order.
#[derive(Clone, Copy)]
enum Pass {
    Exact,
    Extended,
    Parenthetical,
    /// A heading of the same level that holds the template heading's words, in order, among
    /// its own: `Constitution Compliance Check` is the template's `Constitution Check`, said
    /// more precisely.
    Elaborated,
}

/// What the template's section in `range` (its subsections included) holds.
fn substance_of(template: &Document, range: TextRange) -> Substance {
    let mut labels: Vec<String> = template
        .fields_in(range)
        .map(|field| template.slice(field.label))
        .filter(|label| !label.contains(['[', '<', '{']))
        .map(key::key)
        .filter(|label| !label.is_empty())
        .collect();
    labels.dedup();
    let mut trees = Vec::new();
    for block in template
        .code_blocks
        .iter()
        .filter(|block| range.contains_range(block.range))
    {
        if let Some(tree) = tree_in(template.slice(block.range))
            && !trees.contains(&tree)
        {
            trees.push(tree);
        }
    }
    let text = template.slice(range);
    let mut terms: Vec<String> = Vec::new();
    for (index, piece) in text.split("**").enumerate() {
        // Odd pieces are the bold runs; a run followed by a colon is a field's label.
        let after = text.split("**").nth(index + 1).unwrap_or_default();
        let is_word = !piece.is_empty() && piece.chars().all(char::is_alphabetic);
        if index % 2 == 1 && is_word && !after.starts_with([':', '：']) {
            let term = piece.to_lowercase();
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    if terms.len() < 2 {
        terms.clear();
    }
    Substance {
        labels,
        trees,
        terms,
        text: text.to_owned(),
    }
}

/// Whether the words of `short` (two or more) appear in `long` in the same order.
fn holds_words_in_order(long: &str, short: &str) -> bool {
    let mut wanted = short.split(' ').filter(|w| !w.is_empty()).peekable();
    if short.split(' ').filter(|w| !w.is_empty()).count() < 2 {
        return false;
    }
    for word in long.split(' ') {
        if wanted.peek() == Some(&word) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// A heading without its trailing parenthetical notes (`Key Entities *(include if ...)*`,
/// `ソースコード（リポジトリのルート）`), and the last of those notes (empty without one).
#[must_use]
pub fn strip_parenthetical(title: &str) -> (&str, &str) {
    let mut base = title;
    let mut note = "";
    loop {
        let trimmed = base.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
        let open = if trimmed.ends_with(')') {
            trimmed.rfind('(')
        } else if trimmed.ends_with('）') {
            trimmed.rfind('（')
        } else {
            None
        };
        let Some(open) = open.filter(|&open| !trimmed[..open].trim().is_empty()) else {
            return (if note.is_empty() { base } else { trimmed }, note);
        };
        if note.is_empty() {
            note = &trimmed[open..];
        }
        base = &trimmed[..open];
    }
}

/// Whether a section's own prose (code, comments and bracketed notes left out) or the guidance
/// comment that opens it says the section is optional.
fn says_optional(template: &Document, content: TextRange) -> bool {
    let text = template.slice(content);
    let mut prose = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut cursor = content.start();
    // A list item's "(if applicable)" makes that item optional, not the section.
    let items: Vec<TextRange> = template
        .list_items
        .iter()
        .filter(|item| item.depth == 0)
        .map(|item| item.range)
        .collect();
    let in_item = |offset: usize| {
        let index = items.partition_point(|range| range.end() <= offset);
        items.get(index).is_some_and(|range| range.contains(offset))
    };
    for ch in text.chars() {
        let excluded = template.in_code(cursor) || template.in_comment(cursor) || in_item(cursor);
        cursor += ch.len_utf8();
        if excluded {
            continue;
        }
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => prose.push(ch),
            _ => {}
        }
    }
    // The guidance comment right under the heading speaks for the section
    // (`<!-- Include only for features with a public API -->`).
    let first_comment = template
        .comments
        .iter()
        .find(|comment| content.contains_range(comment.range))
        .filter(|comment| {
            template.is_blank(TextRange::new(content.start(), comment.range.start()))
                && !template.markers.iter().any(|m| m.range == comment.range)
        })
        .map(|comment| template.slice(comment.content).to_lowercase());
    let prose = prose.to_lowercase();
    OPTIONAL_PHRASES.iter().any(|phrase| prose.contains(phrase))
        || first_comment.is_some_and(|comment| {
            OPTIONAL_PHRASES
                .iter()
                .chain(CONDITION_PHRASES)
                .any(|phrase| comment.contains(phrase))
        })
}

/// Whether text holds `Option N:` layout labels (with or without `[REMOVE IF UNUSED]`).
#[must_use]
pub fn has_option_labels(text: &str) -> bool {
    text.lines().any(|line| option_label(line).is_some())
}

/// If `line` is an `Option N` layout label or a `[REMOVE IF UNUSED]` marker, the offset and
/// length of the label within the line.
#[must_use]
pub fn option_label(line: &str) -> Option<(usize, usize)> {
    if let Some(offset) = line.find("[REMOVE IF UNUSED]") {
        return Some((offset, "[REMOVE IF UNUSED]".len()));
    }
    let trimmed = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '#' | '*' | '-' | '>' | '/')
    });
    let rest = trimmed.strip_prefix("Option ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(digits..)?.trim_start();
    let is_label =
        digits > 0 && (after.is_empty() || after.starts_with([':', '(', '-', '–', '—', '：']));
    let offset = line.len() - trimmed.len();
    is_label.then_some((offset, "Option ".len() + digits))
}

/// Bracketed text that a template uses as a slot, as opposed to Markdown or task syntax.
fn is_slot_text(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    inner.chars().count() > 2
        && !is_story_tag(inner)
        && !lower.starts_with("optional")
        && !matches!(inner, "P?" | "ID" | "Story")
}

/// Slot tokens inside code: `[...]` and `<word>`.
pub(crate) fn tokens_in(code: &str) -> impl Iterator<Item = &str> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let (open, close) = match bytes[index] {
            b'[' => (b'[', b']'),
            b'<' => (b'<', b'>'),
            _ => {
                index += 1;
                continue;
            }
        };
        let end = code[index + 1..].find(close as char).map(|n| index + 1 + n);
        let Some(end) = end else { break };
        let token = &code[index..=end];
        let inner = &token[1..token.len() - 1];
        let keep = if open == b'[' {
            is_slot_text(inner) || classify_bracket(inner).is_some()
        } else {
            // In code, `<scope>` cannot be HTML: any single word between angle brackets is a
            // slot (`plans/<scope>/<service-or-system>/`).
            token.len() > 3
                && token[1..token.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if keep {
            found.push(token);
        }
        index = end + 1;
    }
    found.into_iter()
}

/// `<scope>`, `<EPIC-ID>`, `<service-or-system>`: a single word of letters, digits and dashes.
fn is_angle_token(html: &str) -> bool {
    html.strip_prefix('<')
        .and_then(|rest| rest.strip_suffix('>'))
        .is_some_and(|inner| {
            inner.len() > 1
                && inner.contains(|c: char| c == '-' || c.is_ascii_uppercase())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// Collapses white space runs to single spaces and trims.
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn row_key(cells: &[&str]) -> String {
    cells
        .iter()
        .map(|cell| normalize(cell))
        .collect::<Vec<_>>()
        .join("|")
}

/// The normalised form of a choice list (`High / Medium / Low` -> `high/medium/low`), if `value`
/// is one: two to six short alternatives of letters separated by `/`.
#[must_use]
pub fn choice_key(value: &str) -> Option<String> {
    let value = value
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`');
    if !value.contains('/') {
        return None;
    }
    let parts: Vec<&str> = value.split('/').map(str::trim).collect();
    let shaped = (2..=6).contains(&parts.len())
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.split_whitespace().count() <= 3
                && part
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        })
        && parts
            .iter()
            .any(|part| part.chars().next().is_some_and(char::is_uppercase));
    shaped.then(|| {
        parts
            .iter()
            .map(|part| part.to_lowercase())
            .collect::<Vec<_>>()
            .join("/")
    })
}

#[cfg(test)]
mod tests;
