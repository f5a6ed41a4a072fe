//! Designs of experiments: which combinations of factor values a sweep runs.
//!
//! Numeric factors (`--vary path=lo..hi`) take a full-factorial grid of K
//! evenly spaced levels each, or a Latin hypercube of K points; categorical
//! factors (`--choose decision=a|b|c`) are crossed with every numeric point,
//! so each option is compared on the same numeric settings.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt;
use std::str::FromStr;

/// A numeric range from `--vary name=lo..hi`.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
}

impl FromStr for Range {
    type Err = String;

    fn from_str(s: &str) -> Result<Range, String> {
        let (name, range) = s.split_once('=').ok_or_else(|| {
            format!("`{s}` is not NAME=LO..HI, e.g. params.rail.km_per_day=600..1000")
        })?;
        let (lo, hi) = number_pair(
            range,
            "..",
            |x: &f64| x.is_finite(),
            || format!("`{range}` is not a range LO..HI, e.g. 600..1000"),
            |t| format!("`{t}` in `{s}` is not a number"),
        )?;
        if lo > hi {
            return Err(format!(
                "range {lo}..{hi} of `{name}` runs backwards: write the lower bound first"
            ));
        }
        if name.is_empty() {
            return Err(format!("`{s}` names no parameter"));
        }
        Ok(Range {
            name: name.to_string(),
            lo,
            hi,
        })
    }
}

/// The two sides of `s` around the first `sep`, each trimmed and read as a
/// number: `missing()` when there is no `sep`, `bad(side)` for the first side
/// that does not read or that `fits` refuses.
pub(crate) fn number_pair<T: FromStr>(
    s: &str,
    sep: &str,
    fits: fn(&T) -> bool,
    missing: impl FnOnce() -> String,
    bad: impl Fn(&str) -> String,
) -> Result<(T, T), String> {
    let (a, b) = s.split_once(sep).ok_or_else(missing)?;
    let read = |t: &str| t.trim().parse().ok().filter(fits).ok_or_else(|| bad(t));
    Ok((read(a)?, read(b)?))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Design {
    /// Full factorial: K evenly spaced levels of each factor, every combination.
    #[default]
    Grid,
    /// Latin hypercube: K points, each factor's range cut into K strata, one point in each.
    Lhs,
}

impl fmt::Display for Design {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Design::Grid => "grid",
            Design::Lhs => "lhs",
        })
    }
}

/// A numeric factor: its range and whether its field takes integers.
#[derive(Clone, Debug, PartialEq)]
pub struct NumericFactor {
    pub lo: f64,
    pub hi: f64,
    pub integer: bool,
}

impl NumericFactor {
    fn at(&self, t: f64) -> f64 {
        let x = self.lo + (self.hi - self.lo) * t;
        if self.integer { x.round() } else { x }
    }

    /// K evenly spaced levels (the midpoint for K = 1), duplicates removed (integer ranges, lo = hi).
    pub fn levels(&self, k: usize) -> Vec<f64> {
        let mut out: Vec<f64> = Vec::new();
        for i in 0..k.max(1) {
            let t = if k <= 1 {
                0.5
            } else {
                i as f64 / (k - 1) as f64
            };
            let x = self.at(t);
            if out.last() != Some(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// The numeric points of a design: one value per factor in each point.
pub fn numeric_points(
    factors: &[NumericFactor],
    design: Design,
    k: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    if factors.is_empty() {
        return vec![Vec::new()];
    }
    match design {
        Design::Grid => {
            let levels: Vec<Vec<f64>> = factors.iter().map(|f| f.levels(k)).collect();
            cartesian(&levels)
        }
        Design::Lhs => lhs(factors, k.max(1), seed),
    }
}

/// Every combination, the first list varying slowest.
pub fn cartesian<T: Clone>(lists: &[Vec<T>]) -> Vec<Vec<T>> {
    lists.iter().fold(vec![Vec::new()], |acc, list| {
        acc.iter()
            .flat_map(|prefix| {
                list.iter().map(move |x| {
                    let mut p = prefix.clone();
                    p.push(x.clone());
                    p
                })
            })
            .collect()
    })
}

/// A Latin hypercube: per factor a seeded shuffle of the K strata and a uniform draw within each.
fn lhs(factors: &[NumericFactor], k: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut points = vec![Vec::with_capacity(factors.len()); k];
    for f in factors {
        let mut strata: Vec<usize> = (0..k).collect();
        // Fisher–Yates with the design's own generator, so the design depends on the seed alone.
        for i in (1..k).rev() {
            let j = rng.random_range(0..=i);
            strata.swap(i, j);
        }
        for (p, s) in points.iter_mut().zip(strata) {
            let t = (s as f64 + rng.random::<f64>()) / k as f64;
            p.push(f.at(t));
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(lo: f64, hi: f64, integer: bool) -> NumericFactor {
        NumericFactor { lo, hi, integer }
    }

    #[test]
    fn ranges_parse_and_refuse_nonsense() {
        let r: Range = "params.rail.km_per_day=600..1000".parse().unwrap();
        assert_eq!((r.lo, r.hi), (600.0, 1000.0));
        assert!("a=5..1".parse::<Range>().unwrap_err().contains("backwards"));
        assert!(
            "a=x..1"
                .parse::<Range>()
                .unwrap_err()
                .contains("not a number")
        );
        assert!("a=1-2".parse::<Range>().unwrap_err().contains("LO..HI"));
        assert!("a".parse::<Range>().is_err());
    }

    #[test]
    fn grid_is_full_factorial_with_even_levels() {
        let pts = numeric_points(
            &[f(0.0, 1.0, false), f(10.0, 20.0, false)],
            Design::Grid,
            3,
            1,
        );
        assert_eq!(pts.len(), 9);
        assert_eq!(pts[0], vec![0.0, 10.0]);
        assert_eq!(pts[1], vec![0.0, 15.0]);
        assert_eq!(pts[8], vec![1.0, 20.0]);
        assert_eq!(f(1.0, 3.0, true).levels(5), vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn lhs_hits_every_stratum_once_and_is_seeded() {
        let fs = [f(0.0, 10.0, false), f(-1.0, 1.0, false)];
        let a = numeric_points(&fs, Design::Lhs, 10, 7);
        assert_eq!(a, numeric_points(&fs, Design::Lhs, 10, 7));
        assert_ne!(a, numeric_points(&fs, Design::Lhs, 10, 8));
        for (j, fac) in fs.iter().enumerate() {
            let mut strata: Vec<usize> = a
                .iter()
                .map(|p| (((p[j] - fac.lo) / (fac.hi - fac.lo)) * 10.0).floor() as usize)
                .collect();
            strata.sort();
            assert_eq!(strata, (0..10).collect::<Vec<_>>());
        }
    }
}
