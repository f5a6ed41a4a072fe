//! Combat in regions where enemies meet: one day of fighting per region,
//! resolved by the scenario's combat model; a defender overwhelmed gives
//! ground if it can, and surrenders if it cannot.

use super::catalog::{Catalog, FactionIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::ledger::Ledger;
use super::occupancy::{Occupancy, Occupant};
use super::state::*;
use super::terrain;
use crate::scenario::{CombatModel, CombatParams, LinkKind, Posture, Terrain};
use bevy::prelude::*;
use rand::RngExt;
use std::collections::BTreeSet;

/// A rule that turns two sides' power into a day's fractional losses.
pub trait Attrition {
    /// (attacker's fraction lost, defender's fraction lost) for a power ratio attacker/defender.
    fn losses(&self, ratio: f64, p: &CombatParams) -> (f64, f64);
}

/// Force-ratio table, smoothed: losses grow with the ratio against you, as in a board wargame's CRT.
pub struct ForceRatio;

impl Attrition for ForceRatio {
    fn losses(&self, ratio: f64, p: &CombatParams) -> (f64, f64) {
        let (ea, ed) = p.loss_exponents;
        let att = p.loss_rate * libm::pow(ratio, ea).clamp(0.25, 3.0) * p.side_loss.0;
        let def = p.loss_rate * libm::pow(ratio, ed).clamp(0.1, 8.0) * p.side_loss.1;
        (att.min(0.5), def.min(0.5))
    }
}

/// Lanchester square law: each side's fractional loss is proportional to the enemy's power over its own.
pub struct Lanchester;

impl Attrition for Lanchester {
    fn losses(&self, ratio: f64, p: &CombatParams) -> (f64, f64) {
        (
            (p.loss_rate / ratio * p.side_loss.0).min(0.5),
            (p.loss_rate * ratio * p.side_loss.1).min(0.5),
        )
    }
}

pub fn model(m: CombatModel) -> &'static dyn Attrition {
    match m {
        CombatModel::ForceRatio => &ForceRatio,
        CombatModel::Lanchester => &Lanchester,
    }
}

/// Combat power of a formation: weighted equipment × quality × supply.
pub fn power(s: &Strength, supply: f64, p: &CombatParams) -> f64 {
    let (wm, wt, wg, wa) = p.weights;
    (s.men * wm + s.tanks * wt + s.guns * wg + s.aircraft * wa)
        * (0.5 + s.quality)
        * (0.4 + 0.6 * supply)
}

/// Where a day's fight is fought: what helps the defender besides its own power.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    pub terrain: Terrain,
    /// Fortification level, 0 (none) to 3 (fortified district).
    pub fort: f64,
}

/// What one day of one engagement does to its two sides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayResult {
    /// Attacker's power over the defender's, after ground, works and luck.
    pub ratio: f64,
    /// Shares of each side's strength lost this day.
    pub attacker_loss: f64,
    pub defender_loss: f64,
    /// The defender is overwhelmed and gives ground (or surrenders if it cannot).
    pub defender_yields: bool,
}

/// One day of one engagement, the single rule that both the campaign and
/// `pact battles` fight by: sides' powers in, shares lost out. `luck` is the
/// day's random factor on the ratio (1 = none), drawn by the caller so this
/// stays a pure function.
pub fn fight_day(p: &CombatParams, att: f64, def: f64, field: &Field, luck: f64) -> DayResult {
    // Kept as one left-to-right product: reordering changes the last bit and the checksums.
    let def = def
        * terrain::terrain(&p.terrain_defence, field.terrain)
        * (1.0 + p.fort_bonus * field.fort);
    let ratio = (att / def.max(1.0)) * luck;
    let (attacker_loss, defender_loss) = model(p.model).losses(ratio, p);
    DayResult {
        ratio,
        attacker_loss,
        defender_loss,
        defender_yields: ratio >= p.retreat_ratio,
    }
}

/// Takes a day's share `frac` off a formation or side; returns (men, tanks) lost.
/// Tanks burn faster than men die; aircraft, mostly off the field, slower.
pub fn take_losses(s: &mut Strength, frac: f64) -> (f64, f64) {
    let men = s.men * frac;
    let tanks = s.tanks * (frac * 1.2).min(1.0);
    s.men -= men;
    s.tanks -= tanks;
    s.guns *= 1.0 - frac;
    s.aircraft *= 1.0 - frac * 0.5;
    (men, tanks)
}

/// The components combat reads and changes.
type Fighters<'w, 's> = Query<
    'w,
    's,
    (
        &'static FormationInfo,
        &'static mut Strength,
        &'static Supply,
        &'static FormationPosture,
        &'static mut Location,
    ),
>;

/// Regions with fighting under way (for the chronicle: a battle is announced once).
#[derive(Resource, Clone, Debug, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Battles(pub BTreeSet<RegionIx>);

pub fn run_combat(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    occ: Res<Occupancy>,
    mut rng: ResMut<SimRng>,
    mut battles: ResMut<Battles>,
    mut ledger: ResMut<Ledger>,
    mut chronicle: ResMut<Chronicle>,
    mut q: Fighters,
) {
    let p = &cat.scenario.params.combat;
    for (r, here) in RegionIx::all(occ.0.len()).zip(&occ.0) {
        let owner = control.owner_bloc(&cat, r);
        let defenders: Vec<Occupant> = here.iter().copied().filter(|o| o.bloc == owner).collect();
        let attackers: Vec<Occupant> = here
            .iter()
            .copied()
            .filter(|o| diplo.at_war(o.bloc, owner))
            .collect();
        if attackers.is_empty() || defenders.is_empty() {
            battles.0.remove(&r);
            continue;
        }
        let region = &cat.scenario.regions[r];
        let side_power = |side: &[Occupant], q: &Fighters| {
            side.iter()
                .filter_map(|o| q.get(o.entity).ok())
                .map(|(_, s, sup, _, _)| power(s, sup.0, p))
                .sum::<f64>()
        };
        let att = side_power(&attackers, &q);
        let def = side_power(&defenders, &q);
        if battles.0.insert(r) {
            let text = format!(
                "Battle for {}: {} attacks",
                region.name,
                faction_list(&cat, &attackers)
            );
            chronicle
                .add(cal.today, Kind::Combat, text)
                .region(&region.id);
        }
        let luck = 1.0 + p.noise * (rng.0.random::<f64>() * 2.0 - 1.0);
        let field = Field {
            terrain: region.terrain,
            fort: region.fort,
        };
        let day = fight_day(p, att, def, &field, luck);
        inflict(&cat, &attackers, day.attacker_loss, &mut q, &mut ledger);
        inflict(&cat, &defenders, day.defender_loss, &mut q, &mut ledger);
        if day.defender_yields {
            give_ground(
                &cat,
                &control,
                &diplo,
                &occ,
                r,
                &defenders,
                &mut q,
                &mut ledger,
                &mut chronicle,
                cal.today,
            );
        }
    }
}

fn faction_list(cat: &Catalog, side: &[Occupant]) -> String {
    let set: BTreeSet<FactionIx> = side.iter().map(|o| o.faction).collect();
    set.iter()
        .map(|&f| cat.scenario.factions[f].name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn inflict(cat: &Catalog, side: &[Occupant], frac: f64, q: &mut Fighters, ledger: &mut Ledger) {
    let p = &cat.scenario.params.combat;
    for o in side {
        let Ok((info, mut s, _, _, _)) = q.get_mut(o.entity) else {
            continue;
        };
        let (men, tanks) = take_losses(&mut s, frac);
        let l = ledger
            .losses
            .entry(cat.faction_id(info.faction).to_string())
            .or_default();
        l.killed += men * p.killed_share;
        l.wounded += men * p.wounded_share;
        l.captured += men * (1.0 - p.killed_share - p.wounded_share).max(0.0);
        l.tanks += tanks;
    }
}

/// An overwhelmed defender falls back to a neighbouring friendly region; garrisons and the cut-off surrender.
fn give_ground(
    cat: &Catalog,
    control: &Control,
    diplo: &Diplomacy,
    occ: &Occupancy,
    r: RegionIx,
    defenders: &[Occupant],
    q: &mut Fighters,
    ledger: &mut Ledger,
    chronicle: &mut Chronicle,
    today: crate::date::Date,
) {
    let Some(first) = defenders.first() else {
        return;
    };
    let bloc = first.bloc;
    // Friendly ground no enemy stands in, over land: a beaten garrison does not put
    // to sea (Vladivostok's defenders did not sail to Kamchatka), it is cut off.
    // Which neighbour is still the first in file order: falling back towards the
    // depots moved Taonan's fall a day past its tolerance; a real choice of
    // line belongs to the operational AI (issue 13).
    let refuge = cat.edges[r]
        .iter()
        .find(|e| {
            cat.scenario.links[e.link].kind != LinkKind::Sea
                && control.owner_bloc(cat, e.to) == bloc
                && !occ.hostile(e.to, bloc, |x, y| diplo.at_war(x, y))
        })
        .map(|e| (e.to, e.link, e.km));
    let region = &cat.scenario.regions[r];
    let mut surrendered = 0.0;
    for o in defenders {
        let Ok((info, mut s, _, posture, mut loc)) = q.get_mut(o.entity) else {
            continue;
        };
        match refuge {
            Some((to, link, km)) if posture.0 != Posture::Garrison => {
                // Broken contact costs stragglers and prisoners (fitted on real battles).
                let p = &cat.scenario.params.combat;
                if p.rout_loss > 0.0 {
                    let (men, tanks) = take_losses(&mut s, p.rout_loss);
                    let l = ledger
                        .losses
                        .entry(cat.faction_id(info.faction).to_string())
                        .or_default();
                    l.captured += men;
                    l.tanks += tanks;
                }
                *loc = Location::March {
                    from: r,
                    to,
                    link,
                    done_km: 0.0,
                    total_km: km,
                };
            }
            _ => {
                // Cut off or ordered to hold: the remnant lays down its arms.
                let l = ledger
                    .losses
                    .entry(cat.faction_id(info.faction).to_string())
                    .or_default();
                l.captured += s.men;
                surrendered += s.men;
                s.men = 0.0;
                s.tanks = 0.0;
                s.guns = 0.0;
            }
        }
    }
    let text = match refuge {
        Some((to, ..)) => format!(
            "Defenders of {} fall back to {}",
            region.name, cat.scenario.regions[to].name
        ),
        None => format!(
            "Defenders of {} overwhelmed: {:.0} men captured",
            region.name, surrendered
        ),
    };
    chronicle.add(today, Kind::Combat, text).region(&region.id);
}
