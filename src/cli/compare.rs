//! `pact compare`: how close runs come to history, point by point.

use super::run::report_load_error;
use clap::Args;
use pact::report::compare::{compare as build, measure_run};
use pact::scenario;
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
    #[arg(long)]
    pub json: bool,
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
    let seeds: Vec<u64> = (1..=args.seeds).collect();
    let runs: Vec<_> = seeds.iter().map(|&seed| measure_run(&s, seed)).collect();
    let table = build(&s, &seeds, &runs);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&table).expect("table serialises")
        );
    } else {
        print!("{}", table.text());
    }
    ExitCode::SUCCESS
}
