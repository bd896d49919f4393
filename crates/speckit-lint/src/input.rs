//! What the disk edge hands the core: a feature folder's files as bytes, a [`Probe`] that
//! answers existence questions, and the [`ProjectProfile`] computed once per project.

use std::sync::Arc;

use speckit_doc::Document;

use crate::diagnostic::FileKind;
use crate::dialect::{ActiveDialect, ProjectTemplate, templates};
use crate::rule::Rule;
use crate::schema::Schema;
use crate::version::constitution_version;

/// Answers questions about the disk without the core doing IO.
pub trait Probe: Sync {
    /// What is at `path`, relative to the feature folder (it may start with `../`).
    fn entry(&self, path: &str) -> Option<EntryKind>;
    /// What is at `path`, relative to the project root; `None` when the root is unknown.
    fn entry_from_root(&self, path: &str) -> Option<Option<EntryKind>>;
}

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A file.
    File,
    /// A directory with nothing in it.
    EmptyDir,
    /// A directory with entries.
    Dir,
}

/// A file's content as the edge could get it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// The file could not be read; the reason, for the message.
    Unreadable(String),
    /// The file is larger than the configured limit and was not read.
    TooLarge {
        /// Its size in bytes, when known: a device or a growing file has none to tell.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
}

/// One file of a feature.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The path as it should be printed.
    pub path: String,
    /// The path relative to the feature folder, with `/` separators (`checklists/ux.md`).
    pub rel: String,
    /// Its content.
    pub content: Content,
    /// Rules switched off for this file (per-path ignores from the configuration).
    pub ignored: Vec<&'static Rule>,
}

/// A feature folder to check: its files and what the core may ask about the disk.
pub struct FeatureInput<'a> {
    /// The folder as it should be printed.
    pub dir: String,
    /// The folder's name (`003-user-auth`).
    pub name: String,
    /// The files to check.
    pub files: Vec<InputFile>,
    /// Existence of companion files and link targets.
    pub probe: &'a dyn Probe,
    /// What is known of the project the feature belongs to.
    pub project: &'a ProjectProfile,
}

impl FeatureInput<'_> {
    /// Whether the folder is a feature, as opposed to a folder holding only a constitution or
    /// only an epic's own documents (its ExecPlan, its design map).
    #[must_use]
    pub fn is_feature(&self) -> bool {
        self.files.iter().any(|file| is_feature_artifact(&file.rel))
    }

    /// Whether the folder reads as planning notes rather than a Spec Kit feature: no spec, no
    /// feature number in its name (`003-`, `EPIC-API-002`), and several documents of one
    /// programme of work (a plan and its task list kept in `docs/roadmap/`). Such a folder is
    /// not told that its spec is missing.
    #[must_use]
    pub fn is_planning_notes(&self) -> bool {
        let documents = self
            .files
            .iter()
            .filter(|file| is_feature_artifact(&file.rel))
            .count();
        documents >= 2
            && !self.name.chars().any(|c| c.is_ascii_digit())
            && !self
                .files
                .iter()
                .any(|file| kind_of(&file.rel) == FileKind::Spec)
    }
}

/// Whether a file (by its path relative to its folder) belongs to a feature: anything but a
/// constitution and an epic's own documents.
fn is_feature_artifact(rel: &str) -> bool {
    kind_of(rel) != FileKind::Constitution && !is_epic_document(rel)
}

/// Whether a path names one of the documents an epic (`epic` dialect) keeps beside its
/// features: `exec-plan.md`, the epic's ExecPlan, and `design/index.md`, its design map.
#[must_use]
pub fn is_epic_document(rel: &str) -> bool {
    let mut parts = rel.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or("");
    let parent = parts.next().unwrap_or("");
    name == "exec-plan.md" || (name == "index.md" && parent == "design")
}

/// Project-wide facts, computed once per project.
#[derive(Clone, Debug, Default)]
pub struct ProjectProfile {
    /// The project's own plan template, when it has one.
    pub template: Option<ProjectTemplate>,
    /// The constitution's version (`**Version**: 1.2.0`), when there is a constitution.
    pub constitution_version: Option<String>,
    /// The dialect the project's plans are written in, for folders that have no plan of their
    /// own (a constitution's folder, an overview spec).
    pub dialect_hint: Option<ActiveDialect>,
    /// The schema of the project's own spec template, when it has one: it is the schema of
    /// the project's specs whatever the dialect.
    pub spec_schema: Option<Arc<Schema>>,
    /// The constitution, parsed: `speckit analyze` looks for its principles in the plans'
    /// gates.
    pub constitution: Option<Arc<Document>>,
    /// The project's Overview spec (`ssd`), which defines the master data and APIs that
    /// feature specs refer to.
    pub overview: Option<ProjectDocument>,
    /// The schema of the project's own tasks template, when it has one.
    pub tasks_template: Option<Arc<Schema>>,
    /// The schema of the project's own checklist template, when it has one.
    pub checklist_template: Option<Arc<Schema>>,
    /// The branch scheme the majority of the project's features follow (their specs' Feature
    /// Branch fields, abstracted), when one does: a project's own convention is not wrong.
    pub branch_scheme: Option<String>,
}

/// A document of the project that features refer to, such as its Overview spec.
#[derive(Clone, Debug)]
pub struct ProjectDocument {
    /// Its path as printed in messages, relative to the project root.
    pub path: String,
    /// Its text, parsed.
    pub document: Arc<Document>,
}

impl ProjectProfile {
    /// Builds the profile from the project's plan template text and constitution text.
    #[must_use]
    pub fn new(plan_template: Option<&str>, constitution: Option<&str>) -> Self {
        let constitution = constitution.map(|text| Arc::new(Document::parse(text.to_owned())));
        Self {
            template: plan_template.map(ProjectTemplate::from_text),
            constitution_version: constitution.as_deref().and_then(constitution_version),
            dialect_hint: None,
            spec_schema: None,
            constitution,
            overview: None,
            tasks_template: None,
            checklist_template: None,
            branch_scheme: None,
        }
    }

    /// Remembers the project's Overview spec: its path relative to the project root, and its
    /// text.
    #[must_use]
    pub fn with_overview(mut self, path: &str, text: &str) -> Self {
        self.overview = Some(ProjectDocument {
            path: path.to_owned(),
            document: Arc::new(Document::parse(text.to_owned())),
        });
        self
    }

    /// Uses the project's own spec template (its text) as the schema of its specs. A built-in
    /// spec template kept byte for byte says nothing of the project (`speckit init` writes the
    /// upstream one for every dialect): the dialect's own choice stands.
    #[must_use]
    pub fn with_spec_template(mut self, text: &str) -> Self {
        self.spec_schema = project_schema("spec-template", text);
        self
    }

    /// Keeps the schema of the project's own tasks template (its text); a built-in one kept
    /// byte for byte says nothing of the project and is not kept.
    #[must_use]
    pub fn with_tasks_template(mut self, text: &str) -> Self {
        self.tasks_template = project_schema("tasks-template", text);
        self
    }

    /// Keeps the schema of the project's own checklist template (its text); a built-in one
    /// kept byte for byte says nothing of the project and is not kept.
    #[must_use]
    pub fn with_checklist_template(mut self, text: &str) -> Self {
        self.checklist_template = project_schema("checklist-template", text);
        self
    }
}

/// The schema of template `name` of a project, unless its text (line endings aside) is an
/// embedded template of that name.
fn project_schema(name: &str, text: &str) -> Option<Arc<Schema>> {
    let normalized = text.replace("\r\n", "\n");
    let builtin = templates::TEMPLATES
        .iter()
        .any(|&(_, builtin_name, builtin)| builtin_name == name && builtin == normalized);
    (!builtin).then(|| Arc::new(Schema::derive(&Document::parse(normalized))))
}

/// The kind of artifact a path names, by its file name and folder.
#[must_use]
pub fn kind_of(rel_path: &str) -> FileKind {
    let mut parts = rel_path.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or("").to_ascii_lowercase();
    let parent = parts.next().unwrap_or("").to_ascii_lowercase();
    match name.as_str() {
        "plan.md" | "impl-plan.md" | "implementation-plan.md" => FileKind::Plan,
        "spec.md" => FileKind::Spec,
        "tasks.md" => FileKind::Tasks,
        "checklist.md" => FileKind::Checklist,
        "constitution.md" => FileKind::Constitution,
        _ if parent == "checklists" && name.ends_with(".md") => FileKind::Checklist,
        _ => FileKind::Other,
    }
}
