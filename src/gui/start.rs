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
    /// Decisions whose answer the scenario fixes (an overlay's `choose`).
    pub fixed: Vec<Fixed>,
}

/// A decision the scenario answers in advance: an overlay's `choose` made
/// `option` its recorded answer in place of the base scenario's `base`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fixed {
    /// Index into the scenario's decisions.
    pub decision: usize,
    pub option: String,
    pub base: String,
}

/// The fixed choices of `loaded`: decisions whose recorded option differs
/// from its base scenario's (the first source, when there are overlays).
pub fn fixed_choices(loaded: &Loaded) -> Vec<Fixed> {
    let Some(base) = loaded.sources.first().filter(|_| loaded.sources.len() > 1) else {
        return Vec::new();
    };
    let Ok(base) = scenario::load_path(std::path::Path::new(&base.path)) else {
        return Vec::new();
    };
    loaded
        .scenario
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let b = base.scenario.decisions.iter().find(|b| b.id == d.id)?;
            (b.historical != d.historical).then(|| Fixed {
                decision: i,
                option: d.historical.clone(),
                base: b.historical.clone(),
            })
        })
        .collect()
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
    /// Per fixed choice of the selected scenario: the player takes it back
    /// and decides it in the game.
    pub decide_yourself: Vec<bool>,
    /// The saves list, when the Load panel is open.
    pub loading: Option<Vec<super::saves::SaveEntry>>,
    /// The save picked in it, and why the last load failed.
    pub load_path: String,
    pub load_error: Option<String>,
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
            .map(|path| {
                let loaded = scenario::load_with_mods(&path, &mods)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                let fixed = loaded.as_ref().map_or(Vec::new(), |l| fixed_choices(l));
                Candidate {
                    loaded,
                    fixed,
                    path,
                }
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
            decide_yourself: Vec::new(),
            loading: None,
            load_path: String::new(),
            load_error: None,
        };
        screen.reset_controllers();
        screen
    }

    pub fn reset_controllers(&mut self) {
        self.controllers = match self.candidates.get(self.selected).map(|c| &c.loaded) {
            Some(Ok(l)) => l.scenario.factions.iter().map(|f| f.controller).collect(),
            _ => Vec::new(),
        };
        self.decide_yourself = vec![false; self.fixed().len()];
    }

    fn fixed(&self) -> &[Fixed] {
        self.candidates
            .get(self.selected)
            .map_or(&[], |c| c.fixed.as_slice())
    }

    /// Whether the faction deciding `fixed` is set to `player` here.
    fn players_decision(&self, s: &Scenario, fixed: &Fixed) -> bool {
        let faction = &s.decisions[fixed.decision].faction;
        s.factions
            .iter()
            .zip(&self.controllers)
            .any(|(f, c)| &f.id == faction && *c == Controller::Player)
    }

    /// The setup the screen describes, for the selected scenario. A choice
    /// the scenario fixes for a player's faction is kept as a fixed answer
    /// (the player is not asked), unless the player takes it back.
    pub fn setup(&self, s: &Scenario) -> Setup {
        let choices = self
            .fixed()
            .iter()
            .zip(&self.decide_yourself)
            .filter(|(f, own)| !**own && self.players_decision(s, f))
            .map(|(f, _)| (s.decisions[f.decision].id.clone(), f.option.clone()))
            .collect();
        Setup {
            seed: self.seed,
            controllers: s
                .factions
                .iter()
                .zip(&self.controllers)
                .map(|(f, c)| (f.id.clone(), *c))
                .collect(),
            choices,
        }
    }

    /// The scenario to start: a fixed choice the player took back gets the
    /// base scenario's recorded answer again (what the dialog marks as history).
    pub fn scenario_to_start(&self, loaded: &Loaded) -> Loaded {
        let mut loaded = loaded.clone();
        for (f, own) in self.fixed().iter().zip(&self.decide_yourself) {
            if *own && self.players_decision(&loaded.scenario, f) {
                loaded.scenario.decisions[f.decision].historical = f.base.clone();
            }
        }
        loaded
    }

    /// The game the Start button starts.
    pub fn start(&self) -> Option<Game> {
        let c = self.candidates.get(self.selected)?;
        let loaded = c.loaded.as_ref().ok()?;
        let to_start = self.scenario_to_start(loaded);
        let setup = self.setup(&loaded.scenario);
        Some(Game::new(&to_start, &c.path, &self.mods, setup))
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
            ui.weak(c.path.display().to_string());
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
            ui.label(CONTROLLER_HELP);
            let fixed = c.fixed.clone();
            for (k, f) in fixed.iter().enumerate() {
                let d = &s.decisions[f.decision];
                let option = d
                    .options
                    .iter()
                    .find(|o| o.id == f.option)
                    .map_or(f.option.as_str(), |o| o.name.as_str());
                let who = s
                    .factions
                    .iter()
                    .find(|x| x.id == d.faction)
                    .map_or(d.faction.as_str(), |x| x.name.as_str());
                ui.label(
                    RichText::new(format!(
                        "This scenario decides for {who}: {} → {option}.",
                        d.name
                    ))
                    .color(egui::Color32::from_rgb(240, 200, 80)),
                );
                if st.players_decision(s, f) {
                    if let Some(own) = st.decide_yourself.get_mut(k) {
                        ui.checkbox(own, "decide it yourself");
                    }
                } else {
                    ui.weak(format!(
                        "Set {who} to `player` to decide it yourself; `AI` weighs it instead."
                    ));
                }
            }
            ui.horizontal(|ui| {
                ui.label("Seed");
                ui.add(DragValue::new(&mut st.seed));
            });
            ui.label(format!("{} decisions in this scenario.", s.decisions.len()));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new("  Start  ").size(18.0).strong())
                    .clicked()
                {
                    start = st.start();
                }
                if ui
                    .button(RichText::new("Load a saved game…").size(16.0))
                    .clicked()
                {
                    st.loading = Some(super::saves::list(std::path::Path::new(
                        super::saves::SAVE_DIR,
                    )));
                    st.load_error = None;
                }
            });
            if let Some(g) = load_panel(ui, st) {
                start = Some(g);
            }
        });
    });
    start
}

/// What the three kinds of decider mean, under the controllers table.
pub const CONTROLLER_HELP: &str = "historical: takes what happened · AI: weighs the options \
     as the scenario sets, by chance · player: you, in a dialog that stops the clock.";

/// The saves list with a Load button, when open; returns the loaded game.
fn load_panel(ui: &mut Ui, st: &mut StartScreen) -> Option<Game> {
    let saves = st.loading.as_ref()?;
    ui.separator();
    ui.label(RichText::new(format!("Saved games in `{}/`", super::saves::SAVE_DIR)).strong());
    let mut path = std::mem::take(&mut st.load_path);
    let now = super::saves::table(ui, saves, &mut path);
    let mut game = None;
    ui.horizontal(|ui| {
        let clicked = ui
            .add_enabled(!path.is_empty(), egui::Button::new("Load"))
            .clicked();
        if let Some(p) = now.or_else(|| clicked.then(|| PathBuf::from(&path))) {
            match super::saves::load(&p) {
                Ok(g) => game = Some(g),
                Err(e) => st.load_error = Some(e),
            }
        }
        if ui.button("Cancel").clicked() {
            st.loading = None;
        }
    });
    if let Some(e) = &st.load_error {
        ui.label(RichText::new(e).color(egui::Color32::LIGHT_RED).monospace());
    }
    st.load_path = path;
    game
}

pub(super) fn plugin(
    preselect: Option<PathBuf>,
    mods: Vec<PathBuf>,
) -> impl Fn(&mut App) + Send + Sync + 'static {
    move |app: &mut App| {
        app.insert_resource(StartScreen::scan(preselect.clone(), mods.clone()));
    }
}
