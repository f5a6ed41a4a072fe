//! The scenario's static data with string ids resolved to indices, and the
//! map as a graph. Built once; read by every system; never changed by a run.

use crate::scenario::{LinkKind, Scenario};
use bevy::prelude::Resource;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;

pub type FactionIx = u8;
pub type RegionIx = u16;
pub type LinkIx = u16;

/// One direction of a link, as seen from its origin region.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub to: RegionIx,
    pub link: LinkIx,
    pub km: f64,
    pub kind: LinkKind,
}

#[derive(Resource, Clone, Debug)]
pub struct Catalog {
    pub scenario: Arc<Scenario>,
    pub faction_ix: BTreeMap<String, FactionIx>,
    pub region_ix: BTreeMap<String, RegionIx>,
    pub type_ix: BTreeMap<String, usize>,
    pub treaty_ix: BTreeMap<String, usize>,
    pub event_ix: BTreeMap<String, usize>,
    pub decision_ix: BTreeMap<String, usize>,
    /// Outgoing edges of each region, sorted by destination index (stable order).
    pub edges: Vec<Vec<Edge>>,
    /// Bloc leader of each faction: a faction listed in another's `allies` fights under it.
    pub bloc: Vec<FactionIx>,
    /// Rail capacity of each link, trains a day (0 for non-rail links).
    pub rail_capacity: Vec<f64>,
    /// Bloc of each region's owner at the start (whose rail it is).
    pub native_bloc: Vec<FactionIx>,
}

impl Catalog {
    /// The faction whose side `f` fights on (itself, or the one it is allied under).
    pub fn bloc_of(&self, f: FactionIx) -> FactionIx {
        self.bloc[f as usize]
    }

    /// Resolves ids. Assumes the scenario passed its checks (unknown ids are errors there).
    pub fn new(scenario: Arc<Scenario>) -> Catalog {
        let s = &scenario;
        let faction_ix: BTreeMap<String, FactionIx> = index(s.factions.iter().map(|f| &f.id))
            .into_iter()
            .map(|(k, v)| (k, v as FactionIx))
            .collect();
        let region_ix: BTreeMap<String, RegionIx> = index(s.regions.iter().map(|r| &r.id))
            .into_iter()
            .map(|(k, v)| (k, v as RegionIx))
            .collect();
        let mut edges = vec![Vec::new(); s.regions.len()];
        let mut rail_capacity = Vec::with_capacity(s.links.len());
        for (i, l) in s.links.iter().enumerate() {
            let (Some(&a), Some(&b)) = (region_ix.get(&l.from), region_ix.get(&l.to)) else {
                rail_capacity.push(0.0);
                continue;
            };
            let e = |to| Edge {
                to,
                link: i as LinkIx,
                km: l.length_km,
                kind: l.kind,
            };
            edges[a as usize].push(e(b));
            edges[b as usize].push(e(a));
            rail_capacity.push(if l.kind == LinkKind::Rail {
                l.rail_capacity.unwrap_or(s.params.rail.default_capacity)
            } else {
                0.0
            });
        }
        for list in &mut edges {
            list.sort_by_key(|e| (e.to, e.link));
        }
        // Faction counts are limited by the checks, so indices fit a FactionIx.
        let bloc: Vec<FactionIx> = crate::scenario::graph::blocs(s)
            .into_iter()
            .map(|b| b as FactionIx)
            .collect();
        let native_bloc = s
            .regions
            .iter()
            .map(|r| {
                faction_ix
                    .get(&r.owner)
                    .map_or(FactionIx::MAX, |&f: &FactionIx| bloc[f as usize])
            })
            .collect();
        Catalog {
            faction_ix,
            region_ix,
            type_ix: index(s.formation_types.iter().map(|t| &t.id)),
            treaty_ix: index(s.treaties.iter().map(|t| &t.id)),
            event_ix: index(s.events.iter().map(|e| &e.id)),
            decision_ix: index(s.decisions.iter().map(|d| &d.id)),
            edges,
            bloc,
            rail_capacity,
            native_bloc,
            scenario,
        }
    }

    pub fn faction(&self, id: &str) -> Option<FactionIx> {
        self.faction_ix.get(id).copied()
    }

    pub fn region(&self, id: &str) -> Option<RegionIx> {
        self.region_ix.get(id).copied()
    }

    pub fn faction_id(&self, f: FactionIx) -> &str {
        &self.scenario.factions[f as usize].id
    }

    pub fn region_id(&self, r: RegionIx) -> &str {
        &self.scenario.regions[r as usize].id
    }

    pub fn theatre_of(&self, r: RegionIx) -> &str {
        &self.scenario.regions[r as usize].theatre
    }

    /// Shortest rail route (links, km) between two regions; ties broken by region index.
    pub fn rail_route(&self, from: RegionIx, to: RegionIx) -> Option<(Vec<LinkIx>, f64)> {
        let n = self.edges.len();
        let mut dist = vec![f64::INFINITY; n];
        let mut prev: Vec<Option<(RegionIx, LinkIx)>> = vec![None; n];
        let mut heap = BinaryHeap::new();
        dist[from as usize] = 0.0;
        heap.push(Reverse((OrdF64(0.0), from)));
        while let Some(Reverse((OrdF64(d), r))) = heap.pop() {
            if r == to {
                break;
            }
            if d > dist[r as usize] {
                continue;
            }
            for e in &self.edges[r as usize] {
                if e.kind != LinkKind::Rail {
                    continue;
                }
                let nd = d + e.km;
                if nd < dist[e.to as usize] {
                    dist[e.to as usize] = nd;
                    prev[e.to as usize] = Some((r, e.link));
                    heap.push(Reverse((OrdF64(nd), e.to)));
                }
            }
        }
        if !dist[to as usize].is_finite() {
            return None;
        }
        let mut links = Vec::new();
        let mut at = to;
        while let Some((p, l)) = prev[at as usize] {
            links.push(l);
            at = p;
        }
        links.reverse();
        Some((links, dist[to as usize]))
    }
}

fn index<'a>(ids: impl Iterator<Item = &'a String>) -> BTreeMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

/// An f64 with a total order, for priority queues (NaN never occurs: lengths are checked).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrdF64(pub f64);

impl Eq for OrdF64 {}

impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}
