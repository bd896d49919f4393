//! What the speckit-lint integration tests share: checking one plan as the disk edge hands it.

use speckit_lint::{
    Content, EntryKind, FeatureInput, FeatureReport, InputFile, Probe, ProjectProfile, Settings,
    Stage, check_feature,
};

/// A disk on which every path exists, so that no companion file is missing.
struct Everything;

impl Probe for Everything {
    fn entry(&self, _: &str) -> Option<EntryKind> {
        Some(EntryKind::File)
    }
    fn entry_from_root(&self, _: &str) -> Option<Option<EntryKind>> {
        Some(Some(EntryKind::File))
    }
}

/// The report on a feature holding only a plan with `text`, checked at `ready`.
pub(crate) fn check_plan(text: String) -> FeatureReport {
    let profile = ProjectProfile::default();
    let input = FeatureInput {
        dir: "specs/001-x".to_owned(),
        name: "001-x".to_owned(),
        files: vec![InputFile {
            path: "specs/001-x/plan.md".to_owned(),
            rel: "plan.md".to_owned(),
            content: Content::Bytes(text.into_bytes()),
            ignored: Vec::new(),
        }],
        probe: &Everything,
        project: &profile,
    };
    let mut settings = Settings::default();
    settings.stage = Some(Stage::Ready);
    check_feature(&input, &settings)
}
