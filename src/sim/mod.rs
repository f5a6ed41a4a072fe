//! The simulation: a Bevy world stepped one calendar day at a time by the
//! [`SimDay`] schedule. It reads no file, clock, terminal or window: front
//! ends give it a scenario, a seed and decisions, and read back the
//! chronicle, ledger, checksums and state.

pub mod build;
pub mod catalog;
pub mod checksum;
pub mod chronicle;
pub mod combat;
pub mod command;
pub mod conditions;
pub mod control;
pub mod decisions;
pub mod effects;
pub mod events;
pub mod fork;
pub mod ground;
pub mod ids;
pub mod ledger;
pub mod movement;
pub mod occupancy;
pub mod operations;
pub mod orders;
pub mod paths;
pub mod rail;
pub mod roster;
pub mod runner;
pub mod save;
pub mod state;
pub mod state_check;
pub mod strength;
pub mod supply;
pub mod terrain;
pub mod treaties;
pub mod war;
pub mod western_front;

pub use build::Setup;
pub use runner::Simulation;

use bevy::app::{App, Plugin};
use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

/// One simulated day.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct SimDay;

/// The day's phases, chained once, in this order. What may change when:
#[derive(SystemSet, Clone, Debug, PartialEq, Eq, Hash)]
pub enum DaySystems {
    /// Today's strength totals (read by conditions and the AI).
    Strength,
    /// Scripted events, then decisions: flags, treaties, wars, spawns, removals,
    /// surrenders, teleports and rail orders by script.
    Script,
    /// Treaty terms run out or renew.
    Treaties,
    /// Dated orders due today are given (or refused); formations standing in a
    /// region set out on marches their own order asks for, or else their
    /// faction's recorded plan, or the operational AI's for an `ai` faction.
    Orders,
    /// Trains and marches advance and arrive.
    Movement,
    /// Supply recovers or drains.
    Supply,
    /// Fighting on the map and on abstract fronts; strength falls only here.
    /// Beaten defenders fall back on a march or surrender.
    Combat,
    /// Regions change hands; destroyed formations leave.
    Control,
    /// Checksum of the day, then the calendar moves on.
    CloseDay,
}

/// The whole simulation as a plugin: the same schedule for the CLI, tests and the GUI.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let mut day = Schedule::new(SimDay);
        // Determinism: one thread, and any unordered conflicting pair is a build error.
        day.set_executor(SingleThreadedExecutor::new());
        day.set_build_settings(ScheduleBuildSettings {
            ambiguity_detection: LogLevel::Error,
            ..default()
        });
        use DaySystems::*;
        day.configure_sets(
            (
                Strength, Script, Treaties, Orders, Movement, Supply, Combat, Control, CloseDay,
            )
                .chain(),
        );
        // The day, in the order its systems run. Occupancy (who stands where)
        // is rebuilt before orders are given and again after formations moved.
        day.add_systems((
            strength::update_strength.in_set(Strength),
            (
                decisions::take_answers,
                events::run_events,
                decisions::run_decisions,
            )
                .chain()
                .in_set(Script),
            treaties::run_treaty_clock.in_set(Treaties),
            (
                command::give_due_orders,
                occupancy::rebuild_occupancy,
                orders::run_orders,
                operations::run_operations,
                command::follow_orders,
            )
                .chain()
                .in_set(Orders),
            (
                rail::run_rail,
                movement::run_march,
                occupancy::rebuild_occupancy,
            )
                .chain()
                .in_set(Movement),
            supply::run_supply.in_set(Supply),
            (combat::run_combat, western_front::run_fronts)
                .chain()
                .in_set(Combat),
            (control::run_control, control::remove_destroyed)
                .chain()
                .in_set(Control),
            checksum::close_day.in_set(CloseDay),
        ));
        app.add_schedule(day);
    }
}
