//! Per-object checks: references between objects, duplicate ids, ranges,
//! dates, and `allow` lists that name no warning.

use super::{Obj, Reporter, diag, q};
use crate::date::Date;
use crate::scenario::codes::{self, Code};
use crate::scenario::types::*;
use std::collections::BTreeSet;

/// What an id refers to, for "unknown ..." errors.
#[derive(Clone, Copy)]
pub enum Kind {
    Faction,
    Region,
    Type,
    Formation,
    Treaty,
    Event,
    Decision,
    Theatre,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Faction => "faction",
            Kind::Region => "region",
            Kind::Type => "formation type",
            Kind::Formation => "formation",
            Kind::Treaty => "treaty",
            Kind::Event => "event",
            Kind::Decision => "decision",
            Kind::Theatre => "theatre",
        }
    }

    fn code(self) -> Code {
        match self {
            Kind::Faction => codes::UNKNOWN_FACTION,
            Kind::Region => codes::UNKNOWN_REGION,
            Kind::Type => codes::UNKNOWN_TYPE,
            Kind::Formation => codes::UNKNOWN_FORMATION,
            Kind::Treaty => codes::UNKNOWN_TREATY,
            Kind::Event => codes::UNKNOWN_EVENT,
            Kind::Decision => codes::UNKNOWN_DECISION,
            Kind::Theatre => codes::UNKNOWN_THEATRE,
        }
    }
}

impl Reporter<'_> {
    /// Reports `id` if no object of `kind` has it, with the nearest ids as a hint.
    pub fn reference(&mut self, kind: Kind, id: &str) {
        let set = match kind {
            Kind::Faction => &self.ids.factions,
            Kind::Region => &self.ids.regions,
            Kind::Type => &self.ids.types,
            Kind::Formation => &self.ids.formations,
            Kind::Treaty => &self.ids.treaties,
            Kind::Event => &self.ids.events,
            Kind::Decision => &self.ids.decisions,
            Kind::Theatre => &self.ids.theatres,
        };
        if !set.contains(id) {
            let hint = self.suggest(id, set.iter().copied());
            self.report(
                diag(kind.code(), format!("unknown {} `{id}`", kind.name())).hint(hint),
                &q(id),
            );
        }
    }

    /// Reports a number outside `lo..=hi` at its field.
    pub fn range(&mut self, field: &str, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            let bound = if hi == f64::INFINITY {
                format!("at least {lo}")
            } else {
                format!("between {lo} and {hi}")
            };
            self.report(
                diag(
                    codes::OUT_OF_RANGE,
                    format!("`{field}` is {v}; it must be {bound}"),
                ),
                &format!("{field}:"),
            );
        }
    }

    /// A `(low, high)` pair: non-negative, low first.
    pub(super) fn span(&mut self, field: &str, (lo, hi): (f64, f64)) {
        if lo > hi || lo < 0.0 {
            self.report(
                diag(
                    codes::OUT_OF_RANGE,
                    format!(
                        "`{field}` ({lo}, {hi}) must be a range of non-negative numbers, low first"
                    ),
                ),
                &format!("{field}:"),
            );
        }
    }

    pub(super) fn date_in_period(&mut self, what: &str, d: Date) {
        let m = &self.s.meta;
        // An impossible period is reported once, not at every date.
        if m.start <= m.end && (d < m.start || d > m.end) {
            self.report(
                diag(
                    codes::DATE_OUTSIDE_PERIOD,
                    format!(
                        "{what} {d} lies outside the scenario period {} – {}",
                        m.start, m.end
                    ),
                ),
                &q(&d.to_string()),
            );
        }
    }

    pub(super) fn end_before_start(&mut self, from: Date, until: Date, field: &str) {
        if until < from {
            self.report(
                diag(
                    codes::END_BEFORE_START,
                    format!("`{field}` {until} is before `from` {from}"),
                ),
                &format!("{field}:"),
            );
        }
    }

    /// Entries of an `allow` list must name warnings.
    pub(super) fn allow_list(&mut self, allow: &[String]) {
        for a in allow {
            match codes::find(a) {
                Some(c) if c.is_warning() => {}
                Some(c) => self.report(
                    diag(
                        codes::UNKNOWN_ALLOW,
                        format!(
                            "`{a}` is an error ({}); only warnings can be allowed",
                            c.name
                        ),
                    ),
                    &q(a),
                ),
                None => {
                    let warnings = codes::ALL.iter().filter(|c| c.is_warning());
                    let hint = self.suggest(a, warnings.map(|c| c.code));
                    self.report(
                        diag(codes::UNKNOWN_ALLOW, format!("`{a}` names no warning")).hint(hint),
                        &q(a),
                    )
                }
            }
        }
    }
}

/// Reports the second and later uses of each id in a list.
fn duplicates<'a>(
    r: &mut Reporter<'_>,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    obj: impl Fn(usize) -> Obj,
) {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            r.enter(obj(i));
            r.report_duplicate(
                diag(
                    codes::DUPLICATE_ID,
                    format!("`{id}` is defined twice in `{what}`"),
                ),
                id,
            );
        }
    }
}

pub fn check(r: &mut Reporter) {
    let s = r.s;
    meta(r);
    duplicates(
        r,
        "factions",
        s.factions.iter().map(|f| f.id.as_str()),
        Obj::Faction,
    );
    duplicates(
        r,
        "regions",
        s.regions.iter().map(|f| f.id.as_str()),
        Obj::Region,
    );
    duplicates(
        r,
        "formation_types",
        s.formation_types.iter().map(|f| f.id.as_str()),
        Obj::Type,
    );
    duplicates(
        r,
        "formations",
        s.formations.iter().map(|f| f.id.as_str()),
        Obj::Formation,
    );
    duplicates(
        r,
        "treaties",
        s.treaties.iter().map(|f| f.id.as_str()),
        Obj::Treaty,
    );
    duplicates(
        r,
        "events",
        s.events.iter().map(|f| f.id.as_str()),
        Obj::Event,
    );
    duplicates(
        r,
        "decisions",
        s.decisions.iter().map(|f| f.id.as_str()),
        Obj::Decision,
    );
    duplicates(
        r,
        "fronts",
        s.params.fronts.iter().map(|f| f.id.as_str()),
        Obj::Front,
    );
    duplicates(
        r,
        "history",
        s.history.iter().map(|f| f.id.as_str()),
        Obj::History,
    );
    duplicates(r, "flags", s.flags.iter().map(|f| f.as_str()), |_| {
        Obj::Section("flags")
    });
    duplicates(
        r,
        "variables",
        s.variables.iter().map(|v| v.name.as_str()),
        |_| Obj::Section("variables"),
    );
    for (i, f) in s.factions.iter().enumerate() {
        r.enter(Obj::Faction(i));
        r.allow_list(&f.allow);
        for o in f.at_war_with.iter().chain(&f.allies) {
            r.reference(Kind::Faction, o);
        }
        for o in &f.plan.objectives {
            r.reference(Kind::Region, o);
        }
    }
    for (i, g) in s.regions.iter().enumerate() {
        r.enter(Obj::Region(i));
        r.allow_list(&g.allow);
        r.reference(Kind::Faction, &g.owner);
        r.range("lat", g.lat, -90.0, 90.0);
        r.range("lon", g.lon, -180.0, 180.0);
        r.range("fort", g.fort, 0.0, 3.0);
        r.range("value", g.value, 0.0, f64::INFINITY);
    }
    for (i, t) in s.formation_types.iter().enumerate() {
        r.enter(Obj::Type(i));
        r.range("speed_km", t.speed_km, 0.0, 1_000.0);
    }
    for (i, f) in s.formations.iter().enumerate() {
        r.enter(Obj::Formation(i));
        r.allow_list(&f.allow);
        formation(r, f);
    }
    for (i, t) in s.treaties.iter().enumerate() {
        r.enter(Obj::Treaty(i));
        treaty(r, t);
    }
    for (i, e) in s.events.iter().enumerate() {
        r.enter(Obj::Event(i));
        r.allow_list(&e.allow);
        trigger(r, &e.trigger);
        effects(r, &e.effects);
    }
    for (i, d) in s.decisions.iter().enumerate() {
        r.enter(Obj::Decision(i));
        decision(r, d);
    }
    super::params::check(r);
}

fn meta(r: &mut Reporter) {
    let m = &r.s.meta;
    r.enter(Obj::Section("meta"));
    if m.end < m.start {
        r.report(
            diag(
                codes::END_BEFORE_START,
                format!(
                    "the scenario ends ({}) before it starts ({})",
                    m.end, m.start
                ),
            ),
            "end:",
        );
    }
    if m.format > FORMAT_VERSION {
        r.report(
            diag(
                codes::NEWER_FORMAT,
                format!(
                    "format {} is newer than this pact understands ({FORMAT_VERSION})",
                    m.format
                ),
            )
            .hint("upgrade pact"),
            "format:",
        );
    }
    for (what, empty) in [
        ("factions", r.s.factions.is_empty()),
        ("regions", r.s.regions.is_empty()),
    ] {
        if empty {
            r.enter(Obj::Section("meta"));
            r.report(
                diag(
                    codes::EMPTY_SECTION,
                    format!("the scenario has no {what}; it needs at least one"),
                ),
                &format!("{what}:"),
            );
        }
    }
}

fn formation(r: &mut Reporter, f: &Formation) {
    r.reference(Kind::Faction, &f.faction);
    r.reference(Kind::Type, &f.kind);
    r.reference(Kind::Region, &f.location);
    if let Some(p) = &f.parent {
        r.reference(Kind::Formation, p);
    }
    for x in &f.axis {
        r.reference(Kind::Region, x);
    }
    for (field, v) in [
        ("men", f.men),
        ("tanks", f.tanks),
        ("guns", f.guns),
        ("aircraft", f.aircraft),
    ] {
        r.range(field, v, 0.0, f64::INFINITY);
    }
    r.range("quality", f.quality, 0.0, 1.0);
    r.range("winter", f.winter, 0.0, 1.0);
    if let Some(sp) = f.spread {
        r.span("spread", sp);
    }
}

fn treaty(r: &mut Reporter, t: &Treaty) {
    r.allow_list(&t.allow);
    for p in &t.parties {
        r.reference(Kind::Faction, p);
    }
    if t.parties.len() < 2 {
        r.report(
            diag(
                codes::TOO_FEW_PARTIES,
                format!(
                    "treaty `{}` has {} parties; it needs two or more",
                    t.id,
                    t.parties.len()
                ),
            ),
            "parties:",
        );
    }
    if t.status.binding() && t.in_force.is_none() {
        r.report(
            diag(
                codes::MISSING_DATE,
                format!(
                    "treaty `{}` starts {} but has no `in_force` date",
                    t.id,
                    crate::scenario::parse::snake(&format!("{:?}", t.status)).replace('_', " ")
                ),
            ),
            "status:",
        );
    }
    // Terms are added to dates as years: keep them within the calendar.
    r.range("term_years", t.term_years as f64, 1.0, 1_000.0);
    for (field, d) in [("signed", t.signed), ("in_force", t.in_force)] {
        if let Some(d) = d {
            r.date_in_period(&format!("`{field}`"), d);
        }
    }
    let mut seen = BTreeSet::new();
    for c in &t.clauses {
        if !seen.insert(c.id.as_str()) {
            r.report_duplicate(
                diag(
                    codes::DUPLICATE_ID,
                    format!("clause `{}` is defined twice in treaty `{}`", c.id, t.id),
                ),
                &c.id,
            );
        }
    }
}

fn trigger(r: &mut Reporter, t: &Trigger) {
    if let (Some(a), Some(b)) = (t.from, t.until) {
        r.end_before_start(a, b, "until");
    }
    r.range("chance", t.chance, 0.0, 1.0);
    condition(r, &t.when);
}

fn decision<'a>(r: &mut Reporter<'a>, d: &'a Decision) {
    r.allow_list(&d.allow);
    r.reference(Kind::Faction, &d.faction);
    trigger(r, &d.offered);
    if d.options.is_empty() {
        r.report(
            diag(
                codes::EMPTY_SECTION,
                format!("decision `{}` has no options", d.id),
            ),
            "options:",
        );
    } else if !d.options.iter().any(|o| o.id == d.historical) {
        let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
        r.report(
            diag(
                codes::UNKNOWN_OPTION,
                format!("historical option `{}` is not an option", d.historical),
            )
            .hint(r.suggest(&d.historical, ids.iter().copied())),
            &q(&d.historical),
        );
    }
    let mut seen = BTreeSet::new();
    for o in &d.options {
        if !seen.insert(o.id.as_str()) {
            r.report_duplicate(
                diag(
                    codes::DUPLICATE_ID,
                    format!("option `{}` is defined twice in decision `{}`", o.id, d.id),
                ),
                &o.id,
            );
        }
        r.range("weight", o.weight, 0.0, f64::INFINITY);
        for m in &o.modifiers {
            r.range("factor", m.factor, 0.0, f64::INFINITY);
            condition(r, &m.when);
        }
        effects(r, &o.effects);
    }
}

fn scope(r: &mut Reporter, scope: &Scope) {
    match scope {
        Scope::Region(g) => r.reference(Kind::Region, g),
        Scope::Theatre(t) => r.reference(Kind::Theatre, t),
        Scope::Everywhere => {}
    }
}

fn condition(r: &mut Reporter, c: &Condition) {
    match c {
        Condition::Treaty { treaty, .. } => r.reference(Kind::Treaty, treaty),
        Condition::AtWar(a, b) => {
            r.reference(Kind::Faction, a);
            r.reference(Kind::Faction, b);
        }
        Condition::Strength {
            faction,
            scope: sc,
            perceived_by,
            ..
        }
        | Condition::StrengthRatio {
            faction,
            scope: sc,
            perceived_by,
            ..
        } => {
            r.reference(Kind::Faction, faction);
            if let Some(p) = perceived_by {
                r.reference(Kind::Faction, p);
            }
            scope(r, sc);
        }
        Condition::Controls { faction, region } => {
            r.reference(Kind::Faction, faction);
            r.reference(Kind::Region, region);
        }
        Condition::Fired(e) => r.reference(Kind::Event, e),
        Condition::Chose { decision, option } => {
            r.reference(Kind::Decision, decision);
            if let Some(d) = r.s.decisions.iter().find(|d| &d.id == decision)
                && !d.options.iter().any(|o| &o.id == option)
            {
                let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
                r.report(
                    diag(
                        codes::UNKNOWN_OPTION,
                        format!("decision `{decision}` has no option `{option}`"),
                    )
                    .hint(r.suggest(option, ids.iter().copied())),
                    &q(option),
                );
            }
        }
        Condition::Chance(p) => r.range("chance", *p, 0.0, 1.0),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| condition(r, c)),
        Condition::Not(c) => condition(r, c),
        Condition::After(d) | Condition::Before(d) => r.date_in_period("the date", *d),
        Condition::Always | Condition::Never | Condition::Flag(_) | Condition::Var { .. } => {}
    }
}

fn selector(r: &mut Reporter, sel: &Selector) {
    r.reference(Kind::Faction, &sel.faction);
    if let Some(g) = &sel.region {
        r.reference(Kind::Region, g);
    }
    if let Some(t) = &sel.theatre {
        r.reference(Kind::Theatre, t);
    }
    for t in &sel.types {
        r.reference(Kind::Type, t);
    }
}

/// Outcomes must be listed in `meta.outcomes` for summaries to report them.
pub fn outcome(r: &mut Reporter, name: &str) {
    let outcomes = &r.s.meta.outcomes;
    if !outcomes.iter().any(|o| o == name) {
        let hint = r.suggest(name, outcomes.iter().map(|s| s.as_str()));
        r.report(
            diag(
                codes::UNDECLARED_OUTCOME,
                format!("outcome `{name}` is not listed in `meta.outcomes`"),
            )
            .hint(hint),
            &q(name),
        );
    }
}

fn effects<'a>(r: &mut Reporter<'a>, list: &'a [Effect]) {
    for fx in list {
        effect(r, fx);
    }
}

fn effect<'a>(r: &mut Reporter<'a>, fx: &'a Effect) {
    match fx {
        Effect::Spawn(f) => {
            r.focus(q(&f.id), &f.allow);
            r.allow_list(&f.allow);
            formation(r, f);
            r.unfocus();
        }
        Effect::Remove(f) => r.reference(Kind::Formation, f),
        Effect::Teleport { formation, to } | Effect::RailTransfer { formation, to } => {
            r.reference(Kind::Formation, formation);
            r.reference(Kind::Region, to);
        }
        Effect::RailTransferMany { select, to } => {
            selector(r, select);
            r.reference(Kind::Region, to);
        }
        Effect::Treaty { treaty, by, .. } => {
            r.reference(Kind::Treaty, treaty);
            if let Some(b) = by {
                r.reference(Kind::Faction, b);
            }
        }
        Effect::DeclareWar(a, b) | Effect::Peace(a, b) => {
            r.reference(Kind::Faction, a);
            r.reference(Kind::Faction, b);
        }
        Effect::SetPlan {
            faction,
            objectives,
            ..
        } => {
            r.reference(Kind::Faction, faction);
            for o in objectives {
                r.reference(Kind::Region, o);
            }
        }
        Effect::SetPosture { select, .. } | Effect::Surrender(select) => selector(r, select),
        Effect::SetAxis { select, objectives } => {
            selector(r, select);
            for o in objectives {
                r.reference(Kind::Region, o);
            }
        }
        // Supply is clamped to 0–1 after adding `amount`: any finite value is safe.
        Effect::Resupply { select, .. } => selector(r, select),
        Effect::Outcome(o) => outcome(r, o),
        Effect::SetFlag(_)
        | Effect::ClearFlag(_)
        | Effect::SetVar(..)
        | Effect::AddVar(..)
        | Effect::Chronicle(_) => {}
    }
}
