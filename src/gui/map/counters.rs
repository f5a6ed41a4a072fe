//! Formation counters: one stack per faction in each region (its strongest
//! formation's NATO symbol, total men, and how many formations, with the
//! counters under it offset), a small counter for each formation on the move,
//! placed along its march or rail route, and the selected stack fanned out
//! into its formations. Under fog of war only what the player's side sees,
//! at the strength it believes (`~`).

use super::fog::Fog;
use super::{Canvas, INK, MapLayout, Selection, rgb, symbols};
use crate::gui::session::{FormationView, Game};
use crate::names::words;
use crate::scenario::Arm;
use crate::sim::catalog::{FactionIx, LinkIx, RegionIx};
use crate::sim::state::Location;
use bevy_egui::egui::{
    self, Align2, Color32, FontId, Painter, Pos2, Rect, RichText, Stroke, StrokeKind, Ui, Vec2,
    pos2, vec2,
};

/// Something on the map under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Region(RegionIx),
    /// A faction's formations in a region.
    Stack(RegionIx, FactionIx),
    /// One formation on the move.
    Moving(u32),
    /// One formation of a fanned-out stack.
    Member(RegionIx, u32),
}

impl Hit {
    /// The region it stands in (none for a formation on the move).
    pub fn region(self) -> Option<RegionIx> {
        match self {
            Hit::Region(r) | Hit::Stack(r, _) | Hit::Member(r, _) => Some(r),
            Hit::Moving(_) => None,
        }
    }

    pub fn selection(self) -> Selection {
        match self {
            Hit::Region(r) | Hit::Stack(r, _) => Selection::Region(r),
            Hit::Moving(seq) | Hit::Member(_, seq) => Selection::Formation(seq),
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
    let here = stack(game, r, faction, |_| true);
    let next = match selection {
        Selection::Formation(seq) => here
            .iter()
            .position(|f| f.seq.0 == seq)
            .map_or(0, |i| (i + 1) % here.len().max(1)),
        _ => 0,
    };
    here.get(next)
        .map_or(Selection::Region(r), |f| Selection::Formation(f.seq.0))
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
            let departed = (game.sim.ledger().transfers.get(trip.record)).and_then(|r| r.departed);
            let t = match (departed, trip.arrives) {
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

/// Size of a counter at this zoom (screen pixels), and the scale of its contents.
pub fn counter_size(zoom: f32) -> (egui::Vec2, f32) {
    let k = (zoom / 30.0).clamp(0.85, 1.3);
    (vec2(40.0 * k, 15.0 * k), k)
}

/// One faction's stack in one region, as seen.
#[derive(Clone, Debug)]
pub struct Stack {
    pub region: RegionIx,
    pub faction: FactionIx,
    /// Men as the observer believes.
    pub men: f64,
    pub count: usize,
    /// The strongest formation's arm: the stack's symbol.
    pub arm: Arm,
    pub estimated: bool,
    pub rect: Rect,
}

/// Draws a counter: the faction's colour, the arm's symbol, the men.
fn counter(
    painter: &Painter,
    rect: Rect,
    fill: Color32,
    arm: Arm,
    text: &str,
    k: f32,
    edge: Stroke,
) {
    painter.rect(rect, 2.0, fill, edge, StrokeKind::Inside);
    let ink = ink_on(fill);
    let sym = Rect::from_min_size(
        rect.left_top() + vec2(2.5 * k, 2.5 * k),
        vec2(14.0 * k, rect.height() - 5.0 * k),
    );
    symbols::draw(painter, sym, arm, ink);
    painter.text(
        rect.right_center() - vec2(2.0 * k, 0.0),
        Align2::RIGHT_CENTER,
        text,
        FontId::proportional(9.5 * k),
        ink,
    );
}

/// Men as a counter shows them, `~` before an estimate.
fn men_text(n: f64, estimated: bool) -> String {
    if estimated {
        format!("~{}", men(n))
    } else {
        men(n)
    }
}

/// Lays out and draws every counter in sight, adding what each covers to
/// `hits`. Stacks go beside their region, on the first side where they hide
/// no other counter or region marker; a stack of several shows the counters
/// under it offset. Returns the stacks drawn.
pub fn draw(
    canvas: &Canvas,
    radius: f32,
    markers: &[Rect],
    hits: &mut Vec<(Rect, Hit)>,
) -> Vec<Stack> {
    let Canvas {
        painter,
        area,
        game,
        layout,
        view,
        group,
        fog,
    } = *canvas;
    let s = &*game.scenario;
    let (size, k) = counter_size(view.zoom);
    let (w, h) = (size.x, size.y);
    let mut drawn: Vec<Stack> = Vec::new();
    let mut taken: Vec<Rect> = Vec::new();
    for r in RegionIx::all(game.view.at_region.len()) {
        let p = view.to_screen(area, layout.pos[r]);
        if !area.expand(60.0).contains(p) {
            continue;
        }
        // Stacks per faction, in faction order; each shows its strongest formation's symbol.
        let mut stacks: Vec<(FactionIx, f64, usize, &FormationView)> = Vec::new();
        for f in game.view.at(r).filter(|f| fog.sees(f)) {
            let m = fog.men(f);
            match stacks.iter_mut().find(|x| x.0 == f.info.faction) {
                Some(x) => {
                    x.1 += m;
                    x.2 += 1;
                    if f.strength.men > x.3.strength.men {
                        x.3 = f;
                    }
                }
                None => stacks.push((f.info.faction, m, 1, f)),
            }
        }
        stacks.sort_by_key(|x| x.0);
        for (j, &(faction, total, n, top)) in stacks.iter().enumerate() {
            let y = p.y - h * 0.5 + j as f32 * (h + 3.0);
            // Beside the region first, then ever further up and down its
            // sides, so that crowded places spread out rather than pile up.
            let step = h + 8.0;
            let mut spots = vec![
                pos2(p.x + radius + 2.0, y),
                pos2(p.x - radius - 2.0 - w, y),
                pos2(p.x - w * 0.5, p.y + radius + 3.0 + j as f32 * step),
                pos2(p.x - w * 0.5, p.y - radius - 7.0 - h - j as f32 * step),
            ];
            for m in 1..8 {
                let d = m as f32 * step;
                for x in [p.x + radius + 2.0, p.x - radius - 2.0 - w] {
                    spots.push(pos2(x, y + d));
                    spots.push(pos2(x, y - d));
                }
            }
            // With the offset counters under it and the count badge.
            let cover =
                |min: Pos2| Rect::from_min_size(min + vec2(0.0, -5.0), vec2(w + 5.0, h + 5.0));
            let own = Rect::from_center_size(p, Vec2::splat(radius * 2.0));
            let free = spots.iter().copied().find(|&m| {
                let c = cover(m);
                !taken.iter().any(|t| t.intersects(c))
                    && !markers.iter().any(|t| *t != own && t.intersects(c))
            });
            let min = free.unwrap_or(spots[0]);
            taken.push(cover(min));
            let rect = Rect::from_min_size(min, vec2(w, h));
            let c = rgb(s.factions[faction].color);
            let chosen = game
                .view
                .at(r)
                .any(|f| f.info.faction == faction && group.contains(f.seq.0));
            // The counters under the top one, offset up and right.
            for d in (1..n.min(3)).rev() {
                let under = rect.translate(vec2(2.5, -2.5) * d as f32);
                painter.rect(
                    under,
                    2.0,
                    c,
                    Stroke::new(1.0, Color32::BLACK),
                    StrokeKind::Inside,
                );
            }
            let arm = s.formation_types[top.info.kind].arm;
            let estimated = !fog.own(faction);
            let edge = if chosen {
                Stroke::new(2.5, Color32::WHITE)
            } else {
                Stroke::new(1.0, Color32::BLACK)
            };
            counter(painter, rect, c, arm, &men_text(total, estimated), k, edge);
            if n > 1 {
                let b = rect.right_top() + vec2(2.0, -2.0);
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
            drawn.push(Stack {
                region: r,
                faction,
                men: total,
                count: n,
                arm,
                estimated,
                rect,
            });
        }
    }
    // Formations on the move, each on its own.
    for f in game.view.formations.iter().filter(|f| fog.sees(f)) {
        let Some(m) = moving_position(game, layout, f) else {
            continue;
        };
        let p = view.to_screen(area, m);
        if !area.expand(20.0).contains(p) {
            continue;
        }
        let c = rgb(s.factions[f.info.faction].color);
        let rect = Rect::from_center_size(p, vec2(17.0 * k, 12.0 * k));
        let on_rail = matches!(f.location, Location::Rail(_));
        let chosen = group.contains(f.seq.0);
        let edge = if chosen {
            Stroke::new(2.0, Color32::WHITE)
        } else {
            Stroke::new(1.0, Color32::BLACK)
        };
        painter.rect(
            rect,
            if on_rail { 0.0 } else { 4.0 },
            c,
            edge,
            StrokeKind::Inside,
        );
        symbols::draw(
            painter,
            rect.shrink(2.5 * k),
            s.formation_types[f.info.kind].arm,
            ink_on(c),
        );
        hits.push((rect, Hit::Moving(f.seq.0)));
    }
    drawn
}

/// The most formations a fanned-out stack lists.
pub const FAN: usize = 12;

/// The fanned-out stack's formations, strongest first, as seen.
pub fn fan_members<'a>(
    game: &'a Game,
    fog: &Fog,
    r: RegionIx,
    faction: FactionIx,
) -> Vec<&'a FormationView> {
    stack(game, r, faction, |f| fog.sees(f))
}

/// A faction's formations in a region that pass `keep`, strongest first
/// (ties: oldest first).
fn stack(
    game: &Game,
    r: RegionIx,
    faction: FactionIx,
    keep: impl Fn(&FormationView) -> bool,
) -> Vec<&FormationView> {
    let mut here: Vec<&FormationView> = game
        .view
        .at(r)
        .filter(|f| f.info.faction == faction && keep(f))
        .collect();
    here.sort_by(|a, b| {
        b.strength
            .men
            .total_cmp(&a.strength.men)
            .then(a.seq.cmp(&b.seq))
    });
    here
}

/// Draws the fanned-out stack under its counter: a row per formation, each
/// clickable ([`Hit::Member`]).
pub fn draw_fan(canvas: &Canvas, stack: &Stack, hits: &mut Vec<(Rect, Hit)>) {
    let (painter, fog) = (canvas.painter, canvas.fog);
    let s = &*canvas.game.scenario;
    let (size, k) = counter_size(canvas.view.zoom);
    let h = size.y;
    let members = fan_members(canvas.game, fog, stack.region, stack.faction);
    let c = rgb(s.factions[stack.faction].color);
    let ink = ink_on(c);
    let mut y = stack.rect.bottom() + 3.0;
    for (i, f) in members.iter().enumerate() {
        if i == FAN {
            let more = Rect::from_min_size(pos2(stack.rect.left(), y), vec2(150.0 * k, h));
            painter.rect_filled(more, 2.0, Color32::from_white_alpha(230));
            painter.text(
                more.left_center() + vec2(4.0, 0.0),
                Align2::LEFT_CENTER,
                format!("… {} more (see the inspector)", members.len() - FAN),
                FontId::proportional(9.0 * k),
                INK,
            );
            break;
        }
        let row = Rect::from_min_size(pos2(stack.rect.left(), y), vec2(150.0 * k, h));
        let edge = if canvas.group.contains(f.seq.0) {
            Stroke::new(2.0, Color32::WHITE)
        } else {
            Stroke::new(1.0, Color32::BLACK)
        };
        painter.rect(row, 2.0, c, edge, StrokeKind::Inside);
        let sym = Rect::from_min_size(
            row.left_top() + vec2(2.5 * k, 2.5 * k),
            vec2(14.0 * k, h - 5.0 * k),
        );
        symbols::draw(painter, sym, s.formation_types[f.info.kind].arm, ink);
        let name: String = f.info.name.chars().take(22).collect();
        painter.text(
            pos2(sym.right() + 4.0, row.center().y),
            Align2::LEFT_CENTER,
            format!("{} {name}", men_text(fog.men(f), fog.estimated(f))),
            FontId::proportional(9.0 * k),
            ink,
        );
        hits.push((row, Hit::Member(stack.region, f.seq.0)));
        y += h + 2.0;
    }
}

/// The hover card for whatever is under the pointer.
pub fn tooltip(ui: &mut Ui, game: &Game, fog: &Fog, hit: Hit) {
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
            let n = game.view.at(r).filter(|f| fog.sees(f)).count();
            if n > 0 {
                ui.label(format!("{n} formations in sight"));
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
            let here = fan_members(game, fog, r, faction);
            for f in here.iter().take(12) {
                ui.label(format!(
                    "{} — {} men, {} tanks",
                    f.info.name,
                    men_text(fog.men(f), fog.estimated(f)),
                    men_text(fog.tanks(f), fog.estimated(f)),
                ));
            }
            if fog.observer.is_some() && !fog.own(faction) {
                ui.weak("Strengths are your intelligence's estimates.");
            }
            let n = here.len();
            if n > 12 {
                ui.weak(format!("… and {} more", n - 12));
            }
        }
        Hit::Moving(seq) | Hit::Member(_, seq) => {
            if let Some(f) = game.view.formation(seq) {
                ui.label(RichText::new(&f.info.name).strong());
                ui.label(format!(
                    "{} — {} men — {}",
                    symbols::arm_name(s.formation_types[f.info.kind].arm),
                    men_text(fog.men(f), fog.estimated(f)),
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
        Location::March(m) => format!(
            "marching to {} ({:.0} of {:.0} km)",
            name(m.to),
            m.done_km,
            m.total_km
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
