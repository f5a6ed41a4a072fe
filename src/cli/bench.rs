//! `pact bench`: complete campaigns per second, on one thread and on several.

use super::run::report_load_error;
use super::sweep::default_threads;
use clap::Args;
use pact::batch::{Sweep, SweepSpec};
use pact::scenario;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args, Debug)]
#[command(after_help = "Example:
  cargo run --release -- bench --runs 200 --threads 2

Each campaign is a whole sweep run (build, every day to the end, the row of outcomes), as `pact sweep` does it.")]
pub struct BenchArgs {
    /// Scenario to run (default: the bundled historical campaign).
    pub scenario: Option<PathBuf>,
    /// Campaigns per measurement.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// Threads for the parallel measurement (default: one per core); one thread is always measured too.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..1024))]
    pub threads: Option<u64>,
}

pub fn bench(args: BenchArgs) -> ExitCode {
    let path = args
        .scenario
        .unwrap_or_else(|| super::bundled("historical.ron"));
    let loaded = match scenario::load_path(&path) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let spec = SweepSpec {
        runs: args.runs,
        seed: 1,
        points: 1,
        ..SweepSpec::default()
    };
    let sweep = match Sweep::prepare(loaded.scenario, &loaded.sources[0], spec) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pact bench: {e}");
            return ExitCode::from(2);
        }
    };
    let threads = args.threads.map_or_else(default_threads, |t| t as usize);
    let measure = |t: usize| {
        let start = Instant::now();
        let mut n = 0u64;
        let _ = sweep.run(t, |_| {
            n += 1;
            Ok::<(), ()>(())
        });
        n as f64 / start.elapsed().as_secs_f64()
    };
    println!(
        "{}: {} campaigns per measurement",
        path.display(),
        args.runs
    );
    let one = measure(1);
    println!(
        "  1 thread : {one:7.1} campaigns/s ({:.1} ms each)",
        1000.0 / one
    );
    if threads > 1 {
        let many = measure(threads);
        println!(
            "  {threads} threads: {many:7.1} campaigns/s (speed-up {:.2}×)",
            many / one
        );
    }
    ExitCode::SUCCESS
}
