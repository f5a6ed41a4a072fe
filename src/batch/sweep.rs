//! A sweep: a scenario run many times over a design of factor values, in
//! parallel, one CSV row per run in run order.
//!
//! Jobs are numbered point-major: job `g` is run `g % runs` of design point
//! `g / runs`. Run r of every point uses the same seed (common random numbers),
//! so differences between points come from the factors, not from luck.

use super::csv_out::{CHOOSE, FACTOR, FORMAT, META};
use super::design::{Design, NumericFactor, Range, cartesian, number_pair, numeric_points};
use super::metrics::Metrics;
use super::ordered::run_ordered;
use super::paths::{self, ParamPath};
use crate::report::summary::Summary;
use crate::scenario::check::check;
use crate::scenario::{Controller, Scenario, Source};
use crate::sim::checksum::Fnv;
use crate::sim::fork::splitmix64;
use crate::sim::save::SimState;
use crate::sim::{Setup, Simulation};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// The seed of run `run` (0-based, the same at every design point).
pub fn run_seed(base: u64, run: u64) -> u64 {
    splitmix64(splitmix64(base) ^ run)
}

/// Most design points a sweep accepts: each is checked and held in memory before the runs.
pub const MAX_POINTS: usize = 100_000;

/// A slice of a sweep for one machine: jobs `g` with `g % count == index` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Default for Shard {
    fn default() -> Self {
        Shard { index: 0, count: 1 }
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (index, count) = number_pair(
            s,
            "/",
            |_: &u64| true,
            || format!("`{s}` is not I/N, e.g. 0/4 for the first of four shards"),
            |t| format!("`{t}` in shard `{s}` is not a whole number"),
        )?;
        if count == 0 {
            return Err(format!(
                "shard `{s}`: the number of shards must be at least 1"
            ));
        }
        if index >= count {
            return Err(format!(
                "shard `{s}`: shards are numbered from 0, so I must be below N (0/{count} to {}/{count})",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Everything a sweep is asked to do.
#[derive(Clone, Debug, Default)]
pub struct SweepSpec {
    /// Runs per design point.
    pub runs: u64,
    pub seed: u64,
    pub vary: Vec<Range>,
    pub design: Design,
    /// Levels per factor (grid) or points (Latin hypercube).
    pub points: usize,
    /// Decision id → options; one option fixes it, several make it a factor.
    pub choose: Vec<(String, Vec<String>)>,
    pub controllers: BTreeMap<String, Controller>,
    pub shard: Shard,
    /// A saved state to continue from instead of the scenario's start: every
    /// run is a fork of it ([`Simulation::fork`]) with the run's seed.
    pub from: Option<Arc<SimState>>,
}

/// One combination of factor values.
#[derive(Clone, Debug, PartialEq)]
struct Point {
    numeric: Vec<f64>,
    /// Option per categorical factor.
    options: Vec<String>,
}

/// A sweep checked against its scenario and ready to run.
pub struct Sweep {
    base: Arc<Scenario>,
    base_json: Value,
    params: Vec<ParamPath>,
    categorical: Vec<String>,
    fixed: BTreeMap<String, String>,
    points: Vec<Point>,
    metrics: Metrics,
    spec: SweepSpec,
    hash: String,
}

impl Sweep {
    /// Resolves factor paths, builds the design and checks that every point gives a valid scenario.
    pub fn prepare(base: Scenario, sources: &[Source], spec: SweepSpec) -> Result<Sweep, String> {
        let base_json = paths::to_value(&base);
        let params = spec
            .vary
            .iter()
            .map(|r| paths::resolve(&base_json, &r.name))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, p) in params.iter().enumerate() {
            if let Some(q) = params[..i].iter().find(|q| q.same_field(p)) {
                return Err(format!(
                    "`{}` and `{}` vary the same parameter",
                    q.spelled, p.spelled
                ));
            }
        }
        let numeric: Vec<NumericFactor> = spec
            .vary
            .iter()
            .zip(&params)
            .map(|(r, p)| NumericFactor {
                lo: r.lo,
                hi: r.hi,
                integer: p.integer,
            })
            .collect();
        let mut fixed = BTreeMap::new();
        let mut categorical = Vec::new();
        let mut levels = Vec::new();
        for (d, opts) in &spec.choose {
            if let [one] = opts.as_slice() {
                fixed.insert(d.clone(), one.clone());
            } else {
                categorical.push(d.clone());
                levels.push(opts.clone());
            }
        }
        let size = match spec.design {
            Design::Grid => numeric
                .iter()
                .map(|f| f.levels(spec.points).len() as f64)
                .product::<f64>(),
            Design::Lhs => spec.points as f64,
        } * levels.iter().map(|l| l.len() as f64).product::<f64>();
        if size > MAX_POINTS as f64 {
            return Err(format!(
                "the design has {size:.0} points, more than {MAX_POINTS}: use fewer --points or --design lhs"
            ));
        }
        let design_seed = splitmix64(spec.seed ^ 0x6465_7369_676e); // "design"
        let nums = numeric_points(&numeric, spec.design, spec.points, design_seed);
        let points: Vec<Point> = cartesian(&levels)
            .into_iter()
            .flat_map(|options| {
                nums.iter().map(move |n| Point {
                    numeric: n.clone(),
                    options: options.clone(),
                })
            })
            .collect();
        if spec.runs.checked_mul(points.len() as u64).is_none() {
            return Err(format!(
                "{} runs at each of {} design points is too many",
                spec.runs,
                points.len()
            ));
        }
        if !params.is_empty() {
            for (i, p) in points.iter().enumerate() {
                let s = apply(&base_json, &params, &p.numeric)?;
                if let Some(d) = check(&s, sources).into_iter().find(|d| d.is_error()) {
                    return Err(format!(
                        "design point {i} ({}) makes an invalid scenario: {}",
                        describe(&params, &p.numeric),
                        d.message
                    ));
                }
            }
        }
        if let Some(state) = &spec.from {
            // Decisions taken before the save cannot be factors: one trial fork says which.
            let setup = Setup {
                choices: spec
                    .choose
                    .iter()
                    .filter_map(|(d, o)| Some((d.clone(), o.first()?.clone())))
                    .collect(),
                ..Setup::default()
            };
            let base = Arc::new(base.clone());
            Simulation::from_state(base, &setup, SimState::clone(state)).fork(&setup)?;
        }
        let metrics = Metrics::of(&base);
        let mut sweep = Sweep {
            base: Arc::new(base),
            base_json,
            params,
            categorical,
            fixed,
            points,
            metrics,
            spec,
            hash: String::new(),
        };
        sweep.hash = sweep.fingerprint();
        Ok(sweep)
    }

    /// A hash of the scenario and of every setting that changes rows, to refuse mixing sweeps.
    fn fingerprint(&self) -> String {
        let mut h = Fnv::default();
        h.u64(FORMAT as u64);
        h.str(&self.base_json.to_string());
        h.u64(self.spec.runs);
        h.u64(self.spec.seed);
        for (p, r) in self.params.iter().zip(&self.spec.vary) {
            h.str(&p.spelled);
            h.f64(r.lo);
            h.f64(r.hi);
        }
        h.str(&self.spec.design.to_string());
        h.u64(self.spec.points as u64);
        for (d, opts) in &self.spec.choose {
            h.str(d);
            opts.iter().for_each(|o| h.str(o));
        }
        for (f, c) in &self.spec.controllers {
            h.str(f);
            // The name capitalised (`Ai`): the spelling hashed since the first
            // sweeps, so fingerprints, and the shards they tie together, stay valid.
            h.str(&crate::names::capitalised(&crate::names::name(c)));
        }
        // Only forks hash their saved state: older sweeps keep their fingerprints.
        if let Some(state) = &self.spec.from {
            h.str("from");
            h.feed(&**state);
        }
        format!("{:016x}", h.finish())
    }

    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = META.iter().map(|s| s.to_string()).collect();
        h.extend(self.params.iter().map(|p| format!("{FACTOR}{}", p.spelled)));
        h.extend(self.categorical.iter().map(|d| format!("{CHOOSE}{d}")));
        h.extend(self.metrics.header());
        h
    }

    pub fn design_points(&self) -> usize {
        self.points.len()
    }

    /// The scenario's name, as the rows carry it.
    pub fn scenario_name(&self) -> &str {
        &self.base.meta.name
    }

    /// Runs in the whole sweep, every shard together.
    pub fn total_jobs(&self) -> u64 {
        self.points.len() as u64 * self.spec.runs
    }

    /// Runs in this shard.
    pub fn shard_jobs(&self) -> u64 {
        let Shard { index, count } = self.spec.shard;
        self.total_jobs().saturating_sub(index).div_ceil(count)
    }

    /// Runs this shard's jobs on `threads` threads; each row reaches `sink` in run order.
    pub fn run<E>(
        &self,
        threads: usize,
        mut sink: impl FnMut(Vec<String>) -> Result<(), E>,
    ) -> Result<(), E> {
        // Each worker keeps the scenario of the point it last ran: jobs come point by point.
        let cache: Vec<std::sync::Mutex<Option<(usize, Arc<Scenario>)>>> =
            (0..threads.max(1)).map(|_| Default::default()).collect();
        let work = |j: u64| {
            let g = self.spec.shard.index + j * self.spec.shard.count;
            let slot = rayon::current_thread_index().unwrap_or(0) % cache.len();
            let mut cached = cache[slot].lock().expect("cache lock");
            self.job(g, &mut cached)
        };
        run_ordered(self.shard_jobs(), threads, work, |_, row| sink(row))
    }

    fn scenario_for(
        &self,
        point: usize,
        cached: &mut Option<(usize, Arc<Scenario>)>,
    ) -> Arc<Scenario> {
        if self.params.is_empty() {
            return self.base.clone();
        }
        match cached {
            Some((p, s)) if *p == point => s.clone(),
            _ => {
                let s = apply(&self.base_json, &self.params, &self.points[point].numeric)
                    .expect("every design point was checked in prepare");
                let s = Arc::new(s);
                *cached = Some((point, s.clone()));
                s
            }
        }
    }

    /// Runs global job `g` and returns its row.
    fn job(&self, g: u64, cached: &mut Option<(usize, Arc<Scenario>)>) -> Vec<String> {
        let runs = self.spec.runs.max(1);
        let (point, run) = ((g / runs) as usize, g % runs);
        let p = &self.points[point];
        let seed = run_seed(self.spec.seed, run);
        let mut choices = self.fixed.clone();
        for (d, o) in self.categorical.iter().zip(&p.options) {
            choices.insert(d.clone(), o.clone());
        }
        let setup = Setup {
            seed,
            controllers: self.spec.controllers.clone(),
            choices,
        };
        let scenario = self.scenario_for(point, cached);
        let mut sim = match &self.spec.from {
            None => Simulation::new(scenario, &setup),
            Some(state) => {
                let mut sim = Simulation::from_state(scenario, &setup, SimState::clone(state));
                sim.fork(&setup)
                    .expect("the choices were checked against the saved state in prepare");
                sim
            }
        };
        sim.run_to_end();
        let summary = Summary::of(&sim, seed);
        let mut row = vec![
            FORMAT.to_string(),
            self.base.meta.name.clone(),
            self.hash.clone(),
            self.total_jobs().to_string(),
            g.to_string(),
            point.to_string(),
            run.to_string(),
            seed.to_string(),
            summary.checksum.clone(),
        ];
        row.extend(
            self.params
                .iter()
                .zip(&p.numeric)
                .map(|(param, &x)| param.number(x).to_string()),
        );
        row.extend(p.options.iter().cloned());
        row.extend(self.metrics.measure(&summary));
        row
    }
}

fn apply(base: &Value, params: &[ParamPath], values: &[f64]) -> Result<Scenario, String> {
    let settings: Vec<(&ParamPath, f64)> = params.iter().zip(values.iter().copied()).collect();
    paths::apply(base, &settings)
}

fn describe(params: &[ParamPath], values: &[f64]) -> String {
    params
        .iter()
        .zip(values)
        .map(|(p, &x)| format!("{}={}", p.spelled, p.number(x)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_zero_based() {
        assert_eq!("1/4".parse::<Shard>(), Ok(Shard { index: 1, count: 4 }));
        assert!(
            "3/2"
                .parse::<Shard>()
                .unwrap_err()
                .contains("numbered from 0")
        );
        assert!("2/2".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
        assert!("a/2".parse::<Shard>().is_err());
        assert!("1".parse::<Shard>().is_err());
    }

    #[test]
    fn run_seeds_differ_and_are_stable() {
        let a: Vec<u64> = (0..1000).map(|k| run_seed(1, k)).collect();
        let mut b = a.clone();
        b.sort();
        b.dedup();
        assert_eq!(b.len(), 1000);
        assert_ne!(run_seed(0, 1), run_seed(1, 0));
        assert_eq!(run_seed(1, 0), run_seed(1, 0));
    }
}
