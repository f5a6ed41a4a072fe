//! A checksum of everything that can influence tomorrow, taken every day.
//! FNV-1a over little-endian bytes: identical on every platform.

use super::roster::RecordHashes;
pub use super::save::{daily_checksum, part_hashes};
use super::state::*;
use crate::date::Date;
use bevy::ecs::change_detection::Tick;
use bevy::prelude::*;
use serde::{Deserialize, Serialize, ser};
use std::fmt;

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
    /// Carries on from a state [`Fnv::finish`] returned, as if nothing had been fed since.
    pub fn resume(state: u64) -> Fnv {
        Fnv(state)
    }
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
    /// Length, then the bytes one by one: the sweep fingerprint's form, pinned
    /// (tests/sweep.rs), so shards of earlier versions still merge.
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
    /// Length, then eight bytes a word (the last word zero-padded): the state
    /// checksum's form, eight times fewer multiplies for the daily hash.
    pub fn words(&mut self, s: &str) {
        self.u64(s.len() as u64);
        for c in s.as_bytes().chunks(8) {
            let mut w = [0; 8];
            w[..c.len()].copy_from_slice(c);
            self.u64(u64::from_le_bytes(w));
        }
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Fnv {
    /// Adds a value's serde serialisation to the hash: every field of a state
    /// part is covered without being listed here, so a field added tomorrow is
    /// covered too. Field and variant names are not hashed (the order and
    /// index fix them).
    pub fn feed<T: Serialize + ?Sized>(&mut self, v: &T) {
        // The hasher never fails; a value's own `Serialize` could, and then it is hashed as far as it got.
        let _ = v.serialize(&mut *self);
    }
}

/// `collect_str` (dates) goes straight into the hash, without a `String`.
impl fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

/// Integers, bools and chars: one word each (sign-extended).
macro_rules! words {
    ($($m:ident: $t:ty),* $(,)?) => {$(
        fn $m(self, v: $t) -> Result<(), fmt::Error> {
            self.u64(v as u64);
            Ok(())
        }
    )*};
}

/// Scalars become one word each; containers hash their length, options and variants a tag.
impl ser::Serializer for &mut Fnv {
    type Ok = ();
    type Error = fmt::Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    /// Dates hash as day numbers, not text.
    fn is_human_readable(&self) -> bool {
        false
    }

    words!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_char: char,
    );
    fn serialize_i128(self, v: i128) -> Result<(), fmt::Error> {
        self.serialize_u128(v as u128)
    }
    fn serialize_u128(self, v: u128) -> Result<(), fmt::Error> {
        self.u64(v as u64);
        self.u64((v >> 64) as u64);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), fmt::Error> {
        self.f64(v as f64);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), fmt::Error> {
        self.f64(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), fmt::Error> {
        self.words(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), fmt::Error> {
        self.u64(v.len() as u64);
        self.bytes(v);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> Result<(), fmt::Error> {
        fmt::Write::write_fmt(self, format_args!("{v}"))?;
        self.u64(u64::MAX);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), fmt::Error> {
        self.u64(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), fmt::Error> {
        self.u64(1);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), fmt::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), fmt::Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
    ) -> Result<(), fmt::Error> {
        self.u64(i as u64);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), fmt::Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), fmt::Error> {
        self.u64(i as u64);
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, fmt::Error> {
        self.u64(len.map_or(u64::MAX, |n| n as u64));
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, fmt::Error> {
        self.u64(i as u64);
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, fmt::Error> {
        self.serialize_seq(len)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, fmt::Error> {
        self.serialize_tuple_variant(name, i, variant, len)
    }
}

/// The compound serialisers: each element is fed in order; nothing marks the end
/// (lengths are hashed up front, and a struct's shape is fixed).
macro_rules! compound {
    ($($tr:ident :: $m:ident $(($key:ty))?),* $(,)?) => {$(
        impl ser::$tr for &mut Fnv {
            type Ok = ();
            type Error = fmt::Error;
            fn $m<T: Serialize + ?Sized>(&mut self, $(_: $key,)? v: &T) -> Result<(), fmt::Error> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), fmt::Error> {
                Ok(())
            }
        }
    )*};
}
compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str),
);

impl ser::SerializeMap for &mut Fnv {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), fmt::Error> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), fmt::Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

/// The whole-state checksum: a hash of the part hashes.
pub fn checksum(world: &World) -> u64 {
    let mut h = Fnv::default();
    for (_, v) in part_hashes(world) {
        h.u64(v);
    }
    h.finish()
}

/// What the daily checksum hashed on its last day, reused for what has not
/// changed since (Bevy's change ticks tell): on a quiet day a formation costs
/// one word instead of every field. Derived, never saved; restoring a state
/// starts it afresh.
#[derive(Resource, Default)]
pub struct HashCache {
    since: Since,
    parts: Vec<u64>,
    pub records: RecordHashes,
}

/// The ticks of the last daily checksum (none before the first) and of this one.
#[derive(Clone, Copy, Default)]
pub struct Since {
    seen: Option<Tick>,
    now: Tick,
}

impl Since {
    /// Whether a change at `tick` came after the last daily checksum.
    pub fn changed(self, tick: Tick) -> bool {
        self.seen
            .is_none_or(|seen| tick.is_newer_than(seen, self.now))
    }
}

impl HashCache {
    pub fn since(&self) -> Since {
        self.since
    }

    /// The hash of part number `slot`: the last day's when the part is unchanged.
    pub fn part(&mut self, slot: usize, changed: bool, hash: impl FnOnce() -> u64) -> u64 {
        let v = match self.parts.get(slot) {
            Some(&v) if !changed && self.since.seen.is_some() => v,
            _ => hash(),
        };
        if slot >= self.parts.len() {
            self.parts.resize(slot + 1, 0);
        }
        self.parts[slot] = v;
        v
    }
}

/// Records today's checksum, then moves the calendar on: the last system of a day.
pub fn close_day(world: &mut World) {
    // Taken out and put back unmarked: the cache is not state, and moving it
    // costs less than taking the resource out of the world.
    let mut cache = std::mem::take(world.resource_mut::<HashCache>().bypass_change_detection());
    cache.since.now = world.read_change_tick();
    let sum = daily_checksum(world, &mut cache);
    cache.since.seen = Some(cache.since.now);
    *world.resource_mut::<HashCache>().bypass_change_detection() = cache;
    // Changes from here on carry a later tick than the one just hashed.
    world.increment_change_tick();
    let today = world.resource::<Calendar>().today;
    world.resource_mut::<Checksums>().0.push((today, sum));
    world.resource_mut::<Calendar>().today = today.add_days(1);
}
