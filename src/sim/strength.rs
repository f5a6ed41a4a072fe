//! Strength totals per faction and region, recomputed once a day for
//! conditions, the AI and metrics (one pass over formations).

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::roster::in_roster_order;
use super::state::{FormationInfo, FormationSeq, Location, Strength};
use crate::scenario::{Measure, Scope};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Index of a measure in a totals array.
pub fn slot(m: Measure) -> usize {
    match m {
        Measure::Men => 0,
        Measure::Divisions => 1,
        Measure::Formations => 2,
        Measure::Tanks => 3,
        Measure::Guns => 4,
        Measure::Aircraft => 5,
    }
}

/// `[men, divisions, formations, tanks, guns, aircraft]` for each faction in each region.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct StrengthIndex {
    pub by_region: Vec<Vec<[f64; 6]>>,
    /// Past indices for lagged perception, newest last (kept only as long as needed).
    pub past: Vec<Vec<Vec<[f64; 6]>>>,
}

impl StrengthIndex {
    /// Total of a faction (with its bloc allies when `bloc` is set) in a scope.
    pub fn total(
        &self,
        cat: &Catalog,
        faction: FactionIx,
        scope: &Scope,
        m: Measure,
        lag: u32,
    ) -> f64 {
        let table = if lag == 0 || self.past.is_empty() {
            &self.by_region
        } else {
            let i = self.past.len().saturating_sub(lag as usize);
            &self.past[i]
        };
        let members: Vec<FactionIx> = FactionIx::all(cat.bloc.len())
            .filter(|&f| f == faction || cat.bloc[f] == faction)
            .collect();
        let k = slot(m);
        let region_sum = |r: RegionIx| members.iter().map(|&f| table[f][r][k]).sum::<f64>();
        let regions = RegionIx::all(cat.edges.len());
        match scope {
            Scope::Everywhere => regions.map(region_sum).sum(),
            Scope::Region(id) => cat.region(id).map_or(0.0, region_sum),
            Scope::Theatre(t) => regions
                .filter(|&r| cat.theatre_of(r) == t)
                .map(region_sum)
                .sum(),
        }
    }
}

/// Longest perception lag any estimate uses.
pub fn max_lag(cat: &Catalog) -> usize {
    cat.scenario
        .params
        .intelligence
        .estimates
        .iter()
        .map(|e| e.lag_days as usize)
        .max()
        .unwrap_or(0)
}

/// Recomputes today's totals, keeping yesterday's for lagged perception.
/// When no formation moved, fought, came or went since the last day, today's
/// totals are yesterday's, copied rather than summed again.
pub fn update_strength(
    cat: Res<Catalog>,
    mut index: ResMut<StrengthIndex>,
    q: Query<(&FormationSeq, &FormationInfo, &Location, &Strength)>,
    changed: Query<(), Or<(Changed<Location>, Changed<Strength>)>>,
    mut removed: RemovedComponents<Location>,
) {
    let lag = max_lag(&cat);
    let regions = cat.edges.len();
    let unchanged = changed.is_empty()
        && removed.read().count() == 0
        && index.by_region.len() == cat.bloc.len();
    if unchanged && lag == 0 {
        return;
    }
    // The table that drops out of the lag window this day is reused, not reallocated.
    let mut table = if lag > 0 && index.past.len() >= lag {
        index.past.remove(0)
    } else {
        Vec::new()
    };
    if unchanged {
        table.clone_from(&index.by_region);
    } else {
        table.resize_with(cat.bloc.len(), Vec::new);
        for row in &mut table {
            row.clear();
            row.resize(regions, [0.0; 6]);
        }
        // Roster order, not query order: float sums must not depend on archetype layout
        // (a dense pass sorted by sequence costs less than looking each formation up).
        let standing =
            (q.iter()).filter_map(|(&seq, info, loc, s)| Some((seq, (info, loc.region()?, s))));
        for (_, (info, r, s)) in in_roster_order(standing) {
            let row = &mut table[info.faction][r];
            let division = cat.scenario.formation_types[info.kind].division;
            row[0] += s.men;
            row[1] += if division { 1.0 } else { 0.0 };
            row[2] += 1.0;
            row[3] += s.tanks;
            row[4] += s.guns;
            row[5] += s.aircraft;
        }
    }
    if lag > 0 {
        let old = std::mem::replace(&mut index.by_region, table);
        if !old.is_empty() {
            index.past.push(old);
        }
        if index.past.len() > lag {
            let extra = index.past.len() - lag;
            index.past.drain(..extra);
        }
    } else {
        index.by_region = table;
    }
}
