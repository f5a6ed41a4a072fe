//! The comparison with history: each reference point of the scenario's
//! `history` section beside what this game has done so far, measured on the
//! running simulation with the same code as `pact compare`.

use super::session::Game;
use crate::report::compare::{Comparison, compare};
use bevy_egui::egui::{Color32, Grid, RichText, ScrollArea, Ui};

/// This game's table: one run, so the "median" is this game's own value.
pub fn table(game: &Game) -> Comparison {
    let measured = game.measurer.measured(&game.sim);
    compare(&game.scenario, &[game.origin.setup.seed], &[measured])
}

pub fn panel(ui: &mut Ui, game: &Game) {
    if game.scenario.history.is_empty() {
        ui.weak("This scenario has no `history` section to compare with.");
        return;
    }
    let t = table(game);
    ui.label(format!(
        "This game so far (seed {}), measured as `pact compare` measures; \
         run `pact compare` for the spread over seeds.",
        game.origin.setup.seed
    ));
    ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("history").striped(true).show(ui, |ui| {
                for h in ["Point", "History", "This game", "Diff.", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for r in &t.rows {
                    ui.label(&r.name)
                        .on_hover_text(format!("{} — source {}", r.id, r.source));
                    ui.label(&r.historical);
                    if r.reached == 0 {
                        ui.weak("not yet");
                    } else {
                        ui.label(&r.median);
                    }
                    ui.label(&r.difference);
                    let (mark, colour) = match (r.reached, r.within) {
                        (_, true) => ("✔", Color32::from_rgb(90, 170, 90)),
                        (0, false) => ("…", Color32::GRAY),
                        _ => ("✘", Color32::from_rgb(210, 80, 70)),
                    };
                    ui.label(RichText::new(mark).color(colour));
                    ui.end_row();
                }
            });
        });
}
