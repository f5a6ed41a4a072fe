//! The agenda: what is coming for the player's factions, soonest first — their
//! decisions with the windows they are offered in, and the deadlines of the
//! treaties they are party to (from the running treaty state, so a
//! denunciation moves them). With no player faction it lists every faction's.

use super::session::Game;
use super::treaty::notice_deadline;
use crate::date::Date;
use crate::scenario::{Condition, TreatyStatus};
use crate::sim::state::{PolicyBook, Script, Treaties};
use bevy_egui::egui::{Color32, RichText, ScrollArea, Ui};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Decision,
    Treaty,
}

/// One thing coming.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaItem {
    /// The first day it matters (a decision's window opens, a deadline falls).
    pub date: Date,
    /// A decision's last day, if its window has one.
    pub until: Option<Date>,
    pub kind: ItemKind,
    pub what: String,
    /// Whose it is (faction names).
    pub whose: String,
    /// How it stands: open now, waiting for you, fixed by the scenario…
    pub note: String,
}

/// The agenda as of the next day to simulate.
#[derive(Clone, Debug, PartialEq)]
pub struct Agenda {
    pub today: Date,
    /// The player's factions (names); empty when nobody plays.
    pub players: Vec<String>,
    pub items: Vec<AgendaItem>,
}

/// Builds the agenda of `game` (what the tab shows).
pub fn agenda(game: &Game) -> Agenda {
    let today = game.sim.today();
    let players = game.player_factions();
    let cat = game.catalog();
    let mine = |faction_id: &str| {
        players.is_empty()
            || cat
                .faction(faction_id)
                .is_some_and(|f| players.contains(&f))
    };
    let name = |faction_id: &str| {
        cat.faction(faction_id)
            .map_or(faction_id.to_string(), |f| game.faction_name(f).to_string())
    };
    let world = game.sim.world();
    let (script, policy) = (world.resource::<Script>(), world.resource::<PolicyBook>());
    let unanswered = game.unanswered();
    let mut items = Vec::new();
    for (i, d) in game.scenario.decisions.iter().enumerate() {
        let closed = d.offered.until.is_some_and(|u| u < today);
        let taken = script.decisions.get(i).is_some_and(|t| t.is_some());
        if !mine(&d.faction) || closed || taken {
            continue;
        }
        let opens = d.offered.from.map_or(today, |f| f.max(today));
        let mut note = if unanswered.contains(&i) {
            "waiting for your answer".to_string()
        } else if opens <= today {
            "open now".to_string()
        } else {
            format!("in {}", days(opens.days_since(today)))
        };
        if let Some(fixed) = policy.0.get(&d.id) {
            let option = d
                .options
                .iter()
                .find(|o| &o.id == fixed)
                .map_or(fixed.as_str(), |o| o.name.as_str());
            note.push_str(&format!("; fixed: {option}"));
        }
        if d.offered.when != Condition::Always || d.offered.chance < 1.0 {
            note.push_str("; only if its conditions hold");
        }
        items.push(AgendaItem {
            date: opens,
            until: d.offered.until,
            kind: ItemKind::Decision,
            what: d.name.clone(),
            whose: name(&d.faction),
            note,
        });
    }
    let treaties = &world.resource::<Treaties>().0;
    for (def, state) in game.scenario.treaties.iter().zip(treaties) {
        if !def.parties.iter().any(|p| mine(p)) {
            continue;
        }
        let whose = def
            .parties
            .iter()
            .map(|p| name(p))
            .collect::<Vec<_>>()
            .join(" – ");
        let mut add = |date: Date, what: String| {
            if date >= today {
                items.push(AgendaItem {
                    date,
                    until: None,
                    kind: ItemKind::Treaty,
                    note: format!("in {}", days(date.days_since(today))),
                    what,
                    whose: whose.clone(),
                });
            }
        };
        match state.status {
            TreatyStatus::InForce => {
                if def.auto_renew
                    && let Some(n) = notice_deadline(def, state)
                {
                    add(n, format!("{}: last day to give notice", def.name));
                }
                if let Some(e) = state.expires {
                    let ends = if def.auto_renew { "renews" } else { "expires" };
                    add(e, format!("{}: term ends ({ends})", def.name));
                }
            }
            TreatyStatus::Denounced => {
                if let Some(e) = state.expires {
                    add(e, format!("{}: denounced, binding until", def.name));
                }
            }
            _ => {}
        }
    }
    items.sort_by_key(|i| i.date);
    Agenda {
        today,
        players: players
            .iter()
            .map(|&f| game.faction_name(f).to_string())
            .collect(),
        items,
    }
}

fn days(n: i32) -> String {
    match n {
        0 => "today".into(),
        1 => "1 day".into(),
        n if n < 60 => format!("{n} days"),
        n if n < 730 => format!("{} months", n / 30),
        n => format!("{} years", n / 365),
    }
}

pub fn panel(ui: &mut Ui, game: &Game) {
    let a = agenda(game);
    if a.players.is_empty() {
        ui.label("Nobody plays in this game: every faction's decisions and deadlines.");
    } else {
        ui.label(format!(
            "Coming for {}, from {}:",
            a.players.join(" and "),
            a.today
        ));
    }
    if a.items.is_empty() {
        ui.weak("Nothing left to decide and no treaty deadline ahead.");
        return;
    }
    // One item to a few lines, so that the narrow side panel wraps rather than clips.
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for item in &a.items {
                let when = match item.until {
                    Some(u) if u != item.date => format!("{} – {u}", item.date),
                    _ => item.date.to_string(),
                };
                let (kind, colour) = match item.kind {
                    ItemKind::Decision => ("decision", Color32::from_rgb(240, 200, 80)),
                    ItemKind::Treaty => ("treaty", Color32::from_rgb(120, 170, 230)),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(when).strong());
                    ui.label(RichText::new(kind).color(colour));
                    let waiting = item.note.starts_with("waiting");
                    let note = RichText::new(&item.note);
                    ui.label(if waiting {
                        note.color(colour).strong()
                    } else {
                        note.weak()
                    });
                });
                ui.label(&item.what).on_hover_text(&item.whose);
                ui.separator();
            }
        });
}
