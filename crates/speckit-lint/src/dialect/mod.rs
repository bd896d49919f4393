//! Dialects: families of templates plus the rules that say when a document written from them is
//! complete.
//!
//! Each built-in dialect embeds its plan template (see [`templates`]), from which its schema is
//! derived, and adds semantics a template cannot express: its gate vocabulary, front-matter keys,
//! level markers, companion files and the checklists that gate a stage. A project whose own plan
//! template matches none of the built-ins gets a *custom* dialect: that template is the schema,
//! and the semantics are those of the built-in it resembles most, if any.

pub mod templates;

use std::sync::{Arc, OnceLock};

use speckit_doc::Document;

use crate::schema::Schema;

/// The built-in dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuiltinDialect {
    /// Upstream Spec Kit (`specify-cli`).
    Speckit,
    /// Epic trees with `impl-plan.md`, OK / NEEDS REVIEW gates and a PlanQualityGate checklist.
    Epic,
    /// Stable spec IDs (S-, UC-, M-, API-), an Overview spec and "label:" prompt bullets.
    Ssd,
    /// YAML front matter and PASS / FAIL / WAIVED gate tables, ADR and risk tables.
    Gated,
    /// Levels 1 / 2 / 3 / 3+ declared by `SPECKIT_LEVEL` markers, with per-level files.
    Leveled,
    /// Numbered sections, PASS / FAIL / CONDITIONAL gate evaluation and an unknowns checklist.
    Classic,
}

impl BuiltinDialect {
    /// Every built-in dialect; the first is the default.
    pub const ALL: [Self; 6] = [
        Self::Speckit,
        Self::Epic,
        Self::Ssd,
        Self::Gated,
        Self::Leveled,
        Self::Classic,
    ];

    /// The dialect's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Speckit => "speckit",
            Self::Epic => "epic",
            Self::Ssd => "ssd",
            Self::Gated => "gated",
            Self::Leveled => "leveled",
            Self::Classic => "classic",
        }
    }

    /// Parses a dialect name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|dialect| dialect.name() == name)
    }

    /// One line describing the dialect.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::Speckit => {
                "upstream Spec Kit (specify-cli): plan.md, constitution gates, Complexity Tracking"
            }
            Self::Epic => {
                "epic trees: impl-plan.md, OK / NEEDS REVIEW gates, checklists/PlanQualityGate.md"
            }
            Self::Ssd => "stable IDs (S-, UC-, M-, API-), Overview spec, \"label:\" prompt bullets",
            Self::Gated => {
                "YAML front matter, PASS / FAIL / WAIVED gate tables, ADR log, risk register"
            }
            Self::Leveled => "levels 1/2/3/3+ with SPECKIT_LEVEL markers and per-level files",
            Self::Classic => {
                "numbered sections, PASS / FAIL / CONDITIONAL gate evaluation, unknowns checklist"
            }
        }
    }

    /// The embedded plan template.
    #[must_use]
    pub fn plan_template(self) -> &'static str {
        templates::template(self.name(), "plan-template").unwrap_or("")
    }

    /// The schema derived from the embedded plan template (computed once).
    #[must_use]
    pub fn plan_schema(self) -> &'static Arc<Schema> {
        static SCHEMAS: OnceLock<Vec<Arc<Schema>>> = OnceLock::new();
        let schemas = SCHEMAS.get_or_init(|| {
            Self::ALL
                .iter()
                .map(|dialect| {
                    let template = Document::parse(dialect.plan_template().to_owned());
                    Arc::new(Schema::derive(&template))
                })
                .collect()
        });
        let index = Self::ALL.iter().position(|d| *d == self).unwrap_or(0);
        &schemas[index]
    }

    /// The schema derived from the embedded spec template, for the dialects that have one
    /// (computed once). Specs of the others get only the checks every artifact gets.
    #[must_use]
    pub fn spec_schema(self) -> Option<&'static Arc<Schema>> {
        static SCHEMAS: OnceLock<Vec<Option<Arc<Schema>>>> = OnceLock::new();
        let schemas = SCHEMAS.get_or_init(|| {
            Self::ALL
                .iter()
                .map(|dialect| {
                    templates::template(dialect.name(), "spec-template")
                        .map(|text| Arc::new(Schema::derive(&Document::parse(text.to_owned()))))
                })
                .collect()
        });
        let index = Self::ALL.iter().position(|d| *d == self)?;
        schemas.get(index)?.as_ref()
    }

    /// File names a plan has in this dialect, preferred first.
    #[must_use]
    pub fn plan_file_names(self) -> &'static [&'static str] {
        match self {
            Self::Epic => &["impl-plan.md", "plan.md"],
            Self::Classic => &["implementation-plan.md", "plan.md"],
            _ => &["plan.md"],
        }
    }
}

/// The dialect a feature is checked with: the semantics of a built-in (if any) and the schema
/// of the template its plans are written from.
#[derive(Clone, Debug)]
pub struct ActiveDialect {
    /// The built-in whose semantic rules apply, if any.
    pub builtin: Option<BuiltinDialect>,
    /// The plan schema.
    pub schema: Arc<Schema>,
    /// The spec schema: the project's own spec template, or the built-in's; `None` when
    /// neither exists, and specs get only the checks every artifact gets.
    pub spec_schema: Option<Arc<Schema>>,
    /// Whether the schema comes from the project's own template rather than a built-in.
    pub custom: bool,
    /// Whether the dialect is known for sure (named, marked, the project's template, the plan's
    /// file name, or a close resemblance) rather than a best guess. Closed gate vocabularies and
    /// dialect markers are only enforced when it is.
    pub certain: bool,
}

impl ActiveDialect {
    /// A built-in dialect with its own schema.
    #[must_use]
    pub fn builtin(dialect: BuiltinDialect) -> Self {
        Self {
            builtin: Some(dialect),
            schema: Arc::clone(dialect.plan_schema()),
            spec_schema: dialect.spec_schema().cloned(),
            custom: false,
            certain: true,
        }
    }

    /// A built-in dialect guessed from the sections a plan has.
    #[must_use]
    pub fn guessed(dialect: BuiltinDialect, certain: bool) -> Self {
        Self {
            certain,
            ..Self::builtin(dialect)
        }
    }

    /// The name reported for this dialect: the built-in's, or `custom`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match (self.custom, self.builtin) {
            (false, Some(dialect)) => dialect.name(),
            _ => "custom",
        }
    }

    /// Whether the built-in semantics are `dialect`'s.
    #[must_use]
    pub fn is(&self, dialect: BuiltinDialect) -> bool {
        self.builtin == Some(dialect)
    }
}

/// A project's own plan template, when it has one: either a built-in's, recognised by its
/// text, or a custom template with its derived schema.
#[derive(Clone, Debug)]
pub enum ProjectTemplate {
    /// The project uses a built-in dialect's template unchanged.
    Builtin(BuiltinDialect),
    /// The project has its own template.
    Custom {
        /// Its schema.
        schema: Arc<Schema>,
        /// The built-in it resembles most, whose semantic rules apply.
        closest: Option<BuiltinDialect>,
    },
}

impl ProjectTemplate {
    /// Recognises a project's plan template.
    #[must_use]
    pub fn from_text(text: &str) -> Self {
        let normalized = text.replace("\r\n", "\n");
        if let Some(dialect) = BuiltinDialect::ALL
            .into_iter()
            .find(|dialect| dialect.plan_template() == normalized)
        {
            return Self::Builtin(dialect);
        }
        let document = Document::parse(normalized);
        let schema = Schema::derive(&document);
        let closest = closest_builtin(&document)
            .filter(|&(_, score)| score >= 0.5)
            .map(|(d, _)| d);
        Self::Custom {
            schema: Arc::new(schema),
            closest,
        }
    }

    /// The active dialect this template gives.
    #[must_use]
    pub fn active(&self) -> ActiveDialect {
        match self {
            Self::Builtin(dialect) => ActiveDialect::builtin(*dialect),
            Self::Custom { schema, closest } => ActiveDialect {
                builtin: *closest,
                schema: Arc::clone(schema),
                spec_schema: closest.and_then(BuiltinDialect::spec_schema).cloned(),
                custom: true,
                certain: true,
            },
        }
    }
}

/// The built-in whose plan template a document's sections resemble most, with a score from 0
/// to 1: the harmonic mean of the share of the template's sections the document has and the
/// share of the document's sections the template has. Both matter: a plan written from a long
/// template covers every section of a short one.
#[must_use]
pub fn closest_builtin(document: &Document) -> Option<(BuiltinDialect, f64)> {
    let document_sections = document
        .headings
        .iter()
        .filter(|heading| (2..=3).contains(&heading.level) && !heading.key.is_empty())
        .count();
    let mut best: Option<(BuiltinDialect, f64)> = None;
    for dialect in BuiltinDialect::ALL {
        let schema = dialect.plan_schema();
        let matched = schema
            .match_sections(document)
            .iter()
            .filter(|m| m.is_some())
            .count();
        if matched == 0 || schema.sections.is_empty() || document_sections == 0 {
            continue;
        }
        let recall = count_f64(matched) / count_f64(schema.sections.len());
        let precision = (count_f64(matched) / count_f64(document_sections)).min(1.0);
        let score = 2.0 * recall * precision / (recall + precision);
        if best.is_none_or(|(_, top)| score > top) {
            best = Some((dialect, score));
        }
    }
    best
}

fn count_f64(count: usize) -> f64 {
    f64::from(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Reads dialect markers in a document: `SPECKIT_LEVEL` / `SPECKIT_TEMPLATE_SOURCE` comments
/// mean `leveled`; front matter with `feature_id` and `constitution_version` means `gated`.
#[must_use]
pub fn dialect_from_markers(document: &Document) -> Option<BuiltinDialect> {
    let leveled = document.markers.iter().any(|marker| {
        matches!(
            document.slice(marker.name),
            "SPECKIT_LEVEL" | "SPECKIT_TEMPLATE_SOURCE"
        )
    });
    if leveled {
        return Some(BuiltinDialect::Leveled);
    }
    let gated = document.front_matter.as_ref().is_some_and(|front| {
        let has = |wanted: &str| {
            front
                .entries
                .iter()
                .any(|e| document.slice(e.key) == wanted)
        };
        has("feature_id") && has("constitution_version")
    });
    gated.then_some(BuiltinDialect::Gated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_is_recognised_as_itself() {
        for dialect in BuiltinDialect::ALL {
            let document = Document::parse(dialect.plan_template().to_owned());
            let (closest, score) = closest_builtin(&document).unwrap();
            assert_eq!(closest, dialect, "{dialect:?}");
            assert!((score - 1.0).abs() < f64::EPSILON, "{dialect:?} {score}");
            assert!(matches!(
                ProjectTemplate::from_text(dialect.plan_template()),
                ProjectTemplate::Builtin(d) if d == dialect
            ));
        }
    }

    #[test]
    fn markers_name_their_dialects() {
        let leveled = Document::parse("<!-- SPECKIT_LEVEL: 2 -->\n# Plan\n".to_owned());
        assert_eq!(
            dialect_from_markers(&leveled),
            Some(BuiltinDialect::Leveled)
        );
        let gated = Document::parse(
            "---\nfeature_id: 001-x\nconstitution_version: 1.0.0\n---\n# Plan\n".to_owned(),
        );
        assert_eq!(dialect_from_markers(&gated), Some(BuiltinDialect::Gated));
        let plain = Document::parse("---\ntitle: x\n---\n# Plan\n".to_owned());
        assert_eq!(dialect_from_markers(&plain), None);
    }
}
