//! The `speckit` binary's integration tests: one test binary, one module per area.

// A test that cannot run its subject should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod agreement;
mod analyze;
mod check;
mod compat;
mod engine;
mod eval;
mod gate;
mod hostile;
mod ids;
mod status;
mod support;
mod tasks;
mod templates;
