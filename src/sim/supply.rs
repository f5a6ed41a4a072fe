//! Supply: a bloc's depots feed its regions along its own rail for free and
//! along roads, tracks and captured rail for a limited reach. Formations
//! beyond reach, or marching, use up supply; within reach they recover.

use super::catalog::{Catalog, FactionIx, OrdF64};
use super::roster::Roster;
use super::state::*;
use super::{DaySystems, SimDay};
use crate::scenario::LinkKind;
use bevy::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Distance from the nearest depot of `bloc` to every region, through its own ground
/// (the last step may enter enemy ground, as an attack does).
pub fn depot_distance(cat: &Catalog, control: &Control, bloc: FactionIx) -> Vec<f64> {
    let n = cat.edges.len();
    let p = &cat.scenario.params.supply;
    let mut dist = vec![f64::INFINITY; n];
    let mut heap = BinaryHeap::new();
    let own = |r: usize| cat.bloc[control.0[r] as usize] == bloc;
    for (r, region) in cat.scenario.regions.iter().enumerate() {
        if region.depot && own(r) {
            dist[r] = 0.0;
            heap.push(Reverse((OrdF64(0.0), r)));
        }
    }
    while let Some(Reverse((OrdF64(d), r))) = heap.pop() {
        if d > dist[r] || !own(r) {
            continue;
        }
        for e in &cat.edges[r] {
            let to = e.to as usize;
            let native = |x: usize| {
                cat.faction(&cat.scenario.regions[x].owner)
                    .map(|f| cat.bloc[f as usize])
                    == Some(bloc)
            };
            let cost = match e.kind {
                LinkKind::Rail if native(r) && native(to) => 0.0,
                LinkKind::Rail => e.km * p.captured_rail,
                _ => e.km,
            };
            if d + cost < dist[to] {
                dist[to] = d + cost;
                heap.push(Reverse((OrdF64(d + cost), to)));
            }
        }
    }
    dist
}

pub fn run_supply(
    cat: Res<Catalog>,
    control: Res<Control>,
    roster: Res<Roster>,
    mut q: Query<(&FormationInfo, &Location, &mut Supply)>,
) {
    let p = &cat.scenario.params.supply;
    let mut cache: Vec<Option<Vec<f64>>> = vec![None; cat.bloc.len()];
    for e in roster.entities() {
        let Ok((info, loc, mut supply)) = q.get_mut(e) else {
            continue;
        };
        let bloc = cat.bloc[info.faction as usize];
        let dist = cache[bloc as usize].get_or_insert_with(|| depot_distance(&cat, &control, bloc));
        let (region, moving) = match loc {
            Location::At(r) => (*r, false),
            Location::March { from, .. } => (*from, true),
            // Trains carry their own supply.
            Location::Rail(_) => continue,
        };
        let supplied = dist[region as usize] <= p.reach_km;
        let change = match (supplied, moving) {
            (true, false) => p.recover,
            (true, true) => 0.0,
            (false, _) => -p.drain,
        };
        supply.0 = (supply.0 + change).clamp(0.0, 1.0);
    }
}

/// Adds this module's systems to the day.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(SimDay, run_supply.in_set(DaySystems::Supply));
}
