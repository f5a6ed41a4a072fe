//! Marching: formations on a link cover a day's distance, set by their type,
//! the going (terrain, link, month), their supply and whether the ground ahead
//! is held by the enemy. Motorised formations beyond supply reach burn their
//! carried fuel as they go, and stop where it runs out.

use super::catalog::Catalog;
use super::occupancy::Occupancy;
use super::occupancy::OccupancyRebuilt;
use super::roster::Roster;
use super::state::*;
use super::supply;
use super::terrain;
use super::{DaySystems, SimDay};
use bevy::prelude::*;

pub fn run_march(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    roster: Res<Roster>,
    occ: Res<Occupancy>,
    mut q: Query<(&FormationInfo, &mut Supply, &mut Location)>,
) {
    let p = &cat.scenario.params.movement;
    let reach = cat.scenario.params.supply.reach_km;
    let month = terrain::month(&p.months, cal.today.month());
    let mut depots: Vec<Option<Vec<f64>>> = vec![None; cat.bloc.len()];
    for e in roster.entities() {
        let Ok((info, mut supply, mut loc)) = q.get_mut(e) else {
            continue;
        };
        let Location::March {
            from,
            to,
            link,
            done_km,
            total_km,
        } = *loc
        else {
            continue;
        };
        let kind = cat.scenario.links[link as usize].kind;
        let (a, b) = (
            &cat.scenario.regions[from as usize],
            &cat.scenario.regions[to as usize],
        );
        let bloc = cat.bloc[info.faction as usize];
        // Resistance, not mere enemy ownership, slows an advance.
        let contested = diplo.at_war(cat.bloc[control.0[to as usize] as usize], bloc)
            && occ.hostile(to as usize, bloc, |x, y| diplo.at_war(x, y));
        // The going is the mean of the ground left and the ground entered.
        let ground = (terrain::terrain(&p.terrain, a.terrain)
            + terrain::terrain(&p.terrain, b.terrain))
            / 2.0;
        // Short of supply, marching troops slow down; a motorised formation
        // instead keeps its pace while its fuel lasts (see below).
        let rate = supply::fuel_rate(&cat, info.kind);
        let pace = if rate > 0.0 {
            1.0
        } else {
            0.3 + 0.7 * supply.0
        };
        let speed = cat.scenario.formation_types[info.kind].speed_km
            * terrain::link(&p.links, kind)
            * ground
            * month
            * pace
            * if contested { p.contested } else { 1.0 };
        let mut step = speed.min((total_km - done_km).max(0.0));
        // Fuel: beyond its columns' reach a motorised formation burns what it
        // carries, and goes no farther than that lasts.
        if rate > 0.0 && speed > 0.0 && step > 0.0 {
            let dist = depots[bloc as usize]
                .get_or_insert_with(|| supply::depot_distance(&cat, &control, bloc));
            let at = |d: f64| Location::March {
                from,
                to,
                link,
                done_km: d,
                total_km,
            };
            let km = |d: f64| supply::depot_km(&cat, dist, bloc, &at(d)).unwrap_or(f64::INFINITY);
            let beyond = beyond_reach(km(done_km), km(done_km + step), reach) * step;
            let can = supply.0 / rate * speed;
            let burnt = beyond.min(can);
            step -= beyond - burnt;
            supply.0 = (supply.0 - rate * burnt / speed).clamp(0.0, 1.0);
        }
        let done = done_km + step;
        *loc = if done >= total_km {
            Location::At(to)
        } else {
            Location::March {
                from,
                to,
                link,
                done_km: done,
                total_km,
            }
        };
    }
}

/// Share of a stretch of march, from supply distance `a` to `b`, that lies beyond `reach`.
fn beyond_reach(a: f64, b: f64, reach: f64) -> f64 {
    let (lo, hi) = (a.min(b), a.max(b));
    if hi <= reach {
        0.0
    } else if lo >= reach || hi - lo < 1e-9 || !hi.is_finite() {
        1.0
    } else {
        (hi - reach) / (hi - lo)
    }
}

/// Adds this module's systems to the day.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        SimDay,
        run_march
            .in_set(DaySystems::Movement)
            .after(super::rail::run_rail)
            .before(OccupancyRebuilt::AfterMovement),
    );
}
