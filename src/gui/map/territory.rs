//! Territory and the front line. Each region on the map to scale owns the
//! land nearer its centre than any other region's (a Voronoi cell, cut off
//! at [`REACH`] so empty hinterland stays plain), clipped to the coastline.
//!
//! The geometry depends only on where regions are drawn, so it is built once
//! per scenario ([`Geometry`]); colours and the front line depend on who holds
//! what and who is at war, so they are rebuilt only when those change
//! ([`Territory`]). Each frame only maps the fixed vertices to the screen.

use super::land::Land;
use super::{MapLayout, rgb};
use crate::gui::session::Game;
use crate::scenario::{Scenario, Terrain};
use crate::sim::catalog::{Catalog, FactionIx, RegionIx};
use crate::sim::state::Diplomacy;
use bevy_egui::egui::{Color32, Pos2, Rect, Vec2, pos2};
use std::collections::BTreeSet;
use std::sync::Arc;

/// How far (map units, degrees of latitude) a region's ground reaches at most:
/// about 330 km, past the widest gap between neighbouring regions in the theatre.
pub const REACH: f32 = 3.0;

/// Opacity of the controller's colour over the terrain.
pub const ALPHA: u8 = 96;

/// Tag of a polygon edge: the region on its other side, or none (coast, reach).
const NONE: u32 = u32::MAX;

/// A convex polygon, each vertex with the tag of the edge that leaves it.
type Poly = Vec<(Pos2, u32)>;

/// Keeps the part of `poly` where `f(p) <= 0` (`f` affine), tagging the new edge `tag`.
fn clip(poly: &Poly, f: impl Fn(Pos2) -> f32, tag: u32) -> Poly {
    let mut out = Vec::with_capacity(poly.len() + 2);
    for k in 0..poly.len() {
        let (a, ta) = poly[k];
        let (b, _) = poly[(k + 1) % poly.len()];
        let (fa, fb) = (f(a), f(b));
        let cross = || a + (b - a) * (fa / (fa - fb)).clamp(0.0, 1.0);
        match (fa <= 0.0, fb <= 0.0) {
            (true, true) => out.push((a, ta)),
            (true, false) => {
                out.push((a, ta));
                out.push((cross(), tag));
            }
            (false, true) => out.push((cross(), ta)),
            (false, false) => {}
        }
    }
    // Drop repeated points (a vertex on the cutting line), keeping the tag
    // of the edge that leaves the point: the zero-length one carries none.
    out.dedup_by(|later, earlier| {
        let same = (later.0 - earlier.0).length_sq() < 1e-12;
        if same {
            earlier.1 = later.1;
        }
        same
    });
    if out.len() >= 2 && (out[0].0 - out[out.len() - 1].0).length_sq() < 1e-12 {
        // The last point's edge is the zero-length one back to the first.
        out.pop();
    }
    if out.len() < 3 { Vec::new() } else { out }
}

fn cross2(a: Vec2, b: Vec2) -> f32 {
    a.x * b.y - a.y * b.x
}

fn area(poly: &Poly) -> f32 {
    let mut s = 0.0;
    for k in 0..poly.len() {
        let (a, b) = (poly[k].0, poly[(k + 1) % poly.len()].0);
        s += a.x * b.y - b.x * a.y;
    }
    s * 0.5
}

/// Region `i`'s cell: its reach (a 32-gon), cut by the bisector with every nearer site.
fn cell(sites: &[(RegionIx, Pos2)], i: usize) -> Poly {
    let c = sites[i].1;
    let mut poly: Poly = (0..32)
        .map(|k| {
            let a = k as f32 / 32.0 * std::f32::consts::TAU;
            (c + Vec2::angled(a) * REACH, NONE)
        })
        .collect();
    for (j, &(rj, p)) in sites.iter().enumerate() {
        if j == i {
            continue;
        }
        let d = p - c;
        if d.length() > 2.0 * REACH {
            continue;
        }
        if d.length_sq() < 1e-10 {
            // Two regions drawn at one point: the first takes the ground.
            if j < i {
                return Vec::new();
            }
            continue;
        }
        let m = c + d * 0.5;
        poly = clip(&poly, |q| (q - m).dot(d), rj.0 as u32);
        if poly.is_empty() {
            break;
        }
    }
    poly
}

/// One piece of ground: a convex polygon owned by one region.
#[derive(Clone, Debug)]
pub struct Piece {
    pub region: RegionIx,
    pub poly: Vec<Pos2>,
}

/// Where two regions' grounds meet on land: straight segments along their bisector.
#[derive(Clone, Debug)]
pub struct Boundary {
    pub a: RegionIx,
    pub b: RegionIx,
    pub segments: Vec<[Pos2; 2]>,
}

/// The fixed part: pieces as a triangle mesh, boundaries, terrain tints.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    /// The region positions it was built for (rebuilt when they differ).
    pub key: Vec<Pos2>,
    pub pieces: Vec<Piece>,
    pub vertices: Vec<Pos2>,
    pub indices: Vec<u32>,
    /// The region each vertex belongs to.
    pub vertex_region: Vec<RegionIx>,
    /// Each vertex's terrain tint (fixed: terrain does not change).
    pub terrain: Vec<Color32>,
    pub boundaries: Vec<Boundary>,
    /// Terrain marks on a fixed grid over the pieces.
    pub marks: Vec<super::hatch::Mark>,
}

/// Land tint by terrain: told apart at a glance, all light enough to carry
/// the controller's colour and the counters on top.
pub fn terrain_tint(t: Terrain) -> Color32 {
    match t {
        Terrain::Plain => Color32::from_rgb(0xe6, 0xdf, 0xc8),
        Terrain::Steppe => Color32::from_rgb(0xee, 0xe3, 0xa8),
        Terrain::Desert => Color32::from_rgb(0xf2, 0xe0, 0xb6),
        Terrain::Hills => Color32::from_rgb(0xd9, 0xcc, 0xa8),
        Terrain::Mountain => Color32::from_rgb(0xc4, 0xb0, 0x98),
        Terrain::Forest => Color32::from_rgb(0xc9, 0xd9, 0xb0),
        Terrain::Taiga => Color32::from_rgb(0xb4, 0xc9, 0xae),
        Terrain::Marsh => Color32::from_rgb(0xbf, 0xd8, 0xcc),
        Terrain::Urban => Color32::from_rgb(0xde, 0xd0, 0xc6),
        Terrain::Island => Color32::from_rgb(0xe0, 0xdc, 0xc4),
    }
}

impl Geometry {
    /// Clips each land triangle by each region's cell (a few milliseconds, once).
    pub fn build(s: &Scenario, layout: &MapLayout, land: &Land) -> Geometry {
        let sites: Vec<(RegionIx, Pos2)> = RegionIx::all(s.regions.len())
            .filter(|r| !layout.in_inset.get(r.ix()).copied().unwrap_or(false))
            .map(|r| (r, layout.pos[r]))
            .collect();
        // (region, cell, its bounding box, its site: a point inside it)
        let cells: Vec<(RegionIx, Poly, Rect, Pos2)> = (0..sites.len())
            .map(|i| {
                let c = cell(&sites, i);
                let bb = Rect::from_points(&c.iter().map(|v| v.0).collect::<Vec<_>>());
                (sites[i].0, c, bb, sites[i].1)
            })
            .filter(|c| !c.1.is_empty())
            .collect();
        let mut g = Geometry {
            key: layout.pos.clone(),
            ..Geometry::default()
        };
        // Boundary segments by region pair, merged afterwards.
        let mut edges: std::collections::BTreeMap<(RegionIx, RegionIx), Vec<[Pos2; 2]>> =
            Default::default();
        for t in land.indices.chunks_exact(3) {
            let tri: Poly = t
                .iter()
                .filter_map(|&i| land.vertices.get(i as usize).map(|&p| (p, NONE)))
                .collect();
            if tri.len() < 3 || area(&tri).abs() < 1e-9 {
                continue;
            }
            let bb = Rect::from_points(&tri.iter().map(|v| v.0).collect::<Vec<_>>());
            for (r, c, cbb, inside) in &cells {
                if !bb.intersects(*cbb) {
                    continue;
                }
                let mut piece = tri.clone();
                for k in 0..c.len() {
                    let (a, tag) = c[k];
                    let b = c[(k + 1) % c.len()].0;
                    let side = cross2(b - a, *inside - a).signum();
                    piece = clip(&piece, |q| -side * cross2(b - a, q - a), tag);
                    if piece.is_empty() {
                        break;
                    }
                }
                if piece.is_empty() || area(&piece).abs() < 1e-9 {
                    continue;
                }
                for k in 0..piece.len() {
                    let (a, tag) = piece[k];
                    if tag == NONE {
                        continue;
                    }
                    let b = piece[(k + 1) % piece.len()].0;
                    let other = RegionIx(tag as u16);
                    let key = ((*r).min(other), (*r).max(other));
                    edges.entry(key).or_default().push([a, b]);
                }
                let tint = terrain_tint(s.regions[*r].terrain);
                let base = g.vertices.len() as u32;
                for &(p, _) in &piece {
                    g.vertices.push(p);
                    g.vertex_region.push(*r);
                    g.terrain.push(tint);
                }
                for k in 1..piece.len() as u32 - 1 {
                    g.indices.extend([base, base + k, base + k + 1]);
                }
                g.pieces.push(Piece {
                    region: *r,
                    poly: piece.iter().map(|v| v.0).collect(),
                });
            }
        }
        g.marks = super::hatch::build(s, &g.pieces);
        for ((a, b), segs) in edges {
            let segments = merge(segs);
            if !segments.is_empty() {
                g.boundaries.push(Boundary { a, b, segments });
            }
        }
        g
    }
}

/// Joins collinear pieces of one boundary (both sides report each, cut at
/// every land triangle) into as few segments as there are stretches of land.
fn merge(segs: Vec<[Pos2; 2]>) -> Vec<[Pos2; 2]> {
    let Some(first) = segs.first() else {
        return Vec::new();
    };
    let o = first[0];
    let dir = segs
        .iter()
        .map(|s| s[1] - s[0])
        .max_by(|a, b| a.length_sq().total_cmp(&b.length_sq()))
        .unwrap_or(Vec2::X)
        .normalized();
    if !dir.is_finite() {
        return Vec::new();
    }
    let mut spans: Vec<(f32, f32)> = segs
        .iter()
        .map(|s| {
            let (u, v) = ((s[0] - o).dot(dir), (s[1] - o).dot(dir));
            (u.min(v), u.max(v))
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::new();
    for (u, v) in spans {
        match out.last_mut() {
            Some(last) if u <= last.1 + 1e-4 => last.1 = last.1.max(v),
            _ => out.push((u, v)),
        }
    }
    out.into_iter()
        .filter(|(u, v)| v - u > 1e-4)
        .map(|(u, v)| [o + dir * u, o + dir * v])
        .collect()
}

/// The part that follows the war: each vertex's colour and the front line,
/// for one control vector and one set of wars.
#[derive(Clone, Debug, Default)]
pub struct Territory {
    pub control: Vec<FactionIx>,
    pub wars: BTreeSet<(FactionIx, FactionIx)>,
    /// Each geometry vertex's colour: its controller's, translucent.
    pub colors: Vec<Color32>,
    /// Boundaries (indices into [`Geometry::boundaries`]) between enemies.
    pub front: Vec<usize>,
}

/// The controller's colour as territory: translucent over the terrain.
pub fn territory_color(s: &Scenario, owner: FactionIx) -> Color32 {
    let c = s
        .factions
        .get(owner.ix())
        .map_or(Color32::GRAY, |f| rgb(f.color));
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), ALPHA)
}

/// Whether the holders of two regions are at war (their blocs are).
pub fn enemies(cat: &Catalog, diplo: &Diplomacy, a: FactionIx, b: FactionIx) -> bool {
    let (x, y) = (cat.bloc_of(a), cat.bloc_of(b));
    x != y && diplo.at_war(x, y)
}

impl Territory {
    pub fn build(game: &Game, geo: &Geometry) -> Territory {
        let s = &*game.scenario;
        let cat = game.catalog();
        let diplo = game.sim.world().resource::<Diplomacy>();
        let control = game.view.control.clone();
        let owner = |r: RegionIx| control.get(r.ix()).copied().unwrap_or_default();
        let by_region: Vec<Color32> = RegionIx::all(s.regions.len())
            .map(|r| territory_color(s, owner(r)))
            .collect();
        let colors = geo
            .vertex_region
            .iter()
            .map(|r| {
                by_region
                    .get(r.ix())
                    .copied()
                    .unwrap_or(Color32::TRANSPARENT)
            })
            .collect();
        let front = geo
            .boundaries
            .iter()
            .enumerate()
            .filter(|(_, b)| enemies(cat, diplo, owner(b.a), owner(b.b)))
            .map(|(i, _)| i)
            .collect();
        Territory {
            control,
            wars: diplo.wars.clone(),
            colors,
            front,
        }
    }

    /// Whether it still shows `game` (nobody captured anything, no war began or ended).
    pub fn current(&self, game: &Game) -> bool {
        self.control == game.view.control
            && self.wars == game.sim.world().resource::<Diplomacy>().wars
    }

    /// The colour drawn over region `r`'s ground, if it has any on the map.
    pub fn color_of(&self, geo: &Geometry, r: RegionIx) -> Option<Color32> {
        geo.vertex_region
            .iter()
            .position(|&x| x == r)
            .and_then(|i| self.colors.get(i).copied())
    }

    /// Region pairs the front line runs between.
    pub fn front_pairs(&self, geo: &Geometry) -> Vec<(RegionIx, RegionIx)> {
        self.front
            .iter()
            .filter_map(|&i| geo.boundaries.get(i).map(|b| (b.a, b.b)))
            .collect()
    }
}

/// Both parts, kept in egui's memory between frames.
#[derive(Clone, Debug, Default)]
pub struct MapCache {
    pub geometry: Arc<Geometry>,
    pub territory: Arc<Territory>,
}

fn cache_id() -> bevy_egui::egui::Id {
    bevy_egui::egui::Id::new("pact_map_territory")
}

/// The cached geometry and territory for `game`, rebuilding only what is stale.
pub fn cached(
    ctx: &bevy_egui::egui::Context,
    game: &Game,
    layout: &MapLayout,
    land: &Land,
) -> MapCache {
    let old: Option<MapCache> = ctx.data(|d| d.get_temp(cache_id()));
    let mut cache = old.unwrap_or_default();
    let mut changed = false;
    if cache.geometry.key != layout.pos || cache.geometry.vertices.is_empty() {
        cache.geometry = Arc::new(Geometry::build(&game.scenario, layout, land));
        cache.territory = Arc::new(Territory::default());
        changed = true;
    }
    if changed || !cache.territory.current(game) {
        cache.territory = Arc::new(Territory::build(game, &cache.geometry));
        changed = true;
    }
    if changed {
        ctx.data_mut(|d| d.insert_temp(cache_id(), cache.clone()));
    }
    cache
}

/// What the map last drew from (for tests and tools): `None` before the first frame.
pub fn last(ctx: &bevy_egui::egui::Context) -> Option<MapCache> {
    ctx.data(|d| d.get_temp(cache_id()))
}

/// A point well inside region `r`'s ground (for tests): its largest piece's centre.
pub fn inside(geo: &Geometry, r: RegionIx) -> Option<Pos2> {
    geo.pieces
        .iter()
        .filter(|p| p.region == r)
        .max_by(|a, b| poly_area(&a.poly).total_cmp(&poly_area(&b.poly)))
        .map(|p| {
            let n = p.poly.len() as f32;
            let c = p.poly.iter().fold(Vec2::ZERO, |s, q| s + q.to_vec2()) / n;
            pos2(c.x, c.y)
        })
}

fn poly_area(p: &[Pos2]) -> f32 {
    area(&p.iter().map(|&q| (q, NONE)).collect()).abs()
}
