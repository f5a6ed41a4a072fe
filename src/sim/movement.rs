//! Marching: formations on a link cover a day's distance, set by their type,
//! the going (terrain, link, month), their supply and whether the ground ahead
//! is held by the enemy. Motorised formations burn their carried fuel as they
//! go (refilled within reach by the supply system) and stop where it runs
//! out; attacking ones do not set off on a leg without fuel for it (or for a
//! day's march of it) over the halt reserve.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::occupancy::Occupancy;
use super::state::*;
use super::terrain;
use crate::scenario::Posture;
use bevy::prelude::*;

pub fn run_march(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    occ: Res<Occupancy>,
    mut q: Query<(
        &FormationInfo,
        &FormationPosture,
        &mut Supply,
        &mut Location,
    )>,
) {
    let p = &cat.scenario.params.movement;
    let halt = cat.scenario.params.supply.halt_below;
    let month = terrain::month(&p.months, cal.today.month());
    let mut opposed = Opposition::new(&cat, &diplo, &control, &occ);
    // Query order: a march reads only the formation itself and what no march
    // changes (ground, occupancy), so the order formations go in cannot matter.
    for (info, posture, mut supply, mut loc) in &mut q {
        let Location::March(Leg {
            from,
            to,
            link,
            done_km,
            total_km,
        }) = *loc
        else {
            continue;
        };
        let kind = cat.scenario.links[link].kind;
        let contested = opposed.contested(to, cat.bloc_of(info.faction));
        // Short of supply, marching troops slow down; a motorised formation
        // instead keeps its pace while its fuel lasts (see below).
        let rate = cat.fuel_rate[info.kind];
        let pace = if rate > 0.0 {
            1.0
        } else {
            0.3 + 0.7 * supply.0
        };
        // The factors multiply in this order, one by one: folded together they
        // would round differently.
        let speed = cat.scenario.formation_types[info.kind].speed_km
            * cat.link_factor[link]
            * cat.ground(kind, from, to)
            * month
            * pace
            * if contested { p.contested } else { 1.0 };
        let mut step = speed.min((total_km - done_km).max(0.0));
        // Fuel: a motorised formation burns what it carries as it marches
        // (its columns refill it at their pace while it is within their
        // reach, see the supply system), and goes no farther than that lasts.
        if rate > 0.0 && speed > 0.0 && step > 0.0 {
            // An attacking column sets off on a leg only with fuel for the
            // leg, or at least for a full day's march of it, over the reserve
            // below which it would halt anyway: else it waits where it is for
            // fuel to come up rather than stall on the road in front of the enemy.
            if done_km == 0.0 && posture.0 == Posture::Attack {
                let need = rate * (total_km / speed).min(1.0) + halt;
                if supply.0 + 1e-9 < need {
                    *loc = Location::At(from);
                    continue;
                }
            }
            let can = supply.0 / rate * speed;
            step = step.min(can);
            supply.0 = (supply.0 - rate * step / speed).clamp(0.0, 1.0);
        }
        let done = done_km + step;
        if done >= total_km {
            *loc = Location::At(to);
        } else if let Location::March(leg) = &mut *loc {
            // Only the distance covered moves: the rest of the march stays.
            leg.done_km = done;
        }
    }
}

/// Whether a bloc marching into a region meets resistance, settled once a day
/// per region and bloc rather than once per formation: nothing a march
/// changes (control, war, occupancy) bears on it.
struct Opposition<'a> {
    cat: &'a Catalog,
    diplo: &'a Diplomacy,
    control: &'a Control,
    occ: &'a Occupancy,
    /// By bloc, then region: None until asked.
    known: Vec<Vec<Option<bool>>>,
}

impl<'a> Opposition<'a> {
    fn new(
        cat: &'a Catalog,
        diplo: &'a Diplomacy,
        control: &'a Control,
        occ: &'a Occupancy,
    ) -> Self {
        Opposition {
            cat,
            diplo,
            control,
            occ,
            known: vec![vec![None; cat.edges.len()]; cat.bloc.len()],
        }
    }

    /// Resistance, not mere enemy ownership, slows an advance.
    fn contested(&mut self, to: RegionIx, bloc: FactionIx) -> bool {
        // Out of the table's range (no bloc), it is worked out every time.
        // A row a bloc: no product of indices to compute (and check) per march.
        let known = self
            .known
            .get_mut(bloc.ix())
            .and_then(|row| row.get_mut(to.ix()));
        if let Some(&mut Some(known)) = known {
            return known;
        }
        let diplo = self.diplo;
        let c = diplo.at_war(self.control.owner_bloc(self.cat, to), bloc)
            && self.occ.hostile(to, bloc, |x, y| diplo.at_war(x, y));
        if let Some(k) = known {
            *k = Some(c);
        }
        c
    }
}
