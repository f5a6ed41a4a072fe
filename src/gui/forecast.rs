//! The Forecast tab: from the day on screen, N futures run on background
//! threads (progress shown, cancel), each outcome's probability with its 95%
//! interval, the spread of key dates, and how the odds moved since the last
//! forecast. With a decision waiting for the player, its options side by side.

use super::session::Game;
use crate::batch::forecast::{Ask, Ended, Forecast};
use crate::batch::summary::{Figure, PointFigure, Probability, SweepSummary};
use crate::date::Date;
use crate::scenario::Scenario;
use crate::sim::save::SimState;
use bevy_egui::egui::{self, Grid, ProgressBar, RichText, ScrollArea, Ui};
use std::sync::Arc;

/// Futures per forecast unless the player asks for another number.
pub const DEFAULT_RUNS: u64 = 200;

/// A finished forecast as shown.
pub struct Shown {
    pub from: Date,
    pub summary: SweepSummary,
}

/// The tab's state: the forecast under way and the last two results.
pub struct ForecastPanel {
    pub runs: u64,
    /// Compare the options of the decision waiting for the player.
    pub side_by_side: bool,
    job: Option<Forecast>,
    pub last: Option<Shown>,
    previous: Option<Shown>,
    note: Option<String>,
}

impl Default for ForecastPanel {
    fn default() -> Self {
        ForecastPanel {
            runs: DEFAULT_RUNS,
            side_by_side: false,
            job: None,
            last: None,
            previous: None,
            note: None,
        }
    }
}

impl std::fmt::Debug for ForecastPanel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ForecastPanel")
            .field("runs", &self.runs)
            .field("running", &self.running())
            .finish_non_exhaustive()
    }
}

impl ForecastPanel {
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Asks a forecast under way to stop; the next poll notes it cancelled.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// What a forecast of `game` as it stands asks for.
    pub fn ask(&self, game: &Game) -> Ask {
        let waiting = game.unanswered();
        let compare = waiting.first().filter(|_| self.side_by_side).map(|&d| {
            let def = &game.scenario.decisions[d];
            (
                def.id.clone(),
                def.options.iter().map(|o| o.id.clone()).collect(),
            )
        });
        Ask {
            scenario: game.scenario.clone(),
            state: Arc::new(SimState::capture(game.sim.world())),
            controllers: game.origin.setup.controllers.clone(),
            compare,
            runs: self.runs,
            seed: game.origin.setup.seed,
            // One core stays with the window.
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get().saturating_sub(1).max(1)),
        }
    }

    /// Starts a forecast of `game` as it stands.
    pub fn start(&mut self, game: &Game) {
        match Forecast::start(self.ask(game)) {
            Ok(job) => {
                self.job = Some(job);
                self.note = None;
            }
            Err(e) => self.note = Some(e),
        }
    }

    /// Takes the result of a finished forecast, if there is one.
    pub fn poll(&mut self) {
        let Some(job) = &mut self.job else { return };
        let from = job.from;
        match job.poll() {
            None => {}
            Some(Ended::Done(summary)) => {
                self.previous = self.last.take();
                self.last = Some(Shown {
                    from,
                    summary: *summary,
                });
                self.job = None;
            }
            Some(Ended::Cancelled) => {
                self.note = Some("cancelled".into());
                self.job = None;
            }
        }
    }
}

pub fn panel(ui: &mut Ui, game: &Game, p: &mut ForecastPanel) {
    p.poll();
    ui.label(format!(
        "What happens after {}: futures of this moment, each a run with its own seed.",
        game.view.day
    ));
    ui.horizontal(|ui| {
        ui.label("Futures");
        ui.add_enabled(
            !p.running(),
            egui::DragValue::new(&mut p.runs).range(10..=5000).speed(10),
        );
    });
    if let Some(&d) = game.unanswered().first() {
        ui.add_enabled(
            !p.running(),
            egui::Checkbox::new(
                &mut p.side_by_side,
                format!(
                    "Each option of “{}” side by side",
                    game.scenario.decisions[d].name
                ),
            ),
        );
    }
    match &p.job {
        Some(job) => {
            let (done, total) = (job.done(), job.total.max(1));
            ui.add(
                ProgressBar::new(done as f32 / total as f32)
                    .text(format!("{done} of {total} futures")),
            );
            if ui.button("Cancel").clicked() {
                p.cancel();
            }
            ui.ctx().request_repaint();
        }
        None => {
            if ui.button("Forecast").clicked() {
                p.start(game);
            }
        }
    }
    if let Some(n) = &p.note {
        ui.label(RichText::new(n).weak());
    }
    ui.label(RichText::new("Factions played by you are decided by the AI in the futures.").weak());
    let Some(last) = &p.last else { return };
    ui.separator();
    ScrollArea::both().show(ui, |ui| {
        results(ui, &game.scenario, last, p.previous.as_ref());
    });
}

/// A summary column as a player reads it: `outcome.moscow_held` → "moscow held",
/// `capture.harbin_taken.date` → the history point's name.
fn label(column: &str, scenario: &Scenario) -> String {
    let bare = column.strip_suffix(".date").unwrap_or(column);
    if let Some(id) = bare.strip_prefix("capture.")
        && let Some(h) = scenario.history.iter().find(|h| h.id == id)
    {
        return h.name.clone();
    }
    let bare = bare.strip_prefix("outcome.").unwrap_or(bare);
    bare.replace(['_', '.'], " ")
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn interval(p: &Probability) -> String {
    format!("{}–{}", percent(p.ci95.0), percent(p.ci95.1))
}

fn results(ui: &mut Ui, scenario: &Scenario, last: &Shown, previous: Option<&Shown>) {
    let s = &last.summary;
    ui.strong(format!(
        "After {}: {} futures",
        last.from.add_days(-1),
        s.runs
    ));
    if s.points.len() > 1 {
        Grid::new("forecast-options").striped(true).show(ui, |ui| {
            ui.strong("option");
            ui.strong("outcome");
            ui.strong("probability");
            ui.strong("95%");
            ui.end_row();
            for point in &s.points {
                for o in &point.outcomes {
                    if let PointFigure::Probability(pr) = o {
                        ui.label(point.factors.join(", "));
                        ui.label(label(&pr.outcome, scenario));
                        ui.label(percent(pr.p));
                        ui.label(interval(pr));
                        ui.end_row();
                    }
                }
            }
        });
        return;
    }
    Grid::new("forecast-outcomes").striped(true).show(ui, |ui| {
        ui.strong("outcome");
        ui.strong("probability");
        ui.strong("95%");
        ui.strong("since last");
        ui.end_row();
        for o in &s.outcomes {
            ui.label(label(&o.outcome, scenario));
            ui.label(percent(o.p));
            ui.label(interval(o));
            let before = previous.and_then(|v| {
                v.summary
                    .outcomes
                    .iter()
                    .find(|x| x.outcome == o.outcome)
                    .map(|x| (v.from, x.p))
            });
            ui.label(before.map_or(String::new(), |(d, p)| {
                format!("{:+.0} pts (after {})", (o.p - p) * 100.0, d.add_days(-1))
            }));
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.strong("Key dates (runs in which it happens: median, 5th–95th percentile)");
    Grid::new("forecast-dates").striped(true).show(ui, |ui| {
        for m in &s.metrics {
            let (Some(Figure::Date(med)), Some(Figure::Date(lo)), Some(Figure::Date(hi))) =
                (m.median, m.p5, m.p95)
            else {
                continue;
            };
            ui.label(label(&m.metric, scenario));
            ui.label(format!("{} of {}", m.n, s.runs));
            ui.label(med.to_string());
            ui.label(format!("{lo} – {hi}"));
            ui.end_row();
        }
    });
}
