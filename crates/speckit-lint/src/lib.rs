//! The judgement of speckit: dialects, template-as-schema, the rule registry, the checks and the
//! renderers of their results.
//!
//! Data flows one way: a feature's files (bytes, from the disk edge) are decoded and parsed into
//! documents ([`speckit_doc`]), a dialect is chosen, the rules produce [`Diagnostic`]s, and the
//! diagnostics add up to a verdict per file and per feature; [`render`] turns reports into
//! human, concise, JSON, SARIF or GitHub output. Nothing here touches the disk: the edge answers
//! existence questions through [`check::Probe`].

#![deny(missing_docs)]

pub mod analyze;
pub mod check;
pub mod diagnostic;
pub mod dialect;
pub mod ids;
pub mod registry;
pub mod render;
mod rules;
pub mod schema;
pub mod settings;
pub mod stage;
pub mod status;
pub mod tasks;

pub use check::{
    Content, EntryKind, FeatureInput, FeatureReport, FileReport, InputFile, Probe, ProjectProfile,
    check_feature, kind_of,
};
pub use diagnostic::{Diagnostic, FileKind, Severity, Verdict};
pub use dialect::BuiltinDialect;
pub use registry::{RULES, Rule};
pub use settings::Settings;
pub use stage::Stage;
