//! Every template embedded in the binary.
//!
//! One row per file under `crates/speckit-lint/templates/<dialect>/<name>.md`. The `speckit`
//! dialect's templates are written for this project with upstream Spec Kit's structure; the other
//! dialects' plan templates are their users' own files, byte for byte.

/// `(dialect, template name, text)`.
pub static TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "speckit",
        "plan-template",
        include_str!("../../templates/speckit/plan-template.md"),
    ),
    (
        "speckit",
        "spec-template",
        include_str!("../../templates/speckit/spec-template.md"),
    ),
    (
        "speckit",
        "tasks-template",
        include_str!("../../templates/speckit/tasks-template.md"),
    ),
    (
        "speckit",
        "checklist-template",
        include_str!("../../templates/speckit/checklist-template.md"),
    ),
    (
        "speckit",
        "constitution-template",
        include_str!("../../templates/speckit/constitution-template.md"),
    ),
    (
        "epic",
        "plan-template",
        include_str!("../../templates/epic/plan-template.md"),
    ),
    (
        "ssd",
        "plan-template",
        include_str!("../../templates/ssd/plan-template.md"),
    ),
    (
        "gated",
        "plan-template",
        include_str!("../../templates/gated/plan-template.md"),
    ),
    (
        "leveled",
        "plan-template",
        include_str!("../../templates/leveled/plan-template.md"),
    ),
    (
        "classic",
        "plan-template",
        include_str!("../../templates/classic/plan-template.md"),
    ),
];

/// Lines upstream Spec Kit's templates have carried across their versions that a written
/// document does not keep, as guidance and as examples (`templates/upstream/history.md`).
pub static UPSTREAM_HISTORY: &str = include_str!("../../templates/upstream/history.md");

/// The embedded template `name` (e.g. `plan-template`) of `dialect`, if there is one.
#[must_use]
pub fn template(dialect: &str, name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(d, n, _)| *d == dialect && *n == name)
        .map(|(_, _, text)| *text)
}
