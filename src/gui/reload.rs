//! Hot reload: the files a game was built from are polled once a second.
//! When one changes, the scenario is loaded and checked again off to the
//! side; the running game is never touched until the player says so. A clean
//! scenario is offered as a restart from the current date (at once when the
//! game is paused at its start); one with errors lists them, file:line:column.

use super::session::{Game, GameSlot, WorldView};
use super::time::{Clock, Speed};
use crate::date::Date;
use crate::scenario::{self, Diagnostic, Loaded};
use crate::sim::save::content_hash;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText, ScrollArea};
use std::path::PathBuf;

/// How often the files are read again. Polling a handful of small files is
/// cheaper to reason about than OS watchers (editors that replace files by
/// rename, network drives) and needs no extra crate.
const POLL_SECONDS: f32 = 1.0;

/// The files being watched and their content as last read (`None`: unreadable).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Watch {
    stamps: Vec<(PathBuf, Option<String>)>,
}

impl Watch {
    pub fn of(files: &[PathBuf]) -> Watch {
        Watch {
            stamps: files.iter().map(|p| (p.clone(), stamp(p))).collect(),
        }
    }

    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.stamps.iter().map(|(p, _)| p)
    }

    /// The files whose content differs from the last poll (and remembers it).
    pub fn poll(&mut self) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for (path, old) in &mut self.stamps {
            let now = stamp(path);
            if now != *old {
                *old = now;
                changed.push(path.clone());
            }
        }
        changed
    }
}

fn stamp(path: &PathBuf) -> Option<String> {
    std::fs::read_to_string(path).ok().map(|t| content_hash(&t))
}

/// What a changed scenario turned out to be.
pub enum Reload {
    /// It loads and checks clean: a restart with it can be offered.
    Ready(Box<Loaded>),
    /// It has errors; each line is `file:line:column: error[code]: message`.
    Broken(Vec<String>),
}

/// Loads the game's scenario and mods again from disk, with every check.
pub fn check(game: &Game) -> Reload {
    let path = PathBuf::from(&game.origin.scenario);
    match scenario::load_with_mods(&path, &game.origin.mods) {
        Ok(l) => Reload::Ready(Box::new(l)),
        Err(e) => Reload::Broken(e.diagnostics.iter().map(Diagnostic::to_string).collect()),
    }
}

/// The edited scenario played again with the same setup up to the day the
/// running game has reached; the player's answers so far are given again.
pub fn restart_with(game: &Game, loaded: &Loaded) -> Game {
    let mut setup = game.origin.setup.clone();
    // Fixed answers hold the replay to the player's past choices; an answer
    // the edited scenario no longer offers is left to the controller.
    for (d, o) in &game.answers {
        let offered = loaded
            .scenario
            .decisions
            .iter()
            .any(|x| &x.id == d && x.options.iter().any(|y| &y.id == o));
        if offered {
            setup.choices.insert(d.clone(), o.clone());
        }
    }
    let path = PathBuf::from(&game.origin.scenario);
    let mut next = Game::new(loaded, &path, &game.origin.mods, setup);
    next.origin.setup = game.origin.setup.clone();
    next.answers = game.answers.clone();
    let until = game.view.day;
    // The orders given in the window, again at the same moments (one the
    // edited scenario refuses is left out).
    let given = game.sim.given_orders();
    let regive = |next: &mut Game| {
        let today = next.sim.today();
        for o in given.iter().filter(|o| o.date == today) {
            let faction = o.faction.as_deref().unwrap_or_default();
            let _refused = next.sim.give_order(faction, &o.formation, &o.order);
        }
    };
    while game.view.steps > 0 && next.view.day < until && !next.sim.finished() {
        regive(&mut next);
        next.step();
    }
    regive(&mut next);
    next.view = WorldView::of(&mut next.sim);
    next
}

/// Hot reload's state in the window.
#[derive(Resource, Default)]
pub struct HotReload {
    watch: Watch,
    since_poll: f32,
    /// A clean edit waiting for the player's word, and the date it would restart at.
    pub offer: Option<(Box<Loaded>, Date)>,
    /// Errors of the last edit, shown until the files are clean again.
    pub errors: Vec<String>,
    /// What happened last, for the status line.
    pub note: Option<String>,
}

impl HotReload {
    /// Handles a change to the watched files: reloads at once when the game
    /// is paused at its start, otherwise offers a restart or lists errors.
    pub fn changed(&mut self, game: &mut Game, clock: &Clock) {
        match check(game) {
            Reload::Broken(errors) => {
                self.offer = None;
                self.note = Some(format!(
                    "the edited scenario has {} error{}; the game goes on unchanged",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                ));
                self.errors = errors;
            }
            Reload::Ready(loaded) => {
                self.errors.clear();
                if game.view.steps == 0 && clock.speed == Speed::Paused {
                    *game = restart_with(game, &loaded);
                    self.offer = None;
                    self.note = Some("scenario reloaded".into());
                } else {
                    self.offer = Some((loaded, game.view.day));
                    self.note = None;
                }
            }
        }
    }
}

fn poll(
    time: Res<Time>,
    mut slot: NonSendMut<GameSlot>,
    mut hot: ResMut<HotReload>,
    clock: Res<Clock>,
) {
    let Some(game) = slot.0.as_mut() else {
        return;
    };
    if !hot.watch.files().eq(game.files.iter()) {
        // A new game (started, loaded or restarted): watch its files afresh.
        *hot = HotReload {
            watch: Watch::of(&game.files),
            ..HotReload::default()
        };
        return;
    }
    hot.since_poll += time.delta_secs();
    if hot.since_poll < POLL_SECONDS {
        return;
    }
    hot.since_poll = 0.0;
    if !hot.watch.poll().is_empty() {
        hot.changed(game, &clock);
    }
}

/// The offer to restart with an edited scenario, or its errors.
/// Returns true when the player accepts the restart.
pub fn panel(ctx: &egui::Context, hot: &mut HotReload) -> bool {
    let mut accept = false;
    if let Some((_, date)) = &hot.offer {
        let date = *date;
        egui::Window::new("Scenario changed on disk")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-400.0, 60.0))
            .show(ctx, |ui| {
                ui.label("The edited scenario checks clean.");
                ui.horizontal(|ui| {
                    if ui
                        .button(format!("Restart to {date} with the change"))
                        .clicked()
                    {
                        accept = true;
                    }
                    if ui.button("Keep playing").clicked() {
                        hot.offer = None;
                    }
                });
            });
    }
    if !hot.errors.is_empty() {
        let mut open = true;
        egui::Window::new(RichText::new("Scenario errors").color(egui::Color32::LIGHT_RED))
            .open(&mut open)
            .default_width(560.0)
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-400.0, 60.0))
            .show(ctx, |ui| {
                ui.label("The edited files do not load; the running game is unchanged.");
                ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for e in &hot.errors {
                        ui.monospace(e);
                    }
                });
            });
        if !open {
            hot.errors.clear();
        }
    }
    accept
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HotReload>().add_systems(Update, poll);
}
