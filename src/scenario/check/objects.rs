//! Per-object checks: references between objects, duplicate ids, ranges,
//! dates, and `allow` lists that name no warning.

use super::{Reporter, THEATRES, diag};
use crate::date::Date;
use crate::scenario::codes::{self, Code};
use crate::scenario::kinds::{EachKind, ObjectKind, Referable, each_kind};
use crate::scenario::parse::quoted;
use crate::scenario::types::*;
use std::collections::BTreeSet;

impl Reporter<'_> {
    /// Reports `id` if no object of kind `K` has it, with the nearest ids as a hint.
    pub fn reference<K: Referable>(&mut self, id: &str) {
        self.known(K::SECTION, K::NAME, K::UNKNOWN, id);
    }

    /// [`Self::reference`] for each id.
    pub fn references<'b, K: Referable>(&mut self, ids: impl IntoIterator<Item = &'b String>) {
        for id in ids {
            self.reference::<K>(id);
        }
    }

    /// Reports `id` if no region lies in a theatre of that name.
    pub fn theatre(&mut self, id: &str) {
        self.known(THEATRES, "theatre", codes::UNKNOWN_THEATRE, id);
    }

    fn known(&mut self, section: &str, name: &str, code: Code, id: &str) {
        let set = self.ids.get(section);
        if !set.contains(id) {
            let hint = self.suggest(id, set.iter().copied());
            self.report(
                diag(code, format!("unknown {name} `{id}`")).hint(hint),
                &quoted(id),
            );
        }
    }

    /// Reports a number outside `lo..=hi` at its field.
    pub fn range(&mut self, field: &str, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            let bound = match (lo.is_finite(), hi.is_finite()) {
                (true, false) => format!("at least {lo}"),
                (false, true) => format!("at most {hi}"),
                _ => format!("between {lo} and {hi}"),
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
                &quoted(&d.to_string()),
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
                    &quoted(a),
                ),
                None => {
                    let warnings = codes::ALL.iter().filter(|c| c.is_warning());
                    let hint = self.suggest(a, warnings.map(|c| c.code));
                    self.report(
                        diag(codes::UNKNOWN_ALLOW, format!("`{a}` names no warning")).hint(hint),
                        &quoted(a),
                    )
                }
            }
        }
    }
}

/// Reports the second and later uses of each id in a list; `enter(i)`
/// makes the `i`-th entry the object reported about.
fn duplicates<'a>(
    r: &mut Reporter<'a>,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    enter: impl Fn(&mut Reporter<'a>, usize),
) {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            enter(r, i);
            r.defined_twice("", id, &format!("`{what}`"));
        }
    }
}

pub fn check(r: &mut Reporter) {
    let s = r.s;
    meta(r);
    struct Unique<'r, 'a>(&'r mut Reporter<'a>);
    impl EachKind for Unique<'_, '_> {
        fn kind<K: ObjectKind>(&mut self) {
            let s = self.0.s;
            let ids = K::list(s).iter().filter_map(|x| x.id());
            duplicates(self.0, K::SECTION, ids, |r, i| r.enter_object::<K>(i));
        }
    }
    each_kind(&mut Unique(r));
    let fronts = s.params.fronts.iter().map(|f| f.id.as_str());
    duplicates(r, "fronts", fronts, |r, i| {
        r.enter_param("fronts", i, Some(&s.params.fronts[i].id))
    });
    let flags = s.flags.iter().map(|f| f.as_str());
    duplicates(r, "flags", flags, |r, _| r.enter_section("flags"));
    let variables = s.variables.iter().map(|v| v.name.as_str());
    duplicates(r, "variables", variables, |r, _| {
        r.enter_section("variables")
    });
    r.each::<Faction>(|r, f| {
        r.allow_list(&f.allow);
        r.references::<Faction>(f.at_war_with.iter().chain(&f.allies));
        r.references::<Region>(&f.plan.objectives);
    });
    r.each::<Region>(|r, g| {
        r.allow_list(&g.allow);
        r.reference::<Faction>(&g.owner);
    });
    r.each::<Formation>(|r, f| {
        r.allow_list(&f.allow);
        formation(r, f);
    });
    r.each(treaty);
    r.each::<Event>(|r, e| {
        r.allow_list(&e.allow);
        trigger(r, &e.trigger);
        effects(r, &e.effects);
    });
    r.each(decision);
    super::params::check(r);
}

fn meta(r: &mut Reporter) {
    let m = &r.s.meta;
    r.enter_section("meta");
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
            r.enter_section("meta");
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
    r.reference::<Faction>(&f.faction);
    r.reference::<FormationType>(&f.kind);
    r.reference::<Region>(&f.location);
    r.references::<Formation>(&f.parent);
    r.references::<Region>(&f.axis);
    if let Some(sp) = f.spread {
        r.span("spread", sp);
    }
}

fn treaty(r: &mut Reporter, t: &Treaty) {
    r.allow_list(&t.allow);
    r.references::<Faction>(&t.parties);
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
                    crate::names::words(&t.status)
                ),
            ),
            "status:",
        );
    }
    for (field, d) in [("signed", t.signed), ("in_force", t.in_force)] {
        if let Some(d) = d {
            r.date_in_period(&format!("`{field}`"), d);
        }
    }
    let mut seen = BTreeSet::new();
    for c in &t.clauses {
        if !seen.insert(c.id.as_str()) {
            r.defined_twice("clause ", &c.id, &format!("treaty `{}`", t.id));
        }
    }
}

fn trigger(r: &mut Reporter, t: &Trigger) {
    if let (Some(a), Some(b)) = (t.from, t.until) {
        r.end_before_start(a, b, "until");
    }
    condition(r, &t.when);
}

fn decision<'a>(r: &mut Reporter<'a>, d: &'a Decision) {
    r.allow_list(&d.allow);
    r.reference::<Faction>(&d.faction);
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
            &quoted(&d.historical),
        );
    }
    let mut seen = BTreeSet::new();
    for o in &d.options {
        if !seen.insert(o.id.as_str()) {
            r.defined_twice("option ", &o.id, &format!("decision `{}`", d.id));
        }
        for m in &o.modifiers {
            condition(r, &m.when);
        }
        effects(r, &o.effects);
    }
}

fn scope(r: &mut Reporter, scope: &Scope) {
    match scope {
        Scope::Region(g) => r.reference::<Region>(g),
        Scope::Theatre(t) => r.theatre(t),
        Scope::Everywhere => {}
    }
}

fn condition(r: &mut Reporter, c: &Condition) {
    match c {
        Condition::Treaty { treaty, .. } => r.reference::<Treaty>(treaty),
        Condition::AtWar(a, b) => {
            r.references::<Faction>([a, b]);
        }
        Condition::Strength { .. } | Condition::StrengthRatio { .. } => {
            if let Some(t) = c.view() {
                r.reference::<Faction>(t.faction);
                r.references::<Faction>(t.perceived_by);
                scope(r, t.scope);
            }
        }
        Condition::Controls { faction, region } => {
            r.reference::<Faction>(faction);
            r.reference::<Region>(region);
        }
        Condition::Fired(e) | Condition::Since { event: e, .. } => r.reference::<Event>(e),
        Condition::Chose { decision, option } => {
            r.reference::<Decision>(decision);
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
                    &quoted(option),
                );
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| condition(r, c)),
        Condition::Not(c) => condition(r, c),
        Condition::After(d) | Condition::Before(d) => r.date_in_period("the date", *d),
        Condition::Always
        | Condition::Never
        | Condition::Chance(_)
        | Condition::Flag(_)
        | Condition::Var { .. } => {}
    }
}

fn selector(r: &mut Reporter, sel: &Selector) {
    r.reference::<Faction>(&sel.faction);
    r.references::<Region>(&sel.region);
    if let Some(t) = &sel.theatre {
        r.theatre(t);
    }
    r.references::<FormationType>(&sel.types);
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
            &quoted(name),
        );
    }
}

/// E066: a `rail_capacity` line must run over rail links, region to region.
fn rail_line(r: &mut Reporter, line: &[String]) {
    let Some(first) = line.first() else {
        return r.report(
            diag(
                codes::NOT_A_RAIL_LINE,
                "`rail_capacity` names no regions: a line needs at least two",
            ),
            "line:",
        );
    };
    if line.len() == 1 {
        return r.report(
            diag(
                codes::NOT_A_RAIL_LINE,
                format!("`rail_capacity` names only `{first}`: a line needs at least two regions"),
            ),
            &quoted(first),
        );
    }
    let s = r.s;
    let known = |x: &String| s.regions.iter().any(|g| &g.id == x);
    for pair in line.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        // An unknown region is reported as such (E012), not as a broken line.
        let joined = !known(a)
            || !known(b)
            || s.links.iter().any(|l| {
                l.kind == LinkKind::Rail
                    && ((&l.from, &l.to) == (a, b) || (&l.from, &l.to) == (b, a))
            });
        if !joined {
            r.report(
                diag(
                    codes::NOT_A_RAIL_LINE,
                    format!("no rail link joins `{a}` and `{b}` on this `rail_capacity` line"),
                )
                .hint("list the line's regions in order, one rail link apart"),
                &quoted(b),
            );
        }
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
            r.focus(quoted(&f.id), &f.allow);
            r.allow_list(&f.allow);
            formation(r, f);
            r.unfocus();
        }
        Effect::Remove(f) => r.reference::<Formation>(f),
        Effect::Teleport { formation, to } | Effect::RailTransfer { formation, to } => {
            r.reference::<Formation>(formation);
            r.reference::<Region>(to);
        }
        Effect::RailTransferMany { select, to } => {
            selector(r, select);
            r.reference::<Region>(to);
        }
        Effect::RailCapacity { line, .. } => {
            r.references::<Region>(line);
            rail_line(r, line);
        }
        Effect::Treaty { treaty, by, .. } => {
            r.reference::<Treaty>(treaty);
            r.references::<Faction>(by);
        }
        Effect::DeclareWar(a, b) | Effect::Peace(a, b) => {
            r.references::<Faction>([a, b]);
        }
        Effect::SetPlan {
            faction,
            objectives,
            ..
        } => {
            r.reference::<Faction>(faction);
            r.references::<Region>(objectives);
        }
        Effect::SetPosture { select, .. }
        | Effect::Surrender(select)
        | Effect::Disperse(select) => selector(r, select),
        Effect::SetAxis { select, objectives } => {
            selector(r, select);
            r.references::<Region>(objectives);
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
