//! Lookups of the scenario's per-terrain, per-link and per-month multipliers.

use crate::scenario::{LinkKind, MovementParams, Terrain};

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

/// The ground's factor on a march over a link from ground `a` to ground `b`.
pub fn ground(m: &MovementParams, kind: LinkKind, a: Terrain, b: Terrain) -> f64 {
    ground_of(kind, terrain(&m.terrain, a), terrain(&m.terrain, b))
}

/// [`ground`] from the two grounds' own factors: their mean, except on a
/// river, where the boats do not touch it.
pub fn ground_of(kind: LinkKind, a: f64, b: f64) -> f64 {
    match kind {
        LinkKind::River => 1.0,
        _ => (a + b) / 2.0,
    }
}

/// The going of such a march: the link's factor times the ground's. Movement
/// and the planners both use it.
pub fn going(m: &MovementParams, kind: LinkKind, a: Terrain, b: Terrain) -> f64 {
    link(&m.links, kind) * ground(m, kind, a, b)
}

pub fn month(table: &[(u32, f64)], m: u32) -> f64 {
    factor(table, m)
}
