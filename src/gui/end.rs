//! The end screen: when the scenario's last day has been simulated, a modal
//! with the outcomes, the player's decisions and a short account against
//! history (the History tab's measures), and what to do next.

use super::history;
use super::layout::{MenuAction, menu};
use super::saves::Mode;
use super::session::Game;
use crate::report::compare::Comparison;
use bevy_egui::egui::{self, Id, RichText, ScrollArea, Ui};

/// What the end screen says, built from the game (testable without drawing).
#[derive(Clone, Debug, PartialEq)]
pub struct EndAccount {
    pub title: String,
    /// Outcomes reached, with their dates ("Outcome — date").
    pub outcomes: Vec<String>,
    /// The decisions the player took ("date: decision: option").
    pub yours: Vec<String>,
    /// Every history point against this game.
    pub history: Comparison,
    /// The points furthest from history (name: this game vs history).
    pub differences: Vec<String>,
}

impl EndAccount {
    pub fn of(game: &Game) -> EndAccount {
        let ledger = game.sim.ledger();
        let outcomes = ledger
            .outcomes
            .iter()
            .map(|(name, d)| {
                format!(
                    "{} — {d}",
                    crate::names::capitalised(&crate::names::words(name))
                )
            })
            .collect();
        let yours = ledger
            .decisions
            .iter()
            .filter(|t| t.controller == "player")
            .map(|t| {
                let def = game.scenario.decisions.iter().find(|d| d.id == t.decision);
                let (dn, on) = def.map_or((t.decision.clone(), t.option.clone()), |d| {
                    let o = d.options.iter().find(|o| o.id == t.option);
                    (
                        d.name.clone(),
                        o.map_or(t.option.clone(), |o| o.name.clone()),
                    )
                });
                format!("{}: {dn} — {on}", t.date)
            })
            .collect();
        let history = history::table(game);
        let differences = history
            .rows
            .iter()
            .filter(|r| r.reached > 0 && !r.within)
            .take(6)
            .map(|r| {
                format!(
                    "{}: {} (history {}, {})",
                    r.name, r.median, r.historical, r.difference
                )
            })
            .collect();
        EndAccount {
            title: format!("{} — ended {}", game.scenario.meta.name, game.view.day),
            outcomes,
            yours,
            history,
            differences,
        }
    }
}

/// A heading over its items as bullets, or over `none` when there are none.
fn section(ui: &mut Ui, heading: &str, items: &[String], none: &str) {
    ui.label(RichText::new(heading).strong());
    if items.is_empty() {
        ui.weak(none);
    }
    bullets(ui, items);
}

fn bullets(ui: &mut Ui, items: &[String]) {
    for i in items {
        ui.label(format!("• {i}"));
    }
}

/// The modal, over everything; returns the button pressed.
pub fn show(ctx: &egui::Context, account: &EndAccount) -> Option<MenuAction> {
    let mut action = None;
    let modal = egui::Modal::new(Id::new("end_screen")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.label(RichText::new("The scenario has ended").size(22.0).strong());
        ui.label(RichText::new(&account.title).strong());
        ui.separator();
        ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            section(ui, "Outcomes", &account.outcomes, "No outcome was reached.");
            ui.add_space(6.0);
            section(
                ui,
                "Your decisions",
                &account.yours,
                "You took no decision in this game.",
            );
            ui.add_space(6.0);
            ui.label(RichText::new("Against history").strong());
            let h = &account.history;
            if h.rows.is_empty() {
                ui.weak("This scenario has no history points to compare with.");
            } else {
                ui.label(format!(
                    "{} of {} history points reached; {} within history's range.",
                    h.reached(),
                    h.rows.len(),
                    h.within()
                ));
                bullets(ui, &account.differences);
                ui.weak("The History tab has every point.");
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            use MenuAction::*;
            menu(
                ui,
                &mut action,
                [ConfirmedRestart, Files(Mode::Save), NewGame, CloseEnd],
            );
        });
    });
    if modal.should_close() && action.is_none() {
        action = Some(MenuAction::CloseEnd);
    }
    action
}
