//! Effects: what a scenario's events and decisions do to the world.

use super::catalog::{Catalog, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::command::scripted_move;
use super::conditions::{select, select_where};
use super::control::ScriptedGround;
use super::ledger::Ledger;
use super::rail;
use super::roster::{self, Roster};
use super::state::*;
use super::treaties::treaty_action;
use super::war::{declare_war, make_peace, surrender};
use crate::scenario::{Effect, Selector};
use bevy::prelude::*;
use rand::RngExt;

/// Applies one effect to the world; `rng` is the day's stream (the world's own
/// copy is stale while events and decisions run, see [`SimRng::with`]).
pub fn apply(world: &mut World, cat: &Catalog, rng: &mut SimRng, fx: &Effect) {
    let today = world.resource::<Calendar>().today;
    match fx {
        Effect::SetFlag(f) => {
            world.resource_mut::<Script>().flags.insert(f.clone());
        }
        Effect::ClearFlag(f) => {
            world.resource_mut::<Script>().flags.remove(f);
        }
        Effect::SetVar(n, v) => {
            world.resource_mut::<Script>().vars.insert(n.clone(), *v);
        }
        Effect::AddVar(n, v) => {
            *world
                .resource_mut::<Script>()
                .vars
                .entry(n.clone())
                .or_insert(0.0) += v;
        }
        Effect::Spawn(f) => {
            // An uncertain strength is drawn when the formation appears, as a
            // starting formation's is at the start (drawn only where a spread is given).
            let factor = f
                .spread
                .map_or(1.0, |(lo, hi)| lo + (hi - lo) * rng.0.random::<f64>());
            if roster::spawn_formation(world, cat, f, factor).is_some() {
                mark_scripted(world, cat.region(&f.location));
                world
                    .resource_mut::<Chronicle>()
                    .add(
                        today,
                        Kind::Event,
                        format!("{} appears at {}", f.name, region_name(cat, &f.location)),
                    )
                    .faction(&f.faction)
                    .region(&f.location);
            }
        }
        Effect::Remove(id) => {
            roster::despawn_formation(world, id);
        }
        Effect::Teleport { formation, to } => {
            if let (Some(e), Some(r)) = (world.resource::<Roster>().get(formation), cat.region(to))
            {
                let before = world.get::<Location>(e).cloned();
                world.entity_mut(e).insert(Location::At(r));
                scripted_move(world, e, before);
                mark_scripted(world, Some(r));
            }
        }
        Effect::RailTransfer { formation, to } => {
            if let (Some(e), Some(r)) = (world.resource::<Roster>().get(formation), cat.region(to))
            {
                let before = world.get::<Location>(e).cloned();
                rail::order(world, cat, e, r);
                scripted_move(world, e, before);
            }
        }
        Effect::RailTransferMany { select: sel, to } => {
            if let Some(r) = cat.region(to) {
                // `count` counts formations that can go: one cut off from the
                // railway does not take the place of one that can.
                let all = Selector {
                    count: None,
                    ..sel.clone()
                };
                let limit = sel.count.map_or(usize::MAX, |c| c as usize);
                let going: Vec<Entity> = (select(world, cat, &all).into_iter())
                    .map(|(e, _)| e)
                    .filter(|&e| rail::can_entrain(world, cat, e, r))
                    .take(limit)
                    .collect();
                for e in going {
                    let before = world.get::<Location>(e).cloned();
                    rail::order(world, cat, e, r);
                    scripted_move(world, e, before);
                }
            }
        }
        Effect::RailCapacity { line, trains } => {
            let mut set = world.resource_mut::<RailCapacity>();
            for pair in line.windows(2) {
                if let (Some(a), Some(b)) = (cat.region(&pair[0]), cat.region(&pair[1])) {
                    for l in cat.rail_links(a, b) {
                        set.0.insert(l, *trains);
                    }
                }
            }
        }
        Effect::Treaty { treaty, action, by } => {
            if let Some(&t) = cat.treaty_ix.get(treaty) {
                treaty_action(world, cat, t, *action, by.as_deref());
            }
        }
        Effect::DeclareWar(a, b) => {
            if let (Some(a), Some(b)) = (cat.faction(a), cat.faction(b)) {
                declare_war(world, cat, a, b);
            }
        }
        Effect::Peace(a, b) => {
            if let (Some(a), Some(b)) = (cat.faction(a), cat.faction(b)) {
                make_peace(world, cat, a, b);
            }
        }
        Effect::SetPlan {
            faction,
            stance,
            objectives,
        } => {
            if let Some(f) = cat.faction(faction) {
                let objs = objectives.iter().filter_map(|o| cat.region(o)).collect();
                let mut d = world.resource_mut::<Diplomacy>();
                d.factions[f].stance = *stance;
                d.factions[f].objectives = objs;
            }
        }
        Effect::SetPosture {
            select: sel,
            posture,
        } => {
            for (e, _) in select(world, cat, sel) {
                world.entity_mut(e).insert(FormationPosture(*posture));
            }
        }
        Effect::SetAxis {
            select: sel,
            objectives,
        } => {
            let axis = AdvanceAxis(objectives.iter().filter_map(|r| cat.region(r)).collect());
            for (e, _) in select(world, cat, sel) {
                world.entity_mut(e).insert(axis.clone());
            }
        }
        Effect::Surrender(sel) => surrender(world, cat, sel, true),
        Effect::Disperse(sel) => surrender(world, cat, sel, false),
        Effect::Resupply {
            select: sel,
            amount,
        } => {
            // Transport aircraft find columns on the road as well as halted ones.
            for (e, _) in select_where(world, cat, sel, true) {
                if let Some(mut s) = world.get_mut::<Supply>(e) {
                    s.0 = (s.0 + amount).clamp(0.0, 1.0);
                }
            }
        }
        Effect::Outcome(name) => record_outcome(world, name),
        Effect::Chronicle(text) => {
            world
                .resource_mut::<Chronicle>()
                .add(today, Kind::Event, text.clone());
        }
    }
}

/// An outcome's id in words, for the player (`germany_surrenders` → `Germany surrenders`).
pub fn outcome_words(id: &str) -> String {
    crate::names::capitalised(&crate::names::id_words(id))
}

/// Records a named outcome once, with today's date.
pub fn record_outcome(world: &mut World, name: &str) {
    let today = world.resource::<Calendar>().today;
    let mut ledger = world.resource_mut::<Ledger>();
    if ledger.outcome(name).is_none() {
        ledger.outcomes.push((name.to_string(), today));
        world.resource_mut::<Chronicle>().add(
            today,
            Kind::Outcome,
            format!("Outcome: {}", outcome_words(name)),
        );
        world
            .resource_mut::<Script>()
            .flags
            .insert(name.to_string());
    }
}

fn region_name<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.region(id).map_or(id, |r| &cat.scenario.regions[r].name)
}

/// Notes that the script changed who stands in a region today (see [`ScriptedGround`]).
pub(super) fn mark_scripted(world: &mut World, r: Option<RegionIx>) {
    if let Some(r) = r {
        world.resource_mut::<ScriptedGround>().0.insert(r);
    }
}
