//! Plots over time: men in the field by faction, cumulative losses by
//! faction, and men sent by rail to each theatre. The series are the window's
//! own record, sampled from the simulation once per simulated day (one point
//! a week, the latest day always current) so drawing stays cheap.

use super::map::rgb;
use super::session::{Game, WorldView};
use crate::date::Date;
use crate::scenario::Scenario;
use crate::sim::Simulation;
use bevy_egui::egui::{Color32, RichText, ScrollArea, Ui, ecolor::Hsva};
use egui_plot::{GridMark, HoverPosition, Line, Plot, PlotPoint};
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

/// The date at x (a fractional year), clamped to the calendar's range so that
/// no axis ever reads year -200000.
fn date_at(x: f64) -> Date {
    let days = ((x - 1970.0) * 365.2425).round();
    Date(days.clamp(-700_000.0, 700_000.0) as i32)
}

fn year_label(x: f64) -> String {
    let (y, m, _) = date_at(x).ymd();
    format!("{y}-{m:02}")
}

/// Months between calendar grid marks for a visible span of `years`.
fn month_step(years: f64) -> i32 {
    match years {
        y if y <= 1.5 => 1,
        y if y <= 4.0 => 3,
        y if y <= 8.0 => 6,
        _ => 12,
    }
}

/// Grid marks on the first day of months (every `month_step` months) within
/// `bounds`: a calendar axis, not decimal fractions of a year.
pub fn calendar_marks(bounds: (f64, f64)) -> Vec<GridMark> {
    let (lo, hi) = (bounds.0.max(1.0), bounds.1.min(9999.0));
    if !(hi - lo).is_finite() || hi <= lo {
        return Vec::new();
    }
    let step = month_step(hi - lo);
    let (y0, m0, _) = date_at(lo).ymd();
    let mut month = y0 * 12 + (m0 as i32 - 1);
    month -= month.rem_euclid(step);
    let mut out = Vec::new();
    while out.len() < 400 {
        let (y, m) = (month.div_euclid(12), month.rem_euclid(12) as u32 + 1);
        let Some(d) = Date::from_ymd(y, m, 1) else {
            break;
        };
        let x = year(d);
        if x > hi {
            break;
        }
        if x >= lo {
            out.push(GridMark {
                value: x,
                step_size: step as f64 / 12.0,
            });
        }
        month += step;
    }
    out
}

/// A count with thousands separators (`1234567` → `1,234,567`).
pub fn thousands(v: f64) -> String {
    let n = v.round();
    if !n.is_finite() {
        return String::new();
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        out.insert(0, '-');
    }
    out
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
            men[f.info.faction] += f.strength.men;
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

/// A plotted line with its legend entry.
struct Named<'a> {
    name: String,
    colour: Option<Color32>,
    points: &'a [PlotPoint],
}

/// The x range shown: from the scenario's first day, at least two months wide.
pub fn x_range(start: Date, today: Date) -> (f64, f64) {
    let lo = year(start);
    (lo, year(today).max(lo + 61.0 / 365.2425))
}

fn plot(ui: &mut Ui, id: &str, title: &str, xs: (f64, f64), lines: Vec<Named<'_>>) {
    ui.label(RichText::new(title).strong());
    if lines.is_empty() {
        // An empty plot would show a meaningless axis.
        ui.weak("nothing yet");
        return;
    }
    Plot::new(id)
        .height(150.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_x(xs.0)
        .include_x(xs.1)
        .x_grid_spacer(|input| calendar_marks(input.bounds))
        .x_axis_formatter(|m, _| {
            if m.step_size >= 1.0 {
                date_at(m.value).ymd().0.to_string()
            } else {
                year_label(m.value)
            }
        })
        .y_axis_formatter(|m, _| thousands(m.value))
        .y_axis_min_width(52.0)
        .label_formatter(|h| match h {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {}",
                year_label(position.x),
                thousands(position.y)
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .include_y(0.0)
        .show(ui, |p| {
            for (i, l) in lines.iter().enumerate() {
                let colour = l.colour.unwrap_or_else(|| auto_colour(i));
                p.line(Line::new(l.name.clone(), l.points).color(colour));
            }
        });
    // The legend under the plot, never over the latest (rightmost) data.
    ui.horizontal_wrapped(|ui| {
        for (i, l) in lines.iter().enumerate() {
            let colour = l.colour.unwrap_or_else(|| auto_colour(i));
            let last = l.points.last().map_or(0.0, |p| p.y);
            ui.label(RichText::new("■").color(colour));
            ui.label(format!("{} {}", l.name, thousands(last)));
        }
    });
    ui.add_space(4.0);
}

/// A colour for the i-th line without one (egui_plot's golden-ratio hue walk),
/// set on the line so that the legend below can match it.
fn auto_colour(i: usize) -> Color32 {
    let golden_ratio = (5.0_f32.sqrt() - 1.0) / 2.0;
    let h = i as f32 * golden_ratio;
    Hsva::new(h, 0.85, 0.5, 1.0).into()
}

/// One line per faction that ever had a non-zero value, in its colour.
fn faction_lines<'a>(s: &Scenario, series: &'a [Vec<PlotPoint>]) -> Vec<Named<'a>> {
    series
        .iter()
        .enumerate()
        .filter(|(_, pts)| pts.iter().any(|p| p.y > 0.0))
        .map(|(i, pts)| Named {
            name: s.factions[i].name.clone(),
            colour: Some(rgb(s.factions[i].color)),
            points: pts.as_slice(),
        })
        .collect()
}

pub fn panel(ui: &mut Ui, game: &Game) {
    let s = &*game.scenario;
    let xs = x_range(game.calendar().start, game.view.day);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            plot(
                ui,
                "men",
                "Men in the field",
                xs,
                faction_lines(s, &game.series.men),
            );
            plot(
                ui,
                "losses",
                "Losses so far (killed, wounded, captured)",
                xs,
                faction_lines(s, &game.series.losses),
            );
            let railed = game
                .series
                .railed
                .iter()
                .map(|(t, pts)| Named {
                    name: format!("to {}", crate::names::id_words(t)),
                    colour: None,
                    points: pts.as_slice(),
                })
                .collect();
            plot(
                ui,
                "railed",
                "Men sent by rail, by destination theatre",
                xs,
                railed,
            );
        });
}
