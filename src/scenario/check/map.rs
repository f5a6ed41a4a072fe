//! Map sanity: links that join real regions, regions their owners can reach,
//! and rail transfers that have a railway to run on.

use super::{Reporter, all_effects, diag};
use crate::scenario::codes;
use crate::scenario::graph::{Sets, blocs};
use crate::scenario::kinds::id_index;
use crate::scenario::parse::quoted;
use crate::scenario::types::*;
use std::collections::{BTreeMap, BTreeSet};

pub fn check(r: &mut Reporter) {
    let s = r.s;
    let ix = id_index::<Region>(s);
    let mut all = Sets::new(s.regions.len());
    let mut rail = Sets::new(s.regions.len());
    let mut pairs = BTreeSet::new();
    r.each::<Link>(|r, l| {
        r.allow_list(&l.allow);
        let ends = [&l.from, &l.to].map(|end| {
            let found = ix.get(end.as_str()).copied();
            if found.is_none() {
                let hint = r.suggest(end, ix.keys().copied());
                r.report(
                    diag(
                        codes::LINK_TO_NOWHERE,
                        format!("link {} – {}: there is no region `{end}`", l.from, l.to),
                    )
                    .hint(hint),
                    &quoted(end),
                );
            }
            found
        });
        if l.rail_capacity.is_some() {
            // Trains run on railways only: a capacity elsewhere is a slip
            // (the link's kind, or the capacity on the wrong link).
            if l.kind != LinkKind::Rail {
                r.report(
                    diag(
                        codes::CAPACITY_OFF_RAIL,
                        format!(
                            "link {} – {} has a `rail_capacity` but is a {} link: no train runs on it",
                            l.from,
                            l.to,
                            crate::names::name(&l.kind)
                        ),
                    )
                    .hint("make it `kind: rail`, or move the capacity to the railway"),
                    "rail_capacity:",
                );
            }
        }
        let [Some(a), Some(b)] = ends else { return };
        if a == b {
            r.report(
                diag(
                    codes::LINK_TO_ITSELF,
                    format!("link from `{}` to itself", l.from),
                ),
                "to:",
            );
            return;
        }
        // A road beside a railway is two links; two railways on one pair are a slip.
        if !pairs.insert((a.min(b), a.max(b), l.kind)) {
            r.report(
                diag(
                    codes::DUPLICATE_LINK,
                    format!(
                        "a second {} link joins `{}` and `{}`",
                        crate::names::name(&l.kind),
                        l.from,
                        l.to
                    ),
                )
                .hint("the engine uses both; merge them or remove one"),
                "from:",
            );
        }
        all.join(a, b);
        if l.kind == LinkKind::Rail {
            rail.join(a, b);
        }
    });
    unreachable(r, &mut all);
    rail_routes(r, &ix, &mut rail);
}

/// Regions cut off from the main body of their owner's bloc.
fn unreachable(r: &mut Reporter, all: &mut Sets) {
    let s = r.s;
    let bloc = blocs(s);
    let faction = id_index::<Faction>(s);
    // For each bloc: how many of its regions each part of the map holds.
    let mut parts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut owner_bloc = vec![None; s.regions.len()];
    for (i, g) in s.regions.iter().enumerate() {
        let Some(&f) = faction.get(g.owner.as_str()) else {
            continue;
        };
        owner_bloc[i] = Some(bloc[f]);
        *parts
            .entry(bloc[f])
            .or_default()
            .entry(all.root(i))
            .or_default() += 1;
    }
    // The main part: most regions; on a tie, the part of the bloc's first-listed region.
    let mut main = BTreeMap::new();
    for (i, b) in owner_bloc.iter().enumerate() {
        let Some(b) = b else { continue };
        let part = all.root(i);
        let count = parts[b][&part];
        main.entry(*b)
            .and_modify(|m: &mut (usize, usize)| {
                if count > m.1 {
                    *m = (part, count);
                }
            })
            .or_insert((part, count));
    }
    for (i, b) in owner_bloc.iter().enumerate() {
        let Some(b) = b else { continue };
        if all.root(i) != main[b].0 {
            let g = &s.regions[i];
            r.enter_object::<Region>(i);
            r.report(
                diag(
                    codes::UNREACHABLE_REGION,
                    format!(
                        "region `{}` (owner `{}`) cannot be reached over links from the other regions of its owner's side",
                        g.id, g.owner
                    ),
                )
                .hint("add a link to it, or `allow: [\"W042\"]` if it is meant to stand alone"),
                &quoted(&g.id),
            );
        }
    }
}

/// Where each formation can be: its start or spawn region, and where
/// teleports and rail transfers send it.
fn positions(s: &Scenario) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut at: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in &s.formations {
        at.entry(&f.id).or_default().insert(&f.location);
    }
    for fx in all_effects(s) {
        let (id, region) = match fx {
            Effect::Spawn(f) => (f.id.as_str(), f.location.as_str()),
            Effect::Teleport { formation, to } | Effect::RailTransfer { formation, to } => {
                (formation.as_str(), to.as_str())
            }
            _ => continue,
        };
        at.entry(id).or_default().insert(region);
    }
    at
}

/// Rail transfers whose destination no railway joins to anywhere the formation can be.
fn rail_routes(r: &mut Reporter, ix: &BTreeMap<&str, usize>, rail: &mut Sets) {
    let s = r.s;
    let at = positions(s);
    let mut check = |r: &mut Reporter, from: &[&str], to: &str, who: &str| {
        let Some(&t) = ix.get(to) else { return };
        let t = rail.root(t);
        let reached = from
            .iter()
            .filter_map(|f| ix.get(f))
            .any(|&f| rail.root(f) == t);
        // Unknown regions are reported as such; a formation only ever at `to` goes nowhere.
        if !reached && !from.is_empty() && from.iter().all(|f| ix.contains_key(f)) {
            r.report(
                diag(
                    codes::NO_RAIL_ROUTE,
                    format!(
                        "no railway joins `{to}` to {} ({who}): the transfer will not leave",
                        from.join(", ")
                    ),
                )
                .hint("add rail links, or move it with `teleport`"),
                &quoted(to),
            );
        }
    };
    let mut transfers = |r: &mut Reporter, effects: Vec<&Effect>| {
        for fx in effects {
            match fx {
                Effect::RailTransfer { formation, to } => {
                    let from: Vec<&str> = at
                        .get(formation.as_str())
                        .map(|set| set.iter().copied().filter(|x| x != to).collect())
                        .unwrap_or_default();
                    check(r, &from, to, &format!("where `{formation}` can be"));
                }
                Effect::RailTransferMany {
                    select:
                        Selector {
                            region: Some(g), ..
                        },
                    to,
                } if g != to => check(r, &[g.as_str()], to, "the selected formations' region"),
                _ => {}
            }
        }
    };
    r.each::<Event>(|r, e| transfers(r, e.effects.iter().collect()));
    r.each::<Decision>(|r, d| transfers(r, d.options.iter().flat_map(|o| &o.effects).collect()));
}
