//! The game window's own CPU time per frame: every panel and the map's
//! shapes and counters for the full historical scenario on 15 August 1945,
//! built by egui without a window (no tessellation, no rendering), and the
//! Forecast tab's frame while a forecast runs on the other core (the worker
//! is restarted whenever it finishes, so every measured frame has one beside
//! it). Target: under 2 ms a frame.
//!
//!     cargo bench --bench ui_frame

use bevy_egui::egui::{self, Pos2, RawInput, Rect, vec2};
use criterion::{Criterion, criterion_group, criterion_main};
use pact::gui::frame_time::FrameTimes;
use pact::gui::layout::{Tab, UiState, game_ui};
use pact::gui::map::land::Land;
use pact::gui::reload::HotReload;
use pact::gui::session::Game;
use pact::gui::time::Clock;
use pact::scenario;
use pact::sim::Setup;
use std::hint::black_box;

fn frame(c: &mut Criterion) {
    let path = scenario::bundled("historical.ron");
    let loaded = scenario::load_path(&path).expect("historical loads");
    let mut game = Game::new(&loaded, &path, &[], Setup::default());
    let day: pact::date::Date = "1945-08-15".parse().unwrap();
    while game.view.day < day {
        game.step();
    }
    let land = Land::load();
    let ctx = egui::Context::default();
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        ..RawInput::default()
    };
    let mut group = c.benchmark_group("ui_frame");
    let tabs = [
        ("plots", Tab::Plots, false),
        ("history", Tab::History, false),
        ("forecast_idle", Tab::Forecast, false),
        ("forecast_running", Tab::Forecast, true),
    ];
    for (name, tab, forecasting) in tabs {
        let mut state = UiState {
            tab,
            ..UiState::default()
        };
        state.forecast.runs = 5000;
        let (mut clock, times, mut hot) = (
            Clock::default(),
            FrameTimes::default(),
            HotReload::default(),
        );
        let mut frame = || {
            if forecasting && !state.forecast.running() {
                state.forecast.start(&game);
            }
            let out = ctx.run_ui(input(), |ui| {
                game_ui(
                    ui, &mut game, &mut state, &mut clock, &land, &times, &mut hot,
                );
            });
            let n: usize = out.shapes.len();
            // No renderer takes the font atlas here.
            out.drop_without_applying_deltas();
            n
        };
        // The land mesh alone is one shape; links, regions and counters are hundreds.
        let shapes = frame();
        assert!(
            shapes > 300,
            "the map and panels are drawn: {shapes} shapes"
        );
        group.bench_function(format!("historical_1945-08-15_{name}"), |b| {
            b.iter(|| black_box(frame()))
        });
        assert_eq!(
            state.forecast.running(),
            forecasting,
            "a forecast runs beside the frames measured, and only there"
        );
        state.forecast.cancel();
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
