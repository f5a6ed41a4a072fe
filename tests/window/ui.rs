//! The window's UI logic, driven headlessly with egui_kittest: the decision
//! dialog offers the scenario's options and answers the simulation; the time
//! controls change the speed.

use bevy_egui::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pact::date::Date;
use pact::gui::decisions::{self, DecisionView};
use pact::gui::session::Game;
use pact::gui::time::{Clock, Speed, TimeStatus, time_controls};
use pact::scenario;
use pact::sim::Setup;
use pact::sim::state::PlayerDesk;

/// The historical scenario with the USSR's decisions left to a player, run until one is due.
fn game_waiting_for_stavka() -> Game {
    let mut game = crate::ussr_player_game();
    while game.unanswered().is_empty() && !game.sim.finished() {
        game.step();
    }
    game
}

#[test]
fn decision_dialog_offers_the_options_and_sends_the_answer() {
    let game = game_waiting_for_stavka();
    let waiting = game.unanswered();
    let d = waiting[0];
    let def = game.scenario.decisions[d].clone();
    assert_eq!(def.id, "stavka_transfers_1941");
    let view = DecisionView::of(&game.scenario, d, game.view.day);
    let names: Vec<&str> = view.options.iter().map(|o| o.name.as_str()).collect();
    let expected: Vec<&str> = def.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, expected);
    assert!(view.options.iter().any(|o| o.historical));
    assert!(
        view.options[0]
            .effects
            .iter()
            .any(|e| e.contains("transfers_none"))
    );

    let mut clock = Clock::default();
    clock.set_speed(Speed::PerSecond(5));
    clock.hold_for_decision();
    let mut harness = Harness::new_ui_state(
        |ui, (game, clock): &mut (Game, Clock)| decisions::dialog(ui.ctx(), game, clock),
        (game, clock),
    );
    harness.run();
    let want = &def.options[2];
    harness
        .get_by_role_and_label(Role::Button, &want.name)
        .click();
    harness.run();
    let (game, clock) = harness.state_mut();
    let desk = game.sim.world().resource::<PlayerDesk>();
    assert_eq!(
        desk.answers.get(&d),
        Some(&2),
        "the click answered option 2"
    );
    assert_eq!(
        clock.speed,
        Speed::PerSecond(5),
        "the clock runs on as before"
    );
    game.step();
    let taken = &game.sim.ledger().decisions;
    assert!(
        taken
            .iter()
            .any(|t| t.decision == def.id && t.option == want.id && t.controller == "player"),
        "{taken:?}"
    );
    assert!(game.unanswered().is_empty());
}

#[test]
fn time_controls_change_the_speed() {
    let status = TimeStatus {
        date: Date::from_ymd(1941, 6, 22).unwrap(),
        finished: false,
    };
    let mut harness = Harness::new_ui_state(
        |ui, clock: &mut Clock| time_controls(ui, clock, &status),
        Clock::default(),
    );
    assert!(
        harness.query_by_label("1941-06-22").is_some(),
        "the date is shown"
    );
    for (label, speed) in [
        ("5 days/s", Speed::PerSecond(5)),
        ("Max", Speed::Max),
        ("1 day/s", Speed::PerSecond(1)),
        ("20 days/s", Speed::PerSecond(20)),
        ("Pause", Speed::Paused),
    ] {
        harness.get_by_label(label).click();
        harness.run();
        assert_eq!(harness.state().speed, speed, "after clicking {label}");
    }
    assert_eq!(harness.state_mut().days_due(1.0), 0, "paused: no days");
    harness.get_by_label("+1 day").click();
    harness.run();
    assert_eq!(
        harness.state_mut().days_due(0.016),
        1,
        "the step button gives one day"
    );
    assert_eq!(harness.state_mut().days_due(0.016), 0, "and only one");
}

#[test]
fn the_history_tab_measures_this_game_not_the_reference() {
    use pact::gui::history;
    use pact::scenario::HistoryMeasure;
    let path = scenario::bundled("historical.ron");
    let loaded = scenario::load_path(&path).expect("loads");
    let mut game = Game::new(&loaded, &path, &[], Setup::default());
    let at_start = history::table(&game);
    assert_eq!(at_start.rows.len(), game.scenario.history.len());
    let end: Date = "1945-08-31".parse().unwrap();
    while game.view.day < end && !game.sim.finished() {
        game.step();
    }
    let now = history::table(&game);
    let mut captures = 0;
    for (p, (before, after)) in game
        .scenario
        .history
        .iter()
        .zip(at_start.rows.iter().zip(&now.rows))
    {
        if let HistoryMeasure::Capture { region, by, .. } = &p.measure {
            captures += 1;
            assert_eq!(before.reached, 0, "{} not taken at the start", p.id);
            let taken = game
                .sim
                .ledger()
                .captured(region, by)
                .expect("taken by now");
            assert_eq!(
                after.median,
                taken.to_string(),
                "{}: the game's own date",
                p.id
            );
        }
    }
    assert!(captures >= 3, "the historical scenario has capture points");
}
