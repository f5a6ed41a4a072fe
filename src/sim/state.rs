//! The simulation's mutable state: formation components and the resources
//! every system group shares. The state a save holds is listed in `save.rs`.

use super::catalog::{Catalog, FactionIx, LinkIx, RegionIx, TypeIx};
use crate::date::Date;
use crate::scenario::{Controller, Posture, Stance, TreatyStatus};
use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The day being simulated; advanced at the end of each step.
#[derive(Resource, Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Calendar {
    pub today: Date,
    pub start: Date,
    pub end: Date,
}

/// The one source of randomness (portable ChaCha8, seeded from the run seed).
#[derive(Resource, Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct SimRng(pub ChaCha8Rng);

impl SimRng {
    /// Runs `f` on the world with the generator beside it (a copy, written
    /// back after: cheaper than taking the resource out of the world). The
    /// world's own copy is stale meanwhile, so `f` must not draw from it.
    pub fn with<R>(world: &mut World, f: impl FnOnce(&mut World, &mut SimRng) -> R) -> R {
        let mut rng = world.resource::<SimRng>().clone();
        let out = f(world, &mut rng);
        *world.resource_mut::<SimRng>() = rng;
        out
    }
}

// ------------------------------------------------------------------ formations

/// Stable identity: creation order (file order, then spawns in effect order).
/// Immutable: only replacing (or removing) it changes it, and that counts as
/// the roster changing (the daily checksum then rehashes every formation, so
/// it need not read this component's change tick).
#[derive(
    Component, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[component(immutable, on_discard = super::roster::record_key_discarded)]
pub struct FormationSeq(pub u32);

/// What a formation is; fixed for its life. Immutable, as [`FormationSeq`].
#[derive(Component, Clone, Debug, Serialize, Deserialize, PartialEq)]
#[component(immutable, on_discard = super::roster::record_key_discarded)]
pub struct FormationInfo {
    pub id: String,
    pub name: String,
    pub faction: FactionIx,
    pub kind: TypeIx,
    pub parent: Option<String>,
}

#[derive(Component, Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Strength {
    pub men: f64,
    pub tanks: f64,
    pub guns: f64,
    pub aircraft: f64,
    pub quality: f64,
    pub winter: f64,
}

#[derive(Component, Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct FormationPosture(pub Posture);

/// A formation's own axis of advance: regions to take, in order (empty: the faction's plan).
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct AdvanceAxis(pub Vec<RegionIx>);

/// Supply state, 0.0 (none) to 1.0 (full).
#[derive(Component, Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Supply(pub f64);

/// Where a formation is.
#[derive(Component, Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Location {
    At(RegionIx),
    /// Marching along a link.
    March(Leg),
    /// Travelling by rail: trains are dispatched as line capacity allows, then run.
    Rail(RailTrip),
}

/// A march along one link: its ends, the link, and how far along it is.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Leg {
    pub from: RegionIx,
    pub to: RegionIx,
    pub link: LinkIx,
    pub done_km: f64,
    pub total_km: f64,
}

impl Location {
    /// Setting out from `from` along `link` (`km` long) to `to`.
    pub fn march(from: RegionIx, to: RegionIx, link: LinkIx, km: f64) -> Location {
        Location::March(Leg {
            from,
            to,
            link,
            done_km: 0.0,
            total_km: km,
        })
    }

    pub fn region(&self) -> Option<RegionIx> {
        match self {
            Location::At(r) => Some(*r),
            _ => None,
        }
    }

    /// On the march: the link's ends and the share of it covered (0–1).
    pub fn marching(&self) -> Option<(RegionIx, RegionIx, f64)> {
        match self {
            Location::March(m) => Some((
                m.from,
                m.to,
                (m.done_km / m.total_km.max(1e-6)).clamp(0.0, 1.0),
            )),
            _ => None,
        }
    }
}

/// Rail capacities changed by `rail_capacity` effects, by link, in trains a
/// day; every other link runs at the scenario's capacity.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct RailCapacity(pub BTreeMap<LinkIx, f64>);

impl RailCapacity {
    /// Trains a day link `l` carries today.
    pub fn of(&self, cat: &Catalog, l: LinkIx) -> f64 {
        self.0.get(&l).copied().unwrap_or(cat.rail_capacity[l])
    }

    /// Every link's capacity today, in link order.
    pub fn today(&self, cat: &Catalog) -> Vec<f64> {
        let mut all = cat.rail_capacity.clone();
        for (&l, &c) in &self.0 {
            all[l] = c;
        }
        all
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RailTrip {
    pub from: RegionIx,
    pub to: RegionIx,
    pub route: Vec<LinkIx>,
    pub km: f64,
    pub trains: u32,
    pub sent: u32,
    pub arrives: Option<Date>,
    /// Index into the ledger's transfer list, which holds the dates it was
    /// ordered and departed (kept there only, not mirrored here).
    pub record: usize,
}

// ------------------------------------------------------------------ world state

/// Who controls each region.
#[derive(Resource, Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Control(pub Vec<FactionIx>);

impl Control {
    /// The bloc (a faction and its allies) that holds region `r`.
    pub fn owner_bloc(&self, cat: &Catalog, r: RegionIx) -> FactionIx {
        cat.bloc_of(self.0[r])
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TreatyState {
    pub status: TreatyStatus,
    pub in_force: Option<Date>,
    /// End of the current term.
    pub expires: Option<Date>,
    pub denounced: Option<Date>,
    /// Dated status changes, with the acting faction where there is one.
    pub history: Vec<(Date, TreatyStatus, Option<String>)>,
}

#[derive(Resource, Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Treaties(pub Vec<TreatyState>);

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FactionState {
    pub controller: Controller,
    pub stance: Stance,
    pub objectives: Vec<RegionIx>,
    /// The operational AI's main efforts as last announced (controller `ai`
    /// only; left out when empty, so other runs keep their saves and checksums).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub efforts: Vec<Effort>,
    /// The target each of its attacking formations was last sent against,
    /// by formation id: a formation keeps to it while it is still there to
    /// be taken, rather than turn each day for a slightly better one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aims: Vec<Aim>,
}

/// A formation's attack target, as the operational AI last gave it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Aim {
    pub formation: String,
    pub target: RegionIx,
}

/// A command's main effort, as the operational AI announced it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Effort {
    /// The command (its top headquarters' id, or the faction's for formations without one).
    pub group: String,
    pub target: RegionIx,
}

/// Wars (pairs of bloc leaders, low index first) and plans.
#[derive(Resource, Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Diplomacy {
    pub wars: BTreeSet<(FactionIx, FactionIx)>,
    pub factions: Vec<FactionState>,
}

/// How a war between two bloc leaders is keyed: low index first.
pub fn war_key(a: FactionIx, b: FactionIx) -> (FactionIx, FactionIx) {
    (a.min(b), a.max(b))
}

impl Diplomacy {
    pub fn at_war(&self, a: FactionIx, b: FactionIx) -> bool {
        self.wars.contains(&war_key(a, b))
    }

    /// Starts (`true`) or ends a war between two blocs; whether that changed anything.
    pub fn set_war(&mut self, a: FactionIx, b: FactionIx, war: bool) -> bool {
        if war {
            self.wars.insert(war_key(a, b))
        } else {
            self.wars.remove(&war_key(a, b))
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct EventState {
    pub fired: u32,
    pub last: Option<Date>,
}

/// Flags, variables and the state of events and decisions.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Script {
    pub flags: BTreeSet<String>,
    pub vars: BTreeMap<String, f64>,
    pub events: Vec<EventState>,
    /// Option index taken for each decision, with the date.
    pub decisions: Vec<Option<(Date, usize)>>,
}

/// Perceived = true × factor, per (observer, observed) pair; drawn once per seed.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Perception(pub BTreeMap<(FactionIx, FactionIx), (f64, u32)>);

/// Strength at the start, for `strength_ratio` conditions.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Baseline(pub super::strength::StrengthIndex);

/// Abstract fronts' state (see `params.fronts`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FrontState {
    pub distance_km: f64,
    pub attacker_power: f64,
    pub defender_base: f64,
    pub result: FrontResult,
    /// Defender formation power committed on the last active day.
    pub last_ratio: f64,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FrontResult {
    Pending,
    Active,
    Fallen(Date),
    Held(Date),
}

#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Fronts(pub Vec<FrontState>);

/// Decisions a player must answer; filled by the decisions system, answered by a front end.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct PlayerDesk {
    /// Decision indices awaiting an answer today.
    pub waiting: Vec<usize>,
    /// Answers given by the front end: decision index → option index.
    pub answers: BTreeMap<usize, usize>,
    /// Dated orders not yet given (an orders file's), in the order queued;
    /// each is given on its day by the orders phase. Left out when empty, so
    /// runs without orders keep their saves' text and their checksums.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<super::command::DatedOrder>,
}

/// Fixed answers for `policy` controllers: decision id → option id.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct PolicyBook(pub BTreeMap<String, String>);
