//! `pact sweep`: many runs over a design of factor values, a CSV row per run and a summary.

use super::run::{controllers, decision_options, report_load_error, split_pair};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use pact::batch::csv_out;
use pact::batch::summary::plural;
use pact::batch::{Accumulator, Design, Range, Shard, Sweep, SweepSpec, SweepSummary};
use pact::files::{self, ResumeError};
use pact::scenario::{self, Controller, Scenario};
use pact::sim::save::SimState;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  pact sweep scenarios/historical.ron --runs 200 --choose stavka_transfers_1941='none|historical|maximal'
  pact sweep scenarios/historical.ron --runs 20 --vary params.fronts.moscow.defender_base=700000..1300000 --points 7 --out moscow.csv
  pact sweep scenarios/historical.ron --runs 10 --design lhs --points 50 \\
      --vary params.rail.km_per_day=500..1000 --vary decisions.kantokuen_1941.weights.strike_north=0.1..2
  pact sweep scenarios/historical.ron --runs 1000 --shard 0/4 --out part0.csv   # then: pact merge part*.csv --out all.csv
  pact run scenarios/historical.ron --until 1941-08-01 --save aug41.ron
  pact sweep --load aug41.ron --runs 200 --controller japan=ai   # the futures of 1 August 1941

Run r of every design point uses the same seed (derived from --seed and r), so points differ by their factors, not by luck.
Rows are written in run order whatever --threads is: the CSV is byte-identical for any thread count.")]
pub struct SweepArgs {
    /// Scenario file (RON), e.g. scenarios/historical.ron (not with --load)
    #[arg(required_unless_present = "load")]
    pub scenario: Option<PathBuf>,
    /// Runs continue a saved moment (`pact run --until DATE --save FILE`) instead of
    /// starting at the scenario's beginning: each is a fork with its own seed, row S
    /// reproduced by `pact run --load FILE --seed S`. Decisions still open can be --choose factors.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "mods"])]
    pub load: Option<PathBuf>,
    /// A mod folder (with a mod.ron manifest) to apply (repeatable), as for `pact run`
    /// (part of the sweep's fingerprint: shards of a modded sweep merge only with each other)
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Runs (seeded replications) per design point.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// Base seed; run r's seed is derived from it and r.
    #[arg(long, default_value_t = 1, allow_hyphen_values = true)]
    pub seed: u64,
    /// Vary a numeric parameter over a range (repeatable), by its path in the scenario:
    /// e.g. params.rail.km_per_day=600..1000, params.fronts.moscow.attacker_power=1.8e6..2.6e6,
    /// params.combat.weights.1=20..60, decisions.kantokuen_1941.weights.strike_north=0.1..2.
    /// List elements are named by their `id` or a 0-based index; integer fields get whole numbers.
    #[arg(long = "vary", value_name = "PATH=LO..HI")]
    pub vary: Vec<Range>,
    /// How to combine the varied factors: a full grid of --points levels each, or a Latin hypercube of --points points.
    #[arg(long, value_enum, default_value_t = Design::Grid)]
    pub design: Design,
    /// Levels per factor (grid) or points in all (lhs).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..10_000))]
    pub points: u64,
    /// Worker threads (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..1024))]
    pub threads: Option<u64>,
    /// Write one CSV row per run to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Fix a decision's option, or compare several as a factor (repeatable):
    /// stavka_transfers_1941=none, stavka_transfers_1941='none|historical|maximal', or D='*' for all options.
    #[arg(long = "choose", value_name = "DECISION=OPTION[|OPTION...]")]
    pub choices: Vec<String>,
    /// Who decides for a faction: historical, ai or policy (repeatable), e.g. --controller japan=ai
    #[arg(long = "controller", value_name = "FACTION=CONTROLLER")]
    pub controllers: Vec<String>,
    /// Run only shard I of N (0-based: runs whose index k has k % N == I), for one task of a cluster job; merge the shards with `pact merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
}

/// `D=a|b`, `D=*` → (decision, options), checked against the scenario.
fn choices(args: &[String], s: &Scenario) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for c in args {
        let (d, opts) = split_pair(c, "DECISION=OPTION[|OPTION...]")?;
        let valid = decision_options(s, d)?;
        let picked: Vec<String> = if opts == "*" {
            valid.iter().map(|o| o.to_string()).collect()
        } else {
            opts.split('|').map(|o| o.trim().to_string()).collect()
        };
        for o in &picked {
            if !valid.contains(&o.as_str()) {
                return Err(format!(
                    "decision `{d}` has no option `{o}`: valid options are {}",
                    valid.join(", ")
                ));
            }
        }
        if out.iter().any(|(x, _)| x == d) {
            return Err(format!("decision `{d}` is given twice in --choose"));
        }
        out.push((d.to_string(), picked));
    }
    Ok(out)
}

/// Default worker count: the cores the process may use.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A progress bar on a terminal, nothing otherwise (logs and pipes stay clean).
pub fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} runs · {elapsed} · eta {eta}")
            .expect("a valid template"),
    );
    bar
}

/// Prints a summary as a table or JSON.
pub fn print_summary(summary: &SweepSummary, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(summary).expect("summary serialises")
        );
    } else {
        print!("{}", summary.text());
    }
}

/// A CSV output written beside its place (`FILE.partial`) and renamed over it
/// only when complete: an interrupted or refused sweep or merge leaves the old
/// file as it was.
pub struct Staged {
    staging: PathBuf,
    target: PathBuf,
}

/// Opens the CSV output's staging file, or says why not.
pub fn create(path: &Path, cmd: &str) -> Result<(csv::Writer<BufWriter<File>>, Staged), ExitCode> {
    let mut staging = path.as_os_str().to_owned();
    staging.push(".partial");
    let staged = Staged {
        staging: PathBuf::from(staging),
        target: path.to_path_buf(),
    };
    File::create(&staged.staging)
        .map(|f| (csv_out::writer(BufWriter::new(f)), staged))
        .map_err(|e| {
            eprintln!("pact {cmd}: cannot write `{}`: {e}", path.display());
            ExitCode::from(2)
        })
}

impl Staged {
    /// Puts the complete file in place (the writer must be flushed and dropped).
    pub fn commit(self, cmd: &str) -> Result<(), ExitCode> {
        std::fs::rename(&self.staging, &self.target).map_err(|e| {
            eprintln!("pact {cmd}: cannot write `{}`: {e}", self.target.display());
            ExitCode::from(2)
        })
    }

    /// Removes the staging file of a failed run.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.staging);
    }
}

/// The sweep the arguments ask for, checked against the scenario.
fn prepare(
    args: &SweepArgs,
    loaded: scenario::Loaded,
    from: Option<Arc<SimState>>,
) -> Result<Sweep, String> {
    let controllers = controllers(&args.controllers, &loaded.scenario)?;
    // No one answers in a sweep: a player's decisions would wait out their
    // windows and history take them, with every row looking like a choice.
    if controllers.values().any(|c| *c == Controller::Player) {
        return Err(
            "a `player` controller needs a game (pact run or pact play); use ai, historical or policy"
                .into(),
        );
    }
    let spec = SweepSpec {
        runs: args.runs,
        seed: args.seed,
        vary: args.vary.clone(),
        design: args.design,
        points: args.points as usize,
        choose: choices(&args.choices, &loaded.scenario)?,
        controllers,
        shard: args.shard.unwrap_or_default(),
        from,
    };
    Sweep::prepare(loaded.scenario, &loaded.sources, spec)
}

/// Runs the sweep, writing each row (if there is a file) and adding it to the summary.
fn stream<W: Write>(
    sweep: &Sweep,
    threads: usize,
    mut out: Option<csv::Writer<W>>,
    acc: &mut Accumulator,
) -> csv::Result<()> {
    if let Some(w) = out.as_mut() {
        w.write_record(sweep.header())?;
    }
    let bar = progress(sweep.shard_jobs());
    sweep.run(threads, |row| {
        if let Some(w) = out.as_mut() {
            w.write_record(&row)?;
        }
        acc.push(row.iter().map(String::as_str));
        bar.inc(1);
        Ok::<(), csv::Error>(())
    })?;
    bar.finish_and_clear();
    if let Some(w) = out.as_mut() {
        w.flush()?;
    }
    Ok(())
}

pub fn sweep(args: SweepArgs) -> ExitCode {
    let start = match &args.load {
        Some(path) => files::read_save(path)
            .map(|r| (r.loaded, Some(Arc::new(SimState::capture(r.sim.world())))))
            .map_err(|e| match e {
                ResumeError::Load(e) => report_load_error(&e),
                ResumeError::Stale(e) => {
                    eprintln!("pact sweep: cannot load `{}`: {e}", path.display());
                    ExitCode::from(2)
                }
            }),
        None => scenario::load_with_mods(
            args.scenario.as_deref().unwrap_or(Path::new("")),
            &args.mods,
        )
        .map(|l| (l, None))
        .map_err(|e| report_load_error(&e)),
    };
    let (loaded, from) = match start {
        Ok(s) => s,
        Err(code) => return code,
    };
    let sweep = match prepare(&args, loaded, from) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pact sweep: {e}");
            return ExitCode::from(2);
        }
    };
    let (out, staged) = match args.out.as_deref().map(|p| create(p, "sweep")).transpose() {
        Ok(o) => o.unzip(),
        Err(code) => return code,
    };
    let mut acc = Accumulator::new(sweep.header().iter().map(String::as_str))
        .named(sweep.scenario_name(), sweep.total_jobs());
    let threads = args.threads.map_or_else(default_threads, |t| t as usize);
    if let Err(e) = stream(&sweep, threads, out, &mut acc) {
        if let Some(s) = staged {
            s.abandon();
        }
        eprintln!("pact sweep: writing the results failed: {e}");
        return ExitCode::from(1);
    }
    if let Some(Err(code)) = staged.map(|s| s.commit("sweep")) {
        return code;
    }
    if let Some(p) = &args.out {
        eprintln!(
            "pact sweep: {} ({} × {}{}) written to {}",
            plural(acc.rows() as usize, "run"),
            plural(sweep.design_points(), "design point"),
            plural(args.runs as usize, "run"),
            args.shard.map_or(String::new(), |s| format!(", shard {s}")),
            p.display()
        );
    }
    print_summary(&acc.finish(), args.json);
    let _ = std::io::stdout().flush();
    ExitCode::SUCCESS
}
