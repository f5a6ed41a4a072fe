//! Marching: formations on a link cover a day's distance, set by their type,
//! the going (terrain, link, month), their supply and whether the ground ahead
//! is held by the enemy.

use super::catalog::Catalog;
use super::roster::Roster;
use super::state::*;
use super::terrain;
use bevy::prelude::*;

pub fn run_march(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    roster: Res<Roster>,
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
        let region = &cat.scenario.regions[*to as usize];
        let bloc = cat.bloc[info.faction as usize];
        let contested = diplo.at_war(cat.bloc[control.0[*to as usize] as usize], bloc);
        let speed = cat.scenario.formation_types[info.kind].speed_km
            * terrain::link(&p.links, kind)
            * terrain::terrain(&p.terrain, region.terrain)
            * month
            * (0.3 + 0.7 * supply.0)
            * if contested { p.contested } else { 1.0 };
        *done_km += speed;
        if *done_km >= *total_km {
            let _ = from;
            *loc = Location::At(*to);
        }
    }
}
