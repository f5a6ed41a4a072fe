//! A saved state checked against the scenario it is restored into, before
//! any system reads it. The systems index tables by region, link, faction
//! and kind without bounds checks of their own (the scenario's checks make
//! that safe for a fresh world); a save is a file anyone can edit, so every
//! index, length and value in it is checked here as a scenario's would be.

use super::catalog::Catalog;
use super::save::SimState;
use super::state::Location;
use std::collections::BTreeSet;

/// Highest next sequence number a save may hold: far more formations than
/// any run creates, far enough below `u32::MAX` for every spawn still to come.
const MAX_NEXT_SEQ: u32 = 1 << 30;

/// What is wrong with a state, one line per problem: the field's path in the
/// save (`state.formations[3].location.At`) and why.
pub fn check_state(state: &SimState, cat: &Catalog) -> Vec<String> {
    let s = &cat.scenario;
    let mut c = Checker::default();
    let (nf, nr, nl) = (s.factions.len(), s.regions.len(), s.links.len());

    let cal = &state.calendar;
    if cal.start != s.meta.start || cal.end != s.meta.end {
        c.bad(
            "state.calendar",
            format!(
                "the period {}..{} is not the scenario's {}..{}",
                cal.start, cal.end, s.meta.start, s.meta.end
            ),
        );
    }
    // `today` is the next day to simulate: one past the end once finished.
    if cal.today < s.meta.start || cal.today > s.meta.end.add_days(1) {
        c.bad(
            "state.calendar.today",
            format!(
                "{} is outside the scenario's period {}..{}",
                cal.today, s.meta.start, s.meta.end
            ),
        );
    }

    c.len("state.control", state.control.0.len(), nr, "regions");
    for (i, f) in state.control.0.iter().enumerate() {
        c.ix(&format!("state.control[{i}]"), *f, nf, "factions");
    }
    c.len(
        "state.treaties",
        state.treaties.0.len(),
        s.treaties.len(),
        "treaties",
    );
    for (a, b) in &state.diplomacy.wars {
        c.ix("state.diplomacy.wars", *a, nf, "factions");
        c.ix("state.diplomacy.wars", *b, nf, "factions");
    }
    c.len(
        "state.diplomacy.factions",
        state.diplomacy.factions.len(),
        nf,
        "factions",
    );
    for (i, f) in state.diplomacy.factions.iter().enumerate() {
        for (j, r) in f.objectives.iter().enumerate() {
            c.ix(
                &format!("state.diplomacy.factions[{i}].objectives[{j}]"),
                *r,
                nr,
                "regions",
            );
        }
        for (j, e) in f.efforts.iter().enumerate() {
            c.ix(
                &format!("state.diplomacy.factions[{i}].efforts[{j}].target"),
                e.target,
                nr,
                "regions",
            );
        }
        for (j, a) in f.aims.iter().enumerate() {
            c.ix(
                &format!("state.diplomacy.factions[{i}].aims[{j}].target"),
                a.target,
                nr,
                "regions",
            );
        }
    }
    c.len(
        "state.script.events",
        state.script.events.len(),
        s.events.len(),
        "events",
    );
    c.len(
        "state.script.decisions",
        state.script.decisions.len(),
        s.decisions.len(),
        "decisions",
    );
    for (i, d) in state.script.decisions.iter().enumerate() {
        if let (Some((_, o)), Some(dec)) = (d, s.decisions.get(i)) {
            c.ix(
                &format!("state.script.decisions[{i}]"),
                *o,
                dec.options.len(),
                "options",
            );
        }
    }
    for (k, v) in &state.script.vars {
        c.finite(&format!("state.script.vars[{k:?}]"), *v, f64::MIN, f64::MAX);
    }
    for (&l, &trains) in &state.rail.0 {
        let path = format!("state.rail[{l}]");
        c.ix(&path, l, nl, "links");
        c.finite(&path, trains, 1.0, f64::MAX);
    }
    for ((a, b), (factor, _)) in &state.perception.0 {
        let path = format!("state.perception[({a}, {b})]");
        c.ix(&path, *a, nf, "factions");
        c.ix(&path, *b, nf, "factions");
        c.finite(&path, *factor, 0.0, f64::MAX);
    }
    for (name, ix) in [
        ("baseline", &state.baseline.0),
        ("strength", &state.strength),
    ] {
        let tables = std::iter::once(&ix.by_region).chain(&ix.past);
        for (t, table) in tables.enumerate() {
            let path = format!("state.{name}[{t}]");
            // An empty table is a world that has not counted yet.
            if !table.is_empty() {
                c.len(&path, table.len(), nf, "factions");
            }
            for (f, row) in table.iter().enumerate() {
                c.len(&format!("{path}[{f}]"), row.len(), nr, "regions");
                for (r, cell) in row.iter().enumerate() {
                    for v in cell {
                        c.finite(&format!("{path}[{f}][{r}]"), *v, 0.0, f64::MAX);
                    }
                }
            }
        }
    }
    c.len(
        "state.fronts",
        state.fronts.0.len(),
        s.params.fronts.len(),
        "abstract fronts",
    );
    for (i, f) in state.fronts.0.iter().enumerate() {
        let path = format!("state.fronts[{i}]");
        for v in [
            f.distance_km,
            f.attacker_power,
            f.defender_base,
            f.last_ratio,
        ] {
            c.finite(&path, v, f64::MIN, f64::MAX);
        }
    }
    for (i, d) in state.desk.waiting.iter().enumerate() {
        c.ix(
            &format!("state.desk.waiting[{i}]"),
            *d,
            s.decisions.len(),
            "decisions",
        );
    }
    for (d, o) in &state.desk.answers {
        let path = format!("state.desk.answers[{d}]");
        if c.ix(&path, *d, s.decisions.len(), "decisions") {
            c.ix(&path, *o, s.decisions[*d].options.len(), "options");
        }
    }
    for (r, e) in &state.battles.0 {
        let path = format!("state.battles[{}]", usize::from(*r));
        c.ix(&path, *r, nr, "regions");
        c.finite(&format!("{path}.attacker_lost"), e.attacker_lost, 0.0, 1.0);
        c.finite(&format!("{path}.defender_lost"), e.defender_lost, 0.0, 1.0);
    }

    // Spawns count on from next_seq; a value near u32::MAX would overflow on the next one.
    if state.next_seq.0 > MAX_NEXT_SEQ {
        c.bad(
            "state.next_seq",
            format!("{} is more than {MAX_NEXT_SEQ}", state.next_seq.0),
        );
    }
    let mut seqs = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (i, f) in state.formations.0.iter().enumerate() {
        let p = format!("state.formations[{i}]");
        if !seqs.insert(f.seq.0) {
            c.bad(&format!("{p}.seq"), format!("{} is used twice", f.seq.0));
        }
        if f.seq.0 >= state.next_seq.0 {
            c.bad(
                &format!("{p}.seq"),
                format!("{} is not below next_seq ({})", f.seq.0, state.next_seq.0),
            );
        }
        if !ids.insert(&f.info.id) {
            c.bad(
                &format!("{p}.info.id"),
                format!("`{}` is used twice", f.info.id),
            );
        }
        c.ix(&format!("{p}.info.faction"), f.info.faction, nf, "factions");
        c.ix(
            &format!("{p}.info.kind"),
            f.info.kind,
            s.formation_types.len(),
            "formation types",
        );
        let st = &f.strength;
        for (field, v) in [
            ("men", st.men),
            ("tanks", st.tanks),
            ("guns", st.guns),
            ("aircraft", st.aircraft),
        ] {
            c.finite(&format!("{p}.strength.{field}"), v, 0.0, f64::MAX);
        }
        c.finite(&format!("{p}.strength.quality"), st.quality, 0.0, 1.0);
        c.finite(&format!("{p}.strength.winter"), st.winter, 0.0, 1.0);
        c.finite(&format!("{p}.supply"), f.supply.0, 0.0, 1.0);
        for (j, r) in f.axis.0.iter().enumerate() {
            c.ix(&format!("{p}.axis[{j}]"), *r, nr, "regions");
        }
        if let Some(t) = f.order.0.and_then(|o| o.target()) {
            c.ix(&format!("{p}.order"), t, nr, "regions");
        }
        match &f.location {
            Location::At(r) => {
                c.ix(&format!("{p}.location.At"), *r, nr, "regions");
            }
            Location::March(m) => {
                let p = format!("{p}.location.March");
                let ends = c.ix(&format!("{p}.from"), m.from, nr, "regions")
                    & c.ix(&format!("{p}.to"), m.to, nr, "regions");
                if c.ix(&format!("{p}.link"), m.link, nl, "links")
                    && ends
                    && !cat.edges[usize::from(m.from)]
                        .iter()
                        .any(|e| e.link == m.link && e.to == m.to)
                {
                    c.bad(
                        &format!("{p}.link"),
                        format!("link {} does not join {} and {}", m.link, m.from, m.to),
                    );
                }
                c.finite(&format!("{p}.total_km"), m.total_km, 0.0, f64::MAX);
                c.finite(&format!("{p}.done_km"), m.done_km, 0.0, f64::MAX);
            }
            Location::Rail(t) => {
                let p = format!("{p}.location.Rail");
                c.ix(&format!("{p}.from"), t.from, nr, "regions");
                c.ix(&format!("{p}.to"), t.to, nr, "regions");
                for (j, l) in t.route.iter().enumerate() {
                    c.ix(&format!("{p}.route[{j}]"), *l, nl, "links");
                }
                c.finite(&format!("{p}.km"), t.km, 0.0, f64::MAX);
                if t.sent > t.trains {
                    c.bad(
                        &format!("{p}.sent"),
                        format!("{} is more than trains ({})", t.sent, t.trains),
                    );
                }
                c.ix(
                    &format!("{p}.record"),
                    t.record,
                    state.ledger.transfers.len(),
                    "transfers in the ledger",
                );
            }
        }
    }
    c.out
}

#[derive(Default)]
struct Checker {
    out: Vec<String>,
}

impl Checker {
    fn bad(&mut self, path: &str, why: String) {
        self.out.push(format!("{path}: {why}"));
    }

    /// Whether index `v` is below `n` (the scenario's count of `what`); reports it if not.
    fn ix(&mut self, path: &str, v: impl Into<usize>, n: usize, what: &str) -> bool {
        let v = v.into();
        let ok = v < n;
        if !ok {
            self.bad(
                path,
                format!("index {v} is out of range (the scenario has {n} {what})"),
            );
        }
        ok
    }

    fn len(&mut self, path: &str, len: usize, n: usize, what: &str) {
        if len != n {
            self.bad(
                path,
                format!("has {len} entries; the scenario has {n} {what}"),
            );
        }
    }

    fn finite(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !(v.is_finite() && (lo..=hi).contains(&v)) {
            let bound = match (lo, hi) {
                (f64::MIN, f64::MAX) => "a finite number".to_string(),
                (lo, f64::MAX) => format!("a finite number of at least {lo}"),
                (lo, hi) => format!("between {lo} and {hi}"),
            };
            self.bad(path, format!("{v} is not {bound}"));
        }
    }
}
