//! The inspector: everything about the selected region or formation, as far
//! as the player's side knows it (the map's fog of war: other sides'
//! formations only where seen, at estimated strength).

use super::map::Selection;
use super::map::counters::{men, moving_text};
use super::map::fog::Fog;
use super::session::{FormationView, Game};
use crate::names::{id_words, name, words};
use crate::sim::catalog::RegionIx;
use bevy_egui::egui::{Grid, RichText, ScrollArea, Ui};

/// The panel; returns a new selection when a listed formation or neighbour is clicked.
pub fn panel(ui: &mut Ui, game: &Game, selection: Selection) -> Option<Selection> {
    let mut pick = None;
    let fog = Fog::of(game);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match selection {
            Selection::None => {
                ui.weak("Click a region or a counter on the map.");
            }
            Selection::Region(r) => pick = region(ui, game, &fog, r),
            Selection::Formation(seq) => match game.view.formation(seq).filter(|f| fog.sees(f)) {
                Some(f) if fog.estimated(f) => pick = estimated(ui, game, &fog, f),
                Some(f) => pick = formation(ui, game, f),
                None => {
                    ui.weak("That formation is no longer in the field.");
                }
            },
        });
    pick
}

fn region(ui: &mut Ui, game: &Game, fog: &Fog, r: RegionIx) -> Option<Selection> {
    let s = &*game.scenario;
    let reg = &s.regions[r];
    let mut pick = None;
    ui.label(RichText::new(&reg.name).size(16.0).strong())
        .on_hover_text(format!("id in the scenario: {}", reg.id));
    facts(
        ui,
        "region_facts",
        [
            (
                "held by",
                game.faction_name(game.view.control[r]).to_string(),
            ),
            (
                "held at the start by",
                game.catalog()
                    .faction(&reg.owner)
                    .map_or(reg.owner.as_str(), |f| game.faction_name(f))
                    .to_string(),
            ),
            ("terrain", words(&reg.terrain)),
            ("theatre", id_words(&reg.theatre)),
            ("fortification", format!("{}", reg.fort)),
            ("depot", if reg.depot { "yes" } else { "no" }.into()),
            ("value", format!("{}", reg.value)),
            ("position", format!("{:.2}° N, {:.2}° E", reg.lat, reg.lon)),
        ],
    );
    ui.separator();
    let here: Vec<&FormationView> = game.view.at(r).filter(|f| fog.sees(f)).collect();
    let title = if fog.sees_region(r) {
        format!("Formations here: {}", here.len())
    } else {
        format!("Formations here: {} of yours; the rest unseen", here.len())
    };
    ui.label(RichText::new(title).strong());
    for f in here {
        let t = &s.formation_types[f.info.kind];
        let text = if fog.estimated(f) {
            format!(
                "{} — {}, ~{} men, ~{:.0} tanks (estimated)",
                f.info.name,
                game.faction_name(f.info.faction),
                men(fog.men(f)),
                fog.tanks(f),
            )
        } else {
            format!(
                "{} — {}, {} men, {:.0} tanks, {:.0} guns",
                f.info.name,
                game.faction_name(f.info.faction),
                men(f.strength.men),
                f.strength.tanks,
                f.strength.guns
            )
        };
        if ui
            .selectable_label(false, text)
            .on_hover_text(&t.name)
            .clicked()
        {
            pick = Some(Selection::Formation(f.seq.0));
        }
    }
    ui.separator();
    ui.label(RichText::new("Links").strong());
    for e in &game.catalog().edges[r] {
        let text = format!(
            "{} — {}, {:.0} km",
            s.regions[e.to].name,
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
    let t = &s.formation_types[f.info.kind];
    ui.label(RichText::new(&f.info.name).size(16.0).strong())
        .on_hover_text(format!("id in the scenario: {}", f.info.id));
    facts(
        ui,
        "formation_facts",
        [
            ("faction", game.faction_name(f.info.faction).to_string()),
            ("type", t.name.clone()),
            ("men", format!("{:.0}", f.strength.men)),
            ("tanks", format!("{:.0}", f.strength.tanks)),
            ("guns", format!("{:.0}", f.strength.guns)),
            ("aircraft", format!("{:.0}", f.strength.aircraft)),
            ("quality", format!("{:.2}", f.strength.quality)),
            ("winter readiness", format!("{:.2}", f.strength.winter)),
            ("supply", format!("{:.0}%", f.supply.0 * 100.0)),
            ("posture", name(&f.posture)),
            ("where", moving_text(game, f)),
        ],
    );
    match f.location.region() {
        Some(r) if ui.button("Show its region").clicked() => Some(Selection::Region(r)),
        _ => None,
    }
}

/// Another side's formation: what intelligence believes, no more.
fn estimated(ui: &mut Ui, game: &Game, fog: &Fog, f: &FormationView) -> Option<Selection> {
    let t = &game.scenario.formation_types[f.info.kind];
    ui.label(RichText::new(&f.info.name).size(16.0).strong());
    facts(
        ui,
        "formation_facts",
        [
            ("faction", game.faction_name(f.info.faction).to_string()),
            ("type", t.name.clone()),
            ("men", format!("~{:.0} (estimated)", fog.men(f))),
            ("tanks", format!("~{:.0} (estimated)", fog.tanks(f))),
            ("where", moving_text(game, f)),
        ],
    );
    ui.weak("Strengths are your intelligence's estimates.");
    match f.location.region() {
        Some(r) if ui.button("Show its region").clicked() => Some(Selection::Region(r)),
        _ => None,
    }
}

/// A two-column table of facts, a row each.
fn facts<const N: usize>(ui: &mut Ui, id: &str, rows: [(&str, String); N]) {
    Grid::new(id).show(ui, |ui| {
        for (k, v) in rows {
            ui.label(k);
            ui.label(v);
            ui.end_row();
        }
    });
}
