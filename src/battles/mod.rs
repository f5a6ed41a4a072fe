//! Single engagements from real battles, fought day by day by the campaign's
//! own combat rule ([`crate::sim::combat::fight_day`]), and scored against the
//! record and a naive floor. Reads no file: the front end hands it the text.

pub mod cdb90;
pub mod fit;
pub mod score;

use crate::scenario::{CombatParams, Terrain};
use crate::sim::combat::{Engagement, Field, Force, fight_day, power, take_losses};
use crate::sim::state::Strength;
use serde::Serialize;

/// One side of a recorded battle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub men: f64,
    pub tanks: f64,
    pub guns: f64,
    /// Close-air-support sorties a day.
    pub air: f64,
    /// Recorded battle casualties (killed, wounded, missing, captured).
    pub casualties: f64,
    /// The side fights to the last, as a campaign faction with `fights_to_the_last`
    /// (see [`cdb90::fights_to_the_last`]).
    pub last_stand: bool,
}

impl Side {
    /// As a formation of the given quality, fully supplied (CDB90 records no supply).
    fn strength(&self, quality: f64) -> Strength {
        Strength {
            men: self.men,
            tanks: self.tanks,
            guns: self.guns,
            aircraft: self.air,
            quality,
            winter: 0.5,
        }
    }
}

/// A recorded battle: what goes in, and what happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Battle {
    /// CDB90's ISQNO.
    pub id: String,
    pub name: String,
    pub attacker: Side,
    pub defender: Side,
    /// Length in days (fractions for battles under a day).
    pub days: f64,
    /// 1 attacker won, 0 draw, −1 defender won.
    pub winner: i8,
    /// Km the attacker advanced, if known.
    pub km: Option<f64>,
    /// The defender's works, 0 to 3 as on the map.
    pub fort: f64,
    pub terrain: Terrain,
    /// Width of the front, km, if known.
    pub front_km: Option<f64>,
    /// SURPA, CEA, LEADA, TRNGA, MORALA, LOGSA, MOMNTA, INITA: judged after the fact.
    pub advantages: [Option<f64>; 8],
}

/// Of [`Battle::advantages`], the codes that judge the troops themselves (combat
/// effectiveness, leadership, training, morale): what a campaign formation's `quality` is.
const QUALITY_CODES: std::ops::RangeInclusive<usize> = 1..=4;

impl Battle {
    /// The attacker's mean judged quality advantage, −3 to +3 (0 when none is known).
    pub fn quality_code(&self) -> f64 {
        let known: Vec<f64> = self.advantages[QUALITY_CODES]
            .iter()
            .flatten()
            .copied()
            .collect();
        if known.is_empty() {
            return 0.0;
        }
        known.iter().sum::<f64>() / known.len() as f64
    }

    /// Whether either side fielded tanks or aircraft: a battle of the machine age,
    /// fought as dispersed as the campaigns' (see `pre_machine_losses`).
    pub fn machine_age(&self) -> bool {
        [&self.attacker, &self.defender]
            .iter()
            .any(|s| s.tanks > 0.0 || s.air > 0.0)
    }

    /// (attacker's, defender's) quality: average (0.5) moved apart by the judged
    /// advantage × `quality_per_code`, each within 0 to 1.
    pub fn qualities(&self, p: &CombatParams) -> (f64, f64) {
        let shift = p.quality_per_code * self.quality_code();
        ((0.5 + shift).clamp(0.0, 1.0), (0.5 - shift).clamp(0.0, 1.0))
    }
}

/// What the model says happened.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prediction {
    /// 1 attacker won, −1 defender won.
    pub winner: i8,
    pub attacker_casualties: f64,
    pub defender_casualties: f64,
    /// ln(strongest day's ratio / retreat ratio) over the days the attack lasted: above 0
    /// the defender gave ground.
    pub margin: f64,
    /// Which side broke first at its breakpoint: 1 the defender (the attacker won
    /// whatever the ratio), −1 the attacker (its attack ended), 0 neither.
    pub broke: i8,
}

/// Fights `b` for its recorded length, a day at a time (the last day in part),
/// with no luck: the same day rule the campaign applies to a region, each side
/// of the quality [`Battle::qualities`] gives it. The attacker wins if the
/// defender gives ground or breaks before the attacker breaks.
pub fn fight(b: &Battle, p: &CombatParams) -> Prediction {
    let (qa, qd) = b.qualities(p);
    let mut att = b.attacker.strength(qa);
    let mut def = b.defender.strength(qd);
    let field = Field {
        terrain: b.terrain,
        fort: b.fort,
        front_km: b.front_km.unwrap_or(p.front_km),
    };
    let (mut lost_a, mut lost_d) = (0.0, 0.0);
    let (mut yielded, mut broke) = (false, 0);
    let mut best = 0.0_f64;
    let mut so_far = Engagement::default();
    let age = if b.machine_age() {
        1.0
    } else {
        p.pre_machine_losses
    };
    let mut left = b.days;
    while left > 0.0 {
        let part = libm::pow(left.min(1.0), p.part_day_exponent) * age;
        let force = |s: &Strength, side: &Side| Force {
            power: power(s, 1.0, p),
            men: s.men,
            last_stand: if side.last_stand { 1.0 } else { 0.0 },
        };
        let day = fight_day(
            p,
            force(&att, &b.attacker),
            force(&def, &b.defender),
            &field,
            so_far,
            1.0,
        );
        let (la, ld) = (day.attacker_loss * part, day.defender_loss * part);
        lost_a += take_losses(&mut att, la).0;
        lost_d += take_losses(&mut def, ld).0;
        so_far = so_far.after(la, ld);
        if broke == 0 {
            // As in the campaign: a defender's break decides the day, else an attacker's.
            match so_far.broken(p) {
                (_, true) => broke = 1,
                (true, false) => broke = -1,
                (false, false) => {}
            }
            if broke != -1 {
                if day.defender_yields && !yielded {
                    lost_d += take_losses(&mut def, p.rout_loss).0;
                }
                yielded |= day.defender_yields;
                best = best.max(day.ratio);
            }
        }
        left -= 1.0;
    }
    Prediction {
        winner: if broke == 1 || yielded { 1 } else { -1 },
        attacker_casualties: lost_a,
        defender_casualties: lost_d,
        margin: libm::log(best.max(1e-9) / p.retreat_ratio.max(1e-9)),
        broke,
    }
}
