//! Combat in regions where enemies meet: one day of fighting per region,
//! resolved by the scenario's combat model; a defender overwhelmed gives
//! ground if it can, and surrenders if it cannot.

use super::catalog::{Catalog, FactionIx, LinkIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::command::{FormationOrder, Standing};
use super::ledger::{Ledger, Losses};
use super::occupancy::{Occupancy, Occupant};
use super::state::*;
use super::terrain;
use crate::scenario::{CombatModel, CombatParams, LinkKind, Posture, Terrain};
use bevy::prelude::*;
use rand::RngExt;
use std::collections::{BTreeMap, BTreeSet};

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

/// Helmbold's family: shares go as ratio^-h (attacker) and ratio^h (defender).
/// h = 1 is the square law, ½ the linear law, 0 the logarithmic law.
pub struct Helmbold(Option<f64>);

impl Attrition for Helmbold {
    fn losses(&self, ratio: f64, p: &CombatParams) -> (f64, f64) {
        let h = self.0.unwrap_or(p.loss_exponents.1);
        let r = ratio.max(1e-6);
        (
            (p.loss_rate * libm::pow(r, -h) * p.side_loss.0).min(0.5),
            (p.loss_rate * libm::pow(r, h) * p.side_loss.1).min(0.5),
        )
    }
}

pub fn model(m: CombatModel) -> &'static dyn Attrition {
    match m {
        CombatModel::ForceRatio => &ForceRatio,
        CombatModel::Lanchester => &Lanchester,
        CombatModel::LanchesterLinear => &Helmbold(Some(0.5)),
        CombatModel::Logarithmic => &Helmbold(Some(0.0)),
        CombatModel::Helmbold => &Helmbold(None),
    }
}

/// Combat power of a formation: weighted equipment × quality × supply.
pub fn power(s: &Strength, supply: f64, p: &CombatParams) -> f64 {
    let (wm, wt, wg, wa) = p.weights;
    (s.men * wm + s.tanks * wt + s.guns * wg + s.aircraft * wa)
        * (0.5 + s.quality)
        * (0.4 + 0.6 * supply)
}

/// Fort level of a prepared defence's field works: what a formation holding
/// its ground for `dig_in_days` has, and what `pact battles` gives CDB90's
/// prepared defences.
pub const PREPARED_WORKS: f64 = 1.0;

/// A defender's power where it stands: its own, times what its ground and its
/// works add. What an attack must beat; the operational AI reckons with it too.
pub fn held_power(p: &CombatParams, power: f64, terrain: Terrain, fort: f64) -> f64 {
    // Kept as one left-to-right product: reordering changes the last bit and the checksums.
    power * terrain::terrain(&p.terrain_defence, terrain) * (1.0 + p.fort_bonus * fort)
}

/// Where a day's fight is fought: what helps the defender besides its own power.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    pub terrain: Terrain,
    /// Fortification level, 0 (none) to 3 (fortified district).
    pub fort: f64,
    /// Width of the front, km: how densely the two sides stand on it.
    pub front_km: f64,
}

/// One side of a day's fight: its whole power, its men, and the share of them
/// that fight to the last (their faction's `fights_to_the_last`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Force {
    pub power: f64,
    pub men: f64,
    pub last_stand: f64,
}

/// How far an engagement has gone: the day it is on (1 = the first) and the
/// share of each side's strength it has cost so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Engagement {
    pub day: u32,
    pub attacker_lost: f64,
    pub defender_lost: f64,
}

impl Engagement {
    /// The engagement after a day that cost these shares (of what was left).
    pub fn after(self, attacker_loss: f64, defender_loss: f64) -> Engagement {
        let more = |lost: f64, f: f64| 1.0 - (1.0 - lost) * (1.0 - f.clamp(0.0, 1.0));
        Engagement {
            day: self.day.saturating_add(1),
            attacker_lost: more(self.attacker_lost, attacker_loss),
            defender_lost: more(self.defender_lost, defender_loss),
        }
    }

    /// Whether (attacker, defender) has lost its breakpoint share.
    pub fn broken(&self, p: &CombatParams) -> (bool, bool) {
        (
            self.attacker_lost >= p.breakpoint.0,
            self.defender_lost >= p.breakpoint.1,
        )
    }
}

/// What one day of one engagement does to its two sides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayResult {
    /// Attacker's power in action over the defender's, after ground, works and luck.
    pub ratio: f64,
    /// Shares of each side's strength lost this day.
    pub attacker_loss: f64,
    pub defender_loss: f64,
    /// The defender is overwhelmed and gives ground (or surrenders if it cannot).
    pub defender_yields: bool,
    /// A side has lost its breakpoint share in this engagement and breaks off.
    pub attacker_breaks: bool,
    pub defender_breaks: bool,
    /// The engagement after this day.
    pub engagement: Engagement,
}

/// Shares each side loses at `ratio` after `days_fought` days of an engagement,
/// before the front's density counts: the scenario's attrition rule, and battles
/// are fiercest at first (day n costs n^-intensity_decay of day one).
pub fn attrition(p: &CombatParams, ratio: f64, days_fought: u32) -> (f64, f64) {
    let (a, d) = model(p.model).losses(ratio, p);
    if p.intensity_decay <= 0.0 {
        return (a, d);
    }
    let intensity = libm::pow(f64::from(days_fought) + 1.0, -p.intensity_decay);
    (a * intensity, d * intensity)
}

/// Losses grow with the density of men on the front (both sides, per km): packed
/// troops are easier to hit (CDB90: dense battles cost larger shares).
pub fn crowding(p: &CombatParams, men: f64, front_km: f64) -> f64 {
    if p.density_exponent == 0.0 {
        return 1.0;
    }
    let density = men / front_km.max(0.1);
    libm::pow(
        density.max(1.0) / p.front_density.max(1.0),
        p.density_exponent,
    )
}

/// One day of one engagement, the single rule that both the campaign and
/// `pact battles` fight by: sides in, shares lost and who gives way out.
/// `so_far` is the engagement before this day (its `day` the days already
/// fought); `luck` is the day's random factor on the ratio (1 = none), drawn
/// by the caller so this stays a pure function.
pub fn fight_day(
    p: &CombatParams,
    att: Force,
    def: Force,
    field: &Field,
    so_far: Engagement,
    luck: f64,
) -> DayResult {
    let def_power = held_power(p, def.power, field.terrain, field.fort);
    let ratio = (att.power / def_power.max(1.0)) * luck;
    let (a, d) = attrition(p, ratio, so_far.day);
    let crowd = crowding(p, att.men + def.men, field.front_km);
    // Men who will neither give up a lost position nor surrender die in it.
    let stand = |f: &Force| 1.0 + (p.last_stand_losses - 1.0) * f.last_stand.clamp(0.0, 1.0);
    let (attacker_loss, defender_loss) = (
        (a * crowd * stand(&att)).min(0.5),
        (d * crowd * stand(&def)).min(0.5),
    );
    let engagement = so_far.after(attacker_loss, defender_loss);
    let (attacker_breaks, defender_breaks) = engagement.broken(p);
    DayResult {
        ratio,
        attacker_loss,
        defender_loss,
        defender_yields: ratio >= p.retreat_ratio,
        attacker_breaks,
        defender_breaks,
        engagement,
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

/// Engagements under way, by region: announced once in the chronicle, and
/// their day and cost so far (battles are fiercest at first; a side breaks at
/// its breakpoint share lost).
#[derive(Resource, Clone, Debug, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Battles(pub BTreeMap<RegionIx, Engagement>);

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
    orders: Query<&FormationOrder>,
) {
    let p = &cat.scenario.params.combat;
    // Held under a hold order for `dig_in_days`: dug in.
    let dug_in = |o: &Occupant| {
        orders
            .get(o.entity)
            .ok()
            .and_then(|x| x.0)
            .is_some_and(|s| {
                matches!(s, Standing::Hold { since }
                if cal.today.days_since(since) >= i32::try_from(p.dig_in_days).unwrap_or(i32::MAX))
            })
    };
    for (r, here) in RegionIx::all(occ.0.len()).zip(&occ.0) {
        let owner = control.owner_bloc(&cat, r);
        // Most regions on most days hold no fight: seen before anything is gathered,
        // and Battles left untouched (so the daily checksum reuses its hash).
        let fight = here.iter().any(|o| o.bloc == owner)
            && here
                .iter()
                .any(|o| o.bloc != owner && diplo.at_war(o.bloc, owner));
        if !fight {
            if !battles.0.is_empty() && battles.0.contains_key(&r) {
                battles.0.remove(&r);
            }
            continue;
        }
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
        let force = |side: &[Occupant], q: &Fighters| {
            // Summed with the men who fight to the last in `last_stand`, then made a share.
            let sum = side.iter().filter_map(|o| q.get(o.entity).ok()).fold(
                Force {
                    power: 0.0,
                    men: 0.0,
                    last_stand: 0.0,
                },
                |f, (info, s, sup, _, _)| Force {
                    power: f.power + power(s, sup.0, p),
                    men: f.men + s.men,
                    last_stand: f.last_stand
                        + if fights_to_the_last(&cat, info.faction) {
                            s.men
                        } else {
                            0.0
                        },
                },
            );
            Force {
                last_stand: if sum.men > 0.0 {
                    sum.last_stand / sum.men
                } else {
                    0.0
                },
                ..sum
            }
        };
        let att = force(&attackers, &q);
        let def = force(&defenders, &q);
        // Most of the defence dug in: a prepared defence, with field works.
        let dug: Vec<Occupant> = defenders.iter().copied().filter(|o| dug_in(o)).collect();
        let works = if 2.0 * force(&dug, &q).power >= def.power && def.power > 0.0 {
            region.fort.max(PREPARED_WORKS)
        } else {
            region.fort
        };
        let so_far = match battles.0.get(&r) {
            Some(e) => *e,
            None => {
                let text = format!(
                    "Battle for {}: {} attacks",
                    region.name,
                    faction_list(&cat, &attackers)
                );
                chronicle
                    .add(cal.today, Kind::Combat, text)
                    .region(&region.id);
                Engagement::default()
            }
        };
        let luck = 1.0 + p.noise * (rng.0.random::<f64>() * 2.0 - 1.0);
        let field = Field {
            terrain: region.terrain,
            fort: works,
            front_km: p.front_km,
        };
        let day = fight_day(p, att, def, &field, so_far, luck);
        battles.0.insert(r, day.engagement);
        let mut breaking = Breaking {
            cat: &cat,
            control: &control,
            diplo: &diplo,
            occ: &occ,
            region: r,
            q: &mut q,
            ledger: &mut ledger,
            chronicle: &mut chronicle,
            today: cal.today,
        };
        // Who leaves the field tonight. A defence overwhelmed but not broken gives
        // ground only if it has somewhere to go: cut off, it fights on where it
        // stands until it breaks (only a broken side that cannot retreat surrenders).
        let attackers_leave = day.attacker_breaks && !day.defender_breaks;
        let defenders_leave = if day.defender_breaks {
            Some(Leaving::All)
        } else if attackers_leave {
            None
        } else if day.defender_yields && breaking.refuge(defenders[0].bloc).is_some() {
            Some(Leaving::FieldTroops)
        } else {
            None
        };
        // Whoever keeps the field finds its missing among the dead; whoever
        // leaves it loses them as prisoners (garrisons of an overwhelmed defence stay).
        let att_field = attackers_leave.then_some(Leaving::All);
        inflict(
            &cat,
            &attackers,
            day.attacker_loss,
            att_field,
            breaking.q,
            breaking.ledger,
        );
        inflict(
            &cat,
            &defenders,
            day.defender_loss,
            defenders_leave,
            breaking.q,
            breaking.ledger,
        );
        if attackers_leave {
            // The attack is spent: the attackers fall back whence they can; the fight is over.
            breaking.give_ground(&attackers, Leaving::All, "Attackers at");
            battles.0.remove(&r);
        } else if day.defender_breaks {
            // The engagement goes on while a garrison that does not surrender holds its works.
            if !breaking.give_ground(&defenders, Leaving::All, "Defenders of") {
                battles.0.remove(&r);
            }
        } else if defenders_leave == Some(Leaving::FieldTroops) {
            // Overwhelmed but not broken: the field troops give ground, garrisons hold their works.
            breaking.give_ground(&defenders, Leaving::FieldTroops, "Defenders of");
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

/// Takes a day's losses off a side; `leaving` says who of it gives ground
/// that day (none: it keeps the field), which decides where its missing go.
fn inflict(
    cat: &Catalog,
    side: &[Occupant],
    frac: f64,
    leaving: Option<Leaving>,
    q: &mut Fighters,
    ledger: &mut Ledger,
) {
    let p = &cat.scenario.params.combat;
    for o in side {
        let Ok((info, mut s, _, posture, _)) = q.get_mut(o.entity) else {
            continue;
        };
        let leaves = match leaving {
            None => false,
            Some(Leaving::All) => true,
            Some(Leaving::FieldTroops) => posture.0 != Posture::Garrison,
        };
        let (men, tanks) = take_losses(&mut s, frac);
        let l = ledger
            .losses
            .entry(cat.faction_id(info.faction).to_string())
            .or_default();
        // An army that does not surrender leaves no prisoners: its missing are dead.
        book(
            l,
            men,
            tanks,
            p,
            leaves && !fights_to_the_last(cat, info.faction),
        );
    }
}

/// Whether a faction's formations fight to the last rather than surrender in the field.
fn fights_to_the_last(cat: &Catalog, f: FactionIx) -> bool {
    cat.scenario.factions[f].fights_to_the_last
}

/// Books men and tanks lost in the fighting: killed, wounded, and the rest
/// missing. Where the missing go comes from what happened: a side that gives
/// ground leaves them to the enemy, as prisoners (`taken`); a side that keeps
/// the field finds them among the dead (irrecoverable losses, as Krivosheev
/// counts the killed and missing together).
pub fn book(l: &mut Losses, men: f64, tanks: f64, p: &CombatParams, taken: bool) {
    let missing = men * (1.0 - p.killed_share - p.wounded_share).max(0.0);
    l.killed += men * p.killed_share;
    l.wounded += men * p.wounded_share;
    if taken {
        l.captured += missing;
    } else {
        l.killed += missing;
    }
    l.tanks += tanks;
}

/// Who leaves when a side gives way.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Leaving {
    /// The whole side is broken: it falls back, and what cannot (garrisons, the cut off)
    /// surrenders, or, in an army that does not surrender, fights on where it stands.
    All,
    /// Overwhelmed: the field troops fall back; garrisons stay and fight on in their works.
    FieldTroops,
}

/// What a side giving way in one region changes.
struct Breaking<'a, 'w, 's> {
    cat: &'a Catalog,
    control: &'a Control,
    diplo: &'a Diplomacy,
    occ: &'a Occupancy,
    region: RegionIx,
    q: &'a mut Fighters<'w, 's>,
    ledger: &'a mut Ledger,
    chronicle: &'a mut Chronicle,
    today: crate::date::Date,
}

impl Breaking<'_, '_, '_> {
    /// A side that gives way falls back to a neighbouring region its bloc holds;
    /// what cannot (cut off, or a garrison when the whole side is broken) surrenders,
    /// or fights on if its army does not surrender.
    /// Where a side of `bloc` can fall back to from the region: ground its bloc
    /// holds that no enemy stands in, over land: a beaten garrison does not put to
    /// sea (Vladivostok's defenders did not sail to Kamchatka), it is cut off.
    /// Which neighbour is still the first in file order: falling back towards the
    /// depots moved Taonan's fall a day past its tolerance; a real choice of line
    /// belongs to the operational AI (issue 13). (region, link, km).
    fn refuge(&self, bloc: FactionIx) -> Option<(RegionIx, LinkIx, f64)> {
        let cat = self.cat;
        cat.edges[self.region]
            .iter()
            .find(|e| {
                cat.scenario.links[e.link].kind != LinkKind::Sea
                    && self.control.owner_bloc(cat, e.to) == bloc
                    && !self.occ.hostile(e.to, bloc, |x, y| self.diplo.at_war(x, y))
            })
            .map(|e| (e.to, e.link, e.km))
    }

    /// Returns whether anyone of the side stays in the region (garrisons in their works).
    fn give_ground(&mut self, side: &[Occupant], leaving: Leaving, who: &str) -> bool {
        let cat = self.cat;
        let Some(first) = side.first() else {
            return false;
        };
        let bloc = first.bloc;
        let r = self.region;
        let refuge = self.refuge(bloc);
        let p = &cat.scenario.params.combat;
        let (mut fell_back, mut surrendered, mut stayed) = (false, 0.0, false);
        for o in side {
            let Ok((info, mut s, _, posture, mut loc)) = self.q.get_mut(o.entity) else {
                continue;
            };
            let garrison = posture.0 == Posture::Garrison;
            if garrison && leaving == Leaving::FieldTroops {
                stayed = true;
                continue;
            }
            let l = self
                .ledger
                .losses
                .entry(cat.faction_id(info.faction).to_string())
                .or_default();
            match refuge {
                Some((to, link, km)) if !garrison => {
                    // Broken contact costs stragglers and prisoners (fitted on real battles).
                    if p.rout_loss > 0.0 {
                        let (men, tanks) = take_losses(&mut s, p.rout_loss);
                        l.captured += men;
                        l.tanks += tanks;
                    }
                    *loc = Location::march(r, to, link, km);
                    fell_back = true;
                }
                // Cut off, or a garrison in its works, in an army that does not surrender:
                // it can neither fall back nor lay down its arms, so it fights on where it
                // stands until it is destroyed or its side capitulates (Hutou, 9 – 26 Aug 1945).
                _ if fights_to_the_last(cat, info.faction) => stayed = true,
                _ => {
                    // Cut off, or a garrison broken in its works: the remnant lays down its arms.
                    l.captured += s.men;
                    surrendered += s.men;
                    s.men = 0.0;
                    s.tanks = 0.0;
                    s.guns = 0.0;
                }
            }
        }
        let region = &cat.scenario.regions[r];
        let mut say = |text: String| {
            self.chronicle
                .add(self.today, Kind::Combat, text)
                .region(&region.id);
        };
        if let (true, Some((to, ..))) = (fell_back, refuge) {
            say(format!(
                "{who} {} fall back to {}",
                region.name, cat.scenario.regions[to].name
            ));
        }
        if surrendered > 0.0 {
            say(format!(
                "{who} {} overwhelmed: {surrendered:.0} men captured",
                region.name
            ));
        }
        stayed
    }
}
