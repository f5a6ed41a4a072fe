//! The window's hot reload and its save/load menu, driven without a window:
//! an edited scenario is offered as a restart at the current date, a broken
//! one lists its errors with file:line:column and leaves the game alone, and
//! a game saved from the menu loads back to the same state.

use pact::date::Date;
use pact::gui::reload::{HotReload, Watch, restart_with};
use pact::gui::saves;
use pact::gui::session::Game;
use pact::gui::time::{Clock, Speed};
use pact::scenario;
use pact::sim::Setup;
use std::path::{Path, PathBuf};

/// A copy of the small test scenario in a folder of its own, as a game.
fn game_in(dir: &Path) -> (PathBuf, Game) {
    let path = dir.join("mini.ron");
    std::fs::copy("tests/data/mini.ron", &path).unwrap();
    let loaded = scenario::load_path(&path).expect("mini loads");
    let game = Game::new(&loaded, &path, &[], Setup::default());
    (path, game)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "the test edit `{from}` applies");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn running() -> Clock {
    let mut c = Clock::default();
    c.set_speed(Speed::PerSecond(5));
    c
}

const BLUE_LINE: &str = "location: \"city\", men: 10000.0";

#[test]
fn a_clean_edit_is_offered_as_a_restart_at_the_current_date() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut game) = game_in(dir.path());
    for _ in 0..40 {
        game.step();
    }
    let day = game.view.day;
    let mut watch = Watch::of(&game.files);
    assert!(watch.poll().is_empty(), "nothing changed yet");

    edit(&path, BLUE_LINE, "location: \"city\", men: 20000.0");
    assert_eq!(watch.poll(), vec![path.clone()], "the edit is noticed");
    let mut hot = HotReload::default();
    hot.changed(&mut game, &running());
    assert_eq!(game.view.day, day, "the running game is not touched");
    let (loaded, at) = hot.offer.take().expect("a restart is offered");
    assert_eq!(at, day);
    assert!(hot.errors.is_empty());

    let next = restart_with(&game, &loaded);
    assert_eq!(next.view.day, day, "the restart reaches the same date");
    let b2 = next.view.by_id("b2").unwrap();
    assert!(
        b2.strength.men > 15000.0,
        "the edited strength is in play: {}",
        b2.strength.men
    );
    assert_ne!(next.sim.checksum(), game.sim.checksum());
}

#[test]
fn a_broken_edit_lists_its_errors_and_leaves_the_game_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut game) = game_in(dir.path());
    for _ in 0..10 {
        game.step();
    }
    let (day, sum) = (game.view.day, game.sim.checksum());
    edit(&path, "location: \"city\"", "location: \"citadel\"");
    let mut hot = HotReload::default();
    hot.changed(&mut game, &running());
    assert!(hot.offer.is_none(), "no restart is offered");
    assert_eq!((game.view.day, game.sim.checksum()), (day, sum));
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("citadel"))
        .unwrap()
        + 1;
    let want = format!("{}:{line}:", path.display());
    assert!(
        hot.errors
            .iter()
            .any(|e| e.starts_with(&want) && e.contains("citadel")),
        "an error at {want} naming the unknown region: {:?}",
        hot.errors
    );
}

#[test]
fn at_the_start_and_paused_the_edit_is_taken_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut game) = game_in(dir.path());
    edit(&path, BLUE_LINE, "location: \"city\", men: 20000.0");
    let mut hot = HotReload::default();
    hot.changed(&mut game, &Clock::default());
    assert!(hot.offer.is_none(), "nothing to ask");
    let b2 = game.view.by_id("b2").unwrap();
    assert_eq!(b2.strength.men, 20000.0);
    assert_eq!(game.view.steps, 0);
}

#[test]
fn a_restart_gives_the_players_answers_again() {
    let path = scenario::bundled("historical.ron");
    let loaded = scenario::load_path(&path).unwrap();
    let setup = Setup {
        controllers: [("ussr".to_string(), pact::scenario::Controller::Player)].into(),
        ..Setup::default()
    };
    let mut game = Game::new(&loaded, &path, &[], setup);
    while game.unanswered().is_empty() && !game.sim.finished() {
        game.step();
    }
    let d = game.unanswered()[0];
    let decision = game.scenario.decisions[d].clone();
    game.answer(d, 0);
    for _ in 0..5 {
        game.step();
    }
    let next = restart_with(&game, &loaded);
    assert_eq!(next.view.day, game.view.day);
    assert!(
        next.unanswered().is_empty(),
        "the past decision is not asked again"
    );
    let taken = &next.sim.ledger().decisions;
    assert!(
        taken
            .iter()
            .any(|t| t.decision == decision.id && t.option == decision.options[0].id),
        "the replay took the player's answer: {taken:?}"
    );
    // Same file, same course (only who is recorded as deciding differs).
    assert_eq!(next.sim.ledger().transfers, game.sim.ledger().transfers);
    assert_eq!(next.view.control, game.view.control);
}

#[test]
fn a_game_saved_from_the_menu_loads_back_to_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut game) = game_in(dir.path());
    game.sim.run_until("1941-08-20".parse::<Date>().unwrap());
    game.step();
    let file = dir.path().join("saves").join("g.ron");
    saves::save(&game, &file).expect("saves");
    let mut back = saves::load(&file).expect("loads");
    assert_eq!(back.view.day, game.view.day);
    assert_eq!(back.sim.checksum(), game.sim.checksum());
    for _ in 0..30 {
        game.step();
        back.step();
    }
    assert_eq!(
        back.sim.checksum(),
        game.sim.checksum(),
        "and runs on the same"
    );

    edit(&path, BLUE_LINE, "location: \"city\", men: 20000.0");
    let err = saves::load(&file).err().expect("a stale save is refused");
    assert!(err.contains("has changed"), "{err}");
}

#[test]
fn the_save_dialog_writes_the_file_named_in_its_field() {
    use bevy_egui::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use pact::gui::saves::{Mode, SaveDialog};

    let dir = tempfile::tempdir().unwrap();
    let (_, mut game) = game_in(dir.path());
    game.step();
    let mut dialog = SaveDialog::default();
    dialog.open(Mode::Save, &game);
    assert!(
        dialog
            .path
            .ends_with(&format!("mini-{}.ron", game.view.day)),
        "a default name from the scenario and date: {}",
        dialog.path
    );
    let file = dir.path().join("menu.ron");
    dialog.path = file.display().to_string();
    let mut harness = Harness::new_ui_state(
        |ui, (dialog, game): &mut (SaveDialog, Game)| {
            dialog.show(ui.ctx(), game);
        },
        (dialog, game),
    );
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Save game")
        .click();
    harness.run();
    assert!(file.exists(), "the click wrote the save");
    let back = saves::load(&file).expect("and it loads");
    assert_eq!(back.sim.checksum(), harness.state().1.sim.checksum());
}
