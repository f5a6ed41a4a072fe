//! The dated story of a run: what happened, in order, for people to read.

use crate::date::Date;
use crate::sim::catalog::{Catalog, FactionIx, RegionIx};
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Event,
    Decision,
    Treaty,
    War,
    Transfer,
    Combat,
    Capture,
    Front,
    Outcome,
    /// Orders given to formations, refused, carried out.
    Order,
    /// The operational AI's plans: main efforts, withdrawals.
    Plan,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Event,
        Kind::Decision,
        Kind::Treaty,
        Kind::War,
        Kind::Transfer,
        Kind::Combat,
        Kind::Capture,
        Kind::Front,
        Kind::Outcome,
        Kind::Order,
        Kind::Plan,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Decision => "decision",
            Kind::Treaty => "treaty",
            Kind::War => "war",
            Kind::Transfer => "transfer",
            Kind::Combat => "combat",
            Kind::Capture => "capture",
            Kind::Front => "front",
            Kind::Outcome => "outcome",
            Kind::Order => "order",
            Kind::Plan => "plan",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub date: Date,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub text: String,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {:<8}  {}", self.date, self.kind.label(), self.text)
    }
}

#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Chronicle(pub Vec<Entry>);

impl Chronicle {
    pub fn add(&mut self, date: Date, kind: Kind, text: impl Into<String>) -> &mut Entry {
        self.0.push(Entry {
            date,
            kind,
            faction: None,
            region: None,
            text: text.into(),
        });
        self.0.last_mut().expect("just pushed")
    }

    /// Adds an entry about one faction in one region.
    pub fn tell(
        &mut self,
        cat: &Catalog,
        date: Date,
        kind: Kind,
        text: impl Into<String>,
        (faction, region): (FactionIx, RegionIx),
    ) {
        self.add(date, kind, text)
            .faction(cat.faction_id(faction))
            .region(cat.region_id(region));
    }
}

impl Entry {
    pub fn faction(&mut self, f: &str) -> &mut Self {
        self.faction = Some(f.to_string());
        self
    }

    pub fn region(&mut self, r: &str) -> &mut Self {
        self.region = Some(r.to_string());
        self
    }
}
