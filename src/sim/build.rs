//! Scenario → world: resources for the shared state, one entity per formation.

use super::catalog::{Catalog, FactionIx};
use super::checksum::Checksums;
use super::chronicle::Chronicle;
use super::combat::Battles;
use super::ledger::Ledger;
use super::occupancy::Occupancy;
use super::roster::{self, Roster};
use super::save::{Formations, NextSeq, SimState};
use super::state::*;
use super::strength::StrengthIndex;
use crate::scenario::{Controller, Scenario, TreatyStatus};
use bevy::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How a run is set up beyond the scenario: seed and who decides for each faction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Setup {
    pub seed: u64,
    /// Controller overrides by faction id.
    pub controllers: BTreeMap<String, Controller>,
    /// Fixed answers, decision id → option id (used by `policy` controllers, and forced for any faction).
    pub choices: BTreeMap<String, String>,
}

impl Setup {
    /// Controller overrides by faction id: those given, and `policy` for a
    /// faction with a fixed choice and no controller given (it follows its book).
    pub fn controllers_for(&self, s: &Scenario) -> BTreeMap<String, Controller> {
        let mut controllers = self.controllers.clone();
        for d in &s.decisions {
            if self.choices.contains_key(&d.id) {
                controllers
                    .entry(d.faction.clone())
                    .or_insert(Controller::Policy);
            }
        }
        controllers
    }
}

/// Inserts every resource and spawns the formations for the start date.
pub fn build(world: &mut World, scenario: Arc<Scenario>, setup: &Setup) {
    let cat = Catalog::new(scenario.clone());
    let s = &*scenario;
    let mut rng = ChaCha8Rng::seed_from_u64(setup.seed);
    let treaties = Treaties(
        s.treaties
            .iter()
            .map(|t| TreatyState {
                status: t.status,
                in_force: t.in_force,
                expires: t
                    .in_force
                    .filter(|_| t.status.binding())
                    .map(|d| d.add_years(t.term_years as i32)),
                denounced: None,
                history: t
                    .signed
                    .map(|d| (d, TreatyStatus::Signed, None))
                    .into_iter()
                    .chain(t.in_force.map(|d| (d, TreatyStatus::InForce, None)))
                    .filter(|(_, st, _)| *st <= t.status)
                    .collect(),
            })
            .collect(),
    );
    let mut wars = std::collections::BTreeSet::new();
    for f in &s.factions {
        for o in &f.at_war_with {
            if let (Some(a), Some(b)) = (cat.faction(&f.id), cat.faction(o)) {
                let (x, y) = (cat.bloc_of(a), cat.bloc_of(b));
                wars.insert(war_key(x, y));
            }
        }
    }
    let controllers = setup.controllers_for(s);
    let diplomacy = Diplomacy {
        wars,
        factions: s
            .factions
            .iter()
            .map(|f| FactionState {
                controller: controllers.get(&f.id).copied().unwrap_or(f.controller),
                efforts: Vec::new(),
                aims: Vec::new(),
                stance: f.plan.stance,
                objectives: f
                    .plan
                    .objectives
                    .iter()
                    .filter_map(|o| cat.region(o))
                    .collect(),
            })
            .collect(),
    };
    let script = Script {
        flags: s.flags.iter().cloned().collect(),
        vars: s
            .variables
            .iter()
            .map(|v| (v.name.clone(), v.value))
            .collect(),
        events: vec![EventState::default(); s.events.len()],
        decisions: vec![None; s.decisions.len()],
    };
    // Draws in file order: intelligence estimates, abstract fronts, then uncertain formation strengths.
    let mut perception = BTreeMap::new();
    for e in &s.params.intelligence.estimates {
        let (lo, hi) = e.factor;
        let f = lo + (hi - lo) * rng.random::<f64>();
        if let (Some(a), Some(b)) = (cat.faction(&e.observer), cat.faction(&e.observed)) {
            perception.insert((a, b), (f, e.lag_days));
        }
    }
    // Then the abstract fronts' attacker strength, each within its range.
    let fronts = s
        .params
        .fronts
        .iter()
        .map(|f| {
            let (lo, hi) = f.attacker_spread;
            FrontState {
                distance_km: f.distance_km,
                attacker_power: f.attacker_power * (lo + (hi - lo) * rng.random::<f64>()),
                defender_base: f.defender_base,
                result: FrontResult::Pending,
                last_ratio: 0.0,
            }
        })
        .collect();
    let factors: Vec<f64> = s
        .formations
        .iter()
        .map(|f| {
            f.spread
                .map_or(1.0, |(lo, hi)| lo + (hi - lo) * rng.random::<f64>())
        })
        .collect();
    // Every part of the state starts here (the struct literal names each one).
    world.insert_resource(Roster::default());
    world.insert_resource(Occupancy::default());
    world.insert_resource(super::control::ScriptedGround::default());
    SimState {
        calendar: Calendar {
            today: s.meta.start,
            start: s.meta.start,
            end: s.meta.end,
        },
        rng: SimRng(rng),
        control: Control(
            s.regions
                .iter()
                .map(|r| cat.faction(&r.owner).unwrap_or_default())
                .collect(),
        ),
        treaties,
        diplomacy,
        script,
        perception: Perception(perception),
        baseline: Baseline::default(),
        strength: StrengthIndex::default(),
        fronts: Fronts(fronts),
        rail: RailCapacity::default(),
        desk: PlayerDesk::default(),
        policy: PolicyBook(setup.choices.clone()),
        ledger: Ledger::default(),
        chronicle: Chronicle::default(),
        checksums: Checksums::default(),
        battles: Battles::default(),
        formations: Formations(Vec::new()),
        next_seq: NextSeq(0),
    }
    .restore(world);
    for (f, factor) in s.formations.iter().zip(factors) {
        roster::spawn_formation(world, &cat, f, factor);
    }
    world.insert_resource(cat);
    // The baseline is the strength at the start, before the first day.
    let _ = world.run_system_cached(super::strength::update_strength);
    let base = world.resource::<StrengthIndex>().clone();
    world.insert_resource(Baseline(StrengthIndex {
        by_region: base.by_region,
        past: Vec::new(),
    }));
    world.insert_resource(StrengthIndex::default());
}

/// Index of a faction, for callers holding only an id.
pub fn faction_ix(world: &World, id: &str) -> Option<FactionIx> {
    world.resource::<Catalog>().faction(id)
}
