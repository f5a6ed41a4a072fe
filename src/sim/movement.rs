//! Marching: formations on a link cover a day's distance, set by their type,
//! the going (terrain, link, month), their supply and whether the ground ahead
//! is held by the enemy.

use super::catalog::Catalog;
use super::occupancy::Occupancy;
use super::occupancy::OccupancyRebuilt;
use super::roster::Roster;
use super::state::*;
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
    mut q: Query<(&FormationInfo, &Supply, &mut Location)>,
) {
    let p = &cat.scenario.params.movement;
    let month = terrain::month(&p.months, cal.today.month());
    for e in roster.entities() {
        let Ok((info, supply, mut loc)) = q.get_mut(e) else {
            continue;
        };
        let Location::March {
            from,
            to,
            link,
            done_km,
            total_km,
        } = &mut *loc
        else {
            continue;
        };
        let kind = cat.scenario.links[*link as usize].kind;
        let (a, b) = (
            &cat.scenario.regions[*from as usize],
            &cat.scenario.regions[*to as usize],
        );
        let bloc = cat.bloc[info.faction as usize];
        // Resistance, not mere enemy ownership, slows an advance.
        let contested = diplo.at_war(cat.bloc[control.0[*to as usize] as usize], bloc)
            && occ.hostile(*to as usize, bloc, |x, y| diplo.at_war(x, y));
        // The going is the mean of the ground left and the ground entered.
        let ground = (terrain::terrain(&p.terrain, a.terrain)
            + terrain::terrain(&p.terrain, b.terrain))
            / 2.0;
        let speed = cat.scenario.formation_types[info.kind].speed_km
            * terrain::link(&p.links, kind)
            * ground
            * month
            * (0.3 + 0.7 * supply.0)
            * if contested { p.contested } else { 1.0 };
        *done_km += speed;
        if *done_km >= *total_km {
            *loc = Location::At(*to);
        }
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
