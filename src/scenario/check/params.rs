//! Model parameters (every factor the engine multiplies or divides by),
//! abstract fronts and history points: ranges, references and dates.

use super::objects::outcome;
use super::{MAX_LAG_DAYS, Reporter};
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
    r.range("loss_rate", c.loss_rate, 0.0, 1.0);
    r.range("killed_share", c.killed_share, 0.0, 1.0);
    r.range(
        "wounded_share",
        c.wounded_share,
        0.0,
        1.0 - c.killed_share.clamp(0.0, 1.0),
    );
    r.range("fort_bonus", c.fort_bonus, 0.0, 100.0);
    r.range("retreat_ratio", c.retreat_ratio, 0.0, 1_000.0);
    r.range("noise", c.noise, 0.0, 1.0);
    r.range("loss_exponents", c.loss_exponents.0, -5.0, 5.0);
    r.range("loss_exponents", c.loss_exponents.1, -5.0, 5.0);
    factors(r, "side_loss", [c.side_loss.0, c.side_loss.1].into_iter());
    r.range("rout_loss", c.rout_loss, 0.0, 1.0);
    r.range("part_day_exponent", c.part_day_exponent, 0.01, 3.0);
    r.range("intensity_decay", c.intensity_decay, 0.0, 1.0);
    r.range("front_density", c.front_density, 1.0, 100_000.0);
    r.range("density_exponent", c.density_exponent, -3.0, 3.0);
    r.range("front_km", c.front_km, 0.1, 10_000.0);
    r.range("breakpoint", c.breakpoint.0, 0.0, 1.0);
    r.range("breakpoint", c.breakpoint.1, 0.0, 1.0);
    r.range("dig_in_days", f64::from(c.dig_in_days), 0.0, 365.0);
    r.range("quality_per_code", c.quality_per_code, 0.0, 1.0);
    r.range("pre_machine_losses", c.pre_machine_losses, 0.05, 20.0);
    r.range("last_stand_losses", c.last_stand_losses, 0.05, 20.0);
    factors(r, "terrain_defence", c.terrain_defence.iter().map(|x| x.1));
    let m = &p.movement;
    factors(r, "terrain", m.terrain.iter().map(|x| x.1));
    factors(r, "links", m.links.iter().map(|x| x.1));
    factors(r, "months", m.months.iter().map(|x| x.1));
    months(r, "months", m.months.iter().map(|x| x.0));
    r.range("contested", m.contested, 0.0, 100.0);
    let rail = &p.rail;
    // Trains run this far a day: zero would never arrive.
    r.range("km_per_day", rail.km_per_day, 1.0, 100_000.0);
    r.range("default_capacity", rail.default_capacity, 0.0, 1_000.0);
    r.range("loading_days", rail.loading_days as f64, 0.0, 365.0);
    let sup = &p.supply;
    r.range("drain", sup.drain, 0.0, 1.0);
    r.range("recover", sup.recover, 0.0, 1.0);
    r.range("halt_below", sup.halt_below, 0.0, 1.0);
    r.range("reach_km", sup.reach_km, 0.0, 100_000.0);
    r.range("captured_rail", sup.captured_rail, 0.0, 1.0);
    for (_, v) in &sup.fuel {
        r.range("fuel", *v, 0.0, 1.0);
    }
    let o = &p.operations;
    r.range("attack_odds", o.attack_odds, 0.1, 100.0);
    r.range("withdraw_odds", o.withdraw_odds, 0.1, 100.0);
    r.range("horizon_days", o.horizon_days, 0.0, 365.0);
    r.range("depth_weight", o.depth_weight, 0.0, 1.0);
    r.range("depth_links", o.depth_links as f64, 0.0, 10.0);
    r.range("rail_after_days", o.rail_after_days, 0.0, 365.0);
    r.range("commitment", o.commitment, 1.0, 10.0);
    for (i, e) in p.intelligence.estimates.iter().enumerate() {
        r.enter_param("estimates", i, None);
        r.reference::<Faction>(&e.observer);
        r.reference::<Faction>(&e.observed);
        r.span("factor", e.factor);
        // Each day of lag keeps a copy of the strength table: bound the memory.
        r.range("lag_days", e.lag_days as f64, 0.0, MAX_LAG_DAYS as f64);
    }
    for (i, f) in p.fronts.iter().enumerate() {
        r.enter_param("fronts", i, Some(&f.id));
        front(r, f);
    }
}

fn factors(r: &mut Reporter, field: &str, vs: impl Iterator<Item = f64>) {
    for v in vs {
        r.range(field, v, 0.0, 100.0);
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
    r.range("distance_km", f.distance_km, 0.0, 100_000.0);
    r.range("attacker_power", f.attacker_power, 0.0, f64::INFINITY);
    r.span("attacker_spread", f.attacker_spread);
    r.range("defender_base", f.defender_base, 0.0, f64::INFINITY);
    // The daily advance is clamped to [0, 3 × base_advance_km]: a negative scale has no such range.
    r.range("base_advance_km", f.base_advance_km, 0.0, 10_000.0);
    factors(r, "season", f.season.iter().map(|x| x.1));
    months(r, "season", f.season.iter().map(|x| x.0));
    months(r, "winter_months", f.winter_months.iter().copied());
    r.range("counter_ratio", f.counter_ratio, 0.0, 1_000.0);
    r.range("noise", f.noise, 0.0, 1.0);
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
