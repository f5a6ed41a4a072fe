//! Scenario files: types, parsing, checks and overlays. Plain data; no ECS.

pub mod check;
pub mod codes;
pub mod confine;
pub mod diagnostic;
pub mod graph;
pub mod kinds;
pub mod lex;
pub mod mods;
pub mod overlay;
pub mod parse;
pub mod schema;
pub mod types;

pub use codes::Code;
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
    /// Scenario files: the base, its overlays, then mod files, in the order applied.
    pub sources: Vec<Source>,
    /// Mod manifests (kept apart: their ids are not scenario objects).
    pub manifests: Vec<Source>,
    /// Warnings found while assembling (conflicts between mods).
    pub warnings: Vec<Diagnostic>,
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

fn failed(diagnostics: Vec<Diagnostic>, sources: Vec<Source>) -> LoadError {
    LoadError {
        diagnostics,
        sources,
    }
}

/// Parses a file and, if it is an overlay, its bases; returns the scenario
/// with the overlays applied and every source read, base first. Only parse
/// and overlay problems are reported here; `check` runs on the result.
pub fn assemble(path: &Path) -> Result<Loaded, LoadError> {
    let mut chain: Vec<Source> = Vec::new();
    let mut next = path.to_path_buf();
    loop {
        let src = Source::read(&next).map_err(|d| {
            // A missing base is the overlay's problem: point at its `base` line.
            let d = match chain.last() {
                Some(o) => match o.find("base:", 0) {
                    Some((l, c, _)) => Diagnostic {
                        file: o.path.clone(),
                        line: l,
                        column: c,
                        len: 5,
                        ..d
                    },
                    None => d,
                },
                None => d,
            };
            failed(vec![d], chain.clone())
        })?;
        // Looked for once: a full scenario (no `base:`) is not read for one.
        let names_base = lex::has_top_level_key(&src.text, "base");
        let base = names_base.then(|| overlay::base_of(&src)).flatten();
        if base.is_none()
            && names_base
            && let Err(d) = parse::parse::<overlay::Overlay>(&src)
        {
            // An overlay too broken for the probe to read its base: its own error says why.
            chain.push(src);
            return Err(failed(vec![d], chain));
        }
        chain.push(src);
        let Some(base) = base else { break };
        if chain.len() > MAX_OVERLAY_DEPTH {
            let last = chain.last().expect("pushed");
            let (l, c, _) = last.find("base:", 0).unwrap_or((1, 1, 0));
            let d = Diagnostic::new(
                codes::OVERLAY_DEPTH,
                format!("more than {MAX_OVERLAY_DEPTH} overlays in a chain (a cycle?)"),
            )
            .hint("check that no overlay is, through its bases, its own base")
            .at(&last.path, l, c, 5);
            return Err(failed(vec![d], chain));
        }
        // A base is data too: a relative name of a `.ron` file, never quoted otherwise.
        next = match confine::confine(None, next.parent().unwrap_or(Path::new(".")), &base) {
            Ok(p) => p,
            Err(why) => {
                let last = chain.last().expect("pushed");
                let (l, c, _) = last.find("base:", 0).unwrap_or((1, 1, 0));
                let d = Diagnostic::new(codes::OUTSIDE_FOLDER, format!("the base {why}"))
                    .hint("a `base` is a relative name of a `.ron` file; see docs/modding.md")
                    .at(&last.path, l, c, 5);
                return Err(failed(vec![d], chain));
            }
        };
    }
    chain.reverse();
    let mut scenario: Scenario =
        parse::parse(&chain[0]).map_err(|d| failed(vec![d], chain.clone()))?;
    let mut diagnostics = Vec::new();
    for src in &chain[1..] {
        match parse::parse::<overlay::Overlay>(src) {
            Ok(o) => diagnostics.extend(overlay::apply(&mut scenario, &o, src)),
            Err(d) => diagnostics.push(d),
        }
    }
    // An overlay's warnings (a list that drops the base's entries) are kept
    // for `validate`; only errors fail the load.
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.is_error());
    if errors.is_empty() {
        Ok(Loaded {
            scenario,
            sources: chain,
            manifests: Vec::new(),
            warnings,
        })
    } else {
        Err(failed(errors, chain))
    }
}

/// [`assemble`], then the mods in `mod_dirs` applied in dependency and load order.
pub fn assemble_with_mods(path: &Path, mod_dirs: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = assemble(path)?;
    if mod_dirs.is_empty() {
        return Ok(loaded);
    }
    let (list, manifests, mut diagnostics) = mods::load(mod_dirs);
    let (files, applied) = mods::apply(&mut loaded.scenario, &list);
    diagnostics.extend(applied);
    loaded.sources.extend(files);
    loaded.manifests = manifests;
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.is_error());
    if errors.is_empty() {
        loaded.warnings.extend(warnings);
        Ok(loaded)
    } else {
        let mut sources = loaded.sources;
        sources.extend(loaded.manifests);
        Err(failed(errors, sources))
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
        Err(failed(diagnostics, loaded.sources))
    }
}

/// Parses and checks a full scenario given as text (no overlays).
pub fn load_source(src: Source) -> Result<Loaded, LoadError> {
    match parse::parse(&src) {
        Ok(scenario) => checked(Loaded {
            scenario,
            sources: vec![src],
            manifests: Vec::new(),
            warnings: Vec::new(),
        }),
        Err(d) => Err(failed(vec![d], vec![src])),
    }
}

/// Reads, parses and checks a scenario file, applying it to its base if it is an overlay.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    assemble(path).and_then(checked)
}

/// [`load_path`] with mods.
pub fn load_with_mods(path: &Path, mod_dirs: &[PathBuf]) -> Result<Loaded, LoadError> {
    assemble_with_mods(path, mod_dirs).and_then(checked)
}

/// What validating some files found: every diagnostic once (silenced warnings
/// included, marked), in file and line order, with the sources to show them.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
}

impl Report {
    /// The diagnostics to show: not silenced by an `allow`.
    pub fn shown(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.suppressed)
    }

    pub fn errors(&self) -> usize {
        self.shown().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.shown().filter(|d| !d.is_error()).count()
    }

    pub fn suppressed(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.suppressed).count()
    }
}

/// What checking one file with its bases and mods found.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Every problem, silenced warnings included (marked), in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read: the base, overlays, mod files, then manifests.
    pub sources: Vec<Source>,
}

/// Parse, overlay, mod and check problems of one file, with every file read:
/// one step of [`validate`], and what the language server runs on each change.
pub fn check_file(file: &Path, mod_dirs: &[PathBuf]) -> Checked {
    match assemble_with_mods(file, mod_dirs) {
        Ok(l) => {
            let mut diagnostics = l.warnings;
            diagnostics.extend(check::check(&l.scenario, &l.sources));
            let mut sources = l.sources;
            sources.extend(l.manifests);
            Checked {
                diagnostics,
                sources,
            }
        }
        Err(e) => Checked {
            diagnostics: e.diagnostics,
            sources: e.sources,
        },
    }
}

/// Validates scenario files, each with the same mods: parse, overlay, mod and
/// check problems in one pass. A problem several files share (overlays on one
/// base) is reported once.
pub fn validate(files: &[PathBuf], mod_dirs: &[PathBuf]) -> Report {
    let mut report = Report::default();
    let mut found = Vec::new();
    for f in files {
        let Checked {
            diagnostics: diags,
            sources,
        } = check_file(f, mod_dirs);
        // Keep only the files problems are in: a folder of big clean files costs nothing to keep.
        for s in sources {
            let shown = diags.iter().any(|d| d.file == s.path);
            if shown && !report.sources.iter().any(|x| x.path == s.path) {
                report.sources.push(s);
            }
        }
        found.extend(diags);
    }
    let file_rank = |d: &Diagnostic| {
        report
            .sources
            .iter()
            .position(|s| s.path == d.file)
            .unwrap_or(usize::MAX)
    };
    let mut keyed: Vec<(usize, Diagnostic)> =
        found.into_iter().map(|d| (file_rank(&d), d)).collect();
    keyed.sort_by(|(fa, a), (fb, b)| {
        (fa, &a.file, a.line, a.column).cmp(&(fb, &b.file, b.line, b.column))
    });
    let mut seen = std::collections::BTreeSet::new();
    for (_, d) in keyed {
        let key = (d.code, d.file.clone(), d.line, d.column, d.message.clone());
        if seen.insert(key) {
            report.diagnostics.push(d);
        }
    }
    report
}
