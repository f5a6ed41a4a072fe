//! Save and load from the game menu and the start screen: the same save
//! files as `pact run --save/--load` (see docs/save-format.md), written
//! atomically, refused with a reason when stale, truncated or from a newer
//! pact. Saves live in one folder, [`SAVE_DIR`] (relative to where pact was
//! started); the dialogs list them with their scenario, game date and when
//! they were saved, and warn before one is overwritten.

use super::session::Game;
use crate::date::Date;
use crate::files::{self, ResumeError};
use crate::sim::save::MadeFrom;
use crate::sim::state::Calendar;
use bevy_egui::egui::{self, Grid, RichText, ScrollArea, Ui};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where saves go unless the player types another path.
pub const SAVE_DIR: &str = "saves";
/// Where replays go (`pact replay FILE` checks one).
pub const REPLAY_DIR: &str = "replays";

/// The save/load window's state.
#[derive(Clone, Debug, Default)]
pub struct SaveDialog {
    pub mode: Option<Mode>,
    pub path: String,
    /// The outcome of the last attempt, shown under the field.
    pub message: Option<Result<String, String>>,
    /// The save folder's files, read when the dialog opens.
    pub listed: Vec<SaveEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Save,
    Load,
    /// The replay of the game so far: answers, window orders, daily checksums.
    Replay,
}

/// A save in the folder, as the lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveEntry {
    pub path: PathBuf,
    /// The scenario file's name (without folder and extension).
    pub scenario: String,
    /// The game's date: the last day simulated (`None`: the file does not read as a save).
    pub date: Option<Date>,
    /// When it was written ("YYYY-MM-DD HH:MM" UTC), from the file's time.
    pub saved: String,
    saved_at: Option<SystemTime>,
}

/// Just what a list needs from a save: serde skips the rest of the file.
#[derive(Deserialize)]
struct Header {
    made: MadeFrom,
    state: StateHeader,
}

#[derive(Deserialize)]
struct StateHeader {
    calendar: Calendar,
}

/// "YYYY-MM-DD HH:MM" (UTC) of a file time.
fn when(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = Date((secs / 86_400) as i32);
    let min = (secs % 86_400) / 60;
    format!("{day} {:02}:{:02}", min / 60, min % 60)
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or(path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Every `.ron` file in `dir`, newest first, with what its header says.
pub fn list(dir: &Path) -> Vec<SaveEntry> {
    let mut out: Vec<SaveEntry> = files::ron_files_in(dir)
        .into_iter()
        .map(|path| {
            let saved_at = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            let header = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| ron::from_str::<Header>(&text).ok());
            let (scenario, date) = match &header {
                Some(h) => {
                    let c = h.state.calendar;
                    let last = if c.today > c.start {
                        c.today.add_days(-1)
                    } else {
                        c.start
                    };
                    (stem(&h.made.scenario), Some(last))
                }
                None => ("(not a save)".to_string(), None),
            };
            SaveEntry {
                scenario,
                date,
                saved: saved_at.map_or_else(|| "?".into(), when),
                saved_at,
                path,
            }
        })
        .collect();
    out.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.path.cmp(&b.path)));
    out
}

/// The saves as a table; a click picks one into `picked`. Returns the entry
/// double-clicked (to load at once).
pub fn table(ui: &mut Ui, saves: &[SaveEntry], picked: &mut String) -> Option<PathBuf> {
    let mut open = None;
    if saves.is_empty() {
        ui.weak(format!("No saves yet in `{SAVE_DIR}/`."));
        return None;
    }
    ScrollArea::both()
        .max_height(220.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            Grid::new("saves").striped(true).show(ui, |ui| {
                for h in ["File", "Scenario", "Game date", "Saved"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for e in saves {
                    let name = e.path.display().to_string();
                    let file = e
                        .path
                        .file_name()
                        .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
                    let r = ui.selectable_label(*picked == name, file);
                    if r.clicked() {
                        *picked = name.clone();
                    }
                    if r.double_clicked() {
                        open = Some(e.path.clone());
                    }
                    ui.label(&e.scenario);
                    ui.label(e.date.map_or("?".into(), |d| d.to_string()));
                    ui.label(&e.saved);
                    ui.end_row();
                }
            });
        });
    open
}

/// A file name for a save of this game at this date.
pub fn default_path(game: &Game) -> PathBuf {
    let stem = Path::new(&game.origin.scenario)
        .file_stem()
        .map_or("game".into(), |s| s.to_string_lossy().into_owned());
    Path::new(SAVE_DIR).join(format!("{stem}-{}.ron", game.view.day))
}

/// A file name for the replay of this game up to this date.
pub fn default_replay_path(game: &Game) -> PathBuf {
    let stem = Path::new(&game.origin.scenario)
        .file_stem()
        .map_or("game".into(), |s| s.to_string_lossy().into_owned());
    Path::new(REPLAY_DIR).join(format!("{stem}-{}.ron", game.view.day))
}

/// Writes the replay of the game so far to `path`, creating its folder.
pub fn save_replay(game: &Game, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    files::write_ron(path, &game.replay())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Writes the game to `path`, creating its folder.
pub fn save(game: &Game, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    files::write_save(path, &game.origin, &game.sim)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Reads a save into a game; the reason, with file:line:column, when it cannot.
pub fn load(path: &Path) -> Result<Game, String> {
    match files::read_save(path) {
        Ok(r) => Ok(Game::resume(r)),
        Err(ResumeError::Stale(e)) => Err(format!("cannot load `{}`: {e}", path.display())),
        Err(ResumeError::Load(e)) => Err(e.to_string().trim_end().to_string()),
    }
}

impl SaveDialog {
    pub fn open(&mut self, mode: Mode, game: &Game) {
        self.mode = Some(mode);
        self.message = None;
        if mode == Mode::Replay {
            self.path = default_replay_path(game).display().to_string();
        } else if mode == Mode::Save || self.path.is_empty() {
            self.path = default_path(game).display().to_string();
        }
        self.listed = list(Path::new(SAVE_DIR));
    }

    /// The warning shown before `path` is overwritten, if it exists.
    pub fn overwrite_warning(&self, mode: Mode) -> Option<String> {
        let path = Path::new(self.path.trim());
        (mode != Mode::Load && path.is_file()).then(|| {
            let saved = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .map_or_else(|_| "?".into(), when);
            format!(
                "⚠ {} exists (written {saved}): saving replaces it.",
                path.display()
            )
        })
    }

    /// The window; returns a loaded game to switch to.
    pub fn show(&mut self, ctx: &egui::Context, game: &Game) -> Option<Game> {
        let mode = self.mode?;
        let mut open = true;
        let mut loaded = None;
        let title = match mode {
            Mode::Save => "Save game",
            Mode::Load => "Load game",
            Mode::Replay => "Save replay",
        };
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                let mut load_now = None;
                if mode != Mode::Replay {
                    ui.label(format!("Saves in `{SAVE_DIR}/`:"));
                    load_now = table(ui, &self.listed, &mut self.path);
                    ui.separator();
                }
                ui.horizontal(|ui| {
                    ui.label("File");
                    ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(320.0));
                });
                let warning = self.overwrite_warning(mode);
                let button = if let Some(w) = &warning {
                    ui.label(RichText::new(w).color(egui::Color32::from_rgb(240, 200, 80)));
                    "Overwrite"
                } else {
                    title
                };
                if let Some(p) = &load_now
                    && mode == Mode::Load
                {
                    self.path = p.display().to_string();
                }
                let path = PathBuf::from(self.path.trim());
                let clicked = ui.button(RichText::new(button).strong()).clicked();
                if clicked || (mode == Mode::Load && load_now.is_some()) {
                    self.message = Some(match mode {
                        Mode::Save => save(game, &path).map(|()| {
                            self.listed = list(Path::new(SAVE_DIR));
                            format!("saved {} at {}", path.display(), game.view.day)
                        }),
                        Mode::Load => load(&path).map(|g| {
                            let note = format!("loaded {} at {}", path.display(), g.view.day);
                            loaded = Some(g);
                            note
                        }),
                        Mode::Replay => save_replay(game, &path).map(|()| {
                            format!(
                                "saved the replay to {} ({} days; check it with `pact replay`)",
                                path.display(),
                                game.recorder.days()
                            )
                        }),
                    });
                }
                match &self.message {
                    Some(Ok(m)) => {
                        ui.label(m);
                    }
                    Some(Err(e)) => {
                        ui.label(RichText::new(e).color(egui::Color32::LIGHT_RED).monospace());
                    }
                    None => {}
                }
            });
        if !open || loaded.is_some() {
            self.mode = None;
        }
        loaded
    }
}
