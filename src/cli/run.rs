//! `pact run`: one campaign, chronicle and summary.

use super::diagnostics::render;
use clap::Args;
use pact::date::Date;
use pact::report::summary::Summary;
use pact::scenario::{self, LoadError};
use pact::sim::{Setup, Simulation};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (RON), e.g. scenarios/historical.ron
    pub scenario: PathBuf,
    /// Seed of the run's random numbers; the same seed gives the same run.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop after this day (YYYY-MM-DD) instead of the scenario's end.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
    /// Print one JSON document (summary with events, captures, losses, transfers, treaties, outcomes) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print only the closing summary, not the chronicle.
    #[arg(long, conflicts_with = "json")]
    pub quiet: bool,
}

impl RunArgs {
    pub fn default_for(scenario: PathBuf) -> RunArgs {
        RunArgs {
            scenario,
            seed: 1,
            until: None,
            json: false,
            quiet: false,
        }
    }
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

/// Prints load errors with their source lines; the exit status for bad input.
pub fn report_load_error(e: &LoadError) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    eprint!("{}", render(&e.diagnostics, &e.sources, color));
    let n = e.diagnostics.len();
    eprintln!(
        "pact: {n} error{} in the scenario; nothing was run",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}

pub fn run(args: RunArgs) -> ExitCode {
    let loaded = match scenario::load_path(&args.scenario) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let setup = Setup {
        seed: args.seed,
        ..Setup::default()
    };
    let mut sim = Simulation::new(Arc::new(loaded.scenario), &setup);
    let until = args.until.unwrap_or(Date(i32::MAX));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut shown = 0;
    let chatty = !args.json && !args.quiet;
    while !sim.finished() && sim.today() <= until {
        sim.step();
        if chatty {
            for e in &sim.chronicle()[shown..] {
                if writeln!(out, "{e}").is_err() {
                    return ExitCode::SUCCESS; // stdout closed (e.g. piped into head)
                }
            }
        }
        shown = sim.chronicle().len();
    }
    let summary = Summary::of(&sim, args.seed);
    let text = if args.json {
        serde_json::to_string_pretty(&summary).expect("summary serialises")
    } else {
        format!("\n{}", summary.text())
    };
    let _ = writeln!(out, "{text}");
    ExitCode::SUCCESS
}
