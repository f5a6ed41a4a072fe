//! Streaming statistics in bounded memory: a sweep of a million runs needs
//! no more memory for its summary than one of a thousand.
//!
//! Every structure here is deterministic given the order of the values, and
//! sweeps feed them in run order, so a summary is identical for any thread
//! count and for shards merged afterwards.

/// Values kept exactly per level of the quantile sketch.
const SKETCH_BUFFER: usize = 1024;

/// Quantiles in bounded memory: a Munro–Paterson compactor hierarchy.
///
/// Level 0 holds values as they come; a full level is sorted and every other
/// value (alternating offsets, so no side is favoured) moves up a level with
/// twice the weight. Up to `SKETCH_BUFFER` values quantiles are exact; beyond,
/// memory grows with log(n / buffer) and the rank error stays well under 1%.
#[derive(Clone, Debug, Default)]
pub struct Quantiles {
    levels: Vec<Vec<f64>>,
    flips: u64,
    n: u64,
}

impl Quantiles {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        self.insert(0, x);
    }

    fn insert(&mut self, level: usize, x: f64) {
        if self.levels.len() <= level {
            self.levels.push(Vec::with_capacity(SKETCH_BUFFER));
        }
        self.levels[level].push(x);
        if self.levels[level].len() > SKETCH_BUFFER {
            let mut full = std::mem::take(&mut self.levels[level]);
            full.sort_by(f64::total_cmp);
            let offset = (self.flips % 2) as usize;
            self.flips += 1;
            for x in full.into_iter().skip(offset).step_by(2) {
                self.insert(level + 1, x);
            }
        }
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    /// The q-quantile (0 ≤ q ≤ 1), by the nearest-rank rule; `None` without values.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let mut weighted: Vec<(f64, u64)> = self
            .levels
            .iter()
            .enumerate()
            .flat_map(|(l, xs)| xs.iter().map(move |&x| (x, 1u64 << l)))
            .collect();
        if weighted.is_empty() {
            return None;
        }
        weighted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: u64 = weighted.iter().map(|w| w.1).sum();
        let rank = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (x, w) in &weighted {
            seen += w;
            if seen >= rank {
                return Some(*x);
            }
        }
        weighted.last().map(|w| w.0)
    }
}

/// Count, mean and quantiles of one metric.
#[derive(Clone, Debug, Default)]
pub struct Moments {
    sum: f64,
    quantiles: Quantiles,
}

impl Moments {
    pub fn push(&mut self, x: f64) {
        self.sum += x;
        self.quantiles.push(x);
    }

    pub fn count(&self) -> u64 {
        self.quantiles.count()
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.count();
        (n > 0).then(|| self.sum / n as f64)
    }

    pub fn quantile(&self, q: f64) -> Option<f64> {
        self.quantiles.quantile(q)
    }
}

/// Wilson score interval for a proportion, 95% (z = 1.96): sound near 0 and 1, unlike the normal approximation.
pub fn wilson(successes: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054;
    let (n, p) = (n as f64, successes as f64 / n as f64);
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt() / (1.0 + z2n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Running co-moments for the Pearson correlation and least-squares slope of y on x.
///
/// Welford's updates rather than raw sums of squares: losses run to millions,
/// and their squares summed over thousands of runs would cancel catastrophically.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pair {
    n: u64,
    mx: f64,
    my: f64,
    vx: f64,
    vy: f64,
    cxy: f64,
}

impl Pair {
    pub fn push(&mut self, x: f64, y: f64) {
        self.n += 1;
        let n = self.n as f64;
        let dx = x - self.mx;
        self.mx += dx / n;
        let dy = y - self.my;
        self.my += dy / n;
        self.vx += dx * (x - self.mx);
        self.vy += dy * (y - self.my);
        self.cxy += dx * (y - self.my);
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    /// Pearson's r; `None` when either variable is constant.
    pub fn correlation(&self) -> Option<f64> {
        let d = (self.vx * self.vy).sqrt();
        (self.n >= 2 && self.vx > 1e-12 && self.vy > 1e-12 && d > 0.0)
            .then(|| (self.cxy / d).clamp(-1.0, 1.0))
    }

    /// Change in y per unit of x (ordinary least squares); `None` when x is constant.
    pub fn slope(&self) -> Option<f64> {
        (self.n >= 2 && self.vx > 1e-12).then(|| self.cxy / self.vx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_exact_for_small_samples() {
        let mut q = Quantiles::default();
        for x in (1..=100).rev() {
            q.push(x as f64);
        }
        assert_eq!(q.quantile(0.5), Some(50.0));
        assert_eq!(q.quantile(0.05), Some(5.0));
        assert_eq!(q.quantile(0.95), Some(95.0));
        assert_eq!(q.quantile(0.0), Some(1.0));
        assert_eq!(q.quantile(1.0), Some(100.0));
        assert_eq!(Quantiles::default().quantile(0.5), None);
        // Still exact with a full buffer.
        let mut q = Quantiles::default();
        (0..SKETCH_BUFFER).rev().for_each(|x| q.push(x as f64));
        assert_eq!(q.quantile(0.5), Some((SKETCH_BUFFER / 2 - 1) as f64));
        assert_eq!(q.levels.len(), 1);
    }

    #[test]
    fn quantiles_stay_close_and_memory_bounded_for_large_samples() {
        let mut q = Quantiles::default();
        let n = 200_000u64;
        // A scrambled order: multiplying by a number coprime to n permutes 0..n.
        for i in 0..n {
            q.push(((i * 7_919) % n) as f64);
        }
        for p in [0.05, 0.5, 0.95] {
            let got = q.quantile(p).unwrap();
            let want = p * n as f64;
            assert!(
                (got - want).abs() < 0.01 * n as f64,
                "p{p}: {got} vs {want}"
            );
        }
        let kept: usize = q.levels.iter().map(Vec::len).sum();
        assert!(kept < 20 * SKETCH_BUFFER, "kept {kept}");
    }

    #[test]
    fn wilson_interval_matches_known_values() {
        let (lo, hi) = wilson(50, 100);
        assert!((lo - 0.4038).abs() < 1e-3 && (hi - 0.5962).abs() < 1e-3);
        let (lo, hi) = wilson(0, 20);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.1611).abs() < 1e-3);
    }

    #[test]
    fn pair_gives_correlation_and_slope() {
        let mut p = Pair::default();
        for x in 0..10 {
            p.push(x as f64, 3.0 * x as f64 + 1.0);
        }
        assert!((p.correlation().unwrap() - 1.0).abs() < 1e-12);
        assert!((p.slope().unwrap() - 3.0).abs() < 1e-12);
        let mut c = Pair::default();
        c.push(1.0, 2.0);
        c.push(1.0, 3.0);
        assert_eq!(c.slope(), None);
    }
}
