//! Replays: a run's scenario (with content hashes), seed, setup, the
//! player's answers and a per-day checksum of each part of the state.
//! `pact replay` re-runs it and stops at the first day that differs.

use super::run::report_load_error;
use clap::Args;
use pact::date::Date;
use pact::files::{self, Origin, ResumeError, read_ron};
use pact::scenario::Scenario;
use pact::sim::Simulation;
use pact::sim::catalog::Catalog;
use pact::sim::checksum::part_hashes;
use pact::sim::command::DatedOrder;
use pact::sim::save::{MadeFrom, SimState, save_hashes, verify_hashes};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::process::ExitCode;
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
pub struct Recorder {
    start: Date,
    from_state: Option<StartState>,
    answers: Vec<(Date, String, String)>,
    orders: Vec<DatedOrder>,
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
            let dec = &cat.scenario.decisions[d];
            self.answers
                .push((sim.last_day(), dec.id.clone(), dec.options[o].id.clone()));
        }
    }

    pub fn finish(self, origin: &Origin) -> ReplayFile {
        ReplayFile {
            made: origin.made_from(),
            answers: self.answers,
            orders: self.orders,
            start: self.start,
            count: self.days.len(),
            days: self.days,
            parts: self.parts,
            from_state: self.from_state,
        }
    }
}

#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// Replay file written by `pact run ... --record FILE`
    pub file: PathBuf,
}

pub fn replay(args: ReplayArgs) -> ExitCode {
    let (rep, src) = match read_ron::<ReplayFile>(&args.file) {
        Ok(r) => r,
        Err(e) => return report_load_error(&e),
    };
    let loaded = match files::reload(&rep.made, &src) {
        Ok((l, _)) => l,
        Err(ResumeError::Load(e)) => return report_load_error(&e),
        Err(ResumeError::Stale(e)) => {
            eprintln!("pact replay: refused: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sim = match start(&rep, loaded.scenario) {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("pact replay: refused: {e}");
            return ExitCode::from(2);
        }
    };
    for (date, recorded) in &rep.days {
        if sim.finished() {
            eprintln!("pact replay: the scenario ends before the recorded day {date}");
            return ExitCode::from(1);
        }
        sim.step();
        let now: Vec<(&str, u64)> = part_hashes(sim.world());
        if sim.last_day() != *date || now.iter().map(|(_, h)| *h).ne(recorded.iter().copied()) {
            let differ: Vec<&str> = now
                .iter()
                .zip(recorded)
                .filter(|((_, a), b)| a != *b)
                .map(|((n, _), _)| *n)
                .collect();
            println!(
                "replay diverges on {}: {} differ",
                sim.last_day(),
                differ.join(", ")
            );
            return ExitCode::from(1);
        }
        // Give the player's recorded answers for the decisions asked today.
        let cat = sim.world().resource::<Catalog>().clone();
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
    println!(
        "replay verified: {} days identical to the recording, final checksum {:016x}",
        rep.days.len(),
        sim.checksum()
    );
    ExitCode::SUCCESS
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
