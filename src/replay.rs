//! Replays: a run's scenario (with content hashes), seed, setup, the
//! player's answers and orders and a per-day checksum of each part of the
//! state. [`verify`] re-runs one and stops at the first day that differs.
//!
//! Shared by the command line (`pact run --record`, `pact replay`) and the
//! game window, whose orders ([`crate::sim::Simulation::give_order`], between
//! days) are recorded with the day they were given for and given again at the
//! same moment.

use crate::date::Date;
use crate::files::Origin;
use crate::scenario::Scenario;
use crate::sim::Simulation;
use crate::sim::catalog::Catalog;
use crate::sim::checksum::part_hashes;
use crate::sim::command::DatedOrder;
use crate::sim::save::{MadeFrom, SimState, save_hashes, verify_hashes};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplayFile {
    pub made: MadeFrom,
    /// Answers a player gave: (day asked, decision id, option id).
    pub answers: Vec<(Date, String, String)>,
    /// Dated orders queued before the first day (`--orders` files), given on
    /// their days as in the run. A run from a save has them in its state instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<DatedOrder>,
    /// Orders a front end (the window) gave between days, in the order given:
    /// each dated the day it was given for (the next day to simulate), with
    /// the faction that gave it. The replay gives them again just before
    /// simulating that day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<DatedOrder>,
    /// The first day the run simulated: the scenario's start, or a loaded save's day.
    pub start: Date,
    /// How many days `days` holds: a replay with fewer was cut off, and is refused.
    pub count: usize,
    /// After each simulated day: the day, and the hash of each named part of the state.
    pub days: Vec<(Date, Vec<u64>)>,
    /// Names of the parts, in order.
    pub parts: Vec<String>,
    /// The state a run loaded from a save started from, so that the replay
    /// starts there too (none: the scenario's start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_state: Option<StartState>,
}

/// A loaded save's state, with its part hashes (checked as a save's are).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StartState {
    pub state: SimState,
    pub hashes: Vec<(String, u64)>,
}

/// Collects what a replay needs while a run goes on.
#[derive(Clone, Debug)]
pub struct Recorder {
    start: Date,
    from_state: Option<StartState>,
    answers: Vec<(Date, String, String)>,
    orders: Vec<DatedOrder>,
    /// Orders the simulation had been given before recording began (not recorded).
    given_before: usize,
    days: Vec<(Date, Vec<u64>)>,
    parts: Vec<String>,
}

impl Recorder {
    /// Starts recording before the first step; `loaded`: `sim` comes from a save.
    pub fn new(sim: &Simulation, loaded: bool) -> Recorder {
        Recorder {
            start: sim.today(),
            from_state: loaded.then(|| StartState {
                state: SimState::capture(sim.world()),
                hashes: save_hashes(sim.world()),
            }),
            answers: Vec::new(),
            // Orders queued on a fresh run; a loaded state carries its own.
            orders: if loaded {
                Vec::new()
            } else {
                sim.queued_orders().to_vec()
            },
            given_before: sim.given_orders().len(),
            days: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Call after each step, with the answers the player gave after it.
    pub fn day(&mut self, sim: &Simulation, answered: Vec<(usize, usize)>) {
        let parts = part_hashes(sim.world());
        if self.parts.is_empty() {
            self.parts = parts.iter().map(|(n, _)| n.to_string()).collect();
        }
        self.days
            .push((sim.last_day(), parts.iter().map(|(_, h)| *h).collect()));
        let cat = sim.world().resource::<Catalog>();
        for (d, o) in answered {
            self.answer(cat, sim.last_day(), d, o);
        }
    }

    /// Records one answer given after the day `asked` was simulated.
    pub fn answer(&mut self, cat: &Catalog, asked: Date, decision: usize, option: usize) {
        let dec = &cat.scenario.decisions[decision];
        self.answers
            .push((asked, dec.id.clone(), dec.options[option].id.clone()));
    }

    /// Days recorded so far.
    pub fn days(&self) -> usize {
        self.days.len()
    }

    /// The replay of the run so far; `sim` is the simulation recorded (its
    /// orders given by a front end since recording began go in).
    pub fn finish(&self, origin: &Origin, sim: &Simulation) -> ReplayFile {
        let given = sim
            .given_orders()
            .get(self.given_before..)
            .unwrap_or_default()
            .iter()
            // Orders given after the last recorded day change none of its checksums.
            .filter(|o| self.days.last().is_some_and(|(d, _)| o.date <= *d))
            .cloned()
            .collect();
        ReplayFile {
            made: origin.made_from(),
            answers: self.answers.clone(),
            orders: self.orders.clone(),
            given,
            start: self.start,
            count: self.days.len(),
            days: self.days.clone(),
            parts: self.parts.clone(),
            from_state: self.from_state.clone(),
        }
    }
}

/// How a replay ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Every day identical; the final checksum.
    Verified { days: usize, checksum: u64 },
    /// The first day that differs and the parts of the state that differ.
    Diverges { day: Date, parts: Vec<String> },
    /// The scenario ends before a recorded day.
    EndsBefore(Date),
    /// A recorded order is refused in the replay (the run was not this one).
    Refused { day: Date, why: String },
}

/// Re-runs a replay against its scenario. `Err`: the replay cannot be run at
/// all (cut off, edited, a starting state that does not fit).
pub fn verify(rep: &ReplayFile, scenario: Scenario) -> Result<Verdict, String> {
    let mut sim = start(rep, scenario)?;
    let cat = sim.world().resource::<Catalog>().clone();
    for (date, recorded) in &rep.days {
        if sim.finished() {
            return Ok(Verdict::EndsBefore(*date));
        }
        // The front end's orders given before this day, in the order given.
        let today = sim.today();
        for o in rep.given.iter().filter(|o| o.date == today) {
            let faction = o.faction.as_deref().unwrap_or_default();
            if let Err(why) = sim.give_order(faction, &o.formation, &o.order) {
                return Ok(Verdict::Refused {
                    day: today,
                    why: why.to_string(),
                });
            }
        }
        sim.step();
        let now: Vec<(&str, u64)> = part_hashes(sim.world());
        if sim.last_day() != *date || now.iter().map(|(_, h)| *h).ne(recorded.iter().copied()) {
            let parts = now
                .iter()
                .zip(recorded)
                .filter(|((_, a), b)| a != *b)
                .map(|((n, _), _)| n.to_string())
                .collect();
            return Ok(Verdict::Diverges {
                day: sim.last_day(),
                parts,
            });
        }
        // Give the player's recorded answers for the decisions asked today.
        for (_, d, o) in rep.answers.iter().filter(|(day, ..)| day == date) {
            let di = cat.decision_ix.get(d).copied();
            let oi = di.and_then(|i| {
                cat.scenario.decisions[i]
                    .options
                    .iter()
                    .position(|x| &x.id == o)
            });
            if let (Some(di), Some(oi)) = (di, oi) {
                sim.answer(di, oi);
            }
        }
    }
    Ok(Verdict::Verified {
        days: rep.days.len(),
        checksum: sim.checksum(),
    })
}

/// The simulation a replay starts from, once the replay is known complete:
/// its days are `count` consecutive days from `start`, where the run began.
fn start(rep: &ReplayFile, scenario: Scenario) -> Result<Simulation, String> {
    if rep.days.is_empty() {
        return Err("the replay holds no days".into());
    }
    if rep.days.len() != rep.count {
        return Err(format!(
            "the replay holds {} of its {} days: it was cut off or edited",
            rep.days.len(),
            rep.count
        ));
    }
    if let Some((i, (d, _))) = (0i32..)
        .zip(&rep.days)
        .find(|(i, (d, _))| *d != rep.start.add_days(*i))
    {
        return Err(format!(
            "day {} of the replay is {d}, not {}: days were removed or edited",
            i + 1,
            rep.start.add_days(i)
        ));
    }
    let scenario = Arc::new(scenario);
    let setup = rep.made.setup.setup();
    let sim = match &rep.from_state {
        None => {
            let mut sim = Simulation::new(scenario, &setup);
            sim.queue_orders(rep.orders.iter().cloned());
            sim
        }
        Some(s) => {
            let sim =
                Simulation::try_from_state(scenario, &setup, s.state.clone()).map_err(|p| {
                    format!(
                        "its starting state does not fit the scenario: {}",
                        p.join("; ")
                    )
                })?;
            verify_hashes(sim.world(), &s.hashes)?;
            sim
        }
    };
    if sim.today() != rep.start {
        return Err(format!(
            "the replay starts on {}, but the run it replays starts on {}",
            rep.start,
            sim.today()
        ));
    }
    Ok(sim)
}
