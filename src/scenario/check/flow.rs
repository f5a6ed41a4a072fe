//! The event graph: which flags, variables, events, decisions and treaty
//! states each script item needs and provides, and when.
//!
//! Earliest dates are lower bounds, so a warning that an item cannot fire in
//! its window is never a false alarm: anything the analysis cannot date
//! (strength, control, war, chance, `not(...)`) counts as possible from the
//! first day. The dates are the greatest fixed point of "an item fires no
//! earlier than its window opens and its condition's needs are met", found
//! by iterating down from "never": items that only wait for each other never fire.

use super::{Reporter, diag};
use crate::date::Date;
use crate::names::words;
use crate::scenario::codes;
use crate::scenario::graph::strong_components;
use crate::scenario::kinds::id_index;
use crate::scenario::parse::quoted;
use crate::scenario::types::*;
use std::collections::{BTreeMap, BTreeSet};

/// An event or a decision: the things that fire and have effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Event(usize),
    Decision(usize),
}

impl Item {
    /// What it is when it can never happen.
    fn never(self) -> &'static str {
        match self {
            Item::Event(_) => "event can never fire",
            Item::Decision(_) => "decision is never offered",
        }
    }

    /// Starts reporting about the item.
    fn enter(self, r: &mut Reporter) {
        match self {
            Item::Event(i) => r.enter_object::<Event>(i),
            Item::Decision(i) => r.enter_object::<Decision>(i),
        }
    }
}

/// How many rounds of the fixed point to run before giving up on the dated
/// warnings (each round lowers at least one date; real scenarios need a few).
const MAX_ROUNDS: usize = 1_000;

struct Flow<'a> {
    s: &'a Scenario,
    /// Items' windows, conditions and effects.
    items: Vec<(Item, &'a Trigger, Vec<&'a Effect>)>,
    /// Flags set at the start, or by the engine on a date (a front's outcomes from its start).
    given: BTreeMap<&'a str, Date>,
    /// Items whose effects set each flag (`set_flag` and `outcome`).
    setters: BTreeMap<&'a str, Vec<usize>>,
    /// Items acting on each treaty (by index) with each action.
    treaty_fx: BTreeMap<(usize, TreatyAction), Vec<usize>>,
    events: BTreeMap<&'a str, usize>,
    decisions: BTreeMap<&'a str, usize>,
    treaties: BTreeMap<&'a str, usize>,
    /// Earliest firing date of each item; `None`: never.
    date: Vec<Option<Date>>,
}

fn index_of<'a>(ids: impl Iterator<Item = &'a String>) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        m.entry(id.as_str()).or_insert(i);
    }
    m
}

pub fn check(r: &mut Reporter) {
    let s = r.s;
    // Without a valid period (an error of its own) no date means anything.
    if s.meta.end < s.meta.start {
        return;
    }
    let mut f = Flow::new(s);
    unset_flags(r, &f);
    undeclared_variables(r);
    windows(r, &f);
    ended_before_from(r, &f);
    landless(r, s);
    ungated_actions(r, s);
    let converged = f.solve();
    if converged {
        too_late(r, &f);
        treaty_actions(r, &f);
    }
    cycles(r, &f);
}

impl<'a> Flow<'a> {
    fn new(s: &'a Scenario) -> Self {
        let mut items: Vec<(Item, &Trigger, Vec<&Effect>)> = Vec::new();
        for (i, e) in s.events.iter().enumerate() {
            items.push((Item::Event(i), &e.trigger, e.effects.iter().collect()));
        }
        for (i, d) in s.decisions.iter().enumerate() {
            let fx = d.options.iter().flat_map(|o| &o.effects).collect();
            items.push((Item::Decision(i), &d.offered, fx));
        }
        let mut given: BTreeMap<&str, Date> =
            s.flags.iter().map(|f| (f.as_str(), s.meta.start)).collect();
        for fr in &s.params.fronts {
            for o in [&fr.fall_outcome, &fr.hold_outcome] {
                let d = fr.from.max(s.meta.start);
                given
                    .entry(o.as_str())
                    .and_modify(|x| *x = (*x).min(d))
                    .or_insert(d);
            }
        }
        let treaties = index_of(s.treaties.iter().map(|t| &t.id));
        let mut setters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut treaty_fx: BTreeMap<(usize, TreatyAction), Vec<usize>> = BTreeMap::new();
        for (k, (_, _, fx)) in items.iter().enumerate() {
            for e in fx {
                match e {
                    Effect::SetFlag(f) | Effect::Outcome(f) => {
                        setters.entry(f.as_str()).or_default().push(k)
                    }
                    Effect::Treaty { treaty, action, .. } => {
                        if let Some(&t) = treaties.get(treaty.as_str()) {
                            treaty_fx.entry((t, *action)).or_default().push(k);
                        }
                    }
                    _ => {}
                }
            }
        }
        let n = items.len();
        Flow {
            s,
            items,
            given,
            setters,
            treaty_fx,
            events: index_of(s.events.iter().map(|e| &e.id)),
            decisions: index_of(s.decisions.iter().map(|d| &d.id)),
            treaties,
            date: vec![None; n],
        }
    }

    fn start(&self) -> Date {
        self.s.meta.start
    }

    /// The last day an item can fire: its window's end within the period.
    fn last_day(&self, t: &Trigger) -> Date {
        t.until.map_or(self.s.meta.end, |u| u.min(self.s.meta.end))
    }

    fn flag_date(&self, f: &str) -> Option<Date> {
        let set = self.setters.get(f).into_iter().flatten();
        set.filter_map(|&k| self.date[k])
            .chain(self.given.get(f).copied())
            .min()
    }

    fn item_index(&self, it: Item) -> usize {
        match it {
            Item::Event(i) => i,
            Item::Decision(i) => self.s.events.len() + i,
        }
    }

    /// Earliest day a condition can hold; `None`: never.
    fn cond_date(&self, c: &Condition) -> Option<Date> {
        let start = self.start();
        match c {
            Condition::Never => None,
            Condition::After(d) => Some((*d).max(start)),
            Condition::Before(d) => (*d > start).then_some(start),
            Condition::Flag(f) => self.flag_date(f),
            // Unknown ids are errors of their own; they hold nothing back here.
            Condition::Fired(e) => match self.events.get(e.as_str()) {
                Some(&i) => self.date[self.item_index(Item::Event(i))],
                None => Some(start),
            },
            Condition::Since { event, days } => match self.events.get(event.as_str()) {
                Some(&i) => self.date[self.item_index(Item::Event(i))]
                    // Bounded: a hostile `days` must not push dates out of range.
                    .map(|d| d.add_days(i32::try_from((*days).min(100_000)).unwrap_or(100_000))),
                None => Some(start),
            },
            Condition::Chose { decision, .. } => match self.decisions.get(decision.as_str()) {
                Some(&i) => self.date[self.item_index(Item::Decision(i))],
                None => Some(start),
            },
            Condition::Treaty { treaty, status } => match self.treaties.get(treaty.as_str()) {
                Some(&t) => self.treaty_date(t, *status),
                None => Some(start),
            },
            Condition::All(cs) => cs
                .iter()
                .map(|c| self.cond_date(c))
                .try_fold(start, |acc, d| d.map(|d| acc.max(d))),
            Condition::Any(cs) => cs.iter().filter_map(|c| self.cond_date(c)).min(),
            // Anything the analysis cannot date may hold from the first day.
            _ => Some(start),
        }
    }

    /// Earliest firing date of an item given the current dates.
    fn item_date(&self, t: &Trigger) -> Option<Date> {
        let opens = t.from.map_or(self.start(), |d| d.max(self.start()));
        let d = self.cond_date(&t.when)?.max(opens);
        (d <= self.last_day(t)).then_some(d)
    }

    /// Lowers dates until nothing changes. `false` if it did not settle in time.
    fn solve(&mut self) -> bool {
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for k in 0..self.items.len() {
                let d = self.item_date(self.items[k].1);
                if d.is_some() && (self.date[k].is_none() || d < self.date[k]) {
                    self.date[k] = d;
                    changed = true;
                }
            }
            if !changed {
                return true;
            }
        }
        false
    }

    /// Earliest day an effect acts on treaty `t` with `action`.
    fn treaty_effect_date(&self, t: usize, action: TreatyAction) -> Option<Date> {
        let items = self.treaty_fx.get(&(t, action)).into_iter().flatten();
        items.filter_map(|&k| self.date[k]).min()
    }

    /// Earliest day treaty `t` can be in `status` (see `sim::treaties::treaty_action`
    /// for the transitions): draft → signed → in force → denounced; binding →
    /// violated or expired.
    fn treaty_date(&self, t: usize, status: TreatyStatus) -> Option<Date> {
        use TreatyStatus as S;
        let start = self.start();
        let s0 = self.s.treaties[t].status;
        let by = |action| self.treaty_effect_date(t, action);
        let at_start = |s: S| (s0 == s).then_some(start);
        let signed = at_start(S::Signed).or(if s0 == S::Draft {
            by(TreatyAction::Sign)
        } else {
            None
        });
        let in_force = at_start(S::InForce).or(if matches!(s0, S::Draft | S::Signed) {
            by(TreatyAction::Ratify)
        } else {
            None
        });
        match status {
            S::Draft => at_start(S::Draft),
            S::Signed => signed,
            S::InForce => in_force,
            S::Denounced => at_start(S::Denounced)
                .or(in_force.and_then(|f| by(TreatyAction::Denounce).map(|d| d.max(f)))),
            // Any declaration of war can break a binding treaty; terms run out on their own.
            S::Violated => at_start(S::Violated)
                .or(in_force)
                .or(at_start(S::Denounced)),
            S::Expired => [
                at_start(S::Expired),
                signed,
                in_force,
                at_start(S::Denounced),
            ]
            .into_iter()
            .flatten()
            .min(),
        }
    }
}

/// Visits every condition in a tree with whether it counts positively
/// (an even number of `not`s above it).
fn walk<'c>(c: &'c Condition, positive: bool, f: &mut impl FnMut(&'c Condition, bool)) {
    f(c, positive);
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, positive, f)),
        Condition::Not(c) => walk(c, !positive, f),
        _ => {}
    }
}

/// Every condition an item reads: its trigger's, and its options' weight modifiers.
fn conditions(s: &Scenario, it: Item) -> Vec<&Condition> {
    match it {
        Item::Event(i) => vec![&s.events[i].trigger.when],
        Item::Decision(i) => {
            let d = &s.decisions[i];
            std::iter::once(&d.offered.when)
                .chain(
                    d.options
                        .iter()
                        .flat_map(|o| o.modifiers.iter().map(|m| &m.when)),
                )
                .collect()
        }
    }
}

/// Every event, then every decision.
fn items(s: &Scenario) -> impl Iterator<Item = Item> {
    (0..s.events.len())
        .map(Item::Event)
        .chain((0..s.decisions.len()).map(Item::Decision))
}

/// The names `pick` takes from the conditions an item reads, walked through
/// `all`, `any` and `not` (`pick` is told whether a condition counts positively).
fn read_in<'s>(
    s: &'s Scenario,
    it: Item,
    pick: impl Fn(&'s Condition, bool) -> Option<&'s str>,
) -> BTreeSet<&'s str> {
    let mut out = BTreeSet::new();
    for c in conditions(s, it) {
        walk(c, true, &mut |c, positive| out.extend(pick(c, positive)));
    }
    out
}

fn flags_read(s: &Scenario, it: Item) -> BTreeSet<&str> {
    read_in(s, it, |c, _| match c {
        Condition::Flag(f) => Some(f.as_str()),
        _ => None,
    })
}

/// W050: flags read that nothing can set.
fn unset_flags(r: &mut Reporter, f: &Flow) {
    for (it, _, _) in &f.items {
        let unset: Vec<&str> = flags_read(f.s, *it)
            .into_iter()
            .filter(|x| !f.given.contains_key(x) && !f.setters.contains_key(x))
            .collect();
        if unset.is_empty() {
            continue;
        }
        it.enter(r);
        for flag in unset {
            let known = f.given.keys().chain(f.setters.keys()).copied();
            let near = match r.listing() {
                true => crate::scenario::diagnostic::nearest(flag, known),
                false => Vec::new(),
            };
            let hint = near.first().map_or(
                "set it with `set_flag`, list it in `flags`, or make it an `outcome`".to_string(),
                |n| format!("did you mean `{n}`?"),
            );
            r.report(
                diag(
                    codes::FLAG_NEVER_SET,
                    format!("flag `{flag}` is read here but nothing ever sets it"),
                )
                .hint(hint),
                &quoted(flag),
            );
        }
    }
}

/// W056: variables read that nothing sets and `variables` does not declare.
fn undeclared_variables(r: &mut Reporter) {
    let s = r.s;
    let mut known: BTreeSet<String> = s.variables.iter().map(|v| v.name.clone()).collect();
    // The engine keeps each abstract front's distance to its objective.
    known.extend(
        s.params
            .fronts
            .iter()
            .map(|f| format!("{}.distance_km", f.id)),
    );
    for fx in super::all_effects(s) {
        if let Effect::SetVar(n, _) | Effect::AddVar(n, _) = fx {
            known.insert(n.clone());
        }
    }
    for it in items(s) {
        let unknown = read_in(s, it, |c, _| match c {
            Condition::Var { name, .. } if !known.contains(name) => Some(name.as_str()),
            _ => None,
        });
        if unknown.is_empty() {
            continue;
        }
        it.enter(r);
        for name in unknown {
            r.report(
                diag(
                    codes::UNDECLARED_VARIABLE,
                    format!(
                        "variable `{name}` is read here but never set or declared; it reads as 0"
                    ),
                )
                .hint("declare it in `variables` with its starting value"),
                &quoted(name),
            );
        }
    }
}

/// Whether a window lies wholly outside the period.
fn outside(m: &Meta, t: &Trigger) -> bool {
    t.until.is_some_and(|u| u < m.start) || t.from.is_some_and(|d| d > m.end)
}

/// W051, W053: windows wholly outside the period.
fn windows(r: &mut Reporter, f: &Flow) {
    let m = &f.s.meta;
    for (it, t, _) in &f.items {
        if !outside(m, t) {
            continue;
        }
        let before = t.until.is_some_and(|u| u < m.start);
        it.enter(r);
        let (code, what) = match it {
            Item::Event(_) => (codes::EVENT_OUTSIDE_PERIOD, "event never fires"),
            Item::Decision(_) => (codes::DECISION_NEVER_OFFERED, "decision is never offered"),
        };
        let (field, d) = if before {
            ("until:", t.until)
        } else {
            ("from:", t.from)
        };
        r.report(
            diag(
                code,
                format!(
                    "this {what}: its window ({}) lies outside the scenario period {} – {}",
                    d.map_or(String::new(), |d| d.to_string()),
                    m.start,
                    m.end
                ),
            ),
            field,
        );
    }
}

/// Whether a condition reads the state of the world, not only the calendar
/// (dates, chance and constants say nothing of what makes an action possible).
fn reads_world(c: &Condition) -> bool {
    let mut reads = false;
    walk(c, true, &mut |c, _| {
        reads |= !matches!(
            c,
            Condition::Always
                | Condition::Never
                | Condition::After(_)
                | Condition::Before(_)
                | Condition::Chance(_)
                | Condition::All(_)
                | Condition::Any(_)
                | Condition::Not(_)
        );
    });
    reads
}

/// The first effect that puts a formation somewhere or takes one off the map
/// by force: what a scripted event must not do whatever the world looks like.
fn first_action(effects: &[Effect]) -> Option<&'static str> {
    effects.iter().find_map(|e| match e {
        Effect::Spawn(_) => Some("spawn"),
        Effect::Teleport { .. } => Some("teleport"),
        Effect::RailTransfer { .. } => Some("rail_transfer"),
        Effect::RailTransferMany { .. } => Some("rail_transfer_many"),
        Effect::Surrender(_) => Some("surrender"),
        Effect::Disperse(_) => Some("disperse"),
        _ => None,
    })
}

/// W058: events that spawn, move or force a surrender on a date alone.
fn ungated_actions(r: &mut Reporter, s: &Scenario) {
    for (i, e) in s.events.iter().enumerate() {
        let (Some(action), false) = (first_action(&e.effects), reads_world(&e.trigger.when)) else {
            continue;
        };
        if matches!(e.trigger.when, Condition::Never) {
            continue;
        }
        r.enter_object::<Event>(i);
        r.report(
            diag(
                codes::UNGATED_ACTION,
                format!(
                    "this event's `{action}` happens on its date whatever the world looks like: its condition reads only the calendar"
                ),
            )
            .hint("add a `when:` that makes it possible, e.g. `controls(faction: …, region: …)`, `not(at_war(…))` or the flag of the decision behind it"),
            action,
        );
    }
}

/// What holds a condition back latest.
struct Block {
    what: String,
    when: Option<Date>,
    /// Where it is written, to report at.
    needle: String,
    /// The items that would bring it about (setters of a flag, the event, the decision).
    sources: Vec<usize>,
}

fn blocker(f: &Flow, c: &Condition) -> Option<Block> {
    let leaf = |what: String, needle: &str, sources: Vec<usize>| {
        Some(Block {
            what,
            when: f.cond_date(c),
            needle: quoted(needle),
            sources,
        })
    };
    match c {
        Condition::Flag(x) => leaf(
            format!("flag `{x}`"),
            x,
            f.setters.get(x.as_str()).cloned().unwrap_or_default(),
        ),
        Condition::Fired(e) | Condition::Since { event: e, .. } => {
            let k = f
                .events
                .get(e.as_str())
                .map(|&i| f.item_index(Item::Event(i)));
            leaf(format!("event `{e}` to fire"), e, k.into_iter().collect())
        }
        Condition::Chose { decision, option } => {
            let k = f
                .decisions
                .get(decision.as_str())
                .map(|&i| f.item_index(Item::Decision(i)));
            leaf(
                format!("decision `{decision}` to take `{option}`"),
                decision,
                k.into_iter().collect(),
            )
        }
        Condition::Treaty { treaty, status } => leaf(
            format!("treaty `{treaty}` to be {}", words(status)),
            treaty,
            Vec::new(),
        ),
        Condition::After(d) => leaf(format!("the date {d}"), &d.to_string(), Vec::new()),
        Condition::All(cs) | Condition::Any(cs) => {
            let later = |b: &Block| b.when.map_or(i64::MAX, |d| d.0 as i64);
            let pick = cs.iter().filter_map(|c| blocker(f, c));
            if matches!(c, Condition::All(_)) {
                pick.max_by_key(later)
            } else {
                pick.min_by_key(later)
            }
        }
        _ => None,
    }
}

fn mentions_never(c: &Condition) -> bool {
    let mut found = false;
    walk(c, true, &mut |c, _| found |= matches!(c, Condition::Never));
    found
}

/// W047: `controls(faction: F, …)` where F's bloc holds no region at the
/// start, has no formation, spawns none and attacks on no abstract front: no
/// one of its side can ever take ground, so the condition never holds.
fn landless(r: &mut Reporter, s: &Scenario) {
    let bloc = crate::scenario::graph::blocs(s);
    let fx = id_index::<Faction>(s);
    let mut can_hold = vec![false; s.factions.len()];
    let mut mark = |f: &str| {
        if let Some(&i) = fx.get(f) {
            can_hold[bloc[i]] = true;
        }
    };
    s.regions.iter().for_each(|x| mark(&x.owner));
    s.formations.iter().for_each(|x| mark(&x.faction));
    s.params.fronts.iter().for_each(|x| mark(&x.attacker));
    for e in super::all_effects(s) {
        if let Effect::Spawn(f) = e {
            mark(&f.faction);
        }
    }
    let held_by_none = |f: &str| fx.get(f).is_some_and(|&i| !can_hold[bloc[i]]);
    for it in items(s) {
        let never = read_in(s, it, |c, positive| match c {
            Condition::Controls { faction, .. } if positive && held_by_none(faction) => {
                Some(faction.as_str())
            }
            _ => None,
        });
        for faction in never {
            it.enter(r);
            r.report(
                diag(
                    codes::NEVER_HOLDS,
                    format!(
                        "`{faction}` and its allies hold no region, have no formation and spawn none: they can never control a region"
                    ),
                )
                .hint("name the faction that takes the ground, or give this one a region or a formation"),
                &quoted(faction),
            );
        }
    }
}

/// The earliest `before(D)` the condition needs (alone or in an `all`).
fn needed_before(c: &Condition) -> Option<crate::date::Date> {
    match c {
        Condition::Before(d) => Some(*d),
        Condition::All(cs) => cs.iter().filter_map(needed_before).min(),
        _ => None,
    }
}

/// W052 too: items whose condition needs a day `before(D)` while their
/// window opens on D or later: they can never fire (or be offered).
fn ended_before_from(r: &mut Reporter, f: &Flow) {
    for (it, t, _) in &f.items {
        let (Some(from), Some(end)) = (t.from, needed_before(&t.when)) else {
            continue;
        };
        if from < end {
            continue;
        }
        it.enter(r);
        r.report(
            diag(
                codes::CONDITION_TOO_LATE,
                format!(
                    "this {}: it needs a day before {end}, but its window opens on {from}",
                    it.never()
                ),
            )
            .hint("move `from` earlier or the `before` date later"),
            &quoted(&end.to_string()),
        );
    }
}

/// W052: items whose window closes before their condition can first hold.
fn too_late(r: &mut Reporter, f: &Flow) {
    let m = &f.s.meta;
    for (k, (it, t, _)) in f.items.iter().enumerate() {
        let in_period = !outside(m, t);
        let unset = flags_read(f.s, *it)
            .iter()
            .any(|x| !f.given.contains_key(x) && !f.setters.contains_key(x));
        // Explicitly disabled items, and those already reported, are left alone.
        if f.date[k].is_some() || !in_period || unset || mentions_never(&t.when) {
            continue;
        }
        let Some(Block {
            what,
            when,
            needle,
            sources,
        }) = blocker(f, &t.when)
        else {
            continue;
        };
        // What it waits for is itself never in the period: that is the problem to report.
        if when.is_none() && sources.iter().any(|&s| outside(&f.s.meta, f.items[s].1)) {
            continue;
        }
        let last = f.last_day(t);
        let why = match when {
            Some(d) => format!(
                "waits for {what}, not possible before {d}, but its window closes on {last}"
            ),
            None => format!("waits for {what}, which never happens"),
        };
        it.enter(r);
        r.report(
            diag(
                codes::CONDITION_TOO_LATE,
                format!("this {}: it {why}", it.never()),
            ),
            &needle,
        );
    }
}

/// W054: treaty actions the treaty cannot be in a state to take by the item's last day.
fn treaty_actions(r: &mut Reporter, f: &Flow) {
    use TreatyStatus as S;
    for (k, (it, t, fx)) in f.items.iter().enumerate() {
        if f.date[k].is_none() {
            continue;
        }
        let last = f.last_day(t);
        for e in fx {
            let Effect::Treaty { treaty, action, .. } = e else {
                continue;
            };
            let Some(&ti) = f.treaties.get(treaty.as_str()) else {
                continue;
            };
            let needs: &[S] = match action {
                TreatyAction::Sign => &[S::Draft],
                TreatyAction::Ratify => &[S::Draft, S::Signed],
                TreatyAction::Denounce => &[S::InForce],
                TreatyAction::Violate => &[S::InForce, S::Denounced],
                TreatyAction::Expire => &[S::Signed, S::InForce, S::Denounced],
            };
            let earliest = needs.iter().filter_map(|&s| f.treaty_date(ti, s)).min();
            if earliest.is_some_and(|d| d <= last) {
                continue;
            }
            let states: Vec<String> = needs.iter().map(words).collect();
            let act = crate::names::name(action);
            let why = match earliest {
                Some(d) => format!(
                    "it cannot be {} before {d}, after this window closes on {last}",
                    states.join(" or ")
                ),
                None => format!(
                    "it is never {} (it starts {} and no effect makes it so)",
                    states.join(" or "),
                    words(&f.s.treaties[ti].status)
                ),
            };
            it.enter(r);
            r.report(
                diag(
                    codes::TREATY_ACTION_IMPOSSIBLE,
                    format!("`{act}` of treaty `{treaty}` will be ignored: {why}"),
                ),
                &quoted(treaty),
            );
        }
    }
}

/// W055: events that set what each other need, and can fire on the same day.
fn cycles(r: &mut Reporter, f: &Flow) {
    let s = f.s;
    let events = s.events.len();
    // Nodes: events, then flags. Edges: event → flag it sets → event reading it
    // positively; event → event reading `fired(it)` positively.
    let flags: Vec<&str> = f.setters.keys().copied().collect();
    let flag_ix: BTreeMap<&str, usize> = flags
        .iter()
        .enumerate()
        .map(|(i, x)| (*x, events + i))
        .collect();
    let event_ix = id_index::<Event>(s);
    let mut adj = vec![Vec::new(); events + flags.len()];
    for (i, e) in s.events.iter().enumerate() {
        for fx in &e.effects {
            if let Effect::SetFlag(x) | Effect::Outcome(x) = fx {
                adj[i].push(flag_ix[x.as_str()]);
            }
        }
        walk(&e.trigger.when, true, &mut |c, positive| {
            if !positive {
                return;
            }
            match c {
                Condition::Flag(x) => {
                    if let Some(&n) = flag_ix.get(x.as_str()) {
                        adj[n].push(i);
                    }
                }
                Condition::Fired(x) | Condition::Since { event: x, .. } => {
                    if let Some(&n) = event_ix.get(x.as_str()) {
                        adj[n].push(i);
                    }
                }
                _ => {}
            }
        });
    }
    for comp in strong_components(&adj) {
        let members: Vec<usize> = comp.into_iter().filter(|&n| n < events).collect();
        if members.len() < 2 {
            continue;
        }
        let triggers: Vec<&Trigger> = members.iter().map(|&i| &s.events[i].trigger).collect();
        let repeat = triggers.iter().all(|t| t.repeat);
        let opens = triggers
            .iter()
            .filter_map(|t| t.from)
            .max()
            .unwrap_or(s.meta.start);
        let closes = triggers
            .iter()
            .filter_map(|t| t.until)
            .min()
            .unwrap_or(s.meta.end);
        if !(repeat || opens <= closes) {
            continue;
        }
        let names: Vec<String> = members
            .iter()
            .map(|&i| format!("`{}`", s.events[i].id))
            .collect();
        r.enter_object::<Event>(members[0]);
        r.report(
            diag(
                codes::EVENT_CYCLE,
                format!(
                    "events {} trigger each other and can fire on the same day: which fires first depends on their order in the file",
                    names.join(", ")
                ),
            )
            .hint("break the cycle with a flag that only one of them sets, or separate their windows"),
            "when:",
        );
    }
}
