//! The treaty panel: each treaty's parties, status, clauses and a timeline of
//! its term with the notice period, from the scenario and the `Treaties` state.

use super::session::Game;
use crate::date::Date;
use crate::names::{capitalised, words};
use crate::scenario::{Treaty, TreatyStatus};
use crate::sim::state::{Treaties, TreatyState};
use bevy_egui::egui::{Color32, FontId, Rect, RichText, ScrollArea, Sense, Stroke, Ui, pos2, vec2};

fn status_colour(s: TreatyStatus) -> Color32 {
    match s {
        TreatyStatus::Draft | TreatyStatus::Signed => Color32::from_rgb(150, 150, 150),
        TreatyStatus::InForce => Color32::from_rgb(80, 160, 90),
        TreatyStatus::Denounced => Color32::from_rgb(220, 170, 60),
        TreatyStatus::Expired => Color32::from_rgb(110, 110, 130),
        TreatyStatus::Violated => Color32::from_rgb(210, 60, 50),
    }
}

fn status_name(s: TreatyStatus) -> &'static str {
    match s {
        TreatyStatus::Draft => "draft",
        TreatyStatus::Signed => "signed",
        TreatyStatus::InForce => "in force",
        TreatyStatus::Denounced => "denounced (binding until expiry)",
        TreatyStatus::Expired => "expired",
        TreatyStatus::Violated => "violated",
    }
}

/// The last day on which notice of denunciation stops the treaty renewing.
pub fn notice_deadline(def: &Treaty, state: &TreatyState) -> Option<Date> {
    state.expires.map(|e| e.add_days(-(def.notice_days as i32)))
}

pub fn panel(ui: &mut Ui, game: &Game) {
    let treaties = &game.sim.world().resource::<Treaties>().0;
    let cal = game.calendar();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if treaties.is_empty() {
                ui.weak("This scenario has no treaties.");
            }
            for (def, state) in game.scenario.treaties.iter().zip(treaties) {
                ui.label(RichText::new(&def.name).size(16.0).strong());
                let parties: Vec<&str> = def
                    .parties
                    .iter()
                    .map(|p| {
                        game.catalog()
                            .faction(p)
                            .map_or(p.as_str(), |f| game.faction_name(f))
                    })
                    .collect();
                ui.label(format!("between {}", parties.join(" and ")));
                ui.label(
                    RichText::new(status_name(state.status))
                        .color(status_colour(state.status))
                        .strong(),
                );
                ui.label(format!(
                    "term {} years from entry into force, notice {} days{}",
                    def.term_years,
                    def.notice_days,
                    if def.auto_renew {
                        ", renews unless denounced"
                    } else {
                        ""
                    }
                ));
                if let Some(d) = notice_deadline(def, state) {
                    ui.label(format!("notice must be given by {d}"));
                }
                timeline(ui, def, state, game.view.day, cal.start, cal.end);
                ui.collapsing("Clauses", |ui| {
                    for c in &def.clauses {
                        ui.label(RichText::new(capitalised(&words(&c.kind))).strong())
                            .on_hover_text(&c.id);
                        ui.label(&c.text);
                    }
                });
                ui.collapsing("History", |ui| {
                    for (d, st, by) in &state.history {
                        let who = by
                            .as_deref()
                            .map(|b| {
                                let who = game
                                    .catalog()
                                    .faction(b)
                                    .map_or(b, |f| game.faction_name(f));
                                format!(" by {who}")
                            })
                            .unwrap_or_default();
                        ui.label(format!("{d}  {}{who}", status_name(*st)));
                    }
                });
                ui.separator();
            }
        });
}

/// Where each timeline label goes, in the order given (the first placed
/// first): its left edge, kept inside `left..=right`, and its row (0 above
/// the bar, 1 below, 2 further above, 3 further below), the first row where
/// it overlaps no label placed before it. `labels` are (mark's x, text width).
pub fn place_labels(left: f32, right: f32, labels: &[(f32, f32)]) -> Vec<(f32, usize)> {
    const ROWS: usize = 4;
    const GAP: f32 = 6.0;
    let mut placed: Vec<(f32, f32, usize)> = Vec::new();
    for &(x, w) in labels {
        let lx = (x - w / 2.0).min(right - w).max(left);
        let free = |row: usize| {
            placed
                .iter()
                .filter(|p| p.2 == row)
                .all(|&(l, pw, _)| lx + w + GAP <= l || l + pw + GAP <= lx)
        };
        let row = (0..ROWS).find(|&r| free(r)).unwrap_or(ROWS - 1);
        placed.push((lx, w, row));
    }
    placed.into_iter().map(|(l, _, r)| (l, r)).collect()
}

/// A bar over the scenario's span: status periods, the term's end, the notice
/// deadline and today, each labelled where no other label is.
fn timeline(ui: &mut Ui, def: &Treaty, state: &TreatyState, today: Date, start: Date, end: Date) {
    const ROW: f32 = 14.0;
    let first = state.history.first().map_or(start, |h| h.0).min(start);
    let last = state.expires.map_or(end, |e| e.max(end));
    let span = last.days_since(first).max(1) as f32;
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width(), 4.0 * ROW + 16.0), Sense::hover());
    let bar = Rect::from_min_size(
        rect.min + vec2(0.0, 2.0 * ROW + 2.0),
        vec2(rect.width(), 12.0),
    );
    let x = |d: Date| bar.left() + bar.width() * d.days_since(first) as f32 / span;
    let p = ui.painter();
    p.rect_filled(bar, 2.0, Color32::from_gray(60));
    // Status periods, each until the next change (the last until today).
    for (i, (d, st, _)) in state.history.iter().enumerate() {
        let until = state.history.get(i + 1).map_or(today, |h| h.0).max(*d);
        let seg = Rect::from_x_y_ranges(x(*d)..=x(until), bar.y_range());
        p.rect_filled(seg, 0.0, status_colour(*st));
    }
    // Today first: it keeps the row next to the bar.
    let mut marks = vec![(today, Color32::from_rgb(240, 80, 80), "today".to_string())];
    if let Some(n) = notice_deadline(def, state) {
        marks.push((n, Color32::from_rgb(220, 170, 60), format!("notice by {n}")));
    }
    if let Some(e) = state.expires {
        marks.push((e, Color32::LIGHT_GRAY, format!("term ends {e}")));
    }
    if let Some(d) = state.denounced {
        marks.push((d, Color32::from_rgb(240, 200, 80), format!("denounced {d}")));
    }
    let font = FontId::proportional(super::theme::MIN_TEXT);
    let galleys: Vec<_> = marks
        .iter()
        .map(|(_, c, t)| p.layout_no_wrap(t.clone(), font.clone(), *c))
        .collect();
    let sizes: Vec<(f32, f32)> = marks
        .iter()
        .zip(&galleys)
        .map(|((d, ..), g)| (x(*d), g.size().x))
        .collect();
    for (((d, colour, _), galley), (lx, row)) in
        marks
            .iter()
            .zip(galleys)
            .zip(place_labels(rect.left(), rect.right(), &sizes))
    {
        let xx = x(*d);
        p.line_segment(
            [pos2(xx, bar.top() - 3.0), pos2(xx, bar.bottom() + 3.0)],
            Stroke::new(2.0, *colour),
        );
        let y = match row {
            0 => bar.top() - ROW - 1.0,
            1 => bar.bottom() + 2.0,
            2 => bar.top() - 2.0 * ROW - 1.0,
            _ => bar.bottom() + ROW + 2.0,
        };
        p.galley(pos2(lx, y), galley, *colour);
    }
}
