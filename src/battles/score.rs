//! How close predictions come to the record: share of winners right, share of
//! each side's casualties within a factor of 2, median absolute log error; and
//! the naive floor of the data README on the same rows.

use super::{Battle, Prediction};
use serde::Serialize;

/// The figures of one predictor over a set of battles.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub battles: usize,
    /// Share of battles whose winner (or draw) is predicted.
    pub winner: f64,
    /// Share of battles with the attacker's / defender's casualties within a factor of 2.
    pub attacker_within_2: f64,
    pub defender_within_2: f64,
    /// Median of |ln(predicted / recorded)| (each at least 1 man).
    pub attacker_log_error: f64,
    pub defender_log_error: f64,
}

/// |ln(predicted / recorded)|, each at least one man so a zero does not blow up.
pub fn log_error(predicted: f64, recorded: f64) -> f64 {
    libm::log(predicted.max(1.0) / recorded.max(1.0)).abs()
}

/// Within a factor of 2 (both must be positive: a zero is never close).
pub fn within_2(predicted: f64, recorded: f64) -> bool {
    predicted > 0.0 && recorded > 0.0 && (predicted / recorded).max(recorded / predicted) <= 2.0
}

/// The median of `v` (0 when empty); sorts it.
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Scores predictions, one per battle, in the same order.
pub fn figures(battles: &[Battle], predicted: &[Prediction]) -> Figures {
    let n = battles.len().min(predicted.len());
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let pairs = || battles.iter().zip(predicted);
    let right = pairs().filter(|(b, p)| b.winner == p.winner).count();
    let close_a = pairs()
        .filter(|(b, p)| within_2(p.attacker_casualties, b.attacker.casualties))
        .count();
    let close_d = pairs()
        .filter(|(b, p)| within_2(p.defender_casualties, b.defender.casualties))
        .count();
    let mut err_a: Vec<f64> = pairs()
        .map(|(b, p)| log_error(p.attacker_casualties, b.attacker.casualties))
        .collect();
    let mut err_d: Vec<f64> = pairs()
        .map(|(b, p)| log_error(p.defender_casualties, b.defender.casualties))
        .collect();
    Figures {
        battles: n,
        winner: share(right),
        attacker_within_2: share(close_a),
        defender_within_2: share(close_d),
        attacker_log_error: median(&mut err_a),
        defender_log_error: median(&mut err_d),
    }
}

/// The naive predictor of the data README, with its rates taken from `train`:
/// the attacker always wins; each side loses the median daily share of its men.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Naive {
    pub attacker_daily: f64,
    pub defender_daily: f64,
}

impl Naive {
    pub fn fit(train: &[Battle]) -> Naive {
        let mut a: Vec<f64> = train
            .iter()
            .map(|b| b.attacker.casualties / b.attacker.men / b.days)
            .collect();
        let mut d: Vec<f64> = train
            .iter()
            .map(|b| b.defender.casualties / b.defender.men / b.days)
            .collect();
        Naive {
            attacker_daily: median(&mut a),
            defender_daily: median(&mut d),
        }
    }

    pub fn predict(&self, b: &Battle) -> Prediction {
        Prediction {
            winner: 1,
            attacker_casualties: self.attacker_daily * b.attacker.men * b.days,
            defender_casualties: self.defender_daily * b.defender.men * b.days,
            margin: f64::INFINITY,
            broke: 0,
        }
    }
}
