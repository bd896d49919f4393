//! A whole feature folder built from arbitrary bytes, judged by every view speckit has of it:
//! the check, the cross-artifact analysis, the status, and the task model and its graph
//! (waves, ready tasks, cycles, Mermaid, DOT, JSON) as `speckit tasks` reads them. Nothing may
//! panic, every range must lie on character boundaries inside its text, and `speckit tasks`
//! must find what `speckit check` finds.

#![no_main]

use libfuzzer_sys::fuzz_target;
use speckit_lint::analyze::analyze_feature;
use speckit_lint::check::check_tasks;
use speckit_lint::status::FeatureStatus;
use speckit_lint::render::tasks as json;
use speckit_lint::tasks::draw;
use speckit_lint::{
    Content, EntryKind, FeatureInput, InputFile, Probe, ProjectProfile, Settings, Stage,
    check_feature,
};

struct Everything;

impl Probe for Everything {
    fn entry(&self, _path: &str) -> Option<EntryKind> {
        Some(EntryKind::File)
    }
    fn entry_from_root(&self, _path: &str) -> Option<Option<EntryKind>> {
        Some(Some(EntryKind::File))
    }
}

fn file(name: &str, bytes: &[u8]) -> InputFile {
    InputFile {
        path: name.to_owned(),
        rel: name.to_owned(),
        content: Content::Bytes(bytes.to_vec()),
        ignored: Vec::new(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    // The input is spec, plan and tasks, split at form feeds, so each file can differ.
    let mut parts = rest.splitn(3, |&b| b == 0x0c);
    let spec = parts.next().unwrap_or_default();
    let plan = parts.next().unwrap_or(spec);
    let tasks = parts.next().unwrap_or(plan);

    let profile = ProjectProfile::new(None, std::str::from_utf8(plan).ok());
    let input = FeatureInput {
        dir: "specs/001-f".to_owned(),
        name: "001-f".to_owned(),
        files: vec![
            file("spec.md", spec),
            file("plan.md", plan),
            file("tasks.md", tasks),
            file("research.md", plan),
        ],
        probe: &Everything,
        project: &profile,
    };
    let mut settings = Settings::default();
    settings.stage = Stage::ALL.get(usize::from(selector) % 8).copied();
    let analysis = analyze_feature(&input, &settings);
    for row in &analysis.coverage {
        let spec_text = analysis
            .report
            .files
            .iter()
            .find(|f| f.path == "spec.md")
            .map_or("", |f| f.text.as_str());
        assert!(row.range.end() <= spec_text.len() || spec_text.is_empty(), "{row:?}");
    }
    let report = check_feature(&input, &settings);
    let status = FeatureStatus::of(&report);
    let _ = status.next_stage();
    let _ = status.missing().count();

    // `speckit tasks` judges the same loaded feature as `check`: the same findings.
    let Ok(checked) = check_tasks(&input, &settings) else {
        return;
    };
    for (ours, theirs) in checked.report.files.iter().zip(&report.files) {
        assert_eq!(ours.diagnostics, theirs.diagnostics);
    }
    let (doc, list, graph) = (&checked.document, &checked.list, &checked.graph);
    let ready = graph.ready(list);
    assert!(ready.iter().all(|&index| index < list.tasks.len()));
    let diagnostics = &checked.report.files[checked.file].diagnostics;
    for diagnostic in diagnostics {
        assert!(diagnostic.range.end() <= doc.text().len(), "{diagnostic:?}");
        assert!(doc.text().is_char_boundary(diagnostic.range.start()));
        assert!(doc.text().is_char_boundary(diagnostic.range.end()));
    }
    let _ = draw::mermaid(doc, list, graph);
    let _ = draw::dot(doc, list, graph);
    let _ = json::document("tasks.md", doc, list, graph, diagnostics);
    let _ = json::ready_document("tasks.md", doc, list, graph, diagnostics);
});
