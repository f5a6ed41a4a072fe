//! Conditions and effects: the scenario's scripting, evaluated by the engine.

use super::catalog::{Catalog, FactionIx};
use super::chronicle::{Chronicle, Kind};
use super::ledger::{Ledger, TransferRecord};
use super::rail;
use super::roster::{self, Roster};
use super::state::*;
use super::strength::StrengthIndex;
use crate::date::Date;
use crate::scenario::{Condition, Effect, Selector, TreatyAction, TreatyStatus};
use bevy::prelude::*;
use rand::RngExt;

/// Read-only view of everything a condition may test.
pub struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub today: Date,
    pub script: &'a Script,
    pub diplo: &'a Diplomacy,
    pub treaties: &'a Treaties,
    pub control: &'a Control,
    pub strength: &'a StrengthIndex,
    pub perception: &'a Perception,
    pub baseline: &'a StrengthIndex,
}

impl<'a> Ctx<'a> {
    /// Borrows the view from a world (the catalog is passed separately, being scoped out).
    pub fn of(world: &'a World, cat: &'a Catalog) -> Ctx<'a> {
        Ctx {
            cat,
            today: world.resource::<Calendar>().today,
            script: world.resource::<Script>(),
            diplo: world.resource::<Diplomacy>(),
            treaties: world.resource::<Treaties>(),
            control: world.resource::<Control>(),
            strength: world.resource::<StrengthIndex>(),
            perception: world.resource::<Perception>(),
            baseline: &world.resource::<Baseline>().0,
        }
    }

    fn faction(&self, id: &str) -> FactionIx {
        self.cat.faction(id).unwrap_or(0)
    }

    /// A strength measure as `observer` sees it (true value when no observer or estimate).
    fn measured(
        &self,
        faction: &str,
        scope: &crate::scenario::Scope,
        m: crate::scenario::Measure,
        observer: Option<&String>,
        base: bool,
    ) -> f64 {
        let f = self.faction(faction);
        let (factor, lag) = observer
            .and_then(|o| self.perception.0.get(&(self.faction(o), f)).copied())
            .unwrap_or((1.0, 0));
        let index = if base { self.baseline } else { self.strength };
        let lag = if base { 0 } else { lag };
        index.total(self.cat, f, scope, m, lag) * factor
    }
}

/// Evaluates a condition. `Chance` draws from the run's RNG, in evaluation order.
pub fn eval(c: &Condition, ctx: &Ctx, rng: &mut SimRng) -> bool {
    match c {
        Condition::Always => true,
        Condition::Never => false,
        Condition::After(d) => ctx.today >= *d,
        Condition::Before(d) => ctx.today < *d,
        Condition::Flag(f) => ctx.script.flags.contains(f),
        Condition::Var { name, op, value } => {
            op.holds(ctx.script.vars.get(name).copied().unwrap_or(0.0), *value)
        }
        Condition::Treaty { treaty, status } => ctx
            .cat
            .treaty_ix
            .get(treaty)
            .is_some_and(|&t| ctx.treaties.0[t].status == *status),
        Condition::AtWar(a, b) => {
            let (a, b) = (ctx.faction(a), ctx.faction(b));
            ctx.diplo
                .at_war(ctx.cat.bloc[a as usize], ctx.cat.bloc[b as usize])
        }
        Condition::Strength {
            faction,
            scope,
            measure,
            op,
            value,
            perceived_by,
        } => op.holds(
            ctx.measured(faction, scope, *measure, perceived_by.as_ref(), false),
            *value,
        ),
        Condition::StrengthRatio {
            faction,
            scope,
            measure,
            op,
            value,
            perceived_by,
        } => {
            let now = ctx.measured(faction, scope, *measure, perceived_by.as_ref(), false);
            let then = ctx.measured(faction, scope, *measure, perceived_by.as_ref(), true);
            let ratio = if then > 0.0 { now / then } else { 1.0 };
            op.holds(ratio, *value)
        }
        Condition::Controls { faction, region } => {
            let f = ctx.faction(faction);
            ctx.cat.region(region).is_some_and(|r| {
                ctx.cat.bloc[ctx.control.0[r as usize] as usize] == ctx.cat.bloc[f as usize]
            })
        }
        Condition::Fired(e) => ctx
            .cat
            .event_ix
            .get(e)
            .is_some_and(|&i| ctx.script.events[i].fired > 0),
        Condition::Chose { decision, option } => {
            ctx.cat.decision_ix.get(decision).is_some_and(|&i| {
                ctx.script.decisions[i]
                    .is_some_and(|(_, o)| ctx.cat.scenario.decisions[i].options[o].id == *option)
            })
        }
        Condition::Chance(p) => rng.0.random::<f64>() < *p,
        Condition::All(cs) => cs.iter().all(|c| eval(c, ctx, rng)),
        Condition::Any(cs) => cs.iter().any(|c| eval(c, ctx, rng)),
        Condition::Not(c) => !eval(c, ctx, rng),
    }
}

/// Formations an effect selects, in roster order.
pub fn select(world: &World, cat: &Catalog, sel: &Selector) -> Vec<(Entity, String)> {
    select_where(world, cat, sel, false)
}

/// [`select`], optionally taking formations on the march too (matched by the region they left).
fn select_where(
    world: &World,
    cat: &Catalog,
    sel: &Selector,
    marching: bool,
) -> Vec<(Entity, String)> {
    let Some(faction) = cat.faction(&sel.faction) else {
        return Vec::new();
    };
    let region = sel.region.as_deref().and_then(|r| cat.region(r));
    let types: Vec<usize> = sel
        .types
        .iter()
        .filter_map(|t| cat.type_ix.get(t).copied())
        .collect();
    let limit = sel.count.map_or(usize::MAX, |c| c as usize);
    let roster = world.resource::<Roster>();
    let mut out = Vec::new();
    for e in roster.entities() {
        if out.len() >= limit {
            break;
        }
        let (Some(info), Some(loc)) = (world.get::<FormationInfo>(e), world.get::<Location>(e))
        else {
            continue;
        };
        let at = match loc {
            Location::At(r) => r,
            Location::March { from, .. } if marching => from,
            _ => continue,
        };
        let ok = info.faction == faction
            && region.is_none_or(|r| r == *at)
            && sel
                .theatre
                .as_deref()
                .is_none_or(|t| cat.theatre_of(*at) == t)
            && (types.is_empty() || types.contains(&info.kind));
        if ok {
            out.push((e, info.id.clone()));
        }
    }
    out
}

/// Applies one effect to the world. `source` names the event or decision, for the chronicle.
pub fn apply(world: &mut World, cat: &Catalog, fx: &Effect) {
    let today = world.resource::<Calendar>().today;
    match fx {
        Effect::SetFlag(f) => {
            world.resource_mut::<Script>().flags.insert(f.clone());
        }
        Effect::ClearFlag(f) => {
            world.resource_mut::<Script>().flags.remove(f);
        }
        Effect::SetVar(n, v) => {
            world.resource_mut::<Script>().vars.insert(n.clone(), *v);
        }
        Effect::AddVar(n, v) => {
            *world
                .resource_mut::<Script>()
                .vars
                .entry(n.clone())
                .or_insert(0.0) += v;
        }
        Effect::Spawn(f) => {
            if roster::spawn_formation(world, cat, f, 1.0).is_some() {
                world
                    .resource_mut::<Chronicle>()
                    .add(
                        today,
                        Kind::Event,
                        format!("{} appears at {}", f.name, region_name(cat, &f.location)),
                    )
                    .faction(&f.faction)
                    .region(&f.location);
            }
        }
        Effect::Remove(id) => {
            roster::despawn_formation(world, id);
        }
        Effect::Teleport { formation, to } => {
            if let (Some(e), Some(r)) = (world.resource::<Roster>().get(formation), cat.region(to))
            {
                world.entity_mut(e).insert(Location::At(r));
            }
        }
        Effect::RailTransfer { formation, to } => {
            if let (Some(e), Some(r)) = (world.resource::<Roster>().get(formation), cat.region(to))
            {
                rail::order(world, cat, e, r);
            }
        }
        Effect::RailTransferMany { select: sel, to } => {
            if let Some(r) = cat.region(to) {
                for (e, _) in select(world, cat, sel) {
                    rail::order(world, cat, e, r);
                }
            }
        }
        Effect::Treaty { treaty, action, by } => {
            if let Some(&t) = cat.treaty_ix.get(treaty) {
                treaty_action(world, cat, t, *action, by.as_deref());
            }
        }
        Effect::DeclareWar(a, b) => {
            if let (Some(a), Some(b)) = (cat.faction(a), cat.faction(b)) {
                declare_war(world, cat, a, b);
            }
        }
        Effect::Peace(a, b) => {
            if let (Some(a), Some(b)) = (cat.faction(a), cat.faction(b)) {
                let (x, y) = (cat.bloc[a as usize], cat.bloc[b as usize]);
                if world.resource_mut::<Diplomacy>().set_war(x, y, false) {
                    let text = format!(
                        "Peace between {} and {}",
                        faction_name(cat, x),
                        faction_name(cat, y)
                    );
                    world
                        .resource_mut::<Chronicle>()
                        .add(today, Kind::War, text);
                }
            }
        }
        Effect::SetPlan {
            faction,
            stance,
            objectives,
        } => {
            if let Some(f) = cat.faction(faction) {
                let objs = objectives.iter().filter_map(|o| cat.region(o)).collect();
                let mut d = world.resource_mut::<Diplomacy>();
                d.factions[f as usize].stance = *stance;
                d.factions[f as usize].objectives = objs;
            }
        }
        Effect::SetPosture {
            select: sel,
            posture,
        } => {
            for (e, _) in select(world, cat, sel) {
                world.entity_mut(e).insert(FormationPosture(*posture));
            }
        }
        Effect::SetAxis {
            select: sel,
            objectives,
        } => {
            let axis = AdvanceAxis(objectives.iter().filter_map(|r| cat.region(r)).collect());
            for (e, _) in select(world, cat, sel) {
                world.entity_mut(e).insert(axis.clone());
            }
        }
        Effect::Surrender(sel) => surrender(world, cat, sel),
        Effect::Resupply {
            select: sel,
            amount,
        } => {
            // Transport aircraft find columns on the road as well as halted ones.
            for (e, _) in select_where(world, cat, sel, true) {
                if let Some(mut s) = world.get_mut::<Supply>(e) {
                    s.0 = (s.0 + amount).clamp(0.0, 1.0);
                }
            }
        }
        Effect::Outcome(name) => record_outcome(world, name),
        Effect::Chronicle(text) => {
            world
                .resource_mut::<Chronicle>()
                .add(today, Kind::Event, text.clone());
        }
    }
}

/// Records a named outcome once, with today's date.
pub fn record_outcome(world: &mut World, name: &str) {
    let today = world.resource::<Calendar>().today;
    let mut ledger = world.resource_mut::<Ledger>();
    if ledger.outcome(name).is_none() {
        ledger.outcomes.push((name.to_string(), today));
        world
            .resource_mut::<Chronicle>()
            .add(today, Kind::Outcome, format!("Outcome: {name}"));
        world
            .resource_mut::<Script>()
            .flags
            .insert(name.to_string());
    }
}

pub fn faction_name(cat: &Catalog, f: FactionIx) -> &str {
    &cat.scenario.factions[f as usize].name
}

fn region_name<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.region(id)
        .map_or(id, |r| &cat.scenario.regions[r as usize].name)
}

/// Starts a war between two blocs; a binding non-aggression or neutrality treaty between them is violated by the declarer.
pub fn declare_war(world: &mut World, cat: &Catalog, a: FactionIx, b: FactionIx) {
    let today = world.resource::<Calendar>().today;
    let (x, y) = (cat.bloc[a as usize], cat.bloc[b as usize]);
    if x == y || world.resource::<Diplomacy>().at_war(x, y) {
        return;
    }
    for (t, def) in cat.scenario.treaties.iter().enumerate() {
        let parties: Vec<FactionIx> = def
            .parties
            .iter()
            .filter_map(|p| cat.faction(p))
            .map(|p| cat.bloc[p as usize])
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
    let text = format!(
        "{} declares war on {}",
        faction_name(cat, a),
        faction_name(cat, b)
    );
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::War, text)
        .faction(cat.faction_id(a));
}

/// Changes a treaty's status as the scenario asks; an action that makes no sense in the current status is logged and ignored.
pub fn treaty_action(
    world: &mut World,
    cat: &Catalog,
    t: usize,
    action: TreatyAction,
    by: Option<&str>,
) {
    let today = world.resource::<Calendar>().today;
    let def = &cat.scenario.treaties[t];
    let mut treaties = world.resource_mut::<Treaties>();
    let st = &mut treaties.0[t];
    let new = match (action, st.status) {
        (TreatyAction::Sign, TreatyStatus::Draft) => TreatyStatus::Signed,
        (TreatyAction::Ratify, TreatyStatus::Draft | TreatyStatus::Signed) => {
            st.in_force = Some(today);
            st.expires = Some(today.add_years(def.term_years as i32));
            TreatyStatus::InForce
        }
        (TreatyAction::Denounce, TreatyStatus::InForce) => {
            st.denounced = Some(today);
            // Notice given too late for this term lets it renew once more.
            if let Some(exp) = st.expires
                && def.auto_renew
                && exp.days_since(today) < def.notice_days as i32
            {
                st.expires = Some(exp.add_years(def.term_years as i32));
            }
            TreatyStatus::Denounced
        }
        (TreatyAction::Violate, s) if s.binding() => TreatyStatus::Violated,
        (TreatyAction::Expire, s) if s.binding() || s == TreatyStatus::Signed => {
            TreatyStatus::Expired
        }
        (_, s) => {
            let text =
                format!("{}: cannot {:?} while {:?}; ignored", def.name, action, s).to_lowercase();
            world
                .resource_mut::<Chronicle>()
                .add(today, Kind::Treaty, text);
            return;
        }
    };
    st.status = new;
    st.history.push((today, new, by.map(str::to_string)));
    let expires = st.expires;
    let by_name = by
        .and_then(|b| cat.faction(b))
        .map(|f| faction_name(cat, f).to_string());
    let text = match (new, by_name) {
        (TreatyStatus::Signed, _) => format!("{} signed", def.name),
        (TreatyStatus::InForce, _) => format!(
            "{} in force until {}",
            def.name,
            expires.map_or("-".into(), |d| d.to_string())
        ),
        (TreatyStatus::Denounced, by) => format!(
            "{} denounced{}; it binds until {} (notice {} days)",
            def.name,
            by.map_or(String::new(), |b| format!(" by {b}")),
            expires.map_or("-".into(), |d| d.to_string()),
            def.notice_days
        ),
        (TreatyStatus::Violated, by) => {
            format!(
                "{} violated{}",
                def.name,
                by.map_or(String::new(), |b| format!(" by {b}"))
            )
        }
        (TreatyStatus::Expired, _) => format!("{} expired", def.name),
        (TreatyStatus::Draft, _) => format!("{} reverts to draft", def.name),
    };
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::Treaty, text);
}

fn surrender(world: &mut World, cat: &Catalog, sel: &Selector) {
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
            .faction_id(world.get::<FormationInfo>(e).map_or(0, |i| i.faction))
            .to_string();
        let mut ledger = world.resource_mut::<Ledger>();
        let l = ledger.losses.entry(faction).or_default();
        l.captured += s.men;
        l.tanks += s.tanks;
        men += s.men;
        count += 1;
        roster::despawn_formation(world, &id);
    }
    let text = format!(
        "{count} formations of {} surrender: {:.0} men taken prisoner",
        sel.faction, men
    );
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::Combat, text)
        .faction(&sel.faction);
}

/// A record for the ledger when a transfer is ordered.
pub fn transfer_record(
    cat: &Catalog,
    info: &FormationInfo,
    s: &Strength,
    from: u16,
    to: u16,
    today: Date,
) -> TransferRecord {
    TransferRecord {
        formation: info.id.clone(),
        faction: cat.faction_id(info.faction).to_string(),
        from_theatre: cat.theatre_of(from).to_string(),
        to_theatre: cat.theatre_of(to).to_string(),
        to: cat.region_id(to).to_string(),
        ordered: today,
        departed: None,
        arrived: None,
        men: s.men,
        tanks: s.tanks,
        guns: s.guns,
        division: cat.scenario.formation_types[info.kind].division,
    }
}
