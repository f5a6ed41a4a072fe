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
    let sweep = match Sweep::prepare(loaded.scenario, &loaded.sources, spec) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pact bench: {e}");
            return ExitCode::from(2);
        }
    };
    let threads = args.threads.map_or_else(default_threads, |t| t as usize);
    // Campaigns a second of wall time, and CPU milliseconds a campaign where the OS tells.
    let measure = |t: usize| {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let mut n = 0u64;
        let _ = sweep.run(t, |_| {
            n += 1;
            Ok::<(), ()>(())
        });
        let rate = n as f64 / start.elapsed().as_secs_f64();
        let cpu_ms = cpu
            .zip(cpu_seconds())
            .map(|(a, b)| format!(", {:.1} ms of CPU each", (b - a) * 1000.0 / n as f64))
            .unwrap_or_default();
        (rate, cpu_ms)
    };
    println!(
        "{}: {} campaigns per measurement",
        path.display(),
        args.runs
    );
    let (one, cpu) = measure(1);
    println!("  1 thread : {one:7.1} campaigns/s{cpu}");
    if threads > 1 {
        let (many, cpu) = measure(threads);
        println!(
            "  {threads} threads: {many:7.1} campaigns/s{cpu} (speed-up {:.2}×)",
            many / one
        );
    }
    ExitCode::SUCCESS
}

/// CPU time used by this process so far (Linux: /proc/self/stat, in clock ticks of 1/100 s).
///
/// On a shared machine wall-clock rates depend on the neighbours; CPU time a
/// campaign does not, and tells what the cores would give if they were free.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces: count from the `)` that closes it.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the file, 11 and 12 after the name.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}
