//! Where a scripted event may put a formation: on ground its side holds, or,
//! as an air or sea landing, on ground within reach of it. An event that would
//! place a formation anywhere else cannot happen in the world as it stands
//! (an offensive in the Kantokuen what-if does not start from ground Japan took).

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::roster::Roster;
use super::state::{Control, FormationInfo};
use super::war::faction_name;
use crate::scenario::Effect;
use bevy::prelude::*;

/// Links beyond held ground a landing may reach. A modelling choice, not a
/// sourced figure: two links is the least that lets the historical run's air
/// landings of August 1945 (Harbin, Changchun, Mukden, Port Arthur, Dalian,
/// Pyongyang) happen where W-MAN has them.
pub const LANDING_LINKS: usize = 2;

/// Why bloc `bloc` cannot put a formation at `r` today; `None` if it can.
pub fn refused(cat: &Catalog, control: &Control, bloc: FactionIx, r: RegionIx) -> Option<String> {
    let held = |x: RegionIx| control.owner_bloc(cat, x) == bloc;
    let mut frontier = vec![r];
    let mut seen = vec![r];
    for _ in 0..=LANDING_LINKS {
        if frontier.iter().any(|&x| held(x)) {
            return None;
        }
        frontier = frontier
            .iter()
            .flat_map(|&x| cat.edges[x].iter().map(|e| e.to))
            .filter(|x| !seen.contains(x))
            .collect();
        seen.extend(&frontier);
    }
    Some(format!(
        "{} is held by {}, and no ground of {} is within {LANDING_LINKS} links of it",
        cat.scenario.regions[r].name,
        faction_name(cat, control.0[r]),
        faction_name(cat, bloc),
    ))
}

/// Why an event's effects cannot be carried out today (the first spawn or
/// teleport to a place its side cannot reach); `None` if they can.
pub fn blocked(world: &World, cat: &Catalog, effects: &[Effect]) -> Option<String> {
    let control = world.resource::<Control>();
    effects.iter().find_map(|fx| {
        let (faction, to) = match fx {
            Effect::Spawn(f) => (cat.faction(&f.faction)?, &f.location),
            Effect::Teleport { formation, to } => {
                let e = world.resource::<Roster>().get(formation)?;
                (world.get::<FormationInfo>(e)?.faction, to)
            }
            _ => return None,
        };
        refused(cat, control, cat.bloc_of(faction), cat.region(to)?)
    })
}
