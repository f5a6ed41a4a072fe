//! The scenario's static data with string ids resolved to indices, and the
//! map as a graph. Built once; read by every system; never changed by a run.

pub use super::ids::{FactionIx, LinkIx, RegionIx, TypeIx};
use super::paths::Paths;
use super::terrain;
use crate::scenario::{LinkKind, Scenario};
use bevy::prelude::{Resource, World};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One direction of a link, as seen from its origin region.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub to: RegionIx,
    pub link: LinkIx,
    pub km: f64,
    pub kind: LinkKind,
}

/// The catalog a run reads: shared, so a system that needs the world and the
/// catalog at once holds a handle to it (an atomic count) instead of taking
/// the resource out of the world and putting it back.
#[derive(Resource, Clone, Debug)]
pub struct Catalog(Arc<Tables>);

impl std::ops::Deref for Catalog {
    type Target = Tables;
    fn deref(&self) -> &Tables {
        &self.0
    }
}

/// What the catalog holds.
#[derive(Debug)]
pub struct Tables {
    pub scenario: Arc<Scenario>,
    pub faction_ix: BTreeMap<String, FactionIx>,
    pub region_ix: BTreeMap<String, RegionIx>,
    pub type_ix: BTreeMap<String, TypeIx>,
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
    /// Share of supply a full day's march beyond reach burns, by formation
    /// type (0 for troops on foot or horse): `params.supply.fuel` by arm.
    pub fuel_rate: Vec<f64>,
    /// Each link's movement factor for its kind (`terrain::link`), looked up once
    /// rather than on every formation's every day of marching.
    pub link_factor: Vec<f64>,
    /// Each region's movement factor for its terrain (`terrain::terrain`), likewise.
    pub terrain_factor: Vec<f64>,
}

impl Catalog {
    /// Runs `f` on the world with the catalog beside it.
    pub fn with<R>(world: &mut World, f: impl FnOnce(&mut World, &Catalog) -> R) -> R {
        let cat = world.resource::<Catalog>().clone();
        f(world, &cat)
    }

    /// Resolves ids. Assumes the scenario passed its checks (unknown ids are errors there).
    pub fn new(scenario: Arc<Scenario>) -> Catalog {
        let s = &scenario;
        let faction_ix = index(s.factions.iter().map(|f| &f.id), FactionIx::at);
        let region_ix = index(s.regions.iter().map(|r| &r.id), RegionIx::at);
        let mut edges = vec![Vec::new(); s.regions.len()];
        let mut rail_capacity = Vec::with_capacity(s.links.len());
        for (i, l) in s.links.iter().enumerate() {
            let (Some(&a), Some(&b)) = (region_ix.get(&l.from), region_ix.get(&l.to)) else {
                rail_capacity.push(0.0);
                continue;
            };
            let e = |to| Edge {
                to,
                link: LinkIx::at(i),
                km: l.length_km,
                kind: l.kind,
            };
            edges[a.ix()].push(e(b));
            edges[b.ix()].push(e(a));
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
            .map(FactionIx::at)
            .collect();
        let native_bloc = s
            .regions
            .iter()
            .map(|r| {
                faction_ix
                    .get(&r.owner)
                    .map_or(FactionIx::NONE, |&f| bloc[f])
            })
            .collect();
        let fuel = &s.params.supply.fuel;
        let fuel_rate = (s.formation_types.iter())
            .map(|t| {
                fuel.iter()
                    .find(|(a, _)| *a == t.arm)
                    .map_or(0.0, |(_, v)| *v)
            })
            .collect();
        let movement = &s.params.movement;
        let link_factor = (s.links.iter())
            .map(|l| terrain::link(&movement.links, l.kind))
            .collect();
        let terrain_factor = (s.regions.iter())
            .map(|r| terrain::terrain(&movement.terrain, r.terrain))
            .collect();
        Catalog(Arc::new(Tables {
            faction_ix,
            region_ix,
            type_ix: index(s.formation_types.iter().map(|t| &t.id), TypeIx::at),
            treaty_ix: index(s.treaties.iter().map(|t| &t.id), |i| i),
            event_ix: index(s.events.iter().map(|e| &e.id), |i| i),
            decision_ix: index(s.decisions.iter().map(|d| &d.id), |i| i),
            edges,
            bloc,
            rail_capacity,
            native_bloc,
            fuel_rate,
            link_factor,
            terrain_factor,
            scenario,
        }))
    }
}

impl Tables {
    /// [`terrain::ground`] of a march from `a` to `b` over a link of `kind`,
    /// from the per-region factors.
    pub fn ground(&self, kind: LinkKind, a: RegionIx, b: RegionIx) -> f64 {
        terrain::ground_of(kind, self.terrain_factor[a], self.terrain_factor[b])
    }

    /// The faction whose side `f` fights on (itself, or the one it is allied under).
    pub fn bloc_of(&self, f: FactionIx) -> FactionIx {
        self.bloc[f]
    }

    pub fn faction(&self, id: &str) -> Option<FactionIx> {
        self.faction_ix.get(id).copied()
    }

    pub fn region(&self, id: &str) -> Option<RegionIx> {
        self.region_ix.get(id).copied()
    }

    pub fn faction_id(&self, f: FactionIx) -> &str {
        &self.scenario.factions[f].id
    }

    pub fn region_id(&self, r: RegionIx) -> &str {
        &self.scenario.regions[r].id
    }

    pub fn theatre_of(&self, r: RegionIx) -> &str {
        &self.scenario.regions[r].theatre
    }

    /// Shortest rail route (links, km) between two regions through regions
    /// `usable` allows; ties broken by region index.
    pub fn rail_route(
        &self,
        from: RegionIx,
        to: RegionIx,
        usable: impl Fn(RegionIx) -> bool,
    ) -> Option<(Vec<LinkIx>, f64)> {
        let rail = |_, e: &Edge| (e.kind == LinkKind::Rail && usable(e.to)).then_some(e.km);
        let paths = Paths::search(&self.edges, [from], Some(to), rail);
        let links = paths.route(to)?.iter().map(|e| e.link).collect();
        Some((links, paths.dist[to]))
    }

    /// The rail links joining two regions directly.
    pub fn rail_links(&self, a: RegionIx, b: RegionIx) -> impl Iterator<Item = LinkIx> + '_ {
        (self.edges[a].iter())
            .filter(move |e| e.to == b && e.kind == LinkKind::Rail)
            .map(|e| e.link)
    }
}

fn index<'a, I>(
    ids: impl Iterator<Item = &'a String>,
    ix: impl Fn(usize) -> I,
) -> BTreeMap<String, I> {
    ids.enumerate().map(|(i, id)| (id.clone(), ix(i))).collect()
}
