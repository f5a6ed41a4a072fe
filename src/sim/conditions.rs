//! Conditions: what a scenario's events and decisions may test, and the formations its effects select.

use super::catalog::{Catalog, FactionIx, TypeIx};
use super::roster::Roster;
use super::state::*;
use super::strength::StrengthIndex;
use crate::date::Date;
use crate::scenario::{Condition, Selector};
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
        self.cat.faction(id).unwrap_or_default()
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
            ctx.diplo.at_war(ctx.cat.bloc_of(a), ctx.cat.bloc_of(b))
        }
        Condition::Strength { .. } | Condition::StrengthRatio { .. } => c.view().is_some_and(|t| {
            let seen = |at_start| {
                let by = t.perceived_by.as_ref();
                ctx.measured(t.faction, t.scope, *t.measure, by, at_start)
            };
            let now = seen(false);
            let measured = if matches!(c, Condition::StrengthRatio { .. }) {
                let then = seen(true);
                if then > 0.0 { now / then } else { 1.0 }
            } else {
                now
            };
            t.op.holds(measured, *t.value)
        }),
        Condition::Controls { faction, region } => {
            let f = ctx.faction(faction);
            ctx.cat
                .region(region)
                .is_some_and(|r| ctx.control.owner_bloc(ctx.cat, r) == ctx.cat.bloc_of(f))
        }
        Condition::Fired(e) => ctx
            .cat
            .event_ix
            .get(e)
            .is_some_and(|&i| ctx.script.events[i].fired > 0),
        Condition::Since { event, days } => ctx
            .cat
            .event_ix
            .get(event)
            .and_then(|&i| ctx.script.events[i].last)
            .is_some_and(|d| i64::from(ctx.today.days_since(d)) >= i64::from(*days)),
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
pub(super) fn select_where(
    world: &World,
    cat: &Catalog,
    sel: &Selector,
    marching: bool,
) -> Vec<(Entity, String)> {
    let Some(faction) = cat.faction(&sel.faction) else {
        return Vec::new();
    };
    let region = sel.region.as_deref().and_then(|r| cat.region(r));
    let types: Vec<TypeIx> = sel
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
            Location::March(m) if marching => &m.from,
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
