//! Mods: a folder with a manifest, `mod.ron`, and overlay files (the
//! overlay format without `base`) that add, replace or remove objects of
//! whatever scenario the mod is loaded with.
//!
//! Mods apply in dependency order, then by `load_order`, then by id, so the
//! result never depends on the order folders are named on the command line.
//! Two mods changing the same object is allowed (the later one wins) but
//! reported with both places, since a modder rarely means it.

use super::codes;
use super::confine::confine;
use super::diagnostic::Diagnostic;
use super::overlay::{self, Overlay};
use super::parse::{self, Source, quoted};
use super::types::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The manifest's file name in a mod folder.
pub const MANIFEST: &str = "mod.ron";
/// Most mods loaded at once.
pub const MAX_MODS: usize = 64;
/// Most overlay files in one mod.
pub const MAX_MOD_FILES: usize = 64;
/// Most bytes of mod files read for one scenario, all mods together.
pub const MAX_MOD_BYTES: usize = 64 * 1024 * 1024;

/// A mod's manifest, `mod.ron`: a mod is a folder with this manifest and overlay files.
/// Mods apply in dependency order, then by `load_order`, then by id;
/// `pact run SCENARIO --mod DIR` and `pact validate SCENARIO --mod DIR` load them.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Unique among loaded mods; named by other mods' `depends_on`.
    pub id: String,
    /// Shown to players.
    pub name: String,
    /// The mod's own version, e.g. `"1.0.0"`.
    pub version: String,
    /// What it changes.
    #[serde(default)]
    pub description: String,
    /// Who wrote it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Ids of mods that must be loaded too, and apply first. A mod may change what a mod
    /// it depends on changed without a conflict warning.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Among mods free to go in any order, lower values apply first (ties: by id).
    #[serde(default)]
    pub load_order: i32,
    /// Overlay files, relative to the folder, applied in this order.
    #[schemars(length(max = MAX_MOD_FILES))]
    pub files: Vec<String>,
}

/// A mod read from its folder.
#[derive(Clone, Debug)]
pub struct Mod {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The manifest's text, for locating problems.
    pub source: Source,
}

/// Reads mod folders and puts them in the order they apply.
/// Returns the mods, their manifests' sources, and every problem found.
pub fn load(dirs: &[PathBuf]) -> (Vec<Mod>, Vec<Source>, Vec<Diagnostic>) {
    let mut mods = Vec::new();
    let mut manifests = Vec::new();
    let mut diags = Vec::new();
    if dirs.len() > MAX_MODS {
        let d = Diagnostic::new(
            codes::TOO_MANY_MODS,
            format!(
                "{} mods given; at most {MAX_MODS} can be loaded",
                dirs.len()
            ),
        );
        return (mods, manifests, vec![d]);
    }
    for dir in dirs {
        match read(dir) {
            Ok(m) => {
                manifests.push(m.source.clone());
                mods.push(m);
            }
            Err((src, d)) => {
                manifests.extend(src);
                diags.push(d);
            }
        }
    }
    let (ordered, problems) = order(mods);
    diags.extend(problems);
    (ordered, manifests, diags)
}

fn read(dir: &Path) -> Result<Mod, (Option<Source>, Diagnostic)> {
    let path = dir.join(MANIFEST);
    if let Err(why) = confine(Some(dir), dir, MANIFEST) {
        let shown = path.display().to_string();
        let d = Diagnostic::new(codes::OUTSIDE_FOLDER, format!("the manifest {why}"))
            .hint("a mod reads only `.ron` files inside its own folder; see docs/modding.md")
            .at(&shown, 0, 0, 1);
        return Err((None, d));
    }
    if !path.is_file() {
        let shown = dir.display().to_string();
        let d = Diagnostic::new(
            codes::NOT_A_MOD,
            format!("`{shown}` is not a mod: it has no `{MANIFEST}`"),
        )
        .hint("a mod is a folder with a mod.ron manifest; see docs/modding.md")
        .at(&shown, 0, 0, 1);
        return Err((None, d));
    }
    let source = Source::read(&path).map_err(|d| (None, d))?;
    let manifest: Manifest = parse::parse(&source).map_err(|d| (Some(source.clone()), d))?;
    if manifest.files.len() > MAX_MOD_FILES {
        let d = at(
            &source,
            "files:",
            Diagnostic::new(
                codes::TOO_MANY_MODS,
                format!(
                    "mod `{}` lists {} files; at most {MAX_MOD_FILES}",
                    manifest.id,
                    manifest.files.len()
                ),
            ),
        );
        return Err((Some(source), d));
    }
    Ok(Mod {
        dir: dir.to_path_buf(),
        manifest,
        source,
    })
}

/// Locates a diagnostic at the first `needle` in a source (or its start).
fn at(src: &Source, needle: &str, d: Diagnostic) -> Diagnostic {
    match src.find(needle, 0) {
        Some((l, c, _)) => d.at(&src.path, l, c, needle.chars().count()),
        None => d.at(&src.path, 1, 1, 1),
    }
}

/// Dependencies first; among the rest, `load_order` then id.
fn order(mods: Vec<Mod>) -> (Vec<Mod>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept: Vec<Mod> = Vec::new();
    for m in mods {
        if let Some(&first) = by_id.get(&m.manifest.id) {
            let other = &kept[first].source;
            let (l, c, _) = other.find(&quoted(&m.manifest.id), 0).unwrap_or((1, 1, 0));
            diags.push(at(
                &m.source,
                &quoted(&m.manifest.id),
                Diagnostic::new(
                    codes::MOD_DUPLICATE_ID,
                    format!("two mods have the id `{}`", m.manifest.id),
                )
                .hint(format!("the other is {}:{l}:{c}", other.path)),
            ));
            continue;
        }
        by_id.insert(m.manifest.id.clone(), kept.len());
        kept.push(m);
    }
    for m in &kept {
        for dep in &m.manifest.depends_on {
            if !by_id.contains_key(dep) {
                // A mod cannot be its own dependency: never suggest its own id.
                let loaded = kept
                    .iter()
                    .map(|k| k.manifest.id.as_str())
                    .filter(|id| *id != m.manifest.id);
                let hint = match crate::scenario::diagnostic::nearest(dep, loaded).first() {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("load `{dep}` too, with another --mod DIR"),
                };
                diags.push(at(
                    &m.source,
                    &quoted(dep),
                    Diagnostic::new(
                        codes::MOD_MISSING_DEPENDENCY,
                        format!(
                            "mod `{}` depends on `{dep}`, which is not loaded",
                            m.manifest.id
                        ),
                    )
                    .hint(hint),
                ));
            }
        }
    }
    // Kahn's algorithm, always taking the smallest (load_order, id) that is ready.
    let n = kept.len();
    let mut waiting: Vec<usize> = kept
        .iter()
        .map(|m| {
            let deps: BTreeSet<&String> = m
                .manifest
                .depends_on
                .iter()
                .filter(|d| by_id.contains_key(*d))
                .collect();
            deps.len()
        })
        .collect();
    let key = |i: usize| (kept[i].manifest.load_order, kept[i].manifest.id.clone(), i);
    let mut ready: BTreeSet<(i32, String, usize)> =
        (0..n).filter(|&i| waiting[i] == 0).map(key).collect();
    let mut done = vec![false; n];
    let mut sequence = Vec::new();
    while let Some(next) = ready.pop_first() {
        let i = next.2;
        done[i] = true;
        sequence.push(i);
        for (j, m) in kept.iter().enumerate() {
            let deps: BTreeSet<&String> = m.manifest.depends_on.iter().collect();
            if !done[j] && deps.contains(&kept[i].manifest.id) {
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    ready.insert(key(j));
                }
            }
        }
    }
    // One report for a cycle, at the first mod (by id) caught in it.
    let stuck: Vec<&Mod> = kept
        .iter()
        .enumerate()
        .filter(|(i, _)| !done[*i])
        .map(|(_, m)| m)
        .collect();
    if let Some(first) = stuck.iter().min_by_key(|m| &m.manifest.id) {
        let ids: Vec<&str> = stuck.iter().map(|m| m.manifest.id.as_str()).collect();
        diags.push(at(
            &first.source,
            "depends_on:",
            Diagnostic::new(
                codes::MOD_DEPENDENCY_CYCLE,
                format!("mods depend on each other in a cycle: {}", ids.join(", ")),
            )
            .hint("a mod cannot depend, directly or through others, on itself"),
        ));
    }
    let mut slots: Vec<Option<Mod>> = kept.into_iter().map(Some).collect();
    let ordered = sequence
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect();
    (ordered, diags)
}

/// Where a mod changed an object first, to name it when another mod changes it too.
struct Touch {
    mod_id: String,
    place: String,
}

/// Applies ordered mods to a scenario. Returns the files read and every problem
/// (errors from parsing and applying, conflicts between mods as warnings).
pub fn apply(s: &mut Scenario, mods: &[Mod]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    let mut touched: BTreeMap<(&'static str, String), Touch> = BTreeMap::new();
    let mut bytes = 0;
    for m in mods {
        for file in &m.manifest.files {
            let path = match confine(Some(&m.dir), &m.dir, file) {
                Ok(p) => p,
                Err(why) => {
                    let d = Diagnostic::new(
                        codes::OUTSIDE_FOLDER,
                        format!("mod `{}`: {why}", m.manifest.id),
                    )
                    .hint(
                        "a mod reads only `.ron` files inside its own folder; see docs/modding.md",
                    );
                    diags.push(at(&m.source, &quoted(file), d));
                    continue;
                }
            };
            let src = match Source::read(&path) {
                Ok(src) => src,
                Err(d) => {
                    // Name the manifest line that lists the missing file.
                    diags.push(at(&m.source, &quoted(file), d));
                    continue;
                }
            };
            bytes += src.text.len();
            if bytes > MAX_MOD_BYTES {
                let d = Diagnostic::new(
                    codes::TOO_LARGE,
                    format!("the mods' files together exceed {MAX_MOD_BYTES} bytes"),
                );
                diags.push(at(&m.source, &quoted(file), d));
                return (sources, diags);
            }
            let o: Overlay = match parse::parse(&src) {
                Ok(o) => o,
                Err(d) => {
                    diags.push(d);
                    sources.push(src);
                    continue;
                }
            };
            if o.base.is_some() {
                diags.push(at(
                    &src,
                    "base:",
                    Diagnostic::new(
                        codes::MOD_HAS_BASE,
                        "a mod's file must not name a `base`: mods apply to the scenario they are loaded with",
                    )
                    .hint("remove the `base` line"),
                ));
            }
            for (kind, key, section) in overlay::changes(&o) {
                let (l, c, len) = locate(&src, section, &key);
                let place = format!("{}:{l}:{c}", src.path);
                match touched.get(&(kind, key.clone())) {
                    // Building on a mod one depends on is what depending is for.
                    Some(first)
                        if first.mod_id != m.manifest.id
                            && !m.manifest.depends_on.contains(&first.mod_id) =>
                    {
                        diags.push(
                        Diagnostic::new(
                            codes::MOD_CONFLICT,
                            format!(
                                "mods `{}` and `{}` both change {kind} `{key}`; `{}`, applied later, wins",
                                first.mod_id, m.manifest.id, m.manifest.id
                            ),
                        )
                        .hint(format!(
                            "also changed by {}; if that is intended, make `{}` depend on `{}`",
                            first.place, m.manifest.id, first.mod_id
                        ))
                        .at(&src.path, l, c, len),
                        )
                    }
                    Some(_) => {}
                    None => {
                        touched.insert(
                            (kind, key),
                            Touch {
                                mod_id: m.manifest.id.clone(),
                                place,
                            },
                        );
                    }
                }
            }
            diags.extend(overlay::apply(s, &o, &src));
            sources.push(src);
        }
    }
    (sources, diags)
}

/// Line, column and length of `"key"` after `section` (or anywhere, or the start).
fn locate(src: &Source, section: &str, key: &str) -> (usize, usize, usize) {
    let from = src.find(section, 0).map_or(0, |(_, _, p)| p);
    let needle = quoted(key);
    src.find(&needle, from)
        .or_else(|| src.find(&needle, 0))
        .map(|(l, c, _)| (l, c, needle.chars().count()))
        .or_else(|| src.find(section, 0).map(|(l, c, _)| (l, c, section.len())))
        .unwrap_or((1, 1, 1))
}
