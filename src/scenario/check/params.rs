//! Model parameters (every factor the engine multiplies or divides by),
//! abstract fronts and history points: ranges, references and dates.

use super::Reporter;
use super::objects::outcome;
use crate::scenario::types::*;

pub fn check(r: &mut Reporter) {
    params(r);
    history(r);
}

fn params(r: &mut Reporter) {
    let p = &r.s.params;
    r.enter_section("params");
    let c = &p.combat;
    let (wm, wt, wg, wa) = c.weights;
    factors(r, "weights", [wm, wt, wg, wa].into_iter());
    // Killed and wounded are shares of the same losses: together at most all of
    // them (each share's own range is its type's, checked in `bounds`).
    if (0.0..=1.0).contains(&c.wounded_share) {
        let most = 1.0 - c.killed_share.clamp(0.0, 1.0);
        r.range("wounded_share", c.wounded_share, 0.0, most);
    }
    // Tuples: their schema carries no bounds, so they are checked here.
    let (le, br) = (c.loss_exponents, c.breakpoint);
    within(r, "loss_exponents", [le.0, le.1], -5.0, 5.0);
    factors(r, "side_loss", [c.side_loss.0, c.side_loss.1].into_iter());
    within(r, "breakpoint", [br.0, br.1], 0.0, 1.0);
    factors(r, "terrain_defence", c.terrain_defence.iter().map(|x| x.1));
    let m = &p.movement;
    factors(r, "terrain", m.terrain.iter().map(|x| x.1));
    factors(r, "links", m.links.iter().map(|x| x.1));
    factors(r, "months", m.months.iter().map(|x| x.1));
    months(r, "months", m.months.iter().map(|x| x.0));
    within(r, "fuel", p.supply.fuel.iter().map(|x| x.1), 0.0, 1.0);
    for (i, e) in p.intelligence.estimates.iter().enumerate() {
        r.enter_param("estimates", i, None);
        r.reference::<Faction>(&e.observer);
        r.reference::<Faction>(&e.observed);
        r.span("factor", e.factor);
    }
    for (i, f) in p.fronts.iter().enumerate() {
        r.enter_param("fronts", i, Some(&f.id));
        front(r, f);
    }
}

fn factors(r: &mut Reporter, field: &str, vs: impl Iterator<Item = f64>) {
    within(r, field, vs, 0.0, 100.0);
}

fn within(r: &mut Reporter, field: &str, vs: impl IntoIterator<Item = f64>, lo: f64, hi: f64) {
    for v in vs {
        r.range(field, v, lo, hi);
    }
}

fn months(r: &mut Reporter, field: &str, ms: impl Iterator<Item = u32>) {
    for m in ms {
        if !(1..=12).contains(&m) {
            r.range(field, m as f64, 1.0, 12.0);
        }
    }
}

fn front(r: &mut Reporter, f: &AbstractFront) {
    r.reference::<Region>(&f.region);
    r.reference::<Faction>(&f.attacker);
    r.reference::<Faction>(&f.defender);
    r.end_before_start(f.from, f.until, "until");
    r.date_in_period("`from`", f.from);
    r.span("attacker_spread", f.attacker_spread);
    factors(r, "season", f.season.iter().map(|x| x.1));
    months(r, "season", f.season.iter().map(|x| x.0));
    months(r, "winter_months", f.winter_months.iter().copied());
    for o in [&f.fall_outcome, &f.hold_outcome] {
        outcome(r, o);
    }
}

fn history(r: &mut Reporter) {
    r.each::<HistoryPoint>(|r, h| match &h.measure {
        HistoryMeasure::Capture {
            region, by, date, ..
        } => {
            r.reference::<Region>(region);
            r.reference::<Faction>(by);
            r.date_in_period("the date", *date);
        }
        HistoryMeasure::Outcome {
            outcome: o, date, ..
        } => {
            outcome(r, o);
            if let Some(d) = date {
                r.date_in_period("the date", *d);
            }
        }
        HistoryMeasure::Reach {
            formation,
            regions,
            date,
            ..
        } => {
            r.reference::<Formation>(formation);
            r.references::<Region>(regions);
            r.date_in_period("the date", *date);
        }
        HistoryMeasure::Depth {
            parent,
            from,
            date,
            lo_km,
            hi_km,
        } => {
            r.reference::<Formation>(parent);
            r.end_before_start(*from, *date, "date");
            r.span("lo_km", (*lo_km, *hi_km));
        }
        HistoryMeasure::Transfers {
            to_theatre,
            from,
            until,
            men,
            divisions,
        } => {
            r.theatre(to_theatre);
            r.end_before_start(*from, *until, "until");
            r.span("men", *men);
            r.span("divisions", *divisions);
        }
        HistoryMeasure::Losses {
            faction, lo, hi, ..
        } => {
            r.reference::<Faction>(faction);
            r.span("lo", (*lo, *hi));
        }
        HistoryMeasure::Variable { date, lo, hi, .. } => {
            r.date_in_period("the date", *date);
            if lo > hi {
                r.span("lo", (*lo, *hi));
            }
        }
    });
}
