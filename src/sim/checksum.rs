//! A checksum of everything that can influence tomorrow, taken every day.
//! FNV-1a over little-endian bytes: identical on every platform.

use super::combat::Battles;
use super::roster::Roster;
use super::state::*;
use super::{DaySystems, SimDay};
use crate::date::Date;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The checksum of each simulated day, in order.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Checksums(pub Vec<(Date, u64)>);

/// FNV-1a style mixing, a 64-bit word at a time (bytes only for strings).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= *x as u64;
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }
    pub fn u64(&mut self, v: u64) {
        // Word-wise: eight times fewer multiplies than byte-wise FNV, same on every platform.
        self.0 = (self.0 ^ v).wrapping_mul(0x100_0000_01b3).rotate_left(29);
    }
    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// Named parts of the state, hashed separately so a divergence can be located.
pub fn part_hashes(world: &World) -> Vec<(&'static str, u64)> {
    let mut parts = Vec::new();
    let mut h = Fnv::default();
    let cal = world.resource::<Calendar>();
    h.u64(cal.today.0 as u64);
    h.u64(world.resource::<SimRng>().0.get_word_pos() as u64);
    parts.push(("calendar and rng", h.finish()));

    let mut h = Fnv::default();
    for &c in &world.resource::<Control>().0 {
        h.u64(c as u64);
    }
    parts.push(("region control", h.finish()));

    let mut h = Fnv::default();
    for t in &world.resource::<Treaties>().0 {
        h.u64(t.status as u64);
        for d in [t.in_force, t.expires, t.denounced] {
            h.u64(d.map_or(u64::MAX, |d| d.0 as u64));
        }
    }
    let d = world.resource::<Diplomacy>();
    for (a, b) in &d.wars {
        h.u64(*a as u64 * 256 + *b as u64);
    }
    for f in &d.factions {
        h.u64(f.controller as u64);
        h.u64(f.stance as u64);
        f.objectives.iter().for_each(|o| h.u64(*o as u64));
    }
    parts.push(("treaties and diplomacy", h.finish()));

    let mut h = Fnv::default();
    let s = world.resource::<Script>();
    s.flags.iter().for_each(|f| h.str(f));
    for (k, v) in &s.vars {
        h.str(k);
        h.f64(*v);
    }
    for e in &s.events {
        h.u64(e.fired as u64);
        h.u64(e.last.map_or(u64::MAX, |d| d.0 as u64));
    }
    for d in &s.decisions {
        h.u64(d.map_or(u64::MAX, |(d, o)| ((d.0 as u64) << 16) | o as u64));
    }
    parts.push(("flags, variables, events and decisions", h.finish()));

    let mut h = Fnv::default();
    for f in &world.resource::<Fronts>().0 {
        h.f64(f.distance_km);
        h.f64(f.attacker_power);
        h.f64(f.defender_base);
    }
    world
        .resource::<Battles>()
        .0
        .iter()
        .for_each(|b| h.u64(*b as u64));
    parts.push(("fronts and battles", h.finish()));

    let mut h = Fnv::default();
    for e in world.resource::<Roster>().entities() {
        let Ok(r) = world.get_entity(e) else { continue };
        if let Some(seq) = r.get::<FormationSeq>() {
            h.u64(seq.0 as u64);
        }
        if let Some(s) = r.get::<Strength>() {
            for v in [s.men, s.tanks, s.guns, s.aircraft, s.quality, s.winter] {
                h.f64(v);
            }
        }
        if let Some(p) = r.get::<FormationPosture>() {
            h.u64(p.0 as u64);
        }
        if let Some(s) = r.get::<Supply>() {
            h.f64(s.0);
        }
        if let Some(a) = r.get::<AdvanceAxis>() {
            h.u64(a.0.len() as u64);
            a.0.iter().for_each(|x| h.u64(*x as u64));
        }
        match r.get::<Location>() {
            Some(Location::At(x)) => h.u64(*x as u64),
            Some(Location::March { to, done_km, .. }) => {
                h.u64(1 << 32 | *to as u64);
                h.f64(*done_km);
            }
            Some(Location::Rail(t)) => {
                h.u64(2 << 32 | t.to as u64);
                h.u64(t.sent as u64);
            }
            None => {}
        }
    }
    parts.push(("formations", h.finish()));
    parts
}

/// The whole-state checksum: a hash of the part hashes.
pub fn checksum(world: &World) -> u64 {
    let mut h = Fnv::default();
    for (_, v) in part_hashes(world) {
        h.u64(v);
    }
    h.finish()
}

/// Records today's checksum, then moves the calendar on: the last system of a day.
pub fn close_day(world: &mut World) {
    let sum = checksum(world);
    let today = world.resource::<Calendar>().today;
    world.resource_mut::<Checksums>().0.push((today, sum));
    world.resource_mut::<Calendar>().today = today.add_days(1);
}

/// Adds this module's systems to the day.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(SimDay, close_day.in_set(DaySystems::CloseDay));
}
