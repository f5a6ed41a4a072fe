//! `pact play`: the game window (feature `gui`).

use super::run::{Deciders, parse_date, report_load_error};
use clap::Args;
use pact::date::Date;
use pact::gui::layout::Tab;
use pact::gui::{self, PlayOptions};
use pact::scenario;
use pact::sim::command::Order;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct PlayArgs {
    /// Scenario file (RON); without it the start screen offers the bundled scenarios.
    pub scenario: Option<PathBuf>,
    /// A mod folder (with a mod.ron manifest) to apply (repeatable), also to the start screen's scenarios.
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Seed of the run's random numbers (with a scenario file; the start screen has its own).
    #[arg(long, default_value_t = 1, allow_hyphen_values = true)]
    pub seed: u64,
    #[command(flatten)]
    pub deciders: Deciders,
    /// Run to --date (default: the scenario's end), wait --frames frames, save the window as this PNG and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: the last day to simulate (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, requires = "screenshot")]
    pub date: Option<Date>,
    /// With --screenshot: frames to draw at the date before saving.
    #[arg(long, default_value_t = 10)]
    pub frames: u32,
    /// Open the side panel on this tab: agenda, inspector, orders, treaties, plots, history, forecast or debug
    /// (with --screenshot, the Forecast tab is captured once its forecast is done).
    #[arg(long)]
    pub tab: Option<Tab>,
    /// With --screenshot: at the date, select this formation and zoom the map in on it.
    #[arg(long, value_name = "FORMATION", requires = "screenshot")]
    pub select: Option<String>,
    /// With --screenshot: at the date, give an order in the window as the
    /// player commanding the formation would (repeatable), e.g.
    /// `su45_15a=attack("jiamusi")`.
    #[arg(long, value_name = "FORMATION=ORDER", value_parser = parse_give, requires = "screenshot")]
    pub give: Vec<(String, Order)>,
}

/// `FORMATION=ORDER`, the order as in an orders file (`rail_to("chita")`, `hold`).
fn parse_give(s: &str) -> Result<(String, Order), String> {
    let (formation, order) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not FORMATION=ORDER"))?;
    let order = ron::from_str::<Order>(order.trim())
        .map_err(|e| format!("`{order}` is not an order (move_to(\"region\"), attack, hold, withdraw_to, rail_to, reserve): {e}"))?;
    Ok((formation.trim().to_string(), order))
}

pub fn play(mut args: PlayArgs) -> ExitCode {
    if args.screenshot.is_some() && args.scenario.is_none() {
        args.scenario = Some(super::bundled("historical.ron"));
    }
    let mut opts = PlayOptions {
        screenshot: args.screenshot,
        date: args.date,
        frames: args.frames,
        tab: args.tab,
        select: args.select,
        give: args.give,
        mods: args.mods.clone(),
        preselect: args.scenario.clone(),
        ..PlayOptions::default()
    };
    if let Some(path) = args.scenario {
        let loaded = match scenario::load_with_mods(&path, &args.mods) {
            Ok(l) => l,
            Err(e) => return report_load_error(&e),
        };
        opts.setup = match args.deciders.setup(args.seed, &loaded.scenario) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("pact play: {e}");
                return ExitCode::from(2);
            }
        };
        opts.scenario = Some((path, loaded));
    }
    // Arguments first, then the display: a mistake is reported wherever pact runs.
    if let Err(why) = gui::check_display() {
        eprintln!(
            "pact play: cannot open the window: {why}; \
             use `pact run` in a terminal, or xvfb-run for a virtual screen"
        );
        return ExitCode::from(2);
    }
    exit_code(gui::run(opts))
}

/// The window on the historical scenario, paused at its start (`pact` with
/// no arguments); the Game menu's "New game…" leads to the start screen.
pub fn historical() -> ExitCode {
    play(PlayArgs {
        scenario: Some(super::bundled("historical.ron")),
        mods: Vec::new(),
        seed: 1,
        deciders: Deciders::default(),
        screenshot: None,
        date: None,
        frames: 10,
        tab: None,
        select: None,
        give: Vec::new(),
    })
}

fn exit_code(e: bevy::app::AppExit) -> ExitCode {
    match e {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(n) => ExitCode::from(n.get()),
    }
}
