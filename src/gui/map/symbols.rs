//! NATO-style unit symbols (APP-6 land unit icons, simplified to what a
//! counter a few pixels high can carry) and the map key that explains them.

use super::territory::{ALPHA, terrain_tint};
use super::{INK, rgb};
use crate::gui::session::Game;
use crate::names::words;
use crate::scenario::{Arm, Terrain};
use bevy_egui::egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2,
};

/// Every arm, in the key's order.
pub const ARMS: [Arm; 8] = [
    Arm::Infantry,
    Arm::Armour,
    Arm::Mechanised,
    Arm::Cavalry,
    Arm::Airborne,
    Arm::Headquarters,
    Arm::Air,
    Arm::Naval,
];

/// The symbol's name in the key.
pub fn arm_name(arm: Arm) -> &'static str {
    match arm {
        Arm::Infantry => "infantry",
        Arm::Armour => "armour",
        Arm::Mechanised => "mechanised",
        Arm::Cavalry => "cavalry",
        Arm::Airborne => "airborne",
        Arm::Headquarters => "headquarters",
        Arm::Air => "air",
        Arm::Naval => "naval",
    }
}

/// Draws `arm`'s symbol in `frame` (the symbol's own box) with `ink`.
pub fn draw(painter: &Painter, frame: Rect, arm: Arm, ink: Color32) {
    let w = (frame.height() / 9.0).clamp(0.9, 1.6);
    let s = Stroke::new(w, ink);
    painter.rect_stroke(frame, 0.0, s, StrokeKind::Inside);
    let f = frame.shrink(w * 0.5);
    let cross = |painter: &Painter| {
        painter.line_segment([f.left_top(), f.right_bottom()], s);
        painter.line_segment([f.left_bottom(), f.right_top()], s);
    };
    let oval = |painter: &Painter| {
        let o = Rect::from_center_size(f.center(), vec2(f.width() * 0.62, f.height() * 0.52));
        painter.rect_stroke(o, o.height() * 0.5, s, StrokeKind::Middle);
    };
    match arm {
        Arm::Infantry => cross(painter),
        Arm::Armour => oval(painter),
        Arm::Mechanised => {
            cross(painter);
            oval(painter);
        }
        Arm::Cavalry => {
            painter.line_segment([f.left_bottom(), f.right_top()], s);
        }
        Arm::Airborne => {
            cross(painter);
            // The canopy: an arc over the bottom edge.
            let c = pos2(f.center().x, f.bottom());
            let r = f.height() * 0.3;
            let pts: Vec<Pos2> = (0..=8)
                .map(|k| {
                    let a = std::f32::consts::PI * (1.0 + k as f32 / 8.0);
                    c + vec2(a.cos() * r * 1.3, a.sin() * r)
                })
                .collect();
            painter.add(Shape::line(pts, s));
        }
        Arm::Headquarters => {
            // The staff on the left, and the letters for a counter too small to read it.
            painter.line_segment(
                [f.left_top(), f.left_bottom() + vec2(0.0, f.height() * 0.45)],
                Stroke::new(w * 1.6, ink),
            );
            painter.text(
                f.center(),
                Align2::CENTER_CENTER,
                "HQ",
                FontId::proportional(f.height() * 0.75),
                ink,
            );
        }
        Arm::Air => {
            // A propeller: two loops.
            let r = f.height() * 0.22;
            painter.circle_stroke(f.center() - vec2(r, 0.0), r, s);
            painter.circle_stroke(f.center() + vec2(r, 0.0), r, s);
        }
        Arm::Naval => {
            // An anchor.
            let c = f.center();
            let h = f.height() * 0.35;
            painter.line_segment([c - vec2(0.0, h), c + vec2(0.0, h)], s);
            painter.line_segment([c - vec2(h * 0.6, h * 0.4), c + vec2(h * 0.6, -h * 0.4)], s);
            let pts: Vec<Pos2> = (0..=8)
                .map(|k| {
                    let a = std::f32::consts::PI * (k as f32 / 8.0);
                    c + vec2(a.cos() * h, a.sin() * h)
                })
                .collect();
            painter.add(Shape::line(pts, s));
        }
    }
}

/// One line of the map key.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyItem {
    Faction(usize),
    Arm(Arm),
    Terrain(Terrain),
    Front,
    Estimate,
}

/// What the key lists for `game`: the factions holding ground or troops, the
/// symbols of the arms in the field, the front line, the terrains of its
/// regions, and the fog's estimates when there is a player.
pub fn key_items(game: &Game, fog: &super::fog::Fog) -> Vec<KeyItem> {
    let s = &*game.scenario;
    let mut present = vec![false; s.factions.len()];
    for &c in &game.view.control {
        if let Some(p) = present.get_mut(c.ix()) {
            *p = true;
        }
    }
    let mut arms = Vec::new();
    for f in game.view.formations.iter().filter(|f| fog.sees(f)) {
        if let Some(p) = present.get_mut(f.info.faction.ix()) {
            *p = true;
        }
        if let Some(t) = s.formation_types.get(f.info.kind.ix())
            && !arms.contains(&t.arm)
        {
            arms.push(t.arm);
        }
    }
    let mut items: Vec<KeyItem> = (0..s.factions.len())
        .filter(|&i| present[i])
        .map(KeyItem::Faction)
        .collect();
    items.push(KeyItem::Front);
    if fog.observer.is_some() {
        items.push(KeyItem::Estimate);
    }
    items.extend(
        ARMS.iter()
            .filter(|a| arms.contains(a))
            .map(|&a| KeyItem::Arm(a)),
    );
    items.extend(
        Terrain::ALL
            .iter()
            .filter(|t| s.regions.iter().any(|r| r.terrain == **t))
            .map(|&t| KeyItem::Terrain(t)),
    );
    items
}

/// The text of a key line.
pub fn key_text(game: &Game, item: &KeyItem) -> String {
    match item {
        KeyItem::Faction(i) => game.scenario.factions[*i].name.clone(),
        KeyItem::Arm(a) => arm_name(*a).to_string(),
        KeyItem::Terrain(t) => words(t),
        KeyItem::Front => "front line".to_string(),
        KeyItem::Estimate => "~ estimated strength".to_string(),
    }
}

pub const FRONT: Color32 = Color32::from_rgb(200, 20, 20);

/// The key, in columns (sides and lines; symbols; terrain), in the map's lower left.
pub fn legend(painter: &Painter, area: Rect, game: &Game, fog: &super::fog::Fog) -> Rect {
    let items = key_items(game, fog);
    let col = |i: &KeyItem| match i {
        KeyItem::Faction(_) | KeyItem::Front | KeyItem::Estimate => 0,
        KeyItem::Arm(_) => 1,
        KeyItem::Terrain(_) => 2,
    };
    let rows = (0..3)
        .map(|c| items.iter().filter(|i| col(i) == c).count())
        .max()
        .unwrap_or(0);
    let (h, widths) = (14.0, [150.0, 104.0, 84.0]);
    let size = vec2(widths.iter().sum::<f32>() + 8.0, rows as f32 * h + 10.0);
    let bx = Rect::from_min_size(area.left_bottom() + vec2(8.0, -size.y - 8.0), size);
    painter.rect(
        bx,
        3.0,
        Color32::from_rgba_unmultiplied(250, 250, 245, 225),
        Stroke::new(1.0, INK),
        StrokeKind::Inside,
    );
    let font = FontId::proportional(10.5);
    let mut row = [0usize; 3];
    for item in &items {
        let c = col(item);
        let x = bx.left() + 6.0 + widths[..c].iter().sum::<f32>();
        let y = bx.top() + 5.0 + row[c] as f32 * h;
        row[c] += 1;
        let sw = Rect::from_min_size(pos2(x, y + 1.5), vec2(18.0, 11.0));
        match item {
            KeyItem::Faction(i) => {
                let c = rgb(game.scenario.factions[*i].color);
                painter.rect_filled(sw, 2.0, c);
            }
            KeyItem::Front => {
                painter.line_segment(
                    [sw.left_center(), sw.right_center()],
                    Stroke::new(3.0, FRONT),
                );
            }
            KeyItem::Estimate => {
                painter.text(sw.center(), Align2::CENTER_CENTER, "~", font.clone(), INK);
            }
            KeyItem::Arm(a) => {
                painter.rect_filled(sw, 0.0, Color32::WHITE);
                draw(painter, sw, *a, INK);
            }
            KeyItem::Terrain(t) => {
                painter.rect_filled(sw, 2.0, terrain_tint(*t));
                super::hatch::mark(painter, sw.center(), *t, 1.0);
                painter.rect_stroke(
                    sw,
                    2.0,
                    Stroke::new(0.5, Color32::from_black_alpha(ALPHA)),
                    StrokeKind::Inside,
                );
            }
        }
        painter.text(
            pos2(sw.right() + 5.0, sw.center().y),
            Align2::LEFT_CENTER,
            key_text(game, item),
            font.clone(),
            INK,
        );
    }
    bx
}
