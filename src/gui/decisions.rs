//! The decision dialog: when a player-controlled decision is due the clock
//! holds, and each option is shown with its effects; choosing one answers the
//! simulation, which takes it on the next day.

use super::effects::describe_all;
use super::session::Game;
use super::time::Clock;
use crate::date::Date;
use crate::scenario::Scenario;
use bevy_egui::egui::{self, RichText, Ui};

/// One option as offered.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionView {
    pub name: String,
    pub description: String,
    pub effects: Vec<String>,
    pub historical: bool,
}

/// A decision as the dialog shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionView {
    /// Index into the scenario's decisions (what [`crate::sim::Simulation::answer`] takes).
    pub index: usize,
    pub name: String,
    pub faction: String,
    pub date: Date,
    pub description: String,
    pub options: Vec<OptionView>,
}

impl DecisionView {
    pub fn of(scenario: &Scenario, index: usize, date: Date) -> DecisionView {
        let d = &scenario.decisions[index];
        let faction = scenario
            .factions
            .iter()
            .find(|f| f.id == d.faction)
            .map_or(d.faction.clone(), |f| f.name.clone());
        DecisionView {
            index,
            name: d.name.clone(),
            faction,
            date,
            description: d.description.clone(),
            options: d
                .options
                .iter()
                .map(|o| OptionView {
                    name: o.name.clone(),
                    description: o.description.clone(),
                    effects: describe_all(&o.effects),
                    historical: o.id == d.historical,
                })
                .collect(),
        }
    }
}

/// The dialog's contents; returns the option chosen this frame.
pub fn decision_body(ui: &mut Ui, view: &DecisionView) -> Option<usize> {
    let mut chosen = None;
    ui.label(RichText::new(format!("{} decides — {}", view.faction, view.date)).strong());
    if !view.description.is_empty() {
        ui.label(&view.description);
    }
    ui.separator();
    for (i, o) in view.options.iter().enumerate() {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                if ui.button(RichText::new(&o.name).strong()).clicked() {
                    chosen = Some(i);
                }
                if o.historical {
                    ui.weak("(what happened)");
                }
            });
            if !o.description.is_empty() {
                ui.label(&o.description);
            }
            for e in &o.effects {
                ui.small(format!("• {e}"));
            }
            if o.effects.is_empty() {
                ui.small("• no direct effects");
            }
        });
    }
    chosen
}

/// Shows the first unanswered decision, if any, and sends the answer.
pub fn dialog(ctx: &egui::Context, game: &mut Game, clock: &mut Clock) {
    let Some(&index) = game.unanswered().first() else {
        return;
    };
    let view = DecisionView::of(&game.scenario, index, game.asked_on(index));
    let chosen = egui::Window::new(RichText::new(&view.name).size(18.0))
        .id(egui::Id::new(("decision", index)))
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| decision_body(ui, &view))
                .inner
        })
        .and_then(|r| r.inner)
        .flatten();
    if let Some(o) = chosen {
        game.answer(index, o);
        clock.resume();
    }
}
