//! Place names: greedy label placement. The most important places are
//! placed first; each label tries a few spots around its region (below,
//! above, left, right) and takes the first that collides with nothing placed
//! so far (other labels, counters, region markers); a label with no free spot
//! is left out. Zooming in lowers the importance a place needs to be named.

use super::MapLayout;
use crate::scenario::{LinkKind, Scenario, Terrain};
use crate::sim::catalog::{Catalog, RegionIx};
use bevy_egui::egui::{Pos2, Rect, Vec2, vec2};

/// A placed label, in screen coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub region: RegionIx,
    pub text: String,
    pub rect: Rect,
    pub size: f32,
    /// A city (bold), rather than a district.
    pub city: bool,
}

/// The name a map can hold: up to a bracket, comma or dash
/// ("Iman (Dalnerechensk), Ussuri line" → "Iman").
pub fn short_name(name: &str) -> &str {
    let end = [" (", ",", " – ", " - ", " —"]
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .unwrap_or(name.len());
    name[..end].trim()
}

/// How much a place matters on the map: its strategic value, a city or
/// depot, and how many railways meet there.
pub fn importance(s: &Scenario, cat: &Catalog, r: RegionIx) -> f32 {
    let reg = &s.regions[r];
    let rails = cat
        .edges
        .get(r.ix())
        .map_or(0, |e| e.iter().filter(|e| e.kind == LinkKind::Rail).count());
    reg.value as f32
        + if reg.terrain == Terrain::Urban {
            1.0
        } else {
            0.0
        }
        + if reg.depot { 1.0 } else { 0.0 }
        + 0.25 * rails as f32
}

/// The importance a place needs to be named at `zoom` (a multiple of the fitting zoom).
pub fn threshold(zoom: f32) -> f32 {
    if zoom < 1.4 {
        3.0
    } else if zoom < 2.2 {
        1.75
    } else {
        0.0
    }
}

/// Places the labels of the regions in `area` that matter enough at this zoom.
/// `to` maps to the screen; `measure` gives a text's size at a font size;
/// `blocked` are rectangles already taken (counters, markers).
pub fn place(
    s: &Scenario,
    cat: &Catalog,
    layout: &MapLayout,
    zoom: f32,
    area: Rect,
    to: impl Fn(Pos2) -> Pos2,
    measure: impl Fn(&str, f32) -> Vec2,
    blocked: &[Rect],
    radius: f32,
) -> Vec<Label> {
    let min = threshold(zoom);
    let mut cands: Vec<(f32, RegionIx)> = RegionIx::all(s.regions.len())
        .map(|r| (importance(s, cat, r), r))
        .filter(|&(i, r)| i >= min && area.contains(to(layout.pos[r])))
        .collect();
    // Most important first; ties by index, so the layout is stable frame to frame.
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut placed: Vec<Label> = Vec::new();
    for (imp, r) in cands {
        let reg = &s.regions[r];
        let city = reg.terrain == Terrain::Urban || imp >= 4.0;
        let size = if imp >= 6.0 { 13.0 } else { 11.0 };
        let text = short_name(&reg.name).to_string();
        let sz = measure(&text, size) + vec2(4.0, 0.0);
        let p = to(layout.pos[r]);
        let gap = radius + 2.0;
        // Below, above, left, right, then the corners, then a step further out.
        let mut spots = Vec::with_capacity(16);
        for far in [0.0, 10.0] {
            let g = gap + far;
            spots.extend([
                Rect::from_min_size(p + vec2(-sz.x * 0.5, g), sz),
                Rect::from_min_size(p + vec2(-sz.x * 0.5, -g - sz.y), sz),
                Rect::from_min_size(p + vec2(-g - sz.x, -sz.y * 0.5), sz),
                Rect::from_min_size(p + vec2(g, -sz.y * 0.5), sz),
                Rect::from_min_size(p + vec2(g * 0.7, g * 0.7), sz),
                Rect::from_min_size(p + vec2(-g * 0.7 - sz.x, g * 0.7), sz),
                Rect::from_min_size(p + vec2(g * 0.7, -g * 0.7 - sz.y), sz),
                Rect::from_min_size(p + vec2(-g * 0.7 - sz.x, -g * 0.7 - sz.y), sz),
            ]);
        }
        let free = spots.into_iter().find(|q| {
            area.contains_rect(*q)
                && !blocked.iter().any(|b| b.intersects(*q))
                && !placed.iter().any(|l| l.rect.intersects(*q))
        });
        if let Some(rect) = free {
            placed.push(Label {
                region: r,
                text,
                rect,
                size,
                city,
            });
        }
    }
    placed
}
