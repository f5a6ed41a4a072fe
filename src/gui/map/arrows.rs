//! Order arrows: for each standing order of a player's formation with a
//! target, a line along its route from where it is now to the target, with
//! an arrowhead; coloured by order (move blue, attack red, withdraw orange,
//! rail dashed purple), the selected formations' drawn thicker. The routes
//! of selected formations are shown whoever commands them, unless the fog
//! of war hides them (another side's plans are not the player's to see).

use super::counters::moving_position;
use super::{Canvas, MapLayout};
use crate::gui::session::Game;
use crate::sim::command::Standing;
use bevy_egui::egui::{Color32, Pos2, Shape, Stroke};

/// The colour of an order's arrow, and whether it is dashed (by rail).
pub fn style(order: Standing) -> (Color32, bool) {
    match order {
        Standing::MoveTo(_) => (Color32::from_rgb(30, 90, 200), false),
        Standing::Attack(_) => (Color32::from_rgb(200, 30, 30), false),
        Standing::WithdrawTo(_) => (Color32::from_rgb(220, 130, 0), false),
        Standing::RailTo(_) => (Color32::from_rgb(110, 40, 140), true),
        Standing::Hold { .. } | Standing::Reserve => (Color32::GRAY, false),
    }
}

/// The arrow's points in map coordinates: from where the formation is now
/// along its route to the target (straight there without a route).
pub fn points(game: &Game, layout: &MapLayout, seq: u32) -> Vec<Pos2> {
    let Some(f) = game.view.formation(seq) else {
        return Vec::new();
    };
    let Some(target) = f.order.0.and_then(|o| o.target()) else {
        return Vec::new();
    };
    let here = match moving_position(game, layout, f) {
        Some(p) => p,
        None => match f.location.region() {
            Some(r) => layout.pos[r],
            None => return Vec::new(),
        },
    };
    let mut pts = vec![here];
    if f.route.len() > 1 {
        pts.extend(f.route[1..].iter().map(|&r| layout.pos[r]));
    } else {
        pts.push(layout.pos[target]);
    }
    pts.dedup();
    if pts.len() < 2 {
        return Vec::new();
    }
    pts
}

/// Draws every arrow of the player's formations' orders and of the selected formations'.
pub fn draw(canvas: &Canvas) {
    let Canvas {
        painter,
        game,
        group,
        fog,
        ..
    } = *canvas;
    let players = game.player_factions();
    let cat = game.catalog();
    for f in &game.view.formations {
        let Some(order) = f.order.0.filter(|o| o.target().is_some()) else {
            continue;
        };
        let mine =
            players.contains(&f.info.faction) || players.contains(&cat.bloc_of(f.info.faction));
        let shown = group.contains(f.seq.0) && fog.own(f.info.faction);
        if !mine && !shown {
            continue;
        }
        let pts: Vec<Pos2> = points(game, canvas.layout, f.seq.0)
            .into_iter()
            .map(|p| canvas.view.to_screen(canvas.area, p))
            .collect();
        if pts.len() < 2 {
            continue;
        }
        let chosen = group.contains(f.seq.0);
        let (color, dashed) = style(order);
        let width = if chosen { 4.0 } else { 2.5 };
        let stroke = Stroke::new(width, color);
        if dashed {
            painter.extend(Shape::dashed_line(&pts, stroke, 8.0, 4.0));
        } else {
            painter.add(Shape::line(pts.clone(), stroke));
        }
        // The head, on the last leg.
        let (a, b) = (pts[pts.len() - 2], pts[pts.len() - 1]);
        let d = (b - a).normalized();
        if d.is_finite() {
            let n = d.rot90();
            let size = if chosen { 14.0 } else { 10.0 };
            let head = vec![
                b,
                b - d * size + n * size * 0.5,
                b - d * size - n * size * 0.5,
            ];
            painter.add(Shape::convex_polygon(
                head,
                color,
                Stroke::new(1.0, Color32::BLACK),
            ));
        }
    }
}
