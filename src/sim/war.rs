//! Wars and peace between blocs, and formations laying down their arms.

use super::catalog::{Catalog, FactionIx};
use super::chronicle::{Chronicle, Kind};
use super::conditions::select_where;
use super::ledger::Ledger;
use super::roster;
use super::state::*;
use super::treaties::treaty_action;
use crate::scenario::{Selector, TreatyAction};
use bevy::prelude::*;

/// A faction's display name.
pub fn faction_name(cat: &Catalog, f: FactionIx) -> &str {
    &cat.scenario.factions[f].name
}

/// Starts a war between two blocs; a binding non-aggression or neutrality treaty between them is violated by the declarer.
pub fn declare_war(world: &mut World, cat: &Catalog, a: FactionIx, b: FactionIx) {
    let today = world.resource::<Calendar>().today;
    let (x, y) = (cat.bloc_of(a), cat.bloc_of(b));
    if x == y || world.resource::<Diplomacy>().at_war(x, y) {
        return;
    }
    for (t, def) in cat.scenario.treaties.iter().enumerate() {
        let parties: Vec<FactionIx> = def
            .parties
            .iter()
            .filter_map(|p| cat.faction(p))
            .map(|p| cat.bloc_of(p))
            .collect();
        let binds = parties.contains(&x) && parties.contains(&y);
        let peaceful = def.clauses.iter().any(|c| {
            matches!(
                c.kind,
                crate::scenario::ClauseKind::NonAggression
                    | crate::scenario::ClauseKind::Neutrality
            )
        });
        if binds && peaceful && world.resource::<Treaties>().0[t].status.binding() {
            treaty_action(
                world,
                cat,
                t,
                TreatyAction::Violate,
                Some(cat.faction_id(a)),
            );
        }
    }
    world.resource_mut::<Diplomacy>().set_war(x, y, true);
    let (an, bn) = (faction_name(cat, a), faction_name(cat, b));
    let text = format!("{an} declares war on {bn}");
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::War, text)
        .faction(cat.faction_id(a));
}

/// Ends the war between two factions' blocs, if they are at war.
pub fn make_peace(world: &mut World, cat: &Catalog, a: FactionIx, b: FactionIx) {
    let today = world.resource::<Calendar>().today;
    let (x, y) = (cat.bloc_of(a), cat.bloc_of(b));
    if world.resource_mut::<Diplomacy>().set_war(x, y, false) {
        let (xn, yn) = (faction_name(cat, x), faction_name(cat, y));
        let text = format!("Peace between {xn} and {yn}");
        world
            .resource_mut::<Chronicle>()
            .add(today, Kind::War, text);
    }
}

/// Formations chosen by `sel` (on the march too) lay down their arms. As
/// `prisoners`, the ledger counts their men captured; else they disperse and
/// go home, prisoners of nobody (deserting or dissolving puppet troops).
pub fn surrender(world: &mut World, cat: &Catalog, sel: &Selector, prisoners: bool) {
    let today = world.resource::<Calendar>().today;
    // A column falling back when the order comes lays down its arms too.
    let chosen = select_where(world, cat, sel, true);
    if chosen.is_empty() {
        return;
    }
    let (mut men, mut count) = (0.0, 0);
    for (e, id) in chosen {
        let Some(s) = world.get::<Strength>(e).copied() else {
            continue;
        };
        let faction = cat
            .faction_id(
                world
                    .get::<FormationInfo>(e)
                    .map_or(FactionIx::default(), |i| i.faction),
            )
            .to_string();
        if prisoners {
            let mut ledger = world.resource_mut::<Ledger>();
            let l = ledger.losses.entry(faction).or_default();
            l.captured += s.men;
            l.tanks += s.tanks;
        }
        men += s.men;
        count += 1;
        let at = world.get::<Location>(e).and_then(|l| l.region());
        super::effects::mark_scripted(world, at);
        roster::despawn_formation(world, &id);
    }
    let side = cat
        .faction(&sel.faction)
        .map_or(sel.faction.as_str(), |f| faction_name(cat, f));
    let text = match (prisoners, count == 1) {
        (true, true) => format!("1 formation of {side} surrenders: {men:.0} men taken prisoner"),
        (true, false) => {
            format!("{count} formations of {side} surrender: {men:.0} men taken prisoner")
        }
        (false, true) => format!("1 formation of {side} disperses: {men:.0} men go home"),
        (false, false) => format!("{count} formations of {side} disperse: {men:.0} men go home"),
    };
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::Combat, text)
        .faction(&sel.faction);
}
