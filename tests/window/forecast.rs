//! The Forecast tab: a click runs N futures of the moment on screen in the
//! background, the tab shows their odds, the figures are those of
//! `pact sweep --load` from a save of the same moment, and Cancel stops it.

use crate::common::pact;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pact::batch::forecast::{Ended, Forecast};
use pact::gui::forecast::{self, ForecastPanel};
use pact::gui::session::Game;
use pact::scenario;
use pact::sim::Setup;
use std::path::Path;
use std::time::{Duration, Instant};

/// The mini scenario, run to 20 July 1941 (its decision is still ahead).
fn mini_game() -> Game {
    let path = Path::new("tests/data/mini.ron");
    let loaded = scenario::load_path(path).expect("loads");
    let setup = Setup {
        seed: 5,
        ..Setup::default()
    };
    let mut game = Game::new(&loaded, path, &[], setup);
    let until = "1941-07-20".parse().unwrap();
    while game.sim.today() <= until {
        game.step();
    }
    game
}

type State = (Game, ForecastPanel);

fn harness(runs: u64) -> Harness<'static, State> {
    let mut panel = ForecastPanel::default();
    panel.runs = runs;
    Harness::new_ui_state(
        |ui, (game, p): &mut State| forecast::panel(ui, game, p),
        (mini_game(), panel),
    )
}

/// Steps the UI until the forecast is no longer running (or fails after a minute).
fn settle(h: &mut Harness<'static, State>) {
    let start = Instant::now();
    while h.state().1.running() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the forecast never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.step();
}

#[test]
fn the_forecast_tab_shows_the_odds_of_a_sweep_from_the_same_moment() {
    let mut h = harness(24);
    h.run();
    h.get_by_label("Forecast").click();
    h.step();
    settle(&mut h);
    let (game, panel) = h.state();
    let shown = panel.last.as_ref().expect("a forecast was shown");
    assert_eq!(shown.from, game.sim.today());
    assert_eq!(shown.summary.runs, 24);
    assert!(!shown.summary.outcomes.is_empty(), "mini has outcomes");

    // The same futures through the library: the same figures.
    let Ended::Done(direct) = Forecast::start(panel.ask(game)).unwrap().wait() else {
        panic!("not cancelled")
    };
    assert_eq!(direct.outcomes, shown.summary.outcomes);

    // And through `pact sweep --load` from a save of this moment.
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("now.ron");
    pact::files::write_save(&save, &game.origin, &game.sim).unwrap();
    let o = pact()
        .args(["sweep", "--runs", "24", "--seed", "5", "--json", "--load"])
        .arg(&save)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cli_p: Vec<f64> = cli["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["p"].as_f64().unwrap())
        .collect();
    let shown_p: Vec<f64> = shown.summary.outcomes.iter().map(|x| x.p).collect();
    assert_eq!(cli_p, shown_p);

    // The tab shows each outcome with its probability in percent.
    let first = &shown.summary.outcomes[0];
    let name = first
        .outcome
        .trim_start_matches("outcome.")
        .replace('_', " ");
    assert!(h.query_all_by_label(&name).next().is_some(), "{name}");
    assert!(
        h.query_all_by_label(&format!("{:.0}%", first.p * 100.0))
            .next()
            .is_some()
    );
}

#[test]
fn cancel_stops_a_forecast_and_keeps_the_last_result() {
    let mut h = harness(5000);
    h.run();
    h.get_by_label("Forecast").click();
    h.step();
    assert!(h.state().1.running());
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    settle(&mut h);
    let panel = &h.state().1;
    assert!(panel.last.is_none(), "a cancelled forecast shows no odds");
    assert!(h.query_by_label("cancelled").is_some());
}
