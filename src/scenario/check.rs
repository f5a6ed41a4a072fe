//! Checks of a parsed scenario: references between objects, duplicate ids,
//! ranges and dates. Each problem is located in the source text by searching
//! from the offending object's `id`, so a modder gets a line and column.

use super::diagnostic::{Diagnostic, suggest};
use super::parse::Source;
use super::types::*;
use crate::date::Date;
use std::collections::BTreeSet;

/// All problems of a scenario, errors and warnings, in file order of discovery.
/// `srcs` are the files it was built from, base first, overlays after: each
/// problem is located in the last file that mentions the offending object.
pub fn check(s: &Scenario, srcs: &[Source]) -> Vec<Diagnostic> {
    let mut c = Checker::new(s, srcs);
    c.run();
    c.out
}

/// Ids of each kind of object, for reference checks.
pub struct Ids<'a> {
    pub factions: BTreeSet<&'a str>,
    pub regions: BTreeSet<&'a str>,
    pub types: BTreeSet<&'a str>,
    pub formations: BTreeSet<&'a str>,
    pub treaties: BTreeSet<&'a str>,
    pub events: BTreeSet<&'a str>,
    pub decisions: BTreeSet<&'a str>,
    pub theatres: BTreeSet<&'a str>,
}

impl<'a> Ids<'a> {
    pub fn of(s: &'a Scenario) -> Self {
        let mut formations: BTreeSet<&str> = s.formations.iter().map(|f| f.id.as_str()).collect();
        // Formations spawned by effects exist too, once their effect runs.
        for fx in all_effects(s) {
            if let Effect::Spawn(f) = fx {
                formations.insert(f.id.as_str());
            }
        }
        Ids {
            factions: s.factions.iter().map(|f| f.id.as_str()).collect(),
            regions: s.regions.iter().map(|r| r.id.as_str()).collect(),
            types: s.formation_types.iter().map(|t| t.id.as_str()).collect(),
            formations,
            treaties: s.treaties.iter().map(|t| t.id.as_str()).collect(),
            events: s.events.iter().map(|e| e.id.as_str()).collect(),
            decisions: s.decisions.iter().map(|d| d.id.as_str()).collect(),
            theatres: s.regions.iter().map(|r| r.theatre.as_str()).collect(),
        }
    }
}

/// Every effect in events and decision options.
pub fn all_effects(s: &Scenario) -> impl Iterator<Item = &Effect> {
    s.events.iter().flat_map(|e| e.effects.iter()).chain(
        s.decisions
            .iter()
            .flat_map(|d| d.options.iter().flat_map(|o| o.effects.iter())),
    )
}

struct Checker<'a> {
    s: &'a Scenario,
    srcs: &'a [Source],
    /// The file the current object was found in.
    file: usize,
    ids: Ids<'a>,
    out: Vec<Diagnostic>,
    /// Byte offset of the object being checked, to search for its fields from there.
    anchor: usize,
    /// Path of the object being checked, e.g. `formations[3]`.
    at: String,
}

impl<'a> Checker<'a> {
    fn new(s: &'a Scenario, srcs: &'a [Source]) -> Self {
        Checker {
            s,
            srcs,
            file: srcs.len().saturating_sub(1),
            ids: Ids::of(s),
            out: Vec::new(),
            anchor: 0,
            at: String::new(),
        }
    }

    fn src(&self) -> &'a Source {
        &self.srcs[self.file.min(self.srcs.len().saturating_sub(1))]
    }

    /// Starts checking an object: finds `key` (e.g. `formations:`) then its `id`,
    /// in the last file that mentions it (an overlay's change wins over its base).
    fn enter(&mut self, section: &str, index: usize, id: Option<&str>) {
        self.at = format!("{section}[{index}]");
        let quoted = id.map(|id| format!("\"{id}\""));
        self.file = quoted
            .as_ref()
            .and_then(|q| {
                (0..self.srcs.len())
                    .rev()
                    .find(|&i| self.srcs[i].find(q, 0).is_some())
            })
            .unwrap_or(0);
        if self.srcs.is_empty() {
            return;
        }
        let src = self.src();
        let base = src.find(&format!("{section}:"), 0).map_or(0, |(_, _, p)| p);
        self.anchor = match &quoted {
            Some(q) => src
                .find(q, base)
                .or_else(|| src.find(q, 0))
                .map_or(base, |(_, _, p)| p),
            None => base,
        };
    }

    /// Reports at the first occurrence of `needle` after the current object's anchor.
    fn report(&mut self, d: Diagnostic, needle: &str) {
        if self.srcs.is_empty() {
            self.out.push(d.path(self.at.clone()));
            return;
        }
        let src = self.src();
        let (line, col, len) = match src.find(needle, self.anchor) {
            Some((l, c, _)) => (l, c, needle.chars().count()),
            None => match src.find("", self.anchor) {
                Some((l, c, _)) => (l, c, 1),
                None => (0, 0, 1),
            },
        };
        let d = d.at(&src.path, line, col, len).path(self.at.clone());
        self.out.push(d);
    }

    fn reference(&mut self, kind: &'static str, code: &'static str, name: &'static str, id: &str) {
        let set = match kind {
            "faction" => &self.ids.factions,
            "region" => &self.ids.regions,
            "formation type" => &self.ids.types,
            "formation" => &self.ids.formations,
            "treaty" => &self.ids.treaties,
            "event" => &self.ids.events,
            "decision" => &self.ids.decisions,
            _ => &self.ids.theatres,
        };
        if !set.contains(id) {
            let hint = suggest(id, set.iter().copied());
            self.report(
                Diagnostic::error(code, name, format!("unknown {kind} `{id}`")).hint(hint),
                &format!("\"{id}\""),
            );
        }
    }

    fn range(&mut self, field: &str, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) || v.is_nan() {
            let bound = if hi == f64::INFINITY {
                format!("at least {lo}")
            } else {
                format!("between {lo} and {hi}")
            };
            self.report(
                Diagnostic::error(
                    "E020",
                    "out-of-range",
                    format!("`{field}` is {v}; it must be {bound}"),
                ),
                &format!("{field}:"),
            );
        }
    }

    fn date_in_period(&mut self, field: &str, d: Date) {
        let m = &self.s.meta;
        if d < m.start || d > m.end {
            self.report(
                Diagnostic::error(
                    "W021",
                    "date-outside-period",
                    format!(
                        "`{field}` {d} lies outside the scenario period {} – {}",
                        m.start, m.end
                    ),
                ),
                &format!("\"{d}\""),
            );
        }
    }

    fn duplicates<'b>(&mut self, section: &str, ids: impl Iterator<Item = &'b str>) {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.at = format!("{section}[{i}]");
                // Point at the second occurrence, in the last file.
                self.file = self.srcs.len().saturating_sub(1);
                let first = self
                    .src()
                    .find(&format!("\"{id}\""), 0)
                    .map_or(0, |(_, _, p)| p + 1);
                self.anchor = first;
                self.report(
                    Diagnostic::error(
                        "E011",
                        "duplicate-id",
                        format!("`{id}` is defined twice in `{section}`"),
                    ),
                    &format!("\"{id}\""),
                );
            }
        }
    }

    fn run(&mut self) {
        let s = self.s;
        self.meta();
        self.duplicates("factions", s.factions.iter().map(|f| f.id.as_str()));
        self.duplicates("regions", s.regions.iter().map(|f| f.id.as_str()));
        self.duplicates(
            "formation_types",
            s.formation_types.iter().map(|f| f.id.as_str()),
        );
        self.duplicates("formations", s.formations.iter().map(|f| f.id.as_str()));
        self.duplicates("treaties", s.treaties.iter().map(|f| f.id.as_str()));
        self.duplicates("events", s.events.iter().map(|f| f.id.as_str()));
        self.duplicates("decisions", s.decisions.iter().map(|f| f.id.as_str()));
        for (i, f) in s.factions.iter().enumerate() {
            self.enter("factions", i, Some(&f.id));
            for o in f.at_war_with.iter().chain(&f.allies) {
                self.reference("faction", "E010", "unknown-faction", o);
            }
            for o in &f.plan.objectives {
                self.reference("region", "E012", "unknown-region", o);
            }
        }
        for (i, r) in s.regions.iter().enumerate() {
            self.enter("regions", i, Some(&r.id));
            self.reference("faction", "E010", "unknown-faction", &r.owner);
            self.range("lat", r.lat, -90.0, 90.0);
            self.range("lon", r.lon, -180.0, 180.0);
            self.range("fort", r.fort, 0.0, 3.0);
            self.range("value", r.value, 0.0, f64::INFINITY);
        }
        for (i, l) in s.links.iter().enumerate() {
            self.enter("links", i, None);
            // Links have no id: anchor on the i-th `from:` of the section.
            let mut pos = self.anchor;
            for _ in 0..=i {
                pos = self.src().find("from:", pos).map_or(pos, |(_, _, p)| p + 1);
            }
            self.anchor = pos.saturating_sub(1);
            self.reference("region", "E012", "unknown-region", &l.from);
            self.reference("region", "E012", "unknown-region", &l.to);
            self.range("length_km", l.length_km, 0.1, 20_000.0);
            if let Some(c) = l.rail_capacity {
                self.range("rail_capacity", c, 0.0, 1_000.0);
            }
        }
        for (i, t) in s.formation_types.iter().enumerate() {
            self.enter("formation_types", i, Some(&t.id));
            self.range("speed_km", t.speed_km, 0.0, 1_000.0);
        }
        for (i, f) in s.formations.iter().enumerate() {
            self.enter("formations", i, Some(&f.id));
            self.formation(f);
        }
        for (i, t) in s.treaties.iter().enumerate() {
            self.enter("treaties", i, Some(&t.id));
            for p in &t.parties {
                self.reference("faction", "E010", "unknown-faction", p);
            }
            if t.parties.len() < 2 {
                self.report(
                    Diagnostic::error(
                        "E020",
                        "out-of-range",
                        "a treaty needs at least two parties",
                    ),
                    "parties:",
                );
            }
            if t.status.binding() && t.in_force.is_none() {
                self.report(
                    Diagnostic::error(
                        "E022",
                        "missing-date",
                        format!(
                            "treaty `{}` is {:?} but has no `in_force` date",
                            t.id, t.status
                        ),
                    ),
                    "status:",
                );
            }
        }
        for (i, e) in s.events.iter().enumerate() {
            self.enter("events", i, Some(&e.id));
            self.trigger(&e.trigger);
            for fx in &e.effects {
                self.effect(fx);
            }
        }
        for (i, d) in s.decisions.iter().enumerate() {
            self.enter("decisions", i, Some(&d.id));
            self.reference("faction", "E010", "unknown-faction", &d.faction);
            self.trigger(&d.offered);
            if !d.options.iter().any(|o| o.id == d.historical) {
                let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
                self.report(
                    Diagnostic::error(
                        "E013",
                        "unknown-option",
                        format!("historical option `{}` is not an option", d.historical),
                    )
                    .hint(suggest(&d.historical, ids.iter().copied())),
                    &format!("\"{}\"", d.historical),
                );
            }
            for o in &d.options {
                self.range("weight", o.weight, 0.0, f64::INFINITY);
                for m in &o.modifiers {
                    self.condition(&m.when);
                }
                for fx in &o.effects {
                    self.effect(fx);
                }
            }
        }
        for (i, f) in s.params.fronts.iter().enumerate() {
            self.enter("fronts", i, Some(&f.id));
            self.reference("region", "E012", "unknown-region", &f.region);
            self.reference("faction", "E010", "unknown-faction", &f.attacker);
            self.reference("faction", "E010", "unknown-faction", &f.defender);
        }
        for (i, e) in s.params.intelligence.estimates.iter().enumerate() {
            self.enter("estimates", i, None);
            self.reference("faction", "E010", "unknown-faction", &e.observer);
            self.reference("faction", "E010", "unknown-faction", &e.observed);
        }
        for (i, h) in s.history.iter().enumerate() {
            self.enter("history", i, Some(&h.id));
            match &h.measure {
                HistoryMeasure::Capture { region, by, .. } => {
                    self.reference("region", "E012", "unknown-region", region);
                    self.reference("faction", "E010", "unknown-faction", by);
                }
                HistoryMeasure::Outcome { outcome, .. } => self.outcome(outcome),
                HistoryMeasure::Reach {
                    formation, regions, ..
                } => {
                    self.reference("formation", "E015", "unknown-formation", formation);
                    for r in regions {
                        self.reference("region", "E012", "unknown-region", r);
                    }
                }
                HistoryMeasure::Depth { parent, .. } => {
                    self.reference("formation", "E015", "unknown-formation", parent)
                }
                HistoryMeasure::Transfers { to_theatre, .. } => {
                    self.reference("theatre", "E016", "unknown-theatre", to_theatre)
                }
                HistoryMeasure::Variable { .. } => {}
            }
        }
    }

    fn meta(&mut self) {
        let m = &self.s.meta;
        self.anchor = 0;
        self.file = 0;
        self.at = "meta".into();
        if m.end < m.start {
            self.report(
                Diagnostic::error(
                    "E023",
                    "end-before-start",
                    format!(
                        "the scenario ends ({}) before it starts ({})",
                        m.end, m.start
                    ),
                ),
                "end:",
            );
        }
        if m.format > FORMAT_VERSION {
            self.report(
                Diagnostic::error(
                    "E024",
                    "newer-format",
                    format!(
                        "format {} is newer than this pact understands ({FORMAT_VERSION})",
                        m.format
                    ),
                )
                .hint("upgrade pact"),
                "format:",
            );
        }
    }

    fn formation(&mut self, f: &Formation) {
        self.reference("faction", "E010", "unknown-faction", &f.faction);
        self.reference("formation type", "E014", "unknown-type", &f.kind);
        self.reference("region", "E012", "unknown-region", &f.location);
        if let Some(p) = &f.parent {
            self.reference("formation", "E015", "unknown-formation", p);
        }
        for r in &f.axis {
            self.reference("region", "E012", "unknown-region", r);
        }
        for (field, v) in [
            ("men", f.men),
            ("tanks", f.tanks),
            ("guns", f.guns),
            ("aircraft", f.aircraft),
        ] {
            self.range(field, v, 0.0, f64::INFINITY);
        }
        self.range("quality", f.quality, 0.0, 1.0);
        self.range("winter", f.winter, 0.0, 1.0);
        if let Some((lo, hi)) = f.spread
            && (lo > hi || lo < 0.0)
        {
            self.report(
                Diagnostic::error(
                    "E020",
                    "out-of-range",
                    format!(
                        "`spread` ({lo}, {hi}) must be a range of non-negative factors, low first"
                    ),
                ),
                "spread:",
            );
        }
    }

    fn trigger(&mut self, t: &Trigger) {
        if let Some(d) = t.from {
            self.date_in_period("from", d);
        }
        if let Some(d) = t.until {
            self.date_in_period("until", d);
        }
        if let (Some(a), Some(b)) = (t.from, t.until)
            && b < a
        {
            self.report(
                Diagnostic::error(
                    "E023",
                    "end-before-start",
                    format!("`until` {b} is before `from` {a}"),
                ),
                "until:",
            );
        }
        self.range("chance", t.chance, 0.0, 1.0);
        self.condition(&t.when);
    }

    fn scope(&mut self, scope: &Scope) {
        match scope {
            Scope::Region(r) => self.reference("region", "E012", "unknown-region", r),
            Scope::Theatre(t) => self.reference("theatre", "E016", "unknown-theatre", t),
            Scope::Everywhere => {}
        }
    }

    fn condition(&mut self, c: &Condition) {
        match c {
            Condition::Treaty { treaty, .. } => {
                self.reference("treaty", "E017", "unknown-treaty", treaty)
            }
            Condition::AtWar(a, b) => {
                self.reference("faction", "E010", "unknown-faction", a);
                self.reference("faction", "E010", "unknown-faction", b);
            }
            Condition::Strength {
                faction,
                scope,
                perceived_by,
                ..
            }
            | Condition::StrengthRatio {
                faction,
                scope,
                perceived_by,
                ..
            } => {
                self.reference("faction", "E010", "unknown-faction", faction);
                if let Some(p) = perceived_by {
                    self.reference("faction", "E010", "unknown-faction", p);
                }
                self.scope(scope);
            }
            Condition::Controls { faction, region } => {
                self.reference("faction", "E010", "unknown-faction", faction);
                self.reference("region", "E012", "unknown-region", region);
            }
            Condition::Fired(e) => self.reference("event", "E018", "unknown-event", e),
            Condition::Chose { decision, option } => {
                self.reference("decision", "E019", "unknown-decision", decision);
                if let Some(d) = self.s.decisions.iter().find(|d| &d.id == decision)
                    && !d.options.iter().any(|o| &o.id == option)
                {
                    let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
                    self.report(
                        Diagnostic::error(
                            "E013",
                            "unknown-option",
                            format!("decision `{decision}` has no option `{option}`"),
                        )
                        .hint(suggest(option, ids.iter().copied())),
                        &format!("\"{option}\""),
                    );
                }
            }
            Condition::Chance(p) => self.range("Chance", *p, 0.0, 1.0),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| self.condition(c)),
            Condition::Not(c) => self.condition(c),
            Condition::After(d) | Condition::Before(d) => self.date_in_period("date", *d),
            Condition::Always | Condition::Never | Condition::Flag(_) | Condition::Var { .. } => {}
        }
    }

    fn selector(&mut self, sel: &Selector) {
        self.reference("faction", "E010", "unknown-faction", &sel.faction);
        if let Some(r) = &sel.region {
            self.reference("region", "E012", "unknown-region", r);
        }
        if let Some(t) = &sel.theatre {
            self.reference("theatre", "E016", "unknown-theatre", t);
        }
        for t in &sel.types {
            self.reference("formation type", "E014", "unknown-type", t);
        }
    }

    fn outcome(&mut self, name: &str) {
        if !self.s.meta.outcomes.iter().any(|o| o == name) {
            let names: Vec<&str> = self.s.meta.outcomes.iter().map(|s| s.as_str()).collect();
            self.report(
                Diagnostic::error(
                    "W030",
                    "undeclared-outcome",
                    format!("outcome `{name}` is not listed in `meta.outcomes`"),
                )
                .hint(suggest(name, names.iter().copied())),
                &format!("\"{name}\""),
            );
        }
    }

    fn effect(&mut self, fx: &Effect) {
        match fx {
            Effect::Spawn(f) => self.formation(f),
            Effect::Remove(f) => self.reference("formation", "E015", "unknown-formation", f),
            Effect::Teleport { formation, to } | Effect::RailTransfer { formation, to } => {
                self.reference("formation", "E015", "unknown-formation", formation);
                self.reference("region", "E012", "unknown-region", to);
            }
            Effect::RailTransferMany { select, to } => {
                self.selector(select);
                self.reference("region", "E012", "unknown-region", to);
            }
            Effect::Treaty { treaty, by, .. } => {
                self.reference("treaty", "E017", "unknown-treaty", treaty);
                if let Some(b) = by {
                    self.reference("faction", "E010", "unknown-faction", b);
                }
            }
            Effect::DeclareWar(a, b) | Effect::Peace(a, b) => {
                self.reference("faction", "E010", "unknown-faction", a);
                self.reference("faction", "E010", "unknown-faction", b);
            }
            Effect::SetPlan {
                faction,
                objectives,
                ..
            } => {
                self.reference("faction", "E010", "unknown-faction", faction);
                for o in objectives {
                    self.reference("region", "E012", "unknown-region", o);
                }
            }
            Effect::SetAxis { select, objectives } => {
                self.selector(select);
                for o in objectives {
                    self.reference("region", "E012", "unknown-region", o);
                }
            }
            Effect::SetPosture { select, .. }
            | Effect::Surrender(select)
            | Effect::Resupply { select, .. } => self.selector(select),
            Effect::Outcome(o) => self.outcome(o),
            Effect::SetFlag(_)
            | Effect::ClearFlag(_)
            | Effect::SetVar(..)
            | Effect::AddVar(..)
            | Effect::Chronicle(_) => {}
        }
    }
}
