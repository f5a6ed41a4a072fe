//! Which formations stand in each region, in roster order, rebuilt when
//! movement may have changed it. Orders, combat and control read it.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::state::{FormationInfo, FormationSeq, Location};
use bevy::ecs::change_detection::Tick;
use bevy::ecs::system::SystemChangeTick;
use bevy::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct Occupant {
    pub entity: Entity,
    /// Its place in the roster (the lists' order).
    pub seq: FormationSeq,
    pub faction: FactionIx,
    pub bloc: FactionIx,
}

#[derive(Resource, Clone, Debug, Default)]
pub struct Occupancy(
    pub Vec<Vec<Occupant>>,
    /// When the lists were last rebuilt, by either of the day's two rebuilds.
    Option<Tick>,
);

impl Occupancy {
    /// Whether any formation of a bloc at war with `bloc` stands in region `r`.
    pub fn hostile(
        &self,
        r: RegionIx,
        bloc: FactionIx,
        at_war: impl Fn(FactionIx, FactionIx) -> bool,
    ) -> bool {
        self.0[r].iter().any(|o| at_war(o.bloc, bloc))
    }
}

pub fn rebuild_occupancy(
    cat: Res<Catalog>,
    mut occ: ResMut<Occupancy>,
    q: Query<(Entity, &FormationSeq, &FormationInfo, &Location)>,
    locations: Query<Ref<Location>>,
    mut removed: RemovedComponents<Location>,
    ticks: SystemChangeTick,
) {
    let n = cat.edges.len();
    // Rebuilt only when a formation moved, came or went since the lists were
    // last rebuilt: from the evening's rebuild to the next morning's nobody
    // has on most days, and by evening usually somebody has. Since the last
    // rebuild, not since this system's last run: each of the day's two
    // places runs once a day, and so would see every march of the day.
    let left = removed.read().count() > 0;
    if !left
        && occ.0.len() == n
        && occ
            .1
            .is_some_and(|built| !moved(&locations, built, ticks.this_run()))
    {
        return;
    }
    occ.1 = Some(ticks.this_run());
    let lists = &mut occ.0;
    lists.resize_with(n, Vec::new);
    lists.iter_mut().for_each(Vec::clear);
    // Straight into each region's list in query order (`for_each`: the
    // query's tight loop), then each list put in roster order: query order
    // mostly is roster order already, and a short list is quickly sorted.
    q.iter().for_each(|(entity, &seq, info, loc)| {
        if let Some(r) = loc.region() {
            lists[r].push(Occupant {
                entity,
                seq,
                faction: info.faction,
                bloc: cat.bloc_of(info.faction),
            });
        }
    });
    for here in lists.iter_mut() {
        // Sequence numbers are unique, so an unstable sort leaves one order.
        if !here.is_sorted_by_key(|o| o.seq) {
            here.sort_unstable_by_key(|o| o.seq);
        }
    }
}

/// Whether a formation's location changed after tick `built`: each row's
/// tick only, in the query's tight loop (`for_each`).
fn moved(locations: &Query<Ref<Location>>, built: Tick, now: Tick) -> bool {
    let mut moved = false;
    locations
        .iter()
        .for_each(|loc| moved |= loc.last_changed().is_newer_than(built, now));
    moved
}
