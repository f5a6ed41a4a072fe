//! Decisions: offered to a faction when their window opens; taken by the
//! faction's controller (historical, AI, policy or a player).

use super::catalog::Catalog;
use super::chronicle::{Chronicle, Kind};
use super::events::{in_window, triggered};
use super::ledger::{DecisionTaken, Ledger};
use super::state::*;
use super::{
    conditions::{Ctx, eval},
    effects::apply,
};
use crate::names::name;
use crate::scenario::{Controller, Decision};
use bevy::prelude::*;
use rand::RngExt;

/// A player's answers to the decisions asked after yesterday, taken first
/// thing today, before the day's events: an answer given on a decision's
/// last day still counts, and its effects (a flag an event reads) come in
/// time. A decision asked on its window's last day and left unanswered is
/// history's; one whose window is still open is asked again.
pub fn take_answers(world: &mut World) {
    if world.resource::<PlayerDesk>().waiting.is_empty() {
        return;
    }
    Catalog::with(world, |world, cat| {
        SimRng::with(world, |world, rng| take_asked(world, cat, rng));
    });
}

fn take_asked(world: &mut World, cat: &Catalog, rng: &mut SimRng) {
    let today = world.resource::<Calendar>().today;
    let asked = std::mem::take(&mut world.resource_mut::<PlayerDesk>().waiting);
    for i in asked {
        let Some(d) = cat.scenario.decisions.get(i) else {
            continue;
        };
        if world.resource::<Script>().decisions[i].is_some() {
            continue;
        }
        let answer = world.resource_mut::<PlayerDesk>().answers.remove(&i);
        let closed = d.offered.until.is_some_and(|u| u < today);
        match answer {
            Some(o) if o < d.options.len() => take(world, cat, rng, i, o, Controller::Player),
            _ if closed => take(world, cat, rng, i, historical(d), Controller::Player),
            _ => {}
        }
    }
}

pub fn run_decisions(world: &mut World) {
    Catalog::with(world, |world, cat| {
        SimRng::with(world, |world, rng| {
            let today = world.resource::<Calendar>().today;
            world.resource_mut::<PlayerDesk>().waiting.clear();
            for (i, d) in cat.scenario.decisions.iter().enumerate() {
                if world.resource::<Script>().decisions[i].is_some() {
                    continue;
                }
                let state = EventState::default();
                if !in_window(&d.offered, today, &state) || !triggered(&d.offered, world, cat, rng)
                {
                    continue;
                }
                let Some(f) = cat.faction(&d.faction) else {
                    continue;
                };
                let mut controller = world.resource::<Diplomacy>().factions[f].controller;
                // A fixed answer (`--choose`, a policy file, a replayed game)
                // holds whoever controls the faction's other decisions.
                if world.resource::<PolicyBook>().0.contains_key(&d.id) {
                    controller = Controller::Policy;
                }
                let choice = match controller {
                    Controller::Historical => Some(historical(d)),
                    Controller::Policy => Some(policy(world, d)),
                    Controller::Ai => Some(ai_choice(world, cat, d, rng)),
                    Controller::Player => {
                        let answer = world.resource_mut::<PlayerDesk>().answers.remove(&i);
                        match answer {
                            Some(o) if o < d.options.len() => Some(o),
                            // Asked, even on the window's last day: the answer
                            // (or, without one, history's) is taken tomorrow
                            // by `take_answers`.
                            _ => {
                                world.resource_mut::<PlayerDesk>().waiting.push(i);
                                None
                            }
                        }
                    }
                };
                if let Some(o) = choice {
                    take(world, cat, rng, i, o, controller);
                }
            }
        });
    });
}

fn historical(d: &Decision) -> usize {
    d.options
        .iter()
        .position(|o| o.id == d.historical)
        .unwrap_or(0)
}

fn policy(world: &World, d: &Decision) -> usize {
    world
        .resource::<PolicyBook>()
        .0
        .get(&d.id)
        .and_then(|id| d.options.iter().position(|o| &o.id == id))
        .unwrap_or_else(|| historical(d))
}

/// Weighted draw over options: base weight × the factor of each modifier whose condition holds.
pub fn ai_weights(world: &World, cat: &Catalog, d: &Decision, rng: &mut SimRng) -> Vec<f64> {
    let ctx = Ctx::of(world, cat);
    d.options
        .iter()
        .map(|o| {
            o.modifiers
                .iter()
                .filter(|m| eval(&m.when, &ctx, rng))
                .fold(o.weight, |w, m| w * m.factor)
                .max(0.0)
        })
        .collect()
}

fn ai_choice(world: &World, cat: &Catalog, d: &Decision, rng: &mut SimRng) -> usize {
    let weights = ai_weights(world, cat, d, rng);
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return historical(d);
    }
    let mut x = rng.0.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Applies the chosen option's effects and records the decision.
pub fn take(
    world: &mut World,
    cat: &Catalog,
    rng: &mut SimRng,
    i: usize,
    o: usize,
    controller: Controller,
) {
    let today = world.resource::<Calendar>().today;
    let d = &cat.scenario.decisions[i];
    world.resource_mut::<Script>().decisions[i] = Some((today, o));
    let opt = &d.options[o];
    world
        .resource_mut::<Ledger>()
        .decisions
        .push(DecisionTaken {
            decision: d.id.clone(),
            option: opt.id.clone(),
            faction: d.faction.clone(),
            date: today,
            controller: name(&controller),
        });
    let text = format!("{}: {}", d.name, opt.name);
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::Decision, text)
        .faction(&d.faction);
    for fx in &opt.effects {
        apply(world, cat, rng, fx);
    }
}
