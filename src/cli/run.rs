//! `pact run`: one campaign, chronicle and summary.

use super::diagnostics::render;
use clap::Args;
use pact::date::Date;
use pact::report::summary::Summary;
use pact::scenario::diagnostic::suggest;
use pact::scenario::{self, Controller, LoadError, Scenario};
use pact::sim::{Setup, Simulation};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (RON), e.g. scenarios/historical.ron
    pub scenario: PathBuf,
    /// A mod folder (with a mod.ron manifest) to apply (repeatable), e.g. --mod scenarios/mods/kurils_expanded
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
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
    /// Who decides for a faction: historical, ai, player or policy (repeatable), e.g. --controller japan=ai
    #[arg(long = "controller", value_name = "FACTION=CONTROLLER")]
    pub controllers: Vec<String>,
    /// Fix a decision's option (repeatable), e.g. --choose stavka_transfers_1941=none
    #[arg(long = "choose", value_name = "DECISION=OPTION")]
    pub choices: Vec<String>,
}

impl RunArgs {
    pub fn default_for(scenario: PathBuf) -> RunArgs {
        RunArgs {
            scenario,
            mods: Vec::new(),
            seed: 1,
            until: None,
            json: false,
            quiet: false,
            controllers: Vec::new(),
            choices: Vec::new(),
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
    let loaded = match scenario::load_with_mods(&args.scenario, &args.mods) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    // Conflicts between mods do not stop a run, but the player should know.
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    let setup = match setup(&args, &loaded.scenario) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pact run: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sim = Simulation::new(Arc::new(loaded.scenario), &setup);
    let until = args.until.unwrap_or(Date(i32::MAX));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut shown = 0;
    let chatty = !args.json && !args.quiet;
    while !sim.finished() && sim.today() <= until {
        sim.step();
        ask_player(&mut sim);
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

fn split_pair<'a>(s: &'a str, what: &str) -> Result<(&'a str, &'a str), String> {
    s.split_once('=')
        .ok_or_else(|| format!("`{s}` is not {what}"))
}

/// Controllers and fixed choices from the command line, each checked against the scenario.
fn setup(args: &RunArgs, s: &Scenario) -> Result<Setup, String> {
    let mut setup = Setup {
        seed: args.seed,
        ..Setup::default()
    };
    for c in &args.controllers {
        let (f, kind) = split_pair(c, "FACTION=CONTROLLER")?;
        if !s.factions.iter().any(|x| x.id == f) {
            let ids = s.factions.iter().map(|x| x.id.as_str());
            return Err(format!(
                "unknown faction `{f}` in --controller: {}",
                suggest(f, ids)
            ));
        }
        let controller = match kind {
            "historical" => Controller::Historical,
            "ai" => Controller::Ai,
            "player" => Controller::Player,
            "policy" => Controller::Policy,
            other => {
                return Err(format!(
                    "unknown controller `{other}`: expected one of historical, ai, player, policy"
                ));
            }
        };
        setup.controllers.insert(f.to_string(), controller);
    }
    for c in &args.choices {
        let (d, o) = split_pair(c, "DECISION=OPTION")?;
        let Some(dec) = s.decisions.iter().find(|x| x.id == d) else {
            let ids = s.decisions.iter().map(|x| x.id.as_str());
            return Err(format!(
                "unknown decision `{d}` in --choose: {}",
                suggest(d, ids)
            ));
        };
        if !dec.options.iter().any(|x| x.id == o) {
            let ids: Vec<&str> = dec.options.iter().map(|x| x.id.as_str()).collect();
            return Err(format!(
                "decision `{d}` has no option `{o}`: valid options are {}",
                ids.join(", ")
            ));
        }
        setup.choices.insert(d.to_string(), o.to_string());
    }
    Ok(setup)
}

/// Asks on the terminal for decisions a `player` controller must take; without a terminal, history decides when the window closes.
fn ask_player(sim: &mut Simulation) {
    if !std::io::stdin().is_terminal() {
        return;
    }
    let waiting: Vec<usize> = sim.waiting().to_vec();
    for d in waiting {
        let dec = sim
            .world()
            .resource::<pact::sim::catalog::Catalog>()
            .scenario
            .decisions[d]
            .clone();
        eprintln!(
            "\n{} — {} decides ({})",
            dec.name,
            dec.faction,
            sim.last_day()
        );
        for (i, o) in dec.options.iter().enumerate() {
            eprintln!(
                "  {}. {}{}",
                i + 1,
                o.name,
                if o.id == dec.historical {
                    " (historical)"
                } else {
                    ""
                }
            );
        }
        eprint!("choose 1-{}: ", dec.options.len());
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_ok()
            && let Ok(n) = line.trim().parse::<usize>()
            && (1..=dec.options.len()).contains(&n)
        {
            sim.answer(d, n - 1);
        }
    }
}
