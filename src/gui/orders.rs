//! Commanding formations: for a faction a player controls, the selected
//! formation's order and route, buttons for hold, reserve, withdraw and rail,
//! a right-click on the map to move or attack, and the Orders tab listing
//! every pending and standing order of the player's formations with cancel.
//!
//! Every order goes through the simulation's own check first
//! ([`Game::give_order`]): a refusal is shown with its reason in words and
//! nothing is given. Orders given here are logged by the simulation and go
//! into the game's replay (Game ▸ Save replay) and, as the formations'
//! standing orders, into its saves.

use super::map::Selection;
use super::session::{FormationView, Game};
use crate::sim::catalog::RegionIx;
use crate::sim::command::{Order, Standing};
use bevy_egui::egui::{Color32, RichText, ScrollArea, Ui};

/// What the next right-click on a region orders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OrderMode {
    /// Move to the side's own ground, attack enemy ground.
    #[default]
    Go,
    WithdrawTo,
    RailTo,
}

/// The orders part of the window's state.
#[derive(Clone, Debug, Default)]
pub struct OrderUi {
    pub mode: OrderMode,
    /// The outcome of the last order: what was done, or why it was refused.
    pub message: Option<Result<String, String>>,
}

impl OrderUi {
    /// Gives `order` to formation `seq` and remembers the outcome.
    pub fn give(&mut self, game: &mut Game, seq: u32, order: &Order) {
        self.message = Some(game.give_order(seq, order));
        self.mode = OrderMode::Go;
    }

    /// Gives the formations `group` (and those under them in the chain of
    /// command) an order each, and remembers the outcome.
    pub fn give_group(&mut self, game: &mut Game, group: &[u32], order: &Order) {
        self.message = Some(game.give_group_order(group, |_, _| order.clone()));
        self.mode = OrderMode::Go;
    }

    /// A right-click on region `r` with the formations `group` selected.
    pub fn region_clicked(&mut self, game: &mut Game, group: &[u32], r: RegionIx) {
        let mode = self.mode;
        self.message = Some(game.give_group_order(group, |g, f| region_order(g, f, r, mode)));
        self.mode = OrderMode::Go;
    }
}

/// The order a right-click on region `r` gives formation `f` in `mode`.
pub fn region_order(game: &Game, f: &FormationView, r: RegionIx, mode: OrderMode) -> Order {
    let id = game.catalog().region_id(r).to_string();
    match mode {
        OrderMode::WithdrawTo => Order::WithdrawTo(id),
        OrderMode::RailTo => Order::RailTo(id),
        OrderMode::Go => {
            let cat = game.catalog();
            let owner = game.view.control.get(r.ix()).copied().unwrap_or_default();
            if cat.bloc_of(owner) == cat.bloc_of(f.info.faction) {
                Order::MoveTo(id)
            } else {
                Order::Attack(id)
            }
        }
    }
}

/// The formations an order for `seq` goes to: the map's selected group when
/// `seq` leads it, else `seq` alone.
pub fn group_of(ctx: &bevy_egui::egui::Context, seq: u32) -> Vec<u32> {
    let group = super::map::select::selected(ctx);
    if group.first() == Some(&seq) {
        group
    } else {
        vec![seq]
    }
}

/// A standing order in words: "move to Birobidzhan".
pub fn describe(game: &Game, order: Option<Standing>) -> String {
    let name = |r: RegionIx| game.scenario.regions[r].name.clone();
    match order {
        None => "none: it follows the scenario's plan".into(),
        Some(Standing::MoveTo(r)) => format!("move to {}", name(r)),
        Some(Standing::Attack(r)) => format!("attack {}", name(r)),
        Some(Standing::Hold { since }) => format!("hold (since {since})"),
        Some(Standing::WithdrawTo(r)) => format!("withdraw to {}", name(r)),
        Some(Standing::RailTo(r)) => format!("go by rail to {}", name(r)),
        Some(Standing::Reserve) => "stand in reserve".into(),
    }
}

/// The route in words: "Khabarovsk > Birobidzhan" (no arrow glyph in the default font).
pub fn route_text(game: &Game, f: &FormationView) -> Option<String> {
    (f.route.len() > 1).then(|| {
        f.route
            .iter()
            .map(|&r| game.scenario.regions[r].name.as_str())
            .collect::<Vec<_>>()
            .join(" > ")
    })
}

/// The order controls for the selected formation, above the inspector (only
/// for a formation a player commands). Hold and Reserve go to every formation
/// selected on the map and to those under them in the chain of command.
pub fn formation_controls(ui: &mut Ui, game: &mut Game, seq: u32, st: &mut OrderUi) {
    let group = group_of(ui.ctx(), seq);
    let Some(f) = game.view.formation(seq) else {
        return;
    };
    if game.commander(f.info.faction).is_none() {
        return;
    }
    let order = describe(game, f.order.0);
    let route = route_text(game, f);
    let (garrison, name) = (
        f.posture.0 == crate::scenario::Posture::Garrison,
        f.info.name.clone(),
    );
    ui.group(|ui| {
        ui.label(RichText::new(format!("Orders for {name}")).strong());
        ui.label(format!("Order: {order}"));
        if let Some(r) = route {
            ui.small(format!("Route: {r}"));
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Hold").clicked() {
                st.give_group(game, &group, &Order::Hold);
            }
            if ui.button("Reserve").clicked() {
                st.give_group(game, &group, &Order::Reserve);
            }
            if !garrison {
                ui.selectable_value(&mut st.mode, OrderMode::WithdrawTo, "Withdraw to…");
                ui.selectable_value(&mut st.mode, OrderMode::RailTo, "Rail to…");
            }
        });
        ui.small(match st.mode {
            OrderMode::Go if garrison => "A garrison never leaves its region.",
            OrderMode::Go => {
                "Right-click a region: move there (your ground) or attack it (enemy ground)."
            }
            OrderMode::WithdrawTo => "Right-click a region of yours to withdraw to it.",
            OrderMode::RailTo => "Right-click a region to go there by rail.",
        });
        message(ui, st);
    });
}

/// The last order's outcome: what was done, or the refusal in red.
fn message(ui: &mut Ui, st: &OrderUi) {
    match &st.message {
        Some(Ok(m)) => {
            ui.label(RichText::new(m).color(Color32::from_rgb(40, 140, 60)));
        }
        Some(Err(e)) => {
            ui.label(RichText::new(format!("Refused: {e}")).color(Color32::LIGHT_RED));
        }
        None => {}
    }
}

/// The Orders tab: the player's formations' standing orders (with cancel:
/// the formation holds where it is, or where its current leg ends) and the
/// dated orders waiting for their day. Returns a formation clicked.
pub fn list_panel(ui: &mut Ui, game: &mut Game, st: &mut OrderUi) -> Option<Selection> {
    let mut pick = None;
    if game.player_factions().is_empty() {
        ui.weak("No faction is yours: set one to `player` (start screen, or --controller FACTION=player).");
        return None;
    }
    let standing: Vec<(u32, String, String, bool)> = game
        .view
        .formations
        .iter()
        .filter(|f| f.order.0.is_some() && game.commander(f.info.faction).is_some())
        .map(|f| {
            let cancellable = !matches!(f.order.0, Some(Standing::Hold { .. }));
            (
                f.seq.0,
                f.info.name.clone(),
                describe(game, f.order.0),
                cancellable,
            )
        })
        .collect();
    let pending: Vec<String> = game
        .sim
        .queued_orders()
        .iter()
        .filter(|o| {
            game.view
                .by_id(&o.formation)
                .is_some_and(|f| game.commander(f.info.faction).is_some())
        })
        .map(|o| {
            // As an orders file writes it (serde's names, not Debug's).
            let order = ron::to_string(&o.order).unwrap_or_default();
            format!("{} — {}: {order}", o.date, o.formation)
        })
        .collect();
    message(ui, st);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(format!("Standing orders: {}", standing.len())).strong());
            if standing.is_empty() {
                ui.weak("None yet: select one of your formations and right-click a region.");
            }
            let mut cancel = None;
            for (seq, name, order, cancellable) in &standing {
                ui.horizontal(|ui| {
                    if *cancellable && ui.small_button("Cancel").clicked() {
                        cancel = Some(*seq);
                    }
                    if ui
                        .selectable_label(false, format!("{name}: {order}"))
                        .clicked()
                    {
                        pick = Some(Selection::Formation(*seq));
                    }
                });
            }
            if let Some(seq) = cancel {
                st.give(game, seq, &Order::Hold);
            }
            ui.separator();
            ui.label(RichText::new(format!("Pending (dated) orders: {}", pending.len())).strong());
            for p in &pending {
                ui.label(p);
            }
        });
    pick
}
