//! SK007 and the inline suppressions it judges: comments that hide findings from a file's
//! report, as every linter has them.
//!
//! [`Suppressions::parse`] reads a document's suppression comments once; [`Suppressions::apply`]
//! drops the findings they hide and adds an SK007 finding for each suppression that hides
//! nothing. Both are pure: what a file's report says depends on its document and its findings
//! alone. The syntax is documented in [`UNUSED_SUPPRESSION`]'s explanation, which is also what
//! `speckit explain SK007` and docs/rules.md print.

use std::collections::HashMap;
use std::ops::Range;

use speckit_doc::text::slice;
use speckit_doc::{Document, TextRange};

use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::rule::{Example, NotFlagged, Rule, select_in};
use crate::rules::template_text::shorten;
use crate::settings::Settings;
use crate::stage::Stage;

pub(crate) static UNUSED_SUPPRESSION: Rule = Rule {
    code: "SK007",
    name: "unused-suppression",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Specified,
    summary: "a suppression comment that hides nothing: no finding under it, a selector that names no rule, a misspelt `speckit-disable`",
    explanation: "A comment in an artifact can hide findings that are wrong for it. `<!-- \
        speckit-disable SK104 -->` hides the findings that start after it, up to a `<!-- \
        speckit-enable -->` or the end of the file; `<!-- speckit-enable SK104 -->` ends the \
        hiding of the rules it names only, the others stay hidden. `<!-- speckit-disable-next-line \
        SK201 -->` hides the findings that start on the next line holding something other than \
        white space and speckit comments: not the very next line, as markdownlint has it, because \
        formatters put a blank line after a comment block and a blank line holds no finding, and \
        because several of these comments can then be stacked above one line. `<!-- \
        speckit-disable-file SK105 -->`, anywhere in the file, hides them in the whole file. Each \
        comment names the rules it is for, separated by spaces or commas, as `--select` and \
        `--ignore` do: a code (`SK104`), a code prefix (`SK1`), a name (`unfilled-placeholder`) or \
        `ALL`; naming none means every rule. Words after a `--` are a reason for readers: `<!-- \
        speckit-disable-next-line SK105 -- the example row is the real one -->`. Comments inside \
        code blocks and code spans are text, not suppressions. A suppression works within its \
        file, and after the configuration: a rule turned off there stays off, and a hidden finding \
        counts toward no verdict. A suppression that hides nothing is reported, because it would \
        silently hide the next finding written under it: a rule it names that found nothing there, \
        a `speckit-enable` that ends nothing, a selector that names no rule, and a comment that \
        looks like a suppression and is none (`speckit-disable-line`). A finding under two \
        suppressions counts for the narrowest (the next-line one, else the block opened last, else \
        the file's), so the other is reported as redundant; and a check at an earlier stage than \
        the suppression was written for may report one that hides a finding only the later stage \
        makes. SK007 itself is turned off in the configuration, not by a comment.",
    example: Example {
        dialect: "speckit",
        bad: "<!-- speckit-disable-next-line SK104 -->\n**Date**: 2025-03-14\n",
        good: "**Date**: 2025-03-14\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A suppression is judged only against the rules the check ran: one for a rule turned \
            off by the configuration or by `--select`/`--ignore` is not reported, nor one for an \
            analysis rule the check did not run (SK804 and SK805 always, SK801-SK803 before the \
            `tasked` stage), which `speckit analyze` honours without judging.",
        example: "<!-- speckit-disable-next-line SK805 -- principle V is the platform team's -->\n**Date**: 2025-03-14\n",
        standalone: true,
    },
};

/// The suppression comments of one document.
#[derive(Debug)]
pub(crate) struct Suppressions<'d> {
    document: &'d Document,
    /// Every rule, in code order: the registry's catalogue, handed in by the reporter.
    catalogue: &'static [&'static Rule],
    /// In document order.
    directives: Vec<Directive>,
    /// The selectors of every directive, in document order; a directive that names no rule
    /// has one, standing for every rule.
    selectors: Vec<Selector>,
    /// The rule sets selectors resolve to, as indices into the catalogue, each set once: a hostile
    /// file may repeat `SK` a million times, and each must not cost a list of every rule.
    sets: Vec<Vec<usize>>,
    /// The first words of comments that look like suppressions and are not
    /// (`speckit-disable-line`).
    unrecognised: Vec<TextRange>,
}

#[derive(Debug)]
struct Directive {
    form: Form,
    /// The whole comment.
    comment: TextRange,
    /// Its selectors, in [`Suppressions::selectors`].
    selectors: Range<usize>,
    /// Whether it names no rule, and so stands for every rule.
    bare: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `speckit-disable`.
    Disable,
    /// `speckit-enable`.
    Enable,
    /// `speckit-disable-next-line`, with the line it covers (its terminator included), if a
    /// line follows.
    NextLine(Option<TextRange>),
    /// `speckit-disable-file`.
    File,
}

impl Form {
    fn keyword(self) -> &'static str {
        match self {
            Self::Disable => "speckit-disable",
            Self::Enable => "speckit-enable",
            Self::NextLine(_) => "speckit-disable-next-line",
            Self::File => "speckit-disable-file",
        }
    }

    /// Where a suppression of this form hides findings, for a message.
    fn place(self) -> &'static str {
        match self {
            Self::NextLine(_) => "on the next line",
            Self::File => "in this file",
            Self::Disable | Self::Enable => "after it",
        }
    }
}

#[derive(Debug)]
struct Selector {
    /// The word, or the whole comment for a directive that names no rule.
    range: TextRange,
    names: Names,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Names {
    /// The rules of set `n` in [`Suppressions::sets`].
    Rules(usize),
    /// No rule: a typo, or a rule that does not exist.
    Unknown,
    /// Only SK007, which a comment cannot hide.
    OnlyThisRule,
}

/// The set of every rule but SK007, which every directive that names no rule stands for.
const EVERY_RULE: usize = 0;

/// How many selectors a message names before it counts the rest.
const LISTED: usize = 3;

impl<'d> Suppressions<'d> {
    /// Reads the suppression comments of `document`: its closed HTML comments whose first
    /// word is `speckit-disable`, `speckit-enable`, `speckit-disable-next-line` or
    /// `speckit-disable-file` (and those whose first word only looks like one, to report).
    /// The document's comments never include text in code blocks or code spans.
    #[must_use]
    pub(crate) fn parse(document: &'d Document, catalogue: &'static [&'static Rule]) -> Self {
        let mut suppressions = Self {
            document,
            catalogue,
            directives: Vec::new(),
            selectors: Vec::new(),
            sets: vec![
                (0..catalogue.len())
                    .filter(|&index| {
                        catalogue
                            .get(index)
                            .is_some_and(|rule| rule.code != UNUSED_SUPPRESSION.code)
                    })
                    .collect(),
            ],
            unrecognised: Vec::new(),
        };
        // Every comment read as a suppression, recognised or not: the lines that hold only
        // these are skipped by `speckit-disable-next-line`.
        let mut comments = Vec::new();
        let mut resolved: HashMap<&str, Names> = HashMap::new();
        let mut set_ids: HashMap<Vec<usize>, usize> = HashMap::new();
        for comment in document.comments.iter().filter(|comment| comment.closed) {
            let content = document.slice(comment.content);
            let mut words = words(content, comment.content.start());
            let Some((keyword_range, keyword)) = words.next() else {
                continue;
            };
            let form = match keyword {
                "speckit-disable" => Form::Disable,
                "speckit-enable" => Form::Enable,
                "speckit-disable-next-line" => Form::NextLine(None),
                "speckit-disable-file" => Form::File,
                _ => {
                    let looks_like = |prefix: &str| {
                        keyword
                            .get(..prefix.len())
                            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
                    };
                    if looks_like("speckit-disable") || looks_like("speckit-enable") {
                        suppressions.unrecognised.push(keyword_range);
                        comments.push(comment.range);
                    }
                    continue;
                }
            };
            comments.push(comment.range);
            let first = suppressions.selectors.len();
            for (range, word) in words.take_while(|&(_, word)| word != "--") {
                let names = match resolved.get(word) {
                    Some(&names) => names,
                    None => {
                        let names = suppressions.resolve(word, &mut set_ids);
                        resolved.insert(word, names);
                        names
                    }
                };
                suppressions.selectors.push(Selector { range, names });
            }
            let bare = suppressions.selectors.len() == first;
            if bare {
                suppressions.selectors.push(Selector {
                    range: comment.range,
                    names: Names::Rules(EVERY_RULE),
                });
            }
            suppressions.directives.push(Directive {
                form,
                comment: comment.range,
                selectors: first..suppressions.selectors.len(),
                bare,
            });
        }
        let mut lines = NextLines {
            document,
            comments: &comments,
            last_target: None,
        };
        for directive in &mut suppressions.directives {
            if let Form::NextLine(target) = &mut directive.form {
                *target = lines.target(directive.comment.end());
            }
        }
        suppressions
    }

    /// What selector `word` names, as the registry's selectors read it, SK007 left out.
    fn resolve(&mut self, word: &str, set_ids: &mut HashMap<Vec<usize>, usize>) -> Names {
        let selected = select_in(self.catalogue, word);
        if selected.is_empty() {
            return Names::Unknown;
        }
        let set = rule_indices(self.catalogue, selected.into_iter());
        if set.is_empty() {
            return Names::OnlyThisRule;
        }
        let next = self.sets.len();
        let id = *set_ids.entry(set.clone()).or_insert(next);
        if id == next {
            self.sets.push(set);
        }
        Names::Rules(id)
    }

    /// Drops the findings the comments hide and appends the SK007 findings, ordered as a
    /// file's report orders its findings (by position, then code).
    ///
    /// `diagnostics` are a file's findings after rule selection and severity overrides, so
    /// that a finding the configuration already removed does not make a suppression of it
    /// used. `ran` says whether this run ran a rule: a selector is judged only if one of the
    /// rules it names ran, and it is *used* when it hides at least one finding (a finding
    /// under several suppressions is credited to the narrowest: the next-line one, else the
    /// block disabled last, else the file's). A `speckit-enable` selector is used when it ends
    /// the hiding of at least one rule. Each comment gets at most one finding for its unused
    /// selectors, one for those that name no rule and one for those naming SK007; a comment
    /// that only looks like a suppression gets one. Nothing is reported unless `ran` says
    /// SK007 ran, so a run that honours suppressions without judging them passes `|_| false`;
    /// `settings` give SK007's severity.
    #[must_use]
    pub(crate) fn apply(
        &self,
        mut diagnostics: Vec<Diagnostic>,
        ran: impl Fn(&'static Rule) -> bool,
        settings: &Settings,
    ) -> Vec<Diagnostic> {
        if self.directives.is_empty() && self.unrecognised.is_empty() {
            return diagnostics;
        }
        let used = self.hide(&mut diagnostics);
        if !ran(&UNUSED_SUPPRESSION) {
            return diagnostics;
        }
        let severity = settings.severity(&UNUSED_SUPPRESSION, UNUSED_SUPPRESSION.severity);
        let unused = self.unused(&used, &ran);
        diagnostics.extend(unused.into_iter().map(|(range, message, help)| Diagnostic {
            severity,
            help: Some(help),
            ..Diagnostic::new(&UNUSED_SUPPRESSION, range, message)
        }));
        diagnostics.sort_by_key(|d| (d.range.start(), d.rule.code));
        diagnostics
    }

    /// Removes the hidden findings from `diagnostics`; returns which selectors were used.
    ///
    /// One sweep over the findings in position order, with the directives applied as it
    /// passes them: the state is, per rule, the selector that hides it here, if any (the
    /// block disabled last, the next-line one of the current line, the file's), so each
    /// finding costs a lookup and each directive one step per rule it names.
    fn hide(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<bool> {
        let mut used = vec![false; self.selectors.len()];
        let mut by_file: Vec<Option<usize>> = vec![None; self.catalogue.len()];
        for directive in self.directives.iter().filter(|d| d.form == Form::File) {
            self.mark(directive, &mut by_file);
        }
        // The next-line directives grouped by the line they cover: stacked comments share one.
        let mut lines: Vec<(TextRange, Vec<&Directive>)> = Vec::new();
        for directive in &self.directives {
            if let Form::NextLine(Some(target)) = directive.form {
                match lines.last_mut() {
                    Some((line, group)) if *line == target => group.push(directive),
                    _ => lines.push((target, vec![directive])),
                }
            }
        }
        let mut blocks = self
            .directives
            .iter()
            .filter(|d| matches!(d.form, Form::Disable | Form::Enable))
            .peekable();
        let mut by_block: Vec<Option<usize>> = vec![None; self.catalogue.len()];
        let mut by_line: Vec<Option<usize>> = vec![None; self.catalogue.len()];
        let mut line = 0;
        let mut line_marked = None;
        let mut order: Vec<usize> = (0..diagnostics.len()).collect();
        order.sort_by_key(|&index| diagnostics.get(index).map(|d| d.range.start()));
        let mut hidden = vec![false; diagnostics.len()];
        for index in order {
            let Some(diagnostic) = diagnostics.get(index) else {
                continue;
            };
            let at = diagnostic.range.start();
            // A block starts after its `speckit-disable` comment and ends where its
            // `speckit-enable` comment starts.
            while let Some(block) = blocks.next_if(|block| match block.form {
                Form::Enable => block.comment.start() <= at,
                _ => block.comment.end() <= at,
            }) {
                self.toggle(block, &mut by_block, &mut used);
            }
            while lines.get(line).is_some_and(|(range, _)| range.end() <= at) {
                line += 1;
            }
            let Some(rule) = rule_index(self.catalogue, diagnostic.rule) else {
                continue;
            };
            let on_line = match lines.get(line) {
                Some((range, group)) if range.contains(at) => {
                    if line_marked != Some(line) {
                        by_line.fill(None);
                        for directive in group {
                            self.mark(directive, &mut by_line);
                        }
                        line_marked = Some(line);
                    }
                    by_line.get(rule).copied().flatten()
                }
                _ => None,
            };
            let hiding = on_line
                .or_else(|| by_block.get(rule).copied().flatten())
                .or_else(|| by_file.get(rule).copied().flatten());
            if let Some(selector) = hiding {
                if let Some(flag) = used.get_mut(selector) {
                    *flag = true;
                }
                if let Some(flag) = hidden.get_mut(index) {
                    *flag = true;
                }
            }
        }
        // The `speckit-enable` comments after the last finding still end something, or not.
        for block in blocks {
            self.toggle(block, &mut by_block, &mut used);
        }
        let mut hidden = hidden.into_iter();
        diagnostics.retain(|_| !hidden.next().unwrap_or(false));
        used
    }

    /// The rules selector `index` hides, as indices into the catalogue.
    fn rules_of(&self, index: usize) -> &[usize] {
        match self.selectors.get(index).map(|selector| selector.names) {
            Some(Names::Rules(set)) => self.sets.get(set).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// Records in `state` that `directive`'s selectors hide their rules.
    fn mark(&self, directive: &Directive, state: &mut [Option<usize>]) {
        for selector in directive.selectors.clone() {
            for &rule in self.rules_of(selector) {
                if let Some(slot) = state.get_mut(rule) {
                    *slot = Some(selector);
                }
            }
        }
    }

    /// Applies a `speckit-disable` or `speckit-enable` to the open blocks in `state`; an enable
    /// selector that ends the hiding of some rule is used.
    fn toggle(&self, directive: &Directive, state: &mut [Option<usize>], used: &mut [bool]) {
        if directive.form != Form::Enable {
            self.mark(directive, state);
            return;
        }
        for selector in directive.selectors.clone() {
            let mut ended = false;
            for &rule in self.rules_of(selector) {
                ended |= state.get_mut(rule).and_then(Option::take).is_some();
            }
            if ended && let Some(flag) = used.get_mut(selector) {
                *flag = true;
            }
        }
    }

    /// The SK007 findings: where, what, and the help.
    fn unused(
        &self,
        used: &[bool],
        ran: impl Fn(&'static Rule) -> bool,
    ) -> Vec<(TextRange, String, String)> {
        let mut found = Vec::new();
        for directive in &self.directives {
            let mut unknown = Vec::new();
            let mut this_rule = Vec::new();
            let mut unused = Vec::new();
            for index in directive.selectors.clone() {
                let Some(selector) = self.selectors.get(index) else {
                    continue;
                };
                match selector.names {
                    Names::Unknown => unknown.push(selector.range),
                    Names::OnlyThisRule => this_rule.push(selector.range),
                    Names::Rules(_) if used.get(index).copied().unwrap_or(true) => {}
                    // An enable ends blocks whatever rules ran; a disable is judged by them.
                    Names::Rules(_) if directive.form == Form::Enable => {
                        unused.push(selector.range);
                    }
                    Names::Rules(_) => {
                        if self
                            .rules_of(index)
                            .iter()
                            .filter_map(|&rule| self.catalogue.get(rule).copied())
                            .any(&ran)
                        {
                            unused.push(selector.range);
                        }
                    }
                }
            }
            if !unknown.is_empty() {
                let (they, name) = if unknown.len() == 1 {
                    ("it", "names")
                } else {
                    ("they", "name")
                };
                found.push((
                    span(&unknown),
                    format!(
                        "{} {name} no rule, so {they} hide{} nothing",
                        self.list(&unknown),
                        if unknown.len() == 1 { "s" } else { "" }
                    ),
                    "name a rule by its code (`SK104`), a code prefix (`SK1`) or its name \
                     (`unfilled-placeholder`), as `speckit rules` lists them; a reason for \
                     readers goes after `--`"
                        .to_owned(),
                ));
            }
            if !this_rule.is_empty() {
                found.push((
                    span(&this_rule),
                    format!("{} cannot be hidden by a comment", self.list(&this_rule)),
                    "turn SK007 off in .specify/speckit.toml (`ignore`, or `[per-path-ignores]` \
                     for some files)"
                        .to_owned(),
                ));
            }
            if !unused.is_empty() {
                found.push(self.unused_finding(directive, &unused));
            }
        }
        for &range in &self.unrecognised {
            found.push((
                range,
                format!(
                    "`{}` is not a suppression comment, so it hides nothing",
                    shorten(self.document.slice(range))
                ),
                "write `speckit-disable`, `speckit-enable`, `speckit-disable-next-line` or \
                 `speckit-disable-file`, in lower case"
                    .to_owned(),
            ));
        }
        found
    }

    /// The finding for the selectors of `directive` that were not used.
    fn unused_finding(
        &self,
        directive: &Directive,
        unused: &[TextRange],
    ) -> (TextRange, String, String) {
        let keyword = directive.form.keyword();
        let of = if directive.bare {
            String::new()
        } else {
            format!(" of {}", self.list(unused))
        };
        let message = if directive.form == Form::Enable {
            format!("`{keyword}`{of} ends no `speckit-disable`")
        } else {
            format!("`{keyword}`{of} hides nothing {}", directive.form.place())
        };
        let whole = unused.len() == directive.selectors.len();
        let (range, fix) = if whole {
            (directive.comment, "delete the comment".to_owned())
        } else {
            (
                span(unused),
                format!("remove {} from the comment", self.list(unused)),
            )
        };
        let why = if directive.form == Form::Enable {
            "nothing before it is hidden"
        } else {
            "what it was written for is gone, and it would hide the next finding there unnoticed"
        };
        (range, message, format!("{fix}: {why}"))
    }

    /// `` `SK104` ``, `` `SK104` and `SK106` ``, or the first few and how many more.
    fn list(&self, words: &[TextRange]) -> String {
        let shown: Vec<String> = words
            .iter()
            .take(LISTED)
            .map(|&range| format!("`{}`", shorten(self.document.slice(range))))
            .collect();
        match (shown.split_last(), words.len()) {
            (Some((last, [])), _) => last.clone(),
            (Some((last, rest)), count) if count <= LISTED => {
                format!("{} and {last}", rest.join(", "))
            }
            (_, count) => format!("{} and {} more", shown.join(", "), count - LISTED),
        }
    }
}

/// From the first of `ranges` to the last.
fn span(ranges: &[TextRange]) -> TextRange {
    match (ranges.first(), ranges.last()) {
        (Some(first), Some(last)) => TextRange::new(first.start(), last.end()),
        _ => TextRange::default(),
    }
}

/// The indices into `catalogue` of `rules`, SK007 left out: a comment cannot hide it.
fn rule_indices(
    catalogue: &[&'static Rule],
    rules: impl Iterator<Item = &'static Rule>,
) -> Vec<usize> {
    let mut indices: Vec<usize> = rules
        .filter(|rule| rule.code != UNUSED_SUPPRESSION.code)
        .filter_map(|rule| rule_index(catalogue, rule))
        .collect();
    indices.sort_unstable();
    indices.dedup();
    indices
}

fn rule_index(catalogue: &[&'static Rule], rule: &Rule) -> Option<usize> {
    catalogue.iter().position(|known| *known == rule)
}

/// The words of `text`, split at white space and commas, each with its range in the document
/// (`text` starting at `base`).
fn words(text: &str, base: usize) -> impl Iterator<Item = (TextRange, &str)> {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(offset, c)| {
            let separator = c.is_whitespace() || c == ',';
            match start {
                None if !separator => {
                    start = Some(offset);
                    None
                }
                Some(from) if separator => {
                    start = None;
                    let range = TextRange::new(from, offset);
                    Some((range.shifted(base), slice(text, range)))
                }
                _ => None,
            }
        })
}

/// Finds the line a `speckit-disable-next-line` covers: the first after the comment's that
/// holds something other than white space and suppression comments.
struct NextLines<'a> {
    document: &'a Document,
    /// The suppression comments, in order.
    comments: &'a [TextRange],
    /// The line the previous search found (the line count when none was found). Comments come
    /// in order, so a comment that ends before it shares it: every line between was skipped.
    /// Stacked comments are searched past once, not once each.
    last_target: Option<usize>,
}

impl NextLines<'_> {
    /// The range, terminator included, of the line covered by a comment ending at `end`.
    fn target(&mut self, end: usize) -> Option<TextRange> {
        let index = self.document.line_index();
        let count = index.line_count();
        let after = index.line_of(end) + 1;
        let line = match self.last_target {
            Some(target) if after <= target => target,
            _ => {
                let mut line = after;
                while line < count && self.skipped(line) {
                    line += 1;
                }
                self.last_target = Some(line);
                line
            }
        };
        if line >= count {
            return None;
        }
        let next = if line + 1 < count {
            index.line_start(line + 1)
        } else {
            self.document.text().len()
        };
        Some(TextRange::new(index.line_start(line), next))
    }

    /// Whether `line` holds nothing but white space and suppression comments.
    fn skipped(&self, line: usize) -> bool {
        let document = self.document;
        let range = document.line_index().line_range(document.text(), line);
        let first = self
            .comments
            .partition_point(|comment| comment.end() <= range.start());
        let mut cursor = range.start();
        for comment in self.comments.get(first..).unwrap_or_default() {
            if comment.start() >= range.end() {
                break;
            }
            if !document
                .slice(TextRange::new(cursor, comment.start()))
                .trim()
                .is_empty()
            {
                return false;
            }
            cursor = cursor.max(comment.end());
        }
        document
            .slice(TextRange::new(cursor, range.end()))
            .trim()
            .is_empty()
    }
}
