//! [`Simulation`]: a scenario, a seed and a setup, stepped day by day.

use super::build::{Setup, build};
use super::checksum::{Checksums, checksum};
use super::chronicle::{Chronicle, Entry};
use super::command::{Accepted, DatedOrder, Order, Refusal, check_order, command_of, give_order};
use super::ledger::Ledger;
use super::state::{Calendar, PlayerDesk};
use super::{SimDay, SimPlugin};
use crate::date::Date;
use crate::scenario::Scenario;
use bevy::prelude::*;
use std::sync::Arc;

pub struct Simulation {
    app: App,
    /// Orders a front end gave between days ([`Simulation::give_order`]), in
    /// the order given, each dated the day it was given for (the `today` of
    /// then): what a replay gives again at the same moments. Not part of the
    /// state (their effect is): a save does not need them.
    given: Vec<DatedOrder>,
}

impl Simulation {
    pub fn new(scenario: Arc<Scenario>, setup: &Setup) -> Simulation {
        let mut app = App::empty();
        app.add_plugins(SimPlugin);
        build(app.world_mut(), scenario, setup);
        Simulation {
            app,
            given: Vec::new(),
        }
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// The day the next step will simulate.
    pub fn today(&self) -> Date {
        self.world().resource::<Calendar>().today
    }

    /// The last day simulated (the day before `today`), or the start if none.
    pub fn last_day(&self) -> Date {
        let cal = self.world().resource::<Calendar>();
        if cal.today > cal.start {
            cal.today.add_days(-1)
        } else {
            cal.start
        }
    }

    /// Whether the scenario's end date has been simulated.
    pub fn finished(&self) -> bool {
        let cal = self.world().resource::<Calendar>();
        cal.today > cal.end
    }

    /// Simulates one day (does nothing once finished).
    pub fn step(&mut self) {
        if !self.finished() {
            self.app.world_mut().run_schedule(SimDay);
        }
    }

    /// Simulates every day up to and including `until` (or the end date).
    pub fn run_until(&mut self, until: Date) {
        while !self.finished() && self.today() <= until {
            self.step();
        }
    }

    pub fn run_to_end(&mut self) {
        while !self.finished() {
            self.step();
        }
    }

    pub fn chronicle(&self) -> &[Entry] {
        &self.world().resource::<Chronicle>().0
    }

    pub fn ledger(&self) -> &Ledger {
        self.world().resource::<Ledger>()
    }

    /// Checksum of the current state.
    pub fn checksum(&self) -> u64 {
        checksum(self.world())
    }

    pub fn daily_checksums(&self) -> &[(Date, u64)] {
        &self.world().resource::<Checksums>().0
    }

    /// Decisions waiting for a player's answer (indices into the scenario's decisions).
    pub fn waiting(&self) -> &[usize] {
        &self.world().resource::<PlayerDesk>().waiting
    }

    /// Queues dated orders (an orders file's): each is given, or refused in the
    /// chronicle, at the start of its day's orders phase. Kept in date order,
    /// orders of one day in the order queued.
    pub fn queue_orders(&mut self, orders: impl IntoIterator<Item = DatedOrder>) {
        let mut desk = self.world_mut().resource_mut::<PlayerDesk>();
        desk.orders.extend(orders);
        desk.orders.sort_by_key(|o| o.date);
    }

    /// Dated orders not yet given.
    pub fn queued_orders(&self) -> &[DatedOrder] {
        &self.world().resource::<PlayerDesk>().orders
    }

    /// Gives an order now (before the next day is simulated), through the same
    /// check as every other order: the window's way in. An order given is
    /// logged ([`Simulation::given_orders`]) for replays.
    pub fn give_order(
        &mut self,
        faction: &str,
        formation: &str,
        order: &Order,
    ) -> Result<(), Refusal> {
        let today = self.today();
        give_order(self.world_mut(), faction, formation, order, today)?;
        self.given.push(DatedOrder {
            date: today,
            faction: Some(faction.to_string()),
            formation: formation.to_string(),
            order: order.clone(),
        });
        Ok(())
    }

    /// Formation `id` and the formations under it in the chain of command.
    pub fn command_of(&self, id: &str) -> Vec<String> {
        command_of(self.world(), id)
    }

    /// The orders a front end gave between days so far (those
    /// [`Simulation::give_order`] accepted), each dated the day it was given for.
    pub fn given_orders(&self) -> &[DatedOrder] {
        &self.given
    }

    /// Checks an order as [`Simulation::give_order`] would, without giving it:
    /// a front end's preview of what it would do or why it is refused.
    pub fn check_order(
        &self,
        faction: &str,
        formation: &str,
        order: &Order,
    ) -> Result<Accepted, Refusal> {
        check_order(self.world(), faction, formation, order, self.today())
    }

    /// Gives a player's answer; it is taken on the next step.
    pub fn answer(&mut self, decision: usize, option: usize) {
        self.world_mut()
            .resource_mut::<PlayerDesk>()
            .answers
            .insert(decision, option);
    }
}
