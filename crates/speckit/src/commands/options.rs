//! Options shared by the commands that walk trees of features (`check`, `analyze`).

use std::io;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use speckit_project::config::{self, CheckConfig, Overrides};

/// Where to look and which rules apply.
#[derive(Debug, Args)]
pub(crate) struct Selection {
    /// Use this dialect instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = ["speckit", "epic", "ssd", "gated", "leveled", "classic"])]
    pub(crate) dialect: Option<String>,

    /// Only these rules: codes (SK301), prefixes (SK3), names (gate-failed) or ALL.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,

    /// Skip these rules (same forms as --select).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,

    /// Use this configuration file instead of discovering .specify/speckit.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Follow symbolic links to folders while walking (loops are detected and reported).
    #[arg(short = 'L', long)]
    pub(crate) follow: bool,
}

impl Selection {
    /// The configuration for `paths` (found from the first), with these options and `stage`
    /// over it.
    pub(crate) fn load(
        &self,
        paths: &[PathBuf],
        stage: Option<String>,
    ) -> anyhow::Result<CheckConfig> {
        let overrides = Overrides {
            dialect: self.dialect.clone(),
            stage,
            select: self.select.clone(),
            ignore: self.ignore.clone(),
        };
        let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        Ok(config::load(self.config.as_deref(), &start, &overrides)?)
    }
}

/// The paths given, or the current directory.
pub(crate) fn paths_or_current(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// Paths as a message shows them.
pub(crate) fn shown(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// When to use colours.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output meant for people (`human`): `auto` means on a terminal, and
    /// not when `NO_COLOR` is set.
    pub(crate) fn enabled(self, human: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                human
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}
