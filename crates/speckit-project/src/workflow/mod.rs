//! The planning workflow: everything `speckit` does to a project that Spec Kit's scripts do, plus
//! the native commands built on the same functions.

pub mod agent_context;
pub mod env;
pub mod feature;
pub mod fsutil;
pub mod git;
pub mod init;
pub mod layers;
pub mod layout;
pub mod lock;
pub mod naming;
pub mod paths;
pub mod root;
pub mod scripts;
pub mod state;
pub mod text;
pub mod yaml;

#[cfg(test)]
mod robustness_tests;
