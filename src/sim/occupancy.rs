//! Which formations stand in each region, in roster order, rebuilt when
//! movement may have changed it. Orders, combat and control read it.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::state::{FormationInfo, FormationSeq, Location};
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
pub struct Occupancy(pub Vec<Vec<Occupant>>);

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
    moved: Query<(), Changed<Location>>,
    mut removed: RemovedComponents<Location>,
) {
    let n = cat.edges.len();
    // Rebuilt only when a formation moved, came or went since this system last
    // ran (each of its two places in the day keeps its own count): most days
    // nobody has.
    let left = removed.read().count() > 0;
    if occ.0.len() == n && moved.is_empty() && !left {
        return;
    }
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
