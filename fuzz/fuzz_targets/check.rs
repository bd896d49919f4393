//! Parse and check arbitrary bytes as every kind of artifact, in every dialect, at every stage.
//! Nothing may panic, and every reported range must lie inside the text it refers to.

#![no_main]

use libfuzzer_sys::fuzz_target;
use speckit_lint::{
    BuiltinDialect, Content, EntryKind, FeatureInput, InputFile, Probe, ProjectProfile, Settings, Stage,
    check_feature,
};

/// A disk where only some paths exist, chosen by the input itself.
struct Fickle(u8);

impl Probe for Fickle {
    fn entry(&self, path: &str) -> Option<EntryKind> {
        match (path.len() as u8 ^ self.0) % 3 {
            0 => None,
            1 => Some(EntryKind::File),
            _ => Some(EntryKind::Dir),
        }
    }
    fn entry_from_root(&self, path: &str) -> Option<Option<EntryKind>> {
        Some(self.entry(path))
    }
}

const NAMES: [&str; 6] = ["plan.md", "spec.md", "tasks.md", "checklists/requirements.md", "research.md", "impl-plan.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    // The document itself, parsed on its own.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let document = speckit_doc::Document::parse(text.to_owned());
        for heading in &document.headings {
            assert!(heading.range.end() <= text.len());
        }
    }
    // A whole feature built from the input: the bytes as one artifact, and as its template.
    let template = std::str::from_utf8(bytes).ok();
    let profile = ProjectProfile::new(template.filter(|_| selector & 0x80 != 0), template);
    let probe = Fickle(selector);
    let name = NAMES[usize::from(selector) % NAMES.len()];
    let input = FeatureInput {
        dir: "f".to_owned(),
        name: "001-f".to_owned(),
        files: vec![
            InputFile { path: name.to_owned(), rel: name.to_owned(), content: Content::Bytes(bytes.to_vec()), ignored: Vec::new() },
            InputFile { path: "research.md".to_owned(), rel: "research.md".to_owned(), content: Content::Bytes(bytes.to_vec()), ignored: Vec::new() },
        ],
        probe: &probe,
        project: &profile,
    };
    let mut settings = Settings::default();
    settings.dialect = BuiltinDialect::ALL.get(usize::from(selector >> 4) % 7).copied();
    settings.stage = Stage::ALL.get(usize::from(selector >> 1) % 8).copied();
    let report = check_feature(&input, &settings);
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            assert!(diagnostic.range.end() <= file.text.len(), "{diagnostic:?}");
            assert!(file.text.is_char_boundary(diagnostic.range.start()));
            assert!(file.text.is_char_boundary(diagnostic.range.end()));
        }
    }
});
