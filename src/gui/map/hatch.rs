//! Terrain marks over the tint, as on a printed map: mountains as peaks,
//! hills as arcs, marsh as tufts of lines, taiga and forest as trees, steppe
//! and desert as dots. They sit on a fixed grid of land points (built once
//! with the territory's pieces) and thin out as the map zooms out, so the
//! screen always shows about the same density.

use super::territory::Piece;
use crate::scenario::{Scenario, Terrain};
use bevy_egui::egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Grid spacing in map units (about 11 km).
pub const STEP: f32 = 0.1;

/// Screen pixels wanted between marks.
const SPACING: f32 = 12.0;

/// A mark's place: map position, grid coordinates, terrain.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    pub pos: Pos2,
    pub ix: i32,
    pub iy: i32,
    pub terrain: Terrain,
}

fn marked(t: Terrain) -> bool {
    !matches!(t, Terrain::Plain | Terrain::Urban | Terrain::Island)
}

fn inside(poly: &[Pos2], p: Pos2) -> bool {
    let n = poly.len();
    let mut sign = 0.0f32;
    for k in 0..n {
        let (a, b) = (poly[k], poly[(k + 1) % n]);
        let c = (b - a).x * (p - a).y - (b - a).y * (p - a).x;
        if c.abs() < 1e-9 {
            continue;
        }
        if sign == 0.0 {
            sign = c.signum();
        } else if c.signum() != sign {
            return false;
        }
    }
    true
}

/// Grid points inside the pieces of marked terrains.
pub fn build(s: &Scenario, pieces: &[Piece]) -> Vec<Mark> {
    let mut out = Vec::new();
    for p in pieces {
        let Some(reg) = s.regions.get(p.region.ix()) else {
            continue;
        };
        if !marked(reg.terrain) || p.poly.len() < 3 {
            continue;
        }
        let bb = Rect::from_points(&p.poly);
        let (x0, x1) = (
            (bb.min.x / STEP).ceil() as i32,
            (bb.max.x / STEP).floor() as i32,
        );
        let (y0, y1) = (
            (bb.min.y / STEP).ceil() as i32,
            (bb.max.y / STEP).floor() as i32,
        );
        for iy in y0..=y1 {
            for ix in x0..=x1 {
                let q = pos2(ix as f32 * STEP, iy as f32 * STEP);
                if inside(&p.poly, q) {
                    out.push(Mark {
                        pos: q,
                        ix,
                        iy,
                        terrain: reg.terrain,
                    });
                }
            }
        }
    }
    out
}

/// Every `n`-th grid point in each direction at this zoom (a power of two, so marks stay put).
pub fn stride(zoom: f32) -> i32 {
    let want = (SPACING / (zoom * STEP).max(1e-3)).max(1.0);
    (want.log2().ceil().exp2() as i32).max(1)
}

const MARK: Color32 = Color32::from_rgba_premultiplied(60, 50, 40, 110);

/// One mark for `t` centred at `c`, `k` times the usual size.
pub fn mark(painter: &Painter, c: Pos2, t: Terrain, k: f32) {
    let s = Stroke::new(0.9 * k, MARK);
    let r = 2.6 * k;
    match t {
        Terrain::Mountain => {
            painter.add(Shape::line(
                vec![
                    c + vec2(-r, r * 0.6),
                    c + vec2(0.0, -r),
                    c + vec2(r, r * 0.6),
                ],
                s,
            ));
        }
        Terrain::Hills => {
            let pts = (0..=6)
                .map(|i| {
                    let a = std::f32::consts::PI * (1.0 + i as f32 / 6.0);
                    c + vec2(a.cos() * r, a.sin() * r * 0.7 + r * 0.3)
                })
                .collect();
            painter.add(Shape::line(pts, s));
        }
        Terrain::Marsh => {
            let ms = Stroke::new(0.9 * k, Color32::from_rgba_premultiplied(30, 70, 110, 140));
            painter.line_segment([c + vec2(-r, 0.0), c + vec2(r, 0.0)], ms);
            painter.line_segment(
                [c + vec2(-r * 0.5, -r * 0.6), c + vec2(r * 0.5, -r * 0.6)],
                ms,
            );
        }
        Terrain::Taiga | Terrain::Forest => {
            let ts = Stroke::new(0.9 * k, Color32::from_rgba_premultiplied(20, 70, 30, 130));
            painter.line_segment([c + vec2(0.0, -r), c + vec2(0.0, r)], ts);
            painter.add(Shape::line(
                vec![
                    c + vec2(-r * 0.7, 0.0),
                    c + vec2(0.0, -r),
                    c + vec2(r * 0.7, 0.0),
                ],
                ts,
            ));
        }
        Terrain::Steppe | Terrain::Desert => {
            painter.circle_filled(c, 0.8 * k, MARK);
        }
        Terrain::Plain | Terrain::Urban | Terrain::Island => {}
    }
}

/// Draws the marks in sight at this zoom.
pub fn draw(painter: &Painter, marks: &[Mark], to: impl Fn(Pos2) -> Pos2, clip: Rect, zoom: f32) {
    let n = stride(zoom);
    // Desert and steppe dots twice as dense: they are small.
    let half = (n / 2).max(1);
    for m in marks {
        let step = if matches!(m.terrain, Terrain::Steppe | Terrain::Desert) {
            half
        } else {
            n
        };
        if m.ix.rem_euclid(step) != 0 || m.iy.rem_euclid(step) != 0 {
            continue;
        }
        let p = to(m.pos);
        if clip.contains(p) {
            mark(painter, p, m.terrain, 1.0);
        }
    }
}
