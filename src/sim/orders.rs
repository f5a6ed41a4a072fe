//! Orders for formations nobody commands directly: attacking formations of a
//! faction with an offensive plan march on the nearest objective it holds
//! an enemy in; everything else holds its ground.

use super::catalog::{Catalog, FactionIx, OrdF64, RegionIx};
use super::occupancy::Occupancy;
use super::occupancy::OccupancyRebuilt;
use super::state::*;
use super::terrain;
use super::{DaySystems, SimDay};
use crate::scenario::{Posture, Stance};
use bevy::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// For each region, the next step towards the nearest target (None where unreachable).
fn next_hops(
    cat: &Catalog,
    diplo: &Diplomacy,
    control: &Control,
    bloc: FactionIx,
    targets: &[RegionIx],
) -> Vec<Option<(RegionIx, u16, f64)>> {
    let n = cat.edges.len();
    let p = &cat.scenario.params.movement;
    let passable = |r: RegionIx| {
        let owner = control.owner_bloc(cat, r);
        owner == bloc || diplo.at_war(owner, bloc)
    };
    let mut dist = vec![f64::INFINITY; n];
    let mut hop = vec![None; n];
    let mut heap = BinaryHeap::new();
    for &t in targets {
        dist[t as usize] = 0.0;
        heap.push(Reverse((OrdF64(0.0), t)));
    }
    // Search backwards from the targets: edges are symmetric.
    while let Some(Reverse((OrdF64(d), r))) = heap.pop() {
        if d > dist[r as usize] {
            continue;
        }
        for e in &cat.edges[r as usize] {
            if !passable(e.to) {
                continue;
            }
            let speed = terrain::link(&p.links, e.kind)
                * terrain::terrain(&p.terrain, cat.scenario.regions[r as usize].terrain);
            let nd = d + e.km / speed.max(0.05);
            if nd < dist[e.to as usize] {
                dist[e.to as usize] = nd;
                hop[e.to as usize] = Some((r, e.link, e.km));
                heap.push(Reverse((OrdF64(nd), e.to)));
            }
        }
    }
    hop
}

/// Regions an offensive bloc aims at today: its objectives still in enemy hands, else any enemy region.
fn targets(
    cat: &Catalog,
    diplo: &Diplomacy,
    control: &Control,
    bloc: FactionIx,
    objectives: &[RegionIx],
) -> Vec<RegionIx> {
    let enemy = |r: RegionIx| diplo.at_war(control.owner_bloc(cat, r), bloc);
    let open: Vec<RegionIx> = objectives.iter().copied().filter(|&r| enemy(r)).collect();
    if !open.is_empty() {
        return open;
    }
    (0..cat.edges.len() as RegionIx)
        .filter(|&r| enemy(r))
        .collect()
}

pub fn run_orders(
    cat: Res<Catalog>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    occ: Res<Occupancy>,
    mut q: Query<(&FormationPosture, &Supply, &AdvanceAxis, &mut Location)>,
) {
    let halt = cat.scenario.params.supply.halt_below;
    for (leader, plan) in diplo.factions.iter().enumerate() {
        let leader = leader as FactionIx;
        if plan.stance != Stance::Offensive || cat.bloc_of(leader) != leader {
            continue;
        }
        if !diplo.wars.iter().any(|&(a, b)| a == leader || b == leader) {
            continue;
        }
        let enemy = |r: RegionIx| diplo.at_war(control.owner_bloc(&cat, r), leader);
        let goals = targets(&cat, &diplo, &control, leader, &plan.objectives);
        // Routes are searched once per target set and day, then shared by every formation heading there.
        let mut routes: BTreeMap<Vec<RegionIx>, Vec<Option<(RegionIx, u16, f64)>>> =
            BTreeMap::new();
        for (r, here) in occ.0.iter().enumerate() {
            // Formations in ground still held by the enemy fight there first.
            if control.owner_bloc(&cat, r) != leader || here.is_empty() {
                continue;
            }
            for o in here {
                if o.bloc != leader {
                    continue;
                }
                let Ok((posture, supply, axis, mut loc)) = q.get_mut(o.entity) else {
                    continue;
                };
                if posture.0 != Posture::Attack || supply.0 < halt {
                    continue;
                }
                // Its own axis first (the next region on it still in enemy hands), else the plan.
                let aim = match axis.0.iter().find(|&&x| enemy(x)) {
                    Some(&x) => vec![x],
                    None if goals.is_empty() => continue,
                    None => goals.clone(),
                };
                let hops = routes
                    .entry(aim)
                    .or_insert_with_key(|aim| next_hops(&cat, &diplo, &control, leader, aim));
                let Some((to, link, km)) = hops[r] else {
                    continue;
                };
                *loc = Location::March {
                    from: r as RegionIx,
                    to,
                    link,
                    done_km: 0.0,
                    total_km: km,
                };
            }
        }
    }
}

/// Adds this module's systems to the day.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        SimDay,
        run_orders
            .in_set(DaySystems::Orders)
            .after(OccupancyRebuilt::BeforeOrders),
    );
}
