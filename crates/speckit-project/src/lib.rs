//! Everything of speckit that touches the disk: finding projects and their configuration,
//! walking trees for artifacts, loading files for the pure core, and the planning workflow's
//! files and folders.

#![deny(missing_docs)]

pub mod config;
pub mod gate;
pub mod path_text;
pub mod project;
pub mod read;
pub mod runner;
pub mod tree;
pub mod workflow;

use std::path::PathBuf;

/// What can go wrong at the disk edge of a check.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{}: {source}", crate::path_text::shown(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The configuration file is invalid.
    #[error("{}: {message}", crate::path_text::shown(path))]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A command-line value is invalid.
    #[error("{0}")]
    Usage(String),
}
