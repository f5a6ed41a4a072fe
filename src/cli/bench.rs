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
#[command(after_help = "Example (with a release build, `cargo build --release`):
  pact bench --runs 200 --threads 2

Each campaign is a whole sweep run (build, every day to the end, the row of outcomes), as `pact sweep` does it.

Regression guard (CI): pact bench --guard benches/guard.ron")]
pub struct BenchArgs {
    /// Scenario to run (default: the bundled historical campaign).
    pub scenario: Option<PathBuf>,
    /// A mod folder (with a mod.ron manifest) to apply (repeatable), as for `pact run`.
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Campaigns per measurement.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// Threads for the parallel measurement (default: one per core); one thread is always measured too.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..1024))]
    pub threads: Option<u64>,
    /// Regression guard: time a campaign as a multiple of a fixed calibration
    /// workload timed in the same process (so machines of any speed agree) and
    /// fail (exit 1) if it is more than `limit` times the baseline in FILE.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["runs", "threads"])]
    pub guard: Option<PathBuf>,
}

/// A committed baseline for `pact bench --guard`: a campaign's time as a
/// multiple of the calibration workload's, per build profile (the test build
/// CI has is not optimised like a release).
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Guard {
    /// Baseline ratio of a `cargo build` (dev profile) binary.
    dev: f64,
    /// Baseline ratio of a `cargo build --release` binary.
    release: f64,
    /// How many times the baseline fails the guard.
    limit: f64,
}

/// A fixed CPU workload with the sim's kind of work (random draws, ordered maps,
/// floating point), the yardstick a campaign's time is divided by.
fn calibration() -> u64 {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1941);
    let mut map = std::collections::BTreeMap::new();
    let mut acc = 0.0f64;
    for i in 0..200_000u64 {
        let x: f64 = rng.random();
        acc += libm::pow(x + 1.0, 0.7) * (i % 7) as f64;
        *map.entry(rng.random::<u16>() % 4096).or_insert(0u64) += i;
    }
    std::hint::black_box(acc.to_bits() ^ map.values().sum::<u64>())
}

/// The smallest wall times of `a` and of `b` over `n` tries each, taken in
/// turns so that a busy spell of the machine slows both alike.
fn fastest(n: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    (0..n).fold((f64::INFINITY, f64::INFINITY), |(x, y), _| {
        (x.min(time(&mut a)), y.min(time(&mut b)))
    })
}

/// `pact bench --guard FILE`: exit 0 within the limit, 1 beyond it, 2 on a bad file.
fn guard(path: &std::path::Path, sweep: &Sweep) -> ExitCode {
    let g = match pact::files::read_ron::<Guard>(path) {
        Ok((g, _)) => g,
        Err(e) => return report_load_error(&e),
    };
    let (profile, baseline) = if cfg!(debug_assertions) {
        ("dev", g.dev)
    } else {
        ("release", g.release)
    };
    if !(baseline > 0.0 && g.limit >= 1.0) {
        eprintln!(
            "pact bench: `{}`: the baseline must be above 0 and the limit at least 1",
            path.display()
        );
        return ExitCode::from(2);
    }
    const TRIES: usize = 11;
    let (campaign, yardstick) = fastest(
        TRIES,
        || {
            let _ = sweep.run(1, |_| Ok::<(), ()>(()));
        },
        || {
            calibration();
        },
    );
    let ratio = campaign / yardstick;
    let verdict = ratio <= baseline * g.limit;
    println!(
        "campaign {:.1} ms, calibration {:.1} ms: ratio {ratio:.2} ({profile} baseline {baseline:.2}, limit {:.2}): {}",
        campaign * 1e3,
        yardstick * 1e3,
        baseline * g.limit,
        if verdict { "ok" } else { "TOO SLOW" }
    );
    if verdict {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "pact bench: a campaign costs {:.2}× its baseline in `{}` (limit {}×); if that is intended, update the baseline and say why in the commit",
            ratio / baseline,
            path.display(),
            g.limit
        );
        ExitCode::from(1)
    }
}

pub fn bench(args: BenchArgs) -> ExitCode {
    let path = args
        .scenario
        .unwrap_or_else(|| super::bundled("historical.ron"));
    let loaded = match scenario::load_with_mods(&path, &args.mods) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let spec = SweepSpec {
        runs: if args.guard.is_some() { 1 } else { args.runs },
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
    if let Some(g) = &args.guard {
        return guard(g, &sweep);
    }
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
