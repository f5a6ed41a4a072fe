//! `pact compare`: how close runs come to history, point by point.

use super::run::{Deciders, report_load_error};
use clap::Args;
use pact::report::compare::{compare as build, measure_setup};
use pact::scenario;
use pact::scenario::Controller;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Scenario file with a `history` section, e.g. scenarios/historical.ron
    pub scenario: PathBuf,
    /// A mod folder to apply (repeatable), as for `pact run`.
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Number of seeds to run (seeds 1..=N), at least 1.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub seeds: u64,
    /// Print the table as JSON.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print the table as Markdown, as README shows it.
    #[arg(long)]
    pub markdown: bool,
    /// Free play: every faction decides as `ai` (a --controller given too overrides it),
    /// so the table shows how close the course comes without the recorded choices.
    #[arg(long)]
    pub free: bool,
    #[command(flatten)]
    pub deciders: Deciders,
}

pub fn compare(args: CompareArgs) -> ExitCode {
    let loaded = match scenario::load_with_mods(&args.scenario, &args.mods) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    if loaded.scenario.history.is_empty() {
        eprintln!(
            "pact compare: `{}` has no `history` section to compare with",
            args.scenario.display()
        );
        return ExitCode::from(2);
    }
    let s = Arc::new(loaded.scenario);
    let mut base = match args.deciders.setup(1, &s) {
        Ok(setup) => setup,
        Err(e) => {
            eprintln!("pact compare: {e}");
            return ExitCode::from(2);
        }
    };
    if args.free {
        for f in &s.factions {
            base.controllers
                .entry(f.id.clone())
                .or_insert(Controller::Ai);
        }
    }
    if base.controllers.values().any(|c| *c == Controller::Player) {
        eprintln!("pact compare: a `player` controller needs a game; use ai, historical or policy");
        return ExitCode::from(2);
    }
    let seeds: Vec<u64> = (1..=args.seeds).collect();
    let runs: Vec<_> = seeds
        .iter()
        .map(|&seed| {
            let setup = pact::sim::Setup {
                seed,
                ..base.clone()
            };
            measure_setup(&s, &setup)
        })
        .collect();
    let table = build(&s, &seeds, &runs);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&table).expect("table serialises")
        );
    } else if args.markdown {
        print!("{}", table.markdown());
    } else {
        print!("{}", table.text());
    }
    ExitCode::SUCCESS
}
