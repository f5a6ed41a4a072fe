//! The treaty panel: each treaty's parties, status, clauses and a timeline of
//! its term with the notice period, from the scenario and the `Treaties` state.

use super::session::Game;
use crate::date::Date;
use crate::names::{capitalised, words};
use crate::scenario::{Treaty, TreatyStatus};
use crate::sim::state::{Treaties, TreatyState};
use bevy_egui::egui::{
    Align2, Color32, FontId, Rect, RichText, ScrollArea, Sense, Stroke, Ui, pos2, vec2,
};

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

/// A bar over the scenario's span: status periods, the term's end, the notice deadline and today.
fn timeline(ui: &mut Ui, def: &Treaty, state: &TreatyState, today: Date, start: Date, end: Date) {
    let first = state.history.first().map_or(start, |h| h.0).min(start);
    let last = state.expires.map_or(end, |e| e.max(end));
    let span = last.days_since(first).max(1) as f32;
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 46.0), Sense::hover());
    let bar = Rect::from_min_size(rect.min + vec2(0.0, 14.0), vec2(rect.width(), 12.0));
    let x = |d: Date| bar.left() + bar.width() * d.days_since(first) as f32 / span;
    let p = ui.painter();
    p.rect_filled(bar, 2.0, Color32::from_gray(60));
    // Status periods, each until the next change (the last until today).
    for (i, (d, st, _)) in state.history.iter().enumerate() {
        let until = state.history.get(i + 1).map_or(today, |h| h.0).max(*d);
        let seg = Rect::from_x_y_ranges(x(*d)..=x(until), bar.y_range());
        p.rect_filled(seg, 0.0, status_colour(*st));
    }
    let small = FontId::proportional(10.0);
    let mark = |d: Date, colour: Color32, label: &str, below: bool| {
        let xx = x(d);
        p.line_segment(
            [pos2(xx, bar.top() - 3.0), pos2(xx, bar.bottom() + 3.0)],
            Stroke::new(2.0, colour),
        );
        let (y, anchor) = if below {
            (bar.bottom() + 4.0, Align2::CENTER_TOP)
        } else {
            (bar.top() - 3.0, Align2::CENTER_BOTTOM)
        };
        p.text(pos2(xx, y), anchor, label, small.clone(), colour);
    };
    if let Some(e) = state.expires {
        mark(e, Color32::LIGHT_GRAY, &format!("term ends {e}"), true);
    }
    if let Some(n) = notice_deadline(def, state) {
        mark(n, Color32::from_rgb(220, 170, 60), "notice by", false);
    }
    if let Some(d) = state.denounced {
        mark(d, Color32::from_rgb(240, 200, 80), "denounced", true);
    }
    mark(today, Color32::from_rgb(240, 80, 80), "today", false);
}
