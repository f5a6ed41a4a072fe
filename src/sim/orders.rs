//! Orders for formations nobody commands directly: attacking formations of a
//! faction with an offensive plan march on the nearest objective it holds
//! an enemy in; everything else holds its ground. Formations given an order
//! of their own (command.rs) follow that instead, and those of a faction whose
//! controller is `ai` follow its operational AI (operations.rs).

use super::catalog::{Catalog, Edge, FactionIx, RegionIx};
use super::command::FormationOrder;
use super::occupancy::Occupancy;
use super::paths::Paths;
use super::state::*;
use crate::scenario::{Controller, Posture, Stance};
use bevy::prelude::*;
use std::collections::BTreeMap;

/// For each region, the next step towards the nearest target (None where unreachable).
type Hops = Vec<Option<(RegionIx, Edge)>>;

/// The [`Hops`] of bloc `bloc` towards `targets`.
fn next_hops(
    cat: &Catalog,
    diplo: &Diplomacy,
    control: &Control,
    bloc: FactionIx,
    targets: &[RegionIx],
) -> Hops {
    // Settled once per region rather than once per edge into it.
    let at_war = at_war_with(diplo, bloc);
    let passable: Vec<bool> = RegionIx::all(cat.edges.len())
        .map(|r| {
            let owner = control.owner_bloc(cat, r);
            owner == bloc || at_war(owner)
        })
        .collect();
    // Search backwards from the targets: edges are symmetric.
    // The factors from the catalog's tables: the same values as looking
    // them up in the movement parameters, without the search.
    let step = |r: RegionIx, e: &Edge| {
        let speed = cat.link_factor[e.link] * cat.terrain_factor[r];
        passable[e.to].then(|| e.km / speed.max(0.05))
    };
    Paths::search(&cat.edges, targets.iter().copied(), None, step).via
}

/// Whether a faction is at war with `bloc`, the wars looked up once per
/// faction rather than once per region asked about.
fn at_war_with(diplo: &Diplomacy, bloc: FactionIx) -> impl Fn(FactionIx) -> bool + '_ {
    let known: Vec<bool> = FactionIx::all(diplo.factions.len())
        .map(|f| diplo.at_war(f, bloc))
        .collect();
    move |f| {
        known
            .get(f.ix())
            .copied()
            .unwrap_or_else(|| diplo.at_war(f, bloc))
    }
}

/// Regions an offensive bloc aims at today: its objectives still in enemy hands, else any enemy region.
fn targets(
    cat: &Catalog,
    diplo: &Diplomacy,
    control: &Control,
    bloc: FactionIx,
    objectives: &[RegionIx],
) -> Vec<RegionIx> {
    let at_war = at_war_with(diplo, bloc);
    let enemy = |r: RegionIx| at_war(control.owner_bloc(cat, r));
    let open: Vec<RegionIx> = objectives.iter().copied().filter(|&r| enemy(r)).collect();
    if !open.is_empty() {
        return open;
    }
    RegionIx::all(cat.edges.len())
        .filter(|&r| enemy(r))
        .collect()
}

pub fn run_orders(
    cat: Res<Catalog>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    occ: Res<Occupancy>,
    mut q: Query<(
        &FormationPosture,
        &Supply,
        &AdvanceAxis,
        &FormationOrder,
        &mut Location,
    )>,
) {
    let halt = cat.scenario.params.supply.halt_below;
    for (leader, plan) in FactionIx::all(diplo.factions.len()).zip(&diplo.factions) {
        if plan.stance != Stance::Offensive || cat.bloc_of(leader) != leader {
            continue;
        }
        if !diplo.wars.iter().any(|&(a, b)| a == leader || b == leader) {
            continue;
        }
        let enemy = |r: RegionIx| diplo.at_war(control.owner_bloc(&cat, r), leader);
        let goals = targets(&cat, &diplo, &control, leader, &plan.objectives);
        // Routes are searched once a day per aim, then shared by every formation
        // heading there: the plan's (most formations) and each axis target's.
        let hops_to = |aim: &[RegionIx]| next_hops(&cat, &diplo, &control, leader, aim);
        let mut plan_hops: Option<Hops> = None;
        let mut axis_hops: BTreeMap<RegionIx, Hops> = BTreeMap::new();
        for (r, here) in RegionIx::all(occ.0.len()).zip(&occ.0) {
            // Formations in ground still held by the enemy fight there first.
            if control.owner_bloc(&cat, r) != leader || here.is_empty() {
                continue;
            }
            for o in here {
                // An `ai` faction's formations follow its operational AI (operations.rs).
                if o.bloc != leader || diplo.factions[o.faction].controller == Controller::Ai {
                    continue;
                }
                let Ok((posture, supply, axis, order, mut loc)) = q.get_mut(o.entity) else {
                    continue;
                };
                // A formation with an order of its own follows it (command.rs).
                if order.0.is_some() || posture.0 != Posture::Attack || supply.0 < halt {
                    continue;
                }
                // Its own axis first (the next region on it still in enemy hands), else the plan.
                let hops = match axis.0.iter().find(|&&x| enemy(x)) {
                    Some(&x) => axis_hops.entry(x).or_insert_with(|| hops_to(&[x])),
                    None if goals.is_empty() => continue,
                    None => plan_hops.get_or_insert_with(|| hops_to(&goals)),
                };
                let Some((to, step)) = hops[r] else {
                    continue;
                };
                *loc = Location::march(r, to, step.link, step.km);
            }
        }
    }
}
