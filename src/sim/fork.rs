//! A saved moment continued as a run of its own: the state as it stands, a
//! random stream of the run's seed, and, if asked, other deciders. Forks of one
//! save with different seeds are the futures of that moment; any one of them is
//! reproduced by its seed (`pact run --load SAVE --seed S`).

use super::build::Setup;
use super::catalog::Catalog;
use super::runner::Simulation;
use super::state::{Diplomacy, PolicyBook, Script, SimRng};
use crate::date::Date;
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// SplitMix64's finaliser: a bijective mix, so distinct inputs give distinct seeds.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The random stream of seed `seed` continued from `today`: the date mixed in
/// so that forks of saves made on other days do not replay the same draws.
pub fn fork_rng(seed: u64, today: Date) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(splitmix64(splitmix64(seed) ^ today.0 as u64))
}

impl Simulation {
    /// Makes this (restored) simulation a new run set up by `setup`: its random
    /// stream is re-derived from `setup.seed` at today's date, `setup.controllers`
    /// replace the saved deciders, and `setup.choices` fix decisions that are
    /// still open. A decision already taken cannot be chosen again: the error
    /// names it, the day and the option taken.
    pub fn fork(&mut self, setup: &Setup) -> Result<(), String> {
        let today = self.today();
        let world = self.world_mut();
        let cat = world.resource::<Catalog>();
        let scenario = cat.scenario.clone();
        let script = world.resource::<Script>();
        for d in setup.choices.keys() {
            let Some(&i) = cat.decision_ix.get(d) else {
                return Err(format!("the scenario has no decision `{d}`"));
            };
            if let Some((day, option)) = script.decisions[i] {
                let taken = scenario.decisions[i]
                    .options
                    .get(option)
                    .map_or("?", |o| o.id.as_str());
                return Err(format!(
                    "decision `{d}` was taken on {day} (`{taken}`): from a save of {today} only decisions still open can be chosen"
                ));
            }
        }
        let controllers: Vec<_> = setup
            .controllers_for(&scenario)
            .into_iter()
            .filter_map(|(f, c)| cat.faction(&f).map(|ix| (ix, c)))
            .collect();
        let mut diplomacy = world.resource_mut::<Diplomacy>();
        for (ix, c) in controllers {
            diplomacy.factions[ix].controller = c;
        }
        world
            .resource_mut::<PolicyBook>()
            .0
            .extend(setup.choices.clone());
        world.insert_resource(SimRng(fork_rng(setup.seed, today)));
        Ok(())
    }
}
