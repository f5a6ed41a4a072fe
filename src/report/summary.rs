//! The closing summary of a run, as a serialisable document.

use crate::date::Date;
use crate::names::name;
use crate::sim::Simulation;
use crate::sim::catalog::Catalog;
use crate::sim::ledger::{Capture, DecisionTaken, Losses, TransferRecord};
use crate::sim::state::{FrontResult, Fronts, Treaties};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Summary {
    pub scenario: String,
    pub seed: u64,
    pub start_date: Date,
    pub end_date: Date,
    /// Final checksum, hex.
    pub checksum: String,
    pub events: Vec<Dated>,
    pub decisions: Vec<DecisionTaken>,
    pub captures: Vec<Capture>,
    pub losses: BTreeMap<String, Losses>,
    pub transfers: Vec<TransferRecord>,
    pub treaties: Vec<TreatyRow>,
    pub wars: Vec<(String, String)>,
    pub fronts: Vec<FrontRow>,
    pub outcomes: Vec<Dated>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Dated {
    pub id: String,
    pub date: Date,
}

fn dated(list: &[(String, Date)]) -> Vec<Dated> {
    list.iter()
        .map(|(id, date)| Dated {
            id: id.clone(),
            date: *date,
        })
        .collect()
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct TreatyRow {
    pub id: String,
    pub status: String,
    pub changes: Vec<TreatyChange>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct TreatyChange {
    pub date: Date,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FrontRow {
    pub id: String,
    pub result: String,
    pub date: Option<Date>,
    pub distance_km: f64,
}

impl Summary {
    pub fn of(sim: &Simulation, seed: u64) -> Summary {
        let w = sim.world();
        let cat = w.resource::<Catalog>();
        let l = sim.ledger();
        let treaties = &w.resource::<Treaties>().0;
        let diplo = w.resource::<crate::sim::state::Diplomacy>();
        Summary {
            scenario: cat.scenario.meta.name.clone(),
            seed,
            start_date: cat.scenario.meta.start,
            end_date: sim.last_day(),
            checksum: format!("{:016x}", sim.checksum()),
            events: dated(&l.events),
            decisions: l.decisions.clone(),
            captures: l.captures.clone(),
            losses: l.losses.clone(),
            transfers: l.transfers.clone(),
            treaties: cat
                .scenario
                .treaties
                .iter()
                .zip(treaties)
                .map(|(def, st)| TreatyRow {
                    id: def.id.clone(),
                    status: name(&st.status),
                    changes: st
                        .history
                        .iter()
                        .map(|(d, s, by)| TreatyChange {
                            date: *d,
                            status: name(s),
                            by: by.clone(),
                        })
                        .collect(),
                })
                .collect(),
            wars: diplo
                .wars
                .iter()
                .map(|&(a, b)| (cat.faction_id(a).to_string(), cat.faction_id(b).to_string()))
                .collect(),
            fronts: cat
                .scenario
                .params
                .fronts
                .iter()
                .zip(&w.resource::<Fronts>().0)
                .map(|(f, st)| {
                    let (result, date) = match st.result {
                        FrontResult::Pending => ("pending", None),
                        FrontResult::Active => ("active", None),
                        FrontResult::Fallen(d) => ("fallen", Some(d)),
                        FrontResult::Held(d) => ("held", Some(d)),
                    };
                    FrontRow {
                        id: f.id.clone(),
                        result: result.into(),
                        date,
                        distance_km: st.distance_km.round(),
                    }
                })
                .collect(),
            outcomes: dated(&l.outcomes),
        }
    }

    /// A short human-readable closing summary.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "== {} · seed {} · {} to {} ==",
            self.scenario, self.seed, self.start_date, self.end_date
        );
        for t in &self.treaties {
            let _ = writeln!(s, "treaty {}: {}", t.id, t.status);
        }
        for f in &self.fronts {
            let _ = writeln!(
                s,
                "front {}: {}{} ({} km from the objective)",
                f.id,
                f.result,
                f.date.map_or(String::new(), |d| format!(" on {d}")),
                f.distance_km
            );
        }
        let moved: Vec<&TransferRecord> = self
            .transfers
            .iter()
            .filter(|t| t.arrived.is_some())
            .collect();
        let men: f64 = moved.iter().map(|t| t.men).sum();
        let _ = writeln!(
            s,
            "rail transfers completed: {} formations, {:.0} men",
            moved.len(),
            men
        );
        let _ = writeln!(s, "regions changing hands: {}", self.captures.len());
        for (f, l) in &self.losses {
            let _ = writeln!(
                s,
                "losses {f}: {:.0} killed, {:.0} wounded, {:.0} captured, {:.0} tanks",
                l.killed, l.wounded, l.captured, l.tanks
            );
        }
        for o in &self.outcomes {
            let _ = writeln!(s, "outcome {} on {}", o.id, o.date);
        }
        let _ = writeln!(s, "checksum {}", self.checksum);
        s
    }
}
