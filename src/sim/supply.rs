//! Supply: a bloc's depots feed its regions along its own rail for free and
//! along roads, tracks and captured rail for a limited reach, measured to
//! where a formation stands (part way along a link when marching). Formations
//! beyond reach use up supply; within reach they recover when they halt.
//! Motorised formations (those with a fuel rate, `Catalog::fuel_rate`) beyond reach live on the
//! fuel they carry: only marching burns it (in movement), so halted they keep it.

use super::catalog::{Catalog, Edge, FactionIx, RegionIx};
use super::paths::Paths;
use super::state::*;
use crate::scenario::LinkKind;
use bevy::prelude::*;

/// Distance from the nearest depot of `bloc` to every region, through its own ground
/// (the last step may enter enemy ground, as an attack does).
pub fn depot_distance(cat: &Catalog, control: &Control, bloc: FactionIx) -> Vec<f64> {
    let p = &cat.scenario.params.supply;
    // Settled once per region rather than once per edge out of or into it.
    let own: Vec<bool> = RegionIx::all(cat.edges.len())
        .map(|r| control.owner_bloc(cat, r) == bloc)
        .collect();
    let native: Vec<bool> = cat.native_bloc.iter().map(|&b| b == bloc).collect();
    let depots =
        RegionIx::all(cat.edges.len()).filter(|&r| cat.scenario.regions[r].depot && own[r]);
    // Supply runs on from the bloc's own regions only.
    let step = |r: RegionIx, e: &Edge| {
        own[r].then(|| e.km * cost_per_km(p.captured_rail, e.kind, native[r] && native[e.to]))
    };
    Paths::distances(&cat.edges, depots, step)
}

/// Supply cost of a km of link: free on one's own rail, a fraction on captured rail, full on the road.
fn cost_per_km(captured_rail: f64, kind: LinkKind, own_rail: bool) -> f64 {
    match kind {
        LinkKind::Rail if own_rail => 0.0,
        LinkKind::Rail => captured_rail,
        _ => 1.0,
    }
}

/// Supply distance from the nearest depot to where a formation stands: its
/// region, or its point on the link it marches along (from either end).
/// None for formations on trains, which carry their own supply.
pub fn depot_km(cat: &Catalog, dist: &[f64], bloc: FactionIx, loc: &Location) -> Option<f64> {
    match loc {
        Location::At(r) => Some(dist[*r]),
        Location::March(m) => {
            let l = &cat.scenario.links[m.link];
            let native = |x: RegionIx| cat.native_bloc[x] == bloc;
            let per_km = cost_per_km(
                cat.scenario.params.supply.captured_rail,
                l.kind,
                native(m.from) && native(m.to),
            );
            let done = m.done_km.clamp(0.0, m.total_km);
            Some((dist[m.from] + done * per_km).min(dist[m.to] + (m.total_km - done) * per_km))
        }
        Location::Rail(_) => None,
    }
}

/// Each bloc's [`depot_distance`] for the map of control it was searched on:
/// searched again only when ground has changed hands, which most days it has not.
#[derive(Default)]
pub struct DepotDistances {
    control: Vec<FactionIx>,
    by_bloc: Vec<Option<Vec<f64>>>,
}

impl DepotDistances {
    /// Forgets the distances if ground changed hands since they were searched.
    pub fn refresh(&mut self, cat: &Catalog, control: &Control) {
        if self.control != control.0 || self.by_bloc.len() != cat.bloc.len() {
            self.control.clone_from(&control.0);
            self.by_bloc = vec![None; cat.bloc.len()];
        }
    }

    /// A bloc's distances (after [`Self::refresh`] for today's control).
    pub fn of(&mut self, cat: &Catalog, control: &Control, bloc: FactionIx) -> &[f64] {
        self.by_bloc[bloc].get_or_insert_with(|| depot_distance(cat, control, bloc))
    }
}

pub fn run_supply(
    cat: Res<Catalog>,
    control: Res<Control>,
    mut cache: Local<DepotDistances>,
    mut q: Query<(&FormationInfo, &Location, &mut Supply)>,
) {
    let p = &cat.scenario.params.supply;
    cache.refresh(&cat, &control);
    // Each formation on its own (query order serves as well as the roster's),
    // in one pass, written only where the value moves, so an unchanged
    // formation stays unchanged for the daily checksum.
    // Internal iteration (`for_each`): the query's tight loop over its rows.
    q.iter_mut().for_each(|(info, loc, mut supply)| {
        let bloc = cat.bloc_of(info.faction);
        let dist = cache.of(&cat, &control, bloc);
        // Trains carry their own supply.
        let Some(km) = depot_km(&cat, dist, bloc, loc) else {
            return;
        };
        let moving = matches!(loc, Location::March { .. });
        let supplied = km <= p.reach_km;
        // A motorised formation's supply beyond reach is the fuel it carries,
        // burnt by marching (see the movement system), not by standing still.
        let motorised = cat.fuel_rate[info.kind] > 0.0;
        let change = match (supplied, moving) {
            (true, false) => p.recover,
            // Columns bring fuel up to a motorised formation on the march as
            // far as they reach, at the pace they can; marching troops on foot
            // or horse just hold their own.
            (true, true) if motorised => p.recover,
            (true, true) => 0.0,
            (false, _) if motorised => 0.0,
            (false, _) => -p.drain,
        };
        let new = (supply.0 + change).clamp(0.0, 1.0);
        if new != supply.0 {
            supply.0 = new;
        }
    });
}
