//! Where each panel goes: menu and time controls on top, the chronicle below,
//! a tabbed side panel (inspector, treaties, plots, debug) on the right, the
//! map in the middle and the decision dialog over it. Each panel's file owns
//! its contents; this one times the whole UI build for the frame-time readout.

use super::chronicle::{self, ChronicleFilter};
use super::forecast::ForecastPanel;
use super::frame_time::{self, FrameTimes};
use super::map::land::Land;
use super::map::{self, MapView, Selection};
use super::orders::OrderUi;
use super::reload::{self, HotReload};
use super::saves::{Mode, SaveDialog};
use super::session::Game;
use super::start::{self, StartScreen};
use super::time::{Clock, Play, Speed, TimeStatus, time_controls};
use super::{agenda, decisions, end, forecast, history, inspector, orders, plots, treaty};
use crate::sim::catalog::RegionIx;
use bevy::prelude::*;
use bevy_egui::egui::{self, Id, LayerId, Panel, RichText, Ui, UiBuilder};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    Agenda,
    Inspector,
    Orders,
    Treaties,
    #[default]
    Plots,
    History,
    Forecast,
    Debug,
}

impl Tab {
    /// Each tab with its name, in the order the side panel shows them.
    pub const ALL: [(Tab, &'static str); 8] = [
        (Tab::Agenda, "Agenda"),
        (Tab::Inspector, "Inspector"),
        (Tab::Orders, "Orders"),
        (Tab::Treaties, "Treaties"),
        (Tab::Plots, "Plots"),
        (Tab::History, "History"),
        (Tab::Forecast, "Forecast"),
        (Tab::Debug, "Debug"),
    ];
}

impl std::str::FromStr for Tab {
    type Err = String;

    fn from_str(s: &str) -> Result<Tab, String> {
        Tab::ALL
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(s))
            .map(|(t, _)| *t)
            .ok_or_else(|| {
                let names: Vec<String> = Tab::ALL.iter().map(|(_, n)| n.to_lowercase()).collect();
                format!("no tab `{s}`: one of {}", names.join(", "))
            })
    }
}

/// The window's own state: view, selection, filters, open tab.
#[derive(Resource, Default, Debug)]
pub struct UiState {
    pub view: MapView,
    pub selection: Selection,
    pub filter: ChronicleFilter,
    pub tab: Tab,
    pub saves: SaveDialog,
    pub forecast: ForecastPanel,
    pub orders: OrderUi,
    /// A Restart asked for and not yet confirmed.
    pub confirm_restart: bool,
    /// The end screen was closed for this game (to look at the map).
    pub end_closed: bool,
}

/// The side panel's width, bounded so that no tab takes the map's room: a
/// wide table scrolls inside it instead.
pub const SIDE_WIDTH: std::ops::RangeInclusive<f32> = 280.0..=520.0;

impl UiState {
    pub fn select(&mut self, s: Selection) {
        if s != self.selection {
            self.orders = OrderUi::default();
        }
        self.selection = s;
        if s != Selection::None {
            self.tab = Tab::Inspector;
        }
    }

    /// A right-click on region `r`: an order for the selected formations
    /// (`group`, led by the selection) and those under them.
    pub fn order_at(&mut self, game: &mut Game, r: RegionIx, group: &[u32]) {
        if game.player_factions().is_empty() {
            return;
        }
        match self.selection {
            Selection::Formation(seq) => {
                let group = if group.first() == Some(&seq) {
                    group.to_vec()
                } else {
                    vec![seq]
                };
                self.orders.region_clicked(game, &group, r);
                // The refusal of an order to someone else's formation shows in the Orders tab.
                let yours = game
                    .view
                    .formation(seq)
                    .is_some_and(|f| game.commander(f.info.faction).is_some());
                self.tab = if yours { Tab::Inspector } else { Tab::Orders };
            }
            _ => {
                self.orders.message = Some(Err(
                    "select one of your formations first, then right-click where it should go"
                        .into(),
                ));
                self.tab = Tab::Orders;
            }
        }
    }
}

/// What the menu, the end screen and the restart dialog ask of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuAction {
    NewGame,
    /// Asks for confirmation first.
    Restart,
    /// Restart, confirmed.
    ConfirmedRestart,
    /// Opens the save, load or replay dialog.
    Files(Mode),
    /// Closes the end screen to look at the map.
    CloseEnd,
    Quit,
}

impl MenuAction {
    /// The label of its button, wherever it stands.
    pub fn label(self) -> &'static str {
        match self {
            MenuAction::NewGame => "New game…",
            MenuAction::Restart => "Restart this scenario",
            MenuAction::ConfirmedRestart => "Restart",
            MenuAction::Files(Mode::Save) => "Save…",
            MenuAction::Files(Mode::Load) => "Load…",
            MenuAction::Files(Mode::Replay) => "Save replay…",
            MenuAction::CloseEnd => "Look at the map",
            MenuAction::Quit => "Quit",
        }
    }
}

/// A button for each action, labelled by [`MenuAction::label`].
pub fn menu(
    ui: &mut Ui,
    action: &mut Option<MenuAction>,
    actions: impl IntoIterator<Item = MenuAction>,
) {
    buttons(ui, action, actions.into_iter().map(|a| (a.label(), a)));
}

/// Who the player is, in faction names: always on screen.
pub fn you_play(game: &Game) -> String {
    let players: Vec<&str> = game
        .player_factions()
        .into_iter()
        .map(|f| game.faction_name(f))
        .collect();
    if players.is_empty() {
        "You watch: no faction is yours".into()
    } else {
        format!("You play {}", players.join(" and "))
    }
}

/// A button for each (label, what it asks for), in order: sets `action` to
/// what the clicked one asks for, and leaves it alone when none is clicked.
pub fn buttons<'a, A>(
    ui: &mut Ui,
    action: &mut Option<A>,
    buttons: impl IntoIterator<Item = (&'a str, A)>,
) {
    for (label, asks) in buttons {
        if ui.button(label).clicked() {
            *action = Some(asks);
        }
    }
}

fn top_bar(ui: &mut Ui, game: &Game, clock: &mut Clock, note: Option<&str>) -> Option<MenuAction> {
    let mut action = None;
    Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.menu_button("Game", |ui| {
                menu(ui, &mut action, [MenuAction::NewGame, MenuAction::Restart]);
                ui.separator();
                menu(
                    ui,
                    &mut action,
                    [Mode::Save, Mode::Load, Mode::Replay].map(MenuAction::Files),
                );
                ui.separator();
                menu(ui, &mut action, [MenuAction::Quit]);
            });
            ui.menu_button("Auto-pause", |ui| {
                ui.label("Stop the clock, at any speed, when:");
                for (on, label) in clock.pause.options() {
                    ui.checkbox(on, label);
                }
                ui.weak("Your own decisions always stop it.");
            });
            ui.separator();
            let status = TimeStatus {
                date: game.view.day,
                finished: game.sim.finished(),
            };
            time_controls(ui, clock, &status);
        });
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(you_play(game))
                    .strong()
                    .color(egui::Color32::from_rgb(240, 200, 80)),
            );
            ui.label(RichText::new(format!("· {}", game.scenario.meta.name)).weak());
            if let Some(n) = note {
                ui.label(RichText::new(format!("· {n}")).weak());
            }
        });
    });
    action
}

fn side_panel(ui: &mut Ui, game: &mut Game, state: &mut UiState, times: &FrameTimes) {
    Panel::right("side")
        .resizable(true)
        .default_size(380.0)
        .size_range(SIDE_WIDTH)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (tab, name) in Tab::ALL {
                    ui.selectable_value(&mut state.tab, tab, name);
                }
            });
            ui.separator();
            match state.tab {
                Tab::Agenda => agenda::panel(ui, game),
                Tab::Inspector => {
                    if let Selection::Formation(seq) = state.selection {
                        orders::formation_controls(ui, game, seq, &mut state.orders);
                    }
                    if let Some(s) = inspector::panel(ui, game, state.selection) {
                        state.select(s);
                    }
                }
                Tab::Orders => {
                    if let Some(s) = orders::list_panel(ui, game, &mut state.orders) {
                        state.select(s);
                    }
                }
                Tab::Treaties => treaty::panel(ui, game),
                Tab::Plots => plots::panel(ui, game),
                Tab::History => history::panel(ui, game),
                Tab::Forecast => forecast::panel(ui, game, &mut state.forecast),
                Tab::Debug => frame_time::panel(ui, times),
            }
        });
}

/// Every panel and the map for one frame of a running game: what the
/// frame-time readout and `benches/ui_frame.rs` measure.
pub fn game_ui(
    ui: &mut Ui,
    game: &mut Game,
    state: &mut UiState,
    clock: &mut Clock,
    land: &Land,
    times: &FrameTimes,
    hot: &mut HotReload,
) -> Option<MenuAction> {
    let action = top_bar(ui, game, clock, hot.note.as_deref());
    Panel::bottom("chronicle")
        .resizable(true)
        .default_size(190.0)
        .show(ui, |ui| {
            if let Some(region) =
                chronicle::panel(ui, game.sim.chronicle(), &game.scenario, &mut state.filter)
                && let Some(r) = game.catalog().region(&region)
            {
                state.view.center = game.layout.pos[r];
                state.select(Selection::Region(r));
            }
        });
    side_panel(ui, game, state, times);
    egui::CentralPanel::no_frame().show(ui, |ui| {
        let input = map::show(
            ui,
            game,
            land,
            &game.layout,
            &mut state.view,
            state.selection,
        );
        if let Some(s) = input.clicked {
            state.select(s);
        }
        if let Some(r) = input.ordered {
            let group = map::select::selected(ui.ctx());
            state.order_at(game, r, &group);
        }
    });
    decisions::dialog(ui.ctx(), game, clock);
    let mut action = action;
    if game.sim.finished()
        && !state.end_closed
        && let Some(asked) = end::show(ui.ctx(), &end::EndAccount::of(game))
    {
        state.end_closed = true;
        action = Some(asked);
    }
    if state.confirm_restart {
        let mut answer = None;
        egui::Modal::new(Id::new("confirm_restart")).show(ui.ctx(), |ui| {
            ui.label(RichText::new("Restart this scenario?").strong());
            ui.label(format!(
                "The game goes back to {}; what happened since is lost unless you save it first.",
                game.calendar().start
            ));
            ui.horizontal(|ui| {
                buttons(
                    ui,
                    &mut answer,
                    [
                        ("Restart", Some(MenuAction::ConfirmedRestart)),
                        ("Save first…", Some(MenuAction::Files(Mode::Save))),
                        ("Cancel", None),
                    ],
                );
            });
        });
        if let Some(a) = answer {
            state.confirm_restart = false;
            action = a;
        }
    }
    if reload::panel(ui.ctx(), hot)
        && let Some((loaded, _)) = hot.offer.take()
    {
        *game = reload::restart_with(game, &loaded);
        hot.note = Some(format!(
            "restarted with the edited scenario at {}",
            game.view.day
        ));
    }
    if let Some(g) = state.saves.show(ui.ctx(), game) {
        *game = g;
        *clock = Clock::default();
        state.end_closed = false;
    }
    action
}

/// Space pauses and resumes; the right arrow steps a day.
fn keys(ctx: &egui::Context, clock: &mut Clock) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let (space, right) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::Space),
            i.key_pressed(egui::Key::ArrowRight),
        )
    });
    if space {
        let next = if clock.speed == Speed::Paused {
            Speed::PerSecond(5)
        } else {
            Speed::Paused
        };
        clock.set_speed(next);
    }
    if right {
        clock.step_once = true;
    }
}

/// The whole window as one background `Ui` the panels divide.
fn root_ui(ctx: &egui::Context) -> Ui {
    Ui::new(
        ctx.clone(),
        Id::new("pact_root"),
        UiBuilder::new()
            .layer_id(LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn layout(
    mut contexts: EguiContexts,
    Play {
        mut slot,
        mut clock,
        mut times,
    }: Play,
    mut state: ResMut<UiState>,
    mut start_screen: ResMut<StartScreen>,
    land: Res<Land>,
    mut hot: ResMut<HotReload>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let t0 = Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    let action = match slot.0.as_mut() {
        None => {
            if let Some(game) = start::screen(&mut root, &mut start_screen) {
                slot.0 = Some(game);
                *state = UiState::default();
                *clock = Clock::default();
            }
            None
        }
        Some(game) => {
            keys(&ctx, &mut clock);
            game_ui(
                &mut root, game, &mut state, &mut clock, &land, &times, &mut hot,
            )
        }
    };
    match action {
        Some(MenuAction::NewGame) => slot.0 = None,
        Some(MenuAction::Restart) => state.confirm_restart = true,
        Some(MenuAction::ConfirmedRestart) => {
            if let Some(g) = slot.0.as_ref() {
                slot.0 = Some(g.restarted());
                let pause = clock.pause;
                *clock = Clock::default();
                clock.pause = pause;
                state.end_closed = false;
            }
        }
        Some(MenuAction::Files(mode)) => {
            if let Some(g) = slot.0.as_ref() {
                state.saves.open(mode, g);
            }
        }
        Some(MenuAction::CloseEnd) | None => {}
        Some(MenuAction::Quit) => {
            exit.write(AppExit::Success);
        }
    }
    times.record_ui(t0.elapsed());
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiState>()
        .insert_resource(Land::load())
        .add_systems(EguiPrimaryContextPass, layout);
}
