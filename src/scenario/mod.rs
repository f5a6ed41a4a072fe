//! Scenario files: types, parsing, checks and overlays. Plain data; no ECS.

pub mod check;
pub mod diagnostic;
pub mod parse;
pub mod types;

pub use diagnostic::{Diagnostic, Severity};
pub use parse::Source;
pub use types::*;

use std::path::{Path, PathBuf};

/// Where the bundled scenarios are: `scenarios/` under the working directory,
/// or where the crate was built.
pub fn bundled(name: &str) -> PathBuf {
    let local = PathBuf::from("scenarios").join(name);
    if local.exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// A scenario ready to build, with the sources it came from (for hashes and diagnostics).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub sources: Vec<Source>,
}

/// Everything wrong with an input, found in one pass.
#[derive(Clone, Debug)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Parses and checks a scenario from text; errors (not warnings) fail the load.
pub fn load_source(src: Source) -> Result<Loaded, LoadError> {
    let scenario: Scenario = match parse::parse(&src) {
        Ok(s) => s,
        Err(d) => {
            return Err(LoadError {
                diagnostics: vec![d],
                sources: vec![src],
            });
        }
    };
    let diagnostics: Vec<Diagnostic> = check::check(&scenario, &src)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if diagnostics.is_empty() {
        Ok(Loaded {
            scenario,
            sources: vec![src],
        })
    } else {
        Err(LoadError {
            diagnostics,
            sources: vec![src],
        })
    }
}

/// Reads, parses and checks a scenario file.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    match Source::read(path) {
        Ok(src) => load_source(src),
        Err(d) => Err(LoadError {
            diagnostics: vec![d],
            sources: vec![],
        }),
    }
}
