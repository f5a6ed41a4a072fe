//! `pact run`: one campaign, chronicle and summary.

use super::diagnostics::render;
use super::replay::Recorder;
use clap::Args;
use pact::date::Date;
use pact::files::{self, Origin, ResumeError, read_ron, write_ron};
use pact::report::summary::Summary;
use pact::scenario::diagnostic::suggest;
use pact::scenario::parse::quoted;
use pact::scenario::{self, Controller, LoadError, Scenario};
use pact::sim::catalog::Catalog;
use pact::sim::{Setup, Simulation};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (RON), e.g. scenarios/historical.ron (not needed with --load)
    #[arg(required_unless_present = "load")]
    pub scenario: Option<PathBuf>,
    /// A mod folder (with a mod.ron manifest) to apply (repeatable), e.g. --mod scenarios/mods/kurils_expanded
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Seed of the run's random numbers; the same seed gives the same run [default: 1].
    /// With --load: a new future of the saved day (a fork), as row S of `pact sweep --load`.
    #[arg(long, allow_hyphen_values = true)]
    pub seed: Option<u64>,
    /// Stop after this day (YYYY-MM-DD) instead of the scenario's end.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
    /// Print one JSON document (summary with events, captures, losses, transfers, treaties, outcomes) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print only the closing summary, not the chronicle.
    #[arg(long, conflicts_with = "json")]
    pub quiet: bool,
    #[command(flatten)]
    pub deciders: Deciders,
    /// A policy file of fixed answers: (choose: [("decision", "option"), ...])
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// An orders file (repeatable): dated orders for formations of any faction,
    /// e.g. [(date: "1945-08-10", formation: "id", order: move_to("hailar"))].
    /// Orders: move_to(R), attack(R), hold, withdraw_to(R), rail_to(R), reserve.
    /// Each is checked on its day; a refused one is logged in the chronicle with
    /// its reason. Bad RON or unknown ids stop the run (exit 2). With --load, orders
    /// dated from the saved day on are added to those the save holds. See docs/orders.md.
    #[arg(long = "orders", value_name = "FILE")]
    pub orders: Vec<PathBuf>,
    /// Write the whole simulation state to FILE when the run stops (see --until).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Continue a saved run (its scenario, mods and seed come from the save). With
    /// --seed, --controller or --choose (decisions still open) it forks instead: the
    /// saved day continues with that seed's random numbers and those deciders.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "mods", "policy"])]
    pub load: Option<PathBuf>,
    /// Record a replay of this run to FILE (verify it later with `pact replay FILE`).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
}

/// Who takes each faction's decisions, and answers fixed in advance: the same
/// options for `pact run` and `pact play`.
#[derive(Args, Debug, Clone, Default)]
pub struct Deciders {
    /// Who decides for a faction: historical, ai, player or policy (repeatable), e.g. --controller japan=ai
    #[arg(long = "controller", value_name = "FACTION=CONTROLLER")]
    pub controllers: Vec<String>,
    /// Fix a decision's option (repeatable), e.g. --choose stavka_transfers_1941=none
    #[arg(long = "choose", value_name = "DECISION=OPTION")]
    pub choices: Vec<String>,
}

impl Deciders {
    /// The run's setup: controllers and fixed choices, each checked against the scenario.
    pub fn setup(&self, seed: u64, s: &Scenario) -> Result<Setup, String> {
        let mut setup = Setup {
            seed,
            controllers: controllers(&self.controllers, s)?,
            ..Setup::default()
        };
        for c in &self.choices {
            let (d, o) = split_pair(c, "DECISION=OPTION")?;
            check_choice(s, d, o).map_err(|e| format!("--choose {c}: {e}"))?;
            setup.choices.insert(d.to_string(), o.to_string());
        }
        Ok(setup)
    }
}

/// A policy file: fixed answers to decisions.
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub choose: Vec<(String, String)>,
}

impl RunArgs {
    pub fn default_for(scenario: PathBuf) -> RunArgs {
        RunArgs {
            scenario: Some(scenario),
            mods: Vec::new(),
            seed: None,
            until: None,
            json: false,
            quiet: false,
            deciders: Deciders::default(),
            policy: None,
            orders: Vec::new(),
            save: None,
            load: None,
            record: None,
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
        "pact: {n} error{} in the input; nothing was run",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}

/// Where a run starts: a scenario with a fresh world, or a save.
fn start(args: &RunArgs) -> Result<(Simulation, Origin), ExitCode> {
    if let Some(path) = &args.load {
        let resumed = match files::read_save(path) {
            Ok(r) => r,
            Err(ResumeError::Load(e)) => return Err(report_load_error(&e)),
            Err(ResumeError::Stale(e)) => {
                eprintln!("pact run: cannot load `{}`: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        };
        let (mut sim, origin) = fork(args, resumed).map_err(|e| {
            eprintln!("pact run: cannot fork `{}`: {e}", path.display());
            ExitCode::from(2)
        })?;
        // New orders for the saved game join those its desk holds.
        let scenario = sim.world().resource::<Catalog>().scenario.clone();
        let today = sim.today();
        for p in &args.orders {
            let read = files::read_orders(p, &scenario, today);
            sim.queue_orders(read.map_err(|e| report_load_error(&e))?);
        }
        return Ok((sim, origin));
    }
    let path = args.scenario.clone().unwrap_or_default();
    let loaded = scenario::load_with_mods(&path, &args.mods).map_err(|e| report_load_error(&e))?;
    // Conflicts between mods do not stop a run, but the player should know.
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    let mut setup = args
        .deciders
        .setup(args.seed.unwrap_or(1), &loaded.scenario)
        .map_err(|e| {
            eprintln!("pact run: {e}");
            ExitCode::from(2)
        })?;
    if let Some(p) = &args.policy {
        let (policy, src) = read_ron::<PolicyFile>(p).map_err(|e| report_load_error(&e))?;
        // Each answer is checked where it is written: the file's line and
        // column, not the `--choose` option the user did not type.
        let mut after = 0;
        for (d, o) in &policy.choose {
            let at = src.find(&quoted(d), after);
            if let Some((.., pos)) = at {
                after = pos + 1;
            }
            if let Err(e) = check_choice(&loaded.scenario, d, o) {
                let (line, col) = at.map_or((1, 1), |(l, c, _)| (l, c));
                eprintln!("pact run: {}:{line}:{col}: {e}", p.display());
                return Err(ExitCode::from(2));
            }
            setup.choices.insert(d.clone(), o.clone());
        }
    }
    // Orders files are read and checked before anything runs; the orders wait
    // on the desk (saved with the state) until their day.
    let mut orders = Vec::new();
    for p in &args.orders {
        let read = files::read_orders(p, &loaded.scenario, loaded.scenario.meta.start);
        orders.extend(read.map_err(|e| report_load_error(&e))?);
    }
    let mut sim = Simulation::new(Arc::new(loaded.scenario.clone()), &setup);
    sim.queue_orders(orders);
    Ok((sim, Origin::new(&path, &args.mods, &loaded, &setup)))
}

/// A save continued as it was, or, with --seed, --controller or --choose, forked:
/// a new run from the saved day with that seed and those deciders on top of the saved ones.
fn fork(args: &RunArgs, resumed: files::Resumed) -> Result<(Simulation, Origin), String> {
    let files::Resumed {
        mut sim,
        loaded,
        mut origin,
    } = resumed;
    let d = &args.deciders;
    if args.seed.is_none() && d.controllers.is_empty() && d.choices.is_empty() {
        return Ok((sim, origin));
    }
    let asked = d.setup(args.seed.unwrap_or(origin.setup.seed), &loaded.scenario)?;
    sim.fork(&asked)?;
    let setup = &mut origin.setup;
    setup.seed = asked.seed;
    setup.controllers.extend(asked.controllers);
    setup.choices.extend(asked.choices);
    Ok((sim, origin))
}

pub fn run(args: RunArgs) -> ExitCode {
    let (mut sim, origin) = match start(&args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // A date outside the period would be clamped silently to the start or the end.
    let cal = *sim.world().resource::<pact::sim::state::Calendar>();
    if let Some(u) = args.until
        && (u < cal.today || u > cal.end)
    {
        eprintln!(
            "pact run: --until {u} is outside the run, which goes from {} to {}",
            cal.today, cal.end
        );
        return ExitCode::from(2);
    }
    // A player is asked on the terminal; without one the decisions would
    // wait out their windows and history take them, changing the run unseen.
    let player = origin
        .setup
        .controllers
        .values()
        .any(|c| *c == Controller::Player);
    if player && !std::io::stdin().is_terminal() {
        eprintln!(
            "pact run: a `player` controller is asked on the terminal, and standard input is not one; use ai, historical or policy, or --choose DECISION=OPTION"
        );
        return ExitCode::from(2);
    }
    let until = args.until.unwrap_or(Date(i32::MAX));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut shown = sim.chronicle().len();
    let chatty = !args.json && !args.quiet;
    let mut recorder = args
        .record
        .as_ref()
        .map(|_| Recorder::new(&sim, args.load.is_some()));
    while !sim.finished() && sim.today() <= until {
        sim.step();
        let answered = ask_player(&mut sim);
        if let Some(r) = &mut recorder {
            r.day(&sim, answered);
        }
        if chatty {
            for e in &sim.chronicle()[shown..] {
                if writeln!(out, "{e}").is_err() {
                    return ExitCode::SUCCESS; // stdout closed (e.g. piped into head)
                }
            }
        }
        shown = sim.chronicle().len();
    }
    if let Some(path) = &args.save
        && let Err(e) = files::write_save(path, &origin, &sim)
    {
        eprintln!("pact run: cannot write save `{}`: {e}", path.display());
        return ExitCode::from(2);
    }
    if let (Some(path), Some(r)) = (&args.record, recorder) {
        let replay = r.finish(&origin, &sim);
        if let Err(e) = write_ron(path, &replay) {
            eprintln!("pact run: cannot write replay `{}`: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let summary = Summary::of(&sim, origin.setup.seed);
    let text = if args.json {
        serde_json::to_string_pretty(&summary).expect("summary serialises")
    } else {
        format!("\n{}", summary.text())
    };
    let _ = writeln!(out, "{text}");
    ExitCode::SUCCESS
}

pub fn split_pair<'a>(s: &'a str, what: &str) -> Result<(&'a str, &'a str), String> {
    s.split_once('=')
        .ok_or_else(|| format!("`{s}` is not {what}"))
}

/// `--controller FACTION=KIND` arguments, checked against the scenario's factions.
pub fn controllers(args: &[String], s: &Scenario) -> Result<BTreeMap<String, Controller>, String> {
    let mut out = BTreeMap::new();
    for c in args {
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
        out.insert(f.to_string(), controller);
    }
    Ok(out)
}

/// The options of decision `d`, or an error naming the decisions there are.
pub fn decision_options<'a>(s: &'a Scenario, d: &str) -> Result<Vec<&'a str>, String> {
    let Some(dec) = s.decisions.iter().find(|x| x.id == d) else {
        let ids = s.decisions.iter().map(|x| x.id.as_str());
        return Err(format!("unknown decision `{d}`: {}", suggest(d, ids)));
    };
    Ok(dec.options.iter().map(|x| x.id.as_str()).collect())
}

/// Checks that decision `d` exists and offers option `o`.
pub fn check_choice(s: &Scenario, d: &str, o: &str) -> Result<(), String> {
    let ids = decision_options(s, d)?;
    if !ids.contains(&o) {
        return Err(format!(
            "decision `{d}` has no option `{o}`: valid options are {}",
            ids.join(", ")
        ));
    }
    Ok(())
}

/// Asks on the terminal for decisions a `player` controller must take (a run
/// with one needs a terminal); an answer that is not an option's number is
/// refused and asked again; at the end of input, history decides when the window closes.
/// Returns the answers given, for a replay.
fn ask_player(sim: &mut Simulation) -> Vec<(usize, usize)> {
    let mut given = Vec::new();
    if !std::io::stdin().is_terminal() {
        return given;
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
                "  {}. {}",
                i + 1,
                option_label(&o.name, o.id == dec.historical)
            );
        }
        loop {
            eprint!("choose 1-{}: ", dec.options.len());
            let mut line = String::new();
            if !matches!(std::io::stdin().read_line(&mut line), Ok(1..)) {
                break;
            }
            match parse_answer(&line, dec.options.len()) {
                Ok(o) => {
                    sim.answer(d, o);
                    given.push((d, o));
                    break;
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
    given
}

/// An option as the player reads it: the historical one marked, once (the
/// bundled scenarios' names already say "(historical)").
fn option_label(name: &str, historical: bool) -> String {
    if historical && !name.contains("(historical)") {
        format!("{name} (historical)")
    } else {
        name.to_string()
    }
}

/// The option (0-based) a typed answer names, or why it names none.
fn parse_answer(line: &str, options: usize) -> Result<usize, String> {
    let t = line.trim();
    match t.parse::<usize>() {
        Ok(n) if (1..=options).contains(&n) => Ok(n - 1),
        _ => Err(format!(
            "`{t}` is not an option: type a number from 1 to {options}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_outside_the_options_is_refused_with_a_message() {
        assert_eq!(parse_answer(" 2\n", 3), Ok(1));
        for bad in ["0", "4", "yes", "", "-1"] {
            let e = parse_answer(bad, 3).unwrap_err();
            assert!(e.contains("from 1 to 3"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_historical_option_is_labelled_once() {
        assert_eq!(
            option_label("Accept (historical)", true),
            "Accept (historical)"
        );
        assert_eq!(option_label("Wait", true), "Wait (historical)");
        assert_eq!(option_label("Wait", false), "Wait");
    }
}
