//! Control of regions: ground held by no defender passes to the enemy
//! standing in it. Destroyed formations leave the roster.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::ledger::{Capture, Ledger};
use super::occupancy::Occupancy;
use super::roster;
use super::state::*;
use bevy::prelude::*;

/// Regions where a scripted event removed or placed formations today (a
/// surrender, a spawn, a teleport): a capture there came from the script, not
/// from movement and combat alone. Filled in the day's script phase and emptied
/// by control the same day, so it is never part of the state between days.
#[derive(Resource, Clone, Debug, Default)]
pub struct ScriptedGround(pub std::collections::BTreeSet<RegionIx>);

pub fn run_control(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    occ: Res<Occupancy>,
    q: Query<&Strength>,
    mut scripted: ResMut<ScriptedGround>,
    mut control: ResMut<Control>,
    mut ledger: ResMut<Ledger>,
    mut chronicle: ResMut<Chronicle>,
) {
    let scripted = std::mem::take(&mut scripted.0);
    for (r, here) in RegionIx::all(occ.0.len()).zip(&occ.0) {
        let owner = control.owner_bloc(&cat, r);
        // Only the owner's troops (or none): nobody to take it, nothing to look up.
        if here.iter().all(|o| o.bloc == owner) {
            continue;
        }
        let alive = |e: Entity| q.get(e).is_ok_and(|s| s.men >= 1.0);
        if here.iter().any(|o| o.bloc == owner && alive(o.entity)) {
            continue;
        }
        // The first (by roster order) living enemy formation takes the region.
        let Some(taker) = here
            .iter()
            .find(|o| diplo.at_war(o.bloc, owner) && alive(o.entity))
        else {
            continue;
        };
        let from = control.0[r];
        control.0[r] = taker.faction;
        let region = &cat.scenario.regions[r];
        ledger.captures.push(Capture {
            region: region.id.clone(),
            faction: cat.faction_id(cat.bloc_of(taker.faction)).to_string(),
            from: cat.faction_id(from).to_string(),
            date: cal.today,
            scripted: scripted.contains(&r),
        });
        let text = format!("{} takes {}", name(&cat, taker.faction), region.name);
        chronicle
            .add(cal.today, Kind::Capture, text)
            .faction(cat.faction_id(taker.faction))
            .region(&region.id);
    }
}

fn name(cat: &Catalog, f: FactionIx) -> &str {
    &cat.scenario.factions[f].name
}

/// Formations with no men left are removed (their losses are already counted).
pub fn remove_destroyed(
    world: &mut World,
    q: &mut QueryState<(&FormationSeq, &FormationInfo, &Strength)>,
) {
    // Found by a query (most days: none); removed in roster order.
    // `for_each`: the query's tight loop over its rows.
    let mut gone: Vec<(FormationSeq, String)> = Vec::new();
    q.iter(world).for_each(|(seq, info, s)| {
        if s.men < 1.0 {
            gone.push((*seq, info.id.clone()));
        }
    });
    gone.sort_unstable();
    for (_, id) in gone {
        roster::despawn_formation(world, &id);
    }
}
