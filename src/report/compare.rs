//! Comparison of runs with the scenario's `history` section: for each
//! reference point, the simulated median and range over seeds, the
//! difference from history and whether it lies within tolerance.
//! Every simulated figure is measured on the runs, never read from the reference.

use crate::date::Date;
use crate::scenario::{HistoryMeasure, LossKind, Scenario};
use crate::sim::catalog::{Catalog, RegionIx};
use crate::sim::roster::records;
use crate::sim::state::{FormationInfo, Location};
use crate::sim::{Setup, Simulation};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What one run measured for each history point (None: did not happen).
pub type RunMeasures = Vec<Option<f64>>;

/// One run's measures, and for each capture point whether the capture was the
/// script's (a scripted surrender or landing there that day) or the model's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    pub values: RunMeasures,
    pub scripted: Vec<Option<bool>>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub source: String,
    /// Historical value as text (a date, a share, a range).
    pub historical: String,
    /// Simulated median and range, as text.
    pub median: String,
    pub range: String,
    /// Difference of the median from history (days, km, share), where it makes sense.
    pub difference: String,
    pub within: bool,
    /// How many seeds produced a value.
    pub reached: usize,
    pub seeds: usize,
    /// For a capture: "model" where movement and combat took it in every seed that
    /// did, "script" where a scripted surrender or landing there did, else "k/n script";
    /// "-" for other points.
    pub by: String,
}

/// Who made the captures of one point across seeds (see [`Row::by`]).
fn by(scripted: &[bool]) -> String {
    let k = scripted.iter().filter(|&&s| s).count();
    match (k, scripted.len()) {
        (_, 0) => "-".into(),
        (0, _) => "model".into(),
        (k, n) if k == n => "script".into(),
        (k, n) => format!("{k}/{n} script"),
    }
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Comparison {
    pub scenario: String,
    pub seeds: Vec<u64>,
    pub rows: Vec<Row>,
}

/// Great-circle distance, km.
pub fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    // libm, as in the simulation: the same kilometres on any machine.
    let half = |d: f64| {
        let s = libm::sin(d / 2.0);
        s * s
    };
    let h = half(la2 - la1) + libm::cos(la1) * libm::cos(la2) * half(lo2 - lo1);
    2.0 * 6371.0 * libm::asin(h.sqrt())
}

fn position(cat: &Catalog, loc: &Location) -> Option<(f64, f64)> {
    let at = |r: RegionIx| {
        let g = &cat.scenario.regions[r];
        (g.lat, g.lon)
    };
    match loc {
        Location::At(r) => Some(at(*r)),
        Location::March { .. } => {
            let (from, to, t) = loc.marching()?;
            let (a, b) = (at(from), at(to));
            Some((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t))
        }
        Location::Rail(_) => None,
    }
}

/// Runs one seed and measures every history point.
pub fn measure_run(scenario: &Arc<Scenario>, seed: u64) -> Measured {
    measure_setup(
        scenario,
        &Setup {
            seed,
            ..Setup::default()
        },
    )
}

/// Runs one setup (seed, controllers, fixed choices) and measures every history point.
pub fn measure_setup(scenario: &Arc<Scenario>, setup: &Setup) -> Measured {
    let mut sim = Simulation::new(scenario.clone(), setup);
    let mut m = Measurer::new(scenario);
    while !sim.finished() {
        m.before_day(&sim);
        sim.step();
        m.after_day(&sim);
    }
    m.measured(&sim)
}

/// Measures the history points on a run as it goes: some are read on their
/// day (depths, variables, arrivals), the rest from the ledger at any time.
/// The game window keeps one beside its simulation; `pact compare` runs
/// [`measure_run`].
#[derive(Clone, Debug)]
pub struct Measurer {
    scenario: Arc<Scenario>,
    /// Values taken on their day, by point.
    taken: RunMeasures,
    /// Start positions for depth measures, keyed by point index.
    starts: BTreeMap<usize, BTreeMap<String, (f64, f64)>>,
}

impl Measurer {
    pub fn new(scenario: &Arc<Scenario>) -> Measurer {
        Measurer {
            scenario: scenario.clone(),
            taken: vec![None; scenario.history.len()],
            starts: BTreeMap::new(),
        }
    }

    /// Call before stepping `sim` (records start lines of depth measures).
    pub fn before_day(&mut self, sim: &Simulation) {
        let today = sim.today();
        for (i, p) in self.scenario.history.iter().enumerate() {
            if let HistoryMeasure::Depth { parent, from, .. } = &p.measure
                && today == *from
            {
                self.starts.insert(i, positions_under(sim, parent));
            }
        }
    }

    /// Call after stepping `sim`: takes the measures that fall on that day.
    pub fn after_day(&mut self, sim: &Simulation) {
        let today = sim.last_day();
        let w = sim.world();
        let cat = w.resource::<Catalog>();
        let out = &mut self.taken;
        for (i, p) in self.scenario.history.iter().enumerate() {
            match &p.measure {
                HistoryMeasure::Reach {
                    formation, regions, ..
                } if out[i].is_none() => {
                    let here = w
                        .resource::<crate::sim::roster::Roster>()
                        .get(formation)
                        .and_then(|e| w.get::<Location>(e))
                        .and_then(|l| l.region());
                    if here.is_some_and(|r| regions.iter().any(|id| id == cat.region_id(r))) {
                        out[i] = Some(today.0 as f64);
                    }
                }
                HistoryMeasure::Depth { parent, date, .. } if *date == today => {
                    let counted = self.starts.get(&i).cloned().unwrap_or_default();
                    out[i] = Some(depth_beyond_start_line(sim, parent, &counted));
                }
                HistoryMeasure::Variable { name, date, .. } if *date == today => {
                    out[i] = w
                        .resource::<crate::sim::state::Script>()
                        .vars
                        .get(name)
                        .copied();
                }
                _ => {}
            }
        }
    }

    /// Every point as measured so far, with how each capture came about.
    pub fn measured(&self, sim: &Simulation) -> Measured {
        let ledger = sim.ledger();
        let scripted = self
            .scenario
            .history
            .iter()
            .map(|p| match &p.measure {
                HistoryMeasure::Capture { region, by, .. } => ledger
                    .captures
                    .iter()
                    .find(|c| &c.region == region && &c.faction == by)
                    .map(|c| c.scripted),
                _ => None,
            })
            .collect();
        Measured {
            values: self.measures(sim),
            scripted,
        }
    }

    /// Every point as measured so far (the whole run's once it has ended).
    pub fn measures(&self, sim: &Simulation) -> RunMeasures {
        let mut out = self.taken.clone();
        let points = &self.scenario.history;
        let ledger = sim.ledger();
        for (i, p) in points.iter().enumerate() {
            match &p.measure {
                HistoryMeasure::Capture { region, by, .. } => {
                    out[i] = ledger.captured(region, by).map(|d| d.0 as f64)
                }
                HistoryMeasure::Outcome { outcome, date, .. } => {
                    out[i] = ledger
                        .outcome(outcome)
                        .map(|d| if date.is_some() { d.0 as f64 } else { 1.0 })
                }
                HistoryMeasure::Losses { faction, kind, .. } => {
                    let l = ledger.losses.get(faction).copied().unwrap_or_default();
                    out[i] = Some(match kind {
                        LossKind::Killed => l.killed,
                        LossKind::Wounded => l.wounded,
                        LossKind::Captured => l.captured,
                        LossKind::Casualties => l.killed + l.wounded + l.captured,
                    });
                }
                HistoryMeasure::Transfers {
                    to_theatre,
                    from,
                    until,
                    ..
                } => {
                    let men: f64 = transfers(sim, to_theatre, *from, *until)
                        .map(|t| t.men)
                        .sum();
                    out[i] = Some(men);
                }
                _ => {}
            }
        }
        // Division counts for transfer points are measured alongside men: stored after the point list.
        for p in points {
            if let HistoryMeasure::Transfers {
                to_theatre,
                from,
                until,
                ..
            } = &p.measure
            {
                out.push(Some(
                    transfers(sim, to_theatre, *from, *until)
                        .filter(|t| t.division)
                        .count() as f64,
                ));
            }
        }
        out
    }
}

fn transfers<'a>(
    sim: &'a Simulation,
    theatre: &'a str,
    from: Date,
    until: Date,
) -> impl Iterator<Item = &'a crate::sim::ledger::TransferRecord> {
    sim.ledger().transfers.iter().filter(move |t| {
        t.to_theatre == theatre && t.departed.is_some_and(|d| d >= from && d <= until)
    })
}

/// How far the deepest of the formations counted stands beyond its side's
/// original ground: zero inside it, else the distance to the nearest region
/// its bloc held at the start.
fn depth_beyond_start_line(
    sim: &Simulation,
    parent: &str,
    counted: &BTreeMap<String, (f64, f64)>,
) -> f64 {
    let w = sim.world();
    let cat = w.resource::<Catalog>();
    records(w)
        .into_iter()
        .filter(|r| {
            counted.contains_key(&r.info.id)
                && (r.info.parent.as_deref() == Some(parent) || r.info.id == parent)
        })
        .filter_map(|r| {
            let bloc = cat.bloc[r.info.faction];
            let home = |x: RegionIx| cat.native_bloc[x] == bloc;
            let ahead = match &r.location {
                Location::At(x) => *x,
                Location::March(m) => m.to,
                Location::Rail(_) => return None,
            };
            if home(ahead) {
                return Some(0.0);
            }
            let p = position(cat, &r.location)?;
            RegionIx::all(cat.edges.len())
                .filter(|&x| home(x))
                .map(|x| {
                    let g = &cat.scenario.regions[x];
                    km_between(p, (g.lat, g.lon))
                })
                .reduce(f64::min)
        })
        .fold(0.0, f64::max)
}

fn positions_under(sim: &Simulation, parent: &str) -> BTreeMap<String, (f64, f64)> {
    let w = sim.world();
    let cat = w.resource::<Catalog>();
    records(w)
        .into_iter()
        .filter(|r| r.info.parent.as_deref() == Some(parent) || r.info.id == parent)
        .filter_map(|r| position(cat, &r.location).map(|p| (id_of(&r.info), p)))
        .collect()
}

fn id_of(info: &FormationInfo) -> String {
    info.id.clone()
}

fn median_range(values: &mut [f64]) -> Option<(f64, f64, f64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let med = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    // `+ 0.0` turns a measured -0.0 into 0, which would print as "-0".
    Some((med + 0.0, values[0] + 0.0, values[n - 1] + 0.0))
}

fn date_text(v: f64) -> String {
    Date(v.round() as i32).to_string()
}

/// Builds the table from per-run measures.
pub fn compare(scenario: &Scenario, seeds: &[u64], measured: &[Measured]) -> Comparison {
    let runs: Vec<&RunMeasures> = measured.iter().map(|m| &m.values).collect();
    let n = runs.len();
    let mut rows = Vec::new();
    let mut extra = scenario.history.len();
    for (i, p) in scenario.history.iter().enumerate() {
        let mut vals: Vec<f64> = runs
            .iter()
            .filter_map(|r| r.get(i).copied().flatten())
            .collect();
        let how: Vec<bool> = measured
            .iter()
            .filter_map(|m| m.scripted.get(i).copied().flatten())
            .collect();
        let reached = vals.len();
        let stats = median_range(&mut vals);
        let mut row = Row {
            id: p.id.clone(),
            name: p.name.clone(),
            source: p.source.clone(),
            historical: String::new(),
            median: "-".into(),
            range: "-".into(),
            difference: "-".into(),
            within: false,
            reached,
            seeds: n,
            by: by(&how),
        };
        match &p.measure {
            HistoryMeasure::Capture {
                date,
                tolerance_days,
                ..
            }
            | HistoryMeasure::Reach {
                date,
                tolerance_days,
                ..
            }
            | HistoryMeasure::Outcome {
                date: Some(date),
                tolerance_days,
                ..
            } => {
                row.historical = format!("{date} ±{tolerance_days}d");
                if let Some((med, lo, hi)) = stats {
                    let diff = med - date.0 as f64;
                    row.median = date_text(med);
                    row.range = format!("{} – {}", date_text(lo), date_text(hi));
                    row.difference = format!("{diff:+.1} d");
                    row.within = reached * 2 > n && diff.abs() <= *tolerance_days as f64;
                }
            }
            HistoryMeasure::Outcome {
                min_share,
                max_share,
                ..
            } => {
                let share = reached as f64 / n.max(1) as f64;
                row.historical = match (min_share, max_share) {
                    (Some(lo), _) => format!("≥ {:.0}% of seeds", lo * 100.0),
                    (_, Some(hi)) => format!("≤ {:.0}% of seeds", hi * 100.0),
                    _ => "happens".into(),
                };
                row.median = format!("{:.0}%", share * 100.0);
                row.range = format!("{reached}/{n} seeds");
                row.within = min_share.is_none_or(|lo| share >= lo)
                    && max_share.is_none_or(|hi| share <= hi);
            }
            HistoryMeasure::Depth { lo_km, hi_km, .. }
            | HistoryMeasure::Variable {
                lo: lo_km,
                hi: hi_km,
                ..
            }
            | HistoryMeasure::Losses {
                lo: lo_km,
                hi: hi_km,
                ..
            } => {
                row.historical = format!("{lo_km:.0} – {hi_km:.0}");
                if let Some((med, lo, hi)) = stats {
                    row.median = format!("{med:.0}");
                    row.range = format!("{lo:.0} – {hi:.0}");
                    let diff = if med < *lo_km {
                        med - lo_km
                    } else if med > *hi_km {
                        med - hi_km
                    } else {
                        0.0
                    };
                    row.difference = format!("{diff:+.0}");
                    row.within = diff == 0.0;
                }
            }
            HistoryMeasure::Transfers { men, divisions, .. } => {
                let mut divs: Vec<f64> = runs
                    .iter()
                    .filter_map(|r| r.get(extra).copied().flatten())
                    .collect();
                extra += 1;
                row.historical = format!(
                    "{:.0}–{:.0} men, {:.0}–{:.0} divisions",
                    men.0, men.1, divisions.0, divisions.1
                );
                if let (Some((m, mlo, mhi)), Some((d, dlo, dhi))) = (stats, median_range(&mut divs))
                {
                    row.median = format!("{m:.0} men, {d:.0} div");
                    row.range = format!("{mlo:.0}–{mhi:.0} men, {dlo:.0}–{dhi:.0} div");
                    row.within =
                        (men.0..=men.1).contains(&m) && (divisions.0..=divisions.1).contains(&d);
                    row.difference =
                        format!("{:+.0}% men", (m / ((men.0 + men.1) / 2.0) - 1.0) * 100.0);
                }
            }
        }
        rows.push(row);
    }
    Comparison {
        scenario: scenario.meta.name.clone(),
        seeds: seeds.to_vec(),
        rows,
    }
}

impl Comparison {
    /// Points reached in at least one seed.
    pub fn reached(&self) -> usize {
        self.rows.iter().filter(|r| r.reached > 0).count()
    }

    /// Points within tolerance.
    pub fn within(&self) -> usize {
        self.rows.iter().filter(|r| r.within).count()
    }

    pub fn text(&self) -> String {
        let mut s = format!("== {} · {} seeds ==\n", self.scenario, self.seeds.len());
        s.push_str(&format!(
            "{:<34} {:<7} {:<30} {:<24} {:<28} {:<12} {:<4} {}\n",
            "reference point",
            "source",
            "history",
            "simulated median",
            "range",
            "difference",
            "ok",
            "by"
        ));
        for r in &self.rows {
            s.push_str(&format!(
                "{:<34} {:<7} {:<30} {:<24} {:<28} {:<12} {:<4} {}\n",
                truncate(&r.name, 34),
                r.source,
                r.historical,
                r.median,
                r.range,
                r.difference,
                if r.within { "yes" } else { "NO" },
                r.by
            ));
        }
        let ok = self.within();
        s.push_str(&format!(
            "{ok} of {} points within tolerance\n",
            self.rows.len()
        ));
        s
    }

    /// The table as README shows it: full names, the median with its range.
    pub fn markdown(&self) -> String {
        let mut s = String::from(
            "| reference point | source | history | simulated median (range) | ok | by |\n\
             |---|---|---|---|---|---|\n",
        );
        for r in &self.rows {
            let simulated = if r.range == "-" {
                r.median.clone()
            } else {
                format!("{} ({})", r.median, r.range)
            };
            let ok = if r.within { "yes" } else { "**no**" };
            s.push_str(&format!(
                "| {} | {} | {} | {simulated} | {ok} | {} |\n",
                r.name, r.source, r.historical, r.by
            ));
        }
        let ok = self.within();
        s.push_str(&format!(
            "\n{ok} of {} points within tolerance over {} seeds.\n",
            self.rows.len(),
            self.seeds.len()
        ));
        s
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}
