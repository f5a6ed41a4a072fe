//! Formation counters: one stack per faction in each region (its strongest
//! formation's type letter, total men, and how many formations), and a small
//! counter for each formation on the move, placed along its march or rail route.

use super::{MapLayout, MapView, Selection, rgb};
use crate::gui::session::{FormationView, Game};
use crate::names::words;
use crate::scenario::Arm;
use crate::sim::catalog::{FactionIx, LinkIx, RegionIx};
use crate::sim::state::Location;
use bevy_egui::egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, RichText, Stroke, StrokeKind, Ui, pos2, vec2,
};

/// Something on the map under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Region(RegionIx),
    /// A faction's formations in a region.
    Stack(RegionIx, FactionIx),
    /// One formation on the move.
    Moving(u32),
}

impl Hit {
    /// The region it stands in (none for a formation on the move).
    pub fn region(self) -> Option<RegionIx> {
        match self {
            Hit::Region(r) | Hit::Stack(r, _) => Some(r),
            Hit::Moving(_) => None,
        }
    }

    pub fn selection(self) -> Selection {
        match self {
            Hit::Region(r) | Hit::Stack(r, _) => Selection::Region(r),
            Hit::Moving(seq) => Selection::Formation(seq),
        }
    }
}

/// What a click on a faction's stack in a region selects: its strongest
/// formation, or the next one (by strength) if one of them is selected.
pub fn next_in_stack(
    game: &Game,
    r: RegionIx,
    faction: FactionIx,
    selection: Selection,
) -> Selection {
    let mut here: Vec<&FormationView> = game.view.at(r).filter(|f| f.faction == faction).collect();
    here.sort_by(|a, b| {
        b.strength
            .men
            .total_cmp(&a.strength.men)
            .then(a.seq.cmp(&b.seq))
    });
    let next = match selection {
        Selection::Formation(seq) => here
            .iter()
            .position(|f| f.seq == seq)
            .map_or(0, |i| (i + 1) % here.len().max(1)),
        _ => 0,
    };
    here.get(next)
        .map_or(Selection::Region(r), |f| Selection::Formation(f.seq))
}

/// The letter on a counter, after the arm (board-wargame style).
pub fn letter(arm: Arm) -> &'static str {
    match arm {
        Arm::Infantry => "I",
        Arm::Cavalry => "C",
        Arm::Armour => "A",
        Arm::Mechanised => "M",
        Arm::Airborne => "P",
        Arm::Air => "F",
        Arm::Naval => "N",
        Arm::Headquarters => "H",
    }
}

/// Men as a counter shows them: 45k, 800.
pub fn men(n: f64) -> String {
    if n >= 9_950.0 {
        format!("{:.0}k", n / 1000.0)
    } else if n >= 1000.0 {
        format!("{:.1}k", n / 1000.0)
    } else {
        format!("{n:.0}")
    }
}

/// Black or white text, whichever reads on the faction's colour.
fn ink_on(c: Color32) -> Color32 {
    let l = 0.299 * c.r() as f32 + 0.587 * c.g() as f32 + 0.114 * c.b() as f32;
    if l > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Where a moving formation is now, in map coordinates.
pub fn moving_position(game: &Game, layout: &MapLayout, f: &FormationView) -> Option<Pos2> {
    match &f.location {
        Location::At(_) => None,
        Location::March { .. } => {
            let (from, to, t) = f.location.marching()?;
            Some(layout.pos[from].lerp(layout.pos[to], t as f32))
        }
        Location::Rail(trip) => {
            let t = match (trip.departed, trip.arrives) {
                (Some(d), Some(a)) => {
                    let total = a.days_since(d).max(1) as f64;
                    (game.view.day.days_since(d) as f64 / total).clamp(0.0, 1.0)
                }
                _ => 0.0,
            };
            Some(along_route(game, layout, trip.from, &trip.route, t))
        }
    }
}

/// The point a fraction `t` of the way along a rail route (by link lengths).
fn along_route(game: &Game, layout: &MapLayout, from: RegionIx, route: &[LinkIx], t: f64) -> Pos2 {
    let s = &game.scenario;
    let cat = game.catalog();
    let total: f64 = route.iter().map(|&l| s.links[l].length_km).sum();
    let mut left = t * total;
    let mut at = from;
    for &l in route {
        let link = &s.links[l];
        let a = cat.region(&link.from).unwrap_or(at);
        let b = cat.region(&link.to).unwrap_or(at);
        let next = if a == at { b } else { a };
        if left <= link.length_km {
            let u = (left / link.length_km.max(1e-6)) as f32;
            return layout.pos[at].lerp(layout.pos[next], u);
        }
        left -= link.length_km;
        at = next;
    }
    layout.pos[at]
}

/// Draws every counter, adding what each covers to `hits`.
pub fn draw(
    painter: &Painter,
    area: Rect,
    game: &Game,
    layout: &MapLayout,
    view: &MapView,
    radius: f32,
    selection: Selection,
    hits: &mut Vec<(Rect, Hit)>,
) {
    let s = &*game.scenario;
    let k = (view.zoom / 30.0).clamp(0.85, 1.3);
    let (w, h) = (30.0 * k, 14.0 * k);
    let font = FontId::proportional(9.5 * k);
    let mut stacks: Vec<(FactionIx, f64, usize, &FormationView)> = Vec::new();
    for r in RegionIx::all(game.view.at_region.len()) {
        let p = view.to_screen(area, layout.pos[r]);
        if !area.expand(60.0).contains(p) {
            continue;
        }
        // Stacks per faction, in faction order; each shows its strongest formation's letter.
        stacks.clear();
        for f in game.view.at(r) {
            match stacks.iter_mut().find(|x| x.0 == f.faction) {
                Some(x) => {
                    x.1 += f.strength.men;
                    x.2 += 1;
                    if f.strength.men > x.3.strength.men {
                        x.3 = f;
                    }
                }
                None => stacks.push((f.faction, f.strength.men, 1, f)),
            }
        }
        stacks.sort_by_key(|x| x.0);
        for (j, &(faction, total, n, top)) in stacks.iter().enumerate() {
            let c = rgb(s.factions[faction].color);
            let ink = ink_on(c);
            let min = pos2(p.x + radius + 2.0, p.y - h * 0.5 + j as f32 * (h + 2.0));
            let rect = Rect::from_min_size(min, vec2(w, h));
            let chosen = game
                .view
                .at(r)
                .any(|f| f.faction == faction && selection == Selection::Formation(f.seq));
            painter.rect(
                rect,
                2.0,
                c,
                if chosen {
                    Stroke::new(2.5, Color32::WHITE)
                } else {
                    Stroke::new(1.0, Color32::BLACK)
                },
                StrokeKind::Inside,
            );
            let arm = s.formation_types[top.kind].arm;
            painter.text(
                rect.left_center() + vec2(2.0 * k, 0.0),
                Align2::LEFT_CENTER,
                letter(arm),
                FontId::monospace(9.5 * k),
                ink,
            );
            painter.text(
                rect.right_center() - vec2(2.0 * k, 0.0),
                Align2::RIGHT_CENTER,
                men(total),
                font.clone(),
                ink,
            );
            if n > 1 {
                let b = rect.right_top() + vec2(0.0, -1.0);
                painter.circle(b, 5.5 * k, Color32::WHITE, Stroke::new(1.0, Color32::BLACK));
                painter.text(
                    b,
                    Align2::CENTER_CENTER,
                    n.to_string(),
                    FontId::proportional(8.0 * k),
                    Color32::BLACK,
                );
            }
            hits.push((rect, Hit::Stack(r, faction)));
        }
    }
    // Formations on the move, each on its own.
    for f in &game.view.formations {
        let Some(m) = moving_position(game, layout, f) else {
            continue;
        };
        let p = view.to_screen(area, m);
        if !area.expand(20.0).contains(p) {
            continue;
        }
        let c = rgb(s.factions[f.faction].color);
        let rect = Rect::from_center_size(p, vec2(14.0 * k, 11.0 * k));
        let on_rail = matches!(f.location, Location::Rail(_));
        let chosen = selection == Selection::Formation(f.seq);
        let edge = if chosen {
            Stroke::new(2.0, Color32::WHITE)
        } else {
            Stroke::new(1.0, Color32::BLACK)
        };
        painter.rect(
            rect,
            if on_rail { 0.0 } else { 5.0 },
            c,
            edge,
            StrokeKind::Inside,
        );
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            letter(s.formation_types[f.kind].arm),
            FontId::monospace(8.5 * k),
            ink_on(c),
        );
        hits.push((rect, Hit::Moving(f.seq)));
    }
}

/// The hover card for whatever is under the pointer.
pub fn tooltip(ui: &mut Ui, game: &Game, hit: Hit) {
    let s = &*game.scenario;
    match hit {
        Hit::Region(r) => {
            let reg = &s.regions[r];
            let owner = game.view.control[r];
            ui.label(RichText::new(&reg.name).strong());
            ui.label(format!(
                "{}, held by {}{}{}",
                words(&reg.terrain),
                game.faction_name(owner),
                if reg.fort > 0.0 {
                    format!(", fortified {}", reg.fort)
                } else {
                    String::new()
                },
                if reg.depot { ", depot" } else { "" }
            ));
            let n = game.view.at(r).count();
            if n > 0 {
                ui.label(format!("{n} formations"));
            }
        }
        Hit::Stack(r, faction) => {
            ui.label(
                RichText::new(format!(
                    "{} at {}",
                    game.faction_name(faction),
                    s.regions[r].name
                ))
                .strong(),
            );
            for f in game.view.at(r).filter(|f| f.faction == faction).take(12) {
                ui.label(format!(
                    "{} — {} men, {:.0} tanks",
                    f.name,
                    men(f.strength.men),
                    f.strength.tanks
                ));
            }
            let n = game.view.at(r).filter(|f| f.faction == faction).count();
            if n > 12 {
                ui.weak(format!("… and {} more", n - 12));
            }
        }
        Hit::Moving(seq) => {
            if let Some(f) = game.view.formation(seq) {
                ui.label(RichText::new(&f.name).strong());
                ui.label(format!(
                    "{} men — {}",
                    men(f.strength.men),
                    moving_text(game, f)
                ));
            }
        }
    }
}

/// Where a moving formation is going, in words.
pub fn moving_text(game: &Game, f: &FormationView) -> String {
    let name = |r: RegionIx| game.scenario.regions[r].name.as_str();
    match &f.location {
        Location::At(r) => format!("at {}", name(*r)),
        Location::March {
            to,
            done_km,
            total_km,
            ..
        } => format!(
            "marching to {} ({done_km:.0} of {total_km:.0} km)",
            name(*to)
        ),
        Location::Rail(t) => match t.arrives {
            Some(a) => format!(
                "by rail to {}, {} of {} trains sent, arrives {a}",
                name(t.to),
                t.sent,
                t.trains
            ),
            None => format!(
                "entraining for {} ({} of {} trains sent)",
                name(t.to),
                t.sent,
                t.trains
            ),
        },
    }
}
