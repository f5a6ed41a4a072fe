//! The inspector: everything about the selected region or formation.

use super::map::Selection;
use super::map::counters::{men, moving_text};
use super::session::{FormationView, Game};
use crate::names::{name, words};
use crate::sim::catalog::RegionIx;
use bevy_egui::egui::{Grid, RichText, ScrollArea, Ui};

/// The panel; returns a new selection when a listed formation or neighbour is clicked.
pub fn panel(ui: &mut Ui, game: &Game, selection: Selection) -> Option<Selection> {
    let mut pick = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match selection {
            Selection::None => {
                ui.weak("Click a region or a counter on the map.");
            }
            Selection::Region(r) => pick = region(ui, game, r),
            Selection::Formation(seq) => match game.view.formation(seq) {
                Some(f) => pick = formation(ui, game, f),
                None => {
                    ui.weak("That formation is no longer in the field.");
                }
            },
        });
    pick
}

fn region(ui: &mut Ui, game: &Game, r: RegionIx) -> Option<Selection> {
    let s = &*game.scenario;
    let reg = &s.regions[r as usize];
    let mut pick = None;
    ui.label(RichText::new(&reg.name).size(16.0).strong());
    Grid::new("region_facts").show(ui, |ui| {
        let mut row = |k: &str, v: String| {
            ui.label(k);
            ui.label(v);
            ui.end_row();
        };
        row("id", reg.id.clone());
        row(
            "held by",
            game.faction_name(game.view.control[r as usize]).to_string(),
        );
        row("at the start", reg.owner.clone());
        row("terrain", name(&reg.terrain));
        row("theatre", reg.theatre.clone());
        row("fortification", format!("{}", reg.fort));
        row("depot", if reg.depot { "yes" } else { "no" }.into());
        row("value", format!("{}", reg.value));
        row("position", format!("{:.2}° N, {:.2}° E", reg.lat, reg.lon));
    });
    ui.separator();
    let here: Vec<&FormationView> = game.view.at(r).collect();
    ui.label(RichText::new(format!("Formations here: {}", here.len())).strong());
    for f in here {
        let t = &s.formation_types[f.kind];
        let text = format!(
            "{} — {}, {} men, {:.0} tanks, {:.0} guns",
            f.name,
            game.faction_name(f.faction),
            men(f.strength.men),
            f.strength.tanks,
            f.strength.guns
        );
        if ui
            .selectable_label(false, text)
            .on_hover_text(&t.name)
            .clicked()
        {
            pick = Some(Selection::Formation(f.seq));
        }
    }
    ui.separator();
    ui.label(RichText::new("Links").strong());
    for e in &game.catalog().edges[r as usize] {
        let text = format!(
            "{} — {}, {:.0} km",
            s.regions[e.to as usize].name,
            words(&e.kind),
            e.km
        );
        if ui.selectable_label(false, text).clicked() {
            pick = Some(Selection::Region(e.to));
        }
    }
    pick
}

fn formation(ui: &mut Ui, game: &Game, f: &FormationView) -> Option<Selection> {
    let s = &*game.scenario;
    let t = &s.formation_types[f.kind];
    ui.label(RichText::new(&f.name).size(16.0).strong());
    Grid::new("formation_facts").show(ui, |ui| {
        let mut row = |k: &str, v: String| {
            ui.label(k);
            ui.label(v);
            ui.end_row();
        };
        row("id", f.id.clone());
        row("faction", game.faction_name(f.faction).to_string());
        row("type", t.name.clone());
        row("men", format!("{:.0}", f.strength.men));
        row("tanks", format!("{:.0}", f.strength.tanks));
        row("guns", format!("{:.0}", f.strength.guns));
        row("aircraft", format!("{:.0}", f.strength.aircraft));
        row("quality", format!("{:.2}", f.strength.quality));
        row("winter readiness", format!("{:.2}", f.strength.winter));
        row("supply", format!("{:.0}%", f.supply * 100.0));
        row("posture", name(&f.posture));
        row("where", moving_text(game, f));
    });
    match f.location.region() {
        Some(r) if ui.button("Show its region").clicked() => Some(Selection::Region(r)),
        _ => None,
    }
}
