//! Parse arbitrary text as `.specify/speckit.toml` and resolve it into check settings, as
//! `config::load` does once the file is read. Nothing may panic or take more than linear time;
//! an error names the file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use speckit_project::config::{self, Overrides};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("/p/.specify/speckit.toml");
    match config::from_str(text, path, &Overrides::default()) {
        Ok(config) => {
            // Per-path globs match paths inside and outside the project.
            for probe in ["/p/specs/001-x/plan.md", "/elsewhere/spec.md", "/p/.specify"] {
                let _ = config.ignored_for(Path::new(probe));
            }
        }
        Err(error) => {
            let message = error.to_string();
            assert!(message.starts_with("/p/.specify/speckit.toml: "), "{message}");
        }
    }
});
