//! The start screen: pick a bundled scenario, read its description, set who
//! controls each faction and the seed, then start.

use super::session::Game;
use crate::scenario::{self, Controller, Loaded, Scenario};
use crate::sim::Setup;
use bevy::prelude::*;
use bevy_egui::egui::{self, ComboBox, DragValue, Grid, RichText, ScrollArea, Ui};
use std::path::PathBuf;
use std::sync::Arc;

/// A scenario file found in the bundled folder: loaded, or why not.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub path: PathBuf,
    pub loaded: Result<Arc<Loaded>, String>,
}

#[derive(Resource, Clone, Debug, Default)]
pub struct StartScreen {
    pub candidates: Vec<Candidate>,
    pub selected: usize,
    pub seed: u64,
    /// Controller per faction of the selected scenario.
    pub controllers: Vec<Controller>,
    /// Mod folders applied to every scenario offered (`pact play --mod`).
    pub mods: Vec<PathBuf>,
}

const CONTROLLERS: [(Controller, &str); 3] = [
    (Controller::Historical, "historical"),
    (Controller::Ai, "AI"),
    (Controller::Player, "player"),
];

impl StartScreen {
    /// Loads every `.ron` in the bundled scenarios folder (and `preselect`, if elsewhere).
    pub fn scan(preselect: Option<PathBuf>, mods: Vec<PathBuf>) -> StartScreen {
        let mut paths = crate::files::ron_files_in(&scenario::bundled(""));
        if let Some(p) = &preselect
            && !paths.iter().any(|q| same_file(q, p))
        {
            paths.insert(0, p.clone());
        }
        let candidates: Vec<Candidate> = paths
            .into_iter()
            .map(|path| Candidate {
                loaded: scenario::load_with_mods(&path, &mods)
                    .map(Arc::new)
                    .map_err(|e| e.to_string()),
                path,
            })
            .collect();
        let selected = preselect
            .and_then(|p| candidates.iter().position(|c| same_file(&c.path, &p)))
            .or_else(|| {
                candidates
                    .iter()
                    .position(|c| c.path.ends_with("historical.ron"))
            })
            .unwrap_or(0);
        let mut screen = StartScreen {
            candidates,
            selected,
            seed: 1,
            controllers: Vec::new(),
            mods,
        };
        screen.reset_controllers();
        screen
    }

    fn reset_controllers(&mut self) {
        self.controllers = match self.candidates.get(self.selected).map(|c| &c.loaded) {
            Some(Ok(l)) => l.scenario.factions.iter().map(|f| f.controller).collect(),
            _ => Vec::new(),
        };
    }

    /// The setup the screen describes, for the selected scenario.
    pub fn setup(&self, s: &Scenario) -> Setup {
        Setup {
            seed: self.seed,
            controllers: s
                .factions
                .iter()
                .zip(&self.controllers)
                .map(|(f, c)| (f.id.clone(), *c))
                .collect(),
            choices: Default::default(),
        }
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The screen; returns the game to start when the user presses Start.
pub fn screen(ui: &mut Ui, st: &mut StartScreen) -> Option<Game> {
    let mut start = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(12.0);
            ui.label(RichText::new("pact").size(34.0).strong());
            ui.label("The Soviet–Japanese front, 1941–1945");
        });
        ui.add_space(12.0);
        ui.columns(2, |cols| {
            cols[0].label(RichText::new("Scenario").strong());
            let before = st.selected;
            for (i, c) in st.candidates.iter().enumerate() {
                let name = match &c.loaded {
                    Ok(l) => l.scenario.meta.name.clone(),
                    Err(_) => format!("{} (does not load)", c.path.display()),
                };
                cols[0].radio_value(&mut st.selected, i, name);
            }
            if st.candidates.is_empty() {
                cols[0].label("No scenarios found in the bundled `scenarios/` folder.");
            }
            if st.selected != before {
                st.reset_controllers();
            }
            let ui = &mut cols[1];
            let Some(c) = st.candidates.get(st.selected) else {
                return;
            };
            let loaded = match &c.loaded {
                Ok(l) => l.clone(),
                Err(e) => {
                    ui.label(RichText::new("This scenario has errors:").strong());
                    ScrollArea::vertical().show(ui, |ui| ui.monospace(e));
                    return;
                }
            };
            let s = &loaded.scenario;
            ui.label(RichText::new(&s.meta.name).size(18.0).strong());
            ui.label(format!("{} to {}", s.meta.start, s.meta.end));
            ui.label(&s.meta.description);
            ui.small(c.path.display().to_string());
            ui.add_space(8.0);
            Grid::new("controllers").striped(true).show(ui, |ui| {
                ui.label(RichText::new("Faction").strong());
                ui.label(RichText::new("Decided by").strong());
                ui.end_row();
                for (i, f) in s.factions.iter().enumerate() {
                    ui.label(&f.name);
                    let cur = &mut st.controllers[i];
                    let label = CONTROLLERS
                        .iter()
                        .find(|x| x.0 == *cur)
                        .map_or("policy", |x| x.1);
                    ComboBox::from_id_salt(("controller", i))
                        .selected_text(label)
                        .show_ui(ui, |ui| {
                            for (c, name) in CONTROLLERS {
                                ui.selectable_value(cur, c, name);
                            }
                        });
                    ui.end_row();
                }
            });
            ui.horizontal(|ui| {
                ui.label("Seed");
                ui.add(DragValue::new(&mut st.seed));
            });
            let decisions = s.decisions.len();
            ui.small(format!(
                "{decisions} decisions in this scenario; a faction decided by `player` asks you in a dialog."
            ));
            ui.add_space(8.0);
            if ui
                .button(RichText::new("  Start  ").size(18.0).strong())
                .clicked()
            {
                start = Some(Game::new(&loaded, &c.path, &st.mods, st.setup(s)));
            }
        });
    });
    start
}

pub(super) fn plugin(
    preselect: Option<PathBuf>,
    mods: Vec<PathBuf>,
) -> impl Fn(&mut App) + Send + Sync + 'static {
    move |app: &mut App| {
        app.insert_resource(StartScreen::scan(preselect.clone(), mods.clone()));
    }
}
