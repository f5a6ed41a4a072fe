//! What the server knows: the documents open in the editor, and for each
//! scenario being edited the last check of it with its bases and mods (the
//! same `check_file` that `pact validate` runs), with every file it read.

use super::syntax::Index;
use crate::scenario::{self, Diagnostic, lex, mods, overlay, parse};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A document open in the editor.
pub struct Doc {
    pub uri: lsp_types::Uri,
    pub text: String,
}

/// A file of a check, indexed for navigation.
pub struct File {
    pub path: PathBuf,
    pub text: String,
    pub index: Index,
}

/// What to check: a scenario (or overlay) file and the mods applied to it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Root {
    pub file: PathBuf,
    pub mods: Vec<PathBuf>,
}

/// The last check of a root.
pub struct Check {
    pub files: Vec<File>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that build on the root without being read by its check: overlays
    /// naming it as their base beside it, mods in folders below it that are
    /// checked with it. Read once, for navigation and rename only.
    pub related: Vec<File>,
}

/// Settings a client may give (`initializationOptions` or `workspace/didChangeConfiguration`).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The scenario a mod's files are checked with (default: found beside the mod).
    pub scenario: Option<PathBuf>,
    /// Mods applied to every scenario checked (like `pact validate --mod`).
    pub mods: Vec<PathBuf>,
}

#[derive(Default)]
pub struct Workspace {
    pub open: BTreeMap<PathBuf, Doc>,
    pub checks: BTreeMap<Root, Check>,
    pub settings: Settings,
    /// Folders of the workspace, to resolve relative settings.
    pub folders: Vec<PathBuf>,
}

/// The mod folder a file belongs to: its own folder, if that has a manifest.
pub fn mod_dir(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    dir.join(mods::MANIFEST)
        .is_file()
        .then(|| dir.to_path_buf())
}

/// Whether a text is a whole scenario (not an overlay or a manifest).
fn is_scenario(text: &str) -> bool {
    !lex::has_top_level_key(text, "base")
        && lex::has_top_level_key(text, "meta")
        && lex::has_top_level_key(text, "regions")
}

impl Workspace {
    fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            parse::normal(p)
        } else {
            let base = self.folders.first().cloned().unwrap_or_default();
            parse::normal(&base.join(p))
        }
    }

    /// A document's text: the editor's if open, else the file's.
    pub fn text(&self, path: &Path) -> Option<String> {
        match self.open.get(path) {
            Some(d) => Some(d.text.clone()),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    /// The scenario a mod in `dir` is checked with: the setting, or the first
    /// whole scenario in the nearest folder above it that has one.
    fn scenario_for_mod(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(s) = &self.settings.scenario {
            return Some(self.resolve(s));
        }
        for up in dir.ancestors().skip(1).take(4) {
            let Ok(entries) = std::fs::read_dir(up) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
                .collect();
            files.sort();
            if let Some(f) = files
                .into_iter()
                .find(|f| self.text(f).is_some_and(|t| is_scenario(&t)))
            {
                return Some(parse::normal(&f));
            }
        }
        None
    }

    /// What to check to check a file: itself, or for a mod's file the scenario with the mod.
    pub fn root_of(&self, path: &Path) -> Root {
        let mut extra: Vec<PathBuf> = self.settings.mods.iter().map(|m| self.resolve(m)).collect();
        if let Some(dir) = mod_dir(path) {
            let dir = parse::normal(&dir);
            if let Some(s) = self.scenario_for_mod(&dir) {
                if !extra.contains(&dir) {
                    extra.push(dir);
                }
                return Root {
                    file: s,
                    mods: extra,
                };
            }
        }
        Root {
            file: path.to_path_buf(),
            mods: extra,
        }
    }

    /// The texts of the open documents, to check instead of the files on disk.
    fn unsaved(&self) -> BTreeMap<PathBuf, String> {
        self.open
            .iter()
            .map(|(p, d)| (p.clone(), d.text.clone()))
            .collect()
    }

    /// Checks a root against the open documents; returns the files whose diagnostics changed.
    pub fn check(&mut self, root: &Root) -> BTreeSet<PathBuf> {
        let unsaved = self.unsaved();
        let checked = parse::with_unsaved(unsaved, || {
            // A mod's file with no scenario to apply it to: its own syntax and fields only.
            if mod_dir(&root.file).is_some() && root.mods.is_empty() {
                return alone(&root.file);
            }
            if root.mods.is_empty() && self.text(&root.file).is_some_and(|t| not_scenario(&t)) {
                return alone(&root.file);
            }
            scenario::check_file(&root.file, &root.mods)
        });
        let mut files: Vec<File> = checked
            .sources
            .into_iter()
            .map(|s| {
                let path = parse::normal(Path::new(&s.path));
                let index = Index::of(&s.text);
                File {
                    path,
                    text: s.text,
                    index,
                }
            })
            .collect();
        // The root itself, even when it could not be read as a scenario.
        if !files.iter().any(|f| f.path == root.file)
            && let Some(text) = self.text(&root.file)
        {
            let index = Index::of(&text);
            files.push(File {
                path: root.file.clone(),
                text,
                index,
            });
        }
        let old = self.checks.remove(root);
        let mut touched: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
        let related = match old {
            Some(old) => {
                touched.extend(old.files.into_iter().map(|f| f.path));
                old.related
            }
            None => self.related(root),
        };
        self.checks.insert(
            root.clone(),
            Check {
                files,
                diagnostics: checked.diagnostics,
                related,
            },
        );
        touched
    }

    /// Files that build on a whole scenario: overlays beside it naming it as
    /// their base, and mods in folders up to two levels below it checked with it.
    fn related(&self, root: &Root) -> Vec<File> {
        const MAX_RELATED: usize = 200;
        let Some(dir) = root.file.parent() else {
            return Vec::new();
        };
        let Some(name) = root
            .file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
        else {
            return Vec::new();
        };
        if mod_dir(&root.file).is_some() || !self.text(&root.file).is_some_and(|t| is_scenario(&t))
        {
            return Vec::new();
        }
        let ron_files = |d: &Path| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(d)
                .map(|es| {
                    es.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        };
        let subdirs = |d: &Path| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(d)
                .map(|es| {
                    es.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_dir())
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        };
        let mut paths = Vec::new();
        for f in ron_files(dir) {
            let Some(text) = self.text(&f) else { continue };
            if text.len() < parse::MAX_FILE_BYTES
                && lex::has_top_level_key(&text, "base")
                && overlay::base_of(&scenario::Source::new("", text)).as_deref()
                    == Some(name.as_str())
            {
                paths.push(f);
            }
        }
        let mut mod_dirs = Vec::new();
        for d in subdirs(dir) {
            if d.join(mods::MANIFEST).is_file() {
                mod_dirs.push(d);
            } else {
                mod_dirs.extend(
                    subdirs(&d)
                        .into_iter()
                        .filter(|x| x.join(mods::MANIFEST).is_file()),
                );
            }
        }
        for d in mod_dirs {
            let d = parse::normal(&d);
            if self.scenario_for_mod(&d).as_deref() == Some(root.file.as_path()) {
                paths.extend(ron_files(&d));
            }
        }
        paths
            .into_iter()
            .take(MAX_RELATED)
            .filter_map(|p| {
                let path = parse::normal(&p);
                let text = self.text(&path)?;
                (text.len() <= parse::MAX_FILE_BYTES).then(|| File {
                    index: Index::of(&text),
                    path,
                    text,
                })
            })
            .collect()
    }

    /// The roots whose checks read `path`, and its own root if it is open.
    pub fn roots_reading(&self, path: &Path) -> Vec<Root> {
        let mut roots: Vec<Root> = self
            .checks
            .iter()
            .filter(|(_, c)| c.files.iter().any(|f| f.path == path))
            .map(|(r, _)| r.clone())
            .collect();
        if self.open.contains_key(path) {
            let own = self.root_of(path);
            if !roots.contains(&own) {
                roots.push(own);
            }
        }
        roots
    }

    /// Forgets checks no open document needs.
    pub fn prune(&mut self) -> BTreeSet<PathBuf> {
        let needed: BTreeSet<Root> = self.open.keys().map(|p| self.root_of(p)).collect();
        let stale: Vec<Root> = self
            .checks
            .keys()
            .filter(|r| !needed.contains(r))
            .cloned()
            .collect();
        let mut touched = BTreeSet::new();
        for r in stale {
            if let Some(c) = self.checks.remove(&r) {
                touched.extend(c.files.into_iter().map(|f| f.path));
            }
        }
        touched
    }

    /// Every file known, once: those the checks read (with the editor's text),
    /// then those related to them.
    pub fn files(&self) -> Vec<&File> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for c in self.checks.values() {
            for f in &c.files {
                if seen.insert(&f.path) {
                    out.push(f);
                }
            }
        }
        // Related files last: a file read by a check has the editor's text.
        for c in self.checks.values() {
            for f in &c.related {
                if seen.insert(&f.path) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The files checked with a file (its base, overlays, mods), once: what
    /// its ids may name.
    pub fn files_for(&self, path: &Path) -> Vec<&File> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for c in self.checks.values() {
            if c.files.iter().any(|f| f.path == path) {
                for f in &c.files {
                    if seen.insert(&f.path) {
                        out.push(f);
                    }
                }
            }
        }
        out
    }

    /// The diagnostics of a file, from every check that read it, each once.
    pub fn diagnostics_of(&self, path: &Path) -> Vec<(&Diagnostic, bool)> {
        let mut out: Vec<(&Diagnostic, bool)> = Vec::new();
        for (root, c) in &self.checks {
            for d in &c.diagnostics {
                let file = if d.file.is_empty() {
                    None
                } else {
                    Some(parse::normal(Path::new(&d.file)))
                };
                // Problems with no file of their own (a mod folder that is no mod) go to the root.
                let (here, located) = match &file {
                    Some(f) if c.files.iter().any(|x| &x.path == f) => (f == path, d.line > 0),
                    _ => (root.file == path, false),
                };
                let dup = out.iter().any(|(x, _)| {
                    (x.code, x.line, x.column, &x.message) == (d.code, d.line, d.column, &d.message)
                });
                if here && !d.suppressed && !dup {
                    out.push((d, located));
                }
            }
        }
        out
    }
}

/// The fields of a scenario's and an overlay's outermost object, from the
/// types, but `choose` (policies of answers have it too).
fn scenario_keys() -> &'static BTreeSet<String> {
    static KEYS: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let root = scenario::schema::schema().to_value();
        let defs = scenario::schema::definitions(&root);
        ["Scenario", "Overlay"]
            .iter()
            .filter_map(|d| defs.get(*d)?["properties"].as_object())
            .flat_map(|p| p.keys().cloned())
            .filter(|k| k != "choose")
            .collect()
    })
}

/// Whether a text is a RON file that is no scenario, overlay or manifest: a
/// save or replay (`made`), a policy of answers (`choose` alone), or a file
/// of some other program, whose fields are none of a scenario's.
fn not_scenario(text: &str) -> bool {
    let keys = super::syntax::top_level_keys(text);
    keys.contains("made")
        || (!keys.is_empty() && keys.iter().all(|k| !scenario_keys().contains(*k)))
}

/// A mod's file (or manifest, save, replay or policy) checked on its own:
/// its syntax, and for a mod's files and manifests their fields.
fn alone(path: &Path) -> scenario::Checked {
    let src = match scenario::Source::read(path) {
        Ok(s) => s,
        Err(d) => {
            return scenario::Checked {
                diagnostics: vec![d],
                sources: Vec::new(),
            };
        }
    };
    let result = if path.file_name().is_some_and(|n| n == mods::MANIFEST) {
        parse::parse::<mods::Manifest>(&src).map(|_| ())
    } else if not_scenario(&src.text) {
        parse::parse::<ron::Value>(&src).map(|_| ())
    } else {
        parse::parse::<scenario::overlay::Overlay>(&src).map(|_| ())
    };
    scenario::Checked {
        diagnostics: result.err().into_iter().collect(),
        sources: vec![src],
    }
}
