//! The front ends' own files (saves, replays, policies), shared by the
//! command line and the game window. The simulation never calls this: it
//! reads no file; a front end reads, builds a [`Simulation`] and writes.

use crate::scenario::parse::{Source, parse};
use crate::scenario::{self, Diagnostic, LoadError, Loaded};
use crate::sim::command::DatedOrder;
use crate::sim::save::{
    FileHash, MadeFrom, SAVE_FORMAT, SaveFile, SetupRecord, SimState, content_hash, save_hashes,
    verify_hashes,
};
use crate::sim::{Setup, Simulation};
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Writes a file so that an interruption never leaves a half-written one in
/// its place: a temporary file in the same folder, synced, renamed over, and
/// the folder synced so the rename itself survives a crash. A symlink is
/// written through (the file it points to is replaced, the link stays); the
/// old file's permissions are kept; anything but a regular file (a FIFO, a
/// device, a folder) is refused rather than replaced. Temporary files left
/// beside the target by an interrupted earlier write are removed.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            std::io::Error::new(e.kind(), format!("it is a symlink to a missing file ({e})"))
        })?,
        _ => path.to_path_buf(),
    };
    let old = match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::other(
                "it is not a regular file (a folder, FIFO or device); refusing to replace it",
            ));
        }
        Ok(m) => Some(m.permissions()),
        Err(_) => None,
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or("pact".into(), |n| n.to_string_lossy().into_owned());
    remove_stale_temps(dir, &name);
    let tmp = dir.join(temp_name(&name, std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        if let Some(perm) = old {
            f.set_permissions(perm)?;
        }
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        // Some file systems cannot sync a folder; the data itself is synced already.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The temporary file a process writes `name` through.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes temporary files of `name` whose writer is gone (killed mid-write).
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        // A live writer (another pact saving the same file) keeps its file.
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The `.ron` files directly in `dir`, sorted by name (none if it cannot be read).
pub fn ron_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Reads and parses a RON file of the front end's, with located diagnostics.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<(T, Source), LoadError> {
    let src = Source::read(path).map_err(|d| LoadError {
        diagnostics: vec![d],
        sources: vec![],
    })?;
    match parse::<T>(&src) {
        Ok(v) => Ok((v, src)),
        Err(d) => Err(LoadError {
            diagnostics: vec![d],
            sources: vec![src],
        }),
    }
}

/// Refuses a save or replay of another format: a newer pact's, or an older one's
/// whose state no longer fits (format 3 keeps each battle's day and losses).
pub fn check_format(format: u32, src: &Source) -> Result<(), LoadError> {
    if format == SAVE_FORMAT {
        return Ok(());
    }
    let (l, c, _) = src.find("format", 0).unwrap_or((1, 1, 0));
    let hint = if format > SAVE_FORMAT {
        "upgrade pact to read it"
    } else {
        "it was written by an older pact: run the scenario again (with the same seed and choices) to the day it was saved"
    };
    let d = Diagnostic::new(
        crate::scenario::codes::NEWER_FORMAT,
        format!(
            "`{}` has format {format}; this pact reads format {SAVE_FORMAT}",
            src.path
        ),
    )
    .at(&src.path, l, c, 6)
    .hint(hint);
    Err(LoadError {
        diagnostics: vec![d],
        sources: vec![src.clone()],
    })
}

/// Hashes of every file a scenario was built from.
pub fn hashes(loaded: &Loaded) -> Vec<FileHash> {
    loaded
        .sources
        .iter()
        .map(|s| FileHash {
            path: s.path.clone(),
            hash: content_hash(&s.text),
        })
        .collect()
}

/// Checks that the files a run used are unchanged; names the first that is not.
pub fn verify(recorded: &[FileHash], loaded: &Loaded) -> Result<(), String> {
    let now = hashes(loaded);
    for r in recorded {
        match now.iter().find(|n| n.path == r.path) {
            Some(n) if n.hash == r.hash => {}
            Some(n) => {
                return Err(format!(
                    "scenario file `{}` has changed since it was recorded (content hash {} now {}); the run cannot be reproduced",
                    r.path, r.hash, n.hash
                ));
            }
            None => {
                return Err(format!(
                    "scenario file `{}` is no longer part of the scenario",
                    r.path
                ));
            }
        }
    }
    Ok(())
}

/// Serialises to pretty RON and writes atomically.
pub fn write_ron<T: serde::Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let text =
        ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default().struct_names(false))
            .map_err(std::io::Error::other)?;
    write_atomic(path, &text)
}

/// Where a running game came from: what a save records besides the state.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The scenario file as given (a path the loader can open again).
    pub scenario: String,
    pub mods: Vec<PathBuf>,
    /// Hashes of every file the scenario was built from.
    pub files: Vec<FileHash>,
    pub setup: Setup,
}

impl Origin {
    pub fn new(scenario: &Path, mods: &[PathBuf], loaded: &Loaded, setup: &Setup) -> Origin {
        Origin {
            scenario: scenario.display().to_string(),
            mods: mods.to_vec(),
            files: hashes(loaded),
            setup: setup.clone(),
        }
    }
}

impl Origin {
    /// The head of a save or replay of this run.
    pub fn made_from(&self) -> MadeFrom {
        MadeFrom {
            format: SAVE_FORMAT,
            pact: env!("CARGO_PKG_VERSION").into(),
            scenario: self.scenario.clone(),
            mods: self.mods.iter().map(|m| m.display().to_string()).collect(),
            files: self.files.clone(),
            setup: SetupRecord::of(&self.setup),
        }
    }
}

/// Loads a recorded scenario with its mods again and checks that its files
/// are the ones recorded (saves and replays both come back this way); `src`
/// is the save or replay, for a located error on a newer format.
pub fn reload(made: &MadeFrom, src: &Source) -> Result<(Loaded, Vec<PathBuf>), ResumeError> {
    check_format(made.format, src).map_err(ResumeError::Load)?;
    let mods: Vec<PathBuf> = made.mods.iter().map(PathBuf::from).collect();
    // Paths are recorded as given, relative to the folder pact ran in: from
    // another folder the scenario is not found, and the message names the
    // save (not only a scenario path the user never typed) and what to do.
    let scn = Path::new(&made.scenario);
    if scn.is_relative() && !scn.exists() {
        return Err(ResumeError::Stale(format!(
            "`{}` was made from scenario `{}`, which cannot be found from here: the path is relative to the folder the run was saved in; run pact from that folder",
            src.path, made.scenario
        )));
    }
    let loaded =
        scenario::load_with_mods(Path::new(&made.scenario), &mods).map_err(ResumeError::Load)?;
    verify(&made.files, &loaded).map_err(ResumeError::Stale)?;
    Ok((loaded, mods))
}

/// Writes the whole state of `sim` as a save file (atomically).
pub fn write_save(path: &Path, origin: &Origin, sim: &Simulation) -> std::io::Result<()> {
    let save = SaveFile {
        made: origin.made_from(),
        state: SimState::capture(sim.world()),
        hashes: save_hashes(sim.world()),
    };
    write_ron(path, &save)
}

/// A save read back: the simulation as it was, and where it came from.
pub struct Resumed {
    pub sim: Simulation,
    pub loaded: Loaded,
    pub origin: Origin,
}

/// Why a save cannot be resumed.
#[derive(Debug)]
pub enum ResumeError {
    /// The save or its scenario does not read (located diagnostics).
    Load(LoadError),
    /// A scenario file changed since the save was written, or the state does not match its hashes.
    Stale(String),
}

impl std::fmt::Display for ResumeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResumeError::Load(e) => write!(f, "{e}"),
            ResumeError::Stale(s) => f.write_str(s),
        }
    }
}

/// Why a saved state cannot be restored: the first problems, each with its field's path.
fn unfit_state(problems: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = String::from("the saved state does not fit its scenario (corrupted or edited):");
    for p in problems.iter().take(SHOWN) {
        text.push_str("\n  ");
        text.push_str(p);
    }
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

/// Reads a save, reloads its scenario and mods, checks they are the files it
/// was made with, and rebuilds the simulation at the saved day.
pub fn read_save(path: &Path) -> Result<Resumed, ResumeError> {
    let (save, src) = read_ron::<SaveFile>(path).map_err(ResumeError::Load)?;
    let (loaded, mods) = reload(&save.made, &src)?;
    let setup = save.made.setup.setup();
    let sim = Simulation::try_from_state(Arc::new(loaded.scenario.clone()), &setup, save.state)
        .map_err(|problems| ResumeError::Stale(unfit_state(&problems)))?;
    verify_hashes(sim.world(), &save.hashes).map_err(ResumeError::Stale)?;
    let origin = Origin {
        scenario: save.made.scenario,
        mods,
        files: save.made.files,
        setup,
    };
    Ok(Resumed {
        sim,
        loaded,
        origin,
    })
}

/// Reads an orders file (`[(date: "1945-08-10", formation: "id", order: move_to("hailar")), ...]`)
/// and checks every order's ids and date against the scenario, reporting
/// every problem in one pass with its file and line:column. Dates must lie
/// from `from` (the scenario's start, or a loaded save's next day) to the
/// scenario's end. Whether an order can be carried out is decided on its
/// day, by the simulation.
pub fn read_orders(
    path: &Path,
    s: &scenario::Scenario,
    from: crate::date::Date,
) -> Result<Vec<DatedOrder>, LoadError> {
    use crate::scenario::codes;
    use crate::scenario::diagnostic::suggest;
    use crate::scenario::parse::quoted;
    let (orders, src) = read_ron::<Vec<DatedOrder>>(path)?;
    let spawned = scenario::check::all_effects(s).filter_map(|fx| match fx {
        scenario::Effect::Spawn(f) => Some(f.id.as_str()),
        _ => None,
    });
    let formations: Vec<&str> = s
        .formations
        .iter()
        .map(|f| f.id.as_str())
        .chain(spawned)
        .collect();
    let regions = || s.regions.iter().map(|r| r.id.as_str());
    let factions = || s.factions.iter().map(|f| f.id.as_str());
    let mut problems = Vec::new();
    // Each order's ids are found in the text after the previous order's.
    let mut cursor = 0;
    for (i, o) in orders.iter().enumerate() {
        let mut locate = |needle: &str| {
            let at = src.find(&quoted(needle), cursor);
            if let Some((_, _, pos)) = at {
                cursor = cursor.max(pos);
            }
            at.map_or((0, 0), |(l, c, _)| (l, c))
        };
        let (l, c) = locate(&o.date.to_string());
        if o.date < from || o.date > s.meta.end {
            problems.push(
                Diagnostic::new(
                    codes::OUT_OF_RANGE,
                    format!(
                        "order {} is dated {}, outside the run's period {} to {}",
                        i + 1,
                        o.date,
                        from,
                        s.meta.end
                    ),
                )
                .at(&src.path, l, c, 12)
                .path(format!("[{i}].date")),
            );
        }
        // An id that is none of the scenario's `what`s, found at `(l, c)`.
        let unknown = |code, what: &str, id: &str, (l, c): (usize, usize)| {
            Diagnostic::new(code, format!("unknown {what} `{id}`")).at(
                &src.path,
                l,
                c,
                id.chars().count() + 2,
            )
        };
        if let Some(f) = &o.faction
            && !factions().any(|x| x == f)
        {
            problems.push(
                unknown(codes::UNKNOWN_FACTION, "faction", f, locate(f))
                    .hint(suggest(f, factions()))
                    .path(format!("[{i}].faction")),
            );
        }
        let at = locate(&o.formation);
        if !formations.contains(&o.formation.as_str()) {
            problems.push(
                unknown(codes::UNKNOWN_FORMATION, "formation", &o.formation, at)
                    .hint(suggest(&o.formation, formations.iter().copied()))
                    .path(format!("[{i}].formation")),
            );
        }
        if let Some(r) = o.order.region()
            && !regions().any(|x| x == r)
        {
            problems.push(
                unknown(codes::UNKNOWN_REGION, "region", r, locate(r))
                    .hint(suggest(r, regions()))
                    .path(format!("[{i}].order")),
            );
        }
    }
    if problems.is_empty() {
        Ok(orders)
    } else {
        Err(LoadError {
            diagnostics: problems,
            sources: vec![src],
        })
    }
}
