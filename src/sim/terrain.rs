//! Lookups of the scenario's per-terrain, per-link and per-month multipliers.

use crate::scenario::{LinkKind, Terrain};

/// The factor listed for `key`, or 1.0.
pub fn factor<K: PartialEq + Copy>(table: &[(K, f64)], key: K) -> f64 {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(1.0, |(_, v)| *v)
}

pub fn terrain(table: &[(Terrain, f64)], t: Terrain) -> f64 {
    factor(table, t)
}

pub fn link(table: &[(LinkKind, f64)], k: LinkKind) -> f64 {
    factor(table, k)
}

pub fn month(table: &[(u32, f64)], m: u32) -> f64 {
    factor(table, m)
}
