//! Which formations stand in each region, in roster order, rebuilt when
//! movement may have changed it. Orders, combat and control read it.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::roster::in_roster_order;
use super::state::{FormationInfo, FormationSeq, Location};
use bevy::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct Occupant {
    pub entity: Entity,
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
    occ.0.resize_with(n, Vec::new);
    occ.0.iter_mut().for_each(Vec::clear);
    let standing = q.iter().filter_map(|(entity, &seq, info, loc)| {
        let occupant = Occupant {
            entity,
            faction: info.faction,
            bloc: cat.bloc_of(info.faction),
        };
        Some((seq, (loc.region()?, occupant)))
    });
    for (r, o) in in_roster_order(standing) {
        occ.0[r].push(o);
    }
}
