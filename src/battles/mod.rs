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
}

impl Side {
    /// As a formation of average quality, fully supplied (CDB90 records neither).
    fn strength(&self) -> Strength {
        Strength {
            men: self.men,
            tanks: self.tanks,
            guns: self.guns,
            aircraft: self.air,
            quality: 0.5,
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
/// with no luck: the same day rule the campaign applies to a region. The
/// attacker wins if the defender gives ground or breaks before the attacker breaks.
pub fn fight(b: &Battle, p: &CombatParams) -> Prediction {
    fight_with(b, p, 0.0)
}

/// As [`fight`], the attacker's power times exp(`edge`) (an edge the record
/// credits it with, such as its judged leadership or morale).
pub fn fight_with(b: &Battle, p: &CombatParams, edge: f64) -> Prediction {
    let boost = edge.exp();
    let mut att = b.attacker.strength();
    let mut def = b.defender.strength();
    let field = Field {
        terrain: b.terrain,
        fort: b.fort,
        front_km: b.front_km.unwrap_or(p.front_km),
    };
    let (mut lost_a, mut lost_d) = (0.0, 0.0);
    let (mut yielded, mut broke) = (false, 0);
    let mut best = 0.0_f64;
    let mut so_far = Engagement::default();
    let mut left = b.days;
    while left > 0.0 {
        let part = libm::pow(left.min(1.0), p.part_day_exponent);
        let force = |s: &Strength, boost: f64| Force {
            power: power(s, 1.0, p) * boost,
            men: s.men,
        };
        let day = fight_day(p, force(&att, boost), force(&def, 1.0), &field, so_far, 1.0);
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
        margin: (best.max(1e-9) / p.retreat_ratio.max(1e-9)).ln(),
        broke,
    }
}
