//! Plots over time: men in the field by faction, cumulative losses by
//! faction, and men sent by rail to each theatre. The series are the window's
//! own record, sampled from the simulation once per simulated day (one point
//! a week, the latest day always current) so drawing stays cheap.

use super::map::rgb;
use super::session::{Game, WorldView};
use crate::date::Date;
use crate::scenario::Scenario;
use crate::sim::Simulation;
use bevy_egui::egui::{RichText, ScrollArea, Ui};
use egui_plot::{HoverPosition, Legend, Line, Plot, PlotPoint};
use std::collections::BTreeMap;

/// Days per plotted point.
const STRIDE: i32 = 7;

#[derive(Clone, Debug, Default)]
pub struct Series {
    /// Per faction (scenario order).
    pub men: Vec<Vec<PlotPoint>>,
    /// Killed, wounded and captured so far, per faction.
    pub losses: Vec<Vec<PlotPoint>>,
    /// Men entrained so far, by destination theatre.
    pub railed: BTreeMap<String, Vec<PlotPoint>>,
    /// Stride bucket of the last point (it is overwritten until the next bucket).
    bucket: Option<i32>,
}

/// A date as a fractional year, the plots' x axis.
pub fn year(d: Date) -> f64 {
    1970.0 + d.0 as f64 / 365.2425
}

fn year_label(x: f64) -> String {
    let (y, m, _) = Date(((x - 1970.0) * 365.2425).round() as i32).ymd();
    format!("{y}-{m:02}")
}

fn put(line: &mut Vec<PlotPoint>, p: PlotPoint, fresh: bool) {
    match line.last_mut() {
        Some(last) if !fresh => *last = p,
        _ => line.push(p),
    }
}

impl Series {
    /// Adds today's values (called after every simulated day and at the start).
    pub fn record(&mut self, view: &WorldView, sim: &Simulation, s: &Scenario) {
        let x = year(view.day);
        let bucket = view.day.0.div_euclid(STRIDE);
        let fresh = self.bucket != Some(bucket);
        self.bucket = Some(bucket);
        let n = s.factions.len();
        self.men.resize_with(n, Vec::new);
        self.losses.resize_with(n, Vec::new);
        let mut men = vec![0.0; n];
        for f in &view.formations {
            men[f.faction] += f.strength.men;
        }
        let ledger = sim.ledger();
        for (i, f) in s.factions.iter().enumerate() {
            put(&mut self.men[i], PlotPoint::new(x, men[i]), fresh);
            let lost = ledger
                .losses
                .get(&f.id)
                .map_or(0.0, |l| l.killed + l.wounded + l.captured);
            put(&mut self.losses[i], PlotPoint::new(x, lost), fresh);
        }
        let mut railed: BTreeMap<&str, f64> = BTreeMap::new();
        for t in &ledger.transfers {
            if t.departed.is_some_and(|d| d <= view.day) {
                *railed.entry(t.to_theatre.as_str()).or_default() += t.men;
            }
        }
        for (theatre, m) in railed {
            let line = self.railed.entry(theatre.to_string()).or_default();
            let fresh = fresh || line.is_empty();
            put(line, PlotPoint::new(x, m), fresh);
        }
    }
}

fn plot(ui: &mut Ui, id: &str, title: &str, lines: Vec<Line<'_>>) {
    ui.label(RichText::new(title).strong());
    if lines.is_empty() {
        // An empty plot would show a meaningless axis.
        ui.weak("nothing yet");
        return;
    }
    Plot::new(id)
        .height(150.0)
        .legend(Legend::default())
        .allow_scroll(false)
        .x_axis_formatter(|m, _| year_label(m.value))
        .label_formatter(|h| match h {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.0}",
                year_label(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .include_y(0.0)
        .show(ui, |p| {
            for l in lines {
                p.line(l);
            }
        });
}

/// One line per faction that ever had a non-zero value, in its colour.
fn faction_lines<'a>(s: &Scenario, series: &'a [Vec<PlotPoint>]) -> Vec<Line<'a>> {
    series
        .iter()
        .enumerate()
        .filter(|(_, pts)| pts.iter().any(|p| p.y > 0.0))
        .map(|(i, pts)| {
            Line::new(s.factions[i].name.clone(), pts.as_slice()).color(rgb(s.factions[i].color))
        })
        .collect()
}

pub fn panel(ui: &mut Ui, game: &Game) {
    let s = &*game.scenario;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            plot(
                ui,
                "men",
                "Men in the field",
                faction_lines(s, &game.series.men),
            );
            plot(
                ui,
                "losses",
                "Losses so far (killed, wounded, captured)",
                faction_lines(s, &game.series.losses),
            );
            let railed = game
                .series
                .railed
                .iter()
                .map(|(t, pts)| Line::new(format!("to {t}"), pts.as_slice()))
                .collect();
            plot(
                ui,
                "railed",
                "Men sent by rail, by destination theatre",
                railed,
            );
        });
}
