//! The summary of a sweep, computed from its CSV rows alone.
//!
//! Built from the same text fields the CSV holds, so a sweep and the merge of
//! its shards print the same summary; streaming accumulators keep memory flat
//! however many runs there are.

use super::csv_out::{CHOOSE, FACTOR, META};
use super::stats::{Moments, Pair, wilson};
use crate::date::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a column holds, read from its name (see [`super::metrics::Metrics::header`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Flag,
    Date,
    Category,
    Number,
}

fn kind(name: &str) -> Kind {
    if name.ends_with(".date") {
        Kind::Date
    } else if name.ends_with(".status") || name.ends_with(".result") {
        Kind::Category
    } else if name.starts_with("outcome.") {
        Kind::Flag
    } else {
        Kind::Number
    }
}

/// The outcomes factor effects are reported on: the flags and the fronts' distances.
fn is_main(name: &str) -> bool {
    kind(name) == Kind::Flag || (name.starts_with("front.") && name.ends_with(".distance_km"))
}

#[derive(Clone, Debug)]
enum Acc {
    Flag { hits: u64, n: u64 },
    Values(Moments),
    Category(BTreeMap<String, u64>),
}

#[derive(Clone, Debug)]
struct PointAcc {
    factors: Vec<String>,
    runs: u64,
    /// Per main outcome: sum and count of its numeric values.
    sums: Vec<(f64, u64)>,
}

/// Feeds on rows in run order; [`Accumulator::finish`] gives the summary.
#[derive(Clone, Debug)]
pub struct Accumulator {
    names: Vec<String>,
    scenario: String,
    jobs: u64,
    rows: u64,
    factors: Vec<usize>,
    numeric_factors: Vec<usize>,
    metrics: Vec<usize>,
    main: Vec<usize>,
    accs: Vec<Acc>,
    /// [numeric factor][main outcome]
    effects: Vec<Vec<Pair>>,
    /// Per main outcome: its first value and whether any run differed.
    spread: Vec<(Option<f64>, bool)>,
    points: BTreeMap<u64, PointAcc>,
}

fn parse(field: &str, k: Kind) -> Option<f64> {
    match k {
        Kind::Date => field.parse::<Date>().ok().map(|d| d.0 as f64),
        _ => field.parse::<f64>().ok(),
    }
}

impl Accumulator {
    /// For a file with this header (sweep layout assumed: check it first).
    pub fn new<'a>(header: impl IntoIterator<Item = &'a str>) -> Accumulator {
        let names: Vec<String> = header.into_iter().map(str::to_string).collect();
        let cols = META.len()..names.len();
        let factors: Vec<usize> = cols
            .clone()
            .filter(|&i| names[i].starts_with(FACTOR))
            .collect();
        let metrics: Vec<usize> = cols.filter(|&i| !names[i].starts_with(FACTOR)).collect();
        let main: Vec<usize> = metrics
            .iter()
            .copied()
            .filter(|&i| is_main(&names[i]))
            .collect();
        let accs = metrics
            .iter()
            .map(|&i| match kind(&names[i]) {
                Kind::Flag => Acc::Flag { hits: 0, n: 0 },
                Kind::Category => Acc::Category(BTreeMap::new()),
                Kind::Date | Kind::Number => Acc::Values(Moments::default()),
            })
            .collect();
        Accumulator {
            names,
            scenario: String::new(),
            jobs: 0,
            rows: 0,
            factors,
            numeric_factors: Vec::new(),
            metrics,
            effects: Vec::new(),
            spread: vec![(None, false); main.len()],
            main,
            accs,
            points: BTreeMap::new(),
        }
    }

    /// Names the sweep before its rows come: a shard with no runs (more
    /// shards than runs) still says which scenario and how many runs in all.
    pub fn named(mut self, scenario: &str, jobs: u64) -> Self {
        self.scenario = scenario.to_string();
        self.jobs = jobs;
        self
    }

    /// Adds one run's row.
    pub fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let f: Vec<&str> = fields.into_iter().collect();
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        if self.rows == 0 {
            self.scenario = get(1).to_string();
            self.jobs = get(3).parse().unwrap_or(0);
            // Categorical factors (decision options) are compared per design point, not correlated.
            self.numeric_factors = self
                .factors
                .iter()
                .copied()
                .filter(|&i| !self.names[i].starts_with(CHOOSE))
                .collect();
            self.effects = vec![vec![Pair::default(); self.main.len()]; self.numeric_factors.len()];
        }
        self.rows += 1;
        for (acc, &i) in self.accs.iter_mut().zip(&self.metrics) {
            let v = get(i);
            match acc {
                Acc::Flag { hits, n } => {
                    *n += 1;
                    *hits += u64::from(v == "1");
                }
                Acc::Category(counts) => *counts.entry(v.to_string()).or_default() += 1,
                Acc::Values(m) => {
                    if let Some(x) = parse(v, kind(&self.names[i])) {
                        m.push(x);
                    }
                }
            }
        }
        let main: Vec<Option<f64>> = self.main.iter().map(|&i| get(i).parse().ok()).collect();
        for ((first, varies), y) in self.spread.iter_mut().zip(&main) {
            match first {
                None => *first = Some(y.unwrap_or(f64::NAN)),
                Some(f) => *varies |= f.to_bits() != y.unwrap_or(f64::NAN).to_bits(),
            }
        }
        for (pairs, &fi) in self.effects.iter_mut().zip(&self.numeric_factors) {
            if let Ok(x) = get(fi).parse::<f64>() {
                for (p, y) in pairs.iter_mut().zip(&main) {
                    if let Some(y) = y {
                        p.push(x, *y);
                    }
                }
            }
        }
        let point = get(5).parse().unwrap_or(0);
        let factors = &self.factors;
        let n_main = self.main.len();
        let acc = self.points.entry(point).or_insert_with(|| PointAcc {
            factors: factors.iter().map(|&i| get(i).to_string()).collect(),
            runs: 0,
            sums: vec![(0.0, 0); n_main],
        });
        acc.runs += 1;
        for (s, y) in acc.sums.iter_mut().zip(&main) {
            if let Some(y) = y {
                s.0 += y;
                s.1 += 1;
            }
        }
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(&self) -> SweepSummary {
        let short = |i: usize| self.names[i].clone();
        let mut outcomes = Vec::new();
        let mut metrics = Vec::new();
        let mut categories = Vec::new();
        for (acc, &i) in self.accs.iter().zip(&self.metrics) {
            match acc {
                Acc::Flag { hits, n } => outcomes.push(Probability::of(short(i), *hits, *n)),
                Acc::Category(counts) => categories.push(CategoryRow {
                    metric: short(i),
                    counts: counts.clone(),
                }),
                Acc::Values(m) => {
                    let date = kind(&self.names[i]) == Kind::Date;
                    let fig = |x: Option<f64>| x.map(|x| Figure::new(x, date));
                    metrics.push(MetricRow {
                        metric: short(i),
                        n: m.count(),
                        mean: fig(m.mean()),
                        median: fig(m.quantile(0.5)),
                        p5: fig(m.quantile(0.05)),
                        p95: fig(m.quantile(0.95)),
                    });
                }
            }
        }
        let points = self
            .points
            .iter()
            .map(|(&point, p)| PointRow {
                point,
                runs: p.runs,
                factors: p.factors.clone(),
                outcomes: self
                    .main
                    .iter()
                    .zip(&p.sums)
                    .map(|(&i, &(sum, n))| {
                        if kind(&self.names[i]) == Kind::Flag {
                            PointFigure::Probability(Probability::of(short(i), sum as u64, p.runs))
                        } else {
                            PointFigure::Mean {
                                metric: short(i),
                                mean: (n > 0).then(|| sum / n as f64),
                            }
                        }
                    })
                    .collect(),
            })
            .collect();
        let effects = self
            .numeric_factors
            .iter()
            .zip(&self.effects)
            .flat_map(|(&f, pairs)| {
                self.main.iter().zip(pairs).map(move |(&m, p)| EffectRow {
                    factor: short(f),
                    outcome: short(m),
                    n: p.count(),
                    correlation: p.correlation(),
                    slope: p.slope(),
                })
            })
            .collect();
        SweepSummary {
            scenario: self.scenario.clone(),
            runs: self.rows,
            jobs: self.jobs,
            factors: self.factors.iter().map(|&i| short(i)).collect(),
            constant: self
                .main
                .iter()
                .zip(&self.spread)
                .filter(|(_, s)| !s.1)
                .map(|(&i, _)| short(i))
                .collect(),
            outcomes,
            metrics,
            categories,
            points,
            effects,
        }
    }
}

/// A number or, for date columns, the date it stands for.
#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
#[serde(untagged)]
pub enum Figure {
    Number(f64),
    Date(Date),
}

impl Figure {
    fn new(x: f64, date: bool) -> Figure {
        if date {
            Figure::Date(Date(x.round() as i32))
        } else {
            Figure::Number(x)
        }
    }

    fn text(self) -> String {
        match self {
            Figure::Date(d) => d.to_string(),
            Figure::Number(x) => number(x),
        }
    }
}

fn number(x: f64) -> String {
    if x.abs() >= 100.0 || x == x.round() {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Probability {
    pub outcome: String,
    pub runs: u64,
    pub hits: u64,
    pub p: f64,
    /// Wilson 95% interval.
    pub ci95: (f64, f64),
}

impl Probability {
    fn of(outcome: String, hits: u64, runs: u64) -> Probability {
        Probability {
            outcome,
            runs,
            hits,
            p: if runs == 0 {
                0.0
            } else {
                hits as f64 / runs as f64
            },
            ci95: wilson(hits, runs),
        }
    }

    fn text(&self) -> String {
        format!("{:.3} [{:.3}, {:.3}]", self.p, self.ci95.0, self.ci95.1)
    }
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct MetricRow {
    pub metric: String,
    /// Runs with a value (dates: runs in which it happened).
    pub n: u64,
    pub mean: Option<Figure>,
    pub median: Option<Figure>,
    pub p5: Option<Figure>,
    pub p95: Option<Figure>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub metric: String,
    pub counts: BTreeMap<String, u64>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum PointFigure {
    Probability(Probability),
    Mean { metric: String, mean: Option<f64> },
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PointRow {
    pub point: u64,
    pub runs: u64,
    /// Factor values, in the order of [`SweepSummary::factors`].
    pub factors: Vec<String>,
    pub outcomes: Vec<PointFigure>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct EffectRow {
    pub factor: String,
    pub outcome: String,
    pub n: u64,
    /// Pearson's r between factor and outcome over all runs.
    pub correlation: Option<f64>,
    /// Least-squares change in the outcome per unit of the factor.
    pub slope: Option<f64>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SweepSummary {
    pub scenario: String,
    pub runs: u64,
    /// Runs in the whole sweep (more than `runs` for a shard).
    pub jobs: u64,
    pub factors: Vec<String>,
    /// Main outcomes that came out the same in every run (left out of the text tables).
    pub constant: Vec<String>,
    pub outcomes: Vec<Probability>,
    pub metrics: Vec<MetricRow>,
    pub categories: Vec<CategoryRow>,
    pub points: Vec<PointRow>,
    pub effects: Vec<EffectRow>,
}

/// Design points shown in the text table; `--json` has them all.
const POINTS_SHOWN: usize = 40;

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or("-".to_string(), |x| format!("{x:.digits$}"))
}

impl SweepSummary {
    pub fn text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "== {} · {} runs, {} ==",
            self.scenario,
            self.runs,
            plural(self.points.len(), "design point")
        );
        if self.runs < self.jobs {
            let _ = writeln!(
                s,
                "(a shard: {} of the sweep's {} runs; `pact merge` the shards for the whole)",
                self.runs, self.jobs
            );
        }
        let _ = writeln!(s, "\n{:<44} {:>22}", "outcome", "P [95% CI, Wilson]");
        for p in &self.outcomes {
            let _ = writeln!(s, "{:<44} {:>22}", strip(&p.outcome), p.text());
        }
        let _ = writeln!(
            s,
            "\n{:<44} {:>6} {:>12} {:>12} {:>12} {:>12}",
            "metric", "n", "mean", "median", "p5", "p95"
        );
        for m in &self.metrics {
            let f = |x: Option<Figure>| x.map_or("-".to_string(), Figure::text);
            let _ = writeln!(
                s,
                "{:<44} {:>6} {:>12} {:>12} {:>12} {:>12}",
                m.metric,
                m.n,
                f(m.mean),
                f(m.median),
                f(m.p5),
                f(m.p95)
            );
        }
        for c in &self.categories {
            let total: u64 = c.counts.values().sum();
            let shares: Vec<String> = c
                .counts
                .iter()
                .map(|(k, n)| {
                    let k = if k.is_empty() { "(none)" } else { k };
                    format!("{k} {:.1}%", 100.0 * *n as f64 / total.max(1) as f64)
                })
                .collect();
            let _ = writeln!(s, "{:<44} {}", c.metric, shares.join(", "));
        }
        if self.points.len() > 1 || !self.factors.is_empty() {
            self.points_text(&mut s);
        }
        let effects: Vec<&EffectRow> = self
            .effects
            .iter()
            .filter(|e| !self.constant.contains(&e.outcome))
            .collect();
        if !effects.is_empty() {
            let _ = writeln!(
                s,
                "\neffects of factors over all runs (Pearson r; slope = change per unit of the factor)"
            );
            let _ = writeln!(
                s,
                "{:<44} {:<32} {:>7} {:>11}",
                "factor", "outcome", "r", "slope"
            );
            for e in effects {
                let _ = writeln!(
                    s,
                    "{:<44} {:<32} {:>7} {:>11}",
                    strip(&e.factor),
                    strip(&e.outcome),
                    opt(e.correlation, 3),
                    e.slope.map_or("-".to_string(), |x| format!("{x:.3e}"))
                );
            }
        }
        if !self.constant.is_empty() {
            let names: Vec<String> = self
                .constant
                .iter()
                .map(|c| match self.outcomes.iter().find(|o| &o.outcome == c) {
                    Some(o) if o.hits == 0 => format!("{} (never)", strip(c)),
                    Some(_) => format!("{} (always)", strip(c)),
                    None => strip(c),
                })
                .collect();
            let _ = writeln!(s, "\nthe same in every run: {}", names.join(", "));
        }
        s
    }

    fn points_text(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\nby design point (P [95% CI] of outcomes, mean of distances)"
        );
        let mut head = format!("{:>5} {:>5}", "point", "runs");
        for f in &self.factors {
            let _ = write!(head, " {:>16}", last(f));
        }
        let name = |o: &PointFigure| match o {
            PointFigure::Probability(p) => p.outcome.clone(),
            PointFigure::Mean { metric, .. } => metric.clone(),
        };
        let shown = |o: &&PointFigure| !self.constant.contains(&name(o));
        if let Some(p) = self.points.first() {
            for o in p.outcomes.iter().filter(shown) {
                let _ = write!(head, " {:>22}", last(&strip(&name(o))));
            }
        }
        let _ = writeln!(s, "{head}");
        for p in self.points.iter().take(POINTS_SHOWN) {
            let mut line = format!("{:>5} {:>5}", p.point, p.runs);
            for f in &p.factors {
                let _ = write!(line, " {f:>16}");
            }
            for o in p.outcomes.iter().filter(shown) {
                let cell = match o {
                    PointFigure::Probability(p) => p.text(),
                    PointFigure::Mean { mean, .. } => opt(*mean, 1),
                };
                let _ = write!(line, " {cell:>22}");
            }
            let _ = writeln!(s, "{line}");
        }
        if self.points.len() > POINTS_SHOWN {
            let _ = writeln!(
                s,
                "({} more design points: see --json or the CSV)",
                self.points.len() - POINTS_SHOWN
            );
        }
    }
}

/// `outcome.moscow_held` → `moscow_held`, `factor.params.x` → `params.x`, for narrow tables.
fn strip(name: &str) -> String {
    name.strip_prefix("outcome.")
        .or_else(|| name.strip_prefix(FACTOR))
        .unwrap_or(name)
        .to_string()
}

pub fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The last two segments of a dotted name, for column heads.
fn last(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    parts[parts.len().saturating_sub(2)..].join(".")
}
