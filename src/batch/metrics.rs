//! The outcome columns of a sweep: a fixed set derived from the scenario, so
//! every run (and every shard) writes the same columns whatever happens in it.

use crate::report::summary::Summary;
use crate::scenario::{HistoryMeasure, Scenario};
use std::collections::BTreeSet;

/// Which columns a scenario's runs report, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    outcomes: Vec<String>,
    /// History capture points: (point id, region, capturing faction).
    captures: Vec<(String, String, String)>,
    factions: Vec<String>,
    theatres: Vec<String>,
    treaties: Vec<String>,
    fronts: Vec<String>,
}

const LOSSES: [&str; 4] = ["killed", "wounded", "captured", "tanks"];

impl Metrics {
    pub fn of(s: &Scenario) -> Metrics {
        let theatres: BTreeSet<&str> = s.regions.iter().map(|r| r.theatre.as_str()).collect();
        Metrics {
            outcomes: s.meta.outcomes.clone(),
            captures: s
                .history
                .iter()
                .filter_map(|p| match &p.measure {
                    HistoryMeasure::Capture { region, by, .. } => {
                        Some((p.id.clone(), region.clone(), by.clone()))
                    }
                    _ => None,
                })
                .collect(),
            factions: s.factions.iter().map(|f| f.id.clone()).collect(),
            theatres: theatres.into_iter().map(str::to_string).collect(),
            treaties: s.treaties.iter().map(|t| t.id.clone()).collect(),
            fronts: s.params.fronts.iter().map(|f| f.id.clone()).collect(),
        }
    }

    /// Column names, in the order [`Metrics::measure`] fills them.
    ///
    /// Suffixes tell readers the kind: `.date` an ISO date (empty: never),
    /// `.status` and `.result` a category; `outcome.<id>` alone is 0 or 1.
    pub fn header(&self) -> Vec<String> {
        let mut h = Vec::new();
        for o in &self.outcomes {
            h.push(format!("outcome.{o}"));
            h.push(format!("outcome.{o}.date"));
        }
        for (id, _, _) in &self.captures {
            h.push(format!("capture.{id}.date"));
        }
        for f in &self.factions {
            h.extend(LOSSES.iter().map(|l| format!("losses.{f}.{l}")));
        }
        for t in &self.theatres {
            h.push(format!("transfers.{t}.count"));
            h.push(format!("transfers.{t}.men"));
        }
        for t in &self.treaties {
            h.push(format!("treaty.{t}.status"));
        }
        for f in &self.fronts {
            h.push(format!("front.{f}.result"));
            h.push(format!("front.{f}.distance_km"));
        }
        h
    }

    /// One run's values, as CSV fields.
    pub fn measure(&self, s: &Summary) -> Vec<String> {
        let date = |d: Option<crate::date::Date>| d.map_or(String::new(), |d| d.to_string());
        let mut row = Vec::new();
        for o in &self.outcomes {
            let when = s.outcomes.iter().find(|x| &x.id == o).map(|x| x.date);
            row.push(if when.is_some() { "1" } else { "0" }.to_string());
            row.push(date(when));
        }
        for (_, region, by) in &self.captures {
            let when = s
                .captures
                .iter()
                .find(|c| &c.region == region && &c.faction == by)
                .map(|c| c.date);
            row.push(date(when));
        }
        for f in &self.factions {
            let l = s.losses.get(f).copied().unwrap_or_default();
            for v in [l.killed, l.wounded, l.captured, l.tanks] {
                row.push(format!("{v:.0}"));
            }
        }
        for t in &self.theatres {
            // Completed transfers: formations that arrived, the strength a theatre actually gained.
            let arrived = s
                .transfers
                .iter()
                .filter(|x| &x.to_theatre == t && x.arrived.is_some());
            let (n, men) = arrived.fold((0, 0.0), |(n, m), x| (n + 1, m + x.men));
            row.push(n.to_string());
            row.push(format!("{men:.0}"));
        }
        for t in &self.treaties {
            let status = s.treaties.iter().find(|x| &x.id == t);
            row.push(status.map_or(String::new(), |x| x.status.clone()));
        }
        for f in &self.fronts {
            let front = s.fronts.iter().find(|x| &x.id == f);
            row.push(front.map_or(String::new(), |x| x.result.clone()));
            row.push(front.map_or(String::new(), |x| format!("{:.0}", x.distance_km)));
        }
        row
    }
}
