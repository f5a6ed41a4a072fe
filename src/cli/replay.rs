//! Replays: a run's scenario (with content hashes), seed, setup, the
//! player's answers and a per-day checksum of each part of the state.
//! `pact replay` re-runs it and stops at the first day that differs.

use super::run::report_load_error;
use clap::Args;
use pact::date::Date;
use pact::files::{self, Origin, ResumeError, check_format, read_ron};
use pact::sim::Simulation;
use pact::sim::catalog::Catalog;
use pact::sim::checksum::part_hashes;
use pact::sim::save::{FileHash, SAVE_FORMAT, SetupRecord};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplayFile {
    pub format: u32,
    pub pact: String,
    pub scenario: String,
    /// Mod folders applied on top of the scenario, in order.
    #[serde(default)]
    pub mods: Vec<String>,
    pub files: Vec<FileHash>,
    pub setup: SetupRecord,
    /// Answers a player gave: (day asked, decision id, option id).
    pub answers: Vec<(Date, String, String)>,
    /// After each simulated day: the day, and the hash of each named part of the state.
    pub days: Vec<(Date, Vec<u64>)>,
    /// Names of the parts, in order.
    pub parts: Vec<String>,
}

/// Collects what a replay needs while a run goes on.
#[derive(Default)]
pub struct Recorder {
    answers: Vec<(Date, String, String)>,
    days: Vec<(Date, Vec<u64>)>,
    parts: Vec<String>,
}

impl Recorder {
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
            format: SAVE_FORMAT,
            pact: env!("CARGO_PKG_VERSION").into(),
            scenario: origin.scenario.clone(),
            mods: origin.mod_names(),
            files: origin.files.clone(),
            setup: SetupRecord::of(&origin.setup),
            answers: self.answers,
            days: self.days,
            parts: self.parts,
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
    if let Err(e) = check_format(rep.format, &src) {
        return report_load_error(&e);
    }
    let loaded = match files::reload(&rep.scenario, &rep.mods, &rep.files) {
        Ok((l, _)) => l,
        Err(ResumeError::Load(e)) => return report_load_error(&e),
        Err(ResumeError::Stale(e)) => {
            eprintln!("pact replay: refused: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sim = Simulation::new(Arc::new(loaded.scenario), &rep.setup.setup());
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
