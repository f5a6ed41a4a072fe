//! The map: land tinted and marked by terrain, each region's ground in its
//! controller's colour, the front line where enemies meet, borders, links,
//! place names where they fit, formation counters with NATO symbols, order
//! arrows and a key, painted by egui over the central area. Pan by dragging,
//! zoom with the wheel, hover for details, click to select (shift-click and
//! shift-drag for several). With a player, the fog of war hides what the
//! player's side cannot see.
//!
//! Drawn with egui's painter rather than bevy meshes and sprites: one
//! rendering path that is known to work under llvmpipe, symbols and text at a
//! constant screen size at any zoom, and hit-testing in the same coordinates
//! the shapes are drawn in.

pub mod arrows;
pub mod counters;
pub mod fog;
pub mod hatch;
pub mod labels;
pub mod land;
pub mod select;
pub mod symbols;
pub mod territory;

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
    /// Where the view opens: the regions' extent, padded, when they cover a
    /// small part of the frame (a single battle); none: the whole frame.
    pub focus: Option<Rect>,
}

/// The padded extent of the regions drawn in the frame, if it is less than a
/// quarter of the frame each way; the view opens on it.
fn focus(pos: &[Pos2], inside: &[bool]) -> Option<Rect> {
    let pts: Vec<Pos2> = pos
        .iter()
        .zip(inside)
        .filter(|p| *p.1)
        .map(|p| *p.0)
        .collect();
    if pts.is_empty() {
        return None;
    }
    let bb = Rect::from_points(&pts);
    let f = frame_rect();
    if bb.width() > f.width() / 4.0 || bb.height() > f.height() / 4.0 {
        return None;
    }
    // A margin for the counters and labels at the edges, and at least a few
    // tenths of a degree, so one region alone is not blown up without end.
    let pad = (bb.size() * 0.2).max(vec2(0.15, 0.15));
    Some(bb.expand2(pad))
}

impl MapLayout {
    pub fn new(s: &Scenario) -> MapLayout {
        let inside: Vec<bool> = s.regions.iter().map(|r| in_frame(r.lon, r.lat)).collect();
        let mut pos: Vec<Pos2> = s.regions.iter().map(|r| project(r.lon, r.lat)).collect();
        let outside: Vec<usize> = (0..s.regions.len()).filter(|&i| !inside[i]).collect();
        let focus = focus(&pos, &inside);
        if outside.is_empty() {
            return MapLayout {
                pos,
                inset: None,
                in_inset: inside.iter().map(|i| !i).collect(),
                focus,
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
            focus,
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
    /// Closest zoom allowed: 16 times `fit`, or 4 times the zoom that fits a
    /// layout's focus if that is closer.
    pub max_zoom: f32,
    /// The screen area the map was last drawn in.
    pub area: Rect,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            center: frame_rect().center(),
            zoom: 0.0,
            fit: 0.0,
            max_zoom: 0.0,
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

    /// Fits the frame into the area (first draw), or the focus if there is one
    /// (a small theatre opens on its own ground, and may zoom out to the frame).
    pub fn fit_to(&mut self, area: Rect, focus: Option<Rect>) {
        let fit = |r: Rect| (area.width() / r.width()).min(area.height() / r.height());
        let f = frame_rect();
        self.fit = fit(f);
        self.max_zoom = self.fit * 16.0;
        self.zoom = self.fit;
        self.center = f.center();
        if let Some(r) = focus {
            self.zoom = fit(r);
            self.max_zoom = self.max_zoom.max(self.zoom * 4.0);
            self.center = r.center();
        }
    }

    /// Zooms by `factor` keeping the map point under `pointer` in place.
    pub fn zoom_at(&mut self, area: Rect, pointer: Pos2, factor: f32) {
        let before = self.to_map(area, pointer);
        self.zoom = (self.zoom * factor).clamp(self.fit * 0.6, self.max_zoom.max(self.fit * 0.6));
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

pub const SEA: Color32 = Color32::from_rgb(0x9e, 0xbc, 0xd0);
pub const LAND: Color32 = Color32::from_rgb(0xe6, 0xdf, 0xc8);
pub const INK: Color32 = Color32::from_rgb(0x30, 0x30, 0x30);

fn link_stroke(kind: LinkKind, zoom: f32) -> (Stroke, Option<(f32, f32)>) {
    let w = (zoom / 30.0).clamp(0.7, 1.6);
    // Width (scaled by zoom), colour and dash (on, off) of each kind.
    let (width, color, dash) = match kind {
        LinkKind::Rail => (2.2, (40, 40, 40), None),
        LinkKind::Road => (1.2, (150, 110, 70), None),
        LinkKind::Track => (1.0, (150, 110, 70), Some((4.0, 3.0))),
        LinkKind::Pass => (1.2, (120, 80, 50), Some((2.0, 2.0))),
        LinkKind::RiverCrossing => (1.4, (60, 110, 170), None),
        LinkKind::River => (1.8, (60, 110, 170), Some((8.0, 2.0))),
        LinkKind::Sea => (1.0, (40, 80, 150), Some((6.0, 4.0))),
    };
    (Stroke::new(width * w, rgb(color)), dash)
}

/// A mesh of `vertices` (already on screen) with `colors`.
fn mesh(vertices: &[Pos2], colors: &[Color32], indices: &[u32]) -> Mesh {
    Mesh {
        indices: indices.to_vec(),
        vertices: vertices
            .iter()
            .zip(colors)
            .map(|(&pos, &color)| egui::epaint::Vertex {
                pos,
                uv: WHITE_UV,
                color,
            })
            .collect(),
        ..Mesh::default()
    }
}

/// What the map drew last frame, for tests and tools.
#[derive(Clone, Debug)]
pub struct Drawn {
    pub labels: Vec<labels::Label>,
    pub stacks: Vec<counters::Stack>,
    /// Front line segments on screen.
    pub front: Vec<[Pos2; 2]>,
    pub legend: Rect,
}

fn drawn_id() -> egui::Id {
    egui::Id::new("pact_map_drawn")
}

/// What the map drew in the last frame (`None` before the first).
pub fn drawn(ctx: &egui::Context) -> Option<Drawn> {
    ctx.data(|d| d.get_temp(drawn_id()))
}

/// Draws the map into the rest of `ui`, handles pan, zoom, hover and click.
/// Returns what was clicked (a click on a stack picks its strongest
/// formation, the next one on each further click, and fans the stack out)
/// and right-clicked. Shift-click adds to the selection, shift-drag selects
/// with a box (see [`select`]).
/// What the drawing passes over the map (counters, arrows, a fanned stack) read:
/// where to paint, the game, how the map is seen, the selection and the fog.
#[derive(Clone, Copy)]
pub struct Canvas<'a> {
    pub painter: &'a egui::Painter,
    pub area: Rect,
    pub game: &'a Game,
    pub layout: &'a MapLayout,
    pub view: &'a MapView,
    pub group: &'a select::Group,
    pub fog: &'a fog::Fog,
}

pub fn show(
    ui: &mut Ui,
    game: &Game,
    land: &Land,
    layout: &MapLayout,
    view: &mut MapView,
    selection: Selection,
) -> MapInput {
    let (area, resp) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let ctx = ui.ctx().clone();
    let shift = ui.input(|i| i.modifiers.shift);
    let mut group = select::get(&ctx, selection);
    if view.zoom <= 0.0 {
        view.fit_to(area, layout.focus);
    }
    view.area = area;
    if resp.drag_started_by(egui::PointerButton::Primary) && shift {
        group.box_from = ui
            .input(|i| i.pointer.press_origin())
            .or(resp.interact_pointer_pos());
    }
    if resp.dragged() && group.box_from.is_none() {
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
    let fog = fog::Fog::of(game);
    let cache = territory::cached(&ctx, game, layout, land);
    let (geo, terr) = (&*cache.geometry, &*cache.territory);
    painter.rect_filled(area, 0.0, SEA);
    // Land: the triangles are fixed; only their positions are mapped each frame.
    let land_screen: Vec<Pos2> = land.vertices.iter().map(|&p| to(p)).collect();
    let land_colors = vec![LAND; land_screen.len()];
    painter.add(Shape::mesh(mesh(&land_screen, &land_colors, &land.indices)));
    // Terrain tints, then the controllers' colours over them, on the same pieces.
    let pieces: Vec<Pos2> = geo.vertices.iter().map(|&p| to(p)).collect();
    painter.add(Shape::mesh(mesh(&pieces, &geo.terrain, &geo.indices)));
    hatch::draw(&painter, &geo.marks, to, area, v.zoom);
    painter.add(Shape::mesh(mesh(&pieces, &terr.colors, &geo.indices)));
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
    // The front line: bold, with a dark edge so it reads on any colour.
    let front: Vec<[Pos2; 2]> = terr
        .front
        .iter()
        .filter_map(|&i| geo.boundaries.get(i))
        .flat_map(|b| b.segments.iter().map(|s| [to(s[0]), to(s[1])]))
        .collect();
    let fw = (v.zoom / 10.0).clamp(3.0, 5.0);
    for (w, c) in [
        (fw + 2.0, Color32::from_rgb(60, 0, 0)),
        (fw, symbols::FRONT),
    ] {
        for seg in &front {
            painter.line_segment(*seg, Stroke::new(w, c));
            painter.circle_filled(seg[0], w * 0.5, c);
            painter.circle_filled(seg[1], w * 0.5, c);
        }
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
    let mut markers: Vec<Rect> = Vec::new();
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
        let marker = Rect::from_center_size(p, Vec2::splat(radius * 2.0));
        markers.push(marker);
        hits.push((marker.expand(2.0), Hit::Region(i)));
    }
    let canvas = Canvas {
        painter: &painter,
        area,
        game,
        layout,
        view: &v,
        group: &group,
        fog: &fog,
    };
    let stacks = counters::draw(&canvas, radius, &markers, &mut hits);
    // Names where they fit, around counters and markers; the selected region's always.
    let mut blocked: Vec<Rect> = markers.clone();
    blocked.extend(stacks.iter().map(|st| st.rect.expand(1.0)));
    let measure = |text: &str, size: f32| {
        painter
            .layout_no_wrap(text.to_string(), FontId::proportional(size), INK)
            .size()
    };
    let mut placed = labels::place(
        s,
        cat,
        layout,
        v.zoom / v.fit.max(1e-3),
        area,
        to,
        measure,
        &blocked,
        radius,
    );
    if let Selection::Region(r) = selection
        && !placed.iter().any(|l| l.region == r)
    {
        let text = labels::short_name(&s.regions[r].name).to_string();
        let size = measure(&text, 11.0) + vec2(4.0, 0.0);
        let rect = Rect::from_min_size(to(layout.pos[r]) + vec2(-size.x * 0.5, radius + 2.0), size);
        placed.push(labels::Label {
            region: r,
            text,
            rect,
            size: 11.0,
            city: false,
        });
    }
    for l in &placed {
        painter.rect_filled(
            l.rect,
            2.0,
            Color32::from_rgba_unmultiplied(250, 248, 240, 170),
        );
        let font = FontId::proportional(l.size);
        painter.text(
            l.rect.center(),
            Align2::CENTER_CENTER,
            &l.text,
            font.clone(),
            INK,
        );
        if l.city {
            // Bold by a second pass a hair to the right.
            painter.text(
                l.rect.center() + vec2(0.5, 0.0),
                Align2::CENTER_CENTER,
                &l.text,
                font,
                INK,
            );
        }
    }
    arrows::draw(&canvas);
    if let Some(fan) = group
        .fanned
        .and_then(|(r, f)| stacks.iter().find(|st| st.region == r && st.faction == f))
    {
        counters::draw_fan(&canvas, fan, &mut hits);
    }
    let legend = symbols::legend(&painter, area, game, &fog);
    // The topmost thing under the pointer: drawn last, tested first.
    let hovered = resp
        .hover_pos()
        .and_then(|p| hits.iter().rev().find(|(r, _)| r.contains(p)).map(|h| h.1));
    let mut clicked = None;
    if resp.clicked() {
        clicked = Some(click(game, &fog, &mut group, hovered, selection, shift));
    }
    // The box: drawn while dragging, selecting on release.
    if let Some(from) = group.box_from {
        let now = resp
            .interact_pointer_pos()
            .or(resp.hover_pos())
            .unwrap_or(from);
        let bx = Rect::from_two_pos(from, now);
        painter.rect(
            bx,
            0.0,
            Color32::from_rgba_unmultiplied(255, 255, 255, 40),
            Stroke::new(1.0, Color32::WHITE),
            StrokeKind::Inside,
        );
        if resp.drag_stopped() || !resp.dragged() {
            let seqs = boxed(game, &fog, &hits, bx);
            group.set(seqs);
            group.box_from = None;
            clicked = Some(group.primary);
        }
    }
    let ordered = if resp.secondary_clicked() {
        hovered.and_then(Hit::region)
    } else {
        None
    };
    if let Some(h) = hovered {
        resp.on_hover_ui_at_pointer(|ui| counters::tooltip(ui, game, &fog, h));
    }
    if let Some(c) = clicked {
        group.primary = c;
    }
    select::put(&ctx, group);
    ctx.data_mut(|d| {
        d.insert_temp(
            drawn_id(),
            Drawn {
                labels: placed,
                stacks,
                front,
                legend,
            },
        )
    });
    MapInput { clicked, ordered }
}

/// What a click on `hit` selects, and the group it leaves.
fn click(
    game: &Game,
    fog: &fog::Fog,
    group: &mut select::Group,
    hit: Option<Hit>,
    selection: Selection,
    shift: bool,
) -> Selection {
    match (hit, shift) {
        (Some(Hit::Stack(r, f)), false) => {
            let next = counters::next_in_stack(game, r, f, selection);
            *group = select::Group::only(next);
            group.fanned = Some((r, f));
            next
        }
        (Some(Hit::Stack(r, f)), true) => {
            // Adds the stack's strongest formation not yet selected.
            if let Some(m) = counters::fan_members(game, fog, r, f)
                .iter()
                .find(|m| !group.contains(m.seq.0))
            {
                group.toggle(m.seq.0);
            }
            group.fanned = Some((r, f));
            group.primary
        }
        (Some(Hit::Member(_, seq) | Hit::Moving(seq)), true) => {
            group.toggle(seq);
            group.primary
        }
        (Some(Hit::Member(r, seq)), false) => {
            let fanned = group.fanned;
            *group = select::Group::only(Selection::Formation(seq));
            group.fanned = fanned.filter(|x| x.0 == r);
            group.primary
        }
        (h, _) => {
            let s = h.map(Hit::selection).unwrap_or_default();
            *group = select::Group::only(s);
            s
        }
    }
}

/// The formations whose counters lie in the box: the player's own when
/// there is a player (a box is for giving orders), every one in sight otherwise.
fn boxed(game: &Game, fog: &fog::Fog, hits: &[(Rect, Hit)], bx: Rect) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let players = !game.player_factions().is_empty();
    let wanted = |f: &crate::gui::session::FormationView| {
        fog.sees(f) && (!players || game.commander(f.info.faction).is_some())
    };
    for (r, h) in hits {
        if !bx.intersects(*r) {
            continue;
        }
        match *h {
            Hit::Stack(region, faction) => out.extend(
                counters::fan_members(game, fog, region, faction)
                    .into_iter()
                    .filter(|f| wanted(f))
                    .map(|f| f.seq.0),
            ),
            Hit::Moving(seq) | Hit::Member(_, seq) => {
                if game.view.formation(seq).is_some_and(wanted) {
                    out.push(seq);
                }
            }
            Hit::Region(_) => {}
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|s| seen.insert(*s));
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 500.0));
        let mut v = MapView::default();
        v.fit_to(area, None);
        let p = pos2(600.0, 120.0);
        let before = v.to_map(area, p);
        v.zoom_at(area, p, 2.0);
        assert!((v.to_map(area, p) - before).length() < 1e-3);
        assert!((v.zoom - 2.0 * v.fit).abs() < 1e-3);
    }

    #[test]
    fn a_small_theatre_opens_on_its_own_ground_and_the_big_one_on_the_frame() {
        let load = |f: &str| {
            crate::scenario::load_path(&crate::scenario::bundled(f))
                .expect("loads")
                .scenario
        };
        assert_eq!(MapLayout::new(&load("historical.ron")).focus, None);
        let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 500.0));
        for f in ["khasan_1938.ron", "khalkhin_gol_1939.ron"] {
            let s = load(f);
            let layout = MapLayout::new(&s);
            let focus = layout.focus.expect("a small theatre has a focus");
            assert!(layout.pos.iter().all(|p| focus.contains(*p)), "{f}");
            let mut v = MapView::default();
            v.fit_to(area, layout.focus);
            // Every region on screen, well apart from the whole-frame view.
            for p in &layout.pos {
                assert!(area.contains(v.to_screen(area, *p)), "{f}");
            }
            assert!(v.zoom > 4.0 * v.fit, "{f}: zoomed in on the battle");
            // It can still zoom in further, and out to the whole frame.
            let c = area.center();
            v.zoom_at(area, c, 2.0);
            assert!(v.zoom > v.fit * 8.0);
            for _ in 0..40 {
                v.zoom_at(area, c, 0.5);
            }
            assert!((v.zoom - v.fit * 0.6).abs() < 1e-3);
        }
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
