//! The judgement of speckit: dialects, template-as-schema, the rule registry, the checks and the
//! renderers of their results.
//!
//! Data flows one way: a feature's files (bytes, from the disk edge) are decoded and parsed into
//! documents ([`speckit_doc`]), a dialect is chosen, the rules produce [`Diagnostic`]s, and the
//! diagnostics add up to a verdict per file and per feature; [`render`] turns reports into
//! human, concise, JSON, SARIF or GitHub output. Nothing here touches the disk: the edge answers
//! existence questions through [`input::Probe`].

#![deny(missing_docs)]

pub mod analyze;
pub mod check;
pub mod diagnostic;
pub mod dialect;
mod engine;
pub mod ids;
pub mod input;
pub mod registry;
pub mod render;
pub mod report;
pub mod rule;
mod rules;
pub mod schema;
pub mod settings;
pub mod severity;
pub mod stage;
pub mod status;
pub mod tasks;
mod version;

pub use check::check_feature;
pub use diagnostic::{Diagnostic, FileKind, Severity, Verdict};
pub use dialect::BuiltinDialect;
pub use input::{
    Content, EntryKind, FeatureInput, InputFile, Probe, ProjectDocument, ProjectProfile, kind_of,
};
pub use registry::{RULES, Rule};
pub use report::{FeatureReport, FileReport, TaskProgress};
pub use settings::Settings;
pub use stage::Stage;
