//! Scripted events: each day, in file order, every eligible event whose
//! condition holds (and whose chance comes up) fires its effects.

use super::catalog::Catalog;
use super::chronicle::{Chronicle, Kind};
use super::ground::blocked;
use super::ledger::Ledger;
use super::state::*;
use super::{
    conditions::{Ctx, eval},
    effects::apply,
};
use crate::date::Date;
use crate::scenario::{Effect, Trigger};
use bevy::prelude::*;
use rand::RngExt;

/// Whether a trigger's date window and cooldown allow it today (condition not tested).
pub fn in_window(t: &Trigger, today: Date, state: &EventState) -> bool {
    if t.from.is_some_and(|d| today < d) || t.until.is_some_and(|d| today > d) {
        return false;
    }
    match state.last {
        None => true,
        Some(_) if !t.repeat => false,
        Some(last) => today.days_since(last) >= t.cooldown_days.max(1) as i32,
    }
}

/// Tests a trigger's condition and chance, drawing from the RNG only when chance < 1.
pub fn triggered(t: &Trigger, world: &World, cat: &Catalog, rng: &mut SimRng) -> bool {
    let ctx = Ctx::of(world, cat);
    if !eval(&t.when, &ctx, rng) {
        return false;
    }
    t.chance >= 1.0 || rng.0.random::<f64>() < t.chance
}

pub fn run_events(world: &mut World) {
    Catalog::with(world, |world, cat| {
        SimRng::with(world, |world, rng| {
            let today = world.resource::<Calendar>().today;
            // Only an event's own firing moves its window: the open ones are
            // known before any fires (one look-up of the script, not one an event).
            let open: Vec<usize> = {
                let states = &world.resource::<Script>().events;
                let events = cat.scenario.events.iter().zip(states).enumerate();
                events
                    .filter(|(_, (ev, state))| in_window(&ev.trigger, today, state))
                    .map(|(i, _)| i)
                    .collect()
            };
            for i in open {
                let ev = &cat.scenario.events[i];
                if !triggered(&ev.trigger, world, cat, rng) {
                    continue;
                }
                // What the event depicts must be possible where the world stands:
                // it waits (within its window) and, on its last day, says why not.
                if let Some(why) = blocked(world, cat, &ev.effects) {
                    if ev.trigger.until == Some(today) {
                        let name = if ev.name.is_empty() { &ev.id } else { &ev.name };
                        world.resource_mut::<Chronicle>().add(
                            today,
                            Kind::Event,
                            format!("{name} does not happen: {why}"),
                        );
                    }
                    continue;
                }
                {
                    let mut script = world.resource_mut::<Script>();
                    script.events[i].fired += 1;
                    script.events[i].last = Some(today);
                }
                world
                    .resource_mut::<Ledger>()
                    .events
                    .push((ev.id.clone(), today));
                // An event without its own chronicle line still shows its name.
                let has_line = ev
                    .effects
                    .iter()
                    .any(|fx| matches!(fx, Effect::Chronicle(_)));
                if !has_line && !ev.name.is_empty() {
                    world
                        .resource_mut::<Chronicle>()
                        .add(today, Kind::Event, ev.name.clone());
                }
                for fx in &ev.effects {
                    apply(world, cat, rng, fx);
                }
            }
        });
    });
}
