//! Facts a run accumulates for summaries and comparison: events, decisions,
//! captures, losses, transfers and outcomes, each dated.

use crate::date::Date;
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Losses {
    pub killed: f64,
    pub wounded: f64,
    pub captured: f64,
    pub tanks: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TransferRecord {
    pub formation: String,
    pub faction: String,
    pub from_theatre: String,
    pub to_theatre: String,
    pub to: String,
    pub ordered: Date,
    pub departed: Option<Date>,
    pub arrived: Option<Date>,
    pub men: f64,
    pub tanks: f64,
    pub guns: f64,
    pub division: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Capture {
    pub region: String,
    pub faction: String,
    pub from: String,
    pub date: Date,
    /// A scripted event removed or placed formations there that day (a surrender,
    /// a landing): the capture is the script's, not movement and combat's alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scripted: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DecisionTaken {
    pub decision: String,
    pub option: String,
    pub faction: String,
    pub date: Date,
    pub controller: String,
}

impl std::ops::AddAssign for Losses {
    fn add_assign(&mut self, o: Losses) {
        self.killed += o.killed;
        self.wounded += o.wounded;
        self.captured += o.captured;
        self.tanks += o.tanks;
    }
}

#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Ledger {
    pub events: Vec<(String, Date)>,
    pub decisions: Vec<DecisionTaken>,
    pub captures: Vec<Capture>,
    /// Per faction id, on the map.
    pub losses: BTreeMap<String, Losses>,
    /// Per abstract front id: what the formations committed to it lost there.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub front_losses: BTreeMap<String, Losses>,
    pub transfers: Vec<TransferRecord>,
    pub outcomes: Vec<(String, Date)>,
}

impl Ledger {
    pub fn outcome(&self, name: &str) -> Option<Date> {
        self.outcomes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| *d)
    }

    pub fn captured(&self, region: &str, by: &str) -> Option<Date> {
        self.captures
            .iter()
            .find(|c| c.region == region && c.faction == by)
            .map(|c| c.date)
    }
}
