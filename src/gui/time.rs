//! Time: pause, play at a speed, step a day, jump to a date. The simulation
//! is stepped here, in `Update`, a number of days a frame set by the speed and
//! capped by a time budget so the window never stalls.

use super::frame_time::FrameTimes;
use super::session::{DayNews, Game, GameSlot};
use crate::date::Date;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText, Ui};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Paused,
    /// Simulated days per second of real time.
    PerSecond(u32),
    /// As many days a frame as the time budget allows.
    Max,
}

impl Speed {
    /// The speeds the controls offer, with their labels.
    pub const CHOICES: [(Speed, &'static str); 5] = [
        (Speed::Paused, "Pause"),
        (Speed::PerSecond(1), "1 day/s"),
        (Speed::PerSecond(5), "5 days/s"),
        (Speed::PerSecond(20), "20 days/s"),
        (Speed::Max, "Max"),
    ];
}

/// The time controls' state: what the user asked for, and stepping's bookkeeping.
#[derive(Resource, Clone, Debug)]
pub struct Clock {
    pub speed: Speed,
    /// Fractional days owed at slow speeds.
    carry: f64,
    /// One day on demand (the step button), at any speed.
    pub step_once: bool,
    /// Run as fast as the budget allows until this day has been simulated, then pause.
    pub target: Option<Date>,
    /// Longest a frame may spend simulating.
    pub budget: Duration,
    /// The jump-to-date field's text.
    pub jump_text: String,
    /// Why the clock stopped by itself (a decision, the end), for the status line.
    pub note: Option<String>,
    /// Speed and target to return to once a waiting decision is answered.
    held: Option<(Speed, Option<Date>)>,
    /// What else stops the clock by itself.
    pub pause: AutoPause,
}

/// Auto-pause: what the clock stops for, at any speed (Max and jumps included),
/// read from what the day just simulated brought ([`super::session::DayNews`]).
/// A player's own decisions always stop it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoPause {
    pub war: bool,
    pub offensive: bool,
    pub region_lost: bool,
    /// Decisions taken by any faction (not only the player's).
    pub decision: bool,
}

impl Default for AutoPause {
    fn default() -> Self {
        AutoPause {
            war: true,
            offensive: true,
            region_lost: false,
            decision: false,
        }
    }
}

impl AutoPause {
    /// The options with their labels, as the menu shows them.
    pub fn options(&mut self) -> [(&mut bool, &'static str); 4] {
        [
            (&mut self.war, "war declared"),
            (&mut self.offensive, "offensive begins"),
            (&mut self.region_lost, "region of yours lost"),
            (&mut self.decision, "any faction decides"),
        ]
    }

    /// Why the day's news stops the clock, if it does.
    pub fn reason(&self, news: &DayNews) -> Option<String> {
        let first = |on: bool, list: &[String], what: &str| {
            (on && !list.is_empty()).then(|| match list.len() {
                1 => format!("paused: {}", list[0]),
                n => format!("paused: {} (+{} more {what})", list[0], n - 1),
            })
        };
        first(self.war, &news.wars, "wars")
            .or_else(|| {
                first(
                    self.region_lost,
                    &news
                        .lost
                        .iter()
                        .map(|r| format!("{r} lost"))
                        .collect::<Vec<_>>(),
                    "regions",
                )
            })
            .or_else(|| first(self.offensive, &news.offensives, "battles"))
            .or_else(|| first(self.decision, &news.decisions, "decisions"))
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            speed: Speed::Paused,
            carry: 0.0,
            step_once: false,
            target: None,
            budget: Duration::from_millis(12),
            jump_text: String::new(),
            note: None,
            held: None,
            pause: AutoPause::default(),
        }
    }
}

impl Clock {
    /// Days to simulate this frame, after `dt` seconds (before the budget cap).
    pub fn days_due(&mut self, dt: f64) -> u32 {
        let mut due = match (self.target, self.speed) {
            (Some(_), _) | (None, Speed::Max) => u32::MAX,
            (None, Speed::Paused) => 0,
            (None, Speed::PerSecond(n)) => {
                // A long frame must not bank a burst of days.
                self.carry = (self.carry + n as f64 * dt.min(0.25)).min(n as f64);
                let whole = self.carry.floor();
                self.carry -= whole;
                whole as u32
            }
        };
        if std::mem::take(&mut self.step_once) {
            due = due.max(1);
        }
        due
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
        self.target = None;
        self.carry = 0.0;
        self.note = None;
    }

    /// Pauses for a player's decision, remembering how it was running.
    pub fn hold_for_decision(&mut self) {
        if self.held.is_none() {
            self.held = Some((self.speed, self.target));
        }
        self.speed = Speed::Paused;
        self.target = None;
        self.carry = 0.0;
        self.note = Some("a decision is waiting".into());
    }

    /// Runs on as before the decision was asked.
    pub fn resume(&mut self) {
        if let Some((speed, target)) = self.held.take() {
            self.speed = speed;
            self.target = target;
            self.note = None;
        }
    }

    /// Stops by itself, saying why.
    pub fn halt(&mut self, why: impl Into<String>) {
        self.speed = Speed::Paused;
        self.target = None;
        self.carry = 0.0;
        self.note = Some(why.into());
    }
}

/// What the time controls show besides the clock.
#[derive(Clone, Debug)]
pub struct TimeStatus {
    pub date: Date,
    pub finished: bool,
}

/// The time controls: date, speeds, a step button and jump-to-date. Changes only the clock.
pub fn time_controls(ui: &mut Ui, clock: &mut Clock, status: &TimeStatus) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(status.date.to_string()).size(26.0).strong());
        ui.add_space(12.0);
        for (speed, label) in Speed::CHOICES {
            let on = clock.speed == speed && clock.target.is_none();
            if ui.selectable_label(on, label).clicked() {
                clock.set_speed(speed);
            }
        }
        if ui
            .add_enabled(!status.finished, egui::Button::new("+1 day"))
            .clicked()
        {
            clock.step_once = true;
        }
        ui.separator();
        ui.label("Jump to");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut clock.jump_text)
                .desired_width(86.0)
                .hint_text("YYYY-MM-DD"),
        );
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Go").clicked() || entered {
            match clock.jump_text.trim().parse::<Date>() {
                Ok(d) if d > status.date => {
                    clock.target = Some(d);
                    clock.note = None;
                }
                Ok(_) => clock.note = Some("that day is past: restart to go back".into()),
                Err(e) => clock.note = Some(e.to_string()),
            }
        }
        if let Some(t) = clock.target {
            ui.label(format!("running to {t}…"));
        } else if status.finished {
            ui.label("scenario ended");
        } else if let Some(note) = &clock.note {
            ui.label(note.as_str());
        }
    });
}

/// One frame's stepping, `dt` seconds after the last: as many days as the
/// clock owes, within its budget. Before each day it stops for a player
/// decision that is waiting or that the day would otherwise decide without
/// the player, so no speed runs past one; after each day it stops for what
/// [`AutoPause`] asks. Returns the days simulated.
pub fn run_frame(game: &mut Game, clock: &mut Clock, dt: f64) -> u32 {
    let due = clock.days_due(dt);
    let start = Instant::now();
    let mut done = 0;
    while done < due {
        if game.sim.finished() {
            clock.halt("scenario ended");
            break;
        }
        if !game.unanswered().is_empty() {
            clock.hold_for_decision();
            break;
        }
        if let Some(t) = clock.target
            && game.view.day >= t
            && game.view.steps > 0
        {
            clock.target = None;
            clock.speed = Speed::Paused;
            break;
        }
        game.step();
        done += 1;
        if let Some(why) = clock.pause.reason(&game.news) {
            clock.halt(why);
            break;
        }
        if start.elapsed() >= clock.budget {
            break;
        }
    }
    // A decision due after the last day stepped holds the clock now, so the
    // dialog opens in this frame rather than the next.
    if done > 0 && !game.unanswered().is_empty() {
        clock.hold_for_decision();
    }
    done
}

/// The game the window plays and what paces it: the systems that step, draw
/// and photograph it each take all three.
#[derive(SystemParam)]
pub(super) struct Play<'w> {
    pub slot: NonSendMut<'w, GameSlot>,
    pub clock: ResMut<'w, Clock>,
    pub times: ResMut<'w, FrameTimes>,
}

/// Steps the game by the clock, within the budget.
pub(super) fn advance(
    Play {
        mut slot,
        mut clock,
        mut times,
    }: Play,
    time: Res<Time>,
) {
    let Some(game) = slot.0.as_mut() else {
        return;
    };
    let start = Instant::now();
    let done = run_frame(game, &mut clock, time.delta_secs_f64());
    times.record_step(start.elapsed(), done);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Clock>().add_systems(Update, advance);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_give_days_by_elapsed_time() {
        let mut c = Clock::default();
        assert_eq!(c.days_due(1.0), 0);
        c.set_speed(Speed::PerSecond(20));
        let days: u32 = (0..60).map(|_| c.days_due(1.0 / 60.0)).sum();
        assert!((19..=20).contains(&days), "{days}");
        c.set_speed(Speed::PerSecond(1));
        assert_eq!(c.days_due(5.0), 0, "a long frame banks no burst");
        c.set_speed(Speed::Max);
        assert_eq!(c.days_due(0.016), u32::MAX, "max: the budget decides");
    }

    #[test]
    fn a_decision_holds_and_resume_restores() {
        let mut c = Clock::default();
        c.set_speed(Speed::PerSecond(5));
        c.hold_for_decision();
        assert_eq!(c.speed, Speed::Paused);
        c.resume();
        assert_eq!(c.speed, Speed::PerSecond(5));
    }
}
