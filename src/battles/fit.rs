//! Fitting `params.combat` to recorded battles: Nelder–Mead (argmin) over the
//! logarithms of the positive parameters, scored by the same figures the
//! report prints; K-fold cross-validation for honest out-of-fold figures.

use super::score::{Figures, Naive, figures};
use super::{Battle, Prediction, fight};
use crate::scenario::{CombatParams, Terrain};
use crate::sim::terrain::factor;
use argmin::core::{CostFunction, Error, Executor, State};
use argmin::solver::neldermead::NelderMead;
use serde::Serialize;

/// A fitted parameter: read and written on `CombatParams`, searched in log space
/// (every one is a positive scale) within `[lo, hi]`.
struct Knob {
    name: &'static str,
    get: fn(&CombatParams) -> f64,
    set: fn(&mut CombatParams, f64),
    lo: f64,
    hi: f64,
}

macro_rules! knob {
    ($name:literal, $p:ident => $field:expr, $lo:expr, $hi:expr) => {
        Knob {
            name: $name,
            get: |$p| $field,
            set: |$p, v| $field = v,
            lo: $lo,
            hi: $hi,
        }
    };
}

fn set_terrain(p: &mut CombatParams, t: Terrain, v: f64) {
    match p.terrain_defence.iter_mut().find(|(k, _)| *k == t) {
        Some(slot) => slot.1 = v,
        None => p.terrain_defence.push((t, v)),
    }
}

/// Terrain classes CDB90 rows map to (see `cdb90::terrain`); plain stays 1, the reference.
macro_rules! terrain_knob {
    ($name:literal, $t:expr) => {
        Knob {
            name: $name,
            get: |p| factor(&p.terrain_defence, $t),
            set: |p, v| set_terrain(p, $t, v),
            lo: 0.3,
            hi: 5.0,
        }
    };
}

const KNOBS: &[Knob] = &[
    knob!("loss_rate", p => p.loss_rate, 1e-4, 0.5),
    knob!("retreat_ratio", p => p.retreat_ratio, 0.05, 50.0),
    knob!("fort_bonus", p => p.fort_bonus, 1e-3, 10.0),
    // The attacker's exponent is negative: searched as its magnitude.
    Knob {
        name: "loss_exponents.attacker",
        get: |p| -p.loss_exponents.0,
        set: |p, v| p.loss_exponents.0 = -v,
        lo: 1e-3,
        hi: 5.0,
    },
    knob!("loss_exponents.defender", p => p.loss_exponents.1, 1e-3, 5.0),
    knob!("side_loss.attacker", p => p.side_loss.0, 1e-2, 100.0),
    knob!("side_loss.defender", p => p.side_loss.1, 1e-2, 100.0),
    knob!("rout_loss", p => p.rout_loss, 1e-4, 1.0),
    knob!("part_day_exponent", p => p.part_day_exponent, 1e-2, 3.0),
    knob!("pre_machine_losses", p => p.pre_machine_losses, 0.05, 20.0),
    knob!("last_stand_losses", p => p.last_stand_losses, 0.05, 20.0),
    knob!("intensity_decay", p => p.intensity_decay, 1e-3, 1.0),
    knob!("front_density", p => p.front_density, 1.0, 100_000.0),
    knob!("density_exponent", p => p.density_exponent, 1e-3, 3.0),
    knob!("weights.tank", p => p.weights.1, 1e-2, 100.0),
    knob!("weights.gun", p => p.weights.2, 1e-2, 100.0),
    knob!("weights.aircraft", p => p.weights.3, 1e-2, 100.0),
    terrain_knob!("terrain.mountain", Terrain::Mountain),
    terrain_knob!("terrain.hills", Terrain::Hills),
    terrain_knob!("terrain.forest", Terrain::Forest),
    terrain_knob!("terrain.desert", Terrain::Desert),
    terrain_knob!("terrain.urban", Terrain::Urban),
];

/// Whether the after-the-fact advantage codes enter the fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Codes {
    Without,
    With,
}

/// A fitted model: the parameters, `quality_per_code` among them (0 without codes).
#[derive(Clone, Debug)]
pub struct Fitted {
    pub params: CombatParams,
}

impl Fitted {
    pub fn predict(&self, b: &Battle) -> Prediction {
        fight(b, &self.params)
    }
}

struct Problem<'a> {
    battles: &'a [Battle],
    base: &'a CombatParams,
    codes: Codes,
}

impl Problem<'_> {
    fn decode(&self, x: &[f64]) -> Fitted {
        let mut params = self.base.clone();
        for (k, &v) in KNOBS.iter().zip(x) {
            (k.set)(&mut params, libm::exp(v).clamp(k.lo, k.hi));
        }
        // Searched as it is, not in log space: 0 (codes do not matter) is a real answer.
        params.quality_per_code = match self.codes {
            Codes::With => x.get(KNOBS.len()).copied().unwrap_or(0.0).clamp(0.0, 1.0),
            Codes::Without => 0.0,
        };
        Fitted { params }
    }

    fn start(&self) -> Vec<f64> {
        let mut x: Vec<f64> = KNOBS
            .iter()
            .map(|k| libm::log((k.get)(self.base).clamp(k.lo, k.hi)))
            .collect();
        if self.codes == Codes::With {
            // A start inside (0, 1], so that the first simplex moves it.
            x.push(self.base.quality_per_code.clamp(0.05, 1.0));
        }
        x
    }
}

/// Mean absolute log error of both sides' casualties, plus a smooth stand-in
/// for the winner share (a logistic on the day's margin over the retreat ratio).
impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, x: &Vec<f64>) -> Result<f64, Error> {
        let f = self.decode(x);
        let mut total = 0.0;
        for b in self.battles {
            let p = f.predict(b);
            total += super::score::log_error(p.attacker_casualties, b.attacker.casualties)
                + super::score::log_error(p.defender_casualties, b.defender.casualties);
            let y = if b.winner == 1 { 1.0 } else { -1.0 };
            total += WINNER_WEIGHT * softplus(-y * p.margin / 0.5);
        }
        Ok(total / self.battles.len().max(1) as f64)
    }
}

/// Weight of a winner called wrong against a unit of casualty log error.
const WINNER_WEIGHT: f64 = 4.0;

fn softplus(z: f64) -> f64 {
    if z > 30.0 {
        z
    } else {
        libm::log1p(libm::exp(z))
    }
}

/// Nelder–Mead iterations per fit: enough to settle ~12 parameters.
const ITERATIONS: u64 = 1_500;

/// Fits the parameters to `train`, starting from `base`.
pub fn fit(train: &[Battle], base: &CombatParams, codes: Codes) -> Fitted {
    let problem = Problem {
        battles: train,
        base,
        codes,
    };
    let x0 = problem.start();
    // The first simplex: the start and one step of ×e^0.5 along each parameter.
    let mut simplex = vec![x0.clone()];
    for i in 0..x0.len() {
        let mut x = x0.clone();
        x[i] += 0.5;
        simplex.push(x);
    }
    let solver = NelderMead::new(simplex)
        .with_sd_tolerance(1e-7)
        .expect("a positive tolerance");
    let best = Executor::new(
        Problem {
            battles: train,
            base,
            codes,
        },
        solver,
    )
    .configure(|s| s.max_iters(ITERATIONS))
    .run()
    .ok()
    .and_then(|r| r.state().get_best_param().cloned())
    .unwrap_or(x0);
    let mut fitted = problem.decode(&best);
    fitted.params.retreat_ratio = threshold(train, &fitted);
    fitted
}

/// The retreat ratio that calls the most winners right in `train`, found exactly:
/// the winner is a threshold on each battle's strongest day, which the smooth cost
/// of Nelder–Mead only approximates. Midway (geometrically) between neighbours.
fn threshold(train: &[Battle], fitted: &Fitted) -> f64 {
    let current = fitted.params.retreat_ratio;
    // ln of each battle's strongest ratio, and whether the attacker won.
    let mut days: Vec<(f64, bool)> = train
        .iter()
        .map(|b| (fitted.predict(b).margin + libm::log(current), b.winner == 1))
        .filter(|(r, _)| r.is_finite())
        .collect();
    if days.is_empty() {
        return current;
    }
    days.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Threshold below all: every attacker wins.
    let mut right = days.iter().filter(|d| d.1).count() as i64;
    let (mut best, mut at) = (right, days[0].0 - 0.1);
    for i in 0..days.len() {
        // Moving the threshold past battle i: it now counts as a defender's win.
        right += if days[i].1 { -1 } else { 1 };
        let next = days.get(i + 1).map_or(days[i].0 + 0.1, |d| d.0);
        if right > best && next > days[i].0 {
            (best, at) = (right, (days[i].0 + next) / 2.0);
        }
    }
    libm::exp(at).clamp(0.05, 50.0)
}

/// Out-of-fold figures of the fitted model and of the naive floor.
#[derive(Clone, Debug, Serialize)]
pub struct CrossValidation {
    pub folds: usize,
    pub codes: Codes,
    pub model: Figures,
    pub naive: Figures,
    /// Each fitted parameter's lowest and highest value over the folds: how firmly
    /// the data pin it down.
    pub spread: Vec<Spread>,
}

/// A fitted parameter's range over the folds of a cross-validation.
#[derive(Clone, Debug, Serialize)]
pub struct Spread {
    pub name: &'static str,
    pub min: f64,
    pub max: f64,
}

/// K-fold: battle i is held out in fold i mod K (rows in file order, so each
/// fold spans the centuries); each fold's model and floor are fitted on the rest.
pub fn cross_validate(
    battles: &[Battle],
    base: &CombatParams,
    folds: usize,
    codes: Codes,
) -> CrossValidation {
    let k = folds.clamp(2, battles.len().max(2));
    let mut model = vec![None; battles.len()];
    let mut naive = vec![None; battles.len()];
    let mut spread: Vec<Spread> = Vec::new();
    for fold in 0..k {
        let train: Vec<Battle> = battles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, b)| b.clone())
            .collect();
        let fitted = fit(&train, base, codes);
        for (i, (name, v)) in knob_values(&fitted.params).into_iter().enumerate() {
            match spread.get_mut(i) {
                Some(s) => (s.min, s.max) = (s.min.min(v), s.max.max(v)),
                None => spread.push(Spread {
                    name,
                    min: v,
                    max: v,
                }),
            }
        }
        let floor = Naive::fit(&train);
        for (i, b) in battles.iter().enumerate().filter(|(i, _)| i % k == fold) {
            model[i] = Some(fitted.predict(b));
            naive[i] = Some(floor.predict(b));
        }
    }
    let unwrap = |v: Vec<Option<Prediction>>| v.into_iter().flatten().collect::<Vec<_>>();
    CrossValidation {
        folds: k,
        codes,
        model: figures(battles, &unwrap(model)),
        naive: figures(battles, &unwrap(naive)),
        spread,
    }
}

/// The fitted parameters by name, for the report.
pub fn knob_values(p: &CombatParams) -> Vec<(&'static str, f64)> {
    let mut v: Vec<_> = KNOBS.iter().map(|k| (k.name, (k.get)(p))).collect();
    v.push(("quality_per_code", p.quality_per_code));
    v
}
