//! The window's own cost per frame: building the egui panels and the map's
//! shapes (not egui's tessellation, not rendering), and simulating days.
//! Shown in the Debug tab; printed when a screenshot run exits.

use bevy::prelude::*;
use bevy_egui::egui::{Grid, Ui};
use std::collections::VecDeque;
use std::time::Duration;

/// Frames kept for the statistics.
const KEEP: usize = 240;

#[derive(Resource, Default, Clone, Debug)]
pub struct FrameTimes {
    /// Milliseconds spent building the UI, newest last.
    pub ui_ms: VecDeque<f64>,
    /// Milliseconds spent simulating, and days simulated, per frame.
    pub step_ms: VecDeque<f64>,
    pub days: VecDeque<u32>,
}

/// Mean, 95th percentile and maximum of a series, in its unit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub mean: f64,
    pub p95: f64,
    pub max: f64,
    pub n: usize,
}

impl Stats {
    pub fn of(xs: &VecDeque<f64>) -> Stats {
        if xs.is_empty() {
            return Stats::default();
        }
        let mut v: Vec<f64> = xs.iter().copied().collect();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        Stats {
            mean: v.iter().sum::<f64>() / n as f64,
            p95: v[((n as f64 * 0.95) as usize).min(n - 1)],
            max: v[n - 1],
            n,
        }
    }
}

fn push<T>(q: &mut VecDeque<T>, x: T) {
    if q.len() == KEEP {
        q.pop_front();
    }
    q.push_back(x);
}

impl FrameTimes {
    pub fn record_ui(&mut self, d: Duration) {
        push(&mut self.ui_ms, d.as_secs_f64() * 1e3);
    }

    pub fn record_step(&mut self, d: Duration, days: u32) {
        push(&mut self.step_ms, d.as_secs_f64() * 1e3);
        push(&mut self.days, days);
    }

    pub fn ui(&self) -> Stats {
        Stats::of(&self.ui_ms)
    }

    /// One line for logs: the UI's own per-frame CPU time.
    pub fn summary(&self) -> String {
        let s = self.ui();
        format!(
            "ui frame time (egui panels + map shapes, no rendering): mean {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} frames",
            s.mean, s.p95, s.max, s.n
        )
    }
}

/// The Debug tab: frame time readouts.
pub fn panel(ui: &mut Ui, times: &FrameTimes) {
    let row = |ui: &mut Ui, name: &str, s: Stats| {
        ui.label(name);
        ui.label(format!("{:.2}", s.mean));
        ui.label(format!("{:.2}", s.p95));
        ui.label(format!("{:.2}", s.max));
        ui.end_row();
    };
    ui.label(format!("last {} frames, milliseconds", times.ui_ms.len()));
    Grid::new("frame_times").striped(true).show(ui, |ui| {
        ui.label("");
        ui.label("mean");
        ui.label("p95");
        ui.label("max");
        ui.end_row();
        row(ui, "UI build", times.ui());
        row(ui, "simulation", Stats::of(&times.step_ms));
    });
    let days: u32 = times.days.iter().sum();
    ui.label(format!(
        "{days} days simulated in the last {} frames",
        times.days.len()
    ));
    ui.small("UI build: panels and map shapes, without egui tessellation or rendering.");
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FrameTimes>();
}
