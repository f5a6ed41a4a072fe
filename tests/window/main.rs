//! The game window's tests, one binary apart from the simulation's suite: they
//! need the `gui` feature, and the smoke test (ignored by default) needs a display:
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" cargo test --release --test window -- --ignored
#![cfg(feature = "gui")]

#[path = "../common/mod.rs"]
mod common;

use pact::gui::session::Game;

/// A new game of the historical scenario with the USSR a player's, at its start.
fn ussr_player_game() -> Game {
    let path = pact::scenario::bundled("historical.ron");
    let loaded = pact::scenario::load_path(&path).expect("loads");
    let setup = pact::sim::Setup {
        seed: 1,
        controllers: [("ussr".to_string(), pact::scenario::Controller::Player)].into(),
        ..pact::sim::Setup::default()
    };
    Game::new(&loaded, &path, &[], setup)
}

mod forecast;
mod map;
mod orders;
mod player;
mod reload;
mod smoke;
mod ui;
