//! The whole simulation state at a date, as plain data: what a save file
//! holds and what a replay verifies. Writing it to disk is a front end's job.

use super::checksum::Checksums;
use super::chronicle::Chronicle;
use super::combat::Battles;
use super::ledger::Ledger;
use super::roster::{self, FormationRecord, Roster};
use super::state::*;
use super::strength::StrengthIndex;
use super::{Setup, Simulation};
use crate::scenario::{Controller, Scenario};
use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Version of the save and replay formats; files of a newer version are refused.
pub const SAVE_FORMAT: u32 = 1;

/// Everything that changes during a run (the scenario itself is referenced, not copied).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SimState {
    pub calendar: Calendar,
    pub rng: ChaCha8Rng,
    pub control: Control,
    pub treaties: Treaties,
    pub diplomacy: Diplomacy,
    pub script: Script,
    pub perception: Perception,
    pub baseline: Baseline,
    pub strength: StrengthIndex,
    pub fronts: Fronts,
    pub desk: PlayerDesk,
    pub policy: PolicyBook,
    pub ledger: Ledger,
    pub chronicle: Chronicle,
    pub checksums: Checksums,
    pub battles: Battles,
    pub next_seq: u32,
    pub formations: Vec<FormationRecord>,
}

impl SimState {
    pub fn capture(world: &World) -> SimState {
        SimState {
            calendar: *world.resource::<Calendar>(),
            rng: world.resource::<SimRng>().0.clone(),
            control: world.resource::<Control>().clone(),
            treaties: world.resource::<Treaties>().clone(),
            diplomacy: world.resource::<Diplomacy>().clone(),
            script: world.resource::<Script>().clone(),
            perception: world.resource::<Perception>().clone(),
            baseline: world.resource::<Baseline>().clone(),
            strength: world.resource::<StrengthIndex>().clone(),
            fronts: world.resource::<Fronts>().clone(),
            desk: world.resource::<PlayerDesk>().clone(),
            policy: world.resource::<PolicyBook>().clone(),
            ledger: world.resource::<Ledger>().clone(),
            chronicle: world.resource::<Chronicle>().clone(),
            checksums: world.resource::<Checksums>().clone(),
            battles: world.resource::<Battles>().clone(),
            next_seq: world.resource::<Roster>().next_seq(),
            formations: roster::records(world),
        }
    }

    /// Replaces a world's state with this one (the world must be built from the same scenario).
    pub fn restore(self, world: &mut World) {
        world.insert_resource(self.calendar);
        world.insert_resource(SimRng(self.rng));
        world.insert_resource(self.control);
        world.insert_resource(self.treaties);
        world.insert_resource(self.diplomacy);
        world.insert_resource(self.script);
        world.insert_resource(self.perception);
        world.insert_resource(self.baseline);
        world.insert_resource(self.strength);
        world.insert_resource(self.fronts);
        world.insert_resource(self.desk);
        world.insert_resource(self.policy);
        world.insert_resource(self.ledger);
        world.insert_resource(self.chronicle);
        world.insert_resource(self.checksums);
        world.insert_resource(self.battles);
        roster::clear(world);
        for rec in self.formations {
            roster::spawn_record(world, rec);
        }
        world.resource_mut::<Roster>().set_next_seq(self.next_seq);
    }
}

/// A scenario file used by a run, with a hash of its content.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileHash {
    pub path: String,
    pub hash: String,
}

/// Hash of a file's text (FNV-1a, hex): enough to notice an edit.
pub fn content_hash(text: &str) -> String {
    let mut h = super::checksum::Fnv::default();
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
    /// Save format version ([`SAVE_FORMAT`]).
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
    pub state: SimState,
}

impl Simulation {
    /// Rebuilds a simulation from a scenario and a saved state.
    pub fn from_state(scenario: Arc<Scenario>, setup: &Setup, state: SimState) -> Simulation {
        let mut sim = Simulation::new(scenario, setup);
        state.restore(sim.world_mut());
        sim
    }
}
