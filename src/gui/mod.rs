//! The game window (feature `gui`): bevy's window and renderer with bevy_egui
//! panels over a headless [`crate::sim::Simulation`], which stays the only
//! source of truth. The window steps it a number of days per frame (by speed,
//! within a time budget) and reads its state back to draw; it never keeps a
//! copy of simulation state beyond per-day views and plotted series.
//!
//! One plugin per file; [`layout`] decides where each panel goes, and each
//! panel's file owns what it shows.

pub mod agenda;
pub mod chronicle;
pub mod decisions;
pub mod effects;
pub mod end;
pub mod forecast;
pub mod frame_time;
pub mod history;
pub mod inspector;
pub mod layout;
pub mod map;
pub mod orders;
pub mod plots;
pub mod reload;
pub mod saves;
pub mod screenshot;
pub mod session;
pub mod start;
pub mod theme;
pub mod time;
pub mod treaty;

use crate::date::Date;
use crate::scenario::Loaded;
use crate::sim::Setup;
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;
use std::path::PathBuf;

/// Window size: fits a 1280×800 screen (and the CI's virtual one).
pub const WINDOW: (u32, u32) = (1280, 800);

/// What `pact play` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct PlayOptions {
    /// Start straight into this scenario; `None` opens the start screen.
    pub scenario: Option<(PathBuf, Loaded)>,
    /// Mod folders applied to every scenario (the direct start and the start screen's).
    pub mods: Vec<PathBuf>,
    /// Seed and controllers for a direct start (the start screen sets its own).
    pub setup: Setup,
    /// The start screen's preselected scenario file.
    pub preselect: Option<PathBuf>,
    /// Screenshot mode: advance to `date` (default: the end), wait `frames`, save, exit.
    pub screenshot: Option<PathBuf>,
    pub date: Option<Date>,
    pub frames: u32,
    /// The side panel's tab at the start (a screenshot of the Forecast tab waits for its forecast).
    pub tab: Option<layout::Tab>,
    /// Screenshot mode: at the date, select this formation (by id) and zoom in on it.
    pub select: Option<String>,
    /// Screenshot mode: at the date, orders given in the window (formation id, order).
    pub give: Vec<(String, crate::sim::command::Order)>,
}

/// Whether a window can be opened here: `Err` says why not.
pub use crate::display::check_display;

/// Opens the window and runs until it closes (or the screenshot is saved).
pub fn run(opts: PlayOptions) -> AppExit {
    let mut resolution = WindowResolution::new(WINDOW.0, WINDOW.1);
    if opts.screenshot.is_some() {
        // Screenshots are the same size in pixels on any screen.
        resolution = resolution.with_scale_factor_override(1.0);
    }
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "pact — the Soviet–Japanese front 1941–45".into(),
                resolution,
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .add_plugins(GuiPlugin { opts })
        .run()
}

/// Every part of the window; needs bevy's `DefaultPlugins` and `EguiPlugin`.
pub struct GuiPlugin {
    pub opts: PlayOptions,
}

impl Plugin for GuiPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(Color::srgb_u8(0x2b, 0x2f, 0x36)))
            .add_systems(Startup, |mut commands: Commands| {
                // egui draws everything, the map included; it needs one camera.
                commands.spawn(Camera2d);
            });
        app.add_plugins((
            session::plugin(self.opts.clone()),
            time::plugin,
            reload::plugin,
            frame_time::plugin,
            start::plugin(self.opts.preselect.clone(), self.opts.mods.clone()),
            layout::plugin,
            theme::plugin,
            screenshot::plugin(self.opts.clone()),
        ));
        if let Some(tab) = self.opts.tab {
            app.world_mut().resource_mut::<layout::UiState>().tab = tab;
        }
    }
}
