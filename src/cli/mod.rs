//! Command-line front end: parses arguments, reads files, drives the
//! simulation and prints what it reports. The simulation itself does no I/O.

mod annotations;
mod battles;
mod bench;
mod compare;
mod diagnostics;
mod list;
mod lsp;
mod merge;
#[cfg(feature = "gui")]
mod play;
mod replay;
mod run;
mod sarif;
mod schema;
mod sweep;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// pact: the Soviet–Japanese front 1941–1945 as a scenario-driven simulation.
///
/// Runs the Neutrality Pact of 13 April 1941, Japan's option to strike north,
/// the transfer of Far East divisions west for Moscow, the pact's denunciation
/// and the Soviet offensive into Manchuria of August 1945, day by day, from
/// RON scenario files you can read and change.
///
/// Start with:  pact run scenarios/historical.ron --seed 1
#[derive(Parser, Debug)]
#[command(name = "pact", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a scenario to its end (or a date) and print the dated chronicle and a summary.
    ///
    /// Example: pact run scenarios/historical.ron --seed 1 --until 1941-12-31
    Run(run::RunArgs),
    /// Check scenario files and report every problem with file:line:column.
    ///
    /// Exit status: 0 clean, 1 problems found, 2 could not run.
    ///
    /// Example: pact validate scenarios/ --mod scenarios/mods/kurils_expanded
    Validate(validate::ValidateArgs),
    /// Run several seeds and compare the course with the scenario's `history` reference points.
    ///
    /// Example: pact compare scenarios/historical.ron --seeds 20
    Compare(compare::CompareArgs),
    /// List the bundled scenarios with their period, description and decisions.
    ///
    /// Example: pact list scenarios/
    List(list::ListArgs),
    /// Open the game window: map, time controls, decisions, chronicle, plots.
    ///
    /// Example: pact play scenarios/historical.ron --controller japan=player
    /// Screenshot: pact play --screenshot out.png --date 1945-08-15
    #[cfg(feature = "gui")]
    Play(play::PlayArgs),
    /// Re-run a recorded replay and verify every day's checksum; stops at the first divergence.
    ///
    /// Example: pact run scenarios/historical.ron --record r.ron && pact replay r.ron
    Replay(replay::ReplayArgs),
    /// Run a scenario many times over a design of varied parameters; a CSV row per run and statistics.
    Sweep(sweep::SweepArgs),
    /// Merge the shards of a sweep (`pact sweep --shard I/N`) into one file in run order, with the summary of the whole.
    Merge(merge::MergeArgs),
    /// Measure complete campaigns per second, on one thread and on all cores.
    Bench(bench::BenchArgs),
    /// Fight real battles (CDB90 rows) with a scenario's combat rule; each beside its record, then the figures beside a naive floor.
    ///
    /// Rows whose needed values are unknown are skipped and counted; a malformed row stops with exit 2 and its line.
    ///
    /// Example: pact battles ../shared/data/cdb90/cdb90.csv --scenario scenarios/historical.ron
    Battles(battles::BattlesArgs),
    /// Run a language server (LSP, over stdio) for scenario, overlay and mod files.
    ///
    /// Editors start it: errors as you type with the codes `pact validate` reports,
    /// hover documentation, completion of fields and ids, go to definition, find
    /// references, rename and an outline. See docs/modding.md for VS Code, Neovim
    /// and Helix. Options can also come from the client's `initializationOptions`:
    /// {"scenario": "scenarios/historical.ron", "mods": ["mods/my_mod"]}.
    ///
    /// Example: pact lsp --stdio
    Lsp(lsp::LspArgs),
    /// Print the scenario format reference (every object, field, value and diagnostic code) as Markdown.
    ///
    /// The same text is docs/scenario-format.md; `--format json` prints the JSON Schema instead.
    ///
    /// Example: pact schema > docs/scenario-format.md
    Schema(schema::SchemaArgs),
}

pub use pact::scenario::bundled;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Validate(args)) => validate::validate(args),
        Some(Command::Compare(args)) => compare::compare(args),
        Some(Command::List(args)) => list::list(args),
        Some(Command::Replay(args)) => replay::replay(args),
        Some(Command::Sweep(args)) => sweep::sweep(args),
        Some(Command::Merge(args)) => merge::merge(args),
        Some(Command::Bench(args)) => bench::bench(args),
        Some(Command::Schema(args)) => schema::schema(args),
        Some(Command::Lsp(args)) => lsp::lsp(args),
        Some(Command::Battles(args)) => battles::battles(args),
        #[cfg(feature = "gui")]
        Some(Command::Play(args)) => play::play(args),
        None => {
            #[cfg(feature = "gui")]
            match pact::gui::check_display() {
                Ok(()) => return play::historical(),
                Err(why) => eprintln!("pact: cannot open the window: {why}."),
            }
            eprintln!(
                "pact: no command given; running the historical scenario in the terminal. Try `pact --help` for more."
            );
            run::run(run::RunArgs::default_for(bundled("historical.ron")))
        }
    }
}
