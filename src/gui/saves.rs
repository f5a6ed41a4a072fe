//! Save and load from the game menu: the same save files as `pact run
//! --save/--load` (see docs/save-format.md), written atomically, refused with
//! a reason when stale, truncated or from a newer pact.

use super::session::Game;
use crate::files::{self, ResumeError};
use bevy_egui::egui::{self, RichText};
use std::path::{Path, PathBuf};

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Save,
    Load,
    /// The replay of the game so far: answers, window orders, daily checksums.
    Replay,
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
                ui.horizontal(|ui| {
                    ui.label("File");
                    ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(320.0));
                });
                if mode == Mode::Load {
                    for p in files::ron_files_in(Path::new(SAVE_DIR)) {
                        let name = p.display().to_string();
                        if ui.selectable_label(self.path == name, &name).clicked() {
                            self.path = name;
                        }
                    }
                }
                let path = PathBuf::from(self.path.trim());
                if ui.button(RichText::new(title).strong()).clicked() {
                    self.message = Some(match mode {
                        Mode::Save => save(game, &path)
                            .map(|()| format!("saved {} at {}", path.display(), game.view.day)),
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
