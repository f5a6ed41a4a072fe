//! Screenshot mode (`pact play --screenshot out.png`): run the game to a date
//! (default: the scenario's end), let the window settle for some frames, save
//! the window to a PNG and exit. Player decisions are answered as history did
//! on the way; one asked at the date stays open (its dialog in the picture).

use super::PlayOptions;
use super::frame_time::FrameTimes;
use super::layout::{Tab, UiState};

use super::time::Play;
use crate::date::Date;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Simulating up to the date.
    Running,
    /// At the date: frames drawn so far.
    Settling(u32),
    /// Screenshot asked for: frames waited so far.
    Requested(u32),
    /// Saved: frames since.
    Saved(u32),
}

#[derive(Resource, Debug)]
pub struct ScreenshotPlan {
    path: PathBuf,
    date: Option<Date>,
    frames: u32,
    phase: Phase,
    select: Option<String>,
    give: Vec<(String, crate::sim::command::Order)>,
}

/// Frames to wait for a capture before giving up.
const CAPTURE_TIMEOUT: u32 = 600;

fn drive(
    mut commands: Commands,
    mut plan: ResMut<ScreenshotPlan>,
    mut play: Play,
    mut ui: ResMut<UiState>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(game) = play.slot.0.as_mut() else {
        eprintln!("pact play --screenshot: no game to draw");
        exit.write(AppExit::error());
        return;
    };
    match plan.phase {
        Phase::Running => {
            let cal = game.calendar();
            let date = plan.date.unwrap_or(cal.end).min(cal.end);
            let arrived = game.view.day >= date || game.sim.finished();
            // On the way, answered as history did; at the date, a decision
            // asked is left open, so that the screenshot shows its dialog.
            if !arrived {
                for d in game.unanswered() {
                    let dec = &game.scenario.decisions[d];
                    let o = dec
                        .options
                        .iter()
                        .position(|o| o.id == dec.historical)
                        .unwrap_or(0);
                    game.answer(d, o);
                }
            }
            if arrived {
                play.clock.set_speed(super::time::Speed::Paused);
                // Orders given as the player would, then the selection.
                let find = |game: &super::session::Game, id: &str| {
                    let seq = game.view.by_id(id).map(|f| f.seq.0);
                    if seq.is_none() {
                        eprintln!("pact play: no formation `{id}` in the field");
                    }
                    seq
                };
                for (id, order) in &plan.give {
                    let Some(seq) = find(game, id) else { continue };
                    ui.orders.give(game, seq, order);
                    if let Some(Err(why)) = &ui.orders.message {
                        eprintln!("pact play --give: order to {id} refused: {why}");
                    }
                }
                let selected = plan.select.as_deref().and_then(|id| find(game, id));
                // Zoomed in on the selected formation's arrow (or where it stands).
                if let Some(seq) = selected {
                    ui.select(super::map::Selection::Formation(seq));
                    let pts = super::map::arrows::points(game, &game.layout, seq);
                    let at = match (pts.first(), pts.last()) {
                        (Some(&a), Some(&b)) => Some(a.lerp(b, 0.5)),
                        _ => game
                            .view
                            .formation(seq)
                            .and_then(|f| f.location.region())
                            .map(|r| game.layout.pos[r]),
                    };
                    if let Some(p) = at
                        && ui.view.fit > 0.0
                    {
                        ui.view.center = p;
                        ui.view.zoom = ui.view.fit * 2.6;
                    }
                }
                // Measure the frame time at the date only.
                *play.times = FrameTimes::default();
                plan.phase = Phase::Settling(0);
            } else {
                play.clock.target = Some(date);
                play.clock.budget = Duration::from_millis(100);
            }
        }
        // The Forecast tab is shown with its forecast: started here, polled by the tab.
        Phase::Settling(_) if ui.tab == Tab::Forecast && ui.forecast.last.is_none() => {
            if !ui.forecast.running() {
                ui.forecast.start(game);
            }
        }
        Phase::Settling(n) if n + 1 >= plan.frames => {
            let path = plan.path.clone();
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path))
                .observe(
                    |_: On<ScreenshotCaptured>, mut plan: ResMut<ScreenshotPlan>| {
                        plan.phase = Phase::Saved(0);
                    },
                );
            println!("{}", play.times.summary());
            plan.phase = Phase::Requested(0);
        }
        Phase::Settling(n) => plan.phase = Phase::Settling(n + 1),
        Phase::Requested(n) if n > CAPTURE_TIMEOUT => {
            eprintln!("pact play --screenshot: the window was never captured");
            exit.write(AppExit::error());
        }
        Phase::Requested(n) => plan.phase = Phase::Requested(n + 1),
        // The file is written by `save_to_disk` in the capture's observer; exit shortly after.
        Phase::Saved(n) if n >= 2 => {
            println!("saved {} ({})", plan.path.display(), game.view.day);
            exit.write(AppExit::Success);
        }
        Phase::Saved(n) => plan.phase = Phase::Saved(n + 1),
    }
}

pub(super) fn plugin(opts: PlayOptions) -> impl Fn(&mut App) + Send + Sync + 'static {
    move |app: &mut App| {
        let Some(path) = opts.screenshot.clone() else {
            return;
        };
        app.insert_resource(ScreenshotPlan {
            path,
            date: opts.date,
            frames: opts.frames.max(1),
            phase: Phase::Running,
            select: opts.select.clone(),
            give: opts.give.clone(),
        })
        .add_systems(Update, drive.after(super::time::advance));
    }
}
