//! Abstract fronts off the map (the German drive on Moscow, 1941): the
//! attacker advances while it outweighs the defender, more slowly in mud and
//! frost; the defender's power is a base (the rest of the Red Army) plus the
//! formations standing in the front's region, e.g. divisions railed in from
//! the Far East, which count for more in winter if they are winter-ready.
//! The fighting costs the attacker and those formations by the combat rule.
//! Whether transfers decide the result is for the run to show, not the code.

use super::catalog::Catalog;
use super::chronicle::{Chronicle, Kind};
use super::combat::{attrition, book, power, take_losses};
use super::effects::record_outcome;
use super::ledger::{Ledger, Losses};
use super::roster::Roster;
use super::state::*;
use super::terrain;
use crate::scenario::AbstractFront;
use bevy::prelude::*;
use rand::RngExt;

/// One day of an abstract front; returns the new result if it changed.
fn advance(
    f: &AbstractFront,
    st: &mut FrontState,
    today: crate::date::Date,
    formations: f64,
    noise: f64,
) -> Option<FrontResult> {
    let month = today.month();
    let attack = st.attacker_power * terrain::month(&f.season, month);
    let defence = (st.defender_base + formations).max(1.0);
    let ratio = attack / defence * noise;
    st.last_ratio = ratio;
    let km = (f.base_advance_km * (ratio - 1.0)).clamp(0.0, 3.0 * f.base_advance_km);
    st.distance_km -= km;
    st.attacker_power = (st.attacker_power + f.attacker_change).max(0.0);
    st.defender_base = (st.defender_base + f.defender_change).max(0.0);
    if st.distance_km <= 0.0 {
        st.distance_km = 0.0;
        return Some(FrontResult::Fallen(today));
    }
    if today >= f.counter_from && defence / st.attacker_power.max(1.0) >= f.counter_ratio {
        return Some(FrontResult::Held(today));
    }
    (today >= f.until).then_some(FrontResult::Held(today))
}

pub fn run_fronts(world: &mut World) {
    Catalog::with(world, |world, cat| {
        let today = world.resource::<Calendar>().today;
        for (i, f) in cat.scenario.params.fronts.iter().enumerate() {
            let state = world.resource::<Fronts>().0[i].clone();
            if today < f.from
                || matches!(state.result, FrontResult::Fallen(_) | FrontResult::Held(_))
            {
                continue;
            }
            let who = committed(world, cat, f);
            let formations = power_of(world, cat, f, today.month(), &who);
            let noise = {
                let mut rng = world.resource_mut::<SimRng>();
                1.0 + f.noise * (rng.0.random::<f64>() * 2.0 - 1.0)
            };
            let mut st = state;
            if st.result == FrontResult::Pending {
                st.result = FrontResult::Active;
            }
            let result = advance(f, &mut st, today, formations, noise);
            let days = u32::try_from(today.days_since(f.from)).unwrap_or(0);
            st.attacker_power *= 1.0 - bleed(world, cat, f, days, st.last_ratio, &who);
            let distance = st.distance_km;
            if let Some(r) = result {
                st.result = r;
            }
            world.resource_mut::<Fronts>().0[i] = st;
            world
                .resource_mut::<Script>()
                .vars
                .insert(format!("{}.distance_km", f.id), distance);
            match result {
                Some(FrontResult::Fallen(_)) => {
                    let text = format!("{}: the objective falls", f.name);
                    world
                        .resource_mut::<Chronicle>()
                        .add(today, Kind::Front, text);
                    record_outcome(world, &f.fall_outcome);
                }
                Some(FrontResult::Held(_)) => {
                    let text = format!(
                        "{}: the attack is spent {distance:.0} km short; the defender counterattacks",
                        f.name
                    );
                    world
                        .resource_mut::<Chronicle>()
                        .add(today, Kind::Front, text);
                    record_outcome(world, &f.hold_outcome);
                }
                _ => {}
            }
        }
    });
}

/// The defender's formations in the front's region.
fn committed(world: &mut World, cat: &Catalog, f: &AbstractFront) -> Vec<Entity> {
    let (Some(region), Some(defender)) = (cat.region(&f.region), cat.faction(&f.defender)) else {
        return Vec::new();
    };
    let roster = world.resource::<Roster>();
    roster
        .entities()
        .filter(|&e| {
            let here = world.get::<Location>(e).and_then(|l| l.region()) == Some(region);
            let ours = world
                .get::<FormationInfo>(e)
                .is_some_and(|i| cat.bloc_of(i.faction) == cat.bloc_of(defender));
            here && ours
        })
        .collect()
}

/// Their power, winter readiness counting in winter months.
fn power_of(world: &World, cat: &Catalog, f: &AbstractFront, month: u32, who: &[Entity]) -> f64 {
    let winter = f.winter_months.contains(&month);
    let p = &cat.scenario.params.combat;
    who.iter()
        .filter_map(|&e| world.get::<Strength>(e))
        .map(|s| power(s, 1.0, p) * if winter { 0.5 + s.winter } else { 1.0 })
        .sum()
}

/// The committed formations lose the defending side's share of the day's fighting
/// by the scenario's attrition rule (the front's n-th day costing as a battle's
/// n-th day does), booked under the front: the 16th Army sent west in 1941 does
/// not arrive at Moscow whole in December after Smolensk.
fn bleed(
    world: &mut World,
    cat: &Catalog,
    f: &AbstractFront,
    days: u32,
    ratio: f64,
    who: &[Entity],
) -> f64 {
    let p = &cat.scenario.params.combat;
    let (attacker, share) = attrition(p, ratio, days);
    let share = share.min(0.5);
    let mut lost = Losses::default();
    for &e in who {
        if let Some(mut s) = world.get_mut::<Strength>(e) {
            let (men, tanks) = take_losses(&mut s, share);
            // The front's defenders fall back before the drive (1941): their missing are prisoners.
            book(&mut lost, men, tanks, p, true);
        }
    }
    let mut ledger = world.resource_mut::<Ledger>();
    *ledger.front_losses.entry(f.id.clone()).or_default() += lost;
    attacker.min(0.5)
}
