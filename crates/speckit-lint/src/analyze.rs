//! `speckit analyze`: the deterministic part of Spec Kit's `/speckit.analyze`, across a
//! feature's spec, plan and tasks.
//!
//! Every requirement (`FR-`), success criterion (`SC-`), user story (`US1`) and, in the `ssd`
//! dialect, use case (`UC-`) the spec defines is mapped to the tasks and plan sections that
//! mention it: the coverage table. Around it, the findings: requirements nothing covers
//! (SK801), IDs referenced but defined nowhere (SK802) or defined twice (SK803), an `ssd` plan
//! that cites none of its spec's IDs (SK804), and constitution principles the plan's gates never
//! address (SK805). Like the check, this is pure: the edge hands over the files and the
//! project's constitution and Overview spec ([`ProjectProfile`]).

mod wording;

use std::collections::{HashMap, HashSet};

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{Diagnostic, FileKind, Severity};
use crate::dialect::BuiltinDialect;
use crate::engine::Feature;
use crate::ids::{self, Definition, Id, IdKind, Mention};
use crate::input::{FeatureInput, ProjectDocument};
use crate::report::{self, FeatureReport};
use crate::rule::Rule;
use crate::rules::analysis::{
    GateText, ID_DUPLICATE, ID_UNDEFINED, PLAN_CITES_NO_SPEC, PRINCIPLE_UNADDRESSED,
    REQUIREMENT_UNCOVERED, principles,
};
use crate::rules::artifacts::SPEC_MISSING;
use crate::rules::gates::gate_sections;
use crate::rules::template_text::{history_lines, shorten};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::tasks::{TaskForm, TaskList};
use wording::Vocabulary;

#[cfg(doc)]
use crate::input::ProjectProfile;

/// What `speckit analyze` found in one feature.
#[derive(Debug)]
pub struct Analysis {
    /// The findings, per file, in the shape of a check's report (its spec, plan and tasks).
    pub report: FeatureReport,
    /// One row per requirement of the spec, in the spec's order.
    pub coverage: Vec<Coverage>,
    /// The feature's counts.
    pub metrics: Metrics,
}

/// How one requirement is covered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// The requirement.
    pub id: Id,
    /// What the spec says of it, shortened to a line.
    pub text: String,
    /// Where the spec defines it.
    pub range: TextRange,
    /// The tasks that refer to it (`T005`, or `line 12` for a task without an ID).
    pub tasks: Vec<String>,
    /// The titles of the plan sections that mention it.
    pub plan_sections: Vec<String>,
    /// The verdict on its coverage.
    pub status: CoverageStatus,
}

/// Whether a requirement is covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CoverageStatus {
    /// At least one task refers to it.
    Covered,
    /// No task or plan section cites it, but a task names what it asks for in its words.
    Described,
    /// No task, but a plan section refers to it.
    PlanOnly,
    /// Neither a task nor a plan section refers to it (SK801).
    Uncovered,
    /// Nothing could cover it yet: the feature has neither plan nor tasks, or it is a user
    /// story (stories are delivered by tasks) and there is no tasks.md.
    Pending,
}

impl CoverageStatus {
    /// `covered`, `described`, `plan-only`, `uncovered` or `pending`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Covered => "covered",
            Self::Described => "described",
            Self::PlanOnly => "plan-only",
            Self::Uncovered => "uncovered",
            Self::Pending => "pending",
        }
    }
}

/// Counts over one feature or many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// Features analysed.
    pub features: usize,
    /// Requirements, criteria, stories and use cases the specs define.
    pub requirements: usize,
    /// Requirements a task or a plan section refers to.
    pub covered: usize,
    /// Requirements a task refers to.
    pub with_tasks: usize,
    /// Requirements nothing refers to although something could.
    pub uncovered: usize,
    /// Requirements nothing could cover yet (see [`CoverageStatus::Pending`]).
    pub pending: usize,
    /// IDs referenced but defined nowhere (counted once per file).
    pub undefined: usize,
    /// IDs defined more than once.
    pub duplicates: usize,
    /// Task lines.
    pub tasks: usize,
}

impl Metrics {
    /// The share of requirements covered, in whole percent rounded down (so that 100 means
    /// all), among those that could be covered; `None` when there are none.
    #[must_use]
    pub fn coverage_percent(&self) -> Option<usize> {
        let judged = self.requirements - self.pending;
        (judged > 0).then(|| self.covered * 100 / judged)
    }

    /// Adds another feature's counts.
    pub fn add(&mut self, other: &Self) {
        self.features += other.features;
        self.requirements += other.requirements;
        self.covered += other.covered;
        self.with_tasks += other.with_tasks;
        self.uncovered += other.uncovered;
        self.pending += other.pending;
        self.undefined += other.undefined;
        self.duplicates += other.duplicates;
        self.tasks += other.tasks;
    }
}

/// The findings of one analysis, per file of the feature, before the reporter applies the
/// configuration.
struct Findings(Vec<Vec<Diagnostic>>);

impl Findings {
    fn report(
        &mut self,
        file: usize,
        rule: &'static Rule,
        range: TextRange,
        message: String,
        help: &str,
    ) -> Option<&mut Diagnostic> {
        let out = self.0.get_mut(file)?;
        out.push(Diagnostic {
            help: Some(help.to_owned()),
            ..Diagnostic::new(rule, range, message)
        });
        out.last_mut()
    }
}

/// Words that give what follows as an example, in the languages of real specs.
const EXAMPLE_MARKS: &[&str] = &[
    "e.g.",
    "eg.",
    "for example",
    "for instance",
    "such as",
    "p. ej.",
    "por ejemplo",
    "por exemplo",
    "par exemple",
    "z. b.",
    "zum beispiel",
    "ad esempio",
    "например",
    "例如",
    "例えば",
    "例：",
    "예:",
];

/// Whether the ID at byte `at` of `text` is given as an example (`(e.g., US1, US2, US3)` in a
/// task list's format legend): an example names no ID of the feature's.
fn is_example(text: &str, at: usize) -> bool {
    const LOOK_BACK: usize = 48;
    let mut start = at.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let before = text.get(start..at).unwrap_or_default();
    // Only what the same line and the same parenthesis say before the ID.
    let before = before.rsplit(['\n', '\r']).next().unwrap_or_default();
    let before = before.rsplit_once('(').map_or(before, |(_, inside)| inside);
    let lower = before.to_lowercase();
    EXAMPLE_MARKS.iter().any(|mark| lower.contains(mark))
}

/// Whether the sentence holding the mention at `at` names another feature's spec (`Spec 014
/// reached it only through the form (FR-034a)`, `` `specs/011-sales/spec.md` in mbe-api,
/// FR-050 through FR-054 ``): the ID is that spec's, cited, not one this spec should define.
fn names_another_spec(text: &str, at: usize, own: Option<u64>) -> bool {
    const SENTENCE_ENDS: &[&str] = &[". ", "? ", "! ", "→", "。", "？"];
    let line_start = text[..at]
        .rfind(['\n', '\r'])
        .map_or(0, |newline| newline + 1);
    let line_end = text[at..]
        .find(['\n', '\r'])
        .map_or(text.len(), |end| at + end);
    let before = &text[line_start..at];
    let after = &text[at..line_end];
    let start = SENTENCE_ENDS
        .iter()
        .filter_map(|end| before.rfind(end).map(|found| found + end.len()))
        .max()
        .unwrap_or(0);
    let end = SENTENCE_ENDS
        .iter()
        .filter_map(|end| after.find(end))
        .min()
        .unwrap_or(after.len());
    let sentence = format!("{}{}", &before[start..], &after[..end]).to_lowercase();
    sentence.match_indices("spec").any(|(found, _)| {
        let word_start = sentence[..found]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let rest = sentence[found + 4..].trim_start_matches('s');
        let rest = rest.strip_prefix([' ', '/', '#', '-']).unwrap_or(rest);
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let other = rest.get(..digits).and_then(|d| d.parse::<u64>().ok()) != own;
        word_start && digits >= 2 && other
    })
}

/// The number a feature's name starts with (`4` for `004-export`).
fn leading_number(name: &str) -> Option<u64> {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    name.get(..digits)?.parse().ok()
}

/// Whether a task or a plan section cites the requirement by its ID.
fn is_cited(row: &Coverage) -> bool {
    matches!(
        row.status,
        CoverageStatus::Covered | CoverageStatus::PlanOnly
    )
}

/// The IDs of `rows`, the first few of them and how many more, for a message.
fn abbreviated_ids(rows: &[&Coverage]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|row| row.id.to_string())
        .collect();
    match rows.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{}, and {more} more", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// The first readable document of `kind` in the feature, with its file's index.
fn find<'f>(feature: &'f Feature<'_>, kind: FileKind) -> Option<(usize, &'f Document)> {
    feature
        .files
        .iter()
        .enumerate()
        .filter(|(_, parsed)| parsed.kind == kind)
        .find_map(|(index, parsed)| Some((index, parsed.document.as_ref()?)))
}

/// Analyses one feature.
#[must_use]
pub fn analyze_feature(input: &FeatureInput<'_>, settings: &Settings) -> Analysis {
    let feature = Feature::load(input, settings);
    let (findings, coverage, metrics) = analyse(&feature, true);
    // Suppressions hide the analysis's findings too, but only a check judges them: the
    // analysis runs none of the document rules they may name.
    let report = report::finish(
        feature,
        findings,
        settings,
        Stage::Tasked,
        |kind| matches!(kind, FileKind::Spec | FileKind::Plan | FileKind::Tasks),
        |_| false,
    );
    Analysis {
        report,
        coverage,
        metrics,
    }
}

impl Analysis {
    /// What the analysis finds in a loaded feature, per file, for the check to report with
    /// its own findings.
    pub(crate) fn findings(feature: &Feature<'_>) -> Vec<Vec<Diagnostic>> {
        analyse(feature, false).0
    }
}

/// The analysis of a loaded feature: its findings per file, the coverage table, the counts.
/// `whole` adds what only `speckit analyze` reports (SK403 on a feature without a spec, which
/// the check finds its own way; SK804 and SK805), so a check does not compute them.
fn analyse(feature: &Feature<'_>, whole: bool) -> (Vec<Vec<Diagnostic>>, Vec<Coverage>, Metrics) {
    let mut findings = Findings(vec![Vec::new(); feature.files.len()]);
    let mut metrics = Metrics {
        features: 1,
        ..Metrics::default()
    };
    let coverage = match find(feature, FileKind::Spec) {
        Some((spec_file, spec)) => {
            let view = FeatureView::new(feature, spec_file, spec);
            view.check_ids(&mut findings, &mut metrics);
            let coverage = view.coverage(&mut metrics);
            view.report_uncovered(&coverage, &mut findings);
            if whole {
                view.check_plan_cites_spec(&mut findings);
            }
            coverage
        }
        None => {
            if whole {
                report_spec_missing(feature, &mut findings);
            }
            Vec::new()
        }
    };
    if whole {
        check_principles(feature, &mut findings);
    }
    (findings.0, coverage, metrics)
}

/// Plan and tasks without a spec have nothing to be analysed against.
fn report_spec_missing(feature: &Feature<'_>, findings: &mut Findings) {
    for kind in [FileKind::Plan, FileKind::Tasks] {
        if let Some((file, doc)) = find(feature, kind) {
            findings.report(
                file,
                &SPEC_MISSING,
                title_range(doc),
                format!("this {kind} has no spec.md to be analysed against"),
                "requirements, stories and IDs come from the spec: add spec.md to the feature folder",
            );
        }
    }
}

/// The constitution's principles the plan's gates never mention.
fn check_principles(feature: &Feature<'_>, findings: &mut Findings) {
    let (Some(constitution), Some((plan_file, plan))) = (
        &feature.input.project.constitution,
        find(feature, FileKind::Plan),
    ) else {
        return;
    };
    let mut sections = gate_sections(plan);
    let Some(&first) = sections.first() else {
        return;
    };
    // A plan may keep its gate table under a `**Constitution Check**:` label elsewhere, with
    // the heading left as the template wrote it.
    for field in &plan.fields {
        if key::key(plan.slice(field.label)).starts_with("constitution check") {
            let holder = plan.section_at(field.line.start());
            if let Some(section) = plan.sections.get(holder)
                && !sections.iter().any(|s| s.contains_range(section.range))
            {
                sections.push(section.range);
            }
        }
    }
    let anchor = plan
        .headings
        .iter()
        .find(|heading| heading.range.start() == first.start())
        .map_or(first, |heading| heading.range);
    let gates = GateText::new(plan, &sections);
    for principle in principles(constitution) {
        if gates.addresses(&principle) {
            continue;
        }
        findings.report(
            plan_file,
            &PRINCIPLE_UNADDRESSED,
            anchor,
            format!(
                "constitution principle `{}` is not addressed by the plan's gates",
                shorten(&principle.title)
            ),
            "add a gate for it: how this plan keeps the principle, or why it does not apply",
        );
    }
}

/// What the analysis knows of a feature that has a spec.
struct FeatureView<'a> {
    spec_file: usize,
    spec: &'a Document,
    /// Whether the `ssd` dialect's IDs are read.
    ssd: bool,
    spec_mentions: Vec<Mention>,
    spec_definitions: Vec<Definition>,
    /// The Overview spec, unless this feature is the Overview.
    overview: Option<Overview<'a>>,
    /// Every ID defined or declared by the spec or the Overview spec (or indexed by the
    /// Overview spec, for specs and use cases).
    known: HashSet<Id>,
    plan: Option<(usize, &'a Document, Vec<Mention>)>,
    tasks: Option<(usize, &'a Document, Vec<Mention>)>,
    /// The task list's model, as the feature loaded it.
    task_list: Option<&'a TaskList>,
    /// The schema of the spec's template, whose own example lines define nothing.
    spec_schema: Option<&'a crate::schema::Schema>,
    /// The feature's number (`4` for `004-export`), if its name starts with one.
    number: Option<u64>,
}

/// The project's Overview spec, as the analysis reads it.
struct Overview<'a> {
    path: &'a str,
    definitions: Vec<Definition>,
    document: &'a Document,
}

impl<'a> FeatureView<'a> {
    fn new(feature: &'a Feature<'a>, spec_file: usize, spec: &'a Document) -> Self {
        let input = feature.input;
        let dialect = &feature.dialect;
        let ssd = dialect.is(BuiltinDialect::Ssd);
        let spec_mentions = ids::mentions(spec, ssd, dialect.spec_schema.as_deref());
        let spec_definitions = ids::definitions(spec, &spec_mentions);
        let is_overview = is_overview(spec, input);
        let overview = input
            .project
            .overview
            .as_ref()
            .filter(|_| !is_overview)
            .map(|ProjectDocument { path, document }| {
                let mentions = ids::mentions(document, ssd, None);
                Overview {
                    path: path.as_str(),
                    definitions: ids::definitions(document, &mentions),
                    document,
                }
            });
        let mut known: HashSet<Id> = spec_definitions.iter().map(|d| d.id.clone()).collect();
        // The Overview spec indexes the feature specs and their use cases; the Overview itself
        // is such an index.
        let index = |mentions: &[Mention]| -> Vec<Id> {
            mentions
                .iter()
                .filter(|m| matches!(m.id.kind, IdKind::Spec | IdKind::UseCase))
                .map(|m| m.id.clone())
                .collect()
        };
        if let Some(overview) = &overview {
            known.extend(overview.definitions.iter().map(|d| d.id.clone()));
            known.extend(index(&ids::mentions(overview.document, ssd, None)));
        }
        if is_overview {
            known.extend(index(&spec_mentions));
        }
        let read = |kind: FileKind, template: Option<&crate::schema::Schema>| {
            find(feature, kind).map(|(file, doc)| (file, doc, ids::mentions(doc, ssd, template)))
        };
        Self {
            spec_file,
            spec,
            ssd,
            overview,
            known,
            plan: read(FileKind::Plan, Some(&dialect.schema)),
            tasks: read(FileKind::Tasks, None),
            spec_schema: dialect.spec_schema.as_deref(),
            number: leading_number(&input.name),
            task_list: feature.task_model().map(|(_, model)| &model.list),
            spec_mentions,
            spec_definitions,
        }
    }

    /// SK802 and SK803.
    fn check_ids(&self, findings: &mut Findings, metrics: &mut Metrics) {
        let defined_at: HashSet<usize> = self
            .spec_definitions
            .iter()
            .map(|d| d.range.start())
            .collect();
        let spec_references = self
            .spec_mentions
            .iter()
            .filter(|m| !defined_at.contains(&m.range.start()));
        let mut sources: Vec<(usize, &Document, Vec<&Mention>)> =
            vec![(self.spec_file, self.spec, spec_references.collect())];
        for (file, doc, mentions) in self.plan.iter().chain(&self.tasks) {
            sources.push((*file, doc, mentions.iter().collect()));
        }
        // A spec that numbers none of its stories ("Primary User Story") cannot say which story
        // `US1` is: story references are judged only against a spec that numbers them, as the
        // task list's story labels are (SK703).
        let numbers_stories = self.known.iter().any(|id| id.kind == IdKind::Story);
        for (file, doc, mentions) in sources {
            let mut reported: HashSet<&Id> = HashSet::new();
            for mention in mentions {
                if (mention.id.kind == IdKind::Story && !numbers_stories)
                    || mention.id.resolves(|id| self.known.contains(id))
                    || is_example(doc.text(), mention.range.start())
                    || names_another_spec(doc.text(), mention.range.start(), self.number)
                    || !reported.insert(&mention.id)
                {
                    continue;
                }
                metrics.undefined += 1;
                let place = if self.ssd && self.overview.is_some() {
                    "the spec or the Overview spec"
                } else {
                    "the spec"
                };
                findings.report(
                    file,
                    &ID_UNDEFINED,
                    mention.range,
                    format!(
                        "`{}` is referenced here but {place} defines no such ID",
                        mention.id
                    ),
                    "fix the reference, or define the ID where it belongs",
                );
            }
        }
        self.check_duplicates(findings, metrics);
    }

    fn check_duplicates(&self, findings: &mut Findings, metrics: &mut Metrics) {
        let mut first: HashMap<&Id, &Definition> = HashMap::new();
        let mut counted: HashSet<&Id> = HashSet::new();
        // Only the Overview's own master data and APIs: its list of feature specs is an
        // index, not their definition.
        let shared: HashMap<&Id, ()> = self
            .overview
            .iter()
            .flat_map(|overview| overview.definitions.iter())
            .filter(|d| !d.declared && matches!(d.id.kind, IdKind::Master | IdKind::Api))
            .map(|d| (&d.id, ()))
            .collect();
        // A line the spec's template writes as it stands, now or in an earlier version, is the
        // template's example kept (`- **FR-006**: System MUST authenticate users via [NEEDS
        // CLARIFICATION: ...]`, reported as kept template text), not a second definition of the
        // spec's own FR-006.
        let history: Vec<TextRange> = history_lines(self.spec)
            .into_iter()
            .map(|(range, _)| range)
            .collect();
        let is_template_line = |definition: &&Definition| {
            let start = definition.range.start();
            history.iter().any(|range| range.contains(start))
                || self.spec_schema.is_some_and(|schema| {
                    let text = self.spec.text();
                    let start = text[..definition.range.start()]
                        .rfind(['\n', '\r'])
                        .map_or(0, |newline| newline + 1);
                    let end = text[start..]
                        .find(['\n', '\r'])
                        .map_or(text.len(), |end| start + end);
                    schema.has_line(&text[start..end])
                })
        };
        for definition in self
            .spec_definitions
            .iter()
            .filter(|d| !d.declared)
            .filter(|d| !is_template_line(d))
        {
            let message = if let Some(earlier) = first.get(&definition.id) {
                format!(
                    "`{}` is defined twice; the first reads `{}`",
                    definition.id,
                    definition_text(self.spec, earlier)
                )
            } else if shared.contains_key(&definition.id) {
                let path = self.overview.as_ref().map_or("", |o| o.path);
                format!(
                    "`{}` is already defined in the Overview spec ({path})",
                    definition.id
                )
            } else {
                first.insert(&definition.id, definition);
                continue;
            };
            if counted.insert(&definition.id) {
                metrics.duplicates += 1;
            }
            findings.report(
                self.spec_file,
                &ID_DUPLICATE,
                definition.range,
                message,
                "give each definition its own ID, or merge the two",
            );
        }
    }

    /// The coverage table.
    fn coverage(&self, metrics: &mut Metrics) -> Vec<Coverage> {
        let tasks = self
            .tasks
            .as_ref()
            .zip(self.task_list)
            .map(|((_, doc, mentions), list)| task_coverage(doc, list, mentions));
        metrics.tasks = tasks.as_ref().map_or(0, |t| t.count);
        let plan = self
            .plan
            .as_ref()
            .map(|(_, doc, mentions)| plan_coverage(doc, mentions));
        let mut seen: HashSet<&Id> = HashSet::new();
        let requirements: Vec<&Definition> = self
            .spec_definitions
            .iter()
            .filter(|definition| definition.id.kind.is_requirement() && seen.insert(&definition.id))
            .collect();
        // The requirements' wording is read only when a task list cites one of them nowhere.
        let vocabulary = std::cell::OnceCell::new();
        let vocabulary = || {
            vocabulary.get_or_init(|| {
                let statements: Vec<String> = requirements
                    .iter()
                    .map(|definition| statement(self.spec, definition))
                    .collect();
                Vocabulary::new(&statements.iter().map(String::as_str).collect::<Vec<_>>())
            })
        };
        let mut rows = Vec::new();
        for (index, &definition) in requirements.iter().enumerate() {
            let mut task_labels = tasks
                .as_ref()
                .and_then(|t| t.by_id.get(&definition.id))
                .cloned()
                .unwrap_or_default();
            let plan_sections = plan
                .as_ref()
                .and_then(|p| p.get(&definition.id))
                .cloned()
                .unwrap_or_default();
            let describing = || -> Vec<String> {
                // Stories are traced by their labels and phases, not by wording.
                if definition.id.kind == IdKind::Story {
                    return Vec::new();
                }
                tasks
                    .as_ref()
                    .zip(self.tasks.as_ref())
                    .map_or_else(Vec::new, |(t, (_, doc, _))| {
                        t.describing(doc, vocabulary(), index)
                    })
            };
            let status = if !task_labels.is_empty() {
                CoverageStatus::Covered
            } else if !plan_sections.is_empty() {
                CoverageStatus::PlanOnly
            } else if !self.can_cover(definition.id.kind) {
                CoverageStatus::Pending
            } else {
                task_labels = describing();
                if task_labels.is_empty() {
                    CoverageStatus::Uncovered
                } else {
                    CoverageStatus::Described
                }
            };
            metrics.requirements += 1;
            match status {
                CoverageStatus::Covered | CoverageStatus::Described => {
                    metrics.covered += 1;
                    metrics.with_tasks += 1;
                }
                CoverageStatus::PlanOnly => metrics.covered += 1,
                CoverageStatus::Uncovered => metrics.uncovered += 1,
                CoverageStatus::Pending => metrics.pending += 1,
            }
            rows.push(Coverage {
                id: definition.id.clone(),
                text: definition_text(self.spec, definition),
                range: definition.range,
                tasks: task_labels,
                plan_sections,
                status,
            });
        }
        rows
    }

    /// Whether the feature has what covers an ID of `kind`: tasks for a user story (a plan
    /// names requirements, rarely stories), a plan or tasks for the others.
    fn can_cover(&self, kind: IdKind) -> bool {
        self.tasks.is_some() || (kind != IdKind::Story && self.plan.is_some())
    }

    /// SK801, for the IDs neither cited nor described by a task. A user story is delivered by
    /// the tasks labelled with it, so where the list labels stories, a story without tasks is
    /// an error. A requirement or criterion is built by tasks that rarely cite it, and whether
    /// one does takes reading: one note per kind lists those no task cites or describes, and
    /// claims nothing.
    fn report_uncovered(&self, coverage: &[Coverage], findings: &mut Findings) {
        let help = if self.tasks.is_some() {
            "cite the ID in the task that delivers it (or in its phase), or add a task"
        } else {
            "cite the ID in the plan section that delivers it"
        };
        for kind in [
            IdKind::Story,
            IdKind::UseCase,
            IdKind::Functional,
            IdKind::Criterion,
        ] {
            let rows: Vec<&Coverage> = coverage.iter().filter(|row| row.id.kind == kind).collect();
            let uncovered: Vec<&Coverage> = rows
                .iter()
                .copied()
                .filter(|row| row.status == CoverageStatus::Uncovered)
                .collect();
            let [first, ..] = uncovered.as_slice() else {
                continue;
            };
            let (one, many) = match kind {
                IdKind::Story => ("user story", "user stories"),
                IdKind::UseCase => ("use case", "use cases"),
                IdKind::Criterion => ("success criterion", "success criteria"),
                _ => ("requirement", "functional requirements"),
            };
            let traced = rows.iter().filter(|row| is_cited(row)).count();
            let neither = if uncovered.len() == 1 {
                "1 is neither cited nor described by a task".to_owned()
            } else {
                format!(
                    "{} are neither cited nor described by a task",
                    uncovered.len()
                )
            };
            // Upstream's tasks template labels every story's tasks, so a list that labels one
            // story keeps the convention and a story without tasks is a gap. Requirements and
            // criteria are built by tasks that rarely cite them, so an uncited one is only
            // worth a note: whether a task builds it takes reading, not matching.
            let kept = kind == IdKind::Story && traced > 0;
            if !kept {
                let what = if rows.len() == 1 { one } else { many };
                let cited = if traced == 0 {
                    format!(
                        "no task or plan section cites the {} {what} by ID",
                        rows.len()
                    )
                } else {
                    format!("tasks and plan cite {traced} of the {} {what}", rows.len())
                };
                if let Some(note) = findings.report(
                    self.spec_file,
                    &REQUIREMENT_UNCOVERED,
                    first.range,
                    format!(
                        "{cited}; {neither} ({}): check that a task builds each",
                        abbreviated_ids(&uncovered)
                    ),
                    help,
                ) {
                    note.severity = Severity::Info;
                }
            } else {
                for row in uncovered {
                    findings.report(
                        self.spec_file,
                        &REQUIREMENT_UNCOVERED,
                        row.range,
                        format!(
                            "{one} `{}` is cited by no task or plan section, and no task describes it",
                            row.id
                        ),
                        help,
                    );
                }
            }
        }
    }

    /// SK804.
    fn check_plan_cites_spec(&self, findings: &mut Findings) {
        let Some((plan_file, plan, mentions)) = &self.plan else {
            return;
        };
        if !self.ssd {
            return;
        }
        let own: Vec<&Id> = self
            .spec_definitions
            .iter()
            .filter(|d| d.id.kind == IdKind::Spec)
            .map(|d| &d.id)
            .collect();
        if own.is_empty() || mentions.iter().any(|m| own.contains(&&m.id)) {
            return;
        }
        let names: Vec<String> = own.iter().map(ToString::to_string).collect();
        findings.report(
            *plan_file,
            &PLAN_CITES_NO_SPEC,
            title_range(plan),
            format!(
                "the plan cites none of its spec's IDs ({})",
                names.join(", ")
            ),
            "name the spec in the plan's header (Related Spec(s):) and where its use cases are implemented",
        );
    }
}

/// Whether a spec is the project's Overview spec: it says so (`Spec Type: Overview`), or its
/// folder is the Overview's.
fn is_overview(spec: &Document, input: &FeatureInput<'_>) -> bool {
    let says_so = spec.fields.iter().any(|field| {
        key::key(spec.slice(field.label)) == "spec type"
            && key::key(spec.slice(field.value)) == "overview"
    });
    let its_folder = input.project.overview.as_ref().is_some_and(|overview| {
        let mut parts = overview.path.rsplit('/');
        parts.next();
        parts.next() == Some(input.name.as_str())
    });
    says_so || its_folder
}

/// What the spec says of a definition: the rest of its line.
fn statement(doc: &Document, definition: &Definition) -> String {
    let text = doc.text();
    let line_end = text
        .get(definition.range.end()..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |n| definition.range.end() + n);
    doc.slice(TextRange::new(definition.range.end(), line_end))
        .to_owned()
}

/// What the spec says of a definition: the rest of its line, shortened.
fn definition_text(doc: &Document, definition: &Definition) -> String {
    let rest = statement(doc, definition);
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '`' | ':' | '：' | '-' | '–' | '—' | '|' | '.')
    });
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '|');
    shorten(trimmed)
}

/// The heading that titles a document, or its start.
fn title_range(doc: &Document) -> TextRange {
    doc.headings
        .first()
        .map_or(TextRange::empty(0), |heading| heading.range)
}

/// A task of tasks.md, with the text that is its own.
struct Task {
    /// Its ID (`T005`).
    label: String,
    /// Its own text: its list item with the lines nested under it, its heading's section, or
    /// its table row.
    scope: TextRange,
    /// The innermost section holding it.
    section: usize,
    /// The innermost other task whose scope holds this one's.
    parent: Option<usize>,
}

/// The tasks of a task list, as [`TaskList`] reads them, with their scopes.
fn task_lines(doc: &Document, list: &TaskList) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::with_capacity(list.tasks.len());
    // Scopes come in document order, so the task enclosing a scope is the innermost one still
    // open that holds it.
    let mut open: Vec<usize> = Vec::new();
    for task in &list.tasks {
        let start = task.line.start();
        let scope = match task.form {
            TaskForm::Checkbox | TaskForm::ListItem => {
                innermost_item(doc, start).map_or(task.line, |item| item.range)
            }
            TaskForm::Heading => doc
                .sections
                .get(doc.section_at(start))
                .map_or(task.line, |section| section.range),
            TaskForm::TableRow => task.line,
        };
        while let Some(&last) = open.last() {
            if tasks
                .get(last)
                .is_some_and(|enclosing: &Task| enclosing.scope.contains_range(scope))
            {
                break;
            }
            open.pop();
        }
        tasks.push(Task {
            label: task.id.clone(),
            scope,
            section: doc.section_at(start),
            parent: open.last().copied(),
        });
        open.push(tasks.len() - 1);
    }
    tasks
}

/// The innermost list item holding `offset`.
fn innermost_item(doc: &Document, offset: usize) -> Option<&speckit_doc::ListItem> {
    let items = &doc.list_items;
    let mut candidate = items
        .partition_point(|item| item.range.start() <= offset)
        .checked_sub(1);
    while let Some(index) = candidate {
        let item = items.get(index)?;
        if item.range.contains(offset) {
            return Some(item);
        }
        candidate = item.parent;
    }
    None
}

/// Which tasks refer to which IDs.
struct TaskCoverage {
    /// Task labels per ID, in task order.
    by_id: HashMap<Id, Vec<String>>,
    /// Task lines.
    count: usize,
    /// The tasks, with their scopes.
    tasks: Vec<Task>,
    /// What the tasks say in words, read only when a requirement is cited by none of them.
    words: std::cell::OnceCell<TaskVocabulary>,
}

/// What a task list says in words, to find the tasks that describe a requirement they do not
/// cite.
struct TaskVocabulary {
    /// Each task's words.
    tasks: Vec<TaskWords>,
    /// The words each phase holding a task says of all its tasks, by section.
    phases: HashMap<usize, HashSet<String>>,
}

impl TaskCoverage {
    /// The tasks of `doc` that name most of requirement `index`'s distinctive words.
    fn describing(&self, doc: &Document, vocabulary: &Vocabulary, index: usize) -> Vec<String> {
        let words = self.words.get_or_init(|| task_vocabulary(doc, &self.tasks));
        words
            .tasks
            .iter()
            .filter(|task| {
                let sets: Vec<&HashSet<String>> = std::iter::once(&task.own)
                    .chain(task.sections.iter().filter_map(|s| words.phases.get(s)))
                    .collect();
                vocabulary.describes(index, &sets)
            })
            .map(|task| task.label.clone())
            .collect()
    }
}

/// What a task says in words: its own text's, and the sections (its phase and those holding
/// it) whose words it shares.
struct TaskWords {
    label: String,
    own: HashSet<String>,
    sections: Vec<usize>,
}

/// Maps IDs to tasks: a task refers to the IDs its own lines mention, and to those its phase
/// mentions outside its tasks (the phase heading, its goal). The title section and the
/// preamble speak of the whole list and give nothing to each task.
fn task_coverage(doc: &Document, list: &TaskList, mentions: &[Mention]) -> TaskCoverage {
    let tasks = task_lines(doc, list);
    let mut own: Vec<Vec<Id>> = vec![Vec::new(); tasks.len()];
    let mut by_section: HashMap<usize, Vec<Id>> = HashMap::new();
    for mention in mentions {
        let ids = mention.ids();
        match task_holding(&tasks, mention.range.start()) {
            Some(task) => {
                if let Some(list) = own.get_mut(task) {
                    list.extend(ids);
                }
            }
            None => {
                let section = doc.section_at(mention.range.start());
                let level = doc.sections.get(section).map_or(0, |s| s.level);
                if level >= 2 {
                    by_section.entry(section).or_default().extend(ids);
                }
            }
        }
    }
    let mut by_id: HashMap<Id, Vec<String>> = HashMap::new();
    for (task, ids) in tasks.iter().zip(own) {
        let mut section = Some(task.section);
        let mut all = ids;
        while let Some(index) = section {
            if let Some(phase) = by_section.get(&index) {
                all.extend(phase.iter().cloned());
            }
            section = doc.sections.get(index).and_then(|s| s.parent);
        }
        let unique: HashSet<Id> = all.into_iter().collect();
        for id in unique {
            by_id.entry(id).or_default().push(task.label.clone());
        }
    }
    TaskCoverage {
        by_id,
        count: tasks.len(),
        tasks,
        words: std::cell::OnceCell::new(),
    }
}

/// The words of each task of `doc` and of the phases holding them.
fn task_vocabulary(doc: &Document, tasks: &[Task]) -> TaskVocabulary {
    // Each phase's own words are read once, however many tasks it holds.
    let mut phases: HashMap<usize, HashSet<String>> = HashMap::new();
    let words = tasks
        .iter()
        .map(|task| {
            let mut sections = Vec::new();
            let mut section = Some(task.section);
            while let Some(index) = section {
                phases
                    .entry(index)
                    .or_insert_with(|| phase_words(doc, tasks, index));
                sections.push(index);
                section = doc.sections.get(index).and_then(|s| s.parent);
            }
            TaskWords {
                label: task.label.clone(),
                own: wording::terms(doc.slice(task.scope)),
                sections,
            }
        })
        .collect();
    TaskVocabulary {
        tasks: words,
        phases,
    }
}

/// The words a phase says of all its tasks: its heading and the text of its own content that
/// no task holds (its goal, its independent test).
fn phase_words(doc: &Document, tasks: &[Task], section: usize) -> HashSet<String> {
    let Some(phase) = doc.sections.get(section).filter(|s| s.level >= 2) else {
        return HashSet::new();
    };
    let mut words = HashSet::new();
    let mut from = phase.range.start();
    let end = phase.content.end();
    for task in tasks {
        if task.scope.start() >= from && task.scope.end() <= end {
            words.extend(wording::terms(
                doc.slice(TextRange::new(from, task.scope.start())),
            ));
            from = task.scope.end();
        }
    }
    words.extend(wording::terms(doc.slice(TextRange::new(from, end))));
    words
}

/// The innermost task whose scope holds `offset`.
fn task_holding(tasks: &[Task], offset: usize) -> Option<usize> {
    let mut candidate = tasks
        .partition_point(|task| task.scope.start() <= offset)
        .checked_sub(1);
    while let Some(index) = candidate {
        let task = tasks.get(index)?;
        if task.scope.contains(offset) {
            return Some(index);
        }
        candidate = task.parent;
    }
    None
}

/// The titles of the plan sections that mention each ID, in plan order; what comes before the
/// first section (the title and the plan's header fields) is the `header`.
fn plan_coverage(doc: &Document, mentions: &[Mention]) -> HashMap<Id, Vec<String>> {
    let mut by_id: HashMap<Id, Vec<String>> = HashMap::new();
    for mention in mentions {
        let section = doc.section_at(mention.range.start());
        let title = doc
            .section_heading(section)
            .filter(|heading| heading.level >= 2)
            .map_or("header", |heading| doc.slice(heading.title).trim());
        for id in mention.ids() {
            let titles = by_id.entry(id).or_default();
            if !titles.iter().any(|known| known == title) {
                titles.push(title.to_owned());
            }
        }
    }
    by_id
}

#[cfg(test)]
mod tests;
