//! The whole simulation state at a date, as plain data: what a save file
//! holds and what a replay verifies. Writing it to disk is a front end's job.

use super::catalog::Catalog;
use super::checksum::{Checksums, Fnv, HashCache};
use super::chronicle::Chronicle;
use super::combat::Battles;
use super::ledger::Ledger;
use super::roster::{self, FormationRecord, Roster};
use super::state::*;
use super::state_check::check_state;
use super::strength::StrengthIndex;
use super::{Setup, Simulation};
use crate::scenario::{Controller, Scenario};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Version of the save and replay formats; files of any other version are refused.
/// 3: a battle keeps its day and each side's share lost (breakpoints, intensity).
/// 4: the formations' hash is a sum of per-formation hashes (so the daily
/// checksum rehashes only what changed): version 3's saved hashes no longer match.
/// 5: rail capacities changed by effects (`rail_capacity`) are part of the state.
/// 6: a train in transit keeps its order and departure dates only in its ledger
/// transfer (`RailTrip::record`), not in a copy of its own; a march is a
/// [`Leg`](super::state::Leg) (`March((from: …))`).
pub const SAVE_FORMAT: u32 = 6;

/// A piece of the simulation state: how it is read from a world, written back, and hashed.
pub trait Part: Serialize + Sized {
    fn capture(world: &World) -> Self;
    fn restore(self, world: &mut World);
    /// Feeds the part as it stands in `world` to the hash (by reference where it can).
    fn hash(world: &World, h: &mut Fnv) {
        h.feed(&Self::capture(world));
    }
    /// The part's hash for the daily checksum, reusing the cache's where
    /// nothing changed (by default: always hashed afresh).
    fn hash_daily(world: &World, cache: &mut HashCache, slot: usize) -> u64 {
        cache.part(slot, true, || fresh_hash::<Self>(world))
    }
}

/// A part's hash, computed from the world as it stands.
fn fresh_hash<P: Part>(world: &World) -> u64 {
    let mut h = Fnv::default();
    P::hash(world, &mut h);
    h.finish()
}

/// A resource is a part as it is.
impl<T: Resource + Clone + Serialize> Part for T {
    fn capture(world: &World) -> Self {
        world.resource::<T>().clone()
    }
    fn restore(self, world: &mut World) {
        world.insert_resource(self);
    }
    fn hash(world: &World, h: &mut Fnv) {
        h.feed(world.resource::<T>());
    }
    fn hash_daily(world: &World, cache: &mut HashCache, slot: usize) -> u64 {
        let changed = world
            .get_resource_change_ticks::<T>()
            .is_none_or(|t| cache.since().changed(t.changed));
        cache.part(slot, changed, || fresh_hash::<Self>(world))
    }
}

/// Every formation's components, in roster order.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Formations(pub Vec<FormationRecord>);

impl Part for Formations {
    fn capture(world: &World) -> Self {
        Formations(roster::records(world))
    }
    fn restore(self, world: &mut World) {
        roster::clear(world);
        for rec in self.0 {
            roster::spawn_record(world, rec);
        }
    }
    fn hash(world: &World, h: &mut Fnv) {
        roster::hash_records(world, h, None);
    }
    fn hash_daily(world: &World, cache: &mut HashCache, slot: usize) -> u64 {
        let mut h = Fnv::default();
        roster::hash_records(world, &mut h, Some(&mut *cache));
        cache.part(slot, true, || h.finish())
    }
}

/// The roster's next sequence number (removed formations may have held higher ones).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct NextSeq(pub u32);

impl Part for NextSeq {
    fn capture(world: &World) -> Self {
        NextSeq(world.resource::<Roster>().next_seq())
    }
    fn restore(self, world: &mut World) {
        world.resource_mut::<Roster>().set_next_seq(self.0);
    }
}

/// Declares the simulation state once: the [`SimState`] struct (what a save holds),
/// its capture and restore (in this order), and the named parts of the daily checksum.
/// A part marked `[unhashed "why"]` is left out of the daily checksum (but not of a save's).
macro_rules! sim_state {
    (@hashed) => { true };
    (@hashed $why:literal) => { false };
    ($($(#[doc = $doc:literal])* $field:ident : $ty:ty $([unhashed $why:literal])?,)*) => {
        /// Everything that changes during a run (the scenario itself is referenced, not copied).
        #[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
        pub struct SimState {
            $($(#[doc = $doc])* pub $field: $ty,)*
        }

        impl SimState {
            pub fn capture(world: &World) -> SimState {
                SimState { $($field: <$ty as Part>::capture(world),)* }
            }

            /// Replaces a world's state with this one (the world must be built from the same scenario).
            pub fn restore(self, world: &mut World) {
                $(self.$field.restore(world);)*
                world.insert_resource(HashCache::default());
            }
        }

        /// Each part's name, hash, and whether the daily checksum covers it.
        pub fn all_part_hashes(world: &World) -> Vec<(&'static str, u64, bool)> {
            vec![$(
                (stringify!($field), fresh_hash::<$ty>(world), sim_state!(@hashed $($why)?)),
            )*]
        }

        /// Named parts of the daily checksum, hashed separately so a divergence can be located.
        pub fn part_hashes(world: &World) -> Vec<(&'static str, u64)> {
            let mut parts = Vec::new();
            $(if sim_state!(@hashed $($why)?) {
                parts.push((stringify!($field), fresh_hash::<$ty>(world)));
            })*
            parts
        }

        /// The daily checksum: [`part_hashes`]' values combined as [`checksum`]
        /// does, each part's reused from the cache where it did not change
        /// since the cache's last day.
        pub fn daily_checksum(world: &World, cache: &mut HashCache) -> u64 {
            let mut h = Fnv::default();
            let mut slot = 0;
            $(if sim_state!(@hashed $($why)?) {
                h.u64(<$ty as Part>::hash_daily(world, cache, slot));
                slot += 1;
            })*
            let _ = slot;
            h.finish()
        }
    };
}

sim_state! {
    // The clock, the dice, and who holds the ground.
    calendar: Calendar, rng: SimRng, control: Control,
    // Treaties, wars and plans; flags, variables, events and decisions; what each side believes.
    treaties: Treaties, diplomacy: Diplomacy, script: Script, perception: Perception,
    baseline: Baseline [unhashed "fixed at build from the scenario and the seed: hashing it daily repeats the same words"],
    strength: StrengthIndex [unhashed "today's totals and their lagged past are sums of formations already hashed on earlier days; daily, these tables would cost more than the day itself"],
    fronts: Fronts,
    /// Capacities set by effects: later days dispatch trains by them.
    rail: RailCapacity,
    // Decisions waiting for a player, and the answers a policy gives.
    desk: PlayerDesk, policy: PolicyBook,
    /// Read back by later days: outcomes are recorded once, trains write their arrival into it.
    ledger: Ledger,
    chronicle: Chronicle [unhashed "output only, nothing reads it back; growing, it would make the daily hash quadratic"],
    checksums: Checksums [unhashed "the daily hashes themselves"],
    battles: Battles,
    /// Before `next_seq`: restoring them resets the roster.
    formations: Formations, next_seq: NextSeq,
}

/// Why a saved state is refused: the parts whose content does not match the hashes saved with it.
pub fn verify_hashes(world: &World, saved: &[(String, u64)]) -> Result<(), String> {
    let now = all_part_hashes(world);
    let differ: Vec<&str> = now
        .iter()
        .filter(|(n, h, _)| !saved.iter().any(|(s, x)| s == n && x == h))
        .map(|(n, ..)| *n)
        .collect();
    if differ.is_empty() && saved.len() == now.len() {
        Ok(())
    } else {
        Err(format!(
            "the saved state does not match its checksum (corrupted or edited): {} differ",
            if differ.is_empty() {
                "the part names".to_string()
            } else {
                differ.join(", ")
            }
        ))
    }
}

/// The hashes a save records, for [`verify_hashes`].
pub fn save_hashes(world: &World) -> Vec<(String, u64)> {
    all_part_hashes(world)
        .into_iter()
        .map(|(n, h, _)| (n.to_string(), h))
        .collect()
}

/// What a save or a replay was made from, at the head of both: enough to
/// build the same simulation again and to notice a changed file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MadeFrom {
    /// File format version ([`SAVE_FORMAT`]).
    pub format: u32,
    /// Version of pact that wrote it.
    pub pact: String,
    /// The scenario file given to `pact run` and every file it was built from.
    pub scenario: String,
    /// Mod folders applied on top of it, in the order given.
    #[serde(default)]
    pub mods: Vec<String>,
    pub files: Vec<FileHash>,
    pub setup: SetupRecord,
}

/// A scenario file used by a run, with a hash of its content.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileHash {
    pub path: String,
    pub hash: String,
}

/// Hash of a file's text (FNV-1a, hex): enough to notice an edit.
pub fn content_hash(text: &str) -> String {
    let mut h = Fnv::default();
    h.bytes(text.as_bytes());
    format!("{:016x}", h.finish())
}

/// How a run was set up, in a form that survives a file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct SetupRecord {
    pub seed: u64,
    #[serde(default)]
    pub controllers: BTreeMap<String, Controller>,
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
}

impl SetupRecord {
    pub fn of(s: &Setup) -> SetupRecord {
        SetupRecord {
            seed: s.seed,
            controllers: s.controllers.clone(),
            choices: s.choices.clone(),
        }
    }

    pub fn setup(&self) -> Setup {
        Setup {
            seed: self.seed,
            controllers: self.controllers.clone(),
            choices: self.choices.clone(),
        }
    }
}

/// A save: where the run came from, and its state.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    pub made: MadeFrom,
    pub state: SimState,
    /// Hash of each part of `state` ([`save_hashes`]): loading checks them.
    pub hashes: Vec<(String, u64)>,
}

impl Simulation {
    /// Rebuilds a simulation from a scenario and a saved state.
    pub fn from_state(scenario: Arc<Scenario>, setup: &Setup, state: SimState) -> Simulation {
        let mut sim = Simulation::new(scenario, setup);
        state.restore(sim.world_mut());
        sim
    }

    /// As [`Simulation::from_state`], for a state read from a file: every index
    /// and value is checked against the scenario first (the systems trust them),
    /// and each problem is returned as `path: why`.
    pub fn try_from_state(
        scenario: Arc<Scenario>,
        setup: &Setup,
        state: SimState,
    ) -> Result<Simulation, Vec<String>> {
        let mut sim = Simulation::new(scenario, setup);
        let problems = check_state(&state, sim.world().resource::<Catalog>());
        if !problems.is_empty() {
            return Err(problems);
        }
        state.restore(sim.world_mut());
        Ok(sim)
    }
}
