//! Scenario files: types, parsing, checks and overlays. Plain data; no ECS.

pub mod check;
pub mod diagnostic;
pub mod overlay;
pub mod parse;
pub mod types;

pub use diagnostic::{Diagnostic, Severity};
pub use parse::Source;
pub use types::*;

use std::path::Path;

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

/// How many overlays may stand on each other (`base` chains); more is a cycle or a mistake.
pub const MAX_OVERLAY_DEPTH: usize = 8;

/// Parses a file and, if it is an overlay, its bases; returns the scenario
/// with the overlays applied and every source read, base first. Only parse
/// and overlay problems are reported here; `check` runs on the result.
pub fn assemble(path: &Path) -> Result<Loaded, LoadError> {
    let mut chain: Vec<Source> = Vec::new();
    let mut next = path.to_path_buf();
    loop {
        let src = Source::read(&next).map_err(|d| LoadError {
            diagnostics: vec![d],
            sources: chain.clone(),
        })?;
        let base = overlay::base_of(&src);
        chain.push(src);
        let Some(base) = base else { break };
        if chain.len() > MAX_OVERLAY_DEPTH {
            let last = chain.last().expect("pushed");
            let d = Diagnostic::error(
                "E034",
                "overlay-depth",
                format!("more than {MAX_OVERLAY_DEPTH} overlays in a chain (a cycle?)"),
            )
            .at(&last.path, 1, 1, 1);
            return Err(LoadError {
                diagnostics: vec![d],
                sources: chain,
            });
        }
        next = next.parent().unwrap_or(Path::new(".")).join(base);
    }
    chain.reverse();
    let mut scenario: Scenario = parse::parse(&chain[0]).map_err(|d| LoadError {
        diagnostics: vec![d],
        sources: chain.clone(),
    })?;
    let mut diagnostics = Vec::new();
    for src in &chain[1..] {
        match parse::parse::<overlay::Overlay>(src) {
            Ok(o) => diagnostics.extend(overlay::apply(&mut scenario, &o, src)),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(Loaded {
            scenario,
            sources: chain,
        })
    } else {
        Err(LoadError {
            diagnostics,
            sources: chain,
        })
    }
}

/// Checks an assembled scenario; errors (not warnings) fail the load.
pub fn checked(loaded: Loaded) -> Result<Loaded, LoadError> {
    let diagnostics: Vec<Diagnostic> = check::check(&loaded.scenario, &loaded.sources)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if diagnostics.is_empty() {
        Ok(loaded)
    } else {
        Err(LoadError {
            diagnostics,
            sources: loaded.sources,
        })
    }
}

/// Parses and checks a full scenario given as text (no overlays).
pub fn load_source(src: Source) -> Result<Loaded, LoadError> {
    match parse::parse(&src) {
        Ok(scenario) => checked(Loaded {
            scenario,
            sources: vec![src],
        }),
        Err(d) => Err(LoadError {
            diagnostics: vec![d],
            sources: vec![src],
        }),
    }
}

/// Reads, parses and checks a scenario file, applying it to its base if it is an overlay.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    assemble(path).and_then(checked)
}
