//! The map: land, borders, links, regions in their controllers' colours and
//! formation counters, painted by egui over the central area. Pan by dragging,
//! zoom with the wheel, hover for details, click to select.
//!
//! Drawn with egui's painter rather than bevy meshes and sprites: one
//! rendering path that is known to work under llvmpipe, symbols and text at a
//! constant screen size at any zoom, and hit-testing in the same coordinates
//! the shapes are drawn in.

pub mod arrows;
pub mod counters;
pub mod land;

use super::session::Game;
use crate::scenario::{LinkKind, Scenario};
use crate::sim::catalog::RegionIx;
use bevy_egui::egui::{
    self, Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2,
    epaint::WHITE_UV, pos2, vec2,
};
use counters::Hit;
use land::Land;

/// Centre of the projection: equirectangular, x scaled by cos(LAT0).
const LON0: f64 = 127.5;
const LAT0: f64 = 47.5;
/// The theatre drawn to scale (lon, lat); regions outside go into the inset.
pub const FRAME: ((f64, f64), (f64, f64)) = ((95.0, 35.0), (160.0, 60.0));

/// Degrees (lon, lat) to map coordinates: one unit is a degree of latitude, y down.
pub fn project(lon: f64, lat: f64) -> Pos2 {
    let k = LAT0.to_radians().cos();
    pos2(((lon - LON0) * k) as f32, (LAT0 - lat) as f32)
}

fn in_frame(lon: f64, lat: f64) -> bool {
    let ((w, s), (e, n)) = FRAME;
    (w - 1.0..=e + 1.0).contains(&lon) && (s - 2.0..=n + 1.0).contains(&lat)
}

pub fn frame_rect() -> Rect {
    let ((w, s), (e, n)) = FRAME;
    Rect::from_two_pos(project(w, s), project(e, n))
}

pub fn rgb(c: (u8, u8, u8)) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Where each region of a scenario is drawn: in the frame, or in the inset
/// box for far-off theatres (the Moscow front), so they do not stretch the map.
#[derive(Clone, Debug, Default)]
pub struct MapLayout {
    pub pos: Vec<Pos2>,
    pub inset: Option<Rect>,
    /// Regions drawn in the inset.
    pub in_inset: Vec<bool>,
}

impl MapLayout {
    pub fn new(s: &Scenario) -> MapLayout {
        let inside: Vec<bool> = s.regions.iter().map(|r| in_frame(r.lon, r.lat)).collect();
        let mut pos: Vec<Pos2> = s.regions.iter().map(|r| project(r.lon, r.lat)).collect();
        let outside: Vec<usize> = (0..s.regions.len()).filter(|&i| !inside[i]).collect();
        if outside.is_empty() {
            return MapLayout {
                pos,
                inset: None,
                in_inset: inside.iter().map(|i| !i).collect(),
            };
        }
        // Top-left corner of the frame: empty taiga north of Lake Baikal.
        let bx = Rect::from_two_pos(project(95.6, 59.7), project(109.5, 55.6));
        let inner = Rect::from_min_max(bx.min + vec2(0.8, 1.2), bx.max - vec2(0.8, 0.5));
        // The outside regions in their own equirectangular view, fitted into the box.
        let k = (outside.iter().map(|&i| s.regions[i].lat).sum::<f64>() / outside.len() as f64)
            .to_radians()
            .cos();
        let raw: Vec<Pos2> = outside
            .iter()
            .map(|&i| pos2((s.regions[i].lon * k) as f32, -s.regions[i].lat as f32))
            .collect();
        let bb = Rect::from_points(&raw);
        let scale = (inner.width() / bb.width().max(1e-3))
            .min(inner.height() / bb.height().max(1e-3))
            .min(2.0);
        for (&i, p) in outside.iter().zip(&raw) {
            pos[i] = inner.center() + (*p - bb.center()) * scale;
        }
        MapLayout {
            pos,
            inset: Some(bx),
            in_inset: inside.iter().map(|i| !i).collect(),
        }
    }
}

/// Pan and zoom: the map point at the centre of the map area, and pixels per map unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub center: Pos2,
    pub zoom: f32,
    /// Zoom that fits the frame (set on first draw); limits zooming out.
    pub fit: f32,
    /// The screen area the map was last drawn in.
    pub area: Rect,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            center: frame_rect().center(),
            zoom: 0.0,
            fit: 0.0,
            area: Rect::NOTHING,
        }
    }
}

/// What the user did on the map this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapInput {
    /// A click: the region or formation picked.
    pub clicked: Option<Selection>,
    /// A right-click on a region: where to order the selected formation.
    pub ordered: Option<RegionIx>,
}

impl MapView {
    pub fn to_screen(&self, area: Rect, p: Pos2) -> Pos2 {
        area.center() + (p - self.center) * self.zoom
    }

    pub fn to_map(&self, area: Rect, s: Pos2) -> Pos2 {
        self.center + (s - area.center()) / self.zoom
    }

    /// Fits the frame into the area (first draw).
    pub fn fit_to(&mut self, area: Rect) {
        let f = frame_rect();
        self.fit = (area.width() / f.width()).min(area.height() / f.height());
        self.zoom = self.fit;
        self.center = f.center();
    }

    /// Zooms by `factor` keeping the map point under `pointer` in place.
    pub fn zoom_at(&mut self, area: Rect, pointer: Pos2, factor: f32) {
        let before = self.to_map(area, pointer);
        self.zoom = (self.zoom * factor).clamp(self.fit * 0.6, self.fit * 16.0);
        let after = self.to_map(area, pointer);
        self.center += before - after;
    }
}

/// What the user picked on the map (or in a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Region(RegionIx),
    /// A formation, by its stable sequence number.
    Formation(u32),
}

const SEA: Color32 = Color32::from_rgb(0x9e, 0xbc, 0xd0);
const LAND: Color32 = Color32::from_rgb(0xe6, 0xdf, 0xc8);
const INK: Color32 = Color32::from_rgb(0x30, 0x30, 0x30);

fn link_stroke(kind: LinkKind, zoom: f32) -> (Stroke, Option<(f32, f32)>) {
    let w = (zoom / 30.0).clamp(0.7, 1.6);
    match kind {
        LinkKind::Rail => (Stroke::new(2.2 * w, Color32::from_rgb(40, 40, 40)), None),
        LinkKind::Road => (Stroke::new(1.2 * w, Color32::from_rgb(150, 110, 70)), None),
        LinkKind::Track => (
            Stroke::new(1.0 * w, Color32::from_rgb(150, 110, 70)),
            Some((4.0, 3.0)),
        ),
        LinkKind::Pass => (
            Stroke::new(1.2 * w, Color32::from_rgb(120, 80, 50)),
            Some((2.0, 2.0)),
        ),
        LinkKind::RiverCrossing => (Stroke::new(1.4 * w, Color32::from_rgb(60, 110, 170)), None),
        LinkKind::Sea => (
            Stroke::new(1.0 * w, Color32::from_rgb(40, 80, 150)),
            Some((6.0, 4.0)),
        ),
    }
}

/// Draws the map into the rest of `ui`, handles pan, zoom, hover and click.
/// Returns what was clicked (a click on a stack picks its strongest
/// formation, the next one on each further click) and right-clicked.
pub fn show(
    ui: &mut Ui,
    game: &Game,
    land: &Land,
    layout: &MapLayout,
    view: &mut MapView,
    selection: Selection,
) -> MapInput {
    let (area, resp) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    if view.zoom <= 0.0 {
        view.fit_to(area);
    }
    view.area = area;
    if resp.dragged() {
        view.center -= resp.drag_delta() / view.zoom;
    }
    if let Some(p) = resp.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (scroll * 0.002).exp();
        if factor != 1.0 {
            view.zoom_at(area, p, factor);
        }
    }
    let painter = ui.painter_at(area);
    let v = *view;
    let to = |p: Pos2| v.to_screen(area, p);
    painter.rect_filled(area, 0.0, SEA);
    // Land: the triangles are fixed; only their positions are mapped each frame.
    let mesh = Mesh {
        indices: land.indices.clone(),
        vertices: land
            .vertices
            .iter()
            .map(|&p| egui::epaint::Vertex {
                pos: to(p),
                uv: WHITE_UV,
                color: LAND,
            })
            .collect(),
        ..Mesh::default()
    };
    painter.add(Shape::mesh(mesh));
    graticule(&painter, area, &v);
    // Rivers under the borders: where a border runs in a river both show.
    let river = Stroke::new(2.0, Color32::from_rgb(95, 140, 200));
    for line in &land.rivers {
        painter.add(Shape::line(line.iter().map(|&p| to(p)).collect(), river));
    }
    let border = Stroke::new(1.0, Color32::from_rgb(140, 120, 120));
    for line in &land.borders {
        painter.add(Shape::dashed_line(
            &line.iter().map(|&p| to(p)).collect::<Vec<_>>(),
            border,
            5.0,
            3.0,
        ));
    }
    if let Some(bx) = layout.inset {
        let r = Rect::from_min_max(to(bx.min), to(bx.max));
        painter.rect(
            r,
            3.0,
            Color32::from_rgb(0xd8, 0xdc, 0xe0),
            Stroke::new(1.0, INK),
            StrokeKind::Inside,
        );
        painter.text(
            r.left_top() + vec2(5.0, 3.0),
            Align2::LEFT_TOP,
            "West (inset, not to scale)",
            FontId::proportional(11.0),
            INK,
        );
    }
    let s = &*game.scenario;
    let cat = game.catalog();
    // Links: others first, rail on top.
    for rail in [false, true] {
        for l in s
            .links
            .iter()
            .filter(|l| (l.kind == LinkKind::Rail) == rail)
        {
            let (Some(a), Some(b)) = (cat.region(&l.from), cat.region(&l.to)) else {
                continue;
            };
            let pts = [to(layout.pos[a]), to(layout.pos[b])];
            let (stroke, dash) = link_stroke(l.kind, v.zoom);
            match dash {
                Some((d, g)) => {
                    painter.extend(Shape::dashed_line(&pts, stroke, d, g));
                }
                None => {
                    painter.line_segment(pts, stroke);
                }
            }
        }
    }
    let mut hits: Vec<(Rect, Hit)> = Vec::new();
    let radius = (v.zoom * 0.2).clamp(4.0, 8.0);
    let show_labels = v.zoom >= v.fit * 2.2;
    for (i, r) in RegionIx::all(s.regions.len()).zip(&s.regions) {
        let p = to(layout.pos[i]);
        if !area.expand(40.0).contains(p) {
            continue;
        }
        let owner = game.view.control.get(i.ix()).copied().unwrap_or_default();
        let fill = rgb(s.factions[owner].color);
        let selected = selection == Selection::Region(i);
        let ring = if selected {
            Stroke::new(2.5, Color32::WHITE)
        } else {
            Stroke::new(1.0, INK)
        };
        if r.depot {
            let q = Rect::from_center_size(p, Vec2::splat(radius * 1.8));
            painter.rect(q, 1.0, fill, ring, StrokeKind::Middle);
        } else {
            painter.circle(p, radius, fill, ring);
        }
        if r.fort > 0.0 {
            painter.circle_stroke(p, radius + 2.5, Stroke::new(1.0, INK));
        }
        if show_labels || selected {
            let short = r.name.split([' ', '(']).next().unwrap_or(&r.name);
            painter.text(
                p + vec2(0.0, radius + 2.0),
                Align2::CENTER_TOP,
                short,
                FontId::proportional(11.0),
                INK,
            );
        }
        hits.push((
            Rect::from_center_size(p, Vec2::splat(radius * 2.0 + 4.0)),
            Hit::Region(i),
        ));
    }
    counters::draw(
        &painter, area, game, layout, &v, radius, selection, &mut hits,
    );
    arrows::draw(&painter, area, game, layout, &v, selection);
    legend(&painter, area, game);
    // The topmost thing under the pointer: drawn last, tested first.
    let hovered = resp
        .hover_pos()
        .and_then(|p| hits.iter().rev().find(|(r, _)| r.contains(p)).map(|h| h.1));
    let clicked = resp.clicked().then(|| match hovered {
        Some(Hit::Stack(r, f)) => counters::next_in_stack(game, r, f, selection),
        h => h.map(Hit::selection).unwrap_or_default(),
    });
    let ordered = if resp.secondary_clicked() {
        hovered.and_then(Hit::region)
    } else {
        None
    };
    if let Some(h) = hovered {
        resp.on_hover_ui_at_pointer(|ui| counters::tooltip(ui, game, h));
    }
    MapInput { clicked, ordered }
}

/// Parallels and meridians every 5°, faint.
fn graticule(painter: &egui::Painter, area: Rect, v: &MapView) {
    let stroke = Stroke::new(0.5, Color32::from_rgba_unmultiplied(60, 60, 90, 40));
    for lon in (85..=170).step_by(5) {
        let a = v.to_screen(area, project(lon as f64, 30.0));
        let b = v.to_screen(area, project(lon as f64, 65.0));
        painter.line_segment([a, b], stroke);
    }
    for lat in (30..=65).step_by(5) {
        let a = v.to_screen(area, project(85.0, lat as f64));
        let b = v.to_screen(area, project(170.0, lat as f64));
        painter.line_segment([a, b], stroke);
    }
}

/// Factions with ground or troops, with their colours, in the map's lower left.
fn legend(painter: &egui::Painter, area: Rect, game: &Game) {
    let s = &*game.scenario;
    let mut present = vec![false; s.factions.len()];
    for &c in &game.view.control {
        present[c] = true;
    }
    for f in &game.view.formations {
        present[f.faction] = true;
    }
    let rows: Vec<usize> = (0..s.factions.len()).filter(|&i| present[i]).collect();
    let h = 16.0;
    let bx = Rect::from_min_size(
        area.left_bottom() + vec2(8.0, -(rows.len() as f32 * h + 10.0) - 8.0),
        vec2(190.0, rows.len() as f32 * h + 10.0),
    );
    painter.rect(
        bx,
        3.0,
        Color32::from_rgba_unmultiplied(250, 250, 245, 220),
        Stroke::new(1.0, INK),
        StrokeKind::Inside,
    );
    for (k, &i) in rows.iter().enumerate() {
        let y = bx.top() + 5.0 + k as f32 * h;
        let sw = Rect::from_min_size(pos2(bx.left() + 6.0, y + 2.0), vec2(18.0, 11.0));
        painter.rect_filled(sw, 2.0, rgb(s.factions[i].color));
        painter.text(
            pos2(sw.right() + 6.0, y + 7.5),
            Align2::LEFT_CENTER,
            &s.factions[i].name,
            FontId::proportional(11.0),
            INK,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 500.0));
        let mut v = MapView::default();
        v.fit_to(area);
        let p = pos2(600.0, 120.0);
        let before = v.to_map(area, p);
        v.zoom_at(area, p, 2.0);
        assert!((v.to_map(area, p) - before).length() < 1e-3);
        assert!((v.zoom - 2.0 * v.fit).abs() < 1e-3);
    }

    #[test]
    fn far_off_regions_go_into_the_inset() {
        let s = crate::scenario::load_path(&crate::scenario::bundled("historical.ron"))
            .expect("loads")
            .scenario;
        let layout = MapLayout::new(&s);
        let inset = layout.inset.expect("the Moscow front needs an inset");
        let ix = |id: &str| s.regions.iter().position(|r| r.id == id).unwrap();
        assert!(layout.in_inset[ix("moscow_front")]);
        assert!(inset.contains(layout.pos[ix("moscow_front")]));
        assert!(!layout.in_inset[ix("harbin")]);
        assert!(frame_rect().contains(layout.pos[ix("harbin")]));
        assert!(!inset.contains(layout.pos[ix("harbin")]));
    }
}
